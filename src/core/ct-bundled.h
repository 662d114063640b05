/* ct-bundled.h: the dataset that ships with City Ties (data/city-ties.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_BUNDLED_DATASET_RESOURCE "/io/github/cityties/CityTies/data/city-ties.json"

/* Merges the bundled dataset into store (a new database starts with it) */
gboolean ct_bundled_import (CtStore         *store,
                            CtImportReport  *report,
                            GError         **error);

/* Opens the database at path; a file that does not exist yet is created (with its folder when
 * create_folder is set) and filled with the bundled dataset */
CtStore *ct_bundled_open_database (const char  *path,
                                   gboolean     create_folder,
                                   GError     **error);

G_END_DECLS
