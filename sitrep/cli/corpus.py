"""Corpus commands (issue 7): ingest, quotes, events, places, search, dyad, actors, export.

Thin: each command parses options, calls ``sitrep.ingest`` / ``sitrep.store`` /
``sitrep.export`` and prints. Query output is a rich table by default, ``--json`` or
``--csv`` for pipes.
"""

from __future__ import annotations

import csv
import json
import sys
import click

from . import main
from .params import BATCH, DAY, DOC_LIMIT, LIMIT, MODALITY, OFFSET, TOP, WORKERS, StoreUrl

DB_HELP = "Database: a file path, sqlite:///path or postgresql://user:pass@host/db."
_db = click.option("--db", default="sitrep.db", show_default=True, envvar="SITREP_DB", help=DB_HELP,
                   type=StoreUrl())
# Query commands read a store: a typo names no database, and none is created.
_db_query = click.option("--db", default="sitrep.db", show_default=True, envvar="SITREP_DB", help=DB_HELP,
                         type=StoreUrl(existing=True))


def _output(f):  # noqa: ANN001
    f = click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout.")(f)
    f = click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")(f)
    return f


def _store(db: str):  # noqa: ANN202
    from ..store import open_store

    return open_store(db, create=False)


def _flatten(row: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, dict):
            if set(v) >= {"start", "end", "text"}:
                out[prefix + k] = v["text"]
            else:
                out.update(_flatten(v, f"{prefix}{k}."))
        elif isinstance(v, list):
            out[prefix + k] = json.dumps(v, ensure_ascii=False)
        else:
            out[prefix + k] = v
    return out


def _cell(v, width: int = 90) -> str:  # noqa: ANN001
    # Tables are for skimming; --json/--csv carry the full text.
    s = "" if v is None else " ".join(str(v).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _emit(rows, columns: list[tuple[str, str]], as_json: bool, as_csv: bool, title: str = "") -> None:  # noqa: ANN001
    """rows: list of dicts; columns: (key in the flattened row, header) for the table."""
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if as_csv:
        flat = [_flatten(r) for r in rows] if isinstance(rows, list) else []
        keys: list[str] = []
        for r in flat:
            keys += [k for k in r if k not in keys]
        w = csv.DictWriter(sys.stdout, keys, lineterminator="\n")
        w.writeheader()
        w.writerows(flat)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for _, header in columns:
        table.add_column(header, overflow="fold")
    for r in rows:
        f = _flatten(r)
        table.add_row(*[_cell(f.get(k)) for k, _ in columns])
    Console().print(table)


# -- ingest --------------------------------------------------------------------------------
@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db
@click.option("--workers", "-w", type=WORKERS, default=1, show_default=True, help="Worker processes (model loaded once each).")
@click.option("--limit", type=DOC_LIMIT, default=None, help="Stop after N documents.")
@click.option("--published", type=DAY, default=None, help="Reference date for documents without one.")
@click.option("--as-body", is_flag=True, help="Inputs are clean article text (no page anatomy).")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "warc"]), default="auto", show_default=True)
@click.option("--batch-size", type=BATCH, default=32, show_default=True, help="Documents per worker batch and per transaction.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (engine dask); a local cluster if unset.")
@click.option("--out", "out_dir", default=None, help="Dask engine: folder for Parquet output.")
@click.option("--retry-errors", is_flag=True, help="Redo inputs that failed before with the same content, "
              "sitrep version and options (skipped as known errors otherwise).")
@click.option("--no-progress", is_flag=True, help="No progress bar (logs, CI).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths, db, workers, limit, published, as_body, input_format, batch_size, engine, scheduler, out_dir,
           retry_errors, no_progress, as_json) -> None:
    """Read PATHS (files, folders, globs, .warc[.gz], .jsonl, - for stdin) into the database.

    Documents are keyed by content: rerunning adds nothing, and an interrupted run (even
    kill -9) finishes on rerun with no loss and no duplicate. Unreadable documents become
    error rows; the run goes on.
    """
    if engine == "dask":
        from ..distributed import ingest_dask  # lazy: dask is heavy and optional for local runs

        summary = ingest_dask(list(paths), db_url=db, out_dir=out_dir, scheduler=scheduler, workers=workers,
                              published=published, limit=limit, batch_size=batch_size,
                              input_format=input_format, as_body=as_body)
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    from ..ingest import count_documents
    from ..ingest import ingest as run_ingest

    kwargs = dict(db=db, workers=workers, limit=limit, published=published, as_body=as_body,
                  input_format=input_format, batch_size=batch_size, retry_errors=retry_errors)
    if no_progress or not sys.stderr.isatty():
        summary = run_ingest(list(paths), **kwargs)
    else:
        summary = _with_progress(list(paths), limit, count_documents, run_ingest, kwargs)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    codes = ", ".join(f"{k}: {v}" for k, v in summary["error_codes"].items())
    click.echo(
        f"{summary['documents']} documents in {summary['seconds']} s ({summary['docs_per_s']} docs/s): "
        f"{summary['articles']} new articles ({summary['near_duplicates']} near-duplicates clustered), "
        f"{summary['duplicates']} exact duplicates, {summary['skipped']} already stored"
        + (f" ({summary['known_errors']} known errors: same content, version and options; --retry-errors redoes them)"
           if summary["known_errors"] else "")
        + (f", {summary['replaced']} redone for a new publication date" if summary["replaced"] else "")
        + f", {summary['errors']} errors" + (f" ({codes})" if codes else "") + f" -> {db}"
    )


