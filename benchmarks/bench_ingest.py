"""Ingest throughput and memory vs bare spaCy, same documents, same run (issue 7).

    .venv/bin/python benchmarks/bench_ingest.py [--docs 1000]

Documents: the real article pages of ``../shared/data/extraction/article-extraction-
benchmark/`` — ``--form text`` (default): the whole-page text dumps of ``page-text.jsonl``
(the seed's form), English pages only (162), so every mode reads the same documents;
``--form html``: the 181 HTML pages — cycled to ``--docs`` inputs with distinct ids (the
store keeps each distinct body once and counts the other inputs as copies, i.e. mentions).
Modes, each in a fresh process so memory is measured per mode:

* ``spacy_pages`` peer: bare ``nlp.pipe`` (the same spaCy model, all its components) over
               the documents as the user has them (text form only: spaCy cannot read HTML);
* ``spacy``    peer: bare ``nlp.pipe`` over the article bodies sitrep extracts from those
               pages (bodies made before timing) — the strict view of sitrep's overhead;
* ``extract``  ``pipeline.annotate_batch`` over the pages (page anatomy + spaCy + sitrep);
* ``ingest1``  ``sitrep ingest`` of the pages (as jsonl) into a new SQLite file, 1 worker;
* ``ingest2``  the same with 2 worker processes.

Peak RSS is sampled every 0.2 s for every process of the mode (the parent and each
worker); "growth" compares each process's RSS at the end of the run with its RSS at
the halfway mark (flat memory = ~0%).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from sitrep.refdata import shared_path  # noqa: E402
PAGES = shared_path("data", "extraction", "article-extraction-benchmark", "html")


def make_inputs(n: int, out: Path, form: str = "text") -> int:
    if form == "text":
        from sitrep.language import identify

        base = PAGES.parent
        truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
        with open(base / "page-text.jsonl", encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh]
        rows = sorted((r for r in rows if identify(truth[r["id"]]["articleBody"]).language == "en"), key=lambda r: r["id"])
        with open(out, "w", encoding="utf-8") as fh:
            for i in range(n):
                r = rows[i % len(rows)]
                fh.write(json.dumps({"id": f"{r['id']}-{i // len(rows)}", "text": r["page_text"]}) + "\n")
        return len(rows)
    pages = sorted(PAGES.glob("*.html.gz"))
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            p = pages[i % len(pages)]
            with gzip.open(p, "rt", encoding="utf8") as g:
                html = g.read()
            fh.write(json.dumps({"id": f"{p.name.split('.')[0]}-{i // len(pages)}", "html": html}) + "\n")
    return len(pages)


def _load(jsonl: Path) -> list[dict]:
    with open(jsonl, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def child(mode: str, jsonl: Path, db: Path) -> dict:
    """Runs one mode in this process; returns its timing (model load excluded)."""
    # Only the in-memory modes hold the inputs; ingest reads the file lazily as users do.
    rows = _load(jsonl) if mode in ("spacy", "spacy_pages", "extract") else []
    if mode in ("spacy", "spacy_pages"):
        import spacy

        from sitrep import anatomy
        from sitrep.nlp import MODEL

        if mode == "spacy_pages":
            bodies = [r["text"] for r in rows if "text" in r]
        else:
            bodies = [anatomy.from_html(r["html"]).body if "html" in r else anatomy.from_text(r["text"]).body for r in rows]
        nlp = spacy.load(MODEL)
        list(nlp.pipe(bodies[:8]))  # warm-up, like the others' model load
        t = time.perf_counter()
        for _ in nlp.pipe(bodies, batch_size=16):
            pass
        return {"seconds": time.perf_counter() - t, "docs": len(bodies)}
    if mode == "extract":
        from sitrep.pipeline import annotate_batch, get_pipeline

        get_pipeline()
        annotate_batch([{"content": rows[0].get("html") or rows[0]["text"], "format": "html" if "html" in rows[0] else "text"}])
        form = "html" if "html" in rows[0] else "text"
        payloads = [{"content": r[form], "format": form, "id": r["id"], "source": r["id"]} for r in rows]
        t = time.perf_counter()
        for i in range(0, len(payloads), 32):
            annotate_batch(payloads[i : i + 32])
        return {"seconds": time.perf_counter() - t, "docs": len(payloads)}
    from sitrep.ingest import ingest
    from sitrep.pipeline import get_pipeline

    workers = int(mode[-1])
    if workers == 1:
        get_pipeline()  # the parent is the worker: load before timing, as workers do
    t = time.perf_counter()
    summary = ingest([str(jsonl)], db=str(db), workers=workers)
    out = {"seconds": time.perf_counter() - t, "docs": summary["documents"], "summary": summary}
    return out


def run_mode(mode: str, jsonl: Path, db: Path) -> dict:
    import psutil

    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, "--jsonl", str(jsonl), "--db", str(db)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    samples: dict[int, list[tuple[float, int]]] = {}
    t0 = time.perf_counter()
    while proc.poll() is None:
        try:
            for p in [ps] + ps.children(recursive=True):
                try:
                    samples.setdefault(p.pid, []).append((time.perf_counter() - t0, p.memory_info().rss))
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.2)
    out = json.loads(proc.stdout.read().strip().splitlines()[-1])
    wall = time.perf_counter() - t0
    procs = []
    for pid, s in samples.items():
        if len(s) < 5 or max(r for _, r in s) < 100 * 2**20:
            continue  # short-lived helpers (resource tracker), not workers
        peak = max(r for _, r in s)
        # Max RSS in the second half of the timed part vs the first half (the model load
        # before timing is not growth; the exit at the end is not shrinkage).
        t_start = wall - out["seconds"]
        first = [r for tt, r in s if t_start <= tt < t_start + out["seconds"] / 2]
        second = [r for tt, r in s if tt >= t_start + out["seconds"] / 2]
        growth = (max(second) - max(first)) / max(first) * 100 if first and second else 0.0
        procs.append({"pid": pid, "peak_mb": peak / 2**20, "growth_pct": growth})
    out["procs"] = procs
    out["docs_per_s"] = out["docs"] / out["seconds"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--form", choices=["text", "html"], default="text")
    ap.add_argument("--modes", default="spacy_pages,spacy,extract,ingest1,ingest2")
    ap.add_argument("--results", default=None, help="also append each mode's result (JSON) to this file")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--jsonl", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--db", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, Path(args.jsonl), Path(args.db))))
        return
    if not PAGES.exists():
        print(f"{PAGES} is absent (../shared/ is not part of a fresh clone): nothing to measure")
        return
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-ingest-"))
    jsonl = tmp / "pages.jsonl"
    distinct = make_inputs(args.docs, jsonl, args.form)
    if args.form == "html":
        args.modes = ",".join(m for m in args.modes.split(",") if m != "spacy_pages")
    print(f"{args.docs} {args.form} documents ({distinct} distinct pages), {os.cpu_count()} CPUs, load avg "
          f"{os.getloadavg()[0]:.1f} at start")
    results = {}
    for mode in args.modes.split(","):
        results[mode] = run_mode(mode, jsonl, tmp / f"{mode}.db")
        r = results[mode]
        print(f"  {mode}: {r['docs_per_s']:.2f} docs/s", file=sys.stderr)
        if args.results:
            with open(args.results, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"mode": mode, **r}, default=str) + "\n")
    base = results.get("spacy", {}).get("docs_per_s")
    base_pages = results.get("spacy_pages", {}).get("docs_per_s")
    labels = {"spacy": "bare spaCy nlp.pipe over the extracted bodies (peer)",
              "spacy_pages": "bare spaCy nlp.pipe over the documents as given (peer)", "extract": "sitrep extract (annotate_batch)",
              "ingest1": "sitrep ingest -> SQLite, 1 worker", "ingest2": "sitrep ingest -> SQLite, 2 workers"}
    print()
    print("| mode | docs/s | x spaCy on bodies | x spaCy on documents | peak RSS per process (MB) | RSS growth 2nd half |")
    print("|---|---:|---:|---:|---|---|")
    for mode, r in results.items():
        ratio = f"{r['docs_per_s'] / base:.2f}" if base else "-"
        ratio += " | " + (f"{r['docs_per_s'] / base_pages:.2f}" if base_pages else "-")
        peaks = ", ".join(f"{p['peak_mb']:.0f}" for p in r["procs"])
        growth = ", ".join(f"{p['growth_pct']:+.1f}%" for p in r["procs"])
        print(f"| {labels.get(mode, mode)} | {r['docs_per_s']:.2f} | {ratio} | {peaks} | {growth} |")
    for mode in ("ingest1", "ingest2"):
        if mode in results:
            s = results[mode]["summary"]
            print(f"\n{mode}: {s['articles']} articles, {s['duplicates']} copies, {s['errors']} errors "
                  f"{s['error_codes']}, {s['events']} events, {s['quotes']} quotes")
    print(f"\nload avg at end {os.getloadavg()[0]:.1f}; files in {tmp}")


if __name__ == "__main__":
    main()
