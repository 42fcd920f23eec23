/* geocheck.c - tcmap validate's checks of a loaded geodata: valid and
 * non-overlapping polygons, settlements in their areas with a cell each,
 * towns in some area, and the name sets a map asks for. */
#include "map/geocheck.h"
#include "load/geodata.h"
#include "core/error.h"
#include "load/groundcache.h"

#include <glib.h>
#include <math.h>
#include <ogr_api.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct checker {
    tcmap_report_fn report;
    void *user;
    size_t problems;
} checker;

static void
report_feature(checker *c, const tcmap__layer *l, const char *noun,
               const tcmap__feature *f, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
report_feature(checker *c, const tcmap__layer *l, const char *noun,
               const tcmap__feature *f, const char *fmt, ...)
{
    char what[400], msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(msg, sizeof msg, "%s:%zu: %s '%s': %s", l->path, f->number,
             noun, f->id, what);
    if (c->report)
        c->report(c->user, msg);
    c->problems++;
}

/* A settlement must stand in its area (a gazetteer point within 2 km of
 * it, for the generalised boundaries, with a note in the gazetteer), and
 * must have a cell: two settlements on one point share one, and the
 * second's rows would never be drawn. */
static guint
point_hash(gconstpointer p)
{
    const double *xy = p;
    double x = xy[0] + 0.0, y = xy[1] + 0.0; /* -0.0 == 0.0: one hash */
    return g_double_hash(&x) * 31u + g_double_hash(&y);
}

static gboolean
point_equal(gconstpointer a, gconstpointer b)
{
    const double *p = a, *q = b;
    return p[0] == q[0] && p[1] == q[1];
}

static void
check_settlements(checker *c, const tcmap_geodata *geo)
{
    const tcmap__layer *l = &geo->settlements;
    /* Each point (the anchor's two doubles) -> the first settlement on it. */
    GHashTable *at = g_hash_table_new_full(point_hash, point_equal, NULL,
                                           g_free);
    for (size_t i = 0; i < l->n; i++)
        if (!g_hash_table_contains(at, l->features[i].anchor))
            g_hash_table_insert(at, (gpointer)l->features[i].anchor,
                                g_memdup2(&i, sizeof i));
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *s = &l->features[i];
        long a = tcmap__geodata_area_index(geo, s->parent);
        const tcmap__feature *area = a >= 0 ? &geo->areas.features[a] : NULL;
        if (area && area->geom) {
            OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_AddPoint_2D(pt, s->anchor[0], s->anchor[1]);
            double d = OGR_G_Distance(pt, area->geom);
            OGR_G_DestroyGeometry(pt);
            if (d > 2000)
                report_feature(c, l, "settlement", s,
                               "lies %.1f km outside its area '%s' (at most "
                               "2 km is allowed)",
                               d / 1000, s->parent);
        }
        if (geo->settlement_unit[i] >= 0)
            continue;
        /* The first settlement on this point: a lookup, not a scan of the
         * layer, so that a gazetteer of 50,000 points is checked in well
         * under a second. */
        const size_t *first = g_hash_table_lookup(at, s->anchor);
        const char *twin =
            first && *first != i ? l->features[*first].id : NULL;
        if (twin)
            report_feature(c, l, "settlement", s,
                           "stands on the point of '%s': it has no cell of "
                           "its own",
                           twin);
        else
            report_feature(c, l, "settlement", s,
                           "has no ground in its area '%s'", s->parent);
    }
    g_hash_table_destroy(at);
}

/* A town that lies in no area takes no holder's colour: drawn as held by
 * nobody, which is never what a desk meant (real coordinates just outside
 * a generalised polygon, a coast cut short). Named with the nearest area
 * and how far it is, so the fix is obvious. */
static void
check_towns(checker *c, const tcmap_geodata *geo)
{
    const tcmap__layer *l = &geo->towns;
    for (size_t t = 0; t < l->n; t++) {
        if (geo->town_unit[t] >= 0)
            continue;
        const tcmap__feature *f = &l->features[t];
        OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_AddPoint_2D(pt, f->anchor[0], f->anchor[1]);
        const tcmap__feature *best = NULL;
        double best_d = INFINITY;
        for (size_t a = 0; a < geo->areas.n; a++) {
            const tcmap__feature *fa = &geo->areas.features[a];
            double d = fa->geom ? OGR_G_Distance(fa->geom, pt) : -1;
            if (d >= 0 && d < best_d)
                best_d = d, best = fa;
        }
        OGR_G_DestroyGeometry(pt);
        if (best)
            report_feature(c, l, "town", f,
                           "lies in no area, so it would be drawn as held "
                           "by nobody; the nearest area is '%s', %.1f km "
                           "away",
                           best->id, best_d / 1000);
        else
            report_feature(c, l, "town", f, "%s", "lies in no area");
    }
}

static void
quiet(void *user, const char *msg)
{
    (void)user, (void)msg;
}

/* Geodata read from a products file has no polygons to check, and needs
 * none: the file holds a pass of every check at TCMAP__MAX_OVERLAP_KM2,
 * so any larger threshold passes too. A smaller one is checked on the
 * layers read from their sources (a load with a report reads them). */
