/* crash-child.c: edits and imports through CtStore until it is killed, for test-crash
 *
 *   crash-child loop DATABASE SEED
 *       Opens DATABASE, prints "ready", then runs transactions back to back: cities,
 *       partnerships and memberships added, changed and deleted, and imports of generated
 *       datasets (a few dozen records, or several hundred, which takes tens of ms). Before each it
 *       prints the state it will leave, after each commit has returned that it committed:
 *
 *         intent SEQ OP ID=FINGERPRINT ID=- ...   (every record the transaction changes, "-":
 *                                                  gone, cascades included)
 *         committed SEQ OP ID FINGERPRINT
 *
 *       each line with one write(2) to standard output, unbuffered. Any failure is printed on
 *       standard error with exit status 1: test-crash only ever expects SIGKILL.
 *
 *   crash-child edit DATABASE
 *       One change to an existing city and one new city, each in its own transaction, for the
 *       disk-full test: "committed" or the error message on standard error and exit status 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "ct-error.h"
#include "ct-store.h"

#include "crash-common.h"

/* The database stays around this size, so that a start (which reads it all) stays quick */
#define MAX_CITIES        800
#define MAX_PARTNERSHIPS 2000

typedef struct {
  CtStore    *store;
  GRand      *rand;
  GHashTable *cities;       /* id → CtCity, as stored */
  GHashTable *partnerships; /* id → CtPartnership */
  GHashTable *memberships;  /* id → CtMembership */
  GPtrArray  *network_ids;
  GPtrArray  *source_ids;
  GString    *line;
  guint       seq;
  const char *op;
} Child;

static void
write_line (const char *text,
            gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, text, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        exit (1);
      text += n;
      length -= n;
    }
}

G_GNUC_NORETURN static void
die (Child  *child,
     GError *error)
{
  if (child)
    g_printerr ("crash-child: %s %u: %s\n", child->op, child->seq, error ? error->message : "failed");
  else
    g_printerr ("%s\n", error ? error->message : "failed");
  exit (1);
}

static void
intent_begin (Child      *child,
              const char *op)
{
  child->seq++;
  child->op = op;
  g_string_printf (child->line, "intent %u %s", child->seq, op);
}

static void
intent_add (Child      *child,
            const char *id,
            gpointer    record) /* NULL: gone */
{
  g_autofree char *fingerprint = record ? ct_crash_fingerprint (record) : NULL;

  g_string_append_printf (child->line, " %s=%s", id, fingerprint ? fingerprint : CT_CRASH_GONE);
}

static void
intent_write (Child *child)
{
  g_string_append_c (child->line, '\n');
  write_line (child->line->str, child->line->len);
}

/* After the commit returned */
static void
committed (Child      *child,
           const char *id,
           gpointer    record)
{
  g_autofree char *fingerprint = record ? ct_crash_fingerprint (record) : NULL;
  g_autofree char *text = g_strdup_printf ("committed %u %s %s %s\n", child->seq, child->op, id,
                                           fingerprint ? fingerprint : CT_CRASH_GONE);

  write_line (text, strlen (text));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_ids (GHashTable *table)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_sort (ids, compare_ids);
  return ids;
}

static gpointer
pick (Child      *child,
      GHashTable *table)
{
  g_autoptr(GPtrArray) ids = sorted_ids (table);

  if (ids->len == 0)
    return NULL;
  return g_hash_table_lookup (table, g_ptr_array_index (ids, g_rand_int_range (child->rand, 0, ids->len)));
}

/* A timestamp a century ahead: an import's version of a record is always newer than the
 * database's, so the merge takes it */
static char *
future_timestamp (void)
{
  char *stamp = ct_timestamp_now ();
  g_autofree char *year = g_strdup_printf ("%04d", atoi (stamp) + 100);

  memcpy (stamp, year, 4);
  return stamp;
}

static void
save_or_die (Child    *child,
             gpointer  record)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (CT_IS_CITY (record))
    ok = ct_store_save_city (child->store, record, &error);
  else if (CT_IS_PARTNERSHIP (record))
    ok = ct_store_save_partnership (child->store, record, &error);
  else
    ok = ct_store_save_membership (child->store, record, &error);

  if (!ok)
    die (child, error);
}

