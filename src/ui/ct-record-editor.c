/* ct-record-editor.c
 *
 * The fields of each record type are described by a table (FieldSpec): what the row is, which
 * member of the record's struct it edits and how the text is checked. The rows are built from
 * the table, so that the six record types share one way of checking and saving. The lists that
 * belong to a record (parties, themes, sources, activities, ties, memberships, members) depend on
 * what is in the store and are built again whenever the store changes, as the details panel does.
 *
 * A change goes into the working copy (self->record) only when its field is valid; it is saved
 * when the whole record is valid. The history saves it, so every saved change can be undone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ct-dataset.h"
#include "ct-error.h"
#include "ct-place-search.h"
#include "ct-record-editor.h"
#include "ct-record.h"
#include "ct-validate.h"

/* How long typing may pause before the change is saved */
#define SAVE_DELAY_MS 700

typedef enum {
  FIELD_TEXT,
  FIELD_NOTES,
  FIELD_DATE,
  FIELD_LATITUDE,
  FIELD_LONGITUDE,
  FIELD_URL,
  FIELD_COUNTRY,
  FIELD_KIND,
  FIELD_STATUS,
  FIELD_ACTIVITY_KIND,
  FIELD_NETWORK,
} FieldKind;

typedef struct {
  const char *key;      /* the member's name, as in the exchange format */
  const char *title;    /* N_() */
  FieldKind   kind;
  gsize       offset;
  gboolean    required;
  const char *hint;     /* N_(): shown under the field, or NULL */
} FieldSpec;

typedef struct {
  const char      *what;      /* for the heading */
  const FieldSpec *fields;
  guint            n_fields;
} RecordSpec;

/* A record's id is the first member after the instance, in every record type */
typedef struct {
  GObject  parent_instance;
  char    *id;
} AnyRecord;

#define FIELD(type, member) G_STRUCT_OFFSET (type, member)

static const FieldSpec city_fields[] = {
  { "name", N_("Name"), FIELD_TEXT, FIELD (CtCity, name), TRUE, NULL },
  { "local_name", N_("Local Name"), FIELD_TEXT, FIELD (CtCity, local_name), FALSE,
    N_("In the local script, as in 高雄市") },
  { "country", N_("Country"), FIELD_COUNTRY, FIELD (CtCity, country), TRUE, NULL },
  { "admin1", N_("Province or State"), FIELD_TEXT, FIELD (CtCity, admin1), FALSE, NULL },
  { "lat", N_("Latitude"), FIELD_LATITUDE, FIELD (CtCity, lat), TRUE,
    N_("Degrees north; south is negative") },
  { "lon", N_("Longitude"), FIELD_LONGITUDE, FIELD (CtCity, lon), TRUE,
    N_("Degrees east; west is negative") },
  { "notes", N_("Notes"), FIELD_NOTES, FIELD (CtCity, notes), FALSE, NULL },
};

static const FieldSpec partnership_fields[] = {
  { "kind", N_("Kind"), FIELD_KIND, FIELD (CtPartnership, kind), TRUE, NULL },
  { "status", N_("Status"), FIELD_STATUS, FIELD (CtPartnership, status), TRUE, NULL },
  { "title", N_("Title"), FIELD_TEXT, FIELD (CtPartnership, title), FALSE,
    N_("The agreement’s title, as signed") },
  { "signed_on", N_("Date Signed"), FIELD_DATE, FIELD (CtPartnership, signed_on), FALSE, NULL },
  { "ended", N_("Date Ended"), FIELD_DATE, FIELD (CtPartnership, ended), FALSE, NULL },
  { "notes", N_("Notes"), FIELD_NOTES, FIELD (CtPartnership, notes), FALSE, NULL },
};

static const FieldSpec network_fields[] = {
  { "name", N_("Name"), FIELD_TEXT, FIELD (CtNetwork, name), TRUE, NULL },
  { "short_name", N_("Short Name"), FIELD_TEXT, FIELD (CtNetwork, short_name), FALSE, NULL },
  { "url", N_("Website"), FIELD_URL, FIELD (CtNetwork, url), FALSE, NULL },
  { "notes", N_("Notes"), FIELD_NOTES, FIELD (CtNetwork, notes), FALSE, NULL },
};

static const FieldSpec membership_fields[] = {
  { "network", N_("Network"), FIELD_NETWORK, FIELD (CtMembership, network), TRUE, NULL },
  { "joined", N_("Date Joined"), FIELD_DATE, FIELD (CtMembership, joined), FALSE, NULL },
  { "left", N_("Date Left"), FIELD_DATE, FIELD (CtMembership, left), FALSE, NULL },
  { "role", N_("Role"), FIELD_TEXT, FIELD (CtMembership, role), FALSE,
    N_("Member, pilot city, observer…") },
  { "notes", N_("Notes"), FIELD_NOTES, FIELD (CtMembership, notes), FALSE, NULL },
};

static const FieldSpec source_fields[] = {
  { "title", N_("Title"), FIELD_TEXT, FIELD (CtSource, title), TRUE, NULL },
  { "publisher", N_("Publisher"), FIELD_TEXT, FIELD (CtSource, publisher), FALSE, NULL },
  { "url", N_("Address"), FIELD_URL, FIELD (CtSource, url), FALSE, NULL },
  { "date", N_("Published"), FIELD_DATE, FIELD (CtSource, date), FALSE, NULL },
};

static const FieldSpec activity_fields[] = {
  { "date", N_("Date"), FIELD_DATE, FIELD (CtActivity, date), FALSE, NULL },
  { "kind", N_("Kind"), FIELD_ACTIVITY_KIND, FIELD (CtActivity, kind), TRUE, NULL },
  { "title", N_("Title"), FIELD_TEXT, FIELD (CtActivity, title), FALSE, NULL },
  { "notes", N_("Notes"), FIELD_NOTES, FIELD (CtActivity, notes), FALSE, NULL },
};

struct _CtRecordEditor
{
  GtkWidget          parent_instance;

  GtkWidget         *scroll;
  GtkBox            *box;          /* status, groups */
  GtkLabel          *status;       /* "Not saved yet: …" */
  GtkLabel          *error_label;  /* under the fields: why a value was refused */
  GtkBox            *sections;     /* the lists, built again on each change */

  CtHistory         *history;
  CtStore           *store;
  CtGazetteer       *gazetteer;
  GObject           *record;
  GType              type;
  const FieldSpec   *fields;
  guint              n_fields;
  GtkWidget        **rows;         /* one per field */
  char             **field_errors; /* one per field: why its text was refused, or NULL */
  GStrv              countries;    /* codes, in the order of the country list */
  GPtrArray         *networks;     /* CtNetwork *, in the order of the network list */

