"""The per-map options of `tcmap render` as keywords: ONE table.

Snapshot.render(), Map.render() and Map.frames() take exactly the keywords
of RENDER_KEYWORDS, each under the name of its CLI option (--zoom-to is
zoom_to), converted and checked here into tcmap_render_options. A test
(python/tests/test_parity.py) compares this table with the options that
`tcmap render --help` lists, so an option added to the CLI and forgotten
here fails the tests.
"""
import csv as _csv
import ctypes as _ct
import numbers as _numbers
import os as _os
import re as _re
import tempfile as _tempfile

from . import _lib

# tcmap_legend_place, in its order (src/cli/common.c, --legend).
LEGEND_PLACES = ["auto", "off", "top-left", "top-right", "bottom-left",
                 "bottom-right", "below", "right", "outside"]
# tcmap_inset_mode: the CLI's --inset takes off and auto.
INSETS = {"off": 1, "auto": 2}
# tcmap_sources_mode.
SOURCES = {"full": 1, "short": 2, "none": 3, "auto": 4}

# CLI options of `tcmap render` that are no keyword, and why.
CLI_ONLY = {
    "--date": "the date is Map.render()'s first argument, or the "
              "Snapshot's own",
    "--output": "-o FILE is render()'s path argument (none: the bytes "
                "are returned)",
    "--control": "an input of the Map: Map(table=)",
    "--geodata": "an input of the Map: Map(geodata=)",
    "--sheet": "an input of the Map (tcmap_map_open reads a workbook's "
               "first sheet)",
    "--allow-empty": "the CLI refuses a style whose view shows no control "
                     "area; Python warns (TcmapWarning) and draws",
    "--help": "help(tcmap.Snapshot.render)",
}


class RenderCall:
    """One call's conversion: the options struct, what it borrows (kept
    alive here until the call returns) and what to free after it."""

    def __init__(self, opt, snap, style):
        self.opt = opt
        self.snap = snap      # snapshot handle in use (name-set checks)
        self.style = style    # the map's style handle (size presets)
        self.keep = []
        self._annotations = None
        self._tmp = None

    def close(self):
        if self._annotations:
            _lib.lib.tcmap_annotations_destroy(self._annotations)
            self._annotations = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def _choice(name, table):
    def conv(call, value, field):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str such as "
                            f"{next(iter(table))!r}")
        if value not in table:
            raise ValueError(f"{name} {value!r} is not "
                             + ", ".join(table))
        setattr(call.opt, field, table[value])
    return conv


def _text_field(name):
    def conv(call, value, field):
        from . import _cstr
        setattr(call.opt, field, _cstr(value, name))
    return conv


def _conv_format(call, value, field):
    if not isinstance(value, str):
        raise TypeError("format must be a str such as 'png'")
    if value not in _lib.FORMATS:
        raise ValueError(f"format {value!r} is not png, svg, pdf, jpeg "
                         "or webp")
    call.opt.format = _lib.FORMATS[value]


def _conv_side(name):
    def conv(call, value, field):
        from . import _int
        setattr(call.opt, field, _int(value, name, _lib.MIN_IMAGE_SIDE,
                                      _lib.MAX_IMAGE_SIDE))
    return conv


def _conv_dpi(call, value, field):
    from . import _real
    call.opt.dpi = _real(value, "dpi", _lib.MIN_DPI, _lib.MAX_DPI)


def _conv_quality(call, value, field):
    from . import _int
    call.opt.quality = _int(value, "quality", 1, 100)


def _conv_names(call, value, field):
    from . import _names
    call.opt.names = _names(call.snap, value)


def _conv_date(name):
    def conv(call, value, field):
        from . import _date
        setattr(call.opt, field, _date(value, name))
    return conv


def _presets(style):
    out, i = [], 0
    while True:
        n = _lib.lib.tcmap_style_size_name(style, i)
        if n is None:
            return out
        out.append(n.decode("utf-8"))
        i += 1


