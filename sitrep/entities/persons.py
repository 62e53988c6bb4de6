"""People the small model never tags, or tags as a place or an organisation (issue 15),
part of ``sitrep_ner_fixes``.

A capitalised proper name (one to four words, outside the gazetteer and the place table) is a
PERSON when the words around it say so:

* an apposition that is a role or a relative "who": "Rogier Creemers, assistant professor at
  ...", "A Qiang, who used to work ...";
* a copula with a role: "Mahad Wasuge is the executive director of ...";
* for a name the model tagged nothing or a place it does not know (not an organisation: an
  organisation speaks too), the subject of a speech verb: "Equiluz says ...", "said Wasuge".

Name particles join a person's name ("Ursula Von" + "der" + "Leyen" -> "Ursula Von der
Leyen"). The particles and the speech verbs are data (``entity_words.tsv`` set ``particle``,
``cues.tsv`` role ``speech``, read through ``sitrep.cues``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from ..contract import doc_text
from ..cues import SPEECH_VERBS
from ..wordlists import table
from .gazetteer import lookup
from .titles import TITLE_MODS, is_title_head, is_title_word

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{3,}\b")


@lru_cache(maxsize=None)
def particles() -> frozenset[str]:
    return frozenset(r["word"] for r in table("entity_words.tsv") if r["set"] == "particle")


def _name_token(t: Token) -> bool:
    return t.is_title and (t.is_alpha or "-" in t.text) and not t.is_stop and t.pos_ == "PROPN"


def _known_place(text: str) -> bool:
    from ..gazetteer import gazetteer  # the place table (stage-neutral), loaded once

    return bool(gazetteer().candidates(text))


def _role_after(doc: Doc, i: int) -> bool:
    """Tokens from ``i`` read ", [a|an|the] [modifiers] ROLE" or ", who"."""
    if i >= len(doc) or doc[i].text != ",":
        return False
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "who":
        return True
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for k in range(j, min(j + 4, len(doc))):
        tok = doc[k]
        if is_title_head(tok.text) and tok.pos_ == "NOUN":
            return True
        if not (tok.lower_ in TITLE_MODS or tok.pos_ in ("ADJ", "NOUN", "PROPN")):
            return False
    return False


def _copula_role(span: Span) -> bool:
    """'X is the executive director of ...': the name is the subject of 'be' whose attribute is a role."""
    root = span.root
    head = root.head
    if root.dep_ != "nsubj" or head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and is_title_head(c.text) for c in head.children)


def _speaks(span: Span) -> bool:
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() in SPEECH_VERBS


def _runs(doc: Doc, covered: set[int]) -> list[Span]:
    """Maximal runs of capitalised proper nouns outside every entity (not a sentence's first
    word alone: 'Officials said' is no name)."""
    # Only the proper nouns are visited (found in one numpy pass, not a walk over every Token).
    propn = (doc.to_array(POS) == PROPN).nonzero()[0].tolist()
    out, last = [], -1
    for i in propn:
        if i < last or i in covered or not _name_token(doc[i]):
            continue
        j = i
        while j < len(doc) and j not in covered and _name_token(doc[j]) and j - i < 4:
            j += 1
        out.append(doc[i:j])
        last = j
    return out


def context_persons(doc: Doc, ents: list[Span]) -> list[Span]:
    """Add or retype the names whose context makes them people (see the module docstring)."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    out = []
    for e in ents:
        if e.label_ in ("GPE", "ORG", "LOC", "FAC", "NORP") and all(_name_token(t) for t in e):
            role = _role_after(doc, e.end) or _copula_role(e)
            if (role or e.label_ in ("GPE", "LOC") and _speaks(e)) and lookup(e.text) is None \
                    and not _known_place(e.text):
                e = Span(doc, e.start, e.end, label="PERSON")
        out.append(e)
    text = doc_text(doc)
    for run in _runs(doc, covered):
        if not (_role_after(doc, run.end) or _copula_role(run) or _speaks(run)):
            continue
        ls, le = text.rfind("\n", 0, run.start_char) + 1, text.find("\n", run.end_char)
        if not _LOWER_WORD.search(text[ls:le if le >= 0 else len(text)]):
            continue  # a headline-case line: every word is a capitalised PROPN there
        if lookup(run.text) is not None or all(is_title_word(t.text) for t in run) \
                or run.start > 0 and doc[run.start - 1].pos_ == "DET" or _known_place(run.text):
            continue  # 'Director General', 'The Print': a role, a titled name
        out.append(Span(doc, run.start, run.end, label="PERSON"))
    return join_particles(doc, _join_first_names(doc, out))


def _join_first_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """'Tomasz' (GPE) + 'Verhulst' (PERSON): a one-word name the model typed otherwise, right
    before a person and unknown to the gazetteer and the place table, is the first name."""
    by_end = {e.end: e for e in ents if len(e) == 1 and e.label_ != "PERSON"}
    drop: set[int] = set()
    out = []
    for e in ents:
        prev = by_end.get(e.start)
        if e.label_ == "PERSON" and prev is not None and _name_token(prev[0]) and lookup(prev.text) is None \
                and not _known_place(prev.text):
            drop.add(prev.start)
            e = Span(doc, prev.start, e.end, label="PERSON")
        out.append(e)
    return [x for x in out if not (x.start in drop and len(x) == 1 and x.label_ != "PERSON")]


def join_particles(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name goes on through name particles: "Ursula Von" + "der Leyen"."""
    parts = particles()
    starts = {e.start: e for e in ents}
    drop: set[int] = set()
    out = []
    for e in ents:
        if e.label_ != "PERSON" or e.start in drop:
            out.append(e)
            continue
        j = e.end
        while j < len(doc) and doc[j].lower_ in parts:
            j += 1
        if j > e.end and j < len(doc) and doc[j].is_title and doc[j].is_alpha:
            end = j + 1
            nxt = starts.get(j)
            if nxt is not None:
                end = nxt.end
                drop.add(nxt.start)
            e = Span(doc, e.start, end, label="PERSON")
        out.append(e)
    return [x for x in out if x.start not in drop]


__all__ = ["context_persons", "join_particles", "particles"]
