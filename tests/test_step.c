/* A series' step is read once, by tcmap_step_parse, and `tcmap frames`,
 * `tcmap stats` and `tcmap export` take and refuse the same texts through
 * it (issue #28: frames refused "1y", which stats took). The table,
 * tests/data/steps.tsv, is shared with Python's test. */
#include "tcmap.h"
#include "testutil.h"

#include <glib.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

typedef struct row {
    const char *text;
    int refused;
    tcmap_step_unit unit;
    int count;
} row;

/* The table's rows; the strings point into *buf (g_free both). */
static row *
load_table(char **buf, size_t *n)
{
    char *path = g_build_filename(TCMAP_SOURCE_DIR, "tests", "data",
                                  "steps.tsv", NULL);
    assert_true(g_file_get_contents(path, buf, NULL, NULL));
    g_free(path);
    char **lines = g_strsplit(*buf, "\n", -1);
    row *rows = g_new0(row, g_strv_length(lines));
    *n = 0;
    char *p = *buf;
    for (char **l = lines; *l; l++) {
        size_t len = strlen(*l);
        char *line = p;
        p += len + 1;
        if (!len || line[0] == '#')
            continue;
        line[len] = '\0';
        char *f2 = strchr(line, '\t');
        assert_non_null(f2);
        *f2++ = '\0';
        row *r = &rows[(*n)++];
        r->text = line;
        if (!strcmp(f2, "refused")) {
            r->refused = 1;
            continue;
        }
        char *f3 = strchr(f2, '\t');
        assert_non_null(f3);
        *f3++ = '\0';
        r->unit = !strcmp(f2, "d")   ? TCMAP_STEP_DAY
                  : !strcmp(f2, "w") ? TCMAP_STEP_WEEK
                  : !strcmp(f2, "m") ? TCMAP_STEP_MONTH
                                     : TCMAP_STEP_EVENTS;
        r->count = atoi(f3);
    }
    g_strfreev(lines);
    return rows;
}

static void
test_library_reads_the_table(void **state)
{
    (void)state;
    char *buf;
    size_t n;
    row *rows = load_table(&buf, &n);
    assert_true(n > 20);
    for (size_t i = 0; i < n; i++) {
        tcmap_step step = {(tcmap_step_unit)-1, -1};
        tcmap_error err;
        tcmap_status st = tcmap_step_parse(rows[i].text, &step, &err);
        print_message("step '%s'\n", rows[i].text);
        if (rows[i].refused) {
            assert_int_equal(st, TCMAP_ERR_ARG);
            assert_int_equal((int)step.unit, -1); /* untouched */
            assert_int_equal(step.count, -1);
            assert_non_null(strstr(err.message, "step '"));
        } else {
            assert_int_equal(st, TCMAP_OK);
            assert_int_equal(step.unit, rows[i].unit);
            assert_int_equal(step.count, rows[i].count);
        }
    }
    g_free(rows);
    g_free(buf);
}

/* Each command is run with the step and an unknown option, so that it
 * stops at parsing whatever the step: its step is refused exactly when
 * the table says so. */
static void
test_commands_take_what_the_library_takes(void **state)
{
    (void)state;
    char *buf;
    size_t n;
    row *rows = load_table(&buf, &n);
    const char *cmds[] = {"frames", "stats", "export"};
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++) {
            char *err = NULL;
            int rc = tu_run(NULL, &err, cmds[c], "--from", "2020-09-27",
                            "--to", "2020-11-10", "--step", rows[i].text,
                            "--bogus", NULL);
            char *want = g_strdup_printf("tcmap: %s: --step '", cmds[c]);
            print_message("%s --step '%s'\n", cmds[c], rows[i].text);
            assert_int_equal(rc, 2);
            assert_int_equal(strstr(err, want) != NULL, rows[i].refused);
            assert_non_null(strstr(err, "unknown option '--bogus'"));
            g_free(want);
            g_free(err);
        }
    g_free(rows);
    g_free(buf);
}

/* A usage error is its line and where the help is, not the help page. */
static void
test_a_bad_step_is_one_line(void **state)
{
    (void)state;
    const char *cmds[] = {"frames", "stats"};
    for (int c = 0; c < 2; c++) {
        char *err = NULL;
        int rc = c ? tu_run(NULL, &err, cmds[c], "--from", "2020-09-27",
                            "--to", "2020-11-10", "--step", "1q", NULL)
                   : tu_run(NULL, &err, cmds[c], "--from", "2020-09-27",
                            "--to", "2020-11-10", "--step", "1q", "-o",
                            "frames/%05d.png", NULL);
        assert_int_equal(rc, 2);
        char *want = g_strdup_printf(
            "tcmap: %s: --step '1q' is not events or a count 1..10000 and "
            "d, w, m or y (e.g. 1d, 2w, 1m, 1y)\n"
            "tcmap: see 'tcmap %s --help'\n",
            cmds[c], cmds[c]);
        assert_string_equal(err, want);
        g_free(want);
        g_free(err);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_library_reads_the_table),
        cmocka_unit_test(test_commands_take_what_the_library_takes),
        cmocka_unit_test(test_a_bad_step_is_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
