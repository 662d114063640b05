/* test-accessibility.c: what a screen reader and a keyboard get from the window (under Xvfb,
 * with GTK_A11Y=test: GTK's test AT context, which keeps the accessible attributes for
 * gtk_test_accessible_*)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <shumate/shumate.h>
#include <string.h>

#include "ct-basemap-source.h"
#include "ct-browse-panel.h"
#include "ct-bundled.h"
#include "ct-details-panel.h"
#include "ct-partnership-row.h"
#include "ct-ties-layer.h"
#include "ct-window.h"

#include "test-window-util.h"

typedef CtWindowFixture Fixture;

#define fixture_set_up    ct_window_fixture_set_up
#define fixture_tear_down ct_window_fixture_tear_down

static CtCity *
find_city (Fixture    *f,
           const char *name)
{
  return ct_test_find_city (f->store, name);
}

static GtkWidget *
get_focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *area)
{
  GtkWidget *focus = get_focus (f);

  return focus && (focus == area || gtk_widget_is_ancestor (focus, area));
}

static const char *
role_name (GtkAccessibleRole role)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *value = g_enum_get_value (roles, role);

  return value ? value->value_nick : "?";
}

/* Roles a user operates, which a screen reader must be able to name (a menu itself need not
 * have a name, its items must). Rows and pictures count when they take the focus. */
static gboolean
needs_name (GtkWidget *widget)
{
  switch (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)))
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_LIST:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TAB_LIST:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_TREE_GRID:
      return TRUE;
    case GTK_ACCESSIBLE_ROLE_IMG:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_ROW:
      return gtk_widget_get_focusable (widget);
    default:
      return FALSE;
    }
}

/* A name: a non-empty label, or a relation to what labels it */
static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      /* the checker returns NULL when the value is the one given */
      g_autofree char *empty = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, "");

      if (empty != NULL)
        return TRUE;
    }
  return gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;
  return FALSE;
}

static void
check_names (GtkWidget  *widget,
             const char *state,
             guint      *n_checked)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (needs_name (widget))
    {
      GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

      if (!has_name (widget))
        g_error ("%s: a %s (%s) without an accessible name", state, role_name (role), G_OBJECT_TYPE_NAME (widget));

      /* A button that shows only an icon says what it does when pointed at, too (but for the
       * title bar's window buttons, which GTK draws as every window has them) */
      if (role == GTK_ACCESSIBLE_ROLE_BUTTON && GTK_IS_BUTTON (widget) && !has_visible_text (widget) &&
          !GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (widget)))
        {
          GtkWidget *parent = gtk_widget_get_parent (widget);

          if (gtk_widget_get_tooltip_text (widget) == NULL &&
              !(GTK_IS_MENU_BUTTON (parent) && gtk_widget_get_tooltip_text (parent) != NULL))
            g_error ("%s: an icon-only %s in a %s without a tooltip", state, G_OBJECT_TYPE_NAME (widget),
                     G_OBJECT_TYPE_NAME (parent));
        }
      (*n_checked)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    check_names (child, state, n_checked);
}

static void
check_window_names (Fixture    *f,
                    const char *state)
{
  guint n = 0;

  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  check_names (GTK_WIDGET (f->window), state, &n);
  g_test_message ("%s: %u controls named", state, n);
  g_assert_cmpuint (n, >, 20);
}

/* Every control of the window, in every state of the panels, has an accessible name: buttons
 * (icon-only ones with a tooltip as well), toggles, the search, dropdowns, spin buttons, the
 * lists and their rows, the legend's expander and the map */
