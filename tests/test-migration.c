/* test-migration.c: a database of every earlier schema version (tests/data/schema-vN.db) opens,
 * after a byte-identical backup copy, at the current version with every record and every field
 *
 * Each schema version gets a fixture and a test here (tests/data/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ct-error.h"
#include "ct-store.h"

#include "test-util.h"

#define V1_STAMP "2024-01-02T03:04:05.000Z"
#define V1_LATER "2023-05-06T07:08:09.123Z"

/* What tests/data/schema-v1.sql holds, as version 2 reads it */
static const struct {
  const char *id, *name, *local_name, *country, *admin1;
  double lat, lon;
  gint64 geonames_id;
  const char *notes, *created, *updated;
} v1_cities[] = {
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a01", "Kaohsiung", "高雄市", "TW", "Kaohsiung City", 22.61626, 120.31333, 0, NULL, V1_STAMP, V1_STAMP },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a02", "Da Nang", "Đà Nẵng", "VN", NULL, 16.06778, 108.22083, 1583992, "Smart-city forum 2021", V1_STAMP, V1_STAMP },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a03", "Utrecht", NULL, "NL", NULL, 52.09083, 5.12222, 0, NULL, V1_STAMP, V1_STAMP },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a04", "Taipei", "臺北市", "TW", "Taipei City", 25.04776, 121.53185, 1668341, "Capital; also written 台北", V1_LATER, "2024-03-04T05:06:07.890Z" },
  /* a lower-case country code, which version 1 allowed */
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a05", "Chiang Mai", "เชียงใหม่", "TH", "Chiang Mai Province", 18.79038, 98.98468, 1153671, NULL, V1_LATER, V1_LATER },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a06", "Surabaya", NULL, "ID", "East Java", -7.24917, 112.75083, 0, NULL, V1_LATER, V1_LATER },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a07", "Gdańsk", "Gdańsk", "PL", "Pomorskie", 54.35205, 18.64637, 3099434, "Hanseatic port\nSolidarity, 1980", V1_LATER, V1_LATER },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a08", "Kota Kinabalu", NULL, "MY", "Sabah", 5.9749, 116.0724, 0, NULL, V1_LATER, V1_LATER },
  { "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a09", "Taichung", "臺中市", "TW", NULL, 24.1469, 120.6839, 0, "«Smart Taichung» 🌏", V1_LATER, V1_LATER },
};

#define CITY(n) "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a0" #n
#define SOURCE(n) "9c4d5e6f-3333-4a44-8c55-66778899000" #n

static const struct {
  const char *id;
  CtKind kind;
  CtStatus status;
  const char *title, *signed_on, *ended, *notes, *created, *updated;
  const char *parties[5];
  const char *themes[3];
  const char *sources[3];
} v1_partnerships[] = {
  { "7a2b3c4d-1111-4e22-8a33-445566778801", CT_KIND_SISTER_CITY, CT_STATUS_UNVERIFIED, "Twinned cities", "2021", NULL,
    "Kaohsiung's \"twin\" — per press", V1_STAMP, "2024-02-03T04:05:06.000Z",
    { CITY (1), CITY (2) }, { "smart_city", "culture" }, { SOURCE (1) } },
  { "7a2b3c4d-1111-4e22-8a33-445566778802", CT_KIND_MOU, CT_STATUS_ACTIVE, "Smart city MOU", "2019-09-06", NULL,
    NULL, V1_STAMP, V1_STAMP,
    { CITY (1), CITY (3) }, { "smart_city" }, { SOURCE (1) } },
  /* three parties; theme labels become keys */
  { "7a2b3c4d-1111-4e22-8a33-445566778803", CT_KIND_FORUM, CT_STATUS_ACTIVE, "Smart City Summit & Expo: mayors' forum", "2023-03-28", NULL,
    "三方論壇 / ฟอรัมสามเมือง", V1_LATER, V1_LATER,
    { CITY (4), CITY (5), CITY (6) }, { "smart_city", "public_health" }, { SOURCE (2), SOURCE (1) } },
  /* four parties, in their order, no themes */
  { "7a2b3c4d-1111-4e22-8a33-445566778804", CT_KIND_PROGRAMME_PAIRING, CT_STATUS_NEGOTIATING, NULL, NULL, NULL,
    "Four-city pairing 🌏 (EU programme)", V1_LATER, "2023-06-07T08:09:10.000Z",
    { CITY (7), CITY (9), CITY (8), CITY (2) }, { NULL }, { SOURCE (3) } },
  /* an empty themes column, an end date */
  { "7a2b3c4d-1111-4e22-8a33-445566778805", CT_KIND_FRIENDSHIP_CITY, CT_STATUS_ENDED, NULL, "2001-05", "2019-12-31",
    NULL, V1_LATER, V1_LATER,
    { CITY (9), CITY (7) }, { NULL }, { NULL } },
};

