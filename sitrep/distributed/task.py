"""The worker side: one partition in, Parquet files and a small summary out.

Everything here runs inside a Dask worker process (or in-process for the local
comparison). The model is loaded once per process through ``get_pipeline()`` (the
:class:`WarmPipeline` plugin loads it when the worker starts, so the first task does not
pay for it), and the NLP itself is ``sitrep.pipeline.annotate_batch``, called through
``sitrep.pipeline.annotate_batch_safely`` exactly as local ingest calls it: the runner adds
partitioning, error rows and output, never a second copy of the extraction logic.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Iterator, Optional

from ..errors import Errors, InputError, SitrepError, stage_failure
from ..reader import MAX_BYTES, InputDoc
from ..record import ErrorRecord
from .output import PartitionWriter, is_error, mark_done
from .partitions import Partition, iter_partition_documents

Annotate = Callable[..., list]

# A worker started with several threads would otherwise run two batches through one
# spaCy pipeline at once; spaCy does not promise that is safe, and the GIL means it
# would not be faster. Processes, not threads, are the unit of parallelism here.
_lock = threading.Lock()

try:  # distributed is an optional dependency: the local path must import without it
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - exercised only where dask is absent
    WorkerPlugin = object  # type: ignore[assignment,misc]


class WarmPipeline(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the spaCy model and sitrep components once, when a worker joins."""

    name = "sitrep-warm-pipeline"

    def setup(self, worker=None) -> None:
        from ..pipeline import get_pipeline

        get_pipeline()


def error_row(exc: BaseException, source: Optional[str] = None, input_id: Optional[str] = None) -> dict:
    """An ErrorRecord dict, the same shape ``sitrep extract`` prints for a bad document."""
    if isinstance(exc, InputError):
        return ErrorRecord(error=str(exc), code=exc.code, source=exc.doc,
                           input_id=getattr(exc, "input_id", None)).model_dump(mode="json")
    if not isinstance(exc, SitrepError):
        exc = stage_failure("dask task", exc, source)
    return ErrorRecord(error=str(exc), code=exc.code, source=source, input_id=input_id).model_dump(mode="json")


def to_input(doc: InputDoc) -> dict:
    """The dict ``annotate_batch`` takes, from what the reader yields."""
    return {"content": doc.content, "source": doc.source, "format": doc.format,
            "id": doc.input_id, "published": doc.published, "url": doc.url}


def annotate_partition(part: Partition, **options) -> list[dict]:
    """The partition's result rows (Article or ErrorRecord dicts) in input order."""
    return [row for row, _ in iter_annotated(part, **options)]


def iter_annotated(
    part: Partition,
    *,
    annotate: Optional[Annotate] = None,
    as_body: bool = False,
    published: Optional[str] = None,
    batch_size: int = 16,
    max_bytes: int = MAX_BYTES,
) -> Iterator[tuple[dict, Optional[str]]]:
    """(row, input key) pairs in input order, a batch at a time. The input key is the
    store's hash of the document as read (``sitrep.store.input_key``), the same key local
    ``ingest`` writes, so loading the output marks those inputs done as a local run would."""
    from ..store.writer import error_key, input_key

    if annotate is None:
        from ..pipeline import annotate_batch as annotate
    rows: list[Optional[tuple[dict, Optional[str]]]] = []
    batch: list[tuple[int, dict, str]] = []

    def flush() -> list:
        from ..pipeline import annotate_batch_safely

        with _lock:  # see _lock: one batch at a time through this process's pipeline
            out = annotate_batch_safely([item for _, item, _ in batch], annotate=annotate,
                                        as_body=as_body, published=published)
        for (slot, _, key), row in zip(batch, out):
            rows[slot] = (row, key)
        batch.clear()
        done = [r for r in rows if r is not None]
        rows.clear()
        return done

    docs = iter_partition_documents(part, max_bytes=max_bytes)
    while True:
        try:
            doc = next(docs)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - a reader crash mid-file: record it, keep what was read
            rows.append((error_row(stage_failure("read", exc, part.label), source=part.label), None))
            break
        if isinstance(doc, InputError):
            rows.append((error_row(doc), error_key(doc.doc, getattr(doc, "input_id", None), doc.code, doc.reason)))
            continue
        rows.append(None)
        batch.append((len(rows) - 1, to_input(doc), input_key(doc.source, doc.content, doc.input_id)))
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def run_partition(
    part: Partition,
    out_dir: str,
    *,
    annotate: Optional[Annotate] = None,
    as_body: bool = False,
    published: Optional[str] = None,
    batch_size: int = 16,
    max_bytes: int = MAX_BYTES,
) -> dict:
    """The Dask task: annotate one partition and stream its Parquet files (this task is
    the only writer of files named after its partition key). Returns counts only, so the
    scheduler never carries the records."""
    t0 = time.perf_counter()
    writer = PartitionWriter(out_dir, part.key)
    documents = errors = 0
    for row, key in iter_annotated(part, annotate=annotate, as_body=as_body, published=published,
                                   batch_size=batch_size, max_bytes=max_bytes):
        writer.add(row, key)
        documents += 1
        errors += is_error(row)
    files = writer.close()
    summary = {"partition": part.key, "label": part.label, "documents": documents,
               "articles": documents - errors, "errors": errors, "files": files,
               "seconds": round(time.perf_counter() - t0, 3)}
    mark_done(out_dir, part.key, summary, run_options(annotate, as_body, published, max_bytes))
    return summary


def run_options(annotate: Optional[Annotate], as_body: bool, published: Optional[str], max_bytes: int) -> dict:
    """What, besides the partition itself, decides its rows: a resumed run reuses a
    finished partition only when these are the same."""
    name = None if annotate is None else f"{getattr(annotate, '__module__', '?')}.{getattr(annotate, '__qualname__', '?')}"
    return {"annotate": name, "as_body": as_body, "published": published, "max_bytes": max_bytes}
