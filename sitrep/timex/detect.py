"""Finding time expressions in a parsed Doc and giving each its TIMEX3 value.

Candidates come from two places: spaCy's DATE/TIME entities, and a few patterns the small
model misses (weekday names, "yesterday", clock times, "Feb. 3", "in recent days").
Overlaps keep the longer span. Each candidate is normalised (``normalise.py``) against
``doc._.published`` with the tense of the clause it sits in, and dropped when it is not a
time expression after all ("65-year-old", "Christmas" without a year).

Span convention (documented in docs/timex.md): the extent is the time expression
itself, determiners and modifiers included ("the past two weeks", "late last year"),
prepositions excluded ("on February 2" -> "February 2"; "late on February 2" ->
"February 2", value 2022-02-02).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from ..extensions import doc_text
from ..record import TimeExpr
from .anchor import anchored, calendar_anchor, is_anaphoric
from .normalise import Direction, normalise

_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)")
PATTERNS = [
    # Weekdays, optionally "last/next/this" and a part of the day.
    re.compile(rf"\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?{_WD}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    # Deictic days.
    re.compile(r"\b(?:[Tt]he day (?:before yesterday|after tomorrow)|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)"
               r"(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(r"\b[Ll]ast night\b"),
    # Month + day (+ year), day + month (+ year), month + year.
    re.compile(rf"\b{_MON}\s+[0-3]?\d(?:st|nd|rd|th)?(?:,?\s+(?:1[89]|20)\d\d)?\b"),
    re.compile(rf"\b[0-3]?\d\s+{_MON}(?:,?\s+(?:1[89]|20)\d\d)?\b"),
    re.compile(rf"\b{_MON}\s+(?:1[89]|20)\d\d\b"),
    # Clock times.
    re.compile(r"\b[01]?\d(?::[0-5]\d)?\s*[ap]\.m\.(?=\W|$)|\b[01]?\d(?::[0-5]\d)?\s*[ap]m\b"),
    re.compile(r"\b[0-2]?\d:[0-5]\d(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|ET))?\b"),
    # Vague recent stretches.
    re.compile(r"\brecent (?:days|weeks|months|years)\b"),
    # Calendar units relative to the reference: "last month", "earlier this year", "last February".
    re.compile(rf"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Ll]ast|[Nn]ext|[Tt]his)\s+(?:week|weekend|month|year|{_MON})\b"),
    # Counted durations: "five years", "more than a year and a half", "several more weeks".
    re.compile(r"\b(?:(?:[Mm]ore than|[Ll]ess than|[Nn]early|[Aa]lmost|[Aa]bout|[Aa]round|[Oo]ver|[Uu]p to|[Aa]t least)\s+)?"
               r"(?<![\w/.-])(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
               r"\d+(?:\.\d+)?|several|a few|many|multiple)(?:\s+more)?\s+"
               r"(?:hours?|days?|weeks?|months?|years?|decades?)(?:\s+and\s+a\s+half)?(?:\s+ago)?\b"
               r"(?![-\s]+old\b)(?!\s+(?:later|earlier|before|after|older|younger)\b)"),
    # Years after a preposition or determiner ("in 1967", "the 1967 war"); the year alone is the span.
    re.compile(r"\b(?:[Ii]n|[Ss]ince|of|by|[Ff]rom|until|before|after|the|and|early|late|mid-?)\s+((?:19|20)\d\d)\b(?![,.]\d)"),
    # Seasons (not the verb "fall": only with this/last/next).
    re.compile(r"\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext)\s+(?:spring|summer|autumn|fall|winter)|(?:summer|winter|spring)time|summer|winter|autumn)\b"),
]
_UNIT_WORDS = {"days", "weeks", "months", "years", "decades", "hours", "minutes"}
_FUTURE_HEADS = {"due", "schedule", "set", "expect", "plan", "intend", "aim", "hope", "going", "likely", "poise", "slate", "prepare"}

_LEAD = re.compile(r"^(?:on|in|at|by|since|from|until|till|during|for|of|over|before|after|through|throughout)\s+", re.I)
_TRAIL = re.compile(r"(?:'s|\u2019s|[\s,.;:)\"\u201d])+$")
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming|later|following|tomorrow)\b", re.I)
# Bare numbers NER sometimes calls DATE (years excepted).
_NOT_TIME = re.compile(r"^(?!1[5-9]\d\d$|20\d\d$)\d+$|^\d{1,3}(?:,\d{3})+$")
_KEEP_DOT = re.compile(r"(?:\b[ap]\.m|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec))\.$")


def _ref(doc: Doc) -> Optional[date]:
    pub = doc._.published
    if not pub:
        return None
    try:
        return date.fromisoformat(pub[:10])
    except ValueError:
        return None


def direction(span: Span) -> Direction:
    """Past, future or unknown, from the clause governing the span ("will send ... this week")."""
    if _FUTURE_WORDS.search(span.text):
        return "future"
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lowers = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if lowers & _FUTURE_AUX or tok.lower_ in _FUTURE_AUX:
        return "future"
    # "should ease by Thursday morning": a modal with a bare verb looks ahead ("should have" does not).
    if lowers & {"should", "may", "might", "must"} and not lowers & {"have", "'ve"}:
        return "future"
    # "is due to start in mid-December", "is scheduled to take place in February".
    head = tok.head
    # "was due to be released in September" looks back from the past: not future.
    near = [head, *head.children] + ([head.head] if head.dep_ in ("acomp", "attr", "xcomp") else [])
    past_head = any(x.tag_ == "VBD" or x.lower_ in ("was", "were", "had") for x in near)
    if ("to" in lowers and tok.dep_ in ("xcomp", "ccomp", "advcl") and head.lemma_.lower() in _FUTURE_HEADS
            and not past_head and span.root.head.i in (tok.i, *[c.i for c in tok.children if c.dep_ == "prep"])):
        return "future"
    if "going" in lowers or (tok.lower_ == "going" and any(c.dep_ == "xcomp" for c in tok.children)):
        return "future"
    if tok.tag_ in ("VBD",) or lowers & {"had", "was", "were", "did", "has", "have"}:
        return "past"
    if tok.tag_ == "VBN":
        return "past"
    return None


def _candidates(doc: Doc, text: str) -> Iterable[tuple[int, int]]:
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            yield ent.start_char, ent.end_char
    for pat in PATTERNS:
        for m in pat.finditer(text):
            yield m.span(1) if m.re.groups else m.span()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    s = text[start:end]
    m = _LEAD.match(s)
    if m and not re.match(r"(?i)^(?:the\s+)?(?:past|last|next)\b", s):
        start += m.end()
    s = text[start:end]
    if text[end:end + 5] == "-long":
        end += 5  # "decades-long" is one duration
    s = text[start:end]
    m = _TRAIL.search(s)
    if m:
        end -= len(m.group(0))
        if text[end:end + 1] == "." and _KEEP_DOT.search(text[start:end + 1]):
            end += 1  # the dot of "a.m." / "Feb." belongs to the expression
    return start, end


def _select(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest spans first; drop anything overlapping an already kept span."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(kept)


_SPLIT = re.compile(r"\s*(?:\band\b|\bto\b|\bthrough\b|-|\u2013|,)\s*")


def find_times(doc: Doc) -> list[TimeExpr]:
    ref = _ref(doc)
    text = doc_text(doc)  # Doc.text is rebuilt from the tokens on every access: read it once, shared
    spans = []
    for s, e in _candidates(doc, text):
        s, e = _trim(text, s, e)
        if e > s:
            spans.append((s, e))
    # Resolve every candidate first, then keep the longest valid ones: an invalid long
    # candidate ("one last month") must not hide a valid short one ("last month").
    resolved = {}
    for s, e in set(spans):
        for ps, pe, res in _resolve(doc, text, s, e, ref):
            resolved.setdefault((ps, pe), res)
    out: list[TimeExpr] = []
    anchor: Optional[str] = None  # the last calendar date the story mentioned
    for ps, pe in _select(list(resolved)):
        kind, value = resolved[(ps, pe)]
        if is_anaphoric(text[ps:pe]) and not _SPAN_AHEAD.search(text[max(0, ps - 12):ps]):
            value = anchored(text[ps:pe], anchor) or value
            if value is None:
                continue  # "two days later" with nothing to count from
            anchor = calendar_anchor(value) or anchor
        elif kind in ("DATE", "TIME"):
            anchor = calendar_anchor(value) or anchor
        out.append(TimeExpr(start=ps, end=pe, text=text[ps:pe], value=value, type=kind))
    return _date_clock_times(doc, out)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _gap(text: str, a: TimeExpr, b: TimeExpr) -> int:
    """Distance between two expressions; "10 a.m. on Monday" / "Monday, 10 a.m." bind tightest."""
    between = text[a.end:b.start] if a.end <= b.start else text[b.end:a.start]
    return len(between) - (100 if between.strip().lower() in ("on", "of", ",", "at", "") else 0)


def _date_clock_times(doc: Doc, times: list[TimeExpr]) -> list[TimeExpr]:
    """A bare clock time takes the day named in its sentence ("at 10 a.m. on Monday"),
    not the publication day. The nearest full-day DATE in the same sentence wins."""
    for i, t in enumerate(times):
        bare = normalise(t.text, None)
        if t.type != "TIME" or not bare or not (bare[1] or "").startswith("XXXX-XX-XXT"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        days = [d for d in times if d.type == "DATE" and d.value and _DAY.match(d.value)
                and sent.start_char <= d.start < sent.end_char]
        if days:
            # Doc.text joins every token on each access: read it once, not per candidate.
            text = doc_text(doc)
            day = min(days, key=lambda d: _gap(text, t, d))
            times[i] = t.model_copy(update={"value": day.value + bare[1][len("XXXX-XX-XX"):]})
    return times


# "over the next year" is a stretch from now, not "the year after the last date mentioned".
_SPAN_AHEAD = re.compile(r"(?i)\b(?:over|within|during|for|in|throughout)\s*$")


def _resolve(doc: Doc, full: str, s: int, e: int, ref: Optional[date]):
    text = full[s:e]
    if _NOT_TIME.match(text.strip()):
        return []
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].is_title and not span[0].is_sent_start and span[0].lower_ in _UNIT_WORDS:
        return []  # a surname ("Timothy Weeks"), not a duration
    dirn = direction(span) if span is not None and len(span) else None
    res = normalise(text, ref, dirn)
    if res is None and is_anaphoric(text):
        res = ("DATE", None)  # "a year later": valued from the story's timeline in find_times
    if res is not None and res[1] is None and ref is not None and not is_anaphoric(text):
        return []  # unresolvable even with a reference date ("the day"): noise for users
    if res is not None and (res[1] is not None or _looks_temporal(text)):
        return [(s, e, res)]
    # A range or list spaCy read as one entity ("2014-2016", "February 2 and 3"): its parts.
    parts = []
    pos = 0
    for m in list(_SPLIT.finditer(text)) + [None]:
        pe = m.start() if m else len(text)
        piece = text[pos:pe]
        if piece.strip():
            r = normalise(piece, ref, dirn)
            if r is not None and r[1] is not None and not r[1].startswith("P"):
                parts.append((s + pos, s + pe, r))
        if m:
            pos = m.end()
    return parts if len(parts) >= 2 else []


def _looks_temporal(text: str) -> bool:
    # Relative expressions without a reference date still are time expressions.
    return bool(re.search(r"(?i)\b(?:day|week|month|year|today|tomorrow|yesterday|tonight|night|morning|ago)s?\b", text))
