/* ct-import-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ct-import-progress.h"

/* The share of the whole import that reading takes, the rest being the merge: measured on a
 * 100,000-row CSV file and a 100 MB native file into an empty database (about half each) */
#define READING_SHARE 0.5

/* The fraction is kept in ten-thousandths, so that it can be an atomic int */
#define SCALE 10000

struct _CtImportProgress
{
  GObject    parent_instance;

  int        fraction;   /* atomic, 0 to SCALE */
  int        phase;      /* atomic, a CtImportPhase */
  int        n_rejected; /* atomic */

  GMutex     mutex;
  GPtrArray *rejections; /* CtImportRejection, under mutex */
};

G_DEFINE_FINAL_TYPE (CtImportProgress, ct_import_progress, G_TYPE_OBJECT)

void
ct_import_rejection_free (CtImportRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->field);
  g_free (rejection->reason);
  g_free (rejection);
}

static CtImportRejection *
rejection_copy (const CtImportRejection *rejection)
{
  CtImportRejection *copy = g_new0 (CtImportRejection, 1);

  copy->line = rejection->line;
  copy->field = g_strdup (rejection->field);
  copy->reason = g_strdup (rejection->reason);
  return copy;
}

CtImportProgress *
ct_import_progress_new (void)
{
  return g_object_new (CT_TYPE_IMPORT_PROGRESS, NULL);
}

static void
advance (CtImportProgress *self,
         double            fraction)
{
  int value = (int) (CLAMP (fraction, 0.0, 1.0) * SCALE);
  int old;

  /* Never backwards: a reader that reports twice, or a second pass, keeps the bar where it was */
  do
    old = g_atomic_int_get (&self->fraction);
  while (value > old && !g_atomic_int_compare_and_exchange (&self->fraction, old, value));
}

void
ct_import_progress_set_reading (CtImportProgress *self,
                                guint64           done,
                                guint64           total)
{
  g_return_if_fail (CT_IS_IMPORT_PROGRESS (self));

  if (total > 0)
    advance (self, READING_SHARE * MIN (done, total) / (double) total);
}

void
ct_import_progress_set_saving (CtImportProgress *self,
                               guint64           done,
                               guint64           total)
{
  g_return_if_fail (CT_IS_IMPORT_PROGRESS (self));

  g_atomic_int_set (&self->phase, CT_IMPORT_PHASE_SAVING);
  advance (self, READING_SHARE + (1.0 - READING_SHARE) * (total > 0 ? MIN (done, total) / (double) total : 0.0));
}

void
ct_import_progress_add_rejection (CtImportProgress *self,
                                  guint             line,
                                  const char       *field,
                                  const char       *reason)
{
  CtImportRejection *rejection;

  g_return_if_fail (CT_IS_IMPORT_PROGRESS (self));
  g_return_if_fail (reason != NULL);

  if (g_atomic_int_add (&self->n_rejected, 1) >= CT_IMPORT_MAX_REJECTIONS)
    return;

  rejection = g_new0 (CtImportRejection, 1);
  rejection->line = line;
  rejection->field = g_strdup (field);
  rejection->reason = g_utf8_make_valid (reason, -1);

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->rejections, rejection);
  g_mutex_unlock (&self->mutex);
}

double
ct_import_progress_get_fraction (CtImportProgress *self)
{
  g_return_val_if_fail (CT_IS_IMPORT_PROGRESS (self), 0.0);

  return g_atomic_int_get (&self->fraction) / (double) SCALE;
}

CtImportPhase
ct_import_progress_get_phase (CtImportProgress *self)
{
  g_return_val_if_fail (CT_IS_IMPORT_PROGRESS (self), CT_IMPORT_PHASE_READING);

  return g_atomic_int_get (&self->phase);
}

guint
ct_import_progress_get_n_rejected (CtImportProgress *self)
{
  g_return_val_if_fail (CT_IS_IMPORT_PROGRESS (self), 0);

  return (guint) g_atomic_int_get (&self->n_rejected);
}

GPtrArray *
ct_import_progress_dup_rejections (CtImportProgress *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (CT_IS_IMPORT_PROGRESS (self), NULL);

  g_mutex_lock (&self->mutex);
  copy = g_ptr_array_new_full (self->rejections->len, (GDestroyNotify) ct_import_rejection_free);
  for (guint i = 0; i < self->rejections->len; i++)
    g_ptr_array_add (copy, rejection_copy (g_ptr_array_index (self->rejections, i)));
  g_mutex_unlock (&self->mutex);

  return copy;
}

static void
ct_import_progress_finalize (GObject *object)
{
  CtImportProgress *self = CT_IMPORT_PROGRESS (object);

  g_ptr_array_unref (self->rejections);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (ct_import_progress_parent_class)->finalize (object);
}

static void
ct_import_progress_class_init (CtImportProgressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ct_import_progress_finalize;
}

static void
ct_import_progress_init (CtImportProgress *self)
{
  g_mutex_init (&self->mutex);
  self->rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) ct_import_rejection_free);
}
