/* The embedding API: opening in one call, tables in memory, queries, stats,
 * and one map shared read-only by renders on several threads. Every call's
 * failure is checked for its status and its message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SRC(rel) TCMAP_SOURCE_DIR "/" rel

/* The squares' map (TU_SQUARE_TABLE) and its areas' indices. */
typedef struct fixture {
    tcmap_map *map;
    size_t west, east, ctx;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    tcmap_error err;
    if (tu_square_map("inline.csv", &fx.map))
        return -1;
    const tcmap_geodata *geo = tcmap_map_geodata(fx.map);
    if (tcmap_geodata_area_find(geo, "west", &fx.west, &err) ||
        tcmap_geodata_area_find(geo, "east", &fx.east, &err) ||
        tcmap_geodata_area_find(geo, "ctx", &fx.ctx, &err)) {
        print_error("fixture: %s\n", err.message);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    tcmap_map_destroy(fx->map);
    return 0;
}

static void
test_memory_table_loads_and_names_itself_in_events(void **state)
{
    fixture *fx = *state;
    const tcmap_timeline *tl = tcmap_map_timeline(fx->map);
    assert_int_equal(tcmap_timeline_event_count(tl), 4);
    const tcmap_event *ev = NULL;
    assert_int_equal(tcmap_timeline_event(tl, 3, &ev, NULL), TCMAP_OK);
    /* The timeline's own event, not a copy: the same pointer each time. */
    const tcmap_event *again = NULL;
    assert_int_equal(tcmap_timeline_event(tl, 3, &again, NULL), TCMAP_OK);
    assert_ptr_equal(ev, again);
    assert_int_equal(ev->size, sizeof(tcmap_event));
    assert_string_equal(ev->file, "inline.csv");
    assert_int_equal(ev->line, 5);
    assert_string_equal(ev->party2, "AM");
    tcmap_error err;
    assert_int_equal(tcmap_timeline_event(tl, 4, &ev, &err), TCMAP_ERR_ARG);
    assert_null(ev);
}

static void
report_counter(void *user, const char *msg)
{
    (void)msg;
    ++*(int *)user;
}

static void
test_memory_table_errors_name_the_given_file_and_line(void **state)
{
    (void)state;
    tcmap_timeline *tl = (tcmap_timeline *)&tl; /* must be reset to NULL */
    tcmap_error err;
    int reports = 0;
    tcmap_status st = tcmap_timeline_load_memory(
        "date,area,party\n2000-01-01,west,AZ\n2000-02-30,east,AM\n"
        "2001-01-01,,AM\n",
        "pasted.csv", report_counter, &reports, &tl, &err);
    assert_int_equal(st, TCMAP_ERR_DATA);
    assert_int_equal(err.status, TCMAP_ERR_DATA);
    assert_null(tl);
    assert_string_equal(err.message, "pasted.csv:3: date '2000-02-30' does "
                                     "not exist in the calendar");
    assert_int_equal(reports, 2);

    st = tcmap_timeline_load_memory("date,area\n2000-01-01,west\n", NULL,
                                    NULL, NULL, &tl, &err);
    assert_int_equal(st, TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "<memory>:1: missing required "
                                        "column 'party'"));

    /* A file on the disk that has the given name is not what is read:
     * its rows would number the lines otherwise. */
    g_autofree char *decoy = tu_write("decoy.csv",
                                      "date,area,party\n\n\n\n"
                                      "2000-01-01,west,AZ\n"
                                      "2000-02-30,east,AM\n");
    st = tcmap_timeline_load_memory(
        "date,area,party\n2000-01-01,west,AZ\n2000-02-30,east,AM\n", decoy,
        NULL, NULL, &tl, &err);
    assert_int_equal(st, TCMAP_ERR_DATA);
    g_autofree char *want = g_strdup_printf("%s:3: date", decoy);
    if (strncmp(err.message, want, strlen(want)))
        fail_msg("%s", err.message);

    st = tcmap_timeline_load_memory(NULL, "x", NULL, NULL, &tl, &err);
    assert_int_equal(st, TCMAP_ERR_ARG);
    assert_string_equal(err.message, "timeline: NULL csv text or out");
}

