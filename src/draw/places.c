/* places.c - towns, settlements and labels on the map body (places.h):
 * markers in the holder's colour, then every text of the map body --
 * names and the annotations' callouts and labels -- placed greedily by
 * priority where it fits, clear of the furniture and of each other. */
#include "draw/places.h"
#include "core/error.h"
#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/labelset.h"
#include "draw/notespots.h"
#include "draw/pen.h"
#include "draw/svg.h"
#include "draw/townnames.h"
#include "draw/cache.h"
#include "load/annotations.h"
#include "map/label.h"
#include "map/map.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- towns and labels ---- */



static int
label_cmp(const void *a, const void *b)
{
    const label *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static double
town_radius(const tcmap__feature *t, double u)
{
    return (t->rank <= 1 ? 5.5 : t->rank == 2 ? 4.0 : 3.0) * u;
}

/* Whether town i is drawn, and where. */
static int
town_point(const tcmap_snapshot *s, size_t i, const tcmap__frame *fr,
           double *px, double *py)
{
    const tcmap_style *st = s->map->style;
    const tcmap__feature *t = &s->map->geo->towns.features[i];
    if (st->town_max_rank > 0 && t->rank > st->town_max_rank)
        return 0;
    *px = tcmap__fx(fr, t->anchor[0]);
    *py = tcmap__fy(fr, t->anchor[1]);
    double m = 6 * fr->u;
    return *px > fr->x + m && *px < fr->x + fr->w - m && *py > fr->y + m &&
           *py < fr->y + fr->h - m;
}

/* A settlement's dot, in layout units. */
static const double SETTLEMENT_DOT = 3.2;

/* Whether settlement i is drawn, and where: inside the panel. */
static int
settlement_point(const tcmap_snapshot *s, size_t i, const tcmap__frame *fr,
                 double *px, double *py)
{
    const double *m = &s->map->geo->settlement_mark[2 * i];
    *px = tcmap__fx(fr, m[0]);
    *py = tcmap__fy(fr, m[1]);
    return *px >= fr->x && *px <= fr->x + fr->w && *py >= fr->y &&
           *py <= fr->y + fr->h;
}

/* Whether settlement i is a town drawn on this map (ground.c tells which
 * town a settlement is): the town's marker and name then stand for it; a
 * dot and a second name beside them would show one place twice. */
static int
is_drawn_town(const tcmap_snapshot *s, const tcmap__frame *fr, size_t i)
{
    long k = s->map->geo->settlement_town[i];
    double tx, ty;
    return k >= 0 && town_point(s, (size_t)k, fr, &tx, &ty);
}

/* The detailed map of a war: a small dot per settlement in its holder's
 * colour, darker than the fill around it so it reads on its own ground. */
void
tcmap__draw_settlements(tcmap__pen *pen, const tcmap_snapshot *s,
                 const tcmap__frame *fr)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    if (!st->settlement_dots)
        return;
    cairo_t *cr = pen->cr;
    double rad = SETTLEMENT_DOT * fr->u;
    for (size_t i = 0; i < geo->settlements.n; i++) {
        double px, py;
        if (!settlement_point(s, i, fr, &px, &py) || is_drawn_town(s, fr, i))
            continue;
        const tcmap_event *e = tcmap_snapshot_settlement_event(s, i);
        long k = e ? tcmap__style_party_find(st, e->party) : -1;
        uint32_t fill = k >= 0 ? st->parties[k].fill : st->nodata;
        cairo_new_path(cr);
        cairo_arc(cr, px, py, rad, 0, 2 * M_PI);
        tcmap__pen_fill(pen, tcmap__mix(fill, 0x000000, 0.35), 1, 1);
        tcmap__pen_stroke(pen, st->paper, 0.9 * fr->u, NULL, 0, 0);
    }
}


static int
town_hidden(const labels *ls, size_t i);

