"""Plain-text page anatomy on the article-extraction-benchmark (181 pages as text dumps).

    .venv/bin/python benchmarks/bench_anatomy_text.py [--folds 5]

sitrep's line model is scored by 5-fold cross-validation *by page*: each page's body is
predicted by weights fitted on the other folds only (the shipped weights, fitted on all
pages, are never scored here). Speed is measured with the shipped weights on all pages.
The first row is what a user gets: every page through ``sitrep extract``'s pipeline (reader
checks, anatomy, language identification, the stages), its ``record.text`` scored, a page
refused with an error record scored as empty; all 181 pages, every language. Per language
group (the language of the true body) the same systems are scored again.
Peers, same data, same scorer, same run: the whole page as the body; trafilatura
(precision mode) given the same text (one <p> per line, its only way to read text);
and, for reference, trafilatura on the original HTML (information a text dump lacks).
"""

from __future__ import annotations

import argparse
import html as _html
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scoring import BENCH_DIR, corpus_prf, language_group, load_benchmark, load_html, print_groups, user_bodies  # noqa: E402


def _text_as_html(page: str) -> str:
    paras = "".join(f"<p>{_html.escape(l.strip())}</p>\n" for l in page.splitlines() if l.strip())
    return f"<html><body>{paras}</body></html>"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--word-features", action="store_true",
                    help="Only the check of the line model's word-list features: 5-fold CV with and without "
                         "them, per language group (issue 14).")
    args = ap.parse_args()
    if not BENCH_DIR.exists():
        print(f"SKIP: reference data {BENCH_DIR} is absent")
        return
    import trafilatura

    from sitrep.anatomy import from_text
    from sitrep.anatomy import train

    truth, rows = load_benchmark()
    gold = [truth[r["id"]]["articleBody"] for r in rows]
    pages = [(r["page_text"], g) for r, g in zip(rows, gold)]
    if args.word_features:
        word_features(pages, gold, args.folds)
        return
    results = []

    def timed(fn, items):
        """Outputs, wall-clock pages/s and CPU pages/s (the shared machine is busy, so
        CPU time is the steadier speed figure)."""
        t0, c0 = time.perf_counter(), time.process_time()
        out = [fn(x) for x in items]
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        return out, len(items) / wall, len(items) / cpu

    from sitrep.language import identify
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    # As a user runs it: sitrep extract's pipeline, each fold's pages with that fold's
    # weights (speed: the whole pipeline, spaCy included, with the shipped weights).
    pipe = Pipeline()
    user = [""] * len(pages)
    refused = 0
    for w, held_out in train.fold_weights(pages, folds=args.folds):
        pipe.line_weights = w
        got = user_bodies(pipe, [InputDoc(content=pages[i][0], source=rows[i]["id"], format="text") for i in held_out])
        for i, body in zip(held_out, got):
            user[i] = body
            refused += not body
    pipe.line_weights = None
    t0, c0 = time.perf_counter(), time.process_time()
    user_bodies(pipe, [InputDoc(content=p, source=r["id"], format="text") for (p, _), r in zip(pages, rows)])
    wall, cpu = len(pages) / (time.perf_counter() - t0), len(pages) / (time.process_time() - c0)
    results.append((f"sitrep extract, as a user gets it (CV; {refused} refused)", corpus_prf(zip(user, gold)), wall, cpu))

    # sitrep's anatomy alone, cross-validated by page (the same routine the test suite
    # uses); speed measured with the shipped weights.
    preds = train.cross_validate(pages, folds=args.folds)
    _, wall, cpu = timed(lambda p: from_text(p[0]), pages)
    results.append(("sitrep from_text (5-fold CV by page)", corpus_prf(zip(preds, gold)), wall, cpu))

    results.append(("whole page as body", corpus_prf(zip([p for p, _ in pages], gold)), None, None))

    traf_text, wall, cpu = timed(lambda p: trafilatura.extract(_text_as_html(p[0]), favor_precision=True) or "", pages)
    results.append((f"trafilatura {trafilatura.__version__} precision, same text", corpus_prf(zip(traf_text, gold)), wall, cpu))

    htmls = [load_html(r["id"]) for r in rows]
    traf_html, wall, cpu = timed(lambda h: trafilatura.extract(h, favor_precision=True) or "", htmls)
    results.append((f"trafilatura {trafilatura.__version__} precision, on the HTML", corpus_prf(zip(traf_html, gold)), wall, cpu))

    base = results[0][1]["f1"]
    groups = [language_group(g.language, g.script) for g in map(identify, gold)]
    print(f"article-extraction-benchmark, {len(pages)} pages (text dumps), 4-gram scorer")
    print(f"{'system':58} {'P':>6} {'R':>6} {'F1':>6} {'F1 ratio':>8} {'pages/s':>8} {'CPU p/s':>8}")
    for name, r, wall, cpu in results:
        sp = f"{wall:8.0f} {cpu:8.0f}" if wall else f"{'-':>8} {'-':>8}"
        print(f"{name:58} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} {base / r['f1'] if r['f1'] else 0:8.2f} {sp}")
    print("F1 ratio = sitrep F1 / system F1")
    print_groups({"sitrep extract (user)": user, "sitrep from_text": preds, "trafilatura, same text": traf_text,
                  "trafilatura, on the HTML": traf_html}, gold, groups)
    date_table(rows, htmls)
    title_table(rows, htmls)


