/* ct-geojson.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ct-error.h"
#include "ct-geojson.h"
#include "ct-geometry.h"
#include "ct-json-reader.h"
#include "ct-json-writer.h"
#include "ct-validate.h"

/* Great-circle legs: about one segment per 100 km, within these bounds */
#define KM_PER_SEGMENT 100.0
#define MIN_SEGMENTS   8
#define MAX_SEGMENTS   128

/* Interpolated coordinates are rounded to 6 decimals (about 0.1 m, RFC 7946 §11.2); the cities'
 * own coordinates are written exactly */
#define ROUNDING 1e6

/* Every record type starts with its GObject then char *id */
typedef struct {
  GObject parent_instance;
  char   *id;
} AnyRecord;

#define RECORD_ID(r) (((AnyRecord *) (r))->id)

/* ---- Writing ------------------------------------------------------------------------------- */

typedef struct {
  CtJsonWriter *writer;
  GHashTable   *records;     /* id → city, network or source (borrowed) */
  GHashTable   *memberships; /* city id → GPtrArray of CtMembership, in dataset order */
  GHashTable   *activities;  /* partnership id → GPtrArray of CtActivity, in dataset order */
} WriteContext;

static gpointer
lookup_typed (WriteContext *ctx,
              const char   *id,
              GType         type)
{
  gpointer record = id ? g_hash_table_lookup (ctx->records, id) : NULL;

  if (record != NULL && G_TYPE_CHECK_INSTANCE_TYPE (record, type))
    return record;
  return NULL;
}

static void
index_records (GHashTable *index,
               GPtrArray  *array)
{
  for (guint i = 0; i < array->len; i++)
    {
      gpointer record = g_ptr_array_index (array, i);

      if (RECORD_ID (record) != NULL)
        g_hash_table_insert (index, RECORD_ID (record), record);
    }
}

static void
group_by (GHashTable *groups,
          const char *key,
          gpointer    record)
{
  GPtrArray *group;

  if (key == NULL)
    return;

  group = g_hash_table_lookup (groups, key);
  if (group == NULL)
    {
      group = g_ptr_array_new ();
      g_hash_table_insert (groups, (gpointer) key, group);
    }
  g_ptr_array_add (group, record);
}

static void
write_timestamps (CtJsonWriter *w,
                  const char   *created,
                  const char   *updated)
{
  ct_json_writer_string_member (w, "created", created);
  ct_json_writer_string_member (w, "updated", updated);
}

static void
write_string_array (CtJsonWriter *w,
                    GPtrArray    *strings)
{
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < strings->len; i++)
    ct_json_writer_string (w, g_ptr_array_index (strings, i));
  ct_json_writer_end_array (w);
}

static void
write_theme (CtJsonWriter *w,
             CtTheme      *theme)
{
  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "id", theme->id);
  ct_json_writer_string_member (w, "key", theme->key);
  ct_json_writer_string_member (w, "label", theme->label);
  write_timestamps (w, theme->created, theme->updated);
  ct_json_writer_end_object (w);
}

static void
write_source (WriteContext *ctx,
              const char   *id)
{
  CtJsonWriter *w = ctx->writer;
  CtSource *source = lookup_typed (ctx, id, CT_TYPE_SOURCE);

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "id", id);
  if (source != NULL)
    {
      ct_json_writer_string_member (w, "title", source->title);
      ct_json_writer_string_member (w, "publisher", source->publisher);
      ct_json_writer_string_member (w, "url", source->url);
      ct_json_writer_string_member (w, "date", source->date);
      write_timestamps (w, source->created, source->updated);
    }
  ct_json_writer_end_object (w);
}

static void
write_sources (WriteContext *ctx,
               GPtrArray    *ids)
{
  ct_json_writer_begin_array (ctx->writer);
  for (guint i = 0; i < ids->len; i++)
    write_source (ctx, g_ptr_array_index (ids, i));
  ct_json_writer_end_array (ctx->writer);
}

static void
write_network (WriteContext *ctx,
               const char   *id)
{
  CtJsonWriter *w = ctx->writer;
  CtNetwork *network = lookup_typed (ctx, id, CT_TYPE_NETWORK);

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "id", id);
  if (network != NULL)
    {
      ct_json_writer_string_member (w, "name", network->name);
      ct_json_writer_string_member (w, "short_name", network->short_name);
      ct_json_writer_string_member (w, "url", network->url);
      ct_json_writer_string_member (w, "notes", network->notes);
      write_timestamps (w, network->created, network->updated);
    }
  ct_json_writer_end_object (w);
}

static void
write_membership (WriteContext *ctx,
                  CtMembership *membership)
{
  CtJsonWriter *w = ctx->writer;

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "id", membership->id);
  ct_json_writer_member (w, "network");
  write_network (ctx, membership->network);
  ct_json_writer_string_member (w, "joined", membership->joined);
  ct_json_writer_string_member (w, "left", membership->left);
  ct_json_writer_string_member (w, "role", membership->role);
  ct_json_writer_string_member (w, "notes", membership->notes);
  ct_json_writer_member (w, "sources");
  write_sources (ctx, membership->sources);
  write_timestamps (w, membership->created, membership->updated);
  ct_json_writer_end_object (w);
}

