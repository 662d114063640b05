/* ct-window.c: the main window — map in the middle, browse panel left, details right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include <math.h>

#include "ct-add-city-dialog.h"
#include "ct-basemap-source.h"
#include "ct-browse-panel.h"
#include "ct-camera.h"
#include "ct-details-panel.h"
#include "ct-editor-panel.h"
#include "ct-exchange.h"
#include "ct-gazetteer.h"
#include "ct-history.h"
#include "ct-legend.h"
#include "ct-record-editor.h"
#include "ct-record.h"
#include "ct-ties-layer.h"
#include "ct-ui-resources.h"
#include "ct-window.h"
#include "ct-window-exchange.h"
#include "ct-window-private.h"

typedef enum {
  MAP_MODE_NONE,
  MAP_MODE_PLACE, /* a click places a new city */
  MAP_MODE_LINK,  /* clicks pick the cities of a new tie */
} MapMode;

struct _CtWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwToastOverlay      *toast_overlay;
  AdwStatusPage        *error_page;
  GtkRevealer          *browse_revealer;
  GtkRevealer          *details_revealer;
  CtBrowsePanel        *browse_panel;
  CtDetailsPanel       *details_panel;
  ShumateSimpleMap     *map;
  CtLegend             *legend;
  GtkStack             *side_stack;
  GtkActionBar         *details_action_bar;
  CtEditorPanel        *editor_panel;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkRevealer          *map_mode_revealer;
  GtkLabel             *map_mode_label;
  GtkButton            *map_mode_create_button;

  CtHistory            *history;
  CtGazetteer          *gazetteer;     /* loaded when first needed */
  MapMode               map_mode;
  GPtrArray            *link_cities;   /* char *, NULL-terminated: the cities picked for a new tie */
  double                press_x;
  double                press_y;

  GSettings            *settings;
  CtStore              *store;
  CtTiesLayer          *ties_layer;
  CtCamera             *camera;
  ShumateMapSource     *online_source;
  GPtrArray            *shown_cities;  /* CtCity: what the map shows now */
  GPtrArray            *all_cities;    /* CtCity: every city of the store, as last read */
  CtWindowExchange     *exchange;      /* import, export, drops: ct-window-exchange.c */

  gboolean              show_browse_panel;
  gboolean              show_details_panel;
  gboolean              camera_restored;
  gboolean              syncing;       /* selection being propagated: do not echo it back */
};

G_DEFINE_FINAL_TYPE (CtWindow, ct_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_BROWSE_PANEL,
  PROP_SHOW_DETAILS_PANEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_edit_actions (CtWindow *self);
static void update_undo_actions (CtWindow *self);

CtWindow *
ct_window_new (CtApplication *application)
{
  return g_object_new (CT_TYPE_WINDOW, "application", application, NULL);
}

CtStore *
ct_window_get_store (CtWindow *self)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  return self->store;
}

GtkWidget *ct_window_get_map (CtWindow *self) { return GTK_WIDGET (self->map); }
GObject *ct_window_get_ties_layer (CtWindow *self) { return G_OBJECT (self->ties_layer); }
GtkWidget *ct_window_get_browse_panel (CtWindow *self) { return GTK_WIDGET (self->browse_panel); }
GtkWidget *ct_window_get_details_panel (CtWindow *self) { return GTK_WIDGET (self->details_panel); }

void
ct_window_show_error (CtWindow   *self,
                      const char *title,
                      const char *message)
{
  g_return_if_fail (CT_IS_WINDOW (self));

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Basemap */

static CtBasemapStyle
current_style (CtWindow *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *style = g_settings_get_string (self->settings, "basemap-style");

  if (g_str_equal (style, "light"))
    return CT_BASEMAP_STYLE_LIGHT;
  if (g_str_equal (style, "dark"))
    return CT_BASEMAP_STYLE_DARK;
  if (g_str_equal (style, "high-contrast"))
    return CT_BASEMAP_STYLE_HIGH_CONTRAST;

  if (adw_style_manager_get_high_contrast (style_manager))
    return CT_BASEMAP_STYLE_HIGH_CONTRAST;
  return adw_style_manager_get_dark (style_manager) ? CT_BASEMAP_STYLE_DARK : CT_BASEMAP_STYLE_LIGHT;
}

/* The desktop's text size: GNOME's Large Text raises the font resolution by a quarter */
static double
get_text_scale (CtWindow *self)
{
  int dpi = 0;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? dpi / (96.0 * 1024) : 1.0;
}

static void
update_basemap (CtWindow *self)
{
  CtBasemapStyle style = current_style (self);
  gboolean map_focused = gtk_root_get_focus (GTK_ROOT (self)) == GTK_WIDGET (self->ties_layer);
  guint flags = 0;

  if (g_settings_get_boolean (self->settings, "show-graticule"))
    flags |= CT_BASEMAP_GRATICULE;
  if (g_settings_get_boolean (self->settings, "show-country-labels"))
    flags |= CT_BASEMAP_LABELS;

  if (g_settings_get_boolean (self->settings, "online-tiles"))
    {
      if (self->online_source == NULL)
        {
          g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
          ShumateMapSource *osm = shumate_map_source_registry_get_by_id (registry, SHUMATE_MAP_SOURCE_OSM_MAPNIK);

          self->online_source = osm ? g_object_ref (osm) : NULL;
        }
      if (self->online_source)
        {
          shumate_simple_map_set_map_source (self->map, self->online_source);
          goto out;
        }
    }

  {
    g_autoptr(CtBasemapSource) source = ct_basemap_source_new_full (style, flags, get_text_scale (self));
    shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (source));
  }

out:
  /* A new map source brings a new map layer, which libshumate may put above ours: keep the
   * ties on top */
  if (gtk_widget_get_parent (GTK_WIDGET (self->ties_layer)))
    shumate_simple_map_remove_overlay_layer (self->map, SHUMATE_LAYER (self->ties_layer));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->ties_layer));
  /* taking the layer out took the keyboard focus away from it */
  if (map_focused)
    gtk_widget_grab_focus (GTK_WIDGET (self->ties_layer));

  ct_ties_layer_set_dark (self->ties_layer, style == CT_BASEMAP_STYLE_DARK);
  ct_ties_layer_set_high_contrast (self->ties_layer, style == CT_BASEMAP_STYLE_HIGH_CONTRAST);
  ct_legend_set_variant (self->legend,
                         style == CT_BASEMAP_STYLE_DARK ? CT_PALETTE_DARK :
                         style == CT_BASEMAP_STYLE_HIGH_CONTRAST ? CT_PALETTE_HIGH_CONTRAST : CT_PALETTE_LIGHT);
}

