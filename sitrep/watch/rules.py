"""Alert rules (TOML) and their evaluation against the store.

A rules file holds ``[[rule]]`` tables; each has a ``name``, a ``kind`` and a ``window``
(``day``, ``week`` — ISO weeks — or ``month``)::

    [[rule]]
    name = "rus-ukr-hostile"
    kind = "goldstein"            # a dyad's mean Goldstein over the window
    dyad = ["RUS", "UKR"]         # either direction; a country or an actor-code prefix
    below = -6.0                  # or: above = 5.0
    min_events = 3
    window = "week"

    [[rule]]
    name = "assault-spike"
    kind = "count"                # events of a type over the window vs. its baseline
    event = "ASSAULT"             # PLOVER type (or a CAMEO prefix such as "19")
    actor = "RUS"                 # optional: as source or target
    place = "Kharkiv"             # optional: the event's location contains this
    factor = 2.0                  # count >= factor x mean of the previous `baseline` windows
    baseline = 4
    min_count = 3
    unit = "events"               # what is counted: "events" (default) or "articles"
    window = "week"

    [[rule]]
    name = "minister-quoted"
    kind = "quote"                # a watched speaker quoted
    speaker = "Oksana Marchenko"  # part of the resolved speaker name, case-insensitive
    contains = "ceasefire"        # optional: words the quote must contain
    window = "day"

    [[rule]]
    name = "rus-mil-planning"
    kind = "modality"             # a watched actor in a new event with a given modality
    actor = "RUSMIL"
    modality = ["planned"]        # one or a list
    event = "MOBILIZE"            # optional
    window = "day"

What a count counts: with ``unit = "events"`` (the default) the value is the number of coded
events, and one article may report several (the events stage can code one shelling as an
ASSAULT on the town and another on the country, so two articles may count 4); with
``unit = "articles"`` it is the number of distinct articles with at least one such event, in
the window and in the baseline alike (wire copies stored as separate articles count
separately). The goldstein rule's ``min_events`` and the modality rule's value count events.

An alert is ``{id, rule, kind, window, value, threshold, message, event_ids, quote_ids}``;
its id is a hash of (rule name, window), so it fires once per rule and window. Only windows
that newly stored articles touch are evaluated, so a poll that brought nothing costs nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import ConfigError, Errors
from ..store import Store

KINDS = ("goldstein", "count", "quote", "modality")
WINDOWS = ("day", "week", "month")
UNITS = ("events", "articles")  # what a count rule counts
MODALITIES = ("asserted", "reported", "planned", "hypothetical", "denied", "negated")
_ACTOR = re.compile(r"^[A-Za-z]{3}[A-Za-z0-9]{0,12}$")
_LIMIT = 10000


@dataclass
class Rule:
    name: str
    kind: str
    window: str = "day"
    dyad: Optional[tuple[str, str]] = None
    below: Optional[float] = None
    above: Optional[float] = None
    min_events: int = 1
    event: Optional[str] = None
    actor: Optional[str] = None
    place: Optional[str] = None
    factor: float = 2.0
    baseline: int = 4
    min_count: int = 1
    unit: str = "events"
    speaker: Optional[str] = None
    contains: Optional[str] = None
    modality: list[str] = field(default_factory=list)


def _bad(path: str, reason: str) -> ConfigError:
    return ConfigError(Errors.E304, None, path=path, reason=reason)


def load_rules(path: str | Path) -> list[Rule]:
    """Read and check a rules file; every mistake is a one-line E304 naming the rule."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _bad(str(p), exc.strerror or str(exc)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _bad(str(p), f"not valid TOML ({exc})") from None
    return parse_rules(data, str(p))


