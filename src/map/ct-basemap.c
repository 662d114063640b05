/* ct-basemap.c
 *
 * Countries are kept in Web-Mercator world coordinates ([0, 1] × [0, 1], y down), projected once at
 * load, so drawing a tile is a scale and a translation per point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ct-basemap.h"
#include "ct-basemap-resources.h"
#include "ct-error.h"
#include "ct-geometry.h"
#include "ct-model.h"

#define MAGIC         "CTBM"
#define VERSION       1
#define MAX_COUNTRIES 1000
#define MAX_RINGS     100000
#define MAX_POINTS    10000000

typedef struct {
  guint  n;
  float  west, north, east, south;  /* bbox in world coordinates (north < south: y grows down) */
  float *xy;                        /* n pairs */
} Ring;

typedef struct {
  char      code[3];
  int       region;                 /* CtRegion, or -1 without a code */
  char     *name;                   /* English, from Natural Earth */
  double    label_x, label_y;
  float     west, north, east, south;
  GArray   *rings;                  /* Ring */
} Country;

struct _CtBasemap
{
  gatomicrefcount  ref_count;
  char            *name;
  int              scale;
  GArray          *countries;       /* Country */
};

static const guint32 palette[3][CT_BASEMAP_N_COLORS] = {
  /* sea,     land,     Taiwan,   ASEAN,    EU,       border,   graticule, label,    halo */
  { 0xb9d4ec, 0xf2efe9, 0xf3b3ab, 0xf6d48f, 0xbfc7ef, 0x8f8d96, 0x9fb8d0, 0x2e2a36, 0xffffff },
  { 0x17222e, 0x38383d, 0x7b3b3b, 0x6f5524, 0x3b4478, 0x85838c, 0x2c3e52, 0xe8e6e3, 0x101014 },
  { 0x000000, 0x454545, 0xc00000, 0x8c5200, 0x1838c0, 0xffffff, 0x4a4a4a, 0xffffff, 0x000000 },
};

guint32
ct_basemap_get_color (CtBasemapStyle style,
                      CtBasemapColor color)
{
  g_return_val_if_fail (color < CT_BASEMAP_N_COLORS, 0);
  return palette[CLAMP (style, 0, 2)][color];
}

static void
set_color (cairo_t *cr,
           guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* Loading */

typedef struct {
  const guint8 *p;
  const guint8 *start;
  const guint8 *end;
  const char   *name;
  GError      **error;
} Cursor;

static gboolean
fail (Cursor     *c,
      const char *what)
{
  g_set_error (c->error, CT_ERROR, CT_ERROR_INVALID_INPUT,
               _("%s: not a valid basemap file (%s at byte %lu)"),
               c->name, what, (unsigned long) (c->p - c->start));
  return FALSE;
}

static gboolean
need (Cursor *c,
      gsize   n,
      const char *what)
{
  if ((gsize) (c->end - c->p) < n)
    return fail (c, what);
  return TRUE;
}

static gboolean
read_u16 (Cursor *c, guint *out, const char *what)
{
  if (!need (c, 2, what))
    return FALSE;
  *out = c->p[0] | (c->p[1] << 8);
  c->p += 2;
  return TRUE;
}

static gboolean
read_u32 (Cursor *c, guint *out, const char *what)
{
  if (!need (c, 4, what))
    return FALSE;
  *out = (guint) c->p[0] | ((guint) c->p[1] << 8) | ((guint) c->p[2] << 16) | ((guint) c->p[3] << 24);
  c->p += 4;
  return TRUE;
}

static gboolean
read_f32 (Cursor *c, float *out, const char *what)
{
  guint32 bits;

  if (!need (c, 4, what))
    return FALSE;
  bits = (guint32) c->p[0] | ((guint32) c->p[1] << 8) | ((guint32) c->p[2] << 16) | ((guint32) c->p[3] << 24);
  memcpy (out, &bits, sizeof *out);
  c->p += 4;
  if (!isfinite (*out))
    return fail (c, what);
  return TRUE;
}

static gboolean
read_varint (Cursor *c, gint64 *out, const char *what)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (!need (c, 1, what))
        return FALSE;
      b = *c->p++;
      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *out = (v & 1) ? -(gint64) (v >> 1) - 1 : (gint64) (v >> 1);
          return TRUE;
        }
    }

  return fail (c, what);
}

static void
project (double  lon,
         double  lat,
         float  *x,
         float  *y)
{
  double mx, my;

  ct_geo_mercator_project (lat, lon, &mx, &my);
  *x = mx;
  *y = my;
}

