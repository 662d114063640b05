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
  CtFormat          format;
  const char       *data;
  gsize             length;
  const char       *filename;
  CtImportProgress *progress;
  GCancellable     *cancellable;
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
      return ct_json_format_read_full (pd->data, pd->length, pd->filename, pd->progress, error);
    case CT_FORMAT_GEOJSON:
      return ct_geojson_read_full (pd->data, pd->length, pd->filename, pd->progress, error);
    case CT_FORMAT_CSV:
      return ct_csv_format_read_full (store, pd->data, pd->length, pd->filename, pd->progress,
                                      pd->cancellable, error);
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
  return ct_exchange_import_data_full (store, format, data, length, filename, NULL, report, cancellable, error);
}

static CtDataset *
return_dataset (CtStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return ct_dataset_ref (user_data);
}

gboolean
ct_exchange_import_data_full (CtStore           *store,
                              CtFormat           format,
                              const char        *data,
                              gsize              length,
                              const char        *filename,
                              CtImportProgress  *progress,
                              CtImportReport    *report,
                              GCancellable      *cancellable,
                              GError           **error)
{
  ParseData pd = { format, data, length, filename, progress, cancellable };

  g_return_val_if_fail (CT_IS_STORE (store), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* JSON and GeoJSON do not need the database to parse: parse before taking the write lock, so
   * a slow parse never holds up another writer. CSV rows resolve against the database inside. */
  if (format != CT_FORMAT_CSV)
    {
      g_autoptr(CtDataset) ds = build_dataset (store, &pd, error);

      if (ds == NULL)
        return FALSE;
      /* A JSON parse cannot stop halfway: a cancellation during it is seen here */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      return ct_store_import_full (store, return_dataset, ds, progress, report, cancellable, error);
    }

  return ct_store_import_full (store, build_dataset, &pd, progress, report, cancellable, error);
}

gboolean
ct_exchange_import_file (CtStore         *store,
                         const char      *path,
                         CtImportReport  *report,
                         GCancellable    *cancellable,
                         GError         **error)
{
  return ct_exchange_import_file_full (store, path, NULL, report, cancellable, error);
}

gboolean
ct_exchange_import_file_full (CtStore           *store,
                              const char        *path,
                              CtImportProgress  *progress,
                              CtImportReport    *report,
                              GCancellable      *cancellable,
                              GError           **error)
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

  return ct_exchange_import_data_full (store, format,
                                       g_mapped_file_get_contents (file) ? g_mapped_file_get_contents (file) : "",
                                       g_mapped_file_get_length (file),
                                       path, progress, report, cancellable, error);
}

static char *
write_dataset (CtDataset *ds,
               CtFormat   format,
               gsize     *length,
               guint     *n_left_out)
{
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

  return write_dataset (ds, format, length, n_left_out);
}

/* What a file of the format holds of ds: CSV has the bilateral partnerships and their cities */
static void
count_written (CtDataset       *ds,
               CtFormat         format,
               guint            n_left_out,
               CtExportSummary *summary)
{
  summary->n_left_out = n_left_out;

  if (format != CT_FORMAT_CSV)
    {
      summary->n_cities = ds->cities->len;
      summary->n_partnerships = ds->partnerships->len;
      return;
    }

  {
    g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);

    summary->n_partnerships = 0;
    for (guint i = 0; i < ds->partnerships->len; i++)
      {
        CtPartnership *p = g_ptr_array_index (ds->partnerships, i);

        if (p->parties->len != 2)
          continue;
        summary->n_partnerships++;
        for (guint j = 0; j < 2; j++)
          g_hash_table_add (cities, ((CtParty *) g_ptr_array_index (p->parties, j))->city);
      }
    summary->n_cities = g_hash_table_size (cities);
  }
}

gboolean
ct_exchange_export_file_full (CtStore          *store,
                              const char       *path,
                              CtExportSummary  *summary,
                              GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CtDataset) ds = NULL;
  g_autofree char *data = NULL;
  CtFormat format;
  gsize length = 0;
  guint n_left_out = 0;

  g_return_val_if_fail (CT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ct_format_for_path (path, &format, error) ||
      !(ds = ct_store_export_dataset (store, error)))
    return FALSE;

  data = write_dataset (ds, format, &length, &n_left_out);

  /* Written beside the target and renamed over it: never a half-written file */
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }

  if (summary)
    count_written (ds, format, n_left_out, summary);
  return TRUE;
}

gboolean
ct_exchange_export_file (CtStore     *store,
                         const char  *path,
                         guint       *n_left_out,
                         GError     **error)
{
  CtExportSummary summary = { 0 };

  if (n_left_out)
    *n_left_out = 0;
  if (!ct_exchange_export_file_full (store, path, &summary, error))
    return FALSE;
  if (n_left_out)
    *n_left_out = summary.n_left_out;
  return TRUE;
}

typedef struct {
  char             *path;
  CtImportProgress *progress;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->path);
  g_clear_object (&data->progress);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CtStore *store = source_object;
  ImportData *data = task_data;
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(CtStore) worker = NULL;
  GError *error = NULL;

  /* A connection of its own: SQLite connections are not shared across threads here, and the
   * window's connection keeps reading the last committed state meanwhile */
  if (!(worker = ct_store_open (ct_store_get_path (store), &error)) ||
      !ct_exchange_import_file_full (worker, data->path, data->progress, report, cancellable, &error))
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
  ct_exchange_import_file_full_async (store, path, NULL, cancellable, callback, user_data);
}

void
ct_exchange_import_file_full_async (CtStore             *store,
                                    const char          *path,
                                    CtImportProgress    *progress,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (CT_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (progress == NULL || CT_IS_IMPORT_PROGRESS (progress));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_exchange_import_file_async);
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->progress = progress ? g_object_ref (progress) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
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

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CtStore *store = source_object;
  const char *path = task_data;
  g_autofree CtExportSummary *summary = g_new0 (CtExportSummary, 1);
  g_autoptr(CtStore) worker = NULL;
  GError *error = NULL;

  /* The worker's own connection reads a consistent snapshot while the window goes on */
  if (!(worker = ct_store_open (ct_store_get_path (store), &error)) ||
      !ct_exchange_export_file_full (worker, path, summary, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

void
ct_exchange_export_file_async (CtStore             *store,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CT_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_exchange_export_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
ct_exchange_export_file_finish (CtStore          *store,
                                GAsyncResult     *result,
                                CtExportSummary  *summary,
                                GError          **error)
{
  g_autofree CtExportSummary *written = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ct_exchange_export_file_async, FALSE);

  if (!(written = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (summary)
    *summary = *written;
  return TRUE;
}
