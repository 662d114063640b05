/* ct-details-panel.c
 *
 * The headers of the three pages are in the template; the sections below them (groups of rows
 * whose number depends on the record) are built from the store each time a record is shown or
 * the store changes, so they always show the database as it is.
 *
 * The groups have widget names ("partners-asean", "memberships", "parties", "sources",
 * "timeline", "members", …) for style sheets and tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ct-city-row.h"
#include "ct-details-panel.h"
#include "ct-partnership-row.h"
#include "ct-ui-resources.h"

typedef enum {
  SHOWN_NONE,
  SHOWN_CITY,
  SHOWN_PARTNERSHIP,
  SHOWN_NETWORK,
} Shown;

static const char *shown_names[] = { NULL, "city", "partnership", "network" };

struct _CtDetailsPanel
{
  GtkWidget          parent_instance;

  /* template */
  GtkStack          *stack;
  GtkScrolledWindow *city_scroll;
  GtkLabel          *city_title;
  GtkLabel          *city_other_name;
  GtkDrawingArea    *city_symbol;
  GtkLabel          *city_place;
  GtkBox            *city_sections;
  GtkScrolledWindow *partnership_scroll;
  GtkLabel          *partnership_title;
  GtkLabel          *partnership_subtitle;
  GtkBox            *partnership_tags;
  GtkBox            *partnership_sections;
  GtkScrolledWindow *network_scroll;
  GtkLabel          *network_title;
  GtkLabel          *network_short_name;
  GtkBox            *network_sections;

  CtStore           *store;
  Shown              shown;
  char              *shown_id;
  GStrv              network_members; /* what "network-members" last said */
};

