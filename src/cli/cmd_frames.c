/* cmd_frames.c - `tcmap frames`: one map per date of a series, on N
 * workers, resumable, optionally assembled into a video (ffmpeg) or one
 * HTML page with a date slider. */
#include "common.h"
#include "frames_args.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"step", required_argument, NULL, O_STEP},
        {"format", required_argument, NULL, 'f'},
        {"jobs", required_argument, NULL, 'j'},
        {"memory", required_argument, NULL, O_MEMORY},
        {"shard", required_argument, NULL, O_SHARD},
        {"resume", no_argument, NULL, O_RESUME},
        {"quiet", no_argument, NULL, O_QUIET},
        {"png", required_argument, NULL, O_PNG},
        {"video", required_argument, NULL, O_VIDEO},
        {"fps", required_argument, NULL, O_FPS},
        {"html", required_argument, NULL, O_HTML},
        {"changes-since", required_argument, NULL, O_CHANGES},
        {"tween", required_argument, NULL, O_TWEEN},
        {"hold", required_argument, NULL, O_HOLD},
        {"hold-changes", required_argument, NULL, O_HOLD_CHANGES},
        {"hold-end", required_argument, NULL, O_HOLD_END},
        {"lang", required_argument, NULL, O_LANG},
        {"allow-empty", no_argument, NULL, O_ALLOW_EMPTY},
        {"force", no_argument, NULL, CLI_O_FORCE},
        {"size", required_argument, NULL, 's'},
        {"names", required_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},
        CLI_MAP_OPTIONS,
        CLI_INPUT_OPTIONS,
        {NULL, 0, NULL, 0}};
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

/* ---- signals and progress ---- */

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
    got_signal = sig;
}

typedef struct progress {
    int quiet, tty;
    int last_tenth;
    size_t last_done; /* the bar is redrawn only when this changes */
    struct timespec start;
} progress;

static double
seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A bar redrawn in place on a terminal; elsewhere (a log, CI) one line
 * per tenth of the series. Returns non-zero to stop on a signal. */
static int
on_progress(void *user, size_t done, size_t total)
{
    progress *p = user;
    if (!p->quiet && total > 0) {
        double secs = seconds_since(&p->start);
        if (p->tty && done != p->last_done) {
            p->last_done = done;
            int width = 30, fill = (int)(width * done / total);
            fprintf(stderr, "\r[%.*s%*s] %zu/%zu frames %.1f s", fill,
                    "##############################", width - fill, "", done,
                    total, secs);
            if (done == total)
                fputc('\n', stderr);
        } else if (!p->tty) {
            int tenth = (int)(10 * done / total);
            if (tenth > p->last_tenth) {
                p->last_tenth = tenth;
                fprintf(stderr, "tcmap: frames: %zu/%zu done (%.1f s)\n",
                        done, total, secs);
            }
        }
    }
    return got_signal != 0;
}

/* ---- video ---- */

/* How many video frames each frame of the series takes: a tween frame
 * one; a date frame `hold` seconds, the first date and each date that
 * starts a state run `hold_changes`, the last `hold_end`. Rounded on the
 * running total, so that the video's length is the sum of the holds to
 * within one frame, and never 0 (every date shows). */
static size_t *
video_repeats(const options *o, const tcmap_series *s, size_t *total)
{
    size_t n = tcmap_series_count(s);
    size_t *rep = calloc(n + 1, sizeof *rep);
    double t = 0;
    *total = 0;
    for (size_t i = 0; rep && i < n; i++) {
        double d = o->hold;
        if (tcmap_series_tween_at(s, i) > 0)
            d = 1.0 / o->fps;
        else if (i + 1 == n && o->hold_end >= 0)
            d = o->hold_end;
        else if (tcmap_series_run_start(s, i) == i && o->hold_changes >= 0)
            d = o->hold_changes;
        t += d;
        long long want = llround(t * o->fps) - (long long)*total;
        rep[i] = want < 1 ? 1 : (size_t)want;
        *total += rep[i];
    }
    return rep;
}

/* ffmpeg behind a pipe, writing a temporary file that is renamed into
 * place once it succeeded. */
typedef struct video {
    const options *o;
    char *tmp;
    GPid pid;
    int in_fd, started, failed;
    size_t *repeats, frames; /* per series frame; video frames written */
    progress *p;
} video;

