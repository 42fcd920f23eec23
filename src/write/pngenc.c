/* pngenc.c - the write stage's PNG encoder for frame series. Cairo's own
 * writer compresses at zlib's default level with adaptive filters, which
 * takes several times as long as drawing the map; here the caller picks
 * the trade between file size and time (tcmap_png_level). The chunks are
 * written with zlib directly so that an image can be compressed in two
 * independent deflate streams (PNG allows any number of IDAT chunks
 * holding one zlib stream): a single image compresses its two halves at
 * the same time, and a frame series compresses bands of rows and only
 * those that changed since its last frame. */
#include "write/pngenc.h"
#include "core/afile.h"
#include "core/error.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>

/* ---- zlib directly: split streams ---- */

static void
put32(GByteArray *a, uint32_t v)
{
    guint8 b[4] = {v >> 24, v >> 16, v >> 8, v};
    g_byte_array_append(a, b, 4);
}

/* Appends a chunk: length, type, data, CRC of type + data. */
static void
put_chunk(GByteArray *a, const char *type, const guint8 *data, size_t len)
{
    put32(a, (uint32_t)len);
    g_byte_array_append(a, (const guint8 *)type, 4);
    if (len)
        g_byte_array_append(a, data, (guint)len);
    uLong crc = crc32(0, (const Bytef *)type, 4);
    if (len) /* crc32() with a NULL buffer restarts at 0 */
        crc = crc32(crc, data, (uInt)len);
    put32(a, (uint32_t)crc);
}

/* The PNG signature and an IHDR of 8 bits per sample in colour type
 * `colour` (2 RGB, 3 indexed): deflate, adaptive filtering, no interlace. */
static void
put_head(GByteArray *out, int w, int h, guint8 colour)
{
    static const guint8 sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    g_byte_array_append(out, sig, 8);
    guint8 ihdr[13] = {0};
    for (int k = 0; k < 4; k++) {
        ihdr[k] = (guint8)((uint32_t)w >> (24 - 8 * k));
        ihdr[4 + k] = (guint8)((uint32_t)h >> (24 - 8 * k));
    }
    ihdr[8] = 8;
    ihdr[9] = colour;
    put_chunk(out, "IHDR", ihdr, sizeof ihdr);
}


/* Rows [y0, y1) as PNG filter type None + RGB bytes. Measured on the
 * default map (bench/README.md), zlib level 1 on unfiltered rows is both
 * the fastest and about the smallest of the quick settings: a map is long
 * runs of flat colour, which the Sub and Up filters only break up, and
 * run-length or Huffman-only strategies give files 1.5 to 8 times larger
 * for no gain in time. */
