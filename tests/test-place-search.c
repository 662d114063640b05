/* test-place-search.c: the place search and the Add City dialog on the bundled gazetteer (under Xvfb)
 *
 * CT_TEST_SCREENSHOT_DIR=/tmp saves what the dialog looks like there as PNG files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "ct-add-city-dialog.h"
#include "ct-bundled.h"
#include "ct-gazetteer.h"
#include "ct-history.h"
#include "ct-place-search.h"

#include "test-ui-util.h"
#include "test-util.h"

/* A city of the database as the window hands it to the gazetteer; not the bundled Kaohsiung */
#define KAOHSIUNG_ID "8f0c3c1e-7d1a-4c7e-9c55-2b1f0e6a4d10"

typedef struct {
  CtGazetteer   *gazetteer;
  GtkWidget     *window;
  CtPlaceSearch *search;
} SearchFixture;

typedef struct {
  CtTestDir       *dir;
  CtStore         *store;
  CtHistory       *history;
  CtGazetteer     *gazetteer;
  GtkWidget       *parent;
  CtAddCityDialog *dialog;
} DialogFixture;

/* Helpers */

static CtGazetteer *
load_gazetteer (void)
{
  g_autoptr(GError) error = NULL;
  CtGazetteer *gazetteer = ct_gazetteer_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (gazetteer);
  return gazetteer;
}

static GPtrArray *
find_all (gpointer widget,
          GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  ct_test_collect (GTK_WIDGET (widget), type, found);
  return found;
}

static GtkSearchEntry *
get_entry (gpointer widget)
{
  g_autoptr(GPtrArray) entries = find_all (widget, GTK_TYPE_SEARCH_ENTRY);

  g_assert_cmpuint (entries->len, ==, 1);
  return g_ptr_array_index (entries, 0);
}

/* Return in the entry: its text emits activate, which the entry passes on */
static void
press_return (GtkSearchEntry *entry)
{
  g_autoptr(GPtrArray) texts = find_all (entry, GTK_TYPE_TEXT);

  g_assert_cmpuint (texts->len, ==, 1);
  g_signal_emit_by_name (g_ptr_array_index (texts, 0), "activate");
}

/* The rows of the list of matches */
static GPtrArray *
get_rows (CtPlaceSearch *search)
{
  g_autoptr(GPtrArray) lists = find_all (search, GTK_TYPE_LIST_BOX);

  g_assert_cmpuint (lists->len, ==, 1);
  return find_all (g_ptr_array_index (lists, 0), GTK_TYPE_LIST_BOX_ROW);
}

/* Whether a label under widget shows text */
static gboolean
has_label (gpointer    widget,
           const char *text)
{
  g_autoptr(GPtrArray) labels = find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_is_drawable (g_ptr_array_index (labels, i)) &&
        g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a label under widget shows a text that ends with suffix */
static gboolean
has_label_ending (gpointer    widget,
                  const char *suffix)
{
  g_autoptr(GPtrArray) labels = find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_suffix (gtk_label_get_text (g_ptr_array_index (labels, i)), suffix))
      return TRUE;
  return FALSE;
}

/* The position of the first match named name, or -1 */
static int
find_match (CtPlaceSearch *search,
            const char    *name)
{
  GListModel *matches = ct_place_search_get_matches (search);

  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CtCity) city = g_list_model_get_item (matches, i);

      if (g_strcmp0 (city->name, name) == 0)
        return i;
    }
  return -1;
}

static CtCity *
get_match (CtPlaceSearch *search,
           guint          position)
{
  CtCity *city = g_list_model_get_item (ct_place_search_get_matches (search), position);

  g_assert_nonnull (city);
  return city;
}

