"""Agency credits: "With reporting by Reuters, RFERL, AFP, CNN, and AP", "KYIV, Feb 3
(Reuters) -", "Compiled by ...".

A researcher weighting sources needs to know that a story is a rewrite of wire copy, so
the agencies are kept as a list, and the credits line itself leaves the body (it is not
something anybody in the story said or did).
"""

from __future__ import annotations

import re
from typing import Optional

from .words import alternation, anatomy_words

# A whole line that only credits others. Anchored at the start and short, so a body
# sentence that mentions "reporting by Reuters" half-way through is not taken. The words are
# sitrep/data/anatomy_words.tsv's credit_* sets.
_PREP = alternation("credit_prep")
_CREDIT_LINE = re.compile(
    rf"^[\(\[]?\s*(?:with\s+)?(?:(?:{alternation('credit_qualifier')})\s+)?"
    rf"(?:{alternation('credit_noun')})\s+(?:{_PREP})\s+(?P<who>.+?)[\)\]]?\s*\.?$"
    rf"|^[\(\[]?\s*(?:{alternation('credit_participle')})\s+(?:{_PREP})\s+(?P<who2>.+?)[\)\]]?\s*\.?$"
    rf"|^[\(\[]?\s*(?:{alternation('credit_label')})\s*:\s*(?P<who3>.+?)[\)\]]?\s*\.?$",
    re.I,
)
# A wire dateline at the head of the story: "LONDON (Reuters) -", "Feb 3 (AP) —".
_DATELINE = re.compile(
    r"^[^\n()]{0,80}?\((?P<agency>[A-Z][A-Za-z/&.\- ]{1,30}?)\)\s*[-–—]{1,2}\s",
)
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|/)\s*")
_MAX_CREDIT_LINE = 200
_ROLE = re.compile(rf"^(?:(?:{alternation('role_qualifier')})\s+)?(?:{alternation('role')})\s+(?:{_PREP})\s+", re.I)
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")


def credit_line(line: str) -> Optional[list[str]]:
    """The agencies named by a credits line, or None when the line is not one."""
    s = line.strip()
    if not s or len(s) > _MAX_CREDIT_LINE:
        return None
    m = _CREDIT_LINE.match(s)
    if not m:
        return None
    who = m.group("who") or m.group("who2") or m.group("who3") or ""
    names = []
    for n in _SPLIT.split(who):
        # Reuters style: "Reporting by A in Kyiv; Editing by B" -> A, B.
        n = _ROLE.sub("", n.strip(" .;:()[]"))
        n = _IN_PLACE.sub("", n).strip(" .;:()[]")
        names.append(n)
    names = [n for n in names if n and len(n) <= 60]
    # "Compiled by staff" / a sentence that happens to start "Reporting by ..." with a
    # verb in it is not a list of names: every item must start with a capital or digit.
    if not names or not all(n[0].isupper() or n[0].isdigit() for n in names):
        return None
    return names


def dateline_agency(paragraph: str) -> Optional[str]:
    """'Reuters' for 'KYIV, Feb 3 (Reuters) - Ukraine said ...'."""
    m = _DATELINE.match(paragraph.strip())
    if not m:
        return None
    agency = m.group("agency").strip()
    # "(AP Photo/...)" or "(File)" are not wire credits.
    low = agency.lower()
    if any(w in low for w in anatomy_words("not_agency_part")) or low in anatomy_words("not_agency"):
        return None
    return agency


def merge(credits: list[str], more: list[str]) -> list[str]:
    seen = {c.lower() for c in credits}
    out = list(credits)
    for c in more:
        if c.lower() not in seen:
            seen.add(c.lower())
            out.append(c)
    return out
