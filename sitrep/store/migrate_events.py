"""Store migration 9 -> 10: records of schema 2.x become schema 3.0 (issue 18).

In 3.0 an event's ``reported_by`` is an actor (text, code, country, entity id) instead of an
entity id, and an event's ``source`` may be null. Stored records and event rows are
rewritten in place with each ``reported_by`` id replaced by that entity as an actor
(``sitrep.record.upgrade_events``); ids, offsets and counts do not change. No stored event
gets a null source: those come from re-ingesting the sources with this version.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..record import SCHEMA_VERSION, upgrade_events
from . import schema as S
from .rewrite import rewrite_json


def upgrade_record(rec: dict) -> dict:
    if str(rec.get("schema_version", ""))[:2] not in ("1.", "2."):
        return rec
    return dict(rec, schema_version=SCHEMA_VERSION,
                events=upgrade_events(rec.get("events") or [], rec.get("entities") or []))


def upgrade_reporters(conn: Connection) -> None:
    rewrite_json(conn, S.articles, ["id"], "record", upgrade_record)
    # An event row keeps its own copy of the event: it takes the upgraded event of its
    # article's record (rows come in article order, so one record is read per article).
    cache: dict[str, dict] = {}

    def event(d: dict, art_id: str) -> dict:
        if not isinstance(d.get("reported_by"), str):
            return d
        if art_id not in cache:
            cache.clear()
            raw = conn.execute(select(S.articles.c.record).where(S.articles.c.id == art_id)).scalar()
            cache[art_id] = {e["id"]: e for e in (json.loads(raw).get("events") or [])} if raw else {}
        return cache[art_id].get(d.get("id")) or upgrade_events([d], [])[0]

    rewrite_json(conn, S.events, ["article_id", "id"], "data", event, pass_key=True)