  guint              save_source;
  gboolean           dirty;        /* a change not saved yet */
  gboolean           loading;      /* setting the rows from the record: not a user change */
  gboolean           themes_expanded;
  gboolean           saving;         /* inside our own save: the store's "changed" is ours */
  gboolean           sections_stale; /* our save changed what the lists show */
  char              *error;        /* shown in error_label */
};

G_DEFINE_FINAL_TYPE (CtRecordEditor, ct_record_editor, GTK_TYPE_WIDGET)

enum {
  OPEN_RECORD,
  GONE,
  TITLE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean save_now (CtRecordEditor *self);
static void rebuild_sections (CtRecordEditor *self);

/* Records of any type */

/* The stored record of this type and id, or NULL (a database error is logged) */
static GObject *
get_stored (CtStore    *store,
            GType       type,
            const char *id)
{
  g_autoptr(GError) error = NULL;
  gpointer record = id ? ct_store_get_record (store, type, id, &error) : NULL;

  if (error && !g_error_matches (error, CT_ERROR, CT_ERROR_NOT_FOUND))
    g_warning ("Could not read a %s: %s", g_type_name (type), error->message);
  return record;
}

static char *
city_name (CtStore    *store,
           const char *id)
{
  g_autoptr(CtCity) city = id ? ct_store_get_city (store, id, NULL) : NULL;

  return city ? ct_city_dup_display_name (city) : g_strdup (_("Unknown city"));
}

static char *
network_name (CtStore    *store,
              const char *id)
{
  g_autoptr(CtNetwork) network = id ? ct_store_get_network (store, id, NULL) : NULL;

  if (network == NULL)
    return g_strdup (_("No network chosen"));
  return g_strdup (network->short_name && *network->short_name ? network->short_name : network->name);
}


/* Field values */

static char **
text_member (CtRecordEditor  *self,
             const FieldSpec *spec)
{
  return G_STRUCT_MEMBER_P (self->record, spec->offset);
}

static double *
double_member (CtRecordEditor  *self,
               const FieldSpec *spec)
{
  return G_STRUCT_MEMBER_P (self->record, spec->offset);
}

static int *
enum_member (CtRecordEditor  *self,
             const FieldSpec *spec)
{
  return G_STRUCT_MEMBER_P (self->record, spec->offset);
}

static char *
format_coordinate (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  /* six decimals are about 10 cm, finer than any source: the stored value, without trailing zeros */
  g_ascii_formatd (buffer, sizeof buffer, "%.6f", value);
  len = strlen (buffer);
  while (len > 0 && buffer[len - 1] == '0')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '.')
    buffer[--len] = '\0';
  return g_strdup (buffer);
}

/* Checks text typed into a field and puts it into the working copy. Returns the reason it was
 * refused, or NULL. */
static char *
apply_text (CtRecordEditor  *self,
            const FieldSpec *spec,
            const char      *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char **member;

  if (spec->required && *stripped == '\0')
    /* Translators: %s is a field, "Name" */
    return g_strdup_printf (_("%s is required"), _(spec->title));

  if (strlen (stripped) > CT_MAX_STRING_BYTES)
    return g_strdup_printf (_("%s is too long"), _(spec->title));

  switch (spec->kind)
    {
    case FIELD_LATITUDE:
    case FIELD_LONGITUDE:
      {
        double value, limit = spec->kind == FIELD_LATITUDE ? 90 : 180;
        char *end = NULL;

        /* a decimal comma is what many keyboards type */
        g_strdelimit (stripped, ",", '.');
        value = g_ascii_strtod (stripped, &end);
        if (end == stripped || *end != '\0' || !(value >= -limit && value <= limit))
          return spec->kind == FIELD_LATITUDE
                 ? g_strdup (_("Latitude must be a number from −90 to 90"))
                 : g_strdup (_("Longitude must be a number from −180 to 180"));
        *double_member (self, spec) = value;
        return NULL;
      }

    case FIELD_DATE:
      if (*stripped && !ct_date_is_valid (stripped))
        /* Translators: %s is a field, "Signed" */
        return g_strdup_printf (_("%s must be a date written 2017, 2017-05 or 2017-05-12"), _(spec->title));
      break;

    case FIELD_URL:
      if (*stripped && !g_str_has_prefix (stripped, "https://") && !g_str_has_prefix (stripped, "http://"))
        /* Translators: %s is a field, "Website" */
        return g_strdup_printf (_("%s must start with https:// or http://"), _(spec->title));
      if (*stripped && !g_uri_is_valid (stripped, G_URI_FLAGS_PARSE_RELAXED, NULL))
        return g_strdup_printf (_("%s is not a valid web address"), _(spec->title));
      break;

    case FIELD_TEXT:
    case FIELD_NOTES:
    case FIELD_COUNTRY:
    case FIELD_KIND:
    case FIELD_STATUS:
    case FIELD_ACTIVITY_KIND:
    case FIELD_NETWORK:
    default:
      break;
    }

  member = text_member (self, spec);
  g_free (*member);
  *member = *stripped ? g_steal_pointer (&stripped) : NULL;
  return NULL;
}

/* Rules across fields: an end is not before its start */
static char *
check_period (const char *from,
              const char *to,
              const char *from_title,
              const char *to_title)
{
  gsize n;

  if (from == NULL || to == NULL)
    return NULL;

  n = MIN (strlen (from), strlen (to));
  if (strncmp (to, from, n) < 0)
    /* Translators: "Ended must not be before Signed" */
    return g_strdup_printf (_("%s must not be before %s"), _(to_title), _(from_title));

  return NULL;
}

static char *
check_record (CtRecordEditor *self)
{
  g_autoptr(GError) error = NULL;

  /* what is missing first, in the words of the form */
  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *spec = &self->fields[i];

      if (!spec->required || (spec->kind != FIELD_TEXT && spec->kind != FIELD_COUNTRY && spec->kind != FIELD_NETWORK))
        continue;
      if (*text_member (self, spec) == NULL || **text_member (self, spec) == '\0')
        return spec->kind == FIELD_TEXT ? g_strdup_printf (_("%s is required"), _(spec->title))
             : spec->kind == FIELD_COUNTRY ? g_strdup (_("Choose the country"))
             : g_strdup (_("Choose the network"));
    }

  if (CT_IS_PARTNERSHIP (self->record))
    {
      CtPartnership *p = CT_PARTNERSHIP (self->record);
      char *message = check_period (p->signed_on, p->ended, N_("Date Signed"), N_("Date Ended"));

      if (message)
        return message;
    }
  else if (CT_IS_MEMBERSHIP (self->record))
    {
      CtMembership *m = CT_MEMBERSHIP (self->record);
      char *message = check_period (m->joined, m->left, N_("Date Joined"), N_("Date Left"));

      if (message)
        return message;
    }

  if (!ct_validate_record (self->record, &error))
    return g_strdup (error->message);

  return NULL;
}

