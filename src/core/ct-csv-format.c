/* ct-csv-format.c: bilateral partnerships as spreadsheet rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ct-csv.h"
#include "ct-csv-format.h"
#include "ct-error.h"
#include "ct-json-writer.h"
#include "ct-text.h"
#include "ct-validate.h"

typedef enum {
  COL_CITY_A,
  COL_COUNTRY_A,
  COL_CITY_B,
  COL_COUNTRY_B,
  COL_KIND,
  COL_STATUS,
  COL_SIGNED,
  COL_THEMES,
  COL_SOURCE_URL,
  COL_NOTES,
  N_REQUIRED_COLUMNS,
  COL_LAT_A = N_REQUIRED_COLUMNS,
  COL_LON_A,
  COL_LAT_B,
  COL_LON_B,
  COL_CITY_A_LOCAL,
  COL_CITY_B_LOCAL,
  N_COLUMNS
} Column;

static const char *column_names[N_COLUMNS] = {
  "city_a", "country_a", "city_b", "country_b", "kind", "status", "signed", "themes",
  "source_url", "notes", "lat_a", "lon_a", "lat_b", "lon_b", "city_a_local", "city_b_local",
};

/* Writing */

static char *
format_double (double value)
{
  GString *s = g_string_new (NULL);

  ct_json_append_double (s, value);
  return g_string_free (s, FALSE);
}

typedef struct {
  CtPartnership *p;
  CtCity        *a;
  CtCity        *b;
} Row;

static int
compare_rows (gconstpointer pa,
              gconstpointer pb)
{
  const Row *a = pa, *b = pb;
  int cmp;

  /* By content rather than id, so that a file imported into another database and exported
   * again comes out in the same order */
  if ((cmp = g_strcmp0 (a->a->country, b->a->country)) ||
      (cmp = g_strcmp0 (a->a->name, b->a->name)) ||
      (cmp = g_strcmp0 (a->b->country, b->b->country)) ||
      (cmp = g_strcmp0 (a->b->name, b->b->name)) ||
      (cmp = g_strcmp0 (ct_str (a->p->signed_on), ct_str (b->p->signed_on))) ||
      (cmp = (int) a->p->kind - (int) b->p->kind) ||
      (cmp = (int) a->p->status - (int) b->p->status) ||
      (cmp = g_strcmp0 (ct_str (a->p->notes), ct_str (b->p->notes))))
    return cmp;

  return g_strcmp0 (a->p->id, b->p->id);
}

char *
ct_csv_format_write (CtDataset *ds,
                     guint     *n_left_out,
                     gsize     *length)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  GString *out = g_string_sized_new (ds->partnerships->len * 160 + 256);
  guint left_out = 0;

  for (guint i = 0; i < ds->themes->len; i++)
    {
      CtTheme *t = g_ptr_array_index (ds->themes, i);
      g_hash_table_insert (labels, t->key, t->label);
    }

  for (guint i = 0; i < ds->sources->len; i++)
    {
      CtSource *s = g_ptr_array_index (ds->sources, i);
      g_hash_table_insert (urls, s->id, s->url);
    }

  for (guint i = 0; i < ds->partnerships->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ds->partnerships, i);
      Row row = { p, NULL, NULL };

      if (p->parties->len != 2)
        {
          left_out++;
          continue;
        }

      row.a = ct_dataset_lookup (ds, ((CtParty *) g_ptr_array_index (p->parties, 0))->city);
      row.b = ct_dataset_lookup (ds, ((CtParty *) g_ptr_array_index (p->parties, 1))->city);
      g_assert (CT_IS_CITY (row.a) && CT_IS_CITY (row.b));
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_rows);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, column_names[i]);
    }
  ct_csv_append_row_end (out);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr(GString) themes = g_string_new (NULL);
      g_autoptr(GString) sources = g_string_new (NULL);
      g_autofree char *lat_a = format_double (row->a->lat);
      g_autofree char *lon_a = format_double (row->a->lon);
      g_autofree char *lat_b = format_double (row->b->lat);
      g_autofree char *lon_b = format_double (row->b->lon);
      const char *values[N_COLUMNS];

      for (guint j = 0; j < row->p->themes->len; j++)
        {
          const char *key = g_ptr_array_index (row->p->themes, j);
          const char *label = g_hash_table_lookup (labels, key);

          if (j > 0)
            g_string_append (themes, "; ");
          g_string_append (themes, label ? label : key);
        }

      for (guint j = 0; j < row->p->sources->len; j++)
        {
          const char *url = g_hash_table_lookup (urls, g_ptr_array_index (row->p->sources, j));

          if (url == NULL || *url == '\0')
            continue;
          if (sources->len > 0)
            g_string_append (sources, " | ");
          g_string_append (sources, url);
        }

      values[COL_CITY_A] = row->a->name;
      values[COL_COUNTRY_A] = row->a->country;
      values[COL_CITY_B] = row->b->name;
      values[COL_COUNTRY_B] = row->b->country;
      values[COL_KIND] = ct_kind_to_string (row->p->kind);
      values[COL_STATUS] = ct_status_to_string (row->p->status);
      values[COL_SIGNED] = row->p->signed_on;
      values[COL_THEMES] = themes->str;
      values[COL_SOURCE_URL] = sources->str;
      values[COL_NOTES] = row->p->notes;
      values[COL_LAT_A] = lat_a;
      values[COL_LON_A] = lon_a;
      values[COL_LAT_B] = lat_b;
      values[COL_LON_B] = lon_b;
      values[COL_CITY_A_LOCAL] = row->a->local_name;
      values[COL_CITY_B_LOCAL] = row->b->local_name;

      for (guint j = 0; j < N_COLUMNS; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          /* Numbers are ours and safe; everything typed by people is neutralised */
          ct_csv_append_field (out, ct_str (values[j]), j < COL_LAT_A || j > COL_LON_B);
        }
      ct_csv_append_row_end (out);
    }

  if (n_left_out)
    *n_left_out = left_out;
  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Reading */

