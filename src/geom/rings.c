/* rings.c - the geodata's flat drawing arrays (see rings.h). */
#include "geom/rings.h"

#include <stdlib.h>

/* Room for n more points and one more ring. */
static int
reserve(tcmap_geodata *geo, size_t n)
{
    if (geo->n_points + n > geo->cap_points) {
        size_t cap = geo->cap_points ? geo->cap_points : 4096;
        while (cap < geo->n_points + n)
            cap *= 2;
        double *xy = realloc(geo->xy, cap * 2 * sizeof *xy);
        if (!xy)
            return 0;
        geo->xy = xy;
        geo->cap_points = cap;
    }
    if (geo->n_rings == geo->cap_rings) {
        size_t cap = geo->cap_rings ? geo->cap_rings * 2 : 256;
        size_t *s = realloc(geo->ring_start, cap * sizeof *s);
        if (s)
            geo->ring_start = s;
        size_t *l = realloc(geo->ring_len, cap * sizeof *l);
        if (l)
            geo->ring_len = l;
        if (!s || !l)
            return 0;
        geo->cap_rings = cap;
    }
    return 1;
}

static void
close_ring(tcmap_geodata *geo, size_t n)
{
    geo->ring_start[geo->n_rings] = geo->n_points;
    geo->ring_len[geo->n_rings] = n;
    geo->n_rings++;
    geo->n_points += n;
}

static int
push_ring(tcmap_geodata *geo, OGRGeometryH ring)
{
    int n = OGR_G_GetPointCount(ring);
    if (!reserve(geo, (size_t)n))
        return 0;
    double *dst = geo->xy + 2 * geo->n_points;
    OGR_G_GetPoints(ring, dst, 2 * sizeof(double), dst + 1,
                    2 * sizeof(double), NULL, 0);
    close_ring(geo, (size_t)n);
    return 1;
}

int
tcmap__rings_add(tcmap_geodata *geo, OGRGeometryH g)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbLineString || t == wkbLinearRing)
        return push_ring(geo, g);
    if (t == wkbPoint)
        return 1;
    int n = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < n; i++)
        if (!tcmap__rings_add(geo, OGR_G_GetGeometryRef(g, i)))
            return 0;
    return 1;
}

GEOSGeometry *
tcmap__rings_geos(GEOSContextHandle_t h, const tcmap_geodata *geo,
                  const tcmap__feature *f)
{
    GEOSGeometry *acc = NULL;
    for (size_t r = f->first_ring; r < f->first_ring + f->n_rings; r++) {
        const double *p = geo->xy + 2 * geo->ring_start[r];
        size_t n = geo->ring_len[r];
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
push_seq(GEOSContextHandle_t h, tcmap_geodata *geo, const GEOSGeometry *ring)
{
    const GEOSCoordSequence *cs = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned n = 0;
    if (!cs || !GEOSCoordSeq_getSize_r(h, cs, &n) || n < 4)
        return 1; /* nothing to draw */
    if (!reserve(geo, n))
        return 0;
    GEOSCoordSeq_copyToBuffer_r(h, cs, geo->xy + 2 * geo->n_points, 0, 0);
    close_ring(geo, n);
    return 1;
}

int
tcmap__rings_add_geos(GEOSContextHandle_t h, tcmap_geodata *geo,
                      const GEOSGeometry *g)
{
    int t = GEOSGeomTypeId_r(h, g);
    if (t == GEOS_POLYGON) {
        if (!push_seq(h, geo, GEOSGetExteriorRing_r(h, g)))
            return 0;
        int nh = GEOSGetNumInteriorRings_r(h, g);
        for (int i = 0; i < nh; i++)
            if (!push_seq(h, geo, GEOSGetInteriorRingN_r(h, g, i)))
                return 0;
        return 1;
    }
    if (t == GEOS_MULTIPOLYGON || t == GEOS_GEOMETRYCOLLECTION) {
        int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; i++)
            if (!tcmap__rings_add_geos(h, geo, GEOSGetGeometryN_r(h, g, i)))
                return 0;
    }
    return 1; /* points and lines of a cut are not ground */
}
