"""Python parity with the CLI (issue #24, item 1): render() takes every
per-map option of `tcmap render` under the same name, from one table
(tcmap/_options.py), and gives the CLI's bytes for the same options; frames,
chart, export and describe do what their commands do."""
import ctypes
import os
import re
import subprocess

import pytest

import tcmap
from tcmap import _lib, _options
from under_test import TCMAP_EXE

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = TCMAP_EXE

# The README's newsroom recipe ("A map for today's article").
RECIPE_CSV = (
    "kind,text,areas,wkt\n"
    "callout,Shusha taken on 8 November,,POINT (46.7547 39.7583)\n"
    'arrow,,,"LINESTRING (46.95 39.45,46.90 39.62,46.78 39.72)"\n'
    "highlight,,shusha,\n")
RECIPE_ROWS = [
    {"kind": "callout", "text": "Shusha taken on 8 November",
     "wkt": "POINT (46.7547 39.7583)"},
    {"kind": "arrow", "wkt": "LINESTRING (46.95 39.45,46.90 39.62,"
                             "46.78 39.72)"},
    {"kind": "highlight", "areas": "shusha"},
]
RECIPE_CLI = ["--date", "2020-11-10", "--title", "Azerbaijan retakes Shusha",
              "--zoom-to", "shusha,lachin", "--credit", "Graphic: The Desk"]
RECIPE_PY = {"title": "Azerbaijan retakes Shusha",
             "zoom_to": ["shusha", "lachin"], "credit": "Graphic: The Desk"}


@pytest.fixture()
def m():
    with tcmap.Map() as mp:
        yield mp


@pytest.fixture(autouse=True)
def reproducible(monkeypatch):
    # The files' dates (PNG, PDF metadata) for both sides. Not 0: the
    # library takes SOURCE_DATE_EPOCH=0 as unset (now; src/write/output.c keeps
    # 1970 out of files), so the two files would differ at a second's
    # turn.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")


def cli(*args, ok=True):
    if not os.access(CLI, os.X_OK):
        pytest.fail(f"{CLI} is not built")
    r = subprocess.run([CLI, *args], capture_output=True, text=True)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def read(path):
    with open(path, "rb") as f:
        return f.read()


def help_options(command):
    """The long options `tcmap COMMAND --help` names (-o as --output)."""
    text = cli(command, "--help").stdout
    found = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*[a-z])", text))
    if re.search(r"(?<![\w-])-o ", text):
        found.add("--output")
    return found


def test_every_option_of_tcmap_render_is_a_keyword_or_listed_cli_only():
    cli_opts = help_options("render")
    assert {"--title", "--zoom-to", "--annotations", "--output"} <= cli_opts
    table = {v[0] for v in _options.RENDER_KEYWORDS.values() if v[0]}
    covered = table | set(_options.CLI_ONLY)
    assert sorted(cli_opts - covered) == [], \
        "tcmap render options with no keyword in tcmap/_options.py"
    # (--help and --sheet are taken but not listed by --help.)
    assert sorted(table - cli_opts) == [], \
        "keywords of options tcmap render no longer has"
    assert not table & set(_options.CLI_ONLY)
    # Each keyword is the option's name.
    for key, (opt, _, _) in _options.RENDER_KEYWORDS.items():
        if opt:
            assert opt == "--" + key.replace("_", "-")


# A value per keyword, and the field it must set (not to its zero).
SAMPLES = {
    "format": "svg", "size": "web", "dpi": 144, "quality": 50,
    "names": "en+local", "lang": "ru", "changes_since": "2020-09-26",
    "title": "T", "subtitle": "S", "credit": "C", "sources": "short",
    "extent": (46.0, 39.0, 47.5, 40.5), "zoom_to": "shusha,lachin",
    "zoom_margin": 0.5, "legend": "below", "inset": "auto",
    "annotations": RECIPE_ROWS, "force": True, "width": 300, "height": 200,
}


