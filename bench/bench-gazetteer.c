/* bench-gazetteer.c: ct-bench gazetteer
 *
 * Type-ahead search in the bundled world gazetteer, as the "add a city" search runs it: the
 * bundled dataset's cities are given to it (ct_gazetteer_set_cities) with their Traditional
 * Chinese names (data/city-names-zh_TW.tsv for the cities outside Taiwan) as local names, and
 * every query asks for 20 matches. The queries are a fixed list made from the gazetteer's own
 * names with a seeded GRand: prefixes of 1 to 8 characters of whole names, of later words, of
 * names with accents (half of them upper-cased), and every prefix of the cities' Chinese names.
 * Each query is timed on its own.
 *
 * The reference, in the same run: the naive search, a linear scan of every place's search key
 * (folded once, before the clock starts) with strstr(), keeping the matches at the start of a
 * word and ranking them the same way. It runs on every tenth query, and our search's figures on
 * that same subset are printed beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ct-bundled.h"
#include "ct-city.h"
#include "ct-gazetteer.h"
#include "ct-json-format.h"

int ct_bench_gazetteer (void);

#define RESOURCE      "/io/github/cityties/CityTies/gazetteer.ctg"
#define MAX_RESULTS   20
#define N_LOADS       10
#define REFERENCE_1_IN 10

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  guint i = (guint) floor (p * (values->len - 1) + 0.5);

  g_array_sort (values, compare_double);
  return g_array_index (values, double, MIN (i, values->len - 1));
}

static guint32
rd_u32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

/* The names of the places, read from the file as tools/build-gazetteer.mjs lays it out */
static GPtrArray *
place_names (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE, 0, NULL);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint n = rd_u32 (data + 12);
  const char *strings = (const char *) data + rd_u32 (data + 44);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, g_strdup (strings + rd_u32 (data + 64 + (gsize) i * 20)));
  return names;
}

/* The first n characters of text */
static char *
prefix (const char *text,
        guint       n)
{
  const char *end = text;

  for (guint i = 0; i < n && *end; i++)
    end = g_utf8_next_char (end);
  return g_strndup (text, end - text);
}

static GPtrArray *
bundled_cities (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CT_BUNDLED_DATASET_RESOURCE, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CtDataset) dataset = NULL;
  GPtrArray *cities = g_ptr_array_new_with_free_func (g_object_unref);

  dataset = ct_json_format_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "city-ties.json", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < dataset->cities->len; i++)
    {
      CtCity *city = ct_city_copy (g_ptr_array_index (dataset->cities, i));
      const char *zh = ct_bundled_get_city_name_zh_tw (city->id);

      if (zh)
        {
          g_free (city->local_name);
          city->local_name = g_strdup (zh);
        }
      g_ptr_array_add (cities, city);
    }
  return cities;
}

/* The fixed list of queries; *n_cjk is set to how many are Chinese */
static GPtrArray *
make_queries (GPtrArray *names,
              GPtrArray *cities,
              guint     *n_cjk)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  /* whole names */
  for (guint i = 0; i < 2000; i++)
    {
      const char *name = g_ptr_array_index (names, g_rand_int_range (rand, 0, names->len));

      g_ptr_array_add (queries, prefix (name, 1 + i % 8));
    }

  /* later words */
  for (guint i = 0; i < 600;)
    {
      const char *name = g_ptr_array_index (names, g_rand_int_range (rand, 0, names->len));
      const char *space = strchr (name, ' ');

      if (space == NULL || space[1] == '\0')
        continue;
      g_ptr_array_add (queries, prefix (space + 1, 1 + i % 8));
      i++;
    }

  /* with accents, half of them in capitals */
  for (guint i = 0; i < 400;)
    {
      const char *name = g_ptr_array_index (names, g_rand_int_range (rand, 0, names->len));
      g_autofree char *p = NULL;

      if (g_str_is_ascii (name))
        continue;
      p = prefix (name, 1 + i % 8);
      g_ptr_array_add (queries, i % 2 ? g_utf8_strup (p, -1) : g_steal_pointer (&p));
      i++;
    }

  /* every prefix of the cities' Chinese names */
  *n_cjk = 0;
  for (guint i = 0; i < cities->len; i++)
    {
      CtCity *city = g_ptr_array_index (cities, i);

      if (city->local_name == NULL || g_str_is_ascii (city->local_name) ||
          g_unichar_get_script (g_utf8_get_char (city->local_name)) != G_UNICODE_SCRIPT_HAN)
        continue;
      for (guint n = 1; n <= MIN (8, g_utf8_strlen (city->local_name, -1)); n++)
        {
          g_ptr_array_add (queries, prefix (city->local_name, n));
          (*n_cjk)++;
        }
    }

  return queries;
}

/* The reference: a linear scan with strstr() over every key, matches at the start of a word,
 * ranked as the gazetteer does (whole name first, then shorter) and the best 20 kept */
typedef struct {
  guint level, length, index;
} RefMatch;

