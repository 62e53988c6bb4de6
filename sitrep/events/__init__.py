"""Events (issue 5): who did what to whom, PLOVER + CAMEO, modality, date, place, numbers.

The component ``sitrep_events`` reads the entities, times, quantities and quotes the
earlier stages put on the Doc and writes ``doc._.sitrep.events``; when the doc carries its
headline's Doc (``title_doc``, already run through every stage) it also writes the
headline's events, mapped onto the body's entities, to ``doc._.sitrep.title_events``.

Library use::

    from sitrep.events import extract_events   # Doc (parsed by the sitrep pipeline) -> list[Event]
    from sitrep.events import headline_events  # the headline's own Doc -> events on record.title
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..contract import doc_text, guarded, spacy_meta
from ..record import article_id
from .extract import extract_events
from .headline import headline_events

__all__ = ["extract_events", "headline_events", "make_events"]


@Language.factory("sitrep_events", **spacy_meta("sitrep_events"))
def make_events(nlp: Language, name: str):
    def run(doc: Doc) -> None:
        ann = doc._.sitrep
        ann.events = []
        # The headline's events first: a failure in the body's events keeps them.
        ann.title_events = [] if ann.title_doc is None else headline_events(
            ann.title_doc, ann.entities or [], article_id(doc_text(doc)))
        ann.events = extract_events(doc)

    return lambda doc: guarded(name, run, doc)
