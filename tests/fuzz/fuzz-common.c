/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ct-error.h"
#include "ct-exchange.h"
#include "fuzz-common.h"
#include "fuzz-fixture.h"

/* Messages quote at most a few short excerpts of the input; anything longer is a value pasted
 * into a message whole */
#define MAX_MESSAGE_BYTES 1024

static CtStore *store;

/* GLib's own fatal warnings end in a breakpoint trap, which libFuzzer does not catch (the input
 * would be lost): abort instead */
static GLogWriterOutput
write_log (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  GLogWriterOutput result = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return result;
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  g_log_set_writer_func (write_log, NULL, NULL);
}

void
fuzz_check_error (const GError *error)
{
  if (error == NULL)
    {
      fprintf (stderr, "fuzz: the input was refused without an error\n");
      abort ();
    }

  if (error->domain != CT_ERROR)
    {
      fprintf (stderr, "fuzz: error outside the CT_ERROR domain (%s %d): %s\n",
               g_quark_to_string (error->domain), error->code, error->message);
      abort ();
    }

  if (!g_utf8_validate (error->message, -1, NULL))
    {
      fprintf (stderr, "fuzz: error message is not valid UTF-8: %s\n", error->message);
      abort ();
    }

  if (strlen (error->message) > MAX_MESSAGE_BYTES)
    {
      fprintf (stderr, "fuzz: error message of %zu bytes: %.200s…\n", strlen (error->message), error->message);
      abort ();
    }
}

void
fuzz_check_report (const CtImportReport *report)
{
  GPtrArray *lists[] = { report->conflicts, report->notes };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      if (!g_utf8_validate (g_ptr_array_index (lists[l], i), -1, NULL))
        {
          fprintf (stderr, "fuzz: import report line is not valid UTF-8: %s\n",
                   (const char *) g_ptr_array_index (lists[l], i));
          abort ();
        }
}

void
fuzz_check_same (const char *what,
                 const char *a,
                 gsize       a_length,
                 const char *b,
                 gsize       b_length)
{
  if (a_length == b_length && memcmp (a, b, a_length) == 0)
    return;

  fprintf (stderr, "fuzz: %s differ\n--- first (%zu bytes)\n%.*s\n--- second (%zu bytes)\n%.*s\n",
           what, (size_t) a_length, (int) MIN (a_length, 4096), a, (size_t) b_length, (int) MIN (b_length, 4096), b);
  abort ();
}

CtStore *
fuzz_get_store (void)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;
      static const char fixture[] = FUZZ_FIXTURE_JSON;

      store = ct_store_open (":memory:", &error);
      if (store == NULL ||
          !ct_exchange_import_data (store, CT_FORMAT_JSON, fixture, sizeof fixture - 1, "fixture.json",
                                    NULL, NULL, &error))
        {
          fprintf (stderr, "fuzz: cannot set up the database: %s\n", error->message);
          abort ();
        }
    }

  return store;
}

void
fuzz_store_changed (void)
{
  g_clear_object (&store);
}

int
fuzz_lossless_format (const uint8_t *data,
                      size_t         size,
                      FuzzReadFunc   read,
                      FuzzWriteFunc  write,
                      const char    *extension)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(CtDataset) again = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autofree char *input_name = g_strconcat ("fuzz.", extension, NULL);
  g_autofree char *export_name = g_strconcat ("export.", extension, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  fuzz_init ();

  ds = read ((const char *) data, size, input_name, &error);
  if (ds == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  /* What an export of these records writes reads back as the same records */
  ct_dataset_sort (ds);
  first = write (ds, &first_length);
  again = read (first, first_length, export_name, &error);
  if (again == NULL)
    {
      g_printerr ("fuzz: the export of an accepted file is refused: %s\n", error->message);
      abort ();
    }
  ct_dataset_sort (again);
  second = write (again, &second_length);
  fuzz_check_same ("export → import → export", first, first_length, second, second_length);

  /* The merge: all or nothing */
  report = ct_import_report_new ();
  if (!ct_store_import_dataset (fuzz_get_store (), ds, report, NULL, &error))
    fuzz_check_error (error);
  else
    {
      fuzz_check_report (report);
      if (report->added > 0 || report->updated > 0)
        fuzz_store_changed ();
    }

  return 0;
}
