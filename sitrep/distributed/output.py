"""Parquet output, partitioned by publication date, one writer per file.

Layout under ``out_dir``::

    articles/date=2022-02-03/part-<partition key>.parquet
    articles/date=unknown/part-<partition key>.parquet
    errors/part-<partition key>.parquet
    _manifest.json            partitions in input order, written by the client at the end
    _done/part-<key>.json     written by a task after its files: the partition is complete

Each input partition writes only files named after its own key, so tasks never contend
for a file and a rerun over the same input replaces its files instead of adding copies.
The ``articles`` folder is a Hive-partitioned dataset (``pyarrow.dataset``,
``pandas.read_parquet`` and DuckDB read it as is). The full record is kept as canonical
JSON in the ``record`` column so nothing is lost; ``seq`` is the row's place in its
partition (to restore input order), ``input_key`` the store's hash of the document as
read; the other columns are for filtering without parsing JSON.
"""

from __future__ import annotations

import heapq
import json
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional

ARTICLES = "articles"
ERRORS = "errors"
MANIFEST = "_manifest.json"
DONE = "_done"  # one marker per finished partition: what a resumed run may skip

Keyed = tuple[dict, Optional[str]]  # (Article or ErrorRecord dict, input key)


def canonical_json(record: dict) -> str:
    """One spelling per record (sorted keys, no spaces): equal records, equal bytes."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def is_error(row: dict) -> bool:
    return "error" in row  # ErrorRecord has ``error``; an Article has ``errors``


def date_key(record: dict) -> str:
    published = record.get("published")
    return published if published else "unknown"


def _table(rows: list[tuple[int, dict, Optional[str]]], errors: bool):
    import pyarrow as pa

    def col(name: str) -> list:
        return [r.get(name) for _, r, _ in rows]

    cols = {
        "seq": pa.array([i for i, _, _ in rows], pa.int32()),
        "input_key": pa.array([k for _, _, k in rows], pa.string()),
    }
    if errors:
        cols.update(code=pa.array(col("code"), pa.string()), error=pa.array(col("error"), pa.string()))
    else:
        cols.update(
            id=pa.array(col("id"), pa.string()),
            published=pa.array(col("published"), pa.string()),
            title=pa.array(col("title"), pa.string()),
            entities=pa.array([len(r.get("entities") or []) for _, r, _ in rows], pa.int32()),
            quotes=pa.array([len(r.get("quotes") or []) for _, r, _ in rows], pa.int32()),
            events=pa.array([len(r.get("events") or []) for _, r, _ in rows], pa.int32()),
        )
    cols.update(
        source=pa.array(col("source"), pa.string()),
        input_id=pa.array(col("input_id"), pa.string()),
        record=pa.array([canonical_json(r) for _, r, _ in rows], pa.string()),
    )
    return pa.table(cols)


def _partition_files(root: Path, key: str) -> list[Path]:
    name = f"part-{key}.parquet"
    found = sorted(root.glob(f"{ARTICLES}/date=*/{name}"))
    if (root / ERRORS / name).exists():
        found.append(root / ERRORS / name)
    return found


def _marker(root: Path, key: str) -> Path:
    return root / DONE / f"part-{key}.json"


def clear_partition(out_dir: str | Path, key: str) -> None:
    """Remove what an earlier run of this partition wrote (its dates may have changed)."""
    root = Path(out_dir)
    marker = _marker(root, key)
    if marker.exists():  # first: a half-rewritten partition must not look finished
        marker.unlink()
    for old in _partition_files(root, key):
        old.unlink()
    # Temporaries of a task that died mid-write (dot-named: readers never list them).
    for stale in root.glob(f"**/.part-{key}.parquet.*.tmp"):
        stale.unlink(missing_ok=True)


def mark_done(out_dir: str | Path, key: str, summary: dict, options: dict) -> None:
    """Written by the task after its files: the partition is complete (for ``resume``)."""
    path = _marker(Path(out_dir), key)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"summary": summary, "options": options}, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def done_summary(out_dir: str | Path, key: str, options: dict) -> Optional[dict]:
    """The summary of a partition an earlier run finished with the same options, or None."""
    path = _marker(Path(out_dir), key)
    try:
        done = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return done["summary"] if done.get("options") == json.loads(json.dumps(options, sort_keys=True)) else None


class PartitionWriter:
    """Streams one partition's rows into its files: a CC-NEWS WARC holds tens of thousands
    of pages, so rows go out in row groups of ``flush_rows`` instead of being held until
    the end. Files are written under a temporary name and renamed by ``close``."""

    def __init__(self, out_dir: str | Path, key: str, flush_rows: int = 500) -> None:
        self.root = Path(out_dir)
        self.name = f"part-{key}.parquet"
        self.flush_rows = flush_rows
        clear_partition(self.root, key)
        self.buffers: dict[str, list] = {}  # date, or "" for errors -> [(seq, row, key)]
        self.writers: dict[str, tuple] = {}  # same keys -> (ParquetWriter, tmp path, final rel path)
        self.seq = 0
        self.buffered = 0

    def add(self, row: dict, input_key: Optional[str] = None) -> None:
        bucket = "" if is_error(row) else date_key(row)
        self.buffers.setdefault(bucket, []).append((self.seq, row, input_key))
        self.seq += 1
        self.buffered += 1
        if self.buffered >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        import pyarrow.parquet as pq

        for bucket, rows in self.buffers.items():
            if not rows:
                continue
            table = _table(rows, errors=bucket == "")
            if bucket not in self.writers:
                rel = Path(ERRORS) / self.name if bucket == "" else Path(ARTICLES) / f"date={bucket}" / self.name
                final = self.root / rel
                final.parent.mkdir(parents=True, exist_ok=True)
                tmp = final.with_name(f".{self.name}.{os.getpid()}.tmp")
                self.writers[bucket] = (pq.ParquetWriter(tmp, table.schema, compression="zstd"), tmp, rel)
            self.writers[bucket][0].write_table(table)
            rows.clear()
        self.buffered = 0

    def close(self) -> list[str]:
        """Finish every file (rename into place); returns them relative to ``out_dir``,
        articles by date first, then errors."""
        self.flush()
        written = []
        for bucket in sorted(self.writers, key=lambda b: (b == "", b)):
            writer, tmp, rel = self.writers[bucket]
            writer.close()
            # Renamed only when complete: a reader never sees half a file.
            os.replace(tmp, self.root / rel)
            written.append(str(rel))
        return written


def write_partition(out_dir: str | Path, key: str, rows: Iterable[dict],
                    input_keys: Optional[Iterable[Optional[str]]] = None) -> list[str]:
    """Write one partition's rows (with the store's input key of each, when known);
    returns the files written, relative to ``out_dir``."""
    writer = PartitionWriter(out_dir, key)
    keys = iter(input_keys) if input_keys is not None else None
    for row in rows:
        writer.add(row, next(keys) if keys is not None else None)
    return writer.close()


def _read(path: Path) -> Iterator[tuple[int, dict, Optional[str]]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256, columns=["seq", "input_key", "record"]):
        cols = batch.to_pydict()
        for seq, key, rec in zip(cols["seq"], cols["input_key"], cols["record"]):
            yield seq, json.loads(rec), key


def iter_partition(out_dir: str | Path, key: str) -> Iterator[Keyed]:
    """One partition's rows with their input keys, back in input order. Each file is in
    order already, so a streaming merge on ``seq`` restores it without loading them."""
    streams = [_read(p) for p in _partition_files(Path(out_dir), key)]
    for _, row, k in heapq.merge(*streams, key=lambda r: r[0]):
        yield row, k


def read_partition(out_dir: str | Path, key: str) -> list[Keyed]:
    return list(iter_partition(out_dir, key))


def write_manifest(out_dir: str | Path, summary: dict, partitions: list[dict]) -> None:
    """The run's summary and its partitions in input order (the client writes it last,
    so its presence also says the run finished)."""
    path = Path(out_dir) / MANIFEST
    tmp = path.with_name(f".{MANIFEST}.tmp")
    tmp.write_text(json.dumps({"summary": summary, "partitions": partitions}, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def partition_keys(out_dir: str | Path) -> list[str]:
    """Partition keys in input order (from the manifest), else every key found, sorted."""
    root = Path(out_dir)
    if (root / MANIFEST).exists():
        return [p["partition"] for p in json.loads((root / MANIFEST).read_text(encoding="utf-8"))["partitions"]]
    names = {p.name for sub in (ARTICLES, ERRORS) if (root / sub).is_dir() for p in (root / sub).rglob("part-*.parquet")}
    return sorted(n[len("part-"):-len(".parquet")] for n in names)


def iter_output_keyed(out_dir: str | Path, batch_rows: int = 500) -> Iterable[list[Keyed]]:
    """Every row (articles and errors) with its input key, in input order, in batches;
    one partition in memory at a time."""
    batch: list[Keyed] = []
    for key in partition_keys(out_dir):
        for item in iter_partition(out_dir, key):
            batch.append(item)
            if len(batch) >= batch_rows:
                yield batch
                batch = []
    if batch:
        yield batch


def read_output(out_dir: str | Path) -> tuple[list[dict], list[dict]]:
    """(articles, errors) of an output folder, in input order (for tests and small runs)."""
    rows = [row for batch in iter_output_keyed(out_dir) for row, _ in batch]
    return [r for r in rows if not is_error(r)], [r for r in rows if is_error(r)]
