/* test-exchange.c: JSON, CSV and GeoJSON round trips, merging, and bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-exchange.h"

#include <fcntl.h>
#include <unistd.h>

#include "test-util.h"

static CtStore *
open_bundled (CtTestDir  *dir,
              const char *name)
{
  CtStore *store = ct_test_open_store (dir, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_bundled_import (store, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static char *
export (CtStore  *store,
        CtFormat  format)
{
  g_autoptr(GError) error = NULL;
  char *data = ct_exchange_export_data (store, format, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
import_ok (CtStore        *store,
           CtFormat        format,
           const char     *data,
           CtImportReport *report)
{
  g_autoptr(GError) error = NULL;

  ct_exchange_import_data (store, format, data, strlen (data), "test", report, NULL, &error);
  g_assert_no_error (error);
}

static void
test_exchange_bundled (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "b.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GError) error = NULL;
  guint taiwan = 0;

  g_assert_true (ct_bundled_import (store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, >, 200);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  /* Every partnership carries a source */
  partnerships = ct_store_list_partnerships (store, NULL, &error);
  g_assert_cmpuint (partnerships->len, >=, 50);
  for (guint i = 0; i < partnerships->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (partnerships, i);
      g_assert_cmpuint (p->sources->len, >=, 1);
      g_assert_cmpuint (p->parties->len, >=, 2);
    }

  /* All 22 Taiwanese municipalities and counties, with Chinese names */
  filter->regions = 1 << CT_REGION_TAIWAN;
  cities = ct_store_list_cities (store, filter, &error);
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *c = g_ptr_array_index (cities, i);

      taiwan++;
      g_assert_nonnull (c->local_name);
      g_assert_true (g_str_has_suffix (c->local_name, "市") || g_str_has_suffix (c->local_name, "縣"));
    }
  g_assert_cmpuint (taiwan, ==, 22);
  g_clear_pointer (&cities, g_ptr_array_unref);

  /* The founding article's facts: Kaohsiung's ties to Da Nang and Surabaya */
  g_clear_pointer (&filter, ct_filter_free);
  filter = ct_filter_new ();
  filter->text = g_strdup ("Surabaya");
  g_clear_pointer (&partnerships, g_ptr_array_unref);
  partnerships = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (partnerships->len, >=, 1);

  /* Importing it again changes nothing */
  ct_import_report_clear (report);
  g_assert_true (ct_bundled_import (store, report, &error));
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
}

static void
test_exchange_json_round_trip (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) a = open_bundled (dir, "a.db");
  g_autoptr(CtStore) b = ct_test_open_store (dir, "b.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autofree char *first = export (a, CT_FORMAT_JSON);
  g_autofree char *second = NULL;
  g_autofree char *bundled = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "city-ties.json", NULL);

  import_ok (b, CT_FORMAT_JSON, first, report);
  second = export (b, CT_FORMAT_JSON);
  g_assert_cmpstr (first, ==, second);

  /* The bundled file is itself canonical: what we export is what we ship */
  g_assert_true (g_file_get_contents (path, &bundled, NULL, NULL));
  g_assert_cmpstr (first, ==, bundled);
}

static void
test_exchange_merge (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) mine = open_bundled (dir, "mine.db");
  g_autoptr(CtStore) theirs = open_bundled (dir, "theirs.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(CtCity) edited = NULL;
  g_autoptr(CtCity) added = ct_city_new ();
  g_autoptr(CtCity) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *their_export = NULL;
  g_autofree char *my_export = NULL;

  /* A colleague edits a city and adds one */
  cities = ct_store_list_cities (theirs, NULL, &error);
  edited = ct_city_copy (g_ptr_array_index (cities, 0));
  g_free (edited->notes);
  edited->notes = g_strdup ("Checked with the city's international office");
  g_assert_true (ct_store_save_city (theirs, edited, &error));
  added->name = g_strdup ("Iloilo City");
  added->country = g_strdup ("PH");
  added->lat = 10.69694;
  added->lon = 122.56444;
  g_assert_true (ct_store_save_city (theirs, added, &error));

  their_export = export (theirs, CT_FORMAT_JSON);
  import_ok (mine, CT_FORMAT_JSON, their_export, report);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  check = ct_store_get_city (mine, edited->id, &error);
  g_assert_cmpstr (check->notes, ==, "Checked with the city's international office");
  g_clear_object (&check);

  /* I edit the same city later: their older file does not overwrite it, and says so */
  g_usleep (2000);
  g_free (edited->notes);
  edited->notes = g_strdup ("My newer note");
  g_assert_true (ct_store_save_city (mine, edited, &error));

  ct_import_report_clear (report);
  import_ok (mine, CT_FORMAT_JSON, their_export, report);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->conflicts, 0), edited->id));
  check = ct_store_get_city (mine, edited->id, &error);
  g_assert_cmpstr (check->notes, ==, "My newer note");

  /* and mine, the newer, goes back to them as an update */
  my_export = export (mine, CT_FORMAT_JSON);
  ct_import_report_clear (report);
  import_ok (theirs, CT_FORMAT_JSON, my_export, report);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->added, ==, 0);
}

