"""What to watch: URLs on the command line, or files listing them.

A source file has one source a line, optionally with its own poll interval, and ``#``
comments::

    https://example.org/world/rss.xml            # the default interval
    https://example.org/news-sitemap.xml  5m     # every five minutes
    https://example.org/sitemap_index.xml 1h

Intervals: ``90`` or ``90s`` (seconds), ``15m``, ``2h``, ``1d``; at least 10 seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError, Errors
from .state import SourceSpec
from .urls import canonical_url

_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$", re.I)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_INTERVAL = 10.0


def parse_interval(text: str) -> float:
    """``"15m"`` -> 900.0; raises ValueError with the reason."""
    m = _INTERVAL.match(text.strip())
    if not m:
        raise ValueError(f"bad interval {text!r} (use 90s, 15m, 2h or 1d)")
    seconds = float(m.group(1)) * _UNIT[m.group(2).lower()]
    if seconds < MIN_INTERVAL:
        raise ValueError(f"interval {text!r} is under {MIN_INTERVAL:g} s")
    return seconds


def _check_url(url: str, where: str) -> str:
    try:
        canonical_url(url)
    except ValueError as exc:
        raise ConfigError(Errors.E305, None, source=where, reason=str(exc)) from None
    return url


def read_source_file(path: Path) -> list[SourceSpec]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Errors.E303, None, path=str(path), reason=getattr(exc, "strerror", None) or str(exc)) from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) > 2:
            raise ConfigError(Errors.E303, None, path=f"{path}:{n}", reason="expected: URL [interval]")
        interval = None
        if len(parts) == 2:
            try:
                interval = parse_interval(parts[1])
            except ValueError as exc:
                raise ConfigError(Errors.E303, None, path=f"{path}:{n}", reason=str(exc)) from None
        out.append(SourceSpec(_check_url(parts[0], f"{path}:{n}"), interval))
    if not out:
        raise ConfigError(Errors.E303, None, path=str(path), reason="lists no source")
    return out


def parse_sources(args: list[str]) -> list[SourceSpec]:
    """Each argument is an http(s) URL or a file listing sources. Checked before anything
    is fetched or written."""
    out: list[SourceSpec] = []
    for arg in args:
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", arg):
            out.append(SourceSpec(_check_url(arg, arg)))
        else:
            out.extend(read_source_file(Path(arg)))
    if not out:
        raise ConfigError(Errors.E303, None, path="(arguments)", reason="no source given")
    return out