/* Starts ffmpeg reading PNG images (raw_w 0) or raw frames of raw_w x
 * raw_h Cairo RGB24 pixels from its stdin. Raw frames cost no encoding
 * on our side and no decoding on ffmpeg's. */
static int
video_start(video *v, int raw_w, int raw_h)
{
    const options *o = v->o;
    const char *kind = video_kind(o->video);
    /* The temporary file is ours before ffmpeg starts: created exclusively
     * under a random name, so the -y that lets ffmpeg overwrite it cannot
     * overwrite anything else (a link planted at the old predictable
     * VIDEO.tmp-PID made tcmap write through it). */
    char *tmp = g_strdup_printf("%s.tmp-XXXXXX", o->video);
    int tmp_fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
    if (tmp_fd < 0) {
        cli_error("%s: cannot create: %s", o->video, strerror(errno));
        g_free(tmp);
        v->failed = 1;
        return 0;
    }
    /* A new video has 0666 less the umask, as if ffmpeg had made it; one
     * it replaces keeps its mode. */
    struct stat sb;
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = 0666 & ~mask;
    /* Permission bits, never setuid/setgid; a read-only video is kept
     * unless --force. */
    if (stat(o->video, &sb) == 0 && S_ISREG(sb.st_mode)) {
        mode = sb.st_mode & 01777;
        if (!o->force &&
            (!(sb.st_mode & 0222) || access(o->video, W_OK) != 0)) {
            cli_error("%s: the file is read-only (mode %04o); tcmap "
                      "replaces it only when forced (--force)",
                      o->video, (unsigned)(sb.st_mode & 07777));
            close(tmp_fd);
            unlink(tmp);
            g_free(tmp);
            v->failed = 1;
            return 0;
        }
    }
    if (fchmod(tmp_fd, mode) != 0 || close(tmp_fd) != 0) {
        cli_error("%s: cannot create: %s", o->video, strerror(errno));
        unlink(tmp);
        g_free(tmp);
        v->failed = 1;
        return 0;
    }
    char fps[16], size[32];
    snprintf(fps, sizeof fps, "%d", o->fps);
    snprintf(size, sizeof size, "%dx%d", raw_w, raw_h);
    const char *argv[40];
    int a = 0;
    argv[a++] = "ffmpeg";
    argv[a++] = "-hide_banner";
    argv[a++] = "-loglevel";
    argv[a++] = "error";
    argv[a++] = "-nostdin";
    argv[a++] = "-y";
    argv[a++] = "-f";
    if (raw_w > 0) {
        argv[a++] = "rawvideo";
        /* Cairo's RGB24 is 0x00RRGGBB in native order. */
        argv[a++] = "-pix_fmt";
        argv[a++] = G_BYTE_ORDER == G_LITTLE_ENDIAN ? "bgr0" : "0rgb";
        argv[a++] = "-video_size";
        argv[a++] = size;
    } else {
        argv[a++] = "image2pipe";
        argv[a++] = "-c:v";
        argv[a++] = "png";
    }
    argv[a++] = "-framerate";
    argv[a++] = fps;
    argv[a++] = "-i";
    argv[a++] = "pipe:0";
    if (!strcmp(kind, "mp4")) {
        /* yuv420p and even sides: what every player accepts. */
        argv[a++] = "-vf";
        argv[a++] = "pad=ceil(iw/2)*2:ceil(ih/2)*2";
        argv[a++] = "-c:v";
        argv[a++] = "libx264";
        argv[a++] = "-pix_fmt";
        argv[a++] = "yuv420p";
        argv[a++] = "-movflags";
        argv[a++] = "+faststart";
    } else if (!strcmp(kind, "webm")) {
        argv[a++] = "-c:v";
        argv[a++] = "libvpx-vp9";
        argv[a++] = "-b:v";
        argv[a++] = "0";
        argv[a++] = "-crf";
        argv[a++] = "32";
    } else {
        /* One palette for the whole animation keeps colours steady. */
        argv[a++] = "-vf";
        argv[a++] = "split[a][b];[a]palettegen[p];[b][p]paletteuse";
    }
    argv[a++] = "-f";
    argv[a++] = kind;
    argv[a++] = tmp;
    argv[a] = NULL;

    GError *ge = NULL;
    if (!g_spawn_async_with_pipes(NULL, (char **)argv, NULL,
                                  G_SPAWN_SEARCH_PATH |
                                      G_SPAWN_DO_NOT_REAP_CHILD,
                                  NULL, NULL, &v->pid, &v->in_fd, NULL, NULL,
                                  &ge)) {
        cli_error("%s: cannot run ffmpeg: %s", o->video, ge->message);
        g_error_free(ge);
        unlink(tmp);
        g_free(tmp);
        v->failed = 1;
        return 0;
    }
    /* ffmpeg may exit early; its closed pipe must not kill us. */
    signal(SIGPIPE, SIG_IGN);
    /* Written without blocking (video_put waits with poll()). */
    fcntl(v->in_fd, F_SETFL, fcntl(v->in_fd, F_GETFL) | O_NONBLOCK);
    v->tmp = tmp;
    v->started = 1;
    return 1;
}

