"""Marked stretches that are not anybody's words: titles, names, labels, scare quotes.

Quotation marks also set off the title of a show or book (“Meet the Press”), a nickname or
label someone is given ('dubbed him “Mr. P”', 'referred to her as “the devil”'), and
Title-Case headings. None of them is a claim by a source, so none becomes a quote record;
the words around them still can ('Smith said on “Meet the Press” that ...' is Smith's
claim, with the show as its medium).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..cues import AS_VERBS, NAMING_VERBS
from .reported import is_evaluation

# Verbs that characterise ('described it as ...'): a label only when they give a noun phrase.
DESCRIBING_VERBS = AS_VERBS
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MINOR = frozenset("a an the and or of in on at to for with by from as vs nor but".split())


def is_title_case(text: str) -> bool:
    """'Meet the Press', 'Saturday Night Live', 'The Art of the Deal': every word but the
    short function words capitalised, at most eight words, no sentence punctuation."""
    words = _WORD.findall(text)
    if not words or len(words) > 8 or text.rstrip()[-1:] in ".!?,;:":
        return False
    if len(words) == 1:
        return False                     # one capitalised word is as often speech ("Never")
    return all(w[0].isupper() or w.lower() in _MINOR for w in words) and words[0][0].isupper()


def _naming_head(tok: Token) -> bool:
    """The stretch hangs on a naming verb ('dubbed him “Mr. P”', 'referred to her as “X”').
    What a describing verb gives that is no noun phrase ('described it as “dead on
    arrival”') is an evaluation in the source's words, not a name."""
    t, steps = tok, 0
    while t.head.i != t.i and steps < 4:
        t, steps = t.head, steps + 1
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_.lower() in DESCRIBING_VERBS and tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
                return False
            if t.lemma_.lower() == "call" and is_evaluation(tok):
                return False             # 'called the merger “a terrible deal”': an evaluation
            return t.lemma_.lower() in NAMING_VERBS or (
                t.lemma_.lower() == "call" and any(c.dep_ in ("dobj", "oprd") for c in t.children)
                and not any(c.dep_ in ("ccomp", "prep") and c.lower_ in ("for", "on") for c in t.children))
    return False


def not_a_quote(doc: Doc, start: int, end: int, text: str) -> bool:
    """Whether the marked stretch doc text[start:end] is a title, name or label."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words:
        return True
    inside = {t.i for t in span}
    roots = [t for t in words if t.head.i not in inside]
    if is_title_case(text[start:end]) and not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in words):
        return True
    if len(words) <= 5 and roots and _naming_head(roots[0]):
        return True
    return False