static void
clear_country (Country *country)
{
  for (guint i = 0; country->rings && i < country->rings->len; i++)
    g_free (g_array_index (country->rings, Ring, i).xy);
  g_clear_pointer (&country->rings, g_array_unref);
  g_clear_pointer (&country->name, g_free);
}

static gboolean
read_country (Cursor  *c,
              Country *country,
              guint   *total_points)
{
  guint name_len, n_rings;
  float label_lon, label_lat;
  const CtCountry *iso;

  if (!need (c, 3, "country code"))
    return FALSE;
  country->code[0] = c->p[0];
  country->code[1] = c->p[1];
  country->code[2] = 0;
  c->p += 2;

  if (country->code[0] != 0 &&
      !(g_ascii_isupper (country->code[0]) && g_ascii_isupper (country->code[1])))
    return fail (c, "country code");

  name_len = *c->p++;
  if (!need (c, name_len, "country name"))
    return FALSE;
  country->name = g_strndup ((const char *) c->p, name_len);
  c->p += name_len;
  if (!g_utf8_validate (country->name, -1, NULL))
    return fail (c, "country name");

  if (!read_f32 (c, &label_lon, "label") || !read_f32 (c, &label_lat, "label"))
    return FALSE;
  if (!ct_longitude_is_valid (label_lon) || !ct_latitude_is_valid (label_lat))
    return fail (c, "label position");

  {
    float lx, ly;
    project (label_lon, label_lat, &lx, &ly);
    country->label_x = lx;
    country->label_y = ly;
  }

  iso = country->code[0] ? ct_country_lookup (country->code) : NULL;
  country->region = iso ? (int) iso->region : -1;

  if (!read_u32 (c, &n_rings, "ring count"))
    return FALSE;
  if (n_rings == 0 || n_rings > MAX_RINGS)
    return fail (c, "ring count");

  country->rings = g_array_sized_new (FALSE, TRUE, sizeof (Ring), n_rings);
  country->west = country->north = G_MAXFLOAT;
  country->east = country->south = -G_MAXFLOAT;

  for (guint r = 0; r < n_rings; r++)
    {
      Ring ring = { 0 };
      float bw, bs, be, bn;
      gint64 qx = 0, qy = 0;

      if (!read_u32 (c, &ring.n, "point count"))
        return FALSE;
      if (ring.n < 3 || ring.n > MAX_POINTS - *total_points ||
          /* each point takes at least two bytes */
          (gsize) (c->end - c->p) < 16 + (gsize) ring.n * 2)
        return fail (c, "point count");

      if (!read_f32 (c, &bw, "ring bounds") || !read_f32 (c, &bs, "ring bounds") ||
          !read_f32 (c, &be, "ring bounds") || !read_f32 (c, &bn, "ring bounds"))
        return FALSE;
      if (bw > be || bs > bn)
        return fail (c, "ring bounds");

      ring.xy = g_new (float, ring.n * 2);
      ring.west = ring.north = G_MAXFLOAT;
      ring.east = ring.south = -G_MAXFLOAT;
      g_array_append_val (country->rings, ring);  /* owned by the country from here */

      for (guint i = 0; i < ring.n; i++)
        {
          gint64 dx, dy;
          double lon, lat;
          float *xy = &g_array_index (country->rings, Ring, r).xy[i * 2];

          if (!read_varint (c, &dx, "coordinates") || !read_varint (c, &dy, "coordinates"))
            return FALSE;
          qx += dx;
          qy += dy;
          lon = qx / 1e5;
          lat = qy / 1e5;
          if (!ct_longitude_is_valid (lon) || !ct_latitude_is_valid (lat))
            return fail (c, "coordinates out of range");

          project (lon, lat, &xy[0], &xy[1]);
          ring.west = MIN (ring.west, xy[0]);
          ring.east = MAX (ring.east, xy[0]);
          ring.north = MIN (ring.north, xy[1]);
          ring.south = MAX (ring.south, xy[1]);
        }

      g_array_index (country->rings, Ring, r).west = ring.west;
      g_array_index (country->rings, Ring, r).east = ring.east;
      g_array_index (country->rings, Ring, r).north = ring.north;
      g_array_index (country->rings, Ring, r).south = ring.south;
      country->west = MIN (country->west, ring.west);
      country->east = MAX (country->east, ring.east);
      country->north = MIN (country->north, ring.north);
      country->south = MAX (country->south, ring.south);
      *total_points += ring.n;
    }

  return TRUE;
}

