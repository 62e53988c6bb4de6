"""Arguments of event predicates: who acts and who is acted on, read from the parse.

``arg_actors`` turns argument tokens into actors (through ``ActorResolver``; an event noun such
as 'the deployment' stands for whoever did that act); ``arg_targets`` reads recipients from the
object, the addressee and the target prepositions; ``fallback_targets`` reaches further (the
addressee of 'told X that ...', the subject of a demanded clause, the act promised, a
place); ``place_targets`` gives the country an act happens in or is aimed at. Nothing here
knows about any particular article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from spacy.tokens import Token

from ..record import Actor
from . import coding, lexicon
from .syntax import addressee_of, children, prep_objects, subject_of, with_conj
from .words import values, words

if TYPE_CHECKING:
    from .extract import DocState

__all__ = ["arg_actors", "arg_targets", "fallback_targets", "place_targets", "addressee_target", "anaphor", "theme_of",
           "same_actor", "thing_owner", "TARGET_PREPS", "NOMINAL_TARGET_PREPS", "THEME_NOUNS"]

TARGET_PREPS = words("target_prep")
# Nominals take their recipient from more prepositions ('buildup near Ukraine', 'attack on X').
NOMINAL_TARGET_PREPS = TARGET_PREPS | words("nominal_target_prep")
# Nouns that point back to an earlier act ('denounced the move', 'rejects the charges').
ANAPHORIC = words("anaphoric")
ANAPHOR_TYPES = values("anaphor_type")
THEME_NOUNS = words("theme_noun")
# Stances (criticism, support, rejection) and the prepositions naming what they are about.
STANCE_TYPES = frozenset(words("stance_plover"))
ABOUT_PREPS = words("about_prep")
STANCE_NOUNS = words("stance_noun")


def arg_actors(st: "DocState", toks: Iterable[Optional[Token]], anaphora: bool = True) -> list[tuple[Token, Actor]]:
    """Actors of argument tokens. With ``anaphora``, an event noun ('the deployment') stands
    for whoever did that act (used for recipients, never for who acts)."""
    out = []
    for t in toks:
        if t is None:
            continue
        if anaphora and t.dep_ == "dobj" and t.lower_ in ("that", "which") and t.head.dep_ == "relcl":
            # 'charges that Moscow rejects': the relative pronoun stands for the noun.
            t = t.head.head
            res = anaphor(st, t)
            if res:
                out.append((t, res))
            continue
        found = st.actors.actors(t)
        if not found and t.pos_ == "NOUN":
            # 'the militant group al-Shabab': the name in apposition is the actor.
            found = [x for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN" for x in st.actors.actors(c)]
        if found:
            out.extend(found)
        elif anaphora and t.pos_ == "NOUN":
            res = anaphor(st, t)
            if res:
                st.consumed.add(t.i)  # 'denounced the deployment': not a new deployment
                out.append((t, res))
    return out


def arg_targets(st: "DocState", tok: Token, objs: list[Token], preps: list[tuple[str, Token]],
             plover: str = "", extra: list[Token] = ()) -> list[tuple[Token, Actor]]:
    targets = arg_actors(st, [o for o in objs if o.dep_ == "dobj"])
    if targets:
        return targets
    targets = arg_actors(st, children(tok, "dative"))
    if targets:
        return targets
    # 'fired missiles at Belgorod', 'shot at protesters': what force is aimed at is its target.
    # 'spoke up for Taiwan', 'campaigned for the opposition': whom support is for is its recipient.
    # 'imposed sanctions on Iran', 'cracked down on protesters': force or restriction laid on someone.
    aimed = ("at", "on") if plover in ("ASSAULT", "COERCE") else ("for",) if plover == "SUPPORT" else ()
    for p, o in preps:
        if p in TARGET_PREPS or p in aimed or (p == "from" and plover == "REQUEST"):
            targets.extend(arg_actors(st, [o]))
    # 'send troops to Poland': the destination hangs off the object.
    for o in [*objs, *extra]:
        for p, oo in prep_objects(o):
            if (p in TARGET_PREPS or p in ("on", "against") or p in aimed
                    or (p == "from" and plover in ("REQUEST", "RETREAT"))):
                found = arg_actors(st, [oo])
                if not found and plover in STANCE_TYPES and o.lemma_.lower() in STANCE_NOUNS:
                    found = thing_owner(st, oo)  # 'frustration with the policies of the government'
                targets.extend(found)
            elif plover in STANCE_TYPES and p in ABOUT_PREPS and o.lemma_.lower() in STANCE_NOUNS and not targets:
                # 'expressed concern over Iran's nuclear programme': a stance is aimed at
                # whoever the thing it is about belongs to, or the earlier act it names.
                targets.extend(thing_owner(st, oo))
    return targets


def fallback_targets(st: "DocState", tok: Token, objs: list[Token], plover: str) -> list[tuple[Token, Actor]]:
    """Recipients read from further away, in order: the addressee of a 'told X that ...'; the
    subject of a demanded clause ('demanded that the US cancel ...'); the arguments of the act
    promised ('offered to negotiate with Armenia'); the country where it happens ('lifted a
    curfew in Montenegro')."""
    found = addressee_target(st, tok)
    if found:
        return found
    for comp in children(tok, "ccomp"):
        if plover in ("REQUEST", "ACCUSE", "THREATEN"):
            found = arg_actors(st, children(comp, "nsubj", "nsubjpass"), anaphora=False)
            if found:
                return found
    for p, o in prep_objects(tok):
        # 'advised against travel to Haiti': the act it is about goes somewhere; that is the recipient.
        if o.pos_ == "NOUN" and not st.actors.actors(o):
            found = arg_actors(st, [oo for pp, oo in prep_objects(o) if pp in ("to", "into", "toward", "towards")],
                               anaphora=False)
            if found:
                return found
    if addressee_of(tok) is not None:
        # 'urged its allies to lift sanctions on Iran': the appeal is aimed at whom it is
        # addressed to (here no one coded), not at the arguments of the act it asks for.
        return place_targets(st, tok, objs)
    for act in children(tok, "xcomp"):
        a_objs = with_conj(children(act, "dobj"))
        found = arg_targets(st, act, a_objs, prep_objects(act), plover)
        if found:
            return found
        found = place_targets(st, act, a_objs)
        if found:
            return found
    return place_targets(st, tok, objs)


def place_targets(st: "DocState", tok: Token, objs: list[Token]) -> list[tuple[Token, Actor]]:
    for head in [tok, *objs]:
        for p, o in prep_objects(head):
            if p in ("in", "at", "inside", "from") and o.ent_type_ in ("GPE", "LOC", "NORP"):
                found = [(t, a) for t, a in st.actors.actors(o) if a.country]
                if found:
                    return found
            if p in ("in", "at", "inside") and head is not tok and not o.ent_type_:
                # 'stormed a hotel in the Somali city of Beledweyne': the place the object is in
                place = st.actors.place_phrase(o)
                if place is not None:
                    return [(o, place)]
            if p in ("at", "on", "against", "toward", "towards") and not o.ent_type_:
                # 'launched drones at targets in western Russia': the target is reached
                # through a place; the country it lies in is the recipient.
                for pp, oo in prep_objects(o):
                    if pp in ("in", "near", "inside", "across") and oo.ent_type_ in ("GPE", "LOC"):
                        found = [(t, a) for t, a in st.actors.actors(oo) if a.country]
                        if found:
                            return found
    return []


def addressee_target(st: "DocState", tok: Token) -> list[tuple[Token, Actor]]:
    """'The US has told Russia it is prepared to ...': what is said to X is directed at X."""
    t = tok
    for _ in range(5):
        if t.head is t:
            return []
        if t.dep_ == "ccomp" and t.head.lemma_.lower() == "tell":
            return arg_actors(st, children(t.head, "dative", "dobj"))
        t = t.head
    return []


def anaphor(st: "DocState", noun: Token) -> Optional[Actor]:
    """The actor behind 'the deployment' / 'the demand' / 'the charges': the source of the
    latest earlier event of that kind by someone other than the current speaker."""
    lem = noun.lemma_.lower()
    if lem not in ANAPHORIC and lexicon.match(lem, "NOUN") is None:
        return None
    want = ANAPHOR_TYPES.get(lem)
    if want is None:
        e = lexicon.match(lem, "NOUN")
        c = coding.code(e.cameo) if e else None
        want = c.plover if c else None
    subj = subject_of(noun.head) if noun.dep_ in ("dobj", "nsubj", "nsubjpass") else None
    speaker = st.actors.actor(subj) if subj is not None else None
    for ev in reversed(st.by_plover.get(want, []) if want else st.events):
        if ev.evidence.start > noun.idx:
            continue
        if ev.source is None:
            continue  # 'the attack' by no one named: nothing to pin on
        if speaker is not None and ev.source.country and ev.source.country == speaker.country:
            continue
        if not ev.source.country and not ev.source.entity:
            continue  # a generic role ('troops') is not who the act is pinned on
        return ev.source
    return None


def theme_of(tok: Token, objs: list[Token], subjs: list[Token], preps: list[tuple[str, Token]]) -> Optional[Token]:
    """The counted thing of an act: troops sent, people killed, protesters arrested."""
    cands = [*objs, *children(tok, "nsubjpass"), *subjs, *(o for p, o in preps if p == "with")]
    for t in cands:
        if t.lemma_.lower() in THEME_NOUNS or t.lower_ in THEME_NOUNS:
            return t
    for t in cands:
        if any(c.dep_ == "nummod" for c in t.children):
            return t
    return None


def same_actor(a: Actor, b: Actor) -> bool:
    if a.entity and a.entity == b.entity:
        return True
    return bool(a.code and a.code == b.code and a.text == b.text)


def thing_owner(st: "DocState", thing: Token) -> list[tuple[Token, Actor]]:
    """Who a thing talked about belongs to: its own actor ('Turkey', 'Norway's claims', 'the
    Indian tariffs'), the doer of the earlier act it names ('the move'), or the actor of its
    'of'/'by' phrase ('the policies of the government')."""
    if thing.lower_ in ("it", "this", "that", "which", "what"):
        return []
    found = arg_actors(st, [thing], anaphora=False)
    if not found and thing.pos_ == "NOUN":
        a = anaphor(st, thing)
        if a is not None:
            return [(thing, a)]
        found = arg_actors(st, [o for p, o in prep_objects(thing) if p in ("of", "by")], anaphora=False)
    return found
