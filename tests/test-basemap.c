/* test-basemap.c: the built-in basemap, checked by pixel (no display needed)
 *
 * Writes the tiles it looks at into the build folder (basemap-*.png) for a human to look at too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ct-basemap.h"
#include "ct-basemap-resources.h"
#include "ct-error.h"
#include "ct-geometry.h"

#define RESOURCE_PATH "/io/github/cityties/CityTies/basemap/"

/* The tile at zoom that contains lat/lon, and the pixel of lat/lon in it */
static void
locate (double  lat,
        double  lon,
        int     zoom,
        int    *tx,
        int    *ty,
        int    *px,
        int    *py)
{
  double x, y, n = 1 << zoom;

  ct_geo_mercator_project (lat, lon, &x, &y);
  *tx = (int) floor (x * n);
  *ty = (int) floor (y * n);
  *px = (int) ((x * n - *tx) * 256);
  *py = (int) ((y * n - *ty) * 256);
}

static guint32
surface_pixel (cairo_surface_t *surface,
               int              px,
               int              py)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 value;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  memcpy (&value, data + py * cairo_image_surface_get_stride (surface) + px * 4, 4);
  return value & 0xffffff;
}

static void
save (cairo_surface_t *surface,
      const char      *name)
{
  g_autofree char *path = g_build_filename (g_test_get_dir (G_TEST_BUILT), name, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("tile written to %s", path);
}

static cairo_surface_t *
render (CtBasemapStyle style,
        CtBasemapFlags flags,
        int            zoom,
        int            x,
        int            y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, &error);
  cairo_surface_t *surface;

  g_assert_no_error (error);
  surface = ct_basemap_render_tile_surface (basemap, style, flags, zoom, x, y, 256, 1);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* The colour at lat/lon in its tile at zoom, drawn without names (which would cover it) */
static guint32
pixel_at (CtBasemapStyle style,
          double         lat,
          double         lon,
          int            zoom)
{
  cairo_surface_t *surface;
  int tx, ty, px, py;
  guint32 value;

  locate (lat, lon, zoom, &tx, &ty, &px, &py);
  surface = render (style, 0, zoom, tx, ty);
  value = surface_pixel (surface, px, py);
  cairo_surface_destroy (surface);
  return value;
}

static GBytes *
bundled_bytes (const char *file)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, file, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resource_lookup_data (ct_basemap_data_get_resource (), path, 0, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_basemap_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) low = ct_basemap_get_bundled (4, &error);
  g_autoptr(CtBasemap) high = ct_basemap_get_bundled (5, &error);
  g_autoptr(CtBasemap) again = ct_basemap_get_bundled (12, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ct_basemap_get_scale (low), ==, 50);
  g_assert_cmpint (ct_basemap_get_scale (high), ==, 10);
  g_assert_true (high == again);
  g_assert_cmpint (ct_basemap_scale_for_zoom (1), ==, 50);
  g_assert_cmpint (ct_basemap_scale_for_zoom (4), ==, 50);
  g_assert_cmpint (ct_basemap_scale_for_zoom (5), ==, 10);
  g_assert_cmpuint (ct_basemap_get_n_countries (low), >, 200);
  g_assert_cmpuint (ct_basemap_get_n_countries (high), >, 200);
}

