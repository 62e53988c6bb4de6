"""Long documents in windows: a body over ``WINDOW_CHARS`` characters is cut at paragraph
(else sentence, else word) boundaries, the spaCy model runs on each window, and the
windows are joined into one Doc (``Doc.from_docs``, the text kept exactly) on which
sitrep's own components run once. spaCy refuses texts over ``nlp.max_length``
(1,000,000 characters) and its memory grows with the text; a window bounds both, so a
long document costs time in proportion to its length instead of failing with E101.

Two limits: the reader's ``reader.MAX_BYTES`` (20 MB of input, E005) and ``MAX_CHARS``
(2,000,000 characters of article body, E013). The model runs window by window, but
sitrep's own stages (coreference, quotes, events) read the whole body as one Doc, and
their memory and time grow with it (the events stage faster than the length): ``MAX_CHARS`` is
set from runs measured up to 1,000,000 characters and extrapolated to 2,000,000 (README, limits), and a longer one is refused before the model runs, with an error row
naming the document, its length and the limit, instead of a run that does not end. The
joined Doc keeps no ``tensor`` (sitrep's components do not read it).
"""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.tokens import Doc

WINDOW_CHARS = 100_000
MAX_CHARS = 2_000_000  # longest article body annotated as one record (E013 beyond; README limits)
PRERUN_KEY = "sitrep_model_done"  # doc.user_data flag: the model components already ran

# Where a window may end, best first (the separator stays with the window before it).
_CUTS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_windows(text: str, size: int = WINDOW_CHARS) -> list[str]:
    """Consecutive pieces of ``text`` of at most ``size`` characters (more only when a
    stretch of ``size`` characters has no whitespace at all); ``"".join`` gives ``text``."""
    if size < 2:
        raise ValueError("window size must be at least 2 characters")
    out: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        hi = start + size
        cut = -1
        for sep in _CUTS:
            i = text.rfind(sep, start + size // 4, hi - len(sep) + 1)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut <= start:
            cut = hi  # one unbroken "word" longer than a window: a hard cut
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def model_components(nlp: Language, own: tuple[str, ...]) -> list:
    """The pipeline's model components (tok2vec, tagger, parser, ner, ...), not sitrep's."""
    return [(name, proc) for name, proc in nlp.pipeline if name not in own]


def windowed_doc(nlp: Language, text: str, own: tuple[str, ...], size: int = WINDOW_CHARS) -> Doc:
    """``text`` as one Doc with the model's annotations, made window by window. The doc
    is flagged so the pipeline runs only sitrep's components on it."""
    parts = []
    procs = model_components(nlp, own)
    for piece in split_windows(text, size):
        doc = nlp.make_doc(piece)
        for _name, proc in procs:
            doc = proc(doc)
        doc.tensor = numpy.zeros((0,), dtype="float32")
        parts.append(doc)
    merged = Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]
    merged.user_data[PRERUN_KEY] = True
    return merged


def run_own(nlp: Language, doc: Doc, own: tuple[str, ...]) -> Doc:
    """Only sitrep's components, in pipeline order (the model already ran per window)."""
    for name, proc in nlp.pipeline:
        if name in own:
            doc = proc(doc)
    return doc
