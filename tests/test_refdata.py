"""One place resolves the reference data folder (sitrep/refdata.py), honouring SITREP_SHARED."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from sitrep.refdata import REPO, shared_dir, shared_path

ROOT = Path(__file__).resolve().parents[1]


def test_default_is_beside_the_checkout(monkeypatch):
    monkeypatch.delenv("SITREP_SHARED", raising=False)
    assert shared_dir() == ROOT.parent / "shared"
    assert REPO == ROOT


def test_env_var_wins_and_empty_is_unset(monkeypatch, tmp_path):
    monkeypatch.setenv("SITREP_SHARED", str(tmp_path))
    assert shared_dir() == tmp_path
    assert shared_path("seed", "x.txt") == tmp_path / "seed" / "x.txt"
    monkeypatch.setenv("SITREP_SHARED", "  ")
    assert shared_dir() == ROOT.parent / "shared"


def test_benchmarks_and_tests_read_the_env_var(tmp_path):
    code = ("import sys; sys.path[:0] = ['benchmarks', 'tests']; import scoring, conftest; "
            "print(scoring.BENCH_DIR); print(conftest.SEED)")
    env = {**os.environ, "SITREP_SHARED": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == [str(tmp_path / "data" / "extraction" / "article-extraction-benchmark"),
                                       str(tmp_path / "seed" / "000_1b53613618b3b9f0.txt")]


def test_no_other_file_builds_the_shared_path():
    # ``ROOT.parent / "shared"`` or ``os.environ.get("SITREP_SHARED", ...)`` anywhere but refdata.py
    # would be a second place that ignores (or re-implements) the variable.
    pattern = re.compile(r"""/\s*["']shared["']|environ(\.get)?\(?\[?\s*["']SITREP_SHARED""")
    offenders = []
    for folder in ("sitrep", "benchmarks", "scripts", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name in ("refdata.py", "test_refdata.py"):
                continue
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
