"""NER fixes for news text (component ``sitrep_ner_fixes``, runs right after ``ner``).

The small English model is weak in predictable ways on news pages; each fix below targets
one of them and leaves everything else as the model said:

1. span edges: a leading "the" and a trailing "'s" are not part of a name;
2. headline-case lines and page chrome ("U.S. Sends Troops To Europe", "Leave a Reply")
   are not entities: in a line where nearly every word is capitalised the tagger calls every
   word a proper noun, so a multi-word span there is kept only if the body or the gazetteer
   confirms it as a name;
3. a name right after a role word ("Chancellor Olaf Scholz") is a PERSON whatever label the
   model gave, and so is a later bare surname of that person ("Scholz said", tagged GPE);
4. names the model misses that the gazetteer knows (media such as "ZDF", IGOs, metonyms)
   are added, case-sensitively, where they do not overlap a model entity.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..anatomy.words import alternation
from ..contract import doc_text, guarded, spacy_meta
from .context import is_junk, replace_overlapping, retype, words
from .discourse import office_holders, repeats, settlements
from .persons import context_persons, particles
from .gazetteer import gazetteer, lookup
from .titles import TITLE_HEADS, TITLE_MODS, is_title_head, is_title_word, title_words

NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Page chrome inside a span ("Leave a Reply", "Read more"): the words are page-anatomy data
# (sitrep/data/anatomy_words.tsv, set ner_chrome), kept with the other chrome words of a page.
_CHROME = re.compile(rf"\b({alternation('ner_chrome')})\b", re.IGNORECASE)
# Navigation words a page dump leaves as lone capitalised lines ("TRENDING", "Email").
_CHROME_WORDS = set(title_words("chrome"))  # sitrep/data/title_words.tsv
_GAZ_ADD_KINDS = ("media", "igo", "metonym", "country", "capital")
_GAZ_LABEL = {"media": "ORG", "igo": "ORG", "metonym": "ORG", "country": "GPE", "capital": "GPE"}
# Two-letter forms are too often something else ("IT", "AM", "RT" a retweet); those of
# entity_words.tsv set short_form are not ("US", "UN").
_SHORT_OK = words("short_form")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) if text.find("\n", end) >= 0 else len(text))


def _headline_case(line: str) -> bool:
    """A line where (nearly) every word, function words included, is capitalised."""
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", line)
    if len(words) < 4 or line.rstrip().endswith((".", "?", "!", "”", '"')) and len(words) > 20:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.8


def _is_fragment(span: Span) -> bool:
    """A headline fragment: holds a verb or a capitalised function word after its first token."""
    for i, tok in enumerate(span):
        if tok.pos_ in ("VERB", "AUX") and tok.text[:1].isupper() and lookup(tok.text) is None:
            return True
        if i > 0 and tok.is_stop and tok.text[:1].isupper() and tok.is_alpha:
            return True
    return False


def _seen_elsewhere(text: str, span: Span, ls: int, le: int) -> bool:
    """In a headline the tagger calls every word PROPN ("Warsaw Hosts Talks"): a multi-word
    name there is trusted only when the body repeats it, or the gazetteer knows it."""
    if lookup(span.text) is not None:
        return True
    return text.find(span.text, 0, ls) >= 0 or text.find(span.text, le) >= 0


_POSS_TOKENS = ("'s", "’s", "'", "’")


def _trim(span: Span) -> list[Span]:
    """Clean span edges; a span holding a possessive is two names ("Punjab’s Bhatinda")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in ("the", "a", "an") and not _the_in_name(doc, start, end)
                           or doc[start].text in _POSS_TOKENS or doc[start].is_punct):
        start += 1
    # Trailing possessives, punctuation, lowercase words ("Logar province", "Associated Press
    # that") and role words ("House of Representatives Speaker") are not part of the name.
    while end > start and (doc[end - 1].text in _POSS_TOKENS
                           or doc[end - 1].is_punct and doc[end - 1].text != "."
                           or doc[end - 1].is_lower and doc[end - 1].is_alpha
                           or end - start > 1 and span.label_ != "PERSON" and is_title_head(doc[end - 1].text)
                           and _person_follows(doc, end)):
        end -= 1
    if start >= end:
        return []
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in doc[start:end]):
        return []  # "meth", "immigration department": common nouns the model promoted
    for k in range(start + 1, end - 1):
        if doc[k].text in ("'s", "’s"):
            left = _part(doc, start, k, span.label_)
            right = _part(doc, k + 1, end, span.label_)
            return left + right
    if (start, end) == (span.start, span.end):
        return [span]
    return [Span(doc, start, end, label=span.label_)]


def _the_in_name(doc: Doc, start: int, end: int) -> bool:
    """'The Hague', 'The Gambia': a capitalised 'The' inside a sentence that the place table
    has as part of the feature's own name."""
    if doc[start].text != "The" or doc[start].is_sent_start or end - start < 2:
        return False
    from ..gazetteer import gazetteer  # the place table (stage-neutral), loaded once

    name = doc[start:end].text
    return any(f.name == name for f in gazetteer().candidates(name))


