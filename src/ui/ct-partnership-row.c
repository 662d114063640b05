/* ct-partnership-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ct-city-row.h"
#include "ct-partnership-row.h"

struct _CtPartnershipRow
{
  GtkWidget      parent_instance;

  GtkWidget     *swatch;
  GtkWidget     *texts;
  GtkWidget     *title;
  GtkWidget     *subtitle;

  CtPartnership *partnership;
};

G_DEFINE_FINAL_TYPE (CtPartnershipRow, ct_partnership_row, GTK_TYPE_WIDGET)

/* Text */

char *
ct_partnership_row_dup_summary (const CtPartnership *p,
                                gboolean             with_year)
{
  int year;

  g_return_val_if_fail (CT_IS_PARTNERSHIP ((CtPartnership *) p), NULL);

  year = with_year ? ct_date_get_year (p->signed_on) : 0;
  if (year > 0)
    /* Translators: a tie's kind, status and the year it was signed: "Sister city · Active · 2017" */
    return g_strdup_printf (C_("tie summary", "%s · %s · %d"),
                            ct_kind_get_label (p->kind), ct_status_get_label (p->status), year);
  /* Translators: a tie's kind and status: "Sister city · Active" */
  return g_strdup_printf (C_("tie summary", "%s · %s"),
                          ct_kind_get_label (p->kind), ct_status_get_label (p->status));
}

char *
ct_partnership_row_dup_parties (const CtPartnership *p,
                                GHashTable          *cities,
                                const char          *skip_city_id)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *text = NULL;

  g_return_val_if_fail (CT_IS_PARTNERSHIP ((CtPartnership *) p), NULL);

  /* Taiwanese parties first, in the order of the record otherwise */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < p->parties->len; i++)
      {
        CtParty *party = g_ptr_array_index (p->parties, i);
        CtCity *city = cities ? g_hash_table_lookup (cities, party->city) : NULL;
        gboolean taiwanese = city && ct_city_row_get_region (city) == CT_REGION_TAIWAN;

        if (taiwanese != (pass == 0) || (skip_city_id && g_strcmp0 (party->city, skip_city_id) == 0))
          continue;

        if (city)
          g_ptr_array_add (names, ct_city_row_dup_display_name (city));
        else if (party->signed_name && *party->signed_name)
          g_ptr_array_add (names, g_strdup (party->signed_name));
        else
          /* Translators: a party whose city is not in the database */
          g_ptr_array_add (names, g_strdup (_("Unknown city")));
      }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      char *joined;

      if (text == NULL)
        {
          text = g_strdup (name);
          continue;
        }

      if (skip_city_id)
        /* Translators: joins the names of a city's partners in one tie: "Gdynia, Katowice" */
        joined = g_strdup_printf (C_("list of cities", "%s, %s"), text, name);
      else
        /* Translators: the two cities of a partnership: "Kaohsiung – Da Nang" */
        joined = g_strdup_printf (C_("tie", "%s – %s"), text, name);
      g_free (text);
      text = joined;
    }

  return text ? text : g_strdup ("");
}

/* The swatch */

static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  CtKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "ct-kind"));
  CtStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "ct-status"));
  GdkRGBA color;

  ct_palette_get_kind_color (ct_city_row_get_palette_variant (), kind, &color);

  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (ct_palette_status_is_dashed (status))
    {
      static const double dashes[] = { 5, 3 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
  cairo_move_to (cr, 2, height / 2.0);
  cairo_line_to (cr, width - 2, height / 2.0);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke (cr);
}

void
ct_partnership_row_set_swatch (GtkWidget *swatch,
                               CtKind     kind,
                               CtStatus   status)
{
  g_return_if_fail (GTK_IS_DRAWING_AREA (swatch));
  g_return_if_fail (kind < CT_N_KINDS && status < CT_N_STATUSES);

  g_object_set_data (G_OBJECT (swatch), "ct-kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (swatch), "ct-status", GUINT_TO_POINTER (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (swatch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ct_kind_get_label (kind),
                                  -1);
  gtk_widget_queue_draw (swatch);
}

GtkWidget *
ct_partnership_row_new_swatch (CtKind   kind,
                               CtStatus status)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 20);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 12);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch_cb, NULL, NULL);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw), area, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::high-contrast", G_CALLBACK (gtk_widget_queue_draw), area, G_CONNECT_SWAPPED);
  ct_partnership_row_set_swatch (area, kind, status);
  return area;
}

/* The row */

GtkWidget *
ct_partnership_row_new (void)
{
  return g_object_new (CT_TYPE_PARTNERSHIP_ROW, NULL);
}

CtPartnership *
ct_partnership_row_get_partnership (CtPartnershipRow *self)
{
  g_return_val_if_fail (CT_IS_PARTNERSHIP_ROW (self), NULL);
  return self->partnership;
}

void
ct_partnership_row_set_partnership (CtPartnershipRow *self,
                                    CtPartnership    *partnership,
                                    const char       *parties)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (CT_IS_PARTNERSHIP_ROW (self));
  g_return_if_fail (partnership == NULL || CT_IS_PARTNERSHIP (partnership));

  g_set_object (&self->partnership, partnership);
  if (partnership == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title), "");
      gtk_label_set_text (GTK_LABEL (self->subtitle), "");
      return;
    }

  summary = ct_partnership_row_dup_summary (partnership, TRUE);
  ct_partnership_row_set_swatch (self->swatch, partnership->kind, partnership->status);
  gtk_label_set_text (GTK_LABEL (self->title), ct_str (parties));
  gtk_label_set_text (GTK_LABEL (self->subtitle), summary);
  /* the agreement's own title, when the parties are not enough to tell ties apart */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), partnership->title);
}

static void
ct_partnership_row_dispose (GObject *object)
{
  CtPartnershipRow *self = CT_PARTNERSHIP_ROW (object);

  g_clear_pointer (&self->swatch, gtk_widget_unparent);
  g_clear_pointer (&self->texts, gtk_widget_unparent);
  g_clear_object (&self->partnership);

  G_OBJECT_CLASS (ct_partnership_row_parent_class)->dispose (object);
}

static void
ct_partnership_row_class_init (CtPartnershipRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_partnership_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-partnership-row");
}

static void
ct_partnership_row_init (CtPartnershipRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  ct_city_row_ensure_style (gtk_widget_get_display (widget));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 10);

  self->swatch = ct_partnership_row_new_swatch (CT_KIND_SISTER_CITY, CT_STATUS_ACTIVE);
  gtk_widget_set_parent (self->swatch, widget);

  self->texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (self->texts, TRUE);
  gtk_widget_set_valign (self->texts, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->texts, widget);

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (self->texts), self->title);

  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (self->texts), self->subtitle);
}
