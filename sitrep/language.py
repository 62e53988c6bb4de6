"""Which language a text is in: ISO 639-1 code, confidence and script, never a refusal.

The classifier is py3langid (BSD-3-Clause; a maintained fork of langid.py, 142 languages,
its naive-Bayes model of byte n-grams ships inside the wheel, loaded once per process in
about half a second). It was measured against lingua-language-detector (Apache-2.0) in
``benchmarks/bench_language.py``: the same accuracy on the readability test pages, one
error more on 80 short texts of our own, and some 80x faster with an eighth of the memory
(lingua holds about 1 GB of models per process) — which matters in every ingest worker.

What sitrep adds around it:

- **"und"** (ISO 639-2 "undetermined") for text with too few letters to judge, for text
  whose paragraphs are in different languages with none holding a clear majority
  (``MIXED_SHARE``), and when the classifier's own confidence is low (``MIN_CONFIDENCE``);
- the decision is made per paragraph and weighted by letters, so a page of French with one
  English quote is French, and a half-and-half page is "und";
- digits, URLs and punctuation are removed first: a score table is judged on its words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Optional

UND = "und"
# Below this many letters (about three short words) no language is claimed.
MIN_LETTERS = 8
# Two languages each confidently holding more than 1 - MIXED_SHARE of the text: mixed.
MIXED_SHARE = 0.6
# The classifier's probability (normalised over its languages) below which it is guessing,
# unless the winner leads the runner-up by LEAD times.
MIN_CONFIDENCE = 0.5
LEAD = 1.5
SHORT_LETTERS = 200
# Paragraphs and blocks judged per document (the rest adds time, not information).
MAX_PARAGRAPHS = 60
MAX_BLOCKS = 8
BLOCK_LETTERS = 500
MAX_CHARS = 20000
# The fast path: one call on the opening of a one-script text, kept when this sure.
FAST_CHARS = 1000
FAST_CONFIDENCE = 0.995

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_NOT_LETTERS = re.compile(r"[\d_\W]+", re.U)
_PARA = re.compile(r"\n\s*\n|\n")

_lock = threading.Lock()
_identifier = None


@dataclass(frozen=True)
class LanguageGuess:
    language: str  # ISO 639-1 where the language has one (else the classifier's code), or "und"
    confidence: float  # 0..1: the winning language's letter-weighted probability
    script: Optional[str]  # dominant script of the letters: "Latin", "Cyrillic", "Arabic", "CJK", ...

    @property
    def english(self) -> bool:
        return self.language == "en"


def _classifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                # Only languages with an ISO 639-1 code (what record.language holds): the
                # model's ISO 639-3-only varieties (Nigerian Pidgin, Egyptian Arabic,
                # Cantonese, "no linguistic content") mostly capture English names and
                # short Arabic or Chinese texts from their big neighbours.
                ident.set_languages([code for code in ident.nb_classes if len(code) == 2])
                _identifier = ident
    return _identifier


_SCRIPT_NAMES = {
    "CJK": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "Hangul",
}


def _script_counts(text: str, sample: int = 2000) -> dict[str, int]:
    counts: dict[str, int] = {}
    n = 0
    for ch in text:
        if not ch.isalpha():
            continue
        try:
            first = unicodedata.name(ch).split()[0]
        except ValueError:
            continue
        name = _SCRIPT_NAMES.get(first, first.title())
        counts[name] = counts.get(name, 0) + 1
        n += 1
        if n >= sample:
            break
    return counts


def script_of(text: str, sample: int = 2000) -> Optional[str]:
    """The commonest Unicode script among the first ``sample`` letters."""
    counts = _script_counts(text, sample)
    return max(counts, key=counts.get) if counts else None


_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _letters(s: str) -> int:
    """Letters, with a Chinese, Japanese or Korean character counted as three (one such
    character carries about what a short Latin-script word does)."""
    return sum(1 for ch in s if ch.isalpha()) + 2 * len(_DENSE.findall(s))


def clean(text: str) -> str:
    """The words of a text: URLs, digits and punctuation become single spaces."""
    return _NOT_LETTERS.sub(" ", _URL.sub(" ", text)).strip()


def _blocks(text: str) -> list[str]:
    """The text as blocks to judge: consecutive paragraphs of one script joined until a
    block has BLOCK_LETTERS letters (one classifier call costs the same for a line as for
    a page); short lines (table rows, list items), which say little alone, as one block."""
    blocks: list[str] = []
    rest: list[str] = []
    cur: list[str] = []
    cur_script, cur_letters = None, 0
    for raw in _PARA.split(text)[:MAX_PARAGRAPHS]:
        p = clean(raw)
        n = _letters(p)
        if n < MIN_LETTERS:
            continue
        if n < 40:
            rest.append(p)
            continue
        sc = script_of(p, 200)
        if cur and (sc != cur_script or cur_letters >= BLOCK_LETTERS):
            blocks.append(" ".join(cur))
            cur, cur_letters = [], 0
        cur.append(p)
        cur_script, cur_letters = sc, cur_letters + n
    if cur:
        blocks.append(" ".join(cur))
    tail = " ".join(rest)
    if _letters(tail) >= MIN_LETTERS:
        blocks.append(tail)
    return blocks[:MAX_BLOCKS]


def identify(text: str) -> LanguageGuess:
    """The language of ``text`` (an article body, a title): see the module docstring."""
    text = text[:MAX_CHARS]
    counts = _script_counts(text, 600)
    script = max(counts, key=counts.get) if counts else None
    words = clean(text[:2000])
    if _letters(words) < MIN_LETTERS:
        return LanguageGuess(UND, 0.0, script)
    ident = _classifier()
    # One script and a certain answer on the opening: no need to judge block by block.
    if counts[script] >= 0.95 * sum(counts.values()):
        lang, p = ident.classify(clean(text[:FAST_CHARS]))
        if p >= FAST_CONFIDENCE:
            return LanguageGuess(lang, round(float(p), 3), script)
    total = 0.0
    blocks = _blocks(text) or [words]
    agg: dict[str, float] = {}
    confident: dict[str, float] = {}
    for block in blocks:
        w = float(_letters(block))
        total += w
        ranked = ident.rank(block)
        top, top_p = ranked[0]
        if top_p >= MIN_CONFIDENCE:
            confident[top] = confident.get(top, 0.0) + w
        for lang, p in ranked[:5]:
            agg[lang] = agg.get(lang, 0.0) + w * float(p)
    ordered = sorted(agg.items(), key=lambda kv: -kv[1])
    best, best_p = ordered[0]
    runner_up = ordered[1][1] if len(ordered) > 1 else 0.0
    confidence = round(best_p / total, 3)
    # Mixed: two languages each hold a confident share of the text.
    sure = sorted(confident.values(), reverse=True)
    if len(sure) > 1 and sure[1] >= (1 - MIXED_SHARE) * total:
        return LanguageGuess(UND, confidence, script)
    # A clear winner: a majority of the probability, or — in a text long enough to judge —
    # well ahead of the runner-up (names and numbers spread a little probability over many
    # languages; in one short sentence of names, "Chile, Peru and Bolivia met in Lima.",
    # they decide it, so a short text needs the majority).
    if confidence >= MIN_CONFIDENCE or (total >= SHORT_LETTERS and best_p >= LEAD * runner_up):
        return LanguageGuess(best, confidence, script)
    return LanguageGuess(UND, confidence, script)
