"""HTTP for the watcher: one polite client (httpx).

* a clear User-Agent naming sitrep (``USER_AGENT``);
* robots.txt per host (``urllib.robotparser``), cached for a day: a 4xx robots.txt means no
  rules, a 5xx or an unreachable one means "do not crawl now" (RFC 9309 §2.3.1.3/4);
  ``Crawl-delay`` raises that host's spacing;
* a per-host rate limit (at least ``min_delay`` seconds between two requests to a host);
* conditional requests (``If-None-Match`` / ``If-Modified-Since``) when an ETag or a
  Last-Modified is known: a 304 costs no body;
* redirects followed by hand (at most ``MAX_REDIRECTS``), each hop checked against its
  host's robots.txt and rate limit;
* a timeout for connecting and for reading, a size limit on the body (streamed);
* ``Retry-After`` (seconds or an HTTP date) read from 429 and 5xx answers.

``Fetcher.get`` never raises for a network problem: the ``Response`` says what happened.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Optional
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..reader import MAX_BYTES
from .urls import host_of

USER_AGENT = f"sitrep-watch/{__version__} (+https://github.com/sitrep; news monitoring for analysts)"
ROBOTS_AGENT = "sitrep-watch"  # the token robots.txt rules name
MAX_REDIRECTS = 5
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 600.0  # a robots.txt that failed with 5xx is asked again after 10 min


@dataclass
class Response:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: Optional[int] = None  # None: no HTTP answer (timeout, refused, robots)
    headers: dict = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    error: Optional[str] = None  # why there is no usable body
    retry_after: Optional[float] = None  # seconds, from Retry-After
    blocked: bool = False  # robots.txt forbids the URL
    redirects: int = 0

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> Optional[str]:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> Optional[str]:
        return self.headers.get("last-modified")


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """``Retry-After: 120`` or ``Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`` -> seconds."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


@dataclass
class _Robots:
    parser: Optional[RobotFileParser]  # None: everything allowed
    expires: float
    disallow_all: bool = False


class Fetcher:
    """A polite HTTP client shared by every source and article of one watcher."""

    def __init__(self, user_agent: str = USER_AGENT, timeout: float = 20.0, min_delay: float = 1.0,
                 max_bytes: int = MAX_BYTES, robots: bool = True, stop: Optional[threading.Event] = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.min_delay = min_delay
        self.max_bytes = max_bytes
        self.robots = robots
        self.stop = stop or threading.Event()
        self.clock = clock
        self._robots: dict[str, _Robots] = {}
        self._last: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self.requests = 0
        self.client = httpx.Client(headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
                                   timeout=httpx.Timeout(timeout), follow_redirects=False)

    def close(self) -> None:
        self.client.close()

    # -- politeness ----------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        delay = max(self.min_delay, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None and delay > 0:
            wait = last + delay - self.clock()
            if wait > 0:
                self.stop.wait(wait)
        self._last[host] = self.clock()

    def _robots_for(self, host: str) -> _Robots:
        now = time.time()
        cached = self._robots.get(host)
        if cached and cached.expires > now:
            return cached
        resp = self._request(host + "/robots.txt", {}, check_robots=False)
        if resp.status is not None and 200 <= resp.status < 300 and resp.error is None:
            rp = RobotFileParser()
            rp.parse(resp.body.decode("utf-8", "replace").splitlines())
            delay = rp.crawl_delay(ROBOTS_AGENT)
            if delay:
                self._delay[host] = float(delay)
            entry = _Robots(rp, now + ROBOTS_TTL)
        elif resp.status is not None and 400 <= resp.status < 500:
            entry = _Robots(None, now + ROBOTS_TTL)  # no robots.txt: no rules
        else:
            entry = _Robots(None, now + ROBOTS_RETRY, disallow_all=True)  # unreachable: wait
        self._robots[host] = entry
        return entry

    def allowed(self, url: str) -> bool:
        if not self.robots:
            return True
        entry = self._robots_for(host_of(url))
        if entry.disallow_all:
            return False
        return entry.parser is None or entry.parser.can_fetch(ROBOTS_AGENT, url)

    # -- requests ------------------------------------------------------------------------
    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, hops = url, 0
        while True:
            resp = self._request(current, headers, check_robots=True)
            resp.url, resp.redirects = url, hops
            if resp.status in (301, 302, 303, 307, 308) and resp.headers.get("location"):
                hops += 1
                if hops > MAX_REDIRECTS:
                    resp.error = f"more than {MAX_REDIRECTS} redirects"
                    return resp
                nxt = urljoin(current, resp.headers["location"])
                if not nxt.startswith(("http://", "https://")):
                    resp.error = f"redirect to a non-HTTP location {nxt[:200]!r}"
                    return resp
                if host_of(nxt) != host_of(current):
                    headers = {}  # validators belong to the first host's copy
                current = nxt
                continue
            return resp

    def _request(self, url: str, headers: dict, check_robots: bool) -> Response:
        resp = Response(url=url, final_url=url)
        if check_robots and not self.allowed(url):
            resp.blocked = True
            resp.error = "robots.txt disallows this URL"
            return resp
        host = host_of(url)
        self._wait_turn(host)
        self.requests += 1
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                resp.status = r.status_code
                resp.headers = {k.lower(): v for k, v in r.headers.items()}
                if r.status_code == 200:
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            resp.error = f"body larger than {self.max_bytes} bytes"
                            return resp
                        chunks.append(chunk)
                    resp.body = b"".join(chunks)
        except httpx.TimeoutException:
            resp.status = None
            resp.error = f"timed out after {self.timeout:g} s"
            return resp
        except httpx.HTTPError as exc:
            resp.status = None
            resp.error = f"{type(exc).__name__}: {str(exc)[:200] or 'connection failed'}"
            return resp
        if resp.status in (429, 500, 502, 503, 504):
            resp.retry_after = parse_retry_after(resp.headers.get("retry-after"))
        if resp.status not in (200, 304) and not (300 <= (resp.status or 0) < 400):
            resp.error = f"HTTP {resp.status}"
        return resp
