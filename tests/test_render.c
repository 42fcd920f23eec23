/* Drawing puts each party's colour where its areas are, on the right
 * dates, and writes files atomically in three formats. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "load/geodata.h"

#include "draw/pen.h"
#include "load/style.h"

#include <cairo.h>
#include <glib.h>
#include <stdio.h> /* jpeglib.h needs FILE */
#include <jpeglib.h>
#include <webp/decode.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct fixture {
    const tcmap_geodata *geo; /* borrowed from the map */
    const tcmap_timeline *tl;
    const tcmap_style *style;
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
    if (tu_map_open(dir, table, style, &f->map, &f->style, &f->geo, &f->tl))
        return -1;
    g_free(dir), g_free(style), g_free(table);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    fixture *f = *state;
    tcmap_map_destroy(f->map);
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
    assert_int_equal(tcmap_snapshot_draw(snap, cr,
                                         (tcmap_rect){0, 0, 800, 600}, NULL,
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
    long w = tcmap__geodata_area_index(f->geo, "west");
    long c = tcmap__geodata_area_index(f->geo, "ctx");
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
    tcmap_render_options opt = {.size = sizeof opt, .width = 640, .height = 480};
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

/* The chunk of that type in a PNG file's bytes, its data and length. */
static const unsigned char *
png_chunk(const unsigned char *png, size_t len, const char *type,
          uint32_t *n)
{
    for (size_t at = 8; at + 12 <= len;) {
        uint32_t l = (uint32_t)png[at] << 24 | (uint32_t)png[at + 1] << 16 |
                     (uint32_t)png[at + 2] << 8 | png[at + 3];
        if (!memcmp(png + at + 4, type, 4)) {
            *n = l;
            return png + at + 8;
        }
        at += 12 + (size_t)l;
    }
    return NULL;
}

static void
test_png_and_pdf_carry_resolution_title_description_and_the_data_date(
    void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2012-01-01", &snap, NULL),
                     TCMAP_OK);
    char *png = tu_path("meta.png"), *pdf = tu_path("meta.pdf");
    tcmap_render_options opt = {.size = sizeof opt, .width_mm = 90, .height_mm = 60, .dpi = 300,
                                .title = "Headline for {date}"};
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_render_file(snap, png, &opt, &err),
                     TCMAP_OK);
    size_t len = 0;
    unsigned char *bytes = (unsigned char *)tu_read(png, &len);
    uint32_t n = 0;
    const unsigned char *phys = png_chunk(bytes, len, "pHYs", &n);
    assert_non_null(phys);
    assert_int_equal(n, 9);
    uint32_t ppm = (uint32_t)phys[0] << 24 | (uint32_t)phys[1] << 16 |
                   (uint32_t)phys[2] << 8 | phys[3];
    assert_int_equal(ppm, 11811); /* 300 dpi in pixels per metre */
    assert_int_equal(phys[8], 1); /* the unit is the metre */
    /* Before the first IDAT, as the PNG spec wants. */
    assert_true(phys < png_chunk(bytes, len, "IDAT", &n));
    const unsigned char *it = png_chunk(bytes, len, "iTXt", &n);
    assert_non_null(it);
    assert_non_null(memmem(it, n, "Title\0\0\0\0\0Headline for 2012-01-01",
                           33));
    /* The second iTXt, the short description. */
    assert_non_null(memmem(bytes, len, "Description\0", 12));
    assert_non_null(memmem(bytes, len, "Party AM held 100%", 18));
    g_free(bytes);
    /* identify reads it as 300 dpi, where ImageMagick is installed. */
    char *id = g_find_program_in_path("identify");
    if (id) {
        char *cmd = g_strdup_printf(
            "identify -units PixelsPerInch -format %%x '%s'", png), *out = NULL;
        assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
        assert_true(g_str_has_prefix(out, "300") ||
                    g_str_has_prefix(out, "299.9"));
        g_free(cmd), g_free(out), g_free(id);
    }
    /* A pixel PNG claims no resolution. */
    tcmap_render_options px = {.size = sizeof px, .width = 400, .height = 300};
    assert_int_equal(tcmap_snapshot_render_file(snap, png, &px, &err),
                     TCMAP_OK);
    bytes = (unsigned char *)tu_read(png, &len);
    assert_null(png_chunk(bytes, len, "pHYs", &n));
    g_free(bytes);

    assert_int_equal(tcmap_snapshot_render_file(snap, pdf, &opt, &err),
                     TCMAP_OK);
    char *cmd = g_strdup_printf("pdfinfo '%s'", pdf), *out = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    assert_non_null(strstr(out, "Title:           Headline for 2012-01-01"));
    assert_non_null(strstr(out, "Subject:         On 1 January 2012, "));
    /* The file's dates are when it was made; the latest row in force
     * (2010-01-01) and the map's date are in the Subject. */
    assert_null(strstr(out, "CreationDate:    Fri Jan  1 12:00:00 2010"));
    assert_non_null(strstr(out, "Map of 2012-01-01; latest change in the "
                                "data 2010-01-01."));
    assert_null(strstr(out, "1970"));
    g_free(cmd), g_free(out), g_free(png), g_free(pdf);
    tcmap_snapshot_destroy(snap);
}

/* Share of pixels within 40 of rgb on each channel, in packed RGB. */
static double
rgb_share_near(const unsigned char *rgb, int w, int h, uint32_t want)
{
    long n = 0;
    for (long i = 0; i < (long)w * h; i++) {
        int ok = 1;
        for (int c = 0; c < 3; c++)
            ok &= abs(rgb[3 * i + c] - (int)(want >> (16 - 8 * c) & 255)) <
                  40;
        n += ok;
    }
    return (double)n / ((double)w * h);
}

static void
test_jpeg_and_webp_are_written_by_extension_with_a_quality(void **state)
{
    fixture *f = *state;
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2005-01-01", &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *ref = draw(f, "2005-01-01");
    double blue = (double)count_color(ref, 0x0000ff, NULL) / (800 * 600);
    cairo_surface_destroy(ref);
    assert_true(blue > 0.02);
    char *jpg = tu_path("m.jpg"), *webp = tu_path("m.webp");
    size_t sizes[2][2];
    const int qual[2] = {95, 20};
    for (int q = 0; q < 2; q++) {
        tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600,
                                    .quality = qual[q]};
        tcmap_error err;
        assert_int_equal(tcmap_snapshot_render_file(snap, jpg, &opt, &err),
                         TCMAP_OK);
        assert_int_equal(tcmap_snapshot_render_file(snap, webp, &opt, &err),
                         TCMAP_OK);
        char *b = tu_read(jpg, &sizes[q][0]);
        assert_memory_equal(b, "\xff\xd8\xff", 3);
        if (q == 0) {
            /* Decoded, it is the same map: as much blue as the PNG. */
            struct jpeg_decompress_struct d;
            struct jpeg_error_mgr jm;
            d.err = jpeg_std_error(&jm);
            jpeg_create_decompress(&d);
            jpeg_mem_src(&d, (unsigned char *)b, (unsigned long)sizes[q][0]);
            assert_int_equal(jpeg_read_header(&d, TRUE), JPEG_HEADER_OK);
            jpeg_start_decompress(&d);
            assert_int_equal(d.output_width, 800);
            assert_int_equal(d.output_height, 600);
            unsigned char *rgb = g_malloc(800 * 600 * 3);
            while (d.output_scanline < d.output_height) {
                unsigned char *row = rgb + d.output_scanline * 800 * 3;
                jpeg_read_scanlines(&d, &row, 1);
            }
            jpeg_finish_decompress(&d);
            jpeg_destroy_decompress(&d);
            assert_true(fabs(rgb_share_near(rgb, 800, 600, 0x0000ff) - blue) <
                        blue * 0.05);
            g_free(rgb);
        }
        g_free(b);
        b = tu_read(webp, &sizes[q][1]);
        assert_memory_equal(b, "RIFF", 4);
        assert_memory_equal(b + 8, "WEBP", 4);
        if (q == 0) {
            int w = 0, h = 0;
            uint8_t *rgb = WebPDecodeRGB((const uint8_t *)b, sizes[q][1], &w,
                                         &h);
            assert_non_null(rgb);
            assert_int_equal(w, 800);
            assert_int_equal(h, 600);
            assert_true(fabs(rgb_share_near(rgb, w, h, 0x0000ff) - blue) <
                        blue * 0.05);
            WebPFree(rgb);
        }
        g_free(b);
    }
    /* A lower quality gives a smaller file. */
    assert_true(sizes[1][0] < sizes[0][0]);
    assert_true(sizes[1][1] < sizes[0][1]);
    tcmap_render_options bad = {.size = sizeof bad, .quality = 101};
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_render_file(snap, jpg, &bad, &err),
                     TCMAP_ERR_ARG);
    assert_int_equal(tcmap_format_from_path("a/B.JPEG"), TCMAP_FORMAT_JPEG);
    assert_int_equal(tcmap_format_from_path("b.webp"), TCMAP_FORMAT_WEBP);
    g_free(jpg), g_free(webp);
    tcmap_snapshot_destroy(snap);
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