static void
test_every_control_is_named (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CtCity) kaohsiung = find_city (f, "Kaohsiung");
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, kaohsiung->id, NULL);
  g_autoptr(GPtrArray) networks = ct_store_list_networks (f->store, NULL);
  GtkWidget *layer = GTK_WIDGET (ct_window_get_ties_layer (f->window));

  /* The map is a picture with a name that takes the focus */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_widget_get_focusable (layer));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Map of cities and their ties");

  check_window_names (f, "nothing selected");

  ct_window_select_city (f->window, kaohsiung->id);
  check_window_names (f, "a city selected");

  g_assert_cmpuint (ties->len, >, 0);
  ct_window_select_partnership (f->window, ((CtPartnership *) g_ptr_array_index (ties, 0))->id);
  check_window_names (f, "a tie selected");

  g_assert_cmpuint (networks->len, >, 0);
  ct_window_select_network (f->window, ((CtNetwork *) g_ptr_array_index (networks, 0))->id);
  check_window_names (f, "a network selected");

  /* the main menu open: its items */
  {
    g_autoptr(GPtrArray) menus = g_ptr_array_new ();

    ct_test_collect (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, menus);
    g_assert_cmpuint (menus->len, >, 0);
    gtk_menu_button_popup (g_ptr_array_index (menus, 0));
    check_window_names (f, "the main menu open");
    gtk_menu_button_popdown (g_ptr_array_index (menus, 0));
  }

  /* and with the browse panel's filters narrowed down to nothing: the empty state's button */
  ct_browse_panel_set_search_text (CT_BROWSE_PANEL (ct_window_get_browse_panel (f->window)), "no such place anywhere");
  ct_test_spin (200);
  check_window_names (f, "no match");
}

/* The rows of the details panel that lead on */
static void
collect_tie_rows (GtkWidget *widget,
                  GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
      gtk_widget_get_mapped (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_tie_rows (child, rows);
}

/* Selecting a city puts its ties in the map's description; the details panel reads each of
 * them as one sentence */
static void
test_map_text_alternative (Fixture       *f,
                           gconstpointer  data)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  g_autoptr(CtCity) kaohsiung = find_city (f, "Kaohsiung");
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, kaohsiung->id, NULL);
  g_autoptr(GPtrArray) cities = ct_store_list_cities (f->store, NULL, NULL);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  guint n_spoken = 0;

  for (guint i = 0; i < cities->len; i++)
    g_hash_table_insert (by_id, CT_CITY (g_ptr_array_index (cities, i))->id, g_ptr_array_index (cities, i));

  /* Nothing selected: what the map shows, and how to go on */
  text = ct_ties_layer_dup_text_alternative (layer);
  g_test_message ("%s", text);
  count = g_strdup_printf ("%u cities", cities->len);
  g_assert_nonnull (strstr (text, count));
  g_assert_nonnull (strstr (text, "Page Down"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_clear_pointer (&text, g_free);

  /* Kaohsiung: its name, its number of ties and every partner */
  ct_window_select_city (f->window, kaohsiung->id);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  text = ct_ties_layer_dup_text_alternative (layer);
  g_test_message ("%s", text);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_true (g_str_has_prefix (text, "Kaohsiung (Taiwan) selected, "));
  g_clear_pointer (&count, g_free);
  count = g_strdup_printf ("%u ties", ties->len);
  g_assert_nonnull (strstr (text, count));
  g_assert_nonnull (strstr (text, "Sister city with Cebu City (Philippines), Active, signed in 1969"));
  for (guint i = 0; i < ties->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ties, i);

      for (guint j = 0; j < p->parties->len; j++)
        {
          CtParty *party = g_ptr_array_index (p->parties, j);
          CtCity *partner = g_hash_table_lookup (by_id, party->city);

          if (partner && g_strcmp0 (party->city, kaohsiung->id) != 0)
            g_assert_nonnull (strstr (text, partner->name));
        }
    }

  /* The details panel lists the same ties, each row read as one sentence */
  collect_tie_rows (ct_window_get_details_panel (f->window), rows);
  for (guint i = 0; i < ties->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ties, i);
      g_autofree char *partners = ct_partnership_row_dup_parties (p, by_id, kaohsiung->id);
      g_autofree char *spoken = ct_tie_dup_spoken (p->kind, p->status, ct_date_get_year (p->signed_on), partners);
      gboolean found = FALSE;

      for (guint j = 0; j < rows->len && !found; j++)
        {
          g_autofree char *differs = gtk_test_accessible_check_property (g_ptr_array_index (rows, j),
                                                                        GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);

          if (differs == NULL)
            {
              found = TRUE;
              /* the label alone, not the title and subtitle after it */
              g_assert_false (gtk_test_accessible_has_relation (g_ptr_array_index (rows, j),
                                                                GTK_ACCESSIBLE_RELATION_LABELLED_BY));
            }
        }
      if (!found)
        g_error ("no row of the details panel reads “%s”", spoken);
      n_spoken++;
    }
  g_assert_cmpuint (n_spoken, ==, ties->len);

  /* A tie: its parties, kind and status */
  ct_window_select_partnership (f->window, ((CtPartnership *) g_ptr_array_index (ties, 0))->id);
  g_clear_pointer (&text, g_free);
  text = ct_ties_layer_dup_text_alternative (layer);
  g_test_message ("%s", text);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (layer), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_nonnull (strstr (text, "Kaohsiung (Taiwan)"));
  g_assert_nonnull (strstr (text, " selected: "));
}