static void
test_basemap_countries (void)
{
  static const struct { const char *code; double lat, lon; } places[] = {
    { "TW", 25.03, 121.56 }, { "TW", 22.63, 120.30 }, { "VN", 21.03, 105.85 }, { "PH", 14.60, 120.98 },
    { "SG", 1.35, 103.82 }, { "ID", -7.57, 110.82 }, { "PL", 52.23, 21.01 }, { "CZ", 50.08, 14.43 },
    { "PT", 41.55, -8.42 }, { "RU", 66.0, -175.0 }, { "RU", 66.0, 175.0 }, { "FJ", -16.5, 179.2 },
  };

  for (int zoom = 1; zoom <= 5; zoom += 4)
    {
      g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, NULL);
      guint n_inside = 0, n_coded = 0, n_all = 0;
      const char *code = NULL, *name = NULL;
      const CtCountry *all;

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          g_test_message ("%dm: %s at %.2f, %.2f", ct_basemap_get_scale (basemap), places[i].code, places[i].lat, places[i].lon);
          g_assert_true (ct_basemap_find_country_at (basemap, places[i].lat, places[i].lon, &code, &name));
          g_assert_cmpstr (code, ==, places[i].code);
        }
      g_assert_true (ct_basemap_find_country_at (basemap, 23.7, 121.0, NULL, &name));
      g_assert_cmpstr (name, ==, "Taiwan");
      g_assert_false (ct_basemap_find_country_at (basemap, 10.0, -150.0, &code, &name));  /* Pacific */
      g_assert_false (ct_basemap_find_country_at (basemap, 22.0, 119.5, &code, &name));   /* Taiwan Strait */

      /* Every name goes inside its own country */
      all = ct_country_get_all (&n_all);

      for (guint i = 0; i < n_all; i++)
        {
          const CtCountry *c = &all[i];
          double lat, lon;

          if (!ct_basemap_get_label_point (basemap, c->code, &lat, &lon))
            continue;
          n_coded++;
          if (ct_basemap_find_country_at (basemap, lat, lon, &code, NULL) && g_str_equal (code, c->code))
            n_inside++;
          else
            g_test_message ("%dm: label point of %s (%.3f, %.3f) not inside it", ct_basemap_get_scale (basemap),
                            c->code, lat, lon);
        }
      g_test_message ("%dm: %u of %u label points inside their country", ct_basemap_get_scale (basemap),
                      n_inside, n_coded);
      /* A few islands are smaller than the grid (the Vatican at 1:10m has no area at all) */
      g_assert_cmpuint (n_inside, >=, n_coded - 3);
      g_assert_cmpuint (n_coded, >, 190);
    }
}

static void
test_basemap_regions_by_colour (void)
{
  static const struct { const char *code; CtBasemapColor fill; int zoom; } countries[] = {
    { "TW", CT_BASEMAP_COLOR_TAIWAN, 7 },
    { "VN", CT_BASEMAP_COLOR_ASEAN, 5 }, { "TH", CT_BASEMAP_COLOR_ASEAN, 4 }, { "ID", CT_BASEMAP_COLOR_ASEAN, 6 },
    { "PH", CT_BASEMAP_COLOR_ASEAN, 6 }, { "MY", CT_BASEMAP_COLOR_ASEAN, 6 }, { "SG", CT_BASEMAP_COLOR_ASEAN, 10 },
    { "PL", CT_BASEMAP_COLOR_EU, 5 }, { "FR", CT_BASEMAP_COLOR_EU, 4 }, { "DE", CT_BASEMAP_COLOR_EU, 6 },
    { "LT", CT_BASEMAP_COLOR_EU, 7 }, { "CN", CT_BASEMAP_COLOR_LAND, 3 }, { "JP", CT_BASEMAP_COLOR_LAND, 5 },
    { "NO", CT_BASEMAP_COLOR_LAND, 4 }, { "GB", CT_BASEMAP_COLOR_LAND, 5 },
  };
  cairo_surface_t *surface;
  int tx, ty, px, py;

  /* Taiwan's interior, and the tile saved for a look */
  locate (23.7, 121.0, 7, &tx, &ty, &px, &py);
  surface = render (CT_BASEMAP_STYLE_LIGHT, 0, 7, tx, ty);
  g_assert_cmphex (surface_pixel (surface, px, py), ==,
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_TAIWAN));
  cairo_surface_destroy (surface);
  surface = render (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS | CT_BASEMAP_GRATICULE, 7, tx, ty);
  save (surface, "basemap-taiwan.png");
  cairo_surface_destroy (surface);

  /* Open Pacific: a tile of sea */
  surface = render (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS, 6, 5, 28);
  for (int y = 0; y < 256; y += 15)
    for (int x = 0; x < 256; x += 15)
      g_assert_cmphex (surface_pixel (surface, x, y), ==,
                       ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_SEA));
  cairo_surface_destroy (surface);

  /* Each region at the point where its name goes (inside the largest polygon) */
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (countries[i].zoom, NULL);
      double lat, lon;

      g_assert_true (ct_basemap_get_label_point (basemap, countries[i].code, &lat, &lon));
      g_test_message ("%s at %.3f, %.3f", countries[i].code, lat, lon);
      g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, lat, lon, countries[i].zoom), ==,
                       ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, countries[i].fill));
    }

  /* Taiwan at zoom 12, in Taipei (Daan Forest Park) */
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 25.03, 121.536, 12), ==,
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_TAIWAN));
}

