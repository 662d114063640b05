/* ct-window-exchange.c: importing and exporting files from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ct-error.h"
#include "ct-exchange-banner.h"
#include "ct-window-exchange.h"
#include "ct-window-private.h"

/* An import that takes longer than this shows its progress */
#define PROGRESS_DELAY_MS 500
#define PROGRESS_INTERVAL_MS 100

/* At most this many of a report's conflicts and notes in the outcome dialog */
#define MAX_REPORT_LINES 12

/* The list of rejected lines: a row (line and field, a reason on two or three lines), and the
 * list at most, in pixels */
#define ROW_HEIGHT 88
#define MAX_LIST_HEIGHT 320

typedef enum {
  BANNER_NONE,
  BANNER_IMPORT,
  BANNER_EXPORT,
  BANNER_DROP,
} BannerUse;

/* A file waiting to be imported, or being imported */
typedef struct {
  GTask          *task;         /* source: the window; returns a CtImportReport */
  GFile          *file;
  char           *path;         /* NULL for a file that is not on this computer */
  char           *name;         /* for display */
  GtkApplication *application;  /* held while it is imported */
} Job;

struct _CtWindowExchange
{
  CtWindow         *window;        /* not owned; NULL once the window has gone */
  CtExchangeBanner *banner;        /* the window's */
  GtkDropTarget    *drop_target;   /* the window's */

  GQueue            jobs;          /* Job: waiting */
  Job              *current;       /* being imported */
  CtImportProgress *progress;      /* the current job's */
  GCancellable     *cancellable;   /* the current job's: the Cancel button */
  gulong            cancel_link;   /* from the caller's cancellable to it */
  gboolean          cancelling;
  guint             batch_size;    /* files in the current run of imports, for "2 of 3" */

  /* The files of a run imported without anything to read: one toast when the run ends */
  guint             ok_files;
  char             *ok_name;
  CtImportReport   *ok_report;

  guint             n_exports;     /* running */
  char             *export_name;   /* the one the banner shows */

  GtkWidget        *dialog;        /* an outcome to read: the next import waits for it */
  BannerUse         banner_use;
  guint             delay_id;
  guint             poll_id;
};

/* Lifetime: the window holds one reference, each operation under way another */

static CtWindowExchange *
exchange_ref (CtWindowExchange *self)
{
  return g_rc_box_acquire (self);
}

static void
exchange_clear (CtWindowExchange *self)
{
  g_assert (self->current == NULL && g_queue_is_empty (&self->jobs));
  g_clear_object (&self->progress);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ok_report, ct_import_report_free);
  g_free (self->ok_name);
  g_free (self->export_name);
}

static void
exchange_unref (CtWindowExchange *self)
{
  g_rc_box_release_full (self, (GDestroyNotify) exchange_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtWindowExchange, exchange_unref)

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_object (&job->file);
  g_clear_object (&job->application);
  g_free (job->path);
  g_free (job->name);
  g_free (job);
}

static char *
display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path)
    return g_filename_display_basename (path);
  basename = g_file_get_basename (file);
  return g_filename_display_name (basename ? basename : "");
}

static CtExchangeBanner *
get_banner (CtWindowExchange *self)
{
  return self->banner;
}

CtExchangeBanner *
ct_window_get_exchange_banner (CtWindow *self)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);

  return CT_EXCHANGE_BANNER (gtk_widget_get_template_child (GTK_WIDGET (self), CT_TYPE_WINDOW, "exchange_banner"));
}

/* Outcomes */

static AdwToast *
show_toast (CtWindowExchange *self,
            const char       *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_overlay_add_toast (ct_window_get_toast_overlay (self->window), toast);
  return toast;
}

static void start_next (CtWindowExchange *self);

static void
on_dialog_destroy_cb (GtkWidget        *dialog,
                      CtWindowExchange *self)
{
  if (self->dialog != dialog)
    return;
  self->dialog = NULL;
  start_next (self);
}

