"""Who said it: from a cue token to the speaker mention, entity, addressee and medium.

Everything here reads the dependency parse. The speaker is the cue's subject (or the
agent of a passive cue, or the object of "according to"); participles and conjuncts
without a subject of their own ("..., saying", "... but said") borrow their governing
verb's. Mentions that are not names are resolved against what came before in the
article by the one coreference resolver (``entities.coref``: ``SpeakerHistory``): "he" ->
the last person who spoke, "it" -> the last institution that did, "the statement" -> the
last statement mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from .. import entities as _entities
from ..entities import is_title_head, PERSON_PRONOUNS, THING_PRONOUNS, Referent, SpeakerHistory
from ..contract import doc_text
from ..lookups import intervals_of
from .reported import issuer, prep_of_frame
from ..cues import ADDRESSEE_VERBS, QUOTING_VERBS, cue_lemma, record_class, SUBJECT_CONTROL, AS_VERBS, ISSUER_VERBS, VEHICLE_NOUNS, MEDIA_NOUNS, MEDIUM_NOUNS, MAKE_CLEAR, OF_VERBS, SPEAKER_NOUNS, SPEECH_VERBS

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE = frozenset({"who", "which", "that", "whom"})
TELL_VERBS = ADDRESSEE_VERBS
# Words that, between a name and its cue, mean the mention ends: "Putin, who ..." -> "Putin".
_STOP_RIGHT = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl", "parataxis"})


def is_cue(tok: Token) -> bool:
    """A token that introduces speech: a speech verb, "according (to)", "made clear"."""
    lemma = cue_lemma(tok)
    if tok.pos_ in ("VERB", "AUX") and lemma in SPEECH_VERBS:
        # "called on the government to ...", "called off": a request, not words quoted.
        if lemma == "call" and any(c.dep_ in ("prt", "prep") and c.lower_ in ("on", "off", "for", "up") and c.i == tok.i + 1
                                   for c in tok.children):
            return False
        return True
    if lemma in ("accord", "according") and any(c.lower_ == "to" for c in tok.children):
        return True
    if lemma == "make" and any(c.lower_ in MAKE_CLEAR for c in tok.children):
        return True
    return False


def cue_class(tok: Token) -> str:
    """The cue's class (``record.CueClass``): speech, accusation, belief, according_to, noun."""
    lemma = tok.lemma_.lower()
    if tok.text == ":":
        return "colon"
    if lemma in ("accord", "according"):
        return "according_to"
    if tok.pos_ in ("NOUN", "PROPN", "ADP"):
        return "noun"
    return record_class(cue_lemma(tok))


def cue_span(tok: Token) -> tuple[int, int]:
    """Character span of the cue phrase: "said", "according to", "made clear"."""
    start, end = tok.idx, tok.idx + len(tok)
    particle = prep_of_frame(tok)
    if particle is not None:              # "called for", "referred to"
        end = particle.idx + len(particle)
    for c in tok.children:
        if (c.lower_ == "to" and tok.lemma_.lower() in ("accord", "according")) or (
            tok.lemma_.lower() == "make" and c.lower_ in MAKE_CLEAR
        ):
            if c.i == tok.i + 1 or (tok.lemma_.lower() == "make" and c.i <= tok.i + 2):
                end = max(end, c.idx + len(c))
    return start, end


