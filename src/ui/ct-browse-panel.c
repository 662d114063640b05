/* ct-browse-panel.c
 *
 * The controls make one CtFilter (plus the search text the window hands over); the three lists
 * show what the store returns for it. A refresh replaces only the rows that changed, so that a
 * change in the database does not throw away the scroll position or the selection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ct-browse-panel.h"
#include "ct-city-row.h"
#include "ct-partnership-row.h"
#include "ct-ui-resources.h"

/* The year spin buttons run from YEAR_FIRST to this year; one step beyond either end means
 * "any year" (0 in the filter) */
#define YEAR_FIRST 1950

typedef enum {
  LIST_CITIES,
  LIST_PARTNERSHIPS,
  LIST_NETWORKS,
  N_LISTS
} ListKind;

static const char *page_names[N_LISTS] = { "cities", "partnerships", "networks" };

typedef struct {
  GtkListView        *view;
  GtkStackPage       *page;
  GtkToggleButton    *toggle;
  GtkLabel           *count;
  GtkSingleSelection *selection;
  GListStore         *items;
  char               *selected_id; /* kept while filtered out, to select the row again later */
  guint               scroll_tick;
  guint               scroll_frames;
} List;

struct _CtBrowsePanel
{
  GtkWidget        parent_instance;

  /* template */
  GtkWidget       *box;
  GtkWidget       *reset_button;
  GtkToggleButton *region_toggles[CT_N_REGIONS];
  GtkDrawingArea  *region_symbols[CT_N_REGIONS];
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *status_dropdown;
  GtkDropDown     *theme_dropdown;
  GtkDropDown     *network_dropdown;
  GtkSpinButton   *year_from;
  GtkSpinButton   *year_to;
  GtkStack        *content_stack;
  GtkStack        *stack;
  AdwStatusPage   *empty_page;
  GtkWidget       *empty_reset_button;
  List             lists[N_LISTS];

  CtStore         *store;
  CtFilter        *filter;
  GHashTable      *cities_by_id; /* id → CtCity: every city, for the names of the parties */
  GPtrArray       *theme_keys;   /* theme dropdown position - 1 → key */
  GPtrArray       *network_ids;  /* network dropdown position - 1 → id */
  int              this_year;
  gboolean         updating_controls;
  gboolean         syncing_selection;
};

G_DEFINE_FINAL_TYPE (CtBrowsePanel, ct_browse_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  N_PROPS
};

enum {
  CITY_SELECTED,
  PARTNERSHIP_SELECTED,
  NETWORK_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
ct_browse_panel_new (void)
{
  return g_object_new (CT_TYPE_BROWSE_PANEL, NULL);
}

CtStore *
ct_browse_panel_get_store (CtBrowsePanel *self)
{
  g_return_val_if_fail (CT_IS_BROWSE_PANEL (self), NULL);
  return self->store;
}

const CtFilter *
ct_browse_panel_get_filter (CtBrowsePanel *self)
{
  g_return_val_if_fail (CT_IS_BROWSE_PANEL (self), NULL);
  return self->filter;
}

/* Filters */

static gboolean
filter_equal (const CtFilter *a,
              const CtFilter *b)
{
  return a->regions == b->regions &&
         a->kinds == b->kinds &&
         a->statuses == b->statuses &&
         ct_str_equal0 (a->theme, b->theme) &&
         ct_str_equal0 (a->network, b->network) &&
         a->year_from == b->year_from &&
         a->year_to == b->year_to &&
         ct_str_equal0 (a->text, b->text) &&
         !a->only_with_ties == !b->only_with_ties;
}

/* Whether the controls (not the search text) narrow anything down */
static gboolean
controls_active (const CtFilter *f)
{
  return f->regions != 0 || f->kinds != 0 || f->statuses != 0 ||
         (f->theme && *f->theme) || (f->network && *f->network) ||
         f->year_from != 0 || f->year_to != 0;
}

static gboolean
year_is_any (CtBrowsePanel *self,
             GtkSpinButton *spin,
             double         value)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  if (spin == self->year_from)
    return value <= gtk_adjustment_get_lower (adjustment);
  return value >= gtk_adjustment_get_upper (adjustment);
}

static int
read_year (CtBrowsePanel *self,
           GtkSpinButton *spin)
{
  double value = gtk_spin_button_get_value (spin);

  return year_is_any (self, spin, value) ? 0 : (int) value;
}

static guint
read_dropdown_bit (GtkDropDown *dropdown)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  /* position 0 is "All …" */
  return (pos > 0 && pos != GTK_INVALID_LIST_POSITION) ? 1u << (pos - 1) : 0;
}