typedef struct {
  CtStore     *store;
  const char  *filename;
  guint        line;
  CtDataset   *ds;
  char        *now;

  GHashTable  *cities;        /* "CC\nfolded name" → CtCity (borrowed from all_cities or ds) */
  GHashTable  *raw_cities;    /* "country cell\nname cell" as typed → CtCity: spares folding */
  GHashTable  *countries;     /* country cell as typed → CtCountry */
  GHashTable  *themes;        /* folded key or label → key */
  GHashTable  *sources;       /* url → source id */
  GHashTable  *partnerships;  /* signature → CtPartnership in ds */
  GHashTable  *existing;      /* signature → CtPartnership in the database */
  GPtrArray   *keep;          /* records borrowed by the tables */

  CtImportProgress *progress; /* may be NULL; every rejected line goes there */
} Reader;

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->cities, g_hash_table_unref);
  g_clear_pointer (&r->raw_cities, g_hash_table_unref);
  g_clear_pointer (&r->countries, g_hash_table_unref);
  g_clear_pointer (&r->themes, g_hash_table_unref);
  g_clear_pointer (&r->sources, g_hash_table_unref);
  g_clear_pointer (&r->partnerships, g_hash_table_unref);
  g_clear_pointer (&r->existing, g_hash_table_unref);
  g_clear_pointer (&r->keep, g_ptr_array_unref);
  g_clear_pointer (&r->now, g_free);
}

static gboolean
row_error (Reader      *r,
           int          column,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
row_error (Reader      *r,
           int          column,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *formatted = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  formatted = g_strdup_vprintf (format, args);
  va_end (args);
  /* Excerpts of cells ("%.40s") may end in the middle of a character: the window needs UTF-8 */
  message = g_utf8_make_valid (formatted, -1);

  if (r->progress)
    ct_import_progress_add_rejection (r->progress, r->line, column >= 0 ? column_names[column] : NULL, message);

  if (column >= 0)
    g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, "%s:%u: %s: %s",
                 r->filename, r->line, column_names[column], message);
  else
    g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, "%s:%u: %s", r->filename, r->line, message);
  return FALSE;
}

static char *
fold (const char *s)
{
  g_autofree char *normal = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);
  g_autofree char *stripped = g_strstrip (g_strdup (normal ? normal : s));

  return g_utf8_casefold (stripped, -1);
}

static char *
city_key (const char *country,
          const char *name)
{
  g_autofree char *folded = fold (name);

  return g_strconcat (country, "\n", folded, NULL);
}

static gboolean
parse_coordinate (Reader      *r,
                  const char  *text,
                  int          column,
                  double       min,
                  double       max,
                  double      *out,
                  GError     **error)
{
  char *end = NULL;
  double value;

  value = g_ascii_strtod (text, &end);
  while (end && g_ascii_isspace (*end))
    end++;

  if (end == text || end == NULL || *end != '\0' || !isfinite (value))
    return row_error (r, column, error, _("“%.40s” is not a number"), text);

  if (value < min || value > max)
    return row_error (r, column, error, _("%g is out of range (%g to %g)"), value, min, max);

  *out = value;
  return TRUE;
}