/* ---- the default data (frozen in tests/golden/data) in every style ---- */

#define GOLDEN TCMAP_SOURCE_DIR "/tests/golden"

typedef struct real_map {
    tcmap_map *map;
} real_map;

static void
real_open(real_map *m, const char *style)
{
    char *sp = g_strdup_printf(TCMAP_SOURCE_DIR "/styles/%s.ini", style);
    if (tu_map_open(GOLDEN "/data", GOLDEN "/data/control/karabakh.csv", sp,
                    &m->map, NULL, NULL, NULL))
        fail();
    g_free(sp);
}

static void
real_close(real_map *m)
{
    tcmap_map_destroy(m->map);
}

static void
real_render(real_map *m, const char *date, const char *path,
            const tcmap_render_options *opt)
{
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(m->map, date, &snap, &err),
                     TCMAP_OK);
    if (tcmap_snapshot_render_file(snap, path, opt, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    tcmap_snapshot_destroy(snap);
}

/* A patterned fill on a raster page paints a small tile of its pattern;
 * the same pattern, colour and scale (a party's areas and its legend
 * swatch, every state of a frame series) is painted from the tile made
 * the first time, and the picture is the same. */
static void
test_a_pattern_tile_is_made_once_and_painted_again(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *a = tu_path("tiles-a.png"), *b = tu_path("tiles-b.png");
    /* A size no other case draws at: no tile of its scale made before. */
    tcmap_render_options opt = {.size = sizeof opt, .width = 1013, .height = 761};
    unsigned long n0 = tcmap__pattern_tiles_made();
    real_render(&m, "2021-06-01", a, &opt);
    unsigned long first = tcmap__pattern_tiles_made() - n0;
    assert_true(first > 0);
    n0 = tcmap__pattern_tiles_made();
    real_render(&m, "2021-06-01", b, &opt);
    assert_int_equal(tcmap__pattern_tiles_made() - n0, 0);
    cairo_surface_t *ia = cairo_image_surface_create_from_png(a);
    cairo_surface_t *ib = cairo_image_surface_create_from_png(b);
    int stride = cairo_image_surface_get_stride(ia);
    assert_int_equal(stride, cairo_image_surface_get_stride(ib));
    assert_memory_equal(cairo_image_surface_get_data(ia),
                        cairo_image_surface_get_data(ib),
                        (size_t)stride * 761);
    cairo_surface_destroy(ia), cairo_surface_destroy(ib);
    g_free(a), g_free(b);
    real_close(&m);
}

/* A series locks its legend's line kinds; whether a locked kind shows
 * depends on the view alone, so the second state's body looks for no
 * line on the panel again (and the first state's did). */
static void
test_a_locked_line_kind_is_looked_for_once_per_view(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    const tcmap_style *st = NULL;
    if (tu_map_open(GOLDEN "/data", GOLDEN "/data/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, &st, NULL,
                    NULL))
        fail();
    assert_true(st->n_lines > 0);
    const char **lock = calloc(st->n_lines + 1, sizeof *lock);
    for (size_t k = 0; k < st->n_lines; k++)
        lock[k] = st->lines[k].legend_id;
    tcmap_render_options ro = {.size = sizeof ro, .width = 600, .height = 450};
    tcmap__page_part pp = {.part = TCMAP__PART_BODY, .legend = lock};
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 600, 450);
    unsigned long made[2];
    const char *dates[2] = {"2020-10-05", "2020-10-20"};
    for (int d = 0; d < 2; d++) {
        tcmap_snapshot *snap = NULL;
        assert_int_equal(tcmap_snapshot_create(map, dates[d], &snap, NULL),
                         TCMAP_OK);
        cairo_t *cr = cairo_create(img);
        unsigned long n0 = tcmap__ink_counts();
        assert_int_equal(
            tcmap__snapshot_draw_part(snap, cr, (tcmap_rect){0, 0, 600, 450},
                                      &ro, &pp, NULL),
            TCMAP_OK);
        made[d] = tcmap__ink_counts() - n0;
        cairo_destroy(cr);
        tcmap_snapshot_destroy(snap);
    }
    assert_true(made[1] + st->n_lines <= made[0]);
    cairo_surface_destroy(img);
    free(lock);
    tcmap_map_destroy(map);
}

/* Golden images. A pixel counts as changed when one of its channels
 * differs by more than GOLDEN_CHANNEL (of 255); a case fails when more than
 * GOLDEN_SHARE of its pixels changed -- enough to let font rasteriser
 * updates through, far too little to hide a moved label or a wrong fill.
 * On failure NAME.out.png (what was drawn) and NAME.diff.png (changed
 * pixels in red over a faded reference) are written to
 * BUILD/tests/golden-out/. scripts/update-goldens rewrites the references
 * (TCMAP_UPDATE_GOLDEN=1, under which every case fails: a rewrite is not
 * a check); look at every one before committing it. */
enum { GOLDEN_CHANNEL = 40 };

/* Golden references rewritten by this run (TCMAP_UPDATE_GOLDEN=1). */
static int golden_rewritten;
#define GOLDEN_SHARE 0.002

/* A golden case drawn as PNG, or as SVG or PDF (ext) rasterised at one
 * pixel per point by rsvg-convert or pdftoppm, which is what a reader of
 * those files sees. */
static void
golden_case_as(const char *name, const char *style, const char *date,
               const tcmap_render_options *opt, const char *ext)
{
    real_map m = {0};
    real_open(&m, style);
    char *out_dir = g_build_filename(TCMAP_BINARY_DIR, "tests",
                                     "golden-out", NULL);
    g_mkdir_with_parents(out_dir, 0755);
    char *out = g_strdup_printf("%s/%s.out.png", out_dir, name);
    char *diff = g_strdup_printf("%s/%s.diff.png", out_dir, name);
    char *ref = g_strdup_printf(GOLDEN "/%s.ref.png", name);
    if (!strcmp(ext, "png")) {
        real_render(&m, date, out, opt);
    } else {
        char *vec = g_strdup_printf("%s/%s.out.%s", out_dir, name, ext);
        real_render(&m, date, vec, opt);
        char *cmd =
            !strcmp(ext, "svg")
                ? g_strdup_printf("rsvg-convert --dpi-x 72 --dpi-y 72 -o "
                                  "'%s' '%s'",
                                  out, vec)
                : g_strdup_printf("sh -c \"pdftoppm -r 72 -png -singlefile "
                                  "'%s' > '%s'\"",
                                  vec, out);
        assert_int_equal(system(cmd), 0);
        g_free(cmd), g_free(vec);
    }
    real_close(&m);
    const char *update = getenv("TCMAP_UPDATE_GOLDEN");
    if (update && !strcmp(update, "1")) {
        char *bytes = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(out, &bytes, &len, NULL));
        assert_true(g_file_set_contents(ref, bytes, (gssize)len, NULL));
        g_free(bytes);
        /* A run that rewrites its references has checked nothing: main()
         * makes it fail (scripts/update-goldens expects this), once every
         * case is rewritten. */
        golden_rewritten++;
    }
    cairo_surface_t *a = cairo_image_surface_create_from_png(ref);
    cairo_surface_t *b = cairo_image_surface_create_from_png(out);
    if (cairo_surface_status(a) != CAIRO_STATUS_SUCCESS)
        fail_msg("%s: no reference image (run scripts/update-goldens)",
                 ref);
    assert_int_equal(cairo_surface_status(b), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    assert_int_equal(cairo_image_surface_get_width(b), w);
    assert_int_equal(cairo_image_surface_get_height(b), h);
    cairo_surface_t *d = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    long changed = 0;
    int worst = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t pa = pixel(a, x, y), pb = pixel(b, x, y);
            int md = 0;
            for (int sh = 0; sh <= 16; sh += 8) {
                int ca = (int)(pa >> sh & 255), cb = (int)(pb >> sh & 255);
                md = abs(ca - cb) > md ? abs(ca - cb) : md;
            }
            worst = md > worst ? md : worst;
            uint32_t grey = ((pa >> 16 & 255) + (pa >> 8 & 255) + (pa & 255)) /
                            6 + 128;
            uint32_t *row = (uint32_t *)(cairo_image_surface_get_data(d) +
                                         y * cairo_image_surface_get_stride(d));
            if (md > GOLDEN_CHANNEL) {
                changed++;
                row[x] = 0xff0000;
            } else {
                row[x] = grey << 16 | grey << 8 | grey;
            }
        }
    cairo_surface_mark_dirty(d);
    double share = (double)changed / ((double)w * h);
    if (share > GOLDEN_SHARE) {
        cairo_surface_write_to_png(d, diff);
        fail_msg("%s: %ld pixels (%.3f %%) differ by more than %d (worst "
                 "%d); see %s and %s",
                 name, changed, share * 100, GOLDEN_CHANNEL, worst, out,
                 diff);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    cairo_surface_destroy(d);
    g_free(out_dir), g_free(out), g_free(diff), g_free(ref);
}