static void
write_activity (CtJsonWriter *w,
                CtActivity   *activity)
{
  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "id", activity->id);
  ct_json_writer_string_member (w, "partnership", activity->partnership);
  ct_json_writer_string_member (w, "date", activity->date);
  ct_json_writer_string_member (w, "kind", (guint) activity->kind < CT_N_ACTIVITY_KINDS
                                           ? ct_activity_kind_to_string (activity->kind) : NULL);
  ct_json_writer_string_member (w, "title", activity->title);
  ct_json_writer_string_member (w, "notes", activity->notes);
  write_timestamps (w, activity->created, activity->updated);
  ct_json_writer_end_object (w);
}

static void
write_position (CtJsonWriter *w,
                double        lon,
                double        lat)
{
  ct_json_writer_begin_array (w);
  ct_json_writer_double (w, lon);
  ct_json_writer_double (w, lat);
  ct_json_writer_end_array (w);
}

static void
write_city (WriteContext *ctx,
            CtCity       *city)
{
  CtJsonWriter *w = ctx->writer;
  const CtCountry *country = ct_country_lookup (city->country);
  GPtrArray *memberships = city->id ? g_hash_table_lookup (ctx->memberships, city->id) : NULL;

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "type", "Feature");
  ct_json_writer_string_member (w, "id", city->id);

  ct_json_writer_member (w, "geometry");
  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "type", "Point");
  ct_json_writer_member (w, "coordinates");
  write_position (w, city->lon, city->lat);
  ct_json_writer_end_object (w);

  ct_json_writer_member (w, "properties");
  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "feature_type", "city");
  ct_json_writer_string_member (w, "id", city->id);
  ct_json_writer_string_member (w, "name", city->name);
  ct_json_writer_string_member (w, "local_name", city->local_name);
  ct_json_writer_string_member (w, "country", city->country);
  ct_json_writer_string_member (w, "region",
                                ct_region_to_string (country ? country->region : CT_REGION_OTHER));
  ct_json_writer_string_member (w, "admin1", city->admin1);
  ct_json_writer_member (w, "geonames_id");
  if (city->geonames_id > 0)
    ct_json_writer_int (w, city->geonames_id);
  else
    ct_json_writer_null (w);
  ct_json_writer_string_member (w, "notes", city->notes);
  write_timestamps (w, city->created, city->updated);
  ct_json_writer_member (w, "memberships");
  ct_json_writer_begin_array (w);
  for (guint i = 0; memberships && i < memberships->len; i++)
    write_membership (ctx, g_ptr_array_index (memberships, i));
  ct_json_writer_end_array (w);
  ct_json_writer_end_object (w);

  ct_json_writer_end_object (w);
}

static double
round_coordinate (double value)
{
  return round (value * ROUNDING) / ROUNDING;
}

/* Appends to parts the pieces of the great circle from a to b */
static void
add_leg (GPtrArray *parts,
         CtCity    *a,
         CtCity    *b)
{
  double km = ct_geo_distance_km (a->lat, a->lon, b->lat, b->lon);
  guint n = (guint) CLAMP (round (km / KM_PER_SEGMENT), MIN_SEGMENTS, MAX_SEGMENTS);
  g_autofree double *lats = g_new (double, n + 1);
  g_autofree double *lons = g_new (double, n + 1);
  g_autoptr(GPtrArray) pieces = NULL;

  ct_geo_great_circle (a->lat, a->lon, b->lat, b->lon, n, lats, lons);

  /* Keep the ends exact */
  for (guint i = 1; i < n; i++)
    {
      lats[i] = round_coordinate (lats[i]);
      lons[i] = round_coordinate (lons[i]);
    }

  pieces = ct_geo_split_antimeridian (lats, lons, n + 1);

  for (guint i = 0; i < pieces->len; i++)
    {
      GArray *piece = g_ptr_array_index (pieces, i);

      /* The points added on the antimeridian */
      if (i > 0)
        g_array_index (piece, CtGeoPoint, 0).lat = round_coordinate (g_array_index (piece, CtGeoPoint, 0).lat);
      if (i + 1 < pieces->len)
        g_array_index (piece, CtGeoPoint, piece->len - 1).lat =
          round_coordinate (g_array_index (piece, CtGeoPoint, piece->len - 1).lat);

      /* Two cities in the same place: a LineString still needs two positions */
      if (piece->len == 1)
        {
          CtGeoPoint point = g_array_index (piece, CtGeoPoint, 0);

          g_array_append_val (piece, point);
        }

      g_ptr_array_add (parts, g_array_ref (piece));
    }
}

static void
write_line (CtJsonWriter *w,
            GArray       *line)
{
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < line->len; i++)
    {
      const CtGeoPoint *p = &g_array_index (line, CtGeoPoint, i);

      write_position (w, p->lon, p->lat);
    }
  ct_json_writer_end_array (w);
}

static void
write_partnership_geometry (WriteContext  *ctx,
                            CtPartnership *partnership)
{
  CtJsonWriter *w = ctx->writer;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  CtCity *first = NULL;

  if (partnership->parties->len > 0)
    first = lookup_typed (ctx, ((CtParty *) g_ptr_array_index (partnership->parties, 0))->city, CT_TYPE_CITY);

  for (guint i = 1; first && i < partnership->parties->len; i++)
    {
      CtParty *party = g_ptr_array_index (partnership->parties, i);
      CtCity *other = lookup_typed (ctx, party->city, CT_TYPE_CITY);

      if (other != NULL)
        add_leg (parts, first, other);
    }

  if (parts->len == 0)
    {
      ct_json_writer_null (w);
      return;
    }

  ct_json_writer_begin_object (w);
  if (parts->len == 1 && partnership->parties->len <= 2)
    {
      ct_json_writer_string_member (w, "type", "LineString");
      ct_json_writer_member (w, "coordinates");
      write_line (w, g_ptr_array_index (parts, 0));
    }
  else
    {
      ct_json_writer_string_member (w, "type", "MultiLineString");
      ct_json_writer_member (w, "coordinates");
      ct_json_writer_begin_array (w);
      for (guint i = 0; i < parts->len; i++)
        write_line (w, g_ptr_array_index (parts, i));
      ct_json_writer_end_array (w);
    }
  ct_json_writer_end_object (w);
}

