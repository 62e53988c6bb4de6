"""PostgreSQL specifics: full text through a stored tsvector with a GIN index (no extension).

Since schema version 3 (issue 14) each search row carries its language and a ``tsv``
built with the configuration that suits it: ``english`` (stemming) for English text,
``simple`` for every other language, over text with diacritics folded (both kinds, as
SQLite's ``remove_diacritics 2`` does) and, for other languages, Chinese/Japanese/Korean
runs as character bigrams (``sitrep/store/textsearch.py``). A query is matched
against both forms (english OR simple), so one search box serves a mixed corpus.
"""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlalchemy.engine import Connection

from . import textsearch


def lock(conn: Connection) -> None:
    """One writer per schema at a time: a transaction-scoped advisory lock, released at
    commit or rollback (so a killed writer never leaves it held)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('sitrep:' || current_schema()))"))


def create_search(conn: Connection) -> None:
    conn.execute(text(
        "CREATE TABLE IF NOT EXISTS search_docs ("
        "id BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL, kind TEXT NOT NULL, "
        "ref TEXT NOT NULL, body TEXT NOT NULL, language TEXT, tsv tsvector)"
    ))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_search_docs_tsv ON search_docs USING gin (tsv)"))
    widen_text(conn)


def widen_text(conn: Connection) -> None:
    """VARCHAR(n) -> TEXT for every column of the current schema's sitrep tables.

    SQLite ignores declared lengths, PostgreSQL enforces them: a record SQLite stored (an
    imported one with a 30-character event mode, say) must not fail the batch here. TEXT
    costs PostgreSQL nothing (same storage, indexes kept: the change is binary-coercible),
    and the check is one catalogue query when there is nothing left to widen."""
    from . import schema as S

    names = [t.name for t in S.TABLES] + ["search_docs"]
    rows = conn.execute(text(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND data_type = 'character varying' AND table_name = ANY(:names) ORDER BY table_name, column_name"
    ), {"names": names}).all()
    for table, column in rows:
        conn.execute(text(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE TEXT'))


def migrate_search(conn: Connection) -> None:
    """Schema step 3: the version-2 table (an expression index over 'english') gets the
    language and tsv columns; every row is re-indexed from its article's record."""
    if not conn.dialect.has_table(conn, "search_docs"):
        return  # a new database: create_search makes the table in its current form
    conn.execute(text("DROP INDEX IF EXISTS ix_search_docs_fts"))
    conn.execute(text("ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS language VARCHAR(8)"))
    conn.execute(text("ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector"))
    conn.execute(text("DELETE FROM search_docs"))
    for (rec,) in conn.execute(text("SELECT record FROM articles ORDER BY seq")).all():
        index_docs(conn, textsearch.index_rows(json.loads(rec)))


def _config(language) -> str:  # noqa: ANN001
    return "english" if language in ("en", None) else "simple"


def index_docs(conn: Connection, rows: list[dict]) -> None:
    if rows:
        out = []
        for r in rows:
            cfg = _config(r.get("language"))
            indexed = textsearch.fold(r["body"] if cfg == "english" else textsearch.index_form(r["body"]))
            out.append(dict(r, language=r.get("language"), cfg=cfg, indexed=indexed))
        conn.execute(
            text("INSERT INTO search_docs (body, article_id, kind, ref, language, tsv) "
                 "VALUES (:body, :article_id, :kind, :ref, :language, to_tsvector(CAST(:cfg AS regconfig), :indexed))"),
            out,
        )


def _simple_query(q: str) -> str:
    """The query in the form the 'simple' rows were indexed in (folded, CJK bigrams)."""
    parts = []
    for phrase, prefix, _ in textsearch.query_terms(q):
        parts.append(f'"{textsearch.fold(phrase)}"' if " " in phrase else textsearch.fold(phrase))
    return " ".join(parts)


_QUERY = ("(websearch_to_tsquery('english', :q) || websearch_to_tsquery('simple', :qs))")


def search(conn: Connection, q: str, limit: int, language: str | None = None) -> list[dict]:
    # websearch_to_tsquery: quoted phrases are phrases, other words ANDed, never a syntax error.
    rows = conn.execute(
        text(
            "SELECT article_id, kind, ref, language, body, "
            "ts_headline('english', body, websearch_to_tsquery('english', :q), "
            "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet, "
            f"ts_rank(tsv, {_QUERY}) AS score "
            f"FROM search_docs WHERE tsv @@ {_QUERY} "
            + ("AND language = :lang " if language else "")
            + "ORDER BY score DESC, id LIMIT :n"
        ),
        {"q": textsearch.fold(q), "qs": _simple_query(q), "n": limit, "lang": language},
    ).mappings()
    out = []
    for r in rows:
        d = dict(r, score=float(r["score"]))
        body, lang = d.pop("body"), d.pop("language")
        if _config(lang) != "english":
            d["snippet"] = textsearch.snippet(body, q)
        out.append(d)
    return out


def search_article_ids(conn: Connection, q: str) -> str:
    return ("SELECT article_id FROM search_docs WHERE tsv @@ "
            "(websearch_to_tsquery('english', :fts_q) || websearch_to_tsquery('simple', :fts_qs))")


def fts_param(q: str) -> str:
    return q


def fts_params(q: str) -> dict:
    return {"fts_q": textsearch.fold(q), "fts_qs": _simple_query(q)}
