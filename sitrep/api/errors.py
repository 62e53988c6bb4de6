"""One JSON error shape for every API error, and the HTML twin for pages.

Shape: ``{"error": {"code": "E404", "status": 404, "message": "...", "details"?: [...]}}``.
Codes come from ``sitrep.errors.Errors`` (E4xx mirror the HTTP status; library errors keep
their own code), so a client can branch on ``code`` without parsing messages. This module is
the API's one boundary: every ``SitrepError`` a route lets through is translated here.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ApiError, Errors, InputError, SitrepError, StoreError

__all__ = ["ApiError", "not_found", "error_body", "respond", "from_sitrep_error", "install"]

log = logging.getLogger("sitrep.api")

_STATUS_CODE = {400: Errors.E400, 404: Errors.E404, 405: Errors.E405, 413: Errors.E413, 422: Errors.E400, 429: Errors.E429,
                500: Errors.E499}


def not_found(what: str) -> ApiError:
    return ApiError(404, Errors.E404, what=what)


def error_body(status: int, code: str, message: str, details: Optional[list] = None) -> dict:
    err: dict[str, Any] = {"code": code, "status": status, "message": message}
    if details:
        err["details"] = details
    return {"error": err}


def wants_html(request: Request) -> bool:
    # Pages get an HTML error page; /api, /healthz and /openapi.json always get JSON.
    path = request.url.path
    return not (path.startswith("/api") or path in ("/healthz", "/openapi.json"))


def respond(request: Request, err: ApiError):
    if wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"error": error_body(err.status, err.code, err.message, err.details)["error"]},
            status_code=err.status, headers=err.headers)
    return JSONResponse(error_body(err.status, err.code, err.message, err.details), status_code=err.status,
                        headers=err.headers)


# The server lacks something it needs (the spaCy model, a runtime package): not the request's
# fault, and the same request works once it is installed.
_UNAVAILABLE = frozenset({Errors.E301, Errors.E306})


def from_sitrep_error(exc: SitrepError) -> ApiError:
    """The response for a library error: a document too large is 413, an unreadable or
    unprocessable document or a bad option 422, a database problem or a missing model or
    package (E301, E306) 503."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, InputError):
        status = 413 if exc.code in (Errors.E005, Errors.E013) else 422
    elif isinstance(exc, StoreError) or exc.code in _UNAVAILABLE:
        status = 503
    else:  # ConfigError, ExtractionError
        status = 422
    return ApiError(status, exc.code, exc.reason)


def install(app) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return respond(request, exc)

    @app.exception_handler(SitrepError)
    async def _sitrep_error(request: Request, exc: SitrepError):
        return respond(request, from_sitrep_error(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        where = ", ".join(".".join(d["loc"]) + ": " + d["msg"] for d in details[:3])
        return respond(request, ApiError(422, Errors.E400, details=details, reason=where or "invalid parameters"))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = _STATUS_CODE.get(exc.status_code) or (Errors.E499 if exc.status_code >= 500 else Errors.E400)
        if exc.status_code == 404:
            message = Errors.E404.format(what=request.url.path)
        elif exc.status_code == 405:
            message = Errors.E405.message()
        else:
            message = str(exc.detail)
        return respond(request, ApiError(exc.status_code, code, message, headers=getattr(exc, "headers", None)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # Never echo internals (paths, SQL) to the client; the log has them.
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, ApiError(500, Errors.E499))
