"""Error analysis of sitrep's events on the VOA *dev* stories (never run it on heldout to tune).

    .venv/bin/python benchmarks/voa_event_errors.py [--split dev] [--tier country] [--show N]

Each gold event (scored as in ``bench_events.py``: sentence, PLOVER type, source key, target
key) falls in one class: ``match``; ``no event`` (sitrep has no event in its sentence);
``other type`` (events in the sentence, none of its type); ``wrong source`` / ``wrong target``
/ ``wrong both`` (its type, other actors). The most frequent gold triggers of each miss class
and sitrep's unmatched events are listed, so the next rule to write is the biggest cause.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_events as B  # noqa: E402


def classify(story: dict, events: list[dict], tier: str) -> tuple[list[tuple[str, dict]], list[tuple]]:
    """(class, gold event) for each gold event, and sitrep's unmatched tuples."""
    gold, sys_t, _ = B.voa_sets(story, events, tier, B.voa_view)
    typed = [e for e in story["events"] if e["plover"]]
    left = Counter(sys_t)
    out: list[tuple[str, dict]] = []
    pending = []
    for g, ev in zip(gold, typed):
        if left[g] > 0:
            left[g] -= 1
            out.append(("match", ev))
        else:
            pending.append((g, ev))
    for (sent, typ, src, tgt), ev in pending:
        in_sent = [t for t in sys_t if t[0] == sent]
        same = [t for t in in_sent if t[1] == typ]
        if not in_sent:
            cls = "no event"
        elif not same:
            cls = "other type"
        elif any(t[2] == src for t in same):
            cls = "wrong target"
        elif any(t[3] == tgt for t in same):
            cls = "wrong source"
        else:
            cls = "wrong both"
        out.append((cls, ev))
    return out, list(left.elements())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--tier", default="country", choices=("country", "exact"))
    ap.add_argument("--show", type=int, default=15, help="rows per list")
    ap.add_argument("--examples", default="", help="print the sentences of this class (e.g. 'no event')")
    args = ap.parse_args()
    if args.split != "dev":
        print("note: tune on dev only; this split is for reading, not for writing rules", file=sys.stderr)
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    gold = [json.loads(line) for line in open(B.VOA_GOLD, encoding="utf-8")]
    stories = {r["id"]: r for r in (json.loads(line) for line in open(B.VOA_STORIES, encoding="utf-8"))}
    rows = [g for g in gold if g["split"] == args.split]
    pipe = Pipeline()
    classes: Counter = Counter()
    by_class: dict[str, Counter] = {}
    null_src: Counter = Counter()
    spurious: Counter = Counter()
    examples = []
    for g in rows:
        rec = pipe.extract(InputDoc(content=stories[g["story"]]["text"], format="text"), as_body=True,
                           published=(g.get("published") or "")[:10] or None)
        events = rec.model_dump(mode="json")["events"]
        found, extra = classify(g, events, args.tier)
        for cls, ev in found:
            classes[cls] += 1
            key = f"{ev['plover']}:{ev['trigger_text'].lower()}"
            by_class.setdefault(cls, Counter())[key] += 1
            if ev["source"] is None:
                null_src[cls] += 1
            if cls == args.examples:
                mine = [(e["plover"], (e.get("source") or {}).get("code"), (e.get("target") or {}).get("code"),
                         e["trigger"]["text"]) for e in events
                        if e["evidence"].get("field", "text") == "text" and ev["evidence"][0] <= e["trigger"]["start"] < ev["evidence"][1]]
                examples.append((ev["sentence"], ev["plover"], ev["trigger_text"], B.actor_key(ev["source"], args.tier),
                                 B.actor_key(ev["target"], args.tier), mine))
        for sent, typ, src, tgt in extra:
            spurious[(typ, src is None, tgt is None)] += 1
    total = sum(classes.values())
    p, r, f = B.prf(classes["match"], sum(spurious.values()), total - classes["match"])
    print(f"{args.split}: {total} gold events ({args.tier} tier): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for cls, n in classes.most_common():
        print(f"  {cls:<13}{n:5d}  {n / max(1, total):6.1%}   of which gold source null: {null_src[cls]}")
    for cls, counts in by_class.items():
        if cls == "match":
            continue
        print(f"\n{cls}: top gold type:trigger")
        for k, n in counts.most_common(args.show):
            print(f"  {n:4d}  {k}")
    print("\nsitrep tuples matching no gold event: (type, source null, target null)")
    for k, n in spurious.most_common(args.show):
        print(f"  {n:4d}  {k}")
    for sent, typ, trig, src, tgt, mine in examples[: args.show * 4]:
        print(f"\n- {sent}\n  gold {typ} '{trig}' {src} -> {tgt}\n  sitrep {mine}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
