"""The README is part of the interface: a command it does not document is a defect."""

from __future__ import annotations

from pathlib import Path

from sitrep.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in main.commands if f"sitrep {name}" not in readme]
    assert not missing, f"README.md does not show: {missing}"


def test_readme_starts_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_stage_doc_named_in_readme_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ["anatomy", "entities", "timex", "quotes", "events", "corpus", "web", "scaleout", "ARCHITECTURE",
                 "languages"]:
        assert f"docs/{name}.md" in readme
        assert (ROOT / "docs" / f"{name}.md").exists()


def test_architecture_page_matches_the_code():
    import re

    from sitrep.contract import markdown

    page = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    generated = page.split("<!-- generated: sitrep.contract.markdown() -->\n", 1)[1].split("<!-- end generated -->", 1)[0]
    assert generated == markdown(), "docs/ARCHITECTURE.md: paste sitrep.contract.markdown() between the markers"
    table = page.split("## Modules", 1)[1].split("##", 1)[0]
    named = set(re.findall(r"`(sitrep/[^`]*)`", table))
    missing = [p for p in named if not (ROOT / p).exists()]
    assert not missing, f"docs/ARCHITECTURE.md names files that do not exist: {missing}"
    modules = {f"sitrep/{p.name}" + ("/" if p.is_dir() else "") for p in (ROOT / "sitrep").iterdir()
               if (p.suffix == ".py" and p.name != "__init__.py") or (p.is_dir() and p.name != "__pycache__")}
    absent = sorted(modules - named)
    assert not absent, f"docs/ARCHITECTURE.md's module table does not show: {absent}"
