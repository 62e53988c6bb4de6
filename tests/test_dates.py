"""Issue 13, case 1: impossible dates ("June 31", "February 30", --published 2025-02-30).

A time expression that names no real day keeps its text with a null value and a note; it
never reaches the store as an invalid date (which used to crash the week aggregates and
every rerun). A bad --published is a usage error before anything is written."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from corpus_fixtures import make_article
from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.store import open_store
from sitrep.timex import normalise

# Invented stories; each names a day that does not exist.
JUNE_31 = ("Russian troops shelled the Ukrainian border town of Ostrov on June 31, killing four civilians, "
           "Ukraine's defence ministry said. Ukraine accused Russia of attacking the town again on February 30.\n")
FINE = ("The defence ministry said on Tuesday that its troops had shelled the border town of Ostrov "
        "on June 30, killing four civilians.\n")


def test_the_date_type():
    from sitrep.dates import check_day, day_problem, real_day

    assert check_day("2024-02-29") == "2024-02-29"
    assert real_day(None, 2, 29) and not real_day(None, 2, 30) and not real_day(2025, 6, 31)
    assert "not a real day" in day_problem("2025-02-30") and "February has 28 days in 2025" in day_problem("2025-02-30")
    assert "YYYY-MM-DD" in day_problem("2025-1-5") and day_problem("2025-13-01") is not None
    with pytest.raises(ValueError):
        check_day("notadate")


@pytest.mark.parametrize("text,ref", [
    ("June 31", date(2025, 7, 2)), ("February 30", date(2025, 3, 1)), ("February 30, 2024", None),
    ("31 June 2025", None), ("2025-02-30", None), ("2/30/2025", None), ("April 31", None),
    ("February 29", date(2022, 3, 1)),  # no leap day within a year of the reference (2021-2023)
])
def test_a_day_that_does_not_exist_has_no_value(text, ref):
    assert normalise(text, ref) == ("DATE", None)


def test_real_days_keep_their_values():
    from sitrep.timex.normalise import names_no_real_day

    assert normalise("June 30", date(2025, 7, 2)) == ("DATE", "2025-06-30")
    assert normalise("February 29, 2024", None) == ("DATE", "2024-02-29")
    assert normalise("February 29", None) == ("DATE", "XXXX-02-29")
    assert normalise("2024-02-29", None) == ("DATE", "2024-02-29")
    assert not names_no_real_day("June 30") and names_no_real_day("on June 31")


def test_extract_keeps_the_expression_with_a_null_value_and_a_note(pipeline):
    from sitrep.reader import InputDoc

    rec = pipeline.extract(InputDoc(content=JUNE_31, format="text"), as_body=True, published="2025-07-02")
    times = {t.text: t.value for t in rec.times}
    assert times["June 31"] is None and times["February 30"] is None
    notes = [e for e in rec.errors if "names no real day" in e]
    assert len(notes) == 2 and any("'June 31'" in n for n in notes)
    for e in rec.events:
        assert e.date is None or "-06-31" not in e.date and "-02-30" not in e.date
    fine = pipeline.extract(InputDoc(content=FINE, format="text"), as_body=True, published="2025-07-02")
    assert {t.text: t.value for t in fine.times}["June 30"] == "2025-06-30" and not fine.errors


def test_ingest_of_an_impossible_date_stores_the_article_and_reruns(tmp_path, db_url):
    src = tmp_path / "in"
    src.mkdir()
    (src / "june31.txt").write_text(JUNE_31, encoding="utf-8")
    (src / "fine.txt").write_text(FINE.replace("Ostrov", "Kalyn"), encoding="utf-8")
    first = ingest([str(src)], db=db_url, published="2025-07-02", as_body=True)
    assert (first["documents"], first["articles"], first["errors"]) == (2, 2, 0), first
    again = ingest([str(src)], db=db_url, published="2025-07-02", as_body=True)
    assert (again["articles"], again["skipped"], again["errors"]) == (0, 2, 0)
    s = open_store(db_url)
    try:
        assert s.stats()["articles"] == 2
        s.dyad_timeline("RUS", "UKR", by="week", modality="all")  # the aggregates read back
    finally:
        s.close()


def test_an_imported_record_with_an_impossible_event_date_is_stored_on_its_article_day(db_url):
    rec = make_article(FINE, "2025-07-02", "imported.jsonl",
                       events=(("shelled", "ASSAULT", "195", -10.0, "asserted", ("troops", "RUSMIL", "RUS"),
                                ("Ostrov", "UKR", "UKR")),)).model_dump(mode="json")
    rec["events"][0]["date"] = "2025-06-31"  # a record written by another tool
    s = open_store(db_url)
    try:
        assert s.write_results([rec], ["k1"])["articles"] == 1
        ev = s.events(modality="all")
        assert len(ev) == 1 and ev[0]["day"] == "2025-07-02"
        assert s.dyad_timeline("RUS", "UKR", by="week")[0]["period"] == "2025-W27"
    finally:
        s.close()


def test_an_imported_record_with_an_impossible_published_day_is_an_error_row(tmp_path):
    rec = make_article(FINE, "2025-07-02", "imported.jsonl").model_dump(mode="json")
    rec["published"] = "2025-02-30"
    p = tmp_path / "records.jsonl"
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    summary = ingest([str(p)], db=str(db))
    assert (summary["articles"], summary["errors"], summary["error_codes"]) == (0, 1, {"E008": 1})
    s = open_store(str(db))
    assert "not a real day" in s.errors()[0]["reason"]
    s.close()


@pytest.mark.parametrize("cmd", ["extract", "ingest"])
@pytest.mark.parametrize("bad", ["2025-02-30", "2025-06-31", "notadate", "2025-1-5"])
def test_bad_published_is_a_usage_error_and_nothing_is_written(tmp_path, cmd, bad):
    p = tmp_path / "a.txt"
    p.write_text(FINE, encoding="utf-8")
    db = tmp_path / "never.db"
    args = [cmd, str(p), "--published", bad] + (["--db", str(db)] if cmd == "ingest" else [])
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2 and r.stdout == "" and "Traceback" not in r.output
    assert "--published" in r.stderr and bad in r.stderr
    assert not db.exists()


def test_the_library_refuses_a_bad_published_before_writing(tmp_path):
    from sitrep.errors import ConfigError

    p = tmp_path / "a.txt"
    p.write_text(FINE, encoding="utf-8")
    with pytest.raises(ConfigError, match="E302"):
        ingest([str(p)], db=str(tmp_path / "never.db"), published="2025-02-30")
    assert not (tmp_path / "never.db").exists()


def test_api_extract_refuses_an_impossible_published_day(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from sitrep.api import ApiSettings, create_app

    app = create_app(str(tmp_path / "api.db"), settings=ApiSettings(rate_per_s=None), pipeline=pipeline)
    with TestClient(app) as client:
        r = client.post("/api/extract", json={"text": FINE, "published": "2025-02-30", "as_body": True})
        assert r.status_code == 422 and r.json()["error"]["code"] == "E400"
        assert "not a real day" in r.json()["error"]["message"]
        ok = client.post("/api/extract", json={"text": FINE, "published": "2025-07-02", "as_body": True})
        assert ok.status_code == 200 and ok.json()["published"] == "2025-07-02"
