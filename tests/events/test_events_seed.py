"""Events on the seed article (issue 5, 'Show'): exact type, dyad, modality, date, number."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.shared


def _find(record, plover, source=None, target=None, trigger=None, field="text"):
    """Events of a type whose source/target match a country or an actor-code prefix."""

    def ok(actor, want):
        if want is None:
            return True
        if actor is None:
            return False
        return actor.country == want or (actor.code or "").startswith(want)

    return [
        e for e in record.events
        if e.plover == plover and ok(e.source, source) and ok(e.target, target)
        and (trigger is None or e.trigger.text.lower().startswith(trigger))
        and e.evidence.field == field
    ]


def test_every_event_span_points_into_the_text(seed_record):
    assert seed_record.events
    for e in seed_record.events:
        text = seed_record.text if e.evidence.field == "text" else seed_record.title
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.evidence.start <= e.trigger.start < e.evidence.end


def test_phone_call_gbr_rus_is_consult_dated_from_the_sentence(seed_record):
    [e] = _find(seed_record, "CONSULT", "GBR", "RUS", trigger="spoke")
    assert (e.cameo, e.mode, e.modality, e.date) == ("041", "phone", "asserted", "2022-02-02")
    assert e.goldstein == 1.0


def test_johnson_warns_putin_is_threaten(seed_record):
    [e] = _find(seed_record, "THREATEN", "GBR", "RUS", trigger="told")
    assert e.modality == "asserted" and e.cameo == "130"


def test_headline_warning_is_coded_from_the_title(seed_record):
    [e] = _find(seed_record, "THREATEN", "GBR", "RUS", field="title")
    assert e.trigger.text == "Warns"


def test_usa_sends_3000_troops_to_three_allies(seed_record):
    events = _find(seed_record, "MOBILIZE", "USA", trigger="send")
    assert sorted(e.target.country for e in events) == ["DEU", "POL", "ROU"]
    for e in events:
        # 'announced it will send': a plan, kept out of default aggregates.
        assert e.modality == "planned"
        assert (e.quantity.value, e.quantity.unit) == (3000, "troops")


def test_russian_buildup_near_ukraine(seed_record):
    [e] = [e for e in _find(seed_record, "MOBILIZE", "RUS", "UKR", trigger="buildup")]
    assert e.modality == "asserted" and e.cameo == "154"
    [s] = _find(seed_record, "MOBILIZE", "RUS", trigger="surround")
    assert s.modality == "asserted"
    assert (s.quantity.value, s.quantity.unit) == (100000, "troops")


def test_russia_demanded_guarantees_in_december(seed_record):
    events = _find(seed_record, "REQUEST", "RUS", trigger="demanded")
    assert {(e.target.country, e.target.code) for e in events} == {("USA", "USA"), (None, "IGONAT")}
    assert {e.date for e in events} == {"2021-12"}
    assert {e.modality for e in events} == {"asserted"}


def test_nato_rejects_the_demand(seed_record):
    [e] = _find(seed_record, "REJECT", "IGONAT", "RUS")
    assert e.modality == "asserted"


def test_usa_ready_for_talks_is_agree(seed_record):
    [e] = _find(seed_record, "AGREE", "USA", "RUS")
    assert e.cameo == "036"
    assert e.modality == "reported" and e.reported_by is not None  # 'according to ... El Pais'


def test_accusations(seed_record):
    [putin] = _find(seed_record, "ACCUSE", "RUS", "UKR")
    assert putin.modality == "reported"  # 'It added that Putin accused Ukraine ...'
    west = _find(seed_record, "ACCUSE", "WST", "RUS")
    assert len(west) == 2 and {e.modality for e in west} == {"asserted"}


def test_moscow_denounces_the_deployment(seed_record):
    [e] = _find(seed_record, "ACCUSE", "RUS", "USA", trigger="denounced")
    assert e.modality == "asserted" and e.mode == "disapprove"
    # 'the deployment' is what Moscow denounced, not a new Russian deployment.
    assert not [m for m in _find(seed_record, "MOBILIZE", "RUS") if m.trigger.start > e.trigger.start]


def test_scholz_plans_to_travel_to_moscow(seed_record):
    [e] = _find(seed_record, "CONSULT", "DEU", "RUS")
    assert (e.cameo, e.mode, e.modality) == ("042", "visit", "planned")
    assert e.cameo_coded == "036"  # what a CAMEO coder (and GDELT's EventCode) gives a promised visit


def test_no_asserted_invasion_of_ukraine(seed_record):
    violent = [e for e in seed_record.events if e.plover in ("ASSAULT", "COERCE") and e.source
               and e.source.country == "RUS"]
    assert violent, "the invasion talk should be read, with its modality"
    assert all(e.modality not in ("asserted", "reported") for e in violent)
    assert {e.modality for e in violent} >= {"denied", "hypothetical"}


def test_event_ids_are_unique_content_hashes(seed_record, pipeline, seed_text):
    from sitrep.reader import InputDoc

    ids = [e.id for e in seed_record.events]
    assert len(ids) == len(set(ids))
    again = pipeline.extract(InputDoc(content=seed_text, format="text"), published="2022-02-03")
    assert [e.id for e in again.events] == ids


def test_the_buildup_has_its_target(seed_record):
    # 'despite surrounding its neighbor with an estimated 100,000 troops': its neighbor = Ukraine
    [e] = _find(seed_record, "MOBILIZE", "RUS", "UKR", trigger="surrounding")
    assert e.modality == "asserted" and e.target.text == "its neighbor"
