"""Error analysis of sitrep's attributions on a sample of PolNeAR train (issue 19).

    .venv/bin/python benchmarks/polnear_errors.py [--every 4] [--reparse] [--show CATEGORY] [--n 30]

Tuning happens on train only (dev is reported by bench_quotes.py; the test split is never
read). Parsed docs (spaCy + the stages before quotes) are cached in /tmp so that a change
to the quotes stage re-runs in seconds; ``--reparse`` after changing anything before it.

Prints the shared scorer's figures on the sample, then the gold attributions missed, by
category (cue lemma of the gold attribution, marked or not, missed outright / content
boundary / wrong speaker), and the false positives by the predicted cue's lemma.
``--all-cues`` lists every predicted cue (else the 60 hitting nothing most). ``--show CAT`` prints examples of one category (e.g. ``--show miss:accuse`` or ``--show fp:say``).
"""

from __future__ import annotations

import collections
import json
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from sitrep.refdata import shared_path  # noqa: E402
TRAIN = shared_path("data", "attribution", "polnear", "train")
CACHE = Path(tempfile.gettempdir()) / "sitrep_polnear_train_cache"
MARKED_ONLY = False
CUE_STATS: dict = collections.defaultdict(lambda: [0, 0, 0])
QCH = set('"\u201c\u201d\u201e\u00ab\u00bb')


def _docs(files, reparse: bool):
    from sitrep.nlp import load_nlp

    nlp = None
    CACHE.mkdir(exist_ok=True)
    for f in files:
        cp = CACHE / (f.stem + ".pkl")
        if cp.exists() and not reparse:
            yield f, pickle.loads(cp.read_bytes())
            continue
        if nlp is None:
            nlp = load_nlp()
        text = json.loads(f.read_text(encoding="utf-8"))["text"]
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            if name == "sitrep_quotes":
                break
            doc = proc(doc)
        cp.write_bytes(pickle.dumps(doc))
        yield f, doc


def main(argv: list[str]) -> int:
    import bench_quotes
    from sitrep.quotes import find_quotes

    every = int(argv[argv.index("--every") + 1]) if "--every" in argv else 4
    show = argv[argv.index("--show") + 1] if "--show" in argv else None
    nshow = int(argv[argv.index("--n") + 1]) if "--n" in argv else 30
    reparse = "--reparse" in argv
    global MARKED_ONLY
    MARKED_ONLY = "--marked" in argv
    scorer = bench_quotes._scorer()
    files = sorted(TRAIN.glob("*.json"))[::every]
    miss = collections.Counter()
    fps = collections.Counter()
    examples = collections.defaultdict(list)
    coarse = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, pred_dir = Path(tmp) / "gold", Path(tmp) / "pred"
        gold_dir.mkdir()
        pred_dir.mkdir()
        for f, doc in _docs(files, reparse):
            (gold_dir / f.name).symlink_to(f)
            g = json.loads(f.read_text(encoding="utf-8"))
            text = g["text"]
            quotes = find_quotes(doc)
            preds = [{"content": [[p.start, p.end] for p in q.parts],
                      "speaker": [[q.speaker_span.start, q.speaker_span.end]] if q.speaker_span else []}
                     for q in quotes]
            (pred_dir / f.name).write_text(json.dumps({"quotes": preds}), encoding="utf-8")
            _categorise(text, g["quotes"], quotes, scorer, miss, fps, examples, coarse)
        for sub in ("marked", "all"):
            r = scorer.main(str(gold_dir), str(pred_dir), sub == "marked")["jac50"]
            print(f"{sub:7s} quote P/R/F {r['quote_PRF']}  quote+speaker P/R/F {r['attrib_PRF']}")
    print(f"\n{len(files)} train articles (every {every}th)\n\nmisses (gold not matched at J>=.5 with the right speaker):")
    for k, n in miss.most_common(45):
        print(f"  {n:4d}  {k}")
    print("totals:", dict(coarse.most_common()), "fp:", sum(fps.values()))
    print("\nfalse positives (predictions matching no gold at J>=.5):")
    for k, n in fps.most_common(30):
        print(f"  {n:4d}  {k}")
    print("\nper predicted cue: right / wrong-overlapping / hitting no gold (by most hitting nothing)")
    ncues = None if "--all-cues" in argv else 60
    for k, (a, b, c) in sorted(CUE_STATS.items(), key=lambda x: -x[1][2])[:ncues]:
        print(f"  {k:30s} {a:4d} {b:4d} {c:4d}   P={a / (a + b + c):.2f}")
    if show:
        print(f"\n== examples of {show}")
        for ex in examples[show][:nshow]:
            print("-", ex)
    return 0


def _lemma(cue_text: str) -> str:
    w = cue_text.lower().split()
    return " ".join(w[:2]) if w else "-"