static CtCity *
resolve_city (Reader       *r,
              const char  **fields,
              int           col_city,
              int           col_country,
              int           col_lat,
              int           col_lon,
              int           col_local,
              GError      **error)
{
  const char *name = fields[col_city];
  const char *country_text = fields[col_country];
  g_autofree char *key = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *raw_key = NULL;
  const CtCountry *country;
  CtCity *city;

  /* Spreadsheets repeat the same few cities row after row, spelled the same way */
  raw_key = g_strconcat (ct_str (country_text), "\n", ct_str (name), NULL);
  if ((city = g_hash_table_lookup (r->raw_cities, raw_key)))
    return city;

  if (name == NULL || *g_strstrip (stripped = g_strdup (name)) == '\0')
    {
      row_error (r, col_city, error, _("must not be empty"));
      return NULL;
    }

  if (country_text == NULL || *country_text == '\0')
    {
      row_error (r, col_country, error, _("must not be empty"));
      return NULL;
    }

  if (!(country = g_hash_table_lookup (r->countries, country_text)) &&
      (country = ct_country_lookup (country_text)))
    g_hash_table_insert (r->countries, g_strdup (country_text), (gpointer) country);

  if (country == NULL)
    {
      row_error (r, col_country, error, _("unknown country “%.40s” (use an ISO code such as TW or an English name)"),
                 country_text);
      return NULL;
    }

  key = city_key (country->code, stripped);
  if ((city = g_hash_table_lookup (r->cities, key)))
    {
      g_hash_table_insert (r->raw_cities, g_steal_pointer (&raw_key), city);
      return city;
    }

  /* Not known: the row must say where it is */
  if (fields[col_lat] == NULL || *fields[col_lat] == '\0' || fields[col_lon] == NULL || *fields[col_lon] == '\0')
    {
      row_error (r, col_city, error,
                 _("“%.40s” (%s) is not in the database; give its position in %s and %s"),
                 stripped, country->code, column_names[col_lat], column_names[col_lon]);
      return NULL;
    }

  city = ct_city_new ();
  city->id = ct_uuid_new ();
  city->name = g_steal_pointer (&stripped);
  city->country = g_strdup (country->code);
  if (fields[col_local] && *fields[col_local])
    city->local_name = g_strstrip (g_strdup (fields[col_local]));
  city->created = g_strdup (r->now);
  city->updated = g_strdup (r->now);

  if (!parse_coordinate (r, fields[col_lat], col_lat, -90, 90, &city->lat, error) ||
      !parse_coordinate (r, fields[col_lon], col_lon, -180, 180, &city->lon, error))
    {
      g_object_unref (city);
      return NULL;
    }

  {
    g_autoptr(GError) local_error = NULL;

    if (!ct_validate_city (city, &local_error))
      {
        row_error (r, col_city, error, "%s", local_error->message);
        g_object_unref (city);
        return NULL;
      }
  }

  g_ptr_array_add (r->ds->cities, city);
  ct_dataset_set_line (r->ds, city, r->line);
  g_hash_table_insert (r->cities, g_steal_pointer (&key), city);
  g_hash_table_insert (r->raw_cities, g_steal_pointer (&raw_key), city);
  if (city->local_name)
    g_hash_table_insert (r->cities, city_key (city->country, city->local_name), city);

  return city;
}

static gboolean
resolve_themes (Reader      *r,
                const char  *text,
                GPtrArray   *keys,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (ct_str (text), ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *folded = NULL;
      const char *label = g_strstrip (parts[i]);
      const char *key;

      if (*label == '\0')
        continue;

      folded = fold (label);
      key = g_hash_table_lookup (r->themes, folded);

      if (key == NULL)
        {
          CtTheme *theme = ct_theme_new ();
          g_autoptr(GError) local_error = NULL;

          theme->key = ct_theme_key_from_label (label);
          if (*theme->key == '\0')
            {
              g_object_unref (theme);
              return row_error (r, COL_THEMES, error, _("“%.40s” is not a theme name"), label);
            }

          /* "Smart City" and "smart-city" are the same theme */
          if ((key = g_hash_table_lookup (r->themes, theme->key)))
            g_object_unref (theme);
          else
            {
              theme->id = ct_uuid_new ();
              theme->label = g_strdup (label);
              theme->created = g_strdup (r->now);
              theme->updated = g_strdup (r->now);
              if (!ct_validate_theme (theme, &local_error))
                {
                  g_object_unref (theme);
                  return row_error (r, COL_THEMES, error, "%s", local_error->message);
                }
              g_ptr_array_add (r->ds->themes, theme);
              ct_dataset_set_line (r->ds, theme, r->line);
              key = theme->key;
              g_hash_table_insert (r->themes, g_strdup (key), (gpointer) key);
            }
          g_hash_table_insert (r->themes, g_steal_pointer (&folded), (gpointer) key);
        }

      /* The same theme twice in a cell counts once */
      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, g_strdup (key));
    }

  return TRUE;
}

