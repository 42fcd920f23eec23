/* Every class of bad control table gets its own clear message with the
 * file and line, exit 1 from both `validate` and `render`, and a render
 * never touches an existing output. The default inputs validate clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "load/geodata.h"

#include <gdal.h>
#include <glib.h>
#include <ogr_api.h>
#include <shapefil.h>
#include <stdlib.h>
#include <string.h>

#define BAD TCMAP_SOURCE_DIR "/tests/data/bad/"

/* A tcmap_report_fn that appends each message and a newline to *user. */
static void
collect(void *user, const char *message)
{
    char **all = user;
    char *more = g_strconcat(*all ? *all : "", message, "\n", NULL);
    g_free(*all);
    *all = more;
}

/* Runs validate and render on the fixture and checks both for `want`
 * (after "tcmap: FILE:"), exit 1, and an untouched output file. */
static void
expect_problem(const char *fixture, const char *want)
{
    char *path = g_strconcat(BAD, fixture, NULL);
    char *needle = g_strdup_printf("tcmap: %s:%s", path, want);
    char *err = NULL;
    int rc = tu_run(NULL, &err, "validate", "--control", path, NULL);
    if (rc != 1 || !strstr(err, needle))
        fail_msg("validate %s: exit %d, stderr:\n%s\nwanted: %s", fixture,
                 rc, err, needle);
    g_free(err);
    char *out = tu_write("keep.png", "GOOD");
    rc = tu_run(NULL, &err, "render", "--control", path, "-o", out, NULL);
    if (rc != 1 || !strstr(err, needle))
        fail_msg("render %s: exit %d, stderr:\n%s\nwanted: %s", fixture, rc,
                 err, needle);
    char *text = tu_read(out, NULL);
    assert_string_equal(text, "GOOD");
    g_free(text), g_free(out), g_free(err), g_free(needle), g_free(path);
}

static void
test_unknown_area_suggests_the_nearest_id(void **state)
{
    (void)state;
    expect_problem("unknown_area.csv",
                   "3: unknown area 'shusa' (did you mean 'shusha'?)");
}

static void
test_unknown_party_suggests_the_nearest_id(void **state)
{
    (void)state;
    expect_problem("unknown_party.csv",
                   "3: unknown party 'NKR' (did you mean 'NK' (label "
                   "'Ethnic Armenian forces");
    expect_problem("unknown_party2.csv",
                   "3: unknown party2 'AZE' (did you mean 'AZ' (label "
                   "'Azerbaijan')?)");
}

static void
test_malformed_date_is_named(void **state)
{
    (void)state;
    expect_problem("malformed_date.csv",
                   "3: date '9 May 1992' is not YYYY-MM-DD");
}

static void
test_impossible_date_is_named(void **state)
{
    (void)state;
    expect_problem("impossible_date.csv",
                   "3: date '1992-02-30' does not exist in the calendar");
}

static void
test_missing_column_is_named(void **state)
{
    (void)state;
    expect_problem("missing_column.csv",
                   "1: missing required column 'party'");
}

static void
test_two_controllers_on_one_date_are_refused(void **state)
{
    (void)state;
    expect_problem("two_controllers.csv",
                   "4: area 'shusha' already has a different row on "
                   "1992-05-09 (line 3): two controllers at once");
}

static void
test_unknown_status_suggests_the_nearest(void **state)
{
    (void)state;
    expect_problem("unknown_status.csv",
                   "3: unknown status 'peacekeping' (did you mean "
                   "'peacekeeping'?)");
}

static void
test_contested_needs_the_other_party(void **state)
{
    (void)state;
    expect_problem("contested_without_party2.csv",
                   "3: a contested row needs party2, the other party");
}

