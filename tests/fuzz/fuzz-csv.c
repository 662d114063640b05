/* fuzz-csv.c: the CSV importer, as a spreadsheet opened by a user goes through it
 *
 * The bytes go through ct_exchange_import_data() (as --import=FILE.csv does): the RFC 4180 reader
 * (ct-csv), the rows resolved against the database's cities, themes, sources and partnerships
 * (ct_csv_format_read(), inside the import's transaction) and the merge. The database holds the
 * fixture (fuzz-fixture.h), so rows can name existing cities by English or local name and match
 * existing partnerships. Refused input must come with a proper error (fuzz_check_error()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "ct-exchange.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtImportReport) report = ct_import_report_new ();

  fuzz_init ();

  if (!ct_exchange_import_data (fuzz_get_store (), CT_FORMAT_CSV, (const char *) data, size, "fuzz.csv",
                                report, NULL, &error))
    {
      fuzz_check_error (error);
      return 0;
    }

  fuzz_check_report (report);
  if (report->added == 0 && report->updated == 0)
    return 0;

  /* "Importing the same CSV twice changes nothing" (docs/format.md) */
  ct_import_report_clear (report);
  if (!ct_exchange_import_data (fuzz_get_store (), CT_FORMAT_CSV, (const char *) data, size, "fuzz.csv",
                                report, NULL, &error))
    {
      g_printerr ("fuzz: an accepted CSV file is refused the second time: %s\n", error->message);
      abort ();
    }
  if (report->added > 0 || report->updated > 0)
    {
      g_autofree char *summary = ct_import_report_to_string (report);

      g_printerr ("fuzz: importing the same CSV file again changed the database: %s\n", summary);
      abort ();
    }

  fuzz_store_changed ();
  return 0;
}
