/* test-import-gui.c: importing and exporting from the window — the path the Import… dialog and a
 * drop take once the files are chosen, its progress and Cancel, and what the user reads at the
 * end (under Xvfb)
 *
 * CT_TEST_SCREENSHOTS=DIR saves the screen (ImageMagick's import -window root) at the moments to
 * look at: the progress of a large import, and the dialog of a rejected file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-exchange.h"
#include "ct-window.h"
#include "ct-window-exchange.h"

#include "test-ui-util.h"
#include "test-util.h"

#define CSV_HEADER "city_a,country_a,city_b,country_b,kind,status,signed,themes,source_url,notes,lat_a,lon_a,lat_b,lon_b\n"

typedef struct {
  CtTestDir *dir;
  CtStore   *store;
  CtWindow  *window;
} Fixture;

/* How long a wait may take: the sanitizers are slow */
#define WAIT_S 60

static gboolean
banner_shown (gpointer window)
{
  return ct_exchange_banner_is_shown (ct_window_get_exchange_banner (window));
}

static void
screenshot (CtWindow   *window,
            const char *name)
{
  const char *dir = g_getenv ("CT_TEST_SCREENSHOTS");
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;

  ct_test_wait_frames (GTK_WIDGET (window), 3);
  command = g_strdup_printf ("import -window root %s/%s.png", dir, name);
  if (!g_spawn_command_line_sync (command, NULL, NULL, NULL, &error))
    g_test_message ("no screenshot: %s", error->message);
  else
    g_test_message ("screenshot: %s/%s.png", dir, name);
}

/* The text of every label under widget, one a line */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  ct_test_collect (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (out, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));
}

/* The title of the toast on screen, or NULL */
static char *
get_toast_title (CtWindow *window)
{
  g_autoptr(GPtrArray) overlays = g_ptr_array_new ();
  AdwToastOverlay *overlay;

  ct_test_collect (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY, overlays);
  g_assert_cmpuint (overlays->len, ==, 1);
  overlay = g_ptr_array_index (overlays, 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "toast"))
      {
        g_autoptr(GPtrArray) labels = g_ptr_array_new ();

        ct_test_collect (child, GTK_TYPE_LABEL, labels);
        g_assert_cmpuint (labels->len, >, 0);
        return g_strdup (gtk_label_get_text (g_ptr_array_index (labels, 0)));
      }
  return NULL;
}

static gboolean
has_toast (gpointer window)
{
  g_autofree char *title = get_toast_title (window);
  return title != NULL;
}

/* The whole content of a store, as the native format writes it: equal texts, equal data */
static char *
dump (CtStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = ct_exchange_export_data (store, CT_FORMAT_JSON, NULL, NULL, &error);

  g_assert_no_error (error);
  return text;
}

static guint
count_cities (CtStore *store)
{
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, NULL, NULL);
  return cities->len;
}

static guint
count_partnerships (CtStore *store)
{
  g_autoptr(GPtrArray) partnerships = ct_store_list_partnerships (store, NULL, NULL);
  return partnerships->len;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = ct_test_dir_new ();
  path = g_build_filename (f->dir->path, "mine.db", NULL);
  f->store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_no_error (error);

  f->window = ct_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ct_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = ct_test_find_dialog (GTK_WINDOW (f->window))))
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  /* the worker threads' connections go before the folder does */
  ct_test_spin (50);
  g_clear_object (&f->store);
  ct_test_dir_free (f->dir);
}

/* Two ties of three cities the database does not have, one theme, one source */
static char *
write_valid_csv (Fixture    *f,
                 const char *name)
{
  return ct_test_file (f->dir, name,
                       CSV_HEADER
                       "Testville,TW,Probeburg,DE,sister_city,active,2020-05-01,Culture,https://example.org/a,,23.5,120.5,50.1,8.6\n"
                       "Testville,TW,Essaiville,FR,friendship_city,proposed,2021,,,First contact,23.5,120.5,48.1,2.3\n",
                       -1);
}

