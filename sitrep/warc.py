"""WARC input (issue 7): HTML responses only."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .errors import InputError
from .reader import InputDoc


def iter_warc(path: Path, max_bytes: int) -> Iterator[InputDoc | InputError]:
    yield InputError("E010", str(path), reason="WARC reading is not implemented yet")
