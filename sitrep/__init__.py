"""sitrep: who did and said what, to whom, when, where and how many — from news text.

The public API is small; everything else is an implementation detail::

    import sitrep
    record = sitrep.extract(open("page.txt").read(), published="2022-02-03")
    record.quotes, record.events, record.entities
"""

from .contract import PIPELINE, Annotations
from .errors import ApiError, ConfigError, Errors, ExtractionError, InputError, SitrepError, StoreError
from .nlp import load_nlp
from .pipeline import Pipeline, extract
from .reader import InputDoc
from .record import (Actor, Article, Entity, ErrorRecord, Event, EventQuantity, Quantity, Quote, Span, TimeExpr,
                     json_schema)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Annotations",
    "ApiError",
    "Article",
    "ConfigError",
    "Entity",
    "ErrorRecord",
    "Errors",
    "Event",
    "EventQuantity",
    "ExtractionError",
    "InputDoc",
    "InputError",
    "PIPELINE",
    "Pipeline",
    "Quantity",
    "Quote",
    "SitrepError",
    "Span",
    "StoreError",
    "TimeExpr",
    "extract",
    "json_schema",
    "load_nlp",
    "__version__",
]
