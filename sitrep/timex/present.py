"""Generic "today" (TIMEX3 PRESENT_REF): when "today" means nowadays, not the day of the story.

"Today's Russia", "today's world" and "But today it faces competition" speak of the present
era; "today's vote", "fisticuffs at my gate today" and "the market could go up today" of a
day. The test is the grammar around the word: a possessive before a proper noun or an era
noun, or a stative verb in the present simple, with no modal or future, that "today"
modifies, and "today" not the subject ("Today is the last day"). The verbs and nouns are
data (``sitrep/data/timex_words.tsv``; "mean" is left out: "the decision today means ..."
speaks of the day's decision).
"""

from __future__ import annotations


from spacy.tokens import Span

from .words import timex_words as _words


def generic_today(span: Span) -> bool:
    """``span`` is the word "today" (or "Today"); True when it means the present era."""
    if len(span) != 1 or span[0].lower_ != "today":
        return False
    tok = span[0]
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("'s", "\u2019s"):
        noun = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        return noun is not None and (noun.pos_ == "PROPN" or noun.lower_ in _words("era_noun"))
    if tok.dep_ in ("nsubj", "nsubjpass", "attr"):
        return False  # "Today is the last day of the talks"
    verb = tok.head  # "today" must modify the verb itself ("the decision ... today means" does not)
    if verb.tag_ not in ("VBZ", "VBP") or verb.lemma_.lower() not in _words("stative"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
