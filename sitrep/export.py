"""Export a store: jsonl (full records), csv, parquet (by date), GDELT 2.0 events, PLOVER.

    from sitrep.export import export
    export(open_store("corpus.db"), "gdelt", "events.tsv")

* ``jsonl`` writes one full record per line, exactly what ``sitrep extract`` prints, so
  ``sitrep ingest export.jsonl`` rebuilds the same store (the round trip is tested).
* ``gdelt`` and ``plover`` write one row per *distinct* event (one per duplicate cluster)
  with its mention count, as GDELT's NumMentions does; fields sitrep does not know are
  left empty rather than invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from .errors import ConfigError, Errors, StoreError

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "plover")

# GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0). 61 columns.
_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO] + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"]
)
assert len(GDELT_COLUMNS) == 61

EVENT_CSV_COLUMNS = ["article_id", "id", "day", "date", "plover", "mode", "cameo", "goldstein", "modality",
                     "source_text", "source_code", "source_country", "target_text", "target_code",
                     "target_country", "location", "place_id", "place_country", "place_adm1", "lat", "lon",
                     "place_precision", "place_basis", "trigger", "evidence", "mentions", "cluster_id", "language",
                     "reported_by_text", "reported_by_code"]
# "text" is the content as written (verbatim only when kind is direct/partial: see
# sitrep.quotes.shown_text); "parts" the content pieces as start:end pairs.
# One row per time expression: its TIMEX3 value, type and mod, and what a relative one counts
# from (anchor: 'published' or the story's own reference time) with the reason.
TIME_CSV_COLUMNS = ["article_id", "published", "start", "end", "text", "value", "type", "mod", "anchor",
                    "anchor_reason", "language"]
QUOTE_CSV_COLUMNS = ["article_id", "id", "published", "speaker_name", "kind", "text", "cue", "start", "end",
                     "mentions", "cluster_id", "cue_class", "parts", "language"]


def _quad(cameo: Optional[str]) -> str:
    """CAMEO root -> GDELT QuadClass (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def _num(x) -> str:  # noqa: ANN001
    return "" if x is None else (str(int(x)) if float(x).is_integer() else str(x))


def _actor_cols(a: Optional[dict]) -> list[str]:
    if not a:
        return [""] * 10
    code = a.get("code") or ""
    country = a.get("country") or (code[:3] if len(code) >= 3 and code[:3].isalpha() and not code.startswith("IGO") else "")
    # Phoenix codes are country + role (RUSGOV): the role is GDELT's Type1Code.
    type1 = code[3:6] if country and code.startswith(country) and len(code) >= 6 else ""
    return [code, (a.get("text") or "").upper(), country, "", "", "", "", type1, "", ""]


def _geo_type(p: dict) -> str:
    """GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    feature, us = p.get("feature"), p.get("country") == "USA"
    if feature == "country":
        return "1"
    if feature in ("adm1", "adm2"):  # GDELT has no second-level type: a county reads as its state's level
        return "2" if us else "5"
    if feature in ("city", "capital"):
        return "3" if us else "4"
    if feature == "region" and p.get("country"):
        return "5"  # a named region inside one country ('Donbas'): a sub-national area
    return ""


def geo_cols(p: Optional[dict]) -> list[str]:
    """The 8 GDELT geo columns (Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long,
    FeatureID) of a place; country and ADM1 codes are FIPS 10-4 as in GDELT. Empty for no
    place, or one GDELT has no type for (a continent, a sea, a region across countries)."""
    if not p or not _geo_type(p):
        return [""] * 8
    from .places import gazetteer

    g = gazetteer()
    cc = p.get("country")
    fips = g.fips.get(cc, "") if cc else ""
    country = g.country(cc) if cc else None
    adm1 = f"{fips}{p['admin1']}" if fips and p.get("admin1") else (fips if p["feature"] == "country" else "")
    parts = [p["name"]]
    if p["feature"] != "adm1" and p.get("admin1_name") and p["feature"] != "country":
        parts.append(p["admin1_name"])
    if country is not None and p["feature"] != "country":
        parts.append(country.name)
    feature_id = adm1 if p["feature"] in ("country", "adm1") and adm1 else str(p.get("geonames_id") or p["id"])
    return [_geo_type(p), ", ".join(parts), fips, adm1, "", f"{p['lat']:.4f}", f"{p['lon']:.4f}", feature_id]


def _actor_geo(a: Optional[dict]) -> list[str]:
    """An actor's home, where it is known: the country it acts for (GDELT Actor*Geo, type 1)."""
    if not a:
        return [""] * 8
    code = a.get("code") or ""
    cc = a.get("country") or (code[:3] if len(code) >= 3 and code[:3].isalpha() and not code.startswith("IGO") else "")
    if not cc:
        return [""] * 8
    from .places import gazetteer, to_geo

    f = gazetteer().country(cc)
    return geo_cols(to_geo(f, 1.0).model_dump()) if f is not None else [""] * 8


def gdelt_row(e: dict) -> list[str]:
    day = e.get("day") or ""
    d = dt.date.fromisoformat(day) if day else None
    # GDELT counts what a CAMEO coder codes: a promised visit as 036, a threatened attack as 138.
    cameo = e.get("cameo_coded") or e.get("cameo") or ""
    gid = int(hashlib.sha1(f"{e['article_id']}:{e['id']}".encode()).hexdigest()[:15], 16)
    row = [
        str(gid),
        d.strftime("%Y%m%d") if d else "",
        d.strftime("%Y%m") if d else "",
        d.strftime("%Y") if d else "",
        f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if d else "",
        *_actor_cols(e.get("source")),
        *_actor_cols(e.get("target")),
        "",  # IsRootEvent: sitrep does not mark lead-paragraph events
        cameo, cameo[:3], cameo[:2], _quad(cameo), _num(e.get("goldstein")),
        str(e.get("mentions") or 1), "", str(e.get("mentions") or 1), "",
        *_actor_geo(e.get("source")), *_actor_geo(e.get("target")),
        *geo_cols(e.get("place")),
        (d.strftime("%Y%m%d") + "000000") if d else "",
        e.get("article_source") or "",
    ]
    assert len(row) == 61
    return [c.replace("\t", " ").replace("\n", " ") for c in row]


def _entity(a: Optional[dict]) -> Optional[dict]:
    if not a:
        return None
    code = a.get("code") or ""
    country = a.get("country") or None
    out = {"code": country or (code[:3] or None), "entity_text": a.get("text")}
    if country and code.startswith(country) and len(code) > 3:
        out["sector"] = code[3:]
    if a.get("entity"):
        out["identifier_id"] = a["entity"]
    return out


def plover_record(e: dict) -> dict:
    """One event as a PLOVER JSON record (PLOVER manual, 'PLOVER JSON' table)."""
    src, tgt = _entity(e.get("source")), _entity(e.get("target"))
    rec = {
        "id": f"{e['article_id'][:16]}-{e['id']}",
        "date": e.get("day"),
        "actor": [src] if src else [],
        "event": [e["plover"]],
        "mode": [e["mode"]] if e.get("mode") else [],
        "event_text": [e["trigger"]["text"]] if e.get("trigger") else [],
        "quad_code": int(_quad(e.get("cameo"))) if _quad(e.get("cameo")) else None,
        "event_scale": e.get("goldstein"),
        "cite_info": {"article_id": e["article_id"], "url": e.get("article_source"), "language": e.get("article_language"),
                      "start": e["evidence"]["start"], "end": e["evidence"]["end"]},
        "coder": "sitrep",
        # Beyond the PLOVER base fields (the manual allows named extras):
        "modality": e.get("modality"),
        "mentions": e.get("mentions"),
    }
    if tgt:
        rec["recipient"] = [tgt]
    if e.get("place"):
        rec["event_loc"] = plover_location(e["place"])
    elif e.get("location"):
        rec["event_loc"] = {"extracted_place": e["location"]}
    return rec


_RESOLUTION = {"country": 1, "adm1": 2, "adm2": 3, "city": 4, "site": 5, "region": 1}
_FEATURE = {"country": ("A", "PCLI"), "adm1": ("A", "ADM1"), "adm2": ("A", "ADM2"), "capital": ("P", "PPLC"), "city": ("P", "PPL"),
            "continent": ("L", "CONT"), "region": ("L", "RGN"), "sea": ("H", "SEA")}


def plover_location(p: dict) -> dict:
    """PLOVER's location object (manual, 'Location object' table: Mordecai's GeoNames fields)."""
    from .places import gazetteer

    country = gazetteer().country(p["country"]) if p.get("country") else None
    fcl, fcode = _FEATURE.get(p["feature"], ("", ""))
    return {
        "extracted_place": (p.get("span") or {}).get("text"),
        "resolved_place": p["name"],
        "geonameid": p.get("geonames_id"),
        "lat": p["lat"], "lon": p["lon"],
        "city": p["name"] if p["feature"] in ("city", "capital") else None,
        "district": p["name"] if p["feature"] == "adm2" else None,
        "province": p["name"] if p["feature"] == "adm1" else p.get("admin1_name"),
        "country": country.name if country else None,
        "country_code": p.get("country"),
        "feature_class": fcl, "feature_code": fcode,
        "resolution": _RESOLUTION.get(p["precision"]),
        "basis": p.get("basis"),
    }


def _event_flat(e: dict) -> dict:
    s, t, p = e.get("source") or {}, e.get("target") or {}, e.get("place") or {}
    r = e.get("reported_by") if isinstance(e.get("reported_by"), dict) else {}
    return {
        "article_id": e["article_id"], "id": e["id"], "day": e.get("day"), "date": e.get("date"),
        "plover": e.get("plover"), "mode": e.get("mode"), "cameo": e.get("cameo"), "goldstein": e.get("goldstein"),
        "modality": e.get("modality"), "source_text": s.get("text"), "source_code": s.get("code"),
        "source_country": s.get("country"), "target_text": t.get("text"), "target_code": t.get("code"),
        "target_country": t.get("country"), "location": e.get("location"),
        "place_id": p.get("id"), "place_country": p.get("country"), "place_adm1": p.get("admin1"),
        "lat": p.get("lat"), "lon": p.get("lon"), "place_precision": p.get("precision"), "place_basis": p.get("basis"),
        "trigger": (e.get("trigger") or {}).get("text"), "evidence": (e.get("evidence") or {}).get("text"),
        "mentions": e.get("mentions"), "cluster_id": e.get("cluster_id"), "language": e.get("article_language"),
        "reported_by_text": r.get("text"), "reported_by_code": r.get("code"),
    }


def _iter_quotes(store) -> Iterator[dict]:  # noqa: ANN001
    for art in store.iter_articles():
        for q in store.quotes(article=art["id"], limit=100_000):
            row = {k: q.get(k) for k in QUOTE_CSV_COLUMNS}
            row["cue"] = (q.get("cue") or {}).get("text")
            row["parts"] = " ".join(f"{p['start']}:{p['end']}" for p in q.get("parts") or [])
            row["language"] = art.get("language")
            yield row


def _open(out) -> tuple[IO, bool]:  # noqa: ANN001
    if out is None or out == "-":
        return sys.stdout, False
    if hasattr(out, "write"):
        return out, False
    return _AtomicFile(Path(out)), True


def _cannot(out, why: str) -> ConfigError:  # noqa: ANN001
    return ConfigError(Errors.E302, reason=f"cannot write --out {out}: {why}")


class _AtomicFile:
    """A file written next to its target and renamed over it when complete: a failed or
    interrupted export (full disk, kill) never leaves a cut final line behind. A target
    that is not a regular file (a pipe, /dev/stdout) is written directly."""

    def __init__(self, target: Path) -> None:
        import os
        import stat
        import tempfile

        self.target, self.tmp = target, None
        if target.is_dir():
            raise _cannot(target, "it is a folder (give a file name)")
        parent = target.parent
        if not parent.is_dir():
            raise _cannot(target, f"the folder {parent} does not exist")
        try:
            st = target.stat() if target.exists() else None
            if st is not None and not stat.S_ISREG(st.st_mode):
                self.fh = open(target, "w", encoding="utf-8", newline="")
                return
            if st is not None and not st.st_mode & 0o222:
                raise _cannot(target, "the file is read-only")
            fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise _cannot(target, exc.strerror or str(exc)) from None

    def write(self, s: str) -> int:
        return self.fh.write(s)

    def finish(self) -> None:
        import os

        self.fh.close()
        if self.tmp:
            os.chmod(self.tmp, 0o644)
            os.replace(self.tmp, self.target)
            self.tmp = None

    def abort(self) -> None:
        import os

        try:
            self.fh.close()
        except OSError:
            pass
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def export(store, fmt: str, out=None, since: Optional[str] = None, until: Optional[str] = None,  # noqa: ANN001
           modality: Optional[str] = None, table: str = "events", uncoded: bool = False) -> int:
    """Write the store in ``fmt`` to ``out`` (path, open file, or None/'-' for stdout;
    a directory for parquet). Returns the number of rows/records written.

    GDELT and PLOVER rows leave out events whose source has no actor code (an unresolved
    pronoun, an unknown name) or no source at all (an event the text names no agent for:
    'three soldiers were killed') unless ``uncoded`` is true: those coders never emit them."""
    if fmt not in FORMATS:
        raise ConfigError(Errors.E302, reason=f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "parquet":
        if out is None or out == "-" or hasattr(out, "write"):
            raise ConfigError(Errors.E302, reason="parquet export needs an output directory (--out DIR)")
        if Path(out).exists() and not Path(out).is_dir():
            raise _cannot(out, "parquet export writes a folder, and this is a file")
        return export_parquet(store, Path(out), since, until, modality)
    fh, close = _open(out)
    n = 0
    try:
        n = _write(store, fmt, fh, since, until, modality, table, uncoded)
        if close:
            fh.finish()
        else:
            fh.flush()
    except OSError as exc:
        if close:
            fh.abort()
        # Not a bad option: the write itself failed (a full disk, a vanished folder).
        raise StoreError(Errors.E203, path=str(out), reason=f"{exc.strerror or exc} (nothing written)") from None
    except BaseException:
        if close:
            fh.abort()
        raise
    return n


def _write(store, fmt: str, fh, since, until, modality, table: str, uncoded: bool = False) -> int:  # noqa: ANN001
    n = 0
    if fmt == "jsonl":
        for rec in store.iter_articles(since=since, until=until):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "gdelt":
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for e in _events(store, since, until, modality, coded=not uncoded):
            w.writerow(gdelt_row(e))
            n += 1
    elif fmt == "plover":
        for e in _events(store, since, until, modality, coded=not uncoded):
            fh.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
            n += 1
    else:  # csv
        if table == "quotes":
            w = csv.DictWriter(fh, QUOTE_CSV_COLUMNS, lineterminator="\n")
            w.writeheader()
            for q in _iter_quotes(store):
                w.writerow(q)
                n += 1
        elif table == "times":
            w = csv.DictWriter(fh, TIME_CSV_COLUMNS, lineterminator="\n")
            w.writeheader()
            for row in store.iter_times(since=since, until=until):
                w.writerow(row)
                n += 1
        elif table == "articles":
            w = csv.DictWriter(fh, ["id", "published", "title", "source", "entities", "quotes", "events",
                                    "language"], lineterminator="\n")
            w.writeheader()
            for rec in store.iter_articles(since=since, until=until):
                w.writerow({"id": rec["id"], "published": rec.get("published"), "title": rec.get("title"),
                            "source": rec.get("source"), "language": rec.get("language"),
                            "entities": len(rec["entities"]),
                            "quotes": len(rec["quotes"]), "events": len(rec["events"])})
                n += 1
        else:
            w = csv.DictWriter(fh, EVENT_CSV_COLUMNS, lineterminator="\n")
            w.writeheader()
            for e in _events(store, since, until, modality):
                w.writerow(_event_flat(e))
                n += 1
    return n


def _events(store, since, until, modality, coded: bool = False) -> Iterable[dict]:  # noqa: ANN001
    for e in store.iter_events(modality=modality):
        if coded and not (e.get("source") or {}).get("code"):
            continue
        day = e.get("day")
        if since and (not day or day < since):
            continue
        if until and (not day or day > until):
            continue
        yield e


def export_parquet(store, out: Path, since=None, until=None, modality=None, batch: int = 2000) -> int:  # noqa: ANN001
    """``out/articles/date=YYYY-MM-DD/*.parquet``, ``out/times/date=.../*.parquet`` (one row
    per time expression, TIME_CSV_COLUMNS) and ``out/events/day=.../*.parquet``
    (hive partitioning: pyarrow, DuckDB, Spark and pandas read the folder as one table)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    def write(rows: list[dict], sub: str, part: int, key: str = "date") -> None:
        table = pa.Table.from_pylist(rows)
        ds.write_dataset(
            table, out / sub, format="parquet", partitioning=[key], partitioning_flavor="hive",
            basename_template=f"part-{part:05d}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore",
        )

    n, part, rows = 0, 0, []
    for rec in store.iter_articles(since=since, until=until):
        rows.append({"date": rec.get("published") or "unknown", "id": rec["id"], "source": rec.get("source"),
                     "title": rec.get("title"), "published": rec.get("published"), "language": rec.get("language"),
                     "text": rec["text"],
                     "n_entities": len(rec["entities"]), "n_quotes": len(rec["quotes"]),
                     "n_events": len(rec["events"]), "record": json.dumps(rec, ensure_ascii=False)})
        if len(rows) >= batch:
            write(rows, "articles", part)
            n, part, rows = n + len(rows), part + 1, []
    if rows:
        write(rows, "articles", part)
        n += len(rows)
    part, rows = 0, []
    for t in store.iter_times(since=since, until=until):  # times partition by the article's date
        rows.append(dict(t, date=t["published"] or "unknown"))
        if len(rows) >= batch:
            write(rows, "times", part)
            part, rows = part + 1, []
    if rows:
        write(rows, "times", part)
    part, rows = 0, []
    for e in _events(store, since, until, modality):
        flat = _event_flat(e)
        flat["day"] = e.get("day") or "unknown"  # events partition by the event's day
        rows.append(flat)
        if len(rows) >= batch:
            write(rows, "events", part, "day")
            part, rows = part + 1, []
    if rows:
        write(rows, "events", part, "day")
    return n


__all__ = ["export", "export_parquet", "gdelt_row", "geo_cols", "plover_record", "plover_location", "GDELT_COLUMNS",
           "TIME_CSV_COLUMNS", "FORMATS"]
