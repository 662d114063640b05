/* ct-add-city-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-add-city-dialog.h"
#include "ct-city-row.h"
#include "ct-ui-resources.h"

struct _CtAddCityDialog
{
  AdwWindow      parent_instance;

  /* template */
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  CtPlaceSearch *search;

  CtGazetteer   *gazetteer;
  CtHistory     *history;
};

G_DEFINE_FINAL_TYPE (CtAddCityDialog, ct_add_city_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_GAZETTEER,
  PROP_HISTORY,
  N_PROPS
};

enum {
  CITY_ADDED,
  CITY_CHOSEN,
  PLACE_ON_MAP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ct_add_city_dialog_new (GtkWindow   *parent,
                        CtGazetteer *gazetteer,
                        CtHistory   *history)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CT_IS_GAZETTEER (gazetteer), NULL);
  g_return_val_if_fail (CT_IS_HISTORY (history), NULL);

  return g_object_new (CT_TYPE_ADD_CITY_DIALOG,
                       "transient-for", parent,
                       "gazetteer", gazetteer,
                       "history", history,
                       NULL);
}

CtPlaceSearch *
ct_add_city_dialog_get_place_search (CtAddCityDialog *self)
{
  g_return_val_if_fail (CT_IS_ADD_CITY_DIALOG (self), NULL);
  return self->search;
}

const char *
ct_add_city_dialog_get_error (CtAddCityDialog *self)
{
  g_return_val_if_fail (CT_IS_ADD_CITY_DIALOG (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* Errors */

static void
show_error (CtAddCityDialog *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
hide_error (CtAddCityDialog *self)
{
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
on_error_dismiss_clicked_cb (CtAddCityDialog *self)
{
  hide_error (self);
  ct_place_search_grab_focus (self->search);
}

/* Choices */

/* Emits a signal and closes; the handler may have closed the window already */
static void
finish (CtAddCityDialog *self,
        guint            signal_id,
        const char      *id)
{
  g_autoptr(CtAddCityDialog) hold = g_object_ref (self);

  if (id)
    g_signal_emit (self, signals[signal_id], 0, id);
  else
    g_signal_emit (self, signals[signal_id], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_place (CtAddCityDialog *self,
           CtCity          *city)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = ct_city_dup_display_name (city);
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  /* Translators: the step Undo undoes, "Add Da Nang" (shown as "Undo Add Da Nang") */
  label = g_strdup_printf (_("Add %s"), name);

  if (!ct_history_save (self->history, city, label, &error))
    {
      /* Translators: shown in the Add City window when saving failed: "Da Nang could not be
       * added: the disk is full, so nothing was saved" */
      message = g_strdup_printf (_("%s could not be added: %s"), name, error->message);
      show_error (self, message);
      return;
    }

  finish (self, CITY_ADDED, city->id);
}

static void
on_search_chosen_cb (CtAddCityDialog *self,
                     CtCity          *city)
{
  hide_error (self);

  if (city->id != NULL)
    finish (self, CITY_CHOSEN, city->id);
  else
    add_place (self, city);
}

static void
on_search_stop_search_cb (CtAddCityDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_map_row_activated_cb (CtAddCityDialog *self)
{
  finish (self, PLACE_ON_MAP, NULL);
}

/* GObject */

static void
ct_add_city_dialog_constructed (GObject *object)
{
  CtAddCityDialog *self = CT_ADD_CITY_DIALOG (object);

  G_OBJECT_CLASS (ct_add_city_dialog_parent_class)->constructed (object);

  g_assert (CT_IS_GAZETTEER (self->gazetteer));
  g_assert (CT_IS_HISTORY (self->history));

  ct_place_search_set_gazetteer (self->search, self->gazetteer);
  ct_place_search_grab_focus (self->search);
}

static void
ct_add_city_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CtAddCityDialog *self = CT_ADD_CITY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_GAZETTEER:
      g_value_set_object (value, self->gazetteer);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_add_city_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CtAddCityDialog *self = CT_ADD_CITY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_GAZETTEER:
      self->gazetteer = g_value_dup_object (value);
      break;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_add_city_dialog_dispose (GObject *object)
{
  CtAddCityDialog *self = CT_ADD_CITY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_ADD_CITY_DIALOG);
  g_clear_object (&self->gazetteer);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (ct_add_city_dialog_parent_class)->dispose (object);
}

static void
ct_add_city_dialog_class_init (CtAddCityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ct_add_city_dialog_constructed;
  object_class->get_property = ct_add_city_dialog_get_property;
  object_class->set_property = ct_add_city_dialog_set_property;
  object_class->dispose = ct_add_city_dialog_dispose;

  properties[PROP_GAZETTEER] =
    g_param_spec_object ("gazetteer", NULL, NULL, CT_TYPE_GAZETTEER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CT_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new place, saved: the id of the new city */
  signals[CITY_ADDED] =
    g_signal_new ("city-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A city already in the database */
  signals[CITY_CHOSEN] =
    g_signal_new ("city-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PLACE_ON_MAP] =
    g_signal_new ("place-on-map", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CT_TYPE_PLACE_SEARCH);
  g_assert (ct_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-add-city-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CtAddCityDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CtAddCityDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CtAddCityDialog, search);
  gtk_widget_class_bind_template_callback (widget_class, on_error_dismiss_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_map_row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ct_add_city_dialog_init (CtAddCityDialog *self)
{
  ct_city_row_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));
}
