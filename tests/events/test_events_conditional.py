"""Conditional offers and threats in reported speech, attempted acts of force, acts done as a protest (issue 18): 'said they would meet X if ...',
'said the EU may cut aid unless ...' announce an act on a condition: planned (PLOVER AGREE /
THREATEN), not a mere possibility; a condition with no report stays hypothetical. 'Tried to kidnap' is a
kidnapping (CAMEO 185: an attempted act of force is the act); 'tried to meet' stays planned."""

import pytest

from sitrep.events.coding import plover_view
from sitrep.pipeline import Pipeline
from sitrep.reader import InputDoc


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline()

    def go(text):
        rec = pipe.extract(InputDoc(content=text, format="text"), as_body=True, published="2025-03-01")
        return [(e.plover, e.cameo, e.modality, e.source and e.source.code, e.target and e.target.code)
                for e in rec.events]
    return go


def test_conditional_would_in_reported_speech_is_an_offer(run):
    evs = run("Kenyan officials said they would meet Somali envoys if the border reopened.")
    assert evs[0] == ("CONSULT", "040", "planned", "KEN", "SOMGOV")
    assert plover_view(evs[0][0], evs[0][2]) == "AGREE"


def test_conditional_may_in_reported_speech_is_a_threat(run):
    evs = run("Ghana said it may expel Togolese diplomats unless Togo apologised.")
    assert evs[0] == ("SANCTION", "166", "planned", "GHA", "TGOGOV")
    assert plover_view(evs[0][0], evs[0][2]) == "THREATEN"


def test_condition_without_a_report_stays_hypothetical(run):
    assert run("Ghana may expel Togolese diplomats unless Togo apologised.")[0][2] == "hypothetical"


def test_attempted_act_of_force_is_the_act(run):
    # CAMEO 185 'attempt to assassinate' is an assault: the attempt happened.
    assert run("Rebels in Chad tried to kidnap a French engineer.")[0][:3] == ("ASSAULT", "181", "asserted")


def test_attempted_cooperation_stays_planned(run):
    assert run("Chad tried to meet Sudanese envoys in Cairo.")[0][:3] == ("CONSULT", "040", "planned")


def test_act_done_to_protest_is_the_protest(run):
    # PLOVER PROTEST: collective actions carried out as protests; one event, not two.
    assert run("Kenyan nurses shunned work on Monday to protest against the new tax.") == [
        ("PROTEST", "141", "asserted", "KENHLH", None)]


def test_act_of_force_done_to_protest_keeps_its_type(run):
    assert run("Kenyan students attacked police on Monday to protest against the new tax.")[0][:2] == ("ASSAULT", "190")


def test_summoning_an_envoy_to_protest_stays_a_meeting(run):
    assert run("Kenya summoned the Ugandan ambassador on Monday to protest against the raid.")[0][:2] == ("CONSULT", "040")
