"""Benchmark: toponym resolution and event locations on hand-annotated VOA stories (issue 16).

Gold: ``benchmarks/gold/places/voa.jsonl`` (built from ``annotations.txt`` by
``scripts/build_places_gold.py``): every place mention in the first 24 dev and first 8
held-out stories of ``benchmarks/gold/voa/split.json`` with its GeoNames id (or a region of
sitrep's table, or OUT for a real place the shipped gazetteer lacks), written from the text
before any system output was looked at. Event locations: ``events.jsonl`` (same build).

Systems, same run, same machine:

* **sitrep**: the full pipeline (its own NER); a gold mention counts as resolved when a
  sitrep place entity covering it has a ``geo``;
* **sitrep resolver on gold spans**: ``resolve_name`` on each gold mention's text with the
  article context sitrep built (isolates resolution from NER);
* **naive peer**: the highest-population gazetteer feature whose name or alternate name
  is the mention's text (country names through the same alias table), on gold spans.

Metrics: exact-feature accuracy on resolved toponyms (resolved = the system gave a
feature), accuracy within 161 km (100 miles, the usual geocoding threshold), coverage =
exact / all gold mentions. OUT mentions count against a system that resolves them. Cost:
the ``sitrep_places`` component's time against the spaCy model's own time on the same docs.

Run: ``.venv/bin/python benchmarks/bench_geo.py`` (``--split dev`` / ``--split heldout``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "places"
VOA = ROOT / "benchmarks" / "gold" / "voa"
KM = 161.0


def load():
    stories = {}
    for line in (VOA / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        stories[d["id"]] = d
    gold = [json.loads(x) for x in (GOLD / "voa.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    events = []
    ev_path = GOLD / "events.jsonl"
    if ev_path.exists():
        events = [json.loads(x) for x in ev_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return stories, gold, events


def run_sitrep(stories, gold):
    """Records through the public pipeline, and the model / places time per component."""
    from sitrep.contract import PIPELINE as SITREP_COMPONENTS
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    pipe = Pipeline()
    items = [InputDoc(content=stories[g["story"]]["text"], input_id=g["story"],
                      published=(stories[g["story"]].get("published") or "")[:10] or None) for g in gold]
    records = {r.input_id: r for r in pipe.extract_many(items, as_body=True)}
    # timing pass: each component alone on the same texts
    t_model = t_places = 0.0
    nlp = pipe.nlp
    for it in items:
        doc = nlp.make_doc(it.content)
        doc._.sitrep.text = it.content
        doc._.sitrep.published = it.published
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            dt = time.perf_counter() - t0
            if name == "sitrep_places":
                t_places += dt
            elif name not in SITREP_COMPONENTS:
                t_model += dt
    return records, t_model, t_places


def system_id(rec, m):
    best, best_ov = None, 0
    for e in rec.entities:
        for sp in e.mentions:
            if sp.field != "text":
                continue
            ov = min(sp.end, m["end"]) - max(sp.start, m["start"])
            if ov > best_ov:
                best, best_ov = e, ov
    if best is None or best.type not in ("GPE", "LOC", "FAC") or best.geo is None:
        return None
    return best.geo.id


def resolver_on_gold(rec, text, m, ctx):
    from sitrep.places import resolve_name

    geo = resolve_name(m["text"], ctx, text[max(0, m["start"] - 60):m["start"]], text[m["end"]:m["end"] + 60])
    return geo.id if geo else None


def naive(m):
    from sitrep.places import gazetteer
    from sitrep.places.resolve import country_of_name

    g = gazetteer()
    # GeoNames populations of places, countries and ADM1s; the table's ADM2 figure is a summed
    # prior of sitrep's, not a GeoNames population, so the peer reads one only as a last resort
    cands = list(g.candidates(m["text"]))
    cands = [f for f in cands if f.kind != "adm2"] or cands
    cc = country_of_name(m["text"])
    if cc and g.country(cc) is not None:
        cands.append(g.country(cc))
    if not cands:
        return None
    return max(cands, key=lambda f: (f.population, f.id)).id


def score(pairs):
    """pairs: (gold id, predicted id or None) -> dict of counts and rates."""
    from sitrep.places import distance_km, gazetteer

    g = gazetteer()
    n = len(pairs)
    resolved = [(gid, pid) for gid, pid in pairs if pid is not None]
    exact = sum(1 for gid, pid in resolved if gid == pid)
    near = 0
    for gid, pid in resolved:
        a, b = g.by_id(gid), g.by_id(pid)
        if gid == pid or (a is not None and b is not None and distance_km(a, b) <= KM):
            near += 1
    r = len(resolved)
    return {"gold": n, "resolved": r, "exact": exact, "within_161km": near,
            "exact_on_resolved": exact / r if r else 0.0, "km161_on_resolved": near / r if r else 0.0,
            "coverage_exact": exact / n if n else 0.0}


def event_pairs(events, records, stories):
    """Gold event locations: (gold id, sitrep's place id) per gold event found by trigger."""
    pairs, missing = [], 0
    for ge in events:
        rec = records.get(ge["story"])
        cands = [e for e in (rec.events if rec else []) if e.trigger and e.trigger.field == "text"
                 and ge["start"] <= e.trigger.start < ge["end"]]
        if ge.get("target"):
            tc = [e for e in cands if e.target is not None and e.target.country == ge["target"]]
            cands = tc or cands
        if not cands:
            missing += 1
            continue
        e = cands[0]
        pairs.append((ge["id"], e.place.id if e.place else None))
    return pairs, missing


def _found(ge, records) -> bool:
    rec = records.get(ge["story"])
    return any(e.trigger and e.trigger.field == "text" and ge["start"] <= e.trigger.start < ge["end"]
               for e in (rec.events if rec else []))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["dev", "heldout", "both"], default="both")
    ap.add_argument("--errors", action="store_true", help="list sitrep's dev mistakes (dev only: never tune on held-out)")
    args = ap.parse_args(argv)
    if args.errors:
        args.split = "dev"
    stories, gold, events = load()
    splits = ["dev", "heldout"] if args.split == "both" else [args.split]
    gold = [g for g in gold if g["split"] in splits]
    t0 = time.perf_counter()
    records, t_model, t_places = run_sitrep(stories, gold)
    from sitrep.places.resolve import article_context

    report = {}
    for split in splits:
        rows = {"sitrep": [], "sitrep resolver on gold spans": [], "naive peer (max population)": []}
        for g in (x for x in gold if x["split"] == split):
            rec = records[g["story"]]
            ctx = article_context(rec.entities)
            for e in rec.entities:
                if e.geo is not None and e.geo.country:
                    ctx.countries[e.geo.country] += 1
                    if e.geo.feature == "adm1":
                        ctx.adm1s.add((e.geo.country, e.geo.admin1))
            text = rec.text
            for m in g["mentions"]:
                if args.errors and system_id(rec, m) != m["id"]:
                    print(f"ERR mention {g['story']} {m['text']!r} gold={m['id']} sitrep={system_id(rec, m)} "
                          f"resolver={resolver_on_gold(rec, text, m, ctx)}", file=sys.stderr)
                rows["sitrep"].append((m["id"], system_id(rec, m)))
                rows["sitrep resolver on gold spans"].append((m["id"], resolver_on_gold(rec, text, m, ctx)))
                rows["naive peer (max population)"].append((m["id"], naive(m)))
        report[split] = {k: score(v) for k, v in rows.items()}
        evs = [e for e in events if e["split"] == split]
        if evs:
            pairs, missing = event_pairs(evs, records, stories)
            if args.errors:
                for ge, (gid, pid) in zip([e for e in evs if _found(e, records)], pairs):
                    if gid != pid:
                        print(f"ERR event {ge['story']} {ge['trigger']!r}@{ge['start']} gold={gid} sitrep={pid}",
                              file=sys.stderr)
            s = score(pairs)
            s["gold_events"] = len(evs)
            s["events_not_found"] = missing
            s["exact_of_gold_events"] = s["exact"] / len(evs)
            report[split]["event locations (sitrep)"] = s
    report["cost"] = {"spacy_model_s": round(t_model, 3), "sitrep_places_s": round(t_places, 3),
                      "places_share_of_model": round(t_places / t_model, 4) if t_model else None,
                      "wall_s": round(time.perf_counter() - t0, 1)}
    print(json.dumps(report, indent=1))
    for split in splits:
        print(f"\n{split}: system | gold | resolved | exact on resolved | <=161 km on resolved | coverage")
        for k, v in report[split].items():
            print(f"  {k:34s} {v['gold']:4d} {v['resolved']:4d}  {v['exact_on_resolved']:.3f}  "
                  f"{v['km161_on_resolved']:.3f}  {v['coverage_exact']:.3f}")
    c = report["cost"]
    print(f"\ncost: sitrep_places {c['sitrep_places_s']} s vs spaCy model {c['spacy_model_s']} s "
          f"= {100 * (c['places_share_of_model'] or 0):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