/* The title of the empty state shown, or NULL when the matches are */
static const char *
get_empty_title (CtPlaceSearch *search)
{
  g_autoptr(GPtrArray) pages = find_all (search, ADW_TYPE_STATUS_PAGE);

  g_assert_cmpuint (pages->len, ==, 1);
  if (!gtk_widget_get_mapped (g_ptr_array_index (pages, 0)))
    return NULL;
  return adw_status_page_get_title (g_ptr_array_index (pages, 0));
}

static void
remember_city_cb (CtPlaceSearch  *search,
                  CtCity         *city,
                  CtCity        **out)
{
  g_assert_true (CT_IS_CITY (city));
  g_set_object (out, city);
}

static void
remember_id_cb (gpointer    object,
                const char *id,
                char      **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  const char *dir = g_getenv ("CT_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  graphene_rect_t bounds;

  if (dir == NULL)
    return;

  ct_test_wait_frames (window, 3);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  /* with the window's shadow, as the desktop shows it */
  gsk_render_node_get_bounds (node, &bounds);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, &bounds);

  file = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The search alone */

static void
search_set_up (SearchFixture *f,
               gconstpointer  data)
{
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->gazetteer = load_gazetteer ();
  f->search = CT_PLACE_SEARCH (ct_place_search_new ());
  ct_place_search_set_gazetteer (f->search, f->gazetteer);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 420, 560);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->search));
  gtk_window_present (GTK_WINDOW (f->window));
  ct_test_wait_frames (f->window, 2);
}

static void
search_tear_down (SearchFixture *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->search), (gpointer *) &f->search);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Nothing keeps the search alive, and it lets go of the gazetteer */
  g_assert_null (f->search);
  g_assert_finalize_object (f->gazetteer);
}

/* Kaohsiung as the window gives it to the gazetteer, with its local name */
static void
add_kaohsiung (CtGazetteer *gazetteer)
{
  g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);
  CtCity *kaohsiung = ct_city_new ();

  kaohsiung->id = g_strdup (KAOHSIUNG_ID);
  kaohsiung->name = g_strdup ("Kaohsiung");
  kaohsiung->local_name = g_strdup ("高雄市");
  kaohsiung->country = g_strdup ("TW");
  kaohsiung->lat = 22.6273;
  kaohsiung->lon = 120.3014;
  g_ptr_array_add (cities, kaohsiung);
  ct_gazetteer_set_cities (gazetteer, cities);
}

static void
test_search_empty_states (SearchFixture *f,
                          gconstpointer  data)
{
  g_assert_cmpstr (get_empty_title (f->search), ==, "Type a place name");
  g_assert_cmpuint (g_list_model_get_n_items (ct_place_search_get_matches (f->search)), ==, 0);

  ct_place_search_set_text (f->search, "xqzxqzxqz");
  ct_test_wait_frames (f->window, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ct_place_search_get_matches (f->search)), ==, 0);
  g_assert_cmpstr (get_empty_title (f->search), ==, "No places match “xqzxqzxqz”");

  /* Blank is nothing typed */
  ct_place_search_set_text (f->search, "   ");
  ct_test_wait_frames (f->window, 1);
  g_assert_cmpstr (get_empty_title (f->search), ==, "Type a place name");
}

static void
test_search_prefix (SearchFixture *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CtCity) city = NULL;
  int position;

  ct_place_search_set_text (f->search, "kaohs");
  ct_test_wait_frames (f->window, 1);
  g_assert_null (get_empty_title (f->search));

  position = find_match (f->search, "Kaohsiung");
  g_assert_cmpint (position, >=, 0);
  city = get_match (f->search, position);
  g_assert_null (city->id);
  g_assert_cmpstr (city->country, ==, "TW");
  g_assert_true (ct_latitude_is_valid (city->lat) && city->lat > 22 && city->lat < 23.5);
  g_assert_true (city->lon > 120 && city->lon < 121);

  /* and on screen: its name and where it is, no "Already added" */
  rows = get_rows (f->search);
  g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (ct_place_search_get_matches (f->search)));
  g_assert_cmpuint (rows->len, <=, CT_PLACE_SEARCH_MAX_MATCHES);
  g_assert_true (has_label (g_ptr_array_index (rows, position), "Kaohsiung"));
  g_assert_false (has_label (g_ptr_array_index (rows, position), "Already added"));
  g_assert_true (has_label_ending (g_ptr_array_index (rows, position), " · Taiwan"));
}