static void
test_map_open_from_paths_owns_its_inputs(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_map_open(SRC("geodata"),
                                    SRC("geodata/control/karabakh.csv"),
                                    SRC("styles/default.ini"), &map, &err),
                     TCMAP_OK);
    assert_int_equal(err.status, TCMAP_OK);
    const tcmap_style *style = tcmap_map_style(map);
    assert_string_equal(tcmap_style_crs(style), "EPSG:32638");
    size_t lachin;
    assert_int_equal(tcmap_geodata_area_find(tcmap_map_geodata(map), "lachin",
                                             &lachin, &err),
                     TCMAP_OK);
    assert_true(tcmap_timeline_event_count(tcmap_map_timeline(map)) > 10);
    tcmap_map_destroy(map); /* ASan's leak check proves the inputs go too */
}

static void
test_map_open_failures_say_which_input_and_why(void **state)
{
    (void)state;
    tcmap_map *map = (tcmap_map *)&map;
    tcmap_error err;
    assert_int_equal(tcmap_map_open(SRC("geodata"), NULL,
                                    SRC("styles/default.ini"), &map, &err),
                     TCMAP_ERR_ARG);
    assert_null(map);
    assert_non_null(strstr(err.message, "map: NULL path"));

    assert_int_equal(tcmap_map_open(SRC("geodata"),
                                    SRC("geodata/control/karabakh.csv"),
                                    "/nonexistent/style.ini", &map, &err),
                     TCMAP_ERR_IO);
    assert_null(map);
    assert_non_null(strstr(err.message, "/nonexistent/style.ini"));

    assert_int_equal(tcmap_map_open(SRC("geodata"), "/nonexistent.csv",
                                    SRC("styles/default.ini"), &map, &err),
                     TCMAP_ERR_IO);
    assert_string_equal(err.message, "/nonexistent.csv: no such file");
}

