/* The area chart: stacked km² in the parties' colours, annotated, written
 * whole or not at all; and `tcmap chart` on the command line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "load/geodata.h"

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* west (96 km²) is AZ throughout; east (100 km²) is AM until 2010, then
 * AZ. The style colours AZ #0000ff and AM #ff0000. */
static const char TABLE[] = "date,area,party\n"
                            "2000-01-01,west,AZ\n"
                            "2000-01-01,east,AM\n"
                            "2010-06-01,east,AZ\n";

static int
setup(void **state)
{
    char *geo_dir = tu_square_geodata("geo");
    char *style = tu_square_style("style.ini");
    char *table = tu_write("table.csv", TABLE);
    tcmap_map *map = NULL;
    tcmap_error err;
    if (tcmap_map_open(geo_dir, table, style, &map, &err) != TCMAP_OK) {
        print_error("fixture: %s\n", err.message);
        return -1;
    }
    g_free(geo_dir), g_free(style), g_free(table);
    *state = map;
    return 0;
}

static int
teardown(void **state)
{
    tcmap_map_destroy(*state);
    return 0;
}

/* Counts pure blue and pure red pixels in column x of an RGB24 image. */
static void
column_colours(cairo_surface_t *s, int x, int *blue, int *red)
{
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    *blue = *red = 0;
    for (int y = 0; y < cairo_image_surface_get_height(s); y++) {
        uint32_t px = *(uint32_t *)(data + y * stride + 4 * x) & 0xffffff;
        *blue += px == 0x0000ff;
        *red += px == 0xff0000;
    }
}

static void
test_layers_are_stacked_in_party_colours_and_follow_the_table(void **state)
{
    char *png = tu_path("chart.png");
    tcmap_chart_options opt = {.size = sizeof opt, .width = 800, .height = 400,
                               .annotations = -1, .from = "2000-01-01",
                               .to = "2020-01-01"};
    tcmap_error err;
    assert_int_equal(tcmap_chart_render_file(*state, png, &opt, &err),
                     TCMAP_OK);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 800);
    assert_int_equal(cairo_image_surface_get_height(s), 400);
    int blue, red;
    /* 2005 lies about a quarter of the way: both parties, AM's band about
     * as tall as AZ's (100 against 96 km²). */
    column_colours(s, 300, &blue, &red);
    assert_true(blue > 50 && red > 50);
    assert_true(abs(red - blue) <= blue / 10 + 2);
    /* 2018: AZ holds everything. */
    column_colours(s, 760, &blue, &red);
    assert_int_equal(red, 0);
    assert_true(blue > 100);
    cairo_surface_destroy(s);
    g_free(png);
}

static void
test_the_largest_change_is_annotated_with_date_and_km2(void **state)
{
    char *pdf = tu_path("chart.pdf");
    tcmap_error err;
    assert_int_equal(tcmap_chart_render_file(*state, pdf, NULL, &err),
                     TCMAP_OK);
    char *cmd = g_strdup_printf("pdftotext '%s' -", pdf), *text = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &text, NULL, NULL, NULL));
    const tcmap_geodata *geo = tcmap_map_geodata(*state);
    double east = tcmap_geodata_area_km2(geo, tcmap__geodata_area_index(geo,
                                                                     "east"));
    char *want = g_strdup_printf("1 Jun 2010: +%.0f km²", east);
    assert_non_null(strstr(text, want));
    /* NULL dates span the table: from its first event to its last. */
    assert_non_null(strstr(text, "1 Jan 2000 – 1 Jun 2010"));
    assert_non_null(strstr(text, "Party AZ"));
    g_free(want), g_free(text), g_free(cmd), g_free(pdf);
}

