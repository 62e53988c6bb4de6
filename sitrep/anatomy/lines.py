"""Line model for plain-text page dumps: which lines are article body.

A page saved as text (browser "save as text", html-text, copy-paste) keeps one block
element per line, so the article's paragraphs are lines, and so are menus, teasers,
footers and comments. Article paragraphs differ from chrome in a few language-independent
ways: they are long, they end with sentence punctuation, they carry commas and sentence
breaks, and they come in runs (the article is the densest stretch of the page). Each line
gets a feature vector describing itself and its neighbourhood; a logistic regression
(weights learned by ``sitrep.anatomy.train`` and shipped as ``sitrep/data/anatomy_lines.json``)
turns it into a probability, and a second one re-scores each line knowing what the first
thought of its neighbours (a short line between two paragraphs is a sub-heading, the same
line between menu items is a menu item); ``select_body`` then keeps the densest contiguous stretch of
likely lines, because a lone long line far from the story (a teaser, a cookie notice) is
almost never article text.

Pure Python on purpose: this runs before spaCy on every document and must cost little.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional, Sequence

from .words import alternation

_WORD = re.compile(r"\w+", re.U)
_SENT_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*\s*$")
_SENT_BREAK = re.compile(r"[.!?。！？][\"'”’»)]?\s+[\"'“‘«(]?[A-ZА-ЯЁÀ-Ý]")
_DIGIT = re.compile(r"\d")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SEPARATORS = re.compile(r"[|»›•·►▶→←]|\s/\s")
# Words that mark page chrome in the common web languages of news sites (sitrep/data/anatomy_words.tsv,
# set chrome). Matched on lowercase line text; a single hit in a short line is a strong chrome signal,
# a hit in a long paragraph means little (the weight learns that through the interaction feature).
_CHROME = re.compile(rf"\b(?:{alternation('chrome')})\b|{alternation('chrome_symbol')}", re.I)
_BYLINE = re.compile(rf"^(?:{alternation('byline')})\s+\S", re.I)
_DATEISH = re.compile(
    rf"\b(19|20)\d\d\b|\b\d{{1,2}}:\d\d\b|\b(?:{alternation('month_prefix')})[a-z]*\.?\s+\d{{1,2}}\b",
    re.I,
)

FEATURES = (
    "bias",
    "log_chars",
    "log_words",
    "sent_end",
    "sent_breaks",
    "comma_rate",
    "cap_share",
    "digit_share",
    "separators",
    "chrome_short",
    "chrome_long",
    "byline",
    "dateish_short",
    "cjk",
    "duplicate",
    "position",
    "blank_before",
    "ctx2_chars",
    "ctx5_chars",
    "ctx10_chars",
    "ctx5_sent",
    "run_len",
    "in_dense",
    "dense_dist",
    "after_dense",
    "rel_len",
    "has_headline",
    "after_headline",
    "headline_dist",
    "after_comments",
    "comment_marker",
    "ctx4_len_spread",
    "ctx5_headlinish",
)

# Where a comment thread or reader-response block starts; article text rarely follows
# ("Leave a Reply", "[12] comments", "Комментарии"; the words: anatomy_words.tsv, sets comment_*).
_COMMENTS = re.compile(
    rf"^(\[?\s*\d+\s*\]?\s*)?(?:{alternation('comment_head')}|\d+ (?:{alternation('comment_count')})"
    rf"|(?:{alternation('comment_stem')})\w*)\b.{{0,40}}$",
    re.I,
)


@dataclass
class Line:
    """One non-empty line of the page: its text (stripped) and where it sits."""

    text: str
    start: int  # character offset of the stripped text in the page
    end: int
    index: int  # index among non-empty lines
    blank_before: bool


def split_lines(page: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    blank = True
    for raw in page.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(Line(stripped, start, start + len(stripped), len(out), blank))
            blank = False
        else:
            blank = True
        pos += len(raw)
    return out


def _own(text: str) -> list[float]:
    words = _WORD.findall(text)
    nw = len(words)
    nc = len(text)
    cjk = len(_CJK.findall(text))
    # CJK writes a sentence with no spaces; count characters as words there.
    nw_eff = max(nw, cjk // 2, 1)
    caps = sum(1 for w in words if w[:1].isupper())
    digits = len(_DIGIT.findall(text))
    chrome = 1.0 if _CHROME.search(text) else 0.0
    short = 1.0 if nw_eff < 12 else 0.0
    return [
        math.log1p(nc),
        math.log1p(nw_eff),
        1.0 if _SENT_END.search(text) else 0.0,
        math.log1p(len(_SENT_BREAK.findall(text)) + text.count("。")),
        min(1.0, (text.count(",") + text.count("，") + text.count("、")) / nw_eff * 5),
        caps / nw if nw else 0.0,
        digits / nc if nc else 0.0,
        min(3.0, float(len(_SEPARATORS.findall(text)))),
        chrome * short,
        chrome * (1.0 - short),
        1.0 if _BYLINE.match(text) and nw < 12 else 0.0,
        1.0 if short and _DATEISH.search(text) else 0.0,
        1.0 if cjk > nc * 0.3 else 0.0,
    ]


def _window_mean(vals: Sequence[float], i: int, k: int) -> float:
    lo, hi = max(0, i - k), min(len(vals), i + k + 1)
    return sum(vals[lo:hi]) / (hi - lo)


class _Windows:
    """Means over windows around each index, from prefix sums (O(1) per query)."""

    def __init__(self, vals: Sequence[float]) -> None:
        self.n = len(vals)
        acc = [0.0]
        for v in vals:
            acc.append(acc[-1] + v)
        self.acc = acc

    def mean(self, i: int, k: int) -> float:
        lo, hi = max(0, i - k), min(self.n, i + k + 1)
        return (self.acc[hi] - self.acc[lo]) / (hi - lo)


def dense_region(lengths: Sequence[float]) -> tuple[int, int]:
    """The contiguous run of lines with the largest sum of (length - 80 characters):
    the stretch where the page's running prose is densest."""
    best, best_lo, best_hi = 0.0, 0, 0
    cur, lo = 0.0, 0
    for i, n in enumerate(lengths):
        if cur <= 0:
            cur, lo = 0.0, i
        cur += n - 80
        if cur > best:
            best, best_lo, best_hi = cur, lo, i + 1
    if best_hi == 0 and lengths:
        i = max(range(len(lengths)), key=lambda j: lengths[j])
        return i, i + 1
    return best_lo, best_hi


