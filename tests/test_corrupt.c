/* Broken input must give a clear error, never a crash, a wrong message or a
 * damaged output. Every case below runs the real program (and, for the
 * loaders, the API): it checks the exit code or tcmap_status, that the
 * message names the file (and the line or feature where there is one) and
 * says what is wrong, and that an output file which was already there is
 * left byte for byte as it was, with no temporary file beside it.
 *
 * Text fixtures are committed in tests/data/corrupt/ (they also seed the
 * fuzzers); broken shapefiles are made here from the good squares of
 * testutil.c by changing known bytes, at offsets given by the ESRI
 * shapefile and dBASE layouts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "core/tcmap_limits.h"
#include "testutil.h"
#include "load/geodata.h"

#include <cpl_conv.h>
#include <errno.h>
#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <glib/gstdio.h>
#include <math.h>
#include <shapefil.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define CORRUPT TCMAP_SOURCE_DIR "/tests/data/corrupt/"
static const char PRECIOUS[] = "an earlier map that must survive\n";
static const char GOOD_TABLE[] = "date,area,party\n2000-01-01,west,AZ\n"
                                 "2000-01-01,east,AM\n";

/* ---- helpers ---- */

/* A fresh output directory holding one existing "map.png". */
static char *
output_dir(const char *name, char **out_png)
{
    char *rel = g_strdup_printf("out-%s/map.png", name);
    *out_png = tu_write(rel, PRECIOUS);
    g_free(rel);
    return g_path_get_dirname(*out_png);
}

/* The existing output is unchanged and nothing else was left beside it. */
static void
assert_output_untouched(const char *dir, const char *png)
{
    size_t len = 0;
    char *now = tu_read(png, &len);
    assert_non_null(now);
    assert_int_equal(len, sizeof PRECIOUS - 1);
    assert_memory_equal(now, PRECIOUS, len);
    g_free(now);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *e;
    while ((e = g_dir_read_name(d)) != NULL)
        if (strcmp(e, "map.png") != 0)
            fail_msg("left behind in %s: %s", dir, e);
    g_dir_close(d);
}

/* stderr is "tcmap: FILE:LINE: ..." (line > 0), "tcmap: FILE: ..." (line
 * == 0) or "tcmap: FILE:N: ..." for any N (line < 0), and its first line
 * holds `what`. */
static void
assert_message(const char *err, const char *file, int line, const char *what)
{
    char *head = g_strdup_printf("tcmap: %s:", file);
    if (strncmp(err, head, strlen(head)) != 0)
        fail_msg("expected a message starting '%s', got: %s", head, err);
    const char *rest = err + strlen(head);
    if (line > 0) {
        char *num = g_strdup_printf("%d: ", line);
        if (strncmp(rest, num, strlen(num)) != 0)
            fail_msg("expected line %d in: %s", line, err);
        g_free(num);
    } else if (line == 0) {
        if (rest[0] != ' ')
            fail_msg("expected no line number in: %s", err);
    } else {
        char *end = NULL;
        if (strtol(rest, &end, 10) <= 0 || *end != ':')
            fail_msg("expected a line or feature number in: %s", err);
    }
    const char *eol = strchr(err, '\n');
    char *first = g_strndup(err, eol ? (size_t)(eol - err) : strlen(err));
    if (!strstr(first, what))
        fail_msg("expected '%s' in: %s", what, first);
    g_free(first);
    g_free(head);
}

/* Renders with the given inputs over an existing map.png; the run must
 * fail with exit 1, and the old map must survive. Returns stderr. */
static char *
render_fails(const char *name, const char *geodata, const char *control,
             const char *style)
{
    char *png = NULL, *err = NULL;
    char *dir = output_dir(name, &png);
    int rc = tu_run(NULL, &err, "render", "--geodata", geodata, "--control",
                    control, "--style", style, "--date", "2000-06-01", "-o",
                    png, NULL);
    if (rc != 1)
        fail_msg("%s: exit %d, expected 1; stderr: %s", name, rc, err);
    assert_output_untouched(dir, png);
    g_free(png);
    g_free(dir);
    return err;
}

static char *
good_style(void)
{
    static char *path;
    if (!path)
        path = tu_square_style("squares.ini");
    return path;
}

static char *
good_table(void)
{
    static char *path;
    if (!path)
        path = tu_write("good.csv", GOOD_TABLE);
    return path;
}

/* ---- broken shapefiles, made from the good squares ---- */

/* The squares' .shp: a 100-byte header, then three polygon records. The
 * first ("west", two rings of 5 points) starts at 100: record header
 * 100-107, shape type 108, box 112-143, part count 144, point count 148,
 * part starts 152 and 156, points from 160. The second ("east") starts at
 * 320, its points at 320 + 48. The .shx holds 8 bytes per record after its
 * own 100-byte header; the .dbf's record count is at byte 4. */
enum { REC1 = 100, REC2 = 320, SHP_SIZE = 592 };

static void
put_bytes(const char *path, long offset, const void *bytes, size_t n)
{
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, offset, SEEK_SET), 0);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void
put_le32(const char *path, long offset, int32_t v)
{
    unsigned char b[4] = {v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
                          (v >> 24) & 0xff};
    put_bytes(path, offset, b, 4);
}

static void
put_be32(const char *path, long offset, int32_t v)
{
    unsigned char b[4] = {(v >> 24) & 0xff, (v >> 16) & 0xff,
                          (v >> 8) & 0xff, v & 0xff};
    put_bytes(path, offset, b, 4);
}

static void
put_double(const char *path, long offset, double v)
{
    put_bytes(path, offset, &v, 8); /* x86-64: little-endian, as the file */
}

static void
cut(const char *path, off_t len)
{
    assert_int_equal(truncate(path, len), 0);
}

typedef struct shp_case {
    const char *name;  /* also the output directory */
    void (*corrupt)(const char *base, const char *dir);
    tcmap_status status; /* TCMAP_OK: the load must succeed */
    const char *file;    /* file the message names, in the geodata dir */
    int line;            /* feature number, 0 = none, -1 = some */
    const char *what;
} shp_case;

#define FILE_OF(ext) g_autofree char *f = g_strconcat(base, ext, NULL)

