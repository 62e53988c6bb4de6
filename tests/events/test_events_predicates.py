"""Predicates, speech acts and compound actors (issue 18) on one-sentence fixtures written for
these tests: light verb + event noun, nominal events with their own actors, claims as
accusations with the claimed act reported, reciprocal acts as one event per ordered pair."""

from __future__ import annotations

import pytest



PUBLISHED = "2025-01-10"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def dyads(rec):
    return [(e.plover, e.cameo, e.source.country or e.source.code,
             (e.target.country or e.target.code) if e.target else None, e.modality) for e in rec.events]


@pytest.mark.parametrize("sentence, want", [
    ("Israel launched an attack on Lebanon.", ("ASSAULT", "190", "ISRxLBN", "attack")),
    ("Kenyan students staged a protest in Nairobi.", ("PROTEST", "141", "KENEDUxKENGOV", "protest")),
    ("A Turkish court issued arrest warrants for two Syrian generals.", ("COERCE", "173", "TURJUDxSYRMIL", "warrants")),
    ("Japan expressed appreciation for Indian aid.", ("SUPPORT", "051", "JPNxIND", "expressed")),
])
def test_light_verb_with_an_event_noun(code, sentence, want):
    [e] = code(sentence).events
    assert (e.plover, e.cameo, f"{e.source.code}x{e.target.code if e.target else None}", e.trigger.text) == want


def test_light_verb_keeps_the_target_of_the_noun(code):
    rec = code("Israel launched an attack on Lebanon.")
    [e] = rec.events
    assert (e.trigger.text, e.target.text) == ("attack", "Lebanon")


def test_nominal_event_with_its_own_actors(code):
    rec = code("The Israeli raid on Lebanon angered Egypt.")
    raid = [e for e in rec.events if e.trigger.text == "raid"]
    assert [(e.plover, e.source.country, e.target.country) for e in raid] == [("ASSAULT", "ISR", "LBN")]


def test_passive_with_by_agent(code):
    rec = code("The Kenyan embassy was attacked by Somali militants.")
    assert dyads(rec) == [("ASSAULT", "190", "SOM", "KEN", "asserted")]
    assert rec.events[0].source.code == "SOMREB"


def test_claim_is_an_accusation_and_the_claimed_act_is_reported(code):
    rec = code("Pakistan claimed that India attacked a Pakistani village.")
    assert dyads(rec)[0] == ("ACCUSE", "112", "PAK", "IND", "asserted")
    attack = rec.events[1]
    assert (attack.plover, attack.source.country, attack.modality) == ("ASSAULT", "IND", "reported")
    assert attack.reported_by == rec.events[0].source  # the reporter is an actor: Pakistan


def test_accusation_reports_what_the_accused_did(code):
    rec = code("Iran accused Israel of attacking its nuclear facilities.")
    # PETRARCH2: ACCUSE * (OF ATTACK) is 1123, accuse of aggression.
    assert dyads(rec) == [("ACCUSE", "1123", "IRN", "ISR", "asserted"), ("ASSAULT", "190", "ISR", "IRN", "reported")]


def test_reciprocal_acts_give_both_directions(code):
    agreed, met = code("Egypt and Sudan agreed to cooperate.", "Chile, Peru and Bolivia met in Lima.")
    assert [(d[2], d[3]) for d in dyads(agreed) if d[0] == "AGREE"] == [("EGY", "SDN"), ("SDN", "EGY")]
    pairs = [(d[2], d[3]) for d in dyads(met) if d[0] == "CONSULT"]
    assert sorted(pairs) == sorted([(a, b) for a in ("CHL", "PER", "BOL") for b in ("CHL", "PER", "BOL") if a != b])


def test_compound_sources_act_on_one_target(code):
    rec = code("France and Germany condemned Russia.")
    assert dyads(rec) == [("ACCUSE", "111", "FRA", "RUS", "asserted"), ("ACCUSE", "111", "DEU", "RUS", "asserted")]


def test_drones_launched_at_targets_in_a_country_reported_by_the_ministry(code):
    # the demo sample's case: UKR -> RUS ASSAULT, reported (not a hypothetical Russian act)
    rec = code("Ukraine launched more than 80 drones at targets in western Russia overnight, "
               "the Russian defence ministry said.")
    assert dyads(rec) == [("ASSAULT", "195", "UKR", "RUS", "reported")]
    # the ministry is no named entity, yet it is who reports the strike
    rep = rec.events[0].reported_by
    assert (rep.entity, rep.text, rep.code, rep.country) == (None, "Russian defence ministry", "RUSGOV", "RUS")


def test_kyiv_said_it_struck(code):
    rec = code("Russian missiles hit Kharkiv. Kyiv said it had struck an airfield in Russia.")
    struck = [e for e in rec.events if e.trigger.text == "struck"]
    assert [(e.source.country, e.modality) for e in struck] == [("UKR", "reported")]


def test_reduced_passive_with_by_agent(code):
    rec = code("The Kenyan police, supported by the U.S. military, arrested Somali militants.")
    support = [e for e in rec.events if e.trigger.text == "supported"]
    assert [(e.plover, e.source.code, e.target.code) for e in support] == [("SUPPORT", "USAMIL", "KENCOP")]


def test_threat_carries_the_code_of_what_is_threatened(code):
    rec = code("Iran threatened to attack Israel.")
    assert [(e.plover, e.cameo, e.cameo_coded) for e in rec.events][0] == ("THREATEN", "130", "1384")
