"""Finding time expressions in a parsed Doc and giving each its TIMEX3 value.

Candidates come from two places: spaCy's DATE/TIME entities, and a few patterns the small
model misses (weekday names, "yesterday", clock times, "Feb. 3", "in recent days").
Overlaps keep the longer span. Each candidate is normalised (``normalise.py``) against
``doc._.sitrep.published`` with the tense of the clause it sits in, and dropped when it is not a
time expression after all ("65-year-old", "Christmas" without a year).

Span convention (documented in docs/timex.md): the extent is the time expression
itself, determiners and modifiers included ("the past two weeks", "late last year"),
prepositions excluded ("on February 2" -> "February 2"; "late on February 2" ->
"February 2", value 2022-02-02).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from ..contract import doc_text
from ..lookups import Intervals
from ..record import TimeExpr
from .anchor import anchored, calendar_anchor, is_anaphoric, story_year
from .mods import LEADING, mod_of
from .normalise import Direction, names_no_real_day, normalise
from .present import generic_today
from .words import timex_values, timex_words

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
    re.compile(r"\b[0-2]?\d:[0-5]\d(?![:.]\d)(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|ET))?\b"),
    # Elapsed (race) times: 3:07:35, 2:05.3 are durations, not clock times.
    re.compile(r"\b\d{1,2}:[0-5]\d:[0-5]\d(?:\.\d+)?\b|\b\d{1,2}:[0-5]\d\.\d+\b"),
    # TimeML reference adverbs: PRESENT_REF / PAST_REF / FUTURE_REF.
    re.compile(r"\b(?:[Rr]ight now|[Nn]ow(?![-\u2019'])|[Cc]urrently|[Aa]t present|[Nn]owadays|[Tt]hese days|[Rr]ecently|[Ll]ately)\b"),
    re.compile(r"\b(?:[Ii]n|[Ii]nto|[Ff]or|[Ff]rom)\s+(the (?:near |distant )?(?:past|future))\b(?!\s+(?:\d|few|several|couple|two|three|four|five|six|seven|eight|nine|ten|hours?|days?|weeks?|months?|years?|decades?|centur))"),
    # Sets: "every morning", "each year", "every other week", "twice a week", "daily", "annual".
    re.compile(r"\b(?:[Ee]very|[Ee]ach|[Pp]er)\s+(?:other\s+)?(?:(?:two|three|four|five|six|seven|eight|ten|twelve|\d+)\s+)?"
               r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|mornings?|afternoons?|"
               r"evenings?|seasons?|spring|summer|autumn|fall|winter|Mondays?|Tuesdays?|Wednesdays?|Thursdays?|Fridays?|"
               r"Saturdays?|Sundays?)\b"),
    re.compile(r"\b(?:once|twice|thrice|(?:two|three|four|five|six|\d+) times)\s+(?:a|an|per|every|each)\s+(?:day|week|month|year|hour|minute)\b"),
    re.compile(r"\b(?:daily|weekly|monthly|yearly|annually|annual|hourly|nightly|quarterly|biweekly|fortnightly|biennial|biennially)\b"),
    # Bare plural durations: "for years", "after decades of", "centuries of".
    re.compile(r"\b(?:[Ff]or|[Aa]fter|[Oo]ver|[Ww]ithin|[Ii]n|[Tt]hroughout)\s+((?:years|decades|months|weeks|centuries|days|hours|minutes))\b"
               r"(?![-\s]+(?:ago|later|earlier|old|before|after|long)\b)"),
    re.compile(r"\b((?:[Yy]ears|[Dd]ecades|[Cc]enturies|[Mm]onths|[Ww]eeks))\s+of\b"),
    # Story-anchored: "two days later", "nearly two decades later", "the day after".
    re.compile(r"\b(?:(?:[Nn]early|[Aa]lmost|[Aa]bout|[Ss]ome|[Rr]oughly)\s+)?(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
               r"(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier)\b"),
    re.compile(r"\b[Tt]he (?:day|week|month|year) (?:after|before)\b(?!\s+(?:tomorrow|yesterday))"),
    # Parts of the story's day: "that night", "later that day", "the same morning", "through the night".
    re.compile(r"\b(?:(?:[Ll]ater|[Ee]arlier|[Ee]arly|[Ll]ate)\s+)?(?:[Tt]hat|[Tt]he same)\s+(?:morning|afternoon|evening|night|day)\b"),
    re.compile(r"\b(?:through|during|into|throughout)\s+(the (?:night|morning|afternoon|evening))\b(?!\s+(?:of|before|after)\b)"),
    # Vague recent stretches.
    re.compile(r"\brecent (?:days|weeks|months|years)\b"),
    # Calendar units relative to the reference: "last month", "earlier this year", "last February".
    re.compile(rf"\b(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?:[Ll]ast|[Nn]ext|[Tt]his)\s+(?:week|weekend|month|year|{_MON})\b"),
    # Counted durations: "five years", "more than a year and a half", "several more weeks".
    re.compile(r"\b(?:(?:[Mm]ore than|[Ll]ess than|[Nn]early|[Aa]lmost|[Aa]bout|[Aa]round|[Oo]ver|[Uu]p to|[Aa]t least)\s+)?"
               r"(?<![\w/.-])(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
               r"\d+(?:\.\d+)?|several|a few|many|multiple)(?:\s+more)?\s+(?:(?:full|whole|entire|straight|consecutive)\s+)?"
               r"(?:hours?|days?|weeks?|months?|years?|decades?)(?:\s+and\s+a\s+half)?(?:\s+ago)?\b"
               r"(?![-\s]+old\b)(?!\s+(?:later|earlier|older|younger)\b)"),
    # Ranges of durations: "one to two years", "three or four months", "5-10 days" (one span, see _RANGE).
    re.compile(r"\b(?:(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d+)"
               r"\s*(?:to|or|-|\u2013)\s*(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|\d+)"
               r"\s+(?:hours|days|weeks|months|years|decades))\b(?![-\s]+old\b)(?!\s+(?:ago|later|earlier)\b)"),
    # Years after a preposition or determiner ("in 1967", "the 1967 war"); the year alone is the span.
    re.compile(r"\b(?:[Ii]n|[Ss]ince|of|by|[Ff]rom|until|before|after|the|and|early|late|mid-?|its|his|her|their|our|a|an|"
               r"[Bb]etween|through|during|circa)\s+((?:19|20)\d\d)\b(?![,.]\d)"),
    # Seasons (not the verb "fall": only with this/last/next).
    re.compile(r"\b(?:(?:[Tt]his|[Ll]ast|[Nn]ext)\s+(?:spring|summer|autumn|fall|winter)|(?:summer|winter|spring)time|summer|winter|autumn)\b"),
]
_UNIT_WORDS = set(timex_words("unit_plural"))  # sitrep/data/timex_words.tsv
_FUTURE_HEADS = set(timex_words("future_head"))

_LEAD = re.compile(r"^(?:on|in|at|by|since|from|until|till|during|for|of|over|before|after|through|throughout)\s+", re.I)
_TRAIL = re.compile(r"(?:'s|\u2019s|[\s,.;:)\"\u201d])+$")
_FUTURE_AUX = timex_words("future_aux")
_FUTURE_WORDS = re.compile(r"\b(?:next|coming|upcoming|later|following|tomorrow)\b", re.I)
# Bare numbers NER sometimes calls DATE (years excepted).
_NOT_TIME = re.compile(r"^(?!1[5-9]\d\d$|20\d\d$)\d+$|^\d{1,3}(?:,\d{3})+$")
_KEEP_DOT = re.compile(r"(?:\b[ap]\.m|\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec))\.$")


def _ref(doc: Doc) -> Optional[date]:
    pub = doc._.sitrep.published
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
    # "there can be a deal before October's expiration": "can" looks ahead for a time on its verb.
    if "can" in lowers and not lowers & {"have", "'ve"} and _on_verb(span.root, tok):
        return "future"
    if _scheduled(span):
        return "future"  # "a report set for release Friday", "talks scheduled for March"
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


_SCHEDULE = set(timex_words("schedule"))


def _scheduled(span: Span) -> bool:
    """A time hanging from an adjectival "set/scheduled/slated (for ...)" not told in the past."""
    cur = span.root
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _SCHEDULE and cur.tag_ in ("VBN", "JJ") and cur.dep_ in ("acl", "amod", "acomp", "xcomp", "conj", "advcl"):
            return not _told_in_past(cur)
        if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() not in _SCHEDULE:
            return False
    return False


def _told_in_past(tok) -> bool:
    """Whether the clause above ``tok`` is in the past ("elections set for February were delayed")."""
    cur = tok
    for _ in range(6):
        if any(c.lower_ in ("was", "were", "had") or c.tag_ == "VBD" for c in cur.children if c.dep_ in ("aux", "auxpass")):
            return True
        if cur.pos_ in ("VERB", "AUX") and cur.tag_ == "VBD":
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _on_verb(root, verb) -> bool:
    """The time is an adverbial of ``verb``: "on/in/before X", "X's expiration", "Friday"."""
    h = root.head
    if root.dep_ == "poss":
        h = h.head
    return h.i == verb.i or (h.dep_ == "prep" and h.head.i == verb.i)


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
    """Longest spans first; drop anything overlapping an already kept span. The kept spans
    never overlap, so the neighbours by start (a bisection) are the only ones to check."""
    starts: list[int] = []  # the kept spans, sorted by start
    ends: list[int] = []
    for s, e in sorted(set(spans), key=lambda x: (-(x[1] - x[0]), x[0])):
        i = bisect_left(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        starts.insert(i, s)
        ends.insert(i, e)
    return list(zip(starts, ends))


_SPLIT = re.compile(r"\s*(?:\band\b|\bto\b|\bthrough\b|-|\u2013|,)\s*")


_MONTH_NAME = re.compile(rf"\b{_MON}", re.I)
_STRETCH = re.compile(r"(?i)^(?:the\s+)?(?:next|coming|past|last|following)\s+(?P<unit>day|week|month|year|decade|century)$")
_STRETCH_AHEAD = re.compile(r"(?i)\b(?:over|within|during|for|throughout)\s*$")
_UNIT_LETTER = timex_values("stretch_unit")  # "decade" -> P1DE (sitrep/data/timex_values.tsv)


def _relative(text: str, kind: str, value: Optional[str], dirn: Direction) -> bool:
    """True when the value came from the reference date (the text alone does not fix it)."""
    if kind not in ("DATE", "TIME") or not value or value.endswith("_REF") or value.startswith("P"):
        return False
    bare = normalise(text, None, dirn)
    return bare is None or bare[1] is None or "X" in bare[1]


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
    anchor_text = ""
    frame: Optional[dict] = None  # the last explicit year-bearing date: the story's own time
    sents = [(sent.start_char, sent.end_char) for sent in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(text))]
    sent_starts = [a for a, _ in sents]
    for ps, pe in _select(list(resolved)):
        kind, value, dirn = resolved[(ps, pe)]
        lead = LEADING.search(text[max(0, ps - 16):ps])
        if lead and (not out or out[-1].end <= ps - len(lead.group(0))) and not value_is_ref(value):
            ps -= len(lead.group(0))  # "nearly five years later", "late Tuesday": the modifier is inside
        span_text = text[ps:pe]
        anc = reason = None
        pre = text[max(0, ps - 12):ps]
        if is_anaphoric(span_text) and not _SPAN_AHEAD.search(pre):
            value = anchored(span_text, anchor) or value
            if value is None:
                continue  # "two days later" with nothing to count from
            if "T" in value:
                kind = "TIME"  # "that night": a part of the day
            anc, reason = anchor, f"counted from {anchor_text!r}, the last date before it"
            anchor = calendar_anchor(value) or anchor
            anchor_text = span_text
        elif _today(doc, ps, pe):
            value = "PRESENT_REF"  # "today's Russia", "today it faces competition": nowadays
        else:
            m = _STRETCH.match(span_text)
            if m and kind == "DATE" and _STRETCH_AHEAD.search(pre):
                kind, value = "DURATION", _UNIT_LETTER[m["unit"].lower()]  # "over the next decade": a stretch
            elif _relative(span_text, kind, value, dirn):
                anc, reason = "published", "publication date"
                si = _sent_index(sents, ps, sent_starts)
                if (_MONTH_NAME.search(span_text) and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value or "")
                        and not re.search(r"(?i)\b(?:last|next|this|coming|past)\b", span_text)):
                    year = story_year(text, ps, frame, sents[si][0], sents[si - 1][0] if si > 0 else None)
                    if year and year != value[:4] and (ref is None or year + value[4:] <= ref.isoformat()[:len(value)]):
                        value = year + value[4:]
                        anc, reason = frame["value"], f"the story's reference time {frame['text']!r}"
            elif kind == "DATE" and value and re.match(r"^\d{4}", value):
                frame = {"value": value, "start": ps, "end": pe, "text": span_text}
            if kind in ("DATE", "TIME"):
                if calendar_anchor(value):
                    anchor_text = span_text
                anchor = calendar_anchor(value) or anchor
        if value is None and kind in ("DATE", "TIME") and names_no_real_day(span_text):
            _note(doc, f"time expression {span_text!r} at {ps}-{pe} names no real day: kept with no value")
        out.append(TimeExpr(start=ps, end=pe, text=span_text, value=value, type=kind,
                            mod=mod_of(span_text, kind), anchor=anc, anchor_reason=reason))
    return _date_clock_times(doc, out)


def _today(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end)
    return span is not None and generic_today(span)


def _note(doc: Doc, message: str) -> None:
    """A problem that did not stop the record: it ends up in ``record.errors``."""
    doc._.sitrep.errors.append(message)


def value_is_ref(value: Optional[str]) -> bool:
    return bool(value) and value.endswith("_REF")


def _sent_index(sents: list[tuple[int, int]], pos: int, starts: list[int]) -> int:
    """The sentence holding ``pos`` (the last one when none does); ``starts`` are the
    sentences' starts (sentences are in order and do not overlap)."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and pos < sents[i][1]:
        return i
    return len(sents) - 1


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _gap(text: str, a: TimeExpr, b: TimeExpr) -> int:
    """Distance between two expressions; "10 a.m. on Monday" / "Monday, 10 a.m." bind tightest."""
    between = text[a.end:b.start] if a.end <= b.start else text[b.end:a.start]
    return len(between) - (100 if between.strip().lower() in ("on", "of", ",", "at", "") else 0)


