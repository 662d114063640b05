/* ct-record.h: what every record type (theme, city, network, source, partnership, membership,
 * activity) has in common, for code that handles records of any type: the history, the editors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-store.h"

G_BEGIN_DECLS

/* The record's id (NULL until it is first saved) */
const char *ct_record_get_id          (gpointer       record);
/* A copy of any record. Returns: (transfer full) */
gpointer    ct_record_copy            (gpointer       record);
/* Same type and same content (ids and timestamps aside, as ct_*_content_equal()); NULL equals
 * NULL only */
gboolean    ct_record_content_equal   (gpointer       a,
                                       gpointer       b);
/* What people call the record, in the UI language: "Kaohsiung", "Kaohsiung – Da Nang" for a tie,
 * "Kaohsiung in ASCN" for a membership; a placeholder ("Unnamed City") while it has no name.
 * Cities are named from store. Returns: (transfer full) */
char       *ct_record_dup_title       (CtStore       *store,
                                       gpointer       record);

G_END_DECLS
