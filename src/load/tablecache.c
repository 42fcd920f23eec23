/* tablecache.c - the table products file (tablecache.h): the rows a table
 * reader made of a table, as deduplicated text and indices in a small
 * documented binary form (docs/interfaces.md), keyed by a SHA-256 of the
 * table's bytes and read back with GLib and zlib alone (no GDAL). */
#include "load/tablecache.h"
#include "core/binrec.h"
#include "core/error.h"
#include "core/safeopen.h"

#include <gdal_version.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "TCMAPTBL"
#define SUM TCMAP__TABLE_KEY
/* Far beyond any table tcmap reads (TCMAP_MAX_TABLE_ROWS rows): a larger
 * table or products file is not cached or read. */
#define MAX_BYTES ((size_t)1 << 30)

void
tcmap__table_free(tcmap__table *t)
{
    free(t->line);
    free(t->cell);
    g_free(t->text);
    memset(t, 0, sizeof *t);
}

int
tcmap__table_alloc(tcmap__table *t, size_t n_rows, size_t n_cols)
{
    memset(t, 0, sizeof *t);
    if (n_cols && n_rows > SIZE_MAX / n_cols / sizeof *t->cell)
        return -1;
    size_t n_cells = n_rows * n_cols;
    t->line = calloc(n_rows ? n_rows : 1, sizeof *t->line);
    t->cell = calloc(n_cells ? n_cells : 1, sizeof *t->cell);
    if (!t->line || !t->cell) {
        tcmap__table_free(t);
        return -1;
    }
    for (size_t i = 0; i < n_cells; i++)
        t->cell[i] = "";
    t->n_rows = n_rows, t->n_cols = n_cols;
    return 0;
}

static int
str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether the environment variable `var` ("NAME=value") may be one of
 * GDAL's configuration options that change how a table is read. Those
 * that only say where GDAL's files are or how it logs are left out, so
 * that the shipped products serve a set-up that names them. */
static int
gdal_option(const char *var)
{
    static const char *const inert[] = {
        "GDAL_DATA=",      "GDAL_DRIVER_PATH=", "GDAL_CACHEMAX=",
        "GDAL_NUM_THREADS=", "CPL_DEBUG=",      "CPL_LOG=",
        "CPL_LOG_ERRORS=", "CPL_TMPDIR="};
    if (!g_str_has_prefix(var, "GDAL_") && !g_str_has_prefix(var, "OGR_") &&
        !g_str_has_prefix(var, "CPL_"))
        return 0;
    for (size_t i = 0; i < G_N_ELEMENTS(inert); i++)
        if (g_str_has_prefix(var, inert[i]))
            return 0;
    return 1;
}

/* GDAL reads its configuration options from the environment too (a line
 * size limit, a CSV's quoting, a sheet's header rule): each variable
 * GDAL could take for one is part of the key, in name order. */
static void
key_environment(GChecksum *c)
{
    char **env = g_get_environ();
    size_t n = g_strv_length(env);
    qsort(env, n, sizeof *env, str_cmp);
    for (size_t i = 0; i < n; i++)
        if (gdal_option(env[i]))
            tcmap__key_str(c, env[i]);
    tcmap__key_str(c, NULL);
    g_strfreev(env);
}

/* The CSV driver's column types file: the table's name with the
 * extension "csvt" (GDAL's CPLResetExtension). */
static char *
csvt_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    size_t stem = dot && dot > (slash ? slash : path) ? (size_t)(dot - path)
                                                      : strlen(path);
    return g_strdup_printf("%.*s.csvt", (int)stem, path);
}

int
tcmap__tablecache_key(const char *path, const tcmap__table_parser *p,
                      uint8_t key[TCMAP__TABLE_KEY])
{
    char *data = NULL, *side = NULL;
    size_t len = 0, side_len = 0;
    if (tcmap__read_regular(path, 0, MAX_BYTES, &data, &len) != 0)
        return -1;
    char *csvt = csvt_path(path);
    if (tcmap__read_regular(csvt, 0, MAX_BYTES, &side, &side_len) != 0)
        side = NULL;
    GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
    tcmap__key_str(c, MAGIC);
    tcmap__key_u64(c, TCMAP__TABLE_FORMAT);
    tcmap__key_str(c, p->parser);
    tcmap__key_u64(c, p->version);
    for (const char *const *w = p->words; w && *w; w++)
        tcmap__key_str(c, *w);
    tcmap__key_str(c, NULL);
    /* The parse is GDAL's drivers': another GDAL may read otherwise. */
    tcmap__key_str(c, GDAL_RELEASE_NAME);
    key_environment(c);
    char *base = g_path_get_basename(path);
    tcmap__key_str(c, base);
    tcmap__key_bytes(c, data, len);
    tcmap__key_bytes(c, side, side_len);
    gsize n = TCMAP__TABLE_KEY;
    g_checksum_get_digest(c, key, &n);
    g_checksum_free(c);
    g_free(base), g_free(csvt), g_free(side), g_free(data);
    return 0;
}

