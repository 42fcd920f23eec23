/* The loader reads a shapefile (Shapelib) and any OGR source the same way,
 * keyed on whatever attribute the manifest names, and measures areas once
 * on an equal-area projection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <gdal.h>
#include <gdal_utils.h>
#include <glib/gstdio.h>
#include <shapefil.h>
#include <glib.h>
#include <math.h>
#include <string.h>

static void
check_squares(const tcmap_geodata *g)
{
    assert_int_equal(tcmap_geodata_area_count(g), 3);
    size_t w = 99, e = 99, c = 99, nowhere = 99;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_area_find(g, "west", &w, &err), TCMAP_OK);
    assert_int_equal(tcmap_geodata_area_find(g, "east", &e, &err), TCMAP_OK);
    assert_int_equal(tcmap_geodata_area_find(g, "ctx", &c, &err), TCMAP_OK);
    assert_true(w < 3 && e < 3 && c < 3 && w != e && e != c && w != c);
    assert_string_equal(tcmap_geodata_area_id(g, w), "west");
    /* A miss is an error with a message, and leaves *index alone: no
     * sentinel index that a caller could use by mistake. */
    assert_int_equal(tcmap_geodata_area_find(g, "nowhere", &nowhere, &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message, "no area 'nowhere'");
    assert_int_equal(nowhere, 99);
    assert_int_equal(tcmap_geodata_settlement_find(g, "west", &nowhere, &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message, "no settlement 'west'");
    assert_int_equal(tcmap_geodata_area_find(g, NULL, &nowhere, &err),
                     TCMAP_ERR_ARG);
    assert_int_equal(tcmap_geodata_area_find(g, "west", NULL, &err),
                     TCMAP_ERR_ARG);
    /* 10 x 10 km minus a 2 x 2 km hole. UTM's scale factor near its
     * central meridian (0.9996 at 45 E, ~1.0001 at 44.3 E) makes the
     * equal-area figure differ from the grid figure by well under 0.2 %. */
    assert_true(fabs(tcmap_geodata_area_km2(g, (size_t)w) - 96.0) < 0.2);
    assert_true(fabs(tcmap_geodata_area_km2(g, (size_t)e) - 100.0) < 0.2);
    assert_string_equal(tcmap_geodata_area_name(g, (size_t)w, "en"), "West");
    assert_string_equal(tcmap_geodata_area_name(g, (size_t)w, "az"), "Qərb");
    /* An empty name, or a set the manifest lacks, falls back to the
     * English name, never to the id (issue 23). */
    assert_string_equal(tcmap_geodata_area_name(g, (size_t)e, "az"), "East");
    assert_string_equal(tcmap_geodata_area_name(g, (size_t)e, "hy"), "East");
    assert_false(tcmap_geodata_area_is_context(g, (size_t)w));
    assert_true(tcmap_geodata_area_is_context(g, (size_t)c));
}

static void
test_shapefile_with_hole_loads_with_its_own_field_names(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("shp");
    tcmap_geodata *g = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:32638", &g, &err),
                     TCMAP_OK);
    check_squares(g);
    tcmap_geodata_destroy(g);
    g_free(dir);
}

static void
test_reprojection_keeps_areas(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("shp3857");
    tcmap_geodata *g = NULL;
    /* Web Mercator inflates areas by ~1.7 here; km² must not follow it. */
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:3857", &g, NULL),
                     TCMAP_OK);
    check_squares(g);
    tcmap_geodata_destroy(g);
    g_free(dir);
}

static void
test_geopackage_loads_through_ogr(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("gpkg");
    char *shp = g_build_filename(dir, "squares.shp", NULL);
    char *gpkg = g_build_filename(dir, "squares.gpkg", NULL);
    GDALAllRegister();
    GDALDatasetH src = GDALOpenEx(shp, GDAL_OF_VECTOR, NULL, NULL, NULL);
    GDALDatasetH out = GDALVectorTranslate(gpkg, NULL, 1, &src, NULL, NULL);
    assert_non_null(out);
    GDALClose(out);
    GDALClose(src);
    /* Remove the shapefile so that only the GeoPackage can be read. */
    const char *ext[] = {"shp", "shx", "dbf", "prj", "cpg"};
    for (int i = 0; i < 5; i++) {
        char *p = g_strdup_printf("%s/squares.%s", dir, ext[i]);
        remove(p);
        g_free(p);
    }
    char *manifest = g_build_filename(dir, "manifest.ini", NULL);
    g_file_set_contents(manifest,
                        "[areas]\npath = squares.gpkg\nid = code\n"
                        "name.en = nm_en\nname.az = nm_az\nkind = kind\n",
                        -1, NULL);
    tcmap_geodata *g = NULL;
    tcmap_error err;
    if (tcmap_geodata_load(manifest, "EPSG:32638", &g, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    check_squares(g);
    tcmap_geodata_destroy(g);
    g_free(manifest);
    g_free(gpkg);
    g_free(shp);
    g_free(dir);
}

static void
expect_error(const char *dir_name, const char *manifest_text,
             tcmap_status status, const char *what)
{
    char *dir = tu_square_geodata(dir_name);
    char *manifest = g_build_filename(dir, "manifest.ini", NULL);
    if (manifest_text)
        g_file_set_contents(manifest, manifest_text, -1, NULL);
    tcmap_geodata *g = (tcmap_geodata *)1;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, NULL, &g, &err), status);
    assert_null(g);
    if (!strstr(err.message, what))
        fail_msg("got '%s', want '%s'", err.message, what);
    g_free(manifest);
    g_free(dir);
}

