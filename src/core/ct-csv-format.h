/* ct-csv-format.h: bilateral partnerships as spreadsheet rows (docs/format.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

/* Builds the dataset a CSV file adds to the store: rows resolve cities, themes, sources and
 * existing partnerships against the store's content, so call it inside the import's transaction
 * (as a CtStoreImportFunc does). */
CtDataset *ct_csv_format_read  (CtStore     *store,
                                const char  *data,
                                gsize        length,
                                const char  *filename,
                                GError     **error);
/* The same, reporting to progress (may be NULL) how far it has read and every line it rejected
 * (the error is the first one's), and stopping with G_IO_ERROR_CANCELLED when cancellable is
 * cancelled */
CtDataset *ct_csv_format_read_full (CtStore           *store,
                                    const char        *data,
                                    gsize              length,
                                    const char        *filename,
                                    CtImportProgress  *progress,
                                    GCancellable      *cancellable,
                                    GError           **error);
/* Writes every bilateral partnership; *n_left_out counts those with more parties */
char      *ct_csv_format_write (CtDataset   *dataset,
                                guint       *n_left_out,
                                gsize       *length);

G_END_DECLS
