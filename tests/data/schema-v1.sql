-- A City Ties database of schema version 1, as the first release wrote it, with a little data.
-- tests/data/schema-v1.db is made from this file by tools/make-schema-fixtures (see README.md).
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
  (3, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a03', 'Utrecht', NULL, 'NL', NULL, 52.09083, 5.12222, NULL, NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (4, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a04', 'Taipei', '臺北市', 'TW', 'Taipei City', 25.04776, 121.53185, 1668341, 'Capital; also written 台北', '2023-05-06T07:08:09.123Z', '2024-03-04T05:06:07.890Z'),
  (5, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a05', 'Chiang Mai', 'เชียงใหม่', 'th', 'Chiang Mai Province', 18.79038, 98.98468, 1153671, NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (6, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a06', 'Surabaya', NULL, 'ID', 'East Java', -7.24917, 112.75083, NULL, NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (7, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a07', 'Gdańsk', 'Gdańsk', 'PL', 'Pomorskie', 54.35205, 18.64637, 3099434, 'Hanseatic port
Solidarity, 1980', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (8, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a08', 'Kota Kinabalu', NULL, 'MY', 'Sabah', 5.9749, 116.0724, NULL, NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (9, '6f1c2a9e-3b9d-4a55-9a38-0c2f5b1e7a09', 'Taichung', '臺中市', 'TW', NULL, 24.1469, 120.6839, NULL, '«Smart Taichung» 🌏', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z');
INSERT INTO partnership VALUES
  (1, '7a2b3c4d-1111-4e22-8a33-445566778801', 'sister_city', 'unverified', 'Twinned cities', '2021', NULL, 'smart_city;culture', 'Kaohsiung''s "twin" — per press', '2024-01-02T03:04:05.000Z', '2024-02-03T04:05:06.000Z'),
  (2, '7a2b3c4d-1111-4e22-8a33-445566778802', 'mou', 'active', 'Smart city MOU', '2019-09-06', NULL, 'smart_city', NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (3, '7a2b3c4d-1111-4e22-8a33-445566778803', 'forum', 'active', 'Smart City Summit & Expo: mayors'' forum', '2023-03-28', NULL, 'Smart City; Public Health', '三方論壇 / ฟอรัมสามเมือง', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (4, '7a2b3c4d-1111-4e22-8a33-445566778804', 'programme_pairing', 'negotiating', NULL, NULL, NULL, NULL, 'Four-city pairing 🌏 (EU programme)', '2023-05-06T07:08:09.123Z', '2023-06-07T08:09:10.000Z'),
  (5, '7a2b3c4d-1111-4e22-8a33-445566778805', 'friendship_city', 'ended', NULL, '2001-05', '2019-12-31', '', NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z');
INSERT INTO party VALUES (1, 0, 1), (1, 1, 2), (2, 0, 1), (2, 1, 3),
  (3, 0, 4), (3, 1, 5), (3, 2, 6),
  (4, 0, 7), (4, 1, 9), (4, 2, 8), (4, 3, 2),
  (5, 0, 9), (5, 1, 7);
INSERT INTO network VALUES
  (1, '8b3c4d5e-2222-4f33-9b44-556677889901', 'ASEAN Smart Cities Network', 'ASCN', NULL, NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (2, '8b3c4d5e-2222-4f33-9b44-556677889902', 'CityNet', NULL, 'https://citynet-ap.org/', 'Secretariat in Seoul; 城市網絡', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z');
INSERT INTO source VALUES
  (1, '9c4d5e6f-3333-4a44-8c55-667788990001', 'Cities can expand Taiwan''s role', 'Taipei Times', NULL, '2021-12-22', '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (2, '9c4d5e6f-3333-4a44-8c55-667788990002', 'Đà Nẵng và Cao Hùng ký kết hợp tác', 'Báo Đà Nẵng', 'https://baodanang.vn/a?id=1&lang=vi', '2021-03', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (3, '9c4d5e6f-3333-4a44-8c55-667788990003', 'Gdańsk i Tajwan', NULL, 'https://example.pl/gdansk-tajwan', NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z');
INSERT INTO partnership_source VALUES (1, 0, 1), (2, 0, 1), (3, 0, 2), (3, 1, 1), (4, 0, 3);
INSERT INTO membership VALUES
  (1, 'ad5e6f70-4444-4b55-9d66-778899000101', 2, 1, '2018', NULL, 'pilot city', NULL, '2024-01-02T03:04:05.000Z', '2024-01-02T03:04:05.000Z'),
  (2, 'ad5e6f70-4444-4b55-9d66-778899000102', 1, 2, '2007-06', '2015', 'member', '會員 (associate)', '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z'),
  (3, 'ad5e6f70-4444-4b55-9d66-778899000103', 5, 1, '2018-07-08', NULL, NULL, NULL, '2023-05-06T07:08:09.123Z', '2023-05-06T07:08:09.123Z');
INSERT INTO membership_source VALUES (1, 0, 1), (3, 0, 2), (3, 1, 3);
