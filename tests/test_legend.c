/* The legend's plan (src/draw/legend.c): where it goes and how big it is,
 * from what the panel shows. It keys only what is drawn, plans nothing
 * when the legend is off or the panel shows nothing, honours a band asked for, and refuses a panel it
 * fits nowhere with a message that says what to do. On the squares,
 * held from 2000 by two parties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/legend.h"
#include "map/map.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>

static int
setup(void **state)
{
    static tcmap_map *map;
    if (tu_square_map("legend.csv", &map))
        return -1;
    *state = map;
    return 0;
}

static int
teardown(void **state)
{
    tcmap_map_destroy(*state);
    return 0;
}

/* The legend planned for the map on `date` in a side x side panel fitted
 * to the map's extent (moved `shift` map units east), placed at `place`,
 * its text never under 6.5 units (as on a print page); its status, and
 * the plan in *lp. */
static tcmap_status
plan(const tcmap_map *m, const char *date, double side, double shift,
     tcmap_legend_place place, tcmap__legend_plan *lp, tcmap_error *err)
{
    tcmap_snapshot *s = NULL;
    assert_int_equal(tcmap_snapshot_create(m, date, &s, NULL), TCMAP_OK);
    const double *e = m->extent;
    double view[2] = {e[2] - e[0], e[3] - e[1]};
    double big = view[0] > view[1] ? view[0] : view[1];
    tcmap__frame fr = {.w = side, .h = side, .u = side / 1000,
                       .ts = side / 1000, .scale = side / big,
                       .x0 = e[0] + shift, .y1 = e[3], .min_text = 6.5};
    tcmap__furniture_spec sp = {.lang = "en", .legend_place = place};
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    cairo_t *cr = cairo_create(img);
    if (err) /* the drawing stage's calls leave clearing to their caller */
        *err = (tcmap_error){.status = TCMAP_OK};
    tcmap_status st = tcmap__legend_plan_make(cr, s, &fr, &sp, view, err);
    *lp = sp.legend;
    tcmap__legend_rows_free(sp.legend_rows);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    tcmap_snapshot_destroy(s);
    return st;
}

/* How many rows the legend on `date` has, as a panel too small for it
 * says in its refusal. */
static int
rows_on(const tcmap_map *m, const char *date)
{
    tcmap__legend_plan lp;
    tcmap_error err;
    assert_int_equal(plan(m, date, 20, 0, TCMAP_LEGEND_AUTO, &lp, &err),
                     TCMAP_ERR_DATA);
    int n = -1;
    assert_int_equal(sscanf(err.message, "legend: its %d rows", &n), 1);
    return n;
}

static void
test_the_legend_keys_only_the_ground_drawn(void **state)
{
    /* Before the table's first row every area is no data: one row. Then
     * AZ and AM, one row each. */
    assert_int_equal(rows_on(*state, "1999-01-01"), 1);
    assert_int_equal(rows_on(*state, "2005-01-01"), 2);
    tcmap__legend_plan lp;
    assert_int_equal(
        plan(*state, "2005-01-01", 1000, 0, TCMAP_LEGEND_AUTO, &lp, NULL),
        TCMAP_OK);
    /* On a large panel it goes inside, in one column. */
    assert_int_equal(lp.where, TCMAP__LEGEND_INSIDE);
    assert_int_equal(lp.cols, 1);
    assert_true(lp.w > 0 && lp.w < 250 && lp.h > 0 && lp.h < 250);
}

static void
test_no_legend_is_planned_when_off_or_when_nothing_is_shown(void **state)
{
    tcmap__legend_plan lp;
    assert_int_equal(
        plan(*state, "2011-01-01", 1000, 0, TCMAP_LEGEND_OFF, &lp, NULL),
        TCMAP_OK);
    assert_int_equal(lp.where, TCMAP__LEGEND_NONE);
    assert_true(lp.w == 0 && lp.h == 0);
    /* A panel 1000 km east of the squares shows no ground to key. */
    assert_int_equal(plan(*state, "2011-01-01", 1000, 1e6,
                          TCMAP_LEGEND_AUTO, &lp, NULL),
                     TCMAP_OK);
    assert_int_equal(lp.where, TCMAP__LEGEND_NONE);
}

static void
test_a_band_asked_for_is_where_the_legend_goes(void **state)
{
    tcmap__legend_plan lp;
    assert_int_equal(plan(*state, "2011-01-01", 1000, 0, TCMAP_LEGEND_BELOW,
                          &lp, NULL),
                     TCMAP_OK);
    assert_int_equal(lp.where, TCMAP__LEGEND_BELOW);
    assert_int_equal(plan(*state, "2011-01-01", 1000, 0, TCMAP_LEGEND_RIGHT,
                          &lp, NULL),
                     TCMAP_OK);
    assert_int_equal(lp.where, TCMAP__LEGEND_RIGHT);
}

static void
test_a_panel_too_small_for_any_legend_is_refused(void **state)
{
    tcmap__legend_plan lp;
    tcmap_error err;
    assert_int_equal(plan(*state, "2011-01-01", 20, 0, TCMAP_LEGEND_AUTO,
                          &lp, &err),
                     TCMAP_ERR_DATA);
    assert_int_equal(lp.where, TCMAP__LEGEND_NONE);
    assert_true(g_str_has_prefix(err.message, "legend: its 2 rows ("));
    assert_non_null(strstr(err.message, "or turn the legend off"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_legend_keys_only_the_ground_drawn),
        cmocka_unit_test(
            test_no_legend_is_planned_when_off_or_when_nothing_is_shown),
        cmocka_unit_test(test_a_band_asked_for_is_where_the_legend_goes),
        cmocka_unit_test(test_a_panel_too_small_for_any_legend_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
