/* ct-basemap.h: the built-in basemap — Natural Earth countries, drawn into tiles with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CtBasemap CtBasemap;

typedef enum {
  CT_BASEMAP_STYLE_LIGHT,
  CT_BASEMAP_STYLE_DARK,
  CT_BASEMAP_STYLE_HIGH_CONTRAST,
} CtBasemapStyle;

typedef enum {
  CT_BASEMAP_GRATICULE = 1 << 0,
  CT_BASEMAP_LABELS    = 1 << 1,
} CtBasemapFlags;

typedef enum {
  CT_BASEMAP_COLOR_SEA,
  CT_BASEMAP_COLOR_LAND,
  CT_BASEMAP_COLOR_TAIWAN,
  CT_BASEMAP_COLOR_ASEAN,
  CT_BASEMAP_COLOR_EU,
  CT_BASEMAP_COLOR_BORDER,
  CT_BASEMAP_COLOR_GRATICULE,
  CT_BASEMAP_COLOR_LABEL,
  CT_BASEMAP_COLOR_LABEL_HALO,
  CT_BASEMAP_N_COLORS
} CtBasemapColor;

/* Parses a .ctb file (tools/build-basemap.mjs documents the format). Anything malformed fails
 * with CT_ERROR_INVALID_INPUT naming the file and what is wrong. */
CtBasemap  *ct_basemap_new_from_bytes (GBytes      *bytes,
                                       const char  *name,
                                       GError     **error);
CtBasemap  *ct_basemap_ref            (CtBasemap   *self);
void        ct_basemap_unref          (CtBasemap   *self);
guint       ct_basemap_get_n_countries (CtBasemap  *self);

/* The bundled files: 1:50m below zoom 5, 1:10m from zoom 5 on. Loaded once, shared. */
CtBasemap  *ct_basemap_get_bundled    (int          zoom,
                                       GError     **error);

/* 0xRRGGBB of a colour of a style */
guint32     ct_basemap_get_color      (CtBasemapStyle style,
                                       CtBasemapColor color);

/* Draws the Web-Mercator tile zoom/x/y into cr, covering (0, 0)–(tile_size, tile_size) in
 * cr's user space. Thread-safe: a basemap is immutable. */
void        ct_basemap_render_tile    (CtBasemap   *self,
                                       CtBasemapStyle style,
                                       CtBasemapFlags flags,
                                       int          zoom,
                                       int          x,
                                       int          y,
                                       double       tile_size,
                                       cairo_t     *cr);

/* The same into a new ARGB32 surface of tile_size × scale_factor pixels */
cairo_surface_t *ct_basemap_render_tile_surface (CtBasemap      *self,
                                                 CtBasemapStyle  style,
                                                 CtBasemapFlags  flags,
                                                 int             zoom,
                                                 int             x,
                                                 int             y,
                                                 int             tile_size,
                                                 int             scale_factor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtBasemap, ct_basemap_unref)

G_END_DECLS
