/* ct-ties-layer.h: cities and the partnerships between them, drawn over the map
 *
 * One ShumateLayer draws everything: city symbols (shape and colour by region, size by number of
 * ties), great-circle arcs (colour by kind, dashed unless active), labels that avoid each other,
 * and the selection, hover and highlight on top. Arcs and symbols are rendered into cached
 * texture tiles (on worker threads when a tile is expensive), so the cost of a frame does not
 * grow with the number of arcs; labels and the selection are drawn each frame.
 *
 * The layer is the map's keyboard and screen reader face: it takes the focus (a click gives it
 * too) and is labelled as the map, with the text alternative (ct_ties_layer_dup_text_alternative)
 * as its accessible description. Its keys are widget actions of the "map" group, so that tests
 * and other widgets can fire them:
 *
 *   Arrow keys                  map.pan (ii)            a quarter of the view that way
 *   +, =, - (keypad too)        map.zoom-in, map.zoom-out   one zoom level, about the centre
 *   Page Down, Page Up          map.select-city ("next", "previous")
 *   Home, End                   map.select-city ("first", "last")
 *   Return, Enter, space        map.activate-selection
 *
 * Page Down and Page Up go through the cities whose symbol is in view, in the order their
 * labels are placed: most ties (as drawn) first, then the order of the data; they wrap
 * around. The view does not move. They emit "city-selected"; the activation emits
 * "selection-activated" (for the app to show the details) when something is selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ct-city.h"
#include "ct-partnership.h"

G_BEGIN_DECLS

#define CT_TYPE_TIES_LAYER (ct_ties_layer_get_type ())

G_DECLARE_FINAL_TYPE (CtTiesLayer, ct_ties_layer, CT, TIES_LAYER, ShumateLayer)

/* Returns: (transfer full): the label of @city in the UI language */
typedef char *(*CtTiesLayerLabelFunc) (CtCity   *city,
                                       gpointer  user_data);

CtTiesLayer *ct_ties_layer_new                    (ShumateViewport      *viewport);

/* Replaces what is drawn. The layer keeps references to the arrays' elements (not to the arrays).
 * Cities not in @cities are not drawn; a partnership is drawn as arcs from its first party in
 * @cities to each of its other parties in @cities. Either may be NULL (nothing). */
void         ct_ties_layer_set_data               (CtTiesLayer          *self,
                                                   GPtrArray            *cities,
                                                   GPtrArray            *partnerships);

/* Colours for a dark basemap; high contrast wins over dark */
void         ct_ties_layer_set_dark               (CtTiesLayer          *self,
                                                   gboolean              dark);
gboolean     ct_ties_layer_get_dark               (CtTiesLayer          *self);
void         ct_ties_layer_set_high_contrast      (CtTiesLayer          *self,
                                                   gboolean              high_contrast);
gboolean     ct_ties_layer_get_high_contrast      (CtTiesLayer          *self);

/* Default: the local name of Taiwanese cities when the UI language is Chinese, else the name */
void         ct_ties_layer_set_label_func         (CtTiesLayer          *self,
                                                   CtTiesLayerLabelFunc  func,
                                                   gpointer              user_data,
                                                   GDestroyNotify        destroy);

/* Selection: at most one city or one partnership (selecting one clears the other); NULL clears.
 * Ids need not be in the data (yet). */
void         ct_ties_layer_select_city            (CtTiesLayer          *self,
                                                   const char           *city_id);
void         ct_ties_layer_select_partnership     (CtTiesLayer          *self,
                                                   const char           *partnership_id);
const char  *ct_ties_layer_get_selected_city      (CtTiesLayer          *self);
const char  *ct_ties_layer_get_selected_partnership (CtTiesLayer        *self);
/* Cities drawn with a ring and labelled first (a network's members); NULL for none */
void         ct_ties_layer_set_highlighted_cities (CtTiesLayer          *self,
                                                   GStrv                 city_ids);

/* Hit testing in widget coordinates, within a few pixels; cities win over arcs.
 * Returns: (nullable): the city or partnership id, valid until the data changes */
const char  *ct_ties_layer_pick                   (CtTiesLayer          *self,
                                                   double                x,
                                                   double                y,
                                                   gboolean             *is_city);
/* Where a city is drawn now, in widget coordinates; FALSE when it is not in the data */
gboolean     ct_ties_layer_get_city_position      (CtTiesLayer          *self,
                                                   const char           *city_id,
                                                   double               *x,
                                                   double               *y);

/* What the last snapshot drew (for tests and the text alternative) */
guint        ct_ties_layer_get_n_drawn_cities     (CtTiesLayer          *self);
guint        ct_ties_layer_get_n_drawn_arcs       (CtTiesLayer          *self);
guint        ct_ties_layer_get_n_labels           (CtTiesLayer          *self);
gboolean     ct_ties_layer_is_city_labelled       (CtTiesLayer          *self,
                                                   const char           *city_id);

/* What the map shows, in words: the selected city and each of its ties drawn ("Kaohsiung
 * selected: 11 ties. Sister city with Cebu City (Philippines), Active, signed in 1969; …"),
 * the selected tie, or how many cities and ties are drawn. Kept as the layer's accessible
 * description. Returns: (transfer full) */
char        *ct_ties_layer_dup_text_alternative   (CtTiesLayer          *self);
/* The size of a city's label as drawn (in the widget's font: it follows the desktop's text
 * size); FALSE when the city is not in the data */
gboolean     ct_ties_layer_get_label_size         (CtTiesLayer          *self,
                                                   const char           *city_id,
                                                   int                  *width,
                                                   int                  *height);

/* The arcs of a partnership: arc_index 0 goes from its first party in the data to the second,
 * 1 to the third, and so on. Returns: (transfer full) (nullable): graphene_point_t in world
 * coordinates (Web Mercator, [0, 1] from 180° W and from the north), longitudes unwrapped so
 * that x may leave [0, 1] where the arc crosses the antimeridian; NULL when there is no such arc */
GArray      *ct_ties_layer_get_arc_points         (CtTiesLayer          *self,
                                                   const char           *partnership_id,
                                                   guint                 arc_index);

G_END_DECLS
