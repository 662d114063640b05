/* ct-network.h: A city network or programme (ASEAN Smart Cities Network, IURC, ...).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_NETWORK (ct_network_get_type ())

G_DECLARE_FINAL_TYPE (CtNetwork, ct_network, CT, NETWORK, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtNetwork
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *name;
  char           *short_name;
  char           *url;
  char           *notes;
  char           *created;
  char           *updated;

  /* derived, not stored: filled in by ct_store_list_networks() */
  guint member_count;
};

CtNetwork *ct_network_new  (void);
CtNetwork *ct_network_copy (const CtNetwork *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_network_content_equal (const CtNetwork *a,
                                 const CtNetwork *b);

G_END_DECLS
