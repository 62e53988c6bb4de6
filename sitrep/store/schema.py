"""The corpus schema: SQLAlchemy 2 Core tables shared by SQLite and PostgreSQL.

One schema for both back ends, so a query written once runs on a laptop file and on a
server. The full record is kept as JSON on ``articles.record`` (``get_article`` returns it
byte-identical to what ``sitrep extract`` printed); the other tables are flattened,
indexed projections of it for queries.

Versioning: ``meta.schema_version`` holds an integer. ``MIGRATIONS[n]`` upgrades n-1 -> n;
``migrate()`` runs what is missing inside one transaction and refuses a database written
by a newer sitrep (E202) rather than guessing at columns it does not know.
"""

from __future__ import annotations

import json
from typing import Callable

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.engine import Connection

from ..errors import Errors, StoreError

SCHEMA_VERSION = 10

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Every input document seen, keyed by a hash of (source, content) taken BEFORE NLP, so a
# rerun (after a crash or kill -9) skips work whose batch was committed.
inputs = Table(
    "inputs",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("article_id", String(64), nullable=True),
    Column("error_key", String(64), nullable=True),
    Column("source", Text),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("language", String(8)),
    Column("input_id", Text),
    Column("cluster_id", String(64), nullable=False, index=True),
    Column("n_entities", Integer, nullable=False, default=0),
    Column("n_quotes", Integer, nullable=False, default=0),
    Column("n_events", Integer, nullable=False, default=0),
    Column("seq", Integer, nullable=False),  # insertion order, for stable listings
    Column("record", Text, nullable=False),
)
Index("ix_articles_seq", articles.c.seq)
# The default listing order (newest first, then ingest order): pages read from the index.
Index("ix_articles_listing", articles.c.published.desc(), articles.c.seq)
# Version 3: listings and queries filter by language (ISO 639-1 or "und").
ix_articles_language = Index("ix_articles_language", articles.c.language, articles.c.seq)

entities = Table(
    "entities",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16)),
    Column("title", Text),
    Column("country", String(3)),
    Column("actor_code", String(32)),
)
Index("ix_entities_name", entities.c.name)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("entity_id", String(64), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
)

# Quotes and events carry a cross-copy key (``xkey``): the same fact in a syndicated copy
# has other offsets (so another id) but the same xkey. Within a duplicate cluster the first
# copy stored is ``is_primary`` and counts every copy in ``mentions`` (GDELT NumMentions).
def _fact_keys() -> list[Column]:
    """The key columns a quote and an event row share: article, id, cross-copy key, cluster."""
    return [
        Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
        Column("id", String(64), primary_key=True),
        Column("xkey", String(40), nullable=False),
        Column("cluster_id", String(64), nullable=False),
        Column("is_primary", Integer, nullable=False, default=1),
        Column("mentions", Integer, nullable=False, default=1),
    ]


quotes = Table(
    "quotes",
    metadata,
    *_fact_keys(),
    Column("kind", String(16)),
    Column("speaker_id", String(64)),
    Column("speaker", Text),  # resolved speaker name (entity name, else the mention text)
    Column("text", Text, nullable=False),
    Column("start", Integer),
    Column("end", Integer),
    Column("published", String(10)),
    Column("data", Text, nullable=False),  # the Quote record as JSON
)
# Matches the listing order (published, article_id, id all descending) so "latest quotes
# of X" is an index range read that stops after LIMIT rows, never a sort.
Index("ix_quotes_speaker", quotes.c.speaker, quotes.c.is_primary, quotes.c.published, quotes.c.article_id, quotes.c.id)
Index("ix_quotes_cluster", quotes.c.cluster_id, quotes.c.xkey)

# Speakers are few; a LIKE over this small table finds the names, then the quotes index
# answers by exact name (a LIKE '%x%' over a million quote rows cannot use an index).
speakers = Table(
    "speakers",
    metadata,
    Column("name", Text, primary_key=True),
    Column("n", Integer, nullable=False, default=0),
)

