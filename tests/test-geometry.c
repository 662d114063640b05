/* test-geometry.c: tests for great circles, the antimeridian split, distances and Web Mercator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include <glib.h>

#include "ct-geometry.h"

#define KAOHSIUNG_LAT 22.61626
#define KAOHSIUNG_LON 120.31333
#define DA_NANG_LAT   16.0544
#define DA_NANG_LON   108.2022
#define TAIPEI_LAT    25.05
#define TAIPEI_LON    121.53
#define LA_LAT        34.05
#define LA_LON        -118.24

static const CtGeoPoint *
point_at (GPtrArray *parts,
          guint      part,
          guint      index)
{
  GArray *array;

  g_assert_cmpuint (part, <, parts->len);
  array = g_ptr_array_index (parts, part);
  g_assert_cmpuint (index, <, array->len);
  return &g_array_index (array, CtGeoPoint, index);
}

static const CtGeoPoint *
last_point (GPtrArray *parts,
            guint      part)
{
  GArray *array;

  g_assert_cmpuint (part, <, parts->len);
  array = g_ptr_array_index (parts, part);
  g_assert_cmpuint (array->len, >, 0);
  return &g_array_index (array, CtGeoPoint, array->len - 1);
}

static void
test_normalize (void)
{
  g_assert_cmpfloat (ct_geo_normalize_longitude (0), ==, 0);
  g_assert_cmpfloat (ct_geo_normalize_longitude (180), ==, 180);
  g_assert_cmpfloat (ct_geo_normalize_longitude (-180), ==, -180);
  g_assert_cmpfloat (ct_geo_normalize_longitude (121.53), ==, 121.53);
  g_assert_cmpfloat_with_epsilon (ct_geo_normalize_longitude (190), -170, 1e-12);
  g_assert_cmpfloat_with_epsilon (ct_geo_normalize_longitude (-190), 170, 1e-12);
  g_assert_cmpfloat_with_epsilon (ct_geo_normalize_longitude (360), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ct_geo_normalize_longitude (-725), -5, 1e-12);
}

static void
test_distance (void)
{
  double d = ct_geo_distance_km (TAIPEI_LAT, TAIPEI_LON, KAOHSIUNG_LAT, KAOHSIUNG_LON);

  g_test_message ("Taipei–Kaohsiung: %.1f km", d);
  g_assert_cmpfloat (d, >, 290);
  g_assert_cmpfloat (d, <, 310);

  /* symmetric, zero for one point, a quarter of the circumference along the equator */
  g_assert_cmpfloat_with_epsilon (ct_geo_distance_km (KAOHSIUNG_LAT, KAOHSIUNG_LON, TAIPEI_LAT, TAIPEI_LON), d, 1e-9);
  g_assert_cmpfloat (ct_geo_distance_km (TAIPEI_LAT, TAIPEI_LON, TAIPEI_LAT, TAIPEI_LON), ==, 0);
  g_assert_cmpfloat_with_epsilon (ct_geo_distance_km (0, 0, 0, 90), G_PI / 2 * CT_GEO_EARTH_RADIUS_KM, 1e-6);
  /* across the antimeridian the short way: 2° of longitude on the equator */
  g_assert_cmpfloat_with_epsilon (ct_geo_distance_km (0, 179, 0, -179), G_PI / 90 * CT_GEO_EARTH_RADIUS_KM, 1e-6);
  /* antipodes (haversine loses a little precision there: within a metre) */
  g_assert_cmpfloat_with_epsilon (ct_geo_distance_km (10, 20, -10, -160), G_PI * CT_GEO_EARTH_RADIUS_KM, 1e-3);
}

/* Consecutive points are evenly spaced and add up to the great-circle distance */
static void
assert_even (const double *lats,
             const double *lons,
             guint         n,
             double        total)
{
  for (guint i = 1; i <= n; i++)
    {
      double step = ct_geo_distance_km (lats[i - 1], lons[i - 1], lats[i], lons[i]);

      g_assert_true (isfinite (lats[i]) && isfinite (lons[i]));
      g_assert_cmpfloat (lons[i], >=, -180);
      g_assert_cmpfloat (lons[i], <=, 180);
      g_assert_cmpfloat_with_epsilon (step, total / n, 1e-6);
    }
}

