/* Dates are the keys of every lookup: a date that is not in the calendar
 * must be refused, never rolled over to the next month. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"

#include <string.h>

static void
test_iso_dates_parse_to_day_numbers(void **state)
{
    (void)state;
    int32_t d;
    assert_int_equal(tcmap_date_parse("1970-01-01", &d, NULL), TCMAP_OK);
    assert_int_equal(d, 0);
    assert_int_equal(tcmap_date_parse("2020-11-10", &d, NULL), TCMAP_OK);
    assert_int_equal(d, 18576);
    assert_int_equal(tcmap_date_parse("1991-12-26", &d, NULL), TCMAP_OK);
    assert_int_equal(d, 8029);
}

static void
test_day_numbers_format_back_to_the_same_text(void **state)
{
    (void)state;
    const char *dates[] = {"0001-01-01", "1900-02-28", "2000-02-29",
                           "2020-12-31", "2024-02-29", "9999-12-31"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        int32_t d;
        char buf[11];
        assert_int_equal(tcmap_date_parse(dates[i], &d, NULL), TCMAP_OK);
        tcmap_date_format(d, buf);
        assert_string_equal(buf, dates[i]);
    }
}

static void
test_impossible_dates_are_data_errors(void **state)
{
    (void)state;
    const char *bad[] = {"2020-02-30", "2019-02-29", "1900-02-29",
                         "2020-13-01", "2020-00-10", "2020-04-31",
                         "0000-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tcmap_error err;
        assert_int_equal(tcmap_date_parse(bad[i], NULL, &err),
                         TCMAP_ERR_DATA);
        assert_non_null(strstr(err.message, "does not exist"));
        assert_non_null(strstr(err.message, bad[i]));
    }
}

static void
test_malformed_dates_name_the_expected_form(void **state)
{
    (void)state;
    const char *bad[] = {"20-10-1993", "2020-1-5", "2020/11/10", "",
                         "2020-11-10 ", "2020-11-1x", "12020-11-10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tcmap_error err;
        assert_int_equal(tcmap_date_parse(bad[i], NULL, &err),
                         TCMAP_ERR_DATA);
        assert_non_null(strstr(err.message, "is not YYYY-MM-DD"));
    }
}

static void
test_status_strings_cover_every_status(void **state)
{
    (void)state;
    for (int s = 0; s < TCMAP_STATUS_COUNT; s++)
        assert_true(strlen(tcmap_strerror((tcmap_status)s)) > 3);
    assert_string_equal(tcmap_strerror(TCMAP_STATUS_COUNT),
                        "unknown status");
    assert_int_equal(tcmap_version(), TCMAP_VERSION_NUMBER);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso_dates_parse_to_day_numbers),
        cmocka_unit_test(test_day_numbers_format_back_to_the_same_text),
        cmocka_unit_test(test_impossible_dates_are_data_errors),
        cmocka_unit_test(test_malformed_dates_name_the_expected_form),
        cmocka_unit_test(test_status_strings_cover_every_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