/* F6 goes browse panel → map → details panel → browse panel, Shift+F6 back; a hidden panel,
 * or one with nothing to focus, is passed over; from the search it goes to the map */
static void
test_f6_cycles_areas (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *layer = GTK_WIDGET (ct_window_get_ties_layer (f->window));
  GtkWidget *browse = ct_window_get_browse_panel (f->window);
  GtkWidget *details = ct_window_get_details_panel (f->window);
  g_autoptr(CtCity) kaohsiung = find_city (f, "Kaohsiung");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  /* Nothing selected: the details panel has nothing to focus */
  g_assert_true (gtk_widget_grab_focus (layer));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (focus_is_in (f, browse));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (get_focus (f) == layer);

  ct_window_select_city (f->window, kaohsiung->id);
  ct_test_wait_frames (window, 2);

  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (focus_is_in (f, details));
  /* on the first tie */
  g_assert_true (ADW_IS_ACTION_ROW (get_focus (f)));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (focus_is_in (f, browse));
  /* on Kaohsiung's row in the list of cities */
  g_assert_true (GTK_IS_LIST_VIEW (gtk_widget_get_ancestor (get_focus (f), GTK_TYPE_LIST_VIEW)));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (get_focus (f) == layer);

  gtk_widget_activate_action (window, "win.focus-previous-area", NULL);
  g_assert_true (focus_is_in (f, browse));
  gtk_widget_activate_action (window, "win.focus-previous-area", NULL);
  g_assert_true (focus_is_in (f, details));
  gtk_widget_activate_action (window, "win.focus-previous-area", NULL);
  g_assert_true (get_focus (f) == layer);

  /* Without the browse panel: map and details only */
  gtk_widget_activate_action (window, "win.show-browse-panel", NULL);
  ct_test_wait_frames (window, 2);
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (focus_is_in (f, details));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (get_focus (f) == layer);
  gtk_widget_activate_action (window, "win.show-browse-panel", NULL);
  ct_test_wait_frames (window, 2);

  /* From the search, to the map */
  gtk_widget_activate_action (window, "win.search", NULL);
  g_assert_false (focus_is_in (f, layer));
  gtk_widget_activate_action (window, "win.focus-next-area", NULL);
  g_assert_true (get_focus (f) == layer);
}

static gboolean
city_in_view (CtTiesLayer *layer,
              const char  *id)
{
  double x, y;

  return ct_ties_layer_get_city_position (layer, id, &x, &y) &&
         x >= 0 && y >= 0 && x <= gtk_widget_get_width (GTK_WIDGET (layer)) && y <= gtk_widget_get_height (GTK_WIDGET (layer));
}

