"""The corpus store: SQLite (default) or PostgreSQL through SQLAlchemy 2 Core.

    from sitrep.store import open_store
    store = open_store("corpus.db")            # or sqlite:///corpus.db, postgresql://...
    store.add_articles([record.model_dump()])
    store.dyad_timeline("RUS", "UKR", by="week")

Every method returns plain JSON-ready dicts/lists (the web API serves them as they are).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Iterable, Optional

from sqlalchemy import create_engine, func, select, tuple_
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..errors import ConfigError, Errors, StoreError, first_line
from . import queries as Q
from . import schema as S
from .writer import Writer, error_key, input_key

__all__ = ["Store", "open_store", "normalise_url", "input_key", "error_key"]


def normalise_url(url: str) -> str:
    """A file path, ``sqlite:///path`` or ``postgresql://...`` -> a SQLAlchemy URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    return "sqlite:///" + str(Path(url).expanduser())


class Store:
    """``create=False`` (query commands, the web app): refuse a database that is not
    already a sitrep store instead of creating one. Either way a database holding other
    tables and no sitrep schema version (a foreign file) is refused, never written to."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        sa_url = normalise_url(url)
        self.dialect = "sqlite" if sa_url.startswith("sqlite") else "postgresql"
        if self.dialect == "sqlite" and not create:
            path = sa_url.split(":///", 1)[-1]
            if path and path != ":memory:" and not Path(path).is_file():
                raise StoreError(Errors.E201, None, url=_redact(url), reason="no such database file (a query never creates one; "
                                                                       "`sitrep ingest` does)")
        try:
            if self.dialect == "sqlite":
                from . import sqlite as backend

                self.engine: Engine = create_engine(sa_url)
                backend.configure(self.engine)
            else:
                from . import postgres as backend

                self.engine = create_engine(sa_url, pool_pre_ping=True)
            self.backend = backend
            self._set_up(url, create)
        except SQLAlchemyError as exc:
            raise StoreError(Errors.E201, None, url=_redact(url), reason=first_line(exc, limit=None)) from None
        self._writer = Writer(backend)

    def _set_up(self, url: str, create: bool) -> None:
        # One writer at a time (a lock taken first in every writing transaction):
        # concurrent ingests into one store create the schema once, never race.
        deadline = time.monotonic() + 60
        while True:
            try:
                with self.engine.begin() as conn:
                    self.backend.lock(conn)
                    S.check_store(conn, _redact(url), create)
                    S.migrate(conn, url)
                    self.backend.create_search(conn)
                return
            except OperationalError as exc:
                # Several processes opening one new SQLite file at once: switching it to WAL
                # needs the file to itself, and SQLite can answer 'database is locked' there
                # without waiting out busy_timeout. The schema step is idempotent, so wait
                # and try again, as busy_timeout would, up to the same minute.
                if self.dialect != "sqlite" or "database is locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # -- writing -------------------------------------------------------------------------
    def write_results(self, results: Iterable, keys: Optional[list] = None, attempts: Optional[list] = None,
                      replace: Iterable[str] = ()) -> dict:
        """Articles and error records (dicts or models) in ONE transaction; idempotent.

        ``keys`` are input keys (``input_key(source, content)``) aligned with results: an
        input already stored is skipped, unless it is in ``replace`` (done again with a new
        publication date: the new record replaces the stored one). ``attempts`` (aligned)
        are recorded on error rows (see :meth:`known_errors`). This is the bulk upsert
        ingest and the Dask runner share.
        """
        try:
            with self.engine.begin() as conn:
                self.backend.lock(conn)  # writers queue here: unique seq, no duplicate-key races
                return self._writer.write(conn, results, keys, attempts, replace)
        except SQLAlchemyError as exc:
            # The batch is rolled back whole (a rerun redoes it); one line, never a traceback.
            raise StoreError(Errors.E203, None, path=_redact(self.url),
                             reason=first_line(exc)) from None

    def add_articles(self, records: Iterable) -> dict:
        return self.write_results(records)

    def add_error(self, source: Optional[str], input_id: Optional[str], code: str, reason: str,
                  key: Optional[str] = None) -> bool:
        rec = {"error": reason, "code": code, "source": source, "input_id": input_id}
        with self.engine.begin() as conn:
            self.backend.lock(conn)
            return self._writer.write(conn, [rec], [key] if key else None)["errors"] == 1

    def rebuild_aggregates(self) -> None:
        """Recompute the pre-summed tables from the events (after bulk loads that bypass
        the writer, or to repair). The writer keeps them current on its own."""
        from .aggregates import rebuild

        with self.engine.begin() as conn:
            self.backend.lock(conn)
            rebuild(conn)

    def seen_inputs(self, keys: list[str]) -> set[str]:
        """The input keys already stored as articles (their documents need no work).

        An input that ended as an error row is not "seen": a later run retries it, so a
        mistake that was corrected (a bad option, a fixed bug) never blocks it for good."""
        out: set[str] = set()
        i_ = S.inputs
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                out.update(conn.execute(select(i_.c.key).where(i_.c.key.in_(chunk), i_.c.article_id.is_not(None)))
                           .scalars())
        return out

    def known_errors(self, attempts: dict[str, dict]) -> set[str]:
        """The input keys whose stored error came from the same attempt as ``attempts[key]``
        (same content hash, sitrep version and options): doing them again would fail again."""
        out: set[str] = set()
        i_, e_ = S.inputs, S.errors
        keys = list(attempts)
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                rows = conn.execute(select(i_.c.key, *[e_.c[c] for c in S.ATTEMPT_COLUMNS])
                                    .join(e_, e_.c.key == i_.c.error_key)
                                    .where(i_.c.key.in_(keys[i : i + 500]), i_.c.article_id.is_(None)))
                for key, *stored in rows:
                    want = attempts[key]
                    if all(want.get(c) is not None and want.get(c) == v for c, v in zip(S.ATTEMPT_COLUMNS, stored)):
                        out.add(key)
        return out

    def stored_published(self, keys: list[str]) -> dict[str, Optional[str]]:
        """``{input key: the published date of the article it is stored as}`` for stored inputs."""
        out: dict[str, Optional[str]] = {}
        i_, a_ = S.inputs, S.articles
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                out.update(conn.execute(select(i_.c.key, a_.c.published).join(a_, a_.c.id == i_.c.article_id)
                                        .where(i_.c.key.in_(keys[i : i + 500]))).all())
        return out

    # -- reading -------------------------------------------------------------------------
    def get_article(self, id: str) -> Optional[dict]:
        with self.engine.connect() as conn:
            rec = conn.execute(select(S.articles.c.record).where(S.articles.c.id == id)).scalar()
        return json.loads(rec) if rec else None

    def iter_articles(self, since=None, until=None, batch: int = 500):
        """Every full record in ingest order (for export), read in pages."""
        last = 0
        a = S.articles
        while True:
            conds = [a.c.seq > last]
            if since:
                conds.append(a.c.published >= since)
            if until:
                conds.append(a.c.published <= until)
            with self.engine.connect() as conn:
                rows = conn.execute(select(a.c.seq, a.c.record).where(*conds).order_by(a.c.seq).limit(batch)).all()
            if not rows:
                return
            for seq, rec in rows:
                yield json.loads(rec)
            last = rows[-1][0]

    def iter_events(self, modality=None, primary_only: bool = True, batch: int = 2000):
        """Every event (one per duplicate cluster, with ``mentions``) for export, in pages."""
        e = S.events
        last = ("", "")
        while True:
            conds = [tuple_(e.c.article_id, e.c.id) > last]
            if primary_only:
                conds.append(e.c.is_primary == 1)
            conds += Q.window(e.c.modality, modality)
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(e.c.article_id, e.c.id, e.c.day, e.c.mentions, e.c.cluster_id, e.c.data)
                    .where(*conds).order_by(e.c.article_id, e.c.id).limit(batch)).all()
                if not rows:
                    return
                arts = {a_id: (src, lang) for a_id, src, lang in conn.execute(
                    select(S.articles.c.id, S.articles.c.source, S.articles.c.language)
                    .where(S.articles.c.id.in_({r.article_id for r in rows}))).all()}
            for r in rows:
                d = Q.event_row(r)
                d["article_source"], d["article_language"] = arts.get(r.article_id, (None, None))
                yield d
            last = (rows[-1].article_id, rows[-1].id)

    def list_articles(self, limit=50, offset=0, since=None, until=None, q=None, language=None) -> list[dict]:
        Q.check_page(limit, offset)
        Q.check_day_range(since, until)
        with self.engine.connect() as conn:
            return Q.list_articles(conn, self.backend, limit, offset, since, until, q, language)

    def count_articles(self, since=None, until=None, q=None, language=None) -> int:
        with self.engine.connect() as conn:
            return Q.count_articles(conn, self.backend, since, until, q, language)

    def quotes(self, speaker=None, article=None, limit=100, offset=0, language=None) -> list[dict]:
        Q.check_page(limit, offset)
        with self.engine.connect() as conn:
            return Q.quotes(conn, speaker, article, limit, offset, language)

    def times(self, article=None, type=None, value=None, limit=100, offset=0, language=None) -> list[dict]:  # noqa: A002
        """Time expressions with TIMEX3 value, type, mod, anchor and anchor_reason (see
        ``queries.times``)."""
        Q.check_page(limit, offset)
        with self.engine.connect() as conn:
            return Q.times(conn, article, type, value, limit, offset, language)

    def iter_times(self, since=None, until=None, batch: int = 2000):
        """Every stored time expression, article by article in ingest order (for export);
        ``since`` / ``until`` bound the article's publication date."""
        t, a = S.times, S.articles
        last = (0, -1)
        while True:
            conds = [tuple_(a.c.seq, t.c.start) > last]
            if since:
                conds.append(a.c.published >= since)
            if until:
                conds.append(a.c.published <= until)
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(a.c.seq, *Q.time_columns()).select_from(t.join(a, a.c.id == t.c.article_id))
                    .where(*conds).order_by(a.c.seq, t.c.start).limit(batch)).all()
            if not rows:
                return
            for r in rows:
                yield dict(zip(Q.TIME_FIELDS, r[1:]))
            last = (rows[-1][0], rows[-1].start)

    def events(self, source=None, target=None, type=None, since=None, until=None, modality=None,
               article=None, limit=100, offset=0, place=None, bbox=None, language=None) -> list[dict]:
        """``place``: 'UKR' (country), 'UKR.12' (first-level division) or a GeoNames id;
        ``bbox``: 'min_lon,min_lat,max_lon,max_lat'; ``language``: ISO 639-1 or "und"."""
        Q.check_page(limit, offset)
        Q.check_day_range(since, until)
        with self.engine.connect() as conn:
            return Q.events(conn, source, target, type, since, until, modality, article, limit, offset, place, bbox,
                            language)

    def places(self, place=None, bbox=None, since=None, until=None, language=None, origin=None, feature=None,
               article=None, limit=50, offset=0, evidence=5) -> list[dict]:
        """Places named in the articles (entities and place mentions), most named first, with
        counts and evidence spans. ``origin``: entity or mention; ``feature``: country, adm1,
        capital, city, continent, region, sea (comma-separated); the rest as in ``events``."""
        from .places import places

        Q.check_page(limit, offset)
        if isinstance(evidence, bool) or not isinstance(evidence, int) or not 0 <= evidence <= 1000:
            raise ConfigError(Errors.E302, reason=f"evidence must be an integer from 0 to 1000, got {evidence!r}")
        Q.check_day_range(since, until)
        with self.engine.connect() as conn:
            return places(conn, place, bbox, since, until, language, origin, feature, article, limit, offset,
                          evidence)

    def search(self, q: str, limit: int = 20, language=None) -> list[dict]:
        """Full-text search over bodies and quotes in every language (``language``: only
        records in that ISO 639-1 language, or "und")."""
        Q.check_page(limit)
        with self.engine.connect() as conn:
            return Q.search(conn, self.backend, q, limit, language)

    def languages(self) -> list[dict]:
        """Articles per language, commonest first."""
        a = S.articles
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.language, func.count()).group_by(a.c.language)
                                .order_by(func.count().desc(), a.c.language)).all()
        return [{"language": lang, "articles": int(n)} for lang, n in rows]

    def dyad_timeline(self, a: str, b: str, by: str = "week", since=None, until=None, modality=None,
                      directed: bool = False) -> list[dict]:
        Q.check_day_range(since, until)
        with self.engine.connect() as conn:
            return Q.dyad_timeline(conn, a, b, by, since, until, modality, directed)

    def actors(self, top: int = 20, modality=None) -> list[dict]:
        Q.check_page(top, name="top")
        with self.engine.connect() as conn:
            return Q.actors(conn, top, modality)

    def network(self, top: int = 50, modality=None) -> dict:
        Q.check_page(top, name="top")
        with self.engine.connect() as conn:
            return Q.network(conn, top, modality)

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict]:
        Q.check_page(limit, offset)
        e = S.errors
        with self.engine.connect() as conn:
            rows = conn.execute(select(e.c.source, e.c.input_id, e.c.code, e.c.reason)
                                .order_by(e.c.seq).limit(limit).offset(offset)).mappings()
            return [dict(r) for r in rows]

    def stats(self) -> dict:
        """Row counts per table (the ingest summary and tests read this)."""
        out = {}
        with self.engine.connect() as conn:
            for t in (S.articles, S.errors, S.inputs, S.quotes, S.events, S.entities):
                out[t.name] = int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
            out["clusters"] = int(conn.execute(select(func.count(func.distinct(S.articles.c.cluster_id)))).scalar() or 0)
        return out

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.close()


def _redact(url: str) -> str:
    # Never print a password in an error message.
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


def open_store(url: str, create: bool = True) -> Store:
    return Store(url, create=create)
