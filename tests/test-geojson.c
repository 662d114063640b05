/* test-geojson.c: tests for the GeoJSON export and import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "ct-error.h"
#include "ct-geojson.h"

#define THEME_SMART   "00000000-0000-4000-8000-000000000001"
#define THEME_CULTURE "00000000-0000-4000-8000-000000000002"
#define KAOHSIUNG     "10000000-0000-4000-8000-000000000001"
#define DA_NANG       "10000000-0000-4000-8000-000000000002"
#define LOS_ANGELES   "10000000-0000-4000-8000-000000000003"
#define NETWORK       "20000000-0000-4000-8000-000000000001"
#define SOURCE_TT     "30000000-0000-4000-8000-000000000001"
#define SOURCE_AR     "30000000-0000-4000-8000-000000000002"
#define SISTER        "40000000-0000-4000-8000-000000000001"
#define PACIFIC       "40000000-0000-4000-8000-000000000002"
#define FORUM         "40000000-0000-4000-8000-000000000003"
#define MEMBERSHIP    "50000000-0000-4000-8000-000000000001"
#define ACTIVITY      "60000000-0000-4000-8000-000000000001"

#define CREATED "2024-01-02T03:04:05.678Z"
#define UPDATED "2025-06-07T08:09:10.111Z"

#define NASTY "He said \"hi\" \\ </script> 🌏 高雄市 مدينة\nsecond line\ttab\x01"

static void
set_times (char **created,
           char **updated)
{
  *created = g_strdup (CREATED);
  *updated = g_strdup (UPDATED);
}

static CtCity *
add_city (CtDataset  *ds,
          const char *id,
          const char *name,
          const char *local_name,
          const char *country,
          double      lat,
          double      lon,
          gint64      geonames_id)
{
  CtCity *c = ct_city_new ();

  c->id = g_strdup (id);
  c->name = g_strdup (name);
  c->local_name = g_strdup (local_name);
  c->country = g_strdup (country);
  c->lat = lat;
  c->lon = lon;
  c->geonames_id = geonames_id;
  set_times (&c->created, &c->updated);
  g_ptr_array_add (ds->cities, c);
  return c;
}

static CtPartnership *
add_partnership (CtDataset  *ds,
                 const char *id,
                 CtKind      kind,
                 CtStatus    status,
                 const char *signed_on,
                 ...)
{
  CtPartnership *p = ct_partnership_new ();
  const char *city;
  va_list args;

  p->id = g_strdup (id);
  p->kind = kind;
  p->status = status;
  p->signed_on = g_strdup (signed_on);
  set_times (&p->created, &p->updated);

  va_start (args, signed_on);
  while ((city = va_arg (args, const char *)))
    g_ptr_array_add (p->parties, ct_party_new (city, NULL));
  va_end (args);

  g_ptr_array_add (ds->partnerships, p);
  return p;
}

/* Three cities (Los Angeles across the antimeridian from the others), a bilateral partnership, an
 * antimeridian one and a three-party one, a network and a membership, two sources (one shared by
 * three records), an activity and two themes, with awkward text everywhere. */