def test_every_keyword_reaches_its_field_of_the_c_options(m, monkeypatch,
                                                          tmp_path):
    got = {}

    def rec(snap, path, opt, err):
        got["opt"] = {f: getattr(opt._obj, f) for f, _ in
                      _lib.RenderOptions._fields_ if f != "size"}
        got["annotations"] = opt._obj.annotations and \
            tcmap._lib.lib.tcmap_annotations_count
        return 0
    monkeypatch.setattr(_lib.lib, "tcmap_snapshot_render_file", rec)
    snap = m.at("2020-11-10")
    for key, (_, field, conv) in _options.RENDER_KEYWORDS.items():
        if conv is None:  # style: a map of its own (tested below)
            continue
        assert key in SAMPLES, f"no sample value for {key}"
        snap.render(tmp_path / "x.png", **{key: SAMPLES[key]})
        v = got["opt"][field]
        if isinstance(v, ctypes.Array):
            v = list(v)
            assert v == list(SAMPLES[key]), key
        else:
            assert v, f"{key} left {field} unset"
    with pytest.raises(TypeError, match="unexpected keyword.*zoom"):
        snap.render(zoom=["shusha"])


def test_the_newsroom_recipe_gives_the_clis_png_bytes(m, tmp_path):
    csv = tmp_path / "today.csv"
    csv.write_text(RECIPE_CSV)
    out = tmp_path / "cli.png"
    cli("render", *RECIPE_CLI, "--annotations", str(csv), "--size", "web",
        "-o", str(out))
    want = read(out)
    # The annotations as rows, and as the CLI's file.
    got = m.render("2020-11-10", size="web", annotations=RECIPE_ROWS,
                   **RECIPE_PY)
    assert got == want
    assert m.render("2020-11-10", size="web", annotations=csv,
                    **RECIPE_PY) == want
    # Without the annotations the picture is another one.
    assert m.render("2020-11-10", size="web", **RECIPE_PY) != want


def test_the_recipes_print_and_jpeg_files_are_the_clis(m, tmp_path):
    csv = tmp_path / "today.csv"
    csv.write_text(RECIPE_CSV)
    cli("render", *RECIPE_CLI, "--annotations", str(csv), "--style",
        os.path.join(TOP, "styles", "print.ini"), "--size", "col1",
        "-o", str(tmp_path / "cli-col1.pdf"))
    cli("render", *RECIPE_CLI, "--annotations", str(csv), "--size",
        "square", "--quality", "85", "-o", str(tmp_path / "cli-sq.jpg"))
    snap = m.at("2020-11-10")
    snap.render(tmp_path / "py-col1.pdf", annotations=RECIPE_ROWS,
                style=os.path.join(TOP, "styles", "print.ini"), size="col1",
                **RECIPE_PY)
    assert read(tmp_path / "py-col1.pdf") == read(tmp_path / "cli-col1.pdf")
    assert snap.render(format="jpeg", size="square", quality=85,
                       annotations=RECIPE_ROWS, **RECIPE_PY) == \
        read(tmp_path / "cli-sq.jpg")


def test_changes_since_in_render_and_describe_is_the_clis(m, tmp_path):
    out = tmp_path / "cli.png"
    cli("render", "--date", "2020-12-02", "--changes-since", "2020-09-26",
        "--size", "600x600", "-o", str(out))
    got = m.render("2020-12-02", changes_since="2020-09-26",
                   size="600x600")
    assert got == read(out)
    assert got != m.render("2020-12-02", size="600x600")
    for extra in ([], ["--short"]):
        want = cli("describe", "--date", "2020-12-02", "--changes-since",
                   "2020-09-26", *extra).stdout.strip()
        text = m.describe("2020-12-02", changes_since="2020-09-26",
                          short=bool(extra))
        assert text == want
        assert "Since 26 September 2020" in text


@pytest.mark.parametrize("lang", ["az", "hy", "ru"])
def test_describe_lang_is_the_clis(m, lang):
    # --lang was the CLI's alone until the option table (src/cli/
    # options.h) asked Python for describe(lang=).
    want = cli("describe", "--date", "2020-11-10", "--short", "--lang",
               lang).stdout.strip()
    text = m.describe("2020-11-10", short=True, lang=lang)
    assert text == want
    assert text != m.describe("2020-11-10", short=True)


