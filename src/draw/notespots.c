/* notespots.c - where an annotation's text may go: the candidate spots
 * around a callout's point or on a label's, how much each covers, and the
 * course of a callout's leader. places.c picks among them, with the map's
 * names, so that no two texts meet. */
#include "draw/notespots.h"
#include "draw/frame.h"

#include <glib.h>
#include <math.h>

/* Non-zero when the segment (ax, ay)-(bx, by) crosses box b
 * (Liang-Barsky clipping of the segment to the box). */
static int
segment_meets(double ax, double ay, double bx, double by, tcmap__box b)
{
    double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {ax - b.x0, b.x1 - ax, ay - b.y0, b.y1 - ay};
    for (int k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return 0;
            continue;
        }
        double t = q[k] / p[k];
        if (p[k] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return 0;
    }
    return 1;
}

/* Where a callout's leader meets its text's box: the box's point nearest
 * to the callout's point. */
static void
leader_end(const label *l, tcmap__box b, double *ex, double *ey)
{
    double pad = l->halo / 2;
    *ex = fmin(fmax(l->px, b.x0 + pad), b.x1 - pad);
    *ey = fmin(fmax(l->py, b.y0 + pad), b.y1 - pad);
}

/* How much of b the taken boxes cover, in square page units. */
double
tcmap__note_covered(const tcmap__placer *pl, tcmap__box b)
{
    double sum = 0;
    for (size_t i = 0; i < pl->n; i++) {
        const tcmap__box *t = &pl->boxes[i];
        double w = fmin(b.x1, t->x1) - fmax(b.x0, t->x0);
        double h = fmin(b.y1, t->y1) - fmax(b.y0, t->y0);
        if (w > 0 && h > 0)
            sum += w * h;
    }
    return sum;
}

int
tcmap__note_inside(const tcmap__placer *pl, tcmap__box b)
{
    return b.x0 >= pl->bounds.x0 && b.y0 >= pl->bounds.y0 &&
           b.x1 <= pl->bounds.x1 && b.y1 <= pl->bounds.y1;
}

/* What pushing the names under b off the map costs, or -1 when b covers
 * furniture, a marker or another annotation's text, which never give
 * way. A capital's name costs most. */
double
tcmap__note_eviction_cost(const tcmap__placer *pl, const label *v, tcmap__box b)
{
    double cost = 0;
    for (size_t i = 0; i < pl->n; i++) {
        if (!tcmap__box_overlap(b, pl->boxes[i]))
            continue;
        long o = pl->owner[i];
        if (o < 0 || v[o].kind == LABEL_CALLOUT || v[o].kind == LABEL_NOTE)
            return -1;
        cost += v[o].priority == 0 ? 100 : v[o].priority == 2 ? 10 : 1;
    }
    return cost;
}


/* The candidates for a callout: around its point in eight directions at
 * growing distances, each with the text wrapped four ways; the box keeps
 * off the point. For a plain label: centred on its point, then above,
 * below and beside it. Each with its score. */
size_t
tcmap__note_spots(const label *l, PangoLayout *const lay[4], const tcmap__frame *fr,
           double size, tcmap__spot *out, size_t cap)
{
    size_t n = 0;
    double pad = l->halo / 2;
    for (int k = 0; k < 3 && l->kind == LABEL_NOTE; k++)
        if (k == 0) {
            double w, h;
            tcmap__text_size(lay[0], &w, &h);
            const double at[][2] = {{0, 0},    {0, -1},  {0, 1},
                                    {-0.7, 0}, {0.7, 0}, {0, -2},
                                    {0, 2},    {-0.7, -1}, {0.7, -1},
                                    {-0.7, 1}, {0.7, 1}};
            for (size_t c = 0; c < G_N_ELEMENTS(at) && n < cap; c++) {
                double x = l->px - w / 2 + at[c][0] * w;
                double y = l->py - h / 2 + at[c][1] * h;
                out[n++] = (tcmap__spot){lay[0], x, y,
                                  {x - pad, y - pad, x + w + pad,
                                   y + h + pad},
                                  (double)c};
            }
        }
    if (l->kind != LABEL_CALLOUT)
        return n;
    static const double dir[8][2] = {{0.71, -0.71}, {1, 0},   {0.71, 0.71},
                                     {-0.71, 0.71}, {-1, 0},  {-0.71, -0.71},
                                     {0, -1},       {0, 1}};
    static const double dist[] = {0.6, 1.1, 1.8, 2.7, 3.9, 5.5, 8};
    PangoRectangle logical;
    pango_layout_get_extents(lay[0], NULL, &logical);
    double line = (double)logical.height / PANGO_SCALE /
                  fmax(1, pango_layout_get_line_count(lay[0]));
    double dot = tcmap__callout_dot(fr, size) + fr->u;
    for (size_t k = 0; k < G_N_ELEMENTS(dist); k++)
        for (int v = 0; v < 4; v++) {
            if (!lay[v])
                continue;
            double w, h;
            tcmap__text_size(lay[v], &w, &h);
            /* A wrapped layout is as wide as its wrap width; its lines'
             * logical extent is what the text takes. */
            pango_layout_get_extents(lay[v], NULL, &logical);
            w = (double)(logical.x + logical.width) / PANGO_SCALE;
            for (int d = 0; d < 8 && n < cap; d++) {
                double D = dot + pad + dist[k] * line;
                double ox = l->px + dir[d][0] * D;
                double oy = l->py + dir[d][1] * D;
                double x = dir[d][0] > 0.3    ? ox
                           : dir[d][0] < -0.3 ? ox - w
                                              : ox - w / 2;
                double y = dir[d][1] > 0.3    ? oy
                           : dir[d][1] < -0.3 ? oy - h
                                              : oy - h / 2;
                tcmap__box b = {x - pad, y - pad, x + w + pad, y + h + pad};
                /* Clear of the point itself too. */
                if (l->px >= b.x0 - dot && l->px <= b.x1 + dot &&
                    l->py >= b.y0 - dot && l->py <= b.y1 + dot)
                    continue;
                int lines = pango_layout_get_line_count(lay[v]);
                out[n++] = (tcmap__spot){lay[v], x, y, b,
                                  dist[k] + (lines > 2 ? lines - 2 : 0)};
            }
        }
    return n;
}

/* Non-zero when a callout's leader to box b crosses another text. */
int
tcmap__leader_crosses(const tcmap__placer *pl, const label *l, tcmap__box b)
{
    if (l->kind != LABEL_CALLOUT)
        return 0;
    double ex, ey;
    leader_end(l, b, &ex, &ey);
    for (size_t i = 0; i < pl->n; i++)
        if (pl->owner[i] >= 0 &&
            segment_meets(l->px, l->py, ex, ey, pl->boxes[i]))
            return 1;
    return 0;
}

/* The leader's course, taken in small boxes so that later names keep off
 * it as they keep off markers. */
void
tcmap__take_leader(tcmap__placer *pl, const label *l, double r)
{
    double ex, ey;
    leader_end(l, l->box, &ex, &ey);
    double len = hypot(ex - l->px, ey - l->py);
    int steps = (int)ceil(len / r);
    for (int k = 1; k < steps && k < 400; k++) {
        double x = l->px + (ex - l->px) * k / steps;
        double y = l->py + (ey - l->py) * k / steps;
        tcmap__placer_take_as(pl, (tcmap__box){x - r, y - r, x + r, y + r},
                              TCMAP__TAKEN_MARK);
    }
}