static CtDataset *
make_dataset (void)
{
  CtDataset *ds = ct_dataset_new (NULL);
  CtTheme *t;
  CtCity *c;
  CtNetwork *n;
  CtSource *s;
  CtPartnership *p;
  CtMembership *m;
  CtActivity *a;

  t = ct_theme_new ();
  t->id = g_strdup (THEME_SMART);
  t->key = g_strdup ("smart_city");
  t->label = g_strdup ("Smart city");
  set_times (&t->created, &t->updated);
  g_ptr_array_add (ds->themes, t);

  t = ct_theme_new ();
  t->id = g_strdup (THEME_CULTURE);
  t->key = g_strdup ("culture");
  t->label = g_strdup ("Culture & \"arts\" </script> 🌏");
  set_times (&t->created, &t->updated);
  g_ptr_array_add (ds->themes, t);

  c = add_city (ds, KAOHSIUNG, "Kaohsiung", "高雄市", "TW", 22.61626, 120.31333, 1673820);
  c->admin1 = g_strdup ("Kaohsiung City");
  c->notes = g_strdup (NASTY);
  c = add_city (ds, DA_NANG, "Da Nang", "Đà Nẵng", "VN", 16.0544, 108.2022, 1583992);
  c->notes = g_strdup ("ملاحظات بالعربية");
  add_city (ds, LOS_ANGELES, "Los Angeles", NULL, "US", 34.05, -118.24, 0);

  n = ct_network_new ();
  n->id = g_strdup (NETWORK);
  n->name = g_strdup ("ASEAN Smart Cities Network");
  n->short_name = g_strdup ("ASCN");
  n->url = g_strdup ("https://asean.org/?a=1&b=\"2\"");
  n->notes = g_strdup (NASTY);
  set_times (&n->created, &n->updated);
  g_ptr_array_add (ds->networks, n);

  s = ct_source_new ();
  s->id = g_strdup (SOURCE_TT);
  s->title = g_strdup ("Cities can expand Taiwan's role </script>");
  s->publisher = g_strdup ("Taipei Times");
  s->url = g_strdup ("https://www.taipeitimes.com/News/editorials/archives/2021/12/22/2003769979");
  s->date = g_strdup ("2021-12-22");
  set_times (&s->created, &s->updated);
  g_ptr_array_add (ds->sources, s);

  s = ct_source_new ();
  s->id = g_strdup (SOURCE_AR);
  s->title = g_strdup ("مصدر");
  s->date = g_strdup ("2020");
  set_times (&s->created, &s->updated);
  g_ptr_array_add (ds->sources, s);

  p = add_partnership (ds, SISTER, CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "1969-02-06", KAOHSIUNG, DA_NANG, NULL);
  p->title = g_strdup ("Kaohsiung – Đà Nẵng \"sister\" cities");
  g_ptr_array_add (p->themes, g_strdup ("culture"));
  g_ptr_array_add (p->themes, g_strdup ("smart_city"));
  g_ptr_array_add (p->sources, g_strdup (SOURCE_TT));
  ((CtParty *) g_ptr_array_index (p->parties, 1))->signed_name = g_strdup ("Thành phố Đà Nẵng");

  p = add_partnership (ds, PACIFIC, CT_KIND_FRIENDSHIP_CITY, CT_STATUS_DORMANT, "1979-06", LOS_ANGELES, KAOHSIUNG, NULL);
  p->notes = g_strdup (NASTY);
  p->ended = g_strdup ("2001");
  g_ptr_array_add (p->sources, g_strdup (SOURCE_TT));
  g_ptr_array_add (p->sources, g_strdup (SOURCE_AR));

  p = add_partnership (ds, FORUM, CT_KIND_FORUM, CT_STATUS_PROPOSED, NULL, KAOHSIUNG, DA_NANG, LOS_ANGELES, NULL);
  ((CtParty *) g_ptr_array_index (p->parties, 0))->signed_name = g_strdup ("高雄市政府");

  m = ct_membership_new ();
  m->id = g_strdup (MEMBERSHIP);
  m->city = g_strdup (DA_NANG);
  m->network = g_strdup (NETWORK);
  m->joined = g_strdup ("2018");
  m->role = g_strdup ("pilot city");
  g_ptr_array_add (m->sources, g_strdup (SOURCE_TT));
  set_times (&m->created, &m->updated);
  g_ptr_array_add (ds->memberships, m);

  a = ct_activity_new ();
  a->id = g_strdup (ACTIVITY);
  a->partnership = g_strdup (PACIFIC);
  a->date = g_strdup ("2024-03-23");
  a->kind = CT_ACTIVITY_VISIT;
  a->title = g_strdup ("Delegation visit 🌏");
  a->notes = g_strdup (NASTY);
  set_times (&a->created, &a->updated);
  g_ptr_array_add (ds->activities, a);

  return ds;
}

static guint
line_at (const char *text,
         const char *position)
{
  guint line = 1;

  for (const char *p = text; p < position; p++)
    if (*p == '\n')
      line++;
  return line;
}

/* The features of a written file, parsed by json-glib */
static JsonArray *
parse_features (JsonParser *parser,
                const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "type"), ==, "FeatureCollection");
  g_assert_cmpint (json_object_get_int_member (root, "city_ties_version"), ==, 1);
  return json_object_get_array_member (root, "features");
}

