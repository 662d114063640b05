/* ct-json-format.h: the native JSON format (docs/format.md), which loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-dataset.h"
#include "ct-import-progress.h"

G_BEGIN_DECLS

#define CT_JSON_FORMAT_ID      "io.github.cityties.CityTies"
#define CT_JSON_FORMAT_VERSION 1

CtDataset *ct_json_format_read  (const char  *data,
                                 gsize        length,
                                 const char  *filename,
                                 GError     **error);
/* The same, reporting to progress (may be NULL) how far it has read */
CtDataset *ct_json_format_read_full (const char        *data,
                                     gsize              length,
                                     const char        *filename,
                                     CtImportProgress  *progress,
                                     GError           **error);
/* The dataset's arrays are written in their order: sort it first for a canonical file */
char      *ct_json_format_write (CtDataset   *dataset,
                                 gsize       *length);

G_END_DECLS
