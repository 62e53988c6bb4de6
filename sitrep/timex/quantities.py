"""Numbers with what they count: "about 3,000 troops", "$2 billion", "two brigades".

A quantity is a run of number tokens (digits or words) plus the noun it counts, read from
the dependency parse: the number's head when it is a ``nummod`` ("3,000 troops"), or the
object of "of" ("thousands of troops"). Money takes its currency from the symbol or the
currency noun. Numbers with nothing counted ("Article 5", years, clock times) are not
quantities. The span runs from the approximation cue ("more than") to the counted noun.

Vague plurals ("dozens", "hundreds", "thousands of troops") are kept as a lower bound:
twice the magnitude with ``approximation="at_least"`` (thousands -> 2000, at_least), so a
sum over the record never overstates what the text says.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Token

from ..contract import doc_text
from ..lookups import Intervals
from ..record import Quantity
from ..wordlists import table
from .numbers import SCALES, is_number_word, parse_number
from .words import timex_values, timex_words

CURRENCY_SYMBOLS = timex_values("currency_symbol")  # "$" -> USD (sitrep/data/timex_values.tsv)
CURRENCY_NOUNS = timex_values("currency_noun")  # "rubles" -> RUB
PERCENT = set(timex_words("percent"))  # sitrep/data/timex_words.tsv
VAGUE = timex_values("vague")  # "thousands" -> 2000 (ints and floats kept as the table types them)

# Cue -> approximation, longest first when matched (sitrep/data/timex_words.tsv, sets quantity_<kind>).
def _cues() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in table("timex_words.tsv"):
        if row["set"].startswith("quantity_"):
            out.setdefault(row["set"][len("quantity_"):], []).append(row["word"])
    return out


CUES = _cues()
_CUE_LIST = sorted(((tuple(c.split()), kind) for kind, cs in CUES.items() for c in cs), key=lambda x: -len(x[0]))


_SCALED = re.compile(r"^\d+(?:\.\d+)?(?:k|m|mn|bn|b|tn)$")


def _is_num(tok: Token) -> bool:
    low = tok.lower_
    if _SCALED.match(low) or low == "dozen":
        return True  # "1.2bn", "5bn", "a dozen"
    if low in timex_words("scale_suffix") and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        return prev.like_num and not prev.whitespace_  # "350m" split as "350" + "m"
    if tok.like_num and not tok.is_punct:
        return tok.lower_ not in ("one",) or tok.dep_ in ("nummod",)
    return tok.lower_ in SCALES and tok.lower_ not in timex_words("scale_letter") or (is_number_word(tok.lower_) and tok.pos_ == "NUM")


def _cue(low: list[str], i: int) -> tuple[Optional[str], int]:
    """The approximation cue ending just before token i (``low``: the doc's lower-cased
    tokens), and the index it starts at."""
    for words, kind in _CUE_LIST:
        n = len(words)
        if i - n >= 0 and tuple(low[i - n:i]) == words:
            return kind, i - n
    return None, i


def _unit(doc: Doc, first: int, last: int) -> tuple[Optional[str], Optional[int]]:
    """What a number run counts: (unit, index of the counted token) or (None, None)."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ in PERCENT or (nxt.lower_ == "per" and last + 2 < len(doc) and doc[last + 2].lower_ == "cent")):
        return "percent", last + (2 if nxt.lower_ == "per" else 1)
    # The head of the number run, when it is a noun after the number ("3,000 troops").
    top = doc[last]
    while first <= top.head.i <= last and top.head.i != top.i:
        top = top.head
    head = top.head
    if head.i < first and head.pos_ == "PROPN":
        return None, None  # an identifier, not a count: "Article 5", "Flight 17"
    if (top.dep_ in ("nummod", "quantmod", "compound", "nmod", "amod", "det") and head.i > last
            and head.pos_ in ("NOUN", "PROPN") and (head.pos_ == "NOUN" or head.text[:1].islower())):
        return _unit_word(head), head.i
    # "thousands of troops", "two of the brigades" is partitive, not a count of brigades.
    if nxt is not None and nxt.lower_ == "of":
        for c in nxt.children:
            if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN"):
                if any(d.dep_ in ("det", "poss") for d in c.children):
                    return None, None
                return _unit_word(c), c.i
    return None, None


