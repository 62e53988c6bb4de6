"""The event lexicon: predicate lemma + pattern -> CAMEO code.

Two tables in ``sitrep/data``, read through :mod:`sitrep.wordlists`:

- ``event_lexicon.tsv`` (sitrep's own, hand-written, versioned): verbs, nominals and
  readiness adjectives, with simple patterns and blocks;
- ``event_lexicon_patterns.tsv`` (also sitrep's own): patterns that add to PETRARCH2's reading
  of a verb without replacing it ('hit X with tariffs', 'upgraded their ties');
- ``event_lexicon_petrarch.tsv`` (derived from PETRARCH2's CAMEO.2.0 verb dictionary by
  ``scripts/build_event_lexicon.py``): every verb of the dictionary with its patterns —
  particle, object head (or a synonym set, ``event_lexicon_synsets.tsv``) with words of its
  phrase, preposition + object, subject.

A pattern is a tuple of :class:`Constraint`; :func:`best` picks, among the entries whose
constraints all hold on a :class:`Frame` (what the parse says around the predicate), the most
specific one (see :func:`specificity`), so 'send troops' (MOBILIZE) differs from 'send aid'
(AID) and 'call off a strike' (160) from 'call for talks' (020). The frame is read from the
dependency parse by :mod:`sitrep.events.patterns`; :func:`match` builds one from lemma lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from ..wordlists import table
from .words import words

BLOCK = "-"
# sitrep's hand-written rows outrank a PETRARCH2 pattern that names less than a word; a
# pattern PETRARCH2 wrote for another verb of the synonym block counts less than one written
# for this verb (both measured on the PLOVER GSR and codebook dev sets).
SITREP_BONUS = 0.6
BLOCK_PENALTY = 0.6
# What may follow a dictionary stem ('VIOLAT' -> violate, violation), never a new word ('attacker').
STEM_ENDINGS = words("stem_ending")
# Object words of one verb's idiom ('take part', 'take place'): its synonyms' rows with them are dropped.
IDIOM_OBJECTS = words("idiom_object")


@dataclass(frozen=True)
class Constraint:
    kind: str                 # prt | obj | prep | subj | mod
    word: str = ""            # head word, '&SET' for a synonym set, '' for any
    prep: str = ""            # the preposition of a 'prep' constraint
    mods: tuple[str, ...] = ()  # words that must be in the phrase of the head


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str          # VERB | NOUN | ADJ
    pattern: str      # main kind: '' | obj | prep | subj | compound | prt
    prep: str
    word: str
    cameo: str        # CAMEO code, or '-' for "not an event"
    origin: str       # 'sitrep' | 'petrarch2'
    cons: tuple[Constraint, ...] = ()
    scope: str = "own"  # petrarch2 rows: 'own' (written for this verb) | 'block' (for a synonym)
    order: int = 0


@dataclass
class Phrase:
    """A noun phrase (or verb) in the frame: its head's lemma and surface, and the words of
    its phrase (lemmas and surfaces of the head's subtree)."""

    lemma: str
    lower: str = ""
    words: frozenset = field(default_factory=frozenset)


@dataclass
class Frame:
    """What surrounds a predicate: particles and bare prepositions, objects, prepositional
    phrases (preposition, object or None), subjects."""

    prts: set = field(default_factory=set)
    objs: list = field(default_factory=list)
    preps: list = field(default_factory=list)
    subjs: list = field(default_factory=list)
    mods: set = field(default_factory=set)


def _parse_pattern(text: str) -> tuple[Constraint, ...]:
    out = []
    for part in text.split():
        kind, _, rest = part.partition(":")
        if kind == "prep":
            prep, _, np = rest.partition("=")
        else:
            prep, np = "", rest
        head, *mods = np.split("+") if np else [""]
        out.append(Constraint(kind, head, prep, tuple(mods)))
    return tuple(out)


def _main_kind(cons: tuple[Constraint, ...]) -> tuple[str, str, str]:
    for kind in ("obj", "prep", "subj", "compound", "prt"):
        for c in cons:
            if c.kind == kind or (kind == "compound" and c.kind == "mod"):
                return kind, c.prep, c.word
    return "", "", ""


def _sitrep_constraints(r: dict) -> tuple[Constraint, ...]:
    kind, word, prep = r["pattern"] or "", r["word"] or "", r["prep"] or ""
    if not kind:
        return ()
    if ":" in kind:
        # Several constraints at once, written as PETRARCH2's are ('prt:up prep:for').
        return _parse_pattern(kind)
    if kind in ("compound", "amod"):
        return (Constraint("mod", word),)
    return (Constraint(kind, word, prep),)


def _sitrep_entry(r: dict, cons: tuple[Constraint, ...], n: int) -> Entry:
    if ":" in (r["pattern"] or ""):
        kind, prep, word = _main_kind(cons)
    else:
        kind, prep, word = r["pattern"] or "", r["prep"] or "", r["word"] or ""
    return Entry(r["lemma"], r["pos"], kind, prep, word, r["cameo"], "sitrep", cons, "own", n)


@lru_cache(maxsize=1)
def load_lexicon() -> dict[tuple[str, str], list[Entry]]:
    """(lemma, pos) -> entries, sitrep's rows first, then PETRARCH2's (verbs only).

    A verb sitrep lists keeps sitrep's rows as its reading; PETRARCH2's patterns written for
    that very verb (scope ``own``) are added after them, so a pattern more specific than
    sitrep's rows still applies ('call off a strike') while PETRARCH2's bare verb code and the
    patterns of its synonyms do not ('send warships' stays a deployment)."""
    entries: dict[tuple[str, str], list[Entry]] = {}
    n = 0
    for r in table("event_lexicon.tsv"):
        cons = _sitrep_constraints(r)
        entries.setdefault((r["lemma"], r["pos"]), []).append(_sitrep_entry(r, cons, n))
        n += 1
    own = set(entries)
    # Patterns that add to PETRARCH2's reading of a verb without replacing it.
    for r in table("event_lexicon_patterns.tsv"):
        entries.setdefault((r["lemma"], r["pos"]), []).append(_sitrep_entry(r, _sitrep_constraints(r), n))
        n += 1
    for r in table("event_lexicon_petrarch.tsv"):
        key = (r["lemma"], "VERB")
        cons = _parse_pattern(r["pattern"])
        if (key in own and (not cons or r["scope"] != "own")) or (r["cameo"] == BLOCK and r["scope"] != "own"):
            # A block PETRARCH2 wrote for another verb of the synonym set ('backed by tanks'
            # is not an event) does not carry over to its synonyms ('supported by the army').
            continue
        kind, prep, word = _main_kind(cons)
        if r["scope"] != "own" and kind == "obj" and word in IDIOM_OBJECTS:
            # 'take part' is an idiom of 'take': 'captured part of the town' is no joining in.
            continue
        entries.setdefault(key, []).append(
            Entry(r["lemma"], "VERB", kind, prep, word, r["cameo"], "petrarch2", cons, r["scope"], n))
        n += 1
    return entries


@lru_cache(maxsize=1)
def synsets() -> dict[str, frozenset]:
    out: dict[str, set] = {}
    for r in table("event_lexicon_synsets.tsv"):
        out.setdefault(r["set"], set()).add(r["word"])
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=65536)
def word_match(want: str, lemma: str, lower: str = "") -> bool:
    """A dictionary word against a token: same lemma or surface, a plural of it, a synonym set
    (``&SET``) containing it, or a stem of five letters or more ('violat')."""
    if not want:
        return True
    if want.startswith("&"):
        return any(word_match(w, lemma, lower) for w in synsets().get(want, ()))
    if want == lemma or want == lower:
        return True
    if want in (lemma + "s", lemma + "es") or (want.endswith("ies") and want[:-3] + "y" == lemma):
        return True
    if want.endswith("s") and want[:-1] == lemma:
        return True
    return len(want) >= 5 and lemma.startswith(want) and lemma[len(want):] in STEM_ENDINGS