static AdwMessageDialog *
show_dialog (CtWindowExchange *self,
             const char       *heading,
             const char       *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self->window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  /* The next import waits until this one has been read */
  self->dialog = dialog;
  g_signal_connect_data (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb),
                         exchange_ref (self), (GClosureNotify) (void (*) (void)) exchange_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
show_report (CtWindowExchange     *self,
             const char           *name,
             const CtImportReport *report)
{
  g_autofree char *summary = ct_import_report_to_string (report);
  g_autoptr(GString) body = g_string_new (summary);
  g_autofree char *heading = NULL;
  guint n_lines = report->conflicts->len + report->notes->len;
  guint shown = 0;

  /* Conflicts and notes need reading: a dialog, not a toast that goes away */
  g_string_append_c (body, '\n');
  for (guint i = 0; i < report->conflicts->len && shown < MAX_REPORT_LINES; i++, shown++)
    g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (report->conflicts, i));
  for (guint i = 0; i < report->notes->len && shown < MAX_REPORT_LINES; i++, shown++)
    g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (report->notes, i));
  if (shown < n_lines)
    {
      g_string_append_c (body, '\n');
      /* Translators: after a list of import conflicts and notes */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "… and %u more", "… and %u more", n_lines - shown),
                              n_lines - shown);
    }
  heading = g_strdup_printf (_("Imported “%s”"), name);
  show_dialog (self, heading, body->str);
}

/* The files of a run that needed no dialog, in one toast once the run has ended */
static void
add_to_run (CtWindowExchange     *self,
            const char           *name,
            const CtImportReport *report)
{
  if (self->ok_report == NULL)
    self->ok_report = ct_import_report_new ();
  self->ok_files++;
  self->ok_report->added += report->added;
  self->ok_report->updated += report->updated;
  self->ok_report->unchanged += report->unchanged;
  g_free (self->ok_name);
  self->ok_name = g_strdup (name);
}

static void
end_run (CtWindowExchange *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  self->batch_size = 0;
  if (self->ok_files == 0)
    return;

  summary = ct_import_report_to_string (self->ok_report);
  if (self->ok_files == 1)
    /* Translators: %s is a file name, then a summary such as "12 added, 3 updated, 40 unchanged" */
    title = g_strdup_printf (_("Imported “%s”: %s"), self->ok_name, summary);
  else
    /* Translators: %u files were imported, then a summary such as "12 added, 3 updated, 40 unchanged" */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u file: %s", "Imported %u files: %s", self->ok_files),
                             self->ok_files, summary);
  show_toast (self, title);

  self->ok_files = 0;
  g_clear_pointer (&self->ok_name, g_free);
  g_clear_pointer (&self->ok_report, ct_import_report_free);
}

static char *
describe_rejection (const CtImportRejection *rejection)
{
  if (rejection->line > 0 && rejection->field)
    /* Translators: where a rejected line of an imported file is wrong: "Line 12, country_a" */
    return g_strdup_printf (_("Line %u, %s"), rejection->line, rejection->field);
  if (rejection->line > 0)
    return g_strdup_printf (_("Line %u"), rejection->line);
  if (rejection->field)
    return g_strdup (rejection->field);
  return g_strdup (_("The file"));
}

static void
on_rejections_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           char             *text)
{
  if (g_strcmp0 (response, "copy") == 0)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), text);
}

/* Nothing was imported: the rejected lines, each with its line, field and reason */
static void
show_rejections (CtWindowExchange *self,
                 const Job        *job,
                 GPtrArray        *rejections,
                 guint             n_rejected)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *list;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Nothing was imported from “%s”"), job->name);
  /* Translators: under "Nothing was imported from “file”"; the list of the lines follows */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u line was rejected. An import is all or nothing, so your database is as it was: correct the line and import the file again.",
                                       "%u lines were rejected. An import is all or nothing, so your database is as it was: correct the lines and import the file again.",
                                       n_rejected),
                          n_rejected);
  dialog = show_dialog (self, heading, body);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "ct-rejections");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rejected lines"), -1);

  for (guint i = 0; i < rejections->len; i++)
    {
      const CtImportRejection *rejection = g_ptr_array_index (rejections, i);
      g_autofree char *where = describe_rejection (rejection);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *where_label = gtk_label_new (where);
      GtkWidget *reason_label = gtk_label_new (rejection->reason);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_widget_add_css_class (box, "ct-rejection");
      gtk_label_set_xalign (GTK_LABEL (where_label), 0);
      gtk_widget_add_css_class (where_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
      gtk_label_set_wrap (GTK_LABEL (reason_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (reason_label), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), where_label);
      gtk_box_append (GTK_BOX (box), reason_label);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);

      /* The list as text, as the command line words it: "ties.csv:12: country_a: …" */
      g_string_append_printf (text, "%s:", job->name);
      if (rejection->line > 0)
        g_string_append_printf (text, "%u:", rejection->line);
      if (rejection->field)
        g_string_append_printf (text, " %s:", rejection->field);
      g_string_append_printf (text, " %s\n", rejection->reason);
    }

  if (n_rejected > rejections->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more line", "… and %u more lines",
                                                            n_rejected - rejections->len),
                                               n_rejected - rejections->len);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "ct-rejection");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (GTK_LIST_BOX (list), label);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), rejections->len), FALSE);
      g_string_append_printf (text, "%s\n", more);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  /* The natural height is measured wider than the dialog is, where the reasons wrap less: room
   * for the first rows as they wrap in it, a scrolled list beyond */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (ROW_HEIGHT * (rejections->len + (n_rejected > rejections->len)), MAX_LIST_HEIGHT));
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_response (dialog, "copy", _("C_opy List"));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_rejections_response_cb),
                         g_string_free (g_steal_pointer (&text), FALSE), (GClosureNotify) (void (*) (void)) g_free, 0);
}