static char *
read_dropdown_id (GtkDropDown *dropdown,
                  GPtrArray   *ids)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (pos > 0 && pos != GTK_INVALID_LIST_POSITION && pos - 1 < ids->len)
    return g_strdup (g_ptr_array_index (ids, pos - 1));
  return NULL;
}

static CtFilter *
read_controls (CtBrowsePanel *self)
{
  CtFilter *f = ct_filter_new ();

  for (guint r = 0; r < CT_N_REGIONS; r++)
    if (gtk_toggle_button_get_active (self->region_toggles[r]))
      f->regions |= 1u << r;

  f->kinds = read_dropdown_bit (self->kind_dropdown);
  f->statuses = read_dropdown_bit (self->status_dropdown);
  f->theme = read_dropdown_id (self->theme_dropdown, self->theme_keys);
  f->network = read_dropdown_id (self->network_dropdown, self->network_ids);
  f->year_from = read_year (self, self->year_from);
  f->year_to = read_year (self, self->year_to);
  f->text = g_strdup (self->filter->text);
  f->only_with_ties = self->filter->only_with_ties;

  return f;
}

static void refresh (CtBrowsePanel *self,
                     CtChangeFlags  what);

/* Takes filter */
static void
apply_filter (CtBrowsePanel *self,
              CtFilter      *filter)
{
  g_autoptr(CtFilter) new_filter = filter;

  if (filter_equal (self->filter, new_filter))
    return;

  ct_filter_free (self->filter);
  self->filter = g_steal_pointer (&new_filter);

  gtk_widget_set_sensitive (self->reset_button, controls_active (self->filter));
  refresh (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

static void
on_control_changed_cb (CtBrowsePanel *self)
{
  if (self->updating_controls)
    return;

  apply_filter (self, read_controls (self));
}

static void
on_year_changed_cb (CtBrowsePanel *self,
                    GtkSpinButton *spin)
{
  int from, to;

  if (self->updating_controls)
    return;

  /* Keep the range the right way round: moving one end past the other takes it along */
  from = read_year (self, self->year_from);
  to = read_year (self, self->year_to);
  if (from != 0 && to != 0 && from > to)
    {
      self->updating_controls = TRUE;
      if (spin == self->year_from)
        gtk_spin_button_set_value (self->year_to, from);
      else
        gtk_spin_button_set_value (self->year_from, to);
      self->updating_controls = FALSE;
    }

  on_control_changed_cb (self);
}

/* The ends of the year ranges read "Any" */
static gboolean
on_year_output_cb (GtkSpinButton *spin,
                   CtBrowsePanel *self)
{
  double value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (self->year_from == NULL || self->year_to == NULL)
    return FALSE;

  if (year_is_any (self, spin, value))
    /* Translators: no limit on the year a tie was signed, in the year filter */
    text = g_strdup (C_("year", "Any"));
  else
    text = g_strdup_printf ("%d", (int) value);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_year_input_cb (GtkSpinButton *spin,
                  double        *new_value,
                  CtBrowsePanel *self)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));
  g_autofree char *any = g_utf8_casefold (C_("year", "Any"), -1);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  gint64 year;

  if (self->year_from == NULL || self->year_to == NULL)
    return FALSE;

  if (*text == '\0' || g_strcmp0 (folded, any) == 0)
    {
      *new_value = spin == self->year_from ? gtk_adjustment_get_lower (adjustment)
                                           : gtk_adjustment_get_upper (adjustment);
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, 0, 9999, &year, NULL))
    return GTK_INPUT_ERROR;

  *new_value = CLAMP ((double) year, gtk_adjustment_get_lower (adjustment), gtk_adjustment_get_upper (adjustment));
  return TRUE;
}

static void
on_reset_clicked_cb (CtBrowsePanel *self)
{
  self->updating_controls = TRUE;
  for (guint r = 0; r < CT_N_REGIONS; r++)
    gtk_toggle_button_set_active (self->region_toggles[r], FALSE);
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->theme_dropdown, 0);
  gtk_drop_down_set_selected (self->network_dropdown, 0);
  gtk_spin_button_set_value (self->year_from, gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (self->year_from)));
  gtk_spin_button_set_value (self->year_to, gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (self->year_to)));
  self->updating_controls = FALSE;

  apply_filter (self, read_controls (self));
}

void
ct_browse_panel_set_search_text (CtBrowsePanel *self,
                                 const char    *text)
{
  g_autoptr(CtFilter) filter = NULL;

  g_return_if_fail (CT_IS_BROWSE_PANEL (self));

  filter = ct_filter_copy (self->filter);
  g_clear_pointer (&filter->text, g_free);
  if (text && *text)
    filter->text = g_strdup (text);
  apply_filter (self, g_steal_pointer (&filter));
}

/* Dropdowns */

