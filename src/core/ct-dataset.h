/* ct-dataset.h: a set of records on its way into or out of the store
 *
 * Every exchange format reads into a CtDataset and writes from one; the store merges a dataset in
 * one transaction (ct_store_import_dataset()) and exports its content as one
 * (ct_store_export_dataset()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-activity.h"
#include "ct-city.h"
#include "ct-membership.h"
#include "ct-network.h"
#include "ct-partnership.h"
#include "ct-source.h"
#include "ct-theme.h"

G_BEGIN_DECLS

#define CT_TYPE_DATASET (ct_dataset_get_type ())

typedef struct {
  /* each a GPtrArray of owned records */
  GPtrArray *themes;
  GPtrArray *cities;
  GPtrArray *networks;
  GPtrArray *sources;
  GPtrArray *partnerships;
  GPtrArray *memberships;
  GPtrArray *activities;

  /* Set by a reader that ran ct_validate_record() on every record it made, where it could name
   * the line; the store then does not validate them a second time */
  gboolean   validated;

  /*< private >*/
  char       *filename;
  GHashTable *lines;    /* record → line in the file it came from */
  GHashTable *index;    /* id → record, built on demand */
  gatomicrefcount ref_count;
} CtDataset;

GType       ct_dataset_get_type   (void) G_GNUC_CONST;
CtDataset  *ct_dataset_new        (const char *filename);
CtDataset  *ct_dataset_ref        (CtDataset *self);
void        ct_dataset_unref      (CtDataset *self);
const char *ct_dataset_get_filename (CtDataset *self);
guint       ct_dataset_get_n_records (CtDataset *self);

/* Where a record came from, for messages; 0 when unknown */
void        ct_dataset_set_line   (CtDataset  *self,
                                   gpointer    record,
                                   guint       line);
guint       ct_dataset_get_line   (CtDataset  *self,
                                   gpointer    record);

/* Finds a record of any type by id (built on first use: add no records afterwards) */
gpointer    ct_dataset_lookup     (CtDataset  *self,
                                   const char *id);

/* Fails, naming the file and line, when two records share an id */
gboolean    ct_dataset_check_unique_ids (CtDataset  *self,
                                         GError    **error);

/* Sorts every array by id, as exports are written */
void        ct_dataset_sort       (CtDataset  *self);

/* Formats "file:line: " (or "file: ") before a message about record */
char       *ct_dataset_describe_location (CtDataset *self,
                                          gpointer   record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtDataset, ct_dataset_unref)

G_END_DECLS
