/* frames.c - the frame-series stage: dates -> snapshots -> frames drawn on
 * N worker threads -> files (the slider page is page.c). The map is opened
 * once and shared read-only; per worker the map body is drawn once per
 * state run and each frame gets only its own title (which carries the
 * date), so the bytes of a frame never depend on -j or on sharding. */
#include "core/afile.h"
#include "core/error.h"
#include "core/opts.h"
#include "frames/framefiles.h"
#include "map/map.h"
#include "write/pngenc.h"
#include "map/series.h"
#include "frames/staletemps.h"
#include "core/budget.h"
#include "frames/framemark.h"
#include "draw/render.h"
#include "write/output.h"
#include "core/safeopen.h"

#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

/* Frames one worker takes at a time: one body drawing serves them all. */
#define CHUNK 16


/* ---- rendering ---- */

typedef struct job {
    const tcmap_series *s;
    const char *pattern; /* NULL: frames go to the sink only */
    const char *name;    /* the pattern, or "frames", for messages */
    tcmap_series_options opt; /* a copy of the caller's */
    tcmap_render_options render; /* a copy of *opt.render, filled in */
    tcmap__page_part pp;      /* the locked legend and credit room */
    tcmap_format format;
    int width, height;
    size_t *frames; /* this shard's frames to draw, in order */
    size_t n_frames;
    size_t (*chunks)[2]; /* [first, end) into frames[] */
    size_t n_chunks;

    atomic_size_t next_chunk;
    atomic_int stop;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t done, drawn, reused; /* under lock */
    int running;                /* workers still running; under lock */
    tcmap_error err;            /* the first failure; under lock */
    tcmap_status status;
    /* The title or subtitle drawn (the caller's or the style's) prints
     * the date. */
    int dated;
    char *mark; /* what the series shows (framemark.c), for frame_mark */
} job;

static void
job_fail(job *j, const tcmap_error *e)
{
    pthread_mutex_lock(&j->lock);
    if (j->status == TCMAP_OK) {
        j->status = e->status;
        j->err = *e;
    }
    pthread_mutex_unlock(&j->lock);
    atomic_store(&j->stop, 1);
}

static void
job_count(job *j, int drew)
{
    pthread_mutex_lock(&j->lock);
    j->done++;
    if (drew)
        j->drawn++;
    else
        j->reused++;
    pthread_cond_signal(&j->changed);
    pthread_mutex_unlock(&j->lock);
}

/* What one worker keeps between frames. */
typedef struct worker {
    job *j;
    cairo_surface_t *body, *frame;
    size_t body_run; /* the state run the body shows; SIZE_MAX = none */
    GByteArray *bytes;
    GByteArray *marked; /* `bytes` with the frame's mark, as written */
    size_t bytes_run; /* the run whose frame `bytes` holds (undated) */
    tcmap__png_bands bands; /* the last frame's rows, compressed in bands */
    /* `frame` is its run's body but for rows [0, frame_rows), where the
     * last title went: the next date frame of the run copies only those
     * back (a whole 1600x1200 body was 7.7 MB copied per frame). */
    size_t frame_run; /* SIZE_MAX = none known */
    int frame_rows;
    size_t last;      /* the frame this worker wrote last; SIZE_MAX = none */
    /* The two bodies that tween frames cross-fade, allocated on the first
     * tween frame so that `body` keeps serving its run's date frames. */
    cairo_surface_t *fade_from, *fade_to;
    size_t fade_date; /* the date they fade into; SIZE_MAX = none */
} worker;

/* Draws one part of a snapshot over the whole of a frame-sized surface
 * and flushes it, ready to be read as pixels. */
static tcmap_status
draw_on(cairo_surface_t *img, const tcmap_snapshot *snap,
        const tcmap_render_options *ro, const tcmap__page_part *pp,
        tcmap_error *err)
{
    cairo_t *cr = cairo_create(img);
    tcmap_rect all = {0, 0, cairo_image_surface_get_width(img),
                      cairo_image_surface_get_height(img)};
    tcmap_status st = tcmap__snapshot_draw_part(snap, cr, all, ro, pp, err);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    return st;
}

