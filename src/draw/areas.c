/* areas.c - the ground of a map body: the land, each unit in its holder's
 * colour with its status's and presences' patterns (neighbours in the same
 * state as one path, so the cells of a district make no mosaic), and the
 * district outlines over them. The land and the outlines are the same on
 * every date, so a raster page paints them from one drawing per map and
 * view (cache.c). */
#include "draw/areas.h"
#include "draw/cache.h"
#include "draw/frame.h"
#include "draw/pen.h"
#include "draw/svg.h"
#include "map/map.h"

#include <cairo.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
static void
feature_page_box(const tcmap__feature *f, const tcmap__frame *fr,
                 double box[4])
{
    box[0] = tcmap__fx(fr, f->bbox[0]);
    box[2] = tcmap__fx(fr, f->bbox[2]);
    box[1] = tcmap__fy(fr, f->bbox[3]);
    box[3] = tcmap__fy(fr, f->bbox[1]);
}

/* How a unit is painted on this date: fill, the holder's pattern, the
 * status's, and the presences' over them. */
typedef struct paint {
    uint32_t fill;
    tcmap__pattern pattern;
    uint32_t pattern_color;
    tcmap__pattern status_pattern;
    uint32_t status_color;
    tcmap__pattern over_pattern[TCMAP__OVERLAYS];
    uint32_t over_color[TCMAP__OVERLAYS];
} paint;

static uint32_t
status_color(const tcmap_style *st, const tcmap__status_style *ss,
             const tcmap__event *e)
{
    if (ss->use_party2 && e->ev.party2[0]) {
        long k2 = tcmap__style_party_find(st, e->ev.party2);
        return k2 >= 0 ? st->parties[k2].fill : 0;
    }
    return ss->color;
}

static paint
unit_paint(const tcmap_snapshot *s, size_t i)
{
    const tcmap_style *st = s->map->style;
    const tcmap__feature *f = &s->map->geo->units.features[i];
    const tcmap__event *e = s->state[i];
    int context = !strcmp(f->kind, "context");
    paint p = {.fill = st->nodata,
               .pattern = TCMAP_PATTERN_HATCH,
               .pattern_color = tcmap__mix(st->nodata, 0x000000, 0.25)};
    if (!e && context) {
        /* A neighbouring district the table says nothing about is only
         * land: hatching it "no data" would draw the eye away from the
         * areas the map is about. */
        p.fill = st->land;
        p.pattern = TCMAP_PATTERN_NONE;
    } else if (e) {
        long k = tcmap__style_party_find(st, e->ev.party);
        const tcmap__party *party = &st->parties[k];
        p.fill = party->fill;
        p.pattern = party->pattern;
        p.pattern_color = party->pattern_color;
        const tcmap__status_style *ss =
            e->ev.status[0] ? tcmap__style_status_find(st, e->ev.status)
                            : NULL;
        if (ss) {
            p.status_pattern = ss->pattern;
            p.status_color = status_color(st, ss, e);
        }
    }
    for (size_t k = 0; k < TCMAP__OVERLAYS; k++) {
        const tcmap__event *o = s->over[i * TCMAP__OVERLAYS + k];
        const tcmap__status_style *ss =
            o ? tcmap__style_status_find(st, o->ev.status) : NULL;
        if (ss) {
            p.over_pattern[k] = ss->pattern;
            p.over_color[k] = status_color(st, ss, o);
        }
    }
    /* Context areas are drawn faded toward the land colour: they orient the
     * reader without competing with the areas the map is about. */
    if (context && e) {
        p.fill = tcmap__mix(p.fill, st->land, st->context_fade);
        p.pattern_color =
            tcmap__mix(p.pattern_color, st->land, st->context_fade);
        p.status_color =
            tcmap__mix(p.status_color, st->land, st->context_fade);
        for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
            p.over_color[k] =
                tcmap__mix(p.over_color[k], st->land, st->context_fade);
    }
    return p;
}

