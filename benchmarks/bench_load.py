"""Load run against `sitrep serve` (loopback only, bounded): p50/p95 latency and errors.

Builds a store from the bundled samples (plus the seed when ../shared is present) with the
real pipeline, starts `sitrep serve` in a subprocess on a free 127.0.0.1 port (rate limit
off), and sends a fixed number of requests per endpoint from a small thread pool.

Peers, measured in the same run on the same data:
  * `/healthz` through the same server: the HTTP stack's floor (no store, no template);
  * the raw `Store.events()` / `Store.get_article()` call in-process: the store's floor.
The ratios say what the API and page rendering add on top.

    .venv/bin/python benchmarks/bench_load.py [--requests 300] [--concurrency 4] [--rounds 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from sitrep.refdata import shared_path  # noqa: E402

from web_helpers import build_store, free_port  # noqa: E402

SEED = shared_path("seed", "000_1b53613618b3b9f0.txt")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(q * (len(values) - 1)))))
    return values[k]


def hammer(base: str, path: str, n: int, conc: int) -> dict:
    import httpx

    def worker(count: int) -> tuple[list[float], int]:
        lat, errors = [], 0
        with httpx.Client(base_url=base, timeout=30) as c:
            for _ in range(count):
                t = time.perf_counter()
                try:
                    r = c.get(path)
                    ok = r.status_code == 200 and len(r.content) > 0
                except httpx.HTTPError:
                    ok = False
                lat.append(time.perf_counter() - t)
                errors += 0 if ok else 1
        return lat, errors

    shares = [n // conc + (1 if i < n % conc else 0) for i in range(conc)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(conc) as pool:
        results = list(pool.map(worker, shares))
    wall = time.perf_counter() - t0
    lat = [x for r in results for x in r[0]]
    return {"lat": lat, "errors": sum(r[1] for r in results), "wall": wall}


def raw(fn, n: int) -> dict:
    lat = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        lat.append(time.perf_counter() - t)
    return {"n": n, "errors": 0, "p50": pct(lat, 0.5) * 1000, "p95": pct(lat, 0.95) * 1000,
            "rps": n / sum(lat)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds the requests are split into")
    args = ap.parse_args()

    from sitrep.reader import InputDoc
    from sitrep.store import open_store

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-load-"))
    db = tmp / "load.db"
    extra = []
    if SEED.exists():
        extra.append(InputDoc(content=SEED.read_text(encoding="utf-8"), source=str(SEED), format="text",
                              published="2022-02-03"))
    else:
        print(f"note: {SEED} is absent; the store holds the bundled samples only")
    t = time.perf_counter()
    records = build_store(db, [ROOT / "samples"], extra)
    print(f"store: {len(records)} articles, built in {time.perf_counter() - t:.1f} s")
    biggest = max(records, key=lambda r: len(r.text))

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "sitrep.cli.__main__", "serve", "--db", str(db),
                               "--host", "127.0.0.1", "--port", str(port), "--rate", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = server.stdout.readline().strip()
        print(banner)
        import httpx

        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        targets = [
            ("GET /healthz (peer: HTTP floor)", "/healthz"),
            ("GET /api/events", "/api/events"),
            ("GET /api/events?source=RUS&target=UKR", "/api/events?source=RUS&target=UKR"),
            (f"GET /articles/{{id}} ({len(biggest.text)} chars, {len(biggest.quotes)} quotes)", f"/articles/{biggest.id}"),
            ("GET /api/articles/{id}", f"/api/articles/{biggest.id}"),
        ]
        for _, path in targets:  # warm up: templates compiled, SQLite pages cached
            hammer(base, path, 10, 1)
        # Rounds interleave the endpoints, so a burst of load from other processes on a
        # shared machine hits every endpoint (and the peer) alike; latencies are pooled.
        pooled = {name: [] for name, _ in targets}
        errors = {name: 0 for name, _ in targets}
        walls = {name: 0.0 for name, _ in targets}
        per_round = max(1, args.requests // args.rounds)
        for _ in range(args.rounds):
            for name, path in targets:
                r = hammer(base, path, per_round, args.concurrency)
                pooled[name] += r["lat"]
                errors[name] += r["errors"]
                walls[name] += r["wall"]
        rows = [(name, {"n": len(pooled[name]), "errors": errors[name], "p50": pct(pooled[name], 0.5) * 1000,
                        "p95": pct(pooled[name], 0.95) * 1000, "rps": len(pooled[name]) / walls[name]})
                for name, _ in targets]
    finally:
        server.terminate()
        server.wait(timeout=10)

    store = open_store(str(db))
    try:
        rows.append(("Store.events() in-process (peer: store floor)", raw(lambda: store.events(), args.requests)))
        rows.append(("Store.get_article() in-process (peer)", raw(lambda: store.get_article(biggest.id), args.requests)))
    finally:
        store.close()

    floor = rows[0][1]["p50"]
    print(f"\n{args.requests} requests per endpoint in {args.rounds} interleaved rounds, concurrency "
          f"{args.concurrency}, loopback, rate limit off\n")
    print(f"| {'endpoint':<58} | {'n':>4} | {'errors':>6} | {'p50 ms':>7} | {'p95 ms':>7} | {'req/s':>7} | {'p50 / healthz':>13} |")
    print(f"|{'-' * 60}|{'-' * 6}|{'-' * 8}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 15}|")
    for name, r in rows:
        print(f"| {name:<58} | {r['n']:>4} | {r['errors']:>6} | {r['p50']:>7.1f} | {r['p95']:>7.1f} | {r['rps']:>7.0f} |"
              f" {r['p50'] / floor:>12.1f}x |")
    total_errors = sum(r["errors"] for _, r in rows)
    print(f"\ntotal errors: {total_errors}")


if __name__ == "__main__":
    main()
