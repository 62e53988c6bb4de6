"""Error listing of sitrep's event types on the PLOVER GSR (the events' TUNING set only).

    .venv/bin/python benchmarks/gsr_event_errors.py [--limit N] [--show N] [--cause CAUSE]

Each GSR sentence is scored as ``bench_events.py`` scores it (the first event, PLOVER view)
and a miss is put in one class by its cause:

- ``no event``: sitrep has no event in the sentence;
- ``modality``: the first event has the gold type before the PLOVER view (or would, read with
  another modality: a promise is AGREE, a refusal REJECT, a planned hostile act THREATEN);
- ``later event``: an event of the gold type is there, but not first;
- ``light verb + noun``: the trigger is a light verb or a noun, and its type is wrong;
- ``wrong verb sense``: the trigger is one of the gold's event words, read with another type;
- ``missing pattern``: the trigger is not among the gold's event words (the gold's verb is not
  coded, or is coded after another predicate).

For each miss: gold type, sitrep's first type, its modality, trigger, and the lexicon row
that fired (lemma, pattern, origin, CAMEO). The codebook held-out part is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_events as B  # noqa: E402

CAUSES = ("no event", "modality", "later event", "light verb + noun", "wrong verb sense", "missing pattern")


def fired(nlp, text: str, start: int) -> str:
    """The lexicon row read at the trigger (re-parsed: the row is not part of the record)."""
    from sitrep.events import lexicon, patterns
    from sitrep.events.syntax import lemma as _lemma

    doc = nlp(text)
    tok = next((t for t in doc if t.idx == start), None)
    if tok is None:
        return "?"
    lem = _lemma(tok)
    if tok.pos_ == "NOUN":
        e = lexicon.match(tok.lemma_.lower(), "NOUN") or lexicon.match(lem, "VERB")
    elif tok.pos_ == "ADJ":
        e = lexicon.match(tok.lemma_.lower(), "ADJ")
    else:
        e = patterns.match_verb(tok, lem) if (lem, "VERB") in lexicon.load_lexicon() else None
    if e is None:
        return f"{tok.pos_}:{lem} (frame rule)"
    pat = " ".join(f"{c.kind}:{c.prep + '=' if c.prep else ''}{c.word}{''.join('+' + m for m in c.mods)}"
                   for c in e.cons)
    return f"{tok.pos_}:{lem} [{pat or 'bare'}] {e.origin}/{e.scope} {e.cameo}"


def classify(row: dict, events: list[dict], pos: str) -> str:
    from sitrep.events.coding import plover_view

    gold = row["event_plover_v2"]
    ev = B.main_event(events)
    if ev is not None and B.view(ev) == gold:
        return "match"
    if ev is None:
        return "no event"
    if ev["plover"] == gold or any(plover_view(ev["plover"], m) == gold for m in ("planned", "negated")):
        return "modality"
    if any(B.view(e) == gold for e in events[1:]):
        return "later event"
    trig = (ev.get("trigger") or {}).get("text", "").lower()
    gold_words = set(row.get("eventText", "").lower().split())
    from sitrep.events.extract import LIGHT_VERBS

    if trig in LIGHT_VERBS or trig.rstrip("sed") in LIGHT_VERBS or pos == "NOUN":
        return "light verb + noun"
    if trig in gold_words:
        return "wrong verb sense"
    return "missing pattern"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=200, help="misses listed per cause")
    ap.add_argument("--cause", default="", help="list only this cause")
    args = ap.parse_args()
    from sitrep.pipeline import Pipeline

    rows = [json.loads(line) for line in open(B.DERIVED / "plover_gsr_cameo.jsonl", encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    pipe = Pipeline()
    preds = B.run_sitrep(pipe, [r["text"] for r in rows])
    nlp = pipe.nlp
    by_cause: dict[str, list] = {}
    confusion: Counter = Counter()
    for row, events in zip(rows, preds):
        ev = B.main_event(events)
        row_fired = fired(nlp, row["text"], (ev.get("trigger") or {}).get("start", -1)) if ev else ""
        cls = classify(row, events, row_fired.split(":")[0])
        if cls != "match":
            confusion[(row["event_plover_v2"], B.view(ev) if ev else "-")] += 1
        by_cause.setdefault(cls, []).append((row, events, row_fired))
    total = len(rows)
    n_match = len(by_cause.get("match", []))
    print(f"GSR n={total}: PLOVER-view type acc {n_match / max(1, total):.3f}")
    for cls in ("match",) + CAUSES:
        n = len(by_cause.get(cls, []))
        print(f"  {cls:<20}{n:5d}  {n / max(1, total):6.1%}")
    print("\nconfusions (gold -> sitrep first event, PLOVER view):")
    for (g, s), n in confusion.most_common(25):
        print(f"  {n:4d}  {g:<10} -> {s}")
    for cls in CAUSES:
        if args.cause and cls != args.cause:
            continue
        items = by_cause.get(cls, [])
        if not items:
            continue
        print(f"\n== {cls} ({len(items)})")
        for row, events, row_fired in items[: args.show]:
            ev = B.main_event(events)
            print(f"- [{row['id']}] {row['text']}")
            print(f"  gold {row['event_plover_v2']} '{row.get('eventText', '')}' mode={row.get('mode') or '-'}")
            for e in events[:4]:
                trig = e.get("trigger") or {}
                src = (e.get("source") or {}).get("code")
                tgt = (e.get("target") or {}).get("code")
                print(f"  sitrep {B.view(e):<10}({e['plover']}, {e['modality']}, {e.get('cameo')}) "
                      f"'{trig.get('text', '')}' {src}->{tgt}  {row_fired if e is ev else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
