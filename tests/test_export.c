/* Export round trips: a snapshot written as GeoJSON, GeoPackage, Shapefile
 * and CSV, reopened with OGR, gives back the same areas, parties, dates and
 * km², with holes kept; failures leave nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <gdal.h>
#include <glib.h>
#include <math.h>
#include <ogr_api.h>
#include <string.h>

/* west (10 x 10 km with a 2 x 2 km hole) AZ; east AM, contested by AZ
 * from 2010; ctx (context) has no data. */
static const char TABLE[] = "date,area,party,status,party2,source\n"
                            "2000-01-01,west,AZ,,,Source W\n"
                            "2000-01-01,east,AM,,,Source E1\n"
                            "2010-06-01,east,AM,contested,AZ,Source E2\n";

typedef struct fixture {
    tcmap_map *map;
    tcmap_snapshot *snap;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    char *geo_dir = tu_square_geodata("geo");
    char *style = tu_square_style("style.ini");
    char *table = tu_write("table.csv", TABLE);
    tcmap_error err;
    if (tcmap_map_open(geo_dir, table, style, &fx.map, &err) != TCMAP_OK ||
        tcmap_snapshot_create(fx.map, "2012-01-01", &fx.snap, &err) !=
            TCMAP_OK) {
        print_error("fixture: %s\n", err.message);
        return -1;
    }
    g_free(geo_dir), g_free(style), g_free(table);
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    tcmap_snapshot_destroy(fx->snap);
    tcmap_map_destroy(fx->map);
    return 0;
}

/* Reopens `path` and checks every feature against the snapshot. Returns
 * the number of features. */
static int
check_round_trip(const fixture *fx, const char *path, int projected)
{
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int n = 0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        n++;
        const char *id =
            OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, "id"));
        long i = tcmap_geodata_area_find(geo, id);
        assert_true(i >= 0);
        const tcmap_event *e = tcmap_snapshot_area_event(fx->snap, (size_t)i);
        int party = OGR_FD_GetFieldIndex(defn, "party");
        if (e) {
            assert_string_equal(OGR_F_GetFieldAsString(f, party), e->party);
            assert_string_equal(
                OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn,
                                                               "status")),
                e->status);
            assert_string_equal(
                OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn,
                                                               "source")),
                e->source);
            /* Dates come back as YYYY/MM/DD from typed formats and as
             * written from CSV; compare the digits. */
            char *since = g_strdup(OGR_F_GetFieldAsString(
                f, OGR_FD_GetFieldIndex(defn, "since")));
            g_strdelimit(since, "/", '-');
            assert_string_equal(since, e->date);
            g_free(since);
        } else {
            /* No data stays null (empty in CSV), never a guessed party. */
            assert_string_equal(OGR_F_GetFieldAsString(f, party), "");
        }
        double km2 =
            OGR_F_GetFieldAsDouble(f, OGR_FD_GetFieldIndex(defn, "km2"));
        assert_float_equal(km2, tcmap_geodata_area_km2(geo, (size_t)i), 1e-6);
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        assert_non_null(g);
        if (projected) {
            /* In the map's metres: west's hole is a hole (96, not 100 or
             * 104 km²). */
            double want = !strcmp(id, "west") ? 96e6 : 100e6;
            assert_float_equal(OGR_G_Area(g), want, 1e3);
        } else {
            OGREnvelope env;
            OGR_G_GetEnvelope(g, &env);
            assert_true(env.MinX > 43.7 && env.MaxX < 44.5);
            assert_true(env.MinY > 39.6 && env.MaxY < 40.0);
        }
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    return n;
}

static void
test_geojson_round_trips_in_lon_lat(void **state)
{
    fixture *fx = *state;
    char *p = tu_path("state.geojson");
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_export(fx->snap, p, NULL, &err),
                     TCMAP_OK);
    assert_int_equal(check_round_trip(fx, p, 0), 2); /* no context */
    g_free(p);
}