static void
show_outcome (CtWindowExchange     *self,
              const Job            *job,
              const CtImportReport *report,
              const GError         *error)
{
  if (report)
    {
      if (report->conflicts->len + report->notes->len > 0)
        show_report (self, job->name, report);
      else
        add_to_run (self, job->name, report);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *title = NULL;

      /* The files of the run imported before it come first */
      if (self->ok_files > 0)
        {
          end_run (self);
          /* Translators: %s is a file name; files imported before it were imported */
          title = g_strdup_printf (_("Import of “%s” cancelled: nothing was changed by it"), job->name);
        }
      show_toast (self, title ? title : _("Import cancelled: nothing was changed"));
    }
  else
    {
      g_autoptr(GPtrArray) rejections = self->progress ? ct_import_progress_dup_rejections (self->progress) : NULL;
      guint n_rejected = self->progress ? ct_import_progress_get_n_rejected (self->progress) : 0;

      if (n_rejected > 0 && error->domain == CT_ERROR)
        show_rejections (self, job, rejections, n_rejected);
      else
        {
          g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), job->name);

          /* The message names the file, the line and the field */
          show_dialog (self, heading, error->message);
        }
    }
}

/* Progress */

static void
update_banner (CtWindowExchange *self)
{
  CtExchangeBanner *banner = get_banner (self);

  if (self->current)
    {
      double fraction = ct_import_progress_get_fraction (self->progress);
      guint percent = (guint) (fraction * 100);
      guint position = self->batch_size - g_queue_get_length (&self->jobs);
      g_autofree char *title = NULL;
      g_autofree char *detail = NULL;

      if (self->batch_size > 1)
        /* Translators: %s is a file name, then its place among the files being imported */
        title = g_strdup_printf (_("Importing “%s” (%u of %u)"), self->current->name, position, self->batch_size);
      else
        /* Translators: %s is a file name */
        title = g_strdup_printf (_("Importing “%s”"), self->current->name);

      if (self->cancelling)
        detail = g_strdup (_("Cancelling…"));
      else if (ct_import_progress_get_phase (self->progress) == CT_IMPORT_PHASE_READING)
        /* Translators: how far an import has got; %u %% is a percentage such as "42 %" */
        detail = g_strdup_printf (_("Reading the file: %u %%"), percent);
      else
        /* Translators: how far an import has got; %u %% is a percentage such as "42 %" */
        detail = g_strdup_printf (_("Saving: %u %%"), percent);

      ct_exchange_banner_show_progress (banner, "document-open-symbolic", title, fraction, detail, TRUE);
      if (self->cancelling)
        ct_exchange_banner_set_cancelling (banner);
      self->banner_use = BANNER_IMPORT;
    }
  else if (self->n_exports > 0)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a file name */
      title = g_strdup_printf (_("Exporting to “%s”"), self->export_name);
      ct_exchange_banner_show_progress (banner, "document-save-symbolic", title, -1, NULL, FALSE);
      self->banner_use = BANNER_EXPORT;
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  update_banner (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
delay_cb (gpointer user_data)
{
  CtWindowExchange *self = user_data;

  self->delay_id = 0;
  update_banner (self);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add (PROGRESS_INTERVAL_MS, poll_cb, self);
  return G_SOURCE_REMOVE;
}

/* Something started: its progress shows if it is still going in half a second */
static void
schedule_banner (CtWindowExchange *self)
{
  if (self->poll_id == 0 && self->delay_id == 0)
    self->delay_id = g_timeout_add (PROGRESS_DELAY_MS, delay_cb, self);
}

/* Something finished: the banner shows what is still going, or goes */
static void
update_banner_after (CtWindowExchange *self)
{
  if (self->current || self->n_exports > 0)
    {
      if (self->banner_use == BANNER_IMPORT || self->banner_use == BANNER_EXPORT)
        update_banner (self);
      return;
    }

  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->window && self->banner_use != BANNER_DROP)
    {
      ct_exchange_banner_hide (get_banner (self));
      self->banner_use = BANNER_NONE;
    }
}

static void
on_banner_cancel_cb (CtWindowExchange *self)
{
  if (self->current == NULL || self->cancelling)
    return;

  /* The files waiting after it are not imported either */
  self->cancelling = TRUE;
  g_cancellable_cancel (self->cancellable);
  update_banner (self);
}

/* Importing */

static void
on_caller_cancelled_cb (GCancellable *caller,
                        GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static void
cancel_waiting_jobs (CtWindowExchange *self)
{
  Job *job;

  while ((job = g_queue_pop_head (&self->jobs)))
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The import was cancelled"));
      job_free (job);
    }
}

static void
on_job_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CtWindowExchange) self = user_data;
  g_autoptr(CtImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = g_steal_pointer (&self->current);

  report = ct_exchange_import_file_finish (CT_STORE (object), result, &error);

  if (self->cancel_link)
    g_cancellable_disconnect (g_task_get_cancellable (job->task), self->cancel_link);
  self->cancel_link = 0;

  if (self->window)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      if (cancelled)
        cancel_waiting_jobs (self);
      update_banner_after (self);
      show_outcome (self, job, report, error);
      if (g_queue_is_empty (&self->jobs))
        end_run (self);
    }

  self->cancelling = FALSE;
  g_clear_object (&self->cancellable);
  g_clear_object (&self->progress);

  if (report)
    g_task_return_pointer (job->task, g_steal_pointer (&report), (GDestroyNotify) ct_import_report_free);
  else
    g_task_return_error (job->task, g_steal_pointer (&error));

  /* The application was kept while the import ran, in case the window closed */
  if (job->application)
    g_application_release (G_APPLICATION (job->application));

  job_free (job);
  start_next (self);
}

