"""The cue lexicon (``sitrep/data/cues.tsv``) has one reader, the stage-neutral ``sitrep.cues``."""

from __future__ import annotations

import ast
from pathlib import Path

from sitrep import cues

ROOT = Path(__file__).resolve().parents[1]


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _absolute(path: Path, node: ast.ImportFrom) -> str:
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    base = package[:len(package) - node.level + 1] if node.level else []
    return ".".join(base + ([node.module] if node.module else []))


def test_the_cue_lexicon_has_one_reader():
    """Only ``sitrep/cues.py`` names the cue table in code (docstrings may mention it), and no
    module reads the lexicon through another stage's package."""
    naming, via_stage = set(), set()
    for path in sorted((ROOT / "sitrep").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and "cues.tsv" in node.value
                    and id(node) not in docs):
                naming.add(rel)
            if isinstance(node, ast.ImportFrom) and _absolute(path, node).endswith(".cues"):
                if _absolute(path, node) != "sitrep.cues":
                    via_stage.add(rel)
    assert naming == {"sitrep/cues.py"}
    assert via_stage == set(), "read the cue lexicon from sitrep.cues"
    assert not (ROOT / "sitrep" / "quotes" / "cues.py").exists()


def test_the_stages_share_the_lexicon_subsets():
    from sitrep.entities import persons
    from sitrep.events import actors, modality
    from sitrep.quotes import attribution, notquotes

    assert persons.SPEECH_VERBS is cues.SPEECH_VERBS and attribution.SPEECH_VERBS is cues.SPEECH_VERBS
    assert modality.CLAUSE_VERBS is cues.CLAUSE_VERBS and actors.CLAUSE_VERBS is cues.CLAUSE_VERBS
    assert notquotes.DESCRIBING_VERBS is cues.AS_VERBS and cues.LABELLING_VERBS <= notquotes.NAMING_VERBS
    # the speech role is a verb role: the entities stage reads it as verbs ('said Wasuge')
    assert all(r["pos"] == "VERB" for r in cues.table(cues.CUES) if "speech" in r["roles"].split(","))
    assert {"say", "tell"} <= cues.SPEECH_VERBS and "label" in cues.LABELLING_VERBS
