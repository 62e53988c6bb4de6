"""Store migration 2 -> 3: records of schema 1.x become schema 2.0 (issue 19).

A 1.x quote is one span; in 2.0 it is one attribution whose content is a list of parts.
Stored records are rewritten in place with their one span as their one part (and
``cue_class`` ``according_to`` where the cue says so, else unknown); the quote ids, offsets
and counts do not change, so queries, duplicate clusters and exports stay consistent.
Re-ingesting the sources gives the merged 2.0 attributions (pieces sharing a cue as one
record, indirect claims beyond speech verbs).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from ..record import Quote
from . import schema as S
from .rewrite import rewrite_json


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
    return dict(rec, schema_version="2.0", quotes=[upgrade_quote(q) for q in rec.get("quotes") or []])


def upgrade_quotes(conn: Connection) -> None:
    rewrite_json(conn, S.articles, ["id"], "record", upgrade_record)
    rewrite_json(conn, S.quotes, ["article_id", "id"], "data", upgrade_quote)
