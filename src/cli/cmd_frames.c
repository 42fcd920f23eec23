/* cmd_frames.c - `tcmap frames`: one map per date of a series, on N
 * workers, resumable, optionally assembled into a video (video.c drives
 * ffmpeg) or one HTML page with a date slider. */
#include "common.h"
#include "frames_args.h"
#include "progress.h"
#include "video.h"

#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct options {
    cli_inputs in;
    const char *from, *to, *output, *names, *video, *html, *changes_since;
    const char *lang;
    tcmap_format format;
    tcmap_step_unit unit;
    int step, width, height, jobs, shard_k, shard_n, resume, quiet, fps;
    int memory_mb; /* 0 = the library's default */
    int tween, force;
    /* Seconds a video shows each date frame, a frame that starts a state
     * run, and the last frame; < 0 = as `hold`. */
    double hold, hold_changes, hold_end;
    int hold_given, fps_given; /* only a video is paced */
    tcmap_png_level png;
    cli_map_opts map;
} options;

static void
usage(FILE *fp)
{
    fprintf(
        fp,
        "usage: tcmap frames --from YYYY-MM-DD --to YYYY-MM-DD\n"
        "                    [--step N(d|w|m|y)|events] [-o PATTERN]\n"
        "                    [--format png|svg|pdf] [--tween N]\n"
        "                    [-j N] [--memory MB] [--shard K/N] [--resume]\n"
        "                    [--quiet]\n"
        "                    [--png default|small] [--video FILE]\n"
        "                    [--fps N] [--hold DURATION]\n"
        "                    [--hold-changes DURATION] [--hold-end DURATION]\n"
        "                    [--html FILE] [--lang TAG] [--size WxH]\n"
        "                    [--names SET] [--changes-since YYYY-MM-DD]\n"
        "                    [--title T] [--subtitle T] [--credit T]\n"
        "                    [--sources full|short|none|auto]\n"
        "                    [--extent E] [--zoom-to AREA,...] [--legend WHERE]\n"
        "                    [--inset off|auto] [--annotations FILE]\n"
        "                    [--style FILE] [--control FILE] [--geodata DIR]\n"
        "                    [--sheet NAME]\n"
        "                    [--allow-empty] [--force]\n"
        "\n"
        "Draws one map per date from --from to --to (every --step: days,\n"
        "weeks, months or years, e.g. 3d or 1y, default 1d, and always\n"
        "--to itself; or\n"
        "events: --from, each date on which the map changed, and --to)\n"
        "into files named by PATTERN, whose one %%d (e.g. frames/%%05d.png)\n"
        "is the frame's index in the whole series. Every frame has the same\n"
        "layout and a legend listing every party of the series. -j N draws\n"
        "on N threads (default: the number of processors); the files are\n"
        "the same for any N. --memory MB caps what the workers' frames\n"
        "take (default: half the machine's memory); fewer workers run when\n"
        "N would not fit. --shard K/N draws only frames K, K+N, K+2N, ...\n"
        "(K from 0), so N machines can share a series. --resume keeps\n"
        "frames already present and complete. --png small makes files 15%%\n"
        "smaller and about four times slower to write (default: the\n"
        "fastest). --tween N (0..100, PNG only) inserts N frames before\n"
        "each date on which the map changed, which fade the old map into\n"
        "the new one under the new date. --changes-since D outlines, on\n"
        "every frame, the ground that changed hands since D (one region\n"
        "and legend row per kind of change), and the --html page's alt\n"
        "texts say what changed since D.\n"
        "--video FILE (.mp4, .webm, .gif) streams the frames to ffmpeg,\n"
        "without frame files unless -o is given, at --fps (default 25);\n"
        "each date shows for --hold (default 0.25s), the first date and\n"
        "each change for --hold-changes, the last for --hold-end (a\n"
        "DURATION is seconds, e.g. 2, 1.5s or 800ms); a tween frame shows\n"
        "for one video frame.\n"
        "--html FILE writes one page with a date slider, built from the\n"
        "last date's map and, per state and per date, only what differs\n"
        "(no frame files needed); --lang TAG is the language of the maps'\n"
        "words (title, date, legend) and of the page: its dates and its\n"
        "<html lang> (default en-GB); its <title>, heading and credit are\n"
        "the map's (--title, --credit), as text.\n"
        "Ctrl-C stops after the frames being drawn; no partial file is\n"
        "ever left.\n"
        "Each frame is written as a new file: a link or a FIFO at a frame's\n"
        "name is replaced, never written through; --resume refuses one\n"
        "(anything there but a regular file is someone else's).\n"
        CLI_FORCE_USAGE
        CLI_MAP_USAGE);
}

