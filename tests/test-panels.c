/* test-panels.c: the browse and details panels on the bundled data (under Xvfb)
 *
 * CT_TEST_SCREENSHOT_DIR=/tmp saves what the panels look like there as PNG files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "ct-browse-panel.h"
#include "ct-bundled.h"
#include "ct-city-row.h"
#include "ct-details-panel.h"

#include "test-ui-util.h"
#include "test-util.h"

typedef struct {
  CtTestDir      *dir;
  CtStore        *store;
  GtkWidget      *window;
  CtBrowsePanel  *browse;
  CtDetailsPanel *details;
} Fixture;

/* Main loop */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *map = adw_status_page_new ();

  f->dir = ct_test_dir_new ();
  f->store = ct_test_open_store (f->dir, "panels.db");
  g_assert_true (ct_bundled_import (f->store, NULL, &error));
  g_assert_no_error (error);

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The panels as the window lays them out, with a stand-in for the map */
  f->browse = CT_BROWSE_PANEL (ct_browse_panel_new ());
  f->details = CT_DETAILS_PANEL (ct_details_panel_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->browse), 320, -1);
  gtk_widget_set_size_request (GTK_WIDGET (f->details), 360, -1);
  gtk_widget_set_hexpand (map, TRUE);
  gtk_widget_add_css_class (map, "view");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (map), "mark-location-symbolic");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->browse));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->details));

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 820);
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  g_object_set (f->browse, "store", f->store, NULL);
  g_object_set (f->details, "store", f->store, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  ct_test_wait_frames (f->window, 3);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->browse), (gpointer *) &f->browse);
  g_object_add_weak_pointer (G_OBJECT (f->details), (gpointer *) &f->details);
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Nothing keeps the panels alive, and they let go of the store */
  g_assert_null (f->browse);
  g_assert_null (f->details);
  g_assert_finalize_object (f->store);
  f->store = NULL;
  ct_test_dir_free (f->dir);
}

/* Finding widgets */

/* Every widget of a type under widget, in the order of the tree */
static GPtrArray *
find_all (gpointer widget,
          GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  ct_test_collect (GTK_WIDGET (widget), type, found);
  return found;
}

static guint
count_all (gpointer widget,
           GType    type)
{
  g_autoptr(GPtrArray) found = find_all (widget, type);

  return found->len;
}

static GtkWidget *
find_named (gpointer    widget,
            const char *name)
{
  g_autoptr(GPtrArray) all = find_all (widget, GTK_TYPE_WIDGET);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (all, i)), name) == 0)
      return g_ptr_array_index (all, i);
  return NULL;
}

static GtkWidget *
find_row (gpointer    widget,
          const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (widget, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The lists of the browse panel: cities, ties, networks */
static GtkListView *
get_list (Fixture *f,
          guint    index)
{
  g_autoptr(GPtrArray) views = find_all (f->browse, GTK_TYPE_LIST_VIEW);

  /* not the lists in the dropdowns' popovers */
  for (guint i = views->len; i > 0; i--)
    if (!gtk_widget_get_ancestor (g_ptr_array_index (views, i - 1), GTK_TYPE_STACK))
      g_ptr_array_remove_index (views, i - 1);
  g_assert_cmpuint (views->len, ==, 3);
  return g_ptr_array_index (views, index);
}

static GListModel *
get_items (Fixture *f,
           guint    index)
{
  return G_LIST_MODEL (gtk_list_view_get_model (get_list (f, index)));
}

/* The stack of the three lists */
static GtkStack *
get_stack (Fixture *f)
{
  return GTK_STACK (gtk_widget_get_ancestor (gtk_widget_get_parent (GTK_WIDGET (get_list (f, 0))), GTK_TYPE_STACK));
}

static const char *
get_page_title (Fixture *f,
                guint    index)
{
  GtkStack *stack = get_stack (f);

  return gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_widget_get_ancestor (GTK_WIDGET (get_list (f, index)),
                                                                                     GTK_TYPE_SCROLLED_WINDOW)));
}

static const char *
get_visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (get_stack (f));
}

static guint
find_city_position (GListModel *items,
                    const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CtCity) city = g_list_model_get_item (items, i);

      if (g_strcmp0 (city->name, name) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static CtCity *
get_city (Fixture    *f,
          const char *name)
{
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GPtrArray) found = NULL;

  filter->text = g_strdup (name);
  found = ct_store_list_cities (f->store, filter, NULL);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (CT_CITY (g_ptr_array_index (found, i))->name, name) == 0)
      return g_object_ref (g_ptr_array_index (found, i));
  g_assert_not_reached ();
}

