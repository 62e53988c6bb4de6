"""Store migration 2 -> 3: records of schema 1.x become schema 2.0 (issue 19).

A 1.x quote is one span; in 2.0 it is one attribution whose content is a list of parts.
Stored records are rewritten in place with their one span as their one part (and
``cue_class`` ``according_to`` where the cue says so, else unknown); the quote ids, offsets
and counts do not change, so queries, duplicate clusters and exports stay consistent.
Re-ingesting the sources gives the merged 2.0 attributions (pieces sharing a cue as one
record, indirect claims beyond speech verbs).
"""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ..record import SCHEMA_VERSION, Quote
from . import schema as S

_BATCH = 500


def upgrade_quote(q: dict) -> dict:
    """One stored 1.x quote dict as a 2.0 quote dict (unchanged when already 2.0)."""
    if q.get("parts"):
        return q
    cue = (q.get("cue") or {}).get("text") or ""
    data = dict(q, cue_class="according_to" if cue.lower().startswith("according") else q.get("cue_class"))
    return Quote.model_validate(data).model_dump(mode="json")


def upgrade_record(rec: dict) -> dict:
    if not str(rec.get("schema_version", "")).startswith("1."):
        return rec
    return dict(rec, schema_version=SCHEMA_VERSION, quotes=[upgrade_quote(q) for q in rec.get("quotes") or []])


def _dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def upgrade_quotes(conn: Connection) -> None:
    a, q = S.articles, S.quotes
    last = ""
    while True:
        rows = conn.execute(select(a.c.id, a.c.record).where(a.c.id > last).order_by(a.c.id).limit(_BATCH)).all()
        if not rows:
            break
        for art_id, raw in rows:
            rec = json.loads(raw)
            new = upgrade_record(rec)
            if new is not rec:
                conn.execute(update(a).where(a.c.id == art_id).values(record=_dump(new)))
        last = rows[-1][0]
    last_key = ("", "")
    while True:
        rows = conn.execute(select(q.c.article_id, q.c.id, q.c.data).where(
            (q.c.article_id > last_key[0]) | ((q.c.article_id == last_key[0]) & (q.c.id > last_key[1])))
            .order_by(q.c.article_id, q.c.id).limit(_BATCH)).all()
        if not rows:
            break
        for art_id, qid, raw in rows:
            d = json.loads(raw)
            new = upgrade_quote(d)
            if new is not d:
                conn.execute(update(q).where(q.c.article_id == art_id, q.c.id == qid).values(data=_dump(new)))
        last_key = (rows[-1][0], rows[-1][1])
