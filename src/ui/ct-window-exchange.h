/* ct-window-exchange.h: importing and exporting files from the window
 *
 * The Import… and Export… menu items (win.import, win.export), files dropped on the window, and
 * files opened from the file manager (ct_window_import_file_async() in ct-window.h, which asks
 * first) all end up here. Imports run one after another on a worker thread; after half a second
 * the window shows the progress with a Cancel button, and then the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-exchange.h"
#include "ct-exchange-banner.h"
#include "ct-window.h"

G_BEGIN_DECLS

/* Imports a file the user chose (the Import… dialog, a drop), without asking first. Files queue
 * up and are imported one after another. The outcome is shown in the window: a toast with what
 * was added, updated and unchanged; a dialog with the conflicts; a dialog with every rejected line
 * (file, line, field) when the file was rejected, which changes nothing; a toast when it was
 * cancelled, which changes nothing either. The next file waits until such a dialog is closed.
 * Finishes once the outcome is shown, with the report or the error (G_IO_ERROR_CANCELLED when
 * cancelled). */
void             ct_window_import_chosen_file_async  (CtWindow             *self,
                                                      GFile                *file,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
CtImportReport  *ct_window_import_chosen_file_finish (CtWindow             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* What the Import… dialog and a drop do with their files (GFile): each file City Ties can read is
 * imported in turn (above); the others are named in a dialog */
void             ct_window_import_files              (CtWindow             *self,
                                                      GListModel           *files);

/* Writes the whole database to file, in the format its extension names (.cityties.json, .json,
 * .csv, .geojson), on a worker thread, replacing it atomically; then shows a toast with what was
 * written, or a dialog with the problem */
void             ct_window_export_file_async         (CtWindow             *self,
                                                      GFile                *file,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         ct_window_export_file_finish        (CtWindow             *self,
                                                      GAsyncResult         *result,
                                                      CtExportSummary      *summary,
                                                      GError              **error);

/* The name Export… proposes: city-ties-YYYY-MM-DD.cityties.json, today's date */
char            *ct_window_get_default_export_name   (void);

/* For tests */
CtExchangeBanner *ct_window_get_exchange_banner      (CtWindow             *self);

G_END_DECLS