static tcmap_status
draw_png_frame(worker *w, size_t i, const tcmap_snapshot *snap, int *drew,
               tcmap_error *err)
{
    job *j = w->j;
    const tcmap_render_options *ro = &j->render;
    tcmap__page_part pp = j->pp;
    tcmap_rect page = {0, 0, j->width, j->height};
    tcmap_status st;
    size_t run = j->s->run[i];
    *drew = 0;
    if (w->body_run != run) {
        pp.part = TCMAP__PART_BODY;
        if ((st = draw_on(w->body, snap, ro, &pp, err)) != TCMAP_OK)
            return st;
        w->body_run = run;
        *drew = 1;
    }
    /* A style that does not print the date makes every frame of a run the
     * same picture: encode it once and write the same bytes again. */
    if (!j->dated && w->bytes_run == run && !*drew)
        return TCMAP_OK;
    int rows = w->frame_run == run ? w->frame_rows : j->height;
    w->frame_run = SIZE_MAX; /* known again once the title is found */
    memcpy(cairo_image_surface_get_data(w->frame),
           cairo_image_surface_get_data(w->body),
           (size_t)cairo_image_surface_get_stride(w->body) * (size_t)rows);
    cairo_surface_mark_dirty(w->frame);
    cairo_t *cr = cairo_create(w->frame);
    pp.part = TCMAP__PART_TITLE;
    st = tcmap__snapshot_draw_part(snap, cr, page, ro, &pp, err);
    cairo_destroy(cr);
    cairo_surface_flush(w->frame);
    if (st != TCMAP_OK)
        return st;
    if (!j->pattern) {
        /* Only a sink: the pixels are the frame, nothing to encode. */
        w->bytes_run = run;
        return TCMAP_OK;
    }
    g_byte_array_set_size(w->bytes, 0);
    /* The next date frame of the run copies back only the rows the title
     * touched. */
    int stride = cairo_image_surface_get_stride(w->body), last = -1;
    const unsigned char *a = cairo_image_surface_get_data(w->body);
    const unsigned char *b = cairo_image_surface_get_data(w->frame);
    for (int y = 0; y < j->height; y++)
        if (memcmp(a + (size_t)y * stride, b + (size_t)y * stride,
                   (size_t)stride))
            last = y;
    w->frame_run = run, w->frame_rows = last + 1;
    /* Only the bands of rows that differ from this worker's last frame
     * are compressed: the title's from date to date, and from state to
     * state the bands where the map changed. */
    if ((st = tcmap__png_encode_bands(w->frame, j->opt.png, &w->bands,
                                      w->bytes, err)) != TCMAP_OK)
        return st;
    w->bytes_run = run;
    return TCMAP_OK;
}

/* A tween frame: the old state's map, the new one's over it at alpha t,
 * and the new state's title and credit line on top. Neither text is
 * faded: two dates, or two lists of sources, half over each other are
 * unreadable, and the frame shows the change of that date. The whole
 * frame is encoded at once, without the worker's bands: the fade touches
 * every row of the map. */
