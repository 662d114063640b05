/* ct-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-source.h"

G_DEFINE_FINAL_TYPE (CtSource, ct_source, G_TYPE_OBJECT)

static void
ct_source_finalize (GObject *object)
{
  CtSource *self = ((CtSource *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->publisher, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_source_parent_class)->finalize (object);
}

static void
ct_source_class_init (CtSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_source_finalize;
}

static void
ct_source_init (CtSource *self)
{
}

CtSource *
ct_source_new (void)
{
  return g_object_new (CT_TYPE_SOURCE, NULL);
}

CtSource *
ct_source_copy (const CtSource *self)
{
  CtSource *copy;

  g_return_val_if_fail (CT_IS_SOURCE ((gpointer) self), NULL);

  copy = ct_source_new ();
  copy->id = g_strdup (self->id);
  copy->title = g_strdup (self->title);
  copy->publisher = g_strdup (self->publisher);
  copy->url = g_strdup (self->url);
  copy->date = g_strdup (self->date);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);

  return copy;
}

gboolean
ct_source_content_equal (const CtSource *a,
                            const CtSource *b)
{
  g_return_val_if_fail (CT_IS_SOURCE ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_SOURCE ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->title, b->title) &&
         ct_str_equal0 (a->publisher, b->publisher) &&
         ct_str_equal0 (a->url, b->url) &&
         ct_str_equal0 (a->date, b->date);
}
