/* The committed geodata/ (built by tools/geodata/ from Natural Earth):
 * its control areas exist, measure what published figures say within the
 * error of a generalised source, tile without gaps or overlaps, hold their
 * towns, and rebuild byte for byte from the Debian package's data.
 * Registered by tools/CMakeLists.txt, which builds the tool it runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#ifndef TCMAP_GEODATA_DIR
#error "TCMAP_GEODATA_DIR must name the committed geodata directory"
#endif
#ifndef TCMAP_TOOLS_SRC
#error "TCMAP_TOOLS_SRC must name tools/, where the tool's tables are"
#endif

/* The equal-area projection the tool and README measure in (LAEA_PROJ4). */
#include "../tools/geodata/laea.h"

struct area {
    char id[33];
    char kind[9];
    char district[33];
    char scope[9];
    OGRGeometryH g;
    double km2;
};

struct fixture {
    OGRCoordinateTransformationH to_laea;
    OGRSpatialReferenceH wgs84, laea;
    struct area *a;
    size_t n;
};

static const char *const CONTROL_IDS[] = {
    "stepanakert", "shusha",      "askeran",     "khojavend",  "martakert",
    "kalbajar",    "lachin",      "qubadli",     "zangilan",   "jabrayil",
    "aghdam_west", "aghdam_east", "fuzuli_west", "fuzuli_east"};

/* Area in km² on the LAEA projection. Edges are straight in lon/lat, so
 * they are densified (to ~20 m) before projecting, as the tool does;
 * otherwise a long edge measures differently depending on how many
 * vertices split it. */
static double
km2(const struct fixture *fx, OGRGeometryH g)
{
    OGRGeometryH p = OGR_G_Clone(g);
    OGR_G_Segmentize(p, 0.0002);
    assert_int_equal(OGR_G_Transform(p, fx->to_laea), OGRERR_NONE);
    double a = OGR_G_Area(p) / 1e6;
    OGR_G_DestroyGeometry(p);
    return a;
}

static GDALDatasetH
open_layer_file(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", TCMAP_GEODATA_DIR, name);
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        fail_msg("%s: cannot open", path);
    return ds;
}

static int
setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    GDALAllRegister();
    fx->wgs84 = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(fx->wgs84, 4326);
    OSRSetAxisMappingStrategy(fx->wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    fx->laea = OSRNewSpatialReference(NULL);
    OSRImportFromProj4(fx->laea, LAEA_PROJ4);
    OSRSetAxisMappingStrategy(fx->laea, OAMS_TRADITIONAL_GIS_ORDER);
    fx->to_laea = OCTNewCoordinateTransformation(fx->wgs84, fx->laea);
    assert_non_null(fx->to_laea);

    GDALDatasetH ds = open_layer_file("areas.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    size_t cap = (size_t)OGR_L_GetFeatureCount(l, TRUE);
    fx->a = calloc(cap, sizeof *fx->a);
    assert_non_null(fx->a);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        struct area *a = &fx->a[fx->n++];
        snprintf(a->id, sizeof a->id, "%s",
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "id")));
        snprintf(a->kind, sizeof a->kind, "%s",
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "kind")));
        snprintf(a->district, sizeof a->district, "%s",
                 OGR_F_GetFieldAsString(f,
                                        OGR_F_GetFieldIndex(f, "district")));
        snprintf(a->scope, sizeof a->scope, "%s",
                 OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "scope")));
        a->g = OGR_G_Clone(OGR_F_GetGeometryRef(f));
        a->km2 = km2(fx, a->g);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    *state = fx;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *fx = *state;
    for (size_t i = 0; i < fx->n; i++)
        OGR_G_DestroyGeometry(fx->a[i].g);
    free(fx->a);
    OCTDestroyCoordinateTransformation(fx->to_laea);
    OSRDestroySpatialReference(fx->laea);
    OSRDestroySpatialReference(fx->wgs84);
    free(fx);
    GDALDestroyDriverManager();
    return 0;
}

static const struct area *
find(const struct fixture *fx, const char *id)
{
    for (size_t i = 0; i < fx->n; i++)
        if (strcmp(fx->a[i].id, id) == 0)
            return &fx->a[i];
    fail_msg("areas.shp has no area '%s'", id);
    return NULL;
}

static double
km2_of(const struct fixture *fx, const char *id)
{
    return find(fx, id)->km2;
}

static void
assert_near(double got, double want, double tolerance, const char *what)
{
    double rel = fabs(got - want) / want;
    if (rel > tolerance)
        fail_msg("%s: %.1f km², published %.0f km² (off by %.1f %%, "
                 "tolerance %.0f %%)",
                 what, got, want, rel * 100.0, tolerance * 100.0);
}

static void
every_control_id_of_the_interface_exists_as_a_control_area(void **state)
{
    const struct fixture *fx = *state;
    for (size_t i = 0; i < sizeof CONTROL_IDS / sizeof CONTROL_IDS[0]; i++) {
        const struct area *a = find(fx, CONTROL_IDS[i]);
        assert_string_equal(a->kind, "control");
        assert_true(OGR_G_IsValid(a->g));
        assert_true(a->km2 > 1.0);
    }
}

static void
area_ids_are_unique_lowercase_ascii_with_context_prefixes(void **state)
{
    const struct fixture *fx = *state;
    for (size_t i = 0; i < fx->n; i++) {
        const struct area *a = &fx->a[i];
        for (const char *p = a->id; *p; p++)
            assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                        *p == '_');
        int context =
            strncmp(a->id, "az_", 3) == 0 || strncmp(a->id, "am_", 3) == 0;
        assert_string_equal(a->kind, context ? "context" : "control");
        for (size_t j = i + 1; j < fx->n; j++)
            assert_string_not_equal(a->id, fx->a[j].id);
    }
}

/* The former NKAO and the seven districts, as tools/districts.csv scopes
 * them; the Lachin corridor pieces (lachin_corridor_*) are core too. */
static const char *const CORE_IDS[] = {
    "askeran",     "khojavend",   "khojavend_east", "martakert",
    "shusha",      "stepanakert", "kalbajar",       "lachin",
    "qubadli",     "zangilan",    "jabrayil",       "fuzuli_east",
    "fuzuli_west", "aghdam_east", "aghdam_west",    "aghjabadi_west",
    "tartar_west"};

static int
is_core_id(const char *id)
{
    if (strncmp(id, "lachin_corridor_", 16) == 0)
        return 1;
    for (size_t i = 0; i < sizeof CORE_IDS / sizeof CORE_IDS[0]; i++)
        if (strcmp(CORE_IDS[i], id) == 0)
            return 1;
    return 0;
}

