"""Paragraph breaks are sentence breaks: the ``sitrep_paragraphs`` component.

spaCy's small English parser reads a blank line as whitespace and now and then runs a
sentence across it: a headline into the lead, a quote paragraph into the next one ('“...,”
he wrote. ¶ “But I find ...'), a caption into the story. A sentence that crosses a
paragraph is wrong by construction, and every later stage reads sentences (the reported
clause of a cue, an event's arguments, a date's anchor). On PolNeAR train (every 4th
article) 559 of 7,291 parsed sentences crossed a line break. The component runs before the
parser and marks the first token after a blank line as a sentence start, which the parser
keeps; it changes no token and no text. A single line break is left alone: hard-wrapped
text breaks lines inside sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "sitrep_paragraphs"


def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after each blank line (in place)."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@Language.factory(NAME, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str):  # noqa: ANN201 - spaCy factory signature
    return mark_paragraphs