static void
test_exchange_csv_round_trip (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) a = open_bundled (dir, "a.db");
  g_autoptr(CtStore) b = ct_test_open_store (dir, "b.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint left_out = 0;

  first = ct_exchange_export_data (a, CT_FORMAT_CSV, NULL, &left_out, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (first, "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,"
                                          "lat_a,lon_a,lat_b,lon_b,city_a_local,city_b_local\r\n"));
  /* The bundled data has forums with several parties: CSV cannot hold them */
  g_assert_cmpuint (left_out, >, 0);

  import_ok (b, CT_FORMAT_CSV, first, report);
  g_assert_cmpuint (report->added, >, 0);
  second = export (b, CT_FORMAT_CSV);
  g_assert_cmpstr (first, ==, second);

  /* The same CSV again changes nothing */
  ct_import_report_clear (report);
  import_ok (b, CT_FORMAT_CSV, first, report);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);

  /* and into the database it came from, nothing either */
  ct_import_report_clear (report);
  import_ok (a, CT_FORMAT_CSV, first, report);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
}

static void
test_exchange_csv_spreadsheet (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = open_bundled (dir, "s.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  /* What a staffer types: a BOM, CRLF, labels in any case, English country names, a quoted note
   * with a comma, a newline and quotes, a formula-looking note, and one new city */
  const char *csv =
    "\xEF\xBB\xBF" "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,lat_b,lon_b,city_b_local\r\n"
    "Kaohsiung,Taiwan,Iloilo City,Philippines,Sister City,PROPOSED,2026-05,Culture; Trade;culture,https://example.org/a | https://example.org/b,"
    "\"Talks, first round\r\n\"\"warm\"\"\",10.69694,122.56444,Lungsod ng Iloilo\r\n"
    "高雄市,TW,Iloilo City,PH,mou,active,2026-06-01,Smart city,,\"=HYPERLINK(\"\"x\"\")\",,,\r\n";

  import_ok (store, CT_FORMAT_CSV, csv, report);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  filter->text = g_strdup ("Iloilo");
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (list, i);

      if (p->kind == CT_KIND_SISTER_CITY)
        {
          g_assert_cmpint (p->status, ==, CT_STATUS_PROPOSED);
          g_assert_cmpstr (p->signed_on, ==, "2026-05");
          g_assert_cmpuint (p->themes->len, ==, 2);
          g_assert_cmpstr (g_ptr_array_index (p->themes, 0), ==, "culture");
          g_assert_cmpuint (p->sources->len, ==, 2);
          g_assert_cmpstr (p->notes, ==, "Talks, first round\r\n\"warm\"");
        }
      else
        {
          g_assert_cmpint (p->kind, ==, CT_KIND_MOU);
          g_assert_cmpstr (p->notes, ==, "=HYPERLINK(\"x\")");
        }
    }

  /* The export neutralises the formula */
  exported = export (store, CT_FORMAT_CSV);
  g_assert_nonnull (strstr (exported, ",\"'=HYPERLINK(\"\"x\"\")\","));
  g_assert_null (strstr (exported, ",=HYPERLINK"));
}

static void
test_exchange_geojson_round_trip (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) a = open_bundled (dir, "a.db");
  g_autoptr(CtStore) b = ct_test_open_store (dir, "b.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autofree char *first = export (a, CT_FORMAT_GEOJSON);
  g_autofree char *second = NULL;

  g_assert_nonnull (strstr (first, "\"FeatureCollection\""));
  import_ok (b, CT_FORMAT_GEOJSON, first, report);
  second = export (b, CT_FORMAT_GEOJSON);
  g_assert_cmpstr (first, ==, second);

  /* Reading it back into the source database changes nothing */
  ct_import_report_clear (report);
  import_ok (a, CT_FORMAT_GEOJSON, first, report);
  g_assert_cmpuint (report->added, ==, 0);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
}