def _is_label(doc: Doc, i: int, j: int) -> bool:
    """Numbers that name rather than count: "Boeing 737", "STOXX 600", "1-1/2", "787-9"."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j + 1] if j + 1 < len(doc) else None
    if prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_start and prev.text not in CURRENCY_SYMBOLS \
            and prev.text[:1].isupper() and prev.ent_type_ not in ("NORP", "GPE"):
        return True
    if prev is not None and prev.text in ("/", "-") and i > 1 and doc[i - 2].like_num:
        return True  # the second half of "1-1/2" or "787-9"
    if nxt is not None and nxt.text == "/" and j + 2 < len(doc) and doc[j + 2].like_num:
        return True
    return False


def _unit_word(tok: Token) -> str:
    low = tok.lower_
    return CURRENCY_NOUNS.get(low, low)


def find_quantities(doc: Doc, skip: list[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities in ``doc``; character ranges in ``skip`` (time expressions) are ignored."""
    out: list[Quantity] = []
    i = 0
    n = len(doc)
    text = doc_text(doc)  # shared with the other stages: Doc.text re-joins every token
    low = [t.lower_ for t in doc]

    skip_at = Intervals(skip)

    def skipped(tok: Token) -> bool:
        return skip_at.contains(tok.idx)

    while i < n:
        tok = doc[i]
        # Vague plurals: "thousands of troops", "tens of thousands of people".
        if tok.lower_ in VAGUE and i + 2 < n and doc[i + 1].lower_ == "of" and not skipped(tok):
            value = VAGUE[tok.lower_]
            j = i + 1
            if doc[j + 1].lower_ in VAGUE and j + 2 < n and doc[j + 2].lower_ == "of":
                value = value * VAGUE[doc[j + 1].lower_] / 2
                j += 2
            unit, ui = _unit(doc, j - 1, j - 1)
            if unit is not None and ui is not None:
                kind, cs = _cue(low, i)
                start = doc[cs].idx
                out.append(Quantity(start=start, end=doc[ui].idx + len(doc[ui]), text=text[start:doc[ui].idx + len(doc[ui])],
                                    value=float(value), unit=unit, approximation="at_least" if kind is None else kind))
                i = ui + 1
                continue
        if not _is_num(tok) or skipped(tok):
            i += 1
            continue
        j = i
        while j + 1 < n and _is_num(doc[j + 1]) and not skipped(doc[j + 1]):
            j += 1
        if _is_label(doc, i, j):
            i = j + 1
            continue
        if doc[i].lower_ == "dozen" and i > 0 and doc[i - 1].lower_ in ("a", "an"):
            i -= 1  # "a dozen soldiers"
        value = parse_number("".join(t.text_with_ws for t in doc[i:j + 1]))
        first = i
        currency = None
        if i > 0 and doc[i - 1].text.lower() in CURRENCY_SYMBOLS:
            currency = CURRENCY_SYMBOLS[doc[i - 1].text.lower()]
            first = i - 1
            if i > 1 and doc[i - 2].text in ("US", "U.S.") and doc[i - 1].text == "$":
                first = i - 2
        if value is None:
            i = j + 1
            continue
        # A range ("$40-50 billion", "10 to 15 people"): keep the lower bound, as at_least.
        ranged = False
        if (j + 2 < n and doc[j + 1].text in ("-", "\u2013", "to") and _is_num(doc[j + 2])
                and value is not None):
            k = j + 2
            while k + 1 < n and _is_num(doc[k + 1]):
                k += 1
            upper = [t.lower_ for t in doc[j + 2:k + 1]]
            top = parse_number(" ".join(upper))
            scale = SCALES.get(upper[-1]) if len(upper) > 1 else None
            bottom = value * scale if scale and not any(t.lower_ in SCALES for t in doc[i:j + 1]) else value
            if top is not None and top > bottom and not (k + 1 < n and doc[k + 1].text == "/"):
                value, j, ranged = bottom, k, True
            else:  # "787-9", "1-1/2": a model number or a fraction, not a count
                i = k + 1
                continue
        unit, ui = _unit(doc, i, j)
        if currency is not None:
            # "$2 billion" ends at the number; "$2 billion dollars" takes the noun too.
            end_i = j if ui is None or doc[ui].lower_ not in CURRENCY_NOUNS else ui
            unit = currency
            ui = end_i
        if unit is None or ui is None:
            i = j + 1
            continue
        kind, cs = _cue(low, first)
        if ranged and kind is None:
            kind = "at_least"
        start = doc[cs].idx
        end = doc[max(ui, j)].idx + len(doc[max(ui, j)])
        out.append(Quantity(start=start, end=end, text=text[start:end], value=float(value), unit=unit, approximation=kind))
        i = j + 1
    return out
