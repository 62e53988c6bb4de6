"""The seed page's anatomy: title, caption, five credits, three chrome lines removed,
body from "British Prime Minister Boris Johnson" to "without specifying a date." —
through the library, the pipeline record and the CLI."""

import json

import pytest
from click.testing import CliRunner

from sitrep.anatomy import from_text
from sitrep.cli import main

from conftest import SEED, need_shared

TITLE = "London Again Warns Moscow Against Invading Ukraine As U.S. Sends Troops To Europe"
CAPTIONS = ["U.S. and Ukrainian soldiers"]
CREDITS = ["Reuters", "RFERL", "AFP", "CNN", "AP"]
CHROME = ["Share and Enjoy !", "Leave a Reply", "Your email address will not be published."]


def _check(title, captions, credits, boilerplate, body, source_text):
    assert title == TITLE
    assert captions == CAPTIONS
    assert credits == CREDITS
    assert boilerplate == CHROME
    assert body.startswith("British Prime Minister Boris Johnson has told Russian President Vladimir Putin")
    assert body.endswith("without specifying a date.")
    # Nothing that was taken out is left in the body.
    for removed in CHROME + CAPTIONS + [TITLE, "With reporting by Reuters, RFERL, AFP, CNN, and AP"]:
        assert removed not in body
    # The body is every line of the story, unchanged, joined by blank lines.
    lines = [l.strip() for l in source_text.splitlines() if l.strip()]
    first = next(i for i, l in enumerate(lines) if l.startswith("British Prime Minister"))
    last = next(i for i, l in enumerate(lines) if l.endswith("without specifying a date."))
    assert body == "\n\n".join(lines[first : last + 1])
    assert len(body.split("\n\n")) == 27


def test_seed_from_text(seed_text):
    a = from_text(seed_text)
    _check(a.title, a.captions, a.credits, a.boilerplate, a.body, seed_text)
    assert a.byline is None
    # The page states no date of its own ("February 2" has no year): unknown, not guessed.
    assert a.published is None


def test_seed_record(seed_record, seed_text):
    r = seed_record
    _check(r.title, r.captions, r.credits, r.boilerplate, r.text, seed_text)
    assert r.published == "2022-02-03"
    assert r.language == "en"


def test_seed_through_cli(seed_text):
    need_shared("seed", "000_1b53613618b3b9f0.txt")
    res = CliRunner().invoke(main,
                             ["extract", str(SEED), "--published", "2022-02-03"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout)
    _check(r["title"], r["captions"], r["credits"], r["boilerplate"], r["text"], seed_text)
    assert r["published"] == "2022-02-03"
    assert r["source"] == str(SEED)


@pytest.mark.parametrize("eol", ["\r\n", "\n"])
def test_seed_line_endings_do_not_matter(seed_text, eol):
    a = from_text(seed_text.replace("\r\n", "\n").replace("\n", eol))
    assert a.title == TITLE and a.credits == CREDITS and a.boilerplate == CHROME
    assert "\r" not in a.body
