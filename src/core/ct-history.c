/* ct-history.c: undo and redo for edits made through the store
 *
 * A step keeps two lists of record copies: "before", the records it touched as they were, and
 * "after", those of them that are left, as the store holds them after the step. A record is known
 * by its type and id; one in "before" only was deleted by the step, one in "after" only was
 * added. Undoing checks that every such record is still as "after" says (absent where it is
 * absent), then, in one transaction (ct_store_apply()), deletes those "after" has and "before"
 * has not, and saves the "before" records. Redoing is the same the other way round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ct-error.h"
#include "ct-history.h"
#include "ct-record.h"

struct _CtHistory
{
  GObject    parent_instance;

  CtStore   *store;
  GPtrArray *undo_steps; /* Step *, the latest last */
  GPtrArray *redo_steps; /* Step *, the next to redo last */
};

G_DEFINE_FINAL_TYPE (CtHistory, ct_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Records */


/* Dependency order: a record refers only to records of earlier types. -1 for anything else. */
static int
type_rank (GType type)
{
  const GType types[] = {
    CT_TYPE_THEME, CT_TYPE_CITY, CT_TYPE_NETWORK, CT_TYPE_SOURCE,
    CT_TYPE_PARTNERSHIP, CT_TYPE_MEMBERSHIP, CT_TYPE_ACTIVITY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (type == types[i])
      return i;
  return -1;
}

static gboolean
is_record (gpointer record)
{
  return G_IS_OBJECT (record) && type_rank (G_OBJECT_TYPE (record)) >= 0;
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  return type_rank (G_OBJECT_TYPE (*(GObject **) a)) - type_rank (G_OBJECT_TYPE (*(GObject **) b));
}

static int
compare_rank_reversed (gconstpointer a,
                       gconstpointer b)
{
  return compare_rank (b, a);
}

/* The store's copy of a record in *record, NULL when there is none; FALSE on a database error */
static gboolean
read_current (CtStore     *store,
              GType        type,
              const char  *id,
              gpointer    *record,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *record = ct_store_get_record (store, type, id, &local_error);
  if (*record == NULL && !g_error_matches (local_error, CT_ERROR, CT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static char *
record_key (gpointer record)
{
  return g_strconcat (G_OBJECT_TYPE_NAME (record), " ", ct_record_get_id (record), NULL);
}

/* key → record (borrowed) */
static GHashTable *
index_records (GPtrArray *records)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);

      g_hash_table_insert (index, record_key (record), record);
    }
  return index;
}

static gboolean
indexed (GHashTable *index,
         gpointer    record)
{
  g_autofree char *key = record_key (record);

  return g_hash_table_contains (index, key);
}

/* Steps */

typedef struct {
  char      *label;
  GPtrArray *before; /* the records the step touched, as they were (absent when added) */
  GPtrArray *after;  /* those left after the step, as the store held them */
} Step;

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->before = g_ptr_array_new_with_free_func (g_object_unref);
  step->after = g_ptr_array_new_with_free_func (g_object_unref);
  return step;
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_ptr_array_unref (step->before);
  g_ptr_array_unref (step->after);
  g_free (step);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Step, step_free)

static void
set_changed_elsewhere (GError     **error,
                       gboolean     undo,
                       const char  *label,
                       const char  *what)
{
  if (undo)
    /* Translators: the first %s is the step ("Edit Kaohsiung"), the second a record ("Kaohsiung") */
    g_set_error (error, CT_ERROR, CT_ERROR_CONFLICT, _("Cannot undo “%s”: %s was changed elsewhere since"), label, what);
  else
    /* Translators: the first %s is the step ("Edit Kaohsiung"), the second a record ("Kaohsiung") */
    g_set_error (error, CT_ERROR, CT_ERROR_CONFLICT, _("Cannot redo “%s”: %s was changed elsewhere since"), label, what);
}

static void
set_used_elsewhere (GError     **error,
                    gboolean     undo,
                    const char  *label,
                    const char  *what)
{
  if (undo)
    /* Translators: the first %s is the step ("Add Kaohsiung"), the second a record ("Kaohsiung") */
    g_set_error (error, CT_ERROR, CT_ERROR_CONFLICT, _("Cannot undo “%s”: %s is now used by records added elsewhere"), label, what);
  else
    /* Translators: the first %s is the step ("Delete Kaohsiung"), the second a record ("Kaohsiung") */
    g_set_error (error, CT_ERROR, CT_ERROR_CONFLICT, _("Cannot redo “%s”: %s is now used by records added elsewhere"), label, what);
}

static void
prefix_error (GError     **error,
              gboolean     undo,
              const char  *label)
{
  if (undo)
    /* Translators: %s is the step ("Edit Kaohsiung"); the reason follows */
    g_prefix_error (error, _("Cannot undo “%s”: "), label);
  else
    /* Translators: %s is the step ("Edit Kaohsiung"); the reason follows */
    g_prefix_error (error, _("Cannot redo “%s”: "), label);
}

/* Takes the store from the step's one side (after when undoing) to the other, or fails having
 * changed nothing */
static gboolean
run_step (CtHistory  *self,
          Step       *step,
          gboolean    undo,
          GError    **error)
{
  GPtrArray *expected = undo ? step->after : step->before;
  GPtrArray *target = undo ? step->before : step->after;
  g_autoptr(GHashTable) expected_index = index_records (expected);
  g_autoptr(GHashTable) target_index = index_records (target);
  g_autoptr(GPtrArray) deletions = g_ptr_array_new ();
  g_autoptr(GPtrArray) saves = g_ptr_array_new ();

  /* Every record the step touched is as the step left it: expected's, then target's others */
  for (guint side = 0; side < 2; side++)
    {
      GPtrArray *records = side == 0 ? expected : target;

      for (guint i = 0; i < records->len; i++)
        {
          gpointer record = g_ptr_array_index (records, i);
          g_autoptr(GObject) current = NULL;
          gpointer wanted;

          if (side == 1 && indexed (expected_index, record))
            continue;

          wanted = side == 0 ? record : NULL;
          if (!read_current (self->store, G_OBJECT_TYPE (record), ct_record_get_id (record), (gpointer *) &current, error))
            {
              prefix_error (error, undo, step->label);
              return FALSE;
            }

          if (!ct_record_content_equal (current, wanted))
            {
              g_autofree char *what = ct_record_dup_title (self->store, current ? (gpointer) current : record);

              set_changed_elsewhere (error, undo, step->label, what);
              return FALSE;
            }
        }
    }

  /* What is there now and is not on the other side goes, children first */
  for (guint i = 0; i < expected->len; i++)
    if (!indexed (target_index, g_ptr_array_index (expected, i)))
      g_ptr_array_add (deletions, g_ptr_array_index (expected, i));
  g_ptr_array_sort (deletions, compare_rank_reversed);

  /* and takes along nothing the step did not touch (a tie added elsewhere to a city this would
   * delete, say) */
  for (guint i = 0; i < deletions->len; i++)
    {
      gpointer record = g_ptr_array_index (deletions, i);
      g_autoptr(GPtrArray) dependents = NULL;

      dependents = ct_store_collect_dependents (self->store, G_OBJECT_TYPE (record), ct_record_get_id (record), error);
      if (dependents == NULL)
        {
          prefix_error (error, undo, step->label);
          return FALSE;
        }

      for (guint j = 0; j < dependents->len; j++)
        {
          gpointer dependent = g_ptr_array_index (dependents, j);

          if (!indexed (expected_index, dependent) && !indexed (target_index, dependent))
            {
              g_autofree char *what = ct_record_dup_title (self->store, record);

              set_used_elsewhere (error, undo, step->label, what);
              return FALSE;
            }
        }
    }

  /* The other side's records, parents first */
  g_ptr_array_extend (saves, target, NULL, NULL);
  g_ptr_array_sort (saves, compare_rank);

  if (!ct_store_apply (self->store, deletions, saves, error))
    {
      prefix_error (error, undo, step->label);
      return FALSE;
    }

  return TRUE;
}

/* Properties, notified when their values change */

typedef struct {
  gboolean  can_undo;
  gboolean  can_redo;
  char     *undo_label;
  char     *redo_label;
} State;

static void
state_init (State     *state,
            CtHistory *self)
{
  state->can_undo = ct_history_get_can_undo (self);
  state->can_redo = ct_history_get_can_redo (self);
  state->undo_label = g_strdup (ct_history_get_undo_label (self));
  state->redo_label = g_strdup (ct_history_get_redo_label (self));
}

static void
state_notify_and_clear (State     *state,
                        CtHistory *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (state->can_undo != ct_history_get_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (state->can_redo != ct_history_get_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (state->undo_label, ct_history_get_undo_label (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (state->redo_label, ct_history_get_redo_label (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  g_object_thaw_notify (G_OBJECT (self));

  g_clear_pointer (&state->undo_label, g_free);
  g_clear_pointer (&state->redo_label, g_free);
}

static void
push_step (CtHistory *self,
           Step      *step)
{
  State state;

  state_init (&state, self);

  g_ptr_array_add (self->undo_steps, step);
  if (self->undo_steps->len > CT_HISTORY_MAX_STEPS)
    g_ptr_array_remove_index (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);

  state_notify_and_clear (&state, self);
}

/* Undo and redo alike: from (the top of) one list to the other */
static gboolean
move_step (CtHistory  *self,
           gboolean    undo,
           GError    **error)
{
  GPtrArray *from = undo ? self->undo_steps : self->redo_steps;
  GPtrArray *to = undo ? self->redo_steps : self->undo_steps;
  State state;

  if (from->len == 0)
    {
      g_set_error_literal (error, CT_ERROR, CT_ERROR_FAILED, undo ? _("Nothing to undo") : _("Nothing to redo"));
      return FALSE;
    }

  if (!run_step (self, g_ptr_array_index (from, from->len - 1), undo, error))
    return FALSE;

  state_init (&state, self);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  state_notify_and_clear (&state, self);
  return TRUE;
}

/* Public */

CtHistory *
ct_history_new (CtStore *store)
{
  g_return_val_if_fail (CT_IS_STORE (store), NULL);

  return g_object_new (CT_TYPE_HISTORY, "store", store, NULL);
}

CtStore *
ct_history_get_store (CtHistory *self)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), NULL);

  return self->store;
}

gboolean
ct_history_save (CtHistory   *self,
                 gpointer     record,
                 const char  *label,
                 GError     **error)
{
  g_autoptr(GPtrArray) saves = NULL;
  g_autoptr(GObject) before = NULL;
  g_autoptr(GObject) after = NULL;
  g_autoptr(Step) step = NULL;
  GType type;

  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (is_record (record), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  type = G_OBJECT_TYPE (record);
  if (ct_record_get_id (record) != NULL &&
      !read_current (self->store, type, ct_record_get_id (record), (gpointer *) &before, error))
    return FALSE;

  saves = g_ptr_array_new ();
  g_ptr_array_add (saves, record);
  if (!ct_store_apply (self->store, NULL, saves, error))
    return FALSE;

  /* As the store keeps it, so that the timestamps match what an undo finds */
  if (!read_current (self->store, type, ct_record_get_id (record), (gpointer *) &after, error))
    return FALSE;

  if (ct_record_content_equal (before, after))
    return TRUE;

  step = step_new (label);
  if (before != NULL)
    g_ptr_array_add (step->before, g_steal_pointer (&before));
  if (after != NULL)
    g_ptr_array_add (step->after, g_steal_pointer (&after));
  push_step (self, g_steal_pointer (&step));
  return TRUE;
}

gboolean
ct_history_delete (CtHistory   *self,
                   GType        type,
                   const char  *id,
                   const char  *label,
                   GError     **error)
{
  g_autoptr(GObject) record = NULL;
  g_autoptr(GPtrArray) dependents = NULL;
  g_autoptr(GPtrArray) deletions = NULL;
  g_autoptr(Step) step = NULL;

  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (type_rank (type) >= 0, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (!(record = ct_store_get_record (self->store, type, id, error)) ||
      !(dependents = ct_store_collect_dependents (self->store, type, id, error)))
    return FALSE;

  deletions = g_ptr_array_new ();
  g_ptr_array_add (deletions, record);
  if (!ct_store_apply (self->store, deletions, NULL, error))
    return FALSE;

  step = step_new (label);
  g_ptr_array_add (step->before, g_steal_pointer (&record));

  /* The dependents that are left, changed (a tie that kept two parties, a citation gone) */
  for (guint i = 0; i < dependents->len; i++)
    {
      gpointer dependent = g_ptr_array_index (dependents, i);
      g_autoptr(GObject) current = NULL;

      if (!read_current (self->store, G_OBJECT_TYPE (dependent), ct_record_get_id (dependent), (gpointer *) &current, error))
        return FALSE;
      if (current != NULL)
        g_ptr_array_add (step->after, g_steal_pointer (&current));
    }
  g_ptr_array_extend_and_steal (step->before, g_steal_pointer (&dependents));

  push_step (self, g_steal_pointer (&step));
  return TRUE;
}

gboolean
ct_history_get_can_undo (CtHistory *self)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);

  return self->undo_steps->len > 0;
}

gboolean
ct_history_get_can_redo (CtHistory *self)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);

  return self->redo_steps->len > 0;
}

const char *
ct_history_get_undo_label (CtHistory *self)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), NULL);

  if (self->undo_steps->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->undo_steps, self->undo_steps->len - 1))->label;
}