/* Pieces of one district share its id in `district`, so that they can be
 * summed; a context area is its own district. */
static void
areas_carry_their_district_and_scope(void **state)
{
    const struct fixture *fx = *state;
    static const char *const expect[][2] = {
        {"aghdam_west", "aghdam"},       {"aghdam_east", "aghdam"},
        {"fuzuli_west", "fuzuli"},       {"fuzuli_east", "fuzuli"},
        {"tartar_west", "tartar"},       {"tartar_east", "tartar"},
        {"khojavend", "khojavend"},      {"khojavend_east", "khojavend"},
        {"aghjabadi_east", "aghjabadi"}, {"lachin", "lachin"},
        {"stepanakert", "stepanakert"}};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++)
        assert_string_equal(find(fx, expect[i][0])->district, expect[i][1]);
    for (size_t i = 0; i < fx->n; i++) {
        const struct area *a = &fx->a[i];
        if (strcmp(a->kind, "context") == 0)
            assert_string_equal(a->district, a->id);
        if (strncmp(a->id, "lachin_corridor_", 16) == 0)
            assert_string_equal(a->district, "lachin");
        assert_true(a->district[0]);
        if (is_core_id(a->id))
            assert_string_equal(a->scope, "core");
        else
            assert_string_equal(a->scope, "");
    }
}

/* The NKAO was 4,388 km² (Soviet figure, e.g. the 1989 census tables).
 * Natural Earth's 1991 line is generalised to 1:10m (vertices every one to
 * three km across mountain terrain), which cuts corners of a convoluted
 * outline and so loses area: the polygon measures 4,282 km², 2.4 % short.
 * 5 % allows for that and still fails if a piece of the oblast goes
 * missing or a district spills over the line (the smallest district,
 * Shusha, is 6 % of it). */
static void
nkao_area_matches_the_official_4388_km2(void **state)
{
    const struct fixture *fx = *state;
    double nkao = km2_of(fx, "stepanakert") + km2_of(fx, "shusha") +
                  km2_of(fx, "askeran") + km2_of(fx, "khojavend") +
                  km2_of(fx, "khojavend_east") + km2_of(fx, "martakert");
    assert_near(nkao, 4388.0, 0.05, "NKAO (sum of its districts)");

    /* ...and the districts fill exactly the polygon of the 1991 line. */
    GDALDatasetH ds = open_layer_file("lines.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGR_L_SetAttributeFilter(l, "id = 'nkao_1991'");
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_non_null(f);
    OGRGeometryH ml = OGR_G_CreateGeometry(wkbMultiLineString);
    OGR_G_AddGeometry(ml, OGR_F_GetGeometryRef(f));
    OGRGeometryH faces = OGR_G_Polygonize(ml);
    assert_int_equal(OGR_G_GetGeometryCount(faces), 1);
    OGRGeometryH poly = OGR_G_GetGeometryRef(faces, 0);
    assert_true(OGR_G_IsValid(poly));
    assert_true(fabs(km2(fx, poly) - nkao) < 0.01);
    OGR_G_DestroyGeometry(faces);
    OGR_G_DestroyGeometry(ml);
    OGR_F_Destroy(f);
    GDALClose(ds);
}

/* Published district areas (Azerbaijani State Statistical Committee, as
 * quoted by the districts' Wikipedia articles): Kalbajar 1,936, Lachin
 * 1,835, Qubadli 802, Zangilan 707, Jabrayil 1,050, Fuzuli 1,386, Aghdam
 * 1,094 km². Natural Earth's rayons are generalised and do not follow the
 * 1991 line; moving their slivers across it (geodata/README.md lists every
 * move) shifts a district by up to ~120 km². The worst cases come from the
 * source itself: NE's Jabrayil polygon is 861 km² before any repair, and
 * 120 km² of NE's Aghdam polygon lie inside the 1991 line. Both are ~14 %
 * short; 16 % admits them and still catches a district that loses or
 * gains a neighbour's piece of a few hundred km². */
static void
district_areas_match_published_figures(void **state)
{
    const struct fixture *fx = *state;
    const double tol = 0.16;
    assert_near(km2_of(fx, "kalbajar"), 1936.0, tol, "kalbajar");
    assert_near(km2_of(fx, "lachin"), 1835.0, tol, "lachin");
    assert_near(km2_of(fx, "qubadli"), 802.0, tol, "qubadli");
    assert_near(km2_of(fx, "zangilan"), 707.0, tol, "zangilan");
    assert_near(km2_of(fx, "jabrayil"), 1050.0, tol, "jabrayil");
    assert_near(km2_of(fx, "fuzuli_west") + km2_of(fx, "fuzuli_east"), 1386.0,
                tol, "fuzuli");
    assert_near(km2_of(fx, "aghdam_west") + km2_of(fx, "aghdam_east"), 1094.0,
                tol, "aghdam");
}

/* Issue 26: every district is within 5 % of its published area, or
 * geodata/README.md's per-rayon table has its row saying why ("beyond
 * 5 %"), so a district drifting further is noticed and explained. */
static void
district_areas_within_5_percent_or_explained(void **state)
{
    const struct fixture *fx = *state;
    struct {
        const char *name;
        double km2, published;
    } d[] = {
        {"Kalbajar", km2_of(fx, "kalbajar"), 1936.0},
        {"Lachin", km2_of(fx, "lachin"), 1835.0},
        {"Qubadli", km2_of(fx, "qubadli"), 802.0},
        {"Zangilan", km2_of(fx, "zangilan"), 707.0},
        {"Jabrayil", km2_of(fx, "jabrayil"), 1050.0},
        {"Fuzuli", km2_of(fx, "fuzuli_west") + km2_of(fx, "fuzuli_east"),
         1386.0},
        {"Aghdam", km2_of(fx, "aghdam_west") + km2_of(fx, "aghdam_east"),
         1094.0},
    };
    char path[4096];
    snprintf(path, sizeof path, "%s/README.md", TCMAP_GEODATA_DIR);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char readme[1 << 20];
    size_t n = fread(readme, 1, sizeof readme - 1, fp);
    fclose(fp);
    readme[n] = '\0';
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
        double rel = fabs(d[i].km2 - d[i].published) / d[i].published;
        char head[64], line[1024];
        snprintf(head, sizeof head, "\n| %s (whole) | ", d[i].name);
        const char *row = strstr(readme, head);
        const char *end = row ? strchr(row + 1, '\n') : NULL;
        if (!row || !end)
            fail_msg("geodata/README.md has no per-rayon row for %s",
                     d[i].name);
        snprintf(line, sizeof line, "%.*s", (int)(end - row - 1), row + 1);
        if (rel > 0.05 && !strstr(line, "beyond 5 %"))
            fail_msg("%s: %.1f km², published %.0f (%.1f %% off) and its "
                     "geodata/README.md row does not say why:\n%s",
                     d[i].name, d[i].km2, d[i].published, rel * 100.0, line);
    }
}

