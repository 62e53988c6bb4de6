"""Ingest: files, folders, globs, WARC, jsonl or stdin -> records -> a store.

    from sitrep.ingest import ingest
    summary = ingest(["news/"], db="corpus.db", workers=2)

The parent process reads inputs, keys each document by a hash of (source, content)
*before* NLP, skips keys the store already has, sends batches to worker processes (each
loads the model once, ``spawn`` start method) that run the shared pure function
``pipeline.annotate_batch`` (through ``pipeline.annotate_batch_safely``, as the Dask
runner does), and writes each finished batch in ONE transaction. So:

* rerunning the same ingest adds nothing (every key is already stored);
* after a crash or ``kill -9`` the committed batches are skipped and the rest is done: no
  loss, no duplicate;
* a document that cannot be read or processed becomes an error row and the run goes on;
  the row records the attempt (content hash, sitrep version, options), and a rerun skips
  the same attempt as a known error (``retry_errors=True`` redoes it);
* a stored article given another publication date is done again and replaced.

Memory stays flat: at most ``2 * workers`` batches are in flight, inputs are read lazily.
"""

from __future__ import annotations

import json
import time
import zlib
from collections import Counter, deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from .dates import day_problem
from .errors import ConfigError, Errors, InputError
from .reader import MAX_BYTES, InputDoc, format_for_path, gzip_reason, iter_documents, iter_paths, open_lines
from .store import Store, error_key, input_key, open_store
from .tally import Tally

BATCH_SIZE = 32


@dataclass
class Item:
    """One input document on its way to the store."""

    key: str
    payload: Optional[dict] = None  # annotate_batch input ({"content", "source", ...})
    result: Optional[dict] = None  # a finished Article or ErrorRecord dict (no NLP needed)
    attempt: Optional[dict] = None  # what an error row records of this attempt (see attempt_of)


class Summary(Tally):
    """What one ingest run did (``ingest`` returns its ``as_dict()``)."""

    # skipped: inputs not done again, the already stored ones and the known errors (an input
    # whose error came from the same content, sitrep version and options; --retry-errors
    # redoes them); replaced: stored articles done again for a new publication date.
    COUNTS = ("documents", "articles", "duplicates", "near_duplicates", "errors", "skipped", "known_errors",
              "replaced", "quotes", "events")

    def __init__(self) -> None:
        super().__init__()
        self.error_codes: Counter = Counter()

    def as_dict(self) -> dict:
        d = super().as_dict()
        d["docs_per_s"] = round(self.documents / self.seconds, 2) if self.seconds else None
        d["error_codes"] = dict(sorted(self.error_codes.items()))
        return d


# -- reading ------------------------------------------------------------------------------
def _is_record(obj: object) -> bool:
    """A line ``sitrep extract``/``export --format jsonl`` wrote: re-import it as is."""
    return isinstance(obj, dict) and "schema_version" in obj and "text" in obj and "entities" in obj and "id" in obj


def _record_file(path: Path) -> bool:
    try:
        with open_lines(path) as fh:
            for raw in fh:
                if raw.strip():
                    try:
                        return _is_record(json.loads(raw))
                    except ValueError:
                        return False
    except (OSError, EOFError, zlib.error):
        return False
    return False


def _iter_records(path: Path) -> Iterator[Item]:
    with open_lines(path) as fh:
        try:
            yield from _record_lines(path, fh)
        except (OSError, EOFError, zlib.error) as exc:  # a cut .jsonl.gz: the records before the cut stand
            err = InputError(Errors.E010, str(path), reason=gzip_reason(path, exc))
            yield Item(key=error_key(err.doc, None, err.code, err.reason),
                       result={"error": str(err), "code": err.code, "source": err.doc, "input_id": None})


def _record_lines(path: Path, fh) -> Iterator[Item]:  # noqa: ANN001
    from pydantic import ValidationError

    from .record import Article

    for lineno, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        name = f"{path}:{lineno}"
        try:
            rec = Article.model_validate_json(raw).model_dump(mode="json")
            yield Item(key=input_key("record", rec["id"]), result=rec)
        except ValidationError as exc:
            err = Errors.E008(name, reason=f"not a valid record ({exc.errors()[0]['msg']})")
            yield Item(key=input_key(name, raw.decode("utf-8", "replace")),
                       result={"error": str(err), "code": err.code, "source": name, "input_id": None})


def iter_items(paths: Iterable[str], input_format: str = "auto", max_bytes: int = MAX_BYTES, stdin=None) -> Iterator[Item]:
    """Every input document, keyed, in a stable order (files sorted within folders)."""
    for raw in paths:
        sources = ["-"] if raw == "-" else [str(p) for p in iter_paths([raw])]
        for src in sources:
            fmt = input_format
            if src != "-" and fmt in ("auto", "jsonl") and format_for_path(Path(src)) == "jsonl" and _record_file(Path(src)):
                yield from _iter_records(Path(src))
                continue
            yield from items_for_documents(iter_documents(src, fmt, max_bytes=max_bytes, stdin=stdin))


