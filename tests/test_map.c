/* The bound map (src/map/map.c and the modules split from it): a map is
 * made only of inputs that agree (the first problem, with a hint and its
 * FILE:LINE), lon/lat land where the map's CRS puts them, a snapshot
 * holds each area's row in force, and no output may overwrite an input.
 * On the squares of testutil.c, in UTM 38N. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "map/map.h"
#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

typedef struct fixture {
    char *geo_dir, *style_path;
    tcmap_map *map;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    fx.geo_dir = tu_square_geodata("geo");
    fx.style_path = tu_square_style("style.ini");
    g_autofree char *table = tu_write("table.csv", TU_SQUARE_TABLE);
    tcmap_error err;
    if (tcmap_map_open(fx.geo_dir, table, fx.style_path, &fx.map, &err)) {
        print_error("fixture: %s\n", err.message);
        return -1;
    }
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    tcmap_map_destroy(fx->map);
    g_free(fx->geo_dir);
    g_free(fx->style_path);
    return 0;
}

/* tcmap_map_create on the squares with `csv` as the table. */
static tcmap_status
create_with(const fixture *fx, const char *csv, tcmap_error *err)
{
    tcmap_style *style = NULL;
    tcmap_geodata *geo = NULL;
    tcmap_timeline *tl = NULL;
    tcmap_map *m = NULL;
    assert_int_equal(tcmap_style_load(fx->style_path, &style, NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_geodata_load(fx->geo_dir, NULL, &geo, NULL),
                     TCMAP_OK);
    assert_int_equal(
        tcmap_timeline_load_memory(csv, "bad.csv", NULL, NULL, &tl, NULL),
        TCMAP_OK);
    tcmap_status st = tcmap_map_create(geo, tl, style, &m, err);
    if (st == TCMAP_OK)
        assert_non_null(m);
    else
        assert_null(m);
    tcmap_map_destroy(m);
    tcmap_timeline_destroy(tl);
    tcmap_geodata_destroy(geo);
    tcmap_style_destroy(style);
    return st;
}

static void
test_a_map_is_refused_with_its_first_problem_a_hint_and_its_line(
    void **state)
{
    tcmap_error err;
    assert_int_equal(create_with(*state,
                                 "date,area,party\n"
                                 "2000-01-01,west,AX\n",
                                 &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message,
                        "bad.csv:2: unknown party 'AX' (did you mean 'AZ' "
                        "(label 'Party AZ')?)");
    /* An area typed wrong, and then a second problem: only the first is
     * told, with a pointer to the command that lists them all. */
    assert_int_equal(create_with(*state,
                                 "date,area,party\n"
                                 "2000-01-01,wset,AZ\n"
                                 "2000-01-01,east,QQQQ\n",
                                 &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message,
                        "bad.csv:2: unknown area 'wset' (did you mean "
                        "'west'?) (and more problems: run 'tcmap validate' "
                        "to list them)");
    /* A party typed as its legend label is found by the label. */
    assert_int_equal(create_with(*state,
                                 "date,area,party\n"
                                 "2000-01-01,west,Party AM\n",
                                 &err),
                     TCMAP_ERR_DATA);
    assert_string_equal(err.message,
                        "bad.csv:2: unknown party 'Party AM' (did you mean "
                        "'AM' (label 'Party AM')?)");
    assert_int_equal(create_with(*state, TU_SQUARE_TABLE, &err), TCMAP_OK);
}

static void
test_null_inputs_are_an_argument_error(void **state)
{
    (void)state;
    tcmap_map *m = (tcmap_map *)&m;
    tcmap_error err;
    assert_int_equal(tcmap_map_create(NULL, NULL, NULL, &m, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "map: NULL argument");
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(NULL, "2000-01-01", &s, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "snapshot: NULL argument");
}

static void
test_degrees_land_where_utm_puts_them(void **state)
{
    fixture *fx = *state;
    /* UTM 38N's central meridian is 45 E: on the equator it is x = 500 km,
     * and one degree of latitude north is some 110.6 km. */
    double x[2] = {45, 45}, y[2] = {0, 1};
    tcmap_error err;
    assert_int_equal(tcmap__map_from_lonlat(fx->map, 2, x, y, &err),
                     TCMAP_OK);
    assert_float_equal(x[0], 500000, 1e-3);
    assert_float_equal(y[0], 0, 1e-3);
    assert_float_equal(x[1], 500000, 1e-3);
    assert_true(y[1] > 110000 && y[1] < 111000);
    /* A box's projected edges hold its projected corners. */
    double ll[4] = {43.8, 39.6, 44.45, 40.0}, box[4];
    assert_int_equal(tcmap__map_project_box(fx->map, ll, box, &err),
                     TCMAP_OK);
    double cx[4] = {43.8, 44.45, 43.8, 44.45}, cy[4] = {39.6, 39.6, 40, 40};
    assert_int_equal(tcmap__map_from_lonlat(fx->map, 4, cx, cy, &err),
                     TCMAP_OK);
    for (int i = 0; i < 4; i++) {
        assert_true(cx[i] >= box[0] - 1e-6 && cx[i] <= box[2] + 1e-6);
        assert_true(cy[i] >= box[1] - 1e-6 && cy[i] <= box[3] + 1e-6);
    }
    /* The squares (x 400-430 km) lie inside the style's extent. */
    assert_true(box[0] < 400000 && box[2] > 430000);
}

static void
test_a_snapshot_holds_each_areas_row_on_its_date(void **state)
{
    fixture *fx = *state;
    const tcmap_geodata *geo = tcmap_map_geodata(fx->map);
    size_t east;
    assert_int_equal(tcmap_geodata_area_find(geo, "east", &east, NULL),
                     TCMAP_OK);
    const char *dates[] = {"2010-05-31", "2010-06-01"};
    const char *party[] = {"AM", "AZ"}, *status[] = {"", "contested"};
    for (int i = 0; i < 2; i++) {
        tcmap_snapshot *s = NULL;
        assert_int_equal(tcmap_snapshot_create(fx->map, dates[i], &s, NULL),
                         TCMAP_OK);
        assert_string_equal(tcmap_snapshot_date(s), dates[i]);
        const tcmap_event *e = tcmap_snapshot_area_event(s, east);
        assert_non_null(e);
        assert_string_equal(e->party, party[i]);
        assert_string_equal(e->status, status[i]);
        assert_null(tcmap_snapshot_area_event(s, 99));
        tcmap_snapshot_destroy(s);
    }
    /* Before the table's first row nothing holds the ground. */
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(fx->map, "1999-12-31", &s, NULL),
                     TCMAP_OK);
    assert_null(tcmap_snapshot_area_event(s, east));
    tcmap_snapshot_destroy(s);
    /* west and east are in the extent; ctx is context, never counted. */
    assert_int_equal(tcmap_map_visible_area_count(fx->map), 2);
}

static void
test_an_output_may_not_overwrite_an_input_under_any_name(void **state)
{
    fixture *fx = *state;
    tcmap_error err;
    assert_int_equal(tcmap_map_check_output(fx->map, fx->style_path, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "would overwrite"));
    /* A link to a shapefile's sidecar is that sidecar. */
    g_autofree char *dbf = g_build_filename(fx->geo_dir, "squares.dbf", NULL);
    g_autofree char *link = tu_path("link.png");
    assert_int_equal(symlink(dbf, link), 0);
    assert_int_equal(tcmap_map_check_output(fx->map, link, &err),
                     TCMAP_ERR_ARG);
    g_autofree char *want =
        g_strdup_printf("%s: would overwrite %s, an input of this map; "
                        "write the output elsewhere",
                        link, dbf);
    assert_string_equal(err.message, want);
    g_autofree char *fresh = tu_path("fresh.png");
    assert_int_equal(tcmap_map_check_output(fx->map, fresh, &err), TCMAP_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_a_map_is_refused_with_its_first_problem_a_hint_and_its_line),
        cmocka_unit_test(test_null_inputs_are_an_argument_error),
        cmocka_unit_test(test_degrees_land_where_utm_puts_them),
        cmocka_unit_test(test_a_snapshot_holds_each_areas_row_on_its_date),
        cmocka_unit_test(
            test_an_output_may_not_overwrite_an_input_under_any_name),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
