"""Coreference of pronouns and nominals to entities: one resolver for every stage.

- people: "he", "she" -> ``resolve.resolve_person`` (gender-compatible person, subjects first);
- things: "it", "its", "they", "their", "them" -> the nearest compatible actor entity
  (country, organisation, IGO, group), preferring the subject of the clause that governs the
  pronoun's clause ("Kyiv said it had struck" -> Kyiv), then subjects earlier in the sentence,
  then up to three sentences back;
- first person: "we", "our", "I" inside a quotation -> the quote's speaker (``speaking_quote``);
  the quotes are read through the stage contract (``doc._.sitrep.quotes``), so this answers
  only for stages after ``sitrep_quotes`` (before it, and outside quotations: None);
- nominals: "the country", "the group", "the alliance" -> the nearest earlier entity of that
  kind; singular relational nouns with a possessor ("its neighbor", "Russia's ally") -> the
  nearest earlier country that is not the possessor; plural ones ("its allies", "our
  partners") name an unspecified set of others, so no entity (``relational``);
- speakers: a pronoun or role noun that speaks ("he said", "It added", "the statement said",
  "the spokesman added") -> the source it continues, from the ``SpeakerHistory`` the quotes
  stage fills as it reads the article (``resolve_speaker_pronoun``, ``resolve_speaker_noun``).

The word lists are data (``sitrep/data/coref_words.tsv``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from ..contract import annotations
from ..lookups import by_id, cached, intervals_of
from .mentionindex import first_containing, mention_index, previous_sentences
from ..wordlists import table
from .resolve import PRONOUNS as PERSON_PRONOUNS
from .resolve import resolve_person

__all__ = ["resolve_pronoun", "resolve_nominal", "THING_PRONOUNS", "is_first_person", "speaking_quote", "relational", "Referent", "SpeakerHistory",
           "resolve_speaker_pronoun", "resolve_speaker_noun", "entity_type", "entity_name"]


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    """set name -> {word: value} from coref_words.tsv (loaded once)."""
    out: dict[str, dict[str, str]] = {}
    for r in table("coref_words.tsv"):
        out.setdefault(r["set"], {})[r["word"]] = r["value"]
    return out


def _set(name: str) -> dict[str, str]:
    return _words().get(name, {})


THING_PRONOUNS = frozenset(("it", "its", "itself", "they", "them", "their", "themselves"))
_ACTOR_TYPES = {"GPE", "ORG", "IGO", "NORP"}


def is_first_person(token: Token) -> bool:
    """'we', 'our', 'I' - not the country 'US' (same lower-case form, written in capitals)."""
    return token.lower_ in _set("first_person") and not (len(token.text) > 1 and token.text.isupper())


def speaking_quote(doc: Doc, token: Token):  # noqa: ANN201 - a sitrep.record.Quote or None
    """The quote whose content holds a first-person pronoun, whose speaker it stands for
    ('"Our forces will respond," the minister said': 'Our' is the minister's), or None.
    Quotes nest rarely; the innermost part holding the token wins. Reads the quotes stage's
    output through the contract, so it is empty (None) until that stage has run."""
    if not is_first_person(token):
        return None
    quotes = annotations(doc).quotes or []
    parts = intervals_of(doc, "quote-parts", _quote_parts(doc, quotes))
    held = [(end - start, q) for start, end, q in parts.overlapping(token.idx, token.idx + 1)]
    held = [h for h in held if h[1].speaker or h[1].speaker_span is not None]
    return min(held, key=lambda h: h[0])[1] if held else None


def _quote_parts(doc: Doc, quotes: list) -> list:
    """(start, end, quote) for every body part of the quotes, built once per quotes list."""
    return cached(doc, "quote-part-list", quotes,
                  lambda qs: [(p.start, p.end, q) for q in qs for p in q.parts if p.field == "text"])


def resolve_pronoun(doc: Doc, token: Token) -> Optional[str]:
    """Entity id a pronoun most likely refers to, or None (people and things)."""
    low = token.lower_
    if is_first_person(token):
        q = speaking_quote(doc, token)
        return q.speaker if q is not None else None
    if low in PERSON_PRONOUNS:
        return resolve_person(doc, token)
    if low in THING_PRONOUNS:
        return _resolve_thing(doc, token, depth=0)
    return None


def _entities(doc: Doc) -> dict:
    return by_id(doc, "entities", annotations(doc).entities)


def _kind_ok(ent, plural: bool) -> bool:
    if ent is None or ent.type not in _ACTOR_TYPES:
        return False
    if not plural and ent.type == "NORP":
        return False  # "it" is a state or an organisation, not "the Russians"
    return True


def _mention_entity(doc: Doc, tok: Token, ents: dict) -> Optional[object]:
    m = first_containing(doc, tok.idx)
    return ents.get(m[2]) if m is not None else None


def _clause_subjects(tok: Token) -> list[Token]:
    """Subjects of the clauses above ``tok``, nearest first ('Kyiv said it had struck')."""
    out = []
    t = tok
    for _ in range(8):
        if t.head is t:
            break
        t = t.head
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i:
                out.append(c)
    return out


def _resolve_thing(doc: Doc, token: Token, depth: int) -> Optional[str]:
    ents = _entities(doc)
    plural = token.lower_ in ("they", "them", "their", "themselves")
    own_clause = {c.i for c in token.head.children} if token.dep_ in ("nsubj", "nsubjpass") else set()

    def usable(tok: Token) -> Optional[str]:
        if tok.i == token.i or tok.i in own_clause and tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        if tok.lower_ in THING_PRONOUNS and depth < 3:
            return _resolve_thing(doc, tok, depth + 1)
        ent = _mention_entity(doc, tok, ents)
        if ent is None:
            # "Kyiv's forces", "the Russian ministry": the name inside the subject.
            for c in tok.children:
                if c.dep_ in ("poss", "compound", "amod"):
                    inner = _mention_entity(doc, c, ents)
                    if _kind_ok(inner, True):
                        return inner.id
            return None
        return ent.id if _kind_ok(ent, plural) else None

    # 1. the subject of a governing clause in the same sentence
    for subj in _clause_subjects(token):
        found = usable(subj)
        if found:
            return found
    # 2. subjects earlier in the sentence, then in up to three sentences back (latest first)
    for j, sent in enumerate(previous_sentences(token, 4)):
        toks = [t for t in sent if t.i < token.i and t.dep_ in ("nsubj", "nsubjpass")]
        for t in reversed(toks):
            found = usable(t)
            if found:
                return found
            if j > 0 and _blocks(t, plural):
                # The previous main clause's subject is a thing of the same number ("The
                # deployments are ... They are under bilateral arrangements"): not an actor.
                return None
    # 3. the nearest earlier compatible mention (before the first one ending past the pronoun)
    index = mention_index(doc)
    fits = index.matching(("actor", plural), lambda m: _kind_ok(ents.get(m[2]), plural), keep=ents)
    return _last_fit(index, fits, index.first_ending_after(token.idx))


def _last_fit(index, fits, end: int) -> Optional[str]:
    """The entity id of the last fitting mention before position ``end`` of the index, or None."""
    p = index.last_before(fits, end)
    return index.mentions[p][2] if p >= 0 else None


def _name_head(name: str) -> str:
    """The head word of an organisation's name: the last word before 'of', else the last
    ('International Court of Justice' -> 'court', 'U.N. Security Council' -> 'council')."""
    words_ = name.split()
    if "of" in words_[1:]:
        words_ = words_[: words_.index("of", 1)]
    return words_[-1].lower() if words_ else ""


def _named_head(doc: Doc, token: Token, ents: dict) -> Optional[str]:
    """The last organisation mention before ``token`` whose name has the token as its head
    ('the court' -> 'the International Court of Justice'), from the index of mentions by
    name head (built once per mentions list, not a walk of every mention per noun)."""
    index = mention_index(doc)
    heads = index.grouped("org-name-head", _org_name_head(ents), keep=ents)
    p = index.last_before(heads.get(token.lower_, []), index.first_starting_at(token.idx))
    return index.mentions[p][2] if p >= 0 else None


def _org_name_head(ents: dict):  # noqa: ANN202 - a mention -> group function
    def head(m) -> Optional[str]:  # noqa: ANN001
        ent = ents.get(m[2])
        return _name_head(ent.name) if ent is not None and ent.type in ("ORG", "IGO") else None
    return head


def _blocks(tok: Token, plural: bool) -> bool:
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    tag_plural = tok.tag_ in ("NNS", "NNPS")
    return tag_plural == plural


def resolve_nominal(doc: Doc, token: Token) -> Optional[str]:
    """Entity id a definite or possessed common noun stands for, or None.

    "the country" -> the nearest earlier country; "the group"/"the militants" -> the nearest
    earlier organisation; "its neighbor"/"Russia's ally" -> the nearest earlier country other
    than the possessor.
    """
    low, lemma = token.lower_, token.lemma_.lower()
    ents = _entities(doc)
    if relational(token):
        poss = next((c for c in token.children if c.dep_ == "poss"), None)
        if poss is None or token.tag_ in ("NNS", "NNPS"):
            # 'its allies', 'Russia's partners': a set of others the text does not name, not
            # the one country mentioned last.
            return None
        owner = resolve_pronoun(doc, poss) if poss.lower_ in THING_PRONOUNS else (
            getattr(_mention_entity(doc, poss, ents), "id", None))
        owner_ent = ents.get(owner) if owner else None
        owner_country = getattr(owner_ent, "country", None)
        index = mention_index(doc)
        countries = index.matching("country-gpe", lambda m: _country_gpe(ents.get(m[2])), keep=ents)
        for p in index.backwards(countries, index.first_starting_at(token.idx)):
            eid = index.mentions[p][2]
            if eid == owner or (owner_country and ents[eid].country == owner_country):
                continue
            return eid  # the nearest earlier country other than the possessor's
        return None
    kinds = _set("definite")
    kind = kinds.get(lemma) or kinds.get(low)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
        return None
    if any(c.dep_ in ("amod", "compound", "poss") for c in token.children):
        return None  # "the Russian government": named by its modifier, not by the context
    if token.tag_ == "NN" or token.tag_ == "NNP" and token.text.islower():  # the tagger calls 'council' NNP
        # "the court" after "the International Court of Justice", "the council" after "the
        # U.N. Security Council": the nearest earlier organisation whose name has that head.
        named = _named_head(doc, token, ents)
        if named or kind is None:
            return named
    if kind is None:
        return None
    index = mention_index(doc)
    fits = index.matching(("definite", kind), lambda m: _of_kind(ents.get(m[2]), kind), keep=ents)
    return _last_fit(index, fits, index.first_starting_at(token.idx))


def relational(token: Token) -> bool:
    """A noun that names its possessor's counterpart ('its neighbor', 'our allies', 'U.S.
    partners'): never the possessor or modifier itself."""
    words_ = _set("relational")
    return token.lower_ in words_ or token.lemma_.lower() in words_


def _country_gpe(ent) -> bool:  # noqa: ANN001
    return ent is not None and ent.type == "GPE" and bool(ent.country)


def _of_kind(ent, kind: str) -> bool:  # noqa: ANN001
    """The entity is what a definite noun of that kind ('the country', 'the group') stands for."""
    if ent is None:
        return False
    if kind == "country":
        return ent.type == "GPE" and bool(ent.country) and ent.actor_code == ent.country
    if kind == "organisation":
        return ent.type in ("ORG", "IGO") and not (ent.actor_code or "").endswith("MED")
    return False


# -- speakers: who a continuing "he said", "It added", "the statement" is ----------------------
# The quotes stage records each attribution's source as it reads the article in order; a
# pronoun or role noun that speaks later is resolved here, against that history and the
# entity mentions, so that the article has one resolver (issue 12).

@dataclass
class Referent:
    """What a mention stands for: an entity id (None when unnamed), a display name, and
    whether it is a person."""

    entity: Optional[str]
    text: str
    person: bool


@dataclass
class SpeakerHistory:
    """Sources seen so far in the article, in text order: (offset, referent, head lemma)."""

    items: list[tuple[int, Referent, str]] = field(default_factory=list)
    # Positions in ``items`` by head lemma and by person-ness: a query for one kind reads
    # only those (the history grows with the article).
    _by_lemma: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)
    _by_person: dict[bool, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, at: int, ref: Referent, head_lemma: str) -> None:
        self._by_lemma.setdefault(head_lemma, []).append(len(self.items))
        self._by_person.setdefault(ref.person, []).append(len(self.items))
        self.items.append((at, ref, head_lemma))

    def last(self, before: int, person: Optional[bool] = None, lemma: Optional[str] = None) -> Optional[Referent]:
        """The latest source before ``before``, of that kind and/or with that head lemma."""
        ref, _ = self.last_at(before, person, lemma)
        return ref

    def last_at(self, before: int, person: Optional[bool] = None,
                lemma: Optional[str] = None) -> tuple[Optional[Referent], int]:
        if lemma is not None:
            order = self._by_lemma.get(lemma, [])
        elif person is not None:
            order = self._by_person.get(person, [])
        else:
            order = range(len(self.items))
        if sum(map(len, self._by_person.values())) != len(self.items):
            order = range(len(self.items))  # items given to the constructor: no index for them
        for i in reversed(order):
            at, ref, head = self.items[i]
            if at >= before or (person is not None and ref.person != person) or (lemma is not None and head != lemma):
                continue
            return ref, at
        return None, -1


