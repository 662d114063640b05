/* test-store.c: the store's records, constraints, queries, change signal and migration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ct-bundled.h"
#include "ct-error.h"
#include "ct-store.h"

#include "test-util.h"

static CtPartnership *
make_partnership (CtKind      kind,
                  CtStatus    status,
                  const char *signed_on,
                  CtCity     *a,
                  CtCity     *b)
{
  CtPartnership *p = ct_partnership_new ();

  p->kind = kind;
  p->status = status;
  p->signed_on = g_strdup (signed_on);
  g_ptr_array_add (p->parties, ct_party_new (a->id, NULL));
  g_ptr_array_add (p->parties, ct_party_new (b->id, NULL));
  return p;
}

static void
test_store_city_crud (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "crud.db");
  g_autoptr(CtCity) city = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;

  g_assert_true (ct_store_save_city (store, city, &error));
  g_assert_no_error (error);
  g_assert_true (ct_uuid_is_valid (city->id));
  g_assert_true (ct_timestamp_is_valid (city->created));
  g_assert_cmpstr (city->created, ==, city->updated);

  read = ct_store_get_city (store, city->id, &error);
  g_assert_no_error (error);
  g_assert_true (ct_city_content_equal (city, read));
  g_assert_cmpstr (read->local_name, ==, "高雄市");

  /* An edit keeps created and moves updated */
  created = g_strdup (city->created);
  g_usleep (2000);
  g_free (city->notes);
  city->notes = g_strdup ("Port city; \"twin\" of <b>Da Nang</b> 🌏");
  g_assert_true (ct_store_save_city (store, city, &error));
  g_clear_object (&read);
  read = ct_store_get_city (store, city->id, &error);
  g_assert_cmpstr (read->notes, ==, "Port city; \"twin\" of <b>Da Nang</b> 🌏");
  g_assert_cmpstr (read->created, ==, created);
  g_assert_cmpstr (g_strcmp0 (read->updated, created) > 0 ? "later" : "not later", ==, "later");

  g_assert_true (ct_store_delete_city (store, city->id, &error));
  g_assert_no_error (error);
  g_assert_null (ct_store_get_city (store, city->id, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_NOT_FOUND);
}

