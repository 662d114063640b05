/* ct-network.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-network.h"

G_DEFINE_FINAL_TYPE (CtNetwork, ct_network, G_TYPE_OBJECT)

static void
ct_network_finalize (GObject *object)
{
  CtNetwork *self = ((CtNetwork *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->short_name, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_network_parent_class)->finalize (object);
}

static void
ct_network_class_init (CtNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_network_finalize;
}

static void
ct_network_init (CtNetwork *self)
{
}

CtNetwork *
ct_network_new (void)
{
  return g_object_new (CT_TYPE_NETWORK, NULL);
}

CtNetwork *
ct_network_copy (const CtNetwork *self)
{
  CtNetwork *copy;

  g_return_val_if_fail (CT_IS_NETWORK ((gpointer) self), NULL);

  copy = ct_network_new ();
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->short_name = g_strdup (self->short_name);
  copy->url = g_strdup (self->url);
  copy->notes = g_strdup (self->notes);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);
  copy->member_count = self->member_count;

  return copy;
}

gboolean
ct_network_content_equal (const CtNetwork *a,
                             const CtNetwork *b)
{
  g_return_val_if_fail (CT_IS_NETWORK ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_NETWORK ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->name, b->name) &&
         ct_str_equal0 (a->short_name, b->short_name) &&
         ct_str_equal0 (a->url, b->url) &&
         ct_str_equal0 (a->notes, b->notes);
}