static void
write_partnership (WriteContext  *ctx,
                   CtPartnership *partnership)
{
  CtJsonWriter *w = ctx->writer;
  GPtrArray *activities = partnership->id ? g_hash_table_lookup (ctx->activities, partnership->id) : NULL;

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "type", "Feature");
  ct_json_writer_string_member (w, "id", partnership->id);

  ct_json_writer_member (w, "geometry");
  write_partnership_geometry (ctx, partnership);

  ct_json_writer_member (w, "properties");
  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "feature_type", "partnership");
  ct_json_writer_string_member (w, "id", partnership->id);
  ct_json_writer_string_member (w, "kind", (guint) partnership->kind < CT_N_KINDS
                                           ? ct_kind_to_string (partnership->kind) : NULL);
  ct_json_writer_string_member (w, "status", (guint) partnership->status < CT_N_STATUSES
                                             ? ct_status_to_string (partnership->status) : NULL);
  ct_json_writer_string_member (w, "title", partnership->title);
  ct_json_writer_string_member (w, "signed", partnership->signed_on);
  ct_json_writer_string_member (w, "ended", partnership->ended);
  ct_json_writer_member (w, "themes");
  write_string_array (w, partnership->themes);

  ct_json_writer_member (w, "parties");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < partnership->parties->len; i++)
    {
      CtParty *party = g_ptr_array_index (partnership->parties, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "city", party->city);
      ct_json_writer_string_member (w, "signed_name", party->signed_name);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "sources");
  write_sources (ctx, partnership->sources);

  ct_json_writer_member (w, "activities");
  ct_json_writer_begin_array (w);
  for (guint i = 0; activities && i < activities->len; i++)
    write_activity (w, g_ptr_array_index (activities, i));
  ct_json_writer_end_array (w);

  ct_json_writer_string_member (w, "notes", partnership->notes);
  write_timestamps (w, partnership->created, partnership->updated);
  ct_json_writer_end_object (w);

  ct_json_writer_end_object (w);
}

char *
ct_geojson_write (CtDataset *dataset,
                  gsize     *length)
{
  WriteContext ctx;
  CtJsonWriter *w;

  g_return_val_if_fail (dataset != NULL, NULL);

  ctx.writer = w = ct_json_writer_new (TRUE);
  ctx.records = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.memberships = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  ctx.activities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  index_records (ctx.records, dataset->cities);
  index_records (ctx.records, dataset->networks);
  index_records (ctx.records, dataset->sources);
  for (guint i = 0; i < dataset->memberships->len; i++)
    {
      CtMembership *membership = g_ptr_array_index (dataset->memberships, i);

      group_by (ctx.memberships, membership->city, membership);
    }
  for (guint i = 0; i < dataset->activities->len; i++)
    {
      CtActivity *activity = g_ptr_array_index (dataset->activities, i);

      group_by (ctx.activities, activity->partnership, activity);
    }

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "type", "FeatureCollection");
  ct_json_writer_int_member (w, "city_ties_version", CT_GEOJSON_VERSION);

  ct_json_writer_member (w, "themes");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < dataset->themes->len; i++)
    write_theme (w, g_ptr_array_index (dataset->themes, i));
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "features");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < dataset->cities->len; i++)
    write_city (&ctx, g_ptr_array_index (dataset->cities, i));
  for (guint i = 0; i < dataset->partnerships->len; i++)
    write_partnership (&ctx, g_ptr_array_index (dataset->partnerships, i));
  ct_json_writer_end_array (w);

  ct_json_writer_end_object (w);

  g_hash_table_unref (ctx.records);
  g_hash_table_unref (ctx.memberships);
  g_hash_table_unref (ctx.activities);

  return ct_json_writer_free_to_string (w, length);
}

/* ---- Reading ------------------------------------------------------------------------------- */

typedef struct {
  CtJsonReader *reader;
  CtDataset    *dataset;
  GHashTable   *ids; /* id → record in dataset (borrowed) */
} ReadContext;

/* Sets error from a message without a location (a validation error), keeping its code */
static gboolean
fail_at (ReadContext  *ctx,
         JsonObject   *object,
         const char   *path,
         GError       *local_error,
         GError      **error)
{
  ct_json_set_error (ctx->reader, object, path, error, "%s", local_error->message);
  if (error != NULL && *error != NULL)
    (*error)->code = local_error->code;
  return FALSE;
}

static const char *
describe_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("nothing");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return _("a string");
    case G_TYPE_BOOLEAN: return _("true or false");
    default: return _("a number");
    }
}

