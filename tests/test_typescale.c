/* test_typescale.c - size presets, several sizes in one run, sizes given
 * by their width alone, and type set by the output rather than by the
 * page's shape (issue 22). Drawn from the frozen default data in
 * tests/golden/data, the README's newsroom map; text sizes are read from
 * the SVG's font-size attributes, which is what a reader's viewer draws. */
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define GOLDEN TCMAP_SOURCE_DIR "/tests/golden"
#define TABLE GOLDEN "/data/control/karabakh.csv"
#define STYLE(n) TCMAP_SOURCE_DIR "/styles/" n ".ini"

static const char *const zoom[] = {"shusha", "lachin", NULL};

static tcmap_map *
open_map(const char *style)
{
    tcmap_map *map = NULL;
    if (tu_map_open(GOLDEN "/data", TABLE, style, &map, NULL, NULL, NULL))
        fail();
    return map;
}

/* The newsroom recipe's options (README.md), without the annotations. */
static tcmap_render_options
newsroom(void)
{
    return (tcmap_render_options){.size = sizeof(tcmap_render_options),
                                     .title = "Azerbaijan retakes Shusha",
                                  .credit = "Graphic: The Desk",
                                  .zoom_to = zoom,
                                  .format = TCMAP_FORMAT_SVG};
}

typedef struct type_seen {
    double title;    /* the first text's size: the headline */
    double subtitle; /* the second's: the date line */
    double smallest; /* of every text */
    double width, height; /* the SVG's viewBox */
} type_seen;

/* Draws the 10 Nov 2020 map as SVG and reads its text sizes. */
static type_seen
draw_svg(tcmap_map *map, const tcmap_render_options *opt)
{
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, &err),
                     TCMAP_OK);
    char *path = tu_path("type.svg");
    if (tcmap_snapshot_render_file(snap, path, opt, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    tcmap_snapshot_destroy(snap);
    char *svg = tu_read(path, NULL);
    type_seen t = {.title = -1, .smallest = INFINITY};
    const char *vb = strstr(svg, "viewBox=\"0 0 ");
    assert_non_null(vb);
    assert_int_equal(sscanf(vb, "viewBox=\"0 0 %lf %lf", &t.width,
                            &t.height),
                     2);
    int n = 0;
    for (const char *p = svg; (p = strstr(p, "<text ")); p++) {
        const char *fs = strstr(p, "font-size=\"");
        assert_non_null(fs);
        double sz = g_ascii_strtod(fs + strlen("font-size=\""), NULL);
        if (t.title < 0)
            t.title = sz;
        else if (n == 1)
            t.subtitle = sz;
        t.smallest = fmin(t.smallest, sz);
        n++;
    }
    assert_true(n > 10); /* a map with its labels, not an empty page */
    g_free(svg);
    g_free(path);
    return t;
}

static void
test_the_headline_is_the_same_at_90x60_and_90x90_mm(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("print"));
    tcmap_render_options opt = newsroom();
    opt.width_mm = 90, opt.height_mm = 60;
    type_seen a = draw_svg(map, &opt);
    opt.height_mm = 90;
    type_seen b = draw_svg(map, &opt);
    /* It was about 10 pt at 90 x 60 and 15 pt at 90 x 90 mm. */
    assert_true(fabs(a.title - b.title) <= 0.1 * fmax(a.title, b.title));
    assert_true(a.smallest >= 6.5 && b.smallest >= 6.5);
    tcmap_map_destroy(map);
}

static void
test_a_pixel_page_sets_its_type_by_width_not_by_shape(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("default"));
    tcmap_render_options opt = newsroom();
    opt.width = 900, opt.height = 600;
    type_seen wide = draw_svg(map, &opt);
    opt.height = 1400;
    type_seen tall = draw_svg(map, &opt);
    assert_true(fabs(wide.title - tall.title) <= 0.01 * wide.title);
    assert_true(fabs(wide.subtitle - tall.subtitle) <= 0.01 * wide.subtitle);
    /* (a label may be set smaller where it is short of room, never under
     * the floor) */
    assert_true(wide.smallest >= 9 && tall.smallest >= 9);
    /* a 600 px GIF: labels were 5 px, set by its 450 px height */
    opt.width = 600, opt.height = 450;
    type_seen gif = draw_svg(map, &opt);
    if (gif.smallest < 9)
        fail_msg("600 x 450: text of %g px", gif.smallest);
    tcmap_map_destroy(map);
}