static void
setup_dropdown_item_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      /* The button shows the choice in the width the panel has, not the longest theme's */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_dropdown_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (user_data) ? gtk_string_object_get_string (string) : NULL);
}

static void
setup_dropdown (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  g_signal_connect (button_factory, "setup", G_CALLBACK (setup_dropdown_item_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (button_factory, "bind", G_CALLBACK (bind_dropdown_item_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_dropdown_item_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_dropdown_item_cb), GINT_TO_POINTER (FALSE));
  gtk_drop_down_set_factory (dropdown, button_factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  /* what the search of the theme dropdown matches */
  gtk_drop_down_set_expression (dropdown, expression);

  /* GTK 4.8 names the dropdown by its label but not the button inside it, which is what takes
   * the focus and what a screen reader reads */
  {
    GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
    GList *labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (dropdown));

    if (GTK_IS_TOGGLE_BUTTON (button) && labels)
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, labels->data, NULL,
                                      -1);
    g_list_free (labels);
  }
}

static void
set_dropdown_model (CtBrowsePanel *self,
                    GtkDropDown   *dropdown,
                    GtkStringList *model,
                    guint          selected)
{
  self->updating_controls = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
  self->updating_controls = FALSE;
}

static void
fill_fixed_dropdowns (CtBrowsePanel *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_string_list_append (kinds, _("All kinds"));
  for (guint i = 0; i < CT_N_KINDS; i++)
    gtk_string_list_append (kinds, ct_kind_get_label (i));
  set_dropdown_model (self, self->kind_dropdown, kinds, 0);

  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; i < CT_N_STATUSES; i++)
    gtk_string_list_append (statuses, ct_status_get_label (i));
  set_dropdown_model (self, self->status_dropdown, statuses, 0);
}

/* Themes and networks come from the store; the choice survives a refill when it still exists */
static void
fill_store_dropdowns (CtBrowsePanel *self)
{
  g_autoptr(GtkStringList) themes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) networks = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) theme_list = NULL;
  g_autoptr(GPtrArray) network_list = NULL;
  g_autofree char *theme_key = read_dropdown_id (self->theme_dropdown, self->theme_keys);
  g_autofree char *network_id = read_dropdown_id (self->network_dropdown, self->network_ids);
  g_autoptr(GError) error = NULL;
  guint theme_pos = 0, network_pos = 0;

  g_ptr_array_set_size (self->theme_keys, 0);
  g_ptr_array_set_size (self->network_ids, 0);

  if (self->store && !(theme_list = ct_store_list_themes (self->store, &error)))
    g_warning ("Could not read the themes: %s", error->message);
  g_clear_error (&error);
  if (self->store && !(network_list = ct_store_list_networks (self->store, &error)))
    g_warning ("Could not read the networks: %s", error->message);

  gtk_string_list_append (themes, _("All themes"));
  for (guint i = 0; theme_list && i < theme_list->len; i++)
    {
      CtTheme *theme = g_ptr_array_index (theme_list, i);

      gtk_string_list_append (themes, ct_theme_get_display_label (theme->key, theme->label));
      g_ptr_array_add (self->theme_keys, g_strdup (theme->key));
      if (theme_key && g_strcmp0 (theme_key, theme->key) == 0)
        theme_pos = i + 1;
    }

  gtk_string_list_append (networks, _("All networks"));
  for (guint i = 0; network_list && i < network_list->len; i++)
    {
      CtNetwork *network = g_ptr_array_index (network_list, i);

      gtk_string_list_append (networks, ct_str (network->name));
      g_ptr_array_add (self->network_ids, g_strdup (network->id));
      if (network_id && g_strcmp0 (network_id, network->id) == 0)
        network_pos = i + 1;
    }

  set_dropdown_model (self, self->theme_dropdown, themes, theme_pos);
  set_dropdown_model (self, self->network_dropdown, networks, network_pos);
}

/* Lists */

static const char *
record_id (gpointer record)
{
  if (CT_IS_CITY (record))
    return CT_CITY (record)->id;
  if (CT_IS_PARTNERSHIP (record))
    return CT_PARTNERSHIP (record)->id;
  if (CT_IS_NETWORK (record))
    return CT_NETWORK (record)->id;
  g_assert_not_reached ();
}

/* Whether a row can stay as it is */
static gboolean
same_record (gpointer a,
             gpointer b)
{
  if (g_strcmp0 (record_id (a), record_id (b)) != 0)
    return FALSE;
  if (CT_IS_CITY (a))
    return ct_city_content_equal (a, b) && CT_CITY (a)->tie_count == CT_CITY (b)->tie_count;
  if (CT_IS_PARTNERSHIP (a))
    return ct_partnership_content_equal (a, b);
  return ct_network_content_equal (a, b) && CT_NETWORK (a)->member_count == CT_NETWORK (b)->member_count;
}

