"""Event coding benchmark: PLOVER type accuracy, source/target country P/R/F1, events where none
is expected, the seed's invasion check, and the time event coding adds to the spaCy pipeline.

    .venv/bin/python benchmarks/bench_events.py [--limit N]

Data (read-only, ../shared/data/events/derived/):
- plover_gsr_cameo.jsonl: 322 sentences coded in PLOVER (old names mapped to PLOVER 2 by the
  file's ``event_plover_v2``). sitrep's lexicon was TUNED on this set (development set).
- cameo_codebook_examples.jsonl: 282 CAMEO-manual examples, one per code. It shares sentences
  with the PLOVER set (same family), so it is reported twice: all of it, and only the
  sentences NOT in the PLOVER set (the held-out part), and the *strict* held-out part: the
  held-out sentences with no near-copy in the PLOVER set (token-set Jaccard < 0.5 against
  every GSR sentence; many held-out sentences are GSR sentences with other names). Root 01 (public statements) has no
  PLOVER 2 type: an asserted/reported event found there is an event where none is expected.
  Root 02 (appeals) has no row in CAMEO2PLOVER-2021 but falls under PLOVER 2's REQUEST ("all
  requests"): reported as the share coded REQUEST.

Each sentence runs as a one-sentence document through the real pipeline
(``Pipeline().extract_many(..., as_body=True)``, the same as ``sitrep extract --input-format
jsonl --as-body``). The peer is a naive lexicon coder run in this script on the same spaCy
parse: the first verb with a default entry in the same lexicon, the first named country
before it as source and after it as target, no patterns, no modality. (PETRARCH2, the
natural peer, is Python 2 only and cannot run in this environment.)
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
DERIVED = SHARED / "data" / "events" / "derived"
SEED = SHARED / "seed" / "000_1b53613618b3b9f0.txt"

# CAMEO country codes in the gold that are not ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "GMY": "DEU", "UKG": "GBR"}


def norm_gold(code):
    if not code:
        return None
    return CAMEO_TO_ISO.get(code, code)[:3]


def norm_actor(actor):
    """An actor's country; a generic actor coded by role alone ('REB', 'COP') has none."""
    if actor is None:
        return None
    if actor.get("country"):
        return actor["country"]
    code = actor.get("code") or ""
    if len(code) == 3 and code in _sectors():
        return None
    return code[:3] or None


def _sectors():
    import json as _json
    from importlib import resources

    return set(_json.loads(resources.files("sitrep.data").joinpath("agents.json").read_text(encoding="utf-8")).values())


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _tokens(text: str) -> frozenset:
    return frozenset(re.findall(r"\w+", text.lower()))


STRICT_JACCARD = 0.5


def strict_held_out(cb_rows, gsr_rows, held_out):
    """The held-out codebook sentences with no near-copy in the GSR: token-set Jaccard below
    ``STRICT_JACCARD`` against every GSR sentence (the codebook rewrites GSR sentences with
    other names and dates, which the exact-text match of the held-out split does not catch)."""
    gsr_toks = [_tokens(r["text"]) for r in gsr_rows]

    def near(t):
        return max((len(t & g) / len(t | g) for g in gsr_toks if t | g), default=0.0)

    return [i for i in held_out if near(_tokens(cb_rows[i]["text"])) < STRICT_JACCARD]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ------------------------------------------------------------------------------ systems
def run_sitrep(pipeline, texts):
    from sitrep.reader import InputDoc

    items = [InputDoc(content=t, format="text") for t in texts]
    out = []
    for rec in pipeline.extract_many(items, as_body=True):
        d = rec.model_dump(mode="json")
        if "error" in d:
            REFUSED.append(d["error"])
        out.append(d.get("events", []))
    return out


REFUSED: list[str] = []  # sentences the pipeline refused (e.g. language detection): scored as no event


