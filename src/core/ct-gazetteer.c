/* ct-gazetteer.c: the bundled world gazetteer, searched as the user types
 *
 * The file (format "CTGZ" version 1, described at the top of tools/build-gazetteer.mjs) is used
 * where it lies: the places are sorted by their search key, so the places whose whole name starts
 * with the text are one range found by binary search, and a second sorted table of (place, word
 * offset) does the same for the later words of the names. Nothing is built at load time but a
 * check of every offset, count and order in the file, so a damaged file is refused and never read
 * out of bounds. Search keys are fold()ed the same way as tools/build-gazetteer.mjs does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ct-city.h"
#include "ct-gazetteer-resources.h"
#include "ct-error.h"
#include "ct-gazetteer.h"

#define RESOURCE_PATH "/io/github/cityties/CityTies/gazetteer.ctg"
#define FILE_NAME     "gazetteer.ctg" /* in messages */

#define MAGIC              "CTGZ"
#define FORMAT_VERSION     1
#define HEADER_SIZE        64
#define PLACE_SIZE         20
#define KEY_IS_NAME        0xffffffffu
#define ADMIN1_MASK        0x7fffu
#define ADMIN1_NONE        0x7fffu
#define ADMIN1_NAMED_AFTER 0x8000u
#define MAX_PLACES         (1u << 24) /* the word table keeps a place index in 24 bits */

/* A database city within this many degrees of a place of the same country and name is that place */
#define SAME_PLACE_DEGREES 0.05

/* A city of the database, with its strings owned and its search keys */
typedef struct {
  CtPlace place;
  char   *key_name;
  char   *key_local;
} City;

struct _CtGazetteer
{
  GObject parent_instance;

  GBytes       *bytes;
  guint         n_places;
  guint         n_admin1;
  guint         n_words;
  const guint8 *places;
  const guint8 *admin1;
  const guint8 *words;
  const char   *strings;
  gsize         strings_size;
  const char   *folded;
  gsize         folded_size;

  /* NUL-terminated country codes, by (first letter - 'A') * 26 + (second - 'A') */
  char          countries[26 * 26][3];

  GPtrArray    *cities; /* City */
};

G_DEFINE_FINAL_TYPE (CtGazetteer, ct_gazetteer, G_TYPE_OBJECT)

static void
city_free (gpointer data)
{
  City *city = data;

  g_free ((char *) city->place.name);
  g_free ((char *) city->place.local_name);
  g_free ((char *) city->place.country);
  g_free ((char *) city->place.admin1);
  g_free ((char *) city->place.city_id);
  g_free (city->key_name);
  g_free (city->key_local);
  g_free (city);
}

static void
ct_gazetteer_finalize (GObject *object)
{
  CtGazetteer *self = CT_GAZETTEER (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->cities, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_gazetteer_parent_class)->finalize (object);
}

static void
ct_gazetteer_class_init (CtGazetteerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ct_gazetteer_finalize;
}

static void
ct_gazetteer_init (CtGazetteer *self)
{
  self->cities = g_ptr_array_new_with_free_func (city_free);
  for (guint i = 0; i < 26 * 26; i++)
    {
      self->countries[i][0] = 'A' + i / 26;
      self->countries[i][1] = 'A' + i % 26;
      self->countries[i][2] = '\0';
    }
}

/* ------------------------------------------------------------------------------------------------ */
/* Folding: keep in step with fold() in tools/build-gazetteer.mjs                                   */
/* ------------------------------------------------------------------------------------------------ */