static void c_shp_cut_header(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); cut(f, 50); }
static void c_shp_cut_record(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); cut(f, SHP_SIZE - 40); }
static void c_shp_file_code(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_be32(f, 0, 1234); }
static void c_shp_length_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_be32(f, 24, 0x7fffffff); }
static void c_shp_bbox_lie(const char *base, const char *dir)
{
    (void)dir;
    FILE_OF(".shp");
    put_double(f, 36, NAN);
    put_double(f, 44, -1e300);
    put_double(f, 52, 0);
    put_double(f, 60, 0);
    put_double(f, 112, 1e300); /* the first record's own box */
}
static void c_shx_count_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shx"); put_be32(f, 24, 50 + 4 * 1000); }
static void c_shx_offset_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shx"); put_be32(f, 108, 1000000); }
static void c_shp_content_length_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_be32(f, REC2 + 4, 4); }
static void c_part_past_end(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, 156, 1000); }
static void c_part_too_short(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, 156, 2); }
static void c_part_negative(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, 152, -7); }
static void c_point_count_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, 148, 0x7fffffff); }
static void c_part_count_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, 144, -1); }
static void c_null_shape(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, REC2 + 8, SHPT_NULL); }
static void c_multipoint(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_le32(f, REC2 + 8, SHPT_MULTIPOINT); }
static void c_nan_vertex(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_double(f, REC2 + 48 + 16, NAN); }
static void c_huge_vertex(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shp"); put_double(f, REC2 + 48 + 16, 1e300); }
static void c_no_shx(const char *base, const char *dir)
{ (void)dir; FILE_OF(".shx"); assert_int_equal(g_remove(f), 0); }
static void c_no_dbf(const char *base, const char *dir)
{ (void)dir; FILE_OF(".dbf"); assert_int_equal(g_remove(f), 0); }
static void c_no_prj(const char *base, const char *dir)
{ (void)dir; FILE_OF(".prj"); assert_int_equal(g_remove(f), 0); }
static void c_bad_prj(const char *base, const char *dir)
{
    (void)dir;
    FILE_OF(".prj");
    assert_true(g_file_set_contents(f, "PROJCS[\"broken", -1, NULL));
}
static void c_dbf_count_lie(const char *base, const char *dir)
{ (void)dir; FILE_OF(".dbf"); put_le32(f, 4, 5); }
static void c_dbf_cut(const char *base, const char *dir)
{ (void)dir; FILE_OF(".dbf"); cut(f, 40); }
static void c_no_manifest(const char *base, const char *dir)
{
    (void)base;
    g_autofree char *m = g_build_filename(dir, "manifest.ini", NULL);
    assert_int_equal(g_remove(m), 0);
}
static void c_manifest_field(const char *base, const char *dir)
{
    (void)base;
    g_autofree char *m = g_build_filename(dir, "manifest.ini", NULL);
    assert_true(g_file_set_contents(
        m, "[areas]\npath = squares.shp\nid = name_id\n", -1, NULL));
}

/* Rewrites the squares' attribute table with one value changed, keeping
 * everything else; the value is written as raw bytes. */
static void
set_attribute(const char *base, int rec, int field, const char *bytes)
{
    DBFHandle dbf = DBFOpen(base, "r+b");
    assert_non_null(dbf);
    assert_true(DBFWriteStringAttribute(dbf, rec, field, bytes));
    DBFClose(dbf);
}

static void c_cp1251_dbf(const char *base, const char *dir)
{
    (void)dir;
    FILE_OF(".cpg");
    g_remove(f); /* no .cpg, and the name is "Запад" in Windows-1251 */
    set_attribute(base, 0, 1, "\xc7\xe0\xef\xe0\xe4");
}
static void c_duplicate_id(const char *base, const char *dir)
{ (void)dir; set_attribute(base, 1, 0, "west"); }
static void c_empty_id(const char *base, const char *dir)
{ (void)dir; set_attribute(base, 1, 0, "   "); }

/* Replaces the squares with a layer made from scratch. */
static void
rewrite_shapes(const char *base, int type, int n, const double *x,
               const double *y, int count)
{
    SHPHandle shp = SHPCreate(base, type);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    assert_non_null(shp);
    assert_non_null(dbf);
    DBFAddField(dbf, "code", FTString, 16, 0);
    DBFAddField(dbf, "nm_en", FTString, 32, 0);
    DBFAddField(dbf, "nm_az", FTString, 32, 0);
    DBFAddField(dbf, "kind", FTString, 8, 0);
    for (int i = 0; i < count; i++) {
        SHPObject *o = SHPCreateSimpleObject(type, n, x, y, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        char id[16];
        snprintf(id, sizeof id, "a%d", i + 1);
        DBFWriteStringAttribute(dbf, i, 0, id);
        DBFWriteStringAttribute(dbf, i, 1, id);
        DBFWriteStringAttribute(dbf, i, 2, id);
        DBFWriteStringAttribute(dbf, i, 3, "control");
    }
    SHPClose(shp);
    DBFClose(dbf);
}

static void c_empty_layer(const char *base, const char *dir)
{ (void)dir; rewrite_shapes(base, SHPT_POLYGON, 0, NULL, NULL, 0); }
static void c_points_as_areas(const char *base, const char *dir)
{
    (void)dir;
    double x = 400000, y = 4400000;
    rewrite_shapes(base, SHPT_POINT, 1, &x, &y, 2);
}

static const shp_case shp_cases[] = {
    {"a .shp cut inside its header cannot be opened", c_shp_cut_header,
     TCMAP_ERR_IO, "squares.shp", 0, "cannot open shapefile"},
    {"a .shp cut inside its last record names that feature",
     c_shp_cut_record, TCMAP_ERR_DATA, "squares.shp", 3,
     "cannot read this shape"},
    {"a wrong file code in the .shp header does not matter to Shapelib",
     c_shp_file_code, TCMAP_OK, NULL, 0, NULL},
    {"a .shp header lying about the file length is not believed",
     c_shp_length_lie, TCMAP_OK, NULL, 0, NULL},
    {"bounding boxes that lie are ignored: the shapes' own points count",
     c_shp_bbox_lie, TCMAP_OK, NULL, 0, NULL},
    {"a .shx claiming 1000 records cannot be opened", c_shx_count_lie,
     TCMAP_ERR_IO, "squares.shp", 0, "cannot open shapefile"},
    {"a .shx offset past the end of the .shp names the feature",
     c_shx_offset_lie, TCMAP_ERR_DATA, "squares.shp", 2,
     "cannot read this shape"},
    {"a record header lying about its length is not believed",
     c_shp_content_length_lie, TCMAP_OK, NULL, 0, NULL},
    {"a part index past the last point names the feature", c_part_past_end,
     TCMAP_ERR_DATA, "squares.shp", 1, "cannot read this shape"},
    {"a ring of two points is too short", c_part_too_short, TCMAP_ERR_DATA,
     "squares.shp", 1, "part 1 has 2 points, too few for a ring"},
    {"a negative part index names the feature", c_part_negative,
     TCMAP_ERR_DATA, "squares.shp", 1, "cannot read this shape"},
    {"a point count of 2^31-1 is not allocated", c_point_count_lie,
     TCMAP_ERR_DATA, "squares.shp", 1, "cannot read this shape"},
    {"a negative part count names the feature", c_part_count_lie,
     TCMAP_ERR_DATA, "squares.shp", 1, "cannot read this shape"},
    {"a null shape among polygons has no geometry", c_null_shape,
     TCMAP_ERR_DATA, "squares.shp", 2, "area 'east' has no geometry"},
    {"a multipoint record among polygons is not supported", c_multipoint,
     TCMAP_ERR_DATA, "squares.shp", 2, "is not supported"},
    {"a NaN coordinate names the feature", c_nan_vertex, TCMAP_ERR_DATA,
     "squares.shp", 2, "not finite or lie far outside the Earth"},
    {"a coordinate of 1e300 is far outside the Earth", c_huge_vertex,
     TCMAP_ERR_DATA, "squares.shp", 2,
     "not finite or lie far outside the Earth"},
    {"a missing .shx is an input error", c_no_shx, TCMAP_ERR_IO,
     "squares.shp", 0, "the .shx must be beside it"},
    {"a missing .dbf is an input error", c_no_dbf, TCMAP_ERR_IO,
     "squares.shp", 0, "cannot open its attribute table"},
    {"a missing .prj leaves the coordinate system unknown", c_no_prj,
     TCMAP_ERR_DATA, "squares.shp", 0, "no .prj file"},
    {"a .prj that is not WKT is rejected", c_bad_prj, TCMAP_ERR_DATA,
     "squares.shp", 0, "cannot understand the coordinate system"},
    {"a .dbf with more records than shapes is rejected", c_dbf_count_lie,
     TCMAP_ERR_DATA, "squares.shp", 0, "3 shapes but 5 attribute records"},
    {"a .dbf cut inside its header cannot be opened", c_dbf_cut,
     TCMAP_ERR_IO, "squares.shp", 0, "cannot open its attribute table"},
    {"a Windows-1251 .dbf without .cpg is not read as UTF-8", c_cp1251_dbf,
     TCMAP_ERR_DATA, "squares.shp", 1, "is not valid UTF-8"},
    {"two areas with one id are rejected", c_duplicate_id, TCMAP_ERR_DATA,
     "squares.shp", 2, "area id 'west' repeats feature 1"},
    {"an area whose id is blank is rejected", c_empty_id, TCMAP_ERR_DATA,
     "squares.shp", 2, "area has an empty id"},
    {"an empty areas layer is rejected", c_empty_layer, TCMAP_ERR_DATA,
     "squares.shp", 0, "the areas layer is empty"},
    {"points are not areas", c_points_as_areas, TCMAP_ERR_DATA,
     "squares.shp", 1, "is a Point, not a polygon"},
    {"a missing manifest is an input error", c_no_manifest, TCMAP_ERR_IO,
     "manifest.ini", 0, "cannot read geodata manifest"},
    {"a manifest naming a missing attribute", c_manifest_field,
     TCMAP_ERR_DATA, "squares.shp", 0, "no attribute 'name_id'"},
};

static void
run_shp_case(void **state)
{
    const shp_case *c = *state;
    static int serial;
    g_autofree char *name = g_strdup_printf("shp%02d", ++serial);
    g_autofree char *dir = tu_square_geodata(name);
    g_autofree char *base = g_build_filename(dir, "squares", NULL);
    c->corrupt(base, dir);

    tcmap_geodata *geo = NULL;
    tcmap_error err;
    tcmap_status st = tcmap_geodata_load(dir, "EPSG:32638", &geo, &err);
    if (st != c->status)
        fail_msg("status %s, expected %s: %s", tcmap_strerror(st),
                 tcmap_strerror(c->status), st ? err.message : "");
    if (c->status == TCMAP_OK) {
        /* Whatever the headers say, the areas are the squares' own. */
        long w = tcmap__geodata_area_index(geo, "west");
        assert_true(w >= 0);
        assert_true(fabs(tcmap_geodata_area_km2(geo, (size_t)w) - 96.0) <
                    0.2);
        tcmap_geodata_destroy(geo);
        return;
    }
    assert_null(geo);
    g_autofree char *file = g_build_filename(dir, c->file, NULL);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, file, c->line, c->what);
    /* The program says the same and keeps the old map. */
    g_autofree char *out = render_fails(name, dir, good_table(), good_style());
    assert_message(out, file, c->line, c->what);
}

/* Issue #27 finding 16: "feature 93 has no geometry" named neither the
 * feature's id nor its place in the file, for a missing geometry and for
 * a point of NaN coordinates (which a GeoPackage stores as empty). */
static void
test_a_settlement_without_a_geometry_is_named_by_its_id(void **state)
{
    (void)state;
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv)
        skip();
    g_autofree char *dir = tu_square_geodata("nanpoint");
    g_autofree char *path = g_build_filename(dir, "places.gpkg", NULL);
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(ds);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, 32638);
    OGRLayerH l = GDALDatasetCreateLayer(ds, "places", srs, wkbPoint, NULL);
    OSRDestroySpatialReference(srs);
    const char *cols[2] = {"id", "area"};
    for (int i = 0; i < 2; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(cols[i], OFTString);
        OGR_L_CreateField(l, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    const char *ids[3] = {"good", "nan_village", "no_point"};
    for (int i = 0; i < 3; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        OGR_F_SetFieldString(f, 0, ids[i]);
        OGR_F_SetFieldString(f, 1, "east");
        if (i < 2) {
            OGRGeometryH g = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(g, 0, i ? NAN : 425000, i ? NAN : 4405000);
            OGR_F_SetGeometryDirectly(f, g);
        }
        assert_int_equal(OGR_L_CreateFeature(l, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    g_autofree char *man = g_build_filename(dir, "manifest.ini", NULL);
    g_autofree char *text = NULL;
    g_file_get_contents(man, &text, NULL, NULL);
    g_autofree char *more = g_strconcat(
        text, "[settlements]\npath = places.gpkg\nid = id\narea = area\n",
        NULL);
    g_file_set_contents(man, more, -1, NULL);
    tcmap_geodata *geo = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:32638", &geo, &err),
                     TCMAP_ERR_DATA);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, 2, "settlement 'nan_village' has no geometry");
    /* validate names both, each by its id. */
    char *e = NULL;
    assert_int_equal(tu_run(NULL, &e, "validate", "--geodata", dir,
                            "--control", good_table(), "--style",
                            good_style(), NULL),
                     1);
    g_autofree char *w2 = g_strdup_printf("%s:2: settlement 'nan_village' "
                                          "has no geometry",
                                          path);
    g_autofree char *w3 = g_strdup_printf("%s:3: settlement 'no_point' "
                                          "has no geometry",
                                          path);
    assert_non_null(strstr(e, w2));
    assert_non_null(strstr(e, w3));
    g_free(e);
}

/* ---- polygons that load but are not fit to measure ---- */

static void
test_degenerate_and_self_intersecting_polygons_fail_validation(void **state)
{
    (void)state;
    /* A bow tie (its ring crosses itself) and a "polygon" whose points are
     * all on one line. */
    static const double bx[] = {400000, 410000, 400000, 410000, 400000};
    static const double by[] = {4400000, 4410000, 4410000, 4400000, 4400000};
    static const double lx[] = {420000, 425000, 430000, 420000};
    static const double ly[] = {4400000, 4400000, 4400000, 4400000};
    g_autofree char *dir = tu_square_geodata("bowtie");
    g_autofree char *base = g_build_filename(dir, "squares", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POLYGON);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "code", FTString, 16, 0);
    DBFAddField(dbf, "nm_en", FTString, 32, 0);
    DBFAddField(dbf, "nm_az", FTString, 32, 0);
    DBFAddField(dbf, "kind", FTString, 8, 0);
    SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, bx, by, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    o = SHPCreateSimpleObject(SHPT_POLYGON, 4, lx, ly, NULL);
    SHPWriteObject(shp, -1, o);
    SHPDestroyObject(o);
    DBFWriteStringAttribute(dbf, 0, 0, "bowtie");
    DBFWriteStringAttribute(dbf, 1, 0, "flat");
    for (int i = 0; i < 2; i++) {
        DBFWriteStringAttribute(dbf, i, 1, "x");
        DBFWriteStringAttribute(dbf, i, 2, "x");
        DBFWriteStringAttribute(dbf, i, 3, "control");
    }
    SHPClose(shp);
    DBFClose(dbf);

    g_autofree char *table = tu_write("bowtie.csv", "date,area,party\n"
                                                    "2000-01-01,bowtie,AZ\n"
                                                    "2000-01-01,flat,AM\n");
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "validate", "--geodata", dir, "--control",
                    table, "--style", good_style(), NULL);
    assert_int_equal(rc, 1);
    g_autofree char *shpf = g_build_filename(dir, "squares.shp", NULL);
    g_autofree char *m1 = g_strdup_printf("tcmap: %s:1: area 'bowtie': the "
                                          "polygon is not valid",
                                          shpf);
    g_autofree char *m2 = g_strdup_printf("tcmap: %s:2: area 'flat': the "
                                          "polygon is not valid",
                                          shpf);
    assert_non_null(strstr(err, m1));
    assert_non_null(strstr(err, m2));
    g_free(out);
    g_free(err);
}

