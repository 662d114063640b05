/* test-robustness.c: a full disk, a read-only file or folder, a missing folder, a damaged file
 *
 * Each gets a message that names the file and says what is wrong, through the store, the
 * command line and (for a damaged file) the window, and none of them changes the database:
 *
 * - disk full (tests/enospc-preload.c, LD_PRELOAD): an import, an edit, a new database and an
 *   upgrade each fail with "the disk is full, so nothing was saved"; the file keeps its content
 *   and passes integrity_check, and works once there is space again;
 * - read-only file or folder: refused at opening, naming the file (or folder) and saying that
 *   City Ties needs to save changes there; nothing written. Root writes to read-only files, so
 *   as root these run as an unprivileged user (uid 65534);
 * - missing folder: the default database's folder is created; a --database in a folder that
 *   does not exist is refused, naming the folder, and nothing is created;
 * - damaged file (garbage header, overwritten pages, truncated, empty, another program's
 *   SQLite file): refused with "… damaged …" (or "empty", or "not a City Ties database"),
 *   byte-identical afterwards; the window shows its error page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <locale.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ct-application.h"
#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-exchange.h"
#include "ct-window.h"

#include "crash-common.h"
#include "test-util.h"

#define UNPRIVILEGED 65534 /* nobody */

#define DISK_FULL "the disk is full, so nothing was saved"

/* The command line, run as a user would */

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
drop_privileges (gpointer user_data)
{
  if (geteuid () == 0 &&
      (setgroups (0, NULL) != 0 || setgid (UNPRIVILEGED) != 0 || setuid (UNPRIVILEGED) != 0))
    _exit (99);
}

