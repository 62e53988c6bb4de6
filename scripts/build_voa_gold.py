"""Build the VOA time-expression and entity gold from hand-written snippets.

    .venv/bin/python scripts/build_voa_gold.py          # writes benchmarks/gold/{timex,entities}/voa.jsonl
    .venv/bin/python scripts/build_voa_gold.py --check  # exits 1 when the shipped files differ

Input (written by hand from the story text, before any system output was seen):

* ``benchmarks/gold/timex/voa_annotations.txt``: per ``STORY <id>``, one line per time
  expression ``context with [[span]] | TYPE | VALUE | key=value ...``. The context (brackets
  removed) must occur in the story text; when it occurs more than once the line must say
  ``n=<k>`` (k-th occurrence, 1-based) or ``n=all``. Keys: ``mod`` (TIMEX3 mod),
  ``anchor`` (``pub`` = the publication date, or the TIMEX3 value of the story-internal
  reference time a relative expression counts from) and ``why`` (the reason for that anchor).
* ``benchmarks/gold/entities/voa_annotations.txt``: per ``STORY <id>``, one line per entity
  ``TYPE Canonical name: form | form ...``; every whole-word, case-sensitive occurrence of a
  form is a mention (longest form first, no overlaps); a form may carry a context in
  ``[[ ]]`` to take only the occurrences inside that context. ``SKIP: form | form`` names
  things outside the scheme that only block shorter matches inside them.

Everything is checked: a context or form that is not found, an ambiguous context without
``n=``, overlapping time spans or an unknown type stop the build with a one-line message.
Only the standard library is used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "benchmarks" / "gold" / "voa"
TIMEX_DIR = ROOT / "benchmarks" / "gold" / "timex"
ENT_DIR = ROOT / "benchmarks" / "gold" / "entities"
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}
ENT_TYPES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART",
             "LAW", "LANGUAGE", "MEDIA", "IGO"}
ONTONOTES = {"MEDIA": "ORG", "IGO": "ORG"}


class GoldError(SystemExit):
    pass


def fail(story: str, msg: str) -> None:
    raise GoldError(f"build_voa_gold: story {story}: {msg}")


def load_stories() -> dict[str, dict]:
    out = {}
    for line in (VOA / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["id"]] = d
    return out


def split_of() -> dict[str, str]:
    split = json.loads((VOA / "split.json").read_text(encoding="utf-8"))
    return {sid: name for name in ("dev", "heldout") for sid in split[name]}


def blocks(path: Path) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("STORY "):
            out.append((line[6:].strip(), []))
        elif not out:
            raise GoldError(f"build_voa_gold: {path.name}: a line before the first STORY: {line!r}")
        else:
            out[-1][1].append(line)
    return out


def occurrences(text: str, needle: str) -> list[int]:
    found, i = [], text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def context_spans(story: str, text: str, snippet: str, n: str | None) -> list[tuple[int, int]]:
    m = re.search(r"\[\[(.+?)\]\]", snippet)
    if not m:
        fail(story, f"no [[span]] in {snippet!r}")
    plain = snippet[:m.start()] + m.group(1) + snippet[m.end():]
    hits = occurrences(text, plain)
    if not hits:
        fail(story, f"context not found: {plain!r}")
    if n is None and len(hits) > 1:
        fail(story, f"context occurs {len(hits)} times, say n=: {plain!r}")
    if n not in (None, "all"):
        k = int(n)
        if not 1 <= k <= len(hits):
            fail(story, f"n={k} but the context occurs {len(hits)} times: {plain!r}")
        hits = [hits[k - 1]]
    return [(h + m.start(), h + m.start() + len(m.group(1))) for h in hits]


def build_timex(stories: dict[str, dict], splits: dict[str, str]) -> list[dict]:
    out = []
    for sid, lines in blocks(TIMEX_DIR / "voa_annotations.txt"):
        if sid not in stories:
            fail(sid, "not in stories.jsonl")
        text = stories[sid]["text"]
        times = []
        for line in lines:
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) < 3:
                fail(sid, f"need 'context | TYPE | VALUE': {line!r}")
            snippet, ttype, value = parts[:3]
            keys = {}
            for kv in parts[3:]:
                k, eq, v = kv.partition("=")
                if not eq or k not in ("mod", "anchor", "why", "n"):
                    fail(sid, f"bad key {kv!r} in {line!r}")
                keys[k] = v
            if ttype not in TIMEX_TYPES:
                fail(sid, f"unknown TIMEX3 type {ttype!r}")
            if keys.get("mod") and keys["mod"] not in MODS:
                fail(sid, f"unknown TIMEX3 mod {keys['mod']!r}")
            for s, e in context_spans(sid, text, snippet, keys.get("n")):
                anchor = keys.get("anchor")
                times.append({"start": s, "end": e, "text": text[s:e], "type": ttype, "value": value,
                              "mod": keys.get("mod"),
                              "anchor": None if anchor is None else ("published" if anchor == "pub" else anchor),
                              "anchor_reason": keys.get("why") or (
                                  "publication date" if anchor == "pub" else None)})
        times.sort(key=lambda t: (t["start"], t["end"]))
        for a, b in zip(times, times[1:]):
            if b["start"] < a["end"]:
                fail(sid, f"overlapping time spans {a['text']!r} and {b['text']!r}")
        out.append({"id": sid, "split": splits[sid], "published": stories[sid]["published"][:10],
                    "times": times})
    return out


def entity_id(etype: str, name: str) -> str:
    return hashlib.sha256(f"{etype}\x1f{name}".encode()).hexdigest()[:16]


def build_entities(stories: dict[str, dict], splits: dict[str, str]) -> list[dict]:
    out = []
    for sid, lines in blocks(ENT_DIR / "voa_annotations.txt"):
        if sid not in stories:
            fail(sid, "not in stories.jsonl")
        text = stories[sid]["text"]
        ents, skip = [], []
        for line in lines:
            if line.startswith("SKIP:"):
                skip += [f.strip() for f in line[5:].split("|") if f.strip()]
                continue
            head, colon, forms = line.partition(":")
            etype, _, name = head.partition(" ")
            if not colon or etype not in ENT_TYPES or not name.strip():
                fail(sid, f"need 'TYPE Name: form | form' with a known type: {line!r}")
            ents.append({"type": etype, "name": name.strip(),
                         "forms": [f.strip() for f in forms.split("|") if f.strip()]})
        cands = []  # (span, entity index or -1, form)
        for idx, form in [(i, f) for i, e in enumerate(ents) for f in e["forms"]] + [(-1, f) for f in skip]:
            if "[[" in form:
                spans = context_spans(sid, text, form, "all")
            else:
                spans = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", text)]
            if not spans:
                fail(sid, f"form not found: {form!r}")
            cands += [(s, e, idx, form) for s, e in spans]
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken = [False] * len(text)
        mentions: dict[int, list] = {}
        for s, e, idx, _form in cands:
            if any(taken[s:e]):
                continue
            taken[s:e] = [True] * (e - s)
            if idx >= 0:
                mentions.setdefault(idx, []).append([s, e])
        rows = []
        for i, e in enumerate(ents):
            if i not in mentions:
                fail(sid, f"every form of {e['name']!r} is inside a longer one")
            ms = sorted(mentions[i])
            rows.append({"id": entity_id(e["type"], e["name"]), "type": e["type"],
                         "ontonotes": ONTONOTES.get(e["type"], e["type"]), "name": e["name"],
                         "mentions": ms, "texts": [text[s:t] for s, t in ms]})
        out.append({"id": sid, "split": splits[sid], "entities": rows})
    return out


def dump(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped files instead of writing")
    args = ap.parse_args(argv)
    stories, splits = load_stories(), split_of()
    outputs = {TIMEX_DIR / "voa.jsonl": dump(build_timex(stories, splits)),
               ENT_DIR / "voa.jsonl": dump(build_entities(stories, splits))}
    bad = 0
    for path, content in outputs.items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                print(f"build_voa_gold: {path.relative_to(ROOT)} differs from what the annotations build")
                bad = 1
        else:
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return bad


if __name__ == "__main__":
    try:
        sys.exit(main())
    except GoldError as exc:
        print(exc.code, file=sys.stderr)
        sys.exit(1)
