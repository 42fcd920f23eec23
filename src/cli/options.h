/* options.h - every command's long options, in one table: the getopt
 * tables of src/cli are built from it, and tests/check_options.py checks
 * it against each command's --help, the man page and the Python binding's
 * keywords, so that an option one of them lacks fails a test (issue #28).
 *
 * One X(NAME, HAS_ARG, VALUE, PYTHON) a long option. VALUE is what
 * getopt_long returns for it: the short letter when there is one, else a
 * constant the command defines before its parse(). PYTHON says where the
 * option is in python/tcmap:
 *   "Class.method:keyword"  a parameter of that method;
 *   "@render:keyword"       a key of _options.RENDER_KEYWORDS, which
 *                           Snapshot.render, Map.render and Map.frames take;
 *   "-why"                  none, and why a Python user needs none. */
#ifndef TCMAP_CLI_OPTIONS_H
#define TCMAP_CLI_OPTIONS_H

#include <getopt.h>

/* A getopt_long entry from a table row. */
#define CLI_LONGOPT(name, has_arg, value, python) {name, has_arg, NULL, value},

/* The inputs every data command reads (cli_parse_common). */
#define CLI_OPTS_INPUT(X)                                                     \
    X("style", required_argument, 'S', "Map:style")                           \
    X("sheet", required_argument, CLI_O_SHEET,                                \
      "-tcmap.Map reads a workbook's first sheet; pass another sheet as "     \
      "a CSV")                                                                \
    X("control", required_argument, 'c', "Map:table")                         \
    X("geodata", required_argument, 'g', "Map:geodata")                       \
    X("help", no_argument, 'h', "-help() shows each method's keywords")

/* What a newsroom changes per map (cli_parse_map_opt), for render and
 * frames; their --lang is each command's own. */
#define CLI_OPTS_MAP(X)                                                       \
    X("title", required_argument, CLI_O_TITLE, "@render:title")               \
    X("subtitle", required_argument, CLI_O_SUBTITLE, "@render:subtitle")      \
    X("credit", required_argument, CLI_O_CREDIT, "@render:credit")            \
    X("extent", required_argument, CLI_O_EXTENT, "@render:extent")            \
    X("zoom-to", required_argument, CLI_O_ZOOM_TO, "@render:zoom_to")         \
    X("zoom-margin", required_argument, CLI_O_ZOOM_MARGIN,                    \
      "@render:zoom_margin")                                                  \
    X("legend", required_argument, CLI_O_LEGEND, "@render:legend")            \
    X("inset", required_argument, CLI_O_INSET, "@render:inset")               \
    X("annotations", required_argument, CLI_O_ANNOTATIONS,                    \
      "@render:annotations")                                                  \
    X("sources", required_argument, CLI_O_SOURCES, "@render:sources")