G_DEFINE_FINAL_TYPE (CtDetailsPanel, ct_details_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CITY_SELECTED,
  PARTNERSHIP_SELECTED,
  NETWORK_SELECTED,
  NETWORK_MEMBERS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ct_details_panel_new (void)
{
  return g_object_new (CT_TYPE_DETAILS_PANEL, NULL);
}

CtStore *
ct_details_panel_get_store (CtDetailsPanel *self)
{
  g_return_val_if_fail (CT_IS_DETAILS_PANEL (self), NULL);
  return self->store;
}

const char *
ct_details_panel_get_shown_kind (CtDetailsPanel *self)
{
  g_return_val_if_fail (CT_IS_DETAILS_PANEL (self), NULL);
  return shown_names[self->shown];
}

const char *
ct_details_panel_get_shown_id (CtDetailsPanel *self)
{
  g_return_val_if_fail (CT_IS_DETAILS_PANEL (self), NULL);
  return self->shown_id;
}

static void
set_shown (CtDetailsPanel *self,
           Shown           shown,
           const char     *id)
{
  char *new_id = g_strdup (id);

  g_free (self->shown_id);
  self->shown_id = new_id;
  self->shown = shown;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static gboolean release_focus (CtDetailsPanel *self);

void
ct_details_panel_clear (CtDetailsPanel *self)
{
  g_return_if_fail (CT_IS_DETAILS_PANEL (self));

  set_shown (self, SHOWN_NONE, NULL);
  g_clear_pointer (&self->network_members, g_strfreev);
  release_focus (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  clear_box (self->city_sections);
  clear_box (self->partnership_sections);
  clear_box (self->network_sections);
}

/* Text */

/* "2018 – 2021", "since 2018", "until 2021", or NULL */
static char *
format_period (const char *from,
               const char *to)
{
  g_autofree char *start = ct_date_format (from);
  g_autofree char *end = ct_date_format (to);

  if (start && end)
    /* Translators: a period between two dates: "2018 – 2021" */
    return g_strdup_printf (C_("period", "%s – %s"), start, end);
  if (start)
    /* Translators: membership in a network since a year or date */
    return g_strdup_printf (_("since %s"), start);
  if (end)
    /* Translators: membership in a network until a year or date */
    return g_strdup_printf (_("until %s"), end);
  return NULL;
}

/* Joins the non-empty strings with " · " */
static char *
join_dotted (const char *first,
             ...)
{
  GString *text = g_string_new (NULL);
  const char *part = first;
  va_list args;

  va_start (args, first);
  for (guint i = 0; i < 8; i++, part = va_arg (args, const char *))
    {
      if (part == NULL)
        break;
      if (*part == '\0')
        continue;
      if (text->len > 0)
        /* Translators: separates details in a row's subtitle: "Philippines · paired city" */
        g_string_append (text, C_("separator", " · "));
      g_string_append (text, part);
    }
  va_end (args);

  return g_string_free (text, FALSE);
}

/* A coordinate pair as people read it: "22.6273° N, 120.3014° E" */
static char *
format_coordinates (double lat,
                    double lon)
{
  g_autofree char *lat_text = NULL;
  g_autofree char *lon_text = NULL;

  /* Translators: latitude north of the equator; "北緯 %.4f°" */
  lat_text = lat >= 0 ? g_strdup_printf (_("%.4f° N"), lat)
  /* Translators: latitude south of the equator; "南緯 %.4f°" */
                      : g_strdup_printf (_("%.4f° S"), -lat);
  /* Translators: longitude east of Greenwich; "東經 %.4f°" */
  lon_text = lon >= 0 ? g_strdup_printf (_("%.4f° E"), lon)
  /* Translators: longitude west of Greenwich; "西經 %.4f°" */
                      : g_strdup_printf (_("%.4f° W"), -lon);
  /* Translators: latitude, then longitude */
  return g_strdup_printf (C_("coordinates", "%s, %s"), lat_text, lon_text);
}

static char *
uri_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  const char *host = parsed ? g_uri_get_host (parsed) : NULL;

  if (host == NULL || *host == '\0')
    return NULL;
  if (g_str_has_prefix (host, "www."))
    host += 4;
  return g_strdup (host);
}

/* Building blocks */

static GHashTable *
load_cities (CtDetailsPanel *self)
{
  GHashTable *cities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  if (!(all = ct_store_list_cities (self->store, NULL, &error)))
    {
      g_warning ("Could not read the cities: %s", error->message);
      return cities;
    }

  for (guint i = 0; i < all->len; i++)
    {
      CtCity *city = g_ptr_array_index (all, i);

      g_hash_table_insert (cities, city->id, g_object_ref (city));
    }
  return cities;
}

static AdwPreferencesGroup *
add_group (GtkBox     *sections,
           const char *name,
           const char *title,
           guint       count)
{
  GtkWidget *group = adw_preferences_group_new ();

  gtk_widget_set_name (group, name);
  if (title)
    {
      /* the group's title is markup */
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
    }
  if (count > 0)
    {
      g_autofree char *number = g_strdup_printf ("%u", count);
      GtkWidget *badge = gtk_label_new (number);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "ct-count");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), badge);
    }
  gtk_box_append (sections, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
value_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

/* A field: its name small and dim, its value below, selectable (the same on libadwaita 1.2,
 * which has no "property" row style, as on later versions) */
static GtkWidget *
add_property_widget (AdwPreferencesGroup *group,
                     const char          *name,
                     GtkWidget           *value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name_label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_wrap (GTK_LABEL (name_label), TRUE);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_widget_add_css_class (name_label, "ct-property-name");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), value);
  gtk_widget_add_css_class (box, "ct-property");

  /* AdwPreferencesGroup puts only AdwPreferencesRows in its boxed list */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* the selectable value takes the focus */
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL, -1);
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_property (AdwPreferencesGroup *group,
              const char          *name,
              const char          *value)
{
  if (value == NULL || *value == '\0')
    return;
  add_property_widget (group, name, value_label_new (value));
}

static void
add_placeholder (AdwPreferencesGroup *group,
                 const char          *text)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 14);
  gtk_widget_set_margin_bottom (label, 14);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (group, row);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         GtkWidget           *prefix)
{
  GtkWidget *row = adw_action_row_new ();

  /* Our text is data, not markup: "R&D" stays "R&D" */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ct_str (title));
  if (subtitle && *subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (prefix)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

/* A row read as one sentence ("Sister city with Cebu City, Active, signed in 1969") rather than
 * as its title and subtitle ("Cebu City", "Sister city · Active · 1969") */
static void
set_row_label (GtkWidget  *row,
               const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* the name is the label and the names of what labels the row, one after the other */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

static void
on_row_activated_cb (AdwActionRow   *row,
                     CtDetailsPanel *self)
{
  guint signal_id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ct-signal"));
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (row), "ct-id"));

  /* the handler may well show something else here, which destroys this row */
  g_signal_emit (self, signals[signal_id], 0, id);
}

