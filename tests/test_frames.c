/* Frame series: the dates of each step, file names, state runs, output
 * that does not depend on -j or shards, resume after a kill, signals, and
 * the ffmpeg check. Built on the square fixture (testutil.c), whose table
 * is written here, so every expected run is known from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "frames/framefiles.h"
#include "write/pngenc.h"
#include "draw/pen.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* east changes hands on 10-05 and becomes contested on 10-09; west is
 * re-stated on 10-07 with the same party (no change of state). */
static const char TABLE[] = "date,area,party,status,party2\n"
                            "2020-10-01,west,AM,,\n"
                            "2020-10-01,east,AM,,\n"
                            "2020-10-05,east,AZ,,\n"
                            "2020-10-07,west,AM,,\n"
                            "2020-10-09,east,AZ,contested,AM\n";

typedef struct fixture {
    char *geodata, *style, *style_undated, *table;
    tcmap_style *st, *st_undated;
    tcmap_geodata *geo;
    tcmap_timeline *tl;
    tcmap_map *map, *map_undated;
} fixture;

static int
setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->geodata = tu_square_geodata("geo");
    f->style = tu_square_style("style.ini");
    char *text = NULL;
    g_file_get_contents(f->style, &text, NULL, NULL);
    char **parts = g_strsplit(text, "subtitle = {date}\n", 2);
    char *undated = g_strjoin("subtitle = Undated\n", parts[0], parts[1],
                              NULL);
    f->style_undated = tu_write("undated.ini", undated);
    g_free(undated);
    g_strfreev(parts);
    g_free(text);
    f->table = tu_write("table.csv", TABLE);
    tcmap_error err;
    if (tcmap_style_load(f->style, &f->st, &err) ||
        tcmap_style_load(f->style_undated, &f->st_undated, &err) ||
        tcmap_geodata_load(f->geodata, NULL, &f->geo, &err) ||
        tcmap_timeline_load(f->table, NULL, NULL, &f->tl, &err) ||
        tcmap_map_create(f->geo, f->tl, f->st, &f->map, &err) ||
        tcmap_map_create(f->geo, f->tl, f->st_undated, &f->map_undated,
                         &err)) {
        fprintf(stderr, "setup: %s\n", err.message);
        return -1;
    }
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
    tcmap_map_destroy(f->map_undated);
    tcmap_timeline_destroy(f->tl);
    tcmap_geodata_destroy(f->geo);
    tcmap_style_destroy(f->st);
    tcmap_style_destroy(f->st_undated);
    g_free(f->geodata);
    g_free(f->style);
    g_free(f->style_undated);
    g_free(f->table);
    free(f);
    return 0;
}

static void
expect_dates(const tcmap_map *map, const char *from, const char *to,
             tcmap_step_unit unit, int count, const char *const *want,
             size_t n)
{
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(
        tcmap_series_create(map, from, to, (tcmap_step){unit, count}, &s,
                            &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(tcmap_series_date(s, i), want[i]);
    assert_null(tcmap_series_date(s, n));
    tcmap_series_destroy(s);
}

static void
test_each_step_gives_its_dates_in_order(void **state)
{
    fixture *f = *state;
    const char *days[] = {"2020-02-27", "2020-02-28", "2020-02-29",
                          "2020-03-01"};
    expect_dates(f->map, "2020-02-27", "2020-03-01", TCMAP_STEP_DAY, 1, days,
                 4);
    /* The last date asked for ends the series even off the step: 3d from
     * 02-27 reaches 03-01 and then 03-02 itself (issue #14: --step 3d
     * --to 2020-12-01 ended on 29 Nov and lost the Lachin handover). */
    const char *three[] = {"2020-02-27", "2020-03-01", "2020-03-02"};
    expect_dates(f->map, "2020-02-27", "2020-03-02", TCMAP_STEP_DAY, 3, three,
                 3);
    const char *on_step[] = {"2020-02-27", "2020-03-01"};
    expect_dates(f->map, "2020-02-27", "2020-03-01", TCMAP_STEP_DAY, 3,
                 on_step, 2);
    const char *weeks[] = {"2020-12-25", "2021-01-01", "2021-01-08"};
    expect_dates(f->map, "2020-12-25", "2021-01-08", TCMAP_STEP_WEEK, 1,
                 weeks, 3);
    /* The 31st is clamped to short months but comes back in long ones. */
    const char *months[] = {"2020-01-31", "2020-02-29", "2020-03-31",
                            "2020-04-30"};
    expect_dates(f->map, "2020-01-31", "2020-04-30", TCMAP_STEP_MONTH, 1,
                 months, 4);
    const char *war[] = {"2020-09-27", "2020-09-30", "2020-10-03",
                         "2020-10-06", "2020-10-09", "2020-10-12",
                         "2020-10-15", "2020-10-18", "2020-10-21",
                         "2020-10-24", "2020-10-27", "2020-10-30",
                         "2020-11-02", "2020-11-05", "2020-11-08",
                         "2020-11-11", "2020-11-14", "2020-11-17",
                         "2020-11-20", "2020-11-23", "2020-11-26",
                         "2020-11-29", "2020-12-01"};
    expect_dates(f->map, "2020-09-27", "2020-12-01", TCMAP_STEP_DAY, 3, war,
                 23);
    const char *month_end[] = {"2020-01-31", "2020-02-29", "2020-03-15"};
    expect_dates(f->map, "2020-01-31", "2020-03-15", TCMAP_STEP_MONTH, 1,
                 month_end, 3);
    const char *one[] = {"2020-10-01"};
    expect_dates(f->map, "2020-10-01", "2020-10-01", TCMAP_STEP_DAY, 1, one,
                 1);
}

/* --step events: the first date, each date on which the map changed
 * (10-05 east to AZ, 10-09 east contested; the re-statement of west on
 * 10-07 is no change), and the last date. */
static void
test_events_step_gives_the_dates_of_changes(void **state)
{
    fixture *f = *state;
    const char *want[] = {"2020-09-20", "2020-10-01", "2020-10-05",
                          "2020-10-09", "2020-10-20"};
    expect_dates(f->map, "2020-09-20", "2020-10-20", TCMAP_STEP_EVENTS, 0,
                 want, 5);
    const char *inside[] = {"2020-10-02", "2020-10-05", "2020-10-06"};
    expect_dates(f->map, "2020-10-02", "2020-10-06", TCMAP_STEP_EVENTS, 0,
                 inside, 3);
    const char *quiet[] = {"2020-10-06", "2020-10-08"};
    expect_dates(f->map, "2020-10-06", "2020-10-08", TCMAP_STEP_EVENTS, 0,
                 quiet, 2);
    const char *one[] = {"2020-10-05"};
    expect_dates(f->map, "2020-10-05", "2020-10-05", TCMAP_STEP_EVENTS, 0,
                 one, 1);
    /* Every date of it starts a state run but the last, whose map is the
     * one before it unless it changed that day. */
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-09-20", "2020-10-20",
                                         (tcmap_step){TCMAP_STEP_EVENTS, 0},
                                         &s, NULL),
                     TCMAP_OK);
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(tcmap_series_run_start(s, i), i);
    assert_int_equal(tcmap_series_run_start(s, 4), 3);
    tcmap_series_destroy(s);
}

