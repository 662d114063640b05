/* test-open.c: opening a City Ties file from the file manager asks, then imports it (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ct-application.h"
#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-exchange.h"
#include "ct-window.h"

#include "test-ui-util.h"
#include "test-util.h"

/* A city the bundled dataset does not have, added by a colleague */
#define NEW_CITY "Iloilo City"

typedef struct {
  CtTestDir *dir;
  CtStore   *store;
  CtWindow  *window;
  char      *file;     /* the colleague's export: the bundled data and NEW_CITY */
  char      *city_id;  /* NEW_CITY's */
} Fixture;

/* How long a wait may take */
#define WAIT_S 10

static guint
count_cities (CtStore *store)
{
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, NULL, NULL);
  return cities->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) colleague = NULL;
  g_autoptr(CtCity) city = ct_city_new ();
  g_autofree char *path = NULL;
  g_autofree char *colleague_path = NULL;

  f->dir = ct_test_dir_new ();
  path = g_build_filename (f->dir->path, "mine.db", NULL);
  f->store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_no_error (error);

  /* A colleague's database: the bundled data and one more city, exported as a native file */
  colleague_path = g_build_filename (f->dir->path, "colleague.db", NULL);
  colleague = ct_bundled_open_database (colleague_path, FALSE, &error);
  g_assert_no_error (error);
  city->name = g_strdup (NEW_CITY);
  city->country = g_strdup ("PH");
  city->admin1 = g_strdup ("Western Visayas");
  city->lat = 10.69694;
  city->lon = 122.56444;
  g_assert_true (ct_store_save_city (colleague, city, &error));
  g_assert_no_error (error);
  f->city_id = g_strdup (city->id);
  f->file = g_build_filename (f->dir->path, "colleague.cityties.json", NULL);
  g_assert_true (ct_exchange_export_file (colleague, f->file, NULL, &error));
  g_assert_no_error (error);

  f->window = ct_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ct_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = ct_test_find_dialog (GTK_WINDOW (f->window))))
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->file);
  g_free (f->city_id);
  ct_test_dir_free (f->dir);
}

/* Import: the question names the file; after it, the new city is in the database */
static void
test_open_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(CtCity) city = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint before = count_cities (f->store);

  ct_window_import_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  dialog = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_object_get (dialog, "heading", &heading, NULL);
  g_test_message ("asked: %s", heading);
  g_assert_nonnull (strstr (heading, "colleague.cityties.json"));
  /* Nothing happens before the ct_test_answer */
  g_assert_null (result);
  g_assert_null (ct_store_get_city (f->store, f->city_id, NULL));

  ct_test_answer (dialog, "import");
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_file_finish (f->window, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_test_message ("%u added, %u updated, %u unchanged", report->added, report->updated, report->unchanged);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->updated, ==, 0);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  city = ct_store_get_city (f->store, f->city_id, NULL);
  g_assert_nonnull (city);
  g_assert_cmpstr (city->name, ==, NEW_CITY);
  g_assert_cmpuint (count_cities (f->store), ==, before + 1);
  /* The outcome is a toast, not another dialog */
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (f->window)));
}

/* Cancel: nothing is imported */
static void
test_open_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_cities (f->store);

  ct_window_import_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  ct_test_answer (ct_test_find_dialog (GTK_WINDOW (f->window)), "cancel");

  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_file_finish (f->window, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_assert_null (ct_store_get_city (f->store, f->city_id, NULL));
  g_assert_cmpuint (count_cities (f->store), ==, before);
  g_assert_true (ct_test_wait_until (ct_test_has_no_dialog, f->window, WAIT_S));
}

/* A file with a mistake: a dialog tells where it is, and nothing is imported, not even the
 * file's good records */
static void
test_open_rejected (Fixture       *f,
                    gconstpointer  data)
{
  static const char bad[] =
    "{\n"
    "  \"format\": \"io.github.cityties.CityTies\",\n"
    "  \"version\": 1,\n"
    "  \"cities\": [\n"
    "    { \"id\": \"6f1c2a0e-5b7d-4c3e-9a51-3d2f8e7b1a01\", \"name\": \"Iloilo City\", \"country\": \"PH\",\n"
    "      \"lat\": 10.69694, \"lon\": 122.56444,\n"
    "      \"created\": \"2026-11-20T00:00:00.000Z\", \"updated\": \"2026-11-20T00:00:00.000Z\" },\n"
    "    { \"id\": \"6f1c2a0e-5b7d-4c3e-9a51-3d2f8e7b1a02\", \"name\": \"Bacolod\", \"country\": \"PH\",\n"
    "      \"lat\": 110.67, \"lon\": 122.95,\n"
    "      \"created\": \"2026-11-20T00:00:00.000Z\", \"updated\": \"2026-11-20T00:00:00.000Z\" }\n"
    "  ]\n"
    "}\n";
  g_autofree char *path = ct_test_file (f->dir, "mistake.cityties.json", bad, -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint before = count_cities (f->store);

  ct_window_import_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  ct_test_answer (ct_test_find_dialog (GTK_WINDOW (f->window)), "import");

  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_file_finish (f->window, result, &error);
  g_assert_nonnull (error);
  g_assert_null (report);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == CT_ERROR);

  /* The problem, with the file, the line and the field */
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  dialog = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_object_get (dialog, "heading", &heading, "body", &body, NULL);
  g_test_message ("%s: %s", heading, body);
  g_assert_nonnull (strstr (heading, "mistake.cityties.json"));
  g_assert_cmpstr (body, ==, error->message);
  g_assert_nonnull (strstr (body, "mistake.cityties.json:8: cities[1]: lat:"));
  ct_test_answer (dialog, "close");

  g_assert_null (ct_store_get_city (f->store, "6f1c2a0e-5b7d-4c3e-9a51-3d2f8e7b1a01", NULL));
  g_assert_cmpuint (count_cities (f->store), ==, before);
}