def _conv_size(call, value, field):
    """A preset's name (checked against the style's, as the CLI does), or
    "WxH", "W", "WxHmm", "Wmm" (parsed by the library; an int is W)."""
    from . import _cstr
    if isinstance(value, _numbers.Integral) and not isinstance(value, bool):
        value = str(int(value))
    b = _cstr(value, "size")
    text = b.decode("utf-8", "replace")
    if text[:1].isalpha():
        known = _presets(call.style)
        if text not in known:
            raise ValueError(f"size {text!r} is no preset; the presets are "
                             + ", ".join(known))
    elif not _re.fullmatch(r"[0-9.]+([xX][0-9.]+)?(mm)?", text):
        raise ValueError(f"size {text!r} is not a preset's name, WxH or W "
                         "(16..20000) or WxHmm or Wmm (10..5000 mm)")
    call.opt.page_size = b


def _conv_extent(call, value, field):
    """LON0,LAT0,LON1,LAT1 in degrees: a sequence of four numbers, or the
    CLI's text."""
    from . import _real
    if isinstance(value, str):
        value = value.split(",")
        try:
            value = [float(v) for v in value]
        except ValueError:
            raise ValueError("extent is not LON0,LAT0,LON1,LAT1") from None
    try:
        v = list(value)
    except TypeError:
        raise TypeError("extent must be four numbers (lon0, lat0, lon1, "
                        "lat1)") from None
    if len(v) != 4:
        raise ValueError("extent must be four numbers (lon0, lat0, lon1, "
                         "lat1)")
    lo0 = _real(v[0], "extent lon0", -180, 180)
    la0 = _real(v[1], "extent lat0", -90, 90)
    lo1 = _real(v[2], "extent lon1", -180, 180)
    la1 = _real(v[3], "extent lat1", -90, 90)
    if not (lo0 < lo1 and la0 < la1):
        raise ValueError("extent needs lon0 < lon1 and lat0 < lat1")
    call.opt.extent[:] = [lo0, la0, lo1, la1]


def _conv_zoom_to(call, value, field):
    """Area or district ids: a list, or the CLI's comma-separated text."""
    from . import _cstr
    if isinstance(value, (str, bytes)):
        sep = "," if isinstance(value, str) else b","
        value = [v.strip() for v in value.split(sep)]
    try:
        ids = [_cstr(v, "zoom_to") for v in value]
    except TypeError:
        raise TypeError("zoom_to must be an id, ids separated by commas, "
                        "or a list of ids") from None
    if not ids or not all(ids):
        raise ValueError("zoom_to needs at least one area id (and no empty "
                         "one)")
    arr = (_ct.c_char_p * (len(ids) + 1))(*ids, None)
    call.keep.append(arr)
    call.opt.zoom_to = _ct.cast(arr, _ct.POINTER(_ct.c_char_p))


def _conv_zoom_margin(call, value, field):
    from . import _real
    v = _real(value, "zoom_margin", 0.0, 5.0)
    if not v > 0:
        raise ValueError("zoom_margin must be a share in (0, 5]")
    call.opt.zoom_margin = v


def _conv_force(call, value, field):
    call.opt.force = int(bool(value))


def _load_annotations(call, path, public=None):
    """tcmap_annotations_load_report: every problem of every feature in
    one DataError (as the CLI prints them all)."""
    from . import _raise
    said = []
    report = _lib.REPORT_FN(
        lambda user, msg: said.append(msg.decode("utf-8", "replace")))
    out = _ct.c_void_p()
    err = _lib.Error()
    status = _lib.lib.tcmap_annotations_load_report(
        path, report, None, _ct.byref(out), _ct.byref(err))
    if status != 0:
        if said:
            err.message = "\n".join(dict.fromkeys(said)).encode(
                "utf-8")[:511]
        if public:
            err.message = public(err.message.decode("utf-8", "replace")) \
                .encode("utf-8")[:511]
        _raise(err)
    call._annotations = out.value
    call.opt.annotations = out.value


