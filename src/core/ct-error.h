/* ct-error.h: the City Ties error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CT_ERROR (ct_error_quark ())

typedef enum {
  CT_ERROR_FAILED,        /* anything else */
  CT_ERROR_INVALID_INPUT, /* a file or value that cannot be accepted; message names file, line, field */
  CT_ERROR_TOO_LARGE,     /* a file, string or nesting beyond the documented limits */
  CT_ERROR_NOT_FOUND,     /* a record that does not exist */
  CT_ERROR_CONSTRAINT,    /* a change the data model forbids */
  CT_ERROR_DATABASE,      /* SQLite failed; the message carries SQLite's */
  CT_ERROR_BUSY,          /* another process holds the database past the busy timeout */
  CT_ERROR_VERSION,       /* a database or file from a newer version of City Ties */
  CT_ERROR_CANCELLED,
  CT_ERROR_CONFLICT,      /* undo or redo: a record the step touched was changed elsewhere since */
} CtError;

GQuark ct_error_quark (void);

/* Documented limits (docs/format.md) */
#define CT_MAX_FILE_SIZE    ((gsize) 512 * 1024 * 1024)
#define CT_MAX_STRING_BYTES 65536
#define CT_MAX_JSON_DEPTH   64
#define CT_MAX_CSV_FIELDS   64

G_END_DECLS