static void
test_chart_draws_into_a_callers_rectangle_only(void **state)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600,
                                                    400);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 1, 0);
    cairo_paint(cr);
    cairo_translate(cr, 3, 3); /* must be left as found */
    tcmap_chart_options span = {.size = sizeof span, .from = "2000-01-01", .to = "2012-01-01"};
    assert_int_equal(tcmap_chart_draw(*state, cr,
                                      (tcmap_rect){100, 50, 400, 300}, &span,
                                      NULL),
                     TCMAP_OK);
    double mx = 0, my = 0;
    cairo_user_to_device(cr, &mx, &my);
    assert_float_equal(mx, 3, 1e-9);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* Outside the rectangle: still green; inside: the chart's white. */
    assert_int_equal(*(uint32_t *)(d + 20 * stride + 4 * 20) & 0xffffff,
                     0x00ff00);
    assert_int_equal(*(uint32_t *)(d + 60 * stride + 4 * 110) & 0xffffff,
                     0xffffff);
    cairo_surface_destroy(s);
}

static void
test_chart_errors_have_a_status_and_a_message(void **state)
{
    tcmap_error err;
    char *bad = tu_path("chart.tiff");
    assert_int_equal(tcmap_chart_render_file(*state, bad, NULL, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "chart.tiff: cannot tell the "
                                        "format"));
    char *png = tu_write("keep.png", "GOOD");
    tcmap_chart_options empty = {.size = sizeof empty, .from = "2010-01-01", .to = "2005-01-01"};
    assert_int_equal(tcmap_chart_render_file(*state, png, &empty, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "chart: the span 2010-01-01 to "
                                     "2005-01-01 is empty; the end must be "
                                     "after the start");
    tcmap_chart_options nodate = {.size = sizeof nodate, .from = "2010-02-30"};
    assert_int_equal(tcmap_chart_render_file(*state, png, &nodate, &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message, "date '2010-02-30' does not exist in "
                                     "the calendar");
    char *text = tu_read(png, NULL);
    assert_string_equal(text, "GOOD"); /* failures leave the old file */
    g_free(text);
    assert_int_equal(tcmap_chart_render_file(*state, "/nonexistent/dir/c.png",
                                             NULL, &err),
                     TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/dir/c.png: cannot "
                                        "create"));
    assert_int_equal(tcmap_chart_draw(NULL, NULL, (tcmap_rect){0, 0, 1, 1},
                                      NULL, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "chart: NULL argument");
    g_free(bad), g_free(png);
}

static void
test_cli_chart_writes_the_file_and_reports_every_usage_error(void **state)
{
    (void)state;
    char *geo_dir = tu_square_geodata("geo_cli");
    char *style = tu_square_style("style_cli.ini");
    char *table = tu_write("table_cli.csv", TABLE);
    char *svg = tu_path("cli.svg"), *err = NULL;
    int rc = tu_run(NULL, &err, "chart", "--geodata", geo_dir, "--style",
                    style, "--control", table, "-o", svg, NULL);
    if (rc != 0)
        fail_msg("chart: exit %d: %s", rc, err);
    g_free(err);
    /* A real SVG reader must accept it. */
    char *png = tu_path("cli-svg.png");
    char *cmd = g_strdup_printf("rsvg-convert -o '%s' '%s'", png, svg);
    assert_int_equal(system(cmd), 0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    g_free(cmd), g_free(png);
    assert_int_equal(tu_run(NULL, &err, "chart", "--from", "2001-13-01",
                            "--annotate", "x", "--size", "5x5", NULL),
                     2);
    assert_non_null(strstr(err, "--from '2001-13-01' is not a date"));
    assert_non_null(strstr(err, "--annotate 'x' is not a number"));
    assert_non_null(strstr(err, "--size '5x5'"));
    assert_non_null(strstr(err, "-o FILE is required"));
    g_free(err);
    g_free(geo_dir), g_free(style), g_free(table), g_free(svg);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_layers_are_stacked_in_party_colours_and_follow_the_table),
        cmocka_unit_test(
            test_the_largest_change_is_annotated_with_date_and_km2),
        cmocka_unit_test(test_chart_draws_into_a_callers_rectangle_only),
        cmocka_unit_test(test_chart_errors_have_a_status_and_a_message),
        cmocka_unit_test(
            test_cli_chart_writes_the_file_and_reports_every_usage_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
