"""The ``sitrep`` command: a thin layer over the library (one module per command group).

Commands raise the library's errors; :class:`SitrepGroup` is the one place that turns them
into exits: a bad option, source list or rules file (a ``ConfigError`` other than the
missing model, E301) is a usage error (exit 2, nothing written), any other ``SitrepError``
one line on stderr and exit 1. Never a traceback for a known error.
"""

from __future__ import annotations

import click

from .. import __version__
from ..errors import ConfigError, Errors, SitrepError


class BadOption(click.ClickException):
    """A bad option value: one line on stderr, exit 2 (click's usage-error status)."""

    exit_code = 2


class SitrepGroup(click.Group):
    """The CLI's error boundary."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            if isinstance(exc, ConfigError) and exc.code != Errors.E301:
                raise BadOption(str(exc)) from None
            raise click.ClickException(str(exc)) from None


@click.group(cls=SitrepGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitrep")
def main() -> None:
    """sitrep: who did and said what, to whom, when, where and how many."""


from . import extract as _extract  # noqa: E402,F401  (registers extract, schema)
from . import corpus as _corpus  # noqa: E402,F401  (ingest, queries, export)
from . import serve as _serve  # noqa: E402,F401  (serve)
from . import watch as _watch  # noqa: E402,F401  (watch, sources, alerts)