def entity_type(doc: Doc, eid: Optional[str]) -> Optional[str]:
    ent = _entities(doc).get(eid) if eid else None
    return ent.type if ent is not None else None


def entity_name(doc: Doc, eid: Optional[str], fallback: str) -> str:
    ent = _entities(doc).get(eid) if eid else None
    return ent.name if ent is not None else fallback


def _last_mention_before(doc: Doc, eid: str, at: int) -> int:
    index = mention_index(doc)
    p = index.last_before(index.of_id(eid), index.first_starting_at(at))
    return index.mentions[p][0] if p >= 0 else -1


def _nearest_person_before(doc: Doc, at: int) -> Optional[str]:
    index = mention_index(doc)
    ents = _entities(doc)
    people = index.matching("person", lambda m: getattr(ents.get(m[2]), "type", None) == "PERSON", keep=ents)
    p = index.last_before(people, index.first_starting_at(at))
    return index.mentions[p][2] if p >= 0 else None


def resolve_speaker_pronoun(doc: Doc, token: Token, history: SpeakerHistory) -> Referent:
    """A pronoun that speaks ("he said", "It added"): a person pronoun continues the last
    person who spoke unless the entity stage's candidate was named after that speaker ("Kim
    criticised the budget. He said ..."); "it"/"they" continue the last source that is no
    person. Unresolved: the pronoun itself, no entity."""
    low, text = token.lower_, token.text
    if low in PERSON_PRONOUNS:
        eid = resolve_person(doc, token)
        prev, prev_at = history.last_at(token.idx, person=True)
        if eid is not None and entity_type(doc, eid) in ("PERSON", None):
            if prev is None or _last_mention_before(doc, eid, token.idx) > prev_at:
                return Referent(eid, entity_name(doc, eid, text), True)
        if prev is not None:
            return prev
        eid = _nearest_person_before(doc, token.idx)
        return Referent(eid, entity_name(doc, eid, text), True)
    if low in THING_PRONOUNS:
        prev = history.last(token.idx, person=False)
        if prev is not None:
            return prev
    return Referent(None, text, False)


def resolve_speaker_noun(token: Token, history: SpeakerHistory) -> Optional[Referent]:
    """A role or vehicle noun that speaks with no name of its own ("the spokesman said",
    "the statement added"): the latest source with that head noun, or None."""
    return history.last(token.idx, lemma=token.lemma_.lower())
