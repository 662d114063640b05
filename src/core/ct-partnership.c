/* ct-partnership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-partnership.h"

G_DEFINE_FINAL_TYPE (CtPartnership, ct_partnership, G_TYPE_OBJECT)

static void
ct_partnership_finalize (GObject *object)
{
  CtPartnership *self = ((CtPartnership *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->signed_on, g_free);
  g_clear_pointer (&self->ended, g_free);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->parties, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_partnership_parent_class)->finalize (object);
}

static void
ct_partnership_class_init (CtPartnershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_partnership_finalize;
}

static void
ct_partnership_init (CtPartnership *self)
{
  self->themes = g_ptr_array_new_with_free_func (g_free);
  self->parties = g_ptr_array_new_with_free_func ((GDestroyNotify) ct_party_free);
  self->sources = g_ptr_array_new_with_free_func (g_free);
}

CtPartnership *
ct_partnership_new (void)
{
  return g_object_new (CT_TYPE_PARTNERSHIP, NULL);
}

CtPartnership *
ct_partnership_new_between (const char * const *city_ids)
{
  CtPartnership *self = ct_partnership_new ();

  self->kind = CT_KIND_SISTER_CITY;
  self->status = CT_STATUS_ACTIVE;
  for (guint i = 0; city_ids && city_ids[i]; i++)
    g_ptr_array_add (self->parties, ct_party_new (city_ids[i], NULL));
  return self;
}

CtPartnership *
ct_partnership_copy (const CtPartnership *self)
{
  CtPartnership *copy;

  g_return_val_if_fail (CT_IS_PARTNERSHIP ((gpointer) self), NULL);

  copy = ct_partnership_new ();
  copy->id = g_strdup (self->id);
  copy->kind = self->kind;
  copy->status = self->status;
  copy->title = g_strdup (self->title);
  copy->signed_on = g_strdup (self->signed_on);
  copy->ended = g_strdup (self->ended);
  for (guint i = 0; i < self->themes->len; i++)
    g_ptr_array_add (copy->themes, g_strdup (g_ptr_array_index (self->themes, i)));
  for (guint i = 0; i < self->parties->len; i++)
    g_ptr_array_add (copy->parties, ct_party_copy (g_ptr_array_index (self->parties, i)));
  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (copy->sources, g_strdup (g_ptr_array_index (self->sources, i)));
  copy->notes = g_strdup (self->notes);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);

  return copy;
}

gboolean
ct_partnership_content_equal (const CtPartnership *a,
                                 const CtPartnership *b)
{
  g_return_val_if_fail (CT_IS_PARTNERSHIP ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_PARTNERSHIP ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         a->kind == b->kind &&
         a->status == b->status &&
         ct_str_equal0 (a->title, b->title) &&
         ct_str_equal0 (a->signed_on, b->signed_on) &&
         ct_str_equal0 (a->ended, b->ended) &&
         ct_strv_array_equal (a->themes, b->themes) &&
         ct_party_array_equal (a->parties, b->parties) &&
         ct_strv_array_equal (a->sources, b->sources) &&
         ct_str_equal0 (a->notes, b->notes);
}
