"""Python reads a series' step as `tcmap frames`, `tcmap stats` and
`tcmap export` do (issue #28): through the library's tcmap_step_parse, on
the table tests/test_step.c checks the library and the commands against."""
import os

import pytest

import tcmap
from tcmap import _lib

TABLE = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data",
                     "steps.tsv")


def _rows():
    with open(TABLE, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line and not line.startswith("#"):
                yield line.split("\t")


@pytest.mark.parametrize("row", list(_rows()), ids=lambda r: repr(r[0]))
def test_step_reads_the_table(row):
    text = row[0]
    if row[1] == "refused":
        with pytest.raises(ValueError, match="step '"):
            tcmap._step(text)
        with pytest.raises(tcmap.ArgumentError):
            tcmap._step(text)
    else:
        # the export options' zero count means events
        want = (_lib.STEPS[row[1]], 0 if row[1] == "events" else int(row[2]))
        assert tcmap._step(text) == want


def test_a_year_steps_a_series_as_twelve_months():
    with tcmap.Map() as m:
        assert tcmap._dates(m, b"2020-01-31", b"2022-06-01", "1y") == [
            "2020-01-31", "2021-01-31", "2022-01-31", "2022-06-01"]


def test_a_year_gives_the_same_dates_to_frames_stats_and_python(tmp_path):
    """Issue #28's acceptance: `tcmap frames --step 1y`, `tcmap stats
    --step 1y`, Map.stats_range(step='1y') and Map.frames(step='1y') step
    through the same dates."""
    import subprocess
    cli = os.environ.get("TCMAP_EXE") or os.path.join(
        os.path.dirname(__file__), "..", "..", "build", "tcmap")
    span = ["--from", "2019-03-15", "--to", "2022-01-01", "--step", "1y"]
    r = subprocess.run([cli, "stats", *span, "--format", "csv"],
                       capture_output=True, text=True, check=True)
    stats_dates = sorted({line.split(",")[0]
                          for line in r.stdout.splitlines()[1:]})
    assert stats_dates == ["2019-03-15", "2020-03-15", "2021-03-15",
                           "2022-01-01"]
    subprocess.run([cli, "frames", *span, "--size", "64x48", "--quiet",
                    "-o", str(tmp_path / "cli" / "%03d.png")], check=True)
    assert len(os.listdir(tmp_path / "cli")) == len(stats_dates)
    with tcmap.Map() as m:
        rows = m.stats_range("2019-03-15", "2022-01-01", step="1y")
        if hasattr(rows, "to_dict"):  # a DataFrame when pandas is there
            rows = rows.to_dict("records")
        assert sorted({str(r["date"])[:10] for r in rows}) == stats_dates
        (tmp_path / "py").mkdir()
        got = m.frames("2019-03-15", "2022-01-01",
                       str(tmp_path / "py" / "%03d.png"), step="1y",
                       size="64x48")
        assert [str(d)[:10] for d in got["dates"]] == stats_dates
