"""Entity benchmark: sitrep entities vs plain spaCy NER on hand-annotated real articles.

    .venv/bin/python benchmarks/bench_entities.py            # scores + speed
    .venv/bin/python benchmarks/bench_entities.py --build-gold   # annotations.txt -> gold.jsonl

Data: article bodies from ../shared/data/extraction/article-extraction-benchmark/ground-truth.json
(read at run time; the repo keeps only offsets and entity ids in benchmarks/gold/entities/gold.jsonl).
The annotations (benchmarks/gold/entities/annotations.txt) were written from the text before
any system output was seen: per article, each referent with its type and the surface forms
that name it; --build-gold turns them into character offsets (longest form first, no overlaps,
case-sensitive, whole words; "SKIP:" forms are names of things outside the scheme (events,
laws, indexes) that only block shorter matches inside them).

Scheme: names only (no pronouns or nominals); a leading "the" and a trailing "'s" are not part
of a span; titles are not part of a person's span; one entity per referent (all its names).
Types are compared coarsely: PER, ORG (ORG/MEDIA/IGO), LOC (GPE/LOC/FAC), NORP.

Peer: plain spaCy (same model) with its entities grouped by exact text, the baseline a user
gets without sitrep. Scores: mention P/R/F1 (exact span + coarse type), entity-level CEAF-e
(each gold entity aligned to at most one system entity, similarity = mention-set Dice) and
strict entity F1 (same mention set). Speed: time of the spaCy pipeline with vs without the two
sitrep entity components over the same pages.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_dir  # noqa: E402
SHARED = shared_dir()
GT = SHARED / "data" / "extraction" / "article-extraction-benchmark" / "ground-truth.json"
GOLD_DIR = ROOT / "benchmarks" / "gold" / "entities"
COARSE = {"PERSON": "PER", "ORG": "ORG", "MEDIA": "ORG", "IGO": "ORG", "GPE": "LOC", "LOC": "LOC",
          "FAC": "LOC", "NORP": "NORP"}
# VOA sets (issue 15): OntoNotes name types, sitrep's MEDIA / IGO counted as ORG.
ONTONOTES = {"PERSON": "PERSON", "NORP": "NORP", "FAC": "FAC", "ORG": "ORG", "MEDIA": "ORG", "IGO": "ORG",
             "GPE": "GPE", "LOC": "LOC", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "WORK_OF_ART": "WORK_OF_ART",
             "LAW": "LAW", "LANGUAGE": "LANGUAGE"}
VOA_GOLD = GOLD_DIR / "voa.jsonl"
VOA_STORIES = ROOT / "benchmarks" / "gold" / "voa" / "stories.jsonl"


def load_bodies() -> dict[str, str]:
    if not GT.exists():
        print(f"skip: {GT} is absent (../shared/ is not part of a fresh clone)")
        sys.exit(0)
    raw = json.loads(GT.read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in raw.items()}


# ---------------------------------------------------------------- gold
def parse_annotations(path: Path) -> list[dict]:
    arts, cur = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("ART "):
            cur = {"prefix": line[4:].strip(), "entities": [], "skip": []}
            arts.append(cur)
        elif line.startswith("SKIP:"):
            cur["skip"] += [f.strip() for f in line[5:].split("|") if f.strip()]
        else:
            head, _, forms = line.partition(":")
            etype, _, name = head.partition(" ")
            cur["entities"].append({"type": etype, "name": name.strip(),
                                    "forms": [f.strip() for f in forms.split("|") if f.strip()]})
    return arts


def build_gold(bodies: dict[str, str]) -> list[dict]:
    from sitrep.record import content_id

    out = []
    for art in parse_annotations(GOLD_DIR / "annotations.txt"):
        key = next(k for k in bodies if k.startswith(art["prefix"]))
        text = bodies[key]
        forms = [(f, i) for i, e in enumerate(art["entities"]) for f in e["forms"]] + [(f, -1) for f in art["skip"]]
        forms.sort(key=lambda x: -len(x[0]))
        taken = [False] * len(text)
        mentions: dict[int, list] = {}
        for form, idx in forms:
            for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", text):
                s, e = m.start(), m.end()
                if any(taken[s:e]):
                    continue
                taken[s:e] = [True] * (e - s)
                if idx >= 0:
                    mentions.setdefault(idx, []).append([s, e])
        ents = []
        for i, e in enumerate(art["entities"]):
            if i not in mentions:
                raise SystemExit(f"{art['prefix']}: no occurrence of {e['forms']}")
            ents.append({"id": content_id(e["type"], e["name"]), "type": e["type"], "name": e["name"],
                         "mentions": sorted(mentions[i])})
        out.append({"article": key, "entities": ents})
    return out


def load_gold() -> list[dict]:
    path = GOLD_DIR / "gold.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# ---------------------------------------------------------------- systems
def spacy_entities(doc, types=COARSE) -> list[dict]:
    groups: dict[tuple, dict] = {}
    for ent in doc.ents:
        if ent.label_ not in types:
            continue
        g = groups.setdefault((ent.label_, ent.text), {"type": ent.label_, "mentions": []})
        g["mentions"].append([ent.start_char, ent.end_char])
    return list(groups.values())


def sitrep_entities(doc, types=None) -> list[dict]:
    """sitrep's entities; ``types`` keeps only the types a gold scheme annotates (the old set
    has no PRODUCT / EVENT / LAW ... entities, so those are not scored there, as for spaCy)."""
    return [{"type": e.type, "mentions": [[m.start, m.end] for m in e.mentions]} for e in doc._.sitrep.entities
            if types is None or e.type in types]


# ---------------------------------------------------------------- scoring
def prf(tp: float, n_sys: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_arts: list[dict], sys_arts: list[list[dict]], types=COARSE) -> dict:
    from scipy.optimize import linear_sum_assignment
    import numpy as np

    tot = {"m_tp": 0, "m_sys": 0, "m_gold": 0, "u_tp": 0, "c_sim": 0.0, "e_sys": 0, "e_gold": 0, "s_tp": 0}
    for gold, system in zip(gold_arts, sys_arts):
        g_m = {(s, e, types.get(x["type"], x["type"])) for x in gold["entities"] for s, e in x["mentions"]}
        s_m = {(s, e, types.get(x["type"], x["type"])) for x in system for s, e in x["mentions"]}
        tot["m_tp"] += len(g_m & s_m)
        tot["u_tp"] += len({m[:2] for m in g_m} & {m[:2] for m in s_m})
        tot["m_sys"] += len(s_m)
        tot["m_gold"] += len(g_m)
        g_sets = [{(s, e, types.get(x["type"], x["type"])) for s, e in x["mentions"]} for x in gold["entities"]]
        s_sets = [{(s, e, types.get(x["type"], x["type"])) for s, e in x["mentions"]} for x in system]
        tot["e_gold"] += len(g_sets)
        tot["e_sys"] += len(s_sets)
        tot["s_tp"] += sum(1 for g in g_sets if g in s_sets)
        if g_sets and s_sets:
            sim = np.array([[2 * len(g & s) / (len(g) + len(s)) for s in s_sets] for g in g_sets])
            rows, cols = linear_sum_assignment(-sim)
            tot["c_sim"] += float(sim[rows, cols].sum())
    return {
        "mention": prf(tot["m_tp"], tot["m_sys"], tot["m_gold"]),
        "mention_untyped": prf(tot["u_tp"], tot["m_sys"], tot["m_gold"]),
        "ceafe": prf(tot["c_sim"], tot["e_sys"], tot["e_gold"]),
        "entity_strict": prf(tot["s_tp"], tot["e_sys"], tot["e_gold"]),
        "n_mentions": tot["m_gold"], "n_entities": tot["e_gold"],
    }


def table(title: str, base: dict, mine: dict) -> None:
    print(title)
    print("| metric | plain spaCy P / R / F1 | sitrep P / R / F1 | F1 ratio |")
    print("|---|---|---|---|")
    for key, label in [("mention", "mentions (span + type)"), ("mention_untyped", "mentions (span only)"),
                       ("ceafe", "entities CEAF-e"), ("entity_strict", "entities strict")]:
        b, m = base[key], mine[key]
        ratio = m[2] / b[2] if b[2] else float("inf")
        print(f"| {label} | {b[0]:.3f} / {b[1]:.3f} / {b[2]:.3f} | {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f} | {ratio:.2f} |")
    print()


def voa_sets(plain, ours, wanted: list[str], show_errors: bool) -> None:
    """The VOA stories of issue 15, OntoNotes types (MEDIA/IGO as ORG), every spaCy type kept."""
    texts = {}
    for line in VOA_STORIES.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    rows = [json.loads(line) for line in VOA_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("dev", "heldout"):
        if f"voa-{split}" not in wanted:
            continue
        gold = [r for r in rows if r["split"] == split]
        docs_plain = list(plain.pipe(texts[g["id"]] for g in gold))
        docs_ours = list(ours.pipe(texts[g["id"]] for g in gold))
        base = score(gold, [spacy_entities(d, ONTONOTES) for d in docs_plain], ONTONOTES)
        sys_ents = [sitrep_entities(d) for d in docs_ours]
        mine = score(gold, sys_ents, ONTONOTES)
        table(f"voa-{split}: {len(gold)} stories, {base['n_entities']} gold entities, {base['n_mentions']} gold mentions "
              f"(OntoNotes types)", base, mine)
        if show_errors:
            for g, sysd in zip(gold, sys_ents):
                text = texts[g["id"]]
                gm = {(s, e): ONTONOTES[x["type"]] for x in g["entities"] for s, e in x["mentions"]}
                sm = {(s, e): ONTONOTES.get(x["type"], x["type"]) for x in sysd for s, e in x["mentions"]}
                for k in sorted(set(gm) | set(sm)):
                    if gm.get(k) != sm.get(k):
                        print(f"  {g['id']} {text[k[0]:k[1]]!r} gold={gm.get(k)} sys={sm.get(k)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-gold", action="store_true")
    ap.add_argument("--speed-pages", type=int, default=60, help="article bodies timed for the speed figure")
    ap.add_argument("--sets", default="old,voa-dev,voa-heldout", help="comma-separated: old, voa-dev, voa-heldout")
    ap.add_argument("--errors", action="store_true", help="list mention differences (never tune on voa-heldout)")
    args = ap.parse_args()
    wanted = [x.strip() for x in args.sets.split(",") if x.strip()]
    if args.build_gold or "old" in wanted:
        bodies = load_bodies()
    if args.build_gold:
        gold = build_gold(bodies)
        with (GOLD_DIR / "gold.jsonl").open("w", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps(g, ensure_ascii=False) + "\n")
        print(f"wrote {len(gold)} articles, {sum(len(g['entities']) for g in gold)} entities")
        return

    import spacy

    import sitrep.entities  # noqa: F401  (registers the components)
    from sitrep.nlp import MODEL

    plain = spacy.load(MODEL)
    ours = spacy.load(MODEL)
    ours.add_pipe("sitrep_ner_fixes", after="ner")
    ours.add_pipe("sitrep_entities", after="sitrep_ner_fixes")
    print(f"model {MODEL}\n")
    voa_sets(plain, ours, wanted, args.errors)
    if "old" not in wanted:
        return
    gold = load_gold()
    texts = [bodies[g["article"]] for g in gold]
    base = score(gold, [spacy_entities(d) for d in plain.pipe(texts)])
    mine = score(gold, [sitrep_entities(d, COARSE) for d in ours.pipe(texts)])
    table(f"old: {len(gold)} articles, {base['n_entities']} gold entities, {base['n_mentions']} gold mentions "
          f"(coarse types PER / ORG / LOC / NORP)", base, mine)

    if args.speed_pages <= 0:
        return
    pages = list(bodies.values())
    pages = [p for p in pages if p.isascii() or re.search(r"\b(the|and)\b", p)][: args.speed_pages]
    list(ours.pipe(pages[:2]))  # warm: gazetteer tables and the phrase matcher load once
    # Each round parses the pages with plain spaCy, then runs the two sitrep components on
    # those docs; best of 3 for each part. Timing the parts of one run (rather than two
    # whole pipelines one after the other) keeps the shared machine's load drift out of it.
    from sitrep.entities import annotate, fix_entities

    t_plain = t_comp = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        docs = list(plain.pipe(pages, batch_size=16))
        t1 = time.perf_counter()
        for d in docs:
            annotate(fix_entities(d))
        t2 = time.perf_counter()
        t_plain, t_comp = min(t_plain, t1 - t0), min(t_comp, t2 - t1)
    chars = sum(len(p) for p in pages)
    print(f"\nspeed over {len(pages)} pages ({chars} chars), best of 3 rounds:")
    print(f"| stage | seconds | vs plain spaCy |")
    print(f"|---|---|---|")
    print(f"| plain spaCy pipeline (nlp.pipe) | {t_plain:.2f} | 100% |")
    print(f"| sitrep_ner_fixes + sitrep_entities on its docs | {t_comp:.2f} | +{100 * t_comp / t_plain:.1f}% |")


if __name__ == "__main__":
    main()
