/* test-csv.c: tests for the CSV reader and writer and the text helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

#include "ct-csv.h"
#include "ct-error.h"
#include "ct-text.h"

/* All records of @data, each a GStrv; the start line of each in @lines */
static GPtrArray *
parse_all (const char  *data,
           gssize       len,
           GArray     **lines,
           GError     **error)
{
  g_autoptr(CtCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *fields = NULL;

  if (len < 0)
    len = strlen (data);

  reader = ct_csv_reader_new (data, len, "data.csv");
  g_assert_cmpuint (ct_csv_reader_get_line (reader), ==, 0);

  while (ct_csv_reader_next (reader, &fields, error))
    {
      char **row = g_new0 (char *, fields->len + 1);
      guint line = ct_csv_reader_get_line (reader);

      for (guint i = 0; i < fields->len; i++)
        row[i] = g_strdup (g_ptr_array_index (fields, i));
      g_ptr_array_add (rows, row);
      g_array_append_val (starts, line);
      fields = NULL;
    }

  g_assert_null (fields);

  if (lines != NULL)
    *lines = g_steal_pointer (&starts);

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&rows);
}

static void
assert_row (GPtrArray *rows,
            guint      index,
            ...)
{
  char **row;
  const char *expected;
  va_list args;
  guint i = 0;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);

  va_start (args, index);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (row[i]);
      g_assert_cmpstr (row[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (g_strv_length (row), ==, i);
}

static guint
line_at (GArray *lines,
         guint   index)
{
  g_assert_cmpuint (index, <, lines->len);
  return g_array_index (lines, guint, index);
}

static void
assert_parse_error (const char *data,
                    gssize      len,
                    int         code,
                    const char *message,
                    guint       good_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows = parse_all (data, len, &lines, &error);

  g_assert_null (rows);
  g_assert_error (error, CT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (lines->len, ==, good_rows);
}

/* ---- ct-text ---------------------------------------------------------- */

static void
test_text_bom (void)
{
  const char *data = "\xEF\xBB\xBF" "abc";
  gsize len = 6;
  const char *p;

  p = ct_text_skip_bom (data, &len);
  g_assert_true (p == data + 3);
  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpmem (p, len, "abc", 3);

  /* only one BOM is skipped */
  len = 3;
  p = ct_text_skip_bom (data + 3, &len);
  g_assert_true (p == data + 3);
  g_assert_cmpuint (len, ==, 3);

  /* a partial BOM is not a BOM */
  len = 2;
  p = ct_text_skip_bom (data, &len);
  g_assert_true (p == data);
  g_assert_cmpuint (len, ==, 2);

  len = 0;
  p = ct_text_skip_bom ("", &len);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (p, ==, "");
}

static void
test_text_utf8_valid (void)
{
  const char *ok = "city,國家\r\nKaohsiung,高雄市 🙂 العربية\n";
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_text_check_utf8 (ok, strlen (ok), "data.csv", &error));
  g_assert_no_error (error);
  g_assert_true (ct_text_check_utf8 ("", 0, "data.csv", &error));
  g_assert_no_error (error);
  g_assert_true (ct_text_check_utf8 (NULL, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_utf8_error (const char *data,
                   gssize      len,
                   const char *filename,
                   const char *message)
{
  g_autoptr(GError) error = NULL;

  if (len < 0)
    len = strlen (data);

  g_assert_false (ct_text_check_utf8 (data, len, filename, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_text_utf8_invalid (void)
{
  /* column counts characters: "ab,é" is 4 of them */
  assert_utf8_error ("a,b\nc,d\nab,\xC3\xA9\xFF,x\n", -1, "data.csv",
                     "data.csv:3:5: invalid UTF-8");
  /* CR LF, lone CR and LF each end one line */
  assert_utf8_error ("x\r\ny\rz\n\xC3(", 9, "data.csv",
                     "data.csv:4:1: invalid UTF-8");
  /* overlong encoding of '/' */
  assert_utf8_error ("ok\xC0\xAF", 4, "data.csv", "data.csv:1:3: invalid UTF-8");
  /* UTF-16 surrogate */
  assert_utf8_error ("\xED\xA0\x80", 3, "data.csv", "data.csv:1:1: invalid UTF-8");
  /* a sequence cut off by the end of the data */
  assert_utf8_error ("abc\xE2\x82", 5, "data.csv", "data.csv:1:4: invalid UTF-8");
  /* Latin-1 file: the first non-ASCII byte */
  assert_utf8_error ("name\nM\xFCnchen\n", 13, "cities.csv", "cities.csv:2:2: invalid UTF-8");
  /* a CR right before the bad byte is a lone CR */
  assert_utf8_error ("a\r\x80", 3, "data.csv", "data.csv:2:1: invalid UTF-8");
  assert_utf8_error ("\x80", 1, NULL, "<input>:1:1: invalid UTF-8");
}

static void
test_text_utf8_nul (void)
{
  assert_utf8_error ("ab\ncd\0ef", 8, "data.csv",
                     "data.csv:2:3: contains a NUL byte (binary file?)");
  assert_utf8_error ("\0", 1, "x.csv",
                     "x.csv:1:1: contains a NUL byte (binary file?)");
  /* the NUL after the length is not looked at */
  g_assert_true (ct_text_check_utf8 ("abc", 3, "data.csv", NULL));
}

static void
test_text_describe (void)
{
  g_autofree char *plain = ct_text_describe_value ("Kaohsiung");
  g_autofree char *empty = ct_text_describe_value ("");
  g_autofree char *ctrl = ct_text_describe_value ("a\nb\r\tc\x01\x7F\"q\\");
  g_autofree char *bidi = ct_text_describe_value ("abc\u202Eexe\u2028x\xC2\x85\u200F\u2067");
  g_autofree char *invalid = ct_text_describe_value ("a\xFF" "b\xC3");
  g_autofree char *forty_src = g_strnfill (40, 'x');
  g_autofree char *forty = ct_text_describe_value (forty_src);
  g_autofree char *long_src = g_strnfill (100000, 'y');
  g_autofree char *longer = ct_text_describe_value (long_src);
  /* 38 and 39 characters, then a line feed */
  g_autofree char *escape_fits = ct_text_describe_value ("23456789012345678901234567890123456789\n");
  g_autofree char *escape_cut = ct_text_describe_value ("123456789012345678901234567890123456789\n");
  g_autoptr(GString) cjk_src = g_string_new (NULL);
  g_autofree char *cjk = NULL;
  g_autofree char *expected_long = NULL;

  g_assert_cmpstr (plain, ==, "\"Kaohsiung\"");
  g_assert_cmpstr (empty, ==, "\"\"");
  g_assert_cmpstr (ctrl, ==, "\"a\\nb\\r\\tc\\x01\\x7F\\\"q\\\\\"");
  g_assert_cmpstr (bidi, ==, "\"abc\\u202Eexe\\u2028x\\u0085\\u200F\\u2067\"");
  g_assert_cmpstr (invalid, ==, "\"a\\xFFb\\xC3\"");
  g_assert_true (g_utf8_validate (invalid, -1, NULL));

  /* exactly 40 characters fit */
  g_assert_cmpuint (strlen (forty), ==, 42);
  g_assert_cmpstr (strchr (forty, 0xE2), ==, NULL);

  /* longer values are cut to 39 characters and an ellipsis */
  expected_long = g_strconcat ("\"", long_src + 100000 - 39, "…\"", NULL);
  g_assert_cmpstr (longer, ==, expected_long);
  g_assert_cmpuint (g_utf8_strlen (longer, -1), ==, 42);

  /* 38 characters and a 2-character escape fit; 39 and the escape do not */
  g_assert_cmpstr (escape_fits, ==, "\"23456789012345678901234567890123456789\\n\"");
  g_assert_cmpstr (escape_cut, ==, "\"123456789012345678901234567890123456789…\"");

  /* cut at a character boundary, counting characters rather than bytes */
  for (guint i = 0; i < 50; i++)
    g_string_append (cjk_src, "高");
  cjk = ct_text_describe_value (cjk_src->str);
  g_assert_true (g_utf8_validate (cjk, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (cjk, -1), ==, 42);
  g_assert_true (g_str_has_suffix (cjk, "高…\""));
}

/* ---- reader ------------------------------------------------------------ */

static void
test_csv_lf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("city_a,country_a\nKaohsiung,TW\nCebu,PH\n", -1, &lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "city_a", "country_a", NULL);
  assert_row (rows, 1, "Kaohsiung", "TW", NULL);
  assert_row (rows, 2, "Cebu", "PH", NULL);
  g_assert_cmpuint (line_at (lines, 0), ==, 1);
  g_assert_cmpuint (line_at (lines, 2), ==, 3);
}

static void
test_csv_crlf (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("a,b\r\n1,2\r\n3,4\r\n", -1, &lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "a", "b", NULL);
  assert_row (rows, 1, "1", "2", NULL);
  assert_row (rows, 2, "3", "4", NULL);
  g_assert_cmpuint (line_at (lines, 2), ==, 3);
}

static void
test_csv_cr (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("a,b\r1,2\r3,4", -1, &lines, &error);
  g_autoptr(GPtrArray) mixed = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "a", "b", NULL);
  assert_row (rows, 1, "1", "2", NULL);
  assert_row (rows, 2, "3", "4", NULL);
  g_assert_cmpuint (line_at (lines, 1), ==, 2);
  g_assert_cmpuint (line_at (lines, 2), ==, 3);

  g_clear_pointer (&lines, g_array_unref);
  mixed = parse_all ("a\r\nb\rc\nd\r", -1, &lines, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mixed->len, ==, 4);
  assert_row (mixed, 0, "a", NULL);
  assert_row (mixed, 1, "b", NULL);
  assert_row (mixed, 2, "c", NULL);
  assert_row (mixed, 3, "d", NULL);
  g_assert_cmpuint (line_at (lines, 3), ==, 4);
}

static void
test_csv_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("\xEF\xBB\xBF" "name,x\r\nTainan,1\r\n", -1, NULL, &error);
  g_autoptr(GPtrArray) only_bom = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, "name", "x", NULL);
  assert_row (rows, 1, "Tainan", "1", NULL);

  only_bom = parse_all ("\xEF\xBB\xBF", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (only_bom->len, ==, 0);
}

static void
test_csv_empty_input (void)
{
  g_autoptr(CtCsvReader) reader = ct_csv_reader_new (NULL, 0, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = (GPtrArray *) 0x1;

  g_assert_false (ct_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
  g_assert_cmpuint (ct_csv_reader_get_line (reader), ==, 0);

  /* and it stays at the end */
  g_assert_false (ct_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
}

static void
test_csv_quoted_comma (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("\"Taipei, Taiwan\",TW,\"a,b,c\"\n", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, "Taipei, Taiwan", "TW", "a,b,c", NULL);
}

static void
test_csv_doubled_quotes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("\"he said \"\"hi\"\"\",\"\"\"\",\"\",\"\"\"\"\"\"\n", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, "he said \"hi\"", "\"", "", "\"\"", NULL);
}

static void
test_csv_quoted_newline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows =
    parse_all ("\"line1\nline2\",x\n"
               "\"crlf\r\ninside\",y\r\n"
               "\"cr\rinside\",z\n"
               "\"\n\",\"ends with cr\r\"\n"
               "last,row\n", -1, &lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, "line1\nline2", "x", NULL);
  assert_row (rows, 1, "crlf\r\ninside", "y", NULL);
  assert_row (rows, 2, "cr\rinside", "z", NULL);
  assert_row (rows, 3, "\n", "ends with cr\r", NULL);
  assert_row (rows, 4, "last", "row", NULL);
  g_assert_cmpuint (line_at (lines, 0), ==, 1);
  g_assert_cmpuint (line_at (lines, 1), ==, 3);
  g_assert_cmpuint (line_at (lines, 2), ==, 5);
  g_assert_cmpuint (line_at (lines, 3), ==, 7);
  g_assert_cmpuint (line_at (lines, 4), ==, 10);
}

static void
test_csv_line_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows =
    parse_all ("h1,h2\n"                /* 1 */
               "\"a\nb\nc\",d\n"        /* 2-4 */
               "e,f\n"                  /* 5 */
               "\n"                     /* 6 */
               "\r\n"                   /* 7 */
               "g,\"multi\r\n\r\nline\"\r\n" /* 8-10 */
               "i,j", -1, &lines, &error);    /* 11 */

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpuint (lines->len, ==, 5);
  g_assert_cmpuint (line_at (lines, 0), ==, 1);
  g_assert_cmpuint (line_at (lines, 1), ==, 2);
  g_assert_cmpuint (line_at (lines, 2), ==, 5);
  g_assert_cmpuint (line_at (lines, 3), ==, 8);
  g_assert_cmpuint (line_at (lines, 4), ==, 11);
  assert_row (rows, 2, "e", "f", NULL);
  assert_row (rows, 3, "g", "multi\r\n\r\nline", NULL);
  assert_row (rows, 4, "i", "j", NULL);
}

static void
test_csv_blank_lines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) rows = parse_all ("\n\r\n\ra,b\n\n\r\n\nc,d\n\n", -1, &lines, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, "a", "b", NULL);
  assert_row (rows, 1, "c", "d", NULL);
  g_assert_cmpuint (line_at (lines, 0), ==, 4);
  g_assert_cmpuint (line_at (lines, 1), ==, 8);
}

static void
test_csv_final_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) with_nl = parse_all ("a,b\nc,d\n", -1, NULL, &error);
  g_autoptr(GPtrArray) without_nl = NULL;
  g_autoptr(GPtrArray) quoted_last = NULL;

  g_assert_no_error (error);
  without_nl = parse_all ("a,b\nc,d", -1, NULL, &error);
  g_assert_no_error (error);
  quoted_last = parse_all ("a,b\nc,\"d\"", -1, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (with_nl->len, ==, 2);
  g_assert_cmpuint (without_nl->len, ==, 2);
  g_assert_cmpuint (quoted_last->len, ==, 2);
  assert_row (with_nl, 1, "c", "d", NULL);
  assert_row (without_nl, 1, "c", "d", NULL);
  assert_row (quoted_last, 1, "c", "d", NULL);
}

static void
test_csv_empty_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all (",,\n,\"\",x\n\"\"\na,", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, "", "", "", NULL);
  assert_row (rows, 1, "", "", "x", NULL);
  /* a quoted empty field is a record, not a blank line */
  assert_row (rows, 2, "", NULL);
  /* a comma at the very end starts one more, empty, field */
  assert_row (rows, 3, "a", "", NULL);
}

static void
test_csv_spaces_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all (" a , b ,\t\n \n", -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, " a ", " b ", "\t", NULL);
  /* a line holding a space is not blank */
  assert_row (rows, 1, " ", NULL);
}

