"""Cutting the input into partitions: the unit of work one Dask task reads and writes.

A partition is a small, picklable description (paths plus a byte range), never the
documents themselves: the scheduler ships a few hundred bytes per task and each worker
reads its own input, so the client never holds the corpus in memory.

- a WARC file is one partition (records are gzip members read in order; splitting a
  WARC would need its index, and CC-NEWS files are already a sensible ~1 GB unit);
- a jsonl file is split by line ranges (byte offsets found by one cheap scan on the
  client; line numbers are kept so error rows name the same ``file:line`` as the local
  engine);
- small text/HTML files are grouped, ``size`` files to a partition.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..errors import Errors, ConfigError, InputError
from ..reader import MAX_BYTES, iter_jsonl_lines, format_for_path, iter_documents, iter_paths
from ..reader import InputDoc


@dataclass(frozen=True)
class Partition:
    """One task's input. ``kind`` is ``files`` (whole files), ``jsonl`` (a line range of
    one file: bytes ``[byte_start, byte_end)``, first line numbered ``first_line``) or
    ``warc`` (one WARC file, at most ``max_docs`` documents)."""

    kind: str
    paths: tuple[str, ...]
    input_format: str = "auto"
    byte_start: int = 0
    byte_end: int = -1
    first_line: int = 1
    last_line: int = 0
    docs: Optional[int] = None  # known document count (None for WARC: unknown until read)
    max_docs: Optional[int] = None

    @property
    def key(self) -> str:
        """Content-derived name: a rerun over the same input writes the same files."""
        payload = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]

    @property
    def label(self) -> str:
        if self.kind == "jsonl":
            return f"{self.paths[0]}:{self.first_line}-{self.last_line}"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} (+{len(self.paths) - 1} files)"


def _jsonl_ranges(path: Path, size: int, limit: Optional[int]) -> Iterator[tuple[int, int, int, int, int]]:
    """(byte_start, byte_end, first_line, last_line, docs) for runs of ``size`` non-blank
    lines. Blank lines are counted for numbering (the reader skips them) but not as docs."""
    start = pos = 0
    first = lineno = 1
    docs = total = 0
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            pos += len(raw)
            if raw.strip():
                docs += 1
                total += 1
            if docs >= size or (limit is not None and total >= limit):
                yield start, pos, first, lineno, docs
                start, first, docs = pos, lineno + 1, 0
                if limit is not None and total >= limit:
                    return
    if docs:
        yield start, pos, first, lineno, docs


def _try_ranges(path: Path, size: int, limit: Optional[int]) -> Optional[list]:
    try:
        return list(_jsonl_ranges(path, size, limit))
    except OSError:
        return None  # unreadable: a whole-file partition, which the reader turns into E010


def plan_partitions(
    paths: list[str],
    *,
    size: int = 200,
    input_format: str = "auto",
    limit: Optional[int] = None,
) -> list[Partition]:
    """Partitions for files, folders and globs (the same expansion ``ingest`` uses).

    ``limit`` caps the number of documents (refusals included, as local ``ingest``
    counts them); a WARC file's documents are counted on the client only when a limit
    is given, otherwise its partition's size is unknown until a worker reads it.
    Paths are kept as given, so error rows and ``source`` fields read exactly as the
    local engine writes them; with a remote cluster give absolute paths on a filesystem
    every worker mounts (a LocalCluster's workers share the client's working directory).
    """
    if size < 1:
        raise ConfigError(Errors.E302, reason=f"partition size must be >= 1, got {size}")
    if any(p == "-" for p in paths):
        raise ConfigError(Errors.E302, reason="the dask engine reads files, not stdin")
    parts: list[Partition] = []
    group: list[str] = []
    left = limit

    def flush_group() -> None:
        if group:
            parts.append(Partition("files", tuple(group), input_format, docs=len(group)))
            group.clear()

    for p in iter_paths(list(paths)):
        if left is not None and left <= 0:
            break
        fmt = input_format if input_format != "auto" else format_for_path(p)
        name = str(p)
        ranges = _try_ranges(p, size, left) if fmt == "jsonl" and p.is_file() else None
        if ranges is not None:
            flush_group()
            for b0, b1, l0, l1, n in ranges:
                parts.append(Partition("jsonl", (name,), input_format, b0, b1, l0, l1, docs=n))
                if left is not None:
                    left -= n
        elif fmt == "warc":
            flush_group()
            if left is None:
                parts.append(Partition("warc", (name,), input_format))
            else:
                # With a limit the user samples: reading this file's first ``left``
                # documents on the client is cheap and makes the limit exact.
                n = sum(1 for _ in itertools.islice(iter_documents(name, input_format), left))
                parts.append(Partition("warc", (name,), input_format, docs=n, max_docs=left))
                left -= n
        else:
            # Missing or unreadable files still get a partition: the worker turns them
            # into E010 error rows, exactly as the local engine does.
            group.append(name)
            if left is not None:
                left -= 1
            if len(group) >= size:
                flush_group()
    flush_group()
    return parts


def iter_partition_documents(part: Partition, max_bytes: int = MAX_BYTES) -> Iterator[InputDoc | InputError]:
    """The partition's documents in input order, as the reader yields them."""
    if part.kind == "jsonl":
        path = part.paths[0]
        yield from iter_jsonl_lines(_line_range(part), path, max_bytes)
        return
    for path in part.paths:
        docs = iter_documents(path, part.input_format, max_bytes=max_bytes)
        if part.max_docs is not None:
            docs = itertools.islice(docs, part.max_docs)
        yield from docs


def _line_range(part: Partition) -> Iterator[str]:
    # The reader numbers lines from 1 and skips blank ones, so feeding it empty strings
    # for the lines before the range makes it name each document ``file:line`` exactly
    # as a whole-file read does, without a second copy of its parsing rules.
    yield from itertools.repeat("", part.first_line - 1)
    with open(part.paths[0], "rb") as fh:
        fh.seek(part.byte_start)
        remaining = part.byte_end - part.byte_start
        for raw in fh:
            if remaining <= 0:
                break
            remaining -= len(raw)
            yield raw.decode("utf-8", errors="replace")
