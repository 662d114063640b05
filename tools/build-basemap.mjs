// Builds the offline basemap files data/basemap-50m.ctb and data/basemap-10m.ctb from Natural Earth
// countries (npm package world-atlas 2.0.2, TopoJSON; Natural Earth is in the public domain).
//
//   cd tools && npm ci && node build-basemap.mjs
//
// File format "CTBM" version 1, little-endian (read by src/map/ct-basemap.c):
//   header   magic "CTBM", u16 version (1), u16 scale (50 or 10), u32 n_countries
//   country  (n_countries times)
//            2 bytes ISO 3166-1 alpha-2 ("\0\0" when Natural Earth has no code: Kosovo, N. Cyprus…)
//            u8 name length, name bytes (English, Natural Earth), f32 label lon, f32 label lat,
//            u32 n_rings, then each ring: u32 n_points, f32 bbox west south east north,
//            points as zigzag varint deltas of round(coordinate × 1e5), lon then lat, the first
//            point's delta taken from (0, 0)
// Rings are the outer and inner rings of every polygon; the renderer fills them even-odd per country.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const iso = JSON.parse(readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'];
const byNumeric = new Map(iso.map((c) => [c.numeric, c.alpha_2]));

function varint(out, value) {
  let v = value >= 0 ? value * 2 : -value * 2 - 1; // zigzag
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(a / 2);
}

function build(scale) {
  const topo = require(`world-atlas/countries-${scale}m.json`);
  const countries = feature(topo, topo.objects.countries).features;
  const bytes = [];
  const u16 = (v) => bytes.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (v) => bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  const f32 = (v) => { const b = Buffer.alloc(4); b.writeFloatLE(v); bytes.push(...b); };

  bytes.push(...Buffer.from('CTBM'));
  u16(1);
  u16(scale);
  const kept = countries.filter((f) => f.geometry);
  kept.sort((a, b) => (a.id ?? '').localeCompare(b.id ?? '') || a.properties.name.localeCompare(b.properties.name));
  u32(kept.length);

  let points = 0;
  for (const f of kept) {
    const code = byNumeric.get(f.id) ?? '';
    const name = Buffer.from(f.properties.name, 'utf8');
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const rings = polygons.flat();

    // Label: centre of the bounding box of the largest outer ring
    let best = polygons[0][0];
    for (const p of polygons) if (ringArea(p[0]) > ringArea(best)) best = p[0];
    const lons = best.map((p) => p[0]);
    const lats = best.map((p) => p[1]);

    bytes.push(code ? code.charCodeAt(0) : 0, code ? code.charCodeAt(1) : 0);
    bytes.push(name.length, ...name);
    f32((Math.min(...lons) + Math.max(...lons)) / 2);
    f32((Math.min(...lats) + Math.max(...lats)) / 2);
    u32(rings.length);
    for (const ring of rings) {
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      u32(ring.length);
      f32(Math.min(...xs)); f32(Math.min(...ys)); f32(Math.max(...xs)); f32(Math.max(...ys));
      let px = 0, py = 0;
      for (const [x, y] of ring) {
        const qx = Math.round(x * 1e5), qy = Math.round(y * 1e5);
        varint(bytes, qx - px);
        varint(bytes, qy - py);
        px = qx; py = qy;
      }
      points += ring.length;
    }
  }

  const path = new URL(`../data/basemap-${scale}m.ctb`, import.meta.url);
  writeFileSync(path, Buffer.from(bytes));
  console.log(`basemap-${scale}m.ctb: ${kept.length} countries, ${points} points, ${bytes.length} bytes`);
  const missing = kept.filter((f) => !byNumeric.get(f.id)).map((f) => f.properties.name);
  if (missing.length) console.log(`  without an ISO code: ${missing.join(', ')}`);
}

build(50);
build(10);
