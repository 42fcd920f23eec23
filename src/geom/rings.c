/* rings.c - geometry stage: the ring table and the layers of features
 * that point into it (see rings.h), so that every stage draws and cuts
 * the same flat arrays. */
#include "geom/rings.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

void
tcmap__layer_free(tcmap__layer *l)
{
    for (size_t i = 0; l->features && i < l->n; i++) {
        tcmap__feature *f = &l->features[i];
        g_free(f->id);
        g_free(f->kind);
        g_free(f->district);
        g_free(f->scope);
        g_free(f->parent);
        if (f->geom) /* none from a products file: no GDAL call */
            OGR_G_DestroyGeometry(f->geom);
        for (size_t k = 0; f->names && k < l->n_sets; k++)
            g_free(f->names[k]);
        free(f->names);
    }
    for (size_t k = 0; l->sets && k < l->n_sets; k++)
        g_free(l->sets[k]);
    free(l->sets);
    free(l->features);
    g_free(l->path);
    memset(l, 0, sizeof *l);
}

void
tcmap__rings_free(tcmap__rings *r)
{
    free(r->xy);
    free(r->ring_start);
    free(r->ring_len);
}

/* Room for n more points and one more ring. */
static int
reserve(tcmap__rings *r, size_t n)
{
    if (r->n_points + n > r->cap_points) {
        size_t cap = r->cap_points ? r->cap_points : 4096;
        while (cap < r->n_points + n)
            cap *= 2;
        double *xy = realloc(r->xy, cap * 2 * sizeof *xy);
        if (!xy)
            return 0;
        r->xy = xy;
        r->cap_points = cap;
    }
    if (r->n_rings == r->cap_rings) {
        size_t cap = r->cap_rings ? r->cap_rings * 2 : 256;
        size_t *s = realloc(r->ring_start, cap * sizeof *s);
        if (s)
            r->ring_start = s;
        size_t *l = realloc(r->ring_len, cap * sizeof *l);
        if (l)
            r->ring_len = l;
        if (!s || !l)
            return 0;
        r->cap_rings = cap;
    }
    return 1;
}

static void
close_ring(tcmap__rings *r, size_t n)
{
    r->ring_start[r->n_rings] = r->n_points;
    r->ring_len[r->n_rings] = n;
    r->n_rings++;
    r->n_points += n;
}

static int
push_ring(tcmap__rings *r, OGRGeometryH ring)
{
    int n = OGR_G_GetPointCount(ring);
    if (!reserve(r, (size_t)n))
        return 0;
    double *dst = r->xy + 2 * r->n_points;
    OGR_G_GetPoints(ring, dst, 2 * sizeof(double), dst + 1,
                    2 * sizeof(double), NULL, 0);
    close_ring(r, (size_t)n);
    return 1;
}

int
tcmap__rings_add(tcmap__rings *r, OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbLineString || t == wkbLinearRing)
        return push_ring(r, g);
    if (t == wkbPoint)
        return 1;
    int n = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < n; i++)
        if (!tcmap__rings_add(r, OGR_G_GetGeometryRef(g, i)))
            return 0;
    return 1;
}

GEOSGeometry *
tcmap__rings_geos(GEOSContextHandle_t h, const tcmap__rings *t,
                  const tcmap__feature *f)
{
    GEOSGeometry *acc = NULL;
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = t->xy + 2 * t->ring_start[r];
        size_t n = t->ring_len[r];
        if (n < 4)
            continue;
        GEOSCoordSequence *cs =
            GEOSCoordSeq_copyFromBuffer_r(h, p, (unsigned)n, 0, 0);
        GEOSGeometry *ring = cs ? GEOSGeom_createLinearRing_r(h, cs) : NULL;
        GEOSGeometry *poly =
            ring ? GEOSGeom_createPolygon_r(h, ring, NULL, 0) : NULL;
        GEOSGeometry *valid = poly ? GEOSMakeValid_r(h, poly) : NULL;
        if (poly)
            GEOSGeom_destroy_r(h, poly);
        if (!valid)
            continue;
        if (!acc) {
            acc = valid;
        } else {
            GEOSGeometry *x = GEOSSymDifference_r(h, acc, valid);
            GEOSGeom_destroy_r(h, valid);
            if (x) {
                GEOSGeom_destroy_r(h, acc);
                acc = x;
            }
        }
    }
    return acc;
}

static int
push_seq(GEOSContextHandle_t h, tcmap__rings *r, const GEOSGeometry *ring)
{
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n) || n < 4)
        return 1; /* nothing to draw */
    if (!reserve(r, n))
        return 0;
    GEOSCoordSeq_copyToBuffer_r(h, cs, r->xy + 2 * r->n_points, 0, 0);
    close_ring(r, n);
    return 1;
}

int
tcmap__rings_add_geos(GEOSContextHandle_t h, tcmap__rings *r,
                      const GEOSGeometry *g)
{
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_POLYGON) {
        if (!push_seq(h, r, GEOSGetExteriorRing_r(h, g)))
            return 0;
        int nh = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < nh; i++)
            if (!push_seq(h, r, GEOSGetInteriorRingN_r(h, g, i)))
                return 0;
        return 1;
    }
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            if (!tcmap__rings_add_geos(h, r, GEOSGetGeometryN_r(h, g, i)))
                return 0;
    }
    return 1; /* points and lines of a cut are not ground */
}
