"""Generate a synthetic sitrep SQLite database with N events (default 1,000,000).

    .venv/bin/python benchmarks/gen_synthetic_db.py /tmp/synth.db --events 1000000

The schema and indexes are sitrep's own (created through ``open_store``); rows are
written with plain ``sqlite3.executemany`` for speed. Shapes follow real event data:
actor frequencies are Zipf-like (a few dyads such as RUS-UKR dominate), 10 events and 3
quotes per article, ~10% of events are syndicated copies (non-primary rows in a
near-duplicate cluster), dates spread over 2015-2024, speaker names Zipf-distributed.
Do not commit the database (it is ~1 GB for 1M events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.store import open_store  # noqa: E402

COUNTRIES = ["RUS", "UKR", "USA", "CHN", "GBR", "FRA", "DEU", "TUR", "IRN", "ISR", "PSE", "SYR", "IRQ", "AFG",
             "PAK", "IND", "NGA", "ETH", "SDN", "SSD", "COD", "MLI", "LBY", "YEM", "SAU", "EGY", "VEN", "COL",
             "MEX", "BRA", "PRK", "KOR", "JPN", "TWN", "PHL", "MMR", "BLR", "POL", "HUN", "SRB"]
ROLES = ["", "GOV", "MIL", "COP", "REB", "OPP", "CVL", "MED"]
PLOVER = [("CONSULT", "040", 1.0), ("AGREE", "030", 4.0), ("COOPERATE", "050", 3.5), ("AID", "070", 7.0),
          ("REQUEST", "100", -5.0), ("ACCUSE", "112", -2.0), ("REJECT", "120", -4.0), ("THREATEN", "130", -4.4),
          ("PROTEST", "140", -6.5), ("SANCTION", "163", -8.0), ("MOBILIZE", "154", -7.2), ("COERCE", "170", -7.0),
          ("ASSAULT", "190", -10.0), ("ASSAULT", "195", -10.0), ("RETREAT", "080", 5.0)]
MODALITIES = ["asserted"] * 70 + ["reported"] * 20 + ["planned"] * 5 + ["hypothetical"] * 3 + ["denied"] * 2
FIRST = ["Vladimir", "Volodymyr", "Joe", "Xi", "Boris", "Emmanuel", "Olaf", "Recep", "Ali", "Benjamin", "Dmitry",
         "Sergei", "Antony", "Jens", "Ursula", "Narendra", "Abiy", "Kim", "Ebrahim", "Mohammed"]
LAST = ["Putin", "Zelenskiy", "Biden", "Jinping", "Johnson", "Macron", "Scholz", "Erdogan", "Khamenei", "Netanyahu",
        "Peskov", "Lavrov", "Blinken", "Stoltenberg", "von der Leyen", "Modi", "Ahmed", "Jong Un", "Raisi", "bin Salman"]


def zipf_choice(rng: random.Random, items: list, s: float = 1.1):
    cum, total = [], 0.0
    for i in range(len(items)):
        total += 1.0 / (i + 1) ** s
        cum.append(total)
    return lambda: rng.choices(items, cum_weights=cum, k=1)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    path = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_store(str(path)).close()  # sitrep's schema, indexes and version

    rng = random.Random(args.seed)
    country = zipf_choice(rng, COUNTRIES, 1.2)
    # The real pairs first (most quoted), then every other combination as a long tail.
    speakers = list(dict.fromkeys([f"{FIRST[i]} {LAST[i]}" for i in range(len(LAST))]
                                  + [f"{f} {l}" for l in LAST for f in FIRST]))
    speaker = zipf_choice(rng, speakers, 1.05)
    start = dt.date(2015, 1, 1)
    n_articles = max(1, args.events // 10)

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    t0 = time.perf_counter()
    names: set[str] = set()
    ev_rows, q_rows, a_rows = [], [], []
    n_ev = 0
    for a in range(n_articles):
        art = f"{a:064x}"
        day = (start + dt.timedelta(days=rng.randrange(3650))).isoformat()
        cluster = art if rng.random() > 0.1 or a == 0 else f"{rng.randrange(a):064x}"
        primary = 1 if cluster == art else 0
        rec = {"schema_version": "1.0", "id": art, "text": f"synthetic article {a}", "published": day}
        a_rows.append((art, f"synthetic/{a}", f"Synthetic article {a}", day, "en", None, cluster, 0, 3, 10, a + 1,
                       json.dumps(rec)))
        for k in range(10):
            if n_ev >= args.events:
                break
            n_ev += 1
            src, tgt = country(), country()
            while tgt == src:
                tgt = country()
            sc, tc = src + rng.choice(ROLES), tgt + rng.choice(ROLES)
            plover, cameo, gold = rng.choice(PLOVER)
            mod = rng.choice(MODALITIES)
            eid = f"e{k:015d}"
            data = json.dumps({"id": eid, "plover": plover, "cameo": cameo, "goldstein": gold, "modality": mod,
                               "source": {"text": sc, "code": sc, "country": src},
                               "target": {"text": tc, "code": tc, "country": tgt},
                               "evidence": {"start": 0, "end": 9, "text": "synthetic", "field": "text"}},
                              separators=(",", ":"))
            ev_rows.append((art, eid, f"{a}-{k}", cluster, primary, 1 + (rng.random() < 0.2) * rng.randrange(1, 20),
                            plover, None, cameo, gold, mod, sc, src, sc, tc, tgt, tc, day, day, None, data))
        for k in range(3):
            name = speaker()
            names.add(name)
            qid = f"q{k:015d}"
            text = f"synthetic quote {a}-{k} about {rng.choice(COUNTRIES)}"
            q_rows.append((art, qid, f"{a}-{k}", cluster, primary, 1, "direct", None, name, text, 0, len(text), day,
                           json.dumps({"id": qid, "text": text, "start": 0, "end": len(text), "kind": "direct",
                                       "speaker_text": name})))
        if len(ev_rows) >= 50_000 or a == n_articles - 1:
            with con:
                con.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", a_rows)
                con.executemany("INSERT INTO events VALUES (" + ",".join("?" * 21) + ")", ev_rows)
                con.executemany("INSERT INTO quotes VALUES (" + ",".join("?" * 14) + ")", q_rows)
            a_rows, ev_rows, q_rows = [], [], []
            print(f"\r{n_ev:,} events ({time.perf_counter() - t0:.0f} s)", end="", file=sys.stderr)
    with con:
        con.executemany("INSERT OR IGNORE INTO speakers VALUES (?, 0)", [(n,) for n in sorted(names)])
    con.close()
    store = open_store(str(path))
    store.rebuild_aggregates()  # rows went around the writer: sum them as it would have
    store.close()
    con = sqlite3.connect(path)
    con.execute("ANALYZE")  # planner statistics, as a long-running corpus would have
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    print(f"\n{path}: {n_ev:,} events, {n_articles:,} articles, {n_articles * 3:,} quotes, "
          f"{len(names):,} speakers in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