/* The two sides of a split district add up to the whole: their union is
 * one piece of land with no hole between them and measures their sum. */
static void
check_split(const struct fixture *fx, const char *west, const char *east)
{
    const struct area *w = find(fx, west), *e = find(fx, east);
    OGRGeometryH u = OGR_G_Union(w->g, e->g);
    assert_non_null(u);
    assert_true(fabs(km2(fx, u) - (w->km2 + e->km2)) < 1e-4);
    assert_true(OGR_G_Touches(w->g, e->g));
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(u));
    OGRGeometryH outer = t == wkbPolygon ? u : OGR_G_GetGeometryRef(u, 0);
    if (t != wkbPolygon)
        assert_int_equal(OGR_G_GetGeometryCount(u), 1);
    assert_int_equal(OGR_G_GetGeometryCount(outer), 1); /* no holes */
    OGR_G_DestroyGeometry(u);
}

static void
split_districts_add_up_to_the_whole(void **state)
{
    const struct fixture *fx = *state;
    check_split(fx, "aghdam_west", "aghdam_east");
    check_split(fx, "fuzuli_west", "fuzuli_east");
}

/* Tiny overlaps are floating-point noise of the overlays: 1e-4 km² is
 * 100 m², under a pixel of any map this draws. */
static void
areas_tile_without_gaps_or_overlaps(void **state)
{
    const struct fixture *fx = *state;
    double sum = 0.0, worst = 0.0;
    OGRGeometryH all = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (size_t i = 0; i < fx->n; i++) {
        sum += fx->a[i].km2;
        OGRGeometryH g = fx->a[i].g;
        if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbPolygon) {
            OGR_G_AddGeometry(all, g);
        } else {
            for (int k = 0; k < OGR_G_GetGeometryCount(g); k++)
                OGR_G_AddGeometry(all, OGR_G_GetGeometryRef(g, k));
        }
        for (size_t j = i + 1; j < fx->n; j++) {
            if (!OGR_G_Intersects(g, fx->a[j].g))
                continue;
            OGRGeometryH x = OGR_G_Intersection(g, fx->a[j].g);
            double o = 0.0;
            for (int k = 0; k < OGR_G_GetGeometryCount(x); k++) {
                OGRGeometryH p = OGR_G_GetGeometryRef(x, k);
                if (wkbFlatten(OGR_G_GetGeometryType(p)) == wkbPolygon)
                    o += km2(fx, p);
            }
            if (wkbFlatten(OGR_G_GetGeometryType(x)) == wkbPolygon)
                o += km2(fx, x);
            if (o > 1e-4)
                fail_msg("%s and %s overlap by %g km²", fx->a[i].id,
                         fx->a[j].id, o);
            worst = fmax(worst, o);
            OGR_G_DestroyGeometry(x);
        }
    }
    OGRGeometryH u = OGR_G_UnionCascaded(all);
    assert_non_null(u);
    double ua = km2(fx, u);
    /* No overlaps: the union measures the sum. */
    assert_true(fabs(ua - sum) < 1e-4 * (double)fx->n);
    /* No gaps: the union has no holes (Armenia and Azerbaijan have no
     * enclaves in Natural Earth 1:10m), so every hole is a gap. */
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(u));
    int np = t == wkbPolygon ? 1 : OGR_G_GetGeometryCount(u);
    for (int k = 0; k < np; k++) {
        OGRGeometryH p = t == wkbPolygon ? u : OGR_G_GetGeometryRef(u, k);
        for (int r = 1; r < OGR_G_GetGeometryCount(p); r++) {
            OGRGeometryH hole = OGR_G_CreateGeometry(wkbPolygon);
            OGR_G_AddGeometry(hole, OGR_G_GetGeometryRef(p, r));
            double h = km2(fx, hole);
            OGR_G_DestroyGeometry(hole);
            /* The corridor pieces are repaired (tools/geodata/corridor.c)
             * so that they stay valid in the map's CRS; the repair may
             * leave a hole of a few hundred m². */
            if (h > 1e-3)
                fail_msg("gap of %g km² between areas", h);
        }
    }
    OGR_G_DestroyGeometry(u);
    OGR_G_DestroyGeometry(all);
}

static void
every_town_lies_in_its_area(void **state)
{
    const struct fixture *fx = *state;
    GDALDatasetH ds = open_layer_file("towns.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    int n = 0;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *id =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "id"));
        const char *area =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "area"));
        int rank = OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "rank"));
        assert_true(rank >= 1 && rank <= 3);
        assert_true(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "source"))[0]);
        if (!OGR_G_Intersects(find(fx, area)->g, OGR_F_GetGeometryRef(f)))
            fail_msg("town %s is not in its area %s", id, area);
        n++;
        OGR_F_Destroy(f);
    }
    assert_true(n >= 20);
    GDALClose(ds);
}

/* Guards the repairs: Lachin town sits in NE's Shusha polygon, Aghdam and
 * Fuzuli towns west of the 1994 line, Horadiz east of it. */
static void
towns_of_the_control_districts_are_where_history_puts_them(void **state)
{
    (void)state;
    static const char *const expect[][2] = {
        {"stepanakert", "stepanakert"}, {"shusha", "shusha"},
        {"lachin", "lachin"},           {"kalbajar", "kalbajar"},
        {"martakert", "martakert"},     {"hadrut", "khojavend"},
        {"aghdam", "aghdam_west"},      {"fuzuli", "fuzuli_west"},
        {"horadiz", "fuzuli_east"},     {"jabrayil", "jabrayil"},
        {"qubadli", "qubadli"},         {"zangilan", "zangilan"},
        {"goris", "am_syunik"}};
    GDALDatasetH ds = open_layer_file("towns.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        char filter[64];
        snprintf(filter, sizeof filter, "id = '%s'", expect[i][0]);
        OGR_L_SetAttributeFilter(l, filter);
        OGR_L_ResetReading(l);
        OGRFeatureH f = OGR_L_GetNextFeature(l);
        if (!f)
            fail_msg("towns.shp has no town '%s'", expect[i][0]);
        /* Lachin town may lie in a corridor strip cut from lachin. */
        const char *area =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "area"));
        if (!(strcmp(expect[i][1], "lachin") == 0 &&
              strncmp(area, "lachin_corridor_", 16) == 0))
            assert_string_equal(area, expect[i][1]);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