static gboolean
is_letter_or_number (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Letters without a decomposition that a reader takes for a plain one (after case folding) */
static const char *
spelled (gunichar c)
{
  switch (c)
    {
    case 0x0111: /* đ */
    case 0x00f0: /* ð */
      return "d";
    case 0x0131: /* ı */
      return "i";
    case 0x00f8: /* ø */
      return "o";
    case 0x0142: /* ł */
      return "l";
    case 0x00e6: /* æ */
      return "ae";
    case 0x0153: /* œ */
      return "oe";
    case 0x00fe: /* þ */
      return "th";
    case 0x0127: /* ħ */
      return "h";
    case 0x0167: /* ŧ */
      return "t";
    case 0x00df: /* ß (case folding already gives "ss") */
      return "ss";
    case 0x03c2: /* ς */
      return "\xcf\x83"; /* σ */
    case 0x00b7: /* the Catalan middle dot, l·l */
      return "";
    default:
      return NULL;
    }
}

/* The search key of a text: NFKD, without combining marks, case-folded, with the letters above
 * spelled out, and every run of characters other than letters and digits one space, trimmed.
 * NULL for text that is not valid UTF-8. */
static char *
fold (const char *text)
{
  g_autofree char *nfkd = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GString) unmarked = NULL;
  GString *key;
  gboolean space = FALSE;

  if (!g_utf8_validate (text, -1, NULL) || !(nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD)))
    return NULL;

  unmarked = g_string_sized_new (strlen (nfkd));
  for (const char *p = nfkd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (unmarked, c);
    }
  folded = g_utf8_casefold (unmarked->str, unmarked->len);

  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *s = spelled (c);

      if (s && *s == '\0')
        continue;
      if (s == NULL && !is_letter_or_number (c))
        {
          space = TRUE;
          continue;
        }
      if (space && key->len > 0)
        g_string_append_c (key, ' ');
      space = FALSE;
      if (s)
        g_string_append (key, s);
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

char *
ct_gazetteer_fold (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return fold (text);
}

/* ------------------------------------------------------------------------------------------------ */
/* Reading the file                                                                                 */
/* ------------------------------------------------------------------------------------------------ */

static inline guint32
rd_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline guint
rd_u16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static inline const guint8 *
place_at (CtGazetteer *self,
          guint        i)
{
  return self->places + (gsize) i * PLACE_SIZE;
}

static inline const char *
place_name (CtGazetteer *self,
            guint        i)
{
  return self->strings + rd_u32 (place_at (self, i));
}

/* The search key of place i; *lower is set when it is the name with A-Z lowered */
static inline const guint8 *
place_key (CtGazetteer *self,
           guint        i,
           gboolean    *lower)
{
  guint32 key = rd_u32 (place_at (self, i) + 4);

  *lower = key == KEY_IS_NAME;
  return (const guint8 *) (*lower ? place_name (self, i) : self->folded + key);
}

static inline guint
place_named_after (CtGazetteer *self,
                   guint        i)
{
  return (rd_u16 (place_at (self, i) + 16) & ADMIN1_NAMED_AFTER) != 0;
}

static inline const char *
place_country (CtGazetteer *self,
               guint        i)
{
  const guint8 *c = place_at (self, i) + 18;

  return self->countries[(c[0] - 'A') * 26 + (c[1] - 'A')];
}

/* Compares a key with the first len bytes of text: < 0, 0 (the key starts with text) or > 0 */
static inline int
compare_prefix (const guint8 *key,
                gboolean      lower,
                const guint8 *text,
                gsize         len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint k = key[i];

      if (lower && k >= 'A' && k <= 'Z')
        k += 'a' - 'A';
      if (k != text[i])
        return (int) k - (int) text[i]; /* the key's NUL ends it here, lower than any byte of text */
    }
  return 0;
}

/* Orders two keys completely, as the file is sorted */
static int
compare_keys (const guint8 *a,
              gboolean      lower_a,
              const guint8 *b,
              gboolean      lower_b)
{
  for (gsize i = 0;; i++)
    {
      guint x = a[i], y = b[i];

      if (lower_a && x >= 'A' && x <= 'Z')
        x += 'a' - 'A';
      if (lower_b && y >= 'A' && y <= 'Z')
        y += 'a' - 'A';
      if (x != y || x == 0)
        return (int) x - (int) y;
    }
}

static void
invalid (GError     **error,
         gsize        offset,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
invalid (GError     **error,
         gsize        offset,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
               _("%s: not a valid gazetteer file (%s at byte %lu)"),
               FILE_NAME, what, (unsigned long) offset);
}

/* A pool of NUL-terminated UTF-8 strings: ends with NUL, each string valid */
static gboolean
check_pool (const char  *pool,
            gsize        size,
            gsize        file_offset,
            const char  *what,
            GError     **error)
{
  const char *end = pool + size;

  if (size == 0 || pool[size - 1] != '\0')
    {
      invalid (error, file_offset + size, "%s not ended", what);
      return FALSE;
    }
  for (const char *p = pool; p < end;)
    {
      const char *nul = memchr (p, '\0', end - p);
      const char *bad = NULL;

      g_assert (nul != NULL);
      if (!g_utf8_validate_len (p, nul - p, &bad))
        {
          invalid (error, file_offset + (bad - pool), "%s: invalid UTF-8", what);
          return FALSE;
        }
      p = nul + 1;
    }
  return TRUE;
}