static void
test_all_problems_are_listed_in_one_run(void **state)
{
    (void)state;
    char *p = tu_write("many.csv", "date,area,party,status,party2\n"
                                   "1991-12-26,shusa,AZ,,\n"
                                   "1991-12-26,lachin,AZE,,\n"
                                   "1991-12-26,kalbajar,AZ,peace,\n");
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "validate", "--control", p, NULL), 1);
    char *l2 = g_strdup_printf("%s:2: unknown area", p);
    char *l3 = g_strdup_printf("%s:3: unknown party", p);
    char *l4 = g_strdup_printf("%s:4: unknown status", p);
    assert_non_null(strstr(err, l2));
    assert_non_null(strstr(err, l3));
    assert_non_null(strstr(err, l4));
    assert_non_null(strstr(err, "tcmap: 3 problems found"));
    g_free(l2), g_free(l3), g_free(l4), g_free(err), g_free(p);
}

/* Issue #15: before, the date errors alone came out and the unknown ids
 * only once those were fixed. One row of each class, one run. */
static void
test_one_error_of_each_class_comes_out_in_one_run(void **state)
{
    (void)state;
    char *p = tu_write("each.csv",
                       "date,area,party,status,party2,until\n"
                       "2020-02-30,stepanakert,NK,,,\n"          /* date */
                       "2020-01-01,,NK,,,\n"                     /* empty */
                       "2020-01-01,shusa,AZ,,,\n"                /* area */
                       "2020-01-01,lachin,Azerbaijan,,,\n"       /* label */
                       "2020-01-01,kalbajar,AZ,peace,,\n"        /* status */
                       "2020-01-01,askeran,AZ,contested,,\n"     /* party2 */
                       "2020-01-01,qubadli,AZ,,,2020-02-01\n"    /* until */
                       "2020-01-02,zangilan,AZ,,,\n"             /* clash */
                       "2020-01-02,zangilan,AM,,,\n");
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "validate", "--control", p, NULL), 1);
    const char *want[] = {
        ":2: date '2020-02-30' does not exist",
        ":3: the area is empty",
        ":4: unknown area 'shusa' (did you mean 'shusha'?)",
        ":5: unknown party 'Azerbaijan' (did you mean 'AZ' (label "
        "'Azerbaijan')?)",
        ":6: unknown status 'peace'",
        ":7: a contested row needs party2",
        ":8: until 2020-02-01 on a row without a status",
        ":10: area 'zangilan' already has a different row on 2020-01-02",
        "tcmap: 8 problems found"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(err, want[i]))
            fail_msg("missing '%s' in:\n%s", want[i], err);
    g_free(err), g_free(p);
}

static void
test_an_unknown_area_typed_as_its_name_suggests_the_id(void **state)
{
    (void)state;
    char *p = tu_write("names.csv", "date,area,party\n"
                                    "2020-01-01,Qubadli,AZ\n"
                                    "2020-01-01,Zangilan district,AZ\n");
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "validate", "--control", p, NULL), 1);
    /* "Qubadli" is the id "qubadli" but for case: ids match exactly. */
    assert_non_null(strstr(err, ":2: unknown area 'Qubadli' (did you mean "
                                "'qubadli'"));
    g_free(err), g_free(p);
}

/* A town whose real coordinates fall just outside the generalised polygon
 * was drawn as held by nobody, silently. */
