"""Undergoer frames (sitrep/events/undergoer.py): the subject of 'face', 'draw', 'suffer' ...
receives the act the object names; 'stand accused' is a passive. Invented fixtures."""

from __future__ import annotations


def test_faces_pressure_from_is_the_pressurer_acting(events_of):
    assert events_of("Iran faces pressure from the United States.") == [("REQUEST", "100", "asserted", "USA", "IRN")]


def test_faced_criticism_from_is_criticism_of_the_subject(events_of):
    assert events_of("Iran faced criticism from France over its nuclear program.") == [
        ("ACCUSE", "111", "asserted", "FRA", "IRN")]


def test_charges_faced_have_no_known_accuser(events_of):
    assert events_of("Iran faces charges of violating the treaty.") == [("ACCUSE", "112", "asserted", None, "IRN")]


def test_stand_accused_is_passive(events_of):
    assert events_of("Two Ivorian soldiers stand accused of treason.") == [("ACCUSE", "112", "asserted", None, "CIVMIL")]


def test_subjects_own_act_keeps_its_reading(events_of):
    # 'drew back' is a particle pattern, not an object the subject receives.
    assert events_of("The Iraqi army drew back.") == [("CONCEDE", "080", "asserted", "IRQMIL", None)]


def test_an_event_noun_the_subject_faces_is_aimed_at_it(events_of):
    assert events_of("Germany faces sanctions from the European Union.") == [
        ("COERCE", "163", "asserted", "IGOEEC", "DEU")]


def test_under_attack_is_aimed_at_the_subject(events_of):
    assert events_of("Iran came under attack from Iraqi forces.") == [("ASSAULT", "190", "asserted", "IRQMIL", "IRN")]


def test_a_pattern_on_under_reads_the_from_phrase_as_the_doer(events_of):
    assert events_of("Iraqi troops came under fire from Kurdish rebels.") == [
        ("ACCUSE", "111", "asserted", "REB", "IRQMIL")]