/* A row that leads to another record */
static void
make_navigable (CtDetailsPanel *self,
                AdwActionRow   *row,
                guint           signal,
                const char     *id)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  g_object_set_data (G_OBJECT (row), "ct-signal", GUINT_TO_POINTER (signal));
  g_object_set_data_full (G_OBJECT (row), "ct-id", g_strdup (id), g_free);
  adw_action_row_add_suffix (row, arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
}

static void
on_copy_link_clicked_cb (GtkButton  *button,
                         const char *uri)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), uri);
}

/* Copy and open buttons; the row opens the link too */
static void
add_link (AdwActionRow *row,
          const char   *uri)
{
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  GtkWidget *open = gtk_link_button_new (uri);

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_tooltip_text (copy, _("Copy Link"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Link"), -1);
  g_signal_connect_data (copy, "clicked", G_CALLBACK (on_copy_link_clicked_cb),
                         g_strdup (uri), (GClosureNotify) (void (*) (void)) g_free, 0);

  /* GtkLinkButton opens the browser (GtkUriLauncher on GTK 4.10 and later) and says so */
  gtk_button_set_child (GTK_BUTTON (open), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (open, uri);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open in Browser"), -1);

  adw_action_row_add_suffix (row, copy);
  adw_action_row_add_suffix (row, open);
  adw_action_row_set_activatable_widget (row, open);
}

static GtkWidget *
tag_new (const char *text,
         const char *style)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, "ct-tag");
  if (style)
    gtk_widget_add_css_class (tag, style);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  return tag;
}

static const char *
status_style (CtStatus status)
{
  switch (status)
    {
    case CT_STATUS_ACTIVE:
      return "success";
    case CT_STATUS_COUNCIL_APPROVED:
    case CT_STATUS_NATIONALLY_APPROVED:
      return "accent";
    case CT_STATUS_PROPOSED:
    case CT_STATUS_NEGOTIATING:
    case CT_STATUS_UNVERIFIED:
      return "warning";
    case CT_STATUS_DORMANT:
    case CT_STATUS_ENDED:
    case CT_N_STATUSES:
    default:
      return "dim-label";
    }
}

static void
scroll_to_top (GtkScrolledWindow *scroll)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroll), 0);
}

static GtkWidget *
find_first_activatable_row (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_first_activatable_row (child);

      if (row)
        return row;
    }
  return NULL;
}

/* Rebuilding a page destroys the rows, one of which may have the focus (the row that was just
 * activated): the panel lets go of the focus first, and gives it back to the new page. */
static gboolean
release_focus (CtDetailsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return FALSE;

  gtk_root_set_focus (root, NULL);
  return TRUE;
}

/* The focus goes to the first row that leads on (a city's first tie), or else to the title; not
 * with GtkStack's default, which selects all of the title (a selectable label) and shows a caret
 * in it */
static gboolean
focus_page (GtkBox   *sections,
            GtkLabel *title)
{
  GtkWidget *row;

  if ((row = find_first_activatable_row (GTK_WIDGET (sections))))
    return gtk_widget_grab_focus (row);
  if (!gtk_widget_grab_focus (GTK_WIDGET (title)))
    return FALSE;
  gtk_label_select_region (title, 0, 0);
  return TRUE;
}

static void
show_page (CtDetailsPanel *self,
           const char     *name,
           GtkBox         *sections,
           GtkLabel       *title,
           gboolean        focus)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  if (focus)
    focus_page (sections, title);
}

