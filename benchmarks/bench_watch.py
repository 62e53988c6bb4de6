"""Benchmark: the news watcher on loopback (issue 17).

A real HTTP server on 127.0.0.1 (the tests' ``watch_server``) serves ``--feeds`` RSS feeds of
``--items`` invented articles each. Three measurements in one run, one process, the model
loaded once before any timing:

1. **throughput** — one ``Watcher`` round over all feeds: poll -> fetch -> ingest -> rules
   (items per minute, CPU seconds per item of the watcher's own thread);
2. **peer** — plain ``sitrep.ingest`` of the same pages saved as files (same process, same
   model): CPU seconds per item beside the watcher's;
3. **latency** — the watcher loop in a thread at a ``--interval`` poll interval (real time);
   ``--appearances`` new articles quoting a watched speaker appear in random feeds at random
   moments; each makes a new day window of a quote rule, so each must raise one alert; the
   time from the item's appearance (the feed changes) to the alert is recorded.

    .venv/bin/python benchmarks/bench_watch.py                 # 50 feeds x 4 items, 30 s polls
    .venv/bin/python benchmarks/bench_watch.py --feeds 10 --items 2 --appearances 2   # quick
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from watch_server import Server, article_html, rss  # noqa: E402

TOWNS = ["Vovchansk", "Kupiansk", "Lyman", "Izium", "Balakliia", "Chuhuiv", "Zolochiv", "Derhachi", "Bohodukhiv",
         "Lozova", "Pivdenne", "Merefa", "Valky", "Krasnohrad", "Sumy", "Okhtyrka", "Romny", "Konotop"]
WHO = ["the regional governor", "the emergency service", "the army's northern command", "the city council",
       "a police spokesman", "the interior ministry"]
WHAT = ["shelled", "struck", "attacked", "bombed"]


def page(feed: int, item: int, day: str) -> str:
    """An invented two-paragraph report, distinct per (feed, item)."""
    n = feed * 100 + item
    town, who, what = TOWNS[n % len(TOWNS)], WHO[(n // 3) % len(WHO)], WHAT[(n // 7) % len(WHAT)]
    return article_html(f"{town}: report {feed}-{item}", day, [
        f"Russian forces {what} the Ukrainian town of {town} on Monday, killing {n % 9 + 2} people and wounding "
        f"{n % 13 + 4}, {who} said in a statement issued {n % 5 + 1} hours later.",
        f"Repair crews restored power to {n % 40 + 10} streets by the evening, and {n % 6 + 2} schools in the "
        f"district were told to teach online until the end of the week, officials in {town} added.",
    ])


def quote_page(k: int, day: str) -> str:
    return article_html(f"Minister speaks, day {k}", day, [
        f"\"We will rebuild every school in the region, number {k + 1} first,\" Defence Minister Oksana "
        f"Marchenko told reporters in Kyiv on the {k + 3}th day of the visit.",
        f"She said {k + 5} new air defence units would arrive within days.",
    ])


def rfc822(day: str) -> str:
    return time.strftime("%a, %d %b %Y 08:00:00 GMT", time.strptime(day, "%Y-%m-%d"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=4, help="articles per feed in the throughput round")
    ap.add_argument("--interval", type=float, default=30.0, help="poll interval in the latency run, seconds")
    ap.add_argument("--appearances", type=int, default=4, help="new quoted items in the latency run")
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    from sitrep.ingest import ingest
    from sitrep.pipeline import get_pipeline
    from sitrep.store import open_store
    from sitrep.watch import Watcher, parse_rules, parse_sources

    from sitrep.reader import InputDoc

    pipe = get_pipeline()
    tmp = Path(tempfile.mkdtemp(prefix="bench_watch_"))
    day = "2025-03-03"
    feeds: dict[int, list] = {}
    with Server() as server:
        server.route("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
        pages_dir = tmp / "pages"
        pages_dir.mkdir()
        for f in range(args.feeds):
            feeds[f] = []
            for i in range(args.items):
                path = f"/f{f:02d}/a{i}"
                html = page(f, i, day)
                server.route(path, html)
                (pages_dir / f"f{f:02d}_a{i}.html").write_text(html, encoding="utf-8")
                feeds[f].append((path, f"report {f}-{i}", rfc822(day)))
            server.route(f"/feed{f:02d}.xml", rss(feeds[f], server.url), ctype="application/rss+xml")
        # Warm-up: the model and every lazily loaded table (gazetteers, surname lists) are
        # loaded by extracting the pages once, so neither measurement pays for loading.
        for html_file in sorted(pages_dir.iterdir()):
            pipe.extract(InputDoc(content=html_file.read_text(encoding="utf-8"), format="html"))
        urls = [f"{server.url}/feed{f:02d}.xml" for f in range(args.feeds)]
        rules = parse_rules({"rule": [
            {"name": "minister-quoted", "kind": "quote", "speaker": "Marchenko", "window": "day"},
            {"name": "assault-spike", "kind": "count", "event": "ASSAULT", "actor": "RUS", "min_count": 3,
             "factor": 2.0, "baseline": 3, "window": "day"},
            {"name": "rus-ukr-hostile", "kind": "goldstein", "dyad": ["RUS", "UKR"], "below": -5.0, "window": "week"},
        ]})

        # 1. throughput: one round, watcher thread CPU
        alerts: list[tuple[float, dict]] = []
        w = Watcher(str(tmp / "watch.db"), parse_sources(urls), rules=rules, interval=args.interval, min_delay=0,
                    timeout=10, batch_size=32, on_alert=lambda a: alerts.append((time.monotonic(), a)))
        c0, t0 = time.thread_time(), time.perf_counter()
        rep = w.run_round()
        wall, cpu = time.perf_counter() - t0, time.thread_time() - c0
        n_items = rep.articles
        # 2. peer: plain ingest of the same pages, same process and model
        c1, t1 = time.thread_time(), time.perf_counter()
        summary = ingest([str(pages_dir)], db=str(tmp / "plain.db"))
        pwall, pcpu = time.perf_counter() - t1, time.thread_time() - c1
        # 3. latency: the loop at the poll interval; items appear at random moments
        seen: dict[str, float] = {}
        cond = threading.Condition()

        def on_alert(a: dict) -> None:
            with cond:
                seen.setdefault(f"{a['rule']}|{a['window']}", time.monotonic())
                cond.notify_all()

        w.on_alert = on_alert
        thread = threading.Thread(target=w.run, daemon=True)
        thread.start()
        lat = []
        for k in range(args.appearances):
            time.sleep(rng.uniform(0, args.interval))
            d = f"2025-04-{k + 1:02d}"
            f = rng.randrange(args.feeds)
            path = f"/f{f:02d}/q{k}"
            server.route(path, quote_page(k, d))
            feeds[f].append((path, f"minister {k}", rfc822(d)))
            appeared = time.monotonic()
            server.route(f"/feed{f:02d}.xml", rss(feeds[f], server.url), ctype="application/rss+xml")
            key = f"minister-quoted|{d}"
            with cond:
                cond.wait_for(lambda: key in seen, timeout=args.interval * 4 + 60)
            lat.append(seen[key] - appeared if key in seen else None)
        w.stop.set()
        thread.join(timeout=120)
        st = w.state
        n_alerts = st.count_alerts()
        w.close()
    plain = open_store(str(tmp / "plain.db"))
    plain_articles = plain.stats()["articles"]
    plain.close()
    got = [x for x in lat if x is not None]
    out = {
        "data": f"{args.feeds} feeds x {args.items} invented articles on 127.0.0.1, then {args.appearances} quoted items",
        "throughput": {"articles": n_items, "seconds": round(wall, 2), "items_per_min": round(n_items / wall * 60, 1),
                       "cpu_s_per_item": round(cpu / max(1, n_items), 4), "alerts_in_round": rep.alerts,
                       "requests": rep.polled + rep.fetched},
        "peer_plain_ingest": {"articles": plain_articles, "seconds": round(pwall, 2),
                              "items_per_min": round(summary["articles"] / pwall * 60, 1),
                              "cpu_s_per_item": round(pcpu / max(1, summary["articles"]), 4)},
        "cpu_ratio_watch_over_ingest": round((cpu / max(1, n_items)) / (pcpu / max(1, summary["articles"])), 3),
        "latency": {"interval_s": args.interval, "appearance_to_alert_s": [round(x, 1) if x is not None else None for x in lat],
                    "max_s": round(max(got), 1) if got else None, "median_s": round(statistics.median(got), 1) if got else None,
                    "missed": len(lat) - len(got)},
        "alerts_total": n_alerts,
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
