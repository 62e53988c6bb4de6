"""What `sitrep extract` makes of the samples (and the seed, when ../shared is present) is
exactly the snapshot in tests/snapshots/. A change that alters output on purpose rewrites
the snapshot (``.venv/bin/python scripts/snapshot_outputs.py``) in the same commit, so its
diff shows which facts moved; a refactor must leave it untouched."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import snapshot_outputs  # noqa: E402

CASES = {key: (doc, opts) for key, doc, opts in snapshot_outputs.inputs_repo()}


@pytest.mark.parametrize("key", sorted(CASES))
def test_output_equals_snapshot(key):
    path = snapshot_outputs.SNAPSHOTS / (key.replace("/", "__").replace("#", "_") + ".json")
    assert path.exists(), f"no snapshot for {key}: run scripts/snapshot_outputs.py"
    got = snapshot_outputs.for_repo(key, snapshot_outputs.run([(key, *CASES[key])])[key])
    want = json.loads(path.read_text(encoding="utf-8"))
    assert got == want, f"{key} changed: if on purpose, rerun scripts/snapshot_outputs.py and commit the diff"


def test_seed_is_snapshotted_when_shared_is_present():
    if not snapshot_outputs.SEED.exists():
        pytest.skip("../shared/ is absent: the seed's snapshot is not compared")
    assert "seed" in CASES