static const struct {
  const char *id, *name, *short_name, *url, *notes, *created, *updated;
} v1_networks[] = {
  { "8b3c4d5e-2222-4f33-9b44-556677889901", "ASEAN Smart Cities Network", "ASCN", NULL, NULL, V1_STAMP, V1_STAMP },
  { "8b3c4d5e-2222-4f33-9b44-556677889902", "CityNet", NULL, "https://citynet-ap.org/", "Secretariat in Seoul; 城市網絡", V1_LATER, V1_LATER },
};

static const struct {
  const char *id, *title, *publisher, *url, *date, *created, *updated;
} v1_sources[] = {
  { SOURCE (1), "Cities can expand Taiwan's role", "Taipei Times", NULL, "2021-12-22", V1_STAMP, V1_STAMP },
  { SOURCE (2), "Đà Nẵng và Cao Hùng ký kết hợp tác", "Báo Đà Nẵng", "https://baodanang.vn/a?id=1&lang=vi", "2021-03", V1_LATER, V1_LATER },
  { SOURCE (3), "Gdańsk i Tajwan", NULL, "https://example.pl/gdansk-tajwan", NULL, V1_LATER, V1_LATER },
};

static const struct {
  const char *id, *city, *network, *joined, *left, *role, *notes, *created, *updated;
  const char *sources[3];
} v1_memberships[] = {
  { "ad5e6f70-4444-4b55-9d66-778899000101", CITY (2), "8b3c4d5e-2222-4f33-9b44-556677889901", "2018", NULL, "pilot city", NULL,
    V1_STAMP, V1_STAMP, { SOURCE (1) } },
  { "ad5e6f70-4444-4b55-9d66-778899000102", CITY (1), "8b3c4d5e-2222-4f33-9b44-556677889902", "2007-06", "2015", "member", "會員 (associate)",
    V1_LATER, V1_LATER, { NULL } },
  { "ad5e6f70-4444-4b55-9d66-778899000103", CITY (5), "8b3c4d5e-2222-4f33-9b44-556677889901", "2018-07-08", NULL, NULL, NULL,
    V1_LATER, V1_LATER, { SOURCE (2), SOURCE (3) } },
};

static void
assert_strings (GPtrArray         *actual,
                const char * const *expected,
                guint               max)
{
  guint n = 0;

  while (n < max && expected[n])
    n++;
  g_assert_cmpuint (actual->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, expected[i]);
}

/* NULL and "" are the same to the store */
#define assert_text(a, b) g_assert_cmpstr (ct_str (a), ==, ct_str (b))

