"""Who does a nominal event named as a verb's reason, appeals, and the target of a threat, on
invented one-sentence fixtures (no ../shared)."""

from __future__ import annotations

import pytest

from sitrep.reader import InputDoc


@pytest.fixture(scope="module")
def events(pipeline):
    def run(text: str) -> list:
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2024-03-01")
        return [(e.plover, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None,
                 e.modality) for e in rec.events]

    return run


def test_object_of_blame_does_the_reason(events):
    # 'blamed Togo for the raid': Togo raided, not Ghana
    assert events("Ghana blamed Togo for the raid.") == [
        ("ACCUSE", "112", "GHA", "TGO", "asserted"), ("ASSAULT", "190", "TGO", None, "reported")]


def test_object_of_condemn_does_the_reason(events):
    assert ("ASSAULT", "190", "PSEREB", None, "reported") in events("Israel condemned Hamas for the attack.")


def test_appeal_to_is_an_appeal(events):
    assert events("The Afghan foreign minister appealed to Pakistan.") == [
        ("REQUEST", "020", "AFGGOV", "PAK", "asserted")]


def test_threat_is_aimed_at_its_embedded_strike(events):
    assert events("Venezuela warned that it would attack Guyana.") == [
        ("THREATEN", "130", "VEN", "GUY", "asserted"), ("ASSAULT", "190", "VEN", "GUY", "hypothetical")]


def test_name_split_at_of_is_read_whole(events):
    # the model tags 'Group' alone; the actor tables know 'Group of Seven'
    assert events("Diplomats from the Group of Seven urged Iran to release the sailors.")[0][:4] == (
        "REQUEST", "100", "IGOGOS", "IRN")


def test_listed_countries_parsed_as_apposition_each_act(events):
    assert events("Council members Chile, Peru and Mexico also supported the resolution.") == [
        ("SUPPORT", "051", "CHL", None, "asserted"), ("SUPPORT", "051", "PER", None, "asserted"),
        ("SUPPORT", "051", "MEX", None, "asserted")]


def test_spokesperson_from_a_leaders_office(pipeline):
    rec = pipeline.extract(InputDoc(
        content="A spokesperson from Prime Minister Rishi Sunak's office said Britain rejected the plan.",
        format="text"), as_body=True, published="2024-03-01")
    assert [(e.plover, e.source.code, e.reported_by.code) for e in rec.events] == [("REJECT", "GBR", "GBRGOV")]
