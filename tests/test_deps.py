"""Issue 13: a missing runtime package is one ConfigError E306 when the pipeline loads
(naming the package and the command that installs it; CLI exit 1, one line), not an E101
"stage anatomy failed" row per document. The failing import is made real in a subprocess:
a package of that name on PYTHONPATH that raises ImportError, as a broken install does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.deps import PIPELINE_MODULES, check_modules, install_command, requirement
from sitrep.errors import ConfigError, Errors

ROOT = Path(__file__).resolve().parents[1]
SITREP = [sys.executable, "-c", "import sys; from sitrep.cli import main; sys.exit(main(prog_name='sitrep'))"]
LINE = ("Error: E306: required package trafilatura cannot be imported (ModuleNotFoundError: No module named "
        "'lxml_html_clean'); install it: python -m pip install 'trafilatura<3,>=2.0'")
PAGE = "<html><body><article><p>The minister said on Monday that the talks would resume in May.</p></article></body></html>"


@pytest.fixture
def broken(tmp_path):
    """An environment where `import trafilatura` fails the way a broken install does."""
    pkg = tmp_path / "shadow" / "trafilatura"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('raise ModuleNotFoundError("No module named \'lxml_html_clean\'")\n')
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "shadow"))
    return env


def run(args, env, cwd):
    return subprocess.run(SITREP + [str(a) for a in args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_extract_with_a_broken_package_is_one_e306_line_exit_1(tmp_path, broken):
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    r = run(["extract", page], broken, tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (1, "", LINE + "\n")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ingest_with_a_broken_package_stops_before_the_store(tmp_path, broken, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.html").write_text(PAGE.replace("May", f"May {i + 1}"), encoding="utf-8")
    db = tmp_path / "c.db"
    r = run(["ingest", folder, "--db", db, "--workers", workers, "--no-progress"], broken, tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (1, "", LINE + "\n")
    assert not db.exists()  # no E101 row per document: nothing written at all


def test_the_same_environment_without_the_shadow_package_works(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    r = run(["extract", page], dict(os.environ), tmp_path)
    assert r.returncode == 0 and '"text": "The minister said on Monday that the talks would resume in May."' in r.stdout


def test_check_names_the_package_and_its_install_command():
    with pytest.raises(ConfigError) as err:
        check_modules({"sitrep_test_no_such_module": "no-such-dist"})
    assert err.value.code == Errors.E306
    assert str(err.value) == ("E306: required package no-such-dist cannot be imported (ModuleNotFoundError: No "
                              "module named 'sitrep_test_no_such_module'); install it: python -m pip install "
                              "'no-such-dist'")
    assert requirement("dateparser") == "dateparser<2,>=1.2"  # as pyproject.toml declares it
    assert install_command("py3langid") == "python -m pip install 'py3langid<1,>=0.3'"
    check_modules(PIPELINE_MODULES)  # this environment has them all


def test_dask_ingest_with_a_broken_package_is_the_same_one_line(tmp_path, broken):
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "p.html").write_text(PAGE, encoding="utf-8")
    db = tmp_path / "c.db"
    r = run(["ingest", folder, "--db", db, "--engine", "dask", "--no-progress"], broken, tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (1, "", LINE + "\n")
    assert not db.exists()
