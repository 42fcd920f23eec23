/* pen.c - the drawing primitives every part of a page draws with: the pen
 * (Cairo or tcmap's SVG writer), fills, strokes, patterns, lines and
 * text. Below everything that composes a page
 * (render.c's map body, legend.c's furniture, changes.c, annotate.c), and
 * calling none of them. */
#include "draw/pen.h"
#include "draw/frame.h"
#include "draw/svg.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdatomic.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pen ---- */

static void
set_rgba(cairo_t *cr, uint32_t c, double a)
{
    cairo_set_source_rgba(cr, ((c >> 16) & 255) / 255.0,
                          ((c >> 8) & 255) / 255.0, (c & 255) / 255.0, a);
}

void
tcmap__pen_layer_begin(tcmap__pen *p, const char *id, const char *label)
{
    if (p->svg)
        tcmap__svg_layer_begin(p->svg, id, label);
}

void
tcmap__pen_layer_end(tcmap__pen *p)
{
    if (p->svg)
        tcmap__svg_layer_end(p->svg);
}

void
tcmap__pen_fill(tcmap__pen *p, uint32_t rgb, double alpha, int preserve)
{
    if (p->svg) {
        char fill[96];
        if (alpha < 1)
            snprintf(fill, sizeof fill,
                     "fill=\"#%06x\" fill-opacity=\"%d%%\" "
                     "fill-rule=\"evenodd\"",
                     (unsigned)rgb, (int)lround(alpha * 100));
        else
            snprintf(fill, sizeof fill,
                     "fill=\"#%06x\" fill-rule=\"evenodd\"", (unsigned)rgb);
        tcmap__svg_path(p->svg, p->cr, fill, "stroke=\"none\"");
        if (!preserve)
            cairo_new_path(p->cr);
        return;
    }
    set_rgba(p->cr, rgb, alpha);
    cairo_set_fill_rule(p->cr, CAIRO_FILL_RULE_EVEN_ODD);
    if (preserve)
        cairo_fill_preserve(p->cr);
    else
        cairo_fill(p->cr);
}

