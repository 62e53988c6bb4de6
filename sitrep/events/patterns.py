"""CAMEO verb patterns matched on the dependency parse.

:func:`frame_of` reads what surrounds a verb — particles and bare prepositions ('called
off', 'asked for'), objects (direct objects and their conjuncts, attributes, the subject of a
passive, the verb of a complement: 'urged X to intervene'), prepositional phrases of the
verb and of its objects ('sent police to the border'), and subjects (the 'by'-agent of a
passive) — each noun phrase as its head lemma plus the words of its phrase ('{HUMANITARIAN
AID}' needs 'aid' with 'humanitarian' in its phrase). :func:`match_verb` gives the most
specific lexicon entry whose pattern holds (:func:`sitrep.events.lexicon.best`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from . import lexicon
from .lexicon import Entry, Frame, Phrase
from .words import words

OBJECT_DEPS = ("dobj", "attr", "oprd", "nsubjpass", "acomp")
PARTICLE_DEPS = ("prt", "advmod", "acomp", "compound:prt")
TIME_ENTS = ("DATE", "TIME")
# A phrase's words: its head's subtree, at most this many tokens either side of the head.
WINDOW = 6
# Object heads that say little of what is acted on ('ended mediation efforts', 'received a
# mission of observers'): the noun that qualifies them is an object of the verb too.
VAGUE_OBJECTS = words("vague_object")


def _phrase_words(tok: Token) -> frozenset:
    words = set()
    for t in tok.subtree:
        if t.i != tok.i and abs(t.i - tok.i) <= WINDOW and t.is_alpha:
            words.add(t.lemma_.lower())
            words.add(t.lower_)
    return frozenset(words)


class _TokenPhrase(Phrase):
    """A phrase read from a token: the words of its subtree are read when a pattern first
    asks for them (most patterns name the head word only)."""

    def __init__(self, tok: Token) -> None:  # noqa: D107 - no dataclass __init__: words are lazy
        self.lemma = tok.lemma_.lower()
        self.lower = tok.lower_
        self._tok = tok
        self._words: Optional[frozenset] = None

    @property
    def words(self) -> frozenset:  # type: ignore[override]
        if self._words is None:
            self._words = _phrase_words(self._tok)
        return self._words


def _phrase(tok: Token) -> Phrase:
    return _TokenPhrase(tok)


def _conj(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == tok.pos_:
            out.append(c)
    return out


def _preps(tok: Token) -> list[tuple[str, Optional[Phrase]]]:
    out: list[tuple[str, Optional[Phrase]]] = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.pos_ == "ADP":
            objs = [o for o in p.children if o.dep_ in ("pobj", "pcomp")]
            if objs and all(o.ent_type_ in TIME_ENTS for o in objs):
                continue  # 'on Monday', 'in March': a time, not an argument ('called off ... on Monday')
            if not objs:
                out.append((p.lower_, None))
            for o in objs:
                for oo in _conj(o):
                    out.append((p.lower_, _phrase(oo)))
    return out


def frame_of(verb: Token) -> Frame:
    """The pattern frame of a verb token, read from its dependents."""
    f = Frame()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    obj_toks: list[Token] = []
    for c in verb.children:
        if c.dep_ in PARTICLE_DEPS:
            f.prts.add(c.lower_)
            f.prts.add(c.lemma_.lower())
        if c.dep_ in OBJECT_DEPS:
            obj_toks.extend(_conj(c))
        elif c.dep_ == "nsubj" and not passive:
            f.subjs.extend(_phrase(s) for s in _conj(c))
        elif c.dep_ == "dative" and c.pos_ != "ADP":
            obj_toks.append(c)
    for o in list(obj_toks):
        if o.lemma_.lower() in VAGUE_OBJECTS:
            obj_toks.extend(c for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN")
            obj_toks.extend(g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                            for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN")
    f.objs = [_phrase(o) for o in obj_toks]
    f.preps = _preps(verb)
    for o in obj_toks:
        if o.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            f.preps.extend(_preps(o))
    if passive:
        f.subjs.extend(o for p, o in f.preps if p == "by" and o is not None)
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # A reduced passive ('the sanctions imposed on Iran'): the noun is the object.
        f.objs.append(_phrase(verb.head))
    for c in verb.children:
        if c.dep_ in ("compound", "amod", "npadvmod"):
            f.mods.add(c.lemma_.lower())
    return f


def match_verb(verb: Token, lemma: str) -> Optional[Entry]:
    """The lexicon entry of a verb in its context (the most specific pattern that holds), or
    None when the verb is not coded or is blocked there."""
    return lexicon.best(lemma, "VERB", frame_of(verb))


@lru_cache(maxsize=4096)
def verb_of_noun(noun: str) -> Optional[str]:
    """The verb a noun nominalises when the lexicon codes that verb with a bare reading
    ('kidnapping' -> kidnap, 'bombing' -> bomb, 'restriction' -> restrict, 'intimidation' ->
    intimidate, 'retaliation' -> retaliate), else None. Morphology only, checked against the
    lexicon: a stem the lexicon does not code is not taken."""
    table = lexicon.load_lexicon()
    if noun in words("not_nominalisation"):
        return None  # 'the government', 'relations', 'training': a body or a state, not an act
    cands: list[str] = []
    if noun.endswith("ing") and len(noun) > 5:
        stem = noun[:-3]
        cands += [stem, stem + "e"]
        if len(stem) > 3 and stem[-1] == stem[-2]:
            cands.append(stem[:-1])  # kidnapping -> kidnap
    elif noun.endswith("ation") and len(noun) > 7:
        cands += [noun[:-5] + "ate", noun[:-5] + "e", noun[:-5]]
    elif noun.endswith("ion") and len(noun) > 5:
        cands += [noun[:-3], noun[:-3] + "e"]
    elif noun.endswith("ment") and len(noun) > 6:
        cands.append(noun[:-4])
    for v in cands:
        if (v, "VERB") in table:
            e = lexicon.match(v, "VERB")
            if e is not None and e.pattern == "":
                return v
    return None
