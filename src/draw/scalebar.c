/* scalebar.c - the scale bar and the north arrow: a round distance that
 * fits about a fifth of the panel, in the conformal map projection, and
 * grid north. legend.c gives them the corner that hides least. */
#include "draw/scalebar.h"
#include "core/strings.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "map/label.h"
#include "map/map.h"

#include <glib-object.h>
#include <math.h>
#include <stdio.h>

/* The longest round distance (1, 2 or 5 times a power of ten km) not
 * longer than `km`. */
static double
round_km(double km)
{
    double p = pow(10, floor(log10(km)));
    double steps[3] = {5, 2, 1};
    for (int i = 0; i < 3; i++)
        if (steps[i] * p <= km)
            return steps[i] * p;
    return p;
}

/* The next round distance above km (1, 2, 5 times a power of ten). */
static double
next_km(double km)
{
    double p = pow(10, floor(log10(km) + 1e-9));
    double f = km / p;
    return f < 1.5 ? 2 * p : f < 3.5 ? 5 * p : 10 * p;
}

static double
figure_width(cairo_t *cr, const tcmap_style *st, const char *text,
             double size)
{
    PangoLayout *l = tcmap__text_layout(cr, st, text, size, 0, 0);
    double w, h;
    tcmap__text_size(l, &w, &h);
    g_object_unref(l);
    return w;
}

/* "km" in the map's language (км, կմ). */
static const char *
km_word(const char *lang)
{
    const char *w = tcmap__tr(lang, "map", "km");
    return w ? w : "km";
}

/* Whether the figures under a bar of len for km stand apart: "0" centred
 * on the start, the half centred on the middle, "N km" starting 0.3 of
 * its width before the end (text_at's anchors below). */
static int
figures_fit(cairo_t *cr, const tcmap_style *st, const char *unit,
            double size, double km,
            double len, int half)
{
    char buf[32];
    double gap = 0.4 * size;
    double w0 = figure_width(cr, st, "0", size);
    snprintf(buf, sizeof buf, "%g %s", km, unit);
    double we = figure_width(cr, st, buf, size);
    if (!half)
        return w0 / 2 + gap + 0.3 * we <= len;
    snprintf(buf, sizeof buf, "%g", km / 2);
    double wh = figure_width(cr, st, buf, size);
    return w0 / 2 + gap + wh / 2 <= len / 2 &&
           wh / 2 + gap + 0.3 * we <= len / 2;
}

tcmap__scale_metrics
tcmap__scale_size(cairo_t *cr, const tcmap_style *st, const tcmap__frame *fr,
                  const char *lang)
{
    tcmap__scale_metrics m = {0};
    /* The map is in a conformal projection (UTM by default) whose scale
     * across this small region differs from true by well under 0.1 %, so
     * one bar holds everywhere on the map. */
    m.km = round_km(fr->w * 0.18 / fr->scale / 1000);
    m.len = m.km * 1000 * fr->scale;
    m.half_label = 1;
    double size = tcmap__tsize(fr, 11);
    while (!figures_fit(cr, st, km_word(lang), size, m.km, m.len, 1)) {
        double km = next_km(m.km);
        if (km * 1000 * fr->scale > fr->w * 0.4) {
            m.half_label = 0;
            break;
        }
        m.km = km;
        m.len = km * 1000 * fr->scale;
    }
    m.arrow_w = st->north_arrow ? 26 * fr->ts : 0;
    m.w = m.len + 40 * fr->ts + m.arrow_w + 16 * fr->u;
    m.h = 40 * fr->ts;
    return m;
}

static void
text_at(tcmap__pen *p, const tcmap_style *st, const char *text, double size,
        double x, double y, double anchor_x, int bold)
{
    PangoLayout *l = tcmap__text_layout(p->cr, st, text, size, bold, 0);
    double w, h;
    tcmap__text_size(l, &w, &h);
    tcmap__pen_text(p, l, x - w * anchor_x, y, st->text, 2.4 * size / 14,
                    st->halo);
    g_object_unref(l);
}

void
tcmap__draw_scale_north(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap__furniture *fu,
                        const char *lang)
{
    const tcmap_style *st = s->map->style;
    tcmap__box b = fu->scale;
    if (!(b.x1 > b.x0))
        return;
    cairo_t *cr = p->cr;
    tcmap__scale_metrics m = tcmap__scale_size(cr, st, fr, lang);
    double u = fr->u, t = fr->ts;
    double x = b.x0 + 8 * u + m.arrow_w;
    if (st->north_arrow) {
        /* Grid north: up the page. In UTM 38N over 45-48 E it differs from
         * true north by under 2 degrees, less than the arrow's width. */
        double ax = b.x0 + 8 * u + m.arrow_w / 2, ay = b.y0 + 14 * t;
        double ah = 20 * t;
        cairo_new_path(cr);
        cairo_move_to(cr, ax, ay);
        cairo_line_to(cr, ax + 6 * t, ay + ah);
        cairo_line_to(cr, ax, ay + ah * 0.75);
        cairo_line_to(cr, ax - 6 * t, ay + ah);
        cairo_close_path(cr);
        tcmap__pen_fill(p, st->text, 1, 1);
        tcmap__pen_stroke(p, st->halo, 1.0 * u, NULL, 0, 0);
        const char *north = tcmap__tr(lang, "map", "north");
        text_at(p, st, north ? north : "N", tcmap__tsize(fr, 11), ax, b.y0,
                0.5, 1);
    }
    if (!st->scale_bar)
        return;
    double bar_y = b.y0 + 20 * t, bar_h = 5 * t;
    /* Two halves in alternating colours, the usual reading aid. */
    for (int k = 0; k < 2; k++) {
        cairo_new_path(cr);
        cairo_rectangle(cr, x + k * m.len / 2, bar_y, m.len / 2, bar_h);
        tcmap__pen_fill(p, k ? st->halo : st->text, 1, 0);
    }
    cairo_new_path(cr);
    cairo_rectangle(cr, x, bar_y, m.len, bar_h);
    tcmap__pen_stroke(p, st->text, 0.9 * u, NULL, 0, 0);
    char buf[32];
    text_at(p, st, "0", tcmap__tsize(fr, 11), x, b.y0 + 4 * t, 0.5, 0);
    if (m.half_label) {
        snprintf(buf, sizeof buf, "%g", m.km / 2);
        text_at(p, st, buf, tcmap__tsize(fr, 11), x + m.len / 2,
                b.y0 + 4 * t, 0.5, 0);
    }
    snprintf(buf, sizeof buf, "%g %s", m.km, km_word(lang));
    text_at(p, st, buf, tcmap__tsize(fr, 11), x + m.len, b.y0 + 4 * t, 0.3, 0);
}
