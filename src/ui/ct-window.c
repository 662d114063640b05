/* ct-window.c: the main window — map in the middle, browse panel left, details right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "ct-basemap-source.h"
#include "ct-browse-panel.h"
#include "ct-camera.h"
#include "ct-details-panel.h"
#include "ct-exchange.h"
#include "ct-legend.h"
#include "ct-ties-layer.h"
#include "ct-ui-resources.h"
#include "ct-window.h"

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

  GSettings            *settings;
  CtStore              *store;
  CtTiesLayer          *ties_layer;
  CtCamera             *camera;
  ShumateMapSource     *online_source;
  GPtrArray            *shown_cities;  /* CtCity: what the map shows now */

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
}

static void
on_store_changed_cb (CtWindow *self,
                     guint     what)
{
  refresh_map (self);
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

  refresh_map (self);
  gtk_stack_set_visible_child_name (self->stack, "map");
}

/* Importing a file: what opening one from the file manager does */

/* At most this many of the report's conflicts and notes in the dialog */
#define MAX_REPORT_LINES 12

typedef struct {
  CtStore        *store;
  GtkApplication *application; /* held while the import runs; NULL in tests */
  char           *path;
  char           *name;        /* for display */
  gboolean        answered;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->application);
  g_free (data->path);
  g_free (data->name);
  g_free (data);
}

/* The template's children are gone once the window has been destroyed */
static gboolean
is_destroyed (CtWindow *self)
{
  return self->toast_overlay == NULL;
}

static void
show_message (CtWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_report (CtWindow             *self,
                    const char           *name,
                    const CtImportReport *report)
{
  g_autofree char *summary = ct_import_report_to_string (report);
  g_autoptr(GString) body = NULL;
  g_autofree char *heading = NULL;
  guint n_lines = report->conflicts->len + report->notes->len;
  guint shown = 0;

  if (n_lines == 0)
    {
      /* Translators: %s is a file name, then a summary such as "12 added, 3 updated, 40 unchanged" */
      g_autofree char *title = g_strdup_printf (_("Imported “%s”: %s"), name, summary);
      g_autofree char *markup = g_markup_escape_text (title, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
      return;
    }

  /* Conflicts and notes need reading: a dialog, not a toast that goes away */
  body = g_string_new (summary);
  g_string_append_c (body, '\n');
  for (guint i = 0; i < report->conflicts->len && shown < MAX_REPORT_LINES; i++, shown++)
    g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (report->conflicts, i));
  for (guint i = 0; i < report->notes->len && shown < MAX_REPORT_LINES; i++, shown++)
    g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (report->notes, i));
  if (shown < n_lines)
    {
      g_string_append_c (body, '\n');
      /* Translators: after a list of import conflicts and notes */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", n_lines - shown),
                              n_lines - shown);
    }
  heading = g_strdup_printf (_("Imported “%s”"), name);
  show_message (self, heading, body->str);
}

static void
on_file_imported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CtWindow *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = ct_exchange_import_file_finish (CT_STORE (object), result, &error);
  if (data->application)
    g_application_release (G_APPLICATION (data->application));

  if (!is_destroyed (self))
    {
      if (report)
        show_import_report (self, data->name, report);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), data->name);

          /* The message names the file, the line and the field */
          show_message (self, heading, error->message);
        }
    }

  if (report)
    g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) ct_import_report_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);

  if (data->answered)
    return;
  data->answered = TRUE;

  if (g_strcmp0 (response, "import") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The file was not imported"));
      return;
    }

  /* The window may close meanwhile: keep the application until the import has finished */
  if (data->application)
    g_application_hold (G_APPLICATION (data->application));
  ct_exchange_import_file_async (data->store, data->path, g_task_get_cancellable (task),
                                 on_file_imported_cb, g_object_ref (task));
}

/* The dialog went away without an answer (its window was destroyed) */
static void
import_dialog_closure_notify (gpointer  user_data,
                              GClosure *closure)
{
  g_autoptr(GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);

  if (!data->answered)
    {
      data->answered = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The file was not imported"));
    }
}

void
ct_window_import_file_async (CtWindow            *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *heading = NULL;
  ImportData *data;
  GtkWidget *dialog;

  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_window_import_file_async);

  data = g_new0 (ImportData, 1);
  data->store = g_object_ref (self->store);
  g_set_object (&data->application, gtk_window_get_application (GTK_WINDOW (self)));
  data->path = g_file_get_path (file);
  if (data->path)
    data->name = g_filename_display_basename (data->path);
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      data->name = g_filename_display_name (basename ? basename : "");
    }
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  /* A file the desktop could not give a local path for (a remote folder without FUSE) */
  if (data->path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file on this computer: save a copy here and open that"), data->name);

      heading = g_strdup_printf (_("Could not import “%s”"), data->name);
      show_message (self, heading, message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
      return;
    }

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Import “%s” into your database?"), data->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Cities and ties in the file are added; ones you already have are updated when the file’s copy is newer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_response_cb),
                         g_object_ref (task), import_dialog_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

CtImportReport *
ct_window_import_file_finish (CtWindow      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ct_window_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  ct_ties_layer_set_highlighted_cities (self->ties_layer, NULL);
  ct_browse_panel_select_city (self->browse_panel, city_id);
  ct_details_panel_show_city (self->details_panel, city_id);

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
  ct_ties_layer_set_highlighted_cities (self->ties_layer, NULL);
  ct_browse_panel_select_partnership (self->browse_panel, partnership_id);
  ct_details_panel_show_partnership (self->details_panel, partnership_id);

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
static void
on_map_selection_activated_cb (CtWindow *self)
{
  const char *city_id = ct_ties_layer_get_selected_city (self->ties_layer);
  const char *partnership_id = ct_ties_layer_get_selected_partnership (self->ties_layer);
  const char *shown_id = ct_details_panel_get_shown_id (self->details_panel);

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

static gboolean
ct_window_close_request (GtkWindow *window)
{
  CtWindow *self = CT_WINDOW (window);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width, height;

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

  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_WINDOW);
  g_clear_object (&self->camera);
  g_clear_object (&self->ties_layer);
  g_clear_object (&self->online_source);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown_cities, g_ptr_array_unref);

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
}

static void
ct_window_init (CtWindow *self)
{
  self->show_browse_panel = TRUE;
  self->show_details_panel = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_revealer_set_reveal_child (self->browse_revealer, TRUE);
  gtk_revealer_set_reveal_child (self->details_revealer, TRUE);
}
