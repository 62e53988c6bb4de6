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


def assert_provenance(rec: Article) -> dict:
    """Check every span, quote, time and quantity of `rec` against its text; return how many of each were checked."""
    n = 0
    for path, span in _spans(rec):
        source = rec.title if span.field == "title" else rec.text
        assert source is not None, path
        assert 0 <= span.start <= span.end <= len(source), (path, span)
        assert source[span.start:span.end] == span.text, (path, span)
        n += 1
    counts = {"spans": n, "quotes": 0, "times": 0}
    for q in rec.quotes:
        # One attribution, content in parts (each a span checked above); text joins them.
        assert q.parts and q.text == " … ".join(p.text for p in q.parts), q
        assert q.start == q.parts[0].start and q.end == q.parts[-1].end, q
        counts["quotes"] += 1
    for t in list(rec.times) + list(rec.quantities):
        assert rec.text[t.start:t.end] == t.text, t
        counts["times"] += 1
    return counts


def test_invented_record_spans_index_the_text(pipeline):
    """Off the seed: an invented two-sentence report; every fact it must carry is checked, so an empty output fails."""
    from sitrep.reader import InputDoc

    text = ("Kenya's interior minister said on Friday that police had arrested 40 people after protests in Nairobi. "
            "\"The law will be enforced,\" he said.")
    rec = pipeline.extract(InputDoc(content=text, format="text"), published="2025-02-07")
    counts = assert_provenance(rec)
    # two quotes (the indirect report and the direct one), one time (Friday) and one quantity (40 people)
    assert (counts["quotes"], counts["times"]) == (2, 2), counts
    assert {q.text for q in rec.quotes} == {"police had arrested 40 people after protests in Nairobi",
                                             "The law will be enforced"}
    # at least: two entities (Kenya, Nairobi), one event, each quote's cue and speaker span
    assert counts["spans"] >= 2 + 1 + 2 * 2, counts


def test_seed_spans_index_the_text(seed_record):
    counts = assert_provenance(seed_record)
    # floors measured on the seed (309 spans, 38 attributions, 18 times and quantities) minus a margin
    assert counts["spans"] >= 270 and counts["quotes"] >= 34 and counts["times"] >= 15, counts


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
    titled = [ev for ev in seed_record.events if ev.evidence.field == "title"]
    # the seed's headline has two clauses, each an event: London warns Moscow; the U.S. sends troops
    assert len(titled) == 2, [ev.evidence.text for ev in titled]
    for ev in titled:
        assert seed_record.title[ev.evidence.start:ev.evidence.end] == ev.evidence.text
