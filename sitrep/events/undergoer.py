"""Undergoer frames: the subject suffers the act the object names.

'Iran faces pressure from the United States', 'the army drew fire from rebels', 'Syria's
constitution is facing criticism from legal experts', 'two soldiers face charges': the
dictionary pattern codes the object ('face' + 'pressure' is 100, + 'criticism' 111), but the
one who acts is the 'from'/'by' phrase and the subject is on the receiving end - read as a
passive. 'Two soldiers stand accused of the bombing' is the same shape with a participle:
the verb of state ('stand', 'remain') makes the participle passive. Which verbs take the
subject as undergoer is data (``undergoer_verb``, ``undergoer_state`` in
``sitrep/data/event_words.tsv``); only object patterns are read this way ('drew back' is
the subject's own act).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from ..record import Actor
from .arguments import arg_actors
from .syntax import antecedent, children, lemma, prep_objects, subject_of
from .words import words

if TYPE_CHECKING:
    from .extract import DocState

__all__ = ["undergoer_roles", "undergoer_target"]

AGENT_PREPS = ("from", "by")

Roles = tuple[list[tuple[Token, Actor]], list[tuple[Token, Actor]]]


def _agents(tok: Token, objs: list[Token]) -> list[Token]:
    """'from'/'by' phrases of the verb or of its object ('criticism from France')."""
    out = [o for p, o in prep_objects(tok) if p in AGENT_PREPS]
    for o in objs:
        out += [oo for p, oo in prep_objects(o) if p in AGENT_PREPS]
    return out


def undergoer_roles(st: "DocState", tok: Token, pattern: str, objs: list[Token], prep: str = "") -> Optional[Roles]:
    """(sources, targets) when ``tok`` is an undergoer frame, else None (the normal reading).

    ``pattern`` and ``prep`` are the matched dictionary entry's main kind ('obj', 'prep', ...)
    and preposition: a pattern on 'under' ('came under fire from X') is one too."""
    under = pattern == "prep" and prep == "under"
    if (lemma(tok) in words("undergoer_verb") and pattern == "obj" and objs) or under:
        objs = objs + [o for p, o in prep_objects(tok) if p == "under"]
        subj = subject_of(tok)
        if subj is None:
            return None
        return (arg_actors(st, _agents(tok, objs), anaphora=False),
                arg_actors(st, [antecedent(subj)], anaphora=False))
    if (tok.tag_ == "VBN" and tok.dep_ in ("acomp", "oprd", "xcomp", "advcl")
            and lemma(tok.head) in words("undergoer_state") and not children(tok, "nsubj")):
        # 'stand accused of the bombing': the state verb's subject is the participle's patient.
        subj = subject_of(tok.head)
        if subj is None:
            return None
        agents = [o for p, o in prep_objects(tok) if p == "by"]
        return arg_actors(st, agents, anaphora=False), arg_actors(st, [antecedent(subj)], anaphora=False)
    return None


def undergoer_target(st: "DocState", noun: Token) -> list[tuple[Token, Actor]]:
    """'Germany faces sanctions from the EU', 'Iran came under attack': an event noun that an
    undergoer verb's subject receives, or one it is 'under', is aimed at that subject (the
    noun's own phrases name who acts)."""
    if noun.dep_ == "dobj" and lemma(noun.head) in words("undergoer_verb"):
        verb = noun.head
    elif noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.head.pos_ in ("VERB", "AUX"):
        verb = noun.head.head  # 'came under attack from X', 'is under pressure'
    else:
        return []
    subj = subject_of(verb)
    return arg_actors(st, [antecedent(subj)], anaphora=False) if subj is not None else []
