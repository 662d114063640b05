/* ct-filter.h: what the lists and the map show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_FILTER (ct_filter_get_type ())

/* An empty filter (all zero) lets everything through. A partnership passes when it matches every
 * criterion set; a city passes when it matches the region and text criteria and, if the filter
 * restricts partnerships at all (or only_with_ties is set), when at least one of its partnerships
 * passes. */
typedef struct {
  guint    regions;        /* bit (1 << CtRegion) for each region shown; 0 = all */
  guint    kinds;          /* bit (1 << CtKind); 0 = all */
  guint    statuses;       /* bit (1 << CtStatus); 0 = all */
  char    *theme;          /* theme key */
  char    *network;        /* network id: cities in it, partnerships with a party in it */
  int      year_from;      /* signed in or after; 0 = open */
  int      year_to;        /* signed in or before; 0 = open */
  char    *text;           /* part of a city name in either script, or of a title */
  gboolean only_with_ties;
} CtFilter;

GType     ct_filter_get_type            (void) G_GNUC_CONST;
CtFilter *ct_filter_new                 (void);
CtFilter *ct_filter_copy                (const CtFilter *filter);
void      ct_filter_free                (CtFilter *filter);
gboolean  ct_filter_restricts_partnerships (const CtFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtFilter, ct_filter_free)

G_END_DECLS
