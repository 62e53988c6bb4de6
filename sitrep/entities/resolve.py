"""One entity per referent: names grouped within the article, pronouns to people.

Grouping rules, in order of trust:
- the gazetteer: every form of one entry is one entity ("the United States", "U.S.";
  "Kyiv", "Kiev"), named by the entry, so the same country has the same name everywhere;
- people: a short form joins the full name that contains it ("Putin", "Mr. Putin" ->
  "Vladimir Putin"); with two candidates (two Johnsons) the nearest earlier one wins;
- acronyms join their expansion when the initials match ("IRGC" -> "Islamic Revolutionary
  Guard Corps");
- everything else groups by its text without "the" and "'s".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..contract import doc_text
from ..lookups import ents_within
from ..record import Entity, content_id, make_span
from .actors import entry_code, person_code, sector_for_title
from .gazetteer import GazEntry, leader_code, leader_for_surname, lookup
from .mentionindex import MentionIndex, entity_types, mention_index, previous_sentences
from .context import words
from .titles import TitleInfo, honorific_gender, is_title_word, title_after, title_before, title_words

# Every OntoNotes name type spaCy gives is kept (issue 15); MEDIA / IGO come from the gazetteer.
KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
HONORIFICS = set(title_words("honorific"))  # sitrep/data/title_words.tsv
_KIND_TYPE = {"country": "GPE", "capital": "GPE", "demonym": "NORP", "igo": "IGO", "media": "MEDIA",
              "metonym": "ORG", "org": "ORG"}
# Kinds whose entry name is the entity's name (curated); Phoenix places/orgs have raw names.
_NAMED_KINDS = {"country", "capital", "demonym", "igo", "media", "metonym"}
_POSS = re.compile(r"(?:\s*['’]s|['’])$")
_ACRONYM = re.compile(r"^[A-Z][A-Z.&-]{1,7}$")
_SMALL = words("acronym_skip")


@dataclass
class _Mention:
    span: Span
    label: str
    text: str              # trimmed surface form
    entry: Optional[GazEntry] = None
    tokens: tuple = ()     # person name tokens without honorifics


@dataclass
class _Cluster:
    type: str
    mentions: list = field(default_factory=list)
    entry: Optional[GazEntry] = None
    name: Optional[str] = None


def _surface(span: Span) -> str:
    text = _POSS.sub("", span.text)
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def _person_tokens(text: str) -> tuple:
    toks = [t for t in text.replace("’", "'").split()]
    while toks and (toks[0].lower() in HONORIFICS or is_title_word(toks[0])) and len(toks) > 1:
        toks.pop(0)
    return tuple(toks)


def collect(doc: Doc) -> list[_Mention]:
    out = []
    typed = doc._.sitrep.context_types  # set by sitrep_ner_fixes (entities.context: clubs, faiths)
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        text = _surface(ent)
        if not text.strip():
            continue
        qualified = _qualified_body(ent)
        if qualified is not None:
            out.extend(qualified)
            continue
        m = _Mention(span=ent, label=ent.label_, text=text)
        if ent.label_ == "PERSON":
            m.tokens = _person_tokens(text)
            if len(m.tokens) == 1:
                entry = lookup(text)
                # A one-word "person" that is a country or an outlet is the model's slip.
                if entry is not None and (entry.kind in _NAMED_KINDS or entry.kind == "org"):
                    m.label, m.entry, m.tokens = _KIND_TYPE[entry.kind], entry, ()
        else:
            m.entry = lookup(text)
            ctype = typed.get((ent.start_char, ent.end_char))
            if m.entry is not None and (ctype is not None and m.entry.kind == "place"
                                        or ctype == "ORG" and m.entry.kind in ("capital", "country")):
                m.entry = None  # "Barcelona beat Sevilla", "Tokyo rose 1.2 percent": the club, the market
        out.append(m)
    return out


def _qualified_body(ent: Span) -> Optional[list[_Mention]]:
    """ "U.S. Congress", "Russian Defense Ministry": the country and the state body are two
    mentions (OntoNotes), but the body keeps the whole name as its entity name, so two
    countries' ministries stay two entities, each with its country and actor code."""
    if ent.label_ not in ("ORG", "IGO") or len(ent) < 2 or ent[-1].text not in words("institution"):
        return None
    first = ent[0]
    entry = lookup(first.text)
    if entry is None or entry.kind not in ("country", "demonym") or not entry.country:
        return None  # an IGO's bodies keep its name ("U.N. Security Council"), "African" names no state
    body = ent[1:]
    if not body or any(t.is_lower or not t.is_alpha for t in body):
        return None  # "U.S. Mission to the United Nations": one name
    doc = ent.doc
    known = lookup(body.text)  # "U.S. State Department": the listed State Department (USAGOV) when its country matches
    known = known if known is not None and known.country == entry.country else None
    return [_Mention(span=Span(doc, first.i, first.i + 1, label=_KIND_TYPE[entry.kind]), label=_KIND_TYPE[entry.kind],
                     text=first.text, entry=entry),
            _Mention(span=Span(doc, body.start, body.end, label=ent.label_), label=ent.label_,
                     text=f"{first.text} {body.text}", entry=known)]


