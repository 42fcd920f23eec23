/* places.c - towns, settlements and labels on the map body (places.h):
 * markers in the holder's colour, then names placed greedily by priority
 * where they fit, inside their area and clear of the furniture. */
#include "places.h"
#include "error.h"
#include "label.h"

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

/* Non-zero when the box lies inside the area's polygon: its corners, edge
 * midpoints and centre are all inside (Cairo's own fill test). */
static int
box_inside_area(cairo_t *cr, const tcmap_geodata *geo, const tcmap__feature *f,
                const tcmap__frame *fr, tcmap__box b)
{
    cairo_new_path(cr);
    tcmap__feature_path(cr, geo, f, fr, 1);
    cairo_fill_rule_t old = cairo_get_fill_rule(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    int inside = 1;
    for (int i = 0; i < 3 && inside; i++)
        for (int j = 0; j < 3 && inside; j++) {
            double x = b.x0 + (b.x1 - b.x0) * i / 2.0;
            double y = b.y0 + (b.y1 - b.y0) * j / 2.0;
            inside = cairo_in_fill(cr, x, y);
        }
    cairo_set_fill_rule(cr, old);
    cairo_new_path(cr);
    return inside;
}

static tcmap__box
label_box(const label *l, double x, double y)
{
    double w, h, pad = l->halo / 2;
    tcmap__text_size(l->layout, &w, &h);
    return (tcmap__box){x - pad, y - pad, x + w + pad, y + h + pad};
}

/* Tries the positions around a town's marker that cartographers prefer:
 * right, above-right, below-right, left, above-left, below-left, above,
 * below. */
static int
place_town(tcmap__placer *pl, label *l, double px, double py, double rad,
           double u)
{
    double w, h;
    tcmap__text_size(l->layout, &w, &h);
    /* Clear of the marker's own box (rad + u) by the halo and a gap. */
    double d = rad + u + l->halo / 2 + 1.5 * u, e = d * 0.75;
    const double pos[8][2] = {
        {px + d, py - h / 2},     {px + e, py - e - h}, {px + e, py + e},
        {px - d - w, py - h / 2}, {px - e - w, py - e - h},
        {px - e - w, py + e},     {px - w / 2, py - d - h},
        {px - w / 2, py + d}};
    for (int k = 0; k < 8; k++) {
        tcmap__box b = label_box(l, pos[k][0], pos[k][1]);
        if (tcmap__placer_fits(pl, b)) {
            l->x = pos[k][0], l->y = pos[k][1];
            l->box = b;
            return tcmap__placer_take(pl, b);
        }
    }
    return 0;
}

/* An area's name goes at its pole of inaccessibility, at full size on one
 * line, else wrapped to the inscribed circle's width, else smaller; the
 * whole box must lie inside the polygon and clear of other labels. */
static int
place_area(tcmap__placer *pl, label *l, cairo_t *cr, const tcmap_map *map,
           const tcmap__frame *fr, const tcmap_style *st, double size)
{
    const tcmap_geodata *geo = map->geo;
    const tcmap__feature *f = &geo->areas.features[l->index];
    const double *pole = tcmap__label_pole(map->label, geo, l->index);
    double cx = tcmap__fx(fr, pole[0]), cy = tcmap__fy(fr, pole[1]);
    double diam = 2 * pole[2] * fr->scale;
    const char *text = pango_layout_get_text(l->layout);
    for (int attempt = 0; attempt < 4; attempt++) {
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
        double x = cx - lx - lw / 2, y = cy - h / 2;
        label probe = *l;
        probe.layout = lay;
        tcmap__box b = label_box(&probe, x, y);
        b.x0 = x + lx - probe.halo / 2;
        b.x1 = x + lx + lw + probe.halo / 2;
        if (tcmap__placer_fits(pl, b) &&
            box_inside_area(cr, geo, f, fr, b)) {
            g_object_unref(l->layout);
            l->layout = lay;
            l->x = x, l->y = y;
            l->box = b;
            return tcmap__placer_take(pl, b);
        }
        g_object_unref(lay);
    }
    return 0;
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
        tcmap__placer_take(pl, (tcmap__box){px - r, py - r, px + r, py + r});
        town_text[i] = tcmap__label_text(s->map->label, geo, st, 1, i, names);
        label *l = &out->v[out->n++];
        double size =
            tcmap__tsize(fr, t->rank <= 1 ? 17 : t->rank == 2 ? 14 : 12.5);
        l->layout = tcmap__text_layout(cr, st, town_text[i], size,
                                       t->rank <= 1, 0);
        l->priority = t->rank <= 1 ? 0 : t->rank == 2 ? 1 : 3;
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

static void
collect_areas(const tcmap_snapshot *s, const tcmap__frame *fr, cairo_t *cr,
              const char *names, labels *out, char *const *town_text)
{
    const tcmap_geodata *geo = s->map->geo;
    const tcmap_style *st = s->map->style;
    for (size_t i = 0; st->label_areas && i < geo->areas.n; i++) {
        const tcmap__feature *f = &geo->areas.features[i];
        int context = !strcmp(f->kind, "context");
        if ((context && !st->label_context) || !tcmap__bbox_visible(f, fr))
            continue;
        char *text = tcmap__label_text(s->map->label, geo, st, 0, i, names);
        /* A town of the same name already says it (Stepanakert). */
        int dup = 0;
        for (size_t k = 0; k < geo->towns.n && !dup; k++)
            dup = town_text[k] && s->map->label->town_area[k] == (long)i &&
                  !strcmp(town_text[k], text);
        if (dup) {
            g_free(text);
            continue;
        }
        label *l = &out->v[out->n++];
        l->layout = tcmap__text_layout(cr, st, text, tcmap__tsize(fr, 12.5),
                                       0, 1);
        g_free(text);
        l->kind = LABEL_AREA;
        l->priority = context ? 4 : 2;
        /* Bigger areas first: they have the most room to give way in. */
        l->order = (size_t)(1e9 / (1 + tcmap__label_pole(s->map->label, geo,
                                                         i)[2]));
        l->index = i;
        l->color = context ? tcmap__mix(st->area_label, st->land, 0.35)
                           : st->area_label;
        l->halo = 3.6 * fr->ts;
        l->halo_color = st->halo;
    }
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
        tcmap__placer_take(pl, (tcmap__box){px - rad - u, py - rad - u,
                                            px + rad + u, py + rad + u});
        label *l = &out->v[out->n++];
        l->layout = tcmap__text_layout(cr, st, name, tcmap__tsize(fr, 10.5),
                                       0, 0);
        l->kind = LABEL_SETTLEMENT;
        l->priority = 5;
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
    static const char *const names[] = {"town", "area", "settlement"};
    return names[l->kind];
}

static const char *
label_id(const tcmap_geodata *geo, const label *l)
{
    const tcmap__layer *layer = l->kind == LABEL_AREA ? &geo->areas
                                : l->kind == LABEL_SETTLEMENT
                                    ? &geo->settlements
                                    : &geo->towns;
    return layer->features[l->index].id;
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
    out->town_hidden[l->index] =
        px - reach < pl->bounds.x0 || px + reach > pl->bounds.x1 ||
        py - h < pl->bounds.y0 || py + h > pl->bounds.y1;
}

static int
place_one(const tcmap_snapshot *s, const tcmap__frame *fr, cairo_t *cr,
          tcmap__placer *pl, label *l)
{
    const tcmap_style *st = s->map->style;
    double u = fr->u, px = 0, py = 0;
    if (l->kind == LABEL_AREA)
        return place_area(pl, l, cr, s->map, fr, st, tcmap__tsize(fr, 12.5));
    if (l->kind == LABEL_SETTLEMENT) {
        settlement_point(s, l->index, fr, &px, &py);
        return place_town(pl, l, px, py, SETTLEMENT_DOT * u, u);
    }
    town_point(s, l->index, fr, &px, &py);
    const tcmap__feature *t = &s->map->geo->towns.features[l->index];
    int ok = place_town(pl, l, px, py, town_radius(t, u), u);
    /* A capital whose name does not fit in bold among its neighbours'
     * markers is tried once more at a town's size: the map is poorer
     * without it than with it smaller. */
    if (!ok && t->rank <= 1) {
        char *text = g_strdup(pango_layout_get_text(l->layout));
        g_object_unref(l->layout);
        l->layout = tcmap__text_layout(cr, st, text, tcmap__tsize(fr, 12.5),
                                       1, 0);
        g_free(text);
        ok = place_town(pl, l, px, py, town_radius(t, u), u);
    }
    return ok;
}

/* Collects every candidate label, checks its glyphs, and places them in
 * priority order: capitals, district centres, control areas, other towns,
 * context areas, settlements. A label that finds no free spot is dropped,
 * so the less important one gives way and no label is ever drawn over
 * another. */
tcmap_status
tcmap__place_labels(tcmap__pen *pen, const tcmap_snapshot *s, const tcmap__frame *fr,
             const char *names, const tcmap__furniture *fu,
             const tcmap_render_options *opt, labels *out, tcmap_error *err)
{
    const tcmap_geodata *geo = s->map->geo;
    cairo_t *cr = pen->cr;
    double u = fr->u;
    tcmap__placer pl = {.bounds = {fr->x + 3 * u, fr->y + 3 * u,
                                   fr->x + fr->w - 3 * u,
                                   fr->y + fr->h - 3 * u}};
    tcmap_status status = TCMAP_OK;
    size_t cap = geo->towns.n + geo->areas.n + geo->settlements.n;
    out->v = calloc(cap ? cap : 1, sizeof *out->v);
    out->town_hidden = calloc(geo->towns.n ? geo->towns.n : 1, 1);
    out->n = 0;
    char **town_text = calloc(geo->towns.n ? geo->towns.n : 1,
                              sizeof *town_text);
    if (!out->v || !out->town_hidden || !town_text) {
        status = tcmap__error(err, TCMAP_ERR_NOMEM, "draw: out of memory");
        goto out;
    }
    const tcmap__box *furn[3] = {&fu->legend, &fu->inset, &fu->scale};
    for (int k = 0; k < 3; k++)
        if (furn[k]->x1 > furn[k]->x0)
            tcmap__placer_take(&pl, *furn[k]);

    collect_towns(s, fr, cr, names, &pl, out, town_text);
    collect_areas(s, fr, cr, names, out, town_text);
    collect_settlements(s, fr, cr, names, &pl, out);
    for (size_t i = 0; i < out->n; i++) {
        char what[160];
        snprintf(what, sizeof what, "%s '%s'", kind_name(&out->v[i]),
                 label_id(geo, &out->v[i]));
        tcmap__label_check_glyphs(out->v[i].layout, what,
                                  opt ? opt->report : NULL,
                                  opt ? opt->report_user : NULL);
    }
    qsort(out->v, out->n, sizeof *out->v, label_cmp);
    for (size_t i = 0; i < out->n; i++) {
        label *l = &out->v[i];
        if (place_one(s, fr, cr, &pl, l))
            continue;
        if (l->kind == LABEL_TOWN)
            hide_unnamed_town(s, fr, &pl, l, out);
        g_object_unref(l->layout);
        l->layout = NULL;
    }
out:
    for (size_t i = 0; town_text && i < geo->towns.n; i++)
        g_free(town_text[i]);
    free(town_text);
    out->pl = pl;
    return status;
}

static void
paint_labels(cairo_t *cr, const void *user)
{
    const labels *ls = user;
    tcmap__pen p = {.cr = cr};
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (l->layout)
            tcmap__pen_text(&p, l->layout, l->x, l->y, l->color, l->halo,
                            l->halo_color);
    }
}

/* FNV-1a over what the labels' pixels depend on: text, font, place and
 * colours. Two drawings with the same digest draw the same pixels. */
static guint64
labels_digest(const labels *ls)
{
    guint64 h = 14695981039346656037ULL;
#define MIX(ptr, len)                                                        \
    for (size_t b_ = 0; b_ < (len); b_++)                                    \
        h = (h ^ ((const unsigned char *)(ptr))[b_]) * 1099511628211ULL;
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (!l->layout)
            continue;
        const char *text = pango_layout_get_text(l->layout);
        MIX(text, strlen(text) + 1);
        const PangoFontDescription *fd =
            pango_layout_get_font_description(l->layout);
        char *font = fd ? pango_font_description_to_string(fd) : NULL;
        if (font)
            MIX(font, strlen(font) + 1);
        g_free(font);
        int width = pango_layout_get_width(l->layout);
        MIX(&width, sizeof width);
        MIX(&l->x, sizeof l->x);
        MIX(&l->y, sizeof l->y);
        MIX(&l->color, sizeof l->color);
        MIX(&l->halo, sizeof l->halo);
        MIX(&l->halo_color, sizeof l->halo_color);
    }
#undef MIX
    return h;
}

void
tcmap__draw_labels(tcmap__pen *pen, const labels *ls, const tcmap__frame *fr,
                   tcmap__layer_cache *cache)
{
    int painted = 0;
    if (cache && !pen->svg) {
        guint64 h = labels_digest(ls);
        double key[TCMAP__LAYER_KEY] = {
            fr->x, fr->y, fr->w, fr->h, fr->u,
            (double)(h >> 32), (double)(h & 0xffffffffu), (double)ls->n};
        painted = tcmap__layer_cache_paint(cache, pen->cr, key, fr->x, fr->y,
                                           fr->w, fr->h, paint_labels, ls);
    }
    for (size_t i = 0; i < ls->n; i++) {
        const label *l = &ls->v[i];
        if (!l->layout)
            continue;
        if (!painted)
            tcmap__pen_text(pen, l->layout, l->x, l->y, l->color, l->halo,
                            l->halo_color);
        if (pen->on_label)
            pen->on_label(pen->on_label_user, pango_layout_get_text(l->layout),
                          (int)l->kind,
                          l->index, l->box, fr);
    }
}

