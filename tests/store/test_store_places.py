"""The places an article names in the store (``place_refs``, schema 9; issue 16): counts,
filters and evidence spans on SQLite and PostgreSQL, and the migration that fills the table."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from corpus_fixtures import STORY_BORDER, border_story, corpus
from sitrep.errors import ConfigError
from sitrep.store import open_store
from sitrep.store.schema import SCHEMA_VERSION


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    s.add_articles(corpus() + [border_story()])
    yield s
    s.close()


def _summary(items):
    return [(p["id"], p["mentions"], p["articles"], p["as_entity"], p["as_mention"]) for p in items]


def test_places_count_entities_and_place_mentions(store):
    got = store.places()
    assert _summary(got) == [("706483", 2, 1, 2, 0), ("798544", 2, 1, 1, 1), ("2017370", 1, 1, 0, 1),
                             ("702550", 1, 1, 1, 0)]
    pol = got[1]
    assert (pol["name"], pol["feature"], pol["country"], pol["stories"]) == ("Poland", "country", "POL", 1)
    # evidence: the spans index the record's text exactly, in text order within the article
    texts = [(e["text"], e["origin"], e["kind"]) for e in pol["evidence"]]
    assert texts == [("Poland", "entity", "GPE"), ("Polish border", "mention", "border")]
    for e in pol["evidence"]:
        assert STORY_BORDER[e["start"]:e["end"]] == e["text"] and e["day"] == "2022-06-02"
        assert e["href"] == f"/articles/{border_story().id}#place-{e['start']}"
    assert got[0]["adm1"] == "UKR.07"


def test_places_filters(store):
    assert [p["id"] for p in store.places(place="UKR")] == ["706483", "702550"]
    assert [p["id"] for p in store.places(place="UKR.15")] == ["702550"]
    assert [p["id"] for p in store.places(place="2017370")] == ["2017370"]
    assert [p["id"] for p in store.places(origin="mention")] == ["2017370", "798544"]
    assert [p["id"] for p in store.places(feature="city")] == ["706483", "702550"]
    assert [p["id"] for p in store.places(bbox="30,45,40,55")] == ["706483"]  # only Kharkiv's box
    assert store.places(since="2022-06-03") == [] and len(store.places(until="2022-06")) == 4
    assert [p["id"] for p in store.places(limit=1, offset=1)] == ["798544"]
    assert store.places(evidence=0)[0]["evidence"] == [] and len(store.places(evidence=1)[0]["evidence"]) == 1
    assert store.places(article=corpus()[0].id) == []
    assert len(store.places(language="en")) == 4 and store.places(language="fr") == []


@pytest.mark.parametrize("kwargs", [{"origin": "town"}, {"feature": "village"}, {"bbox": "1,2,3"},
                                    {"evidence": -1}, {"limit": 0}, {"since": "2022-13-01"}])
def test_bad_place_filters_are_config_errors(store, kwargs):
    with pytest.raises(ConfigError) as exc:
        store.places(**kwargs)
    assert exc.value.code == "E302"


def test_version_8_database_gets_its_place_refs(db_url):
    s = open_store(db_url)
    s.add_articles(corpus() + [border_story()])
    want = s.places()
    with s.engine.begin() as conn:
        conn.execute(text("DROP TABLE place_refs"))
        conn.execute(text("UPDATE meta SET value = '8' WHERE key = 'schema_version'"))
    s.close()
    s = open_store(db_url)
    with s.engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    assert s.places() == want and len(want) == 4
    s.close()
