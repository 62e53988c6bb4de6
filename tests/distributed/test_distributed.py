"""The Dask runner (issue 9): same records as the local engine, error rows, Parquet layout.

Cluster tests share one ``LocalCluster(processes=True, n_workers=2, threads_per_worker=1)``
for the module (starting workers and loading the model twice costs most of the time).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from sitrep.distributed import (
    annotate_partition, canonical_json, ingest_dask, plan_partitions, read_output, run_partition,
)
from sitrep.errors import ConfigError, InputError
from sitrep.pipeline import annotate_batch
from sitrep.reader import iter_documents, iter_paths
from sitrep.record import ErrorRecord

distributed = pytest.importorskip("distributed")

# Synthetic wire-style stories written for these tests (no external text).
STORIES = [
    "Army engineers repaired the bridge outside Mosul on Tuesday, a ministry spokesman said.\n\n"
    "The spokesman said about 300 families had been cut off for two weeks.",
    "The foreign minister of Chile met his Argentine counterpart in Santiago on Monday.\n\n"
    "\"We agreed to reopen the border crossing,\" the minister told reporters after the talks.",
    "Protesters marched through central Nairobi on Saturday to demand lower fuel prices.\n\n"
    "Police said they arrested 14 people and that two officers were injured.",
    "The European Union announced new sanctions against five companies on Thursday.\n\n"
    "Officials in Brussels said the measures would take effect next month.",
    "Flooding forced more than 2,000 people from their homes in northern Bangladesh, the relief agency said.",
]


def write_corpus(root: Path) -> list[str]:
    """Text files, an HTML page, a jsonl file with good and bad lines, a binary file and a
    missing path: every kind of input and every kind of refusal the reader has."""
    root.mkdir(parents=True, exist_ok=True)
    for i, story in enumerate(STORIES[:3]):
        (root / f"story{i}.txt").write_text(story, encoding="utf-8")
    (root / "page.html").write_text(
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
        f"<p>{STORIES[3]}</p></article></body></html>", encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": STORIES[4], "published": "2022-03-04"}),
        "this line is not json",
        "",
        json.dumps({"id": "j3", "text": "   "}),
        json.dumps({"id": "j4", "text": STORIES[0], "published": "2022-02-03"}),
        json.dumps({"id": "j5", "text": STORIES[1], "published": "2022-03-04"}),
        json.dumps({"id": "j6", "text": STORIES[2]}),
    ]
    (root / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 10)
    return [str(root), str(root / "missing.txt")]


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    """A gzipped WARC with one HTML response per (url, story), plus a request and an
    image response that the reader must skip."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, story in pages:
            html = f"<html><head><title>{story.split(',')[0]}</title></head><body><article>" + "".join(
                f"<p>{para}</p>" for para in story.split("\n\n")) + "</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode("utf-8")),
                                                          http_headers=headers))
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=BytesIO(b"\x89PNG..."), http_headers=img))


def local_engine(paths: list[str]) -> list[dict]:
    """The reference: the reader plus ``annotate_batch`` run in this process, one document
    at a time, with refusals as the error records ``sitrep extract`` prints."""
    out = []
    for p in iter_paths(paths):
        for doc in iter_documents(str(p)):
            if isinstance(doc, InputError):
                out.append(ErrorRecord(error=str(doc), code=doc.code, source=doc.doc,
                                       input_id=getattr(doc, "input_id", None)).model_dump(mode="json"))
            else:
                out.extend(annotate_batch([{"content": doc.content, "source": doc.source, "format": doc.format,
                                            "id": doc.input_id, "published": doc.published, "url": doc.url}]))
    return out


def canonical(rows: list[dict]) -> list[str]:
    return sorted(canonical_json(r) for r in rows)


# -- annotate functions shipped to the workers (pickled by value, see the fixture) ------
def annotate_poisoned(records, **options):
    """annotate_batch, except that a document containing POISON raises (a stage bug)."""
    if any("POISON" in r["content"] for r in records):
        raise RuntimeError("poisoned document")
    return annotate_batch(records, **options)


def annotate_killing(records, **options):
    """annotate_batch, except that a document containing KILLWORKER kills the worker
    process outright (what a segfault or the OOM killer does)."""
    if any("KILLWORKER" in r["content"] for r in records):
        os._exit(13)
    return annotate_batch(records, **options)


