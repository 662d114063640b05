/* ct-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ct-store.h"

G_BEGIN_DECLS

#define CT_TYPE_APPLICATION (ct_application_get_type ())

G_DECLARE_FINAL_TYPE (CtApplication, ct_application, CT, APPLICATION, AdwApplication)

CtApplication *ct_application_new           (void);
/* The database the windows show; NULL until it is open */
CtStore       *ct_application_get_store     (CtApplication *self);
const char    *ct_application_get_database_path (CtApplication *self);
/* Opens path instead of the default database (tests, --database) */
void           ct_application_set_database_path (CtApplication *self,
                                                 const char    *path);
GSettings     *ct_application_get_settings  (CtApplication *self);

G_END_DECLS
