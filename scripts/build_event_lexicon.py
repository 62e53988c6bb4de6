"""Build sitrep's event tables from openly licensed sources.

Inputs (read-only, under ../shared/data/events/ by default):
- petrarch/CAMEO.2.0.txt (PETRARCH2 verb-pattern dictionary, MIT, Open Event Data Alliance)
- derived/cameo_codes.tsv (CAMEO codes and Goldstein scores: GDELT lookups / andybega/icews, MIT)
- derived/cameo_to_plover_2021.tsv (CAMEO -> PLOVER 2, openeventdata/PLOVER, CC BY-SA 4.0)

Outputs (package data, committed):
- sitrep/data/event_lexicon_petrarch.tsv: lemma -> CAMEO code, with the simple object /
  preposition patterns of each verb block. PETRARCH's richer patterns (actor slots, word
  order, $/+ markers) are dropped: sitrep reads roles from the dependency parse instead.
- sitrep/data/cameo_codes.tsv: code, name, Goldstein (GDELT column), PLOVER event and mode.

Run: .venv/bin/python scripts/build_event_lexicon.py [SHARED_EVENTS_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "sitrep" / "data"
PREPS = {"TO", "WITH", "AGAINST", "ON", "FOR", "OF", "FROM", "IN", "INTO", "OVER", "BY", "AT", "TOWARD", "ABOUT", "NEAR"}
_CODE = re.compile(r"\[([0-9-]+)(?::[0-9-]+)?\]")


def _word(tok: str) -> str:
    # Multi-word members such as ARMED_FORCES are matched on their head (last) word.
    return tok.strip("_").split("_")[-1].lower()


def parse_cameo_dictionary(path: Path) -> list[tuple[str, str, str, str, str]]:
    """Rows (lemma, pattern_kind, prep, word, cameo) from a PETRARCH2 verb dictionary."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    rows: set[tuple[str, str, str, str, str]] = set()
    current: str | None = None
    in_verbs = False
    block_code = "---"
    block_verbs: list[tuple[str, str]] = []  # (lemma, particle)

    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].split() if "#" in raw else []
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        if not in_verbs:
            if line.startswith("&"):
                current = line.strip()
                synsets[current] = []
            elif line.startswith("+") and current:
                synsets[current].append(_word(line[1:].split()[0]))
            elif not line.strip():
                current = None
            continue
        if not line.strip():
            continue
        if line.startswith("---"):
            m = _CODE.search(line)
            block_code = m.group(1) if m else "---"
            block_verbs = []
            continue
        if line.startswith("-"):
            m = _CODE.search(line)
            if not m or m.group(1) == "---":
                continue
            code = m.group(1)
            pattern = line[1 : m.start()].replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
            toks = pattern.split()
            if "*" not in toks or any(t[0] in "$+^%" for t in toks):
                continue
            i = toks.index("*")
            before, after = toks[:i], toks[i + 1 :]
            if before or not after or len(after) > 2:
                continue
            if after[0] in PREPS:
                prep, words = after[0].lower(), after[1:]
                kind = "prep"
            else:
                prep, words = "", after[-1:]
                kind = "obj"
            expanded: list[str] = []
            for w in words:
                expanded.extend(synsets.get(w, [w.lower()]) if w.startswith("&") else [w.lower()])
            if not expanded:
                expanded = [""]
            # The trailing comment names the verb the pattern was written for; applying it
            # to the whole synonym block (as PETRARCH does) mis-codes e.g. 'accuse to prison'.
            owner = comment[0].lower() if comment and comment[0].isalpha() else None
            for lemma, particle in block_verbs:
                if particle or (owner and lemma != owner):
                    continue
                for w in expanded:
                    if w and not w.isalpha():
                        continue
                    rows.add((lemma, kind, prep, w, code))
            continue
        # A verb line: LEMMA [code] {forms}. '+GO_TO' is a phrasal verb (verb + particle).
        head = line.split("{", 1)[0]
        m = _CODE.search(head)
        word = head[: m.start()].strip() if m else head.strip()
        if not word:
            continue
        parts = word.lstrip("+").lower().split("_")
        parts = [p for p in parts if p]
        if not parts or not all(p.isalpha() for p in parts):
            continue
        lemma, particle = parts[0], " ".join(parts[1:])
        if len(parts) > 2:
            continue
        block_verbs.append((lemma, particle))
        code = m.group(1) if m else block_code
        if code == "---":
            continue
        if particle:
            rows.add((lemma, "prep", particle, "", code))
        else:
            rows.add((lemma, "", "", "", code))
    return sorted(rows)


def build(events_dir: Path) -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    mapping: dict[str, tuple[str, str]] = {}
    with open(events_dir / "derived" / "cameo_to_plover_2021.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            # CAMEO 08 maps to CONCEDE and RETREAT; the first row (CONCEDE) is its root reading.
            mapping.setdefault(r["cameo"], (r["plover_event"], r["plover_mode"]))
    codes: list[list[str]] = []
    with open(events_dir / "derived" / "cameo_codes.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            plover, mode = mapping.get(r["code"], ("", ""))
            # GDELT's score where it has one, else ICEWS's (the two agree except on 4 codes).
            codes.append([r["code"], r["name"], r["goldstein_gdelt"] or r["goldstein_icews"], plover, mode])
    with open(DATA / "cameo_codes.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_event_lexicon.py from GDELT/ICEWS CAMEO tables and PLOVER's\n")
        fh.write("# CAMEO2PLOVER-2021 (CC BY-SA 4.0); see NOTICE. Do not edit by hand.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "plover", "mode"])
        w.writerows(codes)
    known = {c[0] for c in codes if c[3]}
    rows = [r for r in parse_cameo_dictionary(events_dir / "petrarch" / "CAMEO.2.0.txt") if r[4] in known]
    with open(DATA / "event_lexicon_petrarch.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_event_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT); see NOTICE.\n")
        fh.write("# Only codes with a PLOVER 2 mapping are kept. Do not edit by hand: edit event_lexicon.tsv.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["lemma", "pattern", "prep", "word", "cameo"])
        w.writerows(rows)
    print(f"cameo_codes.tsv: {len(codes)} codes; event_lexicon_petrarch.tsv: {len(rows)} rows")


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "data" / "events"
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