@pytest.fixture(scope="module")
def client(pipeline):
    # ``pipeline`` first: this process and the workers then load the same code within
    # seconds of each other (the working tree can change under a long test session).
    import cloudpickle
    import dask
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    # A task whose worker dies is not retried on the other one: the test of lost
    # partitions should see the loss once, not after three more killed workers.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


# -- planning (no cluster) -------------------------------------------------------------
def test_jsonl_is_split_by_line_ranges_that_keep_line_numbers(tmp_path):
    paths = write_corpus(tmp_path / "in")
    jsonl = str(tmp_path / "in" / "batch.jsonl")
    parts = plan_partitions([jsonl], size=2)
    assert [(p.first_line, p.last_line, p.docs) for p in parts] == [(1, 2, 2), (3, 5, 2), (6, 7, 2)]
    # Reading the ranges gives exactly the whole-file read, names and line numbers included.
    whole = [d.doc if isinstance(d, InputError) else (d.source, d.content) for d in iter_documents(jsonl)]
    from sitrep.distributed import iter_partition_documents
    split = [d.doc if isinstance(d, InputError) else (d.source, d.content)
             for p in parts for d in iter_partition_documents(p)]
    assert split == whole
    assert paths  # the corpus was written


def test_small_files_are_grouped_and_limit_is_exact(tmp_path):
    paths = write_corpus(tmp_path / "in")
    parts = plan_partitions(paths, size=2)
    # 6 plain files (3 stories, page.html, blob.txt, missing.txt) in groups of 2, jsonl in 3 ranges.
    assert sorted(p.kind for p in parts).count("files") == 3
    assert sum(p.docs for p in parts) == 12
    assert sum(p.docs for p in plan_partitions(paths, size=2, limit=5)) == 5
    assert len({p.key for p in parts}) == len(parts)
    with pytest.raises(ConfigError):
        plan_partitions(["-"])
    with pytest.raises(ConfigError, match="needs --out"):  # refused before connecting
        ingest_dask(paths, scheduler="tcp://127.0.0.1:1")


def test_cli_engine_dask_passes_the_local_options_and_reports_errors_on_one_line(tmp_path, monkeypatch):
    # Fast: no cluster. Both engines take the same options; a SitrepError is one clean line.
    from click.testing import CliRunner

    import sitrep.distributed
    from sitrep.cli import main

    (tmp_path / "a.txt").write_text(STORIES[0], encoding="utf-8")
    seen = {}

    def fake_ingest_dask(paths, **kwargs):
        seen.update(kwargs, paths=paths)
        return {"engine": "dask", "documents": 1}

    monkeypatch.setattr(sitrep.distributed, "ingest_dask", fake_ingest_dask)
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--engine", "dask", "--db", "x.db",
                                  "--out", "o", "--workers", "3", "--limit", "5", "--published", "2022-01-02",
                                  "--as-body", "--input-format", "text", "--batch-size", "7"])
    assert r.exit_code == 0, r.output
    assert seen == {"paths": [str(tmp_path / "a.txt")], "db_url": "x.db", "out_dir": "o", "scheduler": None,
                    "workers": 3, "published": "2022-01-02", "limit": 5, "batch_size": 7,
                    "input_format": "text", "as_body": True}
    monkeypatch.undo()
    # The real runner refuses a remote scheduler without a shared --out before connecting.
    r = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--engine", "dask",
                                  "--scheduler", "tcp://127.0.0.1:1", "--db", str(tmp_path / "c.db")])
    # A bad option is a usage error: exit 2, one line, nothing written.
    assert r.exit_code == 2 and r.exception is not None and isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    assert r.output.strip().splitlines() == [
        "Error: E302: bad option: a --scheduler cluster needs --out: a folder every worker can write "
        "and this machine can read (a shared filesystem)"]


def test_partition_rerun_replaces_its_files(tmp_path):
    write_corpus(tmp_path / "in")
    part = plan_partitions([str(tmp_path / "in" / "batch.jsonl")], size=10)[0]
    out = tmp_path / "out"
    first = run_partition(part, str(out))
    second = run_partition(part, str(out))
    assert first["files"] == second["files"]
    assert sorted(first["files"]) == [
        "articles/date=2022-02-03/part-%s.parquet" % part.key,
        "articles/date=2022-03-04/part-%s.parquet" % part.key,
        "articles/date=unknown/part-%s.parquet" % part.key,
        "errors/part-%s.parquet" % part.key,
    ]
    articles, errors = read_output(out)
    assert (len(articles), len(errors)) == (4, 2)
    assert canonical(articles + errors) == canonical(annotate_partition(part))


