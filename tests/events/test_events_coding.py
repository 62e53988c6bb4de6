"""The CAMEO -> PLOVER coding sitrep emits agrees with the published tables."""

from __future__ import annotations

import csv

import pytest

from sitrep.events import coding, lexicon
from sitrep.record import Event

from conftest import need_shared


def _read(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_every_emittable_cameo_pair_is_in_cameo2plover_2021():
    rows = _read(need_shared("data", "events", "derived", "cameo_to_plover_2021.tsv"))
    published = {(r["cameo"], r["plover_event"], r["plover_mode"] or None) for r in rows}
    emitted = lexicon.emitted_codes() | {"030", "036", "120", "130"}  # codes the frames in extract.py use
    checked = 0
    for cameo in emitted:
        c = coding.code(cameo)
        assert c is not None, f"lexicon emits {cameo}, which has no PLOVER type"
        if cameo.startswith("02"):
            # Appeals: absent from CAMEO2PLOVER-2021, PLOVER 2 REQUEST ("all requests").
            assert (c.plover, c.mode) == ("REQUEST", None), cameo
            continue
        assert (c.cameo, c.plover, c.mode) in published, (c.cameo, c.plover, c.mode)
        checked += 1
    assert checked > 150


def test_every_emittable_code_exists_with_its_goldstein_score():
    rows = {r["code"]: r for r in _read(need_shared("data", "events", "derived", "cameo_codes.tsv"))}
    for cameo in lexicon.emitted_codes():
        assert cameo in rows
        want = rows[cameo]["goldstein_gdelt"] or rows[cameo]["goldstein_icews"]
        assert coding.code(cameo).goldstein == float(want)


def test_plover_types_are_the_sixteen():
    rows = _read(need_shared("data", "events", "derived", "plover_event_types.tsv"))
    types = {r["event"] for r in rows}
    assert len(types) == 16
    assert {coding.code(c).plover for c in lexicon.emitted_codes()} <= types


def test_codes_without_plover_type_are_not_codes():
    # CAMEO 01 (statements) has no PLOVER 2 event type; 02 (appeals) is REQUEST.
    assert coding.code("010") is None and coding.code("016") is None
    assert coding.code("020").plover == "REQUEST" and coding.code("0233").plover == "REQUEST"
    assert coding.code("041").mode == "phone"


def test_lexicon_patterns_beat_defaults_and_blocks_hold():
    assert lexicon.match("send", "VERB", objs=["troop"]).cameo == "154"
    assert lexicon.match("send", "VERB", objs=["postcard"]) is None  # sitrep blocks the bare verb
    assert lexicon.match("send", "VERB", objs=["letter"]).cameo == "040"  # PETRARCH2: SEND * LETTER
    assert lexicon.match("speak", "VERB", preps=[("by", "phone")]).cameo == "041"
    assert lexicon.match("speak", "VERB").cameo == "040"
    assert lexicon.match("say", "VERB") is None
    # A verb only PETRARCH2 knows still codes.
    assert lexicon.match("invade", "VERB").cameo == "190"  # sitrep's own row wins over PETRARCH2's 192
    assert lexicon.match("airlift", "VERB") is not None


def test_event_schema_unchanged_fields():
    assert {"plover", "mode", "cameo", "goldstein", "source", "target", "modality", "reported_by", "date",
            "location", "quantity", "trigger", "evidence"} <= set(Event.model_fields)


def test_cameo_view_gives_codes_a_cameo_coder_uses():
    from sitrep.events.coding import _INTENT, _THREAT, cameo_view, load_codes

    assert {c for c in [*_INTENT.values(), *_THREAT.values()] if c not in load_codes()} == set()
    assert cameo_view("042", "planned") == "036"           # promised visit: intent to meet
    assert cameo_view("0331", "planned") == "0331"          # already an intention code
    assert cameo_view("073", "planned") == "0333"           # promised humanitarian aid
    assert cameo_view("190", "hypothetical", threatened=True) == "1384"
    assert cameo_view("163", "planned") == "1312"           # 'will impose sanctions': a threat of sanctions
    assert cameo_view("163", "asserted") == "163"
    assert cameo_view("042", "asserted") == "042"


def test_threatened_and_planned_acts_in_sentences(pipeline):
    from sitrep.reader import InputDoc

    threat, visit = pipeline.extract_many([InputDoc(content="Iran threatened to attack Israel.", format="text"),
                                           InputDoc(content="Peru plans to send a delegation to Chile.", format="text")],
                                          as_body=True)
    assert [(e.plover, e.cameo, e.cameo_coded, e.modality) for e in threat.events] == [
        ("THREATEN", "130", "1384", "asserted"), ("ASSAULT", "190", "1384", "hypothetical")]
    assert [(e.plover, e.cameo, e.cameo_coded, e.modality) for e in visit.events] == [
        ("AGREE", "036", "036", "planned")]
