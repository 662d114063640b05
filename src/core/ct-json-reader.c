/* ct-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ct-error.h"
#include "ct-json-reader.h"
#include "ct-text.h"

struct _CtJsonReader
{
  JsonParser *parser;
  char       *filename;
  GHashTable *lines;  /* JsonObject → start line */
  GArray     *starts; /* lines of the objects being parsed */

  /* If given: the parse is the first half of the reading, the importer's pass over the objects
   * (ct_json_reader_report_progress()) the second */
  CtImportProgress *progress;
  guint       n_lines;
  guint       n_objects;
};

static void
on_object_start_cb (JsonParser   *parser,
                    CtJsonReader *self)
{
  guint line = json_parser_get_current_line (parser);

  g_array_append_val (self->starts, line);

  if (self->progress && (++self->n_objects & 1023) == 0)
    ct_import_progress_set_reading (self->progress, line, 2 * (guint64) self->n_lines);
}

static void
on_object_end_cb (JsonParser   *parser,
                  JsonObject   *object,
                  CtJsonReader *self)
{
  guint line;

  g_return_if_fail (self->starts->len > 0);
  line = g_array_index (self->starts, guint, self->starts->len - 1);
  g_array_set_size (self->starts, self->starts->len - 1);
  g_hash_table_insert (self->lines, object, GUINT_TO_POINTER (line));
}

/* The length of the \uXXXX escape (or surrogate pair of them) at data[i], 0 if it is malformed.
 * json-glib 1.6 leaks memory on a malformed one and turns a lone low surrogate into bytes that
 * are not UTF-8. */
static gsize
unicode_escape_length (const char *data,
                       gsize       length,
                       gsize       i)
{
  guint units[2] = { 0, 0 };

  for (guint u = 0; u < 2; u++)
    {
      const char *p = data + i + u * 6;

      if (i + u * 6 + 6 > length || p[0] != '\\' || p[1] != 'u')
        return 0;
      for (guint k = 2; k < 6; k++)
        {
          if (!g_ascii_isxdigit (p[k]))
            return 0;
          units[u] = units[u] * 16 + g_ascii_xdigit_value (p[k]);
        }

      if (u == 0 && (units[0] < 0xd800 || units[0] > 0xdfff))
        return 6;
      if (u == 0 && units[0] > 0xdbff)
        return 0;  /* a low surrogate first */
    }

  return units[1] >= 0xdc00 && units[1] <= 0xdfff ? 12 : 0;
}

/* json-glib has no depth limit of its own; deep nesting would recurse deeply. Count brackets
 * outside strings first, and check that only one value is at the top and that \u escapes are
 * well formed. */