static void
test_map_adopt_frees_its_inputs_when_it_fails(void **state)
{
    (void)state;
    char *geo_dir = tu_square_geodata("geo_adopt");
    char *style_path = tu_square_style("style_adopt.ini");
    tcmap_style *style = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    tcmap_map *map = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(style_path, &style, NULL), TCMAP_OK);
    assert_int_equal(tcmap_geodata_load(geo_dir, NULL, &geo, NULL), TCMAP_OK);
    assert_int_equal(tcmap_timeline_load_memory("date,area,party\n"
                                                "2000-01-01,wset,AZ\n",
                                                "t.csv", NULL, NULL, &tl,
                                                NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_map_adopt(geo, tl, style, &map, &err),
                     TCMAP_ERR_DATA);
    assert_null(map);
    assert_string_equal(err.message, "t.csv:2: unknown area 'wset' (did you "
                                     "mean 'west'?)");
    /* Nothing to free here: under ASan a leak would fail the test. */
    assert_int_equal(tcmap_map_adopt(NULL, NULL, NULL, &map, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "map: NULL argument");
    g_free(geo_dir);
    g_free(style_path);
}

static void
test_queries_reach_the_inputs_of_a_snapshot(void **state)
{
    fixture *fx = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(fx->map, "2012-01-01", &snap,
                                           NULL),
                     TCMAP_OK);
    assert_ptr_equal(tcmap_snapshot_map(snap), fx->map);
    const tcmap_style *style = tcmap_map_style(fx->map);
    /* The style's own contested, then the built-in statuses it does not
     * define (peacekeeping, ceasefire, disputed). */
    assert_int_equal(tcmap_style_status_count(style), 4);
    assert_string_equal(tcmap_style_status_id(style, 0), "contested");
    assert_string_equal(tcmap_style_status_label(style, 0), "Contested");
    assert_string_equal(tcmap_style_status_id(style, 1), "peacekeeping");
    assert_string_equal(tcmap_style_status_id(style, 2), "ceasefire");
    assert_string_equal(tcmap_style_status_id(style, 3), "disputed");
    assert_null(tcmap_style_status_id(style, 4));
    size_t party = 99;
    tcmap_error err;
    assert_int_equal(tcmap_style_party_find(style, "AM", &party, &err),
                     TCMAP_OK);
    assert_int_equal(party, 1);
    party = 99;
    assert_int_equal(tcmap_style_party_find(style, "XX", &party, &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message, "no party 'XX'");
    assert_int_equal(party, 99);
    assert_int_equal(tcmap_style_party_find(NULL, "AM", &party, &err),
                     TCMAP_ERR_ARG);
    const tcmap_event *e = tcmap_snapshot_area_event(snap, fx->east);
    assert_string_equal(e->party, "AZ");
    assert_string_equal(e->status, "contested");
    assert_null(tcmap_map_style(NULL));
    assert_null(tcmap_snapshot_map(NULL));
    tcmap_snapshot_destroy(snap);
}

static void
test_stats_sum_the_measured_km2_of_each_party(void **state)
{
    fixture *fx = *state;
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    double west = tcmap_geodata_area_km2(geo, fx->west);
    double east = tcmap_geodata_area_km2(geo, fx->east);
    double ctx = tcmap_geodata_area_km2(geo, fx->ctx);
    /* 10 x 10 km minus a 2 x 2 km hole, measured on an equal-area
     * projection: close to, not exactly, the UTM figures. */
    assert_true(fabs(west - 96) < 0.5 && fabs(east - 100) < 0.5);

    tcmap_snapshot *snap = NULL;
    tcmap_stats *st = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(fx->map, "2005-01-01", &snap,
                                           NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_stats(snap, NULL, &st, &err), TCMAP_OK);
    assert_int_equal(tcmap_stats_count(st), 3);
    assert_string_equal(tcmap_stats_party(st, 0), "AZ");
    assert_string_equal(tcmap_stats_party(st, 2), "none");
    assert_null(tcmap_stats_party(st, 3));
    assert_float_equal(tcmap_stats_km2(st, 0), west, 1e-9);
    assert_float_equal(tcmap_stats_km2(st, 1), east, 1e-9);
    assert_float_equal(tcmap_stats_total_km2(st), west + east, 1e-9);
    assert_float_equal(tcmap_stats_share(st, 0), west / (west + east), 1e-9);
    assert_int_equal(tcmap_stats_areas(st, 1), 1);
    assert_float_equal(tcmap_stats_gained_km2(st, 0), 0, 0);
    tcmap_stats_destroy(st);

    tcmap_stats_options all = {.size = sizeof all, .include_context = 1};
    assert_int_equal(tcmap_snapshot_stats(snap, &all, &st, NULL), TCMAP_OK);
    assert_float_equal(tcmap_stats_km2(st, 1), east + ctx, 1e-9);
    tcmap_stats_destroy(st);
    tcmap_snapshot_destroy(snap);
}

static void
test_stats_since_count_gains_and_losses(void **state)
{
    fixture *fx = *state;
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    double east = tcmap_geodata_area_km2(geo, fx->east);
    double west = tcmap_geodata_area_km2(geo, fx->west);
    tcmap_snapshot *snap = NULL;
    tcmap_stats *st = NULL;
    assert_int_equal(tcmap_snapshot_create(fx->map, "2012-01-01", &snap,
                                           NULL),
                     TCMAP_OK);
    tcmap_stats_options o = {.size = sizeof o, .since = "2005-01-01"};
    assert_int_equal(tcmap_snapshot_stats(snap, &o, &st, NULL), TCMAP_OK);
    assert_float_equal(tcmap_stats_gained_km2(st, 0), east, 1e-9);
    assert_float_equal(tcmap_stats_lost_km2(st, 0), 0, 0);
    assert_float_equal(tcmap_stats_lost_km2(st, 1), east, 1e-9);
    assert_float_equal(tcmap_stats_km2(st, 0), east + west, 1e-9);
    tcmap_stats_destroy(st);
    /* Before the first event every area was "none": all of it is gained. */
    o.since = "1999-01-01";
    assert_int_equal(tcmap_snapshot_stats(snap, &o, &st, NULL), TCMAP_OK);
    assert_float_equal(tcmap_stats_lost_km2(st, 2), east + west, 1e-9);
    tcmap_stats_destroy(st);
    int changed = -1;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_area_changed(snap, fx->east, "2005-01-01",
                                                 &changed, &err),
                     TCMAP_OK);
    assert_true(changed);
    assert_int_equal(tcmap_snapshot_area_changed(snap, fx->west, "2005-01-01",
                                                 &changed, &err),
                     TCMAP_OK);
    assert_false(changed);
    assert_int_equal(tcmap_snapshot_area_changed(snap, fx->east, "2011-01-01",
                                                 &changed, &err),
                     TCMAP_OK);
    assert_false(changed);
    /* A bad date is an error, no longer the same 0 as "not changed". */
    changed = -1;
    assert_int_equal(tcmap_snapshot_area_changed(snap, fx->east, "2005-1-1",
                                                 &changed, &err),
                     TCMAP_ERR_DATA);
    assert_int_equal(changed, 0);
    assert_int_equal(tcmap_snapshot_area_changed(snap, 99, "2005-01-01",
                                                 &changed, &err),
                     TCMAP_ERR_ARG);

    st = (tcmap_stats *)&st;
    o.since = "2005-13-01";
    assert_int_equal(tcmap_snapshot_stats(snap, &o, &st, &err),
                     TCMAP_ERR_DATA);
    assert_null(st);
    assert_string_equal(err.message,
                        "date '2005-13-01' does not exist in the calendar");
    assert_int_equal(tcmap_snapshot_stats(NULL, NULL, &st, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "stats: NULL argument");
    tcmap_snapshot_destroy(snap);
}

/* Pixels of exactly `rgb` in a render of the fixture on 2012-01-01. */
static size_t
count_colour(const tcmap_map *map, const char *since, uint32_t rgb)
{
    tcmap_snapshot *snap = NULL;
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(img);
    tcmap_render_options opt = {.size = sizeof opt, .changes_since = since};
    assert_int_equal(tcmap_snapshot_create(map, "2012-01-01", &snap, NULL),
                     TCMAP_OK);
    assert_int_equal(
        tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, 800, 600}, &opt,
                            NULL), TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    size_t n = 0;
    unsigned char *d = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < 600; y++)
        for (int x = 0; x < 800; x++)
            n += (*(uint32_t *)(d + y * stride + 4 * x) & 0xffffff) == rgb;
    cairo_surface_destroy(img);
    tcmap_snapshot_destroy(snap);
    return n;
}

