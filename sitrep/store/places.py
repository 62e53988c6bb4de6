"""The places an article names, counted (``place_refs``; issue 16): each gazetteer feature
with how often and in how many stories it is named, whether as a place entity ('Kharkiv')
or as a place mention that is no entity ('the Ukrainian border'), and its evidence spans.

Counts: ``mentions`` = spans, ``articles`` = distinct articles, ``stories`` = distinct
near-duplicate clusters (a syndicated story counts once there).
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from ..errors import ConfigError, Errors
from . import schema as S
from .queries import geo_conds, in_language

ORIGINS = ("entity", "mention")
FEATURES = ("country", "adm1", "adm2", "capital", "city", "continent", "region", "sea")


def _conds(place, bbox, since, until, language, origin, feature, article) -> list:  # noqa: ANN001
    p = S.place_refs
    conds = geo_conds(p, place, bbox)
    if origin:
        if origin not in ORIGINS:
            raise ConfigError(Errors.E302, reason=f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}")
        conds.append(p.c.origin == origin)
    if feature:
        wanted = [f.strip().lower() for f in feature.split(",") if f.strip()]
        bad = [f for f in wanted if f not in FEATURES]
        if bad or not wanted:
            raise ConfigError(Errors.E302, reason=f"feature must be some of {', '.join(FEATURES)}, not {feature!r}")
        conds.append(p.c.feature.in_(wanted))
    if since:
        conds.append(p.c.day >= since)
    if until:
        # 'YYYY-MM' takes the whole month
        conds.append(p.c.day <= (until + "-31" if len(until) == 7 else until))
    if language:
        conds.append(in_language(p.c.article_id, language))
    if article:
        conds.append(p.c.article_id == article)
    return conds


def places(conn: Connection, place=None, bbox=None, since=None, until=None, language=None, origin=None,
           feature=None, article=None, limit: int = 50, offset: int = 0, evidence: int = 5) -> list[dict]:
    """Places by how often they are named (most first), each with up to ``evidence`` spans
    (newest article first)."""
    p = S.place_refs
    conds = _conds(place, bbox, since, until, language, origin, feature, article)
    cols = (p.c.geo_id, p.c.name, p.c.feature, p.c.country, p.c.adm1, p.c.lat, p.c.lon, p.c.precision)
    n = func.count()
    q = (select(*cols, n.label("mentions"), func.count(func.distinct(p.c.article_id)).label("articles"),
                func.count(func.distinct(p.c.cluster_id)).label("stories"),
                func.sum(case((p.c.origin == "entity", 1), else_=0)).label("as_entity"),
                func.max(p.c.confidence).label("confidence"))
         .where(*conds).group_by(*cols).order_by(n.desc(), p.c.geo_id).limit(limit).offset(offset))
    out = []
    for r in conn.execute(q).mappings():
        d = {"id": r["geo_id"], "name": r["name"], "feature": r["feature"], "country": r["country"],
             "adm1": r["adm1"], "lat": r["lat"], "lon": r["lon"], "precision": r["precision"],
             "mentions": int(r["mentions"]), "articles": int(r["articles"]), "stories": int(r["stories"]),
             "as_entity": int(r["as_entity"]), "as_mention": int(r["mentions"]) - int(r["as_entity"]),
             "confidence": round(float(r["confidence"]), 3)}
        ev = [] if not evidence else conn.execute(
            select(p.c.article_id, p.c.field, p.c.start, p.c.end, p.c.text, p.c.origin, p.c.kind, p.c.ref_id, p.c.day)
            .where(*conds, p.c.geo_id == r["geo_id"])
            .order_by(p.c.day.desc(), p.c.article_id, p.c.field, p.c.start).limit(evidence)).mappings()
        # each span links to its words on the article page (the page's anchor 'place-<start>')
        d["evidence"] = [dict(e, href=f"/articles/{e['article_id']}#"
                                    + (f"place-{e['start']}" if e["field"] == "text" else "article-text")) for e in ev]
        out.append(d)
    return out


__all__ = ["places", "ORIGINS", "FEATURES"]
