"""Place mentions that are no named entity: 'the Ukrainian border', 'Russian territory',
'the Syrian coast', "Ukraine's eastern border", 'the Ukrainian capital', 'the Tigray region'.

Two patterns, read from the parse (the nouns are data: ``sitrep/data/place_nouns.tsv``):

1. a place noun (border, territory, coast, waters, airspace, capital, north, ...; or 'region' /
   'area' / 'zone' with such a noun as compound: 'border region') whose left modifiers name
   exactly one country: a demonym ('Ukrainian'), the country's name ('the Ukraine border') or its
   possessive ("Ukraine's"). The geo is that country (kind capital: its capital city);
2. a division word ('region', 'province', 'oblast', ...) after a name the model did not tag as a
   place ('the Tigray region' with 'Tigray' tagged PERSON): the name resolved as a first-level
   division (or a named region) with the division word as its cue.

Never a phrase inside a named entity ('the Ukrainian Border Guard Service'), never one that
names its place itself ('the Russian city of Belgorod': that place is the entity), never a
phrase whose modifiers name two countries ('the Polish-Belarusian border').
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from ..record import Geo, PlaceMention, content_id, make_span
from ..wordlists import table
from ..gazetteer import ADM1_WORDS, gazetteer
from .resolve import PLACE_TYPES, Context, country_of_name, resolve_name, to_geo

_MODIFIERS = ("amod", "compound", "nmod", "poss", "npadvmod", "nummod")


@lru_cache(maxsize=1)
def place_nouns() -> dict[str, str]:
    """noun -> kind ('-' for a noun that is a place only with a kind noun as compound)."""
    return {r["noun"]: r["kind"] for r in table("place_nouns.tsv")}


def _kind(tok: Token) -> Optional[str]:
    nouns = place_nouns()
    return nouns.get(tok.lower_) or nouns.get(tok.lemma_.lower())


def _in_entity(tok: Token) -> bool:
    return bool(tok.ent_type_)


def _names_its_place(head: Token) -> bool:
    """'the Russian city of Belgorod', 'the Syrian province of Idlib': the name is the place."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            if any(o.ent_type_ in PLACE_TYPES or o.pos_ == "PROPN" for o in c.children if o.dep_ == "pobj"):
                return True
    return False


def _phrase_start(head: Token) -> Token:
    """The first word of the phrase: its left edge, without a determiner or punctuation."""
    toks = [t for t in head.doc[head.left_edge.i:head.i + 1]]
    while toks and (toks[0].dep_ in ("det", "predet", "punct", "cc", "preconj") or toks[0].pos_ == "DET"):
        toks = toks[1:]
    return toks[0] if toks else head


def _anchors(head: Token) -> list[tuple[Token, Token, str]]:
    """(first, last, alpha3) of each left modifier of the phrase that names a country."""
    out = []
    start = _phrase_start(head)
    for t in head.doc[start.i:head.i]:
        if t.dep_ not in _MODIFIERS or t.pos_ in ("PRON", "DET", "NUM"):
            continue
        first = t
        # 'South Korean', 'United States': the modifier with the words compounded into it
        comp = [c for c in t.lefts if c.dep_ == "compound" and c.i >= start.i]
        if comp and (cc := country_of_name(t.doc[comp[0].i:t.i + 1].text)):
            out.append((comp[0], t, cc))
            continue
        cc = country_of_name(t.text)
        if cc:
            out.append((first, t, cc))
    # a compound inside the modifiers of another ('South' of 'South Korean') is not a second anchor
    kept = []
    for a in out:
        if not any(b is not a and b[0].i <= a[0].i and a[1].i <= b[1].i for b in out):
            kept.append(a)
    return kept


def find_place_mentions(doc: Doc, text: str, mentions: list[tuple[int, int, str]], by_id: dict,
                        ctx: Context, field: str = "text") -> list[PlaceMention]:
    """The place mentions of a parsed doc (see the module doc)."""
    out: list[PlaceMention] = []

    def entity_at(tok: Token) -> Optional[str]:
        i = bisect_right(mentions, (tok.idx, float("inf"), "")) - 1
        if i >= 0:
            s, e, eid = mentions[i]
            if s <= tok.idx < e:
                return eid
        return None

    def place_entity_at(tok: Token) -> bool:
        eid = entity_at(tok)
        ent = by_id.get(eid) if eid else None
        return ent is not None and ent.type in PLACE_TYPES

    def add(start: Token, head: Token, kind: str, a0: Token, a1: Token, geo: Geo) -> None:
        s, e = start.idx, head.idx + len(head.text)
        span = make_span(text, s, e, field)
        anchor = make_span(text, a0.idx, a1.idx + len(a1.text), field)
        out.append(PlaceMention(id=content_id("place", s, e, geo.id), span=span, kind=kind, anchor=anchor,
                                entity=entity_at(a0), geo=geo))

    g = gazetteer()
    for tok in doc:
        if tok.pos_ != "NOUN" or _in_entity(tok) or place_entity_at(tok):
            continue
        low = tok.lower_
        kind = _kind(tok)
        if kind == "-":  # 'region', 'area', 'zone': a place with a kind noun compounded ('border region')
            kind = next((k for c in tok.lefts if c.dep_ == "compound" and (k := _kind(c)) not in (None, "-")), "-")
        if kind is not None and kind != "-" and not _names_its_place(tok):
            anchors = _anchors(tok)
            countries = {cc for _, _, cc in anchors}
            if len(countries) == 1:
                a0, a1, cc = anchors[0]
                f = g.capital(cc) if kind == "capital" else g.country(cc)
                if f is not None:
                    add(_phrase_start(tok), tok, kind, a0, a1, to_geo(f, 0.9))
                    continue
        if low.rstrip("s") in ADM1_WORDS or low in ADM1_WORDS:
            # 'the Tigray region': the name just before the division word, no place entity
            names = []
            j = tok.i - 1
            while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].dep_ in ("compound", "amod", "nmod"):
                names.insert(0, doc[j])
                j -= 1
            if not names or any(place_entity_at(t) for t in names) or any(t.ent_type_ in PLACE_TYPES for t in names):
                continue
            if country_of_name(doc[names[0].i:names[-1].i + 1].text):
                continue  # 'the Ukraine region': a country, not a division
            s, e = names[0].idx, names[-1].idx + len(names[-1].text)
            geo = resolve_name(text[s:e], ctx, text[max(0, s - 60):s], text[e:e + 60])
            if geo is not None and geo.feature in ("adm1", "region"):
                add(_phrase_start(tok) if _phrase_start(tok).i <= names[0].i else names[0], tok, "division",
                    names[0], names[-1], geo)
    return out


def mention_at(found: list[PlaceMention]) -> Callable[[Token], Optional[PlaceMention]]:
    """A lookup: the place mention a token heads (its last word), or None."""
    by_end = {m.span.end: m for m in found}

    def at(tok: Token) -> Optional[PlaceMention]:
        return by_end.get(tok.idx + len(tok.text))

    return at


__all__ = ["find_place_mentions", "mention_at", "place_nouns"]
