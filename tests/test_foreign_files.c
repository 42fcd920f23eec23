/* Issue 27, findings 1-4, 6-8: files someone else put where tcmap reads
 * or writes (a link or a FIFO in a shared frames folder, a FIFO as an
 * input), inputs that would make GDAL fetch URLs, outputs that are
 * inputs, modes of replaced files, and the messages of a few failures.
 * Each test fails on the code before its fix. The program runs for real;
 * a child that would hang is ended by alarm() (SIGALRM) so that a
 * regression fails the test instead of hanging the suite. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tcmap.h"
#include "testutil.h"
#include "frames/framefiles.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char TABLE[] = "date,area,party\n2000-01-01,west,AZ\n"
                            "2000-01-01,east,AM\n";

static const char *
geodata(void)
{
    static char *path;
    if (!path)
        path = tu_square_geodata("squares");
    return path;
}

static const char *
style(void)
{
    static char *path;
    if (!path)
        path = tu_square_style("squares.ini");
    return path;
}

static const char *
table(void)
{
    static char *path;
    if (!path)
        path = tu_write("squares.csv", TABLE);
    return path;
}

/* The child ends itself after this many seconds, whatever it is doing: a
 * hang is then an exit by SIGALRM (128 + 14), which no test accepts. */
static void
watchdog(gpointer user)
{
    (void)user;
    alarm(120);
}

/* Runs tcmap with the squares' inputs first and then `args`
 * (NULL-terminated); the exit code or 128 + signal; stderr in *err
 * (g_free) when err is not NULL. */
static int
run(char **err, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (char *)TCMAP_EXE);
    g_ptr_array_add(argv, (char *)args[0]);
    g_ptr_array_add(argv, "--geodata");
    g_ptr_array_add(argv, (char *)geodata());
    g_ptr_array_add(argv, "--style");
    g_ptr_array_add(argv, (char *)style());
    int has_control = 0;
    for (const char *const *a = args + 1; *a; a++)
        has_control |= !strcmp(*a, "--control");
    if (!has_control) {
        g_ptr_array_add(argv, "--control");
        g_ptr_array_add(argv, (char *)table());
    }
    for (const char *const *a = args + 1; *a; a++)
        g_ptr_array_add(argv, (char *)*a);
    g_ptr_array_add(argv, NULL);
    int status = 0;
    char *e = NULL;
    assert_true(g_spawn_sync(NULL, (char **)argv->pdata, NULL,
                             G_SPAWN_STDOUT_TO_DEV_NULL, watchdog, NULL,
                             NULL, &e, &status, NULL));
    g_ptr_array_free(argv, TRUE);
    if (err)
        *err = e;
    else
        g_free(e);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void
assert_has(const char *text, const char *want)
{
    if (!text || !strstr(text, want))
        fail_msg("expected \"%s\" in: %s", want, text ? text : "(null)");
}

/* How many lines of stderr are tcmap's messages (a sanitizer build may
 * add its own report). */
static int
messages(const char *err)
{
    int n = 0;
    for (const char *c = err; c && (c = strstr(c, "tcmap: ")) != NULL; c++)
        n += c == err || c[-1] == '\n';
    return n;
}

/* A new folder in the test's directory (g_free). */
static char *
folder(const char *name)
{
    char *d = tu_path(name);
    assert_int_equal(g_mkdir_with_parents(d, 0755), 0);
    return d;
}

/* ---- 1. a link planted in a frames folder ---- */

static int
frames_into(const char *dir, int resume, char **err)
{
    g_autofree char *pattern = g_strdup_printf("%s/%%02d.png", dir);
    const char *args[] = {"frames", "--size", "64x48", "--from",
                          "2000-01-01", "--to", "2000-01-03", "-j", "1",
                          "-q", "-o", pattern,
                          resume ? "--resume" : NULL, NULL};
    return run(err, args);
}

static void
assert_regular(const char *path)
{
    struct stat sb;
    assert_int_equal(lstat(path, &sb), 0);
    if (!S_ISREG(sb.st_mode))
        fail_msg("%s is not a regular file (mode %o)", path, sb.st_mode);
}