events = Table(
    "events",
    metadata,
    *_fact_keys(),
    Column("plover", String(24), nullable=False),
    Column("mode", String(24)),
    Column("cameo", String(8)),
    Column("goldstein", Float),
    Column("modality", String(16), nullable=False),
    Column("source_code", String(32)),
    Column("source_country", String(3)),
    Column("source_text", Text),
    Column("target_code", String(32)),
    Column("target_country", String(3)),
    Column("target_text", Text),
    Column("date", String(32)),  # TIMEX3 value as extracted
    Column("day", String(10)),  # YYYY-MM-DD: the event's full date, else the article's date
    Column("location", Text),
    Column("data", Text, nullable=False),  # the Event record as JSON
)
# The dyad timeline reads only this index (covering: no table lookups per event).
Index(
    "ix_events_dyad",
    events.c.source_country, events.c.target_country, events.c.is_primary, events.c.day,
    events.c.modality, events.c.goldstein, events.c.mentions,
)
Index("ix_events_target", events.c.target_country, events.c.day)
Index("ix_events_source_code", events.c.source_code)
Index("ix_events_type_day", events.c.plover, events.c.day)
Index("ix_events_day", events.c.day)
Index("ix_events_cluster", events.c.cluster_id, events.c.xkey)

times = Table(
    "times",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(64)),
    Column("type", String(16)),
    # TIMEX3 mod and what a relative expression counts from (schema step 7; the record's fields)
    Column("mod", String(16)),
    Column("anchor", String(64)),
    Column("anchor_reason", Text),
)
ix_times_value = Index("ix_times_value", times.c.value)

errors = Table(
    "errors",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("source", Text),
    Column("input_id", Text),
    Column("code", String(8), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("seq", Integer, nullable=False, index=True),
    # The attempt that failed (schema step 8): a rerun skips an input whose content, sitrep
    # version and options are all unchanged (a known error) unless told to retry.
    Column("content_sha256", String(64)),
    Column("sitrep_version", String(32)),
    Column("options", String(64)),
)
ATTEMPT_COLUMNS = ("content_sha256", "sitrep_version", "options")

# MinHash/LSH index kept in the database: one row per (band, bucket hash) per article, so
# near-duplicate candidates are an indexed lookup that survives restarts and works the
# same from every process. The signature itself is kept for the Jaccard check.
minhashes = Table(
    "minhashes",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("signature", Text, nullable=False),  # hex of the uint32 hash values
)
lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", String(16), primary_key=True),
    Column("article_id", String(64), primary_key=True),
)

# Aggregates kept up to date by the writer (version 2). The dyad timeline, actor ranking
# and network read a few thousand pre-summed rows instead of scanning a million events:
# that is what keeps them under 100 ms at corpus scale. Only primary (one per duplicate
# cluster) events are counted; copies add to ``mentions``.
def _dyad_table(name: str, period: Column) -> Table:
    return Table(
        name,
        metadata,
        Column("source_country", String(3), primary_key=True),
        Column("target_country", String(3), primary_key=True),
        period,
        Column("modality", String(16), primary_key=True),
        Column("events", Integer, nullable=False),
        Column("mentions", Integer, nullable=False),
        Column("gsum", Float, nullable=False),
        Column("gn", Integer, nullable=False),
        # SQLite: the rows of one dyad are stored together in key order, so a timeline is one
        # contiguous range read with no per-row lookups.
        sqlite_with_rowid=False,
    )