static void
test_basemap_styles_differ (void)
{
  guint32 taiwan[CT_BASEMAP_N_STYLES], sea[CT_BASEMAP_N_STYLES];

  for (CtBasemapStyle style = 0; style < CT_BASEMAP_N_STYLES; style++)
    {
      taiwan[style] = pixel_at (style, 23.7, 121.0, 7);
      sea[style] = pixel_at (style, 10.0, -150.0, 4);
      g_assert_cmphex (taiwan[style], ==, ct_basemap_get_color (style, CT_BASEMAP_COLOR_TAIWAN));
      g_assert_cmphex (sea[style], ==, ct_basemap_get_color (style, CT_BASEMAP_COLOR_SEA));
    }

  g_assert_cmphex (taiwan[CT_BASEMAP_STYLE_LIGHT], !=, taiwan[CT_BASEMAP_STYLE_DARK]);
  g_assert_cmphex (taiwan[CT_BASEMAP_STYLE_LIGHT], !=, taiwan[CT_BASEMAP_STYLE_HIGH_CONTRAST]);
  g_assert_cmphex (taiwan[CT_BASEMAP_STYLE_DARK], !=, taiwan[CT_BASEMAP_STYLE_HIGH_CONTRAST]);
  g_assert_cmphex (sea[CT_BASEMAP_STYLE_LIGHT], !=, sea[CT_BASEMAP_STYLE_DARK]);
  g_assert_cmphex (sea[CT_BASEMAP_STYLE_DARK], !=, sea[CT_BASEMAP_STYLE_HIGH_CONTRAST]);
}

static void
test_basemap_label_contrast (void)
{
  /* Names sit on a halo, and the halo on any fill: the text must pass WCAG AA (4.5:1) against the
   * halo and against every fill and the sea as well, for where the halo is thin */
  static const CtBasemapColor grounds[] = {
    CT_BASEMAP_COLOR_SEA, CT_BASEMAP_COLOR_LAND, CT_BASEMAP_COLOR_TAIWAN, CT_BASEMAP_COLOR_ASEAN,
    CT_BASEMAP_COLOR_EU, CT_BASEMAP_COLOR_LABEL_HALO,
  };
  static const CtBasemapColor fills[] = {
    CT_BASEMAP_COLOR_SEA, CT_BASEMAP_COLOR_LAND, CT_BASEMAP_COLOR_TAIWAN, CT_BASEMAP_COLOR_ASEAN, CT_BASEMAP_COLOR_EU,
  };

  /* The formula itself, on known values */
  g_assert_cmpfloat_with_epsilon (ct_basemap_contrast_ratio (0x000000, 0xffffff), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ct_basemap_contrast_ratio (0x777777, 0xffffff), 4.48, 0.01);
  g_assert_cmpfloat_with_epsilon (ct_basemap_contrast_ratio (0xffffff, 0x777777), 4.48, 0.01);

  for (CtBasemapStyle style = 0; style < CT_BASEMAP_N_STYLES; style++)
    {
      guint32 text = ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL);

      for (guint i = 0; i < G_N_ELEMENTS (grounds); i++)
        {
          double ratio = ct_basemap_contrast_ratio (text, ct_basemap_get_color (style, grounds[i]));

          g_test_message ("style %d: label on colour %u: %.2f:1", style, grounds[i], ratio);
          g_assert_cmpfloat (ratio, >=, 4.5);
        }

      /* The fills differ from each other and from the sea */
      for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
        for (guint j = i + 1; j < G_N_ELEMENTS (fills); j++)
          g_assert_cmphex (ct_basemap_get_color (style, fills[i]), !=, ct_basemap_get_color (style, fills[j]));
    }

  g_assert_cmpint (ct_basemap_color_for_region (CT_REGION_TAIWAN), ==, CT_BASEMAP_COLOR_TAIWAN);
  g_assert_cmpint (ct_basemap_color_for_region (CT_REGION_ASEAN), ==, CT_BASEMAP_COLOR_ASEAN);
  g_assert_cmpint (ct_basemap_color_for_region (CT_REGION_EU), ==, CT_BASEMAP_COLOR_EU);
  g_assert_cmpint (ct_basemap_color_for_region (CT_REGION_OTHER), ==, CT_BASEMAP_COLOR_LAND);
}

/* Pixels of a tile in about the names' colour (the edges of letters are blended) */
static guint
count_label_pixels (cairo_surface_t *surface,
                    CtBasemapStyle   style)
{
  guint32 text = ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL);
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = surface_pixel (surface, x, y);
        int distance = 0;

        for (int shift = 0; shift < 24; shift += 8)
          distance += ABS ((int) ((pixel >> shift) & 0xff) - (int) ((text >> shift) & 0xff));
        n += distance < 96;
      }
  return n;
}

