/* ct-place-search.c
 *
 * The matches are copied into CtCity records as soon as the gazetteer returns them: its strings
 * last only until the next ct_gazetteer_set_cities(), which the window may call at any time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ct-city-row.h"
#include "ct-place-search.h"
#include "ct-ui-resources.h"

struct _CtPlaceSearch
{
  GtkWidget       parent_instance;

  /* template */
  GtkWidget      *box;
  GtkSearchEntry *entry;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkWidget      *scrolled;
  GtkListBox     *list;

  GListStore     *matches;      /* CtCity */
  CtGazetteer    *gazetteer;
  char           *searched;     /* the text the matches are for, NULL before the first search */
  gboolean        cities_only;
};

G_DEFINE_FINAL_TYPE (CtPlaceSearch, ct_place_search, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GAZETTEER,
  PROP_CITIES_ONLY,
  N_PROPS
};

enum {
  CHOSEN,
  STOP_SEARCH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Matches */

static CtCity *
city_from_place (const CtPlace *place)
{
  CtCity *city = ct_city_new ();

  city->id = g_strdup (place->city_id);
  city->name = g_strdup (place->name);
  city->local_name = g_strdup (place->local_name);
  city->country = g_strdup (place->country);
  city->admin1 = g_strdup (place->admin1);
  city->lat = place->lat;
  city->lon = place->lon;
  return city;
}

static const char *
get_country_name (const CtCity *city)
{
  const CtCountry *country = city->country ? ct_country_lookup (city->country) : NULL;

  return country ? ct_country_get_display_name (country) : ct_str (city->country);
}

/* "Kaohsiung · Taiwan", or the country alone */
static char *
dup_place_line (const CtCity *city)
{
  const char *country = get_country_name (city);

  if (city->admin1 == NULL || *city->admin1 == '\0')
    return g_strdup (country);
  /* Translators: where a place found by the search is: its province or state and its country,
   * "Kaohsiung · Taiwan", "Da Nang · Vietnam" */
  return g_strdup_printf (C_("place subtitle", "%s · %s"), city->admin1, country);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One match: the region's symbol as on the map, the name in bold (and the other name), where
 * it is, and "Already added" for a city of the database */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CtCity *city = CT_CITY (item);
  gboolean existing = city->id != NULL;
  g_autofree char *name = ct_city_dup_display_name (city);
  g_autofree char *place = dup_place_line (city);
  g_autofree char *where = NULL;
  g_autofree char *spoken = NULL;
  const char *other = ct_city_get_other_name (city);
  const CtCountry *country = city->country ? ct_country_lookup (city->country) : NULL;
  GtkWidget *row, *box, *texts, *title_box, *label;

  row = gtk_list_box_row_new ();
  gtk_widget_add_css_class (row, "ct-place-row");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_box_append (GTK_BOX (box), ct_city_row_new_symbol (country ? country->region : CT_REGION_OTHER));

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);

  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_append (GTK_BOX (texts), title_box);

  label = new_label (name, "ct-place-name");
  gtk_box_append (GTK_BOX (title_box), label);
  if (other)
    {
      label = new_label (other, "dim-label");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (title_box), label);
    }

  label = new_label (place, "ct-place-line");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (texts), label);

  if (existing)
    {
      /* Translators: a tag on a search result that is a city already in the database */
      label = gtk_label_new (_("Already added"));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "ct-tag");
      gtk_widget_add_css_class (label, "ct-place-tag");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* What a screen reader says for the row, in one go */
  if (city->admin1 && *city->admin1)
    /* Translators: where a place is, as a screen reader reads it: "Kaohsiung, Taiwan" */
    where = g_strdup_printf (C_("spoken place", "%s, %s"), city->admin1, get_country_name (city));
  else
    where = g_strdup (get_country_name (city));
  if (existing && other)
    /* Translators: a search result that is a city of the database, as a screen reader reads it:
     * its name, its other name, where it is: "Kaohsiung, 高雄市, Kaohsiung, Taiwan, already added" */
    spoken = g_strdup_printf (_("%s, %s, %s, already added"), name, other, where);
  else if (existing)
    /* Translators: as above, for a city without another name: "Hanoi, Vietnam, already added" */
    spoken = g_strdup_printf (_("%s, %s, already added"), name, where);
  else
    /* Translators: a place found by the search, as a screen reader reads it: its name and where it
     * is, "Da Nang, Da Nang, Vietnam" */
    spoken = g_strdup_printf (C_("spoken place row", "%s, %s"), name, where);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);

  return row;
}