static gboolean
resolve_sources (Reader      *r,
                 const char  *text,
                 GPtrArray   *ids,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (ct_str (text), "|", -1);

  for (guint i = 0; parts[i]; i++)
    {
      const char *url = g_strstrip (parts[i]);
      const char *id;

      if (*url == '\0')
        continue;

      if (strlen (url) > CT_MAX_STRING_BYTES)
        return row_error (r, COL_SOURCE_URL, error, _("text longer than %d bytes"), CT_MAX_STRING_BYTES);

      if (!(id = g_hash_table_lookup (r->sources, url)))
        {
          CtSource *source = ct_source_new ();

          source->id = ct_uuid_new ();
          source->title = g_strdup (url);
          source->url = g_strdup (url);
          source->created = g_strdup (r->now);
          source->updated = g_strdup (r->now);
          g_ptr_array_add (r->ds->sources, source);
          ct_dataset_set_line (r->ds, source, r->line);
          id = source->id;
          g_hash_table_insert (r->sources, g_strdup (url), (gpointer) id);
        }

      if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (id));
    }

  return TRUE;
}

static char *
signature (const char *city_a,
           const char *city_b,
           CtKind      kind,
           const char *signed_on)
{
  /* Parties in either order are the same tie */
  if (g_strcmp0 (city_a, city_b) > 0)
    {
      const char *tmp = city_a;
      city_a = city_b;
      city_b = tmp;
    }

  return g_strdup_printf ("%s|%s|%d|%s", city_a, city_b, kind, ct_str (signed_on));
}

