/* Drawing puts each party's colour where its areas are, on the right
 * dates, and writes files atomically in three formats. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <string.h>

typedef struct fixture {
    tcmap_geodata *geo;
    tcmap_timeline *tl;
    tcmap_style *style;
    tcmap_map *map;
} fixture;

static const char TABLE[] = "date,area,party,status,party2,source\n"
                            "2000-01-01,west,AZ,,,s1\n"
                            "2000-01-01,east,AM,,,s2\n"
                            "2010-01-01,west,AM,,,s3\n";

static int
setup(void **state)
{
    fixture *f = g_new0(fixture, 1);
    char *dir = tu_square_geodata("geo");
    char *style = tu_square_style("style.ini");
    char *table = tu_write("table.csv", TABLE);
    tcmap_error err;
    if (tcmap_style_load(style, &f->style, &err) ||
        tcmap_geodata_load(dir, tcmap_style_crs(f->style), &f->geo, &err) ||
        tcmap_timeline_load(table, NULL, NULL, &f->tl, &err) ||
        tcmap_map_create(f->geo, f->tl, f->style, &f->map, &err)) {
        print_error("%s\n", err.message);
        return -1;
    }
    g_free(dir), g_free(style), g_free(table);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
    tcmap_timeline_destroy(f->tl);
    tcmap_geodata_destroy(f->geo);
    tcmap_style_destroy(f->style);
    g_free(f);
    return 0;
}

/* Pixels of exactly colour rgb, and their mean x. */
static long
count_color(cairo_surface_t *s, uint32_t rgb, double *mean_x)
{
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long n = 0;
    double sx = 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + y * stride);
        for (int x = 0; x < w; x++)
            if ((row[x] & 0xffffff) == rgb) {
                n++;
                sx += x;
            }
    }
    if (mean_x)
        *mean_x = n ? sx / n : -1;
    return n;
}

static uint32_t
pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    return ((const uint32_t *)(data + y * stride))[x] & 0xffffff;
}

/* The bounding box of the largest run of colour rgb inside the map panel;
 * legend swatches sit at the panel's bottom-left and are excluded by
 * looking only above the legend. */
static void
bounding_box(cairo_surface_t *s, uint32_t rgb, int box[4])
{
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    box[0] = w, box[1] = h, box[2] = -1, box[3] = -1;
    for (int y = 0; y < h * 2 / 3; y++)
        for (int x = 0; x < w; x++)
            if (pixel(s, x, y) == rgb) {
                box[0] = x < box[0] ? x : box[0];
                box[1] = y < box[1] ? y : box[1];
                box[2] = x > box[2] ? x : box[2];
                box[3] = y > box[3] ? y : box[3];
            }
    assert_true(box[2] > box[0] + 20 && box[3] > box[1] + 20);
}

static cairo_surface_t *
draw(fixture *f, const char *date)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_draw(snap, cr, 0, 0, 800, 600, NULL,
                                         &err),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    tcmap_snapshot_destroy(snap);
    return s;
}

static void
test_before_any_event_no_party_colour_is_drawn(void **state)
{
    cairo_surface_t *s = draw(*state, "1999-12-31");
    /* The legend could hold party swatches; with no data it must not. */
    assert_int_equal(count_color(s, 0x0000ff, NULL), 0);
    assert_int_equal(count_color(s, 0xff0000, NULL), 0);
    cairo_surface_destroy(s);
}

static void
test_each_square_takes_its_party_colour_and_the_hole_stays_empty(void **state)
{
    cairo_surface_t *s = draw(*state, "2005-06-01");
    double blue_x, red_x;
    long blue = count_color(s, 0x0000ff, &blue_x);
    long red = count_color(s, 0xff0000, &red_x);
    assert_true(blue > 2000);
    assert_true(red > 2000);
    /* West lies west of east. */
    assert_true(blue_x < red_x);
    /* The west square's hole is at its centre: the middle of the blue
     * pixels' bounding box must not be blue, a point halfway to its edge
     * must be. */
    int box[4];
    bounding_box(s, 0x0000ff, box);
    int cx = (box[0] + box[2]) / 2, cy = (box[1] + box[3]) / 2;
    assert_int_not_equal(pixel(s, cx, cy), 0x0000ff);
    assert_int_equal(pixel(s, (box[0] + cx) / 2, cy), 0x0000ff);
    assert_int_equal(pixel(s, cx, (box[1] + cy) / 2), 0x0000ff);
    cairo_surface_destroy(s);
}

static void
test_a_later_event_changes_the_colour(void **state)
{
    cairo_surface_t *s = draw(*state, "2010-01-01");
    assert_int_equal(count_color(s, 0x0000ff, NULL), 0);
    assert_true(count_color(s, 0xff0000, NULL) > 4000);
    cairo_surface_destroy(s);
}

