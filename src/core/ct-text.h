/* ct-text.h: checks and helpers for text read from files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Line numbers and columns in messages are 1-based.  A line ends at LF, CR LF or
 * a lone CR; a column counts characters (not bytes) from the start of the line.
 * @filename is the name shown in messages (may be %NULL).
 */
gboolean    ct_text_check_utf8      (const char  *data,
                                     gsize        len,
                                     const char  *filename,
                                     GError     **error);
const char *ct_text_skip_bom        (const char  *data,
                                     gsize       *len);
char       *ct_text_describe_value  (const char  *value);

G_END_DECLS
