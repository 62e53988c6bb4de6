"""Time expressions and quantities (issue 6)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import guarded


@Language.factory("sitrep_timex")
def make_timex(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        doc._.sitrep_times = []
        doc._.sitrep_quantities = []

    return lambda doc: guarded(name, run, doc)
