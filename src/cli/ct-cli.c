/* ct-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ct-bundled.h"
#include "ct-cli.h"
#include "ct-error.h"
#include "ct-exchange.h"

char *
ct_cli_get_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "city-ties", "city-ties.db", NULL);
}

static CtStore *
open_database (const char  *path,
               gboolean     is_default,
               GString     *out,
               GError     **error)
{
  CtStore *store = ct_bundled_open_database (path, is_default, error);

  if (store && ct_store_get_backup_path (store))
    g_string_append_printf (out, _("Upgraded %s; the previous version is kept as %s\n"),
                            path, ct_store_get_backup_path (store));

  return store;
}

static gboolean
append_summary (CtStore *store,
                GString *out,
                GString *err)
{
  CtRegionSummary summary[CT_N_REGIONS];
  g_autoptr(GPtrArray) partnerships = NULL;
  g_autoptr(GError) error = NULL;

  if (!ct_store_get_region_summary (store, NULL, summary, &error) ||
      !(partnerships = ct_store_list_partnerships (store, NULL, &error)))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return FALSE;
    }

  g_string_append_printf (out, _("%s: %u partnerships\n"), ct_store_get_path (store), partnerships->len);
  for (guint r = 0; r < CT_N_REGIONS; r++)
    /* Translators: "Taiwan: 22 cities, 51 partnerships" */
    g_string_append_printf (out, _("  %s: %u cities, %u partnerships\n"),
                            ct_region_get_label (r), summary[r].cities, summary[r].partnerships);
  return TRUE;
}

int
ct_cli_run (int      argc,
            char   **argv,
            GString *out,
            GString *err)
{
  g_autofree char *database = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CtStore) store = NULL;
  g_auto(GStrv) args = NULL;
  gboolean version = FALSE;
  gboolean print_summary = FALSE;
  gboolean is_default = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("The database file (default: in your data folder, created from the bundled data)"), N_("FILE") },
    { "import", 'i', 0, G_OPTION_ARG_FILENAME, &import_path,
      N_("Import a .json, .csv or .geojson file into the database, then exit"), N_("FILE") },
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &export_path,
      N_("Export the database to a .json, .csv or .geojson file, then exit"), N_("FILE") },
    { "summary", 's', 0, G_OPTION_ARG_NONE, &print_summary,
      N_("Print how many cities and ties the database holds, by region, then exit"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("City Ties keeps track of the partnerships between Taiwanese, ASEAN and EU cities."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }

  if (args[0] && args[1])
    {
      g_string_append_printf (err, _("Unexpected argument “%s”; see --help\n"), args[1]);
      return 1;
    }

  if (version)
    {
      g_string_append_printf (out, "city-ties %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (database == NULL)
    {
      database = ct_cli_get_default_database ();
      is_default = TRUE;
    }

  if (!(store = open_database (database, is_default, out, &error)))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }

  if (import_path)
    {
      g_autoptr(CtImportReport) report = ct_import_report_new ();
      g_autofree char *summary = NULL;

      if (!ct_exchange_import_file (store, import_path, report, NULL, &error))
        {
          /* The window (an import of its own) or another command held the file for longer
           * than the busy timeout */
          if (g_error_matches (error, CT_ERROR, CT_ERROR_BUSY))
            /* Translators: %s is the database file */
            g_string_append_printf (err, _("%s is busy: another City Ties window or command is saving to it; nothing was imported. Try again when it has finished.\n"),
                                    ct_store_get_path (store));
          else
            {
              g_string_append_printf (err, "%s\n", error->message);
              g_string_append_printf (err, _("Nothing was imported; the database is unchanged.\n"));
            }
          return 1;
        }

      summary = ct_import_report_to_string (report);
      /* Translators: "Imported data.csv: 12 added, 3 updated, 40 unchanged" */
      g_string_append_printf (out, _("Imported %s: %s\n"), import_path, summary);
      for (guint i = 0; i < report->conflicts->len; i++)
        g_string_append_printf (err, "%s\n", (char *) g_ptr_array_index (report->conflicts, i));
    }

  if (export_path)
    {
      guint left_out = 0;

      if (!ct_exchange_export_file (store, export_path, &left_out, &error))
        {
          g_string_append_printf (err, "%s\n", error->message);
          return 1;
        }

      if (left_out > 0)
        g_string_append_printf (out,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "Exported to %s (%u partnership with more than two parties left out: CSV holds two parties a row)\n",
                                             "Exported to %s (%u partnerships with more than two parties left out: CSV holds two parties a row)\n",
                                             left_out),
                                export_path, left_out);
      else
        g_string_append_printf (out, _("Exported to %s\n"), export_path);
    }

  if ((print_summary || (!import_path && !export_path)) && !append_summary (store, out, err))
    return 1;

  return 0;
}
