/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ct-application.h"
#include "ct-cli.h"

/* --import, --export, --summary, --version and --help do their work and exit without a display */
static gboolean
wants_command_line (int    argc,
                    char **argv)
{
  static const char *options[] = { "--import", "--export", "--summary", "--version", "--help", "-h", "-i", "-e", "-s", "-?" };

  for (int i = 1; i < argc; i++)
    for (guint j = 0; j < G_N_ELEMENTS (options); j++)
      {
        gsize len = strlen (options[j]);

        if (strncmp (argv[i], options[j], len) == 0 &&
            (argv[i][len] == '\0' || argv[i][len] == '=' || (options[j][1] != '-' && len == 2)))
          return TRUE;
      }

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CtApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (wants_command_line (argc, argv))
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) err = g_string_new (NULL);
      int status = ct_cli_run (argc, argv, out, err);

      fputs (out->str, stdout);
      fputs (err->str, stderr);
      return status;
    }

  app = ct_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