def _person_follows(doc: Doc, i: int) -> bool:
    """A name (after an optional comma) follows: the word before it is a role, not a name part."""
    if i < len(doc) and doc[i].text == ",":
        i += 1
    return i < len(doc) and doc[i].ent_type_ == "PERSON"


def _part(doc: Doc, start: int, end: int, label: str) -> list[Span]:
    entry = lookup(doc[start:end].text)
    if entry is not None and entry.kind in _GAZ_LABEL:
        label = _GAZ_LABEL[entry.kind]
    elif entry is not None and entry.kind in ("demonym",):
        label = "NORP"
    elif entry is not None and entry.kind == "place":
        label = "GPE"
    return _trim(Span(doc, start, end, label=label))




def _title_person(span: Span) -> Span:
    """A name right after a role word is a person: "Chancellor Olaf Scholz" (ORG) -> PERSON "Olaf Scholz"."""
    doc = span.doc
    toks = list(span)
    i = 0
    while i < len(toks) - 1 and is_title_word(toks[i].text):
        i += 1
    name = toks[i:]
    if not all(t.text[:1].isupper() and (t.is_alpha or t.text.endswith(".") or "-" in t.text)
               or t.lower_ in particles() and 0 < k < len(name) - 1 for k, t in enumerate(name)):
        return span
    before = doc[span.start - 1] if span.start > 0 else None
    titled = i > 0 and is_title_head(toks[i - 1].text) or before is not None and is_title_head(before.text)
    if not titled or (span.label_ == "PERSON" and i == 0):
        return span
    if len(name) == 1 and lookup(name[0].text) is not None:
        return span  # "Minister Ukraine" is not a person; a gazetteer name keeps its reading
    return Span(doc, span.start + i, span.end, label="PERSON")


def _inside_title(span: Span) -> bool:
    """The model's "Defence" (ORG) in "Defence Minister Sergei Shoigu": a word of the title."""
    doc = span.doc
    if span.label_ == "PERSON" or span.end >= len(doc) or lookup(span.text) is not None:
        return False
    if span.text == "State" and span.start >= 2 and doc[span.start - 1].lower_ == "of" \
            and is_title_head(doc[span.start - 2].text):
        return True  # "Secretary of State"
    return all(is_title_word(t.text) for t in span) and is_title_word(doc[span.end].text)


@lru_cache(maxsize=4)
def _gaz_matcher(vocab) -> tuple[PhraseMatcher, dict]:
    matcher = PhraseMatcher(vocab, attr="ORTH")
    kinds: dict[str, str] = {}
    from spacy.lang.en import English

    tokenizer = English().tokenizer
    patterns = []
    for form, entry in gazetteer().surfaces(_GAZ_ADD_KINDS):
        letters = form.replace(".", "")
        if not form[:1].isupper() or (len(letters) <= 2 and letters not in _SHORT_OK):
            continue
        if form.lower().startswith("the "):
            continue
        kinds[form] = entry.kind
        patterns.append(tokenizer(form))
    matcher.add("GAZ", patterns)
    return matcher, kinds


def fix_entities(doc: Doc) -> Doc:
    text = doc_text(doc)
    out: list[Span] = []
    line_cache: dict[int, bool] = {}
    for ent in doc.ents:
        if "\n" in ent.text:
            continue
        if ent.label_ in NAME_LABELS:
            ls, le = _line_bounds(text, ent.start_char, ent.end_char)
            if ls not in line_cache:
                line_cache[ls] = _headline_case(text[ls:le])
            if line_cache[ls] and len(ent) > 1 and (_is_fragment(ent) or not _seen_elsewhere(text, ent, ls, le)):
                continue
            if (_CHROME.search(ent.text) or ent.text.lower() in _CHROME_WORDS) and lookup(ent.text) is None:
                continue
            if len(ent) == 1 and ent.label_ != "PERSON" and ent[0].is_stop:
                continue  # "Contact Us", "About Us": a function word is not a place
            if is_junk(ent, text, ls, le):
                continue  # "SOCCER", "WATCH", "AI", table column headers
            for part in _trim(ent):
                part = _title_person(part)
                if not _inside_title(part):
                    out.append(part)
            continue
        out.append(ent)
    out = _datelines(doc, text, out)
    out = context_persons(doc, out)
    out = _extend_first_names(doc, out)
    out = _surnames_to_person(doc, out)
    out = _add_gazetteer(doc, out, line_cache)
    out = repeats(doc, office_holders(doc, settlements(doc, retype(doc, out))))
    doc.ents = filter_spans(out)
    return doc


