"""The client side: plan partitions, run them on a Dask cluster, optionally load a store.

``ingest_dask`` is what ``sitrep ingest --engine dask`` calls. It connects to a running
scheduler (``tcp://host:8786``) or starts a ``LocalCluster`` of worker *processes* (spaCy
holds the GIL, so threads would not add throughput), ships one small task per partition,
and collects only counts. A partition whose task dies (worker killed, out of memory)
becomes error rows for its documents, never a crashed job or a silently missing file.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..errors import Errors, ConfigError, InputError, describe, stage_failure
from ..reader import MAX_BYTES
from .output import done_summary, iter_output_keyed, write_manifest, write_partition
from .partitions import Partition, iter_partition_documents, plan_partitions
from .task import Annotate, WarmPipeline, error_row, run_options, run_partition


@contextmanager
def connect(scheduler: Optional[str] = None, workers: int = 2, client=None) -> Iterator[object]:
    """A ``distributed.Client``: the one given, one connected to ``scheduler``, or one on
    a fresh ``LocalCluster`` of ``workers`` single-threaded processes (closed on exit)."""
    if client is not None:
        yield client
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is installed with sitrep[dask]
        raise ConfigError(Errors.E302, reason="--engine dask needs the dask[distributed] package") from exc
    if scheduler:
        with Client(scheduler) as c:
            yield c
        return
    if workers < 1:
        raise ConfigError(Errors.E302, reason=f"workers must be >= 1, got {workers}")
    import dask

    # The worker's statistical profiler samples every thread's stack 100 times a second,
    # taking the GIL each time; with one CPU-bound thread per worker it only costs time.
    # (Nannies hand the current config to the worker processes they start.)
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        # Dashboard on a free port: several clusters (users, tests) may share one machine.
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    with cluster, Client(cluster) as c:
        yield c


# ConfigErrors that mean the worker's environment lacks something (the spaCy model, a package).
WORKER_SETUP = frozenset({Errors.E301, Errors.E306})


def _count_workers(client) -> int:
    try:
        return len(client.scheduler_info(n_workers=-1)["workers"])
    except TypeError:  # older distributed: no n_workers argument, lists them all
        return len(client.scheduler_info()["workers"])


def _lost_partition(part: Partition, out_dir: str, exc: BaseException, max_bytes: int) -> dict:
    """Error rows for every document of a partition whose task did not come back."""
    reason = describe(exc)
    rows: list[dict] = []
    try:
        for doc in iter_partition_documents(part, max_bytes=max_bytes):
            if isinstance(doc, InputError):
                rows.append(error_row(doc))
            else:
                err = stage_failure("dask task", exc, doc.source or doc.input_id)
                rows.append(error_row(err, source=doc.source, input_id=doc.input_id))
    except Exception:  # noqa: BLE001 - the client cannot read the input either: one row per file
        rows = [error_row(stage_failure("dask task", exc, p), source=p)
                for p in part.paths]
    files = write_partition(out_dir, part.key, rows)
    return {"partition": part.key, "label": part.label, "documents": len(rows), "articles": 0,
            "errors": len(rows), "files": files, "lost": reason}


def load_store(out_dir: str | Path, db_url: str, batch_rows: int = 500) -> dict:
    """Load an output folder into a store (SQLite or PostgreSQL) idempotently.

    Each batch goes through ``Store.write_results`` (the bulk upsert local ``ingest``
    uses, one transaction per batch) with the input keys the workers recorded: an input
    already stored is skipped and articles upsert on their content hash, so loading the
    same folder twice, or after an interrupted load, adds nothing twice.
    """
    from ..store import open_store

    totals: dict = {}
    store = open_store(db_url)
    try:
        # Input order (from the manifest): the first copy of a duplicated story is the one
        # kept, as in a local ingest of the same paths, so both stores hold the same rows.
        for batch in iter_output_keyed(out_dir, batch_rows):
            counts = store.write_results([row for row, _ in batch], [key for _, key in batch]) or {}
            for k, v in counts.items():
                if isinstance(v, (int, float)):
                    totals[k] = totals.get(k, 0) + v
    finally:
        store.close()
    return totals


def ingest_dask(
    paths: list[str],
    db_url: Optional[str] = None,
    out_dir: Optional[str] = None,
    scheduler: Optional[str] = None,
    workers: int = 2,
    published: Optional[str] = None,
    limit: Optional[int] = None,
    batch_size: int = 16,
    *,
    partition_size: int = 200,
    input_format: str = "auto",
    as_body: bool = False,
    max_bytes: int = MAX_BYTES,
    annotate: Optional[Annotate] = None,
    client=None,
    progress: Optional[Callable[[dict], None]] = None,
    resume: bool = True,
) -> dict:
    """Annotate ``paths`` on a Dask cluster; write Parquet to ``out_dir``; load ``db_url``.

    ``out_dir`` must be a folder every worker can write and the client can read (the same
    path on a shared filesystem for a multi-machine cluster); without it a temporary
    folder is used (removed after loading when ``db_url`` is given). ``annotate`` replaces
    ``sitrep.pipeline.annotate_batch`` (same signature), e.g. for a custom pipeline.
    Returns a JSON-ready summary; ``progress`` is called with each partition's summary.

    With ``resume`` (the default) a partition that an earlier run into the same
    ``out_dir`` finished, with the same options, is not run again: rerunning after a
    crash or a lost worker does only what is missing (lost partitions are retried).
    """
    t0 = time.perf_counter()
    if annotate is None:
        # A missing package is one E306 here, before a cluster starts, as local ingest does.
        from ..deps import check as check_deps

        check_deps()
    if scheduler and not out_dir:
        # A temporary folder on this machine is not where remote workers can write.
        raise ConfigError(Errors.E302, reason="a --scheduler cluster needs --out: a folder every worker can write "
                                         "and this machine can read (a shared filesystem)")
    parts = plan_partitions(list(paths), size=partition_size, input_format=input_format, limit=limit)
    temporary = out_dir is None
    out = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="sitrep-dask-"))
    out = out.absolute()
    out.mkdir(parents=True, exist_ok=True)
    options = dict(annotate=annotate, as_body=as_body, published=published, batch_size=batch_size,
                   max_bytes=max_bytes)
    summaries: dict[str, dict] = {}
    with connect(scheduler, workers, client) as c:
        from distributed import as_completed

        c.register_plugin(WarmPipeline())
        n_workers = _count_workers(c)
        run = uuid.uuid4().hex[:8]
        futures = {}
        done_options = run_options(annotate, as_body, published, max_bytes)
        for part in parts:
            earlier = done_summary(out, part.key, done_options) if resume else None
            if earlier is not None:
                summaries[part.key] = {**earlier, "resumed": True}
                continue
            fut = c.submit(run_partition, part, str(out), key=f"sitrep-{part.key}-{run}", **options)
            futures[fut] = part
        for fut in as_completed(list(futures)):
            part = futures[fut]
            if fut.status == "finished":
                summary = fut.result()
            else:
                try:
                    exc = fut.exception()
                except BaseException as cancelled:  # noqa: BLE001 - a cancelled future raises here
                    exc = cancelled
                if isinstance(exc, ConfigError) and exc.code in WORKER_SETUP:
                    # A worker without the model or a package fails every partition the same
                    # way: stop with that one error; rows for it would block the rerun.
                    c.cancel(list(futures))
                    raise exc
                summary = _lost_partition(part, str(out), exc, max_bytes)
            fut.release()
            summaries[part.key] = summary
            if progress is not None:
                progress(summary)
    seconds = time.perf_counter() - t0
    ordered = [summaries[p.key] for p in parts]
    result = {
        "engine": "dask",
        "scheduler": scheduler or ("client" if client is not None else "LocalCluster"),
        "workers": n_workers,
        "partitions": len(parts),
        "lost_partitions": sum(1 for s in ordered if "lost" in s),
        "resumed_partitions": sum(1 for s in ordered if s.get("resumed")),
        "documents": sum(s["documents"] for s in ordered),
        "articles": sum(s["articles"] for s in ordered),
        "errors": sum(s["errors"] for s in ordered),
        "files": sum(len(s["files"]) for s in ordered),
        "out_dir": None if (temporary and db_url) else str(out),
        "seconds": round(seconds, 3),
        "docs_per_s": round(sum(s["documents"] for s in ordered) / seconds, 2) if seconds > 0 else None,
        "db": None,
    }
    write_manifest(out, result, ordered)
    if db_url:
        result["db"] = load_store(out, db_url)
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    return result