void
tcmap__pen_stroke(tcmap__pen *p, uint32_t rgb, double width,
                  const double *dash, int n_dash, int preserve)
{
    if (p->svg) {
        GString *st = g_string_new(NULL);
        char w[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf(st, "stroke=\"#%06x\" stroke-width=\"%s\" "
                                   "stroke-linejoin=\"round\"",
                               (unsigned)rgb,
                               g_ascii_formatd(w, sizeof w, "%.2f", width));
        for (int k = 0; k < n_dash; k++)
            g_string_append_printf(st, "%s%s",
                                   k ? "," : " stroke-dasharray=\"",
                                   g_ascii_formatd(w, sizeof w, "%.2f",
                                                   dash[k]));
        if (n_dash)
            g_string_append_c(st, '"');
        tcmap__svg_path(p->svg, p->cr, "fill=\"none\"", st->str);
        g_string_free(st, TRUE);
        if (!preserve)
            cairo_new_path(p->cr);
        return;
    }
    cairo_t *cr = p->cr;
    set_rgba(cr, rgb, 1);
    cairo_set_line_width(cr, width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, dash, n_dash, 0);
    if (preserve)
        cairo_stroke_preserve(cr);
    else
        cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

void
tcmap__pen_clip_begin(tcmap__pen *p)
{
    if (p->svg) {
        tcmap__svg_clip_begin(p->svg, p->cr);
        cairo_new_path(p->cr);
        return;
    }
    cairo_save(p->cr);
    cairo_set_fill_rule(p->cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_clip(p->cr);
}

void
tcmap__pen_clip_end(tcmap__pen *p)
{
    if (p->svg)
        tcmap__svg_clip_end(p->svg);
    else
        cairo_restore(p->cr);
}

void
tcmap__pen_text(tcmap__pen *p, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb)
{
    if (p->svg) {
        tcmap__svg_text(p->svg, layout, x, y, rgb, halo, halo_rgb);
        return;
    }
    cairo_t *cr = p->cr;
    cairo_new_path(cr);
    if (halo > 0) {
        cairo_move_to(cr, x, y);
        pango_cairo_layout_path(cr, layout);
        set_rgba(cr, halo_rgb, 1);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_width(cr, halo);
        cairo_stroke(cr);
    }
    cairo_move_to(cr, x, y);
    set_rgba(cr, rgb, 1);
    pango_cairo_show_layout(cr, layout);
    cairo_new_path(cr);
}

/* ---- geometry ---- */

uint32_t
tcmap__mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int sh = 16; sh >= 0; sh -= 8) {
        double ca = (a >> sh) & 255, cb = (b >> sh) & 255;
        out |= (uint32_t)lround(ca + (cb - ca) * t) << sh;
    }
    return out;
}

/* One tile of n periods of `gap` device pixels (raster_pattern). */
static cairo_surface_t *
make_tile(tcmap__pattern pat, uint32_t color, double u, double s, int n,
          double gap)
{
    int size = (int)lround(n * gap);
    double per = (double)size / n;
    cairo_surface_t *tile =
        cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
    cairo_t *t = cairo_create(tile);
    set_rgba(t, color, 1);
    if (pat == TCMAP_PATTERN_DOTS) {
        /* Rows a period apart, every other row shifted by half a period;
         * dots near an edge are drawn again one tile away, so that the
         * part crossing it comes back on the other side. */
        double rad = 1.3 * u * s;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) {
                double x = (i + (j % 2 ? 0.5 : 0)) * per, y = j * per;
                for (int dx = -1; dx <= 1; dx++)
                    for (int dy = -1; dy <= 1; dy++) {
                        double cx = x + dx * size, cy = y + dy * size;
                        if (cx + rad < 0 || cx - rad > size ||
                            cy + rad < 0 || cy - rad > size)
                            continue;
                        cairo_new_sub_path(t);
                        cairo_arc(t, cx, cy, rad, 0, 2 * M_PI);
                    }
            }
        cairo_fill(t);
    } else {
        /* x + y = k per ("/" on the page) and, for crosshatch, x - y =
         * k per. A dotted status pattern drawn over the hatching then has
         * one row of dots in two on the lines and the other in the middle
         * of the gaps, where dots of either colour stand out. */
        for (int k = -1; k <= 2 * n + 1; k++) {
            double c = k * per;
            cairo_move_to(t, c + size, -size);
            cairo_line_to(t, c - 2.0 * size, 2.0 * size);
            if (pat == TCMAP_PATTERN_CROSSHATCH) {
                cairo_move_to(t, c - 2.0 * size, -size);
                cairo_line_to(t, c + size, 2.0 * size);
            }
        }
        cairo_set_line_width(t, 1.6 * u * s);
        cairo_set_line_cap(t, CAIRO_LINE_CAP_BUTT);
        cairo_stroke(t);
    }
    cairo_destroy(t);
    return tile;
}

/* The tiles last made, for the pattern, colour and scale they were made
 * for: a legend's swatch and the areas of the same party use the same
 * tile, and a frame series draws the same few in every state (they were
 * 5 % of a war series' instructions, made anew for every fill). Guarded
 * by the lock, which the caller holds while it paints from the tile, as
 * the render cache (cache.c) does: a frame series draws from several
 * threads. */
enum { N_TILES = 8 };
static struct {
    tcmap__pattern pat;
    uint32_t color;
    double u, s;
    cairo_surface_t *img;
} tiles[N_TILES];
static size_t tiles_next;
static GMutex tiles_lock;

static atomic_ulong tiles_made;

unsigned long
tcmap__pattern_tiles_made(void)
{
    return atomic_load(&tiles_made);
}

