/* ct-store.c: the partnership database
 *
 * One SQLite file per database, in WAL mode with foreign keys on. Every public change is one
 * transaction; statements are prepared once and kept (keyed by their SQL text, which is always a
 * string constant in this file except for the filter queries).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-store.h"
#include "ct-store-schema.h"
#include "ct-validate.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* How long a writer waits for another process (an import from the command line while the app
 * has the file open) before giving up with CT_ERROR_BUSY */
#define BUSY_TIMEOUT_MS 5000

struct _CtStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *backup_path;
  GHashTable *statements; /* const char *sql → sqlite3_stmt */

  GSource    *watch;        /* ct_store_watch_other_writers() */
  gint64      data_version; /* the last PRAGMA data_version the watch saw */
};

G_DEFINE_FINAL_TYPE (CtStore, ct_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
set_db_error (CtStore  *self,
              int       rc,
              GError  **error)
{
  const char *msg = sqlite3_errmsg (self->db);
  int code = CT_ERROR_DATABASE;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CT_ERROR, CT_ERROR_BUSY,
                   _("%s: the database is in use by another program (%s); try again when it has finished"),
                   self->path, msg);
      return FALSE;

    case SQLITE_IOERR:
      /* A quota, or a failed fsync or truncate on a full disk, is a full disk to the user */
      if (sqlite3_system_errno (self->db) != ENOSPC && sqlite3_system_errno (self->db) != EDQUOT)
        break;
      G_GNUC_FALLTHROUGH;
    case SQLITE_FULL:
      /* Translators: %s is the database file */
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the disk is full, so nothing was saved; free some space and try again"), self->path);
      return FALSE;

    case SQLITE_READONLY:
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the database is read-only; nothing was changed"), self->path);
      return FALSE;

    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: not a City Ties database, or the file is damaged (%s)"), self->path, msg);
      return FALSE;

    case SQLITE_CONSTRAINT:
      code = CT_ERROR_CONSTRAINT;
      break;

    default:
      break;
    }

  g_set_error (error, CT_ERROR, code, "%s: %s", self->path, msg);
  return FALSE;
}

static sqlite3_stmt *
prepare (CtStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      /* step_done() and collect() reset after use; every caller binds every parameter */
      sqlite3_reset (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (CtStore     *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);
  return TRUE;
}

/* Runs a statement that returns no rows */
static gboolean
step_done (CtStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);

  return (text && *text) ? g_strdup (text) : NULL;
}