static void
test_search_words (SearchFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CtCity) city = NULL;
  int position;

  ct_place_search_set_text (f->search, "da nang");
  ct_test_wait_frames (f->window, 1);

  position = find_match (f->search, "Da Nang");
  g_assert_cmpint (position, >=, 0);
  city = get_match (f->search, position);
  g_assert_cmpstr (city->country, ==, "VN");
  rows = get_rows (f->search);
  g_assert_true (has_label (g_ptr_array_index (rows, position), "Da Nang"));
}

static void
test_search_existing_city (SearchFixture *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CtCity) first = NULL;

  add_kaohsiung (f->gazetteer);
  ct_place_search_set_text (f->search, "高雄");
  ct_test_wait_frames (f->window, 1);

  g_assert_cmpuint (g_list_model_get_n_items (ct_place_search_get_matches (f->search)), >=, 1);
  first = get_match (f->search, 0);
  g_assert_cmpstr (first->id, ==, KAOHSIUNG_ID);
  g_assert_cmpstr (first->name, ==, "Kaohsiung");
  g_assert_cmpstr (first->local_name, ==, "高雄市");

  rows = get_rows (f->search);
  g_assert_true (has_label (g_ptr_array_index (rows, 0), "Kaohsiung"));
  g_assert_true (has_label (g_ptr_array_index (rows, 0), "高雄市"));
  g_assert_true (has_label (g_ptr_array_index (rows, 0), "Already added"));
}

static void
test_search_return (SearchFixture *f,
                    gconstpointer  data)
{
  g_autoptr(CtCity) chosen = NULL;
  g_autoptr(CtCity) first = NULL;
  GtkSearchEntry *entry = get_entry (f->search);

  g_signal_connect (f->search, "chosen", G_CALLBACK (remember_city_cb), &chosen);

  /* Return with nothing typed picks nothing */
  g_assert_true (ct_place_search_grab_focus (f->search));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), GTK_WIDGET (entry)));
  press_return (entry);
  g_assert_null (chosen);

  /* Typed, and Return at once (before the search delay): the first match of what is typed */
  gtk_editable_set_text (GTK_EDITABLE (entry), "da nang");
  press_return (entry);
  g_assert_nonnull (chosen);
  first = get_match (f->search, 0);
  g_assert_cmpstr (chosen->name, ==, first->name);
  g_assert_cmpstr (chosen->name, ==, "Da Nang");
  g_assert_null (chosen->id);
  g_assert_cmpfloat (chosen->lat, ==, first->lat);
  g_assert_cmpfloat (chosen->lon, ==, first->lon);
  /* a copy the handler may change */
  g_assert_true (chosen != first);
}

static void
test_search_escape (SearchFixture *f,
                    gconstpointer  data)
{
  GtkSearchEntry *entry = get_entry (f->search);
  guint stopped = 0;

  g_signal_connect (f->search, "stop-search", G_CALLBACK (count_cb), &stopped);

  ct_place_search_set_text (f->search, "kaohs");
  g_assert_cmpuint (g_list_model_get_n_items (ct_place_search_get_matches (f->search)), >, 0);

  /* Escape clears what was typed, then (in the empty entry) stops */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (ct_place_search_get_text (f->search), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (ct_place_search_get_matches (f->search)), ==, 0);
  g_assert_cmpuint (stopped, ==, 0);
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpuint (stopped, ==, 1);
}