def _type_for(m: _Mention) -> str:
    if m.entry is None:
        return m.label
    if m.entry.kind == "place":
        return m.label if m.label in ("GPE", "LOC", "FAC") else "GPE"
    return _KIND_TYPE[m.entry.kind]


def cluster(mentions: list[_Mention]) -> list[_Cluster]:
    clusters: dict[tuple, _Cluster] = {}
    people = [m for m in mentions if m.label == "PERSON" and m.tokens]
    for m in mentions:
        if m.label == "PERSON" and m.tokens:
            continue
        if m.entry is not None:
            key = ("gaz", m.entry.kind, m.entry.name)
        else:
            key = ("txt", m.text.casefold())
        c = clusters.setdefault(key, _Cluster(type=_type_for(m), entry=m.entry))
        c.mentions.append(m)
    for c in clusters.values():
        if c.entry is None:  # the label most mentions carry
            c.type = Counter(m.label for m in c.mentions).most_common(1)[0][0]
    _merge_acronyms(clusters)
    people_clusters = _cluster_people(people)
    by_text: dict[str, _Cluster] = {}
    for c in clusters.values():
        for m in c.mentions:
            by_text.setdefault(m.text.casefold(), c)
    for pc in list(people_clusters):
        # A lone one-word "person" the model elsewhere calls an ORG/GPE with the same text,
        # or the last word of an organisation's name here ("Chronicle" for "San Francisco
        # Chronicle"), is that organisation. One story, one reading: a longer name the model
        # calls a person as often as (or less often than) something else is that thing too.
        first = pc.mentions[0]
        if len({m.text for m in pc.mentions}) != 1:
            continue
        if len(first.tokens) != 1:
            other = by_text.get(first.text.casefold())
            target = other if other is not None and len(other.mentions) >= len(pc.mentions) else None
        else:
            target = clusters.get(("txt", first.text.casefold())) or by_text.get(first.text.casefold()) \
                or _org_ending_with(clusters, first.text)
        if target is not None:
            target.mentions.extend(pc.mentions)
            target.mentions.sort(key=lambda m: m.span.start_char)
            people_clusters.remove(pc)
    out = list(clusters.values()) + people_clusters
    for c in out:
        c.name = _canonical(c)
    return out


def _cluster_people(people: list[_Mention]) -> list[_Cluster]:
    full: dict[tuple, _Cluster] = {}
    for m in people:
        if len(m.tokens) >= 2:
            full.setdefault((m.tokens[0], m.tokens[-1]), _Cluster(type="PERSON")).mentions.append(m)
    by_part: dict[str, list[_Cluster]] = {}
    for (first, last), c in full.items():
        by_part.setdefault(first, []).append(c)
        if last != first:
            by_part.setdefault(last, []).append(c)
    singles: dict[tuple, _Cluster] = {}
    for m in people:
        if len(m.tokens) >= 2:
            continue
        cands = by_part.get(m.tokens[0], []) or (_by_folded(by_part, m.tokens[0]) if m.tokens[0].isupper() else [])
        if not cands:
            singles.setdefault(m.tokens, _Cluster(type="PERSON")).mentions.append(m)
            continue
        before = [c for c in cands if c.mentions[0].span.start_char < m.span.start_char]
        pick = (max(before, key=lambda c: max(x.span.start_char for x in c.mentions if x.span.start_char < m.span.start_char))
                if before else min(cands, key=lambda c: c.mentions[0].span.start_char))
        pick.mentions.append(m)
    for c in full.values():
        c.mentions.sort(key=lambda m: m.span.start_char)
    return list(full.values()) + list(singles.values())