/* Data */

static void
refresh_map (CtWindow *self)
{
  const CtFilter *filter = ct_browse_panel_get_filter (self->browse_panel);
  g_autoptr(GPtrArray) matching = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!(matching = ct_store_list_cities (self->store, filter, &error)) ||
      !(partnerships = ct_store_list_partnerships (self->store, filter, &error)) ||
      !(all = ct_store_list_cities (self->store, NULL, &error)))
    {
      g_warning ("Could not read the database: %s", error->message);
      return;
    }

  /* The map shows the cities that match and every party of the ties that match: a search for
   * "Tainan" shows Tainan and its partners */
  for (guint i = 0; i < matching->len; i++)
    g_hash_table_add (shown, CT_CITY (g_ptr_array_index (matching, i))->id);
  for (guint i = 0; i < partnerships->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (partnerships, i);

      for (guint j = 0; j < p->parties->len; j++)
        g_hash_table_add (shown, ((CtParty *) g_ptr_array_index (p->parties, j))->city);
    }
  for (guint i = 0; i < all->len; i++)
    {
      CtCity *city = g_ptr_array_index (all, i);

      if (g_hash_table_contains (shown, city->id))
        g_ptr_array_add (cities, g_object_ref (city));
    }

  ct_ties_layer_set_data (self->ties_layer, cities, partnerships);
  g_clear_pointer (&self->shown_cities, g_ptr_array_unref);
  self->shown_cities = g_ptr_array_ref (cities);
  g_clear_pointer (&self->all_cities, g_ptr_array_unref);
  self->all_cities = g_ptr_array_ref (all);
}

/* The gazetteer finds the cities of the database too, by their local names as well */
static void
update_gazetteer_cities (CtWindow *self)
{
  if (self->gazetteer && self->all_cities)
    ct_gazetteer_set_cities (self->gazetteer, self->all_cities);
}

static void
on_store_changed_cb (CtWindow *self,
                     guint     what)
{
  refresh_map (self);
  if (what & CT_CHANGE_CITIES)
    update_gazetteer_cities (self);
  update_edit_actions (self);
}

static void
on_filter_changed_cb (CtWindow *self)
{
  refresh_map (self);
}

void
ct_window_set_store (CtWindow *self,
                     CtStore  *store)
{
  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (CT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  /* An import from the command line, or another window on the same file: the map and the
   * panels reload as they do for changes made here */
  ct_store_watch_other_writers (store);

  g_object_set (self->browse_panel, "store", store, NULL);
  g_object_set (self->details_panel, "store", store, NULL);
  ct_window_exchange_store_changed (self->exchange);

  /* every edit made in this window goes through its history, to be undone */
  if (self->history)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);
  self->history = ct_history_new (store);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo", G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::undo-label", G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::redo-label", G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  ct_editor_panel_set_history (self->editor_panel, self->history);
  gtk_stack_set_visible_child_name (self->side_stack, "details");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-city", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-cities", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-network", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-source", TRUE);
  update_undo_actions (self);
  update_edit_actions (self);

  refresh_map (self);
  update_gazetteer_cities (self);
  gtk_stack_set_visible_child_name (self->stack, "map");
}

/* Importing and exporting files, and files dropped on the window: ct-window-exchange.c */

AdwToastOverlay *
ct_window_get_toast_overlay (CtWindow *self)
{
  return self->toast_overlay;
}

CtWindowExchange *
ct_window_get_exchange (CtWindow *self)
{
  return self->exchange;
}

/* Selection */