# "VIENNA —", "HANOI, Vietnam (AP) —", "ST. JOSEPH, Mich. (AP) —", "NEW DELHI:" at a paragraph start.
_DATELINE = re.compile(r"(?m)^([A-Z][A-Z.'\- ]{2,40}?[A-Z.])(?=(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:\([^)\n]{1,30}\))?\s*[—–:-]{1,2}\s)")


def _datelines(doc: Doc, text: str, ents: list[Span]) -> list[Span]:
    """An all-caps place opening a paragraph before a dash is the dateline's city (GPE)."""
    added = []
    for m in _DATELINE.finditer(text):
        span = doc.char_span(m.start(1), m.end(1), label="GPE", alignment_mode="contract")
        if span is None or not span.text.replace(".", "").replace(" ", "").isupper() \
                or span.text in words("not_name") and lookup(span.text) is None:
            continue  # "SOCCER - ..." opens a sports page's heading: a section word, not a city
        added.append(span)
    return replace_overlapping(ents, added)


def _surnames_to_person(doc: Doc, ents: list[Span]) -> list[Span]:
    """A bare surname of a person named in full elsewhere is that person ("Scholz said")."""
    surnames = {s for e in ents if e.label_ == "PERSON" and len(e.text.split()) > 1
                for s in (e[-1].text, e.text.split()[-1])}  # "al-Bashir" -> "Bashir" and "al-Bashir"
    if not surnames:
        return ents
    # An all-caps heading spells the surname in capitals ("SELES BEATS CAPRIATI").
    surnames |= {s.upper() for s in surnames if len(s) > 2 and s[:1].isupper()}
    fixed = []
    covered = set()
    for e in ents:
        if e.label_ in ("GPE", "ORG", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT") \
                and len(e.text.split()) == 1 and e.text in surnames:
            e = Span(doc, e.start, e.end, label="PERSON")
        fixed.append(e)
        covered.update(range(e.start, e.end))
    # The model sometimes tags nothing at all on "Kirby said" (or reads "Trump" as a verb):
    # add those tokens too, unless the word is a function word ("May", "Will").
    # Only the tokens spelled like a surname are visited, found by orth id in one numpy
    # pass: iterating every Token of the doc was most of this stage's time.
    keys = numpy.array([hash_string(s) for s in surnames], dtype=numpy.uint64)
    hits = numpy.isin(doc.to_array(ORTH), keys).nonzero()[0].tolist()
    for i in hits:
        tok = doc[i]
        if tok.i not in covered and tok.text in surnames and not tok.is_stop \
                and tok.pos_ in ("PROPN", "NOUN", "VERB", "ADJ"):
            fixed.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    return fixed


def _extend_first_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"where Adolf Hitler was born": the model tags "Hitler" only; a capitalised proper noun
    right before a person span, outside any entity and not a role or a known place, is part
    of the name."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        if e.label_ == "PERSON" and e.start > 0:
            prev = doc[e.start - 1]
            if (prev.i not in covered and prev.pos_ == "PROPN" and prev.is_title and prev.is_alpha
                    and not prev.is_stop and prev.lower_ not in TITLE_MODS and prev.lower_ not in TITLE_HEADS
                    and lookup(prev.text) is None):
                e = Span(doc, e.start - 1, e.end, label="PERSON")
        out.append(e)
    return out


def _add_gazetteer(doc: Doc, ents: list[Span], line_cache: dict[int, bool]) -> list[Span]:
    matcher, kinds = _gaz_matcher(doc.vocab)
    covered = set()
    for e in ents:
        covered.update(range(e.start, e.end))
    added = []
    for _, start, end in matcher(doc):
        if any(i in covered for i in range(start, end)):
            continue
        span = doc[start:end]
        kind = kinds.get(span.text)
        if kind is None:
            continue
        added.append(Span(doc, start, end, label=_GAZ_LABEL[kind]))
    return ents + filter_spans(added)


# A hyphen after a dotted abbreviation splits off: "U.S.-led", "U.N.-backed", "U.S.-Japan"
# (spaCy's own infix rule wants a letter before the hyphen, so "U.S.-led" stays one token
# and the country inside it is never a name).
_ABBREV_HYPHEN = r"(?<=\b[A-Z]\.[A-Z]\.)-(?=[A-Za-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """Add the abbreviation-hyphen infix to ``nlp``'s tokenizer (once; the model files are
    untouched: the rule lives in this process's tokenizer only)."""
    tok = nlp.tokenizer
    current = getattr(tok.infix_finditer, "__self__", None)
    pattern = current.pattern if current is not None else ""
    if _ABBREV_HYPHEN in pattern:
        return
    tok.infix_finditer = re.compile(f"{pattern}|{_ABBREV_HYPHEN}" if pattern else _ABBREV_HYPHEN).finditer


@Language.factory("sitrep_ner_fixes", **spacy_meta("sitrep_ner_fixes"))
def make_ner_fixes(nlp: Language, name: str):
    split_abbreviation_hyphens(nlp)
    return lambda doc: guarded(name, fix_entities, doc)
