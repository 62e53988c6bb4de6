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
