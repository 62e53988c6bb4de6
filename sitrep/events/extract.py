"""Event predicates and their arguments, read from the dependency parse.

One pass over the tokens of a doc: a verb, nominal ('deployment', 'talks') or readiness
adjective ('prepared to ...') that the lexicon codes becomes a candidate; its source and
target come from the parse (subject / 'by'-agent of a passive / possessor of a nominal;
object, addressee, 'to'/'with'/'from'/'into' phrases), one event per (source, target) pair
so 'to Poland, Romania, and Germany' gives three dyads. Modality, date, place and number are
attached last (:mod:`sitrep.events.emit`). Nothing here knows about any particular article.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..lookups import Intervals
from ..record import Actor, Event, Quote
from . import coding, lexicon, patterns, stance
from .actors import ActorResolver
from .arguments import (NOMINAL_TARGET_PREPS, THEME_NOUNS, addressee_target, anaphor, arg_actors, arg_targets,
                        fallback_targets, place_targets, same_actor, theme_of)
from .emit import RECIPROCAL_VERBS, SYMMETRIC, emit as _emit
from .pairs import pairwise
from .modality import LIGHT_VERBS, SPEECH
from .syntax import OBJECT_CONTROL, antecedent, children, lemma as _lemma, prep_objects, subject_of, with_conj
from .undergoer import undergoer_roles, undergoer_target
from .words import words

# Word sets are data (sitrep/data/event_words.tsv), read once.
# Verbs whose 'in' phrase names the act their subject performs ('engaged in ethnic cleansing').
ENGAGE_VERBS = words("engage_verb")
# Speech acts that are warnings when what they announce is a bad outcome ('told X that any
# incursion would be a tragic miscalculation').
WARNING_NOUNS = words("warning_noun")
WARNING_VERBS = words("warning_verb")
# Speech acts whose content says what someone else must do are demands ('X said Y must ...').
OBLIGATION_SPEECH = words("obligation_speech")
OBLIGATION_AUX = words("obligation_aux")
# Commitments coded by what they commit to ('vowed to fight' 138, 'pledged to help' 03x).
COMMITMENT_VERBS = words("commitment_verb")
# Types an act takes on from a protest it is done for ('shunned work to protest').
PROTEST_RECODED = words("protest_form_plover")


class DocState:
    """Per-doc state: the actor resolver, events so far (for anaphora), consumed tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.actors = ActorResolver(doc)
        self.text = self.actors.text
        self.events: list[Event] = []
        # The same events by PLOVER type, and their (trigger start, type) pairs, for the
        # readers that look back at earlier events (a walk of every event per noun was
        # events x nouns on a long body).
        self.by_plover: dict[str, list[Event]] = {}
        self.triggers: set[tuple[int, str]] = set()
        self.consumed: set[int] = set()
        self.times = [t for t in (doc._.sitrep.times or []) if t.value and t.value[:4].isdigit()
                      and t.type in ("DATE", "TIME")]
        self.quantities = list(doc._.sitrep.quantities or [])
        self.quotes: list[Quote] = list(doc._.sitrep.quotes or [])
        # The quotes' parts in the body's text, by offset: (start, end, index of the quote).
        self._quote_parts = Intervals([(p.start, p.end, i) for i, q in enumerate(self.quotes)
                                       for p in q.parts if p.field == "text"])
        self.headline = _headline(doc)
        self.table = lexicon.load_lexicon()
        # Answers that depend only on the parse and the earlier stages' annotations, asked
        # again by several predicates (a light verb and its noun) or several events of one
        # predicate (one per dyad): kept per token index.
        self.nouns: dict[int, Optional["lexicon.Entry"]] = {}
        self.attributions: dict[tuple[int, bool], tuple[str, Optional[Actor]]] = {}

    def add(self, ev: Event) -> None:
        self.events.append(ev)
        self.by_plover.setdefault(ev.plover, []).append(ev)
        if ev.trigger is not None:
            self.triggers.add((ev.trigger.start, ev.plover))

    def quotes_holding(self, at: int) -> list[Quote]:
        """The quotes (in list order) with a part of the body's text that holds offset ``at``."""
        return [self.quotes[i] for i in sorted({p[2] for p in self._quote_parts.overlapping(at, at + 1)})]


