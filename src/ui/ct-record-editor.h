/* ct-record-editor.h: the form that edits one record, saving as the user goes
 *
 * One editor shows one record of any type (city, partnership, network, membership, source,
 * activity): its fields as rows, checked as they are typed, and the lists that belong to it (a
 * partnership's parties, themes, sources and activities; a city's ties and networks; a network's
 * members; a membership's sources). A valid change is saved through the history (so it can be
 * undone) a moment after the typing stops, when the field loses the focus or when Return is
 * pressed; an invalid one is shown in red with the reason and never saved. A new record (id NULL)
 * is first saved when it becomes valid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ct-gazetteer.h"
#include "ct-history.h"

G_BEGIN_DECLS

#define CT_TYPE_RECORD_EDITOR (ct_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (CtRecordEditor, ct_record_editor, CT, RECORD_EDITOR, GtkWidget)

/* Signals:
 *   "open-record" (GType type, const char *id, GObject *new_record): the user asked for another
 *     record's editor: an existing one by id, or a new unsaved record (id NULL)
 *   "gone": the record is no longer in the store (deleted, or its creation undone)
 *   "title-changed": ct_record_editor_dup_title() changed */
GtkWidget  *ct_record_editor_new        (CtHistory      *history,
                                         CtGazetteer    *gazetteer,
                                         GObject        *record);
/* The record as edited (its id is NULL until it is first saved) */
GObject    *ct_record_editor_get_record (CtRecordEditor *self);
GType       ct_record_editor_get_record_type (CtRecordEditor *self);
const char *ct_record_editor_get_id     (CtRecordEditor *self);
/* "Edit City", "New Tie", … */
char       *ct_record_editor_dup_heading (CtRecordEditor *self);
/* What the record is called: "Kaohsiung", "Kaohsiung – Da Nang" */
char       *ct_record_editor_dup_title  (CtRecordEditor *self);
/* Saves a change still waiting for the typing to stop. FALSE when it could not be saved (the
 * reason is shown); TRUE when there was nothing to save. */
gboolean    ct_record_editor_flush      (CtRecordEditor *self);
/* TRUE while a change waits to be saved */
gboolean    ct_record_editor_is_dirty   (CtRecordEditor *self);
/* For tests: the row of a field ("name", "lat", "signed_on", "kind", …) and the message shown
 * for the last refused value, or NULL */
GtkWidget  *ct_record_editor_get_field  (CtRecordEditor *self,
                                         const char     *key);
const char *ct_record_editor_get_error  (CtRecordEditor *self);
/* Puts the focus on the first field */
void        ct_record_editor_focus_first (CtRecordEditor *self);

G_END_DECLS
