-- A City Ties database of schema version 1, as the first release wrote it, with a little data.
-- tests/data/schema-v1.db is made from this file: sqlite3 schema-v1.db < schema-v1.sql
PRAGMA user_version = 1;
PRAGMA journal_mode = WAL;
CREATE TABLE city (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  local_name TEXT,
  country TEXT NOT NULL,
  admin1 TEXT,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  geonames_id INTEGER,
  notes TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE partnership (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  title TEXT,
  signed TEXT,
  ended TEXT,
  themes TEXT,
  notes TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE party (
  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  city INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE,
  PRIMARY KEY (partnership, position)
) WITHOUT ROWID;
CREATE TABLE network (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT,
  url TEXT,
  notes TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE source (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  publisher TEXT,
  url TEXT,
  date TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE partnership_source (
  partnership INTEGER NOT NULL REFERENCES partnership (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  source INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  PRIMARY KEY (partnership, position)
) WITHOUT ROWID;
CREATE TABLE membership (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  city INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE,
  network INTEGER NOT NULL REFERENCES network (id) ON DELETE CASCADE,
  joined TEXT,
  left_on TEXT,
  role TEXT,
  notes TEXT,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE membership_source (
  membership INTEGER NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  source INTEGER NOT NULL REFERENCES source (id) ON DELETE CASCADE,
  PRIMARY KEY (membership, position)
) WITHOUT ROWID;

INSERT INTO city VALUES
  (1, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a01', 'Kaohsiung', '高雄市', 'TW', 'Kaohsiung City', 22.61626, 120.31333, NULL, NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (2, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a02', 'Da Nang', 'Đà Nẵng', 'VN', NULL, 16.06778, 108.22083, 1583992, 'Smart-city forum 2021', '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (3, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a03', 'Utrecht', NULL, 'NL', NULL, 52.09083, 5.12222, NULL, NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z');
INSERT INTO partnership VALUES
  (1, '7a2b3c4d-1111-4e22-8a33-445566778801', 'sister_city', 'unverified', 'Twinned cities', '2021', NULL, 'smart_city;culture', 'Kaohsiung''s "twin" — per press', '2024-01-02T03:04:05.000Z', '2024-02-03T04:05:06.000Z'),
  (2, '7a2b3c4d-1111-4e22-8a33-445566778802', 'mou', 'active', 'Smart city MOU', '2019-09-06', NULL, 'smart_city', NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z');
INSERT INTO party VALUES (1, 0, 1), (1, 1, 2), (2, 0, 1), (2, 1, 3);
INSERT INTO network VALUES
  (1, '8b3c4d5e-2222-4f33-9b44-556677889901', 'ASEAN Smart Cities Network', 'ASCN', NULL, NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z');
INSERT INTO source VALUES
  (1, '9c4d5e6f-3333-4a44-8c55-667788990001', 'Cities can expand Taiwan''s role', 'Taipei Times', NULL, '2021-12-22', '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z');
INSERT INTO partnership_source VALUES (1, 0, 1), (2, 0, 1);
INSERT INTO membership VALUES
  (1, 'ad5e6f70-4444-4b55-9d66-778899000101', 2, 1, '2018', NULL, 'pilot city', NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z');
INSERT INTO membership_source VALUES (1, 0, 1);
