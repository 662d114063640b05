#!/usr/bin/env node
// build-basemap.mjs: writes the offline basemap, data/basemap-50m.ctb and data/basemap-10m.ctb.
//
//   cd tools && npm ci && node build-basemap.mjs
//
// Input: Natural Earth 4.1.0 admin-0 countries (public domain) as TopoJSON, from the npm package
// world-atlas 2.0.2 (countries-50m.json, countries-10m.json), and Debian's iso-codes
// (/usr/share/iso-codes/json/iso_3166-1.json) for the ISO 3166-1 codes and English names.
// Read by src/map/ct-basemap.c. A rerun writes identical bytes.
//
// The topology is kept: every shared boundary ("arc") is stored once, rings are lists of arcs, and
// each arc says whether it is coast (one country on one side, sea on the other), a land border (two
// countries) or an interior line (the same country on both sides, e.g. where Natural Earth splits one
// country into two features). The renderer fills rings and strokes coasts and borders from the same
// points, each border once.
//
// ---------------------------------------------------------------------------------------------------
// File format "CTBM", version 2. Little-endian; u = unsigned, i = signed, f64 = IEEE 754 double.
//
// Coordinates are integers on a grid (the TopoJSON quantisation of the source, kept losslessly):
//   longitude = lon0 + qx × dlon,  latitude = lat0 + qy × dlat,  0 ≤ qx ≤ nx, 0 ≤ qy ≤ ny
// A bounding box is four grid values west, south, east, north (west ≤ east and south ≤ north, except
// a country's box, where west > east means it crosses the antimeridian: Fiji, Russia, the USA).
//
// Header, 96 bytes:
//    0  char[4] magic "CTBM"
//    4  u16     version (2)
//    6  u16     scale: Natural Earth 1:N million (50 or 10)
//    8  u32     checksum: FNV-1a (32 bit) of the whole file but these four bytes (0–7, then 12 to the
//               end)
//   12  u32     file size in bytes
//   16  f64     lon0        24  f64  lat0        32  f64  dlon        40  f64  dlat
//   48  u32     nx          52  u32  ny
//   56  u32     n_countries 60  u32  n_polygons  64  u32  n_rings     68  u32  n_refs
//   72  u32     n_arcs      76  u32  n_points    80  u32  strings_size
//   84  u32     points_size 88  u32  reserved (0) 92  u32  reserved (0)
// Then the sections, back to back in this order; the header's counts give their sizes, which add
// up to the file size:
//   countries  n_countries × 44 bytes, sorted by code then name (countries without a code last)
//      0  char[2] ISO 3166-1 alpha-2, or two zero bytes (Kosovo, N. Cyprus, Somaliland, …)
//      2  u16     ISO 3166-1 numeric, or 0
//      4  u32     offset of the English name in the strings section
//      8  u32     first polygon      12  u32  number of polygons (≥ 1)
//     16  u32     label polygon: the largest polygon (by area), an index into the polygons section
//     20  u32     label point qx     24  u32  label point qy: the pole of inaccessibility of the
//                                              label polygon (in Web-Mercator), so inside it
//     28  u32[4]  bounding box of all the country's rings
//   polygons   n_polygons × 8 bytes: u32 first ring, u32 number of rings (≥ 1; the first is the outer)
//   rings      n_rings × 24 bytes: u32 first ref, u32 number of refs (≥ 1), u32[4] bounding box
//   refs       n_refs × 4 bytes: i32 arc index, or its ones' complement (~index) for the arc
//              reversed, as in TopoJSON. The arcs of a ring join end to start and close the ring.
//   arcs       n_arcs × 8 bytes: u32 number of points (≥ 2), u8 kind (0 coast, 1 land border,
//              2 interior: the same country on both sides, or Natural Earth's cuts along ±180°
//              and the bottom of the map; not drawn), u8[3] zero
//   strings    NUL-terminated UTF-8 names
//   points     per arc, in order: its points as pairs of zigzag LEB128 varints (qx then qy), the
//              first point absolute, each next one as the difference to the one before
//   levels     n_points bytes, one per point in the same order: the lowest zoom level (of 256-pixel
//              tiles, one device pixel per pixel) that draws the point; 0 for the two ends of every
//              arc, 255 for points that never matter. See "Simplification" below.
//
// Simplification: the points of each arc are ranked by Visvalingam–Whyatt, in Web-Mercator world
// coordinates: a point's effective area is that of the triangle it makes with its neighbours when
// it would be removed, and never less than that of a point removed before it. Its level is the
// first zoom at which that area reaches LEVEL_AREA square pixels. Both sides of a border use the
// same arc and so the same points at every zoom.
//
// Countries are Natural Earth features merged by ISO numeric code (Australia and the Ashmore and
// Cartier Islands become AU). Features without a code keep Natural Earth's name and code "".
// English names are iso-codes' common name where it has one, else its name: the msgids of the
// "iso_3166-1" gettext domain, so the app shows them in the UI language.
// ---------------------------------------------------------------------------------------------------
//
// SPDX-License-Identifier: GPL-3.0-or-later

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const require = createRequire(import.meta.url);

