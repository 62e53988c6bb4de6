"""Modality: did it happen (asserted), did someone say so (reported), or not (yet)?

Read from the dependency path between the predicate and the sentence root. Each cue on the
way votes; the strongest wins, in this order: denied > negated > hypothetical > planned >
reported > asserted. So 'Russia denies it is planning to invade' is denied (not planned),
and 'any incursion would be a tragic miscalculation' is hypothetical. Only asserted and
reported events count in aggregates by default (``store.events(modality=None)``).
"""

from __future__ import annotations

from typing import Optional

from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..lookups import CACHE_KEY

from ..cues import CLAUSE_VERBS
from .words import words

RANK = {"asserted": 0, "reported": 1, "planned": 2, "hypothetical": 3, "negated": 4, "denied": 5}

# Heads whose complement is not a fact (lemmas, matched on the governing predicate); word
# sets are data (sitrep/data/event_words.tsv), speech verbs come from the cue lexicon.
DENY = words("deny")
PLAN = words("plan")
# Verbs of trying ('tried to', 'attempted to'): a plan for most acts, but an attempted act of
# force is the act itself (CAMEO 185 'attempt to assassinate' is an assault).
ATTEMPT = words("attempt_verb")
IRREALIS = words("irrealis")
# What someone is accused of is reported by the accuser ('X accused Y of attacking Z').
ACCUSING = words("accusing")
# Verbs whose object is an option, not an act: 'has not ruled out sanctions', 'threatened sanctions'.
OPTION_VERBS = words("option_verb")
BELIEF = words("belief")
# Verbs that report a clause ('X said (that) ...'): the cue lexicon's clause verbs.
SPEECH = CLAUSE_VERBS
HYPO_AUX = words("hypo_aux")
FUTURE_AUX = words("future_aux")
HYPO_ADJ = words("hypo_adj")
# Modals that state an offer or a threat when the act has a condition ('may halt ... if').
CONDITIONAL_AUX = words("conditional_aux")
HYPO_DET = words("hypo_det")
HYPO_MARK = words("hypo_mark")
NEG = words("neg")
# Adjuncts whose content is presupposed: 'despite surrounding its neighbour with troops' is a
# fact even inside 'Russia denies it is planning to invade despite ...'.
FACTIVE_PREPS = words("factive_prep")
# Verbs whose object names the act their subject performs ('orchestrating the buildup', 'will
# launch an attack'): the verb's auxiliaries are the act's. Read here once for every module.
LIGHT_VERBS = words("light_verb")


def _future_in_past(tok: Token) -> bool:
    """'Iraq said it would allow ...': 'would' in reported speech is the future of the past,
    a plan. So is a conditional one ('said they would meet the mediator if he gave them a
    veto', 'said the EC may halt mediation if ...'): an act announced on a condition is an
    offer or a threat (CAMEO 03x / 13x, PLOVER AGREE / THREATEN), not a mere possibility."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SPEECH


def _conditional(tok: Token) -> bool:
    """The predicate has a condition of its own ('... may halt mediation if cooperation founders')."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in HYPO_MARK for m in c.children)
               for c in tok.children)


