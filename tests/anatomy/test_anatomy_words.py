"""sitrep/anatomy/words.py: the anatomy word sets and the regex alternations built from them."""

from __future__ import annotations

import re

import pytest

from sitrep.anatomy import words


def test_alternation_is_escaped_longest_first_and_stable():
    alt = words.alternation("comment_count")
    assert alt == "responses|comments|response|comment|replies"
    assert words.alternation("not_agency_part", "not_agency") == "updated|update|photo|video|file"
    # escaped: a phrase's space and a symbol match themselves only
    assert re.fullmatch(words.alternation("chrome_symbol"), "©")
    chrome = re.compile(rf"^(?:{words.alternation('chrome')})$")
    assert chrome.match("sign in") and not chrome.match("sign  in") and not chrome.match("signxin")


def test_an_empty_alternation_is_refused():
    # an empty alternation would match the empty string, i.e. every line
    assert words.anatomy_words("no_such_set") == frozenset()
    with pytest.raises(ValueError, match=r"anatomy_words.tsv: no words in \('no_such_set',\)"):
        words.alternation("no_such_set")
