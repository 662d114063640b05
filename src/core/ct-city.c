/* ct-city.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-city.h"

#include "ct-bundled.h"

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

static gboolean
ui_is_chinese (void)
{
  const char * const *languages = g_get_language_names ();

  return languages[0] && g_str_has_prefix (languages[0], "zh");
}

static gboolean
is_taiwanese (const CtCity *self)
{
  const CtCountry *country = self->country ? ct_country_lookup (self->country) : NULL;

  return country && country->region == CT_REGION_TAIWAN;
}

static const char *
display_name (const CtCity *self)
{
  if (ui_is_chinese ())
    {
      const char *zh;

      if (is_taiwanese (self) && self->local_name && *self->local_name)
        return self->local_name;
      if ((zh = ct_bundled_get_city_name_zh_tw (self->id)))
        return zh;
    }
  if (self->name && *self->name)
    return self->name;
  return self->local_name ? self->local_name : "";
}

char *
ct_city_dup_display_name (const CtCity *self)
{
  g_return_val_if_fail (CT_IS_CITY ((CtCity *) self), NULL);

  return g_strdup (display_name (self));
}

const char *
ct_city_get_other_name (const CtCity *self)
{
  const char *display, *first, *second;

  g_return_val_if_fail (CT_IS_CITY ((CtCity *) self), NULL);

  display = display_name (self);
  /* A Chinese reader gets the English name next to the Chinese one; others the local script */
  first = ui_is_chinese () ? self->name : self->local_name;
  second = ui_is_chinese () ? self->local_name : self->name;
  if (first && *first && g_strcmp0 (first, display) != 0)
    return first;
  if (second && *second && g_strcmp0 (second, display) != 0)
    return second;
  return NULL;
}