def test_partition_writer_streams_row_groups_and_restores_input_order(tmp_path):
    from sitrep.distributed import PartitionWriter, read_partition

    writer = PartitionWriter(tmp_path, "k", flush_rows=7)  # many row groups per file
    rows = []
    for i in range(50):
        if i % 5 == 0:
            row = {"error": f"doc{i}: E001: empty document", "code": "E001", "source": f"doc{i}", "input_id": None}
        else:
            row = {"id": f"a{i}", "published": ["2022-01-01", None, "2022-01-03"][i % 3], "text": "x",
                   "source": f"doc{i}", "input_id": str(i)}
        rows.append(row)
        writer.add(row, f"key{i}")
    assert writer.close() == ["articles/date=2022-01-01/part-k.parquet", "articles/date=2022-01-03/part-k.parquet",
                              "articles/date=unknown/part-k.parquet", "errors/part-k.parquet"]
    back = read_partition(tmp_path, "k")
    assert [r for r, _ in back] == rows
    assert [k for _, k in back] == [f"key{i}" for i in range(50)]
    assert not list(tmp_path.rglob("*.tmp"))


# -- on a LocalCluster -------------------------------------------------------------------
def test_dask_records_equal_local_engine_byte_for_byte(client, tmp_path):
    paths = write_corpus(tmp_path / "in")
    expected = local_engine(paths)
    summary = ingest_dask(paths, out_dir=str(tmp_path / "out"), client=client, partition_size=2)
    articles, errors = read_output(tmp_path / "out")
    assert canonical(articles + errors) == canonical(expected)
    assert summary["workers"] == 2
    assert summary["partitions"] == 6 and summary["lost_partitions"] == 0
    assert (summary["documents"], summary["articles"], summary["errors"]) == (12, 8, 4)
    assert sorted(e["code"] for e in errors) == ["E002", "E003", "E008", "E010"]
    dates = sorted(p.name for p in (tmp_path / "out" / "articles").iterdir())
    assert dates == ["date=2022-02-03", "date=2022-03-04", "date=unknown"]


def annotate_failing(records, **options):
    raise RuntimeError("must not run")


def test_rerun_resumes_finished_partitions_only(client, tmp_path):
    write_corpus(tmp_path / "in")
    src = [str(tmp_path / "in" / "batch.jsonl")]
    out = str(tmp_path / "out")
    first = ingest_dask(src, out_dir=out, client=client, partition_size=2)
    before = read_output(out)
    # One partition loses its "finished" marker (as if its worker died before the end):
    # the rerun runs that one again and reuses the other two.
    marker = next((tmp_path / "out" / "_done").iterdir())
    marker.unlink()
    again = ingest_dask(src, out_dir=out, client=client, partition_size=2)
    assert (first["resumed_partitions"], again["resumed_partitions"]) == (0, 2)
    assert again["partitions"] == 3 and again["documents"] == first["documents"]
    assert read_output(out) == before
    # Changed options (another batch function) redo every partition.
    redone = ingest_dask(src, out_dir=out, client=client, partition_size=2, annotate=annotate_failing)
    assert redone["resumed_partitions"] == 0 and redone["articles"] == 0


def test_scheduler_address_and_published_option_reach_the_workers(client, tmp_path):
    # Connecting by address, as `--scheduler tcp://HOST:8786` does for a remote cluster.
    paths = write_corpus(tmp_path / "in")
    summary = ingest_dask([str(tmp_path / "in" / "story0.txt")], out_dir=str(tmp_path / "out"),
                          scheduler=client.scheduler.address, published="2021-12-01")
    assert summary["scheduler"].startswith("tcp://") and summary["workers"] == 2
    articles, _ = read_output(tmp_path / "out")
    assert [a["published"] for a in articles] == ["2021-12-01"]
    assert (tmp_path / "out" / "articles" / "date=2021-12-01").is_dir()
    assert paths


