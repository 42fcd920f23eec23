/* inputkey.c - the load stage's key (inputkey.h): what a geodata's
 * products were made from, as bytes, hashed before any layer is opened,
 * so that a matching products file spares reading and projecting the
 * layers at all. */
#include "core/inputkey.h"
#include "core/safeopen.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Far beyond any layer tcmap draws (docs/limits.md): larger is keyed as
 * unreadable, and the layers are read instead. */
#define MAX_FILE ((size_t)1 << 30)

static void
add_u64(GChecksum *c, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_checksum_update(c, (const guchar *)&v, sizeof v);
}

static void
add_str(GChecksum *c, const char *s)
{
    add_u64(c, strlen(s));
    g_checksum_update(c, (const guchar *)s, (gssize)strlen(s));
}

static int
add_file(GChecksum *c, const char *dir, const char *name, size_t stem)
{
    char *path = g_build_filename(dir, name, NULL);
    char *data = NULL;
    size_t len = 0;
    int ok = tcmap__read_regular(path, 0, MAX_FILE, &data, &len) == 0;
    if (ok) {
        /* Each file enters as its MD5: a sixth of SHA-256's instructions
         * for the bytes (29 M for the default geodata's 560 kB against
         * 5 M), and the key guards against stale inputs, not against a
         * forger, who could hand over any geodata anyway. */
        guint8 sum[16];
        gsize n = sizeof sum;
        GChecksum *md5 = g_checksum_new(G_CHECKSUM_MD5);
        g_checksum_update(md5, (const guchar *)data, (gssize)len);
        g_checksum_get_digest(md5, sum, &n);
        g_checksum_free(md5);
        add_str(c, name + stem);
        add_u64(c, len);
        g_checksum_update(c, sum, (gssize)n);
    }
    g_free(data);
    g_free(path);
    return ok;
}

static gint
by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int
tcmap__inputkey_add(GChecksum *c, const char *path)
{
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return 0;
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *dot = strrchr(base, '.');
    size_t stem = dot ? (size_t)(dot - base) : strlen(base);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d)))
        /* A products file is made from the inputs, not one of them. */
        if (!strncmp(n, base, stem) && (n[stem] == '.' || !n[stem]) &&
            !g_str_has_suffix(n, ".products"))
            g_ptr_array_add(names, g_strdup(n));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, by_name);
    int ok = d != NULL && names->len > 0;
    add_u64(c, names->len);
    for (guint i = 0; ok && i < names->len; i++)
        ok = add_file(c, dir, g_ptr_array_index(names, i), stem);
    g_ptr_array_unref(names);
    g_free(base);
    g_free(dir);
    return ok;
}
