/* ct-geometry.h: great circles, the antimeridian, distances and Web Mercator
 *
 * Plain spherical geometry on WGS 84 latitude/longitude in degrees, shared by the GeoJSON export
 * and the map. No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Mean Earth radius (IUGG), used by ct_geo_distance_km() */
#define CT_GEO_EARTH_RADIUS_KM 6371.0088

/* Web Mercator's latitude limit: the world is then a square */
#define CT_GEO_MERCATOR_MAX_LAT 85.05112878

typedef struct {
  double lon;
  double lat;
} CtGeoPoint;

/* Brings a longitude into [-180, 180]; values already in range (including ±180) are unchanged */
double     ct_geo_normalize_longitude (double lon);

/* Fills lats[0..n_segments] and lons[0..n_segments] with n_segments + 1 points along the shorter
 * great-circle arc from (lat1, lon1) to (lat2, lon2), evenly spaced (spherical linear
 * interpolation). The first and last points are the endpoints exactly (longitudes normalised);
 * every longitude is in [-180, 180]. Identical endpoints give n_segments + 1 copies of the point;
 * antipodal endpoints (no single shortest path) go north from the first point, over the North
 * Pole when the first point is on the equator. n_segments 0 writes the first point only. */
void       ct_geo_great_circle        (double      lat1,
                                       double      lon1,
                                       double      lat2,
                                       double      lon2,
                                       guint       n_segments,
                                       double     *lats,
                                       double     *lons);

/* Splits a polyline at the antimeridian (RFC 7946 §3.1.9). Consecutive points whose longitudes
 * differ by more than 180° are taken to cross ±180 by the short way round: the part ends with a
 * point at exactly +180 (or -180) and the next part starts at the opposite -180 (or +180), both
 * with the same latitude, linearly interpolated between the two points.
 *
 * Returns: (transfer full): a GPtrArray (owning its elements) of GArray of CtGeoPoint, one per
 * part, in order; a single part when the line does not cross. Consecutive duplicate points are
 * dropped, and so are parts of a single point left over by a line starting or ending at ±180,
 * unless that is all there is. n == 0 gives an empty array. */
GPtrArray *ct_geo_split_antimeridian  (const double *lats,
                                       const double *lons,
                                       guint         n);

/* Great-circle distance (haversine) in kilometres */
double     ct_geo_distance_km         (double      lat1,
                                       double      lon1,
                                       double      lat2,
                                       double      lon2);

/* Makes consecutive longitudes continuous, in place, by adding or subtracting multiples of 360
 * so that no step exceeds 180°: the result may leave [-180, 180] (for drawing across the
 * antimeridian). lons[0] is unchanged. */
void       ct_geo_unwrap_longitudes   (double     *lons,
                                       guint       n);

/* Web Mercator (EPSG:3857) in world coordinates: x from 0 (-180°) to 1 (+180°), y from 0 (north,
 * CT_GEO_MERCATOR_MAX_LAT) to 1 (south), as map tiles are laid out. Latitudes beyond
 * ±CT_GEO_MERCATOR_MAX_LAT are clamped; longitudes are normalised first. */
void       ct_geo_mercator_project    (double      lat,
                                       double      lon,
                                       double     *x,
                                       double     *y);
/* The inverse; x outside [0, 1] gives longitudes beyond ±180 (not wrapped), y is clamped to
 * [0, 1] */
void       ct_geo_mercator_unproject  (double      x,
                                       double      y,
                                       double     *lat,
                                       double     *lon);

G_END_DECLS
