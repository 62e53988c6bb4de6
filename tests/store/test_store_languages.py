"""A store holding several languages answers full-text searches in each, on SQLite and a
real PostgreSQL server; language filters; the version-2 search index is migrated."""

from __future__ import annotations

import pytest
from sqlalchemy import text

import sitrep
from corpus_fixtures import corpus
from multilingual_fixtures import PAGES
from sitrep.store import open_store
from sitrep.store import schema as S


@pytest.fixture(scope="module")
def records():
    return {lang: sitrep.extract(PAGES[lang][0], published="2022-02-03", source=f"{lang}.txt") for lang in PAGES}


@pytest.fixture
def store(db_url, records):  # noqa: F811
    s = open_store(db_url)
    s.add_articles(corpus() + list(records.values()))
    yield s
    s.close()


# One word per language that occurs only in that language's page (searched as typed).
WORDS = {"fr": "barrage", "ru": "вертолёт", "uk": "міст", "ar": "مكتبة", "zh": "教师"}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_search_finds_the_page_in_each_language(store, records, lang):
    hits = store.search(WORDS[lang])
    assert {h["article_id"] for h in hits} == {records[lang].id}
    art = [h for h in hits if h["kind"] == "article"][0]
    assert art["language"] == lang and "[" in art["snippet"]


def test_english_search_still_stems_and_phrases(store):
    assert {h["kind"] for h in store.search("intimidated attacks")} == {"article", "quote"}
    assert len({h["article_id"] for h in store.search('"prisoner exchange"')}) == 1


def test_diacritics_fold_both_ways(store, records):
    fr = records["fr"].id
    assert {h["article_id"] for h in store.search("Geneve")} == {fr}  # the text says Genève
    assert {h["article_id"] for h in store.search("retrouvées")} == {fr}
    assert {h["article_id"] for h in store.search("retrouvees")} == {fr}
    # Folded, "délégations" is the English story's "delegations" too.
    assert len({h["article_id"] for h in store.search("délégations")}) == 2


def test_chinese_words_inside_a_sentence(store, records):
    zh = records["zh"].id
    assert {h["article_id"] for h in store.search("电脑")} == {zh}  # inside 配备电脑和投影设备
    assert {h["article_id"] for h in store.search("年轻教师")} == {zh}
    assert store.search("新教师") == []  # the headline's words: not in the body
    assert store.search("教电") == []  # both characters occur, never side by side
    hit = [h for h in store.search("电脑") if h["kind"] == "article"][0]
    assert "[电脑]" in hit["snippet"]


def test_language_filters(store, records):
    assert store.search("barrage", language="ru") == []
    assert {h["article_id"] for h in store.search("barrage", language="fr")} == {records["fr"].id}
    assert [a["id"] for a in store.list_articles(language="uk")] == [records["uk"].id]
    assert store.count_articles(language="en") == 4 and store.count_articles(language="zh") == 1
    quotes = store.quotes(language="ru")
    assert [q["text"][:8] for q in quotes] == ["вертолёт"]
    assert store.events(language="fr") == [] and store.events(language="en", modality="all")
    langs = {r["language"]: r["articles"] for r in store.languages()}
    assert langs == {"en": 4, "fr": 1, "ru": 1, "uk": 1, "ar": 1, "zh": 1}


def test_search_index_before_version_6_is_migrated(db_url, records):  # noqa: F811
    s = open_store(db_url)
    s.add_articles(corpus() + [records["fr"], records["zh"]])
    # Put the search index back in its form before version 6, with those rows.
    with s.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("DROP TABLE search_fts"))
            conn.execute(text("CREATE VIRTUAL TABLE search_fts USING fts5("
                              "body, article_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, tokenize='unicode61')"))
            conn.execute(text("INSERT INTO search_fts SELECT text, id, 'article', id FROM "
                              "(SELECT json_extract(record, '$.text') AS text, id FROM articles)"))
        else:
            conn.execute(text("DROP TABLE search_docs"))
            conn.execute(text("CREATE TABLE search_docs (id BIGSERIAL PRIMARY KEY, article_id VARCHAR(64) NOT NULL, "
                              "kind VARCHAR(16) NOT NULL, ref VARCHAR(64) NOT NULL, body TEXT NOT NULL)"))
            conn.execute(text("CREATE INDEX ix_search_docs_fts ON search_docs USING gin (to_tsvector('english', body))"))
            conn.execute(text("INSERT INTO search_docs (article_id, kind, ref, body) "
                              "SELECT id, 'article', id, record::json->>'text' FROM articles"))
        conn.execute(text("DROP INDEX ix_articles_language"))
        conn.execute(text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))
    s.close()
    s = open_store(db_url)
    with s.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(S.SCHEMA_VERSION)
    assert {h["article_id"] for h in s.search("教师")} == {records["zh"].id}
    assert {h["article_id"] for h in s.search("Geneve")} == {records["fr"].id}
    assert {h["kind"] for h in s.search("intimidated attacks")} == {"article", "quote"}  # quotes re-indexed too
    s.close()


def test_api_and_pages_filter_by_language(tmp_path, records):
    from fastapi.testclient import TestClient

    from sitrep.api import ApiSettings, create_app

    db = str(tmp_path / "multi.db")
    with open_store(db) as s:
        s.add_articles(corpus() + list(records.values()))
    client = TestClient(create_app(db, settings=ApiSettings(rate_per_s=None)))
    got = client.get("/api/search", params={"q": "教师", "language": "zh"}).json()["items"]
    assert {h["article_id"] for h in got} == {records["zh"].id} and got[0]["language"] == "zh"
    assert client.get("/api/search", params={"q": "教师", "language": "fr"}).json()["items"] == []
    arts = client.get("/api/articles", params={"language": "ar"}).json()
    assert arts["total"] == 1 and arts["items"][0]["language"] == "ar"
    assert [q["text"][:8] for q in client.get("/api/quotes", params={"language": "ru"}).json()["items"]] == ["вертолёт"]
    assert client.get("/api/articles", params={"language": "french"}).status_code == 422
    page = client.get("/search", params={"q": "Geneve", "language": "fr"})
    assert page.status_code == 200 and records["fr"].id in page.text and 'id="language-filter"' in page.text
    assert '<option value="fr" selected>fr (1)</option>' in page.text
    art = client.get(f"/articles/{records['uk'].id}")
    assert "Language: uk" in art.text and 'id="coverage"' in art.text and "not read by: entities" in art.text


def test_cli_language_filters(tmp_path, records):
    import json

    from click.testing import CliRunner

    from sitrep.cli import main

    db = str(tmp_path / "multi.db")
    with open_store(db) as s:
        s.add_articles(corpus() + list(records.values()))
    r = CliRunner().invoke(main, ["search", "міст", "--language", "uk", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert {h["article_id"] for h in json.loads(r.stdout)} == {records["uk"].id}
    r = CliRunner().invoke(main, ["quotes", "--language", "fr", "--db", db, "--json"])
    assert [q["text"] for q in json.loads(r.stdout)] == [records["fr"].quotes[0].text]
    r = CliRunner().invoke(main, ["events", "--language", "zh", "--db", db, "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout) == []
    r = CliRunner().invoke(main, ["languages", "--db", db, "--json"])
    assert {x["language"]: x["articles"] for x in json.loads(r.stdout)}["en"] == 4
    fresh = tmp_path / "never.db"
    r = CliRunner().invoke(main, ["search", "x", "--language", "French", "--db", str(fresh)])
    assert r.exit_code == 2 and "ISO 639-1" in r.output and not fresh.exists()
