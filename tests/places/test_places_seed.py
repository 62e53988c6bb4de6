"""The seed's places (issue 16): resolved to GeoNames, the deployments at their destinations,
ActionGeo filled in its GDELT export, events indexed and filtered by place."""

from __future__ import annotations

import io

import pytest

from sitrep.export import GDELT_COLUMNS, export
from sitrep.store import open_store

pytestmark = pytest.mark.shared

COL = {name: i for i, name in enumerate(GDELT_COLUMNS)}


def _geo(rec, name):
    [e] = [e for e in rec.entities if e.name == name]
    return e.geo


def test_seed_places_resolved(seed_record):
    want = {"Poland": ("798544", "country"), "Romania": ("798549", "country"), "Germany": ("2921044", "country"),
            "Kyiv": ("703448", "capital"), "Moscow": ("524901", "capital"), "Ukraine": ("690791", "country"),
            "Russia": ("2017370", "country"), "Washington": ("4140963", "capital")}
    for name, (gid, kind) in want.items():
        geo = _geo(seed_record, name)
        assert (geo.id, geo.feature) == (gid, kind), name
    assert _geo(seed_record, "Kyiv").admin1 == "12" and _geo(seed_record, "Kyiv").country == "UKR"


def test_seed_border_region_and_territory(seed_record):
    """'hostile activity on the Ukrainian border', 'incursion into Ukrainian territory', 'near
    Russian borders': place mentions that are no entity, at their countries."""
    text = seed_record.text
    got = [(m.span.text, m.kind, m.geo.id, m.geo.precision) for m in seed_record.place_mentions]
    assert got == [("Ukrainian border", "border", "690791", "country"),
                   ("Ukrainian territory", "territory", "690791", "country"),
                   ("Russian borders", "border", "2017370", "country")]
    for m in seed_record.place_mentions:
        assert text[m.span.start:m.span.end] == m.span.text
    assert text[seed_record.place_mentions[0].span.start - 7:seed_record.place_mentions[0].span.end] == (
        "on the Ukrainian border")
    # the hypothetical Russian incursion goes into Ukrainian territory: tied to that mention
    incursions = [e for e in seed_record.events if e.trigger.text == "incursion"]
    [inc] = [e for e in incursions if e.source is not None]
    assert (inc.source.country, inc.modality, inc.place.basis, inc.place.country, inc.place.mention) == (
        "RUS", "hypothetical", "destination", "UKR", seed_record.place_mentions[1].id)
    # 'any incursion into Ukraine would be a tragic miscalculation' names no one who would
    # invade: an event with no source, hypothetical, into Ukraine (the country, no mention)
    [anyone] = [e for e in incursions if e.source is None]
    assert (anyone.target.country, anyone.modality, anyone.place.basis, anyone.place.country,
            anyone.place.mention) == ("UKR", "hypothetical", "destination", "UKR", None)


def test_seed_deployments_at_their_destinations(seed_record):
    text = seed_record.text
    sends = [e for e in seed_record.events if e.plover == "MOBILIZE" and e.trigger.text in ("send", "deploy")
             and e.trigger.field == "text" and e.target is not None]
    got = sorted((e.trigger.text, e.target.text, e.place.basis, e.place.country) for e in sends)
    assert got == [("deploy", "Germany", "destination", "DEU"), ("deploy", "Poland", "destination", "POL"),
                   ("send", "Germany", "destination", "DEU"), ("send", "Poland", "destination", "POL"),
                   ("send", "Romania", "destination", "ROU")]
    for e in sends:
        assert text[e.place.span.start:e.place.span.end] == e.place.span.text == e.target.text
    # the headline: 'U.S. Sends Troops To Europe'
    [head] = [e for e in seed_record.events if e.trigger.field == "title" and e.plover == "MOBILIZE"]
    assert (head.place.name, head.place.basis, head.place.span.field) == ("Europe", "destination", "title")
    assert seed_record.title[head.place.span.start:head.place.span.end] == "Europe"
    # the build-up 'near Ukraine' and Scholz's trip to Moscow
    near = [e for e in seed_record.events if e.trigger.text == "buildup" and e.place is not None]
    assert near and all(e.place.country == "UKR" and e.place.basis == "locative" for e in near)
    [trip] = [e for e in seed_record.events if e.trigger.text == "travel"]
    assert (trip.place.id, trip.place.basis) == ("524901", "destination")


@pytest.fixture
def seed_store(seed_record, tmp_path):
    s = open_store(str(tmp_path / "seed.db"))
    s.add_articles([seed_record])
    yield s
    s.close()


def test_seed_gdelt_export_has_action_geo(seed_store):
    buf = io.StringIO()
    export(seed_store, "gdelt", buf, modality="all")
    rows = [line.split("\t") for line in buf.getvalue().splitlines()]
    geo = {(r[COL["EventCode"]], r[COL["ActionGeo_CountryCode"]]): r for r in rows if r[COL["ActionGeo_Type"]]}
    for fips, name, lat in (("PL", "Poland", "52.1277"), ("RO", "Romania", "45.8526"), ("GM", "Germany", "51.0877")):
        r = next(r for (code, cc), r in geo.items() if cc == fips and code.startswith("15"))
        assert r[COL["ActionGeo_Type"]] == "1" and r[COL["ActionGeo_FullName"]] == name
        assert r[COL["ActionGeo_ADM1Code"]] == fips and r[COL["ActionGeo_FeatureID"]] == fips
        assert r[COL["ActionGeo_Lat"]] == lat
    [trip] = [r for r in rows if r[COL["ActionGeo_FeatureID"]] == "524901"]
    assert trip[COL["ActionGeo_Type"]] == "4" and trip[COL["ActionGeo_FullName"]] == "Moscow, Moskva, Russia"
    assert trip[COL["ActionGeo_ADM1Code"]] == "RS48"
    # the actors' homes: the United States sends, Poland receives
    us = next(r for r in rows if r[COL["Actor1Code"]] == "USA" and r[COL["Actor2Code"]] == "POL")
    assert (us[COL["Actor1Geo_Type"]], us[COL["Actor1Geo_CountryCode"]], us[COL["Actor2Geo_CountryCode"]]) == ("1", "US", "PL")


def test_seed_events_by_place_and_bbox(seed_store):
    pol = seed_store.events(place="POL", modality="all")
    assert pol and all(e["place"]["country"] == "POL" for e in pol)
    assert {e["place"]["country"] for e in seed_store.events(place="RUS.48", modality="all")} == {"RUS"}
    assert [e["place"]["id"] for e in seed_store.events(place="524901", modality="all")] == ["524901"]
    # a box around Poland and Romania (not Germany)
    box = seed_store.events(bbox="14.5,43.5,30,55", modality="all")
    assert {e["place"]["country"] for e in box} == {"POL", "ROU"}  # Ukraine's centroid is at 31.25 E
    assert seed_store.events(bbox="-10,-10,-5,-5", modality="all") == []


def test_seed_plover_event_loc(seed_store):
    import json

    buf = io.StringIO()
    export(seed_store, "plover", buf, modality="all")
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    [trip] = [r for r in recs if (r.get("event_loc") or {}).get("geonameid") == 524901]
    loc = trip["event_loc"]
    assert (loc["resolved_place"], loc["country_code"], loc["province"], loc["resolution"]) == ("Moscow", "RUS", "Moskva", 4)
    assert (loc["feature_class"], loc["feature_code"], loc["extracted_place"]) == ("P", "PPLC", "Moscow")