static void
test_csv_fields_reused (void)
{
  const char *data = "a,b\nlonger value,c,d\n";
  g_autoptr(CtCsvReader) reader = ct_csv_reader_new (data, strlen (data), "data.csv");
  g_autoptr(GError) error = NULL;
  GPtrArray *first = NULL;
  GPtrArray *second = NULL;

  g_assert_true (ct_csv_reader_next (reader, &first, &error));
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_true (ct_csv_reader_next (reader, &second, &error));
  g_assert_no_error (error);
  g_assert_true (first == second);
  g_assert_cmpuint (second->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (second, 0), ==, "longer value");
  g_assert_cmpstr (g_ptr_array_index (second, 2), ==, "d");
  g_assert_cmpuint (ct_csv_reader_get_line (reader), ==, 2);
}

/* ---- reader errors ----------------------------------------------------- */

static void
test_csv_error_unterminated (void)
{
  assert_parse_error ("a,b\nc,d\ne,\"f\ng\nh\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:3: unterminated quoted field starting here", 2);
  /* after a multi-line field the line is still right */
  assert_parse_error ("\"x\ny\",1\n\"z\r\n\",2\r\nq,\"open", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:5: unterminated quoted field starting here", 2);
  assert_parse_error ("\"", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:1: unterminated quoted field starting here", 0);
  /* the line where the field starts, not where the input ends */
  assert_parse_error ("h\nx,\"a\n\"\"b\r\nc\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:2: unterminated quoted field starting here", 1);
}

static void
test_csv_error_quote_in_unquoted (void)
{
  assert_parse_error ("a,b\nc,d\"e\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:2: column 2: quote character inside an unquoted field", 1);
  assert_parse_error ("a,b\n \"c\",d\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:2: column 1: quote character inside an unquoted field", 1);
}

static void
test_csv_error_after_closing_quote (void)
{
  assert_parse_error ("h1,h2,h3,h4\nx,y,z,w\na,b,c,\"d\"e\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:3: column 4: unexpected character after closing quote", 2);
  assert_parse_error ("\"a\" ,b\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:1: column 1: unexpected character after closing quote", 0);
  /* the line is the one holding the closing quote */
  assert_parse_error ("h\n\"a\nb\nc\"x\n", -1, CT_ERROR_INVALID_INPUT,
                      "data.csv:4: column 1: unexpected character after closing quote", 1);
}

static void
test_csv_error_sticky (void)
{
  const char *data = "a\n\"b\"c\nd\n";
  g_autoptr(CtCsvReader) reader = ct_csv_reader_new (data, strlen (data), "data.csv");
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;

  g_assert_true (ct_csv_reader_next (reader, &fields, &error));
  g_assert_false (ct_csv_reader_next (reader, &fields, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_null (fields);
  g_clear_error (&error);

  /* it does not skip ahead to "d" */
  g_assert_false (ct_csv_reader_next (reader, &fields, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "data.csv:2: column 1: unexpected character after closing quote");
  g_clear_error (&error);

  /* a NULL error is allowed */
  g_assert_false (ct_csv_reader_next (reader, &fields, NULL));
}

static char *
make_row (guint n_fields,
          gboolean quoted)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, quoted ? "\"f%u\"" : "f%u", i);
    }
  g_string_append (s, "\n");

  return g_string_free (s, FALSE);
}

static void
test_csv_error_too_many_fields (void)
{
  g_autofree char *max = make_row (CT_MAX_CSV_FIELDS, FALSE);
  g_autofree char *over = make_row (CT_MAX_CSV_FIELDS + 1, FALSE);
  g_autofree char *over_quoted = make_row (CT_MAX_CSV_FIELDS + 1, TRUE);
  g_autofree char *ok_data = g_strconcat ("h\n", max, NULL);
  g_autofree char *bad_data = g_strconcat ("h\n", max, over, NULL);
  g_autofree char *bad_quoted = g_strconcat ("h\n\"\n\"\n", over_quoted, NULL);
  g_autofree char *commas = g_strnfill (CT_MAX_CSV_FIELDS, ',');
  g_autofree char *multi_line = g_strconcat ("\"a\nb\",", over, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all (ok_data, -1, NULL, &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (g_strv_length (row), ==, CT_MAX_CSV_FIELDS);
  g_assert_cmpstr (row[CT_MAX_CSV_FIELDS - 1], ==, "f63");

  assert_parse_error (bad_data, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:3: more than 64 fields in a row", 2);
  assert_parse_error (bad_quoted, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:4: more than 64 fields in a row", 2);
  /* the line where the row starts, even when a field spans lines */
  assert_parse_error (multi_line, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:1: more than 64 fields in a row", 0);
  /* 64 commas are 65 empty fields */
  assert_parse_error (commas, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:1: more than 64 fields in a row", 0);
}

static void
test_csv_error_field_too_long (void)
{
  g_autofree char *max = g_strnfill (CT_MAX_STRING_BYTES, 'x');
  g_autofree char *over = g_strnfill (CT_MAX_STRING_BYTES + 1, 'x');
  g_autofree char *ok_data = g_strconcat ("a,b\n1,", max, "\n2,\"", max, "\"\n", NULL);
  g_autofree char *bad_data = g_strconcat ("a,b\n1,", over, "\n", NULL);
  g_autofree char *bad_quoted = g_strconcat ("a,b\n1,\"x\ny\"\n\"\n\"\"", over, "\",2\n", NULL);
  /* max - 1 bytes, then a doubled quote makes max + 0; one more makes it too long */
  g_autofree char *max_minus_one = g_strnfill (CT_MAX_STRING_BYTES - 1, 'x');
  g_autofree char *ok_doubled = g_strconcat ("\"", max_minus_one, "\"\"\"\n", NULL);
  g_autofree char *bad_doubled = g_strconcat ("\"", max, "\"\"\"\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = parse_all (ok_data, -1, NULL, &error);
  g_autoptr(GPtrArray) doubled = NULL;
  char **row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (strlen (row[1]), ==, CT_MAX_STRING_BYTES);
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (strlen (row[1]), ==, CT_MAX_STRING_BYTES);

  doubled = parse_all (ok_doubled, -1, NULL, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (doubled, 0);
  g_assert_cmpuint (strlen (row[0]), ==, CT_MAX_STRING_BYTES);
  g_assert_cmpint (row[0][CT_MAX_STRING_BYTES - 1], ==, '"');

  assert_parse_error (bad_data, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:2: column 2: field longer than 65536 bytes", 1);
  assert_parse_error (bad_quoted, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:4: column 1: field longer than 65536 bytes", 2);
  assert_parse_error (bad_doubled, -1, CT_ERROR_TOO_LARGE,
                      "data.csv:1: column 1: field longer than 65536 bytes", 0);
}

/* ---- writer ------------------------------------------------------------ */

static char *
write_field (const char *value,
             gboolean    neutralise)
{
  GString *out = g_string_new (NULL);

  ct_csv_append_field (out, value, neutralise);

  return g_string_free (out, FALSE);
}

static void
assert_written (const char *value,
                gboolean    neutralise,
                const char *expected)
{
  g_autofree char *written = write_field (value, neutralise);

  g_assert_cmpstr (written, ==, expected);
}

static void
test_writer_quoting (void)
{
  assert_written ("Kaohsiung", FALSE, "Kaohsiung");
  assert_written ("", FALSE, "");
  assert_written (NULL, FALSE, "");
  assert_written ("two words", FALSE, "two words");
  assert_written ("高雄市", FALSE, "高雄市");
  assert_written ("a,b", FALSE, "\"a,b\"");
  assert_written ("say \"hi\"", FALSE, "\"say \"\"hi\"\"\"");
  assert_written ("\"", FALSE, "\"\"\"\"");
  assert_written ("\"\"", FALSE, "\"\"\"\"\"\"");
  assert_written ("a\nb", FALSE, "\"a\nb\"");
  assert_written ("a\r\nb", FALSE, "\"a\r\nb\"");
  assert_written ("a\rb", FALSE, "\"a\rb\"");
  assert_written (" lead", FALSE, "\" lead\"");
  assert_written ("trail ", FALSE, "\"trail \"");
  assert_written ("tab\t", FALSE, "\"tab\t\"");
  assert_written (" ", FALSE, "\" \"");
  assert_written ("it's", FALSE, "it's");
  /* would be taken for a byte-order mark at the start of the file */
  assert_written ("\xEF\xBB\xBFx", FALSE, "\"\xEF\xBB\xBFx\"");
}

static void
test_writer_row (void)
{
  g_autoptr(GString) out = g_string_new ("x");

  g_string_truncate (out, 0);
  ct_csv_append_field (out, "a", TRUE);
  g_string_append_c (out, ',');
  ct_csv_append_field (out, "b,c", TRUE);
  g_string_append_c (out, ',');
  ct_csv_append_field (out, "", TRUE);
  ct_csv_append_row_end (out);
  ct_csv_append_field (out, "=1", TRUE);
  ct_csv_append_row_end (out);

  g_assert_cmpstr (out->str, ==, "a,\"b,c\",\r\n'=1\r\n");
}

static void
test_writer_neutralise (void)
{
  assert_written ("=1+1", TRUE, "'=1+1");
  assert_written ("=HYPERLINK(\"http://x\",\"y\")", TRUE, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  assert_written ("+886 2 1234 5678", TRUE, "'+886 2 1234 5678");
  assert_written ("@SUM(A1:A2)", TRUE, "'@SUM(A1:A2)");
  assert_written ("\tx", TRUE, "'\tx");
  assert_written ("\rx", TRUE, "\"'\rx\"");
  assert_written ("-x", TRUE, "'-x");
  assert_written ("-", TRUE, "'-");
  assert_written ("--1", TRUE, "'--1");
  assert_written ("-.5", TRUE, "'-.5");
  assert_written ("- 3", TRUE, "'- 3");
  assert_written ("=a,b", TRUE, "\"'=a,b\"");
  assert_written ("=", TRUE, "'=");
  /* a value that already looks neutralised gets one more quote */
  assert_written ("'=x", TRUE, "''=x");
  assert_written ("''-y", TRUE, "'''-y");

  /* not formulas */
  assert_written ("-12", TRUE, "-12");
  assert_written ("-3.5", TRUE, "-3.5");
  assert_written ("-0", TRUE, "-0");
  assert_written ("1-2", TRUE, "1-2");
  assert_written ("a=b", TRUE, "a=b");
  assert_written ("'hello", TRUE, "'hello");
  assert_written ("'-12", TRUE, "'-12");
  assert_written ("'", TRUE, "'");
  assert_written ("", TRUE, "");
  assert_written (" =x", TRUE, "\" =x\"");

  /* only when asked */
  assert_written ("=1+1", FALSE, "=1+1");
  assert_written ("-x", FALSE, "-x");
  assert_written ("\tx", FALSE, "\"\tx\"");
  assert_written ("'=x", FALSE, "'=x");
}

static void
test_unneutralise (void)
{
  const char *neutralised[] = {
    "'=1", "'+1", "'@x", "'\tx", "'\rx", "'-x", "'-", "'--1", "''=x", "'''-y", "'=",
  };
  const char *not_neutralised[] = {
    "'-12", "'-3.5", "'hello", "'", "''", "'' =x", "=1", "-x", "", "x'=1", "' =1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (neutralised); i++)
    {
      g_assert_true (ct_csv_cell_is_neutralised (neutralised[i]));
      g_assert_true (ct_csv_unneutralise (neutralised[i]) == neutralised[i] + 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_neutralised); i++)
    {
      g_assert_false (ct_csv_cell_is_neutralised (not_neutralised[i]));
      g_assert_true (ct_csv_unneutralise (not_neutralised[i]) == not_neutralised[i]);
    }

  g_assert_cmpstr (ct_csv_unneutralise ("'=SUM(A1)"), ==, "=SUM(A1)");
  g_assert_cmpstr (ct_csv_unneutralise ("''=x"), ==, "'=x");
}

/* ---- round trips ------------------------------------------------------- */

static const char *nasty[] = {
  "\xEF\xBB\xBF" "starts with U+FEFF",
  "",
  "plain",
  "a,b",
  "\"quoted\"",
  "\"",
  "\"\"",
  ",",
  "line1\r\nline2",
  "lf\nonly",
  "cr\ronly",
  "ends with cr\r",
  "\r\n",
  "\n\n\n",
  " lead",
  "trail ",
  " ",
  "\t",
  "emoji 🙂 👩‍👩‍👧 🇹🇼",
  "العربية مرحبا بكم",
  "\u202Eevil\u202C",
  "中文 日本語 한국어",
  "'); DROP TABLE x;--",
  "<b>markup</b> &amp; <i>",
  "=HYPERLINK(\"http://evil\",\"click\")",
  "+886",
  "@cmd",
  "-",
  "-x",
  "-12",
  "-3.5",
  "'=already",
  "''=twice",
  "'",
  "''",
  "'-12",
  "\xEF\xBB\xBF" "bom inside",
  "comma, \"quote\", and\nnewline",
};

static void
round_trip (gboolean neutralise)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) again = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **all;

  /* one row per value, between two other fields; then all values in one row */
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      ct_csv_append_field (out, index, neutralise);
      g_string_append_c (out, ',');
      ct_csv_append_field (out, nasty[i], neutralise);
      g_string_append_c (out, ',');
      ct_csv_append_field (out, "end", neutralise);
      ct_csv_append_row_end (out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ct_csv_append_field (out, nasty[i], neutralise);
    }
  ct_csv_append_row_end (out);

  g_assert_true (ct_text_check_utf8 (out->str, out->len, "out.csv", &error));
  g_assert_no_error (error);

  rows = parse_all (out->str, out->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (nasty) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autofree char *index = g_strdup_printf ("%u", i);
      const char *value;

      g_assert_cmpuint (g_strv_length (row), ==, 3);
      g_assert_cmpstr (row[0], ==, index);
      value = neutralise ? ct_csv_unneutralise (row[1]) : row[1];
      g_assert_cmpmem (value, strlen (value), nasty[i], strlen (nasty[i]));
      g_assert_cmpstr (row[2], ==, "end");
    }

  all = g_ptr_array_index (rows, G_N_ELEMENTS (nasty));
  g_assert_cmpuint (g_strv_length (all), ==, G_N_ELEMENTS (nasty));

  /* import → export gives the same bytes */
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint i = 0; row[i] != NULL; i++)
        {
          const char *value = neutralise ? ct_csv_unneutralise (row[i]) : row[i];

          if (r == G_N_ELEMENTS (nasty))
            g_assert_cmpstr (value, ==, nasty[i]);
          if (i > 0)
            g_string_append_c (again, ',');
          ct_csv_append_field (again, value, neutralise);
        }
      ct_csv_append_row_end (again);
    }

  g_assert_cmpmem (again->str, again->len, out->str, out->len);
}

static void
test_round_trip_plain (void)
{
  round_trip (FALSE);
}

static void
test_round_trip_neutralised (void)
{
  round_trip (TRUE);
}

/* import of a hand-made file → export → import → export is stable */
static void
test_round_trip_foreign (void)
{
  const char *foreign = "=SUM(A1),'=x,'-12,-x\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = parse_all (foreign, -1, NULL, &error);
  g_autoptr(GString) out1 = g_string_new (NULL);
  g_autoptr(GString) out2 = g_string_new (NULL);
  g_autoptr(GPtrArray) second = NULL;
  char **row;

  g_assert_no_error (error);
  row = g_ptr_array_index (first, 0);
  for (guint i = 0; row[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out1, ',');
      ct_csv_append_field (out1, ct_csv_unneutralise (row[i]), TRUE);
    }
  ct_csv_append_row_end (out1);
  /* "'=x" was taken as neutralised "=x"; "'-12" as it is */
  g_assert_cmpstr (out1->str, ==, "'=SUM(A1),'=x,'-12,'-x\r\n");

  second = parse_all (out1->str, out1->len, NULL, &error);
  g_assert_no_error (error);
  row = g_ptr_array_index (second, 0);
  for (guint i = 0; row[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out2, ',');
      ct_csv_append_field (out2, ct_csv_unneutralise (row[i]), TRUE);
    }
  ct_csv_append_row_end (out2);
  g_assert_cmpstr (out2->str, ==, out1->str);
}

/* a value starting with U+FEFF as the very first field of a file */
static void
test_round_trip_leading_feff (void)
{
  const char *value = "\xEF\xBB\xBF" "Tainan";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  ct_csv_append_field (out, value, TRUE);
  g_string_append_c (out, ',');
  ct_csv_append_field (out, "x", TRUE);
  ct_csv_append_row_end (out);

  rows = parse_all (out->str, out->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, value, "x", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/bom", test_text_bom);
  g_test_add_func ("/text/utf8-valid", test_text_utf8_valid);
  g_test_add_func ("/text/utf8-invalid", test_text_utf8_invalid);
  g_test_add_func ("/text/utf8-nul", test_text_utf8_nul);
  g_test_add_func ("/text/describe-value", test_text_describe);

  g_test_add_func ("/csv/lf", test_csv_lf);
  g_test_add_func ("/csv/crlf", test_csv_crlf);
  g_test_add_func ("/csv/cr", test_csv_cr);
  g_test_add_func ("/csv/bom", test_csv_bom);
  g_test_add_func ("/csv/empty-input", test_csv_empty_input);
  g_test_add_func ("/csv/quoted-comma", test_csv_quoted_comma);
  g_test_add_func ("/csv/doubled-quotes", test_csv_doubled_quotes);
  g_test_add_func ("/csv/quoted-newline", test_csv_quoted_newline);
  g_test_add_func ("/csv/line-numbers", test_csv_line_numbers);
  g_test_add_func ("/csv/blank-lines", test_csv_blank_lines);
  g_test_add_func ("/csv/final-line", test_csv_final_line);
  g_test_add_func ("/csv/empty-fields", test_csv_empty_fields);
  g_test_add_func ("/csv/spaces-kept", test_csv_spaces_kept);
  g_test_add_func ("/csv/fields-reused", test_csv_fields_reused);

  g_test_add_func ("/csv/error/unterminated", test_csv_error_unterminated);
  g_test_add_func ("/csv/error/quote-in-unquoted", test_csv_error_quote_in_unquoted);
  g_test_add_func ("/csv/error/after-closing-quote", test_csv_error_after_closing_quote);
  g_test_add_func ("/csv/error/sticky", test_csv_error_sticky);
  g_test_add_func ("/csv/error/too-many-fields", test_csv_error_too_many_fields);
  g_test_add_func ("/csv/error/field-too-long", test_csv_error_field_too_long);

  g_test_add_func ("/csv/writer/quoting", test_writer_quoting);
  g_test_add_func ("/csv/writer/row", test_writer_row);
  g_test_add_func ("/csv/writer/neutralise", test_writer_neutralise);
  g_test_add_func ("/csv/unneutralise", test_unneutralise);

  g_test_add_func ("/csv/round-trip/plain", test_round_trip_plain);
  g_test_add_func ("/csv/round-trip/neutralised", test_round_trip_neutralised);
  g_test_add_func ("/csv/round-trip/foreign", test_round_trip_foreign);
  g_test_add_func ("/csv/round-trip/leading-feff", test_round_trip_leading_feff);

  return g_test_run ();
}
