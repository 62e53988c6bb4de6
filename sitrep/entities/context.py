"""Entity types from context (issue 15), part of ``sitrep_ner_fixes``.

* a city named as a side in a sports report is the club ("Barcelona beat Sevilla 2-1",
  "Leeds striker ...") and a name after a firm's head noun or before "shares" is the company
  ("energy giant Iberdrola", "Iberdrola shares"): ORG, for every mention with that text;
* all-caps section words and abbreviations ("SOCCER", "WATCH:", "AI") and cells of table
  header lines ("Team  Played  Won") are never entities.

The word lists are data (``sitrep/data/entity_words.tsv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..contract import doc_text
from ..wordlists import table
from .gazetteer import lookup

_SCORE = re.compile(r"\b\d{1,2}\s*[-–]\s*\d{1,2}\b")
_TABLE_LINE = re.compile(r"\S(?:\t+| {2,})\S")


@lru_cache(maxsize=None)
def words(which: str) -> frozenset[str]:
    return frozenset(r["word"] for r in table("entity_words.tsv") if r["set"] == which)


# A results line of a sports page: "Leeds 2 Chelsea 1", "Barcelona 3 Real Madrid 0".
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_RESULT_LINE = re.compile(rf"^(?P<a>{_NAME}) \d{{1,3}} (?P<b>{_NAME}) \d{{1,3}}\.?$")


def results_lines(doc: Doc, ents: list[Span]) -> list[Span]:
    """The two sides of a results line ("Leeds 2 Chelsea 1") are the teams: a club (ORG), or a
    country's national side (GPE), whatever spans the model drew across the numbers."""
    text = doc_text(doc)
    added = []
    pos = 0
    for line in text.split("\n"):
        m = _RESULT_LINE.match(line.strip())
        if m:
            off = pos + (len(line) - len(line.lstrip()))
            for g in ("a", "b"):
                entry = lookup(m[g])
                label = "GPE" if entry is not None and entry.kind == "country" else "ORG"
                span = doc.char_span(off + m.start(g), off + m.end(g), label=label)
                if span is not None:
                    added.append(span)
        pos += len(line) + 1
    return replace_overlapping(ents, added)


def replace_overlapping(ents: list[Span], added: list[Span]) -> list[Span]:
    """``ents`` without the spans that overlap one of ``added``, plus ``added``."""
    if not added:
        return ents
    taken = {i for a in added for i in range(a.start, a.end)}
    return [e for e in ents if not any(i in taken for i in range(e.start, e.end))] + added


def _results_line(span: Span) -> bool:
    text = doc_text(span.doc)
    ls = text.rfind("\n", 0, span.start_char) + 1
    le = text.find("\n", span.end_char)
    return bool(_RESULT_LINE.match(text[ls:le if le >= 0 else len(text)].strip()))


def _sports_sentence(span: Span, cache: dict[int, bool], sports_doc: bool = False) -> bool:
    """``cache``: sentence start -> verdict, for one call of :func:`retype`. In a sports story
    one sports word or a score is enough."""
    # Without a parser (a user's own pipeline) the whole text is the "sentence".
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    if sent.start not in cache:
        cache[sent.start] = bool(_SCORE.search(sent.text)) or len(
            {t.lower_ for t in sent if t.lower_ in words("sports")}) >= 2
    if sports_doc and not cache[sent.start]:
        return bool(_SCORE.search(sent.text)) or any(t.lower_ in words("sports") for t in sent) or _results_line(span)
    return cache[sent.start] or _results_line(span)


def _city_like(span: Span) -> bool:
    """A place that can lend its name to a club or firm: not a country, a region or a demonym."""
    entry = lookup(span.text)
    return entry is None or entry.kind in ("capital", "place")