static JsonObject *
get_geometry (JsonArray *features,
              guint      index)
{
  JsonObject *feature = json_array_get_object_element (features, index);

  g_assert_cmpstr (json_object_get_string_member (feature, "type"), ==, "Feature");
  return json_object_get_object_member (feature, "geometry");
}

static void
assert_position (JsonArray *position,
                 double     lon,
                 double     lat)
{
  g_assert_cmpuint (json_array_get_length (position), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (position, 0), ==, lon);
  g_assert_cmpfloat (json_array_get_double_element (position, 1), ==, lat);
}

static JsonArray *
line_position (JsonArray *line,
               int        index)
{
  if (index < 0)
    index += json_array_get_length (line);
  return json_array_get_array_element (line, index);
}

static void
test_round_trip (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autoptr(CtDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gsize length = 0, length2 = 0;
  const char *sample = g_getenv ("CT_TEST_GEOJSON_SAMPLE");

  text = ct_geojson_write (ds, &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (g_str_has_suffix (text, "}\n"));

  if (sample != NULL)
    {
      g_file_set_contents (sample, text, length, &error);
      g_assert_no_error (error);
    }

  back = ct_geojson_read (text, length, "x.geojson", &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  g_assert_cmpuint (back->themes->len, ==, 2);
  g_assert_cmpuint (back->cities->len, ==, 3);
  g_assert_cmpuint (back->networks->len, ==, 1);
  g_assert_cmpuint (back->sources->len, ==, 2);
  g_assert_cmpuint (back->partnerships->len, ==, 3);
  g_assert_cmpuint (back->memberships->len, ==, 1);
  g_assert_cmpuint (back->activities->len, ==, 1);
  g_assert_cmpstr (ct_dataset_get_filename (back), ==, "x.geojson");

  /* Every record comes back equal, with its timestamps and the line it was on */
#define CHECK_ARRAY(array, equal, Type)                                           \
  for (guint i = 0; i < ds->array->len; i++)                                     \
    {                                                                             \
      Type *orig = g_ptr_array_index (ds->array, i);                             \
      Type *copy = NULL;                                                          \
      for (guint j = 0; j < back->array->len; j++)                               \
        if (g_strcmp0 (((Type *) g_ptr_array_index (back->array, j))->id, orig->id) == 0) \
          copy = g_ptr_array_index (back->array, j);                             \
      g_assert_nonnull (copy);                                                    \
      g_assert_true (equal (orig, copy));                                         \
      g_assert_cmpstr (copy->created, ==, CREATED);                               \
      g_assert_cmpstr (copy->updated, ==, UPDATED);                               \
      g_assert_cmpuint (ct_dataset_get_line (back, copy), >, 1);                  \
    }
  CHECK_ARRAY (themes, ct_theme_content_equal, CtTheme);
  CHECK_ARRAY (cities, ct_city_content_equal, CtCity);
  CHECK_ARRAY (networks, ct_network_content_equal, CtNetwork);
  CHECK_ARRAY (sources, ct_source_content_equal, CtSource);
  CHECK_ARRAY (partnerships, ct_partnership_content_equal, CtPartnership);
  CHECK_ARRAY (memberships, ct_membership_content_equal, CtMembership);
  CHECK_ARRAY (activities, ct_activity_content_equal, CtActivity);
#undef CHECK_ARRAY

  /* A city's line is where its feature starts */
  {
    CtCity *city = g_ptr_array_index (back->cities, 0);
    const char *at = strstr (text, "{\n      \"type\": \"Feature\",\n      \"id\": \"" KAOHSIUNG "\"");

    g_assert_nonnull (at);
    g_assert_cmpuint (ct_dataset_get_line (back, city), ==, line_at (text, at));
  }

  again = ct_geojson_write (back, &length2);
  g_assert_cmpuint (length2, ==, length);
  g_assert_cmpstr (again, ==, text);
}

static void
test_text (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autofree char *text = ct_geojson_write (ds, NULL);
  g_autofree char *again = ct_geojson_write (ds, NULL);

  /* Deterministic */
  g_assert_cmpstr (text, ==, again);

  /* UTF-8 as is; quotes, backslashes and control characters escaped */
  g_assert_nonnull (strstr (text, "\"local_name\": \"高雄市\""));
  g_assert_nonnull (strstr (text, "He said \\\"hi\\\" \\\\ </script> 🌏 高雄市 مدينة\\nsecond line\\ttab\\u0001"));
  g_assert_null (strstr (text, "\nsecond line"));

  /* Members the format promises */
  g_assert_true (g_str_has_prefix (text, "{\n  \"type\": \"FeatureCollection\",\n  \"city_ties_version\": 1,\n  \"themes\": [\n"));
  g_assert_nonnull (strstr (text, "\"feature_type\": \"city\""));
  g_assert_nonnull (strstr (text, "\"feature_type\": \"partnership\""));
  g_assert_nonnull (strstr (text, "\"region\": \"taiwan\""));
  g_assert_nonnull (strstr (text, "\"region\": \"asean\""));
  g_assert_nonnull (strstr (text, "\"region\": \"other\""));
  g_assert_nonnull (strstr (text, "\"geonames_id\": 1673820"));
  g_assert_nonnull (strstr (text, "\"geonames_id\": null"));
  g_assert_nonnull (strstr (text, "\"kind\": \"sister_city\""));
  g_assert_nonnull (strstr (text, "\"status\": \"dormant\""));
  g_assert_nonnull (strstr (text, "\"short_name\": \"ASCN\""));
  g_assert_nonnull (strstr (text, "\"kind\": \"visit\""));
  g_assert_nonnull (strstr (text, "\"label\": \"Smart city\""));
  /* numbers in their shortest form */
  g_assert_nonnull (strstr (text, "\n          120.31333,\n          22.61626\n"));
}

static void
test_geometry (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autofree char *text = ct_geojson_write (ds, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *features = parse_features (parser, text);
  JsonObject *geometry;
  JsonArray *lines, *line, *first, *second;

  g_assert_cmpuint (json_array_get_length (features), ==, 6);

  /* Cities: points, [lon, lat] */
  geometry = get_geometry (features, 0);
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Point");
  assert_position (json_object_get_array_member (geometry, "coordinates"), 120.31333, 22.61626);
  geometry = get_geometry (features, 2);
  assert_position (json_object_get_array_member (geometry, "coordinates"), -118.24, 34.05);

  /* Kaohsiung–Da Nang: one LineString, 1,464 km in 15 segments, ends exact */
  geometry = get_geometry (features, 3);
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "LineString");
  line = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (line), ==, 16);
  assert_position (line_position (line, 0), 120.31333, 22.61626);
  assert_position (line_position (line, -1), 108.2022, 16.0544);

  /* Los Angeles–Kaohsiung crosses the antimeridian: two lines meeting at ±180 */
  geometry = get_geometry (features, 4);
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "MultiLineString");
  lines = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (lines), ==, 2);
  first = json_array_get_array_element (lines, 0);
  second = json_array_get_array_element (lines, 1);
  assert_position (line_position (first, 0), -118.24, 34.05);
  assert_position (line_position (second, -1), 120.31333, 22.61626);
  g_assert_cmpfloat (json_array_get_double_element (line_position (first, -1), 0), ==, -180);
  g_assert_cmpfloat (json_array_get_double_element (line_position (second, 0), 0), ==, 180);
  g_assert_cmpfloat (json_array_get_double_element (line_position (first, -1), 1), ==,
                     json_array_get_double_element (line_position (second, 0), 1));
  /* 11,185 km: 112 segments, plus the two points on the antimeridian */
  g_assert_cmpuint (json_array_get_length (first) + json_array_get_length (second), ==, 112 + 1 + 2);
  for (guint i = 0; i < json_array_get_length (first); i++)
    g_assert_cmpfloat (json_array_get_double_element (line_position (first, i), 0), <=, -118.24);
  for (guint i = 0; i < json_array_get_length (second); i++)
    g_assert_cmpfloat (json_array_get_double_element (line_position (second, i), 0), >=, 120.31333);

  /* Three parties: a MultiLineString from the first party to each other (the second leg split) */
  geometry = get_geometry (features, 5);
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "MultiLineString");
  lines = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  assert_position (line_position (json_array_get_array_element (lines, 0), 0), 120.31333, 22.61626);
  assert_position (line_position (json_array_get_array_element (lines, 0), -1), 108.2022, 16.0544);
  assert_position (line_position (json_array_get_array_element (lines, 1), 0), 120.31333, 22.61626);
  assert_position (line_position (json_array_get_array_element (lines, 2), -1), -118.24, 34.05);
}

