"""tcmap: territorial-control maps and km² figures, from Python.

A thin binding of libtcmap (the C library of the tcmap program) over
ctypes. Open a map from its three inputs (or the installed default data),
then ask it for figures, words and pictures on any date::

    import tcmap
    with tcmap.Map() as m:                 # the installed default data
        print(m.stats("2020-10-01"))        # DataFrame (or list of dicts)
        m.render("2020-11-10", "map.png")   # or m.render(date) -> bytes
        m.at("2020-11-10")                  # shows inline in Jupyter

Errors from the library are raised as TcmapError (a subclass per status)
whose message is the library's own "FILE:LINE: what is wrong".
"""
import contextlib as _contextlib
import datetime as _dt
import math as _math
import numbers as _numbers
import operator as _operator
import os as _os
import re as _re
import sys as _sys
import tempfile as _tempfile
import threading as _threading
import warnings as _warnings
import ctypes as _ct

from . import _lib
from . import _options

__all__ = ["Map", "Snapshot", "TcmapError", "DataError", "ArgumentError",
           "BackendError", "TcmapIOError", "TcmapWarning", "version",
           "data_dir"]

__version__ = "0.2.0"

_STATUS = ["ok", "out of memory", "i/o", "data", "argument", "backend"]


class TcmapError(Exception):
    """An error the library reported. ``str(e)`` is its message,
    "FILE:LINE: what is wrong"; ``e.status`` the tcmap_status number,
    ``e.file`` and ``e.line`` the place it names (None when it names
    none)."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        self.status = status
        m = _re.match(r"^(.+?):(\d+): ", message)
        self.file = m.group(1) if m else None
        self.line = int(m.group(2)) if m else None


class DataError(TcmapError, ValueError):
    """Input was read but is wrong (a bad date, an unknown id, ...)."""


class ArgumentError(TcmapError, ValueError):
    """A documented precondition was broken (e.g. an unknown format)."""


class BackendError(TcmapError):
    """GDAL, Cairo or Pango reported a failure."""


class TcmapIOError(TcmapError, OSError):
    """A file could not be opened, read or written."""


class TcmapWarning(UserWarning):
    """Something the CLI warns about too: a date before the control
    table's first event (the map shows no party) or after its last (the
    map shows that day's state). Silence it with
    ``warnings.simplefilter("ignore", tcmap.TcmapWarning)``."""


_PACKAGE_DIR = _os.path.dirname(_os.path.abspath(__file__))


def _warn(message):
    """warnings.warn(message, TcmapWarning) pointing at the caller's code,
    however deep inside the package it was found."""
    import sys
    level, f = 1, sys._getframe(0)
    while f is not None and _os.path.dirname(
            _os.path.abspath(f.f_code.co_filename)) == _PACKAGE_DIR:
        level += 1
        f = f.f_back
    _warnings.warn(message, TcmapWarning, stacklevel=level)


_CLASSES = {1: MemoryError, 2: TcmapIOError, 3: DataError, 4: ArgumentError,
            5: BackendError}


def _raise(err, private_path=None, public_name=None):
    msg = err.message.decode("utf-8", "replace")
    if private_path:
        msg = msg.replace(private_path, public_name)
    cls = _CLASSES.get(err.status, TcmapError)
    if cls is MemoryError:
        raise MemoryError(msg)
    raise cls(msg, err.status)


def _check(status, err):
    if status != 0:
        _raise(err)


def _text(b):
    return None if b is None else b.decode("utf-8")


# Every argument reaches C through one of the converters below, one per
# kind (text, path, integer, real number, name set): a wrong type is a
# TypeError and a value C would misread (a NUL that cuts a string short, an
# int that wraps, a NaN) a ValueError, before anything is called.

def _cstr(value, name, allow_none=False):
    """A str (or bytes) argument as bytes for C; TypeError otherwise, so
    that no Python object ever reaches the library as a pointer."""
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be a str, not None")
    if isinstance(value, str):
        value = value.encode("utf-8")
    elif not isinstance(value, bytes):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return _no_nul(value, name)


def _path(value, name):
    """A str, bytes or os.PathLike path as bytes for C, in the file
    system's encoding (so a name that is not UTF-8 still opens)."""
    if not isinstance(value, (str, bytes, _os.PathLike)):
        raise TypeError(f"{name} must be a path (str, bytes or "
                        f"os.PathLike), not {type(value).__name__}")
    value = _os.fspath(value)
    if not isinstance(value, (str, bytes)):
        raise TypeError(f"{name}: os.fspath() gave a "
                        f"{type(value).__name__}")
    return _no_nul(_os.fsencode(value), name)


def _no_nul(b, name):
    # C would read the text only up to the NUL: "a.csv\0x" would open
    # a.csv, and a path cut to nothing the default table.
    if b"\0" in b:
        raise ValueError(f"{name} contains a NUL character")
    return b


def _int(value, name, lo, hi):
    """An integer argument (an int, or anything with __index__ such as a
    NumPy integer; not a bool) in lo..hi, or None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an int, not bool")
    try:
        v = _operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an int, not "
                        f"{type(value).__name__}") from None
    if not lo <= v <= hi:
        raise ValueError(f"{name} {v} is outside {lo}..{hi}")
    return v


def _real(value, name, lo, hi):
    """A real-number argument (int, float, NumPy scalar; not a bool) in
    lo..hi as a float, or None. NaN and the infinities are outside."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, _numbers.Real):
        raise TypeError(f"{name} must be a number, not "
                        f"{type(value).__name__}")
    try:
        v = float(value)
    except OverflowError:  # an int too large for a double
        v = _math.inf if value > 0 else -_math.inf
    if not lo <= v <= hi:  # False for NaN too
        raise ValueError(f"{name} {value!r} is outside {lo:g}..{hi:g}")
    return v


def _names(snap, value, name="names"):
    """A name set ("en", "az", "en+local", ...) as bytes, checked against
    the map's geodata the way rendering checks it, so that every call
    taking one refuses a typo alike instead of falling back to ids. `snap`
    is a snapshot handle in use. The library's check is reached through
    tcmap_snapshot_describe, which runs it first (the whole call takes
    about half a millisecond)."""
    b = _cstr(value, name)
    out = _ct.c_void_p()
    err = _lib.Error()
    _check(_lib.lib.tcmap_snapshot_describe(snap, b, _ct.byref(out),
                                            _ct.byref(err)), err)
    _lib.lib.tcmap_free(out)
    return b


