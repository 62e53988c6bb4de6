"""Actors and targets reached through places, organisations and their nominals (issue 18), on
one-sentence fixtures written for these tests: a place phrase gives the country of what is
in it ('a hotel in the Kenyan city of Mombasa'), an office of a placed town is that country's
government, a role 'from'/'of' an IGO is the IGO, and 'the court' / 'the council' is the
nearest earlier organisation whose name has that head word."""

from __future__ import annotations

PUBLISHED = "2014-05-01"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def pairs(rec, trigger):
    return [(e.plover, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in rec.events if e.trigger.text == trigger]


def test_the_office_of_a_placed_town_is_that_countrys_government(code):
    assert pairs(code("Militants released the mayor of a town in Mali."), "released") == [("RETREAT", "REB", "MLIGOV")]


def test_an_attacked_building_gives_the_country_it_stands_in(code):
    rec = code("Gunmen stormed a hotel in the Kenyan city of Mombasa.")
    [e] = [e for e in rec.events if e.trigger.text == "stormed"]
    assert (e.plover, e.target.code, e.target.text) == ("ASSAULT", "KEN", "Mombasa")


def test_a_generic_actor_takes_the_country_of_a_placed_building(code):
    rec = code("Police arrested students at a school in the Nigerian town of Kankara.")
    assert pairs(rec, "arrested") == [("COERCE", "NGACOP", "NGAEDU")]


def test_a_role_from_an_igo_is_the_igo(code):
    rec = code("Top diplomats from the Group of Seven urged Iran to release the prisoners.")
    assert pairs(rec, "urged") == [("REQUEST", "IGOGOS", "IRN")]
    rec = code("Ministers from the African Union condemned the coup.")
    assert pairs(rec, "condemned") == [("ACCUSE", "IGOAFU", None)]


def test_the_court_is_the_named_court_before_it(code):
    rec = code("The International Court of Justice opened hearings. The court rejected Kenya's request.")
    assert pairs(rec, "rejected") == [("REJECT", "IGOUNOJUDICJ", "KEN")]
    rec = code("The World Court heard the case on Monday. The court's president rejected Chile's request.")
    assert pairs(rec, "rejected") == [("REJECT", "IGOUNOJUDICJ", "CHL")]


def test_the_council_as_a_target(code):
    rec = code("The Security Council met on Monday. Russia accused the council of bias.")
    assert pairs(rec, "accused") == [("ACCUSE", "RUS", "IGOUNO")]


def test_a_definite_noun_with_no_named_antecedent_stays_generic(code):
    rec = code("The court rejected the appeal of three journalists.")
    assert [e.source.code for e in rec.events] == ["JUD"]