/* `ln -s ~/victim.txt D/01.png; tcmap frames -o D/%02d.png` overwrote the
 * victim with a PNG. A frame is a new file: the link is replaced. */
static void
test_a_link_in_the_frames_folder_is_replaced_not_written_through(
    void **state)
{
    (void)state;
    g_autofree char *dir = folder("link-frames");
    g_autofree char *victim = tu_write("victim.txt", "precious\n");
    g_autofree char *f1 = g_build_filename(dir, "01.png", NULL);
    assert_int_equal(symlink(victim, f1), 0);
    assert_int_equal(frames_into(dir, 0, NULL), 0);
    g_autofree char *after = tu_read(victim, NULL);
    assert_string_equal(after, "precious\n");
    assert_regular(f1);
    assert_true(tcmap__frame_is_complete(f1, TCMAP_FORMAT_PNG));
}

/* With --resume the link counted as an incomplete frame and was redrawn
 * through. Now anything but a regular file (or a link to nothing) is
 * refused by name, and nothing is read or written through it. */
static void
test_resume_refuses_a_link_and_leaves_its_target_alone(void **state)
{
    (void)state;
    g_autofree char *dir = folder("link-resume");
    assert_int_equal(frames_into(dir, 0, NULL), 0);
    g_autofree char *victim = tu_write("victim2.txt", "precious\n");
    g_autofree char *f1 = g_build_filename(dir, "01.png", NULL);
    assert_int_equal(g_unlink(f1), 0);
    assert_int_equal(symlink(victim, f1), 0);
    char *e = NULL;
    assert_int_equal(frames_into(dir, 1, &e), 1);
    assert_has(e, f1);
    assert_has(e, "a symbolic link where a frame goes");
    g_free(e);
    g_autofree char *after = tu_read(victim, NULL);
    assert_string_equal(after, "precious\n");
    /* A link to a complete frame is refused too: it is not read. */
    g_autofree char *f0 = g_build_filename(dir, "00.png", NULL);
    g_autofree char *elsewhere = tu_path("elsewhere.png");
    assert_int_equal(rename(f0, elsewhere), 0);
    assert_int_equal(symlink(elsewhere, f0), 0);
    assert_int_equal(g_unlink(f1), 0);
    assert_int_equal(frames_into(dir, 1, &e), 1);
    assert_has(e, f0);
    g_free(e);
}

/* A link to nothing is replaced by the frame (its target is not made). */
static void
test_resume_replaces_a_dangling_link_by_a_frame(void **state)
{
    (void)state;
    g_autofree char *dir = folder("dangling-resume");
    assert_int_equal(frames_into(dir, 0, NULL), 0);
    g_autofree char *f2 = g_build_filename(dir, "02.png", NULL);
    g_autofree char *nowhere = tu_path("nowhere.png");
    assert_int_equal(g_unlink(f2), 0);
    assert_int_equal(symlink(nowhere, f2), 0);
    char *e = NULL;
    int rc = frames_into(dir, 1, &e);
    if (rc != 0)
        fail_msg("exit %d: %s", rc, e);
    g_free(e);
    assert_regular(f2);
    assert_false(g_file_test(nowhere, G_FILE_TEST_EXISTS));
}

/* ---- 2. FIFOs and signals ---- */

/* `frames --resume` hung for ever on a FIFO where a frame should be. */
static void
test_resume_refuses_a_fifo_where_a_frame_goes(void **state)
{
    (void)state;
    g_autofree char *dir = folder("fifo-resume");
    g_autofree char *f1 = g_build_filename(dir, "01.png", NULL);
    assert_int_equal(mkfifo(f1, 0600), 0);
    char *e = NULL;
    assert_int_equal(frames_into(dir, 1, &e), 1);
    assert_has(e, f1);
    assert_has(e, "a FIFO where a frame goes");
    g_free(e);
    /* Without --resume the FIFO is replaced by the frame. */
    assert_int_equal(frames_into(dir, 0, NULL), 0);
    assert_regular(f1);
}

/* `--annotations FIFO` hung the same way; styles and tables were already
 * refused. */
