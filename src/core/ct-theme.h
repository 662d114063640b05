/* ct-theme.h: A theme a partnership can be about (smart city, culture, ...); users can add their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_THEME (ct_theme_get_type ())

G_DECLARE_FINAL_TYPE (CtTheme, ct_theme, CT, THEME, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtTheme
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *key;
  char           *label;
  char           *created;
  char           *updated;
};

CtTheme *ct_theme_new  (void);
CtTheme *ct_theme_copy (const CtTheme *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_theme_content_equal (const CtTheme *a,
                               const CtTheme *b);

G_END_DECLS
