"""Times of the story's day, ranges and the generic "today" (issue 15). Invented sentences
through the real spaCy model; the publication date is given."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_timex",))


def times(nlp, text, published="2024-03-14"):
    doc = nlp.make_doc(text)
    doc._.sitrep.published = published
    return {t.text: t for t in nlp(doc)._.sitrep.times}


def test_that_night_is_the_night_of_the_day_the_story_is_at(nlp):
    got = times(nlp, "Rebels shelled the depot on March 3, 2023. That night, the garrison pulled back.")
    night = got["That night"]
    assert (night.type, night.value, night.anchor) == ("TIME", "2023-03-03TNI", "2023-03-03")
    assert night.anchor_reason == "counted from 'March 3, 2023', the last date before it"


def test_through_the_night_after_a_weekday(nlp):
    got = times(nlp, "The storm reached the harbour on Tuesday and the rain fell through the night.")
    assert (got["Tuesday"].value, got["the night"].type, got["the night"].value) == ("2024-03-12", "TIME", "2024-03-12TNI")
    assert got["the night"].anchor == "2024-03-12"


def test_later_that_day_and_the_same_morning(nlp):
    got = times(nlp, "The ferry sank on Friday, May 10, 2019. Later that day divers found the hull.")
    assert (got["Later that day"].type, got["Later that day"].value) == ("DATE", "2019-05-10")
    got = times(nlp, "The ferry sank on May 10, 2019, and the same morning the port closed.")
    assert got["the same morning"].value == "2019-05-10TMO"


def test_that_night_after_a_bare_year_has_no_day_to_count_from(nlp):
    got = times(nlp, "In 2019 the valley flooded. That night no one in the village slept.")
    assert set(got) == {"2019"}


@pytest.mark.parametrize("sentence, span, value", [
    ("The bridge will take one to two years to rebuild.", "one to two years", "PXY"),
    ("Talks could drag on for three or four months.", "three or four months", "PXM"),
    ("Repairs lasted 5-10 days.", "5-10 days", "PXD"),
])
def test_a_range_of_durations_is_one_duration_of_unknown_count(nlp, sentence, span, value):
    got = times(nlp, sentence)
    assert (got[span].type, got[span].value) == ("DURATION", value)
    assert len(got) == 1  # not "two years" alone


def test_a_range_of_years_is_two_dates(nlp):
    got = times(nlp, "Exports of rice doubled between 2010 and 2015.")
    assert [(t.text, t.value) for t in got.values()] == [("2010", "2010"), ("2015", "2015")]


@pytest.mark.parametrize("sentence, span", [
    ("Today's Ukraine trades mostly with Europe.", "Today"),
    ("But today the port faces strong competition.", "today"),
    ("Today, the whole valley accepts the dam.", "Today"),
    ("Iran today remains the largest buyer of the grain.", "today"),
])
def test_today_meaning_nowadays_is_present_ref(nlp, sentence, span):
    got = times(nlp, sentence)[span]
    assert (got.value, got.anchor) == ("PRESENT_REF", None)


@pytest.mark.parametrize("sentence, span", [
    ("Protesters clashed with police outside the court today.", "today"),
    ("Today's vote in the assembly was delayed.", "Today"),
    ("Prices could rise again today.", "today"),
    ("Today is the last day of the fair.", "Today"),
])
def test_today_as_the_day_is_the_publication_date(nlp, sentence, span):
    got = times(nlp, sentence)[span]
    assert (got.value, got.anchor) == ("2024-03-14", "published")
