"""Stances as events (sitrep/events/stance.py) and nominal events with a giver or a victim
(sitrep/events/extract.py), on invented one-sentence fixtures (no ../shared)."""

from __future__ import annotations

import pytest

from sitrep.reader import InputDoc


@pytest.fixture(scope="module")
def events(pipeline):
    def run(text: str) -> list:
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2024-03-01")
        return [(e.plover, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
                for e in rec.events]

    return run


def test_judgement_of_an_act_is_criticism(events):
    assert events("The Swedish ambassador said Norway's new fishing law was illegal.") == [
        ("ACCUSE", "111", "SWEGOV", "NOR")]


def test_judgement_of_a_claim_is_rejection(events):
    assert events("The Swedish ambassador said Norway's claims were false.") == [("REJECT", "120", "SWEGOV", "NOR")]


def test_evaluative_verb_with_disapproving_complement(events):
    assert ("ACCUSE", "111", "CANGOV", "IND") in events(
        'The Canadian prime minister called the Indian tariffs "unfair."')


def test_attitude_adjective_aimed_at_an_actor(events):
    assert events("Brazil and Chile are deeply concerned about Argentine military exercises.") == [
        ("ACCUSE", "110", "BRA", "ARG"), ("ACCUSE", "110", "CHL", "ARG")]
    assert events("Ghana is critical of Nigeria's border closure.") == [("ACCUSE", "111", "GHA", "NGA")]


def test_attitude_at_no_actor_is_no_event(events):
    assert events("The central bank is worried about inflation.") == []


def test_nominal_with_givers_from(events):
    assert events("The measure passed with support from France and Greece.") == [
        ("SUPPORT", "051", "FRA", None), ("SUPPORT", "051", "GRC", None)]


def test_nominal_force_against_a_named_victim(events):
    assert events("The kidnapping of Nigerian schoolgirls shocked the country.") == [("ASSAULT", "181", None, "NGA")]


def test_nominal_leaving_a_place_takes_no_source_from_it(events):
    assert events("The withdrawal from Afghanistan ended in August.") == []


def test_what_is_asked_from_someone_is_not_given_by_them(events):
    # the request is the event; the 'from' phrase names who is asked, not a giver of support
    got = events("Chile demanded firm guarantees from Peru.")
    assert got == [("REQUEST", "100", "CHL", "PER")]
    assert events("Chile sought military aid from Peru.") == [("REQUEST", "023", "CHL", "PER")]