static tcmap_status
draw_tween_frame(worker *w, size_t i, const tcmap_snapshot *snap, int *drew,
                 tcmap_error *err)
{
    job *j = w->j;
    const tcmap_series *s = j->s;
    const tcmap_render_options *ro = &j->render;
    tcmap__page_part pp = j->pp;
    tcmap_rect page = {0, 0, j->width, j->height};
    tcmap_snapshot *old = NULL;
    tcmap_status st = TCMAP_OK;
    size_t d = s->date_of[i];
    cairo_t *cr = NULL;
    *drew = 0;
    if (!w->fade_from) {
        w->fade_from = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                  j->width, j->height);
        w->fade_to = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                j->width, j->height);
        if (cairo_surface_status(w->fade_from) ||
            cairo_surface_status(w->fade_to))
            return tcmap__error(err, TCMAP_ERR_NOMEM,
                                "%s: no memory for %dx%d tween frames",
                                j->name, j->width, j->height);
    }
    if (w->fade_date != d) {
        /* A tween frame comes only before a change, so d > 0. */
        w->fade_date = SIZE_MAX;
        if ((st = tcmap_snapshot_create(s->map, s->dates[d - 1], &old,
                                        err)) != TCMAP_OK)
            goto out;
        pp.part = TCMAP__PART_MAP;
        if ((st = draw_on(w->fade_from, old, ro, &pp, err)) != TCMAP_OK ||
            (st = draw_on(w->fade_to, snap, ro, &pp, err)) != TCMAP_OK)
            goto out;
        w->fade_date = d;
        *drew = 1;
    }
    /* `frame` is free: a date frame copies its body into it first. */
    w->frame_run = SIZE_MAX;
    cr = cairo_create(w->frame);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface(cr, w->fade_from, 0, 0);
    cairo_paint(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_set_source_surface(cr, w->fade_to, 0, 0);
    cairo_paint_with_alpha(cr, tcmap_series_tween_at(s, i));
    pp.part = TCMAP__PART_TITLE;
    st = tcmap__snapshot_draw_part(snap, cr, page, ro, &pp, err);
    pp.part = TCMAP__PART_CREDIT;
    if (st == TCMAP_OK)
        st = tcmap__snapshot_draw_part(snap, cr, page, ro, &pp, err);
    if (st == TCMAP_OK && cairo_status(cr))
        st = tcmap__error(err, TCMAP_ERR_BACKEND, "%s: tween frame: %s",
                          j->name, cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    if (st != TCMAP_OK)
        goto out;
    cairo_surface_flush(w->frame);
    g_byte_array_set_size(w->bytes, 0);
    /* `bytes` no longer holds its run's frame (an undated style's date
     * frames reuse it). */
    w->bytes_run = SIZE_MAX;
    if (j->pattern)
        st = tcmap__png_encode(w->frame, j->opt.png, w->bytes, err);
out:
    tcmap_snapshot_destroy(old);
    return st;
}

/* ---- marking frames for --resume ---- */

/* The tEXt key of a frame's mark. */
#define FRAME_KEY "tcmap-frame"

/* Frame i's mark: the series' mark with what the frame shows (its date
 * and tween step; an undated style's frames of one state run are one
 * picture, so they share the run's). */
static char *
frame_mark(const job *j, size_t i)
{
    const tcmap_series *s = j->s;
    size_t k = j->dated ? i : s->run[i];
    char *what = g_strdup_printf("%s %s %u", j->mark,
                                 s->dates[s->date_of[k]], s->step[k]);
    char *mark = g_compute_checksum_for_string(G_CHECKSUM_SHA256, what, -1);
    g_free(what);
    return mark;
}

/* Whether --resume may keep frame i's file: a whole file; for PNG also
 * every chunk's CRC right, the series' size, and this frame's mark (a
 * vector frame carries none and is kept when complete). */
static int
frame_is_kept(const job *j, size_t i, const char *path)
{
    if (j->format != TCMAP_FORMAT_PNG)
        return tcmap__frame_is_complete(path, j->format);
    gchar *data = NULL;
    gsize len = 0;
    int w = 0, h = 0, ok = 0;
    char *text = NULL;
    if (tcmap__read_regular(path, 1, G_MAXSSIZE, &data, &len) == 0 &&
        tcmap__png_check((const guint8 *)data, len, &w, &h, FRAME_KEY,
                         &text) &&
        w == j->width && h == j->height && text) {
        char *want = frame_mark(j, i);
        ok = !strcmp(text, want);
        g_free(want);
    }
    g_free(text);
    g_free(data);
    return ok;
}

/* Frames go into folders others may write (a cluster's shared volume):
 * each is a new file, which replaces a link or a FIFO planted at its name
 * rather than writing through it. */
static int
frame_write_flags(const job *j)
{
    return TCMAP__AFILE_NEW | (j->render.force ? TCMAP__AFILE_FORCE : 0);
}

static tcmap_status
write_bytes(worker *w, size_t i, tcmap_error *err)
{
    char *path = NULL, *mark = frame_mark(w->j, i);
    tcmap_status st =
        tcmap__series_frame_path_dup(w->j->pattern, i, &path, err);
    if (st == TCMAP_OK)
        st = tcmap__output_check(w->j->s->map, w->j->render.annotations,
                                 path, path, err);
    if (st == TCMAP_OK) {
        if (!w->marked)
            w->marked = g_byte_array_new();
        tcmap__png_with_text(w->bytes->data, w->bytes->len, FRAME_KEY, mark,
                             w->marked);
        st = tcmap__afile_write_ex(path, w->marked->data, w->marked->len,
                                   frame_write_flags(w->j), err);
    }
    g_free(mark);
    g_free(path);
    return st;
}

/* SVG and PDF frames are drawn whole (a vector file has no pixels to
 * reuse); an undated style's repeat of a state is a copy of the file. */
static tcmap_status
draw_vector_frame(worker *w, size_t i, const tcmap_snapshot *snap, int *drew,
                  tcmap_error *err)
{
    job *j = w->j;
    char *path = NULL, *prev = NULL;
    tcmap_status st = tcmap__series_frame_path_dup(j->pattern, i, &path, err);
    if (st != TCMAP_OK)
        return st;
    *drew = 1;
    if (!j->dated && w->last != SIZE_MAX &&
        j->s->run[w->last] == j->s->run[i] &&
        tcmap__series_frame_path_dup(j->pattern, w->last, &prev, NULL) ==
            TCMAP_OK) {
        char *data = NULL;
        size_t len = 0;
        if (tcmap__read_regular(prev, 1, G_MAXSSIZE, &data, &len) == 0) {
            st = tcmap__afile_write_ex(path, data, len,
                                       frame_write_flags(j), err);
            g_free(data);
            *drew = 0;
            goto out;
        }
    }
    tcmap_render_options ro = j->render;
    ro.format = j->format;
    st = tcmap__snapshot_render_file_ex(snap, path, &ro, &j->pp,
                                        frame_write_flags(j), err);
out:
    g_free(prev);
    g_free(path);
    return st;
}

static void *
work(void *arg)
{
    worker *w = arg;
    job *j = w->j;
    tcmap_error err;
    tcmap__error_clear(&err);
    for (;;) {
        size_t c = atomic_fetch_add(&j->next_chunk, 1);
        if (c >= j->n_chunks || atomic_load(&j->stop))
            break;
        for (size_t k = j->chunks[c][0]; k < j->chunks[c][1]; k++) {
            /* A stop lets the frame being drawn finish, never half of
             * one: files appear only by rename. */
            if (atomic_load(&j->stop))
                break;
            size_t i = j->frames[k];
            tcmap_snapshot *snap = NULL;
            int drew = 0;
            tcmap_status st = tcmap_snapshot_create(
                j->s->map, j->s->dates[j->s->date_of[i]], &snap, &err);
            if (st == TCMAP_OK) {
                if (j->s->step[i] || j->format == TCMAP_FORMAT_PNG) {
                    st = j->s->step[i]
                             ? draw_tween_frame(w, i, snap, &drew, &err)
                             : draw_png_frame(w, i, snap, &drew, &err);
                    if (st == TCMAP_OK && j->pattern)
                        st = write_bytes(w, i, &err);
                    if (st == TCMAP_OK && j->opt.sink &&
                        j->opt.sink(j->opt.sink_user, i,
                                    cairo_image_surface_get_data(w->frame),
                                    j->width, j->height,
                                    cairo_image_surface_get_stride(
                                        w->frame)))
                        st = tcmap__error(&err, TCMAP_ERR_IO,
                                          "frame %zu: the frame sink "
                                          "stopped taking frames",
                                          i);
                } else {
                    st = draw_vector_frame(w, i, snap, &drew, &err);
                }
            }
            tcmap_snapshot_destroy(snap);
            if (st != TCMAP_OK) {
                job_fail(j, &err);
                goto out;
            }
            w->last = i;
            job_count(j, drew);
        }
    }
out:
    pthread_mutex_lock(&j->lock);
    j->running--;
    pthread_cond_signal(&j->changed);
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

/* Frames with the same key can share a chunk: a date frame's state run
 * (its first frame), or a tween frame's change (the first tween frame of
 * the change, which is never the first frame of a run). */
static size_t
chunk_key(const tcmap_series *s, size_t i)
{
    return s->step[i] ? i - s->step[i] + 1 : s->run[i];
}

/* ---- the series, step by step ---- */

/* A job with a copy of the caller's options (NULL: the defaults), one
 * shard when none is asked for; NULL when out of memory. */
static job *
job_new(const tcmap_series *s, const char *pattern,
        const tcmap_series_options *opt, const tcmap_render_options *ro)
{
    job *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->changed, NULL);
    j->s = s;
    j->pattern = pattern;
    j->name = pattern ? pattern : "frames";
    if (opt)
        j->opt = *opt;
    if (ro)
        j->render = *ro;
    j->render.size = sizeof j->render;
    if (j->opt.shard_count == 0 && j->opt.shard_index == 0)
        j->opt.shard_count = 1;
    return j;
}

static void
job_free(job *j)
{
    free(j->frames);
    free(j->chunks);
    pthread_cond_destroy(&j->changed);
    pthread_mutex_destroy(&j->lock);
    g_free(j->mark);
    free(j);
}

static tcmap_status
check_shards_and_sink(job *j, tcmap_error *err)
{
    if (j->opt.shard_count < 1 || j->opt.shard_index < 0 ||
        j->opt.shard_index >= j->opt.shard_count)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: shard %d of %d does not exist (shards "
                            "are numbered 0..N-1)",
                            j->opt.shard_index, j->opt.shard_count);
    /* A sink takes the frames in order from one worker: the order then
     * needs no buffer, and the encoder behind a sink is the slower end
     * anyway. */
    if (j->opt.sink && (j->opt.shard_count > 1 || j->opt.resume))
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: a frame sink takes the whole series, "
                            "without shards or resume");
    if (j->opt.sink)
        j->opt.jobs = 1;
    return TCMAP_OK;
}

