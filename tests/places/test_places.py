"""Places (issue 16): the gazetteer, toponym resolution and event locations.

Each rule has an invented one-sentence fixture; the seed's places are in test_places_seed.py.
"""

from __future__ import annotations

import pytest

from sitrep.places import Context, distance_km, gazetteer, resolve_name
from sitrep.reader import InputDoc


def _rec(pipeline, text: str):
    return pipeline.extract(InputDoc(content=text), as_body=True, published="2024-05-01")


def _geo(rec, name: str):
    for e in rec.entities:
        if e.name == name:
            return e.geo
    raise AssertionError(f"no entity {name!r} in {[e.name for e in rec.entities]}")


# ---------------------------------------------------------------- gazetteer
def test_alternate_names_reach_the_same_feature():
    g = gazetteer()
    assert g.candidates("Kiev")[0].id == g.candidates("Kyiv")[1].id == "703448"
    assert [f.name for f in g.candidates("Kharkov")] == ["Kharkiv"]
    assert g.candidates("Kharkov")[0].admin1 == "07"


def test_gazetteer_kinds_and_divisions():
    g = gazetteer()
    pol = g.country("POL")
    assert (pol.id, pol.kind, pol.geonames_id) == ("798544", "country", 798544)
    crimea = g.candidates("Crimea")[0]
    assert (crimea.kind, crimea.country, crimea.admin1) == ("adm1", "UKR", "11")
    assert g.candidates("Balochistan province")[0].id == "1183606"
    assert g.candidates("Donbas")[0].id == "sitrep:donbas"
    assert g.adm1("UKR", "07").name == "Kharkivska oblast"
    assert g.fips["UKR"] == "UP"


def test_distance():
    g = gazetteer()
    km = distance_km(g.by_id("703448"), g.by_id("706483"))  # Kyiv - Kharkiv
    assert 405 < km < 415


# ---------------------------------------------------------------- resolution
def test_resolve_prefers_capital_and_city_over_same_name_division():
    assert resolve_name("Moscow").id == "524901"
    assert resolve_name("Kyiv").id == "703448"
    assert resolve_name("Kiev").name == "Kyiv"


def test_resolve_division_when_the_words_say_so():
    geo = resolve_name("Kharkiv", Context(), "", " region, where")
    assert (geo.feature, geo.admin1, geo.precision) == ("adm1", "07", "adm1")


def test_resolve_qualifier_after_the_name():
    # 'Paris, Texas': the qualifier beats the capital's population
    geo = resolve_name("Paris", Context(), "in ", ", Texas, where")
    assert (geo.country, geo.admin1) == ("USA", "TX")


def test_resolve_country_context_and_thin_evidence():
    ctx = Context()
    ctx.countries["PSE"] = 3
    assert resolve_name("Rafah", ctx).country == "PSE"
    # a small town with no supporting context is left unresolved, not guessed
    assert resolve_name("Beledweyne") is None
    ctx = Context()
    ctx.countries["SOM"] = 2
    assert resolve_name("Beledweyne", ctx).id == "64460"


def test_entities_gain_geo(pipeline):
    rec = _rec(pipeline, "Militants attacked a train in Pakistan's restive Balochistan province on Tuesday, "
                         "officials in Quetta said.")
    bal = _geo(rec, "Balochistan")
    assert (bal.id, bal.feature, bal.country, bal.precision) == ("1183606", "adm1", "PAK", "adm1")
    q = _geo(rec, "Quetta")
    assert (q.country, q.admin1, q.admin1_name, q.feature) == ("PAK", "02", "Balochistan", "city")
    assert 0 < q.confidence <= 1


# ---------------------------------------------------------------- event location
def _event(rec, plover: str, target: str | None = None):
    for e in rec.events:
        if e.plover == plover and (target is None or (e.target and e.target.text == target)):
            return e
    raise AssertionError(f"no {plover} event -> {target} in {[(e.plover, e.target and e.target.text) for e in rec.events]}")


def test_destination_of_a_movement(pipeline):
    rec = _rec(pipeline, "Canada will send 500 soldiers to Latvia and Estonia next month.")
    for country, iso in (("Latvia", "LVA"), ("Estonia", "EST")):
        ev = _event(rec, "MOBILIZE", country)
        assert (ev.place.basis, ev.place.country, ev.place.precision) == ("destination", iso, "country")
        assert ev.place.span.text == country == rec.text[ev.place.span.start:ev.place.span.end]


def test_locative_of_the_predicate(pipeline):
    rec = _rec(pipeline, "Israeli forces attacked Hamas fighters near Khan Younis on Monday.")
    ev = _event(rec, "ASSAULT")
    assert (ev.place.basis, ev.place.country, ev.place.feature) == ("locative", "PSE", "city")
    assert ev.place.name == "Khān Yūnis"
    assert ev.location == "Khan Younis"


def test_locative_border_of_a_demonym(pipeline):
    rec = _rec(pipeline, "Russia massed troops on the Ukrainian border last week.")
    ev = _event(rec, "MOBILIZE")
    assert (ev.place.basis, ev.place.country, ev.place.precision) == ("locative", "UKR", "country")
    assert ev.place.span.text == "Ukrainian border"
    [pm] = rec.place_mentions
    assert ev.place.mention == pm.id and ev.place.entity is None


def test_no_place_is_not_invented(pipeline):
    rec = _rec(pipeline, "The minister accused the opposition of lying.")
    assert all(e.place is None for e in rec.events)


