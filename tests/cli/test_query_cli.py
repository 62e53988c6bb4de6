"""The query commands: quotes, events, places, search, dyad, actors, export (table, --json, --csv)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from corpus_fixtures import border_story, corpus
from sitrep.cli import main
from sitrep.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "corpus.db"
    s = open_store(str(path))
    s.add_articles(corpus() + [border_story()])
    s.close()
    return str(path)


def run(*args):
    r = CliRunner().invoke(main, [*args])
    assert r.exit_code == 0, r.output
    return r.output


def test_quotes_by_speaker(db):
    rows = json.loads(run("quotes", "--speaker", "Cavusoglu", "--db", db, "--json"))
    assert [q["text"] for q in rows] == ["Every family deserves to see their sons come home,"]
    assert rows[0]["cue"]["text"] == "said" and rows[0]["mentions"] == 1
    table = run("quotes", "--speaker", "synehubov", "--db", db)
    assert "Oleh Synehubov" in table and "intimidated" in table
    assert json.loads(run("quotes", "--speaker", "Nobody", "--db", db, "--json")) == []


def test_events_filters_and_csv(db):
    rows = json.loads(run("events", "--source", "RUS", "--target", "UKR", "--type", "ASSAULT",
                          "--since", "2022-01-01", "--modality", "asserted", "--db", db, "--json"))
    assert [(e["plover"], e["source"]["code"], e["mentions"]) for e in rows] == [("ASSAULT", "RUSMIL", 2)]
    out = run("events", "--source", "RUS", "--db", db, "--csv")
    flat = list(csv.DictReader(io.StringIO(out)))
    assert len(flat) == 5 and {"source.code", "target.code", "evidence", "mentions"} <= set(flat[0])
    assert flat[0]["evidence"] and not flat[0]["evidence"].startswith("{")


def test_places_json_csv_and_table(db):
    rows = json.loads(run("places", "--db", db, "--json"))
    assert [(p["name"], p["mentions"]) for p in rows] == [("Kharkiv", 2), ("Poland", 2), ("Russia", 1), ("Lviv", 1)]
    assert [e["text"] for e in rows[1]["evidence"]] == ["Poland", "Polish border"]
    rows = json.loads(run("places", "--origin", "mention", "--evidence", "1", "--db", db, "--json"))
    assert [(p["name"], [e["text"] for e in p["evidence"]]) for p in rows] == [
        ("Russia", ["Russian border"]), ("Poland", ["Polish border"])]
    flat = list(csv.DictReader(io.StringIO(run("places", "--place", "UKR", "--db", db, "--csv"))))
    assert [(r["name"], r["adm1"], r["evidence"]) for r in flat] == [("Kharkiv", "UKR.07", "Kharkiv"),
                                                                     ("Lviv", "UKR.15", "Lviv")]
    table = run("places", "--db", db)
    assert "Kharkiv" in table and "Lviv" in table
    bad = CliRunner().invoke(main, ["places", "--feature", "town", "--db", db])
    assert bad.exit_code == 2 and "E302" in bad.output


def test_search_phrase(db):
    rows = json.loads(run("search", "air defence systems", "--db", db, "--json"))
    assert len(rows) == 2 and all(r["kind"] == "article" for r in rows)
    assert "Kharkiv" in run("search", "air defence systems", "--db", db)


def test_dyad_by_week(db):
    rows = json.loads(run("dyad", "RUS", "UKR", "--by", "week", "--db", db, "--json"))
    assert [(r["period"], r["events"], r["goldstein_mean"]) for r in rows] == [("2022-W19", 2, -6.0), ("2022-W20", 3, 2.833)]
    out = run("dyad", "RUS", "UKR", "--db", db, "--csv")
    assert out.splitlines()[0] == "period,events,mentions,goldstein_mean,a_to_b,b_to_a"


def test_actors_top(db):
    rows = json.loads(run("actors", "--top", "2", "--db", db, "--json"))
    assert [r["code"] for r in rows] == ["UKR", "RUS"]
    assert "Moscow" in run("actors", "--top", "5", "--db", db)


def test_export_command_writes_files(db, tmp_path):
    out = tmp_path / "events.tsv"
    r = CliRunner().invoke(main, ["export", "--db", db, "--format", "gdelt", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert len(out.read_text().splitlines()) == 9
    lines = run("export", "--db", db, "--format", "jsonl").splitlines()
    assert [json.loads(x)["id"] for x in lines if x.startswith("{")] == [a.id for a in corpus() + [border_story()]]


def test_bad_database_is_a_clean_error(tmp_path):
    r = CliRunner().invoke(main, ["actors", "--db", "postgresql://x:y@127.0.0.1:1/none"])
    assert r.exit_code != 0 and "E201" in r.output
