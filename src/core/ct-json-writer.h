/* ct-json-writer.h: writes JSON text with stable formatting
 *
 * JsonGenerator prints every double with 17 significant digits (22.616260000000001); exports are
 * read by people and compared byte for byte, so numbers are written in the shortest form that
 * reads back to the same double, and strings are escaped as RFC 8259 requires.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CtJsonWriter CtJsonWriter;

CtJsonWriter *ct_json_writer_new          (gboolean      pretty);
void          ct_json_writer_free         (CtJsonWriter *self);
/* Returns the text (with a final newline) and frees the writer */
char         *ct_json_writer_free_to_string (CtJsonWriter *self,
                                             gsize        *length);

void ct_json_writer_begin_object (CtJsonWriter *self);
void ct_json_writer_end_object   (CtJsonWriter *self);
void ct_json_writer_begin_array  (CtJsonWriter *self);
void ct_json_writer_end_array    (CtJsonWriter *self);
/* Inside an object: the next value's name */
void ct_json_writer_member       (CtJsonWriter *self,
                                  const char   *name);
/* NULL is written as "" */
void ct_json_writer_string       (CtJsonWriter *self,
                                  const char   *value);
void ct_json_writer_double       (CtJsonWriter *self,
                                  double        value);
void ct_json_writer_int          (CtJsonWriter *self,
                                  gint64        value);
void ct_json_writer_null         (CtJsonWriter *self);
void ct_json_writer_boolean      (CtJsonWriter *self,
                                  gboolean      value);

/* Shorthands for a member and its value */
void ct_json_writer_string_member (CtJsonWriter *self, const char *name, const char *value);
void ct_json_writer_double_member (CtJsonWriter *self, const char *name, double value);
void ct_json_writer_int_member    (CtJsonWriter *self, const char *name, gint64 value);

/* Appends value as a JSON string literal, quotes included */
void ct_json_append_string       (GString      *out,
                                  const char   *value);
/* Appends the shortest decimal form that reads back to value */
void ct_json_append_double       (GString      *out,
                                  double        value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtJsonWriter, ct_json_writer_free)

G_END_DECLS