def _date(value, name="date"):
    """'YYYY-MM-DD' (bytes) from a str, datetime.date, datetime.datetime,
    numpy.datetime64 or pandas.Timestamp (or anything else with .date());
    a time of day is dropped. NaT is a ValueError."""
    if type(value).__name__ == "NaTType":  # pandas.NaT, a datetime
        raise ValueError(f"{name} is NaT (not a time)")
    if type(value).__name__ == "datetime64":  # numpy's, without numpy
        import numpy
        if numpy.isnat(value):
            raise ValueError(f"{name} is NaT (not a time)")
        # Days since 1970 whatever the unit, as a datetime.date.
        days = value.astype("datetime64[D]").astype("int64")
        if not -719162 <= days <= 2932896:
            raise ValueError(f"{name} {value} is outside years 1..9999")
        value = _dt.date(1970, 1, 1) + _dt.timedelta(days=int(days))
    elif isinstance(value, _dt.datetime):
        value = value.date()
    elif not isinstance(value, (str, bytes, _dt.date)) and \
            hasattr(value, "date"):
        value = value.date()
    if isinstance(value, _dt.date):
        value = value.isoformat()
    b = _cstr(value, name)
    err = _lib.Error()
    _check(_lib.lib.tcmap_date_parse(b, None, _ct.byref(err)), err)
    return b


def _as_date(text):
    """A date the library gave ("YYYY-MM-DD", or empty/None for none) as
    a datetime.date, or None."""
    return _dt.date.fromisoformat(text) if text else None


def _coverage(m, d):
    """The CLI's warnings for a date outside the control table (the same
    words as render's, src/draw/render.c check_coverage), as a list.
    m is the map handle in use, d the date as bytes."""
    L = _lib.lib
    tl = L.tcmap_map_timeline(m)
    if not L.tcmap_timeline_event_count(tl):
        return []
    ev = _ct.POINTER(_lib.Event)()
    err = _lib.Error()
    if L.tcmap_timeline_event(tl, 0, _ct.byref(ev), _ct.byref(err)) != 0:
        return []
    first = _text(ev.contents.date)
    last = _text(L.tcmap_timeline_last_date(tl))
    day = d.decode()
    said = []
    # ISO dates of four-digit years compare as text.
    if day < first:
        said.append(f"no data before {first} (the control table's first "
                    "event): the map shows no party")
    if last and day > last:
        said.append(f"no data after {last} (the control table's last "
                    "event): later maps show the state of that day")
    return said


def version():
    """The version of the C library loaded, e.g. "0.2.0"."""
    return _text(_lib.lib.tcmap_version_string())


def data_dir():
    """The directory of tcmap's default data (geodata/, styles/), as the
    library finds it (tcmap_data_dir): $TCMAP_DATA_DIR, else
    PREFIX/share/tcmap beside the loaded library (wherever the prefix was
    moved), else, for a library in its build tree, its source tree."""
    return _text(_lib.lib.tcmap_data_dir())


def _table(rows, columns, dates=()):
    """A pandas DataFrame when pandas can be imported, else the rows as a
    list of dicts (the same columns). The columns named in `dates` hold
    datetime.date (or None) in the rows and become datetime64 (NaT for
    none) in the frame."""
    try:
        import pandas
    except ImportError:
        return rows
    # A half-removed pandas imports as an empty namespace package.
    frame = getattr(pandas, "DataFrame", None)
    if not frame:
        return rows
    df = frame(rows, columns=columns)
    for c in dates:
        df[c] = pandas.to_datetime(df[c])
    return df


class _Guard:
    """A C handle that threads share. Every call on it holds a use of it
    for as long as the library may touch the handle or memory borrowed
    from it; close() marks it closed at once (a later use raises
    ValueError), waits for the uses in flight to end, then frees it. So a
    map closed while other threads render is freed after their renders,
    never under them."""

    def __init__(self, ptr, destroy, what):
        self._cond = _threading.Condition()
        self._ptr = ptr
        self._destroy = destroy
        self._what = what
        self._closed = False
        self._users = {}  # thread id -> uses it holds

    @property
    def closed(self):
        return self._closed

    @_contextlib.contextmanager
    def use(self, closed_message=None):
        me = _threading.get_ident()
        with self._cond:
            if self._closed:
                raise ValueError(closed_message or
                                 f"operation on a closed {self._what}")
            self._users[me] = self._users.get(me, 0) + 1
        try:
            yield self._ptr
        finally:
            with self._cond:
                n = self._users.pop(me) - 1
                if n:
                    self._users[me] = n
                elif not self._users:
                    self._cond.notify_all()

    def close(self):
        with self._cond:
            if self._users.get(_threading.get_ident()):
                # Waiting here would wait for ourselves for ever.
                raise RuntimeError(f"cannot close a {self._what} from "
                                   "inside a call on it")
            self._closed = True
            self._cond.wait_for(lambda: not self._users)
            ptr, self._ptr = self._ptr, None
            if ptr:
                self._destroy(ptr)


class _Closing:
    """A context manager whose exit, and whose collection, call close().
    close() may be called from any thread, at any time, any number of
    times: it waits for the calls in flight (see _Guard)."""

    _guard = None

    def close(self):
        """Frees the handle once every call in flight on it has returned;
        later calls raise ValueError. Calling it again does nothing."""
        if self._guard is not None:
            self._guard.close()

    @property
    def closed(self):
        return self._guard is None or self._guard.closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        # No thread can be inside a call on an object being collected, so
        # this never waits. During interpreter shutdown the module may
        # already be gone.
        try:
            self.close()
        except Exception:
            pass