/* Records changed here since the colleague's export stay as they are, and the outcome lists them
 * in a dialog rather than a toast */
static void
test_open_conflicts (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->file);
  g_autoptr(GPtrArray) cities = ct_store_list_cities (f->store, NULL, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_changed = 13;

  /* More than the dialog lists */
  g_assert_cmpuint (cities->len, >, n_changed);
  for (guint i = 0; i < n_changed; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      g_free (city->notes);
      city->notes = g_strdup ("Checked with the city office.");
      g_assert_true (ct_store_save_city (f->store, city, &error));
      g_assert_no_error (error);
    }

  ct_window_import_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  ct_test_answer (ct_test_find_dialog (GTK_WINDOW (f->window)), "import");
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_file_finish (f->window, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, n_changed);

  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  dialog = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_object_get (dialog, "heading", &heading, "body", &body, NULL);
  g_test_message ("%s\n%s", heading, body);
  g_assert_cmpstr (heading, ==, "Imported “colleague.cityties.json”");
  g_assert_true (g_str_has_prefix (body, "1 added, 0 updated,"));
  g_assert_nonnull (strstr (body, (const char *) g_ptr_array_index (report->conflicts, 0)));
  g_assert_true (g_str_has_suffix (body, "\n… and 1 more"));
  ct_test_answer (dialog, "close");

  for (guint i = 0; i < n_changed; i++)
    {
      g_autoptr(CtCity) city = ct_store_get_city (f->store, CT_CITY (g_ptr_array_index (cities, i))->id, NULL);

      g_assert_cmpstr (city->notes, ==, "Checked with the city office.");
    }
}

/* The whole way, as the file manager goes: the application started with the file, which waits
 * for the database to open, asks, and imports */
typedef struct {
  CtApplication *app;
  const char    *city_id;
  gboolean       asked;
  gboolean       imported;
  gint64         deadline;
} AppRun;

static CtWindow *
get_app_window (CtApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (CT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
drive_application_cb (gpointer user_data)
{
  AppRun *run = user_data;
  CtWindow *window = get_app_window (run->app);
  CtStore *store = ct_application_get_store (run->app);
  AdwMessageDialog *dialog;

  if (g_get_monotonic_time () > run->deadline)
    {
      g_test_message ("gave up: asked %d, imported %d", run->asked, run->imported);
      g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
      return G_SOURCE_REMOVE;
    }

  if (!run->asked && window && (dialog = ct_test_find_dialog (GTK_WINDOW (window))))
    {
      /* The question comes once the database is open */
      g_assert_nonnull (store);
      g_assert_true (ct_window_get_store (window) == store);
      g_assert_null (ct_store_get_city (store, run->city_id, NULL));
      run->asked = TRUE;
      ct_test_answer (dialog, "import");
    }
  else if (run->asked && store)
    {
      g_autoptr(CtCity) city = ct_store_get_city (store, run->city_id, NULL);

      if (city)
        {
          run->imported = TRUE;
          g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
          return G_SOURCE_REMOVE;
        }
    }

  return G_SOURCE_CONTINUE;
}

static void
test_open_application (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CtApplication) app = ct_application_new ();
  g_autofree char *database = g_build_filename (f->dir->path, "app.db", NULL);
  char *argv[] = { (char *) "city-ties", f->file, NULL };
  AppRun run = { app, f->city_id, FALSE, FALSE, g_get_monotonic_time () + 30 * G_USEC_PER_SEC };
  g_autoptr(CtStore) store = NULL;
  g_autoptr(CtCity) city = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* A database that does not exist yet: filled from the bundled data on a worker thread while
   * the window shows, so the file waits for it */
  ct_application_set_database_path (app, database);
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (20, drive_application_cb, &run);
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.asked);
  g_assert_true (run.imported);

  store = ct_store_open (database, &error);
  g_assert_no_error (error);
  city = ct_store_get_city (store, f->city_id, NULL);
  g_assert_nonnull (city);
  g_assert_cmpstr (city->name, ==, NEW_CITY);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();
  /* No flights in tests */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/open/import", Fixture, NULL, fixture_set_up, test_open_import, fixture_tear_down);
  g_test_add ("/open/cancel", Fixture, NULL, fixture_set_up, test_open_cancel, fixture_tear_down);
  g_test_add ("/open/rejected", Fixture, NULL, fixture_set_up, test_open_rejected, fixture_tear_down);
  g_test_add ("/open/conflicts", Fixture, NULL, fixture_set_up, test_open_conflicts, fixture_tear_down);
  g_test_add ("/open/application", Fixture, NULL, fixture_set_up, test_open_application, fixture_tear_down);

  return g_test_run ();
}
