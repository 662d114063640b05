/* test-crash.c: SIGKILL at random moments, hundreds of times, on one database
 *
 * /crash/edits-and-imports: crash-child edits and imports through CtStore; after each kill the
 * file passes integrity_check and foreign_key_check, and holds exactly what the child reported
 * committed, plus at most the one transaction it had started (all of it or none of it). The same
 * file is used throughout, with another connection kept open as the window would, so that any
 * damage would pile up. CT_CRASH_KILLS (default 300) lengthens a run, CT_CRASH_SEED repeats its
 * delays and the children's choices; a slow build (sanitizers) stops after 100 s.
 *
 * /crash/first-use: city-ties killed while it creates and fills a new database; afterwards the
 * file is either absent or complete, never an empty database the next start would keep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ct-bundled.h"
#include "ct-error.h"

#include "crash-common.h"
#include "test-util.h"

/* Everything the database holds, as id → fingerprint, read by a new connection */
static GHashTable *
read_state (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = ct_store_open (path, &error);
  g_autoptr(CtDataset) ds = NULL;

  g_assert_no_error (error);
  ds = ct_store_export_dataset (store, &error);
  g_assert_no_error (error);
  return ct_crash_state_from_dataset (ds);
}

/* Describes up to five differences into diff; TRUE when there are none */
static gboolean
states_equal (GHashTable *expected,
              GHashTable *actual,
              GString    *diff)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *found = g_hash_table_lookup (actual, key);

      if (g_strcmp0 (found, value) != 0 && n++ < 5)
        g_string_append_printf (diff, "  %s: expected %s, found %s\n", (char *) key, (char *) value,
                                found ? found : "nothing");
    }

  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (expected, key) && n++ < 5)
      g_string_append_printf (diff, "  %s: not expected, found %s\n", (char *) key, (char *) value);

  return n == 0;
}

static GHashTable *
copy_state (GHashTable *state)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, state);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  return copy;
}

/* "ID=FINGERPRINT" or "ID=-" pairs applied to state */
static void
apply (GHashTable  *state,
       char       **pairs)
{
  for (guint i = 0; pairs[i]; i++)
    {
      char *eq = strchr (pairs[i], '=');
      g_autofree char *id = NULL;

      g_assert_nonnull (eq);
      id = g_strndup (pairs[i], eq - pairs[i]);
      if (g_str_equal (eq + 1, CT_CRASH_GONE))
        g_hash_table_remove (state, id);
      else
        g_hash_table_insert (state, g_steal_pointer (&id), g_strdup (eq + 1));
    }
}

typedef struct {
  guint kills;
  guint while_starting;     /* before the child said ready: opening, reading */
  guint between;            /* no transaction announced but not reported */
  guint mid_rolled_back;    /* announced, not reported, not in the file */
  guint mid_committed;      /* announced, in the file, killed before it could say so */
  guint transactions;       /* reported committed */
  guint imports;
} Counts;

/* What the child printed: applies every reported commit to model; returns the pairs of the
 * transaction it announced but did not report, or NULL */
static char **
replay (const char  *log,
        GHashTable  *model,
        gboolean    *ready,
        Counts      *counts)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  g_auto(GStrv) pending = NULL;
  guint pending_seq = 0;
  guint n = g_strv_length (lines);

  /* The last piece has no newline: a line cut short by the kill, or nothing */
  for (guint i = 0; i + 1 < n; i++)
    {
      char *line = lines[i];

      if (g_str_equal (line, "ready"))
        *ready = TRUE;
      else if (g_str_has_prefix (line, "intent "))
        {
          g_auto(GStrv) words = g_strsplit (line, " ", 4);

          g_assert_null (pending);
          g_assert_cmpuint (g_strv_length (words), ==, 4);
          pending_seq = atoi (words[1]);
          pending = g_strsplit (words[3], " ", -1);
          if (g_str_has_prefix (words[2], "import"))
            counts->imports++;
        }
      else if (g_str_has_prefix (line, "committed "))
        {
          g_assert_nonnull (pending);
          g_assert_cmpint (atoi (line + strlen ("committed ")), ==, pending_seq);
          apply (model, pending);
          g_clear_pointer (&pending, g_strfreev);
          counts->transactions++;
        }
      else
        g_error ("crash-child printed “%s”", line);
    }

  return g_steal_pointer (&pending);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