/* Every record of schema-v1.sql, with every field */
static void
assert_v1_content (CtStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtDataset) ds = ct_store_export_dataset (store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ds->cities->len, ==, G_N_ELEMENTS (v1_cities));
  g_assert_cmpuint (ds->partnerships->len, ==, G_N_ELEMENTS (v1_partnerships));
  g_assert_cmpuint (ds->networks->len, ==, G_N_ELEMENTS (v1_networks));
  g_assert_cmpuint (ds->sources->len, ==, G_N_ELEMENTS (v1_sources));
  g_assert_cmpuint (ds->memberships->len, ==, G_N_ELEMENTS (v1_memberships));
  g_assert_cmpuint (ds->activities->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (v1_cities); i++)
    {
      CtCity *c = ct_dataset_lookup (ds, v1_cities[i].id);

      g_assert_true (CT_IS_CITY (c));
      assert_text (c->name, v1_cities[i].name);
      assert_text (c->local_name, v1_cities[i].local_name);
      assert_text (c->country, v1_cities[i].country);
      assert_text (c->admin1, v1_cities[i].admin1);
      g_assert_cmpfloat (c->lat, ==, v1_cities[i].lat);
      g_assert_cmpfloat (c->lon, ==, v1_cities[i].lon);
      g_assert_cmpint (c->geonames_id, ==, v1_cities[i].geonames_id);
      assert_text (c->notes, v1_cities[i].notes);
      g_assert_cmpstr (c->created, ==, v1_cities[i].created);
      g_assert_cmpstr (c->updated, ==, v1_cities[i].updated);
    }

  for (guint i = 0; i < G_N_ELEMENTS (v1_partnerships); i++)
    {
      CtPartnership *p = ct_dataset_lookup (ds, v1_partnerships[i].id);
      guint n_parties = 0;

      g_assert_true (CT_IS_PARTNERSHIP (p));
      g_assert_cmpint (p->kind, ==, v1_partnerships[i].kind);
      g_assert_cmpint (p->status, ==, v1_partnerships[i].status);
      assert_text (p->title, v1_partnerships[i].title);
      assert_text (p->signed_on, v1_partnerships[i].signed_on);
      assert_text (p->ended, v1_partnerships[i].ended);
      assert_text (p->notes, v1_partnerships[i].notes);
      g_assert_cmpstr (p->created, ==, v1_partnerships[i].created);
      g_assert_cmpstr (p->updated, ==, v1_partnerships[i].updated);

      while (v1_partnerships[i].parties[n_parties])
        n_parties++;
      g_assert_cmpuint (p->parties->len, ==, n_parties);
      for (guint j = 0; j < n_parties; j++)
        {
          CtParty *party = g_ptr_array_index (p->parties, j);

          g_assert_cmpstr (party->city, ==, v1_partnerships[i].parties[j]);
          g_assert_null (party->signed_name);
        }
      assert_strings (p->themes, v1_partnerships[i].themes, 3);
      assert_strings (p->sources, v1_partnerships[i].sources, 3);
    }

  for (guint i = 0; i < G_N_ELEMENTS (v1_networks); i++)
    {
      CtNetwork *n = ct_dataset_lookup (ds, v1_networks[i].id);

      g_assert_true (CT_IS_NETWORK (n));
      assert_text (n->name, v1_networks[i].name);
      assert_text (n->short_name, v1_networks[i].short_name);
      assert_text (n->url, v1_networks[i].url);
      assert_text (n->notes, v1_networks[i].notes);
      g_assert_cmpstr (n->created, ==, v1_networks[i].created);
      g_assert_cmpstr (n->updated, ==, v1_networks[i].updated);
    }

  for (guint i = 0; i < G_N_ELEMENTS (v1_sources); i++)
    {
      CtSource *s = ct_dataset_lookup (ds, v1_sources[i].id);

      g_assert_true (CT_IS_SOURCE (s));
      assert_text (s->title, v1_sources[i].title);
      assert_text (s->publisher, v1_sources[i].publisher);
      assert_text (s->url, v1_sources[i].url);
      assert_text (s->date, v1_sources[i].date);
      g_assert_cmpstr (s->created, ==, v1_sources[i].created);
      g_assert_cmpstr (s->updated, ==, v1_sources[i].updated);
    }

  for (guint i = 0; i < G_N_ELEMENTS (v1_memberships); i++)
    {
      CtMembership *m = ct_dataset_lookup (ds, v1_memberships[i].id);

      g_assert_true (CT_IS_MEMBERSHIP (m));
      g_assert_cmpstr (m->city, ==, v1_memberships[i].city);
      g_assert_cmpstr (m->network, ==, v1_memberships[i].network);
      assert_text (m->joined, v1_memberships[i].joined);
      assert_text (m->left, v1_memberships[i].left);
      assert_text (m->role, v1_memberships[i].role);
      assert_text (m->notes, v1_memberships[i].notes);
      g_assert_cmpstr (m->created, ==, v1_memberships[i].created);
      g_assert_cmpstr (m->updated, ==, v1_memberships[i].updated);
      assert_strings (m->sources, v1_memberships[i].sources, 3);
    }

  /* The old themes column became themes, each once, labelled as first written */
  g_assert_cmpuint (ds->themes->len, ==, 3);
  {
    const char *keys[] = { "smart_city", "culture", "public_health" };
    const char *labels[] = { "smart_city", "culture", "Public Health" };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < ds->themes->len; j++)
          {
            CtTheme *t = g_ptr_array_index (ds->themes, j);

            if (g_str_equal (t->key, keys[i]))
              {
                g_assert_cmpstr (t->label, ==, labels[i]);
                g_assert_true (ct_uuid_is_valid (t->id));
                found = TRUE;
              }
          }
        g_assert_true (found);
      }
  }
}

static int
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_backups (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_assert_false (g_str_has_suffix (name, ".part"));
      n += g_str_has_suffix (name, ".bak");
    }
  return n;
}

