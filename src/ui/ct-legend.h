/* ct-legend.h: what the map's symbols, colours and dashes mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-palette.h"

G_BEGIN_DECLS

#define CT_TYPE_LEGEND (ct_legend_get_type ())

G_DECLARE_FINAL_TYPE (CtLegend, ct_legend, CT, LEGEND, GtkWidget)

GtkWidget *ct_legend_new         (void);
void       ct_legend_set_variant (CtLegend         *self,
                                  CtPaletteVariant  variant);

G_END_DECLS
