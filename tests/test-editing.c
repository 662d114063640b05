/* test-editing.c: editing from the side panels, as a user does it (under Xvfb)
 *
 * A city is added from the gazetteer, linked on the map to a Taiwanese city, the tie is edited,
 * undone, redone, deleted with its city and the delete undone; bad values are refused and
 * nothing of them reaches the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <shumate/shumate.h>

#include "ct-add-city-dialog.h"
#include "ct-bundled.h"
#include "ct-editor-panel.h"
#include "ct-error.h"
#include "ct-record-editor.h"
#include "ct-ties-layer.h"
#include "ct-window.h"

#include "test-window-util.h"

typedef CtWindowFixture Fixture;

#define fixture_set_up    ct_window_fixture_set_up
#define fixture_tear_down ct_window_fixture_tear_down

static CtRecordEditor *
current_editor (Fixture *f)
{
  CtEditorPanel *panel = CT_EDITOR_PANEL (ct_window_get_editor_panel (f->window));

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));
  return ct_editor_panel_get_editor (panel);
}

static void
activate (Fixture    *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
}

/* Types into a field of the editor shown and leaves it, as a user does */
static gboolean
type_into (Fixture    *f,
           const char *key,
           const char *text)
{
  CtRecordEditor *editor = current_editor (f);
  GtkWidget *row = ct_record_editor_get_field (editor, key);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return ct_record_editor_flush (editor);
}

static char *
export_json (CtStore *store)
{
  g_autoptr(CtDataset) dataset = ct_store_export_dataset (store, NULL);
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, NULL, NULL);
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships (store, NULL, NULL);

  g_assert_nonnull (dataset);
  /* enough to tell two states of the database apart: every city and tie with its fields */
  {
    GString *s = g_string_new (NULL);

    for (guint i = 0; i < cities->len; i++)
      {
        CtCity *c = g_ptr_array_index (cities, i);
        g_string_append_printf (s, "%s|%s|%s|%.6f|%.6f|%s\n", c->id, c->name, c->country, c->lat, c->lon, c->created);
      }
    for (guint i = 0; i < ties->len; i++)
      {
        CtPartnership *p = g_ptr_array_index (ties, i);
        g_string_append_printf (s, "%s|%d|%d|%s|%u\n", p->id, p->kind, p->status, ct_str (p->signed_on), p->parties->len);
      }
    return g_string_free (s, FALSE);
  }
}

/* Clicks on the map where a city is drawn, in link mode */
static void
click_city (Fixture    *f,
            const char *city_id)
{
  CtTiesLayer *layer = CT_TIES_LAYER (ct_window_get_ties_layer (f->window));
  gboolean is_city = FALSE;
  double x, y;

  g_assert_true (ct_ties_layer_get_city_position (layer, city_id, &x, &y));
  /* the click lands on that city, not a neighbour */
  g_assert_cmpstr (ct_ties_layer_pick (layer, x, y, &is_city), ==, city_id);
  ct_window_click_map (f->window, x, y);
  ct_test_wait_frames (GTK_WIDGET (f->window), 1);
}

