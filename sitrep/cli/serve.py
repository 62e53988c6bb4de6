"""``sitrep serve`` (issue 8): the web pages and REST API over a store."""

from __future__ import annotations

import click

from . import main


@main.command()
@click.option("--db", "db", required=True, metavar="URL", help="Store: a file path, sqlite:///path or postgresql://...")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--rate", default=20.0, show_default=True, type=float, help="Requests per second per client (0 = off).")
@click.option("--burst", default=60.0, show_default=True, type=float, help="Requests a client may send at once.")
@click.option("--max-body", default=2 * 1024 * 1024, show_default=True, type=int, help="Largest request body, bytes.")
def serve(db: str, host: str, port: int, rate: float, burst: float, max_body: int) -> None:
    """Serve the web pages and the REST API (OpenAPI at /docs) for the store at --db."""
    import uvicorn

    from ..api import ApiSettings, create_app

    loopback = host in ("127.0.0.1", "localhost", "::1")
    # On loopback, answer only to loopback names: a page elsewhere cannot reach the corpus
    # by pointing its own host name at 127.0.0.1 (DNS rebinding).
    hosts = ["127.0.0.1", "localhost", "::1"] if loopback else None
    app = create_app(db, settings=ApiSettings(max_body_bytes=max_body, rate_per_s=rate or None, burst=burst,
                                              allowed_hosts=hosts))
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"sitrep: serving {db} at http://{shown}:{port}/  (API reference: http://{shown}:{port}/docs; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
