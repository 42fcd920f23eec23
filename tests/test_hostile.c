/* The second round of hostile input (issue 16): each test is named after
 * the bug it guards and fails on the code before its fix. The program runs
 * for real; a full disk is RLIMIT_FSIZE in the child (tcmap ignores
 * SIGXFSZ, so writing past it fails with EFBIG as a full disk would). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char TABLE[] = "date,area,party\n2000-01-01,west,AZ\n"
                            "2000-01-01,east,AM\n";

static char *
squares_style(void)
{
    static char *path;
    if (!path)
        path = tu_square_style("squares.ini");
    return path;
}

static char *
squares_table(void)
{
    static char *path;
    if (!path)
        path = tu_write("squares.csv", TABLE);
    return path;
}

static char *
squares_geodata(void)
{
    static char *path;
    if (!path)
        path = tu_square_geodata("squares");
    return path;
}

/* Lowers RLIMIT_FSIZE in the child only, to the bytes in *user. */
static void
limit_file_size(gpointer user)
{
    rlim_t n = *(const rlim_t *)user;
    struct rlimit rl = {.rlim_cur = n, .rlim_max = n};
    setrlimit(RLIMIT_FSIZE, &rl);
}

/* Runs tcmap with argv (NULL-terminated, without the program) where no file
 * may grow past `limit` bytes (0: no limit). Returns the exit code, or
 * 128 + the signal that killed it; stderr in *err (g_free). */
static int
run_limited(rlim_t limit, char **out, char **err, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)TCMAP_EXE);
    for (; *args; args++)
        g_ptr_array_add(argv, (char *)*args);
    g_ptr_array_add(argv, NULL);
    int status = 0;
    assert_true(g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                             G_SPAWN_DEFAULT, limit ? limit_file_size : NULL,
                             &limit, out, err, &status, NULL));
    g_ptr_array_free(argv, TRUE);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- the frame pattern ---- */

/* A run of thousands of flags overflowed a 4 KB stack buffer while the
 * pattern was checked. A run of flags means what one of each means. */
static void
test_a_long_run_of_pattern_flags_does_not_overflow_a_buffer(void **state)
{
    (void)state;
    GString *p = g_string_new("f");
    for (const char *flag = "0-"; *flag; flag++) {
        g_string_truncate(p, 1);
        g_string_append_c(p, '%');
        for (int i = 0; i < 20000; i++)
            g_string_append_c(p, *flag);
        g_string_append(p, "5d.png");
        char buf[64];
        tcmap_error err;
        assert_int_equal(tcmap_series_frame_path(p->str, 42, buf, sizeof buf,
                                                 &err),
                         TCMAP_OK);
        assert_string_equal(buf, *flag == '0' ? "f00042.png" : "f42   .png");
        /* Through the program: the pattern check of `frames -o`. */
        char *e = NULL;
        const char *args[] = {"frames", "--geodata", squares_geodata(),
                              "--control", squares_table(), "--style",
                              squares_style(), "--from", "2000-01-01",
                              "--to", "2000-01-02", "--format", "bogus",
                              "-o", p->str, NULL};
        int rc = run_limited(0, NULL, &e, args);
        assert_int_equal(rc, 2); /* the bogus format, not a crash */
        g_free(e);
    }
    g_string_free(p, TRUE);
}

/* A pattern longer than the caller's buffer is an error, not a cut path. */
static void
test_a_frame_path_longer_than_the_buffer_is_an_error(void **state)
{
    (void)state;
    char buf[8];
    tcmap_error err;
    assert_int_equal(tcmap_series_frame_path("frames/%05d.png", 1, buf,
                                             sizeof buf, &err),
                     TCMAP_ERR_ARG);
    assert_non_null(strstr(err.message, "too long"));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_a_long_run_of_pattern_flags_does_not_overflow_a_buffer),
        cmocka_unit_test(test_a_frame_path_longer_than_the_buffer_is_an_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
