/* ct-theme.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-theme.h"

G_DEFINE_FINAL_TYPE (CtTheme, ct_theme, G_TYPE_OBJECT)

static void
ct_theme_finalize (GObject *object)
{
  CtTheme *self = ((CtTheme *) object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (ct_theme_parent_class)->finalize (object);
}

static void
ct_theme_class_init (CtThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ct_theme_finalize;
}

static void
ct_theme_init (CtTheme *self)
{
}

CtTheme *
ct_theme_new (void)
{
  return g_object_new (CT_TYPE_THEME, NULL);
}

CtTheme *
ct_theme_copy (const CtTheme *self)
{
  CtTheme *copy;

  g_return_val_if_fail (CT_IS_THEME ((gpointer) self), NULL);

  copy = ct_theme_new ();
  copy->id = g_strdup (self->id);
  copy->key = g_strdup (self->key);
  copy->label = g_strdup (self->label);
  copy->created = g_strdup (self->created);
  copy->updated = g_strdup (self->updated);

  return copy;
}

gboolean
ct_theme_content_equal (const CtTheme *a,
                           const CtTheme *b)
{
  g_return_val_if_fail (CT_IS_THEME ((gpointer) a), FALSE);
  g_return_val_if_fail (CT_IS_THEME ((gpointer) b), FALSE);

  return ct_str_equal0 (a->id, b->id) &&
         ct_str_equal0 (a->key, b->key) &&
         ct_str_equal0 (a->label, b->label);
}
