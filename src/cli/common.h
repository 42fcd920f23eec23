/* common.h - what every command shares: exit codes, messages, finding the
 * project's default inputs, and opening the three inputs as one map. */
#ifndef TCMAP_CLI_COMMON_H
#define TCMAP_CLI_COMMON_H

#include "options.h"
#include "tcmap.h"

#include <getopt.h>
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2 };

/* "tcmap: message" on stderr. */
void
cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "tcmap: standard output: cannot write: ERROR", once per process: a
 * failed write to stdout is one failure, however many steps notice it. */
void
cli_stdout_failed(int errnum);

/* Non-zero once cli_stdout_failed has spoken. */
int
cli_stdout_reported(void);

/* A tcmap_report_fn for warnings from drawing (a label's characters
 * missing from the style's font, ...): "tcmap: warning: message" on
 * stderr, each message once per process however many frames repeat it.
 * Safe to call from the frame workers' threads. */
void
cli_warn(void *user, const char *message);

/* The inputs a data command reads; NULL fields mean "the defaults". */
typedef struct cli_inputs {
    const char *geodata;
    const char *control;
    const char *style;
    const char *sheet; /* --sheet: the table's sheet or layer, or NULL */
    /* Set by commands that draw maps in the style's view: cli_open
     * refuses a map on which no control area is visible (a style's extent
     * meant for another region), unless allow_empty (--allow-empty). */
    int draws;
    int allow_empty;
} cli_inputs;

/* The value of --sheet (options.h, CLI_OPTS_INPUT), which
 * cli_parse_common handles with the other inputs. */
enum { CLI_O_SHEET = 900 };

/* One command's parse: every usage error is counted, and all are printed,
 * before the command gives up. */
typedef struct cli_parse {
    const char *cmd; /* the command's name, for messages */
    int errors;
    int help;
} cli_parse;

/* Handles what every getopt loop shares: --style, --control, --sheet,
 * --geodata
 * (into `in`; NULL when the command reads no inputs), --help, an option
 * without its value and an unknown option. Returns 1 when it took c. */
int
cli_parse_common(cli_parse *p, int c, char **argv, cli_inputs *in);

/* Returns arg, counting a usage error when it is not a date. */
const char *
cli_parse_date(cli_parse *p, const char *option, const char *arg);

/* A --step value through tcmap_step_parse, the one reading shared with
 * Python: 1 and *unit, *count set; or 0 after reporting the bad value in
 * one line, counted in p->errors. */
int
cli_parse_step(cli_parse *p, const char *arg, tcmap_step_unit *unit,
               int *count);

/* Ends a parse: counts stray operands. Returns -1 for --help, else the
 * number of usage errors. */
int
cli_parse_end(cli_parse *p, int argc, char **argv);

/* Given parse()'s result, prints the usage where it belongs and returns the
 * exit code, or -1 when the command should go on. */
int
cli_after_parse(int n, void (*usage)(FILE *));

/* Everything opened; cli_close frees what is set. */
typedef struct cli_map {
    tcmap_style *style;
    tcmap_geodata *geo;
    tcmap_timeline *tl;
    tcmap_map *map;
    char *paths[3]; /* resolved geodata, control, style */
} cli_map;

/* Opens style, geodata (in the style's CRS) and table, and binds them.
 * Prints every problem; returns EXIT_OK or EXIT_DATA. */
int
cli_open(const cli_inputs *in, cli_map *m);

void
cli_close(cli_map *m);

/* cli_open, then the snapshot on `date` (NULL: the date of the table's
 * latest event). Prints what is wrong; returns EXIT_OK or EXIT_DATA. */
int
cli_open_snapshot(const cli_inputs *in, const char *date, cli_map *m,
                  tcmap_snapshot **snap);

/* The project's default file `rel` (e.g. "styles/default.ini") in
 * tcmap_data_dir(): $TCMAP_DATA_DIR, else PREFIX/share/tcmap of the
 * installed program, else the source tree a build tree's program was
 * built from. Newly allocated. */
char *
cli_default_path(const char *rel);

/* Prints the table's reporting problems to stderr. */
void
cli_report(void *user, const char *message);

/* An output named "-" is standard output: the library writes a temporary
 * file (it replaces files atomically, which a pipe cannot be) and
 * cli_output_end copies it out. cli_output_path returns the path to give
 * the library: `out` itself, or a new temporary name ending in `ext`
 * (".png", ...) in *tmp, which cli_output_end removes. */
const char *
cli_output_path(const char *out, const char *ext, char **tmp);

/* Copies *tmp to standard output when `ok` and removes it; returns
 * EXIT_OK, or EXIT_DATA when the copy fails. Frees *tmp. */
int
cli_output_end(char **tmp, int ok);

