/* test-gazetteer.c: the bundled world gazetteer: loading, folding, type-ahead search, the cities
 * of the database, and damaged files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "ct-city.h"
#include "ct-error.h"
#include "ct-gazetteer.h"

#include "test-util.h"

#define RESOURCE "/io/github/cityties/CityTies/gazetteer.ctg"

/* Layout of the file (tools/build-gazetteer.mjs) that the damage below aims at */
#define HEADER_SIZE 64
#define PLACE_SIZE  20

static guint32
rd_u32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
wr_u32 (guint8  *p,
        guint32  v)
{
  p[0] = v;
  p[1] = v >> 8;
  p[2] = v >> 16;
  p[3] = v >> 24;
}

static CtGazetteer *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  CtGazetteer *gazetteer = ct_gazetteer_new_bundled (&error);

  g_assert_no_error (error);
  g_assert_nonnull (gazetteer);
  return gazetteer;
}

static GBytes *
bundled_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  /* the resource is registered by the core library, linked through ct_gazetteer_new_bundled() */
  g_object_unref (bundled ());
  bytes = g_resources_lookup_data (RESOURCE, 0, &error);
  g_assert_no_error (error);
  return bytes;
}

/* The index of the first result named name in country, or -1 */
static int
find (const CtPlace *results,
      guint          n,
      const char    *name,
      const char    *country)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (results[i].name, name) && g_str_equal (results[i].country, country))
      return i;
  return -1;
}

static void
print_results (const char    *text,
               const CtPlace *results,
               guint          n)
{
  for (guint i = 0; i < n; i++)
    g_test_message ("%s #%u: %s (%s, %s) %.5f %.5f%s%s", text, i, results[i].name,
                    results[i].admin1 ? results[i].admin1 : "-", results[i].country, results[i].lat,
                    results[i].lon, results[i].city_id ? " city " : "",
                    results[i].city_id ? results[i].city_id : "");
}

static void
test_load (void)
{
  g_autoptr(CtGazetteer) gazetteer = bundled ();

  g_assert_cmpuint (ct_gazetteer_get_n_places (gazetteer), >=, 100000);
  g_test_message ("%u places", ct_gazetteer_get_n_places (gazetteer));
}

