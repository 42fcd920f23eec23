/* The frame series (src/map/series.c): its dates by step, the state runs
 * that let equal frames be written once, tween frames inserted only where
 * the map changed, and the errors of a bad range or step. On the squares:
 * west is AZ from 2000; east is AM until 2010-06-01, then AZ contested. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

static int
setup(void **state)
{
    static tcmap_map *map;
    if (tu_square_map("series.csv", &map))
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

static void
test_monthly_steps_keep_the_day_and_end_on_the_last_date(void **state)
{
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(*state, "2010-01-31", "2010-05-15",
                                         (tcmap_step){TCMAP_STEP_MONTH, 1}, &s,
                                         &err),
                     TCMAP_OK);
    /* Jan 31, Feb 28 (clamped), Mar 31, Apr 30, and the last date. */
    const char *want[] = {"2010-01-31", "2010-02-28", "2010-03-31",
                          "2010-04-30", "2010-05-15"};
    assert_int_equal(tcmap_series_count(s), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(tcmap_series_date(s, i), want[i]);
    assert_null(tcmap_series_date(s, 5));
    tcmap_series_destroy(s);
}

static void
test_a_state_run_starts_only_where_the_map_changed(void **state)
{
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(*state, "2010-05-30", "2010-06-02",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 4);
    /* 05-30 and 05-31 are one state; 06-01 (east passes) starts another,
     * which 06-02 continues. */
    assert_int_equal(tcmap_series_run_start(s, 0), 0);
    assert_int_equal(tcmap_series_run_start(s, 1), 0);
    assert_int_equal(tcmap_series_run_start(s, 2), 2);
    assert_int_equal(tcmap_series_run_start(s, 3), 2);
    tcmap_series_destroy(s);
}

static void
test_events_steps_give_the_change_dates_between_the_ends(void **state)
{
    tcmap_series *s = NULL;
    assert_int_equal(tcmap_series_create(*state, "2009-01-01", "2011-01-01",
                                         (tcmap_step){TCMAP_STEP_EVENTS, 0}, &s,
                                         NULL),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 3);
    assert_string_equal(tcmap_series_date(s, 0), "2009-01-01");
    assert_string_equal(tcmap_series_date(s, 1), "2010-06-01");
    assert_string_equal(tcmap_series_date(s, 2), "2011-01-01");
    tcmap_series_destroy(s);
}

static void
test_tweens_go_before_a_change_only_and_can_be_removed(void **state)
{
    tcmap_series *s = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_series_create(*state, "2010-05-31", "2010-06-02",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_OK);
    assert_int_equal(tcmap_series_set_tween(s, 3, &err), TCMAP_OK);
    /* 05-31, three tweens into 06-01, 06-01, 06-02. */
    assert_int_equal(tcmap_series_count(s), 6);
    assert_true(tcmap_series_tween_at(s, 0) == 0);
    for (size_t k = 1; k <= 3; k++) {
        assert_string_equal(tcmap_series_date(s, k), "2010-06-01");
        assert_float_equal(tcmap_series_tween_at(s, k), k / 4.0, 1e-12);
        assert_int_equal(tcmap_series_run_start(s, k), k);
    }
    assert_true(tcmap_series_tween_at(s, 4) == 0);
    assert_int_equal(tcmap_series_run_start(s, 5), 4);
    assert_int_equal(tcmap_series_set_tween(s, 0, &err), TCMAP_OK);
    assert_int_equal(tcmap_series_count(s), 3);
    /* Out of range: refused, the series unchanged. */
    assert_int_equal(tcmap_series_set_tween(s, TCMAP_TWEEN_MAX + 1, &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message,
                        "series: 101 tween frames is outside 0..100");
    assert_int_equal(tcmap_series_count(s), 3);
    tcmap_series_destroy(s);
}

static void
test_a_range_backwards_or_a_bad_step_is_refused(void **state)
{
    tcmap_series *s = (tcmap_series *)&s; /* must be reset to NULL */
    tcmap_error err;
    assert_int_equal(tcmap_series_create(*state, "2010-02-01", "2010-01-01",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_null(s);
    assert_string_equal(err.message, "series: the last date 2010-01-01 is "
                                     "before the first 2010-02-01");
    assert_int_equal(tcmap_series_create(*state, "2010-01-01", "2010-02-01",
                                         (tcmap_step){TCMAP_STEP_DAY, -1}, &s,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_string_equal(err.message, "series: bad step");
    assert_int_equal(tcmap_series_create(*state, "0001-01-01", "9999-01-01",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "series: more than 1000000 frames"));
    assert_int_equal(tcmap_series_create(*state, "2010-02-30", "2010-03-01",
                                         (tcmap_step){TCMAP_STEP_DAY, 1}, &s,
                                         &err),
                     TCMAP_ERR_DATA);
    assert_null(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_monthly_steps_keep_the_day_and_end_on_the_last_date),
        cmocka_unit_test(test_a_state_run_starts_only_where_the_map_changed),
        cmocka_unit_test(
            test_events_steps_give_the_change_dates_between_the_ends),
        cmocka_unit_test(
            test_tweens_go_before_a_change_only_and_can_be_removed),
        cmocka_unit_test(test_a_range_backwards_or_a_bad_step_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
