"""Quotes from a parsed Doc: marked quotes (direct/partial) and reported clauses
(indirect/mixed), each tied to a speaker.

Order of work: pair the marks on the raw text (``marks``), read each mark's syntactic
governor to find its cue, find reported clauses of speech verbs, then resolve speakers
in document order so that "he", "it" and "the statement" can look back at who spoke.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Token

from ..record import Quote, content_id, make_span
from ..contract import doc_text
from ..entities import SpeakerHistory
from ..lookups import Intervals
from .attribution import (
    addressee_and_medium,
    cue_class,
    cue_span,
    frame_verb,
    is_cue,
    mention_bounds,
    name_outside,
    of_complement,
    resolve_speaker,
    sentence_tokens,
    speaker_token,
)
from ..cues import CLAUSE_RANGE_CUES, CLAUSE_VERBS, GERUND_VERBS, MAKE_CLEAR, MEDIUM_NOUNS, VEHICLE_NOUNS
from .according import reattribute
from .markindex import MarkIndex
from .marks import Marked, find_marked
from .merge import merge_by_cue
from .notquotes import not_a_quote
from .reported import colon_headings, content_ranges, noun_content, noun_cue_source, token_range

_TRIM = " \t\n\r,;:.—–-"
_MAX_WALK = 8


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    cue: Optional[Token] = None
    speaker: Optional[Token] = None     # head of the speaker mention, when the parse has one
    mark: Optional[Marked] = None
    inherit: bool = False               # no attribution of its own: borrow a neighbour's
    framed: bool = False                # content from a cue's frame (object, infinitive, preposition), not its clause


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and the comma/period conventions inside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _governing_cue(doc: Doc, start: int, end: int, quoted: Intervals) -> Optional[Token]:
    """The nearest speech cue up the parse from the quote's tokens ("said" in
    'NATO said it was "hiding behind"'), or a cue the quote itself governs. A one- or
    two-word quote must hang close to its cue: far up the tree it is a name, not speech."""
    toks = [t for t in _tokens_in(doc, start, end) if not t.is_space]
    inside = {t.i for t in toks}
    max_walk = _MAX_WALK if sum(1 for t in toks if not t.is_punct) > 2 else 3
    ps, pe = _paragraph(doc_text(doc), start, end)
    best: Optional[tuple[int, Token]] = None
    for t in toks:
        h, steps = t.head, 1
        while h.i not in inside and steps <= max_walk:
            if not ps <= h.idx < pe:
                break                    # a parse reaching into another paragraph is wrong
            if is_cue(h) and not _in_quotes(h.idx, quoted):
                if best is None or steps < best[0]:
                    best = (steps, h)
                break
            if h.head.i == h.i:
                break
            h, steps = h.head, steps + 1
    if best is not None:
        return best[1]
    # The parser sometimes makes the quote the root and hangs "Kirby said" below it; of
    # several such cues the nearest to the marks is the quote's ("Stressing X, Trump said, “…”").
    hung = [c for t in toks for c in t.children
            if c.i not in inside and ps <= c.idx < pe and is_cue(c) and not _in_quotes(c.idx, quoted)]
    return min(hung, key=lambda c: start - c.idx if c.idx < start else c.idx - end, default=None)


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """Character bounds of the paragraph (line) holding text[start:end]."""
    ps = text.rfind("\n", 0, start) + 1
    pe = text.find("\n", end)
    return ps, (len(text) if pe < 0 else pe)


def _in_quotes(at: int, quoted: Intervals) -> bool:
    return quoted.contains(at)


def _nearest_cue(sent, start: int, end: int, quoted: Intervals) -> Optional[Token]:
    best = None
    ps, pe = _paragraph(doc_text(sent.doc), start, end)
    for t in sent:
        if t.is_space or not ps <= t.idx < pe or _in_quotes(t.idx, quoted) or not is_cue(t):
            continue
        if speaker_token(t) is None:
            continue
        dist = start - t.idx if t.idx < start else t.idx - end
        if best is None or dist < best[0]:
            best = (dist, t)
    return best[1] if best else None


def _is_premodifier(doc: Doc, start: int, end: int) -> bool:
    """A short marked stretch that modifies a noun right after it: a label, not speech."""
    toks = [t for t in _tokens_in(doc, start, end) if not t.is_punct and not t.is_space]
    if not toks or len(toks) > 4:
        return False
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside]
    return len(roots) == 1 and roots[0].dep_ in ("amod", "compound", "nmod", "nummod") and roots[0].head.i > toks[-1].i


def _starts_sentence(doc: Doc, m: Marked, sent) -> bool:
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and m.open_at - 1 <= first.idx <= m.start


def _cue_after(doc: Doc, m: Marked, quoted: Intervals) -> Optional[Token]:
    """“…!” officers announced: a closing ! or ? ends spaCy's sentence before the cue."""
    if m.close_at is None:
        return None
    after = doc.char_span(m.close_at + 1, min(len(doc_text(doc)), m.close_at + 120), alignment_mode="contract")
    if after is None:
        return None
    for t in list(after)[:8]:
        if t.is_space and "\n" in t.text:
            break
        if t.text in "“\"":
            break
        if is_cue(t) and not _in_quotes(t.idx, quoted) and speaker_token(t) is not None:
            return t
    return None