static void
test_bad_ranges_are_refused(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-02", "2020-10-01",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_null(s);
    assert_non_null(strstr(err.message, "2020-10-01 is before"));
    assert_int_equal(tcmap_series_create(f->map, "2020-02-30", "2020-10-01",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_DATA);
    assert_int_equal(tcmap_series_create(f->map, "0001-01-01", "9999-12-31",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "more than 1000000 frames"));
}

static void
test_frame_names_take_the_index_in_the_whole_series(void **state)
{
    (void)state;
    char buf[64];
    tcmap_error err;
    assert_int_equal(tcmap_series_frame_path("f/%05d.png", 42, buf,
                                             sizeof buf, &err),
                     TCMAP_OK);
    assert_string_equal(buf, "f/00042.png");
    assert_int_equal(
        tcmap_series_frame_path("100%%-%d.svg", 7, buf, sizeof buf, &err),
        TCMAP_OK);
    assert_string_equal(buf, "100%-7.svg");
    const char *bad[] = {"f.png", "%d-%d.png", "%s.png", "%x.png",
                         "%.3d.png"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(
            tcmap_series_frame_path(bad[i], 1, buf, sizeof buf, &err),
            TCMAP_ERR_ARG);
        assert_non_null(strstr(err.message, bad[i]));
    }
    assert_int_equal(tcmap_series_frame_path("%05d.png", 1, buf, 5, &err),
                     TCMAP_ERR_ARG);
}

static void
test_runs_start_where_the_state_changes(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-10",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    /* Changes on 10-05 (frame 4) and 10-09 (frame 8); the re-statement on
     * 10-07 is no change. */
    const size_t want[] = {0, 0, 0, 0, 4, 4, 4, 4, 8, 8};
    for (size_t i = 0; i < 10; i++)
        assert_int_equal(tcmap_series_run_start(s, i), want[i]);
    tcmap_series_destroy(s);
}

/* Renders into tu_tmpdir()/dir with the given options; returns the
 * directory (g_free). */
static char *
render_tween(const tcmap_map *map, const char *dir, const char *ext, int jobs,
             int shard, int shards, int tween, tcmap_series_result *res)
{
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(map, "2020-10-01", "2020-10-30",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, tween, &err), TCMAP_OK);
    char *path = tu_path(dir);
    g_mkdir_with_parents(path, 0755);
    char *pattern = g_strdup_printf("%s/%%03d.%s", path, ext);
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120},
                              .jobs = jobs,
                              .shard_index = shard,
                              .shard_count = shards};
    tcmap_status st = tcmap_series_render(s, pattern, &o, res, &err);
    if (st != TCMAP_OK)
        fail_msg("%s", err.message);
    g_free(pattern);
    tcmap_series_destroy(s);
    return path;
}

static char *
render(const tcmap_map *map, const char *dir, const char *ext, int jobs,
       int shard, int shards, tcmap_series_result *res)
{
    return render_tween(map, dir, ext, jobs, shard, shards, 0, res);
}

static char *
frame_bytes(const char *dir, const char *ext, int i, size_t *len)
{
    char *p = g_strdup_printf("%s/%03d.%s", dir, i, ext);
    char *data = tu_read(p, len);
    g_free(p);
    return data;
}

static void
assert_same_frames(const char *a, const char *b, const char *ext, int n)
{
    for (int i = 0; i < n; i++) {
        size_t la = 0, lb = 0;
        char *x = frame_bytes(a, ext, i, &la), *y = frame_bytes(b, ext, i, &lb);
        if (!x || !y || la != lb || memcmp(x, y, la))
            fail_msg("frame %d differs between %s and %s", i, a, b);
        g_free(x);
        g_free(y);
    }
}

static void
test_two_workers_write_the_same_bytes_as_one(void **state)
{
    fixture *f = *state;
    tcmap_series_result r1 = {.size = sizeof r1}, r2 = {.size = sizeof r2};
    char *one = render(f->map, "j1", "png", 1, 0, 0, &r1);
    char *two = render(f->map, "j2", "png", 2, 0, 0, &r2);
    assert_int_equal(r1.total, 30);
    assert_int_equal(r1.drawn + r1.reused, 30);
    assert_int_equal(r2.drawn + r2.reused, 30);
    assert_same_frames(one, two, "png", 30);
    /* The date is printed, so frames of one state still differ. */
    size_t la, lb;
    char *x = frame_bytes(one, "png", 0, &la), *y = frame_bytes(one, "png", 1,
                                                                &lb);
    assert_true(la != lb || memcmp(x, y, la) != 0);
    g_free(x);
    g_free(y);
    g_free(one);
    g_free(two);
}

static void
test_shards_together_are_the_whole_series(void **state)
{
    fixture *f = *state;
    tcmap_series_result r = {.size = sizeof r};
    char *whole = render(f->map, "whole", "png", 2, 0, 0, &r);
    size_t total = 0;
    for (int k = 0; k < 3; k++) {
        char *part = render(f->map, "shards", "png", 1, k, 3, &r);
        total += r.total;
        /* Shard k holds frames k, k+3, ... and nothing else. */
        for (int i = 0; i < 30; i++) {
            char *p = g_strdup_printf("%s/%03d.png", part, i);
            assert_int_equal(g_file_test(p, G_FILE_TEST_EXISTS), i % 3 <= k);
            g_free(p);
        }
        g_free(part);
    }
    assert_int_equal(total, 30);
    char *parts = tu_path("shards");
    assert_same_frames(whole, parts, "png", 30);
    g_free(parts);
    g_free(whole);
}

static void
test_state_runs_draw_the_map_once(void **state)
{
    fixture *f = *state;
    tcmap_series_result r = {.size = sizeof r};
    /* Three runs in October (from 10-01, 10-05, 10-09): one worker draws
     * the body three times and reuses it for the 27 other frames. */
    g_free(render(f->map, "dedup", "png", 1, 0, 0, &r));
    assert_int_equal(r.drawn, 3);
    assert_int_equal(r.reused, 27);
    /* Without the date on the map, a run's frames are the same picture;
     * frames of different runs are not. */
    char *dir = render(f->map_undated, "undated", "svg", 1, 0, 0, &r);
    size_t l0, l3, l4;
    char *a = frame_bytes(dir, "svg", 0, &l0);
    char *b = frame_bytes(dir, "svg", 3, &l3);
    char *c = frame_bytes(dir, "svg", 4, &l4);
    assert_true(l0 == l3 && !memcmp(a, b, l0));
    assert_true(l0 != l4 || memcmp(a, c, l0) != 0);
    assert_int_equal(r.drawn, 3);
    g_free(a);
    g_free(b);
    g_free(c);
    g_free(dir);
}

/* The PNG of a frame holds exactly the pixels of its body with its title
 * drawn on top, whichever level and whichever frame of the run, though a
 * frame compresses only the bands of rows that differ from the worker's
 * last frame (the title's from date to date, the map's where the state
 * changed) and reuses the others. */
