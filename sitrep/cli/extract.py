"""``sitrep extract`` and ``sitrep schema``."""

from __future__ import annotations

import json
import sys

import click

from ..errors import InputError
from ..reader import MAX_BYTES, iter_documents
from ..record import ErrorRecord, json_schema
from . import main
from .params import DAY


def _emit(obj, fmt: str) -> None:
    data = obj.model_dump(mode="json") if hasattr(obj, "model_dump") else obj
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    sys.stdout.flush()


@main.command()
@click.argument("path", default="-")
@click.option("--published", type=DAY, help="Reference (publication) date; overrides the page's.")
@click.option("--as-body", is_flag=True, help="Input is already clean article text: no anatomy, text kept byte for byte.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto", show_default=True)
@click.option("--output-format", type=click.Choice(["json", "jsonl"]), default=None,
              help="json (indented) for one document; jsonl (one record a line) is the default for jsonl input.")
@click.option("--max-bytes", type=click.IntRange(1, MAX_BYTES), default=MAX_BYTES, show_default=True, help="Refuse larger documents.")
def extract(path: str, published: str | None, as_body: bool, input_format: str, output_format: str | None, max_bytes: int) -> None:
    """Print the article record(s) for PATH (a file, or - for stdin) as JSON.

    With --input-format jsonl, each input line is {"id", "text" or "html", "published"?};
    each output line is a record carrying that id, or an error record, and the model is
    loaded once for the whole file.
    """
    from ..pipeline import get_pipeline

    docs = list(iter_documents(path, input_format, max_bytes=max_bytes))
    batch = input_format == "jsonl" or path.lower().endswith((".jsonl", ".ndjson")) or len(docs) != 1
    fmt = output_format or ("jsonl" if batch else "json")
    if not batch:
        only = docs[0]
        if isinstance(only, InputError):
            raise only
        record = get_pipeline().extract(only, as_body=as_body, published=published)
        _emit(record, fmt)
        return
    pipe = get_pipeline()
    failed = 0

    def good():
        for d in docs:
            if not isinstance(d, InputError):
                yield d

    results = iter(pipe.extract_many(good(), as_body=as_body, published=published))
    for d in docs:
        if isinstance(d, InputError):
            out = ErrorRecord(error=str(d), code=d.code, source=d.doc, input_id=getattr(d, "input_id", None))
        else:
            out = next(results)
        if isinstance(out, ErrorRecord):
            failed += 1
            click.echo(out.error, err=True)
        _emit(out, fmt)
    if failed:
        click.echo(f"{failed} of {len(docs)} documents failed (error records written)", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")
