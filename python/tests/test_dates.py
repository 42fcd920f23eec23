"""Dates as dates (issue #24, item 2): every date column is datetime64 in a
DataFrame and datetime.date in plain rows; a date may be given as text,
datetime.date, datetime.datetime, numpy.datetime64 or pandas.Timestamp;
a date outside the control table warns with TcmapWarning, in the CLI's
words."""
import datetime
import sys
import warnings

import pytest

import tcmap
from under_test import TCMAP_EXE


@pytest.fixture()
def m():
    with tcmap.Map() as mp:
        yield mp


def test_tcmap_warning_is_a_user_warning():
    assert issubclass(tcmap.TcmapWarning, UserWarning)


def test_a_date_before_the_table_warns_in_the_clis_words(m):
    first = m.events()[0]["date"].isoformat()
    with pytest.warns(tcmap.TcmapWarning) as got:
        rows = m.stats("1850-01-01")
    assert len(got) == 1
    # The words of `tcmap render --date 1850-01-01` (src/draw/render.c).
    assert str(got[0].message) == (
        f"no data before {first} (the control table's first event): "
        "the map shows no party")
    # It points at the caller's line, not into the package.
    assert got[0].filename == __file__
    assert rows is not None


def test_a_date_after_the_table_warns(m):
    with pytest.warns(tcmap.TcmapWarning, match=r"no data after "
                      + m.last_date + r" \(the control table's last"):
        m.at("2030-01-01").close()


def test_dates_inside_the_table_do_not_warn(m):
    with warnings.catch_warnings():
        warnings.simplefilter("error", tcmap.TcmapWarning)
        m.stats("2020-10-20")
        m.at(m.last_date).close()
        m.stats_range("2020-10-01", "2020-10-05")


def test_the_warning_is_the_clis(m, tmp_path):
    import subprocess
    out = subprocess.run([TCMAP_EXE, "render",
                          "--date", "2030-01-01", "-o",
                          str(tmp_path / "x.png")],
                         capture_output=True, text=True)
    with pytest.warns(tcmap.TcmapWarning) as got:
        m.at("2030-01-01").close()
    assert f"tcmap: warning: {got[0].message}" in out.stderr


def test_every_kind_of_date_is_taken(m):
    numpy = pytest.importorskip("numpy")
    pandas = pytest.importorskip("pandas")
    for d in ["2020-10-20", datetime.date(2020, 10, 20),
              datetime.datetime(2020, 10, 20, 23, 59),
              numpy.datetime64("2020-10-20"),
              numpy.datetime64("2020-10-20T18:30:00", "s"),
              numpy.datetime64("2020-10-20T18:30:00.123456789", "ns"),
              pandas.Timestamp("2020-10-20 18:30"),
              pandas.Timestamp("2020-10-20", tz="Asia/Baku")]:
        with m.at(d) as snap:
            assert snap.date == "2020-10-20", repr(d)
    got = m.stats(numpy.datetime64("2020-11-10"),
                  since=pandas.Timestamp("2020-09-26"))
    assert "gained_km2" in got.columns
    for nat in (numpy.datetime64("NaT"), pandas.NaT):
        with pytest.raises(ValueError, match="NaT"):
            m.at(nat)


def test_date_columns_are_datetime64(m):
    pandas = pytest.importorskip("pandas")
    df = m.stats_range("2020-09-01", "2020-12-01", "1m")
    assert pandas.api.types.is_datetime64_any_dtype(df["date"])
    # Resampling works without a conversion.
    monthly = df[df.party == "AZ"].set_index("date")["area_km2"] \
        .resample("MS").last()
    assert len(monthly) == 4
    s = m.settlements("2020-10-20")
    assert pandas.api.types.is_datetime64_any_dtype(s["since"])
    assert s["since"].min() >= pandas.Timestamp("1991-01-01")


def test_plain_rows_hold_datetime_dates(m, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    got = m.stats_range("2020-09-01", "2020-10-01", "1m")
    assert got[0]["date"] == datetime.date(2020, 9, 1)
    s = m.settlements("2020-10-20")
    assert all(r["since"] is None or isinstance(r["since"], datetime.date)
               for r in s)
    ev = m.events()
    assert isinstance(ev[0]["date"], datetime.date)
    assert all(e["until"] is None or isinstance(e["until"], datetime.date)
               for e in ev)


def test_render_gives_the_librarys_warnings_once(m, tmp_path):
    import os
    # A style whose extent is far from every control area: `tcmap render
    # --allow-empty` warns that none is visible; so does render() here.
    style = open(os.path.join(tcmap.data_dir(), "styles", "default.ini"),
                 encoding="utf-8").read()
    style = style.replace("extent = 45.25, 38.78, 47.55, 40.58",
                          "extent = 10.0, 50.0, 11.0, 51.0")
    assert "extent = 10.0" in style
    (tmp_path / "far.ini").write_text(style, encoding="utf-8")
    with tcmap.Map(style=tmp_path / "far.ini") as far:
        with pytest.warns(tcmap.TcmapWarning) as got:
            snap = far.at("2030-01-01")
        assert len(got) == 1  # the date's
        with warnings.catch_warnings(record=True) as again:
            warnings.simplefilter("always")
            png = snap.render(width=200, height=150)
        assert png[:4] == b"\x89PNG"
        said = [str(w.message) for w in again
                if issubclass(w.category, tcmap.TcmapWarning)]
        assert said == ["no control area is visible on the map: check the "
                        "extent or the areas to zoom to"]
        assert again[0].filename == __file__
        snap.close()


def test_a_warning_turned_error_raises_and_frees_the_snapshot(m):
    with warnings.catch_warnings():
        warnings.simplefilter("error", tcmap.TcmapWarning)
        with pytest.raises(tcmap.TcmapWarning):
            m.at("1850-01-01")