static void
on_city_selected_cb (CtTiesLayer *layer,
                     const char  *id,
                     char       **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

/* Page Down and Page Up go through the cities in view, most ties first, and the window follows
 * without moving the map; Return shows the details with the focus in them; the arrows and plus
 * and minus move and zoom the map */
static void
test_map_keyboard (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  CtDetailsPanel *details = CT_DETAILS_PANEL (ct_window_get_details_panel (f->window));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));
  g_autoptr(GPtrArray) cities = ct_store_list_cities (f->store, NULL, NULL);
  g_autofree char *signalled = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint first_ties = 0, second_ties = 0, most = 0;
  double lat, lon, zoom;

  g_signal_connect (layer, "city-selected", G_CALLBACK (on_city_selected_cb), &signalled);

  gtk_widget_activate_action (window, "win.show-region", "s", "taiwan");
  ct_test_wait_frames (window, 3);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (layer)));
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  zoom = shumate_viewport_get_zoom_level (viewport);

  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (city_in_view (layer, city->id))
        most = MAX (most, city->tie_count);
    }

  /* Home: the city in view with the most ties */
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.select-city", "s", "first");
  first = g_strdup (ct_ties_layer_get_selected_city (layer));
  g_assert_nonnull (first);
  g_assert_cmpstr (signalled, ==, first);
  g_assert_true (city_in_view (layer, first));
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (g_strcmp0 (city->id, first) == 0)
        first_ties = city->tie_count;
    }
  g_assert_cmpuint (first_ties, ==, most);
  /* the window follows: the details and the list, and the map stays */
  g_assert_cmpstr (ct_details_panel_get_shown_id (details), ==, first);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), lat, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), lon, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);

  /* Page Down: the next one, in view, with no more ties */
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.select-city", "s", "next");
  second = g_strdup (ct_ties_layer_get_selected_city (layer));
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpstr (signalled, ==, second);
  g_assert_true (city_in_view (layer, second));
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (g_strcmp0 (city->id, second) == 0)
        second_ties = city->tie_count;
    }
  g_assert_cmpuint (second_ties, <=, first_ties);
  g_assert_cmpstr (ct_details_panel_get_shown_id (details), ==, second);

  /* Page Up: back; Page Up from the first: the last, wrapping around */
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.select-city", "s", "previous");
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, first);
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.select-city", "s", "previous");
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), !=, first);
  g_assert_true (city_in_view (layer, ct_ties_layer_get_selected_city (layer)));
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.select-city", "s", "next");
  g_assert_cmpstr (ct_ties_layer_get_selected_city (layer), ==, first);
  g_assert_true (get_focus (f) == GTK_WIDGET (layer));

  /* Return: the details, with the focus on the first tie */
  g_object_set (window, "show-details-panel", FALSE, NULL);
  ct_test_wait_frames (window, 2);
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.activate-selection", NULL);
  g_assert_true (focus_is_in (f, GTK_WIDGET (details)));
  g_assert_cmpstr (ct_details_panel_get_shown_id (details), ==, first);
  {
    gboolean shown;

    g_object_get (window, "show-details-panel", &shown, NULL);
    g_assert_true (shown);
  }

  /* Arrows and plus and minus */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (layer)));
  lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.pan", "(ii)", 1, 0);
  g_assert_cmpfloat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), >, lon + 0.01);
  lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.pan", "(ii)", 0, -1);
  g_assert_cmpfloat (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), >, lat + 0.01);
  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), floor (zoom + 1e-6) + 1, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (layer), "map.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), floor (zoom + 1e-6) - 1, 1e-9);

  g_signal_handlers_disconnect_by_func (layer, on_city_selected_cb, &signalled);
}

static CtBasemapStyle
basemap_style (Fixture *f)
{
  ShumateMapSource *source = shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));

  g_assert_true (CT_IS_BASEMAP_SOURCE (source));
  return ct_basemap_source_get_style (CT_BASEMAP_SOURCE (source));
}

static void
wait_high_contrast (gboolean high_contrast)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()) != high_contrast &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (adw_style_manager_get_high_contrast (adw_style_manager_get_default ()), ==, high_contrast);
}

