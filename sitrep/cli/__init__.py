"""The ``sitrep`` command: a thin layer over the library (one module per command group).

Commands raise the library's errors; :class:`SitrepGroup` is the one place that turns them
into exits: a bad option, source list or rules file (a ``ConfigError`` other than the
missing model E301 and the missing package E306) is a usage error (exit 2, nothing
written), any other ``SitrepError`` one line on stderr and exit 1. Click's own usage errors
for a subcommand (an integer out of range, a value not among the choices, a missing
argument, an unknown option) are the same one-line E302, exit 2, instead of click's
multi-line usage text. Never a traceback for a known error.
"""

from __future__ import annotations

import click

from .. import __version__
from ..errors import ConfigError, Errors, SitrepError


class BadOption(click.ClickException):
    """A bad option value: one line on stderr, exit 2 (click's usage-error status)."""

    exit_code = 2


# ConfigErrors that are not about an option the user typed: one line, exit 1.
_NOT_USAGE = (Errors.E301, Errors.E306)


def usage_reason(exc: click.UsageError) -> str:
    """Click's usage error as the reason of one E302 line: '--limit: -1 is not in the range x>=1.'"""
    if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        param = exc.param
        name = param.opts[0] if param is not None and getattr(param, "opts", None) else (exc.param_hint or "")
        if isinstance(name, (list, tuple)):
            name = " / ".join(name)
        if param is not None and getattr(param, "param_type_name", "") == "argument":
            name = param.human_readable_name
        return f"{name}: {exc.message}" if name else exc.message
    where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
    return " ".join(exc.format_message().split()) + where


class SitrepGroup(click.Group):
    """The CLI's error boundary."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise BadOption(str(Errors.E302(reason=usage_reason(exc)))) from None
        except SitrepError as exc:
            if isinstance(exc, ConfigError) and exc.code not in _NOT_USAGE:
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
