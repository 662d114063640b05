/* test-basemap.c: the built-in basemap, checked by pixel (no display needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ct-basemap.h"
#include "ct-error.h"
#include "ct-geometry.h"

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
pixel_at (CtBasemapStyle style,
          double         lat,
          double         lon,
          int            zoom,
          const char    *save_as)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, &error);
  cairo_surface_t *surface;
  int tx, ty, px, py;
  guint32 value;

  g_assert_no_error (error);
  locate (lat, lon, zoom, &tx, &ty, &px, &py);
  surface = ct_basemap_render_tile_surface (basemap, style, CT_BASEMAP_LABELS, zoom, tx, ty, 256, 1);
  value = ((guint32 *) (gpointer) cairo_image_surface_get_data (surface))[py * cairo_image_surface_get_stride (surface) / 4 + px];

  if (save_as)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, save_as, NULL);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("tile written to %s", path);
    }

  cairo_surface_destroy (surface);
  return value & 0xffffff;
}

static void
test_basemap_regions_by_colour (void)
{
  /* Inland points, well away from borders and labels */
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 23.5, 120.95, 7, "basemap-taiwan.png"), ==,
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_TAIWAN));
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 15.3, 101.2, 6, NULL), ==,      /* Thailand */
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_ASEAN));
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 50.6, 22.6, 6, NULL), ==,       /* south-east Poland */
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_EU));
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 40.5, 90.0, 5, NULL), ==,       /* western China: neutral */
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_LAND));
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 10.0, -150.0, 4, NULL), ==,     /* open Pacific */
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_SEA));
  /* At zoom 10 the 1:10m file draws Taiwan too */
  g_assert_cmphex (pixel_at (CT_BASEMAP_STYLE_LIGHT, 23.5, 120.95, 10, NULL), ==,
                   ct_basemap_get_color (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_COLOR_TAIWAN));
  pixel_at (CT_BASEMAP_STYLE_LIGHT, 10.0, 112.0, 3, "basemap-asean-z3.png");
}

static void
test_basemap_styles_differ (void)
{
  guint32 light = pixel_at (CT_BASEMAP_STYLE_LIGHT, 23.5, 120.95, 7, NULL);
  guint32 dark = pixel_at (CT_BASEMAP_STYLE_DARK, 23.5, 120.95, 7, "basemap-taiwan-dark.png");
  guint32 contrast = pixel_at (CT_BASEMAP_STYLE_HIGH_CONTRAST, 23.5, 120.95, 7, NULL);
  guint32 sea_light = pixel_at (CT_BASEMAP_STYLE_LIGHT, 10.0, -150.0, 4, NULL);
  guint32 sea_dark = pixel_at (CT_BASEMAP_STYLE_DARK, 10.0, -150.0, 4, NULL);

  g_assert_cmphex (light, !=, dark);
  g_assert_cmphex (light, !=, contrast);
  g_assert_cmphex (dark, !=, contrast);
  g_assert_cmphex (sea_light, !=, sea_dark);
  g_assert_cmphex (dark, ==, ct_basemap_get_color (CT_BASEMAP_STYLE_DARK, CT_BASEMAP_COLOR_TAIWAN));
}

static double
luminance (guint32 rgb)
{
  double c[3] = { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
test_basemap_label_contrast (void)
{
  /* Labels sit on a halo, and the halo on any fill: the text must pass WCAG AA (4.5:1) against
   * every fill as well, for where the halo is thin */
  static const CtBasemapColor fills[] = {
    CT_BASEMAP_COLOR_SEA, CT_BASEMAP_COLOR_LAND, CT_BASEMAP_COLOR_TAIWAN, CT_BASEMAP_COLOR_ASEAN, CT_BASEMAP_COLOR_EU,
  };

  for (CtBasemapStyle style = CT_BASEMAP_STYLE_LIGHT; style <= CT_BASEMAP_STYLE_HIGH_CONTRAST; style++)
    {
      guint32 text = ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL);

      g_assert_cmpfloat (contrast (text, ct_basemap_get_color (style, CT_BASEMAP_COLOR_LABEL_HALO)), >=, 4.5);
      for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
        {
          double ratio = contrast (text, ct_basemap_get_color (style, fills[i]));

          g_test_message ("style %d fill %u: %.2f:1", style, fills[i], ratio);
          g_assert_cmpfloat (ratio, >=, 4.5);
        }
    }
}

static void
test_basemap_every_zoom (void)
{
  g_autoptr(GError) error = NULL;

  for (int zoom = 1; zoom <= 12; zoom++)
    {
      g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, &error);
      int tx, ty, px, py;
      cairo_surface_t *surface;

      g_assert_no_error (error);
      locate (25.05, 121.53, zoom, &tx, &ty, &px, &py);
      surface = ct_basemap_render_tile_surface (basemap, CT_BASEMAP_STYLE_LIGHT,
                                                CT_BASEMAP_LABELS | CT_BASEMAP_GRATICULE, zoom, tx, ty, 256, 2);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 512);
      cairo_surface_destroy (surface);
    }
}

static void
test_basemap_rejects_corrupt_files (void)
{
  g_autoptr(GBytes) good = g_resources_lookup_data ("/io/github/cityties/CityTies/basemap/basemap-50m.ctb", 0, NULL);
  gsize length = 0;
  const guint8 *data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  if (good == NULL)
    {
      g_autoptr(CtBasemap) loaded = ct_basemap_get_bundled (1, NULL);  /* registers nothing; read the file instead */
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "basemap-50m.ctb", NULL);
      g_autofree char *contents = NULL;

      g_assert_nonnull (loaded);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      good = g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  data = g_bytes_get_data (good, &length);

  /* The whole file loads */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CtBasemap) basemap = ct_basemap_new_from_bytes (good, "good.ctb", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ct_basemap_get_n_countries (basemap), >, 200);
  }

  /* Truncated anywhere: an error naming the file, never a crash */
  for (guint i = 0; i < 200; i++)
    {
      gsize cut = i < 20 ? i : g_rand_int_range (rand, 0, length);
      g_autoptr(GBytes) part = g_bytes_new (data, cut);
      g_autoptr(GError) error = NULL;
      CtBasemap *basemap = ct_basemap_new_from_bytes (part, "cut.ctb", &error);

      g_assert_null (basemap);
      g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, "cut.ctb"));
    }

  /* Bytes flipped: fails cleanly or, where the flip lands on a value that is still valid, loads */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, length);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CtBasemap) basemap = NULL;

      copy[g_rand_int_range (rand, 0, length)] ^= 1 << g_rand_int_range (rand, 0, 8);
      bytes = g_bytes_new (copy, length);
      basemap = ct_basemap_new_from_bytes (bytes, "flipped.ctb", &error);
      g_assert_true ((basemap == NULL) == (error != NULL));
    }

  /* Not a basemap at all */
  {
    g_autoptr(GBytes) text = g_bytes_new_static ("hello, world", 12);
    g_autoptr(GError) error = NULL;

    g_assert_null (ct_basemap_new_from_bytes (text, "hello.ctb", &error));
    g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/regions-by-colour", test_basemap_regions_by_colour);
  g_test_add_func ("/basemap/styles-differ", test_basemap_styles_differ);
  g_test_add_func ("/basemap/label-contrast", test_basemap_label_contrast);
  g_test_add_func ("/basemap/every-zoom", test_basemap_every_zoom);
  g_test_add_func ("/basemap/rejects-corrupt-files", test_basemap_rejects_corrupt_files);

  return g_test_run ();
}
