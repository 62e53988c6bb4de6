"""Object control through a to/on addressee, IGO-named relational nouns, on-targets of force, due to (issue 18)."""

import pytest

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


def test_appeal_to_addressee_controls_the_act(run):
    assert run("Japan appealed to South Korea to increase aid to Ukraine.") == [
        ("REQUEST", "020", "asserted", "JPN", "KOR"), ("AID", "073", "hypothetical", "KOR", "UKR")]


def test_unresolved_addressee_is_no_target_and_no_doer(run):
    assert run("Hungary urged its allies to lift the sanctions on Iran.") == [("REQUEST", "100", "asserted", "HUN", None)]


def test_igo_modifier_names_relational_noun(run):
    assert run("Hungary urged its NATO allies to lift the sanctions.")[0] == ("REQUEST", "100", "asserted", "HUN", "IGONAT")


def test_on_phrase_is_target_of_coercion(run):
    assert run("Police cracked down on protesters in Nairobi.") == [("COERCE", "170", "asserted", "COP", "KENOPP")]


def test_due_to_is_planned(run):
    assert run("Putin is due to meet Erdogan in Turkey in January.")[0] == ("CONSULT", "040", "planned", "RUSGOV", "TURGOV")
