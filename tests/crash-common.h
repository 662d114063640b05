/* crash-common.h: what crash-child and test-crash share — generated records and the fingerprint
 * of a record's content
 *
 * A state is a table id → fingerprint (16 hex digits of a SHA-1 of every field but created and
 * updated, which the store sets on a save). "-" in a state line means the record is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "ct-dataset.h"
#include "ct-store.h"

#define CT_CRASH_GONE "-"

static inline void
ct_crash_append_strings (GString   *s,
                         GPtrArray *strings)
{
  for (guint i = 0; strings && i < strings->len; i++)
    g_string_append_printf (s, "%s;", ct_str (g_ptr_array_index (strings, i)));
  g_string_append_c (s, '\x1f');
}

/* The fingerprint of any record type; NULL for an unknown type */
static inline char *
ct_crash_fingerprint (gpointer record)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *sum = NULL;

#define F(x) g_string_append_printf (s, "%s\x1f", ct_str (x))
  if (CT_IS_CITY (record))
    {
      CtCity *c = record;

      g_string_append (s, "city\x1f");
      F (c->name); F (c->local_name); F (c->country); F (c->admin1); F (c->notes);
      g_string_append_printf (s, "%.9f\x1f%.9f\x1f%" G_GINT64_FORMAT "\x1f", c->lat, c->lon, c->geonames_id);
    }
  else if (CT_IS_PARTNERSHIP (record))
    {
      CtPartnership *p = record;

      g_string_append_printf (s, "partnership\x1f%s\x1f%s\x1f",
                              ct_kind_to_string (p->kind), ct_status_to_string (p->status));
      F (p->title); F (p->signed_on); F (p->ended); F (p->notes);
      for (guint i = 0; i < p->parties->len; i++)
        {
          CtParty *party = g_ptr_array_index (p->parties, i);

          g_string_append_printf (s, "%s/%s;", ct_str (party->city), ct_str (party->signed_name));
        }
      g_string_append_c (s, '\x1f');
      ct_crash_append_strings (s, p->themes);
      ct_crash_append_strings (s, p->sources);
    }
  else if (CT_IS_NETWORK (record))
    {
      CtNetwork *n = record;

      g_string_append (s, "network\x1f");
      F (n->name); F (n->short_name); F (n->url); F (n->notes);
    }
  else if (CT_IS_SOURCE (record))
    {
      CtSource *src = record;

      g_string_append (s, "source\x1f");
      F (src->title); F (src->publisher); F (src->url); F (src->date);
    }
  else if (CT_IS_MEMBERSHIP (record))
    {
      CtMembership *m = record;

      g_string_append (s, "membership\x1f");
      F (m->city); F (m->network); F (m->joined); F (m->left); F (m->role); F (m->notes);
      ct_crash_append_strings (s, m->sources);
    }
  else if (CT_IS_THEME (record))
    {
      CtTheme *t = record;

      g_string_append (s, "theme\x1f");
      F (t->key); F (t->label);
    }
  else if (CT_IS_ACTIVITY (record))
    {
      CtActivity *a = record;

      g_string_append_printf (s, "activity\x1f%d\x1f", (int) a->kind);
      F (a->partnership); F (a->date); F (a->title); F (a->notes);
    }
  else
    return NULL;
#undef F

  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, s->str, s->len);
  return g_strndup (sum, 16);
}

static inline const char *
ct_crash_record_id (gpointer record)
{
  if (CT_IS_CITY (record))
    return CT_CITY (record)->id;
  if (CT_IS_PARTNERSHIP (record))
    return CT_PARTNERSHIP (record)->id;
  if (CT_IS_NETWORK (record))
    return CT_NETWORK (record)->id;
  if (CT_IS_SOURCE (record))
    return CT_SOURCE (record)->id;
  if (CT_IS_MEMBERSHIP (record))
    return CT_MEMBERSHIP (record)->id;
  if (CT_IS_THEME (record))
    return CT_THEME (record)->id;
  if (CT_IS_ACTIVITY (record))
    return CT_ACTIVITY (record)->id;
  g_return_val_if_reached (NULL);
}

static inline void
ct_crash_add_records (GHashTable *state,
                      GPtrArray  *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      g_hash_table_insert (state, g_strdup (ct_crash_record_id (record)), ct_crash_fingerprint (record));
    }
}

