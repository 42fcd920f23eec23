/* legend.c - the map's furniture: legend, scale bar, north arrow, inset
 * locator map and credit line. Each piece is laid out before the labels
 * are placed (so that labels keep clear of it) and goes to the corner of
 * the panel that hides least of the control areas; it is drawn after the
 * map through the same pen as everything else. */
#include "label.h"
#include "render.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- legend entries ---- */

typedef struct entry {
    const char *label;
    uint32_t fill;
    tcmap__pattern pattern;
    uint32_t pattern_color;
    const tcmap__line_style *line;
    int marker; /* 1: the town marker; CHANGE_MARK: a change map's row,
                   outlined in pattern_color */
    char own[128]; /* the label, when made here ("Rest of ...") */
} entry;

enum { CHANGE_MARK = 2 };

enum { MAX_ENTRIES = 128 };

/* The parties and statuses this snapshot shows in the panel, in the
 * style's order, then "no data", the town marker and the line kinds the
 * geodata has on the snapshot's date. */
static size_t
legend_entries(const tcmap_snapshot *s, const tcmap__frame *fr, int compact,
               entry *out)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    size_t np = st->n_parties, ns = st->n_statuses, n = 0;
    char *used = calloc(np + ns + 1, 1);
    int nodata = 0;
    if (!used)
        return 0;
    for (size_t i = 0; i < geo->units.n; i++) {
        const tcmap__feature *f = &geo->units.features[i];
        const tcmap__event *e = s->state[i];
        if (!tcmap__bbox_visible(f, fr))
            continue;
        /* A presence shows as a pattern whoever holds the ground. */
        for (size_t o = 0; o < TCMAP__OVERLAYS; o++) {
            const tcmap__event *ov = s->over[i * TCMAP__OVERLAYS + o];
            for (size_t j = 0; ov && j < ns; j++)
                if (!strcmp(st->statuses[j].id, ov->ev.status) &&
                    st->statuses[j].pattern != TCMAP_PATTERN_NONE)
                    used[np + j] = 1;
        }
        if (!e) {
            nodata |= strcmp(f->kind, "context") != 0;
            continue;
        }
        /* Bit 1: shown on a control area; bit 2: on a context area, which
         * is drawn faded, so it needs a faded swatch of its own. */
        long k = tcmap__style_party_find(st, e->ev.party);
        if (k >= 0)
            used[k] |= strcmp(f->kind, "context") ? 1 : 2;
        for (size_t j = 0; j < ns; j++)
            if (!strcmp(st->statuses[j].id, e->ev.status) &&
                st->statuses[j].pattern != TCMAP_PATTERN_NONE)
                used[np + j] = 1;
    }
    /* A frame series locks its legend, so entries never come and go. */
    for (const char *const *id = fr->legend_lock; id && *id; id++) {
        long k = tcmap__style_party_find(st, *id);
        if (k >= 0)
            used[k] |= 1;
        for (size_t j = 0; j < ns; j++)
            if (!strcmp(st->statuses[j].id, *id) &&
                st->statuses[j].pattern != TCMAP_PATTERN_NONE)
                used[np + j] = 1;
        nodata |= !**id;
    }
    for (size_t k = 0; k < np && n < MAX_ENTRIES; k++) {
        const tcmap__party *pa = &st->parties[k];
        if (used[k] & 1)
            out[n++] = (entry){pa->label, pa->fill, pa->pattern,
                               pa->pattern_color, NULL, 0, ""};
        /* The faded colour of a party's context ground (the rest of
         * Azerbaijan around the districts) is a colour of its own on the
         * map: without a swatch a reader takes the light blue for a
         * different party. */
        /* (A compact legend leaves the faded twin of a listed party
         * out: the map's subject needs the room more.) */
        if ((used[k] & 2) && n < MAX_ENTRIES && st->context_fade > 0 &&
            !(compact && (used[k] & 1))) {
            double fade = st->context_fade;
            entry *e = &out[n++];
            *e = (entry){pa->label, tcmap__mix(pa->fill, st->land, fade),
                         pa->pattern,
                         tcmap__mix(pa->pattern_color, st->land, fade), NULL,
                         0, ""};
            if (used[k] & 1) {
                snprintf(e->own, sizeof e->own, "Rest of %s", pa->label);
                e->label = e->own;
            }
        }
    }
    for (size_t j = 0; j < ns && n < MAX_ENTRIES; j++)
        if (used[np + j]) {
            const tcmap__status_style *ss = &st->statuses[j];
            uint32_t pc = ss->use_party2
                              ? tcmap__mix(st->text, st->paper, 0.4)
                              : ss->color;
            out[n++] = (entry){ss->label, tcmap__status_swatch(st, pc),
                               ss->pattern, pc, NULL, 0, ""};
        }
    /* A change map's kinds of change, right under who holds what: they
     * are what that map is about. */
    for (size_t c = 0; c < fr->n_changes && n < MAX_ENTRIES; c++)
        out[n++] = (entry){fr->changes[c].label, fr->changes[c].fill, 0,
                           fr->changes[c].outline, NULL, CHANGE_MARK, ""};
    if (nodata && n < MAX_ENTRIES)
        out[n++] = (entry){st->nodata_label, st->nodata, TCMAP_PATTERN_HATCH,
                           tcmap__mix(st->nodata, 0, 0.25), NULL, 0, ""};
    if (st->town_holder && st->town_label[0] && geo->towns.n &&
        n < MAX_ENTRIES && !compact)
        out[n++] = (entry){st->town_label, 0, 0, 0, NULL, 1, ""};
    /* A line kind is listed when the panel shows a line of it on this
     * date, or, in a frame series' locked legend, on some date of the
     * series (and the panel would show it then: visibility does not
     * change with the date). */
    for (size_t k = 0; k < st->n_lines && n < MAX_ENTRIES; k++) {
        const tcmap__line_style *ls = &st->lines[k];
        int locked = 0, present = 0;
        for (const char *const *id = fr->legend_lock; id && *id; id++)
            locked |= !strcmp(*id, ls->legend_id);
        for (size_t i = 0; i < geo->lines.n && !present; i++) {
            const tcmap__feature *f = &geo->lines.features[i];
            present = !strcmp(f->kind, ls->kind) &&
                      (locked || tcmap__feature_valid_on(f, s->day)) &&
                      tcmap__bbox_visible(f, fr);
        }
        int front = !strcmp(ls->kind, TCMAP__FRONT_KIND);
        /* A compact legend keeps the line the map is about: the front. */
        if (compact && !front)
            continue;
        for (size_t e = 0; front && e < geo->edges.n && !present; e++)
            present = (locked || tcmap__edge_on_front(s, e)) &&
                      tcmap__bbox_visible(&geo->edges.features[e], fr);
        if (present && ls->label[0])
            out[n++] = (entry){ls->label, 0, 0, 0, ls, 0, ""};
    }
    free(used);
    return n;
}

