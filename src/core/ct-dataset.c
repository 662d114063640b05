/* ct-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ct-dataset.h"
#include "ct-error.h"

G_DEFINE_BOXED_TYPE (CtDataset, ct_dataset, ct_dataset_ref, ct_dataset_unref)

CtDataset *
ct_dataset_new (const char *filename)
{
  CtDataset *self = g_new0 (CtDataset, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->filename = g_strdup (filename);
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  self->cities = g_ptr_array_new_with_free_func (g_object_unref);
  self->networks = g_ptr_array_new_with_free_func (g_object_unref);
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->partnerships = g_ptr_array_new_with_free_func (g_object_unref);
  self->memberships = g_ptr_array_new_with_free_func (g_object_unref);
  self->activities = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

CtDataset *
ct_dataset_ref (CtDataset *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ct_dataset_unref (CtDataset *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->lines, g_hash_table_unref);
  g_ptr_array_unref (self->themes);
  g_ptr_array_unref (self->cities);
  g_ptr_array_unref (self->networks);
  g_ptr_array_unref (self->sources);
  g_ptr_array_unref (self->partnerships);
  g_ptr_array_unref (self->memberships);
  g_ptr_array_unref (self->activities);
  g_free (self->filename);
  g_free (self);
}

const char *
ct_dataset_get_filename (CtDataset *self)
{
  return self->filename;
}

guint
ct_dataset_get_n_records (CtDataset *self)
{
  return self->themes->len + self->cities->len + self->networks->len + self->sources->len +
         self->partnerships->len + self->memberships->len + self->activities->len;
}

void
ct_dataset_set_line (CtDataset *self,
                     gpointer   record,
                     guint      line)
{
  if (self->lines == NULL)
    self->lines = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (self->lines, record, GUINT_TO_POINTER (line));
}

guint
ct_dataset_get_line (CtDataset *self,
                     gpointer   record)
{
  if (self->lines == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->lines, record));
}

/* Every record type starts with GObject parent_instance then char *id */
typedef struct {
  GObject parent_instance;
  char   *id;
} AnyRecord;

static void
index_array (GHashTable *index,
             GPtrArray  *array)
{
  for (guint i = 0; i < array->len; i++)
    {
      AnyRecord *r = g_ptr_array_index (array, i);

      if (r->id != NULL)
        g_hash_table_insert (index, r->id, r);
    }
}

gpointer
ct_dataset_lookup (CtDataset  *self,
                   const char *id)
{
  if (id == NULL)
    return NULL;

  if (self->index == NULL)
    {
      self->index = g_hash_table_new (g_str_hash, g_str_equal);
      index_array (self->index, self->themes);
      index_array (self->index, self->cities);
      index_array (self->index, self->networks);
      index_array (self->index, self->sources);
      index_array (self->index, self->partnerships);
      index_array (self->index, self->memberships);
      index_array (self->index, self->activities);
    }

  return g_hash_table_lookup (self->index, id);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  const AnyRecord *ra = *(const AnyRecord **) a;
  const AnyRecord *rb = *(const AnyRecord **) b;

  return g_strcmp0 (ra->id, rb->id);
}

void
ct_dataset_sort (CtDataset *self)
{
  g_ptr_array_sort (self->themes, compare_by_id);
  g_ptr_array_sort (self->cities, compare_by_id);
  g_ptr_array_sort (self->networks, compare_by_id);
  g_ptr_array_sort (self->sources, compare_by_id);
  g_ptr_array_sort (self->partnerships, compare_by_id);
  g_ptr_array_sort (self->memberships, compare_by_id);
  g_ptr_array_sort (self->activities, compare_by_id);
}

char *
ct_dataset_describe_location (CtDataset *self,
                              gpointer   record)
{
  guint line = ct_dataset_get_line (self, record);
  const char *name = self->filename ? self->filename : "";

  if (line > 0)
    return g_strdup_printf ("%s:%u: ", name, line);
  if (*name)
    return g_strdup_printf ("%s: ", name);
  return g_strdup ("");
}

gboolean
ct_dataset_check_unique_ids (CtDataset  *self,
                             GError    **error)
{
  GPtrArray *arrays[] = {
    self->themes, self->cities, self->networks, self->sources,
    self->partnerships, self->memberships, self->activities,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint a = 0; a < G_N_ELEMENTS (arrays); a++)
    for (guint i = 0; i < arrays[a]->len; i++)
      {
        AnyRecord *r = g_ptr_array_index (arrays[a], i);

        if (r->id == NULL)
          continue;

        if (!g_hash_table_add (seen, r->id))
          {
            g_autofree char *where = ct_dataset_describe_location (self, r);

            g_set_error (error, CT_ERROR, CT_ERROR_INVALID_INPUT,
                         _("%sid: “%s” is used by two records"), where, r->id);
            return FALSE;
          }
      }

  return TRUE;
}
