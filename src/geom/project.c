/* project.c - the coordinate transformations the load stage makes.
 *
 * GDAL's OCTNewCoordinateTransformation asks PROJ to search proj.db for
 * candidate operations: 10-30 ms each, and opening a map needs several, a
 * third of a one-frame run. Between two CRSs on the same datum no datum
 * shift is involved, and the operation PROJ would find is the inverse of
 * one map projection followed by the other. We write that pipeline
 * ourselves (no database query) and leave everything else, datum changes
 * above all, to GDAL's search. */
#include "geom/project.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <glib.h>
#include <math.h>
#include <string.h>

/* GDAL hands an operation coordinates in the CRS's own axis order
 * (latitude first for EPSG:4326), whatever the data order: 1 when that is
 * north first, 0 east first, -1 anything else. */
static int
north_first(OGRSpatialReferenceH srs)
{
    OGRAxisOrientation a = OAO_Other, b = OAO_Other;
    if (OSRGetAxesCount(srs) != 2 || !OSRGetAxis(srs, NULL, 0, &a) ||
        !OSRGetAxis(srs, NULL, 1, &b))
        return -1;
    if (a == OAO_East && b == OAO_North)
        return 0;
    if (a == OAO_North && b == OAO_East)
        return 1;
    return -1;
}

/* The PROJ step that takes `srs`'s coordinates to radians (inverse) or
 * radians to them (forward); NULL when a pipeline step could lose
 * something PROJ's own search would honour. */
static char *
step(OGRSpatialReferenceH srs, int inverse)
{
    int swap = north_first(srs);
    if (OSRGetAxisMappingStrategy(srs) != OAMS_TRADITIONAL_GIS_ORDER ||
        swap < 0)
        return NULL;
    const char *sw = "+proj=axisswap +order=2,1";
    if (OSRIsGeographic(srs)) {
        if (fabs(OSRGetAngularUnits(srs, NULL) - M_PI / 180) > 1e-12)
            return NULL;
        const char *deg = inverse ? "+proj=unitconvert +xy_in=deg +xy_out=rad"
                                  : "+proj=unitconvert +xy_in=rad +xy_out=deg";
        if (!swap)
            return g_strdup(deg);
        return inverse ? g_strdup_printf("%s +step %s", sw, deg)
                       : g_strdup_printf("%s +step %s", deg, sw);
    }
    if (!OSRIsProjected(srs))
        return NULL;
    char *p4 = NULL;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRErr e = OSRExportToProj4(srs, &p4);
    CPLPopErrorHandler();
    char *out = NULL;
    /* A null shift to WGS 84 (as GDAL writes for NZGD2000, say) changes
     * nothing between two CRSs on the same datum. */
    static const char *const null_shift[] = {" +towgs84=0,0,0,0,0,0,0",
                                             " +towgs84=0,0,0"};
    for (size_t i = 0; p4 && i < G_N_ELEMENTS(null_shift); i++) {
        char *at = strstr(p4, null_shift[i]);
        size_t len = strlen(null_shift[i]);
        if (at && (at[len] == ' ' || at[len] == '\0'))
            memmove(at, at + len, strlen(at + len) + 1);
    }
    /* Grids, datum shifts, prime meridians and swapped axes are what a
     * PROJ string may only approximate: leave those to the search. */
    static const char *const unsafe[] = {"+towgs84", "+nadgrids",
                                         "+geoidgrids", "+pm=",
                                         "+axis=", "+vunits", "+vto_meter"};
    int ok = e == OGRERR_NONE && p4 && !strncmp(p4, "+proj=", 6);
    for (size_t i = 0; ok && i < G_N_ELEMENTS(unsafe); i++)
        ok = !strstr(p4, unsafe[i]);
    if (ok && !swap)
        out = g_strdup_printf("%s%s", inverse ? "+inv " : "", p4);
    else if (ok)
        out = inverse ? g_strdup_printf("%s +step +inv %s", sw, p4)
                      : g_strdup_printf("%s +step %s", p4, sw);
    CPLFree(p4);
    return out;
}

OGRCoordinateTransformationH
tcmap__ct_new(OGRSpatialReferenceH src, OGRSpatialReferenceH dst)
{
    OGRCoordinateTransformationH ct = NULL;
    char *a = NULL, *b = NULL;
    if (OSRIsSameGeogCS(src, dst) && (a = step(src, 1)) &&
        (b = step(dst, 0))) {
        char *pipe = g_strdup_printf("+proj=pipeline +step %s +step %s", a, b);
        OGRCoordinateTransformationOptionsH o =
            OCTNewCoordinateTransformationOptions();
        if (o && OCTCoordinateTransformationOptionsSetOperation(o, pipe, 0))
            ct = OCTNewCoordinateTransformationEx(src, dst, o);
        OCTDestroyCoordinateTransformationOptions(o);
        g_free(pipe);
    }
    g_free(a);
    g_free(b);
    return ct ? ct : OCTNewCoordinateTransformation(src, dst);
}

OGRSpatialReferenceH
tcmap__srs_geographic(OGRSpatialReferenceH srs)
{
    OGRSpatialReferenceH g = OSRCloneGeogCS(srs);
    if (g)
        OSRSetAxisMappingStrategy(g, OAMS_TRADITIONAL_GIS_ORDER);
    return g;
}

OGRSpatialReferenceH
tcmap__srs_equal_area(OGRSpatialReferenceH srs, double lat, double lon)
{
    OGRSpatialReferenceH ea = OSRCloneGeogCS(srs);
    if (ea && OSRSetLAEA(ea, lat, lon, 0, 0) != OGRERR_NONE) {
        OSRDestroySpatialReference(ea);
        return NULL;
    }
    if (ea)
        OSRSetAxisMappingStrategy(ea, OAMS_TRADITIONAL_GIS_ORDER);
    return ea;
}
