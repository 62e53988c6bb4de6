"""Language identification: sitrep.language.identify (py3langid inside) against
lingua-language-detector, the library not chosen, in the same run.

    .venv/bin/python benchmarks/bench_language.py            # accuracy, speed, English cost
    .venv/bin/python benchmarks/bench_language.py --english-cost 60   # the cost table alone

Data: (1) Mozilla's readability test pages that declare a language (``lang`` in
expected-metadata.json, first subtag; the article text is expected.html.gz's text);
(2) benchmarks/gold/language/short_texts.jsonl: 80 headlines and sentences in 20
languages written for sitrep (not taken from anywhere). "und" counts as wrong. Speed is
texts per second over both sets after one warm-up call (model loading is reported apart).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_path  # noqa: E402
READABILITY = shared_path("data", "extraction", "readability-test-pages")
SHORT = ROOT / "benchmarks" / "gold" / "language" / "short_texts.jsonl"


def load_pages() -> list[dict]:
    import lxml.html

    out = []
    if not READABILITY.exists():
        return out
    for d in sorted(p for p in READABILITY.iterdir() if (p / "expected-metadata.json").exists()):
        lang = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8")).get("lang")
        if not lang:
            continue
        with gzip.open(d / "expected.html.gz", "rt", encoding="utf8", errors="replace") as fh:
            text = lxml.html.fromstring(fh.read()).text_content()
        out.append({"lang": lang.split("-")[0].lower(), "text": text, "name": d.name})
    return out


def systems():
    from sitrep.language import identify

    def py3():
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return lambda t: ident.classify(t)[0]

    def lingua():
        from lingua import LanguageDetectorBuilder

        det = LanguageDetectorBuilder.from_all_languages().build()

        def run(t):
            lang = det.detect_language_of(t)
            return lang.iso_code_639_1.name.lower() if lang else "und"
        return run

    import importlib.metadata as md

    yield "sitrep identify (py3langid " + md.version("py3langid") + ")", lambda: (lambda t: identify(t).language)
    yield "py3langid " + md.version("py3langid") + " alone", py3
    yield "lingua " + md.version("lingua-language-detector") + " (peer)", lingua


def main() -> None:
    import resource

    short = [json.loads(l) for l in SHORT.read_text(encoding="utf-8").splitlines() if l.strip()]
    pages = load_pages()
    sets = [("readability pages", pages), ("short texts", short)]
    print(f"language identification: {len(pages)} readability pages with a declared lang, "
          f"{len(short)} short texts in {len({s['lang'] for s in short})} languages")
    print(f"{'system':36} {'pages':>10} {'short':>10} {'texts/s':>9} {'load s':>7} {'RSS MB':>7}")
    for name, make in systems():
        t0 = time.perf_counter()
        fn = make()
        fn("warm up the model")
        load = time.perf_counter() - t0
        cells, wrong, n, t = [], [], 0, 0.0
        for _, data in sets:
            t1 = time.perf_counter()
            ok = 0
            for x in data:
                got = fn(x["text"])
                ok += got == x["lang"]
                if got != x["lang"]:
                    wrong.append(f"{x['lang']}->{got} ({x.get('name') or x['text'][:30]})")
            t += time.perf_counter() - t1
            n += len(data)
            cells.append(f"{ok}/{len(data)}")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{name:36} {cells[0]:>10} {cells[1]:>10} {n / t:9.0f} {load:7.2f} {rss:7.0f}")
        print(f"    wrong: {'; '.join(wrong) or 'none'}")
    print("RSS is the process's peak so far (cumulative down the table).")
    english_cost(60)


# The check sitrep ran before issue 14 (sitrep/reader.py's function-word counter), kept
# here only as the "before" peer of the English-cost table.
_EN_FUNCTION = frozenset(
    "the of and to a in that is was he for it with as his on be at by i this had not are but from "
    "or have an they which one you were her all she there would their we him been has when who will "
    "more no if out so said what up its about into than them can only other new some could time "
    "these two may then do first any my now such like our over man me even most made after also".split()
)


def old_english_check(text: str) -> bool:
    import re

    words = re.findall(r"[^\W\d_]+", text[:20000])
    if len(words) < 8:
        return True
    en = sum(1 for w in words if w.lower() in _EN_FUNCTION)
    return en / len(words) >= 0.06


def english_cost(n: int) -> None:
    """What language identification costs per English document, against the old check and
    against the whole pipeline on the same documents (the article-extraction-benchmark's
    English true bodies, as --as-body documents)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from scoring import BENCH_DIR, load_benchmark

    from sitrep.language import identify
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    if not BENCH_DIR.exists():
        print("SKIP English cost: benchmark data absent")
        return
    truth, rows = load_benchmark()
    bodies = [b for b in (truth[r["id"]]["articleBody"] for r in rows) if identify(b).language == "en"][:n]

    def per_doc(fn) -> float:
        t0 = time.process_time()
        for b in bodies:
            fn(b)
        return (time.process_time() - t0) / len(bodies) * 1000

    old, new = per_doc(old_english_check), per_doc(identify)
    pipe = Pipeline()
    t0 = time.process_time()
    for _ in pipe.extract_many(InputDoc(content=b) for b in bodies):
        pass
    whole = (time.process_time() - t0) / len(bodies) * 1000
    print(f"\ncost on {len(bodies)} English bodies (CPU ms per document): old function-word check {old:.2f}, "
          f"identify {new:.2f}, whole sitrep pipeline {whole:.0f} (identify = {new / whole:.1%} of it)")


if __name__ == "__main__":
    if "--english-cost" in sys.argv:
        english_cost(int(sys.argv[sys.argv.index("--english-cost") + 1]))
        sys.exit(0)
    sys.exit(main())
