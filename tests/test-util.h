/* test-util.h: small helpers shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ct-store.h"

typedef struct {
  char *path;
} CtTestDir;

/* A fresh temporary folder, removed with everything in it when freed */
static inline CtTestDir *
ct_test_dir_new (void)
{
  CtTestDir *dir = g_new0 (CtTestDir, 1);
  GError *error = NULL;

  dir->path = g_dir_make_tmp ("city-ties-test-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
ct_test_remove_tree (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  if (d != NULL)
    {
      while ((name = g_dir_read_name (d)))
        {
          char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            ct_test_remove_tree (child);
          else
            g_remove (child);
          g_free (child);
        }
      g_dir_close (d);
    }
  g_rmdir (path);
}

static inline void
ct_test_dir_free (CtTestDir *dir)
{
  ct_test_remove_tree (dir->path);
  g_free (dir->path);
  g_free (dir);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtTestDir, ct_test_dir_free)

static inline CtStore *
ct_test_open_store (CtTestDir  *dir,
                    const char *name)
{
  char *path = g_build_filename (dir->path, name, NULL);
  GError *error = NULL;
  CtStore *store = ct_store_open (path, &error);

  g_assert_no_error (error);
  g_free (path);
  return store;
}

/* A new city with the fields every city needs, for saving */
static inline CtCity *
ct_test_make_city (const char *name,
                   const char *local,
                   const char *country,
                   double      lat,
                   double      lon)
{
  CtCity *c = ct_city_new ();

  c->name = g_strdup (name);
  c->local_name = g_strdup (local);
  c->country = g_strdup (country);
  c->lat = lat;
  c->lon = lon;
  return c;
}

static inline char *
ct_test_file (CtTestDir  *dir,
              const char *name,
              const char *contents,
              gssize      length)
{
  char *path = g_build_filename (dir->path, name, NULL);
  GError *error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The database passes SQLite's integrity_check and foreign_key_check */
static inline void
ct_test_assert_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("foreign_key_check: a row of %s refers to a missing row of %s",
             sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
}

/* The same, for the file at path */
static inline void
ct_test_assert_sound (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  ct_test_assert_integrity (db);
  sqlite3_close (db);
}
