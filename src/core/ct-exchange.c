/* ct-exchange.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ct-csv-format.h"
#include "ct-error.h"
#include "ct-exchange.h"
#include "ct-geojson.h"
#include "ct-json-format.h"

gboolean
ct_format_for_path (const char  *path,
                    CtFormat    *format,
                    GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".geojson"))
    *format = CT_FORMAT_GEOJSON;
  else if (g_str_has_suffix (lower, ".json"))
    *format = CT_FORMAT_JSON;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = CT_FORMAT_CSV;
  else
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("%s: unknown file type; use .json, .csv or .geojson"), path);
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  CtFormat    format;
  const char *data;
  gsize       length;
  const char *filename;
} ParseData;

static CtDataset *
build_dataset (CtStore   *store,
               gpointer   user_data,
               GError   **error)
{
  ParseData *pd = user_data;

  switch (pd->format)
    {
    case CT_FORMAT_JSON:
      return ct_json_format_read (pd->data, pd->length, pd->filename, error);
    case CT_FORMAT_GEOJSON:
      return ct_geojson_read (pd->data, pd->length, pd->filename, error);
    case CT_FORMAT_CSV:
      return ct_csv_format_read (store, pd->data, pd->length, pd->filename, error);
    default:
      g_assert_not_reached ();
    }
}

gboolean
ct_exchange_import_data (CtStore         *store,
                         CtFormat         format,
                         const char      *data,
                         gsize            length,
                         const char      *filename,
                         CtImportReport  *report,
                         GCancellable    *cancellable,
                         GError         **error)
{
  ParseData pd = { format, data, length, filename };

  g_return_val_if_fail (CT_IS_STORE (store), FALSE);

  /* JSON and GeoJSON do not need the database to parse: parse before taking the write lock, so
   * a slow parse never holds up another writer. CSV rows resolve against the database inside. */
  if (format != CT_FORMAT_CSV)
    {
      g_autoptr(CtDataset) ds = build_dataset (store, &pd, error);

      if (ds == NULL)
        return FALSE;
      return ct_store_import_dataset (store, ds, report, cancellable, error);
    }

  return ct_store_import (store, build_dataset, &pd, report, cancellable, error);
}

gboolean
ct_exchange_import_file (CtStore         *store,
                         const char      *path,
                         CtImportReport  *report,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  CtFormat format;

  g_return_val_if_fail (CT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ct_format_for_path (path, &format, error))
    return FALSE;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, CT_ERROR, CT_ERROR_NOT_FOUND, "%s: %s", path, g_strerror (saved));
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: not a regular file"), path);
      return FALSE;
    }

  if ((guint64) st.st_size > CT_MAX_FILE_SIZE)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), path, (guint) (CT_MAX_FILE_SIZE >> 20));
      return FALSE;
    }

  if (!(file = g_mapped_file_new (path, FALSE, &local_error)))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }

  return ct_exchange_import_data (store, format,
                                  g_mapped_file_get_contents (file) ? g_mapped_file_get_contents (file) : "",
                                  g_mapped_file_get_length (file),
                                  path, report, cancellable, error);
}

char *
ct_exchange_export_data (CtStore   *store,
                         CtFormat   format,
                         gsize     *length,
                         guint     *n_left_out,
                         GError   **error)
{
  g_autoptr(CtDataset) ds = NULL;

  g_return_val_if_fail (CT_IS_STORE (store), NULL);

  if (n_left_out)
    *n_left_out = 0;

  if (!(ds = ct_store_export_dataset (store, error)))
    return NULL;

  switch (format)
    {
    case CT_FORMAT_JSON:
      return ct_json_format_write (ds, length);
    case CT_FORMAT_GEOJSON:
      return ct_geojson_write (ds, length);
    case CT_FORMAT_CSV:
      return ct_csv_format_write (ds, n_left_out, length);
    default:
      g_assert_not_reached ();
    }
}

gboolean
ct_exchange_export_file (CtStore     *store,
                         const char  *path,
                         guint       *n_left_out,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  CtFormat format;
  gsize length = 0;

  g_return_val_if_fail (CT_IS_STORE (store), FALSE);

  if (!ct_format_for_path (path, &format, error))
    return FALSE;

  if (!(data = ct_exchange_export_data (store, format, &length, n_left_out, error)))
    return FALSE;

  /* Written beside the target and renamed over it: never a half-written file */
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CtStore *store = source_object;
  const char *path = task_data;
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(CtStore) worker = NULL;
  GError *error = NULL;

  /* A connection of its own: SQLite connections are not shared across threads here, and the
   * window's connection keeps reading the last committed state meanwhile */
  if (!(worker = ct_store_open (ct_store_get_path (store), &error)) ||
      !ct_exchange_import_file (worker, path, report, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) ct_import_report_free);
}

void
ct_exchange_import_file_async (CtStore             *store,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CT_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_exchange_import_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, import_thread);
}

CtImportReport *
ct_exchange_import_file_finish (CtStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  CtImportReport *report;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL && (report->added > 0 || report->updated > 0))
    ct_store_emit_changed (store, CT_CHANGE_ALL);

  return report;
}
