/* inset.c - the inset map: where in the South Caucasus the main map lies,
 * with the countries' names clear of the main map's box. The same on every
 * date of a map, so a raster page paints it from one drawing. */
#include "map/label.h"
#include "draw/render.h"
#include "core/strings.h"
#include "draw/cache.h"

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
 * or not fit its country is left out. */
static void
inset_names(tcmap__pen *p, const tcmap_snapshot *s, const tcmap__frame *in,
            const double e[4], const double hole[4], tcmap__box extent,
            const char *names)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    size_t n = geo->land.n;
    size_t *order = calloc(n ? n : 1, sizeof *order);
    if (!order)
        return;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    /* The countries the areas lie in first (the reader looks for them),
     * then by the room they have, biggest first (insertion sort: a
     * handful of countries). */
    double *rank = calloc(n ? n : 1, sizeof *rank);
    if (!rank) {
        free(order);
        return;
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
            tcmap__lang_is_en(in->lang)
                ? NULL
                : tcmap__tr_own(in->lang, "countries",
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
            l = tcmap__text_layout(p->cr, st, name,
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
                tcmap__pen_text(p, l, x, y,
                                tcmap__mix(st->text, st->land, 0.35),
                                1.8 * in->ts, st->land);
                if (p->on_label)
                    p->on_label(p->on_label_user, name, TCMAP__TEXT_INSET,
                                i, b, in);
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
}

static void
draw_inset(tcmap__pen *p, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__furniture *fu, const char *names);

typedef struct inset_job {
    const tcmap_snapshot *s;
    const tcmap__frame *fr;
    const tcmap__furniture *fu;
    const char *names;
} inset_job;

static void
inset_on(cairo_t *cr, const void *user)
{
    const inset_job *j = user;
    tcmap__pen p = {.cr = cr};
    draw_inset(&p, j->s, j->fr, j->fu, j->names);
}

void
tcmap__draw_inset(tcmap__pen *p, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const tcmap__furniture *fu,
                  const char *names)
{
    if (fu->inset_corner < 0)
        return;
    int painted = 0;
    /* A test's hook sees each name drawn: the cache would hide them. */
    if (!p->svg && !p->on_label) {
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
        tcmap__cache_key_text(key, fr->lang);
        /* Two pixels round the box hold its frame's stroke. */
        tcmap__cache_box at = {b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, 2, 0};
        inset_job j = {s, fr, fu, names};
        if (tcmap__cache_paint(p->cr, s->map, key, &at, inset_on, &j,
                               &painted, NULL) != TCMAP_OK)
            painted = 0; /* no raster: drawn directly */
        g_byte_array_unref(key);
    }
    if (!painted)
        draw_inset(p, s, fr, fu, names);
}

static void
draw_inset(tcmap__pen *p, const tcmap_snapshot *s, const tcmap__frame *fr,
           const tcmap__furniture *fu, const char *names)
{
    const tcmap_style *st = s->map->style;
    const tcmap_geodata *geo = s->map->geo;
    tcmap__box b = fu->inset;
    if (fu->inset_corner < 0)
        return;
    cairo_t *cr = p->cr;
    double e[4];
    tcmap__inset_extent(geo, e);
    tcmap__frame in = {.x = b.x0, .y = b.y0, .w = b.x1 - b.x0,
                       .h = b.y1 - b.y0, .u = fr->u, .ts = fr->ts,
                       .min_text = fr->min_text, .lang = fr->lang};
    in.scale = fmin(in.w / (e[2] - e[0]), in.h / (e[3] - e[1]));
    in.x0 = (e[0] + e[2]) / 2 - in.w / 2 / in.scale;
    in.y1 = (e[1] + e[3]) / 2 + in.h / 2 / in.scale;

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
    double x0 = tcmap__fx(&in, fr->x0), y0 = tcmap__fy(&in, fr->y1);
    double x1 = tcmap__fx(&in, fr->x0 + fr->w / fr->scale);
    double y1 = tcmap__fy(&in, fr->y1 - fr->h / fr->scale);
    cairo_new_path(cr);
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    tcmap__pen_stroke(p, st->text, 1.6 * fr->u, NULL, 0, 0);
    tcmap__pen_clip_end(p);
    /* The main map's box in map units, which the names keep clear of. */
    double hole[4] = {fr->x0, fr->y1 - fr->h / fr->scale,
                      fr->x0 + fr->w / fr->scale, fr->y1};
    inset_names(p, s, &in, e, hole,
                (tcmap__box){fmin(x0, x1), fmin(y0, y1), fmax(x0, x1),
                             fmax(y0, y1)},
                names);
    cairo_new_path(cr);
    cairo_rectangle(cr, b.x0, b.y0, in.w, in.h);
    tcmap__pen_stroke(p, st->frame, 1.0 * fr->u, NULL, 0, 0);
}
