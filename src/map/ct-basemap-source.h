/* ct-basemap-source.h: a ShumateMapSource that draws the built-in basemap on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ct-basemap.h"

G_BEGIN_DECLS

#define CT_TYPE_BASEMAP_SOURCE (ct_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (CtBasemapSource, ct_basemap_source, CT, BASEMAP_SOURCE, ShumateMapSource)

CtBasemapSource *ct_basemap_source_new       (CtBasemapStyle  style,
                                              CtBasemapFlags  flags);
/* Country names text_scale times their normal size (the desktop's text size), rounded to a
 * quarter from 0.5 to 3 */
CtBasemapSource *ct_basemap_source_new_full  (CtBasemapStyle  style,
                                              CtBasemapFlags  flags,
                                              double          text_scale);
CtBasemapStyle   ct_basemap_source_get_style (CtBasemapSource *self);
double           ct_basemap_source_get_text_scale (CtBasemapSource *self);
/* Tiles drawn so far (for tests) */
guint            ct_basemap_source_get_n_rendered (CtBasemapSource *self);

G_END_DECLS
