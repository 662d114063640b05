/* ct-city-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ct-city-row.h"

#define SYMBOL_SIZE 12

struct _CtCityRow
{
  GtkWidget  parent_instance;

  GtkWidget *symbol;
  GtkWidget *texts;
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *count;

  CtCity    *city;
};

G_DEFINE_FINAL_TYPE (CtCityRow, ct_city_row, GTK_TYPE_WIDGET)

/* Names */

CtRegion
ct_city_row_get_region (const CtCity *city)
{
  const CtCountry *country;

  g_return_val_if_fail (CT_IS_CITY ((CtCity *) city), CT_REGION_OTHER);

  country = city->country ? ct_country_lookup (city->country) : NULL;
  return country ? country->region : CT_REGION_OTHER;
}

char *
ct_city_row_dup_display_name (const CtCity *city)
{
  return ct_city_dup_display_name (city);
}

const char *
ct_city_row_get_other_name (const CtCity *city)
{
  return ct_city_get_other_name (city);
}

const char *
ct_city_row_get_country_name (const CtCity *city)
{
  const CtCountry *country;

  g_return_val_if_fail (CT_IS_CITY ((CtCity *) city), NULL);

  country = city->country ? ct_country_lookup (city->country) : NULL;
  return country ? ct_country_get_display_name (country) : ct_str (city->country);
}

/* Symbols */

CtPaletteVariant
ct_city_row_get_palette_variant (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  if (adw_style_manager_get_high_contrast (style_manager))
    return CT_PALETTE_HIGH_CONTRAST;
  return adw_style_manager_get_dark (style_manager) ? CT_PALETTE_DARK : CT_PALETTE_LIGHT;
}

static void
draw_symbol_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  CtRegion region = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "ct-region"));
  CtPaletteVariant variant = ct_city_row_get_palette_variant ();
  double cx = width / 2.0, cy = height / 2.0, r = MIN (width, height) / 2.0 - 1;
  GdkRGBA color, halo;

  ct_palette_get_region_color (variant, region, &color);
  ct_palette_get_halo_color (variant, &halo);

  /* The shapes of the map (ct-ties-layer), so that the list reads without colour too */
  switch (ct_palette_get_region_symbol (region))
    {
    case CT_SYMBOL_CIRCLE:
      cairo_arc (cr, cx, cy, r * 0.9, 0, 2 * G_PI);
      break;
    case CT_SYMBOL_DIAMOND:
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy);
      cairo_line_to (cr, cx, cy + r);
      cairo_line_to (cr, cx - r, cy);
      cairo_close_path (cr);
      break;
    case CT_SYMBOL_SQUARE:
      cairo_rectangle (cr, cx - r * 0.78, cy - r * 0.78, r * 1.56, r * 1.56);
      break;
    case CT_SYMBOL_TRIANGLE:
    default:
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy + r * 0.75);
      cairo_line_to (cr, cx - r, cy + r * 0.75);
      cairo_close_path (cr);
      break;
    }

  gdk_cairo_set_source_rgba (cr, &color);
  if (variant == CT_PALETTE_HIGH_CONTRAST)
    {
      /* an outline only where the symbol must stand out from its surroundings */
      cairo_fill_preserve (cr);
      gdk_cairo_set_source_rgba (cr, &halo);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

void
ct_city_row_set_symbol_region (GtkWidget *symbol,
                               CtRegion   region)
{
  g_return_if_fail (GTK_IS_DRAWING_AREA (symbol));
  g_return_if_fail (region < CT_N_REGIONS);

  g_object_set_data (G_OBJECT (symbol), "ct-region", GUINT_TO_POINTER (region));
  gtk_accessible_update_property (GTK_ACCESSIBLE (symbol),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, ct_region_get_label (region),
                                  -1);
  gtk_widget_queue_draw (symbol);
}

void
ct_city_row_init_symbol (GtkDrawingArea *area,
                         CtRegion        region)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_return_if_fail (GTK_IS_DRAWING_AREA (area));

  gtk_drawing_area_set_content_width (area, SYMBOL_SIZE);
  gtk_drawing_area_set_content_height (area, SYMBOL_SIZE);
  gtk_widget_set_valign (GTK_WIDGET (area), GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (area, draw_symbol_cb, NULL, NULL);
  ct_city_row_set_symbol_region (GTK_WIDGET (area), region);

  if (g_object_get_data (G_OBJECT (area), "ct-symbol-init") == NULL)
    {
      g_object_set_data (G_OBJECT (area), "ct-symbol-init", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw),
                               area, G_CONNECT_SWAPPED);
      g_signal_connect_object (style_manager, "notify::high-contrast", G_CALLBACK (gtk_widget_queue_draw),
                               area, G_CONNECT_SWAPPED);
    }
}

