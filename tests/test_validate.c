/* Every class of bad control table gets its own clear message with the
 * file and line, exit 1 from both `validate` and `render`, and a render
 * never touches an existing output. The default inputs validate clean. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

#define BAD TCMAP_SOURCE_DIR "/tests/data/bad/"

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
                   "3: unknown party 'NKR' (did you mean 'NK'?)");
    expect_problem("unknown_party2.csv",
                   "3: unknown party2 'AZE' (did you mean 'AZ'?)");
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
        cmocka_unit_test(test_default_inputs_validate_clean),
        cmocka_unit_test(test_events_lists_changes_in_order_with_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