static void
test_annotations_that_are_a_fifo_are_refused(void **state)
{
    (void)state;
    g_autofree char *fifo = tu_path("notes.csv");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    g_autofree char *out = tu_path("notes.svg");
    const char *args[] = {"render", "--annotations", fifo, "-o", out, NULL};
    char *e = NULL;
    assert_int_equal(run(&e, args), 1);
    assert_has(e, "the annotations file is a FIFO");
    g_free(e);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    /* An output that is a FIFO nobody reads: an error, not a hang. */
    g_autofree char *fifo_out = tu_path("out.fifo");
    assert_int_equal(mkfifo(fifo_out, 0600), 0);
    const char *w[] = {"render", "--format", "svg", "-o", fifo_out, NULL};
    assert_int_equal(run(&e, w), 1);
    assert_has(e, "a FIFO that no process reads");
    g_free(e);
}

/* A shapefile's .dbf or .shx that is a FIFO hung the load (Shapelib's
 * fopen waits for a writer). */
static void
test_a_shapefile_sidecar_that_is_a_fifo_is_refused(void **state)
{
    (void)state;
    static const char *const parts[] = {"squares.dbf", "squares.shx"};
    for (size_t i = 0; i < 2; i++) {
        g_autofree char *name = g_strdup_printf("fifo-geo-%zu", i);
        g_autofree char *geo = tu_square_geodata(name);
        g_autofree char *part = g_build_filename(geo, parts[i], NULL);
        assert_int_equal(g_unlink(part), 0);
        assert_int_equal(mkfifo(part, 0600), 0);
        const char *argv[] = {TCMAP_EXE, "validate", "--geodata", geo,
                              "--control", table(), "--style", style(),
                              NULL};
        char *e = NULL;
        int status = 0;
        assert_true(g_spawn_sync(NULL, (char **)argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL, watchdog, NULL,
                                 NULL, &e, &status, NULL));
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
            fail_msg("%s: status %d: %s", parts[i], status, e);
        assert_has(e, "is a FIFO, not a file");
        g_free(e);
    }
}

/* The public check for --resume read a FIFO (blocking) and followed
 * links. */
static void
test_frame_is_complete_never_opens_a_fifo_or_a_link(void **state)
{
    (void)state;
    g_autofree char *dir = folder("complete-check");
    assert_int_equal(frames_into(dir, 0, NULL), 0);
    g_autofree char *f0 = g_build_filename(dir, "00.png", NULL);
    assert_true(tcmap__frame_is_complete(f0, TCMAP_FORMAT_PNG));
    g_autofree char *link = g_build_filename(dir, "link.png", NULL);
    assert_int_equal(symlink(f0, link), 0);
    assert_false(tcmap__frame_is_complete(link, TCMAP_FORMAT_PNG));
    g_autofree char *fifo = g_build_filename(dir, "fifo.png", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(60); /* a hang fails the test */
    assert_false(tcmap__frame_is_complete(fifo, TCMAP_FORMAT_PNG));
    assert_false(tcmap__frame_is_complete(fifo, TCMAP_FORMAT_SVG));
    alarm(0);
}

/* SIGTERM was ignored while a call blocked: the handler set a flag and
 * SA_RESTART resumed the call. A stand-in ffmpeg that never reads its
 * stdin makes the write of the frames block; SIGTERM must end the run
 * (exit 128 + 15) and leave no temporary file. */
static void
test_sigterm_ends_a_run_blocked_on_a_write(void **state)
{
    (void)state;
    g_autofree char *bin = folder("stuck-bin");
    g_autofree char *ready = tu_path("stuck-ready");
    g_autofree char *ffmpeg = g_build_filename(bin, "ffmpeg", NULL);
    g_autofree char *script = g_strdup_printf(
        "#!/bin/sh\necho $$ > '%s.tmp' && mv '%s.tmp' '%s'\nexec sleep "
        "300\n",
        ready, ready, ready);
    assert_true(g_file_set_contents(ffmpeg, script, -1, NULL));
    assert_int_equal(chmod(ffmpeg, 0755), 0);
    g_autofree char *dir = folder("stuck-out");
    g_autofree char *video = g_build_filename(dir, "v.mp4", NULL);
    g_autofree char *path = g_strdup_printf("%s:/usr/bin:/bin", bin);
    g_auto(GStrv) env = g_environ_setenv(g_get_environ(), "PATH", path, TRUE);
    /* 400x300 raw frames are 480 KB each: the pipe fills at once. */
    const char *argv[] = {TCMAP_EXE, "frames", "--geodata", geodata(),
                          "--control", table(), "--style", style(),
                          "--size", "400x300", "--from", "2000-01-01",
                          "--to", "2000-01-20", "-q", "--video", video,
                          NULL};
    GPid pid;
    assert_true(g_spawn_async(NULL, (char **)argv, env,
                              G_SPAWN_DO_NOT_REAP_CHILD |
                                  G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL,
                              watchdog, NULL, &pid, NULL));
    /* Wait for the stand-in to run, then a moment for the pipe to fill. */
    for (int i = 0; i < 1200 && !g_file_test(ready, G_FILE_TEST_EXISTS); i++)
        g_usleep(100000);
    assert_true(g_file_test(ready, G_FILE_TEST_EXISTS));
    g_usleep(1000000);
    kill(pid, SIGTERM);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    g_spawn_close_pid(pid);
    g_autofree char *child = tu_read(ready, NULL);
    kill((pid_t)atoi(child), SIGKILL);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 128 + SIGTERM)
        fail_msg("status %d: not ended by SIGTERM", status);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name = g_dir_read_name(d);
    if (name)
        fail_msg("left behind: %s", name);
    g_dir_close(d);
}