/* ---- control tables ---- */

typedef struct file_case {
    const char *name;
    const char *fixture; /* in tests/data/corrupt/ */
    int line;            /* as in assert_message */
    const char *what;
} file_case;

static const file_case table_cases[] = {
    {"a table of PNG bytes is not a table", "table_binary.csv", 0,
     "cannot open as a table"},
    {"an empty file is not a table", "table_zero_bytes.csv", 0,
     "cannot open as a table"},
    {"a table in Windows-1251 names the row, not a garbled area",
     "table_cp1251_area.csv", 2, "not valid UTF-8"},
    {"a table with CRLF line ends keeps its line numbers",
     "table_crlf_bad_date.csv", 3, "date '2000-02-30' does not exist"},
    {"years 0000 and 10000 and impossible days are each reported",
     "table_dates_out_of_range.csv", 2, "date '0000-12-31' does not exist"},
    {"empty lines do not shift the line numbers", "table_empty_lines.csv",
     5, "date '2000-01-32' does not exist"},
    {"a quoted newline does not shift the line numbers",
     "table_quoted_newline.csv", 4, "date '2000-13-01' does not exist"},
    {"a source in Latin-1 is reported on its line",
     "table_latin1_source.csv", 2, "source is not valid UTF-8"},
    {"a note in Latin-1 is reported on its line", "table_latin1_note.csv", 2,
     "note is not valid UTF-8"},
    {"a table without a party column is rejected on its header",
     "table_no_party_column.csv", 1, "missing required column 'party'"},
    {"an unclosed quote swallows the rest of the file and says so",
     "table_unclosed_quote.csv", 2, "is not YYYY-MM-DD"},
};