def _by_folded(by_part: dict[str, list[_Cluster]], token: str) -> list[_Cluster]:
    """"CAPRIATI" in an all-caps heading is the "Capriati" of the body."""
    return [c for part, cs in by_part.items() if part.casefold() == token.casefold() for c in cs]


def _org_ending_with(clusters: dict, word: str) -> Optional[_Cluster]:
    hits = [c for c in clusters.values() if c.type in ("ORG", "MEDIA", "IGO")
            and len(c.mentions[0].text.split()) > 1 and c.mentions[0].text.split()[-1] == word]
    return hits[0] if len(hits) == 1 else None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _SMALL and w[:1].isupper())


def _merge_acronyms(clusters: dict[tuple, _Cluster]) -> None:
    long_by_initials: dict[str, tuple] = {}
    for key, c in clusters.items():
        if c.type in ("ORG", "IGO", "MEDIA", "FAC") and key[0] == "txt" and len(c.mentions[0].text.split()) >= 2:
            long_by_initials.setdefault(_initials(c.mentions[0].text), key)
    for key in list(clusters):
        c = clusters.get(key)
        if c is None or key[0] != "txt":
            continue
        text = c.mentions[0].text
        if not _ACRONYM.match(text):
            continue
        target = long_by_initials.get(text.replace(".", ""))
        if target and target != key:
            clusters[target].mentions.extend(c.mentions)
            clusters[target].mentions.sort(key=lambda m: m.span.start_char)
            del clusters[key]


def _canonical(c: _Cluster) -> str:
    if c.entry is not None and c.entry.kind in _NAMED_KINDS:
        return c.entry.name
    if c.type == "PERSON":
        best = max(c.mentions, key=lambda m: (len(m.tokens), -m.span.start_char))
        return " ".join(best.tokens)
    # Longest proper form; acronyms lose to their expansion.
    best = max(c.mentions, key=lambda m: (not _ACRONYM.match(m.text), len(m.text), -m.span.start_char))
    return best.text


# ---------------------------------------------------------------- building records
def build(doc: Doc) -> tuple[list[Entity], list[tuple[int, int, str]]]:
    mentions = collect(doc)
    clusters = cluster(mentions)
    entities: list[Entity] = []
    genders: dict[str, str] = {}
    published = doc._.sitrep.published
    text = doc_text(doc)
    for c in clusters:
        if c.type in ("GPE", "ORG") and c.entry is None and _office_holder(c.name, published):
            c.type = "PERSON"  # 'Blinken praised Qatar' tagged GPE: an office holder on the date
        eid = content_id(c.type, c.name)
        ent = Entity(id=eid, name=c.name, type=c.type)
        seen = set()
        for m in sorted(c.mentions, key=lambda m: m.span.start_char):
            if (m.span.start_char, m.span.end_char) in seen:
                continue
            seen.add((m.span.start_char, m.span.end_char))
            start, end = _trimmed_offsets(text, m.span)
            ent.mentions.append(make_span(text, start, end))
            if m.text != c.name and m.text not in ent.aliases:
                ent.aliases.append(m.text)
        if c.type == "PERSON":
            g = _fill_person(doc, c, ent, published)
            if g:
                genders[eid] = g
        else:
            _fill_other(c, ent)
        entities.append(ent)
    _merge_same_ids(entities)
    _hosted_igos(doc, entities)
    entities.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    doc._.sitrep.genders = genders
    spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
    return entities, spans


# Capitals that stand for an organisation they host, when the article is about it.
HOSTS = {"Brussels": ("NATO", "European Union"), "Geneva": ("United Nations",), "Vienna": ("OSCE", "IAEA")}


def _hosted_igos(doc: Doc, entities: list[Entity]) -> None:
    """"Brussels" acts for NATO or the EU where the article says so: the IGO named most often
    in the sentences around its mentions (else in the article) gives its actor code."""
    igos = {e.name: e for e in entities if e.type == "IGO"}
    for e in entities:
        hosted = [igos[n] for n in HOSTS.get(e.name, ()) if n in igos] if e.type == "GPE" else []
        if not hosted:
            continue
        near = {h.name: 0 for h in hosted}
        for m in e.mentions:
            lo, hi = m.start - 300, m.end + 300
            for h in hosted:
                near[h.name] += sum(1 for x in h.mentions if lo <= x.start <= hi)
        best = max(hosted, key=lambda h: (near[h.name], len(h.mentions)))
        e.actor_code = best.actor_code


