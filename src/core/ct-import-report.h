/* ct-import-report.h: what an import did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CT_TYPE_IMPORT_REPORT (ct_import_report_get_type ())

typedef struct {
  guint      added;
  guint      updated;
  guint      unchanged;
  GPtrArray *conflicts; /* char *: one line each, "partnership <id>: kept the newer version in the database" */
  GPtrArray *notes;     /* char *: other things the user should know ("3 partnerships with more than two parties were left out") */
} CtImportReport;

GType           ct_import_report_get_type (void) G_GNUC_CONST;
CtImportReport *ct_import_report_new      (void);
CtImportReport *ct_import_report_copy     (const CtImportReport *report);
void            ct_import_report_free     (CtImportReport *report);
void            ct_import_report_clear    (CtImportReport *report);
/* "12 added, 3 updated, 40 unchanged, 1 conflict" (translated) */
char           *ct_import_report_to_string (const CtImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtImportReport, ct_import_report_free)

G_END_DECLS