static gboolean
check_depth (const char  *data,
             gsize        length,
             const char  *filename,
             guint       *n_lines,
             GError     **error)
{
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;

      if (in_string)
        {
          if (c == '\\' && i + 1 < length && data[i + 1] == 'u')
            {
              gsize n = unicode_escape_length (data, length, i);

              if (n == 0)
                {
                  g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                               _("%s:%u: invalid \\u escape in a string (four hexadecimal digits, "
                                 "surrogates only in pairs)"), filename, line);
                  return FALSE;
                }
              i += n - 1;
            }
          else if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          /* json-glib parses an object or array after the top-level value as a value of its own,
           * accepts the file and leaks it: refuse anything but one value */
          if (depth == 0 && started)
            {
              g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                           _("%s:%u: more than one value at the top of the file"), filename, line);
              return FALSE;
            }
          if (++depth > CT_MAX_JSON_DEPTH)
            {
              g_set_error (error, CT_ERROR, CT_ERROR_TOO_LARGE,
                           _("%s:%u: nested deeper than %d levels"), filename, line, CT_MAX_JSON_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;

      if (!g_ascii_isspace (c))
        started = TRUE;
    }

  *n_lines = line;
  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

CtJsonReader *
ct_json_reader_parse (const char  *data,
                      gsize        length,
                      const char  *filename,
                      GError     **error)
{
  return ct_json_reader_parse_full (data, length, filename, NULL, error);
}

CtJsonReader *
ct_json_reader_parse_full (const char        *data,
                           gsize              length,
                           const char        *filename,
                           CtImportProgress  *progress,
                           GError           **error)
{
  g_autoptr(CtJsonReader) self = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_lines = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > CT_MAX_FILE_SIZE)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), filename, (guint) (CT_MAX_FILE_SIZE >> 20));
      return NULL;
    }

  data = ct_text_skip_bom (data, &length);

  if (is_blank (data, length))
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: the file is empty"), filename);
      return NULL;
    }

  if (!ct_text_check_utf8 (data, length, filename, error) ||
      !check_depth (data, length, filename, &n_lines, error))
    return NULL;

  self = g_new0 (CtJsonReader, 1);
  self->filename = g_strdup (filename);
  self->lines = g_hash_table_new (NULL, NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->progress = progress;
  self->n_lines = n_lines;
  /* immutable: json-glib then skips the copy it makes for mutable trees */
  self->parser = json_parser_new_immutable ();
  g_signal_connect (self->parser, "object-start", G_CALLBACK (on_object_start_cb), self);
  g_signal_connect (self->parser, "object-end", G_CALLBACK (on_object_end_cb), self);

  if (!json_parser_load_from_data (self->parser, data, length, &local_error))
    {
      /* json-glib's messages start with "<data>:line:col: Parse error: …" and may quote a string
       * of the file as it decoded it, with an escaped lone surrogate as invalid UTF-8 */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      const char *msg = valid;

      if (g_str_has_prefix (msg, "<data>"))
        g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, "%s%s", filename, msg + strlen ("<data>"));
      else
        g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, "%s: %s", filename, msg);
      return NULL;
    }

  g_signal_handlers_disconnect_by_data (self->parser, self);
  self->n_objects = 0;

  /* json-glib skips comments: a file of only a comment parses, to nothing */
  if (json_parser_get_root (self->parser) == NULL)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("%s: the file is empty"), filename);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
ct_json_reader_free (CtJsonReader *self)
{
  if (self == NULL)
    return;
  if (self->parser)
    g_signal_handlers_disconnect_by_data (self->parser, self);
  g_clear_object (&self->parser);
  g_hash_table_unref (self->lines);
  g_array_unref (self->starts);
  g_free (self->filename);
  g_free (self);
}

JsonNode *
ct_json_reader_get_root (CtJsonReader *self)
{
  return json_parser_get_root (self->parser);
}

void
ct_json_reader_report_progress (CtJsonReader *self,
                                JsonObject   *object)
{
  if (self->progress && (++self->n_objects & 1023) == 0)
    ct_import_progress_set_reading (self->progress,
                                    self->n_lines + (guint64) ct_json_reader_get_line (self, object),
                                    2 * (guint64) self->n_lines);
}

const char *
ct_json_reader_get_filename (CtJsonReader *self)
{
  return self->filename;
}

guint
ct_json_reader_get_line (CtJsonReader *self,
                         JsonObject   *object)
{
  if (object == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, object));
}

void
ct_json_set_error (CtJsonReader  *self,
                   JsonObject    *object,
                   const char    *path,
                   GError       **error,
                   const char    *format,
                   ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  g_autofree char *valid = NULL;
  guint line = ct_json_reader_get_line (self, object);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    full = g_strdup_printf ("%s:%u: %s: %s", self->filename, line, path, message);
  else
    full = g_strdup_printf ("%s: %s: %s", self->filename, path, message);

  /* Excerpts of values ("%.40s") may end in the middle of a character; the message is shown in
   * the window, which needs UTF-8 */
  valid = g_utf8_make_valid (full, -1);
  g_set_error_literal (error, CT_ERROR, CT_ERROR_INVALID_INPUT, valid);
}

static const char *
describe_type (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY: return _("an array");
    case JSON_NODE_NULL: return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING: return _("a string");
        case G_TYPE_BOOLEAN: return _("true or false");
        default: return _("a number");
        }
    }
}