static void
filter_rows(cairo_surface_t *img, int y0, int y1, guint8 *dst)
{
    int w = cairo_image_surface_get_width(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    size_t rl = 1 + 3 * (size_t)w;
    for (int y = y0; y < y1; y++) {
        const uint32_t *px = (const uint32_t *)(data + (size_t)y * stride);
        guint8 *o = dst + (size_t)(y - y0) * rl;
        *o++ = 0;
        for (int x = 0; x < w; x++) {
            /* Cairo's pixel is a native-endian 0xXXRRGGBB. */
            uint32_t p = px[x];
            *o++ = (guint8)(p >> 16);
            *o++ = (guint8)(p >> 8);
            *o++ = (guint8)p;
        }
    }
}

/* Rows filtered and deflated at a time: zlib's output does not depend on
 * how its input is handed over, and a frame's 2.9 MB of filtered rows and
 * a compressed buffer sized for the worst case (4 MB each for the two
 * halves) were a sixth of a single map's peak memory. */
enum { CHUNK_ROWS = 32 };

/* Runs deflate over what z holds with `flush`, growing out as needed;
 * *used is how much of out holds the stream. */
static int
deflate_into(z_stream *z, int flush, GByteArray *out, size_t *used)
{
    int rc;
    for (;;) {
        if (out->len - *used < 16384)
            g_byte_array_set_size(out, (guint)(*used + 65536 + *used / 2));
        z->next_out = out->data + *used;
        z->avail_out = (uInt)(out->len - *used);
        rc = deflate(z, flush);
        *used = (size_t)(z->next_out - out->data);
        if (rc == Z_STREAM_ERROR || (flush == Z_FINISH && rc == Z_STREAM_END))
            return rc;
        if (z->avail_out != 0 && flush != Z_FINISH)
            return rc;
    }
}

/* Deflates rows [y0, y1) as a raw stream; `last` ends it with the final
 * block, else with a full flush (byte-aligned, no back-references across),
 * so that another stream may follow. */
static tcmap_status
deflate_rows(cairo_surface_t *img, int y0, int y1, tcmap_png_level level,
             int last, GByteArray *out, uLong *adler, size_t *raw_len,
             tcmap_error *err)
{
    int w = cairo_image_surface_get_width(img);
    size_t rl = 1 + 3 * (size_t)w;
    /* Under a memory limit a failed allocation is an error to report, not
     * g_malloc's abort. */
    guint8 *raw = g_try_malloc(CHUNK_ROWS * rl);
    if (!raw)
        return tcmap__error(err, TCMAP_ERR_NOMEM,
                            "out of memory for %zu bytes of image rows",
                            CHUNK_ROWS * rl);
    z_stream z;
    memset(&z, 0, sizeof z);
    int zlevel = level == TCMAP_PNG_SMALL ? 9 : 1;
    if (deflateInit2(&z, zlevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        g_free(raw);
        return tcmap__error(err, TCMAP_ERR_BACKEND, "zlib: cannot start");
    }
    *adler = adler32(0, NULL, 0);
    *raw_len = (size_t)(y1 - y0) * rl;
    size_t used = out->len;
    int rc = Z_OK, y = y0;
    do {
        int y2 = y1 - y > CHUNK_ROWS ? y + CHUNK_ROWS : y1;
        size_t n = (size_t)(y2 - y) * rl;
        filter_rows(img, y, y2, raw);
        *adler = adler32(*adler, raw, (uInt)n);
        z.next_in = raw;
        z.avail_in = (uInt)n;
        int flush = y2 < y1 ? Z_NO_FLUSH : last ? Z_FINISH : Z_FULL_FLUSH;
        rc = deflate_into(&z, flush, out, &used);
        y = y2;
    } while (y < y1 && rc == Z_OK);
    /* Z_BUF_ERROR: a flush that had nothing left to write. */
    int ok = last ? rc == Z_STREAM_END
                  : (rc == Z_OK || rc == Z_BUF_ERROR) && z.avail_in == 0;
    g_byte_array_set_size(out, (guint)used);
    deflateEnd(&z);
    g_free(raw);
    if (!ok)
        return tcmap__error(err, TCMAP_ERR_BACKEND, "zlib: deflate failed");
    return TCMAP_OK;
}

void
tcmap__png_tail_clear(tcmap__png_tail *t)
{
    if (t->idat)
        g_byte_array_unref(t->idat);
    memset(t, 0, sizeof *t);
}

tcmap_status
tcmap__png_tail_build(cairo_surface_t *img, int split, tcmap_png_level level,
                      tcmap__png_tail *t, tcmap_error *err)
{
    int h = cairo_image_surface_get_height(img);
    if (split < 0 || split > h ||
        cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG, "png: bad tail request");
    cairo_surface_flush(img);
    tcmap__png_tail_clear(t);
    GByteArray *data = g_byte_array_new();
    tcmap_status st = deflate_rows(img, split, h, level, 1, data, &t->adler,
                                   &t->raw_len, err);
    if (st == TCMAP_OK) {
        t->idat = g_byte_array_new();
        put_chunk(t->idat, "IDAT", data->data, data->len);
        t->split = split;
        t->width = cairo_image_surface_get_width(img);
        t->height = h;
        t->level = level;
    }
    g_byte_array_unref(data);
    return st;
}

/* Signature, IHDR, the head rows' stream (zlib header, deflate data that
 * ends in a full flush), the tail's IDAT chunk, the Adler-32 of all rows
 * and IEND. */
static void
assemble(int w, int h, const GByteArray *head, uLong head_adler,
         const tcmap__png_tail *t, GByteArray *out)
{
    put_head(out, w, h, 2);
    put_chunk(out, "IDAT", head->data, head->len);
    g_byte_array_append(out, t->idat->data, t->idat->len);
    uLong all = adler32_combine(head_adler, t->adler, (z_off_t)t->raw_len);
    guint8 a[4] = {all >> 24, all >> 16, all >> 8, all};
    put_chunk(out, "IDAT", a, 4);
    put_chunk(out, "IEND", NULL, 0);
}

/* The head rows [0, split): zlib header and a flushed deflate stream. */
static tcmap_status
deflate_head(cairo_surface_t *img, int split, tcmap_png_level level,
             GByteArray *head, uLong *adler, tcmap_error *err)
{
    static const guint8 zhdr[2] = {0x78, 0x01};
    size_t raw_len = 0;
    g_byte_array_append(head, zhdr, 2);
    return deflate_rows(img, 0, split, level, 0, head, adler, &raw_len, err);
}

typedef struct tail_job {
    cairo_surface_t *img;
    int split;
    tcmap_png_level level;
    tcmap__png_tail t;
    tcmap_status st;
    tcmap_error err;
} tail_job;

static gpointer
tail_thread(gpointer data)
{
    tail_job *j = data;
    j->st = tcmap__png_tail_build(j->img, j->split, j->level, &j->t, &j->err);
    return NULL;
}

tcmap_status
tcmap__png_encode(cairo_surface_t *img, tcmap_png_level level, GByteArray *out,
                  tcmap_error *err)
{
    if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "png: the surface is not RGB24");
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    /* Deflate is most of the cost of a single map (about as much as
     * drawing it): the two halves of the image are compressed as two
     * streams, the lower one on a second thread when there is a second
     * core. Where the image is cut does not depend on the thread, so the
     * bytes are the same either way. */
    tail_job job = {.img = img, .split = h / 2, .level = level};
    GThread *th = NULL;
    if (g_get_num_processors() > 1 && (size_t)w * h >= 256 * 256)
        th = g_thread_try_new("tcmap-png", tail_thread, &job, NULL);
    if (!th)
        tail_thread(&job);
    GByteArray *head = g_byte_array_new();
    uLong adler = 0;
    tcmap_status st = deflate_head(img, job.split, level, head, &adler, err);
    if (th)
        g_thread_join(th);
    if (st == TCMAP_OK && job.st != TCMAP_OK)
        st = tcmap__error(err, job.st, "%s", job.err.message);
    if (st == TCMAP_OK)
        assemble(w, h, head, adler, &job.t, out);
    g_byte_array_unref(head);
    tcmap__png_tail_clear(&job.t);
    return st;
}

/* ---- frame series: bands compressed once, reused while unchanged ---- */

static atomic_ulong bands_compressed, bands_reused;

void
tcmap__png_band_counts(unsigned long *compressed, unsigned long *reused)
{
    *compressed = atomic_load(&bands_compressed);
    *reused = atomic_load(&bands_reused);
}

void
tcmap__png_bands_clear(tcmap__png_bands *b)
{
    for (int k = 0; b->band && k < b->n; k++)
        if (b->band[k].idat)
            g_byte_array_unref(b->band[k].idat);
    g_free(b->band);
    g_free(b->pixels);
    memset(b, 0, sizeof *b);
}

/* (Re)makes the cache for an image of w x h at `level`: no band known. */
static tcmap_status
bands_start(tcmap__png_bands *b, int w, int h, size_t stride,
            tcmap_png_level level, tcmap_error *err)
{
    unsigned long c = b->compressed, r = b->reused;
    tcmap__png_bands_clear(b);
    b->compressed = c, b->reused = r;
    int n = (h + TCMAP__PNG_BAND - 1) / TCMAP__PNG_BAND;
    b->band = g_try_new0(tcmap__png_band, n ? n : 1);
    b->pixels = g_try_malloc(stride * (size_t)h + 1);
    if (!b->band || !b->pixels) {
        tcmap__png_bands_clear(b);
        return tcmap__error(err, TCMAP_ERR_NOMEM,
                            "out of memory for a %dx%d frame's rows", w, h);
    }
    b->width = w, b->height = h, b->n = n, b->level = level;
    b->stride = stride;
    /* An empty chunk: a band not compressed yet. */
    for (int k = 0; k < n; k++)
        b->band[k].idat = g_byte_array_new();
    return TCMAP_OK;
}

/* Compresses rows [y0, y1) into band->idat as a whole IDAT chunk: a raw
 * deflate stream of their own, ended by a full flush (byte-aligned, so the
 * next band's stream may follow). z is a raw stream, reset here. */
static int
band_compress(cairo_surface_t *img, int y0, int y1, z_stream *z,
              guint8 *raw, tcmap__png_band *band)
{
    size_t rl = 1 + 3 * (size_t)cairo_image_surface_get_width(img);
    size_t n = (size_t)(y1 - y0) * rl;
    filter_rows(img, y0, y1, raw);
    band->adler = adler32(adler32(0, NULL, 0), raw, (uInt)n);
    if (deflateReset(z) != Z_OK)
        return 0;
    GByteArray *d = band->idat;
    g_byte_array_set_size(d, 8); /* length and type, filled in below */
    size_t used = 8;
    z->next_in = raw;
    z->avail_in = (uInt)n;
    int rc = deflate_into(z, Z_FULL_FLUSH, d, &used);
    g_byte_array_set_size(d, (guint)used);
    if (!((rc == Z_OK || rc == Z_BUF_ERROR) && z->avail_in == 0))
        return 0;
    uint32_t len = (uint32_t)(used - 8);
    guint8 head[8] = {len >> 24, len >> 16, len >> 8, len, 'I', 'D', 'A', 'T'};
    memcpy(d->data, head, 8);
    put32(d, (uint32_t)crc32(0, d->data + 4, (uInt)(used - 4)));
    return 1;
}

/* Compresses the bands of img that differ from b's last image. */
static tcmap_status
bands_update(cairo_surface_t *img, tcmap__png_bands *b, tcmap_error *err)
{
    const unsigned char *data = cairo_image_surface_get_data(img);
    size_t rl = 1 + 3 * (size_t)b->width;
    guint8 *raw = g_try_malloc(TCMAP__PNG_BAND * rl);
    z_stream z;
    memset(&z, 0, sizeof z);
    int zlevel = b->level == TCMAP_PNG_SMALL ? 9 : 1;
    if (!raw || deflateInit2(&z, zlevel, Z_DEFLATED, -15, 8,
                             Z_DEFAULT_STRATEGY) != Z_OK) {
        g_free(raw);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "zlib: cannot start");
    }
    int ok = 1;
    for (int k = 0; ok && k < b->n; k++) {
        int y0 = k * TCMAP__PNG_BAND;
        int y1 = y0 + TCMAP__PNG_BAND < b->height ? y0 + TCMAP__PNG_BAND
                                                  : b->height;
        size_t off = (size_t)y0 * b->stride;
        size_t len = (size_t)(y1 - y0) * b->stride;
        if (b->band[k].idat->len &&
            !memcmp(b->pixels + off, data + off, len)) {
            b->reused++;
            atomic_fetch_add_explicit(&bands_reused, 1, memory_order_relaxed);
            continue;
        }
        memcpy(b->pixels + off, data + off, len);
        ok = band_compress(img, y0, y1, &z, raw, &b->band[k]);
        b->compressed++;
        atomic_fetch_add_explicit(&bands_compressed, 1,
                                  memory_order_relaxed);
    }
    deflateEnd(&z);
    g_free(raw);
    if (!ok) {
        /* A band half written must not be taken for its pixels. */
        tcmap__png_bands_clear(b);
        return tcmap__error(err, TCMAP_ERR_BACKEND, "zlib: deflate failed");
    }
    return TCMAP_OK;
}

