/* ct-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-activity.h"

G_DEFINE_FINAL_TYPE (CtActivity, ct_activity, G_TYPE_OBJECT)

static void
ct_activity_finalize (GObject *object)
{
  CtActivity *self = ((CtActivity *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->partnership, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_activity_parent_class)->finalize (object);
}

static void
ct_activity_class_init (CtActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_activity_finalize;
}

static void
ct_activity_init (CtActivity *self)
{
}

CtActivity *
ct_activity_new (void)
{
  return g_object_new (CT_TYPE_ACTIVITY, NULL);
}

CtActivity *
ct_activity_copy (const CtActivity *self)
{
  CtActivity *copy;

  g_return_val_if_fail (CT_IS_ACTIVITY ((gpointer) self), NULL);

  copy = ct_activity_new ();
  copy->id = g_strdup (self->id);
  copy->partnership = g_strdup (self->partnership);
  copy->date = g_strdup (self->date);
  copy->kind = self->kind;
  copy->title = g_strdup (self->title);
  copy->notes = g_strdup (self->notes);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);

  return copy;
}

gboolean
ct_activity_content_equal (const CtActivity *a,
                              const CtActivity *b)
{
  g_return_val_if_fail (CT_IS_ACTIVITY ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_ACTIVITY ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->partnership, b->partnership) &&
         ct_str_equal0 (a->date, b->date) &&
         a->kind == b->kind &&
         ct_str_equal0 (a->title, b->title) &&
         ct_str_equal0 (a->notes, b->notes);
}
