"""sitrep/lookups.py answers exactly what the linear scans it replaced answered, in the same
order (the records of long documents stay identical; only the time changes)."""

from __future__ import annotations

import random

from sitrep.lookups import Intervals, by_id, ents_within, intervals_of
from sitrep.record import Span as RecordSpan


def brute_overlapping(items, lo, hi):
    return [x for x in items if x[0] < hi and x[1] > lo]


def test_overlapping_and_contains_match_a_scan():
    rnd = random.Random(7)
    items = []
    for _ in range(300):
        s = rnd.randint(0, 2000)
        items.append((s, s + rnd.randint(0, 40)))
    iv = Intervals(items)
    for _ in range(2000):
        lo = rnd.randint(-50, 2100)
        hi = lo + rnd.randint(0, 120)
        assert iv.overlapping(lo, hi) == brute_overlapping(items, lo, hi)
        assert iv.contains(lo) == any(s <= lo < e for s, e in items)


def test_items_with_start_and_end_attributes_keep_list_order():
    spans = [RecordSpan(start=10, end=20, text="x" * 10), RecordSpan(start=0, end=30, text="y" * 30),
             RecordSpan(start=12, end=13, text="z")]
    assert [s.text for s in Intervals(spans).overlapping(12, 13)] == ["x" * 10, "y" * 30, "z"]
    assert Intervals([]).overlapping(0, 10) == [] and not Intervals([]).contains(0)


def test_cache_follows_the_list(pipeline):
    doc = pipeline.nlp.make_doc("One two three.")
    a = [(0, 3), (4, 7)]
    first = intervals_of(doc, "x", a)
    assert intervals_of(doc, "x", a) is first
    a.append((8, 13))  # a longer list is a new index
    assert intervals_of(doc, "x", a).overlapping(9, 10) == [(8, 13)]
    b = [(0, 3)]
    assert intervals_of(doc, "x", b).overlapping(5, 6) == []


def test_by_id_keeps_the_first_item_with_an_id(pipeline):
    doc = pipeline.nlp.make_doc("x")

    class E:
        def __init__(self, id, n):  # noqa: A002
            self.id, self.n = id, n

    items = [E("a", 1), E("b", 2), E("a", 3)]
    assert by_id(doc, "e", items)["a"].n == 1 and by_id(doc, "e", items)["b"].n == 2


def test_ents_within_is_span_ents(pipeline):
    text = ("Foreign Minister Ilse Novak of Poland met officials of the European Union in Warsaw on Monday. "
            "The Red Cross said 4,100 people had fled to Romania since June 21. "
            "Maren Veldt told reporters in New Delhi that India had sent troops.")
    doc = pipeline.nlp(text)
    assert doc.ents
    for sent in doc.sents:
        assert [(e.start, e.end, e.label_) for e in ents_within(sent)] == [(e.start, e.end, e.label_) for e in sent.ents]
    # A span that cuts an entity: the cut entity is not inside it (as Span.ents).
    span = doc[2:12]
    assert [(e.start, e.end) for e in ents_within(span)] == [(e.start, e.end) for e in span.ents]
    span = doc[3:20]
    assert [(e.start, e.end) for e in ents_within(span)] == [(e.start, e.end) for e in span.ents]