static void
test_geopackage_round_trips_in_the_map_crs_with_holes(void **state)
{
    fixture *fx = *state;
    char *p = tu_path("state.gpkg");
    tcmap_export_options opt = {.crs = "map", .include_context = 1};
    assert_int_equal(tcmap_snapshot_export(fx->snap, p, &opt, NULL),
                     TCMAP_OK);
    assert_int_equal(check_round_trip(fx, p, 1), 3);
    g_free(p);
}

static void
test_shapefile_and_csv_round_trip(void **state)
{
    fixture *fx = *state;
    char *dir = tu_path("shp");
    g_mkdir_with_parents(dir, 0755);
    char *shp = g_build_filename(dir, "state.shp", NULL);
    tcmap_export_options opt = {.crs = "EPSG:32638"};
    assert_int_equal(tcmap_snapshot_export(fx->snap, shp, &opt, NULL),
                     TCMAP_OK);
    assert_int_equal(check_round_trip(fx, shp, 1), 2);
    /* All parts moved into place, and no temporary directory left. */
    const char *parts[] = {"state.shp", "state.shx", "state.dbf",
                           "state.prj", "state.cpg"};
    for (int i = 0; i < 5; i++) {
        char *p = g_build_filename(dir, parts[i], NULL);
        assert_true(g_file_test(p, G_FILE_TEST_EXISTS));
        g_free(p);
    }
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    int entries = 0;
    while ((name = g_dir_read_name(d)) != NULL)
        entries++;
    g_dir_close(d);
    assert_int_equal(entries, 5);
    char *csv = tu_path("state.csv");
    assert_int_equal(tcmap_snapshot_export(fx->snap, csv, NULL, NULL),
                     TCMAP_OK);
    assert_int_equal(check_round_trip(fx, csv, 0), 2);
    g_free(csv), g_free(shp), g_free(dir);
}

