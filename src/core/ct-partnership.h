/* ct-partnership.h: An agreement or tie between two or more cities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"
#include "ct-party.h"

G_BEGIN_DECLS

#define CT_TYPE_PARTNERSHIP (ct_partnership_get_type ())

G_DECLARE_FINAL_TYPE (CtPartnership, ct_partnership, CT, PARTNERSHIP, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtPartnership
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  CtKind          kind;
  CtStatus        status;
  char           *title;
  char           *signed_on; /* signed date: YYYY, YYYY-MM or YYYY-MM-DD, or NULL */
  char           *ended;
  GPtrArray      *themes; /* theme keys (char *) */
  GPtrArray      *parties; /* CtParty *, two or more */
  GPtrArray      *sources; /* source ids (char *) */
  char           *notes;
  char           *created;
  char           *updated;
};

CtPartnership *ct_partnership_new  (void);
/* A new, unsaved tie between the cities (NULL-terminated ids, in order), as the user makes one
 * before choosing its kind and status: a sister-city tie, active */
CtPartnership *ct_partnership_new_between (const char * const *city_ids);
CtPartnership *ct_partnership_copy (const CtPartnership *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_partnership_content_equal (const CtPartnership *a,
                                     const CtPartnership *b);

G_END_DECLS