def test_frames_memory_is_the_clis_budget(m, tmp_path):
    # --memory MB caps what the workers hold: a 1000x800 frame needs
    # 10 MB, so 15 MB leaves room for one worker (the CLI says "drew on
    # 1 worker").
    (tmp_path / "f").mkdir()
    got = m.frames("2020-10-01", "2020-10-03", str(tmp_path / "f" / "%d.png"),
                   size="1000x800", jobs=2, memory=15)
    assert got["drawn"] + got["reused"] == 3
    assert got["jobs"] == 1
    roomy = m.frames("2020-10-01", "2020-10-03",
                     str(tmp_path / "f" / "%d.png"), size="1000x800", jobs=2)
    assert roomy["jobs"] == 2
    with pytest.raises(ValueError, match="memory"):
        m.frames("2020-10-01", "2020-10-03", str(tmp_path / "f" / "%d.png"),
                 memory=0)
    short = m.describe("2020-11-10", short=True)
    assert len(short) <= 250
    assert short == cli("describe", "--short", "--date",
                        "2020-11-10").stdout.strip()


def test_bad_options_are_refused_before_c(m):
    snap = m.at("2020-11-10")
    for kw, exc in [({"size": "colossal"}, ValueError),
                    ({"legend": "middle"}, ValueError),
                    ({"sources": 3}, TypeError),
                    ({"extent": (47, 39, 46, 40)}, ValueError),
                    ({"zoom_to": [""]}, ValueError),
                    ({"quality": 101}, ValueError),
                    ({"annotations": 5}, TypeError),
                    ({"changes_since": "2020-13-01"}, tcmap.DataError)]:
        with pytest.raises(exc):
            snap.render(**kw)


def test_a_bad_annotation_row_is_named_by_its_index(m):
    rows = RECIPE_ROWS + [{"kind": "callout", "text": "no point"}]
    with pytest.raises(tcmap.DataError, match=r"annotations\[3\]"):
        m.render("2020-11-10", annotations=rows)


def test_frames_are_the_clis_and_report_progress(m, tmp_path):
    cli("frames", "--from", "2020-10-01", "--to", "2020-10-04", "--size",
        "200x150", "--title", "War {date}", "-q", "-o",
        str(tmp_path / "c%02d.png"))
    seen = []
    r = m.frames("2020-10-01", "2020-10-04", str(tmp_path / "p%02d.png"),
                 size="200x150", title="War {date}",
                 progress=lambda done, total: seen.append((done, total)))
    assert len(r["dates"]) == 4 and r["total"] == 4
    assert r["frames"] == [str(tmp_path / f"p{i:02d}.png") for i in range(4)]
    for i in range(4):
        assert read(tmp_path / f"p{i:02d}.png") == \
            read(tmp_path / f"c{i:02d}.png")
    assert seen and seen[-1] == (4, 4)
    # A progress callback that says stop stops the run.
    r = m.frames("2020-10-01", "2020-10-20", str(tmp_path / "s%02d.png"),
                 size="200x150", jobs=1, progress=lambda d, t: d >= 1)
    assert r["stopped"]
    assert len(list(tmp_path.glob("s*.png"))) < 20


def test_frames_make_a_video_and_a_slider_page(m, tmp_path):
    r = m.frames("2020-10-01", "2020-10-03", video=tmp_path / "war.gif",
                 html=tmp_path / "war.html", size="160x120", fps=4,
                 hold=0.5)
    assert r["frames"] == []
    assert read(tmp_path / "war.gif")[:6] == b"GIF89a"
    mask = os.umask(0)
    os.umask(mask)
    assert os.stat(tmp_path / "war.gif").st_mode & 0o777 == 0o666 & ~mask
    page = (tmp_path / "war.html").read_text()
    assert "2020-10-03" in page and "<img" in page
    assert not [p for p in os.listdir(tmp_path) if ".tmp-" in p]