/* Can this process run something as a user without root's right to write anywhere? */
static gboolean
can_be_unprivileged (void)
{
  int status = 0;
  pid_t pid;

  if (geteuid () != 0)
    return TRUE;
  if ((pid = fork ()) == 0)
    {
      drop_privileges (NULL);
      _exit (0);
    }
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* env: NULL-terminated "NAME=VALUE" pairs added to the test's environment; program: NULL for
 * city-ties */
static void
run (Run                *result,
     const char * const *env,
     gboolean            unprivileged,
     const char         *program,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *bin = program ? program : g_getenv ("CITY_TIES_BIN");
  int wait_status = 0;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  va_start (args, program);
  for (const char *arg = va_arg (args, const char *); arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  for (guint i = 0; env && env[i]; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      envp = g_environ_setenv (envp, pair[0], pair[1], TRUE);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                unprivileged ? drop_privileges : NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
  g_assert_cmpint (result->status, !=, 99);
}

/* The environment that fills the disk for files whose path starts with path, after `after`
 * more bytes. ASan would insist on coming first in the preload list. */
static GStrv
disk_full_env (const char *path,
               gsize       after)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");
  GStrv env = g_new0 (char *, 5);

  g_assert_nonnull (g_getenv ("CT_ENOSPC_PRELOAD"));
  env[0] = g_strdup_printf ("LD_PRELOAD=%s", g_getenv ("CT_ENOSPC_PRELOAD"));
  env[1] = g_strdup_printf ("CT_ENOSPC_PATH=%s", path);
  env[2] = g_strdup_printf ("CT_ENOSPC_AFTER=%" G_GSIZE_FORMAT, after);
  env[3] = g_strdup_printf ("ASAN_OPTIONS=%s%sverify_asan_link_order=0", asan ? asan : "", asan ? ":" : "");
  return env;
}

/* Files and databases */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

static void
assert_bytes (const char *path,
              GBytes     *expected)
{
  g_autoptr(GBytes) bytes = read_bytes (path);

  if (!g_bytes_equal (bytes, expected))
    g_error ("%s changed (%" G_GSIZE_FORMAT " bytes, was %" G_GSIZE_FORMAT ")",
             path, g_bytes_get_size (bytes), g_bytes_get_size (expected));
}

/* The names in a folder, sorted, one a line */
static char *
list_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("\n", (char **) names->pdata);
}

/* Every row of every table, in a canonical order: "the same content" */
static char *
dump (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", sqlite3_column_text (tables, 0));
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            g_string_append_printf (row, "%s\x1f", sqlite3_column_text (stmt, i) ? (const char *) sqlite3_column_text (stmt, i) : "∅");
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_strings);
      g_string_append_printf (out, "%s\n", sqlite3_column_text (tables, 0));
      for (guint i = 0; i < rows->len; i++)
        g_string_append_printf (out, "  %s\n", (char *) g_ptr_array_index (rows, i));
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Two dumps, the first difference named rather than both printed */
static void
assert_same_dump (const char *expected,
                  const char *actual)
{
  g_auto(GStrv) a = g_strsplit (expected, "\n", -1);
  g_auto(GStrv) b = g_strsplit (actual, "\n", -1);

  for (guint i = 0; a[i] || b[i]; i++)
    if (a[i] == NULL || b[i] == NULL || strcmp (a[i], b[i]) != 0)
      g_error ("the database's content changed at line %u:\n  was: %s\n  now: %s",
               i + 1, a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

static int
user_version (const char *path)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* A database with the bundled data, closed (no WAL beside it) */
static char *
make_database (CtTestDir  *dir,
               const char *name)
{
  char *path = g_build_filename (dir->path, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = ct_bundled_open_database (path, FALSE, &error);

  g_assert_no_error (error);
  return path;
}

/* A colleague's file of new cities and ties */
static char *
make_import_file (CtTestDir *dir,
                  guint      n_cities,
                  guint      n_partnerships)
{
  g_autofree char *source = g_build_filename (dir->path, "colleague.db", NULL);
  char *path = g_build_filename (dir->path, "colleague.cityties.json", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *stamp = ct_timestamp_now ();
  g_autoptr(CtDataset) ds = ct_crash_generate (rand, n_cities, 20, n_partnerships, NULL, NULL, stamp);
  g_autoptr(CtStore) store = ct_store_open (source, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_store_import_dataset (store, ds, NULL, NULL, &error));
  g_assert_true (ct_exchange_export_file (store, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_disk_full_message (const char *err,
                          const char *path)
{
  if (strstr (err, path) == NULL || strstr (err, DISK_FULL) == NULL)
    g_error ("expected “%s: " DISK_FULL "…”, got “%s”", path, err);
}

/* Disk full */

/* Copies the database at path to copy (without a WAL) */
static void
copy_database (const char *path,
               const char *copy)
{
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_assert_true (g_file_set_contents (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static int
import_with_disk_full (const char *path,
                       const char *file,
                       gsize       after,
                       Run        *r)
{
  g_auto(GStrv) env = disk_full_env (path, after);

  run (r, (const char * const *) env, FALSE, NULL, "--database", path, "--import", file, NULL);
  return r->status;
}

static void
test_disk_full_import (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = make_database (dir, "full.db");
  g_autofree char *probe = g_build_filename (dir->path, "probe.db", NULL);
  g_autofree char *file = make_import_file (dir, 300, 500);
  g_autofree char *before = dump (path);
  g_autoptr(GBytes) bytes = read_bytes (path);
  gsize lo = 0, hi = 16 * 1024 * 1024, fits;

  /* The least room the import commits in (on copies): then each amount short of it */
  for (;;)
    {
      g_auto(Run) r = { 0 };
      gsize mid = (lo + hi) / 2;

      copy_database (path, probe);
      if (import_with_disk_full (probe, file, mid, &r) == 0)
        hi = mid;
      else
        lo = mid + 1;
      if (lo >= hi)
        break;
    }
  fits = hi;
  g_test_message ("the import commits with %" G_GSIZE_FORMAT " bytes of room", fits);
  g_assert_cmpuint (fits, >, 128 * 1024);

  {
    const gsize limits[] = { 0, 64 * 1024, fits / 2, fits - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
      {
        g_autofree char *after = NULL;
        g_auto(Run) r = { 0 };

        /* On the same file each time: damage would pile up */
        g_assert_cmpint (import_with_disk_full (path, file, limits[i], &r), ==, 1);
        g_assert_cmpstr (r.out, ==, "");
        assert_disk_full_message (r.err, path);
        g_assert_nonnull (strstr (r.err, "Nothing was imported; the database is unchanged."));

        /* No further damage: the same content, sound, and the file itself untouched */
        ct_test_assert_sound (path);
        after = dump (path);
        assert_same_dump (before, after);
        assert_bytes (path, bytes);
      }
  }

  /* Room for the commit but not for moving it from the WAL into the file (the checkpoint when
   * city-ties closes the database): it did commit, and it stays committed */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *after = NULL;
    g_auto(Run) r = { 0 };
    g_auto(Run) again = { 0 };

    g_assert_cmpint (import_with_disk_full (path, file, fits, &r), ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "Imported "));
    g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

    ct_test_assert_sound (path);
    after = dump (path);
    g_assert_cmpstr (after, !=, before);
    run (&again, NULL, FALSE, NULL, "--database", path, "--import", file, NULL);
    g_assert_cmpstr (again.err, ==, "");
    g_assert_cmpint (again.status, ==, 0);
    g_assert_nonnull (strstr (again.out, " 0 added, 0 updated"));
    ct_test_assert_sound (path);
  }
}

static void
test_disk_full_edit (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = make_database (dir, "full.db");
  g_autofree char *before = dump (path);
  g_autofree char *after = NULL;
  g_auto(GStrv) env = disk_full_env (path, 0);
  const char *child = g_getenv ("CT_CRASH_CHILD");
  g_auto(Run) r = { 0 };
  g_auto(Run) r2 = { 0 };

  g_assert_nonnull (child);
  run (&r, (const char * const *) env, FALSE, child, "edit", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  assert_disk_full_message (r.err, path);

  ct_test_assert_sound (path);
  after = dump (path);
  assert_same_dump (before, after);

  run (&r2, NULL, FALSE, child, "edit", path, NULL);
  g_assert_cmpstr (r2.err, ==, "");
  g_assert_cmpstr (r2.out, ==, "committed\n");
}

/* The first start on a full disk leaves nothing behind, not even an empty database */
static void
test_disk_full_new_database (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "new.db", NULL);
  const gsize limits[] = { 0, 100 * 1024 };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_auto(GStrv) env = disk_full_env (path, limits[i]);
      g_autofree char *left = NULL;
      g_auto(Run) r = { 0 };

      run (&r, (const char * const *) env, FALSE, NULL, "--database", path, "--summary", NULL);
      g_assert_cmpint (r.status, ==, 1);
      assert_disk_full_message (r.err, path);
      g_assert_null (strstr (r.err, ".new-"));
      left = list_folder (dir->path);
      g_assert_cmpstr (left, ==, "");
    }

  {
    g_auto(Run) r = { 0 };

    run (&r, NULL, FALSE, NULL, "--database", path, "--summary", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "Taiwan: 22 cities"));
  }
}

static char *
copy_v1_fixture (CtTestDir  *dir,
                 GBytes    **bytes)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "schema-v1.db", NULL);
  char *path = g_build_filename (dir->path, "old.db", NULL);

  *bytes = read_bytes (fixture);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (*bytes, NULL), g_bytes_get_size (*bytes), NULL));
  return path;
}

/* No room for the backup, then room for the backup but not the upgrade */
static void
test_disk_full_upgrade (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = copy_v1_fixture (dir, &bytes);
  g_autofree char *before = dump (path);

  {
    g_auto(GStrv) env = disk_full_env (path, 0);
    g_autofree char *left = NULL;
    g_auto(Run) r = { 0 };

    run (&r, (const char * const *) env, FALSE, NULL, "--database", path, "--summary", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "Could not back up the database before upgrading it: "));
    assert_disk_full_message (r.err, path);
    assert_bytes (path, bytes);
    left = list_folder (dir->path);
    g_assert_cmpstr (left, ==, "old.db");
  }

  {
    g_auto(GStrv) env = disk_full_env (path, g_bytes_get_size (bytes) + 8192);
    g_autofree char *after = NULL;
    g_auto(Run) r = { 0 };

    run (&r, (const char * const *) env, FALSE, NULL, "--database", path, "--summary", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.err, "Could not upgrade the database (nothing was changed): "));
    assert_disk_full_message (r.err, path);
    g_assert_cmpint (user_version (path), ==, 1);
    ct_test_assert_sound (path);
    after = dump (path);
    assert_same_dump (before, after);
  }

  {
    g_auto(Run) r = { 0 };

    run (&r, NULL, FALSE, NULL, "--database", path, "--summary", NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_str_has_prefix (r.out, "Upgraded "));
    g_assert_cmpint (user_version (path), ==, CT_STORE_SCHEMA_VERSION);
  }
}

/* Read-only */

typedef struct {
  CtTestDir *dir;
  char      *path;
  GBytes    *bytes;
  char      *listing;
} ReadOnly;

/* A database owned by the user the checks run as, then made read-only (the file, or its folder) */
static void
read_only_set_up (ReadOnly *ro,
                  gboolean  folder)
{
  ro->dir = ct_test_dir_new ();
  ro->path = make_database (ro->dir, "mine.db");
  if (geteuid () == 0)
    {
      g_assert_cmpint (chown (ro->dir->path, UNPRIVILEGED, UNPRIVILEGED), ==, 0);
      g_assert_cmpint (chown (ro->path, UNPRIVILEGED, UNPRIVILEGED), ==, 0);
    }
  g_assert_cmpint (g_chmod (folder ? ro->dir->path : ro->path, folder ? 0555 : 0444), ==, 0);
  ro->bytes = read_bytes (ro->path);
  ro->listing = list_folder (ro->dir->path);
}

static void
read_only_tear_down (ReadOnly *ro)
{
  g_autofree char *listing = list_folder (ro->dir->path);

  /* Nothing written, nothing created */
  assert_bytes (ro->path, ro->bytes);
  g_assert_cmpstr (listing, ==, ro->listing);

  g_chmod (ro->dir->path, 0700);
  g_chmod (ro->path, 0600);
  ct_test_dir_free (ro->dir);
  g_free (ro->path);
  g_free (ro->listing);
  g_bytes_unref (ro->bytes);
}

static void
assert_read_only_message (const char *message,
                          const char *path,
                          const char *what)
{
  if (strstr (message, path) == NULL || strstr (message, what) == NULL ||
      strstr (message, "City Ties needs to be able to save your changes") == NULL)
    g_error ("expected a message naming %s, with “%s” and what City Ties needs; got “%s”", path, what, message);
}

/* In the test's subprocess, without root's rights: through the store */
static void
check_read_only_in_process (const char *path,
                            const char *named,
                            const char *what)
{
  g_autoptr(GError) error = NULL;
  CtStore *store;

  drop_privileges (NULL);
  store = ct_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CT_ERROR, CT_ERROR_DATABASE);
  assert_read_only_message (error->message, named, what);
  g_clear_error (&error);

  store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_null (store);
  assert_read_only_message (error->message, named, what);
}

static void
test_read_only (gconstpointer data)
{
  gboolean folder = GPOINTER_TO_INT (data);
  const char *what = folder ? "is read-only" : "the database is read-only";
  ReadOnly ro = { 0 };

  if (!can_be_unprivileged ())
    {
      g_test_skip ("running as root, and cannot run as an unprivileged user");
      return;
    }

  if (g_test_subprocess ())
    {
      check_read_only_in_process (g_getenv ("CT_TEST_READ_ONLY_PATH"), g_getenv ("CT_TEST_READ_ONLY_NAMED"), what);
      return;
    }

  read_only_set_up (&ro, folder);
  {
    g_autofree char *dir_path = g_strdup (ro.dir->path);
    const char *named = folder ? dir_path : ro.path;
    g_autofree char *file = g_build_filename (ro.dir->path, "nothing.json", NULL);
    g_auto(Run) summary = { 0 };
    g_auto(Run) import = { 0 };

    g_setenv ("CT_TEST_READ_ONLY_PATH", ro.path, TRUE);
    g_setenv ("CT_TEST_READ_ONLY_NAMED", named, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_passed ();

    run (&summary, NULL, TRUE, NULL, "--database", ro.path, "--summary", NULL);
    g_assert_cmpint (summary.status, ==, 1);
    g_assert_cmpstr (summary.out, ==, "");
    assert_read_only_message (summary.err, named, what);

    run (&import, NULL, TRUE, NULL, "--database", ro.path, "--import", file, NULL);
    g_assert_cmpint (import.status, ==, 1);
    assert_read_only_message (import.err, named, what);
  }
  read_only_tear_down (&ro);
}

/* Missing folders */

static void
test_missing_folder (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *missing = g_build_filename (dir->path, "missing", NULL);
  g_autofree char *folder = g_build_filename (missing, "sub", NULL);
  g_autofree char *path = g_build_filename (folder, "ties.db", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) summary = { 0 };
  g_auto(Run) import = { 0 };
  CtStore *store;

  store = ct_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "the folder"));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, folder));

  run (&summary, NULL, FALSE, NULL, "--database", path, "--summary", NULL);
  g_assert_cmpint (summary.status, ==, 1);
  g_assert_cmpstr (summary.out, ==, "");
  expected = g_strdup_printf ("%s: the folder %s does not exist\n", path, folder);
  g_assert_cmpstr (summary.err, ==, expected);

  run (&import, NULL, FALSE, NULL, "--database", path, "--import", "whatever.json", NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, folder));

  /* Nothing created */
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = list_folder (dir->path);
  g_assert_cmpstr (listing, ==, "");
}

