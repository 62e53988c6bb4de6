"""Ingest: the seed end to end, bad files, kill -9 and rerun, WARC, jsonl, stdin, workers."""

from __future__ import annotations

import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.ingest import count_documents, ingest
from sitrep.store import open_store

from conftest import SEED, need_shared
from corpus_fixtures import story

ROOT = Path(__file__).resolve().parents[1]

def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db, timeout=30)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # schema not created yet
    finally:
        con.close()


def test_seed_is_stored_exactly_as_extract_prints_it_and_rerun_adds_nothing(tmp_path, seed_record):
    need_shared("seed")
    db = tmp_path / "seed.db"
    first = ingest([str(SEED)], db=str(db), published="2022-02-03")
    assert (first["documents"], first["articles"], first["errors"]) == (1, 1, 0)
    again = ingest([str(SEED)], db=str(db), published="2022-02-03")
    assert (again["articles"], again["skipped"]) == (0, 1)
    store = open_store(str(db))
    assert store.get_article(seed_record.id) == seed_record.model_dump(mode="json")
    assert store.stats()["events"] == len(seed_record.events)
    assert store.stats()["quotes"] == len(seed_record.quotes)
    store.close()


def test_folder_of_bad_files_gives_error_rows_and_a_finished_run(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t\n")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin1.txt").write_bytes("Le ministre a déclaré que l'armée quitterait la ville.".encode("latin-1"))
    with open(d / "sub" / "huge.txt", "wb") as fh:  # 25 MB > the 20 MB limit
        fh.write(b"word " * (5 * 1024 * 1024))
    (d / "sub" / "good.txt").write_text(story(1), encoding="utf-8")
    db = tmp_path / "bad.db"
    summary = ingest([str(d)], db=str(db))
    assert summary["documents"] == 6 and summary["articles"] == 1 and summary["errors"] == 5
    assert summary["error_codes"] == {"E001": 1, "E002": 1, "E003": 1, "E004": 1, "E005": 1}
    store = open_store(str(db))
    rows = {Path(r["source"]).name: r["code"] for r in store.errors()}
    assert rows == {"empty.txt": "E001", "blank.txt": "E002", "binary.txt": "E003", "latin1.txt": "E004",
                    "huge.txt": "E005"}
    assert all(r["reason"].startswith(r["source"]) for r in store.errors())
    store.close()
    # Bad files are keyed too: a rerun adds no second error row.
    assert ingest([str(d)], db=str(db))["errors"] == 0 and _count(db, "errors") == 5


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_finishes_with_exact_counts(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    n_good = 60
    for i in range(n_good):
        (d / f"doc{i:03d}.txt").write_text(story(i), encoding="utf-8")
    (d / "zz_empty.txt").write_bytes(b"")
    (d / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "sitrep.cli.__main__", "ingest", str(d), "--db", str(db),
           "--batch-size", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 300
        # Poll the database (not the clock) until a few batches are committed.
        while _count(db, "articles") < 6:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.time() < deadline, "ingest committed nothing in 300 s"
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    before = _count(db, "articles")
    assert 6 <= before < n_good, "the kill must land mid-run"
    assert _count(db, "inputs") == before  # a batch is all or nothing
    summary = ingest([str(d)], db=str(db), batch_size=2)
    assert summary["skipped"] == before
    assert summary["articles"] == n_good - before
    assert summary["errors"] == 2
    assert _count(db, "articles") == n_good
    assert _count(db, "errors") == 2
    assert _count(db, "inputs") == n_good + 2
    con = sqlite3.connect(db)
    # No fact stored twice: every table agrees with the records' own counts.
    assert con.execute("SELECT sum(n_events), sum(n_quotes) FROM articles").fetchone() == (
        con.execute("SELECT count(*) FROM events").fetchone()[0], con.execute("SELECT count(*) FROM quotes").fetchone()[0])
    assert con.execute("SELECT count(*) FROM search_fts WHERE kind = 'article'").fetchone()[0] == n_good
    con.close()


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, ctype, body in pages:
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            w.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def test_warc_html_responses_only(tmp_path):
    article = ("<html><head><title>Curfew in Goma</title></head><body><article><h1>Curfew in Goma</h1>"
               f"<p>{story(5)}</p><p>{story(6)}</p></article></body></html>").encode("utf-8")
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, [
        ("https://news.example/goma", "text/html; charset=utf-8", article),
        ("https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("https://news.example/empty", "text/html", b""),
    ])
    db = tmp_path / "warc.db"
    summary = ingest([str(warc)], db=str(db))
    assert (summary["documents"], summary["articles"], summary["errors"]) == (2, 1, 1)
    store = open_store(str(db))
    [art] = store.list_articles()
    assert art["source"] == "https://news.example/goma"
    assert [e["source"] for e in store.errors()] == ["https://news.example/empty"]
    store.close()


def test_jsonl_lines_carry_ids_and_bad_lines_become_errors(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a1", "text": story(11), "published": "2022-03-04"}),
        "not json at all",
        json.dumps({"id": "a3", "text": story(12)}),
        "",
    ]), encoding="utf-8")
    assert count_documents([str(p)]) == 3
    db = tmp_path / "j.db"
    summary = ingest([str(p)], db=str(db))
    assert (summary["articles"], summary["errors"], summary["error_codes"]) == (2, 1, {"E008": 1})
    store = open_store(str(db))
    ids = {a["id"]: store.get_article(a["id"])["input_id"] for a in store.list_articles()}
    assert sorted(ids.values()) == ["a1", "a3"]
    assert [a["published"] for a in store.list_articles()] == ["2022-03-04", None]
    store.close()