/* The menu's actions and their shortcuts are there */
static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (f->window);
  gboolean import = FALSE, export = FALSE;
  const char *name;
  g_autofree char *default_name = ct_window_get_default_export_name ();

  GType owner;
  const GVariantType *parameter_type;
  const char *property;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property); i++)
    {
      import |= g_str_equal (name, "win.import");
      export |= g_str_equal (name, "win.export");
    }
  g_assert_true (import);
  g_assert_true (export);

  /* city-ties-YYYY-MM-DD.cityties.json */
  g_test_message ("%s", default_name);
  g_assert_true (g_regex_match_simple ("^city-ties-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.cityties\\.json$", default_name, 0, 0));
}

/* A good CSV file: imported without a question, and a toast says what it did */
static void
test_import_valid (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_valid_csv (f, "ties.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *expected = NULL;
  guint cities = count_cities (f->store);
  guint partnerships = count_partnerships (f->store);

  ct_window_import_chosen_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  /* no question first: the user chose the file */
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (f->window)));
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_chosen_file_finish (f->window, result, &error);
  g_assert_no_error (error);
  g_test_message ("%u added, %u updated, %u unchanged", report->added, report->updated, report->unchanged);

  g_assert_cmpuint (count_cities (f->store), ==, cities + 3);
  g_assert_cmpuint (count_partnerships (f->store), ==, partnerships + 2);
  /* three cities, two ties, one source, and the theme if it was new */
  g_assert_cmpuint (report->added, >=, 6);
  g_assert_cmpuint (report->updated, ==, 0);

  /* What the user reads: the counts */
  toast = get_toast_title (f->window);
  expected = g_strdup_printf ("Imported “ties.csv”: %u added, 0 updated, %u unchanged", report->added, report->unchanged);
  g_test_message ("toast: %s", toast);
  g_assert_cmpstr (toast, ==, expected);
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (f->window)));
  g_assert_false (ct_exchange_banner_is_shown (ct_window_get_exchange_banner (f->window)));
}

/* A CSV file with two bad lines among good ones: nothing is imported, and the dialog lists each
 * bad line with its field and reason */
