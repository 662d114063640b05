/* bench-map.c: frame work of the map with 10,000 cities and 20,000 ties
 *
 *   ct_bench_map ()   one 1600x1000 window on the current display, three maps in turn, each
 *                     driven along the same path of pans and zooms (300 frames, one step per
 *                     frame, from a tick callback):
 *                       bare     the basemap alone
 *                       ties     + CtTiesLayer with 10,000 cities and 20,000 ties
 *                       markers  + the same cities as ShumateMarker widgets (no ties)
 *                     The frame work is the time from the frame clock's before-paint to its
 *                     after-paint: tick callbacks, layout, snapshot, GSK rendering, present.
 *
 * The basemap is the one given to ct_bench_map_set_basemap(). Without one, a stand-in: opaque
 * cairo tiles rendered on a worker thread, as an offline basemap does. (A plain background is
 * never redrawn, as GTK renders only what changes, so "bare" would measure nothing; set
 * CT_BENCH_MAP_BASEMAP=none for it anyway.) With a basemap of ShumateTile widgets, as in
 * libshumate 1.0, GTK paints every other frame of the bare map only: its median is that of
 * empty frames, compare p95s.
 *
 * Prints "metric map_frame_p95_ms_<case> V" and "metric map_frame_median_ms_<case> V" lines.
 *   CT_BENCH_MAP_CASES=ties,bare   only these cases
 *   CT_BENCH_MAP_DOTS=1            two more cases that draw the cities every frame with a custom
 *                                  layer (gtk_snapshot_append_color, or one symbol texture)
 *   CT_BENCH_MAP_VERBOSE=1         quantiles, and median and worst frame of each leg of the path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <shumate/shumate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ct-geometry.h"
#include "ct-ties-layer.h"

#define N_CITIES     10000
#define N_TIES       20000
#define N_FRAMES     300
#define WARMUP_USEC  (1500 * G_TIME_SPAN_MILLISECOND)
#define WIN_WIDTH    1600
#define WIN_HEIGHT   1000
#define BENCH_CSS    ".bench-map { background: #e8ecef; }" \
                     ".bench-dot { background: #c01c28; border-radius: 4px; min-width: 8px; min-height: 8px; }"

int  ct_bench_map             (void);
void ct_bench_map_set_basemap (ShumateMapSource *basemap);

static ShumateMapSource *bench_basemap;

/* The basemap the "bare" case measures (and the others draw under their layer); NULL for a
 * plain background */
void
ct_bench_map_set_basemap (ShumateMapSource *basemap)
{
  g_set_object (&bench_basemap, basemap);
}

/* A stand-in basemap when none is set: opaque cairo tiles (sea, pseudo-land, graticule)
 * rendered on worker threads, as the app's offline basemap does */

#define BENCH_TYPE_BASEMAP (bench_basemap_get_type ())
G_DECLARE_FINAL_TYPE (BenchBasemap, bench_basemap, BENCH, BASEMAP, ShumateMapSource)

struct _BenchBasemap
{
  ShumateMapSource parent_instance;
};

G_DEFINE_FINAL_TYPE (BenchBasemap, bench_basemap, SHUMATE_TYPE_MAP_SOURCE)

static void
render_basemap_tile (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ShumateTile *tile = task_data;
  guint x = shumate_tile_get_x (tile), y = shumate_tile_get_y (tile), z = shumate_tile_get_zoom_level (tile);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  double n = exp2 (z);
  g_autoptr(GRand) rand = g_rand_new_with_seed (x * 7919 + y * 104729 + z);

  cairo_set_source_rgb (cr, 0.80, 0.87, 0.93);
  cairo_paint (cr);
  /* blobs of "land" */
  cairo_set_source_rgb (cr, 0.95, 0.94, 0.91);
  for (guint i = 0; i < 6; i++)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, g_rand_double_range (rand, 0, 256), g_rand_double_range (rand, 0, 256),
                 g_rand_double_range (rand, 20, 90), 0, 2 * G_PI);
    }
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  /* a graticule every 10 degrees of longitude */
  cairo_set_source_rgba (cr, 0.3, 0.4, 0.5, 0.4);
  for (int lon = -180; lon <= 180; lon += 10)
    {
      double px = ((lon + 180) / 360.0 * n - x) * 256;

      if (px >= 0 && px <= 256)
        {
          cairo_move_to (cr, px, 0);
          cairo_line_to (cr, px, 256);
        }
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
bench_basemap_fill_tile_async (ShumateMapSource    *source,
                               ShumateTile         *tile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, bench_basemap_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);
  g_task_run_in_thread (task, render_basemap_tile);
}

