"""The event map's geometry (sitrep/web/geomap.py): projection, outline, grouping, colours."""

from __future__ import annotations

from sitrep.web import geomap


def test_projection_corners_and_centre():
    assert geomap.project(85, -180) == (0.0, 0.0)
    assert geomap.project(-60, 180) == (geomap.WIDTH, geomap.HEIGHT)
    assert geomap.project(0, 0) == (500.0, round(85 / 145 * geomap.HEIGHT, 1))
    assert geomap.project(-80, 0)[1] == geomap.HEIGHT  # Antarctica is clipped to the bottom edge


def test_outline_is_the_shipped_natural_earth_table():
    paths = geomap.outline()
    assert len(paths) == 177
    pol = [p for p in paths if p["id"] == "616"]
    assert pol and pol[0]["name"] == "Poland" and pol[0]["d"].startswith("M") and pol[0]["d"].endswith("Z")


def _event(eid, place, cameo, goldstein, aid="a1"):
    return {"id": eid, "article_id": aid, "plover": "X", "cameo": cameo, "goldstein": goldstein,
            "modality": "asserted", "source": {"code": "USA"}, "target": {"code": "POL"},
            "evidence": {"text": f"evidence {eid}"}, "place": place}


def test_points_group_by_feature_and_size_by_count():
    pol = {"id": "798544", "name": "Poland", "country": "POL", "feature": "country", "precision": "country",
           "lat": 52.1277, "lon": 19.3902, "basis": "destination"}
    mos = {"id": "524901", "name": "Moscow", "country": "RUS", "feature": "capital", "precision": "city",
           "lat": 55.75, "lon": 37.62, "basis": "destination"}
    evs = [_event("e1", pol, "150", -7.2), _event("e2", pol, "154", -7.2), _event("e3", pol, "042", 1.9),
           _event("e4", mos, "042", 1.9), _event("e5", None, "042", 1.9)]
    pts = geomap.points(evs)
    assert [(p["id"], p["count"], p["quad"]) for p in pts] == [("798544", 3, 4), ("524901", 1, 1)]
    assert pts[0]["r"] > pts[1]["r"] and pts[0]["fill"] == geomap.QUAD_FILL[4]
    assert pts[0]["events"][0]["href"] == "/articles/a1#event-e1"
    assert pts[0]["goldstein_mean"] == -4.17
    g = geomap.points(evs, colour="goldstein")
    assert g[0]["fill"] == geomap.goldstein_fill(-4.17) != g[1]["fill"]
    assert geomap.goldstein_fill(10) == "#16a34a" and geomap.goldstein_fill(-10) == "#dc2626"
    assert geomap.goldstein_fill(0) == "#94a3b8" and geomap.goldstein_fill(None) == geomap.QUAD_FILL[0]


def _subpaths(d):
    return [[tuple(map(float, p.split(","))) for p in sub.rstrip("Z").split("L")] for sub in d.split("M")[1:]]


def test_a_ring_across_the_antimeridian_is_drawn_twice_not_across_the_map():
    # an invented island from 170 E to 170 W: drawn at the right edge and again at the left
    d = geomap.ring_path([[170, 60], [-170, 60], [-170, 50], [170, 50], [170, 60]])
    right, left = _subpaths(d)
    assert [x for x, _ in right] == [972.2, 1027.8, 1027.8, 972.2, 972.2]
    assert [x for x, _ in left] == [-27.8, 27.8, 27.8, -27.8, -27.8]
    # a ring that does not cross is drawn once, as before
    assert len(_subpaths(geomap.ring_path([[10, 50], [20, 50], [20, 40], [10, 50]]))) == 1


def test_a_ring_round_the_pole_is_closed_along_it():
    ring = [[-180, -70], [-90, -75], [0, -70], [90, -75], [180, -70]]
    (pts,) = geomap.unwrap(ring)
    assert pts[-2:] == [(180, -90.0), (-180, -90.0)]


def test_no_country_outline_has_a_line_across_the_map():
    for c in geomap.outline():
        for sub in _subpaths(c["d"]):
            for (x0, y0), (x1, y1) in zip(sub, sub[1:] + sub[:1]):
                # only a pole closure may be that long, and it runs along the map's edge
                assert abs(x1 - x0) <= geomap.WIDTH / 2 or y0 == y1 in (0, geomap.HEIGHT), c["name"]
    russia = next(c for c in geomap.outline() if c["name"] == "Russia")
    assert any(min(x for x, _ in sub) < 0 for sub in _subpaths(russia["d"]))  # Chukotka's copy at the left edge


def test_place_points_size_by_mentions_and_colour_by_feature():
    places = [{"id": "798544", "name": "Poland", "feature": "country", "country": "POL", "lat": 52.0, "lon": 20.0,
               "mentions": 4, "articles": 2, "evidence": [{"href": "/articles/a1#article-text", "text": "Poland"}]},
              {"id": "706483", "name": "Kharkiv", "feature": "city", "country": "UKR", "lat": 49.98, "lon": 36.25,
               "mentions": 9, "articles": 1, "evidence": [{"href": "/articles/a2#article-text", "text": "Kharkiv"}]}]
    pts = geomap.place_points(places)
    assert [(p["id"], p["count"], p["r"], p["fill"]) for p in pts] == [("706483", 9, 9.0, "#ea580c"),
                                                                       ("798544", 4, 7.0, "#2563eb")]
    assert pts[1]["href"] == "/articles/a1#article-text" and (pts[1]["x"], pts[1]["y"]) == geomap.project(52.0, 20.0)