static void
test_social_presets_draw_no_text_under_20_px(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("default"));
    static const struct {
        const char *size;
        double w, h;
    } cases[] = {{"square", 1080, 1080},
                 {"portrait", 1080, 1350},
                 {"story", 1080, 1920},
                 /* the size of a preset is set as the preset is */
                 {"1080x1080", 1080, 1080}};
    double title = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tcmap_render_options opt = newsroom();
        opt.page_size = cases[i].size;
        type_seen t = draw_svg(map, &opt);
        if (t.smallest < 20)
            fail_msg("%s: text of %g px", cases[i].size, t.smallest);
        assert_true(t.width == cases[i].w && t.height == cases[i].h);
        /* headline scaled for a phone, alike at every aspect */
        assert_true(t.title >= 48);
        if (i)
            assert_true(fabs(t.title - title) < 0.01 * title);
        title = t.title;
    }
    tcmap_map_destroy(map);
}

static void
test_print_presets_draw_nothing_under_6_5_pt(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("print"));
    static const struct {
        const char *size;
        double mm;
    } cases[] = {{"col1", 55}, {"col2", 115}, {"page", 250}};
    for (size_t i = 0; i < 3; i++) {
        tcmap_render_options opt = newsroom();
        opt.page_size = cases[i].size;
        type_seen t = draw_svg(map, &opt);
        if (t.smallest < 6.5)
            fail_msg("%s: text of %g pt", cases[i].size, t.smallest);
        assert_true(fabs(t.width - cases[i].mm / 25.4 * 72) < 0.01);
        /* no height in the preset: the view's, never a sliver */
        assert_true(t.height > t.width * 0.5 && t.height < t.width * 2);
    }
    tcmap_map_destroy(map);
}

/* The distance on the page between two places 20 km apart: the panel's
 * scale, which stops growing once the view fills the panel's width. */
static double
page_scale(tcmap_snapshot *snap, const tcmap_render_options *opt, double w,
           double h)
{
    tcmap_rect page = {0, 0, w, h};
    double a[2], b[2];
    assert_int_equal(tcmap_snapshot_lonlat_to_page(
                         snap, page, opt, (double[2]){46.6, 39.7}, a, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_snapshot_lonlat_to_page(
                         snap, page, opt, (double[2]){46.8, 39.8}, b, NULL),
                     TCMAP_OK);
    return hypot(b[0] - a[0], b[1] - a[1]);
}

static void
test_a_width_alone_takes_its_height_from_the_view(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("default"));
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, NULL),
                     TCMAP_OK);
    static const char *const sizes[] = {"1200", "90mm", "col2"};
    for (size_t i = 0; i < 3; i++) {
        tcmap_render_options opt = newsroom();
        opt.page_size = sizes[i];
        double w = 0, h = 0;
        tcmap_error err;
        if (tcmap_snapshot_page_size(snap, &opt, &w, &h, &err) != TCMAP_OK)
            fail_msg("%s", err.message);
        assert_true(h > 100 && h < 3 * w);
        /* At that height the view fills the panel: taller keeps the
         * scale (the width decides), shorter shrinks it. */
        double s = page_scale(snap, &opt, w, h);
        assert_true(fabs(page_scale(snap, &opt, w, h + 60) - s) < 0.01 * s);
        assert_true(page_scale(snap, &opt, w, h - 60) < 0.97 * s);
    }
    /* a style's width and height with only a width from the caller */
    tcmap_render_options opt = {.size = sizeof opt, .width = 700};
    double w = 0, h = 0;
    assert_int_equal(tcmap_snapshot_page_size(snap, &opt, &w, &h, NULL),
                     TCMAP_OK);
    assert_true(w == 700 && h != 1200);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

static void
test_an_unknown_size_is_an_argument_error_naming_the_presets(void **state)
{
    (void)state;
    tcmap_map *map = open_map(STYLE("default"));
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-11-10", &snap, NULL),
                     TCMAP_OK);
    tcmap_render_options opt = {.size = sizeof opt, .page_size = "billboard"};
    double w, h;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_page_size(snap, &opt, &w, &h, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "'billboard'"));
    assert_non_null(strstr(err.message, "col1, col2, page, web, square"));
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

/* [size.NAME] in a house style: listed after the built-in presets, and
 * drawn at its size and type. */
static void
test_a_style_adds_its_own_preset(void **state)
{
    (void)state;
    char *style = tu_write("house.ini",
                           "[map]\nbase = " STYLE("default") "\n"
                           "size = banner\n"
                           "[size.banner]\nsize = 1500x500\n"
                           "text_unit = 1.4\nmin_text = 18\n");
    tcmap_map *map = open_map(style);
    const tcmap_style *st = tcmap_map_style(map);
    size_t n = 0;
    while (tcmap_style_size_name(st, n))
        n++;
    assert_int_equal(n, 8);
    assert_string_equal(tcmap_style_size_name(st, 0), "col1");
    assert_string_equal(tcmap_style_size_name(st, 7), "banner");
    tcmap_render_options opt = newsroom(); /* the style's size: banner */
    type_seen t = draw_svg(map, &opt);
    assert_true(t.width == 1500 && t.height == 500);
    assert_true(t.smallest >= 18);
    assert_true(fabs(t.title - 42) < 0.01); /* 30 units of 1.4 px */
    tcmap_map_destroy(map);
    g_free(style);
}

