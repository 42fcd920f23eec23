/* floor.c - the least work a frame needs: fill and stroke the same
 * projected areas, land and lines that tcmap draws, with Cairo, and encode
 * the PNG, either with Cairo's own writer or with libpng at zlib level 1
 * and no filter. No title, legend, labels or patterns: a lower bound, not a
 * map. Geodata is loaded and projected once through libtcmap.
 *
 * usage: floor GEODATA CONTROL STYLE OUTDIR cairo|png1 DATE...
 * prints: frames, CPU seconds, bytes written.
 * usage: floor recode OUT PNG...   re-encodes each PNG with Cairo's writer
 * (the same pixels), prints: bytes in, bytes out. */
#include "load/geodata.h"
#include "map/map.h"
#include "load/style.h"
#include "tcmap.h"

#include <cairo.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, (c >> 16 & 255) / 255.0, (c >> 8 & 255) / 255.0,
                         (c & 255) / 255.0);
}

static void
path(cairo_t *cr, const tcmap_geodata *g, const tcmap__feature *f,
     const double t[4], int close)
{
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = g->xy + 2 * g->ring_start[r];
        for (size_t i = 0; i < g->ring_len[r]; i++) {
            double x = t[0] + (p[2 * i] - t[1]) * t[3];
            double y = t[0] + (t[2] - p[2 * i + 1]) * t[3];
            if (i == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        if (close)
            cairo_close_path(cr);
    }
}

static size_t
write_png1(cairo_surface_t *s, const char *file)
{
    FILE *fp = fopen(file, "wb");
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, 0, 0, 0);
    png_infop info = png_create_info_struct(png);
    png_init_io(png, fp);
    png_set_compression_level(png, 1);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    int w = cairo_image_surface_get_width(s);
    int h = cairo_image_surface_get_height(s);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_set_bgr(png); /* little-endian x86: B G R X */
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < h; y++)
        png_write_row(png, d + (size_t)y * stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    long n = ftell(fp);
    fclose(fp);
    return (size_t)n;
}

static int
recode(int argc, char **argv)
{
    size_t in = 0, out = 0;
    for (int a = 3; a < argc; a++) {
        cairo_surface_t *s = cairo_image_surface_create_from_png(argv[a]);
        FILE *fp = fopen(argv[a], "rb");
        fseek(fp, 0, SEEK_END);
        in += (size_t)ftell(fp);
        fclose(fp);
        cairo_surface_write_to_png(s, argv[2]);
        cairo_surface_destroy(s);
        fp = fopen(argv[2], "rb");
        fseek(fp, 0, SEEK_END);
        out += (size_t)ftell(fp);
        fclose(fp);
    }
    printf("%zu %zu\n", in, out);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc > 3 && !strcmp(argv[1], "recode"))
        return recode(argc, argv);
    if (argc < 7) {
        fprintf(stderr, "usage: floor GEODATA CONTROL STYLE OUTDIR "
                        "cairo|png1 DATE...\n");
        return 2;
    }
    tcmap_error err;
    tcmap_map *map = NULL;
    tcmap_style *st = NULL;
    tcmap_geodata *g = NULL;
    tcmap_timeline *tl = NULL;
    if (tcmap_style_load(argv[3], &st, &err) ||
        tcmap_geodata_load(argv[1], tcmap_style_crs(st), &g, &err) ||
        tcmap_timeline_load(argv[2], NULL, NULL, &tl, &err) ||
        tcmap_map_create(g, tl, st, &map, &err)) {
        fprintf(stderr, "floor: %s\n", err.message);
        return 1;
    }
    int cairo_writer = !strcmp(argv[5], "cairo");
    int W = st->width, H = st->height;
    const double *e = map->extent;
    double m = 20, scale = fmin((W - 2 * m) / (e[2] - e[0]),
                                (H - 2 * m) / (e[3] - e[1]));
    double t[4] = {m, e[0], e[3], scale};
    struct timespec c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    size_t bytes = 0;
    int n = 0;
    for (int a = 6; a < argc; a++, n++) {
        tcmap_snapshot *snap = NULL;
        tcmap_snapshot_create(map, argv[a], &snap, NULL);
        cairo_surface_t *s =
            cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
        cairo_t *cr = cairo_create(s);
        rgb(cr, st->background);
        cairo_paint(cr);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        for (size_t i = 0; i < g->land.n; i++)
            path(cr, g, &g->land.features[i], t, 1);
        rgb(cr, st->land);
        cairo_fill(cr);
        for (size_t i = 0; i < g->areas.n; i++) {
            const tcmap_event *ev = tcmap_snapshot_area_event(snap, i);
            long k = ev ? tcmap__style_party_find(st, ev->party) : -1;
            path(cr, g, &g->areas.features[i], t, 1);
            rgb(cr, k >= 0 ? st->parties[k].fill : st->nodata);
            cairo_fill(cr);
        }
        for (size_t i = 0; i < g->areas.n; i++)
            path(cr, g, &g->areas.features[i], t, 1);
        rgb(cr, st->area_outline);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        for (size_t i = 0; i < g->lines.n; i++)
            path(cr, g, &g->lines.features[i], t, 0);
        rgb(cr, 0x5a5a5a);
        cairo_set_line_width(cr, 1.5);
        cairo_stroke(cr);
        cairo_destroy(cr);
        char file[4096];
        snprintf(file, sizeof file, "%s/%05d.png", argv[4], n);
        if (cairo_writer) {
            cairo_surface_write_to_png(s, file);
            FILE *fp = fopen(file, "rb");
            fseek(fp, 0, SEEK_END);
            bytes += (size_t)ftell(fp);
            fclose(fp);
        } else {
            bytes += write_png1(s, file);
        }
        cairo_surface_destroy(s);
        tcmap_snapshot_destroy(snap);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    printf("%d %.3f %zu\n", n,
           (double)(c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9,
           bytes);
    tcmap_map_destroy(map);
    tcmap_timeline_destroy(tl);
    tcmap_geodata_destroy(g);
    tcmap_style_destroy(st);
    return 0;
}
