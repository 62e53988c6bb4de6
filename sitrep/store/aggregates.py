"""Pre-summed event counts (dyad per day, actors, actor pairs), kept current by the writer.

The writer collects a ``Delta`` per batch and applies it with one upsert per table, inside
the batch's transaction, so the aggregates can never disagree with the events table
after a crash. ``rebuild`` recomputes them from the events (migration, repair, bulk loads
that bypass the writer such as ``benchmarks/gen_synthetic_db.py``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import Optional

from sqlalchemy import delete, select, text
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Connection

from . import schema as S


@lru_cache(maxsize=65536)
def iso_week(day: str) -> str:
    """'2022-02-03' -> '2022-W05' (ISO 8601 week, the TIMEX3 week value)."""
    y, w, _ = dt.date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


class Delta:
    def __init__(self) -> None:
        self.dyad: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, 0])
        self.week: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, 0])
        self.actor: dict[tuple, int] = defaultdict(int)
        self.pair: dict[tuple, int] = defaultdict(int)

    def add_event(self, row: dict) -> None:
        """A new primary event (one event, one mention)."""
        mod = row["modality"]
        sc, tc, day, gold = row.get("source_country"), row.get("target_country"), row.get("day"), row.get("goldstein")
        if sc and tc and day:
            for d in (self.dyad[(sc, tc, day, mod)], self.week[(sc, tc, iso_week(day), mod)]):
                d[0] += 1
                d[1] += row.get("mentions") or 1
                if gold is not None:
                    d[2] += gold
                    d[3] += 1
        for code, txt, role in ((row.get("source_code"), row.get("source_text"), "s"),
                                (row.get("target_code"), row.get("target_text"), "t")):
            if code:
                self.actor[(code, role, mod, txt or code)] += 1
        s, t = row.get("source_code"), row.get("target_code")
        if s and t and s != t:
            self.pair[(s, t, mod)] += 1

    def add_mention(self, sc: Optional[str], tc: Optional[str], day: Optional[str], modality: str) -> None:
        """Another copy of a known event: its dyad line gains a mention, not an event."""
        if sc and tc and day:
            self.dyad[(sc, tc, day, modality)][1] += 1
            self.week[(sc, tc, iso_week(day), modality)][1] += 1

    def flush(self, conn: Connection) -> None:
        if self.dyad:
            _upsert(conn, S.agg_dyad_day, ["source_country", "target_country", "day", "modality"],
                    [{"source_country": k[0], "target_country": k[1], "day": k[2], "modality": k[3],
                      "events": v[0], "mentions": v[1], "gsum": v[2], "gn": v[3]} for k, v in self.dyad.items()],
                    ["events", "mentions", "gsum", "gn"])
        if self.week:
            _upsert(conn, S.agg_dyad_week, ["source_country", "target_country", "week", "modality"],
                    [{"source_country": k[0], "target_country": k[1], "week": k[2], "modality": k[3],
                      "events": v[0], "mentions": v[1], "gsum": v[2], "gn": v[3]} for k, v in self.week.items()],
                    ["events", "mentions", "gsum", "gn"])
        if self.actor:
            _upsert(conn, S.agg_actor, ["code", "role", "modality", "text"],
                    [{"code": k[0], "role": k[1], "modality": k[2], "text": k[3], "n": v} for k, v in self.actor.items()],
                    ["n"])
        if self.pair:
            _upsert(conn, S.agg_pair, ["source_code", "target_code", "modality"],
                    [{"source_code": k[0], "target_code": k[1], "modality": k[2], "n": v} for k, v in self.pair.items()],
                    ["n"])


def _upsert(conn: Connection, table, keys: list[str], rows: list[dict], sums: list[str]) -> None:  # noqa: ANN001
    d = sqlite_dialect if conn.dialect.name == "sqlite" else pg_dialect
    stmt = d.insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={c: table.c[c] + stmt.excluded[c] for c in sums})
    conn.execute(stmt, sorted(rows, key=lambda r: tuple(str(r[k]) for k in keys)))  # sorted: no PG deadlocks


def rebuild(conn: Connection) -> None:
    for t in S.AGG_TABLES:
        conn.execute(delete(t))
    conn.execute(text(
        "INSERT INTO agg_dyad_day (source_country, target_country, day, modality, events, mentions, gsum, gn) "
        "SELECT source_country, target_country, day, modality, count(*), sum(mentions), coalesce(sum(goldstein), 0), "
        "count(goldstein) FROM events WHERE is_primary = 1 AND source_country IS NOT NULL "
        "AND target_country IS NOT NULL AND day IS NOT NULL GROUP BY source_country, target_country, day, modality"
    ))
    # Weeks from the day rows (ISO weeks are spelled differently in every SQL dialect).
    week: dict[tuple, list] = defaultdict(lambda: [0, 0, 0.0, 0])
    g = S.agg_dyad_day
    for sc, tc, day, mod, n, m, gsum, gn in conn.execute(select(
            g.c.source_country, g.c.target_country, g.c.day, g.c.modality, g.c.events, g.c.mentions, g.c.gsum, g.c.gn)):
        w = week[(sc, tc, iso_week(day), mod)]
        w[0] += n
        w[1] += m
        w[2] += gsum
        w[3] += gn
    rows = [{"source_country": k[0], "target_country": k[1], "week": k[2], "modality": k[3], "events": v[0],
             "mentions": v[1], "gsum": v[2], "gn": v[3]} for k, v in week.items()]
    for i in range(0, len(rows), 10000):
        conn.execute(S.agg_dyad_week.insert(), rows[i : i + 10000])
    for role, code, txt in (("s", "source_code", "source_text"), ("t", "target_code", "target_text")):
        conn.execute(text(
            f"INSERT INTO agg_actor (code, role, modality, text, n) SELECT {code}, '{role}', modality, "
            f"coalesce({txt}, {code}), count(*) FROM events WHERE is_primary = 1 AND {code} IS NOT NULL "
            f"GROUP BY {code}, modality, coalesce({txt}, {code})"
        ))
    conn.execute(text(
        "INSERT INTO agg_pair (source_code, target_code, modality, n) SELECT source_code, target_code, modality, "
        "count(*) FROM events WHERE is_primary = 1 AND source_code IS NOT NULL AND target_code IS NOT NULL "
        "AND source_code <> target_code GROUP BY source_code, target_code, modality"
    ))
