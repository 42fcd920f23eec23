/* binrec.h - the little-endian records both products files are made of
 * (groundcache.c, tablecache.c): numbers and strings appended to a byte
 * array, read back through a cursor that turns "bad" rather than read
 * past the end, a CRC-32 trailer, the digest helpers of their keys and
 * the cache file named by a key. */
#ifndef TCMAP_BINREC_H
#define TCMAP_BINREC_H

#include "tcmap.h"

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes of the trailer: the CRC-32 of what precedes it, as a u64. */
#define TCMAP__BINREC_TAIL 8

void
tcmap__put_u64(GByteArray *b, uint64_t v);

void
tcmap__put_f64(GByteArray *b, double d);

/* Its length + 1 (0 for NULL), then its bytes without the NUL. */
void
tcmap__put_str(GByteArray *b, const char *s);

/* Appends the CRC-32 of everything in b so far. */
void
tcmap__binrec_seal(GByteArray *b);

/* A cursor over a record; `bad` once anything is out of place, after which
 * every read gives 0 or NULL. */
typedef struct tcmap__cursor {
    const guint8 *p;
    size_t left;
    int bad;
} tcmap__cursor;

/* A cursor over data[0..len) less its trailer when len holds at least
 * `least` bytes before it and the trailer is their CRC-32; else 0. */
int
tcmap__binrec_open(const void *data, size_t len, size_t least,
                   tcmap__cursor *d);

uint64_t
tcmap__get_u64(tcmap__cursor *d);

/* The next n bytes, or NULL (and bad) when fewer are left. */
const guint8 *
tcmap__get_bytes(tcmap__cursor *d, uint64_t n);

/* Keys: length first, so that ("ab", "c") and ("a", "bc") differ; NULL
 * is 0. */
void
tcmap__key_u64(GChecksum *c, uint64_t v);

void
tcmap__key_bytes(GChecksum *c, const void *s, size_t n);

void
tcmap__key_str(GChecksum *c, const char *s);

/* Writes b to path as a new file (afile.c: a temporary file renamed into
 * place, never over another's), making its folder (0700) first. */
tcmap_status
tcmap__binrec_write(const char *path, const GByteArray *b, tcmap_error *err);

/* $XDG_CACHE_HOME/tcmap/PREFIXHEX.products for key[0..n) (g_free). */
char *
tcmap__binrec_cache_path(const char *prefix, const uint8_t *key, size_t n);

#endif
