"""The headline's events are made by the events stage (``doc._.sitrep.title_events``) from
the headline's own Doc, run through every stage before the body."""

from __future__ import annotations

from sitrep.contract import stage


def _run(pipeline, title, body, published="2024-05-06"):
    nlp = pipeline.nlp
    tdoc = nlp.make_doc(title)
    tdoc._.sitrep.published = published
    nlp(tdoc)
    doc = nlp.make_doc(body)
    doc._.sitrep.published = published
    doc._.sitrep.title_doc = tdoc
    return nlp(doc)


def test_the_events_stage_maps_the_headline_events_onto_the_body_entities(pipeline):
    doc = _run(pipeline, "U.S. warns Iran over naval drills",
               "The United States warned Iran on Monday about naval drills in the Gulf of Oman.")
    body = {e.id: e.name for e in doc._.sitrep.entities}
    got = [(e.plover, e.trigger.text, e.trigger.field, e.evidence.field, body.get(e.source.entity),
            body.get(e.target.entity)) for e in doc._.sitrep.title_events]
    assert got == [("THREATEN", "warns", "title", "title", "United States", "Iran")]
    # the body's own events never carry the title's spans
    assert all(e.evidence.field == "text" for e in doc._.sitrep.events)


def test_a_headline_actor_the_body_does_not_name_has_no_entity(pipeline):
    doc = _run(pipeline, "Sweden sends warships to Gotland", "The navy said the ships left port on Tuesday.")
    assert [(e.plover, e.source.text, e.source.entity) for e in doc._.sitrep.title_events] == [
        ("MOBILIZE", "Sweden", None)]


def test_no_title_doc_no_title_events(pipeline):
    doc = pipeline.nlp("The United States warned Iran on Monday.")
    assert doc._.sitrep.title_events == []


def test_the_contract_declares_the_title_events():
    s = stage("sitrep_events")
    assert "title_doc" in s.requires and "title_events" in s.assigns
    assert "title_events" not in stage("sitrep_places").assigns  # the headline's places are its own
