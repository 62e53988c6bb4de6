"""Reciprocal expansion of compound actors (issue 18) on invented one-sentence fixtures:
only an act between the listed actors gives one event per ordered pair."""

from __future__ import annotations


def test_by_agents_of_a_passive_do_not_act_on_each_other(events_of):
    assert events_of("The fight, joined by Chile and Bolivia, went on.") == [
        ("COOPERATE", "062", "asserted", "CHL", None), ("COOPERATE", "062", "asserted", "BOL", None)]


def test_own_object_of_a_cooperative_verb_is_no_mutual_act(events_of):
    assert events_of("Ghana and Togo stepped up efforts to build ports.") == [
        ("COOPERATE", "060", "asserted", "GHA", None), ("COOPERATE", "060", "asserted", "TGO", None)]


def test_compound_subject_of_a_mutual_act_gives_both_directions(events_of):
    assert events_of("Ghana and Togo signed eight pacts.") == [
        ("SUPPORT", "057", "asserted", "GHA", "TGO"), ("SUPPORT", "057", "asserted", "TGO", "GHA")]
