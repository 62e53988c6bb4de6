"""SQLite specifics: WAL pragmas, FTS5 full-text index over article text and quotes."""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

from . import textsearch


def configure(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # noqa: ANN001
        # WAL: readers (the web app, a query CLI) never block the ingest writer, and a
        # kill -9 loses at most the uncommitted batch. NORMAL sync is safe under WAL.
        cur = dbapi_conn.cursor()
        # busy_timeout first: switching a fresh file to WAL takes a lock another process
        # may hold (two ingests starting on one new store).
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()


# Version 3 (issue 14): diacritics folded, the language kept, CJK indexed as bigrams
# (sitrep/store/textsearch.py); the original text is kept for snippets only where the
# indexed form differs from it.
_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "body, article_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, language UNINDEXED, orig UNINDEXED, "
        "tokenize='unicode61 remove_diacritics 2')")


def lock(conn: Connection) -> None:
    """Start the transaction as the database's one writer (BEGIN IMMEDIATE): another
    process's writer waits (busy_timeout) instead of failing on a stale read later."""
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def create_search(conn: Connection) -> None:
    conn.execute(text(_FTS))


def migrate_search(conn: Connection) -> None:
    """Schema step 3: rebuild the full-text index in its new form from the stored records."""
    import json

    conn.execute(text("DROP TABLE IF EXISTS search_fts"))
    conn.execute(text(_FTS))
    for (rec,) in conn.execute(text("SELECT record FROM articles ORDER BY seq")).all():
        index_docs(conn, textsearch.index_rows(json.loads(rec)))


def index_docs(conn: Connection, rows: list[dict]) -> None:
    if rows:
        out = []
        for r in rows:
            body = textsearch.index_form(r["body"])
            out.append(dict(r, body=body, orig=r["body"] if body != r["body"] else None, language=r.get("language")))
        conn.execute(
            text("INSERT INTO search_fts (body, article_id, kind, ref, language, orig) "
                 "VALUES (:body, :article_id, :kind, :ref, :language, :orig)"),
            out,
        )


def fts_query(q: str) -> str:
    """User text -> a safe FTS5 query: quoted phrases stay phrases, other words are ANDed,
    Chinese/Japanese/Korean runs become bigram phrases.

    Passing user text straight to MATCH would make '-', ':' or 'AND' syntax (and errors).
    """
    return " ".join(f'"{phrase}"' + ("*" if prefix else "") for phrase, prefix, _ in textsearch.query_terms(q))


def search(conn: Connection, q: str, limit: int, language: str | None = None) -> list[dict]:
    query = fts_query(q)
    if not query:
        return []
    rows = conn.execute(
        text(
            "SELECT article_id, kind, ref, snippet(search_fts, 0, '[', ']', '…', 16) AS snippet, orig, "
            "bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH :q "
            + ("AND language = :lang " if language else "")
            + "ORDER BY bm25(search_fts) LIMIT :n"
        ),
        {"q": query, "n": limit, "lang": language},
    ).mappings()
    out = []
    for r in rows:
        d = dict(r, score=-float(r["score"]))
        orig = d.pop("orig")
        if orig is not None:
            d["snippet"] = textsearch.snippet(orig, q)
        out.append(d)
    return out


def search_article_ids(conn: Connection, q: str) -> str:
    """A SQL fragment selecting article ids matching q (for list_articles(q=...))."""
    return "SELECT article_id FROM search_fts WHERE search_fts MATCH :fts_q"


def fts_param(q: str) -> str:
    return fts_query(q)


def fts_params(q: str) -> dict:
    return {"fts_q": fts_query(q)}
