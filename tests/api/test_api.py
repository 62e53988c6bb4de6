"""REST API and pages through the ASGI app (no browser): a real SQLite store built with the
real pipeline from the bundled samples and the seed."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from sitrep.api import ApiSettings, create_app

from conftest import SEED
from web_helpers import build_seed_corpus

pytestmark = [pytest.mark.shared, pytest.mark.slow]

HOSTILE = ("The mayor said on Monday that <script>alert('x')</script> and <img src=x onerror=alert(1)> "
           "had appeared on posters, and javascript:alert(1) links were sent to residents.\n")
HOSTILE_TITLE = "<script>alert('t')</script><b onmouseover=alert(2)>Posters</b>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("api") / "api.db"
    records, hostile = build_seed_corpus(db, pipeline, HOSTILE, HOSTILE_TITLE, "javascript:alert(3)")
    seed = SEED
    return {"db": str(db), "records": records, "hostile": hostile,
            "seed": next(r for r in records if r.source == str(seed))}


@pytest.fixture(scope="module")
def client(corpus, pipeline):
    app = create_app(corpus["db"], settings=ApiSettings(rate_per_s=None), pipeline=pipeline)
    with TestClient(app) as c:
        yield c


def assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code and body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_article_json_is_the_stored_record_and_page_shows_it(client, corpus):
    seed = corpus["seed"].model_dump(mode="json")
    got = client.get(f"/api/articles/{seed['id']}").json()
    assert got == seed
    html = client.get(f"/articles/{seed['id']}").text
    assert f'<link rel="alternate" type="application/json" href="/api/articles/{seed["id"]}">' in html
    for q in seed["quotes"]:
        assert f'id="quote-{q["id"]}"' in html
    for ev in seed["events"]:
        assert f'id="event-{ev["id"]}"' in html


def test_article_list_is_paged_with_total(client, corpus):
    total = len(corpus["records"]) + 1
    first = client.get("/api/articles?limit=5").json()
    assert first["total"] == total and len(first["items"]) == 5
    rest = client.get("/api/articles?limit=50&offset=5").json()["items"]
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in rest]
    assert len(ids) == len(set(ids)) == total
    dated = client.get("/api/articles?since=2025-02-01&until=2025-02-28").json()
    assert dated["items"] and all("2025-02-01" <= a["published"] <= "2025-02-28" for a in dated["items"])


def test_event_filters_match_what_they_say(client):
    rus = client.get("/api/events?source=rus&limit=500").json()["items"]
    assert rus
    for ev in rus:
        assert (ev["source"]["code"] or "").startswith("RUS") or ev["source"]["country"] == "RUS"
        assert ev["modality"] in ("asserted", "reported")
    denied = client.get("/api/events?modality=denied&limit=500").json()["items"]
    assert all(ev["modality"] == "denied" for ev in denied)
    typ = rus[0]["plover"]
    assert all(ev["plover"] == typ for ev in client.get(f"/api/events?source=RUS&type={typ.lower()}").json()["items"])
    page = client.get("/events?source=RUS&target=&type=&modality=&since=&until=")
    assert page.status_code == 200 and page.text.count("<tr>") == len(rus) + 1


def test_dyad_timeline_and_page_agree(client):
    data = client.get("/api/dyads/rus/ukr/timeline?by=week").json()
    assert data["a"] == "RUS" and data["b"] == "UKR" and data["periods"]
    assert all(re.fullmatch(r"\d{4}-W\d{2}", p["period"]) for p in data["periods"])
    html = client.get("/dyads/RUS/UKR?by=week").text
    drawn = re.findall(r'class="bar"[^>]*data-period="([^"]+)" data-count="(\d+)"', html)
    assert [(p, int(n)) for p, n in drawn if int(n)] == [(p["period"], p["events"]) for p in data["periods"]]
    assert client.get("/dyads?a=rus&b=ukr&by=month", follow_redirects=False).headers["location"] == "/dyads/RUS/UKR?by=month"


def test_quotes_by_speaker(client, corpus):
    seed = corpus["seed"]
    name = next(q.speaker_text for q in seed.quotes if q.speaker_text)
    items = client.get("/api/quotes", params={"speaker": name, "limit": 500}).json()["items"]
    assert items and all(name.lower() in (q["speaker_name"] or "").lower() for q in items)
    page = client.get("/quotes", params={"speaker": name}).text
    assert page.count('class="quote-item"') == len(items)


def test_search_actors_network(client):
    hits = client.get("/api/search", params={"q": '"drones*('}).json()["items"]
    assert hits and all(h["article_id"] for h in hits)
    actors = client.get("/api/actors?top=5").json()["items"]
    assert 0 < len(actors) <= 5 and all({"code", "as_source", "as_target"} <= set(a) for a in actors)
    net = client.get("/api/network?top=10").json()
    assert net["nodes"] and net["edges"]
    html = client.get("/network?top=10").text
    assert html.count('class="node"') == len(net["nodes"])


def test_every_page_links_a_json_twin_that_answers(client, corpus):
    pages = ["/", f"/articles/{corpus['seed'].id}", "/quotes", "/events?source=UKR", "/dyads/RUS/UKR", "/actors",
             "/network", "/search?q=troops"]
    for url in pages:
        html = client.get(url)
        assert html.status_code == 200, url
        twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html.text).group(1)
        resp = client.get(twin.replace("&amp;", "&"))
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/json"), (url, twin)


def test_errors_share_one_shape(client):
    assert_error(client.get("/api/articles/" + "0" * 64), 404, "E404")
    assert_error(client.get("/api/nowhere"), 404, "E404")
    err = assert_error(client.get("/api/events?limit=0"), 422, "E400")
    assert err["details"][0]["loc"] == ["query", "limit"]
    assert_error(client.get("/api/events?since=last-week"), 422, "E400")
    assert_error(client.get("/api/dyads/R/UKR/timeline"), 422, "E400")
    assert_error(client.delete("/api/articles"), 405, "E405")
    assert_error(client.post("/api/extract", json={"text": "a", "html": "<p>a</p>"}), 422, "E400")
    assert_error(client.post("/api/extract", json={"text": "   "}), 422, "E002")
    page = client.get("/articles/" + "0" * 64)
    assert page.status_code == 404 and 'data-code="E404"' in page.text


def test_extract_returns_the_record(client):
    text = ("Kenya's interior minister said on Friday that police had arrested 40 people after protests in Nairobi. "
            "\"The law will be enforced,\" he said.")
    rec = client.post("/api/extract", json={"text": text, "as_body": True, "published": "2025-02-07"}).json()
    assert rec["text"] == text and rec["published"] == "2025-02-07"
    assert [(q["kind"], q["text"]) for q in rec["quotes"]] == [
        ("indirect", "police had arrested 40 people after protests in Nairobi"), ("direct", "The law will be enforced")]
    assert all(rec["text"][q["start"]:q["end"]] == q["text"] for q in rec["quotes"])
    html = client.post("/api/extract", json={"html": "<html><body><article><h1>Talks</h1><p>" + text +
                                             "</p></article></body></html>"}).json()
    assert "police had arrested 40 people" in html["text"]


def test_request_size_limit_is_413(corpus, pipeline):
    app = create_app(corpus["db"], settings=ApiSettings(rate_per_s=None, max_body_bytes=2000), pipeline=pipeline)
    with TestClient(app) as c:
        err = assert_error(c.post("/api/extract", json={"text": "word " * 1000}), 413, "E413")
        assert "limit 2000" in err["message"]

        def chunks():  # no Content-Length: the limit must still hold while streaming
            for _ in range(10):
                yield b"x" * 500

        assert_error(c.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "E413")
        assert c.post("/extract", data={"text": "word " * 1000}).status_code == 413


def test_rate_limit_per_client(corpus, pipeline):
    app = create_app(corpus["db"], settings=ApiSettings(rate_per_s=0.01, burst=3, extract_cost=2), pipeline=pipeline)
    with TestClient(app) as c:
        assert [c.get("/healthz").status_code for _ in range(3)] == [200, 200, 200]
        resp = c.get("/api/articles")
        assert_error(resp, 429, "E429")
        assert int(resp.headers["retry-after"]) >= 1


def test_security_headers_and_no_file_access(client):
    resp = client.get("/")
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/articles").headers["x-frame-options"] == "DENY"
    assert client.get("/static/sitrep.js").status_code == 200
    for probe in ["/static/../api/app.py", "/static/%2e%2e/%2e%2e/errors.py", "/static/..%2f..%2fpipeline.py",
                  "/static//etc/passwd", "/articles/..%2f..%2fpyproject.toml"]:
        resp = client.get(probe)
        assert resp.status_code in (404, 422), probe
        assert "import" not in resp.text and "root:" not in resp.text


def test_hostile_article_is_escaped_everywhere(client, corpus):
    h = corpus["hostile"]
    for url in [f"/articles/{h.id}", "/", "/search?q=posters", "/quotes", "/events"]:
        html = client.get(url).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html, url
        assert 'href="javascript:' not in html
    page = client.get(f"/articles/{h.id}").text
    assert "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in page  # the title, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    pasted = client.post("/extract", data={"text": HOSTILE, "published": "", "fmt": "text"}).text
    assert "<script>alert" not in pasted and "<img src" not in pasted
    assert "&lt;script&gt;alert(" in pasted and "&lt;img src=x onerror=alert(1)&gt;" in pasted


def test_sitrep_serve_prints_the_url_and_serves(corpus):
    import subprocess
    import sys
    import time

    import httpx

    from web_helpers import free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli.__main__", "serve", "--db", corpus["db"], "--port",
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        for _ in range(300):
            try:
                resp = httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert resp.status_code == 200 and resp.json()["total"] == len(corpus["records"]) + 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_a_missing_db_option():
    from click.testing import CliRunner

    from sitrep.cli import main

    r = CliRunner().invoke(main, ["serve"])
    assert r.exit_code != 0 and "--db" in r.output


def test_extract_page_explains_an_unreadable_paste(client):
    binary = "\x01\x02\x03\x04\x05\x06 abc " * 200
    resp = client.post("/extract", data={"text": binary, "fmt": "text"})
    assert resp.status_code == 422
    assert 'id="extract-error"' in resp.text and "E003" in resp.text
    empty = client.post("/extract", data={"text": "   "})
    assert empty.status_code == 200 and 'id="extract-error"' in empty.text


def test_extract_page_reads_another_language(client):
    german = ("Die Regierung hat am Montag angekündigt, dass die Truppen bis Ende des Monats abgezogen werden. "
              "Der Minister sagte, man werde die Lage genau beobachten und weitere Schritte prüfen.")
    resp = client.post("/extract", data={"text": german, "fmt": "text"})
    assert resp.status_code == 200 and 'id="extract-error"' not in resp.text
    assert "Die Regierung hat am Montag" in resp.text


def test_host_check_refuses_foreign_host_names(corpus, pipeline):
    app = create_app(corpus["db"], settings=ApiSettings(rate_per_s=None, allowed_hosts=["127.0.0.1", "localhost"]),
                     pipeline=pipeline)
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/healthz", headers={"host": "localhost:8000"}).status_code == 200
        assert_error(c.get("/api/articles", headers={"host": "rebind.example:8000"}), 400, "E400")


def test_docs_page_lists_every_api_operation(client):
    spec = client.get("/openapi.json").json()
    html = client.get("/docs").text
    for path in spec["paths"]:
        assert f"<code>{path}</code>" in html
    assert "cdn" not in html.lower()


def test_events_filter_by_place_and_bbox(client):
    got = client.get("/api/events", params={"place": "POL", "modality": "all"}).json()["items"]
    assert got and {e["place"]["country"] for e in got} == {"POL"}
    got = client.get("/api/events", params={"bbox": "37,55,38,56.5", "modality": "all"}).json()["items"]
    assert got and {e["place"]["id"] for e in got} == {"524901"}  # Moscow
    assert_error(client.get("/api/events", params={"bbox": "0,95,10,96"}), 422, "E400")
    assert_error(client.get("/api/events", params={"bbox": "1,2,3"}), 422, "E400")
    assert_error(client.get("/api/events", params={"place": "'; drop"}), 422, "E400")


def test_map_twin_groups_located_events_by_place(client):
    got = client.get("/api/map", params={"modality": "all"}).json()
    assert got["colour"] == "quad" and got["events"] == sum(p["count"] for p in got["points"])
    pol = [p for p in got["points"] if p["id"] == "798544"]
    assert pol and pol[0]["country"] == "POL" and all(e["href"].startswith("/articles/") for e in pol[0]["events"])
    assert client.get("/map", params={"modality": "all", "colour": "goldstein"}).status_code == 200
    assert_error(client.get("/api/map", params={"colour": "red"}), 422, "E400")


def _place_counts(records) -> dict:
    """geo id -> spans naming it, counted from the records themselves."""
    counts: dict = {}
    for r in records:
        for e in r.entities:
            if e.geo:
                counts[e.geo.id] = counts.get(e.geo.id, 0) + len({(m.field, m.start) for m in e.mentions})
        for m in r.place_mentions:
            counts[m.geo.id] = counts.get(m.geo.id, 0) + 1
    return counts


def test_places_count_what_the_records_name(client, corpus):
    got = client.get("/api/places", params={"limit": 500, "evidence": 50}).json()
    want = _place_counts(corpus["records"] + [corpus["hostile"]])
    assert {p["id"]: p["mentions"] for p in got["items"]} == want
    assert [p["mentions"] for p in got["items"]] == sorted(want.values(), reverse=True)
    seed = corpus["seed"]
    ukr = next(p for p in got["items"] if p["id"] == "690791")
    border = [e for e in ukr["evidence"] if e["origin"] == "mention" and e["article_id"] == seed.id]
    assert [e["text"] for e in border][:1] == ["Ukrainian border"]
    assert all(seed.text[e["start"]:e["end"]] == e["text"] for e in border)
    mentions = client.get("/api/places", params={"origin": "mention", "place": "UKR"}).json()["items"]
    assert mentions and all(p["as_entity"] == 0 and p["country"] == "UKR" for p in mentions)


def test_map_places_layer_and_its_twin(client):
    twin = client.get("/api/map", params={"layer": "places"}).json()
    listed = client.get("/api/places", params={"limit": 500}).json()["items"]
    assert twin["layer"] == "places" and [p["id"] for p in twin["points"]] == [p["id"] for p in listed]
    assert twin["mentions"] == sum(p["mentions"] for p in listed)
    assert all(p["href"].startswith("/articles/") for p in twin["points"])
    page = client.get("/map", params={"layer": "places"})
    assert page.status_code == 200 and 'data-layer="places"' in page.text
    assert page.text.count('class="place-point"') == len(twin["points"])
    assert client.get("/api/map").json()["layer"] == "events"
    assert_error(client.get("/api/places", params={"origin": "town"}), 422, "E400")
    assert_error(client.get("/api/places", params={"feature": "village"}), 422, "E400")
    assert_error(client.get("/api/places", params={"bbox": "0,95,10,96"}), 422, "E400")
    assert_error(client.get("/api/map", params={"layer": "roads"}), 422, "E400")