CtBasemap *
ct_basemap_new_from_bytes (GBytes      *bytes,
                           const char  *name,
                           GError     **error)
{
  g_autoptr(CtBasemap) self = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  Cursor c = { data, data, data + length, name, error };
  guint version, scale, n_countries, total_points = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (length < 12 || memcmp (data, MAGIC, 4) != 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: not a City Ties basemap file"), name);
      return NULL;
    }
  c.p += 4;

  if (!read_u16 (&c, &version, "version") || !read_u16 (&c, &scale, "scale") ||
      !read_u32 (&c, &n_countries, "country count"))
    return NULL;


  if (version != VERSION)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_VERSION, _("%s: basemap format version %u is not supported"), name, version);
      return NULL;
    }

  if (n_countries == 0 || n_countries > MAX_COUNTRIES)
    {
      fail (&c, "country count");
      return NULL;
    }

  self = g_new0 (CtBasemap, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->scale = scale;
  self->countries = g_array_sized_new (FALSE, TRUE, sizeof (Country), n_countries);
  g_array_set_clear_func (self->countries, (GDestroyNotify) clear_country);

  for (guint i = 0; i < n_countries; i++)
    {
      Country country = { 0 };

      g_array_append_val (self->countries, country);
      if (!read_country (&c, &g_array_index (self->countries, Country, i), &total_points))
        return NULL;
    }

  if (c.p != c.end)
    {
      fail (&c, "trailing bytes");
      return NULL;
    }

  return g_steal_pointer (&self);
}

CtBasemap *
ct_basemap_ref (CtBasemap *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ct_basemap_unref (CtBasemap *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->countries);
  g_free (self->name);
  g_free (self);
}

guint
ct_basemap_get_n_countries (CtBasemap *self)
{
  return self->countries->len;
}

CtBasemap *
ct_basemap_get_bundled (int      zoom,
                        GError **error)
{
  static CtBasemap *bundled[2];
  static GMutex lock;
  guint which = zoom >= 5 ? 1 : 0;
  CtBasemap *result;

  g_mutex_lock (&lock);
  if (bundled[which] == NULL)
    {
      const char *path = which ? "/io/github/cityties/CityTies/basemap/basemap-10m.ctb"
                               : "/io/github/cityties/CityTies/basemap/basemap-50m.ctb";
      g_autoptr(GBytes) bytes = g_resource_lookup_data (ct_basemap_data_get_resource (), path, 0, error);

      if (bytes)
        bundled[which] = ct_basemap_new_from_bytes (bytes, path, error);
    }
  result = bundled[which] ? ct_basemap_ref (bundled[which]) : NULL;
  g_mutex_unlock (&lock);

  return result;
}

/* Drawing */

typedef struct {
  double scale;   /* world → tile pixels */
  double ox, oy;  /* tile origin in world coordinates */
  double size;
} Tile;

static gboolean
box_misses (const Tile *t,
            double      west,
            double      north,
            double      east,
            double      south)
{
  double margin = 2.0 / t->scale;

  return east < t->ox - margin || west > t->ox + t->size / t->scale + margin ||
         south < t->oy - margin || north > t->oy + t->size / t->scale + margin;
}

static void
append_ring (const Tile *t,
             const Ring *ring,
             cairo_t    *cr)
{
  double last_x = G_MAXDOUBLE, last_y = G_MAXDOUBLE;
  double lo = -4, hi = t->size + 4;

  for (guint i = 0; i < ring->n; i++)
    {
      /* Points outside the tile are pulled onto a box just around it: inside the tile the
       * filled shape is the same, and whole stretches of coast far away collapse into a few
       * segments along the box */
      double x = CLAMP ((ring->xy[i * 2] - t->ox) * t->scale, lo, hi);
      double y = CLAMP ((ring->xy[i * 2 + 1] - t->oy) * t->scale, lo, hi);

      /* Points closer than a third of a pixel add nothing but work */
      if (i > 0 && i < ring->n - 1 && fabs (x - last_x) < 0.33 && fabs (y - last_y) < 0.33)
        continue;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      last_x = x;
      last_y = y;
    }

  cairo_close_path (cr);
}

static CtBasemapColor
fill_for (const Country *country)
{
  switch (country->region)
    {
    case CT_REGION_TAIWAN: return CT_BASEMAP_COLOR_TAIWAN;
    case CT_REGION_ASEAN: return CT_BASEMAP_COLOR_ASEAN;
    case CT_REGION_EU: return CT_BASEMAP_COLOR_EU;
    default: return CT_BASEMAP_COLOR_LAND;
    }
}

