"""The app factory: store, templates, middleware, routers."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from .. import __version__
from . import errors as _errors
from .security import BodySizeLimit, ExtractGate, HostCheck, RateLimit, SecurityHeaders

WEB = Path(__file__).resolve().parent.parent / "web"


@dataclass
class ApiSettings:
    """Limits. ``rate_per_s=None`` turns rate limiting off (tests, load benchmark)."""

    max_body_bytes: int = 2 * 1024 * 1024   # a pasted article is rarely over 200 kB
    rate_per_s: Optional[float] = 20.0      # per client address
    burst: float = 60.0
    extract_cost: float = 10.0              # tokens a POST /api/extract spends
    extract_bytes_per_s: float = 20_000.0   # and its body, per client (see security.RateLimit)
    max_concurrent_extracts: int = 2        # extract requests in the server at once (503 beyond)
    page_size_max: int = 500
    # Host names the server answers to; None = any (the ASGI server's bind address decides).
    # `sitrep serve` on a loopback address sets the loopback names (DNS-rebinding guard).
    allowed_hosts: Optional[list[str]] = None


def create_app(store_url: Optional[str] = None, *, store: Any = None, settings: Optional[ApiSettings] = None,
               pipeline: Any = None) -> FastAPI:
    """A FastAPI app over the store at ``store_url`` (or an open ``store`` object).

    ``pipeline`` (default: ``sitrep.pipeline.get_pipeline()``, loaded on first extract)
    serves ``POST /api/extract`` and the extract page.
    """
    settings = settings or ApiSettings()
    if store is None:
        if store_url is None:
            raise ValueError("create_app needs store_url or store")
        from ..store import open_store

        store = open_store(store_url)
    owned = store_url is not None

    @asynccontextmanager
    async def lifespan(app):
        yield
        if owned:
            store.close()

    # Swagger UI would load its bundle from a CDN; /docs is our own page over the
    # same OpenAPI document (/openapi.json), so the app works offline.
    app = FastAPI(title="sitrep", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Who did and said what, to whom, when, where and how many: articles, quotes, "
                              "events, dyads and actors from a sitrep store. Errors: "
                              '{"error": {"code", "status", "message"}}.')
    # Store methods open a pooled connection per call (SQLAlchemy engine), so the sync
    # routes FastAPI runs in its thread pool can share one Store without a lock.
    app.state.store = store
    app.state.settings = settings
    app.state.pipeline = pipeline
    app.state.extract_lock = threading.Lock()
    app.state.templates = Jinja2Templates(directory=str(WEB / "templates"))
    # Autoescape is on for .html (Starlette's default); stated here so nobody turns it off.
    app.state.templates.env.autoescape = True
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    _errors.install(app)
    from .routes_api import router as api_router
    from .routes_pages import router as page_router

    from .routes_watch import pages as watch_pages
    from .routes_watch import router as watch_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.include_router(watch_router)
    app.include_router(watch_pages)

    # Outermost first: headers on everything, then rate limit, then size limit.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ExtractGate, limit=settings.max_concurrent_extracts)
    if settings.rate_per_s:
        app.add_middleware(RateLimit, rate=settings.rate_per_s, burst=settings.burst,
                           extract_cost=settings.extract_cost, extract_bytes_per_s=settings.extract_bytes_per_s,
                           max_body=settings.max_body_bytes)
    if settings.allowed_hosts:
        app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
