/* corners.c - where the furniture goes: the legend (as legend.c planned
 * it), the inset and the scale bar each take the corner of the panel that
 * hides least of the control areas, the front, the towns and the desk's
 * annotations, found on coarse bitmaps of the panel. */
#include "draw/corners.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/inset.h"
#include "draw/pen.h"
#include "draw/scalebar.h"
#include "map/label.h"
#include "map/map.h"
#include "map/snapshot.h"

#include <math.h>
#include <string.h>

static tcmap__box
corner_box(const tcmap__frame *fr, int corner, double w, double h)
{
    double m = 12 * fr->u;
    double x = corner % 2 ? fr->x + fr->w - m - w : fr->x + m;
    double y = corner / 2 ? fr->y + fr->h - m - h : fr->y + m;
    return (tcmap__box){x, y, x + w, y + h};
}

/* Where the control areas and the front lie on the map panel, as coarse
 * bitmaps: about 400 cells across, filled once. Testing points against
 * Cairo's path instead (cairo_in_fill) walks every vertex for each of
 * some 2,000 points, which cost more than drawing the whole map. */
typedef struct cover {
    cairo_surface_t *img, *front;
    const unsigned char *px, *fpx;
    int w, h, stride, fstride;
    double x0, y0, cell;
    long front_cells; /* cells the front crosses, 0 when none */
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

    /* The front, a few cells wide: on a zoomed map every corner is
     * control ground, and what the reader came for is where the sides
     * meet. */
    c->front = cairo_image_surface_create(CAIRO_FORMAT_A8, c->w, c->h);
    cr = cairo_create(c->front);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_scale(cr, 1 / c->cell, 1 / c->cell);
    cairo_translate(cr, -fr->x, -fr->y);
    for (size_t e = 0; e < geo->edges.n; e++) {
        const tcmap__feature *f = &geo->edges.features[e];
        if (tcmap__bbox_visible(f, fr) && tcmap__edge_on_front(s, e))
            tcmap__feature_path(cr, geo, f, fr, 0);
    }
    cairo_set_line_width(cr, 2 * c->cell);
    cairo_stroke(cr);
    cairo_destroy(cr);
    cairo_surface_flush(c->front);
    c->fpx = cairo_image_surface_get_data(c->front);
    c->fstride = cairo_image_surface_get_stride(c->front);
    for (int j = 0; j < c->h; j++)
        for (int i = 0; i < c->w; i++)
            c->front_cells += c->fpx[(size_t)j * c->fstride + i] >= 128;
}

static void
cover_free(cover *c)
{
    cairo_surface_destroy(c->img);
    cairo_surface_destroy(c->front);
}

static int
cover_at(const cover *c, double x, double y)
{
    int i = (int)floor((x - c->x0) / c->cell);
    int j = (int)floor((y - c->y0) / c->cell);
    return c->px && i >= 0 && j >= 0 && i < c->w && j < c->h &&
           c->px[(size_t)j * c->stride + i] >= 128;
}

/* The share of the front's cells inside box b. */
static double
front_share(const cover *c, tcmap__box b)
{
    if (!c->front_cells)
        return 0;
    int i0 = (int)floor((b.x0 - c->x0) / c->cell);
    int i1 = (int)ceil((b.x1 - c->x0) / c->cell);
    int j0 = (int)floor((b.y0 - c->y0) / c->cell);
    int j1 = (int)ceil((b.y1 - c->y0) / c->cell);
    long n = 0;
    for (int j = j0 < 0 ? 0 : j0; j < j1 && j < c->h; j++)
        for (int i = i0 < 0 ? 0 : i0; i < i1 && i < c->w; i++)
            n += c->fpx[(size_t)j * c->fstride + i] >= 128;
    return (double)n / (double)c->front_cells;
}

/* How much of the subject a box would hide: the share of a grid of points
 * in it that fall inside control areas; the share of the front it covers,
 * weighted far above the ground (on a zoomed map every corner is control
 * ground, and where the sides meet is what the reader came for: a box
 * over 5 % of the front costs as much as one wholly on the ground); a
 * penalty for every town marker under it and a larger one for every point
 * of the desk's annotations (callouts, arrows, highlighted areas). */