static void
test_import_rejected (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = ct_test_file (f->dir, "bad.csv",
                                        CSV_HEADER
                                        "Testville,TW,Probeburg,DE,sister_city,active,2020-05-01,Culture,,,23.5,120.5,50.1,8.6\n"
                                        "Testville,TW,Atlantis City,Atlantis,sister_city,active,2020,,,,23.5,120.5,10,10\n"
                                        "Testville,TW,Essaiville,FR,friendship_city,proposed,2021,,,,23.5,120.5,48.1,2.3\n"
                                        "Testville,TW,Essaiville,FR,twinning,active,2022,,,,23.5,120.5,48.1,2.3\n",
                                        -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *first = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *extra;

  ct_window_import_chosen_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_chosen_file_finish (f->window, result, &error);
  g_assert_null (report);
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  /* The error is the first bad line's, as the command line prints it */
  g_test_message ("%s", error->message);
  first = g_strdup_printf ("%s:3: country_b: unknown country “Atlantis”", path);
  g_assert_true (g_str_has_prefix (error->message, first));

  /* Nothing changed, not even the good lines */
  after = dump (f->store);
  g_assert_cmpstr (after, ==, before);

  dialog = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (dialog);
  g_object_get (dialog, "heading", &heading, "body", &body, NULL);
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (extra);
  collect_text (extra, text);
  g_test_message ("%s\n%s\n%s", heading, body, text->str);
  g_assert_cmpstr (heading, ==, "Nothing was imported from “bad.csv”");
  g_assert_true (g_str_has_prefix (body, "2 lines were rejected. "));
  g_assert_nonnull (strstr (body, "your database is as it was"));
  g_assert_nonnull (strstr (text->str, "Line 3, country_b\nunknown country “Atlantis”"));
  g_assert_nonnull (strstr (text->str, "Line 5, kind\nunknown kind “twinning”"));
  /* only the bad lines */
  g_assert_null (strstr (text->str, "Line 2"));
  g_assert_null (strstr (text->str, "Line 4"));
  screenshot (f->window, "import-rejected");

  ct_test_answer (dialog, "close");
}

/* Every rejected line is collected, up to the limit, and counted beyond it */
static void
test_import_rejected_many (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (CSV_HEADER);
  g_autofree char *path = NULL;
  g_autoptr(CtImportProgress) progress = ct_import_progress_new ();
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (csv, "Testville,TW,Town %u,FR,sister_city,%s,2020,,,,23.5,120.5,48.1,2.3\n",
                            i, i % 2 ? "active" : "sleeping");
  path = ct_test_file (f->dir, "many.csv", csv->str, -1);

  g_assert_false (ct_exchange_import_file_full (f->store, path, progress, NULL, NULL, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_cmpuint (ct_import_progress_get_n_rejected (progress), ==, 75);
  rejections = ct_import_progress_dup_rejections (progress);
  g_assert_cmpuint (rejections->len, ==, 75);
  g_assert_cmpuint (((CtImportRejection *) g_ptr_array_index (rejections, 0))->line, ==, 2);
  g_assert_cmpuint (((CtImportRejection *) g_ptr_array_index (rejections, 74))->line, ==, 150);
  g_assert_cmpstr (((CtImportRejection *) g_ptr_array_index (rejections, 0))->field, ==, "status");
  after = dump (f->store);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&rejections, g_ptr_array_unref);
  g_clear_object (&progress);

  for (guint i = 150; i < 400; i++)
    g_string_append_printf (csv, "Testville,TW,Town %u,FR,sister_city,sleeping,2020,,,,23.5,120.5,48.1,2.3\n", i);
  g_free (path);
  path = ct_test_file (f->dir, "many.csv", csv->str, -1);
  progress = ct_import_progress_new ();
  g_assert_false (ct_exchange_import_file_full (f->store, path, progress, NULL, NULL, &error));
  g_assert_cmpuint (ct_import_progress_get_n_rejected (progress), ==, 75 + 250);
  rejections = ct_import_progress_dup_rejections (progress);
  g_assert_cmpuint (rejections->len, ==, CT_IMPORT_MAX_REJECTIONS);
}

/* Writes a large valid CSV file: rows × one new tie with a new city */
static char *
write_large_csv (Fixture    *f,
                 const char *name,
                 guint       rows)
{
  g_autoptr(GString) csv = g_string_sized_new (rows * 140);

  g_string_append (csv, CSV_HEADER);
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "Town %u,TW,Ville %u,FR,sister_city,active,2001-02-03,culture,https://example.org/%u,row %u,%.4f,%.4f,%.4f,%.4f\n",
                            i % 5000, i, i % 100, i,
                            22 + (i % 5000) / 5000.0, 120.5 + (i % 300) / 1000.0,
                            45 + (i % 1000) / 1000.0, 2 + (i % 777) / 1000.0);
  return ct_test_file (f->dir, name, csv->str, csv->len);
}

/* A large import shows its progress after half a second, and Cancel leaves the database as it
 * was */
static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = write_large_csv (f, "big.csv", 100000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autofree char *toast = NULL;
  CtExchangeBanner *banner = ct_window_get_exchange_banner (f->window);
  GtkWidget *cancel = ct_exchange_banner_get_cancel_button (banner);
  gint64 start = g_get_monotonic_time ();
  gint64 shown;

  ct_window_import_chosen_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_false (ct_exchange_banner_is_shown (banner));
  g_assert_true (ct_test_wait_until (banner_shown, f->window, WAIT_S));
  shown = g_get_monotonic_time ();
  g_test_message ("progress shown after %.2f s", (shown - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (shown - start, >=, 450 * 1000);
  g_assert_null (result);

  /* The window stays responsive: frames are drawn while the worker reads */
  ct_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpint (g_get_monotonic_time () - shown, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpstr (ct_exchange_banner_get_title (banner), ==, "Importing “big.csv”");
  g_test_message ("%s: %s (%.2f)", ct_exchange_banner_get_title (banner), ct_exchange_banner_get_detail (banner),
                  ct_exchange_banner_get_fraction (banner));
  g_assert_cmpfloat (ct_exchange_banner_get_fraction (banner), >=, 0.0);
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_is_sensitive (cancel));
  screenshot (f->window, "import-progress");

  /* What a click on Cancel does */
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_false (gtk_widget_is_sensitive (cancel));
  g_assert_cmpstr (ct_exchange_banner_get_detail (banner), ==, "Cancelling…");

  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  report = ct_window_import_chosen_file_finish (f->window, result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("cancelled after %.2f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  toast = get_toast_title (f->window);
  g_assert_cmpstr (toast, ==, "Import cancelled: nothing was changed");
  g_assert_null (ct_test_find_dialog (GTK_WINDOW (f->window)));
  g_assert_false (ct_exchange_banner_is_shown (banner));

  after = dump (f->store);
  g_assert_true (g_str_equal (after, before));
}

static GtkDropTarget *
get_drop_target (CtWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

static gboolean
has_toast_and_no_dialog (gpointer window)
{
  return has_toast (window) && !ct_test_has_dialog (window);
}

/* Files dropped on the window: the window shows where to drop while they are over it; a file it
 * cannot read is named in a dialog; the others are imported after it, one after another */
static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *csv = write_valid_csv (f, "ties.csv");
  g_autofree char *other = ct_test_file (f->dir, "more.csv",
                                         CSV_HEADER
                                         "Testville,TW,Probeburg,DE,mou,active,2023,,,,,,,\n",
                                         -1);
  g_autofree char *photo = ct_test_file (f->dir, "photo.png", "not a picture", -1);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo);
  g_autoptr(GSList) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *toast = NULL;
  GtkDropTarget *target = get_drop_target (f->window);
  GtkWidget *overlay;
  GdkDragAction action = 0;
  gboolean dropped = FALSE;
  guint partnerships = count_partnerships (f->store);
  g_autoptr(GPtrArray) overlays = g_ptr_array_new ();

  ct_test_collect (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY, overlays);
  overlay = g_ptr_array_index (overlays, 0);

  /* Over the window: a highlight and a hint */
  g_signal_emit_by_name (target, "enter", 300.0, 300.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (overlay, "ct-drop-active"));
  g_assert_true (ct_exchange_banner_is_shown (ct_window_get_exchange_banner (f->window)));
  g_assert_cmpstr (ct_exchange_banner_get_title (ct_window_get_exchange_banner (f->window)), ==,
                   "Drop files here to import them into your database");
  screenshot (f->window, "drop-hint");

  files = g_slist_append (files, csv_file);
  files = g_slist_append (files, photo_file);
  files = g_slist_append (files, other_file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 300.0, 300.0, &dropped);
  g_assert_true (dropped);
  g_assert_false (gtk_widget_has_css_class (overlay, "ct-drop-active"));

  /* The file it cannot read, by name; nothing imported before it has been read */
  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  g_object_get (ct_test_find_dialog (GTK_WINDOW (f->window)), "heading", &heading, "body", &body, NULL);
  g_test_message ("%s\n%s", heading, body);
  g_assert_cmpstr (heading, ==, "“photo.png” cannot be imported");
  g_assert_nonnull (strstr (body, ".csv"));
  ct_test_spin (200);
  g_assert_cmpuint (count_partnerships (f->store), ==, partnerships);
  ct_test_answer (ct_test_find_dialog (GTK_WINDOW (f->window)), "close");

  /* Then both files, in turn, and one toast for the two */
  g_assert_true (ct_test_wait_until (has_toast_and_no_dialog, f->window, WAIT_S));
  g_assert_cmpuint (count_partnerships (f->store), ==, partnerships + 3);
  toast = get_toast_title (f->window);
  g_test_message ("toast: %s", toast);
  g_assert_true (g_str_has_prefix (toast, "Imported 2 files: "));
}

/* Export writes a file that imports back, into an empty database, to the same content */
static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir->path, "copy.cityties.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) fresh = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  CtExportSummary summary = { 0 };

  ct_window_export_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  g_assert_true (ct_window_export_file_finish (f->window, result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_cities, ==, count_cities (f->store));
  g_assert_cmpuint (summary.n_partnerships, ==, count_partnerships (f->store));
  g_assert_cmpuint (summary.n_left_out, ==, 0);

  toast = get_toast_title (f->window);
  expected = g_strdup_printf ("Exported %u cities and %u ties to “copy.cityties.json”", summary.n_cities, summary.n_partnerships);
  g_test_message ("toast: %s", toast);
  g_assert_cmpstr (toast, ==, expected);

  /* No temporary file left beside it */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir->path, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)))
      g_assert_true (g_str_has_prefix (name, "mine.db") || g_str_equal (name, "copy.cityties.json"));
  }

  fresh = ct_test_open_store (f->dir, "fresh.db");
  g_assert_cmpuint (count_cities (fresh), ==, 0);
  g_assert_true (ct_exchange_import_file (fresh, path, NULL, NULL, &error));
  g_assert_no_error (error);
  mine = dump (f->store);
  theirs = dump (fresh);
  g_assert_true (g_str_equal (mine, theirs));
}

