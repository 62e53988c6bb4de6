"""Shared by the API, web and load tests: a real SQLite store built with the real pipeline,
and a real uvicorn server on a free loopback port."""

from __future__ import annotations

import os
from contextlib import contextmanager
import socket
import threading
import time
from pathlib import Path
from typing import Iterable, Optional

import pytest

from sitrep.errors import InputError
from sitrep.reader import InputDoc, iter_documents, iter_paths


def build_store(db_path: Path, paths: Iterable[Path], extra: Iterable[InputDoc] = (), pipeline=None) -> list:
    """Extract every document under ``paths`` (plus ``extra``) and add them to a new store.

    Returns the records (Article objects) so tests can compare pages against them.
    """
    from sitrep.pipeline import get_pipeline
    from sitrep.record import Article
    from sitrep.store import open_store

    docs: list[InputDoc] = []
    for p in iter_paths([str(p) for p in paths]):
        docs += [d for d in iter_documents(str(p)) if not isinstance(d, InputError)]
    docs += list(extra)
    pipe = pipeline or get_pipeline()
    records = [r for r in pipe.extract_many(docs) if isinstance(r, Article)]
    store = open_store(str(db_path))
    try:
        store.add_articles(records)
    finally:
        store.close()
    return records


def build_seed_corpus(db_path: Path, pipeline, hostile_body: str, hostile_title: str,
                      hostile_source: str) -> tuple[list, object]:
    """The store the web tests share: the bundled samples, the seed (from ../shared) and one
    hostile article whose text, title and source try to inject markup.

    Returns (records of samples + seed, the hostile record)."""
    from conftest import SAMPLES, SEED, need_shared
    from sitrep.store import open_store

    seed = need_shared("seed", SEED.name)
    records = build_store(db_path, [SAMPLES], [
        InputDoc(content=seed.read_text(encoding="utf-8"), source=str(seed), format="text", published="2022-02-03"),
    ], pipeline=pipeline)
    hostile = pipeline.extract(InputDoc(content=hostile_body, source=hostile_source, format="text",
                                        published="2025-03-05"), as_body=True)
    hostile = hostile.model_copy(update={"title": hostile_title})
    store = open_store(str(db_path))
    try:
        store.add_articles([hostile])
    finally:
        store.close()
    return records, hostile


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn in a thread on 127.0.0.1; ``url`` is its base address."""

    def __init__(self, app, port: Optional[int] = None) -> None:
        import uvicorn

        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextmanager
def serve_cli(db: str, *args: str, env: Optional[dict] = None):
    """``sitrep serve`` as its own process on a free port (what a user runs: the real CLI, uvicorn's own
    HTTP handling); yields the port once it accepts connections, kills the process after."""
    import subprocess
    import sys

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", db, "--port", str(port), *args],
                            cwd=Path(__file__).resolve().parents[1], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.time() < deadline, "server did not start"
                time.sleep(0.2)
        yield port
    finally:
        proc.kill()
        proc.wait()


# -- headless Chromium (Debian's), shared by the browser tests ------------------------------------

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium_executable() -> str:
    exe = os.environ.get("SITREP_CHROMIUM")
    if not exe:
        pytest.skip("SITREP_CHROMIUM is unset (eval \"$(bash scripts/test-services.sh)\" sets it)")
    if not Path(exe).exists():
        pytest.skip(f"Chromium binary {exe} is missing")
    return exe


@contextmanager
def served_in_chromium(app, exe: str):
    """(server, browser): the app under uvicorn on a loopback port and Debian's Chromium, headless."""
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield server, browser
        finally:
            browser.close()
