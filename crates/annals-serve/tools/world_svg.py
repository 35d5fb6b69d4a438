#!/usr/bin/env python3
"""Writes assets/world.svg, the map's land outline, from Natural Earth's
1:110m land polygons as packaged in the npm package world-atlas 2.0.2
(`land-110m.json`, TopoJSON; world-atlas is ISC-licensed, Natural Earth's
data is in the public domain).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 tools/world_svg.py package/land-110m.json > assets/world.svg

The projection is equirectangular in degrees: x = lon + 180, y = 90 - lat,
so the map page places a point at (lon + 180, 90 - lat) in the same
0 0 360 180 view box. Coordinates are rounded to 0.1 degree; rings that
cross the antimeridian (Chukotka, Fiji) are split where they jump, and
Antarctica's ring is closed along the bottom edge.
"""
import json
import sys


def decode(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def path(pts, split=True):
    strokes = [[]]
    prev = None
    for lon, lat in pts:
        x, y = round(lon + 180, 1), round(90 - lat, 1)
        if split and prev is not None and abs(x - prev[0]) > 180:
            strokes.append([])  # crosses the antimeridian: start a new stroke
        elif prev is not None and (x, y) == prev:
            continue
        strokes[-1].append(f"{x:g} {y:g}")
        prev = (x, y)
    closed = len(strokes) == 1
    return "".join("M" + "L".join(s) for s in strokes if s) + ("Z" if closed else "")


def main():
    topo = json.load(open(sys.argv[1]))
    arcs = decode(topo)
    parts = []
    for g in topo["objects"]["land"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for poly in polys:
            for r in poly:
                pts = ring(arcs, r)
                antarctica = max(p[0] for p in pts) - min(p[0] for p in pts) > 300 and min(p[1] for p in pts) < -60
                if antarctica:  # runs from -180 to 180: close along the bottom edge
                    pts = [p for p in pts if p[1] > -89.9]
                    west = min(range(len(pts)), key=lambda i: pts[i][0])
                    pts = pts[west:] + pts[:west]
                    pts = pts + [(pts[-1][0], -90), (pts[0][0], -90)]
                parts.append(path(pts, split=not antarctica))
    d = "".join(parts)
    print(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180" width="360" height="180">'
        "<!-- Natural Earth 1:110m land (public domain) via world-atlas 2.0.2 (ISC); see tools/world_svg.py -->"
        f'<path fill="#dfe3e8" stroke="#9aa5b1" stroke-width="0.15" d="{d}"/></svg>'
    )


main()
