/* ct-basemap-source.c
 *
 * libshumate 1.0.3 takes a tile's picture from shumate_tile_set_paintable() in fill_tile_async
 * (see the notes on custom tile sources): the cairo surface a worker thread drew is wrapped as a
 * memory texture on the main thread, with no encoding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ct-basemap-source.h"

struct _CtBasemapSource
{
  ShumateMapSource parent_instance;

  CtBasemapStyle   style;
  CtBasemapFlags   flags;
  double           text_scale;
  guint            n_rendered;
};

G_DEFINE_FINAL_TYPE (CtBasemapSource, ct_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

#define TILE_SIZE 256

typedef struct {
  CtBasemapStyle   style;
  CtBasemapFlags   flags;
  double           text_scale;
  int              zoom, x, y, scale;
} Request;

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Request *r = task_data;
  g_autoptr(CtBasemap) basemap = NULL;
  GError *error = NULL;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!(basemap = ct_basemap_get_bundled (r->zoom, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  surface = ct_basemap_render_tile_surface_full (basemap, r->style, r->flags, r->text_scale,
                                                 r->zoom, r->x, r->y, TILE_SIZE, r->scale);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
on_rendered_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  ShumateTile *tile = g_task_get_task_data (outer);
  CtBasemapSource *self = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  int width, height, stride;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  if (surface == NULL)
    {
      shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* The texture keeps the surface alive through the bytes: no copy */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);

  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_rendered++;
  g_task_return_boolean (outer, TRUE);
}

static void
ct_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                   ShumateTile         *tile,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  CtBasemapSource *self = CT_BASEMAP_SOURCE (source);
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (outer, ct_basemap_source_fill_tile_async);
  g_task_set_task_data (outer, g_object_ref (tile), g_object_unref);

  r->style = self->style;
  r->flags = self->flags;
  r->text_scale = self->text_scale;
  r->zoom = shumate_tile_get_zoom_level (tile);
  r->x = shumate_tile_get_x (tile);
  r->y = shumate_tile_get_y (tile);
#if SHUMATE_CHECK_VERSION (1, 1, 0)
  r->scale = shumate_tile_get_scale_factor (tile);
#else
  r->scale = 1;
#endif

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  inner = g_task_new (self, cancellable, on_rendered_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, ct_basemap_source_fill_tile_async);
  g_task_set_task_data (inner, r, g_free);
  g_task_run_in_thread (inner, render_thread);
}

static gboolean
ct_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ct_basemap_source_class_init (CtBasemapSourceClass *klass)
{
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  source_class->fill_tile_async = ct_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = ct_basemap_source_fill_tile_finish;
}

static void
ct_basemap_source_init (CtBasemapSource *self)
{
}

CtBasemapSource *
ct_basemap_source_new (CtBasemapStyle style,
                       CtBasemapFlags flags)
{
  return ct_basemap_source_new_full (style, flags, 1.0);
}

CtBasemapSource *
ct_basemap_source_new_full (CtBasemapStyle style,
                            CtBasemapFlags flags,
                            double         text_scale)
{
  CtBasemapSource *self;
  static const char *ids[] = { "city-ties-light", "city-ties-dark", "city-ties-high-contrast" };
  g_autofree char *id = NULL;

  style = CLAMP (style, 0, 2);
  /* in quarters, as the basemap draws them */
  text_scale = CLAMP (round ((text_scale > 0 ? text_scale : 1.0) * 4), 2, 12) / 4.0;
  /* the id names the tiles in caches: it changes with what they show */
  id = text_scale == 1.0 ? g_strdup (ids[style]) : g_strdup_printf ("%s-text-%d", ids[style], (int) (text_scale * 100));
  self = g_object_new (CT_TYPE_BASEMAP_SOURCE,
                       "id", id,
                       "name", _("Built-in Basemap"),
                       "license", _("Natural Earth (public domain)"),
                       "license-uri", "https://www.naturalearthdata.com/about/terms-of-use/",
                       "min-zoom-level", 1,
                       "max-zoom-level", 12,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->style = style;
  self->flags = flags;
  self->text_scale = text_scale;
  return self;
}

CtBasemapStyle
ct_basemap_source_get_style (CtBasemapSource *self)
{
  g_return_val_if_fail (CT_IS_BASEMAP_SOURCE (self), CT_BASEMAP_STYLE_LIGHT);
  return self->style;
}

double
ct_basemap_source_get_text_scale (CtBasemapSource *self)
{
  g_return_val_if_fail (CT_IS_BASEMAP_SOURCE (self), 1.0);
  return self->text_scale;
}

guint
ct_basemap_source_get_n_rendered (CtBasemapSource *self)
{
  g_return_val_if_fail (CT_IS_BASEMAP_SOURCE (self), 0);
  return self->n_rendered;
}