static void
test_basemap_text_scale (void)
{
  /* The desktop's text size enlarges the country names: Australia's, alone in its tile */
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (3, &error);
  guint counts[3];
  static const double scales[3] = { 1.0, 1.5, 2.0 };
  int tx, ty, px, py;

  g_assert_no_error (error);
  locate (-25, 134, 3, &tx, &ty, &px, &py);
  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      cairo_surface_t *surface = ct_basemap_render_tile_surface_full (basemap, CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS,
                                                                      scales[i], 3, tx, ty, 256, 1);

      counts[i] = count_label_pixels (surface, CT_BASEMAP_STYLE_LIGHT);
      g_test_message ("text scale %.1f: %u pixels of names", scales[i], counts[i]);
      if (i == 2)
        save (surface, "basemap-text-scale-2.png");
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (counts[0], >, 0);
  g_assert_cmpuint (counts[1], >, counts[0]);
  g_assert_cmpuint (counts[2], >, counts[1]);
}

static void
test_basemap_every_zoom (void)
{
  for (int zoom = 0; zoom <= 12; zoom++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, &error);
        int tx, ty, px, py;
        cairo_surface_t *surface;

        g_assert_no_error (error);
        locate (25.05, 121.53, zoom, &tx, &ty, &px, &py);
        surface = ct_basemap_render_tile_surface (basemap, CT_BASEMAP_STYLE_LIGHT,
                                                  CT_BASEMAP_LABELS | CT_BASEMAP_GRATICULE, zoom, tx, ty, 256, scale);
        g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256 * scale);
        if (zoom == 12 && scale == 2)
          save (surface, "basemap-taipei-z12@2.png");
        cairo_surface_destroy (surface);
      }

  /* Columns wrap around, rows beyond the poles are sea */
  {
    cairo_surface_t *a = render (CT_BASEMAP_STYLE_LIGHT, 0, 3, 6, 3);
    cairo_surface_t *b = render (CT_BASEMAP_STYLE_LIGHT, 0, 3, 6 + 8, 3);
    cairo_surface_t *c = render (CT_BASEMAP_STYLE_LIGHT, 0, 3, 6 - 16, 3);
    cairo_surface_t *d = render (CT_BASEMAP_STYLE_LIGHT, 0, 3, 6, 9);

    for (int y = 0; y < 256; y += 7)
      for (int x = 0; x < 256; x += 7)
        {
          g_assert_cmphex (surface_pixel (a, x, y), ==, surface_pixel (b, x, y));
          g_assert_cmphex (surface_pixel (a, x, y), ==, surface_pixel (c, x, y));
          g_assert_cmphex (surface_pixel (d, x, y), ==, ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_SEA));
        }
    cairo_surface_destroy (a);
    cairo_surface_destroy (b);
    cairo_surface_destroy (c);
    cairo_surface_destroy (d);
  }
}

static void
test_basemap_looks (void)
{
  static const struct { const char *file; CtBasemapStyle style; int zoom; double lat, lon; } tiles[] = {
    { "basemap-asean-z3.png", CT_BASEMAP_STYLE_LIGHT, 3, 10.0, 112.0 },
    { "basemap-asean-z3-dark.png", CT_BASEMAP_STYLE_DARK, 3, 10.0, 112.0 },
    { "basemap-asean-z3-hc.png", CT_BASEMAP_STYLE_HIGH_CONTRAST, 3, 10.0, 112.0 },
    { "basemap-europe-z4.png", CT_BASEMAP_STYLE_LIGHT, 4, 50.0, 10.0 },
    { "basemap-world-z1.png", CT_BASEMAP_STYLE_LIGHT, 1, 40.0, 60.0 },
    { "basemap-taiwan-z5.png", CT_BASEMAP_STYLE_LIGHT, 5, 23.7, 121.0 },
    { "basemap-singapore-z9.png", CT_BASEMAP_STYLE_LIGHT, 9, 1.35, 103.82 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      int tx, ty, px, py;
      cairo_surface_t *surface;

      locate (tiles[i].lat, tiles[i].lon, tiles[i].zoom, &tx, &ty, &px, &py);
      surface = render (tiles[i].style, CT_BASEMAP_LABELS | CT_BASEMAP_GRATICULE, tiles[i].zoom, tx, ty);
      save (surface, tiles[i].file);
      cairo_surface_destroy (surface);
    }
}

/* Where Natural Earth cuts Chukotka at ±180°, the two halves meet without a coastline between them */
static void
test_basemap_antimeridian (void)
{
  for (int zoom = 2; zoom <= 6; zoom += 4)
    {
      int n = 1 << zoom, tx, ty, px, py;
      cairo_surface_t *east, *west;
      guint32 land = ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_LAND);

      locate (67.5, 179.99, zoom, &tx, &ty, &px, &py);
      g_assert_cmpint (tx, ==, n - 1);
      west = render (CT_BASEMAP_STYLE_LIGHT, 0, zoom, n - 1, ty);
      east = render (CT_BASEMAP_STYLE_LIGHT, 0, zoom, 0, ty);

      g_assert_cmphex (surface_pixel (west, 255, py), ==, land);
      g_assert_cmphex (surface_pixel (west, 254, py), ==, land);
      g_assert_cmphex (surface_pixel (east, 0, py), ==, land);
      g_assert_cmphex (surface_pixel (east, 1, py), ==, land);
      cairo_surface_destroy (east);
      cairo_surface_destroy (west);
    }
}

