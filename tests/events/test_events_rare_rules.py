"""Event rules that, before these tests, only the seed document and the system tests exercised
(found by comparing line coverage of tests/entities+events+quotes -k "not seed" with the seed and
system runs, issue 12). Each is pinned here on an invented sentence."""

from __future__ import annotations

PUBLISHED = "2024-05-06"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def _events(rec):
    return [(e.plover, e.cameo, e.source and e.source.code, e.target and e.target.code, e.modality, e.trigger.text)
            for e in rec.events]


def test_a_headline_verb_without_a_subject_takes_the_name_before_it(code):
    # extract._headline_subject: the parse hangs 'Paris' on 'Warns' as npadvmod (no nsubj); the
    # nearest name left of the verb, past the adverb 'Again', is the source.
    rec = code("Paris Again Warns Rome Against Closing Ports")
    assert _events(rec) == [("THREATEN", "130", "FRAGOV", "ITAGOV", "asserted", "Warns")]


def test_a_claimed_conflict_act_without_an_accused_is_no_accusation(code):
    # extract._claim: 'attacked' is a conflict act, but the passive names no one who did it.
    assert _events(code("Hamas claimed that the convoy was attacked.")) == []


def test_a_claimed_conflict_act_without_a_claimant_is_only_the_act(code):
    # extract._claim: 'Reports' is no actor, so there is no accusation (112); the act is coded as reported.
    rec = code("Reports claimed that Hamas attacked the convoy.")
    assert _events(rec) == [("ASSAULT", "190", "PSEREB", None, "reported", "attacked")]


def test_readiness_without_a_complement_is_no_event(code):
    # extract._readiness: 'ready' with no 'to ...' says nothing about what is agreed to; with one it is AGREE.
    assert _events(code("The army is ready, the general said.")) == []
    rec = code("The troops are ready to defend the allies, the general said.")
    assert _events(rec) == [("AGREE", "0334", "MIL", None, "reported", "ready")]


def test_it_judged_wrong_pins_the_judgement_on_no_one(code):
    # stance._doers: 'it is wrong to ...': the pronoun names no doer, so the judgement has no target.
    rec = code("It is wrong to impose sanctions on farmers, Norway said.")
    assert _events(rec) == [("ACCUSE", "111", "NOR", None, "asserted", "said")]


def test_a_where_clause_gives_a_generic_actor_its_country(code):
    # actors: a predicate in a relative clause with 'where' happens in the noun it qualifies
    # ('northern Syria, where ... killed'): the civilians are Syrian.
    rec = code("Turkish jets bombed villages in northern Syria, where 300 civilians have been killed.")
    assert _events(rec) == [("ASSAULT", "195", "TURMIL", "SYRCVL", "asserted", "bombed"),
                            ("ASSAULT", "190", None, "SYRCVL", "asserted", "killed")]


def test_a_role_at_a_place_phrase_acts_for_its_country(code):
    # actors: people 'from a school in the town of X' / 'near the Polish border' act for the country
    # of the place phrase their noun is in (place_phrase through the noun, then its adjective).
    rec = code("Police detained students from a school in the town of Kherson.")
    assert [(e.target.text, e.target.code) for e in rec.events] == [("students from a school", "UKREDU")]
    rec = code("Police detained students from a school near the Polish border.")
    assert [(e.target.text, e.target.code) for e in rec.events] == [("students from a school", "POLEDU")]