/* The letters that need care, as tools/build-gazetteer.mjs checks them too */
static void
test_fold (void)
{
  static const struct {
    const char *text, *key;
  } cases[] = {
    { "Đà Nẵng", "da nang" },
    { "ĐÀ NẴNG", "da nang" },
    { "DA NANG", "da nang" },
    { "Straße", "strasse" },
    { "STRAẞE", "strasse" },
    { "İstanbul", "istanbul" },
    { "Diyarbakır", "diyarbakir" },
    { "Ørsted", "orsted" },
    { "Łódź", "lodz" },
    { "Þórshöfn", "thorshofn" },
    { "Æbeltoft", "aebeltoft" },
    { "Œuf", "oeuf" },
    { "ΑΘΗΝΑΣ", "αθηνασ" },
    { "Castell·lí", "castellli" },
    { "L'Aquila", "l aquila" },
    { "São Paulo", "sao paulo" },
    { "Ｋａｏ", "kao" },
    { "高雄市", "高雄市" },
    { "  Saint-Denis ", "saint denis" },
    { " \t-", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = ct_gazetteer_fold (cases[i].text);

      g_assert_cmpstr (key, ==, cases[i].key);
    }

  g_assert_null (ct_gazetteer_fold ("\xff\xfe"));
}

/* Every name of the file folds in C to the key the tool gave it in JavaScript */
static void
test_fold_agrees_with_file (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  guint n = rd_u32 (data + 12);
  const char *strings = (const char *) data + rd_u32 (data + 44);
  const char *folded = (const char *) data + rd_u32 (data + 48);
  guint mismatches = 0;

  for (guint i = 0; i < n; i++)
    {
      const guint8 *p = data + HEADER_SIZE + (gsize) i * PLACE_SIZE;
      const char *name = strings + rd_u32 (p);
      guint32 key_offset = rd_u32 (p + 4);
      g_autofree char *expected = key_offset == 0xffffffff ? g_ascii_strdown (name, -1) : g_strdup (folded + key_offset);
      g_autofree char *key = ct_gazetteer_fold (name);

      if (g_strcmp0 (key, expected) != 0 && mismatches++ < 10)
        g_test_message ("\"%s\": C folds to \"%s\", the file has \"%s\"", name, key, expected);
    }
  g_assert_cmpuint (mismatches, ==, 0);
}

static void
test_search (void)
{
  g_autoptr(CtGazetteer) gazetteer = bundled ();
  static const char *da_nang[] = { "DA NANG", "da nang", "Đà Nẵng", "ĐÀ NẴNG", "đà nẵ", "Da-Nang" };
  guint n = 0;

  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohs", 20, &n);

    print_results ("kaohs", r, n);
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpint (find (r, n, "Kaohsiung", "TW"), ==, 0);
    g_assert_cmpstr (r[0].admin1, !=, NULL);
    g_assert_cmpfloat_with_epsilon (r[0].lat, 22.61626, 1e-6);
    g_assert_cmpfloat_with_epsilon (r[0].lon, 120.31333, 1e-6);
    g_assert_null (r[0].city_id);
    g_assert_null (r[0].local_name);
  }

  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "sao pau", 20, &n);

    print_results ("sao pau", r, n);
    g_assert_cmpint (find (r, n, "São Paulo", "BR"), ==, 0);
    g_assert_cmpstr (r[0].admin1, ==, "São Paulo");
  }

  for (guint i = 0; i < G_N_ELEMENTS (da_nang); i++)
    {
      g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, da_nang[i], 20, &n);

      print_results (da_nang[i], r, n);
      g_assert_cmpint (find (r, n, "Da Nang", "VN"), ==, 0);
    }

  /* A later word: Ho Chi Minh City by "chi minh" and "minh c" */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "chi minh", 20, &n);

    print_results ("chi minh", r, n);
    g_assert_cmpint (find (r, n, "Ho Chi Minh City", "VN"), >=, 0);
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "Minh C", 20, &n);

    g_assert_cmpint (find (r, n, "Ho Chi Minh City", "VN"), >=, 0);
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "ho chi", 20, &n);

    g_assert_cmpint (find (r, n, "Ho Chi Minh City", "VN"), ==, 0);
  }

  /* Whole names first, shortest first, and at most max_results; a later word after them */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "s", 20, &n);

    print_results ("s", r, n);
    g_assert_cmpuint (n, ==, 20);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *key = ct_gazetteer_fold (r[i].name);

        g_assert_true (g_str_has_prefix (key, "s"));
        if (i > 0)
          {
            g_autofree char *previous = ct_gazetteer_fold (r[i - 1].name);

            g_assert_cmpuint (strlen (previous), <=, strlen (key));
          }
      }
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "paulo", 200, &n);
    gboolean later = FALSE;

    g_assert_cmpuint (n, >, 1);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *key = ct_gazetteer_fold (r[i].name);

        if (!g_str_has_prefix (key, "paulo"))
          later = TRUE;
        else
          g_assert_false (later); /* no whole-name match after a later-word one */
      }
    g_assert_true (later);
    g_assert_cmpint (find (r, n, "São Paulo", "BR"), >=, 0);
  }

  /* Nothing for nothing */
  {
    static const char *blank[] = { "", " ", "   ", "\t", " - ", "'", "\xff" };

    for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
      {
        g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, blank[i], 20, &n);

        g_assert_null (r);
        g_assert_cmpuint (n, ==, 0);
      }
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohs", 0, &n);

    g_assert_cmpuint (n, ==, 0);
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohsiung", G_MAXUINT, &n);

    g_assert_cmpint (find (r, n, "Kaohsiung", "TW"), ==, 0);
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "zzzzzzzzzzzzqqq", 20, &n);

    g_assert_null (r);
    g_assert_cmpuint (n, ==, 0);
  }
}

