"""Actors and pairs (issue 18) on one-sentence fixtures written for these tests: the 'with'
side of a mutual act acts too, and a plural role with a list of countries is one actor per
country."""

from __future__ import annotations

import pytest


def pairs(rec, plover):
    return [(e.source.country, e.target.country if e.target else None) for e in rec.events if e.plover == plover]


@pytest.mark.parametrize("sentence, plover", [
    ("France met with Germany on Tuesday.", "CONSULT"),
    ("France held talks with Germany.", "CONSULT"),
    ("France signed an agreement with Germany.", "SUPPORT"),
    ("France spoke with Germany by phone.", "CONSULT"),
    ("The French president met the German chancellor in Paris.", "CONSULT"),
])
def test_mutual_act_with_another_side_gives_both_directions(code, sentence, plover):
    assert pairs(code(sentence), plover) == [("FRA", "DEU"), ("DEU", "FRA")]


def test_one_sided_act_with_a_with_phrase_keeps_one_direction(code):
    # agreeing with a proposal is not a mutual act; a visit has no 'with' side
    agreed, visited = code("Canada agreed with the U.S. proposal.", "Canada visited Mexico with a trade delegation.")
    assert pairs(agreed, "AGREE") == [("CAN", "USA")]
    assert all(s == "CAN" for s, _ in pairs(visited, "CONSULT"))


def test_every_listed_side_of_a_meeting_meets_the_subject(code):
    rec = code("The president of Egypt met the leaders of Sudan and Chad.")
    assert sorted(pairs(rec, "CONSULT")) == sorted([("EGY", "SDN"), ("EGY", "TCD"), ("SDN", "EGY"), ("TCD", "EGY")])


def test_plural_role_of_several_countries_is_one_actor_each(code):
    signed, condemned = code("The prime ministers of India and Mauritius signed eight pacts.",
                             "Foreign ministers from Britain, Canada and France condemned Russia.")
    assert sorted(pairs(signed, "SUPPORT")) == [("IND", "MUS"), ("MUS", "IND")]
    assert [(e.source.code, e.target.country) for e in condemned.events if e.plover == "ACCUSE"] == [
        ("GBRGOV", "RUS"), ("CANGOV", "RUS"), ("FRAGOV", "RUS")]


def test_a_hostile_act_on_a_mutual_thing_is_one_sided(code):
    # rejecting or cancelling talks is one side's act, not both sides'
    rejected, canceled = code("Ghana rejected a deal with Togo.", "Peru canceled talks with Chile.")
    assert pairs(rejected, "REJECT") == [("GHA", "TGO")]
    assert pairs(canceled, "SANCTION") == [("PER", "CHL")]


def test_plural_role_in_several_countries_is_one_actor_each(code):
    rec = code("The Egyptian minister met with officials in Sudan and Chad.")
    assert sorted(pairs(rec, "CONSULT")) == sorted([("EGY", "SDN"), ("EGY", "TCD"), ("SDN", "EGY"), ("TCD", "EGY")])