class Map(_Closing):
    """Geodata, a control table and a style, bound and validated.

    Map() opens the default data (data_dir()); any of geodata (a directory
    or a manifest.ini), table (CSV, XLSX, ODS, GPKG) and style (an .ini)
    may be given instead. Raises TcmapError with the library's message
    when an input is wrong. Use it as a context manager, or call close();
    a closed map raises ValueError rather than touching freed memory.
    """

    def __init__(self, geodata=None, table=None, style=None):
        base = data_dir()
        if geodata is None:
            geodata = _os.path.join(base, "geodata")
        if table is None:
            table = _os.path.join(base, "geodata", "control", "karabakh.csv")
        if style is None:
            style = _os.path.join(base, "styles", "default.ini")
        g = _path(geodata, "geodata")
        t = _path(table, "table")
        s = _path(style, "style")
        handle = _ct.c_void_p()
        err = _lib.Error()
        _check(_lib.lib.tcmap_map_open(g, t, s, _ct.byref(handle),
                                       _ct.byref(err)), err)
        self._guard = _Guard(handle, _lib.lib.tcmap_map_destroy, "tcmap.Map")
        self.paths = {"geodata": _os.fspath(geodata),
                      "table": _os.fspath(table),
                      "style": _os.fspath(style)}

    # -- lifetime ---------------------------------------------------------
    def _use(self):
        """`with self._use() as handle:` around every C call on the map and
        every read of memory it lends (strings, events)."""
        if self._guard is None:
            raise ValueError("operation on a closed tcmap.Map")
        return self._guard.use()

    def __repr__(self):
        try:
            return (f"<tcmap.Map {len(self.parties)} parties, "
                    f"{len(self.events())} events, last {self.last_date}>")
        except ValueError:
            return "<tcmap.Map (closed)>"

    # -- what it holds ----------------------------------------------------
    @property
    def crs(self):
        """The CRS the geodata was projected into (chosen from the data
        when the style names none)."""
        with self._use() as mp:
            geo = _lib.lib.tcmap_map_geodata(mp)
            return _text(_lib.lib.tcmap_geodata_crs(geo))

    @property
    def parties(self):
        """The style's parties in order: dicts of id, label, fill."""
        out = []
        with self._use() as mp:
            st = _lib.lib.tcmap_map_style(mp)
            for i in range(_lib.lib.tcmap_style_party_count(st)):
                fill = _lib.lib.tcmap_style_party_fill(st, i)
                out.append({"id": _text(_lib.lib.tcmap_style_party_id(st, i)),
                            "label": _text(
                                _lib.lib.tcmap_style_party_label(st, i)),
                            "fill": f"#{fill:06x}"})
        return out

    @property
    def last_date(self):
        """The date of the table's latest event, or None for an empty
        table."""
        with self._use() as mp:
            tl = _lib.lib.tcmap_map_timeline(mp)
            return _text(_lib.lib.tcmap_timeline_last_date(tl))

    def events(self):
        """The control table's rows in date order, as dicts (date and
        until as datetime.date; until None when the row has none)."""
        out = []
        ev = _ct.POINTER(_lib.Event)()
        err = _lib.Error()
        with self._use() as mp:
            tl = _lib.lib.tcmap_map_timeline(mp)
            for i in range(_lib.lib.tcmap_timeline_event_count(tl)):
                _check(_lib.lib.tcmap_timeline_event(tl, i, _ct.byref(ev),
                                                     _ct.byref(err)), err)
                e = ev.contents
                row = {k: (_text(getattr(e, k)) if k != "line"
                           else e.line)
                       for k, _ in _lib.Event._fields_ if k != "size"}
                row["date"] = _as_date(row["date"])
                row["until"] = _as_date(row["until"])
                out.append(row)
        return out

    # -- one date ---------------------------------------------------------
    def at(self, date=None):
        """The map on `date` (default: the latest event's date) as a
        Snapshot, which shows itself inline in Jupyter."""
        if date is None:
            date = self.last_date
            if date is None:
                raise ValueError("the table has no events: give a date")
        return Snapshot(self, date)

    def stats(self, date=None, *, include_context=False, scope_all=False,
              since=None, by="party"):
        """km² per party on `date`: party, label, area_km2, share (and
        gained_km2, lost_km2 with since=). by= "area", "district",
        "settlement" or "presence" gives the rows of `tcmap stats --by`
        instead, from the same grouping in the library (include_context=
        as `--all`). A DataFrame when pandas is importable, else a list of
        dicts."""
        with self.at(date) as snap:
            return snap.stats(include_context=include_context,
                              scope_all=scope_all, since=since, by=by)

    def settlements(self, date=None, *, names=None):
        """Who held each settlement's cell on `date`: settlement, name,
        area, party, area_km2, status, since (the date of the row in
        force), presence (e.g. "RU peacekeeping", ';'-separated), as
        `tcmap stats --by settlement --scope all`. The names
        are in name set `names` (default: "en" where the geodata has it,
        else the ids, as the CLI's table); an unknown set raises
        ArgumentError, as render() and describe() do."""
        with self.at(date) as snap:
            return snap.settlements(names=names)

    def stats_range(self, start, end, step="events", *,
                    include_context=False, scope_all=False):
        """km² per party over a span, one tidy table of date, party, label,
        area_km2, share (as `tcmap stats --from --to --step`). step is
        "events" (start, each date on which the map changed, and end), or N
        followed by d, w, m or y ("1m", "2w", "1y"; end is always the last
        date). The date column is datetime64 (datetime.date without
        pandas)."""
        dates = _dates(self, _date(start, "start"), _date(end, "end"), step)
        rows = []
        for d in dates:
            with self.at(d) as snap:
                for r in snap._stats_rows(include_context, scope_all, None):
                    rows.append({"date": _as_date(d), **r})
        return _table(rows, ["date", "party", "label", "area_km2", "share"],
                      dates=["date"])

    def render(self, date=None, path=None, **kw):
        """Draws the map on `date`; see Snapshot.render."""
        with self.at(date) as snap:
            return snap.render(path, **kw)

    def describe(self, date=None, names=None, *, short=False,
                 changes_since=None, lang=None):
        """The map on `date` in words; see Snapshot.describe."""
        with self.at(date) as snap:
            return snap.describe(names, short=short,
                                 changes_since=changes_since, lang=lang)

    def export(self, date, path, **kw):
        """Writes the map on `date` as vector data; see
        Snapshot.export."""
        with self.at(date) as snap:
            return snap.export(path, **kw)

    def _span(self, start, end):
        """start and end as bytes, the table's first and last event's
        dates where None (as `tcmap chart`)."""
        if start is None or end is None:
            ev = self.events()
            if not ev:
                raise ValueError("the table has no events: give start and "
                                 "end")
        a = _date(ev[0]["date"] if start is None else start, "start")
        b = _date(self.last_date if end is None else end, "end")
        return a, b

    def chart(self, start=None, end=None, path=None, *, format=None,
              width=None, height=None, annotate=None, include_context=False,
              force=False, lang=None):
        """The km² each party held from start to end (default: the first
        and the last event) as stacked areas, as `tcmap chart`: annotate=N
        labels the N dates where most km² changed hands (default 4, 0 for
        none); width and height default to 1200 x 640; include_context
        counts the context areas (--all); lang ("az", "hy", "ru", ...)
        writes its words in that language (--lang). With a path writes that file
        (PNG, SVG or PDF) and returns it; without one returns the bytes
        of a `format` file (default 'png'). chart_data() gives the
        numbers behind it."""
        if format is not None and format not in ("png", "svg", "pdf"):
            raise ValueError(f"format {format!r} is not png, svg or pdf")
        a, b = self._span(start, end)
        side = (_lib.MIN_IMAGE_SIDE, _lib.MAX_IMAGE_SIDE)
        opt = _lib.ChartOptions()
        opt.format = _lib.FORMATS.get(format, 0)
        opt.width = _int(width, "width", *side) or 0
        opt.height = _int(height, "height", *side) or 0
        n = _int(annotate, "annotate", 0, 16)
        opt.annotations = 0 if n is None else (n or -1)
        opt.include_context = int(bool(include_context))
        opt.from_, opt.to = a, b
        opt.force = int(bool(force))
        opt.lang = _cstr(lang, "lang", allow_none=True)
        err = _lib.Error()
        if path is not None:
            p = _path(path, "path")
            with self._use() as mp:
                _check(_lib.lib.tcmap_chart_render_file(
                    mp, p, _ct.byref(opt), _ct.byref(err)), err)
            return path
        fmt = format or "png"
        opt.format = _lib.FORMATS[fmt]
        with _tempfile.TemporaryDirectory(prefix="tcmap-") as d:
            p = _os.path.join(d, "chart." + fmt)
            with self._use() as mp:
                status = _lib.lib.tcmap_chart_render_file(
                    mp, _os.fsencode(p), _ct.byref(opt), _ct.byref(err))
            if status != 0:
                _raise(err, p, f"chart (format {fmt})")
            with open(p, "rb") as f:
                return f.read()

    def chart_data(self, start=None, end=None, *, include_context=False):
        """The numbers behind chart(): date, party, label, area_km2, share
        at start, on every date the map changed, and at end, as `tcmap
        chart --format csv` (a DataFrame when pandas is importable)."""
        a, b = self._span(start, end)
        return self.stats_range(a.decode(), b.decode(), "events",
                                include_context=include_context)

    def frames(self, start, end, pattern=None, *, step="1d", video=None,
               html=None, html_lang=None, tween=0, jobs=None, png="default",
               resume=False, fps=25, hold=0.25, hold_changes=None,
               hold_end=None, progress=None, memory=None, **options):
        """One map per date from start to end, as `tcmap frames`: step
        "1d" (default), "2w", "1m", ... or "events"; pattern names the
        files by their index ("frames/%05d.png"); video= an .mp4, .webm or
        .gif made by ffmpeg from the frames (no files unless pattern is
        given too) at fps, each date shown `hold` seconds, the first date
        and each change `hold_changes`, the last `hold_end`; html= one
        page with a date slider (html_lang: its language for dates,
        default en-GB). tween=N fades N frames into each change (PNG);
        jobs threads (default: the processors); png "small" is 15 %
        smaller and slower; resume keeps complete frames; memory caps
        what the workers' frames hold at once, in MB (--memory; default:
        the library's). progress, if
        given, is called as progress(done, total) on this thread, and
        stops the run when it returns True (the result's "stopped").
        Every per-map option of render() is taken too (title, zoom_to,
        annotations, changes_since, size, ...; not format, which follows
        the pattern). Returns a dict: dates, frames (file paths), video,
        html, and the library's counts (total, drawn, reused, skipped,
        stopped, and jobs: the workers that drew)."""
        _options.check_keywords(options, "frames")
        if options.get("style") is not None:
            raise TypeError("frames() takes no style=; open a "
                            "tcmap.Map(style=...) instead")
        if pattern is None and video is None and html is None:
            raise ValueError("frames() needs a pattern, video= or html=")
        if video is not None and _video_kind(video) is None:
            raise ValueError(f"video {video!r} must end in .mp4, .webm or "
                             ".gif")
        if png not in ("default", "small"):
            raise ValueError(f"png {png!r} is not 'default' or 'small'")
        if progress is not None and not callable(progress):
            raise TypeError("progress must be callable as progress(done, "
                            "total)")
        fps_ = _int(fps, "fps", 1, 240)
        memory_mb = 0 if memory is None else _int(memory, "memory", 1,
                                                  1 << 24)
        holds = [_real(h, n, 0.0, 3600.0) for h, n in
                 ((hold, "hold"), (hold_changes, "hold_changes"),
                  (hold_end, "hold_end"))]
        a, b = _date(start, "start"), _date(end, "end")
        unit, count = _step(step)
        pat = None if pattern is None else _path(pattern, "pattern")
        series = _ct.c_void_p()
        err = _lib.Error()
        L = _lib.lib
        out = {"dates": [], "frames": [], "video": None, "html": None,
               "total": 0, "drawn": 0, "reused": 0, "skipped": 0,
               "stopped": False}
        with self.at(a.decode()) as first, first._use() as (sp, mp):
            _check(L.tcmap_series_create(mp, a, b, _lib.Step(unit, count),
                                         _ct.byref(series), _ct.byref(err)),
                   err)
            try:
                _check(L.tcmap_series_set_tween(
                    series, _int(tween, "tween", 0, 100), _ct.byref(err)),
                    err)
                n = L.tcmap_series_count(series)
                out["dates"] = [_as_date(_text(L.tcmap_series_date(series,
                                                                   i)))
                                for i in range(n)]
                with _options.RenderCall(_lib.RenderOptions(), sp,
                                         L.tcmap_map_style(mp)) as call:
                    _options.apply(call, options)
                    # The library's warnings (from the workers too), given
                    # once each after the run, as render() gives them.
                    said = []
                    call.opt.report = _lib.REPORT_FN(
                        lambda user, msg: said.append(
                            msg.decode("utf-8", "replace")))
                    if call.opt.page_size:
                        # The series draws at width x height only, as
                        # `tcmap frames --size WxH` gives them.
                        mt = _re.fullmatch(rb"([0-9]+)[xX]([0-9]+)",
                                           call.opt.page_size)
                        if not mt:
                            raise ValueError("frames() takes size='WxH' "
                                             "(pixels), as tcmap frames "
                                             "--size")
                        side = (_lib.MIN_IMAGE_SIDE, _lib.MAX_IMAGE_SIDE)
                        call.opt.width = _int(int(mt.group(1)), "width",
                                              *side)
                        call.opt.height = _int(int(mt.group(2)), "height",
                                               *side)
                        call.opt.page_size = None
                    if video is not None or pat is not None:
                        self._frames_run(series, pat, call.opt, out, err,
                                         video, (jobs, memory_mb), png,
                                         resume, progress, fps_, holds,
                                         options.get("force"))
                    if html is not None and not out["stopped"]:
                        page = _lib.PageOptions()
                        page.render = _ct.pointer(call.opt)
                        page.lang = _cstr(html_lang, "html_lang",
                                          allow_none=True)
                        _check(L.tcmap_series_write_html(
                            series, _path(html, "html"), _ct.byref(page),
                            _ct.byref(err)), err)
                        out["html"] = html
            finally:
                L.tcmap_series_destroy(series)
        first._say(said)
        if pattern is not None:
            buf = _ct.create_string_buffer(4096)
            for i in range(len(out["dates"])):
                if L.tcmap_series_frame_path(pat, i, buf, len(buf),
                                             _ct.byref(err)) == 0:
                    out["frames"].append(_os.fsdecode(buf.value))
        return out

    def _frames_run(self, series, pat, render, out, err, video, jobs, png,
                    resume, progress, fps, holds, force):
        L = _lib.lib
        so = _lib.SeriesOptions()
        so.render = _ct.pointer(render)
        so.png = 1 if png == "small" else 0
        jobs, memory_mb = jobs
        so.jobs = _int(jobs, "jobs", 1, 1024) or 0
        so.memory = memory_mb << 20
        so.resume = int(bool(resume))
        failed = []

        def on_progress(user, done, total):
            try:
                return 1 if progress(done, total) else 0
            except BaseException as e:  # raised after the run
                failed.append(e)
                return 1
        if progress is not None:
            so.progress = _lib.PROGRESS_FN(on_progress)
        enc = None
        if video is not None:
            enc = _Video(video, fps, holds, series, force)
            so.sink = _lib.FRAME_FN(enc.put)
        res = _lib.SeriesResult()
        try:
            status = L.tcmap_series_render(series, pat, _ct.byref(so),
                                           _ct.byref(res), _ct.byref(err))
            if failed:
                raise failed[0]
            if enc is not None and enc.error is not None:
                raise enc.error
            _check(status, err)
            out.update(total=res.total, drawn=res.drawn, reused=res.reused,
                       skipped=res.skipped, stopped=bool(res.stopped),
                       jobs=res.jobs)
            if enc is not None and not res.stopped:
                enc.finish()
                out["video"] = video
        finally:
            if enc is not None:
                enc.abort()

    def to_geodataframe(self, date=None, dissolve="party", *,
                        include_context=False):
        """The map on `date` as a geopandas GeoDataFrame; see
        Snapshot.to_geodataframe."""
        with self.at(date) as snap:
            return snap.to_geodataframe(dissolve,
                                        include_context=include_context)

    def export_range(self, start, end, path, *, step="events",
                     dissolve="party", crs=None, include_context=False):
        """Writes a time-enabled layer of the span start..end (as `tcmap
        export --from --to`): one feature per piece of ground whose holder
        and status stay the same over an interval, with party,
        party_label, status, valid_from, valid_to (the first day it no
        longer holds; null when it still holds after the table's last
        event), km2 and sources. The format follows the extension (.gpkg,
        .geojson, .fgb, .csv; not .shp). dissolve is "party" (all ground of a party
        and status), "area" or "settlement"; step "events" (exact) or
        "1d", "2w", "1m", ... (sampled); crs None (EPSG:4326), "map" or any
        CRS GDAL knows (not for GeoJSON). Returns path."""
        if not isinstance(dissolve, str) or dissolve not in _lib.DISSOLVE:
            raise ValueError(f"dissolve {dissolve!r} is not 'party', 'area' "
                             "or 'settlement'")
        unit, count = _step(step)
        opt = _lib.RangeExportOptions()
        opt.crs = _cstr(crs, "crs", allow_none=True)
        opt.include_context = int(bool(include_context))
        opt.dissolve = _lib.DISSOLVE[dissolve]
        opt.step_count = count
        opt.step_unit = unit if count else 0
        a, b = _date(start, "start"), _date(end, "end")
        p = _path(path, "path")
        err = _lib.Error()
        with self._use() as mp:
            _check(_lib.lib.tcmap_map_export_range(mp, a, b, p,
                                                   _ct.byref(opt),
                                                   _ct.byref(err)), err)
        return path

    def _repr_png_(self):
        if self.closed:
            return None
        with self.at() as snap:
            return snap._repr_png_()

    def _repr_svg_(self):
        if self.closed:
            return None
        with self.at() as snap:
            return snap._repr_svg_()