static void
update_empty_state (CtPlaceSearch *self)
{
  g_autofree char *text = g_strstrip (g_strdup (ct_str (self->searched)));
  g_autofree char *title = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "matches");
      return;
    }

  if (*text == '\0')
    {
      /* Translators: what the list of matches says before anything is typed */
      adw_status_page_set_title (self->empty_page,
                                 self->cities_only ? _("Type a city name") : _("Type a place name"));
      adw_status_page_set_description (self->empty_page,
                                       self->cities_only ? _("Cities already added, by their English or local names")
                                                         : _("Towns and cities worldwide, or those already added by their local names"));
    }
  else
    {
      if (self->cities_only)
        /* Translators: no city of the database matches what the user typed (%s) */
        title = g_strdup_printf (_("No cities match “%s”"), text);
      else
        /* Translators: no place of the gazetteer matches what the user typed (%s) */
        title = g_strdup_printf (_("No places match “%s”"), text);
      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       self->cities_only ? _("Try the English name, or add the city first")
                                                         : _("Try the English name, or another spelling"));
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Searches for the entry's text; does nothing when the matches are for that text already,
 * unless force */
static void
search (CtPlaceSearch *self,
        gboolean       force)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree CtPlace *places = NULL;
  guint n_places = 0;
  GtkAdjustment *adjustment;

  if (!force && self->searched && g_strcmp0 (self->searched, text) == 0)
    return;

  g_free (self->searched);
  self->searched = g_strdup (text);

  if (self->gazetteer)
    places = ct_gazetteer_search (self->gazetteer, text, CT_PLACE_SEARCH_MAX_MATCHES, &n_places);

  for (guint i = 0; i < n_places; i++)
    if (!self->cities_only || places[i].city_id != NULL)
      g_ptr_array_add (found, city_from_place (&places[i]));

  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       found->pdata, found->len);

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  update_empty_state (self);
}

static void
choose (CtPlaceSearch *self,
        guint          position)
{
  g_autoptr(CtCity) match = g_list_model_get_item (G_LIST_MODEL (self->matches), position);
  g_autoptr(CtCity) city = NULL;

  if (match == NULL)
    return;

  /* a copy: the handler may save it, which fills in its id and dates */
  city = ct_city_copy (match);
  g_signal_emit (self, signals[CHOSEN], 0, city);
}

/* Entry and list */

static void
on_entry_search_changed_cb (CtPlaceSearch *self)
{
  search (self, FALSE);
}

static void
on_entry_activate_cb (CtPlaceSearch *self)
{
  /* Return before the search delay ran: the matches for what is typed now */
  search (self, FALSE);
  choose (self, 0);
}

static void
on_entry_stop_search_cb (CtPlaceSearch *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0')
    ct_place_search_set_text (self, "");
  else
    g_signal_emit (self, signals[STOP_SEARCH], 0);
}

static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         CtPlaceSearch         *self)
{
  GtkListBoxRow *first;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  search (self, FALSE);
  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static gboolean
on_list_keynav_failed_cb (CtPlaceSearch    *self,
                          GtkDirectionType  direction)
{
  /* Up from the first match goes back to the entry */
  if (direction != GTK_DIR_UP)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_list_row_activated_cb (CtPlaceSearch *self,
                          GtkListBoxRow *row)
{
  choose (self, gtk_list_box_row_get_index (row));
}

/* Public */

GtkWidget *
ct_place_search_new (void)
{
  return g_object_new (CT_TYPE_PLACE_SEARCH, NULL);
}

CtGazetteer *
ct_place_search_get_gazetteer (CtPlaceSearch *self)
{
  g_return_val_if_fail (CT_IS_PLACE_SEARCH (self), NULL);
  return self->gazetteer;
}

void
ct_place_search_set_gazetteer (CtPlaceSearch *self,
                               CtGazetteer   *gazetteer)
{
  g_return_if_fail (CT_IS_PLACE_SEARCH (self));
  g_return_if_fail (gazetteer == NULL || CT_IS_GAZETTEER (gazetteer));

  if (!g_set_object (&self->gazetteer, gazetteer))
    return;

  search (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GAZETTEER]);
}

gboolean
ct_place_search_get_cities_only (CtPlaceSearch *self)
{
  g_return_val_if_fail (CT_IS_PLACE_SEARCH (self), FALSE);
  return self->cities_only;
}

void
ct_place_search_set_cities_only (CtPlaceSearch *self,
                                 gboolean       cities_only)
{
  g_return_if_fail (CT_IS_PLACE_SEARCH (self));

  cities_only = !!cities_only;
  if (self->cities_only == cities_only)
    return;

  self->cities_only = cities_only;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_object_set (self->entry, "placeholder-text",
                /* Translators: in the entry to pick a city already in the database */
                cities_only ? _("Search cities already added")
                            /* Translators: in the entry to add a city: examples of places in two scripts */
                            : _("Search places, e.g. Da Nang or 高雄"),
                NULL);
  search (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITIES_ONLY]);
}