/* move_camera: fly to the city; not when it was picked with the keyboard among those in view */
static void
select_city (CtWindow   *self,
             const char *city_id,
             gboolean    move_camera)
{
  g_autoptr(CtCity) city = NULL;

  if (self->syncing || self->store == NULL)
    return;

  self->syncing = TRUE;
  ct_ties_layer_select_city (self->ties_layer, city_id);
  /* while linking, the highlighted cities are those picked for the tie */
  if (self->map_mode != MAP_MODE_LINK)
    ct_ties_layer_set_highlighted_cities (self->ties_layer, NULL);
  ct_browse_panel_select_city (self->browse_panel, city_id);
  ct_details_panel_show_city (self->details_panel, city_id);
  update_edit_actions (self);

  if (move_camera && (city = ct_store_get_city (self->store, city_id, NULL)))
    ct_camera_fly_to (self->camera, city->lat, city->lon,
                      MAX (shumate_viewport_get_zoom_level (shumate_simple_map_get_viewport (self->map)), 5.0));
  self->syncing = FALSE;
}

void
ct_window_select_city (CtWindow   *self,
                       const char *city_id)
{
  g_return_if_fail (CT_IS_WINDOW (self));

  select_city (self, city_id, TRUE);
}

static void
fit_partnership (CtWindow      *self,
                 CtPartnership *p)
{
  g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < p->parties->len; i++)
    {
      CtParty *party = g_ptr_array_index (p->parties, i);
      CtCity *city = ct_store_get_city (self->store, party->city, NULL);

      if (city)
        g_ptr_array_add (cities, city);
    }

  if (cities->len > 0)
    ct_camera_show_all (self->camera, cities);
}

void
ct_window_select_partnership (CtWindow   *self,
                              const char *partnership_id)
{
  g_autoptr(CtPartnership) p = NULL;

  g_return_if_fail (CT_IS_WINDOW (self));

  if (self->syncing || self->store == NULL)
    return;

  self->syncing = TRUE;
  ct_ties_layer_select_partnership (self->ties_layer, partnership_id);
  /* while linking, the highlighted cities are those picked for the tie */
  if (self->map_mode != MAP_MODE_LINK)
    ct_ties_layer_set_highlighted_cities (self->ties_layer, NULL);
  ct_browse_panel_select_partnership (self->browse_panel, partnership_id);
  ct_details_panel_show_partnership (self->details_panel, partnership_id);
  update_edit_actions (self);

  if ((p = ct_store_get_partnership (self->store, partnership_id, NULL)))
    fit_partnership (self, p);
  self->syncing = FALSE;
}

void
ct_window_select_network (CtWindow   *self,
                          const char *network_id)
{
  g_return_if_fail (CT_IS_WINDOW (self));

  if (self->syncing || self->store == NULL)
    return;

  self->syncing = TRUE;
  ct_ties_layer_select_city (self->ties_layer, NULL);
  ct_browse_panel_select_network (self->browse_panel, network_id);
  /* the details panel answers with "network-members", which highlights them */
  ct_details_panel_show_network (self->details_panel, network_id);
  update_edit_actions (self);
  self->syncing = FALSE;
}

static void
on_city_selected_cb (CtWindow   *self,
                     const char *id)
{
  ct_window_select_city (self, id);
}

static void
on_partnership_selected_cb (CtWindow   *self,
                            const char *id)
{
  ct_window_select_partnership (self, id);
}

static void
on_network_selected_cb (CtWindow   *self,
                        const char *id)
{
  ct_window_select_network (self, id);
}

static void
on_network_members_cb (CtWindow  *self,
                       GStrv      city_ids)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);

  ct_ties_layer_set_highlighted_cities (self->ties_layer, city_ids);

  for (guint i = 0; city_ids && city_ids[i]; i++)
    {
      CtCity *city = self->store ? ct_store_get_city (self->store, city_ids[i], NULL) : NULL;

      if (city)
        g_ptr_array_add (members, city);
    }

  if (members->len > 0)
    ct_camera_show_all (self->camera, members);
}

static void
on_city_activated_cb (CtWindow   *self,
                      const char *id)
{
  ct_window_select_city (self, id);
}

static void
on_partnership_activated_cb (CtWindow   *self,
                             const char *id)
{
  ct_window_select_partnership (self, id);
}

/* Page Down and Page Up on the map */
static void
on_map_city_selected_cb (CtWindow   *self,
                         const char *id)
{
  select_city (self, id, FALSE);
}

/* Return on the map: its details, with the keyboard focus, for a screen reader to read on */
static void toggle_link_city (CtWindow *self, const char *city_id);

