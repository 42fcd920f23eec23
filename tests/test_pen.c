/* The pen (src/draw/pen.c): the one set of drawing calls that paints on
 * Cairo or writes SVG. A fill keeps the even-odd rule on both, a clip
 * bounds what follows, a stroke's dashes reach the SVG, colours mix
 * channel by channel, and the coarse "ink" raster counts what a path
 * covers. Small on purpose: it needs only the pen's header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "draw/render.h"

#include <cairo.h>
#include <string.h>

/* The colour of pixel (x, y) of an RGB24 image, as 0xRRGGBB. */
static uint32_t
pixel(cairo_surface_t *img, int x, int y)
{
    cairo_surface_flush(img);
    const unsigned char *row = cairo_image_surface_get_data(img) +
                               y * cairo_image_surface_get_stride(img);
    uint32_t v;
    memcpy(&v, row + 4 * x, sizeof v);
    return v & 0xffffff;
}

static void
test_colours_mix_channel_by_channel(void **state)
{
    (void)state;
    assert_int_equal(tcmap__mix(0x000000, 0xffffff, 0.5), 0x808080);
    assert_int_equal(tcmap__mix(0x102030, 0xff0000, 0), 0x102030);
    assert_int_equal(tcmap__mix(0x102030, 0xff0000, 1), 0xff0000);
    assert_int_equal(tcmap__mix(0x0000ff, 0x00ff00, 0.25), 0x0040bf);
}

static void
test_a_fill_on_cairo_is_even_odd_and_a_clip_bounds_what_follows(
    void **state)
{
    (void)state;
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
    cairo_t *cr = cairo_create(img);
    tcmap__pen pen = {.cr = cr};
    /* A square with a square inside: the inner one is a hole. */
    cairo_rectangle(cr, 10, 10, 80, 80);
    cairo_rectangle(cr, 30, 30, 40, 40);
    tcmap__pen_fill(&pen, 0xff0000, 1, 0);
    assert_int_equal(pixel(img, 20, 20), 0xff0000);
    assert_int_equal(pixel(img, 50, 50), 0x000000);
    assert_int_equal(pixel(img, 5, 5), 0x000000);
    /* Clipped to the left half, a fill of everything stays there. */
    cairo_rectangle(cr, 0, 0, 50, 100);
    tcmap__pen_clip_begin(&pen);
    cairo_rectangle(cr, 0, 0, 100, 100);
    tcmap__pen_fill(&pen, 0x00ff00, 1, 0);
    tcmap__pen_clip_end(&pen);
    assert_int_equal(pixel(img, 25, 5), 0x00ff00);
    assert_int_equal(pixel(img, 75, 5), 0x000000);
    assert_int_equal(pixel(img, 75, 20), 0xff0000);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
}

static void
test_the_same_calls_write_svg_with_their_rule_opacity_and_dashes(
    void **state)
{
    (void)state;
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10);
    cairo_t *cr = cairo_create(img);
    tcmap__pen pen = {.cr = cr, .svg = tcmap__svg_new(100, 100)};
    tcmap__pen_layer_begin(&pen, "ground", "Ground");
    cairo_rectangle(cr, 10, 10, 80, 80);
    tcmap__pen_fill(&pen, 0x3c7fc0, 0.5, 0);
    double dash[2] = {3, 1.5};
    cairo_move_to(cr, 0, 0);
    cairo_line_to(cr, 100, 100);
    tcmap__pen_stroke(&pen, 0xc0483c, 2, dash, 2, 0);
    tcmap__pen_layer_end(&pen);
    size_t len = 0;
    const char *doc = tcmap__svg_finish(pen.svg, &len);
    assert_true(len > 0 && strlen(doc) == len);
    assert_non_null(strstr(doc, "fill=\"#3c7fc0\" fill-opacity=\"50%\" "
                                "fill-rule=\"evenodd\""));
    assert_non_null(strstr(doc, "stroke=\"#c0483c\" stroke-width=\"2.00\""));
    assert_non_null(strstr(doc, "stroke-dasharray=\"3.00,1.50\""));
    assert_non_null(strstr(doc, "inkscape:label=\"Ground\""));
    /* The pen writes, it does not paint: the surface is untouched. */
    assert_int_equal(pixel(img, 5, 5), 0x000000);
    tcmap__svg_free(pen.svg);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
}

static void
test_the_ink_raster_counts_the_cells_a_path_covers(void **state)
{
    (void)state;
    /* A 400 x 200 panel: 400 x 200 cells of one unit. */
    tcmap__frame fr = {.x = 100, .y = 50, .w = 400, .h = 200};
    tcmap__ink v;
    tcmap__ink_open(&v, &fr);
    unsigned long before = tcmap__ink_counts();
    cairo_rectangle(v.cr, 100, 50, 200, 200); /* the left half */
    assert_int_equal(tcmap__ink_count(&v, 0), 200 * 200);
    /* Cleared between counts; off the panel counts nothing. */
    cairo_rectangle(v.cr, 600, 50, 50, 50);
    assert_int_equal(tcmap__ink_count(&v, 0), 0);
    assert_int_equal(tcmap__ink_counts() - before, 2);
    tcmap__ink_close(&v);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_colours_mix_channel_by_channel),
        cmocka_unit_test(
            test_a_fill_on_cairo_is_even_odd_and_a_clip_bounds_what_follows),
        cmocka_unit_test(
            test_the_same_calls_write_svg_with_their_rule_opacity_and_dashes),
        cmocka_unit_test(test_the_ink_raster_counts_the_cells_a_path_covers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
