"""A fuzzer of the binding's argument conversion (issue #27): random values
of every kind (ints around the C int's edges, NaN and the infinities,
bools, strings with NULs and lone surrogates, bytes, os.PathLike objects,
integer-likes with __index__, objects of the wrong type) for render()'s
width, height, dpi, names and path, and for a snapshot's date. Each either
arrives in C exactly as given (an oracle decides which should) or is
refused with a TypeError or ValueError before any C call (a date the
library's parser refuses is a DataError); anything else, a crash
included, is a failure.

The library's render call is replaced by a recorder, so a case costs
microseconds and the check reads the options struct C would have got.

    python3 python/tests/argfuzz.py [SECONDS] [SEED]   # default 60 s

tests/test_arguments.py runs a few thousand cases of it in the suite."""
import datetime
import fractions
import math
import os
import random
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import tcmap  # noqa: E402
from tcmap import _lib  # noqa: E402

# The default geodata's name sets (tcmap's check adds en+local).
NAME_SETS = {"en", "enaz", "enhy", "ru", "en+local"}


class Path:
    """An os.PathLike whose __fspath__ gives what it was made with."""

    def __init__(self, value):
        self.value = value

    def __fspath__(self):
        return self.value

    def __repr__(self):
        return f"Path({self.value!r})"


class Index:
    """An integer-like object (as NumPy's are) of any value."""

    def __init__(self, value):
        self.value = value

    def __index__(self):
        return self.value

    def __repr__(self):
        return f"Index({self.value})"


def ints(rnd):
    edge = rnd.choice([0, 16, 20000, 2**31, 2**32, 2**63, 2**64, 1200])
    return rnd.choice([edge, -edge]) + rnd.randint(-3, 3)


def reals(rnd):
    return rnd.choice([
        math.nan, math.inf, -math.inf, -0.0, 1e308, -1e308, 5e-324,
        rnd.uniform(-100, 3000), rnd.uniform(9.99, 10.01),
        rnd.uniform(2399.99, 2400.01), float(ints(rnd)), 10**400,
        fractions.Fraction(rnd.randint(-1000, 30000), rnd.randint(1, 9)),
    ])


def texts(rnd):
    pick = rnd.choice([
        rnd.choice(sorted(NAME_SETS)), "zz", "", "EN", "en ", "en\0",
        "\0en", "en\0+local", "\udcff", "\ud800", "€", "a" * 600,
        "".join(rnd.choice("en+lo\0\udcff/.") for _ in range(rnd.randint(
            0, 12)))])
    return pick


def value(rnd, kind):
    """A value for an argument of `kind` (int, real, text, path): mostly
    of that kind, sometimes anything."""
    gen = rnd.random()
    if gen < 0.55:
        if kind == "int":
            v = ints(rnd)
            return rnd.choice([v, Index(v)])
        if kind == "real":
            return reals(rnd)
        t = texts(rnd)
        if kind == "path":
            t = "/nonexistent-tcmap-dir/" + t
        b = t.encode("utf-8", "surrogatepass")
        return rnd.choice([t, b, Path(t), Path(b)] if kind == "path"
                          else [t, t, b])
    return rnd.choice([None, True, False, 0, 1.5, "300", b"300", [200],
                       {"en"}, 3 + 0j, object(), ints(rnd), reals(rnd),
                       Path(42), Index(2**70), texts(rnd)])


# -- oracles: what C must receive, or None when the value must be refused --
def want_int(v, lo, hi):
    if v is None:
        return 0
    if isinstance(v, bool):
        return None
    try:
        n = v.__index__() if hasattr(type(v), "__index__") else None
    except Exception:
        return None
    if n is None or isinstance(v, bool) or not lo <= n <= hi:
        return None
    return n


def want_real(v, lo, hi):
    if v is None:
        return 0.0
    if isinstance(v, bool) or not isinstance(v, (int, float,
                                                 fractions.Fraction)):
        return None
    try:
        f = float(v)
    except OverflowError:
        return None
    return f if lo <= f <= hi else None


def want_names(v):
    if v is None:
        return None
    if isinstance(v, str):
        try:
            v = v.encode("utf-8")
        except UnicodeEncodeError:
            return False
    if not isinstance(v, bytes) or v.decode("utf-8", "replace") \
            not in NAME_SETS:
        return False
    return v


def want_path(v):
    if isinstance(v, Path):
        v = v.value
    if not isinstance(v, (str, bytes)):
        return False
    try:
        b = os.fsencode(v)
    except UnicodeEncodeError:
        return False
    return False if b"\0" in b else b


