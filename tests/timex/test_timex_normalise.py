"""TIMEX3 normalisation rules, one case per rule (pure function, no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.timex import normalise, parse_number

REF = date(2022, 2, 3)  # a Thursday, ISO week 5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("February 2", ("DATE", "2022-02-02")),
        ("Feb. 3", ("DATE", "2022-02-03")),
        ("3 February 2022", ("DATE", "2022-02-03")),
        ("Sept. 11, 2001", ("DATE", "2001-09-11")),
        ("late on February 2", ("DATE", "2022-02-02")),
        ("December", ("DATE", "2021-12")),
        ("mid-December", ("DATE", "2021-12")),
        ("February", ("DATE", "2022-02")),
        ("December 2021", ("DATE", "2021-12")),
        ("last month", ("DATE", "2022-01")),
        ("earlier this month", ("DATE", "2022-02")),
        ("this week", ("DATE", "2022-W05")),
        ("last week", ("DATE", "2022-W04")),
        ("next year", ("DATE", "2023")),
        ("last year", ("DATE", "2021")),
        ("earlier this year", ("DATE", "2022")),
        ("2008", ("DATE", "2008")),
        ("the 1990s", ("DATE", "199")),
        ("the '90s", ("DATE", "199")),
        ("the 21st century", ("DATE", "20")),
        ("Wednesday", ("DATE", "2022-02-02")),
        ("Thursday", ("DATE", "2022-02-03")),
        ("Friday", ("DATE", "2022-01-28")),
        ("last Friday", ("DATE", "2022-01-28")),
        ("yesterday", ("DATE", "2022-02-02")),
        ("today", ("DATE", "2022-02-03")),
        ("tomorrow", ("DATE", "2022-02-04")),
        ("tonight", ("TIME", "2022-02-03TNI")),
        ("last night", ("TIME", "2022-02-02TNI")),
        ("Monday morning", ("TIME", "2022-01-31TMO")),
        ("three days ago", ("DATE", "2022-01-31")),
        ("two weeks ago", ("DATE", "2022-W03")),
        ("a year ago", ("DATE", "2021")),
        ("weeks", ("DURATION", "PXW")),
        ("several weeks", ("DURATION", "PXW")),
        ("two years", ("DURATION", "P2Y")),
        ("two and a half years", ("DURATION", "P2.5Y")),
        ("24 hours", ("DURATION", "PT24H")),
        ("the past week", ("DURATION", "P1W")),
        ("the past two weeks", ("DURATION", "P2W")),
        ("a decade", ("DURATION", "P1DE")),
        ("nearly three decades", ("DURATION", "P3DE")),
        ("decades", ("DURATION", "PXDE")),
        ("in recent days", ("DURATION", "PXD")),
        ("two-year", ("DURATION", "P2Y")),
        ("10 a.m.", ("TIME", "2022-02-03T10:00")),
        ("12:03 GMT", ("TIME", "2022-02-03T12:03")),
        ("Wednesday at 10 a.m.", ("TIME", "2022-02-02T10:00")),
        ("summer 2021", ("DATE", "2021-SU")),
        ("the first quarter", ("DATE", "2022-Q1")),
        ("every week", ("SET", "P1W")),
        ("annually", ("SET", "P1Y")),
        ("2022-01-25", ("DATE", "2022-01-25")),
        ("1/25/2022", ("DATE", "2022-01-25")),
    ],
)
def test_past_leaning_values(text, expected):
    assert normalise(text, REF) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("December", "2022-12"),       # "will meet in December"
        ("Wednesday", "2022-02-09"),   # "will meet on Wednesday": the next one
        ("February 10", "2022-02-10"),
    ],
)
def test_future_clauses_look_forward(text, expected):
    assert normalise(text, REF, "future")[1] == expected


def test_month_day_is_nearest_without_tense():
    # A week after the reference is still this year's, not last year's.
    assert normalise("February 10", REF) == ("DATE", "2022-02-10")
    assert normalise("December 30", REF) == ("DATE", "2021-12-30")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("February 2", ("DATE", "XXXX-02-02")),
        ("December", ("DATE", "XXXX-12")),
        ("Wednesday", ("DATE", "XXXX-WXX-3")),
        ("last month", ("DATE", None)),
        ("today", ("DATE", None)),
        ("two years", ("DURATION", "P2Y")),
        ("2008", ("DATE", "2008")),
    ],
)
def test_without_reference_keeps_only_what_is_known(text, expected):
    assert normalise(text, None) == expected


@pytest.mark.parametrize("text", ["65-year-old", "a 10-year-old boy", "Christmas", "troops"])
def test_not_time_expressions(text):
    assert normalise(text, REF) is None


@pytest.mark.parametrize(
    "text, value",
    [("13,000", 13000), ("two", 2), ("twenty-one", 21), ("2.5 million", 2_500_000), ("a dozen", 12),
     ("one hundred thousand", 100_000), ("3 billion", 3e9)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_number_rejects_words():
    assert parse_number("troops") is None
    assert parse_number("2 3") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Published time: April 19, 2014 06:57", "2014-04-19"),
        ("Updated Feb. 3, 2022 12:03 GMT", "2022-02-03"),
        ("2022-02-03T10:00Z", "2022-02-03"),
        ("3 February 2022", "2022-02-03"),
        ("Feb 3 (Reuters)", None),   # no year: unknown stays unknown
        ("Updated 12:03 GMT", None),
        ("last month", None),
    ],
)
def test_absolute_date(text, expected):
    from sitrep.timex import absolute_date

    assert absolute_date(text) == expected
