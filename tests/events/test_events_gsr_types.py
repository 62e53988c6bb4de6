"""Event type mechanisms added from the PLOVER GSR error listing (benchmarks/gsr_event_errors.py),
each on a one-sentence fixture invented for these tests."""

from __future__ import annotations

import pytest


def events(rec):
    return [(e.plover, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None,
             e.modality, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("sentence, want", [
    # readiness: the complement is read with its own frame (phrase words: 'martial law')
    ("Chile is prepared to impose martial law in Arica.", [("THREATEN", "132", "CHL", "CHL", "asserted", "prepared")]),
    # a passive whose 'by' agent is the means, and a subject that names the act, are agentless
    ("Two Peruvian soldiers were killed by a roadside bomb.", [("ASSAULT", "183", None, "PERMIL", "asserted", "killed")]),
    ("A car bombing killed two Peruvian soldiers.", [("ASSAULT", "190", None, "PERMIL", "asserted", "killed")]),
    # a light verb's object compound with a noun row of its own names the act
    ("Chile launched a mediation effort.", [("CONSULT", "045", "CHL", None, "asserted", "effort")]),
    # a vague object head lets its qualifier be the object ('mediation efforts' -> mediation)
    ("Chile ended its mediation efforts between Peru and Bolivia.", [("SANCTION", "165", "CHL", None, "asserted", "ended")]),
    # lexicon rows
    ("Peru accepted the demands of Bolivia.", [("CONCEDE", "080", "PER", None, "asserted", "accepted")]),
    ("The Peruvian union called off the strike.", [("CONCEDE", "080", "PER", None, "asserted", "called")]),
    ("Chile has been sharing expertise with Peru.", [("COOPERATE", "064", "CHL", "PER", "asserted", "sharing")]),
    ("Chile strengthened its forces near the Peruvian border.", [("MOBILIZE", "154", "CHL", None, "asserted", "strengthened")]),
    ("Chile sent arms to Peru.", [("AID", "072", "CHL", "PER", "asserted", "sent")]),
    # a light verb of pace: the noun is the act, done by the verb's subject
    ("Chile speeded up the withdrawal of its troops from Peru.", [("RETREAT", "0872", "CHL", "PER", "asserted", "withdrawal")]),
])
def test_gsr_type_mechanisms(code, sentence, want):
    assert events(code(sentence)) == want


@pytest.mark.parametrize("sentence, want", [
    # 'force X out' is an expulsion (CAMEO 166, PLOVER SANCTION expel), not bare coercion
    ("Chile forced the Peruvian envoy out of the country.", [("SANCTION", "166", "CHL", "PERGOV", "asserted", "forced")]),
    # peacekeepers shipped out are withdrawn (CAMEO 1661), not aid sent
    ("Forty Peruvian peacekeepers were shipped out of the Bolivian town of Oruro on Monday.",
     [("SANCTION", "1661", None, "PER", "asserted", "shipped")]),
    # without 'out', forcing stays coercion
    ("Chile forced Peru to pay.", [("COERCE", "170", "CHL", "PER", "asserted", "forced"),
                                   ("COOPERATE", "061", "PER", None, "asserted", "pay")]),
])
def test_expel_patterns(code, sentence, want):
    assert events(code(sentence)) == want


@pytest.mark.parametrize("sentence, want", [
    # 'take part' is an idiom of 'take': its synonyms' 'part' rows (030) are dropped
    ("Syrian troops captured part of the town.", [("COERCE", "192", "SYRMIL", None, "asserted", "captured")]),
    # while 'take part in the talks' keeps the talks
    ("Colombian rebels took part in the talks.", [("CONSULT", "046", "COLREB", None, "asserted", "talks")]),
])
def test_idiom_objects_stay_with_their_verb(code, sentence, want):
    assert events(code(sentence)) == want