const WORLD_ATLAS_VERSION = '2.0.2';
const VERSION = 2;
const HEADER_SIZE = 96;
const COUNTRY_SIZE = 44;
const KIND_COAST = 0, KIND_BORDER = 1, KIND_INTERIOR = 2;

{
  const pkg = require('world-atlas/package.json');
  if (pkg.version !== WORLD_ATLAS_VERSION)
    throw new Error(`world-atlas ${pkg.version} installed, ${WORLD_ATLAS_VERSION} expected: run npm ci`);
}

const iso = JSON.parse(readFileSync('/usr/share/iso-codes/json/iso_3166-1.json', 'utf8'))['3166-1'];
const isoByNumeric = new Map(iso.map((c) => [c.numeric, c]));

/* ------------------------------------------------------------------------------------------------ */
/* Geometry helpers                                                                                 */
/* ------------------------------------------------------------------------------------------------ */

const mercY = (lat) => {
  const phi = Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180 / Math.PI;
};
const invMercY = (y) => (2 * Math.atan(Math.exp(y * Math.PI / 180)) - Math.PI / 2) * 180 / Math.PI;

// Area in square degrees scaled by cos(latitude): proportional to the area on the ground
function ringArea(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j], [x2, y2] = ring[i];
    a += (x1 * Math.cos(y1 * Math.PI / 180) - x2 * Math.cos(y2 * Math.PI / 180)) * (y1 + y2);
  }
  return Math.abs(a / 2);
}

// Pole of inaccessibility (the "polylabel" algorithm of Mapbox, ISC): the point inside the polygon
// farthest from its edges, to within `precision`. rings[0] is the outer ring, the others holes.
function pointToPolygonDistance(x, y, rings) {
  let inside = false;
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i], b = ring[j];
      if ((a[1] > y) !== (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0])
        inside = !inside;
      minSq = Math.min(minSq, segmentDistanceSq(x, y, a, b));
    }
  }
  return minSq === 0 ? 0 : (inside ? 1 : -1) * Math.sqrt(minSq);
}

function segmentDistanceSq(px, py, a, b) {
  let x = a[0], y = a[1];
  let dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = px - x; dy = py - y;
  return dx * dx + dy * dy;
}