typedef struct legend_metrics {
    double fs, sw, sh, gap, pad, text_w;
} legend_metrics;

/* A compact legend (a small print page, where the full one would not
 * fit at 6.5 pt) packs its rows closer and lets its text run wider. */
static legend_metrics
metrics(const tcmap__frame *fr, int compact)
{
    double t = fr->ts;
    return (legend_metrics){.fs = tcmap__tsize(fr, 14),
                            .sw = (compact ? 20 : 28) * t,
                            .sh = (compact ? 12 : 17) * t,
                            .gap = (compact ? 1.5 : 6) * t,
                            .pad = (compact ? 5 : 11) * t,
                            .text_w = (compact ? 0.5 : 0.30) * fr->w};
}

static PangoLayout *
entry_layout(cairo_t *cr, const tcmap_style *st, const entry *e,
             const legend_metrics *m)
{
    PangoLayout *l = tcmap__text_layout(cr, st, e->label, m->fs, 0, 0);
    pango_layout_set_width(l, (int)(m->text_w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    return l;
}

/* The legend's size: rows of swatch + text. */
static void
legend_size(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *fr,
            int compact,
            double *bw, double *bh)
{
    entry es[MAX_ENTRIES];
    size_t n = legend_entries(s, fr, compact, es);
    legend_metrics m = metrics(fr, compact);
    double max_w = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        PangoLayout *l = entry_layout(cr, s->map->style, &es[i], &m);
        PangoRectangle ink, logical;
        pango_layout_get_pixel_extents(l, &ink, &logical);
        double w, h;
        tcmap__text_size(l, &w, &h);
        PangoRectangle lr;
        pango_layout_get_extents(l, NULL, &lr);
        double tw = (double)(lr.x + lr.width) / PANGO_SCALE;
        max_w = fmax(max_w, tw);
        total += fmax(h, m.sh) + (i ? m.gap : 0);
        g_object_unref(l);
    }
    *bw = n ? m.pad * 2 + m.sw + (compact ? 4 : 8) * fr->ts + max_w : 0;
    *bh = n ? m.pad * 2 + total : 0;
}

/* ---- scale bar ---- */

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

typedef struct scale_metrics {
    double km, len, arrow_w, w, h;
} scale_metrics;

static scale_metrics
scale_size(const tcmap_style *st, const tcmap__frame *fr)
{
    scale_metrics m = {0};
    /* The map is in a conformal projection (UTM by default) whose scale
     * across this small region differs from true by well under 0.1 %, so
     * one bar holds everywhere on the map. */
    m.km = round_km(fr->w * 0.18 / fr->scale / 1000);
    m.len = m.km * 1000 * fr->scale;
    m.arrow_w = st->north_arrow ? 26 * fr->ts : 0;
    m.w = m.len + 40 * fr->ts + m.arrow_w + 16 * fr->u;
    m.h = 40 * fr->ts;
    return m;
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

/* ---- corners ---- */

static tcmap__box
corner_box(const tcmap__frame *fr, int corner, double w, double h)
{
    double m = 12 * fr->u;
    double x = corner % 2 ? fr->x + fr->w - m - w : fr->x + m;
    double y = corner / 2 ? fr->y + fr->h - m - h : fr->y + m;
    return (tcmap__box){x, y, x + w, y + h};
}

/* Where the control areas lie on the map panel, as a coarse bitmap: about
 * 400 cells across, filled once. Testing points against Cairo's path
 * instead (cairo_in_fill) walks every vertex for each of some 2,000
 * points, which cost more than drawing the whole map. */
typedef struct cover {
    cairo_surface_t *img;
    const unsigned char *px;
    int w, h, stride;
    double x0, y0, cell;
} cover;

static void
cover_build(cover *c, const tcmap_snapshot *s, const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    memset(c, 0, sizeof *c);
    c->cell = fmax(fr->w, fr->h) / 400;
    c->x0 = fr->x, c->y0 = fr->y;
    c->w = (int)ceil(fr->w / c->cell), c->h = (int)ceil(fr->h / c->cell);
    c->img = cairo_image_surface_create(CAIRO_FORMAT_A8, c->w, c->h);
    cairo_t *cr = cairo_create(c->img);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_scale(cr, 1 / c->cell, 1 / c->cell);
    cairo_translate(cr, -fr->x, -fr->y);
    for (size_t i = 0; i < geo->areas.n; i++) {
        const tcmap__feature *f = &geo->areas.features[i];
        if (strcmp(f->kind, "context") && tcmap__bbox_visible(f, fr))
            tcmap__feature_path(cr, geo, f, fr, 1);
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_flush(c->img);
    c->px = cairo_image_surface_get_data(c->img);
    c->stride = cairo_image_surface_get_stride(c->img);
}

static int
cover_at(const cover *c, double x, double y)
{
    int i = (int)floor((x - c->x0) / c->cell);
    int j = (int)floor((y - c->y0) / c->cell);
    return c->px && i >= 0 && j >= 0 && i < c->w && j < c->h &&
           c->px[(size_t)j * c->stride + i] >= 128;
}

/* How much of the subject a box would hide: the share of a grid of points
 * in it that fall inside control areas, plus a penalty for every town
 * marker under it. */
static double
hidden(const cover *cv, const tcmap_snapshot *s, const tcmap__frame *fr,
       tcmap__box b)
{
    double score = 0;
    enum { G = 14 };
    for (int i = 0; i < G; i++)
        for (int j = 0; j < G; j++)
            score += cover_at(cv, b.x0 + (b.x1 - b.x0) * (i + 0.5) / G,
                              b.y0 + (b.y1 - b.y0) * (j + 0.5) / G);
    const tcmap_geodata *geo = s->map->geo;
    for (size_t i = 0; i < geo->towns.n; i++) {
        const tcmap__feature *t = &geo->towns.features[i];
        double px = tcmap__fx(fr, t->anchor[0]), py = tcmap__fy(fr, t->anchor[1]);
        if ((s->map->style->town_max_rank <= 0 ||
             t->rank <= s->map->style->town_max_rank) &&
            px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1)
            score += 6;
    }
    /* What the desk added is what the map is for today. */
    for (size_t i = 0; i < fr->n_avoid; i++) {
        double px = fr->avoid[2 * i], py = fr->avoid[2 * i + 1];
        if (px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1)
            score += 20;
    }
    return score;
}

static int
best_corner(const cover *cv, const tcmap_snapshot *s, const tcmap__frame *fr,
            double w, double h, const int prefer[4], const int *taken)
{
    int best = -1;
    double best_score = 0;
    for (int k = 0; k < 4; k++) {
        int c = prefer[k];
        if (taken[c])
            continue;
        double sc = hidden(cv, s, fr, corner_box(fr, c, w, h));
        if (best < 0 || sc < best_score - 1e-9) {
            best = c;
            best_score = sc;
        }
    }
    return best;
}

void
tcmap__furniture_layout(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr, tcmap__furniture *fu)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    cairo_t *cr = p->cr;
    memset(fu, 0, sizeof *fu);
    fu->legend_corner = fu->inset_corner = -1;
    int taken[4] = {0};

    cover cv;
    cover_build(&cv, s, fr);

    double w, h;
    legend_size(cr, s, fr, 0, &w, &h);
    /* On a small print page, where the full legend would cover the map or
     * not fit, a compact one: the parties, statuses and the front. */
    if (fr->min_text > 0 && (w * h > 0.3 * fr->w * fr->h ||
                             h >= fr->h * 0.9 || w >= fr->w * 0.9)) {
        fu->legend_compact = 1;
        legend_size(cr, s, fr, 1, &w, &h);
    }
    /* A compact legend may take the panel's height but its margins, yet
     * not more than a third of the panel: past that it would hide the
     * subject, and the map goes without one. */
    double max_h = fu->legend_compact ? fr->h - 24 * fr->u : fr->h * 0.9;
    double want_w = w, want_h = h; /* for the warning below */
    if (fu->legend_compact && w * h > fr->w * fr->h / 3)
        w = 0;
    if (w > 0 && w < fr->w * 0.9 && h < max_h &&
        fr->legend_place != TCMAP_LEGEND_OFF) {
        static const int prefer[4] = {2, 3, 0, 1};
        /* A corner the caller names is taken as asked; only "auto"
         * looks for the one that hides least. */
        int c = fr->legend_place >= TCMAP_LEGEND_TOP_LEFT
                    ? (int)fr->legend_place - TCMAP_LEGEND_TOP_LEFT
                    : best_corner(&cv, s, fr, w, h, prefer, taken);
        fu->legend = corner_box(fr, c, w, h);
        fu->legend_corner = c;
        taken[c] = 1;
    } else if (want_w > 0 && fr->legend_place != TCMAP_LEGEND_OFF) {
        /* The renderer warns: a map without its key must not pass for
         * a finished one (unless the caller turned the legend off). */
        fu->legend_left_out = 1;
        fu->legend_w = want_w;
        fu->legend_h = want_h;
    }
    if (fr->inset && geo->land.n) {
        double e[4];
        tcmap__inset_extent(geo, e);
        double iw = fr->w * 0.2, ih = iw * (e[3] - e[1]) / (e[2] - e[0]);
        if (ih > fr->h * 0.3) {
            ih = fr->h * 0.3;
            iw = ih * (e[2] - e[0]) / (e[3] - e[1]);
        }
        static const int prefer[4] = {1, 0, 3, 2};
        int c = best_corner(&cv, s, fr, iw, ih, prefer, taken);
        if (c >= 0) {
            fu->inset = corner_box(fr, c, iw, ih);
            fu->inset_corner = c;
            taken[c] = 1;
        }
    }
    if (st->scale_bar || st->north_arrow) {
        scale_metrics m = scale_size(st, fr);
        static const int prefer[4] = {3, 2, 1, 0};
        int c = best_corner(&cv, s, fr, m.w, m.h, prefer, taken);
        if (c >= 0)
            fu->scale = corner_box(fr, c, m.w, m.h);
    }
    cairo_surface_destroy(cv.img);
}

/* ---- drawing ---- */

static void
panel_box(tcmap__pen *p, const tcmap_style *st, tcmap__box b, double u,
          double alpha)
{
    cairo_new_path(p->cr);
    cairo_rectangle(p->cr, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
    tcmap__pen_fill(p, st->legend_background, alpha, 1);
    tcmap__pen_stroke(p, st->frame, 0.8 * u, NULL, 0, 0);
}

void
tcmap__draw_legend(tcmap__pen *p, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture *fu)
{
    const tcmap_style *st = s->map->style;
    if (fu->legend_corner < 0)
        return;
    entry es[MAX_ENTRIES];
    size_t n = legend_entries(s, fr, fu->legend_compact, es);
    legend_metrics m = metrics(fr, fu->legend_compact);
    cairo_t *cr = p->cr;
    double u = fr->u;
    tcmap__box b = fu->legend;
    panel_box(p, st, b, u, 0.92);
    double y = b.y0 + m.pad, x = b.x0 + m.pad;
    for (size_t i = 0; i < n; i++) {
        const entry *e = &es[i];
        PangoLayout *l = entry_layout(cr, st, e, &m);
        double w, h;
        tcmap__text_size(l, &w, &h);
        double rh = fmax(h, m.sh);
        double sy = y + (rh - m.sh) / 2;
        cairo_new_path(cr);
        if (e->line) {
            cairo_move_to(cr, x, sy + m.sh / 2);
            cairo_line_to(cr, x + m.sw, sy + m.sh / 2);
            tcmap__apply_line(p, e->line, u);
        } else if (e->marker == 1) {
            cairo_arc(cr, x + m.sw / 2, sy + m.sh / 2, 4 * u, 0, 2 * M_PI);
            tcmap__pen_fill(p, st->parties[0].fill, 1, 1);
            tcmap__pen_stroke(p, st->town_color, 1.4 * u, NULL, 0, 0);
        } else {
            double box[4] = {x, sy, x + m.sw, sy + m.sh};
            cairo_rectangle(cr, x, sy, m.sw, m.sh);
            tcmap__pen_fill(p, e->fill, 1, 1);
            if (e->pattern) {
                tcmap__pen_clip_begin(p);
                tcmap__draw_pattern(p, e->pattern, e->pattern_color, box, u);
                tcmap__pen_clip_end(p);
            }
            cairo_rectangle(cr, x, sy, m.sw, m.sh);
            if (e->marker == CHANGE_MARK) {
                /* As on the map: the outline inside the ground's edge. */
                double w = fmin(4 * u, m.sh / 4);
                cairo_new_path(cr);
                cairo_rectangle(cr, x + w / 2, sy + w / 2, m.sw - w,
                                m.sh - w);
                tcmap__pen_stroke(p, e->pattern_color, w, NULL, 0, 0);
            } else {
                tcmap__pen_stroke(p, tcmap__mix(st->text, st->paper, 0.5),
                                  0.8 * u, NULL, 0, 0);
            }
        }
        tcmap__pen_text(p, l, x + m.sw + (fu->legend_compact ? 4 : 8) * fr->ts,
                        y + (rh - h) / 2,
                        st->text, 0, 0);
        g_object_unref(l);
        y += rh + m.gap;
    }
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
                        const tcmap__frame *fr, const tcmap__furniture *fu)
{
    const tcmap_style *st = s->map->style;
    tcmap__box b = fu->scale;
    if (!(b.x1 > b.x0))
        return;
    cairo_t *cr = p->cr;
    scale_metrics m = scale_size(st, fr);
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
        text_at(p, st, "N", tcmap__tsize(fr, 11), ax, b.y0, 0.5, 1);
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
    snprintf(buf, sizeof buf, "%g", m.km / 2);
    text_at(p, st, buf, tcmap__tsize(fr, 11), x + m.len / 2, b.y0 + 4 * t, 0.5, 0);
    snprintf(buf, sizeof buf, "%g km", m.km);
    text_at(p, st, buf, tcmap__tsize(fr, 11), x + m.len, b.y0 + 4 * t, 0.3, 0);
}
