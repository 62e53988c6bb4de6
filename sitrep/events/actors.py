"""Argument token -> Actor (entity id, text, actor code, country).

Order of evidence: the entities stage (``entity_at`` / ``entity_by_id``: the entity's
country and actor code), then the gazetteer (``sitrep.entities.gazetteer.lookup``) on the
name, then the modifiers of a common noun ('Russian forces', 'Hungarian officials'). A small
built-in table keeps events working when the gazetteer is not installed (it is the entities
stage's data; this module only needs countries and a few metonyms).
"""

from __future__ import annotations

from typing import Optional

from spacy.attrs import ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..extensions import doc_text
from ..record import Actor

try:  # the entities stage's public API (agreed interface)
    from ..entities import entity_at, entity_by_id, resolve_pronoun
except ImportError:  # pragma: no cover - the package always has these names
    entity_at = entity_by_id = resolve_pronoun = None  # type: ignore[assignment]


_GAZ_FAILED = object()


def _gaz_lookup(text: str):
    try:
        from ..entities.gazetteer import lookup
    except Exception:  # noqa: BLE001 - gazetteer absent or still loading: use the fallback
        return _GAZ_FAILED
    try:
        return lookup(text)
    except Exception:  # noqa: BLE001
        return _GAZ_FAILED


# Fallback: name / demonym / capital / metonym -> (country, actor code). Facts typed for
# sitrep; used only when the gazetteer cannot answer.
_FALLBACK_ROWS = """
russia,russian,russians,moscow,kremlin,russian federation|RUS|RUS
ukraine,ukrainian,ukrainians,kyiv,kiev|UKR|UKR
united states,u.s.,us,usa,america,american,americans,washington,white house|USA|USA
pentagon|USA|USAMIL
britain,great britain,united kingdom,uk,u.k.,british,london,downing street|GBR|GBR
germany,german,germans,berlin|DEU|DEU
france,french,paris,elysee|FRA|FRA
poland,polish,poles,warsaw|POL|POL
romania,romanian,romanians,bucharest|ROU|ROU
china,chinese,beijing|CHN|CHN
japan,japanese,tokyo|JPN|JPN
india,indian,new delhi|IND|IND
pakistan,pakistani,islamabad|PAK|PAK
iran,iranian,tehran|IRN|IRN
iraq,iraqi,baghdad|IRQ|IRQ
israel,israeli,jerusalem|ISR|ISR
syria,syrian,damascus|SYR|SYR
turkey,turkish,ankara|TUR|TUR
egypt,egyptian,cairo|EGY|EGY
italy,italian,rome|ITA|ITA
spain,spanish,madrid|ESP|ESP
hungary,hungarian,budapest|HUN|HUN
belarus,belarusian,minsk|BLR|BLR
canada,canadian,ottawa|CAN|CAN
north korea,north korean,pyongyang|PRK|PRK
south korea,south korean,seoul|KOR|KOR
afghanistan,afghan,kabul|AFG|AFG
lebanon,lebanese,beirut|LBN|LBN
saudi arabia,saudi,riyadh|SAU|SAU
serbia,serbian,belgrade|SRB|SRB
nato,north atlantic treaty organization|None|IGONAT
european union,eu,e.u.|None|IGOEU
united nations,un,u.n.|None|IGOUNO
west,the west,western|None|WST
"""
_FALLBACK: dict[str, tuple[Optional[str], str]] = {}
for _line in _FALLBACK_ROWS.strip().splitlines():
    _names, _country, _code = _line.split("|")
    for _n in _names.split(","):
        _FALLBACK[_n] = (None if _country == "None" else _country, _code)

# Role nouns -> sector suffix (CAMEO agent codes), for 'Russian troops' -> RUSMIL.
_AGENTS = {
    "troop": "MIL", "troops": "MIL", "force": "MIL", "forces": "MIL", "army": "MIL", "military": "MIL",
    "soldier": "MIL", "navy": "MIL", "official": "GOV", "government": "GOV", "minister": "GOV",
    "president": "GOV", "leader": "GOV", "authority": "GOV", "police": "COP", "rebel": "REB",
    "diplomat": "GOV", "ministry": "GOV", "parliament": "LEG", "court": "JUD", "opposition": "OPP",
}
# Groups of people (not states) -> CAMEO sector code.
_PEOPLE = {
    "student": "EDU", "worker": "LAB", "demonstrator": "CVL", "protester": "CVL", "protestor": "CVL",
    "people": "CVL", "civilian": "CVL", "refugee": "REF", "activist": "CVL", "supporter": "CVL",
    "resident": "CVL", "villager": "CVL", "farmer": "AGR", "teacher": "EDU", "doctor": "MED", "youth": "CVL", "rebel": "REB", "militant": "REB",
    "insurgent": "REB", "guerrilla": "REB", "fundamentalist": "CVL", "settler": "CVL", "force": "MIL",
    "troop": "MIL", "soldier": "MIL", "police": "COP", "party": "OPP", "opposition": "OPP",
}
_GROUP_WORDS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                "group", "number", "crowd", "scores"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_THING_PRONOUNS = {"it", "they", "them"}


