/* Dated context lines: the loader reads a line's from/to (and names the
 * file and feature of a bad one), a map draws and lists a line only on
 * the dates it is valid, and a frame series starts a new state run where a
 * line appears or goes and locks every line kind of the series into its
 * legend. One program across modules because the one feature crosses
 * them: geodata.c, render.c, legend.c and frames.c. Built on the square
 * fixture plus one line, "wall", between the two squares (testutil.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "load/geodata.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The wall stands from 3 to 6 October 2020, both days included. east
 * changes hands on 10-05 and becomes contested on 10-09. */
#define WALL_FROM "2020-10-03"
#define WALL_TO "2020-10-06"
#define WALL_RGB 0x00ff00

static const char TABLE[] = "date,area,party,status,party2\n"
                            "2020-10-01,west,AM,,\n"
                            "2020-10-01,east,AM,,\n"
                            "2020-10-05,east,AZ,,\n"
                            "2020-10-09,east,AZ,contested,AM\n";

typedef struct fixture {
    const tcmap_style *st; /* borrowed from the map */
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    tcmap_map *map;
} fixture;

/* The square style plus a style for the wall: wide and pure green, so
 * that its pixels are told apart from everything else. */
static char *
wall_style(void)
{
    char *path = tu_square_style("style.ini");
    char *text = NULL;
    g_file_get_contents(path, &text, NULL, NULL);
    char *more = g_strconcat(text,
                             "[line.wall]\nlabel = Wall\ncolor = #00ff00\n"
                             "width = 6\n",
                             NULL);
    g_file_set_contents(path, more, -1, NULL);
    g_free(more);
    g_free(text);
    return path;
}

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *geo = tu_square_geodata("geo");
    tu_square_lines(geo, WALL_FROM, WALL_TO);
    char *style = wall_style();
    char *table = tu_write("table.csv", TABLE);
    if (tu_map_open(geo, table, style, &f->map, &f->st, &f->geo, &f->tl))
        return -1;
    g_free(geo), g_free(style), g_free(table);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
    free(f);
    return 0;
}

static int32_t
day(const char *date)
{
    int32_t d = 0;
    assert_int_equal(tcmap_date_parse(date, &d, NULL), TCMAP_OK);
    return d;
}

/* ---- reading ---- */

/* Loads a square geodata directory whose line has these from/to values
 * (both NULL: no from/to in the manifest). */
static tcmap_status
load_with(const char *name, const char *from, const char *to,
          tcmap_geodata **geo, tcmap_error *err)
{
    char *dir = tu_square_geodata(name);
    tu_square_lines(dir, from, to);
    tcmap_status st = tcmap_geodata_load(dir, NULL, geo, err);
    g_free(dir);
    return st;
}

static void
test_from_and_to_are_read_through_the_manifest(void **state)
{
    const fixture *f = *state;
    assert_int_equal(f->geo->lines.n, 1);
    const tcmap__feature *w = &f->geo->lines.features[0];
    assert_string_equal(w->id, "wall");
    assert_int_equal(w->from, day(WALL_FROM));
    assert_int_equal(w->to, day(WALL_TO));
    /* Both ends are days the line stands. */
    assert_false(tcmap__feature_valid_on(w, day("2020-10-02")));
    assert_true(tcmap__feature_valid_on(w, day("2020-10-03")));
    assert_true(tcmap__feature_valid_on(w, day("2020-10-06")));
    assert_false(tcmap__feature_valid_on(w, day("2020-10-07")));
}

