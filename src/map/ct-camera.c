/* ct-camera.c
 *
 * A flight interpolates the centre in Web Mercator world coordinates (so that the path is a
 * straight line on the map, and the longitude difference is taken in (-180°, 180°]) and the zoom
 * linearly, both on an ease-in-out curve, minus a bump in the middle that brings both ends on
 * screen for long flights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ct-camera.h"
#include "ct-city.h"
#include "ct-geometry.h"

#define FLIGHT_USEC       (1000 * G_TIME_SPAN_MILLISECOND)
#define SHORT_FLIGHT_USEC (500 * G_TIME_SPAN_MILLISECOND)
#define FIT_MAX_ZOOM      9.0
#define FALLBACK_WIDTH    1024
#define FALLBACK_HEIGHT   768

struct _CtCamera
{
  GObject     parent_instance;

  ShumateMap *map;           /* weak */
  guint       tick_id;
  gboolean    setting;       /* the viewport changes because of us */

  /* the flight */
  gint64      start_time;    /* 0 until the first frame */
  gint64      duration;
  double      x0, y0, z0;    /* world coordinates and zoom at the start */
  double      x1, y1, z1;    /* at the end; x1 may leave [0, 1] (shorter way) */
  double      dip;           /* zoom levels out at mid-flight */
  double      lat1, lon1;    /* the exact destination */
};

G_DEFINE_FINAL_TYPE (CtCamera, ct_camera, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ShumateViewport *
get_viewport (CtCamera *self)
{
  return self->map ? shumate_map_get_viewport (self->map) : NULL;
}

static int
get_tile_size (ShumateViewport *viewport)
{
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  guint size = source ? shumate_map_source_get_tile_size (source) : 0;

  return size > 0 ? (int) size : 256;
}

static void
get_map_size (CtCamera *self,
              double   *width,
              double   *height)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->map));
  int h = gtk_widget_get_height (GTK_WIDGET (self->map));

  *width = w > 0 ? w : FALLBACK_WIDTH;
  *height = h > 0 ? h : FALLBACK_HEIGHT;
}

static double
clamp_zoom (ShumateViewport *viewport,
            double           zoom)
{
  return CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
}

static void
set_viewport (CtCamera *self,
              double    lat,
              double    lon,
              double    zoom)
{
  ShumateViewport *viewport = get_viewport (self);

  self->setting = TRUE;
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 CLAMP (lat, -CT_GEO_MERCATOR_MAX_LAT, CT_GEO_MERCATOR_MAX_LAT),
                                 ct_geo_normalize_longitude (lon));
  self->setting = FALSE;
}

void
ct_camera_stop (CtCamera *self)
{
  g_return_if_fail (CT_IS_CAMERA (self));

  if (self->tick_id && self->map)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->map), self->tick_id);
  self->tick_id = 0;
}

gboolean
ct_camera_is_flying (CtCamera *self)
{
  g_return_val_if_fail (CT_IS_CAMERA (self), FALSE);
  return self->tick_id != 0;
}

static void
on_viewport_changed_cb (CtCamera *self)
{
  /* someone else moves the map: the user wins */
  if (!self->setting && self->tick_id)
    ct_camera_stop (self);
}

