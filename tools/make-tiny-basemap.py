#!/usr/bin/env python3
# make-tiny-basemap.py: writes small but valid basemap files ("CTBM" version 2, the format that
# tools/build-basemap.mjs documents and src/map/ct-basemap.c reads), as seeds for the basemap fuzz
# target (tests/fuzz/corpus/basemap/).
#
#   python3 tools/make-tiny-basemap.py tests/fuzz/corpus/basemap
#
# writes, each a few hundred bytes:
#   one-island.ctb   one country (TW), one polygon, one ring, one closed coast arc
#   tiny-world.ctb   every feature of the format: a polygon with a hole (TW), two countries sharing
#                    a land border, one arc used reversed (VN, LA), a country in two polygons across
#                    the antimeridian with interior arcs along ±180° and a box whose west > east
#                    (FJ), a place without an ISO code (Somaliland), points of simplification levels
#                    other than 0 (3 and 255)
#
# A rerun writes identical bytes.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import struct
import sys

LON0, LAT0, STEP = -180.0, -90.0, 0.01
NX, NY = 36000, 18000
COAST, BORDER, INTERIOR = 0, 1, 2


def q(lon, lat):
    return (round((lon - LON0) / STEP), round((lat - LAT0) / STEP))


def zigzag(v):
    return (v << 1) if v >= 0 else ((-v << 1) - 1)


def varint(v):
    v = zigzag(v)
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def fnv1a(buf):
    h = 0x811C9DC5
    for i, b in enumerate(buf):
        if 8 <= i < 12:
            continue
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def box_of(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))  # west, south, east, north


def build(countries, arcs):
    """countries: list of (code, numeric, name, [polygon: [ring: [ref]]], label_polygon_index
    within the country, label (lon, lat), box or None). arcs: list of (kind, [(lon, lat, level)])."""
    arc_points = [[q(lon, lat) for lon, lat, _ in pts] for _, pts in arcs]
    arc_boxes = [box_of(p) for p in arc_points]

    strings = bytearray()
    country_recs, polygon_recs, ring_recs, ref_recs = [], [], [], []
    for code, numeric, name, polygons, label_polygon, label, box in countries:
        name_at = len(strings)
        strings += name.encode('utf-8') + b'\0'
        first_polygon = len(polygon_recs)
        ring_boxes = []
        for polygon in polygons:
            polygon_recs.append(struct.pack('<II', len(ring_recs), len(polygon)))
            for ring in polygon:
                boxes = [arc_boxes[r if r >= 0 else ~r] for r in ring]
                rbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                        max(b[2] for b in boxes), max(b[3] for b in boxes))
                ring_boxes.append(rbox)
                ring_recs.append(struct.pack('<II4I', len(ref_recs), len(ring), *rbox))
                ref_recs.extend(struct.pack('<i', r) for r in ring)
        if box is None:
            box = (min(b[0] for b in ring_boxes), min(b[1] for b in ring_boxes),
                   max(b[2] for b in ring_boxes), max(b[3] for b in ring_boxes))
        lq = q(*label)
        country_recs.append(struct.pack('<2sHIIII2I4I', code.encode('ascii') if code else b'\0\0', numeric,
                                        name_at, first_polygon, len(polygons),
                                        first_polygon + label_polygon, lq[0], lq[1], *box))

    points = bytearray()
    levels = bytearray()
    for (kind, pts), qpts in zip(arcs, arc_points):
        px, py = 0, 0
        for (x, y), (_, _, level) in zip(qpts, pts):
            points += varint(x - px) + varint(y - py)
            px, py = x, y
            levels.append(level)
    arc_recs = [struct.pack('<IB3x', len(pts), kind) for kind, pts in arcs]
    n_points = len(levels)

    body = b''.join(country_recs + polygon_recs + ring_recs + ref_recs + arc_recs) + bytes(strings) + \
        bytes(points) + bytes(levels)
    size = 96 + len(body)
    header = b'CTBM' + struct.pack('<HHII4d2I8I2I', 2, 50, 0, size, LON0, LAT0, STEP, STEP, NX, NY,
                                   len(country_recs), len(polygon_recs), len(ring_recs), len(ref_recs),
                                   len(arc_recs), n_points, len(strings), len(points), 0, 0)
    data = bytearray(header + body)
    struct.pack_into('<I', data, 8, fnv1a(data))
    return bytes(data)


