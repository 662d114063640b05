/* ct-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ct-application.h"
#include "ct-history.h"
#include "ct-import-report.h"
#include "ct-store.h"

G_BEGIN_DECLS

#define CT_TYPE_WINDOW (ct_window_get_type ())

G_DECLARE_FINAL_TYPE (CtWindow, ct_window, CT, WINDOW, AdwApplicationWindow)

CtWindow *ct_window_new        (CtApplication *application);
void      ct_window_set_store  (CtWindow      *self,
                                CtStore       *store);
CtStore  *ct_window_get_store  (CtWindow      *self);
void      ct_window_show_error (CtWindow      *self,
                                const char    *title,
                                const char    *message);

/* Asks whether to import file (a City Ties file, or CSV or GeoJSON, by its extension) into the
 * window's database; on yes, imports it on a worker thread and shows what it did (a toast, or a
 * dialog with the problem: file, line and field). Finishes with the report, or with
 * G_IO_ERROR_CANCELLED when the answer was no. A rejected file changes nothing. */
void            ct_window_import_file_async  (CtWindow             *self,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
CtImportReport *ct_window_import_file_finish (CtWindow             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Selection, as the lists and the map share it */
void      ct_window_select_city        (CtWindow   *self,
                                        const char *city_id);
void      ct_window_select_partnership (CtWindow   *self,
                                        const char *partnership_id);
void      ct_window_select_network     (CtWindow   *self,
                                        const char *network_id);

/* Editing. Every edit goes through the window's history (undo and redo). */
CtHistory *ct_window_get_history      (CtWindow   *self);
/* Shows the editor for a stored record */
void       ct_window_edit             (CtWindow   *self,
                                       GType       type,
                                       const char *id);
/* Deletes a record (asking first when others go with it), with an Undo toast */
void       ct_window_delete_record    (CtWindow   *self,
                                       GType       type,
                                       const char *id);
/* Opens "Add City" (search the gazetteer, or place on the map). Returns: (transfer none) the dialog */
GtkWidget *ct_window_add_city         (CtWindow   *self);
/* A click at x, y on the map while placing a city or linking cities (what the map's click does) */
void       ct_window_click_map        (CtWindow   *self,
                                       double      x,
                                       double      y);

/* For tests and the benchmark */
GtkWidget *ct_window_get_map          (CtWindow *self);
GObject   *ct_window_get_ties_layer   (CtWindow *self);
GtkWidget *ct_window_get_browse_panel (CtWindow *self);
GtkWidget *ct_window_get_details_panel (CtWindow *self);
GtkWidget *ct_window_get_editor_panel (CtWindow *self);

G_END_DECLS