static void
test_search_cities_only (SearchFixture *f,
                         gconstpointer  data)
{
  GListModel *matches = ct_place_search_get_matches (f->search);

  add_kaohsiung (f->gazetteer);
  g_object_set (f->search, "cities-only", TRUE, NULL);
  g_assert_true (ct_place_search_get_cities_only (f->search));

  ct_place_search_set_text (f->search, "kaohs");
  ct_test_wait_frames (f->window, 1);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  {
    g_autoptr(CtCity) city = get_match (f->search, 0);
    g_assert_cmpstr (city->id, ==, KAOHSIUNG_ID);
  }

  ct_place_search_set_text (f->search, "da nang");
  ct_test_wait_frames (f->window, 1);
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);
  g_assert_cmpstr (get_empty_title (f->search), ==, "No cities match “da nang”");
}

/* The dialog */

static void
dialog_set_up (DialogFixture *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->dir = ct_test_dir_new ();
  f->store = ct_test_open_store (f->dir, "add-city.db");
  g_assert_true (ct_bundled_import (f->store, NULL, &error));
  g_assert_no_error (error);
  f->history = ct_history_new (f->store);
  f->gazetteer = load_gazetteer ();
  {
    /* as the window does */
    g_autoptr(GPtrArray) cities = ct_store_list_cities (f->store, NULL, &error);

    g_assert_no_error (error);
    ct_gazetteer_set_cities (f->gazetteer, cities);
  }

  /* a stand-in for the main window */
  f->parent = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->parent), 900, 700);
  gtk_window_set_child (GTK_WINDOW (f->parent), adw_status_page_new ());
  gtk_window_present (GTK_WINDOW (f->parent));

  f->dialog = CT_ADD_CITY_DIALOG (ct_add_city_dialog_new (GTK_WINDOW (f->parent), f->gazetteer, f->history));
  g_object_add_weak_pointer (G_OBJECT (f->dialog), (gpointer *) &f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
  ct_test_wait_frames (GTK_WIDGET (f->dialog), 2);
}

static void
dialog_tear_down (DialogFixture *f,
                  gconstpointer  data)
{
  if (f->dialog)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  gtk_window_destroy (GTK_WINDOW (f->parent));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Nothing keeps the dialog alive, and it lets go of what it was given */
  g_assert_null (f->dialog);
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->gazetteer);
  g_assert_finalize_object (f->store);
  ct_test_dir_free (f->dir);
}

static guint
count_cities (CtStore *store)
{
  g_autoptr(GPtrArray) all = ct_store_list_cities (store, NULL, NULL);

  return all->len;
}

static CtCity *
find_city (CtStore    *store,
           const char *name)
{
  g_autoptr(GPtrArray) all = ct_store_list_cities (store, NULL, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (CT_CITY (g_ptr_array_index (all, i))->name, name) == 0)
      return g_object_ref (g_ptr_array_index (all, i));
  return NULL;
}

