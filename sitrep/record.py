"""The article record: one pydantic model tree, the contract between every stage.

Field names are public: other tools read the JSON that ``sitrep extract`` prints and
``sitrep export --format jsonl`` writes, so renaming a field is a breaking change
(bump ``SCHEMA_VERSION``). Every span is ``{start, end, text}`` with
``text == record.text[start:end]`` unless ``field`` says it points into the title.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .dates import Day

SCHEMA_VERSION = "3.0"
# 2.0 (issue 19): one Quote per attribution with its content in ``parts``; ``cue_class``.
# 3.0 (issue 18): ``Event.source`` may be null (an event the text names no agent for: 'three
# soldiers were killed', 'the attack on X'); ``Event.reported_by`` is an Actor (code, country,
# text, entity id when it is one), not an entity id, so 'the Russian defence ministry said'
# gives RUSMIL although the ministry is no entity. Older records are read as 3.0
# (``upgrade_events``).

Modality = Literal["asserted", "reported", "planned", "hypothetical", "denied", "negated"]
QuoteKind = Literal["direct", "partial", "indirect", "mixed"]
# The cue classes of the attribution literature (PolNeAR, PARC): a speech verb ("said"), an
# accusation/criticism/evaluation verb ("accused", "warned", "praised"), a belief or intent verb
# ("believes", "wants"), "according to", a noun cue ("allegations that", "a poll", "the
# report says"), or a colon introduction ("Smith:").
CueClass = Literal["speech", "accusation", "belief", "according_to", "noun", "colon"]
PART_JOIN = " … "
Approximation = Literal["approx", "more_than", "less_than", "at_least", "at_most", "exact"]


class _Model(BaseModel):
    # Unknown keys are an error: a typo in a field name must not pass silently
    # when a record is re-imported (export -> ingest round trip).
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the record's text: ``text == record.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    field: Literal["text", "title"] = Field(
        "text", description="Which string the offsets index: the body `text` (default) or the `title`."
    )


PlaceKind = Literal["country", "adm1", "adm2", "capital", "city", "continent", "region", "sea"]
Precision = Literal["country", "adm1", "adm2", "city", "site", "region"]


class Geo(_Model):
    """One gazetteer feature (GeoNames, or a named region of sitrep's own table)."""

    id: str = Field(description="GeoNames id as text ('703448'), or 'sitrep:<slug>' for a region GeoNames lacks.")
    geonames_id: Optional[int] = Field(None, description="The GeoNames feature id, when it is one.")
    name: str = Field(description="The feature's GeoNames name, e.g. 'Kyiv'.")
    feature: PlaceKind = Field(description="country, adm1 (first-level division), adm2 (second-level division: "
                               "county, district, raion), capital, city, continent, region, sea.")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3 of the country it lies in.")
    admin1: Optional[str] = Field(None, description="GeoNames admin1 code within the country, e.g. '12'.")
    admin1_name: Optional[str] = Field(None, description="Name of that first-level division.")
    lat: float
    lon: float
    precision: Precision = Field(description="What a point here stands for: country, adm1, adm2, city, site or region.")
    confidence: float = Field(ge=0, le=1, description="How sure the resolver is of this feature (0-1).")


class EventPlace(Geo):
    """Where an event happened, and how sitrep knows."""

    basis: Literal["locative", "destination", "target", "prior_sentence", "dateline"] = Field(
        description="locative: 'in/near/outside X' of the predicate; destination: where a movement goes; "
        "target: the country acted on (material conflict); prior_sentence: the event's sentence names no "
        "place and the previous sentence of the same paragraph placed its act there (the span is in that "
        "sentence); dateline: the story's dateline city (fallback).")
    span: Optional[Span] = Field(None, description="The place's words in the text (or title).")
    entity: Optional[str] = Field(None, description="Entity id of the place, when it is a named entity.")
    mention: Optional[str] = Field(None, description="Id of the place mention (`place_mentions`), when the place is one.")


class PlaceMention(_Model):
    """A place named by a phrase that is no named entity: 'the Ukrainian border', 'Russian
    territory', 'the Syrian coast', 'the Tigray region' (a name the model did not tag as a place)."""

    id: str = Field(description="Content hash of the span and the feature.")
    span: Span = Field(description="The phrase without its determiner: 'Ukrainian border region'.")
    kind: str = Field(description="border, territory, coast, waters, airspace, capital, part (of a country) or "
                                  "division ('X region'); see sitrep/data/place_nouns.tsv.")
    anchor: Span = Field(description="The words that name the country or division: 'Ukrainian', 'Tigray'.")
    entity: Optional[str] = Field(None, description="Entity id of the anchor, when it is an entity mention.")
    geo: Geo = Field(description="The country (its capital for kind capital) or division the phrase names.")


class Entity(_Model):
    id: str = Field(description="Stable within the article: content hash of type + canonical name.")
    name: str = Field(description="Canonical (longest proper) name, e.g. 'Vladimir Putin'.")
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, FAC, MEDIA, IGO, ...")
    aliases: list[str] = Field(default_factory=list, description="Other surface forms in the article.")
    title: Optional[str] = Field(None, description="Role, e.g. 'Prime Minister', 'spokesman'.")
    affiliation: Optional[str] = Field(None, description="Organisation the person acts for, e.g. 'Pentagon'.")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3 of the country it acts for.")
    actor_code: Optional[str] = Field(None, description="CAMEO/Phoenix-style code, e.g. RUSGOV, USAMIL, IGONAT.")
    mentions: list[Span] = Field(default_factory=list)
    geo: Optional[Geo] = Field(None, description="The place a GPE/LOC/FAC names, resolved offline to GeoNames.")


class Quote(_Model):
    """One attribution: a source, a cue and the content, which may be in several pieces
    (\u201cX,\u201d he said, \u201cY\u201d is one Quote with two ``parts``)."""

    id: str
    text: str = Field(description="The content: the parts' texts joined with ' … ' (verbatim only for direct/partial).")
    start: int = Field(ge=0, description="Start of the first part.")
    end: int = Field(ge=0, description="End of the last part.")
    parts: list[Span] = Field(default_factory=list, description=(
        "The content pieces in text order; none covers the cue or the source. A record of schema 1.x "
        "(one span) reads as one part."))
    kind: QuoteKind = Field(description=(
        "direct/partial: the content is verbatim (in quotation marks); indirect: reported, not verbatim; "
        "mixed: reported with verbatim fragments (the quotation marks are in the parts' text)."))
    cue_class: Optional[CueClass] = Field(None, description="speech, accusation, belief, according_to, noun, colon.")
    speaker: Optional[str] = Field(None, description="Entity id of the speaker.")
    speaker_span: Optional[Span] = Field(None, description="The mention the cue attaches to ('he', 'the spokesperson').")
    speaker_text: Optional[str] = Field(None, description="Name of the speaker as resolved, or the mention text.")
    cue: Optional[Span] = Field(None, description="The speech verb or phrase: 'said', 'told', 'according to'.")
    addressee: Optional[Span] = Field(None, description="Whom it was said to: 'Johnson' in 'told Johnson'.")
    medium: Optional[Span] = Field(None, description="Where it was said: 'in an interview on public broadcaster ZDF'.")

    @model_validator(mode="before")
    @classmethod
    def _one_part_when_none(cls, data):  # noqa: ANN001 - pydantic hook
        # Records written before 2.0 have no parts: their one span is the one part.
        if isinstance(data, dict) and not data.get("parts") and "start" in data and "end" in data:
            data = dict(data, parts=[{"start": data["start"], "end": data["end"], "text": data.get("text", "")}])
        return data


class Actor(_Model):
    entity: Optional[str] = Field(None, description="Entity id, when the actor is a named entity.")
    text: str
    code: Optional[str] = Field(None, description="Actor code, e.g. RUSGOV.")
    country: Optional[str] = Field(None, description="ISO alpha-3.")


class EventQuantity(_Model):
    value: float
    unit: str


class Event(_Model):
    id: str
    plover: str = Field(description="PLOVER 2 event type, e.g. CONSULT, MOBILIZE, ACCUSE.")
    mode: Optional[str] = Field(None, description="PLOVER mode where one applies, e.g. 'phone' for CONSULT.")
    cameo: Optional[str] = Field(None, description="CAMEO code, e.g. '042'.")
    cameo_coded: Optional[str] = Field(
        None, description="The CAMEO code a CAMEO coder gives the event: 03x for promised cooperation, "
                          "13x for threatened force, else the same as cameo (GDELT's EventCode).")
    goldstein: Optional[float] = None
    source: Optional[Actor] = Field(None, description=(
        "Who acts; null when the text names no agent ('three soldiers were killed', 'the attack on Kharkiv'). "
        "GDELT/PLOVER exports and the dyad aggregates leave such events out unless asked for."))
    target: Optional[Actor] = None
    modality: Modality
    reported_by: Optional[Actor] = Field(None, description=(
        "Whoever the event is attributed to (modality 'reported'), as an actor: 'the Russian defence ministry "
        "said' -> RUSMIL, with the entity id when the reporter is a named entity."))
    date: Optional[str] = Field(None, description="TIMEX3 date value, e.g. 2022-02-02 or 2021-12.")
    location: Optional[str] = Field(None, description="Place name (with the entity id in location_entity).")
    location_entity: Optional[str] = None
    place: Optional[EventPlace] = Field(None, description="Where it happened, geocoded (see `location` for the name).")
    quantity: Optional[EventQuantity] = None
    trigger: Optional[Span] = Field(None, description="The predicate: 'spoke', 'deployment', 'accused'.")
    evidence: Span = Field(description="The sentence (or clause) the event was read from.")


class TimeExpr(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    value: Optional[str] = Field(None, description="TIMEX3 value: 2022-02-02, 2021-12, 2022-W05, PXW, P2Y, XXXX-02-02.")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    mod: Optional[Literal["BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
                          "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"]] = Field(
        None, description="TIMEX3 mod: 'mid-2018' -> MID, 'about two years' -> APPROX, 'more than a decade ago' -> BEFORE.")
    anchor: Optional[str] = Field(
        None, description="What a relative expression counts from: 'published' (the publication date) or the TIMEX3 "
                          "value of the story's own reference time ('the next year' after 'in 2016' -> '2016').")
    anchor_reason: Optional[str] = Field(None, description="Why that anchor: 'publication date', or the expression it counts from.")


class Quantity(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    value: float
    unit: Optional[str] = Field(None, description="What is counted: 'troops', 'people', 'USD', 'brigades'.")
    approximation: Optional[Approximation] = Field(None, description="'about' -> approx, 'more than' -> more_than.")


class Coverage(_Model):
    """Which stages read the record, and why the others did not (sitrep/multilingual)."""

    ran: list[str] = Field(default_factory=list, description="Stages that ran: anatomy, language, entities, time, quantities, quotes, events.")
    skipped: list[str] = Field(default_factory=list, description="Stages that did not run on this record.")
    reason: Optional[str] = Field(None, description="Why stages were skipped or ran in a reduced form.")


class Article(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="sha256 of the normalised body text.")
    source: Optional[str] = Field(None, description="Path or URL the article came from.")
    title: Optional[str] = None
    captions: list[str] = Field(default_factory=list)
    byline: Optional[str] = None
    published: Optional[Day] = Field(None, description="YYYY-MM-DD (a real day), or null when unknown (never guessed).")
    language: Optional[str] = Field(None, description="ISO 639-1 code of the body's language, or 'und' (mixed or undetermined).")
    language_confidence: Optional[float] = Field(None, description="0..1, the language identifier's confidence.")
    credits: list[str] = Field(default_factory=list, description="Agencies credited: 'Reuters', 'AP'.")
    boilerplate: list[str] = Field(default_factory=list, description="Page-chrome lines removed.")
    text: str = Field(description="The clean article body; every span indexes this string.")
    entities: list[Entity] = Field(default_factory=list)
    place_mentions: list[PlaceMention] = Field(default_factory=list, description=(
        "Places named by phrases that are no entity ('the Ukrainian border'); named places are entities with `geo`."))
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list, description="Per-stage problems that did not stop the record.")
    input_id: Optional[str] = Field(None, description="The `id` given with a jsonl input line, carried through.")
    coverage: Optional[Coverage] = Field(None, description="Which stages ran on this record (English-only stages skip other languages).")

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data):  # noqa: ANN001 - pydantic hook
        # A 1.x or 2.x record re-imported (export -> ingest) is read as the current version.
        if isinstance(data, dict) and str(data.get("schema_version", SCHEMA_VERSION))[:2] in ("1.", "2."):
            data = dict(data, schema_version=SCHEMA_VERSION,
                        events=upgrade_events(data.get("events") or [], data.get("entities") or []))
        return data


def upgrade_events(events: list, entities: list) -> list:
    """Events of a record older than 3.0 in the 3.0 shape: a ``reported_by`` entity id becomes
    that entity as an actor (its name, actor code and country). Anything else is unchanged."""
    if not any(isinstance(e, dict) and isinstance(e.get("reported_by"), str) for e in events):
        return events
    by_id = {}
    for ent in entities:
        d = ent.model_dump() if isinstance(ent, BaseModel) else ent
        by_id[d.get("id")] = d
    out = []
    for e in events:
        if isinstance(e, dict) and isinstance(e.get("reported_by"), str):
            ent = by_id.get(e["reported_by"], {})
            e = dict(e, reported_by={"entity": e["reported_by"], "text": ent.get("name") or "",
                                     "code": ent.get("actor_code"), "country": ent.get("country")})
        out.append(e)
    return out


class ErrorRecord(_Model):
    """What batch modes emit instead of an Article when a document cannot be read."""

    error: str = Field(description="Error code and reason, e.g. 'E002: empty document'.")
    code: str
    source: Optional[str] = None
    input_id: Optional[str] = None


_WS = re.compile(r"\s+")


def normalise_body(text: str) -> str:
    """The form the article id is hashed from: NFC, whitespace runs folded, trimmed.

    Folding whitespace makes the id survive re-wrapping and CRLF/LF differences, so the
    same story saved twice is one article.
    """
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    return hashlib.sha256(normalise_body(text).encode("utf-8")).hexdigest()


def content_id(*parts: object, length: int = 16) -> str:
    """Content-hash id for a fact inside an article (quote, event, entity)."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:length]


def make_span(text: str, start: int, end: int, field: str = "text") -> Span:
    return Span(start=start, end=end, text=text[start:end], field=field)


def json_schema() -> dict:
    """The published JSON Schema of the record (``sitrep schema``)."""
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://sitrep.invalid/schema/article-{SCHEMA_VERSION}.json"
    return schema
