"""Quantities: number, what it counts, approximation (real spaCy model, synthetic sentences)."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp
from sitrep.timex import quantity_for_token


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_timex",))


def quantities(nlp, text):
    doc = nlp.make_doc(text)
    doc._.sitrep.published = "2022-02-03"
    doc = nlp(doc)
    for q in doc._.sitrep.quantities:
        assert doc.text[q.start:q.end] == q.text
    return [(q.text, q.value, q.unit, q.approximation) for q in doc._.sitrep.quantities]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The United States pledged $2 billion in aid.", ("$2 billion", 2e9, "USD", None)),
        ("Moscow sent two brigades to the border.", ("two brigades", 2, "brigades", None)),
        ("Kyiv asked for 500 million euros in loans.", ("500 million euros", 5e8, "EUR", None)),
        ("At least 12 civilians were killed in the strike.", ("At least 12 civilians", 12, "civilians", "at_least")),
        ("Nearly 40 people were wounded.", ("Nearly 40 people", 40, "people", "approx")),
        ("Up to 8,500 soldiers were put on alert.", ("Up to 8,500 soldiers", 8500, "soldiers", "at_most")),
        ("Fewer than 300 observers remain.", ("Fewer than 300 observers", 300, "observers", "less_than")),
        ("Some 150,000 troops massed near the border.", ("Some 150,000 troops", 150000, "troops", "approx")),
        ("Inflation reached 12 percent last year.", ("12 percent", 12, "percent", None)),
        ("Tens of thousands of people fled.", ("Tens of thousands of people", 20000, "people", "at_least")),
        ("Hundreds of tanks crossed the river.", ("Hundreds of tanks", 200, "tanks", "at_least")),
        ("A dozen soldiers were wounded.", ("A dozen soldiers", 12, "soldiers", None)),
        ("Ukraine received £350m in aid.", ("£350m", 3.5e8, "GBP", None)),
        ("The EU pledged €1.2bn.", ("€1.2bn", 1.2e9, "EUR", None)),
        ("Russia exports 1.5 million barrels a day.", ("1.5 million barrels", 1.5e6, "barrels", None)),
        # A range keeps its lower bound; a scale word on the upper end applies to both.
        ("They pledged $40-50 billion in purchases.", ("$40-50 billion", 4e10, "USD", "at_least")),
        ("The jet seats 242 to 330 passengers.", ("242 to 330 passengers", 242, "passengers", "at_least")),
    ],
)
def test_quantity(nlp, sentence, expected):
    assert quantities(nlp, sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Article 5 of the treaty is a sacred obligation.",
        "Two of the soldiers were later released.",
        "The talks took place in 2014.",
        "Shares in the STOXX 600 index fell.",
        "The war has lasted a near 1-1/2 year period.",
    ],
)
def test_not_quantities(nlp, sentence):
    assert quantities(nlp, sentence) == []


def test_numbers_inside_time_expressions_are_not_counted(nlp):
    assert quantities(nlp, "The siege lasted three weeks and 400 people died.") == [("400 people", 400, "people", None)]


def test_quantity_for_token(nlp):
    doc = nlp.make_doc("The Pentagon will send about 3,000 troops to Poland.")
    doc._.sitrep.published = "2022-02-03"
    doc = nlp(doc)
    send = next(t for t in doc if t.text == "send")
    q = quantity_for_token(doc, send)
    assert (q.value, q.unit, q.approximation) == (3000, "troops", "approx")