/* Every name set is filled, and name_hy is in Armenian script (U+0531 to
 * U+0587 are the UTF-8 lead bytes 0xD4 to 0xD6). */
static void
every_area_has_all_names(void **state)
{
    (void)state;
    static const char *const fields[] = {"name_en", "name_enaz", "name_enhy",
                                         "name_az", "name_hy",   "name_ru"};
    GDALDatasetH ds = open_layer_file("areas.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        for (size_t k = 0; k < 6; k++) {
            const char *v =
                OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, fields[k]));
            if (!v[0])
                fail_msg("area %s has no %s", OGR_F_GetFieldAsString(f, 0),
                         fields[k]);
        }
        const unsigned char *hy = (const unsigned char *)OGR_F_GetFieldAsString(
            f, OGR_F_GetFieldIndex(f, "name_hy"));
        assert_true(hy[0] >= 0xD4 && hy[0] <= 0xD6);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    /* The .cpg tells every reader (Shapelib included) the DBF is UTF-8. */
    char path[4096];
    snprintf(path, sizeof path, "%s/areas.cpg", TCMAP_GEODATA_DIR);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char cpg[16] = "";
    assert_non_null(fgets(cpg, sizeof cpg, fp));
    fclose(fp);
    assert_string_equal(cpg, "UTF-8");
}

static void
lines_hold_the_1991_ring_the_1994_line_dated_and_borders(void **state)
{
    (void)state;
    GDALDatasetH ds = open_layer_file("lines.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGRFeatureH f;
    int nkao = 0, cf = 0, border = 0;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *kind =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "kind"));
        const char *from =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "from"));
        const char *to =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "to"));
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        /* Only the 1994 line is dated (tools/lines.csv): from the
         * ceasefire of 12 May 1994, with no end (geodata/README.md). */
        if (strcmp(kind, "ceasefire_1994") == 0) {
            assert_string_equal(from, "1994-05-12");
            assert_string_equal(to, "");
        } else {
            assert_string_equal(from, "");
            assert_string_equal(to, "");
        }
        if (strcmp(kind, "nkao_1991") == 0) {
            nkao++;
            assert_true(OGR_G_IsRing(g));
        } else if (strcmp(kind, "ceasefire_1994") == 0) {
            cf++;
            assert_int_equal(wkbFlatten(OGR_G_GetGeometryType(g)),
                             wkbLineString);
        } else {
            assert_string_equal(kind, "border");
            border++;
        }
        OGR_F_Destroy(f);
    }
    assert_int_equal(nkao, 1);
    assert_int_equal(cf, 1);
    assert_true(border >= 4);
    GDALClose(ds);
}

/* Kalbajar was held whole 1993-2020 and the line of contact ran along its
 * northern border; Natural Earth's line cut 218 km² off it. The drawn line
 * may run along Kalbajar's border but never through it: nothing of it lies
 * more than ~100 m (0.001 degree) inside. */
static void
the_1994_line_goes_round_kalbajar_not_through_it(void **state)
{
    const struct fixture *fx = *state;
    GDALDatasetH ds = open_layer_file("lines.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGR_L_SetAttributeFilter(l, "id = 'ceasefire_1994'");
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_non_null(f);
    OGRGeometryH inner = OGR_G_Buffer(find(fx, "kalbajar")->g, -0.001, 8);
    assert_non_null(inner);
    assert_false(OGR_G_IsEmpty(inner));
    if (OGR_G_Intersects(inner, OGR_F_GetGeometryRef(f)))
        fail_msg("ceasefire_1994 runs through kalbajar");
    OGR_G_DestroyGeometry(inner);
    OGR_F_Destroy(f);
    GDALClose(ds);
}

/* ------------------------------------------------------------------ */
/* rebuilding                                                          */

/* world_map.gpkg: $TCMAP_WORLD_MAP, the CMake cache variable of the same
 * name, the installed package, or the cache scripts/build-geodata fills. */
static const char *
world_map(void)
{
    static const char *const candidates[] = {
        TCMAP_WORLD_MAP, "/usr/share/qgis/resources/data/world_map.gpkg",
        TCMAP_GEODATA_CACHE "/usr/share/qgis/resources/data/world_map.gpkg"};
    const char *env = getenv("TCMAP_WORLD_MAP");
    if (env && env[0])
        return access(env, R_OK) == 0 ? env : NULL;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++)
        if (candidates[i][0] && access(candidates[i], R_OK) == 0)
            return candidates[i];
    return NULL;
}

/* Runs tcmap-mkgeodata with the given arguments, its output to log;
 * returns its exit status. */