def _is_side(span: Span) -> bool:
    """A team in a sports sentence: subject or object of its verb, next to a score, or before a role."""
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "compound", "poss"):
        head = root.head
        if root.dep_ == "pobj" and head.lower_ not in words("sides_prep"):
            return False  # "in Madrid", "of Maranchon": a place, not a side
        if root.dep_ in ("compound", "poss"):
            return head.lower_ in words("sports") or head.lower_ in words("title")
        return True
    after = doc_text(span.doc)[span.end_char:span.end_char + 8].strip()
    return bool(_SCORE.match(after)) or _results_line(span) and bool(re.match(r"\d{1,3}\b", after))


def _company(span: Span) -> bool:
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.lower_ in words("company") and prev.pos_ == "NOUN":
        return True
    return nxt is not None and nxt.text in words("market")


_DESIGNATION = re.compile(r"^(?!COVID|G-\d)[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]?s?$")  # F-35, S-400s, MiG-29
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish)s?$")
_DESIGNATION_IN_TEXT = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]?s?(?![\w-])")
_ACR_IN_TEXT = re.compile(r"(?<![\w-])[A-Z][A-Z0-9&]{1,7}(?![\w-])")
_PREFIX = re.compile(r"^(?:anti|pro|non|neo|post|pre|ex)-", re.I)


def _fine_type(doc: Doc, e: Span) -> Span:
    """OntoNotes type from the name's own shape: a faith is NORP, "... Islands" / "... Reef" LOC,
    an adjective or plural the model called GPE ("Ivorian soldiers") NORP."""
    if e.text in words("religion"):
        return Span(doc, e.start, e.end, label="NORP")
    if e.label_ in ("LOC", "GPE", "ORG", "PERSON", "FAC") and e.label_ != "GPE" and _admin_place(e):
        return Span(doc, e.start, e.end, label="GPE")  # 'Cross River', 'Middle Shabelle': a state, not a river
    if e.label_ in ("GPE", "ORG", "PERSON", "FAC") and len(e) > 1 and e[-1].text in words("loc_head") \
            and (lookup(e.text) is None or lookup(e.text).kind == "place"):
        return Span(doc, e.start, e.end, label="LOC")
    entry = lookup(e.text)
    if e.label_ == "GPE" and len(e) == 1 and (entry is None or entry.kind == "place") and (
            e[0].tag_ in ("JJ", "NNPS") or _DEMONYM.search(e.text)):
        return Span(doc, e.start, e.end, label="NORP")
    return e


def _admin_place(e: Span) -> bool:
    """A LOC (or a name ending like one: 'Cross River') that GeoNames holds as a country or a
    first-level division, and never as a continent, region or sea, is a GPE (OntoNotes)."""
    from ..gazetteer import fold, gazetteer, generic_names  # the place table (stage-neutral), loaded once

    if e.label_ != "LOC" and not (len(e) > 1 and e[-1].text in words("loc_head")) or fold(e.text) in generic_names():
        return False  # 'South' ('the South China Sea') is a word, not Sudan's state
    kinds = {f.kind for f in gazetteer().candidates(e.text)}
    return bool(kinds & {"country", "adm1"}) and not kinds & {"continent", "region", "sea"}


def _strip_prefix(doc: Doc, e: Span) -> Span:
    """"anti-Turkish" names the Turks: the lowercase prefix is not part of the name."""
    if len(e) >= 3 and e[1].text == "-" and _PREFIX.match(e.text) and e[2].text[:1].isupper():
        return Span(doc, e.start + 2, e.end, label=e.label_)
    return e


