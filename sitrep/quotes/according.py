"""Second-hand attributions: 'X said Y, according to Z'.

The writer did not hear X; Z reported that X said it, and Z is whom the article relies on.
PolNeAR annotates such a sentence as one attribution whose source is Z and whose cue is
'according to' (on PolNeAR train every one of the 6 speech cues with an 'according to'
phrase on the cue verb itself was annotated so). An 'according to' phrase that hangs
elsewhere ('said that Y happened, according to exit polls': on the reported clause) does not
qualify the speech act and is left alone.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from ..cues import CLAUSE_RANGE_CUES
from .attribution import is_cue


def reporting_source(cue: Token) -> Optional[tuple[Token, Token]]:
    """(the 'according' token, the head of its object) when an 'according to' phrase after
    the speech cue ``cue`` modifies the cue itself; else None."""
    if cue.pos_ not in ("VERB", "AUX") or not is_cue(cue) or cue.lemma_.lower() in CLAUSE_RANGE_CUES:
        return None
    for c in cue.children:
        if c.i > cue.i and c.dep_ == "prep" and c.lemma_.lower() in CLAUSE_RANGE_CUES and is_cue(c):
            pobj = next((g for t in c.children if t.lower_ == "to" for g in t.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return c, pobj
    return None


def reattribute(cands: Iterable) -> list:
    """Candidates (``extract.Candidate``) with each second-hand attribution given to the
    'according to' source: cue and speaker move to the phrase; the phrase's own candidate,
    whose content would be 'X said Y' itself, is dropped."""
    cands = list(cands)
    moved: set[int] = set()
    for c in cands:
        if c.cue is None or c.speaker is None:
            continue
        found = reporting_source(c.cue)
        if found is not None:
            c.cue, c.speaker = found
            moved.add(id(c))
    taken = {c.cue.i for c in cands if id(c) in moved}
    return [c for c in cands if id(c) in moved or c.mark is not None or c.cue is None or c.cue.i not in taken]
