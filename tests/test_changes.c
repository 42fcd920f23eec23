/* The change map and its words: the ground that changed hands since a date
 * is one region per kind of change (holder before -> after), not a mosaic
 * of settlement cells, with one legend row per kind carrying its km²; and
 * `describe` says the same, in districts and plain words, never in the
 * geodata's pieces. On the real data, where the mosaic showed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static tcmap_map *
real_map(void)
{
    tcmap_map *map = NULL;
    if (tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                    TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL, NULL,
                    NULL))
        fail();
    return map;
}

static int
setup(void **state)
{
    *state = real_map();
    return 0;
}

static int
teardown(void **state)
{
    tcmap_map_destroy(*state);
    return 0;
}

/* The SVG of the map on `date` (changes since `since`, NULL = none). */
static char *
svg_of(tcmap_map *map, const char *date, const char *since)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, date, &snap, NULL), TCMAP_OK);
    g_autofree char *path = tu_path("change.svg");
    tcmap_render_options opt = {.size = sizeof opt, .changes_since = since};
    tcmap_error err;
    if (tcmap_snapshot_render_file(snap, path, &opt, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    tcmap_snapshot_destroy(snap);
    return tu_read(path, NULL);
}

static size_t
count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The SVG's drawn text (its <text> elements' lines run together), without
 * the <desc>, which tells the change in words too. */
static char *
drawn_text(const char *svg)
{
    GString *t = g_string_new(NULL);
    const char *body = strstr(svg, "</desc>");
    int in_tag = 0;
    for (const char *p = body ? body : svg; *p; p++) {
        if (*p == '<')
            in_tag = 1;
        else if (*p == '>')
            in_tag = 0;
        else if (!in_tag)
            g_string_append_c(t, *p);
    }
    return g_string_free(t, FALSE);
}

static char *
gained_text(tcmap_map *map, const char *date, const char *since,
            const char *party)
{
    tcmap_snapshot *snap = NULL;
    tcmap_stats *st = NULL;
    assert_int_equal(tcmap_snapshot_create(map, date, &snap, NULL), TCMAP_OK);
    tcmap_stats_options so = {.size = sizeof so, .since = since};
    assert_int_equal(tcmap_snapshot_stats(snap, &so, &st, NULL), TCMAP_OK);
    double v = -1;
    for (size_t i = 0; i < tcmap_stats_count(st); i++)
        if (!strcmp(tcmap_stats_party(st, i), party))
            v = tcmap_stats_gained_km2(st, i);
    assert_true(v > 1000);
    tcmap_stats_destroy(st);
    tcmap_snapshot_destroy(snap);
    /* "8,754": thousands separated, as the words and the key write it. */
    long r = (long)(v + 0.5);
    return r >= 1000 ? g_strdup_printf("%ld,%03ld", r / 1000, r % 1000)
                     : g_strdup_printf("%ld", r);
}

/* Issue 22: 438 extra paths, one per changed settlement cell. */
static void
test_a_change_map_adds_a_few_paths_not_a_mosaic(void **state)
{
    tcmap_map *map = *state;
    g_autofree char *plain = svg_of(map, "2020-12-02", NULL);
    g_autofree char *chg = svg_of(map, "2020-12-02", "2020-09-26");
    size_t a = count(plain, "<path"), b = count(chg, "<path");
    if (b < a + 2 || b > a + 30)
        fail_msg("plain map %zu paths, change map %zu", a, b);
    /* One region per kind, not one ring per cell: one path may hold a
     * mosaic, so count the rings (moveto's) of the change layer. */
    const char *layer = strstr(chg, "id=\"changes\"");
    assert_non_null(layer);
    const char *end = strstr(layer, "id=\"lines\"");
    assert_non_null(end);
    size_t rings = 0;
    for (const char *p = layer; p < end; p++)
        rings += *p == 'M';
    /* 58 with bounded cells (ground.h): the circles of villages that
     * changed hands alone, and the empty hills between them. */
    if (rings < 2 || rings > 70)
        fail_msg("the change layer has %zu rings", rings);
}