static void
run_table_case(void **state)
{
    const file_case *c = *state;
    const char *path = NULL;
    g_autofree char *fixture = g_strconcat(CORRUPT, c->fixture, NULL);
    path = fixture;
    g_autofree char *geo = tu_square_geodata("tables");
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    tcmap_status st = tcmap_timeline_load(path, NULL, NULL, &tl, &err);
    assert_null(tl);
    assert_int_equal(st, c->line == 0 ? TCMAP_ERR_IO : TCMAP_ERR_DATA);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, c->line, c->what);
    g_autofree char *out = render_fails(c->fixture, geo, path, good_style());
    assert_message(out, path, c->line, c->what);
}

static void
test_every_bad_date_of_a_table_is_reported(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("dates");
    g_autofree char *out = render_fails(
        "dates", geo, CORRUPT "table_dates_out_of_range.csv", good_style());
    /* One message per bad row, each on its own line of stderr. */
    static const char *const lines[] = {
        ":2: date '0000-12-31' does not exist",
        ":3: date '10000-01-01' is not YYYY-MM-DD",
        ":4: date '2021-02-29' does not exist",
        ":5: date '1991-13-01' does not exist"};
    for (int i = 0; i < 4; i++)
        assert_non_null(strstr(out, lines[i]));
    g_auto(GStrv) lines_out = g_strsplit(out, "\n", -1);
    assert_int_equal(g_strv_length(lines_out), 5); /* 4 and a final "" */
}

