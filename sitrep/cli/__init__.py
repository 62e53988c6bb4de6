"""The ``sitrep`` command: a thin layer over the library (one module per command group)."""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: who did and said what, to whom, when, where and how many."""


from . import extract as _extract  # noqa: E402,F401  (registers extract, schema)
from . import corpus as _corpus  # noqa: E402,F401  (ingest, queries, export)
from . import serve as _serve  # noqa: E402,F401  (serve)
from . import watch as _watch  # noqa: E402,F401  (watch, sources, alerts)
