"""Entity spans from the rest of the story, part of ``sitrep_ner_fixes`` (issue 15).

* a name after a settlement noun is a place: "the Somali city of Beledweyne", "the central
  town of Aungban" (GPE, whatever the model called it);
* "the Trump administration": the name before an office noun is the person (PERSON);
* one name, one reading per story: a name the model tagged somewhere is a mention wherever
  else the same words stand untagged ("Creemers said" after "Rogier Creemers, assistant
  professor"), with the label most of its tagged mentions carry.

The settlement and office nouns are data (``place_noun``, ``office_noun`` in
``sitrep/data/entity_words.tsv``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span

from ..contract import doc_text
from .context import replace_overlapping, words
from .gazetteer import leader_for_surname
from .titles import is_title_word

# Labels a repeated name carries over (dates, numbers and quantities are not names).
# LOC is left out: the small model's LOC is often a guess for an unknown capitalised phrase.
CARRIED_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}


@lru_cache(maxsize=None)
def _of_place() -> re.Pattern:
    nouns = "|".join(sorted((re.escape(w) for w in words("place_noun")), key=len, reverse=True))
    return re.compile(rf"\b(?:{nouns}) of (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{0,2}})")


_NEXT_NAME = re.compile(r"(?:,\s+|,?\s+and\s+)(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})")


def settlements(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "the town of X": X is a GPE (replacing whatever spans overlap it); "the towns of X
    and Y", "the villages of X, Y and Z": each name of the list."""
    text = doc_text(doc)
    added = []
    for m in _of_place().finditer(text):
        spans = [(m.start("name"), m.end("name"))]
        pos = m.end()
        while (n := _NEXT_NAME.match(text, pos)) is not None and len(spans) < 8:
            spans.append((n.start("name"), n.end("name")))
            pos = n.end()
        for s, e in spans:
            span = doc.char_span(s, e, label="GPE")
            if span is not None:
                added.append(span)
    return replace_overlapping(ents, added)


def office_holders(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "the Trump administration", "the Erdogan government": the name before an office noun
    is the person (OntoNotes), when the story names that person or the name is a listed
    office holder's surname."""
    people = {e[-1].text for e in ents if e.label_ == "PERSON"}
    out = []
    for e in ents:
        nxt = doc[e.end] if e.end < len(doc) else None
        if (e.label_ in ("ORG", "GPE", "NORP") and len(e) == 1 and nxt is not None
                and nxt.lower_ in words("office_noun") and (e.text in people or leader_for_surname(e.text))):
            e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    return out


def repeats(doc: Doc, ents: list[Span]) -> list[Span]:
    """Untagged repeats of a tagged name become mentions with its majority label."""
    labels: dict[tuple, Counter] = defaultdict(Counter)
    for e in ents:
        if e.label_ not in CARRIED_LABELS or not e[0].text[:1].isupper() or not any(t.is_alpha and len(t) > 2 for t in e):
            continue
        if len(e) == 1 and _opens_sentence(e[0]):
            continue  # a capital the sentence start explains is no evidence of a name ("Meth is ...")
        labels[tuple(t.text for t in e)][e.label_] += 1
    if not labels:
        return ents
    covered = {i for e in ents for i in range(e.start, e.end)}
    by_first: dict[str, list[tuple]] = defaultdict(list)
    for key in labels:
        by_first[key[0]].append(key)
    added = []
    lowercase: Optional[set[str]] = None  # the doc's lowercase words, read once when needed
    for tok in doc:
        if tok.i in covered or tok.text not in by_first:
            continue
        for key in sorted(by_first[tok.text], key=len, reverse=True):
            end = tok.i + len(key)
            if end > len(doc) or tuple(t.text for t in doc[tok.i:end]) != key or any(i in covered for i in range(tok.i, end)):
                continue
            if len(key) == 1 and _opens_sentence(tok):
                if lowercase is None:
                    lowercase = _lowercase_words(doc)
                if tok.lower_ in lowercase:
                    continue  # "Schools should ...": a sentence-initial common word
            if _name_word(doc, end) or (not tok.is_sent_start and _name_word(doc, tok.i - 1)):
                continue  # "Quad Summit": part of a longer name the model did not tag
            added.append(Span(doc, tok.i, end, label=labels[key].most_common(1)[0][0]))
            covered.update(range(tok.i, end))
            break
    return ents + added


def _opens_sentence(tok) -> bool:  # noqa: ANN001
    """First word of a sentence or line, opening quotes and dashes before it allowed."""
    i = tok.i
    while True:
        if tok.doc[i].is_sent_start or i == 0:
            return True
        prev = tok.doc[i - 1]
        if prev.is_space or "\n" in prev.text_with_ws:
            return True
        if not (prev.is_punct and prev.text not in (",", ";", ":")):
            return False
        i -= 1


def _name_word(doc: Doc, i: int) -> bool:
    t = doc[i] if 0 <= i < len(doc) else None
    return t is not None and t.is_title and t.is_alpha and not t.is_stop and not is_title_word(t.text)


def _lowercase_words(doc: Doc) -> set[str]:
    return {t.text for t in doc if t.is_lower}