def _tokens(text: str) -> list[str]:
    """Lower-cased words; for text in a script written without spaces (Chinese,
    Japanese), its characters."""
    if len(_CJK.findall(text)) > len(text) * 0.3:
        return [c for c in text if not c.isspace() and (c.isalnum())]
    return [t.lower() for t in _WORD.findall(text)]


def find_headline(lines: Sequence[Line]) -> Optional[int]:
    """Index of the headline when the dump starts with the page's <title> ("Headline -
    Site"), as html-text and browser dumps do: the first later line that the title starts
    with or mostly repeats. None when there is no such line."""
    if len(lines) < 3:
        return None
    first = _tokens(lines[0].text)
    if len(first) < 3:
        return None
    fset = set(first)
    for l in lines[1:]:
        toks = _tokens(l.text)
        if len(toks) < 3 or len(toks) > len(first) + 3:
            continue
        if first[: len(toks)] == toks or sum(1 for t in toks if t in fset) / len(toks) >= 0.8 and len(toks) >= 0.6 * len(first):
            return l.index
    return None


def comments_start(lines: Sequence[Line], after: int = 0) -> Optional[int]:
    """First short line from ``after`` on that opens a comment/response section."""
    for l in lines[after:]:
        if len(l.text) <= 60 and _COMMENTS.match(l.text):
            return l.index
    return None


def featurize(lines: Sequence[Line]) -> list[list[float]]:
    n = len(lines)
    if not n:
        return []
    own = [_own(l.text) for l in lines]
    chars = [math.log1p(len(l.text)) for l in lines]
    ends = [o[2] for o in own]
    raw_len = [float(len(l.text)) for l in lines]
    counts: dict[str, int] = {}
    for l in lines:
        counts[l.text] = counts.get(l.text, 0) + 1
    # Runs of consecutive long lines (>= 80 characters).
    run = [0] * n
    i = 0
    while i < n:
        if raw_len[i] >= 80:
            j = i
            while j < n and raw_len[j] >= 80:
                j += 1
            for k in range(i, j):
                run[k] = j - i
            i = j
        else:
            i += 1
    lo, hi = dense_region(raw_len)
    longest = max(raw_len) or 1.0
    head = find_headline(lines)
    # Comment sections only count after the story has begun (a menu item "Comments"
    # at the top of the page says nothing).
    first_long = next((i for i, n in enumerate(raw_len) if n >= 150), 0)
    cstart = comments_start(lines, max(first_long, (head or 0) + 1))
    wc, we = _Windows(chars), _Windows(ends)
    # Teaser lists (headline, blurb, headline, blurb) swing between short and long lines;
    # an article's paragraphs are uniformly long.
    wsq = _Windows([c * c for c in chars])
    headlinish = [1.0 if (not o[2] and 1.0 < o[1] < 3.0 and o[5] > 0.5) else 0.0 for o in own]
    wh = _Windows(headlinish)
    feats = []
    for i, l in enumerate(lines):
        if lo <= i < hi:
            dist = 0.0
        else:
            dist = (lo - i) if i < lo else (i - hi + 1)
        feats.append(
            [1.0]
            + own[i]
            + [
                1.0 if counts[l.text] > 1 else 0.0,
                i / max(1, n - 1),
                1.0 if l.blank_before else 0.0,
                wc.mean(i, 2),
                wc.mean(i, 5),
                wc.mean(i, 10),
                we.mean(i, 5),
                math.log1p(run[i]),
                1.0 if lo <= i < hi else 0.0,
                math.log1p(dist),
                1.0 if i >= hi else 0.0,
                raw_len[i] / longest,
                0.0 if head is None else 1.0,
                1.0 if head is not None and i > head else 0.0,
                math.log1p(abs(i - head)) if head is not None else 0.0,
                1.0 if cstart is not None and i >= cstart else 0.0,
                1.0 if i == cstart else 0.0,
                math.sqrt(max(0.0, wsq.mean(i, 4) - wc.mean(i, 4) ** 2)),
                wh.mean(i, 5),
            ]
        )
    return feats


