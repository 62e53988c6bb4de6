"""The watcher's status in a terminal: one line per source, refreshed in place.

``StatusBoard(stream, live=None)`` draws what ``Watcher`` reports through its ``on_source``
(a source was polled), ``on_progress`` (a batch of articles was stored) and ``on_round``
callbacks:

* **live** (the stream is a terminal): a block of one line per source (URL, kind, last poll,
  HTTP status, new URLs at the last poll, items, failures, next poll, last error) and a line
  for the round in progress, redrawn in place (ANSI cursor movement) every time something
  changes; each line is cut to the terminal's width so the block never wraps. A line printed
  through :meth:`StatusBoard.above` (an alert) goes above the block, which is drawn again
  under it.
* **plain** (a pipe, a file, a log): one line per poll as it happens and one per round, never
  an escape code, so the output reads as a log.

Times are UTC. The board only formats; the state comes from the watcher.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import IO, Callable, Optional

# ANSI: cursor to the start of the line n lines up; erase to the end of the screen.
UP = "\x1b[{n}F"
ERASE_DOWN = "\x1b[J"


def when(ts: Optional[float], fmt: str = "%H:%M:%S") -> str:
    """A Unix time as UTC (``""`` for None)."""
    if ts is None:
        return ""
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime(fmt)


def source_line(src: dict) -> str:
    """One source's status: ``URL  kind  polled HH:MM:SS  200  +3 new  12 items  next HH:MM:SS``."""
    parts = [src["url"], src.get("kind") or "?"]
    if src.get("last_poll") is not None:
        parts.append(f"polled {when(src['last_poll'])}")
        parts.append(str(src.get("last_status") or "-"))
        parts.append(f"+{src.get('items_new') or 0} new")
    else:
        parts.append("not polled yet")
    items = src.get("items")
    if isinstance(items, dict):
        parts.append(f"{sum(items.values())} items")
    if src.get("failures"):
        parts.append(f"{src['failures']} failures")
    if src.get("next_due") is not None:
        parts.append(f"next {when(src['next_due'])}")
    if src.get("last_error"):
        parts.append(f"error: {src['last_error']}")
    return "  ".join(parts)


def round_line(rep: dict, done: bool = True) -> str:
    """The round's counters (``RoundReport.as_dict()``)."""
    head = "round" if done else "round in progress"
    return (f"{head}: {rep['polled']} polled ({rep['not_modified']} not modified, {rep['source_errors']} errors), "
            f"{rep['new_items']} new URLs, {rep['fetched']} fetched, {rep['articles']} stored, "
            f"{rep['item_errors']} fetch errors, {rep['alerts']} alerts"
            + (f" ({rep['seconds']:.1f} s)" if done else ""))


def terminal_size(stream: IO[str], fallback: tuple[int, int] = (100, 24)) -> tuple[int, int]:
    """(columns, lines) of the terminal ``stream`` writes to (its own, not stdout's)."""
    try:
        size = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return fallback
    return (size.columns or fallback[0], size.lines or fallback[1])


class StatusBoard:
    def __init__(self, stream: IO[str], live: Optional[bool] = None,
                 size: Optional[Callable[[], tuple[int, int]]] = None,
                 clock: Optional[Callable[[], float]] = None) -> None:
        """``live``: redraw in place (default: when ``stream`` is a terminal); ``size``: the
        terminal's (columns, lines) (default: asked each time it draws)."""
        self.stream = stream
        if live is None:
            isatty = getattr(stream, "isatty", None)
            live = bool(isatty and isatty())
        self.live = live
        self.size = size or (lambda: terminal_size(stream))
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc).timestamp())
        self.sources: dict[str, dict] = {}  # id -> latest row, in the order first seen
        self.footer = ""
        self._drawn = 0

    # -- what the watcher reports ------------------------------------------------------------
    def set_sources(self, rows: list[dict]) -> None:
        """The whole table (``WatchState.sources()``): at start and after each round."""
        for r in rows:
            self.sources[r["id"]] = {**self.sources.get(r["id"], {}), **r}
        self._draw()

    def polled(self, src: dict) -> None:
        """A source was just polled (``Watcher(on_source=...)``)."""
        row = {**self.sources.get(src["id"], {}), **src}
        row.setdefault("last_poll", self.clock())
        if "items" not in src:
            row.pop("items", None)  # the poll may have added some: counted again after the round
        self.sources[src["id"]] = row
        if self.live:
            self._draw()
        else:
            self._write(f"{when(row['last_poll'], '%Y-%m-%d %H:%M:%S')} {source_line(row)}\n")

    def progress(self, rep: dict) -> None:
        """Counters of the round in progress (``Watcher(on_progress=...)``); drawn only live."""
        self.footer = round_line(rep, done=False)
        if self.live:
            self._draw()

    def round_done(self, rep: dict, sources: Optional[list[dict]] = None) -> None:
        self.footer = round_line(rep)
        if sources is not None:
            for r in sources:
                self.sources[r["id"]] = {**self.sources.get(r["id"], {}), **r}
        if self.live:
            self._draw()
        else:
            self._write(self.footer + "\n")

    def above(self, line: str, out: Optional[IO[str]] = None) -> None:
        """Print ``line`` (to ``out``, default the board's stream) above a live block."""
        out = out or self.stream
        if self.live and self._drawn:
            self._write(UP.format(n=self._drawn) + ERASE_DOWN)
            self._drawn = 0
        out.write(line + "\n")
        out.flush()
        if self.live:
            self._draw()

    # -- drawing -------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """The live block: never wider than the terminal (it would wrap) nor taller (the
        cursor cannot go back above the top of the screen)."""
        cols, height = self.size()
        cols = max(20, cols - 1)
        rows = [source_line(r) for r in self.sources.values()]
        room = max(1, height - 2)  # the footer, and the line the cursor rests on
        if len(rows) > room:
            rows = rows[:room - 1] + [f"... and {len(rows) - room + 1} more sources (sitrep sources --db DB)"]
        if self.footer:
            rows.append(self.footer)
        return [r if len(r) <= cols else r[:cols - 1] + "…" for r in rows]

    def _draw(self) -> None:
        if not self.live:
            return
        out = (UP.format(n=self._drawn) if self._drawn else "") + ERASE_DOWN
        lines = self.lines()
        out += "".join(line + "\n" for line in lines)
        self._drawn = len(lines)
        self._write(out)

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