char *
tcmap__tablecache_path(const tcmap__table_parser *p,
                       const uint8_t key[TCMAP__TABLE_KEY])
{
    char *prefix = g_strdup_printf("table-%s-", p->parser);
    char *path = tcmap__binrec_cache_path(prefix, key, SUM);
    g_free(prefix);
    return path;
}

/* The header, then each distinct cell text once (a source cited by a
 * hundred rows is kept once), then the rows as lines and text indices.
 * NULL when out of memory. */
static GByteArray *
encode(const tcmap__table_parser *p, const uint8_t key[SUM],
       const tcmap__table *t)
{
    size_t n_cells = t->n_rows * t->n_cols;
    uint64_t *ids = calloc(n_cells ? n_cells : 1, sizeof *ids);
    if (!ids)
        return NULL;
    GByteArray *b = g_byte_array_new();
    GHashTable *index = g_hash_table_new(g_str_hash, g_str_equal);
    GByteArray *text = g_byte_array_new();
    for (size_t i = 0; i < n_cells; i++) {
        gpointer v;
        if (g_hash_table_lookup_extended(index, t->cell[i], NULL, &v)) {
            ids[i] = GPOINTER_TO_SIZE(v);
            continue;
        }
        ids[i] = g_hash_table_size(index);
        g_hash_table_insert(index, (gpointer)t->cell[i],
                            GSIZE_TO_POINTER(ids[i]));
        g_byte_array_append(text, (const guint8 *)t->cell[i],
                            (guint)strlen(t->cell[i]) + 1);
    }
    g_byte_array_append(b, (const guint8 *)MAGIC, 8);
    tcmap__put_u64(b, TCMAP__TABLE_FORMAT);
    tcmap__put_str(b, p->parser);
    tcmap__put_u64(b, p->version);
    g_byte_array_append(b, key, SUM);
    tcmap__put_u64(b, t->n_cols);
    tcmap__put_u64(b, t->n_rows);
    tcmap__put_u64(b, g_hash_table_size(index));
    tcmap__put_u64(b, text->len);
    g_byte_array_append(b, text->data, text->len);
    for (size_t r = 0; r < t->n_rows; r++) {
        tcmap__put_u64(b, (uint64_t)(int64_t)t->line[r]);
        for (size_t k = 0; k < t->n_cols; k++)
            tcmap__put_u64(b, ids[r * t->n_cols + k]);
    }
    /* A CRC-32 tells a damaged file (a flipped bit, a cut) for a
     * hundredth of a SHA-256's instructions; the key is the digest. */
    tcmap__binrec_seal(b);
    free(ids);
    g_byte_array_unref(text);
    g_hash_table_destroy(index);
    return b;
}

tcmap_status
tcmap__tablecache_write(const char *file, const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY],
                        const tcmap__table *t, tcmap_error *err)
{
    GByteArray *b = encode(p, key, t);
    if (!b)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "%s: out of memory", file);
    tcmap_status st = tcmap__binrec_write(file, b, err);
    g_byte_array_unref(b);
    return st;
}

void
tcmap__tablecache_store(const char *path, const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY],
                        const tcmap__table *t)
{
    uint8_t now[SUM];
    if (tcmap__tablecache_key(path, p, now) != 0 || memcmp(now, key, SUM))
        return; /* changed while GDAL read it: these rows are not its */
    char *file = tcmap__tablecache_path(p, key);
    (void)tcmap__tablecache_write(file, p, key, t, NULL);
    g_free(file);
}

/* ---- reading ---- */

