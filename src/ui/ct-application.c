/* ct-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "ct-application.h"
#include "ct-bundled.h"
#include "ct-cli.h"
#include "ct-window.h"

struct _CtApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  CtStore        *store;
  char           *database_path;
  GError         *open_error;
  gboolean        opening;

  GPtrArray      *pending_files; /* GFile: opened from the file manager, to import in turn */
  gboolean        importing;

  /* Another database than the default: a bus name of its own (see "One instance per database") */
  char           *bus_name;
  gboolean        owns_bus_name;
  gboolean        forward;       /* another instance has the name: hand the launch over to it */
};

G_DEFINE_FINAL_TYPE (CtApplication, ct_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CtApplication *
ct_application_new (void)
{
  return g_object_new (CT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/cityties/CityTies",
                       NULL);
}

CtStore *
ct_application_get_store (CtApplication *self)
{
  g_return_val_if_fail (CT_IS_APPLICATION (self), NULL);
  return self->store;
}

const char *
ct_application_get_database_path (CtApplication *self)
{
  g_return_val_if_fail (CT_IS_APPLICATION (self), NULL);
  return self->database_path;
}

void
ct_application_set_database_path (CtApplication *self,
                                  const char    *path)
{
  g_return_if_fail (CT_IS_APPLICATION (self));
  if (g_strcmp0 (self->database_path, path) != 0)
    {
      g_free (self->database_path);
      self->database_path = g_strdup (path);
    }
}

GSettings *
ct_application_get_settings (CtApplication *self)
{
  g_return_val_if_fail (CT_IS_APPLICATION (self), NULL);
  return self->settings;
}

static void
update_windows (CtApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CT_IS_WINDOW (l->data))
      {
        if (self->store)
          ct_window_set_store (l->data, self->store);
        else if (self->open_error)
          ct_window_show_error (l->data, _("Could not open the database"), self->open_error->message);
      }
}

static CtWindow *
get_window (CtApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CT_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void import_next_file (CtApplication *self);

static void
on_file_imported_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CtApplication) self = user_data;
  g_autoptr(CtImportReport) report = NULL;

  /* The window has shown what happened, or the user said no */
  report = ct_window_import_file_finish (CT_WINDOW (object), result, NULL);

  self->importing = FALSE;
  import_next_file (self);
  g_application_release (G_APPLICATION (self));
}

/* One question at a time, once the database is open */
static void
import_next_file (CtApplication *self)
{
  g_autoptr(GFile) file = NULL;
  CtWindow *window;

  if (self->importing || self->store == NULL || self->pending_files->len == 0)
    return;
  if (!(window = get_window (self)))
    {
      g_ptr_array_set_size (self->pending_files, 0);
      return;
    }

  file = g_ptr_array_steal_index (self->pending_files, 0);
  self->importing = TRUE;
  g_application_hold (G_APPLICATION (self));
  ct_window_import_file_async (window, file, NULL, on_file_imported_cb, g_object_ref (self));
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *default_path = ct_cli_get_default_database ();
  GError *error = NULL;
  CtStore *store;

  /* Opening may migrate or fill a new file: never on the main thread */
  store = ct_bundled_open_database (path, g_strcmp0 (path, default_path) == 0, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CtApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  CtStore *store;

  self->opening = FALSE;
  store = g_task_propagate_pointer (G_TASK (result), &error);

  if (store == NULL)
    {
      g_warning ("%s", error->message);
      g_clear_error (&self->open_error);
      self->open_error = g_steal_pointer (&error);
    }
  else
    {
      self->store = store;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  update_windows (self);

  /* Files opened while the database was opening; a database that did not open shows its
   * error instead */
  if (self->store)
    import_next_file (self);
  else
    g_ptr_array_set_size (self->pending_files, 0);

  g_application_release (G_APPLICATION (self));
}

static void
open_database (CtApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store || self->opening)
    return;

  if (self->database_path == NULL)
    self->database_path = ct_cli_get_default_database ();

  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (NULL, NULL, on_store_opened_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_database);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, open_thread);
}

