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
    """The speaker as a reader wants to see it: entity name, else the resolved text."""
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
        add({"start": q.get("start"), "end": q.get("end")}, "quote", q)
        add(q.get("speaker_span"), "speaker", q)
    for ev in record.get("events") or []:
        add(ev.get("evidence"), "ev", ev)
        add(ev.get("trigger"), "trig", ev)
    return out


def segments(record: dict) -> list[dict]:
    """Ordered, non-overlapping pieces covering ``record['text']`` exactly once.

    Each piece: ``text`` plus ``cls`` (space-separated: ent, ent-PERSON, quote, speaker,
    ev, trig), ``ent`` (innermost entity id), ``quote`` (innermost quote id), ``events``
    (space-separated event ids), ``title`` (hover text).
    """
    text = record.get("text") or ""
    spans = _spans(record)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    # Sweep: spans sorted by start join the active set at their start, leave at their end.
    spans.sort(key=lambda sp: sp[0])
    pieces: list[dict] = []
    active: list = []
    i = 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(spans) and spans[i][0] <= a:
            active.append(spans[i])
            i += 1
        active = [sp for sp in active if sp[1] > a]
        pieces.append(_piece(record, text[a:b], active))
    # Neighbours with the same tags become one piece (fewer elements, same rendering).
    merged: list[dict] = []
    for p in pieces:
        if merged and {k: v for k, v in merged[-1].items() if k != "text"} == {k: v for k, v in p.items() if k != "text"}:
            merged[-1]["text"] += p["text"]
        else:
            merged.append(p)
    return merged


def _innermost(active: list, kind: str):
    best = [sp for sp in active if sp[2] == kind]
    return min(best, key=lambda sp: sp[1] - sp[0])[3] if best else None


def _piece(record: dict, text: str, active: list) -> dict:
    cls: list[str] = []
    titles: list[str] = []
    ent = _innermost(active, "ent")
    quote = _innermost(active, "quote") or _innermost(active, "speaker")
    is_quote = any(sp[2] == "quote" for sp in active)
    is_speaker = any(sp[2] == "speaker" for sp in active)
    evs = sorted({sp[3]["id"] for sp in active if sp[2] in ("ev", "trig")})
    if ent is not None:
        cls += ["ent", f"ent-{(ent.get('type') or 'X').upper()}"]
        titles.append(_label_entity(ent))
    if is_quote:
        cls.append("quote")
        titles.append(f"{quote.get('kind', '')} quote — speaker: {speaker_name(record, quote) or 'unknown'}")
    if is_speaker:
        cls.append("speaker")
    if evs:
        cls.append("ev")
    if any(sp[2] == "trig" for sp in active):
        cls.append("trig")
        trig = _innermost(active, "trig")
        titles.append(f"event {trig.get('plover')} ({trig.get('modality')})")
    return {
        "text": text,
        "cls": " ".join(cls),
        "ent": ent.get("id") if ent else None,
        "quote": quote.get("id") if quote and (is_quote or is_speaker) else None,
        "events": " ".join(evs) or None,
        "title": " | ".join(titles) or None,
    }


def entity_names(record: dict) -> dict[str, str]:
    return {e.get("id"): e.get("name") for e in record.get("entities") or []}
