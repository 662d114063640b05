/* test-concurrency.c: one City Ties per database, and the command line next to a running window
 * (under Xvfb, on a private D-Bus session bus)
 *
 * The primary instance runs in this process; second launches and imports run the real
 * city-ties ($CITY_TIES_BIN) as child processes, which inherit the private bus and a temporary
 * XDG_DATA_HOME (the default database).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "ct-application.h"
#include "ct-bundled.h"
#include "ct-exchange.h"
#include "ct-window.h"

#include "test-ui-util.h"
#include "test-util.h"

/* A city the bundled dataset does not have, added by a colleague */
#define NEW_CITY "Iloilo City"

/* A second launch that hands over to the running instance: it has a display to open and a
 * message to send, nothing more */
#define PROMPT_USEC (10 * G_USEC_PER_SEC)

typedef struct {
  CtTestDir *dir;
  char      *database; /* mine.db: the bundled data */
  char      *file;     /* colleague.cityties.json: the bundled data and NEW_CITY */
  char      *city_id;  /* NEW_CITY's */
} Fixture;

static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data)
{
  return ct_test_wait_until (condition, data, 15);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Keeps the main loop (D-Bus, the window, the store's watch) running for a while */
static void
run_for (int seconds)
{
  ct_test_wait_until (never, NULL, seconds);
}

typedef struct {
  guint *count;
  guint  n;
} Count;

static gboolean
count_reached (gpointer data)
{
  Count *c = data;

  return *c->count >= c->n;
}

/* Runs the main loop until *count is n (or more, which the caller's assertion then catches) */
static gboolean
wait_for_count (guint *count,
                guint  n)
{
  Count c = { count, n };

  return wait_until (count_reached, &c);
}

/* A child city-ties */

typedef struct {
  GSubprocess *process;
  gint64       started;
  gint64       elapsed; /* µs from start to exit */
  gboolean     done;
  int          status;  /* exit status; -1 when killed by a signal */
  char        *out;
  char        *err;
} Child;

static void
on_child_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &child->out, &child->err, &error);
  g_assert_no_error (error);
  child->elapsed = g_get_monotonic_time () - child->started;
  child->status = g_subprocess_get_if_exited (child->process) ? g_subprocess_get_exit_status (child->process) : -1;
  child->done = TRUE;
}

/* city-ties with these arguments (NULL-terminated) */
static Child *
child_start (const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Child *child = g_new0 (Child, 1);
  const char *bin = g_getenv ("CITY_TIES_BIN");
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child->started = g_get_monotonic_time ();
  child->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (child->process, NULL, NULL, on_child_done_cb, child);
  return child;
}

static gboolean
child_is_done (gpointer child)
{
  return ((Child *) child)->done;
}

static void
child_wait (Child *child)
{
  g_assert_true (ct_test_wait_until (child_is_done, child, 60));
  g_test_message ("city-ties exited with %d after %.2f s\nstdout: %s\nstderr: %s",
                  child->status, child->elapsed / (double) G_USEC_PER_SEC, child->out, child->err);
}

static void
child_free (Child *child)
{
  g_clear_object (&child->process);
  g_free (child->out);
  g_free (child->err);
  g_free (child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Child, child_free)

/* Runs city-ties to the end */
#define child_run(...) ({ Child *c_ = child_start (__VA_ARGS__); child_wait (c_); c_; })

/* The window */

/* How many cities the browse panel's list shows (the first of its three lists; the others are
 * ties and networks, and the dropdowns' popovers have lists of their own) */
static guint
count_listed_cities (CtWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  ct_test_collect (ct_window_get_browse_panel (window), GTK_TYPE_LIST_VIEW, views);
  for (guint i = views->len; i > 0; i--)
    if (gtk_widget_get_ancestor (g_ptr_array_index (views, i - 1), GTK_TYPE_POPOVER))
      g_ptr_array_remove_index (views, i - 1);
  g_assert_cmpuint (views->len, ==, 3);
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (g_ptr_array_index (views, 0))));
}

