/* ct-basemap.h: the built-in basemap — Natural Earth countries, drawn into tiles with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ct-basemap-style.h"

G_BEGIN_DECLS

typedef struct _CtBasemap CtBasemap;

typedef enum {
  CT_BASEMAP_FLAGS_NONE = 0,
  CT_BASEMAP_GRATICULE  = 1 << 0,
  CT_BASEMAP_LABELS     = 1 << 1,
} CtBasemapFlags;

/* Parses a .ctb file (tools/build-basemap.mjs documents the format). Anything malformed fails
 * with CT_ERROR_INVALID_INPUT naming the file and what is wrong (CT_ERROR_VERSION for a format
 * version this build does not read). The result is immutable: any thread may draw with it. */
CtBasemap  *ct_basemap_new_from_bytes  (GBytes      *bytes,
                                        const char  *name,
                                        GError     **error);
CtBasemap  *ct_basemap_ref             (CtBasemap   *self);
void        ct_basemap_unref           (CtBasemap   *self);

/* The bundled files: 1:50m below zoom 5, 1:10m from zoom 5 on. Loaded once, on first use from any
 * thread, and shared. */
int         ct_basemap_scale_for_zoom  (int          zoom);
CtBasemap  *ct_basemap_get_bundled     (int          zoom,
                                        GError     **error);

const char *ct_basemap_get_name        (CtBasemap   *self);
/* Natural Earth scale, 1:N million: 50 or 10 */
int         ct_basemap_get_scale       (CtBasemap   *self);
guint       ct_basemap_get_n_countries (CtBasemap   *self);

/* Where a country's name goes (inside its largest polygon). code is ISO 3166-1 alpha-2. */
gboolean    ct_basemap_get_label_point (CtBasemap   *self,
                                        const char  *code,
                                        double      *lat,
                                        double      *lon);
/* The country at a point: its alpha-2 code ("" for Natural Earth areas without one, such as
 * Kosovo) and English name. FALSE at sea. */
gboolean    ct_basemap_find_country_at (CtBasemap   *self,
                                        double       lat,
                                        double       lon,
                                        const char **code,
                                        const char **name);

/* Draws the Web-Mercator tile zoom/x/y (the usual slippy-map numbering) into cr, covering
 * (0, 0)–(tile_size, tile_size) of cr's user space, plus one device pixel around it so that tiles
 * drawn side by side on one surface have no seams. scale_factor is the number of device pixels per
 * user-space unit (2 on a HiDPI screen): lines and simplification are tuned to it. x wraps around;
 * rows beyond the poles are sea. Thread-safe. */
void        ct_basemap_render_tile     (CtBasemap      *self,
                                        CtBasemapStyle  style,
                                        CtBasemapFlags  flags,
                                        int             zoom,
                                        int             x,
                                        int             y,
                                        int             tile_size,
                                        double          scale_factor,
                                        cairo_t        *cr);

/* The same with the country names text_scale times their normal size: the desktop's text size
 * (1.25 with GNOME's Large Text), in quarters from 0.5 to 3 */
void        ct_basemap_render_tile_full (CtBasemap      *self,
                                         CtBasemapStyle  style,
                                         CtBasemapFlags  flags,
                                         double          text_scale,
                                         int             zoom,
                                         int             x,
                                         int             y,
                                         int             tile_size,
                                         double          scale_factor,
                                         cairo_t        *cr);

/* The same into a new ARGB32 image surface of tile_size × scale_factor pixels (rounded up), whose
 * device scale is scale_factor */
cairo_surface_t *ct_basemap_render_tile_surface (CtBasemap      *self,
                                                 CtBasemapStyle  style,
                                                 CtBasemapFlags  flags,
                                                 int             zoom,
                                                 int             x,
                                                 int             y,
                                                 int             tile_size,
                                                 double          scale_factor);
cairo_surface_t *ct_basemap_render_tile_surface_full (CtBasemap      *self,
                                                      CtBasemapStyle  style,
                                                      CtBasemapFlags  flags,
                                                      double          text_scale,
                                                      int             zoom,
                                                      int             x,
                                                      int             y,
                                                      int             tile_size,
                                                      double          scale_factor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtBasemap, ct_basemap_unref)

G_END_DECLS