static void
test_a_byte_order_mark_is_not_part_of_the_first_column(void **state)
{
    (void)state;
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(CORRUPT "table_bom.csv", NULL, NULL,
                                         &tl, &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_timeline_event_count(tl), 2);
    const tcmap_event *e = tu_event_at(tl, "east", "2000-01-01");
    assert_non_null(e);
    assert_string_equal(e->party, "AM");
    tcmap_timeline_destroy(tl);
}

static void
test_a_table_with_only_a_header_has_no_date_to_draw(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("headeronly");
    char *png = NULL, *err = NULL;
    g_autofree char *dir = output_dir("headeronly", &png);
    int rc = tu_run(NULL, &err, "render", "--geodata", geo, "--control",
                    CORRUPT "table_header_only.csv", "--style", good_style(),
                    "-o", png, NULL);
    assert_int_equal(rc, 1);
    assert_message(err, CORRUPT "table_header_only.csv", 0,
                   "the table has no events");
    assert_output_untouched(dir, png);
    g_free(png);
    g_free(err);
}

static void
test_a_huge_field_is_kept_whole_and_messages_stay_bounded(void **state)
{
    (void)state;
    /* A 1 MiB note loads intact; a 1 MiB unknown area gives a message
     * that fits tcmap_error and still names the row. */
    GString *t = g_string_new("date,area,party,note\n2000-01-01,west,AZ,");
    for (int i = 0; i < 1 << 20; i++)
        g_string_append_c(t, 'a' + i % 26);
    g_string_append(t, "\n");
    g_autofree char *ok = tu_write("huge_note.csv", t->str);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(ok, NULL, NULL, &tl, &err),
                     TCMAP_OK);
    const tcmap_event *ev;
    assert_int_equal(tcmap_timeline_event(tl, 0, &ev, NULL), TCMAP_OK);
    assert_int_equal(strlen(ev->note), 1 << 20);
    tcmap_timeline_destroy(tl);

    g_string_assign(t, "date,area,party\n2000-01-01,");
    for (int i = 0; i < 1 << 20; i++)
        g_string_append_c(t, 'a' + i % 26);
    g_string_append(t, ",AZ\n");
    g_autofree char *bad = tu_write("huge_area.csv", t->str);
    g_string_free(t, TRUE);
    g_autofree char *geo = tu_square_geodata("huge");
    g_autofree char *out = render_fails("huge", geo, bad, good_style());
    assert_message(out, bad, 2, "unknown area 'abcdefgh");
    assert_true(strlen(out) < 2048);
}

/* ---- styles ---- */

static const file_case style_cases[] = {
    {"an unknown key in a style names its line", "style_unknown_key.ini", 3,
     "[map] colour: unknown key 'colour'"},
    {"a five-digit colour is not a colour", "style_short_colour.ini", 5,
     "'#12345' is not a colour of the form #rrggbb"},
    {"a colour name is not a colour", "style_colour_name.ini", 4,
     "'blue' is not a colour"},
    {"an unknown group in a style names its line", "style_unknown_group.ini",
     5, "unknown group [parties]"},
    {"a style without parties is rejected", "style_no_party.ini", 1,
     "the style defines no [party.ID] group"},
    {"a line that is not key = value is a syntax error",
     "style_syntax_error.ini", 0, "is not a key-value pair"},
    {"a width of 1e9 is out of range", "style_huge_width.ini", 2,
     "[map] width: '1e9' is not a number in 16..20000"},
    {"a value in Windows-1251 names its line", "style_cp1251_value.ini", 2,
     "which is not UTF-8"},
    {"a pattern that is not UTF-8 is an error, not a crash (fuzz_style)",
     "style_pattern_not_utf8.ini", 6, "which is not UTF-8"},
    {"an empty style has no party, and no line 0",
     "style_zero_bytes.ini", 0, "the style defines no [party.ID] group"},
    {"a CRS GDAL does not know is the style's error",
     "style_unknown_crs.ini", 2, "'EPSG:99999999' is not a coordinate "
                                 "system"},
};

static void
run_style_case(void **state)
{
    const file_case *c = *state;
    g_autofree char *path = g_strconcat(CORRUPT, c->fixture, NULL);
    g_autofree char *geo = tu_square_geodata("styles");
    tcmap_style *style = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_style_load(path, &style, &err), TCMAP_ERR_DATA);
    assert_null(style);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, c->line, c->what);
    g_autofree char *out = render_fails(c->fixture, geo, good_table(), path);
    assert_message(out, path, c->line, c->what);
}

/* ---- outputs that cannot be written ---- */

static void
render_to(const char *target, const char *what)
{
    g_autofree char *geo = tu_square_geodata("out");
    char *err = NULL;
    int rc = tu_run(NULL, &err, "render", "--geodata", geo, "--control",
                    good_table(), "--style", good_style(), "-o", target,
                    NULL);
    assert_int_equal(rc, 1);
    assert_message(err, target, 0, what);
    g_free(err);
}

static void
test_output_in_a_missing_folder_is_an_error(void **state)
{
    (void)state;
    g_autofree char *p = tu_path("no/such/folder/map.png");
    render_to(p, "No such file or directory");
}

static void
test_output_under_a_file_instead_of_a_folder_is_an_error(void **state)
{
    (void)state;
    g_autofree char *file = tu_write("plain-file", "not a folder\n");
    g_autofree char *p = g_build_filename(file, "map.png", NULL);
    render_to(p, "Not a directory");
    g_autofree char *text = tu_read(file, NULL);
    assert_string_equal(text, "not a folder\n");
}

static void
test_output_in_a_read_only_place_is_an_error(void **state)
{
    (void)state;
    /* /proc refuses new files even to root. */
    render_to("/proc/tcmap-test-map.png", "cannot create");
}