/* The default database's folder (and the data folder above it) are made on first use */
static void
test_missing_data_folder (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *data_home = g_build_filename (dir->path, "home", ".local", "share", NULL);
  g_autofree char *folder = g_build_filename (data_home, "city-ties", NULL);
  g_autofree char *path = g_build_filename (folder, "city-ties.db", NULL);
  g_autofree char *env_data_home = g_strdup_printf ("XDG_DATA_HOME=%s", data_home);
  const char *env[] = { env_data_home, NULL };
  g_auto(Run) r = { 0 };
  GStatBuf st;

  run (&r, env, FALSE, NULL, "--summary", NULL);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, path));
  g_assert_nonnull (strstr (r.out, "Taiwan: 22 cities"));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  ct_test_assert_sound (path);
}

/* Damaged files */

typedef enum {
  DAMAGE_GARBAGE_HEADER,
  DAMAGE_OVERWRITTEN_PAGES,
  DAMAGE_TRUNCATED,
  DAMAGE_TRUNCATED_MID_PAGE,
  DAMAGE_TINY,
  DAMAGE_EMPTY,
  DAMAGE_OTHER_PROGRAM,
  N_DAMAGES
} Damage;

static const char *damage_names[N_DAMAGES] = {
  "garbage-header", "overwritten-pages", "truncated", "truncated-mid-page", "tiny", "empty", "other-program",
};