def _phrase_match(c: Constraint, p: Phrase) -> bool:
    if not word_match(c.word, p.lemma, p.lower):
        return False
    return all(any(word_match(m, w) for w in p.words) for m in c.mods)


def holds(c: Constraint, f: Frame) -> bool:
    if c.kind == "prt":
        return any(word_match(c.word, w) for w in f.prts) or any(p == c.word for p, _ in f.preps)
    if c.kind == "obj":
        return any(_phrase_match(c, o) for o in f.objs)
    if c.kind == "subj":
        return any(_phrase_match(c, s) for s in f.subjs)
    if c.kind == "mod":
        return any(word_match(c.word, w) for w in f.mods)
    if c.kind == "prep":
        if not c.word and not c.mods and c.prep in f.prts:
            return True  # 'handed over': a particle where the table names a bare preposition
        for p, o in f.preps:
            if p != c.prep:
                continue
            if not c.word and not c.mods:
                return True
            if o is not None and _phrase_match(c, o):
                return True
        return False
    return False


def specificity(e: Entry) -> float:
    """How much of the context a pattern names: a constraint scores 1, plus 0.5 when it names
    a word (0.25 for a synonym set) and 0.5 per word of its phrase; a particle scores 1, a
    bare preposition 0.5."""
    s = 0.0
    for c in e.cons:
        if not c.word and not c.mods:
            s += 0.5
            continue
        if c.kind == "prt":
            s += 1.0
            continue
        s += 1.0 + (0.25 if c.word.startswith("&") else 0.5 if c.word else 0.0) + 0.5 * len(c.mods)
    return s


