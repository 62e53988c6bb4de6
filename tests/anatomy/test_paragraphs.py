"""``sitrep_paragraphs``: a blank line starts a sentence, so no stage reads a sentence that
runs from one paragraph into the next (invented two-paragraph texts)."""

from __future__ import annotations

import spacy

from sitrep.anatomy.paragraphs import mark_paragraphs
from sitrep.nlp import load_nlp


def test_a_blank_line_starts_a_sentence_and_a_single_line_break_does_not():
    nlp = spacy.blank("en")
    doc = mark_paragraphs(nlp("Officials said the storm had passed\n\nResidents returned home on\nMonday."))
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Officials", "Residents"]
    assert [t.i for t in doc if t.is_sent_start is False] == []  # nothing is forced to continue


def test_the_parser_keeps_the_paragraph_break():
    doc = load_nlp()("Officials said the storm had passed\n\nResidents returned home on Monday.")
    assert [s.text.strip() for s in doc.sents] == ["Officials said the storm had passed", "Residents returned home on Monday."]
    # Without the break the parser made 'returned' part of what officials said, and the
    # report reached across the paragraph: no attribution at all.
    assert [(q.text, q.speaker_text) for q in doc._.sitrep.quotes] == [("the storm had passed", "Officials")]


def test_a_report_before_a_quote_paragraph_keeps_its_own_clause():
    doc = load_nlp()("The mayor said a smaller bridge would have cost more than twice as much.\n\n"
                     "''It was a little more bridge than we needed,'' she wrote, ''but I find it hard to resist a good deal.''")
    assert [(q.text, q.speaker_text) for q in doc._.sitrep.quotes] == [
        ("a smaller bridge would have cost more than twice as much", "The mayor"),
        ("It was a little more bridge than we needed … but I find it hard to resist a good deal", "she")]
