/* inset.c - the inset map: where in the South Caucasus the main map lies,
 * with the countries' names clear of the main map's box. The same on every
 * date of a map, so a raster page paints it from one drawing. */
#include "draw/inset.h"
#include "core/strings.h"
#include "draw/cache.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "map/label.h"
#include "map/map.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- inset ---- */

/* The inset shows the control and context areas' box grown by 60 % each
 * way, which on the default data is Armenia, Azerbaijan and their
 * neighbours: where in the South Caucasus the main map lies. */
void
tcmap__inset_extent(const tcmap_geodata *geo, double e[4])
{
    double w = geo->bbox[2] - geo->bbox[0], h = geo->bbox[3] - geo->bbox[1];
    e[0] = geo->bbox[0] - 0.3 * w, e[2] = geo->bbox[2] + 0.3 * w;
    e[1] = geo->bbox[1] - 0.3 * h, e[3] = geo->bbox[3] + 0.3 * h;
}

/* Country names in the inset, largest country first, each where the most
 * of it shows, at a size that does not compete with the main map; a name
 * that would leave the inset, cross the main map's box or another name,
 * or not fit its country is left out. out gets at most one name a
 * country; returns how many. */
static size_t
inset_names(cairo_t *cr, const tcmap_snapshot *s, const tcmap__frame *in,
            const char *lang, const double e[4], const double hole[4],
            tcmap__box extent, const char *names, tcmap__inset_name *out)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    size_t n = geo->land.n, placed_n = 0;
    size_t *order = calloc(n ? n : 1, sizeof *order);
    if (!order)
        return 0;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    /* The countries the areas lie in first (the reader looks for them),
     * then by the room they have, biggest first (insertion sort: a
     * handful of countries). */
    double *rank = calloc(n ? n : 1, sizeof *rank);
    if (!rank) {
        free(order);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        rank[i] = tcmap__label_land_pole(s->map->label, i, e, hole)[2];
    for (size_t a = 0; a < geo->areas.n; a++) {
        long c = s->map->label->area_land[a];
        if (c >= 0 && strcmp(geo->areas.features[a].kind, "context"))
            rank[c] = fabs(rank[c]) + 1e12;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && rank[order[k]] > rank[order[k - 1]];
             k--) {
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    free(rank);
    tcmap__placer pl = {.bounds = {in->x + 2 * in->u, in->y + 2 * in->u,
                                   in->x + in->w - 2 * in->u,
                                   in->y + in->h - 2 * in->u}};
    tcmap__placer_take(&pl, extent);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        const double *pole = tcmap__label_land_pole(s->map->label, i, e, hole);
        if (!(pole[2] > 0))
            continue;
        const char *name = tcmap__label_land_name(geo, i, names);
        /* The map's language names the countries (the name set names
         * places); keyed by the English name in [countries]. */
        const char *own =
            tcmap__lang_is_en(lang)
                ? NULL
                : tcmap__tr_own(lang, "countries",
                                tcmap__label_land_name(geo, i, "en"));
        name = own ? own : name;
        double cx = tcmap__fx(in, pole[0]), cy = tcmap__fy(in, pole[1]);
        double r = pole[2] * in->scale;
        PangoLayout *l = NULL;
        /* Full size, then smaller; centred on the pole, then slid along
         * or across it (the pole stays under the name). A name may run
         * over its country's edge (the inset is small, and the part of
         * Armenia outside the main map's box smaller), but not for most
         * of its length. */
        for (int size = 0; size < 2; size++) {
            if (l)
                g_object_unref(l);
            l = tcmap__text_layout(cr, st, name,
                                   tcmap__tsize(in, size ? 9 : 10.5), 0, 0);
            double w, h;
            tcmap__text_size(l, &w, &h);
            if (w > 7 * r || h > 3 * r)
                continue;
            static const double slide[][2] = {{0, 0},     {-0.3, 0},
                                              {0.3, 0},   {0, -0.4},
                                              {0, 0.4},   {-0.3, -0.4},
                                              {0.3, -0.4}, {-0.3, 0.4},
                                              {0.3, 0.4}};
            /* Half an em each side: two names side by side must read
             * as two words ("Turkey Iran"), never as "TurkeyIran". */
            double gap = 0.25 * tcmap__tsize(in, size ? 9 : 10.5);
            int placed = 0;
            for (size_t c = 0; c < G_N_ELEMENTS(slide) && !placed; c++) {
                double x = cx - w / 2 + slide[c][0] * w;
                double y = cy - h / 2 + slide[c][1] * h;
                tcmap__box b = {x - gap, y - gap / 4, x + w + gap,
                                y + h + gap / 4};
                if (!tcmap__placer_fits(&pl, b))
                    continue;
                tcmap__placer_take(&pl, b);
                out[placed_n++] = (tcmap__inset_name){g_object_ref(l), i, x,
                                                      y, b};
                placed = 1;
            }
            if (placed)
                break;
        }
        if (l)
            g_object_unref(l);
    }
    tcmap__placer_free(&pl);
    free(order);
    return placed_n;
}