def _date_clock_times(doc: Doc, times: list[TimeExpr]) -> list[TimeExpr]:
    """A bare clock time takes the day named in its sentence ("at 10 a.m. on Monday"),
    not the publication day. The nearest full-day DATE in the same sentence wins."""
    # Full-day DATEs by offset (only TIMEs are replaced below, so this list stands).
    day_at = Intervals([d for d in times if d.type == "DATE" and d.value and _DAY.match(d.value)],
                       lambda d: (d.start, d.start + 1))
    for i, t in enumerate(times):
        bare = normalise(t.text, None)
        if t.type != "TIME" or not bare or not (bare[1] or "").startswith("XXXX-XX-XXT"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        days = day_at.overlapping(sent.start_char, sent.end_char)  # starting inside the sentence
        if not days and _generic_clock(span):
            times[i] = t.model_copy(update={"value": bare[1], "anchor": None, "anchor_reason": None})
            continue  # "Minors get home around 9 p.m.": any day, not the publication day
        if days:
            # Doc.text joins every token on each access: read it once, not per candidate.
            text = doc_text(doc)
            day = min(days, key=lambda d: _gap(text, t, d))
            times[i] = t.model_copy(update={"value": day.value + bare[1][len("XXXX-XX-XX"):], "anchor": day.value,
                                            "anchor_reason": f"the day named in its sentence {day.text!r}"})
    return times


def _generic_clock(span: Span) -> bool:
    """A clock time of no particular day: habitual present ("get home around 9 p.m.") or a
    rule's hours ("gaming between the hours of 10 p.m. and 8 a.m.")."""
    before = doc_text(span.doc)[span.sent.start_char:span.start_char]
    if re.search(r"\bhours of\b", before):
        return True
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ in ("VBZ", "VBP") and not aux and tok.lemma_.lower() not in timex_words("not_habitual")


# "over the next year" is a stretch from now, not "the year after the last date mentioned".
_SPAN_AHEAD = re.compile(r"(?i)\b(?:over|within|during|for|in|throughout)\s*$")


# A range of durations has no single TIMEX3 value: an unspecified count of the unit.
_NUMBER_WORD = r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d+)"
_RANGE = re.compile(rf"(?i)^{_NUMBER_WORD}\s*(?:to|or|-|\u2013)\s*(?P<n>\S+)\s+(?P<unit>hours|days|weeks|months|years|decades)$")
_RANGE_VALUE = timex_values("range_unit")  # "years" -> PXY


