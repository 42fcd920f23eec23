/* label.c - text for the map. It finds, once, where each area's name goes
 * (the centre of the largest circle inside the polygon, its "pole of
 * inaccessibility", which unlike the centroid is always inside) and which
 * area and country each town lies in. At draw time it gives
 * Pango layouts, the text of a name set, missing-glyph checks and a
 * simple greedy collision test for label placement. Geometry is GEOS's
 * job: its maximum-inscribed-circle and prepared containment tests. */
#include "map/label.h"
#include "geom/rings.h"
#include "core/error.h"
#include "load/geodata.h"
#include "load/style.h"

#include <geos_c.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- anchors, once per geodata ---- */

static void
geos_quiet(const char *fmt, ...)
{
    (void)fmt; /* the library never prints; failures are handled below */
}

/* Index of the geometry of `prepared` that contains (x, y), or -1. */
static long
containing(GEOSContextHandle_t h, const GEOSPreparedGeometry **prepared,
           size_t n, double x, double y)
{
    GEOSGeometry *pt = GEOSGeom_createPointFromXY_r(h, x, y);
    long found = -1;
    for (size_t i = 0; pt && i < n && found < 0; i++)
        if (prepared[i] && GEOSPreparedIntersects_r(h, prepared[i], pt) == 1)
            found = (long)i;
    if (pt)
        GEOSGeom_destroy_r(h, pt);
    return found;
}

typedef struct geoms {
    GEOSGeometry **g;
    const GEOSPreparedGeometry **prep;
    size_t n;
} geoms;

static int
geoms_build(GEOSContextHandle_t h, const tcmap_geodata *geo,
            const tcmap__layer *layer, geoms *out)
{
    out->n = layer->n;
    out->g = calloc(layer->n ? layer->n : 1, sizeof *out->g);
    out->prep = calloc(layer->n ? layer->n : 1, sizeof *out->prep);
    if (!out->g || !out->prep)
        return 0;
    for (size_t i = 0; i < layer->n; i++) {
        out->g[i] = tcmap__rings_geos(h, &geo->rings, &layer->features[i]);
        if (out->g[i])
            out->prep[i] = GEOSPrepare_r(h, out->g[i]);
    }
    return 1;
}

static void
geoms_free(GEOSContextHandle_t h, geoms *gs)
{
    for (size_t i = 0; i < gs->n; i++) {
        if (gs->prep && gs->prep[i])
            GEOSPreparedGeom_destroy_r(h, gs->prep[i]);
        if (gs->g && gs->g[i])
            GEOSGeom_destroy_r(h, gs->g[i]);
    }
    free(gs->g);
    free((void *)gs->prep);
}

/* The largest inscribed circle of g, found by GEOS to within `tol` map
 * units; xyr = centre x, y and radius. 0 when GEOS cannot. */
static int
inscribed_circle(GEOSContextHandle_t h, const GEOSGeometry *g, double tol,
                 double xyr[3])
{
    GEOSGeometry *mic = GEOSMaximumInscribedCircle_r(h, g, tol);
    if (!mic)
        return 0;
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, mic);
    double x0, y0, x1, y1;
    int ok = cs && GEOSCoordSeq_getXY_r(h, cs, 0, &x0, &y0) &&
             GEOSCoordSeq_getXY_r(h, cs, 1, &x1, &y1);
    if (ok) {
        xyr[0] = x0, xyr[1] = y0;
        xyr[2] = hypot(x1 - x0, y1 - y0);
    }
    GEOSGeom_destroy_r(h, mic);
    return ok;
}