/* Names "path.member" in the message; the path is only built when something is wrong, as the
 * fields of a large file are read by the million */
static void
member_error (CtJsonReader  *self,
              JsonObject    *object,
              const char    *path,
              const char    *member,
              GError       **error,
              const char    *format,
              ...) G_GNUC_PRINTF (6, 7);

static void
member_error (CtJsonReader  *self,
              JsonObject    *object,
              const char    *path,
              const char    *member,
              GError       **error,
              const char    *format,
              ...)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  ct_json_set_error (self, object, where, error, "%s", message);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
ct_json_get_string (CtJsonReader  *self,
                    JsonObject    *object,
                    const char    *path,
                    const char    *member,
                    gboolean       required,
                    char         **out,
                    GError       **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  if (node == NULL || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
                       *json_node_get_string (node) == '\0'))
    {
      if (required)
        {
          member_error (self, object, path, member, error, _("missing"));
          return FALSE;
        }
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      member_error (self, object, path, member, error, _("expected a string, found %s"), describe_type (node));
      return FALSE;
    }

  value = json_node_get_string (node);
  if (strlen (value) > CT_MAX_STRING_BYTES)
    {
      member_error (self, object, path, member, error, _("text longer than %d bytes"), CT_MAX_STRING_BYTES);
      if (error != NULL)
        (*error)->code = CT_ERROR_TOO_LARGE;
      return FALSE;
    }

  *out = g_strdup (value);
  return TRUE;
}

gboolean
ct_json_get_double (CtJsonReader  *self,
                    JsonObject    *object,
                    const char    *path,
                    const char    *member,
                    gboolean       required,
                    double        *out,
                    GError       **error)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL)
    {
      if (required)
        {
          member_error (self, object, path, member, error, _("missing"));
          return FALSE;
        }
      *out = NAN;
      return TRUE;
    }

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    {
      member_error (self, object, path, member, error, _("expected a number, found %s"), describe_type (node));
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out))
    {
      member_error (self, object, path, member, error, _("not a finite number"));
      return FALSE;
    }

  return TRUE;
}

gboolean
ct_json_get_int (CtJsonReader  *self,
                 JsonObject    *object,
                 const char    *path,
                 const char    *member,
                 gint64        *out,
                 GError       **error)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL)
    {
      *out = 0;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      member_error (self, object, path, member, error, _("expected a whole number, found %s"), describe_type (node));
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
ct_json_get_array (CtJsonReader  *self,
                   JsonObject    *object,
                   const char    *path,
                   const char    *member,
                   JsonArray    **out,
                   GError       **error)
{
  JsonNode *node = get_member (object, member);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
    
      member_error (self, object, path, member, error, _("expected an array, found %s"), describe_type (node));
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
ct_json_get_strings (CtJsonReader  *self,
                     JsonObject    *object,
                     const char    *path,
                     const char    *member,
                     GPtrArray     *out,
                     GError       **error)
{
  JsonArray *array;

  if (!ct_json_get_array (self, object, path, member, &array, error))
    return FALSE;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          strlen (json_node_get_string (node)) > CT_MAX_STRING_BYTES)
        {
          g_autofree char *where = g_strdup_printf ("%s.%s[%u]", path, member, i);

          ct_json_set_error (self, object, where, error, _("expected a string, found %s"), describe_type (node));
          return FALSE;
        }

      g_ptr_array_add (out, g_strdup (json_node_get_string (node)));
    }

  return TRUE;
}

JsonObject *
ct_json_get_object_element (CtJsonReader  *self,
                            JsonObject    *parent,
                            JsonArray     *array,
                            const char    *path,
                            guint          index,
                            GError       **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *where = g_strdup_printf ("%s[%u]", path, index);

      ct_json_set_error (self, parent, where, error, _("expected an object, found %s"), describe_type (node));
      return NULL;
    }

  return json_node_get_object (node);
}
