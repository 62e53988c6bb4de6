"""TimeML conventions (issue 15): types, REF values, mod, anchors, sets, durations vs dates,
years vs quantities. Invented one-sentence fixtures through the real spaCy model."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=("sitrep_timex",))


def run(nlp, text, published="2022-02-03"):
    doc = nlp.make_doc(text)
    doc._.sitrep.published = published
    return nlp(doc)


def times(doc):
    return {t.text: t for t in doc._.sitrep.times}


def test_each_timex3_type(nlp):
    got = times(run(nlp, "The envoy arrived on Monday at 10 a.m., stayed for three weeks and reports every month."))
    assert (got["Monday"].type, got["Monday"].value) == ("DATE", "2022-01-31")
    assert (got["10 a.m."].type, got["10 a.m."].value) == ("TIME", "2022-01-31T10:00")
    assert (got["three weeks"].type, got["three weeks"].value) == ("DURATION", "P3W")
    assert (got["every month"].type, got["every month"].value) == ("SET", "P1M")


@pytest.mark.parametrize("sentence, span, value", [
    ("The militia now controls the valley.", "now", "PRESENT_REF"),
    ("The militia currently controls the valley.", "currently", "PRESENT_REF"),
    ("Relief convoys have recently reached the valley.", "recently", "PAST_REF"),
    ("The valley was attacked many times in the past.", "the past", "PAST_REF"),
    ("The mayor hopes to reopen the school in the future.", "the future", "FUTURE_REF"),
])
def test_reference_adverbs(nlp, sentence, span, value):
    t = times(run(nlp, sentence))[span]
    assert (t.type, t.value, t.anchor) == ("DATE", value, None)


def test_now_inside_a_word_is_not_a_time(nlp):
    assert "now" not in times(run(nlp, "The now-defunct airline sold its planes."))


@pytest.mark.parametrize("sentence, span, value, mod", [
    ("Rebels held the port until mid-2018.", "mid-2018", "2018", "MID"),
    ("The talks collapsed late Tuesday.", "late Tuesday", "2022-02-01", "END"),
    ("The siege ended early Wednesday.", "early Wednesday", "2022-02-02", "START"),
    ("The dam was finished more than a decade ago.", "more than a decade ago", "2012", "BEFORE"),
    ("The ceasefire held for about two years.", "about two years", "P2Y", "APPROX"),
    ("Barely 48 hours after the vote, protests began.", "Barely 48 hours", "PT48H", "EQUAL_OR_LESS"),
])
def test_mod_is_kept_out_of_the_value(nlp, sentence, span, value, mod):
    t = times(run(nlp, sentence))[span]
    assert (t.value, t.mod) == (value, mod)


def test_relative_expressions_record_the_publication_date_as_anchor(nlp):
    got = times(run(nlp, "The minister resigned last month and the vote was held in 2019."))
    assert (got["last month"].value, got["last month"].anchor, got["last month"].anchor_reason) == (
        "2022-01", "published", "publication date")
    assert (got["2019"].anchor, got["2019"].anchor_reason) == (None, None)


def test_story_internal_anchor_in_the_same_clause(nlp):
    # Published in 2013: "in May" inside a clause about 2012 is May 2012, not May 2013.
    got = times(run(nlp, "In 2012 the rebels seized the town in May.", published="2013-08-01"))
    assert (got["May"].value, got["May"].anchor) == ("2012-05", "2012")
    assert "story's reference time" in got["May"].anchor_reason


def test_story_internal_anchor_from_a_framing_sentence(nlp):
    doc = run(nlp, "In 2012, the rebels seized the northern towns. In May, they attacked the capital.", published="2013-08-01")
    got = times(doc)
    assert (got["May"].value, got["May"].anchor) == ("2012-05", "2012")


def test_without_a_frame_the_publication_date_decides(nlp):
    doc = run(nlp, "The rebels were founded in 2012, and they attacked the capital in May.", published="2013-08-01")
    got = times(doc)
    assert (got["May"].value, got["May"].anchor) == ("2013-05", "published")


def test_anaphoric_expressions_count_from_the_last_date(nlp):
    got = times(run(nlp, "The plant was bombed on Feb. 27, 2020. The day after, engineers left."))
    assert (got["The day after"].value, got["The day after"].anchor) == ("2020-02-28", "2020-02-27")
    got = times(run(nlp, "The base was bombed in 2004. Nearly two decades later, the trial opened."))
    assert (got["Nearly two decades later"].value, got["Nearly two decades later"].mod) == ("202", "APPROX")


@pytest.mark.parametrize("sentence, span, value", [
    ("Patrols leave the camp every morning.", "every morning", "XXXX-XX-XXTMO"),
    ("The league changes its rules each season.", "each season", "P3M"),
    ("The council meets weekly.", "weekly", "P1W"),
    ("Inspectors visit twice a week.", "twice a week", "P1W"),
    ("The ferry runs every other week.", "every other week", "P2W"),
    ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
    ("Children may play for one hour per day.", "per day", "P1D"),
    ("The annual summit was cancelled.", "annual", "P1Y"),
])
def test_sets(nlp, sentence, span, value):
    t = times(run(nlp, sentence))[span]
    assert (t.type, t.value) == ("SET", value)


@pytest.mark.parametrize("sentence, span, kind, value", [
    ("The winner finished the marathon in 3:07:35.", "3:07:35", "DURATION", "PT3H7M35S"),
    ("Investment will grow over the next decade.", "the next decade", "DURATION", "P1DE"),
    ("The region has been at war for decades.", "decades", "DURATION", "PXDE"),
    ("After years of talks, the deal was signed.", "years", "DURATION", "PXY"),
    ("Students must switch off phones for one full day.", "one full day", "DURATION", "P1D"),
    ("Protests grew over the last couple of weeks.", "the last couple of weeks", "DURATION", "P2W"),
    ("The bank raised rates last year.", "last year", "DATE", "2021"),
])
def test_durations_and_dates_are_told_apart(nlp, sentence, span, kind, value):
    t = times(run(nlp, sentence))[span]
    assert (t.type, t.value) == (kind, value)


def test_a_second_term_is_not_a_duration(nlp):
    assert times(run(nlp, "The president won a second term.")) == {}


def test_a_year_is_a_time_and_a_count_is_a_quantity(nlp):
    doc = run(nlp, "The 1998 accord ended the war. Police detained up to 2000 people.")
    assert [(t.text, t.value) for t in doc._.sitrep.times] == [("1998", "1998")]
    assert [(q.text, q.value) for q in doc._.sitrep.quantities] == [("up to 2000 people", 2000.0)]


def test_scheduled_event_looks_ahead(nlp):
    got = times(run(nlp, "A report set for release Friday warns of drought."))
    assert got["Friday"].value == "2022-02-04"


def test_habitual_clock_time_has_no_day(nlp):
    got = times(run(nlp, "Most families eat dinner around 9 p.m. in summer."))
    assert (got["around 9 p.m."].value, got["around 9 p.m."].mod) == ("XXXX-XX-XXT21:00", "APPROX")
