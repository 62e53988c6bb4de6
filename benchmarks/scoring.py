"""The article-extraction-benchmark score, shared by the anatomy benchmarks.

Tokens are ``\\w+`` matches; each text becomes a multiset of word 4-grams. Per page:
tp = shared 4-grams, fp = extra in the prediction, fn = missing from the truth. Corpus
precision and recall are the *means over pages*, and F1 is computed from those two
means (the benchmark's own definition, so our figures compare with its published ones).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

_TOKEN = re.compile(r"\w+", re.U)

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_path  # noqa: E402
BENCH_DIR = shared_path("data", "extraction", "article-extraction-benchmark")


def ngrams(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_pr(pred: str, truth: str) -> tuple[float, float]:
    """Precision and recall of one page's predicted body against its true body.

    An empty prediction has precision 1 when the truth is empty too, else 0; an empty
    truth gives recall 1 (nothing to miss) — the benchmark's convention."""
    p, t = ngrams(pred), ngrams(truth)
    tp = sum((p & t).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    precision = tp / (tp + fp) if tp + fp else (1.0 if not t else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def corpus_prf(pairs: Iterable[tuple[str, str]]) -> dict:
    """Mean precision and recall over pages, F1 from the two means."""
    ps, rs = [], []
    for pred, truth in pairs:
        p, r = page_pr(pred, truth)
        ps.append(p)
        rs.append(r)
    if not ps:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    P, R = sum(ps) / len(ps), sum(rs) / len(rs)
    return {"precision": P, "recall": R, "f1": 2 * P * R / (P + R) if P + R else 0.0, "pages": len(ps)}


def load_benchmark(bench_dir: Optional[Path] = None) -> tuple[dict, list[dict]]:
    """(ground truth {id: {articleBody, url}}, page-text rows [{id, url, page_text}])."""
    d = bench_dir or BENCH_DIR
    truth = json.loads((d / "ground-truth.json").read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in (d / "page-text.jsonl").open(encoding="utf-8") if line.strip()]
    return truth, rows


def load_html(page_id: str, bench_dir: Optional[Path] = None) -> str:
    d = bench_dir or BENCH_DIR
    with gzip.open(d / "html" / f"{page_id}.html.gz", "rt", encoding="utf8") as fh:
        return fh.read()


def user_bodies(pipe, items) -> list[str]:
    """The body of each record exactly as ``sitrep extract`` returns it (``record.text``),
    through the real pipeline (reader checks, anatomy, language routing, NLP); a document
    refused with an error record scores as an empty body."""
    out = []
    for rec in pipe.extract_many(items):
        out.append(getattr(rec, "text", "") or "")
    return out


def language_group(lang: str, script) -> str:  # noqa: ANN001
    if lang == "en":
        return "English"
    if script == "Latin":
        return "other Latin script"
    return f"{script or 'other'} script"


def group_rows(systems: dict, gold: list[str], groups: list[str]) -> list[tuple]:
    """(group, pages, {system: F1}) for each language group, biggest first."""
    from collections import Counter

    rows = []
    for g, n in Counter(groups).most_common():
        idx = [i for i, x in enumerate(groups) if x == g]
        rows.append((g, n, {name: corpus_prf((preds[i], gold[i]) for i in idx)["f1"] for name, preds in systems.items()}))
    return rows


def print_groups(systems: dict, gold: list[str], groups: list[str]) -> None:
    names = list(systems)
    print("\nF1 by language group (language of the true body, sitrep.language.identify)")
    print(f"{'group':22} {'pages':>5} " + " ".join(f"{n[:28]:>28}" for n in names))
    for g, n, f1 in group_rows(systems, gold, groups):
        print(f"{g:22} {n:5} " + " ".join(f"{f1[x]:28.3f}" for x in names))