/* The caller's format, else the pattern's, else PNG for a sink alone. The
 * pattern's frame 0 is named in any case: a bad pattern fails here. */
static tcmap_status
pick_format(job *j, tcmap_error *err)
{
    char *path = NULL;
    tcmap_status st;
    if (j->pattern &&
        (st = tcmap__series_frame_path_dup(j->pattern, 0, &path, err)) !=
            TCMAP_OK)
        return st;
    j->format = j->render.format ? j->render.format
                : j->pattern          ? tcmap_format_from_path(path)
                                      : TCMAP_FORMAT_PNG;
    g_free(path);
    return TCMAP_OK;
}

static tcmap_status
check_format(const job *j, tcmap_error *err)
{
    /* A series reuses each run's encoded body (pngenc.h), which only PNG
     * allows; JPEG and WebP frames would be encoded whole every time. */
    if (j->format == TCMAP_FORMAT_JPEG || j->format == TCMAP_FORMAT_WEBP)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: frames are written as PNG, SVG or PDF; "
                            "JPEG and WebP are for single maps (render)",
                            j->name);
    if (j->opt.sink && j->format != TCMAP_FORMAT_PNG)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "series: a frame sink takes PNG frames (pixels), "
                            "not SVG or PDF");
    if (j->format == TCMAP_FORMAT_AUTO)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: cannot tell the format from the name; use "
                            ".png, .svg or .pdf (or a format)",
                            j->name);
    /* A cross-fade is a blend of pixels; a vector file has none to blend
     * (and group opacity in SVG/PDF viewers is not the same picture). */
    if (j->format != TCMAP_FORMAT_PNG && j->s->n > j->s->n_dates)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: tween frames are PNG only; render SVG or "
                            "PDF frames without them (tween 0)",
                            j->name);
    return TCMAP_OK;
}

