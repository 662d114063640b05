/* ct-bundled.h: the dataset that ships with City Ties (data/city-ties.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_BUNDLED_DATASET_RESOURCE "/io/github/cityties/CityTies/data/city-ties.json"
#define CT_BUNDLED_NAMES_ZH_TW_RESOURCE "/io/github/cityties/CityTies/data/city-names-zh_TW.tsv"

/* Merges the bundled dataset into store (a new database starts with it) */
gboolean ct_bundled_import (CtStore         *store,
                            CtImportReport  *report,
                            GError         **error);

/* Opens the database at path; a file that does not exist yet is created (with its folder when
 * create_folder is set) and filled with the bundled dataset */
CtStore *ct_bundled_open_database (const char  *path,
                                   gboolean     create_folder,
                                   GError     **error);

/* The Traditional Chinese name (as Taiwan's government and press write it) of a bundled city
 * outside Taiwan, by its id (data/city-names-zh_TW.tsv), or NULL */
const char *ct_bundled_get_city_name_zh_tw (const char *city_id);

G_END_DECLS
