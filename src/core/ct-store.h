/* ct-store.h: the partnership database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ct-dataset.h"
#include "ct-filter.h"
#include "ct-import-progress.h"
#include "ct-import-report.h"

G_BEGIN_DECLS

#define CT_TYPE_STORE (ct_store_get_type ())

G_DECLARE_FINAL_TYPE (CtStore, ct_store, CT, STORE, GObject)

/* The schema this build writes; older files are migrated when opened */
#define CT_STORE_SCHEMA_VERSION 2

typedef enum {
  CT_CHANGE_THEMES       = 1 << 0,
  CT_CHANGE_CITIES       = 1 << 1,
  CT_CHANGE_NETWORKS     = 1 << 2,
  CT_CHANGE_SOURCES      = 1 << 3,
  CT_CHANGE_PARTNERSHIPS = 1 << 4,
  CT_CHANGE_MEMBERSHIPS  = 1 << 5,
  CT_CHANGE_ACTIVITIES   = 1 << 6,
  CT_CHANGE_ALL          = (1 << 7) - 1,
} CtChangeFlags;

typedef struct {
  guint cities;
  guint partnerships; /* partnerships with at least one party in the region */
} CtRegionSummary;

CtStore    *ct_store_open                 (const char     *path,
                                           GError        **error);