static int
run_tool(const char *log, const char *a1, const char *a2)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *fp = freopen(log, "w", stdout);
        if (!fp || dup2(fileno(stdout), 2) < 0)
            _exit(127);
        if (a1)
            execl(TCMAP_MKGEODATA, TCMAP_MKGEODATA, a1, a2, (char *)NULL);
        else
            execl(TCMAP_MKGEODATA, TCMAP_MKGEODATA, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void
tool_without_arguments_prints_usage_and_exits_2(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcmap-geodata-XXXXXX", log[64];
    assert_non_null(mkdtemp(dir));
    snprintf(log, sizeof log, "%s/log", dir);
    assert_int_equal(run_tool(log, NULL, NULL), 2);
    size_t n;
    char *text = slurp(log, &n);
    assert_non_null(strstr(text, "usage: tcmap-mkgeodata"));
    free(text);
    unlink(log);
    rmdir(dir);
}

static void
tool_names_a_missing_source_and_exits_1(void **state)
{
    (void)state;
    char dir[] = "/tmp/tcmap-geodata-XXXXXX", log[64];
    assert_non_null(mkdtemp(dir));
    snprintf(log, sizeof log, "%s/log", dir);
    assert_int_equal(run_tool(log, "/nonexistent/world_map.gpkg", dir), 1);
    size_t n;
    char *text = slurp(log, &n);
    assert_non_null(strstr(text, "/nonexistent/world_map.gpkg: cannot open"));
    free(text);
    unlink(log);
    rmdir(dir);
}

static const char *const OUTPUTS[] = {
    "areas.shp",   "areas.shx", "areas.dbf", "areas.prj", "areas.cpg",
    "lines.shp",   "lines.shx", "lines.dbf", "lines.prj", "lines.cpg",
    "towns.shp",   "towns.shx", "towns.dbf", "towns.prj", "towns.cpg",
    "settlements.shp", "settlements.shx", "settlements.dbf",
    "settlements.prj", "settlements.cpg",
    "land.shp",    "land.shx",  "land.dbf",  "land.prj",  "land.cpg",
    "manifest.ini"};

static void
rebuild_from_the_debian_package_is_byte_identical(void **state)
{
    (void)state;
    const char *gpkg = world_map();
    if (!gpkg) {
        print_message("[ SKIPPED  ] world_map.gpkg not found: set "
                      "TCMAP_WORLD_MAP, install qgis-common, or run "
                      "scripts/build-geodata once to fetch it\n");
        skip();
    }
    char dir[] = "/tmp/tcmap-geodata-XXXXXX", log[64], path[4096], ref[4096];
    assert_non_null(mkdtemp(dir));
    snprintf(log, sizeof log, "%s/build.log", dir);
    int rc = run_tool(log, gpkg, dir);
    if (rc != 0) {
        size_t n;
        char *text = slurp(log, &n);
        fail_msg("tcmap-mkgeodata %s exited %d:\n%s", gpkg, rc,
                 text ? text : "");
    }
    int differ = 0;
    for (size_t i = 0; i < sizeof OUTPUTS / sizeof OUTPUTS[0]; i++) {
        size_t na = 0, nb = 0;
        snprintf(path, sizeof path, "%s/%s", dir, OUTPUTS[i]);
        snprintf(ref, sizeof ref, "%s/%s", TCMAP_GEODATA_DIR, OUTPUTS[i]);
        char *a = slurp(path, &na), *b = slurp(ref, &nb);
        if (!a || !b || na != nb || memcmp(a, b, na) != 0) {
            print_error("%s differs from the rebuilt %s\n", ref, path);
            differ++;
        } else {
            unlink(path);
        }
        free(a);
        free(b);
    }
    if (differ)
        fail_msg("%d files differ; rebuilt files are kept in %s", differ, dir);
    unlink(log);
    rmdir(dir);
}

/* ------------------------------------------------------------------ */
/* the Lachin corridor                                                 */

/* The tables the tool reads besides corridor.csv, copied into a scratch
 * tools directory so that a test can give it its own corridor.csv. */
static const char *const TABLES[] = {"names.csv",     "towns.csv",
                                     "lines.csv",     "districts.csv",
                                     "corridor.csv",  "settlements.csv"};

static void
write_file(const char *path, const char *text, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(text, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Makes dir/tools with the committed tables, `table` replaced by `text`,
 * and runs the tool on it into dir/out; returns its exit status, the log
 * in dir/log. */
/* towns.csv with its `settlement` column (the 12th; the columns before it
 * hold no commas) emptied: a test's own small gazetteer lacks the rows
 * the real towns name. */
static void
write_towns_unlinked(const char *path, const char *csv)
{
    size_t len = strlen(csv);
    char *out = malloc(len + 1), *o = out;
    assert_non_null(out);
    for (const char *line = csv; *line;) {
        const char *end = strchr(line, '\n');
        end = end ? end + 1 : line + strlen(line);
        const char *p = line;
        int commas = 0;
        while (p < end && commas < 11)
            commas += *p++ == ',';
        const char *q = p;
        while (q < end && *q != ',')
            q++;
        int header = line == csv;
        if (commas == 11 && !header) {
            memcpy(o, line, (size_t)(p - line));
            o += p - line;
            memcpy(o, q, (size_t)(end - q));
            o += end - q;
        } else {
            memcpy(o, line, (size_t)(end - line));
            o += end - line;
        }
        line = end;
    }
    write_file(path, out, (size_t)(o - out));
    free(out);
}

static int
run_with_table(const char *gpkg, const char *dir, const char *table,
               const char *text)
{
    char path[512], src[4096], tools[256], out[256], log[256];
    snprintf(tools, sizeof tools, "%s/tools", dir);
    snprintf(out, sizeof out, "%s/out", dir);
    snprintf(log, sizeof log, "%s/log", dir);
    assert_int_equal(mkdir(tools, 0755), 0);
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++) {
        size_t n = 0;
        snprintf(src, sizeof src, "%s/%s", TCMAP_TOOLS_SRC, TABLES[i]);
        char *copy = slurp(src, &n);
        assert_non_null(copy);
        snprintf(path, sizeof path, "%s/%s", tools, TABLES[i]);
        if (strcmp(TABLES[i], table) == 0)
            write_file(path, text, strlen(text));
        else if (strcmp(table, "settlements.csv") == 0 &&
                 strcmp(TABLES[i], "towns.csv") == 0)
            write_towns_unlinked(path, copy);
        else
            write_file(path, copy, n);
        free(copy);
    }
    assert_int_equal(setenv("TCMAP_TOOLS_DIR", tools, 1), 0);
    int rc = run_tool(log, gpkg, out);
    unsetenv("TCMAP_TOOLS_DIR");
    return rc;
}

/* rm -r of the scratch directory run_with_table made. */
static void
remove_tree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Rough roads, a test fixture and not data: both routes start in Armenia
 * near Kornidzor (so they share a strip at the border), the old one runs
 * by Lachin town, the new one south of it. */
static const char CORRIDOR_FIXTURE[] =
    "route,seq,lat,lon,what,source,note\n"
    "old,1,39.600,46.420,,test fixture,\n"
    "old,2,39.641,46.547,Lachin town,test fixture,\n"
    "old,3,39.700,46.650,,test fixture,\n"
    "new,2,39.600,46.600,,test fixture,out of order on purpose\n"
    "new,1,39.600,46.420,,test fixture,\n"
    "new,3,39.700,46.650,,test fixture,\n";

static void
corridor_points_cut_lachin_into_pieces_that_tile_it(void **state)
{
    const struct fixture *fx = *state;
    const char *gpkg = world_map();
    if (!gpkg)
        skip();
    char dir[] = "/tmp/tcmap-corridor-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    int rc = run_with_table(gpkg, dir, "corridor.csv", CORRIDOR_FIXTURE);
    if (rc != 0) {
        size_t n;
        snprintf(path, sizeof path, "%s/log", dir);
        char *text = slurp(path, &n);
        fail_msg("tcmap-mkgeodata exited %d:\n%s", rc, text ? text : "");
    }
    snprintf(path, sizeof path, "%s/out/areas.shp", dir);
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    OGR_L_SetAttributeFilter(l, "id LIKE 'lachin%'");
    /* The committed geodata is cut on the committed routes: the district
     * whole is the union of its pieces. */
    OGRGeometryH whole = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (size_t i = 0; i < fx->n; i++)
        if (!strcmp(fx->a[i].district, "lachin")) {
            OGRGeometryH u = OGR_G_Union(whole, fx->a[i].g);
            OGR_G_DestroyGeometry(whole);
            whole = u;
        }
    double sum = 0.0;
    int pieces = 0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *id = OGR_F_GetFieldAsString(f, 0);
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        assert_string_equal(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "district")),
            "lachin");
        assert_string_equal(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "scope")),
            "core");
        assert_string_equal(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "kind")),
            "control");
        if (strncmp(id, "lachin_corridor_", 16) == 0) {
            pieces++;
            assert_non_null(strstr(
                OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name_en")),
                "Lachin corridor ("));
            /* 2.5 km each side: a strip's area is a few dozen km². */
            double a = km2(fx, g);
            assert_true(a > 1.0 && a < 300.0);
        }
        /* Every piece lies in the committed district. */
        OGRGeometryH x = OGR_G_Intersection(g, whole);
        assert_true(fabs(km2(fx, x) - km2(fx, g)) < 1e-3);
        OGR_G_DestroyGeometry(x);
        sum += km2(fx, g);
        OGR_F_Destroy(f);
    }
    assert_int_equal(pieces, 3); /* _2020, _2022 and _both */
    assert_true(fabs(sum - km2(fx, whole)) < 1e-3);
    OGR_G_DestroyGeometry(whole);
    GDALClose(ds);
    remove_tree(dir);
}