/* Rows */

static void
set_error (CtRecordEditor *self,
           const char     *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_field_error (CtRecordEditor *self,
                  guint           index,
                  char           *message) /* (transfer full) */
{
  GtkWidget *row = self->rows[index];

  g_free (self->field_errors[index]);
  self->field_errors[index] = message;

  if (message)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  if (message)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static const char *
first_field_error (CtRecordEditor *self)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (self->field_errors[i])
      return self->field_errors[i];
  return NULL;
}

static void
update_status (CtRecordEditor *self)
{
  const char *field_error = first_field_error (self);
  g_autofree char *record_error = field_error ? NULL : check_record (self);
  const char *message = field_error ? field_error : record_error;

  if (ct_record_get_id (self->record) == NULL)
    {
      /* Translators: shown on a new record that cannot be saved yet, with the reason */
      g_autofree char *text = message ? g_strdup_printf (_("Not saved yet: %s"), message) : NULL;

      gtk_label_set_text (self->status, text ? text : _("Saving…"));
      gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL);
      set_error (self, NULL);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
      set_error (self, message);
    }
}

static void
on_save_timeout_cb (gpointer user_data)
{
  CtRecordEditor *self = user_data;

  self->save_source = 0;
  save_now (self);
}

static void
schedule_save (CtRecordEditor *self)
{
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add_once (SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static char *
heading_label (CtRecordEditor *self,
               gboolean        is_new)
{
  g_autofree char *title = ct_record_dup_title (self->store, self->record);

  /* Translators: what Undo undoes, "Edit Kaohsiung" / "Add Kaohsiung" */
  return g_strdup_printf (is_new ? _("Add %s") : _("Edit %s"), title);
}

/* Saves the working copy if it is valid. TRUE when it was saved, or nothing needed saving. */
static gboolean
save_now (CtRecordEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *label = NULL;
  gboolean is_new = ct_record_get_id (self->record) == NULL;
  gboolean ok;

  g_clear_handle_id (&self->save_source, g_source_remove);

  update_status (self);
  if (!self->dirty)
    return TRUE;

  if (first_field_error (self) || (problem = check_record (self)))
    return FALSE;

  label = heading_label (self, is_new);
  self->saving = TRUE;
  ok = ct_history_save (self->history, self->record, label, &error);
  self->saving = FALSE;
  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      set_error (self, message);
      return FALSE;
    }

  self->dirty = FALSE;
  update_status (self);
  if (self->sections_stale || is_new)
    rebuild_sections (self);
  self->sections_stale = FALSE;
  g_signal_emit (self, signals[TITLE_CHANGED], 0);
  return TRUE;
}

gboolean
ct_record_editor_flush (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), FALSE);

  return save_now (self);
}

static guint
field_index (CtRecordEditor *self,
             GtkWidget      *row)
{
  for (guint i = 0; i < self->n_fields; i++)
    if (self->rows[i] == row)
      return i;
  g_return_val_if_reached (0);
}

static void
update_date_suffix (GtkWidget  *row,
                    const char *text)
{
  GtkLabel *suffix = g_object_get_data (G_OBJECT (row), "ct-date-suffix");
  g_autofree char *described = ct_date_format (text);

  if (suffix)
    gtk_label_set_text (suffix, described ? described : "");
}

static void
on_entry_changed_cb (GtkEditable    *editable,
                     CtRecordEditor *self)
{
  guint index = field_index (self, GTK_WIDGET (editable));
  const FieldSpec *spec = &self->fields[index];
  const char *text = gtk_editable_get_text (editable);

  if (self->loading)
    return;

  if (spec->kind == FIELD_DATE)
    update_date_suffix (GTK_WIDGET (editable), text);

  show_field_error (self, index, apply_text (self, spec, text));
  schedule_save (self);
  update_status (self);
  g_signal_emit (self, signals[TITLE_CHANGED], 0);
}

static void
on_entry_activated_cb (CtRecordEditor *self)
{
  if (self->dirty)
    save_now (self);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   CtRecordEditor          *self)
{
  if (self->dirty)
    save_now (self);
}

static void
on_notes_changed_cb (GtkTextBuffer  *buffer,
                     CtRecordEditor *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (buffer), "ct-row");
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  guint index;

  if (self->loading)
    return;

  index = field_index (self, row);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  show_field_error (self, index, apply_text (self, &self->fields[index], text));
  schedule_save (self);
  update_status (self);
}

static void
on_choice_changed_cb (GObject        *object,
                      GParamSpec     *pspec,
                      CtRecordEditor *self)
{
  GtkWidget *row = g_object_get_data (object, "ct-row");
  guint index, selected;
  const FieldSpec *spec;

  if (self->loading)
    return;

  index = field_index (self, row ? row : GTK_WIDGET (object));
  spec = &self->fields[index];
  selected = GTK_IS_DROP_DOWN (object) ? gtk_drop_down_get_selected (GTK_DROP_DOWN (object))
                                       : adw_combo_row_get_selected (ADW_COMBO_ROW (object));
  if (selected == GTK_INVALID_LIST_POSITION)
    return;

  switch (spec->kind)
    {
    case FIELD_COUNTRY:
      g_free (*text_member (self, spec));
      *text_member (self, spec) = g_strdup (self->countries[selected]);
      break;
    case FIELD_NETWORK:
      g_free (*text_member (self, spec));
      *text_member (self, spec) = g_strdup (((CtNetwork *) g_ptr_array_index (self->networks, selected))->id);
      break;
    case FIELD_KIND:
    case FIELD_STATUS:
    case FIELD_ACTIVITY_KIND:
      *enum_member (self, spec) = (int) selected;
      break;
    case FIELD_TEXT:
    case FIELD_NOTES:
    case FIELD_DATE:
    case FIELD_LATITUDE:
    case FIELD_LONGITUDE:
    case FIELD_URL:
    default:
      g_assert_not_reached ();
    }

  show_field_error (self, index, NULL);
  self->dirty = TRUE;
  save_now (self);
}

static GtkStringList *
enum_labels (FieldKind kind)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (kind == FIELD_KIND)
    for (guint i = 0; i < CT_N_KINDS; i++)
      gtk_string_list_append (list, ct_kind_get_label (i));
  else if (kind == FIELD_STATUS)
    for (guint i = 0; i < CT_N_STATUSES; i++)
      gtk_string_list_append (list, ct_status_get_label (i));
  else
    for (guint i = 0; i < CT_N_ACTIVITY_KINDS; i++)
      gtk_string_list_append (list, ct_activity_kind_get_label (i));

  return list;
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  const CtCountry *ca = *(const CtCountry **) a;
  const CtCountry *cb = *(const CtCountry **) b;

  return g_utf8_collate (ct_country_get_display_name (ca), ct_country_get_display_name (cb));
}