void
tcmap__draw_towns(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
           const labels *ls)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    cairo_t *cr = pen->cr;
    for (size_t i = 0; i < geo->towns.n; i++) {
        const tcmap__feature *t = &geo->towns.features[i];
        double px, py;
        if (!town_point(s, i, fr, &px, &py) || town_hidden(ls, i))
            continue;
        /* The marker's fill is the colour of whoever holds the area the
         * town lies in, so a town's fate reads even where labels crowd. */
        uint32_t fill = st->paper;
        long a = geo->town_unit[i];
        if (st->town_holder && a >= 0 && s->state[a]) {
            long k = tcmap__style_party_find(st, s->state[a]->ev.party);
            if (k >= 0)
                fill = st->parties[k].fill;
        }
        double rad = town_radius(t, fr->u);
        cairo_new_path(cr);
        cairo_arc(cr, px, py, rad, 0, 2 * M_PI);
        if (pen->svg) {
            char *id = g_strdup_printf("town-%s", t->id);
            const tcmap__event *e = a >= 0 ? s->state[a] : NULL;
            char *cls = e ? g_strdup_printf("town party-%s", e->ev.party)
                          : g_strdup("town");
            tcmap__svg_tag(pen->svg, id, cls);
            g_free(id);
            g_free(cls);
        }
        tcmap__pen_fill(pen, fill, 1, 1);
        tcmap__pen_stroke(pen, st->town_color, 1.4 * fr->u, NULL, 0, 0);
        if (t->rank <= 1) { /* a capital: a dot inside the ring */
            cairo_arc(cr, px, py, rad * 0.38, 0, 2 * M_PI);
            tcmap__pen_fill(pen, st->town_color, 1, 0);
        }
    }
}

/* Non-zero when the box lies inside the current path (the district's
 * polygon, even-odd): its corners, edge midpoints and centre are all
 * inside (Cairo's own fill test). */
static int
box_inside_path(cairo_t *cr, tcmap__box b)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (!cairo_in_fill(cr, b.x0 + (b.x1 - b.x0) * i / 2.0,
                               b.y0 + (b.y1 - b.y0) * j / 2.0))
                return 0;
    return 1;
}

/* Non-zero when b, grown by `gap`, meets a marker or a town's or a
 * settlement's name: a district's name beside a town reads as the town's
 * second line (Lachin under Stepanakert), so it keeps a line's room off
 * them. */
static int
near_a_town(const tcmap__placer *pl, const label *v, tcmap__box b,
            double gap)
{
    tcmap__box g = {b.x0 - gap, b.y0 - gap, b.x1 + gap, b.y1 + gap};
    for (size_t i = 0; i < pl->n; i++) {
        long o = pl->owner[i];
        int town = o <= TCMAP__TAKEN_MARK ||
                   (o >= 0 && (v[o].kind == LABEL_TOWN ||
                               v[o].kind == LABEL_SETTLEMENT));
        if (town && tcmap__box_overlap(g, pl->boxes[i]))
            return 1;
    }
    return 0;
}

/* The part of the map the panel shows, in map units. */
static void
view_of(const tcmap__frame *fr, double view[4])
{
    view[0] = fr->x0, view[1] = fr->y1 - fr->h / fr->scale;
    view[2] = fr->x0 + fr->w / fr->scale, view[3] = fr->y1;
}

/* A district's name goes at the pole of its largest visible piece, at
 * full size on one line, else wrapped to the inscribed circle's width,
 * else smaller; at the pole or, failing that, around it inside the
 * circle. The whole box must lie inside the district, clear of other
 * labels and a line's room off the towns. */