def _categorise(text, golds, quotes, scorer, miss, fps, examples, coarse) -> None:
    """Per gold attribution: matched, boundary (overlapping prediction, J < .5), speaker
    (matched content, other source) or missed; per prediction: matched or false positive."""
    gs = []
    for q in golds:
        spans = [(s["start"], s["end"]) for s in q["contents"]]
        if not spans:
            continue
        cs = scorer.charset(text, spans)
        src = scorer.nonspace(text, [(s["start"], s["end"]) for s in q["sources"]])
        marked = any(ch in QCH for a, b in spans for ch in text[a:b])
        gs.append((cs, src, marked, q))
    if MARKED_ONLY:
        excluded = frozenset().union(*[x[0] for x in gs if not x[2]]) if gs else frozenset()
        gs = [x for x in gs if x[2]]
        gu = frozenset().union(*[x[0] for x in gs]) if gs else frozenset()
    ps = []
    for q in quotes:
        cs = scorer.charset(text, [(p.start, p.end) for p in q.parts])
        sp = scorer.nonspace(text, [(q.speaker_span.start, q.speaker_span.end)] if q.speaker_span else [])
        if cs and not (MARKED_ONLY and not (cs & gu) and (cs & excluded)):
            ps.append((cs, sp, q))
    pairs = []
    for i, (pc, _, _) in enumerate(ps):
        for j, (gc, _, _, _) in enumerate(gs):
            inter = len(pc & gc)
            if inter and inter / len(pc | gc) >= 0.5:
                pairs.append((inter / len(pc | gc), i, j))
    up, ug = {}, {}
    for jac, i, j in sorted(pairs, reverse=True):
        if i in up or j in ug:
            continue
        up[i], ug[j] = j, i
    for j, (gc, src, marked, q) in enumerate(gs):
        cue = q["cue"]["text"] if q.get("cue") else "-"
        ctx = _ctx(text, gc)
        tag = "M" if marked else "U"
        if j in ug:
            pc, sp, pq = ps[ug[j]]
            if (sp & src) or (not sp and not src):
                continue
            k = f"speaker/{tag}"
            examples[k].append(f"cue={cue!r} gold_src={[s['text'] for s in q['sources']]} pred={pq.speaker_span.text if pq.speaker_span else None!r} :: {ctx}")
            miss[k] += 1
            coarse[k] += 1
            continue
        over = [(len(pc & gc) / len(pc | gc), i) for i, (pc, _, _) in enumerate(ps) if pc & gc]
        if over:
            jac, i = max(over)
            pq = ps[i][2]
            pc = ps[i][0]
            how = "short" if pc <= gc else "long" if gc <= pc else "shifted"
            samecue = bool(pq.cue and q.get("cue") and pq.cue.start < q["cue"]["end"] and q["cue"]["start"] < pq.cue.end)
            k = f"boundary/{tag}"
            coarse[f"boundary/{tag}/{how}/{'samecue' if samecue else 'othercue'}"] += 1
            examples[f"b/{tag}/{how}"].append(f"J={jac:.2f} cue={cue!r} pcue={pq.cue.text if pq.cue else None!r} gold={_join(q)!r}\n     pred={pq.text!r}")
            examples[k].append(f"J={jac:.2f} cue={cue!r} gold={_join(q)!r}\n     pred={pq.text!r}")
        else:
            k = f"miss/{tag}:{_lemma(cue)}"
            examples[f"miss:{_lemma(cue)}"].append(f"[{tag}] cue={cue!r} src={[s['text'] for s in q['sources']]} :: {ctx}")
            examples["miss"].append(f"[{tag}] cue={cue!r} src={[s['text'] for s in q['sources']]} :: {ctx}")
        miss[k] += 1
        coarse[k.split(":")[0]] += 1
    for i, (pc, sp, pq) in enumerate(ps):
        ck = (pq.cue_class or "-") + ":" + (pq.cue.text.lower() if pq.cue else "-")
        ok = i in up and ((sp & gs[up[i]][1]) or (not sp and not gs[up[i]][1]))
        CUE_STATS[ck][0 if ok else (1 if any(pc & gc for gc, _, _, _ in gs) else 2)] += 1
        if i in up:
            continue
        over = [gc for gc, _, _, _ in gs if pc & gc]
        k = f"fp/{'overlap' if over else 'none'}:{pq.cue.text.lower() if pq.cue else '-'}"
        fps[k] += 1
        examples[f"fp:{pq.cue.text.lower() if pq.cue else '-'}"].append(
            f"{pq.kind} spk={pq.speaker_span.text if pq.speaker_span else None!r} {pq.text[:200]!r}")
        examples["fp/" + ("overlap" if over else "none")].append(f"{pq.kind} cue={pq.cue.text if pq.cue else None} spk={pq.speaker_span.text if pq.speaker_span else None!r} {pq.text[:200]!r}")
        examples["fp"].append(f"{pq.kind} cue={pq.cue.text if pq.cue else None} spk={pq.speaker_span.text if pq.speaker_span else None!r} {pq.text[:200]!r}")


def _join(q) -> str:
    return " … ".join(s["text"] for s in q["contents"])[:240]


def _ctx(text: str, cs) -> str:
    lo, hi = min(cs), max(cs)
    a = max(0, text.rfind("\n", 0, lo) + 1, lo - 150)
    b = min(len(text), hi + 60)
    return text[a:b].replace("\n", " ¶ ")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