function polylabel(rings, precision) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of rings[0]) {
    minX = Math.min(minX, x); minY = Math.min(minY, y);
    maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
  }
  const width = maxX - minX, height = maxY - minY;
  const cellSize = Math.min(width, height);
  if (cellSize === 0) return [minX, minY];

  const cell = (x, y, h) => {
    const d = pointToPolygonDistance(x, y, rings);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };
  // A max-heap on `max`, ties broken by position so that the result never depends on the heap
  const heap = [];
  const better = (a, b) => a.max > b.max || (a.max === b.max && (a.x < b.x || (a.x === b.x && a.y < b.y)));
  const push = (c) => {
    heap.push(c);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!better(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && better(heap[l], heap[m])) m = l;
        if (r < heap.length && better(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };

  const h = cellSize / 2;
  for (let x = minX; x < maxX; x += cellSize)
    for (let y = minY; y < maxY; y += cellSize)
      push(cell(x + h, y + h, h));

  // First guesses: the centroid of the outer ring and the centre of the bounding box
  let best = cell(minX + width / 2, minY + height / 2, 0);
  {
    let area = 0, cx = 0, cy = 0;
    const ring = rings[0];
    for (let i = 0, len = ring.length, j = len - 1; i < len; j = i++) {
      const a = ring[i], b = ring[j];
      const f = a[0] * b[1] - b[0] * a[1];
      cx += (a[0] + b[0]) * f; cy += (a[1] + b[1]) * f; area += f * 3;
    }
    if (area !== 0) {
      const c = cell(cx / area, cy / area, 0);
      if (c.d > best.d) best = c;
    }
  }

  while (heap.length) {
    const c = pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    const hh = c.h / 2;
    push(cell(c.x - hh, c.y - hh, hh));
    push(cell(c.x + hh, c.y - hh, hh));
    push(cell(c.x - hh, c.y + hh, hh));
    push(cell(c.x + hh, c.y + hh, hh));
  }
  return [best.x, best.y];
}

// The smallest longitude interval (in grid units, on a circle of nx) that covers every [w, e]
// interval: [west, east], with west > east when it wraps across the antimeridian
function wrapBox(intervals, nx) {
  const sorted = intervals.map(([w, e]) => [w, e]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const iv of sorted) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push(iv);
  }
  // The largest gap between merged intervals, including the one across ±180 (which is where the
  // grid's two ends meet: qx = 0 and qx = nx are the same meridian)
  let gapStart = merged[merged.length - 1][1], gapEnd = merged[0][0] + nx;
  let gap = gapEnd - gapStart;
  let west = merged[0][0], east = merged[merged.length - 1][1];
  for (let i = 1; i < merged.length; i++) {
    const g = merged[i][0] - merged[i - 1][1];
    if (g > gap) {
      gap = g;
      west = merged[i][0];
      east = merged[i - 1][1];
    }
  }
  return [west, east];
}

// Visvalingam–Whyatt levels of the points of one arc (world coordinates), see the format above
const LEVEL_AREA = 1.0; // square pixels
function simplificationLevels(pts) {
  const n = pts.length;
  const levels = new Array(n).fill(0);
  if (n <= 2) return levels;
  const prev = pts.map((_, i) => i - 1), next = pts.map((_, i) => i + 1);
  const area = (i) => {
    const a = pts[prev[i]], b = pts[i], c = pts[next[i]];
    return Math.abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])) / 2;
  };
  // A min-heap of [area, index], ties broken by index so that the result is deterministic
  const heap = [];
  const less = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const version = new Array(n).fill(0);
  const push = (e) => {
    heap.push(e);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0], last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    return top;
  };
  for (let i = 1; i < n - 1; i++) push([area(i), i, 0]);
  let floor = 0;
  while (heap.length) {
    const [a, i, v] = pop();
    if (v !== version[i]) continue; // stale
    const effective = Math.max(a, floor);
    floor = effective;
    // area in pixels at zoom z: effective × (256 × 2^z)²
    levels[i] = effective === 0 ? 255
      : Math.min(254, Math.max(1, Math.ceil(0.5 * Math.log2(LEVEL_AREA / (effective * 65536)))));
    const p = prev[i], q = next[i];
    next[p] = q;
    prev[q] = p;
    if (p > 0) push([area(p), p, ++version[p]]);
    if (q < n - 1) push([area(q), q, ++version[q]]);
  }
  return levels;
}

/* ------------------------------------------------------------------------------------------------ */
/* Encoding                                                                                         */
/* ------------------------------------------------------------------------------------------------ */

class Writer {
  constructor() { this.chunks = []; this.length = 0; }
  bytes(b) { this.chunks.push(Buffer.from(b)); this.length += b.length; }
  u8(v) { this.bytes([v & 0xff]); }
  u16(v) { const b = Buffer.alloc(2); b.writeUInt16LE(v); this.bytes(b); }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.bytes(b); }
  i32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); this.bytes(b); }
  f64(v) { const b = Buffer.alloc(8); b.writeDoubleLE(v); this.bytes(b); }
  varint(value) {
    let v = value >= 0 ? value * 2 : -value * 2 - 1; // zigzag
    const out = [];
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.bytes(out);
  }
  buffer() { return Buffer.concat(this.chunks); }
}

