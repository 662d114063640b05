/* ct-activity.h: A dated event on a partnership: a visit, a forum, a renewal, an exchange, a note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_ACTIVITY (ct_activity_get_type ())

G_DECLARE_FINAL_TYPE (CtActivity, ct_activity, CT, ACTIVITY, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtActivity
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *partnership; /* partnership id */
  char           *date;
  CtActivityKind  kind;
  char           *title;
  char           *notes;
  char           *created;
  char           *updated;
};

CtActivity *ct_activity_new  (void);
CtActivity *ct_activity_copy (const CtActivity *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_activity_content_equal (const CtActivity *a,
                                  const CtActivity *b);

G_END_DECLS