static GtkWidget *
country_drop_down_new (CtRecordEditor *self)
{
  guint n;
  const CtCountry *all = ct_country_get_all (&n);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;
  GtkWidget *drop_down;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, (gpointer) &all[i]);
  g_ptr_array_sort (sorted, compare_countries);

  self->countries = g_new0 (char *, sorted->len + 1);
  for (guint i = 0; i < sorted->len; i++)
    {
      const CtCountry *country = g_ptr_array_index (sorted, i);

      self->countries[i] = g_strdup (country->code);
      gtk_string_list_append (names, ct_country_get_display_name (country));
    }

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_expression (GTK_DROP_DOWN (drop_down), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  return drop_down;
}

static void
load_networks (CtRecordEditor *self,
               AdwComboRow    *row)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->networks, g_ptr_array_unref);
  self->networks = ct_store_list_networks (self->store, NULL);
  if (self->networks == NULL)
    self->networks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->networks->len; i++)
    {
      CtNetwork *network = g_ptr_array_index (self->networks, i);

      gtk_string_list_append (names, network->name);
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

static GtkWidget *
field_row_new (CtRecordEditor  *self,
               const FieldSpec *spec)
{
  GtkWidget *row = NULL;

  switch (spec->kind)
    {
    case FIELD_TEXT:
    case FIELD_DATE:
    case FIELD_LATITUDE:
    case FIELD_LONGITUDE:
    case FIELD_URL:
      {
        GtkEventController *focus = gtk_event_controller_focus_new ();

        row = adw_entry_row_new ();
        if (spec->kind == FIELD_DATE)
          {
            GtkWidget *suffix = gtk_label_new (NULL);

            gtk_widget_add_css_class (suffix, "dim-label");
            adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), suffix);
            g_object_set_data (G_OBJECT (row), "ct-date-suffix", suffix);
            gtk_widget_set_tooltip_text (row, _("A year (2017), a month (2017-05) or a day (2017-05-12)"));
          }
        if (spec->kind == FIELD_LATITUDE || spec->kind == FIELD_LONGITUDE)
          adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_NO_SPELLCHECK);
        if (spec->kind == FIELD_URL)
          adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_URL);
        g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), self);
        g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
        g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
        gtk_widget_add_controller (row, focus);
        break;
      }

    case FIELD_COUNTRY:
      {
        GtkWidget *drop_down = country_drop_down_new (self);

        row = adw_action_row_new ();
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), drop_down);
        g_object_set_data (G_OBJECT (row), "ct-drop-down", drop_down);
        g_object_set_data (G_OBJECT (drop_down), "ct-row", row);
        g_signal_connect (drop_down, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
        gtk_accessible_update_relation (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
        break;
      }

    case FIELD_KIND:
    case FIELD_STATUS:
    case FIELD_ACTIVITY_KIND:
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (enum_labels (spec->kind)));
      g_object_unref (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
      break;

    case FIELD_NETWORK:
      /* its list of networks is filled by load_fields(), each time the store changes */
      row = adw_combo_row_new ();
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_changed_cb), self);
      break;

    case FIELD_NOTES:
    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(spec->title));
  gtk_widget_set_name (row, spec->key);
  return row;
}

static GtkWidget *
notes_view_new (CtRecordEditor *self,
                GtkWidget     **view_out)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "ct-notes");
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (view, focus);
  *view_out = view;
  return frame;
}

static void
load_fields (CtRecordEditor *self)
{
  self->loading = TRUE;

  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *spec = &self->fields[i];
      GtkWidget *row = self->rows[i];

      switch (spec->kind)
        {
        case FIELD_TEXT:
        case FIELD_DATE:
        case FIELD_URL:
          gtk_editable_set_text (GTK_EDITABLE (row), ct_str (*text_member (self, spec)));
          if (spec->kind == FIELD_DATE)
            update_date_suffix (row, *text_member (self, spec));
          break;

        case FIELD_LATITUDE:
        case FIELD_LONGITUDE:
          {
            g_autofree char *text = format_coordinate (*double_member (self, spec));

            gtk_editable_set_text (GTK_EDITABLE (row), text);
            break;
          }

        case FIELD_NOTES:
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (g_object_get_data (G_OBJECT (row), "ct-view"))),
                                    ct_str (*text_member (self, spec)), -1);
          break;

        case FIELD_COUNTRY:
          {
            const char *code = *text_member (self, spec);
            guint position = GTK_INVALID_LIST_POSITION;

            for (guint j = 0; code && self->countries[j]; j++)
              if (strcmp (self->countries[j], code) == 0)
                position = j;
            gtk_drop_down_set_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (row), "ct-drop-down")), position);
            break;
          }

        case FIELD_NETWORK:
          {
            const char *id = *text_member (self, spec);
            guint position = GTK_INVALID_LIST_POSITION;

            load_networks (self, ADW_COMBO_ROW (row));
            for (guint j = 0; id && j < self->networks->len; j++)
              if (g_strcmp0 (((CtNetwork *) g_ptr_array_index (self->networks, j))->id, id) == 0)
                position = j;
            adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
            break;
          }

        case FIELD_KIND:
        case FIELD_STATUS:
        case FIELD_ACTIVITY_KIND:
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) *enum_member (self, spec));
          break;

        default:
          g_assert_not_reached ();
        }

      show_field_error (self, i, NULL);
    }

  self->loading = FALSE;
}

static void
build_fields (CtRecordEditor *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  self->rows = g_new0 (GtkWidget *, self->n_fields);
  self->field_errors = g_new0 (char *, self->n_fields);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const FieldSpec *spec = &self->fields[i];

      if (spec->kind == FIELD_NOTES)
        {
          GtkWidget *notes_group = adw_preferences_group_new ();
          GtkWidget *view = NULL;
          GtkWidget *frame = notes_view_new (self, &view);
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (notes_group), _(spec->title));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (notes_group), frame);
          gtk_widget_set_name (frame, spec->key);
          g_object_set_data (G_OBJECT (frame), "ct-view", view);
          g_object_set_data (G_OBJECT (buffer), "ct-row", frame);
          gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(spec->title), -1);
          g_signal_connect (buffer, "changed", G_CALLBACK (on_notes_changed_cb), self);
          self->rows[i] = frame;
          /* the notes go below the lists */
          g_object_set_data (G_OBJECT (self), "ct-notes-group", notes_group);
          continue;
        }

      self->rows[i] = field_row_new (self, spec);
      if (spec->hint)
        gtk_widget_set_tooltip_text (self->rows[i], _(spec->hint));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->rows[i]);
    }

  gtk_box_append (self->box, group);
  gtk_box_append (self->box, GTK_WIDGET (self->error_label));
  gtk_box_append (self->box, GTK_WIDGET (self->sections));
  if (g_object_get_data (G_OBJECT (self), "ct-notes-group"))
    gtk_box_append (self->box, g_object_get_data (G_OBJECT (self), "ct-notes-group"));
}