static gboolean
bench_basemap_fill_tile_finish (ShumateMapSource  *source,
                                GAsyncResult      *result,
                                GError           **error)
{
  ShumateTile *tile = g_task_get_task_data (G_TASK (result));
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  if (surface == NULL)
    return FALSE;

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      cairo_image_surface_get_stride (surface) * 256,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (256, 256, GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  return TRUE;
}

static void
bench_basemap_class_init (BenchBasemapClass *klass)
{
  SHUMATE_MAP_SOURCE_CLASS (klass)->fill_tile_async = bench_basemap_fill_tile_async;
  SHUMATE_MAP_SOURCE_CLASS (klass)->fill_tile_finish = bench_basemap_fill_tile_finish;
}

static void
bench_basemap_init (BenchBasemap *self)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);

  shumate_map_source_set_id (source, "bench-basemap");
  shumate_map_source_set_name (source, "Bench basemap");
  shumate_map_source_set_tile_size (source, 256);
  shumate_map_source_set_min_zoom_level (source, 0);
  shumate_map_source_set_max_zoom_level (source, 18);
}

/* Data: deterministic, over Asia and Europe */

static const char *countries[] = {
  "TW", "TW", "TW", "VN", "PH", "ID", "MY", "TH", "SG", "KH",
  "PL", "NL", "IT", "FR", "DE", "ES", "CZ", "LT", "JP", "US",
};

static void
generate (GPtrArray **cities_out,
          GPtrArray **ties_out)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  GPtrArray *cities = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *ties = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_CITIES; i++)
    {
      CtCity *city = ct_city_new ();
      gboolean europe = g_rand_int_range (rand, 0, 3) == 0;

      city->id = g_strdup_printf ("city-%05u", i);
      city->name = g_strdup_printf ("City %u", i);
      city->country = g_strdup (countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]);
      city->lat = europe ? g_rand_double_range (rand, 36, 60) : g_rand_double_range (rand, -8, 40);
      city->lon = europe ? g_rand_double_range (rand, -9, 30) : g_rand_double_range (rand, 95, 145);
      g_ptr_array_add (cities, city);
    }

  for (guint i = 0; i < N_TIES; i++)
    {
      CtPartnership *p = ct_partnership_new ();
      guint a = g_rand_int_range (rand, 0, N_CITIES);
      guint b = (a + 1 + g_rand_int_range (rand, 0, N_CITIES - 1)) % N_CITIES;

      p->id = g_strdup_printf ("tie-%05u", i);
      p->kind = g_rand_int_range (rand, 0, CT_N_KINDS);
      p->status = g_rand_int_range (rand, 0, 10) < 7 ? CT_STATUS_ACTIVE : g_rand_int_range (rand, 0, CT_N_STATUSES);
      g_ptr_array_add (p->parties, ct_party_new (((CtCity *) g_ptr_array_index (cities, a))->id, NULL));
      g_ptr_array_add (p->parties, ct_party_new (((CtCity *) g_ptr_array_index (cities, b))->id, NULL));
      g_ptr_array_add (ties, p);
    }

  *cities_out = cities;
  *ties_out = ties;
}

/* A per-frame city layer, for comparison: every visible city drawn each frame */

#define BENCH_TYPE_DOTS (bench_dots_get_type ())
G_DECLARE_FINAL_TYPE (BenchDots, bench_dots, BENCH, DOTS, ShumateLayer)

struct _BenchDots
{
  ShumateLayer  parent_instance;
  double       *xy;       /* world coordinates */
  guint         n;
  gboolean      texture;  /* a shared symbol texture instead of colour nodes */
  GdkTexture   *symbol;
};

G_DEFINE_FINAL_TYPE (BenchDots, bench_dots, SHUMATE_TYPE_LAYER)

