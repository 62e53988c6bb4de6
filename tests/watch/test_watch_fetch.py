"""The watcher's HTTP side against a real HTTP server on 127.0.0.1: compressed sitemaps and
pages (and compression bombs), the per-host rate limit, robots.txt Crawl-delay, and the
webhook's retries at later polls.

No test times anything: polls are due by a fake clock the test advances, and the spacing of
requests is read from the times the server itself recorded, on a fake clock that only the
fetcher's (injected) sleep moves."""

from __future__ import annotations

import gzip
import zlib


from sitrep.watch import Fetcher, Watcher, parse_rules, parse_sources
from sitrep.watch.runner import MAX_LISTING_BYTES

from watch_server import T0, Clock, quoted, shelling, watcher
from watch_server import Answer, Server, rss, sitemap


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, mtime=0)


def bomb(size: int = 100 * 1024 * 1024) -> bytes:
    """``size`` zero bytes gzip-compressed (about 100 kB for 100 MiB)."""
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\x00" * (1 << 20)
    return b"".join([c.compress(block) for _ in range(size >> 20)] + [c.flush()])


def by_tail(rows: list[dict], key: str = "url") -> dict:
    return {r[key].rsplit("/", 1)[1]: r for r in rows}


# -- compression -----------------------------------------------------------------------------------
def test_gzipped_sitemaps_and_pages_are_read_and_a_compression_bomb_stops_at_the_cap(server, tmp_path):
    u = server.url
    day = "2025-03-03"
    big = bomb()
    # A .xml.gz file served as application/x-gzip (no Content-Encoding): unpacked by the watcher.
    server.route("/sitemap.xml.gz", gz(sitemap([("/g1", day)], u)), ctype="application/x-gzip")
    # A sitemap sent with Content-Encoding: gzip (the transport's compression), listing a page
    # sent the same way and a page whose compressed body unpacks to 100 MiB.
    server.route("/news.xml", gz(sitemap([("/g2", day), ("/gbomb", day)], u)), ctype="application/xml",
                 headers={"Content-Encoding": "gzip"})
    # A .xml.gz file sent with Content-Encoding: gzip as well (compressed twice): both undone.
    server.route("/double.xml.gz", gz(gz(sitemap([("/g3", day)], u))), ctype="application/x-gzip",
                 headers={"Content-Encoding": "gzip"})
    # Bombs: 100 MiB of zeros in about 100 kB, as a .gz file and as Content-Encoding.
    server.route("/bomb.xml.gz", big, ctype="application/x-gzip")
    server.route("/bomb.xml", big, ctype="application/xml", headers={"Content-Encoding": "gzip"})
    # A compressed body cut short.
    cut = gz(sitemap([("/g9", day)], u))[:-20]
    cut_at = len(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut))  # what unpacks before the cut
    server.route("/cut.xml", cut, ctype="application/xml", headers={"Content-Encoding": "gzip"})
    server.route("/g1", shelling(1, day))
    server.route("/g2", gz(shelling(2, day)), headers={"Content-Encoding": "gzip"})
    server.route("/g3", shelling(3, day))
    server.route("/gbomb", big, headers={"Content-Encoding": "gzip"})
    clock = Clock()
    urls = [u + p for p in ("/sitemap.xml.gz", "/news.xml", "/double.xml.gz", "/bomb.xml.gz", "/bomb.xml", "/cut.xml")]
    w = watcher(tmp_path / "gz.db", urls, clock, interval=60)
    rep = w.run_round()
    assert (rep.polled, rep.source_errors, rep.articles, rep.item_errors) == (6, 3, 3, 1)
    assert sorted(a["published"] for a in w.store.list_articles()) == [day] * 3
    texts = " ".join(w.store.get_article(a["id"])["text"] for a in w.store.list_articles())
    assert all(town in texts for town in ("Kupiansk", "Lyman", "Izium"))
    cap, page_cap = MAX_LISTING_BYTES, 20 * 1024 * 1024
    # One error row each, naming the URL, the code and the cap.
    assert sorted((e["code"], e["reason"]) for e in w.store.errors()) == sorted([
        ("E005", f"{u}/bomb.xml.gz: E005: document too large: more than {cap} bytes (limit {cap})"),
        ("E005", f"{u}/bomb.xml: E005: document too large: more than {cap} bytes (limit {cap})"),
        ("E005", f"{u}/gbomb: E005: document too large: more than {page_cap} bytes (limit {page_cap})"),
        ("E010", f"{u}/cut.xml: E010: file not found or unreadable: truncated gzip body (Content-Encoding) after {cut_at} bytes"),
    ])
    src = by_tail(w.state.sources())
    assert src["bomb.xml.gz"]["last_error"] == f"{u}/bomb.xml.gz: E005: document too large: more than {cap} bytes (limit {cap})"
    assert (src["bomb.xml"]["failures"], src["sitemap.xml.gz"]["failures"], src["sitemap.xml.gz"]["kind"]) == (1, 0, "sitemap")
    items = by_tail(w.state.items())
    assert (items["gbomb"]["status"], items["gbomb"]["error_code"]) == ("failed", "E005")
    # The bomb is not retried as a page; as a source it is polled again (backing off), and the
    # same error adds no second row.
    clock.advance(121)
    rep2 = w.run_round()
    assert (rep2.polled, rep2.source_errors) == (6, 3)
    assert server.gets("/gbomb") == 1 and server.gets("/bomb.xml.gz") == 2
    assert len(w.store.errors()) == 4
    w.close()


