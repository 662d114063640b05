/* ct-city.h: A city (or a province, state or district that is a party to an agreement).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ct-model.h"

G_BEGIN_DECLS

#define CT_TYPE_CITY (ct_city_get_type ())

G_DECLARE_FINAL_TYPE (CtCity, ct_city, CT, CITY, GObject)

/* A plain record: the core reads and writes its fields directly; every string is owned
 * (g_free) and may be NULL. Views get copies from the store and hand them back to save. */
struct _CtCity
{
  GObject parent_instance;

  char           *id; /* UUID; NULL until saved */
  char           *name;
  char           *local_name;
  char           *country; /* ISO 3166-1 alpha-2 */
  char           *admin1;
  double          lat;
  double          lon;
  gint64          geonames_id; /* 0 when unknown */
  char           *notes;
  char           *created;
  char           *updated;

  /* derived, not stored: number of partnerships, filled in by ct_store_list_cities() */
  guint tie_count;
};

CtCity *ct_city_new  (void);
CtCity *ct_city_copy (const CtCity *self);
/* TRUE when every stored field but created/updated is equal */
gboolean ct_city_content_equal (const CtCity *a,
                              const CtCity *b);

/* The city's name in the UI language: in Chinese, the local name of a Taiwanese city and the
 * Traditional Chinese name of a bundled foreign one; otherwise the English (or romanised) name */
char       *ct_city_dup_display_name (const CtCity *self);
/* The name to show next to the display name, or NULL: the English name in a Chinese UI, the local
 * name otherwise */
const char *ct_city_get_other_name   (const CtCity *self);

G_END_DECLS