static void
start_next (CtWindowExchange *self)
{
  CtStore *store;
  GtkApplication *application;
  GCancellable *caller;
  Job *job;

  if (self->window == NULL || self->current || self->dialog)
    return;

  if (!(job = g_queue_pop_head (&self->jobs)))
    {
      end_run (self);
      return;
    }

  store = ct_window_get_store (self->window);
  caller = g_task_get_cancellable (job->task);

  if (g_cancellable_is_cancelled (caller))
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The import was cancelled"));
      job_free (job);
      start_next (self);
      return;
    }

  /* A file the desktop could not give a local path for (a remote folder without FUSE) */
  if (job->path == NULL || store == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Could not import “%s”"), job->name);
      g_autofree char *message = job->path == NULL
        ? g_strdup_printf (_("“%s” is not a file on this computer: save a copy here and open that"), job->name)
        : g_strdup (_("The database is not open"));

      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
      job_free (job);
      show_dialog (self, heading, message);
      return;
    }

  self->current = job;
  self->progress = ct_import_progress_new ();
  self->cancellable = g_cancellable_new ();
  self->cancelling = FALSE;
  if (caller)
    self->cancel_link = g_cancellable_connect (caller, G_CALLBACK (on_caller_cancelled_cb),
                                               g_object_ref (self->cancellable), g_object_unref);

  /* The window may close meanwhile: keep the application until the import has finished */
  if ((application = gtk_window_get_application (GTK_WINDOW (self->window))))
    {
      g_application_hold (G_APPLICATION (application));
      job->application = g_object_ref (application);
    }

  ct_exchange_import_file_full_async (store, job->path, self->progress, self->cancellable,
                                      on_job_done_cb, exchange_ref (self));
  schedule_banner (self);
}

void
ct_window_import_chosen_file_async (CtWindow            *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  CtWindowExchange *exchange;
  Job *job;

  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (Job, 1);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, ct_window_import_chosen_file_async);
  job->file = g_object_ref (file);
  job->path = g_file_get_path (file);
  job->name = display_name (file);

  if (!(exchange = ct_window_get_exchange (self)))
    {
      g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The window was closed"));
      job_free (job);
      return;
    }

  g_queue_push_tail (&exchange->jobs, job);
  exchange->batch_size++;
  start_next (exchange);
}

