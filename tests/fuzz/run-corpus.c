/* run-corpus.c: runs a fuzz target's entry point over files, without libFuzzer
 *
 *   run-corpus-TARGET FILE|FOLDER...
 *
 * Linked with one fuzz-TARGET.c in every build (gcc or clang, no sanitizer needed), so that the
 * seed corpus and every input that once crashed (tests/fuzz/regressions/TARGET/) are checked by
 * each `meson test` (the fuzz-regressions test). A folder stands for the files in it (not those
 * whose name starts with a dot). An input that still crashes aborts the program; the name of the
 * file is printed before it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  /* An exact copy, so that reading past the end is caught (contents has a NUL after it) */
  {
    g_autofree guint8 *exact = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (exact, length);
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE|FOLDER...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          while ((name = g_dir_read_name (dir)))
            if (name[0] != '.')
              g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          /* In a stable order */
          g_ptr_array_sort (names, compare_names);

          for (guint k = 0; k < names->len; k++, n++)
            if (!run_file (g_ptr_array_index (names, k)))
              return 1;
        }
      else
        {
          if (!run_file (argv[i]))
            return 1;
          n++;
        }
    }

  if (n == 0)
    {
      g_printerr ("no inputs\n");
      return 1;
    }

  g_print ("%u inputs: no crash\n", n);
  return 0;
}
