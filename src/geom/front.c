/* front.c - the shared boundaries of neighbouring units (see front.h).
 * GEOS intersects the two boundaries; what they share is line work,
 * while a mere touch at a corner leaves only points, which are dropped. */
#include "geom/front.h"
#include "core/error.h"
#include "geom/rings.h"

#include <geos_c.h>
#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void
geos_quiet(const char *fmt, ...)
{
    (void)fmt;
}

/* Appends the line strings of g (a line, a multi-line or a collection
 * with points) to the ring table; 0 when out of memory. */
static int
add_lines(GEOSContextHandle_t h, tcmap__rings *rings, const GEOSGeometry *g)
{
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_LINESTRING) {
        OGRGeometryH l = OGR_G_CreateGeometry(wkbLineString);
        const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, g);
        unsigned n = 0;
        GEOSCoordSeq_getSize_r(h, cs, &n);
        for (unsigned i = 0; i < n; i++) {
            double x, y;
            GEOSCoordSeq_getXY_r(h, cs, i, &x, &y);
            OGR_G_AddPoint_2D(l, x, y);
        }
        int ok = n < 2 || tcmap__rings_add(rings, l);
        OGR_G_DestroyGeometry(l);
        return ok;
    }
    if (t == GEOS_MULTILINESTRING || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            if (!add_lines(h, rings, GEOSGetGeometryN_r(h, g, i)))
                return 0;
    }
    return 1;
}

static int
boxes_meet(const double *a, const double *b, double tol)
{
    return !(a[2] + tol < b[0] || b[2] + tol < a[0] || a[3] + tol < b[1] ||
             b[3] + tol < a[1]);
}

typedef struct edges {
    tcmap__feature *f;
    size_t *units;
    size_t n, cap;
} edges;

static int
push_edge(edges *e, size_t a, size_t b)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 256;
        tcmap__feature *f = realloc(e->f, cap * sizeof *f);
        if (!f)
            return 0;
        e->f = f;
        size_t *u = realloc(e->units, 2 * cap * sizeof *u);
        if (!u)
            return 0;
        e->units = u;
        e->cap = cap;
    }
    memset(&e->f[e->n], 0, sizeof e->f[e->n]);
    e->units[2 * e->n] = a;
    e->units[2 * e->n + 1] = b;
    e->n++;
    return 1;
}

tcmap_status
tcmap__front_build(const tcmap__layer *units, tcmap__rings *rings,
                   tcmap__edges *out, tcmap_error *err)
{
    size_t n = units->n;
    tcmap_status st = TCMAP_OK;
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSGeometry **bnd = calloc(n ? n : 1, sizeof *bnd);
    const GEOSPreparedGeometry **prep = calloc(n ? n : 1, sizeof *prep);
    edges e = {0};
    if (!h || !bnd || !prep) {
        st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    GEOSContext_setNoticeHandler_r(h, geos_quiet);
    GEOSContext_setErrorHandler_r(h, geos_quiet);
    for (size_t i = 0; i < n; i++) {
        GEOSGeometry *g = tcmap__rings_geos(h, rings, &units->features[i]);
        if (g) {
            bnd[i] = GEOSBoundary_r(h, g);
            GEOSGeom_destroy_r(h, g);
        }
        if (bnd[i])
            prep[i] = GEOSPrepare_r(h, bnd[i]);
    }
    /* A metre of slack: neighbours' boxes may meet only along an edge. */
    for (size_t i = 0; i < n && st == TCMAP_OK; i++) {
        const tcmap__feature *fi = &units->features[i];
        for (size_t j = i + 1; j < n && st == TCMAP_OK; j++) {
            const tcmap__feature *fj = &units->features[j];
            if (!bnd[i] || !bnd[j] || !boxes_meet(fi->bbox, fj->bbox, 1))
                continue;
            /* Context areas orient the reader; no front runs between
             * two of them. */
            if (!strcmp(fi->kind, "context") && !strcmp(fj->kind, "context"))
                continue;
            /* Most pairs whose boxes meet do not touch: a prepared test
             * rejects them without the overlay. */
            if (prep[i] && GEOSPreparedIntersects_r(h, prep[i], bnd[j]) != 1)
                continue;
            GEOSGeometry *x = GEOSIntersection_r(h, bnd[i], bnd[j]);
            if (!x)
                continue;
            double len = 0;
            if (!GEOSisEmpty_r(h, x) && GEOSLength_r(h, x, &len) && len > 1) {
                GEOSGeometry *m = GEOSLineMerge_r(h, x);
                size_t first = rings->n_rings;
                if (!push_edge(&e, i, j) ||
                    !add_lines(h, rings, m ? m : x)) {
                    st = tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
                } else {
                    tcmap__feature *f = &e.f[e.n - 1];
                    f->first_ring = first;
                    f->n_rings = rings->n_rings - first;
                    f->number = e.n;
                    f->settlement = -1;
                    f->from = INT32_MIN, f->to = INT32_MAX;
                    GEOSGeom_getXMin_r(h, x, &f->bbox[0]);
                    GEOSGeom_getYMin_r(h, x, &f->bbox[1]);
                    GEOSGeom_getXMax_r(h, x, &f->bbox[2]);
                    GEOSGeom_getYMax_r(h, x, &f->bbox[3]);
                }
                if (m)
                    GEOSGeom_destroy_r(h, m);
            }
            GEOSGeom_destroy_r(h, x);
        }
    }
out:
    out->edges.features = e.f;
    out->edges.n = e.n;
    out->edge_units = e.units;
    for (size_t i = 0; prep && i < n; i++)
        if (prep[i])
            GEOSPreparedGeom_destroy_r(h, prep[i]);
    for (size_t i = 0; bnd && i < n; i++)
        if (bnd[i])
            GEOSGeom_destroy_r(h, bnd[i]);
    free((void *)prep);
    free(bnd);
    if (h)
        GEOS_finish_r(h);
    return st;
}

void
tcmap__edges_free(tcmap__edges *e)
{
    tcmap__layer_free(&e->edges);
    free(e->edge_units);
}