GtkWidget *
ct_city_row_new_symbol (CtRegion region)
{
  GtkWidget *area = gtk_drawing_area_new ();

  ct_city_row_init_symbol (GTK_DRAWING_AREA (area), region);
  return area;
}

/* Style */

#define STYLE_RESOURCE "/io/github/cityties/CityTies/ui/panels.css"

void
ct_city_row_ensure_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "ct-panels-style") != NULL)
    return;

  /* Tests that do not compile the style sheet in still get working panels */
  if (!g_resources_get_info (STYLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL))
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, STYLE_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "ct-panels-style", g_steal_pointer (&provider), g_object_unref);
}

/* The row */

GtkWidget *
ct_city_row_new (void)
{
  return g_object_new (CT_TYPE_CITY_ROW, NULL);
}

CtCity *
ct_city_row_get_city (CtCityRow *self)
{
  g_return_val_if_fail (CT_IS_CITY_ROW (self), NULL);
  return self->city;
}

void
ct_city_row_set_city (CtCityRow *self,
                      CtCity    *city)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  g_autofree char *ties = NULL;
  const char *other;
  const char *country;

  g_return_if_fail (CT_IS_CITY_ROW (self));
  g_return_if_fail (city == NULL || CT_IS_CITY (city));

  g_set_object (&self->city, city);
  if (city == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title), "");
      gtk_label_set_text (GTK_LABEL (self->subtitle), "");
      gtk_label_set_text (GTK_LABEL (self->count), "");
      return;
    }

  name = ct_city_row_dup_display_name (city);
  other = ct_city_row_get_other_name (city);
  country = ct_city_row_get_country_name (city);
  /* Translators: a city's other name and its country, under its name in the lists: "高雄市 · Taiwan" */
  subtitle = other ? g_strdup_printf (C_("city subtitle", "%s · %s"), other, country) : g_strdup (country);
  count = g_strdup_printf ("%u", city->tie_count);
  ties = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tie", "%u ties", city->tie_count), city->tie_count);

  ct_city_row_set_symbol_region (self->symbol, ct_city_row_get_region (city));
  gtk_label_set_text (GTK_LABEL (self->title), name);
  gtk_label_set_text (GTK_LABEL (self->subtitle), subtitle);
  gtk_label_set_text (GTK_LABEL (self->count), count);
  gtk_widget_set_tooltip_text (self->count, ties);
  gtk_widget_set_visible (self->count, city->tie_count > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count), GTK_ACCESSIBLE_PROPERTY_LABEL, ties, -1);
}

static void
ct_city_row_dispose (GObject *object)
{
  CtCityRow *self = CT_CITY_ROW (object);

  g_clear_pointer (&self->symbol, gtk_widget_unparent);
  g_clear_pointer (&self->texts, gtk_widget_unparent);
  g_clear_pointer (&self->count, gtk_widget_unparent);
  g_clear_object (&self->city);

  G_OBJECT_CLASS (ct_city_row_parent_class)->dispose (object);
}

static void
ct_city_row_class_init (CtCityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_city_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-city-row");
}

static void
ct_city_row_init (CtCityRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  ct_city_row_ensure_style (gtk_widget_get_display (widget));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 10);

  self->symbol = ct_city_row_new_symbol (CT_REGION_OTHER);
  gtk_widget_set_parent (self->symbol, widget);

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

  self->count = gtk_label_new (NULL);
  gtk_widget_set_valign (self->count, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->count, "ct-count");
  gtk_widget_set_parent (self->count, widget);
}
