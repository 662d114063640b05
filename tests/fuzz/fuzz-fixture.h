/* fuzz-fixture.h: the records every fuzz target's database starts with (generated from an
 * export of the bundled dataset: Taichung, Prato and Taipei, their ICP-AGIR pairing, its sources,
 * themes and activity, Taichung's membership of the ICP-AGIR network). The seed corpus uses the
 * same ids and names, so that mutations reach the update, conflict and lookup paths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define FUZZ_FIXTURE_JSON \
  "{\"format\":\"io.github.cityties.CityTies\",\"version\":1," \
  "\"themes\":[" \
  "{\"id\":\"1d945f20-fdb8-5269-af51-d0e90f9576ed\",\"key\":\"air_quality\",\"label\":\"Air quality\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}," \
  "{\"id\":\"d2131c73-183d-5f0f-b1fb-9288523eca90\",\"key\":\"circular_economy\",\"label\":\"Circular economy\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"cities\":[" \
  "{\"id\":\"61958b66-df0f-5ec5-903a-ff1e91d5a1d9\",\"name\":\"Taichung\",\"local_name\":\"臺中市\",\"country\":\"TW\",\"admin1\":\"Taichung City\",\"lat\":24.1469,\"lon\":120.6839,\"geonames_id\":null,\"notes\":\"Special municipality.\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}," \
  "{\"id\":\"71902e32-23b5-5f96-9893-3941726c00d8\",\"name\":\"Taipei\",\"local_name\":\"臺北市\",\"country\":\"TW\",\"admin1\":\"Taipei City\",\"lat\":25.05306,\"lon\":121.52639,\"geonames_id\":null,\"notes\":\"Special municipality.\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}," \
  "{\"id\":\"da4333df-b46e-5cab-a7e2-31190c380d86\",\"name\":\"Prato\",\"local_name\":\"Prato\",\"country\":\"IT\",\"admin1\":\"Tuscany\",\"lat\":43.8805,\"lon\":11.09699,\"geonames_id\":null,\"notes\":\"\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"networks\":[" \
  "{\"id\":\"849f6701-746f-5420-b26e-f3a3102bc03c\",\"name\":\"International City Partnerships: Acting for Green and Inclusive Recovery\",\"short_name\":\"ICP-AGIR\",\"url\":\"http://icp-agir.eu/\",\"notes\":\"European Commission (DG Regional and Urban Policy) progra...\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"sources\":[" \
  "{\"id\":\"94bd6200-ab25-5f41-b666-69cd3f29332b\",\"title\":\"Prato visits Taichung through the EU ICP-AGIR project\",\"publisher\":\"CityNet\",\"url\":\"https://citynet-ap.org/prato-visits-taichung-through-the-eu-icp-agir-project/\",\"date\":\"\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}," \
  "{\"id\":\"a5b46343-90a9-593b-8b98-abc247ed34b6\",\"title\":\"Asian and EU cities kick off their collaboration under th...\",\"publisher\":\"ICP-AGIR\",\"url\":\"http://icp-agir.eu/asia/asian-and-eu-cities-kick-off-their-collaboration-under-the-icp-agir-programme/\",\"date\":\"2022-02-10\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"partnerships\":[" \
  "{\"id\":\"9fa4fc88-7f3b-5ae3-8bcb-9dd0ff508260\",\"kind\":\"programme_pairing\",\"status\":\"ended\",\"title\":\"Taichung – Prato ICP-AGIR pairing\",\"signed\":\"2022-02-10\",\"ended\":\"\",\"themes\":[\"air_quality\",\"circular_economy\"],\"parties\":[{\"city\":\"61958b66-df0f-5ec5-903a-ff1e91d5a1d9\",\"signed_name\":\"\"},{\"city\":\"da4333df-b46e-5cab-a7e2-31190c380d86\",\"signed_name\":\"\"}],\"sources\":[\"a5b46343-90a9-593b-8b98-abc247ed34b6\",\"94bd6200-ab25-5f41-b666-69cd3f29332b\"],\"notes\":\"EU International City Partnerships (ICP-AGIR) pairing; ki...\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"memberships\":[" \
  "{\"id\":\"0d75f429-bbe0-51ab-a265-e50ad13a7179\",\"city\":\"da4333df-b46e-5cab-a7e2-31190c380d86\",\"network\":\"849f6701-746f-5420-b26e-f3a3102bc03c\",\"joined\":\"2022\",\"left\":\"\",\"role\":\"paired city\",\"sources\":[\"a5b46343-90a9-593b-8b98-abc247ed34b6\"],\"notes\":\"Paired with Taichung.\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]," \
  "\"activities\":[" \
  "{\"id\":\"084494b6-8a87-5e92-b665-7e90cf00b8b0\",\"partnership\":\"9fa4fc88-7f3b-5ae3-8bcb-9dd0ff508260\",\"date\":\"2023-02-12\",\"kind\":\"visit\",\"title\":\"Prato delegation's study visit to Taichung\",\"notes\":\"12–15 February 2023; Taichung reports a visit by the mayo...\",\"created\":\"2026-11-28T00:00:00.000Z\",\"updated\":\"2026-11-28T00:00:00.000Z\"}" \
  "]}"
