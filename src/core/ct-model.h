/* ct-model.h: identifiers, dates and the small value rules shared by every layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CT_REGION_TAIWAN,
  CT_REGION_ASEAN,
  CT_REGION_EU,
  CT_REGION_OTHER,
  CT_N_REGIONS
} CtRegion;

typedef enum {
  CT_KIND_SISTER_CITY,
  CT_KIND_FRIENDSHIP_CITY,
  CT_KIND_MOU,
  CT_KIND_PROGRAMME_PAIRING,
  CT_KIND_EXCHANGE,
  CT_KIND_FORUM,
  CT_N_KINDS
} CtKind;

typedef enum {
  CT_STATUS_PROPOSED,
  CT_STATUS_NEGOTIATING,
  CT_STATUS_COUNCIL_APPROVED,
  CT_STATUS_NATIONALLY_APPROVED,
  CT_STATUS_ACTIVE,
  CT_STATUS_DORMANT,
  CT_STATUS_ENDED,
  CT_STATUS_UNVERIFIED,
  CT_N_STATUSES
} CtStatus;

typedef enum {
  CT_ACTIVITY_VISIT,
  CT_ACTIVITY_FORUM,
  CT_ACTIVITY_RENEWAL,
  CT_ACTIVITY_EXCHANGE,
  CT_ACTIVITY_NOTE,
  CT_N_ACTIVITY_KINDS
} CtActivityKind;

typedef enum {
  CT_DATE_NONE,
  CT_DATE_YEAR,
  CT_DATE_MONTH,
  CT_DATE_DAY,
} CtDatePrecision;

/* Stable identifiers ("sister_city") and translated labels ("Sister city").
 * The _from_string functions accept the identifier or the English label, in any case, and
 * return -1 for anything else. */
const char *ct_region_to_string          (CtRegion region);
const char *ct_region_get_label          (CtRegion region);
/* A theme's label in the UI language: the bundled themes are translated, a theme the user added
 * keeps the label it was given (stored_label), else its key */
const char *ct_theme_get_display_label   (const char *key,
                                          const char *stored_label);
int         ct_region_from_string        (const char *str);
const char *ct_kind_to_string            (CtKind kind);
const char *ct_kind_get_label            (CtKind kind);
int         ct_kind_from_string          (const char *str);
const char *ct_status_to_string          (CtStatus status);
const char *ct_status_get_label          (CtStatus status);
int         ct_status_from_string        (const char *str);
/* A tie in a sentence, as a screen reader reads it: "Sister city with Cebu City (Philippines),
 * Active, signed in 1969". partners may be NULL or "" (then "Sister city, Active, signed in
 * 1969"); year is 0 when unknown. Returns: (transfer full) */
char       *ct_tie_dup_spoken            (CtKind      kind,
                                          CtStatus    status,
                                          int         year,
                                          const char *partners);
const char *ct_activity_kind_to_string   (CtActivityKind kind);
const char *ct_activity_kind_get_label   (CtActivityKind kind);
int         ct_activity_kind_from_string (const char *str);

/* Countries: ISO 3166-1 alpha-2 codes from iso-codes, with the City Ties region. */
typedef struct {
  const char *code;     /* "TW" */
  const char *name;     /* English common name, "Taiwan" */
  const char *iso_name; /* iso-codes' name, "Taiwan, Province of China" */
  CtRegion    region;
} CtCountry;

const CtCountry *ct_country_lookup       (const char *code_or_name);
const CtCountry *ct_country_get_all      (guint *n_countries);
const char      *ct_country_get_display_name (const CtCountry *country);

/* Dates "YYYY", "YYYY-MM", "YYYY-MM-DD"; NULL and "" are CT_DATE_NONE. Returns FALSE for
 * anything else, including impossible dates (2023-02-29). */
gboolean ct_date_parse (const char      *str,
                        CtDatePrecision *precision,
                        int             *year,
                        int             *month,
                        int             *day);
gboolean ct_date_is_valid (const char *str);
int      ct_date_get_year (const char *str);
/* A date as people read it, by its precision: "2017", "March 2017", "27 March 2017"; NULL for no
 * date or one that does not parse. Returns: (transfer full) (nullable) */
char    *ct_date_format   (const char *str);

char    *ct_timestamp_now (void);
gboolean ct_timestamp_is_valid (const char *str);
char    *ct_uuid_new (void);
gboolean ct_uuid_is_valid (const char *str);

gboolean ct_latitude_is_valid  (double lat);
gboolean ct_longitude_is_valid (double lon);

/* NULL-safe: NULL and "" compare equal */
gboolean ct_str_equal0 (const char *a, const char *b);
/* Arrays of strings (theme keys, source ids), compared in order */
gboolean ct_strv_array_equal (GPtrArray *a,
                              GPtrArray *b);

/* Returns the string, or "" for NULL */
static inline const char *ct_str (const char *s) { return s ? s : ""; }

G_END_DECLS
