/* ct-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ct-model.h"

typedef struct {
  const char *id;
  const char *label; /* English, marked with N_() */
} Name;

static const Name regions[CT_N_REGIONS] = {
  { "taiwan", N_("Taiwan") },
  { "asean", N_("ASEAN") },
  { "eu", N_("European Union") },
  { "other", N_("Other") },
};

static const Name kinds[CT_N_KINDS] = {
  { "sister_city", N_("Sister city") },
  { "friendship_city", N_("Friendship city") },
  { "mou", N_("MOU") },
  { "programme_pairing", N_("Programme pairing") },
  { "exchange", N_("Exchange") },
  { "forum", N_("Forum") },
};

static const Name statuses[CT_N_STATUSES] = {
  { "proposed", N_("Proposed") },
  { "negotiating", N_("Negotiating") },
  { "council_approved", N_("Council approved") },
  { "nationally_approved", N_("Nationally approved") },
  { "active", N_("Active") },
  { "dormant", N_("Dormant") },
  { "ended", N_("Ended") },
  { "unverified", N_("Unverified") },
};

static const Name activity_kinds[CT_N_ACTIVITY_KINDS] = {
  { "visit", N_("Visit") },
  { "forum", N_("Forum") },
  { "renewal", N_("Renewal") },
  { "exchange", N_("Exchange") },
  { "note", N_("Note") },
};

/* Extra English spellings staff use in spreadsheets */
static const struct {
  const char *alias;
  int         value;
} kind_aliases[] = {
  { "sister-city", CT_KIND_SISTER_CITY },
  { "sister cities", CT_KIND_SISTER_CITY },
  { "twin city", CT_KIND_SISTER_CITY },
  { "friendship-city", CT_KIND_FRIENDSHIP_CITY },
  { "memorandum of understanding", CT_KIND_MOU },
  { "programme-pairing", CT_KIND_PROGRAMME_PAIRING },
  { "program pairing", CT_KIND_PROGRAMME_PAIRING },
};

static int
lookup (const Name *names,
        guint       n_names,
        const char *str)
{
  if (str == NULL)
    return -1;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (str, names[i].id) == 0 ||
          g_ascii_strcasecmp (str, names[i].label) == 0)
        return (int) i;
    }

  return -1;
}

const char *ct_region_to_string (CtRegion r) { g_return_val_if_fail (r < CT_N_REGIONS, NULL); return regions[r].id; }
const char *ct_region_get_label (CtRegion r) { g_return_val_if_fail (r < CT_N_REGIONS, NULL); return _(regions[r].label); }

/* The themes of the bundled dataset (data/city-ties.json), sorted by key */
static const struct {
  const char *key;
  const char *label;
} bundled_themes[] = {
  { "air_quality", NC_("theme", "Air quality") },
  { "circular_economy", NC_("theme", "Circular economy") },
  { "climate", NC_("theme", "Climate") },
  { "culture", NC_("theme", "Culture") },
  { "education", NC_("theme", "Education") },
  { "energy", NC_("theme", "Energy") },
  { "environment", NC_("theme", "Environment") },
  { "fintech", NC_("theme", "Fintech") },
  { "food", NC_("theme", "Food") },
  { "governance", NC_("theme", "Governance") },
  { "green_recovery", NC_("theme", "Green recovery") },
  { "hakka_culture", NC_("theme", "Hakka culture") },
  { "ict", NC_("theme", "ICT") },
  { "income_inequality", NC_("theme", "Income inequality") },
  { "industry", NC_("theme", "Industry") },
  { "innovation", NC_("theme", "Innovation") },
  { "investment", NC_("theme", "Investment") },
  { "labour", NC_("theme", "Labour") },
  { "migrant_inclusion", NC_("theme", "Migrant inclusion") },
  { "new_southbound_policy", NC_("theme", "New Southbound Policy") },
  { "ports", NC_("theme", "Ports") },
  { "post_pandemic_recovery", NC_("theme", "Post-pandemic recovery") },
  { "public_health", NC_("theme", "Public health") },
  { "smart_city", NC_("theme", "Smart city") },
  { "sport", NC_("theme", "Sport") },
  { "startups", NC_("theme", "Start-ups") },
  { "tourism", NC_("theme", "Tourism") },
  { "trade", NC_("theme", "Trade") },
  { "transport", NC_("theme", "Transport") },
  { "urban_greening", NC_("theme", "Urban greening") },
  { "urban_planning", NC_("theme", "Urban planning") },
  { "water", NC_("theme", "Water") },
};

static int
compare_theme_key (const void *key,
                   const void *item)
{
  return strcmp (key, *(const char * const *) item);
}