def extract_events(doc: Doc) -> list[Event]:
    state = DocState(doc)
    for sent in doc.sents:
        for tok in sent:
            if tok.i in state.consumed:
                continue
            # A headline's verb is often tagged as a name ('U.S. Sends Troops').
            if tok.pos_ in ("VERB", "AUX") or (state.headline and tok.pos_ == "PROPN" and tok.dep_ == "ROOT"):
                _verb(state, sent, tok)
            elif tok.pos_ == "NOUN":
                _nominal(state, sent, tok)
            elif tok.pos_ == "ADJ":
                if not (stance.is_attitude(tok) and _stance(state, sent, tok, stance.attitude(state, tok))):
                    _readiness(state, sent, tok)
    _specific_threats(doc, state.events)
    return state.events


def _specific_threats(doc: Doc, events: list[Event]) -> None:
    """'Iran threatened to attack Israel': the threat takes the code of what it threatens
    (138, threaten with military force) as a CAMEO coder gives it."""
    by_start = {ev.trigger.start: ev for ev in events if ev.trigger is not None}
    for ev in events:
        if ev.plover != "THREATEN" or ev.cameo != "130" or ev.trigger is None:
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end)
        if span is None:
            continue
        for child in span.root.children:
            inner = by_start.get(child.idx) if child.dep_ in ("xcomp", "ccomp") else None
            if inner is not None and inner.cameo_coded and inner.cameo_coded.startswith("13"):
                ev.cameo_coded = inner.cameo_coded
                if ev.target is None and inner.target is not None and inner.source is not None and (
                        ev.source is not None and ev.source.country == inner.source.country):
                    # 'threatened that it would strike Iran': the threat is aimed at Iran.
                    ev.target = inner.target
                break