CtImportReport *
ct_window_import_chosen_file_finish (CtWindow      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ct_window_import_chosen_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
is_supported (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  CtFormat format;

  return basename && ct_format_for_path (basename, &format, NULL);
}

void
ct_window_import_files (CtWindow   *self,
                        GListModel *files)
{
  CtWindowExchange *exchange;
  g_autoptr(GPtrArray) unsupported = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (!(exchange = ct_window_get_exchange (self)))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (!is_supported (file))
        g_ptr_array_add (unsupported, display_name (file));
    }

  /* Shown first: the imports wait until it has been read */
  if (unsupported->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *heading = NULL;

      if (unsupported->len == 1)
        /* Translators: %s is a file name */
        heading = g_strdup_printf (_("“%s” cannot be imported"), (const char *) g_ptr_array_index (unsupported, 0));
      else
        {
          heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file cannot be imported", "%u files cannot be imported",
                                                  unsupported->len),
                                     unsupported->len);
          for (guint i = 0; i < unsupported->len; i++)
            g_string_append_printf (body, "%s“%s”", i > 0 ? ", " : "", (const char *) g_ptr_array_index (unsupported, i));
          g_string_append (body, "\n\n");
        }
      g_string_append (body, _("City Ties imports City Ties files (.cityties.json or .json), CSV files (.csv) and GeoJSON files (.geojson)."));
      show_dialog (exchange, heading, body->str);
    }

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (is_supported (file))
        ct_window_import_chosen_file_async (self, file, NULL, NULL, NULL);
    }
}

/* Files opened from the file manager: ask first (the file came from outside the app) */

typedef struct {
  GFile    *file;
  char     *name;
  gboolean  answered;
} AskData;

static void
ask_data_free (AskData *data)
{
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data);
}

static void
on_asked_import_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CtImportReport *report = ct_window_import_chosen_file_finish (CT_WINDOW (object), result, &error);

  if (report)
    g_task_return_pointer (task, report, (GDestroyNotify) ct_import_report_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_import_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  GTask *task = user_data;
  AskData *data = g_task_get_task_data (task);

  if (data->answered)
    return;
  data->answered = TRUE;

  if (g_strcmp0 (response, "import") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The file was not imported"));
      return;
    }

  ct_window_import_chosen_file_async (g_task_get_source_object (task), data->file, g_task_get_cancellable (task),
                                      on_asked_import_done_cb, g_object_ref (task));
}

/* The dialog went away without an answer (its window was destroyed) */
static void
import_dialog_closure_notify (gpointer  user_data,
                              GClosure *closure)
{
  g_autoptr(GTask) task = user_data;
  AskData *data = g_task_get_task_data (task);

  if (!data->answered)
    {
      data->answered = TRUE;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The file was not imported"));
    }
}

void
ct_window_import_file_async (CtWindow            *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *path = NULL;
  AskData *data;
  GtkWidget *dialog;

  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (ct_window_get_store (self) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_window_import_file_async);

  /* The window is being destroyed */
  if (ct_window_get_exchange (self) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The file was not imported"));
      return;
    }

  data = g_new0 (AskData, 1);
  data->file = g_object_ref (file);
  data->name = display_name (file);
  g_task_set_task_data (task, data, (GDestroyNotify) ask_data_free);

  /* A file the desktop could not give a local path for (a remote folder without FUSE) */
  if (!(path = g_file_get_path (file)))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file on this computer: save a copy here and open that"), data->name);
      CtWindowExchange *exchange = ct_window_get_exchange (self);

      heading = g_strdup_printf (_("Could not import “%s”"), data->name);
      if (exchange)
        show_dialog (exchange, heading, message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
      return;
    }

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Import “%s” into your database?"), data->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Cities and ties in the file are added; ones you already have are updated when the file’s copy is newer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_import_response_cb),
                         g_object_ref (task), import_dialog_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

CtImportReport *
ct_window_import_file_finish (CtWindow      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (CT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ct_window_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Exporting */

char *
ct_window_get_default_export_name (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  return g_strdup_printf ("city-ties-%s.cityties.json", date);
}

static void
open_folder (CtWindow *window,
             GFile    *file)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (window), NULL, NULL, NULL);
#else
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

  if (uri)
    gtk_show_uri (GTK_WINDOW (window), uri, GDK_CURRENT_TIME);
#endif
}

typedef struct {
  CtWindowExchange *exchange;
  GFile            *file;
  char             *name;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->exchange, exchange_unref);
  g_clear_object (&data->file);
  g_free (data->name);
  g_free (data);
}