static int
place_district(tcmap__placer *pl, const label *v, label *l, long owner,
               cairo_t *cr, const tcmap_map *map, const tcmap__frame *fr,
               const tcmap_style *st, double size)
{
    const tcmap_geodata *geo = map->geo;
    const tcmap__feature *f = &geo->districts.features[l->index];
    double view[4], pole[3];
    view_of(fr, view);
    tcmap__label_district_pole(map->label, l->index, view, pole);
    if (!(pole[2] > 0))
        return 0;
    double cx = tcmap__fx(fr, pole[0]), cy = tcmap__fy(fr, pole[1]);
    double r = pole[2] * fr->scale, diam = 2 * r;
    const char *text = pango_layout_get_text(l->layout);
    static const double around[][2] = {
        {0, 0},         {0, -0.4},     {0, 0.4},      {-0.4, 0},
        {0.4, 0},       {-0.3, -0.3},  {0.3, -0.3},   {-0.3, 0.3},
        {0.3, 0.3},     {0, -0.75},    {0, 0.75},     {-0.75, 0},
        {0.75, 0},      {-0.55, -0.55}, {0.55, -0.55}, {-0.55, 0.55},
        {0.55, 0.55}};
    int placed = 0;
    cairo_fill_rule_t old = cairo_get_fill_rule(cr);
    cairo_new_path(cr);
    tcmap__feature_path(cr, geo, f, fr, 1);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (int attempt = 0; attempt < 4 && !placed; attempt++) {
        double sz = attempt < 2 ? size : fmax(size * 0.82, fr->min_text);
        PangoLayout *lay = tcmap__text_layout(cr, st, text, sz, 0, 1);
        pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
        if (attempt % 2) {
            pango_layout_set_width(lay, (int)(fmax(diam * 1.3, 10 * sz) *
                                              PANGO_SCALE));
            pango_layout_set_wrap(lay, PANGO_WRAP_WORD);
        }
        double w, h;
        tcmap__text_size(lay, &w, &h);
        /* A wrapped layout is as wide as its wrap width; centre its ink. */
        PangoRectangle ink, logical;
        pango_layout_get_extents(lay, &ink, &logical);
        double lx = (double)logical.x / PANGO_SCALE;
        double lw = (double)logical.width / PANGO_SCALE;
        double gap = 1.0 * sz;
        for (size_t c = 0; c < G_N_ELEMENTS(around) && !placed; c++) {
            double x = cx + around[c][0] * r - lx - lw / 2;
            double y = cy + around[c][1] * r - h / 2;
            label probe = *l;
            probe.layout = lay;
            tcmap__box b = tcmap__label_box(&probe, x, y);
            b.x0 = x + lx - probe.halo / 2;
            b.x1 = x + lx + lw + probe.halo / 2;
            if (!tcmap__placer_fits(pl, b) || near_a_town(pl, v, b, gap) ||
                !box_inside_path(cr, b))
                continue;
            g_object_unref(l->layout);
            l->layout = g_object_ref(lay);
            l->x = x, l->y = y;
            l->box = b;
            placed = tcmap__placer_take_as(pl, b, owner);
        }
        g_object_unref(lay);
    }
    cairo_set_fill_rule(cr, old);
    cairo_new_path(cr);
    return placed;
}

/* ---- annotations' texts (their candidate spots: notespots.c) ---- */

static void labels_give_way(labels *ls, const tcmap_snapshot *s,
                            const tcmap__frame *fr, tcmap__box b);

/* An annotation's text is the desk's story: it is never dropped. It goes
 * at the best-scored candidate clear of every box (with a callout's
 * leader crossing no name); else where it pushes the least important names off
 * the map -- never furniture, a marker or another annotation; else, on a
 * panel too small for it, where it covers least. */