/* Copies the fixture into dir; returns the copy's path and its bytes */
static char *
copy_fixture (CtTestDir   *dir,
              const char  *fixture,
              GBytes     **bytes)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
  char *path = g_build_filename (dir->path, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  *bytes = g_bytes_new_take (contents, length);
  return path;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

/* Opens path (a version-1 file whose bytes are original), and checks the upgrade */
static void
upgrade_v1 (CtTestDir  *dir,
            const char *path,
            GBytes     *original)
{
  g_autoptr(CtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autofree char *backup_dir = NULL;
  g_autofree char *backup_name = NULL;

  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);

  store = ct_store_open (path, &error);
  g_assert_no_error (error);

  /* A backup copy beside the file, byte for byte the file as version 1 left it */
  g_assert_nonnull (ct_store_get_backup_path (store));
  backup_dir = g_path_get_dirname (ct_store_get_backup_path (store));
  backup_name = g_path_get_basename (ct_store_get_backup_path (store));
  g_assert_cmpstr (backup_dir, ==, dir->path);
  g_assert_true (g_str_has_prefix (backup_name, "old.db.schema-1-"));
  g_assert_true (g_str_has_suffix (backup_name, ".bak"));
  backup = read_bytes (ct_store_get_backup_path (store));
  g_assert_true (g_bytes_equal (backup, original));
  g_assert_cmpuint (count_backups (dir->path), ==, 1);

  /* Nothing lost, at the current version, and sound */
  assert_v1_content (store);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, CT_STORE_SCHEMA_VERSION);
  ct_test_assert_sound (path);

  /* The upgraded file takes changes */
  {
    g_autoptr(CtCity) city = ct_store_get_city (store, CITY (3), &error);

    g_assert_no_error (error);
    g_free (city->notes);
    city->notes = g_strdup ("Edited after the upgrade");
    g_assert_true (ct_store_save_city (store, city, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  /* A second open neither upgrades nor backs up again */
  store = ct_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (ct_store_get_backup_path (store));
  g_assert_cmpuint (count_backups (dir->path), ==, 1);
  {
    g_autoptr(CtCity) city = ct_store_get_city (store, CITY (3), &error);

    g_assert_cmpstr (city->notes, ==, "Edited after the upgrade");
  }

  /* and the backup is still the version-1 file */
  g_clear_pointer (&backup, g_bytes_unref);
  {
    g_autoptr(GDir) d = g_dir_open (dir->path, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)))
      if (g_str_has_suffix (name, ".bak"))
        {
          g_autofree char *backup_path = g_build_filename (dir->path, name, NULL);

          backup = read_bytes (backup_path);
        }
  }
  g_assert_true (g_bytes_equal (backup, original));
}

/* The file as the version-1 release wrote it (WAL mode) */
static void
test_migration_v1 (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(GBytes) original = NULL;
  g_autofree char *path = copy_fixture (dir, "schema-v1.db", &original);

  upgrade_v1 (dir, path, original);
}

/* The same in rollback-journal mode: switching it to WAL must come after the backup */
static void
test_migration_v1_rollback_journal (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(GBytes) fixture = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *path = copy_fixture (dir, "schema-v1.db", &fixture);

  sql_exec (path, "PRAGMA journal_mode = DELETE");
  original = read_bytes (path);
  g_assert_false (g_bytes_equal (original, fixture));

  upgrade_v1 (dir, path, original);
}

/* Version 1 crashed with commits still in its WAL: the backup has them, and so does the upgrade */
static void
test_migration_v1_unfinished_wal (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(GBytes) fixture = NULL;
  g_autofree char *path = copy_fixture (dir, "schema-v1.db", &fixture);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(CtStore) store = NULL;
  g_autoptr(CtCity) city = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  /* A process of version 1 that commits and dies before it closes the file */
  if ((pid = fork ()) == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                            "UPDATE city SET notes = 'Only in the WAL' WHERE id = 3", NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = ct_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ct_store_get_backup_path (store));

  city = ct_store_get_city (store, CITY (3), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (city->notes, ==, "Only in the WAL");

  /* The backup is a version-1 file with the commit that was only in the WAL */
  g_assert_cmpint (sql_int (ct_store_get_backup_path (store), "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (ct_store_get_backup_path (store),
                            "SELECT count(*) FROM city WHERE notes = 'Only in the WAL'"), ==, 1);
  g_assert_cmpint (sql_int (ct_store_get_backup_path (store), "SELECT count(*) FROM partnership"), ==, 5);
  ct_test_assert_sound (ct_store_get_backup_path (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migration/v1", test_migration_v1);
  g_test_add_func ("/migration/v1-rollback-journal", test_migration_v1_rollback_journal);
  g_test_add_func ("/migration/v1-unfinished-wal", test_migration_v1_unfinished_wal);

  return g_test_run ();
}
