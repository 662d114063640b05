/* ct-cli.h: the command line, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The default database: $XDG_DATA_HOME/city-ties/city-ties.db */
char *ct_cli_get_default_database (void);

/* Parses the options and does the work; returns the exit status (0 success, 1 failure). out and
 * err receive the summary and the messages (stdout and stderr in main()). */
int   ct_cli_run                  (int      argc,
                                   char   **argv,
                                   GString *out,
                                   GString *err);

G_END_DECLS