static size_t
check_products(const tcmap_geodata *geo, double max_overlap_km2,
               tcmap_report_fn report, void *user)
{
    if (max_overlap_km2 >= TCMAP__MAX_OVERLAP_KM2)
        return 0;
    tcmap_geodata *src = NULL;
    tcmap_error err;
    if (tcmap_geodata_load_report(geo->path,
                                  geo->crs_auto ? TCMAP_CRS_AUTO : geo->crs,
                                  quiet, NULL, &src, &err) != TCMAP_OK) {
        if (report)
            report(user, err.message);
        return 1;
    }
    size_t n = tcmap_geodata_check(src, max_overlap_km2, report, user);
    tcmap_geodata_destroy(src);
    return n;
}

size_t
tcmap_geodata_check(const tcmap_geodata *geo, double max_overlap_km2,
                    tcmap_report_fn report, void *user)
{
    if (geo->from_products)
        return check_products(geo, max_overlap_km2, report, user);
    checker c = {.report = report, .user = user};
    const tcmap__layer *l = &geo->areas;
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *f = &l->features[i];
        cap.message[0] = '\0';
        if (f->geom && !OGR_G_IsValid(f->geom))
            report_feature(&c, l, "area", f, "the polygon is not valid%s%s",
                           cap.message[0] ? ": " : "", cap.message);
    }
    /* Areas must not overlap, or one place would have two controllers on
     * the map. Only pairs whose boxes meet are intersected. The projected
     * geometry is in metres; the measure is near enough to km² in a
     * conformal projection for a threshold. */
    for (size_t i = 0; i < l->n; i++) {
        const tcmap__feature *a = &l->features[i];
        for (size_t j = i + 1; j < l->n; j++) {
            const tcmap__feature *b = &l->features[j];
            if (!a->geom || !b->geom || a->bbox[2] < b->bbox[0] ||
                b->bbox[2] < a->bbox[0] || a->bbox[3] < b->bbox[1] ||
                b->bbox[3] < a->bbox[1])
                continue;
            if (!OGR_G_Intersects(a->geom, b->geom))
                continue;
            OGRGeometryH x = OGR_G_Intersection(a->geom, b->geom);
            double km2 = x ? OGR_G_Area(x) / 1e6 : 0;
            OGR_G_DestroyGeometry(x);
            if (km2 > max_overlap_km2)
                report_feature(&c, l, "area", b, "overlaps area '%s' (feature %zu) "
                                         "by %.3f km²",
                               a->id, a->number, km2);
        }
    }
    check_settlements(&c, geo);
    check_towns(&c, geo);
    tcmap__gdal_pop();
    return c.problems;
}

typedef struct first_problem {
    char message[512];
} first_problem;

static void
keep_first(void *user, const char *msg)
{
    first_problem *fp = user;
    if (!fp->message[0])
        snprintf(fp->message, sizeof fp->message, "%s", msg);
}

/* The checks run once per geodata, however many maps are made of it (a
 * Python session, a test, a series): the result is kept in the geodata.
 * The geodata is otherwise read-only once loaded; these fields are a
 * cache behind g_once, safe between threads. */
tcmap_status
tcmap__geodata_refuse_invalid(const tcmap_geodata *geo, tcmap_error *err)
{
    tcmap_geodata *g = (tcmap_geodata *)geo;
    if (g_once_init_enter(&g->checked)) {
        first_problem fp = {{0}};
        g->check_problems =
            tcmap_geodata_check(geo, TCMAP__MAX_OVERLAP_KM2, keep_first, &fp);
        g->check_first = g_strdup(fp.message);
        /* Cut by this load: kept for the next when the checks pass (a
         * failure is found again, from the sources, so that its messages
         * name the files as they are then). A cache that cannot be
         * written only costs the next load the reading and cutting. */
        if (g->product_fresh && g->check_problems == 0) {
            char *path = tcmap__groundcache_path(g);
            (void)tcmap__groundcache_write(g, path, NULL);
            g_free(path);
            g->product_fresh = 0;
        }
        g_once_init_leave(&g->checked, 1);
    }
    if (!g->check_problems)
        return TCMAP_OK;
    if (g->check_problems == 1)
        return tcmap__error(err, TCMAP_ERR_DATA, "%s", g->check_first);
    return tcmap__error(err, TCMAP_ERR_DATA,
                        "%s (and %zu more problems of the geodata: run "
                        "'tcmap validate' to list them)",
                        g->check_first, g->check_problems - 1);
}

/* Whether the layer has the name set. */
static int
has_set(const tcmap__layer *l, const char *set)
{
    for (size_t k = 0; k < l->n_sets; k++)
        if (!strcmp(l->sets[k], set))
            return 1;
    return 0;
}

tcmap_status
tcmap__names_check(const tcmap_geodata *geo, const char *set,
                   tcmap_error *err)
{
    if (!set || !strcmp(set, "en+local") || has_set(&geo->areas, set) ||
        has_set(&geo->towns, set))
        return TCMAP_OK;
    /* A typo would label every area with its raw id, without a word. */
    GString *known = g_string_new(NULL);
    const tcmap__layer *layers[] = {&geo->areas, &geo->towns};
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < layers[i]->n_sets; k++)
            if (!strstr(known->str, layers[i]->sets[k]))
                g_string_append_printf(known, "%s, ", layers[i]->sets[k]);
    g_string_append(known, "en+local");
    tcmap_status st = tcmap__error(err, TCMAP_ERR_ARG,
                                   "name set '%s' is not one of the "
                                   "geodata's (%s)",
                                   set, known->str);
    g_string_free(known, TRUE);
    return st;
}