static void
test_exchange_literal_text (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) a = ct_test_open_store (dir, "a.db");
  g_autoptr(CtStore) b = ct_test_open_store (dir, "b.db");
  g_autoptr(CtCity) c = ct_city_new ();
  g_autoptr(CtCity) d = ct_city_new ();
  g_autoptr(CtPartnership) p = ct_partnership_new ();
  g_autoptr(CtCity) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  const char *nasty = "Robert'); DROP TABLE city;-- <b>bold</b> & \"quotes\" \\ 🌏 "
                      "مدينة \u202Eevil\u202C 高雄市 กรุงเทพมหานคร\ttab\nnewline";

  c->name = g_strdup (nasty);
  c->local_name = g_strdup ("Thành phố Đà Nẵng");
  c->country = g_strdup ("VN");
  c->lat = 16.06778;
  c->lon = 108.22083;
  d->name = g_strdup ("=1+1");
  d->country = g_strdup ("TW");
  d->lat = 22.6;
  d->lon = 120.3;
  g_assert_true (ct_store_save_city (a, c, &error));
  g_assert_true (ct_store_save_city (a, d, &error));
  p->kind = CT_KIND_FRIENDSHIP_CITY;
  p->status = CT_STATUS_NEGOTIATING;
  p->notes = g_strdup (nasty);
  g_ptr_array_add (p->parties, ct_party_new (c->id, nasty));
  g_ptr_array_add (p->parties, ct_party_new (d->id, NULL));
  g_assert_true (ct_store_save_partnership (a, p, &error));

  json = export (a, CT_FORMAT_JSON);
  import_ok (b, CT_FORMAT_JSON, json, NULL);
  back = ct_store_get_city (b, c->id, &error);
  g_assert_cmpstr (back->name, ==, nasty);

  csv = export (a, CT_FORMAT_CSV);
  {
    g_autoptr(CtStore) e = ct_test_open_store (dir, "e.db");
    g_autofree char *again = NULL;
    g_autoptr(GPtrArray) cities = NULL;

    import_ok (e, CT_FORMAT_CSV, csv, NULL);
    again = export (e, CT_FORMAT_CSV);
    g_assert_cmpstr (csv, ==, again);
    cities = ct_store_list_cities (e, NULL, &error);
    g_assert_cmpuint (cities->len, ==, 2);
    g_assert_true (g_strcmp0 (CT_CITY (g_ptr_array_index (cities, 0))->name, nasty) == 0 ||
                   g_strcmp0 (CT_CITY (g_ptr_array_index (cities, 1))->name, nasty) == 0);
    g_assert_true (g_strcmp0 (CT_CITY (g_ptr_array_index (cities, 0))->name, "=1+1") == 0 ||
                   g_strcmp0 (CT_CITY (g_ptr_array_index (cities, 1))->name, "=1+1") == 0);
  }
}

/* Bad input: each case must fail with a message naming the file and, where it has one, the line,
 * and leave the database exactly as it was. */
typedef struct {
  const char *name;
  CtFormat    format;
  const char *data;
  gssize      length;     /* -1: strlen */
  const char *expect[3];  /* substrings of the message */
} BadInput;

#define CSV_HEADER "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes\n"
#define CSV_GOOD   "Kaohsiung,TW,Da Nang,VN,sister_city,active,2021,,https://example.org/x,\n"
#define JSON_HEAD  "{\"format\": \"io.github.cityties.CityTies\", \"version\": 1,\n"
#define CITY(id, extra) "{\"id\": \"" id "\", \"name\": \"X\", \"country\": \"TW\", \"lat\": 1, \"lon\": 2, " \
                        "\"created\": \"2024-01-01T00:00:00.000Z\", \"updated\": \"2024-01-01T00:00:00.000Z\"" extra "}"
#define ID1 "11111111-1111-4111-8111-111111111111"
#define ID2 "22222222-2222-4222-8222-222222222222"
#define ID3 "33333333-3333-4333-8333-333333333333"
#define PARTNERSHIP(kind, signed_on, parties) \
  "{\"id\": \"" ID3 "\", \"kind\": \"" kind "\", \"status\": \"active\", \"signed\": \"" signed_on "\", " \
  "\"parties\": [" parties "], \"created\": \"2024-01-01T00:00:00.000Z\", \"updated\": \"2024-01-01T00:00:00.000Z\"}"
#define PARTY(id) "{\"city\": \"" id "\"}"

