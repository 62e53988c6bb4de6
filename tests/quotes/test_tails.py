"""Content boundaries: the writer's comment set off at the end of a report is not the
source's content (sitrep/quotes/reported.py drop_tail), on invented sentences."""

from __future__ import annotations


def test_indefinite_apposition_after_a_dash_is_the_writers(extract):
    qs = extract("Jones said he was encouraged by the plan — a modest boost for the mayor.").quotes
    assert [(q.kind, q.cue.text, q.speaker_span.text, [p.text for p in q.parts]) for q in qs] == [
        ("indirect", "said", "Jones", ["he was encouraged by the plan"])]


def test_definite_apposition_stays_in_the_content(extract):
    qs = extract("Jones said he met the new director, the former mayor of the town.").quotes
    assert [(q.kind, q.cue.text, q.speaker_span.text, [p.text for p in q.parts]) for q in qs] == [
        ("indirect", "said", "Jones", ["he met the new director, the former mayor of the town"])]