def item_for_document(d: "InputDoc | InputError") -> Item:
    """One read document (or the InputError that explains why it cannot be read), keyed."""
    if isinstance(d, InputError):
        iid = getattr(d, "input_id", None)
        key = error_key(d.doc, iid, d.code, d.reason)
        return Item(key=key, result={"error": str(d), "code": d.code, "source": d.doc, "input_id": iid})
    payload = {"content": d.content, "source": d.source, "format": d.format, "id": d.input_id,
               "published": d.published, "url": d.url}
    return Item(key=input_key(d.source, d.content, d.input_id), payload=payload)


def items_for_documents(docs: Iterable["InputDoc | InputError"]) -> Iterator[Item]:
    for d in docs:
        yield item_for_document(d)


def count_documents(paths: Iterable[str]) -> Optional[int]:
    """How many documents the inputs hold (for the progress bar), or None if unknown."""
    n = 0
    for raw in paths:
        if raw == "-":
            return None
        for p in iter_paths([raw]):
            fmt = format_for_path(p)
            if fmt == "warc":
                return None
            if fmt == "jsonl":
                try:
                    with open_lines(p) as fh:
                        n += sum(1 for line in fh if line.strip())
                except (OSError, EOFError, zlib.error):
                    n += 1
            else:
                n += 1
    return n


def check_options(published: Optional[str] = None, workers: int = 1, batch_size: int = BATCH_SIZE,
                  limit: Optional[int] = None) -> None:
    """Refuse bad options before anything is read or written (ConfigError E302): a bad
    ``published`` would otherwise become one error row per document."""
    if published is not None:
        problem = day_problem(published)
        if problem:
            raise ConfigError(Errors.E302, reason=f"published must be a real day YYYY-MM-DD: {problem}")
    for name, value, low in (("workers", workers, 1), ("batch_size", batch_size, 1), ("limit", limit, 0)):
        if value is not None and (not isinstance(value, int) or value < low):
            raise ConfigError(Errors.E302, reason=f"{name} must be an integer >= {low}, got {value!r}")


# -- processing ---------------------------------------------------------------------------
def _worker_init(parent: Optional[int] = None) -> None:
    # Die with the parent (a kill -9 of ingest must not leave workers blocked on a pipe),
    # then load the model once per worker process, before the first batch arrives.
    if parent is not None:
        from .procs import die_with_parent

        die_with_parent(parent)
    from .pipeline import get_pipeline

    get_pipeline()


