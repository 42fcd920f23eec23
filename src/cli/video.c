/* video.c - `tcmap frames --video`: the frames of a series assembled
 * into one video by ffmpeg behind a pipe, paced by the holds. Apart from
 * cmd_frames.c, which parses and runs the series, because driving a
 * child process is a job of its own. */
#include "common.h"
#include "frames_args.h"
#include "progress.h"
#include "video.h"

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
#include <unistd.h>

/* How many video frames each frame of the series takes: a tween frame
 * one; a date frame `hold` seconds, the first date and each date that
 * starts a state run `hold_changes`, the last `hold_end`. Rounded on the
 * running total, so that the video's length is the sum of the holds to
 * within one frame, and never 0 (every date shows). */
static size_t *
video_repeats(const cli_video_options *o, const tcmap_series *s, size_t *total)
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
    const cli_video_options *o;
    char *tmp;
    GPid pid;
    int in_fd, started, failed;
    size_t *repeats, frames; /* per series frame; video frames written */
    cli_progress *p;
} video;

/* Starts ffmpeg reading PNG images (raw_w 0) or raw frames of raw_w x
 * raw_h Cairo RGB24 pixels from its stdin. Raw frames cost no encoding
 * on our side and no decoding on ffmpeg's. */
static int
video_start(video *v, int raw_w, int raw_h)
{
    const cli_video_options *o = v->o;
    const char *kind = video_kind(o->path);
    /* The temporary file is ours before ffmpeg starts: created exclusively
     * under a random name, so the -y that lets ffmpeg overwrite it cannot
     * overwrite anything else (a link planted at the old predictable
     * VIDEO.tmp-PID made tcmap write through it). */
    char *tmp = g_strdup_printf("%s.tmp-XXXXXX", o->path);
    int tmp_fd = g_mkstemp_full(tmp, O_RDWR | O_CLOEXEC, 0600);
    if (tmp_fd < 0) {
        cli_error("%s: cannot create: %s", o->path, strerror(errno));
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
    if (stat(o->path, &sb) == 0 && S_ISREG(sb.st_mode)) {
        mode = sb.st_mode & 01777;
        if (!o->force &&
            (!(sb.st_mode & 0222) || access(o->path, W_OK) != 0)) {
            cli_error("%s: the file is read-only (mode %04o); tcmap "
                      "replaces it only when forced (--force)",
                      o->path, (unsigned)(sb.st_mode & 07777));
            close(tmp_fd);
            unlink(tmp);
            g_free(tmp);
            v->failed = 1;
            return 0;
        }
    }
    if (fchmod(tmp_fd, mode) != 0 || close(tmp_fd) != 0) {
        cli_error("%s: cannot create: %s", o->path, strerror(errno));
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
        cli_error("%s: cannot run ffmpeg: %s", o->path, ge->message);
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
    for (size_t k = 0; k < times && !v->failed && !cli_signal_got(); k++) {
        for (size_t off = 0; off < len && !cli_signal_got();) {
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
    return !v->failed && !cli_signal_got();
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
        if (n < 0 && errno == EINTR && !cli_signal_got())
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
    for (size_t i = 0; i < tcmap_series_count(s) && !v->failed && !cli_signal_got();
         i++) {
        gchar *data = NULL;
        gsize len = 0;
        if (tcmap_series_frame_path(v->o->frames, i, path, sizeof path,
                                    NULL) != TCMAP_OK) {
            cli_error("%s: frame %zu has no name", v->o->frames, i);
            v->failed = 1;
            break;
        }
        if (!read_frame(path, &data, &len)) {
            v->failed = 1;
            break;
        }
        video_put(v, data, len, v->repeats[i]);
        g_free(data);
        cli_on_progress(v->p, i + 1, tcmap_series_count(s));
    }
}

/* Waits for ffmpeg and puts its file in place. */
static int
video_finish(video *v)
{
    int rc = EXIT_DATA, status = 0;
    if (!v->started)
        return cli_signal_got() ? 128 + cli_signal_got() : EXIT_DATA;
    close(v->in_fd);
    /* On a signal ffmpeg is told to stop too: one that does not read its
     * input (or is slow to end) must not keep the run waiting. */
    if (cli_signal_got())
        kill(v->pid, SIGTERM);
    while (waitpid(v->pid, &status, 0) < 0 && errno == EINTR)
        ;
    g_spawn_close_pid(v->pid);
    if (cli_signal_got()) {
        rc = 128 + cli_signal_got();
    } else if (v->failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        cli_error("%s: ffmpeg failed (exit %d); its messages are above",
                  v->o->path,
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    } else if (rename(v->tmp, v->o->path) != 0) {
        cli_error("%s: cannot rename into place: %s", v->o->path,
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
int
cli_video_make(const cli_video_options *o, const tcmap_series *s,
           const tcmap_series_options *so, cli_progress *p)
{
    size_t total = 0;
    int lib_rc = EXIT_OK; /* the library's refusal, as for frame files */
    video v = {.o = o, .in_fd = -1, .p = p};
    if (!(v.repeats = video_repeats(o, s, &total))) {
        cli_error("frames: out of memory");
        return EXIT_DATA;
    }
    if (o->frames) {
        video_feed_files(&v, s);
    } else {
        tcmap_series_options vo = *so;
        tcmap_series_result res = {.size = sizeof res};
        tcmap_error err;
        vo.sink = video_sink;
        vo.sink_user = &v;
        /* A failed pipe or a signal has its own message (or none). */
        if (tcmap_series_render(s, NULL, &vo, &res, &err) != TCMAP_OK &&
            !v.failed && !cli_signal_got()) {
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
                o->path, v.frames, o->fps, (double)v.frames / o->fps);
    free(v.repeats);
    return rc;
}

