/* test-history.c: undo and redo (CtHistory), and the store functions under them:
 * ct_store_collect_dependents() and ct_store_apply()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ct-error.h"
#include "ct-history.h"
#include "ct-record.h"
#include "ct-store.h"

#include "test-util.h"

/* A partnership between the cities given, NULL-terminated */
static CtPartnership *
make_partnership (CtKind      kind,
                  CtStatus    status,
                  const char *signed_on,
                  CtCity     *first,
                  ...)
{
  CtPartnership *p = ct_partnership_new ();
  va_list args;

  p->kind = kind;
  p->status = status;
  p->signed_on = g_strdup (signed_on);

  va_start (args, first);
  for (CtCity *c = first; c != NULL; c = va_arg (args, CtCity *))
    g_ptr_array_add (p->parties, ct_party_new (c->id, NULL));
  va_end (args);

  return p;
}

static CtActivity *
make_activity (CtPartnership *p,
               const char    *title)
{
  CtActivity *a = ct_activity_new ();

  a->partnership = g_strdup (p->id);
  a->kind = CT_ACTIVITY_VISIT;
  a->date = g_strdup ("2024-03-23");
  a->title = g_strdup (title);
  return a;
}

static CtMembership *
make_membership (CtCity    *city,
                 CtNetwork *network,
                 CtSource  *source)
{
  CtMembership *m = ct_membership_new ();

  m->city = g_strdup (city->id);
  m->network = g_strdup (network->id);
  m->joined = g_strdup ("2018");
  m->role = g_strdup ("pilot city");
  if (source)
    g_ptr_array_add (m->sources, g_strdup (source->id));
  return m;
}


static const char *
id_of (gpointer record)
{
  if (CT_IS_THEME (record)) return CT_THEME (record)->id;
  if (CT_IS_CITY (record)) return CT_CITY (record)->id;
  if (CT_IS_NETWORK (record)) return CT_NETWORK (record)->id;
  if (CT_IS_SOURCE (record)) return CT_SOURCE (record)->id;
  if (CT_IS_PARTNERSHIP (record)) return CT_PARTNERSHIP (record)->id;
  if (CT_IS_MEMBERSHIP (record)) return CT_MEMBERSHIP (record)->id;
  return CT_ACTIVITY (record)->id;
}

static const char *
created_of (gpointer record)
{
  if (CT_IS_THEME (record)) return CT_THEME (record)->created;
  if (CT_IS_CITY (record)) return CT_CITY (record)->created;
  if (CT_IS_NETWORK (record)) return CT_NETWORK (record)->created;
  if (CT_IS_SOURCE (record)) return CT_SOURCE (record)->created;
  if (CT_IS_PARTNERSHIP (record)) return CT_PARTNERSHIP (record)->created;
  if (CT_IS_MEMBERSHIP (record)) return CT_MEMBERSHIP (record)->created;
  return CT_ACTIVITY (record)->created;
}

/* The same records, each with the same id, content and created date (updated moves on) */
static void
assert_same_records (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      g_assert_true (ct_record_content_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));
      g_assert_cmpstr (created_of (g_ptr_array_index (a, i)), ==, created_of (g_ptr_array_index (b, i)));
    }
}

static void
assert_same_dataset (CtDataset *a,
                     CtDataset *b)
{
  assert_same_records (a->themes, b->themes);
  assert_same_records (a->cities, b->cities);
  assert_same_records (a->networks, b->networks);
  assert_same_records (a->sources, b->sources);
  assert_same_records (a->partnerships, b->partnerships);
  assert_same_records (a->memberships, b->memberships);
  assert_same_records (a->activities, b->activities);
}

static CtDataset *
export (CtStore *store)
{
  g_autoptr(GError) error = NULL;
  CtDataset *ds = ct_store_export_dataset (store, &error);

  g_assert_no_error (error);
  return ds;
}

static void
on_changed_cb (CtStore *store,
               guint    what,
               guint   *seen)
{
  seen[0]++;
  seen[1] |= what;
}

