"""Tables of the news watcher (``sitrep watch``, issue 17), added by their own migration step.

* ``watch_sources`` — every feed / sitemap / sitemap index polled, with its poll state
  (last poll, ETag, Last-Modified, consecutive failures, next due time) and a claim
  (``poller``, ``poll_started``) so two watchers on one store never poll it at once;
* ``watch_items`` — every article URL a listing named, keyed by its canonical URL, with its
  fetch state (``new`` → ``claimed`` → ``fetched`` → ``done``; ``error`` waits for a retry,
  ``failed`` and ``blocked`` are final), the claim (owner, time), the page waiting to be
  ingested (``body``, cleared once stored), its content hash and the article it became;
* ``watch_revisions`` — one row per distinct content of one URL (an updated article is
  re-read and recorded as a new revision);
* ``watch_alerts`` — one row per (rule, window): its primary key is what makes an alert fire
  once, however many polls or watchers see the condition.

Times are Unix seconds (floats), the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text
from sqlalchemy.engine import Connection

metadata = MetaData()

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the canonical URL
    Column("url", Text, nullable=False),
    Column("kind", String(16)),  # feed | sitemap | sitemapindex (known after the first poll)
    Column("parent_id", String(64)),  # a sitemap found in a sitemap index
    Column("interval", Float, nullable=False),
    Column("added_at", Float, nullable=False),
    Column("last_poll", Float),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_due", Float, nullable=False),
    Column("poller", String(96)),
    Column("poll_started", Float),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("items_new", Integer, nullable=False, default=0),  # at the last poll
    Column("polls", Integer, nullable=False, default=0),
)
Index("ix_watch_sources_due", watch_sources.c.next_due)

watch_items = Table(
    "watch_items",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the canonical URL
    Column("url", Text, nullable=False),  # canonical
    Column("link", Text),  # as the listing gave it
    Column("source_id", String(64)),
    Column("status", String(12), nullable=False),
    Column("owner", String(96)),
    Column("claimed_at", Float),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", Float),
    Column("stamp", Text),  # the listing's updated / lastmod value last seen
    Column("fetched_stamp", Text),  # ... when it was last fetched
    Column("published", String(10)),
    Column("title", Text),
    Column("first_seen", Float, nullable=False),
    Column("fetched_at", Float),
    Column("http_status", Integer),
    Column("final_url", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("content_hash", String(64)),  # of the last content stored
    Column("pending_hash", String(64)),  # of the fetched content waiting in body
    Column("body", Text),
    Column("body_format", String(8)),
    Column("error_code", String(8)),
    Column("error", Text),
    Column("article_id", String(64)),
    Column("revisions", Integer, nullable=False, default=0),
    Column("fetches", Integer, nullable=False, default=0),
)
Index("ix_watch_items_status", watch_items.c.status, watch_items.c.next_try)
Index("ix_watch_items_source", watch_items.c.source_id)

watch_revisions = Table(
    "watch_revisions",
    metadata,
    Column("item_key", String(64), primary_key=True),
    Column("content_hash", String(64), primary_key=True),
    Column("n", Integer, nullable=False),
    Column("url", Text, nullable=False),
    Column("article_id", String(64)),
    Column("error_code", String(8)),
    Column("fetched_at", Float, nullable=False),
)

watch_alerts = Table(
    "watch_alerts",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of (rule, window)
    Column("rule", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("window", String(16), nullable=False),  # 2022-W05, 2022-02-03, 2022-02
    Column("value", Float),
    Column("threshold", Float),
    Column("message", Text, nullable=False),
    Column("event_ids", Text, nullable=False),  # JSON list of [article_id, event_id]
    Column("quote_ids", Text, nullable=False),  # JSON list of [article_id, quote_id]
    Column("created_at", Float, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("webhook_status", String(12), nullable=False),  # none | pending | sent | failed
    Column("webhook_attempts", Integer, nullable=False, default=0),
    Column("webhook_next_try", Float),
    Column("webhook_error", Text),
)
Index("ix_watch_alerts_seq", watch_alerts.c.seq)

TABLES = [watch_sources, watch_items, watch_revisions, watch_alerts]


def create(conn: Connection) -> None:
    """The migration step: create the watcher's tables (none of them existed before)."""
    metadata.create_all(conn, tables=TABLES)
