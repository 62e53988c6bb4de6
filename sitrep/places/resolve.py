"""Toponym resolution: each place name of an article to one gazetteer feature, or to none.

Evidence, in the order it weighs:

1. a local qualifier: 'Charlevoix, Quebec', "Pakistan's Balochistan province", 'X region',
   'the city of X' (country / division / kind of the feature);
2. the article's context: the countries its entities belong to (weighted by mentions) and
   the first-level divisions already resolved in it;
3. the kind of feature (a capital or city before a division of the same name, a division
   when the words say so) and population as a prior.

A name with several candidates in different countries and no evidence for one is left
unresolved rather than guessed; so is a small town no context supports.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..entities.gazetteer import lookup as entity_lookup
from ..record import Geo
from ..wordlists import members
from ..gazetteer import ADM1_WORDS, ADM2_WORDS, Feature, adm2_word, fold, gazetteer, generic_names

PLACE_TYPES = ("GPE", "LOC", "FAC")
_CITY_CUE = re.compile(r"\b(?:city|town|village|capital|port|municipality)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ADM1_CUE = re.compile(r"^\s+(?:%s)s?\b" % "|".join(ADM1_WORDS), re.IGNORECASE)
# 'Khyber district', 'Bucha raion': a second-level division word after the name (group 1)
_ADM2_CUE = re.compile(r"^\s+(%s)s?\b" % "|".join(ADM2_WORDS), re.IGNORECASE)
_EITHER = frozenset(w.lower() for w in ADM1_WORDS) & frozenset(w.lower() for w in ADM2_WORDS)
# the last of a list that the kind word follows: 'Bayelsa, Ogun and Lagos states'
_ADM1_LIST_AFTER = re.compile(r"^(?:(?:,|,?\s+and|,?\s+or)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}){1,6}\s+(?:%s)s\b"
                              % "|".join(ADM1_WORDS))
# a list that a kind word announces: 'three states ...: Michigan, Minnesota and New York'
_ADM1_LIST_BEFORE = re.compile(r"\b(?:%s)s\b[^.;]{0,60}:\s+(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}(?:,|,?\s+and|,?\s+or)\s+){0,6}$"
                               % "|".join(ADM1_WORDS))
# the name is itself a qualifier of the place before it: 'Charlevoix, Quebec'
_QUALIFIES = re.compile(r"[A-Z][\w'\u2019.-]+,\s+$")
_CITY_AFTER = re.compile(r"^\s+(?:city|town)\b", re.IGNORECASE)
# A qualifier right after the name: 'Charlevoix, Quebec', 'Gaza City, Gaza'.
_AFTER = re.compile(r"^,\s+((?:[A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*){0,3})")
# A possessive country before it: "Pakistan's Balochistan", "Ukraine’s Kharkiv region".
_BEFORE = re.compile(r"((?:[A-Z][\w.-]*)(?:\s+[A-Z][\w.-]*){0,3})['\u2019]s?\s+(?:[a-z-]+\s+){0,3}$")
# Heads of a territory's name that a city inside it shares the rest of: 'Gaza Strip'.
TERRITORY_WORDS = frozenset(members("place_nouns.tsv", "territory", "y"))


def territory_of(f: Feature) -> Optional[Feature]:
    """The territory a city shares its name with (the Gaza Strip for Gaza City): its own
    first-level division when that is named 'X Strip' / 'X Territory' for the city's X."""
    d = gazetteer().adm1(f.country, f.admin1) if f.is_city else None
    if d is None:
        return None
    city, name = fold(f.name), fold(d.name)
    if name.startswith(city + " ") and name[len(city) + 1:] in TERRITORY_WORDS:
        return d
    return None


MIN_UNSUPPORTED_POP = 100_000   # a city no context supports needs at least this many people
MIN_CONFIDENCE = 0.35


