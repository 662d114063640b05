/* test-ties-layer.c: the map's ties layer and camera, on screen (under Xvfb, GTK_A11Y=none)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "ct-camera.h"
#include "ct-geometry.h"
#include "ct-ties-layer.h"

#include "test-util.h"
#include "test-ui-util.h"

#define WIDTH  1200
#define HEIGHT 800

typedef struct {
  GtkWindow       *window;
  ShumateMap      *map;
  ShumateViewport *viewport;
  CtTiesLayer     *layer;
  GPtrArray       *cities;
  GPtrArray       *partnerships;
} Fixture;

static const struct {
  const char *id;
  const char *name;
  const char *local_name;
  const char *country;
  double      lat, lon;
} city_data[] = {
  { "kaohsiung", "Kaohsiung", "高雄市", "TW", 22.6273, 120.3014 },
  { "da-nang", "Da Nang", "Đà Nẵng", "VN", 16.0544, 108.2022 },
  { "taipei", "Taipei", "臺北市", "TW", 25.0330, 121.5654 },
  { "los-angeles", "Los Angeles", NULL, "US", 34.0522, -118.2437 },
  { "honolulu", "Honolulu", NULL, "US", 21.3069, -157.8583 },
  { "warsaw", "Warsaw", "Warszawa", "PL", 52.2297, 21.0122 },
};

static const struct {
  const char *id;
  CtKind      kind;
  CtStatus    status;
  const char *signed_on;
  const char *parties[4];
} tie_data[] = {
  { "kaohsiung-da-nang", CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "2021-03-01", { "kaohsiung", "da-nang" } },
  { "taipei-los-angeles", CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "1979", { "taipei", "los-angeles" } },
  { "kaohsiung-honolulu", CT_KIND_FRIENDSHIP_CITY, CT_STATUS_PROPOSED, NULL, { "kaohsiung", "honolulu" } },
  { "taipei-warsaw", CT_KIND_MOU, CT_STATUS_ACTIVE, "2019", { "taipei", "warsaw" } },
  { "forum", CT_KIND_FORUM, CT_STATUS_NEGOTIATING, "2024", { "taipei", "kaohsiung", "da-nang", "warsaw" } },
  { "missing-party", CT_KIND_EXCHANGE, CT_STATUS_ACTIVE, NULL, { "kaohsiung", "atlantis" } },
};

static CtCity *
make_city (const char *id,
           const char *name,
           const char *local_name,
           const char *country,
           double      lat,
           double      lon)
{
  CtCity *city = ct_test_make_city (name, local_name, country, lat, lon);

  city->id = g_strdup (id);
  return city;
}

static CtPartnership *
make_partnership (const char  *id,
                  CtKind       kind,
                  CtStatus     status,
                  const char  *signed_on,
                  const char * const *parties)
{
  CtPartnership *p = ct_partnership_new ();

  p->id = g_strdup (id);
  p->kind = kind;
  p->status = status;
  p->signed_on = g_strdup (signed_on);
  for (guint i = 0; i < 4 && parties[i]; i++)
    g_ptr_array_add (p->parties, ct_party_new (parties[i], NULL));
  return p;
}

static void
set_view (Fixture *f,
          double   lat,
          double   lon,
          double   zoom)
{
  shumate_viewport_set_zoom_level (f->viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), lat, lon);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* No network: the reference source only gives the tile size; no tiles are drawn */
  g_autoptr(ShumateRasterRenderer) source =
    shumate_raster_renderer_new_from_url ("file:///nonexistent/{z}/{x}/{y}.png");

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->cities = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (city_data); i++)
    g_ptr_array_add (f->cities, make_city (city_data[i].id, city_data[i].name, city_data[i].local_name,
                                           city_data[i].country, city_data[i].lat, city_data[i].lon));
  f->partnerships = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (tie_data); i++)
    g_ptr_array_add (f->partnerships, make_partnership (tie_data[i].id, tie_data[i].kind, tie_data[i].status,
                                                        tie_data[i].signed_on, tie_data[i].parties));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, WIDTH, HEIGHT);
  f->map = shumate_map_new ();
  f->viewport = shumate_map_get_viewport (f->map);
  shumate_viewport_set_reference_map_source (f->viewport, SHUMATE_MAP_SOURCE (source));
  gtk_widget_add_css_class (GTK_WIDGET (f->map), "view");
  f->layer = ct_ties_layer_new (f->viewport);
  shumate_map_add_layer (f->map, SHUMATE_LAYER (f->layer));
  gtk_window_set_child (f->window, GTK_WIDGET (f->map));

  ct_ties_layer_set_data (f->layer, f->cities, f->partnerships);

  gtk_window_present (f->window);
  set_view (f, 22, 125, 4);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->layer), (gpointer *) &f->layer);
  gtk_window_destroy (f->window);
  ct_test_spin (50);
  g_assert_null (f->layer);
  g_clear_pointer (&f->cities, g_ptr_array_unref);
  g_clear_pointer (&f->partnerships, g_ptr_array_unref);
}