/* ---- 3. no network ---- */

/* A loopback HTTP server, started by the test, that logs every request. */
typedef struct server {
    GPid pid;
    char *log;
    int port;
} server;

static const char SERVER_PY[] =
    "import http.server, sys\n"
    "log = open(sys.argv[1], 'a', buffering=1)\n"
    "class H(http.server.SimpleHTTPRequestHandler):\n"
    "    def log_message(self, fmt, *args):\n"
    "        log.write((fmt % args) + '\\n')\n"
    "s = http.server.HTTPServer(('127.0.0.1', 0), H)\n"
    "open(sys.argv[2] + '.tmp', 'w').write(str(s.server_address[1]))\n"
    "import os; os.rename(sys.argv[2] + '.tmp', sys.argv[2])\n"
    "s.serve_forever()\n";

static void
server_start(server *s)
{
    g_autofree char *root = folder("www");
    g_autofree char *py = tu_write("server.py", SERVER_PY);
    g_autofree char *portf = tu_path("server.port");
    s->log = tu_path("server.log");
    assert_true(g_file_set_contents(s->log, "", 0, NULL));
    /* What the server would hand out. */
    g_autofree char *mark = g_build_filename(root, "mark.csv", NULL);
    assert_true(g_file_set_contents(
        mark, "kind,text,lon,lat\nlabel,FETCHED,44.0,39.8\n", -1, NULL));
    const char *argv[] = {"python3", py, s->log, portf, NULL};
    assert_true(g_spawn_async(root, (char **)argv, NULL,
                              G_SPAWN_SEARCH_PATH |
                                  G_SPAWN_DO_NOT_REAP_CHILD |
                                  G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL,
                              NULL, NULL, &s->pid, NULL));
    for (int i = 0; i < 600 && !g_file_test(portf, G_FILE_TEST_EXISTS); i++)
        g_usleep(100000);
    g_autofree char *port = tu_read(portf, NULL);
    assert_non_null(port);
    s->port = atoi(port);
    assert_true(s->port > 0);
}

static void
server_stop(server *s)
{
    kill(s->pid, SIGTERM);
    waitpid(s->pid, NULL, 0);
    g_spawn_close_pid(s->pid);
}

/* `--annotations /vsicurl/http://...` rendered (the server logged HEAD
 * and GET); a local .vrt table whose source is a URL was fetched; a
 * manifest layer `path = towns.vrt` made 12 GETs; inline GeoJSON was
 * taken for a file. Every one is refused, and the server hears nothing. */
