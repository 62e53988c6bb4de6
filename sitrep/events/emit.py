"""Events built from a predicate's reading: one per (source, target) pair, with modality,
reporter, date, place and number attached (the last step of :mod:`sitrep.events.extract`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span as SpacySpan, Token

from ..cues import ADDRESSEE_VERBS, MEDIA_NOUNS, MEDIUM_NOUNS, SPEECH_VERBS
from ..record import Actor, Event, content_id, make_span
from . import coding
from .actors import lookup_name
from .arguments import same_actor
from .attributes import event_date, event_location, event_quantity
from .modality import modality
from .threats import announced_threat
from .syntax import lemma as _lemma
from .words import words

if TYPE_CHECKING:
    from .extract import DocState

# Symmetric predicates: 'A and B spoke' is A -> B and B -> A.
SYMMETRIC = words("reciprocal_plover")
# Verbs that are reciprocal whatever their type: 'Japan and China have been disputing the islands'.
RECIPROCAL_VERBS = words("reciprocal_verb")
# Nouns of mutual acts: 'signed a deal with Sudan', 'its ties with Japan'.
RECIPROCAL_NOUNS = words("reciprocal_noun")
# Verbs whose direct object is the other side of a meeting: 'met Putin', 'phoned Macron'.
MEET_VERBS = words("meet_verb")
# Listeners a statement is made to ('told supporters'): no target of what is said.
AUDIENCE = words("audience")
SPEECH_OR_ADDRESSEE = SPEECH_VERBS | ADDRESSEE_VERBS
# Types whose attempt is the act ('attempted to assassinate' is an assault, CAMEO 185).
ATTEMPTED_AS_ACT = words("attempt_act_plover")


def emit(st: "DocState", sent: SpacySpan, tok: Token, c, sources, targets, theme: Optional[Token],
          agentless: bool = False, reciprocal: Optional[bool] = None) -> None:
    """One event per (source, target) pair. With ``agentless`` and no source, one event per
    target with a null source ('three soldiers were killed'); never one with neither."""
    if c is None or not (sources or (agentless and targets)):
        return
    if (c.plover in SYMMETRIC if reciprocal is None else reciprocal) and len(sources) > 1 and not targets:
        # 'Egypt and Sudan agreed', 'A, B and C met': one event per ordered pair, as PETRARCH does.
        for i, src in enumerate(sources):
            emit(st, sent, tok, c, [src], [s for j, s in enumerate(sources) if j != i], theme, reciprocal=False)
        return
    # 'Egypt met with Sudan', 'Egypt held talks with Sudan', 'India signed a deal with Japan':
    # the other side of a mutual act acts too (Sudan -> Egypt), as the gold codes it.
    back = [t for t in targets if _mutual_target(t[0], tok)] if (
        targets and sources and reciprocal is not False and _mutual_predicate(tok, c.plover, c.goldstein)) else []
    orig_sources = sources
    # 'told reporters', 'told VOA', 'said at a rally': whom a statement is made to when that
    # is a medium or an audience is where it was said, not whom the act is aimed at.
    targets = [t for t in targets if not audience_addressee(t[0], t[1])]
    sources = [(t, st.actors.localise(a, tok, by_reporter=True)) for t, a in sources]
    targets = [(t, st.actors.localise(a, tok)) for t, a in targets]
    mod, reported_by = _attribution(st, tok, c.plover in ATTEMPTED_AS_ACT)
    date = event_date(st, sent, tok)
    location, location_entity = event_location(st, tok, {id(a) for _, a in targets})
    quantity = event_quantity(st, theme) if theme is not None else None
    coded = coding.cameo_view(c.cameo, mod, threatened=_threatened(tok))
    trigger = make_span(st.text, tok.idx, tok.idx + len(tok.text))
    evidence = make_span(st.text, sent.start_char, sent.end_char)
    target_list: list[Optional[tuple[Token, Actor]]] = list(targets) or [None]
    source_list: list[Optional[tuple[Token, Actor]]] = list(sources) or [None]
    for s in source_list:
        src = s[1] if s else None
        # 'China said it will impose sanctions on Japan': the doer's announced hostile act is
        # coded as the threat of it (13x, THREATEN); the modality stays planned / hypothetical.
        threat = announced_threat(st, tok, c, mod, src)
        cs = threat or c
        cs_coded = threat.cameo if threat else coded
        own = [t for t in target_list if t is None or src is None or not _same_side(src, t[1]) or _place_within(t)]
        if not own:
            # Every target has the source's code: another mention of the same side ('China's
            # minister met Chinese officials') is a misread argument, not an act on oneself,
            # so no event. The same actor itself, or a pronoun ('moved troops toward its
            # border', 'It threatened to restrict Polish traffic'), leaves the act standing
            # with no target: only the argument's reading is in doubt.
            if not (s and _pronominal(s[0])) and not all(
                    same_actor(src, t[1]) or _pronominal(t[0]) for t in target_list if t is not None):
                continue
            own = [None]
        for tgt in own:
            tgt_actor = tgt[1] if tgt else None
            ev = Event(
                id=content_id("event", st.text[sent.start_char:sent.end_char], tok.idx, cs.cameo,
                              src.text if src else None, tgt_actor.text if tgt_actor else None,
                              tgt[0].idx if tgt else None),
                plover=cs.plover, mode=cs.mode, cameo=cs.cameo, cameo_coded=cs_coded, goldstein=cs.goldstein,
                source=src, target=tgt_actor, modality=mod, reported_by=reported_by,
                date=date, location=location, location_entity=location_entity,
                quantity=quantity, trigger=trigger, evidence=evidence,
            )
            st.add(ev)
    for t in back:
        emit(st, sent, tok, c, [t], orig_sources, theme, agentless=agentless, reciprocal=False)


def _pronominal(tok: Token) -> bool:
    """A pronoun, or a noun a pronoun possesses ('its border')."""
    return tok.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _place_within(target: tuple[Token, Actor]) -> bool:
    """A town or region coded by the country it lies in ('impose martial law in Arica' CHL):
    an act inside the source's own country, which is no misread of the source."""
    tok, actor = target
    return tok.ent_type_ in ("GPE", "LOC", "FAC") and lookup_name(actor.text) is None