static void
on_map_selection_activated_cb (CtWindow *self)
{
  const char *city_id = ct_ties_layer_get_selected_city (self->ties_layer);
  const char *partnership_id = ct_ties_layer_get_selected_partnership (self->ties_layer);
  const char *shown_id = ct_details_panel_get_shown_id (self->details_panel);

  /* linking from the keyboard: Page Down picks a city, Return adds it to the tie (or takes it out) */
  if (self->map_mode == MAP_MODE_LINK)
    {
      if (city_id)
        toggle_link_city (self, city_id);
      return;
    }

  if (city_id && g_strcmp0 (city_id, shown_id) != 0)
    select_city (self, city_id, FALSE);
  else if (partnership_id && g_strcmp0 (partnership_id, shown_id) != 0)
    ct_window_select_partnership (self, partnership_id);

  g_object_set (self, "show-details-panel", TRUE, NULL);
  if (!ct_details_panel_focus_content (self->details_panel))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_search_changed_cb (CtWindow *self)
{
  ct_browse_panel_set_search_text (self->browse_panel, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search_cb (CtWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->ties_layer));
}

/* Actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);

  if (self->shown_cities && self->shown_cities->len > 0)
    ct_camera_show_all (self->camera, self->shown_cities);
}

static void
fit_selection_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  const char *city_id = ct_ties_layer_get_selected_city (self->ties_layer);
  const char *partnership_id = ct_ties_layer_get_selected_partnership (self->ties_layer);

  if (self->store == NULL)
    return;

  if (partnership_id)
    {
      g_autoptr(CtPartnership) p = ct_store_get_partnership (self->store, partnership_id, NULL);

      if (p)
        fit_partnership (self, p);
    }
  else if (city_id)
    {
      /* The city and all its partners */
      g_autoptr(GPtrArray) ties = ct_store_list_partnerships_for_city (self->store, city_id, NULL);
      g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_hash_table_add (seen, g_strdup (city_id));
      g_ptr_array_add (cities, ct_store_get_city (self->store, city_id, NULL));
      for (guint i = 0; ties && i < ties->len; i++)
        {
          CtPartnership *p = g_ptr_array_index (ties, i);

          for (guint j = 0; j < p->parties->len; j++)
            {
              CtParty *party = g_ptr_array_index (p->parties, j);
              CtCity *city;

              if (!g_hash_table_add (seen, g_strdup (party->city)))
                continue;
              if ((city = ct_store_get_city (self->store, party->city, NULL)))
                g_ptr_array_add (cities, city);
            }
        }
      g_ptr_array_remove (cities, NULL);
      if (cities->len > 0)
        ct_camera_show_all (self->camera, cities);
    }
}

static void
show_region_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  int region = ct_region_from_string (g_variant_get_string (parameter, NULL));

  if (region >= 0)
    ct_camera_show_region (self->camera, region);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double step = g_str_equal (action_name, "win.zoom-in") ? 1.0 : -1.0;

  ct_camera_fly_to (self->camera,
                    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                    CLAMP (shumate_viewport_get_zoom_level (viewport) + step, 1, 12));
}

/* The areas F6 goes through, left to right; a mode (editing, presenting) can add its own */
typedef enum {
  AREA_BROWSE,
  AREA_MAP,
  AREA_DETAILS,
  N_AREAS
} Area;

static GtkWidget *
get_area (CtWindow *self,
          Area      area)
{
  switch (area)
    {
    case AREA_BROWSE:
      return GTK_WIDGET (self->browse_panel);
    case AREA_MAP:
      return GTK_WIDGET (self->ties_layer);
    case AREA_DETAILS:
      return GTK_WIDGET (self->details_panel);
    case N_AREAS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
focus_area (CtWindow *self,
            Area      area)
{
  if (!gtk_widget_get_mapped (get_area (self, area)))
    return FALSE;

  switch (area)
    {
    case AREA_BROWSE:
      return ct_browse_panel_focus_list (self->browse_panel);
    case AREA_MAP:
      return gtk_widget_grab_focus (GTK_WIDGET (self->ties_layer));
    case AREA_DETAILS:
      return ct_details_panel_focus_content (self->details_panel);
    case N_AREAS:
    default:
      g_assert_not_reached ();
    }
}

/* F6 and Shift+F6: the browse panel, the map and the details panel in turn, as far as they are
 * shown and have something to focus; from elsewhere (the search), the map */
static void
focus_area_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  int step = g_str_equal (action_name, "win.focus-next-area") ? 1 : -1;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int current = -1;

  for (int i = 0; i < N_AREAS; i++)
    if (focus && (focus == get_area (self, i) || gtk_widget_is_ancestor (focus, get_area (self, i))))
      current = i;

  if (current < 0 && focus_area (self, AREA_MAP))
    return;
  for (int k = 1; k < N_AREAS; k++)
    if (focus_area (self, ((current < 0 ? AREA_MAP : current) + k * step + N_AREAS) % N_AREAS))
      return;
  gtk_widget_error_bell (widget);
}

/* Settings */

static void
on_settings_changed_cb (CtWindow   *self,
                        const char *key)
{
  if (g_str_equal (key, "basemap-style") || g_str_equal (key, "show-graticule") ||
      g_str_equal (key, "show-country-labels") || g_str_equal (key, "online-tiles"))
    update_basemap (self);
}

static void
on_style_manager_changed_cb (CtWindow *self)
{
  update_basemap (self);
}

/* Country names follow the desktop's text size (the ties layer's labels follow its font) */
static void
on_text_size_changed_cb (CtWindow *self)
{
  update_basemap (self);
}

static void
restore_camera (CtWindow *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double lat, lon, zoom;

  g_settings_get (self->settings, "camera", "(ddd)", &lat, &lon, &zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CLAMP (lat, -85, 85), CLAMP (lon, -180, 180));
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 1, 12));
}

/* Editing: the editor panel, undo and redo, deleting, adding cities and linking them on the map */

static GType
shown_type (CtWindow *self)
{
  const char *kind = ct_details_panel_get_shown_kind (self->details_panel);

  if (g_strcmp0 (kind, "city") == 0)
    return CT_TYPE_CITY;
  if (g_strcmp0 (kind, "partnership") == 0)
    return CT_TYPE_PARTNERSHIP;
  if (g_strcmp0 (kind, "network") == 0)
    return CT_TYPE_NETWORK;
  return G_TYPE_NONE;
}

