"""Build sitrep's event tables from openly licensed sources.

Inputs (read-only, under ../shared/data/events/ by default):
- petrarch/CAMEO.2.0.txt (PETRARCH2 verb-pattern dictionary, MIT, Open Event Data Alliance)
- derived/cameo_codes.tsv (CAMEO codes and Goldstein scores: GDELT lookups / andybega/icews, MIT)
- derived/cameo_to_plover_2021.tsv (CAMEO -> PLOVER 2, openeventdata/PLOVER, CC BY-SA 4.0)

Outputs (package data, committed; only these derived tables are shipped, never the dictionary):
- sitrep/data/event_lexicon_petrarch.tsv: one row per (verb lemma, pattern) with its CAMEO
  code. A pattern is a list of constraints read on the dependency parse by
  sitrep/events/patterns.py: ``prt:off`` (a particle or bare preposition of the verb),
  ``obj:aid`` / ``obj:&WEAPON`` (the object's head lemma or a synonym set), ``prep:for=help`` (a preposition and its object's head),
  ``subj:&MILITARY`` (the subject's head); ``obj:aid+humanitarian`` is a head with a word
  of its phrase. ``scope`` says whether the dictionary wrote the
  pattern for this verb (``own``) or for another verb of its synonym block (``block``).
  Code ``-`` marks a pattern that is not an event ('avert an attack').
- sitrep/data/event_lexicon_synsets.tsv: the synonym sets the patterns name (set, head word).
- sitrep/data/cameo_codes.tsv: code, name, Goldstein (GDELT column), PLOVER event and mode.

PETRARCH's actor slots ($ source, + target, ^ skip, % compound) are dropped from patterns:
sitrep reads who acts on whom from the parse.

Run: .venv/bin/python scripts/build_event_lexicon.py [SHARED_EVENTS_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_path  # noqa: E402
DATA = ROOT / "sitrep" / "data"
PREPS = {"TO", "WITH", "AGAINST", "ON", "FOR", "OF", "FROM", "IN", "INTO", "OVER", "BY", "AT", "TOWARD", "TOWARDS",
         "ABOUT", "NEAR", "UNDER", "BEFORE", "AFTER", "BEHIND", "BETWEEN", "AMONG", "ACROSS", "ALONG", "AROUND",
         "THROUGH", "UPON", "INSIDE", "OUTSIDE", "WITHOUT", "DURING", "AS", "ASIDE", "BEYOND", "UNTIL"}
# Words that follow the verb as its particle ('call off', 'set up', 'put forward').
PARTICLES = {"OFF", "UP", "OUT", "DOWN", "BACK", "AWAY", "FORWARD", "OVER", "ASIDE", "IN", "ON", "AROUND", "APART",
             "THROUGH", "ALONG", "AHEAD", "BY", "TOGETHER", "OPEN"}
SLOTS = {"$", "+", "^", "%", "*"}
_CODE = re.compile(r"\[([0-9-]*)(?::([0-9-]*))?\]")
# CAMEO 02 (appeals) has no row in CAMEO2PLOVER-2021; PLOVER 2 defines REQUEST as "all
# requests", and the project's gold codes appeals REQUEST (benchmarks/gold/events/README.md).
APPEAL_AS = ("REQUEST", "")


def _clean(tok: str) -> str:
    """A dictionary word as sitrep matches it: lower case, '_' joins removed, head word kept."""
    tok = tok.strip("_")
    if tok.startswith("&"):
        return tok.rstrip("_")
    parts = [p for p in tok.split("_") if p]
    return parts[-1].lower() if parts else ""


def _code(text: str) -> str | None:
    m = _CODE.search(text)
    if not m:
        return None
    first, second = m.group(1), m.group(2)
    return first or second or None


def _phrase(words: list[str]) -> tuple[str, list[str]]:
    """(head, modifiers) of a noun phrase: the head is its last word."""
    words = [w for w in words if w and w not in SLOTS]
    if not words:
        return "", []
    cleaned = [_clean(w) for w in words]
    cleaned = [w for w in cleaned if w]
    if not cleaned:
        return "", []
    return cleaned[-1], cleaned[:-1]


def _np(head: str, mods: list[str]) -> str:
    """A noun phrase constraint: 'aid+humanitarian' = head 'aid' with 'humanitarian' in its phrase."""
    return "+".join([head, *mods])


def _groups(toks: list[str]) -> list[tuple[str, list[str]]]:
    """Split the tokens after the verb into ('()', words) prepositional groups, ('{}', words)
    noun phrases and ('', word) bare words."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("(") or t.startswith("{"):
            close = ")" if t[0] == "(" else "}"
            kind = "()" if t[0] == "(" else "{}"
            words = []
            t = t[1:]
            while True:
                end = t.endswith(close) or t.endswith(close + ")") or t.endswith("})")
                words.append(t.rstrip(")}"))
                if end or i + 1 >= len(toks):
                    break
                i += 1
                t = toks[i]
            # '(FOR {FINANCIAL AID})': braces inside a group are the group's noun phrase.
            out.append((kind, [w.lstrip("({") for w in words if w.lstrip("({")]))
        else:
            out.append(("", [t]))
        i += 1
    return out


def parse_pattern(body: str) -> list[str] | None:
    """Constraints of one PETRARCH pattern line body (the text between '-' and the code)."""
    toks = body.split()
    if toks.count("*") != 1:
        return None
    i = toks.index("*")
    before = [t for t in toks[:i] if t not in SLOTS]
    after = toks[i + 1:]
    cons: list[str] = []
    if before:
        # Only a subject head ('&MILITARY *'); auxiliaries and negations ('WILL NOT *') are
        # modality, which sitrep reads on its own.
        if len(before) != 1 or before[0] in ("WILL", "NOT", "WOULD", "TO", "HAS", "HAVE"):
            return None
        w = _clean(before[0])
        if not w:
            return None
        cons.append(f"subj:{w}")
    groups = _groups(after)
    have_obj = False
    pending_prep: str | None = None

    def attach(np: str) -> bool:
        """A noun phrase is the object of a pending bare preposition, else the verb's object."""
        nonlocal have_obj, pending_prep
        if pending_prep:
            cons.append(f"prep:{pending_prep}={np}")
            pending_prep = None
            return True
        if not have_obj:
            cons.append(f"obj:{np}")
            have_obj = True
            return True
        return False

    for n, (kind, words) in enumerate(groups):
        words = [w for w in words if w not in SLOTS and w]
        if kind == "()":
            if not words:
                continue
            p = words[0]
            if p not in PREPS and p not in PARTICLES:
                # '(STATE OF ALERT)' without a leading preposition: a noun phrase after the verb.
                if not have_obj:
                    head, mods = _phrase([w for w in words if w not in PREPS])
                    if head:
                        cons.append(f"obj:{_np(head, mods)}")
                        have_obj = True
                continue
            head, mods = _phrase(words[1:])
            cons.append(f"prep:{p.lower()}={_np(head, mods)}" if head else f"prep:{p.lower()}")
            continue
        if not words:
            continue
        if kind == "{}":
            head, mods = _phrase(words)
            if not head:
                continue
            attach(_np(head, mods))
            continue
        w = words[0]
        if w in PARTICLES and n == 0 and len(groups) > 1:
            cons.append(f"prt:{w.lower()}")
            continue
        if w in PREPS:
            pending_prep = w.lower()
            continue
        c = _clean(w)
        if not c or not (c.startswith("&") or c.replace("-", "").isalpha()):
            return None
        if not attach(c):
            # 'SERIES (OF ATTACKS)' is handled as a group; a second bare word is a modifier
            # of the object phrase ('FIRST VISIT' -> mod first, obj visit).
            prev = next((k for k in range(len(cons) - 1, -1, -1) if cons[k].startswith("obj:")), None)
            if prev is None:
                return None
            head, *mods = cons[prev][4:].split("+")
            cons[prev] = f"obj:{_np(c, [*mods, head])}"
    if pending_prep:
        cons.append(f"prep:{pending_prep}")
    # A lone particle is the only thing after the verb ('* OFF' is rare but exists).
    if not cons and len(groups) == 1 and groups[0][0] == "" and groups[0][1][0] in PARTICLES:
        cons.append(f"prt:{groups[0][1][0].lower()}")
    return cons or None


def parse_cameo_dictionary(path: Path) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """(rows (lemma, pattern, cameo, scope), synsets (set, word)) from a PETRARCH2 verb dictionary."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    rows: dict[tuple[str, str], tuple[str, str, int]] = {}
    order = 0
    current: str | None = None
    section = "head"
    block_code: str | None = None
    block_verbs: list[tuple[str, str]] = []  # (lemma, particle)

    explicit_keys: set[tuple[str, str]] = set()

    def add(lemma: str, pattern: str, code: str, scope: str, explicit: bool = False) -> None:
        nonlocal order
        key = (lemma, pattern)
        old = rows.get(key)
        # The first row written for a verb and pattern wins; an 'own' row beats a block row,
        # a verb's own code beats the code of a block it is listed in.
        if (old is None or (old[1] == "block" and scope == "own")
                or (explicit and key not in explicit_keys)):
            rows[key] = (code, scope, order)
            order += 1
        if explicit:
            explicit_keys.add(key)

    for raw in lines:
        if "####### SYNONYM SETS" in raw:
            section = "synsets"
            continue
        if "####### VERB PATTERNS" in raw:
            section = "verbs"
            continue
        if "TRANSFORMATIONS" in raw and raw.startswith("#"):
            section = "done"
            continue
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].split() if "#" in raw else []
        if section == "synsets":
            if line.startswith("&"):
                current = line.strip().rstrip("_")
                synsets[current] = []
            elif line.startswith("+") and current:
                w = _clean(line[1:].split()[0])
                if w and w.replace("-", "").isalpha():
                    synsets[current].append(w)
            elif not line.strip():
                current = None
            continue
        if section != "verbs" or not line.strip():
            continue
        if line.startswith("---"):
            block_code = _code(line)
            if block_code == "---":
                block_code = None
            block_verbs = []
            continue
        if line.startswith("-"):
            code = _code(line)
            if code is None:
                continue
            body = line[1:_CODE.search(line).start()]
            cons = parse_pattern(body)
            if cons is None:
                continue
            pattern = " ".join(cons)
            owner = comment[0].lower() if comment and comment[0].replace("_", "").isalpha() else None
            cameo = "-" if code == "---" else code
            for lemma, particle in block_verbs:
                if particle:
                    continue
                add(lemma, pattern, cameo, "own" if owner == lemma else "block")
            continue
        # A verb line: LEMMA [code] {forms}. '+CALL_OFF' is a phrasal verb (verb + particle).
        head = re.sub(r"\{[^}]*\}", " ", line)
        m = _CODE.search(head)
        word = head[: m.start()].strip() if m else head.strip()
        if not word:
            continue
        parts = [p for p in word.lstrip("+").lower().split("_") if p]
        if not parts or not all(p.replace("-", "").isalpha() for p in parts) or len(parts) > 2:
            continue
        lemma, particle = parts[0], " ".join(parts[1:])
        block_verbs.append((lemma, particle))
        code = _code(head) if m else block_code
        if not code or code == "---":
            continue
        # A verb listed twice ('BEAT' in a 190 block, then 'BEAT [182]'): its own code wins.
        add(lemma, f"prt:{particle}" if particle else "", code, "own", explicit=m is not None)
    out = [(lemma, pattern, code, scope) for (lemma, pattern), (code, scope, _) in
           sorted(rows.items(), key=lambda kv: (kv[0][0], kv[1][2]))]
    used = {w for _, p, _, _ in out for c in p.split() for w in re.split(r"[:=+]", c) if w.startswith("&")}
    syn = sorted((name, w) for name, words in synsets.items() if name in used for w in dict.fromkeys(words))
    return out, syn


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
            plover, mode = mapping.get(r["code"], APPEAL_AS if r["code"].startswith("02") else ("", ""))
            # GDELT's score where it has one, else ICEWS's (the two agree except on 4 codes).
            codes.append([r["code"], r["name"], r["goldstein_gdelt"] or r["goldstein_icews"], plover, mode])
    with open(DATA / "cameo_codes.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_event_lexicon.py from GDELT/ICEWS CAMEO tables and PLOVER's\n")
        fh.write("# CAMEO2PLOVER-2021 (CC BY-SA 4.0); see NOTICE. CAMEO 02 (appeals), absent from that\n")
        fh.write("# table, is PLOVER 2 REQUEST ('all requests'). Do not edit by hand.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "name", "goldstein", "plover", "mode"])
        w.writerows(codes)
    known = {c[0] for c in codes if c[3]} | {"-"}
    rows, synsets = parse_cameo_dictionary(events_dir / "petrarch" / "CAMEO.2.0.txt")
    rows = [r for r in rows if r[2] in known]
    with open(DATA / "event_lexicon_petrarch.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_event_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT); see NOTICE.\n")
        fh.write("# Columns: verb lemma; pattern (constraints on the parse, read by sitrep/events/patterns.py;\n")
        fh.write("# empty = the verb alone); CAMEO code ('-' = not an event); scope (own = written for this\n")
        fh.write("# verb, block = for another verb of its synonym block). Do not edit by hand: edit event_lexicon.tsv.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["lemma", "pattern", "cameo", "scope"])
        w.writerows(rows)
    with open(DATA / "event_lexicon_synsets.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_event_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT); see NOTICE.\n")
        fh.write("# The synonym sets named by event_lexicon_petrarch.tsv patterns (&SET): set, head word.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["set", "word"])
        w.writerows(synsets)
    print(f"cameo_codes.tsv: {len(codes)} codes; event_lexicon_petrarch.tsv: {len(rows)} rows; "
          f"event_lexicon_synsets.tsv: {len(synsets)} words")


if __name__ == "__main__":
    default = shared_path("data", "events")
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