tcmap_status
tcmap__png_encode_bands(cairo_surface_t *img, tcmap_png_level level,
                        tcmap__png_bands *b, GByteArray *out,
                        tcmap_error *err)
{
    if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "png: the surface is not RGB24");
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    size_t stride = (size_t)cairo_image_surface_get_stride(img);
    tcmap_status st;
    if (!b->band || b->width != w || b->height != h || b->level != level ||
        b->stride != stride)
        if ((st = bands_start(b, w, h, stride, level, err)) != TCMAP_OK)
            return st;
    if ((st = bands_update(img, b, err)) != TCMAP_OK)
        return st;
    /* The zlib header, the bands' streams one after the other, an empty
     * final block (fixed Huffman: BFINAL, BTYPE 01, end of block) and the
     * Adler-32 of all rows, combined from the bands'. */
    static const guint8 zhdr[2] = {0x78, 0x01};
    put_head(out, w, h, 2);
    put_chunk(out, "IDAT", zhdr, 2);
    size_t rl = 1 + 3 * (size_t)w;
    uLong all = adler32(0, NULL, 0);
    for (int k = 0; k < b->n; k++) {
        const GByteArray *d = b->band[k].idat;
        g_byte_array_append(out, d->data, d->len);
        int rows = h - k * TCMAP__PNG_BAND < TCMAP__PNG_BAND
                       ? h - k * TCMAP__PNG_BAND
                       : TCMAP__PNG_BAND;
        all = adler32_combine(all, b->band[k].adler,
                              (z_off_t)((size_t)rows * rl));
    }
    guint8 end[6] = {0x03, 0x00, all >> 24, all >> 16, all >> 8, all};
    put_chunk(out, "IDAT", end, 6);
    put_chunk(out, "IEND", NULL, 0);
    return TCMAP_OK;
}

