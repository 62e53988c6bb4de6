"""Anatomy of whole-page plain-text dumps.

No library splits a *text* page into its parts (they all work on the HTML tree), yet
saved-as-text pages are how many archives arrive. Steps:

1. ``lines.score_lines`` + ``select_body``: the learned line model picks the article's
   paragraphs (the densest run of prose-like lines).
2. Credits lines ("With reporting by ...") and bylines are taken out of that run;
   wire datelines ("(Reuters) -") add credits but stay in the text (they are the story's
   first sentence).
3. Above the body: the headline (the line the page <title> repeats, else the last
   headline-like line), captions, byline and date stamps.
4. Everything else is boilerplate, listed so a reader can see what was dropped.

Language-independent by design: non-English pages are split too (the pipeline refuses
them later, for NLP, not here).
"""

from __future__ import annotations

import re
from typing import Optional

from . import Anatomy
from .credits import credit_line, dateline_agency, merge
from .dates import date_from_lines, full_date
from .lines import Line, find_headline, score_lines, select_body, split_lines
from .words import alternation

_WORD = re.compile(r"\w+", re.U)
# The words of these patterns are sets of sitrep/data/anatomy_words.tsv (named in each pattern).
_BYLINE = re.compile(rf"^(?:{alternation('byline_name')})\s+(?P<who>[A-ZÀ-ÝА-Я][^\n]{{1,80}})$", re.I)
_CAPTION_MARK = re.compile(rf"\b({alternation('caption_mark')})\b", re.I)
# A photo credit that makes a line a caption even inside the story run:
# "... in Slavonski Brod (Photo: Ivo Kralj/Reuters)", "(AP Photo/Evan Vucci)",
# "Photo: Reuters", "REUTERS/Gleb Garanich".
_PHOTO_CREDIT = re.compile(
    rf"\((?:[A-Za-z]{{2,6}}\s+)?(?:{alternation('photo_credit')})\b[^)]{{0,80}}\)\s*\.?$"
    rf"|^(?:{alternation('photo_label')})\s*:"
    rf"|[/|·—–-]\s*(?:{alternation('stock_agency')})\s*\)?\s*\.?$",
    re.I,
)
# Wire photo credit at the end of a caption, in capitals: "REUTERS/Gleb Garanich". Case-sensitive, so the
# table's lower-case agency names are matched as the wires print them.
_WIRE_PHOTO = re.compile(rf"\b(?:{alternation('wire_photo').upper()})/[A-Z][a-z]+(?: [A-Z][a-z]+)*\s*\.?$")
_CHROMEY = re.compile(rf"\b({alternation('chromey')})\b|{alternation('chromey_symbol')}", re.I)
# A clock time ("20:13"), a social handle, a share widget: stamps and chrome, not headlines.
_NOT_HEADLINE = re.compile(rf"\b\d{{1,2}}:\d\d\b|(^|\s)@\w|\b({alternation('share_widget')})\b", re.I)
_SENT_END = re.compile(r"[.!?…。！？][\"'”’)」』»]*$")
# Chinese, Japanese and Korean write a sentence without spaces: two characters count as a word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_HEADLINE_MAX_WORDS = 30


