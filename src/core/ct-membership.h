/* ct-membership.h: A city's membership in a network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_MEMBERSHIP (ct_membership_get_type ())

G_DECLARE_FINAL_TYPE (CtMembership, ct_membership, CT, MEMBERSHIP, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtMembership
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *city; /* city id */
  char           *network; /* network id */
  char           *joined;
  char           *left;
  char           *role;
  GPtrArray      *sources; /* source ids (char *) */
  char           *notes;
  char           *created;
  char           *updated;
};

CtMembership *ct_membership_new  (void);
CtMembership *ct_membership_copy (const CtMembership *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_membership_content_equal (const CtMembership *a,
                                    const CtMembership *b);

G_END_DECLS