static guint
find_position (List       *list,
               const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list->items));

  for (guint i = 0; id && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list->items), i);

      if (g_strcmp0 (record_id (item), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

#if !GTK_CHECK_VERSION (4, 12, 0)
/* GTK 4.8 scrolls only a list that has been laid out: a page just switched to waits a frame */
static gboolean
scroll_tick_cb (GtkWidget     *view,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  List *list = user_data;
  guint position;

  if (gtk_widget_get_height (view) == 0 && list->scroll_frames++ < 10)
    return G_SOURCE_CONTINUE;

  list->scroll_tick = 0;
  list->scroll_frames = 0;
  position = find_position (list, list->selected_id);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (view, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}
#endif

/* Brings the selected row into view */
static void
scroll_to_selected (List *list)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  guint position = find_position (list, list->selected_id);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_list_view_scroll_to (list->view, position, GTK_LIST_SCROLL_NONE, NULL);
#else
  if (list->scroll_tick == 0)
    list->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (list->view), scroll_tick_cb, list, NULL);
#endif
}

/* Replaces the items that changed: the common start and end of the list stay */
static void
update_list (CtBrowsePanel *self,
             ListKind       kind,
             GPtrArray     *records,
             gboolean       force)
{
  List *list = &self->lists[kind];
  GListModel *model = G_LIST_MODEL (list->items);
  guint old_n = g_list_model_get_n_items (model);
  guint new_n = records->len;
  guint prefix = 0, suffix = 0;

  if (!force)
    {
      while (prefix < old_n && prefix < new_n)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, prefix);

          if (!same_record (item, g_ptr_array_index (records, prefix)))
            break;
          prefix++;
        }
      while (suffix < old_n - prefix && suffix < new_n - prefix)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, old_n - 1 - suffix);

          if (!same_record (item, g_ptr_array_index (records, new_n - 1 - suffix)))
            break;
          suffix++;
        }
    }

  if (prefix == old_n && prefix == new_n)
    return;

  self->syncing_selection = TRUE;
  g_list_store_splice (list->items, prefix, old_n - prefix - suffix,
                       records->pdata + prefix, new_n - prefix - suffix);
  gtk_single_selection_set_selected (list->selection, find_position (list, list->selected_id));
  self->syncing_selection = FALSE;
}

static gboolean
network_matches (CtNetwork  *network,
                 const char *folded_text)
{
  g_autofree char *name = g_utf8_casefold (ct_str (network->name), -1);
  g_autofree char *short_name = g_utf8_casefold (ct_str (network->short_name), -1);

  return strstr (name, folded_text) != NULL || strstr (short_name, folded_text) != NULL;
}

static ListKind
get_visible_list (CtBrowsePanel *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < N_LISTS; i++)
    if (g_strcmp0 (name, page_names[i]) == 0)
      return i;
  return LIST_CITIES;
}

static void
update_empty_state (CtBrowsePanel *self)
{
  ListKind kind = get_visible_list (self);
  gboolean searching = self->filter->text != NULL;
  gboolean filtering = controls_active (self->filter);
  const char *title;
  const char *description;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->lists[kind].items)) > 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "lists");
      return;
    }

  if (searching || filtering)
    {
      title = kind == LIST_CITIES ? _("No Matching Cities") :
              kind == LIST_PARTNERSHIPS ? _("No Matching Ties") : _("No Matching Networks");
      description = searching && filtering ? _("Try a different search or reset the filters") :
                    searching ? _("Try a different search") : _("Try other filters or reset them");
    }
  else
    {
      title = kind == LIST_CITIES ? _("No Cities Yet") :
              kind == LIST_PARTNERSHIPS ? _("No Ties Yet") : _("No Networks Yet");
      description = _("Imported and added records appear here");
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_widget_set_visible (self->empty_reset_button, filtering);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
}

static void
on_visible_page_changed_cb (CtBrowsePanel *self)
{
  ListKind kind;

  /* not while the template is being built */
  if (self->filter == NULL || self->lists[N_LISTS - 1].toggle == NULL)
    return;

  kind = get_visible_list (self);
  if (!gtk_toggle_button_get_active (self->lists[kind].toggle))
    gtk_toggle_button_set_active (self->lists[kind].toggle, TRUE);
  update_empty_state (self);
}

static void
on_page_toggled_cb (CtBrowsePanel   *self,
                    GtkToggleButton *toggle)
{
  if (!gtk_toggle_button_get_active (toggle))
    return;

  for (guint i = 0; i < N_LISTS; i++)
    if (self->lists[i].toggle == toggle)
      gtk_stack_set_visible_child_name (self->stack, page_names[i]);
}