static void
update_edit_actions (CtWindow *self)
{
  gboolean editing = g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack), "editor") == 0;

  gboolean can_edit = self->history != NULL && !editing && shown_type (self) != G_TYPE_NONE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", can_edit);
  /* the bar with Edit is there only when there is something to edit */
  gtk_action_bar_set_revealed (self->details_action_bar, can_edit);
}

static void
update_undo_actions (CtWindow *self)
{
  gboolean can_undo = self->history && ct_history_get_can_undo (self->history);
  gboolean can_redo = self->history && ct_history_get_can_redo (self->history);
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  /* Translators: the Undo button's tooltip, "Undo Edit Kaohsiung (Ctrl+Z)" */
  undo_tip = can_undo ? g_strdup_printf (_("Undo %s (Ctrl+Z)"), ct_history_get_undo_label (self->history))
                      : g_strdup (_("Nothing to Undo"));
  /* Translators: the Redo button's tooltip, "Redo Edit Kaohsiung (Ctrl+Shift+Z)" */
  redo_tip = can_redo ? g_strdup_printf (_("Redo %s (Ctrl+Shift+Z)"), ct_history_get_redo_label (self->history))
                      : g_strdup (_("Nothing to Redo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
}

static void
show_details_of (CtWindow   *self,
                 GType       type,
                 const char *id)
{
  if (id == NULL)
    return;
  if (type == CT_TYPE_CITY)
    select_city (self, id, FALSE);
  else if (type == CT_TYPE_PARTNERSHIP)
    ct_window_select_partnership (self, id);
  else if (type == CT_TYPE_NETWORK)
    ct_window_select_network (self, id);
}

static CtGazetteer *get_gazetteer (CtWindow *self);

static void
start_editing (CtWindow *self)
{
  gtk_stack_set_visible_child_name (self->side_stack, "editor");
  g_object_set (self, "show-details-panel", TRUE, NULL);
  update_edit_actions (self);
}

/* Edits the record: a stored one by id, or a new one */
void
ct_window_edit (CtWindow   *self,
                GType       type,
                const char *id)
{
  g_return_if_fail (CT_IS_WINDOW (self));

  /* the editors' place searches (Add Tie, Add Party, Add Member) need it: about 10 ms, once */
  get_gazetteer (self);
  if (self->history && ct_editor_panel_edit (self->editor_panel, type, id))
    start_editing (self);
}

static void
edit_new (CtWindow *self,
          GObject  *record)
{
  get_gazetteer (self);
  ct_editor_panel_edit_new (self->editor_panel, record);
  start_editing (self);
}

static void
on_editor_done_cb (CtWindow   *self,
                   GType       type,
                   const char *id)
{
  gtk_stack_set_visible_child_name (self->side_stack, "details");
  show_details_of (self, type, id);
  update_edit_actions (self);
}

static void
on_editor_saved_cb (CtWindow   *self,
                    GType       type,
                    const char *id)
{
  /* the map shows what is edited */
  self->syncing = TRUE;
  if (type == CT_TYPE_CITY)
    ct_ties_layer_select_city (self->ties_layer, id);
  else if (type == CT_TYPE_PARTNERSHIP)
    ct_ties_layer_select_partnership (self->ties_layer, id);
  self->syncing = FALSE;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);

  ct_window_edit (self, shown_type (self), ct_details_panel_get_shown_id (self->details_panel));
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  g_autoptr(GObject) record = NULL;

  if (self->history == NULL)
    return;

  if (g_str_equal (action_name, "win.new-network"))
    record = G_OBJECT (ct_network_new ());
  else
    record = G_OBJECT (ct_source_new ());
  edit_new (self, record);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (self->history == NULL)
    return;

  /* what is being typed is saved first, so that Undo undoes it */
  ct_editor_panel_flush (self->editor_panel);

  label = g_strdup (undo ? ct_history_get_undo_label (self->history) : ct_history_get_redo_label (self->history));
  if (label == NULL)
    return;

  if (!(undo ? ct_history_undo (self->history, &error) : ct_history_redo (self->history, &error)))
    {
      ct_window_show_error (self, undo ? _("Could Not Undo") : _("Could Not Redo"), error->message);
      return;
    }

  {
    /* Translators: a toast after Undo, "Undone: Edit Kaohsiung" */
    g_autofree char *title = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
    g_autofree char *markup = g_markup_escape_text (title, -1);
    AdwToast *toast = adw_toast_new (markup);

    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

/* Deleting */

typedef struct {
  CtWindow *window;
  GType     type;
  char     *id;
  char     *title;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *d = data;

  g_free (d->id);
  g_free (d->title);
  g_free (d);
}

static void
do_delete (CtWindow   *self,
           GType       type,
           const char *id,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  /* Translators: what Undo undoes, "Delete Kaohsiung" */
  g_autofree char *label = g_strdup_printf (_("Delete %s"), title);
  /* Translators: a toast, "Kaohsiung deleted" */
  g_autofree char *message = g_strdup_printf (_("“%s” deleted"), title);
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast;

  if (!ct_history_delete (self->history, type, id, label, &error))
    {
      ct_window_show_error (self, _("Could Not Delete"), error->message);
      return;
    }

  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DeleteData       *d)
{
  if (g_str_equal (response, "delete") && d->window->history)
    do_delete (d->window, d->type, d->id, d->title);
}

/* What else goes with a record, in words: "Its 11 ties and 2 network memberships will be deleted too." */
static char *
describe_dependents (GPtrArray *dependents,
                     GType      type)
{
  guint ties = 0, memberships = 0, activities = 0, citing = 0;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < dependents->len; i++)
    {
      GObject *record = g_ptr_array_index (dependents, i);

      if (CT_IS_PARTNERSHIP (record))
        (type == CT_TYPE_SOURCE ? citing++ : ties++);
      else if (CT_IS_MEMBERSHIP (record))
        (type == CT_TYPE_SOURCE ? citing++ : memberships++);
      else if (CT_IS_ACTIVITY (record))
        activities++;
    }

  if (ties)
    {
      /* Translators: part of a delete confirmation; the ties of a city that goes */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u tie it is a party of will be deleted or lose it as a party.",
                                                 "%u ties it is a party of will be deleted or lose it as a party.", ties), ties);
      g_string_append_c (text, ' ');
    }
  if (memberships)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u network membership will be deleted.",
                                                 "%u network memberships will be deleted.", memberships), memberships);
      g_string_append_c (text, ' ');
    }
  if (activities)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u recorded activity will be deleted.",
                                                 "%u recorded activities will be deleted.", activities), activities);
      g_string_append_c (text, ' ');
    }
  if (citing)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u record citing it will lose the citation.",
                                                 "%u records citing it will lose the citation.", citing), citing);
      g_string_append_c (text, ' ');
    }
  g_string_append (text, _("You can undo this."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Deletes a record, asking first when others go with it */
void
ct_window_delete_record (CtWindow   *self,
                         GType       type,
                         const char *id)
{
  g_autoptr(GPtrArray) dependents = NULL;
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  DeleteData *d;

  g_return_if_fail (CT_IS_WINDOW (self));

  if (self->history == NULL || !id || !(record = ct_store_get_record (self->store, type, id, NULL)))
    return;

  title = ct_record_dup_title (self->store, record);
  if (!(dependents = ct_store_collect_dependents (self->store, type, id, &error)))
    {
      ct_window_show_error (self, _("Could Not Delete"), error->message);
      return;
    }

  if (dependents->len == 0)
    {
      do_delete (self, type, id, title);
      return;
    }

  /* Translators: a question, "Delete Kaohsiung?" */
  heading = g_strdup_printf (_("Delete “%s”?"), title);
  body = describe_dependents (dependents, type);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  d = g_new0 (DeleteData, 1);
  d->window = self;
  d->type = type;
  d->id = g_strdup (id);
  d->title = g_steal_pointer (&title);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_delete_response_cb), d,
                         (GClosureNotify) (void (*) (void)) delete_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_requested_cb (CtWindow   *self,
                        GType       type,
                        const char *id)
{
  ct_window_delete_record (self, type, id);
}

/* Map modes: placing a new city, linking cities */

/* The tie of the cities picked so far */
static CtPartnership *
new_link_tie (CtWindow *self)
{
  return ct_partnership_new_between ((const char * const *) self->link_cities->pdata);
}

static void
update_map_mode (CtWindow *self)
{
  gboolean linking = self->map_mode == MAP_MODE_LINK;

  gtk_revealer_set_reveal_child (self->map_mode_revealer, self->map_mode != MAP_MODE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->map_mode_create_button), linking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-tie", linking && self->link_cities->len >= 2);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map), self->map_mode != MAP_MODE_NONE ? "crosshair" : NULL);

  if (self->map_mode == MAP_MODE_PLACE)
    gtk_label_set_text (self->map_mode_label, _("Click on the map where the city is"));
  else if (linking && self->link_cities->len == 0)
    gtk_label_set_text (self->map_mode_label, _("Click two or more cities to link them"));
  else if (linking)
    {
      /* the tie as it will be named */
      g_autoptr(CtPartnership) tie = new_link_tie (self);
      g_autofree char *title = ct_record_dup_title (self->store, tie);

      gtk_label_set_text (self->map_mode_label, title);
    }

  if (linking)
    ct_ties_layer_set_highlighted_cities (self->ties_layer, (GStrv) self->link_cities->pdata);
}

static void
set_map_mode (CtWindow *self,
              MapMode   mode)
{
  if (self->map_mode == MAP_MODE_LINK && mode != MAP_MODE_LINK)
    ct_ties_layer_set_highlighted_cities (self->ties_layer, NULL);
  self->map_mode = mode;
  g_ptr_array_set_size (self->link_cities, 0);
  update_map_mode (self);
}

/* A city picked for the new tie, or taken out again */
static void
toggle_link_city (CtWindow   *self,
                  const char *city_id)
{
  guint index;

  if (g_ptr_array_find_with_equal_func (self->link_cities, city_id, g_str_equal, &index))
    g_ptr_array_remove_index (self->link_cities, index);
  else
    g_ptr_array_add (self->link_cities, g_strdup (city_id));
  update_map_mode (self);
}

/* A click on the map at x, y (map coordinates) while placing a city or linking: what the
 * map's click gesture does, and what tests call */
void
ct_window_click_map (CtWindow *self,
                     double    x,
                     double    y)
{
  g_return_if_fail (CT_IS_WINDOW (self));

  if (self->map_mode == MAP_MODE_PLACE)
    {
      ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
      g_autoptr(CtCity) city = ct_city_new ();
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (shumate_simple_map_get_map (self->map)),
                                                  x, y, &lat, &lon);
      /* four decimals: about 10 m, finer than a click */
      city->lat = round (CLAMP (lat, -90, 90) * 1e4) / 1e4;
      city->lon = round (CLAMP (lon, -180, 180) * 1e4) / 1e4;
      set_map_mode (self, MAP_MODE_NONE);
      edit_new (self, G_OBJECT (city));
    }
  else if (self->map_mode == MAP_MODE_LINK)
    {
      gboolean is_city = FALSE;
      const char *id = ct_ties_layer_pick (self->ties_layer, x, y, &is_city);

      if (id == NULL || !is_city)
        return;
      toggle_link_city (self, id);
    }
}

static void
on_map_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CtWindow        *self)
{
  self->press_x = x;
  self->press_y = y;
}