static void
test_a_field_the_manifest_names_must_exist(void **state)
{
    (void)state;
    expect_error("nofield", "[areas]\npath = squares.shp\nid = gn_name\n",
                 TCMAP_ERR_DATA,
                 "squares.shp: no attribute 'gn_name' (the manifest names "
                 "it)");
}

static void
test_manifest_without_areas_id_is_an_error(void **state)
{
    (void)state;
    expect_error("noid", "[areas]\npath = squares.shp\n", TCMAP_ERR_DATA,
                 "manifest.ini: [areas] has no id");
}

static void
test_missing_layer_file_is_an_io_error(void **state)
{
    (void)state;
    expect_error("nofile", "[areas]\npath = gone.shp\nid = code\n",
                 TCMAP_ERR_IO, "gone.shp: cannot open shapefile");
}

static void
test_shapefile_without_prj_is_an_error(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("noprj");
    char *prj = g_build_filename(dir, "squares.prj", NULL);
    remove(prj);
    tcmap_geodata *g = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, NULL, &g, &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "no .prj file"));
    g_free(prj);
    g_free(dir);
}

static void
test_missing_manifest_is_an_io_error(void **state)
{
    (void)state;
    tcmap_geodata *g = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load("/nonexistent-dir", NULL, &g, &err),
                     TCMAP_ERR_IO);
    assert_true(g_str_has_prefix(err.message, "/nonexistent-dir: cannot read "
                                              "geodata manifest"));
}

static void
test_unknown_crs_is_an_error(void **state)
{
    (void)state;
    char *dir = tu_square_geodata("badcrs");
    tcmap_geodata *g = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:999999", &g, &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "EPSG:999999"));
    g_free(dir);
}

/* Writes a polygon shapefile of `n` rings (one feature each) with ids. */
static char *
write_rings(const char *name, int n, const double (*x)[5],
            const double (*y)[5], const char *const *ids)
{
    char *dir = tu_path(name);
    g_mkdir_with_parents(dir, 0755);
    char *base = g_build_filename(dir, "a", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "id", FTString, 16, 0);
    for (int i = 0; i < n; i++) {
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, x[i], y[i],
                                             NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    char *src = g_build_filename(tu_tmpdir(), "shp", "squares.prj", NULL);
    char *prj_text = tu_read(src, NULL);
    char *prj = g_strconcat(base, ".prj", NULL);
    g_file_set_contents(prj, prj_text, -1, NULL);
    char *manifest = g_build_filename(dir, "manifest.ini", NULL);
    g_file_set_contents(manifest, "[areas]\npath = a.shp\nid = id\n", -1,
                        NULL);
    g_free(manifest), g_free(prj), g_free(prj_text), g_free(src);
    g_free(base);
    return dir;
}

typedef struct collected {
    int n;
    char all[2048];
} collected;

static void
collect(void *user, const char *msg)
{
    collected *c = user;
    c->n++;
    g_strlcat(c->all, msg, sizeof c->all);
    g_strlcat(c->all, "\n", sizeof c->all);
}

static void
test_check_finds_overlaps_and_invalid_polygons(void **state)
{
    (void)state;
    /* a and b overlap by 2 x 10 km; c is a bow tie (self-intersecting);
     * d only touches a along an edge. Rings run clockwise. */
    const double x[4][5] = {{400000, 400000, 410000, 410000, 400000},
                            {408000, 408000, 418000, 418000, 408000},
                            {430000, 440000, 430000, 440000, 430000},
                            {390000, 390000, 400000, 400000, 390000}};
    const double y[4][5] = {{4400000, 4410000, 4410000, 4400000, 4400000},
                            {4400000, 4410000, 4410000, 4400000, 4400000},
                            {4400000, 4410000, 4410000, 4400000, 4400000},
                            {4400000, 4410000, 4410000, 4400000, 4400000}};
    const char *ids[] = {"a", "b", "c", "d"};
    /* The .prj comes from the squares fixture of the first test. */
    char *sq = tu_square_geodata("shp");
    g_free(sq);
    char *dir = write_rings("check", 4, x, y, ids);
    tcmap_geodata *g = NULL;
    tcmap_error err;
    if (tcmap_geodata_load(dir, "EPSG:32638", &g, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    collected c = {0};
    size_t n = tcmap_geodata_check(g, 0.01, collect, &c);
    assert_int_equal(n, 2);
    assert_int_equal(c.n, 2);
    char *want = g_strdup_printf("%s/a.shp:3: area 'c': the polygon is not "
                                 "valid",
                                 dir);
    if (!strstr(c.all, want))
        fail_msg("got:\n%swant: %s", c.all, want);
    g_free(want);
    want = g_strdup_printf("%s/a.shp:2: area 'b': overlaps area 'a' "
                           "(feature 1) by 20.000 km²",
                           dir);
    if (!strstr(c.all, want))
        fail_msg("got:\n%swant: %s", c.all, want);
    g_free(want);
    /* A tolerance above the overlap lets it pass; the bow tie stays. */
    assert_int_equal(tcmap_geodata_check(g, 25.0, NULL, NULL), 1);
    tcmap_geodata_destroy(g);
    g_free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapefile_with_hole_loads_with_its_own_field_names),
        cmocka_unit_test(test_reprojection_keeps_areas),
        cmocka_unit_test(test_geopackage_loads_through_ogr),
        cmocka_unit_test(test_a_field_the_manifest_names_must_exist),
        cmocka_unit_test(test_manifest_without_areas_id_is_an_error),
        cmocka_unit_test(test_missing_layer_file_is_an_io_error),
        cmocka_unit_test(test_shapefile_without_prj_is_an_error),
        cmocka_unit_test(test_missing_manifest_is_an_io_error),
        cmocka_unit_test(test_unknown_crs_is_an_error),
        cmocka_unit_test(test_check_finds_overlaps_and_invalid_polygons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
