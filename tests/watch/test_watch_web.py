"""The watcher's sources and alerts pages and their JSON twins: the REST API through the
ASGI app, and the pages in a real headless Chromium (skipped with a reason without it).

The store is filled by a real watcher round against a real loopback HTTP server: one feed
that works, one that answers 500, and articles (invented) that make three rules fire, one of
them on a quote whose text carries markup."""

from __future__ import annotations

import pytest

from sitrep.watch import Watcher, WatchState, parse_rules, parse_sources

from watch_server import Clock, quoted, shelling
from web_helpers import SHOTS, chromium_executable, served_in_chromium
from watch_server import Server, rss

HOSTILE_WORDS = "the <script>window.__pwned=1</script> strikes <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    db = tmp_path_factory.mktemp("watchweb") / "w.db"
    with Server() as s:
        s.route("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
        for i in range(2):
            s.route(f"/n{i}", shelling(20 + i))
        s.route("/q1", quoted("2025-03-03", HOSTILE_WORDS))
        s.route("/feed.xml", rss([("/n0", "a", "Mon, 03 Mar 2025 08:00:00 GMT"), ("/n1", "b", "Mon, 03 Mar 2025 08:00:00 GMT"),
                                  ("/q1", "q", "Mon, 03 Mar 2025 09:00:00 GMT")], s.url), ctype="application/rss+xml")
        s.route("/broken.xml", b"down", status=500)
        rules = parse_rules({"rule": [
            {"name": "minister-quoted", "kind": "quote", "speaker": "Marchenko", "window": "day"},
            {"name": "assault-spike", "kind": "count", "event": "ASSAULT", "min_count": 2, "window": "day"},
            {"name": "rus-ukr-hostile", "kind": "goldstein", "dyad": ["RUS", "UKR"], "below": -5.0, "window": "week"},
        ]})
        w = Watcher(str(db), parse_sources([s.url + "/feed.xml", s.url + "/broken.xml"]), rules=rules, clock=Clock(),
                    min_delay=0, timeout=5)
        rep = w.run_round()
        assert (rep.articles, rep.alerts) == (3, 3)
        alerts = WatchState(w.store).alerts()
        sources = WatchState(w.store).sources()
        w.close()
        yield {"db": str(db), "alerts": alerts, "sources": sources, "feed": s.url + "/feed.xml",
               "broken": s.url + "/broken.xml"}


@pytest.fixture(scope="module")
def client(watched):
    from fastapi.testclient import TestClient

    from sitrep.api import ApiSettings, create_app

    with TestClient(create_app(watched["db"], settings=ApiSettings(rate_per_s=None))) as c:
        yield c


def test_api_sources_lists_every_source_with_its_poll_state(client, watched):
    body = client.get("/api/sources").json()
    got = {s["url"]: (s["kind"], s["last_status"], s["failures"], s["items"], s["last_error"]) for s in body["items"]}
    assert got == {watched["feed"]: ("feed", 200, 0, {"done": 3}, None),
                   watched["broken"]: (None, 500, 1, {}, "HTTP 500")}
    assert all(s["last_poll_utc"] == "2025-03-03T11:06:40Z" for s in body["items"])


def test_api_alerts_pages_and_filters(client, watched):
    body = client.get("/api/alerts").json()
    assert body["total"] == 3 and [a["rule"] for a in body["items"]] == [a["rule"] for a in watched["alerts"]]
    assert {a["rule"]: a["window"] for a in body["items"]} == {
        "minister-quoted": "2025-03-03", "assault-spike": "2025-03-03", "rus-ukr-hostile": "2025-W10"}
    one = client.get("/api/alerts", params={"rule": "minister-quoted"}).json()
    assert one["total"] == 1 and one["items"][0]["quote_ids"] and "<script>" in one["items"][0]["message"]
    assert client.get("/api/alerts", params={"limit": 0}).json()["error"]["code"] == "E400"
    page = client.get("/alerts")
    assert page.status_code == 200 and 'href="/api/alerts?limit=100&amp;offset=0"' in page.text
    assert "<script>window.__pwned" not in page.text and "&lt;script&gt;window.__pwned" in page.text
    assert client.get("/sources").status_code == 200


@pytest.fixture(scope="module")
def browser(watched):
    exe = chromium_executable()
    from sitrep.api import ApiSettings, create_app

    app = create_app(watched["db"], settings=ApiSettings(rate_per_s=None))
    with served_in_chromium(app, exe) as (server, b):
        yield {"url": server.url, "browser": b}


@pytest.fixture()
def page(browser):
    ctx = browser["browser"].new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    problems: list[str] = []
    dialogs: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    ctx.close()
    assert problems == [] and dialogs == []


@pytest.mark.browser
def test_sources_page_shows_each_source_and_the_failing_one(browser, page, watched):
    page.goto(browser["url"] + "/sources")
    rows = page.locator("#sources tr.source")
    assert rows.count() == 2
    by_url = {r.get_attribute("data-url"): r for r in rows.all()}
    ok, bad = by_url[watched["feed"]], by_url[watched["broken"]]
    assert ok.locator(".kind").inner_text() == "feed" and ok.locator(".items").inner_text() == "3 (done 3)"
    assert "failing" in bad.get_attribute("class").split()
    assert (bad.locator(".status").inner_text(), bad.locator(".error").inner_text()) == ("500", "HTTP 500")
    page.screenshot(path=str(SHOTS / "watch_sources.png"), full_page=True)


@pytest.mark.browser
def test_alerts_page_lists_alerts_escapes_quotes_and_links_the_evidence(browser, page, watched):
    page.goto(browser["url"] + "/alerts")
    rows = page.locator("#alerts tr.alert")
    assert [(r.get_attribute("data-rule"), r.get_attribute("data-window")) for r in rows.all()] == \
        [(a["rule"], a["window"]) for a in watched["alerts"]]
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("main script, main img").count() == 0
    quote_alert = next(a for a in watched["alerts"] if a["rule"] == "minister-quoted")
    assert "<script>window.__pwned=1</script>" in page.locator(f"#alert-{quote_alert['id']} .message").inner_text()
    page.screenshot(path=str(SHOTS / "watch_alerts.png"), full_page=True)
    # The evidence link of the count alert opens the article with that event listed.
    spike = next(a for a in watched["alerts"] if a["rule"] == "assault-spike")
    page.locator(f"#alert-{spike['id']} a.event-link").first.click()
    page.wait_for_selector("#article-text")
    aid, eid = spike["event_ids"][0]
    assert page.url.endswith(f"/articles/{aid}#event-{eid}")
    assert page.locator(f"#event-{eid}").count() == 1
    # The quote alert's link opens the quote.
    page.goto(browser["url"] + "/alerts?rule=minister-quoted")
    assert page.locator("#alerts tr.alert").count() == 1
    page.locator("a.quote-link").first.click()
    page.wait_for_selector("#article-text")
    assert page.locator(f"#quote-{quote_alert['quote_ids'][0][1]}").count() == 1
