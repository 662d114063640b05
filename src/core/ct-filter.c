/* ct-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ct-filter.h"

G_DEFINE_BOXED_TYPE (CtFilter, ct_filter, ct_filter_copy, ct_filter_free)

CtFilter *
ct_filter_new (void)
{
  return g_new0 (CtFilter, 1);
}

CtFilter *
ct_filter_copy (const CtFilter *filter)
{
  CtFilter *copy = g_memdup2 (filter, sizeof *filter);

  copy->theme = g_strdup (filter->theme);
  copy->network = g_strdup (filter->network);
  copy->text = g_strdup (filter->text);
  return copy;
}

void
ct_filter_free (CtFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->theme);
  g_free (filter->network);
  g_free (filter->text);
  g_free (filter);
}

gboolean
ct_filter_restricts_partnerships (const CtFilter *filter)
{
  return filter != NULL &&
         (filter->kinds != 0 || filter->statuses != 0 ||
          (filter->theme != NULL && *filter->theme) ||
          filter->year_from != 0 || filter->year_to != 0);
}
