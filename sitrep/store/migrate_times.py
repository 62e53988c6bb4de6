"""Store migration 6 -> 7: the ``times`` table gains the TIMEX3 attributes (issue 15).

The JSON record has carried ``mod``, ``anchor`` and ``anchor_reason`` on every time
expression since the TimeML work; the flattened ``times`` table had only value and type.
The step adds the three columns (a store created at version 1 by this sitrep already has
them: each column is added only when missing) and fills them from the stored records, so
a query or an export of an old store gives what re-ingesting would.
"""

from __future__ import annotations

import json

from sqlalchemy import inspect, select, update
from sqlalchemy.engine import Connection

from . import schema as S

_BATCH = 500
NEW_COLUMNS = ("mod", "anchor", "anchor_reason")


def _add_missing_columns(conn: Connection) -> None:
    have = {c["name"] for c in inspect(conn).get_columns("times")}
    prep = conn.dialect.identifier_preparer
    for name in NEW_COLUMNS:
        if name in have:
            continue
        col = S.times.c[name]
        conn.exec_driver_sql(f"ALTER TABLE {prep.quote('times')} ADD COLUMN {prep.quote(name)} "
                             f"{col.type.compile(dialect=conn.dialect)}")


def upgrade_times(conn: Connection) -> None:
    _add_missing_columns(conn)
    S.ix_times_value.create(conn, checkfirst=True)
    a, t = S.articles, S.times
    last = 0
    while True:
        rows = conn.execute(select(a.c.seq, a.c.id, a.c.record).where(a.c.seq > last).order_by(a.c.seq)
                            .limit(_BATCH)).all()
        if not rows:
            break
        for _seq, art_id, raw in rows:
            seen = set()
            for tx in json.loads(raw).get("times") or []:
                if tx["start"] in seen:
                    continue  # the writer keeps the first expression at a start
                seen.add(tx["start"])
                attrs = {k: tx.get(k) for k in NEW_COLUMNS}
                if not any(attrs.values()):
                    continue
                conn.execute(update(t).where(t.c.article_id == art_id, t.c.start == tx["start"]).values(**attrs))
        last = rows[-1][0]