def designations(doc: Doc, ents: list[Span]) -> list[Span]:
    """Model designations of weapons and aircraft the model misses or calls ORG: PRODUCT."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        if e.label_ in ("ORG", "GPE", "PERSON") and len(e) == 1 and _DESIGNATION.match(e.text) and lookup(e.text) is None:
            e = Span(doc, e.start, e.end, label="PRODUCT")
        out.append(e)
    for m in _DESIGNATION_IN_TEXT.finditer(doc_text(doc)):  # a regex pass, not a walk over every token
        span = doc.char_span(m.start(), m.end(), label="PRODUCT")
        if span is not None and len(span) == 1 and span.start not in covered and _DESIGNATION.match(span.text) \
                and lookup(span.text) is None:
            out.append(span)
    return out


def _media_services(doc: Doc, ents: list[Span]) -> list[Span]:
    """"VOA Mandarin", "BBC Persian": an outlet followed by a language is one outlet (its service)."""
    by_start = {e.start: e for e in ents}
    drop, out = set(), []
    for e in ents:
        nxt = by_start.get(e.end)
        entry = lookup(e.text)
        if nxt is not None and entry is not None and entry.kind == "media" and len(nxt) == 1 \
                and nxt.label_ in ("LANGUAGE", "NORP"):
            out.append(Span(doc, e.start, nxt.end, label="ORG"))
            drop.update((e.start, nxt.start))
    return [e for e in ents if e.start not in drop] + out


_ACR = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")


def _short_form(tok, name: Span) -> bool:  # noqa: ANN001
    """'the Quadrilateral Security Dialogue, or Quad': one capitalised word that begins the
    name's first word is its short form."""
    first = name[0].lower_
    return tok.is_title and tok.is_alpha and len(tok) >= 3 and first != tok.lower_ and first.startswith(tok.lower_)


def acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """"the Joint Comprehensive Plan of Action, or JCPOA" / "... Act (CAATSA)": the acronym
    introduced right after a name is that name's type, there and wherever else it stands."""
    intro: dict[str, str] = {}
    for e in ents:
        i = e.end
        if i + 1 < len(doc) and doc[i].text in ("(", ",") and len(e) >= 2:
            j = i + 1
            if doc[i].text == "," and doc[j].lower_ == "or":
                j += 1
            if j < len(doc) and (_ACR.match(doc[j].text) or _short_form(doc[j], e)) and lookup(doc[j].text) is None \
                    and doc[j].text not in words("not_name"):
                intro.setdefault(doc[j].text, e.label_)
    covered = {i for e in ents for i in range(e.start, e.end)}
    ents = list(ents)
    cands = [sp[0] for m in _ACR_IN_TEXT.finditer(doc_text(doc))
             if (sp := doc.char_span(m.start(), m.end())) is not None and len(sp) == 1]
    for tok in cands:  # an expansion the model missed: the Title-Case run before "(ACR)" / ", or ACR"
        j = tok.i
        if not (tok.text not in intro and j >= 3 and lookup(tok.text) is None):
            continue
        k = j - 1
        if doc[k].text == "(" or doc[k].lower_ == "or" and doc[k - 1].text == ",":
            k = k - 1 if doc[k].text == "(" else k - 2
        else:
            continue
        end, start = k + 1, k + 1
        while start - 1 >= 0 and (doc[start - 1].is_title or doc[start - 1].lower_ in ("of", "and", "the", "for", "on")
                                  and start - 2 >= 0 and doc[start - 2].is_title) and doc[start - 1].i not in covered:
            start -= 1
        while start < end and not doc[start].is_title:
            start += 1
        initials = {"".join(t.text[0] for t in doc[start:end] if t.is_title),
                    "".join(t.text[0] for t in doc[start:end]).upper()}  # "Plan of Action" -> PA / POA
        if end - start >= 2 and tok.text in initials:
            ofs = [t.i for t in doc[start:end] if t.lower_ == "of"]
            head = doc[ofs[0] - 1] if ofs and ofs[0] > start else doc[end - 1]  # "Plan of Action" -> Plan
            label = "LAW" if head.text in words("law_head") else "ORG"
            ents.append(Span(doc, start, end, label=label))
            covered.update(range(start, end))
            intro[tok.text] = label
    if not intro:
        return ents
    out = [Span(doc, e.start, e.end, label=intro[e.text]) if len(e) == 1 and e.text in intro else e for e in ents]
    for tok in cands:
        if tok.text in intro and tok.i not in covered:
            out.append(Span(doc, tok.i, tok.i + 1, label=intro[tok.text]))
    return out