static void
test_no_input_reaches_the_network(void **state)
{
    (void)state;
    server s = {0};
    server_start(&s);
    g_autofree char *url =
        g_strdup_printf("http://127.0.0.1:%d/mark.csv", s.port);
    g_autofree char *vsi = g_strdup_printf("/vsicurl/%s", url);
    g_autofree char *zipped = g_strdup_printf("/vsizip//vsicurl/%s.zip/a.csv",
                                              url);
    /* A VRT pointing at the server, under its own name and disguised. */
    g_autofree char *vrt_text = g_strdup_printf(
        "<OGRVRTDataSource><OGRVRTLayer name=\"mark\"><SrcDataSource>%s"
        "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n",
        vsi);
    g_autofree char *vrt = tu_write("remote.vrt", vrt_text);
    g_autofree char *vrt_json = tu_write("remote-vrt.geojson", vrt_text);
    g_autofree char *vrt_csv = tu_write("remote-vrt.csv", vrt_text);
    g_autofree char *out = tu_path("net.svg");
    const char *inline_json =
        "{\"type\":\"FeatureCollection\",\"features\":[]}";
    struct {
        const char *option, *value, *want;
    } cases[] = {
        {"--annotations", vsi, "is on the network"},
        {"--annotations", url, "is on the network"},
        {"--annotations", zipped, "is on the network"},
        {"--annotations", "/vsimem/x.csv", "virtual file system"},
        {"--annotations", vrt, "is a GDAL VRT file"},
        {"--annotations", vrt_json, "cannot open"},
        {"--annotations", inline_json, "is inline data"},
        {"--annotations", "CSV:x.csv", "data-source string"},
        {"--control", vsi, "is on the network"},
        {"--control", vrt, "is a GDAL VRT file"},
        {"--control", vrt_csv, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *args[] = {"render", cases[i].option, cases[i].value,
                              "-o", out, NULL};
        char *e = NULL;
        int rc = run(&e, args);
        if (rc != 1)
            fail_msg("%s %s: exit %d: %s", cases[i].option, cases[i].value,
                     rc, e);
        if (cases[i].want)
            assert_has(e, cases[i].want);
        g_free(e);
    }
    /* A manifest layer that is a VRT, by name and disguised. */
    static const char *const layers[] = {"towns.vrt", "towns.geojson"};
    for (size_t i = 0; i < 2; i++) {
        g_autofree char *name = g_strdup_printf("net-geo-%zu", i);
        g_autofree char *geo = tu_square_geodata(name);
        g_autofree char *layer = g_build_filename(geo, layers[i], NULL);
        assert_true(g_file_set_contents(layer, vrt_text, -1, NULL));
        g_autofree char *manifest =
            g_build_filename(geo, "manifest.ini", NULL);
        g_autofree char *text = tu_read(manifest, NULL);
        g_autofree char *more = g_strdup_printf(
            "%s\n[towns]\npath = %s\nid = id\nkind = kind\n", text,
            layers[i]);
        assert_true(g_file_set_contents(manifest, more, -1, NULL));
        const char *full[] = {TCMAP_EXE, "render", "--geodata", geo,
                              "--control", table(), "--style", style(),
                              "-o", out, NULL};
        char *e = NULL;
        int status = 0;
        assert_true(g_spawn_sync(NULL, (char **)full, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL, watchdog, NULL,
                                 NULL, &e, &status, NULL));
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 1)
            fail_msg("%s: status %d: %s", layers[i], status, e);
        g_free(e);
    }
    server_stop(&s);
    g_autofree char *log = tu_read(s.log, NULL);
    if (log && *log)
        fail_msg("the server was asked: %s", log);
    g_free(s.log);
}

/* ---- 4. outputs that are inputs ---- */

/* `chart --format csv --control t.csv -o t.csv` replaced the table (the
 * CSV writer skipped the check); `render --annotations ann.csv -o ann.csv
 * --format svg` replaced the annotations; a style's base was no input. */
