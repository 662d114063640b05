/* ct-history.h: undo and redo for edits made through the store
 *
 * Every edit the user makes in the window goes through a CtHistory: it saves or deletes through
 * the store (one transaction per step) and remembers the records as they were before and after,
 * so that the step can be undone and redone. A step may touch several records: deleting a city
 * also deletes or changes its partnerships, memberships and their activities, and undoing it puts
 * all of them back, with their ids and creation dates, in one transaction.
 *
 * Undo refuses (CT_ERROR_CONFLICT) when a record the step touched was changed since by something
 * else (another window, an import): it never overwrites work it did not make.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_TYPE_HISTORY (ct_history_get_type ())

G_DECLARE_FINAL_TYPE (CtHistory, ct_history, CT, HISTORY, GObject)

/* How many steps can be undone; the oldest step goes when a new one would exceed it */
#define CT_HISTORY_MAX_STEPS 200

/* Properties: "store" (construct-only), "can-undo", "can-redo" (gboolean, notified),
 * "undo-label", "redo-label" (the label of the step, e.g. "Edit Kaohsiung", or NULL).
 * Each is notified only when its value changes. */
CtHistory  *ct_history_new            (CtStore     *store);
CtStore    *ct_history_get_store      (CtHistory   *self);

/* Saves record (any record type) and records the step. label is what Undo will say ("Edit
 * Kaohsiung"). The record's id, created and updated fields are filled in as ct_store_save_*()
 * does. A save that changes nothing records no step (and keeps the redo list); any other step
 * clears the redo list. Consecutive saves of one record are separate steps. */
gboolean    ct_history_save           (CtHistory   *self,
                                       gpointer     record,
                                       const char  *label,
                                       GError     **error);
/* Deletes the record of type (CT_TYPE_CITY, …) with this id, and records the step with all
 * it took along (see ct_store_collect_dependents()). */
gboolean    ct_history_delete         (CtHistory   *self,
                                       GType        type,
                                       const char  *id,
                                       const char  *label,
                                       GError     **error);

gboolean    ct_history_get_can_undo   (CtHistory   *self);
gboolean    ct_history_get_can_redo   (CtHistory   *self);
const char *ct_history_get_undo_label (CtHistory   *self);
const char *ct_history_get_redo_label (CtHistory   *self);
/* Undo and redo change the store in one transaction, all or nothing. They fail, changing
 * nothing in the store or the history, with CT_ERROR_CONFLICT when a record the step touched is
 * no longer as the step left it, or when what they would delete is now used by a record the step
 * did not touch; with CT_ERROR_FAILED when there is nothing to undo (or redo); or with the
 * store's error. Restored records keep their ids and created dates; updated is set to now. */
gboolean    ct_history_undo           (CtHistory   *self,
                                       GError     **error);
gboolean    ct_history_redo           (CtHistory   *self,
                                       GError     **error);
void        ct_history_clear          (CtHistory   *self);

G_END_DECLS
