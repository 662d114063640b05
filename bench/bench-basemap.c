/* bench-basemap.c: ct-bench basemap
 *
 * Draws a fixed list of 312 tiles of the built-in basemap (13 places in Taiwan, ASEAN and the EU,
 * zooms 1 to 12, each place's tile and its eastern neighbour) in the light style with country names,
 * as the map shows them by default, and times each tile. The reference, measured in the same run on
 * the same tiles: encoding the tile as PNG into memory, the least a tile server's answer costs to
 * make (before the network and the decoding on our side).
 *
 * The bundled files are loaded, and the names placed, before the clock starts; their load time is
 * printed on its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ct-basemap.h"

int ct_bench_basemap (void);

static const struct {
  const char *name;
  double      lat, lon;
} places[] = {
  { "Taipei", 25.03, 121.56 },
  { "Kaohsiung", 22.63, 120.30 },
  { "Taichung", 24.15, 120.67 },
  { "Da Nang", 16.05, 108.20 },
  { "Manila", 14.60, 120.98 },
  { "Bangkok", 13.75, 100.50 },
  { "Singapore", 1.35, 103.82 },
  { "Surabaya", -7.25, 112.75 },
  { "Kuala Lumpur", 3.14, 101.69 },
  { "Warsaw", 52.23, 21.01 },
  { "Prague", 50.08, 14.43 },
  { "Prato", 43.88, 11.10 },
  { "Braga", 41.55, -8.42 },
};

#define FLAGS CT_BASEMAP_LABELS

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i = (guint) floor (p * (values->len - 1) + 0.5);

  return g_array_index (values, double, MIN (i, values->len - 1));
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
ct_bench_basemap (void)
{
  g_autoptr(GArray) render = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) encode = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *per_zoom[13] = { NULL };
  g_autoptr(GError) error = NULL;
  gsize png_total = 0;
  double start, load_50m, load_10m;

  /* Loading, timed on its own: the first use in a process */
  start = now_ms ();
  {
    g_autoptr(CtBasemap) low = ct_basemap_get_bundled (1, &error);

    if (low == NULL)
      {
        fprintf (stderr, "ct-bench: %s\n", error->message);
        return 1;
      }
  }
  load_50m = now_ms () - start;
  start = now_ms ();
  {
    g_autoptr(CtBasemap) high = ct_basemap_get_bundled (12, &error);

    if (high == NULL)
      {
        fprintf (stderr, "ct-bench: %s\n", error->message);
        return 1;
      }
  }
  load_10m = now_ms () - start;

  /* Names are measured and placed once per zoom level: do that before the clock starts too */
  for (int zoom = 1; zoom <= 12; zoom++)
    {
      g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, NULL);

      cairo_surface_destroy (ct_basemap_render_tile_surface (basemap, CT_BASEMAP_STYLE_LIGHT, FLAGS, zoom, 0, 0, 256, 1));
      per_zoom[zoom] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    for (int zoom = 1; zoom <= 12; zoom++)
      for (int dx = 0; dx <= 1; dx++)
        {
          g_autoptr(CtBasemap) basemap = ct_basemap_get_bundled (zoom, NULL);
          g_autoptr(GByteArray) png = g_byte_array_new ();
          int n = 1 << zoom;
          double x = (places[p].lon + 180) / 360 * n;
          double phi = places[p].lat * G_PI / 180;
          double y = (1 - log (tan (phi) + 1 / cos (phi)) / G_PI) / 2 * n;
          cairo_surface_t *surface;
          double ms;

          start = now_ms ();
          surface = ct_basemap_render_tile_surface (basemap, CT_BASEMAP_STYLE_LIGHT, FLAGS, zoom,
                                                    ((int) x + dx) % n, (int) y, 256, 1);
          ms = now_ms () - start;
          g_array_append_val (render, ms);
          g_array_append_val (per_zoom[zoom], ms);

          start = now_ms ();
          cairo_surface_write_to_png_stream (surface, write_to_bytes, png);
          ms = now_ms () - start;
          g_array_append_val (encode, ms);
          png_total += png->len;

          cairo_surface_destroy (surface);
        }

  g_array_sort (render, compare_double);
  g_array_sort (encode, compare_double);

  printf ("# basemap: %u tiles of 256 px, light style with names; zoom: median ms\n", render->len);
  for (int zoom = 1; zoom <= 12; zoom++)
    {
      g_array_sort (per_zoom[zoom], compare_double);
      printf ("#   %2d: %.3f\n", zoom, percentile (per_zoom[zoom], 0.5));
      g_array_unref (per_zoom[zoom]);
    }
  printf ("metric basemap_tiles %u\n", render->len);
  printf ("metric basemap_load_50m_ms %.1f\n", load_50m);
  printf ("metric basemap_load_10m_ms %.1f\n", load_10m);
  printf ("metric basemap_tile_median_ms %.3f\n", percentile (render, 0.5));
  printf ("metric basemap_tile_p95_ms %.3f\n", percentile (render, 0.95));
  printf ("metric basemap_tile_max_ms %.3f\n", g_array_index (render, double, render->len - 1));
  printf ("metric basemap_png_encode_median_ms %.3f\n", percentile (encode, 0.5));
  printf ("metric basemap_png_mean_kb %.1f\n", png_total / 1024.0 / encode->len);
  fflush (stdout);

  return 0;
}

#ifdef BENCH_MAIN
/* Standalone build for development: cc -DBENCH_MAIN bench-basemap.c … */
int
main (void)
{
  return ct_bench_basemap ();
}
#endif