/* Writes one frame `times` times: a hold is the same frame again. */
static int
video_put(video *v, const void *data, size_t len, size_t times)
{
    for (size_t k = 0; k < times && !v->failed && !got_signal; k++) {
        for (size_t off = 0; off < len && !got_signal;) {
            ssize_t w = write(v->in_fd, (const char *)data + off, len - off);
            if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
                /* The pipe is full: wait for ffmpeg, a little at a time,
                 * so that a signal (which may reach another thread) ends
                 * the run even when ffmpeg reads nothing. */
                struct pollfd pfd = {.fd = v->in_fd, .events = POLLOUT};
                poll(&pfd, 1, 100);
                continue;
            }
            if (w <= 0) {
                v->failed = 1;
                break;
            }
            off += (size_t)w;
        }
        v->frames++;
    }
    return !v->failed && !got_signal;
}

/* The series' frame sink (tcmap_frame_fn): each frame's rows, as they are
 * drawn, straight into ffmpeg; ffmpeg starts on the first frame, when its
 * size is known. */
static int
video_sink(void *user, size_t i, const unsigned char *px, int width,
           int height, int stride)
{
    video *v = user;
    if (!v->started && !v->failed && !video_start(v, width, height))
        return 1;
    /* Cairo's RGB24 rows are exactly width * 4 bytes: no padding. */
    if (stride != width * 4)
        return 1;
    return !video_put(v, px, (size_t)stride * (size_t)height,
                      v->repeats[i]);
}

/* Reads a frame file whole: a regular file only, never through a link
 * and never from a FIFO (which would block the run). Says what is wrong
 * and returns 0 on failure. */
static int
read_frame(const char *path, gchar **data, gsize *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW |
                            O_NOCTTY);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        cli_error("%s: cannot read the frame: %s", path,
                  fd < 0 && errno == ELOOP ? "a symbolic link, not a frame"
                  : fd < 0                 ? g_strerror(errno)
                                           : "not a regular file");
        if (fd >= 0)
            close(fd);
        return 0;
    }
    GByteArray *buf = g_byte_array_sized_new((guint)sb.st_size + 1);
    guint8 chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR && !got_signal)
            continue;
        if (n < 0) {
            cli_error("%s: cannot read the frame: %s", path,
                      g_strerror(errno));
            close(fd);
            g_byte_array_unref(buf);
            return 0;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    close(fd);
    *len = buf->len;
    *data = (gchar *)g_byte_array_free(buf, FALSE);
    return 1;
}

/* Feeds the frame files written by -o, in order. */
static void
video_feed_files(video *v, const tcmap_series *s)
{
    char path[4096];
    if (!video_start(v, 0, 0))
        return;
    for (size_t i = 0; i < tcmap_series_count(s) && !v->failed && !got_signal;
         i++) {
        gchar *data = NULL;
        gsize len = 0;
        if (tcmap_series_frame_path(v->o->output, i, path, sizeof path,
                                    NULL) != TCMAP_OK) {
            cli_error("%s: frame %zu has no name", v->o->output, i);
            v->failed = 1;
            break;
        }
        if (!read_frame(path, &data, &len)) {
            v->failed = 1;
            break;
        }
        video_put(v, data, len, v->repeats[i]);
        g_free(data);
        on_progress(v->p, i + 1, tcmap_series_count(s));
    }
}

