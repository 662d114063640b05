/* ct-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ct-error.h"
#include "ct-validate.h"

static gboolean
check_string (const char  *field,
              const char  *value,
              gboolean     required,
              GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      if (required)
        {
          g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: must not be empty"), field);
          return FALSE;
        }
      return TRUE;
    }

  if (strlen (value) > CT_MAX_STRING_BYTES)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_TOO_LARGE,
                   _("%s: text longer than %d bytes"), field, CT_MAX_STRING_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: invalid UTF-8"), field);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_date (const char  *field,
            const char  *value,
            GError     **error)
{
  if (!check_string (field, value, FALSE, error))
    return FALSE;

  if (!ct_date_is_valid (value))
    {
      /* At most 40 characters of the value, as in every other message: it may be 64 KiB long */
      g_autofree char *shown = g_utf8_substring (value, 0, MIN (g_utf8_strlen (value, -1), 40));

      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"), field, shown);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_common (const char  *id,
              const char  *created,
              const char  *updated,
              GError     **error)
{
  if (id != NULL && !ct_uuid_is_valid (id))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("id: “%.40s” is not a lower-case UUID"), id);
      return FALSE;
    }

  if (created != NULL && !ct_timestamp_is_valid (created))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("created: “%.40s” is not a timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)"), created);
      return FALSE;
    }

  if (updated != NULL && !ct_timestamp_is_valid (updated))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("updated: “%.40s” is not a timestamp (YYYY-MM-DDTHH:MM:SS.mmmZ)"), updated);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_reference_array (const char  *field,
                       GPtrArray   *ids,
                       GError     **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (!ct_uuid_is_valid (id))
        {
          g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                       _("%s: “%.40s” is not a lower-case UUID"), field, ct_str (id));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
ct_validate_theme (const CtTheme  *theme,
                   GError        **error)
{
  if (!check_common (theme->id, theme->created, theme->updated, error) ||
      !check_string ("key", theme->key, TRUE, error) ||
      !check_string ("label", theme->label, TRUE, error))
    return FALSE;

  for (const char *p = theme->key; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || (guchar) *p >= 0x80))
      {
        g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                     _("key: “%.40s” may hold only lower-case letters, digits and “_”"), theme->key);
        return FALSE;
      }

  return TRUE;
}

gboolean
ct_validate_city (const CtCity  *city,
                  GError       **error)
{
  const CtCountry *country;

  if (!check_common (city->id, city->created, city->updated, error) ||
      !check_string ("name", city->name, TRUE, error) ||
      !check_string ("local_name", city->local_name, FALSE, error) ||
      !check_string ("country", city->country, TRUE, error) ||
      !check_string ("admin1", city->admin1, FALSE, error) ||
      !check_string ("notes", city->notes, FALSE, error))
    return FALSE;

  country = ct_country_lookup (city->country);
  if (country == NULL || strcmp (country->code, city->country) != 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("country: “%.40s” is not an ISO 3166-1 alpha-2 country code"), city->country);
      return FALSE;
    }

  if (!ct_latitude_is_valid (city->lat))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("lat: %g is not a latitude (−90 to 90)"), city->lat);
      return FALSE;
    }

  if (!ct_longitude_is_valid (city->lon))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("lon: %g is not a longitude (−180 to 180)"), city->lon);
      return FALSE;
    }

  if (city->geonames_id < 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("geonames_id: %lld is not a GeoNames id"), (long long) city->geonames_id);
      return FALSE;
    }

  return TRUE;
}

gboolean
ct_validate_network (const CtNetwork  *network,
                     GError          **error)
{
  return check_common (network->id, network->created, network->updated, error) &&
         check_string ("name", network->name, TRUE, error) &&
         check_string ("short_name", network->short_name, FALSE, error) &&
         check_string ("url", network->url, FALSE, error) &&
         check_string ("notes", network->notes, FALSE, error);
}

gboolean
ct_validate_source (const CtSource  *source,
                    GError         **error)
{
  return check_common (source->id, source->created, source->updated, error) &&
         check_string ("title", source->title, TRUE, error) &&
         check_string ("publisher", source->publisher, FALSE, error) &&
         check_string ("url", source->url, FALSE, error) &&
         check_date ("date", source->date, error);
}

