"""Server-rendered pages. Each page calls the same function as its JSON twin, so the
page and ``/api/...`` can never disagree, and links to the twin."""

from __future__ import annotations

from typing import Annotated, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import SitrepError
from ..web import charts, highlight
from . import routes_api as api
from .errors import from_sitrep_error

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, twin: Optional[str], **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, {"twin": twin, **context})


def _query(**params) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return ("?" + urlencode(kept)) if kept else ""


def lead(text: str, words: int = 14) -> str:
    """A stand-in headline for untitled articles (wire briefs): the first words of the body."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def article_context(record: dict) -> dict:
    """What the article template needs: text segments and the side-panel rows."""
    names = highlight.entity_names(record)
    quotes = [dict(q, speaker_name=highlight.speaker_name(record, q)) for q in record.get("quotes") or []]
    events = []
    for ev in record.get("events") or []:
        rep = ev.get("reported_by") or {}  # an actor (record 3.0): its entity's name, else its words
        place = ev.get("place")
        events.append(dict(ev, reporter=(names.get(rep.get("entity")) or rep.get("text") or None) if rep else None,
                           place_anchor=highlight.anchor(place.get("span")) if place else None))
    return {"record": record, "heading": record.get("title") or lead(record.get("text") or ""),
            "segments": highlight.segments(record), "quotes": quotes, "events": events,
            "places": highlight.places(record),
            "entities": sorted(record.get("entities") or [], key=lambda e: -len(e.get("mentions") or []))}


def _languages(request: Request) -> list[dict]:
    """The languages in the store, for the language filter."""
    return api.store(request).languages()


@router.get("/", response_class=HTMLResponse)
def index(request: Request, limit: api.Limit = 50, offset: api.Offset = 0, since: api.Since = None,
          until: api.Until = None, q: api.TextQ = None, language: api.LanguageQ = None):
    data = api.articles(request, limit=limit, offset=offset, since=since, until=until, q=q, language=language)
    store = api.store(request)
    for item in data["items"]:
        if not item.get("title"):
            rec = store.get_article(item["id"]) or {}
            item.setdefault("lead", lead(rec.get("text") or ""))
    qs = _query(limit=limit, offset=offset, since=since, until=until, q=q, language=language)
    nxt = _query(limit=limit, offset=offset + limit, since=since, until=until, q=q, language=language) \
        if offset + limit < (data["total"] or 0) else None
    prev = _query(limit=limit, offset=max(0, offset - limit), since=since, until=until, q=q,
                  language=language) if offset else None
    return render(request, "index.html", "/api/articles" + qs, data=data, since=since or "", until=until or "",
                  q=q or "", next_qs=nxt, prev_qs=prev, languages=_languages(request), language=language or "")


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Annotated[str, Path(max_length=128)]):
    record = api.article(request, article_id)
    return render(request, "article.html", f"/api/articles/{article_id}", extracted=False, **article_context(record))


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: api.TextQ = None, limit: api.Limit = 200, offset: api.Offset = 0,
           language: api.LanguageQ = None):
    data = api.quotes(request, speaker=speaker, article=None, limit=limit, offset=offset, language=language)
    groups: dict[str, list] = {}
    for q in data["items"]:
        groups.setdefault(q.get("speaker_name") or q.get("speaker_text") or "(unattributed)", []).append(q)
    return render(request, "quotes.html", "/api/quotes" + _query(speaker=speaker, limit=limit, offset=offset,
                                                                 language=language),
                  groups=sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])), speaker=speaker or "",
                  count=len(data["items"]), languages=_languages(request), language=language or "")


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, source: api.ActorQ = None, target: api.ActorQ = None,
           type: Annotated[Optional[str], Query(pattern=r"^([A-Za-z_]{2,24})?$")] = None,
           modality: Optional[api.ModalityQ] = None, since: api.Since = None, until: api.Until = None,
           limit: api.Limit = 200, offset: api.Offset = 0, language: api.LanguageQ = None):
    data = api.events(request, source=source, target=target, type=type, modality=modality, since=since,
                      until=until, article=None, limit=limit, offset=offset, language=language)
    filters = {"source": source or "", "target": target or "", "type": type or "", "modality": modality or "",
               "since": since or "", "until": until or "", "language": language or ""}
    return render(request, "events.html", "/api/events" + _query(**filters, limit=limit, offset=offset),
                  items=data["items"], filters=filters, languages=_languages(request), modalities=["asserted", "reported", "planned",
                                                                    "hypothetical", "denied", "negated"])


@router.get("/map", response_class=HTMLResponse)
def event_map(request: Request, source: api.ActorQ = None, target: api.ActorQ = None,
              type: Annotated[Optional[str], Query(pattern=r"^([A-Za-z_]{2,24})?$")] = None,
              modality: Optional[api.ModalityQ] = None, since: api.Since = None, until: api.Until = None,
              colour: Annotated[str, Query(pattern=r"^(quad|goldstein)$")] = "quad", layer: api.LayerQ = "events",
              origin: api.OriginQ = None, feature: api.FeatureQ = None):
    from ..web import geomap

    data = api.event_map(request, source=source, target=target, type=type, modality=modality, since=since,
                         until=until, place=None, bbox=None, colour=colour, limit=2000, layer=layer,
                         origin=origin, feature=feature, language=None)
    if layer == "places":
        filters = {"origin": origin or "", "feature": feature or "", "since": since or "", "until": until or ""}
        twin = "/api/map" + _query(layer="places", **filters)
    else:
        filters = {"source": source or "", "target": target or "", "type": type or "", "modality": modality or "",
                   "since": since or "", "until": until or ""}
        twin = "/api/map" + _query(**filters, colour=colour)
    return render(request, "map.html", twin, points=data["points"], layer=layer,
                  n_events=data.get("events"), n_mentions=data.get("mentions"), filters=filters, colour=colour,
                  outline=geomap.outline(), width=geomap.WIDTH, height=geomap.HEIGHT, quads=geomap.QUAD_NAMES,
                  feature_fill=geomap.FEATURE_FILL,
                  modalities=["asserted", "reported", "planned", "hypothetical", "denied", "negated"])


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: api.TextQ = None, language: api.LanguageQ = None):
    items = []
    if q and api.clean_query(q):
        items = api.search(request, q=q, limit=50, language=language)["items"]
    return render(request, "search.html", "/api/search" + _query(q=q, language=language), items=items, q=q or "",
                  languages=_languages(request), language=language or "")


@router.get("/dyads", response_class=HTMLResponse)
def dyad_form(request: Request, a: api.ActorQ = None, b: api.ActorQ = None, by: api.Granularity = "week"):
    if a and b:
        return RedirectResponse(f"/dyads/{a.upper()}/{b.upper()}" + _query(by=by), status_code=303)
    return render(request, "dyad.html", None, data=None, chart=None, a=a or "", b=b or "", by=by)


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad(request: Request, a: Annotated[str, Path(pattern=api.ACTOR)], b: Annotated[str, Path(pattern=api.ACTOR)],
         by: api.Granularity = "week"):
    data = api.dyad_timeline(request, a, b, by)
    return render(request, "dyad.html", f"/api/dyads/{data['a']}/{data['b']}/timeline" + _query(by=by),
                  data=data, chart=charts.dyad_chart(charts.fill_gaps(data["periods"], by)), a=data["a"], b=data["b"], by=by)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, top: Annotated[int, Query(ge=1, le=500)] = 50):
    return render(request, "actors.html", "/api/actors" + _query(top=top), items=api.actors(request, top=top)["items"])


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, top: Annotated[int, Query(ge=1, le=300)] = 40):
    net = api.network(request, top=top)
    return render(request, "network.html", "/api/network" + _query(top=top), net=net,
                  layout=charts.network_layout(net))


@router.get("/extract", response_class=HTMLResponse)
def extract_form(request: Request):
    return render(request, "extract.html", None, text="", published="", message=None)


@router.post("/extract", response_class=HTMLResponse)
def extract_page(request: Request, text: Annotated[str, Form(max_length=2_000_000)],
                 published: Annotated[str, Form(pattern=r"^(\d{4}-\d{2}-\d{2})?$")] = "",
                 fmt: Annotated[str, Form(pattern=r"^(auto|text|html)$")] = "auto"):
    if not text.strip():
        return render(request, "extract.html", None, text=text, published=published,
                      message="Paste the text or HTML of an article first.")
    try:
        record = api.run_extract(request, text, fmt, published or None, source="pasted")
    except SitrepError as exc:
        err = from_sitrep_error(exc)
        resp = render(request, "extract.html", None, text=text, published=published, message=f"{err.code}: {err.message}")
        resp.status_code = err.status
        return resp
    return render(request, "article.html", "/api/extract", extracted=True, **article_context(record))


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """API reference rendered from the OpenAPI document (no CDN-hosted Swagger UI)."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                    "schema": p.get("schema", {})} for p in op.get("parameters", [])],
                        "body": "requestBody" in op})
    return render(request, "docs.html", "/openapi.json", ops=ops, spec=spec)