/* CSV holds ties between two cities only: an export says how many it left out */
static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir->path, "ties.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CtPartnership) p = ct_partnership_new ();
  g_autoptr(GPtrArray) cities = ct_store_list_cities (f->store, NULL, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  CtExportSummary summary = { 0 };

  /* A forum of three cities */
  p->kind = CT_KIND_FORUM;
  p->status = CT_STATUS_ACTIVE;
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (p->parties, ct_party_new (CT_CITY (g_ptr_array_index (cities, i))->id, NULL));
  g_assert_true (ct_store_save_partnership (f->store, p, &error));
  g_assert_no_error (error);

  ct_window_export_file_async (f->window, file, NULL, ct_test_on_result_cb, &result);
  g_assert_true (ct_test_wait_until (ct_test_has_result, &result, WAIT_S));
  g_assert_true (ct_window_export_file_finish (f->window, result, &summary, &error));
  g_assert_cmpuint (summary.n_left_out, >=, 1);
  g_assert_cmpuint (summary.n_partnerships + summary.n_left_out, ==, count_partnerships (f->store));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_true (ct_test_wait_until (ct_test_has_dialog, f->window, WAIT_S));
  g_object_get (ct_test_find_dialog (GTK_WINDOW (f->window)), "heading", &heading, "body", &body, NULL);
  g_test_message ("%s\n%s", heading, body);
  g_assert_true (g_str_has_prefix (heading, "Exported "));
  g_assert_true (g_str_has_suffix (heading, " to “ties.csv”"));
  g_assert_nonnull (strstr (body, "left out"));
  ct_test_answer (ct_test_find_dialog (GTK_WINDOW (f->window)), "close");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/import-gui/actions", Fixture, NULL, fixture_set_up, test_actions, fixture_tear_down);
  g_test_add ("/import-gui/valid", Fixture, NULL, fixture_set_up, test_import_valid, fixture_tear_down);
  g_test_add ("/import-gui/rejected", Fixture, NULL, fixture_set_up, test_import_rejected, fixture_tear_down);
  g_test_add ("/import-gui/rejected-many", Fixture, NULL, fixture_set_up, test_import_rejected_many, fixture_tear_down);
  g_test_add ("/import-gui/cancel", Fixture, NULL, fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/import-gui/drop", Fixture, NULL, fixture_set_up, test_drop, fixture_tear_down);
  g_test_add ("/import-gui/export-round-trip", Fixture, NULL, fixture_set_up, test_export_round_trip, fixture_tear_down);
  g_test_add ("/import-gui/export-csv", Fixture, NULL, fixture_set_up, test_export_csv, fixture_tear_down);

  return g_test_run ();
}
