"""Event rules that, before these tests, only the seed document and the system tests exercised
(found by comparing line coverage of tests/entities+events+quotes -k "not seed" with the seed and
system runs, issue 12). Each is pinned here on an invented sentence."""

from __future__ import annotations

import pytest

from conftest import dyads

PUBLISHED = "2024-05-06"  # the `code` fixture (tests/conftest.py) runs sentences on this date

CASES = {
    # extract._headline_subject: the parse hangs 'Paris' on 'Warns' as npadvmod (no nsubj); the
    # nearest name left of the verb, past the adverb 'Again', is the source.
    "headline subject": ("Paris Again Warns Rome Against Closing Ports",
                         [("THREATEN", "130", "FRAGOV", "ITAGOV", "asserted", "Warns")]),
    # extract._claim: 'attacked' is a conflict act, but the passive names no one who did it: no accusation.
    "claim, no accused": ("Hamas claimed that the convoy was attacked.", []),
    # extract._claim: 'Reports' is no actor, so there is no accusation (112); the act is coded as reported.
    "claim, no claimant": ("Reports claimed that Hamas attacked the convoy.",
                           [("ASSAULT", "190", "PSEREB", None, "reported", "attacked")]),
    # extract._readiness: 'ready' with no 'to ...' says nothing about what is agreed to; with one it is AGREE.
    "ready alone": ("The army is ready, the general said.", []),
    "ready to": ("The troops are ready to defend the allies, the general said.",
                 [("AGREE", "0334", "MIL", None, "reported", "ready")]),
    # stance._doers: 'it is wrong to ...': the pronoun names no doer, so the judgement has no target.
    "it is wrong": ("It is wrong to impose sanctions on farmers, Norway said.",
                    [("ACCUSE", "111", "NOR", None, "asserted", "said")]),
    # actors: a predicate in a relative clause with 'where' happens in the noun it qualifies
    # ('northern Syria, where ... killed'): the civilians are Syrian.
    "where clause": ("Turkish jets bombed villages in northern Syria, where 300 civilians have been killed.",
                     [("ASSAULT", "195", "TURMIL", "SYRCVL", "asserted", "bombed"),
                      ("ASSAULT", "190", None, "SYRCVL", "asserted", "killed")]),
    # actors: people 'from a school in the town of X' / 'near the Polish border' act for the country of
    # the place phrase their noun is in (place_phrase through the noun, then its adjective).
    "role in a town": ("Police detained students from a school in the town of Kherson.",
                       [("COERCE", "173", "COP", "UKREDU", "asserted", "detained")]),
    "role near a border": ("Police detained students from a school near the Polish border.",
                           [("COERCE", "173", "COP", "POLEDU", "asserted", "detained")]),
}


@pytest.mark.parametrize("sentence, expected", list(CASES.values()), ids=list(CASES))
def test_rare_event_rules(code, sentence, expected):
    assert dyads(code(sentence)) == expected
