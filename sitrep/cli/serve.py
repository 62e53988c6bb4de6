"""``sitrep serve`` (issue 8): the web pages and REST API over a store."""

from __future__ import annotations

import click

from . import main
from .params import StoreUrl


@main.command()
@click.option("--db", "db", required=True, type=StoreUrl(existing=True),
              help="Store: a file path, sqlite:///path or postgresql://...")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--rate", default=20.0, show_default=True, type=click.FloatRange(0, 1e6),
              help="Requests per second per client (0 = off).")
@click.option("--burst", default=60.0, show_default=True, type=click.FloatRange(1, 1e6), help="Requests a client may send at once.")
@click.option("--max-body", default=2 * 1024 * 1024, show_default=True, type=click.IntRange(1, 20 * 1024 * 1024),
              help="Largest request body, bytes.")
@click.option("--read-timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a client has to send a whole request.")
@click.option("--idle-timeout", default=5, show_default=True, type=click.IntRange(1, 3600),
              help="Seconds a kept-alive connection may stay idle.")
@click.option("--max-connections", default=200, show_default=True, type=click.IntRange(1, 100_000),
              help="Open connections at once (503 beyond).")
def serve(db: str, host: str, port: int, rate: float, burst: float, max_body: int, read_timeout: float,
          idle_timeout: int, max_connections: int) -> None:
    """Serve the web pages and the REST API (OpenAPI at /docs) for the store at --db."""
    from ..api import ApiSettings, create_app

    loopback = host in ("127.0.0.1", "localhost", "::1")
    # On loopback, answer only to loopback names: a page elsewhere cannot reach the corpus
    # by pointing its own host name at 127.0.0.1 (DNS rebinding).
    hosts = ["127.0.0.1", "localhost", "::1"] if loopback else None
    app = create_app(db, settings=ApiSettings(max_body_bytes=max_body, rate_per_s=rate or None, burst=burst,
                                              allowed_hosts=hosts))
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"sitrep: serving {db} at http://{shown}:{port}/  (API reference: http://{shown}:{port}/docs; Ctrl-C stops)")
    from ..api.server import run

    run(app, host=host, port=port, read_timeout=read_timeout, idle_timeout=idle_timeout,
        max_connections=max_connections)
