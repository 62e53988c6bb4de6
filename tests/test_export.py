"""Export: jsonl round trip, GDELT 2.0 TSV, PLOVER JSON, CSV, Parquet partitioned by date."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corpus_fixtures import corpus
from sitrep.errors import ConfigError
from sitrep.export import GDELT_COLUMNS, export
from sitrep.ingest import ingest
from sitrep.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "src.db"))
    s.add_articles(corpus())
    yield s
    s.close()


def test_jsonl_export_reimports_to_the_same_records(store, tmp_path):
    out = tmp_path / "corpus.jsonl"
    assert export(store, "jsonl", str(out)) == 4
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [r.model_dump(mode="json") for r in corpus()]
    summary = ingest([str(out)], db=str(tmp_path / "copy.db"))
    assert (summary["articles"], summary["near_duplicates"], summary["errors"]) == (4, 1, 0)
    copy = open_store(str(tmp_path / "copy.db"))
    for rec in corpus():
        assert copy.get_article(rec.id) == store.get_article(rec.id)
    assert copy.dyad_timeline("RUS", "UKR") == store.dyad_timeline("RUS", "UKR")
    # Re-importing the same export adds nothing.
    assert ingest([str(out)], db=str(tmp_path / "copy.db"))["skipped"] == 4
    copy.close()


def test_gdelt_tsv_has_61_columns_and_one_row_per_distinct_event(store):
    buf = io.StringIO()
    n = export(store, "gdelt", buf)
    rows = [line.split("\t") for line in buf.getvalue().splitlines()]
    assert n == len(rows) == 9 and len(GDELT_COLUMNS) == 61
    assert all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    [assault] = [r for r in rows if r[col["EventCode"]] == "195"]
    assert assault[col["Day"]] == "20220510" and assault[col["MonthYear"]] == "202205" and assault[col["Year"]] == "2022"
    assert assault[col["Actor1Code"]] == "RUSMIL" and assault[col["Actor1CountryCode"]] == "RUS"
    assert assault[col["Actor1Type1Code"]] == "MIL" and assault[col["Actor1Name"]] == "RUSSIAN ARTILLERY"
    assert assault[col["Actor2Code"]] == "UKR" and assault[col["EventRootCode"]] == "19"
    assert assault[col["QuadClass"]] == "4" and assault[col["GoldsteinScale"]] == "-10"
    assert assault[col["NumMentions"]] == "2" and assault[col["AvgTone"]] == ""
    assert assault[col["SOURCEURL"]] == "site-a/kharkiv.html"
    assert len({r[col["GlobalEventID"]] for r in rows}) == 9 and all(r[0].isdigit() for r in rows)


def test_plover_records(store):
    buf = io.StringIO()
    export(store, "plover", buf, modality="all")
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(recs) == 10
    [threat] = [r for r in recs if r["event"] == ["THREATEN"]]
    assert threat["date"] == "2022-05-19" and threat["modality"] == "planned"
    assert threat["actor"] == [{"code": "RUS", "entity_text": "Moscow", "sector": "GOV"}]
    assert threat["recipient"] == [{"code": "EUR", "entity_text": "European companies"}]
    assert threat["event_text"] == ["threatened to retaliate"] and threat["quad_code"] == 3
    text = corpus()[3].text
    assert text[threat["cite_info"]["start"]:threat["cite_info"]["end"]].startswith("Moscow condemned")


def test_csv_tables(store):
    buf = io.StringIO()
    assert export(store, "csv", buf) == 9
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert {r["plover"] for r in rows} >= {"ASSAULT", "SANCTION"} and rows[0]["evidence"]
    buf = io.StringIO()
    assert export(store, "csv", buf, table="quotes") == 4
    quotes = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert sorted(q["speaker_name"] for q in quotes)[0] == "EU foreign policy chief"


def test_parquet_is_partitioned_by_date(store, tmp_path):
    import pyarrow.dataset as ds

    out = tmp_path / "pq"
    assert export(store, "parquet", str(out)) == 4
    parts = sorted(p.name for p in (out / "articles").iterdir())
    assert parts == ["date=2022-05-10", "date=2022-05-16", "date=2022-05-19"]
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert sorted(table.column("id").to_pylist()) == sorted(r.id for r in corpus())
    events = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert events.num_rows == 9
    with pytest.raises(ConfigError):
        export(store, "parquet", "-")
    with pytest.raises(ConfigError):
        export(store, "xml", "-")


def test_events_with_an_uncoded_source_stay_out_of_gdelt_and_plover(tmp_path):
    from corpus_fixtures import make_article

    text = "He shelled the town. Ukraine accused Moscow of the attack."
    rec = make_article(text, "2022-05-11", "site-x/uncoded.html", events=(
        ("shelled", "ASSAULT", "195", -10.0, "asserted", ("He", None, None), None),
        ("accused", "ACCUSE", "112", -2.0, "asserted", ("Ukraine", "UKR", "UKR"), ("Moscow", "RUSGOV", "RUS")),
    ))
    s = open_store(str(tmp_path / "u.db"))
    s.add_articles([rec])
    for fmt in ("gdelt", "plover"):
        buf = io.StringIO()
        assert export(s, fmt, buf) == 1 and "HE" not in buf.getvalue().split("\t")
        assert export(s, fmt, io.StringIO(), uncoded=True) == 2
    s.close()


def test_events_with_no_source_stay_out_of_gdelt_plover_and_the_dyads(tmp_path):
    """Record 3.0: 'Three soldiers were killed' names no agent (source null); GDELT/PLOVER
    rows and the dyad aggregates leave it out unless asked; CSV and jsonl keep it."""
    from corpus_fixtures import make_article

    text = "Three soldiers were killed in Kharkiv. Ukraine accused Moscow of the attack."
    rec = make_article(text, "2022-05-11", "site-x/agentless.html", events=(
        ("killed", "ASSAULT", "190", -10.0, "asserted", None, ("soldiers", "UKRMIL", "UKR")),
        ("accused", "ACCUSE", "112", -2.0, "asserted", ("Ukraine", "UKR", "UKR"), ("Moscow", "RUSGOV", "RUS")),
    ))
    s = open_store(str(tmp_path / "a.db"))
    s.add_articles([rec])
    for fmt in ("gdelt", "plover"):
        assert export(s, fmt, io.StringIO()) == 1
        buf = io.StringIO()
        assert export(s, fmt, buf, uncoded=True) == 2
    assert buf.getvalue().splitlines()[0].startswith("{") and json.loads(buf.getvalue().splitlines()[0])["actor"] == []
    rows = list(csv.DictReader(io.StringIO(_csv(s))))
    assert [(r["plover"], r["source_code"], r["target_code"]) for r in rows] == [
        ("ASSAULT", "", "UKRMIL"), ("ACCUSE", "UKR", "RUSGOV")]
    assert [(e["source"], e["target"]) for e in s.network()["edges"]] == [("UKR", "RUSGOV")]
    assert s.dyad_timeline("UKR", "RUS", by="day")[0]["events"] == 1
    assert s.get_article(rec.id)["events"][0]["source"] is None
    s.close()


def _csv(s) -> str:
    buf = io.StringIO()
    export(s, "csv", buf)
    return buf.getvalue()
