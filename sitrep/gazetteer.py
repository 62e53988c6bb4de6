"""The shipped place gazetteer: GeoNames countries, ADM1s, ADM2s, cities >= 5,000, continents, regions.

Stage-neutral: the place table only, no stage logic, so that any stage may look a name up
(entities: is 'The Hague' a place's own name; events: the country a city lies in) without
importing a later stage. Toponym resolution in context is the places stage's
(``sitrep.places``), which builds on this module. Not to be confused with the actor
dictionary ``sitrep.entities.gazetteer``.

``candidates("Kiev")`` -> the features that name (Kyiv the capital first by population).
Built by ``scripts/build_places.py`` into ``sitrep/data/places.tsv`` (GeoNames, CC BY 4.0;
see NOTICE). Loaded lazily, once per process (about 102,000 rows, 29,000 of them ADM2).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from .wordlists import members

# feature kinds, and the precision an event placed at one has
KINDS = ("country", "adm1", "adm2", "capital", "city", "continent", "region", "sea")
PRECISION = {"country": "country", "adm1": "adm1", "adm2": "adm2", "capital": "city", "city": "city",
             "continent": "region", "region": "region", "sea": "region"}
# Words naming the kind of a first-level division: 'Kharkiv region', 'Balochistan province'.
# (sitrep/data/place_nouns.tsv, column division)
ADM1_WORDS = tuple(sorted(members("place_nouns.tsv", "division", "y")))
_ADM1_SUFFIX = re.compile(r"\s+(?:%s)s?$" % "|".join(ADM1_WORDS), re.IGNORECASE)
_ADM1_PREFIX = re.compile(r"^(?:%s)\s+of\s+" % "|".join(ADM1_WORDS), re.IGNORECASE)
# Words naming a second-level division (counties, districts, raions): column division '2'.
ADM2_WORDS = tuple(sorted(members("place_nouns.tsv", "division", "2")))
_ADM2_SUFFIX = re.compile(r"\s+(?:%s)s?$" % "|".join(ADM2_WORDS), re.IGNORECASE)


@dataclass(frozen=True)
class Feature:
    id: str                    # GeoNames id as text, or 'sitrep:<slug>' for a hand region
    name: str
    kind: str                  # one of KINDS
    country: Optional[str]     # ISO 3166-1 alpha-3
    admin1: Optional[str]      # GeoNames admin1 code within the country ('12' for Kyiv)
    lat: float
    lon: float
    population: int

    @property
    def geonames_id(self) -> Optional[int]:
        return int(self.id) if self.id.isdigit() else None

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]

    @property
    def is_city(self) -> bool:
        return self.kind in ("city", "capital")


_QUOTES_DASHES = str.maketrans({"\u2019": "'", "\u2018": "'", "-": " ", **{chr(c): " " for c in range(0x2010, 0x2016)}})


def fold(text: str) -> str:
    """Lookup key: accents stripped, case folded, apostrophes and dashes unified."""
    if text.isascii():  # the same key, without the Unicode work (most of the table's names)
        s = " ".join(text.lower().replace("-", " ").split())
    else:
        s = unicodedata.normalize("NFKD", text.translate(_QUOTES_DASHES))
        if not s.isascii():
            s = "".join([c for c in s if not unicodedata.combining(c)])
        s = " ".join(s.casefold().split())
    if s.startswith("the "):
        s = s[4:]
    return s


_DOUBLE = re.compile(r"(.)\1+")


def squeeze(key: str) -> str:
    """A transliteration-tolerant key: doubled letters single ('Shabeelle' / 'Shabelle',
    'Hiiraan' / 'Hiran'), so spelling variants of one name meet."""
    return _DOUBLE.sub(r"\1", key) if _DOUBLE.search(key) else key


def adm1_base(name: str) -> str:
    """'Donetska oblast' -> 'Donetska', 'Province of Sindh' -> 'Sindh'."""
    return _ADM1_PREFIX.sub("", _ADM1_SUFFIX.sub("", name.strip())).strip()


def adm2_base(name: str) -> str:
    """'Kent County' -> 'Kent', 'Buchanskyi Raion' -> 'Buchanskyi'."""
    return _ADM2_SUFFIX.sub("", name.strip()).strip()


def adm2_word(name: str) -> bool:
    """Whether a name ends in a second-level division word ('Orange County')."""
    return bool(_ADM2_SUFFIX.search(name))


class Gazetteer:
    def __init__(self, features: list[Feature], names: dict[str, list[int]], fips: dict[str, str],
                 adm2_bases: Optional[dict[str, list[int]]] = None) -> None:
        self.features = features
        # ADM2 names without their division word ('kent' for Kent County): looked up only
        # when the text says the place is a division ('Kent district', 'Kent County')
        self._adm2_bases = adm2_bases or {}
        self._squeezed_keys: Optional[dict[str, list[int]]] = None  # built on the first spelling variant
        self.fips = fips  # ISO alpha-3 -> FIPS 10-4 country code (GDELT's country codes)
        self._names = names
        self._country: dict[str, Feature] = {f.country: f for f in features if f.kind == "country" and f.country}
        self._adm1: dict[tuple[str, str], Feature] = {
            (f.country, f.admin1): f for f in features if f.kind == "adm1" and f.country and f.admin1}
        self._by_id = {f.id: f for f in features}
        self._capital: dict[str, Feature] = {f.country: f for f in features if f.kind == "capital" and f.country}

    @property
    def _squeezed(self) -> dict[str, list[int]]:
        if self._squeezed_keys is None:
            sq: dict[str, list[int]] = {}
            for k, idx in self._names.items():
                sq.setdefault(squeeze(k), []).extend(idx)
            self._squeezed_keys = sq
        return self._squeezed_keys

    def candidates(self, name: str) -> list[Feature]:
        """Every feature the name (or an alternate name) denotes, most populous first."""
        key = fold(name)
        idx = list(self._names.get(key, ()))
        base = fold(adm1_base(name))
        if base != key:  # 'Kharkiv region': the division whose base name is 'Kharkiv'
            idx += [i for i in self._names.get(base, ()) if self.features[i].kind == "adm1"]
        base2 = fold(adm2_base(name))
        if base2 != key:  # 'Khyber district', 'Orange County': a second-level division
            idx += [i for i in (*self._names.get(base2, ()), *self._adm2_bases.get(base2, ()))
                    if self.features[i].kind == "adm2"]
        if not idx and len(key) >= 5:  # a spelling variant: 'Middle Shabelle', 'Hiran'
            idx = list(self._squeezed.get(squeeze(key), ())) or [
                i for i in self._squeezed.get(squeeze(base), ()) if self.features[i].kind == "adm1"]
        seen, out = set(), []
        for i in idx:
            if i not in seen:
                seen.add(i)
                out.append(self.features[i])
        out.sort(key=lambda f: (-f.population, f.id))
        return out

    def exact(self, name: str) -> list[Feature]:
        """The features whose own or alternate name is exactly ``name`` (no division word
        taken off): 'Gulu District' -> the division GeoNames calls so."""
        return [self.features[i] for i in self._names.get(fold(name), ())]

    def primary(self, f: Feature, name: str) -> bool:
        """Whether ``name`` is the feature's own name (not one of its alternate names)."""
        k = fold(name)
        if fold(f.name) in (k, k + " city"):  # 'New York' is New York City's own name in the news
            return True
        if f.kind == "adm2":
            return fold(adm2_base(f.name)) == fold(adm2_base(name))
        return f.kind == "adm1" and fold(adm1_base(f.name)) == fold(adm1_base(name))

    def country(self, alpha3: str) -> Optional[Feature]:
        return self._country.get(alpha3)

    def capital(self, alpha3: str) -> Optional[Feature]:
        return self._capital.get(alpha3)

    def adm1(self, alpha3: Optional[str], code: Optional[str]) -> Optional[Feature]:
        if not alpha3 or not code:
            return None
        return self._adm1.get((alpha3, code))

    def by_id(self, fid: str) -> Optional[Feature]:
        return self._by_id.get(str(fid))