static void
test_store_validation (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "valid.db");
  g_autoptr(CtCity) a = ct_test_make_city ("Taipei", "臺北市", "TW", 25.05, 121.53);
  g_autoptr(CtCity) bad = NULL;
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cities = NULL;

  g_assert_true (ct_store_save_city (store, a, &error));

  bad = ct_test_make_city ("Nowhere", NULL, "TW", 95.0, 0);
  g_assert_false (ct_store_save_city (store, bad, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "lat"));
  g_clear_error (&error);

  bad->lat = 0;
  g_free (bad->country);
  bad->country = g_strdup ("XX");
  g_assert_false (ct_store_save_city (store, bad, &error));
  g_assert_nonnull (strstr (error->message, "country"));
  g_clear_error (&error);

  /* A partnership needs two different cities */
  p = make_partnership (CT_KIND_MOU, CT_STATUS_ACTIVE, "2017-03-27", a, a);
  g_assert_false (ct_store_save_partnership (store, p, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* An impossible date */
  g_ptr_array_remove_index (p->parties, 1);
  g_ptr_array_add (p->parties, ct_party_new ("00000000-0000-4000-8000-000000000000", NULL));
  g_free (p->signed_on);
  p->signed_on = g_strdup ("2023-02-29");
  g_assert_false (ct_store_save_partnership (store, p, &error));
  g_assert_nonnull (strstr (error->message, "signed"));
  g_clear_error (&error);

  /* A party that does not exist */
  g_free (p->signed_on);
  p->signed_on = g_strdup ("2024-02-29");
  g_assert_false (ct_store_save_partnership (store, p, &error));
  g_assert_nonnull (strstr (error->message, "00000000-0000-4000-8000-000000000000"));
  g_clear_error (&error);

  /* Nothing of the failed saves remains */
  cities = ct_store_list_cities (store, NULL, &error);
  g_assert_cmpuint (cities->len, ==, 1);
  g_clear_pointer (&cities, g_ptr_array_unref);
  cities = ct_store_list_partnerships (store, NULL, &error);
  g_assert_cmpuint (cities->len, ==, 0);
}

static void
on_changed_cb (CtStore *store,
               guint    what,
               guint   *seen)
{
  *seen |= what;
}

static void
test_store_partnerships_and_queries (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "query.db");
  g_autoptr(CtCity) khh = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) dad = ct_test_make_city ("Da Nang", "Đà Nẵng", "VN", 16.06778, 108.22083);
  g_autoptr(CtCity) sub = ct_test_make_city ("Surabaya", NULL, "ID", -7.24917, 112.75083);
  g_autoptr(CtCity) gdy = ct_test_make_city ("Gdynia", NULL, "PL", 54.51889, 18.53188);
  g_autoptr(CtPartnership) p1 = NULL;
  g_autoptr(CtPartnership) p2 = NULL;
  g_autoptr(CtPartnership) p3 = NULL;
  g_autoptr(CtPartnership) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GError) error = NULL;
  CtRegionSummary summary[CT_N_REGIONS];
  guint seen = 0;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &seen);

  g_assert_true (ct_store_save_city (store, khh, &error));
  g_assert_true (ct_store_save_city (store, dad, &error));
  g_assert_true (ct_store_save_city (store, sub, &error));
  g_assert_true (ct_store_save_city (store, gdy, &error));
  g_assert_cmpuint (seen, ==, CT_CHANGE_CITIES);

  p1 = make_partnership (CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "2021", khh, dad);
  g_ptr_array_add (p1->themes, g_strdup ("smart_city"));
  g_ptr_array_add (p1->themes, g_strdup ("culture"));
  p1->title = g_strdup ("Smart-city forum");
  g_ptr_array_index (p1->parties, 1) = (ct_party_free (g_ptr_array_index (p1->parties, 1)),
                                        ct_party_new (dad->id, "Thành phố Đà Nẵng"));
  p2 = make_partnership (CT_KIND_SISTER_CITY, CT_STATUS_UNVERIFIED, NULL, khh, sub);
  p3 = make_partnership (CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "2025-09-14", khh, gdy);
  g_ptr_array_add (p3->themes, g_strdup ("trade"));

  seen = 0;
  g_assert_true (ct_store_save_partnership (store, p1, &error));
  g_assert_no_error (error);
  g_assert_true (ct_store_save_partnership (store, p2, &error));
  g_assert_true (ct_store_save_partnership (store, p3, &error));
  g_assert_cmpuint (seen & CT_CHANGE_PARTNERSHIPS, !=, 0);

  read = ct_store_get_partnership (store, p1->id, &error);
  g_assert_no_error (error);
  g_assert_true (ct_partnership_content_equal (read, p1));
  g_assert_cmpuint (read->themes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (read->themes, 0), ==, "smart_city");
  g_assert_cmpstr (((CtParty *) g_ptr_array_index (read->parties, 1))->signed_name, ==, "Thành phố Đà Nẵng");

  /* Themes named only by key were created */
  list = ct_store_list_themes (store, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Cities with tie counts, most ties first */
  list = ct_store_list_cities (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (CT_CITY (g_ptr_array_index (list, 0))->name, ==, "Kaohsiung");
  g_assert_cmpuint (CT_CITY (g_ptr_array_index (list, 0))->tie_count, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Region: ASEAN cities, with their ties */
  filter->regions = 1 << CT_REGION_ASEAN;
  list = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Status and theme */
  filter->regions = 0;
  filter->statuses = 1 << CT_STATUS_ACTIVE;
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  filter->theme = g_strdup ("trade");
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (CT_PARTNERSHIP (g_ptr_array_index (list, 0))->id, ==, p3->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Cities follow the partnership filter: Kaohsiung and Gdynia have an active trade tie */
  list = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (CT_CITY (g_ptr_array_index (list, 0))->tie_count, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Signed-year range (an undated tie is outside any range) */
  g_clear_pointer (&filter->theme, g_free);
  filter->statuses = 0;
  filter->year_from = 2020;
  filter->year_to = 2022;
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (CT_PARTNERSHIP (g_ptr_array_index (list, 0))->id, ==, p1->id);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Text in either script; LIKE wildcards are taken literally */
  filter->year_from = filter->year_to = 0;
  filter->text = g_strdup ("高雄");
  list = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (CT_CITY (g_ptr_array_index (list, 0))->name, ==, "Kaohsiung");
  g_clear_pointer (&list, g_ptr_array_unref);
  g_free (filter->text);
  filter->text = g_strdup ("Đà");
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_free (filter->text);
  filter->text = g_strdup ("%");
  list = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The partnerships of a city */
  list = ct_store_list_partnerships_for_city (store, gdy->id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (ct_store_get_region_summary (store, NULL, summary, &error));
  g_assert_cmpuint (summary[CT_REGION_TAIWAN].cities, ==, 1);
  g_assert_cmpuint (summary[CT_REGION_TAIWAN].partnerships, ==, 3);
  g_assert_cmpuint (summary[CT_REGION_ASEAN].cities, ==, 2);
  g_assert_cmpuint (summary[CT_REGION_EU].partnerships, ==, 1);

  /* Deleting a city takes the ties it leaves with one party */
  g_assert_true (ct_store_delete_city (store, gdy->id, &error));
  list = ct_store_list_partnerships (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (ct_store_get_partnership (store, p3->id, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_NOT_FOUND);
}

static void
test_store_networks_sources_activities (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "net.db");
  g_autoptr(CtCity) a = ct_test_make_city ("Manila", "Maynila", "PH", 14.6042, 120.9822);
  g_autoptr(CtCity) b = ct_test_make_city ("Taipei", "臺北市", "TW", 25.05, 121.53);
  g_autoptr(CtNetwork) n = ct_network_new ();
  g_autoptr(CtSource) s = ct_source_new ();
  g_autoptr(CtMembership) m = ct_membership_new ();
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(CtActivity) act = ct_activity_new ();
  g_autoptr(CtMembership) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_store_save_city (store, a, &error));
  g_assert_true (ct_store_save_city (store, b, &error));

  n->name = g_strdup ("ASEAN Smart Cities Network");
  n->short_name = g_strdup ("ASCN");
  g_assert_true (ct_store_save_network (store, n, &error));

  s->title = g_strdup ("Cities can expand Taiwan's role");
  s->publisher = g_strdup ("Taipei Times");
  s->date = g_strdup ("2021-12-22");
  g_assert_true (ct_store_save_source (store, s, &error));

  m->city = g_strdup (a->id);
  m->network = g_strdup (n->id);
  m->joined = g_strdup ("2018");
  m->role = g_strdup ("pilot city");
  g_ptr_array_add (m->sources, g_strdup (s->id));
  g_assert_true (ct_store_save_membership (store, m, &error));
  g_assert_no_error (error);

  read = ct_store_get_membership (store, m->id, &error);
  g_assert_true (ct_membership_content_equal (read, m));

  list = ct_store_list_networks (store, &error);
  g_assert_cmpuint (CT_NETWORK (g_ptr_array_index (list, 0))->member_count, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  p = make_partnership (CT_KIND_SISTER_CITY, CT_STATUS_DORMANT, "1966", b, a);
  g_ptr_array_add (p->sources, g_strdup (s->id));
  g_assert_true (ct_store_save_partnership (store, p, &error));

  act->partnership = g_strdup (p->id);
  act->kind = CT_ACTIVITY_VISIT;
  act->date = g_strdup ("2024-03-23");
  act->title = g_strdup ("Mayor's visit");
  g_assert_true (ct_store_save_activity (store, act, &error));
  list = ct_store_list_activities (store, p->id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Network filter: members, and ties with a member */
  filter->network = g_strdup (n->id);
  list = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (CT_CITY (g_ptr_array_index (list, 0))->name, ==, "Manila");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ct_store_list_partnerships (store, filter, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Deleting the partnership removes its timeline */
  g_assert_true (ct_store_delete_partnership (store, p->id, &error));
  g_assert_null (ct_store_get_activity (store, act->id, &error));
  g_clear_error (&error);

  /* A source still cited goes, and with it the citation, never the membership */
  g_assert_true (ct_store_delete_source (store, s->id, &error));
  g_clear_object (&read);
  read = ct_store_get_membership (store, m->id, &error);
  g_assert_nonnull (read);
  g_assert_cmpuint (read->sources->len, ==, 0);
}

static void
test_store_migration_v1 (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *original = g_test_build_filename (G_TEST_DIST, "data", "schema-v1.db", NULL);
  g_autofree char *path = g_build_filename (dir->path, "old.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(CtStore) store = NULL;
  g_autoptr(CtStore) backup = NULL;
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(CtCity) dad = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (original, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));

  store = ct_store_open (path, &error);
  g_assert_no_error (error);

  /* A copy of the old file sits beside it */
  g_assert_nonnull (ct_store_get_backup_path (store));
  g_assert_true (g_file_test (ct_store_get_backup_path (store), G_FILE_TEST_EXISTS));

  /* Nothing lost: the themes column became themes, in order */
  p = ct_store_get_partnership (store, "7a2b3c4d-1111-4e22-8a33-445566778801", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->themes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (p->themes, 0), ==, "smart_city");
  g_assert_cmpstr (g_ptr_array_index (p->themes, 1), ==, "culture");
  g_assert_cmpstr (p->notes, ==, "Kaohsiung's \"twin\" — per press");
  g_assert_cmpstr (p->updated, ==, "2024-02-03T04:05:06.000Z");
  g_assert_cmpuint (p->parties->len, ==, 2);
  g_assert_cmpuint (p->sources->len, ==, 1);

  dad = ct_store_get_city (store, "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a02", &error);
  g_assert_cmpstr (dad->local_name, ==, "Đà Nẵng");
  g_assert_cmpint (dad->geonames_id, ==, 1583992);

  list = ct_store_list_memberships_for_city (store, dad->id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (CT_MEMBERSHIP (g_ptr_array_index (list, 0))->sources->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = ct_store_list_cities (store, NULL, &error);
  g_assert_cmpuint (list->len, ==, 9);
  g_assert_cmpuint (CT_CITY (g_ptr_array_index (list, 0))->tie_count, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The migrated file takes new records with the new columns */
  g_assert_true (ct_store_delete_city (store, "6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a03", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Opening again migrates nothing */
  store = ct_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (ct_store_get_backup_path (store));
}

static void
test_store_refuses_newer_and_garbage (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *newer = g_build_filename (dir->path, "newer.db", NULL);
  g_autofree char *garbage = g_build_filename (dir->path, "garbage.db", NULL);
  g_autofree char *missing = g_build_filename (dir->path, "no-such-dir", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  CtStore *store;

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = ct_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, CT_ERROR, CT_ERROR_VERSION);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (garbage, "this is not a database, just text\n", -1, NULL));
  store = ct_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, CT_ERROR, CT_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));
  g_clear_error (&error);

  /* and left alone */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (garbage, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "this is not a database, just text\n");
  }

  store = ct_store_open (missing, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "does not exist"));
}

/* A Taiwanese reader finds and reads foreign cities by the names Taiwan's press uses */
static void
test_store_chinese_names (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autofree char *path = g_build_filename (dir->path, "names.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = ct_bundled_open_database (path, FALSE, &error);
  g_autoptr(CtFilter) filter = ct_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) ties = NULL;
  g_autofree char *english = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *kaohsiung = NULL;
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  CtCity *da_nang;

  g_assert_no_error (error);

  filter->text = g_strdup ("峴港");
  found = ct_store_list_cities (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  da_nang = g_ptr_array_index (found, 0);
  g_assert_cmpstr (da_nang->name, ==, "Da Nang");

  /* the ties list finds the same city's ties */
  ties = ct_store_list_partnerships (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ties->len, >, 0);

  g_setenv ("LANGUAGE", "en", TRUE);
  english = ct_city_dup_display_name (da_nang);
  g_assert_cmpstr (english, ==, "Da Nang");
  g_assert_cmpstr (ct_city_get_other_name (da_nang), ==, "Đà Nẵng");

  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  chinese = ct_city_dup_display_name (da_nang);
  g_assert_cmpstr (chinese, ==, "峴港");
  g_assert_cmpstr (ct_city_get_other_name (da_nang), ==, "Da Nang");

  g_clear_pointer (&filter->text, g_free);
  filter->text = g_strdup ("Kaohsiung");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = ct_store_list_cities (store, filter, &error);
  g_assert_cmpuint (found->len, ==, 1);
  kaohsiung = ct_city_dup_display_name (g_ptr_array_index (found, 0));
  g_assert_cmpstr (kaohsiung, ==, "高雄市");

  /* Every bundled theme has a translatable label; a theme a user adds keeps its own */
  {
    g_autoptr(GPtrArray) themes = ct_store_list_themes (store, &error);

    g_setenv ("LANGUAGE", "en", TRUE);
    g_assert_no_error (error);
    g_assert_cmpuint (themes->len, >, 20);
    for (guint i = 0; i < themes->len; i++)
      {
        CtTheme *theme = g_ptr_array_index (themes, i);

        g_assert_cmpstr (ct_theme_get_display_label (theme->key, "(not translated)"), ==, theme->label);
      }
    g_assert_cmpstr (ct_theme_get_display_label ("river_festivals", "River festivals"), ==, "River festivals");
    g_assert_cmpstr (ct_theme_get_display_label ("river_festivals", NULL), ==, "river_festivals");
  }

  if (old_language)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/city-crud", test_store_city_crud);
  g_test_add_func ("/store/validation", test_store_validation);
  g_test_add_func ("/store/partnerships-and-queries", test_store_partnerships_and_queries);
  g_test_add_func ("/store/networks-sources-activities", test_store_networks_sources_activities);
  g_test_add_func ("/store/migration-v1", test_store_migration_v1);
  g_test_add_func ("/store/refuses-newer-and-garbage", test_store_refuses_newer_and_garbage);
  g_test_add_func ("/store/chinese-names", test_store_chinese_names);

  return g_test_run ();
}
