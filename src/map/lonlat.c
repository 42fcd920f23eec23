/* lonlat.c - map stage: degrees into the map's units, for whatever is
 * given in lon/lat (the style's extent, the inset's frame, annotations):
 * the map's CRS is known only once the geodata is loaded. A box projected
 * before comes from the CRS's memo without GDAL. */
#include "core/error.h"
#include "geom/project.h"
#include "load/crsmemo.h"
#include "map/lonlat.h"

#include <ogr_srs_api.h>

/* Points in degrees (on the map CRS's own datum: for a datum other than
 * WGS 84 that moves them by some 100 m, nothing at the scale of a map, and
 * it spares a datum-shift search) into map units, in place. */
tcmap_status
tcmap__map_from_lonlat(const tcmap_map *m, size_t n, double *x, double *y,
                       tcmap_error *err)
{
    OGRSpatialReferenceH wgs = NULL;
    OGRSpatialReferenceH dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    tcmap_status st = TCMAP_OK;
    if (OSRSetFromUserInput(dst, m->geo->crs) == OGRERR_NONE) {
        OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
        if ((wgs = tcmap__srs_geographic(dst)))
            ct = tcmap__ct_new(wgs, dst);
    }
    if (!ct || !OCTTransform(ct, (int)n, x, y, NULL))
        st = tcmap__error(err, TCMAP_ERR_DATA,
                          "degrees cannot be projected into %s",
                          m->geo->crs);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(dst);
    return st;
}

/* A lon/lat box (lon0, lat0, lon1, lat1) as a box in map units: project
 * the edges, not just the corners, because a parallel is curved in most
 * projections. A box projected before is taken from the CRS's memo
 * (crsmemo.h), number for number, without GDAL. */
tcmap_status
tcmap__map_project_box(const tcmap_map *m, const double e[4], double out[4],
                       tcmap_error *err)
{
    if (tcmap__crs_memo_box(m->geo->crs, e, out))
        return TCMAP_OK;
    enum { N = 16 };
    double x[4 * N], y[4 * N];
    for (int i = 0; i < N; i++) {
        double t = (double)i / (N - 1);
        x[i] = e[0] + t * (e[2] - e[0]), y[i] = e[1];
        x[N + i] = e[0] + t * (e[2] - e[0]), y[N + i] = e[3];
        x[2 * N + i] = e[0], y[2 * N + i] = e[1] + t * (e[3] - e[1]);
        x[3 * N + i] = e[2], y[3 * N + i] = e[1] + t * (e[3] - e[1]);
    }
    tcmap__gdal_capture cap;
    tcmap__gdal_push(&cap);
    tcmap_status st = tcmap__map_from_lonlat(m, 4 * N, x, y, err);
    tcmap__gdal_pop();
    if (st != TCMAP_OK)
        return st;
    out[0] = out[2] = x[0];
    out[1] = out[3] = y[0];
    for (int i = 1; i < 4 * N; i++) {
        out[0] = x[i] < out[0] ? x[i] : out[0];
        out[1] = y[i] < out[1] ? y[i] : out[1];
        out[2] = x[i] > out[2] ? x[i] : out[2];
        out[3] = y[i] > out[3] ? y[i] : out[3];
    }
    tcmap__crs_memo_keep_box(m->geo->crs, e, out);
    return TCMAP_OK;
}
