/* test-model.c: identifiers, labels, countries, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ct-model.h"
#include "ct-validate.h"

static void
test_model_identifiers (void)
{
  g_assert_cmpint (ct_kind_from_string ("sister_city"), ==, CT_KIND_SISTER_CITY);
  g_assert_cmpint (ct_kind_from_string ("Sister city"), ==, CT_KIND_SISTER_CITY);
  g_assert_cmpint (ct_kind_from_string ("SISTER CITY"), ==, CT_KIND_SISTER_CITY);
  g_assert_cmpint (ct_kind_from_string ("mou"), ==, CT_KIND_MOU);
  g_assert_cmpint (ct_kind_from_string ("MOU"), ==, CT_KIND_MOU);
  g_assert_cmpint (ct_kind_from_string ("alliance"), ==, -1);
  g_assert_cmpint (ct_kind_from_string (NULL), ==, -1);
  g_assert_cmpint (ct_status_from_string ("Council approved"), ==, CT_STATUS_COUNCIL_APPROVED);
  g_assert_cmpint (ct_status_from_string ("nationally_approved"), ==, CT_STATUS_NATIONALLY_APPROVED);
  g_assert_cmpint (ct_status_from_string ("signed"), ==, -1);
  g_assert_cmpint (ct_activity_kind_from_string ("Renewal"), ==, CT_ACTIVITY_RENEWAL);

  for (guint i = 0; i < CT_N_KINDS; i++)
    g_assert_cmpint (ct_kind_from_string (ct_kind_to_string (i)), ==, i);
  for (guint i = 0; i < CT_N_STATUSES; i++)
    g_assert_cmpint (ct_status_from_string (ct_status_to_string (i)), ==, i);
}

static void
test_model_countries (void)
{
  guint n = 0, asean = 0, eu = 0;
  const CtCountry *all = ct_country_get_all (&n);

  g_assert_cmpuint (n, ==, 249);
  for (guint i = 0; i < n; i++)
    {
      asean += all[i].region == CT_REGION_ASEAN;
      eu += all[i].region == CT_REGION_EU;
    }
  g_assert_cmpuint (asean, ==, 10);
  g_assert_cmpuint (eu, ==, 27);

  g_assert_cmpstr (ct_country_lookup ("TW")->code, ==, "TW");
  g_assert_cmpint (ct_country_lookup ("tw")->region, ==, CT_REGION_TAIWAN);
  g_assert_cmpstr (ct_country_lookup ("Taiwan")->code, ==, "TW");
  g_assert_cmpstr (ct_country_lookup ("Vietnam")->code, ==, "VN");
  g_assert_cmpstr (ct_country_lookup ("Viet Nam")->code, ==, "VN");
  g_assert_cmpstr (ct_country_lookup ("czech republic")->code, ==, "CZ");
  g_assert_cmpstr (ct_country_lookup (" Philippines ")->code, ==, "PH");
  g_assert_null (ct_country_lookup ("Atlantis"));
  g_assert_null (ct_country_lookup ("XX"));
}

static void
test_model_dates (void)
{
  CtDatePrecision p;
  int y, m, d;

  g_assert_true (ct_date_parse ("2017-03-27", &p, &y, &m, &d));
  g_assert_cmpint (p, ==, CT_DATE_DAY);
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20170327);
  g_assert_true (ct_date_parse ("2021-08", &p, &y, &m, &d));
  g_assert_cmpint (p, ==, CT_DATE_MONTH);
  g_assert_true (ct_date_parse ("1966", &p, &y, &m, &d));
  g_assert_cmpint (p, ==, CT_DATE_YEAR);
  g_assert_true (ct_date_parse ("", &p, NULL, NULL, NULL));
  g_assert_cmpint (p, ==, CT_DATE_NONE);

  g_assert_true (ct_date_is_valid ("2024-02-29"));
  g_assert_false (ct_date_is_valid ("2023-02-29"));
  g_assert_false (ct_date_is_valid ("2021-13"));
  g_assert_false (ct_date_is_valid ("2021-04-31"));
  g_assert_false (ct_date_is_valid ("21-04-01"));
  g_assert_false (ct_date_is_valid ("2021/04/01"));
  g_assert_false (ct_date_is_valid ("２０２１"));
  g_assert_cmpint (ct_date_get_year ("2019-09-06"), ==, 2019);

  g_assert_true (ct_timestamp_is_valid ("2026-11-28T15:04:16.123Z"));
  g_assert_false (ct_timestamp_is_valid ("2026-11-28 15:04:16"));
  {
    g_autofree char *now = ct_timestamp_now ();
    g_assert_true (ct_timestamp_is_valid (now));
  }
}

static void
test_model_theme_keys (void)
{
  g_autofree char *a = ct_theme_key_from_label ("Smart city");
  g_autofree char *b = ct_theme_key_from_label ("  Public-health / ICT ");
  g_autofree char *c = ct_theme_key_from_label ("客家文化");
  g_autofree char *d = ct_theme_key_from_label ("!!!");

  g_assert_cmpstr (a, ==, "smart_city");
  g_assert_cmpstr (b, ==, "public_health_ict");
  g_assert_cmpstr (c, ==, "客家文化");
  g_assert_cmpstr (d, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/identifiers", test_model_identifiers);
  g_test_add_func ("/model/countries", test_model_countries);
  g_test_add_func ("/model/dates", test_model_dates);
  g_test_add_func ("/model/theme-keys", test_model_theme_keys);

  return g_test_run ();
}