static void
test_the_key_has_one_row_per_kind_of_change_with_its_km2(void **state)
{
    tcmap_map *map = *state;
    g_autofree char *svg = svg_of(map, "2020-12-02", "2020-09-26");
    g_autofree char *text = drawn_text(svg);
    g_autofree char *km2 = gained_text(map, "2020-12-02", "2020-09-26", "AZ");
    g_autofree char *row = g_strdup_printf("%s\u00a0km\u00b2", km2);
    assert_int_equal(count(text, "Passed to Azerbaijan since 26 September "
                                 "2020:"),
                     1);
    assert_non_null(strstr(text, row));
    assert_int_equal(count(text, "Passed "), 1);
    /* Since 1993 ground went both ways: two kinds, two rows. */
    g_autofree char *svg2 = svg_of(map, "2020-12-02", "1993-01-01");
    g_autofree char *text2 = drawn_text(svg2);
    assert_int_equal(count(text2, "Passed to Azerbaijan since 1 January "
                                  "1993:"),
                     1);
    assert_int_equal(count(text2, "Passed to Ethnic Armenian forces since "
                                  "1 January 1993:"),
                     1);
    assert_int_equal(count(text2, "Passed "), 2);
    /* Nothing changed hands between two dates of one state: no row. */
    g_autofree char *svg3 = svg_of(map, "2020-12-05", "2020-12-03");
    g_autofree char *text3 = drawn_text(svg3);
    assert_null(strstr(text3, "Passed "));
}

/* A change map at the sizes a desk publishes: at one column its twelve
 * legend rows had no room below the page's first height and the render
 * failed ("fit neither in the map panel nor beside or below it"); a page
 * whose height follows the view grows for them instead. */
static void
test_a_change_map_is_drawn_at_every_preset(void **state)
{
    (void)state;
    static const struct {
        const char *style, *size;
    } cases[] = {{"print", "col1"}, {"print", "col2"}, {"default", "web"},
                 {"default", "square"}, {"default", "story"}};
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        tcmap_map *map = NULL;
        g_autofree char *sp = g_strdup_printf(
            TCMAP_SOURCE_DIR "/styles/%s.ini", cases[k].style);
        if (tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                        TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv", sp,
                        &map, NULL, NULL, NULL))
            fail();
        tcmap_snapshot *snap = NULL;
        assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, NULL),
                         TCMAP_OK);
        g_autofree char *path = tu_path("change-preset.svg");
        tcmap_render_options opt = {.size = sizeof opt, .changes_since = "2020-09-26",
                                    .page_size = cases[k].size};
        tcmap_error err;
        if (tcmap_snapshot_render_file(snap, path, &opt, &err) != TCMAP_OK)
            fail_msg("%s %s: %s", cases[k].style, cases[k].size,
                     err.message);
        g_autofree char *svg = tu_read(path, NULL);
        g_autofree char *text = drawn_text(svg);
        if (!strstr(text, "Passed to Azerbaijan"))
            fail_msg("%s %s: no change row in the key", cases[k].style,
                     cases[k].size);
        tcmap_snapshot_destroy(snap);
        tcmap_map_destroy(map);
    }
}

/* The change map's pixels at 400 x 300 (g_free). */
static unsigned char *
pixels_of(tcmap_map *map, const char *date, const char *since, size_t *len)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, date, &snap, NULL), TCMAP_OK);
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300);
    cairo_t *cr = cairo_create(img);
    tcmap_render_options opt = {.size = sizeof opt, .changes_since = since};
    assert_int_equal(tcmap_snapshot_draw(snap, cr,
                                         (tcmap_rect){0, 0, 400, 300}, &opt,
                                         NULL),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    *len = (size_t)cairo_image_surface_get_stride(img) * 300;
    unsigned char *px = g_memdup2(cairo_image_surface_get_data(img), *len);
    cairo_surface_destroy(img);
    tcmap_snapshot_destroy(snap);
    return px;
}

/* The map keeps the last (since, date) pair's regions: drawn again from
 * them, and after another pair, the map is the same. */
static void
test_a_change_map_drawn_again_is_the_same(void **state)
{
    tcmap_map *map = *state;
    size_t n1, n2, n3, n4;
    g_autofree unsigned char *a =
        pixels_of(map, "2020-12-02", "2020-09-26", &n1);
    g_autofree unsigned char *b =
        pixels_of(map, "2020-12-02", "2020-09-26", &n2);
    g_autofree unsigned char *other =
        pixels_of(map, "2020-11-10", "2020-09-26", &n3);
    g_autofree unsigned char *c =
        pixels_of(map, "2020-12-02", "2020-09-26", &n4);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_memory_equal(a, c, n1);
    /* and the other date's change is another map */
    assert_memory_not_equal(a, other, n1);
}

typedef struct job {
    tcmap_map *map;
    const char *date;
    unsigned char *px;
    size_t len;
} job;

static gpointer
draw_job(gpointer user)
{
    job *j = user;
    j->px = pixels_of(j->map, j->date, "2020-09-26", &j->len);
    return NULL;
}

