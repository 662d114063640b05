/* ct-store-schema.h: the database schema, version by version
 *
 * Never edit a released version's statements: add a new version and a migration step in
 * ct-store.c instead, and a file of the version before it to tests/data (see its README.md).
 * tests/data/schema-v1.db is a file of version 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Tables that version 2 added to version 1 */
#define CT_SCHEMA_V2_NEW_TABLES \
  "CREATE TABLE country (" \
  "  code TEXT PRIMARY KEY CHECK (length(code) = 2)," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  region TEXT NOT NULL CHECK (region IN ('taiwan', 'asean', 'eu', 'other'))," \
  "  name TEXT NOT NULL," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE TABLE theme (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  key TEXT NOT NULL UNIQUE," \
  "  label TEXT NOT NULL," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE TABLE partnership_theme (" \
  "  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE," \
  "  position INTEGER NOT NULL," \
  "  theme INTEGER NOT NULL REFERENCES theme (id) ON DELETE CASCADE," \
  "  PRIMARY KEY (partnership, position)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX partnership_theme_theme ON partnership_theme (theme);" \
  "CREATE TABLE activity (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE," \
  "  date TEXT," \
  "  kind TEXT NOT NULL CHECK (kind IN ('visit', 'forum', 'renewal', 'exchange', 'note'))," \
  "  title TEXT," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE INDEX activity_partnership ON activity (partnership);"

#define CT_SCHEMA_V2_CITY \
  "CREATE TABLE city (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  name TEXT NOT NULL CHECK (name <> '')," \
  "  local_name TEXT," \
  "  country TEXT NOT NULL REFERENCES country (code)," \
  "  admin1 TEXT," \
  "  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90)," \
  "  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180)," \
  "  geonames_id INTEGER," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE INDEX city_country ON city (country);"

#define CT_SCHEMA_V2_PARTNERSHIP \
  "CREATE TABLE partnership (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  kind TEXT NOT NULL CHECK (kind IN ('sister_city', 'friendship_city', 'mou', 'programme_pairing', 'exchange', 'forum'))," \
  "  status TEXT NOT NULL CHECK (status IN ('proposed', 'negotiating', 'council_approved', 'nationally_approved', 'active', 'dormant', 'ended', 'unverified'))," \
  "  title TEXT," \
  "  signed TEXT," \
  "  ended TEXT," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");"

#define CT_SCHEMA_V2_PARTY \
  "CREATE TABLE party (" \
  "  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE," \
  "  position INTEGER NOT NULL," \
  "  city INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE," \
  "  signed_name TEXT," \
  "  PRIMARY KEY (partnership, position)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX party_city ON party (city);"

#define CT_SCHEMA_V2_REST \
  "CREATE TABLE network (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  name TEXT NOT NULL CHECK (name <> '')," \
  "  short_name TEXT," \
  "  url TEXT," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE TABLE source (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  title TEXT NOT NULL," \
  "  publisher TEXT," \
  "  url TEXT," \
  "  date TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE INDEX source_url ON source (url);" \
  "CREATE TABLE partnership_source (" \
  "  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE," \
  "  position INTEGER NOT NULL," \
  "  source INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE," \
  "  PRIMARY KEY (partnership, position)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX partnership_source_source ON partnership_source (source);" \
  "CREATE TABLE membership (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  city INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE," \
  "  network INTEGER NOT NULL REFERENCES network (id) ON DELETE CASCADE," \
  "  joined TEXT," \
  "  left_on TEXT," \
  "  role TEXT," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "CREATE INDEX membership_city ON membership (city);" \
  "CREATE INDEX membership_network ON membership (network);" \
  "CREATE TABLE membership_source (" \
  "  membership INTEGER NOT NULL REFERENCES membership (id) ON DELETE CASCADE," \
  "  position INTEGER NOT NULL," \
  "  source INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE," \
  "  PRIMARY KEY (membership, position)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX membership_source_source ON membership_source (source);"

/* A new file */
#define CT_SCHEMA_V2 \
  CT_SCHEMA_V2_NEW_TABLES \
  CT_SCHEMA_V2_CITY \
  CT_SCHEMA_V2_PARTNERSHIP \
  CT_SCHEMA_V2_PARTY \
  CT_SCHEMA_V2_REST

/* The rest of 1 → 2, after CT_SCHEMA_V2_NEW_TABLES and the theme split done in C: cities now
 * reference the country table, parties gain signed names, the themes column goes.
 * SQLite changes a table's constraints by rebuilding it. */
#define CT_SCHEMA_V2_FROM_V1 \
  "CREATE TABLE city_new (" \
  "  id INTEGER PRIMARY KEY," \
  "  uuid TEXT NOT NULL UNIQUE," \
  "  name TEXT NOT NULL CHECK (name <> '')," \
  "  local_name TEXT," \
  "  country TEXT NOT NULL REFERENCES country (code)," \
  "  admin1 TEXT," \
  "  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90)," \
  "  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180)," \
  "  geonames_id INTEGER," \
  "  notes TEXT," \
  "  created TEXT NOT NULL," \
  "  updated TEXT NOT NULL" \
  ");" \
  "INSERT INTO city_new SELECT id, uuid, name, local_name, upper(country), admin1, lat, lon, geonames_id, notes, created, updated FROM city;" \
  "CREATE TABLE party_new (" \
  "  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE," \
  "  position INTEGER NOT NULL," \
  "  city INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE," \
  "  signed_name TEXT," \
  "  PRIMARY KEY (partnership, position)" \
  ") WITHOUT ROWID;" \
  "INSERT INTO party_new (partnership, position, city) SELECT partnership, position, city FROM party;" \
  "DROP TABLE party;" \
  "PRAGMA legacy_alter_table = ON;" \
  "DROP TABLE city;" \
  "ALTER TABLE city_new RENAME TO city;" \
  "ALTER TABLE party_new RENAME TO party;" \
  "PRAGMA legacy_alter_table = OFF;" \
  "CREATE INDEX city_country ON city (country);" \
  "CREATE INDEX party_city ON party (city);" \
  "ALTER TABLE partnership DROP COLUMN themes;"
