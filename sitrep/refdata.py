"""Where the reference data lives (benchmarks, tests and build scripts; never the pipeline).

The reference data (the seed, the benchmark gold sets, PETRARCH's dictionaries) is not part
of a clone: it sits in ``../shared`` beside the checkout, or wherever ``SITREP_SHARED``
points. :func:`shared_dir` is the one place that decides, so every benchmark, script and
test reads the same folder.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "SITREP_SHARED"
REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$SITREP_SHARED`` when set (and not empty), else ``../shared`` beside the checkout."""
    value = os.environ.get(ENV, "").strip()
    return Path(value).expanduser() if value else REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path inside :func:`shared_dir` (it may not exist: callers skip with a reason)."""
    return shared_dir().joinpath(*parts)