static int
place_note(labels *ls, const tcmap_snapshot *s, const tcmap__frame *fr,
           cairo_t *cr, label *l, long owner)
{
    const tcmap_style *st = s->map->style;
    tcmap__placer *pl = &ls->pl;
    double u = fr->u;
    PangoLayout *lay[4] = {l->layout, NULL, NULL, NULL};
    double size = tcmap__tsize(fr, st->annot_text_size);
    if (l->kind == LABEL_CALLOUT) {
        const char *text = pango_layout_get_text(l->layout);
        const double wrap[3] = {0.45, 0.2, 0.7};
        for (int v = 0; v < 3; v++) {
            lay[v + 1] = tcmap__text_layout(cr, st, text, size, 1, 0);
            pango_layout_set_width(lay[v + 1],
                                   (int)(fr->w * wrap[v] * PANGO_SCALE));
            pango_layout_set_wrap(lay[v + 1], PANGO_WRAP_WORD);
        }
    }
    tcmap__spot sp[256];
    size_t n = tcmap__note_spots(l, lay, fr, size, sp, G_N_ELEMENTS(sp));
    long pick = -1, give = -1, least = -1;
    double best = 0, cover = 0;
    for (size_t k = 0; k < n; k++) {
        if (!tcmap__note_inside(pl, sp[k].box))
            continue;
        if (tcmap__placer_fits(pl, sp[k].box) &&
            !tcmap__leader_crosses(pl, l, sp[k].box)) {
            if (pick < 0 || sp[k].score < sp[pick].score)
                pick = (long)k;
            continue;
        }
        double cost = tcmap__note_eviction_cost(pl, ls->v, sp[k].box);
        if (cost >= 0 && (give < 0 || cost < best ||
                          (cost == best && sp[k].score < sp[give].score)))
            give = (long)k, best = cost;
        double c = tcmap__note_covered(pl, sp[k].box);
        if (least < 0 || c < cover)
            least = (long)k, cover = c;
    }
    if (pick < 0 && give >= 0) {
        pick = give;
        labels_give_way(ls, s, fr, sp[pick].box);
    }
    if (pick < 0)
        pick = least;
    int ok = 1;
    if (pick >= 0) {
        if (sp[pick].layout != l->layout) {
            g_object_unref(l->layout);
            l->layout = g_object_ref(sp[pick].layout);
        }
        l->x = sp[pick].x, l->y = sp[pick].y, l->box = sp[pick].box;
    } else {
        /* No candidate (a point off the panel): beside it, as before. */
        double w, h;
        tcmap__text_size(l->layout, &w, &h);
        l->x = l->px + 40 * u, l->y = l->py - h / 2;
        l->box = tcmap__label_box(l, l->x, l->y);
    }
    ok = tcmap__placer_take_as(pl, l->box, owner);
    if (l->kind == LABEL_CALLOUT)
        tcmap__take_leader(pl, l, 0.5 * tcmap__callout_dot(fr, size) + u);
    for (int v = 1; v < 4; v++)
        if (lay[v])
            g_object_unref(lay[v]);
    return ok;
}

static int
town_hidden(const labels *ls, size_t i)
{
    return ls->town_hidden && ls->town_hidden[i];
}

void
tcmap__labels_free(labels *ls)
{
    for (size_t i = 0; i < ls->n; i++)
        if (ls->v[i].layout)
            g_object_unref(ls->v[i].layout);
    free(ls->v);
    free(ls->town_hidden);
    for (size_t i = 0; ls->notes && i < ls->n_notes; i++)
        if (ls->notes[i].layout)
            g_object_unref(ls->notes[i].layout);
    free(ls->notes);
    tcmap__placer_free(&ls->pl);
}

/* Town labels, each marker's box taken first so no name covers it. */
static void
collect_towns(const tcmap_snapshot *s, const tcmap__frame *fr, cairo_t *cr,
              const char *names, tcmap__placer *pl, labels *out,
              char **town_text)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    double u = fr->u;
    for (size_t i = 0; i < geo->towns.n; i++) {
        const tcmap__feature *t = &geo->towns.features[i];
        double px, py;
        if (!town_point(s, i, fr, &px, &py))
            continue;
        double r = town_radius(t, u) + u;
        tcmap__placer_take_as(pl, (tcmap__box){px - r, py - r, px + r, py + r},
                              TCMAP__TAKEN_TOWN(i));
        town_text[i] = tcmap__label_text(s->map->label, geo, st, 1, i, names);
        label *l = &out->v[out->n++];
        double size =
            tcmap__tsize(fr, t->rank <= 1 ? 17 : t->rank == 2 ? 14 : 12.5);
        l->layout = tcmap__text_layout(cr, st, town_text[i], size,
                                       t->rank <= 1, 0);
        l->priority = t->rank <= 1 ? 0 : t->rank == 2 ? 2 : 4;
        l->order = i;
        l->index = i;
        l->color = st->text;
        /* Wide enough to clear a hatching's stripes or a dot grid from
         * around the letters (print's Askeran and Fuzuli were hard to
         * read with 3.6): a halo is what keeps a label readable on
         * patterned ground, in every style. */
        l->halo = 5.0 * fr->ts;
        l->halo_color = st->halo;
    }
}

/* One name per district in view, never a piece's: the 1994 line's cuts
 * are geometry, not places. */