def naive_coder(nlp_core, texts):
    """First lexicon verb; first country left of it = source, right of it = target; no modality."""
    from sitrep.events import coding, lexicon
    from sitrep.events.actors import lookup_name

    out = []
    for doc in nlp_core.pipe(texts, batch_size=32):
        events = []
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            entry = lexicon.match(tok.lemma_.lower(), "VERB")
            c = coding.code(entry.cameo) if entry else None
            if c is None:
                continue
            src = tgt = None
            for ent in doc.ents:
                if ent.label_ not in ("GPE", "NORP", "ORG", "LOC"):
                    continue
                found = lookup_name(ent.text)
                if not found:
                    continue
                actor = {"country": found[0], "code": found[1], "text": ent.text}
                if ent.end <= tok.i and src is None:
                    src = actor
                elif ent.start > tok.i and tgt is None:
                    tgt = actor
            if src is not None:
                events.append({"plover": c.plover, "cameo": c.cameo, "source": src, "target": tgt,
                               "modality": "asserted", "trigger": {"start": tok.idx}})
            break
        out.append(events)
    return out


# ------------------------------------------------------------------------------ scoring
def main_event(events):
    return events[0] if events else None


def view(ev):
    """The type in PLOVER's conventions (promised cooperation = AGREE, refused = REJECT)."""
    from sitrep.events.coding import plover_view

    return plover_view(ev["plover"], ev.get("modality", "asserted"))


def score_plover(rows, preds):
    correct = 0
    correct_view = 0
    st = {"source": [0, 0, 0], "target": [0, 0, 0]}
    for row, events in zip(rows, preds):
        ev = main_event(events)
        if ev is not None and ev["plover"] == row["event_plover_v2"]:
            correct += 1
        if ev is not None and view(ev) == row["event_plover_v2"]:
            correct_view += 1
        for role in ("source", "target"):
            gold = {norm_gold(a.get("code")) for a in row[role]} - {None}
            pred = {norm_actor(e.get(role)) for e in events} - {None}
            st[role][0] += len(gold & pred)
            st[role][1] += len(pred - gold)
            st[role][2] += len(gold - pred)
    return correct / len(rows), correct_view / len(rows), prf(*st["source"]), prf(*st["target"])


def score_codebook(rows, preds, mapping):
    typed = [(r, p) for r, p in zip(rows, preds) if mapping.get(r["code"])]
    # CAMEO 01 (public statements) has no PLOVER event. CAMEO 02 (appeals) has no row in the
    # 2021 table either, but PLOVER 2 defines REQUEST as "all requests": scored apart.
    none_expected = [(r, p) for r, p in zip(rows, preds) if r["root"] == "01"]
    appeals = [(r, p) for r, p in zip(rows, preds) if r["root"] == "02"]
    appeal_req = sum(1 for r, p in appeals if main_event(p) and main_event(p)["plover"] == "REQUEST")
    acc = sum(1 for r, p in typed if main_event(p) and view(main_event(p)) == mapping[r["code"]]) / max(1, len(typed))
    root = sum(1 for r, p in typed if main_event(p) and (main_event(p).get("cameo") or "")[:2] == r["root"]) / max(1, len(typed))
    spurious = sum(1 for r, p in none_expected if any(e["modality"] in ("asserted", "reported") for e in p))
    return (acc, root, spurious / max(1, len(none_expected)), len(typed), len(none_expected),
            appeal_req / max(1, len(appeals)), len(appeals))


# ------------------------------------------------------------------------------ VOA stories
VOA_GOLD = ROOT / "benchmarks" / "gold" / "events" / "voa.jsonl"
VOA_STORIES = ROOT / "benchmarks" / "gold" / "voa" / "stories.jsonl"
_REGIONS = {"WST", "EUR", "AFR", "MEA", "SEA", "ASA", "LAM", "SAS", "EAF", "WAF", "SAF", "CAS", "NAF", "CAF"}


def voa_view(ev):
    """The VOA gold's convention (benchmarks/gold/events/README.md): promised cooperation is
    AGREE (03x); planned hostile acts keep their type."""
    from sitrep.events.coding import FUTURE_AS_AGREE

    if ev.get("modality") == "planned" and ev["plover"] in FUTURE_AS_AGREE:
        return "AGREE"
    return ev["plover"]


