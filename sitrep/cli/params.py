"""Validated click parameter types: every bad argument is a usage error (exit 2, one line
``Error: E302: bad option: --name: why``) before anything is read or written.

* ``DAY`` - a real calendar day, ``YYYY-MM-DD`` (``--published``, ``--since``, ``--until``);
* ``LIMIT``, ``OFFSET``, ``TOP``, ``WORKERS``, ``BATCH`` - integers inside what the
  databases accept (``--limit 99999999999999999999`` and ``--offset -5`` are refused);
* ``MODALITY`` - ``all`` or a comma-separated list of the six modalities;
* ``StoreUrl`` - a ``--db`` value; ``StoreUrl(existing=True)`` (query commands) refuses a
  path where no database file exists instead of creating an empty one.

The library does the same checks (``sitrep.dates.check_day``, ``Store(create=False)``), so
a caller of the Python API gets a ``SitrepError`` for what the CLI reports as usage.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..dates import day_problem
from ..errors import Errors


def _bad(param, message: str):  # noqa: ANN001, ANN202
    """The CLI's one form for a bad option: one line, E302, exit 2 (sitrep.cli.BadOption)."""
    from . import BadOption

    name = param.opts[0] if param is not None and getattr(param, "opts", None) else "option"
    raise BadOption(str(Errors.E302(reason=f"{name}: {message}")))

MODALITIES = ("asserted", "reported", "planned", "hypothetical", "denied", "negated")

# Bounds: far above any real use, far below the 64-bit integers SQLite and PostgreSQL take.
MAX_ROWS = 1_000_000
MAX_OFFSET = 1_000_000_000


class DayType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # noqa: ANN001
        if value is None or value == "":
            return None
        problem = day_problem(str(value).strip())
        if problem:
            _bad(param, f"must be a real day YYYY-MM-DD: {problem}")
        return str(value).strip()


class ModalityType(click.ParamType):
    name = "MODALITY[,MODALITY]"

    def convert(self, value, param, ctx):  # noqa: ANN001
        if value is None or value == "":
            return None
        parts = [p.strip().lower() for p in str(value).split(",") if p.strip()]
        if parts == ["all"]:
            return "all"
        bad = [p for p in parts if p not in MODALITIES]
        if bad or not parts:
            _bad(param, f"{value!r}: a modality is 'all' or a comma-separated list of {', '.join(MODALITIES)}")
        return ",".join(parts)


class StoreUrl(click.ParamType):
    """A database URL or path. ``existing=True``: a SQLite path must name an existing file
    (the store itself checks, on opening, that the file is a sitrep store)."""

    name = "URL"

    def __init__(self, existing: bool = False) -> None:
        self.existing = existing

    def convert(self, value, param, ctx):  # noqa: ANN001
        value = str(value)
        if not value.strip():
            _bad(param, "the database URL is empty")
        if value.startswith(("postgresql://", "postgres://", "postgresql+")):
            return value
        path = value[len("sqlite:///"):] if value.startswith("sqlite:///") else value
        if value.startswith("sqlite:") and not value.startswith("sqlite:///"):
            _bad(param, f"{value!r}: a SQLite URL is sqlite:///path")
        p = Path(path).expanduser()
        if p.is_dir():
            _bad(param, f"{path} is a folder, not a database file")
        if self.existing and not p.is_file():
            _bad(param, f"no database at {path} (run `sitrep ingest ... --db {path}` to create one)")
        if not self.existing and not p.exists() and not p.parent.is_dir():
            _bad(param, f"cannot create {path}: the folder {p.parent} does not exist")
        return value


DAY = DayType()
MODALITY = ModalityType()
LIMIT = click.IntRange(1, MAX_ROWS)
OFFSET = click.IntRange(0, MAX_OFFSET)
TOP = click.IntRange(1, 10_000)
WORKERS = click.IntRange(1, 64)
BATCH = click.IntRange(1, 10_000)
DOC_LIMIT = click.IntRange(1, None)