/* The tile, from the cache or made into it; the caller holds the lock. */
static cairo_surface_t *
tile_get(tcmap__pattern pat, uint32_t color, double u, double s, int n,
         double gap)
{
    for (size_t k = 0; k < N_TILES; k++)
        if (tiles[k].img && tiles[k].pat == pat && tiles[k].color == color &&
            tiles[k].u == u && tiles[k].s == s)
            return tiles[k].img;
    size_t k = tiles_next++ % N_TILES;
    if (tiles[k].img)
        cairo_surface_destroy(tiles[k].img);
    tiles[k].pat = pat, tiles[k].color = color, tiles[k].u = u;
    tiles[k].s = s;
    tiles[k].img = make_tile(pat, color, u, s, n, gap);
    atomic_fetch_add_explicit(&tiles_made, 1, memory_order_relaxed);
    return tiles[k].img;
}

/* A few periods of a pattern, drawn once into a small tile and repeated
 * by Cairo: on a raster page this is what every area's patterned fill
 * costs, instead of thousands of dots or strokes each (the dots alone were
 * half of a frame's drawing time). The tile spans an even number of
 * periods that comes within a twentieth of a pixel of a whole number of
 * pixels, so it repeats without resampling and the period stays the
 * vector pattern's to well under 1 %. The lattice is anchored at the page
 * origin, as the vector pattern's is. 0 when the target is not a plain
 * raster (vector output, or a rotated or skewed one), which draws the
 * geometry. */
static int
raster_pattern(tcmap__pen *p, tcmap__pattern pat, uint32_t color,
               const double box[4], double u)
{
    cairo_t *cr = p->cr;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    if (p->svg ||
        cairo_surface_get_type(cairo_get_target(cr)) !=
            CAIRO_SURFACE_TYPE_IMAGE ||
        m.xy != 0 || m.yx != 0 || !(m.xx > 0) || m.xx != m.yy)
        return 0;
    double s = m.xx, gap = 9 * u * s;
    int n = 0;
    double best = 1;
    for (int k = 2; k <= 16 && k * gap <= 1024; k += 2) {
        double e = fabs(k * gap - lround(k * gap));
        if (e < best - 1e-9)
            n = k, best = e;
        if (e < 0.05)
            break;
    }
    if (!n || gap < 3)
        return 0;
    g_mutex_lock(&tiles_lock);
    cairo_surface_t *tile = tile_get(pat, color, u, s, n, gap);
    cairo_pattern_t *src = cairo_pattern_create_for_surface(tile);
    cairo_pattern_set_extend(src, CAIRO_EXTEND_REPEAT);
    cairo_pattern_set_filter(src, CAIRO_FILTER_NEAREST);
    /* User space to tile pixels: the page's own device pixels. */
    cairo_pattern_set_matrix(src, &m);
    cairo_save(cr);
    cairo_set_source(cr, src);
    cairo_rectangle(cr, box[0], box[1], box[2] - box[0], box[3] - box[1]);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_pattern_destroy(src);
    g_mutex_unlock(&tiles_lock);
    return 1;
}

/* Stripes at 45 degrees (and -45 for crosshatch) or a dot grid. On vector
 * output they are drawn as strokes and dots rather than an image pattern,
 * so that SVG and PDF keep them sharp and editable. The grid is anchored
 * to the page, so that neighbouring areas' stripes line up. */
void
tcmap__draw_pattern(tcmap__pen *p, tcmap__pattern pat, uint32_t color,
                    const double box[4], double u)
{
    if (pat == TCMAP_PATTERN_NONE)
        return;
    cairo_t *cr = p->cr;
    cairo_new_path(cr);
    if (raster_pattern(p, pat, color, box, u))
        return;
    double gap = 9 * u;
    if (p->svg) {
        tcmap__svg_pattern_fill(p->svg, (int)pat, color, gap, 1.6 * u,
                                1.3 * u, box);
        return;
    }
    double x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
    if (pat == TCMAP_PATTERN_DOTS) {
        double rad = 1.3 * u;
        /* Whole row and column numbers: a row's parity read back from an
         * accumulated y can come out wrong and unstagger a whole area. */
        long r0 = (long)floor(y0 / gap), r1 = (long)ceil(y1 / gap);
        long c0 = (long)floor(x0 / gap) - 1, c1 = (long)ceil(x1 / gap);
        for (long r = r0; r <= r1; r++)
            for (long c = c0; c <= c1; c++) {
                double off = r % 2 ? gap / 2 : 0;
                cairo_new_sub_path(cr);
                cairo_arc(cr, c * gap + off, r * gap, rad, 0, 2 * M_PI);
            }
        tcmap__pen_fill(p, color, 1, 0);
        return;
    }
    /* The lines x + y = k gap (and x - y = k gap), as in the tiles. */
    for (long k = (long)floor((x0 + y0) / gap);
         k <= (long)ceil((x1 + y1) / gap); k++) {
        cairo_move_to(cr, k * gap - y0, y0);
        cairo_line_to(cr, k * gap - y1, y1);
    }
    for (long k = (long)floor((x0 - y1) / gap);
         pat == TCMAP_PATTERN_CROSSHATCH && k <= (long)ceil((x1 - y0) / gap);
         k++) {
        cairo_move_to(cr, k * gap + y0, y0);
        cairo_line_to(cr, k * gap + y1, y1);
    }
    tcmap__pen_stroke(p, color, 1.6 * u, NULL, 0, 0);
}