static double
ease_in_out (double t)
{
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

static gboolean
flight_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  CtCamera *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, e, x, y, zoom, lat, lon;

  if (self->start_time == 0)
    self->start_time = now;

  t = (double) (now - self->start_time) / self->duration;
  if (t >= 1.0)
    {
      self->tick_id = 0;
      set_viewport (self, self->lat1, self->lon1, self->z1);
      return G_SOURCE_REMOVE;
    }

  e = ease_in_out (CLAMP (t, 0, 1));
  x = self->x0 + (self->x1 - self->x0) * e;
  y = self->y0 + (self->y1 - self->y0) * e;
  zoom = self->z0 + (self->z1 - self->z0) * e - self->dip * sin (G_PI * e);
  ct_geo_mercator_unproject (x - floor (x), y, &lat, &lon);
  set_viewport (self, lat, lon, clamp_zoom (get_viewport (self), zoom));

  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (CtCamera *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self->map)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

void
ct_camera_fly_to (CtCamera *self,
                  double    latitude,
                  double    longitude,
                  double    zoom_level)
{
  ShumateViewport *viewport;
  double lat0, lon0, dlon, width, height, distance, screen_distance, fit_zoom;
  int tile_size;

  g_return_if_fail (CT_IS_CAMERA (self));

  ct_camera_stop (self);
  if (self->map == NULL)
    return;

  viewport = get_viewport (self);
  shumate_map_stop_go_to (self->map);

  latitude = CLAMP (latitude, -CT_GEO_MERCATOR_MAX_LAT, CT_GEO_MERCATOR_MAX_LAT);
  longitude = ct_geo_normalize_longitude (longitude);
  zoom_level = clamp_zoom (viewport, zoom_level);

  if (!animations_enabled (self) || !gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    {
      set_viewport (self, latitude, longitude, zoom_level);
      return;
    }

  lat0 = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon0 = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  dlon = remainder (longitude - lon0, 360.0);  /* the shorter way, in [-180, 180] */

  self->z0 = shumate_viewport_get_zoom_level (viewport);
  self->z1 = zoom_level;
  ct_geo_mercator_project (lat0, lon0, &self->x0, &self->y0);
  ct_geo_mercator_project (latitude, 0, NULL, &self->y1);
  self->x1 = self->x0 + dlon / 360.0;
  self->lat1 = latitude;
  self->lon1 = longitude;

  /* Zoom out on the way so that both ends fit on screen at the lowest point */
  tile_size = get_tile_size (viewport);
  get_map_size (self, &width, &height);
  distance = hypot (self->x1 - self->x0, self->y1 - self->y0);
  screen_distance = distance * tile_size * exp2 (MIN (self->z0, self->z1));
  fit_zoom = distance > 0 ? log2 (MIN (width, height) * 0.8 / (distance * tile_size)) : self->z1;
  self->dip = MAX (0, MIN (self->z0, self->z1) - fit_zoom);

  if (screen_distance < 1 && fabs (self->z1 - self->z0) < 0.01)
    {
      set_viewport (self, latitude, longitude, zoom_level);
      return;
    }

  self->duration = screen_distance < MIN (width, height) && fabs (self->z1 - self->z0) <= 1
                   ? SHORT_FLIGHT_USEC : FLIGHT_USEC;
  self->start_time = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->map), flight_tick_cb, self, NULL);
}

void
ct_camera_fit_bounds (CtCamera *self,
                      double    south,
                      double    west,
                      double    north,
                      double    east,
                      double    padding_px)
{
  ShumateViewport *viewport;
  double width, height, dx, y_north, y_south, zoom_x, zoom_y, zoom, lat, lon;
  int tile_size;

  g_return_if_fail (CT_IS_CAMERA (self));

  if (self->map == NULL)
    return;

  viewport = get_viewport (self);
  west = ct_geo_normalize_longitude (west);
  east = ct_geo_normalize_longitude (east);
  if (east < west)
    east += 360.0;  /* across the antimeridian */
  if (south > north)
    {
      double tmp = south;
      south = north;
      north = tmp;
    }

  tile_size = get_tile_size (viewport);
  get_map_size (self, &width, &height);
  width = MAX (width - 2 * padding_px, 16);
  height = MAX (height - 2 * padding_px, 16);

  ct_geo_mercator_project (north, 0, NULL, &y_north);
  ct_geo_mercator_project (south, 0, NULL, &y_south);
  dx = (east - west) / 360.0;

  zoom_x = dx > 0 ? log2 (width / (dx * tile_size)) : FIT_MAX_ZOOM;
  zoom_y = y_south - y_north > 0 ? log2 (height / ((y_south - y_north) * tile_size)) : FIT_MAX_ZOOM;
  zoom = MIN (MIN (zoom_x, zoom_y), FIT_MAX_ZOOM);

  ct_geo_mercator_unproject (0, (y_north + y_south) / 2, &lat, NULL);
  lon = ct_geo_normalize_longitude ((west + east) / 2);

  ct_camera_fly_to (self, lat, lon, zoom);
}

