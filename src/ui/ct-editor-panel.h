/* ct-editor-panel.h: the right-hand panel while records are edited
 *
 * Shows one record editor at a time, under a header with Back, what is edited, and Delete. Opening
 * a record from an editor (a party of a tie, a source it cites) goes one level deeper; Back goes up
 * again, and from the first level ends editing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ct-gazetteer.h"
#include "ct-history.h"
#include "ct-record-editor.h"

G_BEGIN_DECLS

#define CT_TYPE_EDITOR_PANEL (ct_editor_panel_get_type ())

G_DECLARE_FINAL_TYPE (CtEditorPanel, ct_editor_panel, CT, EDITOR_PANEL, GtkWidget)

/* Signals:
 *   "done" (GType type, const char *id): editing ended (Back on the first level, or its record is
 *     gone); type and id are the record to show in the details panel, or G_TYPE_NONE and NULL
 *   "delete-requested" (GType type, const char *id): the user pressed Delete
 *   "saved" (GType type, const char *id): a record was saved (the map may show it) */
GtkWidget      *ct_editor_panel_new           (void);
void            ct_editor_panel_set_history   (CtEditorPanel *self,
                                               CtHistory     *history);
void            ct_editor_panel_set_gazetteer (CtEditorPanel *self,
                                               CtGazetteer   *gazetteer);
/* Starts editing a stored record, or a new one (its id NULL), on the first level */
gboolean        ct_editor_panel_edit          (CtEditorPanel *self,
                                               GType          type,
                                               const char    *id);
void            ct_editor_panel_edit_new      (CtEditorPanel *self,
                                               GObject       *record);
/* Saves what is being typed; FALSE when the current value is refused */
gboolean        ct_editor_panel_flush         (CtEditorPanel *self);
/* Ends editing (saving what is typed first) */
void            ct_editor_panel_close         (CtEditorPanel *self);
CtRecordEditor *ct_editor_panel_get_editor    (CtEditorPanel *self);
guint           ct_editor_panel_get_depth     (CtEditorPanel *self);

G_END_DECLS
