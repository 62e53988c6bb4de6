"""Announced hostile acts as threats (issue 18): 'Trump said he will impose tariffs on Canada',
'Beijing hinted that it could retaliate with tariffs', 'We will impose sanctions'.

A CAMEO coder codes a hostile act (CAMEO 12, 14, 16-20) that its own doer announces for the
future, or says it could or would carry out, as the threat of it (13x: 1312 threaten with
sanctions, 138 with force), and PLOVER codes it THREATEN. sitrep keeps the modality (the
act is still planned or hypothetical); only the type becomes the threat. A prediction or a
fear of someone else ('U.S. officials said Russia could invade') is no threat by the doer,
and a condition ('if China attacks ...') is no announcement: both keep the act's own type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from ..record import Actor
from . import coding
from .modality import HYPO_MARK, LIGHT_VERBS, OPTION_VERBS, SPEECH
from .syntax import children, lemma, subject_of
from .words import words

if TYPE_CHECKING:
    from .extract import DocState

# Auxiliaries that announce an act ('will', 'would', 'could', 'going to'); 'may', 'must' and
# 'should' are possibility and obligation, not an announcement.
THREAT_AUX = words("threat_aux")
# Verbs that carry their complement's announcement ('is going to impose', 'will have to act').
ANNOUNCING_HEADS = words("announcing_head")
THREAT_VERBS = words("threat_verb")


def announced_threat(st: "DocState", tok: Token, c: coding.Code, mod: str,
                     source: Optional[Actor]) -> Optional[coding.Code]:
    """The threat code (13x, PLOVER THREATEN) of a hostile act its source announces, or None."""
    if source is None or mod not in ("planned", "hypothetical"):
        return None
    threat = coding.cameo_view(c.cameo, "planned")
    if not threat or threat == c.cameo or not threat.startswith("13"):
        return None  # not a hostile act CAMEO has a threat code for
    clause = _announcing_clause(tok)
    if clause is None:
        return None
    if clause.dep_ == "ROOT":
        # The narration or a quote says the doer will do it: the doer's own announcement.
        return coding.code(threat)
    if clause.dep_ != "ccomp" or lemma(clause.head) not in SPEECH:
        return None  # believed, feared, claimed ...: not announced by a speaker
    speech = clause.head
    if lemma(speech) in THREAT_VERBS and (speech.idx, "THREATEN") in st.triggers:
        return None  # 'warned that it would strike': the warning is the threat, already coded
    subj = subject_of(speech)
    speaker = st.actors.actor(subj) if subj is not None else None
    if speaker is None or not _same_side(speaker, source):
        return None  # someone else's prediction of the act
    return coding.code(threat)


def _announcing_clause(tok: Token) -> Optional[Token]:
    """The clause that announces ``tok`` with a future or could/would auxiliary (``tok``, its
    light verb, or the head of its list or of 'going to' / 'have to'), or None without one or when the clause
    is a condition."""
    t, announced = tok, False
    if t.dep_ == "dobj" and lemma(t.head) in LIGHT_VERBS and lemma(t.head) not in OPTION_VERBS:
        t = t.head  # 'will launch an attack': the light verb carries the noun's auxiliaries
    for _ in range(6):
        announced = announced or any(
            a.dep_ in ("aux", "auxpass") and (a.lower_ in THREAT_AUX or (a.lower_ == "to" and t.head.lower_ == "going"))
            for a in t.children)
        if t.dep_ == "conj" or (t.dep_ == "xcomp" and lemma(t.head) in ANNOUNCING_HEADS):
            t = t.head
            continue
        break
    if not announced or any(m.lower_ in HYPO_MARK for m in children(t, "mark")):
        return None
    return t


def _same_side(a: Actor, b: Actor) -> bool:
    """The speaker and the doer are one side: the same actor, or the same country ('Trump said
    he will ...', 'Beijing hinted that it could ...')."""
    if a.entity and a.entity == b.entity:
        return True
    if a.country and a.country == b.country:
        return True
    return bool(a.code and a.code == b.code)