void
ct_camera_get_region_bounds (CtRegion  region,
                             double   *south,
                             double   *west,
                             double   *north,
                             double   *east)
{
  static const double bounds[CT_N_REGIONS][4] = {
    /* Taiwan with Penghu, Kinmen and Matsu */
    [CT_REGION_TAIWAN] = { 21.8, 118.1, 26.4, 122.1 },
    /* from Myanmar's west to Papua, from Kachin to Rote */
    [CT_REGION_ASEAN]  = { -11.2, 92.1, 28.6, 141.1 },
    /* mainland Portugal to Cyprus, Crete and Malta to Lapland */
    [CT_REGION_EU]     = { 34.5, -10.5, 70.2, 34.7 },
    [CT_REGION_OTHER]  = { -56.0, -180.0, 72.0, 180.0 },
  };
  guint i = region < CT_N_REGIONS ? region : CT_REGION_OTHER;

  *south = bounds[i][0];
  *west = bounds[i][1];
  *north = bounds[i][2];
  *east = bounds[i][3];
}

void
ct_camera_show_region (CtCamera *self,
                       CtRegion  region)
{
  double south, west, north, east;

  g_return_if_fail (CT_IS_CAMERA (self));

  ct_camera_get_region_bounds (region, &south, &west, &north, &east);
  ct_camera_fit_bounds (self, south, west, north, east, 24);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

gboolean
ct_camera_compute_bounds (const double *lats,
                          const double *lons,
                          guint         n,
                          double       *south,
                          double       *west,
                          double       *north,
                          double       *east)
{
  g_autofree double *sorted = NULL;
  double gap, widest = -1;
  guint after = 0;

  if (n == 0)
    return FALSE;

  *south = *north = lats[0];
  sorted = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      *south = MIN (*south, lats[i]);
      *north = MAX (*north, lats[i]);
      sorted[i] = ct_geo_normalize_longitude (lons[i]);
    }
  qsort (sorted, n, sizeof (double), compare_doubles);

  /* The narrowest span leaves out the widest gap between neighbours, around the world */
  for (guint i = 0; i < n; i++)
    {
      gap = i + 1 < n ? sorted[i + 1] - sorted[i] : sorted[0] + 360.0 - sorted[n - 1];
      if (gap > widest)
        {
          widest = gap;
          after = (i + 1) % n;
        }
    }

  *west = sorted[after];
  *east = sorted[(after + n - 1) % n];
  return TRUE;
}

void
ct_camera_show_all (CtCamera  *self,
                    GPtrArray *cities)
{
  g_autofree double *lats = NULL;
  g_autofree double *lons = NULL;
  double south, west, north, east;
  guint n = 0;

  g_return_if_fail (CT_IS_CAMERA (self));

  if (cities == NULL || cities->len == 0)
    return;

  lats = g_new (double, cities->len);
  lons = g_new (double, cities->len);
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (city == NULL)
        continue;
      lats[n] = city->lat;
      lons[n] = city->lon;
      n++;
    }

  if (ct_camera_compute_bounds (lats, lons, n, &south, &west, &north, &east))
    ct_camera_fit_bounds (self, south, west, north, east, 48);
}

ShumateMap *
ct_camera_get_map (CtCamera *self)
{
  g_return_val_if_fail (CT_IS_CAMERA (self), NULL);
  return self->map;
}

CtCamera *
ct_camera_new (ShumateMap *map)
{
  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);

  return g_object_new (CT_TYPE_CAMERA, "map", map, NULL);
}

static void
ct_camera_constructed (GObject *object)
{
  CtCamera *self = CT_CAMERA (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ct_camera_parent_class)->constructed (object);

  g_return_if_fail (self->map != NULL);

  viewport = get_viewport (self);
  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ct_camera_dispose (GObject *object)
{
  CtCamera *self = CT_CAMERA (object);

  ct_camera_stop (self);
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (ct_camera_parent_class)->dispose (object);
}

static void
ct_camera_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CtCamera *self = CT_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_camera_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CtCamera *self = CT_CAMERA (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_set_weak_pointer (&self->map, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_camera_class_init (CtCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ct_camera_constructed;
  object_class->dispose = ct_camera_dispose;
  object_class->get_property = ct_camera_get_property;
  object_class->set_property = ct_camera_set_property;

  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, SHUMATE_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ct_camera_init (CtCamera *self)
{
}
