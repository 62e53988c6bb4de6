"""The stage contract: what each sitrep stage reads from and adds to a spaCy ``Doc``.

Every stage writes into one typed object, :class:`Annotations`, reachable as ``doc._.sitrep``
(see :func:`annotations`). :data:`STAGES` is the pipeline, in order, defined once: the NLP
loader adds the components in this order, each factory declares its ``requires`` /
``assigns`` from here, and the architecture page is checked against it by a test.

A user who adds one sitrep component to their own pipeline gets the same record objects
(``sitrep.record`` models) that ``sitrep.extract`` returns; offsets are character offsets
into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Doc

if TYPE_CHECKING:  # the record models are plain data; imported for the annotations only
    from .record import Entity, Event, PlaceMention, Quantity, Quote, TimeExpr

__all__ = ["Annotations", "Stage", "STAGES", "PIPELINE", "MODEL_PIPES", "PARSE_PIPE", "LOADED_PIPES", "annotations", "doc_text", "stage",
           "spacy_meta", "guarded", "add_error"]

KEY = "sitrep"


@dataclass
class Annotations:
    """Everything sitrep adds to a Doc. Inputs are set before the pipeline runs; each other
    field belongs to the stage that :data:`STAGES` says assigns it."""

    # -- inputs (set by the caller before the stages run)
    published: Optional[str] = None
    """Reference date ``YYYY-MM-DD`` (or None): anchors relative times, picks office holders."""
    title: Optional[str] = None
    """The article's headline, if any."""
    title_doc: Optional[Doc] = None
    """The headline as its own Doc, run through every stage before the body is (the
    ``Pipeline`` runs headlines first): its events, with the places its own ``sitrep_places``
    gave them, are an input to the body's ``sitrep_events``."""
    text: Optional[str] = None
    """``doc.text``, read once and shared by every stage (see :func:`doc_text`)."""
    # -- stage outputs
    context_types: dict[tuple[int, int], str] = field(default_factory=dict)
    """(start_char, end_char) -> label of entity spans typed from their context by
    ``sitrep_ner_fixes`` (a club or company named after a place is ORG, a one-word faith NORP):
    the resolver keeps these labels rather than the gazetteer's place type."""
    times: list["TimeExpr"] = field(default_factory=list)
    quantities: list["Quantity"] = field(default_factory=list)
    entities: list["Entity"] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    """(start_char, end_char, entity_id) for every entity mention, sorted by start."""
    genders: dict[str, str] = field(default_factory=dict)
    """Entity id -> 'm' / 'f' for people whose gender the text shows (pronoun resolution)."""
    quotes: list["Quote"] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    title_events: list["Event"] = field(default_factory=list)
    """The headline's events (spans ``field="title"``), their actors mapped onto this doc's
    entities; their places are the headline's own (``sitrep_places`` leaves them alone)."""
    place_mentions: list["PlaceMention"] = field(default_factory=list)
    """Places named by phrases that are no entity ('the Ukrainian border'), with their geo."""
    errors: list[str] = field(default_factory=list)
    """Per-stage problems that did not stop the record (``E101: stage ... failed: ...``)."""
    ran: list[str] = field(default_factory=list)
    """The stages that completed on this doc, in order."""


def annotations(doc: Doc) -> Annotations:
    """The doc's :class:`Annotations`, created empty on first use (also ``doc._.sitrep``)."""
    ann = doc.user_data.get(KEY)
    if ann is None:
        ann = Annotations()
        doc.user_data[KEY] = ann
    return ann


if not Doc.has_extension(KEY):
    Doc.set_extension(KEY, getter=annotations)


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per doc and shared by every stage: Doc.text re-joins every
    token on each access, and five stages read it. The cached copy is checked against the
    last token's end, so a stale one is never used."""
    ann = annotations(doc)
    cached = ann.text
    if cached is not None and len(doc) and len(cached) == doc[-1].idx + len(doc[-1].text_with_ws):
        return cached
    ann.text = doc.text
    return ann.text


@dataclass(frozen=True)
class Stage:
    """One stage of the pipeline. ``requires`` / ``assigns`` name :class:`Annotations`
    fields; ``spacy_requires`` the parse attributes it reads (spaCy's own notation)."""

    name: str
    package: str
    summary: str
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    spacy_requires: tuple[str, ...] = ()
    spacy_assigns: tuple[str, ...] = ()


# The spaCy model's own components, which every sitrep stage reads.
MODEL_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# sitrep's one component inside the model's run, right before the parser: a blank line
# starts a sentence (sitrep.anatomy.paragraphs). It adds nothing to doc._.sitrep.
PARSE_PIPE = "sitrep_paragraphs"
LOADED_PIPES = MODEL_PIPES[:MODEL_PIPES.index("parser")] + (PARSE_PIPE,) + MODEL_PIPES[MODEL_PIPES.index("parser"):]

