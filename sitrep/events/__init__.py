"""Events (issue 5): who did what to whom, PLOVER + CAMEO, modality, date, place, numbers."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import guarded


@Language.factory("sitrep_events")
def make_events(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        doc._.sitrep_events = []

    return lambda doc: guarded(name, run, doc)
