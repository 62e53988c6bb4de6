"""Issue 13, cases 3 and 8: error rows never block a corrected run; ordinary mistakes in
arguments are clear errors (usage errors, exit 2, nothing written), never a traceback or
a silent wrong answer; query commands never create or touch a database that is not a
sitrep store; PostgreSQL takes what SQLite takes."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_fixtures import corpus, make_article, talks
from sitrep.cli import main
from sitrep.errors import ConfigError, StoreError
from sitrep.ingest import ingest
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Police in the port city arrested twelve protesters on Sunday after a march against fuel prices "
           "turned violent, a police spokesman said.\n\nThe protesters were released on bail on Monday.\n")
# Page chrome only: no article body unless the caller says the text is the body (--as-body).
CHROME = "Home\nAbout\nContact\n\nSign in\n\nShare and Enjoy !\n\nLeave a Reply\n"


def run(*args, input=None):  # noqa: A002
    r = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in r.output and (r.exception is None or isinstance(r.exception, SystemExit)), r.output
    return r


@pytest.fixture
def corpus_db(tmp_path):
    db = tmp_path / "corpus.db"
    s = open_store(str(db))
    s.add_articles(corpus())
    s.close()
    return str(db)


# -- case 3: error rows never block a corrected rerun ---------------------------------------
def test_cli_bad_published_then_corrected_run_stores_everything(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(ENGLISH.replace("twelve", str(12 + i)), encoding="utf-8")
    db = tmp_path / "c.db"
    bad = run("ingest", d, "--db", db, "--published", "notadate", "--no-progress")
    assert bad.exit_code == 2 and not db.exists()
    good = run("ingest", d, "--db", db, "--published", "2024-05-06", "--no-progress", "--json")
    assert good.exit_code == 0, good.output
    s = open_store(str(db))
    assert s.stats()["articles"] == 3 and s.stats()["errors"] == 0
    s.close()


def test_an_error_row_is_retried_and_replaced_by_the_corrected_result(tmp_path):
    p = tmp_path / "chrome.txt"
    p.write_text(CHROME, encoding="utf-8")
    db = str(tmp_path / "c.db")
    first = ingest([str(p)], db=db)
    assert first["error_codes"] == {"E009": 1}
    again = ingest([str(p)], db=db)  # the same error again: already stored, no new row
    assert (again["errors"], again["skipped"]) == (0, 1)
    fixed = ingest([str(p)], db=db, as_body=True)  # the corrected run is not skipped
    assert (fixed["articles"], fixed["errors"], fixed["skipped"]) == (1, 0, 0), fixed
    s = open_store(db)
    assert s.stats()["errors"] == 0 and s.stats()["inputs"] == 1 and s.errors() == []
    s.close()


def test_store_replaces_an_error_row_when_the_same_input_succeeds(db_url):
    s = open_store(db_url)
    try:
        err = {"error": "x.txt: E101: stage nlp failed: boom", "code": "E101", "source": "x.txt", "input_id": None}
        assert s.write_results([err], ["k"])["errors"] == 1
        assert s.seen_inputs(["k"]) == set()  # an error is not "done": a later run retries it
        assert s.write_results([err], ["k"])["skipped"] == 1 and s.stats()["errors"] == 1
        counts = s.write_results([talks()], ["k"])
        assert counts["articles"] == 1 and s.stats()["errors"] == 0 and s.seen_inputs(["k"]) == {"k"}
        assert s.write_results([talks()], ["k"])["skipped"] == 1
    finally:
        s.close()


# -- case 8: bad arguments --------------------------------------------------------------------
@pytest.mark.parametrize("args,option", [
    (["events", "--limit", "99999999999999999999"], "--limit"),
    (["events", "--limit", "-1"], "--limit"),
    (["events", "--limit", "0"], "--limit"),
    (["events", "--offset", "-5"], "--offset"),
    (["quotes", "--offset", "99999999999999999999"], "--offset"),
    (["actors", "--top", "-1"], "--top"),
    (["events", "--since", "notadate"], "--since"),
    (["events", "--until", "notadate"], "--until"),
    (["events", "--since", "2025-1-5"], "--since"),
    (["events", "--since", "2025-02-30"], "--since"),
    (["dyad", "RUS", "UKR", "--until", "yesterday"], "--until"),
    (["events", "--modality", "bogus"], "--modality"),
    (["events", "--modality", "asserted,bogus"], "--modality"),
    (["dyad", "RUS", "UKR", "--modality", "bogus"], "--modality"),
    (["export", "--modality", "bogus"], "--modality"),
    (["export", "--since", "2022-13-01"], "--since"),
    (["search", "x", "--limit", "-3"], "--limit"),
])
def test_bad_query_arguments_are_usage_errors(corpus_db, args, option):
    r = run(*args, "--db", corpus_db)
    assert r.exit_code == 2, r.output
    assert r.stdout == "" and option in r.stderr and "E302" in r.stderr


@pytest.mark.parametrize("args,option", [
    (["--workers", "0"], "--workers"), (["--workers", "-2"], "--workers"), (["--batch-size", "0"], "--batch-size"),
    (["--limit", "-1"], "--limit"), (["--published", "2025-1-5"], "--published"),
])
def test_bad_ingest_arguments_are_usage_errors_and_nothing_is_written(tmp_path, args, option):
    p = tmp_path / "a.txt"
    p.write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "never.db"
    r = run("ingest", p, "--db", db, "--no-progress", *args)
    assert r.exit_code == 2 and option in r.stderr and "E302" in r.stderr
    assert not db.exists()


def test_good_arguments_still_answer(corpus_db):
    r = run("events", "--db", corpus_db, "--since", "2022-05-01", "--until", "2022-05-31", "--modality",
            "asserted,planned", "--limit", "1000000", "--offset", "0", "--json")
    assert r.exit_code == 0 and '"plover"' in r.stdout
    assert run("actors", "--db", corpus_db, "--top", "3", "--json").exit_code == 0


def test_the_library_refuses_the_same_arguments(corpus_db):
    s = open_store(corpus_db)
    try:
        for call in (lambda: s.events(limit=10 ** 20), lambda: s.events(offset=-5), lambda: s.quotes(limit=-1),
                     lambda: s.actors(top=-1), lambda: s.events(modality="bogus"), lambda: s.events(since="notadate"),
                     lambda: s.dyad_timeline("RUS", "UKR", until="2025-1-5")):
            with pytest.raises(ConfigError, match="E302"):
                call()
        assert len(s.events(since="2022-05")) == 9  # the API's month form stays valid
    finally:
        s.close()


@pytest.mark.parametrize("cmd", [["events"], ["quotes"], ["actors"], ["search", "x"], ["dyad", "RUS", "UKR"],
                                 ["export", "--format", "jsonl"]])
def test_query_commands_never_create_a_database(tmp_path, cmd):
    db = tmp_path / "typo.db"
    r = run(*cmd, "--db", db)
    assert r.exit_code == 2 and "no database at" in r.stderr and not db.exists()
    assert not (tmp_path / "typo.db-wal").exists()


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "foreign.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.commit()
    con.close()
    p = tmp_path / "a.txt"
    p.write_text(ENGLISH, encoding="utf-8")
    for args in (["ingest", p, "--db", db, "--no-progress"], ["events", "--db", db], ["export", "--db", db]):
        r = run(*args)
        assert r.exit_code == 1 and "E201" in r.stderr and "not a sitrep store" in r.stderr, r.output
        assert "customers" in r.stderr
    con = sqlite3.connect(db)
    assert [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["customers"]
    con.close()
    with pytest.raises(StoreError, match="not a sitrep store"):
        open_store(str(db))


def test_an_empty_database_is_not_a_store_for_queries(db_url):
    with pytest.raises(StoreError, match="not a sitrep store|no such database"):
        open_store(db_url, create=False)
    open_store(db_url).close()  # ingest creates it
    open_store(db_url, create=False).close()


def test_postgresql_takes_what_sqlite_takes(db_url):
    """Declared VARCHAR lengths: SQLite ignores them, PostgreSQL used to fail the batch."""
    text = ("Government troops and rebel fighters exchanged heavy fire near the northern town of Kalyn "
            "on Friday, a local official said.")
    long = "x" * 300
    rec = make_article(text, "2024-05-06", "s" * 2000, events=(
        ("exchanged heavy fire", "FIGHT" + "_" * 40, "190" * 10, -10.0, "asserted", ("Government troops", "A" * 80, "ZZZ"),
         ("rebel fighters", None, None)),)).model_dump(mode="json")
    rec["events"][0]["mode"] = long
    rec["events"][0]["date"] = "2024-05-06T10:00:00+05:00 (local time, as the wire gave it)"
    rec["language"] = "en-GB-oxendict"
    s = open_store(db_url)
    try:
        assert s.write_results([rec], ["k" * 200])["articles"] == 1
        assert s.events(modality="all")[0]["mode"] == long
        err = {"error": "y", "code": "E" + "9" * 20, "source": "y", "input_id": "i" * 500}
        assert s.write_results([err], ["e"])["errors"] == 1
    finally:
        s.close()


# -- export --out ---------------------------------------------------------------------------
def test_export_into_a_missing_folder_a_directory_or_a_read_only_file(corpus_db, tmp_path):
    ro = tmp_path / "ro.jsonl"
    ro.write_text("keep me\n", encoding="utf-8")
    ro.chmod(stat.S_IRUSR | stat.S_IRGRP)
    for out, why in ((tmp_path / "missing" / "x.jsonl", "does not exist"), (tmp_path, "is a folder"),
                     (ro, "read-only")):
        r = run("export", "--db", corpus_db, "--format", "jsonl", "--out", out)
        assert r.exit_code == 2 and "E302" in r.stderr and why in r.stderr and str(out) in r.stderr, r.output
        assert len(r.stderr.strip().splitlines()) == 1
    assert ro.read_text(encoding="utf-8") == "keep me\n"
    assert not list(tmp_path.rglob("*.part"))  # no half-written file left behind


def test_export_to_a_full_disk_is_an_error_and_leaves_no_cut_line(corpus_db, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    r = run("export", "--db", corpus_db, "--format", "jsonl", "--out", "/dev/full")
    assert r.exit_code == 1 and "E203" in r.stderr and "No space left on device" in r.stderr, r.output


def test_an_export_over_an_existing_file_replaces_it_whole(corpus_db, tmp_path):
    out = tmp_path / "all.jsonl"
    out.write_text("an older export, cut in the mid", encoding="utf-8")
    r = run("export", "--db", corpus_db, "--format", "jsonl", "--out", out)
    assert r.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and all(line.startswith("{") and line.endswith("}") for line in lines)
    assert not list(tmp_path.glob(".all.jsonl.*"))


# -- an unreadable folder inside an ingested tree -------------------------------------------
def test_an_unreadable_folder_inside_the_tree_is_an_error_row():
    """As root (CI) permissions do not stop reads, so the ingest runs without root's
    capability to read any folder (setpriv)."""
    base = Path(tempfile.mkdtemp(prefix="sitrep-unreadable-"))
    try:
        base.chmod(0o777)
        tree = base / "in"
        (tree / "locked").mkdir(parents=True)
        (tree / "ok.txt").write_text(ENGLISH, encoding="utf-8")
        (tree / "locked" / "hidden.txt").write_text(ENGLISH.replace("twelve", "nine"), encoding="utf-8")
        for p in (tree, tree / "ok.txt"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        (tree / "locked").chmod(0o000)
        db = base / "c.db"
        code = ("import json, sys; from sitrep.ingest import ingest; from sitrep.store import open_store; "
                "s = ingest([sys.argv[1]], db=sys.argv[2]); st = open_store(sys.argv[2]); "
                "print(json.dumps([s, st.errors()]))")
        prefix = []
        if os.geteuid() == 0:
            # Root reads any folder: drop the two capabilities that let it (as a real user is).
            if not shutil.which("setpriv"):
                pytest.skip("running as root without setpriv: permissions cannot be enforced")
            prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
        out = subprocess.run(prefix + [sys.executable, "-c", code, str(tree), str(db)], cwd=base,
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        import json

        summary, errors = json.loads(out.stdout.strip().splitlines()[-1])
        assert (summary["articles"], summary["errors"], summary["error_codes"]) == (1, 1, {"E010": 1})
        assert errors[0]["source"] == str(tree / "locked") and "cannot be listed" in errors[0]["reason"]
    finally:
        (base / "in" / "locked").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
