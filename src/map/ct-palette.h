/* ct-palette.h: the colours and shapes the map and its legend share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk/gdk.h>

#include "ct-model.h"

G_BEGIN_DECLS

typedef enum {
  CT_PALETTE_LIGHT,
  CT_PALETTE_DARK,
  CT_PALETTE_HIGH_CONTRAST,
} CtPaletteVariant;

typedef enum {
  CT_SYMBOL_CIRCLE,   /* Taiwan */
  CT_SYMBOL_DIAMOND,  /* ASEAN */
  CT_SYMBOL_SQUARE,   /* EU */
  CT_SYMBOL_TRIANGLE, /* other */
} CtSymbol;

/* City symbols, by region: colour and a shape, so the map reads without colour too */
void     ct_palette_get_region_color (CtPaletteVariant variant,
                                      CtRegion         region,
                                      GdkRGBA         *color);
CtSymbol ct_palette_get_region_symbol (CtRegion        region);
/* Arcs, by kind */
void     ct_palette_get_kind_color   (CtPaletteVariant variant,
                                      CtKind           kind,
                                      GdkRGBA         *color);
/* Outline of symbols and halo of labels */
void     ct_palette_get_halo_color   (CtPaletteVariant variant,
                                      GdkRGBA         *color);
void     ct_palette_get_text_color   (CtPaletteVariant variant,
                                      GdkRGBA         *color);
void     ct_palette_get_selection_color (CtPaletteVariant variant,
                                         GdkRGBA         *color);
/* Statuses other than active are drawn dashed */
gboolean ct_palette_status_is_dashed (CtStatus         status);

G_END_DECLS
