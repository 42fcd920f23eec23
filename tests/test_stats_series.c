/* Numbers out (issue #15, item 4): km² over a span of dates as one tidy
 * table, the chart's numbers as CSV, and `-o -` for every command that
 * writes one file. Checked against `stats --date`, so the table cannot
 * drift from the single-date figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <string.h>

/* The square fixture: west AZ from 2000, east AM from 2000 and AZ from
 * 2010-06-01. */
static const char TABLE[] = "date,area,party,status,party2\n"
                            "2000-01-01,west,AZ,,\n"
                            "2000-01-01,east,AM,,\n"
                            "2010-06-01,east,AZ,contested,AM\n";

typedef struct fixture {
    char *geo, *style, *table;
} fixture;

static int
setup(void **state)
{
    static fixture fx;
    fx.geo = tu_square_geodata("geo");
    fx.style = tu_square_style("style.ini");
    fx.table = tu_write("table.csv", TABLE);
    *state = &fx;
    return 0;
}

static int
teardown(void **state)
{
    fixture *fx = *state;
    g_free(fx->geo), g_free(fx->style), g_free(fx->table);
    return 0;
}

static char *
run(const fixture *fx, int want, ...)
{
    /* tu_run takes a NULL-terminated list: build it with the inputs. */
    va_list ap;
    const char *argv[24];
    int n = 0;
    va_start(ap, want);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL && n < 16)
        argv[n++] = a;
    va_end(ap);
    argv[n++] = "--geodata", argv[n++] = fx->geo;
    argv[n++] = "--style", argv[n++] = fx->style;
    argv[n++] = "--control", argv[n++] = fx->table;
    while (n < 24)
        argv[n++] = NULL;
    char *out = NULL, *err = NULL;
    int rc = tu_run(&out, &err, argv[0], argv[1], argv[2], argv[3], argv[4],
                    argv[5], argv[6], argv[7], argv[8], argv[9], argv[10],
                    argv[11], argv[12], argv[13], argv[14], argv[15],
                    argv[16], argv[17], argv[18], argv[19], argv[20],
                    argv[21], argv[22], argv[23], NULL);
    if (rc != want)
        fail_msg("exit %d (wanted %d): %s", rc, want, err);
    g_free(err);
    return out;
}

static void
test_a_monthly_span_is_one_tidy_table(void **state)
{
    fixture *fx = *state;
    char *out = run(fx, 0, "stats", "--from", "2010-04-15", "--to",
                    "2010-07-15", "--step", "1m", NULL);
    char **lines = g_strsplit(out, "\n", -1);
    assert_string_equal(lines[0], "date,party,label,area_km2,share");
    /* 4 dates (04-15, 05-15, 06-15, 07-15) x 2 parties. */
    assert_int_equal(g_strv_length(lines), 1 + 8 + 1);
    assert_true(g_str_has_prefix(lines[1], "2010-04-15,AZ,Party AZ,"));
    assert_true(g_str_has_prefix(lines[2], "2010-04-15,AM,Party AM,"));
    assert_true(g_str_has_prefix(lines[8], "2010-07-15,AM,Party AM,0.0,"));
    /* The same figure as stats --date on that day. */
    char *one = run(fx, 0, "stats", "--date", "2010-05-15", NULL);
    char **cols = g_strsplit(lines[3], ",", -1); /* 2010-05-15,AZ,... */
    char *want = g_strdup_printf("\nAZ,%s,%s\n", cols[3], cols[4]);
    assert_non_null(strstr(one, want));
    g_free(want), g_strfreev(cols), g_free(one);
    g_strfreev(lines);
    g_free(out);
}

static void
test_step_events_gives_the_dates_the_map_changes(void **state)
{
    fixture *fx = *state;
    char *out = run(fx, 0, "stats", "--from", "2005-01-01", "--to",
                    "2012-01-01", "--format", "json", NULL);
    assert_true(g_str_has_prefix(out, "[\n  {\"date\": \"2005-01-01\", "
                                      "\"party\": \"AZ\", \"label\": "
                                      "\"Party AZ\", \"area_km2\": "));
    assert_non_null(strstr(out, "{\"date\": \"2010-06-01\", \"party\": "
                                "\"AM\", \"label\": \"Party AM\", "
                                "\"area_km2\": 0.0, \"share\": 0.0000}"));
    /* Only --from, the dates the map changed and --to: not 2005-01-02. */
    assert_null(strstr(out, "2005-01-02"));
    assert_non_null(strstr(out, "{\"date\": \"2012-01-01\", \"party\": "
                                "\"AM\""));
    assert_true(g_str_has_suffix(out, "}\n]\n"));
    g_free(out);
}

static void
test_span_options_are_checked_together(void **state)
{
    fixture *fx = *state;
    char *out = NULL, *err = NULL;
    assert_int_equal(tu_run(&out, &err, "stats", "--from", "2005-01-01",
                            "--step", "3q", "--date", "2005-01-01", NULL),
                     2);
    assert_non_null(strstr(err, "--step '3q' is not events or a count"));
    assert_non_null(strstr(err, "--from and --to go together"));
    assert_non_null(strstr(err, "do not combine with --date"));
    g_free(out), g_free(err);
    (void)fx;
}

static void
test_chart_csv_is_the_table_of_stats_step_events(void **state)
{
    fixture *fx = *state;
    char *chart = run(fx, 0, "chart", "--format", "csv", "-o", "-", NULL);
    char *stats = run(fx, 0, "stats", "--from", "2000-01-01", "--to",
                      "2010-06-01", "--step", "events", NULL);
    assert_string_equal(chart, stats);
    g_autofree char *path = tu_path("chart.csv");
    g_free(run(fx, 0, "chart", "-o", path, NULL));
    g_autofree char *file = tu_read(path, NULL);
    assert_string_equal(file, stats);
    g_free(chart), g_free(stats);
}

static void
test_dash_writes_images_and_data_to_standard_output(void **state)
{
    fixture *fx = *state;
    char *png = run(fx, 0, "chart", "--format", "png", "-o", "-", NULL);
    assert_memory_equal(png, "\x89PNG", 4);
    g_free(png);
    char *geojson = run(fx, 0, "export", "--format", "geojson", "-o", "-",
                        NULL);
    assert_non_null(strstr(geojson, "\"FeatureCollection\""));
    g_free(geojson);
    char *err = NULL;
    assert_int_equal(tu_run(NULL, &err, "export", "-o", "-", NULL), 2);
    assert_non_null(strstr(err, "-o - needs --format"));
    g_free(err);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_monthly_span_is_one_tidy_table),
        cmocka_unit_test(test_step_events_gives_the_dates_the_map_changes),
        cmocka_unit_test(test_span_options_are_checked_together),
        cmocka_unit_test(test_chart_csv_is_the_table_of_stats_step_events),
        cmocka_unit_test(
            test_dash_writes_images_and_data_to_standard_output),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
