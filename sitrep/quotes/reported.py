"""Attributions without quotation marks beyond speech verbs' clauses (issue 19).

The attribution literature (PARC, PolNeAR) counts as attributed every claim a source is
said to make, think or do with words: "accused X of Y", "called for Y", "wants to Y",
"believes Y", "a poll shows Y", "allegations that Y", "Trump: Y". Each
cue lemma has a class and the frames its content comes in (``cues.VERB_FRAMES``):

- ``clause``: a clause complement ("believes (that) Y", "a poll shows Y");
- ``xcomp``: an infinitive ("wants to Y", "declined to comment");
- ``obj``: the object and what follows it ("criticized X for Y", "called X a liar");
- ``p:for`` and the like: the object of a preposition ("called for Y", "referred to Y").

Nouns that carry a that-clause ("the claim that Y") are noun cues ("in the poll, Y" is
not attributed: on PolNeAR train it matched the annotation 8 times in 33); a short name before a colon opening a paragraph ("Rubio: Y") is a colon cue.
Everything reads the dependency parse; nothing here is a rule for one sentence.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from ..contract import doc_text
from ..cues import cue_lemma, CIRCUMSTANCE_PREPS, MEDIUM_NOUNS, SETTING_PREPS, REFERENCE_VERBS, QUOTING_VERBS, CLAUSE_VERBS, DENIAL_VERBS, ISSUER_VERBS, NOUN_CUES, OBJ_DEPS, POLL_NOUNS, VERB_FRAMES, VEHICLE_GERUNDS

# Entity types that make a prepositional phrase a setting (when, where) rather than content.
SETTING_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
_SKIP_RIGHT = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "relcl", "mark", "neg", "aux", "auxpass"})


def token_range(toks: list[Token], marks: Optional[tuple[str, ...]] = None) -> Optional[tuple[int, int]]:
    """The character range of ``toks`` without edge punctuation, spaces and conjunctions, and
    without a leading subordinator ('mark'): any one, or only those in ``marks``."""
    toks = drop_tail(sorted(toks, key=lambda t: t.i))
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "cc"
                    or (toks[0].dep_ == "mark" and (marks is None or toks[0].lower_ in marks))):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].dep_ == "cc" or (toks[-1].is_punct and toks[-1].text not in "”’»\"'")):
        toks = toks[:-1]
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


_range = token_range


def drop_tail(toks: list[Token]) -> list[Token]:
    """Content (tokens in order) without a non-restrictive relative clause that a comma or
    dash sets off at its end: 'said the bill passed in 2012, which critics called unfair'
    reports 'the bill passed in 2012'; the relative clause is the writer's (or another
    attribution's); so is an indefinite apposition set off there ('..., a swipe at X'), the
    writer's comment on the claim. Measured on PolNeAR train: other set-off tails (definite
    appositions, participles, 'with' phrases) belong to the content as often as not and stay."""
    if not toks:
        return toks
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words:
        return toks
    first, last = toks[0].i, words[-1].i
    ids = {t.i for t in toks}
    doc = toks[0].doc
    cuts = [c.left_edge.i - 1 for c in toks
            if (c.dep_ == "relcl" or _comment(c)) and c.head.i in ids and c.right_edge.i >= last
            and c.left_edge.i - 1 > first and (c.left_edge.i - 1) in ids
            and doc[c.left_edge.i - 1].text in (",", "—", "–", "--", ";")]
    if not cuts:
        return toks
    return [t for t in toks if t.i < min(cuts)]


def _comment(tok: Token) -> bool:
    """An indefinite noun phrase set off at the end of a report ('..., a swipe at X', '— a
    modest boost for Y'): the writer's comment on the claim, not part of it."""
    return tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.left_edge.lower_ in ("a", "an")


def frames(tok: Token) -> tuple[str, ...]:
    if tok.pos_ not in ("VERB", "AUX"):
        return ()
    return VERB_FRAMES.get(cue_lemma(tok), ())


def prep_of_frame(tok: Token) -> Optional[Token]:
    """The particle of a prepositional cue right after the verb ("called for", "referred to")."""
    for f in frames(tok):
        if f.startswith("p:"):
            want = f[2:]
            for c in tok.children:
                if c.dep_ in ("prep", "prt") and c.lower_ == want and c.i <= tok.i + 2:
                    return c
    return None


def content_ranges(tok: Token) -> list[tuple[int, int]]:
    """What the verb cue ``tok`` attributes, by its frames; [] when no frame applies."""
    fr = frames(tok)
    if not fr:
        return []
    kids = [c for c in tok.children if c.i > tok.i]
    if "clause" in fr:
        heads = [c for c in kids if c.dep_ == "ccomp"]
        if heads:
            r = _range([t for h in heads for t in h.subtree])
            return [r] if r else []
    for f in fr:
        if f.startswith("p:"):
            p = prep_of_frame(tok)
            if p is not None:
                toks = [t for c in p.children if c.dep_ in ("pobj", "pcomp") for t in core(c)]
                if cue_lemma(tok) in REFERENCE_VERBS and _bare_name(toks):
                    return []            # 'referring to President X': a reference, not a claim
                # "called on X to Y": the request is X and Y.
                toks += [t for c in kids if c.i > p.i and c.dep_ in ("xcomp", "ccomp") for t in c.subtree]
                r = _range(toks)
                if r:
                    return [r]
    if "xcomp" in fr:
        x = [c for c in kids if c.dep_ == "xcomp"]
        if x:
            r = _range([t for t in x[0].subtree])
            return [r] if r else []
    if "obj" in fr or "obj_as" in fr:
        objs = [c for c in kids if c.dep_ in OBJ_DEPS]
        if cue_lemma(tok) in QUOTING_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in objs):
            return []                    # 'cited the ministry as saying Y': the ministry's claim, not the citer's
        if "obj" not in fr and not any(c.dep_ == "prep" and c.lower_ == "as" for c in objs):
            return []                    # 'saw the results': perception; 'sees X as Y' a view
        if _names_with_marks(objs):
            return []                    # 'call the river “the old lady”': a name, not a claim
        if objs and any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "oprd") for c in objs):
            if _bare_object(tok, objs):
                return []                # 'rejected the offer': an act on a thing, not a claim
            first = min(c.i for c in objs if c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "oprd"))
            objs = [c for c in objs if not _circumstance(c, first)]
            r = _range([t for c in objs for t in (core(c) if c.pos_ in ("NOUN", "PROPN") else c.subtree)])
            return [r] if r else []
    return []


def _circumstance(c: Token, first_object: int) -> bool:
    """A phrase on the cue verb after its object that says when, where or on what occasion
    ('criticized X in a speech on Monday', 'attacked X from the Senate floor'): not content."""
    if c.i < first_object:
        return False
    if c.dep_ == "npadvmod":
        return True
    if c.dep_ != "prep" or c.lower_ not in CIRCUMSTANCE_PREPS:
        return False
    if c.lower_ not in SETTING_PREPS:
        return True
    # 'in', 'on', 'from' set the scene only when they head a setting: 'in a speech', 'on
    # Monday', 'from Iowa'; 'listed the qualities necessary in a nominee' and 'announced a
    # concert in support of X' say what was claimed.
    objs = [g for g in c.children if g.dep_ == "pobj"]
    return any(g.ent_type_ in SETTING_ENTS or cue_lemma(g) in MEDIUM_NOUNS for g in objs)


def core(head: Token) -> list[Token]:
    """The subtree of a noun phrase without what a comma sets off after it: an apposition,
    a non-restrictive relative clause or participle ('Ben Carson, a neurosurgeon who ...',
    'Gruenberg, who was nominated ...'). Other heads: the whole subtree."""
    doc = head.doc
    cut = []
    if head.pos_ in ("NOUN", "PROPN"):
        for c in head.rights:
            if c.dep_ in ("appos", "relcl", "acl") and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text in (",", "—", "–", "(") \
                    or c.dep_ == "punct" and c.text in (",", "—", "–") and c.i > head.i and c.i == head.right_edge.i:
                cut.append(c)
    if not cut:
        return list(head.subtree)
    stop = min(c.left_edge.i for c in cut)
    return [t for t in head.subtree if t.i < stop]


def _bare_object(verb: Token, objs: list[Token]) -> bool:
    """A refusal's lone object that is a plain noun phrase ('rejected the offer'): no clause,
    no quotation, no complement saying what about it, no claim ('rejected the accusation').
    Denials that take a clause deny a fact ('denied any buildup') and keep their object."""
    lemma = verb.lemma_.lower()
    if lemma not in DENIAL_VERBS or lemma in CLAUSE_VERBS or len(objs) != 1 or objs[0].dep_ != "dobj" \
            or objs[0].lemma_.lower() in NOUN_CUES:
        return False
    sub = list(objs[0].subtree)
    return not any(t.pos_ in ("VERB", "AUX") or t.text in "“\"‘" for t in sub)


def _bare_name(toks: list[Token]) -> bool:
    """A name with its title and nothing else ('Russian President Vladimir Putin'): every
    word capitalised, no verb."""
    words = [t for t in toks if t.is_alpha]
    return bool(words) and all(t.text[0].isupper() and t.pos_ not in ("VERB", "AUX") for t in words)


def is_evaluation(head: Token) -> bool:
    """A complement that characterises rather than names: an adjective ('called it
    “shameful”') or an indefinite noun phrase ('called the merger “a terrible deal”',
    'called him a “sociopath”'). 'Dubbed him “Mr. P”' and 'the “Golden Week”' name."""
    if head.pos_ == "ADJ":
        return True
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
        return True
    first = head.left_edge
    prev = head.doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.text in "“\"‘'" and prev.i > 0:
        prev = head.doc[prev.i - 1]
    return prev is not None and prev.lower_ in ("a", "an")


def _names_with_marks(objs: list[Token]) -> bool:
    """An object complement in quotation marks that is a short noun phrase: a label."""
    for c in objs:
        if is_evaluation(c):
            continue
        if c.dep_ in ("oprd", "dobj") and c.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "dobj" and o.dep_ == "oprd" or c.dep_ == "oprd" for o in objs):
            sub = list(c.subtree)
            words = [t for t in sub if t.is_alpha]
            if len(words) <= 4 and sub[0].i > 0 and sub[0].doc[sub[0].i - 1].text in "“\"‘'" or (
                    sub and sub[0].text in "“\"‘'" and len(words) <= 4):
                return True
    return False


def noun_cue_source(noun: Token) -> Optional[Token]:
    """Who makes the claim a cue noun names: "Trump's claim", "the claim by Trump",
    "Trump made the claim", "a statement from the Kremlin"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    head = noun.head
    return issuer(noun)


def issuer(noun: Token) -> Optional[Token]:
    """The subject of the verb that issues ``noun`` ("Trump made the claim", "the office
    issued a statement"); None for other verbs ("denied the claims": whose is not said)."""
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in ISSUER_VERBS:
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
    return None


def noun_content(noun: Token) -> Optional[tuple[int, int]]:
    """The that-clause a cue noun carries ("the allegation that Y" -> Y)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUES:
        return None
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp", "appos", "relcl") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return _range(list(c.subtree))
        if c.i > noun.i and c.dep_ == "acl" and c.tag_ == "VBG" and c.lemma_.lower() in VEHICLE_GERUNDS:
            # "issued a statement saying Y": the statement's content is Y.
            cc = [g for g in c.children if g.dep_ == "ccomp"]
            if cc:
                return _range(list(cc[0].subtree))
    return None


def colon_headings(doc) -> list[tuple[Token, Token, tuple[int, int]]]:
    """Paragraphs opening with a short name and a colon ("Rubio: I Still Believe ...",
    "Poll: 3 Senate races are tight"): (colon token, speaker head, content range). The
    name is at most four words with a proper noun or a poll noun and no verb."""
    out = []
    text = doc_text(doc)
    for m in _COLON_LINE.finditer(text):
        name = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        colon = doc.char_span(m.end(1), m.end(1) + 1, alignment_mode="expand")
        if name is None or colon is None or not len(colon) or colon[0].text != ":":
            continue
        toks = [t for t in name if not t.is_space]
        if not 1 <= len(toks) <= 4 or any(t.pos_ in ("VERB", "AUX") for t in toks):
            continue
        if not (any(t.pos_ == "PROPN" for t in toks) or toks[-1].lemma_.lower() in POLL_NOUNS):
            continue
        start, end = m.start(2), m.end(2)
        while end > start and text[end - 1] in " \t.":
            end -= 1
        if len(_WORDS.findall(text[start:end])) < 3:
            continue
        head = next((t for t in reversed(toks) if t.pos_ in ("PROPN", "NOUN")), toks[-1])
        if head.lemma_.lower() not in POLL_NOUNS and any(t.dep_ in ("det", "poss", "case") for t in toks):
            continue                     # "Editor's Note: ...", "The Ninth Circle: ...": a label, not a name
        out.append((colon[0], head, (start, end)))
    return out


_COLON_LINE = re.compile(r"(?m)^([^\n:]{1,40}):[ \t]+(\S[^\n]*)$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
