"""Frames that carry an event's arguments (issue 18), on one-sentence fixtures written for these
tests: the passive subject of a raising or control verb does its complement, relative-clause
passives, claims of responsibility, nominalisations with their own actors, names in apposition."""

from __future__ import annotations

from conftest import dyads

PUBLISHED = "2025-01-10"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def test_passive_raising_verb_gives_its_subject_to_the_complement(code):
    rec = code("The Kenyan president is expected to visit Uganda next month.")
    assert dyads(rec) == [("CONSULT", "042", "KENGOV", "UGA", "planned", "visit")]
    assert rec.events[0].cameo_coded == "036"


def test_relative_clause_passive_with_by_agent(code):
    rec = code("The opposition leader, who was arrested by Ugandan police, was released on Monday.")
    assert dyads(rec) == [("COERCE", "173", "UGACOP", "OPP", "asserted", "arrested"),
                          ("RETREAT", "084", None, "OPP", "asserted", "released")]


def test_claim_of_responsibility_names_who_did_it(code):
    rec = code("The separatist group Baloch Liberation Army claimed responsibility for the bombing.")
    assert dyads(rec) == [("ASSAULT", "195", "PAKREB", None, "asserted", "bombing")]


def test_nominalisation_with_a_by_agent(code):
    rec = code("The kidnapping of two aid workers by Malian rebels shocked Mali.")
    assert dyads(rec) == [("ASSAULT", "181", "MLIREB", "MLILAB", "asserted", "kidnapping")]


def test_nominalisation_with_a_possessor_and_an_of_phrase(code):
    rec = code("Boko Haram's abduction of 276 schoolgirls shocked the world.")
    assert [(e.plover, e.cameo, e.source.text, e.trigger.text) for e in rec.events] == [
        ("ASSAULT", "181", "Boko Haram", "abduction")]


def test_nominalisation_of_a_coded_verb_with_its_own_actors(code):
    rec = code("U.S. restrictions on Chinese companies took effect on Monday.")
    assert dyads(rec) == [("COERCE", "170", "USA", "CHNBUS", "asserted", "restrictions")]


def test_a_body_is_not_an_act(code):
    # 'government' is no nominalisation of 'govern': no COOPERATE from 'the government with ...'.
    assert dyads(code("Iraq's government with Iranian support retook the town.")) == []
