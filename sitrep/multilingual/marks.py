"""Quotation-mark quotes in any language: the marks that are the same everywhere.

A quotation opened with one of ``OPENERS`` is closed by the mark that belongs to it
(« … » in French and Russian, „ … “ in German, Ukrainian and Czech, 「 … 」 and 『 … 』 in
Chinese and Japanese, “ … ” and straight " … " everywhere), nested pairs stay inside the
outer quote, and a paragraph break ends every open quote (an unclosed one is dropped: no
speaker is looked for, so a wrong span would be the only thing the record says).

Pure text; offsets index the string given. Used for records whose language the English
model does not read; English text goes through ``sitrep.quotes`` (speakers, cues).
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark -> the closing marks that end it
OPENERS = {
    "«": "»",
    "„": "“”",
    "“": "”",
    "「": "」",
    "『": "』",
    "‹": "›",
    "《": "》",  # titles of works in Chinese; quoted all the same
    '"': '"',
}
MIN_CHARS = 1


@dataclass(frozen=True)
class MarkedQuote:
    open_at: int
    start: int  # first character inside the marks
    end: int  # one past the last character inside
    close_at: int


def find_quotes(text: str) -> list[MarkedQuote]:
    """Top-level quoted stretches with both marks in one paragraph, in order."""
    out: list[MarkedQuote] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    for i, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
            continue
        if stack and ch in OPENERS[stack[-1][0]]:
            opener, at = stack.pop()
            if not stack and i - at - 1 >= MIN_CHARS and text[at + 1 : i].strip():
                out.append(MarkedQuote(at, at + 1, i, i))
            continue
        if ch in OPENERS:
            stack.append((ch, i))
    return out
