"""Entity types to OntoNotes conventions (issue 15): every spaCy type kept, clubs and companies
by context, junk lines dropped, titles outside names. Invented sentences, real spaCy model."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_ner_fixes", "sitrep_entities"))


def ents(nlp, text):
    doc = nlp(text)
    for e in doc._.sitrep.entities:
        for m in e.mentions:
            assert doc.text[m.start:m.end] == m.text
    return {e.name: e for e in doc._.sitrep.entities}


def test_every_spacy_name_type_is_kept(nlp):
    got = ents(nlp, "The World Cup opens in Qatar, and NATO invoked Article 5.")
    assert (got["World Cup"].type, got["Article 5"].type, got["NATO"].type) == ("EVENT", "LAW", "IGO")
    assert ents(nlp, "She speaks English and Arabic.")["Arabic"].type == "LANGUAGE"


def test_a_city_that_is_a_side_in_a_sports_report_is_the_club(nlp):
    got = ents(nlp, "Fans celebrated as Barcelona beat Sevilla 2-1 in the league on Sunday.")
    assert got["Barcelona"].type == "ORG"


def test_context_types_travel_in_the_contract_not_in_user_data(nlp):
    doc = nlp("Fans celebrated as Barcelona beat Sevilla 2-1 in the league on Sunday.")
    assert doc._.sitrep.context_types == {(19, 28): "ORG"}  # "Barcelona", the club
    assert set(doc.user_data) == {"sitrep"}  # no scratch entries beside the typed contract


def test_a_city_where_a_match_is_played_stays_a_place(nlp):
    got = ents(nlp, "The league final was played in Madrid before the cup draw.")
    assert got["Madrid"].type == "GPE"


def test_a_name_after_a_firm_noun_is_the_company(nlp):
    assert ents(nlp, "Energy giant Iberdrola said profits rose.")["Iberdrola"].type == "ORG"


def test_all_caps_section_words_and_table_headers_are_not_entities(nlp):
    assert "SOCCER" not in ents(nlp, "SOCCER\nThe Spanish team won the match.")
    got = ents(nlp, "Team  Played  Won  Lost\nArsenal  10  7  2\nThe table is tight.")
    assert not {"Team", "Played", "Won", "Lost"} & set(got)


def test_abbreviations_are_not_places(nlp):
    got = ents(nlp, "The minister told VOA Mandarin that AI would change schools.")
    assert "AI" not in got and "Anguilla" not in got
    assert [m.text for m in got["VOA Mandarin"].mentions] == ["VOA Mandarin"]


@pytest.mark.parametrize("sentence, name, title", [
    ("Defender Virgil van Dijk headed the winner.", "Virgil van Dijk", "Defender"),
    ("Professor Ana Lopez said the plan would fail.", "Ana Lopez", "Professor"),
])
def test_titles_stay_out_of_the_name(nlp, sentence, name, title):
    e = ents(nlp, sentence)[name]
    assert (e.title, [m.text for m in e.mentions]) == (title, [name])


def test_shape_rules(nlp):
    assert ents(nlp, "Islam is the state religion of Iran.")["Islam"].type == "NORP"
    assert ents(nlp, "Britain will cede the Chagos Islands to Mauritius.")["Chagos Islands"].type == "LOC"
    assert ents(nlp, "Ivorian soldiers guarded the base.")["Ivorian"].type == "NORP"
    got = ents(nlp, "Thousands joined anti-Turkish protests in Athens.")
    assert [m.text for m in got["Turkish"].mentions] == ["Turkish"]
    got = ents(nlp, "Turkey bought the S-400 system and wants F-35 jets.")
    assert (got["S-400"].type, got["F-35"].type) == ("PRODUCT", "PRODUCT")


def test_a_hyphenated_full_name_lends_its_surname(nlp):
    got = ents(nlp, "Immigration lawyer Linda Dakin-Grimm told reporters. Dakin-Grimm said the case was weak.")
    assert [m.text for m in got["Linda Dakin-Grimm"].mentions] == ["Linda Dakin-Grimm", "Dakin-Grimm"]


def test_results_lines_name_the_teams(nlp):
    got = ents(nlp, "Premier league results on Saturday:\nLeeds 2 Chelsea 1\nLiverpool 3 Southampton 0\n")
    assert {n: got[n].type for n in ("Leeds", "Chelsea", "Liverpool", "Southampton")} == dict.fromkeys(
        ("Leeds", "Chelsea", "Liverpool", "Southampton"), "ORG")
    got = ents(nlp, "World Cup qualifier:\nJapan 2 Syria 1\n")
    assert (got["Japan"].type, got["Syria"].type) == ("GPE", "GPE")  # national sides keep the country


def test_an_acronym_introduced_after_a_name_takes_its_type_everywhere(nlp):
    got = ents(nlp, "Iran joined the Joint Comprehensive Plan of Action, or JCPOA, in 2015. The JCPOA expires in October.")
    assert got["Joint Comprehensive Plan of Action"].type == "LAW"
    assert [(m.text, got[n].type) for n in got if n != "Iran" for m in got[n].mentions] == [
        ("Joint Comprehensive Plan of Action", "LAW"), ("JCPOA", "LAW"), ("JCPOA", "LAW")]