/* ---- small images for pages: a palette where it fits ---- */

/* Index of colour c in the palette, adding it; -1 when full. */
static int
palette_index(GHashTable *index, uint32_t *pal, int *n, uint32_t c)
{
    gpointer hit = g_hash_table_lookup(index, GUINT_TO_POINTER(c + 1));
    if (hit)
        return GPOINTER_TO_INT(hit) - 1;
    if (*n == 256)
        return -1;
    pal[*n] = c;
    g_hash_table_insert(index, GUINT_TO_POINTER(c + 1),
                        GINT_TO_POINTER(*n + 1));
    return (*n)++;
}

tcmap_status
tcmap__png_encode_small(cairo_surface_t *img, GByteArray *out,
                        tcmap_error *err)
{
    cairo_format_t fmt = cairo_image_surface_get_format(img);
    if (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG,
                            "png: only RGB24 and ARGB32 surfaces");
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *px = cairo_image_surface_get_data(img);
    /* Only fully transparent or opaque pixels are expected (a page's
     * layers); anything else, or more than 256 colours, goes to Cairo's
     * writer, which keeps every pixel. */
    GHashTable *index = g_hash_table_new(g_direct_hash, g_direct_equal);
    uint32_t pal[256];
    int n = 0, ok = 1;
    size_t raw_len = (size_t)h * ((size_t)w + 1);
    guint8 *raw = g_malloc(raw_len);
    for (int y = 0; y < h && ok; y++) {
        const uint32_t *row = (const uint32_t *)(px + (size_t)y * stride);
        guint8 *dst = raw + (size_t)y * ((size_t)w + 1);
        dst[0] = 0; /* filter None: indices do not predict */
        for (int x = 0; x < w && ok; x++) {
            uint32_t c = fmt == CAIRO_FORMAT_RGB24 ? row[x] | 0xff000000u
                         : (row[x] >> 24) == 0     ? 0
                                                   : row[x];
            if ((c >> 24) != 0 && (c >> 24) != 0xff) {
                ok = 0;
                break;
            }
            int k = palette_index(index, pal, &n, c);
            if (k < 0)
                ok = 0;
            else
                dst[1 + x] = (guint8)k;
        }
    }
    g_hash_table_destroy(index);
    tcmap_status st = TCMAP_OK;
    if (!ok) {
        g_free(raw);
        cairo_status_t cs =
            cairo_surface_write_to_png_stream(img, tcmap__bytes_write, out);
        if (cs != CAIRO_STATUS_SUCCESS)
            st = tcmap__error(err, TCMAP_ERR_BACKEND, "png: %s",
                              cairo_status_to_string(cs));
        return st;
    }
    uLongf zlen = compressBound((uLong)raw_len);
    guint8 *z = g_malloc(zlen);
    if (compress2(z, &zlen, raw, (uLong)raw_len, 9) != Z_OK) {
        g_free(z);
        g_free(raw);
        return tcmap__error(err, TCMAP_ERR_BACKEND, "png: zlib failed");
    }
    put_head(out, w, h, 3);
    guint8 plte[3 * 256], trns[256];
    int n_trns = 0;
    for (int k = 0; k < n; k++) {
        plte[3 * k] = (guint8)(pal[k] >> 16);
        plte[3 * k + 1] = (guint8)(pal[k] >> 8);
        plte[3 * k + 2] = (guint8)pal[k];
        trns[k] = (guint8)(pal[k] >> 24);
        if (trns[k] != 0xff)
            n_trns = k + 1;
    }
    put_chunk(out, "PLTE", plte, (size_t)n * 3);
    if (n_trns)
        put_chunk(out, "tRNS", trns, (size_t)n_trns);
    put_chunk(out, "IDAT", z, zlen);
    put_chunk(out, "IEND", NULL, 0);
    g_free(z);
    g_free(raw);
    return TCMAP_OK;
}