@dataclass
class Context:
    """What the article says about where it is: countries (weighted) and divisions."""

    countries: Counter = field(default_factory=Counter)
    adm1s: set = field(default_factory=set)        # (alpha3, admin1 code)

    def weight(self, alpha3: Optional[str]) -> float:
        if not alpha3 or not self.countries:
            return 0.0
        return self.countries[alpha3] / max(self.countries.values())


def country_of_name(name: str) -> Optional[str]:
    """ISO alpha-3 when the name is a country (or its capital, demonym or metonym) in the
    entity gazetteer: 'the United States', 'Britain', 'Ukrainian'."""
    hit = entity_lookup(name)
    if hit is not None and hit.kind in ("country", "demonym") and hit.country:
        return hit.country
    return None


def to_geo(f: Feature, confidence: float) -> Geo:
    g = gazetteer()
    a1 = g.adm1(f.country, f.admin1) if f.kind != "adm1" else f
    return Geo(id=f.id, geonames_id=f.geonames_id, name=f.name, feature=f.kind, country=f.country,
               admin1=f.admin1, admin1_name=a1.name if a1 else None, lat=f.lat, lon=f.lon,
               precision=f.precision, confidence=round(confidence, 3))


def _qualifier(text: str) -> tuple[set, set]:
    """(countries, divisions) a qualifier names: 'Quebec' -> ({CAN}, {(CAN, '10')})."""
    countries, adm1s = set(), set()
    cc = country_of_name(text)
    if cc:
        countries.add(cc)
        return countries, adm1s
    for f in gazetteer().candidates(text):
        if f.kind == "adm1":
            adm1s.add((f.country, f.admin1))
            countries.add(f.country)
        elif f.kind == "country":
            countries.add(f.country)
    return countries, adm1s


def _score(f: Feature, ctx: Context, local_cc: set, local_a1: set, want: Optional[str], primary: bool,
           named: frozenset = frozenset()) -> float:
    s = math.log10(f.population + 10) / 10
    s += {"country": 0.7, "capital": 0.6, "city": 0.3, "adm1": 0.2, "adm2": 0.0, "region": 0.4,
          "continent": 0.4, "sea": 0.4}[f.kind]
    if primary:  # the feature's own name, not one of its alternate names ('Africa' for Mahdia)
        s += 1.5 if f.kind in ("continent", "region", "sea") else 0.3
    if want == "adm1":
        s += 1.0 if f.kind in ("adm1", "region") else -1.0
    elif want == "adm2":  # 'Bucha raion': a second-level division
        s += 1.0 if f.kind == "adm2" else -1.0
    elif want == "division":  # 'Turkana County', 'Khyber district': either level, by country;
        # a division whose own name carries the word ('Gulu District') first
        s += (1.0 if f.id in named else 0.8) if f.kind in ("adm1", "adm2", "region") else -1.0
    elif want == "city":
        s += 0.8 if f.is_city else -0.8
    elif want == "qualifier":
        s += 0.5 if f.kind in ("adm1", "country") else 0.0
    if local_cc:
        s += 2.0 if f.country in local_cc else -1.0
    if local_a1:
        s += 1.0 if (f.country, f.admin1) in local_a1 else 0.0
    # the article's countries; half as much for a feature the name is only an alternate of
    s += (1.2 if primary else 0.6) * ctx.weight(f.country)
    if f.kind != "adm1" and (f.country, f.admin1) in ctx.adm1s:
        s += 0.6
    return s