gboolean
ct_details_panel_focus_content (CtDetailsPanel *self)
{
  g_return_val_if_fail (CT_IS_DETAILS_PANEL (self), FALSE);

  switch (self->shown)
    {
    case SHOWN_CITY:
      return focus_page (self->city_sections, self->city_title);
    case SHOWN_PARTNERSHIP:
      return focus_page (self->partnership_sections, self->partnership_title);
    case SHOWN_NETWORK:
      return focus_page (self->network_sections, self->network_title);
    case SHOWN_NONE:
    default:
      return FALSE;
    }
}

/* A city */

static void
add_city_partners (CtDetailsPanel *self,
                   CtCity         *city,
                   GHashTable     *cities)
{
  g_autoptr(GPtrArray) ties = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *by_region[CT_N_REGIONS] = { NULL, };
  CtRegion own = ct_city_row_get_region (city);
  CtRegion order[CT_N_REGIONS];

  if (!(ties = ct_store_list_partnerships_for_city (self->store, city->id, &error)))
    {
      g_warning ("Could not read the ties of %s: %s", city->id, error->message);
      return;
    }

  /* Each tie under the region of its first other party */
  for (guint i = 0; i < ties->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ties, i);
      CtRegion region = CT_REGION_OTHER;

      for (guint j = 0; j < p->parties->len; j++)
        {
          CtParty *party = g_ptr_array_index (p->parties, j);
          CtCity *other = g_hash_table_lookup (cities, party->city);

          if (other && g_strcmp0 (party->city, city->id) != 0)
            {
              region = ct_city_row_get_region (other);
              break;
            }
        }

      if (by_region[region] == NULL)
        by_region[region] = g_ptr_array_new ();
      g_ptr_array_add (by_region[region], p);
    }

  /* Partners abroad first: the city's own region comes last */
  for (guint r = 0, n = 0; r < CT_N_REGIONS; r++)
    if (r != own)
      order[n++] = r;
  order[CT_N_REGIONS - 1] = own;

  for (guint k = 0; k < CT_N_REGIONS; k++)
    {
      CtRegion region = order[k];
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      AdwPreferencesGroup *group;

      if (by_region[region] == NULL)
        continue;

      name = g_strconcat ("partners-", ct_region_to_string (region), NULL);
      /* Translators: a group of a city's ties, by the region of the partner: "Partners in ASEAN" */
      title = g_strdup_printf (_("Partners in %s"), ct_region_get_label (region));
      group = add_group (self->city_sections, name, title, by_region[region]->len);

      for (guint i = 0; i < by_region[region]->len; i++)
        {
          CtPartnership *p = g_ptr_array_index (by_region[region], i);
          g_autofree char *partners = ct_partnership_row_dup_parties (p, cities, city->id);
          g_autofree char *summary = ct_partnership_row_dup_summary (p, TRUE);
          g_autofree char *spoken = ct_tie_dup_spoken (p->kind, p->status, ct_date_get_year (p->signed_on), partners);
          AdwActionRow *row = add_row (group, partners, summary,
                                       ct_partnership_row_new_swatch (p->kind, p->status));

          make_navigable (self, row, PARTNERSHIP_SELECTED, p->id);
          set_row_label (GTK_WIDGET (row), spoken);
        }
    }

  for (guint r = 0; r < CT_N_REGIONS; r++)
    g_clear_pointer (&by_region[r], g_ptr_array_unref);

  if (ties->len == 0)
    add_placeholder (add_group (self->city_sections, "partners", _("Partners"), 0),
                     _("No ties recorded yet"));
}