static guint
count_store_cities (Fixture *f)
{
  g_autoptr(GPtrArray) all = ct_store_list_cities (f->store, NULL, NULL);
  return all->len;
}

static void
count_cb (gpointer  object,
          gpointer  arg1,
          guint    *count)
{
  (*count)++;
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
remember_strv_cb (gpointer   object,
                  GStrv      strv,
                  GStrv     *out)
{
  g_strfreev (*out);
  *out = g_strdupv (strv);
}

/* Screenshots */

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("CT_TEST_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  const char *language = g_getenv ("LANGUAGE");
  int width, height;

  if (dir == NULL)
    return;

  ct_test_wait_frames (f->window, 3);
  width = gtk_widget_get_width (f->window);
  height = gtk_widget_get_height (f->window);
  paintable = gtk_widget_paintable_new (f->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  file = g_strdup_printf ("panels-%s%s%s.png", name, language ? "-" : "", language ? language : "");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Shows the end of the details */
static void
scroll_details_to_end (Fixture *f)
{
  g_autoptr(GPtrArray) scrolls = find_all (f->details, GTK_TYPE_SCROLLED_WINDOW);

  ct_test_wait_frames (f->window, 2);
  for (guint i = 0; i < scrolls->len; i++)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrolls, i));

      if (gtk_widget_get_mapped (g_ptr_array_index (scrolls, i)))
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    }
}

/* Browse panel */

static void
test_browse_lists_everything (Fixture       *f,
                              gconstpointer  data)
{
  guint n = count_store_cities (f);
  g_autofree char *title = NULL;
  g_autoptr(GPtrArray) partnerships = ct_store_list_partnerships (f->store, NULL, NULL);
  g_autoptr(GPtrArray) networks = ct_store_list_networks (f->store, NULL);

  g_assert_cmpuint (n, >, 50);
  g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 0)), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 1)), ==, partnerships->len);
  g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 2)), ==, networks->len);

  title = g_strdup_printf (_("Cities (%u)"), n);
  g_assert_cmpstr (get_page_title (f, 0), ==, title);
  g_assert_cmpstr (get_visible_page (f), ==, "cities");

  /* the lists have rows on screen, not just items */
  g_assert_cmpuint (count_all (get_list (f, 0), CT_TYPE_CITY_ROW), >, 5);

  /* The window gives the panels 320 and 360 pixels: they fit */
  {
    int min, nat;

    gtk_widget_measure (GTK_WIDGET (f->browse), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("browse panel: %d minimum, %d natural width", min, nat);
    gtk_widget_measure (GTK_WIDGET (f->details), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("details panel: %d minimum, %d natural width", min, nat);
    g_assert_cmpint (min, <=, 360);
  }

  save_screenshot (f, "start");
}

static void
test_browse_region_filter (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) toggles = find_all (f->browse, GTK_TYPE_TOGGLE_BUTTON);
  guint all = g_list_model_get_n_items (get_items (f, 0));
  guint notified = 0;
  const CtFilter *filter;
  GListModel *items;
  g_autofree char *title = NULL;

  g_signal_connect (f->browse, "notify::filter", G_CALLBACK (count_cb), &notified);

  /* Taiwan, ASEAN, EU, Other come first */
  g_assert_cmpuint (toggles->len, >=, CT_N_REGIONS);
  gtk_toggle_button_set_active (g_ptr_array_index (toggles, CT_REGION_ASEAN), TRUE);

  g_assert_cmpuint (notified, ==, 1);
  filter = ct_browse_panel_get_filter (f->browse);
  g_assert_cmpuint (filter->regions, ==, 1u << CT_REGION_ASEAN);

  items = get_items (f, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), <, all);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CtCity) city = g_list_model_get_item (items, i);
      g_assert_cmpint (ct_country_lookup (city->country)->region, ==, CT_REGION_ASEAN);
    }
  title = g_strdup_printf (_("Cities (%u)"), g_list_model_get_n_items (items));
  g_assert_cmpstr (get_page_title (f, 0), ==, title);

  /* The same value again is no change */
  gtk_toggle_button_set_active (g_ptr_array_index (toggles, CT_REGION_ASEAN), TRUE);
  g_assert_cmpuint (notified, ==, 1);

  save_screenshot (f, "asean");

  /* A year range nobody signed in: the empty state, whose button resets everything */
  {
    g_autoptr(GPtrArray) spins = find_all (f->browse, GTK_TYPE_SPIN_BUTTON);
    g_autoptr(GPtrArray) pages = find_all (f->browse, ADW_TYPE_STATUS_PAGE);
    g_autoptr(GPtrArray) buttons = NULL;

    g_assert_cmpuint (spins->len, ==, 2);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 1951);
    gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 1951);
    g_assert_cmpint (ct_browse_panel_get_filter (f->browse)->year_from, ==, 1951);
    g_assert_cmpint (ct_browse_panel_get_filter (f->browse)->year_to, ==, 1951);
    g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 0)), ==, 0);
    g_assert_cmpuint (pages->len, ==, 1);
    ct_test_wait_frames (f->window, 2);
    g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (pages, 0)));
    save_screenshot (f, "empty");

    buttons = find_all (g_ptr_array_index (pages, 0), GTK_TYPE_BUTTON);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
    g_assert_cmpuint (ct_browse_panel_get_filter (f->browse)->regions, ==, 0);
    g_assert_cmpint (ct_browse_panel_get_filter (f->browse)->year_from, ==, 0);
    g_assert_cmpint (ct_browse_panel_get_filter (f->browse)->year_to, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 0)), ==, all);
  }
}

