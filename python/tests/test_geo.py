"""GeoDataFrames and the time-enabled layer from Python (issue #24, items 3
and 4): to_geodataframe has the map's CRS, one row per party (or the rows
of `tcmap stats --by area`) and areas that measure as the stats say;
export_range writes a layer whose features active on a day add up to that
day's stats."""
import datetime
import subprocess
import sys

import pytest

import tcmap
from under_test import LAEA, TCMAP_EXE


@pytest.fixture(scope="module")
def m():
    with tcmap.Map() as mp:
        yield mp


def stats_all(m, date):
    return {r["party"]: r["area_km2"]
            for r in m.stats(date, scope_all=True).to_dict("records")
            if r["area_km2"] > 0}


@pytest.mark.parametrize("date", ["2020-10-20", "2023-09-25"])
def test_a_geodataframe_by_party_measures_as_the_stats(m, date):
    pytest.importorskip("geopandas")
    gdf = m.to_geodataframe(date, dissolve="party")
    assert gdf.crs is not None and gdf.crs.to_string() == m.crs
    assert list(gdf.columns) == ["party", "label", "area_km2", "share",
                                 "geometry"]
    assert gdf["party"].is_unique
    want = stats_all(m, date)
    assert set(gdf["party"]) == set(want)
    measured = gdf.to_crs(LAEA).set_index("party").area / 1e6
    for party, km2 in want.items():
        assert abs(measured[party] - km2) <= 0.01 * km2, (party, km2)
        assert abs(gdf.set_index("party")["area_km2"][party] - km2) <= 0.1


def test_a_geodataframe_by_area_has_the_rows_of_stats_by_area(m):
    pytest.importorskip("geopandas")
    gdf = m.to_geodataframe("2020-11-09", dissolve="area")
    assert list(gdf.columns) == ["area", "name", "party", "area_km2",
                                 "status", "since", "presence", "geometry"]
    out = subprocess.run([TCMAP_EXE, "stats",
                          "--by", "area", "--date", "2020-11-09"],
                         capture_output=True, text=True, check=True).stdout
    cli = sorted(tuple(line.rsplit(",", 5)[-5:]) for line in
                 out.splitlines()[1:])
    got = sorted((r.party, f"{r.area_km2:.1f}", r.status,
                  r.since.strftime("%Y-%m-%d"), r.presence)
                 for r in gdf.itertuples())
    assert got == cli
    assert gdf.geometry.is_valid.all()


def test_a_geodataframe_of_units_has_dated_cells(m):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("geopandas")
    with m.at("2020-11-09") as snap:
        gdf = snap.to_geodataframe(None)
    # Every settlement's cell is a row, and the rows cover the ground.
    assert set(m.settlements("2020-11-09")["settlement"]) <= set(gdf["id"])
    assert abs(gdf["area_km2"].sum() -
               sum(stats_all(m, "2020-11-09").values())) < 1
    assert pandas.api.types.is_datetime64_any_dtype(gdf["since"])
    with pytest.raises(ValueError):
        m.to_geodataframe("2020-11-09", dissolve="district")


def test_without_geopandas_the_error_says_what_to_install(m, monkeypatch):
    monkeypatch.setitem(sys.modules, "geopandas", None)
    with pytest.raises(ImportError, match="python3-geopandas"):
        m.to_geodataframe("2020-11-09")


def test_export_range_features_active_on_a_day_match_its_stats(m, tmp_path):
    gpd = pytest.importorskip("geopandas")
    pandas = pytest.importorskip("pandas")
    out = tmp_path / "war.gpkg"
    assert m.export_range(datetime.date(2020, 9, 27), "2020-12-01",
                          out) == out
    layer = gpd.read_file(out)
    # In EPSG:4326 (the default) too, every dissolved polygon is valid.
    assert layer.geometry.is_valid.all()
    assert (layer.geom_type == "MultiPolygon").all()
    assert list(layer.columns)[:7] == ["party", "party_label", "status",
                                       "valid_from", "valid_to", "km2",
                                       "sources"]
    start = pandas.to_datetime(layer["valid_from"])
    end = pandas.to_datetime(layer["valid_to"])
    for day in ["2020-10-20", "2020-11-09", "2020-12-01"]:
        d = pandas.Timestamp(day)
        on = layer[(start <= d) & (end.isna() | (d < end))]
        got = on.groupby("party")["km2"].sum().to_dict()
        want = stats_all(m, day)
        assert set(got) == set(want)
        for p, km2 in want.items():
            assert abs(got[p] - km2) <= 0.005 * km2, (day, p)
    with pytest.raises(ValueError):
        m.export_range("2020-09-27", "2020-12-01", out, dissolve="town")
    with pytest.raises(tcmap.ArgumentError):
        m.export_range("2020-12-01", "2020-09-27", out)
