/* ct-json-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ct-error.h"
#include "ct-json-format.h"
#include "ct-json-reader.h"
#include "ct-json-writer.h"
#include "ct-validate.h"

/* Writing */

static void
write_common_end (CtJsonWriter *w,
                  const char   *notes,
                  const char   *created,
                  const char   *updated)
{
  if (notes != (const char *) -1)
    ct_json_writer_string_member (w, "notes", notes);
  ct_json_writer_string_member (w, "created", created);
  ct_json_writer_string_member (w, "updated", updated);
}

static void
write_strings (CtJsonWriter *w,
               const char   *name,
               GPtrArray    *strings)
{
  ct_json_writer_member (w, name);
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < strings->len; i++)
    ct_json_writer_string (w, g_ptr_array_index (strings, i));
  ct_json_writer_end_array (w);
}

char *
ct_json_format_write (CtDataset *ds,
                      gsize     *length)
{
  g_autoptr(CtJsonWriter) w = ct_json_writer_new (TRUE);

  ct_json_writer_begin_object (w);
  ct_json_writer_string_member (w, "format", CT_JSON_FORMAT_ID);
  ct_json_writer_int_member (w, "version", CT_JSON_FORMAT_VERSION);

  ct_json_writer_member (w, "themes");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->themes->len; i++)
    {
      CtTheme *t = g_ptr_array_index (ds->themes, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", t->id);
      ct_json_writer_string_member (w, "key", t->key);
      ct_json_writer_string_member (w, "label", t->label);
      write_common_end (w, (const char *) -1, t->created, t->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "cities");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->cities->len; i++)
    {
      CtCity *c = g_ptr_array_index (ds->cities, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", c->id);
      ct_json_writer_string_member (w, "name", c->name);
      ct_json_writer_string_member (w, "local_name", c->local_name);
      ct_json_writer_string_member (w, "country", c->country);
      ct_json_writer_string_member (w, "admin1", c->admin1);
      ct_json_writer_double_member (w, "lat", c->lat);
      ct_json_writer_double_member (w, "lon", c->lon);
      ct_json_writer_member (w, "geonames_id");
      if (c->geonames_id > 0)
        ct_json_writer_int (w, c->geonames_id);
      else
        ct_json_writer_null (w);
      write_common_end (w, c->notes, c->created, c->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "networks");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->networks->len; i++)
    {
      CtNetwork *n = g_ptr_array_index (ds->networks, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", n->id);
      ct_json_writer_string_member (w, "name", n->name);
      ct_json_writer_string_member (w, "short_name", n->short_name);
      ct_json_writer_string_member (w, "url", n->url);
      write_common_end (w, n->notes, n->created, n->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "sources");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->sources->len; i++)
    {
      CtSource *s = g_ptr_array_index (ds->sources, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", s->id);
      ct_json_writer_string_member (w, "title", s->title);
      ct_json_writer_string_member (w, "publisher", s->publisher);
      ct_json_writer_string_member (w, "url", s->url);
      ct_json_writer_string_member (w, "date", s->date);
      write_common_end (w, (const char *) -1, s->created, s->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "partnerships");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->partnerships->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ds->partnerships, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", p->id);
      ct_json_writer_string_member (w, "kind", ct_kind_to_string (p->kind));
      ct_json_writer_string_member (w, "status", ct_status_to_string (p->status));
      ct_json_writer_string_member (w, "title", p->title);
      ct_json_writer_string_member (w, "signed", p->signed_on);
      ct_json_writer_string_member (w, "ended", p->ended);
      write_strings (w, "themes", p->themes);
      ct_json_writer_member (w, "parties");
      ct_json_writer_begin_array (w);
      for (guint j = 0; j < p->parties->len; j++)
        {
          CtParty *party = g_ptr_array_index (p->parties, j);

          ct_json_writer_begin_object (w);
          ct_json_writer_string_member (w, "city", party->city);
          ct_json_writer_string_member (w, "signed_name", party->signed_name);
          ct_json_writer_end_object (w);
        }
      ct_json_writer_end_array (w);
      write_strings (w, "sources", p->sources);
      write_common_end (w, p->notes, p->created, p->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "memberships");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->memberships->len; i++)
    {
      CtMembership *m = g_ptr_array_index (ds->memberships, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", m->id);
      ct_json_writer_string_member (w, "city", m->city);
      ct_json_writer_string_member (w, "network", m->network);
      ct_json_writer_string_member (w, "joined", m->joined);
      ct_json_writer_string_member (w, "left", m->left);
      ct_json_writer_string_member (w, "role", m->role);
      write_strings (w, "sources", m->sources);
      write_common_end (w, m->notes, m->created, m->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_member (w, "activities");
  ct_json_writer_begin_array (w);
  for (guint i = 0; i < ds->activities->len; i++)
    {
      CtActivity *a = g_ptr_array_index (ds->activities, i);

      ct_json_writer_begin_object (w);
      ct_json_writer_string_member (w, "id", a->id);
      ct_json_writer_string_member (w, "partnership", a->partnership);
      ct_json_writer_string_member (w, "date", a->date);
      ct_json_writer_string_member (w, "kind", ct_activity_kind_to_string (a->kind));
      ct_json_writer_string_member (w, "title", a->title);
      write_common_end (w, a->notes, a->created, a->updated);
      ct_json_writer_end_object (w);
    }
  ct_json_writer_end_array (w);

  ct_json_writer_end_object (w);

  return ct_json_writer_free_to_string (g_steal_pointer (&w), length);
}

/* Reading */

typedef struct {
  CtJsonReader *reader;
  CtDataset    *ds;
  JsonObject   *object;
  char          path[64];
} Ctx;

#define STR(member, required, out) \
  ct_json_get_string (ctx->reader, ctx->object, ctx->path, member, required, out, error)

static gboolean
read_common (Ctx      *ctx,
             char    **id,
             char    **created,
             char    **updated,
             GError  **error)
{
  return STR ("id", TRUE, id) && STR ("created", TRUE, created) && STR ("updated", TRUE, updated);
}

static gboolean
read_enum (Ctx         *ctx,
           const char  *member,
           int        (*from_string) (const char *),
           const char  *what,
           int         *out,
           GError     **error)
{
  g_autofree char *value = NULL;

  if (!STR (member, TRUE, &value))
    return FALSE;

  *out = from_string (value);
  if (*out < 0)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", ctx->path, member);

      ct_json_set_error (ctx->reader, ctx->object, where, error, _("unknown %s “%.40s”"), what, value);
      return FALSE;
    }

  return TRUE;
}

static gpointer
read_theme (Ctx *ctx, GError **error)
{
  g_autoptr(CtTheme) t = ct_theme_new ();

  if (!read_common (ctx, &t->id, &t->created, &t->updated, error) ||
      !STR ("key", TRUE, &t->key) || !STR ("label", TRUE, &t->label))
    return NULL;
  return g_steal_pointer (&t);
}

static gpointer
read_city (Ctx *ctx, GError **error)
{
  g_autoptr(CtCity) c = ct_city_new ();

  if (!read_common (ctx, &c->id, &c->created, &c->updated, error) ||
      !STR ("name", TRUE, &c->name) || !STR ("local_name", FALSE, &c->local_name) ||
      !STR ("country", TRUE, &c->country) || !STR ("admin1", FALSE, &c->admin1) ||
      !STR ("notes", FALSE, &c->notes) ||
      !ct_json_get_double (ctx->reader, ctx->object, ctx->path, "lat", TRUE, &c->lat, error) ||
      !ct_json_get_double (ctx->reader, ctx->object, ctx->path, "lon", TRUE, &c->lon, error) ||
      !ct_json_get_int (ctx->reader, ctx->object, ctx->path, "geonames_id", &c->geonames_id, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gpointer
read_network (Ctx *ctx, GError **error)
{
  g_autoptr(CtNetwork) n = ct_network_new ();

  if (!read_common (ctx, &n->id, &n->created, &n->updated, error) ||
      !STR ("name", TRUE, &n->name) || !STR ("short_name", FALSE, &n->short_name) ||
      !STR ("url", FALSE, &n->url) || !STR ("notes", FALSE, &n->notes))
    return NULL;
  return g_steal_pointer (&n);
}

static gpointer
read_source (Ctx *ctx, GError **error)
{
  g_autoptr(CtSource) s = ct_source_new ();

  if (!read_common (ctx, &s->id, &s->created, &s->updated, error) ||
      !STR ("title", TRUE, &s->title) || !STR ("publisher", FALSE, &s->publisher) ||
      !STR ("url", FALSE, &s->url) || !STR ("date", FALSE, &s->date))
    return NULL;
  return g_steal_pointer (&s);
}

static gpointer
read_partnership (Ctx *ctx, GError **error)
{
  g_autoptr(CtPartnership) p = ct_partnership_new ();
  JsonArray *parties;
  int kind, status;

  if (!read_common (ctx, &p->id, &p->created, &p->updated, error) ||
      !read_enum (ctx, "kind", ct_kind_from_string, _("kind"), &kind, error) ||
      !read_enum (ctx, "status", ct_status_from_string, _("status"), &status, error) ||
      !STR ("title", FALSE, &p->title) || !STR ("signed", FALSE, &p->signed_on) ||
      !STR ("ended", FALSE, &p->ended) || !STR ("notes", FALSE, &p->notes) ||
      !ct_json_get_strings (ctx->reader, ctx->object, ctx->path, "themes", p->themes, error) ||
      !ct_json_get_strings (ctx->reader, ctx->object, ctx->path, "sources", p->sources, error) ||
      !ct_json_get_array (ctx->reader, ctx->object, ctx->path, "parties", &parties, error))
    return NULL;

  p->kind = kind;
  p->status = status;

  for (guint i = 0; parties && i < json_array_get_length (parties); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s.parties[%u]", ctx->path, i);
      g_autoptr(CtParty) party = g_new0 (CtParty, 1);
      JsonObject *o;

      if (!(o = ct_json_get_object_element (ctx->reader, ctx->object, parties, path, i, error)) ||
          !ct_json_get_string (ctx->reader, o, path, "city", TRUE, &party->city, error) ||
          !ct_json_get_string (ctx->reader, o, path, "signed_name", FALSE, &party->signed_name, error))
        return NULL;

      g_ptr_array_add (p->parties, g_steal_pointer (&party));
    }

  return g_steal_pointer (&p);
}

static gpointer
read_membership (Ctx *ctx, GError **error)
{
  g_autoptr(CtMembership) m = ct_membership_new ();

  if (!read_common (ctx, &m->id, &m->created, &m->updated, error) ||
      !STR ("city", TRUE, &m->city) || !STR ("network", TRUE, &m->network) ||
      !STR ("joined", FALSE, &m->joined) || !STR ("left", FALSE, &m->left) ||
      !STR ("role", FALSE, &m->role) || !STR ("notes", FALSE, &m->notes) ||
      !ct_json_get_strings (ctx->reader, ctx->object, ctx->path, "sources", m->sources, error))
    return NULL;
  return g_steal_pointer (&m);
}

static gpointer
read_activity (Ctx *ctx, GError **error)
{
  g_autoptr(CtActivity) a = ct_activity_new ();
  int kind;

  if (!read_common (ctx, &a->id, &a->created, &a->updated, error) ||
      !STR ("partnership", TRUE, &a->partnership) || !STR ("date", FALSE, &a->date) ||
      !read_enum (ctx, "kind", ct_activity_kind_from_string, _("activity kind"), &kind, error) ||
      !STR ("title", FALSE, &a->title) || !STR ("notes", FALSE, &a->notes))
    return NULL;
  a->kind = kind;
  return g_steal_pointer (&a);
}

#undef STR

typedef gpointer (*ReadRecord) (Ctx *ctx, GError **error);

static gboolean
read_array (CtJsonReader  *reader,
            CtDataset     *ds,
            JsonObject    *root,
            const char    *name,
            GPtrArray     *into,
            ReadRecord     read,
            GError       **error)
{
  JsonArray *array;
  Ctx ctx = { reader, ds, NULL, "" };

  if (!ct_json_get_array (reader, root, "$", name, &array, error))
    return FALSE;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) local_error = NULL;
      gpointer record;
      guint line;

      g_snprintf (ctx.path, sizeof ctx.path, "%s[%u]", name, i);
      if (!(ctx.object = ct_json_get_object_element (reader, root, array, ctx.path, i, error)))
        return FALSE;

      if (!(record = read (&ctx, error)))
        return FALSE;

      g_ptr_array_add (into, record);
      line = ct_json_reader_get_line (reader, ctx.object);
      ct_dataset_set_line (ds, record, line);
      ct_json_reader_report_progress (reader, ctx.object);

      /* Check the values here, where the line is known, rather than only in the store */
      if (!ct_validate_record (record, &local_error))
        {
          ct_json_set_error (reader, ctx.object, ctx.path, error, "%s", local_error->message);
          if (local_error->code == CT_ERROR_TOO_LARGE && error != NULL)
            (*error)->code = CT_ERROR_TOO_LARGE;
          return FALSE;
        }
    }

  return TRUE;
}

CtDataset *
ct_json_format_read (const char  *data,
                     gsize        length,
                     const char  *filename,
                     GError     **error)
{
  return ct_json_format_read_full (data, length, filename, NULL, error);
}

CtDataset *
ct_json_format_read_full (const char        *data,
                          gsize              length,
                          const char        *filename,
                          CtImportProgress  *progress,
                          GError           **error)
{
  g_autoptr(CtJsonReader) reader = NULL;
  g_autoptr(CtDataset) ds = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *node;
  gint64 version = 0;

  if (!(reader = ct_json_reader_parse_full (data, length, filename, progress, error)))
    return NULL;

  node = ct_json_reader_get_root (reader);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("%s:1: expected an object with “format” and “version” at the top, found something else"),
                   filename);
      return NULL;
    }

  root = json_node_get_object (node);
  if (!ct_json_get_string (reader, root, "$", "format", TRUE, &format, error))
    return NULL;

  if (g_strcmp0 (format, CT_JSON_FORMAT_ID) != 0)
    {
      ct_json_set_error (reader, root, "format", error, _("“%.60s” is not a City Ties file"), format);
      return NULL;
    }

  if (!ct_json_get_int (reader, root, "$", "version", &version, error))
    return NULL;

  if (version < 1 || version > CT_JSON_FORMAT_VERSION)
    {
      ct_json_set_error (reader, root, "version", error,
                         _("version %lld is not supported; this City Ties reads version %d"),
                         (long long) version, CT_JSON_FORMAT_VERSION);
      if (error != NULL)
        (*error)->code = CT_ERROR_VERSION;
      return NULL;
    }

  ds = ct_dataset_new (filename);

  if (!read_array (reader, ds, root, "themes", ds->themes, read_theme, error) ||
      !read_array (reader, ds, root, "cities", ds->cities, read_city, error) ||
      !read_array (reader, ds, root, "networks", ds->networks, read_network, error) ||
      !read_array (reader, ds, root, "sources", ds->sources, read_source, error) ||
      !read_array (reader, ds, root, "partnerships", ds->partnerships, read_partnership, error) ||
      !read_array (reader, ds, root, "memberships", ds->memberships, read_membership, error) ||
      !read_array (reader, ds, root, "activities", ds->activities, read_activity, error))
    return NULL;

  ds->validated = TRUE;
  return g_steal_pointer (&ds);
}
