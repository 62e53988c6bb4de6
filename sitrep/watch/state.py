"""The watcher's state in the store: sources, poll state, items and their claims, revisions.

Every change is one short transaction whose first statement is a write, and every claim is
a conditional ``UPDATE`` whose row count says who won, so two watchers on one store (two
processes, or two machines on PostgreSQL) never poll a source or fetch an item at the same
time, and a watcher killed with SIGKILL leaves rows that a restarted one takes over:

* ``claimed`` items of a dead owner (same host, process gone) or of an expired lease are
  claimed again and fetched (they had not been fetched: a fetched page is committed as
  ``fetched`` with its body before anything else happens);
* ``fetched`` items are ingested without fetching again (the ingest is keyed by content,
  so a page that was stored just before the kill is skipped and only marked ``done``).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Iterable, Optional

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.exc import OperationalError

from ..store import Store
from ..store import schema as S
from ..store.watch_schema import watch_alerts, watch_items, watch_revisions, watch_sources
from .listings import Entry
from .urls import canonical_url

LEASE = 600.0  # seconds a claim holds against a live owner on another host
HOST = socket.gethostname()


def url_key(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def new_owner() -> str:
    """``host:pid:random``: a watcher's name in claims (the pid lets a restart on the same
    host see that the owner is gone)."""
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def owner_alive(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid = rest.partition(":")[0]
    if host != HOST or not pid.isdigit():
        return True  # another machine: only the lease can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def retry_locked(fn, *args, tries: int = 30, **kwargs):  # noqa: ANN001, ANN201
    """Run a write that SQLite may refuse with "database is locked" when another watcher
    committed between this transaction's read and its write (WAL snapshot conflict); the
    transaction was rolled back, and every write here is idempotent, so it is run again."""
    for attempt in range(tries):
        try:
            return fn(*args, **kwargs)
        except OperationalError as exc:
            if "locked" not in str(exc).lower() and "busy" not in str(exc).lower() or attempt == tries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    return None


@dataclass
class SourceSpec:
    url: str
    interval: Optional[float] = None  # seconds; None = the watcher's default


class WatchState:
    def __init__(self, store: Store, owner: Optional[str] = None, lease: float = LEASE) -> None:
        self.store = store
        self.engine = store.engine
        self.owner = owner or new_owner()
        self.lease = lease

    def _insert_ignore(self, conn, table, rows: list[dict]) -> int:  # noqa: ANN001
        if not rows:
            return 0
        d = sqlite_dialect if conn.dialect.name == "sqlite" else pg_dialect
        n = 0
        # RETURNING says exactly which rows were new (psycopg reports no row count for an
        # INSERT ... ON CONFLICT DO NOTHING).
        key = list(table.primary_key.columns)[0]
        for i in range(0, len(rows), 200):
            stmt = d.insert(table).values(rows[i:i + 200]).on_conflict_do_nothing().returning(key)
            n += len(conn.execute(stmt).fetchall())
        return n

    # -- sources -------------------------------------------------------------------------
    def add_sources(self, specs: Iterable[SourceSpec], default_interval: float, now: float,
                    parent_id: Optional[str] = None) -> list[str]:
        """Register sources (idempotent); a changed interval is updated. Returns their ids."""
        rows = []
        for spec in specs:
            canon = canonical_url(spec.url)
            rows.append({"id": url_key(canon), "url": canon, "parent_id": parent_id,
                         "interval": float(spec.interval or default_interval), "added_at": now, "next_due": now,
                         "failures": 0, "items_seen": 0, "items_new": 0, "polls": 0})

        def run() -> None:
            with self.engine.begin() as conn:
                self._insert_ignore(conn, watch_sources, rows)
                for r in rows:
                    conn.execute(update(watch_sources).where(watch_sources.c.id == r["id"],
                                                             watch_sources.c.interval != r["interval"])
                                 .values(interval=r["interval"]))

        retry_locked(run)
        return [r["id"] for r in rows]

    def due_sources(self, now: float, ids: Optional[list[str]] = None) -> list[dict]:
        s = watch_sources
        conds = [s.c.next_due <= now]
        if ids is not None:
            conds.append(or_(s.c.id.in_(ids), s.c.parent_id.in_(ids)))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(s).where(*conds).order_by(s.c.next_due, s.c.id)).mappings()]

    def next_due(self, ids: Optional[list[str]] = None) -> Optional[float]:
        s = watch_sources
        q = select(func.min(s.c.next_due))
        if ids is not None:
            q = q.where(or_(s.c.id.in_(ids), s.c.parent_id.in_(ids)))
        with self.engine.connect() as conn:
            return conn.execute(q).scalar()

    def claim_source(self, source_id: str, now: float) -> bool:
        s = watch_sources
        stale = or_(s.c.poller.is_(None), s.c.poll_started < now - self.lease, s.c.poller == self.owner,
                    s.c.poller.in_(self._dead_owners(s.c.poller)))

        def run() -> bool:
            with self.engine.begin() as conn:
                return conn.execute(update(s).where(s.c.id == source_id, s.c.next_due <= now, stale)
                                    .values(poller=self.owner, poll_started=now)).rowcount == 1

        return retry_locked(run)

    def finish_poll(self, source_id: str, now: float, **values) -> None:  # noqa: ANN003
        s = watch_sources
        new = values.pop("items_new", 0)

        def run() -> None:
            with self.engine.begin() as conn:
                conn.execute(update(s).where(s.c.id == source_id).values(
                    poller=None, poll_started=None, last_poll=now, polls=s.c.polls + 1, items_new=new,
                    items_seen=s.c.items_seen + new, **values))

        retry_locked(run)

    def source_failures(self, source_id: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(watch_sources.c.failures).where(watch_sources.c.id == source_id)).scalar() or 0)

    def sources(self) -> list[dict]:
        """Every source with its poll state and item counts (``sitrep sources``, the web page)."""
        s, it = watch_sources, watch_items
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(s).order_by(s.c.added_at, s.c.url)).mappings()]
            counts: dict[str, dict] = {}
            for sid, status, n in conn.execute(select(it.c.source_id, it.c.status, func.count())
                                               .group_by(it.c.source_id, it.c.status)):
                counts.setdefault(sid, {})[status] = n
        for r in rows:
            r.pop("poll_started", None)
            r["items"] = dict(sorted(counts.get(r["id"], {}).items()))
        return rows

    # -- items ---------------------------------------------------------------------------
    def note_entries(self, source_id: str, entries: list[Entry], now: float) -> int:
        """Record what a listing named; returns how many URLs are new or changed (to fetch).

        A URL already stored whose listing stamp (updated / lastmod) changed goes back to
        ``new``: the article was updated and is read again (a revision)."""
        rows, seen = [], {}
        for e in entries:
            try:
                canon = canonical_url(e.link)
            except ValueError:
                continue
            key = url_key(canon)
            if key in seen:
                continue
            seen[key] = e
            rows.append({"key": key, "url": canon, "link": e.link, "source_id": source_id, "status": "new",
                         "attempts": 0, "stamp": e.stamp, "published": e.published, "title": e.title,
                         # + a microsecond per place: items are fetched in listing order
                         "first_seen": now + len(rows) * 1e-6, "revisions": 0, "fetches": 0})
        it = watch_items

        def run() -> int:
            with self.engine.begin() as conn:
                n = self._insert_ignore(conn, it, rows)
                for key, e in seen.items():
                    if e.stamp is None:
                        continue
                    n += conn.execute(update(it).where(
                        it.c.key == key, it.c.status == "done", it.c.fetched_stamp.is_not(None),
                        it.c.fetched_stamp != e.stamp).values(status="new", stamp=e.stamp, attempts=0,
                                                               published=e.published or it.c.published)).rowcount
            return n

        return retry_locked(run)

    def _dead_owners(self, column) -> list[str]:  # noqa: ANN001
        with self.engine.connect() as conn:
            owners = [o for o in conn.execute(select(column).where(column.is_not(None)).distinct()).scalars()]
        return [o for o in owners if o != self.owner and not owner_alive(o)]

    def claim_items(self, now: float, limit: int, source_ids: Optional[list[str]] = None) -> list[dict]:
        """Claim up to ``limit`` items to fetch (new, due for a retry, or left by a dead or
        expired owner). Each claim is a conditional UPDATE: only one watcher wins a row."""
        it = watch_items
        dead = self._dead_owners(it.c.owner)
        takeover = or_(it.c.claimed_at < now - self.lease, it.c.owner.in_(dead)) if dead else \
            it.c.claimed_at < now - self.lease
        claimable = or_(it.c.status == "new", and_(it.c.status == "error", it.c.next_try <= now),
                        and_(it.c.status == "claimed", takeover))
        conds = [claimable]
        if source_ids is not None:
            conds.append(it.c.source_id.in_(source_ids))
        with self.engine.connect() as conn:
            cands = list(conn.execute(select(it.c.key).where(*conds).order_by(it.c.first_seen, it.c.key)
                                      .limit(limit * 3)).scalars())
        won = []
        for key in cands:
            if len(won) >= limit:
                break

            def run(key=key) -> bool:  # noqa: ANN001
                with self.engine.begin() as conn:
                    return conn.execute(update(it).where(it.c.key == key, claimable)
                                        .values(status="claimed", owner=self.owner, claimed_at=now)).rowcount == 1

            if retry_locked(run):
                won.append(key)
        if not won:
            return []
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(it).where(it.c.key.in_(won)).order_by(it.c.first_seen, it.c.key)).mappings()]

    def take_over_fetched(self, now: float) -> int:
        """Adopt pages a dead (or expired) watcher fetched but did not store: they are
        ingested from the stored body, never fetched again."""
        it = watch_items
        dead = self._dead_owners(it.c.owner)
        cond = or_(it.c.claimed_at < now - self.lease, it.c.owner.in_(dead)) if dead else it.c.claimed_at < now - self.lease

        def run() -> int:
            with self.engine.begin() as conn:
                return conn.execute(update(it).where(it.c.status == "fetched", it.c.owner != self.owner, cond)
                                    .values(owner=self.owner, claimed_at=now)).rowcount

        return retry_locked(run)

    def _mine(self, key: str, values: dict) -> None:
        it = watch_items

        def run() -> None:
            with self.engine.begin() as conn:
                conn.execute(update(it).where(it.c.key == key, it.c.owner == self.owner).values(**values))

        retry_locked(run)

    def item_fetched(self, key: str, body: Optional[str], fmt: str, content_hash: str, now: float, *,
                     http_status: int, final_url: str, etag: Optional[str], last_modified: Optional[str],
                     error_code: Optional[str] = None, error: Optional[str] = None) -> None:
        """The page is here: commit it (body and all) before ingesting it."""
        it = watch_items
        self._mine(key, {"status": "fetched", "body": body, "body_format": fmt, "pending_hash": content_hash,
                         "fetched_at": now, "http_status": http_status, "final_url": final_url, "etag": etag,
                         "last_modified": last_modified, "error_code": error_code, "error": error,
                         "fetches": it.c.fetches + 1, "fetched_stamp": it.c.stamp})

    def item_unchanged(self, key: str, now: float, http_status: int) -> None:
        """304, or the same bytes as the stored revision: nothing new to read."""
        it = watch_items
        self._mine(key, {"status": "done", "owner": None, "fetched_at": now, "http_status": http_status,
                         "fetched_stamp": it.c.stamp, "fetches": it.c.fetches + 1, "error": None})

    def item_failed(self, key: str, now: float, error: str, code: str, retry_at: Optional[float],
                    http_status: Optional[int], final: str = "failed") -> None:
        """A fetch that did not give a page: ``error`` until ``retry_at``, else final."""
        it = watch_items
        status = "error" if retry_at is not None else final
        self._mine(key, {"status": status, "owner": None, "next_try": retry_at, "error": error, "error_code": code,
                         "http_status": http_status, "attempts": it.c.attempts + 1, "fetched_at": now,
                         "fetches": it.c.fetches + (1 if http_status is not None else 0)})

    def fetched_items(self) -> list[dict]:
        it = watch_items
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(it).where(it.c.status == "fetched", it.c.owner == self.owner)
                                                   .order_by(it.c.fetched_at, it.c.key)).mappings()]

    def inputs_stored(self, keys: list[str]) -> dict[str, tuple[Optional[str], Optional[str]]]:
        """input key -> (article id, error key) for the inputs the store has."""
        out = {}
        with self.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                rows = conn.execute(select(S.inputs.c.key, S.inputs.c.article_id, S.inputs.c.error_key)
                                    .where(S.inputs.c.key.in_(keys[i:i + 500])))
                out.update({k: (a, e) for k, a, e in rows})
        return out

    def item_stored(self, row: dict, article_id: Optional[str], now: float) -> bool:
        """The fetched page is in the store: record the revision, drop the body, mark done.
        Returns True when this content is a new revision of the URL."""
        it = watch_items
        rev = {"item_key": row["key"], "content_hash": row["pending_hash"], "n": (row["revisions"] or 0) + 1,
               "url": row["url"], "article_id": article_id, "error_code": row.get("error_code"), "fetched_at": now}

        def run() -> bool:
            with self.engine.begin() as conn:
                added = self._insert_ignore(conn, watch_revisions, [rev]) == 1
                conn.execute(update(it).where(it.c.key == row["key"], it.c.owner == self.owner).values(
                    status="done", owner=None, body=None, article_id=article_id or it.c.article_id,
                    content_hash=row["pending_hash"], pending_hash=None,
                    revisions=it.c.revisions + (1 if added else 0)))
            return added

        return retry_locked(run)

    def release(self) -> int:
        """On a clean stop: give back claimed (not yet fetched) items at once."""
        it = watch_items

        def run() -> int:
            with self.engine.begin() as conn:
                n = conn.execute(update(it).where(it.c.owner == self.owner, it.c.status == "claimed")
                                 .values(status="new", owner=None, claimed_at=None)).rowcount
                conn.execute(update(watch_sources).where(watch_sources.c.poller == self.owner)
                             .values(poller=None, poll_started=None))
            return n

        return retry_locked(run)

    def items(self, source_id: Optional[str] = None, status: Optional[str] = None, limit: int = 1000) -> list[dict]:
        it = watch_items
        conds = []
        if source_id:
            conds.append(it.c.source_id == source_id)
        if status:
            conds.append(it.c.status == status)
        cols = [c for c in it.c if c.name != "body"]
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(*cols).where(*conds).order_by(it.c.first_seen, it.c.key)
                                                   .limit(limit)).mappings()]

    def revisions(self, item_key: str) -> list[dict]:
        r = watch_revisions
        with self.engine.connect() as conn:
            return [dict(x) for x in conn.execute(select(r).where(r.c.item_key == item_key).order_by(r.c.n)).mappings()]

    # -- alerts --------------------------------------------------------------------------
    def add_alert(self, alert: dict, webhook: bool, now: float) -> bool:
        """Insert an alert unless (rule, window) already fired. True when this call added it."""
        a = watch_alerts

        def run() -> bool:
            with self.engine.begin() as conn:
                seq = (conn.execute(select(func.max(a.c.seq))).scalar() or 0) + 1
                row = {"id": alert["id"], "rule": alert["rule"], "kind": alert["kind"], "window": alert["window"],
                       "value": alert.get("value"), "threshold": alert.get("threshold"), "message": alert["message"],
                       "event_ids": json.dumps(alert.get("event_ids") or []),
                       "quote_ids": json.dumps(alert.get("quote_ids") or []), "created_at": now, "seq": seq,
                       "webhook_status": "pending" if webhook else "none", "webhook_attempts": 0,
                       "webhook_next_try": now}
                return self._insert_ignore(conn, a, [row]) == 1

        return retry_locked(run)

    def alerts(self, limit: int = 100, offset: int = 0, rule: Optional[str] = None) -> list[dict]:
        a = watch_alerts
        q = select(a).order_by(a.c.seq.desc()).limit(limit).offset(offset)
        if rule:
            q = q.where(a.c.rule == rule)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
        for r in rows:
            r["event_ids"] = json.loads(r["event_ids"])
            r["quote_ids"] = json.loads(r["quote_ids"])
        return rows

    def count_alerts(self, rule: Optional[str] = None) -> int:
        q = select(func.count()).select_from(watch_alerts)
        if rule:
            q = q.where(watch_alerts.c.rule == rule)
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar() or 0)

    def claim_webhook(self, alert_id: str, now: float, lease: float = 120.0) -> bool:
        a = watch_alerts
        due = or_(and_(a.c.webhook_status == "pending", a.c.webhook_next_try <= now),
                  and_(a.c.webhook_status == "sending", a.c.webhook_next_try <= now))

        def run() -> bool:
            with self.engine.begin() as conn:
                return conn.execute(update(a).where(a.c.id == alert_id, due).values(
                    webhook_status="sending", webhook_next_try=now + lease)).rowcount == 1

        return retry_locked(run)

    def pending_webhooks(self, now: float) -> list[dict]:
        a = watch_alerts
        with self.engine.connect() as conn:
            ids = list(conn.execute(select(a.c.id).where(a.c.webhook_status.in_(["pending", "sending"]),
                                                         a.c.webhook_next_try <= now).order_by(a.c.seq)).scalars())
        return [r for r in self.alerts(limit=100000) if r["id"] in set(ids)][::-1]

    def webhook_result(self, alert_id: str, ok: bool, attempts: int, error: Optional[str],
                       next_try: Optional[float]) -> None:
        a = watch_alerts
        status = "sent" if ok else ("pending" if next_try is not None else "failed")

        def run() -> None:
            with self.engine.begin() as conn:
                conn.execute(update(a).where(a.c.id == alert_id).values(
                    webhook_status=status, webhook_attempts=a.c.webhook_attempts + attempts,
                    webhook_error=None if ok else error, webhook_next_try=next_try))

        retry_locked(run)