def _with_progress(paths, limit, count_documents, run_ingest, kwargs) -> dict:  # noqa: ANN001
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = count_documents(paths)
    if limit is not None:
        total = min(total, limit) if total is not None else limit
    columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn()]
    with Progress(*columns, transient=False, console=None) as progress:
        task = progress.add_task("ingest", total=total, rate="-")

        def on_batch(n: int, _counts: dict) -> None:
            progress.advance(task, n)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "-")

        return run_ingest(paths, on_batch=on_batch, **kwargs)


# -- queries -------------------------------------------------------------------------------
@main.command()
@_db_query
@click.option("--speaker", default=None, help="Part of the speaker's name (case-insensitive).")
@click.option("--article", default=None, help="Quotes of one article id.")
@click.option("--language", default=None, metavar="CODE", callback=lambda _c, _p, v: _language(v),
              help="Only articles in this language (ISO 639-1, or und).")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--offset", type=OFFSET, default=0)
@_output
def quotes(db, speaker, article, language, limit, offset, as_json, as_csv) -> None:
    """Quotes, one per duplicate cluster (with its mention count), newest first."""
    rows = _store(db).quotes(speaker=speaker, article=article, limit=limit, offset=offset, language=language)
    if not as_json:
        from ..quotes import shown_text

        # Tables and CSV: verbatim words in quotation marks, reported speech without.
        rows = [dict(r, text=shown_text(r)) for r in rows]
    _emit(rows, [("published", "date"), ("speaker_name", "speaker"), ("kind", "kind"), ("text", "quote"),
                 ("cue", "cue"), ("cue_class", "class"), ("mentions", "n")], as_json, as_csv, "quotes")


@main.command()
@_db_query
@click.option("--source", default=None, help="Source actor: country (RUS) or code prefix (RUSGOV).")
@click.option("--target", default=None, help="Target actor: country or code prefix.")
@click.option("--type", "type_", default=None, help="PLOVER type (ASSAULT) or CAMEO code prefix (19).")
@click.option("--since", type=DAY, default=None)
@click.option("--until", type=DAY, default=None)
@click.option("--modality", type=MODALITY, default=None, help="asserted, reported, planned, ... comma-separated, or 'all' "
              "(default: asserted,reported).")
@click.option("--article", default=None, help="Events of one article id.")
@click.option("--place", default=None, help="Where: country (UKR), first-level division (UKR.12) or GeoNames id.")
@click.option("--bbox", default=None, metavar="W,S,E,N", help="Bounding box min_lon,min_lat,max_lon,max_lat.")
@click.option("--language", default=None, metavar="CODE", callback=lambda _c, _p, v: _language(v),
              help="Only articles in this language (ISO 639-1, or und).")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--offset", type=OFFSET, default=0)
@_output
def events(db, source, target, type_, since, until, modality, article, place, bbox, language, limit, offset, as_json,
           as_csv) -> None:
    """Events, one per duplicate cluster (with its mention count), newest first."""
    rows = _store(db).events(source=source, target=target, type=type_, since=since, until=until,
                             modality=modality, article=article, limit=limit, offset=offset, place=place,
                             bbox=bbox, language=language)
    _emit(rows, [("day", "day"), ("source.text", "source"), ("source.code", "code"), ("plover", "event"),
                 ("target.text", "target"), ("target.code", "code"), ("modality", "modality"),
                 ("goldstein", "goldstein"), ("mentions", "n"), ("evidence", "evidence")], as_json, as_csv, "events")


@main.command()
@_db_query
@click.option("--place", default=None, help="Where: country (UKR), first-level division (UKR.12) or GeoNames id.")
@click.option("--bbox", default=None, metavar="W,S,E,N", help="Bounding box min_lon,min_lat,max_lon,max_lat.")
@click.option("--since", type=DAY, default=None)
@click.option("--until", type=DAY, default=None)
@click.option("--origin", type=click.Choice(["entity", "mention"]), default=None,
              help="entity: named places ('Kharkiv'); mention: place phrases that are no entity ('the Ukrainian border').")
@click.option("--feature", default=None, help="country, adm1, adm2, capital, city, continent, region, sea (comma-separated).")
@click.option("--article", default=None, help="Places of one article id.")
@click.option("--language", default=None, metavar="CODE", callback=lambda _c, _p, v: _language(v),
              help="Only articles in this language (ISO 639-1, or und).")