static CtCity *
make_city (const char *id,
           const char *name,
           const char *local_name,
           const char *country,
           double      lat,
           double      lon)
{
  CtCity *city = ct_test_make_city (name, local_name, country, lat, lon);

  city->id = g_strdup (id);
  city->admin1 = g_strdup (name);
  return city;
}

static void
test_cities (void)
{
  g_autoptr(CtGazetteer) gazetteer = bundled ();
  g_autoptr(GPtrArray) cities = g_ptr_array_new_with_free_func (g_object_unref);
  const char *kaohsiung = "0b1e7d3c-0d7f-5c83-9d0e-3f1f1b8b7a01";
  guint n = 0;

  g_ptr_array_add (cities, make_city ("7c6d2e0a-1111-5a5a-8a8a-000000000001", "Taipei", "臺北市", "TW", 25.04776, 121.53185));
  g_ptr_array_add (cities, make_city (kaohsiung, "Kaohsiung", "高雄市", "TW", 22.61626, 120.31333));
  g_ptr_array_add (cities, make_city ("7c6d2e0a-1111-5a5a-8a8a-000000000003", "Da Nang", "Đà Nẵng", "VN", 16.06778, 108.22083));
  ct_gazetteer_set_cities (gazetteer, cities);

  /* By the local name, a prefix of the CJK name */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "高雄", 20, &n);

    print_results ("高雄", r, n);
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpstr (r[0].city_id, ==, kaohsiung);
    g_assert_cmpstr (r[0].name, ==, "Kaohsiung");
    g_assert_cmpstr (r[0].local_name, ==, "高雄市");
    g_assert_cmpstr (r[0].country, ==, "TW");
  }

  /* By the name: the city first, and the same GeoNames place not offered again */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohs", 20, &n);

    print_results ("kaohs (cities)", r, n);
    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpstr (r[0].city_id, ==, kaohsiung);
    for (guint i = 1; i < n; i++)
      {
        g_assert_null (r[i].city_id);
        g_assert_false (g_str_equal (r[i].name, "Kaohsiung") && g_str_equal (r[i].country, "TW"));
      }
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "đà", 20, &n);

    g_assert_cmpuint (n, >=, 1);
    g_assert_cmpstr (r[0].name, ==, "Da Nang");
    g_assert_nonnull (r[0].city_id);
    g_assert_cmpint (find (r + 1, n - 1, "Da Nang", "VN"), ==, -1);
  }
  /* "臺北" finds Taipei, "台北" does not (different characters), nor does the gazetteer */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "臺北", 20, &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (r[0].name, ==, "Taipei");
  }

  /* Cities come first even when they fill max_results */
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohsiung", 1, &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (r[0].city_id, ==, kaohsiung);
  }

  /* Replaced, then gone */
  g_ptr_array_set_size (cities, 1);
  ct_gazetteer_set_cities (gazetteer, cities);
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "高雄", 20, &n);

    g_assert_cmpuint (n, ==, 0);
  }
  ct_gazetteer_set_cities (gazetteer, NULL);
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "臺北", 20, &n);

    g_assert_cmpuint (n, ==, 0);
  }
  {
    g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, "kaohs", 20, &n);

    g_assert_cmpint (find (r, n, "Kaohsiung", "TW"), ==, 0);
    g_assert_null (r[0].city_id);
  }
}

static void
assert_refused (const guint8 *data,
                gsize         length,
                const char   *what)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(CtGazetteer) gazetteer = ct_gazetteer_new_from_bytes (bytes, &error);

  g_test_message ("%s: %s", what, error ? error->message : "loaded");
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_null (gazetteer);
}

typedef void (*DamageFunc) (guint8 *data, gsize size);

#define HEADER_U32(name, at, change) \
  static void name (guint8 *data, gsize size) { wr_u32 (data + (at), rd_u32 (data + (at)) change); }

