/* ct-json-reader.h: parses JSON files with json-glib, within limits, remembering lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ct-import-progress.h"

G_BEGIN_DECLS

typedef struct _CtJsonReader CtJsonReader;

/* Checks the documented limits (size, UTF-8, nesting) and parses. Errors name the file and line:
 * "data.json:3:14: …" for syntax errors. */
CtJsonReader *ct_json_reader_parse       (const char    *data,
                                          gsize          length,
                                          const char    *filename,
                                          GError       **error);
/* The same, reporting to progress (may be NULL) how far the parse has got */
CtJsonReader *ct_json_reader_parse_full  (const char        *data,
                                          gsize              length,
                                          const char        *filename,
                                          CtImportProgress  *progress,
                                          GError           **error);
void          ct_json_reader_free        (CtJsonReader  *self);
JsonNode     *ct_json_reader_get_root    (CtJsonReader  *self);
const char   *ct_json_reader_get_filename (CtJsonReader *self);
/* For the progress given to ct_json_reader_parse_full(): the importer has got to object */
void          ct_json_reader_report_progress (CtJsonReader *self,
                                              JsonObject   *object);
/* The line on which object starts, 0 if unknown */
guint         ct_json_reader_get_line    (CtJsonReader  *self,
                                          JsonObject    *object);

/* Field access for importers. Each sets an error "file:line: path.member: …" on a wrong type.
 * A missing member or null gives NULL/FALSE-free defaults: optional strings are NULL. */
gboolean ct_json_get_string  (CtJsonReader  *self,
                              JsonObject    *object,
                              const char    *path,
                              const char    *member,
                              gboolean       required,
                              char         **out,
                              GError       **error);
gboolean ct_json_get_double  (CtJsonReader  *self,
                              JsonObject    *object,
                              const char    *path,
                              const char    *member,
                              gboolean       required,
                              double        *out,
                              GError       **error);
gboolean ct_json_get_int     (CtJsonReader  *self,
                              JsonObject    *object,
                              const char    *path,
                              const char    *member,
                              gint64        *out,
                              GError       **error);
/* An array member; *out is NULL when missing or null */
gboolean ct_json_get_array   (CtJsonReader  *self,
                              JsonObject    *object,
                              const char    *path,
                              const char    *member,
                              JsonArray    **out,
                              GError       **error);
/* An array of strings appended to a GPtrArray of char * */
gboolean ct_json_get_strings (CtJsonReader  *self,
                              JsonObject    *object,
                              const char    *path,
                              const char    *member,
                              GPtrArray     *out,
                              GError       **error);
/* Element index of array as an object */
JsonObject *ct_json_get_object_element (CtJsonReader  *self,
                                        JsonObject    *parent,
                                        JsonArray     *array,
                                        const char    *path,
                                        guint          index,
                                        GError       **error);

/* Sets CT_ERROR_INVALID_INPUT with "file:line: path: message" */
void ct_json_set_error (CtJsonReader  *self,
                        JsonObject    *object,
                        const char    *path,
                        GError       **error,
                        const char    *format,
                        ...) G_GNUC_PRINTF (5, 6);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtJsonReader, ct_json_reader_free)

G_END_DECLS