/* The extension of a tcmap_format (".png", ".svg", ".pdf", ".jpg",
 * ".webp"). */
const char *
cli_format_ext(tcmap_format f);

/* Parses a --format value (png, svg, pdf, jpeg, webp) into *out; 0 on
 * error. */
int
cli_parse_format(const char *s, tcmap_format *out);

/* Parses "--size WxH" into w, h; 0 on error. */
int
cli_parse_size(const char *s, int *w, int *h);

/* Writes s as a CSV field (quoted when it needs to be). */
void
cli_csv_field(FILE *fp, const char *s);

/* Writes s as a JSON string literal. */
void
cli_json_string(FILE *fp, const char *s);

/* What a newsroom changes per map, shared by render and frames: headings,
 * an extra credit, the extent or areas to zoom to, where the legend goes
 * and whether the inset is drawn. */
typedef struct cli_map_opts {
    const char *title, *subtitle, *credit;
    double extent[4];
    char **zoom_to; /* NULL-terminated (g_strsplit), or NULL */
    double zoom_margin;
    tcmap_legend_place legend;
    tcmap_inset_mode inset;
    const char *annotations_path;
    tcmap_annotations *annotations; /* read by cli_map_opts_load */
    tcmap_sources_mode sources;
    const char *lang; /* --lang: the furniture's language */
} cli_map_opts;

enum {
    CLI_O_TITLE = 1000,
    CLI_O_SUBTITLE,
    CLI_O_CREDIT,
    CLI_O_EXTENT,
    CLI_O_ZOOM_TO,
    CLI_O_ZOOM_MARGIN,
    CLI_O_LEGEND,
    CLI_O_INSET,
    CLI_O_ANNOTATIONS,
    CLI_O_SOURCES,
    CLI_O_LANG,
    CLI_O_FORCE /* --force, for the commands that write files */
};

/* The usage line for --force. */
#define CLI_FORCE_USAGE                                                       \
    "--force replaces an output file that is read-only (without it such a\n"  \
    "file is an error and is left as it is).\n"

/* The usage lines for CLI_OPTS_MAP (options.h). */
#define CLI_MAP_USAGE                                                         \
    "--lang en|az|hy|ru (or LL with a lang/LL.ini) writes the title, the\n"  \
    "date, the legend, the scale, the inset, the credit's words and the\n"  \
    "change key in that language (default: the language of --names when\n" \
    "it is one, else English).\n"                                           \
    "Per map: --title TEXT and --subtitle TEXT replace the style's\n"         \
    "headings ({date} and {date:%%-d %%B %%Y} print the date; \"\" for\n"        \
    "none); --credit TEXT is added after the sources, never instead.\n"     \
    "--sources full|short|none|auto: the credit lists the table's sources\n" \
    "(full, alphabetically), counts them and names their kinds (short),\n" \
    "leaves them out (none), or lists them when they fit in two lines,\n"  \
    "else counts them (auto, the style's default); never \"and N more\".\n" \
    "`tcmap sources` prints them with their addresses.\n"                  \
    "--extent LON0,LAT0,LON1,LAT1 sets the area shown; --zoom-to\n"         \
    "AREA[,AREA...] shows those areas (or districts) with --zoom-margin\n"  \
    "F of their size around them (default 0.15). --legend auto (a\n"      \
    "corner clear of the front and annotations, set closer or moved\n"      \
    "outside the map when it would hide too much), off, top-left,\n"        \
    "top-right, bottom-left, bottom-right, below, right or outside\n"       \
    "(beside the map, which shrinks; the page keeps its size). The\n"       \
    "legend lists only what the map shows; one that fits nowhere is an\n"  \
    "error (exit 1) unless --legend off.\n"                                  \
    "--inset off|auto leaves out or forces the locator map.\n"             \
    "--annotations FILE (GeoJSON, or CSV with lon,lat or wkt) adds\n"       \
    "callouts, arrows, highlighted areas and labels: attributes kind\n"     \
    "(callout|arrow|highlight|label), text, areas, color.\n"

/* Takes c when it is one of CLI_OPTS_MAP (counting a usage error for a
 * bad value); returns 1 when it took it. */
int
cli_parse_map_opt(cli_parse *p, int c, const char *arg, cli_map_opts *mo);

/* Reads --annotations, if given. Prints what is wrong; returns EXIT_OK or
 * EXIT_DATA. */
int
cli_map_opts_load(cli_map_opts *mo);

/* Copies the options into ro (pointers borrowed from mo). */
void
cli_map_opts_apply(const cli_map_opts *mo, tcmap_render_options *ro);

void
cli_map_opts_free(cli_map_opts *mo);

/* The commands. */
int cmd_render(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_parties(int argc, char **argv);
int cmd_frames(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_describe(int argc, char **argv);
int cmd_sources(int argc, char **argv);

#endif
