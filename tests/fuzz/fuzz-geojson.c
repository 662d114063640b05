/* fuzz-geojson.c: the GeoJSON importer, as a file opened by a user goes through it
 *
 * The bytes are read by ct_geojson_read() (the reader behind ct_exchange_import_data() and
 * --import=FILE.geojson). Refused input must come with a proper error (fuzz_check_error()). Accepted
 * input must survive what the app does next:
 *   - export → import → export gives the same bytes (docs/format.md promises it);
 *   - merging it into a database (fuzz_get_store()) succeeds or fails cleanly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "ct-exchange.h"
#include "ct-geojson.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_lossless_format (data, size, ct_geojson_read, ct_geojson_write, "geojson");
}