/* Where ShumateViewport itself puts a place on the layer */
static gboolean
shumate_position (Fixture *f,
                  double   lat,
                  double   lon,
                  double  *x,
                  double  *y)
{
  shumate_viewport_location_to_widget_coords (f->viewport, GTK_WIDGET (f->layer), lat, lon, x, y);
  return *x >= 0 && *x < gtk_widget_get_width (GTK_WIDGET (f->layer)) &&
         *y >= 0 && *y < gtk_widget_get_height (GTK_WIDGET (f->layer));
}

static void
test_draws_visible_cities (Fixture       *f,
                           gconstpointer  data)
{
  guint visible = 0;

  for (guint i = 0; i < G_N_ELEMENTS (city_data); i++)
    {
      double sx, sy, x, y;
      gboolean on_screen = shumate_position (f, city_data[i].lat, city_data[i].lon, &sx, &sy);

      visible += on_screen;
      g_assert_true (ct_ties_layer_get_city_position (f->layer, city_data[i].id, &x, &y));
      if (on_screen)
        {
          /* the layer's own projection agrees with libshumate's */
          g_assert_cmpfloat_with_epsilon (x, sx, 1.0);
          g_assert_cmpfloat_with_epsilon (y, sy, 1.0);
        }
    }

  g_test_message ("%u cities visible, %u drawn, %u arcs, %u labels", visible,
                  ct_ties_layer_get_n_drawn_cities (f->layer), ct_ties_layer_get_n_drawn_arcs (f->layer),
                  ct_ties_layer_get_n_labels (f->layer));
  g_assert_cmpuint (visible, ==, 3);  /* Kaohsiung, Da Nang, Taipei */
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, visible);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_arcs (f->layer), >=, 5);
  g_assert_true (ct_ties_layer_is_city_labelled (f->layer, "kaohsiung"));
  g_assert_false (ct_ties_layer_is_city_labelled (f->layer, "warsaw"));

  /* The whole world: every city */
  set_view (f, 20, 150, 1.5);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, G_N_ELEMENTS (city_data));

  /* Nothing but sea */
  set_view (f, -40, -120, 6);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, 0);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_arcs (f->layer), ==, 0);
  g_assert_cmpuint (ct_ties_layer_get_n_labels (f->layer), ==, 0);
}

static void
test_pick (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) points = NULL;
  graphene_point_t *mid;
  gboolean is_city = FALSE;
  double x, y, lat, lon;

  g_assert_true (shumate_position (f, 22.6273, 120.3014, &x, &y));
  g_assert_cmpstr (ct_ties_layer_pick (f->layer, x, y, &is_city), ==, "kaohsiung");
  g_assert_true (is_city);
  g_assert_cmpstr (ct_ties_layer_pick (f->layer, x + 5, y - 4, &is_city), ==, "kaohsiung");

  /* The middle of the Kaohsiung – Da Nang arc */
  points = ct_ties_layer_get_arc_points (f->layer, "kaohsiung-da-nang", 0);
  g_assert_nonnull (points);
  mid = &g_array_index (points, graphene_point_t, points->len / 2);
  ct_geo_mercator_unproject (mid->x, mid->y, &lat, &lon);
  g_assert_true (shumate_position (f, lat, lon, &x, &y));
  g_assert_cmpstr (ct_ties_layer_pick (f->layer, x, y + 3, &is_city), ==, "kaohsiung-da-nang");
  g_assert_false (is_city);

  /* Open sea */
  g_assert_true (shumate_position (f, 10, 140, &x, &y));
  g_assert_null (ct_ties_layer_pick (f->layer, x, y, &is_city));

  /* A partnership with a party outside the data draws no arc; the forum draws one per other party */
  g_assert_null (ct_ties_layer_get_arc_points (f->layer, "missing-party", 0));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GArray) arc = ct_ties_layer_get_arc_points (f->layer, "forum", i);
      g_assert_nonnull (arc);
    }
  g_assert_null (ct_ties_layer_get_arc_points (f->layer, "forum", 3));
}