def _without_shadowed_towns(cands: list[Feature], ctx: Context, local_cc: set, local_a1: set) -> list[Feature]:
    """Drop a town (under MIN_UNSUPPORTED_POP) that shares its name with a feature ten times
    its size in another country ('Mexico' the country over Mexico, Missouri; 'Berlin' over
    Berlin, New Hampshire) unless the words place it: a qualifier naming its country or
    division ('Mexico, Missouri') or its division named in the article. The article's
    country alone is no such evidence: a story from the United States names Berlin too."""
    def placed(f: Feature) -> bool:
        return f.country in local_cc or (f.country, f.admin1) in local_a1 or (f.country, f.admin1) in ctx.adm1s

    biggest: dict = {}  # country -> its largest candidate's population
    for o in cands:
        biggest[o.country] = max(biggest.get(o.country, 0), o.population)
    top = sorted(biggest.items(), key=lambda kv: -kv[1])[:2]

    def shadowed(f: Feature) -> bool:
        if not f.is_city or f.population >= MIN_UNSUPPORTED_POP or placed(f):
            return False
        other = next((p for cc, p in top if cc != f.country), 0)
        return other >= 10 * max(f.population, 1)

    kept = [f for f in cands if not shadowed(f)]
    return kept or cands


def resolve_name(name: str, ctx: Optional[Context] = None, before: str = "", after: str = "") -> Optional[Geo]:
    """The feature a place name denotes in context, or None when the evidence is thin.

    ``before`` / ``after``: the text just before and after the name (for qualifiers)."""
    ctx = ctx or Context()
    cc = country_of_name(name)
    g = gazetteer()
    if cc and not _ADM1_CUE.match(after):
        f = g.country(cc)
        if f is not None and fold(name) not in {fold(c.name) for c in g.candidates(name) if c.kind != "country"}:
            return to_geo(f, 0.95)
    cands = g.candidates(name)
    if cc and (f := g.country(cc)) is not None and f not in cands:
        cands.append(f)
    m2 = _ADM2_CUE.match(after)
    fallback = False  # only second-level divisions have the name, and no word says it is one
    if m2 is None and not adm2_word(name):
        # no word says it is a county or district: a second-level division is a candidate
        # only when nothing else has the name
        cands = [f for f in cands if f.kind != "adm2"] or cands
        fallback = bool(cands) and cands[0].kind == "adm2"
    elif m2 is not None:
        # 'Kent' + 'district': the divisions so named (else what the name alone names)
        cands = g.candidates(f"{name} {m2.group(1)}") or cands
    if not cands:
        return None
    named: frozenset = frozenset()
    if m2 is not None or adm2_word(name):
        word = (m2.group(1) if m2 is not None else name.split()[-1]).lower().rstrip("s")
        want = "division" if word in _EITHER else "adm2"
        named = frozenset(f.id for f in g.exact(f"{name} {m2.group(1)}" if m2 is not None else name))
    elif _ADM1_CUE.match(after) or _ADM1_LIST_AFTER.match(after) or _ADM1_LIST_BEFORE.search(before):
        want = "adm1"
    elif _CITY_CUE.search(before) or _CITY_AFTER.match(after):
        want = "city"
    elif _QUALIFIES.search(before) and re.match(r"\s*[,.;)]", after):
        want = "qualifier"
    else:
        want = None
    local_cc, local_a1 = set(), set()
    m = _AFTER.match(after)
    if m:
        c2, a2 = _qualifier(m.group(1))
        local_cc |= c2
        local_a1 |= a2
    m = _BEFORE.search(before)
    if m:
        c2 = country_of_name(m.group(1))
        if c2:
            local_cc.add(c2)
    cands = _without_shadowed_towns(cands, ctx, local_cc, local_a1)
    scored = sorted(((_score(f, ctx, local_cc, local_a1, want, g.primary(f, name), named), f) for f in cands),
                    key=lambda x: (-x[0], x[1].id))
    best_s, best = scored[0]
    if fold(name) in generic_names() and best.kind in ("adm1", "city") and not local_cc and ctx.weight(best.country) < 0.5:
        return None  # 'the East': a word, unless the article is about that country
    supported = (bool(local_cc) or ctx.weight(best.country) > 0 or best.kind in ("country", "continent", "region", "sea")
                 or (best.kind == "adm2" and want in ("adm2", "division")))
    # Rivals: other countries' features named so (a division of the same name in the same
    # country as a city is the same place, for a reader).
    rivals = [s for s, f in scored[1:] if f.country != best.country]
    margin = best_s - rivals[0] if rivals else 2.0
    conf = 1 / (1 + math.exp(-3 * margin))
    if not supported:
        if best.is_city and best.population < MIN_UNSUPPORTED_POP:
            return None
        conf *= 0.8
    if rivals and margin < 0.25 and not supported:
        return None
    if conf < MIN_CONFIDENCE:
        return None
    if best.kind == "adm2" and local_cc and best.country not in local_cc:
        return None  # 'Charlevoix, Quebec' is no county of Michigan: a division the words contradict
    if fallback and not (best.country in local_cc or (best.country, best.admin1) in local_a1 | ctx.adm1s
                         or ctx.weight(best.country) >= 0.5):
        return None  # 'Korea' is no district of India unless the story is about India
    if want != "city" and fold(name) == fold(best.name) and (t := territory_of(best)) is not None:
        # 'Gaza' in the news is the Gaza Strip; 'Gaza City', 'the city of Gaza' stay the city
        return to_geo(t, conf)
    return to_geo(best, conf)