static void
collect_districts(const tcmap_snapshot *s, const tcmap__frame *fr,
                  cairo_t *cr, const char *names, labels *out,
                  char *const *town_text)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    double view[4];
    view_of(fr, view);
    for (size_t d = 0; st->label_areas && d < geo->districts.n; d++) {
        const tcmap__feature *f = &geo->districts.features[d];
        int context = !strcmp(f->kind, "context");
        if ((context && !st->label_context) || !tcmap__bbox_visible(f, fr))
            continue;
        double pole[3];
        tcmap__label_district_pole(s->map->label, d, view, pole);
        if (!(pole[2] > 0))
            continue;
        char *text =
            tcmap__label_district_text(s->map->label, geo, st, d, names);
        /* A town of the same name in it already says it (Stepanakert,
         * Lachin, the district centres). */
        int dup = 0;
        for (size_t k = 0; k < geo->towns.n && !dup; k++) {
            long a = s->map->label->town_area[k];
            dup = town_text[k] && a >= 0 &&
                  geo->area_district[a] == (long)d &&
                  !strcmp(town_text[k], text);
        }
        if (dup || !*text) {
            g_free(text);
            continue;
        }
        label *l = &out->v[out->n++];
        l->layout = tcmap__text_layout(cr, st, text, tcmap__tsize(fr, 12.5),
                                       0, 1);
        g_free(text);
        l->kind = LABEL_AREA;
        l->priority = context ? 5 : 3;
        /* Bigger districts first: they have the most room to give way
         * in. */
        l->order = (size_t)(1e9 / (1 + pole[2]));
        l->index = d;
        l->color = context ? tcmap__mix(st->area_label, st->land, 0.35)
                           : st->area_label;
        l->halo = 3.6 * fr->ts;
        l->halo_color = st->halo;
    }
}

/* The annotations' callouts and labels, as texts to place with the
 * names; a callout's point is a marker no name covers. A point that
 * cannot be projected is left to the drawing, which reports it. */
static void
collect_notes(const tcmap_snapshot *s, const tcmap__frame *fr, cairo_t *cr,
              const tcmap_annotations *as, tcmap__placer *pl, labels *out)
{
    const tcmap_style *st = s->map->style;
    double u = fr->u;
    tcmap__gdal_capture cap;
    /* A map without annotations makes no GDAL call at all. */
    if (!as || !as->n)
        return;
    tcmap__gdal_push(&cap);
    for (size_t i = 0; i < as->n; i++) {
        const tcmap__annotation *a = &as->v[i];
        if ((a->kind != TCMAP_ANNOTATION_CALLOUT &&
             a->kind != TCMAP_ANNOTATION_LABEL) ||
            !a->n_points)
            continue;
        double x = a->lonlat[0], y = a->lonlat[1];
        if (tcmap__map_from_lonlat(s->map, 1, &x, &y, NULL) != TCMAP_OK)
            continue;
        double px = tcmap__fx(fr, x), py = tcmap__fy(fr, y);
        int callout = a->kind == TCMAP_ANNOTATION_CALLOUT;
        if (callout) {
            double r = tcmap__callout_dot(
                           fr, tcmap__tsize(fr, st->annot_text_size)) +
                       u;
            tcmap__placer_take_as(pl,
                                  (tcmap__box){px - r, py - r, px + r, py + r},
                                  TCMAP__TAKEN_MARK);
        }
        if (!a->text[0])
            continue;
        label *l = &out->v[out->n++];
        l->layout = tcmap__text_layout(
            cr, st, a->text, tcmap__tsize(fr, st->annot_text_size), callout,
            0);
        if (callout) {
            pango_layout_set_width(l->layout,
                                   (int)(fr->w * 0.3 * PANGO_SCALE));
            pango_layout_set_wrap(l->layout, PANGO_WRAP_WORD);
        } else {
            pango_layout_set_alignment(l->layout, PANGO_ALIGN_CENTER);
        }
        l->kind = callout ? LABEL_CALLOUT : LABEL_NOTE;
        l->priority = 1;
        l->order = i;
        l->index = i;
        l->px = px, l->py = py;
        l->color = callout || !a->has_color ? st->annot_text : a->color;
        l->halo = 3.6 * fr->ts;
        l->halo_color = st->halo;
    }
    tcmap__gdal_pop();
}

/* Names beside the settlement dots, up to the style's rank, after every
 * other label: they fill the room the others leave. A settlement at a
 * drawn town's marker is that town, which is named already. */
