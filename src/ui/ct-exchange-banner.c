/* ct-exchange-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-exchange-banner.h"

struct _CtExchangeBanner
{
  GtkWidget       parent_instance;

  /* template */
  GtkRevealer    *revealer;
  GtkWidget      *bar;
  GtkImage       *icon;
  GtkLabel       *title_label;
  GtkLabel       *detail_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *cancel_button;

  double          fraction;  /* negative: unknown */
};

G_DEFINE_FINAL_TYPE (CtExchangeBanner, ct_exchange_banner, GTK_TYPE_WIDGET)

enum {
  CANCEL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
ct_exchange_banner_new (void)
{
  return g_object_new (CT_TYPE_EXCHANGE_BANNER, NULL);
}

static void
on_cancel_clicked_cb (CtExchangeBanner *self)
{
  g_signal_emit (self, signals[CANCEL], 0);
}

void
ct_exchange_banner_show_progress (CtExchangeBanner *self,
                                  const char       *icon_name,
                                  const char       *title,
                                  double            fraction,
                                  const char       *detail,
                                  gboolean          can_cancel)
{
  g_return_if_fail (CT_IS_EXCHANGE_BANNER (self));

  gtk_widget_remove_css_class (self->bar, "ct-drop-hint");
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);

  self->fraction = fraction;
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));

  /* ct_exchange_banner_set_cancelling() makes it insensitive until the banner is hidden */
  gtk_widget_set_visible (self->cancel_button, can_cancel);

  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ct_exchange_banner_set_cancelling (CtExchangeBanner *self)
{
  g_return_if_fail (CT_IS_EXCHANGE_BANNER (self));

  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  /* Translators: shown in the progress bar of an import after Cancel was pressed */
  gtk_label_set_text (self->detail_label, _("Cancelling…"));
}

void
ct_exchange_banner_show_drop_hint (CtExchangeBanner *self)
{
  g_return_if_fail (CT_IS_EXCHANGE_BANNER (self));

  gtk_widget_add_css_class (self->bar, "ct-drop-hint");
  gtk_image_set_from_icon_name (self->icon, "document-open-symbolic");
  gtk_label_set_text (self->title_label, _("Drop files here to import them into your database"));
  gtk_label_set_text (self->detail_label, _("City Ties files, CSV or GeoJSON"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ct_exchange_banner_hide (CtExchangeBanner *self)
{
  g_return_if_fail (CT_IS_EXCHANGE_BANNER (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
}

gboolean
ct_exchange_banner_is_shown (CtExchangeBanner *self)
{
  g_return_val_if_fail (CT_IS_EXCHANGE_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
ct_exchange_banner_get_title (CtExchangeBanner *self)
{
  return gtk_label_get_text (self->title_label);
}

const char *
ct_exchange_banner_get_detail (CtExchangeBanner *self)
{
  return gtk_label_get_text (self->detail_label);
}

double
ct_exchange_banner_get_fraction (CtExchangeBanner *self)
{
  return self->fraction;
}

GtkWidget *
ct_exchange_banner_get_cancel_button (CtExchangeBanner *self)
{
  return self->cancel_button;
}

static void
ct_exchange_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CT_TYPE_EXCHANGE_BANNER);

  G_OBJECT_CLASS (ct_exchange_banner_parent_class)->dispose (object);
}

static void
ct_exchange_banner_class_init (CtExchangeBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_exchange_banner_dispose;

  /**
   * CtExchangeBanner::cancel:
   *
   * The Cancel button was pressed.
   */
  signals[CANCEL] = g_signal_new ("cancel", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-exchange-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, bar);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, icon);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CtExchangeBanner, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-exchange-banner");
}

static void
ct_exchange_banner_init (CtExchangeBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