/* Create → undo → redo */
static void
test_history_create (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "create.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(CtCity) city = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *created = NULL;

  g_assert_true (ct_history_get_store (history) == store);
  g_assert_false (ct_history_get_can_undo (history));
  g_assert_null (ct_history_get_undo_label (history));

  g_assert_true (ct_history_save (history, city, "Add Kaohsiung", &error));
  g_assert_no_error (error);
  g_assert_true (ct_uuid_is_valid (city->id));
  g_assert_true (ct_timestamp_is_valid (city->created));
  id = g_strdup (city->id);
  created = g_strdup (city->created);
  g_assert_true (ct_history_get_can_undo (history));
  g_assert_false (ct_history_get_can_redo (history));
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Add Kaohsiung");

  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_null (ct_store_get_city (store, id, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ct_history_get_can_undo (history));
  g_assert_true (ct_history_get_can_redo (history));
  g_assert_cmpstr (ct_history_get_redo_label (history), ==, "Add Kaohsiung");

  g_usleep (2000);
  g_assert_true (ct_history_redo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_city (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (ct_city_content_equal (read, city));
  g_assert_cmpstr (read->id, ==, id);
  g_assert_cmpstr (read->created, ==, created);
  g_assert_cmpstr (g_strcmp0 (read->updated, created) > 0 ? "later" : "not later", ==, "later");
  g_assert_true (ct_history_get_can_undo (history));
  g_assert_false (ct_history_get_can_redo (history));
}

/* Several edits of the same record are several steps */
static void
test_history_edit_twice (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "edit.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(CtCity) city = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) original = NULL;
  g_autoptr(CtCity) first = NULL;
  g_autoptr(CtCity) second = NULL;
  g_autoptr(CtCity) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_store_save_city (store, city, &error));
  original = ct_city_copy (city);

  g_free (city->name);
  city->name = g_strdup ("Kaohsiung City");
  g_assert_true (ct_history_save (history, city, "Edit Kaohsiung", &error));
  first = ct_city_copy (city);

  g_free (city->notes);
  city->notes = g_strdup ("Port city");
  g_assert_true (ct_history_save (history, city, "Edit Kaohsiung City", &error));
  g_assert_no_error (error);
  second = ct_city_copy (city);
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Edit Kaohsiung City");

  /* A save that changes nothing is no step */
  g_assert_true (ct_history_save (history, city, "Edit nothing", &error));
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Edit Kaohsiung City");

  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_city (store, city->id, &error);
  g_assert_true (ct_city_content_equal (read, first));
  g_clear_object (&read);
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Edit Kaohsiung");
  g_assert_cmpstr (ct_history_get_redo_label (history), ==, "Edit Kaohsiung City");

  /* Nor does it clear the redo list */
  read = ct_store_get_city (store, city->id, &error);
  g_assert_true (ct_history_save (history, read, "Edit nothing", &error));
  g_assert_true (ct_history_get_can_redo (history));
  g_clear_object (&read);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_city (store, city->id, &error);
  g_assert_true (ct_city_content_equal (read, original));
  g_assert_cmpstr (read->created, ==, original->created);
  g_clear_object (&read);
  g_assert_false (ct_history_get_can_undo (history));

  g_assert_true (ct_history_redo (history, &error));
  g_assert_true (ct_history_redo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_city (store, city->id, &error);
  g_assert_true (ct_city_content_equal (read, second));
  g_clear_object (&read);
  g_assert_false (ct_history_get_can_redo (history));

  /* A new edit after an undo drops what could be redone */
  g_assert_true (ct_history_undo (history, &error));
  g_assert_true (ct_history_get_can_redo (history));
  read = ct_store_get_city (store, city->id, &error);
  g_free (read->admin1);
  read->admin1 = g_strdup ("Kaohsiung");
  g_assert_true (ct_history_save (history, read, "Edit Kaohsiung City", &error));
  g_assert_false (ct_history_get_can_redo (history));
}

static void
test_history_partnership (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "tie.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(CtCity) khh = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) dad = ct_test_make_city ("Da Nang", "Đà Nẵng", "VN", 16.06778, 108.22083);
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(CtPartnership) created = NULL;
  g_autoptr(CtPartnership) edited = NULL;
  g_autoptr(CtPartnership) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ct_history_save (history, khh, "Add Kaohsiung", &error));
  g_assert_true (ct_history_save (history, dad, "Add Da Nang", &error));

  p = make_partnership (CT_KIND_MOU, CT_STATUS_NEGOTIATING, NULL, khh, dad, NULL);
  g_ptr_array_add (p->themes, g_strdup ("culture"));
  g_assert_true (ct_history_save (history, p, "Add a tie", &error));
  g_assert_no_error (error);
  created = ct_partnership_copy (p);

  p->status = CT_STATUS_ACTIVE;
  g_ptr_array_set_size (p->themes, 0);
  g_ptr_array_add (p->themes, g_strdup ("smart_city"));
  g_ptr_array_add (p->themes, g_strdup ("culture"));
  p->signed_on = g_strdup ("2021-05-04");
  g_assert_true (ct_history_save (history, p, "Edit the tie", &error));
  g_assert_no_error (error);
  edited = ct_partnership_copy (p);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_partnership (store, p->id, &error);
  g_assert_true (ct_partnership_content_equal (read, created));
  g_assert_cmpint (read->status, ==, CT_STATUS_NEGOTIATING);
  g_assert_null (read->signed_on);
  g_assert_cmpuint (read->themes->len, ==, 1);
  g_clear_object (&read);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_null (ct_store_get_partnership (store, p->id, &error));
  g_clear_error (&error);

  g_assert_true (ct_history_redo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_partnership (store, p->id, &error);
  g_assert_true (ct_partnership_content_equal (read, created));
  g_assert_cmpstr (read->created, ==, created->created);
  g_clear_object (&read);

  g_assert_true (ct_history_redo (history, &error));
  g_assert_no_error (error);
  read = ct_store_get_partnership (store, p->id, &error);
  g_assert_true (ct_partnership_content_equal (read, edited));
  g_assert_cmpstr (read->signed_on, ==, "2021-05-04");
  g_assert_cmpstr (g_ptr_array_index (read->themes, 0), ==, "smart_city");
  g_clear_object (&read);

  /* Undo all the way: the cities go too (after the tie) */
  for (guint i = 0; i < 4; i++)
    g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_false (ct_history_get_can_undo (history));
  g_assert_null (ct_store_get_city (store, khh->id, NULL));
  g_assert_null (ct_store_get_city (store, dad->id, NULL));
}

/* A small world around Kaohsiung: a 2-party tie with an activity, a 3-party tie with an
 * activity, an unrelated tie, a network membership citing a source */
typedef struct {
  CtTestDir     *dir;
  CtStore       *store;
  CtCity        *khh, *dad, *sub;
  CtNetwork     *network;
  CtSource      *source;
  CtMembership  *membership;
  CtPartnership *bilateral, *trilateral, *other;
  CtActivity    *bilateral_visit, *trilateral_visit;
} World;

static void
world_set_up (World         *w,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  w->dir = ct_test_dir_new ();
  w->store = ct_test_open_store (w->dir, "world.db");
  w->khh = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  w->dad = ct_test_make_city ("Da Nang", "Đà Nẵng", "VN", 16.06778, 108.22083);
  w->sub = ct_test_make_city ("Surabaya", NULL, "ID", -7.24917, 112.75083);
  g_assert_true (ct_store_save_city (w->store, w->khh, &error));
  g_assert_true (ct_store_save_city (w->store, w->dad, &error));
  g_assert_true (ct_store_save_city (w->store, w->sub, &error));

  w->network = ct_network_new ();
  w->network->name = g_strdup ("ASEAN Smart Cities Network");
  g_assert_true (ct_store_save_network (w->store, w->network, &error));
  w->source = ct_source_new ();
  w->source->title = g_strdup ("Cities can expand Taiwan's role");
  g_assert_true (ct_store_save_source (w->store, w->source, &error));

  w->membership = make_membership (w->khh, w->network, w->source);
  g_assert_true (ct_store_save_membership (w->store, w->membership, &error));

  w->bilateral = make_partnership (CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE, "2021", w->khh, w->dad, NULL);
  g_ptr_array_add (w->bilateral->sources, g_strdup (w->source->id));
  g_ptr_array_add (w->bilateral->themes, g_strdup ("culture"));
  w->trilateral = make_partnership (CT_KIND_FORUM, CT_STATUS_ACTIVE, "2019", w->dad, w->khh, w->sub, NULL);
  ((CtParty *) g_ptr_array_index (w->trilateral->parties, 1))->signed_name = g_strdup ("Kaohsiung City Government");
  w->other = make_partnership (CT_KIND_MOU, CT_STATUS_PROPOSED, NULL, w->dad, w->sub, NULL);
  g_assert_true (ct_store_save_partnership (w->store, w->bilateral, &error));
  g_assert_true (ct_store_save_partnership (w->store, w->trilateral, &error));
  g_assert_true (ct_store_save_partnership (w->store, w->other, &error));

  w->bilateral_visit = make_activity (w->bilateral, "Mayor's visit");
  w->trilateral_visit = make_activity (w->trilateral, "Forum in Surabaya");
  g_assert_true (ct_store_save_activity (w->store, w->bilateral_visit, &error));
  g_assert_true (ct_store_save_activity (w->store, w->trilateral_visit, &error));
  g_assert_no_error (error);
}

static void
world_tear_down (World         *w,
                 gconstpointer  data)
{
  g_clear_object (&w->khh);
  g_clear_object (&w->dad);
  g_clear_object (&w->sub);
  g_clear_object (&w->network);
  g_clear_object (&w->source);
  g_clear_object (&w->membership);
  g_clear_object (&w->bilateral);
  g_clear_object (&w->trilateral);
  g_clear_object (&w->other);
  g_clear_object (&w->bilateral_visit);
  g_clear_object (&w->trilateral_visit);
  g_assert_finalize_object (w->store);
  ct_test_dir_free (w->dir);
}

static gboolean
has_record (GPtrArray  *records,
            GType       type,
            const char *id)
{
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      if (G_OBJECT_TYPE (record) == type && g_strcmp0 (id_of (record), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_store_collect_dependents (World         *w,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) deps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CtPartnership) trilateral = NULL;

  /* A city: every tie it is a party of, its memberships, the activities of the ties that go */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_CITY, w->khh->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deps->len, ==, 4);
  g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->bilateral->id));
  g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->trilateral->id));
  g_assert_true (has_record (deps, CT_TYPE_MEMBERSHIP, w->membership->id));
  g_assert_true (has_record (deps, CT_TYPE_ACTIVITY, w->bilateral_visit->id));
  g_assert_false (has_record (deps, CT_TYPE_ACTIVITY, w->trilateral_visit->id));
  /* as they are now, whole */
  for (guint i = 0; i < deps->len; i++)
    if (CT_IS_PARTNERSHIP (g_ptr_array_index (deps, i)) &&
        g_strcmp0 (CT_PARTNERSHIP (g_ptr_array_index (deps, i))->id, w->trilateral->id) == 0)
      g_assert_true (ct_partnership_content_equal (g_ptr_array_index (deps, i), w->trilateral));
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* A partnership: its activities */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_PARTNERSHIP, w->trilateral->id, &error);
  g_assert_cmpuint (deps->len, ==, 1);
  g_assert_true (has_record (deps, CT_TYPE_ACTIVITY, w->trilateral_visit->id));
  g_assert_true (ct_activity_content_equal (g_ptr_array_index (deps, 0), w->trilateral_visit));
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* A network: its memberships */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_NETWORK, w->network->id, &error);
  g_assert_cmpuint (deps->len, ==, 1);
  g_assert_true (ct_membership_content_equal (g_ptr_array_index (deps, 0), w->membership));
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* A source: what cites it */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_SOURCE, w->source->id, &error);
  g_assert_cmpuint (deps->len, ==, 2);
  g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->bilateral->id));
  g_assert_true (has_record (deps, CT_TYPE_MEMBERSHIP, w->membership->id));
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* A theme: the ties tagged with it */
  {
    g_autoptr(GPtrArray) themes = ct_store_list_themes (w->store, &error);

    g_assert_cmpuint (themes->len, ==, 1);
    deps = ct_store_collect_dependents (w->store, CT_TYPE_THEME, CT_THEME (g_ptr_array_index (themes, 0))->id, &error);
    g_assert_cmpuint (deps->len, ==, 1);
    g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->bilateral->id));
    g_clear_pointer (&deps, g_ptr_array_unref);
  }

  /* Nothing depends on a membership or an activity; an unknown id has nothing */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_MEMBERSHIP, w->membership->id, &error);
  g_assert_cmpuint (deps->len, ==, 0);
  g_clear_pointer (&deps, g_ptr_array_unref);
  deps = ct_store_collect_dependents (w->store, CT_TYPE_CITY, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deps->len, ==, 0);
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* A city whose removal leaves the trilateral tie with two parties does not take its activity */
  deps = ct_store_collect_dependents (w->store, CT_TYPE_CITY, w->sub->id, &error);
  g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->trilateral->id));
  g_assert_true (has_record (deps, CT_TYPE_PARTNERSHIP, w->other->id));
  g_assert_false (has_record (deps, CT_TYPE_ACTIVITY, w->trilateral_visit->id));
  g_clear_pointer (&deps, g_ptr_array_unref);

  /* It reads, it does not change */
  trilateral = ct_store_get_partnership (w->store, w->trilateral->id, &error);
  g_assert_cmpuint (trilateral->parties->len, ==, 3);
}

