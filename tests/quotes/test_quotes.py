"""Quotes and speakers on fixtures written for the hard cases (real model, full pipeline)."""

from __future__ import annotations


def quotes(record, kind=None):
    return [q for q in record.quotes if kind is None or q.kind == kind]


def test_speaker_after_the_quote(extract):
    r = extract("“We will not back down from this fight,” Governor Maria Lopez said on Tuesday.")
    (q,) = quotes(r)
    assert q.kind == "direct" and q.text == "We will not back down from this fight"
    assert q.speaker_span.text == "Governor Maria Lopez" and "Lopez" in q.speaker_text
    assert q.cue.text == "said"


def test_speaker_before_the_quote_with_colon(extract):
    r = extract("The minister told reporters: “The border will stay closed until further notice.”")
    (q,) = quotes(r, "direct")
    assert q.text == "The border will stay closed until further notice"
    assert q.speaker_span.text == "The minister" and q.addressee.text == "reporters"


def test_run_of_quote_paragraphs_after_one_attribution(extract):
    text = (
        "“We are ready to talk,” said Foreign Minister Anna Berg.\n\n"
        "“But we will not accept threats against our people.”\n\n"
        "The talks resume on Monday."
    )
    r = extract(text)
    (q,) = quotes(r, "direct")    # one attribution, two pieces sharing the cue
    assert [p.text for p in q.parts] == ["We are ready to talk", "But we will not accept threats against our people"]
    assert q.speaker is not None and "Berg" in q.speaker_text and q.cue.text == "said"


def test_multi_paragraph_quote_shares_the_closing_attribution(extract):
    text = (
        "“The first part of the plan is to secure the port.\n\n"
        "“The second part is to reopen the roads to the north,” General Tom Reyes said."
    )
    r = extract(text)
    (q,) = quotes(r, "direct")
    assert len(q.parts) == 2 and "Reyes" in q.speaker_text


def test_according_to_and_indirect_speech(extract):
    r = extract("The army lost three tanks near the river, according to the regional governor.")
    (q,) = quotes(r, "indirect")
    assert q.text == "The army lost three tanks near the river"
    assert q.cue.text == "according to" and q.speaker_span.text == "the regional governor"


def test_institutional_statement_then_it_added(extract):
    text = (
        "A Pentagon statement said the exercise would end on Friday. "
        "It added that the troops would return to their bases."
    )
    r = extract(text)
    first, second = quotes(r, "indirect")
    assert first.speaker_span.text == "A Pentagon statement" and "Pentagon" in first.speaker_text
    assert second.speaker_span.text == "It" and second.speaker_text == first.speaker_text
    assert second.text == "the troops would return to their bases"


def test_pronoun_speaker_resolves_to_the_last_person(extract):
    text = "Senator Paul Kim criticised the budget. He said the plan would cut hospital funding."
    r = extract(text)
    criticised, q = quotes(r, "indirect")
    assert criticised.cue_class == "accusation" and criticised.text == "the budget"
    assert q.speaker_span.text == "He" and "Kim" in q.speaker_text
    assert q.text == "the plan would cut hospital funding"


def test_scare_quotes_without_a_cue_are_not_quotes(extract):
    r = extract("The so-called “peace plan” was published on the ministry website last week.")
    assert quotes(r) == []


def test_bad_marks_never_fail_the_article(extract):
    text = "He said “we will go and then ” left ‘ again ’’ “ “ «.\n\n“Unclosed at the end"
    r = extract(text)
    assert not [e for e in r.errors if "quotes" in e]
    for q in r.quotes:
        assert all(r.text[p.start:p.end] == p.text for p in q.parts)


def test_participle_and_object_control_speakers(extract):
    r = extract(
        "The singer posted on Twitter accusing the label of blocking her new album. "
        "The video prompted some viewers to argue that the campaign went too far."
    )
    accuse, argue = quotes(r, "indirect")
    assert accuse.speaker_span.text == "The singer" and accuse.cue.text == "accusing"
    assert accuse.text == "blocking her new album"
    assert argue.speaker_span.text == "some viewers"
    assert argue.text == "the campaign went too far"


def test_exclamation_ends_the_sentence_before_the_cue(extract):
    r = extract("“We found her, we found her!” rescuers shouted into their radios.")
    (q,) = quotes(r, "direct")
    assert q.text == "We found her, we found her!" and q.speaker_span.text == "rescuers"


def test_labels_and_requests_are_not_quotes(extract):
    r = extract(
        "The ombudsman called on the “interim” government to withdraw the troops. "
        "Prisoners dubbed the jail the “Hanoi Hilton” during the war."
    )
    assert [q for q in r.quotes if q.kind in ("direct", "partial")] == []


def test_dateline_is_not_part_of_the_speaker(extract):
    r = extract("HANOI, Vietnam (AP) — Defense Secretary Mark Esper on Wednesday said the navy would stay.")
    (q,) = quotes(r, "indirect")
    assert q.speaker_span.text == "Defense Secretary Mark Esper"
    assert q.text == "the navy would stay"


def test_speaker_introduced_by_a_colon_sentence_or_paragraph(extract):
    r = extract("Mayor Ana Silva was defiant: “We will never close this library.”")
    (q,) = quotes(r, "direct")
    assert q.speaker_span.text == "Mayor Ana Silva" and q.cue is None
    r = extract(
        "The foreign minister added in a televised address:\n\n"
        "“We are ready to defend every village.”\n\n"
        "“We will not wait for permission.”"
    )
    (q,) = quotes(r, "direct")   # two paragraphs after one introduction: one attribution
    assert q.speaker_span.text == "The foreign minister" and q.cue.text == "added"
    assert q.medium.text == "in a televised address"
    assert [p.text for p in q.parts] == ["We are ready to defend every village", "We will not wait for permission"]


def test_name_between_closing_mark_and_cue(extract):
    r = extract(
        "“Our results reflected broad growth across the business, yet sales were below plan,\" "
        "chairman, CEO and president Ana Ruiz said in the release.\n\n"
        "\"We are on track with these investments,\" Ruiz continued."
    )
    first, second = quotes(r, "direct")
    assert "Ruiz" in first.speaker_span.text and first.cue.text == "said"
    assert second.speaker_span.text == "Ruiz" and second.cue.text == "continued"


def test_pronoun_prefers_a_newly_introduced_person_over_the_last_speaker(extract):
    r = extract(
        "“The deal is done,” said Governor Maria Lopez. "
        "Senator Paul Kim criticised the agreement on Monday. He said the deal would fail.\n\n"
        "“We start on Monday,” Lopez said. “We will finish by May,” she said."
    )
    he = next(q for q in quotes(r, "indirect") if q.text == "the deal would fail")
    assert "Kim" in he.speaker_text
    may = next(q for q in quotes(r, "direct") if q.text == "We will finish by May")
    assert may.speaker_span.text == "she" and "Lopez" in may.speaker_text