static void
bench_dots_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  BenchDots *self = BENCH_DOTS (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double world = 256 * exp2 (shumate_viewport_get_zoom_level (viewport));
  double cx, cy;
  GdkRGBA color = { 0.75, 0.11, 0.16, 1 };

  ct_geo_mercator_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), &cx, &cy);
  cx = cx * world - width / 2;
  cy = cy * world - height / 2;

  for (guint i = 0; i < self->n; i++)
    {
      double x = self->xy[2 * i] * world - cx, y = self->xy[2 * i + 1] * world - cy;

      if (x < -6 || y < -6 || x > width + 6 || y > height + 6)
        continue;
      if (self->texture)
        gtk_snapshot_append_texture (snapshot, self->symbol, &GRAPHENE_RECT_INIT (x - 5, y - 5, 10, 10));
      else
        gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x - 4, y - 4, 8, 8));
    }
}

static void
bench_dots_finalize (GObject *object)
{
  BenchDots *self = BENCH_DOTS (object);

  g_free (self->xy);
  g_clear_object (&self->symbol);
  G_OBJECT_CLASS (bench_dots_parent_class)->finalize (object);
}

static void
bench_dots_class_init (BenchDotsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_dots_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = bench_dots_snapshot;
}

static void
bench_dots_init (BenchDots *self)
{
}

static BenchDots *
bench_dots_new (ShumateViewport *viewport,
                GPtrArray       *cities,
                gboolean         texture)
{
  BenchDots *self = g_object_new (BENCH_TYPE_DOTS, "viewport", viewport, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GBytes) bytes = NULL;

  self->n = cities->len;
  self->xy = g_new (double, 2 * cities->len);
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);
      ct_geo_mercator_project (city->lat, city->lon, &self->xy[2 * i], &self->xy[2 * i + 1]);
    }

  cairo_arc (cr, 5, 5, 4, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface) * 10);
  self->symbol = gdk_memory_texture_new (10, 10, GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  self->texture = texture;

  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  return self;
}

/* An empty layer on top of the others: the time its snapshot runs is the end of the map's */

#define BENCH_TYPE_PROBE (bench_probe_get_type ())
G_DECLARE_FINAL_TYPE (BenchProbe, bench_probe, BENCH, PROBE, ShumateLayer)

struct _BenchProbe
{
  ShumateLayer parent_instance;
};

G_DEFINE_FINAL_TYPE (BenchProbe, bench_probe, SHUMATE_TYPE_LAYER)

static gint64 probe_time;

static void
bench_probe_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  probe_time = g_get_monotonic_time ();
}

static void
bench_probe_class_init (BenchProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = bench_probe_snapshot;
}

