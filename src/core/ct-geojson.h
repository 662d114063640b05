/* ct-geojson.h: GeoJSON (RFC 7946) export and import
 *
 * The file is a FeatureCollection (docs/format.md): one Point feature per city, one LineString or
 * MultiLineString feature per partnership drawn along great circles and split at the
 * antimeridian, with every field in "properties". Networks, sources, memberships and activities
 * are embedded in the features that use them, and the themes are a top-level foreign member
 * "themes", so that write → read → write gives the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-dataset.h"
#include "ct-import-progress.h"

G_BEGIN_DECLS

/* The value of the top-level "city_ties_version" member; files with a later one are refused */
#define CT_GEOJSON_VERSION 1

/* Writes dataset as a pretty-printed FeatureCollection: the cities, then the partnerships, in
 * dataset order. A city's memberships (with their networks and sources) and a partnership's
 * sources and activities are looked up in dataset; a network or source that is not in it is
 * written as {"id": …} only (a reference to the database). A partnership leg to a city that is
 * not in dataset is left out of the geometry, which is null when no leg is left.
 *
 * Records that no feature carries are not written: memberships of cities and activities of
 * partnerships that are not in dataset, and networks and sources that nothing refers to.
 *
 * Returns: (transfer full): UTF-8 text ending in a newline; its size in length if not NULL */
char      *ct_geojson_write (CtDataset   *dataset,
                             gsize       *length);

/* Reads what ct_geojson_write() writes. Cities and partnerships come from the features, themes
 * from the top-level "themes", and networks, sources, memberships and activities from the objects
 * embedded in the features, each once (copies of a network or source must be equal). Every
 * record is validated (ct_validate_record()) and must have its id, created and updated; its line
 * is recorded with ct_dataset_set_line(). References to records not in the file are left for the
 * store to resolve.
 *
 * Errors are CT_ERROR_INVALID_INPUT (CT_ERROR_TOO_LARGE beyond the limits, CT_ERROR_VERSION for a
 * later city_ties_version) with messages "filename:line: features[3].properties.kind: …". A
 * feature without "feature_type" (from another tool) is refused: a merge needs ids.
 *
 * Returns: (transfer full): the records, or NULL with error set */
CtDataset *ct_geojson_read  (const char  *data,
                             gsize        length,
                             const char  *filename,
                             GError     **error);
/* The same, reporting to progress (may be NULL) how far it has read */
CtDataset *ct_geojson_read_full (const char        *data,
                                 gsize              length,
                                 const char        *filename,
                                 CtImportProgress  *progress,
                                 GError           **error);

G_END_DECLS