static void
add_city_memberships (CtDetailsPanel *self,
                      CtCity         *city)
{
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *group;

  if (!(memberships = ct_store_list_memberships_for_city (self->store, city->id, &error)))
    {
      g_warning ("Could not read the memberships of %s: %s", city->id, error->message);
      return;
    }
  if (memberships->len == 0)
    return;

  group = add_group (self->city_sections, "memberships", _("Networks"), memberships->len);
  for (guint i = 0; i < memberships->len; i++)
    {
      CtMembership *m = g_ptr_array_index (memberships, i);
      g_autoptr(CtNetwork) network = ct_store_get_network (self->store, m->network, NULL);
      g_autofree char *period = format_period (m->joined, m->left);
      g_autofree char *subtitle = join_dotted (ct_str (m->role), ct_str (period), NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("network-workgroup-symbolic");
      AdwActionRow *row;

      gtk_widget_add_css_class (icon, "dim-label");
      row = add_row (group, network ? network->name : m->network, subtitle, icon);
      make_navigable (self, row, NETWORK_SELECTED, m->network);
    }
}

static gboolean
fill_city (CtDetailsPanel *self,
           const char     *city_id)
{
  g_autoptr(CtCity) city = NULL;
  g_autoptr(GHashTable) cities = NULL;
  g_autofree char *name = NULL;
  g_autofree char *place = NULL;
  g_autofree char *coordinates = NULL;
  const char *other;
  const char *country;
  const char *region_label;
  CtRegion region;
  AdwPreferencesGroup *group;

  if (!(city = ct_store_get_city (self->store, city_id, NULL)))
    return FALSE;

  cities = load_cities (self);
  name = ct_city_row_dup_display_name (city);
  other = ct_city_row_get_other_name (city);
  country = ct_city_row_get_country_name (city);
  region = ct_city_row_get_region (city);
  region_label = ct_region_get_label (region);
  place = g_strcmp0 (country, region_label) == 0 ? g_strdup (country) : join_dotted (country, region_label, NULL);

  gtk_label_set_text (self->city_title, name);
  gtk_label_set_text (self->city_other_name, ct_str (other));
  gtk_widget_set_visible (GTK_WIDGET (self->city_other_name), other != NULL);
  gtk_label_set_text (self->city_place, place);
  ct_city_row_set_symbol_region (GTK_WIDGET (self->city_symbol), region);

  clear_box (self->city_sections);

  group = add_group (self->city_sections, "city-info", NULL, 0);
  /* Translators: a province, state or municipality, the level below the country */
  add_property (group, _("First-level area"), city->admin1);
  coordinates = format_coordinates (city->lat, city->lon);
  add_property (group, _("Coordinates"), coordinates);
  add_property (group, _("Notes"), city->notes);

  add_city_partners (self, city, cities);
  add_city_memberships (self, city);
  return TRUE;
}

void
ct_details_panel_show_city (CtDetailsPanel *self,
                            const char     *city_id)
{
  gboolean again;
  gboolean focus;

  g_return_if_fail (CT_IS_DETAILS_PANEL (self));

  again = self->shown == SHOWN_CITY && g_strcmp0 (self->shown_id, city_id) == 0;
  focus = release_focus (self);
  if (self->store == NULL || city_id == NULL || !fill_city (self, city_id))
    {
      ct_details_panel_clear (self);
      return;
    }

  set_shown (self, SHOWN_CITY, city_id);
  if (!again)
    scroll_to_top (self->city_scroll);
  show_page (self, "city", self->city_sections, self->city_title, focus);
}

/* A tie */

static void
add_themes (CtDetailsPanel      *self,
            AdwPreferencesGroup *group,
            CtPartnership       *p)
{
  g_autoptr(GPtrArray) themes = NULL;
  GtkWidget *flow;

  if (p->themes->len == 0)
    return;

  themes = ct_store_list_themes (self->store, NULL);
  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 12);
  gtk_widget_set_margin_top (flow, 3);

  for (guint i = 0; i < p->themes->len; i++)
    {
      const char *key = g_ptr_array_index (p->themes, i);
      const char *label = key;
      GtkWidget *child;

      for (guint j = 0; themes && j < themes->len; j++)
        {
          CtTheme *theme = g_ptr_array_index (themes, j);

          if (g_strcmp0 (theme->key, key) == 0)
            label = theme->label;
        }
      label = ct_theme_get_display_label (key, label);

      gtk_flow_box_append (GTK_FLOW_BOX (flow), tag_new (label, NULL));
      child = GTK_WIDGET (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (flow), i));
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }

  add_property_widget (group, _("Themes"), flow);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Themes"), -1);
}