static void
test_png_frames_hold_the_pixels_of_body_and_title(void **state)
{
    fixture *f = *state;
    tcmap_series_result r = {.size = sizeof r};
    const tcmap_png_level levels[] = {TCMAP_PNG_DEFAULT, TCMAP_PNG_SMALL};
    for (int l = 0; l < 2; l++) {
        tcmap_series *s = NULL;
        assert_int_equal(tcmap_series_create(f->map, "2020-10-01",
                                             "2020-10-06",
                                             (tcmap_step){TCMAP_STEP_DAY, 1},
                                             &s, NULL),
                         TCMAP_OK);
        char *dir = tu_path("pixels");
        g_mkdir_with_parents(dir, 0755);
        char *pattern = g_strdup_printf("%s/%%03d.png", dir);
        tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 300, .height = 200},
                                  .png = levels[l], .jobs = 1};
        unsigned long c0, r0, c1, r1;
        tcmap__png_band_counts(&c0, &r0);
        assert_int_equal(tcmap_series_render(s, pattern, &o, &r, NULL),
                         TCMAP_OK);
        tcmap__png_band_counts(&c1, &r1);
        const unsigned long bands = (200 + TCMAP__PNG_BAND - 1) /
                                    TCMAP__PNG_BAND;
        assert_int_equal((c1 - c0) + (r1 - r0), 6 * bands);
        /* The first frame compresses all, the other five (one of them a
         * new state) fewer than half each. */
        assert_true(c1 - c0 < bands + 5 * bands / 2);
        for (int i = 0; i < 6; i++) {
            tcmap_snapshot *snap = NULL;
            assert_int_equal(tcmap_snapshot_create(f->map,
                                                   tcmap_series_date(s, i),
                                                   &snap, NULL),
                             TCMAP_OK);
            cairo_surface_t *want =
                cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
            cairo_t *cr = cairo_create(want);
            /* The series' legend: both parties hold an area from 10-01, no
             * status yet, no area without data. */
            const char *legend[] = {"AM", "AZ", NULL};
            tcmap_render_options ro = {.size = sizeof ro, .width = 300, .height = 200};
            tcmap__page_part pp = {.part = TCMAP__PART_BODY,
                                   .legend = legend};
            tcmap_rect page = {0, 0, 300, 200};
            assert_int_equal(
                tcmap__snapshot_draw_part(snap, cr, page, &ro, &pp, NULL),
                TCMAP_OK);
            pp.part = TCMAP__PART_TITLE;
            assert_int_equal(
                tcmap__snapshot_draw_part(snap, cr, page, &ro, &pp, NULL),
                TCMAP_OK);
            cairo_destroy(cr);
            cairo_surface_flush(want);
            char *p = g_strdup_printf("%s/%03d.png", dir, i);
            cairo_surface_t *got = cairo_image_surface_create_from_png(p);
            assert_int_equal(cairo_surface_status(got),
                             CAIRO_STATUS_SUCCESS);
            int stride = cairo_image_surface_get_stride(want);
            assert_int_equal(cairo_image_surface_get_stride(got), stride);
            const unsigned char *a = cairo_image_surface_get_data(want);
            const unsigned char *b = cairo_image_surface_get_data(got);
            for (int y = 0; y < 200; y++)
                for (int x = 0; x < 300; x++) {
                    uint32_t pa, pb;
                    memcpy(&pa, a + y * stride + 4 * x, 4);
                    memcpy(&pb, b + y * stride + 4 * x, 4);
                    if ((pa & 0xffffff) != (pb & 0xffffff))
                        fail_msg("level %d frame %d: pixel %d,%d is %06x, "
                                 "want %06x",
                                 l, i, x, y, pb & 0xffffff, pa & 0xffffff);
                }
            cairo_surface_destroy(got);
            cairo_surface_destroy(want);
            tcmap_snapshot_destroy(snap);
            g_free(p);
        }
        g_free(pattern);
        g_free(dir);
        tcmap_series_destroy(s);
    }
}

/* The legend lists every party and status of the whole series on every
 * frame: the first frame of a series that reaches the contested days
 * differs from the first frame of one that does not, though both show
 * 10-01. */
static void
test_the_legend_is_locked_for_the_series(void **state)
{
    fixture *f = *state;
    const char *to[] = {"2020-10-06", "2020-10-10"};
    char *bytes[2];
    size_t len[2];
    for (int k = 0; k < 2; k++) {
        tcmap_series *s = NULL;
        assert_int_equal(tcmap_series_create(f->map, "2020-10-01", to[k],
                                             (tcmap_step){TCMAP_STEP_DAY, 1},
                                             &s, NULL),
                         TCMAP_OK);
        char *dir = g_strdup_printf("%s/legend-%d", tu_tmpdir(), k);
        g_mkdir_with_parents(dir, 0755);
        char *pattern = g_strdup_printf("%s/%%03d.svg", dir);
        tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 300, .height = 200}};
        assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, NULL),
                         TCMAP_OK);
        bytes[k] = frame_bytes(dir, "svg", 0, &len[k]);
        g_free(pattern);
        g_free(dir);
        tcmap_series_destroy(s);
    }
    assert_null(strstr(bytes[0], "Contested"));
    assert_non_null(strstr(bytes[1], "Contested"));
    g_free(bytes[0]);
    g_free(bytes[1]);
}

/* The labels layer of an SVG frame: every <text> with its position. */
static char *
labels_layer(const char *path)
{
    char *svg = tu_read(path, NULL);
    assert_non_null(svg);
    const char *start = strstr(svg, "<g id=\"labels\"");
    assert_non_null(start);
    const char *end = strstr(start, "</g>");
    assert_non_null(end);
    char *layer = g_strndup(start, (gsize)(end - start));
    g_free(svg);
    return layer;
}

/* Labels are placed for the series, not per date: across 33 years of
 * changing control (the default data, one frame a year) every label keeps
 * its place, so none hops from frame to frame. */
static void
test_labels_stay_put_over_the_whole_series(void **state)
{
    (void)state;
    char *dir = tu_path("labels");
    char *pattern = g_build_filename(dir, "%02d.svg", NULL);
    g_mkdir_with_parents(dir, 0755);
    assert_int_equal(tu_run(NULL, NULL, "frames", "--from", "1991-12-26",
                            "--to", "2024-12-31", "--step", "12m", "--size",
                            "800x600", "--quiet", "-o", pattern, NULL),
                     0);
    char *first_path = g_build_filename(dir, "00.svg", NULL);
    char *first = labels_layer(first_path);
    /* Town and area names are there, not an empty layer. */
    assert_non_null(strstr(first, "Shusha / Shushi"));
    assert_non_null(strstr(first, "Stepanakert / Khankendi"));
    for (int i = 1; i <= 32; i++) {
        char name[16];
        snprintf(name, sizeof name, "%02d.svg", i);
        char *path = g_build_filename(dir, name, NULL);
        char *layer = labels_layer(path);
        if (strcmp(layer, first))
            fail_msg("frame %d places its labels differently from frame 0",
                     i);
        g_free(layer);
        g_free(path);
    }
    g_free(first), g_free(first_path), g_free(pattern), g_free(dir);
}

/* --changes-since marks what changed hands since D on every frame: on the
 * frame of D itself nothing has, so it is the plain frame; the day after
 * Kalbajar's handover (25 November 2020) it is not. */
static void
test_changes_since_marks_frames_after_a_change(void **state)
{
    (void)state;
    char *plain = tu_path("cs-plain"), *marked = tu_path("cs-marked");
    g_mkdir_with_parents(plain, 0755);
    g_mkdir_with_parents(marked, 0755);
    char *p1 = g_build_filename(plain, "%d.png", NULL);
    char *p2 = g_build_filename(marked, "%d.png", NULL);
    assert_int_equal(tu_run(NULL, NULL, "frames", "--from", "2020-11-24",
                            "--to", "2020-11-25", "--size", "400x300",
                            "--quiet", "-o", p1, NULL),
                     0);
    assert_int_equal(tu_run(NULL, NULL, "frames", "--from", "2020-11-24",
                            "--to", "2020-11-25", "--size", "400x300",
                            "--quiet", "--changes-since", "2020-11-24", "-o",
                            p2, NULL),
                     0);
    for (int i = 0; i < 2; i++) {
        char name[8];
        snprintf(name, sizeof name, "%d.png", i);
        char *a = g_build_filename(plain, name, NULL);
        char *b = g_build_filename(marked, name, NULL);
        size_t la = 0, lb = 0;
        /* Pixels, not bytes: each PNG frame carries a mark of the
         * options it was drawn with (for --resume). */
        cairo_surface_t *ia = cairo_image_surface_create_from_png(a);
        cairo_surface_t *ib = cairo_image_surface_create_from_png(b);
        cairo_surface_flush(ia), cairo_surface_flush(ib);
        la = (size_t)cairo_image_surface_get_stride(ia) *
             (size_t)cairo_image_surface_get_height(ia);
        lb = (size_t)cairo_image_surface_get_stride(ib) *
             (size_t)cairo_image_surface_get_height(ib);
        char *da = g_memdup2(cairo_image_surface_get_data(ia), la);
        char *db = g_memdup2(cairo_image_surface_get_data(ib), lb);
        cairo_surface_destroy(ia), cairo_surface_destroy(ib);
        int same = la == lb && memcmp(da, db, la) == 0;
        if (same != (i == 0))
            fail_msg("frame %d: %s", i,
                     same ? "no change marked after the handover"
                          : "a change marked before anything changed");
        g_free(da), g_free(db), g_free(a), g_free(b);
    }
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-11-24",
                            "--to", "2020-11-25", "--changes-since",
                            "2020-11-31", "-o", p1, NULL),
                     2);
    assert_non_null(strstr(err, "--changes-since '2020-11-31' is not a date"));
    g_free(err);
    g_free(p1), g_free(p2), g_free(plain), g_free(marked);
}