static void
golden_case(const char *name, const char *style, const char *date,
            const tcmap_render_options *opt)
{
    golden_case_as(name, style, date, opt, "png");
}

/* ---- per-map options (issue 13) ---- */

static cairo_surface_t *
draw_with(fixture *f, const char *date, const tcmap_render_options *opt)
{
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, date, &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    if (tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, 800, 600}, opt,
                            &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    tcmap_snapshot_destroy(snap);
    return s;
}

static void
test_zoom_to_an_area_fills_the_panel_with_it(void **state)
{
    fixture *f = *state;
    cairo_surface_t *whole = draw_with(f, "2000-06-01", NULL);
    static const char *const east[] = {"east", NULL};
    tcmap_render_options zo = {.size = sizeof zo, .zoom_to = east};
    cairo_surface_t *zoomed = draw_with(f, "2000-06-01", &zo);
    long before = count_color(whole, 0xff0000, NULL);
    long after = count_color(zoomed, 0xff0000, NULL);
    /* East is 10 km of a 50 km wide extent; zoomed to with a 15 % margin
     * it takes most of the panel's height. */
    assert_true(after > 4 * before);
    assert_true(after > 800 * 600 / 4);
    /* West lies outside the zoomed panel but for at most a sliver. */
    assert_true(count_color(zoomed, 0x0000ff, NULL) < count_color(whole, 0x0000ff, NULL) / 4);
    cairo_surface_destroy(whole);
    cairo_surface_destroy(zoomed);

    /* An unknown id is a data error naming it. */
    static const char *const nowhere[] = {"atlantis", NULL};
    tcmap_render_options bad = {.size = sizeof bad, .zoom_to = nowhere};
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 80, 60);
    cairo_t *cr = cairo_create(s);
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_draw(snap, cr,
                                         (tcmap_rect){0, 0, 800, 600}, &bad,
                                         &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "'atlantis'"));
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    tcmap_snapshot_destroy(snap);
}

/* Pixels that differ between two surfaces of the same size. */
static long
pixels_differing(cairo_surface_t *a, cairo_surface_t *b)
{
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    long n = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            n += pixel(a, x, y) != pixel(b, x, y);
    return n;
}

/* The land and the district outlines are drawn once per map and view and
 * painted from that drawing (areas.c): a map that has drawn another view
 * first must give the same pixels as a map drawing this view first. */
static void
test_a_map_redraws_its_constant_layers_when_the_view_changes(void **state)
{
    fixture *f = *state;
    static const char *const east[] = {"east", NULL};
    tcmap_render_options zo = {.size = sizeof zo, .zoom_to = east};
    cairo_surface_t *whole = draw_with(f, "2000-06-01", NULL);
    cairo_surface_t *zoomed = draw_with(f, "2000-06-01", &zo);
    cairo_surface_t *again = draw_with(f, "2010-06-01", NULL);

    void *st2 = NULL;
    assert_int_equal(setup(&st2), 0);
    cairo_surface_t *fresh_zoomed = draw_with(st2, "2000-06-01", &zo);
    assert_int_equal(teardown(&st2), 0);
    assert_true(setup(&st2) == 0);
    cairo_surface_t *fresh_again = draw_with(st2, "2010-06-01", NULL);
    assert_int_equal(teardown(&st2), 0);

    assert_true(pixels_differing(whole, zoomed) > 800 * 600 / 10);
    assert_int_equal(pixels_differing(zoomed, fresh_zoomed), 0);
    assert_int_equal(pixels_differing(again, fresh_again), 0);
    cairo_surface_destroy(whole);
    cairo_surface_destroy(zoomed);
    cairo_surface_destroy(again);
    cairo_surface_destroy(fresh_zoomed);
    cairo_surface_destroy(fresh_again);
}

/* The labels are painted from the map's last drawing of them when they
 * are the same labels (places.c): drawn in another name set first, a map
 * must still give the pixels of a map drawing this name set first. */
static void
test_a_map_redraws_its_labels_when_the_names_change(void **state)
{
    fixture *f = *state;
    tcmap_render_options en = {.size = sizeof en, .names = "en"};
    tcmap_render_options az = {.size = sizeof az, .names = "az"};
    cairo_surface_t *first = draw_with(f, "2000-06-01", &en);
    cairo_surface_t *second = draw_with(f, "2000-06-01", &az);

    void *st2 = NULL;
    assert_int_equal(setup(&st2), 0);
    cairo_surface_t *fresh = draw_with(st2, "2000-06-01", &az);
    assert_int_equal(teardown(&st2), 0);

    assert_true(pixels_differing(first, second) > 50);
    assert_int_equal(pixels_differing(second, fresh), 0);
    cairo_surface_destroy(first);
    cairo_surface_destroy(second);
    cairo_surface_destroy(fresh);
}

static void
test_extent_and_lonlat_to_page_agree_with_the_pixels(void **state)
{
    fixture *f = *state;
    /* A box around the east square only (about 44.05-44.2 E). */
    tcmap_render_options eo = {.size = sizeof eo, .extent = {44.02, 39.70, 44.25, 39.86}};
    cairo_surface_t *s = draw_with(f, "2000-06-01", &eo);
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(f->map, "2000-06-01", &snap, NULL),
                     TCMAP_OK);
    /* The middle of the east square, 425 km E / 4405 km N in UTM 38N, is
     * about 44.1247 E, 39.7906 N: it lands on red. */
    tcmap_rect page = {0, 0, 800, 600};
    const double middle[2] = {44.1247, 39.7906};
    double xy[2] = {0, 0};
    tcmap_error err;
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(snap, page, &eo, middle, xy, &err),
        TCMAP_OK);
    double px = xy[0], py = xy[1];
    assert_true(px > 100 && px < 700 && py > 100 && py < 500);
    /* Mostly red around it (the area's own label sits on the middle). */
    int red = 0;
    for (int dy = -30; dy <= 30; dy++)
        for (int dx = -30; dx <= 30; dx++)
            red += pixel(s, (int)px + dx, (int)py + dy) == 0xff0000;
    assert_true(red > 61 * 61 * 3 / 4);
    /* The same point without the extent lies elsewhere on the page. */
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(snap, page, NULL, middle, xy, &err),
        TCMAP_OK);
    assert_true(fabs(xy[0] - px) > 20);
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(NULL, page, NULL, middle, xy, &err),
        TCMAP_ERR_ARG);
    assert_int_equal(
        tcmap_snapshot_lonlat_to_page(snap, page, NULL, NULL, xy, &err),
        TCMAP_ERR_ARG);
    tcmap_snapshot_destroy(snap);
    cairo_surface_destroy(s);
}

/* The <g id=ID> layer's text up to its end (the next "</g>\n  <g" or the
 * document's end), new. */
static char *
svg_layer(const char *doc, const char *id)
{
    char *key = g_strdup_printf("<g id=\"%s\"", id);
    const char *at = strstr(doc, key);
    g_free(key);
    if (!at)
        return NULL;
    const char *end = strstr(at + 1, "\n  <g id=");
    return g_strndup(at, end ? (size_t)(end - at) : strlen(at));
}

/* The text content of an SVG fragment with tags dropped and runs of
 * white space made one space (wrapped lines join again), new. */
static char *
svg_words(const char *frag)
{
    GString *o = g_string_new(NULL);
    int in_tag = 0;
    for (const char *c = frag; *c; c++) {
        if (*c == '<')
            in_tag = 1;
        if (!in_tag && !(g_ascii_isspace(*c) && o->len &&
                         o->str[o->len - 1] == ' '))
            g_string_append_c(o, g_ascii_isspace(*c) ? ' ' : *c);
        if (*c == '>') {
            in_tag = 0;
            if (o->len && o->str[o->len - 1] != ' ')
                g_string_append_c(o, ' ');
        }
    }
    return g_string_free(o, FALSE);
}