static void
test_browse_search (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *items = get_items (f, 0);
  guint all = g_list_model_get_n_items (items);
  guint notified = 0;
  g_autoptr(CtCity) city = NULL;

  g_signal_connect (f->browse, "notify::filter", G_CALLBACK (count_cb), &notified);

  ct_browse_panel_set_search_text (f->browse, "高雄");
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (ct_browse_panel_get_filter (f->browse)->text, ==, "高雄");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  city = g_list_model_get_item (items, 0);
  g_assert_cmpstr (city->name, ==, "Kaohsiung");
  save_screenshot (f, "search");

  ct_browse_panel_set_search_text (f->browse, "");
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (ct_browse_panel_get_filter (f->browse)->text);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, all);
}

static void
test_browse_selection (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *items = get_items (f, 0);
  g_autoptr(CtCity) kaohsiung = get_city (f, "Kaohsiung");
  g_autoptr(CtCity) taichung = get_city (f, "Taichung");
  g_autofree char *selected = NULL;
  guint emitted = 0;
  guint position = find_city_position (items, "Kaohsiung");
  g_autoptr(GObject) tie = NULL;

  g_signal_connect (f->browse, "city-selected", G_CALLBACK (remember_id_cb), &selected);
  g_signal_connect (f->browse, "city-selected", G_CALLBACK (count_cb), &emitted);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  /* What a click on the row does */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (items), position, TRUE);
  g_assert_cmpuint (emitted, ==, 1);
  g_assert_cmpstr (selected, ==, kaohsiung->id);

  /* Enter on the row */
  g_signal_emit_by_name (get_list (f, 0), "activate", position);
  g_assert_cmpuint (emitted, ==, 2);

  /* The map selects: the row follows, nothing is emitted */
  ct_browse_panel_select_city (f->browse, taichung->id);
  g_assert_cmpuint (emitted, ==, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (items)), ==,
                    find_city_position (items, "Taichung"));
  ct_test_wait_frames (f->window, 2);
  save_screenshot (f, "selected");

  /* A tie selected on the map shows the ties, and the city is no longer selected */
  tie = g_list_model_get_item (get_items (f, 1), 3);
  ct_browse_panel_select_partnership (f->browse, CT_PARTNERSHIP (tie)->id);
  g_assert_cmpstr (get_visible_page (f), ==, "partnerships");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (get_items (f, 1))), ==, 3);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (items)), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (emitted, ==, 2);
}

/* Details panel */

