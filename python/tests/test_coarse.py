"""Issue #26 item 9: where the map is coarser than the published per-rayon
table (1994-2020: Mardakert, Martuni, Fuzuli), stats says so, in Python as
TcmapWarning with the CLI's words (the library's
tcmap_snapshot_coarse_notes)."""
import subprocess
import warnings

import pytest

import tcmap
from under_test import TCMAP_EXE


@pytest.fixture()
def m():
    with tcmap.Map() as mp:
        yield mp


def test_stats_between_the_wars_warns_with_the_published_figures(m):
    with pytest.warns(tcmap.TcmapWarning) as got:
        m.stats("2000-01-01")
    said = [str(w.message) for w in got]
    assert len(said) == 3
    assert any(s.startswith("Mardakert rayon is drawn coarser") and
               "1,305 of its 1,705 km²" in s for s in said)
    assert any(s.startswith("Martuni rayon") and "about 160 km²" in s
               for s in said)
    assert any(s.startswith("Fuzuli rayon") and "462 of its 1,386 km²" in s
               for s in said)
    # It points at the caller's line, not into the package.
    assert all(w.filename == __file__ for w in got)


def test_the_words_are_the_clis(m):
    with pytest.warns(tcmap.TcmapWarning) as got:
        m.stats("2000-01-01")
    cli = subprocess.run([TCMAP_EXE, "stats",
                          "--date", "2000-01-01"],
                         capture_output=True, text=True, check=True)
    for w in got:
        assert f"tcmap: warning: {w.message}\n" in cli.stderr


def test_other_dates_do_not_warn(m):
    with warnings.catch_warnings():
        warnings.simplefilter("error", tcmap.TcmapWarning)
        m.stats("1994-05-11")
        m.stats("2020-09-27")
        m.stats("2021-06-01")
