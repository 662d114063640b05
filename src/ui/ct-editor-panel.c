/* ct-editor-panel.c
 *
 * The editors are kept in a GtkStack, one per level: going deeper adds one, Back removes the top
 * one (which saves what it still had waiting) and shows the one below as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-editor-panel.h"

struct _CtEditorPanel
{
  GtkWidget    parent_instance;

  /* template */
  GtkWidget   *box;
  GtkButton   *back_button;
  GtkLabel    *heading_label;
  GtkLabel    *title_label;
  GtkButton   *done_button;
  GtkButton   *delete_button;
  GtkStack    *stack;

  CtHistory   *history;
  CtGazetteer *gazetteer;
  GPtrArray   *editors; /* CtRecordEditor *, first level first */
};

G_DEFINE_FINAL_TYPE (CtEditorPanel, ct_editor_panel, GTK_TYPE_WIDGET)

enum {
  DONE,
  DELETE_REQUESTED,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void push_editor (CtEditorPanel *self, GObject *record);

GtkWidget *
ct_editor_panel_new (void)
{
  return g_object_new (CT_TYPE_EDITOR_PANEL, NULL);
}

CtRecordEditor *
ct_editor_panel_get_editor (CtEditorPanel *self)
{
  g_return_val_if_fail (CT_IS_EDITOR_PANEL (self), NULL);

  return self->editors->len ? g_ptr_array_index (self->editors, self->editors->len - 1) : NULL;
}

guint
ct_editor_panel_get_depth (CtEditorPanel *self)
{
  g_return_val_if_fail (CT_IS_EDITOR_PANEL (self), 0);
  return self->editors->len;
}

static void
update_header (CtEditorPanel *self)
{
  CtRecordEditor *editor = ct_editor_panel_get_editor (self);
  g_autofree char *heading = NULL;
  g_autofree char *title = NULL;
  g_autofree char *delete_label = NULL;
  gboolean saved;

  if (editor == NULL)
    return;

  heading = ct_record_editor_dup_heading (editor);
  title = ct_record_editor_dup_title (editor);
  saved = ct_record_editor_get_id (editor) != NULL;
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->title_label, title);

  /* Translators: the Delete button's tooltip, "Delete Kaohsiung" */
  delete_label = saved ? g_strdup_printf (_("Delete %s"), title) : g_strdup (_("Discard"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), delete_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button),
                               self->editors->len > 1 ? _("Back") : _("Stop Editing"));
}

static void
on_editor_title_changed_cb (CtEditorPanel  *self,
                            CtRecordEditor *editor)
{
  if (editor == ct_editor_panel_get_editor (self))
    update_header (self);
  if (ct_record_editor_get_id (editor) && !ct_record_editor_is_dirty (editor))
    g_signal_emit (self, signals[SAVED], 0, ct_record_editor_get_record_type (editor), ct_record_editor_get_id (editor));
}

static void
finish (CtEditorPanel *self)
{
  GType type = G_TYPE_NONE;
  g_autofree char *id = NULL;

  /* the record of the first level is what the details panel shows next */
  if (self->editors->len > 0)
    {
      CtRecordEditor *first = g_ptr_array_index (self->editors, 0);

      if (ct_record_editor_get_id (first))
        {
          type = ct_record_editor_get_record_type (first);
          id = g_strdup (ct_record_editor_get_id (first));
        }
    }

  while (self->editors->len > 0)
    {
      GtkWidget *editor = g_ptr_array_steal_index (self->editors, self->editors->len - 1);

      gtk_stack_remove (self->stack, editor);
    }

  g_signal_emit (self, signals[DONE], 0, type, id);
}

/* Removes the top level and shows the one below, or ends editing */
static void
pop_editor (CtEditorPanel *self)
{
  GtkWidget *top;

  if (self->editors->len <= 1)
    {
      finish (self);
      return;
    }

  top = g_ptr_array_steal_index (self->editors, self->editors->len - 1);
  gtk_stack_set_visible_child (self->stack, g_ptr_array_index (self->editors, self->editors->len - 1));
  gtk_stack_remove (self->stack, top);
  update_header (self);
}

static void
on_editor_gone_cb (CtEditorPanel  *self,
                   CtRecordEditor *editor)
{
  guint index;

  /* this level and those above it showed a record that is no longer there */
  if (!g_ptr_array_find (self->editors, editor, &index))
    return;

  while (self->editors->len > index + 1)
    pop_editor (self);
  if (index == 0)
    {
      g_ptr_array_remove_index (self->editors, 0);
      gtk_stack_remove (self->stack, GTK_WIDGET (editor));
      finish (self);
    }
  else
    pop_editor (self);
}

static void
on_editor_open_record_cb (CtEditorPanel  *self,
                          GType           type,
                          const char     *id,
                          GObject        *new_record,
                          CtRecordEditor *editor)
{
  g_autoptr(GObject) record = NULL;

  if (new_record)
    record = g_object_ref (new_record);
  else
    record = id ? ct_store_get_record (ct_history_get_store (self->history), type, id, NULL) : NULL;

  if (record == NULL)
    return;

  /* the same record further down: go back to it rather than deeper */
  for (guint i = 0; id && i < self->editors->len; i++)
    {
      CtRecordEditor *e = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (ct_record_editor_get_id (e), id) == 0)
        {
          while (self->editors->len > i + 1)
            pop_editor (self);
          return;
        }
    }

  push_editor (self, record);
}