static void
test_title_subtitle_credit_legend_and_inset_options_reach_the_svg(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("opts.svg");
    tcmap_render_options opt = {
        .size = sizeof opt,
        .width = 800, .height = 600,
        .title = "Azerbaijan retakes Shusha",
        .subtitle = "As of {date:%-d %B %Y}",
        .credit = "Graphic: The Desk",
        .legend_place = TCMAP_LEGEND_TOP_LEFT,
        .inset = TCMAP_INSET_OFF};
    real_render(&m, "2020-11-10", path, &opt);
    char *doc = tu_read(path, NULL);
    char *title = svg_layer(doc, "title"), *credit = svg_layer(doc, "credit");
    char *legend = svg_layer(doc, "legend"), *inset = svg_layer(doc, "inset");
    assert_non_null(strstr(title, ">Azerbaijan retakes Shusha<"));
    assert_non_null(strstr(title, ">As of 10 November 2020<"));
    assert_null(strstr(title, "Control of Nagorno-Karabakh"));
    /* Added to the sources and the style's credit, never instead. */
    char *flat = svg_words(credit);
    assert_non_null(strstr(flat, "Graphic: The Desk"));
    g_free(flat);
    assert_non_null(strstr(credit, "Natural Earth"));
    assert_non_null(strstr(credit, "Control:"));
    /* The legend's panel starts in the top-left quarter. */
    const char *d = strstr(legend, "d=\"M");
    assert_non_null(d);
    double lx = g_ascii_strtod(d + 4, NULL);
    double ly = g_ascii_strtod(strchr(d, ',') + 1, NULL);
    assert_true(lx < 200 && ly < 200);
    assert_null(strstr(inset, "<path"));
    /* The faded rest of Azerbaijan has a swatch of its own (issue 13). */
    assert_non_null(strstr(legend, ">Rest of Azerbaijan<"));
    assert_non_null(strstr(legend, ">Azerbaijan<"));
    g_free(title), g_free(credit), g_free(legend), g_free(inset), g_free(doc);

    /* --legend off draws none; --inset auto draws one. */
    tcmap_render_options off = {.size = sizeof off, .width = 800, .height = 600,
                                .legend_place = TCMAP_LEGEND_OFF,
                                .inset = TCMAP_INSET_AUTO};
    real_render(&m, "2020-11-10", path, &off);
    doc = tu_read(path, NULL);
    legend = svg_layer(doc, "legend"), inset = svg_layer(doc, "inset");
    assert_null(strstr(legend, "<path"));
    assert_null(strstr(legend, "<text"));
    assert_non_null(strstr(inset, "<path"));
    g_free(legend), g_free(inset), g_free(doc);

    /* "" leaves the heading out. */
    tcmap_render_options none = {.size = sizeof none, .width = 800, .height = 600, .title = "",
                                 .subtitle = ""};
    real_render(&m, "2020-11-10", path, &none);
    doc = tu_read(path, NULL);
    title = svg_layer(doc, "title");
    assert_null(strstr(title, "<text"));
    g_free(title), g_free(doc);
    real_close(&m);
    g_free(path);
}

static void
test_golden_default_style_on_three_dates(void **state)
{
    (void)state;
    tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600};
    golden_case("default-1994-06-01", "default", "1994-06-01", &opt);
    golden_case("default-2020-11-10", "default", "2020-11-10", &opt);
    golden_case("default-2023-10-01", "default", "2023-10-01", &opt);
}

/* The az, hy and ru editions (issue #23): title, date, legend, scale and
 * inset in the language's script, drawn with DejaVu only (fonts.conf). */
static void
test_golden_editions(void **state)
{
    (void)state;
    static const char *const langs[] = {"az", "hy", "ru"};
    for (size_t i = 0; i < G_N_ELEMENTS(langs); i++) {
        tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600,
                                    .names = langs[i], .lang = langs[i]};
        char *name = g_strdup_printf("edition-%s-2021-06-01", langs[i]);
        golden_case(name, "default", "2021-06-01", &opt);
        g_free(name);
    }
}

static void
test_golden_print_and_dark_styles(void **state)
{
    (void)state;
    /* print at its own 180 x 120 mm page, rasterised at 144 dpi */
    tcmap_render_options print = {.size = sizeof print, .width_mm = 180, .height_mm = 120,
                                  .dpi = 144};
    golden_case("print-2020-11-10", "print", "2020-11-10", &print);
    tcmap_render_options dark = {.size = sizeof dark, .width = 800, .height = 600};
    golden_case("dark-2020-11-10", "dark", "2020-11-10", &dark);
    tcmap_render_options names = {.size = sizeof names, .width = 800, .height = 600,
                                  .names = "en+local"};
    golden_case("default-en+local-2020-11-10", "default", "2020-11-10",
                &names);
}

/* Issue 13's newsroom map: zoomed to Shusha, with a callout, an arrow, a
 * highlighted area and a label, in each format. */