def test_dateline_fallback_is_marked(pipeline):
    rec = _rec(pipeline, "NAIROBI, Kenya — The government accused the rebels of breaking the truce.")
    evs = [e for e in rec.events if e.plover == "ACCUSE"]
    assert evs and evs[0].place is not None
    assert (evs[0].place.basis, evs[0].place.name, evs[0].place.country) == ("dateline", "Nairobi", "KEN")


@pytest.mark.parametrize("bbox", ["1,2,3", "a,b,c,d", "0,95,10,96", "10,0,0,-5"])
def test_bad_bbox_is_a_config_error(bbox):
    from sitrep.errors import ConfigError
    from sitrep.store.queries import parse_bbox

    with pytest.raises(ConfigError):
        parse_bbox(bbox)


def test_division_words_after_a_list():
    after = " states are the most affected."
    assert resolve_name("Lagos", Context(), "Bayelsa, Ogun and ", after).id == "2332453"  # Lagos State
    assert resolve_name("Lagos", Context(), "the port of ", " is").id == "2332459"  # the city
    before = "three northern U.S. states that border Canada: Michigan, Minnesota and "
    assert resolve_name("New York", Context(), before, ". The").id == "5128638"
    assert resolve_name("New York", Context(), "a lawyer in ", " said").id == "5128581"


def test_a_name_that_qualifies_the_place_before_it():
    assert resolve_name("Quebec", Context(), "talks in Charlevoix, ", ", brought").feature == "adm1"


def test_spelling_variants_meet():
    assert resolve_name("Middle Shabelle", Context(), "", " region").id == "51967"  # GeoNames: Middle Shabeelle


def test_generic_words_are_not_places_without_their_country():
    assert resolve_name("East", Context(), "the situation in the ", " and South China Seas") is None


def test_own_name_beats_an_alternate_name():
    ctx = Context()
    ctx.countries["PHL"] = 5  # a small Philippine town is also called Asia
    assert resolve_name("Asia", ctx).id == "6255147"
    assert resolve_name("New Delhi").id == "1261481"


def test_locative_city_of_name(pipeline):
    rec = _rec(pipeline, "Gunmen in Somalia stormed a hotel in the central city of Beledweyne on Tuesday.")
    ev = _event(rec, "ASSAULT")
    assert (ev.place.id, ev.place.basis, ev.place.span.text) == ("64460", "locative", "Beledweyne")


def test_a_city_sharing_its_territorys_name_is_the_territory_without_a_city_cue(pipeline):
    from collections import Counter

    from sitrep.places.resolve import territory_of

    g = gazetteer()
    assert territory_of(g.by_id("281133")).id == "281132"  # Gaza City -> the Gaza Strip
    assert territory_of(g.by_id("703448")) is None  # Kyiv shares a name with its division, no territory
    pse = Context(countries=Counter({"PSE": 2}))
    assert resolve_name("Gaza", pse, "Aid trucks waited to enter ", " on Sunday.").id == "281132"
    assert resolve_name("Gaza City", pse, "Aid trucks waited to enter ", " on Sunday.").id == "281133"
    assert resolve_name("Gaza", pse, "Aid trucks reached the city of ", " on Sunday.").id == "281133"
    assert resolve_name("Gaza", pse, "Aid trucks reached ", " city on Sunday.").id == "281133"
    rec = _rec(pipeline, "Palestinian officials said aid trucks entered Gaza on Sunday after talks in Gaza City.")
    assert [(e.geo.id if e.geo else None) for e in rec.entities if e.name in ("Gaza", "Gaza City")] == ["281132", "281133"]


def test_towns_of_5000_are_in_the_table_and_resolve_in_their_country():
    from collections import Counter

    g = gazetteer()
    assert [(f.id, f.country, f.admin1) for f in g.candidates("Soledar")] == [("706757", "UKR", "05")]
    ukr = Context(countries=Counter({"UKR": 3}))
    assert resolve_name("Soledar", ukr, "Ukrainian troops withdrew from ", " on Monday.").id == "706757"
    assert resolve_name("Soledar", Context(), "Troops withdrew from ", " on Monday.") is None  # no country, no town


def test_a_town_named_like_a_far_bigger_place_needs_words_that_place_it():
    from collections import Counter

    us = Context(countries=Counter({"USA": 5}))
    # Mexico, Missouri and Berlin, New Hampshire are towns: a US story's country is no evidence for them
    assert resolve_name("Mexico", us, "Exports to ", " rose in March.").id == "3996063"
    assert resolve_name("Berlin", us, "The senator flew to ", " on Monday.").id == "2950159"
    assert resolve_name("Mexico", us, "The council of ", ", Missouri, met on Monday.").id == "4398103"


def test_a_nominal_event_is_placed_by_its_own_clause_and_phrases(pipeline):
    rec = _rec(pipeline, "In remarks at Kenya’s annual security meetings that wrapped up in Nairobi this week, "
                         "the minister called for calm.")
    ev = _event(rec, "CONSULT")
    assert (ev.trigger.text, ev.place.id, ev.place.basis) == ("meetings", "184745", "locative")  # Nairobi
    rec = _rec(pipeline, "Coordinated airstrikes by the Kenyan army and its partners in Lamu County killed ten fighters.")
    ev = _event(rec, "ASSAULT")
    assert (ev.place.id, ev.place.basis) == ("7667643", "locative")  # Lamu County


def test_an_attack_on_a_countrys_forces_is_placed_in_that_country(pipeline):
    rec = _rec(pipeline, "Rebels answered by destroying Chad's only military helicopter.")
    ev = _event(rec, "ASSAULT")
    assert (ev.place.id, ev.place.basis) == ("2434508", "target")