/* A copy of a City Ties database, damaged as named */
static char *
make_damaged (CtTestDir *dir,
              Damage     damage)
{
  g_autofree char *name = g_strdup_printf ("%s.db", damage_names[damage]);
  char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (damage);
  GByteArray *data;

  if (damage == DAMAGE_OTHER_PROGRAM)
    {
      sqlite3 *db = NULL;

      path = g_build_filename (dir->path, name, NULL);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT, title TEXT);"
                                         "INSERT INTO bookmarks VALUES ('https://example.org', 'Example')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      return path;
    }

  path = make_database (dir, name);
  bytes = read_bytes (path);
  data = g_byte_array_new ();
  g_byte_array_append (data, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpuint (data->len, >, 16 * 4096);

  switch (damage)
    {
    case DAMAGE_GARBAGE_HEADER:
      memcpy (data->data, "This is not what SQLite wrote here, not at all.", 48);
      break;
    case DAMAGE_OVERWRITTEN_PAGES:
      /* pages 12 to 14: tables and indexes of the bundled data */
      for (guint i = 11 * 4096; i < 14 * 4096; i++)
        data->data[i] = g_rand_int_range (rand, 0, 256);
      break;
    case DAMAGE_TRUNCATED:
      g_byte_array_set_size (data, data->len / 2 / 4096 * 4096);
      break;
    case DAMAGE_TRUNCATED_MID_PAGE:
      g_byte_array_set_size (data, data->len / 2 + 1000);
      break;
    case DAMAGE_TINY:
      g_byte_array_set_size (data, 50);
      break;
    case DAMAGE_EMPTY:
      g_byte_array_set_size (data, 0);
      break;
    case DAMAGE_OTHER_PROGRAM:
    case N_DAMAGES:
      g_assert_not_reached ();
    }

  g_assert_true (g_file_set_contents (path, (const char *) data->data, data->len, NULL));
  g_byte_array_unref (data);
  return path;
}

