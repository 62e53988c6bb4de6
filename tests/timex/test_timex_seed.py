"""Issue 6 "Show": the seed's time expressions and figures, through the full pipeline."""

from __future__ import annotations

import pytest


def _times(record, text):
    return [t for t in record.times if t.text == text]


def test_spans_index_the_record_text(seed_record):
    for t in seed_record.times:
        assert seed_record.text[t.start:t.end] == t.text
    for q in seed_record.quantities:
        assert seed_record.text[q.start:q.end] == q.text


def test_every_february_2_is_2022_02_02(seed_record):
    feb2 = _times(seed_record, "February 2")
    assert len(feb2) == seed_record.text.count("February 2") == 6
    assert {t.value for t in feb2} == {"2022-02-02"}
    assert {t.type for t in feb2} == {"DATE"}


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("December", "2021-12", "DATE"),
        ("last month", "2022-01", "DATE"),
        ("this week", "2022-W05", "DATE"),
        ("weeks", "PXW", "DURATION"),
    ],
)
def test_seed_values(seed_record, text, value, kind):
    found = _times(seed_record, text)
    assert len(found) == 1
    assert (found[0].value, found[0].type) == (value, kind)


def test_seed_has_no_other_time_expressions(seed_record):
    # "troops now based in Germany": TimeML's PRESENT_REF (issue 15).
    assert sorted({t.text for t in seed_record.times}) == ["December", "February 2", "last month", "now", "this week", "weeks"]
    assert [t.value for t in seed_record.times if t.text == "now"] == ["PRESENT_REF"]


@pytest.mark.parametrize(
    "text, value, unit, approx",
    [
        ("about 3,000 troops", 3000, "troops", "approx"),
        ("an estimated 100,000 troops", 100000, "troops", "approx"),
        ("more than 13,000 people", 13000, "people", "more_than"),
        ("About 2,000 combat troops", 2000, "troops", "approx"),
        ("around 1,000 troops", 1000, "troops", "approx"),
        # Vague plural: a lower bound (documented choice), never a made-up exact figure.
        ("thousands of troops", 2000, "troops", "at_least"),
    ],
)
def test_seed_quantities(seed_record, text, value, unit, approx):
    found = [q for q in seed_record.quantities if q.text == text]
    assert len(found) == 1
    q = found[0]
    assert (q.value, q.unit, q.approximation) == (value, unit, approx)


def test_article_number_is_not_a_quantity(seed_record):
    # "Article 5 of NATO's founding treaty" names a treaty article; it counts nothing.
    assert not [q for q in seed_record.quantities if q.value == 5]


def test_governing_times_on_the_seed(seed_text):
    """The helper events use: which time expression governs which predicate."""
    from sitrep.nlp import load_nlp
    from sitrep.timex import quantity_for_token, time_for_token

    nlp = load_nlp(components=("sitrep_timex",))
    doc = nlp.make_doc(seed_text)
    doc._.sitrep.published = "2022-02-03"
    doc = nlp(doc)

    def verb(word, after=0):
        return next(t for t in doc if t.text == word and t.idx >= after)

    assert time_for_token(doc, verb("spoke")).value == "2022-02-02"
    assert time_for_token(doc, verb("demanded")).value == "2021-12"
    assert time_for_token(doc, verb("put")).value == "2022-01"
    send = verb("send", after=seed_text.index("Earlier on February 2"))
    assert time_for_token(doc, send).value == "2022-W05"
    q = quantity_for_token(doc, send)
    assert (q.value, q.unit, q.approximation) == (3000, "troops", "approx")