/* id → fingerprint of everything in the dataset */
static inline GHashTable *
ct_crash_state_from_dataset (CtDataset *ds)
{
  GHashTable *state = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ct_crash_add_records (state, ds->themes);
  ct_crash_add_records (state, ds->cities);
  ct_crash_add_records (state, ds->networks);
  ct_crash_add_records (state, ds->sources);
  ct_crash_add_records (state, ds->partnerships);
  ct_crash_add_records (state, ds->memberships);
  ct_crash_add_records (state, ds->activities);
  return state;
}

/* Generated content: names in the scripts our users write, a comma, quotes, an emoji */

static const struct {
  const char *name;
  const char *local_name;
  const char *country;
} ct_crash_places[] = {
  { "Kaohsiung", "高雄市", "TW" },
  { "Da Nang", "Đà Nẵng", "VN" },
  { "Chiang Mai", "เชียงใหม่", "TH" },
  { "Gdańsk", NULL, "PL" },
  { "Taichung", "臺中市", "TW" },
  { "Surabaya", NULL, "ID" },
  { "Iloilo City", "Lungsod sang Iloilo", "PH" },
  { "Kota Kinabalu", NULL, "MY" },
  { "Hsinchu", "新竹市", "TW" },
  { "Vilnius", NULL, "LT" },
  { "Phnom Penh", "ភ្នំពេញ", "KH" },
  { "Utrecht", NULL, "NL" },
};

static inline CtCity *
ct_crash_new_city (GRand      *rand,
                   const char *stamp)
{
  guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (ct_crash_places));
  CtCity *c = ct_city_new ();

  c->id = ct_uuid_new ();
  c->name = g_strdup_printf ("%s %u", ct_crash_places[i].name, g_rand_int_range (rand, 0, 100000));
  c->local_name = g_strdup (ct_crash_places[i].local_name);
  c->country = g_strdup (ct_crash_places[i].country);
  /* six decimals, as GeoNames gives them: exact in a double's round trip */
  c->lat = round (g_rand_double_range (rand, -60, 70) * 1e6) / 1e6;
  c->lon = round (g_rand_double_range (rand, -180, 180) * 1e6) / 1e6;
  c->geonames_id = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 9999999) : 0;
  if (g_rand_boolean (rand))
    c->notes = g_strdup_printf ("Note %u, with a comma, a \"quote\" and 🌏", g_rand_int (rand));
  c->created = g_strdup (stamp);
  c->updated = g_strdup (stamp);
  return c;
}

static inline void
ct_crash_change_city (CtCity *c,
                      GRand  *rand)
{
  g_free (c->notes);
  c->notes = g_strdup_printf ("Edited %u: 已更新", g_rand_int (rand));
  if (g_rand_boolean (rand))
    {
      g_free (c->admin1);
      c->admin1 = g_strdup_printf ("District %u", g_rand_int_range (rand, 1, 50));
    }
}

/* A partnership of two to four different cities of city_ids, citing up to two of source_ids */
static inline CtPartnership *
ct_crash_new_partnership (GRand      *rand,
                          GPtrArray  *city_ids,
                          GPtrArray  *source_ids,
                          const char *stamp)
{
  CtPartnership *p = ct_partnership_new ();
  guint n_parties = MIN (city_ids->len, (guint) g_rand_int_range (rand, 2, 5));
  guint start;

  g_assert_cmpuint (city_ids->len, >=, 2);
  p->id = ct_uuid_new ();
  p->kind = g_rand_int_range (rand, 0, CT_N_KINDS);
  p->status = g_rand_int_range (rand, 0, CT_N_STATUSES);
  if (g_rand_boolean (rand))
    p->signed_on = g_strdup_printf ("%04d-%02d", g_rand_int_range (rand, 1960, 2026), g_rand_int_range (rand, 1, 13));
  if (g_rand_boolean (rand))
    p->notes = g_strdup_printf ("Tie %u — per press, 據報導", g_rand_int (rand));

  /* consecutive cities from a random start: different by construction */
  start = g_rand_int_range (rand, 0, city_ids->len);
  for (guint i = 0; i < n_parties; i++)
    g_ptr_array_add (p->parties,
                     ct_party_new (g_ptr_array_index (city_ids, (start + i) % city_ids->len),
                                   i == 1 && g_rand_boolean (rand) ? "Thành phố" : NULL));

  for (guint i = 0; source_ids && source_ids->len > i && i < (guint) g_rand_int_range (rand, 0, 3); i++)
    g_ptr_array_add (p->sources, g_strdup (g_ptr_array_index (source_ids, (start + i) % source_ids->len)));

  p->created = g_strdup (stamp);
  p->updated = g_strdup (stamp);
  return p;
}

