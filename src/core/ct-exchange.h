/* ct-exchange.h: importing and exporting files, by format, synchronously or on a worker thread
 *
 * The command line and the window use these same functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

typedef enum {
  CT_FORMAT_JSON,
  CT_FORMAT_CSV,
  CT_FORMAT_GEOJSON,
} CtFormat;

/* By extension: .json, .csv, .geojson (any case) */
gboolean ct_format_for_path (const char  *path,
                             CtFormat    *format,
                             GError     **error);

/* Reads path and merges it into store in one transaction: all or nothing */
gboolean ct_exchange_import_file (CtStore         *store,
                                  const char      *path,
                                  CtImportReport  *report,
                                  GCancellable    *cancellable,
                                  GError         **error);

/* The same, reporting to progress (may be NULL) how far it has got and, for CSV, every line it
 * rejected; the import stops, changing nothing, with G_IO_ERROR_CANCELLED when cancellable is
 * cancelled */
gboolean ct_exchange_import_file_full (CtStore           *store,
                                       const char        *path,
                                       CtImportProgress  *progress,
                                       CtImportReport    *report,
                                       GCancellable      *cancellable,
                                       GError           **error);

/* Parses data already in memory; filename names it in messages */
gboolean ct_exchange_import_data (CtStore         *store,
                                  CtFormat         format,
                                  const char      *data,
                                  gsize            length,
                                  const char      *filename,
                                  CtImportReport  *report,
                                  GCancellable    *cancellable,
                                  GError         **error);

gboolean ct_exchange_import_data_full (CtStore           *store,
                                       CtFormat           format,
                                       const char        *data,
                                       gsize              length,
                                       const char        *filename,
                                       CtImportProgress  *progress,
                                       CtImportReport    *report,
                                       GCancellable      *cancellable,
                                       GError           **error);

/* What an export wrote */
typedef struct {
  guint n_cities;       /* CSV: the cities of the partnerships it holds */
  guint n_partnerships;
  guint n_left_out;     /* CSV: partnerships with more than two parties, which it cannot hold */
} CtExportSummary;

/* Writes the whole database to path, replacing it atomically. *n_left_out (CSV only) counts
 * partnerships the format cannot hold. */
gboolean ct_exchange_export_file (CtStore         *store,
                                  const char      *path,
                                  guint           *n_left_out,
                                  GError         **error);

gboolean ct_exchange_export_file_full (CtStore          *store,
                                       const char       *path,
                                       CtExportSummary  *summary,
                                       GError          **error);

char    *ct_exchange_export_data (CtStore         *store,
                                  CtFormat         format,
                                  gsize           *length,
                                  guint           *n_left_out,
                                  GError         **error);

/* Imports on a worker thread with its own connection to the store's file, so the window stays
 * responsive and keeps reading; store emits "changed" when the import has committed. */
void            ct_exchange_import_file_async  (CtStore             *store,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The same, reporting to progress (may be NULL); finish it with ct_exchange_import_file_finish() */
void            ct_exchange_import_file_full_async (CtStore             *store,
                                                    const char          *path,
                                                    CtImportProgress    *progress,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CtImportReport *ct_exchange_import_file_finish (CtStore             *store,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Exports on a worker thread with its own connection (a consistent snapshot), replacing path
 * atomically; the format is path's extension */
void            ct_exchange_export_file_async  (CtStore             *store,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        ct_exchange_export_file_finish (CtStore             *store,
                                                GAsyncResult        *result,
                                                CtExportSummary     *summary,
                                                GError             **error);

G_END_DECLS