def test_stdin_and_limit(tmp_path):
    db = tmp_path / "s.db"
    summary = ingest(["-"], db=str(db), stdin=io.BytesIO(story(20).encode("utf-8")), published="2021-12-01")
    assert summary["articles"] == 1
    d = tmp_path / "many"
    d.mkdir()
    for i in range(5):
        (d / f"{i}.txt").write_text(story(30 + i), encoding="utf-8")
    assert ingest([str(d)], db=str(db), limit=3)["documents"] == 3
    assert _count(db, "articles") == 4
    assert ingest([str(d / "*.txt")], db=str(db))["skipped"] == 3  # globs; the 3 done are skipped


@pytest.mark.slow
def test_two_worker_processes_store_the_same_as_one(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(8):
        (d / f"{i}.txt").write_text(story(40 + i) + story(50 + i), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    s1 = ingest([str(d)], db=str(one), batch_size=3)
    s2 = ingest([str(d)], db=str(two), workers=2, batch_size=3)
    for k in ("documents", "articles", "errors", "events", "quotes"):
        assert s1[k] == s2[k], k
    a, b = open_store(str(one)), open_store(str(two))
    assert [x["id"] for x in a.list_articles()] == [x["id"] for x in b.list_articles()]
    assert all(a.get_article(x["id"]) == b.get_article(x["id"]) for x in a.list_articles())
    a.close()
    b.close()


def test_cli_ingest_prints_a_summary(tmp_path):
    from click.testing import CliRunner

    from sitrep.cli import main

    (tmp_path / "a.txt").write_text(story(60), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    db = tmp_path / "cli.db"
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert (out["documents"], out["articles"], out["errors"], out["error_codes"]) == (2, 1, 1, {"E001": 1})
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--no-progress"])
    assert r.exit_code == 0 and "1 already stored" in r.output


def test_annotate_batch_safely_isolates_a_bad_document():
    # The one fallback local ingest and the Dask runner share (no model needed here).
    from sitrep.errors import ConfigError, Errors
    from sitrep.pipeline import annotate_batch_safely

    def fake(records, **options):
        if any("POISON" in r["content"] for r in records):
            raise RuntimeError("poisoned document\nsecond line")
        return [{"id": r["content"], **options} for r in records]

    records = [{"content": "a", "source": "a.txt"}, {"content": "POISON", "id": "j2"}, {"content": "c"}]
    rows = annotate_batch_safely(records, annotate=fake, published="2022-01-01")
    assert rows == [
        {"id": "a", "published": "2022-01-01"},
        {"error": "j2: E101: stage pipeline failed: RuntimeError: poisoned document", "code": "E101",
         "source": None, "input_id": "j2"},
        {"id": "c", "published": "2022-01-01"},
    ]
    assert annotate_batch_safely([], annotate=fake) == []
    # A batch function that loses a result is redone per document, never misaligned.
    short = annotate_batch_safely(records[::2], annotate=lambda rs, **o: fake(rs)[:1])
    assert short == [{"id": "a"}, {"id": "c"}]

    def no_model(records, **options):
        raise ConfigError(Errors.E301, name="x")

    with pytest.raises(ConfigError):  # not one document's fault: raised, not turned into rows
        annotate_batch_safely(records, annotate=no_model)


def test_local_ingest_poisoned_document_costs_one_error_row(tmp_path, monkeypatch):
    import sitrep.pipeline

    real = sitrep.pipeline.annotate_batch

    def poisoned(records, **options):
        if any("POISON" in r["content"] for r in records):
            raise RuntimeError("poisoned document")
        return real(records, **options)

    monkeypatch.setattr(sitrep.pipeline, "annotate_batch", poisoned)
    root = tmp_path / "in"
    root.mkdir()
    for i in range(3):
        (root / f"s{i}.txt").write_text(story(80 + i) + ("\nPOISON\n" if i == 1 else ""), encoding="utf-8")
    db = tmp_path / "p.db"
    summary = ingest([str(root)], db=str(db), batch_size=3)
    assert (summary["articles"], summary["errors"], summary["error_codes"]) == (2, 1, {"E101": 1})
    with open_store(str(db)) as store:
        errors = store.errors()
    # The wording the Dask runner writes for the same failure (tests/distributed/test_distributed.py).
    assert [(e["source"], e["code"]) for e in errors] == [(str(root / "s1.txt"), "E101")]
    assert "stage pipeline failed: RuntimeError: poisoned document" in errors[0]["reason"]


@pytest.mark.postgres
def test_ingest_into_postgresql_is_idempotent(tmp_path, pg_url):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(story(70 + i), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    first = ingest([str(tmp_path)], db=pg_url, batch_size=2)
    assert (first["articles"], first["errors"]) == (3, 1)
    again = ingest([str(tmp_path)], db=pg_url, batch_size=2)
    assert (again["articles"], again["errors"], again["skipped"]) == (0, 0, 4)
    store = open_store(pg_url)
    assert store.stats()["articles"] == 3 and store.stats()["inputs"] == 4
    assert store.search("unrest")[0]["kind"] == "article"
    store.close()