static void
test_editing_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  CtHistory *history = ct_window_get_history (f->window);
  ShumateSimpleMap *map = SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (map);
  g_autoptr(CtCity) kaohsiung = ct_test_find_city (f->store, "Kaohsiung");
  g_autoptr(CtCity) ipoh = NULL;
  g_autoptr(CtPartnership) tie = NULL;
  g_autoptr(CtPartnership) stored = NULL;
  g_autofree char *before_add = export_json (f->store);
  g_autofree char *before_delete = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *ipoh_id = NULL;
  g_autofree char *tie_id = NULL;
  CtAddCityDialog *dialog;
  CtPlaceSearch *search;
  GListModel *matches;
  CtRecordEditor *editor;
  AdwMessageDialog *question;

  g_assert_nonnull (kaohsiung);
  g_assert_null (ct_test_find_city (f->store, "Ipoh"));
  g_assert_false (ct_history_get_can_undo (history));

  /* Add City: the gazetteer finds Ipoh as the user types; Return takes the first match */
  dialog = CT_ADD_CITY_DIALOG (ct_window_add_city (f->window));
  g_assert_nonnull (dialog);
  search = ct_add_city_dialog_get_place_search (dialog);
  ct_place_search_set_text (search, "ipoh");
  matches = ct_place_search_get_matches (search);
  g_assert_cmpuint (g_list_model_get_n_items (matches), >, 0);
  {
    g_autoptr(CtCity) first = g_list_model_get_item (matches, 0);

    g_assert_cmpstr (first->name, ==, "Ipoh");
    g_assert_cmpstr (first->country, ==, "MY");
    g_assert_null (first->id);
  }
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new ();

    ct_test_collect (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY, entries);
    g_assert_cmpuint (entries->len, ==, 1);
    g_signal_emit_by_name (g_ptr_array_index (entries, 0), "activate");
  }
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);

  ipoh = ct_test_find_city (f->store, "Ipoh");
  g_assert_nonnull (ipoh);
  ipoh_id = g_strdup (ipoh->id);
  g_assert_cmpstr (ipoh->country, ==, "MY");
  g_assert_cmpfloat_with_epsilon (ipoh->lat, 4.58, 0.05);
  g_assert_cmpfloat_with_epsilon (ipoh->lon, 101.08, 0.05);
  g_assert_true (ct_history_get_can_undo (history));

  /* the new city is open in the editor */
  editor = current_editor (f);
  g_assert_cmpstr (ct_record_editor_get_id (editor), ==, ipoh_id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ct_record_editor_get_field (editor, "name"))), ==, "Ipoh");

  /* Link it on the map to Kaohsiung: both in view, a click on each, Create Tie */
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 14.0, 111.0);
  shumate_viewport_set_zoom_level (viewport, 5);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  activate (f, "win.link-cities");
  click_city (f, ipoh_id);
  /* one city is not a tie */
  activate (f, "win.create-tie");
  {
    g_autoptr(GPtrArray) none = ct_store_list_partnerships_for_city (f->store, ipoh_id, NULL);

    g_assert_cmpuint (none->len, ==, 0);
  }
  click_city (f, kaohsiung->id);
  ct_test_save_screenshot (GTK_WIDGET (f->window), "editing-link");
  activate (f, "win.create-tie");

  {
    g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, ipoh_id, NULL);

    g_assert_cmpuint (ties->len, ==, 1);
    tie = g_object_ref (g_ptr_array_index (ties, 0));
  }
  tie_id = g_strdup (tie->id);
  g_assert_cmpuint (tie->parties->len, ==, 2);
  g_assert_cmpstr (((CtParty *) g_ptr_array_index (tie->parties, 0))->city, ==, ipoh_id);
  g_assert_cmpstr (((CtParty *) g_ptr_array_index (tie->parties, 1))->city, ==, kaohsiung->id);

  /* The tie is open in the editor: change its status and its signing date */
  editor = current_editor (f);
  g_assert_cmpstr (ct_record_editor_get_id (editor), ==, tie_id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ct_record_editor_get_field (editor, "status")), CT_STATUS_NEGOTIATING);
  g_assert_true (type_into (f, "signed_on", "2024-05"));
  stored = ct_store_get_partnership (f->store, tie_id, NULL);
  g_assert_cmpint (stored->status, ==, CT_STATUS_NEGOTIATING);
  g_assert_cmpstr (stored->signed_on, ==, "2024-05");
  g_clear_object (&stored);
  ct_test_save_screenshot (GTK_WIDGET (f->window), "editing-tie");

  /* Undo twice: the date goes, then the status; the editor shows it */
  activate (f, "win.undo");
  stored = ct_store_get_partnership (f->store, tie_id, NULL);
  g_assert_null (stored->signed_on);
  g_assert_cmpint (stored->status, ==, CT_STATUS_NEGOTIATING);
  g_clear_object (&stored);
  editor = current_editor (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ct_record_editor_get_field (editor, "signed_on"))), ==, "");
  activate (f, "win.undo");
  stored = ct_store_get_partnership (f->store, tie_id, NULL);
  g_assert_cmpint (stored->status, ==, CT_STATUS_ACTIVE);
  g_clear_object (&stored);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ct_record_editor_get_field (current_editor (f), "status"))),
                    ==, CT_STATUS_ACTIVE);

  /* Redo twice: both come back */
  activate (f, "win.redo");
  activate (f, "win.redo");
  stored = ct_store_get_partnership (f->store, tie_id, NULL);
  g_assert_cmpint (stored->status, ==, CT_STATUS_NEGOTIATING);
  g_assert_cmpstr (stored->signed_on, ==, "2024-05");
  g_clear_object (&stored);
  g_assert_false (ct_history_get_can_redo (history));

  /* Delete Ipoh: it has a tie, so the window asks; the tie goes with it */
  before_delete = export_json (f->store);
  ct_window_delete_record (f->window, CT_TYPE_CITY, ipoh_id);
  question = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), "Ipoh"));
  adw_message_dialog_response (question, "delete");
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_null (ct_store_get_city (f->store, ipoh_id, NULL));
  g_assert_null (ct_store_get_partnership (f->store, tie_id, NULL));
  /* the editor showing the deleted record has closed */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (ct_window_get_editor_panel (f->window)))),
                   ==, "details");

  /* Undo the delete: the city and the tie are back as they were, ids and dates included */
  activate (f, "win.undo");
  after_undo = export_json (f->store);
  g_assert_cmpstr (after_undo, ==, before_delete);

  /* Undo everything: the database is as it was before the city was added */
  while (ct_history_get_can_undo (history))
    activate (f, "win.undo");
  {
    g_autofree char *now = export_json (f->store);

    g_assert_cmpstr (now, ==, before_add);
  }
}