/* Each state names its own sources, so its credit may wrap into more
 * lines than another's; every frame keeps the room of the longest, so that
 * the map does not jump when the credit grows. */
static tcmap_status
settle_credit(job *j, tcmap_error *err)
{
    int most = 0;
    for (size_t d = 0; d < j->s->n_dates; d++) {
        if (j->s->date_run[d] != d)
            continue;
        tcmap_snapshot *snap = NULL;
        tcmap_status st =
            tcmap_snapshot_create(j->s->map, j->s->dates[d], &snap, err);
        if (st != TCMAP_OK)
            return st;
        int n = tcmap__credit_lines(snap, j->width, j->height,
                                    &j->render);
        most = n > most ? n : most;
        tcmap_snapshot_destroy(snap);
    }
    j->pp.credit_lines = most;
    return TCMAP_OK;
}

/* The caller's size, else the style's; every frame is drawn at it and
 * with the series' legend, so that all frames have the same layout. */
static tcmap_status
settle_size(job *j, tcmap_error *err)
{
    const tcmap_style *style = j->s->map->style;
    j->width = j->render.width > 0 ? j->render.width : style->width;
    j->height =
        j->render.height > 0 ? j->render.height : style->height;
    if (j->width < 16 || j->height < 16 || j->width > 20000 ||
        j->height > 20000)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: size %dx%d is outside 16..20000", j->name,
                            j->width, j->height);
    j->render.width = j->width;
    j->render.height = j->height;
    j->pp.legend = j->s->legend;
    return settle_credit(j, err);
}

