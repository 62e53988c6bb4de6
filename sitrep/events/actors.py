"""Argument token -> Actor (entity id, text, actor code, country), or None for non-actors.

Order of evidence:
1. pronouns and nominals ("it", "its neighbor", "the country") -> the entities stage's
   coreference (``sitrep.entities.resolve_pronoun`` / ``resolve_nominal``); unresolved -> None;
   "we"/"our" inside a quotation -> the quote's speaker (``sitrep.entities.speaking_quote``);
   an unresolved relational noun ("its allies", "our partners") -> None, never its possessor;
2. named entities -> their country and actor code from the entities stage (dated leaders,
   titles, the gazetteer); a country word inside an organisation's name ("US Congress");
3. common nouns -> the Phoenix agents table for the sector ("court" JUD, "troops" MIL,
   "police" COP, "rebels" REB, "students" EDU) composed with the country of a nationality
   adjective, possessive or compound ("a Tunisian court" TUNJUD, "Iraq's army" IRQMIL,
   "US commander" USAMIL, "the president of Armenia" ARMGOV), else the sector alone
   ("rebels" REB): a generic actor coded by role;
4. natural forces, diseases and markets ("Cyclone Chido", "the storm", "markets") are never
   actors; instruments (missiles, ships, drones) act only for the country of their modifier.

Every word list is data: ``sitrep/data/event_words.tsv`` (events) and the entities stage's
agents table (``scripts/build_gazetteer.py`` from Phoenix.agents.txt).
"""

from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from ..entities import (entity_at, entity_by_id, is_first_person, lookup, relational, resolve_nominal, resolve_pronoun,
                        speaking_quote)
from ..entities.actors import sector_for_noun, sector_for_title
from ..entities.gazetteer import listed_person
from ..contract import annotations, doc_text
from ..lookups import intervals_of
from ..cues import CLAUSE_VERBS
from ..record import Actor, Quote
from .syntax import prep_objects
from .words import words

# lookup_name answers from static tables, and the same few words (modifiers, surnames'
# left context) are asked about many times per doc: answers are memoised.
_NAME_CACHE: dict[str, Optional[tuple[Optional[str], Optional[str]]]] = {}
_NAME_CACHE_MAX = 100_000


def lookup_name(text: str) -> Optional[tuple[Optional[str], Optional[str]]]:
    """(country, code) for a name, demonym or metonym from the gazetteer, or None."""
    try:
        return _NAME_CACHE[text]
    except KeyError:
        pass
    g = lookup(text.strip())
    found = (g.country, g.code) if g is not None and (g.country or g.code) else None
    if len(_NAME_CACHE) < _NAME_CACHE_MAX:
        _NAME_CACHE[text] = found
    return found


