/* Export round trips: a snapshot written as GeoJSON, GeoPackage, Shapefile
 * and CSV, reopened with OGR, gives back the same areas, parties, dates and
 * km², with holes kept; failures leave nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "load/geodata.h"
#include "../tools/geodata/laea.h"

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
        long i = tcmap__geodata_area_index(geo, id);
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
    tcmap_export_options opt = {.size = sizeof opt, .crs = "map", .include_context = 1};
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
    tcmap_export_options opt = {.size = sizeof opt, .crs = "EPSG:32638"};
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
    tcmap_export_options utm = {.size = sizeof utm, .crs = "EPSG:32638"};
    assert_int_equal(tcmap_snapshot_export(fx->snap, old, &utm, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "keep.geojson: GeoJSON is always "
                                        "EPSG:4326 (RFC 7946)"));
    tcmap_export_options bad = {.size = sizeof bad, .crs = "EPSG:999999"};
    char *gpkg = tu_path("bad.gpkg");
    assert_int_equal(tcmap_snapshot_export(fx->snap, gpkg, &bad, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "bad.gpkg: unknown CRS "
                                        "'EPSG:999999'"));
    assert_false(g_file_test(gpkg, G_FILE_TEST_EXISTS));
    assert_int_equal(tcmap_snapshot_export(fx->snap, "x.kml", NULL, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "x.kml: cannot tell the format from the "
                                     "name; use .geojson, .gpkg, .shp, "
                                     ".csv or .fgb");
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
    tcmap_export_options opt = {.size = sizeof opt, .warn = collect, .warn_user = said};
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

/* The features of a time-enabled layer active on `date` (valid_from <=
 * date < valid_to, a null valid_to being open), summed per party: their
 * km2 field into km2, their geometry's area (km², in the layer's CRS)
 * into geom_km2. Returns how many are active. */
static int
active_sums(OGRLayerH layer, const char *date, GHashTable *km2,
            GHashTable *geom_km2)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int party = OGR_FD_GetFieldIndex(defn, "party");
    int from = OGR_FD_GetFieldIndex(defn, "valid_from");
    int to = OGR_FD_GetFieldIndex(defn, "valid_to");
    int k = OGR_FD_GetFieldIndex(defn, "km2");
    assert_true(party >= 0 && from >= 0 && to >= 0 && k >= 0);
    int n = 0;
    OGRFeatureH f;
    OGR_L_ResetReading(layer);
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        int y, m, d, hh, mm, tz;
        float ss;
        char a[11], b[11] = "";
        assert_true(OGR_F_GetFieldAsDateTimeEx(f, from, &y, &m, &d, &hh, &mm,
                                               &ss, &tz));
        snprintf(a, sizeof a, "%04d-%02d-%02d", y, m, d);
        if (OGR_F_IsFieldSetAndNotNull(f, to)) {
            OGR_F_GetFieldAsDateTimeEx(f, to, &y, &m, &d, &hh, &mm, &ss,
                                       &tz);
            snprintf(b, sizeof b, "%04d-%02d-%02d", y, m, d);
            /* Never empty: an interval ends after it starts. */
            assert_true(strcmp(a, b) < 0);
        }
        if (strcmp(a, date) <= 0 && (!b[0] || strcmp(date, b) < 0)) {
            const char *p = OGR_F_IsFieldSetAndNotNull(f, party)
                                ? OGR_F_GetFieldAsString(f, party)
                                : "none";
            double *v = g_hash_table_lookup(km2, p);
            if (!v) {
                v = g_new0(double, 1);
                g_hash_table_insert(km2, g_strdup(p), v);
            }
            *v += OGR_F_GetFieldAsDouble(f, k);
            double *g = g_hash_table_lookup(geom_km2, p);
            if (!g) {
                g = g_new0(double, 1);
                g_hash_table_insert(geom_km2, g_strdup(p), g);
            }
            *g += OGR_G_Area(OGR_F_GetGeometryRef(f)) / 1e6;
            n++;
        }
        OGR_F_Destroy(f);
    }
    return n;
}