agg_dyad_day = _dyad_table("agg_dyad_day", Column("day", String(10), primary_key=True))
# The same by ISO week ("2022-W05"): the default timeline reads ~52 rows a year per dyad.
agg_dyad_week = _dyad_table("agg_dyad_week", Column("week", String(8), primary_key=True))
agg_actor = Table(
    "agg_actor",
    metadata,
    Column("code", String(32), primary_key=True),
    Column("role", String(1), primary_key=True),  # s = as source, t = as target
    Column("modality", String(16), primary_key=True),
    Column("text", Text, primary_key=True),
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)
agg_pair = Table(
    "agg_pair",
    metadata,
    Column("source_code", String(32), primary_key=True),
    Column("target_code", String(32), primary_key=True),
    Column("modality", String(16), primary_key=True),
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# Where each event happened (version 3; issue 16): one row per located event, so events are
# filtered by country, first-level division and bounding box through an index.
event_places = Table(
    "event_places",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("event_id", String(64), primary_key=True),
    Column("is_primary", Integer, nullable=False, default=1),
    Column("geo_id", String(64), nullable=False),  # GeoNames id, or sitrep:<slug>
    Column("name", Text, nullable=False),
    Column("feature", String(16), nullable=False),
    Column("country", String(3)),
    Column("adm1", String(24)),  # 'UKR.12': country + GeoNames admin1 code
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", String(8), nullable=False),
    Column("basis", String(16), nullable=False),
    Column("day", String(10)),
)
Index("ix_event_places_country", event_places.c.country, event_places.c.adm1, event_places.c.day)
Index("ix_event_places_adm1", event_places.c.adm1)
Index("ix_event_places_geo", event_places.c.geo_id)
Index("ix_event_places_latlon", event_places.c.lat, event_places.c.lon)
PLACE_TABLES = [event_places]

# Every place an article names (version 9; issue 16): one row per span, whether the words are
# a resolved place entity ('Kharkiv') or a place mention that is no entity ('the Ukrainian
# border'), so places are counted and filtered by country, division, feature and box.
place_refs = Table(
    "place_refs",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("ref_id", String(64), primary_key=True),  # the entity id or the place mention id
    Column("field", String(8), primary_key=True),  # which string the offsets index: text or title
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),  # the words as written
    Column("origin", String(8), nullable=False),  # entity | mention
    Column("kind", String(16)),  # the entity type (GPE, LOC, FAC) or the mention kind (border, ...)
    Column("cluster_id", String(64), nullable=False),
    Column("geo_id", String(64), nullable=False),
    Column("name", Text, nullable=False),
    Column("feature", String(16), nullable=False),
    Column("country", String(3)),
    Column("adm1", String(24)),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("precision", String(8), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("day", String(10)),  # the article's date
)
Index("ix_place_refs_geo", place_refs.c.geo_id, place_refs.c.day)
Index("ix_place_refs_country", place_refs.c.country, place_refs.c.adm1, place_refs.c.day)
Index("ix_place_refs_latlon", place_refs.c.lat, place_refs.c.lon)
Index("ix_place_refs_day", place_refs.c.day)
PLACE_REF_TABLES = [place_refs]

V1_TABLES = [meta, inputs, articles, entities, mentions, quotes, speakers, events, times, errors, minhashes, lsh_bands]
AGG_TABLES = [agg_dyad_day, agg_dyad_week, agg_actor, agg_pair]
TABLES = V1_TABLES + AGG_TABLES + PLACE_TABLES + PLACE_REF_TABLES


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=V1_TABLES)


def _v2(conn: Connection) -> None:
    from .aggregates import rebuild

    metadata.create_all(conn, tables=AGG_TABLES)
    rebuild(conn)  # a version-1 database already holds events: sum them once


def _places(conn: Connection) -> None:
    """Event places (issue 16): the table, filled from the events already stored."""
    metadata.create_all(conn, tables=PLACE_TABLES)
    conn.execute(event_places.delete())  # idempotent: rebuilt from the events' records
    rows = conn.execute(select(events.c.article_id, events.c.id, events.c.is_primary, events.c.day,
                               events.c.data)).all()
    from .writer import place_row

    out = [r for r in (place_row(a, i, p, d, json.loads(data)) for a, i, p, d, data in rows) if r]
    if out:
        conn.execute(event_places.insert(), out)


