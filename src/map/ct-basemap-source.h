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
CtBasemapStyle   ct_basemap_source_get_style (CtBasemapSource *self);
/* Tiles drawn so far (for tests) */
guint            ct_basemap_source_get_n_rendered (CtBasemapSource *self);

G_END_DECLS
