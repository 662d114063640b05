/* ct-source.h: Where a fact comes from: an article, a press release, a council record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_SOURCE (ct_source_get_type ())

G_DECLARE_FINAL_TYPE (CtSource, ct_source, CT, SOURCE, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtSource
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *title;
  char           *publisher;
  char           *url;
  char           *date;
  char           *created;
  char           *updated;
};

CtSource *ct_source_new  (void);
CtSource *ct_source_copy (const CtSource *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_source_content_equal (const CtSource *a,
                                const CtSource *b);

G_END_DECLS