static void
test_complete_files_are_told_from_cut_ones(void **state)
{
    fixture *f = *state;
    tcmap_series_result r = {.size = sizeof r};
    const char *ext[] = {"png", "svg", "pdf"};
    const tcmap_format fmt[] = {TCMAP_FORMAT_PNG, TCMAP_FORMAT_SVG,
                                TCMAP_FORMAT_PDF};
    for (int k = 0; k < 3; k++) {
        char *sub = g_strdup_printf("complete-%s", ext[k]);
        char *dir = render(f->map, sub, ext[k], 1, 0, 10, &r);
        char *p = g_strdup_printf("%s/000.%s", dir, ext[k]);
        assert_true(tcmap__frame_is_complete(p, fmt[k]));
        size_t len = 0;
        char *data = tu_read(p, &len);
        g_file_set_contents(p, data, (gssize)(len - 20), NULL);
        assert_false(tcmap__frame_is_complete(p, fmt[k]));
        g_free(data);
        g_free(p);
        g_free(dir);
        g_free(sub);
    }
    assert_false(tcmap__frame_is_complete("/nonexistent.png",
                                         TCMAP_FORMAT_PNG));
}

/* ---- the program ---- */

/* Starts `tcmap frames` on a series of 11,000 days (-j 1), waits until
 * `at_least` frames exist, sends sig and returns the exit code. The series
 * is long so that the signal always comes before its end. */
static int
run_and_kill(fixture *f, const char *dir, int sig, int at_least)
{
    char *pattern = g_strdup_printf("%s/%%04d.png", dir);
    const char *argv[] = {TCMAP_EXE, "frames", "--from", "2020-09-01",
                          "--to", "2050-12-31", "--size", "400x300",
                          "-j", "1", "--quiet", "--geodata", f->geodata,
                          "--style", f->style, "--control", f->table,
                          "-o", pattern, NULL};
    GPid pid;
    GError *ge = NULL;
    assert_true(g_spawn_async(NULL, (char **)argv, NULL,
                              G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                              &ge));
    for (int tries = 0; tries < 6000; tries++) {
        char *p = g_strdup_printf("%s/%04d.png", dir, at_least - 1);
        int there = g_file_test(p, G_FILE_TEST_EXISTS);
        g_free(p);
        if (there)
            break;
        g_usleep(5000);
    }
    kill(pid, sig);
    int status = 0;
    waitpid(pid, &status, 0);
    g_spawn_close_pid(pid);
    g_free(pattern);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static size_t
count_files(const char *dir, const char *needle)
{
    size_t n = 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d)) != NULL)
        n += strstr(name, needle) != NULL;
    if (d)
        g_dir_close(d);
    return n;
}

/* ---- tween frames ---- */

/* Over 10-01..10-10 the map changes on 10-05 (date 4) and 10-09 (date 8):
 * n tween frames go before each of those, none before frame 0 or before
 * 10-07's re-statement. */