/* Lists */

static void
open_record (CtRecordEditor *self,
             GType           type,
             const char     *id,
             GObject        *new_record)
{
  if (!save_now (self) && ct_record_get_id (self->record) == NULL)
    return;
  g_signal_emit (self, signals[OPEN_RECORD], 0, type, id, new_record);
}

static void
on_open_row_activated_cb (AdwActionRow   *row,
                          CtRecordEditor *self)
{
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "ct-type"));
  const char *id = g_object_get_data (G_OBJECT (row), "ct-id");

  open_record (self, type, id, NULL);
}

static GtkWidget *
section_new (CtRecordEditor *self,
             const char     *name,
             const char     *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_set_name (group, name);
  gtk_box_append (self->sections, group);
  return group;
}

static GtkWidget *
link_row_new (CtRecordEditor *self,
              GtkWidget      *group,
              GType           type,
              const char     *id,
              const char     *title,
              const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (subtitle)
    {
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "ct-type", GSIZE_TO_POINTER (type));
  g_object_set_data_full (G_OBJECT (row), "ct-id", g_strdup (id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_open_row_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

static void
add_placeholder (GtkWidget  *group,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static GtkWidget *
header_button_new (const char *icon_name,
                   const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon_name);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* A "Add …" button that opens a place search; chosen is called with the city */
typedef void (*ChosenFunc) (CtRecordEditor *self, CtCity *city);

static void
on_place_chosen_cb (CtPlaceSearch  *search,
                    CtCity         *city,
                    CtRecordEditor *self)
{
  ChosenFunc func = g_object_get_data (G_OBJECT (search), "ct-func");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  func (self, city);
}

static GtkWidget *
place_button_new (CtRecordEditor *self,
                  const char     *label,
                  gboolean        cities_only,
                  ChosenFunc      func)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *search = ct_place_search_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");

  ct_place_search_set_gazetteer (CT_PLACE_SEARCH (search), self->gazetteer);
  g_object_set (search, "cities-only", cities_only, NULL);
  gtk_widget_set_size_request (search, 340, 380);
  g_object_set_data (G_OBJECT (search), "ct-func", func);
  g_signal_connect (search, "chosen", G_CALLBACK (on_place_chosen_cb), self);
  /* the entry takes Escape: an empty one closes the popover */
  g_signal_connect_swapped (search, "stop-search", G_CALLBACK (gtk_popover_popdown), popover);
  gtk_popover_set_child (GTK_POPOVER (popover), search);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

/* The city chosen in a place search, saved first when it is a new place. NULL on error (shown). */
static char *
ensure_city (CtRecordEditor *self,
             CtCity         *city)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (city->id)
    return g_strdup (city->id);

  /* Translators: what Undo undoes, "Add Da Nang" */
  label = g_strdup_printf (_("Add %s"), city->name);
  if (!ct_history_save (self->history, city, label, &error))
    {
      set_error (self, error->message);
      return NULL;
    }
  return g_strdup (city->id);
}

/* Partnership: parties */

static void
on_party_name_changed_cb (GtkEditable    *editable,
                          CtRecordEditor *self)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable), "ct-index"));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  CtParty *party;

  if (self->loading || index >= p->parties->len)
    return;

  party = g_ptr_array_index (p->parties, index);
  g_free (party->signed_name);
  party->signed_name = *text ? g_steal_pointer (&text) : NULL;
  schedule_save (self);
}

static void
on_remove_party_clicked_cb (GtkButton      *button,
                            CtRecordEditor *self)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ct-index"));

  if (index >= p->parties->len || p->parties->len <= 2)
    return;

  save_now (self);
  g_ptr_array_remove_index (p->parties, index);
  self->dirty = TRUE;
  self->sections_stale = TRUE;
  save_now (self);
}

static void
add_party_chosen (CtRecordEditor *self,
                  CtCity         *city)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  g_autofree char *id = ensure_city (self, city);

  if (id == NULL)
    return;

  for (guint i = 0; i < p->parties->len; i++)
    if (g_strcmp0 (((CtParty *) g_ptr_array_index (p->parties, i))->city, id) == 0)
      {
        set_error (self, _("That city is already a party to this tie"));
        return;
      }

  save_now (self);
  g_ptr_array_add (p->parties, ct_party_new (id, NULL));
  self->dirty = TRUE;
  self->sections_stale = TRUE;
  save_now (self);
}

static void
add_parties (CtRecordEditor *self)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  GtkWidget *group = section_new (self, "parties", _("Parties"));

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each city, and the name it used in the signed text"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                           place_button_new (self, _("Add _Party"), FALSE, add_party_chosen));

  for (guint i = 0; i < p->parties->len; i++)
    {
      const CtParty *party = g_ptr_array_index (p->parties, i);
      g_autofree char *name = city_name (self->store, party->city);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
      g_autofree char *open_label = g_strdup_printf (_("Edit %s"), name);
      /* Translators: the title of a party's row: the city, then what its name is in the signed text */
      g_autofree char *title = g_strdup_printf (_("%s — name as signed"), name);
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (row), ct_str (party->signed_name));
      self->loading = FALSE;
      g_object_set_data (G_OBJECT (row), "ct-index", GUINT_TO_POINTER (i));
      g_signal_connect (row, "changed", G_CALLBACK (on_party_name_changed_cb), self);
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
      gtk_widget_add_controller (row, focus);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_widget_set_sensitive (remove, p->parties->len > 2);
      g_object_set_data (G_OBJECT (remove), "ct-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_party_clicked_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, open_label);
      g_object_set_data (G_OBJECT (open), "ct-type", GSIZE_TO_POINTER (CT_TYPE_CITY));
      g_object_set_data_full (G_OBJECT (open), "ct-id", g_strdup (party->city), g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_row_activated_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), open);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

/* Partnership: themes */

static void
on_theme_toggled_cb (GtkCheckButton *check,
                     CtRecordEditor *self)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  const char *key = g_object_get_data (G_OBJECT (check), "ct-key");
  gboolean active = gtk_check_button_get_active (check);
  guint index;
  gboolean has = g_ptr_array_find_with_equal_func (p->themes, key, g_str_equal, &index);

  if (self->loading || active == has)
    return;

  save_now (self);
  if (active)
    g_ptr_array_add (p->themes, g_strdup (key));
  else
    g_ptr_array_remove_index (p->themes, index);
  self->dirty = TRUE;
  self->sections_stale = TRUE;
  save_now (self);
}

