/* ct-palette.c
 *
 * Colours from the GNOME palette, darker on the light basemap and lighter on the dark one; the
 * high-contrast variant uses fully saturated colours with black or white outlines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-palette.h"

static const char *region_colors[3][CT_N_REGIONS] = {
  /* light */          { "#c01c28", "#c64600", "#1a5fb4", "#5e5c64" },
  /* dark */           { "#ff7b63", "#ffa348", "#99c1f1", "#deddda" },
  /* high contrast */  { "#ff0000", "#ff8c00", "#0050ff", "#ffffff" },
};

static const char *kind_colors[3][CT_N_KINDS] = {
  /* sister, friendship, MOU, programme, exchange, forum */
  /* light */          { "#a51d2d", "#26a269", "#1c71d8", "#813d9c", "#986a44", "#5e5c64" },
  /* dark */           { "#f66151", "#8ff0a4", "#99c1f1", "#dc8add", "#cdab8f", "#c0bfbc" },
  /* high contrast */  { "#ff0000", "#00c800", "#0078ff", "#c800ff", "#ffb400", "#ffffff" },
};

static void
parse (const char *spec,
       GdkRGBA    *color)
{
  gboolean ok = gdk_rgba_parse (color, spec);

  g_assert (ok);
}

void
ct_palette_get_region_color (CtPaletteVariant variant,
                             CtRegion         region,
                             GdkRGBA         *color)
{
  g_return_if_fail (region < CT_N_REGIONS);
  parse (region_colors[CLAMP (variant, 0, 2)][region], color);
}

CtSymbol
ct_palette_get_region_symbol (CtRegion region)
{
  switch (region)
    {
    case CT_REGION_TAIWAN: return CT_SYMBOL_CIRCLE;
    case CT_REGION_ASEAN: return CT_SYMBOL_DIAMOND;
    case CT_REGION_EU: return CT_SYMBOL_SQUARE;
    case CT_REGION_OTHER:
    case CT_N_REGIONS:
    default:
      return CT_SYMBOL_TRIANGLE;
    }
}

void
ct_palette_get_kind_color (CtPaletteVariant variant,
                           CtKind           kind,
                           GdkRGBA         *color)
{
  g_return_if_fail (kind < CT_N_KINDS);
  parse (kind_colors[CLAMP (variant, 0, 2)][kind], color);
}

void
ct_palette_get_halo_color (CtPaletteVariant variant,
                           GdkRGBA         *color)
{
  parse (variant == CT_PALETTE_LIGHT ? "rgba(255,255,255,0.9)" :
         variant == CT_PALETTE_DARK ? "rgba(36,31,49,0.9)" : "#000000", color);
}

void
ct_palette_get_text_color (CtPaletteVariant variant,
                           GdkRGBA         *color)
{
  parse (variant == CT_PALETTE_LIGHT ? "#241f31" : "#ffffff", color);
}

void
ct_palette_get_selection_color (CtPaletteVariant variant,
                                GdkRGBA         *color)
{
  parse (variant == CT_PALETTE_LIGHT ? "#1c71d8" :
         variant == CT_PALETTE_DARK ? "#78aeed" : "#ffff00", color);
}

gboolean
ct_palette_status_is_dashed (CtStatus status)
{
  return status != CT_STATUS_ACTIVE;
}