/* One instance per database
 *
 * A second launch on the database a running City Ties shows goes to that instance, which
 * presents its window and asks whether to import the files named; the second process exits.
 * For the default database, GApplication does this with the application id. Any other database
 * (--database) makes the application non-unique, and the instance showing it owns the bus name
 * APP_ID.Database_<hash of the file's real path>; a launch that finds the name taken hands its
 * files (org.freedesktop.Application.Open) or itself (Activate) to the owner. The application
 * id stays the same, so the desktop matches every window to the launcher. Without a session bus
 * (or through a hard link), two processes share the file, which is safe: each has its own
 * connection, writes wait for each other, and each window watches for the other's changes
 * (ct_store_watch_other_writers()). */

/* The same file however it is named: its real path, or its folder's for a file not there yet */
static char *
get_real_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  char *real;
  char *result;

  if ((real = realpath (path, NULL)) == NULL)
    {
      dir = g_path_get_dirname (path);
      name = g_path_get_basename (path);
      if ((real = realpath (dir, NULL)) == NULL)
        return g_strdup (path);
    }

  result = name ? g_build_filename (real, name, NULL) : g_strdup (real);
  free (real);
  return result;
}

static gboolean
is_default_database (const char *path)
{
  g_autofree char *default_path = ct_cli_get_default_database ();
  g_autofree char *real = get_real_path (path);
  g_autofree char *real_default = get_real_path (default_path);

  return g_str_equal (real, real_default);
}

static char *
get_database_bus_name (const char *path)
{
  g_autofree char *real = get_real_path (path);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, real, -1);

  return g_strdup_printf ("%s.Database_%.32s", APP_ID, hash);
}

static gboolean
ct_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  CtApplication *self = CT_APPLICATION (app);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  guint32 result;

  if (!G_APPLICATION_CLASS (ct_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  if (!(g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE) ||
      self->database_path == NULL || is_default_database (self->database_path))
    return TRUE;

  /* GApplication has exported the application's interfaces on this connection: whoever finds
   * the name owned can call them */
  g_free (self->bus_name);
  self->bus_name = get_database_bus_name (self->database_path);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", self->bus_name, G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &local_error);
  if (reply == NULL)
    {
      /* Not unique then; still safe */
      g_message ("Could not own %s: %s", self->bus_name, local_error->message);
      return TRUE;
    }

  /* DBUS_REQUEST_NAME_REPLY_EXISTS is 3; 1 and 4 mean it is ours */
  g_variant_get (reply, "(u)", &result);
  self->owns_bus_name = result != 3;
  self->forward = result == 3;
  return TRUE;
}

static void
release_bus_name (CtApplication   *self,
                  GDBusConnection *connection)
{
  if (!self->owns_bus_name || connection == NULL)
    return;

  self->owns_bus_name = FALSE;
  g_dbus_connection_call (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ReleaseName", g_variant_new ("(s)", self->bus_name),
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);
}

static void
ct_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  release_bus_name (CT_APPLICATION (app), connection);

  G_APPLICATION_CLASS (ct_application_parent_class)->dbus_unregister (app, connection, object_path);
}

/* The instance that owns the database's name opens the files, or presents its window. FALSE
 * when it could not be reached (it has just quit): this process shows the database itself. */
