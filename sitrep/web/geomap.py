"""The event map's geometry, computed on the server like the other charts: an offline world
outline (Natural Earth 1:110m via world-atlas, shipped in ``sitrep/data/world_110m.json``)
and one point per place with events, drawn as inline SVG. No tile server, no script.

Projection: equirectangular (x = longitude, y = latitude), latitudes 85 N .. 60 S.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Optional

WIDTH = 1000
LAT_TOP, LAT_BOTTOM = 85.0, -60.0
HEIGHT = round(WIDTH * (LAT_TOP - LAT_BOTTOM) / 360)
# GDELT / PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict.
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_FILL = {1: "#16a34a", 2: "#2563eb", 3: "#f59e0b", 4: "#dc2626", 0: "#64748b"}


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) on the map; a longitude past +-180 (an unwrapped ring) lands off the edge."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (LAT_TOP - max(LAT_BOTTOM, min(LAT_TOP, lat))) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
    return round(x, 1), round(y, 1)


def unwrap(ring: list) -> list[list[tuple[float, float]]]:
    """A ring of (lon, lat) as the rings to draw, none with a step across the antimeridian.

    A step of more than 180 degrees of longitude is the short way round the back of the
    map, drawn naively as a thin line across the whole world (Russia's Chukotka, Fiji). The
    longitudes are made continuous (179 -> 181, not -179); a ring that then reaches past
    +-180 is drawn twice, as it is and shifted by 360 degrees, each copy clipped by the map's
    edge. A ring that goes once round a pole (Antarctica) is closed along that pole."""
    pts: list[tuple[float, float]] = []
    for lon, lat in ring:
        if pts:
            prev = pts[-1][0]
            while lon - prev > 180:
                lon -= 360
            while lon - prev < -180:
                lon += 360
        pts.append((lon, lat))
    if not pts:
        return []
    if abs(pts[-1][0] - pts[0][0]) > 180:  # once round a pole: close along it
        pole = 90.0 if sum(lat for _, lat in pts) > 0 else -90.0
        pts += [(pts[-1][0], pole), (pts[0][0], pole)]
    lo, hi = min(p[0] for p in pts), max(p[0] for p in pts)
    out = [pts]
    if hi > 180:
        out.append([(lon - 360, lat) for lon, lat in pts])
    if lo < -180:
        out.append([(lon + 360, lat) for lon, lat in pts])
    return out


def ring_path(ring: list) -> str:
    """SVG path data of one (lon, lat) ring (see :func:`unwrap`)."""
    parts = []
    for pts in unwrap(ring):
        xy = [project(lat, lon) for lon, lat in pts]
        parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def outline() -> list[dict]:
    """One SVG path per country: ``{id, name, d}``."""
    raw = json.loads(resources.files("sitrep.data").joinpath("world_110m.json").read_text(encoding="utf-8"))
    return [{"id": c["id"], "name": c["name"], "d": "".join(ring_path(r) for r in c["rings"])}
            for c in raw["countries"]]


def quad(cameo: Optional[str]) -> int:
    if not cameo or not cameo[:2].isdigit():
        return 0
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def goldstein_fill(g: Optional[float]) -> str:
    """Red (-10, conflict) through grey (0) to green (+10, cooperation)."""
    if g is None:
        return QUAD_FILL[0]
    t = max(-1.0, min(1.0, g / 10.0))
    grey, red, green = (148, 163, 184), (220, 38, 38), (22, 163, 74)
    end = green if t >= 0 else red
    a = abs(t)
    rgb = tuple(round(grey[i] + (end[i] - grey[i]) * a) for i in range(3))
    return "#%02x%02x%02x" % rgb


def points(events: list[dict], colour: str = "quad") -> list[dict]:
    """Events grouped by the feature they happened at: position, size (count), colour
    (the most frequent quad class, or the mean Goldstein score) and the events themselves,
    each with the link to its evidence in the article."""
    groups: dict[str, dict] = {}
    for e in events:
        p = e.get("place")
        if not p:
            continue
        g = groups.get(p["id"])
        if g is None:
            x, y = project(p["lat"], p["lon"])
            g = groups[p["id"]] = {"id": p["id"], "name": p["name"], "country": p.get("country"),
                                   "feature": p["feature"], "precision": p["precision"], "lat": p["lat"],
                                   "lon": p["lon"], "x": x, "y": y, "events": []}
        q = quad(e.get("cameo"))
        g["events"].append({
            "article_id": e.get("article_id"), "id": e["id"], "plover": e["plover"], "cameo": e.get("cameo"),
            "quad": q, "goldstein": e.get("goldstein"), "modality": e.get("modality"), "day": e.get("day"),
            "source": (e.get("source") or {}).get("code") or (e.get("source") or {}).get("text"),
            "target": (e.get("target") or {}).get("code") or (e.get("target") or {}).get("text"),
            "basis": p.get("basis"), "evidence": (e.get("evidence") or {}).get("text"),
            "href": f"/articles/{e.get('article_id')}#event-{e['id']}",
        })
    out = []
    for g in groups.values():
        evs = g["events"]
        g["count"] = len(evs)
        gs = [x["goldstein"] for x in evs if x["goldstein"] is not None]
        g["goldstein_mean"] = round(sum(gs) / len(gs), 2) if gs else None
        quads = [x["quad"] for x in evs]
        g["quad"] = max(sorted(set(quads)), key=quads.count)
        g["r"] = round(4 + 3 * math.sqrt(len(evs)), 1)
        g["fill"] = goldstein_fill(g["goldstein_mean"]) if colour == "goldstein" else QUAD_FILL[g["quad"]]
        out.append(g)
    # big points first, so small ones are drawn on top and stay clickable
    out.sort(key=lambda g: (-g["count"], g["id"]))
    return out


# The places layer: colour by the kind of feature named.
FEATURE_FILL = {"country": "#2563eb", "adm1": "#7c3aed", "adm2": "#a855f7", "capital": "#dc2626", "city": "#ea580c",
                "region": "#0d9488", "sea": "#0891b2", "continent": "#64748b"}


def place_points(places: list[dict]) -> list[dict]:
    """The places layer: one point per place named in the articles (``Store.places``), sized
    by its mentions, coloured by feature kind, linking to its first evidence span."""
    out = []
    for p in places:
        x, y = project(p["lat"], p["lon"])
        out.append({**p, "x": x, "y": y, "count": p["mentions"], "r": round(3 + 2 * math.sqrt(p["mentions"]), 1),
                    "fill": FEATURE_FILL.get(p["feature"], QUAD_FILL[0]),
                    "href": p["evidence"][0]["href"] if p.get("evidence") else None})
    out.sort(key=lambda g: (-g["count"], g["id"]))
    return out