void
tcmap__apply_line(tcmap__pen *p, const tcmap__line_style *ls, double u)
{
    double dash[4];
    for (int k = 0; k < ls->n_dash; k++)
        dash[k] = ls->dash[k] * u;
    tcmap__pen_stroke(p, ls->color, ls->width * u, dash, ls->n_dash, 0);
}

/* Relative luminance (WCAG 2), 0 black .. 1 white. */
static double
luminance(uint32_t rgb)
{
    double c[3];
    for (int k = 0; k < 3; k++) {
        double v = (double)(rgb >> (16 - 8 * k) & 255) / 255;
        c[k] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* WCAG contrast ratio, 1 (none) .. 21. */
static double
contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

uint32_t
tcmap__status_swatch(const tcmap_style *st, uint32_t pattern_color)
{
    /* 3:1 is WCAG's floor for graphical objects. */
    if (contrast(pattern_color, st->legend_background) >= 3)
        return st->legend_background;
    return tcmap__mix(st->text, st->paper, 0.5);
}

/* A coarse raster of the panel, about 400 cells across: enough to tell
 * what a path leaves on it, cheap enough to ask once per legend row. */
void
tcmap__ink_open(tcmap__ink *v, const tcmap__frame *fr)
{
    v->cell = fmax(fr->w, fr->h) / 400;
    int w = (int)ceil(fr->w / v->cell), h = (int)ceil(fr->h / v->cell);
    v->img = cairo_image_surface_create(CAIRO_FORMAT_A8, w > 0 ? w : 1,
                                        h > 0 ? h : 1);
    v->cr = cairo_create(v->img);
    cairo_set_antialias(v->cr, CAIRO_ANTIALIAS_NONE);
    cairo_scale(v->cr, 1 / v->cell, 1 / v->cell);
    cairo_translate(v->cr, -fr->x, -fr->y);
    cairo_new_path(v->cr);
}

void
tcmap__ink_close(tcmap__ink *v)
{
    cairo_destroy(v->cr);
    cairo_surface_destroy(v->img);
}

static atomic_ulong ink_counts;

unsigned long
tcmap__ink_counts(void)
{
    return atomic_load(&ink_counts);
}

/* Paints the current path (filled, or stroked `width` wide), counts the
 * cells it covers and clears the raster for the next test. */
long
tcmap__ink_count(tcmap__ink *v, double width)
{
    cairo_t *cr = v->cr;
    atomic_fetch_add_explicit(&ink_counts, 1, memory_order_relaxed);
    if (width > 0) {
        cairo_set_line_width(cr, fmax(width, 1.5 * v->cell));
        cairo_stroke(cr);
    } else {
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
        cairo_fill(cr);
    }
    cairo_surface_flush(v->img);
    const unsigned char *px = cairo_image_surface_get_data(v->img);
    int w = cairo_image_surface_get_width(v->img);
    int h = cairo_image_surface_get_height(v->img);
    int stride = cairo_image_surface_get_stride(v->img);
    long n = 0;
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++)
            n += px[(size_t)j * stride + i] >= 128;
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_mark_dirty(v->img);
    return n;
}