static void
add_parties (CtDetailsPanel *self,
             CtPartnership  *p,
             GHashTable     *cities)
{
  AdwPreferencesGroup *group = add_group (self->partnership_sections, "parties", _("Parties"), 0);

  for (guint i = 0; i < p->parties->len; i++)
    {
      CtParty *party = g_ptr_array_index (p->parties, i);
      CtCity *city = g_hash_table_lookup (cities, party->city);
      g_autofree char *name = NULL;
      g_autofree char *names = NULL;
      g_autofree char *signed_as = NULL;
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      if (city == NULL)
        {
          add_row (group, party->signed_name ? party->signed_name : _("Unknown city"), NULL, NULL);
          continue;
        }

      name = ct_city_row_dup_display_name (city);
      names = join_dotted (ct_str (ct_city_row_get_other_name (city)), ct_city_row_get_country_name (city), NULL);
      if (party->signed_name && *party->signed_name &&
          g_strcmp0 (party->signed_name, city->name) != 0 && g_strcmp0 (party->signed_name, city->local_name) != 0)
        /* Translators: the name a party used in the text of the agreement */
        signed_as = g_strdup_printf (_("Signed as “%s”"), party->signed_name);
      subtitle = signed_as ? g_strconcat (names, "\n", signed_as, NULL) : g_strdup (names);

      row = add_row (group, name, subtitle, ct_city_row_new_symbol (ct_city_row_get_region (city)));
      make_navigable (self, row, CITY_SELECTED, party->city);
    }
}

static void
add_sources (CtDetailsPanel *self,
             GtkBox         *sections,
             GPtrArray      *source_ids)
{
  AdwPreferencesGroup *group = add_group (sections, "sources", _("Sources"), source_ids->len);
  guint shown = 0;

  for (guint i = 0; i < source_ids->len; i++)
    {
      g_autoptr(CtSource) source = ct_store_get_source (self->store, g_ptr_array_index (source_ids, i), NULL);
      g_autofree char *date = NULL;
      g_autofree char *host = NULL;
      g_autofree char *subtitle = NULL;
      AdwActionRow *row;

      if (source == NULL)
        continue;

      date = ct_date_format (source->date);
      host = source->url ? uri_host (source->url) : NULL;
      /* "corpoonthursday.blogspot.com (student blog)" names its host already */
      if (host && source->publisher && strstr (source->publisher, host))
        g_clear_pointer (&host, g_free);
      subtitle = join_dotted (ct_str (source->publisher), ct_str (date), ct_str (host), NULL);
      row = add_row (group, source->title && *source->title ? source->title : source->url, subtitle, NULL);
      if (source->url && *source->url)
        add_link (row, source->url);
      shown++;
    }

  if (shown == 0)
    add_placeholder (group, _("No source recorded"));
}

static void
add_timeline (CtDetailsPanel *self,
              const char     *partnership_id)
{
  g_autoptr(GPtrArray) activities = NULL;
  AdwPreferencesGroup *group;

  if (!(activities = ct_store_list_activities (self->store, partnership_id, NULL)) || activities->len == 0)
    return;

  group = add_group (self->partnership_sections, "timeline", _("Timeline"), 0);
  for (guint i = 0; i < activities->len; i++)
    {
      CtActivity *a = g_ptr_array_index (activities, i);
      g_autofree char *date = ct_date_format (a->date);
      g_autofree char *when = join_dotted (date ? date : _("Undated"), ct_activity_kind_get_label (a->kind), NULL);
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *label;

      gtk_widget_add_css_class (box, "ct-timeline-entry");

      label = gtk_label_new (when);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "ct-timeline-date");
      gtk_box_append (GTK_BOX (box), label);

      if (a->title && *a->title)
        {
          label = value_label_new (a->title);
          gtk_widget_add_css_class (label, "heading");
          gtk_box_append (GTK_BOX (box), label);
        }
      if (a->notes && *a->notes)
        gtk_box_append (GTK_BOX (box), value_label_new (a->notes));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ct_str (a->title));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      adw_preferences_group_add (group, row);
    }
}