static void
on_themes_expanded_cb (AdwExpanderRow *expander,
                       GParamSpec     *pspec,
                       CtRecordEditor *self)
{
  self->themes_expanded = adw_expander_row_get_expanded (expander);
}

static void
add_themes (CtRecordEditor *self)
{
  CtPartnership *p = CT_PARTNERSHIP (self->record);
  g_autoptr(GPtrArray) themes = ct_store_list_themes (self->store, NULL);
  GtkWidget *group = section_new (self, "themes", _("Themes"));
  GtkWidget *expander = adw_expander_row_new ();
  g_autoptr(GString) chosen = g_string_new (NULL);

  if (themes == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Themes"));
  for (guint i = 0; i < themes->len; i++)
    {
      CtTheme *theme = g_ptr_array_index (themes, i);
      const char *label = ct_theme_get_display_label (theme->key, theme->label);
      gboolean active = g_ptr_array_find_with_equal_func (p->themes, theme->key, g_str_equal, NULL);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *escaped = g_markup_escape_text (label, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
      g_object_set_data_full (G_OBJECT (check), "ct-key", g_strdup (theme->key), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_theme_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

      if (active)
        {
          if (chosen->len)
            /* Translators: between theme names in a list */
            g_string_append (chosen, C_("list", ", "));
          g_string_append (chosen, label);
        }
    }

  {
    g_autofree char *escaped = g_markup_escape_text (chosen->len ? chosen->str : _("None"), -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), escaped);
  }
  /* the list is built again after each change: it stays open while themes are ticked */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->themes_expanded);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_themes_expanded_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
}

/* Sources, of a partnership or a membership */

static GPtrArray *
record_sources (GObject *record)
{
  if (CT_IS_PARTNERSHIP (record))
    return CT_PARTNERSHIP (record)->sources;
  if (CT_IS_MEMBERSHIP (record))
    return CT_MEMBERSHIP (record)->sources;
  g_return_val_if_reached (NULL);
}

static void
on_remove_source_clicked_cb (GtkButton      *button,
                             CtRecordEditor *self)
{
  GPtrArray *sources = record_sources (self->record);
  const char *id = g_object_get_data (G_OBJECT (button), "ct-id");
  guint index;

  save_now (self);
  if (!g_ptr_array_find_with_equal_func (sources, id, g_str_equal, &index))
    return;
  g_ptr_array_remove_index (sources, index);
  self->dirty = TRUE;
  self->sections_stale = TRUE;
  save_now (self);
}

static void
on_cite_source_activated_cb (GtkListBox     *list,
                             GtkListBoxRow  *row,
                             CtRecordEditor *self)
{
  GPtrArray *sources = record_sources (self->record);
  const char *id = g_object_get_data (G_OBJECT (row), "ct-id");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));

  if (id == NULL)
    {
      /* a new source: its editor; it can be cited once it has a title */
      g_autoptr(CtSource) source = ct_source_new ();

      open_record (self, CT_TYPE_SOURCE, NULL, G_OBJECT (source));
      return;
    }

  save_now (self);
  if (g_ptr_array_find_with_equal_func (sources, id, g_str_equal, NULL))
    return;
  g_ptr_array_add (sources, g_strdup (id));
  self->dirty = TRUE;
  self->sections_stale = TRUE;
  save_now (self);
}