/* A member that must be an object; NULL (and an error) otherwise */
static JsonObject *
get_object_member (ReadContext  *ctx,
                   JsonObject   *object,
                   const char   *path,
                   const char   *member,
                   GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

      ct_json_set_error (ctx->reader, object, where, error, _("expected an object, found %s"),
                         describe_node (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static gboolean
same_timestamps (const char *created_a,
                 const char *updated_a,
                 const char *created_b,
                 const char *updated_b)
{
  return g_strcmp0 (created_a, created_b) == 0 && g_strcmp0 (updated_a, updated_b) == 0;
}

/* Whether two copies of an embedded network or source are the same */
static gboolean
same_copy (gpointer a,
           gpointer b)
{
  if (CT_IS_SOURCE (a) && CT_IS_SOURCE (b))
    return ct_source_content_equal (a, b) &&
           same_timestamps (CT_SOURCE (a)->created, CT_SOURCE (a)->updated,
                            CT_SOURCE (b)->created, CT_SOURCE (b)->updated);
  if (CT_IS_NETWORK (a) && CT_IS_NETWORK (b))
    return ct_network_content_equal (a, b) &&
           same_timestamps (CT_NETWORK (a)->created, CT_NETWORK (a)->updated,
                            CT_NETWORK (b)->created, CT_NETWORK (b)->updated);
  return FALSE;
}

/* Validates record and adds it to array (taking it), unless a record with its id was read
 * before: an equal copy of a shared record (network, source) is dropped, anything else is an
 * error. */
static gboolean
add_record (ReadContext  *ctx,
            GPtrArray    *array,
            gpointer      record,
            JsonObject   *object,
            guint         line,
            const char   *path,
            gboolean      shared,
            GError      **error)
{
  g_autoptr(GObject) owned = record;
  g_autoptr(GError) local_error = NULL;
  gpointer existing;

  if (!ct_validate_record (record, &local_error))
    return fail_at (ctx, object, path, local_error, error);

  existing = g_hash_table_lookup (ctx->ids, RECORD_ID (record));
  if (existing != NULL)
    {
      guint other_line = ct_dataset_get_line (ctx->dataset, existing);

      if (shared && same_copy (existing, record))
        return TRUE;

      if (shared && G_OBJECT_TYPE (existing) == G_OBJECT_TYPE (record))
        ct_json_set_error (ctx->reader, object, path, error,
                           _("differs from the copy of “%s” on line %u"), RECORD_ID (record), other_line);
      else
        ct_json_set_error (ctx->reader, object, path, error,
                           _("the id “%s” is also used on line %u"), RECORD_ID (record), other_line);
      return FALSE;
    }

  g_ptr_array_add (array, g_steal_pointer (&owned));
  g_hash_table_insert (ctx->ids, RECORD_ID (record), record);
  ct_dataset_set_line (ctx->dataset, record, line);
  return TRUE;
}

/* Reads the members every record has */
static gboolean
read_common (ReadContext  *ctx,
             JsonObject   *object,
             const char   *path,
             char        **id,
             char        **created,
             char        **updated,
             GError      **error)
{
  return ct_json_get_string (ctx->reader, object, path, "id", TRUE, id, error) &&
         ct_json_get_string (ctx->reader, object, path, "created", TRUE, created, error) &&
         ct_json_get_string (ctx->reader, object, path, "updated", TRUE, updated, error);
}

/* An embedded object of only {"id": …} refers to a record that is not in the file */
static gboolean
is_reference (JsonObject *object)
{
  return json_object_get_size (object) == 1 && json_object_has_member (object, "id");
}

static gboolean
read_reference (ReadContext  *ctx,
                JsonObject   *object,
                const char   *path,
                char        **id,
                GError      **error)
{
  if (!ct_json_get_string (ctx->reader, object, path, "id", TRUE, id, error))
    return FALSE;

  if (!ct_uuid_is_valid (*id))
    {
      g_autofree char *where = g_strdup_printf ("%s.id", path);

      ct_json_set_error (ctx->reader, object, where, error, _("“%.40s” is not a lower-case UUID"), *id);
      g_clear_pointer (id, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_theme (ReadContext  *ctx,
            JsonObject   *object,
            const char   *path,
            GError      **error)
{
  g_autoptr(CtTheme) theme = ct_theme_new ();

  if (!read_common (ctx, object, path, &theme->id, &theme->created, &theme->updated, error) ||
      !ct_json_get_string (ctx->reader, object, path, "key", TRUE, &theme->key, error) ||
      !ct_json_get_string (ctx->reader, object, path, "label", TRUE, &theme->label, error))
    return FALSE;

  return add_record (ctx, ctx->dataset->themes, g_steal_pointer (&theme), object,
                     ct_json_reader_get_line (ctx->reader, object), path, FALSE, error);
}

/* Reads a source object and appends its id to ids */
static gboolean
read_source (ReadContext  *ctx,
             JsonObject   *object,
             const char   *path,
             GPtrArray    *ids,
             GError      **error)
{
  g_autoptr(CtSource) source = NULL;
  char *id = NULL;

  if (is_reference (object))
    {
      if (!read_reference (ctx, object, path, &id, error))
        return FALSE;
      g_ptr_array_add (ids, id);
      return TRUE;
    }

  source = ct_source_new ();
  if (!read_common (ctx, object, path, &source->id, &source->created, &source->updated, error) ||
      !ct_json_get_string (ctx->reader, object, path, "title", TRUE, &source->title, error) ||
      !ct_json_get_string (ctx->reader, object, path, "publisher", FALSE, &source->publisher, error) ||
      !ct_json_get_string (ctx->reader, object, path, "url", FALSE, &source->url, error) ||
      !ct_json_get_string (ctx->reader, object, path, "date", FALSE, &source->date, error))
    return FALSE;

  g_ptr_array_add (ids, g_strdup (source->id));
  return add_record (ctx, ctx->dataset->sources, g_steal_pointer (&source), object,
                     ct_json_reader_get_line (ctx->reader, object), path, TRUE, error);
}

static gboolean
read_sources (ReadContext  *ctx,
              JsonObject   *object,
              const char   *path,
              GPtrArray    *ids,
              GError      **error)
{
  g_autofree char *array_path = g_strdup_printf ("%s.sources", path);
  JsonArray *array;

  if (!ct_json_get_array (ctx->reader, object, path, "sources", &array, error))
    return FALSE;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", array_path, i);
      JsonObject *element = ct_json_get_object_element (ctx->reader, object, array, array_path, i, error);

      if (element == NULL || !read_source (ctx, element, element_path, ids, error))
        return FALSE;
    }

  return TRUE;
}

/* Reads a network object; *id is its id */
static gboolean
read_network (ReadContext  *ctx,
              JsonObject   *object,
              const char   *path,
              char        **id,
              GError      **error)
{
  g_autoptr(CtNetwork) network = NULL;

  if (is_reference (object))
    return read_reference (ctx, object, path, id, error);

  network = ct_network_new ();
  if (!read_common (ctx, object, path, &network->id, &network->created, &network->updated, error) ||
      !ct_json_get_string (ctx->reader, object, path, "name", TRUE, &network->name, error) ||
      !ct_json_get_string (ctx->reader, object, path, "short_name", FALSE, &network->short_name, error) ||
      !ct_json_get_string (ctx->reader, object, path, "url", FALSE, &network->url, error) ||
      !ct_json_get_string (ctx->reader, object, path, "notes", FALSE, &network->notes, error))
    return FALSE;

  *id = g_strdup (network->id);
  return add_record (ctx, ctx->dataset->networks, g_steal_pointer (&network), object,
                     ct_json_reader_get_line (ctx->reader, object), path, TRUE, error);
}

static gboolean
read_membership (ReadContext  *ctx,
                 JsonObject   *object,
                 const char   *path,
                 const char   *city_id,
                 GError      **error)
{
  g_autoptr(CtMembership) membership = ct_membership_new ();
  JsonObject *network;

  if (!read_common (ctx, object, path, &membership->id, &membership->created, &membership->updated, error) ||
      !ct_json_get_string (ctx->reader, object, path, "joined", FALSE, &membership->joined, error) ||
      !ct_json_get_string (ctx->reader, object, path, "left", FALSE, &membership->left, error) ||
      !ct_json_get_string (ctx->reader, object, path, "role", FALSE, &membership->role, error) ||
      !ct_json_get_string (ctx->reader, object, path, "notes", FALSE, &membership->notes, error))
    return FALSE;

  membership->city = g_strdup (city_id);

  network = get_object_member (ctx, object, path, "network", error);
  if (network == NULL)
    return FALSE;

  {
    g_autofree char *network_path = g_strdup_printf ("%s.network", path);

    if (!read_network (ctx, network, network_path, &membership->network, error))
      return FALSE;
  }

  if (!read_sources (ctx, object, path, membership->sources, error))
    return FALSE;

  return add_record (ctx, ctx->dataset->memberships, g_steal_pointer (&membership), object,
                     ct_json_reader_get_line (ctx->reader, object), path, FALSE, error);
}

static gboolean
read_activity (ReadContext  *ctx,
               JsonObject   *object,
               const char   *path,
               const char   *partnership_id,
               GError      **error)
{
  g_autoptr(CtActivity) activity = ct_activity_new ();
  g_autofree char *kind = NULL;
  int value;

  if (!read_common (ctx, object, path, &activity->id, &activity->created, &activity->updated, error) ||
      !ct_json_get_string (ctx->reader, object, path, "partnership", FALSE, &activity->partnership, error) ||
      !ct_json_get_string (ctx->reader, object, path, "date", FALSE, &activity->date, error) ||
      !ct_json_get_string (ctx->reader, object, path, "kind", TRUE, &kind, error) ||
      !ct_json_get_string (ctx->reader, object, path, "title", FALSE, &activity->title, error) ||
      !ct_json_get_string (ctx->reader, object, path, "notes", FALSE, &activity->notes, error))
    return FALSE;

  if (activity->partnership == NULL)
    activity->partnership = g_strdup (partnership_id);
  else if (strcmp (activity->partnership, partnership_id) != 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.partnership", path);

      ct_json_set_error (ctx->reader, object, where, error,
                         _("“%.40s” is not the partnership the activity is in"), activity->partnership);
      return FALSE;
    }

  value = ct_activity_kind_from_string (kind);
  if (value < 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.kind", path);

      ct_json_set_error (ctx->reader, object, where, error, _("unknown activity kind “%.40s”"), kind);
      return FALSE;
    }
  activity->kind = value;

  return add_record (ctx, ctx->dataset->activities, g_steal_pointer (&activity), object,
                     ct_json_reader_get_line (ctx->reader, object), path, FALSE, error);
}

/* A [lon, lat] position (an altitude, if any, is ignored) */
static gboolean
read_position (ReadContext  *ctx,
               JsonObject   *geometry,
               JsonNode     *node,
               const char   *path,
               double       *lon,
               double       *lat,
               GError      **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  double values[2];

  if (array == NULL || json_array_get_length (array) < 2 || json_array_get_length (array) > 3)
    {
      ct_json_set_error (ctx->reader, geometry, path, error,
                         _("expected a position [longitude, latitude], found %s"), describe_node (node));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GType type = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_value_type (element) : G_TYPE_INVALID;
      double value;

      if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
        {
          ct_json_set_error (ctx->reader, geometry, path, error,
                             _("expected a number, found %s"), describe_node (element));
          return FALSE;
        }

      value = json_node_get_double (element);
      if (!isfinite (value))
        {
          ct_json_set_error (ctx->reader, geometry, path, error, _("not a finite number"));
          return FALSE;
        }

      if (i < 2)
        values[i] = value;
    }

  if (!ct_longitude_is_valid (values[0]))
    {
      ct_json_set_error (ctx->reader, geometry, path, error,
                         _("longitude %g is out of range (−180 to 180)"), values[0]);
      return FALSE;
    }

  if (!ct_latitude_is_valid (values[1]))
    {
      ct_json_set_error (ctx->reader, geometry, path, error,
                         _("latitude %g is out of range (−90 to 90)"), values[1]);
      return FALSE;
    }

  *lon = values[0];
  *lat = values[1];
  return TRUE;
}

/* Checks that the geometry has type type (one of two when type2 is not NULL); *coordinates is
 * its coordinates node */
static JsonObject *
read_geometry (ReadContext  *ctx,
               JsonObject   *feature,
               const char   *path,
               const char   *type,
               const char   *type2,
               JsonNode    **coordinates,
               char        **found_type,
               GError      **error)
{
  g_autofree char *where = g_strdup_printf ("%s.geometry", path);
  JsonNode *node = json_object_get_member (feature, "geometry");
  JsonObject *geometry;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (type2 != NULL)
        ct_json_set_error (ctx->reader, feature, where, error, _("expected a %s or a %s, found %s"),
                           type, type2, describe_node (node));
      else
        ct_json_set_error (ctx->reader, feature, where, error, _("expected a %s, found %s"),
                           type, describe_node (node));
      return NULL;
    }
  geometry = json_node_get_object (node);

  if (!ct_json_get_string (ctx->reader, geometry, where, "type", TRUE, found_type, error))
    return NULL;

  if (strcmp (*found_type, type) != 0 && (type2 == NULL || strcmp (*found_type, type2) != 0))
    {
      g_autofree char *type_path = g_strdup_printf ("%s.type", where);

      if (type2 != NULL)
        ct_json_set_error (ctx->reader, geometry, type_path, error,
                           _("expected a %s or a %s, found “%.40s”"), type, type2, *found_type);
      else
        ct_json_set_error (ctx->reader, geometry, type_path, error,
                           _("expected a %s, found “%.40s”"), type, *found_type);
      return NULL;
    }

  *coordinates = json_object_get_member (geometry, "coordinates");
  if (*coordinates == NULL || !JSON_NODE_HOLDS_ARRAY (*coordinates))
    {
      g_autofree char *coordinates_path = g_strdup_printf ("%s.coordinates", where);

      ct_json_set_error (ctx->reader, geometry, coordinates_path, error,
                         _("expected an array, found %s"), describe_node (*coordinates));
      return NULL;
    }

  return geometry;
}

static gboolean
read_line_string (ReadContext  *ctx,
                  JsonObject   *geometry,
                  JsonNode     *node,
                  const char   *path,
                  GError      **error)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL || json_array_get_length (array) < 2)
    {
      ct_json_set_error (ctx->reader, geometry, path, error,
                         _("expected a line of at least two positions"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);
      double lon, lat;

      if (!read_position (ctx, geometry, json_array_get_element (array, i), where, &lon, &lat, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_city (ReadContext  *ctx,
           JsonObject   *feature,
           JsonObject   *properties,
           const char   *path,
           GError      **error)
{
  g_autofree char *props_path = g_strdup_printf ("%s.properties", path);
  g_autofree char *region = NULL;
  g_autofree char *type = NULL;
  g_autoptr(CtCity) city = ct_city_new ();
  JsonObject *geometry;
  JsonNode *coordinates = NULL;
  JsonArray *memberships;
  const char *city_id;

  if (!read_common (ctx, properties, props_path, &city->id, &city->created, &city->updated, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "name", TRUE, &city->name, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "local_name", FALSE, &city->local_name, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "country", TRUE, &city->country, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "region", FALSE, &region, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "admin1", FALSE, &city->admin1, error) ||
      !ct_json_get_int (ctx->reader, properties, props_path, "geonames_id", &city->geonames_id, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "notes", FALSE, &city->notes, error) ||
      !ct_json_get_array (ctx->reader, properties, props_path, "memberships", &memberships, error))
    return FALSE;

  geometry = read_geometry (ctx, feature, path, "Point", NULL, &coordinates, &type, error);
  if (geometry == NULL)
    return FALSE;

  {
    g_autofree char *where = g_strdup_printf ("%s.geometry.coordinates", path);

    if (!read_position (ctx, geometry, coordinates, where, &city->lon, &city->lat, error))
      return FALSE;
  }

  city_id = city->id;
  if (!add_record (ctx, ctx->dataset->cities, g_steal_pointer (&city), properties,
                   ct_json_reader_get_line (ctx->reader, feature), props_path, FALSE, error))
    return FALSE;

  for (guint i = 0; memberships && i < json_array_get_length (memberships); i++)
    {
      g_autofree char *array_path = g_strdup_printf ("%s.memberships", props_path);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", array_path, i);
      JsonObject *element = ct_json_get_object_element (ctx->reader, properties, memberships, array_path, i, error);

      if (element == NULL || !read_membership (ctx, element, element_path, city_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_partnership_geometry (ReadContext  *ctx,
                           JsonObject   *feature,
                           const char   *path,
                           GError      **error)
{
  g_autofree char *type = NULL;
  g_autofree char *where = g_strdup_printf ("%s.geometry.coordinates", path);
  JsonNode *node = json_object_get_member (feature, "geometry");
  JsonNode *coordinates = NULL;
  JsonObject *geometry;

  /* No geometry when the cities are not in the file */
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  geometry = read_geometry (ctx, feature, path, "LineString", "MultiLineString", &coordinates, &type, error);
  if (geometry == NULL)
    return FALSE;

  if (strcmp (type, "LineString") == 0)
    return read_line_string (ctx, geometry, coordinates, where, error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (coordinates)); i++)
    {
      g_autofree char *line_path = g_strdup_printf ("%s[%u]", where, i);

      if (!read_line_string (ctx, geometry, json_array_get_element (json_node_get_array (coordinates), i),
                             line_path, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_parties (ReadContext    *ctx,
              JsonObject     *properties,
              const char     *path,
              CtPartnership  *partnership,
              GError        **error)
{
  g_autofree char *array_path = g_strdup_printf ("%s.parties", path);
  JsonArray *parties;

  if (!ct_json_get_array (ctx->reader, properties, path, "parties", &parties, error))
    return FALSE;

  for (guint i = 0; parties && i < json_array_get_length (parties); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", array_path, i);
      g_autofree char *city = NULL;
      g_autofree char *signed_name = NULL;
      JsonObject *element = ct_json_get_object_element (ctx->reader, properties, parties, array_path, i, error);

      if (element == NULL ||
          !ct_json_get_string (ctx->reader, element, element_path, "city", TRUE, &city, error) ||
          !ct_json_get_string (ctx->reader, element, element_path, "signed_name", FALSE, &signed_name, error))
        return FALSE;

      g_ptr_array_add (partnership->parties, ct_party_new (city, signed_name));
    }

  return TRUE;
}

static gboolean
read_partnership (ReadContext  *ctx,
                  JsonObject   *feature,
                  JsonObject   *properties,
                  const char   *path,
                  GError      **error)
{
  g_autofree char *props_path = g_strdup_printf ("%s.properties", path);
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  g_autoptr(CtPartnership) partnership = ct_partnership_new ();
  JsonArray *activities;
  const char *partnership_id;
  int value;

  if (!read_common (ctx, properties, props_path, &partnership->id, &partnership->created,
                    &partnership->updated, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "kind", TRUE, &kind, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "status", TRUE, &status, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "title", FALSE, &partnership->title, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "signed", FALSE, &partnership->signed_on, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "ended", FALSE, &partnership->ended, error) ||
      !ct_json_get_strings (ctx->reader, properties, props_path, "themes", partnership->themes, error) ||
      !read_parties (ctx, properties, props_path, partnership, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "notes", FALSE, &partnership->notes, error) ||
      !ct_json_get_array (ctx->reader, properties, props_path, "activities", &activities, error))
    return FALSE;

  value = ct_kind_from_string (kind);
  if (value < 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.kind", props_path);

      ct_json_set_error (ctx->reader, properties, where, error, _("unknown kind “%.40s”"), kind);
      return FALSE;
    }
  partnership->kind = value;

  value = ct_status_from_string (status);
  if (value < 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.status", props_path);

      ct_json_set_error (ctx->reader, properties, where, error, _("unknown status “%.40s”"), status);
      return FALSE;
    }
  partnership->status = value;

  if (!read_sources (ctx, properties, props_path, partnership->sources, error) ||
      !read_partnership_geometry (ctx, feature, path, error))
    return FALSE;

  partnership_id = partnership->id;
  if (!add_record (ctx, ctx->dataset->partnerships, g_steal_pointer (&partnership), properties,
                   ct_json_reader_get_line (ctx->reader, feature), props_path, FALSE, error))
    return FALSE;

  for (guint i = 0; activities && i < json_array_get_length (activities); i++)
    {
      g_autofree char *array_path = g_strdup_printf ("%s.activities", props_path);
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", array_path, i);
      JsonObject *element = ct_json_get_object_element (ctx->reader, properties, activities, array_path, i, error);

      if (element == NULL || !read_activity (ctx, element, element_path, partnership_id, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_feature (ReadContext  *ctx,
              JsonObject   *feature,
              const char   *path,
              GError      **error)
{
  g_autofree char *type = NULL;
  g_autofree char *feature_id = NULL;
  g_autofree char *feature_type = NULL;
  g_autofree char *props_path = g_strdup_printf ("%s.properties", path);
  g_autofree char *properties_id = NULL;
  JsonNode *node;
  JsonObject *properties;

  if (!ct_json_get_string (ctx->reader, feature, path, "type", TRUE, &type, error))
    return FALSE;

  if (strcmp (type, "Feature") != 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.type", path);

      ct_json_set_error (ctx->reader, feature, where, error, _("expected a Feature, found “%.40s”"), type);
      return FALSE;
    }

  node = json_object_get_member (feature, "properties");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
      (JSON_NODE_HOLDS_OBJECT (node) && !json_object_has_member (json_node_get_object (node), "feature_type")))
    {
      ct_json_set_error (ctx->reader, feature, path, error,
                         _("feature has no feature_type: not a City Ties export"));
      return FALSE;
    }

  properties = get_object_member (ctx, feature, path, "properties", error);
  if (properties == NULL ||
      !ct_json_get_string (ctx->reader, properties, props_path, "feature_type", TRUE, &feature_type, error) ||
      !ct_json_get_string (ctx->reader, feature, path, "id", FALSE, &feature_id, error) ||
      !ct_json_get_string (ctx->reader, properties, props_path, "id", TRUE, &properties_id, error))
    return FALSE;

  if (feature_id != NULL && strcmp (feature_id, properties_id) != 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.id", path);

      ct_json_set_error (ctx->reader, feature, where, error,
                         _("“%.40s” differs from properties.id “%.40s”"), feature_id, properties_id);
      return FALSE;
    }

  if (strcmp (feature_type, "city") == 0)
    return read_city (ctx, feature, properties, path, error);
  if (strcmp (feature_type, "partnership") == 0)
    return read_partnership (ctx, feature, properties, path, error);

  {
    g_autofree char *where = g_strdup_printf ("%s.feature_type", props_path);

    ct_json_set_error (ctx->reader, properties, where, error,
                       _("unknown feature type “%.40s” (expected city or partnership)"), feature_type);
  }
  return FALSE;
}

/* The line of the first thing in the file, for an error about the root */
static guint
first_line (const char *data,
            gsize       length)
{
  guint line = 1;

  for (gsize i = 0; i < length && g_ascii_isspace (data[i]); i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
read_root_array (ReadContext  *ctx,
                 JsonObject   *root,
                 const char   *member,
                 JsonArray   **array,
                 GError      **error)
{
  JsonNode *node = json_object_get_member (root, member);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ct_json_set_error (ctx->reader, root, member, error, _("expected an array, found %s"), describe_node (node));
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_version (ReadContext  *ctx,
              JsonObject   *root,
              GError      **error)
{
  JsonNode *node = json_object_get_member (root, "city_ties_version");
  gint64 version;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    {
      ct_json_set_error (ctx->reader, root, "city_ties_version", error,
                         _("expected a version number, found %s"), describe_node (node));
      return FALSE;
    }

  version = json_node_get_int (node);
  if (version > CT_GEOJSON_VERSION)
    {
      ct_json_set_error (ctx->reader, root, "city_ties_version", error,
                         _("the file is from a newer version of City Ties (format version %lld)"),
                         (long long) version);
      if (error != NULL && *error != NULL)
        (*error)->code = CT_ERROR_VERSION;
      return FALSE;
    }

  return TRUE;
}

CtDataset *
ct_geojson_read (const char  *data,
                 gsize        length,
                 const char  *filename,
                 GError     **error)
{
  return ct_geojson_read_full (data, length, filename, NULL, error);
}

CtDataset *
ct_geojson_read_full (const char        *data,
                      gsize              length,
                      const char        *filename,
                      CtImportProgress  *progress,
                      GError           **error)
{
  g_autoptr(CtJsonReader) reader = NULL;
  g_autoptr(CtDataset) dataset = NULL;
  g_autoptr(GHashTable) ids = NULL;
  ReadContext ctx;
  JsonNode *root_node;
  JsonNode *type_node;
  JsonObject *root;
  JsonArray *themes;
  JsonArray *features;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (filename == NULL)
    filename = _("<input>");

  reader = ct_json_reader_parse_full (data, length, filename, progress, error);
  if (reader == NULL)
    return NULL;

  root_node = ct_json_reader_get_root (reader);
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("%s:%u: expected a GeoJSON FeatureCollection, found %s"),
                   filename, first_line (data, length), describe_node (root_node));
      return NULL;
    }
  root = json_node_get_object (root_node);

  dataset = ct_dataset_new (filename);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.reader = reader;
  ctx.dataset = dataset;
  ctx.ids = ids;

  type_node = json_object_get_member (root, "type");
  if (type_node == NULL || !JSON_NODE_HOLDS_VALUE (type_node) ||
      json_node_get_value_type (type_node) != G_TYPE_STRING)
    {
      ct_json_set_error (reader, root, "type", error,
                         _("expected a GeoJSON FeatureCollection, found %s"), describe_node (type_node));
      return NULL;
    }

  if (strcmp (json_node_get_string (type_node), "FeatureCollection") != 0)
    {
      ct_json_set_error (reader, root, "type", error,
                         _("expected a GeoJSON FeatureCollection, found “%.40s”"),
                         json_node_get_string (type_node));
      return NULL;
    }

  if (!read_version (&ctx, root, error) ||
      !read_root_array (&ctx, root, "themes", &themes, error) ||
      !read_root_array (&ctx, root, "features", &features, error))
    return NULL;

  if (features == NULL)
    {
      ct_json_set_error (reader, root, "features", error, _("missing"));
      return NULL;
    }

  for (guint i = 0; themes && i < json_array_get_length (themes); i++)
    {
      g_autofree char *path = g_strdup_printf ("themes[%u]", i);
      JsonObject *object = ct_json_get_object_element (reader, root, themes, "themes", i, error);

      if (object == NULL || !read_theme (&ctx, object, path, error))
        return NULL;
    }

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      g_autofree char *path = g_strdup_printf ("features[%u]", i);
      JsonObject *object = ct_json_get_object_element (reader, root, features, "features", i, error);

      if (object == NULL || !read_feature (&ctx, object, path, error))
        return NULL;
      ct_json_reader_report_progress (reader, object);
    }

  return g_steal_pointer (&dataset);
}