class Recorder:
    """Stands in for tcmap_snapshot_render_file: keeps what it was given."""

    def __init__(self):
        self.calls = []

    def __call__(self, snap, path, opt, err):
        o = opt._obj  # the struct behind byref()
        self.calls.append((path, o.width, o.height, o.dpi, o.names))
        return 0


def dates(rnd):
    d = rnd.choice(["2020-11-10", "2020-02-30", "1991-01-01", "20201110",
                    "2020-11-10\0x", "\0", "", "2020-11-1\udcff",
                    "9999-12-31", "0000-00-00", "2020-11-10T00:00"])
    return rnd.choice([d, d.encode("utf-8", "surrogatepass"),
                       datetime.date(rnd.randint(1, 9999), 1, 1),
                       datetime.datetime(2020, 11, 10, 23, 59), Path(d),
                       rnd.randint(-2**40, 2**40), None, math.nan])


def one_date(m, rnd):
    """A random date for Map.at(): a date, datetime or text without a NUL
    reaches the library's parser (which may refuse it with DataError);
    a NUL is a ValueError, another type a TypeError."""
    d = dates(rnd)
    text = d.isoformat()[:10] if isinstance(d, datetime.date) else d
    try:
        with warnings.catch_warnings():
            # Dates outside the table warn; the fuzzer wants only errors.
            warnings.simplefilter("ignore", tcmap.TcmapWarning)
            m.at(d).close()
    except tcmap.DataError:
        assert isinstance(text, (str, bytes)), repr(d)
        return "refused"
    except TypeError:
        assert d is None or not isinstance(d, (str, bytes, datetime.date)), \
            repr(d)
        return "refused"
    except ValueError as e:
        assert isinstance(text, (str, bytes)) and \
            ("\0" in text if isinstance(text, str) else b"\0" in text) or \
            "surrogates" in str(e), f"{d!r}: {e!r}"
        return "refused"
    # None is the table's last date.
    assert d is None or isinstance(text, (str, bytes)) and len(text) == 10, \
        repr(d)
    return "taken"


def one(snap, rnd, rec):
    """One random call; raises AssertionError when the binding is wrong."""
    if rnd.random() < 0.1:
        return one_date(snap._owner, rnd)
    kw = {}
    for name, kind in (("width", "int"), ("height", "int"), ("dpi", "real"),
                       ("names", "text")):
        if rnd.random() < 0.5:
            kw[name] = value(rnd, kind)
    path = value(rnd, "path")
    if path is None:  # render() to bytes reads a file the recorder skips
        path = "/nonexistent-tcmap-dir/map.png"
    side = (_lib.MIN_IMAGE_SIDE, _lib.MAX_IMAGE_SIDE)
    wants = (want_path(path), want_int(kw.get("width"), *side),
             want_int(kw.get("height"), *side),
             want_real(kw.get("dpi"), _lib.MIN_DPI, _lib.MAX_DPI),
             want_names(kw.get("names")))
    ok = wants[0] is not False and None not in wants[1:4] and \
        wants[4] is not False
    rec.calls.clear()
    try:
        snap.render(path, **kw)
    except (TypeError, ValueError) as e:
        assert not ok, f"render({path!r}, {kw!r}) refused: {e!r}"
        assert not rec.calls, f"render({path!r}, {kw!r}) reached C"
        return "refused"
    assert ok, f"render({path!r}, {kw!r}) was taken: {rec.calls}"
    assert rec.calls == [wants], f"render({path!r}, {kw!r}): C got " \
        f"{rec.calls}, not {wants}"
    return "taken"


def run(cases=None, seconds=None, seed=0):
    """Counts of taken and refused calls; stops after `cases` calls or
    `seconds`."""
    rnd = random.Random(seed)
    rec = Recorder()
    real = _lib.lib.tcmap_snapshot_render_file
    counts = {"taken": 0, "refused": 0}
    end = time.monotonic() + seconds if seconds else None
    with tcmap.Map() as m, m.at("2020-11-10") as snap:
        _lib.lib.tcmap_snapshot_render_file = rec
        try:
            while (cases is None or sum(counts.values()) < cases) and \
                    (end is None or time.monotonic() < end):
                counts[one(snap, rnd, rec)] += 1
        finally:
            _lib.lib.tcmap_snapshot_render_file = real
    return counts


if __name__ == "__main__":
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else int(time.time())
    print(f"seed {seed}: {run(seconds=secs, seed=seed)}")
