"""Event type choice (issue 18) on one-sentence fixtures written for these tests: economic
coercion with tariffs, ties upgraded, official complaints, commitments and readiness coded by
what they commit to (an intention 03x, or a threat 13x for a hostile act)."""

from __future__ import annotations

import pytest

from sitrep.events import coding


def events(rec):
    return [(e.plover, e.cameo, e.cameo_coded, e.source.code if e.source else None,
             e.target.code if e.target else None, e.modality, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("sentence, want", [
    ("Peru hit Chile with new tariffs.", [("COERCE", "163", "163", "PER", "CHL", "asserted", "hit")]),
    ("Chile raised tariffs on Peruvian copper.", [("COERCE", "163", "163", "CHL", "PER", "asserted", "raised")]),
    ("Chile's tariffs on Peru angered farmers.", [("COERCE", "163", "163", "CHL", "PER", "asserted", "tariffs")]),
])
def test_tariffs_are_economic_coercion(code, sentence, want):
    assert events(code(sentence)) == want


def test_a_pattern_row_keeps_the_verbs_dictionary_reading(code):
    # 'hit' has a tariff pattern of sitrep's own; its PETRARCH2 reading (force) still holds.
    [e] = code("Missiles hit Kyiv overnight.").events
    assert (e.plover, e.cameo, e.source) == ("ASSAULT", "193", None)


def test_upgraded_ties_are_diplomatic_cooperation_both_ways(code):
    assert events(code("India and Mauritius have upgraded their ties.")) == [
        ("SUPPORT", "050", "050", "IND", "MUS", "asserted", "upgraded"),
        ("SUPPORT", "050", "050", "MUS", "IND", "asserted", "upgraded")]


def test_lodging_a_complaint_is_an_official_complaint(code):
    assert events(code("Chile lodged a formal complaint with Peru.")) == [
        ("ACCUSE", "114", "114", "CHL", "PER", "asserted", "lodged")]


@pytest.mark.parametrize("sentence, want", [
    ("Chile is prepared to attack Peru.", [("THREATEN", "1384", "1384", "CHL", "PER", "asserted", "prepared")]),
    ("Chile is ready to hold talks with Peru.", [("AGREE", "036", "036", "CHL", "PER", "asserted", "ready")]),
])
def test_readiness_takes_the_code_of_the_act(code, sentence, want):
    assert events(code(sentence)) == want


def test_a_vow_to_fight_is_a_threat_and_the_fight_is_planned(code):
    assert events(code("Chile vowed to retaliate against Peru.")) == [
        ("THREATEN", "1384", "1384", "CHL", "PER", "asserted", "vowed"),
        ("ASSAULT", "190", "1384", "CHL", "PER", "planned", "retaliate")]


def test_a_pledge_to_help_is_an_intent_to_aid(code):
    assert events(code("Chile pledged to help Peru.")) == [
        ("AGREE", "033", "033", "CHL", "PER", "asserted", "pledged"),
        ("AID", "070", "033", "CHL", "PER", "planned", "help")]


def test_sworn_in_is_no_event(code):
    assert events(code("The president was sworn in on Monday.")) == []


@pytest.mark.parametrize("inner, want", [(None, "030"), ("040", "036"), ("060", "031"), ("190", "1384"),
                                         ("163", "1312"), ("111", "030")])
def test_intent_code(inner, want):
    assert coding.intent_code(inner) == want