def _words(s: str) -> int:
    return max(len(_WORD.findall(s)), len(_CJK.findall(s)) // 2)


def _headline_like(s: str) -> bool:
    n = _words(s)
    if n < 3 or n > _HEADLINE_MAX_WORDS or _CHROMEY.search(s) or _BYLINE.match(s) or _NOT_HEADLINE.search(s):
        return False
    # A headline does not end in a full stop (question and exclamation marks happen).
    return not s.rstrip().endswith((".", "。"))


def _byline(s: str) -> Optional[str]:
    m = _BYLINE.match(s.strip())
    if m and _words(s) <= 14:
        return m.group("who").strip()
    return None


def _date_line(s: str) -> bool:
    return len(s) <= 120 and full_date(s) is not None and _words(s) <= 16


def _prose(s: str) -> bool:
    """A sentence of 5+ words ("Copied!" and "Read more." are widgets), or a long line."""
    n = _words(s)
    return (n >= 5 and bool(_SENT_END.search(s))) or n > _HEADLINE_MAX_WORDS


def _trim(lines: list[Line], chosen: list[int]) -> list[int]:
    """A story starts with a sentence: headline, caption and kicker lines that the line
    model let into the head of the run are peeled off (they are found again below as
    title and captions). Credits lines are kept for the credits pass."""
    if not any(_prose(lines[i].text) for i in chosen):
        return chosen
    k = 0
    while k < len(chosen) - 1 and not _prose(lines[chosen[k]].text):
        k += 1
    # Likewise at the tail: "Print this article", a section label. Credits lines stay
    # (the credits pass takes them out and records the names).
    e = len(chosen)
    while e - 1 > k and not _prose(lines[chosen[e - 1]].text) and not credit_line(lines[chosen[e - 1]].text):
        e -= 1
    return chosen[k:e]


_DIGITS = re.compile(r"\d")
_MIN_TABLE_ROWS = 3


def _table_row(s: str) -> bool:
    """A row of a results table, price list or score sheet: short, with letters and numbers."""
    return len(s) <= 120 and bool(_DIGITS.search(s)) and any(c.isalpha() for c in s) and not _CHROMEY.search(s) \
        and not _NOT_HEADLINE.search(s)


def _with_table(lines: list[Line], chosen: list[int]) -> list[int]:
    """A story that is a table (sports results, commodity prices, election returns): the
    line model sees short lines and keeps only the prose line that introduces them. A run
    of 3+ table rows right after the chosen stretch is part of the story."""
    if not chosen:
        return chosen
    j = chosen[-1] + 1
    run = []
    while j < len(lines) and _table_row(lines[j].text):
        run.append(j)
        j += 1
    return chosen + run if len(run) >= _MIN_TABLE_ROWS else chosen


def from_text(page: str, url: Optional[str] = None, weights: Optional[dict] = None) -> Anatomy:
    """Split a whole-page text dump into title, captions, byline, date, credits,
    boilerplate and the clean body (paragraphs joined by blank lines).

    ``weights``: a line model other than the shipped one (cross-validation uses this)."""
    lines = split_lines(page)
    if not lines:
        return Anatomy(body="")
    probs = score_lines(lines, weights)
    chosen = _with_table(lines, _trim(lines, select_body(lines, probs, weights)))
    body_set = set(chosen)

    credits: list[str] = []
    captions: list[str] = []
    byline: Optional[str] = None
    special: set[int] = set()  # lines that are not body and not boilerplate

    # Credits and bylines inside or just after the body run leave the body.
    last = chosen[-1] if chosen else -1
    for i in list(chosen) + [j for j in range(last + 1, min(len(lines), last + 4))]:
        names = credit_line(lines[i].text)
        if names:
            credits = merge(credits, names)
            body_set.discard(i)
            special.add(i)
    for i in chosen:
        t = lines[i].text
        if (_PHOTO_CREDIT.search(t) or _WIRE_PHOTO.search(t)) and _words(t) <= 60:
            captions.append(t)
            body_set.discard(i)
            special.add(i)
    for i in chosen[:3]:
        who = _byline(lines[i].text)
        if who and i in body_set:
            byline = byline or who
            body_set.discard(i)
            special.add(i)

    body_idx = sorted(body_set)
    first = body_idx[0] if body_idx else len(lines)

    # Headline: the line the <title> repeats, if the dump starts with the <title>.
    head_i = find_headline(lines)
    if head_i is not None and head_i >= first:
        head_i = None
    if head_i is None:
        for i in range(first - 1, max(-1, first - 8), -1):
            if i in special:
                continue
            s = lines[i].text
            if _byline(s) or _date_line(s) or _CAPTION_MARK.search(s) and _words(s) > 3 and not _headline_like(s):
                continue
            if _headline_like(s):
                head_i = i
                break
    title = lines[head_i].text if head_i is not None else None
    if head_i is not None:
        special.add(head_i)
        if head_i != 0 and find_headline(lines) == head_i:
            special.add(0)  # the <title> copy at the top of the dump

    # Between the headline and the body: bylines, date stamps, captions. A short
    # descriptive line right above the headline is a lead-image caption (page dumps put
    # the image before the headline).
    zone_start = head_i + 1 if head_i is not None else max(0, first - 4)
    head_zone = [i for i in range(zone_start, first) if i not in special]
    for i in head_zone:
        s = lines[i].text
        who = _byline(s)
        if who:
            byline = byline or who
            special.add(i)
        elif _CAPTION_MARK.search(s) and not _date_line(s) and _words(s) >= 3:
            captions.append(s)
            special.add(i)
    if head_i is not None and head_i > 0:
        j = head_i - 1
        s = lines[j].text
        # Descriptive, not a menu item or breadcrumb: 3+ words with a lower-case word
        # ("U.S. and Ukrainian soldiers"), which Title Case navigation lacks.
        if (j not in special and 3 <= _words(s) <= 40 and not _CHROMEY.search(s) and not _date_line(s)
                and (j == 0 or lines[j].blank_before) and any(w[0].islower() for w in _WORD.findall(s))):
            captions.insert(0, s)
            special.add(j)
    # Captions the line model left out inside the body run.
    if body_idx:
        for i in range(body_idx[0], body_idx[-1] + 1):
            if i not in body_set and i not in special and _CAPTION_MARK.search(lines[i].text) \
                    and 3 <= _words(lines[i].text) <= 60:
                captions.append(lines[i].text)
                special.add(i)

    paragraphs = [lines[i].text for i in body_idx]
    if paragraphs:
        agency = dateline_agency(paragraphs[0])
        if agency:
            credits = merge(credits, [agency])

    head_texts = [lines[i].text for i in range(max(0, (first if head_i is None else head_i) - 3), first) if i not in body_set]
    tail_texts = [lines[i].text for i in range(body_idx[-1] + 1, min(len(lines), body_idx[-1] + 6))] if body_idx else []
    published = date_from_lines(head_texts, paragraphs[:1], tail_texts, url=url,
                                all_lines=[l.text for l in lines if len(l.text) <= 160])

    boilerplate = [l.text for l in lines if l.index not in body_set and l.index not in special]
    return Anatomy.from_parts(paragraphs, title=title, captions=captions, byline=byline, published=published,
                              credits=credits, boilerplate=boilerplate)
