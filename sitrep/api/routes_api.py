"""JSON routes under /api: the twins of the pages, plus POST /api/extract."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field, model_validator

from ..dates import Day
from ..errors import Errors
from .errors import ApiError, not_found



class ErrorDetail(BaseModel):
    code: str = Field(description="sitrep error code, e.g. E404, E413, E002")
    status: int
    message: str
    details: Optional[list[dict]] = None


class ErrorOut(BaseModel):
    """The one shape of every API error."""

    error: ErrorDetail


_ERR = {"model": ErrorOut}
router = APIRouter(responses={404: _ERR, 422: _ERR, 429: _ERR, 500: _ERR})

# Parameter shapes shared with the pages. Bounds keep every value inside what SQLite and
# PostgreSQL accept as an integer, so a silly offset is a 422, never a 500.
# Query patterns accept "" too: an empty field in a page's filter form means "any".
DATE = r"^(\d{4}-\d{2}(-\d{2})?)?$"
ACTOR = r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$"
ACTOR_OR_EMPTY = r"^([A-Za-z]{3}[A-Za-z0-9]{0,12})?$"
ARTICLE_ID = r"^([0-9a-f]{64})?$"
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Since = Annotated[Optional[str], Query(pattern=DATE, description="YYYY-MM-DD or YYYY-MM, inclusive")]
Until = Since
ActorQ = Annotated[Optional[str], Query(pattern=ACTOR_OR_EMPTY, description="country (RUS) or actor code prefix (RUSGOV)")]
ModalityQ = Literal["", "all", "asserted", "reported", "planned", "hypothetical", "denied", "negated"]
TextQ = Annotated[Optional[str], Query(max_length=200)]
LanguageQ = Annotated[Optional[str], Query(pattern=r"^([a-z]{2}|und)?$",
                                           description="ISO 639-1 code of the article's language, or und")]
PlaceQ = Annotated[Optional[str], Query(pattern=r"^([A-Za-z]{3}(\.[A-Za-z0-9]{1,20})?|\d{1,12}|sitrep:[a-z0-9-]{1,60})?$",
                                        description="country (UKR), first-level division (UKR.12) or GeoNames id")]
_NUM = r"-?\d{1,3}(\.\d{1,8})?"
BboxQ = Annotated[Optional[str], Query(pattern=rf"^({_NUM},{_NUM},{_NUM},{_NUM})?$",
                                       description="min_lon,min_lat,max_lon,max_lat")]
Granularity = Literal["day", "week", "month"]


def store(request: Request):
    return request.app.state.store


def norm_actor(code: Optional[str]) -> Optional[str]:
    return code.upper() if code else None


def check_bbox(bbox: Optional[str]) -> None:
    """A bounding box out of range is the caller's error (422), never a 500."""
    from ..errors import SitrepError
    from ..store.queries import parse_bbox

    try:
        parse_bbox(opt(bbox))
    except SitrepError as exc:
        raise ApiError(422, Errors.E400, Errors.E400.format(reason=exc.reason)) from None


def opt(value: Optional[str]) -> Optional[str]:
    return value or None


def clean_query(q: Optional[str]) -> Optional[str]:
    # Free text for the store's full-text index: keep words, drop operator characters
    # (FTS syntax like quotes, NEAR, *, parentheses) so user text is only ever words.
    if q is None:
        return None
    words = "".join(ch if ch.isalnum() or ch in "-' " else " " for ch in q).split()
    words = [w.strip("-'") for w in words if w.strip("-'")]
    return " ".join(words) or None


class ExtractIn(BaseModel):
    """Text or HTML of one page. ``published`` is the reference date for relative times."""

    text: Optional[str] = Field(None, description="Plain text of the page (or the body with as_body).")
    html: Optional[str] = Field(None, description="HTML of the page.")
    published: Optional[Day] = Field(None, description="YYYY-MM-DD, a real day (2025-02-30 is a 422).")
    source: Optional[str] = Field(None, max_length=2000, description="A label or URL, only echoed back.")
    as_body: bool = Field(False, description="The text is already the clean body: keep it byte for byte.")

    @model_validator(mode="after")
    def _one_of(self):
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