def article_context(entities: Iterable) -> Context:  # noqa: ANN001 - record.Entity
    """Countries of the article's entities, weighted by their mentions."""
    ctx = Context()
    for e in entities:
        if e.country:
            ctx.countries[e.country] += max(1, len(e.mentions))
    return ctx


def resolve_entities(entities: list, text: str, title: Optional[str] = None) -> Context:  # noqa: ANN001
    """Set ``entity.geo`` on each GPE/LOC/FAC entity (in place); returns the context used.

    Two passes: first the names no context is needed for (countries, divisions named as
    such) to learn the article's divisions, then every place with that context."""
    ctx = article_context(entities)
    places = [e for e in entities if e.type in PLACE_TYPES]

    def around(e) -> tuple[str, str]:  # noqa: ANN001
        for m in e.mentions:
            src = text if m.field == "text" else (title or "")
            b, a = src[max(0, m.start - 60):m.start], src[m.end:m.end + 60]
            if (_AFTER.match(a) or _ADM1_CUE.match(a) or _BEFORE.search(b) or _CITY_CUE.search(b)
                    or _ADM1_LIST_AFTER.match(a) or _ADM1_LIST_BEFORE.search(b)
                    or (_QUALIFIES.search(b) and re.match(r"\s*[,.;)]", a))):
                return b, a
        m = e.mentions[0] if e.mentions else None
        if m is None:
            return "", ""
        src = text if m.field == "text" else (title or "")
        return src[max(0, m.start - 60):m.start], src[m.end:m.end + 60]

    def names(e) -> list[str]:  # noqa: ANN001
        """The forms the article uses, most frequent first, then the canonical name (the
        entity stage may canonicalise 'Abidjan' to the capital it knows)."""
        counts: dict[str, int] = {}
        for m in e.mentions:
            counts[m.text] = counts.get(m.text, 0) + 1
        forms = sorted(counts, key=lambda t: -counts[t])
        return [*forms, *(x for x in (e.name, *e.aliases) if x not in counts)]

    own: dict[str, tuple] = {}  # the division each entity itself was read as in pass 1
    for e in places:
        b, a = around(e)
        geo = resolve_name(names(e)[0], ctx, b, a)
        if geo is not None and geo.feature in ("adm1", "adm2") and geo.country and geo.admin1:
            ctx.adm1s.add((geo.country, geo.admin1))
            own[e.id] = (geo.country, geo.admin1)
        if geo is not None and geo.country:
            ctx.countries[geo.country] += 1
    for e in places:
        b, a = around(e)
        # a name read as a division must not then count as evidence for a city inside it
        others = {own[x.id] for x in places if x.id in own and x.id != e.id}
        local = Context(ctx.countries, {a1 for a1 in ctx.adm1s if a1 != own.get(e.id) or a1 in others})
        geo = None
        for form in names(e):
            geo = resolve_name(form, local, b, a)
            if geo is not None:
                break
        e.geo = geo
    return ctx