static void
test_a_bad_preset_in_a_style_names_its_line(void **state)
{
    (void)state;
    char *style = tu_write("bad-size.ini",
                           "[map]\nbase = " STYLE("default") "\n"
                           "[size.banner]\n"
                           "size = 1500 by 500\n");
    tcmap_style *st = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(style, &st, &err), TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "bad-size.ini:4: [size.banner] size"));
    char *both = tu_write("both.ini", "[map]\nbase = " STYLE("default") "\n"
                                      "size = web\nwidth = 800\n");
    assert_int_equal(tcmap_style_load(both, &st, &err), TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "both.ini:3: [map] size"));
    g_free(both);
    g_free(style);
}

/* ---- the command line ---- */

static void
png_size(const char *path, int *w, int *h)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        fail_msg("%s: not a PNG", path);
    *w = cairo_image_surface_get_width(s);
    *h = cairo_image_surface_get_height(s);
    cairo_surface_destroy(s);
}

#define RENDER "render", "--geodata", GOLDEN "/data", "--control", TABLE, \
               "--date", "2020-11-10", "--zoom-to", "shusha,lachin"

static void
test_three_sizes_in_one_run_each_to_its_own_file(void **state)
{
    (void)state;
    char *out = tu_path("m-{size}.png");
    char *err = NULL;
    int rc = tu_run(NULL, &err, RENDER, "--size", "web,square", "--size",
                    "story", "-o", out, NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    static const struct {
        const char *name;
        int w, h;
    } want[] = {{"web", 1200, 800}, {"square", 1080, 1080},
                {"story", 1080, 1920}};
    for (size_t i = 0; i < 3; i++) {
        char *name = g_strdup_printf("m-%s.png", want[i].name);
        char *p = tu_path(name);
        int w = 0, h = 0;
        png_size(p, &w, &h);
        assert_int_equal(w, want[i].w);
        assert_int_equal(h, want[i].h);
        g_free(p), g_free(name);
    }
    g_free(err);
    g_free(out);
}

static void
test_sizes_by_width_alone_on_the_command_line(void **state)
{
    (void)state;
    char *out = tu_path("w-{size}.png");
    char *err = NULL;
    int rc = tu_run(NULL, &err, RENDER, "--size", "1200,90mm", "-o", out,
                    NULL);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, err);
    char *a = tu_path("w-1200.png"), *b = tu_path("w-90mm.png");
    int w = 0, h = 0;
    png_size(a, &w, &h);
    assert_int_equal(w, 1200);
    assert_true(h > 600 && h < 1800 && h != 1200);
    png_size(b, &w, &h);
    assert_int_equal(w, 1063); /* 90 mm at 300 dpi */
    assert_true(h > 500 && h < 1600);
    g_free(a), g_free(b), g_free(err), g_free(out);
}

static void
test_several_sizes_need_size_in_the_output_name(void **state)
{
    (void)state;
    char *out = tu_path("one.png");
    char *err = NULL;
    /* a second --size adds to the list; it never silently wins */
    assert_int_equal(tu_run(NULL, &err, RENDER, "--size", "web", "--size",
                            "square", "-o", out, NULL),
                     2);
    assert_non_null(strstr(err, "2 sizes need {size} in -o"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, RENDER, "--size", "web,web,12x",
                            "-o", out, NULL),
                     2);
    assert_non_null(strstr(err, "'web' is given twice"));
    assert_non_null(strstr(err, "'12x' is not"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, RENDER, "--size", "billboard", "-o",
                            out, NULL),
                     2);
    assert_non_null(strstr(err, "'billboard' is no preset; the presets are "
                                "col1, col2, page, web"));
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    g_free(err);
    g_free(out);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_headline_is_the_same_at_90x60_and_90x90_mm),
        cmocka_unit_test(
            test_a_pixel_page_sets_its_type_by_width_not_by_shape),
        cmocka_unit_test(test_social_presets_draw_no_text_under_20_px),
        cmocka_unit_test(test_print_presets_draw_nothing_under_6_5_pt),
        cmocka_unit_test(test_a_width_alone_takes_its_height_from_the_view),
        cmocka_unit_test(
            test_an_unknown_size_is_an_argument_error_naming_the_presets),
        cmocka_unit_test(test_a_style_adds_its_own_preset),
        cmocka_unit_test(test_a_bad_preset_in_a_style_names_its_line),
        cmocka_unit_test(test_three_sizes_in_one_run_each_to_its_own_file),
        cmocka_unit_test(test_sizes_by_width_alone_on_the_command_line),
        cmocka_unit_test(test_several_sizes_need_size_in_the_output_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
