/* ct-bundled.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <string.h>
#include <unistd.h>

#include "ct-bundled.h"
#include "ct-data-resources.h"
#include "ct-error.h"
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

static void
remove_database_files (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_remove (path);
}

/* The size of a regular file, or -1 */
static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) ? st.st_size : -1;
}

/* A new database appears whole or not at all: it is made and filled under a temporary name in
 * its folder, then linked into place. A crash or a kill while it fills leaves no empty database
 * that the next start would take for the user's. Should another process have created the file
 * meanwhile, that one is used. */
static gboolean
create_database (const char  *path,
                 GError     **error)
{
  g_autofree char *part = g_strdup_printf ("%s.new-%lu", path, (gulong) getpid ());
  g_autofree char *part_wal = g_strconcat (part, "-wal", NULL);
  g_autoptr(CtStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean filling = FALSE;

  remove_database_files (part); /* left by a killed process that had this pid */

  if (!(store = ct_store_open (part, &local_error)))
    goto fail;
  filling = TRUE;
  if (!ct_bundled_import (store, NULL, &local_error))
    goto fail;

  /* Closing the only connection moves the WAL into the file and removes it; a WAL left behind
   * means that failed, which with one connection is a full disk */
  g_clear_object (&store);
  if (file_size (part_wal) > 0)
    {
      g_set_error (&local_error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the disk is full, so nothing was saved; free some space and try again"), part);
      goto fail;
    }

  /* EEXIST: another process was quicker. A file system without hard links takes a rename. */
  if (link (part, path) != 0 && errno != EEXIST &&
      !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (part, path) != 0)
    {
      int saved = errno;

      g_set_error (&local_error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      goto fail;
    }

  remove_database_files (part);
  return TRUE;

fail:
  g_clear_object (&store);
  remove_database_files (part);
  {
    /* The temporary name means nothing to the user */
    g_autoptr(GString) message = g_string_new (local_error->message);

    g_string_replace (message, part, path, 0);
    g_set_error_literal (error, local_error->domain, local_error->code, message->str);
  }
  if (filling)
    g_prefix_error (error, _("Could not fill the new database with the bundled data: "));
  return FALSE;
}

CtStore *
ct_bundled_open_database (const char  *path,
                          gboolean     create_folder,
                          GError     **error)
{
  g_autofree char *wal = NULL;
  gboolean is_new;

  g_return_val_if_fail (path != NULL, NULL);

  is_new = !g_file_test (path, G_FILE_TEST_EXISTS);

  /* SQLite would take an empty file for a new database: it is more likely one that lost its
   * content (a failed copy, a sync tool), and filling it would hide that */
  wal = g_strconcat (path, "-wal", NULL);
  if (!is_new && file_size (path) == 0 && file_size (wal) <= 0)
    {
      /* Translators: %s is the database file */
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the file is empty, so it holds none of your data; City Ties has left it as it is. Restore it from a backup copy, or delete it to start a new database"),
                   path);
      return NULL;
    }

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

  if (is_new && !create_database (path, error))
    return NULL;

  return ct_store_open (path, error);
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