/* pHYs, tIME and iTXt go right after IHDR (pHYs must come before the
 * first IDAT); the rest of the file is left as it is. Layout programs read
 * the print size from pHYs (without it they assume 72 dpi), asset systems
 * the file's date from tIME, and iTXt is the one text chunk that carries
 * UTF-8 (the XMP packet too, under its registered keyword). */
void
tcmap__png_add_meta(GByteArray *png, double dpi, const char *title,
                    const char *description, const char *xmp,
                    const struct tm *made)
{
    enum { AFTER_IHDR = 8 + 12 + 13 };
    if (!png || png->len < AFTER_IHDR)
        return;
    GByteArray *add = g_byte_array_new();
    if (dpi > 0) {
        uint32_t ppm = (uint32_t)lround(dpi / 0.0254);
        guint8 phys[9] = {ppm >> 24, ppm >> 16, ppm >> 8, ppm,
                          ppm >> 24, ppm >> 16, ppm >> 8, ppm, 1};
        put_chunk(add, "pHYs", phys, sizeof phys);
    }
    if (made) {
        int year = made->tm_year + 1900;
        guint8 t[7] = {(guint8)(year >> 8), (guint8)year,
                       (guint8)(made->tm_mon + 1), (guint8)made->tm_mday,
                       (guint8)made->tm_hour, (guint8)made->tm_min,
                       (guint8)(made->tm_sec > 59 ? 59 : made->tm_sec)};
        put_chunk(add, "tIME", t, sizeof t);
    }
    const char *keys[3] = {"Title", "Description", "XML:com.adobe.xmp"};
    const char *vals[3] = {title, description, xmp};
    for (int i = 0; i < 3; i++) {
        if (!vals[i] || !vals[i][0])
            continue;
        /* keyword, NUL, compression flag and method 0, empty language
         * tag and translated keyword, each NUL-ended, then the text. */
        GByteArray *d = g_byte_array_new();
        g_byte_array_append(d, (const guint8 *)keys[i],
                            (guint)strlen(keys[i]));
        static const guint8 mid[5] = {0, 0, 0, 0, 0};
        g_byte_array_append(d, mid, 5);
        g_byte_array_append(d, (const guint8 *)vals[i],
                            (guint)strlen(vals[i]));
        put_chunk(add, "iTXt", d->data, d->len);
        g_byte_array_unref(d);
    }
    GByteArray *rest = g_byte_array_new();
    g_byte_array_append(rest, png->data + AFTER_IHDR,
                        png->len - AFTER_IHDR);
    g_byte_array_set_size(png, AFTER_IHDR);
    g_byte_array_append(png, add->data, add->len);
    g_byte_array_append(png, rest->data, rest->len);
    g_byte_array_unref(rest);
    g_byte_array_unref(add);
}

