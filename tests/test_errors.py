"""Error codes as attributes, each range tied to its class, one boundary per interface."""

from __future__ import annotations

import pytest
import spacy
from click.testing import CliRunner

from sitrep.errors import (ApiError, ConfigError, Errors, ExtractionError, InputError, SitrepError, StoreError,
                           describe, first_line, stage_failure)


def test_codes_are_attributes_and_typos_fail_loudly():
    assert Errors.E302 == "E302" and Errors.E302.template == "bad option: {reason}"
    with pytest.raises(AttributeError):
        Errors.E3O2  # noqa: B018 - a typo is an AttributeError, never a message
    with pytest.raises(ValueError, match="unknown sitrep error code 'E999'"):
        Errors.get("E999")
    with pytest.raises(ValueError):
        InputError("E0001")
    assert all(c.exception is {"0": InputError, "1": ExtractionError, "2": StoreError, "3": ConfigError,
                               "4": ApiError, "5": ApiError}[c[1]] for c in Errors.all())


def test_each_code_belongs_to_its_class():
    with pytest.raises(TypeError, match="E302 is a ConfigError code, not a InputError one"):
        InputError(Errors.E302, reason="x")
    exc = Errors.E302("doc.txt", reason="--limit must be >= 0")
    assert type(exc) is ConfigError and str(exc) == "doc.txt: E302: bad option: --limit must be >= 0"
    with pytest.raises(TypeError, match="needs the field 'reason'"):
        ConfigError(Errors.E302)  # never the unfilled template


def test_stage_failures_have_one_text():
    assert first_line(ValueError("")) == "" and first_line(ValueError("a\nb")) == "a"
    assert describe(KeyError()) == "KeyError"
    err = stage_failure("events", ValueError("day is out of range for month\ndetails"), "a.txt")
    assert isinstance(err, ExtractionError)
    assert str(err) == "a.txt: E101: stage events failed: ValueError: day is out of range for month"


def test_from_message_keeps_the_class_of_the_code():
    exc = SitrepError.from_message("E101", "a.txt: E101: stage nlp failed: ValueError: x", "a.txt")
    assert type(exc) is ExtractionError and exc.code == "E101" and exc.reason == "stage nlp failed: ValueError: x"
    assert str(exc) == "a.txt: E101: stage nlp failed: ValueError: x"


def test_api_error_is_a_sitrep_error():
    exc = ApiError(404, Errors.E404, what="/x")
    assert isinstance(exc, SitrepError) and (exc.status, exc.code, exc.message) == (404, "E404", "not found: /x")


def test_a_stage_failure_is_raised_as_an_extraction_error():
    from sitrep.pipeline import Pipeline
    from sitrep.reader import InputDoc

    nlp = spacy.blank("en")

    @spacy.Language.component("test_errors_boom")
    def boom(doc):  # noqa: ANN001
        if "boom" in doc.text:
            raise RuntimeError("")
        return doc

    nlp.add_pipe("test_errors_boom")
    pipe = Pipeline(nlp=nlp)
    with pytest.raises(ExtractionError) as info:
        pipe.extract(InputDoc(content="it goes boom here.", source="x.txt"), as_body=True)
    assert str(info.value) == "x.txt: E101: stage nlp failed: RuntimeError"
    # one bad document in a batch costs only itself
    out = list(pipe.extract_many([InputDoc(content="boom.", source="a"), InputDoc(content="fine.", source="b")],
                                 as_body=True))
    assert [type(r).__name__ for r in out] == ["ErrorRecord", "Article"]
    assert out[0].code == "E101" and out[0].error == "a: E101: stage nlp failed: RuntimeError"


def test_cli_boundary_exit_codes(tmp_path):
    from sitrep.cli import main

    p = tmp_path / "a.txt"
    p.write_text("Russia moved troops to the border on Monday, officials said.", encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(p), "--published", "2022/01/01"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    # Checked as an option, before any document is read (issue 13): so no document in the message.
    assert r.stderr.strip().splitlines() == [
        "Error: E302: bad option: --published: must be a real day YYYY-MM-DD: "
        "'2022/01/01' is not a date in the form YYYY-MM-DD"]
    r = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1 and "E010" in r.stderr


def test_no_code_is_written_as_a_string_outside_errors_py():
    # 'E302' typed as a string is what codes-as-attributes exist to prevent: Errors.E302.
    # 'E000' is the placeholder of a stored row that has no code, not a code.
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "sitrep"
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and re.fullmatch(r"E\d{3}", node.value) and node.value != "E000"):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.value}")
    assert found == []


def test_a_database_error_with_no_message_is_one_line_not_an_index_error(tmp_path, monkeypatch):
    import sqlalchemy.exc

    from sitrep.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")

    def fail():
        raise sqlalchemy.exc.SQLAlchemyError("")  # str() is empty: splitlines()[0] was an IndexError

    monkeypatch.setattr(store.engine, "begin", fail)
    with pytest.raises(StoreError) as info:
        store.write_results([])
    assert info.value.code == Errors.E203 and info.value.reason == f"cannot write {store.url}: "
