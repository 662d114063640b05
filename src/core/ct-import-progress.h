/* ct-import-progress.h: how far an import on a worker thread has got, and what it rejected
 *
 * The worker (the readers, then the store's merge) reports into it; the window reads it from the
 * main thread while the import runs (a timeout polls ct_import_progress_get_fraction()) and the
 * rejected lines once it has finished. Every function may be called from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CT_IMPORT_PHASE_READING, /* the file is parsed and checked */
  CT_IMPORT_PHASE_SAVING,  /* the records are merged into the database */
} CtImportPhase;

/* At most this many rejected lines are kept; ct_import_progress_get_n_rejected() counts them all */
#define CT_IMPORT_MAX_REJECTIONS 100

/* A line of the file that could not be imported */
typedef struct {
  guint  line;     /* 1-based; 0 when the problem is not on one line */
  char  *field;    /* the column or member, or NULL for the whole line */
  char  *reason;   /* translated, without the file, line and field: "unknown country “Atlantis” (…)" */
} CtImportRejection;

#define CT_TYPE_IMPORT_PROGRESS (ct_import_progress_get_type ())

G_DECLARE_FINAL_TYPE (CtImportProgress, ct_import_progress, CT, IMPORT_PROGRESS, GObject)

CtImportProgress *ct_import_progress_new            (void);

/* Worker side. done out of total units of the phase (bytes, lines, records); the overall fraction
 * never goes back. */
void              ct_import_progress_set_reading    (CtImportProgress *self,
                                                     guint64           done,
                                                     guint64           total);
void              ct_import_progress_set_saving     (CtImportProgress *self,
                                                     guint64           done,
                                                     guint64           total);
void              ct_import_progress_add_rejection  (CtImportProgress *self,
                                                     guint             line,
                                                     const char       *field,
                                                     const char       *reason);

/* Any thread, at any time */
double            ct_import_progress_get_fraction   (CtImportProgress *self);
CtImportPhase     ct_import_progress_get_phase      (CtImportProgress *self);
guint             ct_import_progress_get_n_rejected (CtImportProgress *self);
/* A new array of copies of the first CT_IMPORT_MAX_REJECTIONS rejections, in file order */
GPtrArray        *ct_import_progress_dup_rejections (CtImportProgress *self);

void              ct_import_rejection_free          (CtImportRejection *rejection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtImportRejection, ct_import_rejection_free)

G_END_DECLS
