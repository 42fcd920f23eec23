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
