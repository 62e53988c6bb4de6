"""Parquet output, partitioned by publication date, one writer per file.

Layout under ``out_dir``::

    articles/date=2022-02-03/part-<partition key>.parquet
    articles/date=unknown/part-<partition key>.parquet
    errors/part-<partition key>.parquet

Each input partition writes only files named after its own key, so tasks never contend
for a file and a rerun over the same input replaces its files instead of adding copies.
The ``articles`` folder is a Hive-partitioned dataset (``pyarrow.dataset`` /
``pandas.read_parquet`` / DuckDB read it as is). The full record is kept as canonical
JSON in the ``record`` column so nothing is lost; the other columns are for filtering.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

ARTICLES = "articles"
ERRORS = "errors"


def canonical_json(record: dict) -> str:
    """One spelling per record (sorted keys, no spaces): equal records, equal bytes."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def is_error(row: dict) -> bool:
    return "error" in row  # ErrorRecord has ``error``; an Article has ``errors``


def date_key(record: dict) -> str:
    published = record.get("published")
    return published if published else "unknown"


def _article_table(rows: list[dict]):
    import pyarrow as pa

    return pa.table({
        "id": pa.array([r["id"] for r in rows], pa.string()),
        "input_id": pa.array([r.get("input_id") for r in rows], pa.string()),
        "source": pa.array([r.get("source") for r in rows], pa.string()),
        "published": pa.array([r.get("published") for r in rows], pa.string()),
        "title": pa.array([r.get("title") for r in rows], pa.string()),
        "entities": pa.array([len(r.get("entities") or []) for r in rows], pa.int32()),
        "quotes": pa.array([len(r.get("quotes") or []) for r in rows], pa.int32()),
        "events": pa.array([len(r.get("events") or []) for r in rows], pa.int32()),
        "record": pa.array([canonical_json(r) for r in rows], pa.string()),
    })


def _error_table(rows: list[dict]):
    import pyarrow as pa

    return pa.table({
        "code": pa.array([r.get("code") for r in rows], pa.string()),
        "error": pa.array([r.get("error") for r in rows], pa.string()),
        "source": pa.array([r.get("source") for r in rows], pa.string()),
        "input_id": pa.array([r.get("input_id") for r in rows], pa.string()),
        "record": pa.array([canonical_json(r) for r in rows], pa.string()),
    })


def _write(table, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside, then rename: a reader (or a crashed task's rerun) never sees half a file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def clear_partition(out_dir: str | Path, key: str) -> None:
    """Remove what an earlier run of this partition wrote (its dates may have changed)."""
    root = Path(out_dir)
    name = f"part-{key}.parquet"
    for old in list(root.glob(f"{ARTICLES}/date=*/{name}")) + [root / ERRORS / name]:
        if old.exists():
            old.unlink()


def write_partition(out_dir: str | Path, key: str, rows: list[dict]) -> list[str]:
    """Write one partition's rows; returns the files written (relative to ``out_dir``)."""
    root = Path(out_dir)
    clear_partition(root, key)
    name = f"part-{key}.parquet"
    by_date: dict[str, list[dict]] = {}
    errors: list[dict] = []
    for row in rows:
        if is_error(row):
            errors.append(row)
        else:
            by_date.setdefault(date_key(row), []).append(row)
    written = []
    for date in sorted(by_date):
        rel = Path(ARTICLES) / f"date={date}" / name
        _write(_article_table(by_date[date]), root / rel)
        written.append(str(rel))
    if errors:
        rel = Path(ERRORS) / name
        _write(_error_table(errors), root / rel)
        written.append(str(rel))
    return written


def _files(root: Path, sub: str) -> list[Path]:
    return sorted(p for p in (root / sub).rglob("part-*.parquet")) if (root / sub).is_dir() else []


def iter_output(out_dir: str | Path, kind: str = ARTICLES, batch_rows: int = 500) -> Iterable[list[dict]]:
    """The records (``kind='articles'``) or error records (``'errors'``) of an output
    folder, in batches of dicts, reading one file at a time."""
    import pyarrow.parquet as pq

    batch: list[dict] = []
    for path in _files(Path(out_dir), kind):
        for value in pq.read_table(path, columns=["record"]).column("record").to_pylist():
            batch.append(json.loads(value))
            if len(batch) >= batch_rows:
                yield batch
                batch = []
    if batch:
        yield batch


def read_output(out_dir: str | Path) -> tuple[list[dict], list[dict]]:
    """(articles, errors) of an output folder, all in memory (for tests and small runs)."""
    articles = [r for b in iter_output(out_dir, ARTICLES) for r in b]
    errors = [r for b in iter_output(out_dir, ERRORS) for r in b]
    return articles, errors


def count_files(out_dir: str | Path) -> dict[str, int]:
    root = Path(out_dir)
    return {ARTICLES: len(_files(root, ARTICLES)), ERRORS: len(_files(root, ERRORS))}


__all__ = ["canonical_json", "is_error", "write_partition", "clear_partition", "iter_output", "read_output",
           "count_files", "date_key", "ARTICLES", "ERRORS"]

