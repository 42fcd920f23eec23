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
import datetime as _dt
import os as _os
import re as _re
import tempfile as _tempfile
import ctypes as _ct

from . import _lib

__all__ = ["Map", "Snapshot", "TcmapError", "DataError", "ArgumentError",
           "BackendError", "TcmapIOError", "version", "data_dir"]

__version__ = "0.1.0"

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


_CLASSES = {1: MemoryError, 2: TcmapIOError, 3: DataError, 4: ArgumentError,
            5: BackendError}


def _raise(err):
    msg = err.message.decode("utf-8", "replace")
    cls = _CLASSES.get(err.status, TcmapError)
    if cls is MemoryError:
        raise MemoryError(msg)
    raise cls(msg, err.status)


def _check(status, err):
    if status != 0:
        _raise(err)


def _text(b):
    return None if b is None else b.decode("utf-8")


def _arg(value, name, allow_none=False):
    """A str or os.PathLike argument as bytes for C; TypeError otherwise,
    so that no Python object ever reaches the library as a pointer."""
    if value is None:
        if allow_none:
            return None
        raise TypeError(f"{name} must be a str, not None")
    if isinstance(value, _os.PathLike):
        value = _os.fspath(value)
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise ValueError(f"{name} contains a NUL character")
    return value.encode("utf-8")


def _date(value, name="date"):
    """'YYYY-MM-DD' from a str, datetime.date or datetime.datetime (or
    anything with .date(), such as a pandas Timestamp)."""
    if isinstance(value, _dt.datetime):
        value = value.date()
    elif not isinstance(value, (str, _dt.date)) and hasattr(value, "date"):
        value = value.date()
    if isinstance(value, _dt.date):
        value = value.isoformat()
    b = _arg(value, name)
    err = _lib.Error()
    _check(_lib.lib.tcmap_date_parse(b, None, _ct.byref(err)), err)
    return b


def version():
    """The version of the C library loaded, e.g. "0.1.0"."""
    return _text(_lib.lib.tcmap_version_string())


def data_dir():
    """The directory of tcmap's default data (geodata/, styles/), as the
    library finds it: $TCMAP_DATA_DIR, else PREFIX/share/tcmap of the
    installed library, else its source tree."""
    return _text(_lib.lib.tcmap_data_dir())


def _table(rows, columns):
    """A pandas DataFrame when pandas can be imported, else the rows as a
    list of dicts (the same columns)."""
    try:
        import pandas
    except ImportError:
        return rows
    # A half-removed pandas imports as an empty namespace package.
    frame = getattr(pandas, "DataFrame", None)
    return frame(rows, columns=columns) if frame else rows