def actor_key(actor, tier):
    """An actor's code at a tier: 'exact' = the code (IGO region segment dropped, as sitrep
    writes IGOWSTNAT as IGONAT); 'country' = its country, else the code's first 6 letters
    for IGOs, else its first three (a role alone: REB, COP)."""
    if not actor:
        return None
    code = actor.get("code") or ""
    if code.startswith("IGO") and len(code) >= 9 and code[3:6] in _REGIONS:
        code = "IGO" + code[6:]
    if tier == "exact":
        return code or None
    if actor.get("country"):
        return actor["country"]
    if code.startswith(("IGO", "NGO")):
        return code[:6]
    return code[:3] or None


def voa_sets(gold_story, events, tier, view_fn):
    """(gold tuples, system tuples, system events outside every gold sentence). A tuple is
    (sentence index, PLOVER type, source key, target key); system events are placed in the
    gold sentence that holds their trigger."""
    sents = sorted({tuple(e["evidence"]) for e in gold_story["events"]})
    gold = [(sents.index(tuple(e["evidence"])), e["plover"], actor_key(e["source"], tier), actor_key(e["target"], tier))
            for e in gold_story["events"] if e["plover"]]
    sys_t, outside = [], 0
    for ev in events:
        if (ev.get("evidence") or {}).get("field", "text") != "text":
            continue  # headline events: the gold annotates the body only
        at = (ev.get("trigger") or ev["evidence"])["start"]
        idx = next((i for i, (s, e) in enumerate(sents) if s <= at < e), None)
        if idx is None:
            if ev.get("modality") in ("asserted", "reported"):
                outside += 1
            continue
        sys_t.append((idx, view_fn(ev), actor_key(ev.get("source"), tier), actor_key(ev.get("target"), tier)))
    return gold, sys_t, outside


def score_voa(gold_stories, preds, tier, view_fn):
    from collections import Counter

    tp = fp = fn = outside = n_sys = 0
    for story, events in zip(gold_stories, preds):
        gold, sys_t, out = voa_sets(story, events, tier, view_fn)
        g, s = Counter(gold), Counter(sys_t)
        hit = sum((g & s).values())
        tp += hit
        fp += sum(s.values()) - hit
        fn += sum(g.values()) - hit
        outside += out
        n_sys += sum(1 for ev in events if ev.get("modality") in ("asserted", "reported")
                     and (ev.get("evidence") or {}).get("field", "text") == "text")
    p, r, f = prf(tp, fp, fn)
    return p, r, f, outside / max(1, n_sys)


def naive_story_events(nlp_core, texts):
    """The naive lexicon coder sentence by sentence over a story, with character offsets."""
    out = []
    for text in texts:
        doc = nlp_core(text)
        sents = [s for s in doc.sents]
        evs = []
        for sent, found in zip(sents, naive_coder(nlp_core, [s.text for s in sents])):
            for e in found:
                e = dict(e)
                e["trigger"] = {"start": sent.start_char + e["trigger"]["start"]}
                e["evidence"] = {"start": sent.start_char, "field": "text"}
                evs.append(e)
        out.append(evs)
    return out