static gboolean
forward_to_instance (CtApplication  *self,
                     GFile         **files,
                     int             n_files)
{
  GApplication *app = G_APPLICATION (self);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder platform_data;
  GVariant *parameters;

  self->forward = FALSE;

  /* The activation token, so that the window there may take the focus */
  g_variant_builder_init (&platform_data, G_VARIANT_TYPE_VARDICT);
  G_APPLICATION_GET_CLASS (app)->add_platform_data (app, &platform_data);

  if (n_files > 0)
    {
      GVariantBuilder uris;

      g_variant_builder_init (&uris, G_VARIANT_TYPE_STRING_ARRAY);
      for (int i = 0; i < n_files; i++)
        g_variant_builder_add_value (&uris, g_variant_new_take_string (g_file_get_uri (files[i])));
      parameters = g_variant_new ("(asa{sv})", &uris, &platform_data);
    }
  else
    parameters = g_variant_new ("(a{sv})", &platform_data);

  reply = g_dbus_connection_call_sync (g_application_get_dbus_connection (app), self->bus_name,
                                       g_application_get_dbus_object_path (app),
                                       "org.freedesktop.Application", n_files > 0 ? "Open" : "Activate",
                                       parameters, NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, &error);
  if (reply == NULL)
    {
      g_message ("Could not reach the City Ties showing %s: %s", self->database_path, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
ct_application_activate (GApplication *app)
{
  CtApplication *self = CT_APPLICATION (app);
  GtkWindow *window;

  if (self->forward && forward_to_instance (self, NULL, 0))
    return;

  /* The main window, even when a dialog of it has the focus */
  if ((window = GTK_WINDOW (get_window (self))) == NULL)
    window = GTK_WINDOW (ct_window_new (self));

  gtk_window_present (window);
  open_database (self);
  update_windows (self);
}

/* Files opened from the file manager (or given on the command line): the window, then the
 * question whether to import each */
static void
ct_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CtApplication *self = CT_APPLICATION (app);

  if (self->forward && forward_to_instance (self, files, n_files))
    return;

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_files, g_object_ref (files[i]));

  g_application_activate (app);
  import_next_file (self);
}

static int
ct_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CtApplication *self = CT_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (database);
      g_autofree char *path = g_file_get_path (file);

      ct_application_set_database_path (self, path);
      /* Another database is another instance, unique by a name of its own (dbus_register) */
      if (!is_default_database (path))
        g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
ct_application_startup (GApplication *app)
{
  CtApplication *self = CT_APPLICATION (app);
  static const char *quit[] = { "<Control>q", NULL };
  static const char *shortcuts[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (ct_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);
  self->settings = g_settings_new (APP_ID);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", shortcuts);
}

static void
on_quit_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  CtApplication *self = user_data;
  g_autolist (GtkWindow) windows = NULL;

  /* A closed window leaves the application's list (and may take its dialogs along): walk a copy
   * that holds a reference to each */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    windows = g_list_prepend (windows, g_object_ref (l->data));
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
on_about_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CtApplication *self = user_data;
  static const char *developers[] = { "City Ties developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("City Ties"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("City Ties developers"),
                        "developers", developers,
                        "comments", _("Taiwan’s ties with cities in ASEAN, the EU and beyond, with the source of every fact"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, shown in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Places"),
                                      _("© GeoNames"), GTK_LICENSE_CUSTOM,
                                      _("Place names and coordinates from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Basemap"),
                                      _("Natural Earth"), GTK_LICENSE_CUSTOM,
                                      _("Country shapes from Natural Earth (https://www.naturalearthdata.com/), in the public domain."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Online map tiles"),
                                      _("© OpenStreetMap contributors"), GTK_LICENSE_CUSTOM,
                                      _("When online tiles are turned on in Preferences: map data © OpenStreetMap contributors, ODbL."));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_cb },
  { "about", on_about_cb },
};

static void
ct_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CtApplication *self = CT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_application_dispose (GObject *object)
{
  CtApplication *self = CT_APPLICATION (object);

  /* Normally released when g_application_run() returns */
  if (self->owns_bus_name)
    release_bus_name (self, g_application_get_dbus_connection (G_APPLICATION (self)));
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ct_application_parent_class)->dispose (object);
}

static void
ct_application_finalize (GObject *object)
{
  CtApplication *self = CT_APPLICATION (object);

  g_free (self->database_path);
  g_free (self->bus_name);
  g_clear_error (&self->open_error);
  g_ptr_array_unref (self->pending_files);

  G_OBJECT_CLASS (ct_application_parent_class)->finalize (object);
}

static void
ct_application_class_init (CtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->get_property = ct_application_get_property;
  object_class->dispose = ct_application_dispose;
  object_class->finalize = ct_application_finalize;

  app_class->activate = ct_application_activate;
  app_class->open = ct_application_open;
  app_class->startup = ct_application_startup;
  app_class->handle_local_options = ct_application_handle_local_options;
  app_class->dbus_register = ct_application_dbus_register;
  app_class->dbus_unregister = ct_application_dbus_unregister;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ct_application_init (CtApplication *self)
{
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  g_application_add_main_option (G_APPLICATION (self), "database", 'd', G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_FILENAME,
                                 _("The database file (default: in your data folder, created from the bundled data)"),
                                 _("FILE"));
}