static void
test_antimeridian (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) points = ct_ties_layer_get_arc_points (f->layer, "taipei-los-angeles", 0);
  double first_x, last_x;

  g_assert_nonnull (points);
  g_assert_cmpuint (points->len, >=, 10);
  first_x = g_array_index (points, graphene_point_t, 0).x;
  last_x = g_array_index (points, graphene_point_t, points->len - 1).x;

  /* The short way, across the Pacific: continuous in x, past x = 1 (180°) */
  g_assert_cmpfloat (last_x, >, 1.0);
  for (guint i = 0; i < points->len; i++)
    {
      graphene_point_t *p = &g_array_index (points, graphene_point_t, i);
      double lon = ct_geo_normalize_longitude (p->x * 360.0 - 180.0);

      g_assert_true (lon > 120 || lon < -115);
      if (i > 0)
        g_assert_cmpfloat (fabs (p->x - g_array_index (points, graphene_point_t, i - 1).x), <, 0.1);
    }
  g_assert_cmpfloat (first_x, <, last_x);

  /* Drawn and pickable on either side of the antimeridian, in the middle of the Pacific */
  set_view (f, 35, 180, 3);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_arcs (f->layer), >=, 2);
  {
    graphene_point_t *mid = &g_array_index (points, graphene_point_t, points->len / 2);
    gboolean is_city;
    double lat, lon, x, y;

    ct_geo_mercator_unproject (mid->x, mid->y, &lat, &lon);
    g_test_message ("Taipei – Los Angeles at its middle: %.2f, %.2f", lat, lon);
    g_assert_true (shumate_position (f, lat, lon, &x, &y));
    g_assert_cmpstr (ct_ties_layer_pick (f->layer, x, y, &is_city), ==, "taipei-los-angeles");
  }
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
on_activated_cb (CtTiesLayer *layer,
                 const char  *id,
                 char       **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  guint city_notifies = 0, pship_notifies = 0;
  g_autofree char *activated = NULL;
  GtkGesture *click;
  double x, y;

  g_signal_connect (f->layer, "notify::selected-city", G_CALLBACK (on_notify_cb), &city_notifies);
  g_signal_connect (f->layer, "notify::selected-partnership", G_CALLBACK (on_notify_cb), &pship_notifies);

  ct_ties_layer_select_city (f->layer, "taipei");
  g_assert_cmpuint (city_notifies, ==, 1);
  ct_ties_layer_select_city (f->layer, "taipei");
  g_assert_cmpuint (city_notifies, ==, 1);
  g_assert_cmpstr (ct_ties_layer_get_selected_city (f->layer), ==, "taipei");

  /* one selection at a time */
  ct_ties_layer_select_partnership (f->layer, "taipei-warsaw");
  g_assert_cmpuint (city_notifies, ==, 2);
  g_assert_cmpuint (pship_notifies, ==, 1);
  g_assert_null (ct_ties_layer_get_selected_city (f->layer));
  g_assert_cmpstr (ct_ties_layer_get_selected_partnership (f->layer), ==, "taipei-warsaw");
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* A click on Da Nang, through the layer's own gesture */
  g_signal_connect (f->layer, "city-activated", G_CALLBACK (on_activated_cb), &activated);
  click = find_click_gesture (GTK_WIDGET (f->layer));
  g_assert_nonnull (click);
  g_assert_true (ct_ties_layer_get_city_position (f->layer, "da-nang", &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x + 2, y + 1);
  g_signal_emit_by_name (click, "released", 1, x + 2, y + 1);
  g_assert_cmpstr (activated, ==, "da-nang");
  g_assert_cmpstr (ct_ties_layer_get_selected_city (f->layer), ==, "da-nang");
  g_assert_null (ct_ties_layer_get_selected_partnership (f->layer));
  g_assert_cmpuint (pship_notifies, ==, 2);

  /* A drag is not a click */
  g_clear_pointer (&activated, g_free);
  g_assert_true (ct_ties_layer_get_city_position (f->layer, "taipei", &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x - 60, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
  g_assert_null (activated);
  g_assert_cmpstr (ct_ties_layer_get_selected_city (f->layer), ==, "da-nang");

  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (ct_ties_layer_is_city_labelled (f->layer, "da-nang"));

  ct_ties_layer_select_city (f->layer, NULL);
  g_assert_null (ct_ties_layer_get_selected_city (f->layer));
}

static void
test_labels_avoid_each_other (Fixture       *f,
                              gconstpointer  data)
{
  /* Two cities at the same place: Twin A has ties, Twin B none */
  g_ptr_array_add (f->cities, make_city ("twin-a", "Twin A", NULL, "PH", 14.5995, 120.9842));
  g_ptr_array_add (f->cities, make_city ("twin-b", "Twin B", NULL, "PH", 14.5995, 120.9842));
  g_ptr_array_add (f->partnerships,
                   make_partnership ("twin-a-taipei", CT_KIND_EXCHANGE, CT_STATUS_ACTIVE, NULL,
                                     (const char *[]) { "twin-a", "taipei", NULL }));
  ct_ties_layer_set_data (f->layer, f->cities, f->partnerships);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);

  g_assert_true (ct_ties_layer_is_city_labelled (f->layer, "twin-a"));
  g_assert_false (ct_ties_layer_is_city_labelled (f->layer, "twin-b"));

  /* The selection is always labelled */
  ct_ties_layer_select_city (f->layer, "twin-b");
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (ct_ties_layer_is_city_labelled (f->layer, "twin-b"));
  g_assert_false (ct_ties_layer_is_city_labelled (f->layer, "twin-a"));

  /* However many labels, none overlaps: here all five visible cities but one twin */
  g_assert_cmpuint (ct_ties_layer_get_n_labels (f->layer), ==, 4);
}

static char *
upper_label (CtCity   *city,
             gpointer  user_data)
{
  (*(guint *) user_data)++;
  return g_utf8_strup (city->name, -1);
}

static void
test_label_func (Fixture       *f,
                 gconstpointer  data)
{
  guint calls = 0;

  ct_ties_layer_set_label_func (f->layer, upper_label, &calls, NULL);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (calls, >=, 3);
  g_assert_cmpuint (calls, <=, G_N_ELEMENTS (city_data));

  /* Layouts are kept between frames */
  calls = 0;
  set_view (f, 22.5, 125.5, 4);
  g_assert_cmpuint (calls, ==, 0);
  ct_ties_layer_set_label_func (f->layer, NULL, NULL, NULL);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir ? dir : ".", name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) network = g_strsplit ("kaohsiung,da-nang", ",", -1);

  set_view (f, 25, 160, 2.6);
  ct_ties_layer_select_city (f->layer, "taipei");
  ct_ties_layer_set_highlighted_cities (f->layer, network);
  ct_test_wait_frames (GTK_WIDGET (f->window), 3);
  save_screenshot (f, "ties-layer.png");

  set_view (f, 20, 118, 5);
  ct_ties_layer_select_partnership (f->layer, "kaohsiung-da-nang");
  ct_ties_layer_set_highlighted_cities (f->layer, NULL);
  ct_ties_layer_set_dark (f->layer, TRUE);
  ct_test_wait_frames (GTK_WIDGET (f->window), 3);
  save_screenshot (f, "ties-layer-dark.png");

  /* The world narrower than the window: every copy of it drawn */
  ct_ties_layer_set_dark (f->layer, FALSE);
  ct_ties_layer_select_partnership (f->layer, "taipei-los-angeles");
  set_view (f, 20, -170, 1.2);
  save_screenshot (f, "ties-layer-world.png");
}

static void
test_rotation (Fixture       *f,
               gconstpointer  data)
{
  shumate_viewport_set_rotation (f->viewport, 0.5);
  set_view (f, 22, 125, 5);

  for (guint i = 0; i < 3; i++)
    {
      double sx, sy, x, y;
      gboolean is_city;

      g_assert_true (shumate_position (f, city_data[i].lat, city_data[i].lon, &sx, &sy));
      g_assert_true (ct_ties_layer_get_city_position (f->layer, city_data[i].id, &x, &y));
      g_assert_cmpfloat_with_epsilon (x, sx, 1.0);
      g_assert_cmpfloat_with_epsilon (y, sy, 1.0);
      g_assert_cmpstr (ct_ties_layer_pick (f->layer, sx, sy, &is_city), ==, city_data[i].id);
    }
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, 3);
  save_screenshot (f, "ties-layer-rotated.png");
}

