/* binrec.c - the record format of the products files (binrec.h), once
 * for the geodata's products and the tables'. */
#include "core/binrec.h"
#include "core/afile.h"
#include "core/error.h"

#include <errno.h>

#include <stdio.h>
#include <string.h>
#include <zlib.h>

void
tcmap__put_u64(GByteArray *b, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_byte_array_append(b, (const guint8 *)&v, sizeof v);
}

void
tcmap__put_f64(GByteArray *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, sizeof v);
    tcmap__put_u64(b, v);
}

void
tcmap__put_str(GByteArray *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    tcmap__put_u64(b, s ? n + 1 : 0);
    g_byte_array_append(b, (const guint8 *)(s ? s : ""), (guint)n);
}

void
tcmap__binrec_seal(GByteArray *b)
{
    /* zlib takes at most 4 GiB at once; a products file is at most 1. */
    tcmap__put_u64(b, crc32(0, b->data, (uInt)b->len));
}

int
tcmap__binrec_open(const void *data, size_t len, size_t least,
                   tcmap__cursor *d)
{
    *d = (tcmap__cursor){0};
    if (len < least + TCMAP__BINREC_TAIL)
        return 0;
    size_t body = len - TCMAP__BINREC_TAIL;
    tcmap__cursor tail = {.p = (const guint8 *)data + body,
                          .left = TCMAP__BINREC_TAIL};
    if (tcmap__get_u64(&tail) != crc32(0, data, (uInt)body))
        return 0;
    *d = (tcmap__cursor){.p = data, .left = body};
    return 1;
}

uint64_t
tcmap__get_u64(tcmap__cursor *d)
{
    uint64_t v;
    if (d->bad || d->left < sizeof v) {
        d->bad = 1;
        return 0;
    }
    memcpy(&v, d->p, sizeof v);
    d->p += sizeof v, d->left -= sizeof v;
    return GUINT64_FROM_LE(v);
}

const guint8 *
tcmap__get_bytes(tcmap__cursor *d, uint64_t n)
{
    if (d->bad || n > d->left) {
        d->bad = 1;
        return NULL;
    }
    const guint8 *at = d->p;
    d->p += n, d->left -= n;
    return at;
}

void
tcmap__key_u64(GChecksum *c, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_checksum_update(c, (const guchar *)&v, sizeof v);
}

void
tcmap__key_bytes(GChecksum *c, const void *s, size_t n)
{
    tcmap__key_u64(c, s ? (uint64_t)n + 1 : 0);
    if (s && n)
        g_checksum_update(c, s, (gssize)n);
}

void
tcmap__key_str(GChecksum *c, const char *s)
{
    tcmap__key_bytes(c, s, s ? strlen(s) : 0);
}

char *
tcmap__binrec_cache_path(const char *prefix, const uint8_t *key, size_t n)
{
    GString *name = g_string_new(prefix);
    for (size_t i = 0; i < n; i++)
        g_string_append_printf(name, "%02x", key[i]);
    g_string_append(name, ".products");
    char *path = g_build_filename(g_get_user_cache_dir(), "tcmap", name->str,
                                  NULL);
    g_string_free(name, TRUE);
    return path;
}

tcmap_status
tcmap__binrec_write(const char *path, const GByteArray *b, tcmap_error *err)
{
    char *dir = g_path_get_dirname(path);
    int made = g_mkdir_with_parents(dir, 0700) == 0;
    tcmap_status st =
        made ? tcmap__afile_write_ex(path, b->data, b->len, TCMAP__AFILE_NEW,
                                     err)
             : tcmap__error(err, TCMAP_ERR_IO, "%s: %s", dir,
                            g_strerror(errno));
    g_free(dir);
    return st;
}