/* ---- a series' mark, and checking a kept frame ---- */

#define SIG_LEN 8
static const guint8 png_sig[SIG_LEN] = {0x89, 'P', 'N', 'G',
                                        '\r', '\n', 0x1a, '\n'};

static uint32_t
get32(const guint8 *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

void
tcmap__png_with_text(const guint8 *png, size_t len, const char *key,
                     const char *text, GByteArray *out)
{
    /* After the signature and IHDR (8 + 12 + 13 bytes), where readers
     * expect ancillary chunks. */
    size_t at = SIG_LEN + 12 + 13;
    g_byte_array_set_size(out, 0);
    g_byte_array_append(out, png, (guint)(len < at ? len : at));
    GByteArray *data = g_byte_array_new();
    g_byte_array_append(data, (const guint8 *)key, (guint)strlen(key) + 1);
    g_byte_array_append(data, (const guint8 *)text, (guint)strlen(text));
    put_chunk(out, "tEXt", data->data, data->len);
    g_byte_array_free(data, TRUE);
    if (len > at)
        g_byte_array_append(out, png + at, (guint)(len - at));
}

int
tcmap__png_check(const guint8 *png, size_t len, int *width, int *height,
                 const char *key, char **text)
{
    size_t at = SIG_LEN, keylen = key ? strlen(key) : 0;
    int ihdr = 0;
    if (text)
        *text = NULL;
    if (len < SIG_LEN || memcmp(png, png_sig, SIG_LEN))
        return 0;
    while (len - at >= 12) {
        uint32_t n = get32(png + at);
        const guint8 *type = png + at + 4, *data = type + 4;
        if (n > len - at - 12)
            return 0;
        uLong crc = crc32(0, type, 4);
        if (n)
            crc = crc32(crc, data, n);
        if (crc != get32(data + n))
            return 0;
        if (!ihdr) {
            /* IHDR first, always 13 bytes. */
            if (memcmp(type, "IHDR", 4) || n != 13)
                return 0;
            ihdr = 1;
            if (width)
                *width = (int)get32(data);
            if (height)
                *height = (int)get32(data + 4);
        } else if (!memcmp(type, "tEXt", 4) && key && text && !*text &&
                   n > keylen && !memcmp(data, key, keylen) &&
                   data[keylen] == '\0') {
            *text = g_strndup((const char *)data + keylen + 1,
                              n - keylen - 1);
        } else if (!memcmp(type, "IEND", 4)) {
            /* IEND last, and nothing after it. */
            if (n == 0 && at + 12 == len)
                return 1;
            break;
        }
        at += 12 + (size_t)n;
    }
    if (text) {
        g_free(*text);
        *text = NULL;
    }
    return 0;
}