static void
test_great_circle_endpoints (void)
{
  enum { N = 16 };
  double lats[N + 1], lons[N + 1];
  double total = ct_geo_distance_km (KAOHSIUNG_LAT, KAOHSIUNG_LON, DA_NANG_LAT, DA_NANG_LON);

  ct_geo_great_circle (KAOHSIUNG_LAT, KAOHSIUNG_LON, DA_NANG_LAT, DA_NANG_LON, N, lats, lons);

  /* exact, not merely close */
  g_assert_cmpfloat (lats[0], ==, KAOHSIUNG_LAT);
  g_assert_cmpfloat (lons[0], ==, KAOHSIUNG_LON);
  g_assert_cmpfloat (lats[N], ==, DA_NANG_LAT);
  g_assert_cmpfloat (lons[N], ==, DA_NANG_LON);

  assert_even (lats, lons, N, total);

  /* every point lies between the two cities */
  for (guint i = 1; i < N; i++)
    {
      g_assert_cmpfloat (lats[i], <, KAOHSIUNG_LAT);
      g_assert_cmpfloat (lats[i], >, DA_NANG_LAT);
      g_assert_cmpfloat (lons[i], <, KAOHSIUNG_LON);
      g_assert_cmpfloat (lons[i], >, DA_NANG_LON);
    }
}

static void
test_great_circle_antimeridian (void)
{
  enum { N = 64 };
  double lats[N + 1], lons[N + 1];
  double total = ct_geo_distance_km (TAIPEI_LAT, TAIPEI_LON, LA_LAT, LA_LON);
  g_autoptr(GPtrArray) parts = NULL;
  gboolean east = FALSE, west = FALSE;
  const CtGeoPoint *end, *start;
  guint n_points = 0;

  ct_geo_great_circle (TAIPEI_LAT, TAIPEI_LON, LA_LAT, LA_LON, N, lats, lons);
  g_assert_cmpfloat (lats[0], ==, TAIPEI_LAT);
  g_assert_cmpfloat (lons[0], ==, TAIPEI_LON);
  g_assert_cmpfloat (lats[N], ==, LA_LAT);
  g_assert_cmpfloat (lons[N], ==, LA_LON);
  assert_even (lats, lons, N, total);

  /* The short way is over the Pacific: never near 0° */
  for (guint i = 0; i <= N; i++)
    {
      g_assert_true (lons[i] >= TAIPEI_LON || lons[i] <= LA_LON);
      east = east || lons[i] > 170;
      west = west || lons[i] < -170;
    }
  g_assert_true (east && west);

  parts = ct_geo_split_antimeridian (lats, lons, N + 1);
  g_assert_cmpuint (parts->len, ==, 2);

  start = point_at (parts, 0, 0);
  g_assert_cmpfloat (start->lon, ==, TAIPEI_LON);
  g_assert_cmpfloat (start->lat, ==, TAIPEI_LAT);
  end = last_point (parts, 1);
  g_assert_cmpfloat (end->lon, ==, LA_LON);
  g_assert_cmpfloat (end->lat, ==, LA_LAT);

  /* Taipei's side ends on +180 and Los Angeles' side starts on -180, at the same latitude */
  end = last_point (parts, 0);
  start = point_at (parts, 1, 0);
  g_assert_cmpfloat (end->lon, ==, 180.0);
  g_assert_cmpfloat (start->lon, ==, -180.0);
  g_assert_cmpfloat (end->lat, ==, start->lat);
  g_assert_cmpfloat (end->lat, >, TAIPEI_LAT);

  /* every point is kept, each part stays on its side */
  for (guint p = 0; p < parts->len; p++)
    {
      GArray *part = g_ptr_array_index (parts, p);

      n_points += part->len;
      for (guint i = 0; i < part->len; i++)
        {
          double lon = g_array_index (part, CtGeoPoint, i).lon;

          if (p == 0)
            g_assert_cmpfloat (lon, >, 0);
          else
            g_assert_cmpfloat (lon, <, 0);
        }
    }
  g_assert_cmpuint (n_points, ==, N + 1 + 2);
}