def _subject(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    for c in verb.children:  # passive cue: "was told by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def speaker_token(cue: Token) -> Optional[Token]:
    """The head token of whoever utters what ``cue`` introduces."""
    lemma = cue.lemma_.lower()
    if lemma in ("accord", "according"):
        for c in cue.children:
            if c.lower_ == "to":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None
    tok = cue
    for _ in range(4):
        subj = _subject(tok)
        if subj is not None:
            if subj.lower_ in RELATIVE and tok.dep_ == "relcl":
                return subj              # "Putin, who said ...": the mention is "who", resolved to Putin
            return _speaker_head(subj)
        if _passive(tok) or (tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.lemma_.lower() in TELL_VERBS):
            # "workers who were informed that ...", "Asked about the deal, she said ...": the
            # one told or asked is not the source, and the source is not named.
            return None
        if tok.i == cue.i and tok.tag_ == "VBN" and tok.dep_ == "acl":
            # "a party called Anti-Prom", "the plan announced on Monday": a participle that
            # describes its noun names no source (an agent would be the subject above).
            return None
        if tok.dep_ == "acl" and tok.head.dep_ == "pobj" and tok.head.head.dep_ == "prep":
            tok = tok.head.head.head     # "posted on Twitter accusing ...": the poster accuses
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if tok.head.lemma_.lower() in VEHICLE_NOUNS:
                # "issued a statement saying ...", "placed ads calling ...": whoever issues,
                # sends or places the vehicle speaks; the vehicle is the medium.
                src = issuer(tok.head) or _sender(tok.head)
                if src is not None:
                    return _speaker_head(src)
            return tok.head              # "South Dakotans ... declaring", "The company, ..., confirmed"
        if tok.dep_ == "xcomp":
            # Object control: "prompted some users to argue" -> the users argue. Only an
            # infinitive: in "emailed supporters saying ..." the emailer is saying.
            obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and obj.i < tok.i and tok.tag_ != "VBG" \
                    and cue_lemma(tok.head) not in SUBJECT_CONTROL:
                return obj
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            verb = tok.head.head
            if tok.head.lower_ == "as" and cue_lemma(verb) in QUOTING_VERBS:
                # "Putin was quoted by Tass as saying ...", "Tass quoted Putin as saying ...":
                # the one quoted speaks; the subject or the agent is only the medium.
                quoted = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
                if quoted is not None:
                    return _speaker_head(quoted)
            tok = verb                   # "after accusing them of ..." -> the verb "after" hangs on
            continue
        if tok.dep_ in ("conj", "advcl", "xcomp", "acl") and tok.head.i != tok.i:
            head = tok.head
            # "NATO said X is Y, saying ...": the participle hangs off the reported clause
            # in the parse, but it is NATO that is saying.
            if head.dep_ == "ccomp" and is_cue(head.head) and head.head.i < head.i:
                tok = head.head
                continue
            tok = head
            continue
        if tok.dep_ == "relcl" and tok.head.i != tok.i:
            return tok.head
        break
    return _name_before(cue) or _name_after(cue)


def _sender(vehicle: Token) -> Optional[Token]:
    """The subject of whatever verb takes the vehicle as its object ("sent out an email",
    "placed newspaper ads"), when the clause has one."""
    head = vehicle.head
    if vehicle.dep_ in ("dobj", "conj") and head.pos_ in ("VERB", "AUX"):
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    return None


def name_outside(cue: Token) -> Optional[Token]:
    """A speaker named right before or after the cue, outside the quote's parse."""
    return _name_before(cue) or _name_after(cue)


def frame_verb(doc: Doc, close_at: Optional[int]) -> Optional[Token]:
    """'“This is fantastic!” beamed Hartley', '“…,” Hartley shrugged.': a finite verb where
    the speech verb of a quote's frame stands, with its subject right beside it and nothing
    else in the clause, introduces the quote whatever its lemma. ``close_at``: the closing mark's offset."""
    if close_at is None:
        return None
    after = doc.char_span(close_at + 1, min(len(doc_text(doc)), close_at + 100), alignment_mode="contract")
    if after is None:
        return None
    toks = []
    for t in after:
        if t.is_space and "\n" in t.text:
            break
        if not t.is_space:
            toks.append(t)
    while toks and toks[0].text in ",":
        toks = toks[1:]
    if not toks:
        return None

    def finite(t: Token) -> bool:
        return t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP")

    def ends(k: int) -> bool:
        return k >= len(toks) or toks[k].is_punct and toks[k].text in ".,;!?"

    if toks[0].lower_ in RELATIVE or toks[0].dep_ == "cc":
        return None                      # '“…” who promote ...': a clause of its own
    v = toks[0]
    if finite(v):                       # inverted: '”, beamed Hartley.'
        subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i > v.i), None)
        if subj is not None and ends(subj.right_edge.i - v.i + 1):
            return v
        return None
    for k, t in enumerate(toks[:5]):
        if finite(t):                   # '”, Hartley beamed.'
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
            if subj is not None and subj.left_edge.i == toks[0].i and ends(k + 1):
                return t
            return None
        if t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "PART") and t.text not in ".":
            return None
    return None


