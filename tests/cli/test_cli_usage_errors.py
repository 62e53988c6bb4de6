"""Issue 13: click's own usage errors (an integer out of range, a value not among the
choices, a missing argument, an unknown option) are the CLI's one-line E302 with exit 2,
like a bad date, modality or --db (sitrep.cli.SitrepGroup), for every command; nothing is
written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep.cli import main

# One bad value per command (and a second kind where the command has one).
CASES = {
    "extract": [(["extract", "-", "--input-format", "xml"], "--input-format: 'xml' is not one of 'auto', 'text', "
                 "'html', 'jsonl'."), (["extract", "-", "--max-bytes", "0"], "--max-bytes: 0 is not in the range")],
    "ingest": [(["ingest", "x.txt", "--workers", "0"], "--workers: 0 is not in the range 1<=x<=64."),
               (["ingest", "x.txt", "--limit", "-1"], "--limit: -1 is not in the range x>=1."),
               (["ingest", "x.txt", "--engine", "spark"], "--engine: 'spark' is not one of 'local', 'dask'."),
               (["ingest"], "Missing argument 'PATHS...'. (see `sitrep ingest --help`)")],
    "quotes": [(["quotes", "--limit", "-1"], "--limit: -1 is not in the range 1<=x<=1000000."),
               (["quotes", "--language", "french"], "--language: must be an ISO 639-1 code")],
    "events": [(["events", "--offset", "-5"], "--offset: -5 is not in the range 0<=x<=1000000000."),
               (["events", "--limt", "3"], "No such option '--limt'.")],
    "places": [(["places", "--origin", "town"], "--origin: 'town' is not one of 'entity', 'mention'."),
               (["places", "--evidence", "-1"], "--evidence: -1 is not in the range 0<=x<=1000.")],
    "search": [(["search", "x", "--limit", "0"], "--limit: 0 is not in the range 1<=x<=1000000.")],
    "languages": [(["languages", "--db", ""], "--db: the database URL is empty")],
    "dyad": [(["dyad", "RUS", "UKR", "--by", "hour"], "--by: 'hour' is not one of 'day', 'week', 'month', 'year'."),
             (["dyad", "RUS"], "Missing argument 'B'.")],
    "actors": [(["actors", "--top", "-1"], "--top: -1 is not in the range 1<=x<=10000.")],
    "export": [(["export", "--format", "xml"], "--format: 'xml' is not one of 'jsonl', 'csv', 'parquet', 'gdelt', "
                "'plover'."), (["export", "--table", "people"], "--table: 'people' is not one of")],
    "serve": [(["serve", "--port", "70000", "--db", "x.db"], "--port: 70000 is not in the range 0<=x<=65535."),
              (["serve", "--rate", "-1", "--db", "x.db"], "--rate: -1.0 is not in the range 0<=x<=1000000.")],
    "watch": [(["watch", "feeds.txt", "--batch-size", "0"], "--batch-size: 0 is not in the range 1<=x<=1000."),
              (["watch", "feeds.txt", "--interval", "soon"], "--interval: ")],
    "sources": [(["sources", "--db", "sqlite:bad"], "--db: 'sqlite:bad': a SQLite URL is sqlite:///path")],
    "alerts": [(["alerts", "--limit", "-1"], "--limit: -1 is not in the range 1<=x<=1000000.")],
    "schema": [(["schema", "--pretty"], "No such option '--pretty'.")],
}


def test_every_command_has_a_case():
    assert sorted(CASES) == sorted(main.commands)


@pytest.mark.parametrize("args,reason", [c for cases in CASES.values() for c in cases],
                         ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_click_usage_errors_are_one_line_e302_exit_2(tmp_path, monkeypatch, args, reason):
    monkeypatch.chdir(tmp_path)  # a default --db (sitrep.db) would land here; none must
    r = CliRunner().invoke(main, args, input="", prog_name="sitrep")
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("Error: E302: bad option: " + reason), lines[0]
    assert "Usage:" not in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_help_and_version_are_not_errors():
    assert CliRunner().invoke(main, ["events", "--help"]).exit_code == 0
    assert CliRunner().invoke(main, ["--version"]).exit_code == 0