/* The desktop's high contrast (here its GSettings key, which libadwaita reads without a settings
 * portal) gives the high-contrast basemap and ties, unless a basemap style was picked */
static void
test_high_contrast (Fixture       *f,
                    gconstpointer  data)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = schemas ? g_settings_schema_source_lookup (schemas, "org.gnome.desktop.a11y.interface", TRUE) : NULL;
  g_autoptr(GSettings) a11y = NULL;
  g_autoptr(GSettings) app = g_settings_new (APP_ID);
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));

  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_test_skip ("no org.gnome.desktop.a11y.interface schema");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  g_assert_cmpint (basemap_style (f), ==, CT_BASEMAP_STYLE_LIGHT);
  g_assert_false (ct_ties_layer_get_high_contrast (layer));

  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  wait_high_contrast (TRUE);
  g_assert_cmpint (basemap_style (f), ==, CT_BASEMAP_STYLE_HIGH_CONTRAST);
  g_assert_true (ct_ties_layer_get_high_contrast (layer));

  /* A style the user picked wins */
  g_settings_set_string (app, "basemap-style", "light");
  g_assert_cmpint (basemap_style (f), ==, CT_BASEMAP_STYLE_LIGHT);
  g_assert_false (ct_ties_layer_get_high_contrast (layer));
  g_settings_set_string (app, "basemap-style", "auto");
  g_assert_cmpint (basemap_style (f), ==, CT_BASEMAP_STYLE_HIGH_CONTRAST);

  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  wait_high_contrast (FALSE);
  g_assert_cmpint (basemap_style (f), ==, CT_BASEMAP_STYLE_LIGHT);
  g_assert_false (ct_ties_layer_get_high_contrast (layer));
}

/* Large Text (a higher font resolution) enlarges the labels of the map: the cities' and the
 * countries' */
static void
test_large_text (Fixture       *f,
                 gconstpointer  data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (f->window));
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  g_autoptr(CtCity) kaohsiung = find_city (f, "Kaohsiung");
  ShumateMapSource *source;
  int dpi, width, height, large_width, large_height;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_test_message ("gtk-xft-dpi %d", dpi);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024, NULL);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (ct_ties_layer_get_label_size (layer, kaohsiung->id, &width, &height));
  source = shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));
  g_assert_cmpfloat (ct_basemap_source_get_text_scale (CT_BASEMAP_SOURCE (source)), ==, 1.0);

  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (ct_ties_layer_get_label_size (layer, kaohsiung->id, &large_width, &large_height));
  g_test_message ("Kaohsiung's label: %d×%d, %d×%d in large text", width, height, large_width, large_height);
  /* in proportion: half as large again, not the font resolution applied twice */
  g_assert_cmpint (large_width, >, width * 5 / 4);
  g_assert_cmpint (large_width, <, width * 7 / 4);
  g_assert_cmpint (large_height, >, height * 5 / 4);
  g_assert_cmpint (large_height, <, height * 7 / 4);
  source = shumate_simple_map_get_map_source (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));
  g_assert_cmpfloat (ct_basemap_source_get_text_scale (CT_BASEMAP_SOURCE (source)), ==, 1.5);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/accessibility/every-control-is-named", Fixture, NULL, fixture_set_up, test_every_control_is_named, fixture_tear_down);
  g_test_add ("/accessibility/map-text-alternative", Fixture, NULL, fixture_set_up, test_map_text_alternative, fixture_tear_down);
  g_test_add ("/accessibility/f6-cycles-areas", Fixture, NULL, fixture_set_up, test_f6_cycles_areas, fixture_tear_down);
  g_test_add ("/accessibility/map-keyboard", Fixture, NULL, fixture_set_up, test_map_keyboard, fixture_tear_down);
  g_test_add ("/accessibility/high-contrast", Fixture, NULL, fixture_set_up, test_high_contrast, fixture_tear_down);
  g_test_add ("/accessibility/large-text", Fixture, NULL, fixture_set_up, test_large_text, fixture_tear_down);

  return g_test_run ();
}