def _name_span(tok: Token) -> tuple[int, int]:
    """The name a head token stands for: itself plus its compound/flat name modifiers."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    start = min([tok.idx] + [t.idx for t in left])
    return start, tok.idx + len(tok.text)


def _entity_country(doc: Doc, ent, orths=None) -> tuple[Optional[str], Optional[str]]:  # noqa: ANN001
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
    if orths is None:
        orths = OrthIndex(doc)
    for i in orths.positions(hash_string(surname)):
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


class OrthIndex:
    """The positions of each word form in a doc (``doc.to_array(ORTH)`` sorted once), so the
    tokens of one surname are found by bisection, not by comparing every token per name."""

    def __init__(self, doc: Doc) -> None:
        orths = doc.to_array(ORTH)
        self._order = numpy.argsort(orths, kind="stable")  # equal forms keep their text order
        self._sorted = orths[self._order]

    def positions(self, orth: int) -> list[int]:
        """Indices (ascending) of the tokens with that ORTH hash."""
        key = numpy.uint64(orth)
        lo, hi = numpy.searchsorted(self._sorted, key, "left"), numpy.searchsorted(self._sorted, key, "right")
        return self._order[lo:hi].tolist()


def natural_entity(doc: Doc, ent) -> bool:
    """True when an entity is a natural force ('Tropical Cyclone Jude', 'Storm Chido'): a
    non-actor word in its name, or right before one of its mentions."""
    non = words("non_actor")
    if any(w.lower() in non for w in [*ent.name.split(), *(x for a in ent.aliases for x in a.split())]):
        return True
    text = doc_text(doc)
    for m in ent.mentions:
        before = text[max(0, m.start - 30) : m.start].split()
        if before and before[-1].lower() in non:
            return True
    return False


class ActorResolver:
    """Builds actors for one doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token: read once, shared by the stages
        # _entity_country scans the whole doc for a person's surname; an entity recurs as
        # the argument of many events, so its answer is kept per doc (keyed by object id,
        # the entity kept alive alongside so the id cannot be reused).
        self._countries: dict[int, tuple[object, tuple[Optional[str], Optional[str]]]] = {}
        self._natural: dict[str, bool] = {}
        self._orths: Optional[OrthIndex] = None  # the doc's word forms, indexed once
        # What a token denotes depends only on the doc's parse and annotations, which do not
        # change while events are read, and the same argument is asked about by several
        # predicates and readers: answers are kept per token index (this doc's tokens only).
        self._actor: dict[int, Optional[Actor]] = {}
        self._actors: dict[int, list[tuple[Token, Actor]]] = {}
        self._modifiers: dict[int, list[Actor]] = {}
        self._nominal: dict[int, Optional[str]] = {}
        self._pronoun: dict[int, Optional[str]] = {}

    def _kept(self, memo: dict, resolve, tok: Token) -> Optional[str]:
        # Resolvers walk the doc's mentions; events ask about one token many times.
        if tok.doc is not self.doc:
            return resolve(tok.doc, tok)
        if tok.i not in memo:
            memo[tok.i] = resolve(self.doc, tok)
        return memo[tok.i]

    def resolve_nominal(self, tok: Token) -> Optional[str]:
        """``sitrep.entities.resolve_nominal`` for a token of this doc, kept per token."""
        return self._kept(self._nominal, resolve_nominal, tok)

    def resolve_pronoun(self, tok: Token) -> Optional[str]:
        """``sitrep.entities.resolve_pronoun`` for a token of this doc, kept per token."""
        return self._kept(self._pronoun, resolve_pronoun, tok)

    def entity_country(self, ent) -> tuple[Optional[str], Optional[str]]:
        hit = self._countries.get(id(ent))
        if hit is None:
            if self._orths is None and not (getattr(ent, "country", None) or getattr(ent, "actor_code", None)):
                self._orths = OrthIndex(self.doc)
            hit = self._countries[id(ent)] = (ent, _entity_country(self.doc, ent, self._orths))
        return hit[1]

    def is_natural(self, ent) -> bool:
        hit = self._natural.get(ent.id)
        if hit is None:
            hit = self._natural[ent.id] = natural_entity(self.doc, ent)
        return hit

    def frame_country(self) -> Optional[str]:
        """The country the article is about: the one its place and nationality mentions name
        most often (at least twice, and more often than any other), or None."""
        if not hasattr(self, "_frame"):
            counts: dict[str, int] = {}
            for e in self.doc._.sitrep.entities or []:
                if e.type in ("GPE", "NORP", "LOC") and e.country:
                    counts[e.country] = counts.get(e.country, 0) + len(e.mentions)
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            self._frame = (ranked[0][0] if ranked and ranked[0][1] >= 2
                           and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None)
        return self._frame

    def localise(self, actor: Actor, predicate: Token, by_reporter: bool = False) -> Actor:
        """A generic actor coded by role alone ('police' COP, 'rebels' REB) acts where the
        event happens: the country of a place on the predicate ('in Mogadishu'), else the
        country of whoever reports it, for the one who acts (``by_reporter``: 'troops will
        move to Romania, a Pentagon spokesman said' are the spokesman's own country's troops;
        a reporter's targets are as often the other side's), else the article's frame country.
        Named actors and IGOs are left as they are."""
        code = actor.code or ""
        if actor.entity and not actor.country and not code:
            # A person the text gives no country ('Ilyas Ali Hassan, a member of the upper
            # house'): the country the article is about, with the sector of their title - but
            # only someone the leader tables do not list. A listed person ('Blinken' in an
            # Egypt story) is coded from the tables by date or left uncoded, never by the frame.
            ent = entity_by_id(self.doc, actor.entity)
            if ent is None or ent.type != "PERSON" or listed_person(ent.name):
                return actor
            frame = self.frame_country()
            if frame is None:
                return actor
            return actor.model_copy(update={"country": frame, "code": frame + (sector_for_title(ent.title) or "")})
        if actor.country or actor.entity or len(code) != 3 or code in ("IGO", "NGO", "WST"):
            return actor
        country = None
        places = [o for p in predicate.children
                  if p.dep_ == "prep" and p.lower_ in ("in", "at", "near", "inside", "across", "throughout")
                  for o in p.children if o.dep_ == "pobj"]
        if predicate.dep_ == "relcl" and any(c.lower_ == "where" for c in predicate.children):
            places.append(predicate.head)  # 'eastern Ukraine, where 13,000 people have been killed'
        for o in places:
            if o.ent_type_ in ("GPE", "LOC"):
                found = self.actor(o)
                if found is not None and found.country:
                    country = found.country
            elif o.pos_ == "NOUN":
                found = self.place_phrase(o)  # 'at a school in the Nigerian town of Kankara'
                if found is not None:
                    country = found.country
        country = country or (self.reporter_country(predicate) if by_reporter else None) or self.frame_country()
        if country is None:
            return actor
        return actor.model_copy(update={"country": country, "code": country + code})

    def reporter_country(self, predicate: Token) -> Optional[str]:
        """The country of the subject of the speech verb a clause is reported by, or None."""
        cur = predicate
        for _ in range(6):
            if cur.head is cur:
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() in CLAUSE_VERBS:
                for subj in cur.children:
                    if subj.dep_ in ("nsubj", "nsubjpass"):
                        found = self.actor(subj)
                        return found.country if found is not None else None
                return None
        return None

    def place_country(self, name: str) -> Optional[str]:
        """The country a city or division named in the text lies in ('Kharkiv' -> UKR), from
        the GeoNames gazetteer: of the features the name denotes, the one in a country the
        article names, else the most populous one when no feature in another country has half
        its population ('Gaza' alone is ambiguous). None when unsure."""
        if not hasattr(self, "_place_cache"):
            from ..gazetteer import gazetteer  # the place table (stage-neutral), loaded once

            self._gaz = gazetteer()
            self._place_cache: dict[str, Optional[str]] = {}
            self._named = {e.country for e in self.doc._.sitrep.entities or [] if e.country}
        if name not in self._place_cache:
            cands = [f for f in self._gaz.candidates(name) if f.kind in ("city", "capital", "adm1") and f.country]
            local = [f for f in cands if f.country in self._named]
            if local:
                found = local[0].country
            elif cands and all(f.country == cands[0].country or 2 * f.population < cands[0].population
                               for f in cands[1:]):
                found = cands[0].country
            else:
                found = None
            self._place_cache[name] = found
        return self._place_cache[name]

    def place_phrase(self, tok: Token, depth: int = 0) -> Optional[Actor]:
        """The country a place phrase lies in, as an actor: a named place ('Kharkiv' -> UKR),
        or a common noun placed by a country word ('the Somali city'), its name ('the city of
        Beledweyne') or a place it is in ('a hotel in ...', 'a town in Mali'). A noun that is
        an entity's nominal ('the country') is no place; None when nothing places it."""
        if tok.ent_type_ in ("GPE", "LOC"):
            found = self.actor(tok)
            return found if found is not None and found.country else None
        if tok.pos_ == "PROPN" and not tok.ent_type_:
            name = self.text[_name_span(tok)[0] : tok.idx + len(tok.text)]
            country = self.place_country(name)  # a town the model did not tag
            return Actor(entity=None, text=name, code=country, country=country) if country else None
        if tok.pos_ != "NOUN" or depth > 2 or tok.lower_ in words("thing_pronoun"):
            return None
        if self.resolve_nominal(tok):
            return None
        for p, o in prep_objects(tok):
            if p in ("in", "of", "near", "inside", "outside"):
                found = self.place_phrase(o, depth + 1)
                if found is not None:
                    return found
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i and c.pos_ in ("ADJ", "PROPN"):
                found = lookup_name(c.text)
                if found and found[0]:
                    return Actor(entity=None, text=c.text, code=found[0], country=found[0])
        return None

    def is_role(self, tok: Token) -> bool:
        """True when a common noun names a kind of actor ('troops', 'court', 'rebels')."""
        mods = tuple(c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ"))
        return sector_for_noun(tok.lower_, tok.lemma_.lower(), mods) is not None

    def from_entity(self, eid: Optional[str], text: str) -> Optional[Actor]:
        """The actor an entity id stands for (None for a natural force or an unknown id)."""
        ent = entity_by_id(self.doc, eid) if eid else None
        if ent is None or self.is_natural(ent):
            return None
        country, code = self.entity_country(ent)
        return Actor(entity=ent.id, text=text, code=code, country=country)

    def quote_speaker(self, q: Quote) -> Optional[Actor]:
        """A quote's speaker as an actor: the mention the cue attaches to, else its entity."""
        if q.speaker_span is not None and q.speaker_span.field == "text":
            span = self.doc.char_span(q.speaker_span.start, q.speaker_span.end, alignment_mode="expand")
            root = span.root if span is not None else None
            # A speaker span that is itself inside a quotation's content would lead back here.
            found = self.actor(root) if root is not None and not is_first_person(root) else None
            if found is not None:
                return found if found.entity or not q.speaker else found.model_copy(update={"entity": q.speaker})
        if q.speaker:
            return self.from_entity(q.speaker, q.speaker_text or "")
        return None

    def actor(self, tok: Token) -> Optional[Actor]:
        """The actor a noun/pronoun token denotes, or None when it is not an actor."""
        if tok.doc is not self.doc:
            return self._actor_of(tok)
        try:
            return self._actor[tok.i]
        except KeyError:
            found = self._actor[tok.i] = self._actor_of(tok)
            return found

    def _actor_of(self, tok: Token) -> Optional[Actor]:
        doc = self.doc
        low = tok.lower_
        lemma = tok.lemma_.lower()
        if is_first_person(tok):
            # '"We will respond," the ministry said': the speaker, however the quote names it.
            q = speaking_quote(doc, tok)
            return self.quote_speaker(q) if q is not None else None
        if tok.pos_ == "PRON" or low in words("person_pronoun") or low in words("thing_pronoun"):
            return self.from_entity(self.resolve_pronoun(tok), tok.text)
        if lemma in words("non_actor") or low in words("non_actor"):
            return None
        if tok.pos_ == "PROPN" and (whole := _of_name(self.text, tok)) and (found := lookup_name(whole)) and (
                found[0] or found[1]):
            # 'the Group of Seven', 'the League of Arab States' split at 'of' by the model
            return Actor(entity=None, text=whole, code=found[1], country=found[0])
        if lemma in words("group_word") or tok.pos_ == "NUM":
            # 'Thousands of Iraqis', 'dozens of Russian soldiers': the group is its members.
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            return self.actor(o)
            if tok.pos_ == "NUM":
                return None
            # 'the Hizbollah group', 'the group' (coreference): named by its modifier or context.
            found = self._modifier_actors(tok)
            if found:
                return found[0]
            eid = self.resolve_nominal(tok)
            return self.from_entity(eid, tok.text) if eid else None
        start, end = _name_span(tok)
        eid = entity_at(doc, start, end)
        if eid is None:
            eid = entity_at(doc, tok.idx, tok.idx + len(tok.text))
        ent = entity_by_id(doc, eid) if eid else None
        if ent is not None and tok.pos_ == "NOUN" and not any(
                m[2] == eid for m in intervals_of(doc, "mentions", annotations(doc).mentions).overlapping(tok.idx, tok.idx + 1)):
            # 'US commander': the entity is the noun's modifier; the noun is the actor.
            return self._common_noun(tok)
        text = self.text[start:end]
        if ent is not None:
            if self.is_natural(ent):
                return None
            # The mention as the entities stage delimits it ('Vladimir Putin', not 'President Vladimir Putin').
            for s, e, mid in intervals_of(doc, "mentions", annotations(doc).mentions).overlapping(tok.idx, tok.idx + 1):
                if mid == eid:  # the first mention (in list order) holding the token
                    text = self.text[s:e]
                    break
            country, code = self.entity_country(ent)
            if country is None and code is None and ent.type == "ORG" and (whole := _of_name(self.text, tok)):
                # 'the Group of Seven' where the model split the name at 'of': the whole name.
                found = lookup_name(whole)
                if found and (found[0] or found[1]):
                    country, code = found
            if country is None and code is None and ent.type != "PERSON":
                # 'US Congress' where the entities stage split 'US' off: read the modifiers.
                mods = self._modifier_actors(tok)
                if mods:
                    country, code = mods[0].country, mods[0].code
            if country is None and code is None and ent.type in ("GPE", "LOC"):
                # A city or division: the state it lies in ('hit Kharkiv' -> UKR).
                country = code = self.place_country(ent.name)
            if country is None and code is None and ent.type not in ("PERSON", "ORG", "GPE", "NORP", "IGO", "MEDIA"):
                return None
            return Actor(entity=ent.id, text=text, code=code, country=country)
        if tok.pos_ == "PROPN" and any(t.lower_ in words("non_actor") for t in tok.lefts):
            return None  # 'Cyclone Chido' where the model found no entity
        found = lookup_name(text)
        if found:
            return Actor(entity=None, text=text, code=found[1], country=found[0])
        if tok.pos_ == "PROPN" and (country := self.place_country(text)):
            return Actor(entity=None, text=text, code=country, country=country)  # a city the model did not tag
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._common_noun(tok)

    def _common_noun(self, tok: Token) -> Optional[Actor]:
        """'a Tunisian court', 'Iraq's army', 'the president of Armenia', 'its neighbor', 'rebels'."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        eid = self.resolve_nominal(tok)
        if eid:
            return self.from_entity(eid, self.text[min(t.idx for t in tok.subtree if t.i <= tok.i): tok.idx + len(tok.text)])
        if relational(tok):
            # 'its allies', 'our partners': others than the possessor, unnamed; but 'NATO
            # allies' are the members of the organisation that names them, whoever possesses them ('its NATO allies').
            orgs = (self.actor(c) for c in tok.lefts if c.dep_ in ("compound", "amod"))
            return next((a for a in orgs if a is not None and _igo(a.code)), None)
        instrument = lemma in words("instrument") or low in words("instrument")
        mods = tuple(c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ"))
        sector = "MIL" if instrument else sector_for_noun(low, lemma, mods)
        if sector:
            # 'the president of Armenia', 'the government of Sudan'
            for p in tok.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        inner = self.actor(o) if o.dep_ == "pobj" else None
                        if (inner is None or not inner.country) and o.dep_ == "pobj" and o.pos_ == "PROPN":
                            # 'the mayor of Kherson' (whatever type the model gave the name): its state
                            country = self.place_country(self.text[_name_span(o)[0]:o.idx + len(o.text)])
                            inner = Actor(entity=None, text=o.text, code=country, country=country) if country else inner
                        if inner is None and o.dep_ == "pobj" and o.pos_ == "NOUN":
                            inner = self.place_phrase(o)  # 'the mayor of a town in Mali' -> MLIGOV
                        if inner is not None and not inner.country and _igo(inner.code):
                            # 'members of the Security Council': the organisation itself
                            return Actor(entity=inner.entity, text=self.text[tok.idx : o.idx + len(o.text)],
                                         code=inner.code, country=None)
                        if inner is not None and inner.country:
                            return Actor(entity=inner.entity, text=self.text[tok.idx : o.idx + len(o.text)],
                                         code=inner.country + sector, country=inner.country)
        mods_found = self._modifier_actors(tok)
        if mods_found:
            return mods_found[0]
        if sector is None or instrument:
            return None
        # People act for the country they are in: 'students throughout Indonesia'.
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("in", "throughout", "across", "from", "of"):
                for o in p.children:
                    inner = self.actor(o) if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "NORP", "ORG") else None
                    if inner is not None and not inner.country and p.lower_ in ("from", "of") and _igo(inner.code):
                        # 'top diplomats from the Group of Seven' -> IGOGOS
                        return Actor(entity=inner.entity, text=self.text[tok.idx : o.idx + len(o.text)],
                                     code=inner.code, country=None)
                    if inner is None and o.dep_ == "pobj" and o.pos_ == "NOUN" and p.lower_ == "from" and any(
                            c.dep_ == "poss" for c in o.children):
                        # 'a spokesperson from Johnson's office' -> GBRGOV: the office of a named actor
                        found = self._modifier_actors(o)
                        inner = found[0] if found else None
                    if inner is None and o.dep_ == "pobj" and o.pos_ == "NOUN" and p.lower_ != "of":
                        inner = self.place_phrase(o)  # 'students at a school in the town of X'
                    if inner is not None and inner.country and o.ent_type_ != "ORG":
                        return Actor(entity=None, text=self.text[tok.idx : o.idx + len(o.text)],
                                     code=inner.country + sector, country=inner.country)
        # A generic actor coded by its role alone ('rebels' REB, 'police' COP).
        start = min([tok.idx] + [c.idx for c in tok.lefts if c.dep_ in ("compound", "amod")])
        return Actor(entity=None, text=self.text[start : tok.idx + len(tok.text)], code=sector, country=None)

    def _modifier_actors(self, tok: Token) -> list[Actor]:
        """'Russian forces' -> RUSMIL; 'Hungarian and Romanian officials' -> HUNGOV, ROUGOV."""
        if tok.doc is not self.doc:
            return self._modifiers_of(tok)
        found = self._modifiers.get(tok.i)
        if found is None:
            found = self._modifiers[tok.i] = self._modifiers_of(tok)
        return list(found)

    def _modifiers_of(self, tok: Token) -> list[Actor]:
        low = tok.lower_
        instrument = tok.lemma_.lower() in words("instrument") or low in words("instrument")
        mods = tuple(c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ"))
        sector = "MIL" if instrument else sector_for_noun(low, tok.lemma_.lower(), mods)
        out: list[Actor] = []
        for first in tok.children:
            if not (first.dep_ in ("amod", "compound", "poss", "nmod") and first.i < tok.i):
                continue
            for child in [first, *(c for c in first.children if c.dep_ == "conj")]:
                if child.lower_ in words("thing_pronoun") or is_first_person(child):
                    inner = self.actor(child)  # 'its forces' / 'our forces' -> whom 'its' / 'our' stands for
                    found = (inner.country, inner.code) if inner is not None else None
                    eid = inner.entity if inner is not None else None
                elif child.dep_ == "poss" and child.pos_ == "NOUN":
                    # "the court's president": the possessor the nominal stands for, if any
                    ref = self.resolve_nominal(child)
                    inner = self.from_entity(ref, child.text) if ref else None
                    found = (inner.country, inner.code) if inner is not None else None
                    eid = inner.entity if inner is not None else None
                else:
                    found = lookup_name(child.text)
                    eid = None
                if not (found and (found[0] or found[1])) and child.pos_ == "PROPN":
                    # 'European Community foreign ministers': the modifier is itself a named actor.
                    inner = self.actor(child)
                    found = (inner.country, inner.code) if inner is not None else None
                    eid = inner.entity if inner is not None else None
                if found and (found[0] or found[1]):
                    base = found[0] or found[1]
                    # 'our troops' said by 'the army' (MIL, no country): the role is not doubled
                    code = base + (sector or "") if sector and len(base) == 3 and base != sector else found[1] or base
                    start = min(t.idx for t in child.subtree) if child is first else child.idx
                    end = tok.idx + len(tok.text) if child is first else child.idx + len(child.text)
                    out.append(Actor(entity=eid, text=self.text[start:end], code=code, country=found[0]))
            if out:
                return out
        return out

    def actors(self, tok: Token) -> list[tuple[Token, Actor]]:
        """The actor of a token and of its coordinated conjuncts ('Poland, Romania, and Germany')."""
        if tok.doc is not self.doc:
            return self._actors_of(tok)
        found = self._actors.get(tok.i)
        if found is None:
            found = self._actors[tok.i] = self._actors_of(tok)
        return list(found)

    def _actors_of(self, tok: Token) -> list[tuple[Token, Actor]]:
        out = []
        for t in [tok, *_conjuncts(tok)]:
            a = self.actor(t)
            if a is not None:
                out.append((t, a))
                if a.entity is None and t.pos_ == "NOUN":
                    out.extend((t, m) for m in self._modifier_actors(t)[1:])
                if t.pos_ == "NOUN":
                    out.extend(self._of_list(t, a))
        return out

    def _of_list(self, tok: Token, first: Actor) -> list[tuple[Token, Actor]]:
        """'the prime ministers of India and Mauritius', 'foreign ministers from Britain and
        Canada', 'officials in Sudan and Chad': a plural role with a list of countries is one actor per country (the first
        is ``first``), each with the role's sector."""
        if tok.tag_ != "NNS" or not first.country or not first.code or not first.code.startswith(first.country):
            return []
        sector = first.code[len(first.country):]
        out = []
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("of", "from", "in"):
                for o in p.children:
                    if o.dep_ != "pobj":
                        continue
                    for c in _conjuncts(o):
                        inner = self.actor(c)
                        if inner is not None and inner.country and inner.country != first.country and not _igo(inner.code):
                            out.append((c, Actor(entity=None, text=f"{tok.text} {p.text} {c.text}",
                                                 code=inner.country + sector, country=inner.country)))
        return out


def _igo(code: Optional[str]) -> bool:
    return bool(code) and code.startswith(("IGO", "NGO"))


def _of_name(text: str, tok: Token) -> Optional[str]:
    """'Group of Seven': a name with its 'of' + proper-noun phrase, or None."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for o in p.children:
                if o.dep_ == "pobj" and o.pos_ == "PROPN":
                    start = min(t.idx for t in tok.lefts if t.dep_ == "compound") if any(
                        t.dep_ == "compound" for t in tok.lefts) else tok.idx
                    return text[start : o.idx + len(o.text)]
    return None


def _list_appos(tok: Token) -> list[Token]:
    """'Greece, Panama and South Korea' parsed as Greece + appos 'Panama and South Korea': an
    apposition of the same entity type that is itself a coordination is the rest of the list."""
    return [c for c in tok.children if c.dep_ == "appos" and tok.ent_type_ and c.ent_type_ == tok.ent_type_
            and any(cc.dep_ == "conj" for cc in c.children)]


def _conjuncts(tok: Token) -> list[Token]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"] + _list_appos(tok)
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out
