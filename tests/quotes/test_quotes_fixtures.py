"""Quote rules the seed needs, on invented sentences (no ../shared): partial quotes, mixed
records, a participle that keeps the speaker, a report before its cue, addressee and medium."""

from __future__ import annotations

import pytest

from sitrep.reader import InputDoc


@pytest.fixture(scope="module")
def quotes(pipeline):
    def run(text: str) -> list:
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2022-02-03")
        for q in rec.quotes:
            assert q.text == " … ".join(p.text for p in q.parts) and rec.text[q.start:q.end] == q.text
        return rec.quotes

    return run


def test_partial_quote_and_mixed_record_after_said(quotes):
    # the quoted words are the whole reported predicate: a partial quote
    got = quotes("The minister said it “ignores the facts.”")
    assert [(q.kind, q.text, q.speaker_span.text, q.cue.text) for q in got] == [
        ("partial", "ignores the facts", "The minister", "said")]
    # the reporter's own words ("the plan") and the quoted ones: one mixed record
    got = quotes("The minister said the plan “ignores the facts.”")
    assert [(q.kind, q.text, q.speaker_span.text, q.cue.text) for q in got] == [
        ("mixed", "the plan “ignores the facts.”", "The minister", "said")]


def test_two_partial_quotes_of_one_speaker(quotes):
    # 'described X as “...”' with an evaluation (no noun phrase) is the source's words, not a
    # label; a denial's bare object ('rejected the offer') is an act, not a claim
    got = quotes("The minister described the proposal as “dead on arrival” and said it “ignores the facts.” "
                 "The union rejected the offer.")
    assert [(q.kind, q.text, q.speaker_span.text, q.cue.text) for q in got] == [
        ("partial", "dead on arrival", "The minister", "described"),
        ("partial", "ignores the facts", "The minister", "said")]


def test_mixed_record_ends_in_a_quoted_fragment(quotes):
    got = quotes("The foreign ministry said the sanctions would hurt ordinary people, "
                 "“to the delight of the hardliners in Tehran.”")
    assert [(q.kind, q.text, q.speaker_text) for q in got] == [
        ("mixed", "the sanctions would hurt ordinary people, “to the delight of the hardliners in Tehran.”",
         "The foreign ministry")]


def test_mixed_with_addressee_and_a_resolved_speaker(quotes):
    got = quotes("Norwegian Prime Minister Eva Lindqvist has told Belarusian President Alexander Lukashenko that "
                 "closing the border would be “a grave mistake.”")
    # one attribution: the quoted fragment is part of the mixed record, not a second quote
    assert [(q.kind, q.text) for q in got] == [("mixed", "closing the border would be “a grave mistake.”")]
    for q in got:
        assert q.speaker_text == "Eva Lindqvist" and q.speaker is not None
        assert (q.cue.text, q.addressee.text) == ("told", "Belarusian President Alexander Lukashenko")


def test_participle_saying_keeps_the_speaker(quotes):
    got = quotes("Norway said the demand was a nonstarter, saying its ships were in international waters.")
    assert [(q.kind, q.text, q.speaker_text, q.cue.text) for q in got] == [
        ("indirect", "the demand was a nonstarter", "Norway", "said"),
        ("indirect", "its ships were in international waters", "Norway", "saying")]
    assert got[0].speaker == got[1].speaker is not None


def test_report_before_its_cue_with_a_titled_speaker(quotes):
    [q] = quotes("Troops will stay in Latvia until the spring, Swedish spokesman Lars Berg said.")
    assert (q.kind, q.text, q.speaker_text, q.speaker_span.text) == (
        "indirect", "Troops will stay in Latvia until the spring", "Lars Berg", "Swedish spokesman Lars Berg")


def test_direct_quote_told_reporters_and_a_news_agency_medium(quotes):
    [q] = quotes("“We are ready to pay for half of the work,” Calado told reporters in Lisbon.")
    assert (q.kind, q.text, q.cue.text, q.addressee.text) == (
        "direct", "We are ready to pay for half of the work", "told", "reporters")
    [r] = quotes("Russian Deputy Foreign Minister Ivan Petrenko told the TASS news agency that the plan was dangerous.")
    assert (r.kind, r.text, r.speaker_text, r.medium.text, r.addressee) == (
        "indirect", "the plan was dangerous", "Ivan Petrenko", "the TASS news agency", None)


def test_office_possessive_speaker_is_the_person(quotes):
    got = quotes("Anna Whitfield met farmers on Monday. Whitfield’s office said she would visit Ottawa.")
    assert [(q.text, q.speaker_text, q.speaker_span.text) for q in got] == [
        ("she would visit Ottawa", "Anna Whitfield", "Whitfield’s office")]