static void
test_editing_refuses_bad_values (Fixture       *f,
                                 gconstpointer  data)
{
  CtHistory *history = ct_window_get_history (f->window);
  g_autoptr(CtCity) kaohsiung = ct_test_find_city (f->store, "Kaohsiung");
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, kaohsiung->id, NULL);
  CtPartnership *tie = g_ptr_array_index (ties, 0);
  g_autofree char *before = export_json (f->store);
  CtRecordEditor *editor;
  GtkWidget *lat;

  ct_window_select_city (f->window, kaohsiung->id);
  activate (f, "win.edit");
  editor = current_editor (f);
  g_assert_cmpstr (ct_record_editor_get_id (editor), ==, kaohsiung->id);

  /* a latitude out of range: shown in red with the reason, not saved */
  lat = ct_record_editor_get_field (editor, "lat");
  g_assert_false (type_into (f, "lat", "123"));
  g_assert_true (gtk_widget_has_css_class (lat, "error"));
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "Latitude"));
  ct_test_save_screenshot (GTK_WIDGET (f->window), "editing-refused");
  /* not a number */
  g_assert_false (type_into (f, "lat", "twenty"));
  g_assert_nonnull (ct_record_editor_get_error (editor));
  /* an empty name */
  {
    char buffer[G_ASCII_DTOSTR_BUF_SIZE];

    /* the latitude as it was: nothing changes */
    g_assert_true (type_into (f, "lat", g_ascii_formatd (buffer, sizeof buffer, "%.6f", kaohsiung->lat)));
  }
  g_assert_false (type_into (f, "name", "   "));
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "Name"));
  g_assert_true (type_into (f, "name", "Kaohsiung"));
  g_assert_false (gtk_widget_has_css_class (lat, "error"));
  g_assert_null (ct_record_editor_get_error (editor));

  /* a tie: an impossible date, and an end before the start */
  ct_window_edit (f->window, CT_TYPE_PARTNERSHIP, tie->id);
  editor = current_editor (f);
  g_assert_false (type_into (f, "signed_on", "2023-02-29"));
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "2017-05"));
  g_assert_true (type_into (f, "signed_on", "2019"));
  g_assert_false (type_into (f, "ended", "2018-12"));
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "before"));
  g_assert_true (type_into (f, "ended", ""));
  g_assert_true (type_into (f, "signed_on", ct_str (tie->signed_on)));

  /* the database holds none of it; the valid values typed back changed nothing */
  {
    g_autofree char *now = export_json (f->store);

    g_assert_cmpstr (now, ==, before);
  }
  (void) history;
}

static void
test_editing_place_on_map (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window))));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (SHUMATE_SIMPLE_MAP (ct_window_get_map (f->window)));
  CtAddCityDialog *dialog;
  CtRecordEditor *editor;
  GtkWidget *country;
  g_autoptr(CtCity) placed = NULL;
  double x, y;

  shumate_location_set_location (SHUMATE_LOCATION (viewport), 23.5, 121.0);
  shumate_viewport_set_zoom_level (viewport, 7);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* "Place on the map instead", then a click in the middle of the map */
  dialog = CT_ADD_CITY_DIALOG (ct_window_add_city (f->window));
  g_signal_emit_by_name (dialog, "place-on-map");
  gtk_window_destroy (GTK_WINDOW (dialog));
  x = gtk_widget_get_width (map) / 2.0;
  y = gtk_widget_get_height (map) / 2.0;
  ct_window_click_map (f->window, x, y);
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);

  /* a new city at the click, not saved until it has a name and a country */
  editor = current_editor (f);
  g_assert_null (ct_record_editor_get_id (editor));
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (ct_record_editor_get_field (editor, "lat"))), NULL),
                                  23.5, 0.05);
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "Not saved yet"));
  g_assert_false (type_into (f, "name", "Puli"));
  g_assert_null (ct_test_find_city (f->store, "Puli"));
  ct_test_save_screenshot (GTK_WIDGET (f->window), "editing-new-city");

  country = ct_record_editor_get_field (editor, "country");
  {
    GListModel *names = gtk_drop_down_get_model (GTK_DROP_DOWN (country));
    guint taiwan = GTK_INVALID_LIST_POSITION;

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      {
        g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

        if (g_str_equal (gtk_string_object_get_string (name), "Taiwan"))
          taiwan = i;
      }
    g_assert_cmpuint (taiwan, !=, GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (country), taiwan);
  }

  placed = ct_test_find_city (f->store, "Puli");
  g_assert_nonnull (placed);
  g_assert_cmpstr (placed->country, ==, "TW");
  g_assert_cmpfloat_with_epsilon (placed->lat, 23.5, 0.05);
  g_assert_cmpfloat_with_epsilon (placed->lon, 121.0, 0.05);
  g_assert_cmpstr (ct_record_editor_get_id (editor), ==, placed->id);

  /* one step undoes the new city */
  activate (f, "win.undo");
  g_assert_null (ct_test_find_city (f->store, "Puli"));
}

