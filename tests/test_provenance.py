"""Every span in every record must index the record's text (the provenance contract)."""

from __future__ import annotations

from pydantic import BaseModel

from sitrep.record import Article, Span


def _spans(obj, path="record"):
    if isinstance(obj, Span):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _spans(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for i, x in enumerate(obj):
            yield from _spans(x, f"{path}[{i}]")


def assert_provenance(rec: Article) -> int:
    n = 0
    for path, span in _spans(rec):
        source = rec.title if span.field == "title" else rec.text
        assert source is not None, path
        assert 0 <= span.start <= span.end <= len(source), (path, span)
        assert source[span.start:span.end] == span.text, (path, span)
        n += 1
    for q in rec.quotes:
        # One attribution, content in parts (each a span checked above); text joins them.
        assert q.parts and q.text == " … ".join(p.text for p in q.parts), q
        assert q.start == q.parts[0].start and q.end == q.parts[-1].end, q
    for t in list(rec.times) + list(rec.quantities):
        assert rec.text[t.start:t.end] == t.text, t
    return n


def test_seed_spans_index_the_text(seed_record):
    assert assert_provenance(seed_record) > 0


def test_ids_are_stable_across_runs(seed_text, pipeline):
    from sitrep.reader import InputDoc

    a = pipeline.extract(InputDoc(content=seed_text, format="text"), published="2022-02-03")
    b = pipeline.extract(InputDoc(content=seed_text, format="text"), published="2022-02-03")
    assert a.id == b.id
    assert [e.id for e in a.entities] == [e.id for e in b.entities]
    assert [q.id for q in a.quotes] == [q.id for q in b.quotes]
    assert [e.id for e in a.events] == [e.id for e in b.events]
    assert a.model_dump() == b.model_dump()


def test_headline_is_parsed_separately_and_points_into_title(seed_record):
    for ev in seed_record.events:
        if ev.evidence.field == "title":
            assert seed_record.title[ev.evidence.start:ev.evidence.end] == ev.evidence.text
