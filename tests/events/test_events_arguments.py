"""Event arguments (issue 18) on one-sentence fixtures written for these tests: events the
text names no agent for (a null source), the reporter as an actor even when it is no entity,
targets reached through an office or a place, and quoted speech read by its parts."""

from __future__ import annotations

import pytest



PUBLISHED = "2024-05-10"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def dyads(rec):
    return [(e.plover, e.source.code if e.source else None, e.target.code if e.target else None, e.modality)
            for e in rec.events]


@pytest.mark.parametrize("sentence, want", [
    # a passive without a 'by' agent; the soldiers are where it happened
    ("Three soldiers were killed in Kharkiv on Monday.", [("ASSAULT", None, "UKRMIL", "asserted")]),
    ("More than 13,000 people have been killed.", [("ASSAULT", None, "CVL", "asserted")]),
    # the subject is the means, not an actor; a city the model does not tag is still placed
    ("Explosions hit Kharkiv overnight.", [("ASSAULT", None, "UKR", "asserted")]),
    # a nominal event with no actor of its own
    ("The raid on Mogadishu drew wide condemnation.", [("ASSAULT", None, "SOMGOV", "asserted")]),
])
def test_agentless_events_have_a_null_source(code, sentence, want):
    assert dyads(code(sentence)) == want


def test_a_by_agent_that_is_no_actor_gives_no_event(code):
    # 'damaged by the storm': the storm is no actor, and the passive does name who did it
    assert code("Two bridges in Mozambique were damaged by the storm.").events == []
    # a natural force as subject is not the means of an attack
    assert code("Cyclone Jude slammed into Mozambique on Sunday.").events == []


def test_reporter_that_is_no_entity_is_an_actor(code):
    rec = code("Ukraine fired 30 missiles at Belgorod on Sunday, the Russian defence ministry said.")
    [e] = rec.events
    assert (e.plover, e.source.country, e.target.country, e.modality) == ("ASSAULT", "UKR", "RUS", "reported")
    rep = e.reported_by
    assert (rep.entity, rep.text, rep.code, rep.country) == (None, "Russian defence ministry", "RUSGOV", "RUS")


def test_reporter_that_is_an_entity_keeps_its_id(code):
    rec = code("Egypt said that Israel attacked Rafah on Monday.")
    [attack] = [e for e in rec.events if e.plover == "ASSAULT"]
    assert attack.modality == "reported"
    egypt = next(x for x in rec.entities if x.name == "Egypt")
    assert (attack.reported_by.entity, attack.reported_by.code) == (egypt.id, "EGY")


@pytest.mark.parametrize("sentence, want", [
    # the office of a city is its state's government
    ("Russian forces released the mayor of Kherson on Friday.", [("RETREAT", "RUSMIL", "UKRGOV", "asserted")]),
    # the act the verb is about goes to a country: that country is the recipient
    ("The State Department advised against travel to Haiti.", [("SANCTION", "USAGOV", "HTI", "asserted")]),
])
def test_targets_through_an_office_or_a_place(code, sentence, want):
    assert dyads(code(sentence)) == want


def test_quoted_speech_is_read_by_its_parts(code):
    # One quote in two parts; 'met' is in the narration between them, not in the quote.
    rec = code("“Israel attacked Gaza again,” Egyptian Foreign Minister Sameh Shoukry said on Monday after "
               "he met Antony Blinken in Cairo, “and the world must act.”")
    [q] = rec.quotes
    assert len(q.parts) == 2
    by_trigger = {e.trigger.text: e for e in rec.events}
    assert by_trigger["attacked"].modality == "reported"
    assert by_trigger["attacked"].reported_by.text == "Sameh Shoukry"
    assert (by_trigger["met"].modality, by_trigger["met"].reported_by) == ("asserted", None)


def test_a_noun_aimed_at_an_actor_is_the_act(code):
    # no NOUN row for 'fight', but aimed 'against' an actor it names the act; no one is named as fighting
    assert dyads(code("The fight against al-Shabab has displaced thousands of families.")) == [
        ("ASSAULT", None, "SOMREB", "asserted")]


@pytest.mark.parametrize("sentence, want", [
    # a reciprocal verb gives both directions whatever its type, and no place is taken for the other side
    ("Japan and China have been disputing the islands for years.",
     [("ACCUSE", "JPN", "CHN", "asserted"), ("ACCUSE", "CHN", "JPN", "asserted")]),
    ("Serbia and Kosovo clashed over the border crossing.",
     [("ASSAULT", "SRB", "XKX", "asserted"), ("ASSAULT", "XKX", "SRB", "asserted")]),
])
def test_reciprocal_verbs_give_both_directions(code, sentence, want):
    assert dyads(code(sentence)) == want
