"""Request-size limit, per-client rate limit and security headers (pure ASGI middleware).

Pure ASGI rather than ``BaseHTTPMiddleware`` so the size check runs while the body
streams in: a client that lies about (or omits) Content-Length is cut off at the limit
instead of after the server buffered everything it sent.
"""

from __future__ import annotations

import json
import math
import threading
import time
from typing import Optional

from ..errors import Errors
from .errors import error_body

# The pages use only files under /static: no inline script or style, no third-party origin.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def _send_error(send, status: int, code: str, message: str, extra_headers=()) -> None:
    body = json.dumps(error_body(status, code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += list(extra_headers) + SECURITY_HEADERS
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and friends to every response (pages, JSON, static files, errors)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Answers 413 (E413) when a request body exceeds ``max_bytes``.

    The body is read here, up to the limit, before the app sees it: the app would buffer
    it anyway, and reading it here lets a chunked upload without Content-Length be cut
    off at the limit with a clear 413 (an exception raised inside the app's own body
    parsing would surface as a generic 400).
    """

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    return await _send_error(send, 413, Errors.E413, Errors.E413.format(size=declared, limit=self.max_bytes))
        chunks: list[bytes] = []
        seen = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                # The client went away: let the app see the disconnect.
                return await self.app(scope, _replay([message], receive), send)
            body = message.get("body", b"")
            seen += len(body)
            if seen > self.max_bytes:
                return await _send_error(send, 413, Errors.E413,
                                         Errors.E413.format(size=f"more than {self.max_bytes}", limit=self.max_bytes))
            chunks.append(body)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}], receive),
                       send)


def _replay(messages: list, receive):
    pending = list(messages)

    async def replay():
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


class HostCheck:
    """Refuses requests whose Host header is not one of ``allowed`` (E400).

    A server on 127.0.0.1 is still reachable from a web page the analyst visits, through
    DNS rebinding (evil.example resolving to 127.0.0.1); checking Host closes that door.
    """

    def __init__(self, app, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = ""
        for key, value in scope.get("headers", []):
            if key == b"host":
                host = value.decode("latin-1").lower()
                break
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]")
        if name not in self.allowed:
            return await _send_error(send, 400, Errors.E400, Errors.E400.format(reason=f"host {name[:100]!r} is not served here"))
        await self.app(scope, receive, send)


class TokenBucket:
    """Per-key token bucket: ``rate`` tokens a second, at most ``burst`` saved up."""

    def __init__(self, rate: float, burst: float, max_keys: int = 10_000) -> None:
        self.rate, self.burst, self.max_keys = rate, burst, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0, now: Optional[float] = None) -> float:
        """0.0 when allowed, else the seconds to wait before ``cost`` tokens are there."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= cost:
                self._buckets[key] = (tokens - cost, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > self.max_keys:
                # Bounded memory under many client addresses: forget the full buckets.
                self._buckets = {k: v for k, v in self._buckets.items() if v[0] < self.burst}
            return (cost - tokens) / self.rate


def is_extract(scope) -> bool:  # noqa: ANN001
    """A request that runs the NLP pipeline (the API's and the page's extract)."""
    return scope.get("method") == "POST" and scope.get("path", "").rstrip("/") in ("/api/extract", "/extract")


def declared_length(scope) -> Optional[int]:  # noqa: ANN001
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return max(0, int(value))
            except ValueError:
                return None
    return None


class RateLimit:
    """429 (E429) with Retry-After when a client address spends its bucket.

    ``POST /api/extract`` and ``POST /extract`` run the NLP pipeline, so they cost
    ``extract_cost`` tokens instead of one, and are charged by size too: a second,
    per-client bucket of ``extract_bytes_per_s`` bytes a second (at most ``max_body``
    saved up, so one request of the largest size is always possible) pays for the body.
    A 900 kB article costs about a minute of the pipeline; at the default 20 kB/s the
    same client's next extract waits ~45 s. A body without Content-Length is charged as
    the largest allowed.
    """

    def __init__(self, app, rate: float, burst: float, extract_cost: float = 10.0,
                 extract_bytes_per_s: Optional[float] = None, max_body: int = 2 * 1024 * 1024) -> None:
        self.app = app
        self.bucket = TokenBucket(rate, max(burst, extract_cost))
        self.extract_cost = extract_cost
        self.max_body = max_body
        self.size_bucket = TokenBucket(extract_bytes_per_s, float(max_body)) if extract_bytes_per_s else None

    def extract_bytes(self, scope) -> float:  # noqa: ANN001
        n = declared_length(scope)
        return float(min(self.max_body, self.max_body if n is None else n))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("?", 0))[0]
        extract = is_extract(scope)
        cost = self.extract_cost if extract else 1.0
        wait = self.bucket.take(client, cost)
        if wait <= 0 and extract and self.size_bucket is not None:
            wait = self.size_bucket.take(client, self.extract_bytes(scope))
        if wait > 0:
            retry = max(1, math.ceil(wait))
            return await _send_error(send, 429, Errors.E429, Errors.E429.format(retry=retry),
                                     [(b"retry-after", str(retry).encode())])
        await self.app(scope, receive, send)


class ExtractGate:
    """At most ``limit`` extract requests in the server at once (all clients together);
    the next gets 503 (E503) with Retry-After at once instead of queueing: each one may
    hold the pipeline for a minute and a few GB."""

    def __init__(self, app, limit: int = 2, retry: int = 5) -> None:
        self.app = app
        self.limit, self.retry = limit, retry
        self.running = 0
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not is_extract(scope):
            return await self.app(scope, receive, send)
        with self._lock:
            admitted = self.running < self.limit
            if admitted:
                self.running += 1
        if not admitted:
            return await _send_error(send, 503, Errors.E503, Errors.E503.format(limit=self.limit, retry=self.retry),
                                     [(b"retry-after", str(self.retry).encode())])
        try:
            await self.app(scope, receive, send)
        finally:
            with self._lock:
                self.running -= 1
