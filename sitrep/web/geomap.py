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
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (LAT_TOP - max(LAT_BOTTOM, min(LAT_TOP, lat))) / (LAT_TOP - LAT_BOTTOM) * HEIGHT
    return round(x, 1), round(y, 1)


@lru_cache(maxsize=1)
def outline() -> list[dict]:
    """One SVG path per country: ``{id, name, d}``."""
    raw = json.loads(resources.files("sitrep.data").joinpath("world_110m.json").read_text(encoding="utf-8"))
    out = []
    for c in raw["countries"]:
        parts = []
        for ring in c["rings"]:
            pts = [project(lat, lon) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
        out.append({"id": c["id"], "name": c["name"], "d": "".join(parts)})
    return out


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
