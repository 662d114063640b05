/* ct-csv.h: RFC 4180 CSV reader and writer helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CtCsvReader CtCsvReader;

CtCsvReader *ct_csv_reader_new          (const char   *data,
                                         gsize         len,
                                         const char   *filename);
void         ct_csv_reader_free         (CtCsvReader  *reader);
gboolean     ct_csv_reader_next         (CtCsvReader  *reader,
                                         GPtrArray   **fields,
                                         GError      **error);
guint        ct_csv_reader_get_line     (CtCsvReader  *reader);
gsize        ct_csv_reader_get_position (CtCsvReader  *reader,
                                         gsize        *total);

void         ct_csv_append_field        (GString      *out,
                                         const char   *value,
                                         gboolean      neutralise_formulas);
void         ct_csv_append_row_end      (GString      *out);

gboolean     ct_csv_cell_is_neutralised (const char   *value);
const char  *ct_csv_unneutralise        (const char   *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtCsvReader, ct_csv_reader_free)

G_END_DECLS