def _step(step):
    """(tcmap_step_unit, count) of a step: "events" (count 0), or N
    followed by d, w, m or y (a year is 12 months), read by the library's
    tcmap_step_parse so that it takes what `tcmap frames --step` and
    `tcmap stats --step` take; ArgumentError (a ValueError) otherwise."""
    if not isinstance(step, str):
        raise TypeError("step must be a str such as 'events' or '1m'")
    parsed, err = _lib.Step(), _lib.Error()
    _check(_lib.lib.tcmap_step_parse(_cstr(step, "step"), _ct.byref(parsed),
                                     _ct.byref(err)),
           err)
    if parsed.unit == _lib.STEPS["events"]:
        return parsed.unit, 0
    return parsed.unit, parsed.count


def _geopandas():
    try:
        import geopandas
    except ImportError as e:
        raise ImportError(
            "tcmap: GeoDataFrames need geopandas, which is not installed "
            "(Debian: apt install python3-geopandas; elsewhere: pip install "
            f"geopandas): {e}") from None
    return geopandas


def _dates(m, start, end, step):
    """The series' dates as the library makes them (tcmap_series_create),
    so that a span and a step give the same dates as `tcmap stats` and
    `tcmap frames`: `end` is always the last date."""
    unit, count = _step(step)
    series = _ct.c_void_p()
    err = _lib.Error()
    L = _lib.lib
    with m._use() as mp:  # the series borrows the map
        _check(L.tcmap_series_create(mp, start, end, _lib.Step(unit, count),
                                     _ct.byref(series), _ct.byref(err)),
               err)
        try:
            return [_text(L.tcmap_series_date(series, i))
                    for i in range(L.tcmap_series_count(series))]
        finally:
            L.tcmap_series_destroy(series)


