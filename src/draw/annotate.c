/* annotate.c - the draw stage of annotations: callouts, arrows, highlighted
 * areas and labels, projected from degrees at draw time and painted
 * through the pen, so that PNG, PDF and SVG show the same marks (in SVG as
 * their own layer). Their texts are placed with the map's names
 * (places.c), so that no two texts meet. */
#include "draw/annotate.h"
#include "core/error.h"
#include "draw/frame.h"
#include "draw/pen.h"
#include "load/annotations.h"
#include "map/map.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The annotation's points on the page; NULL when they cannot be
 * projected. New (g_free). */
static double *
page_points(const tcmap_snapshot *s, const tcmap__frame *fr,
            const tcmap__annotation *a, tcmap_error *err)
{
    size_t n = a->n_points;
    double *x = g_new(double, 2 * n + 1), *y = x + n;
    for (size_t i = 0; i < n; i++)
        x[i] = a->lonlat[2 * i], y[i] = a->lonlat[2 * i + 1];
    if (tcmap__map_from_lonlat(s->map, n, x, y, err) != TCMAP_OK) {
        g_free(x);
        return NULL;
    }
    double *p = g_new0(double, 2 * n + 1);
    for (size_t i = 0; i < n; i++)
        p[2 * i] = tcmap__fx(fr, x[i]), p[2 * i + 1] = tcmap__fy(fr, y[i]);
    g_free(x);
    return p;
}

/* ---- highlights ---- */

/* Adds the outline of every area (or district) the highlight names to the
 * current path; a district is outlined once, not along the lines its
 * pieces were cut on. Each id is one lookup in `ids`
 * (tcmap__highlight_ids). */
static tcmap_status
highlight_path(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *fr,
               const tcmap__annotation *a, GHashTable *ids, tcmap_error *err)
{
    const tcmap_geodata *geo = s->map->geo;
    for (char **id = a->areas; *id; id++) {
        if (!**id)
            continue;
        const tcmap__feature *f = tcmap__highlight_find(ids, *id);
        if (!f)
            return tcmap__error(err, TCMAP_ERR_DATA,
                                "%s: highlight names no area or district "
                                "'%.64s'",
                                a->where, *id);
        tcmap__feature_path(cr, geo, f, fr, 1);
    }
    return TCMAP_OK;
}

static tcmap_status
draw_highlight(tcmap__pen *pen, const tcmap_snapshot *s,
               const tcmap__frame *fr, const tcmap__annotation *a,
               GHashTable *ids, tcmap_error *err)
{
    const tcmap_style *st = s->map->style;
    uint32_t c = a->has_color ? a->color : st->annot_color;
    cairo_new_path(pen->cr);
    tcmap_status status = highlight_path(pen->cr, s, fr, a, ids, err);
    if (status != TCMAP_OK)
        return status;
    /* A wide pale stroke under a narrow strong one: a glow that reads on
     * any fill and still lets the ground's colour show through. */
    tcmap__pen_stroke(pen, tcmap__mix(c, st->paper, 0.55), 9 * fr->u, NULL,
                      0, 1);
    tcmap__pen_stroke(pen, c, 2.6 * fr->u, NULL, 0, 0);
    return TCMAP_OK;
}

/* ---- arrows ---- */

/* The arrow's shaft as Bézier segments through the points (Catmull-Rom,
 * so a line with more vertices bends smoothly through each), ending
 * `back` short of the last point; *tx, *ty get the direction at the tip. */
static void
arrow_shaft(cairo_t *cr, const double *p, size_t n, double back, double *tx,
            double *ty)
{
#define PX(i) p[2 * (size_t)(i)]
#define PY(i) p[2 * (size_t)(i) + 1]
    cairo_new_path(cr);
    cairo_move_to(cr, PX(0), PY(0));
    for (size_t i = 0; i + 1 < n; i++) {
        size_t a = i ? i - 1 : 0, d = i + 2 < n ? i + 2 : n - 1;
        double c1x = PX(i) + (PX(i + 1) - PX(a)) / 6;
        double c1y = PY(i) + (PY(i + 1) - PY(a)) / 6;
        double c2x = PX(i + 1) - (PX(d) - PX(i)) / 6;
        double c2y = PY(i + 1) - (PY(d) - PY(i)) / 6;
        double ex = PX(i + 1), ey = PY(i + 1);
        if (i + 2 == n) {
            double dx = ex - c2x, dy = ey - c2y, len = hypot(dx, dy);
            if (len < 1e-9)
                dx = ex - PX(i), dy = ey - PY(i), len = hypot(dx, dy);
            *tx = len > 0 ? dx / len : 1, *ty = len > 0 ? dy / len : 0;
            /* Stop under the head, so the shaft's square end never shows
             * beside the tip. */
            ex -= *tx * back, ey -= *ty * back;
            c2x -= *tx * back, c2y -= *ty * back;
        }
        cairo_curve_to(cr, c1x, c1y, c2x, c2y, ex, ey);
    }
#undef PX
#undef PY
}