/* A new or changed record saved, the intent written first; the record goes into table */
static void
save_step (Child      *child,
           const char *what,
           GHashTable *table,
           gpointer    record)
{
  const char *id = ct_crash_record_id (record);

  intent_begin (child, what);
  intent_add (child, id, record);
  intent_write (child);
  save_or_die (child, record);
  committed (child, id, record);
  g_hash_table_insert (table, g_strdup (id), record);
}

/* A record picked from table deleted, the intent written first */
static void
delete_step (Child       *child,
             const char  *what,
             GHashTable  *table,
             gboolean   (*delete_func) (CtStore *, const char *, GError **))
{
  g_autofree char *id = g_strdup (ct_crash_record_id (pick (child, table)));
  g_autoptr(GError) error = NULL;

  intent_begin (child, what);
  intent_add (child, id, NULL);
  intent_write (child);
  if (!delete_func (child->store, id, &error))
    die (child, error);
  committed (child, id, NULL);
  g_hash_table_remove (table, id);
}

/* Operations */

static void
new_city (Child *child)
{
  g_autofree char *stamp = ct_timestamp_now ();
  CtCity *c = ct_crash_new_city (child->rand, stamp);

  save_step (child, "new-city", child->cities, c);
}

static void
edit_city (Child *child)
{
  CtCity *c = ct_city_copy (pick (child, child->cities));

  ct_crash_change_city (c, child->rand);
  save_step (child, "edit-city", child->cities, c);
}

/* Deleting a city takes its memberships and its place in partnerships; a partnership left with
 * one city goes */
static void
delete_city (Child *child)
{
  g_autofree char *id = g_strdup (((CtCity *) pick (child, child->cities))->id);
  g_autoptr(GPtrArray) partnerships = sorted_ids (child->partnerships);
  g_autoptr(GPtrArray) memberships = sorted_ids (child->memberships);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  intent_begin (child, "delete-city");
  intent_add (child, id, NULL);

  for (guint i = 0; i < partnerships->len; i++)
    {
      CtPartnership *p = g_hash_table_lookup (child->partnerships, g_ptr_array_index (partnerships, i));

      for (guint j = 0; j < p->parties->len; j++)
        if (g_str_equal (((CtParty *) g_ptr_array_index (p->parties, j))->city, id))
          {
            CtPartnership *copy = ct_partnership_copy (p);

            g_ptr_array_remove_index (copy->parties, j);
            if (copy->parties->len < 2)
              {
                intent_add (child, copy->id, NULL);
                g_ptr_array_add (gone, g_strdup (copy->id));
                g_object_unref (copy);
              }
            else
              {
                intent_add (child, copy->id, copy);
                g_ptr_array_add (changed, copy);
              }
            break;
          }
    }

  for (guint i = 0; i < memberships->len; i++)
    {
      CtMembership *m = g_hash_table_lookup (child->memberships, g_ptr_array_index (memberships, i));

      if (g_str_equal (m->city, id))
        {
          intent_add (child, m->id, NULL);
          g_ptr_array_add (gone, g_strdup (m->id));
        }
    }

  intent_write (child);
  if (!ct_store_delete_city (child->store, id, &error))
    die (child, error);
  committed (child, id, NULL);

  g_hash_table_remove (child->cities, id);
  for (guint i = 0; i < gone->len; i++)
    if (!g_hash_table_remove (child->partnerships, g_ptr_array_index (gone, i)))
      g_hash_table_remove (child->memberships, g_ptr_array_index (gone, i));
  for (guint i = 0; i < changed->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (changed, i);

      g_hash_table_insert (child->partnerships, g_strdup (p->id), g_object_ref (p));
    }
}

static void
new_partnership (Child *child)
{
  g_autofree char *stamp = ct_timestamp_now ();
  g_autoptr(GPtrArray) cities = sorted_ids (child->cities);
  CtPartnership *p = ct_crash_new_partnership (child->rand, cities, child->source_ids, stamp);

  save_step (child, "new-partnership", child->partnerships, p);
}

static void
edit_partnership (Child *child)
{
  CtPartnership *p = ct_partnership_copy (pick (child, child->partnerships));

  p->status = (p->status + 1 + g_rand_int_range (child->rand, 0, CT_N_STATUSES - 1)) % CT_N_STATUSES;
  g_free (p->notes);
  p->notes = g_strdup_printf ("Status changed (%u); 狀態已變更", g_rand_int (child->rand));

  if (p->parties->len > 2 && g_rand_boolean (child->rand))
    g_ptr_array_remove_index (p->parties, g_rand_int_range (child->rand, 0, p->parties->len));
  else if (g_rand_boolean (child->rand))
    {
      CtCity *c = pick (child, child->cities);
      gboolean present = FALSE;

      for (guint i = 0; i < p->parties->len; i++)
        present |= g_str_equal (((CtParty *) g_ptr_array_index (p->parties, i))->city, c->id);
      if (!present)
        g_ptr_array_add (p->parties, ct_party_new (c->id, "新夥伴"));
    }

  save_step (child, "edit-partnership", child->partnerships, p);
}