static void
test_no_writer_replaces_an_input(void **state)
{
    (void)state;
    g_autofree char *t = tu_write("io-table.csv", TABLE);
    g_autofree char *ann = tu_write(
        "io-notes.csv", "kind,text,lon,lat\nlabel,Here,44.0,39.8\n");
    g_autofree char *base_text = tu_read(style(), NULL);
    g_autofree char *base = tu_write("io-base.ini", base_text);
    g_autofree char *derived =
        tu_write("io-derived.ini", "[map]\nbase = io-base.ini\n");
    g_autofree char *hard = tu_path("io-hard.csv");
    assert_int_equal(link(t, hard), 0);
    g_autofree char *ann_link = tu_path("io-notes-link.svg");
    assert_int_equal(symlink(ann, ann_link), 0);
    struct {
        const char *const args[12];
        const char *input;
    } cases[] = {
        {{"chart", "--format", "csv", "--control", t, "-o", t, NULL}, t},
        {{"chart", "--control", t, "--from", "2000-01-01", "--to",
          "2000-02-01", "--format", "csv", "-o", hard, NULL},
         t},
        {{"render", "--annotations", ann, "-o", ann, "--format", "svg",
          NULL},
         ann},
        {{"render", "--annotations", ann, "-o", ann_link, NULL}, ann},
        {{"frames", "--annotations", ann, "--from", "2000-01-01", "--to",
          "2000-01-01", "--html", ann, NULL},
         ann},
        {{"render", "--style", derived, "-o", base, "--format", "png", NULL},
         base},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *e = NULL;
        int rc = run(&e, cases[i].args);
        if (rc != 1 && rc != 2)
            fail_msg("case %zu: exit %d: %s", i, rc, e);
        assert_has(e, "an input of this map");
        g_free(e);
    }
    g_autofree char *t_after = tu_read(t, NULL);
    assert_string_equal(t_after, TABLE);
    g_autofree char *ann_after = tu_read(ann, NULL);
    assert_string_equal(ann_after,
                        "kind,text,lon,lat\nlabel,Here,44.0,39.8\n");
    g_autofree char *base_after = tu_read(base, NULL);
    assert_string_equal(base_after, base_text);
}

/* ---- 7. modes ---- */

static mode_t
mode_of(const char *path)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    return sb.st_mode & 07777;
}

/* A 4755 output stayed 4755 when replaced; a 0444 one was replaced
 * without a word. */
static void
test_a_replaced_output_drops_setuid_and_a_read_only_one_is_kept(
    void **state)
{
    (void)state;
    g_autofree char *png = tu_write("mode-suid.png", "old");
    assert_int_equal(chmod(png, 04755), 0);
    const char *r1[] = {"render", "--size", "64x48", "-o", png, NULL};
    assert_int_equal(run(NULL, r1), 0);
    assert_int_equal(mode_of(png), 0755);

    g_autofree char *csv = tu_write("mode-suid.csv", "old");
    assert_int_equal(chmod(csv, 06750), 0);
    const char *c1[] = {"chart", "--format", "csv", "--from", "2000-01-01",
                        "--to", "2000-02-01", "-o", csv, NULL};
    assert_int_equal(run(NULL, c1), 0);
    assert_int_equal(mode_of(csv), 0750);

    struct {
        const char *const args[12];
        const char *path;
    } ro[] = {
        {{"render", "--size", "64x48", "-o", NULL}, "mode-ro.png"},
        {{"chart", "--format", "csv", "--from", "2000-01-01", "--to",
          "2000-02-01", "-o", NULL},
         "mode-ro.csv"},
        {{"chart", "--from", "2000-01-01", "--to", "2000-02-01", "-o", NULL},
         "mode-ro-chart.svg"},
        {{"export", "-o", NULL}, "mode-ro.geojson"},
        {{"frames", "--size", "64x48", "--from", "2000-01-01", "--to",
          "2000-01-01", "--html", NULL},
         "mode-ro.html"},
    };
    for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++) {
        g_autofree char *path = tu_write(ro[i].path, "keep me");
        assert_int_equal(chmod(path, 0444), 0);
        const char *args[16];
        size_t n = 0;
        for (; ro[i].args[n]; n++)
            args[n] = ro[i].args[n];
        args[n++] = path;
        args[n] = NULL;
        char *e = NULL;
        assert_int_equal(run(&e, args), 1);
        assert_has(e, "read-only");
        assert_has(e, "--force");
        g_free(e);
        g_autofree char *kept = tu_read(path, NULL);
        assert_string_equal(kept, "keep me");
        args[n++] = "--force";
        args[n] = NULL;
        if (run(&e, args) != 0)
            fail_msg("%s --force: %s", ro[i].args[0], e);
        g_free(e);
        g_autofree char *now = tu_read(path, NULL);
        assert_string_not_equal(now, "keep me");
        assert_int_equal(mode_of(path), 0444);
    }
}