def retype(doc: Doc, ents: list[Span]) -> list[Span]:
    """Clubs and companies named after places become ORG (all mentions of that text); a city
    that is the subject of a price move is its market (ORG, that mention only); the shape rules
    of :func:`_fine_type`; outlets' language services; weapon designations."""
    ents = [_fine_type(doc, _strip_prefix(doc, e)) for e in ents]
    ents = results_lines(doc, designations(doc, acronyms(doc, _media_services(doc, ents))))
    sports: dict[int, bool] = {}
    sports_doc = _sports_doc(doc, ents, sports)
    ents = market_names(doc, clubs(doc, ents, sports_doc))
    to_org = {e.text for e in ents if e.label_ == "ORG" and (_results_line(e) or _club_name(e, sports_doc))}
    markets = set()
    for e in ents:
        if e.label_ in ("GPE", "LOC", "FAC", "ORG") and _market(e):
            markets.add((e.start, e.end))
            continue
        if e.text.isupper():
            continue  # an all-caps heading's parse is no evidence of a match ("SELES BEATS CAPRIATI IN ROME")
        place = e.label_ in ("GPE", "LOC", "ORG") and _city_like(e)
        if not (place or e.label_ == "PERSON" and len(e) == 1 and (_gaz_place(e.text) or _town(e.text))):
            continue
        if (_sports_sentence(e, sports, sports_doc) and _is_side(e)) or _sides(e) or place and _company(e):
            to_org.add(e.text)
    ents = [Span(doc, e.start, e.end, label="ORG")
            if e.label_ in ("GPE", "LOC", "PERSON") and e.text in to_org or (e.start, e.end) in markets else e
            for e in ents]
    # The resolver must not turn these back into places from the gazetteer ("Barcelona" the club).
    doc._.sitrep.context_types = {(e.start_char, e.end_char): e.label_ for e in ents
                                if e.label_ in ("ORG", "NORP") and (e.text in to_org | _shape_typed(e)
                                                                    or (e.start, e.end) in markets)}
    return ents


def _gaz_place(text: str) -> bool:
    entry = lookup(text)
    return entry is not None and entry.kind in ("capital", "place")


@lru_cache(maxsize=4096)
def _town(text: str) -> bool:
    """A city of 50,000 or more in the place table: a name a club or a market can borrow."""
    from ..gazetteer import gazetteer  # the place table (stage-neutral), loaded once

    return any(f.kind in ("city", "capital") and f.population >= 50000 for f in gazetteer().candidates(text))


def _sports_doc(doc: Doc, ents: list[Span], cache: dict[int, bool]) -> bool:
    """A sports story: a results line, or two sentences with a score or two sports words."""
    if any(_results_line(e) for e in ents):
        return True
    if not doc.has_annotation("SENT_START"):
        return False
    hits = 0
    for sent in doc.sents:
        if sent.start not in cache:
            cache[sent.start] = bool(_SCORE.search(sent.text)) or len(
                {t.lower_ for t in sent if t.lower_ in words("sports")}) >= 2
        hits += cache[sent.start]
        if hits >= 2:
            return True
    return False


def _club_name(e: Span, sports_doc: bool) -> bool:
    """"Manchester United", "Bristol Rovers", "Real Madrid"; "Leicester City" in a sports story."""
    if len(e) < 2 or not all(t.text[:1].isupper() for t in e):
        return False
    last, first = e[-1].text, e[0].text
    if last in words("club_suffix") or first in words("club_prefix") and (_town(e[1:].text) or _gaz_place(e[1:].text)):
        return lookup(e.text) is None
    return sports_doc and last in words("club_sports_suffix") and lookup(e.text) is None and not _town(e.text)


def clubs(doc: Doc, ents: list[Span], sports_doc: bool) -> list[Span]:
    """A club's name is ORG whatever the model said, and takes in a prefix the model left out
    ("Real" before "Madrid")."""
    out = []
    for e in ents:
        if e.label_ in ("GPE", "LOC", "PERSON", "ORG") and e.start > 0 and doc[e.start - 1].text in words("club_prefix") \
                and (_town(e.text) or _gaz_place(e.text)):
            e = Span(doc, e.start - 1, e.end, label="ORG")
        elif e.label_ in ("GPE", "LOC", "PERSON", "FAC", "NORP") and _club_name(e, sports_doc):
            e = Span(doc, e.start, e.end, label="ORG")
        out.append(e)
    return out