static gboolean
fill_partnership (CtDetailsPanel *self,
                  const char     *partnership_id)
{
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(GHashTable) cities = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *signed_on = NULL;
  g_autofree char *ended = NULL;
  AdwPreferencesGroup *group;

  if (!(p = ct_store_get_partnership (self->store, partnership_id, NULL)))
    return FALSE;

  cities = load_cities (self);
  parties = ct_partnership_row_dup_parties (p, cities, NULL);
  gtk_label_set_text (self->partnership_title, parties);
  gtk_label_set_text (self->partnership_subtitle, ct_str (p->title));
  gtk_widget_set_visible (GTK_WIDGET (self->partnership_subtitle), p->title && *p->title);

  clear_box (self->partnership_tags);
  gtk_box_append (self->partnership_tags, ct_partnership_row_new_swatch (p->kind, p->status));
  gtk_box_append (self->partnership_tags, tag_new (ct_kind_get_label (p->kind), NULL));
  gtk_box_append (self->partnership_tags, tag_new (ct_status_get_label (p->status), status_style (p->status)));

  clear_box (self->partnership_sections);

  group = add_group (self->partnership_sections, "partnership-info", NULL, 0);
  signed_on = ct_date_format (p->signed_on);
  add_property (group, _("Signed"), signed_on ? signed_on : _("Date not recorded"));
  ended = ct_date_format (p->ended);
  add_property (group, _("Ended or renewed"), ended);
  add_themes (self, group, p);
  add_property (group, _("Notes"), p->notes);

  add_parties (self, p, cities);
  add_sources (self, self->partnership_sections, p->sources);
  add_timeline (self, p->id);
  return TRUE;
}

void
ct_details_panel_show_partnership (CtDetailsPanel *self,
                                   const char     *partnership_id)
{
  gboolean again;
  gboolean focus;

  g_return_if_fail (CT_IS_DETAILS_PANEL (self));

  again = self->shown == SHOWN_PARTNERSHIP && g_strcmp0 (self->shown_id, partnership_id) == 0;
  focus = release_focus (self);
  if (self->store == NULL || partnership_id == NULL || !fill_partnership (self, partnership_id))
    {
      ct_details_panel_clear (self);
      return;
    }

  set_shown (self, SHOWN_PARTNERSHIP, partnership_id);
  if (!again)
    scroll_to_top (self->partnership_scroll);
  show_page (self, "partnership", self->partnership_sections, self->partnership_title, focus);
}

/* A network */

static gboolean
fill_network (CtDetailsPanel *self,
              const char     *network_id,
              GStrv          *member_ids)
{
  g_autoptr(CtNetwork) network = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GHashTable) cities = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  AdwPreferencesGroup *group;

  if (!(network = ct_store_get_network (self->store, network_id, NULL)))
    return FALSE;

  cities = load_cities (self);
  gtk_label_set_text (self->network_title, ct_str (network->name));
  gtk_label_set_text (self->network_short_name, ct_str (network->short_name));
  gtk_widget_set_visible (GTK_WIDGET (self->network_short_name),
                          network->short_name && *network->short_name && g_strcmp0 (network->short_name, network->name) != 0);

  clear_box (self->network_sections);

  if ((network->url && *network->url) || (network->notes && *network->notes))
    {
      group = add_group (self->network_sections, "network-info", NULL, 0);
      if (network->url && *network->url)
        {
          g_autofree char *host = uri_host (network->url);
          AdwActionRow *row = add_row (group, _("Web site"), host ? host : network->url, NULL);

          add_link (row, network->url);
        }
      add_property (group, _("Notes"), network->notes);
    }

  members = ct_store_list_memberships_for_network (self->store, network_id, NULL);
  group = add_group (self->network_sections, "members", _("Members"), members ? members->len : 0);
  for (guint i = 0; members && i < members->len; i++)
    {
      CtMembership *m = g_ptr_array_index (members, i);
      CtCity *city = g_hash_table_lookup (cities, m->city);
      g_autofree char *name = city ? ct_city_row_dup_display_name (city) : g_strdup (m->city);
      g_autofree char *period = format_period (m->joined, m->left);
      g_autofree char *subtitle = join_dotted (city ? ct_city_row_get_country_name (city) : "",
                                               ct_str (m->role), ct_str (period), NULL);
      AdwActionRow *row = add_row (group, name, subtitle,
                                   ct_city_row_new_symbol (city ? ct_city_row_get_region (city) : CT_REGION_OTHER));

      make_navigable (self, row, CITY_SELECTED, m->city);
      g_strv_builder_add (ids, m->city);
    }
  if (members == NULL || members->len == 0)
    add_placeholder (group, _("No members recorded yet"));

  *member_ids = g_strv_builder_end (ids);
  return TRUE;
}