static void
test_a_town_in_no_area_is_flagged_with_the_nearest(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("towns");
    g_autofree char *base = g_build_filename(geo, "towns", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POINT);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "id", FTString, 16, 0);
    const double xs[2] = {425000, 433500}, ys[2] = {4405000, 4405000};
    const char *ids[2] = {"inside", "offshore"};
    for (int i = 0; i < 2; i++) {
        SHPObject *o =
            SHPCreateSimpleObject(SHPT_POINT, 1, &xs[i], &ys[i], NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
    }
    SHPClose(shp);
    DBFClose(dbf);
    g_autofree char *sq = g_build_filename(geo, "squares.prj", NULL);
    g_autofree char *tp = g_strconcat(base, ".prj", NULL);
    g_autofree char *wkt = NULL;
    g_file_get_contents(sq, &wkt, NULL, NULL);
    g_file_set_contents(tp, wkt, -1, NULL);
    g_autofree char *man = g_build_filename(geo, "manifest.ini", NULL);
    g_autofree char *text = NULL;
    g_file_get_contents(man, &text, NULL, NULL);
    g_autofree char *more =
        g_strconcat(text, "[towns]\npath = towns.shp\nid = id\n", NULL);
    g_file_set_contents(man, more, -1, NULL);

    tcmap_geodata *g = NULL;
    assert_int_equal(tcmap_geodata_load(geo, NULL, &g, NULL), TCMAP_OK);
    char *msgs = NULL;
    size_t n = tcmap_geodata_check(g, 0.01, collect, &msgs);
    /* Only "offshore" (3.5 km east of the square east, which ends at x
     * 430 km; the context square lies farther). */
    assert_int_equal(n, 1);
    assert_non_null(strstr(msgs, "towns.shp:2: town 'offshore': lies in no "
                                 "area"));
    assert_non_null(strstr(msgs, "the nearest area is 'east', 3.5 km away"));
    g_free(msgs);
    tcmap_geodata_destroy(g);
}

/* ---- geodata that validate rejects is never drawn or counted ---- */

/* The squares (tu_square_geodata) plus, by `what`: "bowtie", a
 * self-intersecting area 'bow' east of ctx; "far", a settlement of east
 * 5,000 km away; "twins", two settlements of east on one point. */
static char *
bad_geodata(const char *what)
{
    char *dir = tu_square_geodata(what);
    if (!strcmp(what, "bowtie")) {
        g_autofree char *base = g_build_filename(dir, "squares", NULL);
        SHPHandle shp = SHPOpen(base, "r+b");
        DBFHandle dbf = DBFOpen(base, "r+b");
        assert_non_null(shp);
        assert_non_null(dbf);
        const double bx[5] = {460000, 470000, 460000, 470000, 460000};
        const double by[5] = {4400000, 4410000, 4410000, 4400000, 4400000};
        SHPObject *o = SHPCreateSimpleObject(SHPT_POLYGON, 5, bx, by, NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, 3, 0, "bow");
        DBFWriteStringAttribute(dbf, 3, 1, "Bow");
        DBFWriteStringAttribute(dbf, 3, 2, "Bow");
        DBFWriteStringAttribute(dbf, 3, 3, "control");
        SHPClose(shp);
        DBFClose(dbf);
        return dir;
    }
    int far = !strcmp(what, "far");
    const double xs[2] = {425000, far ? 5425000 : 425000};
    const double ys[2] = {4405000, far ? 4405000 : 4405000};
    const char *ids[2] = {"one", "two"};
    g_autofree char *base = g_build_filename(dir, "places", NULL);
    SHPHandle shp = SHPCreate(base, SHPT_POINT);
    DBFHandle dbf = DBFCreateEx(base, "UTF-8");
    DBFAddField(dbf, "id", FTString, 16, 0);
    DBFAddField(dbf, "area", FTString, 16, 0);
    for (int i = 0; i < 2; i++) {
        SHPObject *o =
            SHPCreateSimpleObject(SHPT_POINT, 1, &xs[i], &ys[i], NULL);
        SHPWriteObject(shp, -1, o);
        SHPDestroyObject(o);
        DBFWriteStringAttribute(dbf, i, 0, ids[i]);
        DBFWriteStringAttribute(dbf, i, 1, "east");
    }
    SHPClose(shp);
    DBFClose(dbf);
    tu_square_layer(dir, base,
                    "[settlements]\npath = places.shp\nid = id\n"
                    "area = area\n");
    return dir;
}

/* Issue #27 finding 11: a self-intersecting Shusha measured 0.0 km² in
 * stats and was drawn, exit 0; a settlement 5,233 km outside its area and
 * two settlements on one point likewise. Every command that draws or
 * counts, and the API's map, refuse what validate rejects, naming the
 * file and the feature. */
