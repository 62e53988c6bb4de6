"""Stances as events: a speaker's judgement of a thing, and attitudes aimed at an actor.

A CAMEO coder codes what a speaker says about someone's act as the speaker's act towards its
doer, even where no speech verb is itself an event:

- a judgement in what is said: 'NATO said the demand is a nonstarter' rejects the demand
  (REJECT 120, the thing is a proposal or a claim: ``rejected_thing``); 'X told reporters the
  shelling is unacceptable', 'Y said Norway's law was illegal' criticise it (ACCUSE 111, the
  predicate is a ``disapproval_word`` or a ``rejection_word`` said of any other thing);
- an evaluative verb with a disapproving complement: 'called the tariffs "unfair"', 'described
  the raid as deplorable' (``evaluative_verb`` + ``disapproval_word``);
- an attitude adjective with its preposition: 'is concerned about Chinese aggression', 'is
  critical of Ghana's border closure' (``stance_adjective``: word -> CAMEO code and the
  prepositions that name what it is aimed at).

Each function returns ``(cameo, sources, targets)`` or None; the caller emits the events. The
target is the doer of the judged thing (an earlier event of its kind, or the thing's own actor:
'Norway's claims' -> NOR); with none, a judgement keeps the speaker alone, an attitude is no
event (being concerned about inflation is nobody's act). Word sets are data
(``sitrep/data/event_words.tsv``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from ..record import Actor
from .arguments import arg_actors, thing_owner
from .syntax import children, prep_objects, subject_of, with_conj
from .words import values, words

if TYPE_CHECKING:
    from .extract import DocState

__all__ = ["judgement", "evaluation", "attitude", "is_attitude"]

Found = tuple[str, list[tuple[Token, Actor]], list[tuple[Token, Actor]]]


def _code_for(pred_words: set[str], thing: Optional[Token]) -> Optional[str]:
    rejecting = bool(pred_words & words("rejection_word"))
    disapproving = bool(pred_words & words("disapproval_word"))
    if not (rejecting or disapproving):
        return None
    if thing is not None and thing.lemma_.lower() in words("rejected_thing"):
        return "120"
    if rejecting and not disapproving and thing is not None and thing.pos_ == "PRON":
        return "120"  # 'it is unacceptable' (what 'it' is, is not known): the old reading
    return "111"


def _pred_words(preds: list[Token]) -> set[str]:
    out = set()
    for p in with_conj(preds):
        out.update((p.lemma_.lower(), p.lower_))
    return out


def judgement(st: "DocState", speech: Token) -> Optional[Found]:
    """'X said <thing> is <judgement>' (a clause complement of a speech verb)."""
    for comp in children(speech, "ccomp"):
        preds = children(comp, "attr", "acomp")
        if any(c.dep_ == "neg" for c in comp.children):
            continue
        things = children(comp, "nsubj", "nsubjpass")
        code = _code_for(_pred_words(preds), things[0] if things else None)
        if code is None:
            continue
        subj = subject_of(speech)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
        targets = [x for t in things for x in thing_owner(st, t)]
        return code, sources, targets
    return None


def evaluation(st: "DocState", verb: Token) -> Optional[Found]:
    """'called the Indian tariffs "unfair"', 'described the bombing as "deplorable"'."""
    if verb.lemma_.lower() not in words("evaluative_verb"):
        return None
    objs = children(verb, "dobj")
    if not objs:
        return None
    preds = children(verb, "oprd", "acomp", "xcomp", "ccomp") + children(objs[0], "amod", "acl")
    preds += [o for p, o in prep_objects(verb) if p == "as"]
    preds += [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for c in p.children
              if c.pos_ == "ADJ"]
    code = _code_for(_pred_words([p for p in preds if p.i > objs[0].i]), objs[0])
    if code is None:
        return None
    subj = subject_of(verb)
    sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    return code, sources, [x for o in with_conj(objs) for x in thing_owner(st, o)]


# attitude adjective -> 'CAMEO:prepositions' (read once: values() gives a fresh copy)
STANCE_ADJECTIVES = values("stance_adjective")


def is_attitude(tok: Token) -> bool:
    return tok.lower_ in STANCE_ADJECTIVES


def attitude(st: "DocState", tok: Token) -> Optional[Found]:
    """'Brazil is concerned about Argentine exercises' (ACCUSE Brazil -> Argentina)."""
    spec = STANCE_ADJECTIVES.get(tok.lower_)
    if not spec:
        return None
    code, _, preps = spec.partition(":")
    if any(c.dep_ == "neg" for c in [*tok.children, *tok.head.children]):
        return None
    things = [o for p, o in prep_objects(tok) if p in preps.split(",")]
    targets = [x for t in with_conj(things) for x in thing_owner(st, t)]
    if not targets:
        return None
    passive = children(tok, "nsubjpass")
    subj = passive[0] if passive else subject_of(tok)
    sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    return code, sources, targets
