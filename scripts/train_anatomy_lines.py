"""Fit the plain-text line model and write sitrep/data/anatomy_lines.json.

Data: ../shared/data/extraction/article-extraction-benchmark (page-text.jsonl and
ground-truth.json; MIT, scrapinghub). Only the learned weights are written (a few dozen
numbers); no page text leaves the shared folder. The figures reported for this model come
from benchmarks/bench_anatomy_text.py, which cross-validates by page.

    .venv/bin/python scripts/train_anatomy_lines.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from scoring import BENCH_DIR, load_benchmark  # noqa: E402

from sitrep.anatomy import train  # noqa: E402

OUT = ROOT / "sitrep" / "data" / "anatomy_lines.json"


def main() -> None:
    if not BENCH_DIR.exists():
        sys.exit(f"reference data {BENCH_DIR} is absent")
    truth, rows = load_benchmark()
    pages = [(r["page_text"], truth[r["id"]]["articleBody"]) for r in rows]
    X, y, sw, sizes = train.build_matrix(pages)
    weights = train.fit(X, y, sw, C=train.DEFAULT_C, pages=sizes)
    weights["region_threshold"] = train.REGION_THRESHOLD
    weights["keep_threshold"] = train.KEEP_THRESHOLD
    weights["trained_on"] = "scrapinghub/article-extraction-benchmark page-text.jsonl (181 pages, MIT)"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(X)} lines from {len(pages)} pages)")


if __name__ == "__main__":
    main()
