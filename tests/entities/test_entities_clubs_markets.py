"""Clubs, markets, sports titles, all-caps headings and one reading per story (issue 15).
Invented sentences, real spaCy model."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_ner_fixes", "sitrep_entities"))


def types(nlp, text):
    doc = nlp(text)
    return {e.name: e.type for e in doc._.sitrep.entities}


def test_two_towns_joined_by_a_sides_verb_are_clubs(nlp):
    got = types(nlp, "Leeds beat Fulham on Saturday.")
    assert (got["Leeds"], got["Fulham"]) == ("ORG", "ORG")


def test_a_drawn_match_names_both_clubs(nlp):
    assert types(nlp, "Getafe drew with Sevilla in a cold stadium.")["Sevilla"] == "ORG"


def test_a_club_word_makes_the_name_a_club(nlp):
    got = types(nlp, "Manchester United signed a new goalkeeper from Bristol Rovers.")
    assert (got["Manchester United"], got["Bristol Rovers"]) == ("ORG", "ORG")


def test_a_club_prefix_joins_the_city_after_it(nlp):
    doc = nlp("Real Madrid drew with Getafe in the capital on Sunday.")
    got = {e.name: e for e in doc._.sitrep.entities}
    assert got["Real Madrid"].type == "ORG" and [m.text for m in got["Real Madrid"].mentions] == ["Real Madrid"]


def test_a_city_with_a_sports_suffix_stays_a_place_outside_sport(nlp):
    assert types(nlp, "The mayor of Kansas City opened a new library.")["Kansas City"] == "GPE"


def test_a_city_moving_by_a_percentage_is_its_market_and_no_actor(nlp):
    doc = nlp("Tokyo rose 1.2 percent while Hong Kong fell 0.5 percent.")
    got = {e.name: e for e in doc._.sitrep.entities}
    assert (got["Tokyo"].type, got["Tokyo"].actor_code, got["Tokyo"].country) == ("ORG", None, None)
    assert got["Hong Kong"].type == "ORG"


def test_a_city_in_a_price_sentence_but_not_its_subject_stays_a_place(nlp):
    assert types(nlp, "Stocks in Tokyo rose 2 percent.")["Tokyo"] == "GPE"


def test_a_market_street_is_an_organisation_even_untagged(nlp):
    assert types(nlp, "Wall Street fell sharply as investors sold technology shares.")["Wall Street"] == "ORG"
    got = types(nlp, "The Wall Street Journal said the plan would fail.")
    assert "Wall Street" not in got and "Wall Street Journal" in got


def test_conjoined_markets_close_higher(nlp):
    got = types(nlp, "Frankfurt and Paris closed higher after the central bank decision.")
    assert (got["Frankfurt"], got["Paris"]) == ("ORG", "ORG")


@pytest.mark.parametrize("sentence, name, title", [
    ("Skipper Dan Marsh was out for 45 runs.", "Dan Marsh", "Skipper"),
    ("Wicketkeeper Tom Hale took three catches.", "Tom Hale", "Wicketkeeper"),
])
def test_sports_roles_stay_out_of_the_name(nlp, sentence, name, title):
    doc = nlp(sentence)
    e = {e.name: e for e in doc._.sitrep.entities}[name]
    assert (e.title, [m.text for m in e.mentions]) == (title, [name])


def test_a_sport_word_opening_a_heading_is_no_dateline_city(nlp):
    got = types(nlp, "RUGBY - HOME SIDE WINS IN THE RAIN\nThe home side won 21-3 on Saturday.")
    assert "RUGBY" not in got


def test_surnames_in_an_all_caps_heading_are_the_people_of_the_body(nlp):
    doc = nlp("TENNIS - MORAVA BEATS LINDQVIST IN VIENNA\nPetra Morava beat Anna Lindqvist in Vienna on Sunday.")
    got = {e.name: e for e in doc._.sitrep.entities}
    assert [m.text for m in got["Anna Lindqvist"].mentions] == ["LINDQVIST", "Anna Lindqvist"]
    assert [m.text for m in got["Petra Morava"].mentions] == ["MORAVA", "Petra Morava"]
    assert got["Vienna"].type == "GPE"


def test_one_name_one_type_per_story(nlp):
    got = types(nlp, "Newcastle Rovers won the cup. Newcastle Rovers fans celebrated in the streets.")
    assert got == {"Newcastle Rovers": "ORG"}
