/* ct-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-legend.h"

struct _CtLegend
{
  GtkWidget         parent_instance;

  GtkWidget        *expander;
  GPtrArray        *swatches;  /* GtkDrawingArea */
  CtPaletteVariant  variant;
};

G_DEFINE_FINAL_TYPE (CtLegend, ct_legend, GTK_TYPE_WIDGET)

typedef enum {
  SWATCH_REGION,
  SWATCH_KIND,
  SWATCH_DASHED,
} SwatchType;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CtLegend *self = user_data;
  SwatchType type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "swatch-type"));
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "swatch-value"));
  double cx = width / 2.0, cy = height / 2.0, r = MIN (width, height) / 2.0 - 2;
  GdkRGBA color, halo;

  ct_palette_get_halo_color (self->variant, &halo);

  if (type == SWATCH_REGION)
    {
      ct_palette_get_region_color (self->variant, value, &color);
      switch (ct_palette_get_region_symbol (value))
        {
        case CT_SYMBOL_CIRCLE:
          cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
          break;
        case CT_SYMBOL_DIAMOND:
          cairo_move_to (cr, cx, cy - r);
          cairo_line_to (cr, cx + r, cy);
          cairo_line_to (cr, cx, cy + r);
          cairo_line_to (cr, cx - r, cy);
          cairo_close_path (cr);
          break;
        case CT_SYMBOL_SQUARE:
          cairo_rectangle (cr, cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6);
          break;
        case CT_SYMBOL_TRIANGLE:
        default:
          cairo_move_to (cr, cx, cy - r);
          cairo_line_to (cr, cx + r, cy + r * 0.8);
          cairo_line_to (cr, cx - r, cy + r * 0.8);
          cairo_close_path (cr);
          break;
        }
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &halo);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      return;
    }

  if (type == SWATCH_KIND)
    ct_palette_get_kind_color (self->variant, value, &color);
  else
    {
#if GTK_CHECK_VERSION (4, 10, 0)
      gtk_widget_get_color (GTK_WIDGET (area), &color);
#else
      gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
#endif
    }

  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (type == SWATCH_DASHED)
    {
      static const double dashes[] = { 4, 4 };
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  cairo_move_to (cr, 2, cy);
  cairo_line_to (cr, width - 2, cy);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke (cr);
}

static void
add_row (CtLegend   *self,
         GtkGrid    *grid,
         int         row,
         SwatchType  type,
         int         value,
         const char *label)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *text = gtk_label_new (label);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), type == SWATCH_REGION ? 14 : 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (area), "swatch-type", GINT_TO_POINTER (type));
  g_object_set_data (G_OBJECT (area), "swatch-value", GINT_TO_POINTER (value));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_ptr_array_add (self->swatches, area);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_add_css_class (text, "caption");
  gtk_grid_attach (grid, area, 0, row, 1, 1);
  gtk_grid_attach (grid, text, 1, row, 1, 1);
}

static GtkWidget *
add_heading (GtkGrid    *grid,
             int         row,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_margin_top (label, row > 0 ? 6 : 0);
  gtk_grid_attach (grid, label, 0, row, 2, 1);
  return label;
}

GtkWidget *
ct_legend_new (void)
{
  return g_object_new (CT_TYPE_LEGEND, NULL);
}

void
ct_legend_set_variant (CtLegend         *self,
                       CtPaletteVariant  variant)
{
  g_return_if_fail (CT_IS_LEGEND (self));

  if (self->variant == variant)
    return;

  self->variant = variant;
  for (guint i = 0; i < self->swatches->len; i++)
    gtk_widget_queue_draw (g_ptr_array_index (self->swatches, i));
}

static void
ct_legend_dispose (GObject *object)
{
  CtLegend *self = CT_LEGEND (object);

  g_clear_pointer (&self->expander, gtk_widget_unparent);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_legend_parent_class)->dispose (object);
}

static void
ct_legend_class_init (CtLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_legend_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ct_legend_init (CtLegend *self)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  self->swatches = g_ptr_array_new ();

  gtk_grid_set_column_spacing (grid, 8);
  gtk_grid_set_row_spacing (grid, 2);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 4);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 4);

  add_heading (grid, row++, _("Cities"));
  for (guint r = 0; r < CT_N_REGIONS; r++)
    add_row (self, grid, row++, SWATCH_REGION, r, ct_region_get_label (r));

  add_heading (grid, row++, _("Ties"));
  for (guint k = 0; k < CT_N_KINDS; k++)
    add_row (self, grid, row++, SWATCH_KIND, k, ct_kind_get_label (k));
  add_row (self, grid, row++, SWATCH_DASHED, 0, _("Not active (dashed)"));

  self->expander = gtk_expander_new_with_mnemonic (_("_Legend"));
  gtk_expander_set_expanded (GTK_EXPANDER (self->expander), TRUE);
  gtk_expander_set_child (GTK_EXPANDER (self->expander), GTK_WIDGET (grid));
  gtk_widget_set_parent (self->expander, GTK_WIDGET (self));
  /* GTK 4.8 does not name an expander by its title */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_expander_get_label_widget (GTK_EXPANDER (self->expander)), NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  gtk_expander_get_label_widget (GTK_EXPANDER (self->expander)), NULL,
                                  -1);

  gtk_widget_add_css_class (GTK_WIDGET (self), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self), "legend");
}