static void
test_golden_zoomed_map_with_annotations_in_png_svg_and_pdf(void **state)
{
    (void)state;
    tcmap_annotations *a = NULL;
    tcmap_error err;
    if (tcmap_annotations_load(TCMAP_SOURCE_DIR
                               "/tests/data/annotations/shusha.geojson",
                               &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    static const char *const zoom[] = {"shusha", "lachin", NULL};
    tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600,
                                .title = "Azerbaijan retakes Shusha",
                                .credit = "Graphic: tcmap tests.",
                                .zoom_to = zoom,
                                .annotations = a};
    golden_case_as("annotated-2020-11-10", "default", "2020-11-10", &opt,
                   "png");
    golden_case_as("annotated-2020-11-10-svg", "default", "2020-11-10", &opt,
                   "svg");
    golden_case_as("annotated-2020-11-10-pdf", "default", "2020-11-10", &opt,
                   "pdf");
    tcmap_annotations_destroy(a);
}

/* Issue 22's smallest published sizes of the README's newsroom recipe:
 * a one-column 90 x 60 mm print PDF (print style) and a 1080 x 1080
 * social square, each with its legend, callout and credit in place. */
static void
test_golden_newsroom_recipe_at_90x60mm_and_square(void **state)
{
    (void)state;
    const char *csv = "kind,text,areas,wkt\n"
                      "callout,Shusha taken on 8 November,,"
                      "POINT (46.7547 39.7583)\n"
                      "arrow,,,\"LINESTRING (46.95 39.45,46.90 39.62,"
                      "46.78 39.72)\"\n"
                      "highlight,,shusha,\n";
    g_autofree char *path = tu_write("today.csv", csv);
    tcmap_annotations *a = NULL;
    tcmap_error err;
    if (tcmap_annotations_load(path, &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    static const char *const zoom[] = {"shusha", "lachin", NULL};
    tcmap_render_options print = {.size = sizeof print, .width_mm = 90, .height_mm = 60,
                                  .title = "Azerbaijan retakes Shusha",
                                  .credit = "Graphic: The Desk",
                                  .zoom_to = zoom,
                                  .annotations = a};
    golden_case_as("recipe-90x60mm-pdf", "print", "2020-11-10", &print,
                   "pdf");
    tcmap_render_options square = {.size = sizeof square, .page_size = "square",
                                   .title = "Azerbaijan retakes Shusha",
                                   .credit = "Graphic: The Desk",
                                   .zoom_to = zoom,
                                   .annotations = a};
    golden_case_as("recipe-square", "default", "2020-11-10", &square, "png");
    tcmap_annotations_destroy(a);
}

/* ---- SVG a graphics desk can edit ---- */

typedef struct svg_walk {
    GPtrArray *stack;       /* open elements' ids ("" for none) */
    GPtrArray *layers;      /* ids of the <g> that are children of <svg> */
    int depth;
    int in_labels, in_text, texts_in_labels, texts_with_halo;
    GString *label_text;    /* text of all <text> in the labels layer */
    GString *title, *desc;
    GString *cur;           /* where character data goes, or NULL */
} svg_walk;

static const char *
attr(const char **names, const char **values, const char *name)
{
    for (int i = 0; names[i]; i++)
        if (!strcmp(names[i], name))
            return values[i];
    return NULL;
}

static void
svg_start(GMarkupParseContext *ctx, const char *el, const char **names,
          const char **values, gpointer user, GError **error)
{
    (void)ctx, (void)error;
    svg_walk *w = user;
    const char *id = attr(names, values, "id");
    if (!strcmp(el, "g") && w->depth == 1 && id)
        g_ptr_array_add(w->layers, g_strdup(id));
    if (!strcmp(el, "g") && id && !strcmp(id, "labels"))
        w->in_labels = w->depth;
    if (!strcmp(el, "title") && w->depth == 1)
        w->cur = w->title;
    if (!strcmp(el, "desc") && w->depth == 1)
        w->cur = w->desc;
    /* A halo is a stroked copy of the text just before it (SVG 1.1: no
     * paint-order); its words are not counted twice. */
    const char *cls = attr(names, values, "class");
    if (!strcmp(el, "text") && w->in_labels && cls && !strcmp(cls, "halo")) {
        assert_non_null(attr(names, values, "stroke"));
        assert_null(attr(names, values, "paint-order"));
        w->texts_with_halo++;
    } else if (!strcmp(el, "text") && w->in_labels) {
        w->texts_in_labels++;
        assert_non_null(attr(names, values, "font-family"));
        assert_non_null(attr(names, values, "font-size"));
        assert_null(attr(names, values, "stroke"));
        w->cur = w->label_text;
        w->in_text = 1;
    }
    if (!strcmp(el, "tspan") && w->in_text && w->label_text->len &&
        w->label_text->str[w->label_text->len - 1] != '|')
        g_string_append_c(w->label_text, '\n');
    w->depth++;
}

static void
svg_end(GMarkupParseContext *ctx, const char *el, gpointer user,
        GError **error)
{
    (void)ctx, (void)error;
    svg_walk *w = user;
    w->depth--;
    if (!strcmp(el, "text") && w->in_text) {
        g_string_append_c(w->label_text, '|');
        w->in_text = 0;
        w->cur = NULL;
    }
    if (!strcmp(el, "title") || !strcmp(el, "desc"))
        w->cur = NULL;
    if (!strcmp(el, "g") && w->in_labels == w->depth)
        w->in_labels = 0;
}

static void
svg_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer user,
         GError **error)
{
    (void)ctx, (void)error;
    svg_walk *w = user;
    if (w->cur)
        g_string_append_len(w->cur, text, (gssize)len);
}

static void
test_svg_has_layers_and_real_text_labels(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("edit.svg");
    tcmap_render_options opt = {.size = sizeof opt, .names = "en+local"};
    real_render(&m, "2020-11-10", path, &opt);
    real_close(&m);

    /* librsvg renders it... */
    char *png = tu_path("edit-svg.png");
    char *cmd = g_strdup_printf("rsvg-convert -o '%s' '%s'", png, path);
    assert_int_equal(system(cmd), 0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    /* ...with the party colours where the map is (default style fills). */
    assert_true(count_color(s, 0x4b93cf, NULL) > 20000);
    cairo_surface_destroy(s);

    /* ...and its structure is what an editor needs. */
    char *text = tu_read(path, NULL);
    svg_walk w = {.layers = g_ptr_array_new_with_free_func(g_free),
                  .label_text = g_string_new("|"),
                  .title = g_string_new(NULL),
                  .desc = g_string_new(NULL)};
    GMarkupParser parser = {svg_start, svg_end, svg_text, NULL, NULL};
    GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, &w,
                                                          NULL);
    GError *gerr = NULL;
    if (!g_markup_parse_context_parse(ctx, text, -1, &gerr) ||
        !g_markup_parse_context_end_parse(ctx, &gerr))
        fail_msg("SVG does not parse: %s", gerr->message);
    g_markup_parse_context_free(ctx);
    const char *want[] = {"background", "land", "areas", "lines", "towns",
                          "labels", "legend", "inset", "credit"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        int found = 0;
        for (guint k = 0; k < w.layers->len; k++)
            found |= !strcmp(g_ptr_array_index(w.layers, k), want[i]);
        if (!found)
            fail_msg("no layer <g id=\"%s\">", want[i]);
    }
    assert_true(w.texts_in_labels >= 15);
    assert_int_equal(w.texts_with_halo, w.texts_in_labels);
    /* Two-line labels keep both lines, as text. */
    assert_non_null(strstr(w.label_text->str,
                           "|Stepanakert / Khankendi\nXankəndi / "
                           "Ստեփանակերտ|"));
    assert_non_null(strstr(w.title->str, "10 November 2020"));
    assert_non_null(strstr(w.desc->str, "Azerbaijan"));
    /* The inset names the countries around, the two the map is about
     * first. */
    const char *inset = strstr(text, "id=\"inset\"");
    const char *after = inset ? strstr(inset, "id=\"furniture\"") : NULL;
    assert_non_null(after);
    const char *countries[] = {">Armenia<", ">Azerbaijan<", ">Iran<",
                               ">Georgia<"};
    for (size_t i = 0; i < sizeof countries / sizeof *countries; i++) {
        const char *at = strstr(inset, countries[i]);
        if (!at || at > after)
            fail_msg("the inset does not name %s", countries[i]);
    }
    g_ptr_array_free(w.layers, TRUE);
    g_string_free(w.label_text, TRUE);
    g_string_free(w.title, TRUE);
    g_string_free(w.desc, TRUE);
    g_free(text), g_free(cmd), g_free(png), g_free(path);
}

/* Issue 13: an SVG a designer can use -- ids and classes to select by,
 * patterns as <pattern> tiles, and a file small enough to open. */
static void
test_svg_names_areas_and_towns_and_fills_patterns_with_tiles(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    if (tu_map_open(TCMAP_SOURCE_DIR "/geodata",
                    TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                    TCMAP_SOURCE_DIR "/styles/default.ini", &map, NULL, NULL,
                    NULL))
        fail();
    tcmap_snapshot *snap = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2021-06-01", &snap, NULL),
                     TCMAP_OK);
    /* The peacekeeping zone's dots over a zoomed map: 3 MB of paths
     * before. */
    static const char *const zoom[] = {"shusha", "askeran", NULL};
    tcmap_render_options opt = {.size = sizeof opt, .zoom_to = zoom};
    char *path = tu_path("pk.svg");
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_render_file(snap, path, &opt, &err),
                     TCMAP_OK);
    size_t len = 0;
    char *doc = tu_read(path, &len);
    assert_true(len < 400 * 1024);
    assert_non_null(strstr(doc, "<pattern id=\"pattern"));
    assert_non_null(strstr(doc, "fill=\"url(#pattern"));
    /* Each area by its id in a hidden layer; the visible fills, one
     * path per look, carry the party's class. */
    const char *hidden = strstr(doc, "<g id=\"area-ids\"");
    assert_non_null(hidden);
    assert_non_null(strstr(hidden, "style=\"display:none\""));
    assert_non_null(
        strstr(hidden, "id=\"area-shusha\" class=\"area party-"));
    const char *areas = strstr(doc, "<g id=\"areas\"");
    assert_non_null(areas);
    const char *look = strstr(areas, "class=\"look party-AZ\"");
    assert_true(look && look < hidden);
    assert_non_null(strstr(doc, "id=\"town-stepanakert\" class=\"town "
                                "party-NK\""));
    assert_non_null(strstr(doc, "status-peacekeeping"));
    assert_null(strstr(doc, "paint-order"));
    /* Every id once. */
    GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *keep = g_ptr_array_new_with_free_func(g_free);
    for (const char *at = strstr(doc, " id=\""); at;
         at = strstr(at + 1, " id=\"")) {
        char *id = g_strndup(at + 5, strcspn(at + 5, "\""));
        g_ptr_array_add(keep, id);
        if (!g_hash_table_add(ids, id))
            fail_msg("id '%s' is used twice", id);
    }
    assert_true(g_hash_table_size(ids) > 30);
    g_hash_table_destroy(ids);
    g_ptr_array_free(keep, TRUE);
    /* rsvg draws the same map as the PNG: the dots' colour covers about
     * as much of it. */
    char *png = tu_path("pk.png"), *svg_png = tu_path("pk-svg.png");
    assert_int_equal(tcmap_snapshot_render_file(snap, png, &opt, &err),
                     TCMAP_OK);
    char *cmd = g_strdup_printf(
        "rsvg-convert --dpi-x 72 --dpi-y 72 -o '%s' '%s'", svg_png, path);
    assert_int_equal(system(cmd), 0);
    cairo_surface_t *a = cairo_image_surface_create_from_png(png);
    cairo_surface_t *b = cairo_image_surface_create_from_png(svg_png);
    long na = 0, nb = 0;
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    assert_int_equal(cairo_image_surface_get_width(b), w);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t pa = pixel(a, x, y), pb = pixel(b, x, y);
            int da = 0, db = 0;
            for (int sh = 0; sh <= 16; sh += 8) {
                da = MAX(da, abs((int)(pa >> sh & 255) -
                                 (int)(0xeaa53a >> sh & 255)));
                db = MAX(db, abs((int)(pb >> sh & 255) -
                                 (int)(0xeaa53a >> sh & 255)));
            }
            na += da < 40, nb += db < 40;
        }
    assert_true(na > 100000);
    if (labs(na - nb) > na / 20)
        fail_msg("NK's orange: %ld pixels in the PNG, %ld in rsvg's", na,
                 nb);
    /* Inkscape too, where Debian's package is installed: it opens the
     * file, finds the areas by id and draws the same map. */
    char *ink = g_find_program_in_path("inkscape");
    if (ink) {
        char *ink_png = tu_path("pk-inkscape.png"), *q = NULL;
        char *c2 = g_strdup_printf(
            "env HOME='%s' inkscape '%s' --export-type=png "
            "--export-filename='%s' --export-dpi=72 --export-background=white",
            tu_tmpdir(), path, ink_png);
        assert_true(g_spawn_command_line_sync(c2, NULL, NULL, NULL, NULL));
        cairo_surface_t *c = cairo_image_surface_create_from_png(ink_png);
        assert_int_equal(cairo_surface_status(c), CAIRO_STATUS_SUCCESS);
        long nc = 0;
        for (int y = 0; y < cairo_image_surface_get_height(c); y++)
            for (int x = 0; x < cairo_image_surface_get_width(c); x++) {
                uint32_t pc = pixel(c, x, y);
                int dc = 0;
                for (int sh = 0; sh <= 16; sh += 8)
                    dc = MAX(dc, abs((int)(pc >> sh & 255) -
                                     (int)(0xeaa53a >> sh & 255)));
                nc += dc < 40;
            }
        print_message("NK's orange: %ld pixels in the PNG, %ld in rsvg's, "
                      "%ld in Inkscape's\n",
                      na, nb, nc);
        if (labs(na - nc) > na / 20)
            fail_msg("NK's orange: %ld pixels in the PNG, %ld in "
                     "Inkscape's",
                     na, nc);
        cairo_surface_destroy(c);
        g_free(c2);
        c2 = g_strdup_printf("env HOME='%s' inkscape --query-all '%s'",
                             tu_tmpdir(), path);
        assert_true(g_spawn_command_line_sync(c2, &q, NULL, NULL, NULL));
        assert_non_null(strstr(q, "area-shusha,"));
        assert_non_null(strstr(q, "town-stepanakert,"));
        g_free(q), g_free(c2), g_free(ink_png), g_free(ink);
    }
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    g_free(cmd), g_free(png), g_free(svg_png);
    g_free(doc), g_free(path);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