/* Threads drawing change maps of other dates share the map's regions:
 * each draws what it would alone. */
static void
test_threads_drawing_change_maps_draw_what_one_would(void **state)
{
    tcmap_map *map = *state;
    static const char *const dates[] = {"2020-12-02", "2020-11-10",
                                        "2020-10-20", "2020-12-02",
                                        "2020-11-10", "2020-10-20"};
    enum { N = G_N_ELEMENTS(dates) };
    job jobs[N];
    GThread *th[N];
    for (size_t i = 0; i < N; i++) {
        jobs[i] = (job){map, dates[i], NULL, 0};
        th[i] = g_thread_new("draw", draw_job, &jobs[i]);
    }
    for (size_t i = 0; i < N; i++)
        g_thread_join(th[i]);
    for (size_t i = 0; i < N; i++) {
        size_t len;
        g_autofree unsigned char *alone =
            pixels_of(map, dates[i], "2020-09-26", &len);
        assert_int_equal(len, jobs[i].len);
        assert_memory_equal(alone, jobs[i].px, len);
        g_free(jobs[i].px);
    }
}

static char *
describe(tcmap_map *map, const char *date, const char *since,
         tcmap_describe_length length)
{
    tcmap_snapshot *snap = NULL;
    char *text = NULL;
    assert_int_equal(tcmap_snapshot_create(map, date, &snap, NULL), TCMAP_OK);
    tcmap_describe_options o = {.size = sizeof o, .changes_since = since, .length = length};
    tcmap_error err;
    if (tcmap_snapshot_describe_with(snap, &o, &text, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    tcmap_snapshot_destroy(snap);
    return text;
}

static void
test_describe_since_names_the_km2_the_stats_count(void **state)
{
    tcmap_map *map = *state;
    g_autofree char *km2 = gained_text(map, "2020-12-02", "2020-09-26", "AZ");
    char *text = describe(map, "2020-12-02", "2020-09-26",
                          TCMAP_DESCRIBE_FULL);
    g_autofree char *want = g_strdup_printf(
        "Since 26 September 2020, %s km\u00b2 passed from \u201cEthnic "
        "Armenian forces / Nagorno-Karabakh authorities\u201d to "
        "Azerbaijan (all of ",
        km2);
    if (!strstr(text, want))
        fail_msg("no '%s' in: %s", want, text);
    /* The change replaces the latest event date's. */
    assert_null(strstr(text, "Changes on"));
    /* Lachin, not "Lachin corridor (2020-2022)": the district. */
    assert_non_null(strstr(strstr(text, "Since 26"), ", Lachin, "));
    tcmap_free(text);
    text = describe(map, "2020-12-02", "2020-09-26", TCMAP_DESCRIBE_SHORT);
    g_autofree char *want_short = g_strdup_printf(
        "Since 26 September 2020, %s km\u00b2 passed from Ethnic Armenian "
        "forces to Azerbaijan.",
        km2);
    if (!strstr(text, want_short))
        fail_msg("no '%s' in: %s", want_short, text);
    assert_true(g_utf8_strlen(text, -1) <= TCMAP_DESCRIBE_SHORT_MAX);
    tcmap_free(text);
    text = describe(map, "2020-12-05", "2020-12-03", TCMAP_DESCRIBE_FULL);
    assert_non_null(strstr(text, "No ground changed hands between 3 "
                                 "December 2020 and this date."));
    tcmap_free(text);
}

static void
test_describe_refuses_a_since_that_is_no_date(void **state)
{
    tcmap_map *map = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-12-02", &snap, NULL),
                     TCMAP_OK);
    tcmap_describe_options o = {.size = sizeof o, .changes_since = "2020-02-30"};
    tcmap_error err;
    char *text = (char *)&err;
    assert_int_equal(tcmap_snapshot_describe_with(snap, &o, &text, &err),
                     TCMAP_ERR_ARG);
    assert_null(text);
    assert_non_null(strstr(err.message, "'2020-02-30' is not a date"));
    tcmap_snapshot_destroy(snap);
}

/* Issue 22: "(part)" pieces, "held 77% of the control areas" and the
 * 1994 line's "(west)" cuts, on any key date, in either length, with and
 * without a change since a date. */
static void
test_descriptions_of_the_key_dates_speak_of_districts(void **state)
{
    tcmap_map *map = *state;
    static const char *const dates[] = {
        "1991-12-10", "1992-06-01", "1993-09-01", "1994-05-12",
        "2000-01-01", "2020-10-20", "2020-11-10", "2020-12-02",
        "2021-06-01", "2023-09-21", "2024-01-01"};
    static const char *const since[] = {NULL, "2020-09-26", "1991-12-31"};
    static const char *const never[] = {"(part)", "control area", "(west)",
                                        "(east)", "Lachin corridor"};
    for (size_t d = 0; d < G_N_ELEMENTS(dates); d++)
        for (size_t k = 0; k < G_N_ELEMENTS(since); k++)
            for (int len = 0; len < 2; len++) {
                char *text = describe(map, dates[d], since[k],
                                      len ? TCMAP_DESCRIBE_SHORT
                                          : TCMAP_DESCRIBE_FULL);
                for (size_t w = 0; w < G_N_ELEMENTS(never); w++)
                    if (strstr(text, never[w]))
                        fail_msg("%s since %s: '%s' in: %s", dates[d],
                                 since[k] ? since[k] : "-", never[w], text);
                tcmap_free(text);
            }
    char *text = describe(map, "2020-12-02", NULL, TCMAP_DESCRIBE_FULL);
    assert_non_null(strstr(text, "Azerbaijan held 10,119 km\u00b2, 77% of "
                                 "the former autonomous oblast and the "
                                 "seven districts"));
    /* Aghdam's two sides of the 1994 line are one district. */
    assert_int_equal(count(text, "Aghdam"), 1);
    tcmap_free(text);
    /* On 1 December 2020 Lachin passed, but not its corridor. */
    text = describe(map, "2020-12-02", NULL, TCMAP_DESCRIBE_SHORT);
    assert_non_null(strstr(text, "Latest change: part of Lachin to "
                                 "Azerbaijan on 1 December 2020."));
    tcmap_free(text);
    /* The town of Qubadli is not the district of Qubadli. */
    text = describe(map, "1993-09-01", NULL, TCMAP_DESCRIBE_FULL);
    assert_non_null(
        strstr(text, "; Qubadli / Kashunik town passed from Azerbaijan"));
    tcmap_free(text);
}

static void
test_cli_describe_changes_since_prints_the_library_text(void **state)
{
    tcmap_map *map = *state;
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "describe", "--date", "2020-12-02",
                    "--changes-since", "2020-09-26", "--short", NULL);
    if (rc != 0)
        fail_msg("describe: exit %d: %s", rc, err);
    char *text = describe(map, "2020-12-02", "2020-09-26",
                          TCMAP_DESCRIBE_SHORT);
    g_autofree char *want = g_strconcat(text, "\n", NULL);
    assert_string_equal(out, want);
    tcmap_free(text);
    g_free(out), g_free(err);
    assert_int_equal(tu_run(NULL, &err, "describe", "--changes-since",
                            "26-09-2020", NULL),
                     2);
    assert_non_null(strstr(err, "--changes-since '26-09-2020' is not a date"));
    g_free(err);
}