static void
test_great_circle_degenerate (void)
{
  enum { N = 8 };
  double lats[N + 1], lons[N + 1];

  /* the same point */
  ct_geo_great_circle (TAIPEI_LAT, TAIPEI_LON, TAIPEI_LAT, TAIPEI_LON, N, lats, lons);
  for (guint i = 0; i <= N; i++)
    {
      g_assert_cmpfloat_with_epsilon (lats[i], TAIPEI_LAT, 1e-9);
      g_assert_cmpfloat_with_epsilon (lons[i], TAIPEI_LON, 1e-9);
    }

  /* antipodes on the equator: over the North Pole */
  ct_geo_great_circle (0, 30, 0, -150, N, lats, lons);
  g_assert_cmpfloat (lats[0], ==, 0);
  g_assert_cmpfloat (lons[0], ==, 30);
  g_assert_cmpfloat (lats[N], ==, 0);
  g_assert_cmpfloat (lons[N], ==, -150);
  g_assert_cmpfloat_with_epsilon (lats[N / 2], 90, 1e-9);
  assert_even (lats, lons, N, G_PI * CT_GEO_EARTH_RADIUS_KM);

  /* antipodes elsewhere: north first */
  ct_geo_great_circle (-40, 10, 40, -170, N, lats, lons);
  g_assert_cmpfloat (lats[1], >, -40);
  assert_even (lats, lons, N, G_PI * CT_GEO_EARTH_RADIUS_KM);

  /* from a pole */
  ct_geo_great_circle (90, 0, -90, 0, N, lats, lons);
  assert_even (lats, lons, N, G_PI * CT_GEO_EARTH_RADIUS_KM);

  /* longitudes out of range are normalised */
  ct_geo_great_circle (0, 350, 0, 370, 2, lats, lons);
  g_assert_cmpfloat_with_epsilon (lons[0], -10, 1e-9);
  g_assert_cmpfloat_with_epsilon (lons[1], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lons[2], 10, 1e-9);

  /* no segments: the first point only */
  lats[1] = lons[1] = 12345;
  ct_geo_great_circle (1, 2, 3, 4, 0, lats, lons);
  g_assert_cmpfloat (lats[0], ==, 1);
  g_assert_cmpfloat (lons[0], ==, 2);
  g_assert_cmpfloat (lats[1], ==, 12345);
}

static void
test_split (void)
{
  g_autoptr(GPtrArray) none = ct_geo_split_antimeridian (NULL, NULL, 0);
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) west = NULL;
  g_autoptr(GPtrArray) edge = NULL;
  g_autoptr(GPtrArray) twice = NULL;
  double lats[] = { 10, 20, 30, 40 };
  double plain_lons[] = { 100, 120, 140, 160 };
  double west_lons[] = { -170, -178, 178, 170 };
  double edge_lons[] = { 180, -179, -178, -177 };
  double twice_lons[] = { 170, -170, 170, 160 };

  g_assert_cmpuint (none->len, ==, 0);

  plain = ct_geo_split_antimeridian (lats, plain_lons, 4);
  g_assert_cmpuint (plain->len, ==, 1);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (plain, 0))->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (point_at (plain, 0, i)->lon, ==, plain_lons[i]);
      g_assert_cmpfloat (point_at (plain, 0, i)->lat, ==, lats[i]);
    }

  /* westward over -180: halfway between -178 and 178, so halfway between 20 and 30 */
  west = ct_geo_split_antimeridian (lats, west_lons, 4);
  g_assert_cmpuint (west->len, ==, 2);
  g_assert_cmpfloat (last_point (west, 0)->lon, ==, -180);
  g_assert_cmpfloat (point_at (west, 1, 0)->lon, ==, 180);
  g_assert_cmpfloat_with_epsilon (last_point (west, 0)->lat, 25, 1e-9);
  g_assert_cmpfloat (last_point (west, 0)->lat, ==, point_at (west, 1, 0)->lat);
  g_assert_cmpfloat (point_at (west, 1, 1)->lon, ==, 178);
  g_assert_cmpfloat (last_point (west, 1)->lon, ==, 170);

  /* starting on +180 and heading west of it: one part, from -180 */
  edge = ct_geo_split_antimeridian (lats, edge_lons, 4);
  g_assert_cmpuint (edge->len, ==, 1);
  g_assert_cmpfloat (point_at (edge, 0, 0)->lon, ==, -180);
  g_assert_cmpfloat (point_at (edge, 0, 0)->lat, ==, 10);
  g_assert_cmpuint (((GArray *) g_ptr_array_index (edge, 0))->len, ==, 4);

  /* over and back: three parts */
  twice = ct_geo_split_antimeridian (lats, twice_lons, 4);
  g_assert_cmpuint (twice->len, ==, 3);
  g_assert_cmpfloat (last_point (twice, 0)->lon, ==, 180);
  g_assert_cmpfloat (point_at (twice, 1, 0)->lon, ==, -180);
  g_assert_cmpfloat (last_point (twice, 1)->lon, ==, -180);
  g_assert_cmpfloat (point_at (twice, 2, 0)->lon, ==, 180);
}