/* Networks, memberships, sources and activities: created, edited and deleted from the panel */
static void
test_editing_other_records (Fixture       *f,
                            gconstpointer  data)
{
  CtEditorPanel *panel = CT_EDITOR_PANEL (ct_window_get_editor_panel (f->window));
  g_autoptr(CtCity) kaohsiung = ct_test_find_city (f->store, "Kaohsiung");
  g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (f->store, kaohsiung->id, NULL);
  CtPartnership *tie = g_ptr_array_index (ties, 0);
  g_autoptr(GPtrArray) networks_before = ct_store_list_networks (f->store, NULL);
  g_autofree char *network_id = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *membership_id = NULL;
  g_autofree char *activity_id = NULL;
  CtRecordEditor *editor;
  AdwComboRow *network_row;
  AdwMessageDialog *question;

  /* New Network: nothing is saved until it has a name */
  activate (f, "win.new-network");
  editor = current_editor (f);
  g_assert_null (ct_record_editor_get_id (editor));
  g_assert_true (type_into (f, "name", "Smart Cities Test Network"));
  g_assert_true (type_into (f, "url", "https://example.org/network"));
  network_id = g_strdup (ct_record_editor_get_id (editor));
  g_assert_nonnull (network_id);
  g_assert_false (type_into (f, "url", "example.org"));
  g_assert_nonnull (strstr (ct_record_editor_get_error (editor), "https://"));
  {
    g_autoptr(CtNetwork) network = ct_store_get_network (f->store, network_id, NULL);

    g_assert_cmpstr (network->name, ==, "Smart Cities Test Network");
    g_assert_cmpstr (network->url, ==, "https://example.org/network");
  }
  ct_editor_panel_close (panel);

  /* Kaohsiung joins it: a new membership, saved once its network is chosen */
  {
    g_autoptr(CtMembership) m = ct_membership_new ();

    m->city = g_strdup (kaohsiung->id);
    ct_window_edit (f->window, CT_TYPE_CITY, kaohsiung->id);
    ct_editor_panel_edit_new (panel, G_OBJECT (m));
  }
  editor = current_editor (f);
  g_assert_null (ct_record_editor_get_id (editor));
  network_row = ADW_COMBO_ROW (ct_record_editor_get_field (editor, "network"));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (network_row)); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (adw_combo_row_get_model (network_row), i);

      if (g_str_equal (gtk_string_object_get_string (name), "Smart Cities Test Network"))
        adw_combo_row_set_selected (network_row, i);
    }
  membership_id = g_strdup (ct_record_editor_get_id (editor));
  g_assert_nonnull (membership_id);
  g_assert_true (type_into (f, "role", "Pilot city"));
  g_assert_true (type_into (f, "joined", "2021-03"));
  g_assert_false (type_into (f, "left", "2020"));
  g_assert_true (type_into (f, "left", ""));
  {
    g_autoptr(CtMembership) m = ct_store_get_membership (f->store, membership_id, NULL);

    g_assert_cmpstr (m->network, ==, network_id);
    g_assert_cmpstr (m->role, ==, "Pilot city");
    g_assert_cmpstr (m->joined, ==, "2021-03");
    g_assert_null (m->left);
  }

  /* A new source, then an activity of one of Kaohsiung's ties */
  activate (f, "win.new-source");
  editor = current_editor (f);
  g_assert_false (type_into (f, "date", "2021-14"));
  /* while the date is refused, nothing is saved, whatever else is typed */
  g_assert_false (type_into (f, "title", "Kaohsiung City Government press release"));
  g_assert_null (ct_record_editor_get_id (editor));
  g_assert_true (type_into (f, "date", "2021-03-02"));
  source_id = g_strdup (ct_record_editor_get_id (editor));
  g_assert_nonnull (source_id);
  {
    g_autoptr(CtActivity) a = ct_activity_new ();

    a->partnership = g_strdup (tie->id);
    a->kind = CT_ACTIVITY_VISIT;
    ct_editor_panel_edit_new (panel, G_OBJECT (a));
  }
  editor = current_editor (f);
  /* a new activity with its kind set is valid at once: saved with the first change */
  g_assert_true (type_into (f, "title", "Mayoral visit"));
  activity_id = g_strdup (ct_record_editor_get_id (editor));
  g_assert_nonnull (activity_id);
  {
    g_autoptr(GPtrArray) activities = ct_store_list_activities (f->store, tie->id, NULL);
    gboolean found = FALSE;

    for (guint i = 0; i < activities->len; i++)
      found |= g_strcmp0 (CT_ACTIVITY (g_ptr_array_index (activities, i))->title, "Mayoral visit") == 0;
    g_assert_true (found);
  }

  /* Deleting: the activity and the source at once (nothing depends on them), the network after
   * a question (it has a member); the membership goes with it, and Undo brings both back */
  ct_window_delete_record (f->window, CT_TYPE_ACTIVITY, activity_id);
  g_assert_null (ct_store_get_activity (f->store, activity_id, NULL));
  ct_window_delete_record (f->window, CT_TYPE_SOURCE, source_id);
  g_assert_null (ct_store_get_source (f->store, source_id, NULL));
  ct_window_delete_record (f->window, CT_TYPE_NETWORK, network_id);
  question = ct_test_find_dialog (GTK_WINDOW (f->window));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "delete");
  ct_test_wait_frames (GTK_WIDGET (f->window), 2);
  g_assert_null (ct_store_get_network (f->store, network_id, NULL));
  g_assert_null (ct_store_get_membership (f->store, membership_id, NULL));
  activate (f, "win.undo");
  {
    g_autoptr(CtNetwork) network = ct_store_get_network (f->store, network_id, NULL);
    g_autoptr(CtMembership) m = ct_store_get_membership (f->store, membership_id, NULL);

    g_assert_nonnull (network);
    g_assert_nonnull (m);
    g_assert_cmpstr (m->role, ==, "Pilot city");
  }
  {
    g_autoptr(GPtrArray) networks_now = ct_store_list_networks (f->store, NULL);

    g_assert_cmpuint (networks_now->len, ==, networks_before->len + 1);
  }
}

