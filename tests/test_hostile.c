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

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
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

/* Names in dir other than those in keep (NULL-terminated), or NULL. */
static char *
extra_files(const char *dir, const char *const *keep)
{
    GString *extra = g_string_new(NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *e;
    while ((e = g_dir_read_name(d)) != NULL) {
        int kept = 0;
        for (const char *const *k = keep; *k; k++)
            kept |= !strcmp(e, *k);
        if (!kept)
            g_string_append_printf(extra, " %s", e);
    }
    g_dir_close(d);
    return g_string_free(extra, extra->len == 0);
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

/* ---- export on a full disk ---- */

/* On a full disk each format fails with exit 1, names the output, and
 * leaves nothing behind: no file, no hidden temporary folder. .gpkg and
 * .csv freed a geometry twice (a crash) and left ".NAME.tmp-XXXXXX/";
 * .geojson put a truncated file in place and exited 0. */
static void
test_export_on_a_full_disk_fails_cleanly_in_every_format(void **state)
{
    (void)state;
    static const char *const exts[] = {"gpkg", "csv", "geojson", "shp"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        g_autofree char *name = g_strdup_printf("full-%s", exts[i]);
        g_autofree char *dir = tu_path(name);
        g_mkdir_with_parents(dir, 0755);
        g_autofree char *out = g_strdup_printf("%s/areas.%s", dir, exts[i]);
        char *e = NULL;
        const char *args[] = {"export", "--geodata", squares_geodata(),
                              "--control", squares_table(), "--style",
                              squares_style(), "--date", "2001-01-01",
                              "-o", out, NULL};
        int rc = run_limited(300, NULL, &e, args);
        if (rc != 1)
            fail_msg("%s: exit %d, stderr: %s", exts[i], rc, e);
        assert_non_null(strstr(e, out));
        static const char *const none[] = {NULL};
        char *left = extra_files(dir, none);
        if (left)
            fail_msg("%s: left behind:%s", exts[i], left);
        g_free(e);
    }
}

/* Runs `export` of the squares on 2001-01-01 to out; the exit code. */
static int
export_to(const char *out, rlim_t limit, char **err)
{
    const char *args[] = {"export", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style",
                          squares_style(), "--date", "2001-01-01", "-o", out,
                          NULL};
    return run_limited(limit, NULL, err, args);
}

/* A failed shapefile export left a new .dbf/.shx beside the old .shp. Now
 * the whole set is replaced or none of it, and an old part the new set
 * lacks goes with the old set. */
static void
test_a_failed_shapefile_export_leaves_the_old_set_whole(void **state)
{
    (void)state;
    g_autofree char *dir = tu_path("shp-set");
    g_mkdir_with_parents(dir, 0755);
    g_autofree char *shp = g_build_filename(dir, "areas.shp", NULL);
    assert_int_equal(export_to(shp, 0, NULL), 0);
    static const char *const exts[] = {".shp", ".shx", ".dbf", ".prj",
                                       ".cpg"};
    char *before[5];
    size_t len[5];
    for (int i = 0; i < 5; i++) {
        g_autofree char *p = g_strconcat(dir, "/areas", exts[i], NULL);
        /* Mark each old part, so that a new one cannot pass for it. */
        FILE *fp = fopen(p, "ab");
        assert_non_null(fp);
        fputs("old", fp);
        assert_int_equal(fclose(fp), 0);
        before[i] = tu_read(p, &len[i]);
    }
    char *e = NULL;
    assert_int_equal(export_to(shp, 200, &e), 1);
    g_free(e);
    for (int i = 0; i < 5; i++) {
        g_autofree char *p = g_strconcat(dir, "/areas", exts[i], NULL);
        size_t n = 0;
        g_autofree char *now = tu_read(p, &n);
        assert_non_null(now);
        if (n != len[i] || memcmp(now, before[i], n))
            fail_msg("areas%s changed by a failed export", exts[i]);
        g_free(before[i]);
    }
    static const char *const set[] = {"areas.shp", "areas.shx", "areas.dbf",
                                      "areas.prj", "areas.cpg", NULL};
    char *left = extra_files(dir, set);
    if (left)
        fail_msg("left behind:%s", left);
    /* A stale spatial index of the old set goes when a new set lands. */
    g_autofree char *qix = g_build_filename(dir, "areas.qix", NULL);
    assert_true(g_file_set_contents(qix, "old index", -1, NULL));
    assert_int_equal(export_to(shp, 0, NULL), 0);
    assert_false(g_file_test(qix, G_FILE_TEST_EXISTS));
}

/* Replacing a 0600 output made it 0644. */
static void
test_an_export_keeps_the_mode_of_the_file_it_replaces(void **state)
{
    (void)state;
    g_autofree char *out = tu_path("mode.geojson");
    assert_int_equal(export_to(out, 0, NULL), 0);
    assert_int_equal(chmod(out, 0600), 0);
    assert_int_equal(export_to(out, 0, NULL), 0);
    struct stat sb;
    assert_int_equal(stat(out, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
}

/* A link at the output was replaced by the file (renamed over). Export
 * writes sets of files, so it refuses anything but a regular file. */
static void
test_an_export_over_a_link_is_refused_and_the_link_kept(void **state)
{
    (void)state;
    g_autofree char *target = tu_write("link-target.txt", "precious\n");
    g_autofree char *out = tu_path("link.geojson");
    assert_int_equal(symlink(target, out), 0);
    char *e = NULL;
    assert_int_equal(export_to(out, 0, &e), 1);
    assert_non_null(strstr(e, "not a regular file"));
    g_free(e);
    assert_true(g_file_test(out, G_FILE_TEST_IS_SYMLINK));
    g_autofree char *text = tu_read(target, NULL);
    assert_string_equal(text, "precious\n");
}

/* ---- standard output ---- */

/* `tcmap events > /dev/full` exited 0 with every line lost. */
static void
test_a_failed_write_to_standard_output_is_an_error(void **state)
{
    (void)state;
    static const char *const cmds[] = {"events", "parties", "stats",
                                       "--help", "--version"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        g_autofree char *inputs =
            cmds[i][0] == '-'               ? g_strdup("")
            : !strcmp(cmds[i], "parties") ? g_strdup_printf(
                                                " --style '%s'",
                                                squares_style())
                                            : g_strdup_printf(
                                                " --geodata '%s' --control "
                                                "'%s' --style '%s'",
                                                squares_geodata(),
                                                squares_table(),
                                                squares_style());
        g_autofree char *cmd = g_strdup_printf(
            "'%s' %s%s > /dev/full", TCMAP_EXE, cmds[i], inputs);
        const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
        char *e = NULL;
        int status = 0;
        assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT,
                                 NULL, NULL, NULL, &e, &status, NULL));
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
            fail_msg("%s > /dev/full: status %d, stderr: %s", cmds[i],
                     status, e);
        assert_non_null(strstr(e, "standard output: cannot write: No "
                                  "space left on device"));
        g_free(e);
    }
}

/* ---- what is at the output path ---- */

/* Runs `render` of the squares to out; the exit code, stdout in *out. */
static int
render_to(const char *path, char **out, char **err)
{
    const char *args[] = {"render", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style",
                          squares_style(), "--size", "200x150", "-o", path,
                          NULL};
    return run_limited(0, out, err, args);
}

/* `render -o /dev/stdout` replaced the link with a PNG (as root; device
 * nodes and FIFOs the same). Now a link is followed and what it points to
 * that is not a regular file is written in place. */
static void
test_an_output_linked_to_stdout_is_written_through_the_link(
    void **state)
{
    (void)state;
    g_autofree char *link = tu_path("stdout-link.png");
    assert_int_equal(symlink("/dev/stdout", link), 0);
    char *out = NULL, *e = NULL;
    int rc = render_to(link, &out, &e);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, e);
    assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
    assert_non_null(out);
    assert_memory_equal(out, "\x89PNG", 4);
    g_free(out);
    g_free(e);
}

/* A link to a regular file: the file is replaced, the link stays, and the
 * file keeps its mode (replacing reset a 0600 file to 0644). */
static void
test_a_replaced_output_keeps_its_mode_and_its_link(void **state)
{
    (void)state;
    g_autofree char *real = tu_write("private.png", "old");
    g_autofree char *link = tu_path("private-link.png");
    assert_int_equal(chmod(real, 0600), 0);
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(render_to(link, NULL, NULL), 0);
    assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
    struct stat sb;
    assert_int_equal(stat(real, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
    assert_true(sb.st_size > 100); /* the map, not "old" */
    assert_int_equal(render_to(real, NULL, NULL), 0);
    assert_int_equal(stat(real, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
}

/* A second `frames` run into the same folder deleted the first run's
 * temporary files at start-up, and the first died ("cannot rename into
 * place"). Temporary names now carry the run's pid and host, and only a
 * gone run's files are removed. */
static void
test_a_second_frames_run_leaves_a_running_runs_temp_files(void **state)
{
    (void)state;
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    g_autofree char *dir = tu_path("two-runs");
    g_mkdir_with_parents(dir, 0755);
    g_autofree char *live = g_strdup_printf(
        "%s/0001.png.tmp-%d@%s-0123456789abcdef", dir, (int)getpid(), host);
    g_autofree char *gone = g_strdup_printf(
        "%s/0002.png.tmp-%d@%s-fedcba9876543210", dir, tu_dead_pid(), host);
    g_autofree char *other = g_strdup_printf(
        "%s/0003.png.tmp-%d@not-%s-0123456789abcdef", dir, tu_dead_pid(),
        host);
    assert_true(g_file_set_contents(live, "running", -1, NULL));
    assert_true(g_file_set_contents(gone, "killed", -1, NULL));
    assert_true(g_file_set_contents(other, "elsewhere", -1, NULL));
    g_autofree char *pattern = g_strdup_printf("%s/%%04d.png", dir);
    const char *args[] = {"frames", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style",
                          squares_style(), "--size", "64x48", "--from",
                          "2000-01-01", "--to", "2000-01-05", "-q", "-o",
                          pattern, NULL};
    char *e = NULL;
    int rc = run_limited(0, NULL, &e, args);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, e);
    g_free(e);
    assert_true(g_file_test(live, G_FILE_TEST_EXISTS));
    assert_false(g_file_test(gone, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(other, G_FILE_TEST_EXISTS));
}

/* --video let ffmpeg write VIDEO.tmp-PID with -y, a name anyone could
 * predict and plant a link at. A stand-in ffmpeg records the file it is
 * told to write and whether that was already there as tcmap's own plain
 * file (created exclusively before ffmpeg ran), then writes the video. */
static void
test_the_video_temp_file_is_made_exclusively_under_a_random_name(
    void **state)
{
    (void)state;
    g_autofree char *bin = tu_path("fake-ffmpeg");
    g_mkdir_with_parents(bin, 0755);
    g_autofree char *log = tu_path("fake-ffmpeg.log");
    g_autofree char *script = g_strdup_printf(
        "#!/bin/sh\n"
        "for a; do out=$a; done\n"
        "if [ -f \"$out\" ] && [ ! -L \"$out\" ]; then s=ours; "
        "else s=missing; fi\n"
        "echo \"$out $s\" > '%s'\n"
        "cat > \"$out\"\n",
        log);
    g_autofree char *ffmpeg = g_build_filename(bin, "ffmpeg", NULL);
    assert_true(g_file_set_contents(ffmpeg, script, -1, NULL));
    assert_int_equal(chmod(ffmpeg, 0755), 0);
    g_autofree char *dir = tu_path("video");
    g_autofree char *pattern = g_strdup_printf("%s/%%02d.png", dir);
    g_autofree char *video = g_strdup_printf("%s/v.mp4", dir);
    /* The test's own environment (fonts, sanitizer options) with the
     * stand-in first on PATH. */
    g_autofree char *path = g_strdup_printf("%s:/usr/bin:/bin", bin);
    g_auto(GStrv) env = g_environ_setenv(g_get_environ(), "PATH", path, TRUE);
    const char *argv[] = {TCMAP_EXE, "frames", "--geodata",
                          squares_geodata(), "--control", squares_table(),
                          "--style", squares_style(), "--size", "64x48",
                          "--from", "2000-01-01", "--to", "2000-01-03", "-q",
                          "-o", pattern, "--video", video, NULL};
    char *e = NULL;
    int status = 0;
    assert_true(g_spawn_sync(NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL,
                             NULL, NULL, &e, &status, NULL));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("status %d: %s", status, e);
    g_free(e);
    g_autofree char *said = tu_read(log, NULL);
    assert_non_null(said);
    /* "VIDEO.tmp-XXXXXX ours": a file of tcmap's before ffmpeg ran. */
    g_autofree char *prefix = g_strdup_printf("%s.tmp-", video);
    assert_true(g_str_has_prefix(said, prefix));
    assert_non_null(strstr(said, " ours\n"));
    *strchr(said, ' ') = '\0';
    assert_int_equal(strlen(said), strlen(prefix) + 6);
    assert_true(g_file_test(video, G_FILE_TEST_IS_REGULAR));
    assert_false(g_file_test(said, G_FILE_TEST_EXISTS)); /* renamed */
}

/* ---- --resume ---- */

/* Draws frames 2000-01-01..05 of the squares at `size` with `style` into
 * tu_tmpdir()/dir; returns the pattern (g_free). */
static char *
draw_frames(const char *dir, const char *size, const char *style,
            int resume, char **err)
{
    g_autofree char *d = tu_path(dir);
    g_mkdir_with_parents(d, 0755);
    char *pattern = g_strdup_printf("%s/%%04d.png", d);
    const char *args[] = {"frames", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style", style,
                          "--size", size, "--from", "2000-01-01", "--to",
                          "2000-01-05", "-j", "1", resume ? "--resume" : "-q",
                          "-o", pattern, NULL};
    char *e = NULL;
    int rc = run_limited(0, NULL, &e, args);
    if (rc != 0)
        fail_msg("frames: exit %d: %s", rc, e);
    if (err)
        *err = e;
    else
        g_free(e);
    return pattern;
}

/* Frame i of a draw_frames() pattern (g_free). */
static char *
frame_file(const char *pattern, int i)
{
    g_autofree char *dir = g_path_get_dirname(pattern);
    return g_strdup_printf("%s/%04d.png", dir, i);
}

static void
copy_frame(const char *from_pattern, const char *to_pattern, int i)
{
    g_autofree char *from = frame_file(from_pattern, i);
    g_autofree char *to = frame_file(to_pattern, i);
    size_t len = 0;
    g_autofree char *data = tu_read(from, &len);
    assert_non_null(data);
    assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
}

/* --resume kept frames of another size or style, and a corrupt frame that
 * still ended in IEND. Now a kept PNG must pass every chunk's CRC, have
 * the series' size and carry this frame's mark. */
static void
test_resume_redraws_frames_of_another_series_and_corrupt_ones(void **state)
{
    (void)state;
    g_autofree char *fresh = draw_frames("resume-fresh", "64x48",
                                         squares_style(), 0, NULL);
    g_autofree char *mixed = draw_frames("resume-mixed", "64x48",
                                         squares_style(), 0, NULL);
    g_autofree char *bigger = draw_frames("resume-bigger", "80x60",
                                          squares_style(), 0, NULL);
    /* The same style with another colour for AZ. */
    g_autofree char *text = tu_read(squares_style(), NULL);
    assert_non_null(strstr(text, "#0000ff"));
    memcpy(strstr(text, "#0000ff"), "#00ff00", 7);
    g_autofree char *green = tu_write("green.ini", text);
    g_autofree char *other = draw_frames("resume-other", "64x48", green, 0,
                                         NULL);
    copy_frame(bigger, mixed, 1);
    copy_frame(other, mixed, 3);
    /* Frame 2 damaged in the middle; its IEND is intact. */
    g_autofree char *f2 = frame_file(mixed, 2);
    size_t len = 0;
    g_autofree char *data = tu_read(f2, &len);
    data[len / 2] ^= 0x55;
    assert_true(g_file_set_contents(f2, data, (gssize)len, NULL));
    char *e = NULL;
    g_free(draw_frames("resume-mixed", "64x48", squares_style(), 1, &e));
    if (!strstr(e, ", 2 kept"))
        fail_msg("expected 2 frames kept: %s", e);
    g_free(e);
    for (int i = 0; i < 5; i++) {
        g_autofree char *a = frame_file(fresh, i);
        g_autofree char *b = frame_file(mixed, i);
        size_t la = 0, lb = 0;
        g_autofree char *da = tu_read(a, &la);
        g_autofree char *db = tu_read(b, &lb);
        if (la != lb || memcmp(da, db, la))
            fail_msg("frame %d after --resume is not this series' frame", i);
    }
}

/* ---- outputs that are inputs ---- */

/* `export -o geodata/areas.shp` overwrote the source layer. An output that
 * is one of the map's inputs, under any name, is refused and left as it
 * was. */
static void
test_an_output_that_is_an_input_is_refused(void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("inputs");
    g_autofree char *shp = g_build_filename(geo, "squares.shp", NULL);
    g_autofree char *dbf = g_build_filename(geo, "squares.dbf", NULL);
    size_t shp_len = 0, dbf_len = 0;
    g_autofree char *shp_before = tu_read(shp, &shp_len);
    g_autofree char *dbf_before = tu_read(dbf, &dbf_len);
    g_autofree char *table = tu_write("inputs.csv", TABLE);
    g_autofree char *link = tu_path("inputs-link.png");
    assert_int_equal(symlink(table, link), 0);
    struct {
        const char *cmd, *out, *input;
    } cases[] = {
        {"export", shp, shp},
        {"render", link, table},
        {"render", squares_style(), squares_style()},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[] = {cases[i].cmd, "--geodata", geo, "--control",
                              table, "--style", squares_style(),
                              !strcmp(cases[i].cmd, "render") ? "--format"
                                                              : "--date",
                              !strcmp(cases[i].cmd, "render") ? "png"
                                                              : "2001-01-01",
                              "-o", cases[i].out, NULL};
        char *e = NULL;
        int rc = run_limited(0, NULL, &e, args);
        assert_true(rc == 1 || rc == 2);
        if (!strstr(e, "an input of this map") || !strstr(e, cases[i].input))
            fail_msg("%s -o %s: %s", cases[i].cmd, cases[i].out, e);
        g_free(e);
    }
    size_t len = 0;
    g_autofree char *shp_after = tu_read(shp, &len);
    assert_int_equal(len, shp_len);
    assert_memory_equal(shp_after, shp_before, len);
    g_autofree char *dbf_after = tu_read(dbf, &len);
    assert_int_equal(len, dbf_len);
    assert_memory_equal(dbf_after, dbf_before, len);
    g_autofree char *t = tu_read(table, NULL);
    assert_string_equal(t, TABLE);
    g_autofree char *style = tu_read(squares_style(), NULL);
    assert_non_null(strstr(style, "[map]"));
}

/* ---- inputs silently lost ---- */

/* Runs `validate` on the squares with these inputs (NULL: the squares'
 * own); the exit code, stderr in *err. */
static int
validate(const char *geo, const char *table, const char *style, char **err)
{
    const char *args[] = {"validate", "--geodata",
                          geo ? geo : squares_geodata(), "--control",
                          table ? table : squares_table(), "--style",
                          style ? style : squares_style(), NULL};
    return run_limited(0, NULL, err, args);
}

/* One control-table cell over GDAL's 10 MB line limit dropped that row
 * and every row after it ("ok: 50 events" for a 173-row table). */
static void
test_a_cell_over_gdals_line_limit_is_an_error_on_its_line(void **state)
{
    (void)state;
    TU_SKIP_UNDER_ASAN();
    g_autofree char *path = tu_path("huge-cell.csv");
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("date,area,party,source\n2000-01-01,west,AZ,a\n"
          "2000-01-02,west,AZ,\"",
          fp);
    for (int i = 0; i < 11 * 1024; i++) {
        char kb[1024];
        memset(kb, 'x', sizeof kb);
        assert_int_equal(fwrite(kb, 1, sizeof kb, fp), sizeof kb);
    }
    fputs("\"\n2000-01-03,east,AM,b\n2000-01-04,east,AZ,c\n", fp);
    assert_int_equal(fclose(fp), 0);
    char *e = NULL;
    assert_int_equal(validate(NULL, path, NULL, &e), 1);
    g_autofree char *want = g_strdup_printf("%s:3: GDAL stopped reading", path);
    if (!strstr(e, want))
        fail_msg("expected '%s' in: %s", want, e);
    assert_non_null(strstr(e, "the 2 after it would be lost"));
    g_free(e);
}

/* A NUL byte in a style ended the file there silently (a line after it
 * vanished and validate said ok). */
static void
test_a_nul_byte_in_a_style_is_an_error_on_its_line(void **state)
{
    (void)state;
    g_autofree char *text = tu_read(squares_style(), NULL);
    g_autofree char *path = tu_path("nul.ini");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("# a comment\n", fp);
    fputc('\0', fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    char *e = NULL;
    assert_int_equal(validate(NULL, NULL, path, &e), 1);
    g_autofree char *want = g_strdup_printf("%s:2: a NUL byte", path);
    if (!strstr(e, want))
        fail_msg("expected '%s' in: %s", want, e);
    g_free(e);
}

/* `--style /dev/urandom` was read whole (the OOM killer at 24 GB); a FIFO
 * would wait for ever; a style past the cap is not read. */
static void
test_a_style_that_is_not_a_small_regular_file_is_refused(void **state)
{
    (void)state;
    g_autofree char *fifo = tu_path("style.fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    g_autofree char *big = tu_path("big.ini");
    FILE *fp = fopen(big, "w");
    assert_non_null(fp);
    for (int i = 0; i < 70000; i++)
        fputs("# a long comment line\n", fp);
    assert_int_equal(fclose(fp), 0);
    struct {
        const char *path, *what;
    } cases[] = {
        {"/dev/urandom", "the style is a character device, not a regular "
                         "file"},
        {fifo, "the style is a FIFO, not a regular file"},
        {big, "more than tcmap's limit of 1048576 for a style"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *e = NULL;
        assert_int_equal(validate(NULL, NULL, cases[i].path, &e), 1);
        if (!strstr(e, cases[i].what) || !strstr(e, cases[i].path))
            fail_msg("%s: %s", cases[i].path, e);
        g_free(e);
    }
}

/* A control table that is a FIFO or a device is refused, not waited on. */
static void
test_a_control_table_that_is_a_fifo_is_refused(void **state)
{
    (void)state;
    g_autofree char *fifo = tu_path("table.fifo");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *e = NULL;
    assert_int_equal(validate(NULL, fifo, NULL, &e), 1);
    assert_non_null(strstr(e, "the control table is a FIFO, not a file"));
    g_free(e);
}

/* A manifest could make GDAL fetch URLs through its network file
 * systems. */
static void
test_a_manifest_path_on_the_network_is_refused(void **state)
{
    (void)state;
    static const char *const paths[] = {
        "/vsicurl/http://127.0.0.1:9/areas.shp",
        "/vsizip//vsis3/bucket/areas.zip/areas.shp",
        "https://127.0.0.1:9/areas.geojson"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        g_autofree char *name = g_strdup_printf("net-%zu", i);
        g_autofree char *geo = tu_square_geodata(name);
        g_autofree char *manifest =
            g_build_filename(geo, "manifest.ini", NULL);
        g_autofree char *text = g_strdup_printf(
            "[areas]\npath = %s\nid = code\nkind = kind\n", paths[i]);
        assert_true(g_file_set_contents(manifest, text, -1, NULL));
        char *e = NULL;
        assert_int_equal(validate(geo, NULL, NULL, &e), 1);
        if (!strstr(e, "is on the network"))
            fail_msg("%s: %s", paths[i], e);
        g_free(e);
    }
}

/* ---- text into XML ---- */

/* The squares' style with this title (UTF-8 text, put in as is). */
static char *
style_titled(const char *name, const char *title)
{
    g_autofree char *text = tu_read(squares_style(), NULL);
    char *line = strstr(text, "title = Test\n");
    assert_non_null(line);
    *line = '\0';
    g_autofree char *with = g_strdup_printf("%stitle = %s\n%s", text, title,
                                            line + strlen("title = Test\n"));
    return tu_write(name, with);
}

/* Collects the text of the SVG's <title> while GMarkup parses the file. */
static void
on_text(GMarkupParseContext *ctx, const gchar *text, gsize len,
        gpointer user, GError **error)
{
    (void)error;
    if (!strcmp(g_markup_parse_context_get_element(ctx), "title"))
        g_string_append_len(user, text, (gssize)len);
}

/* Renders an SVG with `style`; returns its <title>, failing the test when
 * the file is not well-formed XML. */
static char *
svg_title(const char *style, const char *name)
{
    g_autofree char *svg = tu_path(name);
    const char *args[] = {"render", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style", style,
                          "-o", svg, NULL};
    char *e = NULL;
    int rc = run_limited(0, NULL, &e, args);
    if (rc != 0)
        fail_msg("render: exit %d: %s", rc, e);
    g_free(e);
    size_t len = 0;
    g_autofree char *doc = tu_read(svg, &len);
    GString *title = g_string_new(NULL);
    GMarkupParser p = {.text = on_text};
    GMarkupParseContext *ctx = g_markup_parse_context_new(&p, 0, title, NULL);
    GError *ge = NULL;
    if (!g_markup_parse_context_parse(ctx, doc, (gssize)len, &ge) ||
        !g_markup_parse_context_end_parse(ctx, &ge))
        fail_msg("%s is not well-formed XML: %s", name, ge->message);
    g_markup_parse_context_free(ctx);
    return g_string_free(title, FALSE);
}

/* Control characters or U+FFFE in a label or title made the SVG invalid
 * XML (and the slider's frames blank). */
static void
test_characters_xml_forbids_are_left_out_of_an_svg(void **state)
{
    (void)state;
    g_autofree char *style =
        style_titled("ctl.ini", "A\x01"
                                "B\x1b[31mC\xef\xbf\xbe\xef\xbf\xbf"
                                "D");
    g_autofree char *title = svg_title(style, "ctl.svg");
    assert_string_equal(title, "AB[31mCD, 2000-01-01"); /* ", subtitle" */
}

/* Titles were cut at 511 bytes, possibly inside a UTF-8 character
 * (invalid SVG, failed PDF). */
static void
test_a_long_title_is_drawn_whole(void **state)
{
    (void)state;
    GString *t = g_string_new(NULL);
    for (int i = 0; i < 300; i++)
        g_string_append(t, "\xd0\x96"); /* Ж: 600 bytes in all */
    g_string_append(t, " end");
    g_autofree char *style = style_titled("long.ini", t->str);
    g_autofree char *title = svg_title(style, "long.svg");
    g_string_append(t, ", 2000-01-01"); /* ", subtitle" */
    assert_string_equal(title, t->str);
    g_string_free(t, TRUE);
}

/* ---- series dates ---- */

/* `--step 120m` over a long span gave a false "more than 1000000 frames":
 * at 120000 months (the 1000th step of 120m, from year 1) the step was
 * not added at all, so every later date was --from again. Steps that run
 * past the calendar (year 9999) end the series instead. --shard 0/500
 * writes only frames 0 and 500 of the whole series. */
static void
test_long_steps_over_a_long_span_give_the_right_frames(void **state)
{
    (void)state;
    /* A series also ends on --to itself. */
    struct {
        const char *step, *from;
        const char *files[4];
    } cases[] = {
        /* 1000 steps and the last day: frames 0, 500 and 1000 */
        {"120m", "0001-01-01", {"0000.svg", "0500.svg", "1000.svg"}},
        {"10000m", "2000-01-01", {"0000.svg"}}, /* 11 frames */
        {"10000w", "2000-01-01", {"0000.svg"}}, /* 43 frames */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g_autofree char *name = g_strdup_printf("steps-%zu", i);
        g_autofree char *dir = tu_path(name);
        g_mkdir_with_parents(dir, 0755);
        g_autofree char *pattern = g_strdup_printf("%s/%%04d.svg", dir);
        const char *args[] = {"frames", "--geodata", squares_geodata(),
                              "--control", squares_table(), "--style",
                              squares_style(), "--size", "64x48", "--from",
                              cases[i].from, "--to", "9999-12-31", "--step",
                              cases[i].step, "--shard", "0/500", "-q", "-o",
                              pattern, NULL};
        char *e = NULL;
        int rc = run_limited(0, NULL, &e, args);
        if (rc != 0)
            fail_msg("--step %s: exit %d: %s", cases[i].step, rc, e);
        g_free(e);
        char *extra = extra_files(dir, cases[i].files);
        if (extra)
            fail_msg("--step %s: unexpected frames:%s", cases[i].step, extra);
        for (const char *const *f = cases[i].files; *f; f++) {
            g_autofree char *p = g_build_filename(dir, *f, NULL);
            if (!g_file_test(p, G_FILE_TEST_EXISTS))
                fail_msg("--step %s: no %s", cases[i].step, *f);
        }
    }
}

/* ---- warnings and usage errors ---- */

/* A --names typo labelled the map with raw ids and exited 0. */
static void
test_an_unknown_name_set_is_a_usage_error(void **state)
{
    (void)state;
    g_autofree char *png = tu_path("names.png");
    g_autofree char *pattern = tu_path("names-%d.png");
    const char *const cmds[][6] = {
        {"render", "-o", png, NULL},
        {"describe", NULL},
        {"frames", "--from", "2000-01-01", "--to", "2000-01-02", NULL},
    };
    for (size_t i = 0; i < 3; i++) {
        GPtrArray *a = g_ptr_array_new();
        for (const char *const *c = cmds[i]; *c; c++)
            g_ptr_array_add(a, (char *)*c);
        if (!strcmp(cmds[i][0], "frames")) {
            g_ptr_array_add(a, "-o");
            g_ptr_array_add(a, pattern);
        }
        const char *rest[] = {"--geodata", squares_geodata(), "--control",
                              squares_table(), "--style", squares_style(),
                              "--names", "ez", NULL};
        for (const char *const *r = rest; *r; r++)
            g_ptr_array_add(a, (char *)*r);
        g_ptr_array_add(a, NULL);
        char *e = NULL;
        int rc = run_limited(0, NULL, &e, (const char *const *)a->pdata);
        if (rc != 2 || !strstr(e, "name set 'ez' is not one of the "
                                  "geodata's (en, az, en+local)"))
            fail_msg("%s --names ez: exit %d: %s", cmds[i][0], rc, e);
        g_free(e);
        g_ptr_array_free(a, TRUE);
    }
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    const char *ok[] = {"describe", "--geodata", squares_geodata(),
                        "--control", squares_table(), "--style",
                        squares_style(), "--names", "az", NULL};
    assert_int_equal(run_limited(0, NULL, NULL, ok), 0);
}

/* The legend disappeared without a word when it did not fit (then with
 * only a warning, and exit 0: a map without its key passed for a finished
 * one); a line kind missing from the style was not drawn without a word.
 * A legend that fits nowhere is now an error unless it is turned off. */
static void
test_a_legend_that_fits_nowhere_fails_and_an_unstyled_line_kind_is_warned_about(
    void **state)
{
    (void)state;
    g_autofree char *geo = tu_square_geodata("walls");
    tu_square_lines(geo, NULL, NULL); /* kind "wall": not in the style */
    /* A party label that wraps to more lines than the map is high. */
    g_autofree char *text = tu_read(squares_style(), NULL);
    GString *wide = g_string_new(NULL);
    char *at = strstr(text, "label = Party AZ\n");
    assert_non_null(at);
    g_string_append_len(wide, text, at - text);
    g_string_append(wide, "label = Party AZ");
    for (int i = 0; i < 200; i++)
        g_string_append(wide, " and its allies");
    g_string_append(wide, at + strlen("label = Party AZ"));
    g_autofree char *style = tu_write("wide.ini", wide->str);
    g_string_free(wide, TRUE);
    g_autofree char *png = tu_path("small.png");
    const char *args[] = {"render", "--geodata", geo, "--control",
                          squares_table(), "--style", style, "-o", png,
                          NULL};
    char *e = NULL;
    assert_int_equal(run_limited(0, NULL, &e, args), 1);
    if (!strstr(e, "tcmap: legend: ") ||
        !strstr(e, "fit neither in the map panel"))
        fail_msg("no error for the legend: %s", e);
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
    g_free(e);
    const char *off[] = {"render", "--geodata", geo, "--control",
                         squares_table(), "--style", style, "--legend",
                         "off", "-o", png, NULL};
    assert_int_equal(run_limited(0, NULL, &e, off), 0);
    g_autofree char *lines = g_build_filename(geo, "lines.shp", NULL);
    g_autofree char *want = g_strdup_printf(
        "%s:1: line kind 'wall' has no [line.wall] in the style", lines);
    if (!strstr(e, want))
        fail_msg("expected '%s' in: %s", want, e);
    g_free(e);
    /* A big map has room for the legend: no warning about it. */
    const char *big[] = {"render", "--geodata", squares_geodata(),
                         "--control", squares_table(), "--style",
                         squares_style(), "-o", png, NULL};
    assert_int_equal(run_limited(0, NULL, &e, big), 0);
    assert_null(strstr(e, "warning"));
    g_free(e);
}

/* `validate` stopped at the first style or geodata problem, though it
 * promises every problem in one run. */
static void
test_validate_lists_every_style_and_geodata_problem_in_one_run(void **state)
{
    (void)state;
    g_autofree char *text = tu_read(squares_style(), NULL);
    GString *bad = g_string_new(text);
    g_string_replace(bad, "width = 800", "width = 5", 1);
    g_string_replace(bad, "fill = #ff0000", "fill = red", 1);
    g_string_append(bad, "[bogus]\n");
    g_autofree char *style = tu_write("many.ini", bad->str);
    g_string_free(bad, TRUE);
    g_autofree char *geo = tu_square_geodata("many");
    g_autofree char *manifest = g_build_filename(geo, "manifest.ini", NULL);
    g_autofree char *m = tu_read(manifest, NULL);
    g_autofree char *more = g_strconcat(
        m, "[lines]\npath = no-lines.shp\nkind = kind\n"
           "[towns]\npath = no-towns.shp\n",
        NULL);
    assert_true(g_file_set_contents(manifest, more, -1, NULL));
    char *e = NULL;
    assert_int_equal(validate(geo, NULL, style, &e), 1);
    static const char *const want[] = {
        ":4: [map] width: '5' is not a number", "[party.AM] fill: 'red'",
        "unknown group [bogus]", "no-lines.shp", "no-towns.shp",
        "5 problems found"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(e, want[i]))
            fail_msg("'%s' missing from: %s", want[i], e);
    g_free(e);
}

/* ---- API arguments ---- */

/* NaN or infinite draw rectangles returned OK and left the caller's
 * cairo_t broken; a huge one hung. */
static void
test_a_draw_rectangle_that_is_not_finite_or_is_huge_is_refused(void **state)
{
    (void)state;
    tcmap_map *map = NULL;
    assert_int_equal(tu_map_open(squares_geodata(), squares_table(),
                                 squares_style(), &map, NULL, NULL, NULL),
                     0);
    tcmap_snapshot *snap = NULL;
    tcmap_error err;
    assert_int_equal(tcmap_snapshot_create(map, "2000-01-01", &snap, &err),
                     TCMAP_OK);
    cairo_surface_t *img =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 48);
    cairo_t *cr = cairo_create(img);
    const double bad[][4] = {
        {NAN, 0, 64, 48},  {0, NAN, 64, 48},     {0, 0, NAN, 48},
        {0, 0, 64, NAN},   {INFINITY, 0, 64, 48}, {0, 0, INFINITY, 48},
        {0, 0, 64, -INFINITY}, {0, 0, 1e30, 48}, {0, 0, 64, 2e6},
        {-1e12, 0, 64, 48}, {0, 0, 0, 48},       {0, 0, 64, -1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tcmap_rect r = {bad[i][0], bad[i][1], bad[i][2], bad[i][3]};
        assert_int_equal(tcmap_snapshot_draw(snap, cr, r, NULL, &err),
                         TCMAP_ERR_ARG);
        assert_non_null(strstr(err.message, "rectangle"));
        assert_int_equal(tcmap_chart_draw(map, cr, r, NULL, &err),
                         TCMAP_ERR_ARG);
        assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    }
    assert_int_equal(tcmap_snapshot_draw(snap, cr, (tcmap_rect){0, 0, 64, 48},
                                         NULL, &err),
                     TCMAP_OK);
    assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    tcmap_snapshot_destroy(snap);
    tcmap_map_destroy(map);
}

/* ---- what reaches a spreadsheet or a terminal ---- */

/* CSV outputs passed text cells like =cmd|... through unchanged: a
 * spreadsheet runs them as formulas. */
static void
test_csv_text_cells_cannot_start_a_formula(void **state)
{
    (void)state;
    static const char table[] =
        "date,area,party,source,note\n"
        "2000-01-01,west,AZ,=cmd|' /C calc'!A0,@SUM(1)\n"
        "2000-01-01,east,AM,+1+1,-2-2\n";
    g_autofree char *path = tu_write("formula.csv", table);
    const char *events[] = {"events", "--geodata", squares_geodata(),
                            "--control", path, "--style", squares_style(),
                            NULL};
    char *out = NULL;
    assert_int_equal(run_limited(0, &out, NULL, events), 0);
    static const char *const want[] = {"\"'=cmd|' /C calc'!A0\"",
                                       "\"'@SUM(1)\"", "\"'+1+1\"",
                                       "\"'-2-2\""};
    for (size_t i = 0; i < 4; i++)
        if (!strstr(out, want[i]))
            fail_msg("events: %s missing from:\n%s", want[i], out);
    g_free(out);
    g_autofree char *csv = tu_path("formula-export.csv");
    const char *exp[] = {"export", "--geodata", squares_geodata(),
                         "--control", path, "--style", squares_style(),
                         "-o", csv, NULL};
    assert_int_equal(run_limited(0, NULL, NULL, exp), 0);
    g_autofree char *text = tu_read(csv, NULL);
    assert_non_null(text);
    if (!strstr(text, "'=cmd|") || strstr(text, ",=cmd|") ||
        strstr(text, "\"=cmd|") || !strstr(text, "'+1+1"))
        fail_msg("export: a formula cell got through:\n%s", text);
}

/* Escape sequences in the data (an area id here) reached the terminal
 * through the messages. */
static void
test_escape_sequences_from_data_never_reach_the_terminal(void **state)
{
    (void)state;
    static const char table[] = "date,area,party\n"
                                "2000-01-01,\x1b]0;pwned\x07\x1b[2Jwest,AZ\n";
    g_autofree char *path = tu_write("escapes.csv", table);
    char *e = NULL;
    assert_int_equal(validate(NULL, path, NULL, &e), 1);
    assert_null(strchr(e, '\x1b'));
    assert_null(strchr(e, '\x07'));
    if (!strstr(e, "\\x1b]0;pwned\\x07\\x1b[2Jwest"))
        fail_msg("the id is not shown escaped: %s", e);
    g_free(e);
}

/* ---- memory ---- */

/* A 20000x20000 frame needs 4.3 GB per worker times -j: pixels times
 * workers now stay within a memory budget (docs/limits.md). */
static void
test_frame_workers_stay_within_the_memory_budget(void **state)
{
    (void)state;
    g_autofree char *dir = tu_path("budget");
    g_mkdir_with_parents(dir, 0755);
    g_autofree char *pattern = g_strdup_printf("%s/%%02d.png", dir);
    /* 14 bytes a pixel: 800x600 is 6.4 MB a worker; 10 MB holds one. */
    const char *fewer[] = {"frames", "--geodata", squares_geodata(),
                           "--control", squares_table(), "--style",
                           squares_style(), "--from", "2000-01-01", "--to",
                           "2000-01-20", "-j", "4", "--memory", "10", "-o",
                           pattern, NULL};
    char *e = NULL;
    assert_int_equal(run_limited(0, NULL, &e, fewer), 0);
    if (!strstr(e, "drew on 1 worker, not 4"))
        fail_msg("no note of fewer workers: %s", e);
    g_free(e);
    const char *none[] = {"frames", "--geodata", squares_geodata(),
                          "--control", squares_table(), "--style",
                          squares_style(), "--from", "2000-01-01", "--to",
                          "2000-01-02", "--size", "2000x2000", "--memory",
                          "10", "-o", pattern, NULL};
    assert_int_equal(run_limited(0, NULL, &e, none), 2);
    if (!strstr(e, "a 2000x2000 frame needs 53 MB to draw, more than the "
                   "memory budget of 10 MB"))
        fail_msg("%s", e);
    g_free(e);
    /* Frames streamed to a video have no file pattern: the message names
     * the series, never "(null)", and the exit is the same usage error. */
    g_autofree char *video = g_strdup_printf("%s/v.mp4", dir);
    const char *streamed[] = {"frames", "--geodata", squares_geodata(),
                              "--control", squares_table(), "--style",
                              squares_style(), "--from", "2000-01-01", "--to",
                              "2000-01-02", "--size", "2000x2000", "--memory",
                              "10", "--video", video, NULL};
    assert_int_equal(run_limited(0, NULL, &e, streamed), 2);
    if (!strstr(e, "frames: a 2000x2000 frame needs 53 MB") ||
        strstr(e, "(null)"))
        fail_msg("%s", e);
    assert_false(g_file_test(video, G_FILE_TEST_EXISTS));
    g_free(e);
}

/* Lowers RLIMIT_AS in the child to 1 GB. */
static void
limit_memory(gpointer user)
{
    (void)user;
    struct rlimit rl = {.rlim_cur = 1UL << 30, .rlim_max = 1UL << 30};
    setrlimit(RLIMIT_AS, &rl);
}

/* Under a memory limit an allocation that depends on the input's size is
 * an error naming the output, never an abort. (AddressSanitizer reserves
 * terabytes of address space and cannot run under RLIMIT_AS.) */
static void
test_a_map_too_big_for_memory_is_an_error_not_an_abort(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#endif
    g_autofree char *png = tu_path("huge.png");
    g_autofree char *pattern = tu_path("huge-%d.png");
    char *argv1[] = {(char *)TCMAP_EXE, "render", "--geodata",
                     squares_geodata(), "--control", squares_table(),
                     "--style", squares_style(), "--size", "20000x20000",
                     "-o", png, NULL};
    char *argv2[] = {(char *)TCMAP_EXE, "frames", "--geodata",
                     squares_geodata(), "--control", squares_table(),
                     "--style", squares_style(), "--size", "20000x20000",
                     "--from", "2000-01-01", "--to", "2000-01-02", "-o",
                     pattern, NULL};
    char **argvs[] = {argv1, argv2};
    const char *want[] = {"no memory for a 20000x20000 map",
                          "more than the memory budget"};
    for (int i = 0; i < 2; i++) {
        char *e = NULL;
        int status = 0;
        assert_true(g_spawn_sync(NULL, argvs[i], NULL, G_SPAWN_DEFAULT,
                                 limit_memory, NULL, NULL, &e, &status,
                                 NULL));
        if (!WIFEXITED(status) || WEXITSTATUS(status) == 0 ||
            !strstr(e, want[i]) || !strstr(e, i ? pattern : png))
            fail_msg("%s: status %d: %s", argvs[i][1], status, e);
        g_free(e);
    }
    assert_false(g_file_test(png, G_FILE_TEST_EXISTS));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_a_long_run_of_pattern_flags_does_not_overflow_a_buffer),
        cmocka_unit_test(test_a_frame_path_longer_than_the_buffer_is_an_error),
        cmocka_unit_test(
            test_export_on_a_full_disk_fails_cleanly_in_every_format),
        cmocka_unit_test(
            test_a_failed_shapefile_export_leaves_the_old_set_whole),
        cmocka_unit_test(
            test_an_export_keeps_the_mode_of_the_file_it_replaces),
        cmocka_unit_test(
            test_an_export_over_a_link_is_refused_and_the_link_kept),
        cmocka_unit_test(test_a_failed_write_to_standard_output_is_an_error),
        cmocka_unit_test(
            test_an_output_linked_to_stdout_is_written_through_the_link),
        cmocka_unit_test(test_a_replaced_output_keeps_its_mode_and_its_link),
        cmocka_unit_test(
            test_a_second_frames_run_leaves_a_running_runs_temp_files),
        cmocka_unit_test(
            test_the_video_temp_file_is_made_exclusively_under_a_random_name),
        cmocka_unit_test(
            test_resume_redraws_frames_of_another_series_and_corrupt_ones),
        cmocka_unit_test(test_an_output_that_is_an_input_is_refused),
        cmocka_unit_test(
            test_a_cell_over_gdals_line_limit_is_an_error_on_its_line),
        cmocka_unit_test(test_a_nul_byte_in_a_style_is_an_error_on_its_line),
        cmocka_unit_test(
            test_a_style_that_is_not_a_small_regular_file_is_refused),
        cmocka_unit_test(test_a_control_table_that_is_a_fifo_is_refused),
        cmocka_unit_test(test_a_manifest_path_on_the_network_is_refused),
        cmocka_unit_test(test_characters_xml_forbids_are_left_out_of_an_svg),
        cmocka_unit_test(test_a_long_title_is_drawn_whole),
        cmocka_unit_test(
            test_long_steps_over_a_long_span_give_the_right_frames),
        cmocka_unit_test(test_an_unknown_name_set_is_a_usage_error),
        cmocka_unit_test(
            test_a_legend_that_fits_nowhere_fails_and_an_unstyled_line_kind_is_warned_about),
        cmocka_unit_test(
            test_validate_lists_every_style_and_geodata_problem_in_one_run),
        cmocka_unit_test(
            test_a_draw_rectangle_that_is_not_finite_or_is_huge_is_refused),
        cmocka_unit_test(test_csv_text_cells_cannot_start_a_formula),
        cmocka_unit_test(
            test_escape_sequences_from_data_never_reach_the_terminal),
        cmocka_unit_test(test_frame_workers_stay_within_the_memory_budget),
        cmocka_unit_test(
            test_a_map_too_big_for_memory_is_an_error_not_an_abort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
