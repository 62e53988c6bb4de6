"""The Store API on SQLite and on a real PostgreSQL server (same tests, same answers)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from corpus_fixtures import STORY_SHELLING, corpus, shelling, talks
from sitrep.errors import StoreError
from sitrep.store import normalise_url, open_store
from sitrep.record import SCHEMA_VERSION as RECORD_SCHEMA
from sitrep.store.schema import SCHEMA_VERSION


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    counts = s.add_articles(corpus())
    assert counts["articles"] == 4 and counts["near_duplicates"] == 1
    yield s
    s.close()


def test_url_forms(tmp_path):
    assert normalise_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"


def test_records_round_trip_and_adding_twice_adds_nothing(store):
    recs = corpus()
    assert store.get_article(recs[2].id) == recs[2].model_dump(mode="json")
    assert store.get_article("0" * 64) is None
    again = store.add_articles(recs)
    assert (again["articles"], again["duplicates"]) == (0, 4)
    assert store.stats()["articles"] == 4 and store.stats()["events"] == 14


def test_syndicated_copy_clusters_and_counts_mentions_once(store):
    first, copy = corpus()[:2]
    listed = {a["id"]: a for a in store.list_articles()}
    assert listed[copy.id]["duplicate_of"] == first.id and listed[first.id]["duplicate_of"] is None
    assault = store.events(type="ASSAULT")
    assert len(assault) == 1 and assault[0]["mentions"] == 2 and assault[0]["article_id"] == first.id
    # Nine distinct asserted/reported events: the copy's four are mentions, not events.
    assert len(store.events()) == 9
    assert len(store.events(modality="all")) == 10
    assert len(store.events(article=copy.id, modality="all")) == 4
    q = store.quotes(speaker="synehubov")
    assert len(q) == 1 and q[0]["mentions"] == 2 and q[0]["speaker_name"] == "Oleh Synehubov"


def test_exact_copy_from_another_input_is_one_more_mention(store):
    counts = store.write_results([shelling()], ["another-site-same-bytes"])
    assert counts["duplicates"] == 1 and counts["articles"] == 0
    assert store.events(type="ASSAULT")[0]["mentions"] == 3
    # The same input again is skipped by its key: no third copy counted.
    assert store.write_results([shelling()], ["another-site-same-bytes"])["skipped"] == 1
    assert store.events(type="ASSAULT")[0]["mentions"] == 3


def test_event_filters_match_country_or_code_prefix(store):
    assert len(store.events(source="RUS")) == 5
    assert len(store.events(source="RUS", modality="all")) == 6
    assert {e["plover"] for e in store.events(source="RUSGOV")} == {"AGREE", "ACCUSE"}
    assert {e["plover"] for e in store.events(source="rus", target="UKR")} == {"ASSAULT", "COOPERATE", "AGREE"}
    assert [e["plover"] for e in store.events(source="RUS", modality="planned")] == ["THREATEN"]
    assert [e["plover"] for e in store.events(type="19")] == ["ASSAULT"]  # CAMEO root prefix
    assert {e["day"] for e in store.events(since="2022-05-16", until="2022-05-16")} == {"2022-05-16"}
    page = store.events(limit=2, offset=1)
    assert page == store.events()[1:3]


def test_dyad_timeline_both_directions_and_directed(store):
    rows = store.dyad_timeline("RUS", "UKR", by="week")
    assert rows == [
        {"period": "2022-W19", "events": 2, "mentions": 4, "goldstein_mean": -6.0, "a_to_b": 1, "b_to_a": 1},
        {"period": "2022-W20", "events": 3, "mentions": 3, "goldstein_mean": 2.833, "a_to_b": 2, "b_to_a": 1},
    ]
    directed = store.dyad_timeline("RUS", "UKR", by="month", directed=True)
    assert directed == [{"period": "2022-05", "events": 3, "mentions": 4, "goldstein_mean": -0.833,
                         "a_to_b": 3, "b_to_a": 0}]
    assert store.dyad_timeline("USA", "CHN") == []
    with pytest.raises(Exception):
        store.dyad_timeline("RUS", "UKR", by="fortnight")


def test_actors_and_network(store):
    top = store.actors(top=3)
    assert top == [
        {"code": "UKR", "name": "Ukraine", "as_source": 2, "as_target": 3},
        {"code": "RUS", "name": "Russia", "as_source": 1, "as_target": 2},
        {"code": "RUSGOV", "name": "Moscow", "as_source": 2, "as_target": 1},
    ]
    net = store.network(top=50)
    assert len(net["edges"]) == 7 and all(e["weight"] == 1 for e in net["edges"])
    assert net["nodes"][0] == {"id": "UKR", "label": "Ukraine", "weight": 5}


def test_full_text_search_over_text_and_quotes(store):
    first, copy, t, _ = corpus()
    hits = store.search("intimidated attacks")
    assert {h["article_id"] for h in hits} == {first.id, copy.id}
    assert {h["kind"] for h in hits} == {"article", "quote"}
    assert all("[intimidated]" in h["snippet"] for h in hits)
    assert hits[0]["title"] == "Russian shelling hits Kharkiv"
    assert [h["article_id"] for h in store.search('"prisoner exchange"')] == [t.id]
    assert store.search("zeppelin") == []
    assert store.search("-:*") == []  # operators only: no query, no syntax error


def test_list_and_count_articles(store):
    first, copy, t, s = corpus()
    assert [a["id"] for a in store.list_articles()] == [s.id, t.id, first.id, copy.id]
    assert store.list_articles(limit=1, offset=1)[0]["counts"] == {"entities": 2, "quotes": 1, "events": 3}
    assert store.count_articles() == 4
    assert store.count_articles(since="2022-05-15") == 2
    assert store.count_articles(until="2022-05-10") == 2
    assert [a["id"] for a in store.list_articles(q="Istanbul")] == [t.id]
    assert store.count_articles(q="Druzhba pipeline") == 1


def test_errors_are_keyed_rows(db_url):
    s = open_store(db_url)
    assert s.add_error("bad.bin", None, "E003", "bad.bin: E003: binary content") is True
    assert s.add_error("bad.bin", None, "E003", "bad.bin: E003: binary content") is False
    assert s.errors() == [{"source": "bad.bin", "input_id": None, "code": "E003", "reason": "bad.bin: E003: binary content"}]
    s.close()


def test_schema_version_newer_than_code_is_refused(db_url):
    s = open_store(db_url)
    s.add_articles([talks()])
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    s.close()
    with pytest.raises(StoreError) as exc:
        open_store(db_url)
    assert exc.value.code == "E202"


def test_reopening_keeps_data_and_clusters_across_sessions(db_url):
    s = open_store(db_url)
    s.add_articles([shelling()])
    s.close()
    s = open_store(db_url)
    copy = shelling(STORY_SHELLING.replace("Tuesday", "Tuesday morning"), "site-e/update.html")
    assert s.add_articles([copy])["near_duplicates"] == 1
    assert s.events(type="ASSAULT")[0]["mentions"] == 2
    s.close()


def test_unreachable_database_is_a_store_error():
    with pytest.raises(StoreError) as exc:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert exc.value.code == "E201" and "secret" not in str(exc.value)


def _agg_snapshot(store):
    from sitrep.store import schema as S

    with store.engine.connect() as conn:
        return {t.name: sorted(tuple(r) for r in conn.execute(t.select())) for t in S.AGG_TABLES}


def test_aggregates_kept_by_the_writer_equal_a_rebuild(store):
    store.write_results([shelling()], ["third-copy"])  # exact copy: mentions only
    kept = _agg_snapshot(store)
    assert kept["agg_dyad_day"] and kept["agg_actor"] and kept["agg_pair"]
    store.rebuild_aggregates()
    assert _agg_snapshot(store) == kept


def test_code_prefix_dyad_reads_the_events(store):
    assert store.dyad_timeline("RUSMIL", "UKR") == [
        {"period": "2022-W19", "events": 1, "mentions": 2, "goldstein_mean": -10.0, "a_to_b": 1, "b_to_a": 0}]


def test_version_1_database_is_migrated(db_url):
    s = open_store(db_url)
    s.add_articles(corpus())
    expected = s.dyad_timeline("RUS", "UKR")
    with s.engine.begin() as conn:
        for name in ("agg_dyad_day", "agg_actor", "agg_pair"):
            conn.execute(text(f"DROP TABLE {name}"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    s.close()
    s = open_store(db_url)
    with s.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    assert s.dyad_timeline("RUS", "UKR") == expected
    s.close()


def test_version_4_database_gets_record_schema_2_quotes(db_url):
    """Migration 4 -> 5 (issue 19): stored 1.x records and quote rows gain ``parts``."""
    import json

    s = open_store(db_url)
    s.add_articles(corpus())
    art_id = corpus()[0].id
    want = s.get_article(art_id)
    assert want["schema_version"] == RECORD_SCHEMA and want["quotes"][0]["parts"]

    def old(q):
        return {k: v for k, v in q.items() if k not in ("parts", "cue_class")}

    with s.engine.begin() as conn:
        for aid, raw in conn.execute(text("SELECT id, record FROM articles")).all():
            rec = json.loads(raw)
            rec = dict(rec, schema_version="1.0", quotes=[old(q) for q in rec["quotes"]])
            conn.execute(text("UPDATE articles SET record = :r WHERE id = :i"), {"r": json.dumps(rec), "i": aid})
        for aid, qid, raw in conn.execute(text("SELECT article_id, id, data FROM quotes")).all():
            conn.execute(text("UPDATE quotes SET data = :d WHERE article_id = :a AND id = :i"),
                         {"d": json.dumps(old(json.loads(raw))), "a": aid, "i": qid})
        conn.execute(text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))
    s.close()
    s = open_store(db_url)
    with s.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    got = s.get_article(art_id)
    assert got["schema_version"] == RECORD_SCHEMA  # 1.0 -> 2.0 (step 5) -> 3.0 (step 10)
    q = got["quotes"][0]
    assert q["parts"] == [{"start": q["start"], "end": q["end"], "text": q["text"], "field": "text"}]
    rows = s.quotes(article=art_id)
    assert rows and all(r["parts"] and r["parts"][0]["text"] == r["text"] for r in rows)
    s.close()


def test_version_9_database_gets_record_schema_3_reporters(db_url):
    """Migration 9 -> 10 (issue 18): a stored 2.0 event's ``reported_by`` entity id becomes
    that entity as an actor, in the article record and in the event row."""
    import json

    from corpus_fixtures import make_article

    body = "Oleh Synehubov said Russian artillery shelled Kharkiv."
    rec = make_article(body, "2022-05-10", "site-a/reported.html", events=(
        ("shelled", "ASSAULT", "195", -10.0, "reported", ("Russian artillery", "RUSMIL", "RUS"), ("Kharkiv", "UKR", "UKR")),
    ), entities=(("Oleh Synehubov", "PERSON", "UKR", "UKRGOV"),))
    eid = rec.entities[0].id
    s = open_store(db_url)
    s.add_articles([rec])
    with s.engine.begin() as conn:
        raw = conn.execute(text("SELECT record FROM articles WHERE id = :i"), {"i": rec.id}).scalar()
        old = json.loads(raw)
        old["schema_version"] = "2.0"
        old["events"][0]["reported_by"] = eid
        conn.execute(text("UPDATE articles SET record = :r WHERE id = :i"), {"r": json.dumps(old), "i": rec.id})
        conn.execute(text("UPDATE events SET data = :d WHERE article_id = :i"),
                     {"d": json.dumps(old["events"][0]), "i": rec.id})
        conn.execute(text("UPDATE meta SET value = '9' WHERE key = 'schema_version'"))
    s.close()
    s = open_store(db_url)
    got = s.get_article(rec.id)
    want = {"entity": eid, "text": "Oleh Synehubov", "code": "UKRGOV", "country": "UKR"}
    assert got["schema_version"] == RECORD_SCHEMA and got["events"][0]["reported_by"] == want
    [row] = s.events(article=rec.id)
    assert row["reported_by"] == want
    # a 2.0 record given to ingest (export -> ingest) is read the same way
    from sitrep.record import Article

    assert Article.model_validate(old).events[0].reported_by.model_dump() == want
    s.close()
