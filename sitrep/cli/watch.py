"""``sitrep watch``, ``sitrep sources``, ``sitrep alerts`` (issue 17): thin over sitrep.watch."""

from __future__ import annotations

import json
import signal

import click

from . import main
from .corpus import _db, _emit
from .params import LIMIT


def _when(ts) -> str:  # noqa: ANN001
    from ..watch.status import when

    return when(ts, "%Y-%m-%d %H:%M:%S")


def _interval(ctx, param, value):  # noqa: ANN001, ANN202
    from ..watch import parse_interval

    if value is None:
        return None
    try:
        return parse_interval(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def alert_line(alert: dict) -> str:
    return f"ALERT [{alert['rule']}] {alert['window']}: {alert['message']}"


@main.command()
@click.argument("sources", nargs=-1, required=True)
@_db
@click.option("--rules", "rules_path", type=click.Path(dir_okay=False), default=None,
              help="Alert rules (TOML); see README 'Watching the news'.")
@click.option("--webhook", default=None, metavar="URL", help="POST each new alert as JSON here (retried).")
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--interval", default="15m", show_default=True, callback=_interval,
              help="Default poll interval per source (90s, 15m, 2h); a source file may set its own.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, help="Seconds per request.")
@click.option("--rate", "min_delay", type=click.FloatRange(0, 3600), default=1.0, show_default=True,
              help="Seconds between two requests to one host (robots.txt Crawl-delay may raise it).")
@click.option("--batch-size", type=click.IntRange(1, 1000), default=16, show_default=True,
              help="Articles claimed, fetched and ingested together (one transaction each).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per round (and per alert) instead of the table.")
def watch(sources, db, rules_path, webhook, once, interval, timeout, min_delay, batch_size, as_json) -> None:
    """Poll SOURCES (RSS/Atom feeds, news sitemaps, sitemap indexes, or files listing them),
    ingest what is new into --db and raise alerts. Stops cleanly on SIGTERM / Ctrl-C."""
    from ..watch import Watcher, load_rules, parse_sources

    # Everything is checked before anything is fetched or written.
    specs = parse_sources(list(sources))
    rules = load_rules(rules_path) if rules_path else []
    if webhook and not webhook.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--webhook")
    from ..watch import StatusBoard

    out = click.get_text_stream("stdout")
    board = None if as_json else StatusBoard(click.get_text_stream("stderr"))

    def on_alert(alert: dict) -> None:
        if as_json:
            out.write(json.dumps({"alert": alert}, ensure_ascii=False) + "\n")
            out.flush()
        else:
            board.above(alert_line(alert), out)

    watcher = Watcher(db, specs, rules=rules, webhook=webhook, interval=interval, timeout=timeout,
                      min_delay=min_delay, batch_size=batch_size, on_alert=on_alert,
                      on_source=board and board.polled, on_progress=board and (lambda rep: board.progress(rep.as_dict())))

    def stop(signum, _frame) -> None:  # noqa: ANN001
        watcher.stop.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if board:
        board.set_sources(watcher.state.sources())

    def on_round(rep) -> None:  # noqa: ANN001
        if as_json:
            out.write(json.dumps({"round": rep.as_dict()}) + "\n")
            out.flush()
        else:
            board.round_done(rep.as_dict(), watcher.state.sources())

    try:
        watcher.run(once=once, on_round=on_round)
    finally:
        watcher.close()


def _watch_state(db: str):  # noqa: ANN202
    from ..store import open_store
    from ..watch import WatchState

    return WatchState(open_store(db))


@main.command()
@_db
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout.")
def sources(db, as_json, as_csv) -> None:
    """The sources `sitrep watch` polls, with their poll state and item counts."""
    state = _watch_state(db)
    rows = state.sources()
    for r in rows:
        r["items_total"] = sum(r["items"].values())
        for k in ("last_poll", "next_due", "added_at"):
            r[k + "_utc"] = _when(r[k])
    state.store.close()
    _emit(rows, [("url", "source"), ("kind", "kind"), ("last_poll_utc", "last poll"), ("last_status", "status"),
                 ("items_new", "new"), ("items_total", "items"), ("failures", "failures"),
                 ("next_due_utc", "next due"), ("last_error", "error")], as_json, as_csv, "sources")


@main.command()
@_db
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout.")
def alerts(db, limit, as_json, as_csv) -> None:
    """Alerts raised by `sitrep watch --rules`, newest first."""
    state = _watch_state(db)
    rows = state.alerts(limit=limit)
    for r in rows:
        r["created_utc"] = _when(r["created_at"])
    state.store.close()
    _emit(rows, [("created_utc", "raised"), ("rule", "rule"), ("window", "window"), ("value", "value"),
                 ("message", "message"), ("webhook_status", "webhook")], as_json, as_csv, "alerts")
