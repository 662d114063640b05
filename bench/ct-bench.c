/* ct-bench.c: City Ties benchmarks, each measured against a reference in the same run
 *
 *   ct-bench import   100,000 partnerships among 10,000 cities, as native JSON and as CSV, into
 *                     new databases; the reference is sqlite3's own .import of the same CSV rows
 *   ct-bench basemap  built-in basemap tiles, against PNG-encoding the same tiles
 *   ct-bench map      frame work with 10,000 cities and 20,000 ties: bare basemap, + ties layer,
 *                     and the cities as ShumateMarker widgets (needs a display; tools/dev bench
 *                     provides Xvfb)
 *   ct-bench gazetteer  type-ahead search in the bundled world gazetteer, a few thousand prefixes,
 *                     against a linear strstr() scan of the same keys
 *
 * Prints "metric NAME VALUE" lines. Not a test: nothing here passes or fails.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "ct-csv-format.h"
#include "ct-exchange.h"
#include "ct-json-format.h"
#include "ct-store-schema.h"
#include "ct-basemap.h"
#include "ct-basemap-source.h"
#include "ct-geometry.h"

#include <sqlite3.h>

#define N_CITIES        10000
#define N_PARTNERSHIPS 100000
#define N_RUNS              3

/* CT_BENCH_RUNS=1 for a quick look; CT_BENCH_KEEP=1 keeps the generated files for profiling */

static const char *countries[] = {
  "TW", "TW", "TW", "VN", "PH", "ID", "MY", "TH", "SG", "KH", "LA", "MM", "BN",
  "PL", "NL", "IT", "FR", "DE", "ES", "PT", "CZ", "SK", "LT", "LV", "JP", "US",
};

static const char *themes[] = {
  "smart_city", "ict", "climate", "public_health", "migrant_inclusion",
  "culture", "trade", "education", "tourism", "water",
};

static const char *words[] = {
  "port", "river", "hill", "bay", "lake", "garden", "bridge", "market", "temple", "harbour",
};

/* A deterministic dataset: the same for every run and every machine */
static CtDataset *
generate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  CtDataset *ds = ct_dataset_new ("generated");
  const char *stamp = "2026-11-28T00:00:00.000Z";

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      CtTheme *t = ct_theme_new ();

      t->id = ct_uuid_new ();
      t->key = g_strdup (themes[i]);
      t->label = g_strdup (themes[i]);
      t->created = g_strdup (stamp);
      t->updated = g_strdup (stamp);
      g_ptr_array_add (ds->themes, t);
    }

  for (guint i = 0; i < 1000; i++)
    {
      CtSource *s = ct_source_new ();

      s->id = ct_uuid_new ();
      s->url = g_strdup_printf ("https://news.example.org/%u/article-%u", 2000 + i % 26, i);
      s->title = g_strdup (s->url);
      s->created = g_strdup (stamp);
      s->updated = g_strdup (stamp);
      g_ptr_array_add (ds->sources, s);
    }

  for (guint i = 0; i < N_CITIES; i++)
    {
      CtCity *c = ct_city_new ();

      c->id = ct_uuid_new ();
      c->name = g_strdup_printf ("%s %s %05u", words[i % 10], words[(i / 10) % 10], i);
      c->local_name = g_strdup_printf ("城市%05u", i);
      c->country = g_strdup (countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))]);
      c->lat = g_rand_double_range (rand, -60, 70);
      c->lon = g_rand_double_range (rand, -180, 180);
      c->created = g_strdup (stamp);
      c->updated = g_strdup (stamp);
      g_ptr_array_add (ds->cities, c);
    }

  for (guint i = 0; i < N_PARTNERSHIPS; i++)
    {
      CtPartnership *p = ct_partnership_new ();
      guint a = g_rand_int_range (rand, 0, N_CITIES);
      guint b = (a + 1 + g_rand_int_range (rand, 0, N_CITIES - 1)) % N_CITIES;
      guint n_themes = g_rand_int_range (rand, 0, 3);

      p->id = ct_uuid_new ();
      p->kind = g_rand_int_range (rand, 0, CT_N_KINDS);
      p->status = g_rand_int_range (rand, 0, CT_N_STATUSES);
      /* a unique signed date per pair keeps CSV rows distinct ties */
      p->signed_on = g_strdup_printf ("%04u-%02u-%02u", 1950 + i % 75, 1 + (i / 75) % 12, 1 + (i / 900) % 28);
      p->notes = g_strdup_printf ("Generated tie %u, with a comma, and a \"quote\"", i);
      for (guint t = 0; t < n_themes; t++)
        {
          const char *key = themes[(i + t * 3) % G_N_ELEMENTS (themes)];
          g_ptr_array_add (p->themes, g_strdup (key));
        }
      g_ptr_array_add (p->sources, g_strdup (((CtSource *) g_ptr_array_index (ds->sources, i % 1000))->id));
      g_ptr_array_add (p->parties, ct_party_new (((CtCity *) g_ptr_array_index (ds->cities, a))->id, NULL));
      g_ptr_array_add (p->parties, ct_party_new (((CtCity *) g_ptr_array_index (ds->cities, b))->id, NULL));
      p->created = g_strdup (stamp);
      p->updated = g_strdup (stamp);
      g_ptr_array_add (ds->partnerships, p);
    }

  ct_dataset_sort (ds);
  return ds;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