/* Several threads drawing at once from a basemap nobody has drawn with yet (names are measured and
 * placed on first use): every tile comes out the same as drawn alone */
typedef struct {
  CtBasemap       *basemap;
  cairo_surface_t *tiles[12];
} ThreadData;

static const int thread_tiles[12][3] = {
  { 3, 6, 3 }, { 3, 7, 3 }, { 4, 13, 7 }, { 4, 8, 5 }, { 4, 9, 5 }, { 2, 3, 1 },
  { 3, 4, 2 }, { 2, 2, 1 }, { 4, 12, 7 }, { 3, 5, 3 }, { 1, 1, 0 }, { 4, 14, 8 },
};

static gpointer
draw_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (thread_tiles); i++)
    data->tiles[i] = ct_basemap_render_tile_surface (data->basemap, CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS,
                                                     thread_tiles[i][0], thread_tiles[i][1], thread_tiles[i][2],
                                                     256, 1);
  return NULL;
}

static void
test_basemap_threads (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ("basemap-50m.ctb");
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) shared = ct_basemap_new_from_bytes (bytes, "basemap-50m.ctb", &error);
  g_autoptr(CtBasemap) alone = ct_basemap_new_from_bytes (bytes, "basemap-50m.ctb", &error);
  ThreadData data[4];
  GThread *threads[4];

  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      data[t].basemap = shared;
      threads[t] = g_thread_new ("draw", draw_in_thread, &data[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < G_N_ELEMENTS (thread_tiles); i++)
    {
      cairo_surface_t *reference = ct_basemap_render_tile_surface (alone, CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS,
                                                                   thread_tiles[i][0], thread_tiles[i][1],
                                                                   thread_tiles[i][2], 256, 1);
      gsize size = (gsize) cairo_image_surface_get_stride (reference) * cairo_image_surface_get_height (reference);

      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        {
          g_assert_cmpmem (cairo_image_surface_get_data (data[t].tiles[i]), size,
                           cairo_image_surface_get_data (reference), size);
          cairo_surface_destroy (data[t].tiles[i]);
        }
      cairo_surface_destroy (reference);
    }
}

/* The file's checksum: FNV-1a of all but bytes 8–11 */
static guint32
checksum (const guint8 *data,
          gsize         length)
{
  guint32 h = 0x811c9dc5;

  for (gsize i = 0; i < length; i++)
    if (i < 8 || i >= 12)
      h = (h ^ data[i]) * 0x01000193;
  return h;
}

static CtBasemap *
try_load (const guint8 *data,
          gsize         length,
          gboolean      fix_checksum,
          GError      **error)
{
  g_autofree guint8 *copy = g_memdup2 (data, length);
  g_autoptr(GBytes) bytes = NULL;

  if (fix_checksum && length >= 12)
    {
      guint32 sum = GUINT32_TO_LE (checksum (copy, length));

      memcpy (copy + 8, &sum, 4);
    }
  bytes = g_bytes_new_take (g_steal_pointer (&copy), length);
  return ct_basemap_new_from_bytes (bytes, "broken.ctb", error);
}

static void
assert_fails (const guint8 *data,
              gsize         length,
              gboolean      fix_checksum)
{
  g_autoptr(GError) error = NULL;
  CtBasemap *basemap = try_load (data, length, fix_checksum, &error);

  g_assert_null (basemap);
  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, CT_ERROR, CT_ERROR_INVALID_INPUT) ||
                 g_error_matches (error, CT_ERROR, CT_ERROR_VERSION));
  g_assert_nonnull (strstr (error->message, "broken.ctb"));
}

