/* ct-csv.c: RFC 4180 CSV reader and writer helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ct-csv.h"
#include "ct-error.h"
#include "ct-text.h"

/*
 * The reader makes one pass over the caller's buffer.  The fields of the
 * current record are copied, unquoted and NUL-terminated, into a single
 * arena that is reused for every record; the GPtrArray handed out points
 * into it.  The arena never grows beyond one record (at most
 * CT_MAX_CSV_FIELDS × (CT_MAX_STRING_BYTES + 1) bytes).
 */

struct _CtCsvReader
{
  const char *start;        /* after the byte-order mark */
  const char *pos;
  const char *end;
  char       *filename;
  GError     *error;

  guint       line;         /* physical line of pos, 1-based */
  guint       record_line;  /* physical line where the last record started */

  char       *arena;
  gsize       arena_used;
  gsize       arena_size;

  GPtrArray  *fields;
  gsize       offsets[CT_MAX_CSV_FIELDS];
};

/* Bytes that end an unquoted field or make it invalid */
static const guint8 unquoted_stop[256] = {
  ['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};

/**
 * ct_csv_reader_new:
 * @data: the bytes of a CSV file; not copied, must stay alive and unchanged
 *   as long as the reader
 * @len: the number of bytes in @data
 * @filename: (nullable): the file name to show in messages
 *
 * Creates a reader for @data.  A UTF-8 byte-order mark at the start is
 * skipped.  The reader does not check the encoding: call
 * ct_text_check_utf8() on @data first (a NUL byte would cut a field short).
 *
 * Returns: (transfer full): a new reader
 */
CtCsvReader *
ct_csv_reader_new (const char *data,
                   gsize       len,
                   const char *filename)
{
  CtCsvReader *self;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = "";

  data = ct_text_skip_bom (data, &len);

  self = g_new0 (CtCsvReader, 1);
  self->start = data;
  self->pos = data;
  self->end = data + len;
  self->filename = g_strdup (filename != NULL ? filename : _("<input>"));
  self->line = 1;
  self->record_line = 0;
  self->arena_size = 4096;
  self->arena = g_malloc (self->arena_size);
  self->fields = g_ptr_array_sized_new (16);

  return self;
}

void
ct_csv_reader_free (CtCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_error (&self->error);
  g_ptr_array_unref (self->fields);
  g_free (self->arena);
  g_free (self->filename);
  g_free (self);
}

/**
 * ct_csv_reader_get_line:
 * @self: a #CtCsvReader
 *
 * Gets the 1-based physical line on which the record last returned by
 * ct_csv_reader_next() started (a quoted field may make a record span
 * several lines).  A line ends at LF, CR LF or a lone CR.
 *
 * Returns: the line, or 0 before the first record
 */
guint
ct_csv_reader_get_line (CtCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

/**
 * ct_csv_reader_get_position:
 * @self: a #CtCsvReader
 * @total: (out) (optional): the number of bytes the reader reads in all
 *
 * Gets how many bytes the reader has read, for a progress report.
 *
 * Returns: the bytes read so far, up to @total
 */
gsize
ct_csv_reader_get_position (CtCsvReader *self,
                            gsize       *total)
{
  g_return_val_if_fail (self != NULL, 0);

  if (total)
    *total = (gsize) (self->end - self->start);
  return (gsize) (self->pos - self->start);
}

static inline void
arena_append (CtCsvReader *self,
              const char  *bytes,
              gsize        len)
{
  /* +1 leaves room for the NUL that ends every field */
  if G_UNLIKELY (self->arena_used + len + 1 > self->arena_size)
    {
      while (self->arena_used + len + 1 > self->arena_size)
        self->arena_size *= 2;
      self->arena = g_realloc (self->arena, self->arena_size);
    }

  memcpy (self->arena + self->arena_used, bytes, len);
  self->arena_used += len;
}

static inline void
arena_end_field (CtCsvReader *self)
{
  /* arena_append() always leaves room for this byte */
  self->arena[self->arena_used++] = '\0';
}

/* Number of line ends (LF, CR LF, lone CR) in the contents of a quoted field.
 * @p[@len] is a quote, so a CR at the end of the span is a lone CR. */
static inline guint
count_line_ends (const char *p,
                 gsize       len)
{
  const char *e = p + len;
  guint n = 0;

  for (; p < e; p++)
    {
      if (*p == '\n')
        n++;
      else if (*p == '\r' && (p + 1 == e || p[1] != '\n'))
        n++;
    }

  return n;
}

static inline const char *
skip_line_end (CtCsvReader *self,
               const char  *p)
{
  if (*p == '\r')
    {
      p++;
      if (p < self->end && *p == '\n')
        p++;
    }
  else
    {
      p++;
    }

  self->line++;

  return p;
}

static gboolean
fail (CtCsvReader  *self,
      GError      **error,
      int           code,
      char         *message)
{
  g_clear_error (&self->error);
  self->error = g_error_new_literal (CT_ERROR, code, message);
  g_free (message);

  g_propagate_error (error, g_error_copy (self->error));

  return FALSE;
}

/**
 * ct_csv_reader_next:
 * @self: a #CtCsvReader
 * @fields: (out) (transfer none): the fields of the record, as NUL-terminated
 *   strings owned by the reader and valid until the next call
 * @error: return location for a #GError
 *
 * Reads the next record.  Records end at LF, CR LF, a lone CR or the end of
 * the input; completely empty lines are skipped.  Quoted fields may hold
 * commas, doubled quotes and line ends, which are kept as they are.
 *
 * On malformed input fails with %CT_ERROR_INVALID_INPUT (an unterminated
 * quoted field, a quote inside an unquoted field, anything but a comma or a
 * line end after a closing quote) or %CT_ERROR_TOO_LARGE (more than
 * %CT_MAX_CSV_FIELDS fields, a field longer than %CT_MAX_STRING_BYTES
 * bytes).  Messages start with `file:line:`; "column N" in a message is the
 * 1-based field number.  Once it has failed the reader keeps failing with
 * the same error.
 *
 * Returns: %TRUE if a record was read; %FALSE at the end of the input
 *   (with no error) or on error
 */
gboolean
ct_csv_reader_next (CtCsvReader  *self,
                    GPtrArray   **fields,
                    GError      **error)
{
  const char *p;
  const char *end;
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  p = self->pos;
  end = self->end;

  /* Completely blank lines, and the empty "line" after the last line end */
  while (p < end && (*p == '\n' || *p == '\r'))
    p = skip_line_end (self, p);

  if (p == end)
    {
      self->pos = p;
      return FALSE;
    }

  self->record_line = self->line;
  self->arena_used = 0;

  for (;;)
    {
      if G_UNLIKELY (n == CT_MAX_CSV_FIELDS)
        return fail (self, error, CT_ERROR_TOO_LARGE,
                     g_strdup_printf (_("%s:%u: more than %d fields in a row"),
                                      self->filename, self->record_line,
                                      CT_MAX_CSV_FIELDS));

      self->offsets[n] = self->arena_used;

      if (p < end && *p == '"')
        {
          guint quote_line = self->line;
          gsize field_len = 0;

          p++;

          for (;;)
            {
              const char *start = p;
              const char *q = memchr (p, '"', end - p);
              gsize span;

              if G_UNLIKELY (q == NULL)
                return fail (self, error, CT_ERROR_INVALID_INPUT,
                             g_strdup_printf (_("%s:%u: unterminated quoted field starting here"),
                                              self->filename, quote_line));

              span = q - start;

              /* a doubled quote that goes over is caught on the next round */
              if G_UNLIKELY (field_len + span > CT_MAX_STRING_BYTES)
                return fail (self, error, CT_ERROR_TOO_LARGE,
                             g_strdup_printf (_("%s:%u: column %u: field longer than %d bytes"),
                                              self->filename, quote_line, n + 1,
                                              CT_MAX_STRING_BYTES));

              self->line += count_line_ends (start, span);
              p = q + 1;

              if (p < end && *p == '"')
                {
                  /* a doubled quote: keep one */
                  arena_append (self, start, span + 1);
                  field_len += span + 1;
                  p++;
                  continue;
                }

              arena_append (self, start, span);
              field_len += span;
              break;
            }

          if G_UNLIKELY (p < end && *p != ',' && *p != '\n' && *p != '\r')
            return fail (self, error, CT_ERROR_INVALID_INPUT,
                         g_strdup_printf (_("%s:%u: column %u: unexpected character after closing quote"),
                                          self->filename, self->line, n + 1));
        }
      else
        {
          const char *start = p;

          while (p < end && !unquoted_stop[(guchar) *p])
            p++;

          if G_UNLIKELY (p < end && *p == '"')
            return fail (self, error, CT_ERROR_INVALID_INPUT,
                         g_strdup_printf (_("%s:%u: column %u: quote character inside an unquoted field"),
                                          self->filename, self->line, n + 1));

          if G_UNLIKELY ((gsize) (p - start) > CT_MAX_STRING_BYTES)
            return fail (self, error, CT_ERROR_TOO_LARGE,
                         g_strdup_printf (_("%s:%u: column %u: field longer than %d bytes"),
                                          self->filename, self->line, n + 1,
                                          CT_MAX_STRING_BYTES));

          arena_append (self, start, p - start);
        }

      arena_end_field (self);
      n++;

      if (p < end && *p == ',')
        {
          /* a comma at the very end of the input still starts an empty field */
          p++;
          continue;
        }

      if (p < end)
        p = skip_line_end (self, p);

      break;
    }

  self->pos = p;

  g_ptr_array_set_size (self->fields, n);
  for (guint i = 0; i < n; i++)
    self->fields->pdata[i] = self->arena + self->offsets[i];

  *fields = self->fields;

  return TRUE;
}

/*
 * Formula neutralisation.
 *
 * A spreadsheet takes a cell starting with '=', '+', '@', a tab, a carriage
 * return, or '-' followed by anything but a digit (or by nothing) for a
 * formula.  The writer puts a "'" in front of such a value.  To keep
 * export → import → export lossless it also puts a "'" in front of a value
 * that is one or more "'" followed by such a value ("'=x" is written
 * "''=x"), so that the writer's output can always be told apart:
 *
 *   a cell is neutralised  ⇔  it is "'" followed by a value the writer
 *                              would have prefixed
 *
 * and ct_csv_unneutralise() removes exactly that one "'".
 */
static gboolean
needs_neutralising (const char *value)
{
  while (*value == '\'')
    value++;

  switch (value[0])
    {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
      return TRUE;

    case '-':
      return !g_ascii_isdigit (value[1]);

    default:
      return FALSE;
    }
}

/**
 * ct_csv_append_field:
 * @out: the string to append to
 * @value: (nullable): the value of the field; %NULL is the empty field
 * @neutralise_formulas: whether to prefix values a spreadsheet would take
 *   for a formula with "'"
 *
 * Appends one field, without a separator: the caller writes the commas
 * between fields and ends rows with ct_csv_append_row_end().
 *
 * The value is quoted (with quotes doubled) when it contains a comma, a
 * quote, a CR or a LF, starts or ends with a space or a tab, or starts
 * with U+FEFF (which would be taken for a byte-order mark).  When
 * @neutralise_formulas is %TRUE a value starting with `=`, `+`, `@`, a tab,
 * a CR, or `-` not followed by a digit (a lone `-` too) gets a leading `'`
 * before quoting; so does a value that is one or more `'` followed by such a
 * value, so that ct_csv_unneutralise() can undo exactly this.  "-12" and
 * "-3.5" are left alone.
 *
 * Note that the empty value is written as nothing, so a row whose only field
 * is empty is an empty line, which the reader skips.
 */
void
ct_csv_append_field (GString    *out,
                     const char *value,
                     gboolean    neutralise_formulas)
{
  gboolean prefix;
  gboolean quote;
  gsize len;
  char first;
  char last;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    value = "";

  len = strlen (value);
  if (len == 0)
    return;

  prefix = neutralise_formulas && needs_neutralising (value);

  first = prefix ? '\'' : value[0];
  last = value[len - 1];

  /* A leading U+FEFF is quoted too: at the start of a file it would be
   * taken for a byte-order mark and dropped. */
  quote = first == ' ' || first == '\t' ||
          last == ' ' || last == '\t' ||
          (!prefix && g_str_has_prefix (value, "\xEF\xBB\xBF")) ||
          strpbrk (value, ",\"\r\n") != NULL;

  if (!quote)
    {
      if (prefix)
        g_string_append_c (out, '\'');
      g_string_append_len (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  if (prefix)
    g_string_append_c (out, '\'');

  for (const char *p = value; ; )
    {
      const char *q = strchr (p, '"');

      if (q == NULL)
        {
          g_string_append (out, p);
          break;
        }

      /* up to and including the quote, then the quote again */
      g_string_append_len (out, p, q - p + 1);
      g_string_append_c (out, '"');
      p = q + 1;
    }

  g_string_append_c (out, '"');
}

/**
 * ct_csv_append_row_end:
 * @out: the string to append to
 *
 * Ends a row with CR LF, as RFC 4180 asks.
 */
void
ct_csv_append_row_end (GString *out)
{
  g_return_if_fail (out != NULL);

  g_string_append_len (out, "\r\n", 2);
}

/**
 * ct_csv_cell_is_neutralised:
 * @value: a cell read from a CSV file
 *
 * Tells whether @value has the form ct_csv_append_field() gives a value it
 * neutralises: a `'` followed by a value starting with `=`, `+`, `@`, a tab,
 * a CR, `-` not followed by a digit, or one or more `'` followed by one of
 * these.  "'-12" or "'hello" are not: the writer never adds a `'` to them,
 * so they are taken as they are.
 *
 * Returns: %TRUE if @value is a neutralised cell
 */
gboolean
ct_csv_cell_is_neutralised (const char *value)
{
  g_return_val_if_fail (value != NULL, FALSE);

  return value[0] == '\'' && needs_neutralising (value + 1);
}

/**
 * ct_csv_unneutralise:
 * @value: a cell read from a CSV file
 *
 * Undoes the neutralisation of ct_csv_append_field(): removes the leading
 * `'` when ct_csv_cell_is_neutralised() is %TRUE, and otherwise returns
 * @value unchanged.  For every value v, unneutralising the cell the writer
 * makes of v (with @neutralise_formulas %TRUE) gives v back, so export →
 * import → export round-trips.
 *
 * Returns: (transfer none): @value or @value + 1
 */
const char *
ct_csv_unneutralise (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return ct_csv_cell_is_neutralised (value) ? value + 1 : value;
}