def _same_side(a: Actor, b: Actor) -> bool:
    """The same actor, or two mentions with the same actor code (RUSGOV and RUSGOV)."""
    return same_actor(a, b) or bool(a.code and a.code == b.code)


def audience_addressee(tok: Token, actor: Actor) -> bool:
    """The token is what a speech verb is addressed to ('told reporters', 'said to the
    crowd') and names a medium or an audience: the press (actor code ...MED: 'reporters',
    'VOA', 'a CNN reporter'), a medium noun ('a news conference') or listeners ('supporters')."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "to":
        # 'said to reporters': any speech verb's 'to' phrase is whom it is said to
        head = head.head
        if head.pos_ not in ("VERB", "AUX") or _lemma(head) not in SPEECH_OR_ADDRESSEE:
            return False
    elif tok.dep_ in ("dative", "dobj"):
        # 'told reporters': only a verb whose object is the one spoken to; the object of
        # 'welcomed the statement' is what is spoken of
        if head.pos_ not in ("VERB", "AUX") or _lemma(head) not in ADDRESSEE_VERBS:
            return False
    else:
        return False
    low = tok.lemma_.lower()
    return ((actor.code or "").endswith("MED") or low in MEDIA_NOUNS or low in MEDIUM_NOUNS
            or low in AUDIENCE or tok.lower_ in AUDIENCE)


def _mutual_predicate(tok: Token, plover: str, goldstein: Optional[float]) -> bool:
    """A predicate whose 'with' side acts as much as its subject: meet, talk, sign, fight
    (reciprocal verbs), consultations ('spoke with'), and the nouns of mutual acts."""
    lem = _lemma(tok)
    if tok.pos_ in ("NOUN", "PROPN"):
        return lem in RECIPROCAL_NOUNS or plover == "CONSULT"
    if lem in RECIPROCAL_VERBS or plover == "CONSULT":
        return True
    # 'signed an agreement with', 'held talks with': the object names the mutual act, when the
    # act is a cooperative one ('rejected a deal with', 'suspended talks with' are one side's).
    return (goldstein or 0) > 0 and any(c.dep_ == "dobj" and c.lemma_.lower() in RECIPROCAL_NOUNS
                                        for c in tok.children)


def _mutual_target(t: Token, pred: Token) -> bool:
    """The target is the predicate's other side: the object of 'with' / 'between' on the
    predicate (or on its object, 'signed a deal with'), or the object of a meeting verb ('met Putin')."""
    for _ in range(6):
        # up a list ('Sudan and Chad') and a role's countries ('the leaders of Sudan and Chad')
        if t.dep_ == "conj":
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in ("of", "from", "in") and t.head.head.pos_ == "NOUN":
            t = t.head.head
        else:
            break
    if t.dep_ == "pobj" and t.head.lower_ in ("with", "between"):
        holder = t.head.head
        return pred.i in (holder.i, holder.head.i) or pred.head.i == holder.i
    return t.dep_ == "dobj" and t.head.i == pred.i and _lemma(pred) in MEET_VERBS


def _attribution(st: "DocState", tok: Token, attempt_is_act: bool = False) -> tuple[str, Optional[Actor]]:
    """The modality of a predicate and, when it is reported, who reports it as an actor:
    the subject of the speech verb above it or of 'according to' ('the Russian defence
    ministry said' -> RUSMIL, no entity needed), else the speaker of a quote whose content
    (one of its parts, not the cue between them) holds the predicate."""
    key = (tok.i, attempt_is_act)
    found = st.attributions.get(key)
    if found is None:
        found = st.attributions[key] = _attribution_of(st, tok, attempt_is_act)
    return found


def _attribution_of(st: "DocState", tok: Token, attempt_is_act: bool = False) -> tuple[str, Optional[Actor]]:
    mod, speaker_tok = modality(tok, attempt_is_act)
    reporter = st.actors.actor(speaker_tok) if speaker_tok is not None else None
    if mod == "asserted" and not _presupposed(tok):
        for q in st.quotes_holding(tok.idx):
            reporter = st.actors.quote_speaker(q)
            if reporter is not None:
                mod = "reported"
                break
    return mod, reporter if mod == "reported" else None


def _threatened(tok: Token) -> bool:
    """The act is what a threat or warning announces ('threatened to attack', 'warned it would strike')."""
    t = tok
    for _ in range(3):
        if t.head is t or t.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        t = t.head
        if _lemma(t) in words("threat_verb"):
            return True
    return False


def _presupposed(tok: Token) -> bool:
    from .modality import FACTIVE_PREPS

    return any(a.dep_ == "prep" and a.lower_ in FACTIVE_PREPS for a in tok.ancestors)