class _Closing:
    """A context manager whose exit, and whose collection, call close()."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        # During interpreter shutdown the module may already be gone.
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
        self._map = None
        base = data_dir()
        if geodata is None:
            geodata = _os.path.join(base, "geodata")
        if table is None:
            table = _os.path.join(base, "geodata", "control", "karabakh.csv")
        if style is None:
            style = _os.path.join(base, "styles", "default.ini")
        g = _arg(geodata, "geodata")
        t = _arg(table, "table")
        s = _arg(style, "style")
        handle = _ct.c_void_p()
        err = _lib.Error()
        _check(_lib.lib.tcmap_map_open(g, t, s, _ct.byref(handle),
                                       _ct.byref(err)), err)
        self._map = handle
        self.paths = {"geodata": _os.fspath(geodata),
                      "table": _os.fspath(table),
                      "style": _os.fspath(style)}

    # -- lifetime ---------------------------------------------------------
    def close(self):
        """Frees the map. Calling it again does nothing."""
        if self._map:
            _lib.lib.tcmap_map_destroy(self._map)
            self._map = None

    @property
    def closed(self):
        return not self._map

    def _handle(self):
        if not self._map:
            raise ValueError("operation on a closed tcmap.Map")
        return self._map

    def __repr__(self):
        if not self._map:
            return "<tcmap.Map (closed)>"
        return (f"<tcmap.Map {len(self.parties)} parties, "
                f"{len(self.events())} events, last {self.last_date}>")

    # -- what it holds ----------------------------------------------------
    @property
    def crs(self):
        """The CRS the geodata was projected into (chosen from the data
        when the style names none)."""
        geo = _lib.lib.tcmap_map_geodata(self._handle())
        return _text(_lib.lib.tcmap_geodata_crs(geo))

    @property
    def parties(self):
        """The style's parties in order: dicts of id, label, fill."""
        st = _lib.lib.tcmap_map_style(self._handle())
        out = []
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
        tl = _lib.lib.tcmap_map_timeline(self._handle())
        return _text(_lib.lib.tcmap_timeline_last_date(tl))

    def events(self):
        """The control table's rows in date order, as dicts."""
        tl = _lib.lib.tcmap_map_timeline(self._handle())
        out = []
        ev = _lib.Event()
        err = _lib.Error()
        for i in range(_lib.lib.tcmap_timeline_event_count(tl)):
            _check(_lib.lib.tcmap_timeline_event(tl, i, _ct.byref(ev),
                                                 _ct.byref(err)), err)
            out.append({k: (_text(getattr(ev, k)) if k != "line"
                            else ev.line)
                        for k, _ in _lib.Event._fields_})
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
              since=None):
        """km² per party on `date`: party, label, area_km2, share (and
        gained_km2, lost_km2 with since=). A DataFrame when pandas is
        importable, else a list of dicts."""
        with self.at(date) as snap:
            return snap.stats(include_context=include_context,
                              scope_all=scope_all, since=since)

    def settlements(self, date=None, *, names="en"):
        """Who held each settlement's cell on `date`: settlement, name,
        area, party, area_km2, status, since (the date of the row in
        force), as `tcmap stats --by settlement --scope all`."""
        with self.at(date) as snap:
            return snap.settlements(names=names)

    def stats_range(self, start, end, step="events", *,
                    include_context=False, scope_all=False):
        """km² per party over a span, one tidy table of date, party, label,
        area_km2, share (as `tcmap stats --from --to --step`). step is
        "events" (start, each date on which the map changed, and end), or N
        followed by d, w, m or y ("1m", "2w", "1y"; end is always the last
        date)."""
        dates = _dates(self, _date(start, "start"), _date(end, "end"), step)
        rows = []
        for d in dates:
            with self.at(d) as snap:
                for r in snap._stats_rows(include_context, scope_all, None):
                    rows.append({"date": d, **r})
        return _table(rows, ["date", "party", "label", "area_km2", "share"])

    def render(self, date=None, path=None, **kw):
        """Draws the map on `date`; see Snapshot.render."""
        with self.at(date) as snap:
            return snap.render(path, **kw)

    def describe(self, date=None, names=None):
        """The map on `date` in words (English, one paragraph)."""
        with self.at(date) as snap:
            return snap.describe(names)

    def _repr_png_(self):
        if not self._map:
            return None
        with self.at() as snap:
            return snap._repr_png_()

    def _repr_svg_(self):
        if not self._map:
            return None
        with self.at() as snap:
            return snap._repr_svg_()


def _dates(m, start, end, step):
    """The series' dates as the library makes them (tcmap_series_create),
    so that a span and a step give the same dates as `tcmap stats` and
    `tcmap frames`: `end` is always the last date."""
    if not isinstance(step, str):
        raise TypeError("step must be a str such as 'events' or '1m'")
    if step == "events":
        unit, count = _lib.STEPS["events"], 0
    else:
        mt = _re.fullmatch(r"([1-9][0-9]{0,4})([dwmy])", step)
        if not mt:
            raise ValueError(f"step {step!r} is not 'events' or N followed "
                             "by d, w, m or y (e.g. '1m')")
        count = int(mt.group(1)) * (12 if mt.group(2) == "y" else 1)
        unit = _lib.STEPS["m" if mt.group(2) == "y" else mt.group(2)]
    series = _ct.c_void_p()
    err = _lib.Error()
    L = _lib.lib
    _check(L.tcmap_series_create(m._handle(), start, end, unit, count,
                                 _ct.byref(series), _ct.byref(err)), err)
    try:
        return [_text(L.tcmap_series_date(series, i))
                for i in range(L.tcmap_series_count(series))]
    finally:
        L.tcmap_series_destroy(series)