/* Waits for ffmpeg and puts its file in place. */
static int
video_finish(video *v)
{
    int rc = EXIT_DATA, status = 0;
    if (!v->started)
        return got_signal ? 128 + got_signal : EXIT_DATA;
    close(v->in_fd);
    /* On a signal ffmpeg is told to stop too: one that does not read its
     * input (or is slow to end) must not keep the run waiting. */
    if (got_signal)
        kill(v->pid, SIGTERM);
    while (waitpid(v->pid, &status, 0) < 0 && errno == EINTR)
        ;
    g_spawn_close_pid(v->pid);
    if (got_signal) {
        rc = 128 + got_signal;
    } else if (v->failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        cli_error("%s: ffmpeg failed (exit %d); its messages are above",
                  v->o->video,
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (rename(v->tmp, v->o->video) != 0) {
        cli_error("%s: cannot rename into place: %s", v->o->video,
                  strerror(errno));
    } else {
        rc = EXIT_OK;
    }
    if (rc != EXIT_OK)
        unlink(v->tmp);
    g_free(v->tmp);
    return rc;
}

/* The video: from the frame files when -o wrote them, else streamed from
 * the drawing with no file but the video's. */
static int
make_video(const options *o, const tcmap_series *s,
           const tcmap_series_options *so, progress *p)
{
    size_t total = 0;
    int lib_rc = EXIT_OK; /* the library's refusal, as for frame files */
    video v = {.o = o, .in_fd = -1, .p = p};
    if (!(v.repeats = video_repeats(o, s, &total))) {
        cli_error("frames: out of memory");
        return EXIT_DATA;
    }
    if (o->output) {
        video_feed_files(&v, s);
    } else {
        tcmap_series_options vo = *so;
        tcmap_series_result res;
        tcmap_error err;
        vo.sink = video_sink;
        vo.sink_user = &v;
        /* A failed pipe or a signal has its own message (or none). */
        if (tcmap_series_render(s, NULL, &vo, &res, &err) != TCMAP_OK &&
            !v.failed && !got_signal) {
            cli_error("%s", err.message);
            v.failed = 1;
            lib_rc = err.status == TCMAP_ERR_ARG ? EXIT_USAGE : EXIT_DATA;
        }
    }
    int rc = video_finish(&v);
    if (lib_rc != EXIT_OK)
        rc = lib_rc;
    if (rc == EXIT_OK && !o->quiet)
        fprintf(stderr,
                "tcmap: frames: %s: %zu video frames at %d fps (%.2f s)\n",
                o->video, v.frames, o->fps, (double)v.frames / o->fps);
    free(v.repeats);
    return rc;
}

/* The frame files of -o, on the workers. */
static int
write_frames(const options *o, const tcmap_series *s,
             const tcmap_series_options *so, progress *p)
{
    char first[4096];
    tcmap_series_result res;
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
    if (got_signal || res.stopped) {
        if (!o->quiet)
            fprintf(stderr, "%stcmap: frames: stopped by signal %d; %zu of "
                            "%zu frames are done (rerun with --resume)\n",
                    p->tty ? "\n" : "", (int)got_signal,
                    res.skipped + res.drawn + res.reused, res.total);
        return 128 + (got_signal ? got_signal : SIGINT);
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
                seconds_since(&p->start));
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
    sa.sa_handler = on_signal;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    progress p = {
        .quiet = o.quiet, .tty = isatty(2), .last_done = SIZE_MAX};
    clock_gettime(CLOCK_MONOTONIC, &p.start);
    tcmap_series_options so = {
        .render = {.format = o.format,
                   .width = o.width,
                   .height = o.height,
                   .names = o.names,
                   .changes_since = o.changes_since,
                   .report = cli_warn,
                   .force = o.force},
        .png = o.png,
        .jobs = o.jobs,
        .memory = (size_t)o.memory_mb << 20,
        .shard_index = o.shard_k,
        .shard_count = o.shard_n,
        .resume = o.resume,
        .progress = on_progress,
        .progress_user = &p,
    };
    cli_map_opts_apply(&o.map, &so.render);
    /* The page's language is the maps' (its region, "ru-RU", aside)
     * when tcmap has words for it; else the maps keep --names' or
     * English, and only the page takes the tag. */
    if (o.lang && lang_has_file(o.lang))
        so.render.lang = o.lang;
    if (o.output && (rc = write_frames(&o, s, &so, &p)) != EXIT_OK)
        goto out;
    if (o.video) {
        /* The video's own progress, from the start. */
        p.last_tenth = 0;
        p.last_done = SIZE_MAX;
        clock_gettime(CLOCK_MONOTONIC, &p.start);
        if ((rc = make_video(&o, s, &so, &p)) != EXIT_OK)
            goto out;
    }
    if (o.html) {
        tcmap_page_options po = {.render = so.render, .lang = o.lang};
        po.render.format = TCMAP_FORMAT_AUTO;
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
