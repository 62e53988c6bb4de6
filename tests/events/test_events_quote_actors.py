"""Actors read through quotations and relational nouns (issue 18), on invented one-sentence
fixtures: a first-person pronoun inside a quote is its speaker; 'its allies' / 'its partners'
name no one country; the medium or audience a statement is made to is no target; an event
never has the same actor code on both sides."""

from __future__ import annotations


def codes(rec, trigger):
    return [(e.plover, e.source.code if e.source else None, e.target.code if e.target else None, e.modality)
            for e in rec.events if e.trigger.text == trigger]


def test_we_in_a_direct_quote_is_its_speaker(code):
    rec = code("“We will strike the rebels in Donetsk,” Ukrainian Defence Minister Karl Brandt said on Monday.")
    # (the speaker's own announced strike is a threat: tests/events/test_events_threats.py)
    assert codes(rec, "strike") == [("THREATEN", "UKRGOV", "UKRREB", "planned")]


def test_our_forces_in_a_quote_act_for_the_speaker(code):
    # 'Our drones': the speaker's country's military, not the country of the place struck.
    rec = code("“Our drones struck a fuel depot in Belgorod,” Ukrainian army spokesman Petro Kaval said.")
    assert codes(rec, "struck") == [("ASSAULT", "UKRMIL", None, "reported")]


def test_its_partners_are_not_the_possessor(code):
    rec = code("Poland said on Monday that its partners had sent troops to Lithuania.")
    assert codes(rec, "sent") == []


def test_its_allies_are_not_the_nearest_other_country(code):
    rec = code("Estonia said on Monday that Poland and its allies had sent troops to Lithuania.")
    assert codes(rec, "sent") == [("MOBILIZE", "POL", "LTU", "reported")]


def test_first_person_outside_any_quote_is_no_actor(code):
    rec = code("We condemned Serbia on Monday.")
    assert codes(rec, "condemned") == []


def test_the_country_us_is_not_the_pronoun_us(code):
    rec = code("Iran accused the US of piracy on Monday.")
    assert codes(rec, "accused") == [("ACCUSE", "IRN", "USA", "asserted")]


def test_an_organisation_s_allies_are_its_members(code):
    # The relational rule leaves a named organisation's allies to the organisation.
    rec = code("Germany pledged to defend NATO allies.")
    assert codes(rec, "defend") == [("AID", "DEU", "IGONAT", "planned")]


def test_reporters_told_are_no_target_of_the_reported_act(code):
    rec = code("Polish President Andrzej Duda told reporters that Russia must withdraw its troops.")
    assert codes(rec, "withdraw") == [("RETREAT", "RUS", None, "hypothetical")]
    assert codes(rec, "told") == [("REQUEST", "POLGOV", "RUS", "asserted")]


def test_a_news_outlet_told_is_no_target(code):
    rec = code("Kenyan President William Ruto told VOA that Somalia had rejected the offer.")
    assert codes(rec, "rejected") == [("REJECT", "SOM", None, "reported")]


def test_a_quote_told_to_reporters_has_no_press_target(code):
    rec = code("“We condemn this provocation,” Polish Foreign Ministry spokesman Piotr Nowak told reporters in Warsaw.")
    assert codes(rec, "condemn") == [("ACCUSE", "POLGOV", None, "reported")]


def test_an_event_whose_only_target_has_the_source_s_code_is_dropped(code):
    rec = code("Chilean Trade Minister Ana Rojas met with officials in Santiago on Monday.")
    assert codes(rec, "met") == []


def test_an_act_on_a_town_of_the_source_s_own_country_stays(code):
    # Cusco is coded PER by the country it lies in: an internal act, not a misread source.
    rec = code("Peru imposed a curfew in Cusco on Monday.")
    assert codes(rec, "imposed") == [("COERCE", "PER", "PER", "asserted")]


def test_a_pronoun_target_equal_to_the_source_leaves_the_act_without_target(code):
    rec = code("Russia has moved 12,000 troops toward its border.")
    assert codes(rec, "moved") == [("MOBILIZE", "RUS", None, "asserted")]
