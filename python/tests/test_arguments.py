"""Every argument is checked before it reaches C (issue #27, finding 15):
sizes and resolutions in the library's ranges (before, width=2**32+100
drew a 100 px PNG, -5 or 2**31 the style's size, dpi=NaN or -72 was taken
and dpi=inf named a temporary file the caller never gave), no path or text
with a NUL (b"t.csv\\0x" opened t.csv), and one check of name sets for
every call that takes one (settlements() fell back to ids for a typo that
render() refused)."""
import os
import re
import shutil
import struct

import pytest

import argfuzz
import tcmap


@pytest.fixture(scope="module")
def snap():
    with tcmap.Map() as m, m.at("2020-11-10") as s:
        yield s


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("bad", [2**32 + 100, 2**31, 2**64, -5, 0, 15,
                                 20001, -2**31])
def test_sizes_outside_the_library_range_are_refused(snap, bad):
    for name in ("width", "height"):
        with pytest.raises(ValueError, match=f"{name} {bad} is outside "
                                             "16..20000"):
            snap.render(**{name: bad})


def test_sizes_at_the_edges_and_integer_likes_are_taken(snap, monkeypatch,
                                                       tmp_path):
    rec = argfuzz.Recorder()
    monkeypatch.setattr(tcmap._lib.lib, "tcmap_snapshot_render_file", rec)
    snap.render(tmp_path / "a.png", width=16, height=20000, dpi=10)
    snap.render(tmp_path / "b.png", width=20000, height=16, dpi=2400.0)
    assert [c[1:4] for c in rec.calls] == [(16, 20000, 10.0),
                                           (20000, 16, 2400.0)]
    monkeypatch.undo()
    np = pytest.importorskip("numpy")
    assert png_size(snap.render(width=np.int64(120),
                                height=np.uint16(90))) == (120, 90)
    for wrong in (True, 200.0, "200", [200]):
        with pytest.raises(TypeError, match="width must be an int"):
            snap.render(width=wrong)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf"),
                                 -72, 0, 9.99, 2400.5,
                                 pytest.param(10**400, id="10**400")])
def test_resolutions_outside_10_to_2400_are_refused(snap, bad):
    with pytest.raises(ValueError, match=r"dpi .* is outside 10\.\.2400"):
        snap.render(dpi=bad)


def test_a_resolution_is_a_number(snap):
    for wrong in (True, "300", None.__class__, 3 + 0j):
        with pytest.raises(TypeError, match="dpi must be a number"):
            snap.render(dpi=wrong)
    # At 144 dpi a page given in points has twice as many pixels.
    assert png_size(snap.render(width=400, height=300, dpi=144)) == (800, 600)


def test_a_drawing_too_large_in_pixels_names_no_private_file(snap):
    # Each value is in range; the pixels (the style's page at 2400 dpi)
    # are not.
    with pytest.raises(tcmap.ArgumentError) as e:
        snap.render(dpi=2400)
    msg = str(e.value)
    assert re.match(r"render \(format png\): size \d{5}x\d{5} px is outside "
                    "16..20000$", msg), msg
    assert "tcmap-" not in msg and "/tmp" not in msg and e.value.file is None


def test_paths_with_a_nul_are_refused(tmp_path):
    table = os.path.join(tcmap.data_dir(), "geodata", "control",
                         "karabakh.csv")
    for bad in (os.fsencode(table) + b"\0junk", table + "\0junk",
                argfuzz.Path(os.fsencode(table) + b"\0"), b"\0" + b"x.csv",
                "\0"):
        with pytest.raises(ValueError, match="table contains a NUL"):
            tcmap.Map(table=bad)
    with tcmap.Map() as m:
        for bad in (b"map\0.png", str(tmp_path / "m.png\0.svg"),
                    argfuzz.Path(str(tmp_path / "m\0.png"))):
            with pytest.raises(ValueError, match="path contains a NUL"):
                m.render("2020-11-10", bad)
        assert not os.listdir(tmp_path)
        with pytest.raises(ValueError, match="date contains a NUL"):
            m.stats("2020-10-01\0junk")
        with pytest.raises(TypeError, match="path must be a path"):
            m.render("2020-11-10", 42)


def test_a_path_that_is_not_utf8_opens(tmp_path):
    # A file name as os.listdir() gives it back (surrogate-escaped).
    raw = os.path.join(os.fsencode(tmp_path), b"t\xff.csv")
    shutil.copy(os.path.join(tcmap.data_dir(), "geodata", "control",
                             "karabakh.csv"), raw)
    for name in (os.fsdecode(raw), raw):
        with tcmap.Map(table=name) as m:
            assert m.last_date >= "2023-09-20"
            out = os.path.join(os.fsdecode(tmp_path), "m\udcff.png")
            assert m.render("2020-11-10", out, width=100, height=75) == out
            assert os.path.getsize(os.fsencode(out)) > 0


def test_every_name_set_argument_is_checked_alike(snap):
    messages = set()
    for call in (lambda n: snap.render(names=n),
                 lambda n: snap.describe(n),
                 lambda n: snap.settlements(names=n),
                 lambda n: snap._owner.settlements("2020-11-10", names=n),
                 lambda n: snap._owner.describe("2020-11-10", n)):
        with pytest.raises(tcmap.ArgumentError) as e:
            call("zz")
        messages.add(str(e.value))
        with pytest.raises(ValueError, match="names contains a NUL"):
            call("en\0zz")
        with pytest.raises(TypeError, match="names must be a str"):
            call(5)
    assert messages == {"name set 'zz' is not one of the geodata's "
                        "(en, enaz, enhy, ru, en+local)"}


def test_settlements_take_any_name_set_of_the_geodata(snap):
    def names(n=None):
        got = snap.settlements() if n is None else snap.settlements(names=n)
        got = got if isinstance(got, list) else got.to_dict("records")
        return {r["settlement"]: r["name"] for r in got}
    default = names()
    assert default == names("en") == names("en+local") == names(b"en")
    assert default["hadrut"] == "Hadrut"
    assert names("enhy")["hadrut"] != "hadrut"


def test_the_argument_fuzzer_finds_nothing():
    # Its own run is longer (python3 python/tests/argfuzz.py SECONDS).
    counts = argfuzz.run(cases=3000, seed=27)
    assert counts["taken"] > 50 and counts["refused"] > 1000, counts