def _conv_annotations(call, value, field):
    """A file the CLI's --annotations reads (GeoJSON, CSV, ...), or a list
    of dicts like the annotation CSV's rows (kind, text, areas, color and
    wkt, or lon and lat). The rows are written as that CSV in a private
    directory and read by the library's own reader, so they mean exactly
    what the same CSV means to `tcmap render --annotations`; a problem
    names the row as annotations[I]."""
    from . import _path
    if isinstance(value, (str, bytes, _os.PathLike)):
        _load_annotations(call, _path(value, "annotations"))
        return
    if isinstance(value, dict):
        value = [value]
    try:
        rows = list(value)
    except TypeError:
        raise TypeError("annotations must be a path or a list of dicts, "
                        f"not {type(value).__name__}") from None
    if not rows:
        return
    columns = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            raise TypeError(f"annotations[{i}] must be a dict, not "
                            f"{type(r).__name__}")
        for k in r:
            if not isinstance(k, str):
                raise TypeError(f"annotations[{i}]: a column name must be "
                                "a str")
            if k not in columns:
                columns.append(k)

    def cell(i, k, v):
        if v is None:
            return ""
        if isinstance(v, bool) or not isinstance(v, (str, _numbers.Real)):
            raise TypeError(f"annotations[{i}][{k!r}] must be a str or a "
                            f"number, not {type(v).__name__}")
        if isinstance(v, str):
            if "\0" in v:
                raise ValueError(f"annotations[{i}][{k!r}] contains a NUL "
                                 "character")
            return v
        return repr(float(v))

    call._tmp = _tempfile.TemporaryDirectory(prefix="tcmap-")
    p = _os.path.join(call._tmp.name, "annotations.csv")
    with open(p, "w", newline="", encoding="utf-8") as f:
        w = _csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        for i, r in enumerate(rows):
            w.writerow([cell(i, k, r.get(k)) for k in columns])

    def public(msg):
        # Row I of the list is the CSV's line I + 2 (after the header).
        msg = _re.sub(_re.escape(p) + r":(\d+):",
                      lambda mt: f"annotations[{int(mt.group(1)) - 2}]:",
                      msg)
        return msg.replace(p, "annotations")
    _load_annotations(call, _os.fsencode(p), public)


# keyword -> (the `tcmap render` option it is, or None for a keyword the
# CLI lacks; the tcmap_render_options field; the converter). `style` has
# no field: a map of another style is opened for the call (the style is
# an input of the Map).
RENDER_KEYWORDS = {
    "format": ("--format", "format", _conv_format),
    "size": ("--size", "page_size", _conv_size),
    "dpi": ("--dpi", "dpi", _conv_dpi),
    "quality": ("--quality", "quality", _conv_quality),
    "names": ("--names", "names", _conv_names),
    # The edition's language (en, az, hy, ru or a user's lang/LL.ini): the
    # library says which file it looked for when there is none.
    "lang": ("--lang", "lang", _text_field("lang")),
    "changes_since": ("--changes-since", "changes_since",
                      _conv_date("changes_since")),
    "style": ("--style", None, None),
    "title": ("--title", "title", _text_field("title")),
    "subtitle": ("--subtitle", "subtitle", _text_field("subtitle")),
    "credit": ("--credit", "credit", _text_field("credit")),
    "sources": ("--sources", "sources", _choice("sources", SOURCES)),
    "extent": ("--extent", "extent", _conv_extent),
    "zoom_to": ("--zoom-to", "zoom_to", _conv_zoom_to),
    "zoom_margin": ("--zoom-margin", "zoom_margin", _conv_zoom_margin),
    "legend": ("--legend", "legend_place",
               _choice("legend", {k: i for i, k in
                                  enumerate(LEGEND_PLACES)})),
    "inset": ("--inset", "inset", _choice("inset", INSETS)),
    "annotations": ("--annotations", "annotations", _conv_annotations),
    "force": ("--force", "force", _conv_force),
    # Python's own: the C fields behind --size WxH, kept from the first
    # version of the binding.
    "width": (None, "width", _conv_side("width")),
    "height": (None, "height", _conv_side("height")),
}


def check_keywords(kw, where="render"):
    unknown = [k for k in kw if k not in RENDER_KEYWORDS]
    if unknown:
        raise TypeError(f"{where}() got an unexpected keyword argument "
                        f"{unknown[0]!r} (it takes "
                        + ", ".join(RENDER_KEYWORDS) + ")")


def apply(call, kw):
    """Converts every keyword of kw (None = the default) into call.opt, in
    the table's order; `style` is the caller's."""
    check_keywords(kw)
    for key, (_, field, conv) in RENDER_KEYWORDS.items():
        value = kw.get(key)
        if value is None or conv is None:
            continue
        conv(call, value, field)