const char *
ct_history_get_redo_label (CtHistory *self)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), NULL);

  if (self->redo_steps->len == 0)
    return NULL;
  return ((Step *) g_ptr_array_index (self->redo_steps, self->redo_steps->len - 1))->label;
}

gboolean
ct_history_undo (CtHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);

  return move_step (self, TRUE, error);
}

gboolean
ct_history_redo (CtHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (CT_IS_HISTORY (self), FALSE);

  return move_step (self, FALSE, error);
}

void
ct_history_clear (CtHistory *self)
{
  State state;

  g_return_if_fail (CT_IS_HISTORY (self));

  state_init (&state, self);
  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  state_notify_and_clear (&state, self);
}

/* GObject */

static void
ct_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CtHistory *self = CT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ct_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ct_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, ct_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, ct_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CtHistory *self = CT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_history_dispose (GObject *object)
{
  CtHistory *self = CT_HISTORY (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (ct_history_parent_class)->dispose (object);
}

static void
ct_history_finalize (GObject *object)
{
  CtHistory *self = CT_HISTORY (object);

  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_history_parent_class)->finalize (object);
}

static void
ct_history_class_init (CtHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ct_history_get_property;
  object_class->set_property = ct_history_set_property;
  object_class->dispose = ct_history_dispose;
  object_class->finalize = ct_history_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ct_history_init (CtHistory *self)
{
  self->undo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}