/* The default data on 2020-11-10 in the print style, as a PDF of the
 * given size in the test folder (g_free the path). */
static char *
print_pdf(const char *name, double w_mm, double h_mm)
{
    real_map m = {0};
    real_open(&m, "print");
    char *path = tu_path(name);
    tcmap_render_options opt = {.size = sizeof opt, .width_mm = w_mm, .height_mm = h_mm};
    real_render(&m, "2020-11-10", path, &opt);
    real_close(&m);
    return path;
}

/* What `TOOL 'PATH'TAIL` prints (g_free). */
static char *
tool_output(const char *tool, const char *path, const char *tail)
{
    char *cmd = g_strdup_printf("%s '%s'%s", tool, path, tail), *out = NULL;
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    g_free(cmd);
    return out;
}

static void
test_pdf_keeps_labels_and_legend_as_text(void **state)
{
    (void)state;
    char *path = print_pdf("print.pdf", 180, 120);
    char *out = tool_output("pdftotext", path, " -");
    assert_non_null(strstr(out, "Stepanakert / Khankendi"));
    assert_non_null(strstr(out, "Shusha / Shushi"));
    assert_non_null(strstr(out, "Azerbaijan"));
    assert_non_null(strstr(out, "10 November 2020"));
    g_free(out);
    /* 180 x 120 mm is 510.24 x 340.16 pt. */
    out = tool_output("pdfinfo", path, "");
    assert_non_null(strstr(out, "510.236 x 340.157 pts"));
    g_free(out), g_free(path);
}

/* Issue 13: print sizes give text in points. pdftotext -bbox gives each
 * word's box; DejaVu's line box is 1.164 times the font size, so a box
 * under 7.5 pt tall is a size under 6.45 pt. */
static void
test_a_90_by_60_mm_print_pdf_has_no_text_under_6_5_pt(void **state)
{
    (void)state;
    char *path = print_pdf("small.pdf", 90, 60);
    char *out = tool_output("pdftotext -bbox", path, " -");
    int words = 0;
    double smallest = 1e9;
    for (const char *w = strstr(out, "<word "); w; w = strstr(w + 1, "<word ")) {
        const char *y0 = strstr(w, "yMin=\""), *y1 = strstr(w, "yMax=\"");
        assert_non_null(y0);
        assert_non_null(y1);
        double h = g_ascii_strtod(y1 + 6, NULL) - g_ascii_strtod(y0 + 6, NULL);
        smallest = fmin(smallest, h);
        words++;
    }
    assert_true(words > 20); /* title, labels, credit */
    if (smallest < 7.5)
        fail_msg("a word's box is %.2f pt tall: text under 6.5 pt",
                 smallest);
    /* At the old page-relative sizes the same page had 2.6-3.6 pt text:
     * the test can fail. */
    g_free(out), g_free(path);
}

/* A small print page gets a compact legend (closer rows, the style's
 * short labels) that still lists every line drawn, rather than none; a
 * large one the full legend. */
static void
test_a_small_print_page_gets_a_compact_legend(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("compact.svg");
    const double size[2][2] = {{140, 90}, {300, 200}};
    for (int i = 0; i < 2; i++) {
        tcmap_render_options opt = {.size = sizeof opt, .width_mm = size[i][0],
                                    .height_mm = size[i][1]};
        real_render(&m, "2020-11-10", path, &opt);
        char *doc = tu_read(path, NULL);
        char *legend = svg_layer(doc, "legend");
        char *words = svg_words(legend);
        assert_non_null(strstr(words, "Azerbaijan"));
        if (i == 0) {
            assert_null(strstr(words, "Line of contact on this date"));
            assert_non_null(strstr(words, "Line of contact"));
            assert_non_null(strstr(words, "Border"));
        } else {
            assert_non_null(strstr(words, "Line of contact on this date"));
            assert_non_null(strstr(words, "International border"));
        }
        g_free(words), g_free(legend), g_free(doc);
    }
    real_close(&m);
    g_free(path);
}

/* ---- issue 22: a legend that always fits ---- */

/* The README's newsroom recipe: its today.csv, zoomed to Shusha and
 * Lachin on 10 November 2020. */
static const char NEWSROOM_CSV[] =
    "kind,text,areas,wkt\n"
    "callout,Shusha taken on 8 November,,POINT (46.7547 39.7583)\n"
    "arrow,,,\"LINESTRING (46.95 39.45,46.90 39.62,46.78 39.72)\"\n"
    "highlight,,shusha,\n";
static const char *const NEWSROOM_ZOOM[] = {"shusha", "lachin", NULL};

static tcmap_annotations *
newsroom_notes(void)
{
    char *csv = tu_write("today.csv", NEWSROOM_CSV);
    tcmap_annotations *a = NULL;
    tcmap_error err;
    if (tcmap_annotations_load(csv, &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    g_free(csv);
    return a;
}

/* The words of a file's legend: an SVG's legend layer, or all of a PDF's
 * text with runs of white space made one space (g_free). */
static char *
legend_words(const char *path)
{
    char *doc = NULL;
    if (g_str_has_suffix(path, ".pdf")) {
        doc = tool_output("pdftotext", path, " -");
        char *words = svg_words(doc);
        g_free(doc);
        return words;
    }
    doc = tu_read(path, NULL);
    char *legend = svg_layer(doc, "legend");
    char *words = legend ? svg_words(legend) : g_strdup("");
    g_free(legend), g_free(doc);
    return words;
}

/* At 90 x 60 mm the legend was left out with a warning, so a hatched map
 * went to print without a key. Every size of the recipe keys its parties
 * and the front. */
static void
test_the_newsroom_recipe_has_its_legend_at_every_size(void **state)
{
    (void)state;
    tcmap_annotations *a = newsroom_notes();
    const struct {
        const char *style, *file;
        double w, h; /* mm when the file is a PDF */
        const char *size; /* a preset instead of w x h */
    } cases[] = {{"print", "col90x60.pdf", 90, 60, NULL},
                 {"print", "col55.pdf", 55, 80, NULL},
                 {"default", "square.svg", 1080, 1080, NULL},
                 {"default", "story.svg", 1080, 1920, NULL},
                 /* The sizes a desk publishes at (issue 22's presets). */
                 {"print", "col1.pdf", 0, 0, "col1"},
                 {"print", "col2.pdf", 0, 0, "col2"},
                 {"default", "web.svg", 0, 0, "web"},
                 {"default", "square-preset.svg", 0, 0, "square"},
                 {"default", "story-preset.svg", 0, 0, "story"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        real_map m = {0};
        real_open(&m, cases[i].style);
        char *path = tu_path(cases[i].file);
        int pdf = g_str_has_suffix(path, ".pdf");
        tcmap_render_options opt = {.size = sizeof opt, .title = "Azerbaijan retakes Shusha",
                                    .credit = "Graphic: The Desk",
                                    .zoom_to = NEWSROOM_ZOOM,
                                    .annotations = a};
        if (cases[i].size)
            opt.page_size = cases[i].size;
        else if (pdf)
            opt.width_mm = cases[i].w, opt.height_mm = cases[i].h;
        else
            opt.width = (int)cases[i].w, opt.height = (int)cases[i].h;
        real_render(&m, "2020-11-10", path, &opt);
        char *words = legend_words(path);
        /* The party only the legend names, and the front. */
        if (!strstr(words, "Ethnic Armenian forces") ||
            !strstr(words, "Line of contact") ||
            !strstr(words, "Russian peacekeep"))
            fail_msg("%s: the legend is missing rows: %s", cases[i].file,
                     words);
        g_free(words), g_free(path);
        real_close(&m);
    }
    tcmap_annotations_destroy(a);
}

/* A legend that fits neither on the map nor beside it is an error, not a
 * map without its key; turned off, the same page draws. */
static void
test_a_legend_that_fits_nowhere_is_an_error_unless_turned_off(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "print");
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(m.map, "2020-11-10", &snap, &err),
                     TCMAP_OK);
    char *path = tu_path("nowhere.pdf");
    remove(path);
    tcmap_render_options opt = {.size = sizeof opt, .width_mm = 55, .height_mm = 37};
    assert_int_equal(tcmap_snapshot_render_file(snap, path, &opt, &err),
                     TCMAP_ERR_DATA);
    if (!strstr(err.message, "legend:") ||
        !strstr(err.message, "nor beside or below it"))
        fail_msg("unclear message: %s", err.message);
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    opt.legend_place = TCMAP_LEGEND_OFF;
    assert_int_equal(tcmap_snapshot_render_file(snap, path, &opt, &err),
                     TCMAP_OK);
    tcmap_snapshot_destroy(snap);
    g_free(path);
    real_close(&m);
}

/* A zoomed map listed every party and line whose box met the panel:
 * Armenia and the international border on a map of Aghdam that shows
 * neither, and the 1994 line on one of Shusha that does not reach it. */
static void
test_a_zoomed_legend_lists_only_what_the_view_draws(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("zoomed.svg");
    static const char *const aghdam[] = {"aghdam", NULL};
    tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600};
    real_render(&m, "2020-11-10", path, &opt);
    char *words = legend_words(path);
    /* The whole map draws them. */
    assert_non_null(strstr(words, "Armenia"));
    assert_non_null(strstr(words, "International border"));
    assert_non_null(strstr(words, "Line of contact, 1994-2020"));
    g_free(words);
    opt.zoom_to = aghdam;
    real_render(&m, "2020-11-10", path, &opt);
    words = legend_words(path);
    assert_non_null(strstr(words, "Ethnic Armenian forces"));
    assert_non_null(strstr(words, "Line of contact on this date"));
    if (strstr(words, "Armenia ") || g_str_has_suffix(words, "Armenia") ||
        strstr(words, "International border"))
        fail_msg("Aghdam's legend lists what the map does not draw: %s",
                 words);
    g_free(words);
    opt.zoom_to = NEWSROOM_ZOOM;
    real_render(&m, "2020-11-10", path, &opt);
    words = legend_words(path);
    assert_non_null(strstr(words, "Armenia"));
    assert_null(strstr(words, "1994-2020"));
    g_free(words), g_free(path);
    real_close(&m);
}