/* Counts every usage error before giving up, so that one run shows them
 * all. Returns -1 for --help, else the number of errors. */
/* Long options without a short letter. */
enum { O_STEP = 256, O_SHARD, O_RESUME, O_QUIET, O_PNG, O_VIDEO, O_FPS,
       O_HTML, O_CHANGES, O_TWEEN, O_HOLD, O_HOLD_CHANGES, O_HOLD_END,
       O_LANG, O_MEMORY, O_ALLOW_EMPTY };

/* The options that pace a video: --video, --fps and the holds. */
static void
parse_pacing(int c, const char *arg, options *o, cli_parse *p)
{
    switch (c) {
    case O_VIDEO:
        o->video = arg;
        if (!video_kind(arg)) {
            cli_error("frames: --video '%s' must end in .mp4, .webm or "
                      ".gif",
                      arg);
            p->errors++;
        }
        break;
    case O_FPS:
        o->fps_given = 1;
        if (!parse_int(arg, 1, 120, &o->fps)) {
            cli_error("frames: --fps '%s' is not 1..120", arg);
            p->errors++;
        }
        break;
    case O_HOLD:
    case O_HOLD_CHANGES:
    case O_HOLD_END: {
        o->hold_given = 1;
        double *to = c == O_HOLD           ? &o->hold
                     : c == O_HOLD_CHANGES ? &o->hold_changes
                                           : &o->hold_end;
        if (!parse_duration(arg, to)) {
            cli_error("frames: --%s '%s' is not a duration 0..3600 "
                      "seconds (e.g. 2, 1.5s, 800ms)",
                      c == O_HOLD           ? "hold"
                      : c == O_HOLD_CHANGES ? "hold-changes"
                                            : "hold-end",
                      arg);
            p->errors++;
        }
        break;
    }
    }
}

/* What no single option can say wrong: required ones missing, and options
 * that do not go together. */
static void
check_combinations(options *o, cli_parse *p)
{
    tcmap_format fmt = o->format;
    if (!o->output && !o->video && !o->html) {
        cli_error("frames: -o PATTERN is required without --video or "
                  "--html (e.g. frames/%%05d.png)");
        p->errors++;
    } else if (o->output) {
        char path[4096];
        tcmap_error err;
        if (tcmap_series_frame_path(o->output, 0, path, sizeof path, &err) !=
            TCMAP_OK) {
            cli_error("frames: -o %s", err.message);
            p->errors++;
        } else if (!fmt &&
                   (fmt = tcmap_format_from_path(path)) ==
                       TCMAP_FORMAT_AUTO) {
            cli_error("frames: cannot tell the format of '%s'; name it "
                      ".png, .svg or .pdf, or give --format",
                      o->output);
            p->errors++;
        }
    }
    if ((o->video || o->html) && o->shard_n > 1) {
        cli_error("frames: --video and --html need the whole series; run "
                  "them after the shards, with --resume and no --shard");
        p->errors++;
    }
    if (!o->video && (o->hold_given || o->fps_given)) {
        cli_error("frames: --fps, --hold, --hold-changes and --hold-end "
                  "pace a video; give --video FILE");
        p->errors++;
    }
    if (o->video && fmt && fmt != TCMAP_FORMAT_PNG) {
        cli_error("frames: --video needs PNG frames");
        p->errors++;
    }
    if (o->tween > 0 && fmt && fmt != TCMAP_FORMAT_PNG) {
        cli_error("frames: --tween needs PNG frames (a cross-fade blends "
                  "pixels); leave it out for SVG or PDF");
        p->errors++;
    }
}