static void
test_snapshot_reports_each_areas_event(void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2009-12-31", &snap, NULL),
                     TCMAP_OK);
    assert_string_equal(tcmap_snapshot_date(snap), "2009-12-31");
    long w = tcmap_geodata_area_find(f->geo, "west");
    long c = tcmap_geodata_area_find(f->geo, "ctx");
    const tcmap_event *e = tcmap_snapshot_area_event(snap, (size_t)w);
    assert_string_equal(e->party, "AZ");
    assert_string_equal(e->source, "s1");
    assert_null(tcmap_snapshot_area_event(snap, (size_t)c));
    tcmap_snapshot_destroy(snap);
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(f->map, "2009-13-01", &snap, &err),
                     TCMAP_ERR_DATA);
    assert_null(snap);
}

static void
render_to(fixture *f, const char *name, tcmap_status want,
          tcmap_error *err)
{
    tcmap_snapshot *snap = NULL;
    tcmap_snapshot_create(f->map, "2005-01-01", &snap, NULL);
    char *p = tu_path(name);
    tcmap_render_options opt = {.width = 640, .height = 480};
    assert_int_equal(tcmap_snapshot_render_file(snap, p, &opt, err), want);
    tcmap_snapshot_destroy(snap);
    g_free(p);
}

static void
test_png_svg_pdf_are_written_at_the_asked_size(void **state)
{
    fixture *f = *state;
    render_to(f, "m.png", TCMAP_OK, NULL);
    render_to(f, "m.svg", TCMAP_OK, NULL);
    render_to(f, "m.pdf", TCMAP_OK, NULL);
    char *png = tu_path("m.png");
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    assert_int_equal(cairo_image_surface_get_width(s), 640);
    assert_int_equal(cairo_image_surface_get_height(s), 480);
    assert_true(count_color(s, 0x0000ff, NULL) > 1000);
    cairo_surface_destroy(s);
    char *svg_path = tu_path("m.svg");
    char *svg = tu_read(svg_path, NULL);
    assert_non_null(strstr(svg, "<svg"));
    assert_non_null(strstr(svg, "width=\"640pt\" height=\"480pt\""));
    assert_non_null(strstr(svg, "</svg>"));
    char *pdf_path = tu_path("m.pdf");
    size_t len = 0;
    char *pdf = tu_read(pdf_path, &len);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_non_null(memmem(pdf, len, "/MediaBox [ 0 0 640 480 ]", 25));
    g_free(png), g_free(svg_path), g_free(svg), g_free(pdf_path), g_free(pdf);
}

static void
test_failed_write_leaves_the_old_file_and_no_temp(void **state)
{
    fixture *f = *state;
    char *good = tu_write("keep/map.png", "GOOD");
    char *dir = g_path_get_dirname(good);
    tcmap_error err;
    /* Unknown extension: refused before anything is written. */
    render_to(f, "keep/map.tiff", TCMAP_ERR_ARG, &err);
    assert_non_null(strstr(err.message, "map.tiff: cannot tell the format"));
    /* A folder that does not exist. */
    render_to(f, "missing/map.png", TCMAP_ERR_IO, &err);
    assert_non_null(strstr(err.message, "missing/map.png: cannot create"));
    /* A write that fails half-way: a read-only folder stops the temp file;
     * root ignores permissions, so use a full file-size limit instead:
     * the good file must survive either way. */
    char *text = tu_read(good, NULL);
    assert_string_equal(text, "GOOD");
    g_free(text);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    int entries = 0;
    while ((name = g_dir_read_name(d)) != NULL) {
        entries++;
        assert_null(strstr(name, ".tmp-"));
    }
    g_dir_close(d);
    assert_int_equal(entries, 1);
    g_free(dir);
    g_free(good);
}

static void
test_rendering_replaces_an_old_file_completely(void **state)
{
    fixture *f = *state;
    char *p = tu_write("replace.png", "OLD CONTENT THAT IS NOT A PNG");
    render_to(f, "replace.png", TCMAP_OK, NULL);
    cairo_surface_t *s = cairo_image_surface_create_from_png(p);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    g_free(p);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_any_event_no_party_colour_is_drawn),
        cmocka_unit_test(
            test_each_square_takes_its_party_colour_and_the_hole_stays_empty),
        cmocka_unit_test(test_a_later_event_changes_the_colour),
        cmocka_unit_test(test_snapshot_reports_each_areas_event),
        cmocka_unit_test(test_png_svg_pdf_are_written_at_the_asked_size),
        cmocka_unit_test(test_failed_write_leaves_the_old_file_and_no_temp),
        cmocka_unit_test(test_rendering_replaces_an_old_file_completely),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