static void
corridor_route_with_one_point_is_an_error_naming_the_line(void **state)
{
    (void)state;
    const char *gpkg = world_map();
    if (!gpkg)
        skip();
    char dir[] = "/tmp/tcmap-corridor-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    assert_int_equal(run_with_table(gpkg, dir, "corridor.csv",
                                    "route,seq,lat,lon,what,source,note\n"
                                    "new,1,39.6,46.42,,test fixture,\n"),
                     1);
    size_t n;
    snprintf(path, sizeof path, "%s/log", dir);
    char *text = slurp(path, &n);
    assert_non_null(strstr(text, "corridor.csv:2: route new has one point"));
    free(text);
    remove_tree(dir);
}

/* Without points lachin stays whole; with them the committed data must
 * hold the pieces (the byte-for-byte rebuild then checks which). */
static void
committed_corridor_pieces_follow_tools_corridor_csv(void **state)
{
    const struct fixture *fx = *state;
    size_t n = 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/corridor.csv", TCMAP_TOOLS_SRC);
    char *text = slurp(path, &n);
    assert_non_null(text);
    const char *nl = strchr(text, '\n');
    int has_points = nl && nl[1] != '\0';
    free(text);
    int pieces = 0;
    for (size_t i = 0; i < fx->n; i++)
        pieces += strncmp(fx->a[i].id, "lachin_corridor_", 16) == 0;
    if (has_points)
        assert_true(pieces >= 1);
    else
        assert_int_equal(pieces, 0);
    find(fx, "lachin");
}

/* ------------------------------------------------------------------ */
/* settlements                                                         */

/* Every settlement has a parent area that is a control area, and lies in
 * it or (a village on a generalised border) at most 2 km outside; the
 * layer is sorted by id, so a reordered table rebuilds the same file. */
static void
every_settlement_has_a_control_area_within_2_km(void **state)
{
    const struct fixture *fx = *state;
    GDALDatasetH ds = open_layer_file("settlements.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    assert_int_equal(wkbFlatten(OGR_L_GetGeomType(l)), wkbPoint);
    OGRFeatureH f;
    char last[33] = "";
    int n = 0;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *id =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "id"));
        const char *area_id =
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "area"));
        int rank = OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "rank"));
        assert_true(strcmp(last, id) < 0);
        snprintf(last, sizeof last, "%s", id);
        assert_true(rank >= 1 && rank <= 9);
        assert_true(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "source"))[0]);
        assert_true(
            OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name_en"))[0]);
        const struct area *a = find(fx, area_id);
        if (strcmp(a->kind, "control") != 0)
            fail_msg("settlement %s: area %s is not a control area", id,
                     area_id);
        OGRGeometryH pt = OGR_G_Clone(OGR_F_GetGeometryRef(f));
        if (!OGR_G_Intersects(a->g, pt)) {
            OGRGeometryH pa = OGR_G_Clone(a->g);
            OGR_G_Segmentize(pa, 0.0002);
            assert_int_equal(OGR_G_Transform(pa, fx->to_laea), OGRERR_NONE);
            assert_int_equal(OGR_G_Transform(pt, fx->to_laea), OGRERR_NONE);
            double m = OGR_G_Distance(pa, pt);
            OGR_G_DestroyGeometry(pa);
            if (m > 2000.0)
                fail_msg("settlement %s is %.0f m from its area %s", id, m,
                         area_id);
        }
        OGR_G_DestroyGeometry(pt);
        n++;
        OGR_F_Destroy(f);
    }
    assert_true(n >= 1);
    GDALClose(ds);
}

static const char SETTLEMENTS_HEADER[] =
    "id,name_en,name_enaz,name_enhy,name_az,name_hy,name_ru,lat,lon,"
    "district,rank,coord_source,note\n";

/* Yerevan is 150 km from the nearest control area. */
static void
settlement_far_from_every_control_area_is_an_error_naming_its_line(
    void **state)
{
    (void)state;
    const char *gpkg = world_map();
    if (!gpkg)
        skip();
    char dir[] = "/tmp/tcmap-settle-XXXXXX", path[4096], text[1024];
    assert_non_null(mkdtemp(dir));
    snprintf(text, sizeof text,
             "%slachin,Lachin,,,Laçın,Լաչին,Лачин,39.641,46.547,lachin,2,"
             "test,\nyerevan,Yerevan,,,İrəvan,Երևան,Ереван,40.1811,44.5144,"
             ",1,test,\n",
             SETTLEMENTS_HEADER);
    assert_int_equal(run_with_table(gpkg, dir, "settlements.csv", text), 1);
    size_t n;
    snprintf(path, sizeof path, "%s/log", dir);
    char *log = slurp(path, &n);
    assert_non_null(strstr(log, "settlements.csv:3: yerevan"));
    assert_non_null(strstr(log, "lies in no control area"));
    free(log);
    remove_tree(dir);
}

