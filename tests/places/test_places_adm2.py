"""Places (issue 16): second-level divisions, 'between the towns of', deportations, the place
the previous sentence established, and the article page's place anchors. Invented sentences."""

from __future__ import annotations

from collections import Counter

from sitrep.export import geo_cols, plover_location
from sitrep.places import Context, gazetteer, resolve_name
from sitrep.reader import InputDoc
from sitrep.web import highlight


def _rec(pipeline, text: str):
    return pipeline.extract(InputDoc(content=text), as_body=True, published="2024-05-01")


def _event(rec, plover: str):
    for e in rec.events:
        if e.plover == plover:
            return e
    raise AssertionError(f"no {plover} event in {[e.plover for e in rec.events]}")


# ---------------------------------------------------------------- ADM2
def test_the_table_holds_second_level_divisions():
    g = gazetteer()
    [orange] = [f for f in g.candidates("Orange County") if f.country == "USA" and f.admin1 == "CA"]
    assert (orange.kind, orange.precision, orange.id) == ("adm2", "adm2", "5379524")
    assert [f.kind for f in g.candidates("Bucha raion")] == ["adm2"]


def test_a_division_word_reads_the_second_level_division():
    geo = resolve_name("Bucha", Context(), "", " raion on Monday")
    assert (geo.name, geo.feature, geo.country, geo.admin1_name) == ("Buchanskyi Raion", "adm2", "UKR", "Kyivska oblast")
    geo = resolve_name("Khyber", Context(), "in the ", " district of the northwest")
    assert (geo.feature, geo.country, geo.precision) == ("adm2", "PAK", "adm2")


def test_without_a_division_word_the_city_or_nothing():
    assert resolve_name("Kent", Context(Counter({"GBR": 2}))).feature != "adm2"
    # only a district of India is named 'Korea': not a place in a story that is not about India
    assert resolve_name("Korea", Context()) is None
    assert resolve_name("Korea", Context(Counter({"IND": 3}))).feature == "adm2"


def test_a_qualifier_in_another_country_rules_the_division_out():
    assert resolve_name("Charlevoix", Context(), "", ", Quebec, for the summit") is None


def test_an_event_in_a_county_is_placed_at_adm2_and_exported(pipeline):
    rec = _rec(pipeline, "Police arrested three men in Orange County on Friday.")
    ev = _event(rec, "COERCE")
    assert (ev.place.basis, ev.place.feature, ev.place.precision, ev.place.country) == ("locative", "adm2", "adm2", "USA")
    p = ev.place.model_dump()
    assert geo_cols(p)[:4] == ["2", "Orange County, California, United States", "US", "USCA"]
    loc = plover_location(p)
    assert (loc["district"], loc["province"], loc["feature_code"], loc["resolution"]) == (
        "Orange County", "California", "ADM2", 3)


# ---------------------------------------------------------------- event location
def test_between_the_towns_of_places_the_act_at_the_first(pipeline):
    rec = _rec(pipeline, "Ukrainian troops fought Russian forces between the towns of Bakhmut and Soledar on Sunday.")
    assert {e.name: e.type for e in rec.entities if e.name in ("Bakhmut", "Soledar")} == {"Bakhmut": "GPE", "Soledar": "GPE"}
    ev = _event(rec, "ASSAULT")
    assert (ev.place.basis, ev.place.name, ev.place.country, ev.place.span.text) == ("locative", "Bakhmut", "UKR", "Bakhmut")


def test_between_countries_is_no_place(pipeline):
    rec = _rec(pipeline, "Fighting between Armenia and Azerbaijan killed four soldiers.")
    assert all(e.place is None or e.place.basis != "locative" for e in rec.events)


def test_deported_to_is_the_destination(pipeline):
    rec = _rec(pipeline, "Hundreds of migrants were deported to Guatemala last week.")
    ev = _event(rec, "COERCE")
    assert (ev.place.basis, ev.place.country, ev.place.span.text) == ("destination", "GTM", "Guatemala")


def test_a_sentence_without_a_place_takes_the_previous_sentences(pipeline):
    text = "Congolese soldiers arrested five rebels in Goma on Monday. The rebels had attacked a police station."
    rec = _rec(pipeline, text)
    ev = _event(rec, "ASSAULT")
    assert (ev.place.basis, ev.place.name, ev.place.country) == ("prior_sentence", "Goma", "COD")
    assert ev.place.span.start == text.index("Goma") and ev.place.confidence < _event(rec, "COERCE").place.confidence


def test_a_line_break_ends_the_paragraph_and_the_borrowed_place(pipeline):
    rec = _rec(pipeline, "Congolese soldiers arrested five rebels in Goma on Monday.\n\nThe rebels had attacked a police station.")
    assert _event(rec, "ASSAULT").place is None


# ---------------------------------------------------------------- article page anchors
def test_each_place_links_to_its_words(pipeline):
    text = "Congolese soldiers arrested five rebels in Kinshasa on Monday. Schools in Kinshasa stayed closed."
    first, second = text.index("Kinshasa"), text.rindex("Kinshasa")
    record = _rec(pipeline, text).model_dump()
    [row] = [r for r in highlight.places(record) if r["name"] == "Kinshasa"]
    assert [s["anchor"] for s in row["spans"]] == [f"place-{first}", f"place-{second}"]
    pieces = {p.get("anchor"): p for p in highlight.segments(record) if p.get("anchor")}
    assert pieces[f"place-{first}"]["text"] == "Kinshasa"
    assert "place" in pieces[f"place-{second}"]["cls"].split()
    assert highlight.anchor(record["events"][0]["place"]["span"]) == f"place-{first}"