static void
test_geodata_that_validate_rejects_is_never_drawn_or_counted(void **state)
{
    (void)state;
    static const struct {
        const char *what, *layer, *want;
    } cases[] = {
        {"bowtie", "squares.shp", ":4: area 'bow': the polygon is not valid"},
        {"far", "places.shp", ":2: settlement 'two': lies 4995.0 km outside "
                              "its area 'east'"},
        {"twins", "places.shp", ":2: settlement 'two': stands on the point "
                                "of 'one'"},
    };
    g_autofree char *style = tu_square_style("reject.ini");
    g_autofree char *table = tu_write("reject.csv",
                                      "date,area,party\n"
                                      "2020-01-01,west,AZ\n"
                                      "2020-01-01,east,AM\n");
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        g_autofree char *dir = bad_geodata(cases[k].what);
        g_autofree char *needle =
            g_strdup_printf("%s/%s%s", dir, cases[k].layer, cases[k].want);
        g_autofree char *out = tu_write("reject.png", "GOOD");
        g_autofree char *gpkg = tu_path("reject.gpkg");
        const char *const cmds[4][6] = {
            {"validate", NULL},
            {"render", "-o", out, NULL},
            {"stats", "--by", "area", NULL},
            {"export", "-o", gpkg, NULL}};
        for (int c = 0; c < 4; c++) {
            char *err = NULL;
            int rc = tu_run(NULL, &err, cmds[c][0], "--geodata", dir,
                            "--control", table, "--style", style,
                            cmds[c][1], cmds[c][2], cmds[c][3], NULL);
            if (rc != 1 || !strstr(err, needle))
                fail_msg("%s on %s: exit %d, stderr:\n%s\nwanted: %s",
                         cmds[c][0], cases[k].what, rc, err, needle);
            g_free(err);
        }
        g_autofree char *text = tu_read(out, NULL);
        assert_string_equal(text, "GOOD");
        assert_false(g_file_test(gpkg, G_FILE_TEST_EXISTS));
        tcmap_map *m = NULL;
        tcmap_error err;
        assert_int_equal(tcmap_map_open(dir, table, style, &m, &err),
                         TCMAP_ERR_DATA);
        assert_null(m);
        if (!strstr(err.message, needle))
            fail_msg("map_open on %s: %s\nwanted: %s", cases[k].what,
                     err.message, needle);
    }
}

/* Issue #27 finding 16: validate stopped at a geodata it could not load
 * and hid the table's unknown parties and statuses, though its help
 * promises every problem of every class. */
static void
test_a_geodata_that_does_not_load_still_leaves_the_table_checked(void **state)
{
    (void)state;
    g_autofree char *dir = tu_square_geodata("noload");
    g_autofree char *shx = g_build_filename(dir, "squares.shx", NULL);
    assert_int_equal(remove(shx), 0);
    g_autofree char *style = tu_square_style("noload.ini");
    g_autofree char *table = tu_write("noload.csv",
                                      "date,area,party,status,party2\n"
                                      "2020-01-01,west,AZE,,\n"
                                      "2020-01-01,east,AM,peace,\n"
                                      "2020-02-30,east,AM,,\n");
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "validate", "--geodata", dir,
                            "--control", table, "--style", style, NULL),
                     1);
    const char *want[] = {"squares.shp: cannot open shapefile",
                          ":2: unknown party 'AZE'",
                          ":3: unknown status 'peace'",
                          ":4: date '2020-02-30' does not exist",
                          "tcmap: 4 problems found"};
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++)
        if (!strstr(err, want[i]))
            fail_msg("missing '%s' in:\n%s", want[i], err);
    g_free(err);
}

/* Writes an XLSX with one sheet "control" of n_cols columns (types[i]:
 * OFTString or OFTInteger) and n_rows rows of cells given as text; skips
 * the test when GDAL has no XLSX driver. */