def _name_after(cue: Token) -> Optional[Token]:
    """'“...,” said Skelly': an inverted speaker the parser did not make the subject."""
    doc = cue.doc
    if cue.i + 1 >= len(doc) or cue.dep_ not in ("ROOT", "parataxis", "ccomp"):
        return None
    t = doc[cue.i + 1]
    if t.text[:1].isupper() and t.is_alpha and t.pos_ in ("PROPN", "ADV", "NOUN", "X", "ADJ") and t.head.i == cue.i \
            and t.dep_ in ("advmod", "npadvmod", "dobj", "attr", "dep", "appos", "oprd", "nmod"):
        return t
    return None


def _name_before(cue: Token) -> Optional[Token]:
    """'..., ” chairman Craig Menear said': the parser sometimes hangs the name on the
    quote instead of the verb. Take the noun right before the cue when only a noun phrase
    stands between the closing quotation mark and the cue."""
    doc = cue.doc
    j = cue.i - 1
    head = None
    while j >= 0 and cue.i - j <= 8:
        t = doc[j]
        if t.text in "”\"»":
            return head
        if t.pos_ in ("PROPN", "NOUN") and head is None:
            head = t
        elif not (t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "CCONJ") or t.text == ","):
            return None
        j -= 1
    return None


def _speaker_head(subj: Token) -> Token:
    """The token naming the speaker, given the subject the parse found: past a dateline
    ('HANOI, Vietnam (AP) — Mark Esper said': the parser may make the dateline the subject
    and the name its apposition after the dash) and past coordinated titles ('chairman and
    founder Craig Menear said': the parser may make the first title the subject and the name
    its conjunct or apposition; a bare singular title coordinated with another is the name's)."""
    doc = subj.doc
    for c in subj.rights:
        if c.dep_ == "appos" and any(t.text in "—–" for t in doc[subj.i + 1:c.left_edge.i + 1]):
            return c
    if subj.tag_ == "NN" and is_title_head(subj.text) and any(c.dep_ == "cc" for c in subj.children) \
            and not any(c.dep_ in ("det", "poss") for c in subj.children):
        for c in subj.rights:
            if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN" and not any(
                    t.is_punct for t in doc[subj.i + 1:c.left_edge.i]):
                return c
    return subj


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def mention_bounds(tok: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``tok``, without its
    relative clauses, appositions or anything after a comma."""
    # Leftwards up to a comma, dash or bracket: a dateline ("HANOI, Vietnam (AP) — U.S.
    # Defense Secretary Mark Esper") is not part of the name.
    start = tok.i
    for j in range(tok.i - 1, tok.left_edge.i - 1, -1):
        t = tok.doc[j]
        if t.is_space or (t.is_punct and t.text in ",;:—–-()[]\"“”") or "\n" in t.text:
            break
        start = j
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in _STOP_RIGHT:
            break
        if any(t.text in ",;(" for t in tok.doc[end:c.i]):
            break
        end = c.right_edge.i + 1
    while end - 1 > tok.i and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def resolve_speaker(doc: Doc, head: Token, start: int, end: int, history: SpeakerHistory) -> Referent:
    """Entity id and display name for the mention doc[start:end] headed by ``head``."""
    text = doc[start:end].text
    low = head.lower_
    if low in RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
        # "Putin, who said ...": the relative pronoun stands for the noun its clause hangs on.
        ante = head.head.head
        s, e = mention_bounds(ante)
        return resolve_speaker(doc, ante, s, e, history)
    if head.pos_ == "PRON" or low in PERSON_PRONOUNS | THING_PRONOUNS:
        return _entities.resolve_speaker_pronoun(doc, head, history)
    s_char, e_char = head.idx, head.idx + len(head)
    eid = _entities.entity_at(doc, s_char, e_char)
    if eid is None:
        # "A Kremlin statement", "a spokesperson from Johnson's office": the entity inside
        # the mention is who the statement speaks for.
        m_start, m_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        # The first mention (in list order) inside the phrase; those all overlap it.
        for s, e, mid in intervals_of(doc, "mentions", doc._.sitrep.mentions).overlapping(m_start, m_end):
            if s >= m_start and e <= m_end:
                eid = mid
                break
    lemma = head.lemma_.lower()
    if eid is None and lemma in SPEAKER_NOUNS:
        prev = _entities.resolve_speaker_noun(head, history)   # "the statement" -> the Kremlin statement
        if prev is not None:
            return prev
    etype = _entities.entity_type(doc, eid)
    if eid is not None and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ == "" and lemma not in VEHICLE_NOUNS \
            and etype in ("NORP", "GPE") \
            and _entities.entity_at(doc, s_char, e_char) is None:
        # "the Russian defence ministry said": the source is the ministry, named in full,
        # not the nationality that modifies it (the entity id still links the country).
        return Referent(eid, text, False)
    person = etype == "PERSON" or (etype is None and head.ent_type_ == "PERSON")
    if lemma in SPEAKER_NOUNS and head.ent_type_ != "PERSON":
        person = lemma.startswith("spokes") or lemma == "official"
    return Referent(eid, _entities.entity_name(doc, eid, text), person)


def addressee_and_medium(cue: Token) -> tuple[Optional[tuple[int, int]], Optional[tuple[int, int]]]:
    """Char spans of whom it was said to ("told Johnson") and where ("in an interview on ZDF")."""
    doc = cue.doc
    addressee = medium = None
    lemma = cue.lemma_.lower()

    def span_of(tok: Token) -> tuple[int, int]:
        s, e = mention_bounds(tok)
        return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])

    def is_media(tok: Token) -> bool:
        return tok.lemma_.lower() in MEDIA_NOUNS or tok.ent_type_ == "MEDIA"

    if lemma in ("accord", "according"):
        return None, None
    verb = cue.head.head if cue.dep_ == "pcomp" and cue.head.lower_ == "as" else None
    if verb is not None and cue_lemma(verb) in QUOTING_VERBS:
        # "quoted by Tass as saying", "Interfax quoted X as saying": whoever quotes is the medium.
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        subj = agent if agent is not None else next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            medium = span_of(subj)
    for c in _near_children(cue):
        if c.dep_ in ("dobj", "dative", "iobj") and lemma in TELL_VERBS and c.pos_ in ("PROPN", "NOUN", "PRON"):
            if is_media(c):
                medium = medium or span_of(c)
            elif addressee is None:
                addressee = span_of(c)
        elif c.dep_ == "prep" and c.i > cue.i:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if c.lower_ == "to" and lemma not in TELL_VERBS and addressee is None and not is_media(pobj):
                addressee = span_of(pobj)
            elif c.lower_ in ("in", "on", "at", "during", "to", "via", "through") and (
                pobj.lemma_.lower() in MEDIUM_NOUNS or is_media(pobj)
            ):
                if medium is None:
                    medium = (c.idx, c.right_edge.idx + len(c.right_edge))
    if medium is not None:
        # The medium phrase ends before any trailing clause ("... without specifying a date").
        s, e = medium
        text = doc_text(doc)[s:e]
        for stop in (" without ", " after ", " before ", " while ", ", "):
            k = text.find(stop)
            if k > 0:
                e = s + k
                text = text[:k]
        medium = (s, e)
    return addressee, medium


def _near_children(cue: Token):
    """The cue's children, plus prepositions hanging one level lower ("said late on
    February 2 in an interview": the parser often attaches "in" to the date), but never
    inside the reported clause."""
    for c in cue.children:
        yield c
        if c.dep_ in ("npadvmod", "advmod", "prep"):
            for g in c.children:
                if g.dep_ == "prep":
                    yield g
                for gg in g.children:
                    if gg.dep_ == "prep" and g.dep_ == "pobj":
                        yield gg


def of_complement(cue: Token) -> Optional[Token]:
    """"accused Ukraine of X" -> X; "denounced it as X" -> X."""
    lemma = cue.lemma_.lower()
    want = "of" if lemma in OF_VERBS else "as" if lemma in AS_VERBS else None
    if want is None:
        return None
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ == want:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


def sentence_tokens(doc: Doc, start: int, end: int) -> SpacySpan:
    """The sentences that overlap the character range, as one span."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    last = doc.char_span(max(end - 1, start), max(end, start + 1), alignment_mode="expand")
    s = first.sent.start if first is not None and len(first) else 0
    e = last.sent.end if last is not None and len(last) else len(doc)
    return doc[s:e]