static void
test_a_span_exports_as_one_layer_whose_active_features_match_the_stats(
    void **state)
{
    (void)state;
    /* The default data over the 2020 war, in an equal-area CRS so that
     * the dissolved polygons can be measured too. */
    char *gpkg = tu_path("war.gpkg"), *err = NULL;
    const char *laea = LAEA_PROJ4;
    int rc = tu_run(NULL, &err, "export", "--from", "2020-09-27", "--to",
                    "2020-12-01", "--crs", laea, "-o", gpkg, NULL);
    if (rc != 0)
        fail_msg("export: exit %d: %s", rc, err);
    g_free(err);
    tcmap_map *map = NULL;
    tcmap_error e;
    assert_int_equal(
        tcmap_map_open(TCMAP_SOURCE_DIR "/geodata",
                       TCMAP_SOURCE_DIR "/geodata/control/karabakh.csv",
                       TCMAP_SOURCE_DIR "/styles/default.ini", &map, &e),
        TCMAP_OK);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    /* Date-times, not dates: QGIS 3.22 compares a Date field with its
     * temporal controller's date-times as text (test_qgis.py). */
    OGRFeatureDefnH wdefn = OGR_L_GetLayerDefn(layer);
    assert_int_equal(OGR_Fld_GetType(OGR_FD_GetFieldDefn(
                         wdefn, OGR_FD_GetFieldIndex(wdefn, "valid_from"))),
                     OFTDateTime);
    /* One feature per interval, not one per date and area. */
    assert_true(OGR_L_GetFeatureCount(layer, TRUE) < 200);
    const char *dates[] = {"2020-10-20", "2020-11-09", "2020-12-01"};
    for (size_t i = 0; i < 3; i++) {
        GHashTable *km2 =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        GHashTable *gkm2 =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        assert_true(active_sums(layer, dates[i], km2, gkm2) > 0);
        tcmap_snapshot *snap = NULL;
        tcmap_stats *st = NULL;
        tcmap_stats_options so = {.size = sizeof so, .scope_all = 1};
        assert_int_equal(tcmap_snapshot_create(map, dates[i], &snap, &e),
                         TCMAP_OK);
        assert_int_equal(tcmap_snapshot_stats(snap, &so, &st, &e), TCMAP_OK);
        int parties = 0;
        for (size_t k = 0; k < tcmap_stats_count(st); k++) {
            double want = tcmap_stats_km2(st, k);
            if (want <= 0)
                continue;
            parties++;
            const char *p = tcmap_stats_party(st, k);
            double *got = g_hash_table_lookup(km2, p);
            double *geom = g_hash_table_lookup(gkm2, p);
            if (!got || !geom)
                fail_msg("%s: no feature of %s is active", dates[i], p);
            if (fabs(*got - want) > 0.005 * want ||
                fabs(*geom - want) > 0.005 * want)
                fail_msg("%s: %s holds %.1f km² (polygons %.1f), stats "
                         "say %.1f",
                         dates[i], p, *got, *geom, want);
        }
        /* Nothing active that the stats do not count. */
        assert_int_equal(g_hash_table_size(km2), parties);
        tcmap_stats_destroy(st);
        tcmap_snapshot_destroy(snap);
        g_hash_table_destroy(km2);
        g_hash_table_destroy(gkm2);
    }
    GDALClose(ds);
    /* In EPSG:4326 (the default) every dissolved polygon is valid too:
     * the hairline holes between cells collapse there and are repaired. */
    rc = tu_run(NULL, &err, "export", "--from", "2020-09-27", "--to",
                "2020-12-01", "-o", gpkg, NULL);
    if (rc != 0)
        fail_msg("export: exit %d: %s", rc, err);
    g_free(err);
    ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    int n = 0, invalid = 0;
    while ((f = OGR_L_GetNextFeature(layer)) != NULL) {
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        n++;
        invalid += !g || !OGR_G_IsValid(g) ||
                   wkbFlatten(OGR_G_GetGeometryType(g)) != wkbMultiPolygon;
        OGR_F_Destroy(f);
    }
    assert_true(n > 0);
    assert_int_equal(invalid, 0);
    GDALClose(ds);
    tcmap_map_destroy(map);
    g_free(gpkg);
}

