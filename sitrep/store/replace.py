"""Replacing a stored article by a new record of the same text (same id).

A rerun that gives another publication date (``--published``) changes what the record says
(relative times, event days, office holders) but not its text, so the article keeps its id,
its ``seq`` and its duplicate cluster. Its facts are replaced, and the quote and event rows
of its whole cluster are laid down again in ingest order, so which row is the primary and
how many mentions each one counts are what a clean run with the new date would give:

* the article row: the new record, published date and counts (same id, cluster, seq);
* its entities, mentions, times, place references and full-text rows: deleted and written anew;
* the cluster's quotes, events and event places: deleted, then every member re-added in
  ``seq`` order, each exact copy (another input of the same text) counted once more;
* the pre-summed tables: rebuilt from the events by the writer, once per batch.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.engine import Connection

from . import schema as S
from .aggregates import Delta
from .writer import article_columns, place_ref_rows


def _unindex(conn: Connection, article_id: str) -> None:
    table = "search_fts" if conn.dialect.name == "sqlite" else "search_docs"
    conn.execute(text(f"DELETE FROM {table} WHERE article_id = :a"), {"a": article_id})


def replace_article(writer, conn: Connection, rec: dict) -> None:  # noqa: ANN001
    """Put ``rec`` in place of the stored article with its id (see the module doc)."""
    from . import textsearch

    aid = rec["id"]
    cluster = conn.execute(select(S.articles.c.cluster_id).where(S.articles.c.id == aid)).scalar()
    for table in (S.mentions, S.entities, S.times, S.place_refs):
        conn.execute(delete(table).where(table.c.article_id == aid))
    _unindex(conn, aid)
    conn.execute(update(S.articles).where(S.articles.c.id == aid).values(**article_columns(rec)))
    ents = writer.add_facts(conn, rec)
    refs = place_ref_rows(rec, cluster)
    if refs:
        conn.execute(S.place_refs.insert(), refs)
    writer.backend.index_docs(conn, textsearch.index_rows(rec))

    members = conn.execute(select(S.articles.c.id, S.articles.c.record).where(S.articles.c.cluster_id == cluster)
                           .order_by(S.articles.c.seq)).all()
    ids = [m[0] for m in members]
    for table in (S.event_places, S.quotes, S.events):
        conn.execute(delete(table).where(table.c.article_id.in_(ids)))
    copies = dict(conn.execute(select(S.inputs.c.article_id, func.count()).where(S.inputs.c.article_id.in_(ids))
                               .group_by(S.inputs.c.article_id)).all())
    counts = {"quotes": 0, "events": 0}
    scratch = Delta()  # the sums are rebuilt below, from the rows as they now stand
    for mid, stored in members:
        member = rec if mid == aid else json.loads(stored)
        member_ents = ents if mid == aid else {e["id"]: e for e in member.get("entities") or []}
        writer.add_quotes(conn, member, member_ents, cluster, counts)
        writer.add_events(conn, member, cluster, counts, scratch)
        for _ in range(copies.get(mid, 1) - 1):
            writer.count_copy(conn, mid, scratch)
    # The caller rebuilds the pre-summed tables once per batch (aggregates.rebuild).
