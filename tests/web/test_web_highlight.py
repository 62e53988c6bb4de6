"""The pure helpers behind the pages: text segments and chart geometry (no server)."""

from __future__ import annotations

from sitrep.web import charts, highlight

TEXT = 'Minister Ana Ruiz said "troops will leave <b>soon</b>" on Monday. Rebels denied it.'


def _record():
    s = TEXT.index("Ana Ruiz")
    q0, q1 = TEXT.index('"') + 1, TEXT.index('" on')
    ev_end = TEXT.index("Monday.") + len("Monday.")
    return {
        "text": TEXT,
        "entities": [
            {"id": "e1", "name": "Ana Ruiz", "type": "PERSON", "title": "Minister", "actor_code": "ESPGOV",
             "mentions": [{"start": s, "end": s + 8, "text": "Ana Ruiz"},
                          {"start": 0, "end": 3, "text": "Min", "field": "title"},  # title-field: not body
                          {"start": 500, "end": 510, "text": "??"}]},  # out of range: ignored
        ],
        "quotes": [{"id": "q1", "text": TEXT[q0:q1], "start": q0, "end": q1, "kind": "direct", "speaker": "e1",
                    "speaker_span": {"start": s, "end": s + 8, "text": "Ana Ruiz"}}],
        "events": [{"id": "v1", "plover": "MOBILIZE", "modality": "planned",
                    "trigger": {"start": TEXT.index("leave"), "end": TEXT.index("leave") + 5, "text": "leave"},
                    "evidence": {"start": 0, "end": ev_end, "text": TEXT[:ev_end]}}],
    }


def test_segments_cover_the_text_once_and_tag_each_fact():
    rec = _record()
    segs = highlight.segments(rec)
    assert "".join(s["text"] for s in segs) == TEXT
    by_text = {s["text"]: s for s in segs}
    assert by_text["Ana Ruiz"]["ent"] == "e1" and "speaker" in by_text["Ana Ruiz"]["cls"].split()
    assert by_text["Ana Ruiz"]["quote"] == "q1"
    assert by_text["leave"]["cls"].split() == ["quote", "ev", "trig"] and by_text["leave"]["events"] == "v1"
    assert "speaker: Ana Ruiz" in by_text["leave"]["title"]
    # Markup in the text stays a plain string piece (the template escapes it).
    assert any("<b>soon</b>" in s["text"] for s in segs)
    assert by_text[" Rebels denied it."]["cls"] == ""
    # The first 'Min' is not tagged: that mention indexes the title, not the body.
    assert segs[0]["text"].startswith("Minister ") and "ent" not in segs[0]["cls"].split()


def test_neighbouring_pieces_with_the_same_tags_merge():
    rec = {"text": "abcdef", "entities": [
        {"id": "x", "name": "abc", "type": "ORG", "mentions": [{"start": 0, "end": 3, "text": "abc"}]},
        {"id": "x", "name": "abc", "type": "ORG", "mentions": [{"start": 3, "end": 6, "text": "def"}]}]}
    assert [s["text"] for s in highlight.segments(rec)] == ["abcdef"]


def test_speaker_name_prefers_the_entity_name():
    rec = _record()
    assert highlight.speaker_name(rec, rec["quotes"][0]) == "Ana Ruiz"
    assert highlight.speaker_name(rec, {"speaker": None, "speaker_text": "a spokesman"}) == "a spokesman"
    assert highlight.speaker_name(rec, {"speaker_span": {"text": "he"}}) == "he"


def test_dyad_chart_geometry():
    periods = [{"period": "2025-W01", "events": 4, "goldstein_mean": -10.0},
               {"period": "2025-W02", "events": 2, "goldstein_mean": 10.0},
               {"period": "2025-W03", "events": 0, "goldstein_mean": None}]
    c = charts.dyad_chart(periods, width=400, height=200, pad=20)
    assert [b["count"] for b in c["bars"]] == [4, 2, 0]
    assert c["bars"][0]["h"] == c["plot_h"] and c["bars"][1]["h"] == c["plot_h"] / 2 and c["bars"][2]["h"] == 0
    assert [p["y"] for p in c["points"]] == [c["bottom"], c["pad"]]  # -10 at the bottom, +10 at the top
    assert all(b["y"] + b["h"] == c["bottom"] for b in c["bars"])


def test_network_layout_keeps_known_edges_and_stops_at_the_rim():
    net = {"nodes": [{"id": "RUS", "label": "Russia", "weight": 9}, {"id": "UKR", "label": "Ukraine", "weight": 4}],
           "edges": [{"source": "RUS", "target": "UKR", "weight": 3}, {"source": "RUS", "target": "XXX", "weight": 1}]}
    lay = charts.network_layout(net, size=400)
    assert [n["id"] for n in lay["nodes"]] == ["RUS", "UKR"]
    assert len(lay["edges"]) == 1
    e, ukr = lay["edges"][0], lay["nodes"][1]
    gap = ((e["x2"] - ukr["x"]) ** 2 + (e["y2"] - ukr["y"]) ** 2) ** 0.5
    assert abs(gap - (ukr["r"] + 3)) < 0.2


def test_fill_gaps_puts_quiet_periods_on_the_axis():
    weeks = [{"period": "2024-W52", "events": 1, "goldstein_mean": 1.0},
             {"period": "2025-W02", "events": 2, "goldstein_mean": -3.0}]
    filled = charts.fill_gaps(weeks, "week")
    assert [(p["period"], p["events"]) for p in filled] == [("2024-W52", 1), ("2025-W01", 0), ("2025-W02", 2)]
    assert [p["period"] for p in charts.fill_gaps([{"period": "2024-12"}, {"period": "2025-02"}], "month")] == \
        ["2024-12", "2025-01", "2025-02"]
    far = [{"period": "2019-W01", "events": 1}, {"period": "2025-W01", "events": 1}]
    assert charts.fill_gaps(far, "week") == far  # too long a span: no hundreds of empty slots