/* The numbers of an SVG path's d attribute, as x, y pairs (g_free). */
static double *
path_points(const char *d, size_t *n)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(double));
    for (const char *c = d; *c && *c != '"';) {
        if (g_ascii_isdigit(*c) || *c == '-' || *c == '.') {
            char *end = NULL;
            double v = g_ascii_strtod(c, &end);
            g_array_append_val(a, v);
            c = end;
        } else
            c++;
    }
    *n = a->len / 2;
    return (double *)g_array_free(a, FALSE);
}

/* On the Hadrut zoom of 20 Oct 2020 the automatic corner (bottom right)
 * covered the front east of Fuzuli: every corner is control ground
 * there, and the front was not weighed. */
static void
test_the_auto_legend_keeps_off_the_front_on_the_hadrut_zoom(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("hadrut.svg");
    static const char *const zoom[] = {"khojavend", NULL};
    tcmap_render_options opt = {.size = sizeof opt, .width = 1600, .height = 1200,
                                .zoom_to = zoom};
    real_render(&m, "2020-10-20", path, &opt);
    char *doc = tu_read(path, NULL);
    char *legend = svg_layer(doc, "legend");
    const char *d = legend ? strstr(legend, " d=\"") : NULL;
    assert_non_null(d);
    size_t nb = 0;
    double *b = path_points(d + 4, &nb);
    assert_true(nb >= 4);
    double x0 = fmin(b[0], b[4]), x1 = fmax(b[0], b[4]);
    double y0 = fmin(b[1], b[5]), y1 = fmax(b[1], b[5]);
    g_free(b);
    /* The front: the lines layer's paths in [line.front]'s colour. */
    char *lines = svg_layer(doc, "lines");
    assert_non_null(lines);
    size_t front = 0, covered = 0;
    for (const char *p = strstr(lines, "<path"); p;
         p = strstr(p + 1, "<path")) {
        const char *end = strchr(p, '>');
        const char *col = strstr(p, "stroke=\"#b3001b\"");
        if (!col || col > end)
            continue;
        size_t n = 0;
        double *v = path_points(strstr(p, " d=\"") + 4, &n);
        for (size_t k = 0; k < n; k++) {
            front++;
            covered += v[2 * k] > x0 && v[2 * k] < x1 &&
                       v[2 * k + 1] > y0 && v[2 * k + 1] < y1;
        }
        g_free(v);
    }
    assert_true(front > 50);
    if (covered)
        fail_msg("the legend (%.0f,%.0f - %.0f,%.0f) covers %zu of the "
                 "front's %zu points",
                 x0, y0, x1, y1, covered, front);
    g_free(lines), g_free(legend), g_free(doc), g_free(path);
    real_close(&m);
}

/* A highlighted area counted for nothing where the legend went: on the
 * whole map it kept its first corner, bottom left, over Babek (the
 * highlight a desk drew there). */