static void
test_tween_frames_come_before_each_change(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-10",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 3, &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 10 + 3 * 2);
    /* Frames 4-6 fade into 10-05 (frame 7), 11-13 into 10-09 (frame 14). */
    const char *dates[] = {"2020-10-01", "2020-10-02", "2020-10-03",
                           "2020-10-04", "2020-10-05", "2020-10-05",
                           "2020-10-05", "2020-10-05", "2020-10-06",
                           "2020-10-07", "2020-10-08", "2020-10-09",
                           "2020-10-09", "2020-10-09", "2020-10-09",
                           "2020-10-10"};
    const double t[] = {0, 0, 0, 0, 0.25, 0.5, 0.75, 0, 0, 0, 0,
                        0.25, 0.5, 0.75, 0, 0};
    const size_t run[] = {0, 0, 0, 0, 4, 5, 6, 7, 7, 7, 7,
                          11, 12, 13, 14, 14};
    for (size_t i = 0; i < 16; i++) {
        assert_string_equal(tcmap_series_date(s, i), dates[i]);
        assert_true(fabs(tcmap_series_tween_at(s, i) - t[i]) < 1e-12);
        assert_int_equal(tcmap_series_run_start(s, i), run[i]);
    }
    assert_null(tcmap_series_date(s, 16));
    assert_true(tcmap_series_tween_at(s, 16) == 0);
    /* A second call replaces the first rather than adding to it. */
    assert_int_equal(tcmap_series_set_tween(s, 1, &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 12);
    assert_true(tcmap_series_tween_at(s, 4) == 0.5);
    assert_string_equal(tcmap_series_date(s, 4), "2020-10-05");
    /* Out of range: refused, and the series is as it was. */
    assert_int_equal(tcmap_series_set_tween(s, 101, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "101 tween frames is outside 0..100"));
    assert_int_equal(tcmap_series_set_tween(s, -1, &err), TCMAP_ERR_ARG);
    assert_int_equal(tcmap_series_count(s), 12);
    assert_int_equal(tcmap_series_set_tween(NULL, 1, &err), TCMAP_ERR_ARG);
    /* 0 gives back the plain series, date for date. */
    assert_int_equal(tcmap_series_set_tween(s, 0, &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 10);
    const size_t plain_run[] = {0, 0, 0, 0, 4, 4, 4, 4, 8, 8};
    for (size_t i = 0; i < 10; i++) {
        char want[11];
        snprintf(want, sizeof want, "2020-10-%02zu", i + 1);
        assert_string_equal(tcmap_series_date(s, i), want);
        assert_true(tcmap_series_tween_at(s, i) == 0);
        assert_int_equal(tcmap_series_run_start(s, i), plain_run[i]);
    }
    tcmap_series_destroy(s);
}

/* The frame cap counts tween frames: 999,901 dates (to 4758-05-21) with
 * two changes make 999,999 frames with 49 tween frames per change and
 * 1,000,003 with 51. */
static void
test_tween_frames_count_against_the_frame_cap(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "4758-05-21",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 999901);
    assert_int_equal(tcmap_series_set_tween(s, 49, &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 1000000 - 1);
    assert_int_equal(tcmap_series_set_tween(s, 51, &err), TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "more than 1000000 frames"));
    assert_int_equal(tcmap_series_count(s), 1000000 - 1);
    tcmap_series_destroy(s);
}

/* Draws one part of snap at 300x200 with the series' legend. */
static void
draw_part(const tcmap_snapshot *snap, cairo_surface_t *img, tcmap__part part)
{
    const char *legend[] = {"AM", "AZ", NULL};
    tcmap_render_options ro = {.size = sizeof ro, .width = 300, .height = 200};
    tcmap__page_part pp = {.part = part, .legend = legend};
    cairo_t *cr = cairo_create(img);
    assert_int_equal(tcmap__snapshot_draw_part(snap, cr,
                                               (tcmap_rect){0, 0, 300, 200},
                                               &ro, &pp, NULL),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_flush(img);
}

/* The legend's rows are found on rasters of the panel (tcmap__ink_count),
 * the costliest step of a frame's layout: a series' title part, drawn per
 * date, makes none; a body makes as many as laying out the page once (the
 * drawing reuses the rows the layout found); and a legend locked to the
 * parties does not look for their ground on the panel. */
static void
test_a_frames_title_and_its_locked_legend_look_at_the_panel_no_more(
    void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2020-10-05", &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
    tcmap_render_options ro = {.size = sizeof ro, .width = 300, .height = 200};
    tcmap__page_part pp = {.part = TCMAP__PART_TITLE};
    tcmap_rect page = {0, 0, 300, 200};
    cairo_t *cr = cairo_create(img);
    unsigned long n0 = tcmap__ink_counts();
    assert_int_equal(tcmap__snapshot_draw_part(snap, cr, page, &ro, &pp, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap__ink_counts() - n0, 0);

    pp.part = TCMAP__PART_BODY;
    double lonlat[2] = {45, 40}, xy[2];
    n0 = tcmap__ink_counts();
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(snap, page, &ro, lonlat, xy, NULL),
        TCMAP_OK);
    unsigned long layout = tcmap__ink_counts() - n0;
    assert_true(layout > 0);
    n0 = tcmap__ink_counts();
    assert_int_equal(tcmap__snapshot_draw_part(snap, cr, page, &ro, &pp, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap__ink_counts() - n0, layout);

    /* Locked to the parties, the body does not look for their ground. */
    const char *legend[] = {"AM", "AZ", NULL};
    pp.legend = legend;
    n0 = tcmap__ink_counts();
    assert_int_equal(tcmap__snapshot_draw_part(snap, cr, page, &ro, &pp, NULL),
                     TCMAP_OK);
    cairo_destroy(cr);
    assert_true(tcmap__ink_counts() - n0 < layout);
    cairo_surface_destroy(img);
    tcmap_snapshot_destroy(snap);
}

/* A tween frame is the old body and the new one blended at t, under the
 * new title: east (red on 10-04, blue from 10-05) is a mix of the two,
 * west (red on both) is red, and the date is the new one. */
static void
test_a_tween_frame_blends_the_two_maps_under_the_new_title(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-04", "2020-10-05",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 3, NULL), TCMAP_OK);
    char *dir = tu_path("tween-pixels");
    g_mkdir_with_parents(dir, 0755);
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 300, .height = 200},
                              .jobs = 1};
    tcmap_series_result r = {.size = sizeof r};
    tcmap_error err;
    assert_int_equal(tcmap_series_render(s, pattern, &o, &r, &err),
                     TCMAP_OK);
    assert_int_equal(r.total, 5);
    tcmap_snapshot *a = NULL, *b = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2020-10-04", &a, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_create(f->map, "2020-10-05", &b, NULL),
                     TCMAP_OK);
    cairo_surface_t *body_a =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
    cairo_surface_t *body_b =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
    draw_part(a, body_a, TCMAP__PART_BODY);
    draw_part(b, body_b, TCMAP__PART_BODY);
    /* Where the title is: the rows it changes on a copy of body b. */
    cairo_surface_t *titled =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 300, 200);
    draw_part(b, titled, TCMAP__PART_BODY);
    draw_part(b, titled, TCMAP__PART_TITLE);
    int stride = cairo_image_surface_get_stride(body_a);
    const unsigned char *pa = cairo_image_surface_get_data(body_a);
    const unsigned char *pb = cairo_image_surface_get_data(body_b);
    const unsigned char *pt = cairo_image_surface_get_data(titled);
    for (int k = 1; k <= 3; k++) {
        double t = tcmap_series_tween_at(s, (size_t)k);
        assert_true(fabs(t - k / 4.0) < 1e-12);
        char *p = g_strdup_printf("%s/%03d.png", dir, k);
        cairo_surface_t *got = cairo_image_surface_create_from_png(p);
        assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
        assert_int_equal(cairo_image_surface_get_stride(got), stride);
        const unsigned char *pg = cairo_image_surface_get_data(got);
        size_t changed = 0, same = 0, title = 0;
        for (int y = 0; y < 200; y++)
            for (int x = 0; x < 300; x++) {
                size_t o4 = (size_t)y * stride + 4 * (size_t)x;
                int is_title = memcmp(pb + o4, pt + o4, 3) != 0;
                int differs = 0;
                for (int c = 0; c < 3; c++) {
                    int va = pa[o4 + c], vb = pb[o4 + c], vg = pg[o4 + c];
                    /* The title is drawn on top, not blended. */
                    double want = is_title ? pt[o4 + c]
                                           : va * (1 - t) + vb * t;
                    if (fabs(vg - want) > 2)
                        fail_msg("frame %d (t %.2f): pixel %d,%d channel %d "
                                 "is %d, want %.1f (old %d, new %d%s)",
                                 k, t, x, y, c, vg, want, va, vb,
                                 is_title ? ", title" : "");
                    differs |= abs(va - vb) > 64;
                }
                if (is_title) {
                    title++;
                } else if (differs) {
                    changed++;
                } else if (!memcmp(pa + o4, pb + o4, 3)) {
                    /* Unchanged: exactly the one colour of both. */
                    if (memcmp(pg + o4, pa + o4, 3))
                        fail_msg("frame %d: unchanged pixel %d,%d differs",
                                 k, x, y);
                    same++;
                }
            }
        /* Not a vacuous check: east's square and the title are there. */
        assert_true(changed > 100);
        assert_true(same > 10000);
        assert_true(title > 50);
        cairo_surface_destroy(got);
        g_free(p);
    }
    /* The date frames either side are untouched by the tweens. */
    char *p0 = g_strdup_printf("%s/000.png", dir);
    char *p4 = g_strdup_printf("%s/004.png", dir);
    cairo_surface_t *f0 = cairo_image_surface_create_from_png(p0);
    cairo_surface_t *f4 = cairo_image_surface_create_from_png(p4);
    const unsigned char *g4 = cairo_image_surface_get_data(f4);
    for (int y = 0; y < 200; y++)
        for (int x = 0; x < 300; x++) {
            size_t o4 = (size_t)y * stride + 4 * (size_t)x;
            if (memcmp(g4 + o4, pt + o4, 3))
                fail_msg("frame 4: pixel %d,%d is not 10-05's", x, y);
        }
    assert_int_equal(cairo_surface_status(f0), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(f0);
    cairo_surface_destroy(f4);
    g_free(p0);
    g_free(p4);
    cairo_surface_destroy(titled);
    cairo_surface_destroy(body_a);
    cairo_surface_destroy(body_b);
    tcmap_snapshot_destroy(a);
    tcmap_snapshot_destroy(b);
    g_free(pattern);
    g_free(dir);
    tcmap_series_destroy(s);
}

/* Tween frames, like date frames, do not depend on -j or on sharding:
 * 30 days with two changes and 2 tween frames each are 34 frames. */
/* The credit line of a tween frame is the new state's, drawn once, not a
 * cross-fade of the old and new sources (issue #14): in the rows where
 * the credit lines of 10-04 (source Alpha) and 10-05 (Bravo) differ, the
 * tween frames are exactly the frame of 10-05. */
static void
test_a_tween_frame_draws_the_new_credit_line_once(void **state)
{
    fixture *f = *state;
    static const char sourced[] = "date,area,party,status,party2,source\n"
                                  "2020-10-01,west,AM,,,Alpha\n"
                                  "2020-10-01,east,AM,,,Alpha\n"
                                  "2020-10-05,east,AZ,,,Bravo\n";
    char *table = tu_write("sourced.csv", sourced);
    tcmap_timeline *tl = NULL;
    tcmap_map *map = NULL;
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(table, NULL, NULL, &tl, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_map_create(f->geo, tl, f->st, &map, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_create(map, "2020-10-04", "2020-10-05",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 3, NULL), TCMAP_OK);
    char *dir = tu_path("tween-credit");
    g_mkdir_with_parents(dir, 0755);
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 400, .height = 300},
                              .jobs = 1};
    assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, &err),
                     TCMAP_OK);
    cairo_surface_t *img[5];
    for (int k = 0; k < 5; k++) {
        char *p = g_strdup_printf("%s/%03d.png", dir, k);
        img[k] = cairo_image_surface_create_from_png(p);
        assert_int_equal(cairo_surface_status(img[k]), CAIRO_STATUS_SUCCESS);
        g_free(p);
    }
    int stride = cairo_image_surface_get_stride(img[0]);
    const unsigned char *old = cairo_image_surface_get_data(img[0]);
    const unsigned char *new = cairo_image_surface_get_data(img[4]);
    /* The credit is the last text of the frame: below the map's frame,
     * in the bottom tenth. */
    size_t credit = 0;
    for (int y = 270; y < 300; y++)
        for (int x = 0; x < 400; x++) {
            size_t o4 = (size_t)y * stride + 4 * (size_t)x;
            if (!memcmp(old + o4, new + o4, 3))
                continue;
            credit++;
            for (int k = 1; k <= 3; k++)
                if (memcmp(cairo_image_surface_get_data(img[k]) + o4,
                           new + o4, 3))
                    fail_msg("tween %d: credit pixel %d,%d is not the new "
                             "state's", k, x, y);
        }
    assert_true(credit > 20); /* Alpha and Bravo do differ there */
    for (int k = 0; k < 5; k++)
        cairo_surface_destroy(img[k]);
    g_free(pattern);
    g_free(dir);
    tcmap_series_destroy(s);
    tcmap_map_destroy(map);
    tcmap_timeline_destroy(tl);
    g_free(table);
}