static void
update_titles (CtBrowsePanel *self)
{
  g_autofree char *cities = NULL;
  g_autofree char *ties = NULL;
  g_autofree char *networks = NULL;

  /* Translators: a tab of the browse panel, with how many cities it lists */
  cities = g_strdup_printf (_("Cities (%u)"), g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_CITIES].items)));
  /* Translators: a tab of the browse panel, with how many ties it lists */
  ties = g_strdup_printf (_("Ties (%u)"), g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_PARTNERSHIPS].items)));
  /* Translators: a tab of the browse panel, with how many networks it lists */
  networks = g_strdup_printf (_("Networks (%u)"), g_list_model_get_n_items (G_LIST_MODEL (self->lists[LIST_NETWORKS].items)));

  gtk_stack_page_set_title (self->lists[LIST_CITIES].page, cities);
  gtk_stack_page_set_title (self->lists[LIST_PARTNERSHIPS].page, ties);
  gtk_stack_page_set_title (self->lists[LIST_NETWORKS].page, networks);

  /* The switcher shows the name and the count on two lines, which fits the panel's width */
  for (guint i = 0; i < N_LISTS; i++)
    {
      List *list = &self->lists[i];
      g_autofree char *count = g_strdup_printf ("%u", g_list_model_get_n_items (G_LIST_MODEL (list->items)));

      gtk_label_set_text (list->count, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list->toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_stack_page_get_title (list->page), -1);
    }
}

static void
refresh (CtBrowsePanel *self,
         CtChangeFlags  what)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) cities = NULL;
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GPtrArray) networks = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    {
      all = g_ptr_array_new ();
      g_hash_table_remove_all (self->cities_by_id);
      for (guint i = 0; i < N_LISTS; i++)
        update_list (self, i, all, TRUE);
    }
  else if (!(all = ct_store_list_cities (self->store, NULL, &error)) ||
           !(cities = ct_store_list_cities (self->store, self->filter, &error)) ||
           !(partnerships = ct_store_list_partnerships (self->store, self->filter, &error)) ||
           !(networks = ct_store_list_networks (self->store, &error)))
    {
      g_warning ("Could not read the database: %s", error->message);
      return;
    }
  else
    {
      g_hash_table_remove_all (self->cities_by_id);
      for (guint i = 0; i < all->len; i++)
        {
          CtCity *city = g_ptr_array_index (all, i);

          g_hash_table_insert (self->cities_by_id, g_strdup (city->id), g_object_ref (city));
        }

      /* The store lists every network; the search text narrows them down here */
      if (self->filter->text)
        {
          g_autofree char *folded = g_utf8_casefold (self->filter->text, -1);

          for (guint i = networks->len; i > 0; i--)
            if (!network_matches (g_ptr_array_index (networks, i - 1), folded))
              g_ptr_array_remove_index (networks, i - 1);
        }

      update_list (self, LIST_CITIES, cities, FALSE);
      /* a tie's row shows its cities' names, which are not part of the tie */
      update_list (self, LIST_PARTNERSHIPS, partnerships, (what & CT_CHANGE_CITIES) != 0);
      update_list (self, LIST_NETWORKS, networks, FALSE);
    }

  gtk_toggle_button_set_active (self->lists[LIST_CITIES].toggle, TRUE);
  update_titles (self);
  update_empty_state (self);
}

static void
on_store_changed_cb (CtBrowsePanel *self,
                     guint          what)
{
  if (what & (CT_CHANGE_THEMES | CT_CHANGE_NETWORKS))
    {
      fill_store_dropdowns (self);
      /* a theme or network that is gone no longer filters */
      apply_filter (self, read_controls (self));
    }
  refresh (self, what);
}

/* Rows */

/* What a screen reader reads for a row */
static void
set_item_label (GtkListItem *item,
                const char  *label)
{
#if GTK_CHECK_VERSION (4, 12, 0)
  gtk_list_item_set_accessible_label (item, label);
#else
  /* the row widget that holds the child, which is what takes the focus */
  GtkWidget *row = gtk_widget_get_parent (gtk_list_item_get_child (item));

  if (row)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
#endif
}

static void
setup_city_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CtBrowsePanel            *self)
{
  gtk_list_item_set_child (item, ct_city_row_new ());
}

static void
bind_city_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CtBrowsePanel            *self)
{
  CtCity *city = gtk_list_item_get_item (item);

  ct_city_row_set_city (CT_CITY_ROW (gtk_list_item_get_child (item)), city);
  {
    g_autofree char *name = ct_city_row_dup_display_name (city);
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u tie", "%s, %u ties", city->tie_count),
                                              name, city->tie_count);
    set_item_label (item, label);
  }
}

