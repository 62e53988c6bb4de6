"""Object control through a to/on addressee, IGO-named relational nouns, on-targets of force, due to (issue 18)."""


def test_appeal_to_addressee_controls_the_act(events_of):
    assert events_of("Japan appealed to South Korea to increase aid to Ukraine.") == [
        ("REQUEST", "020", "asserted", "JPN", "KOR"), ("AID", "073", "hypothetical", "KOR", "UKR")]


def test_unresolved_addressee_is_no_target_and_no_doer(events_of):
    assert events_of("Hungary urged its allies to lift the sanctions on Iran.") == [("REQUEST", "100", "asserted", "HUN", None)]


def test_igo_modifier_names_relational_noun(events_of):
    assert events_of("Hungary urged its NATO allies to lift the sanctions.")[0] == ("REQUEST", "100", "asserted", "HUN", "IGONAT")


def test_on_phrase_is_target_of_coercion(events_of):
    assert events_of("Police cracked down on protesters in Nairobi.") == [("COERCE", "170", "asserted", "COP", "KENOPP")]


def test_due_to_is_planned(events_of):
    assert events_of("Putin is due to meet Erdogan in Turkey in January.")[0] == ("CONSULT", "040", "planned", "RUSGOV", "TURGOV")
