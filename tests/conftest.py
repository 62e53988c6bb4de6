"""Shared fixtures. Tests that need ../shared/ skip with a reason when it is absent."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from sitrep.refdata import shared_dir  # noqa: E402
SHARED = shared_dir()
SEED = SHARED / "seed" / "000_1b53613618b3b9f0.txt"
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"reference data {p} is absent (../shared/ is not part of a fresh clone)")
    return p


def dyads(rec) -> list[tuple]:
    """``(plover, cameo, source code, target code, modality, trigger)`` of each event of a record:
    the one shape event fixtures compare (``from conftest import dyads``)."""
    return [(e.plover, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None,
             e.modality, e.trigger.text) for e in rec.events]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need_shared("seed", "000_1b53613618b3b9f0.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pipeline():
    from sitrep.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="module")
def code(pipeline, request):
    """``code(*sentences, published=...)``: each sentence as a one-sentence body through the
    real pipeline; one record, or a list for several. The default publication date is the
    test module's ``PUBLISHED`` (office holders are picked by date)."""
    from sitrep.reader import InputDoc

    default = getattr(request.module, "PUBLISHED", None)

    def run(*sentences, published=default):
        items = [InputDoc(content=s, format="text") for s in sentences]
        recs = list(pipeline.extract_many(items, as_body=True, published=published))
        return recs if len(recs) > 1 else recs[0]

    return run


@pytest.fixture(scope="session")
def seed_record(seed_text, pipeline):
    """The seed as `sitrep extract SEED --published 2022-02-03` makes it."""
    from sitrep.reader import InputDoc

    return pipeline.extract(InputDoc(content=seed_text, source=str(SEED), format="text"), published="2022-02-03")


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL schema per test (independent, xdist-safe); skips without SITREP_TEST_PG_URL."""
    url = os.environ.get("SITREP_TEST_PG_URL")
    if not url:
        pytest.skip("SITREP_TEST_PG_URL is unset (run `eval \"$(bash scripts/test-services.sh)\"` for PostgreSQL)")
    from sqlalchemy import create_engine, text

    from sitrep.store import normalise_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    yield url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    """Each store test twice: a SQLite file, and a fresh PostgreSQL schema (skips without a server)."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def server():
    """A real HTTP server on 127.0.0.1 for the watcher's tests (routes set by each test)."""
    from watch_server import Server

    with Server() as s:
        s.route("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        yield s


@pytest.fixture(scope="module")
def extract(pipeline):
    """``extract(text)``: an invented text through the real pipeline as an article body, its record."""
    from sitrep.reader import InputDoc

    def run(text):
        return pipeline.extract(InputDoc(content=text, source="fixture", format="text"), as_body=True)

    return run


@pytest.fixture(scope="module")
def events_of(pipeline):
    """``events_of(text)``: an invented text (published 2025-03-01) through the real pipeline,
    its events as (PLOVER type, CAMEO, modality, source code, target code) tuples."""
    from sitrep.reader import InputDoc

    def go(text):
        rec = pipeline.extract(InputDoc(content=text, format="text"), as_body=True, published="2025-03-01")
        return [(e.plover, e.cameo, e.modality, e.source and e.source.code, e.target and e.target.code)
                for e in rec.events]
    return go