def _before_colon(doc: Doc, m: Marked, quoted: Intervals) -> tuple[Optional[Token], Optional[Token]]:
    """Cue and speaker of an introduction ending in a colon right before the quote."""
    text = doc_text(doc)
    j = m.open_at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0 or text[j] != ":" or text[j + 1:m.open_at].count("\n") > 2:
        return None, None
    colon = doc.char_span(j, j + 1, alignment_mode="expand")
    if colon is None or not len(colon):
        return None, None
    sent = colon[0].sent
    for t in reversed(doc[sent.start:colon[0].i]):
        if is_cue(t) and not _in_quotes(t.idx, quoted):
            spk = speaker_token(t)
            if spk is not None and _same_paragraph(text, spk.idx, j):
                return t, spk
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.i < colon[0].i and subj.pos_ in ("PROPN", "NOUN", "PRON") \
            and _same_paragraph(text, subj.idx, j):
        return None, subj
    return None, None


def _is_direct(doc: Doc, m: Marked, sent, cue: Optional[Token]) -> bool:
    """Whole sentence(s) in marks (or introduced by 'X said:'), not a fragment."""
    text = doc_text(doc)
    j = m.open_at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] in "\n:":
        return True
    first = next((t for t in sent if not t.is_space), None)
    at_sentence_start = first is not None and m.open_at - 1 <= first.idx <= m.start
    if at_sentence_start:
        after = m.close_at + 1 if m.close_at is not None else m.end
        rest = text[after:min(sent.end_char, _paragraph(text, m.start, after)[1])]
        # Either nothing but punctuation follows, or the attribution does.
        return not any(ch.isalnum() for ch in rest) or cue is not None and cue.idx > m.end
    content = text[m.start:m.end].lstrip()
    return bool(content) and content[0].isupper() and text[j] == "," and cue is not None and cue.idx < m.open_at


def _marked_candidates(doc: Doc, marks: list[Marked]) -> list[Candidate]:
    quoted = Intervals([(m.open_at, (m.close_at + 1) if m.close_at is not None else m.end) for m in marks])
    out = []
    for m in marks:
        start, end = _trim(doc_text(doc), m.start, m.end)
        if start >= end:
            continue
        sent = sentence_tokens(doc, start, end)
        if _is_premodifier(doc, start, end) or not_a_quote(doc, start, end, doc_text(doc)):
            continue                     # the “interim” government, “Meet the Press”, dubbed “Mr. P”
        cue = _governing_cue(doc, start, end, quoted)
        if cue is None or speaker_token(cue) is None:
            # A cue elsewhere in the sentence attributes a longer passage; for one or two
            # words (a name, the word “We”) it is mostly a coincidence.
            if len(doc_text(doc)[start:end].split()) >= 3 or _starts_sentence(doc, m, sent):
                cue = _nearest_cue(sent, start, end, quoted) or _cue_after(doc, m, quoted) or cue
        if cue is None or speaker_token(cue) is None:
            cue = frame_verb(doc, m.close_at) or cue
        direct = _is_direct(doc, m, sent, cue)
        cand = Candidate(start, end, "direct" if direct else "partial", cue=cue, mark=m)
        if cue is not None and not _same_paragraph(doc_text(doc), cue.idx, start):
            cue = None
        if cue is not None:
            cand.cue = cue
            cand.speaker = speaker_token(cue)
            if cand.speaker is not None and _in_quotes(cand.speaker.idx + len(cand.speaker) - 1, quoted):
                # '“The more people who know him ...,” said Briggs': a subject inside the
                # quotation marks is the quote's own word; the speaker is named outside.
                cand.speaker = next((x for x in cue.children if x.dep_ in ("nsubj", "nsubjpass") and not _in_quotes(
                    x.idx, quoted)), None) or name_outside(cue)
            if cand.speaker is not None and not _same_paragraph(doc_text(doc), cand.speaker.idx, start):
                cand.speaker = None
        if cand.speaker is None:
            # "Smith added:" / "Smith was defiant:" closing the sentence or paragraph before.
            cand.cue, cand.speaker = _before_colon(doc, m, quoted)
        if cand.speaker is None:
            cand.inherit = True
        out.append(cand)
    return out