/* The inset's own frame: the inset extent e fitted into its box. */
static tcmap__frame
inset_frame(const tcmap_snapshot *s, const tcmap__frame *fr,
            const tcmap__furniture *fu, double e[4])
{
    tcmap__box b = fu->inset;
    tcmap__inset_extent(s->map->geo, e);
    tcmap__frame in = {.x = b.x0, .y = b.y0, .w = b.x1 - b.x0,
                       .h = b.y1 - b.y0, .u = fr->u, .ts = fr->ts,
                       .min_text = fr->min_text};
    in.scale = fmin(in.w / (e[2] - e[0]), in.h / (e[3] - e[1]));
    in.x0 = (e[0] + e[2]) / 2 - in.w / 2 / in.scale;
    in.y1 = (e[1] + e[3]) / 2 + in.h / 2 / in.scale;
    return in;
}

/* The main map's box on the inset in page units (unordered corners in
 * xy), and in map units (hole), which the names keep clear of. */
static tcmap__box
main_box(const tcmap__frame *fr, const tcmap__frame *in, double xy[4],
         double hole[4])
{
    xy[0] = tcmap__fx(in, fr->x0), xy[1] = tcmap__fy(in, fr->y1);
    xy[2] = tcmap__fx(in, fr->x0 + fr->w / fr->scale);
    xy[3] = tcmap__fy(in, fr->y1 - fr->h / fr->scale);
    hole[0] = fr->x0, hole[1] = fr->y1 - fr->h / fr->scale;
    hole[2] = fr->x0 + fr->w / fr->scale, hole[3] = fr->y1;
    return (tcmap__box){fmin(xy[0], xy[2]), fmin(xy[1], xy[3]),
                        fmax(xy[0], xy[2]), fmax(xy[1], xy[3])};
}

size_t
tcmap__inset_names(cairo_t *cr, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture *fu,
                   const char *names, const char *lang, tcmap__frame *in,
                   tcmap__inset_name **out)
{
    *out = NULL;
    if (fu->inset_corner < 0)
        return 0;
    double e[4], xy[4], hole[4];
    *in = inset_frame(s, fr, fu, e);
    tcmap__box extent = main_box(fr, in, xy, hole);
    *out = g_new0(tcmap__inset_name, s->map->geo->land.n + 1);
    return inset_names(cr, s, in, lang, e, hole, extent, names, *out);
}

void
tcmap__inset_names_free(tcmap__inset_name *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        g_object_unref(v[i].layout);
    g_free(v);
}

static void
draw_inset(tcmap__pen *p, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__furniture *fu, const char *names, const char *lang);

typedef struct inset_job {
    const tcmap_snapshot *s;
    const tcmap__frame *fr;
    const tcmap__furniture *fu;
    const char *names, *lang;
} inset_job;