def test_chart_and_its_numbers_are_the_clis(m, tmp_path):
    cli("chart", "--from", "2020-09-27", "--to", "2020-11-10", "-o",
        str(tmp_path / "c.png"))
    assert m.chart(start="2020-09-27", end="2020-11-10") == \
        read(tmp_path / "c.png")
    csv = cli("chart", "--from", "2020-09-27", "--to", "2020-11-10",
              "--format", "csv", "-o", "-").stdout.splitlines()
    df = m.chart_data("2020-09-27", "2020-11-10")
    rows = df if isinstance(df, list) else df.to_dict("records")
    assert len(rows) == len(csv) - 1
    first = csv[1].split(",")
    assert rows[0]["party"] == first[1]
    assert f"{rows[0]['area_km2']:.1f}" == first[3]
    # lang= is --lang (issue 23): the chart's words in Russian.
    # (PNG: cairo numbers an SVG's glyphs per process.)
    cli("chart", "--from", "2020-09-27", "--to", "2020-11-10", "--lang",
        "ru", "-o", str(tmp_path / "ru.png"))
    py = m.chart(start="2020-09-27", end="2020-11-10", lang="ru")
    assert py == read(tmp_path / "ru.png")
    assert py != read(tmp_path / "c.png")
    with pytest.raises(tcmap.ArgumentError):
        m.chart(start="2020-09-27", end="2020-11-10", lang="xx")


def test_export_is_the_clis(m, tmp_path):
    # The same name: it is the layer's.
    (tmp_path / "c").mkdir()
    (tmp_path / "p").mkdir()
    cli("export", "--date", "2020-11-10", "-o",
        str(tmp_path / "c" / "war.geojson"))
    snap = m.at("2020-11-10")
    out = tmp_path / "p" / "war.geojson"
    assert snap.export(out) == out
    assert read(out) == read(tmp_path / "c" / "war.geojson")
    with pytest.raises(tcmap.ArgumentError):
        snap.export(out, crs="EPSG:32638")


def test_the_installed_package_has_every_module():
    # The in-tree build backend lists the package's files; a module left
    # out installs a package that cannot import (as _options.py once was).
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "tcmap_build", os.path.join(TOP, "python", "_build",
                                    "tcmap_build.py"))
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    have = sorted("tcmap/" + f for f in
                  os.listdir(os.path.join(TOP, "python", "tcmap"))
                  if f.endswith(".py"))
    assert sorted(build.PACKAGE_FILES) == have


def test_frames_give_the_librarys_warnings(m, tmp_path):
    with pytest.warns(tcmap.TcmapWarning, match="no control area is visible"):
        m.frames("2020-10-01", "2020-10-02", str(tmp_path / "f%d.png"),
                 size="100x80", extent=(10, 10, 11, 11))


def test_an_edition_in_another_language_is_the_clis(m, tmp_path):
    # lang= draws the furniture in that language (issue 23), byte for
    # byte as `tcmap render --lang`.
    py = m.at("2021-06-01").render(format="svg", lang="ru")
    assert "июня 2021".encode() in py
    cli = tmp_path / "cli.svg"
    subprocess.run([CLI, "render", "--date", "2021-06-01", "--lang", "ru",
                    "-o", str(cli)], check=True)
    assert cli.read_bytes() == py
    with pytest.raises(tcmap.ArgumentError):
        m.at("2021-06-01").render(format="svg", lang="xx")
    # The credit line and the change key too, the CLI's to the byte.
    py = m.at("2020-11-10").render(format="svg", lang="ru",
                                   changes_since="2020-09-27")
    for word in ("Данные о контроле", "источник", "перешли под контроль"):
        assert word.encode() in py
    for word in (b"Control:", b"sources", b"Passed to"):
        assert word not in py
    subprocess.run([CLI, "render", "--date", "2020-11-10", "--lang", "ru",
                    "--changes-since", "2020-09-27", "-o", str(cli)],
                   check=True)
    assert cli.read_bytes() == py