static int
parse(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        CLI_OPTS_FRAMES(CLI_LONGOPT){NULL, 0, NULL, 0}};
    cli_parse p = {.cmd = "frames"};
    int c;
    opterr = 0;
    optind = 1;
    o->step = 1;
    /* 25 fps is a rate every platform takes; the pace of the dates comes
     * from the holds, which repeat frames. */
    o->fps = 25;
    o->hold = 0.25;
    o->hold_changes = o->hold_end = -1;
    while ((c = getopt_long(argc, argv, ":f:j:s:n:o:qh", longopts, NULL)) !=
           -1) {
        if (cli_parse_common(&p, c, argv, &o->in) ||
            cli_parse_map_opt(&p, c, optarg, &o->map))
            continue;
        switch (c) {
        case 'F': o->from = cli_parse_date(&p, "--from", optarg); break;
        case 'T': o->to = cli_parse_date(&p, "--to", optarg); break;
        case O_ALLOW_EMPTY: o->in.allow_empty = 1; break;
        case CLI_O_FORCE: o->force = 1; break;
        case O_STEP:
            cli_parse_step(&p, optarg, &o->unit, &o->step);
            break;
        case 'f':
            if (!cli_parse_format(optarg, &o->format)) {
                cli_error("frames: --format '%s' is not png, svg or pdf",
                          optarg);
                p.errors++;
            }
            break;
        case O_MEMORY:
            if (!parse_int(optarg, 1, 1 << 24, &o->memory_mb)) {
                cli_error("frames: --memory '%s' is not a number of MB "
                          "1..16777216",
                          optarg);
                p.errors++;
            }
            break;
        case 'j':
            if (!parse_int(optarg, 1, 256, &o->jobs)) {
                cli_error("frames: -j '%s' is not a number of workers "
                          "1..256",
                          optarg);
                p.errors++;
            }
            break;
        case O_SHARD:
            if (!parse_shard(optarg, &o->shard_k, &o->shard_n)) {
                cli_error("frames: --shard '%s' is not K/N with 0 <= K < N",
                          optarg);
                p.errors++;
            }
            break;
        case O_RESUME: o->resume = 1; break;
        case 'q':
        case O_QUIET: o->quiet = 1; break;
        case O_PNG:
            if (!parse_png(optarg, &o->png)) {
                cli_error("frames: --png '%s' is not default or small",
                          optarg);
                p.errors++;
            }
            break;
        case O_VIDEO:
        case O_FPS:
        case O_HOLD:
        case O_HOLD_CHANGES:
        case O_HOLD_END: parse_pacing(c, optarg, o, &p); break;
        case O_HTML: o->html = optarg; break;
        case O_LANG: o->lang = optarg; break;
        case O_CHANGES:
            o->changes_since = cli_parse_date(&p, "--changes-since", optarg);
            break;
        case O_TWEEN:
            if (!parse_int(optarg, 0, TCMAP_TWEEN_MAX, &o->tween)) {
                cli_error("frames: --tween '%s' is not a number of frames "
                          "0..%d",
                          optarg, TCMAP_TWEEN_MAX);
                p.errors++;
            }
            break;
        case 's':
            if (!cli_parse_size(optarg, &o->width, &o->height)) {
                cli_error("frames: --size '%s' is not WxH with each side in "
                          "16..20000",
                          optarg);
                p.errors++;
            }
            break;
        case 'n': o->names = optarg; break;
        case 'o': o->output = optarg; break;
        }
    }
    if (p.help)
        return -1; /* --help asks for the usage alone */
    if (!o->from || !o->to) {
        cli_error("frames: --from and --to are required");
        p.errors++;
    }
    check_combinations(o, &p);
    return cli_parse_end(&p, argc, argv);
}

static int
write_frames(const options *o, const tcmap_series *s,
             const tcmap_series_options *so, cli_progress *p)
{
    char first[4096];
    tcmap_series_result res = {.size = sizeof res};
    tcmap_error err;
    tcmap_series_frame_path(o->output, 0, first, sizeof first, NULL);
    char *dir = g_path_get_dirname(first);
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        cli_error("%s: cannot create the directory: %s", dir,
                  strerror(errno));
        g_free(dir);
        return EXIT_DATA;
    }
    g_free(dir);
    if (tcmap_series_render(s, o->output, so, &res, &err) != TCMAP_OK) {
        cli_error("%s", err.message);
        return err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
    }
    if (cli_signal_got() || res.stopped) {
        if (!o->quiet)
            fprintf(stderr, "%stcmap: frames: stopped by signal %d; %zu of "
                            "%zu frames are done (rerun with --resume)\n",
                    p->tty ? "\n" : "", (int)cli_signal_got(),
                    res.skipped + res.drawn + res.reused, res.total);
        return 128 + (cli_signal_got() ? cli_signal_got() : SIGINT);
    }
    if (!o->quiet && o->jobs > res.jobs && res.jobs > 0)
        fprintf(stderr,
                "tcmap: frames: drew on %d worker%s, not %d: more would "
                "not fit the memory budget (--memory)\n",
                res.jobs, res.jobs == 1 ? "" : "s", o->jobs);
    if (!o->quiet)
        fprintf(stderr,
                "tcmap: frames: %zu frames: %zu drawn, %zu reused the map "
                "of the day before, %zu kept (%.2f s)\n",
                res.total, res.drawn, res.reused, res.skipped,
                cli_seconds_since(&p->start));
    return EXIT_OK;
}

/* Whether LL.ini (for the tag's language: "ru" of "ru-RU") is where the
 * library looks for it (tcmap_render_options.lang). */