static void
bench_probe_init (BenchProbe *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/* The path: one step per frame */

typedef struct {
  double lat, lon, zoom;
} Camera;

static void
path_at (guint   frame,
         Camera *camera)
{
  /* Asia at zoom 3; pan east; zoom in to 5 over Taiwan; pan south-west; zoom out to 2.5 over
   * the whole of Eurasia; pan west to Europe */
  static const struct { guint frames; Camera to; } legs[] = {
    { 60, { 22, 125, 3 } },
    { 60, { 23.5, 121, 5 } },
    { 60, { 14, 108, 5 } },
    { 60, { 35, 70, 2.5 } },
    { 60, { 48, 10, 3.5 } },
  };
  Camera from = { 25, 100, 3 };


  for (guint i = 0; i < G_N_ELEMENTS (legs); i++)
    {
      if (frame < legs[i].frames)
        {
          double t = (frame + 1.0) / legs[i].frames;

          camera->lat = from.lat + (legs[i].to.lat - from.lat) * t;
          camera->lon = from.lon + (legs[i].to.lon - from.lon) * t;
          camera->zoom = from.zoom + (legs[i].to.zoom - from.zoom) * t;
          return;
        }
      frame -= legs[i].frames;
      from = legs[i].to;
    }
  *camera = from;
}

typedef struct {
  ShumateViewport *viewport;
  GArray          *durations;  /* double, ms */
  gint64           paint_start;
  double           render_total; /* ms from the end of the map's snapshot to after-paint */
  guint            n_render;
  guint            frame;
  gboolean         running;
  gboolean         done;
} Run;

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Run *run = user_data;
  Camera camera;

  if (!run->running)
    return G_SOURCE_CONTINUE;
  if (run->frame >= N_FRAMES)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  path_at (run->frame++, &camera);
  shumate_viewport_set_zoom_level (run->viewport, camera.zoom);
  shumate_location_set_location (SHUMATE_LOCATION (run->viewport), camera.lat, camera.lon);
  return G_SOURCE_CONTINUE;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Run           *run)
{
  run->paint_start = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Run           *run)
{
  double ms;

  if (!run->running || run->paint_start == 0 || run->done)
    return;
  if (probe_time > run->paint_start)
    {
      run->render_total += (g_get_monotonic_time () - probe_time) / 1000.0;
      run->n_render++;
    }
  ms = (g_get_monotonic_time () - run->paint_start) / 1000.0;
  g_array_append_val (run->durations, ms);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i;

  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  i = (guint) ceil (p * values->len) - 1;
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static void
spin (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

typedef enum {
  CASE_BARE,
  CASE_TIES,
  CASE_MARKERS,
  CASE_DOTS_COLOR,
  CASE_DOTS_TEXTURE,
} Case;

static const char *case_names[] = { "bare", "ties", "markers", "dots_color", "dots_texture" };

static double
run_case (GtkWindow *window,
          Case       which,
          GPtrArray *cities,
          GPtrArray *ties,
          double    *median)
{
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autoptr(ShumateMapSource) fallback = NULL;
  g_autoptr(GArray) durations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = NULL;
  Run run = { .viewport = viewport, .durations = durations };
  GdkFrameClock *clock;
  gulong before_id, after_id;
  gint64 start;
  double p95;

  gtk_widget_add_css_class (GTK_WIDGET (map), "bench-map");
  gtk_window_set_child (window, GTK_WIDGET (map));

  {
    ShumateMapSource *basemap = bench_basemap;

    if (basemap == NULL && g_strcmp0 (g_getenv ("CT_BENCH_MAP_BASEMAP"), "none") == 0)
      {
        /* nothing but the map's background; only the tile size comes from this source */
        fallback = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_from_url ("file:///nonexistent/{z}/{x}/{y}.png"));
        shumate_viewport_set_reference_map_source (viewport, fallback);
      }
    else
      {
        if (basemap == NULL)
          basemap = fallback = g_object_new (BENCH_TYPE_BASEMAP, NULL);
        shumate_viewport_set_reference_map_source (viewport, basemap);
        shumate_map_add_layer (map, SHUMATE_LAYER (shumate_map_layer_new (basemap, viewport)));
      }
  }

  start = g_get_monotonic_time ();
  switch (which)
    {
    case CASE_BARE:
      break;
    case CASE_TIES:
      {
        CtTiesLayer *layer = ct_ties_layer_new (viewport);

        ct_ties_layer_set_data (layer, cities, ties);
        shumate_map_add_layer (map, SHUMATE_LAYER (layer));
        printf ("metric map_ties_set_data_ms %.1f\n", (g_get_monotonic_time () - start) / 1000.0);
      }
      break;
    case CASE_MARKERS:
      {
        ShumateMarkerLayer *layer = shumate_marker_layer_new (viewport);

        for (guint i = 0; i < cities->len; i++)
          {
            CtCity *city = g_ptr_array_index (cities, i);
            ShumateMarker *marker = shumate_marker_new ();
            GtkWidget *dot = gtk_label_new (NULL);

            gtk_widget_add_css_class (dot, "bench-dot");
            gtk_widget_set_size_request (dot, 8, 8);
            shumate_marker_set_child (marker, dot);
            shumate_location_set_location (SHUMATE_LOCATION (marker), city->lat, city->lon);
            shumate_marker_layer_add_marker (layer, marker);
          }
        shumate_map_add_layer (map, SHUMATE_LAYER (layer));
        printf ("metric map_markers_build_ms %.1f\n", (g_get_monotonic_time () - start) / 1000.0);
      }
      break;
    case CASE_DOTS_COLOR:
    case CASE_DOTS_TEXTURE:
      shumate_map_add_layer (map, SHUMATE_LAYER (bench_dots_new (viewport, cities, which == CASE_DOTS_TEXTURE)));
      break;
    default:
      g_assert_not_reached ();
    }
  fflush (stdout);
  /* on top: notes when the snapshot of the map ends, to tell snapshot from render */
  {
    ShumateLayer *probe = g_object_new (BENCH_TYPE_PROBE, "viewport", viewport, NULL);

    g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), probe, G_CONNECT_SWAPPED);
    shumate_map_add_layer (map, probe);
  }

  /* Start where the path starts and let everything settle (tiles, layouts) */
  shumate_viewport_set_zoom_level (viewport, 3);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 25, 100);
  while (!gtk_widget_get_mapped (GTK_WIDGET (map)))
    g_main_context_iteration (NULL, TRUE);
  spin (WARMUP_USEC);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (map));
  before_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &run);
  after_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &run);
  gtk_widget_add_tick_callback (GTK_WIDGET (map), tick_cb, &run, NULL);
  start = g_get_monotonic_time ();
  run.running = TRUE;
  while (!run.done && g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  printf ("# %s: %u frames in %.1f s\n", case_names[which], durations->len,
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  printf ("# %s: %.1f ms mean from the end of the snapshot to after-paint (GSK render, present)\n",
          case_names[which], run.render_total / MAX (run.n_render, 1));
  raw = g_array_copy (durations);
  g_signal_handler_disconnect (clock, before_id);
  g_signal_handler_disconnect (clock, after_id);
  gtk_window_set_child (window, NULL);
  spin (200 * G_TIME_SPAN_MILLISECOND);

  if (g_getenv ("CT_BENCH_MAP_VERBOSE"))
    {
      printf ("# %s quantiles:", case_names[which]);
      for (guint q = 1; q < 10; q++)
        printf (" %.1f", percentile (durations, q / 10.0));
      printf ("\n# per leg (median, max):");
      for (guint leg = 0; leg + 60 <= raw->len; leg += 60)
        {
          g_autoptr(GArray) part = g_array_new (FALSE, FALSE, sizeof (double));
          g_array_append_vals (part, &g_array_index (raw, double, leg), 60);
          printf (" [%.1f %.1f]", percentile (part, 0.5), percentile (part, 1.0));
        }
      printf ("\n");
    }
  *median = percentile (durations, 0.5);
  p95 = percentile (durations, 0.95);
  return p95;
}

int
ct_bench_map (void)
{
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) ties = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  gboolean dots = g_strcmp0 (g_getenv ("CT_BENCH_MAP_DOTS"), "1") == 0;
  double p95[G_N_ELEMENTS (case_names)] = { 0, }, median[G_N_ELEMENTS (case_names)] = { 0, };
  GtkWindow *window;
  GskRenderer *renderer;

  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_css_provider_load_from_string (css, BENCH_CSS);
#else
  gtk_css_provider_load_from_data (css, BENCH_CSS, -1);
#endif
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  generate (&cities, &ties);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, WIN_WIDTH, WIN_HEIGHT);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_present (window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  printf ("# renderer %s, %d processors, window %dx%d, %u frames per case\n",
          renderer ? G_OBJECT_TYPE_NAME (renderer) : "none", g_get_num_processors (),
          WIN_WIDTH, WIN_HEIGHT, N_FRAMES);

  for (guint i = 0; i < G_N_ELEMENTS (case_names); i++)
    {
      if (i >= CASE_DOTS_COLOR && !dots)
        continue;
      if (g_getenv ("CT_BENCH_MAP_CASES") && !strstr (g_getenv ("CT_BENCH_MAP_CASES"), case_names[i]))
        continue;
      p95[i] = run_case (window, i, cities, ties, &median[i]);
      printf ("metric map_frame_p95_ms_%s %.2f\n", case_names[i], p95[i]);
      printf ("metric map_frame_median_ms_%s %.2f\n", case_names[i], median[i]);
      fflush (stdout);
    }

  printf ("# ties p95 / bare p95 = %.2f (goal <= 1.25); markers p95 / ties p95 = %.2f (goal >= 4)\n",
          p95[CASE_TIES] / MAX (p95[CASE_BARE], 0.001), p95[CASE_MARKERS] / MAX (p95[CASE_TIES], 0.001));

  gtk_window_destroy (window);
  return 0;
}
