/* ct-partnership-row.h: a tie in the browse list, and the tie helpers both panels share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-partnership.h"

G_BEGIN_DECLS

#define CT_TYPE_PARTNERSHIP_ROW (ct_partnership_row_get_type ())

G_DECLARE_FINAL_TYPE (CtPartnershipRow, ct_partnership_row, CT, PARTNERSHIP_ROW, GtkWidget)

/* The kind's colour as on the map (dashed unless active), the parties and a summary */
GtkWidget     *ct_partnership_row_new             (void);
void           ct_partnership_row_set_partnership (CtPartnershipRow    *self,
                                                   CtPartnership       *partnership,
                                                   const char          *parties);
CtPartnership *ct_partnership_row_get_partnership (CtPartnershipRow    *self);

/* "Sister city · Active · 2017" (the year only when with_year is set and the date is known).
 * Returns: (transfer full) */
char          *ct_partnership_row_dup_summary     (const CtPartnership *partnership,
                                                   gboolean             with_year);
/* The parties in the UI language, Taiwanese cities first: "Kaohsiung – Da Nang". cities maps
 * city ids to CtCity; a party whose city is skip_city_id is left out and the others are then
 * listed with commas. Returns: (transfer full) */
char          *ct_partnership_row_dup_parties     (const CtPartnership *partnership,
                                                   GHashTable          *cities,
                                                   const char          *skip_city_id);

/* The map's line for a kind and status, a few pixels wide */
GtkWidget     *ct_partnership_row_new_swatch      (CtKind               kind,
                                                   CtStatus             status);
void           ct_partnership_row_set_swatch      (GtkWidget           *swatch,
                                                   CtKind               kind,
                                                   CtStatus             status);

G_END_DECLS