@lru_cache(maxsize=1)
def load_weights(path: Optional[str] = None) -> dict:
    if path:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    ref = resources.files("sitrep") / "data" / "anatomy_lines.json"
    return json.loads(ref.read_text(encoding="utf-8"))


def _apply(feats: list[list[float]], coef, mean, scale) -> list[float]:
    # The weights are zipped once per page, not once per line; the arithmetic (and so
    # every float) is unchanged.
    params = list(zip(coef, mean, scale))
    out = []
    for f in feats:
        z = 0.0
        for x, (c, m, s) in zip(f, params):
            z += c * ((x - m) / s)
        out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


def context_features(feats: list[list[float]], probs: Sequence[float]) -> list[list[float]]:
    """Stage-2 features: a line's own features plus what stage 1 thinks of its
    neighbours (a short line between two paragraphs is a sub-heading; the same line
    between two menu items is a menu item)."""
    n = len(probs)
    # Running maxima from the top and from the bottom (O(n), pages have 1000s of lines).
    upto, fromhere = [0.0] * n, [0.0] * n
    m = 0.0
    for i in range(n):
        m = max(m, probs[i])
        upto[i] = m
    m = 0.0
    for i in range(n - 1, -1, -1):
        m = max(m, probs[i])
        fromhere[i] = m
    wp = _Windows(probs)
    out = []
    for i, f in enumerate(feats):
        prev = probs[i - 1] if i > 0 else 0.0
        nxt = probs[i + 1] if i + 1 < n else 0.0
        lo3, hi3 = max(0, i - 3), min(n, i + 4)
        out.append(
            f
            + [
                probs[i],
                prev,
                nxt,
                wp.mean(i, 3),
                wp.mean(i, 8),
                max(probs[lo3:hi3]),
                upto[i],
                fromhere[i],
            ]
        )
    return out


def score_lines(lines: Sequence[Line], weights: Optional[dict] = None) -> list[float]:
    """Probability that each line is article body."""
    w = weights or load_weights()
    feats = featurize(lines)
    probs = _apply(feats, w["coef"], w["mean"], w["scale"])
    if "coef2" in w:
        probs = _apply(context_features(feats, probs), w["coef2"], w["mean2"], w["scale2"])
    return probs


# Below this, not even the best line of a page is taken for article text.
MIN_BODY_PROB = 0.1


def _region_weight(text: str, mode: str) -> float:
    if mode == "sqrt":
        return math.sqrt(len(text))
    if mode == "flat":
        return 1.0
    return math.log1p(len(text))


def select_body(lines: Sequence[Line], probs: Sequence[float], weights: Optional[dict] = None) -> list[int]:
    """Indices of body lines: the contiguous stretch that maximises the length-weighted
    sum of (p - threshold), with unlikely lines inside it dropped."""
    w = weights or load_weights()
    t_region = w.get("region_threshold", 0.5)
    t_keep = w.get("keep_threshold", 0.3)
    best, best_lo, best_hi = 0.0, 0, 0
    cur, lo = 0.0, 0
    for i, (l, p) in enumerate(zip(lines, probs)):
        if cur <= 0:
            cur, lo = 0.0, i
        cur += (p - t_region) * _region_weight(l.text, w.get("region_weight", "log"))
        if cur > best:
            best, best_lo, best_hi = cur, lo, i + 1
    if best_hi == 0:
        # Nothing clears the threshold (a very short story among long chrome): keep the
        # single most likely line and its likely neighbours rather than return nothing.
        if not probs:
            return []
        top = max(range(len(probs)), key=lambda j: probs[j])
        if probs[top] < MIN_BODY_PROB:
            return []  # only chrome (menus, "Leave a Reply"): no article on this page
        floor = probs[top] * 0.6
        best_lo = top
        while best_lo > 0 and probs[best_lo - 1] >= floor:
            best_lo -= 1
        best_hi = top + 1
        while best_hi < len(probs) and probs[best_hi] >= floor:
            best_hi += 1
        return list(range(best_lo, best_hi))
    return [i for i in range(best_lo, best_hi) if probs[i] >= t_keep]