static void
unbind_city_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CtBrowsePanel            *self)
{
  ct_city_row_set_city (CT_CITY_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
setup_partnership_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      CtBrowsePanel            *self)
{
  gtk_list_item_set_child (item, ct_partnership_row_new ());
}

static void
bind_partnership_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     CtBrowsePanel            *self)
{
  CtPartnership *p = gtk_list_item_get_item (item);
  g_autofree char *parties = ct_partnership_row_dup_parties (p, self->cities_by_id, NULL);

  ct_partnership_row_set_partnership (CT_PARTNERSHIP_ROW (gtk_list_item_get_child (item)), p, parties);
  {
    g_autofree char *label = ct_tie_dup_spoken (p->kind, p->status, ct_date_get_year (p->signed_on), NULL);
    g_autofree char *full = NULL;

    /* Translators: a tie in the list, read by a screen reader: its parties, then its kind,
     * status and year: "Kaohsiung – Da Nang: Sister city, Active, signed in 2017" */
    full = g_strdup_printf (C_("tie read aloud", "%s: %s"), parties, label);
    set_item_label (item, full);
  }
}

static void
unbind_partnership_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       CtBrowsePanel            *self)
{
  ct_partnership_row_set_partnership (CT_PARTNERSHIP_ROW (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
setup_network_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CtBrowsePanel            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-workgroup-symbolic");
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (count, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (count, "ct-count");

  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (item, box);
}

static void
bind_network_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CtBrowsePanel            *self)
{
  CtNetwork *network = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *texts = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *count = gtk_widget_get_last_child (box);
  g_autofree char *number = g_strdup_printf ("%u", network->member_count);
  g_autofree char *members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", network->member_count),
                                              network->member_count);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (texts)), ct_str (network->name));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (texts)), ct_str (network->short_name));
  gtk_widget_set_visible (gtk_widget_get_last_child (texts),
                          network->short_name && *network->short_name && g_strcmp0 (network->short_name, network->name) != 0);
  gtk_label_set_text (GTK_LABEL (count), number);
  gtk_widget_set_visible (count, network->member_count > 0);
  gtk_widget_set_tooltip_text (count, members);
  gtk_accessible_update_property (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_PROPERTY_LABEL, members, -1);
  set_item_label (item, ct_str (network->name));
}

/* Selection */

static void
emit_selected (CtBrowsePanel *self,
               ListKind       kind,
               const char    *id)
{
  static const guint kind_signals[N_LISTS] = { CITY_SELECTED, PARTNERSHIP_SELECTED, NETWORK_SELECTED };

  g_signal_emit (self, signals[kind_signals[kind]], 0, id);
}

/* One selection in the whole panel, as on the map */
static void
select_only (CtBrowsePanel *self,
             ListKind       kind,
             const char    *id)
{
  self->syncing_selection = TRUE;
  for (guint i = 0; i < N_LISTS; i++)
    {
      List *list = &self->lists[i];

      g_free (list->selected_id);
      list->selected_id = i == kind ? g_strdup (id) : NULL;
      gtk_single_selection_set_selected (list->selection, find_position (list, list->selected_id));
    }
  self->syncing_selection = FALSE;
}

static void
on_selection_changed_cb (CtBrowsePanel     *self,
                         guint              position,
                         guint              n_items,
                         GtkSelectionModel *model)
{
  ListKind kind;
  GObject *item;
  g_autofree char *id = NULL;

  if (self->syncing_selection)
    return;

  for (kind = 0; kind < N_LISTS; kind++)
    if (GTK_SELECTION_MODEL (self->lists[kind].selection) == model)
      break;
  g_return_if_fail (kind < N_LISTS);

  if (!(item = gtk_single_selection_get_selected_item (self->lists[kind].selection)))
    return;

  id = g_strdup (record_id (item));
  select_only (self, kind, id);
  emit_selected (self, kind, id);
}

/* Enter, or a click on the row that is already selected: show it again */
static void
activate (CtBrowsePanel *self,
          ListKind       kind,
          guint          position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->lists[kind].items), position);
  g_autofree char *id = NULL;

  if (item == NULL)
    return;

  id = g_strdup (record_id (item));
  select_only (self, kind, id);
  emit_selected (self, kind, id);
}

static void
on_city_activate_cb (CtBrowsePanel *self,
                     guint          position)
{
  activate (self, LIST_CITIES, position);
}

static void
on_partnership_activate_cb (CtBrowsePanel *self,
                            guint          position)
{
  activate (self, LIST_PARTNERSHIPS, position);
}

static void
on_network_activate_cb (CtBrowsePanel *self,
                        guint          position)
{
  activate (self, LIST_NETWORKS, position);
}