def _trimmed_offsets(text: str, span: Span) -> tuple[int, int]:
    """Mention offsets without a leading "the" and a trailing "'s" (the fixes usually did it)."""
    s, e = span.start_char, span.end_char
    piece = text[s:e]
    m = _POSS.search(piece)
    if m:
        e -= len(m.group(0))
    if piece[:4].lower() == "the " and e - s > 4:
        s += 4
    return s, e


def _merge_same_ids(entities: list[Entity]) -> None:
    by_id: dict[str, Entity] = {}
    for e in list(entities):
        first = by_id.get(e.id)
        if first is None:
            by_id[e.id] = e
            continue
        first.mentions = sorted(first.mentions + e.mentions, key=lambda m: m.start)
        first.aliases += [a for a in e.aliases if a not in first.aliases]
        entities.remove(e)


def _office_holder(name: str, published: Optional[str]) -> bool:
    """A name the leader tables give an office on the date (a full name, or a surname)."""
    if not published or not name.replace(" ", "").replace("-", "").isalpha():
        return False
    if len(name.split()) >= 2:
        code = leader_code(name, published)
        return code is not None and not code.endswith("ELI")
    return leader_for_surname(name, published) is not None


def _fill_person(doc: Doc, c: _Cluster, ent: Entity, published: Optional[str]) -> Optional[str]:
    info = TitleInfo()
    gender = None
    for m in c.mentions:
        found = title_before(m.span)
        if found.title is None:
            after = title_after(m.span)
            if after.title is not None:
                found = after
        gender = gender or found.gender or honorific_gender(m.span.text) or _honorific_before(m.span)
        if info.title is None and found.title is not None:
            info.title = found.title
        if info.country is None and found.country is not None:
            info.country = found.country
        if info.affiliation is None and found.affiliation is not None:
            info.affiliation, info.affiliation_entry = found.affiliation, found.affiliation_entry
    ent.title, ent.affiliation = info.title, info.affiliation
    country = info.country
    listed = leader_code(ent.name, published) if len(ent.name.split()) >= 2 else None
    if listed is None and len(ent.name.split()) == 1:
        # A bare surname with no full name in the article ("President Obama", "Mr. Putin"):
        # the office holder on the publication date (the title's sector narrows it).
        listed = leader_for_surname(ent.name, published, sector_for_title(info.title) if info.title else None)
        if listed and info.country and listed[:3] != info.country:
            listed = None
    if country is None and listed:
        country = listed[:3]
    if country is None and info.title and sector_for_title(info.title) in ("GOV", "MIL", "LEG", "JUD", "COP"):
        country = frame_country(doc, c.mentions[0].span)
    ent.country = country
    ent.actor_code = person_code(ent.name, country, info.title, info.affiliation_entry, published, listed)
    return gender


def _honorific_before(span: Span) -> Optional[str]:
    if span.start > 0:
        return honorific_gender(span.doc[span.start - 1].text)
    return None


def _fill_other(c: _Cluster, ent: Entity) -> None:
    if c.entry is not None:
        ent.country = c.entry.country
        ent.actor_code = entry_code(c.entry)
        return
    if ent.type not in ("ORG", "NORP", "FAC", "GPE"):
        return
    # "Russian Defense Ministry": a country word inside the name plus the sector of its head.
    words = ent.name.split()
    for i, w in enumerate(words):
        entry = lookup(w)
        if entry is not None and entry.kind in ("country", "demonym") and entry.country:
            ent.country = entry.country
            sector = sector_for_title(" ".join(words[i + 1:]))
            ent.actor_code = entry.country + sector if sector else entry.country
            return


def frame_country(doc: Doc, span: Span) -> Optional[str]:
    """The country the passage speaks for, when a title names none.

    "Moscow denounced the deployment. Deputy Foreign Minister X told Interfax ..." -> RUS:
    the subject of the two sentences before (a country, capital or metonym), else a
    national outlet or metonym in the same sentence.
    """
    if not doc.has_annotation("SENT_START"):
        return None
    here = doc[span.start].sent
    before = []
    for _ in range(2):  # the two sentences before, nearest first
        first = before[-1].start if before else here.start
        if first == 0:
            break
        before.append(doc[first - 1].sent)
    for sent in before:
        for tok in sent:
            # Only the main clause's subject frames the passage ("Moscow denounced ..."),
            # not a subject inside reported speech ("... said Moscow would respond").
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.ent_type_ in ("GPE", "ORG", "NORP"):
                entry = lookup(tok.text) if tok.ent_iob_ == "B" and (tok.i + 1 >= len(doc) or doc[tok.i + 1].ent_iob_ != "I") else _entry_of(doc, tok)
                if entry is not None and entry.kind in ("country", "capital", "metonym") and entry.country:
                    return entry.country
    for ent in ents_within(here):
        entry = lookup(ent.text)
        if entry is not None and entry.kind in ("media", "metonym") and entry.country:
            return entry.country
    return None


