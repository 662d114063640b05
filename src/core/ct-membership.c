/* ct-membership.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-membership.h"

G_DEFINE_FINAL_TYPE (CtMembership, ct_membership, G_TYPE_OBJECT)

static void
ct_membership_finalize (GObject *object)
{
  CtMembership *self = ((CtMembership *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->network, g_free);
  g_clear_pointer (&self->joined, g_free);
  g_clear_pointer (&self->left, g_free);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_membership_parent_class)->finalize (object);
}

static void
ct_membership_class_init (CtMembershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_membership_finalize;
}

static void
ct_membership_init (CtMembership *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_free);
}

CtMembership *
ct_membership_new (void)
{
  return g_object_new (CT_TYPE_MEMBERSHIP, NULL);
}

CtMembership *
ct_membership_copy (const CtMembership *self)
{
  CtMembership *copy;

  g_return_val_if_fail (CT_IS_MEMBERSHIP ((gpointer) self), NULL);

  copy = ct_membership_new ();
  copy->id = g_strdup (self->id);
  copy->city = g_strdup (self->city);
  copy->network = g_strdup (self->network);
  copy->joined = g_strdup (self->joined);
  copy->left = g_strdup (self->left);
  copy->role = g_strdup (self->role);
  for (guint i = 0; i < self->sources->len; i++)
    g_ptr_array_add (copy->sources, g_strdup (g_ptr_array_index (self->sources, i)));
  copy->notes = g_strdup (self->notes);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);

  return copy;
}

gboolean
ct_membership_content_equal (const CtMembership *a,
                                const CtMembership *b)
{
  g_return_val_if_fail (CT_IS_MEMBERSHIP ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_MEMBERSHIP ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->city, b->city) &&
         ct_str_equal0 (a->network, b->network) &&
         ct_str_equal0 (a->joined, b->joined) &&
         ct_str_equal0 (a->left, b->left) &&
         ct_str_equal0 (a->role, b->role) &&
         ct_strv_array_equal (a->sources, b->sources) &&
         ct_str_equal0 (a->notes, b->notes);
}