static void
test_basemap_rejects_corrupt_files (void)
{
  g_autoptr(GBytes) good = bundled_bytes ("basemap-50m.ctb");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (good, &length);
  guint n_structural = 0, n_loaded = 0;
  /* Each try parses most of the file: a few seconds by default, more with -m slow */
  guint n_flips = g_test_slow () ? 1000 : 150;
  guint n_mutations = g_test_slow () ? 5000 : 600;

  /* The whole file loads */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CtBasemap) basemap = try_load (data, length, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ct_basemap_get_n_countries (basemap), >, 200);
  }

  /* Cut short anywhere: every byte of the header and the first records, and 500 places after */
  for (gsize cut = 0; cut < 2000; cut++)
    assert_fails (data, cut, FALSE);
  for (guint i = 0; i < 500; i++)
    assert_fails (data, g_rand_int_range (rand, 2000, length), FALSE);
  assert_fails (data, length - 1, FALSE);

  /* One bit flipped anywhere: caught, by the checksum at the latest */
  for (guint i = 0; i < n_flips; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, length);
      gsize at = i < 96 ? i : (gsize) g_rand_int_range (rand, 0, length);

      copy[at] ^= 1 << g_rand_int_range (rand, 0, 8);
      assert_fails (copy, length, FALSE);
    }

  /* Corrupt with a matching checksum, which only the structural checks can catch: bytes flipped
   * and set to extreme values. A flip that still makes a valid file must draw without trouble. */
  for (guint i = 0; i < n_mutations; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(CtBasemap) basemap = NULL;
      /* most flips in the header and tables, where the structure is */
      gsize at = g_rand_int_range (rand, 0, 4) ? (gsize) g_rand_int_range (rand, 12, MIN (length, 120000))
                                               : (gsize) g_rand_int_range (rand, 12, length);

      switch (i % 3)
        {
        case 0: copy[at] ^= 1 << g_rand_int_range (rand, 0, 8); break;
        case 1: copy[at] = 0xff; break;
        default: copy[at] = 0; break;
        }

      basemap = try_load (copy, length, TRUE, &error);
      g_assert_true ((basemap == NULL) == (error != NULL));
      if (basemap)
        {
          cairo_surface_t *surface = ct_basemap_render_tile_surface (basemap, CT_BASEMAP_STYLE_LIGHT,
                                                                     CT_BASEMAP_LABELS, 2, 3, 1, 256, 1);

          g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (surface);
          n_loaded++;
        }
      else
        {
          g_assert_true (g_error_matches (error, CT_ERROR, CT_ERROR_INVALID_INPUT) ||
                         g_error_matches (error, CT_ERROR, CT_ERROR_VERSION));
          n_structural++;
        }
    }
  g_test_message ("corrupted with a valid checksum: %u rejected, %u still valid", n_structural, n_loaded);
  g_assert_cmpuint (n_structural, >, n_mutations / 2);

  /* Not a basemap at all: text, nothing, the magic alone, random bytes after a valid header */
  assert_fails ((const guint8 *) "hello, world", 12, FALSE);
  assert_fails ((const guint8 *) "", 0, FALSE);
  assert_fails ((const guint8 *) "CTBM", 4, FALSE);
  for (guint i = 0; i < 200; i++)
    {
      gsize n = g_rand_int_range (rand, 96, 4096);
      g_autofree guint8 *junk = g_malloc (n);

      for (gsize k = 0; k < n; k++)
        junk[k] = g_rand_int_range (rand, 0, 256);
      if (i % 2)
        memcpy (junk, data, 96);
      assert_fails (junk, n, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/bundled", test_basemap_bundled);
  g_test_add_func ("/basemap/countries", test_basemap_countries);
  g_test_add_func ("/basemap/regions-by-colour", test_basemap_regions_by_colour);
  g_test_add_func ("/basemap/styles-differ", test_basemap_styles_differ);
  g_test_add_func ("/basemap/label-contrast", test_basemap_label_contrast);
  g_test_add_func ("/basemap/text-scale", test_basemap_text_scale);
  g_test_add_func ("/basemap/every-zoom", test_basemap_every_zoom);
  g_test_add_func ("/basemap/antimeridian", test_basemap_antimeridian);
  g_test_add_func ("/basemap/looks", test_basemap_looks);
  g_test_add_func ("/basemap/threads", test_basemap_threads);
  g_test_add_func ("/basemap/rejects-corrupt-files", test_basemap_rejects_corrupt_files);

  return g_test_run ();
}