HEADER_U32 (damage_version, 4, + 1)
HEADER_U32 (damage_header_size, 8, + 4)
HEADER_U32 (damage_place_count, 12, + 1)
HEADER_U32 (damage_place_count_high, 12, | 0x7f000000)
HEADER_U32 (damage_admin1_count, 16, + 1)
HEADER_U32 (damage_word_count, 20, - 1)
HEADER_U32 (damage_names_size, 24, + 4)
HEADER_U32 (damage_keys_size, 28, - 4)
HEADER_U32 (damage_places_offset, 32, + 4)
HEADER_U32 (damage_words_offset, 40, + 4)
HEADER_U32 (damage_keys_offset, 48, + 4)
HEADER_U32 (damage_file_size, 52, + 1)
#undef HEADER_U32

static guint8 *
place_1000 (guint8 *data)
{
  return data + HEADER_SIZE + 1000 * PLACE_SIZE;
}

static void damage_magic (guint8 *data, gsize size) { data[0] = 'X'; }
static void damage_name_past_end (guint8 *data, gsize size) { wr_u32 (place_1000 (data), 0xfffffff0); }
static void damage_name_inside (guint8 *data, gsize size) { wr_u32 (place_1000 (data), rd_u32 (place_1000 (data)) + 1); }
static void damage_key_past_end (guint8 *data, gsize size) { wr_u32 (place_1000 (data) + 4, rd_u32 (data + 28) + 8); }
static void damage_latitude (guint8 *data, gsize size) { wr_u32 (place_1000 (data) + 8, 91000000); }
static void damage_longitude (guint8 *data, gsize size) { wr_u32 (place_1000 (data) + 12, (guint32) -181000000); }
static void damage_admin1 (guint8 *data, gsize size) { place_1000 (data)[16] = 0xfe; place_1000 (data)[17] = 0x7f; }
static void damage_country (guint8 *data, gsize size) { place_1000 (data)[18] = 'a'; }
static void damage_names_end (guint8 *data, gsize size) { data[rd_u32 (data + 48) - 1] = 'x'; }
static void damage_keys_end (guint8 *data, gsize size) { data[size - 1] = 'x'; }
static void damage_name_utf8 (guint8 *data, gsize size) { data[rd_u32 (data + 44) + 1] = 0xff; }

/* Two places of different names, swapped */
static void
damage_order (guint8 *data,
              gsize   size)
{
  guint8 *a = place_1000 (data), *b = a + 5000 * PLACE_SIZE;
  guint8 saved[PLACE_SIZE];

  g_assert_cmpuint (rd_u32 (a), !=, rd_u32 (b));
  memcpy (saved, a, PLACE_SIZE);
  memcpy (a, b, PLACE_SIZE);
  memcpy (b, saved, PLACE_SIZE);
}

static guint8 *
word_500 (guint8 *data)
{
  return data + rd_u32 (data + 40) + 4 * 500;
}

static void damage_word_place (guint8 *data, gsize size) { wr_u32 (word_500 (data), (rd_u32 (data + 12) << 8) | (rd_u32 (word_500 (data)) & 0xff)); }
static void damage_word_zero (guint8 *data, gsize size) { wr_u32 (word_500 (data), rd_u32 (word_500 (data)) & ~0xffu); }
static void damage_word_past_key (guint8 *data, gsize size) { wr_u32 (word_500 (data), rd_u32 (word_500 (data)) | 0xff); }
static void damage_word_inside (guint8 *data, gsize size) { wr_u32 (word_500 (data), rd_u32 (word_500 (data)) + 1); }

