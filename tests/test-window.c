/* test-window.c: the window on the bundled data, as a user sees it (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <shumate/shumate.h>

#include "ct-browse-panel.h"
#include "ct-bundled.h"
#include "ct-details-panel.h"
#include "ct-ties-layer.h"
#include "ct-window.h"

#include "test-util.h"

typedef struct {
  CtTestDir *dir;
  CtStore   *store;
  CtWindow  *window;
} Fixture;

/* Lets GTK lay out and paint: a widget's drawn state exists only after a frame */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock;
  gint64 start = g_get_monotonic_time ();
  gint64 frame;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  frame = gdk_frame_clock_get_frame_counter (clock);

  while (gdk_frame_clock_get_frame_counter (clock) < frame + n &&
         g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = ct_test_dir_new ();
  path = g_build_filename (f->dir->path, "window.db", NULL);
  f->store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_no_error (error);

  /* No flights in tests: the camera jumps */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->window = ct_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  ct_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_frames (GTK_WIDGET (f->window), 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  ct_test_dir_free (f->dir);
}

static guint
count_cities (CtStore        *store,
              const CtFilter *filter)
{
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, filter, NULL);
  return cities->len;
}

static void
test_window_opens_on_bundled_data (Fixture       *f,
                                   gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));

  /* Show everything, then check the layer drew every city the store has */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all", NULL);
  wait_frames (GTK_WIDGET (f->window), 3);
  g_test_message ("zoom %.2f, drew %u cities, %u arcs",
                  shumate_viewport_get_zoom_level (viewport),
                  ct_ties_layer_get_n_drawn_cities (layer),
                  ct_ties_layer_get_n_drawn_arcs (layer));
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (layer), ==, count_cities (f->store, NULL));
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_arcs (layer), >, 50);
}

static void
test_window_list_selects_on_map (Fixture       *f,
                                 gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  CtCity *kaohsiung;

  filter->text = g_strdup ("Kaohsiung");
  found = ct_store_list_cities (f->store, filter, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  kaohsiung = g_ptr_array_index (found, 0);

  /* What a click on the row does */
  g_signal_emit_by_name (ct_window_get_browse_panel (f->window), "city-selected", kaohsiung->id);
  wait_frames (GTK_WIDGET (f->window), 2);

  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, kaohsiung->id);

  /* and the other way: a click on the map */
  g_signal_emit_by_name (layer, "city-activated", ((CtCity *) g_ptr_array_index (found, 0))->id);
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, kaohsiung->id);
}

static void
test_window_filter_reduces (Fixture       *f,
                            gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  GtkWidget *search = NULL;
  guint before, after;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all", NULL);
  wait_frames (GTK_WIDGET (f->window), 2);
  before = ct_ties_layer_get_n_drawn_arcs (layer);

  /* Typing in the header bar's search filters lists and map alike */
  search = gtk_widget_get_first_child (GTK_WIDGET (f->window));
  ct_browse_panel_set_search_text (CT_BROWSE_PANEL (ct_window_get_browse_panel (f->window)), "Tainan");
  spin (300);
  wait_frames (GTK_WIDGET (f->window), 2);
  after = ct_ties_layer_get_n_drawn_arcs (layer);

  g_test_message ("arcs: %u before, %u with “Tainan”", before, after);
  g_assert_cmpuint (after, >, 0);
  g_assert_cmpuint (after, <, before);
  (void) search;
}

static void
test_window_screenshot (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            "window.png", NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-region", "s", "asean");
  spin (1500);  /* tiles render on worker threads */
  wait_frames (GTK_WIDGET (f->window), 3);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/window/opens-on-bundled-data", Fixture, NULL, fixture_set_up, test_window_opens_on_bundled_data, fixture_tear_down);
  g_test_add ("/window/list-selects-on-map", Fixture, NULL, fixture_set_up, test_window_list_selects_on_map, fixture_tear_down);
  g_test_add ("/window/filter-reduces", Fixture, NULL, fixture_set_up, test_window_filter_reduces, fixture_tear_down);
  g_test_add ("/window/screenshot", Fixture, NULL, fixture_set_up, test_window_screenshot, fixture_tear_down);

  return g_test_run ();
}