static void
test_an_empty_end_or_no_dates_at_all_is_unbounded(void **state)
{
    (void)state;
    tcmap_geodata *g = NULL;
    tcmap_error err;
    if (load_with("open_end", "1994-05-12", "", &g, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(g->lines.features[0].from, day("1994-05-12"));
    assert_int_equal(g->lines.features[0].to, INT32_MAX);
    tcmap_geodata_destroy(g);

    if (load_with("undated", NULL, NULL, &g, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(g->lines.features[0].from, INT32_MIN);
    assert_int_equal(g->lines.features[0].to, INT32_MAX);
    assert_true(tcmap__feature_valid_on(&g->lines.features[0],
                                        day("1900-01-01")));
    tcmap_geodata_destroy(g);
}

static void
expect_bad(const char *name, const char *from, const char *to,
           const char *want)
{
    tcmap_geodata *g = (tcmap_geodata *)1;
    tcmap_error err;
    assert_int_equal(load_with(name, from, to, &g, &err), TCMAP_ERR_DATA);
    assert_null(g);
    assert_int_equal(err.status, TCMAP_ERR_DATA);
    /* FILE:FEATURE first, as every geodata error has it. */
    char *where = g_strdup_printf("%s/%s/lines.shp:1: line 'wall'",
                                  tu_tmpdir(), name);
    if (strncmp(err.message, where, strlen(where)) != 0 ||
        !strstr(err.message, want))
        fail_msg("got '%s', want '%s...%s'", err.message, where, want);
    g_free(where);
}

static void
test_a_bad_date_names_the_file_the_feature_and_the_value(void **state)
{
    (void)state;
    expect_bad("bad_from", "2020-13-01", "", "from '2020-13-01' (attribute "
                                             "'since') is not a date");
    expect_bad("bad_to", "", "6.10.2020", "to '6.10.2020' (attribute "
                                          "'until') is not a date");
    expect_bad("feb30", "2020-02-30", "", "from '2020-02-30'");
}

static void
test_a_line_that_ends_before_it_starts_is_an_error(void **state)
{
    (void)state;
    expect_bad("reversed", "2020-10-06", "2020-10-03",
               "ends (to 2020-10-03) before it starts (from 2020-10-06)");
}

/* ---- drawing ---- */

/* Pixels of exactly colour rgb anywhere on the page. */
static long
count_color(cairo_surface_t *s, uint32_t rgb)
{
    const unsigned char *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    long n = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + y * stride);
        for (int x = 0; x < w; x++)
            n += (row[x] & 0xffffff) == rgb;
    }
    return n;
}

static cairo_surface_t *
draw(const fixture *f, const char *date)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    if (tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, 800, 600}, NULL,
                            &err) !=
        TCMAP_OK)
        fail_msg("%s", err.message);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    tcmap_snapshot_destroy(snap);
    return s;
}

/* The wall's column: the x at which most of its green pixels lie, and
 * how many there are in that column over the panel's height. */
static int
wall_column(cairo_surface_t *s, long *pixels)
{
    const unsigned char *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    long *col = calloc((size_t)w, sizeof *col);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + y * stride);
        for (int x = 0; x < w; x++)
            col[x] += (row[x] & 0xffffff) == WALL_RGB;
    }
    int best = 0;
    for (int x = 1; x < w; x++)
        best = col[x] > col[best] ? x : best;
    *pixels = col[best];
    free(col);
    return best;
}

static void
test_a_dated_line_is_drawn_only_while_it_stands(void **state)
{
    const fixture *f = *state;
    const char *dates[] = {"2020-10-02", WALL_FROM, WALL_TO, "2020-10-07"};
    const int stands[] = {0, 1, 1, 0};
    for (int k = 0; k < 4; k++) {
        cairo_surface_t *s = draw(f, dates[k]);
        long in_column = 0;
        wall_column(s, &in_column);
        long all = count_color(s, WALL_RGB);
        if (stands[k]) {
            /* 14 km of line at ~1 px per 100 m or more: a tall stroke,
             * not only the legend's short swatch. */
            if (in_column < 100)
                fail_msg("%s: the wall should be drawn; %ld green pixels "
                         "in its column",
                         dates[k], in_column);
        } else if (all != 0) {
            fail_msg("%s: the wall is not yet or no longer there, but %ld "
                     "pixels are its green",
                     dates[k], all);
        }
        cairo_surface_destroy(s);
    }
}

