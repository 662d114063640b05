/* fuzz-json.c: the native JSON importer, as a file opened by a user goes through it
 *
 * The bytes are read by ct_json_format_read() (the reader behind ct_exchange_import_data() and
 * --import=FILE.json). Refused input must come with a proper error (fuzz_check_error()). Accepted
 * input must survive what the app does next:
 *   - export → import → export gives the same bytes (docs/format.md promises it);
 *   - merging it into a database (fuzz_get_store()) succeeds or fails cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "ct-exchange.h"
#include "ct-json-format.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(CtDataset) again = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  fuzz_init ();

  ds = ct_json_format_read ((const char *) data, size, "fuzz.json", &error);
  if (ds == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  /* What an export of these records writes reads back as the same records */
  ct_dataset_sort (ds);
  first = ct_json_format_write (ds, &first_length);
  again = ct_json_format_read (first, first_length, "export.json", &error);
  if (again == NULL)
    {
      g_printerr ("fuzz: the export of an accepted file is refused: %s\n", error->message);
      abort ();
    }
  ct_dataset_sort (again);
  second = ct_json_format_write (again, &second_length);
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