static void
push_editor (CtEditorPanel *self,
             GObject       *record)
{
  GtkWidget *editor = ct_record_editor_new (self->history, self->gazetteer, record);

  g_signal_connect_object (editor, "open-record", G_CALLBACK (on_editor_open_record_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "gone", G_CALLBACK (on_editor_gone_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "title-changed", G_CALLBACK (on_editor_title_changed_cb), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->editors, editor);
  gtk_stack_add_child (self->stack, editor);
  gtk_stack_set_visible_child (self->stack, editor);
  update_header (self);
  ct_record_editor_focus_first (CT_RECORD_EDITOR (editor));
}

static void
clear_levels (CtEditorPanel *self)
{
  while (self->editors->len > 0)
    {
      GtkWidget *editor = g_ptr_array_steal_index (self->editors, self->editors->len - 1);

      gtk_stack_remove (self->stack, editor);
    }
}

gboolean
ct_editor_panel_edit (CtEditorPanel *self,
                      GType          type,
                      const char    *id)
{
  g_autoptr(GObject) record = NULL;

  g_return_val_if_fail (CT_IS_EDITOR_PANEL (self), FALSE);
  g_return_val_if_fail (self->history != NULL, FALSE);

  record = id ? ct_store_get_record (ct_history_get_store (self->history), type, id, NULL) : NULL;
  if (record == NULL)
    return FALSE;

  clear_levels (self);
  push_editor (self, record);
  return TRUE;
}

void
ct_editor_panel_edit_new (CtEditorPanel *self,
                          GObject       *record)
{
  g_return_if_fail (CT_IS_EDITOR_PANEL (self));
  g_return_if_fail (self->history != NULL);

  clear_levels (self);
  push_editor (self, record);
}

gboolean
ct_editor_panel_flush (CtEditorPanel *self)
{
  CtRecordEditor *editor;

  g_return_val_if_fail (CT_IS_EDITOR_PANEL (self), FALSE);

  editor = ct_editor_panel_get_editor (self);
  return editor == NULL || ct_record_editor_flush (editor);
}

void
ct_editor_panel_close (CtEditorPanel *self)
{
  g_return_if_fail (CT_IS_EDITOR_PANEL (self));

  ct_editor_panel_flush (self);
  finish (self);
}

void
ct_editor_panel_set_history (CtEditorPanel *self,
                             CtHistory     *history)
{
  g_return_if_fail (CT_IS_EDITOR_PANEL (self));

  if (self->history == history)
    return;
  clear_levels (self);
  g_set_object (&self->history, history);
}

void
ct_editor_panel_set_gazetteer (CtEditorPanel *self,
                               CtGazetteer   *gazetteer)
{
  g_return_if_fail (CT_IS_EDITOR_PANEL (self));
  g_set_object (&self->gazetteer, gazetteer);
}

static void
on_back_clicked_cb (CtEditorPanel *self)
{
  CtRecordEditor *editor = ct_editor_panel_get_editor (self);

  /* a value that was refused stays on screen to be put right, unless the record is new (then
   * leaving discards it, as it was never saved) */
  if (editor && !ct_record_editor_flush (editor) && ct_record_editor_get_id (editor) != NULL)
    return;
  pop_editor (self);
}

static void
on_done_clicked_cb (CtEditorPanel *self)
{
  CtRecordEditor *editor = ct_editor_panel_get_editor (self);

  if (editor && !ct_record_editor_flush (editor) && ct_record_editor_get_id (editor) != NULL)
    return;
  finish (self);
}

static void
on_delete_clicked_cb (CtEditorPanel *self)
{
  CtRecordEditor *editor = ct_editor_panel_get_editor (self);

  if (editor == NULL)
    return;

  /* a record never saved is just left */
  if (ct_record_editor_get_id (editor) == NULL)
    {
      pop_editor (self);
      return;
    }

  g_signal_emit (self, signals[DELETE_REQUESTED], 0,
                 ct_record_editor_get_record_type (editor), ct_record_editor_get_id (editor));
}

static void
ct_editor_panel_dispose (GObject *object)
{
  CtEditorPanel *self = CT_EDITOR_PANEL (object);

  if (self->editors)
    g_ptr_array_set_size (self->editors, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_EDITOR_PANEL);
  g_clear_object (&self->history);
  g_clear_object (&self->gazetteer);

  G_OBJECT_CLASS (ct_editor_panel_parent_class)->dispose (object);
}

static void
ct_editor_panel_finalize (GObject *object)
{
  CtEditorPanel *self = CT_EDITOR_PANEL (object);

  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_editor_panel_parent_class)->finalize (object);
}

static void
ct_editor_panel_class_init (CtEditorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_editor_panel_dispose;
  object_class->finalize = ct_editor_panel_finalize;

  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_STRING);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_STRING);
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-editor-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, box);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, back_button);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, done_button);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CtEditorPanel, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-editor-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ct_editor_panel_init (CtEditorPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->editors = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Editor"), -1);
}
