/* crsmemo.c - the memo of a map CRS (crsmemo.h): a small binary file in
 * the user's cache, read with GLib and zlib alone, so that a run whose
 * CRS and extent were seen before makes no GDAL/OSR/PROJ call for them.
 * Form: "TCMAPCRS", format, the CRS as given, a box count, per box the
 * lon/lat box and its projection (8 doubles), a CRC-32; little-endian. */
#include "load/crsmemo.h"
#include "core/afile.h"
#include "core/safeopen.h"

#include <gdal_version.h>
#include <glib.h>
#include <math.h>
#if __has_include(<proj.h>)
#include <proj.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define MAGIC "TCMAPCRS"
#define FORMAT 1
#define MAX_BOXES 8
#define MAX_BYTES 4096

typedef struct memo {
    size_t n;
    double box[MAX_BOXES][8]; /* lon/lat box, then map box */
} memo;

char *
tcmap__crs_memo_path(const char *crs)
{
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    char versions[64];
#ifdef PROJ_VERSION_MAJOR
    snprintf(versions, sizeof versions, "%s %d.%d.%d", GDAL_RELEASE_NAME,
             PROJ_VERSION_MAJOR, PROJ_VERSION_MINOR, PROJ_VERSION_PATCH);
#else
    snprintf(versions, sizeof versions, "%s", GDAL_RELEASE_NAME);
#endif
    /* NUL-separated: no two (versions, crs) pairs give the same bytes. */
    g_checksum_update(c, (const guchar *)versions, (gssize)strlen(versions) + 1);
    g_checksum_update(c, (const guchar *)crs, (gssize)strlen(crs));
    char *name = g_strdup_printf("crs-%s.memo", g_checksum_get_string(c));
    g_checksum_free(c);
    char *path = g_build_filename(g_get_user_cache_dir(), "tcmap", name,
                                  NULL);
    g_free(name);
    return path;
}

static uint64_t
get_u64(const guint8 **p)
{
    uint64_t v;
    memcpy(&v, *p, sizeof v);
    *p += sizeof v;
    return GUINT64_FROM_LE(v);
}

static void
put_u64(GByteArray *b, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_byte_array_append(b, (const guint8 *)&v, sizeof v);
}

/* The memo of `crs`: 1 when its file is whole, of this format and of
 * this very CRS (not only of its digest). */
static int
memo_read(const char *crs, memo *m)
{
    memset(m, 0, sizeof *m);
    char *path = tcmap__crs_memo_path(crs), *data = NULL;
    size_t len = 0, n = strlen(crs);
    int ok = tcmap__read_regular(path, 0, MAX_BYTES, &data, &len) == 0 &&
             len >= 8 + 3 * 8 + n + 8;
    const guint8 *p = (const guint8 *)data;
    if (ok) {
        uint64_t sum;
        memcpy(&sum, p + len - 8, 8);
        ok = GUINT64_FROM_LE(sum) == crc32(0, p, (uInt)(len - 8)) &&
             !memcmp(p, MAGIC, 8);
        p += 8;
    }
    ok = ok && get_u64(&p) == FORMAT && get_u64(&p) == n &&
         !memcmp(p, crs, n);
    if (ok) {
        p += n;
        m->n = (size_t)get_u64(&p);
        ok = m->n <= MAX_BOXES && len == 8 + 3 * 8 + n + m->n * 64 + 8;
    }
    for (size_t i = 0; ok && i < m->n; i++)
        for (size_t k = 0; k < 8; k++) {
            uint64_t v = get_u64(&p);
            memcpy(&m->box[i][k], &v, sizeof v);
            ok = ok && isfinite(m->box[i][k]);
        }
    if (!ok)
        m->n = 0;
    g_free(data);
    g_free(path);
    return ok;
}

static void
memo_write(const char *crs, const memo *m)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)MAGIC, 8);
    put_u64(b, FORMAT);
    put_u64(b, strlen(crs));
    g_byte_array_append(b, (const guint8 *)crs, (guint)strlen(crs));
    put_u64(b, m->n);
    for (size_t i = 0; i < m->n; i++)
        for (size_t k = 0; k < 8; k++) {
            uint64_t v;
            memcpy(&v, &m->box[i][k], sizeof v);
            put_u64(b, v);
        }
    put_u64(b, crc32(0, b->data, b->len));
    char *path = tcmap__crs_memo_path(crs);
    char *dir = g_path_get_dirname(path);
    if (b->len <= MAX_BYTES && g_mkdir_with_parents(dir, 0700) == 0)
        (void)tcmap__afile_write_ex(path, b->data, b->len,
                                    TCMAP__AFILE_NEW, NULL);
    g_free(dir);
    g_free(path);
    g_byte_array_unref(b);
}

int
tcmap__crs_memo_known(const char *crs)
{
    memo m;
    return memo_read(crs, &m);
}

void
tcmap__crs_memo_keep(const char *crs)
{
    memo m;
    if (!memo_read(crs, &m))
        memo_write(crs, &m);
}

int
tcmap__crs_memo_box(const char *crs, const double e[4], double out[4])
{
    memo m;
    memo_read(crs, &m);
    for (size_t i = 0; i < m.n; i++)
        /* Value by value: memcmp of doubles tells 0.0 from -0.0. */
        if (m.box[i][0] == e[0] && m.box[i][1] == e[1] &&
            m.box[i][2] == e[2] && m.box[i][3] == e[3]) {
            memcpy(out, m.box[i] + 4, 4 * sizeof *out);
            return 1;
        }
    return 0;
}

void
tcmap__crs_memo_keep_box(const char *crs, const double e[4],
                         const double out[4])
{
    memo m;
    double seen[4];
    if (tcmap__crs_memo_box(crs, e, seen))
        return;
    memo_read(crs, &m);
    if (m.n == MAX_BOXES) {
        memmove(m.box[0], m.box[1], (MAX_BOXES - 1) * sizeof m.box[0]);
        m.n--;
    }
    memcpy(m.box[m.n], e, 4 * sizeof *e);
    memcpy(m.box[m.n] + 4, out, 4 * sizeof *out);
    m.n++;
    memo_write(crs, &m);
}
