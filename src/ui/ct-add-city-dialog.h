/* ct-add-city-dialog.h: "Add City": a place from the bundled gazetteer, or one placed on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ct-gazetteer.h"
#include "ct-history.h"
#include "ct-place-search.h"

G_BEGIN_DECLS

#define CT_TYPE_ADD_CITY_DIALOG (ct_add_city_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CtAddCityDialog, ct_add_city_dialog, CT, ADD_CITY_DIALOG, AdwWindow)

/* A modal window over parent. Properties: "gazetteer", "history" (construct-only). The owner of
 * the gazetteer keeps it given the cities of the history's store (ct_gazetteer_set_cities()), so
 * that those already added are found as such.
 *
 * Signals, each followed by the window closing:
 *   "city-added" (const char *id): the user chose a new place; it was saved through the history
 *     (one undoable step, "Add Da Nang"). When saving fails, the error shows in the window, which
 *     stays open, and nothing is saved.
 *   "city-chosen" (const char *id): the user chose a city already in the database.
 *   "place-on-map": the user would rather click on the map where the city is. */
GtkWidget     *ct_add_city_dialog_new              (GtkWindow       *parent,
                                                    CtGazetteer     *gazetteer,
                                                    CtHistory       *history);
CtPlaceSearch *ct_add_city_dialog_get_place_search (CtAddCityDialog *self);
/* The error shown in the window, or NULL */
const char    *ct_add_city_dialog_get_error        (CtAddCityDialog *self);

G_END_DECLS
