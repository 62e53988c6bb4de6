"""Learning the line model's weights from pages with known article bodies.

Used by ``scripts/train_anatomy_lines.py`` (which writes ``sitrep/data/anatomy_lines.json``)
and by ``benchmarks/bench_anatomy_text.py`` (which cross-validates by page, so a reported
figure never comes from a page the weights were fitted on). Needs scikit-learn, which is
a development dependency only: at run time the weights are applied in pure Python.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .lines import FEATURES, Line, _apply, context_features, featurize, split_lines

# Chosen by cross-validation on the benchmark (see benchmarks/bench_anatomy_text.py).
DEFAULT_C = 1.0
REGION_THRESHOLD = 0.3
KEEP_THRESHOLD = 0.3

_TOKEN = re.compile(r"\w+", re.U)
_WS = re.compile(r"\s+")


def _grams(text: str, n: int = 4) -> list[tuple]:
    toks = _TOKEN.findall(text)
    return [tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)]


def label_lines(lines: Sequence[Line], truth: str) -> list[int]:
    """1 for lines that belong to the true body. Lines of 4+ words: most of their word
    4-grams occur in the truth; shorter lines (sub-headings): the line occurs verbatim in
    the truth and a neighbour is a body line."""
    truth_grams = set(_grams(truth))
    norm_truth = _WS.sub(" ", truth)
    labels = []
    for l in lines:
        g = _grams(l.text)
        if g:
            labels.append(1 if sum(1 for x in g if x in truth_grams) / len(g) >= 0.5 else 0)
        else:
            labels.append(-1)  # decide below
    for i, l in enumerate(lines):
        if labels[i] != -1:
            continue
        near = [labels[j] for j in (i - 2, i - 1, i + 1, i + 2) if 0 <= j < len(lines)]
        labels[i] = 1 if (_WS.sub(" ", l.text) in norm_truth and 1 in near) else 0
    return labels


def build_matrix(pages: Iterable[tuple[str, str]]):
    """(X, y, sample weights, lines per page) over all lines of all pages."""
    X, y, sw, groups = [], [], [], []
    for gi, (page, truth) in enumerate(pages):
        lines = split_lines(page)
        if not lines:
            continue
        labs = label_lines(lines, truth)
        for l, f, lab in zip(lines, featurize(lines), labs):
            X.append(f)
            y.append(lab)
            # The score counts 4-grams, so a long paragraph matters more than a menu item.
            sw.append(1.0 + len(_TOKEN.findall(l.text)) ** 0.5)
        groups.append(len(lines))
    return X, y, sw, groups


def _fit_one(X, y, sw, C: float):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    Xa = np.asarray(X, dtype=float)
    mean = Xa.mean(axis=0)
    scale = Xa.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the bias column stays 1
    scale[scale == 0] = 1.0
    Z = (Xa - mean) / scale
    clf = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    clf.fit(Z, np.asarray(y), sample_weight=np.asarray(sw))
    return [float(c) for c in clf.coef_[0]], [float(m) for m in mean], [float(s) for s in scale]


def fit(X, y, sw, C: float = 1.0, pages=None) -> dict:
    """Stage 1 on the line features; stage 2 on those plus stage-1 probabilities of the
    neighbours. ``pages`` (the line lists, in X's order) enables stage 2."""
    coef, mean, scale = _fit_one(X, y, sw, C)
    w = {
        "features": list(FEATURES),
        "coef": coef,
        "mean": mean,
        "scale": scale,
        "region_threshold": REGION_THRESHOLD,
        "keep_threshold": KEEP_THRESHOLD,
    }
    if pages is not None:
        X2, k = [], 0
        for n in pages:
            feats = X[k : k + n]
            probs = _apply(feats, coef, mean, scale)
            X2.extend(context_features(feats, probs))
            k += n
        w["coef2"], w["mean2"], w["scale2"] = _fit_one(X2, y, sw, C)
    return w


def fold_weights(pages: Sequence[tuple[str, str]], folds: int = 5, C: float = 1.0, seed: int = 0):
    """(weights, indices of the held-out pages) per fold: weights fitted on the other
    folds only. Pages are assigned to folds by a fixed shuffle."""
    import random

    order = list(range(len(pages)))
    random.Random(seed).shuffle(order)
    fold_of = {p: k % folds for k, p in enumerate(order)}
    for k in range(folds):
        train = [pages[i] for i in range(len(pages)) if fold_of[i] != k]
        X, y, sw, sizes = build_matrix(train)
        yield fit(X, y, sw, C=C, pages=sizes), [i for i in range(len(pages)) if fold_of[i] == k]


def cross_validate(pages: Sequence[tuple[str, str]], folds: int = 5, C: float = 1.0, seed: int = 0):
    """Out-of-fold predicted bodies (``from_text``), one per page."""
    from .text import from_text

    preds: list[str] = [""] * len(pages)
    for w, held_out in fold_weights(pages, folds, C, seed):
        for i in held_out:
            preds[i] = from_text(pages[i][0], weights=w).body
    return preds
