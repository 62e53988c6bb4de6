"""The store's ``times`` rows carry the TIMEX3 attributes of the record (mod, anchor and its
reason): written, migrated from a version-6 store, queried, served and exported. SQLite and a
real PostgreSQL server (``db_url``); the story is invented."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import text

from sitrep.export import TIME_CSV_COLUMNS, export
from sitrep.record import Article, article_id
from sitrep.store import open_store
from sitrep.store import schema as S
from sitrep.store.schema import SCHEMA_VERSION

# The step that added the columns (renumbered if other steps land first).
STEP = next(v for v, step in S.MIGRATIONS.items() if step is S.times_timeml_step)

STORY = ("The river council met on Monday. In 2019 the Tamsel burst its banks in May, "
         "and about two years later it flooded the lower town for three weeks.")


def _time(needle: str, value: str, type_: str = "DATE", **attrs) -> dict:
    s = STORY.index(needle)
    return dict({"start": s, "end": s + len(needle), "text": needle, "value": value, "type": type_}, **attrs)


TIMES = [
    _time("on Monday", "2022-05-16", anchor="published", anchor_reason="publication date"),
    _time("2019", "2019"),
    _time("May", "2019-05", anchor="2019", anchor_reason="In 2019"),
    _time("about two years later", "2021", mod="APPROX", anchor="2019", anchor_reason="In 2019"),
    _time("for three weeks", "P3W", "DURATION"),
]


def record() -> Article:
    return Article(id=article_id(STORY), source="site-r/river.html", title="Floods again", published="2022-05-18",
                   language="en", text=STORY, times=TIMES)


def _row(t: dict, art: Article) -> dict:
    return dict({k: None for k in TIME_CSV_COLUMNS}, article_id=art.id, published=art.published, language="en", **t)


def test_time_rows_carry_mod_and_anchor(db_url):
    art = record()
    with open_store(db_url) as s:
        s.add_articles([art])
        assert s.times(article=art.id) == [_row(t, art) for t in TIMES]
        assert [t["text"] for t in s.times(value="2019")] == ["2019", "May"]  # a prefix of the value
        assert [t["mod"] for t in s.times(value="2021")] == ["APPROX"]
        assert [t["text"] for t in s.times(type="DURATION")] == ["for three weeks"]
        assert s.times(value="2019_") == [] and s.times(language="fr") == []  # '_' is no wildcard


def test_times_table_before_its_step_gains_the_attributes(db_url):
    """Migration STEP-1 -> STEP: the old table (value and type only) gets the columns, filled from
    the stored records."""
    art = record()
    with open_store(db_url) as s:
        s.add_articles([art])
        with s.engine.begin() as conn:
            conn.execute(text("DROP TABLE times"))
            conn.execute(text('CREATE TABLE times (article_id VARCHAR(64) NOT NULL REFERENCES articles (id), '
                              'start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, '
                              'value VARCHAR(64), type VARCHAR(16), PRIMARY KEY (article_id, start))'))
            for t in TIMES:
                conn.execute(text('INSERT INTO times VALUES (:a, :s, :e, :t, :v, :y)'),
                             {"a": art.id, "s": t["start"], "e": t["end"], "t": t["text"], "v": t["value"],
                              "y": t["type"]})
            conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(STEP - 1)})
    with open_store(db_url) as s:
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == \
                str(SCHEMA_VERSION)
        assert s.times(article=art.id) == [_row(t, art) for t in TIMES]
        assert s.times(value="2019-05")[0]["anchor_reason"] == "In 2019"


def test_exports_and_api_carry_the_attributes(tmp_path):
    import pyarrow.dataset as ds
    from fastapi.testclient import TestClient

    from sitrep.api import ApiSettings, create_app

    art, db = record(), str(tmp_path / "times.db")
    with open_store(db) as s:
        s.add_articles([art])
        buf = io.StringIO()
        assert export(s, "csv", buf, table="times") == 5
        rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert list(rows[0]) == TIME_CSV_COLUMNS
        later = rows[3]
        assert (later["text"], later["value"], later["mod"], later["anchor"], later["anchor_reason"]) == \
            ("about two years later", "2021", "APPROX", "2019", "In 2019")
        assert rows[4]["mod"] == "" and rows[4]["anchor"] == ""
        buf = io.StringIO()
        assert export(s, "csv", buf, table="times", since="2022-06-01") == 0
        export(s, "parquet", str(tmp_path / "pq"))
    got = ds.dataset(tmp_path / "pq" / "times", format="parquet", partitioning="hive").to_table().to_pylist()
    assert [(r["text"], r["mod"], r["anchor"], r["date"]) for r in got][2:4] == [
        ("May", None, "2019", "2022-05-18"), ("about two years later", "APPROX", "2019", "2022-05-18")]
    client = TestClient(create_app(db, settings=ApiSettings(rate_per_s=None)))
    items = client.get("/api/times", params={"article": art.id}).json()["items"]
    assert items == json.loads(json.dumps([_row(t, art) for t in TIMES]))
    assert [t["text"] for t in client.get("/api/times", params={"type": "DURATION"}).json()["items"]] == \
        ["for three weeks"]
    assert client.get("/api/times", params={"type": "MONTH"}).status_code == 422
    assert client.get("/api/times", params={"value": "20%"}).status_code == 422