static void
write_xlsx(const char *path, int n_cols, const char *const *cols,
           const OGRFieldType *types, int n_rows, const char *const *cells)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("XLSX");
    if (!drv)
        skip();
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetCreateLayer(ds, "control", NULL, wkbNone, NULL);
    for (int i = 0; i < n_cols; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(cols[i], types[i]);
        OGR_L_CreateField(l, fd, TRUE);
        OGR_Fld_Destroy(fd);
    }
    for (int r = 0; r < n_rows; r++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        for (int i = 0; i < n_cols; i++) {
            const char *c = cells[r * n_cols + i];
            if (types[i] == OFTInteger)
                OGR_F_SetFieldInteger(f, i, atoi(c));
            else
                OGR_F_SetFieldString(f, i, c);
        }
        assert_int_equal(OGR_L_CreateFeature(l, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
    GDALClose(ds);
}

/* A spreadsheet saved from a CSV holds only text cells; GDAL then cannot
 * tell the header and named the columns Field1, Field2, ... */
static void
test_an_xlsx_of_text_cells_reads_its_header(void **state)
{
    (void)state;
    g_autofree char *path = tu_path("text.xlsx");
    const char *cols[3] = {"date", "area", "party"};
    const OGRFieldType types[3] = {OFTString, OFTString, OFTString};
    const char *rows[6] = {"2020-01-01", "west", "AZ",
                           "2020-02-01", "east", "AM"};
    write_xlsx(path, 3, cols, types, 2, rows);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    if (tcmap_timeline_load(path, NULL, NULL, &tl, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    assert_int_equal(tcmap_timeline_event_count(tl), 2);
    const tcmap_event *ev;
    assert_int_equal(tcmap_timeline_event(tl, 1, &ev, NULL), TCMAP_OK);
    assert_string_equal(ev->area, "east");
    assert_int_equal(ev->line, 3);
    tcmap_timeline_destroy(tl);
}

/* Typed cells: GDAL gives a number cell's text in one buffer that the next
 * number cell's text replaces, so each cell must be copied as it is read
 * (source 12 once came out as 34, the note's value). */
static void
test_number_cells_of_a_spreadsheet_keep_their_own_text(void **state)
{
    (void)state;
    g_autofree char *path = tu_path("typed.xlsx");
    const char *cols[5] = {"date", "area", "party", "source", "note"};
    const OGRFieldType types[5] = {OFTString, OFTString, OFTString,
                                   OFTInteger, OFTInteger};
    const char *cells[5] = {"2020-01-01", "west", "AZ", "12", "34"};
    write_xlsx(path, 5, cols, types, 1, cells);
    tcmap_timeline *tl = NULL;
    tcmap_error err;
    if (tcmap_timeline_load(path, NULL, NULL, &tl, &err) != TCMAP_OK)
        fail_msg("%s", err.message);
    const tcmap_event *ev;
    assert_int_equal(tcmap_timeline_event(tl, 0, &ev, NULL), TCMAP_OK);
    assert_string_equal(ev->source, "12");
    assert_string_equal(ev->note, "34");
    tcmap_timeline_destroy(tl);
}

/* "*" names every control area: one row gives the whole map a holder, and
 * an area's own row of the same date wins. */
static void
test_a_star_row_is_the_default_holder_of_every_control_area(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("star");
    g_autofree char *style = tu_square_style("star.ini");
    g_autofree char *csv = tu_write("star.csv", "date,area,party\n"
                                                "2020-01-01,*,AZ\n"
                                                "2020-01-01,east,AM\n"
                                                "2020-03-01,*,AM\n");
    tcmap_map *map = NULL;
    const tcmap_geodata *g = NULL;
    assert_int_equal(tu_map_open(geo, csv, style, &map, NULL, &g, NULL), 0);
    long west = tcmap__geodata_area_index(g, "west");
    long east = tcmap__geodata_area_index(g, "east");
    long ctx = tcmap__geodata_area_index(g, "ctx");
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(map, "2020-02-01", &s, NULL),
                     TCMAP_OK);
    assert_string_equal(tcmap_snapshot_area_event(s, (size_t)west)->party,
                        "AZ");
    assert_string_equal(tcmap_snapshot_area_event(s, (size_t)east)->party,
                        "AM");
    /* Context areas are the neighbours: "*" does not colour them. */
    assert_null(tcmap_snapshot_area_event(s, (size_t)ctx));
    tcmap_snapshot_destroy(s);
    assert_int_equal(tcmap_snapshot_create(map, "2020-03-01", &s, NULL),
                     TCMAP_OK);
    assert_string_equal(tcmap_snapshot_area_event(s, (size_t)west)->party,
                        "AM");
    tcmap_snapshot_destroy(s);
    tcmap_map_destroy(map);
}

static void
test_default_inputs_validate_clean(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, "validate", NULL);
    if (rc != 0)
        fail_msg("tcmap validate: exit %d\n%s", rc, err);
    assert_true(g_str_has_prefix(out, "ok: "));
    assert_string_equal(err, "");
    g_free(out), g_free(err);
}

static void
test_events_lists_changes_in_order_with_sources(void **state)
{
    (void)state;
    char *out = NULL;
    assert_int_equal(tu_run(&out, NULL, "events", "--area", "shusha",
                            "--from", "1992-01-01", "--to", "1992-12-31",
                            NULL),
                     0);
    char **lines = g_strsplit(out, "\n", -1);
    assert_string_equal(lines[0],
                        "date,area,name,party,status,party2,source,note");
    /* Shusha changed hands on 8-9 May 1992, and only then in 1992. */
    assert_non_null(lines[1]);
    assert_true(g_str_has_prefix(lines[1], "1992-05-0"));
    assert_non_null(strstr(lines[1], ",shusha,"));
    assert_non_null(strstr(lines[1], ",NK,"));
    for (int i = 1; lines[i] && lines[i][0]; i++) {
        assert_non_null(strstr(lines[i], ",shusha,"));
        assert_true(strncmp(lines[i], "1992-", 5) == 0);
    }
    g_strfreev(lines);
    g_free(out);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "events", "--area", "atlantis",
                            NULL),
                     1);
    assert_non_null(strstr(err, "no area or settlement 'atlantis'"));
    g_free(err);
    assert_int_equal(tu_run(NULL, &err, "events", "--from", "2020-12-01",
                            "--to", "2020-01-01", NULL),
                     2);
    g_free(err);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unknown_area_suggests_the_nearest_id),
        cmocka_unit_test(test_unknown_party_suggests_the_nearest_id),
        cmocka_unit_test(test_malformed_date_is_named),
        cmocka_unit_test(test_impossible_date_is_named),
        cmocka_unit_test(test_missing_column_is_named),
        cmocka_unit_test(test_two_controllers_on_one_date_are_refused),
        cmocka_unit_test(test_unknown_status_suggests_the_nearest),
        cmocka_unit_test(test_contested_needs_the_other_party),
        cmocka_unit_test(test_all_problems_are_listed_in_one_run),
        cmocka_unit_test(test_one_error_of_each_class_comes_out_in_one_run),
        cmocka_unit_test(
            test_an_unknown_area_typed_as_its_name_suggests_the_id),
        cmocka_unit_test(test_a_town_in_no_area_is_flagged_with_the_nearest),
        cmocka_unit_test(test_an_xlsx_of_text_cells_reads_its_header),
        cmocka_unit_test(test_number_cells_of_a_spreadsheet_keep_their_own_text),
        cmocka_unit_test(
            test_a_star_row_is_the_default_holder_of_every_control_area),
        cmocka_unit_test(test_default_inputs_validate_clean),
        cmocka_unit_test(
            test_geodata_that_validate_rejects_is_never_drawn_or_counted),
        cmocka_unit_test(
            test_a_geodata_that_does_not_load_still_leaves_the_table_checked),
        cmocka_unit_test(test_events_lists_changes_in_order_with_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