const char *
ct_place_search_get_text (CtPlaceSearch *self)
{
  g_return_val_if_fail (CT_IS_PLACE_SEARCH (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
ct_place_search_set_text (CtPlaceSearch *self,
                          const char    *text)
{
  g_return_if_fail (CT_IS_PLACE_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), ct_str (text));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  /* at once; the entry's search-changed comes later and finds the matches up to date */
  search (self, FALSE);
}

void
ct_place_search_refresh (CtPlaceSearch *self)
{
  g_return_if_fail (CT_IS_PLACE_SEARCH (self));
  search (self, TRUE);
}

GListModel *
ct_place_search_get_matches (CtPlaceSearch *self)
{
  g_return_val_if_fail (CT_IS_PLACE_SEARCH (self), NULL);
  return G_LIST_MODEL (self->matches);
}

gboolean
ct_place_search_grab_focus (CtPlaceSearch *self)
{
  g_return_val_if_fail (CT_IS_PLACE_SEARCH (self), FALSE);
  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* GObject */

static gboolean
ct_place_search_grab_focus_vfunc (GtkWidget *widget)
{
  return ct_place_search_grab_focus (CT_PLACE_SEARCH (widget));
}

static void
ct_place_search_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CtPlaceSearch *self = CT_PLACE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_GAZETTEER:
      g_value_set_object (value, self->gazetteer);
      break;
    case PROP_CITIES_ONLY:
      g_value_set_boolean (value, self->cities_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_place_search_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CtPlaceSearch *self = CT_PLACE_SEARCH (object);

  switch (prop_id)
    {
    case PROP_GAZETTEER:
      ct_place_search_set_gazetteer (self, g_value_get_object (value));
      break;
    case PROP_CITIES_ONLY:
      ct_place_search_set_cities_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ct_place_search_dispose (GObject *object)
{
  CtPlaceSearch *self = CT_PLACE_SEARCH (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CT_TYPE_PLACE_SEARCH);
  g_clear_object (&self->matches);
  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->searched, g_free);

  G_OBJECT_CLASS (ct_place_search_parent_class)->dispose (object);
}

static void
ct_place_search_class_init (CtPlaceSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ct_place_search_get_property;
  object_class->set_property = ct_place_search_set_property;
  object_class->dispose = ct_place_search_dispose;
  widget_class->grab_focus = ct_place_search_grab_focus_vfunc;

  properties[PROP_GAZETTEER] =
    g_param_spec_object ("gazetteer", NULL, NULL, CT_TYPE_GAZETTEER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Only the cities already in the database, to pick one */
  properties[PROP_CITIES_ONLY] =
    g_param_spec_boolean ("cities-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A match the user picked: a new CtCity, with its id for a city of the database */
  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CT_TYPE_CITY);
  /* Escape in the empty entry */
  signals[STOP_SEARCH] =
    g_signal_new ("stop-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_assert (ct_ui_get_resource () != NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/cityties/CityTies/ui/ct-place-search.ui");
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, box);
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, stack);
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CtPlaceSearch, list);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_keynav_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-place-search");
}

static void
ct_place_search_init (CtPlaceSearch *self)
{
  GtkEventController *keys;

  g_type_ensure (CT_TYPE_CITY);
  ct_city_row_ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_list_store_new (CT_TYPE_CITY);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->matches), create_row_cb, self, NULL);

  /* Down goes from the entry to the first match (before the entry's text moves the cursor) */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  /* Typing on a match goes on in the entry */
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));

  update_empty_state (self);
}