def one_island():
    arcs = [
        (COAST, [(120.0, 22.0, 0), (122.0, 22.0, 3), (122.0, 25.0, 0), (120.0, 25.0, 255), (120.0, 22.0, 0)]),
    ]
    countries = [('TW', 158, 'Taiwan', [[[0]]], 0, (121.0, 23.5), None)]
    return build(countries, arcs)


def tiny_world():
    arcs = [
        # 0: Taiwan's coast, a closed loop; 1: a lake in it (the polygon's hole)
        (COAST, [(120.0, 22.0, 0), (122.0, 22.0, 3), (122.0, 25.0, 0), (120.0, 25.0, 255), (120.0, 22.0, 0)]),
        (COAST, [(120.5, 23.0, 0), (120.5, 23.5, 2), (121.0, 23.5, 0), (121.0, 23.0, 5), (120.5, 23.0, 0)]),
        # 2: the land border between VN (east of it) and LA (west), north to south
        (BORDER, [(104.0, 18.0, 0), (104.2, 16.0, 4), (104.0, 14.0, 0)]),
        # 3: VN's coast, from the south end of the border round to its north end
        (COAST, [(104.0, 14.0, 0), (108.0, 14.0, 1), (108.0, 18.0, 255), (104.0, 18.0, 0)]),
        # 4: LA's other edge, from the north end of the border round to its south end
        (COAST, [(104.0, 18.0, 0), (100.0, 18.0, 6), (100.0, 14.0, 0), (104.0, 14.0, 0)]),
        # 5, 6: FJ east of 179°, cut along +180° (interior, not drawn)
        (COAST, [(180.0, -16.0, 0), (179.0, -16.0, 2), (179.0, -17.0, 0), (180.0, -17.0, 0)]),
        (INTERIOR, [(180.0, -17.0, 0), (180.0, -16.0, 0)]),
        # 7, 8: FJ west of -179°, cut along -180°
        (COAST, [(-180.0, -17.0, 0), (-179.0, -17.0, 7), (-179.0, -16.0, 0), (-180.0, -16.0, 0)]),
        (INTERIOR, [(-180.0, -16.0, 0), (-180.0, -17.0, 0)]),
        # 9: a place without an ISO code
        (COAST, [(44.0, 9.0, 0), (47.0, 9.0, 0), (47.0, 11.0, 3), (44.0, 11.0, 0), (44.0, 9.0, 0)]),
    ]
    fiji_box = (q(179.0, 0)[0], q(0, -17.0)[1], q(-179.0, 0)[0], q(0, -16.0)[1])
    countries = [  # sorted by code, places without one last
        ('FJ', 242, 'Fiji', [[[5, 6]], [[7, 8]]], 0, (179.5, -16.5), fiji_box),
        ('LA', 418, "Lao People's Democratic Republic", [[[~2, 4]]], 0, (102.0, 16.0), None),
        ('TW', 158, 'Taiwan', [[[0], [1]]], 0, (121.5, 24.0), None),
        ('VN', 704, 'Viet Nam', [[[2, 3]]], 0, (106.0, 16.0), None),
        ('', 0, 'Somaliland', [[[9]]], 0, (45.5, 10.0), None),
    ]
    return build(countries, arcs)


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make-tiny-basemap.py OUTPUT-FOLDER')
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in (('one-island.ctb', one_island()), ('tiny-world.ctb', tiny_world())):
        with open(os.path.join(sys.argv[1], name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()
