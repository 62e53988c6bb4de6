#!/usr/bin/env python3
"""Add character offsets to the hand-annotated VOA event gold.

Reads benchmarks/gold/events/voa_raw.jsonl (one story a line: story, split, events with
exact sentence / trigger / actor texts) and benchmarks/gold/voa/stories.jsonl, and writes
benchmarks/gold/events/voa.jsonl with offsets into the story text:
  evidence [s, e] (the sentence), trigger [s, e] (trigger_text keeps the words),
  source.span / target.span [s, e], and a content-hash id per event.
A sentence is found as an exact substring of the story; when it occurs more than once the
first occurrence at or after the previous event's sentence is taken, else the first.
Trigger and actor texts are searched inside the sentence (first occurrence).
Any text that cannot be found stops the build with a one-line message (exit 1).
Standard library only.  Usage: python3 scripts/build_events_gold.py [--check]
"""
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "benchmarks/gold/events/voa_raw.jsonl"
STORIES = ROOT / "benchmarks/gold/voa/stories.jsonl"
OUT = ROOT / "benchmarks/gold/events/voa.jsonl"


class GoldError(Exception):
    pass


def _find_sentence(text, sentence, after):
    first = text.find(sentence)
    if first < 0:
        raise GoldError(f"sentence not found: {sentence[:60]!r}")
    if text.find(sentence, first + 1) < 0:
        return first
    later = text.find(sentence, after)
    return later if later >= 0 else first


def _span_in(sentence, start, needle, what):
    i = sentence.find(needle)
    if not needle or i < 0:
        raise GoldError(f"{what} {needle!r} not found in sentence {sentence[:60]!r}")
    return [start + i, start + i + len(needle)]


def _actor(actor, sentence, start, what):
    if actor is None:
        return None
    out = dict(actor)
    out["span"] = _span_in(sentence, start, actor["text"], what)
    return out


def build_story(raw, text):
    events, after = [], 0
    for n, ev in enumerate(raw["events"]):
        where = f"story {raw['story']} event {n}"
        try:
            s = _find_sentence(text, ev["sentence"], after)
            sent = ev["sentence"]
            rec = {
                "evidence": [s, s + len(sent)],
                "sentence": sent,
                "trigger": _span_in(sent, s, ev["trigger"], "trigger"),
                "trigger_text": ev["trigger"],
                "plover": ev["plover"],
                "mode": ev["mode"],
                "cameo": ev["cameo"],
                "source": _actor(ev["source"], sent, s, "source"),
                "target": _actor(ev["target"], sent, s, "target"),
                "modality": ev["modality"],
            }
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from None
        if ev.get("note"):
            rec["note"] = ev["note"]
        key = json.dumps([raw["story"], rec["evidence"], rec["trigger"], rec["cameo"],
                          (rec["source"] or {}).get("span"), (rec["target"] or {}).get("span"),
                          rec["modality"]])
        rec = {"id": hashlib.sha1(key.encode()).hexdigest()[:16], **rec}
        events.append(rec)
        after = s
    return {"story": raw["story"], "split": raw["split"], "events": events}


def main(argv):
    stories = {}
    for line in STORIES.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        stories[d["id"]] = d
    out = []
    try:
        for n, line in enumerate(RAW.read_text(encoding="utf-8").splitlines(), 1):
            raw = json.loads(line)
            if raw["story"] not in stories:
                raise GoldError(f"line {n}: unknown story {raw['story']}")
            story = build_story(raw, stories[raw["story"]]["text"])
            story["published"] = stories[raw["story"]]["published"]
            out.append(story)
    except GoldError as exc:
        print(f"build_events_gold: {exc}", file=sys.stderr)
        return 1
    body = "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in out)
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == body
        print("up to date" if same else f"{OUT.name} is stale: rerun without --check")
        return 0 if same else 1
    OUT.write_text(body, encoding="utf-8")
    n = sum(len(s["events"]) for s in out)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(out)} stories, {n} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