static void
test_dialog_new_place (DialogFixture *f,
                       gconstpointer  data)
{
  CtPlaceSearch *search = ct_add_city_dialog_get_place_search (f->dialog);
  g_autoptr(CtCity) place = NULL;
  g_autoptr(CtCity) saved = NULL;
  g_autoptr(CtCity) after_undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *added = NULL;
  g_autofree char *chosen = NULL;
  guint before = count_cities (f->store);

  g_signal_connect (f->dialog, "city-added", G_CALLBACK (remember_id_cb), &added);
  g_signal_connect (f->dialog, "city-chosen", G_CALLBACK (remember_id_cb), &chosen);
  g_assert_false (ct_history_get_can_undo (f->history));

  /* Nha Trang is not in the bundled data */
  ct_place_search_set_text (search, "nha trang");
  place = get_match (search, 0);
  g_assert_cmpstr (place->name, ==, "Nha Trang");
  g_assert_null (place->id);
  g_assert_null (find_city (f->store, "Nha Trang"));

  press_return (get_entry (search));
  g_assert_nonnull (added);
  g_assert_null (chosen);
  g_assert_null (f->dialog);

  /* Saved, with the place's coordinates, as one step of the history */
  g_assert_true (ct_history_get_can_undo (f->history));
  g_assert_cmpstr (ct_history_get_undo_label (f->history), ==, "Add Nha Trang");
  g_assert_cmpuint (count_cities (f->store), ==, before + 1);
  saved = ct_store_get_city (f->store, added, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->name, ==, "Nha Trang");
  g_assert_cmpstr (saved->country, ==, "VN");
  g_assert_cmpstr (saved->admin1, ==, place->admin1);
  g_assert_cmpfloat_with_epsilon (saved->lat, place->lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (saved->lon, place->lon, 1e-9);

  /* Undo takes it away */
  g_assert_true (ct_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_cities (f->store), ==, before);
  after_undo = find_city (f->store, "Nha Trang");
  g_assert_null (after_undo);
}

static void
test_dialog_existing_city (DialogFixture *f,
                           gconstpointer  data)
{
  CtPlaceSearch *search = ct_add_city_dialog_get_place_search (f->dialog);
  g_autoptr(CtCity) da_nang = find_city (f->store, "Da Nang");
  g_autoptr(CtCity) first = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *added = NULL;
  g_autofree char *chosen = NULL;
  guint before = count_cities (f->store);

  g_assert_nonnull (da_nang);
  g_signal_connect (f->dialog, "city-added", G_CALLBACK (remember_id_cb), &added);
  g_signal_connect (f->dialog, "city-chosen", G_CALLBACK (remember_id_cb), &chosen);

  /* The dialog told the gazetteer about the cities of the database */
  ct_place_search_set_text (search, "da nang");
  ct_test_wait_frames (GTK_WIDGET (f->dialog), 1);
  first = get_match (search, 0);
  g_assert_cmpstr (first->id, ==, da_nang->id);
  rows = get_rows (search);
  g_assert_true (has_label (g_ptr_array_index (rows, 0), "Already added"));

  /* Choosing it (a click on the row) selects it: nothing is saved */
  g_signal_emit_by_name (gtk_widget_get_parent (g_ptr_array_index (rows, 0)), "row-activated",
                         g_ptr_array_index (rows, 0));
  g_assert_cmpstr (chosen, ==, da_nang->id);
  g_assert_null (added);
  g_assert_null (f->dialog);
  g_assert_cmpuint (count_cities (f->store), ==, before);
  g_assert_false (ct_history_get_can_undo (f->history));
}

static void
test_dialog_place_on_map (DialogFixture *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = find_all (f->dialog, ADW_TYPE_ACTION_ROW);
  guint placed = 0;

  g_signal_connect (f->dialog, "place-on-map", G_CALLBACK (count_cb), &placed);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "Place on the _Map Instead");
  adw_action_row_activate (g_ptr_array_index (rows, 0));
  g_assert_cmpuint (placed, ==, 1);
  g_assert_null (f->dialog);
}

static void
test_dialog_escape (DialogFixture *f,
                    gconstpointer  data)
{
  CtPlaceSearch *search = ct_add_city_dialog_get_place_search (f->dialog);
  GtkSearchEntry *entry = get_entry (search);

  /* Escape clears the text first, then closes */
  ct_place_search_set_text (search, "kaohs");
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_nonnull (f->dialog);
  g_assert_cmpstr (ct_place_search_get_text (search), ==, "");
  g_signal_emit_by_name (entry, "stop-search");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (f->dialog);
}

/* Another connection holds the write lock: the save fails (after the busy timeout), the error
 * shows in the dialog, which stays open, and nothing is saved */