static int
prints_date(const job *j)
{
    const tcmap_style *style = j->s->map->style;
    const char *t = j->render.title ? j->render.title : style->title;
    const char *u =
        j->render.subtitle ? j->render.subtitle : style->subtitle;
    return strstr(t, "{date") != NULL || strstr(u, "{date") != NULL;
}

/* What --resume finds where a frame goes: nothing, a regular file (a
 * frame, complete or not), or a link to nothing (replaced by the frame:
 * a new file replaces a link) are a frame's; anything else was put
 * there by someone else, and is neither read nor written through. */
static tcmap_status
check_foreign(const char *path, tcmap_error *err)
{
    struct stat sb, to;
    if (lstat(path, &sb) != 0 || S_ISREG(sb.st_mode) ||
        (S_ISLNK(sb.st_mode) && stat(path, &to) != 0))
        return TCMAP_OK;
    return tcmap__error(err, TCMAP_ERR_IO,
                        "%s: %s where a frame goes; --resume never reads "
                        "or writes through anything but a regular file "
                        "(remove it and run again)",
                        path, tcmap__file_kind(sb.st_mode));
}

/* This shard's frames, minus those a resumed run keeps, and room for
 * their chunks (a chunk has at least one frame). */
static tcmap_status
list_frames(job *j, tcmap_series_result *r, tcmap_error *err)
{
    const tcmap_series *s = j->s;
    size_t shard_n = 0;
    for (size_t i = (size_t)j->opt.shard_index; i < s->n;
         i += (size_t)j->opt.shard_count)
        shard_n++;
    if (j->pattern)
        tcmap__stale_temps_remove(j->pattern, s->n,
                                  (size_t)j->opt.shard_index,
                                  (size_t)j->opt.shard_count);
    if (!(j->frames = calloc(shard_n + 1, sizeof *j->frames)) ||
        !(j->chunks = calloc(shard_n + 1, sizeof *j->chunks)))
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    for (size_t i = (size_t)j->opt.shard_index; i < s->n;
         i += (size_t)j->opt.shard_count) {
        char *path = NULL;
        if (j->opt.resume &&
            tcmap__series_frame_path_dup(j->pattern, i, &path, NULL) ==
                TCMAP_OK) {
            tcmap_status foreign = check_foreign(path, err);
            int keep = foreign == TCMAP_OK && frame_is_kept(j, i, path);
            g_free(path);
            if (foreign != TCMAP_OK)
                return foreign;
            if (keep) {
                r->skipped++;
                continue;
            }
        }
        j->frames[j->n_frames++] = i;
    }
    r->total = shard_n;
    j->done = r->skipped;
    return TCMAP_OK;
}

/* Chunks never cross a state run, so one body drawing serves a chunk;
 * they stay short so that a long run still spreads over workers. The
 * tween frames of one change share a chunk too: they fade the same two
 * bodies. */
static void
cut_chunks(job *j)
{
    for (size_t k = 0; k < j->n_frames; k++) {
        size_t i = j->frames[k];
        if (k == 0 ||
            chunk_key(j->s, i) != chunk_key(j->s, j->frames[k - 1]) ||
            k - j->chunks[j->n_chunks - 1][0] >= CHUNK) {
            j->chunks[j->n_chunks][0] = k;
            j->n_chunks++;
        }
        j->chunks[j->n_chunks - 1][1] = k + 1;
    }
}