static GtkWidget *
cite_button_new (CtRecordEditor *self,
                 GPtrArray      *all)
{
  GPtrArray *cited = record_sources (self->record);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *content = adw_button_content_new ();
  GtkWidget *row, *label;

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Cite _Source"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "navigation-sidebar");
  for (guint i = 0; all && i < all->len; i++)
    {
      CtSource *source = g_ptr_array_index (all, i);

      if (g_ptr_array_find_with_equal_func (cited, source->id, g_str_equal, NULL))
        continue;
      label = gtk_label_new (source->title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "ct-id", g_strdup (source->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  label = gtk_label_new (_("New Source…"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  g_signal_connect (list, "row-activated", G_CALLBACK (on_cite_source_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scroll);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static void
add_sources (CtRecordEditor *self)
{
  GPtrArray *cited = record_sources (self->record);
  g_autoptr(GPtrArray) all = ct_store_list_sources (self->store, NULL);
  GtkWidget *group = section_new (self, "sources", _("Sources"));

  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), cite_button_new (self, all));

  for (guint i = 0; i < cited->len; i++)
    {
      const char *id = g_ptr_array_index (cited, i);
      g_autoptr(CtSource) source = ct_store_get_source (self->store, id, NULL);
      GtkWidget *row, *remove;
      g_autofree char *remove_label = NULL;

      if (source == NULL)
        continue;

      row = link_row_new (self, group, CT_TYPE_SOURCE, id, source->title, source->publisher);
      remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      remove_label = g_strdup_printf (_("Stop citing %s"), source->title);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      g_object_set_data_full (G_OBJECT (remove), "ct-id", g_strdup (id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_source_clicked_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), remove);
    }

  if (cited->len == 0)
    add_placeholder (group, _("No sources cited"));
}

/* Partnership: activities */

static void
on_new_activity_clicked_cb (CtRecordEditor *self)
{
  g_autoptr(CtActivity) activity = ct_activity_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  activity->partnership = g_strdup (ct_record_get_id (self->record));
  activity->kind = CT_ACTIVITY_VISIT;
  activity->date = g_date_time_format (now, "%Y-%m-%d");
  open_record (self, CT_TYPE_ACTIVITY, NULL, G_OBJECT (activity));
}

static void
add_activities (CtRecordEditor *self)
{
  g_autoptr(GPtrArray) activities = NULL;
  GtkWidget *group = section_new (self, "activities", _("Activities"));
  GtkWidget *button = header_button_new ("list-add-symbolic", _("Add _Activity"));

  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_activity_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  if (ct_record_get_id (self->record))
    activities = ct_store_list_activities (self->store, ct_record_get_id (self->record), NULL);
  gtk_widget_set_sensitive (button, ct_record_get_id (self->record) != NULL);

  for (guint i = 0; activities && i < activities->len; i++)
    {
      CtActivity *a = g_ptr_array_index (activities, i);
      g_autofree char *title = ct_record_dup_title (self->store, G_OBJECT (a));
      g_autofree char *date = ct_date_format (a->date);
      /* Translators: an activity's date and kind, "May 2017 · Visit" */
      g_autofree char *subtitle = g_strdup_printf (C_("activity", "%s · %s"),
                                                   date ? date : _("No date"), ct_activity_kind_get_label (a->kind));

      link_row_new (self, group, CT_TYPE_ACTIVITY, a->id, title, subtitle);
    }

  if (activities == NULL || activities->len == 0)
    add_placeholder (group, _("No visits, forums or renewals recorded"));
}

/* City: ties and networks */

static void
add_tie_chosen (CtRecordEditor *self,
                CtCity         *city)
{
  g_autofree char *partner = ensure_city (self, city);
  g_autoptr(CtPartnership) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (partner == NULL)
    return;
  if (g_strcmp0 (partner, ct_record_get_id (self->record)) == 0)
    {
      set_error (self, _("A city cannot have a tie with itself"));
      return;
    }

  p = ct_partnership_new_between ((const char *[]) { ct_record_get_id (self->record), partner, NULL });
  title = ct_record_dup_title (self->store, G_OBJECT (p));
  /* Translators: what Undo undoes, "Add Tie Kaohsiung – Da Nang" */
  label = g_strdup_printf (_("Add Tie %s"), title);
  if (!ct_history_save (self->history, p, label, &error))
    {
      set_error (self, error->message);
      return;
    }
  open_record (self, CT_TYPE_PARTNERSHIP, p->id, NULL);
}

static void
add_city_ties (CtRecordEditor *self)
{
  const char *id = ct_record_get_id (self->record);
  g_autoptr(GPtrArray) ties = id ? ct_store_list_partnerships_for_city (self->store, id, NULL) : NULL;
  GtkWidget *group = section_new (self, "ties", _("Ties"));
  GtkWidget *button = place_button_new (self, _("Add _Tie"), FALSE, add_tie_chosen);

  gtk_widget_set_sensitive (button, id != NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  for (guint i = 0; ties && i < ties->len; i++)
    {
      CtPartnership *p = g_ptr_array_index (ties, i);
      g_autofree char *title = ct_record_dup_title (self->store, p);
      /* Translators: a tie's kind and status, "Sister city · Active" */
      g_autofree char *subtitle = g_strdup_printf (C_("tie", "%s · %s"),
                                                   ct_kind_get_label (p->kind), ct_status_get_label (p->status));

      link_row_new (self, group, CT_TYPE_PARTNERSHIP, p->id, title, subtitle);
    }

  if (ties == NULL || ties->len == 0)
    add_placeholder (group, _("No ties yet"));
}

static void
on_new_membership_clicked_cb (CtRecordEditor *self)
{
  g_autoptr(CtMembership) m = ct_membership_new ();

  m->city = g_strdup (ct_record_get_id (self->record));
  open_record (self, CT_TYPE_MEMBERSHIP, NULL, G_OBJECT (m));
}

static void
add_city_memberships (CtRecordEditor *self)
{
  const char *id = ct_record_get_id (self->record);
  g_autoptr(GPtrArray) memberships = id ? ct_store_list_memberships_for_city (self->store, id, NULL) : NULL;
  GtkWidget *group = section_new (self, "memberships", _("Networks"));
  GtkWidget *button = header_button_new ("list-add-symbolic", _("Add to _Network"));

  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_new_membership_clicked_cb), self);
  gtk_widget_set_sensitive (button, id != NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  for (guint i = 0; memberships && i < memberships->len; i++)
    {
      CtMembership *m = g_ptr_array_index (memberships, i);
      g_autofree char *network = network_name (self->store, m->network);

      link_row_new (self, group, CT_TYPE_MEMBERSHIP, m->id, network, m->role);
    }

  if (memberships == NULL || memberships->len == 0)
    add_placeholder (group, _("Not in any network"));
}

/* Network: members */

static void
add_member_chosen (CtRecordEditor *self,
                   CtCity         *city)
{
  g_autofree char *city_id = ensure_city (self, city);
  g_autoptr(CtMembership) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (city_id == NULL)
    return;

  m = ct_membership_new ();
  m->city = g_strdup (city_id);
  m->network = g_strdup (ct_record_get_id (self->record));
  title = ct_record_dup_title (self->store, G_OBJECT (m));
  label = g_strdup_printf (_("Add %s"), title);
  if (!ct_history_save (self->history, m, label, &error))
    set_error (self, error->message);
}

static void
add_network_members (CtRecordEditor *self)
{
  const char *id = ct_record_get_id (self->record);
  g_autoptr(GPtrArray) memberships = id ? ct_store_list_memberships_for_network (self->store, id, NULL) : NULL;
  GtkWidget *group = section_new (self, "members", _("Members"));
  GtkWidget *button = place_button_new (self, _("Add _Member"), FALSE, add_member_chosen);

  gtk_widget_set_sensitive (button, id != NULL);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  for (guint i = 0; memberships && i < memberships->len; i++)
    {
      CtMembership *m = g_ptr_array_index (memberships, i);
      g_autofree char *city = city_name (self->store, m->city);

      link_row_new (self, group, CT_TYPE_MEMBERSHIP, m->id, city, m->role);
    }

  if (memberships == NULL || memberships->len == 0)
    add_placeholder (group, _("No members yet"));
}

/* Membership and activity: what they belong to */

static void
add_owner (CtRecordEditor *self)
{
  GtkWidget *group;

  if (CT_IS_MEMBERSHIP (self->record))
    {
      CtMembership *m = CT_MEMBERSHIP (self->record);
      g_autofree char *city = city_name (self->store, m->city);

      group = section_new (self, "city", _("City"));
      link_row_new (self, group, CT_TYPE_CITY, m->city, city, NULL);
    }
  else if (CT_IS_ACTIVITY (self->record))
    {
      CtActivity *a = CT_ACTIVITY (self->record);
      g_autoptr(CtPartnership) p = a->partnership ? ct_store_get_partnership (self->store, a->partnership, NULL) : NULL;
      g_autofree char *title = p ? ct_record_dup_title (self->store, p) : g_strdup (_("Unknown tie"));

      group = section_new (self, "tie", _("Tie"));
      link_row_new (self, group, CT_TYPE_PARTNERSHIP, a->partnership, title,
                    p ? ct_kind_get_label (p->kind) : NULL);
    }
}

static void
rebuild_sections (CtRecordEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))))
    gtk_box_remove (self->sections, child);

  if (CT_IS_CITY (self->record))
    {
      add_city_ties (self);
      add_city_memberships (self);
    }
  else if (CT_IS_PARTNERSHIP (self->record))
    {
      add_parties (self);
      add_themes (self);
      add_activities (self);
      add_sources (self);
    }
  else if (CT_IS_NETWORK (self->record))
    add_network_members (self);
  else if (CT_IS_MEMBERSHIP (self->record))
    {
      add_owner (self);
      add_sources (self);
    }
  else if (CT_IS_ACTIVITY (self->record))
    add_owner (self);
}

/* The store changed: an undo, another window, a list edit. Show the record as it is now. */
static void
on_store_changed_cb (CtRecordEditor *self)
{
  g_autoptr(GObject) stored = NULL;

  /* our own save: the fields show it already, and save_now() rebuilds the lists if needed (not
   * while a party's name is being typed in them) */
  if (self->saving)
    return;

  if (ct_record_get_id (self->record) == NULL)
    {
      rebuild_sections (self);
      return;
    }

  stored = get_stored (self->store, self->type, ct_record_get_id (self->record));
  if (stored == NULL)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      self->dirty = FALSE;
      g_signal_emit (self, signals[GONE], 0);
      return;
    }

  /* a change being typed stays; the rest follows the store */
  if (!self->dirty)
    {
      g_set_object (&self->record, stored);
      load_fields (self);
      update_status (self);
    }
  rebuild_sections (self);
  g_signal_emit (self, signals[TITLE_CHANGED], 0);
}

