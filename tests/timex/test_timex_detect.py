"""Detection in running text (real spaCy model) and the governing-time helper for events."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp
from sitrep.timex import time_for_token


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_timex",))


def run(nlp, text, published="2022-02-03"):
    doc = nlp.make_doc(text)
    doc._.sitrep.published = published
    return nlp(doc)


def times(doc):
    return [(t.text, t.type, t.value) for t in doc._.sitrep.times]


def test_prepositions_are_outside_the_span(nlp):
    doc = run(nlp, "The minister spoke late on February 2 and again in December.")
    assert times(doc) == [("February 2", "DATE", "2022-02-02"), ("December", "DATE", "2021-12")]


def test_weekday_past_and_future(nlp):
    doc = run(nlp, "Officials met on Wednesday. They will meet again on Monday.")
    assert times(doc) == [("Wednesday", "DATE", "2022-02-02"), ("Monday", "DATE", "2022-02-07")]


def test_future_month(nlp):
    doc = run(nlp, "The two leaders will meet in June.")
    assert times(doc) == [("June", "DATE", "2022-06")]


def test_deictic_and_clock(nlp):
    doc = run(nlp, "Rebels shelled the town yesterday and again at 10 a.m. today, the army said.")
    got = dict((t, v) for t, _, v in times(doc))
    assert got["yesterday"] == "2022-02-02"
    assert got["today"] == "2022-02-03"
    assert got["10 a.m."] == "2022-02-03T10:00"


def test_durations_and_decades(nlp):
    doc = run(nlp, "The war has lasted two years. Fighting in the 1990s killed many, and talks took weeks.")
    got = dict((t, v) for t, _, v in times(doc))
    assert got["two years"] == "P2Y"
    assert got["the 1990s"] == "199"
    assert got["weeks"] == "PXW"


def test_recent_days(nlp):
    doc = run(nlp, "Shelling has intensified in recent days, monitors said.")
    assert times(doc) == [("recent days", "DURATION", "PXD")]


def test_age_is_not_a_time(nlp):
    doc = run(nlp, "A 65-year-old man was detained in 2008.")
    assert times(doc) == [("2008", "DATE", "2008")]


def test_without_published_date_keeps_what_is_known(nlp):
    doc = run(nlp, "Johnson and Putin spoke on February 2. Troops arrived last month.", published=None)
    got = dict((t, v) for t, _, v in times(doc))
    assert got["February 2"] == "XXXX-02-02"
    assert got["last month"] is None


def test_offsets_index_the_text(nlp):
    doc = run(nlp, "On Feb. 3, 2022, and again on 4 January, the ministry said nothing.")
    for t in doc._.sitrep.times:
        assert doc.text[t.start:t.end] == t.text
    assert [t.value for t in doc._.sitrep.times] == ["2022-02-03", "2022-01-04"]


def test_time_for_token_picks_the_governing_expression(nlp):
    doc = run(nlp, "Earlier on February 2 the United States announced it will send troops to Poland this week.")
    announced = next(t for t in doc if t.text == "announced")
    send = next(t for t in doc if t.text == "send")
    assert time_for_token(doc, announced).value == "2022-02-02"
    assert time_for_token(doc, send).value == "2022-W05"


def test_time_for_token_none_when_nothing_governs(nlp):
    doc = run(nlp, "About 2,000 troops will deploy to Poland. The talks ended on Monday.")
    deploy = next(t for t in doc if t.text == "deploy")
    assert time_for_token(doc, deploy) is None


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Planned: the infinitive under "due/scheduled/set" looks ahead ...
        ("The next round of tariffs is due to start in mid-December.", ("mid-December", "2022-12")),
        ("The hearing is scheduled to take place in London in June.", ("June", "2022-06")),
        # ... unless the plan itself is told in the past.
        ("He was due to be released from prison in September.", ("September", "2021-09")),
        ("The weather should ease by Saturday morning.", ("Saturday morning", "2022-02-05TMO")),
        ("Officials met over the weekend.", ("the weekend", "2022-W04-WE")),
        ("The summit was held last February.", ("last February", "2021-02")),
        ("He faces a prison term of up to five years.", ("up to five years", "P5Y")),
        ("Troops may stay for several more years.", ("several more years", "PXY")),
        ("It is a decades-long conflict.", ("decades-long", "PXDE")),
        ("The talks went on for more than a year and a half.", ("more than a year and a half", "P1.5Y")),
        ("There were outages, including one last month that cut power.", ("last month", "2022-01")),
        ("The war in 1967 changed the map.", ("1967", "1967")),
    ],
)
def test_rules_in_context(nlp, sentence, expected):
    assert [(t, v) for t, _, v in times(run(nlp, sentence))] == [expected]


def test_surname_is_not_a_duration(nlp):
    doc = run(nlp, "American Kevin King and Australian Timothy Weeks were released on Tuesday.")
    assert times(doc) == [("Tuesday", "DATE", "2022-02-01")]


def test_age_with_years_old_is_not_a_duration(nlp):
    assert times(run(nlp, "Trump is 73 years old.")) == []


def test_anaphoric_expressions_count_from_the_last_date_mentioned(nlp):
    doc = run(nlp, "They were abducted in August 2016. The next year, the group released two videos. "
                   "A second raid followed two days later. He had a checkup in 2018, and a year later he was ill.")
    got = [(t, v) for t, _, v in times(doc)]
    assert ("The next year", "2017") in got
    assert ("a year later", "2019") in got
    # "two days later" after a bare year has no day to count from: left out, not guessed.
    assert not [t for t, _ in got if t.startswith("two days")]


def test_over_the_next_year_is_a_stretch_not_anaphoric(nlp):
    # TimeML: "over the next year" is the year-long stretch from now (DURATION), not 2017.
    doc = run(nlp, "Prices rose in 2016. Officials expect growth over the next year.")
    assert ("the next year", "DURATION", "P1Y") in times(doc)


def test_clock_time_takes_the_day_of_its_sentence(nlp):
    doc = run(nlp, "The ministers will meet at 10 a.m. on Monday.")
    assert ("10 a.m.", "TIME", "2022-02-07T10:00") in times(doc)


def test_clock_range_is_split_and_dated(nlp):
    doc = run(nlp, "The guards were on duty from 10:30 p.m. Aug. 9 to 6:30 a.m. on Aug. 10.")
    got = [(t, v) for t, _, v in times(doc)]
    assert ("10:30 p.m.", "2021-08-09T22:30") in got
    assert ("6:30 a.m.", "2021-08-10T06:30") in got