/* Camera */

static void
assert_view (Fixture *f,
             double   lat,
             double   lon,
             double   zoom,
             double   epsilon)
{
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (f->viewport)), lat, epsilon);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport)), lon, epsilon);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (f->viewport), zoom, epsilon);
}

static void
test_camera_jumps (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CtCamera) camera = ct_camera_new (f->map);

  ct_camera_fly_to (camera, 52.2297, 21.0122, 7);
  g_assert_false (ct_camera_is_flying (camera));
  assert_view (f, 52.2297, 21.0122, 7, 1e-9);
}

static void
test_camera_flies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CtCamera) camera = ct_camera_new (f->map);
  double min_zoom = 100, min_lon_seen = 180, max_lon_seen = -180;
  gint64 start;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  set_view (f, 25.03, 121.56, 6);

  /* Taipei → Los Angeles: over the Pacific, zooming out on the way */
  ct_camera_fly_to (camera, 34.05, -118.24, 6);
  g_assert_true (ct_camera_is_flying (camera));
  start = g_get_monotonic_time ();
  while (ct_camera_is_flying (camera) && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC)
    {
      double lon = shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport));

      min_zoom = MIN (min_zoom, shumate_viewport_get_zoom_level (f->viewport));
      min_lon_seen = MIN (min_lon_seen, lon);
      max_lon_seen = MAX (max_lon_seen, lon);
      /* never over Europe or Africa */
      g_assert_true (lon >= 120 || lon <= -118);
      g_main_context_iteration (NULL, FALSE);
    }
  g_test_message ("flight took %.0f ms, lowest zoom %.2f",
                  (g_get_monotonic_time () - start) / 1000.0, min_zoom);
  g_assert_false (ct_camera_is_flying (camera));
  g_assert_cmpfloat (g_get_monotonic_time () - start, <, 1.5 * G_USEC_PER_SEC);
  assert_view (f, 34.05, -118.24, 6, 1e-9);
  g_assert_cmpfloat (min_zoom, <, 4);

  /* A drag (anything else moving the viewport) stops a flight */
  ct_camera_fly_to (camera, 52.2297, 21.0122, 5);
  ct_test_spin (100);
  g_assert_true (ct_camera_is_flying (camera));
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), 10, 10);
  g_assert_false (ct_camera_is_flying (camera));
  ct_test_spin (1200);
  assert_view (f, 10, 10, shumate_viewport_get_zoom_level (f->viewport), 1e-9);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