void        ct_store_open_async           (const char     *path,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
CtStore    *ct_store_open_finish          (GAsyncResult   *result,
                                           GError        **error);
const char *ct_store_get_path             (CtStore        *self);
/* Where the pre-migration copy was written when opening migrated the file, or NULL */
const char *ct_store_get_backup_path      (CtStore        *self);
/* Tells views that another process changed the file (after an external import) */
void        ct_store_emit_changed         (CtStore        *self,
                                           CtChangeFlags   what);
/* Notices commits to the file by other connections (another City Ties window or command, an
 * import on a worker thread) and emits "changed" with CT_CHANGE_ALL for them. Checks
 * PRAGMA data_version about once a second on the caller's thread-default main context, only
 * while "changed" has handlers; stops when the store is finalized. Call it (any number of times)
 * on the thread that uses the store and drops the last reference to it. */
void        ct_store_watch_other_writers  (CtStore        *self);

/* Saving: a record whose id is NULL or unknown is added (the id, created and updated fields are
 * filled in); otherwise it replaces the stored one and updated is set. One transaction each; the
 * "changed" signal follows. Deleting a city also deletes the partnerships left with fewer than two
 * parties. */
gboolean    ct_store_save_theme           (CtStore *self, CtTheme       *theme,       GError **error);
gboolean    ct_store_save_city            (CtStore *self, CtCity        *city,        GError **error);
gboolean    ct_store_save_network         (CtStore *self, CtNetwork     *network,     GError **error);
gboolean    ct_store_save_source          (CtStore *self, CtSource      *source,      GError **error);
gboolean    ct_store_save_partnership     (CtStore *self, CtPartnership *partnership, GError **error);
gboolean    ct_store_save_membership      (CtStore *self, CtMembership  *membership,  GError **error);
gboolean    ct_store_save_activity        (CtStore *self, CtActivity    *activity,    GError **error);

CtTheme       *ct_store_get_theme         (CtStore *self, const char *id, GError **error);
CtCity        *ct_store_get_city          (CtStore *self, const char *id, GError **error);
CtNetwork     *ct_store_get_network       (CtStore *self, const char *id, GError **error);
CtSource      *ct_store_get_source        (CtStore *self, const char *id, GError **error);
CtPartnership *ct_store_get_partnership   (CtStore *self, const char *id, GError **error);
CtMembership  *ct_store_get_membership    (CtStore *self, const char *id, GError **error);
CtActivity    *ct_store_get_activity      (CtStore *self, const char *id, GError **error);

/* The record of any type (CT_TYPE_CITY, …) by id; CT_ERROR_NOT_FOUND when there is none */
gpointer       ct_store_get_record        (CtStore *self, GType type, const char *id, GError **error);

gboolean    ct_store_delete_theme         (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_city          (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_network       (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_source        (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_partnership   (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_membership    (CtStore *self, const char *id, GError **error);
gboolean    ct_store_delete_activity      (CtStore *self, const char *id, GError **error);

/* What deleting the record of this type and id would take along, as copies of the records as
 * they are now: for a city, every partnership it is a party of (deleted, or changed when it keeps
 * two or more parties), its memberships, and the activities of the partnerships that go; for a
 * partnership, its activities; for a network, its memberships; for a source, the partnerships and
 * memberships that cite it (changed: the citation goes); for a theme, the partnerships tagged with
 * it (changed: the tag goes). The record itself is not included; an id that is not there has
 * none. Memberships and activities have none.
 * Returns: (transfer container) GObject records (CtPartnership *, CtMembership *, …) */
GPtrArray  *ct_store_collect_dependents   (CtStore        *self,
                                           GType           type,
                                           const char     *id,
                                           GError        **error);

/* One transaction: deletes every record in deletions (records, only their type and id are used),
 * then saves every record in saves, in order, keeping the ids and created dates they carry
 * (updated is set to now). Validates everything first; all or nothing. Emits "changed" once.
 * Either array may be NULL. A deletion takes along what ct_store_delete_*() does; one whose
 * record is not there (none, or taken along by an earlier one) is passed over. A save whose
 * record is stored with the same content already is passed over too, and a record that is
 * stored keeps its stored created date. "changed" carries the union of the flags of what was
 * deleted or written, and is not emitted when nothing was. */
gboolean    ct_store_apply                (CtStore        *self,
                                           GPtrArray      *deletions,
                                           GPtrArray      *saves,
                                           GError        **error);

/* Queries. Each returns a new array of new records; filter may be NULL. */
GPtrArray  *ct_store_list_cities          (CtStore        *self,
                                           const CtFilter *filter,
                                           GError        **error);
GPtrArray  *ct_store_list_partnerships    (CtStore        *self,
                                           const CtFilter *filter,
                                           GError        **error);
GPtrArray  *ct_store_list_partnerships_for_city (CtStore    *self,
                                                 const char *city_id,
                                                 GError    **error);
GPtrArray  *ct_store_list_networks        (CtStore        *self,
                                           GError        **error);
GPtrArray  *ct_store_list_themes          (CtStore        *self,
                                           GError        **error);
GPtrArray  *ct_store_list_sources         (CtStore        *self,
                                           GError        **error);
GPtrArray  *ct_store_list_memberships_for_city (CtStore    *self,
                                                const char *city_id,
                                                GError    **error);
GPtrArray  *ct_store_list_memberships_for_network (CtStore    *self,
                                                   const char *network_id,
                                                   GError    **error);
GPtrArray  *ct_store_list_activities      (CtStore        *self,
                                           const char     *partnership_id,
                                           GError        **error);
gboolean    ct_store_get_region_summary   (CtStore        *self,
                                           const CtFilter *filter,
                                           CtRegionSummary summary[CT_N_REGIONS],
                                           GError        **error);
gboolean    ct_store_is_empty             (CtStore        *self);

/* Exchange. Import merges by id in one transaction: all or nothing (see docs/format.md). */
CtDataset  *ct_store_export_dataset       (CtStore        *self,
                                           GError        **error);

/* Called inside the import's transaction to build the dataset from the file and the store's
 * current content (CSV rows resolve cities by name, for example). */
typedef CtDataset *(*CtStoreImportFunc)   (CtStore        *store,
                                           gpointer        user_data,
                                           GError        **error);

gboolean    ct_store_import               (CtStore        *self,
                                           CtStoreImportFunc build,
                                           gpointer        user_data,
                                           CtImportReport *report,
                                           GCancellable   *cancellable,
                                           GError        **error);
/* The same, reporting to progress (may be NULL) how far the merge has got */
gboolean    ct_store_import_full          (CtStore        *self,
                                           CtStoreImportFunc build,
                                           gpointer        user_data,
                                           CtImportProgress *progress,
                                           CtImportReport *report,
                                           GCancellable   *cancellable,
                                           GError        **error);
gboolean    ct_store_import_dataset       (CtStore        *self,
                                           CtDataset      *dataset,
                                           CtImportReport *report,
                                           GCancellable   *cancellable,
                                           GError        **error);

G_END_DECLS