def _entry_of(doc: Doc, tok: Token) -> Optional[GazEntry]:
    if not tok.ent_type_:
        return None
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1  # back to the B token of the entity holding tok
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return lookup(doc[start:end].text)


# ---------------------------------------------------------------- pronouns
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def resolve_person(doc: Doc, token: Token) -> Optional[str]:
    """Entity id of the person a "he"/"she" most likely refers to, or None.

    The nearest compatible person before the token, preferring grammatical subjects: first
    in the token's own sentence, then up to three sentences back. "Compatible" means the
    gender a title or honorific gives ("spokeswoman", "Mr.") does not contradict the pronoun.
    """
    want = PRONOUNS.get(token.lower_)
    if want is None:
        return None
    mentions = doc._.sitrep.mentions or []
    if not mentions:
        return None
    types = entity_types(doc)
    genders = doc._.sitrep.genders
    index = mention_index(doc)
    at = token.idx

    def person(m: tuple) -> bool:  # a person the pronoun's gender fits, named before it
        return types.get(m[2]) == "PERSON" and genders.get(m[2], want) == want and m[1] <= at

    # The candidates' positions, by bisection (the mention list is sorted by start).
    key = ("person", want, id(genders), len(genders))
    people = index.matching(key, lambda m: types.get(m[2]) == "PERSON" and genders.get(m[2], want) == want, keep=types)
    if not index.any_ending_by(key, at):
        return None
    text = doc_text(doc)
    speaker = _quote_speaker(text, at, index, types)
    if speaker is not None:
        # Inside a direct quote the speaker says "I": a "he" there is someone else, and the
        # nearest other person (any role) is the best guess ("As long as he is acting
        # aggressively ...", Biden said - of Putin, named just before).
        for p in index.backwards(people, index.first_starting_at(at)):
            if mentions[p][1] <= at and mentions[p][2] != speaker:
                return mentions[p][2]
        return None
    fallback = None
    for j, sent in enumerate(previous_sentences(token, 4)):
        inside = [mentions[p] for p in index.starting_in(sent.start_char, sent.end_char) if person(mentions[p])]
        if not inside:
            continue
        subjects = [m for m in inside if _is_subject(doc, m[0], m[1])]
        if subjects:
            return subjects[-1][2]
        if j == 0:
            return inside[-1][2]  # own sentence: "Johnson's office said he ..."
        fallback = fallback or inside[-1][2]
    return fallback


_OPEN, _CLOSE = "“", "”"


def _quote_speaker(text: str, idx: int, index: MentionIndex, types: dict) -> Optional[str]:
    """When ``idx`` is inside a curly-quoted passage of its paragraph, the person named right
    after the closing quote (or right before the opening one) - the quote's speaker."""
    ps = text.rfind("\n", 0, idx) + 1
    pe = text.find("\n", idx)
    pe = len(text) if pe < 0 else pe
    before = text[ps:idx]
    opened = before.rfind(_OPEN)
    if opened < 0 or before.rfind(_CLOSE) > opened:
        return None
    close = text.find(_CLOSE, idx, pe)
    if close < 0:
        return None
    q_start = ps + opened
    lead = text[ps:q_start].rstrip()
    if lead and not lead.endswith((".", ":", "!", "?", "”")):
        return None  # a quoted fragment inside reported speech ("said he “expressed his ...”")
    mentions = index.mentions
    for p in range(index.first_starting_after(close), index.first_starting_after(close + 60)):
        if mentions[p][1] <= pe and types.get(mentions[p][2]) == "PERSON":
            return mentions[p][2]  # the first person named after the closing mark
    # Else the last one named just before the opening mark (ending by it, so starting by it).
    for p in reversed(range(index.first_starting_at(max(q_start - 60, ps)), index.first_starting_after(q_start))):
        if mentions[p][1] <= q_start and types.get(mentions[p][2]) == "PERSON":
            return mentions[p][2]
    return None


def _is_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass"):
        return True
    # "Kirby also said ...", "Johnson and Putin spoke": a conjunct of a subject.
    return root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")
