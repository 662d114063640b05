/* ct-city-row.h: a city in the browse list, and the city helpers both panels share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ct-city.h"
#include "ct-palette.h"

G_BEGIN_DECLS

#define CT_TYPE_CITY_ROW (ct_city_row_get_type ())

G_DECLARE_FINAL_TYPE (CtCityRow, ct_city_row, CT, CITY_ROW, GtkWidget)

/* The region symbol of the map, the name in the UI language, the other name and the country,
 * and the number of ties as a badge */
GtkWidget        *ct_city_row_new                  (void);
void              ct_city_row_set_city             (CtCityRow       *self,
                                                    CtCity          *city);
CtCity           *ct_city_row_get_city             (CtCityRow       *self);

/* The city's name in the UI language: like the map, the local name of Taiwanese cities when
 * the UI is in Chinese, the name otherwise. Returns: (transfer full) */
char             *ct_city_row_dup_display_name     (const CtCity    *city);
/* The name the display name is not (the local name, or the English one), or NULL when they
 * are the same */
const char       *ct_city_row_get_other_name       (const CtCity    *city);
/* "Philippines" (in the UI language), or the code when the country is unknown */
const char       *ct_city_row_get_country_name     (const CtCity    *city);
CtRegion          ct_city_row_get_region           (const CtCity    *city);

/* The map's symbol for a region (shape and colour), a few pixels wide, that follows the
 * dark and high-contrast styles */
GtkWidget        *ct_city_row_new_symbol           (CtRegion         region);
void              ct_city_row_set_symbol_region    (GtkWidget       *symbol,
                                                    CtRegion         region);
/* Makes a GtkDrawingArea (from a template) draw a region symbol */
void              ct_city_row_init_symbol          (GtkDrawingArea  *area,
                                                    CtRegion         region);
CtPaletteVariant  ct_city_row_get_palette_variant  (void);

/* Loads the panels' style sheet (panels.css) into the display, once */
void              ct_city_row_ensure_style         (GdkDisplay      *display);

G_END_DECLS