file_contains_line (const char *path,
                    const char *line)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, line) != NULL;
}

static GPid
spawn (const char * const *argv,
       const char         *out_path,
       const char         *err_path)
{
  g_autoptr(GError) error = NULL;
  int out = g_open (out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = g_open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  GPid pid = 0;

  g_assert_cmpint (out, >=, 0);
  g_assert_cmpint (err, >=, 0);
  g_spawn_async_with_fds (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                          &pid, -1, out, err, &error);
  g_assert_no_error (error);
  close (out);
  close (err);
  return pid;
}

/* Kills pid unless it has already exited; FALSE if it had */
static gboolean
kill_and_reap (GPid pid)
{
  int status = 0;

  if (waitpid (pid, &status, WNOHANG) == pid)
    return FALSE;
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return TRUE;
}

static void
test_crash_edits_and_imports (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "crash.db", NULL);
  g_autofree char *out_path = g_build_filename (dir->path, "child.out", NULL);
  g_autofree char *err_path = g_build_filename (dir->path, "child.err", NULL);
  const char *child_bin = g_getenv ("CT_CRASH_CHILD");
  const char *kills_env = g_getenv ("CT_CRASH_KILLS");
  const char *seed_env = g_getenv ("CT_CRASH_SEED");
  guint n_kills = kills_env ? (guint) atoi (kills_env) : 300;
  guint32 seed = seed_env ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : (guint32) g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 100 * G_USEC_PER_SEC;
  Counts counts = { 0 };
  sqlite3 *watcher = NULL;

  g_assert_nonnull (child_bin);
  g_test_message ("seed %u (CT_CRASH_SEED=%u repeats the delays and choices of this run)", seed, seed);

  /* A database with some of everything to start from */
  {
    g_autoptr(CtStore) store = ct_store_open (path, &error);
    g_autofree char *stamp = ct_timestamp_now ();
    g_autoptr(CtDataset) ds = ct_crash_generate (rand, 300, 20, 400, NULL, NULL, stamp);

    g_assert_no_error (error);
    g_assert_true (ct_store_import_dataset (store, ds, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  model = read_state (path);

  /* Another connection, as the window keeps one: the WAL outlives every kill */
  g_assert_cmpint (sqlite3_open_v2 (path, &watcher, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  ct_test_assert_integrity (watcher);

  while (counts.kills < n_kills && g_get_monotonic_time () < deadline)
    {
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      const char *argv[] = { child_bin, "loop", path, child_seed, NULL };
      g_autofree char *log = NULL;
      g_autoptr(GHashTable) state = NULL;
      g_autoptr(GString) diff = g_string_new (NULL);
      g_auto(GStrv) pending = NULL;
      gboolean ready = FALSE;
      gint64 ready_deadline;
      GPid pid;

      pid = spawn (argv, out_path, err_path);

      /* One kill in ten while the child opens the file (and recovers the last one's WAL) */
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_usleep (g_rand_int_range (rand, 0, 20000));
      else
        {
          ready_deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
          while (!file_contains_line (out_path, "ready\n"))
            {
              int status;

              if (waitpid (pid, &status, WNOHANG) == pid)
                {
                  g_autofree char *err = read_file (err_path);

                  g_error ("crash-child exited before it was ready: %s", err);
                }
              g_assert_cmpint (g_get_monotonic_time (), <, ready_deadline);
              g_usleep (500);
            }
          g_usleep (g_rand_int_range (rand, 1000, 100001));
        }

      if (!kill_and_reap (pid))
        {
          g_autofree char *err = read_file (err_path);

          g_error ("crash-child exited by itself: %s", err);
        }
      counts.kills++;

      log = read_file (out_path);
      pending = replay (log, model, &ready, &counts);

      ct_test_assert_integrity (watcher);
      state = read_state (path);

      if (pending == NULL)
        {
          if (!states_equal (model, state, diff))
            g_error ("kill %u (between transactions): the file is not what the child committed:\n%s",
                     counts.kills, diff->str);
          if (ready)
            counts.between++;
          else
            counts.while_starting++;
        }
      else if (states_equal (model, state, diff))
        counts.mid_rolled_back++;
      else
        {
          g_autoptr(GHashTable) after = copy_state (model);
          g_autoptr(GString) diff_after = g_string_new (NULL);

          apply (after, pending);
          if (!states_equal (after, state, diff_after))
            g_error ("kill %u: the file is neither the state before the interrupted transaction:\n%s"
                     "nor the state after it:\n%s", counts.kills, diff->str, diff_after->str);
          g_hash_table_unref (model);
          model = g_steal_pointer (&after);
          counts.mid_committed++;
        }
    }

  sqlite3_close (watcher);

  g_test_message ("%u kills in %.1f s: %u mid-transaction (%u rolled back, %u committed before the child "
                  "could report it), %u between transactions, %u while starting; %u transactions "
                  "reported committed (%u imports), %u records at the end",
                  counts.kills, (g_get_monotonic_time () - start) / 1e6,
                  counts.mid_rolled_back + counts.mid_committed, counts.mid_rolled_back, counts.mid_committed,
                  counts.between, counts.while_starting, counts.transactions, counts.imports,
                  g_hash_table_size (model));

  /* A slow machine (sanitizers, valgrind) stops at the deadline, with enough kills to mean something */
  g_assert_cmpuint (counts.kills, >=, MIN (n_kills, 50));
  g_assert_cmpuint (counts.mid_rolled_back + counts.mid_committed, >, 0);
  g_assert_cmpuint (counts.transactions, >, 0);
}

/* The first start on a new database: killed while it creates and fills the file */
#define N_FIRST_STARTS 30

static void
test_crash_first_use (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *reference_path = g_build_filename (dir->path, "reference.db", NULL);
  g_autofree char *out_path = g_build_filename (dir->path, "cli.out", NULL);
  g_autofree char *err_path = g_build_filename (dir->path, "cli.err", NULL);
  g_autoptr(GHashTable) reference = NULL;
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("CITY_TIES_BIN");
  guint absent = 0, complete = 0, finished = 0;

  g_assert_nonnull (bin);
  {
    g_autoptr(CtStore) store = ct_bundled_open_database (reference_path, FALSE, &error);

    g_assert_no_error (error);
  }
  reference = read_state (reference_path);

  for (guint i = 0; i < N_FIRST_STARTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/first-%u.db", dir->path, i);
      g_autofree char *database = g_strdup_printf ("--database=%s", path);
      const char *argv[] = { bin, database, "--summary", NULL };
      g_autoptr(GHashTable) state = NULL;
      g_autoptr(GString) diff = g_string_new (NULL);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      GPid pid;

      pid = spawn (argv, out_path, err_path);
      /* creating and filling takes about 50 to 90 ms here */
      g_usleep (g_test_rand_int_range (0, 100000));
      if (!kill_and_reap (pid))
        finished++;
      else if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          /* Killed after the file appeared: it must be whole */
          g_autoptr(GHashTable) killed = read_state (path);

          if (!states_equal (reference, killed, diff))
            g_error ("%s, killed while it was created, is not the bundled data:\n%s", path, diff->str);
          complete++;
        }
      else
        absent++;

      /* The next start: the bundled data, whatever happened */
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      state = read_state (path);
      if (!states_equal (reference, state, diff))
        g_error ("%s after a kill at its creation and a new start:\n%s", path, diff->str);
    }

  g_test_message ("%u first starts killed: %u before the database appeared, %u after it (complete); %u had finished",
                  N_FIRST_STARTS - finished, absent, complete, finished);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/edits-and-imports", test_crash_edits_and_imports);
  g_test_add_func ("/crash/first-use", test_crash_first_use);

  return g_test_run ();
}