tcmap_status
tcmap__label_prepare(const tcmap_geodata *geo, tcmap__label_prep **out,
                     tcmap_error *err)
{
    tcmap_status st = TCMAP_OK;
    geoms areas = {0}, land = {0};
    tcmap__label_prep *lp = calloc(1, sizeof *lp);
    size_t na = geo->areas.n, nt = geo->towns.n;
    if (!lp)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory",
                            geo->path);
    g_mutex_init(&lp->lock);
    GEOSContextHandle_t h = lp->geos = GEOS_init_r();
    lp->n_areas = na;
    lp->pole = calloc(3 * (na ? na : 1), sizeof *lp->pole);
    lp->pole_found = calloc(na ? na : 1, 1);
    lp->area_land = calloc(na ? na : 1, sizeof *lp->area_land);
    lp->town_area = calloc(nt ? nt : 1, sizeof *lp->town_area);
    lp->town_land = calloc(nt ? nt : 1, sizeof *lp->town_land);
    if (!h || !lp->pole || !lp->pole_found || !lp->area_land ||
        !lp->town_area || !lp->town_land ||
        !geoms_build(h, geo, &geo->areas, &areas) ||
        !geoms_build(h, geo, &geo->land, &land)) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory",
                          geo->path);
        goto out;
    }
    GEOSContext_setNoticeHandler_r(h, geos_quiet);
    GEOSContext_setErrorHandler_r(h, geos_quiet);
    /* An area lies in one country, so any point of it (the point on
     * surface, always inside) tells which. */
    for (size_t i = 0; i < na; i++) {
        const double *a = geo->areas.features[i].anchor;
        lp->area_land[i] = containing(h, land.prep, land.n, a[0], a[1]);
    }
    for (size_t i = 0; i < nt; i++) {
        const double *a = geo->towns.features[i].anchor;
        lp->town_area[i] = containing(h, areas.prep, areas.n, a[0], a[1]);
        lp->town_land[i] = containing(h, land.prep, land.n, a[0], a[1]);
    }
    /* The searches need the geometries, not their prepared form. */
    lp->area_geom = areas.g;
    areas.g = NULL;
    lp->land_geom = land.g;
    land.g = NULL;
    lp->n_land = geo->land.n;
    lp->land_pole = calloc(3 * (lp->n_land ? lp->n_land : 1),
                           sizeof *lp->land_pole);
    lp->n_districts = geo->districts.n;
    lp->district_geom = calloc(lp->n_districts ? lp->n_districts : 1,
                               sizeof *lp->district_geom);
    for (size_t d = 0; lp->district_geom && d < lp->n_districts; d++)
        lp->district_geom[d] =
            tcmap__rings_geos(h, &geo->rings, &geo->districts.features[d]);
    if (!lp->land_pole || !lp->district_geom) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory",
                          geo->path);
        goto out;
    }
    *out = lp;
    lp = NULL;
out:
    if (h) {
        geoms_free(h, &areas);
        geoms_free(h, &land);
    }
    tcmap__label_prep_free(lp);
    return st;
}

const double *
tcmap__label_pole(tcmap__label_prep *lp, const tcmap_geodata *geo, size_t i)
{
    double *xyr = lp->pole + 3 * i;
    g_mutex_lock(&lp->lock);
    if (!lp->pole_found[i]) {
        const tcmap__feature *f = &geo->areas.features[i];
        /* A tolerance of 1/500 of the area's size puts the label within a
         * fraction of a millimetre of the true pole at any print size. */
        double tol = fmax(f->bbox[2] - f->bbox[0], f->bbox[3] - f->bbox[1]) /
                     500;
        if (!lp->area_geom || !lp->area_geom[i] || !(tol > 0) ||
            !inscribed_circle(lp->geos, lp->area_geom[i], tol, xyr)) {
            xyr[0] = f->anchor[0], xyr[1] = f->anchor[1], xyr[2] = 0;
        }
        lp->pole_found[i] = 1;
    }
    g_mutex_unlock(&lp->lock);
    return xyr;
}

const double *
tcmap__label_land_pole(tcmap__label_prep *lp, size_t i,
                       const double box[4], const double hole[4])
{
    double key[8] = {box[0], box[1], box[2], box[3], 0, 0, 0, 0};
    if (hole)
        memcpy(key + 4, hole, 4 * sizeof *hole);
    g_mutex_lock(&lp->lock);
    int same = lp->land_found;
    for (int k = 0; k < 8 && same; k++)
        same = lp->land_box[k] == key[k];
    if (!same) {
        GEOSContextHandle_t h = lp->geos;
        /* A name goes at most 1/200 of the box from its true pole. */
        double tol = fmax(box[2] - box[0], box[3] - box[1]) / 200;
        GEOSGeometry *cut =
            hole ? GEOSGeom_createRectangle_r(h, hole[0], hole[1], hole[2],
                                              hole[3])
                 : NULL;
        for (size_t k = 0; k < lp->n_land; k++) {
            double *xyr = lp->land_pole + 3 * k;
            xyr[0] = xyr[1] = xyr[2] = 0;
            GEOSGeometry *part =
                lp->land_geom && lp->land_geom[k]
                    ? GEOSClipByRect_r(h, lp->land_geom[k], box[0], box[1],
                                       box[2], box[3])
                    : NULL;
            if (part && cut && !GEOSisEmpty_r(h, part)) {
                GEOSGeometry *rest = GEOSDifference_r(h, part, cut);
                GEOSGeom_destroy_r(h, part);
                part = rest;
            }
            if (part && !GEOSisEmpty_r(h, part) && tol > 0 &&
                !inscribed_circle(h, part, tol, xyr))
                xyr[2] = 0;
            if (part)
                GEOSGeom_destroy_r(h, part);
        }
        if (cut)
            GEOSGeom_destroy_r(h, cut);
        memcpy(lp->land_box, key, sizeof key);
        lp->land_found = 1;
    }
    g_mutex_unlock(&lp->lock);
    return lp->land_pole + 3 * i;
}