def run_voa(pipeline, nlp_core, splits):
    from sitrep.reader import InputDoc

    gold = [json.loads(line) for line in open(VOA_GOLD, encoding="utf-8")]
    stories = {r["id"]: r for r in (json.loads(line) for line in open(VOA_STORIES, encoding="utf-8"))}
    print()
    print(f"VOA stories ({VOA_GOLD.relative_to(ROOT)}; hand-annotated; sitrep is tuned on dev only, never on heldout)")
    print(f"{'split':<9}{'system':<15}{'stories':>8}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}  tier     {'none-expected':>14}")
    for split in splits:
        rows = [g for g in gold if g["split"] == split]
        if not rows:
            continue
        texts = [stories[g["story"]]["text"] for g in rows]
        # Each story with its publication date (office holders are picked by date).
        sit = []
        for g, t in zip(rows, texts):
            rec = pipeline.extract(InputDoc(content=t, format="text"), as_body=True,
                                   published=(g.get("published") or "")[:10] or None)
            sit.append(rec.model_dump(mode="json").get("events", []))
        naive = naive_story_events(nlp_core, texts)
        n_gold = sum(1 for g in rows for e in g["events"] if e["plover"])
        for name, preds, fn in (("sitrep", sit, voa_view), ("naive-lexicon", naive, lambda e: e["plover"])):
            for tier in ("country", "exact"):
                p, r, f, none = score_voa(rows, preds, tier, fn)
                print(f"{split:<9}{name:<15}{len(rows):>8}{n_gold:>6}{p:7.3f}{r:7.3f}{f:7.3f}  {tier:<8}{none:14.3f}")
    print("tuples: (sentence, PLOVER type with promised cooperation as AGREE, source, target); every modality counted; "
          "none-expected = share of asserted/reported events in sentences with no gold event")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="use only the first N sentences of each set")
    ap.add_argument("--voa-only", action="store_true", help="only the VOA stories (quick)")
    ap.add_argument("--split", default="heldout,dev", help="VOA splits to score (comma-separated)")
    args = ap.parse_args()
    if not DERIVED.exists():
        print(f"SKIP: reference data {DERIVED} is absent (../shared/ is not part of a fresh clone)")
        return 0

    import spacy

    from sitrep.nlp import MODEL
    from sitrep.pipeline import Pipeline

    gsr = [json.loads(line) for line in open(DERIVED / "plover_gsr_cameo.jsonl", encoding="utf-8")]
    cb = [json.loads(line) for line in open(DERIVED / "cameo_codebook_examples.jsonl", encoding="utf-8")]
    if args.limit:
        gsr, cb = gsr[: args.limit], cb[: args.limit]
    mapping = {}
    for line in open(DERIVED / "cameo_to_plover_2021.tsv", encoding="utf-8").read().splitlines()[1:]:
        parts = line.split("\t")
        mapping.setdefault(parts[0], parts[1])
    gsr_all = [json.loads(line) for line in open(DERIVED / "plover_gsr_cameo.jsonl", encoding="utf-8")]
    gsr_keys = {_key(r["text"]) for r in gsr_all}
    held_out = [i for i, r in enumerate(cb) if _key(r["text"]) not in gsr_keys]
    strict = strict_held_out(cb, gsr_all, held_out)

    pipeline = Pipeline()
    nlp_core = spacy.load(MODEL)
    if args.voa_only:
        run_voa(pipeline, nlp_core, args.split.split(","))
        return 0

    sit_gsr = run_sitrep(pipeline, [r["text"] for r in gsr])
    n_refused_gsr = len(REFUSED)
    sit_cb = run_sitrep(pipeline, [r["text"] for r in cb])
    n_refused_cb = len(REFUSED) - n_refused_gsr
    base_gsr = naive_coder(nlp_core, [r["text"] for r in gsr])
    base_cb = naive_coder(nlp_core, [r["text"] for r in cb])

    print(f"PLOVER GSR (n={len(gsr)}; sitrep tuned on this set; {n_refused_gsr} sentences refused by the pipeline)")
    print(f"{'system':<14}{'type acc':>9}{'PLOVER-view':>12}{'src P':>8}{'src R':>8}{'src F1':>8}{'tgt P':>8}{'tgt R':>8}{'tgt F1':>8}")
    res = {}
    for name, preds in (("sitrep", sit_gsr), ("naive-lexicon", base_gsr)):
        acc, acc_view, s, t = score_plover(gsr, preds)
        res[name] = (acc_view, s[2], t[2])
        print(f"{name:<14}{acc:9.3f}{acc_view:12.3f}{s[0]:8.3f}{s[1]:8.3f}{s[2]:8.3f}{t[0]:8.3f}{t[1]:8.3f}{t[2]:8.3f}")
    print(f"ratio sitrep/naive: PLOVER-view type acc {res['sitrep'][0] / max(res['naive-lexicon'][0], 1e-9):.2f}x, "
          f"source F1 {res['sitrep'][1] / max(res['naive-lexicon'][1], 1e-9):.2f}x, "
          f"target F1 {res['sitrep'][2] / max(res['naive-lexicon'][2], 1e-9):.2f}x")

    print()
    print(f"CAMEO codebook examples (n={len(cb)}; {len(cb) - len(held_out)} shared with the GSR; held-out n={len(held_out)}; "
          f"{n_refused_cb} refused by the pipeline; strict = held-out with token Jaccard < {STRICT_JACCARD} "
          f"against every GSR sentence, n={len(strict)})")
    print(f"{'system':<14}{'subset':<10}{'PLOVER-view acc':>16}{'CAMEO root':>11}{'none-expected hit rate':>24}{'appeals as REQUEST':>22}")
    for name, preds in (("sitrep", sit_cb), ("naive-lexicon", base_cb)):
        for subset, idx in (("all", range(len(cb))), ("held-out", held_out), ("strict", strict)):
            rows = [cb[i] for i in idx]
            ps = [preds[i] for i in idx]
            acc, root, spur, n_typed, n_none, app, n_app = score_codebook(rows, ps, mapping)
            print(f"{name:<14}{subset:<10}{acc:16.3f}{root:11.3f}{spur:17.3f} (n={n_none}){app:15.3f} (n={n_app})"
                  f"  typed n={n_typed}")

    # The seed: asserted/reported ASSAULT or COERCE by Russia (the text only denies or imagines one).
    if SEED.exists():
        from sitrep.reader import InputDoc

        rec = pipeline.extract(InputDoc(content=SEED.read_text(encoding="utf-8"), format="text"), published="2022-02-03")
        sit_bad = [e for e in rec.events if e.plover in ("ASSAULT", "COERCE") and e.source and e.source.country == "RUS"
                   and e.modality in ("asserted", "reported")]
        sents = [s.text for s in nlp_core(rec.text).sents]
        base = naive_coder(nlp_core, sents)
        base_bad = [e for evs in base for e in evs if e["plover"] in ("ASSAULT", "COERCE") and e["source"]["country"] == "RUS"]
        print()
        print(f"seed: asserted Russian ASSAULT/COERCE events (should be 0): sitrep {len(sit_bad)}, naive-lexicon {len(base_bad)}")
        print(f"seed: sitrep events {len(rec.events)}, of which asserted/reported "
              f"{sum(e.modality in ('asserted', 'reported') for e in rec.events)}")

    run_voa(pipeline, nlp_core, args.split.split(","))

    # Speed: time of the sitrep_events component over time of the spaCy model's own components.
    # The machine is shared, so each is the best of three runs, interleaved.
    texts = [r["text"] for r in gsr] + ([SEED.read_text(encoding="utf-8")] * 5 if SEED.exists() else [])
    nlp = pipeline.nlp
    sitrep_names = [n for n in nlp.pipe_names if n.startswith("sitrep_")]
    spacy_names = [n for n in nlp.pipe_names if n not in sitrep_names]
    docs = [nlp.make_doc(t) for t in texts]
    for d in docs:
        d._.sitrep.published = "2022-02-03"
    docs = list(nlp.pipe(docs, disable=["sitrep_events"]))
    events = nlp.get_pipe("sitrep_events")
    t_spacy = t_events = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        list(nlp.pipe(texts, disable=sitrep_names))
        t_spacy = min(t_spacy, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for d in docs:
            events(d)
        t_events = min(t_events, time.perf_counter() - t0)
    print()
    print(f"speed ({len(texts)} docs, best of 3): spaCy model components {t_spacy:.2f}s ({', '.join(spacy_names)}); "
          f"sitrep_events {t_events:.2f}s = {100 * t_events / t_spacy:.1f}% of spaCy time (budget 20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