/* An offset that starts a string of a pool checked above */
static inline gboolean
starts_string (const char *pool,
               gsize       size,
               guint32     offset)
{
  return offset < size && (offset == 0 || pool[offset - 1] == '\0');
}

static gboolean
load (CtGazetteer  *self,
      GError      **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &length);
  guint32 places_offset, admin1_offset, words_offset, strings_offset, folded_offset;
  guint64 expected;

  if (length < 4 || memcmp (data, MAGIC, 4) != 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: not a City Ties gazetteer file"), FILE_NAME);
      return FALSE;
    }
  if (length < HEADER_SIZE)
    {
      invalid (error, length, "header cut short");
      return FALSE;
    }
  if (rd_u32 (data + 4) != FORMAT_VERSION)
    {
      invalid (error, 4, "format version %u", rd_u32 (data + 4));
      return FALSE;
    }
  if (rd_u32 (data + 8) != HEADER_SIZE)
    {
      invalid (error, 8, "header size %u", rd_u32 (data + 8));
      return FALSE;
    }
  if (rd_u32 (data + 52) != length)
    {
      invalid (error, 52, "file size %u in the header, %lu bytes read", rd_u32 (data + 52), (unsigned long) length);
      return FALSE;
    }

  self->n_places = rd_u32 (data + 12);
  self->n_admin1 = rd_u32 (data + 16);
  self->n_words = rd_u32 (data + 20);
  self->strings_size = rd_u32 (data + 24);
  self->folded_size = rd_u32 (data + 28);
  places_offset = rd_u32 (data + 32);
  admin1_offset = rd_u32 (data + 36);
  words_offset = rd_u32 (data + 40);
  strings_offset = rd_u32 (data + 44);
  folded_offset = rd_u32 (data + 48);

  if (self->n_places >= MAX_PLACES)
    {
      invalid (error, 12, "%u places", self->n_places);
      return FALSE;
    }
  if (self->n_admin1 >= ADMIN1_NONE)
    {
      invalid (error, 16, "%u first-level divisions", self->n_admin1);
      return FALSE;
    }

  /* The sections follow each other in this order, each where the counts put it */
  expected = HEADER_SIZE;
  if (places_offset != expected)
    {
      invalid (error, 32, "places at %u", places_offset);
      return FALSE;
    }
  expected += (guint64) self->n_places * PLACE_SIZE;
  if (admin1_offset != expected)
    {
      invalid (error, 36, "divisions at %u", admin1_offset);
      return FALSE;
    }
  expected += (guint64) self->n_admin1 * 4;
  if (words_offset != expected)
    {
      invalid (error, 40, "words at %u", words_offset);
      return FALSE;
    }
  expected += (guint64) self->n_words * 4;
  if (strings_offset != expected)
    {
      invalid (error, 44, "names at %u", strings_offset);
      return FALSE;
    }
  expected += self->strings_size;
  if (folded_offset != expected || folded_offset % 4 != 0)
    {
      invalid (error, 48, "search keys at %u", folded_offset);
      return FALSE;
    }
  expected += self->folded_size;
  if (expected != length)
    {
      invalid (error, 28, "sections end at byte %" G_GUINT64_FORMAT " of %lu", expected, (unsigned long) length);
      return FALSE;
    }

  self->places = data + places_offset;
  self->admin1 = data + admin1_offset;
  self->words = data + words_offset;
  self->strings = (const char *) data + strings_offset;
  self->folded = (const char *) data + folded_offset;

  if (!check_pool (self->strings, self->strings_size, strings_offset, "names", error) ||
      !check_pool (self->folded, self->folded_size, folded_offset, "search keys", error))
    return FALSE;

  for (guint i = 0; i < self->n_admin1; i++)
    if (!starts_string (self->strings, self->strings_size, rd_u32 (self->admin1 + 4 * i)))
      {
        invalid (error, admin1_offset + 4 * i, "division name %u", i);
        return FALSE;
      }

  for (guint i = 0; i < self->n_places; i++)
    {
      const guint8 *p = place_at (self, i);
      gsize at = places_offset + (gsize) i * PLACE_SIZE;
      guint32 name = rd_u32 (p), key = rd_u32 (p + 4);
      gint32 lat = (gint32) rd_u32 (p + 8), lon = (gint32) rd_u32 (p + 12);
      guint admin1 = rd_u16 (p + 16) & ADMIN1_MASK;

      if (!starts_string (self->strings, self->strings_size, name) || self->strings[name] == '\0')
        {
          invalid (error, at, "name of place %u", i);
          return FALSE;
        }
      if (key != KEY_IS_NAME && (!starts_string (self->folded, self->folded_size, key) || self->folded[key] == '\0'))
        {
          invalid (error, at + 4, "search key of place %u", i);
          return FALSE;
        }
      if (lat < -90000000 || lat > 90000000 || lon < -180000000 || lon > 180000000)
        {
          invalid (error, at + 8, "coordinates of place %u", i);
          return FALSE;
        }
      if (admin1 != ADMIN1_NONE && admin1 >= self->n_admin1)
        {
          invalid (error, at + 16, "division of place %u", i);
          return FALSE;
        }
      if (p[18] < 'A' || p[18] > 'Z' || p[19] < 'A' || p[19] > 'Z')
        {
          invalid (error, at + 18, "country of place %u", i);
          return FALSE;
        }
      if (i > 0)
        {
          gboolean la = FALSE, lb = FALSE;
          const guint8 *a = place_key (self, i - 1, &la), *b = place_key (self, i, &lb);

          if (compare_keys (a, la, b, lb) > 0)
            {
              invalid (error, at + 4, "places out of order at %u", i);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < self->n_words; i++)
    {
      guint32 entry = rd_u32 (self->words + 4 * i);
      guint place = entry >> 8, off = entry & 0xff;
      gsize at = words_offset + 4 * (gsize) i;
      const guint8 *key;
      gboolean lower = FALSE;

      if (place >= self->n_places)
        {
          invalid (error, at, "place of word %u", i);
          return FALSE;
        }
      /* A word starts after a space of its key; the key's NUL comes before any byte past it */
      key = place_key (self, place, &lower);
      if (off == 0 || strnlen ((const char *) key, off + 1) <= off || key[off - 1] != ' ')
        {
          invalid (error, at, "word %u", i);
          return FALSE;
        }
      if (i > 0)
        {
          guint32 prev = rd_u32 (self->words + 4 * (i - 1));
          gboolean lower_prev = FALSE;
          const guint8 *prev_key = place_key (self, prev >> 8, &lower_prev) + (prev & 0xff);

          if (compare_keys (prev_key, lower_prev, key + off, lower) > 0)
            {
              invalid (error, at, "words out of order at %u", i);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * ct_gazetteer_new_from_bytes:
 * Loads a .ctg file; fails with CT_ERROR_INVALID_INPUT naming what is wrong.
 */
CtGazetteer *
ct_gazetteer_new_from_bytes (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(CtGazetteer) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CT_TYPE_GAZETTEER, NULL);
  self->bytes = g_bytes_ref (bytes);
  if (!load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

CtGazetteer *
ct_gazetteer_new_bundled (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resource_lookup_data (ct_gazetteer_data_get_resource (), RESOURCE_PATH, 0, error);
  if (bytes == NULL)
    return NULL;

  return ct_gazetteer_new_from_bytes (bytes, error);
}

guint
ct_gazetteer_get_n_places (CtGazetteer *self)
{
  g_return_val_if_fail (CT_IS_GAZETTEER (self), 0);

  return self->n_places;
}

/* ------------------------------------------------------------------------------------------------ */
/* Cities of the database                                                                           */
/* ------------------------------------------------------------------------------------------------ */

void
ct_gazetteer_set_cities (CtGazetteer *self,
                         GPtrArray   *cities)
{
  g_return_if_fail (CT_IS_GAZETTEER (self));

  g_ptr_array_set_size (self->cities, 0);
  if (cities == NULL)
    return;

  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *c = g_ptr_array_index (cities, i);
      City *city;

      g_return_if_fail (CT_IS_CITY (c));

      city = g_new0 (City, 1);
      city->place.name = g_strdup (c->name ? c->name : "");
      city->place.local_name = c->local_name && *c->local_name ? g_strdup (c->local_name) : NULL;
      city->place.country = g_strdup (c->country);
      city->place.admin1 = c->admin1 && *c->admin1 ? g_strdup (c->admin1) : NULL;
      city->place.lat = c->lat;
      city->place.lon = c->lon;
      city->place.city_id = g_strdup (c->id);
      city->key_name = fold (city->place.name);
      city->key_local = city->place.local_name ? fold (city->place.local_name) : NULL;
      g_ptr_array_add (self->cities, city);
    }
}

/* 0 when key starts with text, 1 when a later word of it does, else -1 */
static int
match_level (const char *key,
             const char *text,
             gsize       len)
{
  if (key == NULL)
    return -1;
  if (strncmp (key, text, len) == 0)
    return 0;
  for (const char *space = strchr (key, ' '); space; space = strchr (space + 1, ' '))
    if (strncmp (space + 1, text, len) == 0)
      return 1;
  return -1;
}

/* ------------------------------------------------------------------------------------------------ */
/* Search                                                                                           */
/* ------------------------------------------------------------------------------------------------ */

/* A candidate, best first: by level, then length of its key, then (places) named after its
 * division first, then its index (places: alphabetical; cities: the order they were given in) */
typedef struct {
  guint level;
  guint length;
  guint not_named_after;
  guint index;
} Rank;

static inline int
compare_rank (const Rank *a,
              const Rank *b)
{
  if (a->level != b->level)
    return a->level < b->level ? -1 : 1;
  if (a->length != b->length)
    return a->length < b->length ? -1 : 1;
  if (a->not_named_after != b->not_named_after)
    return a->not_named_after < b->not_named_after ? -1 : 1;
  if (a->index != b->index)
    return a->index < b->index ? -1 : 1;
  return 0;
}

/* The best max ranks seen, sorted */
typedef struct {
  Rank  *ranks;
  guint  len;
  guint  max;
} Best;

/* Whether r would be kept (it is not there yet and beats the worst when full) */
static inline gboolean
best_wants (const Best *best,
            const Rank *r)
{
  if (best->len < best->max)
    return TRUE;
  return best->len > 0 && compare_rank (r, &best->ranks[best->len - 1]) < 0;
}

static void
best_add (Best       *best,
          const Rank *r)
{
  guint at = best->len;

  while (at > 0 && compare_rank (r, &best->ranks[at - 1]) < 0)
    at--;
  if (at > 0 && compare_rank (r, &best->ranks[at - 1]) == 0)
    return; /* the same place through another word */
  if (at >= best->max)
    return;
  if (best->len == best->max)
    best->len--;
  memmove (&best->ranks[at + 1], &best->ranks[at], (best->len - at) * sizeof (Rank));
  best->ranks[at] = *r;
  best->len++;
}

/* Whether place i is one of the matched cities of the database (same country and name, near) */
static gboolean
is_matched_city (CtGazetteer  *self,
                 guint         i,
                 const Best   *cities)
{
  const guint8 *p;
  const guint8 *key = NULL;
  gboolean lower = FALSE;

  if (cities->len == 0)
    return FALSE;

  p = place_at (self, i);
  for (guint c = 0; c < cities->len; c++)
    {
      const City *city = g_ptr_array_index (self->cities, cities->ranks[c].index);
      const char *cc = city->place.country;

      if (cc == NULL || cc[0] != p[18] || cc[1] != p[19] || cc[2] != '\0' || city->key_name == NULL)
        continue;
      if (fabs (city->place.lat - (gint32) rd_u32 (p + 8) / 1e6) > SAME_PLACE_DEGREES ||
          fabs (city->place.lon - (gint32) rd_u32 (p + 12) / 1e6) > SAME_PLACE_DEGREES)
        continue;
      if (key == NULL)
        key = place_key (self, i, &lower);
      if (compare_keys (key, lower, (const guint8 *) city->key_name, FALSE) == 0)
        return TRUE;
    }
  return FALSE;
}

static inline Rank
place_rank (CtGazetteer *self,
            guint        level,
            guint        i)
{
  gboolean lower = FALSE;
  Rank r = { level, strlen ((const char *) place_key (self, i, &lower)), !place_named_after (self, i), i };

  return r;
}

static inline int
compare_place (CtGazetteer *self,
               guint        i,
               const char  *text,
               gsize        len)
{
  gboolean lower;
  const guint8 *key = place_key (self, i, &lower);

  return compare_prefix (key, lower, (const guint8 *) text, len);
}

static inline int
compare_word (CtGazetteer *self,
              guint        w,
              const char  *text,
              gsize        len)
{
  guint32 entry = rd_u32 (self->words + 4 * (gsize) w);
  gboolean lower;
  const guint8 *key = place_key (self, entry >> 8, &lower);

  return compare_prefix (key + (entry & 0xff), lower, (const guint8 *) text, len);
}

/* The entries [*lo, *hi) of the places (words FALSE) or of the word table (TRUE) whose key
 * starts with text: two binary searches, as each table is sorted by its keys */
static void
find_range (CtGazetteer *self,
            gboolean     words,
            const char  *text,
            gsize        len,
            guint       *lo,
            guint       *hi)
{
  guint n = words ? self->n_words : self->n_places;
  guint a = 0, b = n;

  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      int c = words ? compare_word (self, mid, text, len) : compare_place (self, mid, text, len);

      if (c < 0)
        a = mid + 1;
      else
        b = mid;
    }
  *lo = a;
  b = n;
  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      int c = words ? compare_word (self, mid, text, len) : compare_place (self, mid, text, len);

      if (c <= 0)
        a = mid + 1;
      else
        b = mid;
    }
  *hi = a;
}

static void
fill_place (CtGazetteer *self,
            guint        i,
            CtPlace     *out)
{
  const guint8 *p = place_at (self, i);
  guint admin1 = rd_u16 (p + 16) & ADMIN1_MASK;

  out->name = place_name (self, i);
  out->local_name = NULL;
  out->country = place_country (self, i);
  out->admin1 = admin1 == ADMIN1_NONE ? NULL : self->strings + rd_u32 (self->admin1 + 4 * admin1);
  out->lat = (gint32) rd_u32 (p + 8) / 1e6;
  out->lon = (gint32) rd_u32 (p + 12) / 1e6;
  out->city_id = NULL;
}

CtPlace *
ct_gazetteer_search (CtGazetteer *self,
                     const char  *text,
                     guint        max_results,
                     guint       *n_results)
{
  g_autofree char *key = NULL;
  g_autofree Rank *city_ranks = NULL;
  g_autofree Rank *place_ranks = NULL;
  Best cities = { NULL, 0, 0 }, places = { NULL, 0, 0 };
  guint lo, hi, whole_lo, whole_hi;
  CtPlace *results;
  gsize len;

  g_return_val_if_fail (n_results != NULL, NULL);
  *n_results = 0;
  g_return_val_if_fail (CT_IS_GAZETTEER (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  key = fold (text);
  if (key == NULL || key[0] == '\0' || max_results == 0)
    return NULL;
  len = strlen (key);

  /* Cities of the database first (the arrays are no longer than what can match) */
  cities.max = MIN (max_results, self->cities->len);
  cities.ranks = city_ranks = g_new (Rank, MAX (cities.max, 1));
  for (guint i = 0; i < self->cities->len; i++)
    {
      City *city = g_ptr_array_index (self->cities, i);
      int by_name = match_level (city->key_name, key, len);
      int by_local = match_level (city->key_local, key, len);
      Rank r;

      if (by_name < 0 && by_local < 0)
        continue;
      if (by_local < 0 || (by_name >= 0 && by_name <= by_local))
        r = (Rank) { by_name, strlen (city->key_name), 0, i };
      else
        r = (Rank) { by_local, strlen (city->key_local), 0, i };
      if (best_wants (&cities, &r))
        best_add (&cities, &r);
    }

  /* Then places whose whole name starts with the text, then those where a later word does */
  places.max = MIN (max_results - cities.len, self->n_places);
  places.ranks = place_ranks = g_new (Rank, MAX (places.max, 1));
  find_range (self, FALSE, key, len, &whole_lo, &whole_hi);
  for (guint i = whole_lo; i < whole_hi && places.max > 0; i++)
    {
      Rank r = place_rank (self, 0, i);

      if (best_wants (&places, &r) && !is_matched_city (self, i, &cities))
        best_add (&places, &r);
    }

  if (places.len < places.max)
    {
      find_range (self, TRUE, key, len, &lo, &hi);
      for (guint w = lo; w < hi; w++)
        {
          guint32 entry = rd_u32 (self->words + 4 * (gsize) w);
          guint i = entry >> 8;
          Rank r;

          if (i >= whole_lo && i < whole_hi)
            continue; /* already there by its whole name */
          r = place_rank (self, 1, i);
          if (best_wants (&places, &r) && !is_matched_city (self, i, &cities))
            best_add (&places, &r);
        }
    }

  *n_results = cities.len + places.len;
  results = g_new (CtPlace, *n_results);
  for (guint i = 0; i < cities.len; i++)
    results[i] = ((City *) g_ptr_array_index (self->cities, cities.ranks[i].index))->place;
  for (guint i = 0; i < places.len; i++)
    fill_place (self, places.ranks[i].index, &results[cities.len + i]);

  return results;
}