static void
test_tween_frames_are_the_same_for_any_workers_and_shards(void **state)
{
    fixture *f = *state;
    tcmap_series_result r = {.size = sizeof r};
    char *one = render_tween(f->map, "tw-j1", "png", 1, 0, 0, 2, &r);
    assert_int_equal(r.total, 34);
    char *two = render_tween(f->map, "tw-j2", "png", 2, 0, 0, 2, &r);
    assert_int_equal(r.total, 34);
    assert_same_frames(one, two, "png", 34);
    size_t total = 0;
    for (int k = 0; k < 3; k++) {
        g_free(render_tween(f->map, "tw-shards", "png", 2, k, 3, 2, &r));
        total += r.total;
    }
    assert_int_equal(total, 34);
    char *parts = tu_path("tw-shards");
    assert_same_frames(one, parts, "png", 34);
    /* The tween frames are pictures of their own: frames 4 and 5 fade
     * into 10-05 (frame 6), and neither is frame 3 or 6. */
    size_t l3, l4, l5, l6;
    char *f3 = frame_bytes(one, "png", 3, &l3);
    char *f4 = frame_bytes(one, "png", 4, &l4);
    char *f5 = frame_bytes(one, "png", 5, &l5);
    char *f6 = frame_bytes(one, "png", 6, &l6);
    assert_true(l4 != l5 || memcmp(f4, f5, l4));
    assert_true(l4 != l3 || memcmp(f4, f3, l4));
    assert_true(l5 != l6 || memcmp(f5, f6, l5));
    /* And the date frames are those of a series without tweens. */
    char *plain = render(f->map, "tw-plain", "png", 2, 0, 0, &r);
    size_t lp;
    char *p4 = frame_bytes(plain, "png", 4, &lp);
    assert_true(lp == l6 && !memcmp(p4, f6, lp));
    g_free(p4), g_free(plain);
    g_free(f3), g_free(f4), g_free(f5), g_free(f6);
    g_free(parts);
    g_free(one);
    g_free(two);
}

/* SVG and PDF have no pixels to blend: refused before any file is
 * written, so that a half-written series never looks like a result. */
static void
test_tween_frames_are_png_only(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-10",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 2, NULL), TCMAP_OK);
    char *dir = tu_path("tw-vector");
    g_mkdir_with_parents(dir, 0755);
    const char *ext[] = {"svg", "png"};
    const tcmap_format fmt[] = {TCMAP_FORMAT_AUTO, TCMAP_FORMAT_PDF};
    for (int k = 0; k < 2; k++) {
        char *pattern = g_strdup_printf("%s/%%03d.%s", dir, ext[k]);
        tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120,
                                             .format = fmt[k]}};
        tcmap_error err;
        assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, &err),
                         TCMAP_ERR_ARG);
        assert_non_null(strstr(err.message, "tween frames are PNG only"));
        assert_non_null(strstr(err.message, pattern));
        assert_int_equal(count_files(dir, ""), 0);
        g_free(pattern);
    }
    /* Without tweens the same SVG series renders. */
    assert_int_equal(tcmap_series_set_tween(s, 0, NULL), TCMAP_OK);
    char *pattern = g_strdup_printf("%s/%%03d.svg", dir);
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120}};
    assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, NULL),
                     TCMAP_OK);
    assert_int_equal(count_files(dir, ".svg"), 10);
    g_free(pattern);
    g_free(dir);
    tcmap_series_destroy(s);
}

static void
test_a_stopped_run_resumes_to_the_same_series(void **state)
{
    fixture *f = *state;
    char *dir = tu_path("killed"), *full = tu_path("uninterrupted");
    char *pattern = g_strdup_printf("%s/%%04d.png", dir);
    char *full_pattern = g_strdup_printf("%s/%%04d.png", full);
    g_mkdir_with_parents(dir, 0755);
    assert_int_equal(run_and_kill(f, dir, SIGTERM, 20), 143);
    size_t kept = count_files(dir, ".png");
    assert_true(kept >= 20 && kept < 11000);
    assert_int_equal(count_files(dir, ".tmp-"), 0);
    /* What a SIGKILL leaves: a temporary file of a run that is gone (no
     * process has that pid on this host) and, had the disk lost a write,
     * a cut frame. */
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    char *stale = g_strdup_printf("%s/0003.png.tmp-%d@%s-0123456789abcdef",
                                  dir, tu_dead_pid(), host);
    char *cut = g_strdup_printf("%s/0004.png", dir);
    g_file_set_contents(stale, "half", -1, NULL);
    g_file_set_contents(cut, "\x89PNG\r\n\x1a\nhalf a frame", -1, NULL);
    char *err = NULL;
    /* Frame numbers are indices from --from, so a shorter --to resumes
     * the first 91 frames of the killed series. */
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-09-01",
                            "--to", "2020-11-30", "--size", "400x300",
                            "--resume", "--geodata", f->geodata, "--style",
                            f->style, "--control", f->table, "-o", pattern,
                            NULL),
                     0);
    assert_non_null(strstr(err, "kept"));
    g_free(err);
    assert_false(g_file_test(stale, G_FILE_TEST_EXISTS));
    assert_int_equal(tu_run(NULL, NULL, "frames", "--from", "2020-09-01",
                            "--to", "2020-11-30", "--size", "400x300", "-q",
                            "--geodata", f->geodata, "--style", f->style,
                            "--control", f->table, "-o", full_pattern, NULL),
                     0);
    for (int i = 0; i < 91; i++) {
        size_t la = 0, lb = 0;
        char *pa = g_strdup_printf("%s/%04d.png", dir, i);
        char *pb = g_strdup_printf("%s/%04d.png", full, i);
        char *a = tu_read(pa, &la), *b = tu_read(pb, &lb);
        if (!a || !b || la != lb || memcmp(a, b, la))
            fail_msg("frame %d differs after resume", i);
        g_free(a);
        g_free(b);
        g_free(pa);
        g_free(pb);
    }
    g_free(stale);
    g_free(cut);
    g_free(pattern);
    g_free(full_pattern);
    g_free(dir);
    g_free(full);
}

static void
test_ctrl_c_exits_130_without_temp_files(void **state)
{
    fixture *f = *state;
    char *dir = tu_path("interrupted");
    g_mkdir_with_parents(dir, 0755);
    assert_int_equal(run_and_kill(f, dir, SIGINT, 5), 130);
    assert_true(count_files(dir, ".png") >= 5);
    assert_int_equal(count_files(dir, ".tmp-"), 0);
    g_free(dir);
}

static void
test_video_without_ffmpeg_says_so_before_drawing(void **state)
{
    fixture *f = *state;
    char *dir = tu_path("novideo");
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    char *video = g_strdup_printf("%s/out.mp4", dir);
    /* A PATH with no ffmpeg on it (the program itself is run by path). */
    const char *argv[] = {TCMAP_EXE, "frames", "--from", "2020-10-01",
                          "--to", "2020-10-03", "--geodata", f->geodata,
                          "--style", f->style, "--control", f->table, "-o",
                          pattern, "--video", video, NULL};
    char *env[] = {"PATH=/nonexistent", NULL};
    char *err = NULL;
    int status = 0;
    assert_true(g_spawn_sync(NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL,
                             NULL, NULL, &err, &status, NULL));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_non_null(strstr(err, "--video needs ffmpeg, which is not on PATH"));
    assert_false(g_file_test(dir, G_FILE_TEST_EXISTS));
    g_free(err);
    g_free(video);
    g_free(pattern);
    g_free(dir);
}