static void
test_history_delete_city (World         *w,
                          gconstpointer  data)
{
  g_autoptr(CtHistory) history = ct_history_new (w->store);
  g_autoptr(CtDataset) before = export (w->store);
  g_autoptr(CtDataset) after = NULL;
  g_autoptr(CtDataset) undone = NULL;
  g_autoptr(CtDataset) redone = NULL;
  g_autoptr(CtPartnership) trilateral = NULL;
  g_autoptr(GError) error = NULL;
  guint seen[2] = { 0, 0 };

  g_assert_true (ct_history_delete (history, CT_TYPE_CITY, w->khh->id, "Delete Kaohsiung", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Delete Kaohsiung");

  /* The bilateral tie went with its activity, the membership too; the trilateral lost a party */
  g_assert_null (ct_store_get_city (w->store, w->khh->id, NULL));
  g_assert_null (ct_store_get_partnership (w->store, w->bilateral->id, NULL));
  g_assert_null (ct_store_get_activity (w->store, w->bilateral_visit->id, NULL));
  g_assert_null (ct_store_get_membership (w->store, w->membership->id, NULL));
  trilateral = ct_store_get_partnership (w->store, w->trilateral->id, &error);
  g_assert_cmpuint (trilateral->parties->len, ==, 2);
  g_clear_object (&trilateral);
  {
    g_autoptr(CtActivity) kept = ct_store_get_activity (w->store, w->trilateral_visit->id, NULL);

    g_assert_nonnull (kept);
  }
  after = export (w->store);

  /* Undo puts everything back as it was, in one transaction */
  g_signal_connect (w->store, "changed", G_CALLBACK (on_changed_cb), seen);
  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen[0], ==, 1);
  g_assert_cmpuint (seen[1] & (CT_CHANGE_CITIES | CT_CHANGE_PARTNERSHIPS | CT_CHANGE_MEMBERSHIPS | CT_CHANGE_ACTIVITIES),
                    ==, CT_CHANGE_CITIES | CT_CHANGE_PARTNERSHIPS | CT_CHANGE_MEMBERSHIPS | CT_CHANGE_ACTIVITIES);
  undone = export (w->store);
  assert_same_dataset (before, undone);
  trilateral = ct_store_get_partnership (w->store, w->trilateral->id, &error);
  g_assert_cmpstr (((CtParty *) g_ptr_array_index (trilateral->parties, 1))->signed_name, ==, "Kaohsiung City Government");

  /* Redo deletes again */
  seen[0] = seen[1] = 0;
  g_assert_true (ct_history_redo (history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen[0], ==, 1);
  redone = export (w->store);
  assert_same_dataset (after, redone);

  /* and undo again */
  g_clear_pointer (&undone, ct_dataset_unref);
  g_assert_true (ct_history_undo (history, &error));
  undone = export (w->store);
  assert_same_dataset (before, undone);
  g_signal_handlers_disconnect_by_func (w->store, on_changed_cb, seen);
}

static void
test_history_delete_others (World         *w,
                            gconstpointer  data)
{
  g_autoptr(CtHistory) history = ct_history_new (w->store);
  g_autoptr(CtDataset) before = export (w->store);
  g_autoptr(CtDataset) now = NULL;
  g_autoptr(CtMembership) membership = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;

  /* A source: the citations go, and come back */
  g_assert_true (ct_history_delete (history, CT_TYPE_SOURCE, w->source->id, "Delete the source", &error));
  g_assert_no_error (error);
  membership = ct_store_get_membership (w->store, w->membership->id, &error);
  g_assert_cmpuint (membership->sources->len, ==, 0);
  g_clear_object (&membership);

  /* A network: its memberships go */
  g_assert_true (ct_history_delete (history, CT_TYPE_NETWORK, w->network->id, "Delete the network", &error));
  g_assert_null (ct_store_get_membership (w->store, w->membership->id, NULL));

  /* A partnership: its activities go */
  g_assert_true (ct_history_delete (history, CT_TYPE_PARTNERSHIP, w->trilateral->id, "Delete the forum", &error));
  g_assert_null (ct_store_get_activity (w->store, w->trilateral_visit->id, NULL));

  /* A theme: the tags go */
  themes = ct_store_list_themes (w->store, &error);
  g_assert_true (ct_history_delete (history, CT_TYPE_THEME, CT_THEME (g_ptr_array_index (themes, 0))->id,
                                    "Delete the theme", &error));
  g_assert_no_error (error);

  /* Deleting what is not there fails and records nothing */
  g_assert_false (ct_history_delete (history, CT_TYPE_CITY, "00000000-0000-4000-8000-000000000000", "Delete nothing", &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Delete the theme");

  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (ct_history_undo (history, &error));
      g_assert_no_error (error);
    }
  now = export (w->store);
  assert_same_dataset (before, now);
}

/* Another window (another connection) changed what the step touched: undo refuses */
static void
test_history_conflict (World         *w,
                       gconstpointer  data)
{
  g_autoptr(CtHistory) history = ct_history_new (w->store);
  g_autofree char *path = g_build_filename (w->dir->path, "world.db", NULL);
  g_autoptr(CtStore) other = ct_store_open (path, NULL);
  g_autoptr(CtCity) theirs = NULL;
  g_autoptr(CtCity) read = NULL;
  g_autoptr(CtCity) taichung = ct_test_make_city ("Taichung", "臺中市", "TW", 24.1477, 120.6736);
  g_autoptr(CtPartnership) tie = NULL;
  g_autoptr(CtDataset) before = NULL;
  g_autoptr(CtDataset) now = NULL;
  g_autoptr(GError) error = NULL;

  g_free (w->khh->notes);
  w->khh->notes = g_strdup ("Port city");
  g_assert_true (ct_history_save (history, w->khh, "Edit Kaohsiung", &error));

  /* The other window renames the city */
  theirs = ct_store_get_city (other, w->khh->id, &error);
  g_free (theirs->admin1);
  theirs->admin1 = g_strdup ("Kaohsiung Special Municipality");
  g_assert_true (ct_store_save_city (other, theirs, &error));
  before = export (w->store);

  g_assert_false (ct_history_undo (history, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Cannot undo “Edit Kaohsiung”: Kaohsiung was changed elsewhere since");
  g_clear_error (&error);

  /* Nothing changed, in the store or the history */
  read = ct_store_get_city (w->store, w->khh->id, &error);
  g_assert_true (ct_city_content_equal (read, theirs));
  g_clear_object (&read);
  now = export (w->store);
  assert_same_dataset (before, now);
  g_clear_pointer (&now, ct_dataset_unref);
  g_assert_true (ct_history_get_can_undo (history));
  g_assert_false (ct_history_get_can_redo (history));
  g_assert_cmpstr (ct_history_get_undo_label (history), ==, "Edit Kaohsiung");

  /* When the other window puts it back as the step left it, undo works again */
  g_free (theirs->admin1);
  theirs->admin1 = NULL;
  g_assert_true (ct_store_save_city (other, theirs, &error));
  g_assert_true (ct_history_undo (history, &error));
  g_assert_no_error (error);

  /* Redo checks too: the other window deletes the city */
  g_assert_true (ct_store_delete_city (other, w->sub->id, &error));
  g_assert_true (ct_store_delete_city (other, w->khh->id, &error));
  g_assert_false (ct_history_redo (history, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Cannot redo “Edit Kaohsiung”: Kaohsiung was changed elsewhere since");
  g_clear_error (&error);
  g_assert_true (ct_history_get_can_redo (history));

  /* Undoing an addition would delete what the other window has tied to it since */
  ct_history_clear (history);
  g_assert_true (ct_history_save (history, taichung, "Add Taichung", &error));
  tie = make_partnership (CT_KIND_FRIENDSHIP_CITY, CT_STATUS_PROPOSED, NULL, taichung, w->dad, NULL);
  g_assert_true (ct_store_save_partnership (other, tie, &error));
  g_assert_no_error (error);
  g_assert_false (ct_history_undo (history, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "Cannot undo “Add Taichung”: Taichung is now used by records added elsewhere");
  g_clear_error (&error);
  read = ct_store_get_city (w->store, taichung->id, &error);
  g_assert_no_error (error);
  g_clear_object (&read);
  g_assert_true (ct_history_get_can_undo (history));
}

static void
test_history_empty (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "empty.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(GError) error = NULL;

  g_assert_false (ct_history_undo (history, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (ct_history_redo (history, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (ct_history_get_can_undo (history));
  g_assert_false (ct_history_get_can_redo (history));
  g_assert_null (ct_history_get_undo_label (history));
  g_assert_null (ct_history_get_redo_label (history));

  /* A failed save records nothing */
  {
    g_autoptr(CtCity) bad = ct_test_make_city ("Nowhere", NULL, "TW", 95.0, 0);

    g_assert_false (ct_history_save (history, bad, "Add Nowhere", &error));
    g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (ct_history_get_can_undo (history));
  }
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GHashTable *counts)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count (GHashTable *counts,
       const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_history_notify (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "notify.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(CtCity) city = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  gboolean can_undo = FALSE;
  g_autofree char *undo_label = NULL;

  g_signal_connect (history, "notify", G_CALLBACK (on_notify_cb), counts);

  g_assert_true (ct_history_save (history, city, "Add Kaohsiung", &error));
  g_assert_cmpuint (count (counts, "can-undo"), ==, 1);
  g_assert_cmpuint (count (counts, "undo-label"), ==, 1);
  g_assert_cmpuint (count (counts, "can-redo"), ==, 0);
  g_assert_cmpuint (count (counts, "redo-label"), ==, 0);

  g_object_get (history, "can-undo", &can_undo, "undo-label", &undo_label, NULL);
  g_assert_true (can_undo);
  g_assert_cmpstr (undo_label, ==, "Add Kaohsiung");

  /* Two edits under one label: the label does not change, nor can-undo */
  g_free (city->notes);
  city->notes = g_strdup ("one");
  g_assert_true (ct_history_save (history, city, "Edit Kaohsiung", &error));
  g_free (city->notes);
  city->notes = g_strdup ("two");
  g_assert_true (ct_history_save (history, city, "Edit Kaohsiung", &error));
  g_assert_cmpuint (count (counts, "can-undo"), ==, 1);
  g_assert_cmpuint (count (counts, "undo-label"), ==, 2);

  /* A save that changes nothing notifies nothing */
  g_assert_true (ct_history_save (history, city, "Edit Kaohsiung", &error));
  g_assert_cmpuint (count (counts, "undo-label"), ==, 2);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_cmpuint (count (counts, "can-undo"), ==, 1);
  g_assert_cmpuint (count (counts, "undo-label"), ==, 2);
  g_assert_cmpuint (count (counts, "can-redo"), ==, 1);
  g_assert_cmpuint (count (counts, "redo-label"), ==, 1);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_cmpuint (count (counts, "undo-label"), ==, 3);
  g_assert_cmpuint (count (counts, "can-redo"), ==, 1);
  g_assert_cmpuint (count (counts, "redo-label"), ==, 1);

  g_assert_true (ct_history_undo (history, &error));
  g_assert_cmpuint (count (counts, "can-undo"), ==, 2);
  g_assert_cmpuint (count (counts, "undo-label"), ==, 4);
  g_assert_cmpuint (count (counts, "redo-label"), ==, 2);

  /* A failed undo notifies nothing */
  g_assert_false (ct_history_undo (history, &error));
  g_clear_error (&error);
  g_assert_cmpuint (count (counts, "can-undo"), ==, 2);

  ct_history_clear (history);
  g_assert_cmpuint (count (counts, "can-redo"), ==, 2);
  g_assert_cmpuint (count (counts, "redo-label"), ==, 3);
  g_assert_cmpuint (count (counts, "can-undo"), ==, 2);
  ct_history_clear (history);
  g_assert_cmpuint (count (counts, "can-redo"), ==, 2);

  g_signal_handlers_disconnect_by_func (history, on_notify_cb, counts);
}

/* The undo list keeps the latest CT_HISTORY_MAX_STEPS steps */
static void
test_history_limit (void)
{
  g_autoptr(CtTestDir) dir = ct_test_dir_new ();
  g_autoptr(CtStore) store = ct_test_open_store (dir, "limit.db");
  g_autoptr(CtHistory) history = ct_history_new (store);
  g_autoptr(CtCity) city = ct_test_make_city ("Kaohsiung", "高雄市", "TW", 22.61626, 120.31333);
  g_autoptr(CtCity) read = NULL;
  g_autoptr(GError) error = NULL;
  guint undone = 0;

  g_assert_true (ct_store_save_city (store, city, &error));
  for (guint i = 0; i < CT_HISTORY_MAX_STEPS + 5; i++)
    {
      g_autofree char *label = g_strdup_printf ("Edit %u", i);

      g_free (city->notes);
      city->notes = g_strdup_printf ("%u", i);
      g_assert_true (ct_history_save (history, city, label, &error));
    }

  while (ct_history_undo (history, NULL))
    undone++;
  g_assert_cmpuint (undone, ==, CT_HISTORY_MAX_STEPS);

  /* back to the notes before the oldest step kept */
  read = ct_store_get_city (store, city->id, &error);
  g_assert_cmpstr (read->notes, ==, "4");
}

/* ct_store_apply: all or nothing, one "changed" */
static void
test_store_apply (World         *w,
                  gconstpointer  data)
{
  g_autoptr(CtDataset) before = export (w->store);
  g_autoptr(CtDataset) now = NULL;
  g_autoptr(GPtrArray) deletions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CtCity) bad = ct_test_make_city ("Nowhere", NULL, "TW", 95.0, 0);
  g_autoptr(CtCity) renamed = ct_city_copy (w->dad);
  g_autoptr(CtPartnership) dangling = NULL;
  g_autoptr(CtCity) read = NULL;
  g_autoptr(GError) error = NULL;
  guint seen[2] = { 0, 0 };

  g_signal_connect (w->store, "changed", G_CALLBACK (on_changed_cb), seen);

  g_free (renamed->name);
  renamed->name = g_strdup ("Đà Nẵng City");

  /* One invalid record: nothing happens */
  g_ptr_array_add (deletions, g_object_ref (w->khh));
  g_ptr_array_add (saves, g_object_ref (renamed));
  g_ptr_array_add (saves, g_object_ref (bad));
  g_assert_false (ct_store_apply (w->store, deletions, saves, &error));
  g_assert_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  now = export (w->store);
  assert_same_dataset (before, now);
  g_clear_pointer (&now, ct_dataset_unref);
  g_assert_cmpuint (seen[0], ==, 0);

  /* A record that fails while writing (a party that does not exist): the deletion before it is
   * rolled back */
  g_ptr_array_remove (saves, bad);
  dangling = ct_partnership_copy (w->other);
  g_free (((CtParty *) g_ptr_array_index (dangling->parties, 0))->city);
  ((CtParty *) g_ptr_array_index (dangling->parties, 0))->city = g_strdup ("00000000-0000-4000-8000-000000000000");
  g_ptr_array_add (saves, g_object_ref (dangling));
  g_assert_false (ct_store_apply (w->store, deletions, saves, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  now = export (w->store);
  assert_same_dataset (before, now);
  g_clear_pointer (&now, ct_dataset_unref);
  g_assert_cmpuint (seen[0], ==, 0);

  /* Without it: one transaction, one signal with every flag */
  g_ptr_array_remove (saves, dangling);
  g_assert_true (ct_store_apply (w->store, deletions, saves, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen[0], ==, 1);
  g_assert_cmpuint (seen[1], ==, CT_CHANGE_ALL);
  g_assert_null (ct_store_get_city (w->store, w->khh->id, NULL));
  read = ct_store_get_city (w->store, w->dad->id, &error);
  g_assert_cmpstr (read->name, ==, "Đà Nẵng City");
  g_assert_cmpstr (read->created, ==, w->dad->created);
  g_clear_object (&read);

  /* A deletion of what is gone and a save of what is stored already: nothing to do, no signal */
  g_assert_true (ct_store_apply (w->store, deletions, saves, &error));
  g_assert_cmpuint (seen[0], ==, 1);
  g_assert_true (ct_store_apply (w->store, NULL, NULL, &error));
  g_assert_cmpuint (seen[0], ==, 1);

  /* A deleted record comes back with its id and created date; only cities here */
  g_ptr_array_set_size (saves, 0);
  g_ptr_array_add (saves, g_object_ref (w->khh));
  seen[1] = 0;
  g_assert_true (ct_store_apply (w->store, NULL, saves, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen[0], ==, 2);
  g_assert_cmpuint (seen[1], ==, CT_CHANGE_CITIES);
  read = ct_store_get_city (w->store, w->khh->id, &error);
  g_assert_true (ct_city_content_equal (read, w->khh));
  g_assert_cmpstr (read->created, ==, w->khh->created);

  g_signal_handlers_disconnect_by_func (w->store, on_changed_cb, seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/collect-dependents", World, NULL, world_set_up, test_store_collect_dependents, world_tear_down);
  g_test_add ("/store/apply", World, NULL, world_set_up, test_store_apply, world_tear_down);
  g_test_add_func ("/history/create", test_history_create);
  g_test_add_func ("/history/edit-twice", test_history_edit_twice);
  g_test_add_func ("/history/partnership", test_history_partnership);
  g_test_add ("/history/delete-city", World, NULL, world_set_up, test_history_delete_city, world_tear_down);
  g_test_add ("/history/delete-others", World, NULL, world_set_up, test_history_delete_others, world_tear_down);
  g_test_add ("/history/conflict", World, NULL, world_set_up, test_history_conflict, world_tear_down);
  g_test_add_func ("/history/empty", test_history_empty);
  g_test_add_func ("/history/notify", test_history_notify);
  g_test_add_func ("/history/limit", test_history_limit);

  return g_test_run ();
}