static void
on_open_folder_cb (AdwToast *toast,
                   GTask    *task)
{
  ExportData *data = g_task_get_task_data (task);

  if (data->exchange->window)
    open_folder (data->exchange->window, data->file);
}

static void
show_export_outcome (CtWindowExchange      *self,
                     GTask                 *task,
                     const CtExportSummary *summary,
                     const GError          *error)
{
  ExportData *data = g_task_get_task_data (task);
  g_autofree char *cities = NULL;
  g_autofree char *ties = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (error)
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export to “%s”"), data->name);

      show_dialog (self, heading, error->message);
      return;
    }

  /* Translators: part of "Exported 12 cities and 30 ties to “file”" */
  cities = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u city", "%u cities", summary->n_cities), summary->n_cities);
  /* Translators: part of "Exported 12 cities and 30 ties to “file”" */
  ties = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u tie", "%u ties", summary->n_partnerships), summary->n_partnerships);
  /* Translators: the first two %s are "12 cities" and "30 ties", the last a file name */
  title = g_strdup_printf (_("Exported %s and %s to “%s”"), cities, ties, data->name);

  if (summary->n_left_out > 0)
    {
      g_autofree char *body = NULL;

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u tie between more than two cities was left out: a CSV row holds two. Export to a City Ties file (.cityties.json) to keep it.",
                                           "%u ties between more than two cities were left out: a CSV row holds two. Export to a City Ties file (.cityties.json) to keep them.",
                                           summary->n_left_out),
                              summary->n_left_out);
      show_dialog (self, title, body);
      return;
    }

  toast = show_toast (self, title);
  adw_toast_set_button_label (toast, _("Open Folder"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_folder_cb),
                         g_object_ref (task), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  CtWindowExchange *self = data->exchange;
  g_autoptr(GError) error = NULL;
  CtExportSummary summary = { 0 };

  ct_exchange_export_file_finish (CT_STORE (object), result, &summary, &error);

  self->n_exports--;
  if (self->window)
    {
      update_banner_after (self);
      show_export_outcome (self, task, &summary, error);
    }

  if (error)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_memdup2 (&summary, sizeof summary), g_free);
}

void
ct_window_export_file_async (CtWindow            *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  CtWindowExchange *exchange;
  CtStore *store;
  ExportData *data;

  g_return_if_fail (CT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ct_window_export_file_async);

  if (!(exchange = ct_window_get_exchange (self)) || !(store = ct_window_get_store (self)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The database is not open"));
      return;
    }

  data = g_new0 (ExportData, 1);
  data->exchange = exchange_ref (exchange);
  data->file = g_object_ref (file);
  data->name = display_name (file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (!(path = g_file_get_path (file)))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export to “%s”"), data->name);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file on this computer: export to a folder here"), data->name);

      show_dialog (exchange, heading, message);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", message);
      return;
    }

  exchange->n_exports++;
  g_free (exchange->export_name);
  exchange->export_name = g_strdup (data->name);
  ct_exchange_export_file_async (store, path, cancellable, on_exported_cb, g_object_ref (task));
  schedule_banner (exchange);
}