def test_warc_files_are_partitions_and_match_local_engine(client, tmp_path):
    root = tmp_path / "crawl"
    root.mkdir()
    write_warc(root / "a.warc.gz", [("https://news.example.org/bridge", STORIES[0]),
                                    ("https://news.example.org/talks", STORIES[1])])
    write_warc(root / "b.warc.gz", [("https://news.example.org/fuel", STORIES[2])])
    parts = plan_partitions([str(root)], size=1)
    assert [(p.kind, len(p.paths)) for p in parts] == [("warc", 1), ("warc", 1)]
    summary = ingest_dask([str(root)], out_dir=str(tmp_path / "out"), client=client, partition_size=1)
    articles, errors = read_output(tmp_path / "out")
    assert (summary["partitions"], summary["documents"], summary["errors"]) == (2, 3, 0)
    assert canonical(articles) == canonical(local_engine([str(root)]))
    assert sorted(a["source"] for a in articles) == [
        "https://news.example.org/bridge", "https://news.example.org/fuel", "https://news.example.org/talks"]
    # limit reaches into a WARC partition: the first file is read only up to it.
    limited = ingest_dask([str(root)], out_dir=str(tmp_path / "out1"), client=client, limit=1)
    assert limited["documents"] == 1


def _pg_schema_url(tag: str):
    """A fresh schema on the test PostgreSQL server (SITREP_TEST_PG_URL), or a skip."""
    url = os.environ.get("SITREP_TEST_PG_URL")
    if not url:
        pytest.skip("SITREP_TEST_PG_URL is unset (run `eval \"$(bash scripts/test-services.sh)\"` for PostgreSQL)")
    import uuid

    from sqlalchemy import create_engine, text

    from sitrep.store import normalise_url

    schema = f"t_{tag}_{uuid.uuid4().hex[:10]}"
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}", schema


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_pair(request, tmp_path):
    """Two empty stores of one kind: one for local ingest, one for the Dask load."""
    if request.param == "sqlite":
        yield str(tmp_path / "local.db"), str(tmp_path / "dask.db")
        return
    (a, sa), (b, sb) = _pg_schema_url("local"), _pg_schema_url("dask")
    yield a, b
    from sqlalchemy import create_engine, text

    from sitrep.store import normalise_url

    engine = create_engine(normalise_url(os.environ["SITREP_TEST_PG_URL"]))
    with engine.begin() as conn:
        for schema in (sa, sb):
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def test_store_load_matches_local_ingest_and_is_idempotent(client, tmp_path, db_pair):
    from sitrep.distributed import load_store
    from sitrep.ingest import ingest
    from sitrep.store import open_store

    paths = write_corpus(tmp_path / "in")
    local_db, dask_db = db_pair
    ingest(paths, db=local_db, workers=1)
    summary = ingest_dask(paths, db_url=dask_db, out_dir=str(tmp_path / "out"), client=client, partition_size=2)
    # 8 readable documents, 3 of them the same story as another (same body = same id).
    assert (summary["db"]["articles"], summary["db"]["duplicates"], summary["db"]["errors"]) == (5, 3, 4)
    with open_store(local_db) as a, open_store(dask_db) as b:
        assert b.stats() == a.stats()
        ids = sorted(r["id"] for r in a.list_articles(limit=100))
        assert ids and sorted(r["id"] for r in b.list_articles(limit=100)) == ids
        for i in ids:
            assert canonical_json(b.get_article(i)) == canonical_json(a.get_article(i))
        assert canonical(b.errors()) == canonical(a.errors())
        before = b.stats()
    # Loading the same output again (a retried load step) adds nothing.
    again = load_store(tmp_path / "out", dask_db)
    assert again["articles"] == 0 and again["errors"] == 0 and again["skipped"] == 12
    with open_store(dask_db) as b:
        assert b.stats() == before