/* A coord_source longer than the DBF's 254 bytes is cut before a whole
 * letter, never inside one (Armenian letters are two bytes, so 'x' and
 * 140 of them cut to 'x' and 126: 253 bytes); a district the parent area
 * contradicts is a warning, not an error. */
static void
long_source_is_cut_on_a_character_boundary_and_district_is_checked(
    void **state)
{
    (void)state;
    const char *gpkg = world_map();
    if (!gpkg)
        skip();
    char dir[] = "/tmp/tcmap-settle-XXXXXX", path[4096], text[2048];
    char source[300] = "x";
    for (int i = 0; i < 140; i++)
        strcat(source, "\xd4\xb1"); /* U+0531 */
    assert_non_null(mkdtemp(dir));
    snprintf(text, sizeof text,
             "%slachin,Lachin,,,Laçın,Լաչին,Лачин,39.641,46.547,kalbajar,2,"
             "%s,\n",
             SETTLEMENTS_HEADER, source);
    assert_int_equal(run_with_table(gpkg, dir, "settlements.csv", text), 0);
    size_t n;
    snprintf(path, sizeof path, "%s/log", dir);
    char *log = slurp(path, &n);
    assert_non_null(strstr(log, "NOTE "));
    assert_non_null(strstr(log, "settlements.csv:2: lachin: coord_source cut "
                                "from 281 to 253 bytes"));
    assert_non_null(strstr(log, "WARN "));
    assert_non_null(strstr(log, "district 'kalbajar' in the table"));
    free(log);
    snprintf(path, sizeof path, "%s/out/settlements.shp", dir);
    GDALDatasetH ds =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRFeatureH f = OGR_L_GetNextFeature(GDALDatasetGetLayer(ds, 0));
    assert_non_null(f);
    const char *got =
        OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "source"));
    assert_int_equal(strlen(got), 253);
    assert_memory_equal(got, source, 253);
    assert_true(CPLIsUTF8(got, -1));
    OGR_F_Destroy(f);
    GDALClose(ds);
    remove_tree(dir);
}

static const char *
fstr(OGRFeatureH f, const char *name)
{
    int i = OGR_F_GetFieldIndex(f, name);
    assert_true(i >= 0);
    return OGR_F_GetFieldAsString(f, i);
}

/* Fails unless name_en is neutral: "A / B" of the two sides' English
 * forms where they differ (in either order), else their one name. */
static void
assert_neutral_name(const char *layer, OGRFeatureH f)
{
    const char *id = fstr(f, "id"), *en = fstr(f, "name_en");
    const char *az = fstr(f, "name_enaz"), *hy = fstr(f, "name_enhy");
    if (strcmp(az, hy) == 0) {
        if (strcmp(en, az) != 0)
            fail_msg("%s %s: name_en '%s' is not the common name '%s'", layer,
                     id, en, az);
        return;
    }
    char ab[2 * 80 + 4], ba[2 * 80 + 4];
    snprintf(ab, sizeof ab, "%s / %s", az, hy);
    snprintf(ba, sizeof ba, "%s / %s", hy, az);
    if (strcmp(en, ab) != 0 && strcmp(en, ba) != 0)
        fail_msg("%s %s: name_en '%s' names one side only ('%s' / '%s')",
                 layer, id, en, az, hy);
}

/* Issue #26: the default set is dual wherever the sides' names differ,
 * for villages as for towns ("Shusha / Shushi"). */
static void
default_names_are_dual_where_the_sides_differ(void **state)
{
    (void)state;
    static const char *const layers[] = {"settlements.shp", "towns.shp"};
    for (size_t k = 0; k < 2; k++) {
        GDALDatasetH ds = open_layer_file(layers[k]);
        OGRLayerH l = GDALDatasetGetLayer(ds, 0);
        OGRFeatureH f;
        while ((f = OGR_L_GetNextFeature(l)) != NULL) {
            assert_neutral_name(layers[k], f);
            OGR_F_Destroy(f);
        }
        GDALClose(ds);
    }
    /* The villages the issue named, both forms each. */
    static const char *const want[][3] = {
        {"kohne_taghlar", "Hin Tagher", "Kohne Taghlar"},
        {"sugovushan", "Madagiz", "Sugovushan"},
        {"turshsu", "Lisagor", "Turshsu"},
        {"garakishilar", "Dzorap", "Garakishiler"}};
    GDALDatasetH ds = open_layer_file("settlements.shp");
    OGRLayerH l = GDALDatasetGetLayer(ds, 0);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        char q[96];
        snprintf(q, sizeof q, "id = '%s'", want[i][0]);
        OGR_L_SetAttributeFilter(l, q);
        OGR_L_ResetReading(l);
        OGRFeatureH f = OGR_L_GetNextFeature(l);
        assert_non_null(f);
        const char *en = fstr(f, "name_en");
        if (!strstr(en, want[i][1]) || !strstr(en, want[i][2]))
            fail_msg("%s: name_en '%s' lacks '%s' or '%s'", want[i][0], en,
                     want[i][1], want[i][2]);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

/* One place, one set of names: a town that is also a settlement (towns.csv
 * names its gazetteer row) carries that row's six names, so --names hy
 * calls Qubadli Քաշունիք by both its dots. */
static void
towns_and_settlements_agree_on_names(void **state)
{
    (void)state;
    static const char *const fields[] = {"name_en", "name_enaz", "name_enhy",
                                         "name_az", "name_hy",   "name_ru"};
    char path[4096];
    snprintf(path, sizeof path, "%s/towns.csv", TCMAP_TOOLS_SRC);
    GDALDatasetH csv =
        GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    assert_non_null(csv);
    GDALDatasetH tw = open_layer_file("towns.shp");
    GDALDatasetH st = open_layer_file("settlements.shp");
    OGRLayerH lc = GDALDatasetGetLayer(csv, 0), lt = GDALDatasetGetLayer(tw, 0),
              ls = GDALDatasetGetLayer(st, 0);
    OGRFeatureH c;
    int linked = 0;
    while ((c = OGR_L_GetNextFeature(lc)) != NULL) {
        const char *sid = fstr(c, "settlement");
        if (sid[0]) {
            char q[96];
            snprintf(q, sizeof q, "id = '%s'", fstr(c, "id"));
            OGR_L_SetAttributeFilter(lt, q);
            OGR_L_ResetReading(lt);
            snprintf(q, sizeof q, "id = '%s'", sid);
            OGR_L_SetAttributeFilter(ls, q);
            OGR_L_ResetReading(ls);
            OGRFeatureH t = OGR_L_GetNextFeature(lt);
            OGRFeatureH s = OGR_L_GetNextFeature(ls);
            assert_non_null(t);
            if (!s)
                fail_msg("town %s: settlement %s is not in settlements.shp",
                         fstr(c, "id"), sid);
            for (size_t k = 0; k < 6; k++)
                if (strcmp(fstr(t, fields[k]), fstr(s, fields[k])) != 0)
                    fail_msg("town %s / settlement %s: %s '%s' vs '%s'",
                             fstr(c, "id"), sid, fields[k],
                             fstr(t, fields[k]), fstr(s, fields[k]));
            OGR_F_Destroy(t);
            OGR_F_Destroy(s);
            linked++;
        }
        OGR_F_Destroy(c);
    }
    assert_true(linked >= 10);
    OGR_L_SetAttributeFilter(lt, "id = 'qubadli'");
    OGR_L_ResetReading(lt);
    OGRFeatureH q = OGR_L_GetNextFeature(lt);
    assert_non_null(q);
    assert_string_equal(fstr(q, "name_hy"), "Քաշունիք");
    OGR_F_Destroy(q);
    GDALClose(st);
    GDALClose(tw);
    GDALClose(csv);
}

/* Issue #26: Aghdam's point within 1 km of GeoNames 148619 (39.99096 N,
 * 46.92736 E), and no coordinate of the towns is "from memory". */
static void
points_are_sourced_and_aghdam_is_within_1_km_of_geonames(void **state)
{
    const struct fixture *fx = *state;
    GDALDatasetH st = open_layer_file("settlements.shp");
    OGRLayerH l = GDALDatasetGetLayer(st, 0);
    OGR_L_SetAttributeFilter(l, "id = 'aghdam'");
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_non_null(f);
    OGRGeometryH pt = OGR_G_Clone(OGR_F_GetGeometryRef(f));
    OGRGeometryH gn = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(gn, 0, 46.92736, 39.99096);
    assert_int_equal(OGR_G_Transform(pt, fx->to_laea), OGRERR_NONE);
    assert_int_equal(OGR_G_Transform(gn, fx->to_laea), OGRERR_NONE);
    double m = OGR_G_Distance(pt, gn);
    if (m > 1000.0)
        fail_msg("aghdam is %.0f m from GeoNames 148619", m);
    OGR_G_DestroyGeometry(pt);
    OGR_G_DestroyGeometry(gn);
    OGR_F_Destroy(f);
    GDALClose(st);
    GDALDatasetH tw = open_layer_file("towns.shp");
    l = GDALDatasetGetLayer(tw, 0);
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        if (strstr(fstr(f, "source"), "from memory") ||
            strstr(fstr(f, "source"), "not re-checked"))
            fail_msg("town %s: coordinate not checked against a page: %s",
                     fstr(f, "id"), fstr(f, "source"));
        OGR_F_Destroy(f);
    }
    GDALClose(tw);
}