/* Networks, sources and cities that are not in the dataset: references and null geometries */
static void
test_references (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autoptr(CtDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  CtPartnership *forum;

  g_ptr_array_remove_index (ds->networks, 0);
  g_ptr_array_remove_index (ds->sources, 1);
  g_ptr_array_remove_index (ds->cities, 0); /* Kaohsiung, the first party of every partnership */

  text = ct_geojson_write (ds, NULL);
  g_assert_nonnull (strstr (text, "\"network\": {\n              \"id\": \"" NETWORK "\"\n            }"));
  g_assert_nonnull (strstr (text, "\"geometry\": null"));

  back = ct_geojson_read (text, strlen (text), "refs.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->cities->len, ==, 2);
  g_assert_cmpuint (back->networks->len, ==, 0);
  g_assert_cmpuint (back->sources->len, ==, 1);
  g_assert_cmpuint (back->partnerships->len, ==, 3);
  g_assert_cmpstr (((CtMembership *) g_ptr_array_index (back->memberships, 0))->network, ==, NETWORK);
  forum = g_ptr_array_index (back->partnerships, 2);
  g_assert_cmpuint (forum->parties->len, ==, 3);

  again = ct_geojson_write (back, NULL);
  g_assert_cmpstr (again, ==, text);
}

/* Two cities in one place still make a valid LineString, of two equal positions */
static void
test_same_place (void)
{
  g_autoptr(CtDataset) ds = ct_dataset_new (NULL);
  g_autoptr(CtDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  JsonObject *geometry;
  JsonArray *line;

  add_city (ds, KAOHSIUNG, "Kaohsiung", NULL, "TW", 22.61626, 120.31333, 0);
  add_city (ds, DA_NANG, "Kaohsiung County", NULL, "TW", 22.61626, 120.31333, 0);
  add_partnership (ds, SISTER, CT_KIND_MOU, CT_STATUS_ENDED, "2010", KAOHSIUNG, DA_NANG, NULL);

  text = ct_geojson_write (ds, NULL);
  geometry = get_geometry (parse_features (parser, text), 2);
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "LineString");
  line = json_object_get_array_member (geometry, "coordinates");
  g_assert_cmpuint (json_array_get_length (line), ==, 2);
  assert_position (line_position (line, 0), 120.31333, 22.61626);
  assert_position (line_position (line, 1), 120.31333, 22.61626);

  back = ct_geojson_read (text, strlen (text), "same.geojson", &error);
  g_assert_no_error (error);
  again = ct_geojson_write (back, NULL);
  g_assert_cmpstr (again, ==, text);
}

static void
test_empty (void)
{
  g_autoptr(CtDataset) ds = ct_dataset_new (NULL);
  g_autoptr(CtDataset) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ct_geojson_write (ds, NULL);
  const char *minimal = "{ \"type\": \"FeatureCollection\", \"features\": [] }";

  g_assert_cmpstr (text, ==,
                   "{\n  \"type\": \"FeatureCollection\",\n  \"city_ties_version\": 1,\n"
                   "  \"themes\": [],\n  \"features\": []\n}\n");

  back = ct_geojson_read (text, strlen (text), "empty.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ct_dataset_get_n_records (back), ==, 0);
  g_clear_pointer (&back, ct_dataset_unref);

  back = ct_geojson_read (minimal, strlen (minimal), "minimal.geojson", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ct_dataset_get_n_records (back), ==, 0);
}

static void
assert_fails (const char *text,
              int         code,
              guint       line,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtDataset) ds = ct_geojson_read (text, strlen (text), "bad.geojson", &error);
  g_autofree char *where = g_strdup_printf ("bad.geojson:%u:", line);

  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (ds);
  g_assert_error (error, CT_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_nonnull (strstr (error->message, message));
}

typedef struct {
  const char *find;    /* the first occurrence is replaced… */
  const char *replace; /* …by this */
  const char *anchor;  /* the error names the line of the last occurrence of this before it (NULL: its own line) */
  int         code;
  const char *message; /* part of the error message */
} Mutation;

static const Mutation mutations[] = {
  { "\n          22.61626\n", "\n          123\n", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.coordinates: latitude 123 is out of range" },
  { "\n          120.31333,\n", "\n          -181,\n", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.coordinates: longitude -181 is out of range" },
  { "\n          22.61626\n", "\n          1e999\n", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.coordinates: not a finite number" },
  { "\n          22.61626\n", "\n          \"22.61626\"\n", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.coordinates: expected a number, found a string" },
  { "\n          22.61626\n", "\n          22.61626, 0, 0\n", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.coordinates: expected a position" },
  { "\n          22.61626\n", "\n          NaN\n", NULL, CT_ERROR_INVALID_INPUT, "" },
  { "\"type\": \"Point\"", "\"type\": \"LineString\"", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[0].geometry.type: expected a Point, found “LineString”" },
  { "\"type\": \"LineString\"", "\"type\": \"Polygon\"", "\"geometry\": {", CT_ERROR_INVALID_INPUT,
    "features[3].geometry.type: expected a LineString or a MultiLineString" },
  { "\"kind\": \"sister_city\"", "\"kind\": \"twinning\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[3].properties.kind: unknown kind “twinning”" },
  { "\"status\": \"active\"", "\"status\": \"alive\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[3].properties.status: unknown status “alive”" },
  { "\"kind\": \"visit\"", "\"kind\": \"party\"", "{\n            \"id\": \"" ACTIVITY, CT_ERROR_INVALID_INPUT,
    "features[4].properties.activities[0].kind: unknown activity kind “party”" },
  { "\"signed\": \"1969-02-06\"", "\"signed\": \"2023-02-29\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[3].properties: signed: “2023-02-29” is not a date" },
  { "\"joined\": \"2018\"", "\"joined\": \"18 May\"", "{\n            \"id\": \"" MEMBERSHIP, CT_ERROR_INVALID_INPUT,
    "features[1].properties.memberships[0]: joined: “18 May” is not a date" },
  { "\"created\": \"" CREATED "\"", "\"created\": \"yesterday\"", "{\n      \"id\": \"" THEME_SMART, CT_ERROR_INVALID_INPUT,
    "themes[0]: created: “yesterday” is not a timestamp" },
  { "\"updated\": \"" UPDATED "\"", "\"updated\": \"\"", "{\n      \"id\": \"" THEME_SMART, CT_ERROR_INVALID_INPUT,
    "themes[0].updated: missing" },
  { "\"name\": \"Kaohsiung\"", "\"name\": 5", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[0].properties.name: expected a string, found a number" },
  { "\"country\": \"TW\"", "\"country\": \"XX\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[0].properties: country: “XX” is not an ISO 3166-1 alpha-2 country code" },
  { "\"feature_type\": \"city\"", "\"feature_tipe\": \"city\"", "{\n      \"type\": \"Feature\"", CT_ERROR_INVALID_INPUT,
    "features[0]: feature has no feature_type: not a City Ties export" },
  { "\"feature_type\": \"city\"", "\"feature_type\": \"town\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[0].properties.feature_type: unknown feature type “town”" },
  { "\"type\": \"Feature\"", "\"type\": \"Feature \"", "{\n      \"type\": \"Feature", CT_ERROR_INVALID_INPUT,
    "features[0].type: expected a Feature" },
  { "\"id\": \"" KAOHSIUNG "\",\n      \"geometry\"", "\"id\": \"" DA_NANG "\",\n      \"geometry\"",
    "{\n      \"type\": \"Feature\"", CT_ERROR_INVALID_INPUT,
    "features[0].id: “" DA_NANG "” differs from properties.id" },
  { "\"id\": \"" DA_NANG "\",\n      \"geometry\"", "\"id\": \"" KAOHSIUNG "\",\n      \"geometry\"",
    "{\n      \"type\": \"Feature\"", CT_ERROR_INVALID_INPUT,
    "features[1].id: “" KAOHSIUNG "” differs from properties.id" },
  { "\"city\": \"" DA_NANG "\"", "\"city\": \"" KAOHSIUNG "\"", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[3].properties: parties: the same city is named twice" },
  { "\"city_ties_version\": 1", "\"city_ties_version\": 2", "{\n  \"type\": \"FeatureCollection\"", CT_ERROR_VERSION,
    "city_ties_version: the file is from a newer version of City Ties" },
  { "\"type\": \"FeatureCollection\"", "\"type\": \"GeometryCollection\"", "{\n  \"type\"", CT_ERROR_INVALID_INPUT,
    "type: expected a GeoJSON FeatureCollection, found “GeometryCollection”" },
  { "\"features\": [", "\"features\": {}, \"x\": [", "{\n  \"type\"", CT_ERROR_INVALID_INPUT,
    "features: expected an array, found an object" },
  { "\"memberships\": [\n          {", "\"memberships\": [\n          7, {", "\"properties\": {", CT_ERROR_INVALID_INPUT,
    "features[1].properties.memberships[0]: expected an object, found a number" },
};

static void
test_mutations (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autofree char *text = ct_geojson_write (ds, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      const Mutation *m = &mutations[i];
      const char *at = strstr (text, m->find);
      const char *anchor = at;
      g_autoptr(GString) bad = g_string_new (text);

      g_test_message ("mutation %u: %s → %s", i, m->find, m->replace);
      g_assert_nonnull (at);

      if (m->anchor != NULL)
        {
          anchor = NULL;
          for (const char *p = strstr (text, m->anchor); p != NULL && p < at; p = strstr (p + 1, m->anchor))
            anchor = p;
          g_assert_nonnull (anchor);
        }

      g_string_erase (bad, at - text, strlen (m->find));
      g_string_insert (bad, at - text, m->replace);

      /* the mutation replaced a whole line's value: the line numbers still hold */
      assert_fails (bad->str, m->code, line_at (text, anchor) + (m->anchor == NULL && m->find[0] == '\n'),
                    m->message);
    }
}

/* Two copies of a shared source must agree; ids are unique */
static void
test_copies (void)
{
  g_autoptr(CtDataset) ds = make_dataset ();
  g_autofree char *text = ct_geojson_write (ds, NULL);
  g_autoptr(GString) bad = g_string_new (text);
  g_autoptr(GString) twice = g_string_new (text);
  const char *title = "\"title\": \"Cities can expand Taiwan's role </script>\"";
  const char *first = strstr (text, title);
  const char *second = first ? strstr (first + 1, title) : NULL;
  const char *id_line;
  const char *feature;

  g_assert_nonnull (second);

  /* change the second copy: the error names its line (the object starts just above the title) */
  g_string_insert (bad, second - text + strlen ("\"title\": \""), "The ");
  id_line = g_strrstr_len (text, second - text, "{\n");
  assert_fails (bad->str, CT_ERROR_INVALID_INPUT, line_at (text, id_line),
                "differs from the copy of “" SOURCE_TT "” on line");

  /* a city twice */
  feature = strstr (text, "    {\n      \"type\": \"Feature\"");
  g_assert_nonnull (feature);
  {
    gsize offset = feature != NULL ? (gsize) (feature - text) + 1 : 0;
    const char *next = strstr (text + offset, "    {\n      \"type\": \"Feature\"");
    g_autofree char *copy = g_strndup (feature, next - feature);

    /* the error names the copy's properties */
    guint properties_offset = line_at (text, strstr (feature, "\"properties\": {")) - line_at (text, feature);

    g_string_insert (twice, next - text, copy);
    assert_fails (twice->str, CT_ERROR_INVALID_INPUT, line_at (text, next) + properties_offset,
                  "features[1].properties: the id “" KAOHSIUNG "” is also used on line");
  }
}

static void
test_bad_files (void)
{
  /* not an object */
  assert_fails ("\n\n  [1, 2]\n", CT_ERROR_INVALID_INPUT, 3,
                "expected a GeoJSON FeatureCollection, found an array");
  assert_fails ("\"FeatureCollection\"", CT_ERROR_INVALID_INPUT, 1,
                "expected a GeoJSON FeatureCollection, found a string");

  /* not a FeatureCollection */
  assert_fails ("{\n  \"type\": \"Feature\",\n  \"geometry\": null,\n  \"properties\": {}\n}\n",
                CT_ERROR_INVALID_INPUT, 1, "type: expected a GeoJSON FeatureCollection, found “Feature”");
  assert_fails ("\n{ \"features\": [] }", CT_ERROR_INVALID_INPUT, 2,
                "type: expected a GeoJSON FeatureCollection, found nothing");
  assert_fails ("{ \"type\": \"FeatureCollection\" }", CT_ERROR_INVALID_INPUT, 1, "features: missing");

  /* syntax errors name the line */
  assert_fails ("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}", CT_ERROR_INVALID_INPUT, 3, "");

  /* a file from another tool */
  assert_fails ("{\n"
                "  \"type\": \"FeatureCollection\",\n"
                "  \"features\": [\n"
                "    { \"type\": \"Feature\", \"properties\": { \"name\": \"Kaohsiung\" },\n"
                "      \"geometry\": { \"type\": \"Point\", \"coordinates\": [120.3, 22.6] } },\n"
                "    {\n"
                "      \"type\": \"Feature\",\n"
                "      \"properties\": null,\n"
                "      \"geometry\": { \"type\": \"Point\", \"coordinates\": [120.3, 22.6] } }\n"
                "  ]\n"
                "}\n",
                CT_ERROR_INVALID_INPUT, 4, "features[0]: feature has no feature_type: not a City Ties export");
  assert_fails ("{\n"
                "  \"type\": \"FeatureCollection\",\n"
                "  \"features\": [\n"
                "    {\n"
                "      \"type\": \"Feature\",\n"
                "      \"properties\": null,\n"
                "      \"geometry\": { \"type\": \"Point\", \"coordinates\": [120.3, 22.6] } }\n"
                "  ]\n"
                "}\n",
                CT_ERROR_INVALID_INPUT, 4, "features[0]: feature has no feature_type: not a City Ties export");

  /* a partnership of one city */
  assert_fails ("{\n"
                "  \"type\": \"FeatureCollection\",\n"
                "  \"features\": [\n"
                "    {\n"
                "      \"type\": \"Feature\",\n"
                "      \"geometry\": null,\n"
                "      \"properties\": {\n"
                "        \"feature_type\": \"partnership\",\n"
                "        \"id\": \"" SISTER "\",\n"
                "        \"kind\": \"mou\",\n"
                "        \"status\": \"Active\",\n"
                "        \"parties\": [ { \"city\": \"" KAOHSIUNG "\", \"signed_name\": \"\" } ],\n"
                "        \"created\": \"" CREATED "\",\n"
                "        \"updated\": \"" UPDATED "\"\n"
                "      }\n"
                "    }\n"
                "  ]\n"
                "}\n",
                CT_ERROR_INVALID_INPUT, 7, "features[0].properties: parties: a partnership needs at least two different cities");

  /* a city without a geometry */
  assert_fails ("{\n"
                "  \"type\": \"FeatureCollection\",\n"
                "  \"features\": [\n"
                "    {\n"
                "      \"type\": \"Feature\",\n"
                "      \"geometry\": null,\n"
                "      \"properties\": {\n"
                "        \"feature_type\": \"city\",\n"
                "        \"id\": \"" KAOHSIUNG "\",\n"
                "        \"name\": \"Kaohsiung\",\n"
                "        \"country\": \"TW\",\n"
                "        \"created\": \"" CREATED "\",\n"
                "        \"updated\": \"" UPDATED "\"\n"
                "      }\n"
                "    }\n"
                "  ]\n"
                "}\n",
                CT_ERROR_INVALID_INPUT, 4, "features[0].geometry: expected a Point, found nothing");

  /* too deep */
  {
    g_autoptr(GString) deep = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": ");
    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    assert_fails (deep->str, CT_ERROR_TOO_LARGE, 1, "nested deeper than");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geojson/round-trip", test_round_trip);
  g_test_add_func ("/geojson/text", test_text);
  g_test_add_func ("/geojson/geometry", test_geometry);
  g_test_add_func ("/geojson/references", test_references);
  g_test_add_func ("/geojson/same-place", test_same_place);
  g_test_add_func ("/geojson/empty", test_empty);
  g_test_add_func ("/geojson/bad/mutations", test_mutations);
  g_test_add_func ("/geojson/bad/copies", test_copies);
  g_test_add_func ("/geojson/bad/files", test_bad_files);

  return g_test_run ();
}
