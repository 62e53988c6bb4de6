"""HTML page anatomy: body on the article-extraction-benchmark, title/byline/date on
Mozilla's readability test pages.

    .venv/bin/python benchmarks/bench_anatomy_html.py

The first row is what a user gets from ``sitrep extract`` (the whole pipeline: reader
checks, anatomy, language identification, the stages; ``record.text`` scored; an error
record scores as empty), on all 181 pages in every language, with per-language-group
figures. Peer in the same run: trafilatura alone (precision mode, its defaults otherwise), the
engine sitrep's HTML anatomy wraps. Body: 4-gram P/R/F1 (benchmarks/scoring.py).
Metadata: share of pages where the value matches Readability's expected-metadata.json
(title: equal after whitespace/case folding; byline: one contains the other; date: the
same YYYY-MM-DD, over pages that state one), plus dates returned where the expected
metadata has none (not necessarily wrong: Readability does not look everywhere).
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import BENCH_DIR, corpus_prf, language_group, load_benchmark, load_html, print_groups, user_bodies  # noqa: E402

READABILITY = BENCH_DIR.parent / "readability-test-pages"
_WS = re.compile(r"\s+")


def _norm(s) -> str:
    return _WS.sub(" ", (s or "")).strip().lower()


def body_table() -> None:
    import trafilatura

    from sitrep.anatomy import from_html

    truth, rows = load_benchmark()
    gold = [truth[r["id"]]["articleBody"] for r in rows]
    htmls = [load_html(r["id"]) for r in rows]
    urls = [r["url"] for r in rows]
    t0, c0 = time.perf_counter(), time.process_time()
    ours = [from_html(h, url=u).body for h, u in zip(htmls, urls)]
    our_speed, our_cpu = len(rows) / (time.perf_counter() - t0), len(rows) / (time.process_time() - c0)
    t0, c0 = time.perf_counter(), time.process_time()
    peer = [trafilatura.extract(h, url=u, favor_precision=True) or "" for h, u in zip(htmls, urls)]
    peer_speed, peer_cpu = len(rows) / (time.perf_counter() - t0), len(rows) / (time.process_time() - c0)
    from sitrep.language import identify
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    # As a user gets it: every page through sitrep extract's pipeline; an error record = empty.
    pipe = Pipeline()
    t0, c0 = time.perf_counter(), time.process_time()
    user = user_bodies(pipe, [InputDoc(content=h, source=r["id"], format="html", url=u) for h, r, u in zip(htmls, rows, urls)])
    user_speed, user_cpu = len(rows) / (time.perf_counter() - t0), len(rows) / (time.process_time() - c0)
    u = corpus_prf(zip(user, gold))
    a, b = corpus_prf(zip(ours, gold)), corpus_prf(zip(peer, gold))
    print(f"article-extraction-benchmark, {len(rows)} HTML pages, 4-gram scorer")
    print(f"{'system':44} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8} {'CPU p/s':>8}")
    name = f"sitrep extract, as a user gets it ({sum(not x for x in user)} empty)"
    print(f"{name:44} {u['precision']:6.3f} {u['recall']:6.3f} {u['f1']:6.3f} {user_speed:8.1f} {user_cpu:8.1f}")
    print(f"{'sitrep from_html':44} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} {our_speed:8.1f} {our_cpu:8.1f}")
    name = f"trafilatura {trafilatura.__version__} precision"
    print(f"{name:44} {b['precision']:6.3f} {b['recall']:6.3f} {b['f1']:6.3f} {peer_speed:8.1f} {peer_cpu:8.1f}")
    print(f"F1 ratio sitrep extract/trafilatura: {u['f1'] / b['f1']:.3f}")
    groups = [language_group(g.language, g.script) for g in map(identify, gold)]
    print_groups({"sitrep extract (user)": user, "sitrep from_html": ours, "trafilatura": peer}, gold, groups)


def metadata_table() -> None:
    import trafilatura

    from sitrep.anatomy import from_html

    if not READABILITY.exists():
        print(f"SKIP metadata: {READABILITY} is absent")
        return
    pages = []
    for d in sorted(p for p in READABILITY.iterdir() if (p / "expected-metadata.json").exists()):
        with gzip.open(d / "source.html.gz", "rt", encoding="utf8", errors="replace") as fh:
            html = fh.read()
        pages.append((html, json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))))

    def score(get) -> dict:
        c = {"title": 0, "byline": 0, "date": 0, "n_title": 0, "n_byline": 0, "n_date": 0, "extra_date": 0}
        for html, exp in pages:
            title, byline, date = get(html)
            if exp.get("title"):
                c["n_title"] += 1
                c["title"] += _norm(title) == _norm(exp["title"])
            if exp.get("byline"):
                c["n_byline"] += 1
                e, o = _norm(exp["byline"]), _norm(byline)
                c["byline"] += bool(o) and (o in e or e in o)
            if exp.get("publishedTime"):
                c["n_date"] += 1
                c["date"] += (date or "")[:10] == exp["publishedTime"][:10]
            elif date:
                c["extra_date"] += 1
        return c

    def ours(html):
        a = from_html(html, include_boilerplate=False)
        return a.title, a.byline, a.published

    def peer(html):
        m = trafilatura.extract_metadata(html)
        return (m.title, m.author, m.date) if m else (None, None, None)

    print(f"\nreadability test pages ({len(pages)}): metadata matching expected-metadata.json")
    print(f"{'system':28} {'title':>13} {'byline':>13} {'date':>13} {'dates not expected':>19}")
    for name, get in (("sitrep from_html", ours), (f"trafilatura {trafilatura.__version__}", peer)):
        c = score(get)
        cells = [f"{c[k]}/{c['n_' + k]} {c[k] / c['n_' + k]:.2f}" for k in ("title", "byline", "date")]
        print(f"{name:28} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13} {c['extra_date']:>19}")


def main() -> None:
    if not BENCH_DIR.exists():
        print(f"SKIP: reference data {BENCH_DIR} is absent")
        return
    body_table()
    metadata_table()


if __name__ == "__main__":
    main()