static const char *
damage_message (Damage damage)
{
  switch (damage)
    {
    case DAMAGE_EMPTY:
      return "the file is empty";
    case DAMAGE_OTHER_PROGRAM:
      return "not a City Ties database";
    default:
      return "the file is damaged";
    }
}

static void
test_damaged (gconstpointer data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = make_damaged (dir, damage);
  g_autofree char *file = g_build_filename (dir->path, "nothing.json", NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autofree char *listing = list_folder (dir->path);
  g_autofree char *listing_after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) summary = { 0 };
  g_auto(Run) import = { 0 };
  const char *expected = damage_message (damage);
  CtStore *store;

  /* The store refuses it (an empty file is a new database to SQLite: only the application's
   * entry point, below, knows better) */
  if (damage != DAMAGE_EMPTY)
    {
      store = ct_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, CT_ERROR, CT_ERROR_DATABASE);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, expected));
      g_clear_error (&error);
      assert_bytes (path, bytes);
    }

  store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_null (store);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, expected));

  run (&summary, NULL, FALSE, NULL, "--database", path, "--summary", NULL);
  g_assert_cmpint (summary.status, ==, 1);
  g_assert_cmpstr (summary.out, ==, "");
  g_assert_true (g_str_has_prefix (summary.err, path));
  g_assert_nonnull (strstr (summary.err, expected));

  run (&import, NULL, FALSE, NULL, "--database", path, "--import", file, NULL);
  g_assert_cmpint (import.status, ==, 1);
  g_assert_nonnull (strstr (import.err, expected));

  /* Left exactly as it was: never "repaired", never overwritten */
  assert_bytes (path, bytes);
  listing_after = list_folder (dir->path);
  g_assert_cmpstr (listing_after, ==, listing);
}