def run_extract(request: Request, content: str, fmt: str, published: Optional[str] = None,
                source: Optional[str] = None, as_body: bool = False) -> dict:
    """Run the pipeline on one pasted page (shared by the API and the extract page)."""
    from ..reader import InputDoc

    state = request.app.state
    if state.pipeline is None:
        from ..pipeline import get_pipeline

        state.pipeline = get_pipeline()
    item = InputDoc(content=content, source=source, format=fmt, published=published)
    # spaCy docs are built per call but the model is shared: one extraction at a time.
    with state.extract_lock:
        record = state.pipeline.extract(item, as_body=as_body)
    return record.model_dump(mode="json")


@router.get("/healthz", tags=["meta"], summary="Liveness (no store access)")
def healthz() -> dict:
    return {"status": "ok"}


@router.post("/api/extract", tags=["extract"], summary="Extract one article record from text or HTML",
             responses={413: {"model": ErrorOut, "description": "Request body over the size limit (E413)"}})
def extract(request: Request, body: ExtractIn) -> dict:
    content, fmt = (body.text, "text") if body.text is not None else (body.html, "html")
    return run_extract(request, content, fmt, body.published, body.source, body.as_body)


@router.get("/api/articles", tags=["articles"], summary="Article summaries, newest first")
def articles(request: Request, limit: Limit = 50, offset: Offset = 0, since: Since = None, until: Until = None,
             q: TextQ = None, language: LanguageQ = None) -> dict:
    q = clean_query(q)
    s = store(request)
    since, until, language = opt(since), opt(until), opt(language)
    items = s.list_articles(limit=limit, offset=offset, since=since, until=until, q=q, language=language)
    total = s.count_articles(since=since, until=until, q=q, language=language)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/api/articles/{article_id}", tags=["articles"], summary="The full record of one article")
def article(request: Request, article_id: Annotated[str, Path(max_length=128)]) -> dict:
    rec = store(request).get_article(article_id)
    if rec is None:
        raise not_found(f"article {article_id[:80]}")
    return rec


@router.get("/api/quotes", tags=["quotes"], summary="Quotes, optionally by speaker or article")
def quotes(request: Request, speaker: TextQ = None, article: Annotated[Optional[str], Query(pattern=ARTICLE_ID)] = None,
           limit: Limit = 100, offset: Offset = 0, language: LanguageQ = None) -> dict:
    items = store(request).quotes(speaker=opt(speaker), article=opt(article), limit=limit, offset=offset,
                                  language=opt(language))
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/api/times", tags=["times"], summary="Time expressions with TIMEX3 value, type, mod and anchor")
def times(request: Request, article: Annotated[Optional[str], Query(pattern=ARTICLE_ID)] = None,
          type: Optional[Literal["", "DATE", "TIME", "DURATION", "SET"]] = None,  # noqa: A002
          value: Annotated[Optional[str], Query(pattern=r"^[0-9A-Za-z:\-]{0,32}$",
                                                description="prefix of the TIMEX3 value: 2022, 2022-05, PRESENT_REF")] = None,
          limit: Limit = 100, offset: Offset = 0, language: LanguageQ = None) -> dict:
    items = store(request).times(article=opt(article), type=opt(type), value=opt(value), limit=limit, offset=offset,
                                 language=opt(language))
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/api/events", tags=["events"], summary="Events with filters (default modality: asserted + reported)")
def events(request: Request, source: ActorQ = None, target: ActorQ = None,
           type: Annotated[Optional[str], Query(pattern=r"^([A-Za-z_]{2,24})?$", description="PLOVER type")] = None,
           modality: Optional[ModalityQ] = None, since: Since = None, until: Until = None,
           article: Annotated[Optional[str], Query(pattern=ARTICLE_ID)] = None,
           place: PlaceQ = None, bbox: BboxQ = None,
           limit: Limit = 100, offset: Offset = 0, language: LanguageQ = None) -> dict:
    check_bbox(bbox)
    items = store(request).events(source=norm_actor(source), target=norm_actor(target),
                                  type=type.upper() if type else None, since=opt(since), until=opt(until),
                                  modality=opt(modality), article=opt(article), limit=limit, offset=offset,
                                  place=opt(place), bbox=opt(bbox), language=opt(language))
    return {"items": items, "limit": limit, "offset": offset}


OriginQ = Annotated[Optional[Literal["", "entity", "mention"]],
                    Query(description="entity: named places ('Kharkiv'); mention: place phrases that are no "
                                      "entity ('the Ukrainian border')")]
