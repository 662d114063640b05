/* ct-city.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-city.h"

G_DEFINE_FINAL_TYPE (CtCity, ct_city, G_TYPE_OBJECT)

static void
ct_city_finalize (GObject *object)
{
  CtCity *self = ((CtCity *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->local_name, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->admin1, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_city_parent_class)->finalize (object);
}

static void
ct_city_class_init (CtCityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_city_finalize;
}

static void
ct_city_init (CtCity *self)
{
}

CtCity *
ct_city_new (void)
{
  return g_object_new (CT_TYPE_CITY, NULL);
}

CtCity *
ct_city_copy (const CtCity *self)
{
  CtCity *copy;

  g_return_val_if_fail (CT_IS_CITY ((gpointer) self), NULL);

  copy = ct_city_new ();
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->local_name = g_strdup (self->local_name);
  copy->country = g_strdup (self->country);
  copy->admin1 = g_strdup (self->admin1);
  copy->lat = self->lat;
  copy->lon = self->lon;
  copy->geonames_id = self->geonames_id;
  copy->notes = g_strdup (self->notes);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);
  copy->tie_count = self->tie_count;

  return copy;
}

gboolean
ct_city_content_equal (const CtCity *a,
                          const CtCity *b)
{
  g_return_val_if_fail (CT_IS_CITY ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_CITY ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->name, b->name) &&
         ct_str_equal0 (a->local_name, b->local_name) &&
         ct_str_equal0 (a->country, b->country) &&
         ct_str_equal0 (a->admin1, b->admin1) &&
         a->lat == b->lat &&
         a->lon == b->lon &&
         a->geonames_id == b->geonames_id &&
         ct_str_equal0 (a->notes, b->notes);
}