/* The slider page of a change map says what changed since its date at
 * every step, as the frames' key does. */
static void
test_the_slider_page_of_a_change_map_tells_the_change(void **state)
{
    (void)state;
    g_autofree char *page = tu_path("changes.html");
    char *err = NULL;
    int rc = tu_run(NULL, &err, "frames", "--from", "2020-11-30", "--to",
                    "2020-12-02", "--size", "320x240", "--quiet",
                    "--changes-since", "2020-09-26", "--html", page, NULL);
    if (rc != 0)
        fail_msg("frames: exit %d: %s", rc, err);
    g_free(err);
    g_autofree char *html = tu_read(page, NULL);
    assert_non_null(strstr(html, "Since 26 September 2020, 8,869 km\u00b2 "
                                 "passed from Ethnic Armenian forces to "
                                 "Azerbaijan."));
    assert_null(strstr(html, "Latest change:"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_change_map_adds_a_few_paths_not_a_mosaic),
        cmocka_unit_test(
            test_the_key_has_one_row_per_kind_of_change_with_its_km2),
        cmocka_unit_test(test_a_change_map_drawn_again_is_the_same),
        cmocka_unit_test(
            test_threads_drawing_change_maps_draw_what_one_would),
        cmocka_unit_test(test_describe_since_names_the_km2_the_stats_count),
        cmocka_unit_test(test_describe_refuses_a_since_that_is_no_date),
        cmocka_unit_test(test_descriptions_of_the_key_dates_speak_of_districts),
        cmocka_unit_test(
            test_cli_describe_changes_since_prints_the_library_text),
        cmocka_unit_test(test_a_change_map_is_drawn_at_every_preset),
        cmocka_unit_test(test_the_slider_page_of_a_change_map_tells_the_change),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
