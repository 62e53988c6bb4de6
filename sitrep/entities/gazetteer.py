"""The shipped gazetteer: countries, capitals, demonyms, metonyms, IGOs, media, places.

``lookup("the Kremlin")`` -> ``GazEntry(name="Kremlin", country="RUS", kind="metonym", code="RUSGOV")``.
The tables are built by ``scripts/build_gazetteer.py`` from pycountry and the Phoenix actor
dictionaries (MIT) plus hand tables; see NOTICE. Loaded lazily, once per process.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

KINDS = ("country", "capital", "metonym", "demonym", "igo", "media", "org", "place")
# When one surface form names two entries, the reading news means most often wins:
# "Georgia" the country over the US state, "Kingston" the capital over a town.
_PRIORITY = {k: i for i, k in enumerate(("country", "capital", "metonym", "igo", "media", "demonym", "org", "place"))}


@dataclass(frozen=True)
class GazEntry:
    name: str
    country: Optional[str]  # ISO 3166-1 alpha-3 (None for IGOs and international media)
    kind: str               # one of KINDS
    code: Optional[str]     # actor code: RUS, RUSGOV, USAMIL, IGONAT, RUSMED ...
    aliases: tuple[str, ...] = field(default_factory=tuple)


_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " "})
_WS = re.compile(r"\s+")
_POSS = re.compile(r"(?:'s|')$")


def _norm(text: str) -> str:
    return _WS.sub(" ", text.translate(_APOS)).strip()


def _is_acronym(s: str) -> bool:
    # Short all-caps forms (US, AP, WHO, RT) must match case-sensitively: "us", "who".
    letters = s.replace(".", "").replace("-", "").replace("/", "")
    return len(letters) <= 5 and letters.isupper()


class Gazetteer:
    def __init__(self, entries: list[GazEntry]) -> None:
        self.entries = entries
        self._exact: dict[str, GazEntry] = {}
        self._folded: dict[str, GazEntry] = {}
        for e in entries:
            for form in (e.name, *e.aliases):
                form = _norm(form)
                table, key = (self._exact, form) if _is_acronym(form) else (self._folded, form.casefold())
                old = table.get(key)
                if old is None or _PRIORITY[e.kind] < _PRIORITY[old.kind]:
                    table[key] = e

    def lookup(self, text: str) -> Optional[GazEntry]:
        s = _norm(text)
        if not s:
            return None
        for cand in _variants(s):
            hit = self._exact.get(cand)
            # All-caps words of four letters or more are also tried as names: datelines and
            # headlines write "HANOI", "KYIV"; the folded table holds no short acronyms.
            if hit is None and (not _is_acronym(cand) or len(cand) >= 4):
                hit = self._folded.get(cand.casefold())
            if hit is not None:
                return hit
        # "Indians", "Afghans": plural of a demonym.
        if s.endswith("s") and len(s) > 4:
            hit = self._folded.get(s[:-1].casefold())
            if hit is not None and hit.kind == "demonym":
                return hit
        return None

    def surfaces(self, kinds: tuple[str, ...]) -> list[tuple[str, GazEntry]]:
        """Every (surface form, entry) of the given kinds, for phrase matching."""
        out = []
        for e in self.entries:
            if e.kind in kinds:
                out.extend((_norm(f), e) for f in (e.name, *e.aliases))
        return out


def _variants(s: str):
    yield s
    base = _POSS.sub("", s) if s.endswith("'s") or s.endswith("s'") else s
    if base != s:
        yield base
    low = base.lower()
    if low.startswith("the "):
        yield base[4:]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    raw = json.loads(resources.files("sitrep.data").joinpath("gazetteer.json").read_text(encoding="utf-8"))
    return Gazetteer([
        GazEntry(name=r["name"], country=r["country"], kind=r["kind"], code=r["code"], aliases=tuple(r["aliases"]))
        for r in raw
    ])


def lookup(text: str) -> Optional[GazEntry]:
    """The gazetteer entry a surface form names, or None. Ignores a leading "the" and a trailing "'s"."""
    return gazetteer().lookup(text)


# ---------------------------------------------------------------- leaders (dated)
@lru_cache(maxsize=1)
def _leaders() -> tuple[dict, list]:
    raw = json.loads(resources.files("sitrep.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    return raw["names"], raw["terms"]


def leader_code(full_name: str, on: Optional[str] = None) -> Optional[str]:
    """Phoenix code for a named person on a date (``YYYY-MM-DD``), e.g. RUSGOV for Vladimir Putin.

    Terms are matched by date; without a date the open-ended (current) term is used; when
    no term covers the date the person's undated default (often ...ELI, elite) applies.
    Only full names are listed: a bare surname is ambiguous across countries.
    """
    key = _leader_key(full_name)
    day = on.replace("-", "") if on else None
    recent = _recent().get(key)
    if recent is not None:
        found = _recent_code(recent, day)
        if found is not None:
            return found
    names, terms = _leaders()
    idx = names.get(key)
    if idx is None:
        return None
    default = None
    for code, start, end in terms[idx]:
        if not start and not end:
            default = default or code
            continue
        if day is None:
            if start and not end:
                return code
            continue
        if (not start or start <= day) and (not end or day <= end):
            return code
    return default


def _leader_key(name: str) -> str:
    return " ".join(_norm(name).replace("\u2019", "'").upper().split())


# Office holders after the Phoenix lists end (they stop in 2014): sitrep/data/leaders_recent.tsv.
# From RECENT_FROM on, a person listed there is known entirely from that table.
RECENT_FROM = "20150101"
# Countries whose names news writes surname first ("Xi Jinping" -> "Xi", "Moon Jae-in" -> "Moon").
_SURNAME_FIRST = frozenset(("CHN", "TWN", "KOR", "PRK", "VNM", "KHM"))


@lru_cache(maxsize=1)
def _recent() -> dict[str, list[tuple[str, str, str]]]:
    """Spelling (upper case) -> that person's terms [(code, start, end)] (YYYYMMDD, '' = open)."""
    from ..wordlists import table

    people: dict[str, list[tuple[str, str, str]]] = {}
    for r in table("leaders_recent.tsv"):
        forms = [f.strip() for f in r["name"].split("|") if f.strip()]
        term = (r["code"], r["start"].replace("-", ""), (r.get("end") or "").replace("-", ""))
        terms = people.setdefault(_leader_key(forms[0]), [])
        terms.append(term)
        for f in forms[1:]:
            people[_leader_key(f)] = terms  # every spelling shares the first one's list
    return people


