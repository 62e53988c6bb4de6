"""The pipeline's runtime packages, checked once when the pipeline loads.

The page stages import some packages only when a document needs them (trafilatura and
lxml for HTML, py3langid for the language, dateparser for dates in other languages). A
missing or broken one used to show up as one E101 "stage anatomy failed" per document, the
same error thousands of times; :func:`check` imports them all up front and raises one
``ConfigError`` E306 naming the package and the command that installs it.
"""

from __future__ import annotations

import importlib
import importlib.metadata as metadata
import re
from functools import lru_cache

from .errors import Errors, describe

# module the pipeline imports -> the distribution that provides it
PIPELINE_MODULES: dict[str, str] = {
    "trafilatura": "trafilatura",
    "lxml.html": "lxml",
    "htmldate": "htmldate",
    "py3langid.langid": "py3langid",
    "dateparser.search": "dateparser",
}


def requirement(dist: str) -> str:
    """The requirement sitrep declares for ``dist`` ('trafilatura<3,>=2.0'), else its name."""
    try:
        declared = metadata.requires("sitrep") or []
    except metadata.PackageNotFoundError:  # a checkout run without being installed
        declared = []
    for req in declared:
        if ";" in req:
            continue  # an extra's requirement
        name = re.split(r"[<>=!~\[ ;]", req, maxsplit=1)[0]
        if name.lower().replace("_", "-") == dist.lower().replace("_", "-"):
            return req
    return dist


def install_command(dist: str) -> str:
    return f"python -m pip install '{requirement(dist)}'"


def check_modules(modules: dict[str, str]) -> None:
    """Import each module; the first that fails is an E306 naming its package."""
    for module, dist in modules.items():
        try:
            importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - ImportError, or a package broken on import
            raise Errors.E306(package=dist, reason=describe(exc), install=install_command(dist)) from None


@lru_cache(maxsize=1)
def check() -> None:
    """Every package the pipeline imports; once per process (a failure is raised again on
    each call, since lru_cache does not keep exceptions)."""
    check_modules(PIPELINE_MODULES)