/* The districts' poles within one view, found on first use. */
typedef struct tcmap__view_poles {
    double view[4];
    double *xyr;
    unsigned char *found;
} tcmap__view_poles;

enum { VIEWS_KEPT = 4 };

void
tcmap__label_district_pole(tcmap__label_prep *lp, size_t d,
                           const double view[4], double xyr[3])
{
    xyr[0] = xyr[1] = xyr[2] = 0;
    if (d >= lp->n_districts)
        return;
    g_mutex_lock(&lp->lock);
    if (!lp->views)
        lp->views = calloc(VIEWS_KEPT, sizeof *lp->views);
    tcmap__view_poles *v = NULL;
    /* Value by value: memcmp of doubles tells 0.0 from -0.0. */
    for (size_t k = 0; lp->views && k < lp->n_views && !v; k++) {
        const tcmap__view_poles *c = &lp->views[k];
        if (c->found && c->xyr && c->view[0] == view[0] &&
            c->view[1] == view[1] && c->view[2] == view[2] &&
            c->view[3] == view[3])
            v = &lp->views[k];
    }
    if (!v && lp->views) {
        /* The oldest view gives way. */
        if (lp->n_views < VIEWS_KEPT)
            lp->n_views++;
        v = &lp->views[lp->next_view];
        lp->next_view = (lp->next_view + 1) % VIEWS_KEPT;
        free(v->xyr);
        free(v->found);
        memcpy(v->view, view, sizeof v->view);
        size_t n = lp->n_districts ? lp->n_districts : 1;
        v->xyr = calloc(3 * n, sizeof *v->xyr);
        v->found = calloc(n, 1);
        if (!v->xyr || !v->found) {
            free(v->xyr), free(v->found);
            v->xyr = NULL, v->found = NULL;
            memset(v->view, 0, sizeof v->view);
            v = NULL;
        }
    }
    if (v && !v->found[d]) {
        GEOSContextHandle_t h = lp->geos;
        double *out = v->xyr + 3 * d;
        GEOSGeometry *part =
            lp->district_geom[d]
                ? GEOSClipByRect_r(h, lp->district_geom[d], view[0], view[1],
                                   view[2], view[3])
                : NULL;
        /* A name goes at most 1/500 of the view from its true pole. */
        double tol = fmax(view[2] - view[0], view[3] - view[1]) / 500;
        if (!part || GEOSisEmpty_r(h, part) || !(tol > 0) ||
            !inscribed_circle(h, part, tol, out))
            out[0] = out[1] = out[2] = 0;
        if (part)
            GEOSGeom_destroy_r(h, part);
        v->found[d] = 1;
    }
    if (v)
        memcpy(xyr, v->xyr + 3 * d, 3 * sizeof *xyr);
    g_mutex_unlock(&lp->lock);
}

const char *
tcmap__label_land_name(const tcmap_geodata *geo, size_t i, const char *set)
{
    const tcmap__layer *layer = &geo->land;
    const tcmap__feature *f = &layer->features[i];
    return tcmap__feature_name(layer, f, set);
}

