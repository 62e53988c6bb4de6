"""Split an article's text into segments, each tagged with the facts that cover it.

Facts overlap (a quote inside an event's evidence sentence, a name inside a quote), so
instead of nesting tags we cut the text at every span boundary and give each piece the
set of facts active over it. The template wraps each piece in one flat ``<span>`` and
lets Jinja escape the text: article text is untrusted and never becomes markup.
"""

from __future__ import annotations

from typing import Any, Optional


def _label_entity(ent: dict) -> str:
    bits = [ent.get("type") or "", ent.get("name") or ""]
    if ent.get("title"):
        bits.append(ent["title"])
    if ent.get("actor_code") or ent.get("country"):
        bits.append(ent.get("actor_code") or ent.get("country"))
    return " · ".join(b for b in bits if b)


def speaker_name(record: dict, quote: dict) -> Optional[str]:
    """The speaker as a reader wants to see it: the resolved name the quotes stage gave
    (entity name, or an institution's fullest naming), else the entity's name."""
    if quote.get("speaker_text"):
        return quote["speaker_text"]
    if quote.get("speaker"):
        for ent in record.get("entities") or []:
            if ent.get("id") == quote["speaker"]:
                return ent.get("name")
    if quote.get("speaker_text"):
        return quote["speaker_text"]
    span = quote.get("speaker_span") or {}
    return span.get("text")


def _spans(record: dict) -> list[tuple[int, int, str, Any]]:
    n = len(record.get("text") or "")
    out: list[tuple[int, int, str, Any]] = []

    def add(span: Optional[dict], kind: str, payload: Any) -> None:
        if not span or span.get("field", "text") != "text":
            return
        s, e = int(span.get("start", 0)), int(span.get("end", 0))
        if 0 <= s < e <= n:
            out.append((s, e, kind, payload))

    for ent in record.get("entities") or []:
        for m in ent.get("mentions") or []:
            add(m, "ent", ent)
    for q in record.get("quotes") or []:
        # Each content piece, never the gap between them ("“X,” he said, “Y”").
        for part in q.get("parts") or [{"start": q.get("start"), "end": q.get("end")}]:
            add(part, "quote", q)
        add(q.get("speaker_span"), "speaker", q)
    for ev in record.get("events") or []:
        add(ev.get("evidence"), "ev", ev)
        add(ev.get("trigger"), "trig", ev)
    for sp, _geo in place_spans(record):
        add(sp, "place", None)
    return out


def anchor(span: Optional[dict]) -> Optional[str]:
    """The element id of a place's words in the article text ('place-120'), the target of
    the places panel's and the events panel's links; None for a span outside the body."""
    if not span or span.get("field", "text") != "text" or span.get("start") is None:
        return None
    return f"place-{int(span['start'])}"


def place_spans(record: dict) -> list[tuple[dict, dict]]:
    """(span, geo) for every resolved place in the body: each mention of a place entity that
    has a ``geo``, and each place phrase (``place_mentions``), in text order."""
    out = []
    for ent in record.get("entities") or []:
        if ent.get("geo"):
            out += [(m, ent["geo"]) for m in ent.get("mentions") or [] if m.get("field", "text") == "text"]
    for pm in record.get("place_mentions") or []:
        if pm.get("geo") and pm.get("span") and pm["span"].get("field", "text") == "text":
            out.append((pm["span"], pm["geo"]))
    out.sort(key=lambda x: (int(x[0].get("start", 0)), int(x[0].get("end", 0))))
    return out


def places(record: dict) -> list[dict]:
    """The places panel: one row per feature (GeoNames id) with the anchors of its words."""
    rows: dict[str, dict] = {}
    for sp, geo in place_spans(record):
        row = rows.setdefault(geo.get("id") or geo.get("name"), dict(geo, spans=[]))
        a = anchor(sp)
        if a and all(x["anchor"] != a for x in row["spans"]):
            row["spans"].append({"anchor": a, "text": sp.get("text") or ""})
    return sorted(rows.values(), key=lambda r: (-len(r["spans"]), r.get("name") or ""))