static void
test_details_city (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CtCity) kaohsiung = get_city (f, "Kaohsiung");
  g_autoptr(CtCity) cebu = get_city (f, "Cebu City");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *tie = NULL;
  GtkWidget *group;
  GtkWidget *row;

  g_assert_null (ct_details_panel_get_shown_kind (f->details));
  save_screenshot (f, "nothing");

  ct_details_panel_show_city (f->details, kaohsiung->id);
  g_assert_cmpstr (ct_details_panel_get_shown_kind (f->details), ==, "city");
  g_assert_cmpstr (ct_details_panel_get_shown_id (f->details), ==, kaohsiung->id);

  /* Partners by region, Cebu City among the ASEAN ones */
  group = find_named (f->details, "partners-asean");
  g_assert_nonnull (group);
  rows = find_all (group, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rows->len, >=, 1);
  row = find_row (group, cebu->name);
  g_assert_nonnull (row);
  g_assert_nonnull (find_named (f->details, "partners-eu"));

  /* and memberships */
  group = find_named (f->details, "memberships");
  g_assert_nonnull (group);
  g_assert_cmpuint (count_all (group, ADW_TYPE_ACTION_ROW), >=, 1);

  /* A partner leads to the tie */
  g_signal_connect (f->details, "partnership-selected", G_CALLBACK (remember_id_cb), &tie);
  g_signal_emit_by_name (row, "activated");
  g_assert_nonnull (tie);
  {
    g_autoptr(CtPartnership) p = ct_store_get_partnership (f->store, tie, NULL);
    g_assert_nonnull (p);
    g_assert_cmpuint (p->parties->len, ==, 2);
  }

  ct_browse_panel_select_city (f->browse, kaohsiung->id);
  save_screenshot (f, "city");
}

static CtPartnership *
find_tie (Fixture    *f,
          const char *a,
          const char *b)
{
  g_autoptr(CtCity) city_a = get_city (f, a);
  g_autoptr(CtCity) city_b = get_city (f, b);
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, city_a->id, NULL);

  for (guint i = 0; i < ties->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ties, i);

      for (guint j = 0; j < p->parties->len; j++)
        if (g_strcmp0 (((CtParty *) g_ptr_array_index (p->parties, j))->city, city_b->id) == 0)
          return g_object_ref (p);
    }
  g_assert_not_reached ();
}

static guint
count_sources_with_links (Fixture       *f,
                          CtPartnership *p)
{
  guint n = 0;

  for (guint i = 0; i < p->sources->len; i++)
    {
      g_autoptr(CtSource) source = ct_store_get_source (f->store, g_ptr_array_index (p->sources, i), NULL);

      if (source && source->url && *source->url)
        n++;
    }
  return n;
}

static void
test_details_partnership (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CtPartnership) tie = find_tie (f, "Kaohsiung", "Cebu City");
  g_autoptr(CtPartnership) gdynia = find_tie (f, "Kaohsiung", "Gdynia");
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) parties = NULL;
  g_autofree char *city = NULL;
  GtkWidget *group;

  ct_details_panel_show_partnership (f->details, tie->id);
  g_assert_cmpstr (ct_details_panel_get_shown_kind (f->details), ==, "partnership");

  /* Sources, each with a link that opens in the browser */
  group = find_named (f->details, "sources");
  g_assert_nonnull (group);
  links = find_all (group, GTK_TYPE_LINK_BUTTON);
  g_assert_cmpuint (links->len, >, 0);
  g_assert_cmpuint (links->len, ==, count_sources_with_links (f, tie));
  for (guint i = 0; i < links->len; i++)
    g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (g_ptr_array_index (links, i)), "http"));

  /* Parties lead to their city */
  group = find_named (f->details, "parties");
  g_assert_nonnull (group);
  parties = find_all (group, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (parties->len, ==, 2);
  g_signal_connect (f->details, "city-selected", G_CALLBACK (remember_id_cb), &city);
  g_signal_emit_by_name (g_ptr_array_index (parties, 1), "activated");
  g_assert_cmpstr (city, ==, ((CtParty *) g_ptr_array_index (tie->parties, 1))->city);
  g_assert_cmpstr (ct_details_panel_get_shown_kind (f->details), ==, "partnership");

  /* As in the window: activating a party shows its city, which replaces the row being activated */
  g_signal_connect_swapped (f->details, "city-selected", G_CALLBACK (ct_details_panel_show_city), f->details);
  gtk_widget_grab_focus (g_ptr_array_index (parties, 0));
  gtk_widget_activate (g_ptr_array_index (parties, 0));
  g_assert_cmpstr (ct_details_panel_get_shown_kind (f->details), ==, "city");
  g_assert_cmpstr (ct_details_panel_get_shown_id (f->details), ==, ((CtParty *) g_ptr_array_index (tie->parties, 0))->city);
  ct_test_wait_frames (f->window, 2);
  /* the keyboard focus moved on to the new page's first row (not into its title) */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_true (ADW_IS_ACTION_ROW (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (f->details)));
    g_assert_true (gtk_widget_get_mapped (focus));
  }

  ct_details_panel_show_partnership (f->details, tie->id);
  ct_browse_panel_select_partnership (f->browse, tie->id);
  save_screenshot (f, "partnership");

  /* One with a timeline */
  ct_details_panel_show_partnership (f->details, gdynia->id);
  ct_browse_panel_select_partnership (f->browse, gdynia->id);
  save_screenshot (f, "partnership-timeline");
  scroll_details_to_end (f);
  save_screenshot (f, "partnership-timeline-end");
}