static gboolean
begin (CtStore  *self,
       GError  **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails here, before any work */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (CtStore  *self,
        GError  **error)
{
  if (!exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (CtStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
not_found (const char  *what,
           const char  *id,
           GError     **error)
{
  g_set_error (error, CT_ERROR, CT_ERROR_NOT_FOUND, _("No %s with id “%s”"), what, ct_str (id));
  return FALSE;
}

/* Returns the rowid of the row of table with this uuid, 0 if none, -1 on error */
static gint64
lookup_rowid (CtStore     *self,
              const char  *sql,
              const char  *uuid,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  int rc;

  if (uuid == NULL)
    return 0;

  if (!(stmt = prepare (self, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    rowid = -1, set_db_error (self, rc, error);
  sqlite3_reset (stmt);
  return rowid;
}

#define SQL_THEME_ROWID       "SELECT id FROM theme WHERE uuid = ?"
#define SQL_THEME_KEY_ROWID   "SELECT id FROM theme WHERE key = ?"
#define SQL_CITY_ROWID        "SELECT id FROM city WHERE uuid = ?"
#define SQL_NETWORK_ROWID     "SELECT id FROM network WHERE uuid = ?"
#define SQL_SOURCE_ROWID      "SELECT id FROM source WHERE uuid = ?"
#define SQL_PARTNERSHIP_ROWID "SELECT id FROM partnership WHERE uuid = ?"
#define SQL_MEMBERSHIP_ROWID  "SELECT id FROM membership WHERE uuid = ?"
#define SQL_ACTIVITY_ROWID    "SELECT id FROM activity WHERE uuid = ?"

/* Opening and migration */

static gboolean
get_user_version (CtStore  *self,
                  int      *version,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, rc, error);

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
seed_countries (CtStore  *self,
                GError  **error)
{
  g_autofree char *now = ct_timestamp_now ();
  const CtCountry *countries;
  sqlite3_stmt *stmt;
  guint n;

  if (!(stmt = prepare (self, "INSERT OR IGNORE INTO country (code, uuid, region, name, created, updated) "
                              "VALUES (?, ?, ?, ?, ?, ?)", error)))
    return FALSE;

  countries = ct_country_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uuid = ct_uuid_new ();

      sqlite3_bind_text (stmt, 1, countries[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, ct_region_to_string (countries[i].region), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, countries[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Version 1 kept a partnership's themes as a ';'-separated column and had no activities, no
 * country table and no signed names. */
static gboolean
migrate_1_to_2 (CtStore  *self,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autofree char *now = ct_timestamp_now ();
  int rc;

  if (!exec (self, CT_SCHEMA_V2_NEW_TABLES, error) || !seed_countries (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, themes FROM partnership WHERE themes IS NOT NULL", -1, &select, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 partnership = sqlite3_column_int64 (select, 0);
      g_auto(GStrv) keys = g_strsplit ((const char *) sqlite3_column_text (select, 1), ";", -1);
      guint position = 0;

      for (guint i = 0; keys[i]; i++)
        {
          g_autofree char *key = ct_theme_key_from_label (keys[i]);
          sqlite3_stmt *stmt;
          gint64 theme;

          if (*key == '\0')
            continue;

          if ((theme = lookup_rowid (self, SQL_THEME_KEY_ROWID, key, error)) < 0)
            return FALSE;

          if (theme == 0)
            {
              g_autofree char *uuid = ct_uuid_new ();

              if (!(stmt = prepare (self, "INSERT INTO theme (uuid, key, label, created, updated) VALUES (?, ?, ?, ?, ?)", error)))
                return FALSE;
              sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 3, g_strstrip (keys[i]), -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
              if (!step_done (self, stmt, error))
                return FALSE;
              theme = sqlite3_last_insert_rowid (self->db);
            }

          if (!(stmt = prepare (self, "INSERT OR IGNORE INTO partnership_theme (partnership, position, theme) VALUES (?, ?, ?)", error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, partnership);
          sqlite3_bind_int (stmt, 2, position++);
          sqlite3_bind_int64 (stmt, 3, theme);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);

  g_clear_pointer (&select, sqlite3_finalize);
  return exec (self, CT_SCHEMA_V2_FROM_V1, error);
}

static gboolean
check_foreign_keys (CtStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_CONSTRAINT,
                   _("%s: a row of table %s refers to a missing row of table %s"),
                   self->path, sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);

  return TRUE;
}

/* Copies the main database file byte for byte to path, through SQLite's own file handle: opening
 * and closing the file a second time would drop the POSIX locks SQLite holds on it */
static gboolean
copy_database_file (CtStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *buffer = g_malloc (65536);
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  GStatBuf st;
  int fd, rc;

  rc = sqlite3_file_control (self->db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc == SQLITE_OK && (file == NULL || file->pMethods == NULL))
    rc = SQLITE_CANTOPEN;
  if (rc == SQLITE_OK)
    rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
               g_stat (self->path, &st) == 0 ? (st.st_mode & 0777) : 0644);
  if (fd < 0)
    goto write_error;

  for (sqlite3_int64 offset = 0; offset < size;)
    {
      int n = (int) MIN (size - offset, 65536);

      if ((rc = file->pMethods->xRead (file, buffer, n, offset)) != SQLITE_OK)
        {
          close (fd);
          return set_db_error (self, rc, error);
        }
      for (int done = 0; done < n;)
        {
          ssize_t written = write (fd, buffer + done, n - done);

          if (written < 0 && errno == EINTR)
            continue;
          if (written == 0)
            errno = ENOSPC;
          if (written <= 0)
            goto write_error_close;
          done += written;
        }
      offset += n;
    }

  if (fsync (fd) != 0)
    goto write_error_close;
  if (close (fd) != 0)
    goto write_error;
  return TRUE;

write_error_close:
  {
    int saved = errno;

    close (fd);
    errno = saved;
  }
write_error:
  {
    int saved = errno;

    if (saved == ENOSPC || saved == EDQUOT)
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the disk is full, so nothing was saved; free some space and try again"), self->path);
    else
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s",
                   self->backup_path, g_strerror (saved));
    return FALSE;
  }
}

/* The copy an upgrade keeps, next to the file, before anything changes (the switch to WAL
 * rewrites the header): the file byte for byte as the older version left it. It is read under
 * the write lock, after a checkpoint has moved every commit out of the WAL, so no other
 * connection can change it meanwhile. Should another connection keep the WAL from being
 * emptied, VACUUM INTO makes a consistent copy instead. Written under a temporary name and
 * renamed, so that an interrupted copy never looks like a backup. */
static gboolean
back_up (CtStore  *self,
         int       from,
         GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *part = NULL;
  g_autofree char *dir = NULL;
  gboolean copied = FALSE;
  int rc, fd;

  self->backup_path = g_strdup_printf ("%s.schema-%d-%s.bak", self->path, from, stamp);
  part = g_strconcat (self->backup_path, ".part", NULL);

  /* A second try should a commit slip in between the checkpoint and the lock */
  for (guint attempt = 0; attempt < 2 && !copied; attempt++)
    {
      GStatBuf st;

      /* A no-op without WAL; with it, waits up to the busy timeout for other readers, and fails
       * harmlessly if they stay */
      sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (!begin (self, error))
        goto fail;
      if (g_stat (wal, &st) != 0 || st.st_size == 0)
        {
          gboolean ok = copy_database_file (self, part, error);

          rollback (self);
          if (!ok)
            goto fail;
          copied = TRUE;
        }
      else
        rollback (self);
    }

  if (!copied)
    {
      g_autoptr(sqlite3_stmt) vacuum = NULL;

      g_remove (part);
      rc = sqlite3_prepare_v2 (self->db, "VACUUM INTO ?", -1, &vacuum, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (vacuum, 1, part, -1, SQLITE_STATIC);
          rc = sqlite3_step (vacuum);
        }
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, rc, error);
          goto fail;
        }
    }

  if (g_rename (part, self->backup_path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s",
                   self->backup_path, g_strerror (saved));
      goto fail;
    }

  /* The new name, durable before the upgrade commits */
  dir = g_path_get_dirname (self->path);
  if ((fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0)) >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;

fail:
  g_remove (part);
  g_clear_pointer (&self->backup_path, g_free);
  g_prefix_error (error, _("Could not back up the database before upgrading it: "));
  return FALSE;
}

static gboolean
migrate (CtStore  *self,
         int       from,
         GError  **error)
{
  /* Rebuilding tables must not fire ON DELETE actions: keys are checked once at the end. The
   * pragma has no effect inside a transaction, so it is set first. */
  if (!exec (self, "PRAGMA foreign_keys = OFF", error) || !begin (self, error))
    return FALSE;

  /* Another process may have upgraded the file since we looked */
  if (!get_user_version (self, &from, error))
    goto fail;
  if (from >= CT_STORE_SCHEMA_VERSION)
    {
      rollback (self);
      return exec (self, "PRAGMA foreign_keys = ON", error);
    }

  /* Each step takes the file one version further; all of them commit together */
  if (from < 2 && !migrate_1_to_2 (self, error))
    goto fail;

  if (!exec (self, "PRAGMA user_version = " G_STRINGIFY (CT_STORE_SCHEMA_VERSION), error))
    goto fail;

  if (!check_foreign_keys (self, error))
    goto fail;

  if (!commit (self, error))
    goto fail;

  return exec (self, "PRAGMA foreign_keys = ON", error);

fail:
  rollback (self);
  g_prefix_error (error, _("Could not upgrade the database (nothing was changed): "));
  return FALSE;
}

/* Nothing is written to a damaged file (City Ties never "repairs" one: the file as it is is what
 * a recovery needs) or to another program's SQLite file (version 0 with tables). Both are found
 * before the first write. quick_check reads every page: about a quarter of a second for 100,000
 * partnerships. */
static gboolean
check_file (CtStore  *self,
            int       version,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;
  int rc;

  /* One statement, one snapshot: another process may be creating the file right now */
  rc = sqlite3_prepare_v2 (self->db,
                           version == 0 ? "SELECT CASE WHEN (SELECT user_version FROM pragma_user_version) <> 0 "
                                          "OR NOT EXISTS (SELECT 1 FROM sqlite_schema) THEN 'ok' ELSE ?1 END"
                                        : "PRAGMA quick_check(1)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && version == 0)
    sqlite3_bind_text (stmt, 1, sqlite3_errstr (SQLITE_NOTADB), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, rc, error);

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") == 0)
    return TRUE;
  /* "*** in database main ***\nPage 13: …": the last line */
  if (result && strrchr (result, '\n'))
    result = strrchr (result, '\n') + 1;

  g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
               _("%s: not a City Ties database, or the file is damaged (%s)"), self->path, result);
  return FALSE;
}

static gboolean
setup (CtStore  *self,
       GError  **error)
{
  int version = 0;

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, TRUE);

  if (!get_user_version (self, &version, error))
    return FALSE;

  if (version > CT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_VERSION,
                   _("%s was written by a newer version of City Ties (schema %d); this version reads up to schema %d"),
                   self->path, version, CT_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!check_file (self, version, error))
    return FALSE;

  if (version > 0 && version < CT_STORE_SCHEMA_VERSION && !back_up (self, version, error))
    return FALSE;

  /* WAL lets the app keep reading while an import writes; FULL makes each commit durable even
   * against a power cut, which matters more here than write speed */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;

  /* A cache large enough that an import of 100,000 rows does not spill pages to the WAL and read
   * them back inside its transaction (the default is 2 MiB) */
  if (!exec (self, "PRAGMA cache_size = -65536", error))
    return FALSE;

  if (version == 0)
    {
      if (!begin (self, error))
        return FALSE;

      /* Another process may have created it between our check and the lock */
      if (!get_user_version (self, &version, error))
        {
          rollback (self);
          return FALSE;
        }

      if (version == 0)
        {
          if (!exec (self, CT_SCHEMA_V2, error) ||
              !seed_countries (self, error) ||
              !exec (self, "PRAGMA user_version = " G_STRINGIFY (CT_STORE_SCHEMA_VERSION), error))
            {
              rollback (self);
              return FALSE;
            }
          version = CT_STORE_SCHEMA_VERSION;
        }

      if (!commit (self, error))
        return FALSE;
    }

  if (version > 0 && version < CT_STORE_SCHEMA_VERSION && !migrate (self, version, error))
    return FALSE;

  return exec (self, "PRAGMA foreign_keys = ON", error);
}

/* SQL: ct_name_zh_tw(uuid), the Traditional Chinese name of a bundled foreign city, so a search
 * for 峴港 finds Da Nang */
static void
sql_name_zh_tw (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  const char *name = ct_bundled_get_city_name_zh_tw ((const char *) sqlite3_value_text (argv[0]));

  if (name)
    sqlite3_result_text (context, name, -1, SQLITE_STATIC);
  else
    sqlite3_result_null (context);
}

CtStore *
ct_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(CtStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (strcmp (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, CT_ERROR, CT_ERROR_FAILED,
                       _("%s: the folder %s does not exist"), path, dir);
          return NULL;
        }

      /* Every change writes a file next to the database (the WAL) */
      if (g_access (dir, W_OK) != 0)
        {
          /* Translators: the database file, then its folder */
          g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                       _("%s: the folder %s is read-only; City Ties needs to be able to save your changes there"),
                       path, dir);
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, CT_ERROR, CT_ERROR_DATABASE, "%s: %s", path, sqlite3_errstr (rc));
      else
        set_db_error (self, rc, error);
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_DATABASE,
                   _("%s: the database is read-only; City Ties needs to be able to save your changes"), path);
      return NULL;
    }

  if (!setup (self, error))
    return NULL;

  sqlite3_create_function (self->db, "ct_name_zh_tw", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, sql_name_zh_tw, NULL, NULL);

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CtStore *store = ct_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
ct_store_open_async (const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ct_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

CtStore *
ct_store_open_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
ct_store_get_path (CtStore *self)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return self->path;
}

const char *
ct_store_get_backup_path (CtStore *self)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return self->backup_path;
}

/* Changes made by other connections: PRAGMA data_version changes when another connection (in
 * this process or another) commits to the file, never for this connection's own commits, which
 * emit "changed" themselves. Reading it only looks at the WAL index in shared memory. */
static gboolean
read_data_version (CtStore *self,
                   gint64  *version)
{
  sqlite3_stmt *stmt = prepare (self, "PRAGMA data_version", NULL);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  if ((ok = sqlite3_step (stmt) == SQLITE_ROW))
    *version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return ok;
}

void
ct_store_emit_changed (CtStore       *self,
                       CtChangeFlags  what)
{
  g_return_if_fail (CT_IS_STORE (self));

  /* Views reload everything now, so the watch need not report the same commit again */
  if (self->watch != NULL && what == CT_CHANGE_ALL)
    read_data_version (self, &self->data_version);

  g_signal_emit (self, signals[CHANGED], 0, what);
}

static gboolean
on_watch_cb (gpointer user_data)
{
  CtStore *self = user_data;
  gint64 version;

  /* Nobody to tell: not even the query */
  if (!g_signal_has_handler_pending (self, signals[CHANGED], 0, TRUE) ||
      !read_data_version (self, &version) || version == self->data_version)
    return G_SOURCE_CONTINUE;

  self->data_version = version;
  /* A handler may drop the last reference: the source goes with the store, and this returns
   * without touching either */
  g_object_ref (self);
  g_signal_emit (self, signals[CHANGED], 0, CT_CHANGE_ALL);
  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

void
ct_store_watch_other_writers (CtStore *self)
{
  g_return_if_fail (CT_IS_STORE (self));

  if (self->watch != NULL)
    return;

  if (!read_data_version (self, &self->data_version))
    self->data_version = -1;

  /* Seconds, not milliseconds: GLib wakes up once for all such timers */
  self->watch = g_timeout_source_new_seconds (1);
  g_source_set_callback (self->watch, on_watch_cb, self, NULL);
  g_source_set_static_name (self->watch, "[city-ties] other writers");
  g_source_attach (self->watch, g_main_context_get_thread_default ());
}

static void
ct_store_finalize (GObject *object)
{
  CtStore *self = (CtStore *) object;

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_source_unref (self->watch);
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->backup_path);

  G_OBJECT_CLASS (ct_store_parent_class)->finalize (object);
}

static void
ct_store_class_init (CtStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_store_finalize;

  /**
   * CtStore::changed:
   * @what: the #CtChangeFlags of the kinds of record that changed
   *
   * Emitted on the main thread after a change was committed through this store, and with
   * %CT_CHANGE_ALL after another connection committed, once ct_store_watch_other_writers() runs.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ct_store_init (CtStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* Reading records. Column lists and row readers go together. */

#define THEME_COLUMNS "t.uuid, t.key, t.label, t.created, t.updated"

static CtTheme *
read_theme (sqlite3_stmt *stmt)
{
  CtTheme *t = ct_theme_new ();

  t->id = column_text (stmt, 0);
  t->key = column_text (stmt, 1);
  t->label = column_text (stmt, 2);
  t->created = column_text (stmt, 3);
  t->updated = column_text (stmt, 4);
  return t;
}

#define CITY_COLUMNS "c.uuid, c.name, c.local_name, c.country, c.admin1, c.lat, c.lon, c.geonames_id, c.notes, c.created, c.updated"

static CtCity *
read_city (sqlite3_stmt *stmt)
{
  CtCity *c = ct_city_new ();

  c->id = column_text (stmt, 0);
  c->name = column_text (stmt, 1);
  c->local_name = column_text (stmt, 2);
  c->country = column_text (stmt, 3);
  c->admin1 = column_text (stmt, 4);
  c->lat = sqlite3_column_double (stmt, 5);
  c->lon = sqlite3_column_double (stmt, 6);
  c->geonames_id = sqlite3_column_int64 (stmt, 7);
  c->notes = column_text (stmt, 8);
  c->created = column_text (stmt, 9);
  c->updated = column_text (stmt, 10);
  return c;
}

#define NETWORK_COLUMNS "n.uuid, n.name, n.short_name, n.url, n.notes, n.created, n.updated"

static CtNetwork *
read_network (sqlite3_stmt *stmt)
{
  CtNetwork *n = ct_network_new ();

  n->id = column_text (stmt, 0);
  n->name = column_text (stmt, 1);
  n->short_name = column_text (stmt, 2);
  n->url = column_text (stmt, 3);
  n->notes = column_text (stmt, 4);
  n->created = column_text (stmt, 5);
  n->updated = column_text (stmt, 6);
  return n;
}

#define SOURCE_COLUMNS "s.uuid, s.title, s.publisher, s.url, s.date, s.created, s.updated"

static CtSource *
read_source (sqlite3_stmt *stmt)
{
  CtSource *s = ct_source_new ();

  s->id = column_text (stmt, 0);
  s->title = column_text (stmt, 1);
  s->publisher = column_text (stmt, 2);
  s->url = column_text (stmt, 3);
  s->date = column_text (stmt, 4);
  s->created = column_text (stmt, 5);
  s->updated = column_text (stmt, 6);
  return s;
}

#define PARTNERSHIP_COLUMNS "p.id, p.uuid, p.kind, p.status, p.title, p.signed, p.ended, p.notes, p.created, p.updated"

static CtPartnership *
read_partnership (sqlite3_stmt *stmt)
{
  CtPartnership *p = ct_partnership_new ();

  /* column 0 is the rowid, used to attach parties, themes and sources */
  p->id = column_text (stmt, 1);
  p->kind = MAX (0, ct_kind_from_string ((const char *) sqlite3_column_text (stmt, 2)));
  p->status = MAX (0, ct_status_from_string ((const char *) sqlite3_column_text (stmt, 3)));
  p->title = column_text (stmt, 4);
  p->signed_on = column_text (stmt, 5);
  p->ended = column_text (stmt, 6);
  p->notes = column_text (stmt, 7);
  p->created = column_text (stmt, 8);
  p->updated = column_text (stmt, 9);
  return p;
}

#define MEMBERSHIP_COLUMNS "m.id, m.uuid, c.uuid, n.uuid, m.joined, m.left_on, m.role, m.notes, m.created, m.updated"
#define MEMBERSHIP_FROM    "membership m JOIN city c ON c.id = m.city JOIN network n ON n.id = m.network"

static CtMembership *
read_membership (sqlite3_stmt *stmt)
{
  CtMembership *m = ct_membership_new ();

  m->id = column_text (stmt, 1);
  m->city = column_text (stmt, 2);
  m->network = column_text (stmt, 3);
  m->joined = column_text (stmt, 4);
  m->left = column_text (stmt, 5);
  m->role = column_text (stmt, 6);
  m->notes = column_text (stmt, 7);
  m->created = column_text (stmt, 8);
  m->updated = column_text (stmt, 9);
  return m;
}

#define ACTIVITY_COLUMNS "a.uuid, p.uuid, a.date, a.kind, a.title, a.notes, a.created, a.updated"
#define ACTIVITY_FROM    "activity a JOIN partnership p ON p.id = a.partnership"

static CtActivity *
read_activity (sqlite3_stmt *stmt)
{
  CtActivity *a = ct_activity_new ();

  a->id = column_text (stmt, 0);
  a->partnership = column_text (stmt, 1);
  a->date = column_text (stmt, 2);
  a->kind = MAX (0, ct_activity_kind_from_string ((const char *) sqlite3_column_text (stmt, 3)));
  a->title = column_text (stmt, 4);
  a->notes = column_text (stmt, 5);
  a->created = column_text (stmt, 6);
  a->updated = column_text (stmt, 7);
  return a;
}

typedef gpointer (*ReadFunc) (sqlite3_stmt *stmt);

/* Runs a prepared statement whose parameters are bound, collecting a record per row */
static GPtrArray *
collect (CtStore       *self,
         sqlite3_stmt  *stmt,
         ReadFunc       read,
         GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, read (stmt));

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

static gpointer
get_one (CtStore     *self,
         const char  *sql,
         const char  *id,
         ReadFunc     read,
         const char  *what,
         GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!(records = collect (self, stmt, read, error)))
    return NULL;

  if (records->len == 0)
    {
      not_found (what, id, error);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (records, 0));
}

static void
bind_values (sqlite3_stmt *stmt,
             GPtrArray    *values)
{
  for (guint i = 0; values && i < values->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);
}

/* Attaches parties, themes and sources to partnerships. by_rowid maps partnership rowid →
 * CtPartnership; where selects the child rows (alias pa) with the same bound values as the
 * partnership query. */
static gboolean
attach_children (CtStore     *self,
                 GHashTable  *by_rowid,
                 const char  *where,
                 GPtrArray   *values,
                 GError     **error)
{
  static const char *select[3] = {
    "SELECT pa.partnership, c.uuid, pa.signed_name FROM party pa JOIN city c ON c.id = pa.city WHERE ",
    "SELECT pa.partnership, t.key, NULL FROM partnership_theme pa JOIN theme t ON t.id = pa.theme WHERE ",
    "SELECT pa.partnership, s.uuid, NULL FROM partnership_source pa JOIN source s ON s.id = pa.source WHERE ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (select); i++)
    {
      g_autofree char *sql = g_strconcat (select[i], where, " ORDER BY pa.partnership, pa.position", NULL);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      CtPartnership *current = NULL;
      gint64 current_rowid = -1;
      int rc;

      rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        return set_db_error (self, rc, error);
      bind_values (stmt, values);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);
          const char *value = (const char *) sqlite3_column_text (stmt, 1);

          if (rowid != current_rowid)
            {
              current_rowid = rowid;
              current = g_hash_table_lookup (by_rowid, &current_rowid);
            }

          if (current == NULL)
            continue;

          if (i == 0)
            g_ptr_array_add (current->parties,
                             ct_party_new (value, (const char *) sqlite3_column_text (stmt, 2)));
          else
            g_ptr_array_add (i == 1 ? current->themes : current->sources, g_strdup (value));
        }

      if (rc != SQLITE_DONE)
        return set_db_error (self, rc, error);
    }

  return TRUE;
}

/* Runs "SELECT PARTNERSHIP_COLUMNS FROM partnership p WHERE <where> <order>" and fills in the
 * children of the partnerships found. where may use ?N parameters bound from values. */
static GPtrArray *
query_partnerships (CtStore     *self,
                    const char  *where,
                    const char  *order,
                    GPtrArray   *values,
                    GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_rowid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  sql = g_strdup_printf ("SELECT " PARTNERSHIP_COLUMNS " FROM partnership p WHERE %s %s", where, order);
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }
  bind_values (stmt, values);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CtPartnership *p = read_partnership (stmt);
      gint64 *rowid = g_new (gint64, 1);

      *rowid = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (by_rowid, rowid, p);
      g_ptr_array_add (records, p);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  if (records->len > 0)
    {
      g_autofree char *children = NULL;

      if (strcmp (where, "1") == 0)
        children = g_strdup ("1");
      else
        children = g_strdup_printf ("pa.partnership IN (SELECT p.id FROM partnership p WHERE %s)", where);

      if (!attach_children (self, by_rowid, children, values, error))
        return NULL;
    }

  return g_steal_pointer (&records);
}

static GPtrArray *
single_value (const char *value)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (values, g_strdup (value));
  return values;
}

CtTheme *
ct_store_get_theme (CtStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return get_one (self, "SELECT " THEME_COLUMNS " FROM theme t WHERE t.uuid = ?",
                  id, (ReadFunc) read_theme, _("theme"), error);
}

CtCity *
ct_store_get_city (CtStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return get_one (self, "SELECT " CITY_COLUMNS " FROM city c WHERE c.uuid = ?",
                  id, (ReadFunc) read_city, _("city"), error);
}

CtNetwork *
ct_store_get_network (CtStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return get_one (self, "SELECT " NETWORK_COLUMNS " FROM network n WHERE n.uuid = ?",
                  id, (ReadFunc) read_network, _("network"), error);
}

CtSource *
ct_store_get_source (CtStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return get_one (self, "SELECT " SOURCE_COLUMNS " FROM source s WHERE s.uuid = ?",
                  id, (ReadFunc) read_source, _("source"), error);
}

CtMembership *
ct_store_get_membership (CtStore *self, const char *id, GError **error)
{
  CtMembership *m;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  m = get_one (self, "SELECT " MEMBERSHIP_COLUMNS " FROM " MEMBERSHIP_FROM " WHERE m.uuid = ?",
               id, (ReadFunc) read_membership, _("membership"), error);
  if (m != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      sqlite3_prepare_v2 (self->db,
                          "SELECT s.uuid FROM membership_source ms JOIN source s ON s.id = ms.source "
                          "JOIN membership m ON m.id = ms.membership WHERE m.uuid = ? ORDER BY ms.position",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (m->sources, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  return m;
}

CtActivity *
ct_store_get_activity (CtStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return get_one (self, "SELECT " ACTIVITY_COLUMNS " FROM " ACTIVITY_FROM " WHERE a.uuid = ?",
                  id, (ReadFunc) read_activity, _("activity"), error);
}

CtPartnership *
ct_store_get_partnership (CtStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) values = single_value (id);

  records = query_partnerships (self, "p.uuid = ?1", "", values, error);
  if (records == NULL)
    return NULL;

  if (records->len == 0)
    {
      not_found (_("partnership"), id, error);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (records, 0));
}

/* Writing records. These run inside a transaction opened by the caller. */

static gboolean
write_theme (CtStore  *self,
             gint64    rowid,
             CtTheme  *t,
             GError  **error)
{
  sqlite3_stmt *stmt;

  if (rowid == 0)
    stmt = prepare (self, "INSERT INTO theme (uuid, key, label, created, updated) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  else
    stmt = prepare (self, "UPDATE theme SET uuid = ?1, key = ?2, label = ?3, created = ?4, updated = ?5 WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, t->id);
  bind_text (stmt, 2, t->key);
  bind_text (stmt, 3, t->label);
  bind_text (stmt, 4, t->created);
  bind_text (stmt, 5, t->updated);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 6, rowid);
  return step_done (self, stmt, error);
}

static gboolean
write_city (CtStore  *self,
            gint64    rowid,
            CtCity   *c,
            GError  **error)
{
  sqlite3_stmt *stmt;

  if (rowid == 0)
    stmt = prepare (self, "INSERT INTO city (uuid, name, local_name, country, admin1, lat, lon, geonames_id, notes, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  else
    stmt = prepare (self, "UPDATE city SET uuid = ?1, name = ?2, local_name = ?3, country = ?4, admin1 = ?5, lat = ?6, "
                          "lon = ?7, geonames_id = ?8, notes = ?9, created = ?10, updated = ?11 WHERE id = ?12", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, c->id);
  bind_text (stmt, 2, c->name);
  bind_text (stmt, 3, c->local_name);
  bind_text (stmt, 4, c->country);
  bind_text (stmt, 5, c->admin1);
  sqlite3_bind_double (stmt, 6, c->lat);
  sqlite3_bind_double (stmt, 7, c->lon);
  if (c->geonames_id > 0)
    sqlite3_bind_int64 (stmt, 8, c->geonames_id);
  else
    sqlite3_bind_null (stmt, 8);
  bind_text (stmt, 9, c->notes);
  bind_text (stmt, 10, c->created);
  bind_text (stmt, 11, c->updated);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 12, rowid);
  return step_done (self, stmt, error);
}

static gboolean
write_network (CtStore    *self,
               gint64      rowid,
               CtNetwork  *n,
               GError    **error)
{
  sqlite3_stmt *stmt;

  if (rowid == 0)
    stmt = prepare (self, "INSERT INTO network (uuid, name, short_name, url, notes, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = prepare (self, "UPDATE network SET uuid = ?1, name = ?2, short_name = ?3, url = ?4, notes = ?5, "
                          "created = ?6, updated = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, n->id);
  bind_text (stmt, 2, n->name);
  bind_text (stmt, 3, n->short_name);
  bind_text (stmt, 4, n->url);
  bind_text (stmt, 5, n->notes);
  bind_text (stmt, 6, n->created);
  bind_text (stmt, 7, n->updated);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 8, rowid);
  return step_done (self, stmt, error);
}

static gboolean
write_source (CtStore   *self,
              gint64     rowid,
              CtSource  *s,
              GError   **error)
{
  sqlite3_stmt *stmt;

  if (rowid == 0)
    stmt = prepare (self, "INSERT INTO source (uuid, title, publisher, url, date, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  else
    stmt = prepare (self, "UPDATE source SET uuid = ?1, title = ?2, publisher = ?3, url = ?4, date = ?5, "
                          "created = ?6, updated = ?7 WHERE id = ?8", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, s->id);
  bind_text (stmt, 2, s->title);
  bind_text (stmt, 3, s->publisher);
  bind_text (stmt, 4, s->url);
  bind_text (stmt, 5, s->date);
  bind_text (stmt, 6, s->created);
  bind_text (stmt, 7, s->updated);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 8, rowid);
  return step_done (self, stmt, error);
}

/* Resolves references while writing. During an import the maps hold the rows this import has
 * written, which spares a query per reference. */
typedef struct {
  GHashTable *cities;  /* uuid → rowid (gint64 in a pointer) */
  GHashTable *sources;
  GHashTable *themes;  /* key → rowid */
  GHashTable *networks;
  GHashTable *partnerships;
  char       *now;
  /* During an import with a progress to report to: records merged so far, out of how many */
  CtImportProgress *progress;
  guint64     n_merged;
  guint64     n_to_merge;
} Resolver;

static void
resolver_init (Resolver *r)
{
  r->cities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->themes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->networks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->partnerships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->now = ct_timestamp_now ();
  r->progress = NULL;
  r->n_merged = r->n_to_merge = 0;
}

static void
resolver_clear (Resolver *r)
{
  g_clear_pointer (&r->cities, g_hash_table_unref);
  g_clear_pointer (&r->sources, g_hash_table_unref);
  g_clear_pointer (&r->themes, g_hash_table_unref);
  g_clear_pointer (&r->networks, g_hash_table_unref);
  g_clear_pointer (&r->partnerships, g_hash_table_unref);
  g_clear_pointer (&r->now, g_free);
}

G_STATIC_ASSERT (sizeof (gint64) <= sizeof (gpointer) || TRUE);

static gint64
resolve (CtStore     *self,
         GHashTable  *map,
         const char  *sql,
         const char  *key,
         const char  *field,
         GError     **error)
{
  gpointer value;
  gint64 rowid;

  if (map && g_hash_table_lookup_extended (map, key, NULL, &value))
    return (gint64) GPOINTER_TO_SIZE (value);

  rowid = lookup_rowid (self, sql, key, error);
  if (rowid == 0)
    {
      g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not in the file nor in the database"), field, ct_str (key));
      return -1;
    }

  if (rowid > 0 && map)
    g_hash_table_insert (map, g_strdup (key), GSIZE_TO_POINTER ((gsize) rowid));
  return rowid;
}

static gint64
resolve_theme_key (CtStore     *self,
                   Resolver    *r,
                   const char  *key,
                   GError     **error)
{
  gpointer value;
  gint64 rowid;

  if (g_hash_table_lookup_extended (r->themes, key, NULL, &value))
    return (gint64) GPOINTER_TO_SIZE (value);

  rowid = lookup_rowid (self, SQL_THEME_KEY_ROWID, key, error);
  if (rowid < 0)
    return -1;

  if (rowid == 0)
    {
      /* A theme named only by key: users can extend the list freely */
      g_autoptr(CtTheme) theme = ct_theme_new ();

      theme->id = ct_uuid_new ();
      theme->key = g_strdup (key);
      theme->label = g_strdup (key);
      theme->created = g_strdup (r->now);
      theme->updated = g_strdup (r->now);
      if (!ct_validate_theme (theme, error) || !write_theme (self, 0, theme, error))
        return -1;
      rowid = sqlite3_last_insert_rowid (self->db);
    }

  g_hash_table_insert (r->themes, g_strdup (key), GSIZE_TO_POINTER ((gsize) rowid));
  return rowid;
}

static gboolean
write_links (CtStore     *self,
             const char  *delete_sql,
             const char  *insert_sql,
             gint64       owner,
             gboolean     is_new,
             GPtrArray   *ids,
             GHashTable  *map,
             const char  *lookup_sql,
             const char  *field,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      if (!(stmt = prepare (self, delete_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 rowid = resolve (self, map, lookup_sql, g_ptr_array_index (ids, i), field, error);

      if (rowid < 0 || !(stmt = prepare (self, insert_sql, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, rowid);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_partnership (CtStore        *self,
                   Resolver       *r,
                   gint64          rowid,
                   CtPartnership  *p,
                   GError        **error)
{
  gboolean is_new = rowid == 0;
  sqlite3_stmt *stmt;

  if (is_new)
    stmt = prepare (self, "INSERT INTO partnership (uuid, kind, status, title, signed, ended, notes, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = prepare (self, "UPDATE partnership SET uuid = ?1, kind = ?2, status = ?3, title = ?4, signed = ?5, "
                          "ended = ?6, notes = ?7, created = ?8, updated = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, ct_kind_to_string (p->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, ct_status_to_string (p->status), -1, SQLITE_STATIC);
  bind_text (stmt, 4, p->title);
  bind_text (stmt, 5, p->signed_on);
  bind_text (stmt, 6, p->ended);
  bind_text (stmt, 7, p->notes);
  bind_text (stmt, 8, p->created);
  bind_text (stmt, 9, p->updated);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 10, rowid);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    rowid = sqlite3_last_insert_rowid (self->db);
  else
    {
      /* Replace the children wholesale: simpler than diffing and the same in effect */
      static const char *deletes[] = {
        "DELETE FROM party WHERE partnership = ?",
        "DELETE FROM partnership_theme WHERE partnership = ?",
      };

      for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
        {
          if (!(stmt = prepare (self, deletes[i], error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, rowid);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
    }

  g_hash_table_insert (r->partnerships, g_strdup (p->id), GSIZE_TO_POINTER ((gsize) rowid));

  if (p->parties->len == 2)
    {
      /* The common bilateral case in one statement rather than two */
      const CtParty *a = g_ptr_array_index (p->parties, 0);
      const CtParty *b = g_ptr_array_index (p->parties, 1);
      gint64 city_a = resolve (self, r->cities, SQL_CITY_ROWID, a->city, "parties", error);
      gint64 city_b = city_a < 0 ? -1 : resolve (self, r->cities, SQL_CITY_ROWID, b->city, "parties", error);

      if (city_b < 0 ||
          !(stmt = prepare (self, "INSERT INTO party (partnership, position, city, signed_name) "
                                  "VALUES (?1, 0, ?2, ?3), (?1, 1, ?4, ?5)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int64 (stmt, 2, city_a);
      bind_text (stmt, 3, a->signed_name);
      sqlite3_bind_int64 (stmt, 4, city_b);
      bind_text (stmt, 5, b->signed_name);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < p->parties->len; i++)
      {
        const CtParty *party = g_ptr_array_index (p->parties, i);
        gint64 city = resolve (self, r->cities, SQL_CITY_ROWID, party->city, "parties", error);

        if (city < 0 ||
            !(stmt = prepare (self, "INSERT INTO party (partnership, position, city, signed_name) VALUES (?, ?, ?, ?)", error)))
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, rowid);
        sqlite3_bind_int (stmt, 2, i);
        sqlite3_bind_int64 (stmt, 3, city);
        bind_text (stmt, 4, party->signed_name);
        if (!step_done (self, stmt, error))
          return FALSE;
      }

  for (guint i = 0; i < p->themes->len; i++)
    {
      gint64 theme = resolve_theme_key (self, r, g_ptr_array_index (p->themes, i), error);

      if (theme < 0 ||
          !(stmt = prepare (self, "INSERT INTO partnership_theme (partnership, position, theme) VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, theme);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  return write_links (self,
                      "DELETE FROM partnership_source WHERE partnership = ?",
                      "INSERT INTO partnership_source (partnership, position, source) VALUES (?, ?, ?)",
                      rowid, is_new, p->sources, r->sources, SQL_SOURCE_ROWID, "sources", error);
}

static gboolean
write_membership (CtStore       *self,
                  Resolver      *r,
                  gint64         rowid,
                  CtMembership  *m,
                  GError       **error)
{
  gboolean is_new = rowid == 0;
  gint64 city, network;
  sqlite3_stmt *stmt;

  if ((city = resolve (self, r->cities, SQL_CITY_ROWID, m->city, "city", error)) < 0 ||
      (network = resolve (self, r->networks, SQL_NETWORK_ROWID, m->network, "network", error)) < 0)
    return FALSE;

  if (is_new)
    stmt = prepare (self, "INSERT INTO membership (uuid, city, network, joined, left_on, role, notes, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = prepare (self, "UPDATE membership SET uuid = ?1, city = ?2, network = ?3, joined = ?4, left_on = ?5, "
                          "role = ?6, notes = ?7, created = ?8, updated = ?9 WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, m->id);
  sqlite3_bind_int64 (stmt, 2, city);
  sqlite3_bind_int64 (stmt, 3, network);
  bind_text (stmt, 4, m->joined);
  bind_text (stmt, 5, m->left);
  bind_text (stmt, 6, m->role);
  bind_text (stmt, 7, m->notes);
  bind_text (stmt, 8, m->created);
  bind_text (stmt, 9, m->updated);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 10, rowid);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    rowid = sqlite3_last_insert_rowid (self->db);

  return write_links (self,
                      "DELETE FROM membership_source WHERE membership = ?",
                      "INSERT INTO membership_source (membership, position, source) VALUES (?, ?, ?)",
                      rowid, is_new, m->sources, r->sources, SQL_SOURCE_ROWID, "sources", error);
}

static gboolean
write_activity (CtStore     *self,
                Resolver    *r,
                gint64       rowid,
                CtActivity  *a,
                GError     **error)
{
  gint64 partnership;
  sqlite3_stmt *stmt;

  if ((partnership = resolve (self, r->partnerships, SQL_PARTNERSHIP_ROWID, a->partnership, "partnership", error)) < 0)
    return FALSE;

  if (rowid == 0)
    stmt = prepare (self, "INSERT INTO activity (uuid, partnership, date, kind, title, notes, created, updated) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  else
    stmt = prepare (self, "UPDATE activity SET uuid = ?1, partnership = ?2, date = ?3, kind = ?4, title = ?5, "
                          "notes = ?6, created = ?7, updated = ?8 WHERE id = ?9", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, a->id);
  sqlite3_bind_int64 (stmt, 2, partnership);
  bind_text (stmt, 3, a->date);
  sqlite3_bind_text (stmt, 4, ct_activity_kind_to_string (a->kind), -1, SQLITE_STATIC);
  bind_text (stmt, 5, a->title);
  bind_text (stmt, 6, a->notes);
  bind_text (stmt, 7, a->created);
  bind_text (stmt, 8, a->updated);
  if (rowid != 0)
    sqlite3_bind_int64 (stmt, 9, rowid);
  return step_done (self, stmt, error);
}

/* One description per record type drives saving, deleting and merging alike */
typedef struct {
  GType          type;
  const char    *what;         /* for messages, marked N_() */
  const char    *rowid_sql;
  const char    *delete_sql;
  CtChangeFlags  change;
  gpointer     (*get)     (CtStore *self, const char *id, GError **error);
  gboolean     (*write)   (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error);
  gboolean     (*equal)   (gconstpointer a, gconstpointer b);
} RecordClass;

typedef struct {
  GObject parent_instance;
  char   *id;
} AnyRecord;

/* created and updated sit at the end of every record struct, but not at the same offset, so
 * the classes reach them through these */
static char **
record_created (gpointer record)
{
  if (CT_IS_THEME (record)) return &CT_THEME (record)->created;
  if (CT_IS_CITY (record)) return &CT_CITY (record)->created;
  if (CT_IS_NETWORK (record)) return &CT_NETWORK (record)->created;
  if (CT_IS_SOURCE (record)) return &CT_SOURCE (record)->created;
  if (CT_IS_PARTNERSHIP (record)) return &CT_PARTNERSHIP (record)->created;
  if (CT_IS_MEMBERSHIP (record)) return &CT_MEMBERSHIP (record)->created;
  return &CT_ACTIVITY (record)->created;
}

static char **
record_updated (gpointer record)
{
  if (CT_IS_THEME (record)) return &CT_THEME (record)->updated;
  if (CT_IS_CITY (record)) return &CT_CITY (record)->updated;
  if (CT_IS_NETWORK (record)) return &CT_NETWORK (record)->updated;
  if (CT_IS_SOURCE (record)) return &CT_SOURCE (record)->updated;
  if (CT_IS_PARTNERSHIP (record)) return &CT_PARTNERSHIP (record)->updated;
  if (CT_IS_MEMBERSHIP (record)) return &CT_MEMBERSHIP (record)->updated;
  return &CT_ACTIVITY (record)->updated;
}

static gboolean
write_theme_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  CtTheme *t = record;

  if (!write_theme (self, rowid, t, error))
    return FALSE;
  g_hash_table_insert (r->themes, g_strdup (t->key),
                       GSIZE_TO_POINTER ((gsize) (rowid ? rowid : sqlite3_last_insert_rowid (self->db))));
  return TRUE;
}

static gboolean
write_city_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  if (!write_city (self, rowid, record, error))
    return FALSE;
  g_hash_table_insert (r->cities, g_strdup (CT_CITY (record)->id),
                       GSIZE_TO_POINTER ((gsize) (rowid ? rowid : sqlite3_last_insert_rowid (self->db))));
  return TRUE;
}

static gboolean
write_network_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  if (!write_network (self, rowid, record, error))
    return FALSE;
  g_hash_table_insert (r->networks, g_strdup (CT_NETWORK (record)->id),
                       GSIZE_TO_POINTER ((gsize) (rowid ? rowid : sqlite3_last_insert_rowid (self->db))));
  return TRUE;
}

static gboolean
write_source_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  if (!write_source (self, rowid, record, error))
    return FALSE;
  g_hash_table_insert (r->sources, g_strdup (CT_SOURCE (record)->id),
                       GSIZE_TO_POINTER ((gsize) (rowid ? rowid : sqlite3_last_insert_rowid (self->db))));
  return TRUE;
}

static gboolean
write_partnership_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  return write_partnership (self, r, rowid, record, error);
}

static gboolean
write_membership_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  return write_membership (self, r, rowid, record, error);
}

static gboolean
write_activity_rc (CtStore *self, Resolver *r, gint64 rowid, gpointer record, GError **error)
{
  return write_activity (self, r, rowid, record, error);
}

static const RecordClass record_classes[] = {
  { 0, N_("theme"), SQL_THEME_ROWID, "DELETE FROM theme WHERE id = ?", CT_CHANGE_THEMES | CT_CHANGE_PARTNERSHIPS,
    (gpointer) ct_store_get_theme, write_theme_rc, (gpointer) ct_theme_content_equal },
  { 0, N_("city"), SQL_CITY_ROWID, "DELETE FROM city WHERE id = ?", CT_CHANGE_CITIES,
    (gpointer) ct_store_get_city, write_city_rc, (gpointer) ct_city_content_equal },
  { 0, N_("network"), SQL_NETWORK_ROWID, "DELETE FROM network WHERE id = ?", CT_CHANGE_NETWORKS | CT_CHANGE_MEMBERSHIPS,
    (gpointer) ct_store_get_network, write_network_rc, (gpointer) ct_network_content_equal },
  { 0, N_("source"), SQL_SOURCE_ROWID, "DELETE FROM source WHERE id = ?", CT_CHANGE_SOURCES,
    (gpointer) ct_store_get_source, write_source_rc, (gpointer) ct_source_content_equal },
  { 0, N_("partnership"), SQL_PARTNERSHIP_ROWID, "DELETE FROM partnership WHERE id = ?", CT_CHANGE_PARTNERSHIPS | CT_CHANGE_ACTIVITIES,
    (gpointer) ct_store_get_partnership, write_partnership_rc, (gpointer) ct_partnership_content_equal },
  { 0, N_("membership"), SQL_MEMBERSHIP_ROWID, "DELETE FROM membership WHERE id = ?", CT_CHANGE_MEMBERSHIPS,
    (gpointer) ct_store_get_membership, write_membership_rc, (gpointer) ct_membership_content_equal },
  { 0, N_("activity"), SQL_ACTIVITY_ROWID, "DELETE FROM activity WHERE id = ?", CT_CHANGE_ACTIVITIES,
    (gpointer) ct_store_get_activity, write_activity_rc, (gpointer) ct_activity_content_equal },
};

static const RecordClass *
record_class_for_type (GType type)
{
  GType types[G_N_ELEMENTS (record_classes)] = {
    CT_TYPE_THEME, CT_TYPE_CITY, CT_TYPE_NETWORK, CT_TYPE_SOURCE,
    CT_TYPE_PARTNERSHIP, CT_TYPE_MEMBERSHIP, CT_TYPE_ACTIVITY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (type == types[i])
      return &record_classes[i];

  return NULL;
}

gpointer
ct_store_get_record (CtStore     *self,
                     GType        type,
                     const char  *id,
                     GError     **error)
{
  const RecordClass *klass = record_class_for_type (type);

  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  g_return_val_if_fail (klass != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return klass->get (self, id, error);
}

static const RecordClass *
record_class_for (gpointer record)
{
  const RecordClass *klass = G_IS_OBJECT (record) ? record_class_for_type (G_OBJECT_TYPE (record)) : NULL;

  g_return_val_if_fail (klass != NULL, NULL);
  return klass;
}

#define IS_CITY_CLASS(klass) ((klass) == &record_classes[1])

/* Writes one record inside the caller's transaction: gives a new record an id and a created date
 * (unless it carries them), keeps a stored record's created date, sets updated. *written is FALSE
 * when the store holds the same content already (then nothing is touched). */
static gboolean
write_record (CtStore   *self,
              Resolver  *r,
              gpointer   record,
              gboolean  *written,
              GError   **error)
{
  const RecordClass *klass = record_class_for (record);
  AnyRecord *any = record;
  g_autoptr(GObject) existing = NULL;
  gint64 rowid;

  *written = FALSE;

  if (any->id == NULL)
    any->id = ct_uuid_new ();

  if ((rowid = lookup_rowid (self, klass->rowid_sql, any->id, error)) < 0)
    return FALSE;

  if (rowid > 0)
    {
      if (!(existing = klass->get (self, any->id, error)))
        return FALSE;

      if (klass->equal (existing, record))
        return TRUE;

      g_free (*record_created (record));
      *record_created (record) = g_strdup (*record_created (existing));
    }
  else if (*record_created (record) == NULL)
    *record_created (record) = g_strdup (r->now);

  g_free (*record_updated (record));
  *record_updated (record) = g_strdup (r->now);

  if (!klass->write (self, r, rowid, record, error))
    return FALSE;

  *written = TRUE;
  return TRUE;
}

/* Saves one record in its own transaction: the path every edit takes */
static gboolean
save_record (CtStore   *self,
             gpointer   record,
             GError   **error)
{
  const RecordClass *klass = record_class_for (record);
  Resolver r;
  gboolean written = FALSE;
  gboolean ok = FALSE;

  if (!ct_validate_record (record, error))
    return FALSE;

  if (!begin (self, error))
    return FALSE;

  resolver_init (&r);

  if (!write_record (self, &r, record, &written, error))
    goto out;

  /* Nothing to change: no commit, no signal */
  if (!written)
    {
      ok = TRUE;
      goto out;
    }

  if (!commit (self, error))
    goto out;

  ok = TRUE;
  g_signal_emit (self, signals[CHANGED], 0, klass->change);

out:
  rollback (self); /* nothing to roll back after the commit */
  resolver_clear (&r);
  return ok;
}

gboolean ct_store_save_theme (CtStore *self, CtTheme *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_city (CtStore *self, CtCity *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_network (CtStore *self, CtNetwork *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_source (CtStore *self, CtSource *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_partnership (CtStore *self, CtPartnership *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_membership (CtStore *self, CtMembership *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }
gboolean ct_store_save_activity (CtStore *self, CtActivity *r, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return save_record (self, r, error); }

/* What a deletion of this class changes: deleting a city reaches every kind of record */
static CtChangeFlags
deletion_changes (const RecordClass *klass)
{
  return klass->change | (IS_CITY_CLASS (klass) ? CT_CHANGE_ALL : 0);
}

/* Deletes one record inside the caller's transaction, with what it takes along. *found is
 * FALSE when there is no such record (then nothing is touched). */
static gboolean
erase_record (CtStore            *self,
              const RecordClass  *klass,
              const char         *id,
              gboolean           *found,
              GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 rowid;

  *found = FALSE;

  if ((rowid = lookup_rowid (self, klass->rowid_sql, id, error)) < 0)
    return FALSE;
  if (rowid == 0)
    return TRUE;

  if (!(stmt = prepare (self, klass->delete_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!step_done (self, stmt, error))
    return FALSE;

  /* A partnership needs two parties: those the deleted city leaves alone go too */
  if (IS_CITY_CLASS (klass) &&
      !exec (self, "DELETE FROM partnership WHERE id IN "
                   "(SELECT p.id FROM partnership p LEFT JOIN party pa ON pa.partnership = p.id "
                   " GROUP BY p.id HAVING count(pa.city) < 2)", error))
    return FALSE;

  *found = TRUE;
  return TRUE;
}

static gboolean
delete_record (CtStore           *self,
               const RecordClass *klass,
               const char        *id,
               GError           **error)
{
  gboolean found;

  if (!begin (self, error))
    return FALSE;

  if (!erase_record (self, klass, id, &found, error))
    goto fail;
  if (!found)
    {
      not_found (_(klass->what), id, error);
      goto fail;
    }

  if (!commit (self, error))
    return FALSE;

  g_signal_emit (self, signals[CHANGED], 0, deletion_changes (klass));
  return TRUE;

fail:
  rollback (self);
  return FALSE;
}

gboolean ct_store_delete_theme (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[0], id, error); }
gboolean ct_store_delete_city (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[1], id, error); }
gboolean ct_store_delete_network (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[2], id, error); }
gboolean ct_store_delete_source (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[3], id, error); }
gboolean ct_store_delete_partnership (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[4], id, error); }
gboolean ct_store_delete_membership (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[5], id, error); }
gboolean ct_store_delete_activity (CtStore *self, const char *id, GError **error) { g_return_val_if_fail (CT_IS_STORE (self), FALSE); return delete_record (self, &record_classes[6], id, error); }

gboolean
ct_store_apply (CtStore    *self,
                GPtrArray  *deletions,
                GPtrArray  *saves,
                GError    **error)
{
  CtChangeFlags changes = 0;
  Resolver r;
  gboolean ok = FALSE;

  g_return_val_if_fail (CT_IS_STORE (self), FALSE);

  for (guint i = 0; deletions && i < deletions->len; i++)
    {
      AnyRecord *any = g_ptr_array_index (deletions, i);

      g_return_val_if_fail (record_class_for (any) != NULL && any->id != NULL, FALSE);
    }

  for (guint i = 0; saves && i < saves->len; i++)
    {
      g_return_val_if_fail (record_class_for (g_ptr_array_index (saves, i)) != NULL, FALSE);

      if (!ct_validate_record (g_ptr_array_index (saves, i), error))
        return FALSE;
    }

  if (!begin (self, error))
    return FALSE;

  resolver_init (&r);

  for (guint i = 0; deletions && i < deletions->len; i++)
    {
      AnyRecord *any = g_ptr_array_index (deletions, i);
      const RecordClass *klass = record_class_for (any);
      gboolean found;

      if (!erase_record (self, klass, any->id, &found, error))
        goto out;
      if (found)
        changes |= deletion_changes (klass);
    }

  for (guint i = 0; saves && i < saves->len; i++)
    {
      gpointer record = g_ptr_array_index (saves, i);
      gboolean written;

      if (!write_record (self, &r, record, &written, error))
        goto out;
      if (written)
        changes |= record_class_for (record)->change;
    }

  if (changes != 0 && !commit (self, error))
    goto out;

  ok = TRUE;

out:
  rollback (self); /* all of it after a failure; nothing after the commit */
  resolver_clear (&r);

  if (ok && changes != 0)
    g_signal_emit (self, signals[CHANGED], 0, changes);

  return ok;
}

/* Queries */

/* Builds the condition a partnership (alias p) must meet, appending bound values */
static void
append_partnership_filter (GString        *sql,
                           const CtFilter *f,
                           GPtrArray      *values)
{
  g_string_append (sql, "1");

  if (f == NULL)
    return;

  if (f->kinds != 0)
    {
      g_string_append (sql, " AND p.kind IN (''");
      for (guint i = 0; i < CT_N_KINDS; i++)
        if (f->kinds & (1u << i))
          g_string_append_printf (sql, ", '%s'", ct_kind_to_string (i));
      g_string_append (sql, ")");
    }

  if (f->statuses != 0)
    {
      g_string_append (sql, " AND p.status IN (''");
      for (guint i = 0; i < CT_N_STATUSES; i++)
        if (f->statuses & (1u << i))
          g_string_append_printf (sql, ", '%s'", ct_status_to_string (i));
      g_string_append (sql, ")");
    }

  if (f->theme && *f->theme)
    {
      g_ptr_array_add (values, g_strdup (f->theme));
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM partnership_theme pt JOIN theme t ON t.id = pt.theme "
                                   "WHERE pt.partnership = p.id AND t.key = ?%u)", values->len);
    }

  if (f->year_from != 0)
    g_string_append_printf (sql, " AND p.signed IS NOT NULL AND CAST(substr(p.signed, 1, 4) AS INTEGER) >= %d", f->year_from);

  if (f->year_to != 0)
    g_string_append_printf (sql, " AND p.signed IS NOT NULL AND CAST(substr(p.signed, 1, 4) AS INTEGER) <= %d", f->year_to);

  if (f->regions != 0)
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM party rp JOIN city rc ON rc.id = rp.city "
                            "JOIN country rco ON rco.code = rc.country WHERE rp.partnership = p.id AND rco.region IN (''");
      for (guint i = 0; i < CT_N_REGIONS; i++)
        if (f->regions & (1u << i))
          g_string_append_printf (sql, ", '%s'", ct_region_to_string (i));
      g_string_append (sql, "))");
    }

  if (f->network && *f->network)
    {
      g_ptr_array_add (values, g_strdup (f->network));
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM party np JOIN membership nm ON nm.city = np.city "
                                   "JOIN network nn ON nn.id = nm.network WHERE np.partnership = p.id AND nn.uuid = ?%u)",
                              values->len);
    }

  if (f->text && *f->text)
    {
      GString *pattern = g_string_new ("%");

      for (const char *c = f->text; *c; c++)
        {
          if (*c == '%' || *c == '_' || *c == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *c);
        }
      g_string_append_c (pattern, '%');
      g_ptr_array_add (values, g_string_free (pattern, FALSE));
      g_string_append_printf (sql, " AND (p.title LIKE ?%u ESCAPE '\\' OR EXISTS (SELECT 1 FROM party tp "
                                   "JOIN city tc ON tc.id = tp.city WHERE tp.partnership = p.id AND "
                                   "(tc.name LIKE ?%u ESCAPE '\\' OR tc.local_name LIKE ?%u ESCAPE '\\' OR "
                                   "ct_name_zh_tw(tc.uuid) LIKE ?%u ESCAPE '\\')))",
                              values->len, values->len, values->len, values->len);
    }
}

GPtrArray *
ct_store_list_partnerships (CtStore         *self,
                            const CtFilter  *filter,
                            GError         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new (NULL);

  g_return_val_if_fail (CT_IS_STORE (self), NULL);

  append_partnership_filter (where, filter, values);
  return query_partnerships (self, where->str, "ORDER BY p.signed DESC, p.uuid", values, error);
}

GPtrArray *
ct_store_list_partnerships_for_city (CtStore     *self,
                                     const char  *city_id,
                                     GError     **error)
{
  g_autoptr(GPtrArray) values = NULL;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);

  values = single_value (city_id);
  return query_partnerships (self,
                             "p.id IN (SELECT x.partnership FROM party x JOIN city xc ON xc.id = x.city WHERE xc.uuid = ?1)",
                             "ORDER BY p.signed DESC, p.uuid", values, error);
}

static void
append_city_filter (GString        *sql,
                    const CtFilter *f,
                    GPtrArray      *values)
{
  if (f == NULL)
    return;

  if (f->regions != 0)
    {
      g_string_append (sql, " AND co.region IN (''");
      for (guint i = 0; i < CT_N_REGIONS; i++)
        if (f->regions & (1u << i))
          g_string_append_printf (sql, ", '%s'", ct_region_to_string (i));
      g_string_append (sql, ")");
    }

  if (f->network && *f->network)
    {
      g_ptr_array_add (values, g_strdup (f->network));
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM membership nm JOIN network nn ON nn.id = nm.network "
                                   "WHERE nm.city = c.id AND nn.uuid = ?%u)", values->len);
    }
}

GPtrArray *
ct_store_list_cities (CtStore         *self,
                      const CtFilter  *filter,
                      GError         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(CtFilter) pfilter = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean need_ties;
  int rc;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);

  /* Tie counts follow every partnership criterion except region and network, which select the
   * cities themselves; the text matches the city's own names */
  if (filter)
    {
      pfilter = ct_filter_copy (filter);
      pfilter->regions = 0;
      g_clear_pointer (&pfilter->network, g_free);
      g_clear_pointer (&pfilter->text, g_free);
    }

  append_partnership_filter (match, pfilter, values);
  g_string_printf (sql,
                   "WITH m(id) AS MATERIALIZED (SELECT p.id FROM partnership p WHERE %s), "
                   "ties(city, n) AS MATERIALIZED (SELECT pa.city, count(*) FROM party pa JOIN m ON m.id = pa.partnership GROUP BY pa.city) "
                   "SELECT " CITY_COLUMNS ", coalesce(ties.n, 0) FROM city c "
                   "JOIN country co ON co.code = c.country LEFT JOIN ties ON ties.city = c.id WHERE 1",
                   match->str);
  append_city_filter (sql, filter, values);

  if (filter && filter->text && *filter->text)
    {
      GString *pattern = g_string_new ("%");

      for (const char *ch = filter->text; *ch; ch++)
        {
          if (*ch == '%' || *ch == '_' || *ch == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *ch);
        }
      g_string_append_c (pattern, '%');
      g_ptr_array_add (values, g_string_free (pattern, FALSE));
      g_string_append_printf (sql, " AND (c.name LIKE ?%u ESCAPE '\\' OR c.local_name LIKE ?%u ESCAPE '\\' "
                                   "OR ct_name_zh_tw(c.uuid) LIKE ?%u ESCAPE '\\')",
                              values->len, values->len, values->len);
    }

  need_ties = ct_filter_restricts_partnerships (filter) || (filter && filter->only_with_ties);
  if (need_ties)
    g_string_append (sql, " AND ties.n > 0");

  g_string_append (sql, " ORDER BY coalesce(ties.n, 0) DESC, c.name COLLATE NOCASE, c.uuid");

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CtCity *city = read_city (stmt);

      city->tie_count = sqlite3_column_int (stmt, 11);
      g_ptr_array_add (records, city);
    }

  if (rc != SQLITE_DONE)
    {
      set_db_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

static GPtrArray *
list_simple (CtStore     *self,
             const char  *sql,
             const char  *bind,
             ReadFunc     read,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  if (bind)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_STATIC);
  return collect (self, stmt, read, error);
}

GPtrArray *
ct_store_list_networks (CtStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) networks = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);

  networks = list_simple (self, "SELECT " NETWORK_COLUMNS " FROM network n ORDER BY n.name COLLATE NOCASE, n.uuid",
                          NULL, (ReadFunc) read_network, error);
  if (networks == NULL)
    return NULL;

  if (!(stmt = prepare (self, "SELECT count(*) FROM membership m JOIN network n ON n.id = m.network WHERE n.uuid = ?", error)))
    return NULL;

  for (guint i = 0; i < networks->len; i++)
    {
      CtNetwork *n = g_ptr_array_index (networks, i);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, n->id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n->member_count = sqlite3_column_int (stmt, 0);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&networks);
}

GPtrArray *
ct_store_list_themes (CtStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return list_simple (self, "SELECT " THEME_COLUMNS " FROM theme t ORDER BY t.label COLLATE NOCASE, t.uuid",
                      NULL, (ReadFunc) read_theme, error);
}

GPtrArray *
ct_store_list_sources (CtStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return list_simple (self, "SELECT " SOURCE_COLUMNS " FROM source s ORDER BY s.uuid",
                      NULL, (ReadFunc) read_source, error);
}

static gboolean
attach_membership_sources (CtStore    *self,
                           GPtrArray  *memberships,
                           GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  if (memberships->len == 0)
    return TRUE;

  for (guint i = 0; i < memberships->len; i++)
    {
      CtMembership *m = g_ptr_array_index (memberships, i);
      g_hash_table_insert (by_id, m->id, m);
    }

  if (!(stmt = prepare (self, "SELECT m.uuid, s.uuid FROM membership_source ms JOIN membership m ON m.id = ms.membership "
                              "JOIN source s ON s.id = ms.source ORDER BY ms.membership, ms.position", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CtMembership *m = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));

      if (m)
        g_ptr_array_add (m->sources, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);
  return TRUE;
}

static GPtrArray *
list_memberships (CtStore     *self,
                  const char  *sql,
                  const char  *bind,
                  GError     **error)
{
  g_autoptr(GPtrArray) records = list_simple (self, sql, bind, (ReadFunc) read_membership, error);

  if (records == NULL || !attach_membership_sources (self, records, error))
    return NULL;
  return g_steal_pointer (&records);
}

GPtrArray *
ct_store_list_memberships_for_city (CtStore     *self,
                                    const char  *city_id,
                                    GError     **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return list_memberships (self, "SELECT " MEMBERSHIP_COLUMNS " FROM " MEMBERSHIP_FROM " WHERE c.uuid = ? "
                                 "ORDER BY n.name COLLATE NOCASE, m.uuid", city_id, error);
}

GPtrArray *
ct_store_list_memberships_for_network (CtStore     *self,
                                       const char  *network_id,
                                       GError     **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return list_memberships (self, "SELECT " MEMBERSHIP_COLUMNS " FROM " MEMBERSHIP_FROM " WHERE n.uuid = ? "
                                 "ORDER BY c.name COLLATE NOCASE, m.uuid", network_id, error);
}

GPtrArray *
ct_store_list_activities (CtStore     *self,
                          const char  *partnership_id,
                          GError     **error)
{
  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  return list_simple (self, "SELECT " ACTIVITY_COLUMNS " FROM " ACTIVITY_FROM " WHERE p.uuid = ? "
                            "ORDER BY a.date, a.uuid", partnership_id, (ReadFunc) read_activity, error);
}

gboolean
ct_store_get_region_summary (CtStore         *self,
                             const CtFilter  *filter,
                             CtRegionSummary  summary[CT_N_REGIONS],
                             GError         **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CT_IS_STORE (self), FALSE);

  memset (summary, 0, sizeof (CtRegionSummary) * CT_N_REGIONS);
  append_partnership_filter (match, filter, values);
  g_string_printf (sql,
                   "WITH m(id) AS MATERIALIZED (SELECT p.id FROM partnership p WHERE %s) "
                   "SELECT co.region, count(DISTINCT c.id), count(DISTINCT m.id) FROM city c "
                   "JOIN country co ON co.code = c.country "
                   "LEFT JOIN party pa ON pa.city = c.id LEFT JOIN m ON m.id = pa.partnership "
                   "GROUP BY co.region", match->str);

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_db_error (self, rc, error);
  for (guint i = 0; i < values->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (values, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int region = ct_region_from_string ((const char *) sqlite3_column_text (stmt, 0));

      if (region >= 0)
        {
          summary[region].cities = sqlite3_column_int (stmt, 1);
          summary[region].partnerships = sqlite3_column_int (stmt, 2);
        }
    }

  if (rc != SQLITE_DONE)
    return set_db_error (self, rc, error);
  return TRUE;
}

gboolean
ct_store_is_empty (CtStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean empty = TRUE;

  g_return_val_if_fail (CT_IS_STORE (self), TRUE);

  if (sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM city) OR EXISTS (SELECT 1 FROM network) "
                                    "OR EXISTS (SELECT 1 FROM source) OR EXISTS (SELECT 1 FROM theme)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) == 0;

  return empty;
}

/* Dependents */

GPtrArray *
ct_store_collect_dependents (CtStore     *self,
                             GType        type,
                             const char  *id,
                             GError     **error)
{
  g_autoptr(GPtrArray) dependents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  gboolean own_transaction;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);
  g_return_val_if_fail (record_class_for_type (type) != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  /* One read transaction, as for an export, unless the caller is in one already */
  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !exec (self, "BEGIN", error))
    return NULL;

  values = single_value (id);

  if (type == CT_TYPE_CITY)
    {
      if (!(partnerships = ct_store_list_partnerships_for_city (self, id, error)) ||
          !(memberships = ct_store_list_memberships_for_city (self, id, error)))
        goto fail;

      /* The activities of the partnerships the city leaves with fewer than two parties, which go */
      activities = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < partnerships->len; i++)
        {
          CtPartnership *p = g_ptr_array_index (partnerships, i);
          g_autoptr(GPtrArray) timeline = NULL;
          guint others = 0;

          for (guint j = 0; j < p->parties->len; j++)
            if (g_strcmp0 (((CtParty *) g_ptr_array_index (p->parties, j))->city, id) != 0)
              others++;
          if (others >= 2)
            continue;

          if (!(timeline = ct_store_list_activities (self, p->id, error)))
            goto fail;
          g_ptr_array_extend_and_steal (activities, g_steal_pointer (&timeline));
        }
    }
  else if (type == CT_TYPE_PARTNERSHIP)
    {
      if (!(activities = ct_store_list_activities (self, id, error)))
        goto fail;
    }
  else if (type == CT_TYPE_NETWORK)
    {
      if (!(memberships = ct_store_list_memberships_for_network (self, id, error)))
        goto fail;
    }
  else if (type == CT_TYPE_SOURCE)
    {
      if (!(partnerships = query_partnerships (self,
                                               "p.id IN (SELECT ps.partnership FROM partnership_source ps "
                                               "JOIN source s ON s.id = ps.source WHERE s.uuid = ?1)",
                                               "ORDER BY p.uuid", values, error)) ||
          !(memberships = list_memberships (self,
                                            "SELECT " MEMBERSHIP_COLUMNS " FROM " MEMBERSHIP_FROM " WHERE m.id IN "
                                            "(SELECT ms.membership FROM membership_source ms "
                                            "JOIN source s ON s.id = ms.source WHERE s.uuid = ?) ORDER BY m.uuid",
                                            id, error)))
        goto fail;
    }
  else if (type == CT_TYPE_THEME)
    {
      if (!(partnerships = query_partnerships (self,
                                               "p.id IN (SELECT pt.partnership FROM partnership_theme pt "
                                               "JOIN theme t ON t.id = pt.theme WHERE t.uuid = ?1)",
                                               "ORDER BY p.uuid", values, error)))
        goto fail;
    }

  if (own_transaction)
    rollback (self);

  if (partnerships)
    g_ptr_array_extend_and_steal (dependents, g_steal_pointer (&partnerships));
  if (memberships)
    g_ptr_array_extend_and_steal (dependents, g_steal_pointer (&memberships));
  if (activities)
    g_ptr_array_extend_and_steal (dependents, g_steal_pointer (&activities));

  return g_steal_pointer (&dependents);

fail:
  if (own_transaction)
    rollback (self);
  return NULL;
}

/* Exchange */

CtDataset *
ct_store_export_dataset (CtStore  *self,
                         GError  **error)
{
  g_autoptr(CtDataset) ds = ct_dataset_new (NULL);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) networks = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) activities = NULL;

  g_return_val_if_fail (CT_IS_STORE (self), NULL);

  /* One read transaction: a consistent snapshot even while another process writes */
  if (!exec (self, "BEGIN", error))
    return NULL;

  if (!(themes = list_simple (self, "SELECT " THEME_COLUMNS " FROM theme t", NULL, (ReadFunc) read_theme, error)) ||
      !(cities = list_simple (self, "SELECT " CITY_COLUMNS " FROM city c", NULL, (ReadFunc) read_city, error)) ||
      !(networks = list_simple (self, "SELECT " NETWORK_COLUMNS " FROM network n", NULL, (ReadFunc) read_network, error)) ||
      !(sources = list_simple (self, "SELECT " SOURCE_COLUMNS " FROM source s", NULL, (ReadFunc) read_source, error)) ||
      !(partnerships = query_partnerships (self, "1", "", NULL, error)) ||
      !(memberships = list_memberships (self, "SELECT " MEMBERSHIP_COLUMNS " FROM " MEMBERSHIP_FROM, NULL, error)) ||
      !(activities = list_simple (self, "SELECT " ACTIVITY_COLUMNS " FROM " ACTIVITY_FROM, NULL, (ReadFunc) read_activity, error)))
    {
      rollback (self);
      return NULL;
    }

  rollback (self);

  g_ptr_array_extend_and_steal (ds->themes, g_steal_pointer (&themes));
  g_ptr_array_extend_and_steal (ds->cities, g_steal_pointer (&cities));
  g_ptr_array_extend_and_steal (ds->networks, g_steal_pointer (&networks));
  g_ptr_array_extend_and_steal (ds->sources, g_steal_pointer (&sources));
  g_ptr_array_extend_and_steal (ds->partnerships, g_steal_pointer (&partnerships));
  g_ptr_array_extend_and_steal (ds->memberships, g_steal_pointer (&memberships));
  g_ptr_array_extend_and_steal (ds->activities, g_steal_pointer (&activities));
  ct_dataset_sort (ds);

  return g_steal_pointer (&ds);
}

static gboolean
table_is_empty (CtStore    *self,
                const char *rowid_sql)
{
  /* "SELECT id FROM <table> WHERE uuid = ?" → "SELECT id FROM <table> LIMIT 1" */
  g_autofree char *table = g_strndup (rowid_sql + strlen ("SELECT id FROM "),
                                      strcspn (rowid_sql + strlen ("SELECT id FROM "), " "));
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_DONE;
}

static gboolean
merge_array (CtStore         *self,
             Resolver        *r,
             CtDataset       *ds,
             GPtrArray       *records,
             CtImportReport  *report,
             CtChangeFlags   *changes,
             GCancellable    *cancellable,
             GError         **error)
{
  /* Ids are unique in the dataset (checked before), so in a table empty at the start every
   * record is new: no need to look each one up. A first import into a new database is the
   * biggest import there is. */
  gboolean empty = records->len > 0 &&
                   table_is_empty (self, record_class_for (g_ptr_array_index (records, 0))->rowid_sql);

  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      const RecordClass *klass = record_class_for (record);
      AnyRecord *any = record;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GObject) existing = NULL;
      gint64 rowid;

      if ((i & 1023) == 1023 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (r->progress && (++r->n_merged & 255) == 0)
        ct_import_progress_set_saving (r->progress, r->n_merged, r->n_to_merge);

      if ((!ds->validated && !ct_validate_record (record, &local_error)) ||
          (any->id == NULL &&
           (g_set_error (&local_error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("id: missing")), TRUE)) ||
          *record_created (record) == NULL || *record_updated (record) == NULL)
        {
          g_autofree char *where = ct_dataset_describe_location (ds, record);

          if (local_error == NULL)
            g_set_error (&local_error, CT_ERROR, CT_ERROR_INVALID_INPUT, _("created, updated: missing"));
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s", where);
          return FALSE;
        }

      rowid = empty ? 0 : lookup_rowid (self, klass->rowid_sql, any->id, error);

      /* Themes are also known by key: a colleague's "culture" theme is ours */
      if (rowid == 0 && CT_IS_THEME (record))
        {
          rowid = lookup_rowid (self, SQL_THEME_KEY_ROWID, CT_THEME (record)->key, error);
          if (rowid > 0)
            {
              g_hash_table_insert (r->themes, g_strdup (CT_THEME (record)->key), GSIZE_TO_POINTER ((gsize) rowid));
              report->unchanged++;
              continue;
            }
        }

      if (rowid < 0)
        return FALSE;

      if (rowid > 0)
        {
          int cmp;

          if (!(existing = klass->get (self, any->id, error)))
            return FALSE;

          if (klass->equal (existing, record))
            {
              report->unchanged++;
              continue;
            }

          cmp = g_strcmp0 (*record_updated (record), *record_updated (existing));
          if (cmp <= 0)
            {
              g_ptr_array_add (report->conflicts,
                               g_strdup_printf (_("%s %s: the database has a newer or different version (updated %s, the file’s %s); kept the database’s"),
                                                _(klass->what), any->id,
                                                *record_updated (existing), *record_updated (record)));
              continue;
            }
        }

      if (!klass->write (self, r, rowid, record, &local_error))
        {
          g_autofree char *where = ct_dataset_describe_location (ds, record);

          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s", where);
          return FALSE;
        }

      if (rowid > 0)
        report->updated++;
      else
        report->added++;
      *changes |= klass->change;
    }

  return TRUE;
}

gboolean
ct_store_import_full (CtStore            *self,
                      CtStoreImportFunc   build,
                      gpointer            user_data,
                      CtImportProgress   *progress,
                      CtImportReport     *report,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(CtImportReport) local_report = NULL;
  g_autoptr(CtDataset) ds = NULL;
  CtChangeFlags changes = 0;
  Resolver r;
  gboolean ok = FALSE;

  g_return_val_if_fail (CT_IS_STORE (self), FALSE);
  g_return_val_if_fail (build != NULL, FALSE);

  if (report == NULL)
    report = local_report = ct_import_report_new ();

  /* References are resolved to rows that exist before each insert (resolve()), so SQLite's own
   * per-row foreign key lookups would repeat that work a million times in a large import; they
   * are switched off for the transaction and the written tables are checked once at the end.
   * The pragma only takes effect outside a transaction. */
  if (!exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  if (!begin (self, error))
    {
      exec (self, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  resolver_init (&r);

  if (!(ds = build (self, user_data, error)) || !ct_dataset_check_unique_ids (ds, error))
    goto out;

  /* In id order, every insert into the uuid indexes lands at the end of the b-tree instead of
   * at a random page: several times faster for a large import */
  ct_dataset_sort (ds);

  r.progress = progress;
  r.n_to_merge = ct_dataset_get_n_records (ds);
  if (progress)
    ct_import_progress_set_saving (progress, 0, r.n_to_merge);

  if (!merge_array (self, &r, ds, ds->themes, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->cities, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->networks, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->sources, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->partnerships, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->memberships, report, &changes, cancellable, error) ||
      !merge_array (self, &r, ds, ds->activities, report, &changes, cancellable, error))
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!check_foreign_keys (self, error) || !commit (self, error))
    goto out;

  ok = TRUE;

out:
  if (!ok)
    {
      rollback (self);
      ct_import_report_clear (report);
    }
  resolver_clear (&r);
  exec (self, "PRAGMA foreign_keys = ON", NULL);

  if (ok && changes != 0)
    g_signal_emit (self, signals[CHANGED], 0, changes);

  return ok;
}

gboolean
ct_store_import (CtStore            *self,
                 CtStoreImportFunc   build,
                 gpointer            user_data,
                 CtImportReport     *report,
                 GCancellable       *cancellable,
                 GError            **error)
{
  return ct_store_import_full (self, build, user_data, NULL, report, cancellable, error);
}

static CtDataset *
return_dataset (CtStore   *store,
                gpointer   user_data,
                GError   **error)
{
  return ct_dataset_ref (user_data);
}

gboolean
ct_store_import_dataset (CtStore         *self,
                         CtDataset       *dataset,
                         CtImportReport  *report,
                         GCancellable    *cancellable,
                         GError         **error)
{
  return ct_store_import (self, return_dataset, dataset, report, cancellable, error);
}