/* A shapefile's new sidecars got 0644 when the .shp was 0600. */
static void
test_shapefile_sidecars_follow_the_shp_mode(void **state)
{
    (void)state;
    g_autofree char *dir = folder("mode-shp");
    g_autofree char *shp = g_build_filename(dir, "state.shp", NULL);
    const char *args[] = {"export", "-o", shp, NULL};
    assert_int_equal(run(NULL, args), 0);
    static const char *const parts[] = {".shp", ".shx", ".dbf", ".prj",
                                        ".cpg"};
    for (size_t i = 0; i < 5; i++) {
        g_autofree char *p = g_strdup_printf("%s/state%s", dir, parts[i]);
        assert_int_equal(chmod(p, 0600), 0);
    }
    g_autofree char *cpg = g_build_filename(dir, "state.cpg", NULL);
    g_autofree char *prj = g_build_filename(dir, "state.prj", NULL);
    assert_int_equal(g_unlink(cpg), 0);
    assert_int_equal(g_unlink(prj), 0);
    mode_t mask = umask(022);
    assert_int_equal(run(NULL, args), 0);
    umask(mask);
    assert_int_equal(mode_of(cpg), 0600);
    assert_int_equal(mode_of(prj), 0600);
}

/* ---- 6. messages ---- */

/* `-o -` to /dev/full printed a second, wrong line "standard output:
 * cannot write: No such file or directory". */
static void
test_a_failed_write_to_stdout_is_one_message(void **state)
{
    (void)state;
    static const char *const cmds[] = {"render --format png -o -",
                                       "chart --from 2000-01-01 --to "
                                       "2000-02-01 --format svg -o -",
                                       "export --format geojson -o -"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        g_autofree char *cmd = g_strdup_printf(
            "'%s' %s --geodata '%s' --control '%s' --style '%s' "
            "> /dev/full",
            TCMAP_EXE, cmds[i], geodata(), table(), style());
        const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
        char *e = NULL;
        int status = 0;
        assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT,
                                 watchdog, NULL, NULL, &e, &status, NULL));
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 1);
        if (messages(e) != 1 || !strstr(e, "No space left on device"))
            fail_msg("%s > /dev/full: %s", cmds[i], e);
        g_free(e);
    }
}

/* `export --format csv -o x.dat` was refused though render honours
 * --format. */
static void
test_export_honours_format_whatever_the_name(void **state)
{
    (void)state;
    g_autofree char *out = tu_path("state.dat");
    const char *args[] = {"export", "--format", "csv", "-o", out, NULL};
    char *e = NULL;
    if (run(&e, args) != 0)
        fail_msg("%s", e);
    g_free(e);
    g_autofree char *text = tu_read(out, NULL);
    assert_non_null(text);
    assert_true(g_str_has_prefix(text, "WKT,") ||
                g_str_has_prefix(text, "\"WKT\","));
    g_autofree char *dir = tu_path("state.dat.d");
    assert_false(g_file_test(dir, G_FILE_TEST_EXISTS));
}

/* The slider page's <title> ignored --title. */
static void
test_the_slider_page_title_follows_title(void **state)
{
    (void)state;
    g_autofree char *html = tu_path("titled.html");
    const char *args[] = {"frames", "--size", "64x48", "--from",
                          "2000-01-01", "--to", "2000-01-02", "--title",
                          "Front line {date}", "--html", html, NULL};
    char *e = NULL;
    if (run(&e, args) != 0)
        fail_msg("%s", e);
    g_free(e);
    g_autofree char *text = tu_read(html, NULL);
    assert_has(text, "<title>Front line 2000-01-02</title>");
}

/* A 54 KB --title said "draw: rectangle too small for the map"; broken
 * WKT, inf and NaN said "a label or callout needs exactly one point"; an
 * unknown area in a highlight named neither file nor feature. */
