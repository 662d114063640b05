/* ct-browse-panel.h: filters and the lists of cities, ties and networks (left of the map)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_TYPE_BROWSE_PANEL (ct_browse_panel_get_type ())

G_DECLARE_FINAL_TYPE (CtBrowsePanel, ct_browse_panel, CT, BROWSE_PANEL, GtkWidget)

/* Signals: "city-selected", "partnership-selected", "network-selected" (const char *id) when
 * the user selects or activates a row. Properties: "store", "filter" (read-only). */
GtkWidget      *ct_browse_panel_new                (void);
CtStore        *ct_browse_panel_get_store          (CtBrowsePanel *self);
void            ct_browse_panel_set_store          (CtBrowsePanel *self,
                                                    CtStore       *store);
/* The filter the controls and the search text make; "notify::filter" when it changes */
const CtFilter *ct_browse_panel_get_filter         (CtBrowsePanel *self);
/* The search entry lives in the header bar; NULL or "" for none */
void            ct_browse_panel_set_search_text    (CtBrowsePanel *self,
                                                    const char    *text);
/* Selects the row (from the map) and scrolls to it, without emitting the *-selected signals;
 * the other lists lose their selection. NULL unselects. */
void            ct_browse_panel_select_city        (CtBrowsePanel *self,
                                                    const char    *city_id);
void            ct_browse_panel_select_partnership (CtBrowsePanel *self,
                                                    const char    *partnership_id);
void            ct_browse_panel_select_network     (CtBrowsePanel *self,
                                                    const char    *network_id);
/* Puts the keyboard focus on the list shown, at its selected row (F6 from the map); on the
 * filters when the list is empty. FALSE when nothing took it. */
gboolean        ct_browse_panel_focus_list         (CtBrowsePanel *self);

G_END_DECLS