static void
test_video_with_ffmpeg_is_written(void **state)
{
    fixture *f = *state;
    char *ffmpeg = g_find_program_in_path("ffmpeg");
    if (!ffmpeg) {
        printf("SKIP: ffmpeg is not installed\n");
        skip();
    }
    g_free(ffmpeg);
    char *dir = tu_path("video");
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    char *video = g_strdup_printf("%s/out.mp4", dir);
    assert_int_equal(tu_run(NULL, NULL, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-08", "--size", "161x121", "-q",
                            "--geodata", f->geodata, "--style", f->style,
                            "--control", f->table, "-o", pattern, "--video",
                            video, NULL),
                     0);
    size_t len = 0;
    char *data = tu_read(video, &len);
    assert_non_null(data);
    assert_true(len > 12 && !memcmp(data + 4, "ftyp", 4)); /* MP4 */
    assert_int_equal(count_files(dir, ".tmp-"), 0);
    assert_int_equal(count_files(dir, ".png"), 8); /* -o still writes */
    /* Assembled from the files with the holds too: 8 dates at the
     * default 0.25 s, at 25 fps. */
    char *probe = g_find_program_in_path("ffprobe");
    if (probe) {
        char *cmd = g_strdup_printf("ffprobe -v error -show_entries "
                                    "format=duration -of csv=p=0 '%s'",
                                    video);
        char *out = NULL;
        assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
        assert_true(fabs(g_ascii_strtod(out, NULL) - 2.0) < 0.02);
        g_free(out);
        g_free(cmd);
    }
    g_free(probe);
    g_free(data);
    g_free(video);
    g_free(pattern);
    g_free(dir);
}

/* The page is built from parts (issue #14): the last date's frame once,
 * one layer per state run but the last, one patch per date whose date
 * line differs from the last date's; 30 days with changes on 10-05 and
 * 10-09 make 3 runs. It needs no frame files and makes no request. The
 * pixels are checked in Chromium (tests/browser). */
static void
test_the_page_is_built_from_shared_parts(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-30",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    char *dir = tu_path("page");
    g_mkdir_with_parents(dir, 0755);
    char *page = g_strdup_printf("%s/page.html", dir);
    tcmap_page_options po = {.size = sizeof po, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120}};
    tcmap_error err;
    assert_int_equal(tcmap_series_write_html(s, page, &po, &err), TCMAP_OK);
    size_t len = 0;
    char *html = tu_read(page, &len);
    assert_non_null(html);
    GString *dates = g_string_new("\"dates\":[");
    for (size_t i = 0; i < 30; i++)
        g_string_append_printf(dates, "%s\"%s\"", i ? "," : "",
                               tcmap_series_date(s, i));
    g_string_append(dates, "]");
    assert_non_null(strstr(html, dates->str));
    g_string_free(dates, TRUE);
    assert_non_null(strstr(html, "\"run\":[0,0,0,0,1,1,1,1,2,2,"));
    assert_non_null(strstr(html, "\"change\":[0,0,0,0,1,0,0,0,1,0,"));
    /* One base image in the markup, then 2 layers and 29 patches (each
     * date's line but the last date's own) in the table. */
    size_t pngs = 0;
    for (const char *at = html; (at = strstr(at, "data:image/png")); at++)
        pngs++;
    assert_int_equal(pngs, 1 + 2 + 29);
    assert_non_null(strstr(html, "<html lang=\"en-GB\">"));
    assert_non_null(strstr(html, "max=\"29\""));
    assert_null(strstr(html, "http:"));
    assert_null(strstr(html, "https:"));
    assert_null(strstr(html, "document.addEventListener"));
    /* The ticks name the area that changed hands, or changed status. */
    assert_non_null(strstr(html, "\"ticks\":[[4,\"East\"],[8,\"East\"]]"));
    /* Smaller than the 30 frames it stands for. */
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120}};
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, &err),
                     TCMAP_OK);
    size_t frames = 0;
    for (int i = 0; i < 30; i++) {
        size_t n = 0;
        g_free(frame_bytes(dir, "png", i, &n));
        frames += n;
    }
    assert_true(len < frames / 2);
    g_free(pattern);
    g_free(html);
    /* Errors: a size out of range, a page that cannot be written. */
    po.render = &(tcmap_render_options){.size = sizeof(tcmap_render_options),
                                        .width = 5, .height = 120};
    assert_int_equal(tcmap_series_write_html(s, page, &po, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "size 5x120 is outside"));
    char *nowhere = g_strdup_printf("%s/no/such/dir/page.html", dir);
    assert_int_equal(tcmap_series_write_html(s, nowhere, NULL, &err),
                     TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, nowhere));
    g_free(nowhere);
    g_free(page);
    tcmap_series_destroy(s);
    g_free(dir);
}

/* A sink gets every frame in order with the pixels of the PNG files, and
 * without a pattern no file is written. */
typedef struct sunk {
    size_t n, order_ok;
    GByteArray *px[32];
} sunk;

static int
take_frame(void *user, size_t i, const unsigned char *px, int width,
           int height, int stride)
{
    sunk *k = user;
    k->order_ok += i == k->n;
    if (k->n < 32) {
        k->px[k->n] = g_byte_array_new();
        for (int y = 0; y < height; y++)
            g_byte_array_append(k->px[k->n], px + (size_t)y * stride,
                                (guint)width * 4);
    }
    k->n++;
    return 0;
}

static int
refuse_frame(void *user, size_t i, const unsigned char *px, int width,
             int height, int stride)
{
    (void)user, (void)px, (void)width, (void)height, (void)stride;
    return i == 2;
}

static void
test_a_sink_takes_the_frames_in_order_without_files(void **state)
{
    fixture *f = *state;
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(f->map, "2020-10-01", "2020-10-10",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 1, NULL), TCMAP_OK);
    sunk k = {0};
    tcmap_series_options o = {.size = sizeof o, .render = &(tcmap_render_options){.size = sizeof(tcmap_render_options), .width = 160, .height = 120},
                              .jobs = 2, .sink = take_frame,
                              .sink_user = &k};
    tcmap_error err;
    tcmap_series_result r = {.size = sizeof r};
    char *dir = tu_path("sink");
    g_mkdir_with_parents(dir, 0755);
    assert_int_equal(tcmap_series_render(s, NULL, &o, &r, &err), TCMAP_OK);
    assert_int_equal(count_files(dir, ""), 0);
    assert_int_equal(k.n, 12); /* 10 dates and a tween before 2 changes */
    assert_int_equal(k.order_ok, 12);
    /* The same pixels as the files. */
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    o.sink = NULL;
    assert_int_equal(tcmap_series_render(s, pattern, &o, NULL, &err),
                     TCMAP_OK);
    for (int i = 0; i < 12; i++) {
        char *p = g_strdup_printf("%s/%03d.png", dir, i);
        cairo_surface_t *img = cairo_image_surface_create_from_png(p);
        assert_int_equal(cairo_image_surface_get_stride(img), 160 * 4);
        const unsigned char *px = cairo_image_surface_get_data(img);
        for (size_t b = 0; b < k.px[i]->len; b++)
            if ((b & 3) != 3 && px[b] != k.px[i]->data[b])
                fail_msg("frame %d: byte %zu differs from its file", i, b);
        cairo_surface_destroy(img);
        g_free(p);
        g_byte_array_unref(k.px[i]);
    }
    /* A sink that stops taking frames stops the run; shards, resume and
     * vector frames are refused. */
    o.sink = refuse_frame;
    assert_int_equal(tcmap_series_render(s, NULL, &o, NULL, &err),
                     TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, "frame 2: the frame sink stopped"));
    o.shard_count = 2;
    assert_int_equal(tcmap_series_render(s, NULL, &o, NULL, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "without shards or resume"));
    o.shard_count = 0;
    o.render = &(tcmap_render_options){.size = sizeof(tcmap_render_options),
                                       .width = 160, .height = 120,
                                       .format = TCMAP_FORMAT_SVG};
    assert_int_equal(tcmap_series_set_tween(s, 0, NULL), TCMAP_OK);
    assert_int_equal(tcmap_series_render(s, NULL, &o, NULL, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "a frame sink takes PNG frames"));
    o.sink = NULL;
    assert_int_equal(tcmap_series_render(s, NULL, &o, NULL, &err),
                     TCMAP_ERR_ARG);
    g_free(pattern);
    g_free(dir);
    tcmap_series_destroy(s);
}

