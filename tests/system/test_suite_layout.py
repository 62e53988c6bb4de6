"""The test tree mirrors the package, so a reader finds a stage's tests where its code is.

`tests/<package>/test_*.py` tests `sitrep/<package>/`; `tests/test_<module>*.py` tests the top-level module
`sitrep/<module>.py`; `tests/system/` holds whole-pipeline tests. Basenames stay unique because the test
directories are not packages (pytest imports each file by its basename).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
PACKAGE = ROOT / "sitrep"


def _test_files():
    return sorted(p for p in TESTS.rglob("test_*.py") if "snapshots" not in p.parts)


def test_every_test_file_sits_beside_what_it_tests():
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    misplaced = []
    for path in _test_files():
        rel = path.relative_to(TESTS)
        if len(rel.parts) == 2 and (rel.parts[0] in subpackages or rel.parts[0] == "system"):
            continue
        if len(rel.parts) == 1:
            stem = rel.stem[len("test_"):]
            if any(stem == m or stem.startswith(m + "_") for m in modules):
                continue
        misplaced.append(str(rel))
    assert misplaced == [], f"test files not beside their module or package: {misplaced}"


def test_test_basenames_are_unique():
    seen: dict[str, str] = {}
    clashes = []
    for path in _test_files():
        rel = str(path.relative_to(TESTS))
        if path.name in seen:
            clashes.append((seen[path.name], rel))
        seen[path.name] = rel
    assert clashes == []


def test_test_directories_are_not_packages():
    # An __init__.py would change how pytest imports the files and break the helper imports
    # (`from corpus_fixtures import ...`) that rely on tests/ being on sys.path.
    assert sorted(str(p.relative_to(TESTS)) for p in TESTS.rglob("__init__.py")) == []


def test_no_test_file_imports_another():
    # Shared helpers live in helper modules (conftest.py, corpus_fixtures.py, watch_server.py,
    # web_helpers.py); importing a test file from another runs its tests' module set-up twice and
    # ties the files' layouts together.
    import ast

    names = {p.stem for p in _test_files()}
    offenders = []
    for path in _test_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            mods = []
            if isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            elif isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            offenders += [(path.name, m) for m in mods if m.split(".")[0] in names]
    assert offenders == []


def test_one_conftest():
    # Test files import helpers with `from conftest import ...`: a second conftest.py would shadow
    # the first under that module name, depending on which directory pytest collects first.
    assert sorted(str(p.relative_to(TESTS)) for p in TESTS.rglob("conftest.py")) == ["conftest.py"]