static void
on_map_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CtWindow        *self)
{
  /* a drag of the map is not a click */
  if (self->map_mode == MAP_MODE_NONE || n_press != 1 || hypot (x - self->press_x, y - self->press_y) > 6)
    return;
  ct_window_click_map (self, x, y);
}

static void
link_cities_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);

  if (self->history == NULL)
    return;
  set_map_mode (self, self->map_mode == MAP_MODE_LINK ? MAP_MODE_NONE : MAP_MODE_LINK);
  if (self->map_mode == MAP_MODE_LINK)
    gtk_widget_grab_focus (GTK_WIDGET (self->ties_layer));
}

static void
cancel_map_mode_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  set_map_mode (CT_WINDOW (widget), MAP_MODE_NONE);
}

static void
create_tie_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CtWindow *self = CT_WINDOW (widget);
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (self->history == NULL || self->link_cities->len < 2)
    return;

  p = new_link_tie (self);
  title = ct_record_dup_title (self->store, p);
  /* Translators: what Undo undoes, "Add Tie Kaohsiung – Da Nang" */
  label = g_strdup_printf (_("Add Tie %s"), title);
  if (!ct_history_save (self->history, p, label, &error))
    {
      ct_window_show_error (self, _("Could Not Create the Tie"), error->message);
      return;
    }

  set_map_mode (self, MAP_MODE_NONE);
  ct_window_select_partnership (self, p->id);
  ct_window_edit (self, CT_TYPE_PARTNERSHIP, p->id);
}