static void
test_a_span_layer_has_iso_dates_an_exclusive_end_and_open_ends(void **state)
{
    fixture *fx = *state;
    tcmap_error err;
    char *csv = tu_path("span.csv");
    /* By area: west AZ throughout; east AM, then contested from
     * 2010-06-01 (the table's last event). */
    tcmap_range_export_options o = {.size = sizeof o, .dissolve = TCMAP_DISSOLVE_AREA};
    assert_int_equal(tcmap_map_export_range(fx->map, "2005-01-01",
                                            "2012-01-01", csv, &o, &err),
                     TCMAP_OK);
    char *text = tu_read(csv, NULL);
    assert_non_null(strstr(text, "party,party_label,status,valid_from,"
                                 "valid_to,km2,sources,area"));
    assert_non_null(strstr(text, ",AM,"));
    /* The AM row ends the day contested starts; what still holds after
     * the table's last event has no end. */
    assert_non_null(strstr(text, ",2005-01-01,2010-06-01,"));
    assert_non_null(strstr(text, "contested,2010-06-01,,"));
    assert_null(strstr(text, "2012-01-02"));
    assert_null(strstr(text, "ctx")); /* context stays out */
    g_free(text);
    /* A span ending before the last event ends the day after it. */
    assert_int_equal(tcmap_map_export_range(fx->map, "2005-01-01",
                                            "2008-01-01", csv, &o, &err),
                     TCMAP_OK);
    text = tu_read(csv, NULL);
    assert_non_null(strstr(text, ",2005-01-01,2008-01-02,"));
    assert_null(strstr(text, "contested"));
    g_free(text);
    /* FlatGeobuf too: the same features, dates as dates (FlatGeobuf has
     * date-times only: midnight). */
    char *fgb = tu_path("span.fgb");
    assert_int_equal(tcmap_map_export_range(fx->map, "2005-01-01",
                                            "2008-01-01", fgb, &o, &err),
                     TCMAP_OK);
    GDALDatasetH ds = GDALOpenEx(fgb, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    assert_int_equal(OGR_L_GetFeatureCount(layer, TRUE), 2);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    OGRFieldType t = OGR_Fld_GetType(OGR_FD_GetFieldDefn(
        defn, OGR_FD_GetFieldIndex(defn, "valid_to")));
    assert_true(t == OFTDate || t == OFTDateTime);
    GDALClose(ds);
    g_free(fgb);
    o.dissolve = (tcmap_dissolve)7;
    assert_int_equal(tcmap_map_export_range(fx->map, "2005-01-01",
                                            "2008-01-01", csv, &o, &err),
                     TCMAP_ERR_ARG);
    assert_int_equal(tcmap_map_export_range(fx->map, "2008-01-01",
                                            "2005-01-01", csv, NULL, &err),
                     TCMAP_ERR_ARG);
    char *shp = tu_path("span.shp");
    assert_int_equal(tcmap_map_export_range(fx->map, "2005-01-01",
                                            "2008-01-01", shp, NULL, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "span.shp: a Shapefile cuts"));
    assert_false(g_file_test(shp, G_FILE_TEST_EXISTS));
    g_free(shp);
    g_free(csv);
}

static void
test_cli_export_span_usage_errors_are_all_reported(void **state)
{
    (void)state;
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "export", "--from", "2020-01-01",
                            "--date", "2020-02-01", "--dissolve", "town",
                            "--step", "3x", "-o", "x.gpkg", NULL),
                     2);
    assert_non_null(strstr(err, "--from and --to go together"));
    assert_non_null(strstr(err, "give one or the other"));
    assert_non_null(strstr(err, "--dissolve 'town' is not party, area or "
                                "settlement"));
    assert_non_null(strstr(err, "--step '3x' is not"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "export", "--from", "2020-01-01",
                            "--to", "2020-02-01", "-o", "x.shp", NULL),
                     2);
    assert_non_null(strstr(err, "is not written as a Shapefile"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "export", "--step", "1d", "-o",
                            "x.gpkg", NULL),
                     2);
    assert_non_null(strstr(err, "--step needs --from and --to"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "export", "--from", "2020-02-01",
                            "--to", "2020-01-01", "-o", "x.gpkg", NULL),
                     2);
    assert_non_null(strstr(err, "--to 2020-01-01 is before --from "
                                "2020-02-01"));
    g_free(err);
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
        cmocka_unit_test(
            test_a_span_exports_as_one_layer_whose_active_features_match_the_stats),
        cmocka_unit_test(
            test_a_span_layer_has_iso_dates_an_exclusive_end_and_open_ends),
        cmocka_unit_test(test_cli_export_span_usage_errors_are_all_reported),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
