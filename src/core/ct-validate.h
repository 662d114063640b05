/* ct-validate.h: the rules every record obeys, wherever it comes from
 *
 * Messages name the field ("latitude: 123 is out of range …") so that importers can put the file and
 * line in front of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ct-dataset.h"

G_BEGIN_DECLS

gboolean ct_validate_theme       (const CtTheme       *theme,       GError **error);
gboolean ct_validate_city        (const CtCity        *city,        GError **error);
gboolean ct_validate_network     (const CtNetwork     *network,     GError **error);
gboolean ct_validate_source      (const CtSource      *source,      GError **error);
gboolean ct_validate_partnership (const CtPartnership *partnership, GError **error);
gboolean ct_validate_membership  (const CtMembership  *membership,  GError **error);
gboolean ct_validate_activity    (const CtActivity    *activity,    GError **error);

/* Validates any record type above */
gboolean ct_validate_record      (gpointer             record,      GError **error);

/* Makes a theme key from a label: "Smart city" → "smart_city" */
char    *ct_theme_key_from_label (const char *label);

G_END_DECLS