/* Linking from the keyboard: a city selected on the map (as Page Down does), Return, another, Return */
static void
test_editing_link_by_keyboard (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *layer = GTK_WIDGET (ct_window_get_ties_layer (f->window));
  g_autoptr(CtCity) taichung = ct_test_find_city (f->store, "Taichung");
  g_autoptr(CtCity) kuching = ct_test_find_city (f->store, "Kuching");
  g_autoptr(GPtrArray) before = ct_store_list_partnerships_for_city (f->store, kuching->id, NULL);
  g_autoptr(GPtrArray) after = NULL;
  gboolean linked = FALSE;

  activate (f, "win.link-cities");
  ct_window_select_city (f->window, taichung->id);
  g_assert_true (gtk_widget_activate_action (layer, "map.activate-selection", NULL));
  ct_window_select_city (f->window, kuching->id);
  g_assert_true (gtk_widget_activate_action (layer, "map.activate-selection", NULL));
  activate (f, "win.create-tie");

  after = ct_store_list_partnerships_for_city (f->store, kuching->id, NULL);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (after, i);

      if (p->parties->len == 2 &&
          g_strcmp0 (((CtParty *) g_ptr_array_index (p->parties, 0))->city, taichung->id) == 0 &&
          g_strcmp0 (((CtParty *) g_ptr_array_index (p->parties, 1))->city, kuching->id) == 0)
        linked = TRUE;
    }
  g_assert_true (linked);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/editing/round-trip", Fixture, NULL, fixture_set_up, test_editing_round_trip, fixture_tear_down);
  g_test_add ("/editing/refuses-bad-values", Fixture, NULL, fixture_set_up, test_editing_refuses_bad_values, fixture_tear_down);
  g_test_add ("/editing/other-records", Fixture, NULL, fixture_set_up, test_editing_other_records, fixture_tear_down);
  g_test_add ("/editing/link-by-keyboard", Fixture, NULL, fixture_set_up, test_editing_link_by_keyboard, fixture_tear_down);
  g_test_add ("/editing/place-on-map", Fixture, NULL, fixture_set_up, test_editing_place_on_map, fixture_tear_down);

  return g_test_run ();
}