def segments(record: dict) -> list[dict]:
    """Ordered, non-overlapping pieces covering ``record['text']`` exactly once.

    Each piece: ``text`` plus ``cls`` (space-separated: ent, ent-PERSON, quote, speaker,
    ev, trig, place), ``anchor`` (element id where a resolved place's words start), ``ent`` (innermost entity id), ``quote`` (innermost quote id), ``events``
    (space-separated event ids), ``title`` (hover text).
    """
    text = record.get("text") or ""
    spans = _spans(record)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    anchors = {s: f"place-{s}" for s, _, kind, _ in spans if kind == "place"}
    labels = _Labels(record)
    # Sweep: spans sorted by start join the active set at their start, leave at their end.
    spans.sort(key=lambda sp: sp[0])
    pieces: list[dict] = []
    active: list = []
    i = 0
    last_key = None
    for a, b in zip(cuts, cuts[1:]):
        while i < len(spans) and spans[i][0] <= a:
            active.append(spans[i])
            i += 1
        active = [sp for sp in active if sp[1] > a]
        key = tuple(sorted((sp[0], sp[1], sp[2], id(sp[3])) for sp in active))
        if key == last_key:
            # Same facts as the previous piece: extend it instead of starting a new one.
            pieces[-1]["text"] += text[a:b]
            continue
        piece = _piece(labels, text[a:b], active)
        if a in anchors and any(sp[2] == "place" and sp[0] == a for sp in active):
            piece["anchor"] = anchors[a]
        if pieces and {k: v for k, v in pieces[-1].items() if k != "text"} == {k: v for k, v in piece.items() if k != "text"}:
            pieces[-1]["text"] += piece["text"]
        else:
            pieces.append(piece)
        last_key = key
    return pieces


class _Labels:
    """Hover texts, computed once per entity and quote rather than once per piece."""

    def __init__(self, record: dict) -> None:
        self.record = record
        self._ent: dict[int, str] = {}
        self._quote: dict[int, str] = {}

    def entity(self, ent: dict) -> str:
        k = id(ent)
        if k not in self._ent:
            self._ent[k] = _label_entity(ent)
        return self._ent[k]

    def quote(self, q: dict) -> str:
        k = id(q)
        if k not in self._quote:
            self._quote[k] = f"{q.get('kind', '')} quote — speaker: {speaker_name(self.record, q) or 'unknown'}"
        return self._quote[k]


def _piece(labels: _Labels, text: str, active: list) -> dict:
    # One pass over the active spans: the innermost (shortest) of each kind wins.
    best: dict[str, tuple[int, Any]] = {}
    evs: set[str] = set()
    for s, e, kind, payload in active:
        if kind == "place":
            continue
        if kind not in best or e - s < best[kind][0]:
            best[kind] = (e - s, payload)
        if kind in ("ev", "trig"):
            evs.add(payload["id"])
    ent = best.get("ent", (0, None))[1]
    quote = best.get("quote", best.get("speaker", (0, None)))[1]
    cls: list[str] = []
    titles: list[str] = []
    if ent is not None:
        cls += ["ent", f"ent-{(ent.get('type') or 'X').upper()}"]
        titles.append(labels.entity(ent))
    if "quote" in best:
        cls.append("quote")
        titles.append(labels.quote(quote))
    if "speaker" in best:
        cls.append("speaker")
    if evs:
        cls.append("ev")
    if any(kind == "place" for _, _, kind, _ in active):
        cls.append("place")
    if "trig" in best:
        cls.append("trig")
        trig = best["trig"][1]
        titles.append(f"event {trig.get('plover')} ({trig.get('modality')})")
    return {
        "text": text,
        "cls": " ".join(cls),
        "ent": ent.get("id") if ent else None,
        "quote": quote.get("id") if quote else None,
        "events": " ".join(sorted(evs)) or None,
        "title": " | ".join(titles) or None,
    }


def entity_names(record: dict) -> dict[str, str]:
    return {e.get("id"): e.get("name") for e in record.get("entities") or []}
