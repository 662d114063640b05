/* ct-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "ct-geometry.h"

#define DEG_TO_RAD (G_PI / 180.0)
#define RAD_TO_DEG (180.0 / G_PI)

double
ct_geo_normalize_longitude (double lon)
{
  double r;

  if (!isfinite (lon) || (lon >= -180.0 && lon <= 180.0))
    return lon;

  r = fmod (lon + 180.0, 360.0);
  if (r < 0)
    r += 360.0;
  return r - 180.0;
}

static void
to_vector (double  lat,
           double  lon,
           double  v[3])
{
  double phi = lat * DEG_TO_RAD;
  double lambda = lon * DEG_TO_RAD;

  v[0] = cos (phi) * cos (lambda);
  v[1] = cos (phi) * sin (lambda);
  v[2] = sin (phi);
}

void
ct_geo_great_circle (double  lat1,
                     double  lon1,
                     double  lat2,
                     double  lon2,
                     guint   n_segments,
                     double *lats,
                     double *lons)
{
  double a[3], b[3], c[3];
  double dot, norm, omega;

  g_return_if_fail (lats != NULL && lons != NULL);

  lats[0] = lat1;
  lons[0] = ct_geo_normalize_longitude (lon1);
  if (n_segments == 0)
    return;

  to_vector (lat1, lon1, a);
  to_vector (lat2, lon2, b);

  dot = CLAMP (a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1.0, 1.0);

  /* c: the unit vector perpendicular to a, in the plane of a and b, towards b */
  for (guint k = 0; k < 3; k++)
    c[k] = b[k] - dot * a[k];
  norm = sqrt (c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);

  if (norm > 1e-12)
    {
      for (guint k = 0; k < 3; k++)
        c[k] /= norm;
      omega = atan2 (norm, dot);
    }
  else if (dot > 0)
    {
      /* The same point: no direction to go in */
      c[0] = c[1] = c[2] = 0;
      omega = 0;
    }
  else
    {
      /* Antipodes: every great circle through a leads to b. Head north (local north tangent),
       * or from a pole along the first point's meridian. */
      double phi = lat1 * DEG_TO_RAD;
      double lambda = lon1 * DEG_TO_RAD;

      if (cos (phi) > 1e-12)
        {
          c[0] = -sin (phi) * cos (lambda);
          c[1] = -sin (phi) * sin (lambda);
          c[2] = cos (phi);
        }
      else
        {
          c[0] = cos (lambda);
          c[1] = sin (lambda);
          c[2] = 0;
        }
      omega = G_PI;
    }

  for (guint i = 1; i < n_segments; i++)
    {
      double angle = omega * i / n_segments;
      double ca = cos (angle), sa = sin (angle);
      double p[3];

      for (guint k = 0; k < 3; k++)
        p[k] = a[k] * ca + c[k] * sa;

      lats[i] = atan2 (p[2], hypot (p[0], p[1])) * RAD_TO_DEG;
      lons[i] = atan2 (p[1], p[0]) * RAD_TO_DEG;
      if (hypot (p[0], p[1]) < 1e-12)
        lons[i] = lons[0]; /* a pole: any longitude will do; keep the line tidy */
    }

  lats[n_segments] = lat2;
  lons[n_segments] = ct_geo_normalize_longitude (lon2);
}

static void
append_point (GArray *part,
              double  lon,
              double  lat)
{
  CtGeoPoint point = { lon, lat };

  if (part->len > 0)
    {
      const CtGeoPoint *last = &g_array_index (part, CtGeoPoint, part->len - 1);

      if (last->lon == lon && last->lat == lat)
        return;
    }

  g_array_append_val (part, point);
}

static GArray *
new_part (void)
{
  return g_array_new (FALSE, FALSE, sizeof (CtGeoPoint));
}

GPtrArray *
ct_geo_split_antimeridian (const double *lats,
                           const double *lons,
                           guint         n)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GPtrArray *result;
  GArray *part;

  g_return_val_if_fail (n == 0 || (lats != NULL && lons != NULL), NULL);

  if (n == 0)
    return g_steal_pointer (&parts);

  part = new_part ();
  g_ptr_array_add (parts, part);
  append_point (part, ct_geo_normalize_longitude (lons[0]), lats[0]);

  for (guint i = 1; i < n; i++)
    {
      double lon0 = ct_geo_normalize_longitude (lons[i - 1]);
      double lon1 = ct_geo_normalize_longitude (lons[i]);
      double lat0 = lats[i - 1];
      double lat1 = lats[i];
      double delta = lon1 - lon0;

      if (delta < -180.0 || delta > 180.0)
        {
          /* Eastward over +180 when delta < -180 (179 → -179), westward over -180 otherwise */
          double edge = delta < 0 ? 180.0 : -180.0;
          double span = delta < 0 ? delta + 360.0 : delta - 360.0;
          double f = span != 0 ? CLAMP ((edge - lon0) / span, 0.0, 1.0) : 0.0;
          double lat = lat0 + f * (lat1 - lat0);

          append_point (part, edge, lat);
          part = new_part ();
          g_ptr_array_add (parts, part);
          append_point (part, -edge, lat);
        }

      append_point (part, lon1, lat1);
    }

  if (parts->len == 1)
    return g_steal_pointer (&parts);

  /* Drop the single points left over by a line that starts or ends on the antimeridian */
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < parts->len; i++)
    {
      GArray *p = g_ptr_array_index (parts, i);

      if (p->len >= 2)
        g_ptr_array_add (result, g_array_ref (p));
    }
  if (result->len == 0)
    g_ptr_array_add (result, g_array_ref (g_ptr_array_index (parts, 0)));

  return result;
}

double
ct_geo_distance_km (double lat1,
                    double lon1,
                    double lat2,
                    double lon2)
{
  double phi1 = lat1 * DEG_TO_RAD;
  double phi2 = lat2 * DEG_TO_RAD;
  double dphi = (lat2 - lat1) * DEG_TO_RAD;
  double dlambda = (lon2 - lon1) * DEG_TO_RAD;
  double h = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  h = CLAMP (h, 0.0, 1.0);
  return 2.0 * CT_GEO_EARTH_RADIUS_KM * asin (sqrt (h));
}

void
ct_geo_unwrap_longitudes (double *lons,
                          guint   n)
{
  g_return_if_fail (n == 0 || lons != NULL);

  for (guint i = 1; i < n; i++)
    {
      double delta = lons[i] - lons[i - 1];

      if (!isfinite (delta))
        continue;
      if (delta > 180.0 || delta < -180.0)
        lons[i] -= 360.0 * round (delta / 360.0);
    }
}

void
ct_geo_mercator_project (double  lat,
                         double  lon,
                         double *x,
                         double *y)
{
  double phi = CLAMP (lat, -CT_GEO_MERCATOR_MAX_LAT, CT_GEO_MERCATOR_MAX_LAT) * DEG_TO_RAD;

  if (x)
    *x = (ct_geo_normalize_longitude (lon) + 180.0) / 360.0;
  if (y)
    *y = CLAMP (0.5 - log (tan (G_PI / 4 + phi / 2)) / (2 * G_PI), 0.0, 1.0);
}

void
ct_geo_mercator_unproject (double  x,
                           double  y,
                           double *lat,
                           double *lon)
{
  y = CLAMP (y, 0.0, 1.0);

  if (lon)
    *lon = x * 360.0 - 180.0;
  if (lat)
    *lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * RAD_TO_DEG;
}
