"""Titles and affiliation of people, read from the words around a name.

Pre-modifiers: "British Prime Minister Boris Johnson" -> title "Prime Minister", country GBR;
"Pentagon spokesman John Kirby" -> title "spokesman", affiliation "Pentagon" (country USA).
Appositions: "John Kirby, the Pentagon spokesman," / "Kirby, a spokesman for the Pentagon,".
The words are read left/right of the name until something that is neither a role word nor
a name (a verb, a determiner on the left, a comma on the right): news titles are compact
noun compounds, so this lexical walk is more robust than the small model's parse of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from ..wordlists import members, table
from .gazetteer import GazEntry, lookup


def title_words(which: str) -> frozenset[str]:
    """A set of sitrep/data/title_words.tsv (head, mod, female, male, honorific, ...)."""
    return members("title_words.tsv", "set", which, key="word")

# Head nouns: a title must contain one of these (sitrep/data/title_words.tsv, set head).
TITLE_HEADS = set(title_words("head"))
# Role nouns kept as data (professions, sports positions: "Defender X", "Professor Y").
TITLE_HEADS |= {r["word"] for r in table("entity_words.tsv") if r["set"] == "title"}
# Modifiers that only occur inside titles ("Deputy Foreign Minister", "Vice President").
TITLE_MODS = set(title_words("mod"))
_LEFT_STOP = {"the", "a", "an", "and", "or", "but", "by", "to", "with", "that", "for", "from", "in", "on"}
_FEMALE = set(title_words("female"))
_MALE = set(title_words("male"))
_MOD_NOT_ALONE = title_words("mod_not_alone")    # "of", "state": inside a title only
_HEAD_NOT_ALONE = title_words("head_not_alone")  # "deputy", "chief": no title head alone


def is_title_word(text: str) -> bool:
    low = text.lower()
    return low in TITLE_HEADS or low in TITLE_MODS and low not in _MOD_NOT_ALONE


def is_title_head(text: str) -> bool:
    return text.lower() in TITLE_HEADS and text.lower() not in _HEAD_NOT_ALONE


@dataclass
class TitleInfo:
    title: Optional[str] = None
    country: Optional[str] = None          # from a demonym/country in the title ("British", "U.S.")
    affiliation: Optional[str] = None      # organisation named in the title ("Pentagon")
    affiliation_entry: Optional[GazEntry] = None
    gender: Optional[str] = None           # "m" / "f" where a word says so


def _ent_at(doc: Doc, i: int) -> Optional[Span]:
    tok = doc[i]
    if not tok.ent_type_:
        return None
    # Walk to the entity's first token (IOB) and return the span.
    s = i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return Span(doc, s, e, label=doc[s].ent_type_)


def _apply_ent(info: TitleInfo, ent: Span) -> bool:
    """A name inside a title: a country (-> country) or an organisation (-> affiliation)."""
    if ent.label_ == "PERSON":
        return False
    entry = lookup(ent.text)
    if entry is not None and entry.kind in ("country", "demonym", "capital"):
        info.country = info.country or entry.country
        return True
    if ent.label_ in ("ORG", "FAC") or entry is not None:
        # An organisation, or a sub-national place ("South Dakota Gov."): the body the
        # person acts for, and its country.
        if info.affiliation is None:
            info.affiliation = ent.text
            info.affiliation_entry = entry
            if entry is not None and entry.country and info.country is None:
                info.country = entry.country
        return True
    if ent.label_ in ("NORP", "GPE"):
        return True
    return False


def _head_word(title: str) -> bool:
    words = title.lower().split()
    return any(w in TITLE_HEADS for w in words)


def title_before(span: Span) -> TitleInfo:
    """Title words and names immediately left of a person mention."""
    doc = span.doc
    info = TitleInfo()
    words: list[str] = []
    i = span.start - 1
    while i >= 0:
        tok = doc[i]
        if tok.ent_type_ and tok.ent_type_ != "PERSON":
            ent = _ent_at(doc, i)
            if ent is not None and words and all(is_title_word(t.text) for t in ent):
                # The model's "Defence" ORG in "Defence Minister": part of the title.
                words[:0] = [t.text for t in ent]
                i = ent.start - 1
                continue
            if ent is None or not _apply_ent(info, ent):
                break
            i = ent.start - 1
            continue
        if tok.text in ("'s", "’s") and i > 0 and doc[i - 1].ent_type_:
            i -= 1
            continue
        low = tok.lower_
        # "of", "State", "House" only inside a title: "Secretary of State", "White House".
        inner = low in TITLE_MODS and i > 0 and (doc[i - 1].lower_ == "of" or is_title_word(doc[i - 1].text))
        if low in _LEFT_STOP or not (is_title_word(tok.text) or inner or low == "of" and words):
            break
        words.insert(0, tok.text)
        i -= 1
    while words and words[0].lower() == "of":
        words.pop(0)
    words = _split_institution(info, words)
    if words and _head_word(" ".join(words)):
        info.title = _normalise_title(words)
    info.gender = _gender(words)
    return info


_INSTITUTION_WORDS = set(title_words("institution"))


def _split_institution(info: TitleInfo, words: list[str]) -> list[str]:
    """"Foreign Ministry spokeswoman" -> affiliation "Foreign Ministry", title "spokeswoman"."""
    cut = max((k for k, w in enumerate(words) if w.lower() in _INSTITUTION_WORDS), default=-1)
    if cut < 0 or cut == len(words) - 1:
        return words
    if info.affiliation is None:
        info.affiliation = " ".join(words[: cut + 1])
        info.affiliation_entry = lookup(info.affiliation)
        if info.affiliation_entry is not None and info.country is None:
            info.country = info.affiliation_entry.country
    return words[cut + 1:]


def title_after(span: Span) -> TitleInfo:
    """Apposition: "John Kirby, the Pentagon spokesman," / "Kirby, a spokesman for the Pentagon,"."""
    doc = span.doc
    info = TitleInfo()
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return info
    i += 1
    words: list[str] = []
    limit = min(len(doc), i + 10)
    if i < limit and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    while i < limit:
        tok = doc[i]
        if tok.text in (",", ".", ";", ")") or tok.is_sent_start:
            break
        if tok.ent_type_ and tok.ent_type_ != "PERSON":
            ent = _ent_at(doc, i)
            if ent is None or not _apply_ent(info, ent):
                if words and _head_word(" ".join(words)):
                    break  # "..., president of Women Arise for Change": the role is already read
                return TitleInfo()
            i = ent.end
            continue
        low = tok.lower_
        if low in ("for", "at", "of", "to", "the", "'s", "’s"):
            i += 1
            continue
        if not is_title_word(tok.text):
            # Other words of a noun phrase ("a Nigerian women's rights activist", "Haiti's
            # secretary of state for communication") are read past; a verb or a pronoun means
            # a clause, not an apposition: trust nothing from it.
            if tok.pos_ in ("NOUN", "ADJ", "PART", "CCONJ", "DET", "ADP", "PROPN") and tok.is_alpha | (tok.pos_ == "PART"):
                if tok.pos_ == "CCONJ" and words and _head_word(" ".join(words)):
                    break  # "an activist and president of ...": the first role is the title
                i += 1
                continue
            return TitleInfo()
        words.append(tok.text)
        i += 1
    if words and _head_word(" ".join(words)):
        info.title = _normalise_title(words)
        info.gender = _gender(words)
        return info
    return TitleInfo()


# Roles written in lower case mid-sentence; capitalised only because a sentence starts there.
_COMMON_ROLES = set(title_words("common_role"))


def _normalise_title(words: list[str]) -> str:
    if len(words) == 1 and words[0].lower() in _COMMON_ROLES:
        return words[0].lower()
    return " ".join(words)


def _gender(words: list[str]) -> Optional[str]:
    low = {w.lower() for w in words}
    if low & _FEMALE:
        return "f"
    if low & _MALE:
        return "m"
    return None


def honorific_gender(text: str) -> Optional[str]:
    first = text.split()[0].lower() if text.split() else ""
    if first in _MALE:
        return "m"
    if first in _FEMALE:
        return "f"
    return None
