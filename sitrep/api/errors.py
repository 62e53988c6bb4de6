"""One JSON error shape for every API error, and the HTML twin for pages.

Shape: ``{"error": {"code": "E404", "status": 404, "message": "...", "details"?: [...]}}``.
Codes come from ``sitrep.errors.Errors`` (E4xx mirror the HTTP status; input errors keep
their E0xx code), so a client can branch on ``code`` without parsing messages.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import Errors, InputError, SitrepError

log = logging.getLogger("sitrep.api")

_STATUS_CODE = {400: "E400", 404: "E404", 405: "E405", 413: "E413", 422: "E400", 429: "E429", 500: "E499"}


class ApiError(Exception):
    """Raised by routes; rendered as the shared error shape (JSON or HTML)."""

    def __init__(self, status: int, code: str, message: str, details: Optional[list] = None,
                 headers: Optional[dict] = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details, self.headers = status, code, message, details, headers


def not_found(what: str) -> ApiError:
    return ApiError(404, "E404", Errors.E404.format(what=what))


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


def from_input_error(exc: SitrepError) -> ApiError:
    # E005 (too large) is a size problem, everything else is an unreadable document.
    status = 413 if exc.code == "E005" else 422
    return ApiError(status, exc.code, exc.reason)


def install(app) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return respond(request, exc)

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError):
        return respond(request, from_input_error(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        where = ", ".join(".".join(d["loc"]) + ": " + d["msg"] for d in details[:3])
        return respond(request, ApiError(422, "E400", Errors.E400.format(reason=where or "invalid parameters"), details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = _STATUS_CODE.get(exc.status_code, f"E{exc.status_code}")
        if exc.status_code == 404:
            message = Errors.E404.format(what=request.url.path)
        elif exc.status_code == 405:
            message = Errors.E405
        else:
            message = str(exc.detail)
        return respond(request, ApiError(exc.status_code, code, message, headers=getattr(exc, "headers", None)))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # Never echo internals (paths, SQL) to the client; the log has them.
        log.exception("unhandled error on %s", request.url.path)
        return respond(request, ApiError(500, "E499", Errors.E499))