static void
select_from_outside (CtBrowsePanel *self,
                     ListKind       kind,
                     const char    *id)
{
  List *list = &self->lists[kind];
  guint position;

  select_only (self, kind, id);

  position = find_position (list, id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_stack_set_visible_child_name (self->stack, page_names[kind]);
  scroll_to_selected (list);
}

void
ct_browse_panel_select_city (CtBrowsePanel *self,
                             const char    *city_id)
{
  g_return_if_fail (CT_IS_BROWSE_PANEL (self));
  select_from_outside (self, LIST_CITIES, city_id);
}

void
ct_browse_panel_select_partnership (CtBrowsePanel *self,
                                    const char    *partnership_id)
{
  g_return_if_fail (CT_IS_BROWSE_PANEL (self));
  select_from_outside (self, LIST_PARTNERSHIPS, partnership_id);
}

void
ct_browse_panel_select_network (CtBrowsePanel *self,
                                const char    *network_id)
{
  g_return_if_fail (CT_IS_BROWSE_PANEL (self));
  select_from_outside (self, LIST_NETWORKS, network_id);
}

gboolean
ct_browse_panel_focus_list (CtBrowsePanel *self)
{
  List *list;

  g_return_val_if_fail (CT_IS_BROWSE_PANEL (self), FALSE);

  list = &self->lists[get_visible_list (self)];
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "lists") == 0)
    {
      guint position = find_position (list, list->selected_id);

      /* GTK focuses the row the list last scrolled to */
      if (position != GTK_INVALID_LIST_POSITION)
        gtk_widget_activate_action (GTK_WIDGET (list->view), "list.scroll-to-item", "u", position);
      if (gtk_widget_grab_focus (GTK_WIDGET (list->view)))
        return TRUE;
    }
  return gtk_widget_child_focus (self->box, GTK_DIR_TAB_FORWARD);
}

/* Store */