def _video_kind(path):
    p = _os.fsdecode(_os.fspath(path)) if isinstance(
        path, (str, bytes, _os.PathLike)) else ""
    for kind in ("mp4", "webm", "gif"):
        if p.lower().endswith("." + kind):
            return kind
    return None


class _Video:
    """ffmpeg behind a pipe, fed the frames' pixels by the library's sink
    (as `tcmap frames --video` does, src/cli/cmd_frames.c): each frame
    repeated for its hold, into a temporary file renamed into place once
    ffmpeg succeeded."""

    def __init__(self, path, fps, holds, series, force):
        self.path = _os.fspath(path)
        self.kind = _video_kind(path)
        self.fps = fps
        self.proc = None
        self.tmp = None
        self.error = None
        if _os.path.isfile(self.path) and not force and \
                not _os.access(self.path, _os.W_OK):
            raise TcmapIOError(f"{self.path}: the file is read-only; tcmap "
                               "replaces it only when forced (force=True)",
                               2)
        # Video frames per series frame, rounded on the running total so
        # that the length is the sum of the holds (video_repeats).
        hold, changes, end = holds
        hold = 0.25 if hold is None else hold
        L = _lib.lib
        n = L.tcmap_series_count(series)
        self.repeats, t, total = [], 0.0, 0
        for i in range(n):
            d = hold
            if L.tcmap_series_tween_at(series, i) > 0:
                d = 1.0 / fps
            elif i + 1 == n and end is not None:
                d = end
            elif L.tcmap_series_run_start(series, i) == i and \
                    changes is not None:
                d = changes
            t += d
            want = max(1, round(t * fps) - total)
            self.repeats.append(want)
            total += want

    def _start(self, w, h):
        import subprocess
        fd, self.tmp = _tempfile.mkstemp(
            prefix=_os.path.basename(self.path) + ".tmp-",
            dir=_os.path.dirname(_os.path.abspath(self.path)))
        _os.close(fd)
        args = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-y", "-f", "rawvideo", "-pix_fmt",
                "bgr0" if _sys.byteorder == "little" else "0rgb",
                "-video_size", f"{w}x{h}", "-framerate", str(self.fps),
                "-i", "pipe:0"]
        if self.kind == "mp4":
            args += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v",
                     "libx264", "-pix_fmt", "yuv420p", "-movflags",
                     "+faststart"]
        elif self.kind == "webm":
            args += ["-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32"]
        else:
            args += ["-vf", "split[a][b];[a]palettegen[p];[b][p]paletteuse"]
        args += ["-f", self.kind, self.tmp]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                                     stderr=subprocess.PIPE)

    def put(self, user, i, px, w, h, stride):
        """The sink (called on a worker thread): 0 to go on."""
        try:
            if self.proc is None:
                self._start(w, h)
            data = _ct.string_at(px, stride * h)
            if stride != w * 4:
                data = b"".join(data[r * stride:r * stride + w * 4]
                                for r in range(h))
            for _ in range(self.repeats[i]):
                self.proc.stdin.write(data)
            return 0
        except BaseException as e:
            self.error = e
            return 1

    def finish(self):
        if self.proc is None:
            return
        self.proc.stdin.close()
        msg = self.proc.stderr.read().decode("utf-8", "replace").strip()
        if self.proc.wait() != 0:
            raise BackendError(f"{self.path}: ffmpeg failed: {msg}", 5)
        # A new video has 0666 less the umask, as if ffmpeg had made it;
        # one it replaces keeps its mode (as the CLI's).
        try:
            mode = _os.stat(self.path).st_mode & 0o1777
        except OSError:
            mask = _os.umask(0)
            _os.umask(mask)
            mode = 0o666 & ~mask
        _os.chmod(self.tmp, mode)
        _os.replace(self.tmp, self.path)
        self.tmp = None

    def abort(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc is not None:
            for f in (self.proc.stdin, self.proc.stderr):
                try:
                    f.close()
                except Exception:
                    pass
        if self.tmp is not None:
            try:
                _os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


class Snapshot(_Closing):
    """The map on one date. The C snapshot borrows its map, so every call
    on a snapshot holds a use of both: closing the map waits for the
    snapshot's calls in flight, and after it every call on the snapshot
    raises ValueError. Closing the snapshot frees only its own memory, so
    it is safe after the map was closed too."""

    def __init__(self, map_, date):
        if not isinstance(map_, Map):
            raise TypeError("Snapshot needs a tcmap.Map")
        d = _date(date)
        self._owner = map_  # keeps the Map object alive as long as this
        handle = _ct.c_void_p()
        err = _lib.Error()
        with map_._use() as mp:
            _check(_lib.lib.tcmap_snapshot_create(mp, d, _ct.byref(handle),
                                                  _ct.byref(err)), err)
            said = _coverage(mp, d)
        self._guard = _Guard(handle, _lib.lib.tcmap_snapshot_destroy,
                             "tcmap.Snapshot")
        self.date = d.decode()
        # Said once, here (render() does not repeat them), and only once
        # the handle is guarded: a warnings filter may make them raise.
        self._warned = set(said)
        for msg in said:
            _warn(msg)

    @_contextlib.contextmanager
    def _use(self):
        """`with self._use() as (snap, map):` around every C call."""
        if self._guard is None:
            raise ValueError("operation on a closed tcmap.Snapshot")
        if self._owner._guard is None:
            raise ValueError("the tcmap.Map of this snapshot is closed")
        with self._guard.use() as sp, self._owner._guard.use(
                "the tcmap.Map of this snapshot is closed") as mp:
            yield sp, mp

    def __repr__(self):
        closed = " (closed)" if self.closed else ""
        return f"<tcmap.Snapshot {self.date}{closed}>"

    def _stats_rows(self, include_context, scope_all, since):
        opt = _lib.StatsOptions(
            include_context=int(bool(include_context)),
            since=None if since is None else _date(since, "since"),
            scope_all=int(bool(scope_all)))
        st = _ct.c_void_p()
        err = _lib.Error()
        L = _lib.lib
        with self._use() as (sp, mp):
            _check(L.tcmap_snapshot_stats(sp, _ct.byref(opt), _ct.byref(st),
                                          _ct.byref(err)), err)
            # The party ids are borrowed from the map's style.
            return self._stats_read(st, L.tcmap_map_style(mp), since)

    def _coarse_notes(self):
        """The library's notes on where this date's map is coarse."""
        said = []
        fn = _lib.REPORT_FN(lambda _u, msg: said.append(_text(msg)))
        with self._use() as (sp, _mp):
            _lib.lib.tcmap_snapshot_coarse_notes(sp, fn, None)
        return said

    @staticmethod
    def _stats_read(st, style, since):
        L = _lib.lib
        rows = []
        try:
            for k in range(L.tcmap_stats_count(st)):
                pid = L.tcmap_stats_party(st, k)
                idx = _ct.c_size_t()
                known = L.tcmap_style_party_find(style, pid, _ct.byref(idx),
                                                 None) == 0
                row = {"party": _text(pid),
                       "label": _text(L.tcmap_style_party_label(style,
                                                                idx.value))
                       if known else "no data",
                       "area_km2": round(L.tcmap_stats_km2(st, k), 1),
                       "share": round(L.tcmap_stats_share(st, k), 4)}
                if since is not None:
                    row["gained_km2"] = round(L.tcmap_stats_gained_km2(st, k),
                                              1)
                    row["lost_km2"] = round(L.tcmap_stats_lost_km2(st, k), 1)
                if not known and row["area_km2"] <= 0 and \
                        not row.get("gained_km2") and \
                        not row.get("lost_km2"):
                    continue  # "none" only where ground has no data
                rows.append(row)
        finally:
            L.tcmap_stats_destroy(st)
        return rows

    def stats(self, *, include_context=False, scope_all=False, since=None,
              by="party"):
        """km² per party; see Map.stats. Where the map of this date is
        coarser than the published per-rayon figures (1994-2020), says so
        as TcmapWarning, with the figures (as `tcmap stats`)."""
        if by != "party":
            if since is not None:
                raise ValueError("since= goes with by='party' only, as "
                                 "`tcmap stats --since`")
            self._say(self._coarse_notes())
            return self._groups(by, include_context, None)
        rows = self._stats_rows(include_context, scope_all, since)
        self._say(self._coarse_notes())
        cols = ["party", "label", "area_km2", "share"]
        if since is not None:
            cols += ["gained_km2", "lost_km2"]
        return _table(rows, cols)

    _GROUPS = {"area": 0, "district": 1, "settlement": 2, "presence": 3}

    def _groups(self, by, include_context, names):
        """The library's grouping (tcmap_snapshot_groups, the rows of
        `tcmap stats --by BY`), as a table: numbers rounded as the CLI
        writes them, `since` a date."""
        if by not in self._GROUPS:
            raise ValueError(f"by={by!r} is not 'party', 'area', "
                             "'district', 'settlement' or 'presence'")
        L = _lib.lib
        opt = _lib.GroupsOptions()
        opt.include_context = int(bool(include_context))
        opt.names = names
        out = _ct.c_void_p()
        err = _lib.Error()
        with self._use() as (snap, _):
            _check(L.tcmap_snapshot_groups(snap, self._GROUPS[by],
                                           _ct.byref(opt), _ct.byref(out),
                                           _ct.byref(err)), err)
            try:
                nc = L.tcmap_groups_columns(out)
                cols = [_text(L.tcmap_groups_column_name(out, c))
                        for c in range(nc)]
                dec = [L.tcmap_groups_column_decimals(out, c)
                       for c in range(nc)]
                rows = []
                for r in range(L.tcmap_groups_rows(out)):
                    row = {}
                    for c in range(nc):
                        if dec[c] < 0:
                            row[cols[c]] = _text(L.tcmap_groups_text(out, r,
                                                                     c))
                        else:
                            row[cols[c]] = round(
                                L.tcmap_groups_number(out, r, c), dec[c])
                    if "since" in row:
                        row["since"] = _as_date(row["since"]) \
                            if row["since"] else None
                    rows.append(row)
            finally:
                L.tcmap_groups_destroy(out)
        return _table(rows, cols, dates=["since"] if "since" in cols else ())

    def settlements(self, *, names=None):
        """Who held each settlement's cell; see Map.settlements."""
        with self._use() as (snap, _):
            if names is None:
                set_ = b"en"
            else:
                set_ = _names(snap, names)
                # Two-line labels are a drawing's; a table takes the
                # English line of them, as the places layer does.
                if set_ == b"en+local":
                    set_ = b"en"
        return self._groups("settlement", True, set_)

    def describe(self, names=None, *, short=False, changes_since=None,
                 lang=None):
        """The map in words (English, one paragraph), as `tcmap describe`:
        names= picks the name set (default: the style's); short=True gives
        the alt text of at most 250 characters (--short); changes_since= a
        date tells what changed hands since then (--changes-since), as a
        render with changes_since= outlines it. lang= ("az", "hy", "ru",
        or LL with a lang/LL.ini) gives the short text in that language
        (--lang; default: the language of names= with short=True, else
        English)."""
        opt = _lib.DescribeOptions()
        opt.length = 1 if short else 0
        opt.lang = _cstr(lang, "lang", allow_none=True)
        if changes_since is not None:
            opt.changes_since = _date(changes_since, "changes_since")
        out = _ct.c_void_p()
        err = _lib.Error()
        with self._use() as (snap, _):
            if names is not None:
                opt.names = _names(snap, names)
            _check(_lib.lib.tcmap_snapshot_describe_with(
                snap, _ct.byref(opt), _ct.byref(out), _ct.byref(err)), err)
        try:
            return _ct.string_at(out).decode("utf-8")
        finally:
            _lib.lib.tcmap_free(out)

    def export(self, path, *, crs=None, include_context=False, format=None,
               force=False):
        """Writes the snapshot as vector data, as `tcmap export`: one
        feature per area (and settlement cell) with id, name_SET, kind,
        party, party_lbl, status, party2, since, source, km2, area, presence.
        The format
        follows the extension (.geojson, .gpkg, .shp, .csv, .fgb) unless
        format= ('geojson', 'gpkg', 'shp', 'csv') says; crs None
        (EPSG:4326), "map" (the map's) or any CRS GDAL knows (not for
        GeoJSON). What was written but not whole (a shapefile's cut
        texts) is a TcmapWarning. Returns path."""
        p = _path(path, "path")
        opt = _lib.ExportOptions()
        opt.crs = _cstr(crs, "crs", allow_none=True)
        opt.format = _cstr(format, "format", allow_none=True)
        opt.include_context = int(bool(include_context))
        opt.force = int(bool(force))
        said = []
        opt.warn = _lib.REPORT_FN(
            lambda user, msg: said.append(msg.decode("utf-8", "replace")))
        err = _lib.Error()
        with self._use() as (snap, _):
            status = _lib.lib.tcmap_snapshot_export(snap, p, _ct.byref(opt),
                                                    _ct.byref(err))
        self._say(said)
        _check(status, err)
        return path

    def _export_units(self, include_context):
        """The snapshot's units (areas and settlements' cells) as a
        GeoDataFrame in the map's CRS, through the library's export (a
        temporary GeoPackage)."""
        gpd = _geopandas()
        opt = _lib.ExportOptions(crs=b"map",
                                 include_context=int(bool(include_context)))
        err = _lib.Error()
        with _tempfile.TemporaryDirectory(prefix="tcmap-") as d:
            p = _os.path.join(d, "units.gpkg")
            with self._use() as (snap, mp):
                status = _lib.lib.tcmap_snapshot_export(
                    snap, _os.fsencode(p), _ct.byref(opt), _ct.byref(err))
                geo = _lib.lib.tcmap_map_geodata(mp)
                crs = _text(_lib.lib.tcmap_geodata_crs(geo))
                names = {_text(_lib.lib.tcmap_geodata_area_id(geo, i)):
                         _text(_lib.lib.tcmap_geodata_area_name(geo, i,
                                                                b"en"))
                         for i in range(
                             _lib.lib.tcmap_geodata_area_count(geo))}
            if status != 0:
                _raise(err, p, "to_geodataframe")
            units = gpd.read_file(p)
        units = units.set_crs(crs, allow_override=True)
        return units, names

    def to_geodataframe(self, dissolve="party", *, include_context=False):
        """The map as a geopandas GeoDataFrame in the map's CRS (set on
        the frame; .to_crs() for another). dissolve="party": a row per
        party (as stats(): party, label, area_km2, share); "area": a row
        per area, party, status and presence (as `tcmap stats --by area`:
        area, name, party, area_km2, status, since, presence); None: a row
        per unit (an area, or a settlement's cell: id, name, area, party,
        area_km2, status, since, presence). Ground without data has party "none". Geometries
        come from the library's export and are dissolved by geopandas
        (GEOS). Raises ImportError when geopandas is missing."""
        if dissolve not in ("party", "area", None):
            raise ValueError(f"dissolve {dissolve!r} is not 'party', 'area' "
                             "or None")
        import pandas
        units, names = self._export_units(include_context)
        units["party"] = units["party"].fillna("none")
        units["status"] = units["status"].fillna("")
        units["presence"] = units["presence"].fillna("")
        units["since"] = pandas.to_datetime(units["since"])
        units = units.rename(columns={"km2": "area_km2"})
        if dissolve is None:
            name = "name_en" if "name_en" in units else "id"
            out = units.assign(name=units[name])
            cols = ["id", "name", "area", "party", "area_km2", "status",
                    "since", "presence"]
        elif dissolve == "area":
            out = units.dissolve(by=["area", "party", "status", "presence"],
                                 aggfunc={"area_km2": "sum",
                                          "since": "max"},
                                 as_index=False, sort=False)
            out["name"] = out["area"].map(names)
            cols = ["area", "name", "party", "area_km2", "status", "since",
                    "presence"]
        else:
            out = units.dissolve(by="party", aggfunc={"area_km2": "sum"},
                                 as_index=False, sort=False)
            labels = {p["id"]: p["label"] for p in self._owner.parties}
            out["label"] = out["party"].map(labels).fillna("no data")
            out["share"] = (out["area_km2"] / out["area_km2"].sum()) \
                .round(4)
            cols = ["party", "label", "area_km2", "share"]
        out["area_km2"] = out["area_km2"].round(1)
        return out[cols + ["geometry"]].reset_index(drop=True)

    def render(self, path=None, **options):
        """Draws the map, with the per-map options of `tcmap render` under
        the same names (tcmap._options.RENDER_KEYWORDS is the one table;
        None = the default, as an option not given):

        format ('png', 'svg', 'pdf', 'jpeg', 'webp'; default: from the
        path's extension, or 'png' for bytes), size (a preset: 'col1',
        'col2', 'page', 'web', 'square', 'portrait', 'story' or the
        style's own; or 'WxH', 'W', 'WxHmm', 'Wmm'), dpi (10..2400),
        quality (1..100, JPEG and WebP), names (a name set), changes_since
        (a date: outline what changed hands since), style (a style file:
        the map is opened again with it), title, subtitle ({date} and
        {date:%-d %B %Y} print the date; '' for none), credit (added
        after the sources), sources ('full', 'short', 'none', 'auto'),
        extent ((lon0, lat0, lon1, lat1) in degrees), zoom_to (area or
        district ids: a list or 'a,b'), zoom_margin ((0, 5]), legend
        ('auto', 'off', 'top-left', 'top-right', 'bottom-left',
        'bottom-right', 'below', 'right', 'outside'), inset ('off',
        'auto'), annotations (a file as --annotations takes, or a list of
        dicts like its CSV rows: kind, text, areas, color and wkt or
        lon/lat), force (replace a read-only file); and width, height
        (16..20000 px or points) as --size WxH.

        With a path, writes that file and returns the path; without one,
        returns the file's bytes. The library's warnings are given as
        TcmapWarning."""
        _options.check_keywords(options)
        style = options.pop("style", None)
        if style is not None:
            return self._render_styled(style, path, options)
        fmt = options.get("format")
        if fmt is not None:
            _options.apply(_options.RenderCall(_lib.RenderOptions(), None,
                                               None), {"format": fmt})
        p = None if path is None else _path(path, "path")
        err = _lib.Error()
        # The library's warnings (those the CLI prints as "tcmap:
        # warning:") are collected during the call and given after it as
        # TcmapWarning, so that a filter turning them into errors raises
        # here rather than inside a ctypes callback, where it would be
        # lost.
        said = []
        report = _lib.REPORT_FN(
            lambda user, msg: said.append(msg.decode("utf-8", "replace")))
        if p is not None:
            self._render_to(p, options, report, err, said)
            return path
        fmt = fmt or "png"
        with _tempfile.TemporaryDirectory(prefix="tcmap-") as d:
            p = _os.path.join(d, "map." + fmt)
            try:
                self._render_to(_os.fsencode(p), dict(options, format=fmt),
                                report, err, said)
            except TcmapError as e:
                # The caller named no file: a message about the private
                # one (e.g. a size in pixels beyond the limit once dpi is
                # applied) names the drawing instead.
                if p not in str(e):
                    raise
                raise type(e)(str(e).replace(p, f"render (format {fmt})"),
                              e.status) from None
            with open(p, "rb") as f:
                return f.read()

    def _render_to(self, p, options, report, err, said):
        with self._use() as (snap, mp):
            with _options.RenderCall(_lib.RenderOptions(), snap,
                                     _lib.lib.tcmap_map_style(mp)) as call:
                _options.apply(call, options)
                call.opt.report = report
                status = _lib.lib.tcmap_snapshot_render_file(
                    snap, p, _ct.byref(call.opt), _ct.byref(err))
        self._say(said)
        _check(status, err)

    def _render_styled(self, style, path, options):
        """render(style=FILE): the same geodata and table under another
        style, as `tcmap render --style FILE` loads them."""
        paths = self._owner.paths
        with Map(geodata=paths["geodata"], table=paths["table"],
                 style=style) as other:
            with _warnings.catch_warnings():
                # Said already, when this snapshot was made.
                _warnings.simplefilter("ignore", TcmapWarning)
                snap = Snapshot(other, self.date)
            with snap:
                snap._warned = set(self._warned)
                return snap.render(path, **options)

    def _say(self, messages):
        """Warns each message once (a snapshot's date warnings were given
        when it was made)."""
        for msg in dict.fromkeys(messages):
            if msg not in self._warned:
                _warn(msg)

    # Jupyter shows the richest of these it can; both are cheap enough
    # for one map (a few tens of ms).
    def _repr_png_(self):
        return None if self.closed else self.render(format="png")

    def _repr_svg_(self):
        return None if self.closed else \
            self.render(format="svg").decode("utf-8")