void
tcmap__label_prep_free(tcmap__label_prep *lp)
{
    if (!lp)
        return;
    for (size_t i = 0; lp->area_geom && i < lp->n_areas; i++)
        if (lp->area_geom[i])
            GEOSGeom_destroy_r(lp->geos, lp->area_geom[i]);
    free(lp->area_geom);
    for (size_t i = 0; lp->land_geom && i < lp->n_land; i++)
        if (lp->land_geom[i])
            GEOSGeom_destroy_r(lp->geos, lp->land_geom[i]);
    free(lp->land_geom);
    free(lp->land_pole);
    for (size_t d = 0; lp->district_geom && d < lp->n_districts; d++)
        if (lp->district_geom[d])
            GEOSGeom_destroy_r(lp->geos, lp->district_geom[d]);
    free(lp->district_geom);
    for (size_t k = 0; lp->views && k < VIEWS_KEPT; k++) {
        free(lp->views[k].xyr);
        free(lp->views[k].found);
    }
    free(lp->views);
    if (lp->geos)
        GEOS_finish_r(lp->geos);
    g_mutex_clear(&lp->lock);
    free(lp->pole);
    free(lp->pole_found);
    free(lp->town_area);
    free(lp->area_land);
    free(lp->town_land);
    free(lp);
}

/* ---- placement ---- */

int
tcmap__box_overlap(tcmap__box a, tcmap__box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

int
tcmap__placer_fits(const tcmap__placer *pl, tcmap__box b)
{
    if (b.x0 < pl->bounds.x0 || b.y0 < pl->bounds.y0 ||
        b.x1 > pl->bounds.x1 || b.y1 > pl->bounds.y1)
        return 0;
    for (size_t i = 0; i < pl->n; i++)
        if (tcmap__box_overlap(b, pl->boxes[i]))
            return 0;
    return 1;
}

int
tcmap__placer_take_as(tcmap__placer *pl, tcmap__box b, long owner)
{
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? pl->cap * 2 : 64;
        tcmap__box *nb = realloc(pl->boxes, cap * sizeof *nb);
        if (!nb)
            return 0;
        pl->boxes = nb;
        long *no = realloc(pl->owner, cap * sizeof *no);
        if (!no)
            return 0;
        pl->owner = no;
        pl->cap = cap;
    }
    pl->owner[pl->n] = owner;
    pl->boxes[pl->n++] = b;
    return 1;
}

int
tcmap__placer_take(tcmap__placer *pl, tcmap__box b)
{
    return tcmap__placer_take_as(pl, b, TCMAP__TAKEN_FURNITURE);
}

void
tcmap__placer_give_back(tcmap__placer *pl, long owner)
{
    size_t k = 0;
    for (size_t i = 0; i < pl->n; i++)
        if (pl->owner[i] != owner) {
            pl->boxes[k] = pl->boxes[i];
            pl->owner[k++] = pl->owner[i];
        }
    pl->n = k;
}

void
tcmap__placer_free(tcmap__placer *pl)
{
    free(pl->boxes);
    free(pl->owner);
    pl->boxes = NULL;
    pl->owner = NULL;
    pl->n = pl->cap = 0;
}

/* ---- text ---- */

PangoLayout *
tcmap__text_layout(cairo_t *cr, const tcmap_style *st, const char *text,
                   double size, int bold, int italic)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoContext *ctx = pango_layout_get_context(layout);
    /* Unhinted metrics: the same text measures the same on a PNG, PDF or
     * SVG page, so placement decisions agree across formats. */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(layout);
    PangoFontDescription *fd = pango_font_description_from_string(st->font);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

void
tcmap__text_size(PangoLayout *layout, double *w, double *h)
{
    int pw, ph;
    pango_layout_get_size(layout, &pw, &ph);
    *w = (double)pw / PANGO_SCALE;
    *h = (double)ph / PANGO_SCALE;
}

/* The feature's own name in `set`, or NULL when the layer has no such set
 * or the name is empty (no fallback to the id, unlike
 * tcmap__feature_name). */
static const char *
name_in(const tcmap__layer *layer, const tcmap__feature *f, const char *set)
{
    for (size_t k = 0; k < layer->n_sets; k++)
        if (!strcmp(layer->sets[k], set))
            return tcmap__name_fits(set, f->names[k], f->id) ? f->names[k]
                                                              : NULL;
    return NULL;
}

static void
add_local(GString *out, const char *en, const char *name)
{
    if (!name || strstr(en, name) || strstr(out->str, name))
        return;
    if (out->len)
        g_string_append(out, " / ");
    g_string_append(out, name);
}

