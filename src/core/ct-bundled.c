/* ct-bundled.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ct-bundled.h"
#include "ct-data-resources.h"
#include "ct-exchange.h"

gboolean
ct_bundled_import (CtStore         *store,
                   CtImportReport  *report,
                   GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const char *data;

  if (!(bytes = g_resource_lookup_data (ct_data_get_resource (), CT_BUNDLED_DATASET_RESOURCE, 0, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return ct_exchange_import_data (store, CT_FORMAT_JSON, data, length, "city-ties.json",
                                  report, NULL, error);
}