static void
inset_on(cairo_t *cr, const void *user)
{
    const inset_job *j = user;
    tcmap__pen p = {.cr = cr};
    draw_inset(&p, j->s, j->fr, j->fu, j->names, j->lang);
}

void
tcmap__draw_inset(tcmap__pen *p, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const tcmap__furniture *fu,
                  const char *names, const char *lang)
{
    if (fu->inset_corner < 0)
        return;
    int painted = 0;
    if (!p->svg) {
        /* Everything the inset's pixels depend on besides the map: its
         * box, the layout and text units (text in points on a page sized
         * in mm), the main map's view (drawn as a rectangle on it), the
         * names and the language. */
        tcmap__box b = fu->inset;
        const double v[] = {b.x0,   b.y0,   b.x1,      b.y1,   fr->u,
                            fr->x0, fr->y1, fr->scale, fr->ts, fr->min_text};
        GByteArray *key = g_byte_array_new();
        tcmap__cache_key_text(key, "inset");
        tcmap__cache_key_doubles(key, v, G_N_ELEMENTS(v));
        tcmap__cache_key_text(key, names);
        tcmap__cache_key_text(key, lang);
        /* Two pixels round the box hold its frame's stroke. */
        tcmap__cache_box at = {b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, 2, 0};
        inset_job j = {s, fr, fu, names, lang};
        if (tcmap__cache_paint(p->cr, s->map, key, &at, inset_on, &j,
                               &painted, NULL) != TCMAP_OK)
            painted = 0; /* no raster: drawn directly */
        g_byte_array_unref(key);
    }
    if (!painted)
        draw_inset(p, s, fr, fu, names, lang);
}

static void
draw_inset(tcmap__pen *p, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__furniture *fu, const char *names, const char *lang)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    tcmap__box b = fu->inset;
    if (fu->inset_corner < 0)
        return;
    cairo_t *cr = p->cr;
    double e[4], xy[4], hole[4];
    tcmap__frame in = inset_frame(s, fr, fu, e);

    cairo_new_path(cr);
    cairo_rectangle(cr, b.x0, b.y0, in.w, in.h);
    tcmap__pen_fill(p, st->background, 1, 1);
    tcmap__pen_clip_begin(p);
    for (size_t i = 0; i < geo->land.n; i++)
        if (tcmap__bbox_visible(&geo->land.features[i], &in))
            tcmap__feature_path(cr, geo, &geo->land.features[i], &in, 1);
    tcmap__pen_fill(p, st->land, 1, 1);
    tcmap__pen_stroke(p, st->land_outline, 0.6 * fr->u, NULL, 0, 0);
    /* The control areas as one grey patch: where the subject lies. */
    for (size_t i = 0; i < geo->areas.n; i++)
        if (strcmp(geo->areas.features[i].kind, "context"))
            tcmap__feature_path(cr, geo, &geo->areas.features[i], &in, 1);
    tcmap__pen_fill(p, tcmap__mix(st->text, st->land, 0.55), 1, 0);
    /* The main map's extent. */
    tcmap__box extent = main_box(fr, &in, xy, hole);
    cairo_new_path(cr);
    cairo_rectangle(cr, xy[0], xy[1], xy[2] - xy[0], xy[3] - xy[1]);
    tcmap__pen_stroke(p, st->text, 1.6 * fr->u, NULL, 0, 0);
    tcmap__pen_clip_end(p);
    tcmap__inset_name *nv = g_new0(tcmap__inset_name, geo->land.n + 1);
    size_t n = inset_names(cr, s, &in, lang, e, hole, extent, names, nv);
    for (size_t k = 0; k < n; k++)
        tcmap__pen_text(p, nv[k].layout, nv[k].x, nv[k].y,
                        tcmap__mix(st->text, st->land, 0.35), 1.8 * in.ts,
                        st->land);
    tcmap__inset_names_free(nv, n);
    cairo_new_path(cr);
    cairo_rectangle(cr, b.x0, b.y0, in.w, in.h);
    tcmap__pen_stroke(p, st->frame, 1.0 * fr->u, NULL, 0, 0);
}