static void
test_output_over_a_folder_is_an_error_and_leaves_no_temp_file(void **state)
{
    (void)state;
    g_autofree char *p = tu_path("out-isdir/map.png");
    g_mkdir_with_parents(p, 0755);
    render_to(p, "Is a directory");
    g_autofree char *parent = g_path_get_dirname(p);
    GDir *d = g_dir_open(parent, 0, NULL);
    int n = 0;
    while (g_dir_read_name(d))
        n++;
    g_dir_close(d);
    assert_int_equal(n, 1); /* only the folder itself */
}

/* Lowers RLIMIT_FSIZE in the child only: writing past it is "disk full". */
static void
limit_file_size(gpointer user)
{
    struct rlimit rl = {.rlim_cur = 4096, .rlim_max = 4096};
    (void)user;
    setrlimit(RLIMIT_FSIZE, &rl);
}

static void
test_a_full_disk_is_an_error_and_keeps_the_old_map(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("full");
    char *png = NULL;
    g_autofree char *dir = output_dir("full", &png);
    char *argv[] = {(char *)TCMAP_EXE, "render", "--geodata", geo,
                    "--control", good_table(), "--style", good_style(),
                    "--size", "800x600", "-o", png, NULL};
    char *err = NULL;
    int status = 0;
    assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT,
                             limit_file_size, NULL, NULL, &err, &status,
                             NULL));
    /* Not killed by SIGXFSZ: a clean exit 1 with the reason. */
    assert_false(WIFSIGNALED(status));
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 1);
    assert_message(err, png, 0, "File too large");
    assert_output_untouched(dir, png);
    g_free(err);
    g_free(png);
}

/* ---- dates (fuzz_date) ---- */

static void
test_any_day_number_formats_as_a_real_date(void **state)
{
    (void)state;
    /* Found by fuzz_date: INT32_MAX overflowed inside the conversion and
     * -194954652 came out as year 0000. Out-of-range numbers clamp. */
    static const int32_t days[] = {INT32_MIN, -194954652, -719163, INT32_MAX,
                                   2932897};
    static const char *const want[] = {"0001-01-01", "0001-01-01",
                                       "0001-01-01", "9999-12-31",
                                       "9999-12-31"};
    for (int i = 0; i < 5; i++) {
        char buf[11];
        tcmap_date_format(days[i], buf);
        assert_string_equal(buf, want[i]);
        assert_int_equal(tcmap_date_parse(buf, NULL, NULL), TCMAP_OK);
    }
}

/* ---- limits (docs/limits.md) ---- */

static void
test_a_table_past_the_row_limit_is_refused(void **state)
{
    (void)state;
    g_autofree char *path = tu_path("too_many_rows.csv");
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("date,area,party\n", fp);
    for (long i = 0; i <= TCMAP_MAX_TABLE_ROWS; i++)
        fputs("2000-01-01,west,AZ\n", fp);
    assert_int_equal(fclose(fp), 0);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(path, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    assert_null(tl);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    g_autofree char *what =
        g_strdup_printf("more than %d rows", TCMAP_MAX_TABLE_ROWS);
    assert_message(msg, path, 0, what);
    g_remove(path);
}

static void
test_a_feature_past_the_vertex_limit_is_refused(void **state)
{
    (void)state;
    /* One ring of TCMAP_MAX_VERTICES_PER_FEATURE + 1 points round a
     * circle of 5 km, in the squares' place. */
    int n = TCMAP_MAX_VERTICES_PER_FEATURE + 1;
    double *x = calloc((size_t)n, sizeof *x), *y = calloc((size_t)n, sizeof *y);
    assert_true(x && y);
    for (int i = 0; i < n - 1; i++) {
        double a = -2 * M_PI * i / (n - 1); /* clockwise: an outer ring */
        x[i] = 405000 + 5000 * cos(a);
        y[i] = 4405000 + 5000 * sin(a);
    }
    x[n - 1] = x[0], y[n - 1] = y[0];
    g_autofree char *dir = tu_square_geodata("vertices");
    g_autofree char *base = g_build_filename(dir, "squares", NULL);
    rewrite_shapes(base, SHPT_POLYGON, n, x, y, 1);
    free(x);
    free(y);
    tcmap_geodata *geo = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_geodata_load(dir, "EPSG:32638", &geo, &err),
                     TCMAP_ERR_DATA);
    assert_null(geo);
    g_autofree char *shp = g_build_filename(dir, "squares.shp", NULL);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    g_autofree char *what = g_strdup_printf(
        "%d points, more than tcmap's limit", n);
    assert_message(msg, shp, 1, what);
}

static void
test_a_map_past_the_size_limit_is_a_usage_error(void **state)
{
    (void)state;
    g_autofree char *png = tu_path("too-big.png");
    g_autofree char *size = g_strdup_printf("%dx100", TCMAP_MAX_IMAGE_SIDE + 1);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "render", "--size", size, "-o", png,
                            NULL),
                     2);
    assert_non_null(strstr(err, "--size"));
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    g_free(err);
}

/* Builds one cmocka test per row of a case table, named by its sentence. */
static void
add_cases(struct CMUnitTest *t, size_t *n, const void *cases, size_t size,
          size_t count, void (*fn)(void **))
{
    for (size_t i = 0; i < count; i++) {
        const char *c = (const char *)cases + i * size;
        t[*n] = (struct CMUnitTest){.name = *(const char *const *)c,
                                    .test_func = fn,
                                    .initial_state = (void *)c};
        (*n)++;
    }
}

#define COUNT(a) (sizeof a / sizeof a[0])

/* ---- spreadsheets and GeoPackages are never cut silently ---- */

/* An ODS file (a zip of content.xml) of the sheets given as ODF table
 * XML, made here so that each case is a few hundred bytes. */
static char *
write_ods(const char *name, const char *tables)
{
    char *path = tu_path(name);
    GString *xml = g_string_new(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        "office:version=\"1.2\"><office:body><office:spreadsheet>");
    g_string_append(xml, tables);
    g_string_append(xml, "</office:spreadsheet></office:body>"
                         "</office:document-content>");
    static const char mime[] = "application/vnd.oasis.opendocument."
                               "spreadsheet";
    void *zip = CPLCreateZip(path, NULL);
    assert_non_null(zip);
    char *stored[] = {"COMPRESSED=NO", NULL};
    assert_int_equal(CPLCreateFileInZip(zip, "mimetype", stored), CE_None);
    assert_int_equal(CPLWriteFileInZip(zip, mime, (int)strlen(mime)),
                     CE_None);
    CPLCloseFileInZip(zip);
    assert_int_equal(CPLCreateFileInZip(zip, "content.xml", NULL), CE_None);
    assert_int_equal(CPLWriteFileInZip(zip, xml->str, (int)xml->len),
                     CE_None);
    CPLCloseFileInZip(zip);
    CPLCloseZip(zip);
    g_string_free(xml, TRUE);
    return path;
}

