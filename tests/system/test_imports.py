"""Imports flow the way the data does (docs/ARCHITECTURE.md).

The stage order is read from ``sitrep.contract.STAGES``, the one place the pipeline is defined:
a stage package may import an earlier stage's package, never a later one's (entities must not
reach into places for the gazetteer: the place table lives in the stage-neutral
``sitrep.gazetteer``). The modules stages share (``sitrep.contract``, ``sitrep.record``,
``sitrep.gazetteer``, ...) import no stage at all, and no module imports another package's
private (``_name``) names.
"""
from __future__ import annotations

import ast
from pathlib import Path

from sitrep.contract import STAGES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sitrep"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, str, int]]:
    """(imported module, imported name or '', line) for every import in the file, at any depth
    (function-level and TYPE_CHECKING imports count: they are dependencies too)."""
    mod = _module_name(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                out.append((target, a.name, node.lineno))
                if node.module is None:  # 'from .. import places': the name is a module
                    out.append((f"{target}.{a.name}", "", node.lineno))
    return out


def _top(module: str) -> str:
    """The package (or top-level module) a module belongs to: 'sitrep.places.resolve' -> 'sitrep.places'."""
    return ".".join(module.split(".")[:2])


def _files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _rank() -> dict[str, int]:
    rank: dict[str, int] = {}
    for i, s in enumerate(STAGES):
        rank.setdefault(s.package, i)  # a package holding two stages ranks by its first
    return rank


def test_the_stage_order_comes_from_the_contract():
    assert list(_rank()) == ["sitrep.entities", "sitrep.timex", "sitrep.quotes", "sitrep.events", "sitrep.places"]


def test_no_stage_imports_a_later_stage():
    rank = _rank()
    offenders = []
    for path in _files():
        own = _top(_module_name(path))
        if own not in rank:
            continue
        for target, _name, line in _imports(path):
            to = _top(target)
            if to in rank and rank[to] > rank[own]:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {target} (a later stage)")
    assert offenders == []


def test_modules_the_stages_share_import_no_stage():
    rank = _rank()
    shared = set()
    for path in _files():
        if _top(_module_name(path)) in rank:
            shared |= {_top(t) for t, _n, _l in _imports(path) if t.startswith("sitrep.") and _top(t) not in rank}
    assert {"sitrep.contract", "sitrep.record", "sitrep.gazetteer", "sitrep.wordlists"} <= shared
    offenders = []
    for path in _files():
        if _top(_module_name(path)) in shared:
            offenders += [f"{path.relative_to(ROOT)}:{line} imports {t}"
                          for t, _n, line in _imports(path) if _top(t) in rank]
    assert offenders == []


def test_no_private_name_is_imported_across_packages():
    offenders = []
    for path in _files():
        own = _top(_module_name(path))
        for target, name, line in _imports(path):
            if not target.startswith("sitrep") or _top(target) == own:
                continue
            private = [p for p in target.split(".") + [name] if p.startswith("_") and not p.startswith("__")]
            if private:
                offenders.append(f"{path.relative_to(ROOT)}:{line} imports {target} {name}")
    assert offenders == []


def test_the_checks_see_function_level_and_relative_imports():
    # the walker must resolve 'from ..places.x import y' inside a function, or the tests above pass vacuously
    found = {t for t, _n, _l in _imports(PACKAGE / "entities" / "context.py")}
    assert "sitrep.gazetteer" in found and "sitrep.wordlists" in found
