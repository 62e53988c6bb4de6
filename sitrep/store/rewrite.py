"""Rewriting stored JSON in place, batch by batch (the record-shape migrations use it)."""

from __future__ import annotations

import json
from typing import Callable

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

_BATCH = 500


def dump(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def rewrite_json(conn: Connection, table, keys: list[str], column: str, fn: Callable[..., dict],  # noqa: ANN001
                 pass_key: bool = False) -> None:
    """Apply ``fn`` to the JSON in ``table.column`` of every row, in key order (with
    ``pass_key``, ``fn(value, first key column)``); a row whose value ``fn`` returns
    unchanged (the same object) is not written."""
    cols = [table.c[k] for k in keys]
    last: tuple = ()
    while True:
        stmt = select(*cols, table.c[column]).order_by(*cols).limit(_BATCH)
        if last:
            # Row after ``last`` in key order: (k1 > a) or (k1 = a and k2 > b) ...
            stmt = stmt.where(or_(*[and_(*[c == v for c, v in zip(cols[:i], last[:i])], cols[i] > last[i])
                                    for i in range(len(cols))]))
        rows = conn.execute(stmt).all()
        if not rows:
            break
        for *key, raw in rows:
            d = json.loads(raw)
            new = fn(d, key[0]) if pass_key else fn(d)
            if new is not d:
                conn.execute(update(table).where(*[c == v for c, v in zip(cols, key)]).values({column: dump(new)}))
        last = tuple(rows[-1][: len(cols)])