gboolean
ct_validate_partnership (const CtPartnership  *partnership,
                         GError              **error)
{
  if (!check_common (partnership->id, partnership->created, partnership->updated, error) ||
      !check_string ("title", partnership->title, FALSE, error) ||
      !check_date ("signed", partnership->signed_on, error) ||
      !check_date ("ended", partnership->ended, error) ||
      !check_string ("notes", partnership->notes, FALSE, error) ||
      !check_reference_array ("sources", partnership->sources, error))
    return FALSE;

  if ((guint) partnership->kind >= CT_N_KINDS)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("kind: unknown kind"));
      return FALSE;
    }

  if ((guint) partnership->status >= CT_N_STATUSES)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("status: unknown status"));
      return FALSE;
    }

  for (guint i = 0; i < partnership->themes->len; i++)
    if (!check_string ("themes", g_ptr_array_index (partnership->themes, i), TRUE, error))
      return FALSE;

  for (guint i = 0; i < partnership->parties->len; i++)
    {
      const CtParty *party = g_ptr_array_index (partnership->parties, i);

      if (!ct_uuid_is_valid (party->city))
        {
          g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                       _("parties: “%.40s” is not a lower-case UUID"), ct_str (party->city));
          return FALSE;
        }

      if (!check_string ("signed_name", party->signed_name, FALSE, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          const CtParty *other = g_ptr_array_index (partnership->parties, j);

          if (g_strcmp0 (other->city, party->city) == 0)
            {
              g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                           _("parties: the same city is named twice"));
              return FALSE;
            }
        }
    }

  if (partnership->parties->len < 2)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("parties: a partnership needs at least two different cities"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ct_validate_membership (const CtMembership  *membership,
                        GError             **error)
{
  if (!check_common (membership->id, membership->created, membership->updated, error) ||
      !check_date ("joined", membership->joined, error) ||
      !check_date ("left", membership->left, error) ||
      !check_string ("role", membership->role, FALSE, error) ||
      !check_string ("notes", membership->notes, FALSE, error) ||
      !check_reference_array ("sources", membership->sources, error))
    return FALSE;

  if (!ct_uuid_is_valid (membership->city))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("city: missing or not a UUID"));
      return FALSE;
    }

  if (!ct_uuid_is_valid (membership->network))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("network: missing or not a UUID"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ct_validate_activity (const CtActivity  *activity,
                      GError           **error)
{
  if (!check_common (activity->id, activity->created, activity->updated, error) ||
      !check_date ("date", activity->date, error) ||
      !check_string ("title", activity->title, FALSE, error) ||
      !check_string ("notes", activity->notes, FALSE, error))
    return FALSE;

  if ((guint) activity->kind >= CT_N_ACTIVITY_KINDS)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("kind: unknown activity kind"));
      return FALSE;
    }

  if (!ct_uuid_is_valid (activity->partnership))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("partnership: missing or not a UUID"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ct_validate_record (gpointer   record,
                    GError   **error)
{
  if (CT_IS_THEME (record))
    return ct_validate_theme (record, error);
  if (CT_IS_CITY (record))
    return ct_validate_city (record, error);
  if (CT_IS_NETWORK (record))
    return ct_validate_network (record, error);
  if (CT_IS_SOURCE (record))
    return ct_validate_source (record, error);
  if (CT_IS_PARTNERSHIP (record))
    return ct_validate_partnership (record, error);
  if (CT_IS_MEMBERSHIP (record))
    return ct_validate_membership (record, error);
  if (CT_IS_ACTIVITY (record))
    return ct_validate_activity (record, error);

  g_return_val_if_reached (FALSE);
}

char *
ct_theme_key_from_label (const char *label)
{
  g_autofree char *lower = g_utf8_strdown (label, -1);
  GString *key = g_string_new (NULL);
  gboolean pending_sep = FALSE;

  for (const char *p = lower; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) && (c >= 0x80 || g_ascii_isalnum (c)))
        {
          if (pending_sep && key->len > 0)
            g_string_append_c (key, '_');
          pending_sep = FALSE;
          g_string_append_unichar (key, c);
        }
      else
        pending_sep = TRUE;
    }

  return g_string_free (key, FALSE);
}
