"""Writing records: one call = one transaction, idempotent by content hashes.

Keys: an article by ``Article.id`` (hash of its body), an input by a hash of (source,
content) taken before NLP, an error by its input key. Writing the same batch twice adds
nothing, and because the batch is one transaction a ``kill -9`` leaves either all of it
or none of it: a rerun then redoes exactly the missing batches.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterable, Optional, Union

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from ..dates import is_day
from ..record import Article, ErrorRecord, content_id
from . import dedup, textsearch
from .aggregates import Delta, rebuild
from . import schema as S

_WORD = re.compile(r"\w+", re.U)


def input_key(source: Optional[str], content: str, input_id: Optional[str] = None) -> str:
    """Hash of an input document as read (before NLP): same file + same bytes = same key."""
    h = hashlib.sha256()
    for part in (source or "", input_id or "", content):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def error_key(source: Optional[str], input_id: Optional[str], code: str, reason: str = "") -> str:
    return hashlib.sha256(json.dumps([source, input_id, code, reason]).encode("utf-8")).hexdigest()


def _norm(s: Optional[str]) -> str:
    return " ".join(_WORD.findall((s or "").lower()))


def quote_xkey(q: dict, speaker: Optional[str]) -> str:
    """Same speaker + same words = same quote, whatever its offsets in this copy."""
    return content_id("quote", _norm(speaker), _norm(q.get("text")), length=40)


def event_xkey(e: dict) -> str:
    def actor(a: Optional[dict]) -> str:
        if not a:
            return ""
        return a.get("code") or _norm(a.get("text"))

    trig = (e.get("trigger") or {}).get("text")
    return content_id("event", e.get("plover"), actor(e.get("source")), actor(e.get("target")),
                      e.get("modality"), e.get("date"), _norm(trig), length=40)


def _country(actor: Optional[dict]) -> Optional[str]:
    if not actor:
        return None
    if actor.get("country"):
        return actor["country"]
    code = actor.get("code") or ""
    # Phoenix/CAMEO codes start with the ISO alpha-3 of the state (RUSGOV, UKRMIL).
    return code[:3] if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper() and not code.startswith("IGO") else None


def event_day(date: Optional[str], published: Optional[str]) -> Optional[str]:
    # Only a real day: an imported record may carry "2025-02-30", which must not reach
    # the week aggregates (date.fromisoformat would fail the whole batch).
    if is_day(date):
        return date
    return published if is_day(published) else None


def _unique(evs: list[dict]) -> list[dict]:
    seen, out = set(), []
    for e in evs:
        if e["id"] not in seen:
            seen.add(e["id"])
            out.append(e)
    return out


def _geo_columns(g: dict, **extra) -> dict:
    """The gazetteer columns shared by ``event_places`` and ``place_refs``."""
    return {"geo_id": g["id"], "name": g["name"], "feature": g["feature"], "country": g.get("country"),
            "adm1": f"{g['country']}.{g['admin1']}" if g.get("country") and g.get("admin1") else None,
            "lat": g["lat"], "lon": g["lon"], "precision": g["precision"], **extra}


def place_row(article_id: str, event_id: str, is_primary: int, day: Optional[str], e: dict) -> Optional[dict]:
    """The ``event_places`` row of an event with a place, else None."""
    p = e.get("place")
    if not p:
        return None
    return {"article_id": article_id, "event_id": event_id, "is_primary": is_primary,
            **_geo_columns(p, basis=p["basis"], day=day)}


def place_ref_rows(rec: dict, cluster: str) -> list[dict]:
    """The ``place_refs`` rows of a record: each mention of a resolved place entity and each
    place mention that is no entity ('the Ukrainian border'), one row per span."""
    out: dict[tuple, dict] = {}
    base = {"article_id": rec["id"], "cluster_id": cluster, "day": rec.get("published")}

    def add(ref_id: str, origin: str, kind: Optional[str], span: dict, geo: dict) -> None:
        key = (ref_id, span.get("field") or "text", span["start"])
        out.setdefault(key, {**base, "ref_id": ref_id, "field": key[1], "start": span["start"], "end": span["end"],
                             "text": span["text"], "origin": origin, "kind": kind,
                             **_geo_columns(geo, confidence=geo["confidence"])})

    for e in rec.get("entities") or []:
        if e.get("geo"):
            for m in e.get("mentions") or []:
                add(e["id"], "entity", e.get("type"), m, e["geo"])
    for m in rec.get("place_mentions") or []:
        add(m["id"], "mention", m.get("kind"), m["span"], m["geo"])
    return list(out.values())


def article_columns(rec: dict) -> dict:
    """The articles row of a record, but for its id, cluster and seq."""
    return dict(source=rec.get("source"), title=rec.get("title"), published=rec.get("published"),
                language=rec.get("language"), input_id=rec.get("input_id"),
                n_entities=len(rec.get("entities") or []), n_quotes=len(rec.get("quotes") or []),
                n_events=len(rec.get("events") or []),
                record=json.dumps(rec, ensure_ascii=False, separators=(",", ":")))


def _insert_ignore(conn: Connection, table, rows: list[dict]) -> None:
    if not rows:
        return
    d = sqlite_dialect if conn.dialect.name == "sqlite" else pg_dialect
    conn.execute(d.insert(table).on_conflict_do_nothing(), rows)


def _normalise(r) -> dict:  # noqa: ANN001
    """A model or dict -> the full JSON record, validated (so get_article returns exactly
    what ``sitrep extract`` prints, defaults included)."""
    if isinstance(r, (Article, ErrorRecord)):
        return r.model_dump(mode="json")
    model = ErrorRecord if "error" in r else Article
    return model.model_validate(r).model_dump(mode="json")


class Writer:
    """Stateless helpers bound to a backend (sqlite or postgres module)."""

    def __init__(self, backend) -> None:  # noqa: ANN001
        self.backend = backend

    # -- sequences ---------------------------------------------------------------------
    @staticmethod
    def _next_seq(conn: Connection, table) -> int:
        return (conn.execute(select(func.max(table.c.seq))).scalar() or 0) + 1

    # -- dedup -------------------------------------------------------------------------
    @staticmethod
    def _cluster_for(conn: Connection, art_id: str, sig: dedup.Signature) -> str:
        buckets = sig.buckets()
        lb = S.lsh_bands
        # OR of (band, bucket) pairs, not a row-value IN: SQLite answers each pair from the
        # primary key, but scans the whole table for "(band, bucket) IN (VALUES ...)".
        cands = conn.execute(
            select(lb.c.article_id).where(or_(*[and_(lb.c.band == b, lb.c.bucket == h) for b, h in buckets])).distinct()
        ).scalars().all()
        best, best_j = None, 0.0
        if cands:
            rows = conn.execute(
                select(S.minhashes.c.article_id, S.minhashes.c.signature).where(S.minhashes.c.article_id.in_(cands))
            ).all()
            for other, hexsig in sorted(rows):
                j = sig.jaccard(dedup.Signature.from_hex(hexsig))
                if j >= dedup.THRESHOLD and j > best_j:
                    best, best_j = other, j
        if best is None:
            return art_id
        return conn.execute(select(S.articles.c.cluster_id).where(S.articles.c.id == best)).scalar() or best

    # -- one article -------------------------------------------------------------------
    def _add_article(self, conn: Connection, rec: dict, seq: int, counts: dict, delta: Delta) -> None:
        art_id = rec["id"]
        sig = dedup.signature(rec.get("text", ""))
        cluster = self._cluster_for(conn, art_id, sig)
        if cluster != art_id:
            counts["near_duplicates"] += 1
        conn.execute(S.articles.insert().values(id=art_id, cluster_id=cluster, seq=seq, **article_columns(rec)))
        # After the article row (foreign keys): this copy's LSH buckets, for later copies.
        conn.execute(S.minhashes.insert().values(article_id=art_id, signature=sig.hex()))
        conn.execute(S.lsh_bands.insert(), [{"band": b, "bucket": h, "article_id": art_id} for b, h in sig.buckets()])
        ents = self.add_facts(conn, rec)
        self.add_quotes(conn, rec, ents, cluster, counts)
        self.add_events(conn, rec, cluster, counts, delta)
        refs = place_ref_rows(rec, cluster)
        if refs:
            conn.execute(S.place_refs.insert(), refs)
        self.backend.index_docs(conn, textsearch.index_rows(rec))

    @staticmethod
    def add_facts(conn: Connection, rec: dict) -> dict:
        """The article's entities, their mentions and its times; returns {entity id: entity}."""
        art_id = rec["id"]
        ents = {e["id"]: e for e in rec.get("entities") or []}
        if ents:
            conn.execute(S.entities.insert(), [
                {"article_id": art_id, "id": e["id"], "name": e["name"], "type": e.get("type"),
                 "title": e.get("title"), "country": e.get("country"), "actor_code": e.get("actor_code")}
                for e in ents.values()
            ])
            ment = {}
            for e in ents.values():
                for m in e.get("mentions") or []:
                    ment[(e["id"], m["start"])] = {"article_id": art_id, "entity_id": e["id"],
                                                   "start": m["start"], "end": m["end"]}
            if ment:
                conn.execute(S.mentions.insert(), list(ment.values()))
        if rec.get("times"):
            tms = {}
            for t in rec["times"]:
                tms.setdefault(t["start"], {"article_id": art_id, "start": t["start"], "end": t["end"],
                                            "text": t["text"], "value": t.get("value"), "type": t.get("type"),
                                            "mod": t.get("mod"), "anchor": t.get("anchor"),
                                            "anchor_reason": t.get("anchor_reason")})
            conn.execute(S.times.insert(), list(tms.values()))
        return ents

    def _primary(self, conn: Connection, table, cluster: str, xkey: str, own: str, *extra) -> Optional[tuple]:  # noqa: ANN002
        if cluster == own:
            return None
        return conn.execute(
            select(table.c.article_id, table.c.id, *extra).where(
                table.c.cluster_id == cluster, table.c.xkey == xkey, table.c.is_primary == 1)
        ).first()

    def add_quotes(self, conn: Connection, rec: dict, ents: dict, cluster: str, counts: dict) -> None:
        rows, seen = [], set()
        for q in rec.get("quotes") or []:
            if q["id"] in seen:
                continue
            seen.add(q["id"])
            # The speaker as the quotes stage named it (the entity's name, or the fullest
            # naming of an institution: "the Russian defence ministry", not "Russian").
            spk = q.get("speaker_text") or ents.get(q.get("speaker") or "", {}).get("name")
            xkey = quote_xkey(q, spk)
            prim = self._primary(conn, S.quotes, cluster, xkey, rec["id"])
            if prim:
                conn.execute(update(S.quotes).where(S.quotes.c.article_id == prim[0], S.quotes.c.id == prim[1])
                             .values(mentions=S.quotes.c.mentions + 1))
            rows.append({
                "article_id": rec["id"], "id": q["id"], "xkey": xkey, "cluster_id": cluster,
                "is_primary": 0 if prim else 1, "mentions": 1, "kind": q.get("kind"),
                "speaker_id": q.get("speaker"), "speaker": spk, "text": q["text"], "start": q.get("start"),
                "end": q.get("end"), "published": rec.get("published"),
                "data": json.dumps(q, ensure_ascii=False, separators=(",", ":")),
            })
        if rows:
            conn.execute(S.quotes.insert(), rows)
            names = sorted({r["speaker"] for r in rows if r["speaker"]})
            _insert_ignore(conn, S.speakers, [{"name": n, "n": 0} for n in names])
            counts["quotes"] += len(rows)

    def add_events(self, conn: Connection, rec: dict, cluster: str, counts: dict, delta: Delta) -> None:
        rows, seen = [], set()
        ev = S.events
        for e in rec.get("events") or []:
            if e["id"] in seen:
                continue
            seen.add(e["id"])
            xkey = event_xkey(e)
            prim = self._primary(conn, ev, cluster, xkey, rec["id"],
                                 ev.c.source_country, ev.c.target_country, ev.c.day, ev.c.modality)
            if prim:
                conn.execute(update(ev).where(ev.c.article_id == prim[0], ev.c.id == prim[1])
                             .values(mentions=ev.c.mentions + 1))
                delta.add_mention(*prim[2:])
            src, tgt = e.get("source") or {}, e.get("target")
            rows.append({
                "article_id": rec["id"], "id": e["id"], "xkey": xkey, "cluster_id": cluster,
                "is_primary": 0 if prim else 1, "mentions": 1, "plover": e["plover"], "mode": e.get("mode"),
                "cameo": e.get("cameo"), "goldstein": e.get("goldstein"), "modality": e["modality"],
                "source_code": src.get("code"), "source_country": _country(src), "source_text": src.get("text"),
                "target_code": (tgt or {}).get("code"), "target_country": _country(tgt),
                "target_text": (tgt or {}).get("text"), "date": e.get("date"),
                "day": event_day(e.get("date"), rec.get("published")), "location": e.get("location"),
                "data": json.dumps(e, ensure_ascii=False, separators=(",", ":")),
            })
        if rows:
            conn.execute(S.events.insert(), rows)
            counts["events"] += len(rows)
            places = [p for r, e in zip(rows, _unique(rec.get("events") or []))
                      if (p := place_row(r["article_id"], r["id"], r["is_primary"], r["day"], e))]
            if places:
                conn.execute(S.event_places.insert(), places)
            for r in rows:
                if r["is_primary"]:
                    delta.add_event(r)

    def count_copy(self, conn: Connection, art_id: str, delta: Delta) -> None:
        """An exact copy from another input: one more mention for each of its facts."""
        for table in (S.quotes, S.events):
            keys = conn.execute(select(table.c.cluster_id, table.c.xkey).where(table.c.article_id == art_id)).all()
            for cluster, xkey in keys:
                conn.execute(update(table).where(table.c.cluster_id == cluster, table.c.xkey == xkey,
                                                 table.c.is_primary == 1).values(mentions=table.c.mentions + 1))
                if table is S.events:
                    ev = S.events
                    prim = conn.execute(select(ev.c.source_country, ev.c.target_country, ev.c.day, ev.c.modality)
                                        .where(ev.c.cluster_id == cluster, ev.c.xkey == xkey, ev.c.is_primary == 1)).first()
                    if prim:
                        delta.add_mention(*prim)

    # -- a batch -----------------------------------------------------------------------
    def write(self, conn: Connection, results: Iterable[Union[dict, Article, ErrorRecord]],
              keys: Optional[list[Optional[str]]] = None, attempts: Optional[list[Optional[dict]]] = None,
              replace: Iterable[str] = ()) -> dict:
        """Store Articles and ErrorRecords (dicts or models); ``keys`` are their input keys.

        ``attempts`` (aligned with results) are what an error row records of the attempt
        that failed (``content_sha256``, ``sitrep_version``, ``options``). ``replace`` names
        stored inputs that were done again on purpose (a new publication date): their new
        record replaces the stored one (:func:`sitrep.store.replace.replace_article`)."""
        results = [_normalise(r) for r in results]
        keys = list(keys) if keys is not None else [None] * len(results)
        attempts = list(attempts) if attempts is not None else [None] * len(results)
        replace = set(replace)
        counts = {"articles": 0, "duplicates": 0, "near_duplicates": 0, "errors": 0, "skipped": 0,
                  "quotes": 0, "events": 0, "replaced": 0}
        done: set = set()
        failed: dict = {}  # input key -> (error key, reason) of an earlier run's error row
        if keys and any(keys):
            i_, e_ = S.inputs, S.errors
            for k, aid, ekey, reason in conn.execute(
                    select(i_.c.key, i_.c.article_id, i_.c.error_key, e_.c.reason)
                    .outerjoin(e_, e_.c.key == i_.c.error_key).where(i_.c.key.in_([k for k in keys if k]))):
                if aid is None and ekey is not None:
                    failed[k] = (ekey, reason)
                else:
                    done.add(k)
        art_ids = [r["id"] for r in results if "error" not in r]
        present = set(conn.execute(select(S.articles.c.id).where(S.articles.c.id.in_(art_ids))).scalars()) if art_ids else set()
        seq = self._next_seq(conn, S.articles)
        eseq = self._next_seq(conn, S.errors)
        inputs_rows, err_rows = [], []
        delta = Delta()
        for rec, key, attempt in zip(results, keys, attempts):
            if key and key in replace and key in done:
                if "error" not in rec and rec["id"] in present:
                    from .replace import replace_article

                    replace_article(self, conn, rec)
                    counts["replaced"] += 1
                else:  # the redone input failed, or reads as another text now: the stored record stays
                    counts["skipped"] += 1
                continue
            if key and key in done:
                counts["skipped"] += 1
                continue
            if key in failed:
                # Retried: the same error again is already stored; anything else (the
                # article, a different error) replaces the earlier run's error row.
                old_ekey, old_reason = failed.pop(key)
                if "error" in rec and old_reason == rec["error"]:
                    counts["skipped"] += 1
                    done.add(key)
                    if attempt:  # the same failure with this version and these options
                        conn.execute(S.errors.update().where(S.errors.c.key == old_ekey).values(**attempt))
                    continue
                conn.execute(S.inputs.delete().where(S.inputs.c.key == key))
                conn.execute(S.errors.delete().where(S.errors.c.key == old_ekey))
            if key:
                done.add(key)
            if "error" in rec:
                ekey = key or error_key(rec.get("source"), rec.get("input_id"), rec.get("code", ""), rec["error"])
                err_rows.append({"key": ekey, "source": rec.get("source"), "input_id": rec.get("input_id"),
                                 "code": rec.get("code") or "E000", "reason": rec["error"], "seq": eseq,
                                 **{c: (attempt or {}).get(c) for c in S.ATTEMPT_COLUMNS}})
                eseq += 1
                if key:
                    inputs_rows.append({"key": key, "article_id": None, "error_key": ekey, "source": rec.get("source")})
                continue
            if rec["id"] in present:
                counts["duplicates"] += 1
                if key:  # a new input with a known body: a copy, so one more mention
                    self.count_copy(conn, rec["id"], delta)
            else:
                self._add_article(conn, rec, seq, counts, delta)
                present.add(rec["id"])
                seq += 1
                counts["articles"] += 1
            if key:
                inputs_rows.append({"key": key, "article_id": rec["id"], "error_key": None, "source": rec.get("source")})
        if err_rows:
            before = conn.execute(select(func.count()).select_from(S.errors)).scalar()
            _insert_ignore(conn, S.errors, err_rows)
            counts["errors"] = conn.execute(select(func.count()).select_from(S.errors)).scalar() - before
        _insert_ignore(conn, S.inputs, inputs_rows)
        delta.flush(conn)
        if counts["replaced"]:
            rebuild(conn)  # replaced facts: the sums recomputed from the events as they now stand
        return counts