def _clause_range(doc: Doc, cue: Token) -> Optional[tuple[int, int]]:
    """Char range of what ``cue`` reports, or None when it has no clause complement."""
    heads = [c for c in cue.children if c.dep_ == "ccomp"]
    if cue.lemma_.lower() == "make":
        # "made clear that X": the clause hangs off "clear" (or off "made", next to it).
        clear = [c for c in cue.children if c.lower_ in MAKE_CLEAR]
        heads = [g for c in clear for g in c.children if g.dep_ == "ccomp"] + [
            c for c in heads if c.lower_ not in MAKE_CLEAR]
    if not heads:
        obj = of_complement(cue)
        if obj is not None:
            heads = [obj]
    if not heads and cue.lemma_.lower() in GERUND_VERBS:
        heads = [c for c in cue.children if c.dep_ in ("xcomp", "dobj", "pcomp") and c.tag_ == "VBG"][:1]
    if not heads:
        # "said in a statement that X": the parser hangs the clause on "statement".
        for c in cue.children:
            if c.dep_ == "prep":
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.lower() in MEDIUM_NOUNS:
                        heads = [a for a in g.children if a.dep_ in ("acl", "relcl")
                                 and any(x.dep_ == "mark" and x.lower_ == "that" for x in a.children)][:1]
    if cue.lemma_.lower() in ("accord", "according"):
        head = cue.head
        if head.i == cue.i:
            return None
        # The clause on the side of the phrase that the phrase does not cover: "X, according
        # to Y, adding ..." keeps X; "According to Y, X" keeps X.
        if cue.i > head.i:
            toks = [t for t in head.subtree if t.i < cue.left_edge.i]
        else:
            toks = [t for t in head.subtree if t.i > cue.right_edge.i]
        return _token_range(toks)
    if not heads and cue.dep_ in ("ccomp", "parataxis") and cue.head.i != cue.i and not is_cue(cue.head):
        # "Troops will deploy ..., Kirby said" parsed with the report as the head.
        head = cue.head
        toks = [t for t in head.subtree if t.i < cue.left_edge.i]
        # '“...,” chairman, CEO and president Ana Ruiz said': what follows the closing mark
        # is the speaker's name, whatever the parse hung it on.
        close = [k for k, t in enumerate(toks) if t.text in "”\"»"]
        if close and all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "CCONJ", "PUNCT", "SPACE") for t in toks[close[-1] + 1:]):
            toks = toks[:close[-1] + 1]
        return _token_range(toks)
    if not heads:
        return None
    toks = [t for h in heads for t in h.subtree if not _cut(t, h)]
    if cue.dep_ == "relcl" and any(t.i < cue.i and t.tag_ in ("WDT", "WP") for t in toks):
        # 'the changes, which officials said will take effect': the relative pronoun moved
        # to the front of the clause; the report is what follows the cue, and the pronoun
        # stands for the noun it modifies (the speaker sits between them). Only when the cue
        # itself heads the relative clause: a fronted report ('What the army needs is more
        # shells, the general said') keeps its wh-word and everything before the cue.
        toks = [t for t in toks if t.i > cue.i]
    return _token_range(toks)


def _cut(tok: Token, head: Token) -> bool:
    """Whether ``tok`` belongs to a coordinated clause of someone else's ("..., and
    Washington has stressed ...") or to a new speech cue ("..., saying ...")."""
    t = tok
    while t.i != head.i and t.head.i != t.i:
        if t.head.i == head.i and t.pos_ in ("VERB", "AUX") and t.dep_ in ("conj", "advcl") and is_cue(t):
            return True
        if t.head.i == head.i and t.dep_ == "cc" and any(
            c.dep_ == "conj" and is_cue(c) for c in head.children
        ) and t.i > head.i:
            return True
        t = t.head
    return False