static int
lang_has_file(const char *tag)
{
    char *ll = g_strndup(tag, strcspn(tag, "-_"));
    char *base = g_strconcat(ll, ".ini", NULL);
    char *user = g_build_filename(g_get_user_data_dir(), "tcmap", "lang",
                                  base, NULL);
    char *data = g_build_filename(tcmap_data_dir(), "lang", base, NULL);
    int found = g_file_test(user, G_FILE_TEST_IS_REGULAR) ||
                g_file_test(data, G_FILE_TEST_IS_REGULAR);
    g_free(ll), g_free(base), g_free(user), g_free(data);
    return found;
}

int
cmd_frames(int argc, char **argv)
{
    options o = {0};
    int rc = cli_after_parse(parse(argc, argv, &o), usage);
    if (rc >= 0) {
        cli_map_opts_free(&o.map); /* --zoom-to's list, even on an error */
        return rc;
    }
    /* Before any work: a video needs ffmpeg, and saying so after an hour
     * of drawing would be unkind. */
    char *ffmpeg = o.video ? g_find_program_in_path("ffmpeg") : NULL;
    if (o.video && !ffmpeg) {
        cli_error("frames: --video needs ffmpeg, which is not on PATH; "
                  "install it (Debian: apt-get install ffmpeg) or leave out "
                  "--video and assemble the frames yourself");
        return EXIT_DATA;
    }
    g_free(ffmpeg);

    cli_map m;
    tcmap_series *s = NULL;
    tcmap_error err;
    /* The style's view must show some control area (issue #15); a view
     * given here (--extent, --zoom-to) is the user's own, and the
     * library only warns when it shows none. */
    o.in.draws = !o.map.zoom_to && o.map.extent[0] == o.map.extent[2];
    rc = cli_open(&o.in, &m);
    if (rc != EXIT_OK)
        goto out;
    if ((rc = cli_map_opts_load(&o.map)) != EXIT_OK)
        goto out;
    if (tcmap_series_create(m.map, o.from, o.to,
                            (tcmap_step){o.unit, o.step}, &s,
                            &err) != TCMAP_OK) {
        cli_error("frames: %s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    if (tcmap_series_set_tween(s, o.tween, &err) != TCMAP_OK) {
        cli_error("frames: --tween: %s", err.message);
        rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        goto out;
    }
    /* Without SA_RESTART: a call blocked when a signal comes (a write to
     * ffmpeg, a wait) returns EINTR and the run ends, rather than
     * resuming and ignoring the signal. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cli_signal_catch;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    cli_progress p = {
        .quiet = o.quiet, .tty = isatty(2), .last_done = SIZE_MAX};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    tcmap_render_options ro = {
        .size = sizeof ro, .format = o.format, .width = o.width,
        .height = o.height, .names = o.names,
        .changes_since = o.changes_since, .report = cli_warn,
        .force = o.force};
    tcmap_series_options so = {
        .size = sizeof so,
        .render = &ro,
        .png = o.png,
        .jobs = o.jobs,
        .memory = (size_t)o.memory_mb << 20,
        .shard_index = o.shard_k,
        .shard_count = o.shard_n,
        .resume = o.resume,
        .progress = cli_on_progress,
        .progress_user = &p,
    };
    cli_map_opts_apply(&o.map, &ro);
    /* The page's language is the maps' (its region, "ru-RU", aside)
     * when tcmap has words for it; else the maps keep --names' or
     * English, and only the page takes the tag. */
    if (o.lang && lang_has_file(o.lang))
        ro.lang = o.lang;
    if (o.output && (rc = write_frames(&o, s, &so, &p)) != EXIT_OK)
        goto out;
    if (o.video) {
        /* The video's own progress, from the start. */
        p.last_tenth = 0;
        p.last_done = SIZE_MAX;
        clock_gettime(CLOCK_MONOTONIC, &p.start);
        cli_video_options vo = {.path = o.video,
                                .frames = o.output,
                                .fps = o.fps,
                                .hold = o.hold,
                                .hold_changes = o.hold_changes,
                                .hold_end = o.hold_end,
                                .quiet = o.quiet,
                                .force = o.force};
        if ((rc = cli_video_make(&vo, s, &so, &p)) != EXIT_OK)
            goto out;
    }
    if (o.html) {
        /* The page draws PNG parts whatever the frames' format. */
        tcmap_page_options po = {.size = sizeof po, .render = &ro,
                                 .lang = o.lang};
        if (tcmap_series_write_html(s, o.html, &po, &err) != TCMAP_OK) {
            cli_error("%s", err.message);
            rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
            goto out;
        }
    }
out:
    tcmap_series_destroy(s);
    cli_close(&m);
    cli_map_opts_free(&o.map);
    return rc;
}