static void
draw_arrow(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__annotation *a, const double *p)
{
    const tcmap_style *st = s->map->style;
    cairo_t *cr = pen->cr;
    uint32_t c = a->has_color ? a->color : st->annot_color;
    double w = st->annot_width * fr->u, hl = 4.2 * w, hw = 1.9 * w;
    double tx = 1, ty = 0;
    size_t n = a->n_points;
    double tipx = p[2 * (n - 1)], tipy = p[2 * (n - 1) + 1];
    /* A casing in the halo colour under shaft and head keeps the arrow
     * apart from lines and fills of any colour. */
    double casing = 1.6 * fr->u;
    arrow_shaft(cr, p, n, hl * 0.6, &tx, &ty);
    tcmap__pen_stroke(pen, st->halo, w + 2 * casing, NULL, 0, 1);
    tcmap__pen_stroke(pen, c, w, NULL, 0, 0);
    double bx = tipx - tx * hl, by = tipy - ty * hl;
    cairo_new_path(cr);
    cairo_move_to(cr, tipx, tipy);
    cairo_line_to(cr, bx - ty * hw, by + tx * hw);
    cairo_line_to(cr, bx + tx * hl * 0.25, by + ty * hl * 0.25);
    cairo_line_to(cr, bx + ty * hw, by - tx * hw);
    cairo_close_path(cr);
    tcmap__pen_stroke(pen, st->halo, 2 * casing, NULL, 0, 1);
    tcmap__pen_fill(pen, c, 1, 0);
}

/* ---- texts ---- */

/* The callout's text goes where the labels' placement put it, with the
 * map's names (places.c: clear of every name, marker and the furniture);
 * a leader runs from the point to the text's nearest edge. */
static void
draw_callout(tcmap__pen *pen, const tcmap_snapshot *s,
             const tcmap__frame *fr, const tcmap__annotation *a,
             const double *p, const tcmap__placed_text *t)
{
    const tcmap_style *st = s->map->style;
    cairo_t *cr = pen->cr;
    double halo = 3.6 * fr->ts;
    double size = tcmap__tsize(fr, st->annot_text_size);
    double r = tcmap__callout_dot(fr, size);
    /* The leader's width follows the dot's, so it shows in print too. */
    double lw = 0.38 * r;
    uint32_t dot = a->has_color ? a->color : st->annot_color;
    if (t && t->layout) {
        double ex = fmin(fmax(p[0], t->box.x0 + halo / 2),
                         t->box.x1 - halo / 2);
        double ey = fmin(fmax(p[1], t->box.y0 + halo / 2),
                         t->box.y1 - halo / 2);
        cairo_new_path(cr);
        cairo_move_to(cr, p[0], p[1]);
        cairo_line_to(cr, ex, ey);
        tcmap__pen_stroke(pen, st->halo, 2.6 * lw, NULL, 0, 1);
        tcmap__pen_stroke(pen, st->annot_text, lw, NULL, 0, 0);
    }
    cairo_new_path(cr);
    cairo_arc(cr, p[0], p[1], r, 0, 2 * M_PI);
    tcmap__pen_fill(pen, dot, 1, 1);
    tcmap__pen_stroke(pen, st->halo, 0.35 * r, NULL, 0, 0);
    if (t && t->layout)
        tcmap__pen_text(pen, t->layout, t->x, t->y, st->annot_text, halo,
                        st->halo);
}

/* A plain label, where the placement put it (on its point, else just
 * above or below it). */
static void
draw_label(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__annotation *a, const tcmap__placed_text *t)
{
    const tcmap_style *st = s->map->style;
    if (t && t->layout)
        tcmap__pen_text(pen, t->layout, t->x, t->y,
                        a->has_color ? a->color : st->annot_text,
                        3.6 * fr->ts, st->halo);
}