/* One ODS row of text cells, repeated `repeat` times (0: no attribute). */
static void
ods_row(GString *t, const char *repeat, int n, const char *const *cells)
{
    g_string_append(t, "<table:table-row");
    if (repeat)
        g_string_append_printf(t, " table:number-rows-repeated=\"%s\"",
                               repeat);
    g_string_append(t, ">");
    for (int i = 0; i < n; i++)
        g_string_append_printf(t, "<table:table-cell office:value-type="
                                  "\"string\"><text:p>%s</text:p>"
                                  "</table:table-cell>",
                               cells[i]);
    g_string_append(t, "</table:table-row>");
}

/* A sheet "control": the header, then `rows` as given by ods_row. */
static char *
ods_sheet(const char *name, const char *rows)
{
    static const char *const head[4] = {"date", "area", "party", "source"};
    GString *t = g_string_new(NULL);
    g_string_append_printf(t, "<table:table table:name=\"%s\">", name);
    ods_row(t, NULL, 4, head);
    g_string_append(t, rows);
    g_string_append(t, "</table:table>");
    return g_string_free(t, FALSE);
}

/* Issue #27 finding 10: GDAL's ODS reader stops at "Too much accumulated
 * memory for row/cell repetition" with only a message, and validate said
 * "ok" with 131,071 of 200,001 rows. Here two blocks of ten rows repeated
 * with a 1 MB source (20 MB of repeated cells) stop it after row 11: the
 * load fails on line 12, and validate and render say so. */
static void
test_an_ods_that_gdal_stops_reading_is_an_error_on_its_row(void **state)
{
    (void)state;
    char *big = g_malloc(1000001);
    memset(big, 'x', 1000000);
    big[1000000] = '\0';
    const char *a[4] = {"2000-01-01", "west", "AZ", big};
    const char *b[4] = {"2000-02-01", "east", "AM", big};
    GString *rows = g_string_new(NULL);
    ods_row(rows, "10", 4, a);
    ods_row(rows, "10", 4, b);
    g_autofree char *sheet = ods_sheet("control", rows->str);
    g_string_free(rows, TRUE);
    g_free(big);
    g_autofree char *path = write_ods("cut.ods", sheet);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(path, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    assert_null(tl);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, 12,
                   "GDAL stopped reading the table here (Too much "
                   "accumulated memory");
    g_autofree char *geo = tu_square_geodata("odscut");
    char *out = NULL, *e2 = NULL;
    assert_int_equal(tu_run(&out, &e2, "validate", "--geodata", geo,
                            "--control", path, "--style", good_style(),
                            NULL),
                     1);
    g_autofree char *want = g_strdup_printf("%s:12: GDAL stopped", path);
    assert_non_null(strstr(e2, want));
    assert_null(strstr(out, "ok:"));
    g_free(out), g_free(e2);
    g_autofree char *r = render_fails("odscut", geo, path, good_style());
    assert_message(r, path, 12, "GDAL stopped reading the table here");
}

/* A variant: a repeat count GDAL refuses in the middle of the sheet ends
 * it there (rows 2 and 3 read, row 4 not). */
static void
test_an_ods_repeat_gdal_refuses_mid_sheet_is_an_error_there(void **state)
{
    (void)state;
    const char *a[4] = {"2000-01-01", "west", "AZ", "a"};
    const char *b[4] = {"2000-02-01", "east", "AM", "b"};
    const char *c[4] = {"2000-03-01", "east", "AZ", "c"};
    GString *rows = g_string_new(NULL);
    ods_row(rows, NULL, 4, a);
    ods_row(rows, NULL, 4, b);
    ods_row(rows, "900000", 4, c);
    ods_row(rows, NULL, 4, a);
    g_autofree char *sheet = ods_sheet("control", rows->str);
    g_string_free(rows, TRUE);
    g_autofree char *path = write_ods("midcut.ods", sheet);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(path, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, 4,
                   "GDAL stopped reading the table here (Invalid value for "
                   "number-rows-repeated = 900000)");
}

/* Issue #27 finding 16: a repeat count GDAL cannot read on the first data
 * row emptied the sheet, and tcmap said "missing required column" three
 * times. GDAL's own words come out, once. */
static void
test_an_unreadable_ods_gives_gdals_reason_once(void **state)
{
    (void)state;
    const char *a[4] = {"2000-01-01", "west", "AZ", "a"};
    GString *rows = g_string_new(NULL);
    ods_row(rows, "-1", 4, a);
    g_autofree char *sheet = ods_sheet("control", rows->str);
    g_string_free(rows, TRUE);
    g_autofree char *path = write_ods("badrepeat.ods", sheet);
    g_autofree char *geo = tu_square_geodata("badrepeat");
    char *e = NULL;
    assert_int_equal(tu_run(NULL, &e, "validate", "--geodata", geo,
                            "--control", path, "--style", good_style(),
                            NULL),
                     1);
    assert_message(e, path, 0,
                   "GDAL cannot read the table: Invalid value for "
                   "number-rows-repeated = -1");
    assert_null(strstr(e, "missing required column"));
    assert_non_null(strstr(e, "tcmap: 1 problem found"));
    g_free(e);
}

/* Issue #27 finding 13: a second sheet was ignored without a word, and a
 * hidden first sheet read instead of the visible one. A file of several
 * sheets is refused, naming them, unless --sheet names one. */