static void
test_the_auto_legend_keeps_off_a_highlighted_area(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *csv = tu_write("babek.csv", "kind,text,areas,wkt\n"
                                      "highlight,,az_babek,\n");
    tcmap_annotations *a = NULL;
    tcmap_error err;
    if (tcmap_annotations_load(csv, &a, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    char *path = tu_path("babek.svg");
    tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600};
    double y[2];
    for (int k = 0; k < 2; k++) {
        opt.annotations = k ? a : NULL;
        real_render(&m, "2020-11-10", path, &opt);
        char *doc = tu_read(path, NULL);
        char *legend = svg_layer(doc, "legend");
        size_t n = 0;
        double *v = path_points(strstr(legend, " d=\"") + 4, &n);
        y[k] = v[1];
        g_free(v), g_free(legend), g_free(doc);
    }
    /* Bottom left without the highlight, top left with it. */
    assert_true(y[0] > 300);
    assert_true(y[1] < 300);
    tcmap_annotations_destroy(a);
    g_free(path), g_free(csv);
    real_close(&m);
}

/* The panel's box from the SVG's frame layer: x0, y0, x1, y1. */
static void
svg_panel(const char *doc, double box[4])
{
    char *frame = svg_layer(doc, "frame");
    assert_non_null(frame);
    size_t n = 0;
    double *v = path_points(strstr(frame, " d=\"") + 4, &n);
    assert_true(n >= 4);
    box[0] = v[0], box[1] = v[1], box[2] = v[4], box[3] = v[5];
    g_free(v), g_free(frame);
}

/* --legend below and right keep the page's size and take the room from
 * the panel; the legend's rows stand outside it. */
static void
test_an_outside_legend_shrinks_the_panel_not_the_page(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    char *path = tu_path("outside.svg");
    double inside[4], box[4];
    tcmap_render_options opt = {.size = sizeof opt, .width = 800, .height = 600};
    real_render(&m, "2020-11-10", path, &opt);
    char *doc = tu_read(path, NULL);
    svg_panel(doc, inside);
    assert_non_null(strstr(doc, "width=\"800"));
    g_free(doc);
    const tcmap_legend_place where[] = {TCMAP_LEGEND_BELOW,
                                        TCMAP_LEGEND_RIGHT};
    for (int i = 0; i < 2; i++) {
        opt.legend_place = where[i];
        real_render(&m, "2020-11-10", path, &opt);
        doc = tu_read(path, NULL);
        assert_non_null(strstr(doc, "width=\"800"));
        svg_panel(doc, box);
        char *legend = svg_layer(doc, "legend");
        int texts = 0;
        for (const char *t = strstr(legend, " y=\""); t;
             t = strstr(t + 1, " y=\"")) {
            const char *x = t;
            while (x > legend && strncmp(x, " x=\"", 4))
                x--;
            double tx = g_ascii_strtod(x + 4, NULL);
            double ty = g_ascii_strtod(t + 4, NULL);
            if (i == 0)
                assert_true(ty > box[3]);
            else
                assert_true(tx > box[2]);
            texts++;
        }
        assert_true(texts >= 8);
        if (i == 0) {
            assert_true(box[3] < inside[3] - 40);
            assert_true(fabs(box[2] - inside[2]) < 0.01);
        } else {
            assert_true(box[2] < inside[2] - 100);
            assert_true(fabs(box[3] - inside[3]) < 0.01);
        }
        g_free(legend), g_free(doc);
    }
    g_free(path);
    real_close(&m);
}

static void
test_same_inputs_give_the_same_bytes(void **state)
{
    (void)state;
    real_map m = {0};
    real_open(&m, "default");
    const char *ext[] = {"png", "svg", "pdf"};
    tcmap_render_options opt = {.size = sizeof opt, .width = 640, .height = 480};
    /* A file records when it was made (PDF dates, PNG tIME): the same
     * bytes are promised under SOURCE_DATE_EPOCH, as reproducible builds
     * set it. */
    setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
    for (int i = 0; i < 3; i++) {
        char *f1 = g_strdup_printf("same1.%s", ext[i]);
        char *f2 = g_strdup_printf("same2.%s", ext[i]);
        char *p1 = tu_path(f1), *p2 = tu_path(f2);
        g_free(f1), g_free(f2);
        real_render(&m, "2020-11-10", p1, &opt);
        real_render(&m, "2020-11-10", p2, &opt);
        size_t n1 = 0, n2 = 0;
        char *a = tu_read(p1, &n1), *b = tu_read(p2, &n2);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        g_free(a), g_free(b), g_free(p1), g_free(p2);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    /* The PDF's dates follow SOURCE_DATE_EPOCH (2023-11-14 22:13:20 UTC). */
    char *p = tu_path("epoch.pdf");
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    real_render(&m, "2020-11-10", p, &opt);
    unsetenv("SOURCE_DATE_EPOCH");
    size_t n = 0;
    char *pdf = tu_read(p, &n);
    assert_non_null(memmem(pdf, n, "/CreationDate (20231114221320Z)", 31));
    g_free(pdf), g_free(p);
    real_close(&m);
}

/* Share of ink (0 = white, 1 = black) over a box, by luminance. */
static double
ink(cairo_surface_t *s, const int b[4])
{
    double sum = 0;
    long n = 0;
    for (int y = b[1]; y <= b[3]; y++)
        for (int x = b[0]; x <= b[2]; x++, n++) {
            uint32_t p = pixel(s, x, y);
            sum += 1 - (0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) +
                        0.114 * (p & 255)) / 255;
        }
    return n ? sum / n : 0;
}

static void
shrink(int b[4], double k)
{
    int dx = (int)((b[2] - b[0]) * k), dy = (int)((b[3] - b[1]) * k);
    b[0] += dx, b[2] -= dx, b[1] += dy, b[3] -= dy;
}

/* On a raster page patterns are painted from a repeated tile; anywhere
 * else (a recording surface here, like PDF) from their geometry. Both must
 * put the same amount of ink in an area: a tile of the wrong period,
 * colour or line width would not. */
static void
test_raster_patterns_put_as_much_ink_as_the_vector_ones(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("pat-geo");
    char *style = tu_write(
        "pat-style.ini",
        "[map]\ncrs = EPSG:32638\nextent = 43.8, 39.6, 44.45, 40.0\n"
        /* No area labels: their halos would hide some of the ink. */
        "width = 800\nheight = 600\ntitle = Test\ncontext_fade = 0\n"
        "label_areas = false\n"
        "[party.AZ]\nlabel = Party AZ\nfill = #00ff00\npattern = hatch\n"
        "pattern_color = #000000\n"
        "[party.AM]\nlabel = Party AM\nfill = #ff0000\n"
        "[status.pk]\nlabel = Dotted\npattern = dots\ncolor = #000000\n");
    char *table = tu_write("pat-table.csv",
                           "date,area,party,status,party2,source\n"
                           "2000-01-01,west,AZ,,,s1\n"
                           "2000-01-01,east,AM,pk,,s2\n");
    tcmap_map *map = NULL;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    if (tu_map_open(dir, table, style, &map, NULL, NULL, NULL) ||
        tcmap_snapshot_create(map, "2001-01-01", &snap, &err))
        fail();

    cairo_surface_t *tiled =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(tiled);
    assert_int_equal(tcmap_snapshot_draw(snap, cr,
                                         (tcmap_rect){0, 0, 800, 600}, NULL,
                                         &err),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_t *rec =
        cairo_recording_surface_create(CAIRO_CONTENT_COLOR, NULL);
    cr = cairo_create(rec);
    assert_int_equal(tcmap_snapshot_draw(snap, cr,
                                         (tcmap_rect){0, 0, 800, 600}, NULL,
                                         &err),
                     TCMAP_OK);
    cairo_destroy(cr);
    cairo_surface_t *drawn =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cr = cairo_create(drawn);
    cairo_set_source_surface(cr, rec, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(tiled);
    cairo_surface_flush(drawn);

    uint32_t fills[2] = {0x00ff00, 0xff0000};
    for (int k = 0; k < 2; k++) {
        int b[4];
        bounding_box(drawn, fills[k], b);
        shrink(b, 0.2);
        /* The pattern's own ink: what the area holds beyond its fill. */
        cairo_surface_t *flat =
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
        cr = cairo_create(flat);
        cairo_set_source_rgb(cr, k ? 1 : 0, k ? 0 : 1, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
        double base = ink(flat, b);
        cairo_surface_destroy(flat);
        double want = ink(drawn, b) - base, got = ink(tiled, b) - base;
        print_message("%s: pattern ink %.4f from the geometry, %.4f from "
                      "tiles\n",
                      k ? "dots" : "hatch", want, got);
        assert_true(want > 0.005);
        /* The tile's period is rounded to whole pixels (10.8 -> 11 at
         * this size, 4 % less ink for dots), and it antialiases a little
         * differently. */
        assert_true(fabs(got - want) < 0.15 * want);
        /* And the same lattice, anchored at the page origin: the dots and
         * lines fall on the same pixels. */
        long off = 0, n = 0;
        for (int y = b[1]; y <= b[3]; y++)
            for (int x = b[0]; x <= b[2]; x++, n++) {
                uint32_t a = pixel(drawn, x, y), c = pixel(tiled, x, y);
                int d = 0;
                for (int sh = 0; sh < 24; sh += 8)
                    d = MAX(d, abs((int)(a >> sh & 255) - (int)(c >> sh & 255)));
                off += d > 64;
            }
        print_message("%s: %.2f %% of pixels differ\n", k ? "dots" : "hatch",
                      100.0 * off / n);
        assert_true(off < n / 50);
    }
    cairo_surface_destroy(tiled);
    cairo_surface_destroy(drawn);
    cairo_surface_destroy(rec);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
    g_free(dir), g_free(style), g_free(table);
}

/* A status's legend swatch must show its pattern: the dark style's
 * near-black peacekeeping dots vanished on its near-black legend panel.
 * Where the dots show on the panel (the default style) the swatch keeps
 * the panel's colour. */
static void
test_status_swatches_show_their_pattern(void **state)
{
    (void)state;
    const char *names[2] = {"default", "dark"};
    for (int k = 0; k < 2; k++) {
        char *path =
            g_strdup_printf(TCMAP_SOURCE_DIR "/styles/%s.ini", names[k]);
        tcmap_style *st = NULL;
        tcmap_error err;
        if (tcmap_style_load(path, &st, &err))
            fail_msg("%s", err.message);
        long j = -1;
        for (size_t i = 0; i < st->n_statuses; i++)
            if (!strcmp(st->statuses[i].id, "peacekeeping"))
                j = (long)i;
        assert_true(j >= 0);
        uint32_t swatch = tcmap__status_swatch(st, st->statuses[j].color);
        if (k == 0)
            assert_int_equal(swatch, st->legend_background);
        else
            assert_int_not_equal(swatch, st->legend_background);
        tcmap_style_destroy(st);
        g_free(path);
    }
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
        cmocka_unit_test(
            test_jpeg_and_webp_are_written_by_extension_with_a_quality),
        cmocka_unit_test(
            test_png_and_pdf_carry_resolution_title_description_and_the_data_date),
        cmocka_unit_test(test_rendering_replaces_an_old_file_completely),
        cmocka_unit_test(test_golden_default_style_on_three_dates),
        cmocka_unit_test(test_golden_print_and_dark_styles),
        cmocka_unit_test(test_golden_editions),
        cmocka_unit_test(
            test_golden_zoomed_map_with_annotations_in_png_svg_and_pdf),
        cmocka_unit_test(test_golden_newsroom_recipe_at_90x60mm_and_square),
        cmocka_unit_test(test_svg_has_layers_and_real_text_labels),
        cmocka_unit_test(test_pdf_keeps_labels_and_legend_as_text),
        cmocka_unit_test(
            test_svg_names_areas_and_towns_and_fills_patterns_with_tiles),
        cmocka_unit_test(test_same_inputs_give_the_same_bytes),
        cmocka_unit_test(test_a_small_print_page_gets_a_compact_legend),
        cmocka_unit_test(
            test_the_newsroom_recipe_has_its_legend_at_every_size),
        cmocka_unit_test(
            test_a_legend_that_fits_nowhere_is_an_error_unless_turned_off),
        cmocka_unit_test(test_a_zoomed_legend_lists_only_what_the_view_draws),
        cmocka_unit_test(
            test_the_auto_legend_keeps_off_the_front_on_the_hadrut_zoom),
        cmocka_unit_test(test_an_outside_legend_shrinks_the_panel_not_the_page),
        cmocka_unit_test(test_the_auto_legend_keeps_off_a_highlighted_area),
        cmocka_unit_test(
            test_raster_patterns_put_as_much_ink_as_the_vector_ones),
        cmocka_unit_test(test_status_swatches_show_their_pattern),
        cmocka_unit_test(test_zoom_to_an_area_fills_the_panel_with_it),
        cmocka_unit_test(
            test_a_map_redraws_its_constant_layers_when_the_view_changes),
        cmocka_unit_test(
            test_a_map_redraws_its_labels_when_the_names_change),
        cmocka_unit_test(
            test_a_90_by_60_mm_print_pdf_has_no_text_under_6_5_pt),
        cmocka_unit_test(
            test_extent_and_lonlat_to_page_agree_with_the_pixels),
        cmocka_unit_test(
            test_title_subtitle_credit_legend_and_inset_options_reach_the_svg),
        cmocka_unit_test(test_a_pattern_tile_is_made_once_and_painted_again),
        cmocka_unit_test(test_a_locked_line_kind_is_looked_for_once_per_view),
    };
    int failed = cmocka_run_group_tests(tests, setup, teardown);
    if (golden_rewritten) {
        printf("%d golden references rewritten from this build "
               "(TCMAP_UPDATE_GOLDEN=1): nothing was checked\n",
               golden_rewritten);
        return 1;
    }
    return failed;
}
