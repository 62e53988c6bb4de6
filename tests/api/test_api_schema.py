"""Property-based run of the OpenAPI spec (schemathesis) against the ASGI app: whatever the
generated parameters and bodies, no answer is a server error, and responses match the spec.

Bounded: ten valid and ten invalid examples per operation, so the whole run takes well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.errors import Unsatisfiable

from conftest import SAMPLES
from web_helpers import build_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, pipeline):
    from sitrep.api import ApiSettings, create_app

    db = tmp_path_factory.mktemp("schema") / "schema.db"
    build_store(db, [SAMPLES / "briefs.jsonl"], pipeline=pipeline)
    # A small body limit keeps generated extract bodies cheap and exercises the 413 path.
    app = create_app(str(db), settings=ApiSettings(rate_per_s=None, max_body_bytes=20_000), pipeline=pipeline)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations(schema):
    # schemathesis's own pytest plugin does not load under this pytest; driving Hypothesis
    # directly over each operation's strategy is the same generation, one test.
    for result in schema.get_all_operations():
        yield result.ok()


def test_no_server_errors_and_one_error_shape(api_schema):
    from hypothesis import given

    from schemathesis import GenerationMode

    seen = []
    for op, mode in ((op, mode) for op in _operations(api_schema)
                     for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)):
        # Positive: valid requests must not break the server. Negative: invalid ones
        # (wrong types, out-of-range numbers, broken patterns) must get a 4xx, never a 5xx.
        try:
            strategy = op.as_strategy(generation_mode=mode)
        except Exception:  # noqa: BLE001 - an operation with nothing to negate (no parameters)
            continue

        @given(case=strategy)
        @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
            if response.status_code >= 400:
                # Every error, whatever the route, has the one shape.
                body = response.json()
                assert set(body) == {"error"} and {"code", "status", "message"} <= set(body["error"])
                assert body["error"]["status"] == response.status_code

        try:
            run()
        except Unsatisfiable:
            # Nothing can be made invalid (e.g. /healthz has no parameters).
            assert mode == GenerationMode.NEGATIVE, op.label
            continue
        seen.append((op.label, mode))
    assert len({label for label, _ in seen}) >= 10, seen  # every /api route and /healthz was exercised
    assert sum(1 for _, mode in seen if mode == GenerationMode.NEGATIVE) >= 8
