"""Issue 3 "Show": the seed's people, organisations and places, each once, with all mentions."""

from __future__ import annotations

import re

import pytest

from sitrep.entities import entity_at, entity_by_id, resolve_pronoun
from sitrep.nlp import load_nlp


@pytest.fixture(scope="module")
def seed_doc(seed_text):
    nlp = load_nlp()
    doc = nlp.make_doc(seed_text)
    doc._.sitrep.published = "2022-02-03"
    return nlp(doc)


@pytest.fixture(scope="module")
def by_name(seed_doc):
    names = [e.name for e in seed_doc._.sitrep.entities]
    assert len(names) == len(set(names)), f"an entity appears twice: {names}"
    return {e.name: e for e in seed_doc._.sitrep.entities}


PEOPLE = [
    # name, title, country, affiliation, actor code
    ("Boris Johnson", "Prime Minister", "GBR", None, "GBRGOV"),
    ("Vladimir Putin", "President", "RUS", None, "RUSGOV"),
    ("John Kirby", "spokesman", "USA", "Pentagon", "USAMIL"),
    ("Aleksandr Grushko", "Deputy Foreign Minister", "RUS", None, "RUSGOV"),
    ("Joe Biden", "President", "USA", None, "USAGOV"),
    ("Olaf Scholz", "Chancellor", "DEU", None, "DEUGOV"),
]


@pytest.mark.parametrize("name,title,country,affiliation,code", PEOPLE)
def test_seed_people(by_name, name, title, country, affiliation, code):
    e = by_name[name]
    assert e.type == "PERSON"
    assert (e.title, e.country, e.affiliation, e.actor_code) == (title, country, affiliation, code)


def test_seed_no_stray_people(by_name):
    people = sorted(n for n, e in by_name.items() if e.type == "PERSON")
    assert people == sorted(p[0] for p in PEOPLE)


@pytest.mark.parametrize("name,etype,code", [
    ("NATO", "IGO", "IGONAT"), ("Kremlin", "ORG", "RUSGOV"), ("Pentagon", "ORG", "USAMIL"),
    ("Interfax", "MEDIA", "RUSMED"), ("El Pais", "MEDIA", "ESPMED"), ("ZDF", "MEDIA", "DEUMED"),
    ("CNN", "MEDIA", "USAMED"),
])
def test_seed_organisations(by_name, name, etype, code):
    assert (by_name[name].type, by_name[name].actor_code) == (etype, code)


@pytest.mark.parametrize("name,country", [
    ("Ukraine", "UKR"), ("Russia", "RUS"), ("United States", "USA"), ("Poland", "POL"),
    ("Romania", "ROU"), ("Germany", "DEU"), ("Moscow", "RUS"), ("Washington", "USA"), ("Kyiv", "UKR"),
])
def test_seed_places(by_name, name, country):
    assert by_name[name].type == "GPE"
    assert by_name[name].country == country


def _count(text: str, word: str) -> int:
    return len(re.findall(rf"(?<![\w.]){re.escape(word)}(?!\w)", text))


def test_seed_mentions_complete(seed_doc, by_name, seed_text):
    # Every occurrence of these names in the text is a mention of one entity.
    for name, form in [("Vladimir Putin", "Putin"), ("Boris Johnson", "Johnson"), ("John Kirby", "Kirby"),
                       ("Olaf Scholz", "Scholz"), ("NATO", "NATO"), ("Russia", "Russia"), ("Germany", "Germany")]:
        texts = [m.text for m in by_name[name].mentions]
        assert sum(form in t for t in texts) == _count(seed_text, form), (name, texts)


def test_seed_us_forms_are_one_entity(by_name, seed_text):
    us = by_name["United States"]
    forms = {m.text for m in us.mentions}
    assert forms == {"United States", "U.S."}  # "the" is not part of the span
    assert len(us.mentions) == _count(seed_text, "United States") + _count(seed_text, "U.S.")


def test_seed_mr_putin_and_possessive(seed_doc, by_name, seed_text):
    putin = by_name["Vladimir Putin"]
    i = seed_text.index("Mr. Putin")
    assert entity_at(seed_doc, i + 4, i + 9) == putin.id
    j = seed_text.index("Johnson’s office")
    assert entity_at(seed_doc, j, j + 7) == by_name["Boris Johnson"].id
    assert all(not m.text.endswith(("’s", "'s")) for e in seed_doc._.sitrep.entities for m in e.mentions)


def test_seed_headline_fragment_is_not_an_entity(seed_doc):
    texts = {m.text for e in seed_doc._.sitrep.entities for m in e.mentions}
    assert not any("Sends Troops" in t for t in texts)
    assert "Leave a Reply" not in texts and "Share and Enjoy" not in texts


def test_seed_spans_index_text(seed_doc):
    for e in seed_doc._.sitrep.entities:
        for m in e.mentions:
            assert seed_doc.text[m.start:m.end] == m.text
    mentions = seed_doc._.sitrep.mentions
    assert mentions == sorted(mentions)


def test_seed_pronouns(seed_doc, by_name, seed_text):
    def he_after(prefix: str, which: str = "he") -> str:
        i = seed_text.index(prefix) + len(prefix)
        tok = next(t for t in seed_doc if t.idx >= i and t.lower_ == which)
        return entity_by_id(seed_doc, resolve_pronoun(seed_doc, tok)).name

    assert he_after("Johnson’s office said") == "Boris Johnson"
    assert he_after("referring to Russian President Vladimir Putin.") == "John Kirby"
    assert he_after("remain under the U.S. chain of command,") == "John Kirby"
    assert he_after("is consistent with what") == "Joe Biden"
    # Inside Biden's own quote, "he" is not Biden but the person named before: Putin.
    assert he_after("“As long as") == "Vladimir Putin"


def test_seed_ids_stable(seed_text, by_name):
    nlp = load_nlp()
    doc = nlp.make_doc(seed_text)
    doc._.sitrep.published = "2022-02-03"
    again = {e.name: e.id for e in nlp(doc)._.sitrep.entities}
    assert again == {n: e.id for n, e in by_name.items()}


def test_seed_record_through_the_whole_pipeline(seed_record):
    """The record `sitrep extract SEED --published 2022-02-03` prints carries the same entities."""
    ents = {e.name: e for e in seed_record.entities}
    assert len(ents) == len(seed_record.entities)
    for name, title, country, affiliation, code in PEOPLE:
        e = ents[name]
        assert (e.type, e.title, e.country, e.affiliation, e.actor_code) == ("PERSON", title, country, affiliation, code)
    for name in ("NATO", "Kremlin", "Pentagon", "Interfax", "El Pais", "ZDF", "CNN",
                 "Ukraine", "Russia", "United States", "Poland", "Romania", "Germany"):
        assert name in ents
    for e in seed_record.entities:
        for m in e.mentions:
            assert seed_record.text[m.start:m.end] == m.text


def test_seed_pronoun_in_quoted_fragment_of_reported_speech(seed_doc, seed_text):
    # "... said he “expressed his deep concern ...”": a fragment inside reported speech, so
    # "his" keeps the reported speaker.
    i = seed_text.index("“expressed his") + len("“expressed ")
    tok = next(t for t in seed_doc if t.idx == i)
    assert entity_by_id(seed_doc, resolve_pronoun(seed_doc, tok)).name == "Boris Johnson"