def _same_paragraph(text: str, *offsets: int) -> bool:
    """No line break between the cue, its clause and its speaker: a parse that reaches
    across a paragraph (headline into body) is wrong."""
    lo, hi = min(offsets), max(offsets)
    return "\n" not in text[lo:hi]


def _token_range(toks: list[Token]) -> Optional[tuple[int, int]]:
    return token_range(toks, ("that", "whether", "if"))


def _parenthetical_tail(doc: Doc, cue: Token) -> Optional[tuple[int, int]]:
    """'Perhaps, he said, the town has grown too fast': the report goes on after the cue."""
    if cue.dep_ not in ("ccomp", "parataxis") or cue.head.i == cue.i or is_cue(cue.head) or any(
            c.dep_ == "ccomp" for c in cue.children):
        return None
    head = cue.head
    toks = [t for t in head.subtree if t.i > cue.right_edge.i]
    return _token_range(toks)


def _content_of(doc: Doc, t: Token) -> tuple[list[tuple[int, int]], int, bool]:
    """Content ranges of a cue token, the fewest words a piece needs, and whether they come
    from the cue's frame (object, infinitive, preposition) rather than its reported clause."""
    lemma = t.lemma_.lower()
    if is_cue(t) and (lemma in CLAUSE_VERBS or lemma in CLAUSE_RANGE_CUES):
        rng = _clause_range(doc, t)
        if rng is not None:
            tail = _parenthetical_tail(doc, t)
            # 'which engineers said was unsafe': a relative clause's report can be two words.
            return ([rng, tail] if tail else [rng]), 2 if t.dep_ == "relcl" else 3, False
    return content_ranges(t), 1, True


def _indirect_candidates(doc: Doc, marks: list[Marked]) -> list[Candidate]:
    quoted = Intervals([(m.open_at, (m.close_at + 1) if m.close_at is not None else m.end) for m in marks])
    index = MarkIndex(marks)
    text = doc_text(doc)
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    for t in doc:
        if t.pos_ not in ("VERB", "AUX", "NOUN", "ADP") or _in_quotes(t.idx, quoted):
            continue
        lemma = t.lemma_.lower()
        speaker = None
        framed = False
        if t.pos_ == "NOUN":
            rng = noun_content(t)
            ranges, min_words = ([rng] if rng else []), 2
            if ranges:
                speaker = noun_cue_source(t)
        elif t.pos_ == "ADP":
            continue
        else:
            if any(c.dep_ == "neg" for c in t.children) and lemma != "deny" and lemma in CLAUSE_VERBS:
                continue
            ranges, min_words, framed = _content_of(doc, t)
            if ranges:
                speaker = speaker_token(t)
        if not ranges or speaker is None or _in_quotes(speaker.idx, quoted):
            continue
        if t.pos_ in ("VERB", "AUX") and not is_cue(t) and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            continue                     # "to support her": an infinitive inside someone's content
        if not _same_paragraph(text, t.idx, speaker.idx, *[x for r in ranges for x in r]):
            continue
        for start, end in ranges:
            if start < speaker.idx < end:
                # The parse put the speaker inside the report ('“...,” chairman, CEO and
                # president Ana Ruiz said'): the report ends at the last closing mark
                # before the speaker's name, else where the name begins.
                ms = doc[mention_bounds(speaker)[0]].idx
                close = max((k for k in range(start, ms) if text[k] in "”\"»"), default=None)
                end = close + 1 if close is not None else ms
                trimmed = _trim(text, start, end)
                start, end = trimmed
                if end <= start:
                    continue
            if (start, end) in seen:
                continue
            sp_end = mention_bounds(speaker)[1]
            if t.pos_ in ("VERB", "AUX") and lemma not in ("accord", "according") and t.i < speaker.i and start > speaker.idx and not text[doc[sp_end - 1].idx + len(doc[sp_end - 1]):start].strip(" ,"):
                continue                 # 'said Skelly, a longtime operative': an apposition, not a report
                                         # ('According to police, the man fled' is one)
            # A clause that stops inside a marked fragment takes the fragment's closing mark.
            # ... and one that starts inside it, its opening mark.
            start, end = index.widen(start, end)
            # What the clause says beyond its marked parts: a clause that is all quote is
            # already covered by the marked quote itself.
            words = [x for x in _tokens_in(doc, start, end) if x.is_alpha and not _in_quotes(x.idx, quoted)]
            if len(words) < min_words:
                continue
            has_marks = index.content_starts_in(start, end)
            seen.add((start, end))
            out.append(Candidate(start, end, "mixed" if has_marks else "indirect", cue=t, speaker=speaker, framed=framed))
    taken = {(c.start, c.end) for c in out}
    for colon, head, (start, end) in colon_headings(doc):
        if (start, end) not in taken and not index.inside(start):
            out.append(Candidate(start, end, "indirect", cue=colon, speaker=head))
    return _outermost(out)


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """Drop a broad-cue attribution whose cue lies inside another's content: each word
    belongs to one attribution ("Trump said Clinton wants to win" is Trump's claim). A speech
    verb read through its frame counts as broad ("a former aide said she demanded detailed
    briefings": the aide's claim); its reported clause does not ("said she denied that ...")."""
    keep = []
    spans = Intervals(cands)
    for c in cands:
        if c.cue is not None and (not is_cue(c.cue) or c.framed) and any(
                o is not c for o in spans.overlapping(c.cue.idx, c.cue.idx + 1)):
            continue
        keep.append(c)
    return keep