static void
test_dialog_save_error (DialogFixture *f,
                        gconstpointer  data)
{
  CtPlaceSearch *search = ct_add_city_dialog_get_place_search (f->dialog);
  g_autofree char *added = NULL;
  sqlite3 *db = NULL;
  guint before = count_cities (f->store);

  g_signal_connect (f->dialog, "city-added", G_CALLBACK (remember_id_cb), &added);

  g_assert_cmpint (sqlite3_open (ct_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_null (ct_add_city_dialog_get_error (f->dialog));
  ct_place_search_set_text (search, "nha trang");
  press_return (get_entry (search));

  g_assert_nonnull (f->dialog);
  g_assert_null (added);
  g_assert_nonnull (ct_add_city_dialog_get_error (f->dialog));
  g_assert_true (g_str_has_prefix (ct_add_city_dialog_get_error (f->dialog), "Nha Trang could not be added: "));
  g_assert_false (ct_history_get_can_undo (f->history));
  save_screenshot (GTK_WIDGET (f->dialog), "add-city-error");

  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpuint (count_cities (f->store), ==, before);

  /* The next try works, and the message goes */
  press_return (get_entry (search));
  g_assert_nonnull (added);
  g_assert_null (f->dialog);
  g_assert_cmpuint (count_cities (f->store), ==, before + 1);
}

/* Both kinds of match, for the screenshot: "da" finds Da Nang and Davao City of the database,
 * and places of the gazetteer */
static void
test_dialog_look (DialogFixture *f,
                  gconstpointer  data)
{
  CtPlaceSearch *search = ct_add_city_dialog_get_place_search (f->dialog);
  GListModel *matches = ct_place_search_get_matches (search);
  gboolean existing = FALSE, place = FALSE;

  save_screenshot (GTK_WIDGET (f->dialog), "add-city-empty");

  ct_place_search_set_text (search, "da");
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CtCity) city = g_list_model_get_item (matches, i);

      if (city->id)
        existing = TRUE;
      else
        place = TRUE;
    }
  g_assert_true (existing);
  g_assert_true (place);
  save_screenshot (GTK_WIDGET (f->dialog), "add-city-da");

  /* CT_TEST_PAUSE=5 keeps the dialog on screen (import -window root) */
  if (g_getenv ("CT_TEST_PAUSE"))
    ct_test_spin (atoi (g_getenv ("CT_TEST_PAUSE")) * 1000);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ct_test_bind_translations ();

  g_test_add ("/place-search/empty-states", SearchFixture, NULL, search_set_up, test_search_empty_states, search_tear_down);
  g_test_add ("/place-search/prefix", SearchFixture, NULL, search_set_up, test_search_prefix, search_tear_down);
  g_test_add ("/place-search/words", SearchFixture, NULL, search_set_up, test_search_words, search_tear_down);
  g_test_add ("/place-search/existing-city", SearchFixture, NULL, search_set_up, test_search_existing_city, search_tear_down);
  g_test_add ("/place-search/return", SearchFixture, NULL, search_set_up, test_search_return, search_tear_down);
  g_test_add ("/place-search/escape", SearchFixture, NULL, search_set_up, test_search_escape, search_tear_down);
  g_test_add ("/place-search/cities-only", SearchFixture, NULL, search_set_up, test_search_cities_only, search_tear_down);
  g_test_add ("/add-city-dialog/new-place", DialogFixture, NULL, dialog_set_up, test_dialog_new_place, dialog_tear_down);
  g_test_add ("/add-city-dialog/existing-city", DialogFixture, NULL, dialog_set_up, test_dialog_existing_city, dialog_tear_down);
  g_test_add ("/add-city-dialog/place-on-map", DialogFixture, NULL, dialog_set_up, test_dialog_place_on_map, dialog_tear_down);
  g_test_add ("/add-city-dialog/escape", DialogFixture, NULL, dialog_set_up, test_dialog_escape, dialog_tear_down);
  g_test_add ("/add-city-dialog/save-error", DialogFixture, NULL, dialog_set_up, test_dialog_save_error, dialog_tear_down);
  g_test_add ("/add-city-dialog/look", DialogFixture, NULL, dialog_set_up, test_dialog_look, dialog_tear_down);

  return g_test_run ();
}
