/* ct-party.h: one city's side of a partnership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CT_TYPE_PARTY (ct_party_get_type ())

typedef struct {
  char *city;        /* city id */
  char *signed_name; /* the name this side used in the signed text, or NULL */
} CtParty;

GType    ct_party_get_type    (void) G_GNUC_CONST;
CtParty *ct_party_new         (const char *city,
                               const char *signed_name);
CtParty *ct_party_copy        (const CtParty *party);
void     ct_party_free        (CtParty *party);
gboolean ct_party_array_equal (GPtrArray *a,
                               GPtrArray *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtParty, ct_party_free)

G_END_DECLS