#define CLI_OPTS_RENDER(X)                                                    \
    X("date", required_argument, 'd', "Map.render:date")                      \
    X("format", required_argument, 'f', "@render:format")                     \
    X("size", required_argument, 's', "@render:size")                         \
    X("names", required_argument, 'n', "@render:names")                       \
    X("dpi", required_argument, 'D', "@render:dpi")                           \
    X("quality", required_argument, 'Q', "@render:quality")                   \
    X("changes-since", required_argument, 'C', "@render:changes_since")       \
    X("lang", required_argument, CLI_O_LANG, "@render:lang")                  \
    X("output", required_argument, 'o', "Map.render:path")                    \
    CLI_OPTS_MAP(X)                                                           \
    X("allow-empty", no_argument, 'E',                                        \
      "-Python draws such a map and warns (TcmapWarning)")                    \
    X("force", no_argument, CLI_O_FORCE, "@render:force")                     \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_FRAMES(X)                                                    \
    X("from", required_argument, 'F', "Map.frames:start")                     \
    X("to", required_argument, 'T', "Map.frames:end")                         \
    X("step", required_argument, O_STEP, "Map.frames:step")                   \
    X("format", required_argument, 'f',                                       \
      "-Map.frames takes the format from the pattern's extension")            \
    X("jobs", required_argument, 'j', "Map.frames:jobs")                      \
    X("memory", required_argument, O_MEMORY, "Map.frames:memory")             \
    X("shard", required_argument, O_SHARD,                                    \
      "-a shard splits a series between machines, each running the "        \
      "program")                                                              \
    X("resume", no_argument, O_RESUME, "Map.frames:resume")                   \
    X("quiet", no_argument, O_QUIET,                                          \
      "-Map.frames prints nothing; progress= hears the counts")               \
    X("png", required_argument, O_PNG, "Map.frames:png")                      \
    X("video", required_argument, O_VIDEO, "Map.frames:video")                \
    X("fps", required_argument, O_FPS, "Map.frames:fps")                      \
    X("html", required_argument, O_HTML, "Map.frames:html")                   \
    X("changes-since", required_argument, O_CHANGES, "@render:changes_since") \
    X("tween", required_argument, O_TWEEN, "Map.frames:tween")                \
    X("hold", required_argument, O_HOLD, "Map.frames:hold")                   \
    X("hold-changes", required_argument, O_HOLD_CHANGES,                      \
      "Map.frames:hold_changes")                                              \
    X("hold-end", required_argument, O_HOLD_END, "Map.frames:hold_end")       \
    X("lang", required_argument, O_LANG, "Map.frames:html_lang")              \
    X("allow-empty", no_argument, O_ALLOW_EMPTY,                              \
      "-Python draws such a map and warns (TcmapWarning)")                    \
    X("force", no_argument, CLI_O_FORCE, "@render:force")                     \
    X("size", required_argument, 's', "@render:size")                         \
    X("names", required_argument, 'n', "@render:names")                       \
    X("output", required_argument, 'o', "Map.frames:pattern")                 \
    CLI_OPTS_MAP(X)                                                           \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_STATS(X)                                                     \
    X("date", required_argument, 'd', "Map.stats:date")                       \
    X("by", required_argument, 'b', "Map.stats:by")                           \
    X("format", required_argument, 'f',                                       \
      "-Python returns the rows (a list of dicts, or a DataFrame)")           \
    X("all", no_argument, 'a', "Map.stats:include_context")                   \
    X("since", required_argument, 's', "Map.stats:since")                     \
    X("scope", required_argument, O_SCOPE, "Map.stats:scope_all")             \
    X("from", required_argument, O_FROM, "Map.stats_range:start")             \
    X("to", required_argument, O_TO, "Map.stats_range:end")                   \
    X("step", required_argument, O_STEP, "Map.stats_range:step")              \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_EXPORT(X)                                                    \
    X("date", required_argument, 'd', "Map.export:date")                      \
    X("crs", required_argument, 'r', "Snapshot.export:crs")                   \
    X("all", no_argument, 'a', "Snapshot.export:include_context")             \
    X("format", required_argument, 'f', "Snapshot.export:format")             \
    X("output", required_argument, 'o', "Map.export:path")                    \
    X("force", no_argument, CLI_O_FORCE, "Snapshot.export:force")             \
    X("from", required_argument, O_FROM, "Map.export_range:start")            \
    X("to", required_argument, O_TO, "Map.export_range:end")                  \
    X("step", required_argument, O_STEP, "Map.export_range:step")             \
    X("dissolve", required_argument, O_DISSOLVE, "Map.export_range:dissolve") \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_CHART(X)                                                     \
    X("from", required_argument, 'F', "Map.chart:start")                      \
    X("to", required_argument, 'T', "Map.chart:end")                          \
    X("format", required_argument, 'f', "Map.chart:format")                   \
    X("size", required_argument, 's', "Map.chart:width")                      \
    X("annotate", required_argument, 'n', "Map.chart:annotate")               \
    X("all", no_argument, 'a', "Map.chart:include_context")                   \
    X("lang", required_argument, 'L', "Map.chart:lang")                       \
    X("output", required_argument, 'o', "Map.chart:path")                     \
    X("force", no_argument, CLI_O_FORCE, "Map.chart:force")                   \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_DESCRIBE(X)                                                  \
    X("date", required_argument, 'd', "Map.describe:date")                    \
    X("names", required_argument, 'n', "Map.describe:names")                  \
    X("short", no_argument, 'b', "Map.describe:short")                        \
    X("lang", required_argument, 'L', "Map.describe:lang")                    \
    X("changes-since", required_argument, 'C', "Map.describe:changes_since")  \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_EVENTS(X)                                                    \
    X("area", required_argument, 'a',                                         \
      "-Map.events() gives every row; a list comprehension picks some")       \
    X("from", required_argument, 'F',                                         \
      "-Map.events() gives every row; a list comprehension picks some")       \
    X("to", required_argument, 'T',                                           \
      "-Map.events() gives every row; a list comprehension picks some")       \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_PARTIES(X)                                                   \
    X("style", required_argument, 'S', "Map:style")                           \
    X("format", required_argument, 'f',                                       \
      "-Map.parties gives a list of dicts")                                   \
    X("help", no_argument, 'h', "-help() shows each method's keywords")

#define CLI_OPTS_SOURCES(X)                                                   \
    X("date", required_argument, 'd',                                         \
      "-a render's sources= prints the works cited on the map itself")        \
    X("changes-since", required_argument, 'C',                                \
      "-a render's sources= prints the works cited on the map itself")        \
    X("format", required_argument, 'f',                                       \
      "-a render's sources= prints the works cited on the map itself")        \
    X("zoom-to", required_argument, CLI_O_ZOOM_TO,                            \
      "-a render's sources= prints the works cited on the map itself")        \
    X("zoom-margin", required_argument, CLI_O_ZOOM_MARGIN,                    \
      "-a render's sources= prints the works cited on the map itself")        \
    X("extent", required_argument, CLI_O_EXTENT,                              \
      "-a render's sources= prints the works cited on the map itself")        \
    CLI_OPTS_INPUT(X)

#define CLI_OPTS_VALIDATE(X)                                                  \
    X("quiet", no_argument, 'q',                                              \
      "-tcmap.Map(...) validates its inputs and raises DataError")            \
    X("annotations", required_argument, O_ANNOTATIONS,                        \
      "-@render:annotations reads and checks an annotation file")             \
    CLI_OPTS_INPUT(X)

#endif