// FNV-1a (32 bit) of the file without its checksum field (bytes 8–11)
function checksum(buf) {
  let h = 0x811c9dc5;
  for (let i = 0; i < buf.length; i++) {
    if (i >= 8 && i < 12) continue;
    h ^= buf[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// world-atlas stitches Natural Earth's cuts at ±180° away (for spherical rendering): Russia, Fiji and
// Antarctica have rings that jump from one edge of the map to the other. For a flat map they are
// cut again: an arc is split where it jumps, at the latitude where it meets ±180°; a ring that
// crosses twice becomes two rings (two polygons), each closed along the meridian; a ring around the
// South Pole (crossing once) is closed along the bottom of the map. The closing lines lie on the
// cut lines and are drawn as neither coast nor border. Rings that the closing leaves without area
// (1:50m Antarctica's ring along -89.999°) are left out. Changes `arcs` and the countries in place.
function cutAtAntimeridian(arcs, countries, nx) {
  const same = (a, b) => a[0] === b[0] && a[1] === b[1];
  const pieces = arcs.map(() => null);   // original arc index → indices of its pieces
  const originalCount = arcs.length;

  for (let i = 0; i < originalCount; i++) {
    const arc = arcs[i];
    const parts = [[arc[0]]];
    for (let k = 1; k < arc.length; k++) {
      const p = arc[k - 1], q = arc[k];
      if (Math.abs(q[0] - p[0]) > nx / 2) {
        // East across +180 (p near nx, q near 0) or west across -180
        const east = q[0] < p[0];
        const qx = east ? q[0] + nx : q[0] - nx;
        const edge = east ? nx : 0;
        // Where p and q are both on the edge (a step along ±180°), the pieces end at p and start at q
        const t = qx === p[0] ? 0 : (edge - p[0]) / (qx - p[0]);
        const a = qx === p[0] ? p : [edge, Math.round(p[1] + t * (q[1] - p[1]))];
        const b = qx === p[0] ? q : [east ? 0 : nx, a[1]];
        const cur = parts[parts.length - 1];
        if (!same(cur[cur.length - 1], a)) cur.push(a);
        parts.push(same(b, q) ? [] : [b]);
      }
      parts[parts.length - 1].push(q);
    }
    const kept = parts.filter((part) => part.length >= 2);
    if (kept.length === 1) {
      arcs[i] = kept[0];
      pieces[i] = [i];
    } else {
      pieces[i] = kept.map((part, k) => {
        if (k === 0) { arcs[i] = part; return i; }
        arcs.push(part);
        return arcs.length - 1;
      });
    }
  }

  const mapRef = (ref) => (ref >= 0 ? pieces[ref] : [...pieces[~ref]].reverse().map((j) => ~j));
  const first = (ref) => (ref >= 0 ? arcs[ref][0] : arcs[~ref][arcs[~ref].length - 1]);
  const last = (ref) => (ref >= 0 ? arcs[ref][arcs[ref].length - 1] : arcs[~ref][0]);
  const newArc = (points) => {
    const pts = points.filter((p, k) => k === 0 || !same(p, points[k - 1]));
    arcs.push(pts);
    return arcs.length - 1;
  };
  const ringArea2 = (ring) => {
    const pts = [];
    ring.forEach((ref, k) => {
      const a = ref >= 0 ? arcs[ref] : [...arcs[~ref]].reverse();
      pts.push(...(k ? a.slice(1) : a));
    });
    let a = 0;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++)
      a += (pts[j][0] - pts[i][0]) * (pts[j][1] + pts[i][1]);
    return a;
  };

  for (const c of countries) {
    const polygons = [];
    for (const polygon of c.polygons) {
      // A gap whose two ends are on the same side (a point of the ring that stood alone on the other
      // side: 1:10m Fiji) is closed where it is, along the meridian
      const rings = polygon.map((ring) => ring.flatMap(mapRef).flatMap((ref, k, all) => {
        const e = last(ref), s = first(all[(k + 1) % all.length]);
        return !same(e, s) && e[0] === s[0] && (e[0] === 0 || e[0] === nx) ? [ref, newArc([e, s])] : [ref];
      }));
      const out = [[]];   // out[0]: the rings of this polygon; more entries: polygons split off
      rings.forEach((ring, ri) => {
        const gaps = [];
        for (let k = 0; k < ring.length; k++)
          if (!same(last(ring[k]), first(ring[(k + 1) % ring.length]))) gaps.push(k);
        if (gaps.length === 0) {
          out[0].push(ring);
        } else if (gaps.length === 1) {
          // Around the pole: from the end of the chain down to the bottom, across, and up
          const chain = [...ring.slice(gaps[0] + 1), ...ring.slice(0, gaps[0] + 1)];
          const s = first(chain[0]), e = last(chain[chain.length - 1]);
          if (s[0] === e[0]) throw new Error(`${c.name}: odd antimeridian cut`);
          const closed = [...chain, newArc([e, [e[0], 0], [s[0], 0], s])];
          if (ringArea2(closed) !== 0) out[0].push(closed);
        } else if (gaps.length === 2 && ri === 0) {
          // Across and back: two rings, each closed along its side's meridian
          const rotated = [...ring.slice(gaps[0] + 1), ...ring.slice(0, gaps[0] + 1)];
          const split = gaps[1] - gaps[0];
          for (const chain of [rotated.slice(0, split), rotated.slice(split)]) {
            const s = first(chain[0]), e = last(chain[chain.length - 1]);
            if (s[0] !== e[0] || (s[0] !== 0 && s[0] !== nx)) throw new Error(`${c.name}: odd antimeridian cut`);
            out.push([[...chain, newArc([e, s])]]);
          }
        } else {
          throw new Error(`${c.name}: ring ${ri} crosses the antimeridian ${gaps.length} times`);
        }
      });
      // A polygon that split keeps no outer ring of its own: its holes (none in Natural Earth
      // across ±180°) would need placing
      if (out.length > 1) {
        if (out[0].length > 0) throw new Error(`${c.name}: holes in a polygon across the antimeridian`);
        polygons.push(...out.slice(1));
      } else if (out[0].length > 0) {
        polygons.push(out[0]);
      }
    }
    c.polygons = polygons;
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Building one file                                                                                */
/* ------------------------------------------------------------------------------------------------ */

function build(scale) {
  const topo = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}m.json`), 'utf8'));
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;

  // Arcs in absolute grid coordinates
  let arcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => [(x += dx), (y += dy)]);
  });
  let nx = 0, ny = 0;
  for (const arc of arcs)
    for (const [x, y] of arc) {
      if (x < 0 || y < 0) throw new Error('negative grid coordinate');
      nx = Math.max(nx, x); ny = Math.max(ny, y);
    }
  const lonOf = (qx) => tx + qx * sx;
  const latOf = (qy) => ty + qy * sy;
  if (lonOf(nx) > 180 + 1e-9 || latOf(ny) > 90 + 1e-9 || tx < -180 - 1e-9 || ty < -90 - 1e-9)
    throw new Error('grid outside the world');

  // Countries: features merged by ISO numeric code
  const byKey = new Map();
  for (const g of topo.objects.countries.geometries) {
    if (!g.type || g.type === null) continue;
    const polygons = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : null;
    if (!polygons) throw new Error(`unexpected geometry ${g.type}`);
    const entry = g.id !== undefined ? isoByNumeric.get(g.id) : undefined;
    if (g.id !== undefined && !entry) throw new Error(`numeric code ${g.id} not in iso-codes`);
    const key = entry ? `iso:${entry.alpha_2}` : `ne:${g.properties.name}`;
    if (!byKey.has(key))
      byKey.set(key, {
        code: entry ? entry.alpha_2 : '',
        numeric: entry ? Number(entry.numeric) : 0,
        name: entry ? (entry.common_name ?? entry.name) : g.properties.name,
        polygons: [],
      });
    byKey.get(key).polygons.push(...polygons);
  }
  cutAtAntimeridian(arcs, [...byKey.values()], nx);

  // Degenerate rings (fewer than three points, first and last included: one in 1:10m Spain) are left
  // out, and a polygon with them if it is its outer ring
  const ringLength = (ring) => ring.reduce((n, ref) => n + arcs[ref < 0 ? ~ref : ref].length - 1, 0) + 1;
  let dropped = 0;
  for (const c of byKey.values()) {
    const before = c.polygons.reduce((n, p) => n + p.length, 0);
    c.polygons = c.polygons.filter((p) => ringLength(p[0]) >= 3).map((p) => p.filter((r) => ringLength(r) >= 3));
    dropped += before - c.polygons.reduce((n, p) => n + p.length, 0);
    if (c.polygons.length === 0) throw new Error(`${c.name}: no polygon left`);
  }
  const countries = [...byKey.values()].sort((a, b) =>
    (a.code === '') - (b.code === '') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // Which countries use each arc: the kind of the arc
  const users = arcs.map(() => []);
  countries.forEach((c, ci) => {
    for (const polygon of c.polygons)
      for (const ring of polygon)
        for (const ref of ring) users[ref < 0 ? ~ref : ref].push(ci);
  });
  // Natural Earth cuts land along ±180° (Chukotka, Fiji, Antarctica) and Antarctica along the
  // bottom of the map. Those cuts are not coast: arcs are split where they run onto or off a cut,
  // and the pieces on it become interior lines, which are not drawn.
  const onCut = (a, b) => (a[0] === 0 && b[0] === 0) || (a[0] === nx && b[0] === nx) || (a[1] === 0 && b[1] === 0);
  const used = [];
  const pieces = new Array(arcs.length).fill(null);
  arcs.forEach((arc, i) => {
    if (users[i].length === 0) return;
    // Two countries: a border. One country, once: coast. One country, more than once: an interior
    // line (or, in one place of the 1:10m data, a two-point spike that rings run forth and back)
    const distinct = new Set(users[i]).size;
    const kind = distinct > 1 ? KIND_BORDER : users[i].length === 1 ? KIND_COAST : KIND_INTERIOR;
    pieces[i] = [];
    let start = 0;
    for (let k = 1; k < arc.length; k++) {
      const cut = onCut(arc[k - 1], arc[k]);
      if (k === arc.length - 1 || onCut(arc[k], arc[k + 1]) !== cut) {
        pieces[i].push(used.length);
        used.push({ points: arc.slice(start, k + 1), kind: cut ? KIND_INTERIOR : kind });
        start = k;
      }
    }
  });
  const mapRef = (ref) => (ref >= 0 ? pieces[ref] : [...pieces[~ref]].reverse().map((j) => ~j));

  const arcPoints = (ref) => (ref < 0 ? [...arcs[~ref]].reverse() : arcs[ref]);
  const ringPoints = (ring) => {
    const pts = [];
    ring.forEach((ref, k) => {
      const p = arcPoints(ref);
      if (k > 0) {
        const last = pts[pts.length - 1];
        if (last[0] !== p[0][0] || last[1] !== p[0][1])
          throw new Error(`ring arcs do not join: ${JSON.stringify(ring)} at ${k}: ${last} / ${p[0]}`);
      }
      pts.push(...(k === 0 ? p : p.slice(1)));
    });
    const first = pts[0], last = pts[pts.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) throw new Error('ring not closed');
    for (let k = 1; k < pts.length; k++)
      if (Math.abs(pts[k][0] - pts[k - 1][0]) > nx / 2 && (pts[k][1] !== 0 || pts[k - 1][1] !== 0))
        throw new Error('ring jumps across the map');
    if (pts.length < 3) throw new Error("ring with fewer than 3 points");
    return pts;
  };
  const bbox = (pts) => {
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const [x, y] of pts) {
      w = Math.min(w, x); s = Math.min(s, y); e = Math.max(e, x); n = Math.max(n, y);
    }
    return [w, s, e, n];
  };

  // Tables
  const polygonRecords = [], ringRecords = [], refs = [];
  const strings = new Writer();
  const countryRecords = [];
  let withoutCode = [];

  for (const c of countries) {
    const firstPolygon = polygonRecords.length;
    let best = -1, bestArea = -1;
    const ringBoxes = [];

    c.polygons.forEach((polygon, pi) => {
      polygonRecords.push([ringRecords.length, polygon.length]);
      polygon.forEach((ring, ri) => {
        const pts = ringPoints(ring);
        const box = bbox(pts);
        ringBoxes.push(box);
        const mapped = ring.flatMap(mapRef);
        ringRecords.push([refs.length, mapped.length, box]);
        refs.push(...mapped);
        if (ri === 0) {
          const area = ringArea(pts.map(([x, y]) => [lonOf(x), latOf(y)]));
          if (area > bestArea) { bestArea = area; best = pi; }
        }
      });
    });

    // Label point: pole of inaccessibility of the largest polygon, in Web-Mercator degrees
    const labelRings = c.polygons[best].map((ring) => ringPoints(ring).map(([x, y]) => [lonOf(x), mercY(latOf(y))]));
    const outerBox = bbox(labelRings[0]);
    const precision = Math.max(outerBox[2] - outerBox[0], outerBox[3] - outerBox[1]) / 500;
    const [lx, lmy] = polylabel(labelRings, precision);
    const lqx = Math.min(nx, Math.max(0, Math.round((lx - tx) / sx)));
    const lqy = Math.min(ny, Math.max(0, Math.round((invMercY(lmy) - ty) / sy)));

    const [west, east] = wrapBox(ringBoxes.map((b) => [b[0], b[2]]), nx);
    const south = Math.min(...ringBoxes.map((b) => b[1]));
    const north = Math.max(...ringBoxes.map((b) => b[3]));

    const nameOffset = strings.length;
    strings.bytes(Buffer.from(c.name + '\0', 'utf8'));
    countryRecords.push({
      code: c.code, numeric: c.numeric, nameOffset, firstPolygon, nPolygons: c.polygons.length,
      labelPolygon: firstPolygon + best, lqx, lqy, box: [west, south, east, north],
    });
    if (!c.code) withoutCode.push(c.name);
  }

  // Points, and their levels
  const points = new Writer();
  const levels = [];
  let nPoints = 0;
  const worldX = (qx) => (lonOf(qx) + 180) / 360;
  const worldY = (qy) => 0.5 - mercY(latOf(qy)) / 360;
  for (const arc of used) {
    let px = 0, py = 0;
    for (const [x, y] of arc.points) {
      points.varint(x - px);
      points.varint(y - py);
      px = x; py = y;
    }
    levels.push(...simplificationLevels(arc.points.map(([x, y]) => [worldX(x), worldY(y)])));
    nPoints += arc.points.length;
  }

  // Everything together
  const body = new Writer();
  for (const r of countryRecords) {
    body.bytes(r.code ? Buffer.from(r.code, 'ascii') : [0, 0]);
    body.u16(r.numeric);
    body.u32(r.nameOffset);
    body.u32(r.firstPolygon);
    body.u32(r.nPolygons);
    body.u32(r.labelPolygon);
    body.u32(r.lqx);
    body.u32(r.lqy);
    r.box.forEach((v) => body.u32(v));
  }
  for (const [firstRing, nRings] of polygonRecords) { body.u32(firstRing); body.u32(nRings); }
  for (const [firstRef, nRefs, box] of ringRecords) {
    body.u32(firstRef); body.u32(nRefs);
    box.forEach((v) => body.u32(v));
  }
  for (const ref of refs) body.i32(ref);
  for (const arc of used) { body.u32(arc.points.length); body.bytes([arc.kind, 0, 0, 0]); }
  body.bytes(strings.buffer());
  body.bytes(points.buffer());
  body.bytes(levels);

  const header = new Writer();
  header.bytes(Buffer.from('CTBM', 'ascii'));
  header.u16(VERSION);
  header.u16(scale);
  header.u32(0); // checksum, below
  header.u32(HEADER_SIZE + body.length);
  header.f64(tx); header.f64(ty); header.f64(sx); header.f64(sy);
  header.u32(nx); header.u32(ny);
  header.u32(countryRecords.length);
  header.u32(polygonRecords.length);
  header.u32(ringRecords.length);
  header.u32(refs.length);
  header.u32(used.length);
  header.u32(nPoints);
  header.u32(strings.length);
  header.u32(points.length);
  header.u32(0);
  header.u32(0);
  if (header.length !== HEADER_SIZE) throw new Error('header size');
  if (countryRecords.length * COUNTRY_SIZE + polygonRecords.length * 8 + ringRecords.length * 24 +
      refs.length * 4 + used.length * 8 + strings.length + points.length + nPoints !== body.length)
    throw new Error('section sizes');

  const file = Buffer.concat([header.buffer(), body.buffer()]);
  file.writeUInt32LE(checksum(file), 8);

  const out = path.join(ROOT, 'data', `basemap-${scale}m.ctb`);
  writeFileSync(out, file);

  const kinds = [0, 0, 0];
  for (const arc of used) kinds[arc.kind]++;
  console.log(`data/basemap-${scale}m.ctb: ${file.length} bytes; ${countryRecords.length} countries, ` +
              `${polygonRecords.length} polygons, ${ringRecords.length} rings, ${used.length} arcs ` +
              `(${kinds[0]} coast, ${kinds[1]} border, ${kinds[2]} interior), ${nPoints} points`);
  console.log(`  without an ISO code: ${withoutCode.join(', ')}`);
  if (dropped) console.log(`  degenerate rings left out: ${dropped}`);
}

build(50);
build(10);