/* Adding a city */

static CtGazetteer *
get_gazetteer (CtWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->gazetteer || self->store == NULL)
    return self->gazetteer;

  self->gazetteer = ct_gazetteer_new_bundled (&error);
  if (self->gazetteer == NULL)
    {
      g_warning ("Could not load the gazetteer: %s", error->message);
      return NULL;
    }

  /* then kept up to date on the store's "changed" */
  update_gazetteer_cities (self);
  ct_editor_panel_set_gazetteer (self->editor_panel, self->gazetteer);
  return self->gazetteer;
}

static void
on_city_added_cb (CtWindow   *self,
                  const char *id)
{
  select_city (self, id, TRUE);
  ct_window_edit (self, CT_TYPE_CITY, id);
}

static void
on_city_chosen_cb (CtWindow   *self,
                   const char *id)
{
  select_city (self, id, TRUE);
}

static void
on_place_on_map_cb (CtWindow *self)
{
  set_map_mode (self, MAP_MODE_PLACE);
}

/* Opens "Add City"; returns the dialog (for tests) */
GtkWidget *
ct_window_add_city (CtWindow *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);

  if (self->history == NULL || get_gazetteer (self) == NULL)
    return NULL;

  dialog = ct_add_city_dialog_new (GTK_WINDOW (self), self->gazetteer, self->history);
  g_signal_connect_object (dialog, "city-added", G_CALLBACK (on_city_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "city-chosen", G_CALLBACK (on_city_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "place-on-map", G_CALLBACK (on_place_on_map_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_city_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ct_window_add_city (CT_WINDOW (widget));
}

CtHistory *
ct_window_get_history (CtWindow *self)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  return self->history;
}

GtkWidget *
ct_window_get_editor_panel (CtWindow *self)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->editor_panel);
}

static gboolean
ct_window_close_request (GtkWindow *window)
{
  CtWindow *self = CT_WINDOW (window);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width, height;

  /* what is being typed is saved, not lost */
  ct_editor_panel_flush (self->editor_panel);

  gtk_window_get_default_size (window, &width, &height);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set (self->settings, "camera", "(ddd)",
                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                  shumate_viewport_get_zoom_level (viewport));

  return GTK_WINDOW_CLASS (ct_window_parent_class)->close_request (window);
}

