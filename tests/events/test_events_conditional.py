"""Conditional offers and threats in reported speech, attempted acts of force, acts done as a protest (issue 18): 'said they would meet X if ...',
'said the EU may cut aid unless ...' announce an act on a condition: planned (PLOVER AGREE /
THREATEN), not a mere possibility; a condition with no report stays hypothetical. 'Tried to kidnap' is a
kidnapping (CAMEO 185: an attempted act of force is the act); 'tried to meet' stays planned."""

from sitrep.events.coding import plover_view


def test_conditional_would_in_reported_speech_is_an_offer(events_of):
    evs = events_of("Kenyan officials said they would meet Somali envoys if the border reopened.")
    assert evs[0] == ("CONSULT", "040", "planned", "KEN", "SOMGOV")
    assert plover_view(evs[0][0], evs[0][2]) == "AGREE"


def test_conditional_may_in_reported_speech_is_a_threat(events_of):
    evs = events_of("Ghana said it may expel Togolese diplomats unless Togo apologised.")
    assert evs[0] == ("SANCTION", "166", "planned", "GHA", "TGOGOV")
    assert plover_view(evs[0][0], evs[0][2]) == "THREATEN"


def test_condition_without_a_report_stays_hypothetical(events_of):
    assert events_of("Ghana may expel Togolese diplomats unless Togo apologised.")[0][2] == "hypothetical"


def test_attempted_act_of_force_is_the_act(events_of):
    # CAMEO 185 'attempt to assassinate' is an assault: the attempt happened.
    assert events_of("Rebels in Chad tried to kidnap a French engineer.")[0][:3] == ("ASSAULT", "181", "asserted")


def test_attempted_cooperation_stays_planned(events_of):
    assert events_of("Chad tried to meet Sudanese envoys in Cairo.")[0][:3] == ("CONSULT", "040", "planned")


def test_act_done_to_protest_is_the_protest(events_of):
    # PLOVER PROTEST: collective actions carried out as protests; one event, not two.
    assert events_of("Kenyan nurses shunned work on Monday to protest against the new tax.") == [
        ("PROTEST", "141", "asserted", "KENHLH", None)]


def test_act_of_force_done_to_protest_keeps_its_type(events_of):
    assert events_of("Kenyan students attacked police on Monday to protest against the new tax.")[0][:2] == ("ASSAULT", "190")


def test_summoning_an_envoy_to_protest_stays_a_meeting(events_of):
    assert events_of("Kenya summoned the Ugandan ambassador on Monday to protest against the raid.")[0][:2] == ("CONSULT", "040")