static int
paint_equal(const paint *a, const paint *b)
{
    if (a->fill != b->fill || a->pattern != b->pattern ||
        a->status_pattern != b->status_pattern)
        return 0;
    if (a->pattern && a->pattern_color != b->pattern_color)
        return 0;
    if (a->status_pattern && a->status_color != b->status_color)
        return 0;
    for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
        if (a->over_pattern[k] != b->over_pattern[k] ||
            (a->over_pattern[k] && a->over_color[k] != b->over_color[k]))
            return 0;
    return 1;
}

/* An SVG path's classes for unit i's look: "party-P" (or "nodata"),
 * "status-S" and "context", which a designer can select with; with an
 * id when `id` is not NULL. */
static void
tag_unit(tcmap__pen *pen, const tcmap_snapshot *s, size_t i, const char *id)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap__feature *u = &geo->units.features[i];
    const tcmap__event *e = s->state[i];
    GString *cls = g_string_new(id ? "area" : "look");
    if (e)
        g_string_append_printf(cls, " party-%s", e->ev.party);
    else
        g_string_append(cls, " nodata");
    if (e && e->ev.status[0])
        g_string_append_printf(cls, " status-%s", e->ev.status);
    for (size_t k = 0; k < TCMAP__OVERLAYS; k++) {
        const tcmap__event *o = s->over[i * TCMAP__OVERLAYS + k];
        if (o)
            g_string_append_printf(cls, " status-%s", o->ev.status);
    }
    if (!strcmp(u->kind, "context"))
        g_string_append(cls, " context");
    tcmap__svg_tag(pen->svg, id, cls->str);
    g_string_free(cls, TRUE);
}

/* The SVG's hidden layer "Areas by id": each area's outline as its own
 * path, id "area-ID", filled as its first piece is and classed by its
 * holder. The visible fills stay one path per look (no seams between
 * cells); a designer who wants to restyle one area shows this layer. */
void
tcmap__draw_area_ids(tcmap__pen *pen, const tcmap_snapshot *s,
                     const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    if (!pen->svg)
        return;
    tcmap__svg_layer_begin_hidden(pen->svg, "area-ids", "Areas by id");
    for (size_t a = 0; a < geo->areas.n; a++) {
        const tcmap__feature *f = &geo->areas.features[a];
        if (!tcmap__bbox_visible(f, fr))
            continue;
        size_t first = 0;
        int found = 0;
        for (size_t u = 0; u < geo->units.n && !found; u++)
            if (geo->units.features[u].area == a)
                first = u, found = 1;
        if (!found)
            continue;
        paint p = unit_paint(s, first);
        cairo_new_path(pen->cr);
        tcmap__feature_path(pen->cr, geo, f, fr, 1);
        char *id = g_strdup_printf("area-%s", f->id);
        tag_unit(pen, s, first, id);
        g_free(id);
        tcmap__pen_fill(pen, p.fill, 1, 0);
    }
    tcmap__svg_layer_end(pen->svg);
}

/* Paints every unit, one fill per look: neighbouring units in the same
 * state become one path, so the cells of a settlement-level table show
 * no seams and no mosaic, and a pattern runs across them unbroken. */
