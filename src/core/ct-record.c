/* ct-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-record.h"

/* Every record type starts with its instance and its id */
typedef struct {
  GObject  parent_instance;
  char    *id;
} AnyRecord;

const char *
ct_record_get_id (gpointer record)
{
  g_return_val_if_fail (G_IS_OBJECT (record), NULL);
  return ((AnyRecord *) record)->id;
}

gpointer
ct_record_copy (gpointer record)
{
  if (CT_IS_THEME (record))
    return ct_theme_copy (record);
  if (CT_IS_CITY (record))
    return ct_city_copy (record);
  if (CT_IS_NETWORK (record))
    return ct_network_copy (record);
  if (CT_IS_SOURCE (record))
    return ct_source_copy (record);
  if (CT_IS_PARTNERSHIP (record))
    return ct_partnership_copy (record);
  if (CT_IS_MEMBERSHIP (record))
    return ct_membership_copy (record);
  if (CT_IS_ACTIVITY (record))
    return ct_activity_copy (record);
  g_return_val_if_reached (NULL);
}

gboolean
ct_record_content_equal (gpointer      a,
                         gpointer      b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  if (CT_IS_THEME (a))
    return ct_theme_content_equal (a, b);
  if (CT_IS_CITY (a))
    return ct_city_content_equal (a, b);
  if (CT_IS_NETWORK (a))
    return ct_network_content_equal (a, b);
  if (CT_IS_SOURCE (a))
    return ct_source_content_equal (a, b);
  if (CT_IS_PARTNERSHIP (a))
    return ct_partnership_content_equal (a, b);
  if (CT_IS_MEMBERSHIP (a))
    return ct_membership_content_equal (a, b);
  if (CT_IS_ACTIVITY (a))
    return ct_activity_content_equal (a, b);
  g_return_val_if_reached (FALSE);
}

/* A city's name from the store, else what the record knew it by, else its id */
static char *
dup_city_name (CtStore    *store,
               const char *id,
               const char *fallback)
{
  g_autoptr(CtCity) city = id ? ct_store_get_city (store, id, NULL) : NULL;

  if (city != NULL)
    return ct_city_dup_display_name (city);
  if (fallback && *fallback)
    return g_strdup (fallback);
  return g_strdup (id ? id : _("Unknown city"));
}

static const char *
nonempty (const char *text,
          const char *placeholder)
{
  return text && *text ? text : placeholder;
}

char *
ct_record_dup_title (CtStore       *store,
                     gpointer       record)
{
  g_return_val_if_fail (CT_IS_STORE (store), NULL);

  if (CT_IS_CITY (record))
    {
      CtCity *city = record;

      return city->name && *city->name ? ct_city_dup_display_name (city) : g_strdup (_("Unnamed City"));
    }

  if (CT_IS_THEME (record))
    return g_strdup (ct_theme_get_display_label (CT_THEME (record)->key, CT_THEME (record)->label));

  if (CT_IS_NETWORK (record))
    return g_strdup (nonempty (CT_NETWORK (record)->name, _("Unnamed Network")));

  if (CT_IS_SOURCE (record))
    return g_strdup (nonempty (CT_SOURCE (record)->title, _("Untitled Source")));

  if (CT_IS_PARTNERSHIP (record))
    {
      CtPartnership *p = record;
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < p->parties->len; i++)
        {
          const CtParty *party = g_ptr_array_index (p->parties, i);
          g_autofree char *name = dup_city_name (store, party->city, party->signed_name);

          if (i > 0)
            /* Translators: between the cities of a tie, "Kaohsiung – Da Nang" */
            g_string_append (names, C_("tie parties", " – "));
          g_string_append (names, name);
        }
      return g_string_free (g_steal_pointer (&names), FALSE);
    }

  if (CT_IS_MEMBERSHIP (record))
    {
      CtMembership *m = record;
      g_autoptr(CtNetwork) network = m->network ? ct_store_get_network (store, m->network, NULL) : NULL;
      g_autofree char *city = dup_city_name (store, m->city, NULL);
      const char *network_name = network ? nonempty (network->short_name, network->name) : _("No network chosen");

      /* Translators: a city's membership of a network, "Kaohsiung in ASCN" */
      return g_strdup_printf (C_("membership", "%s in %s"), city, network_name);
    }

  if (CT_IS_ACTIVITY (record))
    {
      CtActivity *a = record;

      return g_strdup (nonempty (a->title, ct_activity_kind_get_label (a->kind)));
    }

  g_return_val_if_reached (NULL);
}
