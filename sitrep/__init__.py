"""sitrep: who did and said what, to whom, when, where and how many — from news text.

The public API is small; everything else is an implementation detail::

    import sitrep
    record = sitrep.extract(open("page.txt").read(), published="2022-02-03")
    record.quotes, record.events, record.entities
"""

from .errors import ConfigError, ExtractionError, InputError, SitrepError, StoreError
from .nlp import load_nlp
from .pipeline import Pipeline, annotate_batch, extract
from .reader import InputDoc
from .record import Article, ErrorRecord, Entity, Event, Quantity, Quote, Span, TimeExpr, json_schema

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Entity",
    "ErrorRecord",
    "Event",
    "ExtractionError",
    "InputDoc",
    "InputError",
    "Pipeline",
    "Quantity",
    "Quote",
    "SitrepError",
    "Span",
    "StoreError",
    "TimeExpr",
    "annotate_batch",
    "extract",
    "json_schema",
    "load_nlp",
    "__version__",
]