def _resolve(doc: Doc, full: str, s: int, e: int, ref: Optional[date]):
    text = full[s:e]
    if _NOT_TIME.match(text.strip()):
        return []
    rng = _RANGE.match(text)
    if rng and normalise(f"{rng['n']} {rng['unit']}", None) is not None:
        return [(s, e, ("DURATION", _RANGE_VALUE[rng["unit"].lower()], None))]  # "one to two years"
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is not None and len(span) == 1 and span[0].is_title and not span[0].is_sent_start and span[0].lower_ in _UNIT_WORDS:
        return []  # a surname ("Timothy Weeks"), not a duration
    dirn = direction(span) if span is not None and len(span) else None
    res = normalise(text, ref, dirn)
    if res is not None and res[1] is None and names_no_real_day(text):
        return [(s, e, (res[0], None, dirn))]  # "June 31": kept with its text, no value, and a note (find_times)
    if res is None and is_anaphoric(text):
        res = ("DATE", None)  # "a year later": valued from the story's timeline in find_times
    if res is not None and res[1] is None and ref is not None and not is_anaphoric(text):
        return []  # unresolvable even with a reference date ("the day"): noise for users
    if res is not None and res[0] == "DATE" and _YEAR_ONLY.match(text.strip()) and span is not None and _counts(span):
        return []  # "from 1500 to 2000 people": a number that counts things is a quantity, not a year
    if res is not None and (res[1] is not None or _looks_temporal(text)):
        return [(s, e, (res[0], res[1], dirn))]
    # A range or list spaCy read as one entity ("2014-2016", "February 2 and 3"): its parts.
    parts = []
    pos = 0
    for m in list(_SPLIT.finditer(text)) + [None]:
        pe = m.start() if m else len(text)
        piece = text[pos:pe]
        if piece.strip():
            r = normalise(piece, ref, dirn)
            if r is not None and r[1] is not None and not r[1].startswith("P"):
                parts.append((s + pos, s + pe, (r[0], r[1], dirn)))
        if m:
            pos = m.end()
    return parts if len(parts) >= 2 else []


_YEAR_ONLY = re.compile(r"^(?:1[5-9]|20)\d\d$")
_COUNT_CUES = timex_words("count_cue")


def _counts(span: Span) -> bool:
    """A year-like number that counts a plural noun after a quantity cue ("to 2000 people")."""
    tok = span[-1]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    prev = tok.nbor(-1) if tok.i > 0 else None
    return (nxt is not None and nxt.tag_ == "NNS" and tok.dep_ == "nummod" and prev is not None
            and prev.lower_ in _COUNT_CUES)


def _looks_temporal(text: str) -> bool:
    # Relative expressions without a reference date still are time expressions.
    return bool(re.search(r"(?i)\b(?:day|week|month|year|decade|today|tomorrow|yesterday|tonight|night|morning|ago)s?\b|\bcentur", text))