@click.option("--evidence", type=click.IntRange(0, 1000), default=3, show_default=True, help="Evidence spans per place.")
@click.option("--limit", type=LIMIT, default=50, show_default=True)
@click.option("--offset", type=OFFSET, default=0)
@_output
def places(db, place, bbox, since, until, origin, feature, article, language, evidence, limit, offset, as_json,
           as_csv) -> None:
    """Places the articles name (entities and phrases like 'the Ukrainian border'), most named
    first, with mention, article and story counts and evidence spans."""
    rows = _store(db).places(place=place, bbox=bbox, since=since, until=until, origin=origin, feature=feature,
                             article=article, language=language, limit=limit, offset=offset, evidence=evidence)
    if not as_json:
        rows = [dict(r, evidence="; ".join(dict.fromkeys(e["text"] for e in r["evidence"]))) for r in rows]
    _emit(rows, [("name", "place"), ("feature", "feature"), ("country", "country"), ("mentions", "n"),
                 ("articles", "articles"), ("evidence", "evidence")], as_json, as_csv, "places")


@main.command()
@click.argument("query")
@_db_query
@click.option("--limit", type=LIMIT, default=20, show_default=True)
@click.option("--language", default=None, metavar="CODE", callback=lambda _c, _p, v: _language(v),
              help="Only articles in this language (ISO 639-1, or und).")
@_output
def search(query, db, limit, language, as_json, as_csv) -> None:
    """Full-text search over article text and quotes in every language ("quoted phrase" for
    a phrase; Chinese/Japanese words are found inside sentences; diacritics are optional)."""
    rows = _store(db).search(query, limit=limit, language=language)
    _emit(rows, [("published", "date"), ("language", "lang"), ("title", "title"), ("kind", "in"),
                 ("snippet", "snippet")], as_json, as_csv, f"search: {query}")


@main.command()
@_db
@_output
def languages(db, as_json, as_csv) -> None:
    """Articles per language in the store (ISO 639-1; und = mixed or undetermined)."""
    _emit(_store(db).languages(), [("language", "language"), ("articles", "articles")], as_json, as_csv,
          "languages")


def _language(value):  # noqa: ANN001, ANN202
    """A --language value: ISO 639-1 (two letters) or und; anything else is a usage error."""
    if value is None:
        return None
    v = value.strip().lower()
    if not (v == "und" or (len(v) == 2 and v.isalpha() and v.isascii())):
        raise click.BadParameter(f"must be an ISO 639-1 code (fr, ru, zh) or und, got {value!r}", param_hint="--language")
    return v


@main.command()
@click.argument("a")
@click.argument("b")
@_db_query
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="week", show_default=True)
@click.option("--since", type=DAY, default=None)
@click.option("--until", type=DAY, default=None)
@click.option("--modality", type=MODALITY, default=None, help="Default asserted,reported; 'all' for every modality.")
@click.option("--directed", is_flag=True, help="Only A -> B (default: both directions).")
@_output
def dyad(a, b, db, by, since, until, modality, directed, as_json, as_csv) -> None:
    """Events between A and B per period, with mean Goldstein (the conflict-cooperation line)."""
    rows = _store(db).dyad_timeline(a, b, by=by, since=since, until=until, modality=modality, directed=directed)
    _emit(rows, [("period", by), ("events", "events"), ("a_to_b", f"{a}->{b}"), ("b_to_a", f"{b}->{a}"),
                 ("mentions", "mentions"), ("goldstein_mean", "mean Goldstein")], as_json, as_csv, f"{a} - {b}")


@main.command()
@_db_query
@click.option("--top", type=TOP, default=20, show_default=True)
@_output
def actors(db, top, as_json, as_csv) -> None:
    """The most active actor codes, as event source and as target."""
    rows = _store(db).actors(top=top)
    _emit(rows, [("code", "code"), ("name", "name"), ("as_source", "as source"), ("as_target", "as target")],
          as_json, as_csv, "actors")


# -- export --------------------------------------------------------------------------------
@main.command()
@_db_query
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt", "plover"]), default="jsonl",
              show_default=True)
@click.option("--out", "-o", default="-", show_default=True, help="Output file (a folder for parquet); - = stdout.")
@click.option("--table", type=click.Choice(["events", "quotes", "times", "articles"]), default="events", show_default=True,
              help="What --format csv writes.")
@click.option("--since", type=DAY, default=None)
@click.option("--until", type=DAY, default=None)
@click.option("--modality", type=MODALITY, default=None, help="Events (gdelt, plover, csv, parquet): default asserted,reported; 'all'.")
@click.option("--include-uncoded", is_flag=True, help="gdelt/plover: also events whose source has no actor code or that name no agent.")
def export(db, fmt, out, table, since, until, modality, include_uncoded) -> None:
    """Write the corpus as jsonl records (re-importable), CSV, Parquet, GDELT 2.0 TSV or PLOVER JSON."""
    from ..export import export as run_export

    n = run_export(_store(db), fmt, out, since=since, until=until, modality=modality, table=table,
                   uncoded=include_uncoded)
    click.echo(f"{n} {'articles' if fmt in ('jsonl', 'parquet') or table == 'articles' else 'rows'} written"
               + ("" if out == "-" else f" to {out}"), err=True)

