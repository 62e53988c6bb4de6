"""The watch loop: poll due sources, fetch what is new, ingest it, check the rules, deliver.

    from sitrep.watch import Watcher, parse_sources
    w = Watcher("corpus.db", parse_sources(["https://example.org/rss.xml"]), rules=[], webhook=None)
    w.run_round()           # one round (``sitrep watch --once``)
    w.run()                 # until w.stop is set (SIGTERM / SIGINT in the CLI)

One round: every source whose ``next_due`` has come is claimed and polled (conditional GET;
a sitemap index registers its sitemaps as sources); the URLs it lists are recorded; new and
changed ones are claimed, fetched and committed, then ingested through
``sitrep.ingest.ingest_documents`` (the path files take: keys, dedup, wire-copy clusters,
error rows) and marked done; the rules are checked on the windows the new articles touch;
new alerts go to ``on_alert`` (stdout in the CLI) and to the webhook.
"""

from __future__ import annotations

import hashlib
import threading
import time
from typing import Callable, Optional

from ..errors import Errors, InputError
from ..reader import MAX_BYTES, InputDoc, decode, gunzip, looks_like_html
from ..store import Store, open_store
from ..tally import Tally
from .deliver import MAX_ATTEMPTS, TRIES_PER_POLL, next_try, post_alert
from .fetch import Fetcher
from .listings import parse_listing
from .rules import Rule, check_rules
from .state import SourceSpec, WatchState, retry_locked
from .urls import fetch_url, host_of

DEFAULT_INTERVAL = 900.0
MAX_BACKOFF = 24 * 3600.0
ITEM_RETRY = 60.0  # first wait before an article that failed is tried again (doubles)
ITEM_ATTEMPTS = 5
RETRYABLE = {408, 425, 429, 500, 502, 503, 504}
# A listing may be this large once unpacked (the sitemaps.org limit: 50 MiB uncompressed);
# an article is held to the reader's limit (MAX_BYTES).
MAX_LISTING_BYTES = 50 * 1024 * 1024


class RoundReport(Tally):
    """What one round did (``run_round`` returns it; ``as_dict()`` is its JSON line)."""

    COUNTS = ("polled", "not_modified", "source_errors", "new_items", "fetched", "unchanged", "item_errors",
              "articles", "revisions", "alerts", "webhooks_sent")
    SECONDS_DIGITS = 3

    def __init__(self) -> None:
        super().__init__()
        self.new_article_ids: list[str] = []


