"""The Python binding (issue #15, item 5): the default map opens, stats come
as a DataFrame or a list of dicts, maps render to bytes and files and show
inline, the library's errors arrive as exceptions with FILE:LINE, and no
misuse crashes the interpreter."""
import datetime
import os
import re
import subprocess
import sys

import pytest

import tcmap
from under_test import TCMAP_EXE


@pytest.fixture()
def m():
    with tcmap.Map() as mp:
        yield mp


def rows(table):
    """Rows as dicts whether stats gave a DataFrame or a list."""
    if isinstance(table, list):
        return table
    return table.to_dict("records")


def iso(d):
    """A date cell (datetime.date, pandas Timestamp, None or NaT) as the
    CLI prints it."""
    return "" if d is None or d != d else d.strftime("%Y-%m-%d")


def test_the_default_map_opens_from_the_library_data_dir(m):
    assert os.path.isfile(os.path.join(tcmap.data_dir(), "styles",
                                       "default.ini"))
    assert [p["id"] for p in m.parties][:3] == ["AZ", "NK", "AM"]
    assert m.parties[0]["fill"].startswith("#")
    assert m.crs == "EPSG:32638"
    assert m.last_date >= "2023-09-20"
    assert tcmap.version().count(".") == 2


def test_stats_on_a_date_match_the_cli(m):
    got = rows(m.stats("2020-10-01"))
    out = subprocess.run([TCMAP_EXE, "stats",
                          "--date", "2020-10-01"],
                         capture_output=True, text=True, check=True).stdout
    cli = {line.split(",")[0]: float(line.split(",")[1])
           for line in out.splitlines()[1:]}
    assert {r["party"]: r["area_km2"] for r in got if r["area_km2"] > 0} \
        == {k: v for k, v in cli.items() if v > 0}
    assert abs(sum(r["share"] for r in got) - 1) < 1e-3
    assert set(got[0]) == {"party", "label", "area_km2", "share"}