def test_cli_ingest_engine_dask_writes_parquet_and_store(tmp_path):
    # The user's path: its own LocalCluster of 2 worker processes, started by the CLI.
    from click.testing import CliRunner

    from sitrep.cli import main
    from sitrep.store import open_store

    paths = write_corpus(tmp_path / "in")
    out, db = tmp_path / "out", tmp_path / "c.db"
    r = CliRunner().invoke(main, ["ingest", *paths, "--engine", "dask", "--workers", "2",
                                  "--out", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    summary = json.loads(r.output[r.output.index("{"):])
    assert (summary["workers"], summary["documents"], summary["errors"]) == (2, 12, 4)
    articles, errors = read_output(out)
    # Full records are compared with the local engine above; here the CLI's own cluster
    # (a fresh import) is checked for the same documents and refusals.
    expected = local_engine(paths)
    assert sorted(a["source"] for a in articles) == sorted(r["source"] for r in expected if "error" not in r)
    assert sorted(e["error"] for e in errors) == sorted(r["error"] for r in expected if "error" in r)
    with open_store(str(db)) as store:
        assert store.stats()["errors"] == 4 and store.count_articles() == 5


def test_poisoned_document_costs_one_error_row(client, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for i, story in enumerate(STORIES[:3]):
        (root / f"s{i}.txt").write_text(story, encoding="utf-8")
    (root / "s1.txt").write_text(STORIES[1] + "\n\nPOISON", encoding="utf-8")
    summary = ingest_dask([str(root)], out_dir=str(tmp_path / "out"), client=client,
                          partition_size=3, annotate=annotate_poisoned)
    articles, errors = read_output(tmp_path / "out")
    assert summary["partitions"] == 1 and summary["lost_partitions"] == 0
    assert [e["source"] for e in errors] == [str(root / "s1.txt")]
    assert errors[0]["code"] == "E101"
    # The same wording local ingest uses for a document its batch function choked on.
    assert errors[0]["error"] == f"{root / 's1.txt'}: E101: stage pipeline failed: RuntimeError: poisoned document"
    # The two healthy documents of the same batch are the records the local engine makes.
    healthy = local_engine([str(root / "s0.txt"), str(root / "s2.txt")])
    assert canonical(articles) == canonical(healthy)


def test_partition_whose_worker_dies_becomes_error_rows(client, tmp_path):
    # Runs last in this module: it kills a worker (the nanny restarts it).
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.jsonl").write_text("\n".join(json.dumps({"id": f"k{i}", "text": t}) for i, t in enumerate(
        [STORIES[0], STORIES[1] + " KILLWORKER", STORIES[2], "bad"])) + "\n{broken\n", encoding="utf-8")
    (root / "b.txt").write_text(STORIES[3], encoding="utf-8")
    summary = ingest_dask([str(root)], out_dir=str(tmp_path / "out"), client=client,
                          partition_size=10, annotate=annotate_killing)
    articles, errors = read_output(tmp_path / "out")
    assert summary["lost_partitions"] == 1
    assert summary["documents"] == 6 and summary["errors"] == 5
    # b.txt is its own partition and survives; every document of the lost jsonl
    # partition is accounted for, with the bad line still named by its own error.
    assert [a["source"] for a in articles] == [str(root / "b.txt")]
    lost = sorted((e["input_id"] or "", e["code"]) for e in errors)
    assert lost == [("", "E008"), ("k0", "E101"), ("k1", "E101"), ("k2", "E101"), ("k3", "E101")]
    assert all("dask task" in e["error"] for e in errors if e["code"] == "E101")


def annotate_without_package(records, **options):
    """What annotate_batch raises on a worker whose environment lacks a runtime package."""
    from sitrep.errors import Errors

    raise Errors.E306(package="trafilatura", reason="ModuleNotFoundError: No module named 'lxml_html_clean'",
                      install="python -m pip install 'trafilatura<3,>=2.0'")


def test_a_worker_without_a_package_stops_the_run_with_one_e306(client, tmp_path):
    # Issue 13: not an E101 row per document (rows a rerun would skip as known errors).
    write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    db = tmp_path / "c.db"
    with pytest.raises(ConfigError) as err:
        ingest_dask([str(tmp_path / "in" / "batch.jsonl")], db_url=str(db), out_dir=str(out), client=client,
                    partition_size=2, annotate=annotate_without_package)
    assert str(err.value) == ("E306: required package trafilatura cannot be imported (ModuleNotFoundError: No "
                              "module named 'lxml_html_clean'); install it: python -m pip install "
                              "'trafilatura<3,>=2.0'")
    assert not db.exists()
    assert not (out / "_done").exists() or list((out / "_done").iterdir()) == []