gboolean
ct_window_export_file_finish (CtWindow         *self,
                              GAsyncResult     *result,
                              CtExportSummary  *summary,
                              GError          **error)
{
  g_autofree CtExportSummary *written = NULL;

  g_return_val_if_fail (CT_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ct_window_export_file_async, FALSE);

  if (!(written = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  if (summary)
    *summary = *written;
  return TRUE;
}

/* The file choosers: GtkFileDialog from GTK 4.10 (the portal's where there is one), before it
 * GtkFileChooserNative */

typedef enum {
  FILTER_ALL_SUPPORTED,
  FILTER_CITY_TIES,
  FILTER_CSV,
  FILTER_GEOJSON,
} FilterKind;

static GtkFileFilter *
new_filter (FilterKind kind)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *extension = NULL;

  switch (kind)
    {
    case FILTER_ALL_SUPPORTED:
      gtk_file_filter_set_name (filter, _("All Supported Files"));
      gtk_file_filter_add_mime_type (filter, "application/x-cityties+json");
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_mime_type (filter, "application/geo+json");
      gtk_file_filter_add_suffix (filter, "geojson");
      break;
    case FILTER_CITY_TIES:
      gtk_file_filter_set_name (filter, _("City Ties Files"));
      gtk_file_filter_add_mime_type (filter, "application/x-cityties+json");
      /* *.cityties.json is covered by *.json */
      gtk_file_filter_add_suffix (filter, "json");
      extension = ".cityties.json";
      break;
    case FILTER_CSV:
      gtk_file_filter_set_name (filter, _("CSV Files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
      extension = ".csv";
      break;
    case FILTER_GEOJSON:
      gtk_file_filter_set_name (filter, _("GeoJSON Files"));
      gtk_file_filter_add_mime_type (filter, "application/geo+json");
      gtk_file_filter_add_suffix (filter, "geojson");
      extension = ".geojson";
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (filter), "ct-extension", (gpointer) extension);
  return filter;
}

static GListStore *
new_filters (gboolean for_import)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  for (FilterKind kind = for_import ? FILTER_ALL_SUPPORTED : FILTER_CITY_TIES; kind <= FILTER_GEOJSON; kind++)
    {
      g_autoptr(GtkFileFilter) filter = new_filter (kind);
      g_list_store_append (filters, filter);
    }
  return filters;
}

/* The chosen name with the extension of its format: one the user typed, else the filter's */
static GFile *
export_target (GFile         *chosen,
               GtkFileFilter *filter)
{
  g_autofree char *basename = g_file_get_basename (chosen);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "ct-extension") : NULL;
  CtFormat format;

  if (basename == NULL || ct_format_for_path (basename, &format, NULL) || !(parent = g_file_get_parent (chosen)))
    return g_object_ref (chosen);

  name = g_strconcat (basename, extension ? extension : ".cityties.json", NULL);
  return g_file_get_child (parent, name);
}

static void
export_chosen (CtWindow      *window,
               GFile         *chosen,
               GtkFileFilter *filter)
{
  g_autoptr(GFile) target = export_target (chosen, filter);
  CtWindowExchange *exchange = ct_window_get_exchange (window);

  /* The chooser asked before replacing the name it was given, not one with an extension added */
  if (!g_file_equal (target, chosen) && g_file_query_exists (target, NULL))
    {
      g_autofree char *name = display_name (target);
      g_autofree char *heading = g_strdup_printf (_("Could not export to “%s”"), name);

      if (exchange)
        show_dialog (exchange, heading,
                     _("A file of that name already exists. Choose it in the list to replace it, or type another name."));
      return;
    }

  ct_window_export_file_async (window, target, NULL, NULL, NULL);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static gboolean
dialog_dismissed (const GError *error)
{
  return g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED) ||
         g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED);
}

static void
on_import_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CtWindow) window = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GError) error = NULL;

  if ((files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (object), result, &error)))
    ct_window_import_files (window, files);
  else if (!dialog_dismissed (error))
    g_warning ("Could not choose the files to import: %s", error->message);
}

static void
choose_import_files (CtWindow *window)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = new_filters (TRUE);
  g_autoptr(GtkFileFilter) all = g_list_model_get_item (G_LIST_MODEL (filters), 0);

  gtk_file_dialog_set_title (dialog, _("Import"));
  gtk_file_dialog_set_accept_label (dialog, _("_Import"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, all);
  gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (window), NULL, on_import_chosen_cb, g_object_ref (window));
}

static void
on_export_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CtWindow) window = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if ((file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, &error)))
    export_chosen (window, file, NULL);
  else if (!dialog_dismissed (error))
    g_warning ("Could not choose the file to export to: %s", error->message);
}

static void
choose_export_file (CtWindow *window)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GListStore) filters = new_filters (FALSE);
  g_autoptr(GtkFileFilter) city_ties = g_list_model_get_item (G_LIST_MODEL (filters), 0);
  g_autofree char *name = ct_window_get_default_export_name ();

  gtk_file_dialog_set_title (dialog, _("Export"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, city_ties);
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_save (dialog, GTK_WINDOW (window), NULL, on_export_chosen_cb, g_object_ref (window));
}

#else /* GTK 4.8 */

static void
add_filters (GtkFileChooser *chooser,
             gboolean        for_import)
{
  g_autoptr(GListStore) filters = new_filters (for_import);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);

      gtk_file_chooser_add_filter (chooser, filter);
      if (i == 0)
        gtk_file_chooser_set_filter (chooser, filter);
    }
}