static void
collect_settlements(const tcmap_snapshot *s, const tcmap__frame *fr,
                    cairo_t *cr, const char *names, tcmap__placer *pl,
                    labels *out)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    if (!st->settlement_dots || !st->settlement_labels)
        return;
    /* A dot is small: one line of the name, never the stacked local forms. */
    const char *set = strcmp(names, "en+local") ? names : "en";
    double u = fr->u, rad = SETTLEMENT_DOT * u;
    for (size_t i = 0; i < geo->settlements.n; i++) {
        const tcmap__feature *f = &geo->settlements.features[i];
        double px, py, tx, ty;
        if ((st->settlement_label_max_rank > 0 &&
             f->rank > st->settlement_label_max_rank) ||
            !settlement_point(s, i, fr, &px, &py))
            continue;
        int town = 0;
        for (size_t k = 0; k < geo->towns.n && !town; k++)
            town = town_point(s, k, fr, &tx, &ty) &&
                   hypot(tx - px, ty - py) <
                       town_radius(&geo->towns.features[k], u) + 4 * u;
        const char *name = tcmap__feature_name(&geo->settlements, f, set);
        if (town || is_drawn_town(s, fr, i) || !name || !*name)
            continue;
        tcmap__placer_take_as(pl,
                              (tcmap__box){px - rad - u, py - rad - u,
                                           px + rad + u, py + rad + u},
                              TCMAP__TAKEN_MARK);
        label *l = &out->v[out->n++];
        l->layout = tcmap__text_layout(cr, st, name, tcmap__tsize(fr, 10.5),
                                       0, 0);
        l->kind = LABEL_SETTLEMENT;
        l->priority = 6;
        l->order = i;
        l->index = i;
        l->color = st->text;
        l->halo = 3.6 * fr->ts;
        l->halo_color = st->halo;
    }
}

static const char *
kind_name(const label *l)
{
    static const char *const names[] = {"town", "district", "settlement",
                                        "callout", "label"};
    return names[l->kind];
}

static char *
label_id(const tcmap_geodata *geo, const label *l)
{
    if (l->kind == LABEL_CALLOUT || l->kind == LABEL_NOTE)
        return g_strdup_printf("%zu", l->index + 1);
    const tcmap__layer *layer = l->kind == LABEL_AREA ? &geo->districts
                                : l->kind == LABEL_SETTLEMENT
                                    ? &geo->settlements
                                    : &geo->towns;
    return g_strdup(layer->features[l->index].id);
}

/* A town whose name finds no room is hidden with its marker when the
 * name could not fit inside the panel anywhere around it. */
static void
hide_unnamed_town(const tcmap_snapshot *s, const tcmap__frame *fr,
                  const tcmap__placer *pl, const label *l, labels *out)
{
    double px = 0, py = 0, w, h;
    town_point(s, l->index, fr, &px, &py);
    tcmap__text_size(l->layout, &w, &h);
    double reach = w + town_radius(&s->map->geo->towns.features[l->index],
                                   fr->u) +
                   l->halo + 3 * fr->u;
    out->town_hidden[l->index] |=
        px - reach < pl->bounds.x0 || px + reach > pl->bounds.x1 ||
        py - h < pl->bounds.y0 || py + h > pl->bounds.y1;
}

/* Drops every name whose box meets b, so that an annotation's text can
 * go there (eviction_cost said they may). */
static void
labels_give_way(labels *ls, const tcmap_snapshot *s, const tcmap__frame *fr,
                tcmap__box b)
{
    tcmap__placer *pl = &ls->pl;
    for (size_t i = 0; i < pl->n;) {
        long o = pl->owner[i];
        if (o < 0 || !tcmap__box_overlap(b, pl->boxes[i])) {
            i++;
            continue;
        }
        label *l = &ls->v[o];
        tcmap__placer_give_back(pl, o);
        if (l->kind == LABEL_TOWN)
            hide_unnamed_town(s, fr, pl, l, ls);
        g_object_unref(l->layout);
        l->layout = NULL;
        i = 0; /* the boxes moved */
    }
}

