/* test-window.c: the window on the bundled data, as a user sees it (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <shumate/shumate.h>

#include "ct-browse-panel.h"
#include "ct-bundled.h"
#include "ct-details-panel.h"
#include "ct-ties-layer.h"
#include "ct-window.h"

#include "test-window-util.h"

typedef CtWindowFixture Fixture;

#define fixture_set_up    ct_window_fixture_set_up
#define fixture_tear_down ct_window_fixture_tear_down

static guint
count_cities (CtStore        *store,
              const CtFilter *filter)
{
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, filter, NULL);
  return cities->len;
}

static void
test_window_opens_on_bundled_data (Fixture       *f,
                                   gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));

  /* Show everything, then check the layer drew every city the store has */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all", NULL);
  ct_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_test_message ("zoom %.2f, drew %u cities, %u arcs",
                  shumate_viewport_get_zoom_level (viewport),
                  ct_ties_layer_get_n_drawn_cities (layer),
                  ct_ties_layer_get_n_drawn_arcs (layer));
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_cities (layer), ==, count_cities (f->store, NULL));
  g_assert_cmpuint (ct_ties_layer_get_n_drawn_arcs (layer), >, 50);
}

/* The browse panel's list of cities (not a dropdown's list) */
static GtkSingleSelection *
get_city_items (Fixture *f)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  ct_test_collect (ct_window_get_browse_panel (f->window), GTK_TYPE_LIST_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (g_ptr_array_index (views, i));

      if (GTK_IS_SINGLE_SELECTION (model) &&
          g_list_model_get_item_type (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model))) == CT_TYPE_CITY)
        return GTK_SINGLE_SELECTION (model);
    }
  g_assert_not_reached ();
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  ct_test_save_screenshot (GTK_WIDGET (f->window), name);
}

static void
test_window_list_selects_on_map (Fixture       *f,
                                 gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  CtDetailsPanel *details = CT_DETAILS_PANEL (ct_window_get_details_panel (f->window));
  GtkSingleSelection *items = get_city_items (f);
  g_autoptr(CtCity) kaohsiung = NULL;
  g_autoptr(CtCity) da_nang = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_null (ct_details_panel_get_shown_id (details));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr(CtCity) city = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (g_strcmp0 (city->name, "Kaohsiung") == 0)
        {
          position = i;
          kaohsiung = g_steal_pointer (&city);
        }
      else if (g_strcmp0 (city->name, "Da Nang") == 0)
        da_nang = g_steal_pointer (&city);
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_nonnull (da_nang);

  /* What a click on the row does: the map and the details follow */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (items), position, TRUE);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, kaohsiung->id);
  g_assert_cmpstr (ct_details_panel_get_shown_kind (details), ==, "city");
  g_assert_cmpstr (ct_details_panel_get_shown_id (details), ==, kaohsiung->id);
  {
    const char *language = g_getenv ("LANGUAGE");
    g_autofree char *name = language && *language ? g_strconcat ("window-selected-", language, NULL)
                                                  : g_strdup ("window-selected");
    save_screenshot (f, name);
  }

  /* and the other way: a click on Da Nang on the map selects its row and shows it */
  g_signal_emit_by_name (layer, "city-activated", da_nang->id);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, da_nang->id);
  g_assert_cmpstr (ct_details_panel_get_shown_id (details), ==, da_nang->id);
  {
    g_autoptr(CtCity) row = gtk_single_selection_get_selected_item (items)
                              ? g_object_ref (gtk_single_selection_get_selected_item (items)) : NULL;

    g_assert_nonnull (row);
    g_assert_cmpstr (row->id, ==, da_nang->id);
  }
}

static void
test_window_filter_reduces (Fixture       *f,
                            gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  GtkWidget *search = NULL;
  guint before, after;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-all", NULL);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  before = ct_ties_layer_get_n_drawn_arcs (layer);

  /* Typing in the header bar's search filters lists and map alike */
  search = gtk_widget_get_first_child (GTK_WIDGET (f->window));
  ct_browse_panel_set_search_text (CT_BROWSE_PANEL (ct_window_get_browse_panel (f->window)), "Tainan");
  ct_test_spin (300);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  after = ct_ties_layer_get_n_drawn_arcs (layer);

  g_test_message ("arcs: %u before, %u with “Tainan”", before, after);
  g_assert_cmpuint (after, >, 0);
  g_assert_cmpuint (after, <, before);
  (void) search;
}

static void
test_window_screenshot (Fixture       *f,
                        gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *name = language && *language ? g_strconcat ("window-", language, NULL) : g_strdup ("window");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-region", "s", "asean");
  save_screenshot (f, name);
}

static gboolean
has_latin_letters (const char *text)
{
  for (const char *p = text; *p; p++)
    if (g_ascii_isalpha (*p))
      return TRUE;
  return FALSE;
}

/* With LANGUAGE=zh_TW the window reads in Traditional Chinese: the search box and the lists'
 * titles, not English left over */
static void
test_window_reads_in_chinese (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autofree char *placeholder = NULL;
  gboolean found_cities = FALSE;

  ct_test_collect (GTK_WIDGET (f->window), GTK_TYPE_SEARCH_ENTRY, entries);
  g_assert_cmpuint (entries->len, >, 0);
  g_object_get (g_ptr_array_index (entries, 0), "placeholder-text", &placeholder, NULL);
  g_test_message ("search: %s", placeholder);
  g_assert_nonnull (placeholder);
  g_assert_false (has_latin_letters (placeholder));

  ct_test_collect (ct_window_get_browse_panel (f->window), GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    {
      g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (g_ptr_array_index (stacks, i)));

      for (guint j = 0; j < g_list_model_get_n_items (pages); j++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (pages, j);
          const char *title = gtk_stack_page_get_title (GTK_STACK_PAGE (page));

          if (title == NULL)
            continue;
          g_test_message ("list: %s", title);
          g_assert_false (has_latin_letters (title));
          found_cities |= g_str_has_prefix (title, "城市");
        }
    }
  g_assert_true (found_cities);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("CT_TEST_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* The translations built next to the tests, when a test runs in another language */
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() forces en_US.UTF-8 (or C where that is missing): use the test's locale */
  setlocale (LC_ALL, "");
  adw_init ();

  g_test_add ("/window/opens-on-bundled-data", Fixture, NULL, fixture_set_up, test_window_opens_on_bundled_data, fixture_tear_down);
  g_test_add ("/window/list-selects-on-map", Fixture, NULL, fixture_set_up, test_window_list_selects_on_map, fixture_tear_down);
  g_test_add ("/window/filter-reduces", Fixture, NULL, fixture_set_up, test_window_filter_reduces, fixture_tear_down);
  g_test_add ("/window/screenshot", Fixture, NULL, fixture_set_up, test_window_screenshot, fixture_tear_down);
  if (language && g_str_has_prefix (language, "zh"))
    g_test_add ("/window/reads-in-chinese", Fixture, NULL, fixture_set_up, test_window_reads_in_chinese, fixture_tear_down);

  return g_test_run ();
}