# ----------------------------------------------------------------------------- verbs
def _verb(st: DocState, sent: SpacySpan, tok: Token) -> None:
    lem = _lemma(tok)
    if lem in WARNING_VERBS and _warning(st, sent, tok):
        return
    if lem in SPEECH and _stance(st, sent, tok, stance.judgement(st, tok)):
        return
    if _stance(st, sent, tok, stance.evaluation(st, tok) or (stance.attitude(st, tok) if stance.is_attitude(tok) else None)):
        return
    if lem in OBLIGATION_SPEECH and _obligation(st, sent, tok):
        return
    if lem in words("accusing_speech") and _claim(st, sent, tok):
        return
    if (lem, "VERB") not in st.table and lem not in COMMITMENT_VERBS:
        return  # no entry and none from a complement: not an event (its arguments are not read)
    objs = with_conj(children(tok, "dobj", "attr"))
    # The most specific CAMEO pattern of the verb that holds on the parse (patterns.py).
    entry = patterns.match_verb(tok, lem) if (lem, "VERB") in st.table else None
    if lem in COMMITMENT_VERBS:
        # 'vowed to fight' is a threat (138), 'pledged to cooperate' an intent (03x): the
        # commitment takes the code of what it commits to; the act is coded too (planned).
        entry = _commitment(tok, entry)
    if lem in LIGHT_VERBS and any(o.dep_ == "dobj" and event_noun(st, o) is not None for o in objs):
        # 'held talks', 'staged a protest', 'launched an attack': the noun names the act
        # (coded by _nominal with this verb's subject), unless a pattern names this verb
        # and object and the noun has no row of its own ('gave a grant', 'offered concessions').
        if entry is None or entry.pattern != "obj" or (entry.origin != "sitrep" and any(
                (o.lemma_.lower(), "NOUN") in st.table or children(o, "compound") for o in objs)):
            return
    if entry is None:
        return
    entry = _protest_form(st, tok, entry)
    preps = prep_objects(tok)
    for prt in children(tok, "prt"):
        preps.append((prt.lower_, prt))
    subjs = children(tok, "nsubj", "nsubjpass")
    c = coding.code(entry.cameo)
    if c is None:
        return
    for o in objs:
        if entry.pattern == "obj":
            st.consumed.add(o.i)
    passive = [antecedent(t) for t in children(tok, "nsubjpass")]
    agents = [o for p, o in preps if p == "by"]
    if not passive and agents and tok.dep_ == "acl" and tok.tag_ == "VBN":
        # A reduced passive: 'Somali forces backed by Djiboutian soldiers' (by-agent -> noun).
        passive = [tok.head]
    undergoer = None if passive else undergoer_roles(st, tok, entry.pattern, objs, entry.prep)
    if undergoer is not None:
        # 'Iran faces pressure from the US', 'two soldiers stand accused': read as a passive.
        sources, targets = undergoer
        agentless = not sources
    elif passive:
        sources = arg_actors(st, agents, anaphora=False)
        targets = arg_actors(st, passive)
        # 'Three soldiers were killed': a passive without a 'by' agent names no one who acts,
        # nor one whose agent is the means ('killed by a roadside bomb').
        agentless = not agents or (not sources and all(_means(a) for a in agents))
    else:
        subj = subject_of(tok)
        if subj is None and st.headline:
            subj = _headline_subject(tok)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
        # 'Explosions hit Kyiv', 'a missile struck the port': the subject is the means, not an actor.
        # (Force only: 'talks resumed in Moscow' is no second event.)
        agentless = not sources and subj is not None and _means(subj) and c.plover in ("ASSAULT", "COERCE")
        # An object the pattern names ('send troops', 'launch drones') is part of the act.
        pattern_objs = [o for o in objs if entry.pattern == "obj" and entry.origin == "sitrep"
                        and o.lemma_.lower() in THEME_NOUNS | words("instrument")]
        targets = arg_targets(st, tok, [o for o in objs if o not in pattern_objs], preps, c.plover, extra=pattern_objs)
    # Troops moving 'from the United States to Poland' act for the country they leave.
    # A generic role ('troops', no country) gives way to the country they leave.
    if (subjs and subjs[0].lemma_.lower() in THEME_NOUNS and all(not a.country for _, a in sources)
            and any(p == "from" for p, _ in preps)):
        sources = arg_actors(st, [o for p, o in preps if p == "from"], anaphora=False)
        src_countries = {s[1].country for s in sources}
        targets = [t for t in targets if t[1].country not in src_countries]
    if targets and all(any(same_actor(a, t) for _, a in sources) for _, t in targets):
        # 'Russia closed its borders with Iran': the object is the source's own; the
        # recipient comes from the phrases, the object's too ('repeated its accusation against Kyiv').
        targets = arg_targets(st, tok, [], preps, c.plover, extra=objs)
    recip = (c.plover in SYMMETRIC or lem in RECIPROCAL_VERBS) and pairwise(tok, objs, bool(passive))
    if not targets and not (recip and len(sources) > 1):
        targets = fallback_targets(st, tok, objs, c.plover)
    theme = theme_of(tok, objs, subjs, preps)
    _emit(st, sent, tok, c, sources, targets, theme, agentless=agentless, reciprocal=recip)


def _protest_form(st: DocState, tok: Token, entry: "lexicon.Entry") -> "lexicon.Entry":
    """'shunned work to protest at ...': an act done as a protest is the protest (PLOVER
    PROTEST: 'collective actions carried out as protests'), coded as its purpose; the purpose
    verb is not a second event. Acts of force keep their type ('attacked police to protest'
    is an assault), and so do meetings ('summoned the envoy to protest' is a diplomatic step)."""
    c = coding.code(entry.cameo)
    if c is None or c.plover not in PROTEST_RECODED:
        return entry
    for purpose in children(tok, "advcl", "xcomp"):
        if not any(a.dep_ == "aux" and a.lower_ == "to" for a in purpose.children) or subject_of(purpose) not in (
                None, subject_of(tok)):
            continue
        inner = patterns.match_verb(purpose, _lemma(purpose))
        if inner is not None and (ic := coding.code(inner.cameo)) is not None and ic.plover == "PROTEST":
            st.consumed.add(purpose.i)
            return inner
    return entry


