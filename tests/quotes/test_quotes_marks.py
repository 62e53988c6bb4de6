"""Quotation-mark pairing on raw text: the hard cases real pages bring."""

from __future__ import annotations

from sitrep.quotes import find_marked


def quoted(text):
    return [text[m.start:m.end] for m in find_marked(text)]


def test_curly_pairs_and_apostrophes_inside():
    text = "Don’t say Russia’s allies’ troops in the ’90s were “ready,” he said."
    assert quoted(text) == ["ready,"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“He told me ‘never again’ and I believed him,” Smith said."
    assert quoted(text) == ["He told me ‘never again’ and I believed him,"]


def test_guillemets_and_german_low_high_marks():
    text = "Il a dit «nous partirons» hier. Er sagte „wir gehen“ heute."
    assert quoted(text) == ["nous partirons", "wir gehen"]


def test_straight_double_and_single_quotes():
    assert quoted('He said "we will go" and "stay."') == ["we will go", "stay."]
    assert quoted("She said 'no way' to him, and rock 'n' roll is fine.")[0] == "no way"


def test_odd_number_of_marks_runs_to_paragraph_end_without_failing():
    text = "He said “we will go” and left. Then “the end of it\n\nNext paragraph, no marks."
    marks = find_marked(text)
    assert [text[m.start:m.end] for m in marks] == ["we will go", "the end of it"]
    assert marks[0].closed and not marks[1].closed and not marks[1].continues


def test_stray_marks_are_dropped():
    assert quoted("A stray ” mark and an odd “ here and “a real one,” he said.") == ["a real one,"]
    assert quoted("An odd “here and “a real one,” he said.") == ["a real one,"]


def test_multi_paragraph_quote_with_repeated_opening_mark():
    text = "“First paragraph of the quote.\n\n“Second paragraph.\n\n“Third and last,” she said."
    marks = find_marked(text)
    assert [text[m.start:m.end] for m in marks] == [
        "First paragraph of the quote.", "Second paragraph.", "Third and last,"]
    assert [m.continues for m in marks] == [True, True, False]


def test_sloppy_typing_same_mark_both_sides():
    assert quoted("“We will go,“ he said. “Never.”") == ["We will go,", "Never."]


def test_no_marks_no_quotes():
    assert find_marked("Plain text with it’s apostrophes only.") == []
    assert find_marked("") == []


def test_two_apostrophes_are_one_double_mark():
    # the typewriter convention of some newspaper archives: '' ... '' for “ ... ”
    text = "''We will not move the factory,'' she said, calling it ''our home.''"
    assert quoted(text) == ["We will not move the factory,", "our home."]
    [m, _] = find_marked(text)
    assert (text[m.open_at:m.start], text[m.end:m.close_at + 1]) == ("''", "''")