const char *
ct_theme_get_display_label (const char *key,
                            const char *stored_label)
{
  const void *found = key ? bsearch (key, bundled_themes, G_N_ELEMENTS (bundled_themes),
                                     sizeof bundled_themes[0], compare_theme_key) : NULL;

  if (found)
    return g_dpgettext2 (GETTEXT_PACKAGE, "theme", ((const char * const *) found)[1]);
  if (stored_label && *stored_label)
    return stored_label;
  return key;
}
int ct_region_from_string (const char *str) { return lookup (regions, CT_N_REGIONS, str); }

const char *ct_kind_to_string (CtKind k) { g_return_val_if_fail (k < CT_N_KINDS, NULL); return kinds[k].id; }
const char *ct_kind_get_label (CtKind k) { g_return_val_if_fail (k < CT_N_KINDS, NULL); return _(kinds[k].label); }

int
ct_kind_from_string (const char *str)
{
  int k = lookup (kinds, CT_N_KINDS, str);

  if (k < 0 && str != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (kind_aliases); i++)
        if (g_ascii_strcasecmp (str, kind_aliases[i].alias) == 0)
          return kind_aliases[i].value;
    }

  return k;
}

const char *ct_status_to_string (CtStatus s) { g_return_val_if_fail (s < CT_N_STATUSES, NULL); return statuses[s].id; }
const char *ct_status_get_label (CtStatus s) { g_return_val_if_fail (s < CT_N_STATUSES, NULL); return _(statuses[s].label); }
int ct_status_from_string (const char *str) { return lookup (statuses, CT_N_STATUSES, str); }

char *
ct_tie_dup_spoken (CtKind      kind,
                   CtStatus    status,
                   int         year,
                   const char *partners)
{
  const char *kind_label, *status_label;

  g_return_val_if_fail (kind < CT_N_KINDS && status < CT_N_STATUSES, NULL);

  kind_label = ct_kind_get_label (kind);
  status_label = ct_status_get_label (status);
  if (partners && *partners)
    {
      if (year > 0)
        /* Translators: a tie read by a screen reader: its kind, the partners, its status and
         * the year it was signed: "Sister city with Cebu City (Philippines), Active, signed in 1969" */
        return g_strdup_printf (C_("tie read aloud", "%s with %s, %s, signed in %d"), kind_label, partners, status_label, year);
      /* Translators: a tie read by a screen reader: "Sister city with Cebu City (Philippines), Active" */
      return g_strdup_printf (C_("tie read aloud", "%s with %s, %s"), kind_label, partners, status_label);
    }
  if (year > 0)
    /* Translators: a tie read by a screen reader: "Sister city, Active, signed in 1969" */
    return g_strdup_printf (C_("tie read aloud", "%s, %s, signed in %d"), kind_label, status_label, year);
  /* Translators: a tie read by a screen reader: "Sister city, Active" */
  return g_strdup_printf (C_("tie read aloud", "%s, %s"), kind_label, status_label);
}

const char *ct_activity_kind_to_string (CtActivityKind k) { g_return_val_if_fail (k < CT_N_ACTIVITY_KINDS, NULL); return activity_kinds[k].id; }
const char *ct_activity_kind_get_label (CtActivityKind k) { g_return_val_if_fail (k < CT_N_ACTIVITY_KINDS, NULL); return _(activity_kinds[k].label); }
int ct_activity_kind_from_string (const char *str) { return lookup (activity_kinds, CT_N_ACTIVITY_KINDS, str); }

/* Countries */

static const CtCountry countries[] = {
#include "ct-country-table.inc"
};

/* English names people write that differ from the iso-codes common name */
static const struct {
  const char *alias;
  const char *code;
} country_aliases[] = {
  { "Republic of China", "TW" },
  { "ROC", "TW" },
  { "Czech Republic", "CZ" },
  { "South Korea", "KR" },
  { "Korea", "KR" },
  { "Brunei", "BN" },
  { "Burma", "MM" },
  { "Holland", "NL" },
  { "The Netherlands", "NL" },
  { "UK", "GB" },
  { "USA", "US" },
  { "United States of America", "US" },
  { "Timor-Leste", "TL" },
  { "East Timor", "TL" },
};

const CtCountry *
ct_country_get_all (guint *n_countries)
{
  if (n_countries)
    *n_countries = G_N_ELEMENTS (countries);
  return countries;
}

const CtCountry *
ct_country_lookup (const char *code_or_name)
{
  g_autofree char *stripped = NULL;

  if (code_or_name == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (code_or_name));

  if (strlen (stripped) == 2)
    {
      for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
        if (g_ascii_strcasecmp (countries[i].code, stripped) == 0)
          return &countries[i];
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_ascii_strcasecmp (countries[i].name, stripped) == 0 ||
        g_ascii_strcasecmp (countries[i].iso_name, stripped) == 0)
      return &countries[i];

  for (guint i = 0; i < G_N_ELEMENTS (country_aliases); i++)
    if (g_ascii_strcasecmp (country_aliases[i].alias, stripped) == 0)
      return ct_country_lookup (country_aliases[i].code);

  return NULL;
}