/* The SVG of a snapshot: its legend layer, as text. */
static char *
legend_layer(const fixture *f, const char *date, const char *name)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    char *path = tu_path(name);
    tcmap_error err;
    if (tcmap_snapshot_render_file(snap, path, NULL, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    tcmap_snapshot_destroy(snap);
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    const char *start = strstr(svg, "<g id=\"legend\"");
    assert_non_null(start);
    const char *end = strstr(start, "<g id=\"inset\"");
    char *layer = end ? g_strndup(start, (gsize)(end - start))
                      : g_strdup(start);
    g_free(svg);
    g_free(path);
    return layer;
}

static void
test_the_legend_lists_the_line_only_while_it_stands(void **state)
{
    const fixture *f = *state;
    char *before = legend_layer(f, "2020-10-02", "before.svg");
    char *during = legend_layer(f, "2020-10-04", "during.svg");
    char *after = legend_layer(f, "2020-10-07", "after.svg");
    assert_null(strstr(before, ">Wall<"));
    assert_non_null(strstr(during, ">Wall<"));
    assert_null(strstr(after, ">Wall<"));
    /* The rest of the legend is there all along. */
    assert_non_null(strstr(before, ">Party AM<"));
    g_free(before), g_free(during), g_free(after);
}

/* ---- frame series ---- */

static void
test_a_state_run_splits_where_a_line_appears_or_goes(void **state)
{
    const fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-10",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    /* The wall appears on 10-03 (frame 2) and is gone on 10-07 (frame 6);
     * the areas change on 10-05 (frame 4) and 10-09 (frame 8). */
    const size_t want[] = {0, 0, 2, 2, 4, 4, 6, 6, 8, 8};
    for (size_t i = 0; i < 10; i++)
        if (tcmap_series_run_start(s, i) != want[i])
            fail_msg("frame %zu (%s): run starts at %zu, want %zu", i,
                     tcmap_series_date(s, i), tcmap_series_run_start(s, i),
                     want[i]);
    tcmap_series_destroy(s);
}

/* Frame 0 of a series: an SVG file's text. */
static char *
first_frame(const fixture *f, const char *to, const char *dir_name)
{
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", to,
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    char *dir = tu_path(dir_name);
    g_mkdir_with_parents(dir, 0755);
    char *pattern = g_strdup_printf("%s/%%03d.svg", dir);
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 400, .height = 300},
                              .jobs = 1};
    tcmap_error err;
    if (tcmap_series_render(s, pattern, &o, NULL, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    char *path = g_strdup_printf("%s/000.svg", dir);
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    g_free(path), g_free(pattern), g_free(dir);
    tcmap_series_destroy(s);
    return svg;
}

/* The legend keeps one layout over the series: on 10-01, before the wall
 * stands, frame 0 of a series that reaches 10-04 already lists it (and
 * still does not draw it), while one that ends on 10-02 does not. */
static void
test_the_series_legend_lists_every_line_of_the_series(void **state)
{
    const fixture *f = *state;
    char *short_run = first_frame(f, "2020-10-02", "series-short");
    char *long_run = first_frame(f, "2020-10-04", "series-long");
    assert_null(strstr(short_run, ">Wall<"));
    assert_non_null(strstr(long_run, ">Wall<"));
    /* Listed, not drawn: the lines layer holds no green stroke. */
    const char *lines = strstr(long_run, "<g id=\"lines\"");
    assert_non_null(lines);
    const char *towns = strstr(lines, "<g id=\"towns\"");
    assert_non_null(towns);
    char *layer = g_strndup(lines, (gsize)(towns - lines));
    assert_null(strstr(layer, "#00ff00"));
    g_free(layer);
    g_free(short_run), g_free(long_run);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_and_to_are_read_through_the_manifest),
        cmocka_unit_test(test_an_empty_end_or_no_dates_at_all_is_unbounded),
        cmocka_unit_test(
            test_a_bad_date_names_the_file_the_feature_and_the_value),
        cmocka_unit_test(test_a_line_that_ends_before_it_starts_is_an_error),
        cmocka_unit_test(test_a_dated_line_is_drawn_only_while_it_stands),
        cmocka_unit_test(test_the_legend_lists_the_line_only_while_it_stands),
        cmocka_unit_test(
            test_a_state_run_splits_where_a_line_appears_or_goes),
        cmocka_unit_test(
            test_the_series_legend_lists_every_line_of_the_series),
    };
    return cmocka_run_group_tests_name("lines", tests, setup, teardown);
}