def _parse(text: str) -> Gazetteer:
    features: list[Feature] = []
    names: dict[str, list[int]] = {}
    fips: dict[str, str] = {}
    adm2_bases: dict[str, list[int]] = {}
    lines = text.splitlines()
    header = lines[1].split("\t")
    assert header[:3] == ["id", "name", "kind"], "places.tsv: unexpected header"
    for line in lines[2:]:
        fid, name, kind, cc, a1, lat, lon, pop, aliases, fips_code = line.split("\t")
        if kind == "country" and fips_code:
            fips[cc] = fips_code
        f = Feature(fid, name, kind, cc or None, a1 or None, float(lat), float(lon), int(pop or 0))
        i = len(features)
        features.append(f)
        forms = [name, *(aliases.split("|") if aliases else [])]
        if kind == "adm1":
            forms += [adm1_base(x) for x in forms]
        keys = [fold(x) for x in forms]
        if kind == "adm2":
            for k in {fold(adm2_base(x)) for x in forms if adm2_word(x)} - set(keys):
                adm2_bases.setdefault(k, []).append(i)
        for k in keys:
            if k:
                lst = names.setdefault(k, [])
                if not lst or lst[-1] != i:
                    lst.append(i)
    return Gazetteer(features, names, fips, adm2_bases)


@lru_cache(maxsize=1)
def generic_names() -> frozenset:
    """sitrep/data/place_generic.txt: names that are also ordinary words ('East', 'Coast')."""
    raw = resources.files("sitrep.data").joinpath("place_generic.txt").read_text(encoding="utf-8")
    return frozenset(fold(x) for x in raw.splitlines() if x.strip() and not x.startswith("#"))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return _parse(resources.files("sitrep.data").joinpath("places.tsv").read_text(encoding="utf-8"))


def distance_km(a: Feature, b: Feature) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
