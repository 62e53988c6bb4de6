"""The event lexicon: predicate lemma (+ object / preposition / subject pattern) -> CAMEO code.

Two tables in ``sitrep/data``: ``event_lexicon.tsv`` (sitrep's own, hand-written, versioned)
is consulted first; ``event_lexicon_petrarch.tsv`` (derived from PETRARCH2's CAMEO.2.0
dictionary by ``scripts/build_event_lexicon.py``) fills in the long tail of verbs. A pattern
row beats the lemma's default row, so 'send troops' (MOBILIZE) differs from 'send aid' (AID).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

BLOCK = "-"


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str          # VERB | NOUN | ADJ
    pattern: str      # '' | obj | prep | subj | compound
    prep: str
    word: str
    cameo: str        # CAMEO code, or '-' for "not an event"
    origin: str       # 'sitrep' | 'petrarch2'


def _rows(name: str) -> Iterable[dict]:
    with resources.files("sitrep").joinpath("data", name).open(encoding="utf-8") as fh:
        yield from csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")


@lru_cache(maxsize=1)
def load_lexicon() -> dict[tuple[str, str], list[Entry]]:
    """(lemma, pos) -> entries, sitrep's rows first, then PETRARCH2's (verbs only)."""
    table: dict[tuple[str, str], list[Entry]] = {}
    for r in _rows("event_lexicon.tsv"):
        e = Entry(r["lemma"], r["pos"], r["pattern"] or "", r["prep"] or "", r["word"] or "", r["cameo"], "sitrep")
        table.setdefault((e.lemma, e.pos), []).append(e)
    own = set(table)
    for r in _rows("event_lexicon_petrarch.tsv"):
        key = (r["lemma"], "VERB")
        if key in own:
            # A verb sitrep lists is fully described by sitrep's rows: PETRARCH2's blocks are
            # synonym sets whose patterns were written for a different verb of the set.
            continue
        table.setdefault(key, []).append(
            Entry(r["lemma"], "VERB", r["pattern"] or "", r["prep"] or "", r["word"] or "", r["cameo"], "petrarch2"))
    return table


def _word_match(want: str, lemma: str) -> bool:
    # PETRARCH2 words are sometimes stems ('VIOLAT'); sitrep rows name lemmas or plurals.
    if not want:
        return True
    if want == lemma or want == lemma + "s" or want.rstrip("s") == lemma:
        return True
    return len(want) >= 5 and lemma.startswith(want)


def match(
    lemma: str,
    pos: str,
    objs: Iterable[str] = (),
    preps: Iterable[tuple[str, str]] = (),
    subjs: Iterable[str] = (),
    compounds: Iterable[str] = (),
) -> Optional[Entry]:
    """The best entry for a predicate in context, or None (no entry, or blocked).

    ``objs``/``subjs``/``compounds`` are head lemmas; ``preps`` are (preposition, object lemma)
    pairs. Specific patterns win over the default row; within a table, file order decides.
    """
    entries = load_lexicon().get((lemma, pos))
    if not entries:
        return None
    objs, subjs, compounds, preps = list(objs), list(subjs), list(compounds), list(preps)
    default: Optional[Entry] = None
    for e in entries:
        if e.pattern == "":
            if default is None:
                default = e
            continue
        if e.pattern == "obj" and any(_word_match(e.word, o) for o in objs):
            return None if e.cameo == BLOCK else e
        if e.pattern == "subj" and any(_word_match(e.word, s) for s in subjs):
            return None if e.cameo == BLOCK else e
        if e.pattern in ("compound", "amod") and any(_word_match(e.word, c) for c in compounds):
            return None if e.cameo == BLOCK else e
        if e.pattern == "prep" and any(p == e.prep and (not e.word or _word_match(e.word, w)) for p, w in preps):
            return None if e.cameo == BLOCK else e
    if default is None or default.cameo == BLOCK:
        return None
    return default


def emitted_codes() -> set[str]:
    """Every CAMEO code the lexicon can produce (for the mapping-consistency test)."""
    return {e.cameo for entries in load_lexicon().values() for e in entries if e.cameo != BLOCK}