test_camera_fits (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CtCamera) camera = ct_camera_new (f->map);
  double south, west, north, east, lon;
  double lats[] = { 25.03, 34.05, 21.31 };
  double lons[] = { 121.56, -118.24, -157.86 };

  /* Fiji to Samoa, across 180° */
  ct_camera_fit_bounds (camera, -20, 175, -13, -171, 20);
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport));
  g_test_message ("antimeridian box: centre %.3f, %.3f, zoom %.2f",
                  shumate_location_get_latitude (SHUMATE_LOCATION (f->viewport)), lon,
                  shumate_viewport_get_zoom_level (f->viewport));
  g_assert_cmpfloat (fabs (lon), >, 175);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (f->viewport), >, 4);

  /* Taipei, Los Angeles, Honolulu: the narrowest span is over the Pacific */
  g_assert_true (ct_camera_compute_bounds (lats, lons, 3, &south, &west, &north, &east));
  g_assert_cmpfloat (west, ==, 121.56);
  g_assert_cmpfloat (east, ==, -118.24);
  ct_camera_show_all (camera, f->cities);  /* Warsaw too: then the short way is over Eurasia */
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport));
  g_test_message ("all cities: centre longitude %.2f, zoom %.2f", lon, shumate_viewport_get_zoom_level (f->viewport));
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, G_N_ELEMENTS (city_data));

  /* Regions */
  ct_camera_show_region (camera, CT_REGION_TAIWAN);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, 2);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (f->viewport), >, 6);

  ct_camera_show_region (camera, CT_REGION_EU);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (f->layer), ==, 1);

  /* A single city: close, not infinitely */
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    g_ptr_array_add (one, g_ptr_array_index (f->cities, 0));
    ct_camera_show_all (camera, one);
    assert_view (f, 22.6273, 120.3014, 9, 1e-6);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/ties-layer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("draws-visible-cities", test_draws_visible_cities);
  ADD ("pick", test_pick);
  ADD ("antimeridian", test_antimeridian);
  ADD ("selection", test_selection);
  ADD ("labels-avoid-each-other", test_labels_avoid_each_other);
  ADD ("label-func", test_label_func);
  ADD ("screenshot", test_screenshot);
  ADD ("rotation", test_rotation);
  ADD ("camera/jumps", test_camera_jumps);
  ADD ("camera/flies", test_camera_flies);
  ADD ("camera/fits", test_camera_fits);
#undef ADD

  return g_test_run ();
}