/* This format, this parser and version, this key. */
static int
header_ok(tcmap__cursor *d, const tcmap__table_parser *p, const uint8_t key[SUM])
{
    const guint8 *magic = tcmap__get_bytes(d, 8);
    if (!magic || memcmp(magic, MAGIC, 8) ||
        tcmap__get_u64(d) != TCMAP__TABLE_FORMAT)
        return 0;
    uint64_t n = tcmap__get_u64(d);
    size_t plen = strlen(p->parser);
    const guint8 *name = n == plen + 1 ? tcmap__get_bytes(d, plen) : NULL;
    if (!name || memcmp(name, p->parser, plen) || tcmap__get_u64(d) != p->version)
        return 0;
    const guint8 *k = tcmap__get_bytes(d, SUM);
    return k && !memcmp(k, key, SUM);
}

/* The distinct texts: n_strings NUL-terminated UTF-8 strings filling the
 * text exactly; starts[i] is where the i-th begins. */
static size_t *
get_texts(tcmap__cursor *d, tcmap__table *t, size_t *n_strings)
{
    uint64_t n = tcmap__get_u64(d), len = tcmap__get_u64(d);
    const guint8 *at = tcmap__get_bytes(d, len);
    if (!at || n > len)
        return NULL;
    size_t *starts = calloc(n ? n : 1, sizeof *starts);
    t->text = g_malloc(len ? len : 1);
    if (!starts)
        return NULL;
    memcpy(t->text, at, len);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = t->text + off;
        const char *nul = memchr(s, 0, len - off);
        if (!nul || !g_utf8_validate(s, nul - s, NULL)) {
            free(starts);
            return NULL;
        }
        starts[i] = off;
        off += (size_t)(nul - s) + 1;
    }
    if (off != len) {
        free(starts);
        return NULL;
    }
    *n_strings = n;
    return starts;
}

static int
decode(tcmap__cursor *d, size_t n_cols, tcmap__table *t)
{
    if (tcmap__get_u64(d) != n_cols || !n_cols)
        return 0;
    uint64_t n_rows = tcmap__get_u64(d);
    size_t n_strings = 0, *starts = NULL;
    /* A row takes 8 bytes a cell and 8 for its line: never more rows than
     * the bytes left could hold, so no allocation outgrows the file. */
    if (d->bad || n_rows > d->left / (8 * (n_cols + 1)) ||
        tcmap__table_alloc(t, (size_t)n_rows, n_cols) != 0 ||
        !(starts = get_texts(d, t, &n_strings)))
        return 0;
    int ok = 1;
    for (size_t r = 0; ok && r < t->n_rows; r++) {
        int64_t line = (int64_t)tcmap__get_u64(d);
        ok = line > 0 && line <= INT32_MAX && !d->bad;
        t->line[r] = (long)line;
        for (size_t k = 0; ok && k < n_cols; k++) {
            uint64_t i = tcmap__get_u64(d);
            ok = i < n_strings && !d->bad;
            t->cell[r * n_cols + k] = ok ? t->text + starts[i] : "";
        }
    }
    free(starts);
    return ok && !d->bad && d->left == 0;
}

int
tcmap__tablecache_parse(const void *data, size_t len,
                        const tcmap__table_parser *p,
                        const uint8_t key[TCMAP__TABLE_KEY], size_t n_cols,
                        tcmap__table *t)
{
    memset(t, 0, sizeof *t);
    tcmap__cursor d;
    return tcmap__binrec_open(data, len, 8 + SUM, &d) &&
           header_ok(&d, p, key) && decode(&d, n_cols, t);
}

static int
read_file(const char *file, const tcmap__table_parser *p,
          const uint8_t key[SUM], size_t n_cols, tcmap__table *t)
{
    char *data = NULL;
    size_t len = 0;
    if (tcmap__read_regular(file, 0, MAX_BYTES, &data, &len) != 0)
        return 0;
    int ok = tcmap__tablecache_parse(data, len, p, key, n_cols, t);
    if (!ok)
        tcmap__table_free(t);
    g_free(data);
    return ok;
}

int
tcmap__tablecache_find(const char *path, const tcmap__table_parser *p,
                       const uint8_t key[TCMAP__TABLE_KEY], size_t n_cols,
                       tcmap__table *t)
{
    char *shipped = g_strconcat(path, TCMAP__TABLE_SUFFIX, NULL);
    char *cached = tcmap__tablecache_path(p, key);
    int found = read_file(shipped, p, key, n_cols, t) ||
                read_file(cached, p, key, n_cols, t);
    g_free(shipped);
    g_free(cached);
    return found;
}
