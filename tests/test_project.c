/* The transformations project.c writes as PROJ pipelines (between CRSs on
 * one datum) give the same coordinates as the operation GDAL and PROJ
 * would search for, in either axis order; a datum change is left to that
 * search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "geom/project.h"

#include <math.h>
#include <ogr_srs_api.h>

static OGRSpatialReferenceH
srs(const char *def)
{
    OGRSpatialReferenceH s = OSRNewSpatialReference(NULL);
    if (OSRSetFromUserInput(s, def) != OGRERR_NONE)
        fail_msg("cannot read CRS %s", def);
    OSRSetAxisMappingStrategy(s, OAMS_TRADITIONAL_GIS_ORDER);
    return s;
}

/* Transforms a grid of points (x0..x1, y0..y1 in src units) both ways and
 * returns the largest difference, in dst units. */
static double
worst(OGRSpatialReferenceH src, OGRSpatialReferenceH dst, double x0,
      double y0, double x1, double y1)
{
    OGRCoordinateTransformationH ours = tcmap__ct_new(src, dst);
    OGRCoordinateTransformationH gdal = OCTNewCoordinateTransformation(src, dst);
    assert_non_null(ours);
    assert_non_null(gdal);
    double d = 0;
    for (int i = 0; i <= 8; i++)
        for (int j = 0; j <= 8; j++) {
            double ax = x0 + (x1 - x0) * i / 8, ay = y0 + (y1 - y0) * j / 8;
            double bx = ax, by = ay;
            assert_true(OCTTransform(ours, 1, &ax, &ay, NULL));
            assert_true(OCTTransform(gdal, 1, &bx, &by, NULL));
            d = fmax(d, fmax(fabs(ax - bx), fabs(ay - by)));
        }
    OCTDestroyCoordinateTransformation(ours);
    OCTDestroyCoordinateTransformation(gdal);
    return d;
}

static void
test_shapefile_degrees_to_utm_match_gdal(void **state)
{
    (void)state;
    OGRSpatialReferenceH prj =
        srs(TCMAP_SOURCE_DIR "/tests/golden/data/areas.prj");
    OGRSpatialReferenceH utm = srs("EPSG:32638");
    assert_true(worst(prj, utm, 44, 38, 49, 41.5) < 1e-6);
    OSRDestroySpatialReference(prj);
    OSRDestroySpatialReference(utm);
}

/* EPSG:4326 and the geographic CRS of a UTM zone are latitude first:
 * GDAL swaps the axes before the operation, and so must the pipeline. */
static void
test_latitude_first_geographic_crs_match_gdal(void **state)
{
    (void)state;
    OGRSpatialReferenceH wgs = srs("EPSG:4326");
    OGRSpatialReferenceH utm = srs("EPSG:32638");
    OGRSpatialReferenceH geog = tcmap__srs_geographic(utm);
    assert_non_null(geog);
    assert_true(worst(wgs, utm, 44, 38, 49, 41.5) < 1e-6);
    assert_true(worst(utm, geog, 300e3, 4200e3, 800e3, 4600e3) < 1e-9);
    assert_true(worst(geog, utm, 44, 38, 49, 41.5) < 1e-6);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(utm);
    OSRDestroySpatialReference(geog);
}

/* New Zealand Transverse Mercator is northing first. */
static void
test_northing_first_projected_crs_match_gdal(void **state)
{
    (void)state;
    OGRSpatialReferenceH nztm = srs("EPSG:2193");
    OGRSpatialReferenceH geog = tcmap__srs_geographic(nztm);
    assert_true(worst(geog, nztm, 172, -42, 176, -38) < 1e-6);
    assert_true(worst(nztm, geog, 1.5e6, 5.3e6, 1.9e6, 5.8e6) < 1e-9);
    OSRDestroySpatialReference(nztm);
    OSRDestroySpatialReference(geog);
}

/* The equal-area CRS that km² are measured on, against the same CRS
 * written as a PROJ string and transformed by GDAL's search. */
static void
test_equal_area_projection_matches_a_proj_string(void **state)
{
    (void)state;
    OGRSpatialReferenceH utm = srs("EPSG:32638");
    OGRSpatialReferenceH ea = tcmap__srs_equal_area(utm, 39.8, 46.6);
    OGRSpatialReferenceH ref = srs("+proj=laea +lat_0=39.8 +lon_0=46.6 "
                                   "+datum=WGS84 +units=m +no_defs");
    assert_non_null(ea);
    OGRCoordinateTransformationH ours = tcmap__ct_new(utm, ea);
    OGRCoordinateTransformationH gdal = OCTNewCoordinateTransformation(utm, ref);
    double d = 0;
    for (int i = 0; i <= 8; i++) {
        double ax = 300e3 + 5e4 * i, ay = 4200e3 + 4e4 * i, bx = ax, by = ay;
        assert_true(OCTTransform(ours, 1, &ax, &ay, NULL));
        assert_true(OCTTransform(gdal, 1, &bx, &by, NULL));
        d = fmax(d, fmax(fabs(ax - bx), fabs(ay - by)));
    }
    assert_true(d < 1e-6);
    OCTDestroyCoordinateTransformation(ours);
    OCTDestroyCoordinateTransformation(gdal);
    OSRDestroySpatialReference(utm);
    OSRDestroySpatialReference(ea);
    OSRDestroySpatialReference(ref);
}

/* WGS 84 to the German DHDN grid needs a datum shift of some 100 m, which
 * a same-datum pipeline would leave out. */
static void
test_a_datum_change_keeps_gdals_datum_shift(void **state)
{
    (void)state;
    OGRSpatialReferenceH wgs = srs("EPSG:4326");
    OGRSpatialReferenceH gk = srs("EPSG:31467");
    assert_true(worst(wgs, gk, 8, 48, 10, 52) < 1e-6);
    OSRDestroySpatialReference(wgs);
    OSRDestroySpatialReference(gk);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapefile_degrees_to_utm_match_gdal),
        cmocka_unit_test(test_latitude_first_geographic_crs_match_gdal),
        cmocka_unit_test(test_northing_first_projected_crs_match_gdal),
        cmocka_unit_test(test_equal_area_projection_matches_a_proj_string),
        cmocka_unit_test(test_a_datum_change_keeps_gdals_datum_shift),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
