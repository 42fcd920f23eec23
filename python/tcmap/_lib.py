"""The C library and its prototypes (ctypes, no compiler needed).

Every prototype is declared here, once, with its argument and result types,
so that a wrong Python value is a ctypes.ArgumentError (turned into a
TypeError by the callers) and never a pointer the C side trusts. The
structs mirror include/tcmap.h field by field; each options struct leads
with its size, so fields are only ever added at the end and an older or a
newer library reads no further than this package's struct.
"""
import ctypes
import ctypes.util
import os

__all__ = ["lib", "Error", "Event", "StatsOptions", "RenderOptions",
           "SeriesOptions", "SeriesResult", "PageOptions",
           "ChartOptions", "DescribeOptions", "ExportOptions",
           "RangeExportOptions", "GroupsOptions"]


class Error(ctypes.Structure):
    """tcmap_error: the status and "FILE:LINE: what is wrong"."""

    _fields_ = [("status", ctypes.c_int), ("message", ctypes.c_char * 512)]


class _Sized(ctypes.Structure):
    """A struct that leads with `size_t size`, set here to this class's own
    sizeof: the library reads (or, for a result, writes) only the fields
    that size covers and takes the rest as zero, the default, so neither a
    newer nor an older library reads past this object (docs/api.md,
    "Growing structs"). No padding tail is needed."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.size = ctypes.sizeof(type(self))


class Event(ctypes.Structure):
    """tcmap_event: one row of the control table. The library hands out
    pointers to its own events (never fills one of ours); `size` is the
    library's sizeof, so a field past it is a newer header's."""

    _fields_ = [("size", ctypes.c_size_t),
                ("date", ctypes.c_char_p), ("area", ctypes.c_char_p),
                ("party", ctypes.c_char_p), ("status", ctypes.c_char_p),
                ("party2", ctypes.c_char_p), ("source", ctypes.c_char_p),
                ("note", ctypes.c_char_p), ("file", ctypes.c_char_p),
                ("line", ctypes.c_long), ("until", ctypes.c_char_p)]


class StatsOptions(_Sized):
    """tcmap_stats_options."""

    _fields_ = [("size", ctypes.c_size_t),
                ("include_context", ctypes.c_int),
                ("since", ctypes.c_char_p), ("scope_all", ctypes.c_int)]


class GroupsOptions(_Sized):
    """tcmap_groups_options."""

    _fields_ = [("size", ctypes.c_size_t), ("include_context", ctypes.c_int),
                ("names", ctypes.c_char_p)]


REPORT_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_char_p)


class RenderOptions(_Sized):
    """tcmap_render_options (zero = the style's defaults), field by field.
    The series and page options hold a pointer to one."""

    _fields_ = [("size", ctypes.c_size_t),
                ("format", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("names", ctypes.c_char_p),
                ("width_mm", ctypes.c_double), ("height_mm", ctypes.c_double),
                ("dpi", ctypes.c_double), ("report", REPORT_FN),
                ("report_user", ctypes.c_void_p),
                ("changes_since", ctypes.c_char_p),
                ("title", ctypes.c_char_p), ("subtitle", ctypes.c_char_p),
                ("credit", ctypes.c_char_p),
                ("extent", ctypes.c_double * 4),
                ("zoom_to", ctypes.POINTER(ctypes.c_char_p)),
                ("zoom_margin", ctypes.c_double),
                ("legend_place", ctypes.c_int), ("inset", ctypes.c_int),
                ("quality", ctypes.c_int),
                ("annotations", ctypes.c_void_p),
                ("sources", ctypes.c_int),
                ("page_size", ctypes.c_char_p),
                ("force", ctypes.c_int), ("lang", ctypes.c_char_p)]


PROGRESS_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                               ctypes.c_size_t)
FRAME_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
                            ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                            ctypes.c_int)


class SeriesOptions(_Sized):
    """tcmap_series_options; render points at a RenderOptions that the
    caller keeps alive for the call."""

    _fields_ = [("size", ctypes.c_size_t),
                ("render", ctypes.POINTER(RenderOptions)),
                ("png", ctypes.c_int),
                ("jobs", ctypes.c_int), ("memory", ctypes.c_size_t),
                ("shard_index", ctypes.c_int), ("shard_count", ctypes.c_int),
                ("resume", ctypes.c_int), ("progress", PROGRESS_FN),
                ("progress_user", ctypes.c_void_p), ("sink", FRAME_FN),
                ("sink_user", ctypes.c_void_p)]


class SeriesResult(_Sized):
    """tcmap_series_result: the library writes the fields size covers."""

    _fields_ = [("size", ctypes.c_size_t),
                ("total", ctypes.c_size_t), ("drawn", ctypes.c_size_t),
                ("reused", ctypes.c_size_t), ("skipped", ctypes.c_size_t),
                ("stopped", ctypes.c_int), ("jobs", ctypes.c_int)]


class PageOptions(_Sized):
    """tcmap_page_options; render as in SeriesOptions."""

    _fields_ = [("size", ctypes.c_size_t),
                ("render", ctypes.POINTER(RenderOptions)),
                ("lang", ctypes.c_char_p)]


class ChartOptions(_Sized):
    """tcmap_chart_options."""

    _fields_ = [("size", ctypes.c_size_t),
                ("format", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("include_context", ctypes.c_int),
                ("annotations", ctypes.c_int), ("force", ctypes.c_int),
                ("lang", ctypes.c_char_p),
                # tcmap_chart_options.from and .to ("from" is a keyword).
                ("from_", ctypes.c_char_p), ("to", ctypes.c_char_p)]


class DescribeOptions(_Sized):
    """tcmap_describe_options."""

    _fields_ = [("size", ctypes.c_size_t),
                ("names", ctypes.c_char_p),
                ("changes_since", ctypes.c_char_p),
                ("length", ctypes.c_int), ("lang", ctypes.c_char_p)]


class ExportOptions(_Sized):
    """tcmap_export_options."""

    _fields_ = [("size", ctypes.c_size_t),
                ("crs", ctypes.c_char_p), ("include_context", ctypes.c_int),
                ("force", ctypes.c_int), ("format", ctypes.c_char_p),
                ("warn", REPORT_FN), ("warn_user", ctypes.c_void_p)]


class RangeExportOptions(_Sized):
    """tcmap_range_export_options."""

    _fields_ = [("size", ctypes.c_size_t),
                ("crs", ctypes.c_char_p), ("include_context", ctypes.c_int),
                ("dissolve", ctypes.c_int), ("step_count", ctypes.c_int),
                ("step_unit", ctypes.c_int)]


# tcmap_dissolve
DISSOLVE = {"party": 0, "area": 1, "settlement": 2}

FORMATS = {"png": 1, "svg": 2, "pdf": 3, "jpeg": 4, "webp": 5}

# The ranges the library takes, checked in Python before a value reaches a
# C int or double (where 2**32 + 100 would wrap to 100 and -5 or NaN would
# silently mean "the style's"): a side of a map in pixels or points, as
# src/write/output.c and the CLI's --size check it (TCMAP_MAX_IMAGE_SIDE in
# src/core/tcmap_limits.h), and a resolution, as the CLI's --dpi checks it.
MIN_IMAGE_SIDE = 16
MAX_IMAGE_SIDE = 20000
MIN_DPI = 10.0
MAX_DPI = 2400.0
# tcmap_step_unit (steps are read by tcmap_step_parse).
STEPS = {"d": 0, "w": 1, "m": 2, "events": 3}


class Step(ctypes.Structure):
    """tcmap_step: a unit and a count, passed by value."""

    _fields_ = [("unit", ctypes.c_int), ("count", ctypes.c_int)]


def _load():
    """$TCMAP_LIBRARY (a path, e.g. build/libtcmap.so for a build tree),
    else the system's libtcmap (ldconfig, LD_LIBRARY_PATH)."""
    names = []
    env = os.environ.get("TCMAP_LIBRARY")
    if env:
        names.append(env)
    found = ctypes.util.find_library("tcmap")
    if found:
        names.append(found)
    names.append("libtcmap.so.0")
    errors = []
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError as e:
            errors.append(f"{name}: {e}")
    raise ImportError(
        "tcmap: cannot load the C library libtcmap.so.0; install it "
        "(cmake --install build, then ldconfig) or set TCMAP_LIBRARY to its "
        "path (" + "; ".join(errors) + ")")


lib = _load()

_p = ctypes.c_void_p
_pp = ctypes.POINTER(ctypes.c_void_p)
_s = ctypes.c_char_p
_err = ctypes.POINTER(Error)
_size = ctypes.c_size_t

_PROTOTYPES = {
    "tcmap_version": (ctypes.c_int, []),
    "tcmap_version_string": (_s, []),
    "tcmap_strerror": (_s, [ctypes.c_int]),
    "tcmap_data_dir": (_s, []),
    "tcmap_date_parse": (ctypes.c_int,
                         [_s, ctypes.POINTER(ctypes.c_int32), _err]),
    "tcmap_map_open": (ctypes.c_int, [_s, _s, _s, _pp, _err]),
    "tcmap_map_destroy": (None, [_p]),
    "tcmap_map_style": (_p, [_p]),
    "tcmap_map_timeline": (_p, [_p]),
    "tcmap_map_geodata": (_p, [_p]),
    "tcmap_map_visible_area_count": (_size, [_p]),
    "tcmap_geodata_crs": (_s, [_p]),
    "tcmap_geodata_area_count": (_size, [_p]),
    "tcmap_geodata_area_id": (_s, [_p, _size]),
    "tcmap_geodata_area_name": (_s, [_p, _size, _s]),
    "tcmap_geodata_settlement_count": (_size, [_p]),
    "tcmap_geodata_settlement_id": (_s, [_p, _size]),
    "tcmap_geodata_settlement_name": (_s, [_p, _size, _s]),
    "tcmap_geodata_settlement_area": (_s, [_p, _size]),
    "tcmap_geodata_settlement_km2": (ctypes.c_double, [_p, _size]),
    "tcmap_style_party_count": (_size, [_p]),
    "tcmap_style_party_id": (_s, [_p, _size]),
    "tcmap_style_party_label": (_s, [_p, _size]),
    "tcmap_style_party_fill": (ctypes.c_uint32, [_p, _size]),
    "tcmap_style_party_find": (ctypes.c_int,
                               [_p, _s, ctypes.POINTER(_size), _err]),
    "tcmap_timeline_event_count": (_size, [_p]),
    "tcmap_timeline_event": (ctypes.c_int,
                             [_p, _size,
                              ctypes.POINTER(ctypes.POINTER(Event)), _err]),
    "tcmap_timeline_last_date": (_s, [_p]),
    "tcmap_snapshot_create": (ctypes.c_int, [_p, _s, _pp, _err]),
    "tcmap_snapshot_destroy": (None, [_p]),
    "tcmap_snapshot_settlement_event": (ctypes.POINTER(Event), [_p, _size]),
    "tcmap_snapshot_settlement_presence": (ctypes.POINTER(Event),
                                           [_p, _size, _size]),
    "tcmap_snapshot_stats": (ctypes.c_int,
                             [_p, ctypes.POINTER(StatsOptions), _pp, _err]),
    "tcmap_snapshot_coarse_notes": (None, [_p, REPORT_FN, ctypes.c_void_p]),
    "tcmap_snapshot_groups": (ctypes.c_int,
                              [_p, ctypes.c_int,
                               ctypes.POINTER(GroupsOptions), _pp, _err]),
    "tcmap_groups_destroy": (None, [_p]),
    "tcmap_groups_columns": (_size, [_p]),
    "tcmap_groups_rows": (_size, [_p]),
    "tcmap_groups_column_name": (_s, [_p, _size]),
    "tcmap_groups_column_decimals": (ctypes.c_int, [_p, _size]),
    "tcmap_groups_text": (_s, [_p, _size, _size]),
    "tcmap_groups_number": (ctypes.c_double, [_p, _size, _size]),
    "tcmap_stats_destroy": (None, [_p]),
    "tcmap_stats_count": (_size, [_p]),
    "tcmap_stats_party": (_s, [_p, _size]),
    "tcmap_stats_km2": (ctypes.c_double, [_p, _size]),
    "tcmap_stats_share": (ctypes.c_double, [_p, _size]),
    "tcmap_stats_areas": (_size, [_p, _size]),
    "tcmap_stats_gained_km2": (ctypes.c_double, [_p, _size]),
    "tcmap_stats_lost_km2": (ctypes.c_double, [_p, _size]),
    "tcmap_snapshot_render_file": (ctypes.c_int,
                                   [_p, _s, ctypes.POINTER(RenderOptions),
                                    _err]),
    "tcmap_snapshot_describe": (ctypes.c_int, [_p, _s, _pp, _err]),
    "tcmap_series_create": (ctypes.c_int, [_p, _s, _s, Step, _pp, _err]),
    "tcmap_series_destroy": (None, [_p]),
    "tcmap_step_parse": (ctypes.c_int, [_s, ctypes.POINTER(Step), _err]),
    "tcmap_series_count": (_size, [_p]),
    "tcmap_series_date": (_s, [_p, _size]),
    "tcmap_snapshot_export": (ctypes.c_int,
                              [_p, _s, ctypes.POINTER(ExportOptions),
                               _err]),
    "tcmap_map_export_range": (ctypes.c_int,
                               [_p, _s, _s, _s,
                                ctypes.POINTER(RangeExportOptions), _err]),
    "tcmap_style_size_name": (_s, [_p, _size]),
    "tcmap_annotations_load_report": (ctypes.c_int,
                                      [_s, REPORT_FN, _p, _pp, _err]),
    "tcmap_annotations_destroy": (None, [_p]),
    "tcmap_snapshot_describe_with": (ctypes.c_int,
                                     [_p, ctypes.POINTER(DescribeOptions),
                                      _pp, _err]),
    "tcmap_chart_render_file": (ctypes.c_int,
                                [_p, _s, ctypes.POINTER(ChartOptions), _err]),
    "tcmap_series_set_tween": (ctypes.c_int, [_p, ctypes.c_int, _err]),
    "tcmap_series_tween_at": (ctypes.c_double, [_p, _size]),
    "tcmap_series_run_start": (_size, [_p, _size]),
    "tcmap_series_render": (ctypes.c_int,
                            [_p, _s, ctypes.POINTER(SeriesOptions),
                             ctypes.POINTER(SeriesResult), _err]),
    "tcmap_series_write_html": (ctypes.c_int,
                                [_p, _s, ctypes.POINTER(PageOptions), _err]),
    "tcmap_map_check_output": (ctypes.c_int, [_p, _s, _err]),
    "tcmap_series_frame_path": (ctypes.c_int,
                                [_s, _size, ctypes.POINTER(ctypes.c_char),
                                 _size, _err]),
    "tcmap_free": (None, [_p]),
}

for _name, (_res, _args) in _PROTOTYPES.items():
    try:
        _f = getattr(lib, _name)
    except AttributeError:
        raise ImportError(
            f"tcmap: the loaded libtcmap lacks {_name}: it is older than "
            "this package; install the library from the same source tree")
    _f.restype = _res
    _f.argtypes = _args