const char *
ct_country_get_display_name (const CtCountry *country)
{
  const char *translated;

  g_return_val_if_fail (country != NULL, NULL);

  /* iso-codes translates both its names and its common names */
  translated = g_dgettext ("iso_3166-1", country->name);
  return translated;
}

/* Dates */

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }

  *out = v;
  return TRUE;
}

gboolean
ct_date_parse (const char      *str,
               CtDatePrecision *precision,
               int             *year,
               int             *month,
               int             *day)
{
  int y = 0, m = 0, d = 0;
  CtDatePrecision p;
  gsize len;

  if (str == NULL || *str == '\0')
    {
      p = CT_DATE_NONE;
      goto out;
    }

  len = strlen (str);
  if (len != 4 && len != 7 && len != 10)
    return FALSE;

  if (!parse_digits (str, 4, &y) || y < 1000)
    return FALSE;
  p = CT_DATE_YEAR;

  if (len >= 7)
    {
      if (str[4] != '-' || !parse_digits (str + 5, 2, &m) || m < 1 || m > 12)
        return FALSE;
      p = CT_DATE_MONTH;
    }

  if (len == 10)
    {
      if (str[7] != '-' || !parse_digits (str + 8, 2, &d) ||
          d < 1 || d > g_date_get_days_in_month (m, y))
        return FALSE;
      p = CT_DATE_DAY;
    }

out:
  if (precision) *precision = p;
  if (year) *year = y;
  if (month) *month = m;
  if (day) *day = d;
  return TRUE;
}

gboolean
ct_date_is_valid (const char *str)
{
  return ct_date_parse (str, NULL, NULL, NULL, NULL);
}

int
ct_date_get_year (const char *str)
{
  int year = 0;

  if (!ct_date_parse (str, NULL, &year, NULL, NULL))
    return 0;
  return year;
}

char *
ct_date_format (const char *str)
{
  CtDatePrecision precision;
  int year, month, day;
  g_autoptr(GDateTime) dt = NULL;

  if (str == NULL || *str == '\0' || !ct_date_parse (str, &precision, &year, &month, &day) ||
      precision == CT_DATE_NONE)
    return NULL;

  if (precision == CT_DATE_YEAR)
    return g_strdup_printf ("%d", year);

  if (!(dt = g_date_time_new_utc (year, month, precision == CT_DATE_DAY ? day : 1, 0, 0, 0)))
    return g_strdup (str);

  if (precision == CT_DATE_MONTH)
    /* Translators: a month and year, in GDateTime's format codes ("March 2017"); in Chinese
     * "%Y年%-m月" */
    return g_date_time_format (dt, _("%B %Y"));
  /* Translators: a full date, in GDateTime's format codes ("27 March 2017"); in Chinese
   * "%Y年%-m月%-d日" */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

char *
ct_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

gboolean
ct_timestamp_is_valid (const char *str)
{
  char date[11];
  int h, mi, s, ms;

  /* 2026-11-28T15:04:16.123Z, checked by hand: imports check hundreds of thousands */
  if (str == NULL || strlen (str) != 24 || str[10] != 'T' || str[13] != ':' || str[16] != ':' ||
      str[19] != '.' || str[23] != 'Z')
    return FALSE;

  memcpy (date, str, 10);
  date[10] = '\0';

  return ct_date_parse (date, NULL, NULL, NULL, NULL) &&
         parse_digits (str + 11, 2, &h) && h < 24 &&
         parse_digits (str + 14, 2, &mi) && mi < 60 &&
         parse_digits (str + 17, 2, &s) && s < 60 &&
         parse_digits (str + 20, 3, &ms);
}

char *
ct_uuid_new (void)
{
  return g_uuid_string_random ();
}

gboolean
ct_uuid_is_valid (const char *str)
{
  if (str == NULL || !g_uuid_string_is_valid (str))
    return FALSE;

  /* Identifiers are kept in lower case so that they compare as bytes */
  for (const char *p = str; *p; p++)
    if (g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

gboolean
ct_latitude_is_valid (double lat)
{
  return isfinite (lat) && lat >= -90.0 && lat <= 90.0;
}

gboolean
ct_longitude_is_valid (double lon)
{
  return isfinite (lon) && lon >= -180.0 && lon <= 180.0;
}

gboolean
ct_str_equal0 (const char *a,
               const char *b)
{
  return g_strcmp0 (ct_str (a), ct_str (b)) == 0;
}

gboolean
ct_strv_array_equal (GPtrArray *a,
                     GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!ct_str_equal0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}
