"""Doc extension attributes the sitrep components read and write.

Each stage writes plain record objects (``sitrep.record`` models) on the Doc, so a user
who adds one sitrep component to their own pipeline gets the same objects the full
``sitrep.extract`` returns. Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc

_ATTRS = {
    "published": None,      # reference date "YYYY-MM-DD" (or None): set before the pipeline runs
    "title": None,          # the article's headline, if any (events read it too)
    "title_doc": None,      # the headline as its own Doc (pipeline-internal)
    "sitrep_times": None,      # list[TimeExpr]
    "sitrep_quantities": None,  # list[Quantity]
    "sitrep_entities": None,    # list[Entity]
    "sitrep_mentions": None,    # list[(start_char, end_char, entity_id)] sorted by start
    "sitrep_quotes": None,      # list[Quote]
    "sitrep_events": None,      # list[Event]
    "sitrep_errors": None,      # list[str]: per-stage problems that did not stop the record
}


def register() -> None:
    for name, default in _ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def add_error(doc: Doc, stage: str, exc: BaseException) -> None:
    """Record a stage failure on the doc instead of losing the whole article."""
    if doc._.sitrep_errors is None:
        doc._.sitrep_errors = []
    doc._.sitrep_errors.append(f"E101: stage {stage} failed: {type(exc).__name__}: {exc}")


register()


TEXT_KEY = "sitrep_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc and shared by every sitrep stage: Doc.text re-joins
    every token on each access, and five stages each read it. Kept in ``doc.user_data``;
    the cached copy is checked against the last token's end so a stale one is never used."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is not None and len(doc) and len(cached) == doc[-1].idx + len(doc[-1].text_with_ws):
        return cached
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text


def guarded(stage: str, fn, doc: Doc) -> Doc:
    """Run one stage on a doc; a failure becomes an entry in ``doc._.sitrep_errors``.

    One bad sentence must not cost the user the whole article (and the rest of a batch):
    the record still carries what the other stages found, plus the reason this one failed.
    """
    try:
        fn(doc)
    except Exception as exc:  # noqa: BLE001 - recorded on the doc, never silent
        add_error(doc, stage, exc)
    return doc