static void
draw_graticule (const Tile *t,
                int         zoom,
                cairo_t    *cr)
{
  double step = zoom < 4 ? 15 : zoom < 7 ? 5 : 1;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.6);
  for (double lon = -180; lon <= 180; lon += step)
    {
      float x, y;
      project (lon, 0, &x, &y);
      cairo_move_to (cr, (x - t->ox) * t->scale, 0);
      cairo_line_to (cr, (x - t->ox) * t->scale, t->size);
    }
  for (double lat = -80; lat <= 80; lat += step)
    {
      float x, y;
      project (0, lat, &x, &y);
      cairo_move_to (cr, 0, (y - t->oy) * t->scale);
      cairo_line_to (cr, t->size, (y - t->oy) * t->scale);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_labels (CtBasemap      *self,
             const Tile     *t,
             CtBasemapStyle  style,
             cairo_t        *cr)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 9");

  pango_layout_set_font_description (layout, font);

  for (guint i = 0; i < self->countries->len; i++)
    {
      const Country *country = &g_array_index (self->countries, Country, i);
      const CtCountry *iso = country->code[0] ? ct_country_lookup (country->code) : NULL;
      double width_px = (country->east - country->west) * t->scale;
      double x = (country->label_x - t->ox) * t->scale;
      double y = (country->label_y - t->oy) * t->scale;
      PangoRectangle ink, logical;

      /* Only countries wide enough to carry their name at this zoom */
      if (width_px < 40 || x < 0 || y < 0 || x > t->size || y > t->size)
        continue;

      pango_layout_set_text (layout, iso ? ct_country_get_display_name (iso) : country->name, -1);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      if (logical.width > width_px * 1.2)
        continue;

      x -= logical.width / 2.0;
      y -= logical.height / 2.0;
      /* A label cut by the tile edge would be cut again on the next tile: keep it whole or skip */
      if (x < 1 || y < 1 || x + logical.width > t->size - 1 || y + logical.height > t->size - 1)
        continue;

      cairo_move_to (cr, x, y);
      pango_cairo_layout_path (cr, layout);
      set_color (cr, palette[style][CT_BASEMAP_COLOR_LABEL_HALO]);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      cairo_move_to (cr, x, y);
      set_color (cr, palette[style][CT_BASEMAP_COLOR_LABEL]);
      pango_cairo_show_layout (cr, layout);
    }
}

void
ct_basemap_render_tile (CtBasemap      *self,
                        CtBasemapStyle  style,
                        CtBasemapFlags  flags,
                        int             zoom,
                        int             x,
                        int             y,
                        double          tile_size,
                        cairo_t        *cr)
{
  Tile t;

  g_return_if_fail (self != NULL);
  g_return_if_fail (zoom >= 0 && zoom <= 22);

  style = CLAMP (style, 0, 2);
  t.size = tile_size;
  t.scale = tile_size * (double) (1 << zoom);
  t.ox = (double) x / (1 << zoom);
  t.oy = (double) y / (1 << zoom);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, tile_size, tile_size);
  cairo_clip (cr);

  set_color (cr, palette[style][CT_BASEMAP_COLOR_SEA]);
  cairo_paint (cr);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < self->countries->len; i++)
    {
      const Country *country = &g_array_index (self->countries, Country, i);

      if (box_misses (&t, country->west, country->north, country->east, country->south))
        continue;

      cairo_new_path (cr);
      for (guint r = 0; r < country->rings->len; r++)
        {
          const Ring *ring = &g_array_index (country->rings, Ring, r);

          if (!box_misses (&t, ring->west, ring->north, ring->east, ring->south))
            append_ring (&t, ring, cr);
        }

      set_color (cr, palette[style][fill_for (country)]);
      cairo_fill_preserve (cr);
      set_color (cr, palette[style][CT_BASEMAP_COLOR_BORDER]);
      cairo_set_line_width (cr, style == CT_BASEMAP_STYLE_HIGH_CONTRAST ? 1.0 : zoom < 4 ? 0.5 : 0.8);
      cairo_stroke (cr);
    }

  if (flags & CT_BASEMAP_GRATICULE)
    {
      set_color (cr, palette[style][CT_BASEMAP_COLOR_GRATICULE]);
      draw_graticule (&t, zoom, cr);
    }

  if (flags & CT_BASEMAP_LABELS)
    draw_labels (self, &t, style, cr);

  cairo_restore (cr);
}

cairo_surface_t *
ct_basemap_render_tile_surface (CtBasemap      *self,
                                CtBasemapStyle  style,
                                CtBasemapFlags  flags,
                                int             zoom,
                                int             x,
                                int             y,
                                int             tile_size,
                                int             scale_factor)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  scale_factor = MAX (1, scale_factor);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tile_size * scale_factor, tile_size * scale_factor);
  cr = cairo_create (surface);
  cairo_scale (cr, scale_factor, scale_factor);
  ct_basemap_render_tile (self, style, flags, zoom, x, y, tile_size, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}