static void
ct_window_constructed (GObject *object)
{
  CtWindow *self = CT_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  g_autoptr(GAction) style_action = NULL;

  G_OBJECT_CLASS (ct_window_parent_class)->constructed (object);

  self->settings = app && CT_IS_APPLICATION (app)
                   ? g_object_ref (ct_application_get_settings (CT_APPLICATION (app)))
                   : g_settings_new (APP_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "show-browse-panel", self, "show-browse-panel", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-details-panel", self, "show-details-panel", G_SETTINGS_BIND_DEFAULT);

  /* Menu items for the settings, as stateful actions of the window */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    static const char *keys[] = { "basemap-style", "show-graticule", "show-country-labels", "online-tiles" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GAction) action = g_settings_create_action (self->settings, keys[i]);
        g_action_map_add_action (G_ACTION_MAP (group), action);
      }
    gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  }

  self->ties_layer = g_object_ref_sink (ct_ties_layer_new (viewport));
  g_signal_connect_object (self->ties_layer, "city-activated", G_CALLBACK (on_city_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ties_layer, "partnership-activated", G_CALLBACK (on_partnership_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ties_layer, "city-selected", G_CALLBACK (on_map_city_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ties_layer, "selection-activated", G_CALLBACK (on_map_selection_activated_cb), self, G_CONNECT_SWAPPED);

  self->camera = ct_camera_new (shumate_simple_map_get_map (self->map));

  /* placing a city, linking cities: clicks on the map, seen before the map's own handlers */
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect (click, "pressed", G_CALLBACK (on_map_pressed_cb), self);
    g_signal_connect (click, "released", G_CALLBACK (on_map_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (shumate_simple_map_get_map (self->map)), GTK_EVENT_CONTROLLER (click));
  }

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_manager_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast", G_CALLBACK (on_style_manager_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi", G_CALLBACK (on_text_size_changed_cb), self, G_CONNECT_SWAPPED);

  restore_camera (self);
  update_basemap (self);
}

static void
ct_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CtWindow *self = CT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_BROWSE_PANEL:
      g_value_set_boolean (value, self->show_browse_panel);
      break;
    case PROP_SHOW_DETAILS_PANEL:
      g_value_set_boolean (value, self->show_details_panel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CtWindow *self = CT_WINDOW (object);
  gboolean show = g_value_get_boolean (value);

  switch (prop_id)
    {
    case PROP_SHOW_BROWSE_PANEL:
      if (self->show_browse_panel != show)
        {
          self->show_browse_panel = show;
          gtk_revealer_set_reveal_child (self->browse_revealer, show);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_DETAILS_PANEL:
      if (self->show_details_panel != show)
        {
          self->show_details_panel = show;
          gtk_revealer_set_reveal_child (self->details_revealer, show);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_window_dispose (GObject *object)
{
  CtWindow *self = CT_WINDOW (object);

  g_clear_pointer (&self->exchange, ct_window_exchange_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_WINDOW);
  g_clear_object (&self->camera);
  g_clear_object (&self->ties_layer);
  g_clear_object (&self->online_source);
  g_clear_object (&self->history);
  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->link_cities, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown_cities, g_ptr_array_unref);
  g_clear_pointer (&self->all_cities, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_window_parent_class)->dispose (object);
}

static void
ct_window_class_init (CtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ct_window_constructed;
  object_class->get_property = ct_window_get_property;
  object_class->set_property = ct_window_set_property;
  object_class->dispose = ct_window_dispose;
  window_class->close_request = ct_window_close_request;

  properties[PROP_SHOW_BROWSE_PANEL] =
    g_param_spec_boolean ("show-browse-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_DETAILS_PANEL] =
    g_param_spec_boolean ("show-details-panel", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The UI resources live in a static library: referring to them links them in, and their
   * constructor registers them */
  g_assert (ct_ui_get_resource () != NULL);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (CT_TYPE_BROWSE_PANEL);
  g_type_ensure (CT_TYPE_DETAILS_PANEL);
  g_type_ensure (CT_TYPE_EDITOR_PANEL);
  g_type_ensure (CT_TYPE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CtWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, browse_revealer);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, browse_panel);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, details_panel);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, map);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, details_action_bar);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, editor_panel);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, map_mode_revealer);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, map_mode_label);
  gtk_widget_class_bind_template_child (widget_class, CtWindow, map_mode_create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_city_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_partnership_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_network_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_network_members_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_property_action (widget_class, "win.show-browse-panel", "show-browse-panel");
  gtk_widget_class_install_property_action (widget_class, "win.show-details-panel", "show-details-panel");
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "win.fit-selection", NULL, fit_selection_action);
  gtk_widget_class_install_action (widget_class, "win.show-region", "s", show_region_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-area", NULL, focus_area_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-area", NULL, focus_area_action);
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "win.add-city", NULL, add_city_action);
  gtk_widget_class_install_action (widget_class, "win.new-network", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.new-source", NULL, new_record_action);
  gtk_widget_class_install_action (widget_class, "win.link-cities", NULL, link_cities_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-map-mode", NULL, cancel_map_mode_action);
  gtk_widget_class_install_action (widget_class, "win.create-tie", NULL, create_tie_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  /* win.import and win.export, their shortcuts, and the banner's template child */
  ct_window_exchange_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-browse-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-details-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.show-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK, "win.fit-selection", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-region", "s", "taiwan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-region", "s", "asean");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-region", "s", "eu");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-next-area", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-previous-area", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-city", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.link-cities", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "win.redo", NULL);
}

static void
ct_window_init (CtWindow *self)
{
  self->show_browse_panel = TRUE;
  self->show_details_panel = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->exchange = ct_window_exchange_new (self);
  /* NULL-terminated: its pdata is the strv of the picked cities */
  self->link_cities = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  /* nothing to edit before a database is open */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-city", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-cities", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-network", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-source", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-tie", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  gtk_revealer_set_reveal_child (self->browse_revealer, TRUE);
  gtk_revealer_set_reveal_child (self->details_revealer, TRUE);
}
