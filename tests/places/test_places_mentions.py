"""Place mentions that are no named entity (issue 16): 'the Ukrainian border', 'Russian
territory', 'the Syrian coast', 'the Tigray region'. Each rule has an invented one-sentence
fixture; the seed's are in test_places_seed.py."""

from __future__ import annotations

from sitrep.reader import InputDoc


def _rec(pipeline, text: str):
    return pipeline.extract(InputDoc(content=text), as_body=True, published="2024-05-01")


def _mentions(rec):
    return [(m.span.text, m.kind, m.anchor.text, m.geo.id, m.geo.feature, m.geo.precision) for m in rec.place_mentions]


def test_demonym_and_place_noun_is_a_country_level_place(pipeline):
    rec = _rec(pipeline, "Shelling hit the Ukrainian border region and villages along the Syrian coast.")
    assert _mentions(rec) == [("Ukrainian border region", "border", "Ukrainian", "690791", "country", "country"),
                              ("Syrian coast", "coast", "Syrian", "163843", "country", "country")]
    for m in rec.place_mentions:
        assert rec.text[m.span.start:m.span.end] == m.span.text
        assert rec.text[m.anchor.start:m.anchor.end] == m.anchor.text


def test_possessive_country_and_capital(pipeline):
    rec = _rec(pipeline, "Drones struck Ukraine's eastern border and the Ukrainian capital overnight.")
    got = _mentions(rec)
    assert got == [("Ukraine's eastern border", "border", "Ukraine", "690791", "country", "country"),
                   ("Ukrainian capital", "capital", "Ukrainian", "703448", "capital", "city")]
    ukraine = next(e for e in rec.entities if e.name == "Ukraine")
    assert rec.place_mentions[0].entity == ukraine.id


def test_division_word_after_a_name_the_model_missed(pipeline):
    # 'Tigray' is not tagged as a place by the model here; the division word makes it one
    rec = _rec(pipeline, "Troops massed in the Tigray region.")
    [m] = rec.place_mentions
    assert (m.span.text, m.kind, m.anchor.text, m.geo.feature, m.geo.country, m.geo.admin1) == (
        "Tigray region", "division", "Tigray", "adm1", "ETH", "53")


def test_phrases_that_are_no_place_mention(pipeline):
    # inside an organisation's name; naming its place itself; two countries
    rec = _rec(pipeline, "The Ukrainian Border Guard Service said shells fell in the Russian city of Belgorod "
                         "and near the Polish-Belarusian border.")
    assert rec.place_mentions == []


def test_event_tied_to_a_place_mention(pipeline):
    rec = _rec(pipeline, "Russia deployed tanks to the Ukrainian border region last week.")
    [pm] = rec.place_mentions
    ev = next(e for e in rec.events if e.plover == "MOBILIZE")
    assert (ev.place.basis, ev.place.country, ev.place.span.text, ev.place.mention) == (
        "destination", "UKR", "Ukrainian border region", pm.id)