class Watcher:
    def __init__(self, db: str | Store, sources: list[SourceSpec], rules: Optional[list[Rule]] = None,
                 webhook: Optional[str] = None, interval: float = DEFAULT_INTERVAL, *,
                 fetcher: Optional[Fetcher] = None, timeout: float = 20.0, min_delay: float = 1.0,
                 batch_size: int = 16, clock: Callable[[], float] = time.time,
                 item_retry: float = ITEM_RETRY, webhook_backoff: float = 0.5, lease: Optional[float] = None,
                 on_alert: Optional[Callable[[dict], None]] = None,
                 on_source: Optional[Callable[[dict], None]] = None,
                 on_progress: Optional[Callable[["RoundReport"], None]] = None, owner: Optional[str] = None,
                 max_listing_bytes: int = MAX_LISTING_BYTES, max_bytes: int = MAX_BYTES) -> None:
        self.store = db if isinstance(db, Store) else open_store(db)
        self._own_store = not isinstance(db, Store)
        self.stop = threading.Event()
        self.fetcher = fetcher or Fetcher(timeout=timeout, min_delay=min_delay, stop=self.stop, max_bytes=max_bytes)
        self.fetcher.stop = self.stop
        kw = {"lease": lease} if lease is not None else {}
        self.state = WatchState(self.store, owner=owner, **kw)
        self.rules = rules or []
        self.webhook = webhook
        self.interval = interval
        self.batch_size = batch_size
        self.clock = clock
        self.item_retry = item_retry
        self.webhook_backoff = webhook_backoff
        self.on_alert = on_alert
        self.on_source = on_source
        self.on_progress = on_progress
        self.max_listing_bytes = max_listing_bytes
        self.max_bytes = max_bytes
        self.source_ids = self.state.add_sources(sources, interval, clock())
        self._hook_client = None

    def close(self) -> None:
        self.fetcher.close()
        if self._hook_client is not None:
            self._hook_client.close()
        if self._own_store:
            self.store.close()

    # -- the loop --------------------------------------------------------------------------
    def run(self, once: bool = False, on_round: Optional[Callable[[RoundReport], None]] = None) -> None:
        """Rounds until ``stop`` is set (or one round with ``once``); on stop, claimed but
        unfetched items are released for another watcher."""
        try:
            while not self.stop.is_set():
                report = self.run_round()
                if on_round:
                    on_round(report)
                if once:
                    break
                due = self.state.next_due(self.source_ids)
                wait = max(1.0, (due or self.clock() + self.interval) - self.clock())
                self.stop.wait(min(wait, 60.0))
        finally:
            self.state.release()

    def run_round(self) -> RoundReport:
        t0 = time.perf_counter()
        rep = RoundReport()
        self.state.take_over_fetched(self.clock())
        self._ingest_fetched(rep)  # pages a killed watcher had fetched: store, never refetch
        tried: set[str] = set()
        while not self.stop.is_set():  # again after a sitemap index named new sitemaps
            due = [s for s in self.state.due_sources(self.clock(), self.source_ids) if s["id"] not in tried]
            if not due:
                break
            for src in due:
                if self.stop.is_set():
                    break
                tried.add(src["id"])
                if self.state.claim_source(src["id"], self.clock()):
                    self._poll(src, rep)
        while not self.stop.is_set():
            rows = self.state.claim_items(self.clock(), self.batch_size, self._all_source_ids())
            if not rows:
                break
            for row in rows:
                if self.stop.is_set():
                    break
                self._fetch_item(row, rep)
            self._ingest_fetched(rep)
        self._ingest_fetched(rep)
        self._alerts(rep)
        self._deliver(rep)
        rep.seconds = time.perf_counter() - t0
        return rep

    def _all_source_ids(self) -> list[str]:
        return [s["id"] for s in self.state.due_sources(float("inf"), self.source_ids)]

    # -- sources -----------------------------------------------------------------------------
    def _poll(self, src: dict, rep: RoundReport) -> None:
        now = self.clock()
        resp = self.fetcher.get(src["url"], etag=src.get("etag"), last_modified=src.get("last_modified"),
                                max_bytes=self.max_listing_bytes)
        rep.polled += 1
        values: dict = {"last_status": resp.status}
        new = 0
        if resp.ok:
            try:  # a sitemap.xml.gz (served as application/x-gzip, or as anything): unpacked, capped
                resp.body = gunzip(resp.body, src["url"], self.max_listing_bytes)
            except InputError as exc:
                resp.problem, resp.error = exc, str(exc)
        if resp.problem is not None:  # too large (a compression bomb) or broken compression
            values.update(self._failure(src, now, str(resp.problem), None))
            rep.source_errors += 1
            self._error_row({"url": src["url"]}, resp.problem)
        elif resp.not_modified:
            rep.not_modified += 1
            values.update(failures=0, last_error=None, next_due=now + src["interval"])
        elif resp.ok:
            listing = parse_listing(resp.body, resp.final_url, resp.headers.get("content-type", ""))
            if listing.error:
                values.update(self._failure(src, now, listing.error, None), kind=listing.kind)
                rep.source_errors += 1
            else:
                if listing.children:
                    self.state.add_sources([SourceSpec(c.link, src["interval"]) for c in listing.children],
                                           src["interval"], now, parent_id=src["id"])
                new = self.state.note_entries(src["id"], listing.entries, now)
                rep.new_items += new
                values.update(failures=0, last_error=None, next_due=now + src["interval"], kind=listing.kind,
                              etag=resp.etag, last_modified=resp.last_modified)
        else:
            values.update(self._failure(src, now, resp.error or f"HTTP {resp.status}", resp.retry_after))
            rep.source_errors += 1
        self.state.finish_poll(src["id"], now, items_new=new, **values)
        if self.on_source:
            self.on_source({**src, **values, "items_new": new, "last_poll": now})
        if self.on_progress:
            self.on_progress(rep)

    def _failure(self, src: dict, now: float, error: str, retry_after: Optional[float]) -> dict:
        failures = self.state.source_failures(src["id"]) + 1
        delay = min(src["interval"] * 2 ** (failures - 1), MAX_BACKOFF)
        delay = max(delay, retry_after or 0.0)
        return {"failures": failures, "last_error": error[:500], "next_due": now + delay}

    # -- items -------------------------------------------------------------------------------
    def _fetch_item(self, row: dict, rep: RoundReport) -> None:
        now = self.clock()
        revisit = row.get("content_hash") is not None
        resp = self.fetcher.get(fetch_url(row.get("link") or row["url"]), etag=row.get("etag") if revisit else None,
                                last_modified=row.get("last_modified") if revisit else None)
        if resp.blocked:
            rep.item_errors += 1
            self.state.item_failed(row["key"], now, resp.error, Errors.E012, None, None, final="blocked")
            self._error_row(row, InputError(Errors.E012, row["url"]))
            return
        if resp.not_modified and revisit:
            rep.unchanged += 1
            self.state.item_unchanged(row["key"], now, 304)
            return
        if resp.ok:
            try:  # a page saved as .gz: unpacked, capped
                resp.body = gunzip(resp.body, row["url"], self.max_bytes)
            except InputError as exc:
                resp.problem, resp.error = exc, exc.reason
        if resp.problem is not None:  # too large, a compression bomb, broken compression: final
            rep.item_errors += 1
            self.state.item_failed(row["key"], now, resp.error, resp.problem.code, None, resp.status)
            err = resp.problem
            if err.doc != row["url"]:  # the error row names the item by its canonical URL
                err = InputError.from_message(err.code, f"{row['url']}: {err.code}: {err.reason}", row["url"])
            self._error_row(row, err)
            return
        if not resp.ok:
            rep.item_errors += 1
            attempts = (row.get("attempts") or 0) + 1
            retryable = resp.status is None or resp.status in RETRYABLE
            if retryable and attempts < ITEM_ATTEMPTS:
                wait = max(self.item_retry * 2 ** (attempts - 1), resp.retry_after or 0.0)
                self.state.item_failed(row["key"], now, resp.error, Errors.E011, now + wait, resp.status)
            else:
                self.state.item_failed(row["key"], now, resp.error, Errors.E011, None, resp.status)
                self._error_row(row, InputError(Errors.E011, row["url"], reason=resp.error))
            return
        digest = hashlib.sha256(resp.body).hexdigest()
        if digest == row.get("content_hash"):
            rep.unchanged += 1
            self.state.item_unchanged(row["key"], now, 200)
            return
        rep.fetched += 1
        ctype = resp.headers.get("content-type", "")
        try:
            text = decode(resp.body, row["url"])
            fmt = "html" if "html" in ctype or looks_like_html(text) else "auto"
            self.state.item_fetched(row["key"], text, fmt, digest, now, http_status=resp.status,
                                    final_url=resp.final_url, etag=resp.etag, last_modified=resp.last_modified)
        except InputError as exc:
            self.state.item_fetched(row["key"], None, "auto", digest, now, http_status=resp.status,
                                    final_url=resp.final_url, etag=resp.etag, last_modified=resp.last_modified,
                                    error_code=exc.code, error=str(exc))

    def _error_row(self, row: dict, err: InputError) -> None:
        from ..ingest import ingest_documents

        retry_locked(ingest_documents, [err], db=self.store)

    def _ingest_fetched(self, rep: RoundReport) -> None:
        from ..ingest import item_for_document, ingest_documents

        rows = self.state.fetched_items()
        if not rows:
            return
        docs = []
        for r in rows:
            if r["body"] is None:  # the page could not be read as text: its reader error
                err = InputError(r.get("error_code") or Errors.E003, r["url"])
                if r.get("error"):
                    err.args = (r["error"],)
                docs.append(err)
            else:
                docs.append(InputDoc(content=r["body"], source=r["url"], format=r["body_format"] or "auto",
                                     published=r.get("published"), url=r.get("final_url") or r["url"]))
        retry_locked(ingest_documents, docs, db=self.store, batch_size=self.batch_size)
        stored = self.state.inputs_stored([item_for_document(d).key for d in docs])
        now = self.clock()
        for r, d in zip(rows, docs):
            article_id = stored.get(item_for_document(d).key, (None, None))[0]
            if self.state.item_stored(r, article_id, now) and article_id:
                rep.revisions += 1 if (r.get("revisions") or 0) > 0 else 0
                rep.articles += 1
                rep.new_article_ids.append(article_id)
        if self.on_progress:
            self.on_progress(rep)

    # -- alerts --------------------------------------------------------------------------------
    def _alerts(self, rep: RoundReport) -> None:
        if not self.rules or not rep.new_article_ids:
            return
        for alert in check_rules(self.store, self.rules, sorted(set(rep.new_article_ids))):
            if self.state.add_alert(alert, bool(self.webhook), self.clock()):
                rep.alerts += 1
                if self.on_alert:
                    self.on_alert(alert)

    def _deliver(self, rep: RoundReport) -> None:
        if not self.webhook:
            return
        import httpx

        if self._hook_client is None:
            self._hook_client = httpx.Client(timeout=self.fetcher.timeout)
        for alert in self.state.pending_webhooks(self.clock()):
            if self.stop.is_set() or not self.state.claim_webhook(alert["id"], self.clock()):
                continue
            prior = alert.get("webhook_attempts") or 0
            sent = post_alert(self._hook_client, self.webhook, alert, tries=max(1, min(TRIES_PER_POLL, MAX_ATTEMPTS - prior)),
                              backoff=self.webhook_backoff, stop=self.stop)
            later = next_try(self.clock(), prior + sent.attempts, sent)
            self.state.webhook_result(alert["id"], sent.delivered, sent.attempts, sent.error, later)
            rep.webhooks_sent += 1 if sent.delivered else 0


def host_summary(sources: list[dict]) -> dict[str, int]:
    """Sources per host (the status table groups by host)."""
    out: dict[str, int] = {}
    for s in sources:
        out[host_of(s["url"])] = out.get(host_of(s["url"]), 0) + 1
    return out