def parse_rules(data: dict, path: str = "<rules>") -> list[Rule]:
    raw = data.get("rule", [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise _bad(path, "rules are [[rule]] tables")
    rules, names = [], set()
    for i, r in enumerate(raw, 1):
        name = r.get("name")
        where = f"rule {i}" + (f" ({name})" if isinstance(name, str) else "")
        if not isinstance(name, str) or not name.strip():
            raise _bad(path, f"{where}: needs a name")
        if name in names:
            raise _bad(path, f"{where}: the name is used twice")
        names.add(name)
        known = set(Rule.__dataclass_fields__) - {"name"}
        unknown = sorted(set(r) - known - {"name"})
        if unknown:
            raise _bad(path, f"{where}: unknown key(s) {', '.join(unknown)}")
        kind = r.get("kind")
        if kind not in KINDS:
            raise _bad(path, f"{where}: kind must be one of {', '.join(KINDS)}")
        window = r.get("window", "day")
        if window not in WINDOWS:
            raise _bad(path, f"{where}: window must be one of {', '.join(WINDOWS)}")
        rule = Rule(name=name, kind=kind, window=window)
        try:
            _fill(rule, r)
        except (TypeError, ValueError) as exc:
            raise _bad(path, f"{where}: {exc}") from None
        rules.append(rule)
    return rules


def _actor(v: object, what: str) -> str:
    if not isinstance(v, str) or not _ACTOR.match(v):
        raise ValueError(f"{what} must be a country (RUS) or an actor code (RUSMIL)")
    return v.upper()


def _num(v: object, what: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ValueError(f"{what} must be a number")
    return float(v)


def _int(v: object, what: str, low: int) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < low:
        raise ValueError(f"{what} must be an integer >= {low}")
    return v


def _text(v: object, what: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(f"{what} must be a non-empty string")
    return v.strip()


def _fill(rule: Rule, r: dict) -> None:
    if "unit" in r and rule.kind != "count":
        raise ValueError("unit applies to count rules only")
    if "actor" in r:
        rule.actor = _actor(r["actor"], "actor")
    if "event" in r:
        rule.event = _text(r["event"], "event").upper()
    if rule.kind == "goldstein":
        d = r.get("dyad")
        if not isinstance(d, list) or len(d) != 2:
            raise ValueError('dyad must be two actors, e.g. ["RUS", "UKR"]')
        rule.dyad = (_actor(d[0], "dyad"), _actor(d[1], "dyad"))
        if ("below" in r) == ("above" in r):
            raise ValueError("give exactly one of below or above")
        rule.below = _num(r["below"], "below") if "below" in r else None
        rule.above = _num(r["above"], "above") if "above" in r else None
        rule.min_events = _int(r.get("min_events", 1), "min_events", 1)
    elif rule.kind == "count":
        if not rule.event:
            raise ValueError("a count rule needs event (a PLOVER type)")
        if "place" in r:
            rule.place = _text(r["place"], "place")
        rule.factor = _num(r.get("factor", 2.0), "factor")
        if rule.factor <= 0:
            raise ValueError("factor must be > 0")
        rule.baseline = _int(r.get("baseline", 4), "baseline", 1)
        rule.min_count = _int(r.get("min_count", 1), "min_count", 1)
        rule.unit = r.get("unit", "events")
        if rule.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    elif rule.kind == "quote":
        rule.speaker = _text(r.get("speaker"), "speaker")
        if "contains" in r:
            rule.contains = _text(r["contains"], "contains")
    elif rule.kind == "modality":
        if not rule.actor:
            raise ValueError("a modality rule needs actor")
        mods = r.get("modality")
        mods = [mods] if isinstance(mods, str) else mods
        if not isinstance(mods, list) or not mods or any(m not in MODALITIES for m in mods):
            raise ValueError(f"modality must be one or more of {', '.join(MODALITIES)}")
        rule.modality = list(mods)


# -- windows ---------------------------------------------------------------------------------
def window_of(day: str, window: str) -> str:
    d = dt.date.fromisoformat(day)
    if window == "day":
        return d.isoformat()
    if window == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    return f"{d.year}-{d.month:02d}"


def window_bounds(label: str, window: str) -> tuple[str, str]:
    """First and last day (inclusive) of a window label."""
    if window == "day":
        return label, label
    if window == "week":
        y, w = label.split("-W")
        start = dt.date.fromisocalendar(int(y), int(w), 1)
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    y, m = (int(x) for x in label.split("-"))
    start = dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return start.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()


def previous_windows(label: str, window: str, n: int) -> list[str]:
    start = dt.date.fromisoformat(window_bounds(label, window)[0])
    out = []
    for _ in range(n):
        start = start - dt.timedelta(days=1)
        lab = window_of(start.isoformat(), window)
        out.append(lab)
        start = dt.date.fromisoformat(window_bounds(lab, window)[0])
    return out


def alert_id(rule: str, window: str) -> str:
    return hashlib.sha256(f"{rule}\x00{window}".encode("utf-8")).hexdigest()


# -- evaluation --------------------------------------------------------------------------------
def _ev_key(e: dict) -> list:
    return [e["article_id"], e["id"]]


def _actor_events(store: Store, actor: Optional[str], **kw) -> list[dict]:
    """Events with ``actor`` as source or as target (each once)."""
    if not actor:
        return store.events(limit=_LIMIT, **kw)
    seen, out = set(), []
    for e in store.events(source=actor, limit=_LIMIT, **kw) + store.events(target=actor, limit=_LIMIT, **kw):
        k = (e["article_id"], e["id"])
        if k not in seen:
            seen.add(k)
            out.append(e)
    return out


def _count_events(store: Store, rule: Rule, since: str, until: str) -> list[dict]:
    evs = _actor_events(store, rule.actor, type=rule.event, since=since, until=until)
    if rule.place:
        p = rule.place.lower()
        evs = [e for e in evs if p in (e.get("location") or "").lower()]
    return evs


def _counted(events: list[dict], unit: str) -> int:
    """How many ``events`` count: the events, or the distinct articles they come from."""
    return len(events) if unit == "events" else len({e["article_id"] for e in events})


def evaluate(store: Store, rule: Rule, label: str) -> Optional[dict]:
    """The alert for ``rule`` in window ``label``, or None if its condition does not hold."""
    since, until = window_bounds(label, rule.window)
    base = {"id": alert_id(rule.name, label), "rule": rule.name, "kind": rule.kind, "window": label}
    if rule.kind == "goldstein":
        a, b = rule.dyad
        rows = store.dyad_timeline(a, b, by="day", since=since, until=until)
        n = sum(r["events"] for r in rows)
        scored = [(r["goldstein_mean"], r["events"]) for r in rows if r["goldstein_mean"] is not None]
        if n < rule.min_events or not scored:
            return None
        mean = sum(g * k for g, k in scored) / sum(k for _, k in scored)
        hit = mean < rule.below if rule.below is not None else mean > rule.above
        if not hit:
            return None
        thr = rule.below if rule.below is not None else rule.above
        evs = store.events(source=a, target=b, since=since, until=until, limit=_LIMIT) + \
            store.events(source=b, target=a, since=since, until=until, limit=_LIMIT)
        side = "below" if rule.below is not None else "above"
        return {**base, "value": round(mean, 3), "threshold": thr, "event_ids": [_ev_key(e) for e in evs],
                "message": f"{a}-{b} mean Goldstein {mean:.2f} over {n} events in {label} is {side} {thr:g}"}
    if rule.kind == "count":
        evs = _count_events(store, rule, since, until)
        n = _counted(evs, rule.unit)
        history = [_counted(_count_events(store, rule, *window_bounds(w, rule.window)), rule.unit)
                   for w in previous_windows(label, rule.window, rule.baseline)]
        mean = sum(history) / len(history)
        if n < rule.min_count or n < rule.factor * mean or (mean == 0 and n == 0):
            return None
        what = f"{rule.event} events" if rule.unit == "events" else f"articles with {rule.event} events"
        who = f" involving {rule.actor}" if rule.actor else ""
        where = f" in {rule.place}" if rule.place else ""
        return {**base, "value": float(n), "threshold": round(rule.factor * mean, 3),
                "event_ids": [_ev_key(e) for e in evs],
                "message": f"{n} {what}{who}{where} in {label}, baseline {mean:.2f} per {rule.window} "
                           f"over the previous {rule.baseline}"}
    if rule.kind == "quote":
        qs = [q for q in store.quotes(speaker=rule.speaker, limit=_LIMIT)
              if q.get("published") and since <= q["published"] <= until]
        if rule.contains:
            words = rule.contains.lower().split()
            qs = [q for q in qs if all(w in (q.get("text") or "").lower() for w in words)]
        if not qs:
            return None
        names = sorted({q.get("speaker_name") or q.get("speaker_text") or "" for q in qs})
        first = qs[-1].get("text") or ""
        return {**base, "value": float(len(qs)), "threshold": 1.0,
                "quote_ids": [[q["article_id"], q["id"]] for q in qs],
                "message": f"{', '.join(names)} quoted {len(qs)} time(s) in {label}: \"{first[:160]}\""}
    # modality
    evs = _actor_events(store, rule.actor, type=rule.event, since=since, until=until,
                        modality=",".join(rule.modality))
    if not evs:
        return None
    kinds = sorted({f"{e.get('modality')} {e.get('plover')}" for e in evs})
    return {**base, "value": float(len(evs)), "threshold": 1.0, "event_ids": [_ev_key(e) for e in evs],
            "message": f"{rule.actor} in {len(evs)} new event(s) in {label}: {', '.join(kinds)}"}


def touched_windows(store: Store, article_ids: list[str], rule: Rule) -> list[str]:
    """The windows of ``rule`` that the events / quotes of these articles fall in."""
    days = set()
    for aid in article_ids:
        if rule.kind == "quote":
            days.update(q.get("published") for q in store.quotes(article=aid, limit=_LIMIT))
        else:
            days.update(e.get("day") for e in store.events(article=aid, modality="all", limit=_LIMIT))
    out = set()
    for d in days:
        if d and re.match(r"^\d{4}-\d{2}-\d{2}$", d):
            out.add(window_of(d, rule.window))
    return sorted(out)


def check_rules(store: Store, rules: list[Rule], article_ids: list[str]) -> list[dict]:
    """Every alert the newly stored ``article_ids`` make true (not yet deduplicated)."""
    if not article_ids:
        return []
    out = []
    for rule in rules:
        for label in touched_windows(store, article_ids, rule):
            alert = evaluate(store, rule, label)
            if alert:
                alert.setdefault("event_ids", [])
                alert.setdefault("quote_ids", [])
                out.append(alert)
    return out