static double
time_our_import (const char *dir,
                 const char *file,
                 guint      *n_added)
{
  g_autofree char *db = g_build_filename (dir, "ours.db", NULL);
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(CtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  remove_db (db);
  store = ct_store_open (db, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  if (!ct_exchange_import_file (store, file, report, NULL, &error))
    g_error ("import of %s failed: %s", file, error->message);
  end = g_get_monotonic_time ();

  *n_added = report->added;
  return (end - start) / 1000.0;
}

static double
time_sqlite3_import (const char *dir,
                     const char *csv)
{
  g_autofree char *db = g_build_filename (dir, "reference.db", NULL);
  g_autofree char *dot = g_strdup_printf (".import --csv '%s' partnership", csv);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", db, dot, NULL };
  int status = 0;
  gint64 start, end;

  remove_db (db);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("sqlite3 .import failed: %s (install the sqlite3 package)", error->message);
  end = g_get_monotonic_time ();

  return (end - start) / 1000.0;
}

/* What SQLite alone needs for the same rows in our schema: prepared inserts of already-known
 * values, no parsing, validation, resolution or merging. Tells how much of an import is ours. */
static double
time_sql_floor (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "floor.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  sqlite3_stmt *city, *partnership, *party, *theme, *source;
  sqlite3 *db = NULL;
  gint64 start;

  remove_db (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_exec (db, CT_SCHEMA_V2, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_exec (db, "INSERT INTO country VALUES ('TW', 'c', 'taiwan', 'Taiwan', 'x', 'x');"
                    "INSERT INTO theme (uuid, key, label, created, updated) VALUES ('t', 'k', 'k', 'x', 'x');"
                    "INSERT INTO source (uuid, title, url, created, updated) VALUES ('s', 'u', 'u', 'x', 'x');",
                NULL, NULL, NULL);

  start = g_get_monotonic_time ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO city (uuid, name, local_name, country, lat, lon, created, updated) "
                          "VALUES (?, ?, '城市', 'TW', 1.5, 2.5, '2026-11-28T00:00:00.000Z', '2026-11-28T00:00:00.000Z')", -1, &city, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO partnership (uuid, kind, status, signed, notes, created, updated) "
                          "VALUES (?, 'mou', 'active', '2020-01-01', 'Generated tie, with a comma, and a \"quote\"', "
                          "'2026-11-28T00:00:00.000Z', '2026-11-28T00:00:00.000Z')", -1, &partnership, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO party (partnership, position, city) VALUES (?1, 0, ?2), (?1, 1, ?3)", -1, &party, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO partnership_theme VALUES (?, 0, 1)", -1, &theme, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO partnership_source VALUES (?, 0, 1)", -1, &source, NULL);

  for (guint i = 0; i < N_CITIES; i++)
    {
      char uuid[40], name[32];

      g_snprintf (uuid, sizeof uuid, "%08x-0000-4000-8000-000000000000", i);
      g_snprintf (name, sizeof name, "city %05u", i);
      sqlite3_bind_text (city, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (city, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_step (city);
      sqlite3_reset (city);
    }

  for (guint i = 0; i < N_PARTNERSHIPS; i++)
    {
      char uuid[40];
      gint64 rowid;

      g_snprintf (uuid, sizeof uuid, "%08x-1111-4111-8111-111111111111", i);
      sqlite3_bind_text (partnership, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_step (partnership);
      sqlite3_reset (partnership);
      rowid = sqlite3_last_insert_rowid (db);
      sqlite3_bind_int64 (party, 1, rowid);
      sqlite3_bind_int64 (party, 2, 1 + g_rand_int_range (rand, 0, N_CITIES / 2));
      sqlite3_bind_int64 (party, 3, 1 + N_CITIES / 2 + g_rand_int_range (rand, 0, N_CITIES / 2));
      sqlite3_step (party);
      sqlite3_reset (party);
      sqlite3_bind_int64 (theme, 1, rowid);
      sqlite3_step (theme);
      sqlite3_reset (theme);
      sqlite3_bind_int64 (source, 1, rowid);
      sqlite3_step (source);
      sqlite3_reset (source);
    }

  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_finalize (city);
  sqlite3_finalize (partnership);
  sqlite3_finalize (party);
  sqlite3_finalize (theme);
  sqlite3_finalize (source);
  sqlite3_close (db);
  remove_db (path);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
bench_import (void)
{
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ct-bench-XXXXXX", &error);
  g_autofree char *json_path = g_build_filename (dir, "generated.json", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "generated.csv", NULL);
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  double json_ms[N_RUNS], csv_ms[N_RUNS], ref_ms[N_RUNS], floor_ms[N_RUNS];
  gsize json_len = 0, csv_len = 0;
  guint n_json = 0, n_csv = 0, left_out = 0;
  gint64 start;
  guint n_runs;
  struct rusage usage;

  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  ds = generate ();
  json = ct_json_format_write (ds, &json_len);
  csv = ct_csv_format_write (ds, &left_out, &csv_len);
  g_assert_cmpuint (left_out, ==, 0);
  g_assert_true (g_file_set_contents (json_path, json, json_len, NULL));
  g_assert_true (g_file_set_contents (csv_path, csv, csv_len, NULL));
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&csv, g_free);
  g_clear_pointer (&ds, ct_dataset_unref);
  printf ("# generated %u cities and %u partnerships in %.0f ms; JSON %.1f MB, CSV %.1f MB\n",
          N_CITIES, N_PARTNERSHIPS, (g_get_monotonic_time () - start) / 1000.0, json_len / 1e6, csv_len / 1e6);
  fflush (stdout);

  /* Interleaved runs, so that a slow moment of the machine hits all three alike */
  n_runs = g_getenv ("CT_BENCH_RUNS") ? CLAMP (atoi (g_getenv ("CT_BENCH_RUNS")), 1, N_RUNS) : N_RUNS;
  for (guint run = 0; run < n_runs; run++)
    {
      ref_ms[run] = time_sqlite3_import (dir, csv_path);
      json_ms[run] = time_our_import (dir, json_path, &n_json);
      csv_ms[run] = time_our_import (dir, csv_path, &n_csv);
      floor_ms[run] = time_sql_floor (dir);
      printf ("# run %u: sqlite3 .import %.0f ms, City Ties JSON %.0f ms, CSV %.0f ms, SQL floor of our schema %.0f ms\n",
              run + 1, ref_ms[run], json_ms[run], csv_ms[run], floor_ms[run]);
      fflush (stdout);
    }

  getrusage (RUSAGE_SELF, &usage);

  printf ("metric import_rows %u\n", N_PARTNERSHIPS);
  printf ("metric import_records_json %u\n", n_json);
  printf ("metric import_records_csv %u\n", n_csv);
  printf ("metric import_json_ms %.1f\n", median_of (json_ms, n_runs));
  printf ("metric import_csv_ms %.1f\n", median_of (csv_ms, n_runs));
  printf ("metric sqlite3_import_ms %.1f\n", median_of (ref_ms, n_runs));
  printf ("metric import_sql_floor_ms %.1f\n", median_of (floor_ms, n_runs));
  printf ("metric import_ratio_sql_floor %.2f\n", median_of (floor_ms, n_runs) / median_of (ref_ms, n_runs));
  printf ("metric import_ratio_json %.2f\n", median_of (json_ms, n_runs) / median_of (ref_ms, n_runs));
  printf ("metric import_ratio_csv %.2f\n", median_of (csv_ms, n_runs) / median_of (ref_ms, n_runs));
  printf ("metric import_peak_rss_mb %.0f\n", usage.ru_maxrss / 1024.0);

  if (g_getenv ("CT_BENCH_KEEP"))
    {
      printf ("# generated files kept in %s\n", dir);
      return 0;
    }

  remove_db (json_path);
  remove_db (csv_path);
  {
    g_autofree char *a = g_build_filename (dir, "ours.db", NULL);
    g_autofree char *b = g_build_filename (dir, "reference.db", NULL);
    remove_db (a);
    remove_db (b);
  }
  g_rmdir (dir);
  return 0;
}

/* bench-basemap.c */
int ct_bench_basemap (void);

/* bench-gazetteer.c */
int ct_bench_gazetteer (void);

/* bench-map.c */
int  ct_bench_map             (void);
void ct_bench_map_set_basemap (ShumateMapSource *basemap);

static int
bench_map (void)
{
  g_autoptr(CtBasemapSource) basemap = ct_basemap_source_new (CT_BASEMAP_STYLE_LIGHT, CT_BASEMAP_LABELS);

  ct_bench_map_set_basemap (SHUMATE_MAP_SOURCE (basemap));
  return ct_bench_map ();
}

int
main (int   argc,
      char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "all";

  setlocale (LC_ALL, "");

  if (g_str_equal (what, "basemap"))
    return ct_bench_basemap ();

  if (g_str_equal (what, "import"))
    return bench_import ();

  if (g_str_equal (what, "map"))
    return bench_map ();

  if (g_str_equal (what, "gazetteer"))
    return ct_bench_gazetteer ();

  if (g_str_equal (what, "all"))
    return ct_bench_basemap () || bench_map () || ct_bench_gazetteer () || bench_import ();

  fprintf (stderr, "usage: ct-bench [import|basemap|map|gazetteer|all]\n");
  return 2;
}
