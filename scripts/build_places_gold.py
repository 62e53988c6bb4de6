"""Turn benchmarks/gold/places/annotations.txt into character offsets (voa.jsonl, events.jsonl).

    python scripts/build_places_gold.py          # writes benchmarks/gold/places/voa.jsonl
    python scripts/build_places_gold.py --check  # verifies the shipped file (a test runs it)

Standard library only. Every occurrence of each form (whole word, case-sensitive; a
possessive 's may follow) becomes a mention with the line's feature id; longer forms claim
their text first, and occurrences inside a ``NOT`` snippet are skipped. Stops with a one-line
message when a form is not found in its story or a story id is unknown.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "places"
VOA = ROOT / "benchmarks" / "gold" / "voa"


def parse(path: Path) -> dict[str, dict]:
    stories: dict[str, dict] = {}
    cur = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("STORY "):
            cur = stories.setdefault(line.split()[1], {"places": [], "not": [], "events": []})
        elif cur is None:
            raise SystemExit(f"{path.name}:{n}: a line before the first STORY")
        elif line.startswith("NOT "):
            cur["not"].append(line[4:])
        elif line.startswith("EVENT "):
            fid, snippet = [x.strip() for x in line[6:].split("|", 1)]
            cur["events"].append((fid, snippet))
        else:
            fid, *forms = [x.strip() for x in line.split("|")]
            if not forms:
                raise SystemExit(f"{path.name}:{n}: no forms for {fid}")
            cur["places"].append((fid, forms))
    return stories


def mentions(text: str, places: list, nots: list, sid: str) -> list[dict]:
    blocked = [(m.start(), m.end()) for s in nots for m in re.finditer(re.escape(s), text)]
    taken: list[tuple[int, int]] = []
    out = []
    forms = sorted(((f, fid) for fid, fs in places for f in fs), key=lambda x: -len(x[0]))
    for form, fid in forms:
        found = False
        for m in re.finditer(r"(?<![\w.])" + re.escape(form) + r"(?!\w|\.\w)", text):
            s, e = m.start(), m.end()
            found = True
            if any(a <= s and e <= b for a, b in blocked) or any(s < b and a < e for a, b in taken):
                continue
            taken.append((s, e))
            out.append({"start": s, "end": e, "text": text[s:e], "id": fid})
        if not found:
            raise SystemExit(f"story {sid}: form {form!r} not found")
    return sorted(out, key=lambda m: m["start"])


def events(text: str, evs: list, sid: str) -> list[dict]:
    out = []
    for fid, snippet in evs:
        m = re.match(r"^(.*)\[(.+?)\](.*)$", snippet)
        if not m:
            raise SystemExit(f"story {sid}: event snippet without [trigger]: {snippet!r}")
        plain = m.group(1) + m.group(2) + m.group(3)
        at = text.find(plain)
        if at < 0 or text.find(plain, at + 1) >= 0:
            raise SystemExit(f"story {sid}: event snippet {'not found' if at < 0 else 'ambiguous'}: {plain!r}")
        s = at + len(m.group(1))
        out.append({"start": s, "end": s + len(m.group(2)), "trigger": m.group(2), "id": fid})
    return out


def build() -> tuple[list[dict], list[dict]]:
    split = json.loads((VOA / "split.json").read_text(encoding="utf-8"))
    texts = {}
    for line in (VOA / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    rows, evrows = [], []
    for sid, st in parse(GOLD / "annotations.txt").items():
        if sid not in texts:
            raise SystemExit(f"unknown story {sid}")
        which = "dev" if sid in split["dev"] else "heldout"
        rows.append({"story": sid, "split": which, "mentions": mentions(texts[sid], st["places"], st["not"], sid)})
        evrows += [{"story": sid, "split": which, **e} for e in events(texts[sid], st["events"], sid)]
    order = {s: i for i, s in enumerate(split["dev"] + split["heldout"])}
    rows.sort(key=lambda r: order[r["story"]])
    evrows.sort(key=lambda r: (order[r["story"]], r["start"]))
    return rows, evrows


def main(argv: list[str]) -> int:
    rows, evrows = build()
    files = {GOLD / "voa.jsonl": rows, GOLD / "events.jsonl": evrows}
    for out, data in files.items():
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data)
        if "--check" in argv:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                print(f"{out} is stale: rerun scripts/build_places_gold.py")
                return 1
            continue
        out.write_text(text, encoding="utf-8")
    if "--check" not in argv:
        n = sum(len(r["mentions"]) for r in rows)
        print(f"{len(rows)} stories, {n} place mentions, {len(evrows)} event locations -> {GOLD}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
