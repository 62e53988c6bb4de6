"""PostgreSQL specifics: full text through a tsvector GIN index (no extension needed)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection


def create_search(conn: Connection) -> None:
    conn.execute(text(
        "CREATE TABLE IF NOT EXISTS search_docs ("
        "id BIGSERIAL PRIMARY KEY, article_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, "
        "ref VARCHAR(64) NOT NULL, body TEXT NOT NULL)"
    ))
    # An expression index: the tsvector is not stored twice, and to_tsvector in queries
    # must use the same configuration ('english') for the planner to pick this index.
    conn.execute(text(
        "CREATE INDEX IF NOT EXISTS ix_search_docs_fts ON search_docs USING gin (to_tsvector('english', body))"
    ))


def index_docs(conn: Connection, rows: list[dict]) -> None:
    if rows:
        conn.execute(
            text("INSERT INTO search_docs (body, article_id, kind, ref) VALUES (:body, :article_id, :kind, :ref)"),
            rows,
        )


def search(conn: Connection, q: str, limit: int) -> list[dict]:
    # websearch_to_tsquery: quoted phrases are phrases, other words ANDed, never a syntax error.
    rows = conn.execute(
        text(
            "SELECT article_id, kind, ref, "
            "ts_headline('english', body, query, 'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet, "
            "ts_rank(to_tsvector('english', body), query) AS score "
            "FROM search_docs, websearch_to_tsquery('english', :q) AS query "
            "WHERE to_tsvector('english', body) @@ query ORDER BY score DESC, id LIMIT :n"
        ),
        {"q": q, "n": limit},
    ).mappings()
    return [dict(r, score=float(r["score"])) for r in rows]


def search_article_ids(conn: Connection, q: str) -> str:
    return ("SELECT article_id FROM search_docs "
            "WHERE to_tsvector('english', body) @@ websearch_to_tsquery('english', :fts_q)")


def fts_param(q: str) -> str:
    return q