static void
delete_partnership (Child *child)
{
  delete_step (child, "delete-partnership", child->partnerships, ct_store_delete_partnership);
}

static void
new_membership (Child *child)
{
  g_autofree char *stamp = ct_timestamp_now ();
  CtCity *c = pick (child, child->cities);
  CtMembership *m = ct_crash_new_membership (child->rand, c->id,
                                             g_ptr_array_index (child->network_ids,
                                                                g_rand_int_range (child->rand, 0, child->network_ids->len)),
                                             child->source_ids, stamp);

  save_step (child, "new-membership", child->memberships, m);
}

static void
edit_membership (Child *child)
{
  CtMembership *m = ct_membership_copy (pick (child, child->memberships));

  g_free (m->left);
  m->left = g_rand_boolean (child->rand) ? g_strdup_printf ("%04d-%02d", g_rand_int_range (child->rand, 2000, 2026), g_rand_int_range (child->rand, 1, 13)) : NULL;
  g_free (m->notes);
  m->notes = g_strdup_printf ("Membership note %u", g_rand_int (child->rand));

  save_step (child, "edit-membership", child->memberships, m);
}

static void
delete_membership (Child *child)
{
  delete_step (child, "delete-membership", child->memberships, ct_store_delete_membership);
}

static void
intent_add_records (Child     *child,
                    GPtrArray *records)
{
  for (guint i = 0; i < records->len; i++)
    intent_add (child, ct_crash_record_id (g_ptr_array_index (records, i)), g_ptr_array_index (records, i));
}

static void
remember_records (GHashTable *table,
                  GPtrArray  *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      g_hash_table_insert (table, g_strdup (ct_crash_record_id (record)), g_object_ref (record));
    }
}

/* n new cities and about as many new partnerships; once the database is at its size, changes
 * to n existing cities and n partnerships instead, with a few new records */
static void
import (Child *child,
        guint  n)
{
  g_autofree char *stamp = ct_timestamp_now ();
  g_autoptr(GPtrArray) cities = sorted_ids (child->cities);
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(CtImportReport) report = ct_import_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean full = g_hash_table_size (child->cities) >= MAX_CITIES ||
                  g_hash_table_size (child->partnerships) >= MAX_PARTNERSHIPS;

  ds = ct_crash_generate (child->rand, full ? 2 : n, 1 + n / 50, full ? 2 : n * 3 / 2,
                          cities, child->network_ids, stamp);

  if (full)
    {
      g_autofree char *future = future_timestamp ();
      g_autoptr(GPtrArray) partnerships = sorted_ids (child->partnerships);

      for (guint i = 0; i < n && i < cities->len; i++)
        {
          CtCity *c = ct_city_copy (g_hash_table_lookup (child->cities,
                                                         g_ptr_array_index (cities, (i * 7919u) % cities->len)));

          /* 7919 is prime: i * 7919 picks each record at most once */
          ct_crash_change_city (c, child->rand);
          g_free (c->updated);
          c->updated = g_strdup (future);
          g_ptr_array_add (ds->cities, c);
        }
      for (guint i = 0; i < n && i < partnerships->len; i++)
        {
          CtPartnership *p = ct_partnership_copy (g_hash_table_lookup (child->partnerships,
                                                                       g_ptr_array_index (partnerships, (i * 7919u) % partnerships->len)));

          g_free (p->notes);
          p->notes = g_strdup_printf ("Imported change %u, 匯入", g_rand_int (child->rand));
          g_free (p->updated);
          p->updated = g_strdup (future);
          g_ptr_array_add (ds->partnerships, p);
        }
    }

  intent_begin (child, n > 100 ? "import-large" : "import");
  intent_add_records (child, ds->networks);
  intent_add_records (child, ds->sources);
  intent_add_records (child, ds->cities);
  intent_add_records (child, ds->partnerships);
  intent_add_records (child, ds->memberships);
  intent_write (child);

  if (!ct_store_import_dataset (child->store, ds, report, NULL, &error))
    die (child, error);
  if (report->conflicts->len > 0)
    {
      g_set_error (&error, CT_ERROR, CT_ERROR_FAILED, "unexpected conflict: %s",
                   (char *) g_ptr_array_index (report->conflicts, 0));
      die (child, error);
    }
  {
    g_autofree char *text = g_strdup_printf ("%u-records", ct_dataset_get_n_records (ds));

    committed (child, text, NULL);
  }

  remember_records (child->cities, ds->cities);
  remember_records (child->partnerships, ds->partnerships);
  remember_records (child->memberships, ds->memberships);
  for (guint i = 0; i < ds->networks->len; i++)
    g_ptr_array_add (child->network_ids, g_strdup (CT_NETWORK (g_ptr_array_index (ds->networks, i))->id));
  for (guint i = 0; i < ds->sources->len; i++)
    g_ptr_array_add (child->source_ids, g_strdup (CT_SOURCE (g_ptr_array_index (ds->sources, i))->id));
}

