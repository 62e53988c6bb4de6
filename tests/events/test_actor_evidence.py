"""Where an actor's country comes from (issue 18): the dated office-holder tables (the
Phoenix lists and sitrep/data/leaders_recent.tsv after 2014), appositions, and never the
article's main country for a person the tables list. Invented one-sentence fixtures."""

from __future__ import annotations

from sitrep.entities.gazetteer import leader_code, leader_for_surname, listed_person

PUBLISHED = "2025-03-10"


def src(rec):
    return [(e.source.text, e.source.code) if e.source else None for e in rec.events]


def test_recent_office_holders_by_date():
    assert leader_code("Marco Rubio", "2025-03-10") == "USAGOV"
    assert leader_code("Donald Trump", "2025-03-10") == "USAGOV"
    assert leader_code("Donald Trump", "2022-06-01") == "USAELI"  # between his terms: a former president
    assert leader_code("Antony Blinken", "2025-03-10") == "USAELI"
    assert leader_code("António Guterres", "2025-03-10") == "IGOUNO"
    assert leader_code("Yoshihide Suga", "2010-06-01") is None  # before 2015 the Phoenix lists decide
    assert leader_for_surname("Rubio", "2025-03-10") == "USAGOV"
    assert leader_for_surname("Xi", "2025-03-10") == "CHNGOV"  # surname first
    assert leader_for_surname("Blinken", "2023-05-01") == "USAGOV"
    assert listed_person("Antony Blinken") and listed_person("Blinken")
    assert not listed_person("Olumide Adeyemi")


def test_surname_of_a_recent_office_holder_in_an_event(code):
    rec = code("Rubio criticized Venezuela on Monday.")
    assert [(e.plover, e.source.code, e.target.code) for e in rec.events] == [("ACCUSE", "USAGOV", "VEN")]


def test_listed_person_never_takes_the_frame_country(code):
    # An Egypt story: Blinken is USAGOV while in office; out of office (2025) a bare surname
    # is left uncoded - never EGY, the story's country.
    story = "Egypt and Egyptian officials in Egypt met. Egypt hosted talks in Cairo. Blinken praised Qatar."
    for published, expected in (("2023-05-01", ("USAGOV", "USA")), ("2025-03-10", (None, None))):
        praise = [e for e in code(story, published=published).events if e.trigger.text == "praised"]
        assert [(e.source.text, e.source.code, e.source.country) for e in praise] == [("Blinken", *expected)]


def test_unlisted_person_takes_the_frame_country(code):
    rec = code("Kenya's parliament met in Nairobi. Kenya's courts sat in Nairobi. "
               "John Mwangi praised the Kenyan police.", published="2025-03-10")
    praise = [e for e in rec.events if e.trigger.text == "praised"]
    assert [(e.source.text, e.source.code) for e in praise] == [("John Mwangi", "KEN")]


def test_apposition_with_a_demonym_gives_the_country(code):
    rec = code("Adaeze Okafor, a Nigerian human rights activist and president of the Lagos Reading Circle, "
               "criticized the police.")
    assert src(rec)[0] == ("Adaeze Okafor", "NGACVL")  # activist: CVL (Phoenix agents)
    ent = next(e for e in rec.entities if e.name == "Adaeze Okafor")
    assert (ent.country, ent.title) == ("NGA", "activist")