static void
test_change_layer_outlines_only_areas_that_changed_hands(void **state)
{
    fixture *fx = *state;
    /* AZ's fill #0000ff darkened by 45 % toward black. */
    const uint32_t outline = 0x00008c;
    assert_int_equal(count_colour(fx->map, NULL, outline), 0);
    /* east passed from AM to AZ in 2010: outlined (a 10 km square's
     * inner edge at this scale is hundreds of pixels). */
    assert_true(count_colour(fx->map, "2005-01-01", outline) > 300);
    /* Nothing changed hands since 2011. */
    assert_int_equal(count_colour(fx->map, "2011-01-01", outline), 0);
}

static void
test_cli_stats_since_and_render_changes_since(void **state)
{
    fixture *fx = *state;
    char *geo_dir = tu_square_geodata("geo_cli");
    char *style = tu_square_style("style_cli.ini");
    char *table = tu_write("table_cli.csv", TU_SQUARE_TABLE);
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "stats", "--geodata", geo_dir, "--style",
                    style, "--control", table, "--date", "2012-01-01",
                    "--since", "2005-01-01", NULL);
    if (rc != 0)
        fail_msg("stats: exit %d: %s", rc, err);
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    double west = tcmap_geodata_area_km2(geo, fx->west);
    double east = tcmap_geodata_area_km2(geo, fx->east);
    char *want = g_strdup_printf("party,area_km2,share,gained_km2,lost_km2\n"
                                 "AZ,%.1f,1.0000,%.1f,0.0\n"
                                 "AM,0.0,0.0000,0.0,%.1f\n",
                                 west + east, east, east);
    assert_string_equal(out, want);
    g_free(want), g_free(out), g_free(err);
    assert_int_equal(tu_run(NULL, &err, "stats", "--since", "2005-02-30",
                            NULL),
                     2);
    assert_non_null(strstr(err, "--since '2005-02-30' is not a date"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "render", "--changes-since", "x",
                            "-o", "x.png", NULL),
                     2);
    assert_non_null(strstr(err, "--changes-since 'x' is not a date"));
    g_free(err);
    g_free(geo_dir), g_free(style), g_free(table);
}