/* The window: its error page, not a crash or an empty map */

typedef struct {
  CtApplication *app;
  char          *title;
  char          *description;
  gint64         deadline;
} AppRun;

static AdwStatusPage *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return ADW_STATUS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *page = find_status_page (child);

      if (page)
        return page;
    }
  return NULL;
}

static gboolean
drive_application_cb (gpointer user_data)
{
  AppRun *run = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
  AdwStatusPage *page = NULL;
  GtkWidget *stack;

  for (GList *l = windows; l && !page; l = l->next)
    if (CT_IS_WINDOW (l->data))
      page = find_status_page (l->data);

  /* The window's stack: its "error" page when it shows it */
  if (page && (stack = gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_STACK)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "error") == 0 &&
      (page = find_status_page (gtk_stack_get_visible_child (GTK_STACK (stack)))))
    {
      run->title = g_strdup (adw_status_page_get_title (page));
      run->description = g_strdup (adw_status_page_get_description (page));
    }

  if (run->title || g_get_monotonic_time () > run->deadline)
    {
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
test_damaged_window (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = make_damaged (dir, DAMAGE_OVERWRITTEN_PAGES);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(CtApplication) app = ct_application_new ();
  char *argv[] = { (char *) "city-ties", NULL };
  AppRun run = { app, NULL, NULL, g_get_monotonic_time () + 30 * G_USEC_PER_SEC };
  int status;

  ct_application_set_database_path (app, path);
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  /* The application logs what it shows */
  g_test_expect_message (NULL, G_LOG_LEVEL_WARNING, "*the file is damaged*");
  g_timeout_add (20, drive_application_cb, &run);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  g_test_assert_expected_messages ();

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (run.title, ==, "Could not open the database");
  g_assert_nonnull (run.description);
  g_assert_true (g_str_has_prefix (run.description, path));
  g_assert_nonnull (strstr (run.description, "the file is damaged"));
  assert_bytes (path, bytes);

  g_free (run.title);
  g_free (run.description);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/robustness/disk-full/import", test_disk_full_import);
  g_test_add_func ("/robustness/disk-full/edit", test_disk_full_edit);
  g_test_add_func ("/robustness/disk-full/new-database", test_disk_full_new_database);
  g_test_add_func ("/robustness/disk-full/upgrade", test_disk_full_upgrade);
  g_test_add_data_func ("/robustness/read-only/file", GINT_TO_POINTER (FALSE), test_read_only);
  g_test_add_data_func ("/robustness/read-only/folder", GINT_TO_POINTER (TRUE), test_read_only);
  g_test_add_func ("/robustness/missing-folder/database", test_missing_folder);
  g_test_add_func ("/robustness/missing-folder/default", test_missing_data_folder);
  for (Damage d = 0; d < N_DAMAGES; d++)
    {
      g_autofree char *name = g_strdup_printf ("/robustness/damaged/%s", damage_names[d]);

      g_test_add_data_func (name, GINT_TO_POINTER (d), test_damaged);
    }
  g_test_add_func ("/robustness/damaged/window", test_damaged_window);

  return g_test_run ();
}
