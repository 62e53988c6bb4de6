"""Query latency on a synthetic 1M-event SQLite database (issue 7: p95 < 100 ms).

    .venv/bin/python benchmarks/gen_synthetic_db.py /tmp/synth_1m.db      # once, a few minutes
    .venv/bin/python benchmarks/bench_query.py /tmp/synth_1m.db

Runs the Store API calls the CLI and web app make (dyad timeline, quotes by speaker,
filtered events, top actors), rotating arguments so no answer is served from a cache
of the same parameters, and reports p50/p95. The comparison ("peer") is the same
question asked of the same rows with plain SQL that cannot use sitrep's indexes
(SQLite ``NOT INDEXED``, speaker by ``LIKE '%name%'``): what a database without
sitrep's schema design costs.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.store import open_store  # noqa: E402

DYADS = [("RUS", "UKR"), ("UKR", "RUS"), ("USA", "CHN"), ("RUS", "USA"), ("UKR", "USA"), ("CHN", "GBR"),
         ("ISR", "PSE"), ("TUR", "SYR")]
SPEAKERS = ["Putin", "Zelenskiy", "Biden", "Lavrov", "Macron", "Erdogan", "Peskov", "Stoltenberg"]


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


def timed(fn, args_list, runs: int) -> tuple[list[float], object]:  # noqa: ANN001
    out, last = [], None
    for i in range(runs):
        args = args_list[i % len(args_list)]
        t = time.perf_counter()
        last = fn(*args)
        out.append((time.perf_counter() - t) * 1000)
    return out, last


def naive_dyad(con: sqlite3.Connection, a: str, b: str):
    # Same answer as Store.dyad_timeline (both directions, asserted+reported, primary rows,
    # grouped by day), but the table scanned without indexes.
    q = ("SELECT day, count(*), sum(goldstein) FROM events NOT INDEXED WHERE is_primary = 1 AND "
         "modality IN ('asserted','reported') AND ((source_country = ? AND target_country = ?) OR "
         "(source_country = ? AND target_country = ?)) GROUP BY day")
    return con.execute(q, (a, b, b, a)).fetchall()


def naive_quotes(con: sqlite3.Connection, name: str):
    q = ("SELECT data FROM quotes NOT INDEXED WHERE is_primary = 1 AND speaker LIKE ? "
         "ORDER BY published DESC LIMIT 100")
    return con.execute(q, (f"%{name}%",)).fetchall()


def naive_events(con: sqlite3.Connection, a: str, b: str):
    q = ("SELECT data FROM events NOT INDEXED WHERE is_primary = 1 AND source_country = ? AND target_country = ? "
         "AND modality IN ('asserted','reported') ORDER BY day DESC LIMIT 100")
    return con.execute(q, (a, b)).fetchall()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", nargs="?", default="/tmp/synth_1m.db")
    ap.add_argument("--runs", type=int, default=60, help="timed calls per query (sitrep)")
    ap.add_argument("--peer-runs", type=int, default=6, help="timed calls per query (no-index peer)")
    args = ap.parse_args()
    if not Path(args.db).exists():
        print(f"{args.db} is absent: generate it first with benchmarks/gen_synthetic_db.py {args.db}")
        return
    store = open_store(args.db)
    con = sqlite3.connect(args.db)
    n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    n_quotes = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    print(f"database: {args.db}  events: {n_events:,}  quotes: {n_quotes:,}  "
          f"size: {Path(args.db).stat().st_size / 2**20:.0f} MiB")

    # One warm-up pass so both sides read from the OS page cache, as a running service would.
    store.dyad_timeline("RUS", "UKR")
    naive_dyad(con, "RUS", "UKR")

    rows = []
    cases = [
        ("dyad timeline (week)", lambda a, b: store.dyad_timeline(a, b, by="week"), DYADS,
         lambda a, b: naive_dyad(con, a, b), DYADS),
        ("quotes by speaker", lambda s: store.quotes(speaker=s, limit=100), [(s,) for s in SPEAKERS],
         lambda s: naive_quotes(con, s), [(s,) for s in SPEAKERS]),
        ("events source+target", lambda a, b: store.events(source=a, target=b, limit=100), DYADS,
         lambda a, b: naive_events(con, a, b), DYADS),
        ("actors top 20", lambda: store.actors(top=20), [()], None, None),
    ]
    for name, fn, fargs, peer, pargs in cases:
        runs = args.runs if name != "actors top 20" else max(3, args.runs // 20)
        ts, last = timed(fn, fargs, runs)
        size = len(last) if isinstance(last, list) else 0
        row = [name, runs, statistics.median(ts), pct(ts, 95), size]
        if peer:
            ps, _ = timed(peer, pargs, args.peer_runs)
            row += [statistics.median(ps), pct(ps, 95)]
        else:
            row += [None, None]
        rows.append(row)

    print()
    print(f"| query | runs | sitrep p50 ms | sitrep p95 ms | rows | no-index SQL p50 ms | no-index SQL p95 ms | p95 ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, runs, p50, p95, size, q50, q95 in rows:
        peer = f"{q50:.1f} | {q95:.1f} | {q95 / p95:.0f}x faster" if q50 is not None else "- | - | -"
        print(f"| {name} | {runs} | {p50:.1f} | {p95:.1f} | {size} | {peer} |")
    ok = all(r[3] < 100 for r in rows[:2])
    print(f"\ntarget p95 < 100 ms for dyad timeline and quotes by speaker: {'met' if ok else 'NOT met'}")
    store.close()
    con.close()


if __name__ == "__main__":
    main()
