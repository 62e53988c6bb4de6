"""Read queries: plain JSON-ready dicts and lists, the same on SQLite and PostgreSQL.

Aggregates (dyad timeline, actors, network) and the default listings read only the
*primary* copy of each fact in a near-duplicate cluster and report its ``mentions``: a
story syndicated twenty times is one event seen twenty times, not twenty events.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from typing import Optional

from sqlalchemy import and_, func, select, text
from sqlalchemy.engine import Connection

from ..errors import Errors, ConfigError
from . import schema as S
from .aggregates import iso_week

DEFAULT_MODALITIES = ("asserted", "reported")
ALL = "all"


def _actor_filter(code_col, country_col, value: str):
    """RUS matches the country (so RUSGOV, RUSMIL); RUSGOV matches codes starting with it."""
    value = value.strip().upper()
    if len(value) == 3:
        # The writer fills the country from the code's prefix when the actor has none.
        return country_col == value
    # A range, not LIKE: an index on the code column answers it on both back ends.
    return and_(code_col >= value, code_col < value + "\x7f")


MODALITIES = ("asserted", "reported", "planned", "hypothetical", "denied", "negated")
MAX_ROWS = 1_000_000
MAX_OFFSET = 1_000_000_000


def window(modality_col, modality: Optional[str], day_col=None, since=None, until=None) -> list:  # noqa: ANN001
    """The WHERE conditions of a modality choice and a day range (none for what is not asked)."""
    conds = []
    m = modality_filter(modality_col, modality)
    if m is not None:
        conds.append(m)
    if since:
        conds.append(day_col >= since)
    if until:
        conds.append(day_col <= until)
    return conds


def modality_filter(col, modality: Optional[str]):
    if modality is None:
        return col.in_(DEFAULT_MODALITIES)
    if modality == ALL:
        return None
    wanted = [m.strip().lower() for m in modality.split(",") if m.strip()]
    bad = [m for m in wanted if m not in MODALITIES]
    if bad or not wanted:
        # An unknown modality would silently match nothing: refuse it.
        raise ConfigError(Errors.E302, reason=f"modality must be 'all' or some of {', '.join(MODALITIES)}, not {modality!r}")
    return col.in_(wanted)


def check_page(limit=None, offset=0, name: str = "limit") -> None:  # noqa: ANN001
    """Refuse a page size or offset outside what the databases take (ConfigError E302)."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_ROWS):
        raise ConfigError(Errors.E302, reason=f"{name} must be an integer from 1 to {MAX_ROWS}, got {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise ConfigError(Errors.E302, reason=f"offset must be an integer from 0 to {MAX_OFFSET}, got {offset!r}")


def check_day_range(since=None, until=None) -> None:  # noqa: ANN001
    """``since``/``until``: YYYY-MM-DD or YYYY-MM (the API's month form), else E302."""
    from ..dates import day_problem

    for name, v in (("since", since), ("until", until)):
        if v is None:
            continue
        if not isinstance(v, str) or (day_problem(v) and day_problem(v + "-01")):
            raise ConfigError(Errors.E302, reason=f"{name} must be a real day YYYY-MM-DD, got {v!r}")


def event_row(r) -> dict:  # noqa: ANN001
    d = json.loads(r.data)
    d.update(article_id=r.article_id, day=r.day, mentions=r.mentions, cluster_id=r.cluster_id)
    return d


def in_language(col, language: Optional[str]):
    """Rows of articles in one language (ISO 639-1 or "und")."""
    return col.in_(select(S.articles.c.id).where(S.articles.c.language == language))


def parse_bbox(bbox) -> Optional[tuple[float, float, float, float]]:  # noqa: ANN001
    """'min_lon,min_lat,max_lon,max_lat' (or a 4-tuple) -> floats; ConfigError when malformed."""
    if bbox is None or bbox == "":
        return None
    parts = bbox.split(",") if isinstance(bbox, str) else list(bbox)
    try:
        w, s_, e_, n = (float(x) for x in parts)
    except (TypeError, ValueError):
        raise ConfigError(Errors.E302, reason=f"bbox must be min_lon,min_lat,max_lon,max_lat, got {bbox!r}") from None
    if not (-180 <= w <= 180 and -180 <= e_ <= 180 and -90 <= s_ <= n <= 90):
        raise ConfigError(Errors.E302, reason=f"bbox out of range (lon -180..180, lat -90..90, min <= max): {bbox!r}")
    return w, s_, e_, n


def place_filter(e, place: Optional[str] = None, bbox=None):  # noqa: ANN001
    """Events located in a country ('UKR'), a first-level division ('UKR.12'), at a
    GeoNames feature ('703448'), or inside a bounding box (which may cross the antimeridian)."""
    p = S.event_places
    conds = [p.c.article_id == e.c.article_id, p.c.event_id == e.c.id, *geo_conds(p, place, bbox)]
    return select(p.c.event_id).where(*conds).exists()


def geo_conds(p, place: Optional[str] = None, bbox=None) -> list:  # noqa: ANN001
    """Conditions on a table with the gazetteer columns (``event_places``, ``place_refs``):
    a country ('UKR'), a first-level division ('UKR.12'), a GeoNames feature ('703448'), a box."""
    conds = []
    if place:
        v = place.strip()
        if v.isdigit() or v.startswith("sitrep:"):
            conds.append(p.c.geo_id == v)
        elif "." in v:
            conds.append(p.c.adm1 == v.upper())
        else:
            conds.append(p.c.country == v.upper())
    box = parse_bbox(bbox)
    if box:
        w, s_, e_, n = box
        conds.append(p.c.lat.between(s_, n))
        conds.append(p.c.lon.between(w, e_) if w <= e_ else (p.c.lon >= w) | (p.c.lon <= e_))
    return conds


def events(conn: Connection, source=None, target=None, type=None, since=None, until=None, modality=None,
           article=None, limit=100, offset=0, place=None, bbox=None, language=None) -> list[dict]:
    e = S.events
    conds = [in_language(e.c.article_id, language)] if language else []
    if place or bbox:
        conds.append(place_filter(e, place, bbox))
    if article:
        conds.append(e.c.article_id == article)
    else:
        conds.append(e.c.is_primary == 1)
    if source:
        conds.append(_actor_filter(e.c.source_code, e.c.source_country, source))
    if target:
        conds.append(_actor_filter(e.c.target_code, e.c.target_country, target))
    if type:
        t = type.strip().upper()
        conds.append(e.c.cameo.like(t + "%") if t.isdigit() else e.c.plover == t)
    conds += window(e.c.modality, modality, e.c.day, since, until)
    q = (select(e.c.article_id, e.c.day, e.c.mentions, e.c.cluster_id, e.c.data).where(*conds)
         .order_by(e.c.day.desc(), e.c.article_id, e.c.id).limit(limit).offset(offset))
    return [event_row(r) for r in conn.execute(q)]


def speaker_names(conn: Connection, speaker: str) -> list[str]:
    pat = "%" + speaker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(conn.execute(select(S.speakers.c.name).where(S.speakers.c.name.ilike(pat, escape="\\"))).scalars())


def quotes(conn: Connection, speaker=None, article=None, limit=100, offset=0, language=None) -> list[dict]:
    qt = S.quotes
    lang_sql = " AND article_id IN (SELECT id FROM articles WHERE language = :lang)" if language else ""
    cols = (qt.c.article_id, qt.c.speaker, qt.c.published, qt.c.mentions, qt.c.cluster_id, qt.c.data)
    if article:
        q = select(*cols).where(qt.c.article_id == article).order_by(qt.c.start, qt.c.id).limit(limit).offset(offset)
        rows = list(conn.execute(q))
    else:
        newest = (qt.c.published.desc(), qt.c.article_id.desc(), qt.c.id.desc())
        if speaker:
            names = speaker_names(conn, speaker)
            if not names:
                return []
            # Newest keys per matching name, each an index-only range read that stops after
            # offset+limit rows, merged and cut in one statement; then the payload of just
            # the rows shown. (An IN list would read every quote of every name and sort.)
            order = "published DESC, article_id DESC, id DESC"
            parts = [f"SELECT * FROM (SELECT published, article_id, id FROM quotes WHERE speaker = :s{i} "
                     f"AND is_primary = 1{lang_sql} ORDER BY {order} LIMIT :n) AS p{i}" for i in range(len(names))]
            sql = " UNION ALL ".join(parts) + f" ORDER BY {order} LIMIT :limit OFFSET :offset"
            params = {f"s{i}": n for i, n in enumerate(names)}
            if language:
                params["lang"] = language
            keys = conn.execute(text(sql), {**params, "n": offset + limit, "limit": limit, "offset": offset}).all()
            if not keys:
                return []
            # By article id (the primary key's prefix, always indexed); a row-value IN list
            # is not index-assisted on every SQLite version.
            by_key = {(r.article_id, r.id): r for r in conn.execute(
                select(*cols, qt.c.id).where(qt.c.article_id.in_(sorted({k[1] for k in keys}))))}
            rows = [by_key[(k[1], k[2])] for k in keys]
        else:
            conds = [qt.c.is_primary == 1] + ([in_language(qt.c.article_id, language)] if language else [])
            q = select(*cols).where(*conds).order_by(*newest).limit(limit).offset(offset)
            rows = list(conn.execute(q))
    out = []
    for r in rows:
        d = json.loads(r.data)
        d.update(article_id=r.article_id, speaker_name=r.speaker, published=r.published,
                 mentions=r.mentions, cluster_id=r.cluster_id)
        out.append(d)
    return out


@lru_cache(maxsize=65536)  # a corpus spans a few thousand days; timelines repeat them
def _period(day: str, by: str) -> str:
    if "-W" in day:
        return day  # already a week (from the weekly aggregate)
    if by == "day":
        return day
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    return iso_week(day)  # TIMEX3 week value, like the record's times


def dyad_timeline(conn: Connection, a: str, b: str, by: str = "week", since=None, until=None,
                  modality=None, directed: bool = False) -> list[dict]:
    """Events between a and b per period: count, mentions, mean Goldstein (conflict-cooperation).

    Both directions by default (a->b and b->a), since the line analysts plot is the
    relationship; ``directed=True`` keeps a->b only.
    """
    if by not in ("day", "week", "month", "year"):
        raise ConfigError(Errors.E302, reason=f"--by must be day, week, month or year, not {by!r}")
    e, g = S.events, S.agg_dyad_day
    dirs = [(a, b, "a_to_b")] + ([] if directed else [(b, a, "b_to_a")])
    acc: dict[str, dict] = defaultdict(lambda: {"events": 0, "mentions": 0, "gsum": 0.0, "gn": 0, "a_to_b": 0, "b_to_a": 0})
    for src, tgt, label in dirs:
        if len(src.strip()) == 3 and len(tgt.strip()) == 3:
            # Countries: read a pre-summed table, by week when whole weeks are asked for
            # (~52 rows a year), else by day (a few thousand rows at most).
            w = by == "week" and not since and not until
            t = S.agg_dyad_week if w else g
            col = t.c.week if w else t.c.day
            conds = [t.c.source_country == src.strip().upper(), t.c.target_country == tgt.strip().upper()]
            conds += window(t.c.modality, modality, col, since, until)  # col is the day unless no range
            q = (select(col, func.sum(t.c.events), func.sum(t.c.mentions), func.sum(t.c.gsum), func.sum(t.c.gn))
                 .where(*conds).group_by(col))
        else:
            # Actor-code prefixes (RUSGOV): from the events themselves.
            conds = [e.c.is_primary == 1, e.c.day.is_not(None),
                     _actor_filter(e.c.source_code, e.c.source_country, src),
                     _actor_filter(e.c.target_code, e.c.target_country, tgt)]
            conds += window(e.c.modality, modality, e.c.day, since, until)
            # Grouped by day in SQL (small result), rolled up to weeks here: ISO weeks are
            # spelled differently in every SQL dialect.
            q = (select(e.c.day, func.count(), func.sum(e.c.mentions), func.sum(e.c.goldstein),
                        func.count(e.c.goldstein)).where(*conds).group_by(e.c.day))
        for day, n, ment, gsum, gn in conn.execute(q):
            slot = acc[_period(day, by)]
            slot["events"] += int(n)
            slot[label] += int(n)
            slot["mentions"] += int(ment or 0)
            slot["gsum"] += float(gsum or 0.0)
            slot["gn"] += int(gn or 0)
    out = []
    for period in sorted(acc):
        s = acc[period]
        out.append({"period": period, "events": s["events"], "mentions": s["mentions"],
                    "goldstein_mean": round(s["gsum"] / s["gn"], 3) if s["gn"] else None,
                    "a_to_b": s["a_to_b"], "b_to_a": s["b_to_a"]})
    return out


def actors(conn: Connection, top: int = 20, modality=None) -> list[dict]:  # noqa: ANN001
    g = S.agg_actor
    conds = window(g.c.modality, modality)
    counts: dict[str, dict] = defaultdict(lambda: {"as_source": 0, "as_target": 0})
    texts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    q = select(g.c.code, g.c.role, g.c.text, func.sum(g.c.n)).where(*conds).group_by(g.c.code, g.c.role, g.c.text)
    for code, role, txt, n in conn.execute(q):
        counts[code]["as_source" if role == "s" else "as_target"] += int(n)
        texts[code][txt] += int(n)
    ranked = sorted(counts.items(), key=lambda kv: (-(kv[1]["as_source"] + kv[1]["as_target"]), kv[0]))[:top]
    return [{"code": c, "name": _label(texts, c), **v} for c, v in ranked]


def _label(texts: dict, code: str) -> str:
    """The most frequent surface text for an actor code (a readable label)."""
    if not texts.get(code):
        return code
    return min(texts[code].items(), key=lambda kv: (-kv[1], kv[0]))[0]


def network(conn: Connection, top: int = 50, modality=None) -> dict:  # noqa: ANN001
    p = S.agg_pair
    conds = window(p.c.modality, modality)
    q = (select(p.c.source_code, p.c.target_code, func.sum(p.c.n).label("n")).where(*conds)
         .group_by(p.c.source_code, p.c.target_code)
         .order_by(text("n DESC"), p.c.source_code, p.c.target_code).limit(top))
    edges = [{"source": s, "target": t, "weight": int(n)} for s, t, n in conn.execute(q)]
    weight: dict[str, int] = defaultdict(int)
    for ed in edges:
        weight[ed["source"]] += ed["weight"]
        weight[ed["target"]] += ed["weight"]
    texts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if weight:
        g = S.agg_actor
        for code, txt, n in conn.execute(select(g.c.code, g.c.text, func.sum(g.c.n))
                                         .where(g.c.code.in_(list(weight))).group_by(g.c.code, g.c.text)):
            texts[code][txt] += int(n)
    nodes = [{"id": c, "label": _label(texts, c), "weight": w}
             for c, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def _article_conds(backend, since, until, q, language=None):  # noqa: ANN001
    a = S.articles
    conds, params = [], {}
    if language:
        conds.append(a.c.language == language)
    if since:
        conds.append(a.c.published >= since)
    if until:
        conds.append(a.c.published <= until)
    if q:
        conds.append(a.c.id.in_(text(backend.search_article_ids(None, q)).bindparams(**backend.fts_params(q))))
    return conds, params


def _newest(conn: Connection, col):  # noqa: ANN001, ANN202
    # Undated articles last on both back ends. SQLite already sorts NULL last in DESC (and
    # can then read ix_articles_listing); PostgreSQL needs it said.
    return col.desc().nulls_last() if conn.dialect.name == "postgresql" else col.desc()


def list_articles(conn: Connection, backend, limit=50, offset=0, since=None, until=None, q=None,  # noqa: ANN001
                  language=None) -> list[dict]:
    a = S.articles
    conds, _ = _article_conds(backend, since, until, q, language)
    if q and not backend.fts_param(q):
        return []
    stmt = (select(a.c.id, a.c.title, a.c.published, a.c.source, a.c.language, a.c.cluster_id, a.c.n_entities, a.c.n_quotes,
                   a.c.n_events).where(*conds)
            .order_by(_newest(conn, a.c.published), a.c.seq).limit(limit).offset(offset))
    return [{"id": r.id, "title": r.title, "published": r.published, "source": r.source, "language": r.language,
             "cluster_id": r.cluster_id, "duplicate_of": None if r.cluster_id == r.id else r.cluster_id,
             "counts": {"entities": r.n_entities, "quotes": r.n_quotes, "events": r.n_events}}
            for r in conn.execute(stmt)]


def count_articles(conn: Connection, backend, since=None, until=None, q=None, language=None) -> int:  # noqa: ANN001
    if q and not backend.fts_param(q):
        return 0
    conds, _ = _article_conds(backend, since, until, q, language)
    return int(conn.execute(select(func.count()).select_from(S.articles).where(*conds)).scalar() or 0)


def search(conn: Connection, backend, q: str, limit: int = 20, language=None) -> list[dict]:  # noqa: ANN001
    hits = backend.search(conn, q, limit, language)
    ids = sorted({h["article_id"] for h in hits})
    meta = {}
    if ids:
        for r in conn.execute(select(S.articles.c.id, S.articles.c.title, S.articles.c.published, S.articles.c.language)
                              .where(S.articles.c.id.in_(ids))):
            meta[r.id] = {"title": r.title, "published": r.published, "language": r.language}
    return [dict(h, **meta.get(h["article_id"], {})) for h in hits]


TIME_FIELDS = ("article_id", "published", "start", "end", "text", "value", "type", "mod", "anchor", "anchor_reason",
               "language")


def time_columns() -> tuple:
    """The columns of a time row, in TIME_FIELDS order (times joined to articles)."""
    t, a = S.times, S.articles
    return (t.c.article_id, a.c.published, t.c.start, t.c.end, t.c.text, t.c.value, t.c.type, t.c.mod,
            t.c.anchor, t.c.anchor_reason, a.c.language)


def times(conn: Connection, article=None, type=None, value=None, limit=100, offset=0,  # noqa: A002, ANN001
          language=None) -> list[dict]:
    """Time expressions with their TIMEX3 attributes: one article's in text order, or the
    newest articles' first. ``value`` is a prefix of the TIMEX3 value ('2022-05' matches
    2022-05 and 2022-05-09); ``type`` DATE / TIME / DURATION / SET."""
    t, a = S.times, S.articles
    conds = []
    if article:
        conds.append(t.c.article_id == article)
    if type:
        conds.append(t.c.type == type)
    if value:
        pat = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds.append(t.c.value.like(pat, escape="\\"))
    if language:
        conds.append(a.c.language == language)
    order = (t.c.start,) if article else (_newest(conn, a.c.published), a.c.seq.desc(), t.c.start)
    stmt = (select(*time_columns()).select_from(t.join(a, a.c.id == t.c.article_id)).where(*conds)
            .order_by(*order).limit(limit).offset(offset))
    return [dict(zip(TIME_FIELDS, r)) for r in conn.execute(stmt)]