static void
test_unwrap (void)
{
  double east[] = { 170, 179, -179, -170, 175 };
  double west[] = { -170, 179, 170 };
  double none[] = { 10, 20, -30 };

  ct_geo_unwrap_longitudes (east, G_N_ELEMENTS (east));
  g_assert_cmpfloat (east[0], ==, 170);
  g_assert_cmpfloat (east[1], ==, 179);
  g_assert_cmpfloat (east[2], ==, 181);
  g_assert_cmpfloat (east[3], ==, 190);
  g_assert_cmpfloat (east[4], ==, 175);

  ct_geo_unwrap_longitudes (west, G_N_ELEMENTS (west));
  g_assert_cmpfloat (west[0], ==, -170);
  g_assert_cmpfloat (west[1], ==, -181);
  g_assert_cmpfloat (west[2], ==, -190);

  ct_geo_unwrap_longitudes (none, G_N_ELEMENTS (none));
  g_assert_cmpfloat (none[0], ==, 10);
  g_assert_cmpfloat (none[1], ==, 20);
  g_assert_cmpfloat (none[2], ==, -30);

  ct_geo_unwrap_longitudes (NULL, 0);
}

static void
test_mercator (void)
{
  double x, y, lat, lon;

  ct_geo_mercator_project (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  ct_geo_mercator_project (CT_GEO_MERCATOR_MAX_LAT, -180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-8);

  ct_geo_mercator_project (-CT_GEO_MERCATOR_MAX_LAT, 180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 1, 1e-8);

  /* the north is up: Taipei above Kaohsiung */
  {
    double y_taipei, y_kaohsiung;

    ct_geo_mercator_project (TAIPEI_LAT, TAIPEI_LON, NULL, &y_taipei);
    ct_geo_mercator_project (KAOHSIUNG_LAT, KAOHSIUNG_LON, NULL, &y_kaohsiung);
    g_assert_cmpfloat (y_taipei, <, y_kaohsiung);
  }

  /* beyond the limit: clamped */
  ct_geo_mercator_project (89.9, 0, &x, &y);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-8);
  ct_geo_mercator_unproject (x, y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, CT_GEO_MERCATOR_MAX_LAT, 1e-6);

  /* round trip */
  for (double la = -85; la <= 85; la += 8.5)
    for (double lo = -180; lo <= 180; lo += 15)
      {
        ct_geo_mercator_project (la, lo, &x, &y);
        g_assert_cmpfloat (x, >=, 0);
        g_assert_cmpfloat (x, <=, 1);
        g_assert_cmpfloat (y, >=, 0);
        g_assert_cmpfloat (y, <=, 1);
        ct_geo_mercator_unproject (x, y, &lat, &lon);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-9);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/normalize", test_normalize);
  g_test_add_func ("/geometry/distance", test_distance);
  g_test_add_func ("/geometry/great-circle/endpoints", test_great_circle_endpoints);
  g_test_add_func ("/geometry/great-circle/antimeridian", test_great_circle_antimeridian);
  g_test_add_func ("/geometry/great-circle/degenerate", test_great_circle_degenerate);
  g_test_add_func ("/geometry/split", test_split);
  g_test_add_func ("/geometry/unwrap", test_unwrap);
  g_test_add_func ("/geometry/mercator", test_mercator);

  return g_test_run ();
}