def _to_quote(doc: Doc, c: Candidate, history: SpeakerHistory, prev: Optional[Quote]) -> Quote:
    text = doc_text(doc)
    speaker_id = speaker_text = None
    speaker_span = cue = addressee = medium = klass = None
    if c.speaker is not None:
        klass = cue_class(c.cue) if c.cue is not None else "colon"
        s, e = mention_bounds(c.speaker)
        res = resolve_speaker(doc, c.speaker, s, e, history)
        history.add(c.speaker.idx, res, c.speaker.lemma_.lower())
        speaker_id, speaker_text = res.entity, res.text
        speaker_span = make_span(text, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
        cue = make_span(text, *cue_span(c.cue)) if c.cue is not None else None
        a, m = addressee_and_medium(c.cue) if c.cue is not None else (None, None)
        addressee = make_span(text, *a) if a else None
        medium = make_span(text, *m) if m else None
        vehicle = None if c.cue is None else c.cue if c.cue.pos_ == "NOUN" else c.cue.head if c.cue.dep_ == "acl" else None
        if medium is None and c.speaker.lemma_.lower() in VEHICLE_NOUNS and c.speaker.pos_ == "NOUN":
            medium = speaker_span            # "A Kremlin statement said": the statement is the medium
        elif medium is None and vehicle is not None and vehicle.pos_ == "NOUN" and vehicle.lemma_.lower() in VEHICLE_NOUNS:
            s2, e2 = mention_bounds(vehicle)  # "issued a statement (saying)": the vehicle
            medium = make_span(text, doc[s2].idx, doc[e2 - 1].idx + len(doc[e2 - 1]))
    elif c.inherit and prev is not None:
        # A run of quote paragraphs after one attribution: same speaker, same cue.
        speaker_id, speaker_text, speaker_span, cue = prev.speaker, prev.speaker_text, prev.speaker_span, prev.cue
        klass = prev.cue_class
    return Quote(
        id=content_id("quote", c.start, c.end, c.kind, text[c.start:c.end]),
        text=text[c.start:c.end],
        start=c.start,
        end=c.end,
        parts=[make_span(text, c.start, c.end)],
        kind=c.kind,
        cue_class=klass,
        speaker=speaker_id,
        speaker_span=speaker_span,
        speaker_text=speaker_text,
        cue=cue,
        addressee=addressee,
        medium=medium,
    )


def _neighbour(doc: Doc, c: Candidate, done: list[tuple[Candidate, Quote]]) -> Optional[Quote]:
    """The attributed quote an unattributed direct quote borrows its speaker from."""
    if c.mark is None or c.kind != "direct":
        return None
    text = doc_text(doc)
    # Only a paragraph that is (mostly) the quote continues someone's run of quotes from
    # an earlier paragraph; within one paragraph the last attributed quote always does.
    ps = text.rfind("\n", 0, c.start) + 1
    pe = text.find("\n", c.end)
    pe = len(text) if pe < 0 else pe
    mostly_quote = (c.end - c.start) >= 0.5 * len(text[ps:pe].strip())
    # Same or previous paragraph, with only quotes/short attributions in between.
    for pc, pq in reversed(done):
        if pq.speaker_text is None or pc.mark is None:
            continue
        gap = text[pq.end:c.start]
        if "\n" not in gap:
            return pq
        if not mostly_quote or gap.count("\n\n") + gap.count("\n") > 3 or len(gap) > 400:
            break
        return pq
    return None


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotes of a parsed Doc, in text order (what the ``sitrep_quotes`` component writes)."""
    return _find_quotes(doc)


def _enclosing_clauses(doc: Doc, marked: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """The reported clause around a marked fragment ('said both were “non-entities”'):
    the subtree of the cue's dependent that holds the fragment, when no clause of that
    cue was found. The fragment then merges into it (one record, kind mixed)."""
    have = {c.cue.i for c in indirect if c.cue is not None}
    text = doc_text(doc)
    out: list[Candidate] = []
    for c in marked:
        if c.kind != "partial" or c.cue is None or c.speaker is None or c.cue.i in have:
            continue
        toks = _tokens_in(doc, c.start, c.end)
        if not toks:
            continue
        t = toks[0]
        while t.head.i != c.cue.i and t.head.i != t.i:
            t = t.head
        if t.head.i != c.cue.i or t.dep_ not in ("ccomp", "xcomp", "dobj", "advcl", "conj", "oprd", "prep", "pcomp"):
            continue
        sub = [x for x in t.subtree]
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        if lo <= c.speaker.idx < hi or lo <= c.cue.idx < hi or "\n" in text[lo:hi]:
            continue
        rng = _token_range(sub)
        if rng is None or rng[1] - rng[0] <= (c.end - c.start) + 2:
            continue
        end = rng[1]
        if c.mark is not None and c.mark.close_at is not None and c.mark.close_at >= end:
            end = c.mark.close_at + 1
        have.add(c.cue.i)
        out.append(Candidate(rng[0], end, "mixed", cue=c.cue, speaker=c.speaker))
    return out


def _bounded(doc: Doc, m: Marked) -> Marked:
    """An opening mark nobody closed, in a paragraph that is not continued, quotes at most
    its own sentence, and stops at the comma before an attribution inside it ('"We will
    rebuild, Mayor X said. The opposition said ...' -> 'We will rebuild,'): the rest of the
    paragraph (a one-paragraph story: the rest of the story) is not swallowed into one quote."""
    if m.closed or m.continues:
        return m
    text = doc_text(doc)
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return m
    first = next((t for t in span if not t.is_space and not t.is_punct), span[0])
    end = min(m.end, first.sent.end_char)
    for t in span:
        if t.idx >= end:
            break
        who = speaker_token(t) if t.idx > first.idx and is_cue(t) else None
        if who is None or who.idx <= first.idx:
            continue
        begins = min(t.idx, doc[who.left_edge.i].idx)
        cut = text.rfind(",", first.idx, begins)
        if cut > first.idx and not text[cut + 1:begins].strip():
            end = cut + 1
            break
    return m if end >= m.end else replace(m, end=end)


def _find_quotes(doc: Doc) -> list[Quote]:
    marks = [_bounded(doc, m) for m in find_marked(doc_text(doc))]
    marked = _marked_candidates(doc, marks)
    indirect = _indirect_candidates(doc, marks)
    indirect += _enclosing_clauses(doc, marked, indirect)
    cands = sorted(reattribute(marked + indirect), key=lambda c: (c.start, -c.end))
    history = SpeakerHistory()
    done: list[tuple[Candidate, Quote]] = []
    for c in cands:
        prev = _neighbour(doc, c, done) if c.inherit else None
        q = _to_quote(doc, c, history, prev)
        done.append((c, q))
    _share_continued(doc, done)
    # A marked stretch nobody is found to have said is a title, a slogan or a scare quote.
    kept = [(c, q) for c, q in done if q.speaker_text is not None]
    return merge_by_cue(doc_text(doc), kept)


def _share_continued(doc: Doc, done: list[tuple[Candidate, Quote]]) -> None:
    """Paragraphs of one continued quote share the attribution found in any of them."""
    run: list[int] = []
    for i, (c, q) in enumerate(done):
        if c.mark is None:
            continue
        run.append(i)
        if not c.mark.continues:
            if len(run) > 1:
                src = next((done[j][1] for j in reversed(run) if done[j][1].speaker_text), None)
                if src is not None:
                    for j in run:
                        dq = done[j][1]
                        if dq.speaker_text is None:
                            done[j] = (done[j][0], dq.model_copy(update={
                                "speaker": src.speaker, "speaker_text": src.speaker_text,
                                "speaker_span": src.speaker_span, "cue": src.cue,
                                "cue_class": src.cue_class}))
            run = []
