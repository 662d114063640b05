/* ct-text.c: checks and helpers for text read from files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ct-error.h"
#include "ct-text.h"

#define DESCRIBE_MAX_CHARS 40

static void
locate (const char *data,
        const char *at,
        guint      *line,
        guint      *column)
{
  guint l = 1;
  guint c = 1;

  for (const char *p = data; p < at; p++)
    {
      guchar b = (guchar) *p;

      if (b == '\n')
        {
          l++;
          c = 1;
        }
      else if (b == '\r')
        {
          /* CR LF counts once, at the LF */
          if (p + 1 < at && p[1] == '\n')
            continue;
          l++;
          c = 1;
        }
      else if ((b & 0xC0) != 0x80)
        {
          c++;
        }
    }

  *line = l;
  *column = c;
}

/**
 * ct_text_check_utf8:
 * @data: the bytes to check
 * @len: the number of bytes in @data
 * @filename: (nullable): the file name to show in messages
 * @error: return location for a #GError
 *
 * Checks that @data is valid UTF-8 and contains no NUL byte.  On failure
 * sets @error to %CT_ERROR_INVALID_INPUT with a message of the form
 * `data.csv:12:5: invalid UTF-8` naming the 1-based line and character
 * column of the first offending byte.
 *
 * Returns: %TRUE if @data is valid
 */
gboolean
ct_text_check_utf8 (const char  *data,
                    gsize        len,
                    const char  *filename,
                    GError     **error)
{
  const char *end = NULL;
  guint line;
  guint column;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len == 0)
    return TRUE;

  /* g_utf8_validate_len() also stops at a NUL byte */
  if (g_utf8_validate_len (data, len, &end))
    return TRUE;

  if (filename == NULL)
    filename = _("<input>");

  locate (data, end, &line, &column);

  if (*end == '\0')
    g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                 _("%s:%u:%u: contains a NUL byte (binary file?)"),
                 filename, line, column);
  else
    g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                 _("%s:%u:%u: invalid UTF-8"),
                 filename, line, column);

  return FALSE;
}

/**
 * ct_text_skip_bom:
 * @data: the bytes of a file
 * @len: (inout): the number of bytes in @data
 *
 * Skips a UTF-8 byte-order mark (EF BB BF) at the start of @data.
 *
 * Returns: @data, or @data + 3 with @len reduced by 3 when it starts with a BOM
 */
const char *
ct_text_skip_bom (const char *data,
                  gsize      *len)
{
  g_return_val_if_fail (len != NULL, data);
  g_return_val_if_fail (data != NULL || *len == 0, data);

  if (*len >= 3 &&
      (guchar) data[0] == 0xEF &&
      (guchar) data[1] == 0xBB &&
      (guchar) data[2] == 0xBF)
    {
      *len -= 3;
      return data + 3;
    }

  return data;
}

static gboolean
needs_escape (gunichar c)
{
  return c < 0x20 || c == 0x7F ||
         (c >= 0x80 && c <= 0x9F) ||     /* C1 controls */
         c == 0x061C ||                  /* Arabic letter mark */
         c == 0x200E || c == 0x200F ||   /* LRM, RLM */
         (c >= 0x202A && c <= 0x202E) || /* bidi embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) || /* bidi isolates */
         c == 0x2028 || c == 0x2029 ||   /* line and paragraph separators */
         c == 0xFEFF;                    /* BOM / zero-width no-break space */
}

/**
 * ct_text_describe_value:
 * @value: a string from user data, not necessarily valid UTF-8
 *
 * Makes a short excerpt of @value to quote in a message, so that messages
 * never carry huge or unprintable strings.  The result is @value in double
 * quotes, with `"` and `\` backslash-escaped, control characters, bidi
 * controls and line separators escaped (`\n`, `\r`, `\t`, `\x01`,
 * `\u202E`), invalid UTF-8 bytes escaped as `\xNN`.  At most 40 characters
 * appear between the quotes, counting each escape sequence by its length; a
 * longer value is cut at a character boundary to 39 characters or fewer,
 * followed by `…`.
 *
 * Returns: (transfer full): the excerpt, valid UTF-8
 */
char *
ct_text_describe_value (const char *value)
{
  GString *out;
  const char *p;
  gsize cut;
  guint width = 0;

  g_return_val_if_fail (value != NULL, NULL);

  out = g_string_sized_new (DESCRIBE_MAX_CHARS + 8);
  g_string_append_c (out, '"');
  cut = out->len;

  for (p = value; *p != '\0'; )
    {
      char piece[16];
      gsize piece_len;
      gsize advance;
      guint piece_width;
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* not UTF-8: show the byte */
          piece_len = g_snprintf (piece, sizeof piece, "\\x%02X", (guchar) *p);
          piece_width = piece_len;
          advance = 1;
        }
      else
        {
          const char *esc = NULL;

          advance = g_utf8_next_char (p) - p;

          switch (c)
            {
            case '"':  esc = "\\\""; break;
            case '\\': esc = "\\\\"; break;
            case '\n': esc = "\\n"; break;
            case '\r': esc = "\\r"; break;
            case '\t': esc = "\\t"; break;
            default: break;
            }

          if (esc != NULL)
            piece_len = g_strlcpy (piece, esc, sizeof piece);
          else if (c < 0x80 && needs_escape (c))
            piece_len = g_snprintf (piece, sizeof piece, "\\x%02X", c);
          else if (needs_escape (c))
            piece_len = g_snprintf (piece, sizeof piece, "\\u%04X", c);
          else
            piece_len = 0;

          if (piece_len > 0)
            {
              piece_width = piece_len;
            }
          else
            {
              memcpy (piece, p, advance);
              piece_len = advance;
              piece_width = 1;
            }
        }

      if (width + piece_width > DESCRIBE_MAX_CHARS)
        {
          /* cut where there is room left for the ellipsis */
          g_string_truncate (out, cut);
          g_string_append (out, "…");
          break;
        }

      g_string_append_len (out, piece, piece_len);
      width += piece_width;
      p += advance;

      if (width < DESCRIBE_MAX_CHARS)
        cut = out->len;
    }

  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}
