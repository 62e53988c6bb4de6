"""Pairing quotation marks in raw text, robustly.

Pure text, no spaCy: ``find_marked(text)`` returns the top-level quoted stretches.
Real pages break every simple rule, so the pairing is deliberately forgiving:

- every mark kind: “ ” " ‘ ’ ' « » ‹ › „ (German „…“ too), and two apostrophes '' standing
  for a double mark (the typewriter convention some newspapers' archives keep: ''No,'' he said);
- apostrophes are not quotes: don’t, Russia’s, allies’ (plural possessive), ’90s;
- nested quotes (‘…’ inside “…”) stay inside the outer quote's text;
- a quote that runs over several paragraphs (opening mark repeated at the start of each
  paragraph, closing mark only on the last) comes back as one span per paragraph, all
  flagged ``continues`` except the last, so attribution can share one speaker;
- an odd number of marks never fails the article: a stray closing mark is dropped, an
  unclosed opening mark quotes to the end of its paragraph (or is dropped when it would
  swallow other quotes, which means it was the stray one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

DOUBLE = "double"
SINGLE = "single"

# mark -> (level, role) where role is "open", "close" or "either" (decided by context)
_MARKS = {
    "“": (DOUBLE, "open"),   # also closes German „…“ (handled in _classify)
    "”": (DOUBLE, "close"),
    "„": (DOUBLE, "open"),
    "‟": (DOUBLE, "open"),
    '"': (DOUBLE, "either"),
    "«": (DOUBLE, "open"),
    "»": (DOUBLE, "close"),
    "‘": (SINGLE, "open"),
    "’": (SINGLE, "close"),
    "'": (SINGLE, "either"),
    "‹": (SINGLE, "open"),
    "›": (SINGLE, "close"),
}
# Two straight apostrophes are one double mark ('' ... ''), matched before a single one.
_TWO = "''"
_MARK_RE = re.compile("''|[" + re.escape("".join(_MARKS)) + "]")
_OPENERS_BEFORE = set(" \t\n([{—–-/" + "“„‘«‹\"'")
_PARA_RE = re.compile(r"\n")


@dataclass(frozen=True)
class Marked:
    """One quoted stretch: ``start:end`` is the content inside the marks."""

    open_at: int             # offset of the opening mark
    start: int               # first character of the content
    end: int                 # one past the last character of the content
    close_at: Optional[int]  # offset of the closing mark (its last character), None when the paragraph ended first
    continues: bool = False  # the quote goes on in the next paragraph (repeated opening mark)

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _level_role(mark: str) -> tuple[str, str]:
    return (DOUBLE, "either") if mark == _TWO else _MARKS[mark]


def _classify(text: str, i: int, mark: str = "") -> Optional[str]:
    """'open', 'close', 'either' or None (an apostrophe, not a quote) for the mark at i."""
    mark = mark or text[i]
    ch = mark[0] if mark != _TWO else '"'
    level, role = _level_role(mark)
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if level == SINGLE and ch in "’'":
        if _is_word(before) and _is_word(after):
            return None                      # don’t, Russia’s, O'Brien
        if after.isdigit() and (before in _OPENERS_BEFORE or before.isspace()):
            return None                      # ’90s
        if before in "sS" and after.isspace():
            return "maybe_close"             # allies’ : possessive unless a quote is open
    if ch in "“„‟" and before.isspace() and after.isspace():
        return None                          # a mark standing alone between spaces: stray
    at_start = before in _OPENERS_BEFORE or before.isspace()
    at_end = not after.isalnum()
    if role == "either":
        if at_start and not after.isspace():
            return "open"
        if not before.isspace() and at_end:
            return "close"
        return "either"
    if ch == "“" and not before.isspace() and before not in _OPENERS_BEFORE and at_end:
        return "close_or_open"               # German „…“ closing, or a sloppy “…“
    if ch == "”" and at_start and _is_word(after):
        return "open_or_close"               # sloppy ”…” typing
    return role


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARA_RE.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _starts_with_open_mark(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (stripped[0] in "“„«\"‘" or stripped.startswith(_TWO))


def _pair_paragraph(text: str, start: int, end: int) -> tuple[list[Marked], list[int]]:
    """Closed top-level quotes of one paragraph, plus offsets of unclosed top-level openers."""
    stack: list[tuple[str, int, str]] = []   # (level, offset, char)
    found: list[Marked] = []
    for m in _MARK_RE.finditer(text, start, end):
        i, ch = m.start(), m.group()
        role = _classify(text, i, ch)
        if role is None:
            continue
        level = _level_role(ch)[0]
        last = i + len(ch) - 1               # the mark's last character
        open_levels = [lv for lv, _, _ in stack]
        if role == "maybe_close":
            role = "close" if SINGLE in open_levels else None
            if role is None:
                continue
        if role in ("either", "close_or_open", "open_or_close"):
            role = "close" if level in open_levels else "open"
        if role == "close":
            if level not in open_levels:
                continue                     # stray closing mark: drop it
            # Close the innermost opener of this level; unclosed inner quotes are dropped.
            while stack:
                lv, at, _ = stack.pop()
                if lv == level:
                    if not stack:            # top level: a quote of its own
                        found.append(Marked(at, at + len(_mark_at(text, at)), i, last))
                    break
        else:
            if level == SINGLE and stack and stack[-1][0] == SINGLE:
                continue                     # ‘ inside ‘…’: an apostrophe-like stray
            if level == DOUBLE and DOUBLE in open_levels:
                # English never nests “ inside “: the earlier opener was never closed.
                del stack[open_levels.index(DOUBLE):]
            stack.append((level, i, ch))
    # Only an outermost double mark may run on to the paragraph end: an unclosed single
    # mark is far more often an apostrophe ('til, rock 'n' roll) than a quote.
    unclosed = [at for lv, at, _ in stack[:1] if lv == DOUBLE]
    return found, unclosed


def _mark_at(text: str, at: int) -> str:
    return _TWO if text.startswith(_TWO, at) else text[at]


def find_marked(text: str) -> list[Marked]:
    """Top-level quoted stretches of ``text`` in order (see module doc for the rules)."""
    out: list[Marked] = []
    paras = _paragraphs(text)
    for n, (ps, pe) in enumerate(paras):
        found, unclosed = _pair_paragraph(text, ps, pe)
        for at in unclosed:
            # An unclosed opener that would swallow closed quotes was the stray mark.
            if any(q.open_at > at for q in found):
                continue
            content_end = pe
            while content_end > at + len(_mark_at(text, at)) and text[content_end - 1].isspace():
                content_end -= 1
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            continues = nxt is not None and _starts_with_open_mark(text, *nxt)
            found.append(Marked(at, at + len(_mark_at(text, at)), content_end, None, continues))
        found.sort(key=lambda q: q.start)
        out.extend(q for q in found if text[q.start:q.end].strip())
    return out