static gboolean
read_row (Reader      *r,
          const char **fields,
          GError     **error)
{
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *notes = NULL;
  CtPartnership *existing;
  CtCity *a, *b;
  int kind, status;

  if (!(a = resolve_city (r, fields, COL_CITY_A, COL_COUNTRY_A, COL_LAT_A, COL_LON_A, COL_CITY_A_LOCAL, error)) ||
      !(b = resolve_city (r, fields, COL_CITY_B, COL_COUNTRY_B, COL_LAT_B, COL_LON_B, COL_CITY_B_LOCAL, error)))
    return FALSE;

  if (a == b)
    return row_error (r, COL_CITY_B, error, _("a partnership needs two different cities"));

  {
    g_autofree char *k = g_strstrip (g_strdup (ct_str (fields[COL_KIND])));

    if ((kind = ct_kind_from_string (k)) < 0)
      return row_error (r, COL_KIND, error,
                        _("unknown kind “%.40s” (sister_city, friendship_city, mou, programme_pairing, exchange or forum)"), k);
  }

  {
    g_autofree char *s = g_strstrip (g_strdup (ct_str (fields[COL_STATUS])));

    if ((status = ct_status_from_string (s)) < 0)
      return row_error (r, COL_STATUS, error,
                        _("unknown status “%.40s” (proposed, negotiating, council_approved, nationally_approved, active, dormant, ended or unverified)"), s);
  }

  p = ct_partnership_new ();
  p->kind = kind;
  p->status = status;
  p->signed_on = g_strstrip (g_strdup (ct_str (fields[COL_SIGNED])));
  if (*p->signed_on == '\0')
    g_clear_pointer (&p->signed_on, g_free);
  else if (!ct_date_is_valid (p->signed_on))
    return row_error (r, COL_SIGNED, error, _("“%.40s” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"), p->signed_on);

  if (fields[COL_NOTES] && *fields[COL_NOTES])
    p->notes = g_strdup (fields[COL_NOTES]);

  if (!resolve_themes (r, fields[COL_THEMES], p->themes, error) ||
      !resolve_sources (r, fields[COL_SOURCE_URL], p->sources, error))
    return FALSE;

  sig = signature (a->id, b->id, kind, p->signed_on);

  /* A row for a tie already in the database updates it: the spreadsheet speaks for status,
   * themes and notes; sources are added to those it has */
  existing = g_hash_table_lookup (r->partnerships, sig);
  if (existing == NULL && (existing = g_hash_table_lookup (r->existing, sig)))
    {
      existing = ct_partnership_copy (existing);
      g_ptr_array_add (r->ds->partnerships, existing);
      g_hash_table_insert (r->partnerships, g_strdup (sig), existing);
    }

  if (existing != NULL)
    {
      CtPartnership *e = existing;
      g_autoptr(CtPartnership) before = ct_partnership_copy (e);

      e->status = p->status;
      g_ptr_array_set_size (e->themes, 0);
      for (guint i = 0; i < p->themes->len; i++)
        g_ptr_array_add (e->themes, g_strdup (g_ptr_array_index (p->themes, i)));
      for (guint i = 0; i < p->sources->len; i++)
        if (!g_ptr_array_find_with_equal_func (e->sources, g_ptr_array_index (p->sources, i), g_str_equal, NULL))
          g_ptr_array_add (e->sources, g_strdup (g_ptr_array_index (p->sources, i)));
      g_free (e->notes);
      e->notes = g_strdup (p->notes);

      if (!ct_partnership_content_equal (before, e))
        {
          g_free (e->updated);
          e->updated = g_strdup (r->now);
        }
      ct_dataset_set_line (r->ds, e, r->line);
      return TRUE;
    }

  p->id = ct_uuid_new ();
  p->created = g_strdup (r->now);
  p->updated = g_strdup (r->now);
  g_ptr_array_add (p->parties, ct_party_new (a->id, NULL));
  g_ptr_array_add (p->parties, ct_party_new (b->id, NULL));

  if (!ct_validate_partnership (p, &local_error))
    return row_error (r, -1, error, "%s", local_error->message);

  ct_dataset_set_line (r->ds, p, r->line);
  g_hash_table_insert (r->partnerships, g_steal_pointer (&sig), p);
  g_ptr_array_add (r->ds->partnerships, g_steal_pointer (&p));
  return TRUE;
}

static gboolean
load_database (Reader  *r,
               GError **error)
{
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) partnerships = NULL;

  if (!(cities = ct_store_list_cities (r->store, NULL, error)) ||
      !(themes = ct_store_list_themes (r->store, error)) ||
      !(sources = ct_store_list_sources (r->store, error)))
    return FALSE;

  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *c = g_ptr_array_index (cities, i);

      if (c->local_name)
        g_hash_table_insert (r->cities, city_key (c->country, c->local_name), c);
    }
  /* English names win over local names when both match */
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *c = g_ptr_array_index (cities, i);
      g_hash_table_insert (r->cities, city_key (c->country, c->name), c);
    }

  for (guint i = 0; i < themes->len; i++)
    {
      CtTheme *t = g_ptr_array_index (themes, i);

      g_hash_table_insert (r->themes, fold (t->label), t->key);
      g_hash_table_insert (r->themes, fold (t->key), t->key);
    }

  for (guint i = 0; i < sources->len; i++)
    {
      CtSource *s = g_ptr_array_index (sources, i);

      if (s->url)
        g_hash_table_insert (r->sources, g_strdup (s->url), s->id);
    }

  /* Only needed when the database has ties to match against */
  if (!(partnerships = ct_store_list_partnerships (r->store, NULL, error)))
    return FALSE;

  for (guint i = 0; i < partnerships->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (partnerships, i);

      if (p->parties->len == 2)
        g_hash_table_insert (r->existing,
                             signature (((CtParty *) g_ptr_array_index (p->parties, 0))->city,
                                        ((CtParty *) g_ptr_array_index (p->parties, 1))->city,
                                        p->kind, p->signed_on),
                             p);
    }

  g_ptr_array_add (r->keep, g_steal_pointer (&cities));
  g_ptr_array_add (r->keep, g_steal_pointer (&themes));
  g_ptr_array_add (r->keep, g_steal_pointer (&sources));
  g_ptr_array_add (r->keep, g_steal_pointer (&partnerships));
  return TRUE;
}