/* The text of feature f of `layer` in `set`; `context` when it lies in
 * a context area (or in none), `land` the country it lies in or -1. */
static char *
feature_text(const tcmap_geodata *geo, const tcmap_style *st,
             const tcmap__layer *layer, const tcmap__feature *f, int context,
             long land, const char *set)
{
    if (strcmp(set, "en+local"))
        return g_strdup(tcmap__feature_name(layer, f, set));
    const char *en = tcmap__feature_name(layer, f, "en");
    GString *local = g_string_new(NULL);
    if (!context) {
        /* A control area is where the names are contested: every local
         * form the style lists, in its order, and none preferred. */
        for (char **s = st->local_names; s && *s; s++)
            add_local(local, en, name_in(layer, f, *s));
    } else if (land >= 0) {
        const tcmap__feature *lf = &geo->land.features[land];
        const char *lname = tcmap__feature_name(&geo->land, lf, "en");
        for (char **p = st->local_country; p && *p; p++) {
            const char *colon = strchr(*p, ':');
            size_t klen = (size_t)(colon - *p);
            if ((strlen(lf->id) == klen && !strncmp(lf->id, *p, klen)) ||
                (strlen(lname) == klen && !strncmp(lname, *p, klen)))
                add_local(local, en, name_in(layer, f, colon + 1));
        }
    }
    char *out = local->len ? g_strdup_printf("%s\n%s", en, local->str)
                           : g_strdup(en);
    g_string_free(local, TRUE);
    return out;
}

char *
tcmap__label_text(const tcmap__label_prep *lp, const tcmap_geodata *geo,
                  const tcmap_style *st,
                  int is_town, size_t i, const char *set)
{
    const tcmap__layer *layer = is_town ? &geo->towns : &geo->areas;
    long area = is_town ? lp->town_area[i] : (long)i;
    long land = is_town ? lp->town_land[i] : lp->area_land[i];
    int context = area >= 0
                      ? !strcmp(geo->areas.features[area].kind, "context")
                      : 1;
    return feature_text(geo, st, layer, &layer->features[i], context, land,
                        set);
}

char *
tcmap__label_district_text(const tcmap__label_prep *lp,
                           const tcmap_geodata *geo, const tcmap_style *st,
                           size_t d, const char *set)
{
    const tcmap__feature *f = &geo->districts.features[d];
    long land = -1;
    /* Its pieces lie in one country: the first one's. */
    for (size_t a = 0; a < geo->areas.n && land < 0; a++)
        if (geo->area_district[a] == (long)d)
            land = lp->area_land[a];
    return feature_text(geo, st, &geo->districts, f,
                        !strcmp(f->kind, "context"), land, set);
}

size_t
tcmap__label_check_glyphs(PangoLayout *layout, const char *what,
                          tcmap_report_fn report, void *user)
{
    PangoContext *ctx = pango_layout_get_context(layout);
    const PangoFontDescription *fd = pango_layout_get_font_description(layout);
    PangoFont *font = pango_context_load_font(ctx, fd);
    const char *text = pango_layout_get_text(layout);
    GString *missing = g_string_new(NULL);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    size_t n = 0;
    for (const char *p = text; font && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\n' || g_unichar_isspace(c) || g_unichar_iszerowidth(c) ||
            g_hash_table_contains(seen, GUINT_TO_POINTER(c)))
            continue;
        g_hash_table_add(seen, GUINT_TO_POINTER(c));
        if (!pango_font_has_char(font, c)) {
            char utf8[8] = {0};
            g_unichar_to_utf8(c, utf8);
            g_string_append_printf(missing, " U+%04X '%s'", (unsigned)c,
                                   utf8);
            n++;
        }
    }
    if (n && report) {
        PangoFontDescription *real = pango_font_describe(font);
        char *family = pango_font_description_to_string(real);
        int unknown = pango_layout_get_unknown_glyphs_count(layout);
        char *msg = g_strdup_printf(
            "%s: '%s' has characters that the font %s lacks:%s; %s", what,
            text, family, missing->str,
            unknown ? "no installed font has them, they show as boxes"
                    : "drawn with a fallback font");
        report(user, msg);
        g_free(msg);
        g_free(family);
        pango_font_description_free(real);
    }
    g_hash_table_destroy(seen);
    g_string_free(missing, TRUE);
    if (font)
        g_object_unref(font);
    return n;
}
