"""Relative dates and durations the seed needs, on invented sentences (no ../shared).
Reference date 2022-02-03 (a Thursday, ISO week 5)."""

from __future__ import annotations

import pytest

from sitrep.reader import InputDoc


@pytest.fixture(scope="module")
def times(pipeline):
    def run(text: str) -> list:
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2022-02-03")
        return [(t.text, t.value, t.type) for t in rec.times]

    return run


def test_yearless_date_month_last_month_this_week_and_weeks(times):
    got = times("Lindqvist and Lukashenko spoke by phone on February 2 about the dispute. "
                "Minsk demanded last month that Norway withdraw its ships. Sweden has sent 200 troops to Latvia "
                "this week. The ships will stay for weeks, a navy spokesman said.")
    assert got == [("February 2", "2022-02-02", "DATE"), ("last month", "2022-01", "DATE"),
                   ("this week", "2022-W05", "DATE"), ("weeks", "PXW", "DURATION")]


def test_past_month_in_december_is_the_previous_year(times):
    assert times("The bridge was closed in December after a fire.") == [("December", "2021-12", "DATE")]


def test_weekday_next_month_and_season(times):
    assert times("The ministers met on Monday and will meet again next month.") == [
        ("Monday", "2022-01-31", "DATE"), ("next month", "2022-03", "DATE")]
    assert times("Troops will stay in Latvia until the spring, a spokesman said.") == [("the spring", "2022-SP", "DATE")]


def test_now_is_present_ref(times):
    assert times("Troops now based in Latvia will stay.") == [("now", "PRESENT_REF", "DATE")]