static void
test_a_table_of_several_sheets_needs_one_named(void **state)
{
    (void)state;
    const char *a[4] = {"2000-01-01", "west", "AZ", "a"};
    const char *b[4] = {"2000-01-01", "east", "AM", "b"};
    GString *r1 = g_string_new(NULL), *r2 = g_string_new(NULL);
    ods_row(r1, NULL, 4, a);
    ods_row(r2, NULL, 4, b);
    g_autofree char *s1 = ods_sheet("old", r1->str);
    g_autofree char *s2 = ods_sheet("control", r2->str);
    g_string_free(r1, TRUE), g_string_free(r2, TRUE);
    g_autofree char *both = g_strconcat(s1, s2, NULL);
    g_autofree char *path = write_ods("two.ods", both);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(path, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    g_autofree char *msg = g_strconcat("tcmap: ", err.message, NULL);
    assert_message(msg, path, 0,
                   "holds 2 sheets or layers ('old', 'control'); name the "
                   "one to read with --sheet NAME");
    tcmap_table_options opt = {.size = sizeof opt, .sheet = "control"};
    assert_int_equal(
        tcmap_timeline_load_opts(path, &opt, NULL, &tl, &err),
        TCMAP_OK);
    assert_int_equal(tcmap_timeline_event_count(tl), 1);
    assert_non_null(tu_event_at(tl, "east", "2000-01-01"));
    tcmap_timeline_destroy(tl);
    opt.sheet = "nope";
    assert_int_equal(
        tcmap_timeline_load_opts(path, &opt, NULL, &tl, &err),
        TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "no sheet or layer 'nope' (it has "
                                        "'old', 'control')"));
    /* The same through the program: refused, then read by name. */
    g_autofree char *geo = tu_square_geodata("twosheets");
    g_autofree char *r = render_fails("twosheets", geo, path, good_style());
    assert_message(r, path, 0, "holds 2 sheets or layers");
    char *e = NULL, *out = NULL;
    assert_int_equal(tu_run(&out, &e, "validate", "--geodata", geo,
                            "--control", path, "--sheet", "control",
                            "--style", good_style(), NULL),
                     0);
    assert_non_null(strstr(out, "ok: 3 areas, 1 events"));
    g_free(e), g_free(out);
}

/* The same for a GeoPackage of two tables. */
static void
test_a_geopackage_of_two_tables_needs_one_named(void **state)
{
    (void)state;
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv)
        skip();
    g_autofree char *path = tu_path("two.gpkg");
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(ds);
    const char *names[2] = {"control", "draft"};
    for (int k = 0; k < 2; k++) {
        OGRLayerH l =
            GDALDatasetCreateLayer(ds, names[k], NULL, wkbNone, NULL);
        const char *cols[3] = {"date", "area", "party"};
        for (int i = 0; i < 3; i++) {
            OGRFieldDefnH fd = OGR_Fld_Create(cols[i], OFTString);
            OGR_L_CreateField(l, fd, TRUE);
            OGR_Fld_Destroy(fd);
        }
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        OGR_F_SetFieldString(f, 0, "2000-01-01");
        OGR_F_SetFieldString(f, 1, k ? "east" : "west");
        OGR_F_SetFieldString(f, 2, "AZ");
        assert_int_equal(OGR_L_CreateFeature(l, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_timeline_load(path, NULL, NULL, &tl, &err),
                     TCMAP_ERR_DATA);
    assert_non_null(strstr(err.message, "holds 2 sheets or layers"));
    tcmap_table_options opt = {.size = sizeof opt, .sheet = "draft"};
    assert_int_equal(
        tcmap_timeline_load_opts(path, &opt, NULL, &tl, &err),
        TCMAP_OK);
    assert_non_null(tu_event_at(tl, "east", "2000-01-01"));
    assert_null(tu_event_at(tl, "west", "2000-01-01"));
    tcmap_timeline_destroy(tl);
}

/* Issue #27 finding 16: --control DIR said "missing column". */
static void
test_a_directory_as_the_table_is_named_as_one(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("tabledir");
    g_autofree char *r = render_fails("tabledir", geo, geo, good_style());
    assert_message(r, geo, 0, "is a directory, not a table");
}

int
main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(
            test_degenerate_and_self_intersecting_polygons_fail_validation),
        cmocka_unit_test(test_every_bad_date_of_a_table_is_reported),
        cmocka_unit_test(
            test_a_byte_order_mark_is_not_part_of_the_first_column),
        cmocka_unit_test(test_a_table_with_only_a_header_has_no_date_to_draw),
        cmocka_unit_test(
            test_a_huge_field_is_kept_whole_and_messages_stay_bounded),
        cmocka_unit_test(test_output_in_a_missing_folder_is_an_error),
        cmocka_unit_test(
            test_output_under_a_file_instead_of_a_folder_is_an_error),
        cmocka_unit_test(test_output_in_a_read_only_place_is_an_error),
        cmocka_unit_test(
            test_output_over_a_folder_is_an_error_and_leaves_no_temp_file),
        cmocka_unit_test(test_a_full_disk_is_an_error_and_keeps_the_old_map),
        cmocka_unit_test(test_any_day_number_formats_as_a_real_date),
        cmocka_unit_test(test_a_table_past_the_row_limit_is_refused),
        cmocka_unit_test(
            test_an_ods_that_gdal_stops_reading_is_an_error_on_its_row),
        cmocka_unit_test(
            test_an_ods_repeat_gdal_refuses_mid_sheet_is_an_error_there),
        cmocka_unit_test(test_an_unreadable_ods_gives_gdals_reason_once),
        cmocka_unit_test(test_a_table_of_several_sheets_needs_one_named),
        cmocka_unit_test(test_a_geopackage_of_two_tables_needs_one_named),
        cmocka_unit_test(test_a_directory_as_the_table_is_named_as_one),
        cmocka_unit_test(
            test_a_settlement_without_a_geometry_is_named_by_its_id),
        cmocka_unit_test(test_a_feature_past_the_vertex_limit_is_refused),
        cmocka_unit_test(test_a_map_past_the_size_limit_is_a_usage_error),
    };
    struct CMUnitTest tests[COUNT(fixed) + COUNT(shp_cases) +
                            COUNT(table_cases) + COUNT(style_cases)];
    size_t n = 0;
    add_cases(tests, &n, shp_cases, sizeof shp_cases[0], COUNT(shp_cases),
              run_shp_case);
    add_cases(tests, &n, table_cases, sizeof table_cases[0],
              COUNT(table_cases), run_table_case);
    add_cases(tests, &n, style_cases, sizeof style_cases[0],
              COUNT(style_cases), run_style_case);
    for (size_t i = 0; i < COUNT(fixed); i++)
        tests[n++] = fixed[i];
    return _cmocka_run_group_tests("test_corrupt", tests, n, NULL, NULL);
}