/* ---- one map, many threads ---- */

enum { N_THREADS = 4, IMG_W = 320, IMG_H = 240 };
static const char *const DATES[N_THREADS] = {"1992-06-01", "1994-05-12",
                                             "2020-10-20", "2023-10-01"};

typedef struct job {
    const tcmap_map *map;
    const char *date;
    cairo_surface_t *img;
    tcmap_status st;
    char message[512];
} job;

static void *
render_job(void *arg)
{
    job *j = arg;
    tcmap_snapshot *snap = NULL;
    tcmap_error err = {0};
    j->img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, IMG_W, IMG_H);
    /* Each thread renders its date several times, so that the renders
     * overlap in time even on a machine with few cores. */
    for (int rep = 0; rep < 3 && err.status == TCMAP_OK; rep++) {
        cairo_t *cr = cairo_create(j->img);
        if (tcmap_snapshot_create(j->map, j->date, &snap, &err) == TCMAP_OK)
            tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, IMG_W, IMG_H},
                                NULL, &err);
        tcmap_snapshot_destroy(snap);
        snap = NULL;
        cairo_destroy(cr);
    }
    cairo_surface_flush(j->img);
    j->st = err.status;
    snprintf(j->message, sizeof j->message, "%s", err.message);
    return NULL;
}

static size_t
rows_differing(cairo_surface_t *x, cairo_surface_t *y)
{
    unsigned char *a = cairo_image_surface_get_data(x);
    unsigned char *b = cairo_image_surface_get_data(y);
    int stride = cairo_image_surface_get_stride(x);
    size_t differ = 0;
    for (int r = 0; r < IMG_H; r++)
        differ += memcmp(a + r * stride, b + r * stride, 4 * IMG_W) != 0;
    return differ;
}

static void
test_one_map_renders_on_many_threads_as_on_one(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_map_open(SRC("geodata"),
                                    SRC("geodata/control/karabakh.csv"),
                                    SRC("styles/default.ini"), &map, &err),
                     TCMAP_OK);
    job serial[N_THREADS], parallel[N_THREADS];
    pthread_t th[N_THREADS];
    for (int i = 0; i < N_THREADS; i++) {
        serial[i] = (job){.map = map, .date = DATES[i]};
        parallel[i] = serial[i];
        render_job(&serial[i]);
        assert_int_equal(serial[i].st, TCMAP_OK);
    }
    for (int i = 0; i < N_THREADS; i++)
        assert_int_equal(
            pthread_create(&th[i], NULL, render_job, &parallel[i]), 0);
    for (int i = 0; i < N_THREADS; i++)
        pthread_join(th[i], NULL);
    /* The dates really differ, so the comparison below could fail. */
    assert_true(rows_differing(serial[0].img, serial[2].img) > 0);
    for (int i = 0; i < N_THREADS; i++) {
        assert_int_equal(parallel[i].st, TCMAP_OK);
        /* Same inputs, same code: the threads must not disturb each other
         * by a single pixel. */
        assert_int_equal(rows_differing(serial[i].img, parallel[i].img), 0);
    }
    for (int i = 0; i < N_THREADS; i++) {
        cairo_surface_destroy(serial[i].img);
        cairo_surface_destroy(parallel[i].img);
    }
    tcmap_map_destroy(map);
}