/* The workers and their threads, which only the caller's thread sees. */
typedef struct crew {
    worker *ws;
    pthread_t *threads;
    int n, n_threads; /* workers made, and of them started */
} crew;

/* How many workers draw: -j (else one per core), no more than there are
 * chunks to share, and no more than the memory budget holds. */
static tcmap_status
count_workers(const job *j, int *out, tcmap_error *err)
{
    int jobs = j->opt.jobs > 0 ? j->opt.jobs : tcmap__online_cpus();
    if ((size_t)jobs > j->n_chunks)
        jobs = (int)j->n_chunks;
    /* Pixels times workers within the memory budget: 20000 x 20000 PNG
     * frames need 5.6 GB a worker, and -j 16 of them would meet the OOM
     * killer rather than an error. Fewer workers when they do not all
     * fit; an error when not even one does. */
    unsigned long long need = tcmap__worker_bytes(
        j->width, j->height, j->s->n > j->s->n_dates, j->format);
    unsigned long long budget = j->opt.memory
                                    ? (unsigned long long)j->opt.memory
                                    : tcmap__default_budget();
    if (need > budget)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "%s: a %dx%d frame needs %llu MB to draw, more "
                            "than the memory budget of %llu MB "
                            "(docs/limits.md)",
                            j->name, j->width, j->height, need >> 20,
                            budget >> 20);
    if (need && (unsigned long long)jobs > budget / need)
        jobs = (int)(budget / need);
    if (jobs < 1)
        jobs = 1;
    *out = jobs;
    return TCMAP_OK;
}

/* c->n workers, each with a body and a frame surface for PNG frames (a
 * vector frame is drawn straight into its file). */
static tcmap_status
make_workers(job *j, crew *c, tcmap_error *err)
{
    c->ws = calloc((size_t)c->n + 1, sizeof *c->ws);
    c->threads = calloc((size_t)c->n + 1, sizeof *c->threads);
    if (!c->ws || !c->threads)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    for (int t = 0; t < c->n; t++) {
        worker *w = &c->ws[t];
        w->j = j;
        w->body_run = w->bytes_run = w->last = SIZE_MAX;
        w->fade_date = w->frame_run = SIZE_MAX;
        w->bytes = g_byte_array_new();
        if (j->format != TCMAP_FORMAT_PNG)
            continue;
        w->body = cairo_image_surface_create(CAIRO_FORMAT_RGB24, j->width,
                                             j->height);
        w->frame = cairo_image_surface_create(CAIRO_FORMAT_RGB24, j->width,
                                              j->height);
        if (cairo_surface_status(w->body) || cairo_surface_status(w->frame))
            return tcmap__error(err, TCMAP_ERR_NOMEM,
                                "%s: no memory for %dx%d frames", j->name,
                                j->width, j->height);
    }
    return TCMAP_OK;
}

/* Tells the caller how many frames are done and relays its stop request,
 * without the lock, so that the workers never wait for the caller. */
static void
report_progress(job *j, size_t done, tcmap_series_result *r)
{
    pthread_mutex_unlock(&j->lock);
    if (j->opt.progress(j->opt.progress_user, done, r->total)) {
        atomic_store(&j->stop, 1);
        r->stopped = 1;
    }
    pthread_mutex_lock(&j->lock);
}

/* Called with the lock held: waits until no worker runs, reporting
 * progress on the caller's thread (the workers never call back into the
 * caller). Returns the count of frames done that was reported last. */
static size_t
follow_workers(job *j, tcmap_series_result *r)
{
    size_t reported = SIZE_MAX;
    while (j->running > 0) {
        if (j->done != reported && j->opt.progress) {
            reported = j->done;
            report_progress(j, reported, r);
            continue;
        }
        /* Asked again every 100 ms even when no frame ends, so that a
         * stop request (Ctrl-C in the CLI) is heard during a slow frame. */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 100 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        if (pthread_cond_timedwait(&j->changed, &j->lock, &ts) ==
                ETIMEDOUT &&
            j->opt.progress)
            report_progress(j, j->done, r);
    }
    return reported;
}