static void
test_messages_name_the_file_the_row_and_what_is_wrong(void **state)
{
    (void)state;
    GString *title = g_string_new(NULL);
    while (title->len < 54000)
        g_string_append(title, "Front line words ");
    g_autofree char *out = tu_path("msg.svg");
    const char *t[] = {"render", "--title", title->str, "-o", out, NULL};
    char *e = NULL;
    assert_int_not_equal(run(&e, t), 0);
    assert_has(e, "the title, subtitle and credit take the whole page");
    g_free(e);
    g_string_free(title, TRUE);
    struct {
        const char *name, *text, *want;
    } cases[] = {
        {"msg-wkt.csv", "kind,text,wkt\nlabel,Hi,\"POINT (46.75\"\n",
         ":2: wkt 'POINT (46.75' is not a point"},
        {"msg-wkt-inf.csv", "kind,text,wkt\nlabel,Hi,\"POINT (inf 39)\"\n",
         ":2: wkt 'POINT (inf 39)' is not a point"},
        {"msg-inf.csv", "kind,text,lon,lat\nlabel,Hi,44,40\nlabel,Hi,inf,"
                        "39.8\n",
         "msg-inf.csv:3: "},
        {"msg-nan.csv", "kind,text,lon,lat\nlabel,Hi,NaN,39.8\n",
         "msg-nan.csv:2: "},
        {"msg-area.csv", "kind,areas\nhighlight,west\nhighlight,\"west,"
                         "nowhere\"\n",
         ":3: highlight names no area or district 'nowhere'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g_autofree char *ann = tu_write(cases[i].name, cases[i].text);
        const char *args[] = {"render", "--annotations", ann, "-o", out,
                              NULL};
        assert_int_equal(run(&e, args), 1);
        assert_has(e, ann);
        assert_has(e, cases[i].want);
        if (messages(e) != 1)
            fail_msg("more than one message: %s", e);
        g_free(e);
    }
}

/* ---- 8. a usage error frees what it parsed ---- */

/* `render --zoom-to ,` leaked the zoom list, so the ASan build exited 1
 * (LeakSanitizer), not 2. */
static void
test_a_zoom_usage_error_exits_2(void **state)
{
    (void)state;
    g_autofree char *out = tu_path("zoom.png");
    const char *r[] = {"render", "--zoom-to", ",", "-o", out, NULL};
    assert_int_equal(run(NULL, r), 2);
    const char *f[] = {"frames", "--zoom-to", ",", "--from", "2000-01-01",
                       "--to", "2000-01-02", "--html", out, NULL};
    assert_int_equal(run(NULL, f), 2);
}

int
main(void)
{
    /* SIGPIPE and SIGALRM as a test runner may have left them. */
    signal(SIGPIPE, SIG_DFL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_a_link_in_the_frames_folder_is_replaced_not_written_through),
        cmocka_unit_test(
            test_resume_refuses_a_link_and_leaves_its_target_alone),
        cmocka_unit_test(test_resume_replaces_a_dangling_link_by_a_frame),
        cmocka_unit_test(test_resume_refuses_a_fifo_where_a_frame_goes),
        cmocka_unit_test(test_annotations_that_are_a_fifo_are_refused),
        cmocka_unit_test(
            test_frame_is_complete_never_opens_a_fifo_or_a_link),
        cmocka_unit_test(test_a_shapefile_sidecar_that_is_a_fifo_is_refused),
        cmocka_unit_test(test_sigterm_ends_a_run_blocked_on_a_write),
        cmocka_unit_test(test_no_input_reaches_the_network),
        cmocka_unit_test(test_no_writer_replaces_an_input),
        cmocka_unit_test(
            test_a_replaced_output_drops_setuid_and_a_read_only_one_is_kept),
        cmocka_unit_test(test_shapefile_sidecars_follow_the_shp_mode),
        cmocka_unit_test(test_a_failed_write_to_stdout_is_one_message),
        cmocka_unit_test(test_export_honours_format_whatever_the_name),
        cmocka_unit_test(test_the_slider_page_title_follows_title),
        cmocka_unit_test(
            test_messages_name_the_file_the_row_and_what_is_wrong),
        cmocka_unit_test(test_a_zoom_usage_error_exits_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
