"""Small dependency-parse helpers shared by the event extractor and its attribute readers (public)."""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from . import lexicon
from .words import words


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def with_conj(toks: Iterable[Token]) -> list[Token]:
    out = []
    for t in toks:
        out.append(t)
        stack = [c for c in t.children if c.dep_ == "conj"]
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out


# Verbs whose object, not subject, is the doer of their complement.
OBJECT_CONTROL = words("object_control")


# ... when the complement is their argument ('accused X of', 'warned X against'), not an adjunct
# ('After orchestrating the buildup, Russia demanded guarantees').
CONTROL_PREPS = words("control_prep")


def antecedent(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ('the rebels, who attacked
    ...' -> rebels; 'the man who was arrested' -> man); any other token is itself."""
    if tok.tag_ in ("WP", "WDT") or (tok.lower_ == "that" and tok.dep_ in ("nsubj", "nsubjpass")):
        clause = tok.head
        if clause.dep_ in ("relcl", "acl") and clause.head is not clause:
            return clause.head
    return tok


def subject_of(verb: Token) -> Optional[Token]:
    """The subject of a clause, inherited through xcomp/conj/advcl/acomp chains
    ('Scholz plans to travel' -> Scholz for 'travel'); the passive subject of a raising or control verb does its complement
    ('X is expected to attend', 'X was urged to stop')."""
    tok = verb
    for _ in range(6):
        subj = children(tok, "nsubj", "csubj")
        if subj:
            # (An active relative clause keeps its pronoun, which codes no actor: 'the
            # rebels, who attacked ...' is background the VOA gold does not code; measured on
            # dev, its events were all unmatched.)
            return subj[0]
        if tok.dep_ in ("xcomp", "conj", "acomp", "advcl", "pcomp") and tok.head is not tok:
            via, prep = tok.dep_, None
            tok = tok.head
            if tok.dep_ == "prep":  # 'After orchestrating ..., Russia' : prep -> main verb
                prep = tok.lower_
                tok = tok.head
            if via == "xcomp" or prep in CONTROL_PREPS:
                passive_subj = children(tok, "nsubjpass")
                if passive_subj:
                    return antecedent(passive_subj[0])
            if (via == "xcomp" or prep in CONTROL_PREPS) and tok.lemma_.lower() in OBJECT_CONTROL:
                # 'accused Russia of supplying', 'urged Iran to stop': the object does it.
                found = addressee_of(tok)
                if found is not None:
                    return found
            continue
        if tok.dep_ == "relcl" and tok.head is not tok:
            return tok.head
        return None
    return None


def addressee_of(verb: Token) -> Optional[Token]:
    """Whom an object-control verb is addressed to: its object ('urged Iran to stop'), else,
    with none, the object of its 'to' / 'on' phrase ('appealed to Japan to send aid', 'called
    on China to engage'); None for other verbs or without one."""
    if verb.lemma_.lower() not in OBJECT_CONTROL:
        return None
    objs = children(verb, "dobj") or [o for p, o in prep_objects(verb) if p in words("control_addressee_prep")]
    return objs[0] if objs else None


def prep_objects(tok: Token) -> list[tuple[str, Token]]:
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.pos_ == "ADP":
            for o in p.children:
                if o.dep_ == "pobj":
                    out.append((p.lower_, o))
    return out


def lemma(tok: Token) -> str:
    """The lemma the event lexicon knows a token by (lower case; headline and lemmatizer slips mended)."""
    # Headline case ('Sends', 'Warns') is tagged PROPN with the surface as lemma.
    lem = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and lem == tok.lower_ and lem.endswith("s"):
        return lem[:-1]
    if tok.pos_ in ("VERB", "AUX") and (lem, "VERB") not in lexicon.load_lexicon() and lem not in words("light_verb"):
        # The small model's lemmatizer slips on some forms ('staged' -> 'stag').
        low = tok.lower_
        for cand in (low[:-1], low[:-2], low[:-3] + "e", low[:-3]):
            if len(cand) > 2 and ((cand, "VERB") in lexicon.load_lexicon() or cand in words("light_verb")):
                return cand
    return lem
