"""Accuracy floors on the hand-annotated gold set (benchmarks/gold/quotes), measured with
benchmarks/bench_quotes.py's scorer. Floors = measured figure minus a small margin."""

from __future__ import annotations

import json
import sys

from conftest import ROOT, need_shared

sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_quotes as bench  # noqa: E402


def _score(pipeline):
    bodies = json.loads(need_shared("data", "extraction", "article-extraction-benchmark",
                                    "ground-truth.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in bench.GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    tp = {"all": 0, "marked": 0}
    n_pred = dict.fromkeys(tp, 0)
    n_gold = dict.fromkeys(tp, 0)
    failed = 0
    for row in rows:
        text = bodies[row["article"]]["articleBody"]
        doc = pipeline.nlp(text)
        failed += any("sitrep_quotes" in e for e in doc._.sitrep.errors or [])
        gold = [{"quote": bench.norm(text, *q["quote"]), "speaker": tuple(q["speaker"]), "marked": q["marked"]}
                for q in row["quotes"]]
        pred = bench.sitrep_quotes(doc)
        for sub in tp:
            g = [x for x in gold if sub == "all" or x["marked"]]
            p = [x for x in pred if sub == "all" or x["marked"]]
            tp[sub] += bench.match(g, p, exact=False, with_speaker=True)
            n_pred[sub] += len(p)
            n_gold[sub] += len(g)
    return {sub: bench.prf(tp[sub], n_pred[sub], n_gold[sub])[2] for sub in tp}, failed, len(rows)


def test_quote_and_speaker_f1_floors(pipeline):
    f1, failed, n = _score(pipeline)
    assert n >= 20 and failed == 0
    # Measured (issue 19): all 0.799, marked 0.899 (quote+speaker, Jaccard >= 0.5), in the
    # issue-4 view of the records (bench_quotes.sitrep_quotes). Lower than issue 4's 0.915 /
    # 0.943: the set was annotated for speech verbs only, and sitrep now also reports the
    # accusations, beliefs, intents and noun cues the attribution literature counts.
    assert f1["all"] >= 0.77
    assert f1["marked"] >= 0.87