static double
hidden(const cover *cv, const tcmap_snapshot *s, const tcmap__frame *fr,
       const tcmap__furniture_spec *sp, tcmap__box b)
{
    double score = 0;
    enum { G = 14 };
    for (int i = 0; i < G; i++)
        for (int j = 0; j < G; j++)
            score += cover_at(cv, b.x0 + (b.x1 - b.x0) * (i + 0.5) / G,
                              b.y0 + (b.y1 - b.y0) * (j + 0.5) / G);
    double fs = front_share(cv, b);
    score += G * G * ((fs > 0) * 0.5 + 20 * fs);
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
    for (size_t i = 0; i < sp->n_avoid; i++) {
        double px = sp->avoid[2 * i], py = sp->avoid[2 * i + 1];
        if (px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1)
            score += 20;
    }
    return score;
}

/* On a narrow panel a legend in one bottom corner reaches past the
 * middle, and the scale bar in the other corner was drawn under it. */
#define MEETS(a, b) ((a).x1 > (a).x0 && tcmap__box_overlap((a), (b)))

static int
best_corner(const cover *cv, const tcmap_snapshot *s, const tcmap__frame *fr,
            const tcmap__furniture_spec *sp, double w, double h, const int prefer[4], const int *taken,
            const tcmap__furniture *fu)
{
    int best = -1;
    double best_score = 0;
    for (int k = 0; k < 4; k++) {
        int c = prefer[k];
        tcmap__box b = corner_box(fr, c, w, h);
        if (taken[c] || MEETS(fu->legend, b) || MEETS(fu->inset, b))
            continue;
        double sc = hidden(cv, s, fr, sp, b);
        if (best < 0 || sc < best_score - 1e-9) {
            best = c;
            best_score = sc;
        }
    }
    return best;
}

void
tcmap__furniture_layout(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr,
                        const tcmap__furniture_spec *sp,
                        tcmap__furniture *fu)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    const tcmap__legend_plan *lp = &sp->legend;
    (void)p; /* the legend was measured with the page (render.c) */
    memset(fu, 0, sizeof *fu);
    fu->legend_corner = fu->inset_corner = -1;
    int taken[4] = {0};

    cover cv;
    cover_build(&cv, s, fr);

    /* The plan was made with the page (render.c made room for a legend
     * outside the panel); here it only takes its corner. */
    double w = lp->w, h = lp->h;
    if (lp->where == TCMAP__LEGEND_INSIDE && w > 0) {
        static const int prefer[4] = {2, 3, 0, 1};
        /* A corner the caller names is taken as asked; only "auto"
         * looks for the one that hides least. */
        int c = sp->legend_place >= TCMAP_LEGEND_TOP_LEFT &&
                        sp->legend_place <= TCMAP_LEGEND_BOTTOM_RIGHT
                    ? (int)sp->legend_place - TCMAP_LEGEND_TOP_LEFT
                    : best_corner(&cv, s, fr, sp, w, h, prefer, taken, fu);
        fu->legend = corner_box(fr, c, w, h);
        fu->legend_corner = c;
        taken[c] = 1;
    } else if (lp->where == TCMAP__LEGEND_BELOW && w > 0) {
        double y = fr->y + fr->h + lp->gap;
        fu->legend = (tcmap__box){fr->x, y, fr->x + w, y + h};
        fu->legend_outside = 1;
    } else if (lp->where == TCMAP__LEGEND_RIGHT && w > 0) {
        double x = fr->x + fr->w + lp->gap;
        fu->legend = (tcmap__box){x, fr->y, x + w, fr->y + h};
        fu->legend_outside = 1;
    }
    if (sp->inset && geo->land.n) {
        double e[4];
        tcmap__inset_extent(geo, e);
        double iw = fr->w * 0.2, ih = iw * (e[3] - e[1]) / (e[2] - e[0]);
        if (ih > fr->h * 0.3) {
            ih = fr->h * 0.3;
            iw = ih * (e[2] - e[0]) / (e[3] - e[1]);
        }
        static const int prefer[4] = {1, 0, 3, 2};
        int c = best_corner(&cv, s, fr, sp, iw, ih, prefer, taken, fu);
        if (c >= 0) {
            fu->inset = corner_box(fr, c, iw, ih);
            fu->inset_corner = c;
            taken[c] = 1;
        }
    }
    if (st->scale_bar || st->north_arrow) {
        tcmap__scale_metrics m = tcmap__scale_size(p->cr, st, fr, sp->lang);
        static const int prefer[4] = {3, 2, 1, 0};
        int c = best_corner(&cv, s, fr, sp, m.w, m.h, prefer, taken, fu);
        if (c >= 0)
            fu->scale = corner_box(fr, c, m.w, m.h);
    }
    cover_free(&cv);
}

