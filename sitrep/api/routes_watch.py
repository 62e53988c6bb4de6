"""The watcher's pages and their JSON twins (issue 17): sources and alerts."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from . import routes_api as api
from .routes_pages import _query, render

router = APIRouter(responses=api.router.responses)
pages = APIRouter(include_in_schema=False)
RuleQ = Annotated[Optional[str], Query(max_length=200, description="alerts of one rule (its name)")]


def _state(request: Request):  # noqa: ANN202
    from ..watch import WatchState

    return WatchState(api.store(request))


def _utc(ts: Optional[float]) -> Optional[str]:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@router.get("/api/sources", tags=["watch"], summary="Sources the watcher polls, with their poll state")
def sources(request: Request) -> dict:
    items = []
    for s in _state(request).sources():
        s = dict(s)
        for k in ("added_at", "last_poll", "next_due"):
            s[k + "_utc"] = _utc(s[k])
        s["items_total"] = sum(s["items"].values())
        items.append(s)
    return {"items": items}


@router.get("/api/alerts", tags=["watch"], summary="Alerts raised by the watcher's rules, newest first")
def alerts(request: Request, limit: api.Limit = 100, offset: api.Offset = 0, rule: RuleQ = None) -> dict:
    st = _state(request)
    items = st.alerts(limit=limit, offset=offset, rule=api.opt(rule))
    for a in items:
        a["created_utc"] = _utc(a["created_at"])
        a["webhook_next_try"] = None if a["webhook_status"] in ("sent", "none", "failed") else a["webhook_next_try"]
    return {"items": items, "total": st.count_alerts(rule=api.opt(rule)), "limit": limit, "offset": offset}


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    return render(request, "sources.html", "/api/sources", items=sources(request)["items"])


@pages.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, limit: api.Limit = 100, offset: api.Offset = 0, rule: RuleQ = None):
    data = alerts(request, limit=limit, offset=offset, rule=rule)
    return render(request, "alerts.html", "/api/alerts" + _query(limit=limit, offset=offset, rule=rule),
                  data=data, rule=rule or "")
