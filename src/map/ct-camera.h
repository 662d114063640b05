/* ct-camera.h: flights and framing for a ShumateMap
 *
 * Flies the map's viewport with a tick callback: about a second, eased in and out, the shorter
 * way in longitude (across the antimeridian when that is shorter), zooming out on the way in
 * proportion to the distance. Jumps when animations are off (gtk-enable-animations) or the map
 * is not on screen. A flight stops when another starts or when anything else moves the viewport
 * (the user dragging or zooming).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_CAMERA (ct_camera_get_type ())

G_DECLARE_FINAL_TYPE (CtCamera, ct_camera, CT, CAMERA, GObject)

/* The camera does not keep the map alive */
CtCamera   *ct_camera_new          (ShumateMap *map);
ShumateMap *ct_camera_get_map      (CtCamera   *self);

void        ct_camera_fly_to       (CtCamera   *self,
                                    double      latitude,
                                    double      longitude,
                                    double      zoom_level);
/* Frames a box (degrees); west > east means the box crosses the antimeridian. The zoom is the
 * largest that fits the box, padding_px inside the map's edges, capped at a city's scale. */
void        ct_camera_fit_bounds   (CtCamera   *self,
                                    double      south,
                                    double      west,
                                    double      north,
                                    double      east,
                                    double      padding_px);
/* Taiwan, ASEAN, the EU; CT_REGION_OTHER shows the world */
void        ct_camera_show_region  (CtCamera   *self,
                                    CtRegion    region);
/* Frames the CtCity elements, over the narrowest span of longitudes (possibly across 180°) */
void        ct_camera_show_all     (CtCamera   *self,
                                    GPtrArray  *cities);
void        ct_camera_stop         (CtCamera   *self);
gboolean    ct_camera_is_flying    (CtCamera   *self);

/* The bounds show_region() uses: south, west, north, east in degrees */
void        ct_camera_get_region_bounds (CtRegion  region,
                                         double   *south,
                                         double   *west,
                                         double   *north,
                                         double   *east);
/* The narrowest bounds holding the points (west > east when across the antimeridian);
 * FALSE when n is 0 */
gboolean    ct_camera_compute_bounds    (const double *lats,
                                         const double *lons,
                                         guint         n,
                                         double       *south,
                                         double       *west,
                                         double       *north,
                                         double       *east);

G_END_DECLS
