"""SQLite specifics: WAL pragmas, FTS5 full-text index over article text and quotes."""

from __future__ import annotations

import re

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine


def configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # noqa: ANN001
        # WAL: readers (the web app, a query CLI) never block the ingest writer, and a
        # kill -9 loses at most the uncommitted batch. NORMAL sync is safe under WAL.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()


def create_search(conn: Connection) -> None:
    conn.execute(text(
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "body, article_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, tokenize='unicode61')"
    ))


def index_docs(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(
            text("INSERT INTO search_fts (body, article_id, kind, ref) VALUES (:body, :article_id, :kind, :ref)"),
            rows,
        )


_PHRASE = re.compile(r'"([^"]+)"|(\w+)', re.U)


def fts_query(q: str) -> str:
    """User text -> a safe FTS5 query: quoted phrases stay phrases, other words are ANDed.

    Passing user text straight to MATCH would make '-', ':' or 'AND' syntax (and errors).
    """
    parts = []
    for phrase, word in _PHRASE.findall(q):
        words = re.findall(r"\w+", phrase or word)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def search(conn: Connection, q: str, limit: int) -> list[dict]:
    query = fts_query(q)
    if not query:
        return []
    rows = conn.execute(
        text(
            "SELECT article_id, kind, ref, snippet(search_fts, 0, '[', ']', '…', 16) AS snippet, "
            "bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH :q "
            "ORDER BY bm25(search_fts) LIMIT :n"
        ),
        {"q": query, "n": limit},
    ).mappings()
    return [dict(r, score=-float(r["score"])) for r in rows]


def search_article_ids(conn: Connection, q: str) -> str:
    """A SQL fragment selecting article ids matching q (for list_articles(q=...))."""
    return "SELECT article_id FROM search_fts WHERE search_fts MATCH :fts_q"


def fts_param(q: str) -> str:
    return fts_query(q)
