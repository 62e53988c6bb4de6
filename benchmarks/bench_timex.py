"""Benchmark: time expressions (span + TIMEX3 value) vs dateparser's ``search_dates``.

Gold: ``benchmarks/gold/timex/gold.jsonl``, annotated by hand from 17 English news articles
of the article-extraction-benchmark (``../shared/data/extraction/article-extraction-benchmark``):
per article its id, publication date (from the page's metadata / URL) and the time
expressions as character offsets into ``articleBody`` with TIMEX3 type and value. The
texts themselves are read from ../shared at run time (not stored here).

Both systems get the same text and the same reference date (dateparser through
``settings={"RELATIVE_BASE": ...}``). Metrics:

* exact span: precision / recall / F1 of predicted (start, end) against gold;
* overlap recall: gold expressions touched by some prediction;
* value accuracy: share of gold expressions for which a prediction overlapping it
  carries the gold value. dateparser returns a datetime, not a TIMEX3 value, so its
  datetime is cut to the gold value's granularity (year, month, ISO week, day, day+hour)
  before comparing - a lenient reading in its favour; it has no way to express
  durations or sets.

Run: ``.venv/bin/python benchmarks/bench_timex.py``
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "benchmarks" / "gold" / "timex"
# dev: the first set; its first run guided rule fixes, so its figures are optimistic.
# heldout: annotated after those fixes and never used to change the rules.
SETS = (("dev", GOLD_DIR / "gold.jsonl"), ("held-out", GOLD_DIR / "heldout.jsonl"))
SHARED = ROOT.parent / "shared" / "data" / "extraction" / "article-extraction-benchmark" / "ground-truth.json"


def load(path: Path):
    if not SHARED.exists():
        print(f"skip: {SHARED} is absent (../shared/ is not part of a fresh clone)")
        sys.exit(0)
    texts = json.loads(SHARED.read_text(encoding="utf-8"))
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(g, texts[g["id"]]["articleBody"]) for g in gold]


def run_sitrep(data):
    from sitrep.nlp import load_nlp
    from sitrep.timex import annotate

    nlp = load_nlp(components=())  # the spaCy model alone: its time is the base cost
    out, t_model, t_timex = [], 0.0, 0.0
    for g, text in data:
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        doc._.published = g["published"]
        annotate(doc)
        t2 = time.perf_counter()
        t_model += t1 - t0
        t_timex += t2 - t1
        out.append([(t.start, t.end, t.value) for t in doc._.sitrep_times])
    return out, t_model, t_timex


def run_dateparser(data):
    from dateparser.search import search_dates

    out, elapsed = [], 0.0
    for g, text in data:
        base = datetime.fromisoformat(g["published"])
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or []
        elapsed += time.perf_counter() - t0
        preds, pos = [], 0
        for sub, dt in found:  # search_dates gives substrings in order; find their offsets
            i = text.find(sub, pos)
            if i < 0:
                i = text.find(sub)
            if i < 0:
                continue
            preds.append((i, i + len(sub), dt))
            pos = i + len(sub)
        out.append(preds)
    return out, elapsed


def dt_matches(dt: datetime, value: str) -> bool:
    """dateparser's datetime read at the gold value's granularity."""
    if re.fullmatch(r"\d{4}", value):
        return dt.year == int(value)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return dt.strftime("%Y-%m") == value
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date().isoformat() == value
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        y, w, _ = dt.isocalendar()
        return (y, w) == (int(m[1]), int(m[2])) and (not m[3] or dt.isoweekday() >= 6)
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})", value)
    if m:
        return dt.date().isoformat() == m[1] and dt.hour == int(m[2])
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T[A-Z]{2}", value)
    if m:  # part of day: the day is enough
        return dt.date().isoformat() == m[1]
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return dt.year == int(m[1]) and dt.month in {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}[m[2]]
    return False  # durations, sets: no datetime says "P2Y"


def score(data, preds, value_ok):
    tp = n_pred = n_gold = touched = val = 0
    by_type: dict[str, list[int]] = {}
    for (g, _), pred in zip(data, preds):
        gold = g["times"]
        n_gold += len(gold)
        n_pred += len(pred)
        spans = {(p[0], p[1]) for p in pred}
        for t in gold:
            tp += (t["start"], t["end"]) in spans
            over = [p for p in pred if p[0] < t["end"] and p[1] > t["start"]]
            touched += bool(over)
            ok = any(value_ok(p[2], t["value"]) for p in over)
            val += ok
            by_type.setdefault(t["type"], [0, 0])
            by_type[t["type"]][0] += ok
            by_type[t["type"]][1] += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "overlap_R": touched / n_gold, "value_acc": val / n_gold,
            "by_type": {k: v[0] / v[1] for k, v in sorted(by_type.items())}, "n_gold": n_gold, "n_pred": n_pred}


def report(name: str, data) -> tuple[float, float]:
    sit, t_model, t_timex = run_sitrep(data)
    dp, t_dp = run_dateparser(data)
    s_sit = score(data, sit, lambda v, gv: v == gv)
    s_dp = score(data, dp, dt_matches)
    n_words = sum(len(text.split()) for _, text in data)
    print(f"== {name}: {s_sit['n_gold']} gold time expressions in {len(data)} articles ({n_words} words)")
    print(f"{'system':<22}{'pred':>6}{'span P':>8}{'span R':>8}{'span F1':>9}{'overlap R':>11}{'value acc':>11}{'seconds':>9}")
    for label, s, secs in (("sitrep (sitrep_timex)", s_sit, t_timex), ("dateparser search", s_dp, t_dp)):
        print(f"{label:<22}{s['n_pred']:>6}{s['P']:>8.3f}{s['R']:>8.3f}{s['F1']:>9.3f}{s['overlap_R']:>11.3f}{s['value_acc']:>11.3f}{secs:>9.2f}")
    ratio = s_sit["value_acc"] / s_dp["value_acc"] if s_dp["value_acc"] else float("inf")
    f_ratio = s_sit["F1"] / s_dp["F1"] if s_dp["F1"] else float("inf")
    print(f"ratios sitrep / dateparser: value accuracy {ratio:.2f}x, span F1 {f_ratio:.2f}x")
    print("value accuracy by gold type: " + ", ".join(
        f"{typ} {s_sit['by_type'][typ]:.2f} vs {s_dp['by_type'].get(typ, 0):.2f}" for typ in s_sit["by_type"]))
    print()
    return t_model, t_timex


def main() -> None:
    import dateparser

    print(f"dateparser {dateparser.__version__}, settings RELATIVE_BASE=publication date, PREFER_DATES_FROM=past\n")
    t_model = t_timex = 0.0
    for name, path in SETS:
        m, t = report(name, load(path))
        t_model += m
        t_timex += t
    share = t_timex / (t_model + t_timex)
    print(f"sitrep_timex cost: {t_timex:.2f}s vs spaCy model {t_model:.2f}s ({share:.1%} of model+timex time)")


if __name__ == "__main__":
    main()
