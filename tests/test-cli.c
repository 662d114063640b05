/* test-cli.c: the command line's exit codes, summaries and messages, run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-util.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run (Run        *result,
     CtTestDir  *dir,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *data_home = g_build_filename (dir->path, "data-home", NULL);
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CITY_TIES_BIN");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_unsetenv (env, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  /* A crash, or a sanitizer's report (tools/dev test's second pass): show what the child said */
  if (!WIFEXITED (wait_status))
    g_printerr ("%s", result->err);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
test_cli_version_and_help (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_auto(Run) r = { 0 };
  g_auto(Run) h = { 0 };
  g_auto(Run) bad = { 0 };

  run (&r, dir, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "city-ties " PACKAGE_VERSION "\n");

  run (&h, dir, "--help", NULL);
  g_assert_cmpint (h.status, ==, 0);
  g_assert_nonnull (strstr (h.out, "--database=FILE"));
  g_assert_nonnull (strstr (h.out, "--import=FILE"));
  g_assert_nonnull (strstr (h.out, "--export=FILE"));

  run (&bad, dir, "--colour", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "--colour"));
}

static void
test_cli_default_database (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *db = g_build_filename (dir->path, "data-home", "city-ties", "city-ties.db", NULL);
  g_auto(Run) r = { 0 };

  /* First use creates the database in the data folder from the bundled data */
  run (&r, dir, "--summary", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (r.out, db));
  g_assert_nonnull (strstr (r.out, "Taiwan: 22 cities"));
}

static void
test_cli_export_import (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *db = g_build_filename (dir->path, "t.db", NULL);
  g_autofree char *db2 = g_build_filename (dir->path, "t2.db", NULL);
  g_autofree char *json = g_build_filename (dir->path, "t.json", NULL);
  g_autofree char *json2 = g_build_filename (dir->path, "t2.json", NULL);
  g_autofree char *geojson = g_build_filename (dir->path, "t.geojson", NULL);
  g_autofree char *csv = g_build_filename (dir->path, "t.csv", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };
  g_auto(Run) r5 = { 0 };
  g_auto(Run) r6 = { 0 };

  run (&r1, dir, "--database", db, "--export", geojson, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_cmpstr (r1.err, ==, "");
  g_assert_true (g_str_has_prefix (r1.out, "Exported to "));
  g_assert_true (g_file_test (geojson, G_FILE_TEST_EXISTS));

  run (&r2, dir, "--database", db, "--export", json, NULL);
  g_assert_cmpint (r2.status, ==, 0);

  /* Into a new database and out again: the same file */
  run (&r3, dir, "--database", db2, "--import", json, "--export", json2, NULL);
  g_assert_cmpint (r3.status, ==, 0);
  g_assert_nonnull (strstr (r3.out, "0 added, 0 updated"));
  g_assert_true (g_file_get_contents (json, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (json2, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);

  run (&r4, dir, "--database", db, "--export", csv, NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_nonnull (strstr (r4.out, "left out"));

  run (&r5, dir, "--database", db, "--import", csv, NULL);
  g_assert_cmpint (r5.status, ==, 0);
  g_assert_nonnull (strstr (r5.out, "Imported"));
  g_assert_nonnull (strstr (r5.out, "0 added, 0 updated"));

  run (&r6, dir, "--database", db, "--export", "/nonexistent-dir/x.json", NULL);
  g_assert_cmpint (r6.status, ==, 1);
  g_assert_nonnull (strstr (r6.err, "/nonexistent-dir/x.json"));
}

static void
test_cli_bad_import (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *db = g_build_filename (dir->path, "t.db", NULL);
  g_autofree char *bad = ct_test_file (dir, "bad.csv",
                                       "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes\n"
                                       "Kaohsiung,TW,Da Nang,VN,alliance,active,,,,\n", -1);
  g_autofree char *txt = ct_test_file (dir, "notes.txt", "hello", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *json = g_build_filename (dir->path, "t.json", NULL);
  g_auto(Run) r0 = { 0 };
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };

  run (&r0, dir, "--database", db, "--export", json, NULL);
  g_assert_true (g_file_get_contents (json, &before, NULL, NULL));

  run (&r1, dir, "--database", db, "--import", bad, NULL);
  g_assert_cmpint (r1.status, ==, 1);
  g_assert_cmpstr (r1.out, ==, "");
  g_assert_nonnull (strstr (r1.err, "bad.csv:2: kind: unknown kind “alliance”"));
  g_assert_nonnull (strstr (r1.err, "unchanged"));

  run (&r2, dir, "--database", db, "--import", txt, NULL);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_nonnull (strstr (r2.err, "notes.txt"));

  run (&r3, dir, "--database", db, "--import", "/no/such/file.json", NULL);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_nonnull (strstr (r3.err, "/no/such/file.json"));

  run (&r4, dir, "--database", db, "--export", json, NULL);
  g_assert_true (g_file_get_contents (json, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version-and-help", test_cli_version_and_help);
  g_test_add_func ("/cli/default-database", test_cli_default_database);
  g_test_add_func ("/cli/export-import", test_cli_export_import);
  g_test_add_func ("/cli/bad-import", test_cli_bad_import);

  return g_test_run ();
}