@lru_cache(maxsize=1)
def _recent_surnames() -> dict[str, list[list[tuple[str, str, str]]]]:
    """Surname (upper case) -> the term lists of the recent office holders who bear it."""
    out: dict[str, list] = {}
    for key, terms in _recent().items():
        toks = key.split()
        if len(toks) < 2:
            continue
        sur = toks[0] if terms[0][0][:3] in _SURNAME_FIRST else toks[-1]
        if sur in ("JR.", "JR", "III", "II"):
            sur = toks[-2]
        lists = out.setdefault(sur, [])
        if not any(t is terms for t in lists):
            lists.append(terms)
    return out


def _covers(start: str, end: str, day: str) -> bool:
    return (not start or start <= day) and (not end or day <= end)


def _recent_code(terms: list[tuple[str, str, str]], day: Optional[str]) -> Optional[str]:
    """The code of a recent office holder on a day: the term covering it; from RECENT_FROM on,
    a former holder (country + ELI) when none does; None before it (the Phoenix lists decide)."""
    if day is None:
        return next((c for c, s, e in terms if not e), None)
    for code, start, end in terms:
        if _covers(start, end, day):
            return code
    if day >= RECENT_FROM and terms[0][0][:3] != "IGO":
        return terms[0][0][:3] + "ELI"
    return None


def listed_person(name: str) -> bool:
    """True when a leader table lists the person (a full name, or a bare surname of a listed
    office holder): someone known beyond the story's country."""
    key = _leader_key(name)
    if len(key.split()) >= 2:
        return key in _recent() or key in _leaders()[0]
    return key in _recent_surnames() or key in _surnames()


@lru_cache(maxsize=1)
def _surnames() -> dict[str, list]:
    raw = json.loads(resources.files("sitrep.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    return raw.get("surnames", {})


def leader_for_surname(surname: str, on: Optional[str] = None, sector: Optional[str] = None) -> Optional[str]:
    """Phoenix code for a bare surname ("Obama", "Mr. Putin") from the listed office holders.

    Candidates are the people listed with that surname and a dated term (undated defaults
    and elite terms do not count) covering the date (``YYYY-MM-DD``), or any dated term
    when there is no date. One country among them gives its code; otherwise the person
    listed under the most spellings (a head of state) wins when listed at least twice as
    often as the next. ``sector`` (from a title: "President" -> GOV) keeps only terms in
    that sector. Surnames that name a full name in the same article never get here: the
    entities stage groups "Putin" with "Vladimir Putin" first.
    """
    key = _norm(surname).replace("\u2019", "'").upper()
    day = on.replace("-", "") if on else None
    if day is not None:
        # The recent table is kept current: one country among its holders in office that day decides.
        recent = [c for terms in _recent_surnames().get(key, [])
                  for c, s, e in terms if _covers(s, e, day) and (sector is None or c[3:6] == sector)]
        if recent and len({c[:3] for c in recent}) == 1:
            return recent[0]
        if recent:
            return None
    cands = _surnames().get(key)
    if not cands:
        return None
    _, terms = _leaders()
    hits: list[tuple[int, str]] = []  # (spellings, code) per person, best term first
    for _name, forms, tidx in cands:
        codes = [code for code, start, end in terms[tidx]
                 if (start or end) and not code.endswith("ELI") and (sector is None or code[3:6] == sector)
                 and (day is None or ((not start or start <= day) and (not end or day <= end)))]
        if codes:
            hits.append((forms, max(sorted(set(codes)), key=codes.count)))
    if not hits:
        return None
    if len({c[:3] for _, c in hits}) == 1:
        return hits[0][1]
    hits.sort(key=lambda h: -h[0])
    if hits[0][0] >= 2 * hits[1][0]:
        return hits[0][1]
    return None