def _batches(items: Iterator[Item], size: int, limit: Optional[int]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for n, it in enumerate(items):
        if limit is not None and n >= limit:
            break
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _finish(batch: list[Item], annotated: list[dict]) -> tuple[list[dict], list[str], list[Optional[dict]]]:
    results, keys, attempts = [], [], []
    done = iter(annotated)
    for it in batch:
        results.append(it.result if it.result is not None else next(done))
        keys.append(it.key)
        attempts.append(it.attempt)
    return results, keys, attempts


def given_date(payload: Optional[dict], published: Optional[str]) -> Optional[str]:
    """The publication date a run gives a document (its jsonl field, else --published), as
    the pipeline reads it; None when the run leaves it to the page."""
    value = ((payload or {}).get("published") or published or "").strip()[:10]
    return value or None


def attempt_of(payload: dict, as_body: bool, published: Optional[str]) -> dict:
    """What decides an attempt's outcome: the content, this sitrep, and the options."""
    import hashlib

    from . import __version__

    content = payload.get("content") or ""
    options = json.dumps([bool(as_body), given_date(payload, published), payload.get("format", "auto")])
    return {"content_sha256": hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest(),
            "sitrep_version": __version__, "options": hashlib.sha256(options.encode("utf-8")).hexdigest()}


def ingest(
    paths: Iterable[str],
    db: str | Store = "sitrep.db",
    workers: int = 1,
    limit: Optional[int] = None,
    published: Optional[str] = None,
    as_body: bool = False,
    input_format: str = "auto",
    batch_size: int = BATCH_SIZE,
    max_bytes: int = MAX_BYTES,
    on_batch: Optional[Callable[[int, dict], None]] = None,
    stdin=None,
    retry_errors: bool = False,
) -> dict:
    """Ingest documents into the store at ``db``; returns the run summary.

    ``on_batch(n_documents, counts)`` is called after each committed batch (progress bars).
    """
    items = iter_items(list(paths), input_format, max_bytes=max_bytes, stdin=stdin)
    return ingest_items(items, db=db, workers=workers, limit=limit, published=published, as_body=as_body,
                        batch_size=batch_size, on_batch=on_batch, retry_errors=retry_errors)


def ingest_documents(docs: Iterable["InputDoc | InputError"], db: str | Store = "sitrep.db", **options) -> dict:
    """Ingest documents already in memory (``InputDoc``, or ``InputError`` for one that could
    not be read) through the same path as files: keys, dedup, clustering, error rows.
    Options as :func:`ingest` (``workers``, ``published``, ``as_body``, ``batch_size``, ...)."""
    return ingest_items(items_for_documents(docs), db=db, **options)


def ingest_items(
    items: Iterable[Item],
    db: str | Store = "sitrep.db",
    workers: int = 1,
    limit: Optional[int] = None,
    published: Optional[str] = None,
    as_body: bool = False,
    batch_size: int = BATCH_SIZE,
    on_batch: Optional[Callable[[int, dict], None]] = None,
    retry_errors: bool = False,
) -> dict:
    """The ingest loop over keyed items (what :func:`ingest` and :func:`ingest_documents` share).

    An input whose stored error came from the same content, sitrep version and options is
    skipped as a known error unless ``retry_errors``; a stored article is done again (and
    replaced) when the run gives it another publication date."""
    check_options(published=published, workers=workers, batch_size=batch_size, limit=limit)
    # A missing package is one E306 here, in the parent, before the store is touched (not
    # an E101 row per document, nor a worker that dies on start).
    from .deps import check as check_deps

    check_deps()
    store = db if isinstance(db, Store) else open_store(db)
    summary = Summary()
    t0 = time.perf_counter()
    items = iter(items)

    redo: set[str] = set()  # stored inputs done again for a new publication date

    def write(batch: list[Item], annotated: list[dict]) -> None:
        results, keys, attempts = _finish(batch, annotated)
        counts = store.write_results(results, keys, attempts, replace=redo.intersection(keys))
        redo.difference_update(keys)
        summary.add(counts)
        summary.documents += len(batch)
        for r in results:
            if "error" in r:
                summary.error_codes[r.get("code") or "E000"] += 1
        if on_batch:
            on_batch(len(batch), counts)

    def pending_work(batch: list[Item]) -> list[Item]:
        # Skip what a previous (possibly killed) run committed: no NLP for it. A stored
        # article is done again when this run gives it another publication date (its times
        # and events depend on it); a stored error when anything that decides it changed.
        seen = store.seen_inputs([it.key for it in batch])
        for it in batch:
            if it.payload is not None:
                it.attempt = attempt_of(it.payload, as_body, published)
        dated = {it.key: given_date(it.payload, published) for it in batch if it.key in seen and it.payload}
        stored = store.stored_published([k for k, d in dated.items() if d]) if any(dated.values()) else {}
        known = set() if retry_errors else store.known_errors(
            {it.key: it.attempt for it in batch if it.attempt and it.key not in seen})
        fresh, keys = [], set()
        for it in batch:
            if it.key in seen and dated.get(it.key) and it.key in stored and stored[it.key] != dated[it.key] \
                    and it.key not in keys:
                redo.add(it.key)
            elif it.key in seen or it.key in known or it.key in keys:
                summary.skipped += 1
                summary.known_errors += it.key in known and it.key not in keys
                summary.documents += 1
                if on_batch:
                    on_batch(1, {"skipped": 1})
                continue
            keys.add(it.key)
            fresh.append(it)
        return fresh

    try:
        if workers <= 1:
            from .pipeline import annotate_batch_safely  # lazy: spaCy loads only when there is work

            for batch in _batches(items, batch_size, limit):
                batch = pending_work(batch)
                if batch:
                    todo = [it.payload for it in batch if it.result is None]
                    write(batch, annotate_batch_safely(todo, as_body=as_body, published=published))
        else:
            _run_pool(items, workers, batch_size, limit, as_body, published, pending_work, write)
    finally:
        summary.seconds = time.perf_counter() - t0
        if not isinstance(db, Store):
            store.close()
    return summary.as_dict()


def _run_pool(items, workers, batch_size, limit, as_body, published, pending_work, write) -> None:  # noqa: ANN001
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from .pipeline import annotate_batch_safely

    # spawn: a clean interpreter per worker (no forked SQLite handles or threads), the
    # model loaded once in each by the initializer.
    ctx = mp.get_context("spawn")
    inflight: deque = deque()
    import os

    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                             initargs=(os.getpid(),)) as pool:
        for batch in _batches(items, batch_size, limit):
            batch = pending_work(batch)
            if not batch:
                continue
            todo = [it.payload for it in batch if it.result is None]
            fut = pool.submit(annotate_batch_safely, todo, as_body=as_body, published=published) if todo else None
            inflight.append((batch, fut))
            # Bounded read-ahead keeps the parent's memory flat; writing in submission
            # order keeps the database identical to a 1-worker run.
            while len(inflight) >= 2 * workers:
                b, f = inflight.popleft()
                write(b, f.result() if f else [])
        while inflight:
            b, f = inflight.popleft()
            write(b, f.result() if f else [])
