/* test-window-util.h: a main window on a copy of the bundled data, for the widget tests (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-bundled.h"
#include "ct-window.h"

#include "test-ui-util.h"
#include "test-util.h"

typedef struct {
  CtTestDir *dir;
  CtStore   *store;
  CtWindow  *window;
} CtWindowFixture;

/* A new database filled with the bundled data, and a window on it, shown and drawn */
static inline void
ct_window_fixture_set_up (CtWindowFixture *f,
                          gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = ct_test_dir_new ();
  path = g_build_filename (f->dir->path, "window.db", NULL);
  f->store = ct_bundled_open_database (path, FALSE, &error);
  g_assert_no_error (error);

  /* No flights in tests: the camera jumps */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  f->window = ct_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  ct_window_set_store (f->window, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  ct_test_wait_frames (GTK_WIDGET (f->window), 3);
}

static inline void
ct_window_fixture_tear_down (CtWindowFixture *f,
                             gconstpointer    data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  ct_test_dir_free (f->dir);
}

/* The city of the store with this English name, or NULL */
static inline CtCity *
ct_test_find_city (CtStore    *store,
                   const char *name)
{
  g_autoptr(GPtrArray) cities = ct_store_list_cities (store, NULL, NULL);

  for (guint i = 0; cities && i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (g_strcmp0 (city->name, name) == 0)
        return g_object_ref (city);
    }
  return NULL;
}
