/* ct-basemap-style.c
 *
 * Three palettes. Taiwan, ASEAN and EU countries are tinted in the hues of their city symbols
 * (ct-palette: red, orange, blue), light tints on the light style and deep shades on the dark and
 * high-contrast ones, so that the symbols stay the strongest colour on the map. Country names keep
 * WCAG AA contrast (4.5:1) against every fill and the sea, even where their halo is thin
 * (tests/test-basemap.c checks it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ct-basemap-style.h"

static const guint32 palette[CT_BASEMAP_N_STYLES][CT_BASEMAP_N_COLORS] = {
  [CT_BASEMAP_STYLE_LIGHT] = {
    [CT_BASEMAP_COLOR_SEA]        = 0xb4d2e7,
    [CT_BASEMAP_COLOR_LAND]       = 0xf4f1ea,
    [CT_BASEMAP_COLOR_TAIWAN]     = 0xf4aca3,
    [CT_BASEMAP_COLOR_ASEAN]      = 0xf7d38c,
    [CT_BASEMAP_COLOR_EU]         = 0xc9c4f0,
    [CT_BASEMAP_COLOR_BORDER]     = 0x8e8a96,
    [CT_BASEMAP_COLOR_COAST]      = 0x5f86a5,
    [CT_BASEMAP_COLOR_GRATICULE]  = 0x97bcd7,
    [CT_BASEMAP_COLOR_LABEL]      = 0x2e2a36,
    [CT_BASEMAP_COLOR_LABEL_HALO] = 0xffffff,
  },
  [CT_BASEMAP_STYLE_DARK] = {
    [CT_BASEMAP_COLOR_SEA]        = 0x141e29,
    [CT_BASEMAP_COLOR_LAND]       = 0x36363b,
    [CT_BASEMAP_COLOR_TAIWAN]     = 0xa03c3c,
    [CT_BASEMAP_COLOR_ASEAN]      = 0x85601f,
    [CT_BASEMAP_COLOR_EU]         = 0x4a4c99,
    [CT_BASEMAP_COLOR_BORDER]     = 0x8b8994,
    [CT_BASEMAP_COLOR_COAST]      = 0x6489a8,
    [CT_BASEMAP_COLOR_GRATICULE]  = 0x26384a,
    [CT_BASEMAP_COLOR_LABEL]      = 0xeceae7,
    [CT_BASEMAP_COLOR_LABEL_HALO] = 0x0e0e12,
  },
  /* Dark, like the high-contrast city symbols (white outlines and text on black) */
  [CT_BASEMAP_STYLE_HIGH_CONTRAST] = {
    [CT_BASEMAP_COLOR_SEA]        = 0x000000,
    [CT_BASEMAP_COLOR_LAND]       = 0x474747,
    [CT_BASEMAP_COLOR_TAIWAN]     = 0xa8001c,
    [CT_BASEMAP_COLOR_ASEAN]      = 0x875400,
    [CT_BASEMAP_COLOR_EU]         = 0x2a2ad0,
    [CT_BASEMAP_COLOR_BORDER]     = 0xd0d0d0,
    [CT_BASEMAP_COLOR_COAST]      = 0xffffff,
    [CT_BASEMAP_COLOR_GRATICULE]  = 0x4d4d4d,
    [CT_BASEMAP_COLOR_LABEL]      = 0xffffff,
    [CT_BASEMAP_COLOR_LABEL_HALO] = 0x000000,
  },
};

guint32
ct_basemap_get_color (CtBasemapStyle style,
                      CtBasemapColor color)
{
  g_return_val_if_fail (color < CT_BASEMAP_N_COLORS, 0);

  return palette[CLAMP ((int) style, 0, CT_BASEMAP_N_STYLES - 1)][color];
}

CtBasemapColor
ct_basemap_color_for_region (CtRegion region)
{
  switch (region)
    {
    case CT_REGION_TAIWAN:
      return CT_BASEMAP_COLOR_TAIWAN;
    case CT_REGION_ASEAN:
      return CT_BASEMAP_COLOR_ASEAN;
    case CT_REGION_EU:
      return CT_BASEMAP_COLOR_EU;
    case CT_REGION_OTHER:
    case CT_N_REGIONS:
    default:
      return CT_BASEMAP_COLOR_LAND;
    }
}

static double
linear (guint channel)
{
  double c = channel / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
ct_basemap_relative_luminance (guint32 rgb)
{
  return 0.2126 * linear ((rgb >> 16) & 0xff) + 0.7152 * linear ((rgb >> 8) & 0xff) + 0.0722 * linear (rgb & 0xff);
}

double
ct_basemap_contrast_ratio (guint32 a,
                           guint32 b)
{
  double la = ct_basemap_relative_luminance (a);
  double lb = ct_basemap_relative_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}
