"""CAMEO/Phoenix-style actor codes: country (ISO alpha-3) + sector (GOV, MIL, COP, REB, MED ...).

Order of evidence for a person, strongest first:
1. the Phoenix leader lists, when the full name is listed with a term covering the article
   date (Putin on 2022-02-03 -> RUSGOV);
2. the organisation in the title when it has a code ("Pentagon spokesman" -> USAMIL);
3. the role word's sector from the Phoenix agents table ("Prime Minister" -> GOV) with the
   country from the title, the affiliation or the article's frame.
Organisations and places take the gazetteer's code (NATO -> IGONAT, Kremlin -> RUSGOV,
Russia -> RUS). Phoenix writes NATO as IGOWSTNAT (IGO + region WST + NAT); sitrep drops the
region segment so every code is 6 letters (IGONAT), as the issue asks.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from .context import words as entity_words
from .gazetteer import GazEntry, leader_code


@lru_cache(maxsize=1)
def _agents() -> dict[str, str]:
    return json.loads(resources.files("sitrep.data").joinpath("agents.json").read_text(encoding="utf-8"))


def sector_for_title(title: Optional[str]) -> Optional[str]:
    """"Deputy Foreign Minister" -> GOV: the longest known tail of the title wins."""
    if not title:
        return None
    words = title.lower().replace("-", " ").split()
    agents = _agents()
    if words and words[0] == "former":
        return "ELI"  # CAMEO codes former office holders as elites
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if tail in agents:
            return group_role(words) or agents[tail]
    return None


def group_role(words: list[str]) -> Optional[str]:
    """'gang leader' -> CRM, 'militia commander' -> UAF: a member role (leader, chief, member ...)
    after a word naming a group takes the group's sector; the role alone would say GOV or
    nothing. ``words`` end with the role; the group word nearest to it wins."""
    role = words[-1] if words else ""
    if len(words) < 2 or not ({role, role[:-1]} & entity_words("member_role")):
        return None
    agents = _agents()
    for w in reversed(words[:-1]):
        hit = agents.get(w) or (agents.get(w[:-1]) if w.endswith("s") and len(w) > 3 else None)
        if hit:
            return hit
    return None


def person_code(name: str, country: Optional[str], title: Optional[str],
                affiliation: Optional[GazEntry], published: Optional[str],
                surname_code: Optional[str] = None) -> Optional[str]:
    """``surname_code``: the office holder a bare surname names on the date
    (``gazetteer.leader_for_surname``), used like a listed full name."""
    if len(name.split()) >= 2:
        listed = leader_code(name, published)
        # A listed term covering the date beats everything; an undated default (ELI) only
        # fills in when the text gives no role.
        if listed and not listed.endswith("ELI"):
            return listed
    elif surname_code:
        return surname_code
    else:
        listed = None
    if affiliation is not None and affiliation.code and len(affiliation.code) >= 6:
        return affiliation.code[:6]
    sector = sector_for_title(title)
    if country and sector:
        return country + sector
    if listed:
        return listed
    return country


def entry_code(entry: Optional[GazEntry]) -> Optional[str]:
    if entry is None:
        return None
    return entry.code or entry.country


@lru_cache(maxsize=65536)  # a static table, asked about the same nouns for every argument
def sector_for_noun(head: str, lemma: Optional[str] = None, modifiers: tuple[str, ...] = ()) -> Optional[str]:
    """Sector of a common-noun actor from the Phoenix agents table: "court" -> JUD,
    "troops" -> MIL, "riot police" -> COP, "students" -> EDU. The longest phrase of
    modifiers + head wins; plurals fall back to the lemma."""
    agents = _agents()
    heads = [h for h in dict.fromkeys((head.lower(), (lemma or "").lower())) if h]
    mods = [m.lower() for m in modifiers]
    for i in range(len(mods)):
        for h in heads:
            hit = agents.get(" ".join([*mods[i:], h]))
            if hit:
                return hit
    for h in heads:
        hit = agents.get(h)
        if hit:
            return group_role([*mods, h]) or hit
    for h in heads:
        hit = group_role([*mods, h])  # 'gang members': the role alone is no sector
        if hit:
            return hit
    if head.lower().endswith("s") and len(head) > 3:
        return agents.get(head.lower()[:-1])
    return None
