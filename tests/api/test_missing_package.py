"""Issue 13: a server that lacks a runtime package answers POST /api/extract with 503 (E306,
naming the package and its install command), not 422: the request is fine, the server is
not. Made real: `sitrep serve` in a subprocess whose `import trafilatura` fails the way a
broken install does (a package of that name on PYTHONPATH raising ImportError)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

from corpus_fixtures import corpus
from web_helpers import serve_cli
from sitrep.errors import ConfigError, Errors, ExtractionError
from sitrep.api.errors import from_sitrep_error
from sitrep.store import open_store

MESSAGE = ("required package trafilatura cannot be imported (ModuleNotFoundError: No module named "
           "'lxml_html_clean'); install it: python -m pip install 'trafilatura<3,>=2.0'")


@pytest.fixture
def broken_server(tmp_path):
    db = str(tmp_path / "corpus.db")
    s = open_store(db)
    s.add_articles(corpus())
    s.close()
    pkg = tmp_path / "shadow" / "trafilatura"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text('raise ModuleNotFoundError("No module named \'lxml_html_clean\'")\n')
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "shadow"))
    with serve_cli(db, env=env) as port:
        yield port


def _post(port: int, body: dict) -> tuple[int, dict]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/extract", data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def test_extract_without_a_package_is_503_naming_it(broken_server):
    status, body = _post(broken_server, {"text": "The minister said on Monday that the talks would resume."})
    assert (status, body) == (503, {"error": {"code": "E306", "status": 503, "message": MESSAGE}})
    # A bad request on the same server is still the caller's error.
    status, body = _post(broken_server, {"text": "x", "published": "2025-02-30"})
    assert (status, body["error"]["code"]) == (422, "E400")


def test_status_of_each_library_error():
    assert from_sitrep_error(Errors.E306(package="p", reason="r", install="i")).status == 503
    assert from_sitrep_error(ConfigError(Errors.E301, name="m")).status == 503
    assert from_sitrep_error(Errors.E302(reason="r")).status == 422
    assert from_sitrep_error(ExtractionError(Errors.E101, "d", stage="s", reason="r")).status == 422
