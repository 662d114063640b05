/* ct-basemap-style.h: the palettes of the built-in basemap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ct-model.h"

G_BEGIN_DECLS

typedef enum {
  CT_BASEMAP_STYLE_LIGHT,
  CT_BASEMAP_STYLE_DARK,
  CT_BASEMAP_STYLE_HIGH_CONTRAST,
  CT_BASEMAP_N_STYLES
} CtBasemapStyle;

typedef enum {
  CT_BASEMAP_COLOR_SEA,
  CT_BASEMAP_COLOR_LAND,        /* countries outside the three regions */
  CT_BASEMAP_COLOR_TAIWAN,
  CT_BASEMAP_COLOR_ASEAN,
  CT_BASEMAP_COLOR_EU,
  CT_BASEMAP_COLOR_BORDER,      /* land borders */
  CT_BASEMAP_COLOR_COAST,       /* coastlines */
  CT_BASEMAP_COLOR_GRATICULE,
  CT_BASEMAP_COLOR_LABEL,       /* country names */
  CT_BASEMAP_COLOR_LABEL_HALO,
  CT_BASEMAP_N_COLORS
} CtBasemapColor;

/* 0xRRGGBB of a colour of a style */
guint32        ct_basemap_get_color          (CtBasemapStyle style,
                                              CtBasemapColor color);
/* The fill of a country in a region: TAIWAN, ASEAN, EU or LAND */
CtBasemapColor ct_basemap_color_for_region   (CtRegion       region);

/* WCAG 2 relative luminance of 0xRRGGBB, and the contrast ratio of two colours (1 to 21) */
double         ct_basemap_relative_luminance (guint32        rgb);
double         ct_basemap_contrast_ratio     (guint32        a,
                                              guint32        b);

G_END_DECLS