static int
place_one(const tcmap_snapshot *s, const tcmap__frame *fr, cairo_t *cr,
          labels *ls, label *l, long owner)
{
    const tcmap_style *st = s->map->style;
    tcmap__placer *pl = &ls->pl;
    double u = fr->u, px = 0, py = 0;
    if (l->kind == LABEL_CALLOUT || l->kind == LABEL_NOTE)
        return place_note(ls, s, fr, cr, l, owner);
    if (l->kind == LABEL_AREA)
        return place_district(pl, ls->v, l, owner, cr, s->map, fr, st,
                              tcmap__tsize(fr, 12.5));
    if (l->kind == LABEL_SETTLEMENT) {
        settlement_point(s, l->index, fr, &px, &py);
        return tcmap__place_beside(pl, ls->v, l, owner, px, py, SETTLEMENT_DOT * u,
                          u);
    }
    if (town_hidden(ls, l->index))
        return 0; /* its marker gave way to a capital's name */
    town_point(s, l->index, fr, &px, &py);
    const tcmap__feature *t = &s->map->geo->towns.features[l->index];
    double rad = town_radius(t, u);
    int ok = tcmap__place_beside(pl, ls->v, l, owner, px, py, rad, u);
    /* A capital whose name does not fit in bold among its neighbours'
     * markers is tried once more at a town's size: the map is poorer
     * without it than with it smaller. */
    if (!ok && t->rank <= 1) {
        char *text = g_strdup(pango_layout_get_text(l->layout));
        g_object_unref(l->layout);
        l->layout = tcmap__text_layout(cr, st, text, tcmap__tsize(fr, 12.5),
                                       1, 0);
        g_free(text);
        ok = tcmap__place_beside(pl, ls->v, l, owner, px, py, rad, u);
    }
    /* A dual name ("Stepanakert / Khankendi") is half as wide on two
     * lines: on a one-column map the capital's name was lost among its
     * neighbours' markers, and small maps lost a third of their towns
     * once both names were given. One line is tried first, since two
     * lines cover more of the neighbourhood (Shusha, Khojaly). */
    if (!ok)
        ok = tcmap__place_beside_broken(pl, ls->v, l, owner, px, py, rad, u);
    if (!ok && t->rank <= 1)
        ok = tcmap__place_capital_evicting(s->map->geo, ls, l, owner, px, py, rad,
                                    u, 1) ||
             tcmap__place_capital_evicting(s->map->geo, ls, l, owner, px, py, rad,
                                    u, 0);
    return ok;
}

/* Collects every text of the map body, checks its glyphs, and places
 * them in priority order: capitals, the annotations' texts, district
 * centres, control districts, other towns, context districts, settlements.
 * A name that finds no free spot is dropped, so the less important one
 * gives way and no text is ever drawn over another; an annotation's text
 * is never dropped and may push names aside. */
