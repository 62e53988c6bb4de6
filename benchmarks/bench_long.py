"""Long documents: ``sitrep extract`` throughput at 50k / 200k / 1M characters beside bare
spaCy (the same model, ``nlp.pipe`` over the same windows) on the same invented text.

    .venv/bin/python benchmarks/bench_long.py                      # 50k, 200k, 1M
    .venv/bin/python benchmarks/bench_long.py --sizes 50000 --write /tmp/long.txt

The text is invented here (no third-party sentences): news paragraphs built from templates
with made-up people, groups, places, dates, figures and quotations, so a long body has as
many entities, times and quotes per character as a real story. Output per size: seconds,
characters per second for sitrep and for bare spaCy, the ratio, peak memory (RSS) and the
record's counts. The machine is shared: the ratio is the figure; the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST = ["Maren", "Tobias", "Ilse", "Dariusz", "Oona", "Kwame", "Lucia", "Farid", "Annika", "Rowan", "Selin",
         "Mateo", "Priya", "Jonas", "Amara", "Henrik", "Yusuf", "Clara", "Emeka", "Sofia"]
LAST = ["Veldt", "Marrow", "Okafor", "Lindqvist", "Brandt", "Castell", "Ferrante", "Haddad", "Novak", "Quill",
        "Sorensen", "Tamsin", "Ulloa", "Wexley", "Yaro", "Zielinski", "Achterberg", "Benedek", "Corvo", "Dunmore"]
TITLES = ["Foreign Minister", "Defense Minister", "President", "Prime Minister", "spokesperson", "Governor",
          "Interior Minister", "Mayor", "General", "Senator"]
PLACES = ["Ukraine", "Poland", "Romania", "Germany", "Kenya", "Ethiopia", "Brazil", "Chile", "Japan", "Indonesia",
          "Turkey", "Egypt", "France", "Canada", "India", "Nigeria", "Peru", "Vietnam", "Norway", "Morocco"]
CITIES = ["Kyiv", "Warsaw", "Bucharest", "Berlin", "Nairobi", "Addis Ababa", "Brasilia", "Santiago", "Tokyo",
          "Jakarta", "Ankara", "Cairo", "Paris", "Ottawa", "New Delhi", "Abuja", "Lima", "Hanoi", "Oslo", "Rabat"]
ORGS = ["the United Nations", "NATO", "the European Union", "the African Union", "the World Bank",
        "the Red Cross", "the International Monetary Fund", "the World Health Organization"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["met", "criticized", "praised", "accused", "warned", "visited", "called", "thanked", "condemned", "urged"]
SAID = ["said", "told reporters", "said in a statement", "added", "told a news conference", "wrote on social media"]
TOPICS = ["the talks on the border", "the new grain agreement", "the cease-fire", "the aid convoy",
          "the election results", "the water dispute", "the trade sanctions", "the refugee camps"]

TEMPLATES = [
    "{title} {name} of {place} {verb} {org} on {day}, {ago} after {topic} stalled in {city}.",
    "\"We will not accept {topic} as it stands,\" {name} {said}. \"Our people deserve better than this.\"",
    "{org} said {n} people had been displaced since {month} {d}, and that {m} more were expected by {month2}.",
    "Officials in {city} said the {title2} would travel to {place} next week to discuss {topic}.",
    "{name} {said} that {place} had sent {n} troops to the region in {year}, a figure {org} disputed.",
    "According to {org}, about {n} tonnes of food reached {city} on {day}, the first delivery in {ago}.",
    "\"This is a serious step,\" {title} {name} {said} in {city}, adding that talks would resume on {month} {d}.",
    "Protesters gathered outside the parliament in {city} for a third day, police said, and {m} were detained.",
]


def invented_text(chars: int, seed: int = 13) -> str:
    """About ``chars`` characters of invented news paragraphs (4-7 sentences each)."""
    rnd = random.Random(seed)
    paras: list[str] = []
    total = 0
    while total < chars:
        sents = []
        for _ in range(rnd.randint(4, 7)):
            t = rnd.choice(TEMPLATES)
            sent = t.format(
                title=rnd.choice(TITLES), title2=rnd.choice(TITLES).lower(),
                name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", place=rnd.choice(PLACES), city=rnd.choice(CITIES),
                org=rnd.choice(ORGS), verb=rnd.choice(VERBS), said=rnd.choice(SAID), topic=rnd.choice(TOPICS),
                day=rnd.choice(DAYS), month=rnd.choice(MONTHS), month2=rnd.choice(MONTHS), d=rnd.randint(1, 28),
                year=rnd.randint(2015, 2025), n=f"{rnd.randint(2, 900) * 100:,}", m=rnd.randint(3, 90),
                ago=rnd.choice(["two weeks", "a month", "three days", "six months", "a year"]),
            )
            sents.append(sent[0].upper() + sent[1:])
        p = " ".join(sents)
        paras.append(p)
        total += len(p) + 2
    return "\n\n".join(paras)[:chars].rsplit(" ", 1)[0] + "."


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_spacy(nlp, text: str) -> float:  # noqa: ANN001
    """Seconds for the model alone over the text in the same windows sitrep uses."""
    from sitrep.contract import PIPELINE
    from sitrep.windows import WINDOW_CHARS, model_components, split_windows

    t0 = time.perf_counter()
    for piece in split_windows(text, WINDOW_CHARS):
        doc = nlp.make_doc(piece)
        for _name, proc in model_components(nlp, PIPELINE):
            doc = proc(doc)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50000,200000,1000000", help="comma-separated character counts")
    ap.add_argument("--write", metavar="PATH", help="only write the invented text of the first size to PATH")
    ap.add_argument("--no-peer", action="store_true", help="skip the bare-spaCy pass")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.write:
        Path(args.write).write_text(invented_text(sizes[0]), encoding="utf-8")
        print(f"{sizes[0]} characters -> {args.write}")
        return 0
    from sitrep.pipeline import get_pipeline
    from sitrep.reader import InputDoc

    pipe = get_pipeline()
    pipe.extract(InputDoc(content="Warm-up: the minister said on Monday that talks would resume."), as_body=True)
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} (2-core shared machine)")
    print(f"{'chars':>9} {'sitrep s':>9} {'sitrep c/s':>11} {'spaCy s':>8} {'spaCy c/s':>10} {'ratio':>6} "
          f"{'peak MB':>8}  counts")
    for n in sizes:
        text = invented_text(n)
        t0 = time.perf_counter()
        rec = pipe.extract(InputDoc(content=text), as_body=True, published="2025-03-01")
        ts = time.perf_counter() - t0
        peak = _peak_mb()
        tb = None if args.no_peer else bare_spacy(pipe.nlp, text)
        counts = f"entities {len(rec.entities)} quotes {len(rec.quotes)} events {len(rec.events)} times {len(rec.times)}"
        peer = "" if tb is None else f"{tb:8.1f} {len(text) / tb:10,.0f} {ts / tb:6.2f}"
        print(f"{len(text):9,} {ts:9.1f} {len(text) / ts:11,.0f} {peer:>25} {peak:8.0f}  {counts}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