# Order matters: entities need the NER fixes; quotes need entities (speakers); events need
# everything before them (actors, dates, quantities, reported speech); places refines the
# entities (geo) and the events (place) that exist by then.
STAGES: tuple[Stage, ...] = (
    Stage("sitrep_ner_fixes", "sitrep.entities",
          "repairs spaCy's entity spans and types (cut names, demonyms, media, IGOs, clubs named after places)",
          requires=("text",), assigns=("context_types",),
          spacy_requires=("doc.ents", "token.pos"), spacy_assigns=("doc.ents",)),
    Stage("sitrep_timex", "sitrep.timex",
          "time expressions as TIMEX3 values against the publication date; counted quantities",
          requires=("published", "text"), assigns=("times", "quantities"),
          spacy_requires=("doc.ents", "token.dep")),
    Stage("sitrep_entities", "sitrep.entities",
          "one entity per person, organisation and place, with mentions, title, country, actor code",
          requires=("published", "text", "context_types"), assigns=("entities", "mentions", "genders"),
          spacy_requires=("doc.ents", "token.dep")),
    Stage("sitrep_quotes", "sitrep.quotes",
          "direct, partial, indirect and mixed quotes with speaker, cue, addressee and medium",
          requires=("entities", "mentions", "text"), assigns=("quotes",),
          spacy_requires=("token.dep", "token.lemma")),
    Stage("sitrep_events", "sitrep.events",
          "who did what to whom: PLOVER/CAMEO events with actors, modality, date, place, quantity; the headline's events (from `title_doc`) with their actors mapped onto the body's entities",
          requires=("entities", "mentions", "times", "quantities", "quotes", "published", "text", "title_doc"),
          assigns=("events", "title_events"),
          spacy_requires=("token.dep", "token.lemma", "token.pos")),
    Stage("sitrep_places", "sitrep.places",
          "geocodes place entities and place phrases ('the Ukrainian border') to GeoNames features and gives each event the place where it happened",
          requires=("entities", "mentions", "events", "text"), assigns=("entities", "events", "place_mentions"),
          spacy_requires=("token.dep",)),
)
PIPELINE: tuple[str, ...] = tuple(s.name for s in STAGES)


def stage(name: str) -> Stage:
    for s in STAGES:
        if s.name == name:
            return s
    raise KeyError(f"no sitrep stage named {name!r}; stages: {', '.join(PIPELINE)}")


def spacy_meta(name: str) -> dict[str, list[str]]:
    """``requires`` / ``assigns`` for the stage's ``@Language.factory`` (spaCy notation: every
    sitrep output lives on ``doc._.sitrep``; the field-level view is :data:`STAGES`)."""
    s = stage(name)
    return {
        "requires": list(s.spacy_requires),
        "assigns": list(s.spacy_assigns) + ([f"doc._.{KEY}"] if s.assigns else []),
    }


def add_error(doc: Doc, stage_name: str, exc: BaseException) -> None:
    """Record a stage failure on the doc instead of losing the whole article."""
    from .errors import stage_failure

    annotations(doc).errors.append(str(stage_failure(stage_name, exc)))


def guarded(stage_name: str, fn, doc: Doc) -> Doc:  # noqa: ANN001
    """Run one stage on a doc; a failure becomes an entry in ``doc._.sitrep.errors``.

    One bad sentence must not cost the user the whole article (and the rest of a batch):
    the record still carries what the other stages found, plus the reason this one failed.
    """
    try:
        fn(doc)
    except Exception as exc:  # noqa: BLE001 - recorded on the doc, never silent
        add_error(doc, stage_name, exc)
    else:
        annotations(doc).ran.append(stage_name)
    return doc


def markdown() -> str:
    """The stage table of docs/ARCHITECTURE.md, generated from :data:`STAGES` (a test
    checks the page holds exactly this text)."""
    rows = ["| # | component | package | reads (`doc._.sitrep.*`) | adds (`doc._.sitrep.*`) | what it does |",
            "|---|---|---|---|---|---|"]
    for i, s in enumerate(STAGES, 1):
        reads = ", ".join(s.requires) or "—"
        adds = ", ".join(s.assigns + (("`doc.ents` (in place)",) if "doc.ents" in s.spacy_assigns else ())) or "—"
        rows.append(f"| {i} | `{s.name}` | `{s.package}` | {reads} | {adds} | {s.summary} |")
    order = " → ".join(f"`{n}`" for n in LOADED_PIPES + PIPELINE)
    return "Pipeline order: " + order + "\n\n" + "\n".join(rows) + "\n"
