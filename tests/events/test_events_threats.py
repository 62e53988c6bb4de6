"""Announced hostile acts are threats (issue 18), on one-sentence fixtures written for these
tests: a hostile act its own doer announces ('will', 'would', 'could', 'going to') is coded
THREATEN with the CAMEO threat code; the modality stays; someone else's prediction, a
fear and a condition keep the act's own type."""

from __future__ import annotations

from conftest import dyads

from sitrep.events import coding

PUBLISHED = "2025-01-10"  # the `code` fixture (tests/conftest.py) runs sentences on this date


def test_speaker_announcing_own_sanctions_is_a_threat(code):
    rec = code("Peru said it will impose sanctions on Bolivia.")
    assert dyads(rec) == [("THREATEN", "1312", "PER", "BOL", "planned", "impose")]
    assert rec.events[0].cameo_coded == "1312"


def test_could_retaliate_by_the_subject_is_a_threat(code):
    rec = code("Chile could impose sanctions on Argentina.")
    assert dyads(rec) == [("THREATEN", "1312", "CHL", "ARG", "hypothetical", "impose")]


def test_light_verb_with_an_event_noun_is_announced_by_the_verb(code):
    rec = code("Chile will launch an attack on Argentina.")
    assert dyads(rec) == [("THREATEN", "1384", "CHL", "ARG", "planned", "attack")]


def test_going_to_attack_reaches_the_listed_act(code):
    rec = code("Armenia is going to attack and bomb Azerbaijan.")
    assert [(e.plover, e.cameo, e.modality, e.trigger.text) for e in rec.events] == [
        ("THREATEN", "1384", "planned", "attack"), ("THREATEN", "138", "planned", "bomb")]


def test_someone_elses_prediction_keeps_the_act(code):
    rec = code("Peruvian officials said Bolivia could attack Chile.")
    assert dyads(rec) == [("ASSAULT", "190", "BOL", "CHL", "hypothetical", "attack")]


def test_feared_act_keeps_the_act(code):
    rec = code("Analysts fear that Bolivia could attack Chile.")
    assert dyads(rec) == [("ASSAULT", "190", "BOL", "CHL", "hypothetical", "attack")]


def test_condition_is_no_announcement(code):
    rec = code("If Bolivia attacks Chile, Peru will respond.")
    assert [(e.plover, e.cameo) for e in rec.events if e.trigger.text == "attacks"] == [("ASSAULT", "190")]


def test_every_threat_code_has_a_threaten_type():
    for root in ("12", "14", "16", "17", "18", "19", "20", "163", "172", "190"):
        threat = coding.cameo_view(root, "planned")
        assert coding.code(threat).plover == "THREATEN", (root, threat)


# The modality these rules read (sitrep/events/modality.py): a light verb's auxiliaries and
# negation are its event noun's; a listed verb without its own auxiliary shares its head's.
def test_light_verb_negation_is_the_event_nouns(code):
    rec = code("Peru did not launch an attack on Chile.")
    assert dyads(rec) == [("ASSAULT", "190", "PER", "CHL", "negated", "attack")]


def test_option_verb_negation_is_not_carried(code):
    rec = code("Chile has not ruled out sanctions against Peru.")
    assert dyads(rec) == [("COERCE", "163", "CHL", "PER", "hypothetical", "sanctions")]


def test_listed_verb_does_not_share_its_heads_negation(code):
    rec = code("Peru did not attack Chile but bombed Bolivia.")
    assert dyads(rec) == [("ASSAULT", "190", "PER", "CHL", "negated", "attack"),
                          ("ASSAULT", "195", "PER", "BOL", "asserted", "bombed")]