@lru_cache(maxsize=None)
def _rank(e: Entry) -> tuple:
    return (specificity(e) + (SITREP_BONUS if e.origin == "sitrep" else 0.0)
            - (BLOCK_PENALTY if e.scope == "block" else 0.0), e.origin == "sitrep", e.scope == "own", -e.order)


# (lemma, pos) entries in rank order, best first, kept per entries list:
# id -> (the list, its length, ranked, {mask of what a frame has: the entries that can hold}).
_RANKED: dict[int, tuple[list, int, list, dict]] = {}


def _needs(e: Entry) -> tuple[int, frozenset]:
    """What a frame must have for ``e``'s constraints to be able to hold (a quick test run
    before :func:`holds`): a mask of objects (1), subjects (2), modifiers (4), any particle or
    preposition (8); and the prepositions named (each among the frame's prepositions or
    particles)."""
    kinds = {c.kind for c in e.cons}
    mask = 1 * ("obj" in kinds) | 2 * ("subj" in kinds) | 4 * ("mod" in kinds) | 8 * ("prt" in kinds)
    return mask, frozenset(c.prep for c in e.cons if c.kind == "prep")


def _ranked(entries: list[Entry], have: int) -> tuple:
    """``entries`` in rank order, best first, as (entry, prepositions needed), keeping only
    those whose needs (:func:`_needs`) are within the mask ``have``; kept per entries list."""
    hit = _RANKED.get(id(entries))
    if hit is None or hit[0] is not entries or hit[1] != len(entries):
        # (ranks are distinct: the last part is the entry's unique order)
        hit = _RANKED[id(entries)] = (entries, len(entries), sorted(entries, key=_rank, reverse=True), {})
    by_mask = hit[3]
    found = by_mask.get(have)
    if found is None:
        found = by_mask[have] = tuple((e, needs[1]) for e in hit[2] for needs in [_needs(e)]
                                      if not e.cons or needs[0] & ~have == 0)
    return found


def best(lemma: str, pos: str, frame: Frame) -> Optional[Entry]:
    """The most specific entry of (lemma, pos) whose constraints all hold on ``frame``, or
    None (no entry matches, or the best match is a block). The entries are tried in rank
    order, so the first that holds is the best ('sue' 115 over PETRARCH2's 'sue (for)' 173)."""
    entries = load_lexicon().get((lemma, pos))
    if not entries:
        return None
    have = 1 * bool(frame.objs) | 2 * bool(frame.subjs) | 4 * bool(frame.mods) | 8 * bool(frame.prts or frame.preps)
    names = {p for p, _ in frame.preps} | frame.prts
    for e, preps in _ranked(entries, have):
        if e.cons:
            if preps and not preps <= names:
                continue  # a preposition the frame does not have
            if not all(holds(c, frame) for c in e.cons):
                continue
        return None if e.cameo == BLOCK else e
    return None


def match(
    lemma: str,
    pos: str,
    objs: Iterable[str] = (),
    preps: Iterable[tuple[str, str]] = (),
    subjs: Iterable[str] = (),
    compounds: Iterable[str] = (),
) -> Optional[Entry]:
    """The best entry for a predicate given head lemmas of its objects, subjects and
    compounds and (preposition, object lemma) pairs; None if there is none or it is blocked."""
    frame = Frame(
        objs=[Phrase(o, o) for o in objs],
        preps=[(p, Phrase(w, w) if w else None) for p, w in preps],
        subjs=[Phrase(s, s) for s in subjs],
        mods=set(compounds),
    )
    frame.prts = {p for p, _ in frame.preps}
    return best(lemma, pos, frame)


def emitted_codes() -> set[str]:
    """Every CAMEO code the lexicon can produce (for the mapping-consistency test)."""
    return {e.cameo for entries in load_lexicon().values() for e in entries if e.cameo != BLOCK}
