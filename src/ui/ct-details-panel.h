/* ct-details-panel.h: the details of the selected city, tie or network (right of the map)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_TYPE_DETAILS_PANEL (ct_details_panel_get_type ())

G_DECLARE_FINAL_TYPE (CtDetailsPanel, ct_details_panel, CT, DETAILS_PANEL, GtkWidget)

/* Signals: "city-selected", "partnership-selected", "network-selected" (const char *id) when
 * a row that leads to another record is activated (a party, a partner, a member, a network);
 * "network-members" (GStrv city ids) when a network is shown, and when a change in the store
 * changes the members of the one shown. Property: "store". The shown record is read again
 * when the store changes; when it is gone the panel shows its empty state. */
GtkWidget  *ct_details_panel_new              (void);
CtStore    *ct_details_panel_get_store        (CtDetailsPanel *self);
void        ct_details_panel_set_store        (CtDetailsPanel *self,
                                               CtStore        *store);
void        ct_details_panel_show_city        (CtDetailsPanel *self,
                                               const char     *city_id);
void        ct_details_panel_show_partnership (CtDetailsPanel *self,
                                               const char     *partnership_id);
void        ct_details_panel_show_network     (CtDetailsPanel *self,
                                               const char     *network_id);
void        ct_details_panel_clear            (CtDetailsPanel *self);
/* Puts the keyboard focus on what is shown (F6, Return on the map): its first row that leads
 * on (a city's first tie), else its title. FALSE when nothing is shown. */
gboolean    ct_details_panel_focus_content    (CtDetailsPanel *self);
/* What is shown: "city", "partnership", "network" or NULL, and its id */
const char *ct_details_panel_get_shown_kind   (CtDetailsPanel *self);
const char *ct_details_panel_get_shown_id     (CtDetailsPanel *self);

G_END_DECLS