def test_settlements_match_the_cli(m):
    got = rows(m.settlements("2020-10-20"))
    out = subprocess.run([TCMAP_EXE, "stats",
                          "--by", "settlement", "--scope", "all",
                          "--date", "2020-10-20"],
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    head = lines[0].split(",")
    assert head == ["settlement", "name", "area", "party", "area_km2",
                    "status", "since", "presence"]
    cli = {}
    for line in lines[1:]:
        f = line.split(",")
        cli[f[0]] = (f[2], f[3], round(float(f[4]), 1), f[5], f[6], f[7])
    assert {r["settlement"]: (r["area"], r["party"], r["area_km2"],
                              r["status"], iso(r["since"]), r["presence"])
            for r in got} == cli
    # The peacekeepers in the numbers (issue 26): Askeran's cell.
    after = {r["settlement"]: r for r in rows(m.settlements("2021-06-01"))}
    assert after["askeran_town"]["presence"] == "RU peacekeeping"
    # A village of the war on both sides of its date (Hadrut: 15 Oct).
    hadrut = {r["settlement"]: r for r in rows(m.settlements("2020-10-08"))}
    assert hadrut["hadrut"]["party"] == "NK"
    assert {r["settlement"]: r for r in got}["hadrut"]["party"] == "AZ"
    assert list(got[0]) == head


@pytest.mark.parametrize("by", ["area", "district", "presence"])
def test_grouped_stats_are_the_cli_rows(m, by):
    """stats(by=) and `tcmap stats --by` format one grouping of the
    library (issue 28): the same rows, in the same order."""
    got = rows(m.stats("2021-06-01", by=by))
    out = subprocess.run([TCMAP_EXE, "stats",
                          "--by", by, "--date", "2021-06-01"],
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    head = lines[0].split(",")
    assert list(got[0]) == head
    def cell(k, v):
        if k == "since":
            return iso(v)
        return "%.*f" % (4 if k == "share" else 1, v) \
            if isinstance(v, float) else v
    assert [",".join(cell(k, r[k]) for k in head) for r in got] == lines[1:]
    assert len(got) >= (1 if by == "presence" else 8)
    with pytest.raises(ValueError, match="since= goes with by='party'"):
        m.stats("2021-06-01", by=by, since="2020-01-01")


def test_grouped_stats_refuse_an_unknown_grouping(m):
    with pytest.raises(ValueError, match="'rayon' is not"):
        m.stats("2021-06-01", by="rayon")


def test_stats_are_a_dataframe_when_pandas_is_there(m):
    pandas = pytest.importorskip("pandas")
    df = m.stats("2020-10-01")
    assert isinstance(df, pandas.DataFrame)
    assert list(df.columns) == ["party", "label", "area_km2", "share"]


def test_stats_are_a_list_of_dicts_without_pandas(m, monkeypatch):
    # An import of pandas that fails, as on a system without it.
    monkeypatch.setitem(sys.modules, "pandas", None)
    got = m.stats(datetime.date(2020, 10, 1))
    assert isinstance(got, list) and got[0]["party"] == "AZ"


def test_since_adds_gains_and_losses(m):
    got = rows(m.stats("2020-11-10", since="2020-09-26"))
    az = next(r for r in got if r["party"] == "AZ")
    nk = next(r for r in got if r["party"] == "NK")
    assert az["gained_km2"] > 1000 > az["lost_km2"]
    assert nk["lost_km2"] == az["gained_km2"]


def test_stats_range_is_one_tidy_table(m):
    got = rows(m.stats_range("2020-09-01", "2020-12-01", "1m"))
    assert [iso(r["date"]) for r in got[::4]] == [
        "2020-09-01", "2020-10-01", "2020-11-01", "2020-12-01"]
    assert got[0]["party"] == "AZ"
    events = rows(m.stats_range("2020-11-01", "2020-11-12"))
    assert iso(events[0]["date"]) == "2020-11-01"
    assert iso(events[-1]["date"]) == "2020-11-12"
    assert len({r["date"] for r in events}) > 2
    # The same dates as the CLI's.
    out = subprocess.run([TCMAP_EXE, "stats",
                          "--from", "2020-11-01", "--to", "2020-11-12"],
                         capture_output=True, text=True, check=True).stdout
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == \
        [iso(r["date"]) for r in events]
    with pytest.raises(ValueError):
        m.stats_range("2020-11-01", "2020-11-12", "3q")
    with pytest.raises(tcmap.ArgumentError):
        m.stats_range("2020-11-12", "2020-11-01")


def test_render_gives_bytes_and_writes_files(m, tmp_path):
    png = m.render("2020-11-10")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = m.render("2020-11-10", format="svg", width=400, height=300)
    assert b"</svg>" in svg[-100:]
    assert m.render("2020-11-10", format="jpeg")[:3] == b"\xff\xd8\xff"
    out = tmp_path / "map.pdf"
    assert m.render("2020-11-10", out) == out
    assert out.read_bytes()[:5] == b"%PDF-"


def test_a_snapshot_shows_itself_in_jupyter(m):
    snap = m.at("2020-11-10")
    assert snap._repr_png_()[:4] == b"\x89PNG"
    assert snap._repr_svg_().lstrip().startswith("<?xml")
    assert m._repr_png_()[:4] == b"\x89PNG"
    assert "1 January" in m.describe("2021-01-01")
    snap.close()


def test_errors_carry_the_library_message_with_file_and_line(tmp_path):
    table = tmp_path / "bad.csv"
    table.write_text("date,area,party\n2020-01-01,stepanakert,NK\n"
                     "2020-02-30,shusha,NK\n")
    with pytest.raises(tcmap.DataError) as e:
        tcmap.Map(table=table)
    assert e.value.file == str(table)
    assert e.value.line == 3
    assert "2020-02-30" in str(e.value)
    with pytest.raises(tcmap.TcmapIOError):
        tcmap.Map(style=tmp_path / "missing.ini")
    style = tmp_path / "typo.ini"
    style.write_text("[party.AZ]\nfil = #123456\n")
    with pytest.raises(tcmap.DataError, match=r"typo.ini:2: \[party.AZ\] "
                                              r"fil: unknown key"):
        tcmap.Map(style=style)


def test_misuse_raises_instead_of_crashing(m):
    with pytest.raises(tcmap.DataError, match="not a date|does not exist"):
        m.stats("2020-13-01")
    with pytest.raises(TypeError):
        m.stats(20201001)
    with pytest.raises(TypeError):
        tcmap.Map(geodata=42)
    with pytest.raises(ValueError):
        m.render("2020-11-10", format="gif")
    with pytest.raises(TypeError):
        m.render("2020-11-10", width="wide")
    with pytest.raises(tcmap.TcmapError):
        m.render("2020-11-10", "/nonexistent-dir/map.png")
    snap = m.at("2020-11-10")
    m.close()
    m.close()  # twice is harmless
    assert m.closed and "closed" in repr(m)
    with pytest.raises(ValueError, match="closed"):
        m.stats("2020-10-01")
    with pytest.raises(ValueError, match="closed"):
        snap.render()
    assert m._repr_png_() is None
    snap.close()
    with pytest.raises(ValueError, match="closed"):
        snap.describe()


def test_the_documented_one_liner_works():
    # The package as this test imports it (python/ or an installed one).
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(tcmap.__file__))] +
        [p for p in [env.get("PYTHONPATH")] if p])
    out = subprocess.run(
        [sys.executable, "-c",
         "import tcmap; m = tcmap.Map(); print(m.stats('2020-10-01'))"],
        capture_output=True, text=True, check=True, env=env).stdout
    # A DataFrame with pandas, a list of dicts without. The figures are the
    # default data's, which grows: both sides hold ground on that day.
    for party in ("AZ", "NK"):
        km2 = re.search(party + r"\D+?(\d+\.\d)", out)
        assert km2 and float(km2.group(1)) > 1000, out