static int
compare_ref (const void *a,
             const void *b)
{
  const RefMatch *x = a, *y = b;

  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  if (x->length != y->length)
    return x->length < y->length ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static guint
reference_search (char      **keys,
                  guint      *lengths,
                  guint       n_keys,
                  const char *text,
                  GArray     *matches)
{
  g_autofree char *key = ct_gazetteer_fold (text);

  g_array_set_size (matches, 0);
  if (key == NULL || *key == '\0')
    return 0;
  for (guint i = 0; i < n_keys; i++)
    for (const char *hit = strstr (keys[i], key); hit; hit = strstr (hit + 1, key))
      if (hit == keys[i] || hit[-1] == ' ')
        {
          RefMatch m = { hit != keys[i], lengths[i], i };

          g_array_append_val (matches, m);
          break;
        }
  g_array_sort (matches, compare_ref);
  return MIN (matches->len, MAX_RESULTS);
}

int
ct_bench_gazetteer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtGazetteer) gazetteer = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cjk_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) subset = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ref_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (RefMatch));
  g_auto(GStrv) keys = NULL;
  g_autofree guint *lengths = NULL;
  guint n_cjk = 0, n_places, total_results = 0, empty = 0;
  double start, first_load, fold_ms;

  /* The first load in the process, then warm ones */
  start = now_ms ();
  gazetteer = ct_gazetteer_new_bundled (&error);
  first_load = now_ms () - start;
  if (gazetteer == NULL)
    {
      fprintf (stderr, "ct-bench: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < N_LOADS; i++)
    {
      g_autoptr(CtGazetteer) again = NULL;
      double ms;

      start = now_ms ();
      again = ct_gazetteer_new_bundled (NULL);
      ms = now_ms () - start;
      g_array_append_val (loads, ms);
    }
  n_places = ct_gazetteer_get_n_places (gazetteer);

  cities = bundled_cities ();
  start = now_ms ();
  ct_gazetteer_set_cities (gazetteer, cities);
  printf ("# gazetteer: %u places; %u cities of the bundled dataset set in %.2f ms\n", n_places, cities->len,
          now_ms () - start);

  names = place_names ();
  queries = make_queries (names, cities, &n_cjk);

  /* The reference's keys, folded before its clock starts */
  start = now_ms ();
  keys = g_new0 (char *, names->len + 1);
  lengths = g_new (guint, names->len);
  for (guint i = 0; i < names->len; i++)
    {
      keys[i] = ct_gazetteer_fold (g_ptr_array_index (names, i));
      lengths[i] = strlen (keys[i]);
    }
  fold_ms = now_ms () - start;

  for (guint q = 0; q < queries->len; q++)
    {
      const char *text = g_ptr_array_index (queries, q);
      g_autofree CtPlace *results = NULL;
      guint n = 0;
      double ms;

      start = now_ms ();
      results = ct_gazetteer_search (gazetteer, text, MAX_RESULTS, &n);
      ms = now_ms () - start;
      g_array_append_val (times, ms);
      if (q >= queries->len - n_cjk)
        g_array_append_val (cjk_times, ms);
      total_results += n;
      empty += n == 0;

      if (q % REFERENCE_1_IN == 0)
        {
          double ref;

          g_array_append_val (subset, ms);
          start = now_ms ();
          reference_search (keys, lengths, names->len, text, matches);
          ref = now_ms () - start;
          g_array_append_val (ref_times, ref);
        }
    }

  printf ("# %u queries (%u Chinese), %u results each at most; %.1f results on average, %u with none\n",
          queries->len, n_cjk, MAX_RESULTS, (double) total_results / queries->len, empty);
  printf ("# reference: linear strstr() scan of %u folded keys (folded in %.0f ms, before the clock), "
          "on %u of the queries\n", names->len, fold_ms, ref_times->len);
  printf ("metric gazetteer_places %u\n", n_places);
  printf ("metric gazetteer_queries %u\n", queries->len);
  printf ("metric gazetteer_load_first_ms %.2f\n", first_load);
  printf ("metric gazetteer_load_median_ms %.2f\n", percentile (loads, 0.5));
  printf ("metric gazetteer_query_median_ms %.4f\n", percentile (times, 0.5));
  printf ("metric gazetteer_query_p95_ms %.4f\n", percentile (times, 0.95));
  printf ("metric gazetteer_query_max_ms %.4f\n", g_array_index (times, double, times->len - 1));
  printf ("metric gazetteer_query_cjk_p95_ms %.4f\n", percentile (cjk_times, 0.95));
  printf ("metric gazetteer_subset_p95_ms %.4f\n", percentile (subset, 0.95));
  printf ("metric gazetteer_reference_median_ms %.3f\n", percentile (ref_times, 0.5));
  printf ("metric gazetteer_reference_p95_ms %.3f\n", percentile (ref_times, 0.95));
  printf ("metric gazetteer_speedup_p95 %.0f\n", percentile (ref_times, 0.95) / percentile (subset, 0.95));
  fflush (stdout);

  return 0;
}