# lookup_name answers from static tables, and the same few words (modifiers, surnames'
# left context) are asked about many times per doc: answers are memoised, except when the
# gazetteer could not be used (a transient failure must not be remembered).
_NAME_CACHE: dict[str, Optional[tuple[Optional[str], Optional[str]]]] = {}
_NAME_CACHE_MAX = 100_000


def lookup_name(text: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(country, code) for a name, demonym or metonym, or None."""
    try:
        return _NAME_CACHE[text]
    except KeyError:
        pass
    t = text.strip()
    low = t.lower()
    if low.startswith("the "):
        low = low[4:]
    g = _gaz_lookup(t)
    failed = g is _GAZ_FAILED
    if failed:
        g = None
    if g is not None and (getattr(g, "country", None) or getattr(g, "code", None)):
        found = getattr(g, "country", None), getattr(g, "code", None)
    elif low in _FALLBACK:
        found = _FALLBACK[low]
    else:
        found = None
    if not failed and len(_NAME_CACHE) < _NAME_CACHE_MAX:
        _NAME_CACHE[text] = found
    return found


def _name_span(tok: Token) -> tuple[int, int]:
    """The name a head token stands for: itself plus its compound/flat name modifiers."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    start = min([tok.idx] + [t.idx for t in left])
    return start, tok.idx + len(tok.text)


def _entity_country(doc: Doc, ent) -> tuple[Optional[str], Optional[str]]:
    """Country and code of an entity; when the entities stage left them empty, read the
    premodifiers of its mentions ('Russian President Vladimir Putin')."""
    country, code = getattr(ent, "country", None), getattr(ent, "actor_code", None)
    if country or code:
        return country, code
    found = lookup_name(ent.name)
    if found:
        return found
    if ent.type != "PERSON":
        # 'US Congress', 'Latvian Constitutional Court': a country word inside the name.
        for word in ent.name.replace("'s", " ").split():
            if len(word) > 1 and word[0].isupper():
                found = lookup_name(word)
                if found and found[0]:
                    return found[0], found[0] + ("GOV" if ent.type in ("ORG", "GPE") else "")
        return None, None
    # Any mention of the same surname whose left context names a country.
    surname = ent.name.split()[-1]
    # Find the surname's tokens by orth id in one vectorised pass: building a Token and
    # its text for every token of the doc was most of the events stage's actor time.
    orths = doc.to_array(ORTH)
    for i in (orths == hash_string(surname)).nonzero()[0].tolist():
        t = doc[i]
        if t.text != surname:  # guards the (theoretical) hash collision
            continue
        for left in list(doc[max(0, t.i - 6) : t.i])[::-1]:
            if left.pos_ in ("PROPN", "ADJ", "NOUN") or left.lower_ == "of":  # 'U.S. Secretary of State X'
                found = lookup_name(left.text)
                if found and found[0]:
                    return found[0], found[0] + "GOV" if left.i < t.i - 1 else found[0]
            else:
                break
    return None, None


class ActorResolver:
    """Builds actors for one doc; remembers recent subjects for pronoun fallback."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token: read once, shared by the stages
        self.last_person: Optional[Actor] = None
        self.last_thing: Optional[Actor] = None
        # _entity_country scans the whole doc for a person's surname; an entity recurs as
        # the argument of many events, so its answer is kept per doc (keyed by object id,
        # the entity kept alive alongside so the id cannot be reused).
        self._countries: dict[int, tuple[object, tuple[Optional[str], Optional[str]]]] = {}

    def entity_country(self, ent) -> tuple[Optional[str], Optional[str]]:
        hit = self._countries.get(id(ent))
        if hit is None:
            hit = self._countries[id(ent)] = (ent, _entity_country(self.doc, ent))
        return hit[1]

    def remember(self, tok: Token, actor: Actor, is_person: bool) -> None:
        if is_person:
            self.last_person = actor
        else:
            self.last_thing = actor

    def actor(self, tok: Token) -> Optional[Actor]:
        """The actor a noun/pronoun token denotes, or None when it is not an actor."""
        doc = self.doc
        low = tok.lower_
        if tok.pos_ == "PRON" or low in _PERSON_PRONOUNS | _THING_PRONOUNS:
            return self._pronoun(tok)
        if tok.lemma_.lower() in _GROUP_WORDS or tok.pos_ == "NUM":
            # 'Thousands of Iraqis', 'dozens of Russian soldiers': the group is its members.
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            return self.actor(o)
            return None
        start, end = _name_span(tok)
        eid = entity_at(doc, start, end) if entity_at else None
        if eid is None and entity_at:
            eid = entity_at(doc, tok.idx, tok.idx + len(tok.text))
        ent = entity_by_id(doc, eid) if (eid and entity_by_id) else None
        text = self.text[start:end]
        if ent is not None:
            # The mention as the entities stage delimits it ('Vladimir Putin', not 'President Vladimir Putin').
            for s, e, mid in doc._.sitrep_mentions or []:
                if mid == eid and s <= tok.idx < e:
                    text = self.text[s:e]
                    break
        if ent is not None:
            country, code = self.entity_country(ent)
            if country is None and code is None and ent.type != "PERSON":
                # 'US Congress' where the entities stage split 'US' off: read the modifiers.
                mods = self._modifier_actors(tok)
                if mods:
                    country, code = mods[0].country, mods[0].code
            if country is None and code is None and ent.type not in ("PERSON", "ORG", "GPE", "NORP", "IGO", "MEDIA"):
                return None
            actor = Actor(entity=ent.id, text=text, code=code, country=country)
            self.remember(tok, actor, ent.type == "PERSON")
            return actor
        found = lookup_name(text)
        if found:
            actor = Actor(entity=None, text=text, code=found[1], country=found[0])
            self.remember(tok, actor, False)
            return actor
        # A common noun with a country modifier: 'Russian forces', 'Hungarian officials'.
        sector = _AGENTS.get(low) or _AGENTS.get(tok.lemma_.lower())
        if sector:
            # 'the president of Armenia', 'the government of Sudan'
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        inner = self.actor(o) if o.dep_ == "pobj" else None
                        if inner is not None and inner.country:
                            return Actor(entity=inner.entity, text=self.text[tok.idx : o.idx + len(o.text)],
                                         code=inner.country + sector, country=inner.country)
        mods = self._modifier_actors(tok)
        if mods:
            self.remember(tok, mods[0], False)
            return mods[0]
        if tok.lemma_.lower() in _PEOPLE or low in _PEOPLE:
            # 'students throughout Indonesia', 'demonstrators in Baghdad': people act for the
            # country they are in (sector code from the kind of group).
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "throughout", "across", "from", "of"):
                    for o in p.children:
                        inner = self.actor(o) if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "NORP") else None
                        if inner is not None and inner.country:
                            group = _PEOPLE.get(tok.lemma_.lower()) or _PEOPLE.get(low) or ""
                            return Actor(entity=None, text=self.text[tok.idx : o.idx + len(o.text)],
                                         code=inner.country + group, country=inner.country)
        return None

    def _modifier_actors(self, tok: Token) -> list[Actor]:
        """'Russian forces' -> RUSMIL; 'Hungarian and Romanian officials' -> HUNGOV, ROUGOV."""
        low = tok.lower_
        sector = _AGENTS.get(low) or _AGENTS.get(tok.lemma_.lower())
        out: list[Actor] = []
        for first in tok.children:
            if not (first.dep_ in ("amod", "compound", "poss", "nmod") and first.i < tok.i):
                continue
            for child in [first, *(c for c in first.children if c.dep_ == "conj")]:
                found = lookup_name(child.text)
                eid = None
                if not (found and (found[0] or found[1])) and child.pos_ == "PROPN":
                    # 'European Community foreign ministers': the modifier is itself a named actor.
                    inner = self.actor(child)
                    found = (inner.country, inner.code) if inner is not None else None
                    eid = inner.entity if inner is not None else None
                if found and (found[0] or found[1]):
                    base = found[0] or found[1]
                    code = base + (sector or "") if sector and len(base) == 3 else found[1] or base
                    start = min(t.idx for t in child.subtree) if child is first else child.idx
                    end = tok.idx + len(tok.text) if child is first else child.idx + len(child.text)
                    out.append(Actor(entity=eid, text=self.text[start:end], code=code, country=found[0]))
            if out:
                return out
        return out

    def _pronoun(self, tok: Token) -> Optional[Actor]:
        eid = resolve_pronoun(self.doc, tok) if resolve_pronoun else None
        if eid:
            ent = entity_by_id(self.doc, eid)
            if ent is not None:
                country, code = self.entity_country(ent)
                return Actor(entity=ent.id, text=tok.text, code=code, country=country)
        # Fallback: the nearest earlier subject that is an actor of the right kind
        # ('the United States announced it will send' -> it = the United States).
        low = tok.lower_
        if low not in _PERSON_PRONOUNS and low not in _THING_PRONOUNS:
            return None
        want_person = low in _PERSON_PRONOUNS
        doc = self.doc
        for cand in reversed(doc[max(0, tok.i - 80) : tok.i]):
            if cand.dep_ not in ("nsubj", "nsubjpass") or cand.pos_ == "PRON":
                continue
            if (cand.ent_type_ == "PERSON") != want_person:
                continue
            found = self.actor(cand)
            if found is not None:
                return found.model_copy(update={"text": tok.text})
        return None

    def actors(self, tok: Token) -> list[tuple[Token, Actor]]:
        """The actor of a token and of its coordinated conjuncts ('Poland, Romania, and Germany')."""
        out = []
        for t in [tok, *_conjuncts(tok)]:
            a = self.actor(t)
            if a is not None:
                out.append((t, a))
                if a.entity is None and t.pos_ == "NOUN":
                    out.extend((t, m) for m in self._modifier_actors(t)[1:])
        return out


def _conjuncts(tok: Token) -> list[Token]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out