def word_features(pages, gold, folds: int) -> None:
    """The line model has four features read from word lists (chrome words, byline words,
    English month abbreviations, comment-section openers); all others are shapes (length,
    punctuation, capitalisation, position, neighbours). Cross-validated F1 per language group
    with those lists as shipped, and with them emptied (features always 0, refitted)."""
    import re

    from sitrep.anatomy import lines, train
    from sitrep.language import identify

    groups = [language_group(g.language, g.script) for g in map(identify, gold)]
    never = re.compile(r"(?!)")
    runs = {"word lists as shipped": train.cross_validate(pages, folds=folds)}
    saved = {k: getattr(lines, k) for k in ("_CHROME", "_BYLINE", "_DATEISH", "_COMMENTS")}
    try:
        for k in saved:
            setattr(lines, k, never)
        runs["no word-list features"] = train.cross_validate(pages, folds=folds)
    finally:
        for k, v in saved.items():
            setattr(lines, k, v)
    for name, preds in runs.items():
        print(f"{name:28} all 181 pages F1 {corpus_prf(zip(preds, gold))['f1']:.3f}")
    print_groups(runs, gold, groups)


def title_table(rows, htmls) -> None:
    """Headline found in the text dump vs the title trafilatura reads from the page's
    HTML metadata (equal after folding case and punctuation, or contained in it: HTML
    titles often carry a site suffix)."""
    import re

    import trafilatura

    from sitrep.anatomy import from_text

    def norm(s):
        return re.sub(r"\W+", " ", (s or "").lower()).strip()

    n = same = none = 0
    for r, h in zip(rows, htmls):
        m = trafilatura.extract_metadata(h)
        if not m or not m.title:
            continue
        n += 1
        ours = norm(from_text(r["page_text"]).title)
        ref = norm(m.title)
        if not ours:
            none += 1
        elif ours == ref or (len(ours) > 15 and (ours in ref or ref in ours)):
            same += 1
    print(f"\nheadline from the text dump vs trafilatura's HTML title, {n} pages: "
          f"{same} agree ({same / n:.2f}), {none} none, {n - same - none} differ")


def date_table(rows, htmls) -> None:
    """Publication date from the text dump, against the date in the page URL
    (/YYYY/MM/DD/) as the reference; the URL is withheld from both systems."""
    from htmldate import find_date

    from sitrep.anatomy import from_text
    from sitrep.anatomy.dates import date_from_url

    c = {"sitrep from_text (text dump)": [0, 0, 0], "htmldate find_date (on the HTML)": [0, 0, 0]}
    n = 0
    for r, h in zip(rows, htmls):
        gold = date_from_url(r["url"])
        if not gold:
            continue
        n += 1
        got = {
            "sitrep from_text (text dump)": from_text(r["page_text"]).published,
            "htmldate find_date (on the HTML)": find_date(h, original_date=True),
        }
        for k, v in got.items():
            c[k][0 if v == gold else (2 if v is None else 1)] += 1
    print(f"\npublication date on the {n} pages whose URL states the day (URL withheld)")
    print(f"{'system':40} {'right':>6} {'other':>6} {'none':>6}")
    for k, (right, other, none) in c.items():
        print(f"{k:40} {right:6} {other:6} {none:6}")


if __name__ == "__main__":
    main()