tcmap_status
tcmap__place_labels(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
             const char *names, const tcmap__furniture *fu,
             const tcmap_render_options *opt, labels *out, tcmap_error *err)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_annotations *as = opt ? opt->annotations : NULL;
    cairo_t *cr = pen->cr;
    double u = fr->u;
    tcmap__placer *pl = &out->pl;
    *pl = (tcmap__placer){.bounds = {fr->x + 3 * u, fr->y + 3 * u,
                                     fr->x + fr->w - 3 * u,
                                     fr->y + fr->h - 3 * u}};
    tcmap_status status = TCMAP_OK;
    size_t n_notes = as ? as->n : 0;
    size_t cap = geo->towns.n + geo->districts.n + geo->settlements.n +
                 n_notes;
    out->v = calloc(cap ? cap : 1, sizeof *out->v);
    out->town_hidden = calloc(geo->towns.n ? geo->towns.n : 1, 1);
    out->notes = calloc(n_notes ? n_notes : 1, sizeof *out->notes);
    out->n_notes = n_notes;
    out->n = 0;
    char **town_text = calloc(geo->towns.n ? geo->towns.n : 1,
                              sizeof *town_text);
    if (!out->v || !out->town_hidden || !out->notes || !town_text) {
        status = tcmap__error(err, TCMAP_ERR_NOMEM, "draw: out of memory");
        goto out;
    }
    const tcmap__box *furn[3] = {&fu->legend, &fu->inset, &fu->scale};
    for (int k = 0; k < 3; k++)
        if (furn[k]->x1 > furn[k]->x0)
            tcmap__placer_take(pl, *furn[k]);

    collect_towns(s, fr, cr, names, pl, out, town_text);
    collect_notes(s, fr, cr, as, pl, out);
    collect_districts(s, fr, cr, names, out, town_text);
    collect_settlements(s, fr, cr, names, pl, out);
    for (size_t i = 0; i < out->n; i++) {
        char what[160], *id = label_id(geo, &out->v[i]);
        snprintf(what, sizeof what, "%s '%s'", kind_name(&out->v[i]), id);
        g_free(id);
        tcmap__label_check_glyphs(out->v[i].layout, what,
                                  opt ? opt->report : NULL,
                                  opt ? opt->report_user : NULL);
    }
    qsort(out->v, out->n, sizeof *out->v, label_cmp);
    for (size_t i = 0; i < out->n; i++) {
        label *l = &out->v[i];
        if (place_one(s, fr, cr, out, l, (long)i))
            continue;
        if (l->kind == LABEL_TOWN)
            hide_unnamed_town(s, fr, pl, l, out);
        g_object_unref(l->layout);
        l->layout = NULL;
    }
    for (size_t i = 0; i < out->n; i++) {
        const label *l = &out->v[i];
        if ((l->kind == LABEL_CALLOUT || l->kind == LABEL_NOTE) &&
            l->layout && l->index < n_notes)
            out->notes[l->index] = (tcmap__placed_text){
                g_object_ref(l->layout), l->x, l->y, l->box};
    }
out:
    for (size_t i = 0; town_text && i < geo->towns.n; i++)
        g_free(town_text[i]);
    free(town_text);
    return status;
}

/* An annotation's text, which annotate.c draws in its own layer. */
static int
is_note(const label *l)
{
    return l->kind == LABEL_CALLOUT || l->kind == LABEL_NOTE;
}

static void
paint_labels(cairo_t *cr, const void *user)
{
    const labels *ls = user;
    tcmap__pen p = {.cr = cr};
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (l->layout && !is_note(l))
            tcmap__pen_text(&p, l->layout, l->x, l->y, l->color, l->halo,
                            l->halo_color);
    }
}

/* What the labels' pixels depend on, whole: text, font, width, place and
 * colours of each, after the panel. Two drawings with the same key draw
 * the same pixels; a digest of it would only say they probably do. */
static GByteArray *
labels_key(const labels *ls, const tcmap__frame *fr)
{
    GByteArray *k = g_byte_array_new();
    tcmap__cache_key_text(k, "labels");
    const double panel[] = {fr->x, fr->y, fr->w, fr->h, fr->u};
    tcmap__cache_key_doubles(k, panel, G_N_ELEMENTS(panel));
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (!l->layout || is_note(l))
            continue;
        tcmap__cache_key_text(k, pango_layout_get_text(l->layout));
        const PangoFontDescription *fd =
            pango_layout_get_font_description(l->layout);
        char *font = fd ? pango_font_description_to_string(fd) : NULL;
        tcmap__cache_key_text(k, font);
        g_free(font);
        const double v[] = {pango_layout_get_width(l->layout), l->x, l->y,
                            l->color, l->halo, l->halo_color};
        tcmap__cache_key_doubles(k, v, G_N_ELEMENTS(v));
    }
    return k;
}

void
tcmap__draw_labels(tcmap__pen *pen, const labels *ls, const tcmap__frame *fr,
                   const tcmap_map *cache)
{
    int painted = 0;
    if (cache && !pen->svg) {
        GByteArray *key = labels_key(ls, fr);
        tcmap__cache_box b = {fr->x, fr->y, fr->w, fr->h, 0, 1};
        if (tcmap__cache_paint(pen->cr, cache, key, &b, paint_labels, ls,
                               &painted, NULL) != TCMAP_OK)
            painted = 0; /* no raster: drawn directly */
        g_byte_array_unref(key);
    }
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (!l->layout || is_note(l))
            continue;
        if (!painted)
            tcmap__pen_text(pen, l->layout, l->x, l->y, l->color, l->halo,
                            l->halo_color);
    }
}

