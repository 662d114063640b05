/* ct-json-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "ct-json-writer.h"

#define MAX_DEPTH 64

struct _CtJsonWriter
{
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  first[MAX_DEPTH + 1]; /* no value written yet at this depth */
  gboolean  after_member;         /* a member name was written; the value follows on its line */
};

CtJsonWriter *
ct_json_writer_new (gboolean pretty)
{
  CtJsonWriter *self = g_new0 (CtJsonWriter, 1);

  self->out = g_string_sized_new (4096);
  self->pretty = pretty;
  self->first[0] = TRUE;
  return self;
}

void
ct_json_writer_free (CtJsonWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->out, TRUE);
  g_free (self);
}

char *
ct_json_writer_free_to_string (CtJsonWriter *self,
                               gsize        *length)
{
  GString *out = self->out;

  g_string_append_c (out, '\n');
  if (length)
    *length = out->len;
  g_free (self);
  return g_string_free (out, FALSE);
}

static void
newline (CtJsonWriter *self)
{
  if (!self->pretty)
    return;
  g_string_append_c (self->out, '\n');
  for (guint i = 0; i < self->depth; i++)
    g_string_append (self->out, "  ");
}

/* Separator and indentation before a value or a member name */
static void
before_item (CtJsonWriter *self)
{
  if (self->after_member)
    {
      self->after_member = FALSE;
      return;
    }

  if (!self->first[self->depth])
    g_string_append_c (self->out, ',');
  self->first[self->depth] = FALSE;

  if (self->depth > 0)
    newline (self);
}

static void
begin (CtJsonWriter *self,
       char          c)
{
  before_item (self);
  g_string_append_c (self->out, c);
  g_assert (self->depth < MAX_DEPTH);
  self->depth++;
  self->first[self->depth] = TRUE;
}

static void
end (CtJsonWriter *self,
     char          c)
{
  gboolean empty = self->first[self->depth];

  g_assert (self->depth > 0);
  self->depth--;
  if (!empty)
    newline (self);
  g_string_append_c (self->out, c);
}

void ct_json_writer_begin_object (CtJsonWriter *self) { begin (self, '{'); }
void ct_json_writer_end_object (CtJsonWriter *self) { end (self, '}'); }
void ct_json_writer_begin_array (CtJsonWriter *self) { begin (self, '['); }
void ct_json_writer_end_array (CtJsonWriter *self) { end (self, ']'); }

void
ct_json_writer_member (CtJsonWriter *self,
                       const char   *name)
{
  before_item (self);
  ct_json_append_string (self->out, name);
  g_string_append (self->out, self->pretty ? ": " : ":");
  self->after_member = TRUE;
}

void
ct_json_writer_string (CtJsonWriter *self,
                       const char   *value)
{
  before_item (self);
  ct_json_append_string (self->out, value);
}

void
ct_json_writer_double (CtJsonWriter *self,
                       double        value)
{
  before_item (self);
  ct_json_append_double (self->out, value);
}

void
ct_json_writer_int (CtJsonWriter *self,
                    gint64        value)
{
  before_item (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
ct_json_writer_null (CtJsonWriter *self)
{
  before_item (self);
  g_string_append (self->out, "null");
}

void
ct_json_writer_boolean (CtJsonWriter *self,
                        gboolean      value)
{
  before_item (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
ct_json_writer_string_member (CtJsonWriter *self,
                              const char   *name,
                              const char   *value)
{
  ct_json_writer_member (self, name);
  ct_json_writer_string (self, value);
}

void
ct_json_writer_double_member (CtJsonWriter *self,
                              const char   *name,
                              double        value)
{
  ct_json_writer_member (self, name);
  ct_json_writer_double (self, value);
}

void
ct_json_writer_int_member (CtJsonWriter *self,
                           const char   *name,
                           gint64        value)
{
  ct_json_writer_member (self, name);
  ct_json_writer_int (self, value);
}

void
ct_json_append_string (GString    *out,
                       const char *value)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p = (const guchar *) (value ? value : "");
  const guchar *run = p;

  g_string_append_c (out, '"');

  for (; *p; p++)
    {
      const char *escape = NULL;

      if (*p >= 0x20 && *p != '"' && *p != '\\')
        continue;

      g_string_append_len (out, (const char *) run, p - run);
      run = p + 1;

      switch (*p)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default: break;
        }

      if (escape)
        g_string_append (out, escape);
      else
        {
          char u[7] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xf], 0 };
          g_string_append (out, u);
        }
    }

  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

void
ct_json_append_double (GString *out,
                       double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* The shortest of %.15g … %.17g that reads back exactly */
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);

  /* Keep it a JSON number that reads back as a double: 25 → 25.0 */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}