/* Starts the workers and waits for them all to end; their first failure
 * is the series'. The lock is held while they start, so that none can
 * count itself out before all are counted in. */
static tcmap_status
run_workers(job *j, crew *c, tcmap_series_result *r, tcmap_error *err)
{
    pthread_mutex_lock(&j->lock);
    for (int t = 0; t < c->n; t++) {
        if (pthread_create(&c->threads[t], NULL, work, &c->ws[t]) != 0)
            break;
        c->n_threads++;
        j->running++;
    }
    if (c->n_threads == 0 && j->n_chunks > 0) {
        pthread_mutex_unlock(&j->lock);
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "series: cannot start a worker thread");
    }
    size_t reported = follow_workers(j, r);
    pthread_mutex_unlock(&j->lock);
    for (int t = 0; t < c->n_threads; t++)
        pthread_join(c->threads[t], NULL);
    if (j->opt.progress && j->done != reported && !r->stopped &&
        j->opt.progress(j->opt.progress_user, j->done, r->total))
        r->stopped = 1;
    r->drawn = j->drawn;
    r->reused = j->reused;
    if (j->status != TCMAP_OK && err)
        *err = j->err;
    return j->status;
}

static void
free_workers(crew *c)
{
    for (int t = 0; c->ws && t < c->n; t++) {
        worker *w = &c->ws[t];
        if (w->body)
            cairo_surface_destroy(w->body);
        if (w->frame)
            cairo_surface_destroy(w->frame);
        if (w->fade_from)
            cairo_surface_destroy(w->fade_from);
        if (w->fade_to)
            cairo_surface_destroy(w->fade_to);
        if (w->bytes)
            g_byte_array_unref(w->bytes);
        if (w->marked)
            g_byte_array_unref(w->marked);
        tcmap__png_bands_clear(&w->bands);
    }
    free(c->ws);
    free(c->threads);
}

tcmap_status
tcmap_series_render(const tcmap_series *s, const char *pattern,
                    const tcmap_series_options *opt,
                    tcmap_series_result *res, tcmap_error *err)
{
    tcmap__error_clear(err);
    tcmap_series_result r = {.size = sizeof r};
    if (res && tcmap__opts_write(res, &r, sizeof r, "tcmap_series_result",
                                 err) != TCMAP_OK)
        return TCMAP_ERR_ARG;
    tcmap_series_options so;
    TCMAP__OPTS_TAKE(opt, so, "tcmap_series_options", err);
    tcmap_render_options ro;
    const tcmap_render_options *given = opt ? opt->render : NULL;
    TCMAP__OPTS_TAKE(given, ro, "tcmap_render_options", err);
    if (!s || (!pattern && !(opt && opt->sink)))
        return tcmap__error(err, TCMAP_ERR_ARG, "series: NULL argument");
    job *j = job_new(s, pattern, opt, given);
    crew c = {0};
    tcmap_status st = TCMAP_OK;
    if (!j)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "out of memory");
    if ((st = check_shards_and_sink(j, err)) != TCMAP_OK ||
        (st = pick_format(j, err)) != TCMAP_OK ||
        (st = check_format(j, err)) != TCMAP_OK ||
        (st = tcmap__names_check(s->map->geo, j->render.names, err)) !=
            TCMAP_OK ||
        (st = settle_size(j, err)) != TCMAP_OK)
        goto out;
    j->dated = prints_date(j);
    j->mark = tcmap__series_mark(j->s, &j->render, j->width, j->height,
                                 j->format);
    if ((st = list_frames(j, &r, err)) != TCMAP_OK)
        goto out;
    cut_chunks(j);
    if ((st = count_workers(j, &c.n, err)) != TCMAP_OK)
        goto out;
    r.jobs = c.n;
    if ((st = make_workers(j, &c, err)) == TCMAP_OK)
        st = run_workers(j, &c, &r, err);
out:
    free_workers(&c);
    job_free(j);
    if (res)
        tcmap__opts_write(res, &r, sizeof r, "tcmap_series_result", NULL);
    return st;
}
