/* ct-place-search.h: a search entry over the bundled gazetteer and the places it finds
 *
 * As the user types, up to 20 matches of ct_gazetteer_search() are listed below the entry: the
 * cities already in the database first (with their local names and "Already added"), then the
 * places of the gazetteer. Down goes from the entry into the list, Return picks the first match,
 * Escape clears the text (and, in an empty entry, emits "stop-search").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-city.h"
#include "ct-gazetteer.h"

G_BEGIN_DECLS

#define CT_TYPE_PLACE_SEARCH (ct_place_search_get_type ())

G_DECLARE_FINAL_TYPE (CtPlaceSearch, ct_place_search, CT, PLACE_SEARCH, GtkWidget)

/* Most matches listed */
#define CT_PLACE_SEARCH_MAX_MATCHES 20

/* Properties: "gazetteer" (CtGazetteer *), "cities-only" (gboolean: list only the cities
 * already in the database, to pick an existing one).
 *
 * Signals:
 *   "chosen" (CtCity *city): the user picked a match (click, Return on a row, or Return in the
 *     entry for the first one). city is a new CtCity the handler may keep (g_object_ref) or
 *     change: for a city of the database its id is set (with its name, local name, country,
 *     division and coordinates as the gazetteer has them); for a place of the gazetteer id is
 *     NULL and name, country, admin1, lat and lon are filled, ready to be saved.
 *   "stop-search": Escape in the empty entry (a dialog closes on it). */
GtkWidget   *ct_place_search_new             (void);
CtGazetteer *ct_place_search_get_gazetteer   (CtPlaceSearch *self);
void         ct_place_search_set_gazetteer   (CtPlaceSearch *self,
                                              CtGazetteer   *gazetteer);
gboolean     ct_place_search_get_cities_only (CtPlaceSearch *self);
void         ct_place_search_set_cities_only (CtPlaceSearch *self,
                                              gboolean       cities_only);

/* The text of the entry; setting it searches at once (no delay), as typing does after a pause */
const char  *ct_place_search_get_text        (CtPlaceSearch *self);
void         ct_place_search_set_text        (CtPlaceSearch *self,
                                              const char    *text);
/* Searches again for the same text (after ct_gazetteer_set_cities(), for example) */
void         ct_place_search_refresh         (CtPlaceSearch *self);
/* The matches listed, best first: a GListModel of CtCity (as "chosen" would hand them out;
 * do not change them). Returns: (transfer none) */
GListModel  *ct_place_search_get_matches     (CtPlaceSearch *self);
/* Puts the keyboard focus in the entry */
gboolean     ct_place_search_grab_focus      (CtPlaceSearch *self);

G_END_DECLS
