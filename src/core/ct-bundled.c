/* ct-bundled.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <string.h>

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

CtStore *
ct_bundled_open_database (const char  *path,
                          gboolean     create_folder,
                          GError     **error)
{
  g_autoptr(CtStore) store = NULL;
  gboolean is_new;

  g_return_val_if_fail (path != NULL, NULL);

  is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  if (is_new && create_folder)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not create the folder %s: %s"), dir, g_strerror (saved));
          return NULL;
        }
    }

  if (!(store = ct_store_open (path, error)))
    return NULL;

  if (is_new && ct_store_is_empty (store) && !ct_bundled_import (store, NULL, error))
    {
      g_prefix_error (error, _("Could not fill the new database with the bundled data: "));
      return NULL;
    }

  return g_steal_pointer (&store);
}

static GHashTable *
load_names_zh_tw (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gsize size = 0;

  bytes = g_resource_lookup_data (ct_data_get_resource (), CT_BUNDLED_NAMES_ZH_TW_RESOURCE, 0, NULL);
  if (bytes == NULL)
    return g_steal_pointer (&names);

  text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);
  /* the first line is the header: city_id<TAB>zh_TW */
  for (guint i = 1; lines[i]; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab == NULL || tab[1] == '\0')
        continue;
      g_hash_table_insert (names, g_strndup (lines[i], tab - lines[i]), g_strdup (g_strchomp (tab + 1)));
    }
  return g_steal_pointer (&names);
}

const char *
ct_bundled_get_city_name_zh_tw (const char *city_id)
{
  static gsize initialized;
  static GHashTable *names;

  if (g_once_init_enter (&initialized))
    {
      names = load_names_zh_tw ();
      g_once_init_leave (&initialized, 1);
    }

  return city_id ? g_hash_table_lookup (names, city_id) : NULL;
}