/* The build stops when a town's names differ from its gazetteer row's
 * (the state before issue #26: Կուբաթլու by the town, Քաշունիք by the
 * village), naming the town's line and the field. */
static void
town_named_otherwise_than_its_settlement_is_an_error(void **state)
{
    (void)state;
    const char *gpkg = world_map();
    if (!gpkg)
        skip();
    char dir[] = "/tmp/tcmap-towns-XXXXXX", path[4096];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/towns.csv", TCMAP_TOOLS_SRC);
    size_t n;
    char *csv = slurp(path, &n);
    assert_non_null(csv);
    const char *from = "Qubadli,Kashunik,Qubadlı,Քաշունիք";
    const char *to = "Qubadli,Kubatly,Qubadlı,Կուբաթլու";
    char *at = strstr(csv, from);
    assert_non_null(at);
    char *text = malloc(n + 64);
    assert_non_null(text);
    snprintf(text, n + 64, "%.*s%s%s", (int)(at - csv), csv, to,
             at + strlen(from));
    assert_int_equal(run_with_table(gpkg, dir, "towns.csv", text), 1);
    snprintf(path, sizeof path, "%s/log", dir);
    char *log = slurp(path, &n);
    assert_non_null(log);
    if (!strstr(log, "towns.csv:13: qubadli: name_enhy 'Kubatly' differs"))
        fail_msg("log:\n%s", log);
    free(log);
    free(text);
    free(csv);
    remove_tree(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            every_control_id_of_the_interface_exists_as_a_control_area),
        cmocka_unit_test(
            area_ids_are_unique_lowercase_ascii_with_context_prefixes),
        cmocka_unit_test(areas_carry_their_district_and_scope),
        cmocka_unit_test(nkao_area_matches_the_official_4388_km2),
        cmocka_unit_test(district_areas_match_published_figures),
        cmocka_unit_test(district_areas_within_5_percent_or_explained),
        cmocka_unit_test(split_districts_add_up_to_the_whole),
        cmocka_unit_test(areas_tile_without_gaps_or_overlaps),
        cmocka_unit_test(every_town_lies_in_its_area),
        cmocka_unit_test(
            towns_of_the_control_districts_are_where_history_puts_them),
        cmocka_unit_test(every_area_has_all_names),
        cmocka_unit_test(default_names_are_dual_where_the_sides_differ),
        cmocka_unit_test(towns_and_settlements_agree_on_names),
        cmocka_unit_test(
            points_are_sourced_and_aghdam_is_within_1_km_of_geonames),
        cmocka_unit_test(town_named_otherwise_than_its_settlement_is_an_error),
        cmocka_unit_test(
            lines_hold_the_1991_ring_the_1994_line_dated_and_borders),
        cmocka_unit_test(the_1994_line_goes_round_kalbajar_not_through_it),
        cmocka_unit_test(every_settlement_has_a_control_area_within_2_km),
        cmocka_unit_test(tool_without_arguments_prints_usage_and_exits_2),
        cmocka_unit_test(tool_names_a_missing_source_and_exits_1),
        cmocka_unit_test(rebuild_from_the_debian_package_is_byte_identical),
        cmocka_unit_test(committed_corridor_pieces_follow_tools_corridor_csv),
        cmocka_unit_test(corridor_points_cut_lachin_into_pieces_that_tile_it),
        cmocka_unit_test(
            corridor_route_with_one_point_is_an_error_naming_the_line),
        cmocka_unit_test(
            settlement_far_from_every_control_area_is_an_error_naming_its_line),
        cmocka_unit_test(
            long_source_is_cut_on_a_character_boundary_and_district_is_checked),
    };
    return cmocka_run_group_tests_name("geodata_files", tests, setup, teardown);
}