def _commitment(tok: Token, entry: Optional["lexicon.Entry"]) -> Optional["lexicon.Entry"]:
    """The entry of a commitment verb coded by its complement's act, or ``entry`` when its
    complement is no coded act ('swore in' is none; 'pledged support' keeps its row)."""
    # ('have sworn to fight' is often parsed as an adverbial clause with 'to')
    acts = children(tok, "xcomp") + [a for a in children(tok, "advcl")
                                     if any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children)]
    for act in acts:
        lem = _lemma(act)
        inner = patterns.match_verb(act, lem) if (lem, "VERB") in lexicon.load_lexicon() else None
        if inner is not None and coding.code(inner.cameo) is not None:
            cameo = coding.intent_code(inner.cameo)
            base = entry or inner
            return lexicon.Entry(base.lemma, "VERB", "", "", "", cameo, "sitrep", (), "own", base.order)
    return entry


def _means(subj: Token) -> bool:
    """A subject that is the means or the act itself ('explosions', 'a drone', 'the attack'),
    not who acts: its event has no coded source. Natural forces are not means."""
    lem, low = subj.lemma_.lower(), subj.lower_
    if {lem, low} & (words("instrument") | words("agentless_subject")):
        return True
    # An act named by a noun: its row, or the verb it nominalises ('a roadside bombing killed').
    return subj.pos_ == "NOUN" and (lexicon.match(lem, "NOUN") is not None or patterns.verb_of_noun(lem) is not None)


def _headline(doc: Doc) -> bool:
    """Headline case: short, and most words capitalised ('U.S. Sends Troops To Europe')."""
    # Stop at the 26th word: a body is never a headline, and walking all its tokens was
    # a measurable share of the events stage.
    words = []
    for t in doc:
        if t.is_alpha:
            words.append(t)
            if len(words) > 25:
                return False
    return 0 < len(words) and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


def _headline_subject(verb: Token) -> Optional[Token]:
    """Headline parses often lose the subject ('London Again Warns Moscow' attaches London
    to the adverb): take the nearest name or noun left of the verb in its own subtree."""
    for t in reversed(list(verb.doc[verb.sent.start : verb.i])):
        if t.pos_ in ("PROPN", "NOUN") and verb in t.ancestors and t.dep_ not in ("dobj", "pobj"):
            return t
        if t.pos_ in ("VERB", "PUNCT") or t.dep_ == "mark":
            return None
    return None


