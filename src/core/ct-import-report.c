/* ct-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ct-import-report.h"

G_DEFINE_BOXED_TYPE (CtImportReport, ct_import_report, ct_import_report_copy, ct_import_report_free)

CtImportReport *
ct_import_report_new (void)
{
  CtImportReport *report = g_new0 (CtImportReport, 1);

  report->conflicts = g_ptr_array_new_with_free_func (g_free);
  report->notes = g_ptr_array_new_with_free_func (g_free);
  return report;
}

CtImportReport *
ct_import_report_copy (const CtImportReport *report)
{
  CtImportReport *copy = ct_import_report_new ();

  copy->added = report->added;
  copy->updated = report->updated;
  copy->unchanged = report->unchanged;
  for (guint i = 0; i < report->conflicts->len; i++)
    g_ptr_array_add (copy->conflicts, g_strdup (g_ptr_array_index (report->conflicts, i)));
  for (guint i = 0; i < report->notes->len; i++)
    g_ptr_array_add (copy->notes, g_strdup (g_ptr_array_index (report->notes, i)));
  return copy;
}

void
ct_import_report_free (CtImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->conflicts);
  g_ptr_array_unref (report->notes);
  g_free (report);
}

void
ct_import_report_clear (CtImportReport *report)
{
  report->added = report->updated = report->unchanged = 0;
  g_ptr_array_set_size (report->conflicts, 0);
  g_ptr_array_set_size (report->notes, 0);
}

char *
ct_import_report_to_string (const CtImportReport *report)
{
  GString *s = g_string_new (NULL);

  /* Translators: the first part of an import summary, e.g. "12 added, 3 updated, 40 unchanged" */
  g_string_append_printf (s, _("%u added, %u updated, %u unchanged"),
                          report->added, report->updated, report->unchanged);

  if (report->conflicts->len > 0)
    {
      g_string_append (s, ", ");
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u conflict", "%u conflicts",
                                              report->conflicts->len),
                              report->conflicts->len);
    }

  return g_string_free (s, FALSE);
}