def _v4_watch(conn: Connection) -> None:
    from .watch_schema import create

    create(conn)  # the news watcher's sources, items, revisions and alerts (issue 17)


def _v5_quotes(conn: Connection) -> None:
    from .migrate_quotes import upgrade_quotes

    upgrade_quotes(conn)  # record schema 2.0 (issue 19): one quote per attribution, content in parts


def _languages(conn: Connection) -> None:
    """Every language stored and searched (issue 14): an index on articles.language and
    the full-text index rebuilt in its multilingual form (see store/textsearch.py)."""
    ix_articles_language.create(conn, checkfirst=True)
    if conn.dialect.name == "sqlite":
        from . import sqlite as backend
    else:
        from . import postgres as backend
    backend.migrate_search(conn)


def times_timeml_step(conn: Connection) -> None:
    from .migrate_times import upgrade_times

    upgrade_times(conn)  # the times table gains mod, anchor and anchor_reason (issue 15)


def _error_attempts(conn: Connection) -> None:
    """Error rows record the attempt that failed (content hash, sitrep version, options).
    A store created at this version already has the columns (step 1 makes today's tables)."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("errors")}
    for name in ATTEMPT_COLUMNS:
        if name not in have:
            width = errors.c[name].type.length
            conn.exec_driver_sql(f"ALTER TABLE errors ADD COLUMN {name} VARCHAR({width})")


def _place_refs(conn: Connection) -> None:
    """Every place an article names (issue 16): the table, filled from the stored records."""
    from .writer import place_ref_rows

    metadata.create_all(conn, tables=PLACE_REF_TABLES)
    conn.execute(place_refs.delete())  # idempotent: rebuilt from the records
    a = articles
    last = 0
    while True:
        rows = conn.execute(select(a.c.seq, a.c.cluster_id, a.c.record).where(a.c.seq > last)
                            .order_by(a.c.seq).limit(500)).all()
        if not rows:
            return
        out = [r for _, cluster, raw in rows for r in place_ref_rows(json.loads(raw), cluster)]
        if out:
            conn.execute(place_refs.insert(), out)
        last = rows[-1][0]


def reporters_step(conn: Connection) -> None:
    from .migrate_events import upgrade_reporters

    upgrade_reporters(conn)  # record schema 3.0 (issue 18): reported_by an actor, source may be null


# version -> step that brings a database from version-1 to version. A later change adds
# the next step here; never edit a released step.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2, 3: _places, 4: _v4_watch, 5: _v5_quotes,
                                                       6: _languages, 7: times_timeml_step, 8: _error_attempts,
                                                       9: _place_refs, 10: reporters_step}


# Tables a sitrep store may hold besides TABLES (full-text index and its shadow tables).
_SEARCH_TABLES = {"search_fts", "search_fts_data", "search_fts_idx", "search_fts_content", "search_fts_docsize",
                  "search_fts_config", "search_docs"}


def check_store(conn: Connection, url: str, create: bool) -> None:
    """Refuse a database that is not a sitrep store: one holding other tables and no
    schema version (a foreign file) always; an empty one too unless ``create``."""
    if current_version(conn):
        return
    from sqlalchemy import inspect

    foreign = sorted(set(inspect(conn).get_table_names()) - {t.name for t in TABLES} - _SEARCH_TABLES)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise StoreError(Errors.E201, None, url=url, reason=f"not a sitrep store (it holds other tables: {shown}); "
                                                      "sitrep writes only to its own stores")
    if not create:
        raise StoreError(Errors.E201, None, url=url, reason="not a sitrep store (no sitrep tables); "
                                                      "`sitrep ingest` creates one")


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection, url: str = "") -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(Errors.E202, url or None, found=found, expected=SCHEMA_VERSION)
    for version in range(found + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)
        if version == 1:
            conn.execute(meta.insert().values(key="schema_version", value=str(version)))
        else:
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))
    return found