/* --tween N with PNG frames writes the dates and N frames per change,
 * resumes them all and puts them on the page; with SVG or PDF frames it is
 * a usage error that names the option. */
static void
test_the_program_writes_tween_frames(void **state)
{
    fixture *f = *state;
    char *dir = tu_path("tw-cli");
    char *pattern = g_strdup_printf("%s/%%03d.png", dir);
    char *page = g_strdup_printf("%s/page.html", dir);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-10", "--size", "160x120",
                            "--tween", "2", "--geodata", f->geodata,
                            "--style", f->style, "--control", f->table, "-o",
                            pattern, "--html", page, NULL),
                     0);
    /* 10 dates, changes on 10-05 and 10-09. */
    assert_int_equal(count_files(dir, ".png"), 14);
    assert_non_null(strstr(err, "14/14 done"));
    g_free(err);
    /* The page's slider walks the dates: tweens are for videos. */
    char *html = tu_read(page, NULL);
    assert_non_null(strstr(html, "max=\"9\""));
    g_free(html);
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-10", "--size", "160x120",
                            "--tween", "2", "--resume", "--geodata",
                            f->geodata, "--style", f->style, "--control",
                            f->table, "-o", pattern, NULL),
                     0);
    assert_non_null(strstr(err, "0 drawn, 0 reused the map of the day "
                                "before, 14 kept"));
    g_free(err);
    const char *vector[][4] = {{"--format", "svg", "%d.png", "x"},
                               {"--format", "pdf", "%d.pdf", "x"},
                               {"--png", "default", "%d.svg", "x"}};
    for (int k = 0; k < 3; k++) {
        assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                                "--to", "2020-10-10", "--tween", "1",
                                vector[k][0], vector[k][1], "-o",
                                vector[k][2], NULL),
                         2);
        assert_non_null(strstr(err, "--tween needs PNG frames"));
        g_free(err);
    }
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-10", "--tween", "101", "-o",
                            "%d.png", NULL),
                     2);
    assert_non_null(strstr(err, "--tween '101' is not a number of frames"));
    g_free(err);
    g_free(page);
    g_free(pattern);
    g_free(dir);
}

static void
test_usage_errors_are_all_reported(void **state)
{
    (void)state;
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-13-01",
                            "--step", "2q", "--shard", "3/3", "-j", "0",
                            "-o", "x.png", "--video", "x.avi", NULL),
                     2);
    assert_non_null(strstr(err, "--from '2020-13-01' is not a date"));
    assert_non_null(strstr(err, "--step '2q'"));
    assert_non_null(strstr(err, "--shard '3/3'"));
    assert_non_null(strstr(err, "-j '0'"));
    assert_non_null(strstr(err, "--video 'x.avi'"));
    assert_non_null(strstr(err, "exactly one frame number"));
    assert_non_null(strstr(err, "--from and --to are required"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-02", "--hold", "1h",
                            "--hold-changes", "-1s", "--hold-end", "soon",
                            NULL),
                     2);
    assert_non_null(strstr(err, "--hold '1h' is not a duration"));
    assert_non_null(strstr(err, "--hold-changes '-1s' is not a duration"));
    assert_non_null(strstr(err, "--hold-end 'soon' is not a duration"));
    assert_non_null(strstr(err, "-o PATTERN is required without --video"));
    assert_non_null(strstr(err, "pace a video; give --video FILE"));
    g_free(err);
}

/* --html alone writes the page and no frame file; --video alone streams
 * (tests/test_cli.c checks its length). The page's <title>, heading and
 * credit are --title and --credit as text (escaped: issue #23). */
static void
test_a_page_needs_no_frame_files(void **state)
{
    fixture *f = *state;
    char *dir = tu_path("page-only");
    g_mkdir_with_parents(dir, 0755);
    char *page = g_strdup_printf("%s/page.html", dir);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "frames", "--from", "2020-10-01",
                            "--to", "2020-10-10", "--size", "160x120",
                            "--lang", "de", "--geodata", f->geodata,
                            "--style", f->style, "--control", f->table,
                            "--title", "A <b>&amp; \"q\"", "--credit",
                            "Desk <i>", "--html", page, NULL),
                     0);
    g_free(err);
    assert_int_equal(count_files(dir, ""), 1);
    char *html = tu_read(page, NULL);
    assert_non_null(strstr(html, "<html lang=\"de\">"));
    const char *text = "A &lt;b&gt;&amp;amp; &quot;q&quot;";
    char *title = g_strdup_printf("<title>%s</title>", text);
    char *h1 = g_strdup_printf("<h1 class=\"tcmap-heading\">%s</h1>", text);
    assert_non_null(strstr(html, title));
    assert_non_null(strstr(html, h1));
    assert_non_null(strstr(html, "Desk &lt;i&gt;</p>"));
    assert_null(strstr(html, "<b>"));
    g_free(title);
    g_free(h1);
    g_free(html);
    g_free(page);
    g_free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_step_gives_its_dates_in_order),
        cmocka_unit_test(test_events_step_gives_the_dates_of_changes),
        cmocka_unit_test(test_bad_ranges_are_refused),
        cmocka_unit_test(test_frame_names_take_the_index_in_the_whole_series),
        cmocka_unit_test(test_runs_start_where_the_state_changes),
        cmocka_unit_test(test_two_workers_write_the_same_bytes_as_one),
        cmocka_unit_test(test_shards_together_are_the_whole_series),
        cmocka_unit_test(test_state_runs_draw_the_map_once),
        cmocka_unit_test(test_png_frames_hold_the_pixels_of_body_and_title),
        cmocka_unit_test(test_the_legend_is_locked_for_the_series),
        cmocka_unit_test(test_labels_stay_put_over_the_whole_series),
        cmocka_unit_test(test_changes_since_marks_frames_after_a_change),
        cmocka_unit_test(test_complete_files_are_told_from_cut_ones),
        cmocka_unit_test(test_a_stopped_run_resumes_to_the_same_series),
        cmocka_unit_test(test_ctrl_c_exits_130_without_temp_files),
        cmocka_unit_test(test_video_without_ffmpeg_says_so_before_drawing),
        cmocka_unit_test(test_video_with_ffmpeg_is_written),
        cmocka_unit_test(test_the_page_is_built_from_shared_parts),
        cmocka_unit_test(test_a_sink_takes_the_frames_in_order_without_files),
        cmocka_unit_test(test_usage_errors_are_all_reported),
        cmocka_unit_test(test_a_page_needs_no_frame_files),
        cmocka_unit_test(test_tween_frames_come_before_each_change),
        cmocka_unit_test(test_tween_frames_count_against_the_frame_cap),
        cmocka_unit_test(
            test_a_tween_frame_blends_the_two_maps_under_the_new_title),
        cmocka_unit_test(
            test_tween_frames_are_the_same_for_any_workers_and_shards),
        cmocka_unit_test(test_tween_frames_are_png_only),
        cmocka_unit_test(
            test_a_frames_title_and_its_locked_legend_look_at_the_panel_no_more),
        cmocka_unit_test(test_a_tween_frame_draws_the_new_credit_line_once),
        cmocka_unit_test(test_the_program_writes_tween_frames),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
