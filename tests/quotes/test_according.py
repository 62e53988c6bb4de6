"""Second-hand attributions ('X said Y, according to Z'): the 'according to' source is the
attribution's source (sitrep/quotes/according.py), on invented sentences."""

from __future__ import annotations


def test_quote_said_according_to_a_medium_is_the_mediums(extract):
    qs = extract("“We will not give up,” the mayor said, according to the local radio station.").quotes
    assert [(q.kind, q.cue_class, q.cue.text, q.speaker_span.text, [p.text for p in q.parts]) for q in qs] == [
        ("direct", "according_to", "according to", "the local radio station", ["We will not give up"])]


def test_reported_clause_said_according_to_is_one_record(extract):
    qs = extract("The minister said the bridge would reopen in May, according to the state broadcaster.").quotes
    assert [(q.kind, q.cue.text, q.speaker_span.text, [p.text for p in q.parts]) for q in qs] == [
        ("indirect", "according to", "the state broadcaster", ["the bridge would reopen in May"])]


def test_plain_according_to_is_unchanged(extract):
    qs = extract("The river flooded three villages, according to the regional governor.").quotes
    assert [(q.cue.text, q.speaker_span.text, [p.text for p in q.parts]) for q in qs] == [
        ("according to", "the regional governor", ["The river flooded three villages"])]