class Snapshot(_Closing):
    """The map on one date. Borrows its Map: closing the map first makes
    every call on the snapshot raise ValueError."""

    def __init__(self, map_, date):
        if not isinstance(map_, Map):
            raise TypeError("Snapshot needs a tcmap.Map")
        d = _date(date)
        self._owner = map_
        self._snap = None
        handle = _ct.c_void_p()
        err = _lib.Error()
        _check(_lib.lib.tcmap_snapshot_create(map_._handle(), d,
                                              _ct.byref(handle),
                                              _ct.byref(err)), err)
        self._snap = handle
        self.date = d.decode()

    def close(self):
        """Frees the snapshot (which touches only its own memory, so this
        is safe after the map was closed too). Again does nothing."""
        if self._snap:
            _lib.lib.tcmap_snapshot_destroy(self._snap)
            self._snap = None

    def _handle(self):
        if not self._snap:
            raise ValueError("operation on a closed tcmap.Snapshot")
        if self._owner.closed:
            raise ValueError("the tcmap.Map of this snapshot is closed")
        return self._snap

    def __repr__(self):
        return f"<tcmap.Snapshot {self.date}>"

    def _stats_rows(self, include_context, scope_all, since):
        opt = _lib.StatsOptions(int(bool(include_context)),
                                _date(since, "since") if since else None,
                                int(bool(scope_all)))
        st = _ct.c_void_p()
        err = _lib.Error()
        L = _lib.lib
        _check(L.tcmap_snapshot_stats(self._handle(), _ct.byref(opt),
                                      _ct.byref(st), _ct.byref(err)), err)
        style = L.tcmap_map_style(self._owner._handle())
        rows = []
        try:
            for k in range(L.tcmap_stats_count(st)):
                pid = L.tcmap_stats_party(st, k)
                p = L.tcmap_style_party_find(style, pid)
                row = {"party": _text(pid),
                       "label": _text(L.tcmap_style_party_label(style, p))
                       if p >= 0 else "no data",
                       "area_km2": round(L.tcmap_stats_km2(st, k), 1),
                       "share": round(L.tcmap_stats_share(st, k), 4)}
                if since:
                    row["gained_km2"] = round(L.tcmap_stats_gained_km2(st, k),
                                              1)
                    row["lost_km2"] = round(L.tcmap_stats_lost_km2(st, k), 1)
                if p < 0 and row["area_km2"] <= 0 and \
                        not row.get("gained_km2") and \
                        not row.get("lost_km2"):
                    continue  # "none" only where ground has no data
                rows.append(row)
        finally:
            L.tcmap_stats_destroy(st)
        return rows

    def stats(self, *, include_context=False, scope_all=False, since=None):
        """km² per party; see Map.stats."""
        rows = self._stats_rows(include_context, scope_all, since)
        cols = ["party", "label", "area_km2", "share"]
        if since:
            cols += ["gained_km2", "lost_km2"]
        return _table(rows, cols)

    def settlements(self, *, names="en"):
        """Who held each settlement's cell; see Map.settlements."""
        L = _lib.lib
        snap = self._handle()
        geo = L.tcmap_map_geodata(self._owner._handle())
        set_ = _arg(names, "names")
        rows = []
        for i in range(L.tcmap_geodata_settlement_count(geo)):
            e = L.tcmap_snapshot_settlement_event(snap, i)
            ev = e.contents if e else None
            rows.append({
                "settlement": _text(L.tcmap_geodata_settlement_id(geo, i)),
                "name": _text(L.tcmap_geodata_settlement_name(geo, i, set_)),
                "area": _text(L.tcmap_geodata_settlement_area(geo, i)),
                "party": _text(ev.party) if ev else "none",
                "area_km2": round(L.tcmap_geodata_settlement_km2(geo, i), 1),
                "status": _text(ev.status) if ev else "",
                "since": _text(ev.date) if ev else ""})
        return _table(rows, ["settlement", "name", "area", "party",
                             "area_km2", "status", "since"])

    def describe(self, names=None):
        out = _ct.c_void_p()
        err = _lib.Error()
        _check(_lib.lib.tcmap_snapshot_describe(
            self._handle(), _arg(names, "names", True), _ct.byref(out),
            _ct.byref(err)), err)
        try:
            return _ct.string_at(out).decode("utf-8")
        finally:
            _lib.lib.tcmap_free(out)

    def render(self, path=None, *, format=None, width=None, height=None,
               names=None, dpi=None):
        """Draws the map. With a path, writes that file (PNG, SVG or PDF,
        from format= or the extension) and returns the path; without one,
        returns the bytes of a `format` file (default "png")."""
        if format is not None and format not in _lib.FORMATS:
            raise ValueError(f"format {format!r} is not png, svg, pdf, jpeg "
                             "or webp")
        for name, v in (("width", width), ("height", height)):
            if v is not None and (not isinstance(v, int) or
                                  isinstance(v, bool)):
                raise TypeError(f"{name} must be an int")
        if dpi is not None and not isinstance(dpi, (int, float)):
            raise TypeError("dpi must be a number")
        opt = _lib.RenderOptions()
        opt.format = _lib.FORMATS.get(format, 0)
        opt.width = width or 0
        opt.height = height or 0
        opt.names = _arg(names, "names", True)
        opt.dpi = float(dpi or 0)
        err = _lib.Error()
        if path is not None:
            p = _arg(path, "path")
            _check(_lib.lib.tcmap_snapshot_render_file(
                self._handle(), p, _ct.byref(opt), _ct.byref(err)), err)
            return path
        fmt = format or "png"
        opt.format = _lib.FORMATS[fmt]
        with _tempfile.TemporaryDirectory(prefix="tcmap-") as d:
            p = _os.path.join(d, "map." + fmt)
            _check(_lib.lib.tcmap_snapshot_render_file(
                self._handle(), p.encode(), _ct.byref(opt), _ct.byref(err)),
                err)
            with open(p, "rb") as f:
                return f.read()

    # Jupyter shows the richest of these it can; both are cheap enough
    # for one map (a few tens of ms).
    def _repr_png_(self):
        return self.render(format="png") if self._snap else None

    def _repr_svg_(self):
        return self.render(format="svg").decode("utf-8") \
            if self._snap else None
