"""Quotes and speakers (issues 4, 19): one record per attribution (source, cue, content in
parts), direct, partial, indirect and mixed, each tied to an entity, with the cue's class.

Public API:
- component ``sitrep_quotes`` (after ``sitrep_entities``) -> ``doc._.sitrep.quotes``
- ``find_quotes(doc)`` -> list[Quote] on any parsed Doc
- ``find_marked(text)`` -> quotation-mark pairing on raw text (no spaCy needed)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..contract import guarded, spacy_meta
from .extract import find_quotes
from .display import is_verbatim, shown_text
from .marks import Marked, find_marked

__all__ = ["find_quotes", "find_marked", "Marked", "make_quotes", "is_verbatim", "shown_text"]


@Language.factory("sitrep_quotes", **spacy_meta("sitrep_quotes"))
def make_quotes(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        doc._.sitrep.quotes = []   # set first: a failure still leaves a list, not None
        doc._.sitrep.quotes = find_quotes(doc)

    return lambda doc: guarded(name, run, doc)