static void
on_import_response_native_cb (GtkNativeDialog *native,
                              int              response,
                              CtWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      ct_window_import_files (window, files);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_import_files (CtWindow *window)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (window),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Import"), _("_Cancel"));

  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  add_filters (GTK_FILE_CHOOSER (native), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* The reference is dropped in the handler; the window is kept until then */
  g_signal_connect_data (native, "response", G_CALLBACK (on_import_response_native_cb),
                         g_object_ref (window), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_export_response_native_cb (GtkNativeDialog *native,
                              int              response,
                              CtWindow        *window)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file)
        export_chosen (window, file, gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native)));
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_export_file (CtWindow *window)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (window),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE,
                                                              _("_Export"), _("_Cancel"));
  g_autofree char *name = ct_window_get_default_export_name ();

  add_filters (GTK_FILE_CHOOSER (native), FALSE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_data (native, "response", G_CALLBACK (on_export_response_native_cb),
                         g_object_ref (window), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

/* Actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_import_files (CT_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose_export_file (CT_WINDOW (widget));
}

/* Dropping files on the window */

static GdkDragAction
on_drop_enter_cb (GtkDropTarget    *target,
                  double            x,
                  double            y,
                  CtWindowExchange *self)
{
  if (self->window == NULL || ct_window_get_store (self->window) == NULL)
    return 0;

  gtk_widget_add_css_class (GTK_WIDGET (ct_window_get_toast_overlay (self->window)), "ct-drop-active");
  /* An import or export at work keeps the banner */
  if (self->banner_use == BANNER_NONE)
    {
      ct_exchange_banner_show_drop_hint (get_banner (self));
      self->banner_use = BANNER_DROP;
    }
  return GDK_ACTION_COPY;
}

static void
end_drop_hint (CtWindowExchange *self)
{
  if (self->window == NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (ct_window_get_toast_overlay (self->window)), "ct-drop-active");
  if (self->banner_use == BANNER_DROP)
    {
      ct_exchange_banner_hide (get_banner (self));
      self->banner_use = BANNER_NONE;
    }
}

static void
on_drop_leave_cb (GtkDropTarget    *target,
                  CtWindowExchange *self)
{
  end_drop_hint (self);
}

static gboolean
on_drop_cb (GtkDropTarget    *target,
            const GValue     *value,
            double            x,
            double            y,
            CtWindowExchange *self)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GSList) list = NULL;

  end_drop_hint (self);

  if (self->window == NULL || ct_window_get_store (self->window) == NULL ||
      !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || g_value_get_boxed (value) == NULL)
    return FALSE;

  /* the list, not the files, is ours */
  list = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = list; l; l = l->next)
    g_list_store_append (files, l->data);
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;

  ct_window_import_files (self->window, G_LIST_MODEL (files));
  return TRUE;
}

/* Setting up */

void
ct_window_exchange_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (CT_TYPE_EXCHANGE_BANNER);
  gtk_widget_class_bind_template_child_full (widget_class, "exchange_banner", FALSE, 0);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export", NULL);
}

CtWindowExchange *
ct_window_exchange_new (CtWindow *window)
{
  CtWindowExchange *self = g_rc_box_new0 (CtWindowExchange);
  GtkDropTarget *target;

  self->window = window;
  self->banner = ct_window_get_exchange_banner (window);
  g_queue_init (&self->jobs);

  g_signal_connect_swapped (self->banner, "cancel", G_CALLBACK (on_banner_cancel_cb), self);

  self->drop_target = target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));

  ct_window_exchange_store_changed (self);
  return self;
}

void
ct_window_exchange_store_changed (CtWindowExchange *self)
{
  gboolean has_store = self->window && ct_window_get_store (self->window) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.import", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self->window), "win.export", has_store);
}

void
ct_window_exchange_free (CtWindowExchange *self)
{
  if (self == NULL)
    return;

  /* The banner's and the drop target's handlers go with the window's widgets; the running import
   * and exports finish without showing anything */
  if (self->window)
    {
      g_signal_handlers_disconnect_by_data (self->banner, self);
      g_signal_handlers_disconnect_by_data (self->drop_target, self);
    }
  self->window = NULL;
  self->banner = NULL;
  self->drop_target = NULL;
  cancel_waiting_jobs (self);
  g_clear_handle_id (&self->delay_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->dialog = NULL;
  exchange_unref (self);
}
