/* test-ui-util.h: main-loop and widget-tree helpers shared by the widget tests (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>

/* Lets GTK lay out and paint: a widget's drawn state exists only after a frame */
static inline void
ct_test_wait_frames (GtkWidget *widget,
                     guint      n)
{
  GdkFrameClock *clock;
  gint64 start = g_get_monotonic_time ();
  gint64 frame;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  frame = gdk_frame_clock_get_frame_counter (clock);

  while (gdk_frame_clock_get_frame_counter (clock) < frame + n &&
         g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Runs the main loop for ms milliseconds (worker threads finish, idles run) */
static inline void
ct_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Every widget of a type under widget, in the order of the tree, appended to found */
static inline void
ct_test_collect (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    ct_test_collect (child, type, found);
}

/* Runs the main loop until condition holds or timeout_s seconds have passed */
static inline gboolean
ct_test_wait_until (gboolean  (*condition) (gpointer),
                    gpointer    data,
                    int         timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* An async call's callback that keeps its result in *(GAsyncResult **) user_data, and the
 * condition for ct_test_wait_until() that it has come */
static inline void
ct_test_on_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline gboolean
ct_test_has_result (gpointer out)
{
  return *(GAsyncResult **) out != NULL;
}

/* The translations built next to the tests (or CT_TEST_LOCALEDIR's), in the environment's
 * locale: gtk_test_init() keeps the C locale */
static inline void
ct_test_bind_translations (void)
{
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CT_TEST_LOCALEDIR") ? g_getenv ("CT_TEST_LOCALEDIR") : po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Renders a window as it is on screen into G_TEST_BUILDDIR/name.png, for people to look at */
static inline void
ct_test_save_screenshot (GtkWidget  *window,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            file, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  ct_test_spin (1500);  /* tiles render on worker threads */
  ct_test_wait_frames (window, 3);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

#ifdef ADW_TYPE_MESSAGE_DIALOG
/* The message dialog showing over parent, if any (tests that include libadwaita first) */
static inline AdwMessageDialog *
ct_test_find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }
  return found;
}

/* Conditions for ct_test_wait_until(): a message dialog shows over the window, or none does */
static inline gboolean
ct_test_has_dialog (gpointer parent)
{
  return ct_test_find_dialog (parent) != NULL;
}

static inline gboolean
ct_test_has_no_dialog (gpointer parent)
{
  return ct_test_find_dialog (parent) == NULL;
}

/* What a click on one of the dialog's buttons does */
static inline void
ct_test_answer (AdwMessageDialog *dialog,
                const char       *response)
{
  g_autoptr(AdwMessageDialog) ref = g_object_ref (dialog);

  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}
#endif