/* Public */

GtkWidget *
ct_record_editor_new (CtHistory   *history,
                      CtGazetteer *gazetteer,
                      GObject     *record)
{
  CtRecordEditor *self;
  static const struct { GType (*type) (void); const FieldSpec *fields; guint n; } specs[] = {
    { ct_city_get_type, city_fields, G_N_ELEMENTS (city_fields) },
    { ct_partnership_get_type, partnership_fields, G_N_ELEMENTS (partnership_fields) },
    { ct_network_get_type, network_fields, G_N_ELEMENTS (network_fields) },
    { ct_membership_get_type, membership_fields, G_N_ELEMENTS (membership_fields) },
    { ct_source_get_type, source_fields, G_N_ELEMENTS (source_fields) },
    { ct_activity_get_type, activity_fields, G_N_ELEMENTS (activity_fields) },
  };

  g_return_val_if_fail (CT_IS_HISTORY (history), NULL);
  g_return_val_if_fail (G_IS_OBJECT (record), NULL);

  self = g_object_new (CT_TYPE_RECORD_EDITOR, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (ct_history_get_store (history));
  self->gazetteer = gazetteer ? g_object_ref (gazetteer) : NULL;
  self->record = ct_record_copy (record);
  self->type = G_OBJECT_TYPE (record);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (specs[i].type () == self->type)
      {
        self->fields = specs[i].fields;
        self->n_fields = specs[i].n;
      }
  g_return_val_if_fail (self->fields != NULL, NULL);

  build_fields (self);
  load_fields (self);
  rebuild_sections (self);
  /* a new record is saved as soon as it is valid (a place from the gazetteer already is) */
  if (ct_record_get_id (self->record) == NULL)
    self->dirty = TRUE;
  update_status (self);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

GObject *
ct_record_editor_get_record (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);
  return self->record;
}

GType
ct_record_editor_get_record_type (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), G_TYPE_INVALID);
  return self->type;
}

const char *
ct_record_editor_get_id (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);
  return ct_record_get_id (self->record);
}

char *
ct_record_editor_dup_heading (CtRecordEditor *self)
{
  gboolean is_new;

  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);

  is_new = ct_record_get_id (self->record) == NULL;
  if (self->type == CT_TYPE_CITY)
    return g_strdup (is_new ? _("New City") : _("Edit City"));
  if (self->type == CT_TYPE_PARTNERSHIP)
    return g_strdup (is_new ? _("New Tie") : _("Edit Tie"));
  if (self->type == CT_TYPE_NETWORK)
    return g_strdup (is_new ? _("New Network") : _("Edit Network"));
  if (self->type == CT_TYPE_MEMBERSHIP)
    return g_strdup (is_new ? _("New Membership") : _("Edit Membership"));
  if (self->type == CT_TYPE_SOURCE)
    return g_strdup (is_new ? _("New Source") : _("Edit Source"));
  return g_strdup (is_new ? _("New Activity") : _("Edit Activity"));
}

char *
ct_record_editor_dup_title (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);
  return ct_record_dup_title (self->store, self->record);
}

gboolean
ct_record_editor_is_dirty (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), FALSE);
  return self->dirty;
}

GtkWidget *
ct_record_editor_get_field (CtRecordEditor *self,
                            const char     *key)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);

  for (guint i = 0; i < self->n_fields; i++)
    if (g_str_equal (self->fields[i].key, key))
      {
        if (self->fields[i].kind == FIELD_NOTES)
          return g_object_get_data (G_OBJECT (self->rows[i]), "ct-view");
        if (self->fields[i].kind == FIELD_COUNTRY)
          return g_object_get_data (G_OBJECT (self->rows[i]), "ct-drop-down");
        return self->rows[i];
      }
  return NULL;
}

const char *
ct_record_editor_get_error (CtRecordEditor *self)
{
  g_return_val_if_fail (CT_IS_RECORD_EDITOR (self), NULL);

  if (ct_record_get_id (self->record) == NULL && gtk_widget_get_visible (GTK_WIDGET (self->status)))
    return gtk_label_get_text (self->status);
  return self->error;
}

void
ct_record_editor_focus_first (CtRecordEditor *self)
{
  g_return_if_fail (CT_IS_RECORD_EDITOR (self));

  for (guint i = 0; i < self->n_fields; i++)
    if (self->fields[i].kind != FIELD_KIND)
      {
        gtk_widget_grab_focus (self->rows[i]);
        return;
      }
}

static void
ct_record_editor_dispose (GObject *object)
{
  CtRecordEditor *self = CT_RECORD_EDITOR (object);

  /* a change still waiting is saved, not lost */
  if (self->dirty && self->history && ct_record_get_id (self->record))
    save_now (self);
  g_clear_handle_id (&self->save_source, g_source_remove);

  g_clear_pointer (&self->scroll, gtk_widget_unparent);

  G_OBJECT_CLASS (ct_record_editor_parent_class)->dispose (object);
}

static void
ct_record_editor_finalize (GObject *object)
{
  CtRecordEditor *self = CT_RECORD_EDITOR (object);

  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->gazetteer);
  g_clear_object (&self->record);
  g_free (self->rows);
  for (guint i = 0; self->field_errors && i < self->n_fields; i++)
    g_free (self->field_errors[i]);
  g_free (self->field_errors);
  g_strfreev (self->countries);
  g_clear_pointer (&self->networks, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (ct_record_editor_parent_class)->finalize (object);
}

static void
ct_record_editor_class_init (CtRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ct_record_editor_dispose;
  object_class->finalize = ct_record_editor_finalize;

  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_GTYPE, G_TYPE_STRING, G_TYPE_OBJECT);
  signals[GONE] =
    g_signal_new ("gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TITLE_CHANGED] =
    g_signal_new ("title-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ct-record-editor");
}

static void
ct_record_editor_init (CtRecordEditor *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroll, GTK_WIDGET (self));

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 24);
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->box));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroll), clamp);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "ct-editor-status");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (self->box, GTK_WIDGET (self->status));

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);

  self->sections = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
}