static void
step (Child *child)
{
  guint cities = g_hash_table_size (child->cities);
  guint partnerships = g_hash_table_size (child->partnerships);
  guint memberships = g_hash_table_size (child->memberships);
  int r = g_rand_int_range (child->rand, 0, 100);

  if (cities < 4)
    new_city (child);
  else if (r < 20 && cities < MAX_CITIES)
    new_city (child);
  else if (r < 20)
    delete_city (child);
  else if (r < 32)
    edit_city (child);
  else if (r < 38)
    delete_city (child);
  else if (r < 53 && partnerships < MAX_PARTNERSHIPS)
    new_partnership (child);
  else if (r < 53)
    delete_partnership (child);
  else if (r < 63 && partnerships > 0)
    edit_partnership (child);
  else if (r < 67 && partnerships > 0)
    delete_partnership (child);
  else if (r < 74 && child->network_ids->len > 0)
    new_membership (child);
  else if (r < 79 && memberships > 0)
    edit_membership (child);
  else if (r < 81 && memberships > 0)
    delete_membership (child);
  else if (r < 95)
    import (child, 10);
  else
    import (child, 300);
}

static void
load (Child *child)
{
  g_autoptr(CtDataset) ds = NULL;
  g_autoptr(GError) error = NULL;

  if (!(ds = ct_store_export_dataset (child->store, &error)))
    die (child, error);

  remember_records (child->cities, ds->cities);
  remember_records (child->partnerships, ds->partnerships);
  remember_records (child->memberships, ds->memberships);
  for (guint i = 0; i < ds->networks->len; i++)
    g_ptr_array_add (child->network_ids, g_strdup (CT_NETWORK (g_ptr_array_index (ds->networks, i))->id));
  for (guint i = 0; i < ds->sources->len; i++)
    g_ptr_array_add (child->source_ids, g_strdup (CT_SOURCE (g_ptr_array_index (ds->sources, i))->id));
}

static int
run_loop (const char *path,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  Child child = { 0 };

  child.rand = g_rand_new_with_seed (seed);
  child.cities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  child.partnerships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  child.memberships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  child.network_ids = g_ptr_array_new_with_free_func (g_free);
  child.source_ids = g_ptr_array_new_with_free_func (g_free);
  child.line = g_string_new (NULL);
  child.op = "open";

  if (!(child.store = ct_store_open (path, &error)))
    die (&child, error);
  load (&child);
  write_line ("ready\n", 6);

  for (;;)
    step (&child);
}

static int
run_edit (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autofree char *stamp = ct_timestamp_now ();
  g_autoptr(CtCity) city = NULL;
  CtCity *first;

  if (!(store = ct_store_open (path, &error)) ||
      !(cities = ct_store_list_cities (store, NULL, &error)))
    die (NULL, error);

  first = g_ptr_array_index (cities, 0);
  ct_crash_change_city (first, rand);
  if (!ct_store_save_city (store, first, &error))
    die (NULL, error);

  city = ct_crash_new_city (rand, stamp);
  if (!ct_store_save_city (store, city, &error))
    die (NULL, error);

  write_line ("committed\n", 10);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc == 4 && g_str_equal (argv[1], "loop"))
    return run_loop (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 3 && g_str_equal (argv[1], "edit"))
    return run_edit (argv[2]);

  g_printerr ("usage: crash-child loop DATABASE SEED | crash-child edit DATABASE\n");
  return 2;
}