void
ct_browse_panel_set_store (CtBrowsePanel *self,
                           CtStore       *store)
{
  g_return_if_fail (CT_IS_BROWSE_PANEL (self));
  g_return_if_fail (store == NULL || CT_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  fill_store_dropdowns (self);
  apply_filter (self, read_controls (self));
  refresh (self, CT_CHANGE_ALL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* GObject */

static void
ct_browse_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CtBrowsePanel *self = CT_BROWSE_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILTER:
      g_value_set_boxed (value, self->filter);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_browse_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CtBrowsePanel *self = CT_BROWSE_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ct_browse_panel_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_browse_panel_dispose (GObject *object)
{
  CtBrowsePanel *self = CT_BROWSE_PANEL (object);

  /* No selection signals while the lists go */
  self->syncing_selection = TRUE;

  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_clear_object (&self->store);
  for (guint i = 0; i < N_LISTS; i++)
    {
      if (self->lists[i].scroll_tick && self->lists[i].view)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->lists[i].view), self->lists[i].scroll_tick);
      self->lists[i].scroll_tick = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_BROWSE_PANEL);

  for (guint i = 0; i < N_LISTS; i++)
    g_clear_pointer (&self->lists[i].selected_id, g_free);
  g_clear_pointer (&self->cities_by_id, g_hash_table_unref);
  g_clear_pointer (&self->theme_keys, g_ptr_array_unref);
  g_clear_pointer (&self->network_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (ct_browse_panel_parent_class)->dispose (object);
}

static void
ct_browse_panel_finalize (GObject *object)
{
  CtBrowsePanel *self = CT_BROWSE_PANEL (object);

  g_clear_pointer (&self->filter, ct_filter_free);

  G_OBJECT_CLASS (ct_browse_panel_parent_class)->finalize (object);
}

#define BIND_CHILD(name, member) \
  gtk_widget_class_bind_template_child_full (widget_class, name, FALSE, G_STRUCT_OFFSET (CtBrowsePanel, member))

static void
ct_browse_panel_class_init (CtBrowsePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ct_browse_panel_get_property;
  object_class->set_property = ct_browse_panel_set_property;
  object_class->dispose = ct_browse_panel_dispose;
  object_class->finalize = ct_browse_panel_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* What the controls and the search text select; the map shows the same */
  properties[PROP_FILTER] =
    g_param_spec_boxed ("filter", NULL, NULL, CT_TYPE_FILTER,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A row the user selected or activated (not one selected with ct_browse_panel_select_*) */
  signals[CITY_SELECTED] =
    g_signal_new ("city-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[PARTNERSHIP_SELECTED] =
    g_signal_new ("partnership-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NETWORK_SELECTED] =
    g_signal_new ("network-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* the template's list stores name these types */
  g_type_ensure (CT_TYPE_CITY);
  g_type_ensure (CT_TYPE_PARTNERSHIP);
  g_type_ensure (CT_TYPE_NETWORK);

  /* The template is in the library's resources: referring to them keeps them linked in */
  g_assert (ct_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-browse-panel.ui");
  BIND_CHILD ("box", box);
  BIND_CHILD ("reset_button", reset_button);
  BIND_CHILD ("taiwan_toggle", region_toggles[CT_REGION_TAIWAN]);
  BIND_CHILD ("asean_toggle", region_toggles[CT_REGION_ASEAN]);
  BIND_CHILD ("eu_toggle", region_toggles[CT_REGION_EU]);
  BIND_CHILD ("other_toggle", region_toggles[CT_REGION_OTHER]);
  BIND_CHILD ("taiwan_symbol", region_symbols[CT_REGION_TAIWAN]);
  BIND_CHILD ("asean_symbol", region_symbols[CT_REGION_ASEAN]);
  BIND_CHILD ("eu_symbol", region_symbols[CT_REGION_EU]);
  BIND_CHILD ("other_symbol", region_symbols[CT_REGION_OTHER]);
  BIND_CHILD ("kind_dropdown", kind_dropdown);
  BIND_CHILD ("status_dropdown", status_dropdown);
  BIND_CHILD ("theme_dropdown", theme_dropdown);
  BIND_CHILD ("network_dropdown", network_dropdown);
  BIND_CHILD ("year_from", year_from);
  BIND_CHILD ("year_to", year_to);
  BIND_CHILD ("content_stack", content_stack);
  BIND_CHILD ("stack", stack);
  BIND_CHILD ("empty_page", empty_page);
  BIND_CHILD ("empty_reset_button", empty_reset_button);
  BIND_CHILD ("cities_toggle", lists[LIST_CITIES].toggle);
  BIND_CHILD ("cities_count", lists[LIST_CITIES].count);
  BIND_CHILD ("partnerships_toggle", lists[LIST_PARTNERSHIPS].toggle);
  BIND_CHILD ("partnerships_count", lists[LIST_PARTNERSHIPS].count);
  BIND_CHILD ("networks_toggle", lists[LIST_NETWORKS].toggle);
  BIND_CHILD ("networks_count", lists[LIST_NETWORKS].count);
  BIND_CHILD ("cities_view", lists[LIST_CITIES].view);
  BIND_CHILD ("cities_page", lists[LIST_CITIES].page);
  BIND_CHILD ("cities_selection", lists[LIST_CITIES].selection);
  BIND_CHILD ("cities", lists[LIST_CITIES].items);
  BIND_CHILD ("partnerships_view", lists[LIST_PARTNERSHIPS].view);
  BIND_CHILD ("partnerships_page", lists[LIST_PARTNERSHIPS].page);
  BIND_CHILD ("partnerships_selection", lists[LIST_PARTNERSHIPS].selection);
  BIND_CHILD ("partnerships", lists[LIST_PARTNERSHIPS].items);
  BIND_CHILD ("networks_view", lists[LIST_NETWORKS].view);
  BIND_CHILD ("networks_page", lists[LIST_NETWORKS].page);
  BIND_CHILD ("networks_selection", lists[LIST_NETWORKS].selection);
  BIND_CHILD ("networks", lists[LIST_NETWORKS].items);

  gtk_widget_class_bind_template_callback (widget_class, on_control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_city_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_partnership_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_network_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_city_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_city_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_city_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_partnership_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_partnership_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_partnership_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_network_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_network_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-browse-panel");
}

static void
ct_browse_panel_init (CtBrowsePanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->filter = ct_filter_new ();
  self->cities_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->theme_keys = g_ptr_array_new_with_free_func (g_free);
  self->network_ids = g_ptr_array_new_with_free_func (g_free);
  self->this_year = g_date_time_get_year (now);

  ct_city_row_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));

  self->updating_controls = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint r = 0; r < CT_N_REGIONS; r++)
    ct_city_row_init_symbol (self->region_symbols[r], r);

  setup_dropdown (self->kind_dropdown);
  setup_dropdown (self->status_dropdown);
  setup_dropdown (self->theme_dropdown);
  setup_dropdown (self->network_dropdown);
  fill_fixed_dropdowns (self);
  fill_store_dropdowns (self);

  /* "Any" sits one step before the first year and one after this year */
  gtk_spin_button_configure (self->year_from,
                             gtk_adjustment_new (YEAR_FIRST - 1, YEAR_FIRST - 1, self->this_year, 1, 10, 0),
                             1, 0);
  gtk_spin_button_configure (self->year_to,
                             gtk_adjustment_new (self->this_year + 1, YEAR_FIRST, self->this_year + 1, 1, 10, 0),
                             1, 0);
  self->updating_controls = FALSE;

  gtk_toggle_button_set_active (self->lists[LIST_CITIES].toggle, TRUE);
  update_titles (self);
  update_empty_state (self);
}