static guint
count_cities (const char *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = ct_store_open (database, &error);
  g_autoptr(GPtrArray) cities = NULL;

  g_assert_no_error (error);
  cities = ct_store_list_cities (store, NULL, &error);
  g_assert_no_error (error);
  return cities->len;
}

static gboolean
has_city (const char *database,
          const char *city_id)
{
  g_autoptr(CtStore) store = ct_store_open (database, NULL);
  g_autoptr(CtCity) city = ct_store_get_city (store, city_id, NULL);

  return city != NULL;
}

/* The colleague's export, into path: the bundled data and NEW_CITY */
static char *
write_colleague_file (CtTestDir  *dir,
                      const char *path)
{
  g_autofree char *colleague_path = g_build_filename (dir->path, "colleague.db", NULL);
  g_autoptr(CtStore) colleague = NULL;
  g_autoptr(CtCity) city = ct_city_new ();
  g_autoptr(GError) error = NULL;

  colleague = ct_bundled_open_database (colleague_path, FALSE, &error);
  g_assert_no_error (error);
  city->name = g_strdup (NEW_CITY);
  city->country = g_strdup ("PH");
  city->admin1 = g_strdup ("Western Visayas");
  city->lat = 10.69694;
  city->lon = 122.56444;
  g_assert_true (ct_store_save_city (colleague, city, &error));
  g_assert_no_error (error);
  g_assert_true (ct_exchange_export_file (colleague, path, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (city->id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = ct_test_dir_new ();
  f->database = g_build_filename (f->dir->path, "mine.db", NULL);
  store = ct_bundled_open_database (f->database, FALSE, &error);
  g_assert_no_error (error);
  f->file = g_build_filename (f->dir->path, "colleague.cityties.json", NULL);
  f->city_id = write_colleague_file (f->dir, f->file);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->database);
  g_free (f->file);
  g_free (f->city_id);
  ct_test_dir_free (f->dir);
}

/* The command line next to an open window */

static void
count_changed_cb (CtStore *store,
                  guint    what,
                  guint   *count)
{
  g_assert_cmpuint (what, !=, 0);
  (*count)++;
}

typedef struct {
  CtWindow *window;
  guint     n;
} ListedCities;

static gboolean
lists_n_cities (gpointer data)
{
  ListedCities *listed = data;

  return count_listed_cities (listed->window) == listed->n;
}

/* With the window idle, an import from the command line succeeds; the window's store notices
 * the other process's commit and the lists show the new city. The store's own changes and its
 * reads do not set the watch off. */
static void
test_cli_import_while_open (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *database_arg = g_strconcat ("--database=", f->database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", f->file, NULL);
  g_autoptr(CtStore) store = NULL;
  g_autoptr(CtStore) other = NULL;
  g_autoptr(CtCity) city = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(Child) child = NULL;
  g_autoptr(GError) error = NULL;
  ListedCities listed;
  guint changed = 0;
  guint other_changed = 0;
  CtWindow *window;
  guint before;

  store = ct_store_open (f->database, &error);
  g_assert_no_error (error);
  window = ct_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  ct_window_set_store (window, store); /* which watches the store */
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* A store on its own, without a window, watching too */
  other = ct_store_open (f->database, &error);
  g_assert_no_error (error);
  ct_store_watch_other_writers (other);
  ct_store_watch_other_writers (other); /* once is enough; twice is harmless */
  g_signal_connect (other, "changed", G_CALLBACK (count_changed_cb), &other_changed);

  before = count_listed_cities (window);
  g_assert_cmpuint (before, ==, count_cities (f->database));

  /* Reading does not count as a change */
  run_for (2);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (other_changed, ==, 0);

  /* The store's own change: its own signal, once; the watch does not report it again */
  cities = ct_store_list_cities (store, NULL, &error);
  g_assert_no_error (error);
  city = g_object_ref (g_ptr_array_index (cities, 0));
  g_free (city->notes);
  city->notes = g_strdup ("Checked with the city office.");
  g_assert_true (ct_store_save_city (store, city, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  /* ...and for the other connection it was an outside change */
  g_assert_true (wait_for_count (&other_changed, 1));
  run_for (2);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (other_changed, ==, 1);

  /* The command line, while the window has the file open */
  child = child_run (import_arg, database_arg, NULL);
  g_assert_cmpint (child->status, ==, 0);
  g_assert_nonnull (strstr (child->out, "Imported"));
  g_assert_nonnull (strstr (child->out, "1 added"));

  /* The window's store hears of it, and the list shows it */
  listed = (ListedCities) { window, before + 1 };
  g_assert_true (wait_until (lists_n_cities, &listed));
  g_assert_true (wait_for_count (&other_changed, 2));
  run_for (2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (other_changed, ==, 2);
  g_clear_object (&city);
  city = ct_store_get_city (store, f->city_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (city->name, ==, NEW_CITY);

  /* A watched store goes away cleanly, its watch with it */
  g_clear_object (&other);
  run_for (2);
  g_assert_cmpuint (changed, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* While another connection holds the write lock (what a long import in the window does), the
 * command line waits for the busy timeout (5 s, BUSY_TIMEOUT_MS in ct-store.c), then says so,
 * naming the database, and exits with 1; nothing changes. When the lock goes within the
 * timeout, it goes ahead. */
static void
test_cli_import_busy (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *database_arg = g_strconcat ("--database=", f->database, NULL);
  g_autofree char *import_arg = g_strconcat ("--import=", f->file, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(Child) child = NULL;
  guint before = count_cities (f->database);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->database, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  child = child_run (database_arg, import_arg, NULL);
  g_assert_cmpint (child->status, ==, 1);
  expected = g_strdup_printf ("%s is busy: another City Ties window or command is saving to it; "
                              "nothing was imported. Try again when it has finished.\n", f->database);
  g_assert_cmpstr (child->err, ==, expected);
  g_assert_cmpstr (child->out, ==, "");
  g_assert_cmpint (child->elapsed, >=, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (child->elapsed, <, 30 * G_USEC_PER_SEC);

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_cities (f->database), ==, before);
  g_assert_false (has_city (f->database, f->city_id));

  /* The lock goes after 1.5 s: the command waits for it and imports */
  g_clear_pointer (&child, child_free);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  child = child_start (database_arg, import_arg, NULL);
  run_for (1);
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_false (child->done);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  child_wait (child);
  g_assert_cmpint (child->status, ==, 0);
  g_assert_nonnull (strstr (child->out, "1 added"));
  g_assert_true (has_city (f->database, f->city_id));

  sqlite3_close (db);
}

/* One instance per database: the application runs here, second launches are child processes */

static CtWindow *
get_app_window (CtApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static guint
count_app_windows (CtApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CT_IS_WINDOW (l->data))
      n++;
  return n;
}

static gboolean
app_is_ready (gpointer app)
{
  CtWindow *window = get_app_window (app);

  return window && ct_application_get_store (app) && ct_window_get_store (window) == ct_application_get_store (app);
}

/* The names of the instances showing another database than the default */
static guint
count_database_names (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *name;
  guint n = 0;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ListNames", NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(as)", &iter);
  while (g_variant_iter_next (iter, "&s", &name))
    if (g_str_has_prefix (name, APP_ID ".Database_"))
      n++;
  return n;
}

static gboolean
has_n_database_names (gpointer n)
{
  return count_database_names () == GPOINTER_TO_UINT (n);
}

typedef struct {
  CtApplication *app;
  Fixture       *f;
  const char    *database_arg;     /* --database=… for the second launches, or NULL */
  const char    *alt_database_arg; /* a second way to name the same database, or NULL */
  const char    *other_database_arg; /* --database=… another database, or NULL */
  guint          activations;
  gboolean       done;
} Scenario;

static void
on_activate_cb (GApplication *app,
                Scenario     *sc)
{
  sc->activations++;
}

static void
check_second_launch (Scenario *sc)
{
  CtApplication *app = sc->app;
  CtWindow *window;
  g_autoptr(Child) child = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *basename = g_path_get_basename (sc->f->file);
  AdwMessageDialog *dialog;
  guint activations;
  guint listed;

  g_assert_true (wait_until (app_is_ready, app));
  window = get_app_window (app);
  g_assert_cmpuint (count_app_windows (app), ==, 1);
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (window)));
  activations = sc->activations;

  /* With a file: the second process hands it over and exits; the window here asks */
  child = sc->database_arg ? child_run (sc->database_arg, sc->f->file, NULL) : child_run (sc->f->file, NULL);
  g_assert_cmpint (child->status, ==, 0);
  g_assert_cmpint (child->elapsed, <, PROMPT_USEC);
  g_assert_true (wait_until (ct_test_has_dialog, window));
  dialog = ct_test_find_dialog (GTK_WINDOW (window));
  g_object_get (dialog, "heading", &heading, NULL);
  g_test_message ("asked: %s", heading);
  g_assert_nonnull (strstr (heading, basename));
  g_assert_cmpuint (count_app_windows (app), ==, 1);
  g_assert_true (get_app_window (app) == window);
  g_assert_cmpuint (sc->activations, ==, activations + 1);
  ct_test_answer (dialog, "cancel");
  g_assert_true (wait_until (ct_test_has_no_dialog, window));

  /* Without: the window here is presented, and nothing else happens */
  g_clear_pointer (&child, child_free);
  child = sc->database_arg ? child_run (sc->database_arg, NULL) : child_run (NULL);
  g_assert_cmpint (child->status, ==, 0);
  g_assert_cmpint (child->elapsed, <, PROMPT_USEC);
  g_assert_true (wait_for_count (&sc->activations, activations + 2));
  run_for (1);
  g_assert_cmpuint (sc->activations, ==, activations + 2);
  g_assert_cmpuint (count_app_windows (app), ==, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (window)));

  /* The same file by another path */
  if (sc->alt_database_arg)
    {
      g_clear_pointer (&child, child_free);
      child = child_run (sc->alt_database_arg, NULL);
      g_assert_cmpint (child->status, ==, 0);
      g_assert_cmpint (child->elapsed, <, PROMPT_USEC);
      g_assert_true (wait_for_count (&sc->activations, activations + 3));
      g_assert_cmpuint (sc->activations, ==, activations + 3);
      g_assert_cmpuint (count_app_windows (app), ==, 1);
    }

  /* Another database: an instance of its own, to which the next launch on that database goes;
   * nothing happens here */
  if (sc->other_database_arg)
    {
      g_autoptr(Child) first = child_start (sc->other_database_arg, NULL);
      g_autoptr(Child) second = NULL;

      activations = sc->activations;
      g_assert_true (ct_test_wait_until (has_n_database_names, GUINT_TO_POINTER (2), 30));
      g_assert_false (first->done);
      second = child_run (sc->other_database_arg, NULL);
      g_assert_cmpint (second->status, ==, 0);
      g_assert_cmpint (second->elapsed, <, PROMPT_USEC);
      g_assert_false (first->done);
      run_for (1);
      g_assert_cmpuint (sc->activations, ==, activations);
      g_assert_cmpuint (count_app_windows (app), ==, 1);

      g_subprocess_send_signal (first->process, SIGTERM);
      child_wait (first);
    }

  /* The command line imports while the application has the file open, and the window shows
   * the new city */
  {
    g_autofree char *import_arg = g_strconcat ("--import=", sc->f->file, NULL);
    const char *database = ct_application_get_database_path (app);
    g_autofree char *database_arg = g_strconcat ("--database=", database, NULL);
    ListedCities expect;

    listed = count_listed_cities (window);
    g_assert_cmpuint (listed, ==, count_cities (database));
    g_clear_pointer (&child, child_free);
    child = child_run (database_arg, import_arg, NULL);
    g_assert_cmpint (child->status, ==, 0);
    g_assert_nonnull (strstr (child->out, "1 added"));
    expect = (ListedCities) { window, listed + 1 };
    g_assert_true (wait_until (lists_n_cities, &expect));
    g_assert_cmpuint (count_app_windows (app), ==, 1);
  }
}

static gboolean
run_scenario_cb (gpointer data)
{
  Scenario *sc = data;

  check_second_launch (sc);
  sc->done = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (sc->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
run_application (Scenario   *sc,
                 const char *database_arg)
{
  char *argv[] = { (char *) "city-ties", (char *) database_arg, NULL };
  int status;

  sc->app = ct_application_new ();
  g_signal_connect (sc->app, "activate", G_CALLBACK (on_activate_cb), sc);
  g_timeout_add (50, run_scenario_cb, sc);
  status = g_application_run (G_APPLICATION (sc->app), database_arg ? 2 : 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (sc->done);
  g_clear_object (&sc->app);
}

/* Another database than the default (--database): the instance that shows it owns a bus name
 * of its own. A launch on another database again starts its own instance. */
static void
test_second_launch_database (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *database_arg = g_strconcat ("--database=", f->database, NULL);
  /* the same file through a symbolic link to its folder */
  g_autofree char *link = g_build_filename (f->dir->path, "link", NULL);
  g_autofree char *alt_database_arg = g_strdup_printf ("--database=%s/mine.db", link);
  g_autofree char *other = g_build_filename (f->dir->path, "other.db", NULL);
  g_autofree char *other_arg = g_strconcat ("--database=", other, NULL);
  Scenario sc = { NULL, f, database_arg, alt_database_arg, other_arg, 0, FALSE };

  g_assert_cmpint (symlink (f->dir->path, link), ==, 0);
  run_application (&sc, database_arg);
  /* The names went with the instances */
  g_assert_true (wait_until (has_n_database_names, GUINT_TO_POINTER (0)));
  g_assert_cmpint (g_unlink (link), ==, 0);
}

/* The default database: GApplication's uniqueness by the application id */
static void
test_second_launch_default (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *default_path = g_build_filename (g_get_user_data_dir (), "city-ties", "city-ties.db", NULL);
  g_autofree char *default_arg = g_strconcat ("--database=", default_path, NULL);
  Scenario sc = { NULL, f, NULL, default_arg, NULL, 0, FALSE };

  run_application (&sc, NULL);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autofree char *data_home = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* The default database of this process and its children, and a session bus of their own,
   * before anything looks for either */
  data_home = g_dir_make_tmp ("city-ties-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* There is no portal on the private bus, and libadwaita would keep its proxy for the settings
   * portal, and with it the bus connection that g_test_dbus_down() waits for, to the end */
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  {
    /* GTestDBus unsets the display along with the user's bus; the windows need it back */
    static const char *keep[] = { "DISPLAY", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR" };
    char *values[G_N_ELEMENTS (keep)];

    for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
      values[i] = g_strdup (g_getenv (keep[i]));
    bus = g_test_dbus_new (G_TEST_DBUS_NONE);
    g_test_dbus_up (bus);
    for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
      {
        if (values[i])
          g_setenv (keep[i], values[i], TRUE);
        g_free (values[i]);
      }
  }

  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/concurrency/cli-import-while-open", Fixture, NULL, fixture_set_up, test_cli_import_while_open, fixture_tear_down);
  g_test_add ("/concurrency/cli-import-busy", Fixture, NULL, fixture_set_up, test_cli_import_busy, fixture_tear_down);
  g_test_add ("/concurrency/second-launch/database", Fixture, NULL, fixture_set_up, test_second_launch_database, fixture_tear_down);
  g_test_add ("/concurrency/second-launch/default", Fixture, NULL, fixture_set_up, test_second_launch_default, fixture_tear_down);

  status = g_test_run ();

  g_test_dbus_down (bus);
  ct_test_remove_tree (data_home);
  return status;
}