static void
test_export_errors_have_a_status_a_message_and_keep_old_files(void **state)
{
    fixture *fx = *state;
    tcmap_error err;
    char *old = tu_write("keep.geojson", "GOOD");
    tcmap_export_options utm = {.crs = "EPSG:32638"};
    assert_int_equal(tcmap_snapshot_export(fx->snap, old, &utm, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "keep.geojson: GeoJSON is always "
                                        "EPSG:4326 (RFC 7946)"));
    tcmap_export_options bad = {.crs = "EPSG:999999"};
    char *gpkg = tu_path("bad.gpkg");
    assert_int_equal(tcmap_snapshot_export(fx->snap, gpkg, &bad, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "bad.gpkg: unknown CRS "
                                        "'EPSG:999999'"));
    assert_false(g_file_test(gpkg, G_FILE_TEST_EXISTS));
    assert_int_equal(tcmap_snapshot_export(fx->snap, "x.kml", NULL, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "x.kml: cannot tell the format from the "
                                     "name; use .geojson, .gpkg, .shp or "
                                     ".csv");
    assert_int_equal(tcmap_snapshot_export(fx->snap, "/nonexistent/d/x.gpkg",
                                           NULL, &err),
                     TCMAP_ERR_IO);
    assert_non_null(strstr(err.message, "/nonexistent/d/x.gpkg: cannot "
                                        "create"));
    assert_int_equal(tcmap_snapshot_export(NULL, "x.gpkg", NULL, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "export: NULL argument");
    char *text = tu_read(old, NULL);
    assert_string_equal(text, "GOOD");
    g_free(text), g_free(old), g_free(gpkg);
}

static void
test_cli_export_writes_a_geopackage_and_rejects_bad_usage(void **state)
{
    (void)state;
    char *gpkg = tu_path("cli.gpkg"), *err = NULL, *out = NULL;
    int rc = tu_run(NULL, &err, "export", "--date", "1994-05-12", "-o", gpkg,
                    NULL);
    if (rc != 0)
        fail_msg("export: exit %d: %s", rc, err);
    g_free(err);
    /* Lachin is cut into its settlements' cells: each feature names the
     * area it is ground of. */
    char *cmd = g_strdup_printf("ogrinfo -q -geom=NO '%s' -sql \"SELECT "
                                "DISTINCT party FROM cli WHERE area = "
                                "'lachin'\"",
                                gpkg);
    assert_true(g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL));
    char *want = NULL;
    tu_run(&want, NULL, "stats", "--by", "area", "--date", "1994-05-12",
           NULL);
    /* The default table says who held Lachin; the export must
     * agree with the stats command. */
    char *line = strstr(want, "\nlachin,");
    assert_non_null(line);
    char **f = g_strsplit(line + 1, ",", -1);
    char *expect = g_strdup_printf("party (String) = %s", f[2]);
    assert_non_null(strstr(out, expect));
    g_strfreev(f);
    g_free(expect), g_free(want), g_free(out), g_free(cmd);
    assert_int_equal(tu_run(NULL, &err, "export", "--date", "1994-13-01",
                            "-o", "x.kml", "--bogus", NULL),
                     2);
    assert_non_null(strstr(err, "--date '1994-13-01' is not a date"));
    assert_non_null(strstr(err, "cannot tell the format of 'x.kml'"));
    assert_non_null(strstr(err, "unknown option '--bogus'"));
    g_free(err), g_free(gpkg);
}

static void
collect(void *user, const char *message)
{
    GString *all = user;
    g_string_append(all, message);
    g_string_append_c(all, '\n');
}

/* Issue #27 finding 14: a shapefile cut a 329-byte source (and a 1 MB
 * name) to 254 bytes without a word. The export still writes it -- the
 * format cannot hold more -- but says which fields of which areas were
 * cut, once; GeoPackage keeps the value whole and says nothing. */
static void
test_a_shapefile_export_names_the_text_it_cut(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("cutgeo");
    g_autofree char *style = tu_square_style("cut.ini");
    char *longsrc = g_strnfill(329, 's');
    g_autofree char *text =
        g_strdup_printf("date,area,party,source\n2000-01-01,west,AZ,%s\n"
                        "2000-01-01,east,AM,short\n",
                        longsrc);
    g_autofree char *table = tu_write("cut.csv", text);
    tcmap_map *m = NULL;
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_map_open(geo, table, style, &m, &err), TCMAP_OK);
    assert_int_equal(tcmap_snapshot_create(m, "2001-01-01", &snap, &err),
                     TCMAP_OK);
    GString *said = g_string_new(NULL);
    tcmap_export_options opt = {.warn = collect, .warn_user = said};
    g_autofree char *shp = tu_path("cut.shp");
    assert_int_equal(tcmap_snapshot_export(snap, shp, &opt, &err), TCMAP_OK);
    g_autofree char *want = g_strdup_printf(
        "%s: a shapefile's text field holds at most 254 bytes: 1 value was "
        "cut (field 'source' of 'west'); write .gpkg or .geojson",
        shp);
    if (!strstr(said->str, want))
        fail_msg("got: %s\nwanted: %s", said->str, want);
    g_string_truncate(said, 0);
    g_autofree char *gpkg = tu_path("cut.gpkg");
    assert_int_equal(tcmap_snapshot_export(snap, gpkg, &opt, &err), TCMAP_OK);
    assert_int_equal(said->len, 0);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    int whole = 0;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *src = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f,
                                                                   "source"));
        whole += !strcmp(src, longsrc);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    assert_int_equal(whole, 1);
    g_string_free(said, TRUE);
    /* The program prints the warning and still exits 0. */
    char *e = NULL;
    g_autofree char *shp2 = tu_path("cut2.shp");
    assert_int_equal(tu_run(NULL, &e, "export", "--geodata", geo,
                            "--control", table, "--style", style, "--date",
                            "2001-01-01", "-o", shp2, NULL),
                     0);
    assert_non_null(strstr(e, "tcmap: warning: "));
    assert_non_null(strstr(e, "field 'source' of 'west'"));
    g_free(e);
    g_free(longsrc);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(m);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geojson_round_trips_in_lon_lat),
        cmocka_unit_test(test_geopackage_round_trips_in_the_map_crs_with_holes),
        cmocka_unit_test(test_shapefile_and_csv_round_trip),
        cmocka_unit_test(test_a_shapefile_export_names_the_text_it_cut),
        cmocka_unit_test(
            test_export_errors_have_a_status_a_message_and_keep_old_files),
        cmocka_unit_test(
            test_cli_export_writes_a_geopackage_and_rejects_bad_usage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