def test_fetcher_body_cap_counts_unpacked_bytes(server):
    server.route("/plain", b"x" * 1000)
    server.route("/packed", gz(b"y" * 1000), headers={"Content-Encoding": "gzip"})
    server.route("/deflated", zlib.compress(b"z" * 1000), headers={"Content-Encoding": "deflate"})
    server.route("/odd", b"abc", headers={"Content-Encoding": "br"})
    f = Fetcher(min_delay=0, robots=False)
    assert [len(f.get(server.url + p).body) for p in ("/plain", "/packed", "/deflated")] == [1000, 1000, 1000]
    small = [f.get(server.url + p, max_bytes=999) for p in ("/plain", "/packed")]
    assert [(r.ok, r.problem.code, r.error) for r in small] == \
        [(False, "E005", "document too large: more than 999 bytes (limit 999)")] * 2
    odd = f.get(server.url + "/odd")
    assert (odd.ok, odd.problem.code, odd.error) == (False, "E010", "file not found or unreadable: unsupported Content-Encoding 'br'")
    f.close()


# -- politeness: per-host spacing and Crawl-delay --------------------------------------------------
class FakeTime:
    """A monotonic clock that only ``sleep`` moves: the fetcher waits on it, the servers stamp
    requests with it, so the recorded gaps are exactly the waits the fetcher asked for."""

    def __init__(self) -> None:
        self.t = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds


def test_per_host_rate_limit_and_robots_crawl_delay_space_requests_per_host(tmp_path):
    t = FakeTime()
    with Server(clock=t) as a, Server(clock=t) as b:  # two hosts (another port is another host)
        a.route("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
        b.route("/robots.txt", "User-agent: *\nCrawl-delay: 12\n", ctype="text/plain")
        for s, n in ((a, 3), (b, 2)):
            for i in range(n):
                s.route(f"/p{i}", shelling(20 + i + 3 * (s is b)))
            s.route("/feed.xml", rss([(f"/p{i}", f"p{i}", "Mon, 03 Mar 2025 08:00:00 GMT") for i in range(n)], s.url))
        fetcher = Fetcher(min_delay=5, timeout=5, clock=t, sleep=t.sleep)
        w = Watcher(str(tmp_path / "rate.db"), parse_sources([a.url + "/feed.xml", b.url + "/feed.xml"]),
                    fetcher=fetcher, clock=Clock(), interval=3600)
        rep = w.run_round()
        w.close()
        assert rep.articles == 5
        paths = {s: [p for p, _ in s.stamps] for s in (a, b)}
        assert paths[a] == ["/robots.txt", "/feed.xml", "/p0", "/p1", "/p2"]
        assert paths[b] == ["/robots.txt", "/feed.xml", "/p0", "/p1"]
        gaps = {s: [round(y - x, 6) for (_, x), (_, y) in zip(s.stamps, s.stamps[1:])] for s in (a, b)}
        # Host a: --rate 5 s between two of its requests (never less, and exactly 5 when the
        # fetcher had to wait); host b: its Crawl-delay of 12 s (longer than --rate) from the
        # request after its robots.txt on.
        assert min(gaps[a]) == 5.0 and all(g >= 5.0 for g in gaps[a])
        assert min(gaps[b]) == 12.0 and all(g >= 12.0 for g in gaps[b])
        # The limit is per host: a request to one host never waits for the other host's turn.
        merged = sorted([(x, "a") for _, x in a.stamps] + [(x, "b") for _, x in b.stamps])
        cross = [y - x for (x, hx), (y, hy) in zip(merged, merged[1:]) if hx != hy]
        assert min(cross) == 0.0
        # Every wait the fetcher asked for made up a gap that was due (no wait was wasted).
        assert t.t == max(merged)[0] and all(s > 0 for s in t.sleeps)


# -- the webhook: retries at later polls, then "failed" --------------------------------------------
QUOTE_RULE = {"rule": [{"name": "minister-quoted", "kind": "quote", "speaker": "Marchenko", "window": "day"}]}


def _hook_watcher(server, tmp_path, clock) -> Watcher:
    server.route("/q1", quoted())
    server.route("/feed.xml", rss([("/q1", "q", "Mon, 03 Mar 2025 09:00:00 GMT")], server.url))
    return watcher(tmp_path / "hook.db", [server.url + "/feed.xml"], clock, interval=3600,
                   rules=parse_rules(QUOTE_RULE), webhook=server.url + "/hook", webhook_backoff=0)


def _hook_state(w: Watcher) -> tuple:
    a = w.state.alerts()[0]
    return a["webhook_status"], a["webhook_attempts"], a["webhook_error"], a["webhook_next_try"]


def test_webhook_retried_at_later_polls_then_failed(server, tmp_path):
    server.route("/hook", b"down", status=503)
    clock = Clock()
    w = _hook_watcher(server, tmp_path, clock)
    posts = []
    for step in (0, 30, 31, 119, 1, 10_000):  # seconds to advance before each round
        clock.advance(step)
        w.run_round()
        posts.append(len(server.posts))
        if step == 0:
            assert _hook_state(w) == ("pending", 3, "HTTP 503", T0 + 60)
        if step == 31:  # 3 more at T0 + 61; the next wait doubles: 120 s
            assert _hook_state(w) == ("pending", 6, "HTTP 503", T0 + 61 + 120)
    # 3 POSTs in the first poll, none before the next try is due, 3 more, then the last 2
    # (8 in all), then never again.
    assert posts == [3, 3, 6, 6, 8, 8]
    assert _hook_state(w) == ("failed", 8, "HTTP 503", None)
    alert_id = w.state.alerts()[0]["id"]
    assert [body["alert"]["id"] for _, body in server.posts] == [alert_id] * 8
    assert w.state.count_alerts() == 1
    w.close()


def test_webhook_long_retry_after_waits_for_a_later_poll_and_a_refusal_is_final(server, tmp_path):
    server.route("/hook", b"{}", ctype="application/json", then=[Answer(b"slow down", 429, {"Retry-After": "600"})])
    clock = Clock()
    w = _hook_watcher(server, tmp_path, clock)
    w.run_round()  # one POST: the 429 asks for 600 s, longer than a wait within a poll
    assert (len(server.posts), _hook_state(w)) == (1, ("pending", 1, "HTTP 429", T0 + 600))
    clock.advance(300)
    w.run_round()
    assert len(server.posts) == 1  # not due yet
    clock.advance(301)
    w.run_round()
    assert (len(server.posts), _hook_state(w)) == (2, ("sent", 2, None, None))
    w.close()

    # A receiver that refuses (410 Gone): failed after one POST, not retried.
    server.route("/hook", b"gone", status=410)
    clock2 = Clock()
    w2 = watcher(tmp_path / "hook2.db", [server.url + "/feed.xml"], clock2, interval=3600,
                 rules=parse_rules(QUOTE_RULE), webhook=server.url + "/hook", webhook_backoff=0)
    w2.run_round()
    clock2.advance(10_000)
    w2.run_round()
    assert (len(server.posts), _hook_state(w2)) == (3, ("failed", 1, "HTTP 410", None))
    w2.close()