/* A syntax error of the RFC 4180 reader, "file:line: message", as a rejected line */
static void
add_syntax_rejection (Reader       *r,
                      const GError *syntax_error)
{
  const char *message = syntax_error->message;
  guint line = 0;
  gsize n = strlen (r->filename);

  if (r->progress == NULL)
    return;

  if (strncmp (message, r->filename, n) == 0 && message[n] == ':' && g_ascii_isdigit (message[n + 1]))
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (message + n + 1, &end, 10);

      if (end && end[0] == ':' && end[1] == ' ' && value <= G_MAXUINT)
        {
          line = (guint) value;
          message = end + 2;
        }
    }

  ct_import_progress_add_rejection (r->progress, line, NULL, message);
}

CtDataset *
ct_csv_format_read (CtStore     *store,
                    const char  *data,
                    gsize        length,
                    const char  *filename,
                    GError     **error)
{
  return ct_csv_format_read_full (store, data, length, filename, NULL, NULL, error);
}

CtDataset *
ct_csv_format_read_full (CtStore           *store,
                         const char        *data,
                         gsize              length,
                         const char        *filename,
                         CtImportProgress  *progress,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(CtCsvReader) csv = NULL;
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) first_error = NULL;
  GPtrArray *fields = NULL;
  int columns[N_COLUMNS];
  guint n_header = 0;
  guint n_rows = 0;
  Reader r = { 0 };
  gboolean ok = FALSE;

  if (length > CT_MAX_FILE_SIZE)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), filename, (guint) (CT_MAX_FILE_SIZE >> 20));
      return NULL;
    }

  data = ct_text_skip_bom (data, &length);
  if (!ct_text_check_utf8 (data, length, filename, error))
    return NULL;

  csv = ct_csv_reader_new (data, length, filename);
  ds = ct_dataset_new (filename);

  r.store = store;
  r.filename = filename;
  r.ds = ds;
  r.now = ct_timestamp_now ();
  r.cities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.raw_cities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.themes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.partnerships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r.progress = progress;

  /* The header */
  if (!ct_csv_reader_next (csv, &fields, &local_error))
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: the file is empty"), filename);
      goto out;
    }

  r.line = ct_csv_reader_get_line (csv);
  for (guint i = 0; i < N_COLUMNS; i++)
    columns[i] = -1;

  n_header = fields->len;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (g_ptr_array_index (fields, i)));
      g_autofree char *name = g_ascii_strdown (cell, -1);
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (strcmp (name, column_names[c]) == 0)
          break;

      if (c == N_COLUMNS)
        {
          row_error (&r, -1, error, _("column %u: unknown column “%.40s” (expected %s)"), i + 1, name,
                     "city_a, country_a, city_b, country_b, kind, status, signed, themes, source_url, notes, "
                     "lat_a, lon_a, lat_b, lon_b, city_a_local, city_b_local");
          goto out;
        }

      if (columns[c] >= 0)
        {
          row_error (&r, -1, error, _("column %u: “%s” appears twice"), i + 1, name);
          goto out;
        }
      columns[c] = i;
    }

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    if (columns[c] < 0)
      {
        row_error (&r, -1, error, _("the header has no “%s” column"), column_names[c]);
        goto out;
      }

  if (!load_database (&r, error))
    goto out;

  /* A bad row does not stop the reading: every rejected line is reported (to progress), and the
   * error is the first one's */
  while (ct_csv_reader_next (csv, &fields, &local_error))
    {
      const char *values[N_COLUMNS];
      g_autoptr(GError) row_err = NULL;

      r.line = ct_csv_reader_get_line (csv);
      n_rows++;

      if ((n_rows & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          if (progress)
            {
              gsize total;
              gsize done = ct_csv_reader_get_position (csv, &total);

              ct_import_progress_set_reading (progress, done, total);
            }
        }

      if (fields->len != n_header)
        row_error (&r, -1, &row_err, _("%u fields where the header has %u"), fields->len, n_header);
      else
        {
          for (guint c = 0; c < N_COLUMNS; c++)
            values[c] = columns[c] >= 0 ? ct_csv_unneutralise (g_ptr_array_index (fields, columns[c])) : NULL;

          read_row (&r, values, &row_err);
        }

      if (row_err && first_error == NULL)
        first_error = g_steal_pointer (&row_err);
    }

  if (local_error)
    {
      add_syntax_rejection (&r, local_error);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      goto out;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  /* Every city, theme and new partnership was validated where it was read; new sources are
   * URLs within the length limit, and updated partnerships only took validated values */
  ds->validated = TRUE;
  ok = TRUE;

out:
  reader_clear (&r);
  return ok ? g_steal_pointer (&ds) : NULL;
}