# ----------------------------------------------------------------------------- special frames
def _warning(st: DocState, sent: SpacySpan, tok: Token) -> bool:
    """'X told Y that any Z would be a tragic miscalculation' is a warning (THREATEN)."""
    for comp in children(tok, "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in ("would", "will", "could") for c in comp.children):
            continue
        preds = children(comp, "attr", "acomp", "dobj")
        if not any(p.lemma_.lower() in WARNING_NOUNS for p in with_conj(preds)):
            continue
        addressee = children(tok, "dative", "dobj")
        if tok.lemma_.lower() != "warn" and not addressee:
            return False
        c = coding.code("130")
        subj = subject_of(tok)
        if subj is None and st.headline:
            subj = _headline_subject(tok)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
        targets = arg_actors(st, addressee)
        _emit(st, sent, tok, c, sources, targets, None)
        return bool(sources)
    return False


def _stance(st: DocState, sent: SpacySpan, tok: Token, found) -> bool:
    """Emit a stance (sitrep.events.stance) as events; True when one with a source was found."""
    if found is None:
        return False
    cameo, sources, targets = found
    _emit(st, sent, tok, coding.code(cameo), sources, targets, None)
    return bool(sources)


def _claim(st: DocState, sent: SpacySpan, tok: Token) -> bool:
    """'Hamas claimed that Israel attacked a hospital': a claim that someone committed a
    hostile act is an accusation (ACCUSE 112, speaker -> the doer); the act itself is coded
    on its own predicate as reported by the speaker."""
    for comp in children(tok, "ccomp"):
        lem = _lemma(comp)
        entry = lexicon.match(lem, "VERB", objs=[o.lemma_.lower() for o in children(comp, "dobj")])
        inner = coding.code(entry.cameo) if entry else None
        if inner is None or inner.cameo[:2] not in words("speech_act_conflict_root"):
            continue
        return _speaker_to_doer(st, sent, tok, comp, "112", ("nsubj",))
    return False


def _speaker_to_doer(st: DocState, sent: SpacySpan, tok: Token, comp: Token, cameo: str,
                     deps: tuple[str, ...]) -> bool:
    """One event from the speaker of ``tok`` to the subject of its reported clause ``comp``
    (the accused of a claim, the one obliged by a 'must'); none without both."""
    subj = subject_of(tok)
    sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    targets = arg_actors(st, children(comp, *deps), anaphora=False)
    if not sources or not targets:
        return False
    _emit(st, sent, tok, coding.code(cameo), sources, targets, None)
    return True


def _obligation(st: DocState, sent: SpacySpan, tok: Token) -> bool:
    """'Russia said that Sudan must return the helicopter' -> REQUEST Russia -> Sudan."""
    for comp in children(tok, "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX for c in comp.children):
            continue
        return _speaker_to_doer(st, sent, tok, comp, "100", ("nsubj", "nsubjpass"))
    return False


def _readiness(st: DocState, sent: SpacySpan, tok: Token) -> None:
    """'is prepared/ready/willing to hold talks' -> AGREE (036 for talks, else 030)."""
    if (tok.lemma_.lower(), "ADJ") not in st.table:
        return
    xcomps = children(tok, "xcomp")
    if not xcomps or lexicon.match(tok.lemma_.lower(), "ADJ") is None:
        return
    act = xcomps[0]
    objs = with_conj(children(act, "dobj"))
    # The act's own frame, phrase words included ('prepared to impose martial law' 1724).
    lem = _lemma(act)
    inner = patterns.match_verb(act, lem) if (lem, "VERB") in st.table else None
    # 'ready to hold talks' 036, 'prepared to impose martial law' a threat (coding.intent_code).
    c = coding.code(coding.intent_code(inner.cameo if inner else None))
    st.consumed.add(act.i)
    st.consumed.update(o.i for o in objs)
    subj = subject_of(tok)
    sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    targets = (addressee_target(st, tok) or arg_targets(st, act, objs, prep_objects(act), c.plover)
               or place_targets(st, act, objs))
    _emit(st, sent, tok, c, sources, targets, None)


# ----------------------------------------------------------------------------- nominals
def event_noun(st: DocState, tok: Token) -> Optional["lexicon.Entry"]:
    """The lexicon entry a noun names as an act, or None.

    A NOUN row ('deployment', 'talks'); else, where the noun is the object of a light verb
    ('launched an attack', 'staged a raid') or carries its own source and recipient ('the
    Israeli raid on Jenin'), the default row of the verb with the same lemma; else the
    compound that names the act ('issued arrest warrants' -> arrest).
    """
    if tok.doc is not st.doc:
        return _event_noun(st, tok)
    try:
        return st.nouns[tok.i]
    except KeyError:
        found = st.nouns[tok.i] = _event_noun(st, tok)
        return found


def _event_noun(st: DocState, tok: Token) -> Optional["lexicon.Entry"]:
    lem = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    preps = prep_objects(tok)
    compounds = [c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    if (lem, "NOUN") in st.table:
        hit = lexicon.match(lem, "NOUN", preps=[(p, o.lemma_.lower()) for p, o in preps], compounds=compounds)
        # A noun listed only with a pattern ('tariff fight' 163) keeps its verb reading
        # otherwise ('the fight against al-Shabab').
        if hit is not None or any(not e.pattern for e in st.table[(lem, "NOUN")]):
            return hit
    if lem in THEME_NOUNS or lem in words("instrument") or st.actors.is_role(tok):
        return None
    light = tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS
    verb = lem if (lem, "VERB") in st.table else patterns.verb_of_noun(lem)
    entry = lexicon.match(verb, "VERB") if verb is not None else None
    if entry is None or entry.pattern != "":
        # No bare verb reading: only a light verb's compound can name the act (the noun's
        # own arguments are not read, they could not make it one).
        return _light_compound(st, tok) if light else None
    if light or _own_args(st, tok):
        return entry
    # 'the kidnapping of Nigerian schoolgirls': force aimed at a named victim is an act by no one named.
    if not any(p == "of" and st.actors.actors(o) for p, o in prep_objects(tok)):
        return None
    c = coding.code(entry.cameo)
    if c is not None and c.plover not in words("victim_plover"):
        return None
    return entry


def _own_args(st: DocState, tok: Token) -> bool:
    """The noun carries its own actors ('the Israeli raid on Jenin', 'kidnappings of children by
    criminal gangs', 'support from France'). Cheap tests of the phrases come before the actors."""
    preps = prep_objects(tok)
    if any(p in NOMINAL_TARGET_PREPS for p, _ in preps) and any(
            c.dep_ in ("poss", "amod", "compound") and st.actors.actors(c) for c in tok.children):
        return True
    # 'kidnappings of children by criminal gangs': a 'by' agent is the noun's own actor;
    # 'claimed responsibility for the bombing': the claimant is.
    if _claimed(tok) or any(p == "by" and st.actors.actors(o) for p, o in preps):
        return True
    if any(p == "of" for p, _ in preps) and any(c.dep_ == "poss" and st.actors.actors(c) for c in tok.children):
        return True
    # 'the fight against al-Shabab', 'the assault on Kismayo': aimed at an actor, the noun is the act.
    if any(p in ("against", "on") and st.actors.actors(o) for p, o in preps):
        return True
    # 'support from France', 'retaliation from Beijing': the giver is the noun's own actor.
    return not asked_of(tok) and any(p == "from" and st.actors.actors(o) for p, o in preps)


def _light_compound(st: DocState, tok: Token) -> Optional["lexicon.Entry"]:
    """'issued arrest warrants' -> arrest: the compound of a light verb's object that names the act."""
    for c in tok.children:
        if c.dep_ != "compound":
            continue
        if (c.lemma_.lower(), "VERB") in st.table:
            inner = lexicon.match(c.lemma_.lower(), "VERB")
            if inner is not None and inner.pattern == "":
                return inner
        elif (c.lemma_.lower(), "NOUN") in st.table:
            # 'launched a mediation effort', 'undertook a mediation mission': the act's own noun row.
            inner = lexicon.match(c.lemma_.lower(), "NOUN")
            if inner is not None and inner.pattern == "":
                return inner
    return None


def asked_of(tok: Token) -> bool:
    """'demanded guarantees from the United States': what is asked for has not been given, so
    the 'from' phrase names who is asked (the demand's target), not a giver."""
    return tok.dep_ in ("dobj", "pobj") and _lemma(tok.head if tok.dep_ == "dobj" else tok.head.head) in words("asked_from_verb")


def _nominal(st: DocState, sent: SpacySpan, tok: Token) -> None:
    entry = event_noun(st, tok)
    if entry is None:
        return
    preps = prep_objects(tok)
    c = coding.code(entry.cameo)
    if c is None:
        return
    sources: list[tuple[Token, Actor]] = []
    for child in tok.children:
        if child.dep_ == "poss" or (child.dep_ in ("amod", "compound", "nmod") and child.i < tok.i):
            # A role word in the compound ('troop buildup') names the theme, not who acts.
            a = [x for x in st.actors.actors(child) if x[1].country or x[1].entity or child.dep_ == "poss"]
            if a:
                sources.extend(a)
    if not sources:
        sources = arg_actors(st, [o for p, o in preps if p == "by"], anaphora=False)
    givers = False
    if not sources and c.plover not in words("from_not_source_plover") and not asked_of(tok):
        # ('support from France, Greece and Italy' is three givers, not talks among them)
        sources = arg_actors(st, [o for p, o in preps if p == "from"], anaphora=False)
        givers = bool(sources)
    if not sources and c.plover in SYMMETRIC:
        # 'talks between Armenia and Azerbaijan'
        sources = arg_actors(st, [o for p, o in preps if p == "between"], anaphora=False)
    if not sources and c.plover == "MOBILIZE":
        # 'the deployment of Turkish troops': the troops' country acts.
        sources = [(o, a) for p, o in preps if p == "of" for a in [st.actors.actor(o)] if a and a.country]
    if not sources and tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS:
        subj = subject_of(tok.head)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    if not sources and tok.dep_ == "pobj" and tok.head.lower_ == "in" and _lemma(tok.head.head) in ENGAGE_VERBS:
        # 'forces were engaged in ethnic cleansing', 'took part in the attack'
        subj = subject_of(tok.head.head) or next(iter(children(tok.head.head, "nsubjpass")), None)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    if not sources and _claimed(tok):
        # 'al-Shabab claimed responsibility for the attack': who claims (or denies) it is
        # who did it (the modality follows the verb: 'denied responsibility' -> denied).
        subj = subject_of(tok.head.head.head)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    if not sources and tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.pos_ == "VERB":
        # 'travel to Moscow for a meeting with Putin': the purpose of an act of the same type
        # is part of it (one visit, not a visit and a meeting); else it is the subject's
        # ('went to Geneva for talks with Iran').
        verb = tok.head.head
        if (verb.idx, c.plover) in st.triggers:
            return
        # ('blamed India for the attack', 'praised Kenya for its mission': the object did it)
        doer = children(verb, "dobj") if _lemma(verb) in OBJECT_CONTROL else []
        subj = doer[0] if doer else subject_of(tok.head.head)
        sources = arg_actors(st, [subj], anaphora=False) if subj is not None else []
    # 'the attack on Kharkiv', 'any incursion into Ukraine': no one is named as acting; the
    # event keeps a null source (unless a light verb's subject is there but is no actor:
    # 'the storm caused damage').
    agentless = not sources and not (tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS
                                     and subject_of(tok.head) is not None)
    if not sources and not agentless:
        return
    targets = []
    if tok.dep_ == "dobj" and _lemma(tok.head) in LIGHT_VERBS:
        # 'issued arrest warrants for two generals': the light verb carries the noun's phrases.
        preps = preps + prep_objects(tok.head)
    for p, o in preps:
        if p in NOMINAL_TARGET_PREPS or (p == "of" and c.plover in ("ASSAULT", "COERCE")):
            targets.extend(arg_actors(st, [o]))
    targets = targets or undergoer_target(st, tok)
    if not targets and not givers and not (c.plover in SYMMETRIC and len(sources) > 1):
        # the country where it happens: 'cleansing in Bosnia', 'were engaged in ... in Bosnia'
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        if not agentless or c.plover in ("ASSAULT", "COERCE"):
            # (with no one acting, only force is read as aimed at where it happens: 'talks in
            # Geneva' are not talks with Switzerland)
            targets = place_targets(st, tok, []) or (
                place_targets(st, verb, []) if verb.pos_ in ("VERB", "ADJ", "AUX") else [])
    theme = None
    for p, o in preps:
        if p in ("of", "with") and o.lemma_.lower() in THEME_NOUNS:
            theme = o
    _emit(st, sent, tok, c, sources, targets, theme, agentless=agentless, reciprocal=False if givers else None)


def _claimed(tok: Token) -> bool:
    """The noun is what someone claims responsibility for ('claimed responsibility for the attack')."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "for":
        return False
    noun = prep.head
    return (noun.lemma_.lower() in words("responsibility_noun") and noun.dep_ == "dobj"
            and noun.head.pos_ == "VERB")
