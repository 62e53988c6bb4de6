"""End-to-end tests in a real headless Chromium (Debian's, driven by Playwright).

The store is a real SQLite file built with the real pipeline from the bundled samples,
the seed and one hostile article; the app runs under uvicorn on a loopback port.
Screenshots go to artifacts/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.web import highlight

from conftest import ROOT, SEED, need_shared
from web_helpers import SHOTS, build_seed_corpus, chromium_executable, served_in_chromium

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.slow]

# A hostile page: markup and script URLs in the text; the title is set to markup too.
HOSTILE_BODY = (
    "Officials in the port city said on Monday that <script>window.__pwned = 1; alert('x')</script> protesters "
    "had gathered outside the ministry. \"We will not <img src=x onerror=alert(1)> leave,\" organiser Dana Volk said. "
    "A flyer urged readers to visit javascript:alert(document.cookie) before the march. "
    "The interior minister said police would remove the protesters by Friday.\n"
)
HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned=2\"><script>window.__pwned=3</script> Protest"


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline):
    exe = chromium_executable()
    seed = need_shared("seed", SEED.name)
    from sitrep.api import ApiSettings, create_app

    db = tmp_path_factory.mktemp("web") / "web.db"
    records, hostile = build_seed_corpus(db, pipeline, HOSTILE_BODY, HOSTILE_TITLE, "javascript:alert(1)")
    app = create_app(str(db), settings=ApiSettings(rate_per_s=None))
    with served_in_chromium(app, exe) as (server, browser):
        yield {"url": server.url, "browser": browser, "records": records, "hostile": hostile,
               "seed": next(r for r in records if r.source == str(seed))}


@pytest.fixture()
def page(site):
    ctx = site["browser"].new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    # Console errors catch what a user would not see: a CSP violation, a script error, a 404.
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    yield pg
    ctx.close()
    assert problems == []


def test_seed_article_click_quote_shows_its_speaker(site, page):
    seed = site["seed"].model_dump(mode="json")
    segs = highlight.segments(seed)
    shown = {s["quote"] for s in segs if s["quote"]}
    with_speaker = [q for q in seed["quotes"] if q["id"] in shown and highlight.speaker_name(seed, q)]
    assert with_speaker, "the seed record has no attributed quote to click"
    page.goto(f"{site['url']}/articles/{seed['id']}")
    assert page.locator("#article-text").inner_text().strip() == seed["text"].strip()
    # Every attributed quote: click its first piece in the text, the box names its speaker.
    for q in with_speaker:
        page.locator(f'#article-text [data-quote="{q["id"]}"]').first.click()
        box = page.locator("#speaker-box")
        assert box.is_visible()
        assert box.inner_text().startswith(f"Speaker: {highlight.speaker_name(seed, q)}")
        assert page.locator(f"#quote-{q['id']}").get_attribute("class").split().count("selected") == 1
    page.locator(f'#article-text [data-quote="{with_speaker[0]["id"]}"]').first.click()
    page.screenshot(path=str(SHOTS / "seed_article_quote_speaker.png"), full_page=True)
    # Side panels list every quote and event, with the modality shown for each event.
    assert page.locator("#quotes-panel li.quote-item").count() == len(seed["quotes"])
    assert page.locator("#events-panel li.event-item").count() == len(seed["events"])
    for ev in seed["events"]:
        assert page.locator(f"#event-{ev['id']} .badge").inner_text() == ev["modality"]


def test_rus_ukr_dyad_timeline_renders_a_chart(site, page):
    import httpx

    api = httpx.get(f"{site['url']}/api/dyads/RUS/UKR/timeline?by=week").json()
    assert api["periods"], "no RUS-UKR events in the sample corpus"
    page.goto(f"{site['url']}/dyads/RUS/UKR?by=week")
    chart = page.locator("svg#dyad-chart")
    assert chart.is_visible()
    # One bar per period (quiet periods in between are drawn as 0-height bars).
    bars = [b for b in chart.locator("rect.bar").all() if int(b.get_attribute("data-count")) > 0]
    assert [(b.get_attribute("data-period"), int(b.get_attribute("data-count"))) for b in bars] == \
        [(p["period"], p["events"]) for p in api["periods"]]
    for bar in bars:
        box = bar.bounding_box()
        assert box is not None and box["height"] > 0  # drawn, not just present in the DOM
    points = chart.locator("circle.gpoint")
    assert points.count() == sum(1 for p in api["periods"] if p["goldstein_mean"] is not None)
    page.screenshot(path=str(SHOTS / "dyad_RUS_UKR.png"), full_page=True)


def test_extract_page_annotates_a_pasted_article(site, page):
    text = ("Chad's army said on Thursday that it had repelled an attack by rebels near the northern town of Faya, "
            "killing 30 fighters.\n\n\"Our soldiers pushed them back across the border,\" army spokesman Ali Moussa "
            "told reporters in N'Djamena.\n\nThe rebel group denied losing any men.")
    page.goto(f"{site['url']}/extract")
    page.fill("#extract-text", text)
    page.fill("input[name=published]", "2025-02-06")
    page.click("#extract-submit")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text").inner_text().strip() == text.strip()
    assert page.locator("#article-text .ent").count() > 0
    quote = page.locator("#article-text [data-quote]").first
    assert quote.count() == 1
    quote.click()
    assert page.locator("#speaker-box").inner_text().startswith("Speaker: ")
    assert page.locator("#events-panel li.event-item").count() > 0
    page.screenshot(path=str(SHOTS / "extract_pasted.png"), full_page=True)


def test_hostile_article_renders_as_text(site, page):
    hostile = site["hostile"]
    page.goto(f"{site['url']}/articles/{hostile.id}")
    page.wait_for_selector("#article-text")
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    # No element came from the article: no script or img anywhere in the body or title.
    assert page.locator("main script, main img, #article-text *:not(span)").count() == 0
    assert page.locator("#title").inner_text() == HOSTILE_TITLE
    assert "<script>window.__pwned = 1; alert('x')</script>" in page.locator("#article-text").inner_text()
    assert "onerror=alert(1)" in page.locator("#article-text").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.screenshot(path=str(SHOTS / "hostile_article.png"), full_page=True)
    # The same text pasted on the extract page is shown as text too.
    page.goto(f"{site['url']}/extract")
    page.fill("#extract-text", HOSTILE_BODY)
    page.click("#extract-submit")
    page.wait_for_selector("#article-text")
    assert page.evaluate("window.__pwned === undefined") and page.dialogs == []
    assert page.locator("main img, main script").count() == 0


def test_network_page_draws_every_actor_and_link(site, page):
    import httpx

    net = httpx.get(f"{site['url']}/api/network?top=40").json()
    page.goto(f"{site['url']}/network?top=40")
    svg = page.locator("svg#network")
    assert svg.locator("circle.node").count() == len(net["nodes"])
    drawn = {(e.get_attribute("data-source"), e.get_attribute("data-target")) for e in svg.locator("line.edge").all()}
    ids = {n["id"] for n in net["nodes"]}
    assert drawn == {(e["source"], e["target"]) for e in net["edges"]
                     if e["source"] in ids and e["target"] in ids and e["source"] != e["target"]}
    page.screenshot(path=str(SHOTS / "network.png"), full_page=True)


def test_map_shows_the_seed_events_at_their_countries_and_opens_the_evidence(site, page):
    import httpx

    from sitrep.web import geomap

    data = httpx.get(f"{site['url']}/api/map?modality=all").json()
    page.goto(f"{site['url']}/map?modality=all")
    svg = page.locator("svg#event-map")
    assert svg.is_visible()
    assert svg.locator("path.land").count() == len(geomap.outline())
    circles = svg.locator("circle.place-point")
    assert circles.count() == len(data["points"]) > 0
    # the seed's deployments: Poland, Romania and Germany, each drawn inside its own country's
    # outline (Natural Earth ids are ISO 3166 numeric codes)
    for geo_id, iso_num in (("798544", "616"), ("798549", "642"), ("2921044", "276")):
        dot = svg.locator(f'circle.place-point[data-place="{geo_id}"]')
        assert dot.count() == 1, geo_id
        inside = page.evaluate(
            """([id, num]) => {
                const c = document.querySelector(`circle.place-point[data-place="${id}"]`);
                const pt = new DOMPoint(+c.getAttribute('cx'), +c.getAttribute('cy'));
                return [...document.querySelectorAll(`path.land[data-country="${num}"]`)].some(p => p.isPointInFill(pt));
            }""", [geo_id, iso_num])
        assert inside, f"{geo_id} is not drawn inside country {iso_num}"
        box = dot.bounding_box()
        assert box is not None and box["width"] > 0
    page.screenshot(path=str(SHOTS / "event_map.png"), full_page=True)
    # clicking a country's point opens the article at the event's evidence (the first of the
    # three whose centre is not covered by a smaller point, such as Warsaw's over Poland's)
    top = page.evaluate("""(ids) => ids.find(id => {
        const c = document.querySelector(`circle.place-point[data-place="${id}"]`);
        const r = c.getBoundingClientRect();
        const el = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return el === c; })""", ["798544", "798549", "2921044"])
    assert top is not None
    [pt] = [p for p in data["points"] if p["id"] == top]
    first = pt["events"][0]
    svg.locator(f'circle.place-point[data-place="{top}"]').click()
    page.wait_for_url(f"**/articles/{first['article_id']}#event-{first['id']}")
    item = page.locator(f"#event-{first['id']}")
    assert item.is_visible()
    assert item.locator(".evidence").inner_text().strip() == first["evidence"].strip()
    # filters: a type with no located events empties the map, the JSON twin agrees
    page.goto(f"{site['url']}/map?modality=all&type=CONSULT&source=GBR")
    twin = httpx.get(f"{site['url']}/api/map?modality=all&type=CONSULT&source=GBR").json()
    assert page.locator("svg#event-map circle.place-point").count() == len(twin["points"])


def test_map_places_layer_draws_named_places_and_opens_their_article(site, page):
    import httpx

    data = httpx.get(f"{site['url']}/api/map?layer=places").json()
    page.goto(f"{site['url']}/map")
    page.locator("a#layer-places").click()
    page.wait_for_url("**/map?layer=places")
    svg = page.locator('svg#event-map[data-layer="places"]')
    assert svg.locator("circle.place-point").count() == len(data["points"]) > 0
    # Ukraine is named (entity and 'the Ukrainian border'): drawn inside Ukraine's outline (ISO 804)
    inside = page.evaluate(
        """() => {
            const c = document.querySelector('circle.place-point[data-place="690791"]');
            const pt = new DOMPoint(+c.getAttribute('cx'), +c.getAttribute('cy'));
            return [...document.querySelectorAll('path.land[data-country="804"]')].some(p => p.isPointInFill(pt));
        }""")
    assert inside
    rows = page.locator("#map-places tbody tr")
    assert rows.count() == len(data["points"])
    # the list's first evidence link opens the article of that mention
    first = data["points"][0]["evidence"][0]
    rows.first.locator("a.evidence-link").first.click()
    page.wait_for_url(f"**/articles/{first['article_id']}#place-{first['start']}")
    assert page.locator("#article-text").is_visible()
    assert page.evaluate("document.querySelector(':target').id") == f"place-{first['start']}"
    # a filter: only place phrases (the seed's border and territory)
    page.goto(f"{site['url']}/map?layer=places&origin=mention")
    twin = httpx.get(f"{site['url']}/api/map?layer=places&origin=mention").json()
    assert page.locator("svg#event-map circle.place-point").count() == len(twin["points"]) > 0
    assert "Ukrainian border" in page.locator("#map-places").inner_text()


def test_seed_article_places_panel_links_each_place_to_its_words(site, page):
    seed = site["seed"].model_dump(mode="json")
    rows = highlight.places(seed)
    assert rows, "the seed record has no resolved place"
    page.goto(f"{site['url']}/articles/{seed['id']}")
    assert page.locator("#places-panel li").count() == len(rows)
    for row in rows:
        for sp in row["spans"]:
            target = page.locator(f"#article-text #{sp['anchor']}")
            assert target.count() == 1 and target.inner_text().startswith(sp["text"].split()[0])
    first = rows[0]["spans"][0]
    page.locator(f'#places-panel a[href="#{first["anchor"]}"]').first.click()
    assert page.evaluate("location.hash") == f"#{first['anchor']}"
    assert page.evaluate("document.querySelector(':target').id") == first["anchor"]
    placed = [e for e in seed["events"] if e.get("place") and highlight.anchor(e["place"].get("span"))]
    for ev in placed:
        href = f"#{highlight.anchor(ev['place']['span'])}"
        assert page.locator(f"#event-{ev['id']} .event-place a").get_attribute("href") == href
    page.screenshot(path=str(SHOTS / "seed_article_places.png"), full_page=True)