static void
test_details_network (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) networks = ct_store_list_networks (f->store, NULL);
  g_autoptr(GPtrArray) members = NULL;
  g_auto(GStrv) highlighted = NULL;
  CtNetwork *ascn = NULL;

  for (guint i = 0; i < networks->len; i++)
    if (g_strcmp0 (CT_NETWORK (g_ptr_array_index (networks, i))->short_name, "ASCN") == 0)
      ascn = g_ptr_array_index (networks, i);
  g_assert_nonnull (ascn);
  members = ct_store_list_memberships_for_network (f->store, ascn->id, NULL);

  g_signal_connect (f->details, "network-members", G_CALLBACK (remember_strv_cb), &highlighted);
  ct_details_panel_show_network (f->details, ascn->id);
  g_assert_nonnull (highlighted);
  g_assert_cmpuint (g_strv_length (highlighted), ==, members->len);
  g_assert_cmpuint (count_all (find_named (f->details, "members"), ADW_TYPE_ACTION_ROW), ==, members->len);

  ct_browse_panel_select_network (f->browse, ascn->id);
  g_assert_cmpstr (get_visible_page (f), ==, "networks");
  save_screenshot (f, "network");
  scroll_details_to_end (f);
  save_screenshot (f, "network-end");
}

/* Both follow the store */

static void
test_store_changes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CtCity) city = ct_city_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint before = g_list_model_get_n_items (get_items (f, 0));

  city->name = g_strdup ("Hsinchu Science Park");
  city->local_name = g_strdup ("新竹科學園區");
  city->country = g_strdup ("TW");
  city->lat = 24.78;
  city->lon = 121.01;
  g_assert_true (ct_store_save_city (f->store, city, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 0)), ==, before + 1);
  title = g_strdup_printf (_("Cities (%u)"), before + 1);
  g_assert_cmpstr (get_page_title (f, 0), ==, title);

  /* The details of a city that is deleted go away */
  ct_details_panel_show_city (f->details, city->id);
  g_assert_cmpstr (ct_details_panel_get_shown_id (f->details), ==, city->id);
  g_assert_nonnull (find_named (f->details, "partners"));
  g_assert_true (ct_store_delete_city (f->store, city->id, &error));
  g_assert_no_error (error);
  g_assert_null (ct_details_panel_get_shown_kind (f->details));
  g_assert_cmpuint (g_list_model_get_n_items (get_items (f, 0)), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ct_test_bind_translations ();

  g_test_add ("/panels/browse/lists-everything", Fixture, NULL, fixture_set_up, test_browse_lists_everything, fixture_tear_down);
  g_test_add ("/panels/browse/region-filter", Fixture, NULL, fixture_set_up, test_browse_region_filter, fixture_tear_down);
  g_test_add ("/panels/browse/search", Fixture, NULL, fixture_set_up, test_browse_search, fixture_tear_down);
  g_test_add ("/panels/browse/selection", Fixture, NULL, fixture_set_up, test_browse_selection, fixture_tear_down);
  g_test_add ("/panels/details/city", Fixture, NULL, fixture_set_up, test_details_city, fixture_tear_down);
  g_test_add ("/panels/details/partnership", Fixture, NULL, fixture_set_up, test_details_partnership, fixture_tear_down);
  g_test_add ("/panels/details/network", Fixture, NULL, fixture_set_up, test_details_network, fixture_tear_down);
  g_test_add ("/panels/store-changes", Fixture, NULL, fixture_set_up, test_store_changes, fixture_tear_down);

  return g_test_run ();
}
