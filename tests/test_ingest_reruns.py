"""Issue 13: reruns. An input that always fails is not redone on every rerun: its error row
records the attempt (content hash, sitrep version, options) and an unchanged attempt is
skipped as a known error unless --retry-errors or another sitrep version. A new
--published for a stored article redoes it and replaces the stored record, so the store
equals a clean run with that date (SQLite and PostgreSQL). Invented stories."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner
from sqlalchemy import text

import sitrep
import sitrep.pipeline
from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.store import open_store

CHROME = "Home\nAbout\nContact\n\nSign in\n\nShare and Enjoy !\n\nLeave a Reply\n"
STORY = ("Russian forces shelled the Ukrainian city of Kharkiv on Monday, Ukrainian officials said. "
         "\"We will not be intimidated,\" Governor Oleh Synehubov told reporters on Tuesday.\n\n"
         "Ukraine accused Russia of targeting homes, and Poland condemned the attack on Wednesday.\n")
NEAR = STORY + "\nThe city council said shelters had been opened in three metro stations.\n"


@pytest.fixture
def nlp_calls(monkeypatch):
    """How many documents reach the pipeline (ingest with one worker calls annotate_batch)."""
    calls = []
    real = sitrep.pipeline.annotate_batch

    def counted(records, **options):
        calls.extend(r.get("source") for r in records)
        return real(records, **options)

    monkeypatch.setattr(sitrep.pipeline, "annotate_batch", counted)
    return calls


def _folder(tmp_path, files: dict) -> str:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for name, body in files.items():
        (d / name).write_text(body, encoding="utf-8")
    return str(d)


def _attempts(db_url):
    s = open_store(db_url)
    try:
        with s.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT code, content_sha256, sitrep_version, options FROM errors ORDER BY seq"))]
    finally:
        s.close()


# -- known errors ------------------------------------------------------------------------------
def test_an_unchanged_failing_input_is_skipped_as_a_known_error(tmp_path, db_url, nlp_calls):
    folder = _folder(tmp_path, {"chrome.txt": CHROME, "good.txt": STORY})
    first = ingest([folder], db=db_url)
    assert (first["articles"], first["errors"], first["error_codes"]) == (1, 1, {"E009": 1})
    options = hashlib.sha256(json.dumps([False, None, "text"]).encode()).hexdigest()
    assert _attempts(db_url) == [("E009", hashlib.sha256(CHROME.encode()).hexdigest(), sitrep.__version__, options)]
    assert len(nlp_calls) == 2
    again = ingest([folder], db=db_url)
    assert (again["skipped"], again["known_errors"], again["errors"], again["articles"]) == (2, 1, 0, 0)
    assert len(nlp_calls) == 2  # nothing reached the pipeline
    retried = ingest([folder], db=db_url, retry_errors=True)
    assert (retried["skipped"], retried["known_errors"], retried["error_codes"]) == (2, 0, {"E009": 1})
    assert [c.endswith("chrome.txt") for c in nlp_calls[2:]] == [True]
    s = open_store(db_url)
    assert s.stats()["errors"] == 1 and s.stats()["articles"] == 1
    s.close()


def test_another_sitrep_version_or_other_options_redo_a_known_error(tmp_path, db_url, nlp_calls, monkeypatch):
    folder = _folder(tmp_path, {"chrome.txt": CHROME})
    ingest([folder], db=db_url)
    monkeypatch.setattr(sitrep, "__version__", "99.0.0")
    again = ingest([folder], db=db_url)
    assert (again["known_errors"], again["error_codes"]) == (0, {"E009": 1}) and len(nlp_calls) == 2
    assert [a[2] for a in _attempts(db_url)] == ["99.0.0"]  # the row now records the new version
    assert ingest([folder], db=db_url)["known_errors"] == 1 and len(nlp_calls) == 2
    dated = ingest([folder], db=db_url, published="2024-05-06")  # another option: redone
    assert dated["known_errors"] == 0 and len(nlp_calls) == 3
    fixed = ingest([folder], db=db_url, as_body=True)  # the corrected run is never blocked
    assert (fixed["articles"], fixed["errors"]) == (1, 0)


def test_cli_reports_known_errors_and_retries_them_on_request(tmp_path):
    folder = _folder(tmp_path, {"chrome.txt": CHROME})
    db = str(tmp_path / "c.db")
    run = lambda *a: CliRunner().invoke(main, ["ingest", folder, "--db", db, "--no-progress", *a])  # noqa: E731
    assert run().exit_code == 0
    r = run()
    assert r.exit_code == 0 and ("1 already stored (1 known errors: same content, version and options; "
                                 "--retry-errors redoes them), 0 errors -> ") in r.output
    r = run("--retry-errors", "--json")
    assert r.exit_code == 0 and json.loads(r.output)["known_errors"] == 0


def test_a_store_from_before_the_attempt_columns_is_migrated_and_retries_once(tmp_path, db_url, nlp_calls):
    folder = _folder(tmp_path, {"chrome.txt": CHROME})
    ingest([folder], db=db_url)
    s = open_store(db_url)
    with s.engine.begin() as conn:  # back to schema version 7: no attempt columns
        for col in ("content_sha256", "sitrep_version", "options"):
            conn.execute(text(f"ALTER TABLE errors DROP COLUMN {col}"))
        conn.execute(text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))
    s.close()
    first = ingest([folder], db=db_url)  # migrated (step 8); the old row records no attempt: redone
    assert first["known_errors"] == 0 and len(nlp_calls) == 2
    assert _attempts(db_url)[0][2] == sitrep.__version__
    assert ingest([folder], db=db_url)["known_errors"] == 1 and len(nlp_calls) == 2


# -- a new publication date --------------------------------------------------------------------
def _state(db: str) -> dict:
    s = open_store(db)
    try:
        events = sorted((e["day"], e["plover"], e["source"]["code"] if e["source"] else None, e["mentions"])
                        for e in s.events(modality="all", limit=1000))
        quotes = sorted((q["text"], q["mentions"]) for q in s.quotes(limit=1000))
        dyad = s.dyad_timeline("RUS", "UKR", by="day", modality="all")
        with s.engine.connect() as conn:
            times = sorted(tuple(r) for r in conn.execute(text("SELECT article_id, start, value FROM times")))
            published = sorted(tuple(r) for r in conn.execute(text("SELECT id, published, seq FROM articles")))
        return {"events": events, "quotes": quotes, "dyad": dyad, "times": times, "articles": published,
                "stats": s.stats(), "search": sorted(r["kind"] for r in s.search("intimidated"))}
    finally:
        s.close()


def test_a_new_published_date_redoes_the_stored_article_as_a_clean_run_would(tmp_path, db_url, nlp_calls):
    # An exact copy (b.txt) and a near-duplicate (c.txt) in the article's cluster.
    folder = _folder(tmp_path, {"a.txt": STORY, "b.txt": STORY, "c.txt": NEAR})
    ingest([folder], db=db_url, published="2025-03-03")
    before = _state(db_url)
    assert sorted({d for d, *_ in before["events"]}) == ["2025-02-25", "2025-02-26", "2025-03-03"]
    same = ingest([folder], db=db_url, published="2025-03-03")
    assert (same["skipped"], same["replaced"]) == (3, 0) and len(nlp_calls) == 3
    redone = ingest([folder], db=db_url, published="2025-06-09")
    assert (redone["replaced"], redone["articles"], redone["skipped"]) == (3, 0, 0), redone
    clean = str(tmp_path / "clean.db")
    ingest([folder], db=clean, published="2025-06-09")
    after = _state(db_url)
    assert after == _state(clean)
    assert sorted({d for d, *_ in after["events"]}) == ["2025-06-03", "2025-06-04", "2025-06-09"]
    assert {p for _, p, _ in after["articles"]} == {"2025-06-09"}
    assert [s for _, _, s in after["articles"]] == [s for _, _, s in before["articles"]]  # same seq
    # Without a date the stored one stands (the run leaves the date to the page).
    assert ingest([folder], db=db_url)["skipped"] == 3 and _state(db_url) == after


def test_cli_says_how_many_were_redone_for_a_new_date(tmp_path):
    folder = _folder(tmp_path, {"a.txt": STORY})
    db = str(tmp_path / "c.db")
    run = lambda *a: CliRunner().invoke(main, ["ingest", folder, "--db", db, "--no-progress", *a])  # noqa: E731
    assert run("--published", "2025-03-03").exit_code == 0
    r = run("--published", "2025-03-04")
    assert r.exit_code == 0 and "0 already stored, 1 redone for a new publication date, 0 errors" in r.output