static void
counting(void *user, const char *message)
{
    (void)message;
    ++*(size_t *)user;
}

/* tcmap_validate stays one release as the old name of
 * tcmap_map_check_inputs: the same problems, the same count. */
static void
test_the_deprecated_validate_is_check_inputs(void **state)
{
    (void)state;
    char *geo_dir = tu_square_geodata("geo_check_inputs");
    char *style_path = tu_square_style("style_check_inputs.ini");
    tcmap_style *style = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    assert_int_equal(tcmap_style_load(style_path, &style, NULL), TCMAP_OK);
    assert_int_equal(tcmap_geodata_load(geo_dir, NULL, &geo, NULL), TCMAP_OK);
    assert_int_equal(tcmap_timeline_load_memory("date,area,party\n"
                                                "2000-01-01,wset,AZ\n"
                                                "2000-01-02,west,XX\n",
                                                "t.csv", NULL, NULL, &tl,
                                                NULL),
                     TCMAP_OK);
    size_t a = 0, b = 0;
    assert_int_equal(tcmap_map_check_inputs(geo, tl, style, counting, &a), 2);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    assert_int_equal(tcmap_validate(geo, tl, style, counting, &b), 2);
#pragma GCC diagnostic pop
    assert_int_equal(a, 2);
    assert_int_equal(b, 2);
    tcmap_timeline_destroy(tl);
    tcmap_geodata_destroy(geo);
    tcmap_style_destroy(style);
    g_free(geo_dir);
    g_free(style_path);
}

/* The build tree's library finds the source tree's data through the file
 * the build wrote beside the test program (tcmap-data-dir.txt): no path
 * is compiled into the library. */
static void
test_the_data_dir_of_a_build_tree_is_its_source_tree(void **state)
{
    (void)state;
    const char *env = getenv("TCMAP_DATA_DIR");
    if (env && *env)
        skip();
    struct stat a, b;
    assert_int_equal(stat(tcmap_data_dir(), &a), 0);
    assert_int_equal(stat(TCMAP_SOURCE_DIR, &b), 0);
    assert_true(a.st_dev == b.st_dev && a.st_ino == b.st_ino);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_deprecated_validate_is_check_inputs),
        cmocka_unit_test(test_the_data_dir_of_a_build_tree_is_its_source_tree),
        cmocka_unit_test(test_memory_table_loads_and_names_itself_in_events),
        cmocka_unit_test(
            test_memory_table_errors_name_the_given_file_and_line),
        cmocka_unit_test(test_map_open_from_paths_owns_its_inputs),
        cmocka_unit_test(test_map_open_failures_say_which_input_and_why),
        cmocka_unit_test(test_map_adopt_frees_its_inputs_when_it_fails),
        cmocka_unit_test(test_queries_reach_the_inputs_of_a_snapshot),
        cmocka_unit_test(test_stats_sum_the_measured_km2_of_each_party),
        cmocka_unit_test(test_stats_since_count_gains_and_losses),
        cmocka_unit_test(
            test_change_layer_outlines_only_areas_that_changed_hands),
        cmocka_unit_test(test_cli_stats_since_and_render_changes_since),
        cmocka_unit_test(test_one_map_renders_on_many_threads_as_on_one),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