static void
test_damaged (void)
{
  static const struct {
    DamageFunc  func;
    const char *what;
  } damages[] = {
    { damage_magic, "magic" },
    { damage_version, "version" },
    { damage_header_size, "header size" },
    { damage_place_count, "place count" },
    { damage_place_count_high, "place count, high byte" },
    { damage_admin1_count, "division count" },
    { damage_word_count, "word count" },
    { damage_names_size, "names size" },
    { damage_keys_size, "search keys size" },
    { damage_places_offset, "places offset" },
    { damage_words_offset, "words offset" },
    { damage_keys_offset, "search keys offset" },
    { damage_file_size, "file size" },
    { damage_name_past_end, "name offset past the end" },
    { damage_name_inside, "name offset inside a name" },
    { damage_key_past_end, "search key offset past the end" },
    { damage_latitude, "latitude" },
    { damage_longitude, "longitude" },
    { damage_admin1, "division index" },
    { damage_country, "country" },
    { damage_names_end, "names not ended" },
    { damage_keys_end, "search keys not ended" },
    { damage_name_utf8, "a name not UTF-8" },
    { damage_order, "places out of order" },
    { damage_word_place, "word's place past the end" },
    { damage_word_zero, "word at offset 0" },
    { damage_word_past_key, "word past its key" },
    { damage_word_inside, "word inside a word" },
  };
  g_autoptr(GBytes) bytes = bundled_bytes ();
  gsize size = 0;
  const guint8 *original = g_bytes_get_data (bytes, &size);
  const gsize cuts[] = { 0, 3, 4, 63, 64, 65, 1000, HEADER_SIZE + PLACE_SIZE * 10, size / 2,
                         rd_u32 (original + 44), rd_u32 (original + 48), size - 4, size - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *what = g_strdup_printf ("cut at byte %lu of %lu", (unsigned long) cuts[i], (unsigned long) size);

      assert_refused (original, cuts[i], what);
    }

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree guint8 *data = g_memdup2 (original, size);

      damages[i].func (data, size);
      g_assert_cmpint (memcmp (data, original, size), !=, 0);
      assert_refused (data, size, damages[i].what);
    }
}

/* Random damage: refused, or (coordinates, letters) loaded and searched without reading astray */
static void
test_random_damage (void)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  gsize size = 0;
  const guint8 *original = g_bytes_get_data (bytes, &size);
  guint refused = 0, loaded = 0;
  guint runs = g_test_thorough () ? 400 : 60;

  for (guint run = 0; run < runs; run++)
    {
      g_autofree guint8 *data = g_memdup2 (original, size);
      g_autoptr(GBytes) damaged = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CtGazetteer) gazetteer = NULL;
      /* half of the runs hit the header and the first places, where most offsets are */
      gsize at = run % 2 ? g_rand_int_range (rand, 0, 4096) : g_rand_int_range (rand, 0, size);

      data[at] ^= 1 + g_rand_int_range (rand, 0, 255);
      damaged = g_bytes_new_take (g_steal_pointer (&data), size);
      gazetteer = ct_gazetteer_new_from_bytes (damaged, &error);
      if (gazetteer == NULL)
        {
          g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
          refused++;
          continue;
        }
      loaded++;
      for (const char *const *q = (const char *const[]) { "a", "sao", "kaohs", "da n", "minh", NULL }; *q; q++)
        {
          guint n = 0;
          g_autofree CtPlace *r = ct_gazetteer_search (gazetteer, *q, 20, &n);

          for (guint i = 0; i < n; i++)
            {
              g_assert_true (g_utf8_validate (r[i].name, -1, NULL));
              g_assert_cmpuint (strlen (r[i].country), ==, 2);
              g_assert_true (r[i].admin1 == NULL || g_utf8_validate (r[i].admin1, -1, NULL));
            }
        }
    }
  g_test_message ("%u damaged copies refused, %u loaded", refused, loaded);
  g_assert_cmpuint (refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gazetteer/load", test_load);
  g_test_add_func ("/gazetteer/fold", test_fold);
  g_test_add_func ("/gazetteer/fold-agrees-with-file", test_fold_agrees_with_file);
  g_test_add_func ("/gazetteer/search", test_search);
  g_test_add_func ("/gazetteer/cities", test_cities);
  g_test_add_func ("/gazetteer/damaged", test_damaged);
  g_test_add_func ("/gazetteer/random-damage", test_random_damage);

  return g_test_run ();
}