double *
tcmap__annotation_points(const tcmap_snapshot *s, const tcmap__frame *fr,
                         const tcmap_annotations *as, size_t *n)
{
    *n = 0;
    if (!as || !as->n)
        return NULL;
    enum { HIGHLIGHT_POINTS = 16 };
    size_t cap = 0;
    for (size_t i = 0; i < as->n; i++)
        cap += 2 * as->v[i].n_points + HIGHLIGHT_POINTS;
    double *out = g_new(double, 2 * cap + 2);
    tcmap__gdal_capture cap_msg;
    tcmap__gdal_push(&cap_msg);
    GHashTable *ids = NULL; /* tcmap__highlight_ids, at the first one */
    for (size_t i = 0; i < as->n; i++) {
        const tcmap__annotation *a = &as->v[i];
        if (a->kind == TCMAP_ANNOTATION_HIGHLIGHT) {
            if (!ids)
                ids = tcmap__highlight_ids(s->map->geo);
            /* Points spread along the outline: enough to keep a legend
             * off a highlighted area, as many as a short arrow has. */
            cairo_surface_t *img =
                cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
            cairo_t *cr = cairo_create(img);
            if (highlight_path(cr, s, fr, a, ids, NULL) == TCMAP_OK) {
                cairo_path_t *path = cairo_copy_path_flat(cr);
                size_t nv = 0;
                for (int k = 0; k < path->num_data;
                     k += path->data[k].header.length)
                    nv += path->data[k].header.type != CAIRO_PATH_CLOSE_PATH;
                size_t v = 0, step = nv / HIGHLIGHT_POINTS + 1;
                for (int k = 0; k < path->num_data;
                     k += path->data[k].header.length) {
                    if (path->data[k].header.type == CAIRO_PATH_CLOSE_PATH)
                        continue;
                    if (v++ % step == 0) {
                        out[2 * *n] = path->data[k + 1].point.x;
                        out[2 * *n + 1] = path->data[k + 1].point.y;
                        ++*n;
                    }
                }
                cairo_path_destroy(path);
            }
            cairo_destroy(cr);
            cairo_surface_destroy(img);
            continue;
        }
        if (!a->n_points)
            continue;
        double *p = page_points(s, fr, a, NULL);
        if (!p)
            continue;
        /* Each vertex, and for a line the middle of each segment: enough
         * to keep a legend off an arrow. */
        for (size_t k = 0; k < a->n_points; k++) {
            out[2 * *n] = p[2 * k], out[2 * *n + 1] = p[2 * k + 1];
            ++*n;
            if (k + 1 < a->n_points) {
                out[2 * *n] = (p[2 * k] + p[2 * k + 2]) / 2;
                out[2 * *n + 1] = (p[2 * k + 1] + p[2 * k + 3]) / 2;
                ++*n;
            }
        }
        g_free(p);
    }
    if (ids)
        g_hash_table_destroy(ids);
    tcmap__gdal_pop();
    return out;
}

tcmap_status
tcmap__draw_annotations(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap_annotations *as,
                        const tcmap__placed_text *texts, size_t n_texts,
                        tcmap_error *err)
{
    if (!as || !as->n)
        return TCMAP_OK;
    tcmap_status status = TCMAP_OK;
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    GHashTable *ids = tcmap__highlight_ids(s->map->geo);
    tcmap__pen_layer_begin(pen, "annotations", "Annotations");
    /* Highlights under arrows, texts on top. */
    for (int pass = 0; pass < 3 && status == TCMAP_OK; pass++)
        for (size_t i = 0; i < as->n && status == TCMAP_OK; i++) {
            const tcmap__annotation *a = &as->v[i];
            int want = a->kind == TCMAP_ANNOTATION_HIGHLIGHT ? 0
                       : a->kind == TCMAP_ANNOTATION_ARROW   ? 1
                                                             : 2;
            if (want != pass)
                continue;
            if (a->kind == TCMAP_ANNOTATION_HIGHLIGHT) {
                status = draw_highlight(pen, s, fr, a, ids, err);
                continue;
            }
            double *p = page_points(s, fr, a, err);
            if (!p) {
                status = TCMAP_ERR_DATA;
                break;
            }
            const tcmap__placed_text *t = i < n_texts ? &texts[i] : NULL;
            if (a->kind == TCMAP_ANNOTATION_ARROW)
                draw_arrow(pen, s, fr, a, p);
            else if (a->kind == TCMAP_ANNOTATION_CALLOUT)
                draw_callout(pen, s, fr, a, p, t);
            else
                draw_label(pen, s, fr, a, t);
            g_free(p);
        }
    tcmap__pen_layer_end(pen);
    g_hash_table_destroy(ids);
    tcmap__gdal_pop();
    return status;
}
