"""Recall rules for events on news (issue 18), each on an invented one-sentence fixture:
multi-constraint patterns of sitrep's own rows ('spoke up for'), verbs of intimidation,
a repeated accusation whose target hangs off the object, object-control requests."""

from __future__ import annotations

PUBLISHED = "2024-05-01"


def dyads(rec) -> list[tuple]:
    return [(e.plover, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in rec.events]


def test_spoke_out_against_is_criticism(code):
    assert dyads(code("Canada spoke out against China over the arrests.")) == [("ACCUSE", "111", "CAN", "CHN")]


def test_spoke_up_for_is_support_for_its_object(code):
    # a particle and a preposition in one row ('prt:up prep:for'); whom support is for is the target
    assert dyads(code("Japan spoke up for Taiwan at the meeting.")) == [("SUPPORT", "051", "JPN", "TWN")]


def test_bullying_is_coercion(code):
    assert dyads(code("China has bullied the Philippines for years.")) == [("COERCE", "170", "CHN", "PHL")]


def test_repeated_accusation_reaches_its_target_through_the_object(code):
    # 'its accusation' is the source's own: the target comes from the object's 'against' phrase
    assert dyads(code("Russia reiterated its accusation against Ukraine.")) == [("ACCUSE", "112", "RUS", "UKR")]