static void
show_network (CtDetailsPanel *self,
              const char     *network_id,
              gboolean        refreshing)
{
  g_auto(GStrv) members = NULL;
  gboolean again = self->shown == SHOWN_NETWORK && g_strcmp0 (self->shown_id, network_id) == 0;
  gboolean focus = release_focus (self);

  if (self->store == NULL || network_id == NULL || !fill_network (self, network_id, &members))
    {
      ct_details_panel_clear (self);
      return;
    }

  set_shown (self, SHOWN_NETWORK, network_id);
  if (!again)
    scroll_to_top (self->network_scroll);
  show_page (self, "network", self->network_sections, self->network_title, focus);

  /* A refresh tells the map only when the members changed */
  if (refreshing && self->network_members && g_strv_equal ((const char * const *) self->network_members,
                                                           (const char * const *) members))
    return;

  g_strfreev (self->network_members);
  self->network_members = g_strdupv (members);
  g_signal_emit (self, signals[NETWORK_MEMBERS], 0, members);
}

void
ct_details_panel_show_network (CtDetailsPanel *self,
                               const char     *network_id)
{
  g_return_if_fail (CT_IS_DETAILS_PANEL (self));
  show_network (self, network_id, FALSE);
}

/* Store */

static void
on_store_changed_cb (CtDetailsPanel *self,
                     guint           what)
{
  g_autofree char *id = g_strdup (self->shown_id);

  switch (self->shown)
    {
    case SHOWN_CITY:
      ct_details_panel_show_city (self, id);
      break;
    case SHOWN_PARTNERSHIP:
      ct_details_panel_show_partnership (self, id);
      break;
    case SHOWN_NETWORK:
      show_network (self, id, TRUE);
      break;
    case SHOWN_NONE:
    default:
      break;
    }
}

void
ct_details_panel_set_store (CtDetailsPanel *self,
                            CtStore        *store)
{
  g_return_if_fail (CT_IS_DETAILS_PANEL (self));
  g_return_if_fail (store == NULL || CT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  ct_details_panel_clear (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* GObject */

static void
ct_details_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CtDetailsPanel *self = CT_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_details_panel_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CtDetailsPanel *self = CT_DETAILS_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ct_details_panel_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_details_panel_dispose (GObject *object)
{
  CtDetailsPanel *self = CT_DETAILS_PANEL (object);

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_DETAILS_PANEL);

  g_clear_object (&self->store);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->network_members, g_strfreev);

  G_OBJECT_CLASS (ct_details_panel_parent_class)->dispose (object);
}

static void
ct_details_panel_class_init (CtDetailsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ct_details_panel_get_property;
  object_class->set_property = ct_details_panel_set_property;
  object_class->dispose = ct_details_panel_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A row that leads to another record was activated: a party, a member, a partner, a network */
  signals[CITY_SELECTED] =
    g_signal_new ("city-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PARTNERSHIP_SELECTED] =
    g_signal_new ("partnership-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NETWORK_SELECTED] =
    g_signal_new ("network-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The cities of the network just shown, for the map to highlight */
  signals[NETWORK_MEMBERS] =
    g_signal_new ("network-members", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  /* The template is in the library's resources: referring to them keeps them linked in */
  g_assert (ct_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-details-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_scroll);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_title);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_other_name);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_symbol);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_place);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, city_sections);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, partnership_scroll);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, partnership_title);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, partnership_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, partnership_tags);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, partnership_sections);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, network_scroll);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, network_title);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, network_short_name);
  gtk_widget_class_bind_template_child (widget_class, CtDetailsPanel, network_sections);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-details-panel");
}

static void
ct_details_panel_init (CtDetailsPanel *self)
{
  ct_city_row_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));
  ct_city_row_init_symbol (self->city_symbol, CT_REGION_OTHER);
}