static const BadInput bad_inputs[] = {
  /* JSON */
  { "json-empty", CT_FORMAT_JSON, "", -1, { "bad.json", "empty" } },
  { "json-blank", CT_FORMAT_JSON, "  \n\n ", -1, { "bad.json", "empty" } },
  { "json-truncated", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [" CITY (ID1, ""), -1, { "bad.json:2" } },
  { "json-invalid", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [,]}", -1, { "bad.json:2" } },
  { "json-invalid-utf8", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [],\n\"x\": \"\xC3\x28\"}", -1, { "bad.json:3", "UTF-8" } },
  { "json-binary", CT_FORMAT_JSON, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, { "bad.json" } },
  { "json-too-deep", CT_FORMAT_JSON,
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    -1, { "bad.json:1", "nested deeper" } },
  { "json-wrong-root", CT_FORMAT_JSON, "[1, 2, 3]", -1, { "bad.json:1", "object" } },
  { "json-not-ours", CT_FORMAT_JSON, "{\"type\": \"FeatureCollection\"}", -1, { "bad.json:1", "format" } },
  { "json-newer-version", CT_FORMAT_JSON, "{\"format\": \"io.github.cityties.CityTies\", \"version\": 7}", -1, { "bad.json:1", "version 7" } },
  { "json-nan", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [{\"id\": \"" ID1 "\", \"lat\": NaN}]}", -1, { "bad.json:2" } },
  { "json-lat-range", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [\n" CITY (ID1, ", \"lat\": 123") "]}", -1, { "bad.json:3", "cities[0]", "lat" } },
  { "json-lat-string", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [\n\n" CITY (ID1, ", \"lon\": \"east\"") "]}", -1, { "bad.json:4", "lon", "number" } },
  { "json-unknown-country", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [\n" CITY (ID1, ", \"country\": \"ZZ\"") "]}", -1, { "bad.json:3", "country", "ZZ" } },
  { "json-unknown-kind", CT_FORMAT_JSON,
    JSON_HEAD "\"cities\": [" CITY (ID1, "") ", " CITY (ID2, "") "],\n\"partnerships\": [\n"
    PARTNERSHIP ("alliance", "2020", PARTY (ID1) "," PARTY (ID2)) "]}", -1, { "bad.json:4", "kind", "alliance" } },
  { "json-impossible-date", CT_FORMAT_JSON,
    JSON_HEAD "\"cities\": [" CITY (ID1, "") ", " CITY (ID2, "") "],\n\"partnerships\": [\n"
    PARTNERSHIP ("mou", "2023-02-29", PARTY (ID1) "," PARTY (ID2)) "]}", -1, { "bad.json:4", "signed", "2023-02-29" } },
  { "json-one-party", CT_FORMAT_JSON,
    JSON_HEAD "\"cities\": [" CITY (ID1, "") "],\n\"partnerships\": [\n"
    PARTNERSHIP ("mou", "2020", PARTY (ID1)) "]}", -1, { "bad.json:4", "two different cities" } },
  { "json-same-party-twice", CT_FORMAT_JSON,
    JSON_HEAD "\"cities\": [" CITY (ID1, "") "],\n\"partnerships\": [\n"
    PARTNERSHIP ("mou", "2020", PARTY (ID1) "," PARTY (ID1)) "]}", -1, { "bad.json:4", "twice" } },
  { "json-dangling", CT_FORMAT_JSON,
    JSON_HEAD "\"cities\": [" CITY (ID1, "") "],\n\"partnerships\": [\n"
    PARTNERSHIP ("mou", "2020", PARTY (ID1) "," PARTY (ID2)) "]}", -1, { "bad.json:4", ID2, "not in the file" } },
  { "json-bad-id", CT_FORMAT_JSON, JSON_HEAD "\"cities\": [\n" CITY ("kaohsiung", "") "]}", -1, { "bad.json:3", "id", "UUID" } },
  /* CSV */
  { "csv-empty", CT_FORMAT_CSV, "", -1, { "bad.csv", "empty" } },
  { "csv-missing-column", CT_FORMAT_CSV, "city_a,country_a,city_b,country_b,kind,status\n", -1, { "bad.csv:1", "signed" } },
  { "csv-unknown-column", CT_FORMAT_CSV, "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,colour\n", -1, { "bad.csv:1", "colour" } },
  { "csv-too-few-fields", CT_FORMAT_CSV, CSV_HEADER CSV_GOOD "Kaohsiung,TW,Da Nang\n", -1, { "bad.csv:3", "3 fields" } },
  { "csv-unbalanced-quote", CT_FORMAT_CSV, CSV_HEADER CSV_GOOD CSV_GOOD "Kaohsiung,TW,\"Da Nang,VN,mou,active,,,,\n", -1, { "bad.csv:4", "quote" } },
  { "csv-unknown-kind", CT_FORMAT_CSV, CSV_HEADER CSV_GOOD "Kaohsiung,TW,Da Nang,VN,alliance,active,,,,\n", -1, { "bad.csv:3", "kind", "alliance" } },
  { "csv-unknown-status", CT_FORMAT_CSV, CSV_HEADER "Kaohsiung,TW,Da Nang,VN,mou,signed,,,,\n", -1, { "bad.csv:2", "status", "signed" } },
  { "csv-impossible-date", CT_FORMAT_CSV, CSV_HEADER "Kaohsiung,TW,Da Nang,VN,mou,active,2021-02-30,,,\n", -1, { "bad.csv:2", "signed", "2021-02-30" } },
  { "csv-unknown-country", CT_FORMAT_CSV, CSV_HEADER "Kaohsiung,TW,Da Nang,Atlantis,mou,active,,,,\n", -1, { "bad.csv:2", "country_b", "Atlantis" } },
  { "csv-unknown-city", CT_FORMAT_CSV, CSV_HEADER "Kaohsiung,TW,Springfield,US,mou,active,,,,\n", -1, { "bad.csv:2", "city_b", "lat_b" } },
  { "csv-lat-range", CT_FORMAT_CSV, "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,lat_b,lon_b\n"
    "Kaohsiung,TW,Springfield,US,mou,active,,,,,95,-89\n", -1, { "bad.csv:2", "lat_b", "out of range" } },
  { "csv-lat-nan", CT_FORMAT_CSV, "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,lat_b,lon_b\n"
    "Kaohsiung,TW,Springfield,US,mou,active,,,,,nan,-89\n", -1, { "bad.csv:2", "lat_b" } },
  { "csv-same-city", CT_FORMAT_CSV, CSV_HEADER "Kaohsiung,TW,高雄市,TW,mou,active,,,,\n", -1, { "bad.csv:2", "two different cities" } },
  { "csv-invalid-utf8", CT_FORMAT_CSV, CSV_HEADER CSV_GOOD "Kaohsiung,TW,Da N\xFFng,VN,mou,active,,,,\n", -1, { "bad.csv:3", "UTF-8" } },
  { "csv-binary", CT_FORMAT_CSV, "\x7f" "ELF\x02\x01\x01\0\0\0\0\0", 12, { "bad.csv" } },
  /* GeoJSON */
  { "geojson-wrong-root", CT_FORMAT_GEOJSON, "\"just a string\"", -1, { "bad.geojson" } },
  { "geojson-not-collection", CT_FORMAT_GEOJSON, "{\"type\": \"Point\", \"coordinates\": [1, 2]}", -1, { "bad.geojson:1" } },
  { "geojson-foreign", CT_FORMAT_GEOJSON, "{\"type\": \"FeatureCollection\", \"features\": [\n"
    "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, \"properties\": {}}]}", -1,
    { "bad.geojson:2", "feature_type" } },
};

static void
test_exchange_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = open_bundled (dir, "bad.db");
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = export (store, CT_FORMAT_JSON);
  g_autofree char *after = NULL;
  const char *filename = bad->format == CT_FORMAT_JSON ? "bad.json" :
                         bad->format == CT_FORMAT_CSV ? "bad.csv" : "bad.geojson";
  gsize length = bad->length < 0 ? strlen (bad->data) : (gsize) bad->length;
  gboolean ok;

  ok = ct_exchange_import_data (store, bad->format, bad->data, length, filename, report, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CT_ERROR);
  g_test_message ("%s → %s", bad->name, error->message);

  for (guint i = 0; i < G_N_ELEMENTS (bad->expect) && bad->expect[i]; i++)
    if (strstr (error->message, bad->expect[i]) == NULL)
      g_error ("%s: “%s” not in the message “%s”", bad->name, bad->expect[i], error->message);

  /* Nothing changed, nothing reported */
  after = export (store, CT_FORMAT_JSON);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (report->added + report->updated, ==, 0);
}

static void
test_exchange_all_or_nothing (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "n.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  /* Rows 2 and 3 are fine and would add cities; row 4 is wrong */
  const char *csv =
    "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,lat_a,lon_a,lat_b,lon_b\n"
    "Taipei,TW,Warsaw,PL,sister_city,active,1995,,,,25.05,121.53,52.23,21.01\n"
    "Taipei,TW,Vilnius,LT,sister_city,active,1998,,,,25.05,121.53,54.69,25.28\n"
    "Taipei,TW,Riga,LV,sister_city,active,19xx,,,,25.05,121.53,56.95,24.1\n";

  g_assert_false (ct_exchange_import_data (store, CT_FORMAT_CSV, csv, strlen (csv), "rows.csv", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "rows.csv:4: signed"));
  cities = ct_store_list_cities (store, NULL, NULL);
  g_assert_cmpuint (cities->len, ==, 0);
}

static void
test_exchange_limits (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "l.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (JSON_HEAD "\"cities\": [" CITY (ID1, ", \"notes\": \""));
  g_autoptr(GString) csv = g_string_new (CSV_HEADER "Kaohsiung,TW,Da Nang,VN,mou,active,,,,");

  for (guint i = 0; i < 70000; i++)
    {
      g_string_append_c (json, 'x');
      g_string_append_c (csv, 'y');
    }
  g_string_append (json, "\"") ;
  g_string_insert (json, json->len, "}]}");
  /* the member after "notes" repeats: json-glib keeps the last, ours */
  g_assert_false (ct_exchange_import_data (store, CT_FORMAT_JSON, json->str, json->len, "big.json", NULL, NULL, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.json:2"));
  g_clear_error (&error);

  g_string_append_c (csv, '\n');
  g_assert_false (ct_exchange_import_data (store, CT_FORMAT_CSV, csv->str, csv->len, "big.csv", NULL, NULL, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "big.csv:2"));
}

static void
test_exchange_oversized_file (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "o.db");
  g_autofree char *path = g_build_filename (dir->path, "huge.json", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  /* A sparse file just over the limit: refused from its size, before anything is read */
  fd = g_open (path, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) CT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  g_assert_false (ct_exchange_import_file (store, path, NULL, NULL, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.json"));
  g_assert_nonnull (strstr (error->message, "512 MiB"));
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_changed_cb (CtStore *store,
               guint    what,
               guint   *seen)
{
  *seen |= what;
}

static void
test_exchange_async (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) source = open_bundled (dir, "src.db");
  g_autoptr(CtStore) store = ct_test_open_store (dir, "async.db");
  g_autofree char *path = g_build_filename (dir->path, "export.json", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GError) error = NULL;
  guint seen = 0;

  g_assert_true (ct_exchange_export_file (source, path, NULL, &error));
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &seen);

  /* Cancelled before it starts: nothing changes */
  g_cancellable_cancel (cancellable);
  ct_exchange_import_file_async (store, path, cancellable, on_import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (ct_exchange_import_file_finish (store, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  cities = ct_store_list_cities (store, NULL, &error);
  g_assert_cmpuint (cities->len, ==, 0);
  g_clear_pointer (&cities, g_ptr_array_unref);
  g_assert_cmpuint (seen, ==, 0);

  ct_exchange_import_file_async (store, path, NULL, on_import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = ct_exchange_import_file_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, >, 100);
  g_assert_cmpuint (seen, !=, 0);

  /* The window's own connection sees the committed import */
  cities = ct_store_list_cities (store, NULL, &error);
  g_assert_cmpuint (cities->len, >, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exchange/bundled", test_exchange_bundled);
  g_test_add_func ("/exchange/json-round-trip", test_exchange_json_round_trip);
  g_test_add_func ("/exchange/merge", test_exchange_merge);
  g_test_add_func ("/exchange/csv-round-trip", test_exchange_csv_round_trip);
  g_test_add_func ("/exchange/csv-spreadsheet", test_exchange_csv_spreadsheet);
  g_test_add_func ("/exchange/geojson-round-trip", test_exchange_geojson_round_trip);
  g_test_add_func ("/exchange/literal-text", test_exchange_literal_text);
  g_test_add_func ("/exchange/all-or-nothing", test_exchange_all_or_nothing);
  g_test_add_func ("/exchange/limits", test_exchange_limits);
  g_test_add_func ("/exchange/oversized-file", test_exchange_oversized_file);
  g_test_add_func ("/exchange/async", test_exchange_async);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/exchange/bad-input/%s", bad_inputs[i].name);
      g_test_add_data_func (path, &bad_inputs[i], test_exchange_bad_input);
    }

  return g_test_run ();
}