static inline CtMembership *
ct_crash_new_membership (GRand      *rand,
                         const char *city_id,
                         const char *network_id,
                         GPtrArray  *source_ids,
                         const char *stamp)
{
  CtMembership *m = ct_membership_new ();

  m->id = ct_uuid_new ();
  m->city = g_strdup (city_id);
  m->network = g_strdup (network_id);
  m->joined = g_strdup_printf ("%04d", g_rand_int_range (rand, 1990, 2026));
  if (g_rand_boolean (rand))
    m->role = g_strdup ("pilot city / 試辦城市");
  if (source_ids && source_ids->len > 0 && g_rand_boolean (rand))
    g_ptr_array_add (m->sources, g_strdup (g_ptr_array_index (source_ids, g_rand_int_range (rand, 0, source_ids->len))));
  m->created = g_strdup (stamp);
  m->updated = g_strdup (stamp);
  return m;
}

static inline CtSource *
ct_crash_new_source (GRand      *rand,
                     const char *stamp)
{
  CtSource *s = ct_source_new ();
  guint n = g_rand_int (rand);

  s->id = ct_uuid_new ();
  s->title = g_strdup_printf ("Báo cáo %u: Taiwan and its partners", n);
  s->publisher = g_strdup (g_rand_boolean (rand) ? "Taipei Times" : "中央社");
  s->url = g_strdup_printf ("https://news.example.org/%u?lang=zh-TW&x=1", n);
  s->created = g_strdup (stamp);
  s->updated = g_strdup (stamp);
  return s;
}

static inline CtNetwork *
ct_crash_new_network (GRand      *rand,
                      const char *stamp)
{
  CtNetwork *n = ct_network_new ();

  n->id = ct_uuid_new ();
  n->name = g_strdup_printf ("Network %u of smart cities", g_rand_int (rand));
  n->short_name = g_strdup ("SCN");
  n->created = g_strdup (stamp);
  n->updated = g_strdup (stamp);
  return n;
}

static inline GPtrArray *
ct_crash_ids (GPtrArray *records)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (ids, g_strdup (ct_crash_record_id (g_ptr_array_index (records, i))));
  return ids;
}

/* New records: n_cities cities, n_sources sources, n_partnerships partnerships among the new
 * cities and those of city_ids, a membership of a new city in a network of network_ids (or a new
 * network) for every fourth city */
static inline CtDataset *
ct_crash_generate (GRand      *rand,
                   guint       n_cities,
                   guint       n_sources,
                   guint       n_partnerships,
                   GPtrArray  *city_ids,
                   GPtrArray  *network_ids,
                   const char *stamp)
{
  CtDataset *ds = ct_dataset_new ("generated.json");
  g_autoptr(GPtrArray) all_cities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) networks = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; city_ids && i < city_ids->len; i++)
    g_ptr_array_add (all_cities, g_strdup (g_ptr_array_index (city_ids, i)));
  for (guint i = 0; network_ids && i < network_ids->len; i++)
    g_ptr_array_add (networks, g_strdup (g_ptr_array_index (network_ids, i)));

  if (networks->len == 0)
    {
      CtNetwork *n = ct_crash_new_network (rand, stamp);

      g_ptr_array_add (networks, g_strdup (n->id));
      g_ptr_array_add (ds->networks, n);
    }

  for (guint i = 0; i < n_sources; i++)
    g_ptr_array_add (ds->sources, ct_crash_new_source (rand, stamp));
  sources = ct_crash_ids (ds->sources);

  for (guint i = 0; i < n_cities; i++)
    {
      CtCity *c = ct_crash_new_city (rand, stamp);

      g_ptr_array_add (all_cities, g_strdup (c->id));
      if (i % 4 == 0)
        g_ptr_array_add (ds->memberships,
                         ct_crash_new_membership (rand, c->id,
                                                  g_ptr_array_index (networks, g_rand_int_range (rand, 0, networks->len)),
                                                  sources, stamp));
      g_ptr_array_add (ds->cities, c);
    }

  for (guint i = 0; i < n_partnerships && all_cities->len >= 2; i++)
    g_ptr_array_add (ds->partnerships, ct_crash_new_partnership (rand, all_cities, sources, stamp));

  return ds;
}
