"""Issue 13, cases 6 and 9: the extract endpoint is charged by size and capped in
concurrency; the real server (uvicorn, as `sitrep serve` runs it) times out slow
requests and puts the security headers on its own 400 responses."""

from __future__ import annotations

import asyncio
import json
import socket

import pytest
from fastapi.testclient import TestClient

from corpus_fixtures import corpus
from web_helpers import serve_cli
from sitrep.api import ApiSettings, create_app
from sitrep.api.security import ExtractGate, RateLimit
from sitrep.store import open_store

TEXT = ("Police in the port city arrested twelve protesters on Sunday after a march against fuel prices "
        "turned violent, a police spokesman said.\n")


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "corpus.db")
    s = open_store(path)
    s.add_articles(corpus())
    s.close()
    return path


def test_a_large_extract_is_charged_by_its_size(db, pipeline):
    settings = ApiSettings(rate_per_s=1.0, burst=60, extract_cost=10, extract_bytes_per_s=10.0, max_body_bytes=20_000)
    app = create_app(db, settings=settings, pipeline=pipeline)
    with TestClient(app) as c:
        big = {"text": TEXT * 140, "as_body": True}  # ~19.5 kB of the 20 kB a client may save up
        assert c.post("/api/extract", json=big).status_code == 200
        r = c.post("/api/extract", json=big)
        # Plenty of request tokens are left (60 - 10), but not the body bytes.
        assert r.status_code == 429 and r.json()["error"]["code"] == "E429"
        assert int(r.headers["retry-after"]) >= 1000  # ~19,000 bytes at 10 bytes/s
        assert c.post("/api/extract", json={"text": TEXT, "as_body": True}).status_code == 200  # a small one fits
        assert c.get("/api/articles").status_code == 200  # reading is not charged by extract size


def test_small_extracts_are_not_charged_like_large_ones(db, pipeline):
    settings = ApiSettings(rate_per_s=1.0, burst=60, extract_cost=10, extract_bytes_per_s=1000.0, max_body_bytes=200_000)
    app = create_app(db, settings=settings, pipeline=pipeline)
    with TestClient(app) as c:
        assert [c.post("/api/extract", json={"text": TEXT, "as_body": True}).status_code for _ in range(5)] == [200] * 5


def test_the_size_charge_comes_from_content_length_or_the_limit():
    gate = RateLimit(None, rate=1.0, burst=10, extract_bytes_per_s=10.0, max_body=1000)
    assert gate.extract_bytes({"headers": [(b"content-length", b"300")]}) == 300
    assert gate.extract_bytes({"headers": [(b"content-length", b"999999")]}) == 1000
    assert gate.extract_bytes({"headers": []}) == 1000  # chunked: charged as the largest


def test_concurrent_extracts_above_the_cap_get_503_at_once():
    """The gate itself, with a real ASGI app that blocks until released."""
    release = asyncio.Event()
    started = []

    async def app(scope, receive, send):  # noqa: ANN001, ANN202
        started.append(1)
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    gate = ExtractGate(app, limit=2, retry=7)

    async def call(path="/api/extract", method="POST"):  # noqa: ANN202
        sent = []

        async def send(m):  # noqa: ANN001, ANN202
            sent.append(m)

        async def receive():  # noqa: ANN202
            return {"type": "http.request", "body": b"", "more_body": False}

        await gate({"type": "http", "method": method, "path": path, "headers": []}, receive, send)
        return sent

    async def scenario():  # noqa: ANN202
        first = [asyncio.create_task(call()) for _ in range(2)]
        while len(started) < 2:
            await asyncio.sleep(0)
        third = await call()  # answered while the two still run
        other = asyncio.create_task(call("/api/articles", "GET"))  # not an extract: not gated
        while len(started) < 3:
            await asyncio.sleep(0)
        release.set()
        done = [await t for t in first] + [await other]
        return third, done

    third, done = asyncio.run(scenario())
    start = third[0]
    assert start["status"] == 503 and (b"retry-after", b"7") in start["headers"]
    assert json.loads(third[1]["body"])["error"]["code"] == "E503"
    assert all(d[0]["status"] == 200 for d in done)
    assert gate.running == 0


# -- the real server ------------------------------------------------------------------------
@pytest.fixture
def server(db):
    with serve_cli(db, "--read-timeout", "2", "--idle-timeout", "2") as port:
        yield port


def _read_until_closed(sock: socket.socket, limit: float = 60.0) -> bytes:
    sock.settimeout(limit)
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def test_a_slow_request_is_cut_off_with_408(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        reply = _read_until_closed(s)  # the server closes it (a recv timeout here fails the test)
    assert reply.startswith(b"HTTP/1.1 408") and b"content-security-policy" in reply.lower()


def test_a_silent_connection_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        assert _read_until_closed(s).startswith(b"HTTP/1.1 408")


def test_an_idle_kept_alive_connection_is_closed(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        reply = _read_until_closed(s)
    assert reply.startswith(b"HTTP/1.1 200") and reply.count(b"HTTP/1.1") == 1


def test_uvicorns_own_400_carries_the_security_headers(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"THIS IS NOT HTTP\r\n\r\n")
        reply = _read_until_closed(s)
    head = reply.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 400")
    for name in (b"content-security-policy", b"x-content-type-options: nosniff", b"x-frame-options: deny"):
        assert name in head


def test_a_normal_request_still_works(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"GET /api/articles?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        reply = _read_until_closed(s)
    assert reply.startswith(b"HTTP/1.1 200") and b'"total":4' in reply.replace(b" ", b"")
