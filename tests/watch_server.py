"""A real HTTP server on 127.0.0.1 for the watcher's tests (ThreadingHTTPServer in a thread).

Routes are set by the test and can change between polls: ``server.route(path, body, ...)``.
Each route may give a status, headers, an ETag (then If-None-Match gets a 304), a delay,
or a list of answers used one after the other (a 500 then a 200). Every request is logged
as (path, headers), so a test can count exactly what was fetched, and stamped with the
server's ``clock`` (``stamps``: (path, time) in arrival order; a test may give a fake clock).

The articles are invented for these tests (no third-party text).
"""

from __future__ import annotations

import html
import sys
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional

from sitrep.watch import Watcher, parse_sources


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    etag: Optional[str] = None
    delay: float = 0.0


class Server:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.log: list[tuple[str, dict]] = []
        self.clock = clock
        self.stamps: list[tuple[str, float]] = []  # (path, clock()) of every request as it arrived
        self.posts: list[tuple[str, dict]] = []  # (path, JSON body) of POSTs (the webhook receiver)
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # noqa: ANN002
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer._answer(self)

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(n)
                outer._answer(self, json.loads(data or b"null"))

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:  # noqa: ANN001
                import sys

                if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
                    super().handle_error(request, client_address)  # a client that hung up is no error

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.httpd.shutdown()
        self.httpd.server_close()

    def route(self, path: str, body: bytes | str = b"", status: int = 200, ctype: str = "text/html; charset=utf-8",
              etag: Optional[str] = None, delay: float = 0.0, headers: Optional[dict] = None,
              then: Optional[list[Answer]] = None) -> None:
        """Serve ``path``; ``then``: answers used in turn before this one (it stays last)."""
        body = body.encode("utf-8") if isinstance(body, str) else body
        hdrs = {"Content-Type": ctype, **(headers or {})}
        with self.lock:
            self.routes[path] = list(then or []) + [Answer(body, status, hdrs, etag, delay)]

    def gets(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.log if p == path)

    def requests(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.log]

    def _answer(self, h: BaseHTTPRequestHandler, posted=None) -> None:  # noqa: ANN001
        with self.lock:
            self.log.append((h.path, dict(h.headers)))
            self.stamps.append((h.path, self.clock()))
            if h.command == "POST":
                self.posts.append((h.path, posted))
            answers = self.routes.get(h.path)
            ans = (answers.pop(0) if len(answers) > 1 else answers[0]) if answers else Answer(b"not found", 404)
        if ans.delay:
            time.sleep(ans.delay)
        if ans.etag and h.headers.get("If-None-Match") == ans.etag and ans.status == 200:
            h.send_response(304)
            h.send_header("ETag", ans.etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        try:
            h.send_response(ans.status)
            for k, v in ans.headers.items():
                h.send_header(k, v)
            if ans.etag:
                h.send_header("ETag", ans.etag)
            h.send_header("Content-Length", str(len(ans.body)))
            h.end_headers()
            h.wfile.write(ans.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


# -- invented content --------------------------------------------------------------------------
def article_html(title: str, published: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<meta property='article:published_time' content='{published}T08:00:00Z'></head>"
            f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1><time datetime='{published}'>{published}</time>{body}</article>"
            f"<footer>Copyright The Test Courier</footer></body></html>")


def rss(items: list[tuple[str, str, str]], base: str) -> str:
    """items: (path, title, RFC 822 date)."""
    parts = "".join(f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>"
                    for p, t, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Test Courier</title>"
            f"<link>{base}/</link><description>invented news</description>{parts}</channel></rss>")


def atom(items: list[tuple[str, str, str]], base: str) -> str:
    """items: (path, title, ISO updated)."""
    parts = "".join(f"<entry><title>{html.escape(t)}</title><link href='{base}{p}'/><id>{base}{p}</id>"
                    f"<updated>{u}</updated></entry>" for p, t, u in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Test Wire</title><id>{base}/atom</id><updated>2025-03-03T00:00:00Z</updated>{parts}</feed>")


def sitemap(items: list[tuple[str, str]], base: str, news: bool = True) -> str:
    """items: (path, lastmod / publication date)."""
    ns = " xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'" if news else ""
    parts = ""
    for p, d in items:
        extra = (f"<news:news><news:publication><news:name>Test Courier</news:name><news:language>en</news:language>"
                 f"</news:publication><news:publication_date>{d}</news:publication_date></news:news>") if news else ""
        parts += f"<url><loc>{base}{p}</loc><lastmod>{d}</lastmod>{extra}</url>"
    return (f"<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
            f"{ns}>{parts}</urlset>")


def sitemap_index(paths: list[str], base: str) -> str:
    parts = "".join(f"<sitemap><loc>{base}{p}</loc></sitemap>" for p in paths)
    return f"<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{parts}</sitemapindex>"


# -- shared by the watcher's test files ---------------------------------------------------------

SITREP = [sys.executable, "-m", "sitrep.cli"]
T0 = 1_741_000_000.0  # the fake clock's start (2025-03-03)


class Clock:
    def __init__(self, t: float = T0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


# Invented news (fictional people and events, written for these tests).
PLACES = ["Vovchansk", "Kupiansk", "Lyman", "Izium", "Balakliia", "Chuhuiv", "Zolochiv", "Derhachi",
          "Bohodukhiv", "Lozova", "Pivdenne", "Merefa", "Valky", "Krasnohrad"]


def shelling(i: int, day: str = "2025-03-03") -> str:
    place = PLACES[i % len(PLACES)]
    return article_html(f"Shelling reported in {place}", day, [
        f"Russian forces shelled the Ukrainian town of {place} on Monday, killing {i + 2} civilians, "
        f"Ukraine's emergency service said.",
        f"Rescue teams searched {i + 3} damaged buildings in {place} until late in the evening, "
        f"and local officials said schools would stay closed for the rest of the week.",
    ])


def quoted(day: str = "2025-03-03", what: str = "every attack on our towns") -> str:
    return article_html("Minister vows response", day, [
        f"\"We will answer {what},\" Defence Minister Oksana Marchenko told reporters in Kyiv on Monday.",
        "She said new air defence units would reach the north-eastern region within days, and that "
        "officials were counting the damage.",
    ])


def watcher(db, server_or_urls, clock, **kw) -> Watcher:
    urls = server_or_urls if isinstance(server_or_urls, list) else [server_or_urls]
    kw.setdefault("min_delay", 0)
    kw.setdefault("timeout", 5)
    return Watcher(str(db), parse_sources(urls), clock=clock, **kw)