static void
draw_units(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    cairo_t *cr = pen->cr;
    size_t n = geo->units.n;
    paint *ps = malloc((n ? n : 1) * sizeof *ps);
    unsigned char *todo = calloc(n ? n : 1, 1);
    if (!ps || !todo) {
        free(ps);
        free(todo);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if ((todo[i] = (unsigned char)tcmap__bbox_visible(
                 &geo->units.features[i], fr)))
            ps[i] = unit_paint(s, i);
    for (size_t i = 0; i < n; i++) {
        if (!todo[i])
            continue;
        double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
        cairo_new_path(cr);
        for (size_t j = i; j < n; j++) {
            if (!todo[j] || !paint_equal(&ps[i], &ps[j]))
                continue;
            todo[j] = 0;
            const tcmap__feature *f = &geo->units.features[j];
            tcmap__feature_path(cr, geo, f, fr, 1);
            double b[4];
            feature_page_box(f, fr, b);
            box[0] = fmin(box[0], b[0]), box[1] = fmin(box[1], b[1]);
            box[2] = fmax(box[2], b[2]), box[3] = fmax(box[3], b[3]);
        }
        if (pen->svg)
            tag_unit(pen, s, i, NULL);
        const paint *p = &ps[i];
        int patterned = p->pattern || p->status_pattern;
        for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
            patterned |= p->over_pattern[k] != TCMAP_PATTERN_NONE;
        tcmap__pen_fill(pen, p->fill, 1, patterned);
        if (patterned) {
            tcmap__pen_clip_begin(pen);
            tcmap__draw_pattern(pen, p->pattern, p->pattern_color, box, fr->u);
            tcmap__draw_pattern(pen, p->status_pattern, p->status_color, box,
                                fr->u);
            for (size_t k = 0; k < TCMAP__OVERLAYS; k++)
                tcmap__draw_pattern(pen, p->over_pattern[k], p->over_color[k],
                                    box, fr->u);
            tcmap__pen_clip_end(pen);
        }
        cairo_new_path(cr);
    }
    free(ps);
    free(todo);
}

typedef void (*constant_layer)(tcmap__pen *pen, const tcmap_snapshot *s,
                               const tcmap__frame *fr);

typedef struct layer_job {
    constant_layer paint;
    const tcmap_snapshot *s;
    const tcmap__frame *fr;
} layer_job;

static void
layer_on(cairo_t *cr, const void *user)
{
    const layer_job *j = user;
    tcmap__pen p = {.cr = cr};
    j->paint(&p, j->s, j->fr);
}

/* Paints a layer that is the same on every date of the map from the
 * render cache, or draws it directly where a raster cannot stand in (SVG,
 * PDF, a caller's transform) or could not be made. Its pixels depend,
 * besides the map, on the panel and the view: the key, after the layer's
 * name. */
static void
constant(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
         const char *name, constant_layer paint)
{
    int painted = 0;
    if (!pen->svg) {
        const double view[] = {fr->x,  fr->y,  fr->w,    fr->h,
                               fr->u,  fr->x0, fr->y1,   fr->scale};
        GByteArray *key = g_byte_array_new();
        tcmap__cache_key_text(key, name);
        tcmap__cache_key_doubles(key, view, G_N_ELEMENTS(view));
        layer_job j = {paint, s, fr};
        tcmap__cache_box b = {fr->x, fr->y, fr->w, fr->h, 0, 1};
        /* A raster that could not be made is drawn directly, to the same
         * pixels: the page does not fail for want of a cache. */
        if (tcmap__cache_paint(pen->cr, s->map, key, &b, layer_on, &j,
                               &painted, NULL) != TCMAP_OK)
            painted = 0;
        g_byte_array_unref(key);
    }
    if (!painted)
        paint(pen, s, fr);
}

/* One per district, so the line a district was split on is no border. */
static void
paint_outlines(tcmap__pen *pen, const tcmap_snapshot *s,
               const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    cairo_t *cr = pen->cr;
    cairo_new_path(cr);
    for (size_t i = 0; i < geo->districts.n; i++) {
        const tcmap__feature *f = &geo->districts.features[i];
        if (tcmap__bbox_visible(f, fr))
            tcmap__feature_path(cr, geo, f, fr, 1);
    }
    tcmap__pen_stroke(pen, s->map->style->area_outline, 0.8 * fr->u, NULL, 0,
                      0);
}

void
tcmap__draw_areas(tcmap__pen *pen, const tcmap_snapshot *s,
                  const tcmap__frame *fr)
{
    draw_units(pen, s, fr);
    /* Outlines after all fills, so a neighbour's fill never covers them. */
    constant(pen, s, fr, "outlines", paint_outlines);
}

static void
paint_land(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    cairo_new_path(pen->cr);
    for (size_t i = 0; i < geo->land.n; i++)
        if (tcmap__bbox_visible(&geo->land.features[i], fr))
            tcmap__feature_path(pen->cr, geo, &geo->land.features[i], fr, 1);
    tcmap__pen_fill(pen, st->land, 1, 1);
    tcmap__pen_stroke(pen, st->land_outline, 0.8 * fr->u, NULL, 0, 0);
}

void
tcmap__draw_land(tcmap__pen *pen, const tcmap_snapshot *s,
                 const tcmap__frame *fr)
{
    constant(pen, s, fr, "land", paint_land);
}