@lru_cache(maxsize=None)
def _market_name_re() -> re.Pattern:
    names = "|".join(sorted((re.escape(w) for w in words("market_name")), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")


def market_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Wall Street" stands for its market (ORG), tagged or not."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    added = [sp for m in _market_name_re().finditer(doc_text(doc))
             if (sp := doc.char_span(m.start(), m.end(), label="ORG")) is not None
             and not any(i in covered for i in range(sp.start, sp.end))]  # "Wall Street Journal" stays whole
    return ents + added


def _first_conjunct(tok):  # noqa: ANN001, ANN202
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _sides(span: Span) -> bool:
    """"Leeds beat Fulham", "Getafe drew with Sevilla": subject and object of a sides verb, both names."""
    root = _first_conjunct(span.root)
    verb = root.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in words("sides_verb"):
        if not (root.dep_ == "pobj" and verb.head.pos_ == "VERB" and verb.lower_ in ("with", "against")
                and verb.head.lemma_.lower() in words("sides_verb")):
            return False
        verb = verb.head
        root_role = "obj"
    else:
        root_role = "subj" if root.dep_ in ("nsubj",) else "obj" if root.dep_ == "dobj" else None
        if root_role is None:
            return False
    others = []
    for c in verb.children:
        if root_role == "subj" and c.dep_ == "dobj":
            others.append(c)
        elif root_role == "subj" and c.dep_ == "prep" and c.lower_ in ("with", "against"):
            others += [g for g in c.children if g.dep_ == "pobj"]
        elif root_role == "obj" and c.dep_ == "nsubj":
            others.append(c)
    return any(o.text[:1].isupper() and o.pos_ == "PROPN" for o in others)


_MOVE = re.compile(r"\d(?:[.,]\d+)?\s*(?:%|percent|per cent|points?)\b|\b(?:higher|lower)\b", re.I)


def _market(span: Span) -> bool:
    """"Tokyo rose 1.2 percent", "Wall Street fell", "Frankfurt and Paris closed higher": the
    subject of a price move is the market there, not the place."""
    root = _first_conjunct(span.root)
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in words("market_verb"):
        return False
    if span.text in words("market_name"):
        return True
    if not (_city_like(span) or lookup(span.text) is not None and lookup(span.text).kind == "country"
            and _town(span.text)):
        return False  # a city ('Tokyo') or a city state ('Hong Kong'), never a country
    return bool(_MOVE.search(span.doc[verb.i:verb.sent.end].text[:60]))


def _shape_typed(e: Span) -> set[str]:
    return {e.text} if e.label_ == "NORP" and len(e) == 1 else set()


def is_junk(span: Span, text: str, ls: int, le: int) -> bool:
    """All-caps section words and abbreviations, and cells of a table header line."""
    t = span.text
    if t in words("not_name") and lookup(t) is None:
        return True
    if " " not in t and t.endswith("ism") and t[:1].isupper() and lookup(t) is None and t not in words("religion"):
        return True  # 'Islamism', 'Pan-Arabism': an idea, not a name (OntoNotes)
    line = text[ls:le]
    if _TABLE_LINE.search(line.strip()) and not re.search(r"[.!?]\s*$", line.strip()):
        cells = [c for c in re.split(r"\t+| {2,}", line.strip()) if c]
        if len(cells) >= 3 and all(len(c.split()) <= 3 for c in cells) and lookup(t) is None:
            return True  # "Team   Played   Won   Lost": column headers, not organisations
    # An all-caps word alone on its line (a section label) is not a name unless the gazetteer knows it.
    return t.isupper() and len(t) > 3 and line.strip().rstrip(":") == t and lookup(t) is None
