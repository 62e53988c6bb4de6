"""Issue 13, item 9: an opening quotation mark nobody closes must not swallow the rest of
the story into one quote (nor hide the other speakers' words inside it). Invented text."""

from __future__ import annotations

import pytest

from sitrep.reader import InputDoc

ONE_PARAGRAPH = ('The council met on Tuesday. "We will rebuild the bridge by spring, Mayor Lena Ortiz said at the '
                 'meeting. The opposition leader, Tomas Brant, said the plan was too expensive. Brant said the '
                 'city should wait for federal money.')


@pytest.fixture(scope="module")
def quotes(pipeline):
    def run(text: str) -> list:
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2025-03-04")
        for q in rec.quotes:
            assert all(rec.text[p.start:p.end] == p.text for p in q.parts)
        return [(q.kind, q.text, q.speaker_text) for q in rec.quotes]

    return run


def test_an_unclosed_quote_ends_at_the_comma_before_its_attribution(quotes):
    assert quotes(ONE_PARAGRAPH) == [
        ("direct", "We will rebuild the bridge by spring", "Lena Ortiz"),
        ("indirect", "the plan was too expensive", "The opposition leader"),
        ("indirect", "the city should wait for federal money", "Tomas Brant"),
    ]


def test_an_unclosed_quote_without_attribution_stays_in_its_sentence(quotes):
    got = quotes('Ana Ruiz spoke first. "The port will stay open all winter. The ministry said on Monday that '
                 'ships would be inspected at sea.')
    assert ("indirect", "ships would be inspected at sea", "The ministry") in got
    assert all("ministry" not in text for _, text, _ in got if text.startswith("The port"))


def test_the_same_story_with_the_mark_closed_is_unchanged(quotes):
    closed = ONE_PARAGRAPH.replace("spring, Mayor", 'spring," Mayor')
    assert quotes(closed) == quotes(ONE_PARAGRAPH)


def test_a_quote_continued_into_the_next_paragraph_still_runs_to_its_end(quotes):
    text = ('"The first part of the statement covers the harbour and the roads.\n\n'
            '"The second part covers the schools," Governor Ilse Novak said.')
    assert quotes(text) == [("direct", "The first part of the statement covers the harbour and the roads … The "
                                       "second part covers the schools", "Ilse Novak")]