FeatureQ = Annotated[Optional[str], Query(pattern=r"^((country|adm1|capital|city|continent|region|sea),?){0,7}$",
                                          description="country, adm1, adm2, capital, city, continent, region, sea "
                                                      "(comma-separated)")]
LayerQ = Annotated[Literal["events", "places"], Query(description="events: where events happened; places: every "
                                                                  "place the articles name")]


@router.get("/api/places", tags=["places"], summary="Places named in the articles, most named first, with evidence")
def places(request: Request, place: PlaceQ = None, bbox: BboxQ = None, since: Since = None, until: Until = None,
           origin: OriginQ = None, feature: FeatureQ = None,
           article: Annotated[Optional[str], Query(pattern=ARTICLE_ID)] = None, language: LanguageQ = None,
           limit: Limit = 50, offset: Offset = 0, evidence: Annotated[int, Query(ge=0, le=50)] = 5) -> dict:
    check_bbox(bbox)
    items = store(request).places(place=opt(place), bbox=opt(bbox), since=opt(since), until=opt(until),
                                  language=opt(language), origin=opt(origin), feature=opt(feature),
                                  article=opt(article), limit=limit, offset=offset, evidence=evidence)
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/api/map", tags=["events", "places"],
            summary="Located events (layer=events) or named places (layer=places) grouped by place: the map's data")
def event_map(request: Request, source: ActorQ = None, target: ActorQ = None,
              type: Annotated[Optional[str], Query(pattern=r"^([A-Za-z_]{2,24})?$", description="PLOVER type")] = None,
              modality: Optional[ModalityQ] = None, since: Since = None, until: Until = None,
              place: PlaceQ = None, bbox: BboxQ = None,
              colour: Annotated[Literal["quad", "goldstein"], Query(description="point colour")] = "quad",
              limit: Annotated[int, Query(ge=1, le=5000)] = 2000, layer: LayerQ = "events",
              origin: OriginQ = None, feature: FeatureQ = None, language: LanguageQ = None) -> dict:
    from ..web import geomap

    check_bbox(bbox)
    if layer == "places":
        items = store(request).places(place=opt(place), bbox=opt(bbox), since=opt(since), until=opt(until),
                                      language=opt(language), origin=opt(origin), feature=opt(feature),
                                      limit=min(limit, 500), offset=0, evidence=5)
        pts = geomap.place_points(items)
        return {"layer": "places", "points": pts, "places": len(pts), "mentions": sum(p["count"] for p in pts)}
    items = store(request).events(source=norm_actor(source), target=norm_actor(target),
                                  type=type.upper() if type else None, since=opt(since), until=opt(until),
                                  modality=opt(modality), limit=limit, offset=0, place=opt(place),
                                  bbox=opt(bbox) or "-180,-90,180,90", language=opt(language))
    return {"layer": "events", "points": geomap.points(items, colour), "events": len(items), "colour": colour}


@router.get("/api/search", tags=["search"], summary="Full-text search over article text and quotes")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, language: LanguageQ = None) -> dict:
    cleaned = clean_query(q)
    if cleaned is None:
        raise ApiError(422, Errors.E400, reason="q has no words to search for")
    return {"q": q, "items": store(request).search(cleaned, limit=limit, language=opt(language))}


@router.get("/api/dyads/{a}/{b}/timeline", tags=["dyads"], summary="Events a->b and b->a per period, mean Goldstein")
def dyad_timeline(request: Request, a: Annotated[str, Path(pattern=ACTOR)], b: Annotated[str, Path(pattern=ACTOR)],
                  by: Granularity = "week") -> dict:
    return {"a": a.upper(), "b": b.upper(), "by": by,
            "periods": store(request).dyad_timeline(a.upper(), b.upper(), by=by)}


@router.get("/api/actors", tags=["actors"], summary="Most active actors as source and target")
def actors(request: Request, top: Annotated[int, Query(ge=1, le=500)] = 20) -> dict:
    return {"items": store(request).actors(top=top)}


@router.get("/api/network", tags=["actors"], summary="Who acts on whom: nodes and weighted edges")
def network(request: Request, top: Annotated[int, Query(ge=1, le=300)] = 50) -> dict:
    return store(request).network(top=top)
