"""Snapshot of what ``sitrep extract`` makes of fixed inputs, to show a refactor changed nothing.

    .venv/bin/python scripts/snapshot_outputs.py                  # rewrite tests/snapshots/*.json
    .venv/bin/python scripts/snapshot_outputs.py --all OUT.json   # also every benchmark gold set (slow)

``tests/system/test_snapshots.py`` compares the repo's snapshot (the samples, and the seed when
../shared is present) with a fresh run. A change that alters output on purpose rewrites the
snapshot with this script, so the review of that change shows exactly which facts moved.
The seed's text is not ours to copy into the repo: its snapshot is a hash of the record plus
counts (a changed seed shows as a changed hash; diff the two records locally).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_dir  # noqa: E402
SHARED = shared_dir()  # as tests/conftest.py
SNAPSHOTS = ROOT / "tests" / "snapshots"
SEED = SHARED / "seed" / "000_1b53613618b3b9f0.txt"


def inputs_repo():
    """(key, InputDoc, options) for the inputs that live in the repo and the seed."""
    from sitrep.reader import iter_documents

    for path in sorted((ROOT / "samples").rglob("*")):
        if path.is_file():
            for i, doc in enumerate(iter_documents(str(path))):
                yield f"samples/{path.relative_to(ROOT / 'samples')}#{i}", doc, {}
    if SEED.exists():
        for doc in iter_documents(str(SEED)):
            yield "seed", doc, {"published": "2022-02-03"}


def _inputs_gold():
    """Every text a benchmark gold set reads (needs ../shared)."""
    from sitrep.reader import InputDoc

    gt = SHARED / "data" / "extraction" / "article-extraction-benchmark" / "ground-truth.json"
    bodies = json.loads(gt.read_text(encoding="utf-8"))
    seen = set()
    for sub in ("quotes", "timex", "entities"):
        for f in sorted((ROOT / "benchmarks" / "gold" / sub).glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                aid = row.get("id") or row.get("article")
                if aid in bodies and aid not in seen:
                    seen.add(aid)
                    yield f"gold/{aid}", InputDoc(content=bodies[aid]["articleBody"]), {"as_body": True, "published": row.get("published")}
    derived = SHARED / "data" / "events" / "derived"
    for name in ("plover_gsr_cameo.jsonl", "cameo_codebook_examples.jsonl"):
        for i, line in enumerate((derived / name).read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            yield f"{name}#{i}", InputDoc(content=row["text"]), {"as_body": True}


def run(inputs) -> dict[str, object]:
    from sitrep.pipeline import get_pipeline
    from sitrep.record import ErrorRecord

    pipe = get_pipeline()
    out: dict[str, object] = {}
    for key, doc, opts in inputs:
        if isinstance(doc, Exception):
            out[key] = {"error": str(doc)}
            continue
        res = next(pipe.extract_many([doc], **opts))
        value = res.model_dump(mode="json") if not isinstance(res, ErrorRecord) else {"error": res.error}
        if isinstance(value.get("source"), str):  # where the clone lives is not part of the output
            value["source"] = value["source"].replace(str(SHARED), "<shared>").replace(str(ROOT), "<repo>")
        out[key] = value
    return out


def for_repo(key: str, value: dict) -> dict:
    """What the repo keeps of one output: the whole record for our own samples; a hash and
    counts for third-party text (the seed)."""
    if key.startswith("samples/"):
        return value
    blob = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return {"sha256": hashlib.sha256(blob.encode("utf-8")).hexdigest(),
            "counts": {k: len(v) for k, v in sorted(value.items()) if isinstance(v, list)}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", metavar="OUT", help="also snapshot every benchmark gold set into OUT (one JSON file)")
    args = ap.parse_args()
    if args.all:
        data = run(list(inputs_repo()) + list(_inputs_gold()))
        Path(args.all).write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(data)} outputs -> {args.all}")
        return 0
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    for key, value in run(inputs_repo()).items():
        value = for_repo(key, value)
        name = key.replace("/", "__").replace("#", "_") + ".json"
        (SNAPSHOTS / name).write_text(json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"snapshots -> {SNAPSHOTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
