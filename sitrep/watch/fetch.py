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
* a timeout for connecting and for reading, a size limit on the body (streamed, and counted
  after ``Content-Encoding: gzip``/``deflate`` is undone here chunk by chunk, so a
  compression bomb stops at the limit: an ``E005`` in ``Response.problem``);
* ``Retry-After`` (seconds or an HTTP date) read from 429 and 5xx answers.

``Fetcher.get`` never raises for a network problem: the ``Response`` says what happened.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Optional
from urllib.parse import urljoin
from urllib.robotparser import RobotFileParser

import httpx

from .. import __version__
from ..errors import Errors, InputError
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
    problem: Optional[InputError] = None  # the body is unusable as such: E005 too large, E010 bad compression

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
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Optional[Callable[[float], object]] = None) -> None:
        """``clock`` and ``sleep`` pace the per-host spacing (default: monotonic time and a
        wait that ends early when ``stop`` is set); a test may pass a fake pair."""
        self.user_agent = user_agent
        self.timeout = timeout
        self.min_delay = min_delay
        self.max_bytes = max_bytes
        self.robots = robots
        self.stop = stop or threading.Event()
        self.clock = clock
        self.sleep = sleep
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
                if self.sleep is not None:
                    self.sleep(wait)
                else:
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
    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None,
            max_bytes: Optional[int] = None) -> Response:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given); the body may
        be at most ``max_bytes`` (default: the fetcher's) once its Content-Encoding is undone."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, hops = url, 0
        while True:
            resp = self._request(current, headers, check_robots=True, max_bytes=max_bytes)
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

    def _request(self, url: str, headers: dict, check_robots: bool, max_bytes: Optional[int] = None) -> Response:
        resp = Response(url=url, final_url=url)
        cap = self.max_bytes if max_bytes is None else max_bytes
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
                    resp.body, resp.problem = read_body(r, url, cap)
                    if resp.problem is not None:
                        resp.body, resp.error = b"", resp.problem.reason
                        return resp
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


def _encoding(header: str) -> Optional[str]:
    """The Content-Encoding to undo: None (identity), "gzip" or "deflate"; ValueError if other."""
    names = [e.strip().lower() for e in header.split(",") if e.strip() and e.strip().lower() != "identity"]
    if not names:
        return None
    if len(names) > 1 or names[0] not in ("gzip", "x-gzip", "deflate"):
        raise ValueError(f"unsupported Content-Encoding {header[:60]!r}")
    return "deflate" if names[0] == "deflate" else "gzip"


def _decompressor(kind: str, first: bytes = b""):  # noqa: ANN202
    if kind == "gzip":
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    # deflate is zlib-wrapped (RFC 9110); some servers send it raw
    wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)


def read_body(r: httpx.Response, url: str, cap: int) -> tuple[bytes, Optional[InputError]]:
    """The body of a streamed answer, its Content-Encoding undone here, at most ``cap`` bytes:
    each compressed chunk is unpacked with ``max_length``, so a compression bomb never holds
    more than ``cap`` bytes in memory. -> (body, None), or (b"", the E005 / E010 why not)."""
    try:
        kind = _encoding(r.headers.get("content-encoding", ""))
    except ValueError as exc:
        return b"", InputError(Errors.E010, url, reason=str(exc))
    chunks: list[bytes] = []
    size, d = 0, None
    try:
        for buf in r.iter_raw():
            while buf:
                if kind is None:
                    out, buf = buf, b""
                else:
                    if d is None or (d.eof and kind == "gzip"):  # the first (or a further) gzip member
                        if d is not None and not buf.strip(b"\x00"):
                            break  # zero padding after the last member
                        d = _decompressor(kind, buf)
                    elif d.eof:
                        break  # bytes after the end of a deflate stream
                    out = d.decompress(buf, cap + 1 - size)
                    buf = d.unused_data if d.eof else d.unconsumed_tail
                size += len(out)
                if size > cap:
                    return b"", InputError(Errors.E005, url, size=f"more than {cap}", limit=cap)
                chunks.append(out)
    except zlib.error as exc:
        return b"", InputError(Errors.E010, url, reason=f"corrupt {kind} body (Content-Encoding: {exc})")
    if d is not None and not d.eof:
        return b"", InputError(Errors.E010, url, reason=f"truncated {kind} body (Content-Encoding) after {size} bytes")
    return b"".join(chunks), None
