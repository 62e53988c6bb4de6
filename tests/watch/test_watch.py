"""The news watcher against a real HTTP server on 127.0.0.1 (no internet), a real store
(SQLite, and PostgreSQL where SITREP_TEST_PG_URL is set) and the real pipeline.

Time is a fake clock the test advances (polls are due by the clock, never by sleeping);
request counts come from the server's own log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.store import open_store
from sitrep.watch import Watcher, WatchState, canonical_url, parse_listing, parse_rules, parse_sources
from sitrep.watch.rules import previous_windows, window_bounds, window_of
from sitrep.watch.fetch import parse_retry_after

from watch_server import (SITREP, T0, Answer, Clock, Server, article_html, atom, quoted, rss, shelling, sitemap,
                          sitemap_index, watcher)

ROOT = Path(__file__).resolve().parents[2]
# -- pieces ---------------------------------------------------------------------------------------
def test_canonical_url_normalises_scheme_host_ports_tracking_fragments_and_slashes():
    assert canonical_url("HTTP://News.Example.COM:80/world/story-1/?utm_source=rss&utm_medium=x&id=7#comments") \
        == "http://news.example.com/world/story-1?id=7"
    assert canonical_url("https://example.com:443") == "https://example.com/"
    assert canonical_url("https://example.com:8443/a/./b/../c?fbclid=1&gclid=2&b=2&a=1") \
        == "https://example.com:8443/a/c?a=1&b=2"
    assert canonical_url("https://example.com/x%7e%20y") == "https://example.com/x~%20y"
    for bad in ("ftp://example.com/a", "/relative/path", "https://"):
        with pytest.raises(ValueError):
            canonical_url(bad)


def test_listings_rss_atom_news_sitemap_index_and_malformed():
    base = "http://h"
    feed = parse_listing(rss([("/a?utm_campaign=z", "A", "Mon, 03 Mar 2025 08:00:00 GMT")], base).encode(), base + "/f")
    assert (feed.kind, [(e.link, e.published, e.title) for e in feed.entries]) == \
        ("feed", [("http://h/a?utm_campaign=z", "2025-03-03", "A")])
    at = parse_listing(atom([("/b", "B", "2025-03-04T10:00:00Z")], base).encode(), base + "/atom")
    assert [(e.link, e.published, e.stamp) for e in at.entries] == [("http://h/b", "2025-03-04", "2025-03-04T10:00:00Z")]
    sm = parse_listing(sitemap([("/c", "2025-03-05")], base).encode(), base + "/s.xml")
    assert (sm.kind, [(e.link, e.published) for e in sm.entries]) == ("sitemap", [("http://h/c", "2025-03-05")])
    idx = parse_listing(sitemap_index(["/s1.xml", "/s2.xml"], base).encode(), base + "/i.xml")
    assert (idx.kind, [c.link for c in idx.children], idx.entries) == ("sitemapindex", ["http://h/s1.xml", "http://h/s2.xml"], [])
    bad = parse_listing(b"<rss version='2.0'><channel><item><title>broken</ti", base + "/f")
    assert bad.entries == [] and bad.error.startswith("malformed feed:")
    bad_sm = parse_listing(b"<?xml version='1.0'?><urlset><url><loc>http://h/x</loc></url>", base + "/s")
    assert bad_sm.error.startswith("malformed sitemap:")
    # An entity bomb is not expanded (no entity resolution, no network).
    bomb = (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
            b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><url><loc>http://h/&b;</loc></url></urlset>")
    assert all("aaaaaaaaaa" not in e.link for e in parse_listing(bomb, base).entries)


def test_retry_after_seconds_and_http_date():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 05 Mar 2025 10:02:00 GMT", now=1741168800.0) == 120.0
    assert parse_retry_after("soon") is None


def test_source_files_with_intervals_and_bad_arguments(tmp_path):
    f = tmp_path / "sources.txt"
    f.write_text("# news\nhttp://127.0.0.1:9/feed.xml\nhttp://127.0.0.1:9/sitemap.xml 5m  # fast\n", encoding="utf-8")
    specs = parse_sources([str(f), "http://127.0.0.1:9/other"])
    assert [(s.url, s.interval) for s in specs] == [("http://127.0.0.1:9/feed.xml", None),
                                                   ("http://127.0.0.1:9/sitemap.xml", 300.0),
                                                   ("http://127.0.0.1:9/other", None)]
    f.write_text("http://127.0.0.1:9/feed.xml 2s\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"E303: bad source list .*sources.txt:1: interval '2s' is under 10 s"):
        parse_sources([str(f)])
    with pytest.raises(ConfigError, match=r"E303: .*missing.txt"):
        parse_sources([str(tmp_path / "missing.txt")])
    with pytest.raises(ConfigError, match="E305: bad source ftp://x/y"):
        parse_sources(["ftp://x/y"])


def test_rules_are_checked_with_one_line_reasons_and_windows_are_calendar_periods():
    with pytest.raises(ConfigError, match=r"E304: .*rule 1 \(g\): give exactly one of below or above"):
        parse_rules({"rule": [{"name": "g", "kind": "goldstein", "dyad": ["RUS", "UKR"]}]})
    with pytest.raises(ConfigError, match=r"rule 1 \(x\): kind must be one of"):
        parse_rules({"rule": [{"name": "x", "kind": "nope"}]})
    with pytest.raises(ConfigError, match=r"unknown key\(s\) treshold"):
        parse_rules({"rule": [{"name": "c", "kind": "count", "event": "ASSAULT", "treshold": 2}]})
    with pytest.raises(ConfigError, match=r"rule 1 \(c\): unit must be one of events, articles"):
        parse_rules({"rule": [{"name": "c", "kind": "count", "event": "ASSAULT", "unit": "stories"}]})
    with pytest.raises(ConfigError, match=r"rule 1 \(q\): unit applies to count rules only"):
        parse_rules({"rule": [{"name": "q", "kind": "quote", "speaker": "X", "unit": "articles"}]})
    with pytest.raises(ConfigError, match=r"modality must be one or more of"):
        parse_rules({"rule": [{"name": "m", "kind": "modality", "actor": "RUSMIL", "modality": "likely"}]})
    assert window_of("2025-03-05", "week") == "2025-W10" and window_bounds("2025-W10", "week") == ("2025-03-03", "2025-03-09")
    assert window_bounds("2024-02", "month") == ("2024-02-01", "2024-02-29")
    assert previous_windows("2025-W01", "week", 2) == ["2024-W52", "2024-W51"]
    assert previous_windows("2025-03-01", "day", 2) == ["2025-02-28", "2025-02-27"]


# -- polling ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_feed_items_change_between_polls_304_and_an_updated_article_is_a_revision(server, tmp_path, request, backend):
    db = str(tmp_path / "w.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    clock = Clock()
    u = server.url
    server.route("/a1", shelling(1))
    server.route("/a2", shelling(2))
    items = [("/a1", "one", "Mon, 03 Mar 2025 08:00:00 GMT"), ("/a2?utm_source=rss", "two", "Mon, 03 Mar 2025 09:00:00 GMT")]
    server.route("/feed.xml", rss(items, u), ctype="application/rss+xml", etag='"v1"')
    w = watcher(db, u + "/feed.xml", clock, interval=60)
    r1 = w.run_round()
    assert (r1.polled, r1.new_items, r1.fetched, r1.articles) == (1, 2, 2, 2)
    # Not due yet: nothing is asked.
    clock.advance(30)
    assert w.run_round().polled == 0
    # Due: a conditional GET, answered 304.
    clock.advance(31)
    r3 = w.run_round()
    assert (r3.polled, r3.not_modified, r3.fetched) == (1, 1, 0)
    assert server.log[-1][1].get("If-None-Match") == '"v1"'
    # The feed changes: a new item, and a1 updated (new stamp, new text).
    server.route("/a3", shelling(3))
    server.route("/a1", shelling(1).replace("until late in the evening", "through the night"))
    items = [("/a1", "one", "Mon, 03 Mar 2025 12:00:00 GMT")] + items[1:] + [("/a3", "three", "Mon, 03 Mar 2025 13:00:00 GMT")]
    server.route("/feed.xml", rss(items, u), ctype="application/rss+xml", etag='"v2"')
    clock.advance(61)
    r4 = w.run_round()
    assert (r4.polled, r4.new_items, r4.fetched, r4.articles, r4.revisions) == (1, 2, 2, 2, 1)
    assert [server.gets(p) for p in ("/a1", "/a2", "/a2?utm_source=rss", "/a3", "/feed.xml")] == [2, 1, 0, 1, 3]
    st = WatchState(w.store)
    a1 = next(i for i in st.items() if i["url"].endswith("/a1"))
    revs = st.revisions(a1["key"])
    assert [r["n"] for r in revs] == [1, 2] and len({r["article_id"] for r in revs}) == 2
    # Both revisions are stored; the update joins the first version's cluster.
    arts = {a["id"]: a for a in w.store.list_articles(limit=10)}
    assert len(arts) == 4
    first, second = (w.store.get_article(r["article_id"]) for r in revs)
    assert "until late in the evening" in first["text"] and "through the night" in second["text"]
    src = st.sources()[0]
    assert (src["polls"], src["failures"], src["etag"], src["items"]) == (3, 0, '"v2"', {"done": 3})
    w.close()


def test_sitemap_index_news_sitemap_redirect_and_tracking_duplicates(server, tmp_path):
    clock = Clock()
    u = server.url
    server.route("/sitemap_index.xml", sitemap_index(["/news-sitemap.xml", "/old-sitemap.xml"], u), ctype="application/xml")
    server.route("/news-sitemap.xml", sitemap([("/s1", "2025-03-03"), ("/s2/", "2025-03-04")], u), ctype="application/xml")
    server.route("/old-sitemap.xml", b"", status=301, headers={"Location": "/moved-sitemap.xml"})
    server.route("/moved-sitemap.xml", sitemap([("/s2?fbclid=abc", "2025-03-04"), ("/s3", "2025-03-05")], u, news=False),
                 ctype="application/xml")
    server.route("/s1", shelling(4, "2025-03-03"))
    server.route("/s2/", shelling(5, "2025-03-04"))
    server.route("/s2", b"", status=301, headers={"Location": "/s2/"})
    server.route("/s3", b"", status=302, headers={"Location": "/story/s3-final"})
    server.route("/story/s3-final", shelling(6, "2025-03-05"))
    w = watcher(tmp_path / "s.db", u + "/sitemap_index.xml", clock)
    rep = w.run_round()
    assert rep.articles == 3
    kinds = sorted((s["url"].rsplit("/", 1)[1], s["kind"]) for s in w.state.sources())
    assert kinds == [("news-sitemap.xml", "sitemap"), ("old-sitemap.xml", "sitemap"), ("sitemap_index.xml", "sitemapindex")]
    assert server.gets("/old-sitemap.xml") == 1 and server.gets("/moved-sitemap.xml") == 1
    # /s2/ and /s2?fbclid=abc are one canonical URL: fetched once, as the first listing to name
    # it wrote it, without the tracking parameter (/s2 redirects to /s2/).
    assert (server.gets("/s2/"), server.gets("/s2?fbclid=abc")) == (1, 0)
    assert server.gets("/s3") == 1 and server.gets("/story/s3-final") == 1
    items = {i["url"].rsplit("/", 1)[1]: i for i in w.state.items()}
    assert items["s3"]["final_url"] == u + "/story/s3-final" and items["s3"]["status"] == "done"
    # News sitemap dates become the articles' publication dates.
    assert sorted(a["published"] for a in w.store.list_articles()) == ["2025-03-03", "2025-03-04", "2025-03-05"]
    w.close()


def test_slow_source_500_then_recovery_retry_after_malformed_feed_and_robots(server, tmp_path):
    clock = Clock()
    u = server.url
    server.route("/slow.xml", rss([("/x1", "x", "Mon, 03 Mar 2025 08:00:00 GMT")], u), delay=3)
    server.route("/flaky.xml", rss([("/f1", "f", "Mon, 03 Mar 2025 08:00:00 GMT"),
                                    ("/private/p1", "p", "Mon, 03 Mar 2025 08:00:00 GMT")], u),
                 then=[Answer(b"oops", 500)])
    server.route("/busy.xml", b"busy", status=503, headers={"Retry-After": "500"})
    server.route("/bad.xml", b"<rss version='2.0'><channel><item><title>cut off", ctype="application/rss+xml")
    server.route("/f1", shelling(7), then=[Answer(b"oops", 500)])
    server.route("/private/p1", shelling(8))
    w = watcher(tmp_path / "e.db", [u + p for p in ("/slow.xml", "/flaky.xml", "/busy.xml", "/bad.xml")], clock,
                interval=100, timeout=0.5, item_retry=10)
    r1 = w.run_round()
    assert (r1.polled, r1.source_errors) == (4, 4)
    src = {s["url"].rsplit("/", 1)[1]: s for s in w.state.sources()}
    assert src["slow.xml"]["last_error"] == "timed out after 0.5 s" and src["slow.xml"]["next_due"] == T0 + 100
    assert (src["flaky.xml"]["last_status"], src["flaky.xml"]["failures"]) == (500, 1)
    # Retry-After (500 s) is longer than the interval: it wins.
    assert (src["busy.xml"]["last_error"], src["busy.xml"]["next_due"]) == ("HTTP 503", T0 + 500)
    assert src["bad.xml"]["last_error"].startswith("malformed feed:") and src["bad.xml"]["kind"] == "feed"
    # Next round: the flaky feed recovers; its article answers 500 once, then is retried.
    server.route("/slow.xml", rss([("/x1", "x", "Mon, 03 Mar 2025 08:00:00 GMT")], u))
    server.route("/x1", shelling(9))
    clock.advance(101)
    r2 = w.run_round()
    src = {s["url"].rsplit("/", 1)[1]: s for s in w.state.sources()}
    assert (src["flaky.xml"]["failures"], src["flaky.xml"]["last_error"]) == (0, None)
    assert src["bad.xml"]["failures"] == 2 and src["bad.xml"]["next_due"] == T0 + 101 + 200  # backs off: 2 x interval
    assert src["busy.xml"]["polls"] == 1  # not due until its Retry-After
    assert (r2.articles, r2.item_errors) == (1, 2)  # x1 stored; f1 answered 500; p1 forbidden by robots.txt
    items = {i["url"].rsplit("/", 1)[1]: i for i in w.state.items()}
    assert (items["f1"]["status"], items["f1"]["http_status"], items["f1"]["next_try"]) == ("error", 500, T0 + 101 + 10)
    assert items["p1"]["status"] == "blocked" and server.gets("/private/p1") == 0
    clock.advance(11)
    r3 = w.run_round()
    assert (r3.polled, r3.articles) == (0, 1) and server.gets("/f1") == 2
    errors = {e["source"].rsplit("/", 1)[1]: e["code"] for e in w.store.errors()}
    assert errors == {"p1": "E012"}
    w.close()


def test_a_page_that_is_not_text_becomes_an_error_row_and_a_404_is_final(server, tmp_path):
    clock = Clock()
    u = server.url
    server.route("/feed.xml", rss([("/bin", "b", "Mon, 03 Mar 2025 08:00:00 GMT"),
                                   ("/gone", "g", "Mon, 03 Mar 2025 08:00:00 GMT")], u))
    server.route("/bin", bytes(range(256)) * 20, ctype="application/octet-stream")
    w = watcher(tmp_path / "b.db", u + "/feed.xml", clock)
    w.run_round()
    errors = {e["source"].rsplit("/", 1)[1]: e["code"] for e in w.store.errors()}
    assert errors == {"bin": "E003", "gone": "E011"}
    items = {i["url"].rsplit("/", 1)[1]: i["status"] for i in w.state.items()}
    assert items == {"bin": "done", "gone": "failed"}
    w.close()


# -- alerts ------------------------------------------------------------------------------------------
RULES = {"rule": [
    {"name": "rus-ukr-hostile", "kind": "goldstein", "dyad": ["RUS", "UKR"], "below": -5.0, "window": "week"},
    {"name": "assault-spike", "kind": "count", "event": "ASSAULT", "actor": "RUS", "factor": 2.0, "baseline": 3,
     "min_count": 2, "window": "day"},
    {"name": "assault-articles", "kind": "count", "event": "ASSAULT", "actor": "RUS", "unit": "articles",
     "min_count": 2, "window": "day"},
    {"name": "minister-quoted", "kind": "quote", "speaker": "Marchenko", "window": "day"},
    {"name": "rus-mil-reported", "kind": "modality", "actor": "RUSMIL", "modality": ["reported", "asserted"],
     "event": "ASSAULT", "window": "week"},
    {"name": "never", "kind": "quote", "speaker": "Nobody Atall", "window": "day"},
]}


def test_alert_rules_fire_exactly_once_per_rule_and_window_to_a_webhook(server, tmp_path):
    clock = Clock()
    u = server.url
    server.route("/hook", b'{"ok": true}', ctype="application/json", then=[Answer(b"down", 503)])
    items = [(f"/n{i}", f"n{i}", "Mon, 03 Mar 2025 08:00:00 GMT") for i in range(2)] + \
        [("/q1", "q", "Mon, 03 Mar 2025 09:00:00 GMT")]
    for i in range(2):
        server.route(f"/n{i}", shelling(10 + i))
    server.route("/q1", quoted())
    server.route("/feed.xml", rss(items, u))
    seen: list[dict] = []
    w = watcher(tmp_path / "a.db", u + "/feed.xml", clock, interval=60, rules=parse_rules(RULES),
                webhook=u + "/hook", webhook_backoff=0, on_alert=seen.append)
    r1 = w.run_round()
    assert r1.alerts == 5 and r1.webhooks_sent == 5
    fired = {a["rule"]: a for a in w.state.alerts()}
    assert sorted(fired) == ["assault-articles", "assault-spike", "minister-quoted", "rus-mil-reported", "rus-ukr-hostile"]
    # unit "events" (the default) counts coded events, which may be several per article;
    # unit "articles" counts the two articles that report them.
    day = {"type": "ASSAULT", "since": "2025-03-03", "until": "2025-03-03", "limit": 100}
    assaults = {(e["article_id"], e["id"]): e for e in w.store.events(source="RUS", **day) + w.store.events(target="RUS", **day)}
    assaults = list(assaults.values())
    assert fired["assault-spike"]["window"] == "2025-03-03" and fired["assault-spike"]["value"] == float(len(assaults))
    assert len({e["article_id"] for e in assaults}) == 2 and len(assaults) >= 2
    assert fired["assault-articles"]["value"] == 2.0 and fired["assault-articles"]["threshold"] == 0.0
    assert fired["assault-articles"]["message"].startswith("2 articles with ASSAULT events involving RUS in 2025-03-03")
    assert sorted(fired["assault-articles"]["event_ids"]) == sorted(fired["assault-spike"]["event_ids"])
    assert fired["rus-ukr-hostile"]["window"] == "2025-W10" and fired["rus-ukr-hostile"]["value"] < -5.0
    assert fired["minister-quoted"]["quote_ids"] and fired["rus-mil-reported"]["event_ids"]
    assert all(a["webhook_status"] == "sent" for a in fired.values())
    # The receiver saw each alert once with success (the first POST got a 503 and was retried).
    posts = [body["alert"]["rule"] for path, body in server.posts]
    assert len(posts) == 6 and sorted(set(posts)) == sorted(fired)
    assert [a["rule"] for a in seen] == [a["rule"] for a in sorted(fired.values(), key=lambda a: a["seq"])]
    # More of the same in the same windows: no new alert, nothing posted again.
    server.route("/n2", shelling(12))
    server.route("/feed.xml", rss(items + [("/n2", "n2", "Mon, 03 Mar 2025 10:00:00 GMT")], u))
    clock.advance(61)
    r2 = w.run_round()
    assert (r2.articles, r2.alerts, len(server.posts)) == (1, 0, 6)
    # A quote in a new day window fires that rule again, once.
    server.route("/q2", quoted("2025-03-04", "the strikes on the port of Odesa"))
    server.route("/feed.xml", rss(items + [("/q2", "q2", "Tue, 04 Mar 2025 09:00:00 GMT")], u))
    clock.advance(61)
    r3 = w.run_round()
    assert r3.alerts == 1 and w.state.alerts()[0]["window"] == "2025-03-04" and len(server.posts) == 7
    w.close()


# -- processes: kill -9, two watchers, SIGTERM ------------------------------------------------------
def _feed_of(server, n: int, hang: int | None = None) -> None:
    u = server.url
    for i in range(n):
        server.route(f"/k{i:02d}", shelling(i), delay=120 if i == hang else 0.05)
    server.route("/feed.xml", rss([(f"/k{i:02d}", f"k{i}", "Mon, 03 Mar 2025 08:00:00 GMT") for i in range(n)], u))


def _wait(pred, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


def _watch_cmd(server, db, *extra) -> list[str]:
    return SITREP + ["watch", server.url + "/feed.xml", "--db", str(db), "--rate", "0", "--timeout", "300", "--json", *extra]


@pytest.mark.slow
def test_watcher_killed_mid_round_resumes_without_refetching_or_losing_an_item(server, tmp_path):
    db = tmp_path / "k.db"
    _feed_of(server, 10, hang=6)
    proc = subprocess.Popen(_watch_cmd(server, db, "--once", "--batch-size", "16"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        # k06 hangs: k00..k05 have been fetched and committed, none ingested yet.
        _wait(lambda: server.gets("/k06") == 1 or proc.poll() is not None)
        assert proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    store = open_store(str(db))
    st = WatchState(store)
    statuses = {i["url"].rsplit("/", 1)[1]: i["status"] for i in st.items()}
    assert statuses == {f"k{i:02d}": "fetched" if i < 6 else "claimed" for i in range(10)}, statuses
    assert store.stats()["articles"] == 0
    store.close()
    server.route("/k06", shelling(6))  # answers now
    out = subprocess.run(_watch_cmd(server, db, "--once"), capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    # Every page fetched once (k06's first request was never answered), all ten stored.
    assert [server.gets(f"/k{i:02d}") for i in range(10)] == [1] * 6 + [2] + [1] * 3
    assert server.gets("/feed.xml") == 1
    store = open_store(str(db))
    assert store.stats()["articles"] == 10 and store.stats()["errors"] == 0
    assert sorted({i["status"] for i in WatchState(store).items()}) == ["done"]
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_watchers_on_one_store_never_fetch_an_item_twice(server, tmp_path, request, backend):
    # Two `sitrep watch` processes on one store: a SQLite file, and one PostgreSQL schema
    # (skips with the reason when SITREP_TEST_PG_URL is unset).
    db = str(tmp_path / "two.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    open_store(db).close()
    _feed_of(server, 12)
    procs = [subprocess.Popen(_watch_cmd(server, db, "--once", "--batch-size", "2"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1] for o in outs]
    assert [server.gets(f"/k{i:02d}") for i in range(12)] == [1] * 12
    assert server.gets("/feed.xml") == 1  # the source is claimed too: one poll
    store = open_store(str(db))
    assert store.stats()["articles"] == 12
    owners = [json.loads(line)["round"]["fetched"] for out, _ in outs for line in out.splitlines() if '"round"' in line]
    assert sum(owners) == 12
    store.close()


def test_two_watchers_claims_on_postgresql_are_exclusive(pg_url):
    store = open_store(pg_url)
    a, b = WatchState(store), WatchState(store)
    a.add_sources(parse_sources(["http://127.0.0.1:9/feed.xml"]), 60, T0)
    sid = a.sources()[0]["id"]
    from sitrep.watch.listings import Entry

    a.note_entries(sid, [Entry(f"http://127.0.0.1:9/p{i}") for i in range(40)], T0)
    got: dict[str, list] = {"a": [], "b": []}

    def take(name, st):  # noqa: ANN001
        while True:
            rows = st.claim_items(T0, 3)
            if not rows:
                return
            got[name] += [r["key"] for r in rows]

    threads = [threading.Thread(target=take, args=(n, s)) for n, s in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got["a"]) + len(got["b"]) == 40 and not set(got["a"]) & set(got["b"])
    assert [a.claim_source(sid, T0), b.claim_source(sid, T0)] == [True, False]
    store.close()


@pytest.mark.slow
def test_sigterm_stops_the_loop_cleanly_and_releases_claims(server, tmp_path):
    db = tmp_path / "t.db"
    _feed_of(server, 3, hang=2)
    cmd = _watch_cmd(server, db, "--interval", "30s")
    cmd[cmd.index("--timeout") + 1] = "3"
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait(lambda: server.gets("/k02") == 1 or proc.poll() is not None)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    store = open_store(str(db))
    # k00 and k01 were fetched before the stop and are stored; the request in flight (k02)
    # ran into its timeout, and k02 waits for a retry, owned by nobody.
    assert store.stats()["articles"] == 2
    assert sorted((i["url"].rsplit("/", 1)[1], i["status"], i["owner"]) for i in WatchState(store).items()) == \
        [("k00", "done", None), ("k01", "done", None), ("k02", "error", None)]
    store.close()


def test_cli_usage_errors_come_before_anything_is_written(tmp_path):
    db = tmp_path / "never.db"
    bad_rules = tmp_path / "rules.toml"
    bad_rules.write_text('[[rule]]\nname = "x"\nkind = "goldstein"\n', encoding="utf-8")
    for args in (["watch", str(tmp_path / "nope.txt")], ["watch", "http://127.0.0.1:9/f", "--rules", str(bad_rules)],
                 ["watch", "http://127.0.0.1:9/f", "--interval", "1s"], ["watch", "http://127.0.0.1:9/f", "--webhook", "x"]):
        out = subprocess.run(SITREP + args + ["--db", str(db), "--once"], capture_output=True, text=True, timeout=120)
        assert out.returncode == 2, (args, out.stderr)
        assert "Traceback" not in out.stderr and "Error" in out.stderr
    assert not db.exists()


def test_sources_and_alerts_commands(server, tmp_path):
    db = tmp_path / "c.db"
    _feed_of(server, 2)
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nname = "assaults"\nkind = "count"\nevent = "ASSAULT"\nunit = "articles"\nmin_count = 1\n'
                     'window = "day"\n', encoding="utf-8")
    out = subprocess.run(_watch_cmd(server, db, "--once", "--rules", str(rules)), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [list(x)[0] for x in lines] == ["alert", "round"] and lines[0]["alert"]["rule"] == "assaults"
    src = json.loads(subprocess.run(SITREP + ["sources", "--db", str(db), "--json"], capture_output=True, text=True,
                                    timeout=120).stdout)
    assert [(s["url"], s["kind"], s["items"]) for s in src] == [(server.url + "/feed.xml", "feed", {"done": 2})]
    al = json.loads(subprocess.run(SITREP + ["alerts", "--db", str(db), "--json"], capture_output=True, text=True,
                                   timeout=120).stdout)
    assert [(a["rule"], a["window"], a["value"]) for a in al] == [("assaults", "2025-03-03", 2.0)]


def test_a_page_stored_just_before_a_kill_is_only_marked_done_on_restart(server, tmp_path):
    """The other kill window: the page was fetched and ingested, but the watcher died before
    marking it done. The next watcher neither fetches nor stores it again."""
    from sitrep.ingest import ingest_documents
    from sitrep.reader import InputDoc
    from sitrep.watch.listings import Entry

    db = str(tmp_path / "late.db")
    u = server.url
    server.route("/feed.xml", rss([("/z1", "z", "Mon, 03 Mar 2025 08:00:00 GMT")], u))
    server.route("/z1", shelling(13))
    store = open_store(db)
    dead = WatchState(store, owner=f"{os.uname().nodename}:999999999:deadbeef")  # no such process
    sid = dead.add_sources(parse_sources([u + "/feed.xml"]), 900, T0)[0]
    dead.finish_poll(sid, T0, items_new=1, next_due=T0 + 900, kind="feed")
    dead.note_entries(sid, [Entry(u + "/z1", "2025-03-03", "Mon, 03 Mar 2025 08:00:00 GMT")], T0)
    row = dead.claim_items(T0, 10)[0]
    html = shelling(13)
    dead.item_fetched(row["key"], html, "html", "f" * 64, T0, http_status=200, final_url=u + "/z1", etag=None,
                      last_modified=None)
    assert ingest_documents([InputDoc(content=html, source=row["url"], format="html", published="2025-03-03")],
                            db=store)["articles"] == 1
    store.close()
    w = watcher(db, u + "/feed.xml", Clock(T0 + 1))
    rep = w.run_round()
    assert (rep.polled, rep.fetched, server.gets("/z1"), w.store.stats()["articles"]) == (0, 0, 0, 1)
    item = WatchState(w.store).items()[0]
    assert (item["status"], item["revisions"], item["owner"], item["article_id"]) == \
        ("done", 1, None, w.store.list_articles()[0]["id"])
    w.close()