def _to_clause(tok: Token) -> bool:
    """An infinitive parsed as an adverbial clause ('have sworn to fight')."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _aux_cues(tok: Token) -> Optional[str]:
    """Cues on the predicate itself: auxiliaries, negation, conditional marks."""
    best = None
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "advmod" and low == "never"):
            return "negated"
        if c.dep_ in ("aux", "auxpass"):
            if low == "would" and _future_in_past(tok):
                best = _max(best, "planned")
            elif low in CONDITIONAL_AUX and _future_in_past(tok) and _conditional(tok):
                best = _max(best, "planned")
            elif low in HYPO_AUX:
                best = _max(best, "hypothetical")
            elif low in FUTURE_AUX:
                best = _max(best, "planned")
            elif low == "going" or low == "to" and tok.head.lower_ == "going":
                best = _max(best, "planned")
        if c.dep_ == "mark" and low in HYPO_MARK:
            best = _max(best, "hypothetical")
        if c.dep_ == "det" and low in HYPO_DET:
            best = _max(best, "hypothetical")
        if c.dep_ == "amod" and c.lemma_.lower() in HYPO_ADJ:
            best = _max(best, "hypothetical")
    return best


def _max(a: Optional[str], b: Optional[str]) -> Optional[str]:
    if a is None:
        return b
    if b is None:
        return a
    return a if RANK[a] >= RANK[b] else b


def _subject(tok: Token) -> Optional[Token]:
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def _according_heads(doc: Doc) -> frozenset:
    """Indices of the tokens with an 'according' preposition among their children (read
    once per doc from the word forms, so the walk up from each predicate need not list the
    children of every clause it passes)."""
    cache = doc.user_data.setdefault(CACHE_KEY, {})
    hit = cache.get("according_heads")
    if hit is None or hit[0] != len(doc):
        found = (doc.to_array(LOWER) == _ACCORDING).nonzero()[0].tolist()
        hit = cache["according_heads"] = (len(doc), frozenset(doc[i].head.i for i in found if doc[i].dep_ == "prep"))
    return hit[1]


_ACCORDING = hash_string("according")


def _according_to(tok: Token) -> Optional[Token]:
    """The source named in 'according to X' on this clause, or None."""
    if tok.i not in _according_heads(tok.doc):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "according":
            for cc in c.children:
                for p in cc.children if cc.dep_ == "prep" else [cc]:
                    if p.dep_ == "pobj":
                        return p
    return None


def modality(trigger: Token, attempt_is_act: bool = False) -> tuple[str, Optional[Token]]:
    """(modality, speaker token or None) of an event predicate. With ``attempt_is_act`` (an
    act of force), 'tried/attempted to' does not make it planned.

    The speaker is the subject of the nearest speech verb above the predicate (or the object
    of 'according to'), for ``reported_by``.
    """
    best: Optional[str] = _aux_cues(trigger)
    speaker: Optional[Token] = _according_to(trigger)
    if speaker is not None:
        best = _max(best, "reported")
    tok = trigger
    # Walk up to the root; a nominal predicate takes the modality of the clause it sits in
    # ('any incursion would be ...' is hypothetical through 'would' on 'be').
    for _ in range(12):
        if tok.head is tok:
            break
        dep, head = tok.dep_, tok.head
        hl = head.lemma_.lower()
        after = tok.i > head.i  # complements follow their head; fronted material is not governed
        if dep == "prep" and tok.lower_ in FACTIVE_PREPS:
            break  # presupposed content: a fact whatever governs it
        if dep in ("ccomp", "xcomp") and hl in DENY and after:
            best = _max(best, "denied")
        elif dep in ("ccomp", "xcomp") and hl in BELIEF and any(c.dep_ == "neg" for c in head.children):
            best = _max(best, "negated")
        elif (dep in ("ccomp", "xcomp", "acl", "pcomp", "pobj", "prep") or _to_clause(tok)) and hl in PLAN and after:
            if not (attempt_is_act and hl in ATTEMPT):
                best = _max(best, "planned")
        elif dep == "dobj" and hl in OPTION_VERBS:
            best = _max(best, "hypothetical")
        elif dep in ("ccomp", "xcomp", "acl", "prep", "pcomp", "pobj") and hl in ACCUSING and after:
            best = _max(best, "reported")
            if speaker is None:
                speaker = _subject(head)
        elif dep in ("ccomp", "xcomp", "acl", "prep", "pcomp", "pobj") and hl in IRREALIS and after:
            best = _max(best, "hypothetical")
        elif dep == "ccomp" and hl in SPEECH and _subject(head) is not None:
            # (a speech verb without a subject is a mis-parse: 'X accused Y ..., charges that')
            best = _max(best, "reported")
            if speaker is None:
                speaker = _subject(head)
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in HYPO_MARK for c in tok.children):
            best = _max(best, "hypothetical")
        if dep == "conj":
            if not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
                # 'will attack and bomb': a verb without its own auxiliary or subject shares its
                # head's ('not' is not carried: 'did not attack Kyiv but bombed Lviv').
                cue = _aux_cues(head)
                best = _max(best, None if cue == "negated" else cue)
            tok = head
            continue
        # Auxiliaries of the governing clause apply to its subject and complements, not to its
        # adjuncts ('After orchestrating the buildup, Russia demanded' keeps the buildup
        # asserted). Its negation carries into a controlled verb or predicate ('does not plan
        # to attack', 'is not an attack') but not into a reported clause or the subject.
        # ('has not ruled out sanctions' is an option still open: its negation is no act's.)
        light_obj = dep == "dobj" and hl in LIGHT_VERBS and hl not in OPTION_VERBS
        if dep in ("nsubj", "nsubjpass", "attr", "ccomp", "xcomp", "csubj", "acomp") or light_obj:
            cue = _aux_cues(head)
            if cue == "negated" and dep in ("ccomp", "nsubj", "nsubjpass"):
                cue = None
            best = _max(best, cue)
        found = _according_to(head)
        if found is not None and speaker is None:
            best, speaker = _max(best, "reported"), found
        tok = head
    return best or "asserted", speaker
