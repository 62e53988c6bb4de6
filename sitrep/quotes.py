"""Quotes and speakers (issue 4)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import guarded


@Language.factory("sitrep_quotes")
def make_quotes(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        doc._.sitrep_quotes = []

    return lambda doc: guarded(name, run, doc)
