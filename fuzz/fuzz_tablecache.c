/* fuzz_tablecache.c - the table products file reader (src/load/tablecache.c)
 * on arbitrary bytes. An input is a products file's body (from the column
 * count on, without the CRC-32): the target puts a header in front (magic,
 * format, the parser "control" and its version, a key) and a matching
 * CRC-32 behind, so that every input reaches the parser and its checks, as
 * a file would that was sealed on purpose. A table read whole must have
 * 8 columns, a positive line per row and UTF-8 text in every cell.
 * scripts/fuzz seeds it with the body of
 * geodata/control/karabakh.csv.products. */
#include "fuzz_util.h"
#include "load/tablecache.h"

#include <glib.h>
#include <string.h>
#include <zlib.h>

static void
put_u64(GByteArray *b, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    g_byte_array_append(b, (const guint8 *)&v, sizeof v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tcmap__table_parser p = {"control", 1, NULL};
    static const uint8_t key[TCMAP__TABLE_KEY] = {1, 2, 3};
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)"TCMAPTBL", 8);
    put_u64(b, TCMAP__TABLE_FORMAT);
    put_u64(b, strlen(p.parser) + 1);
    g_byte_array_append(b, (const guint8 *)p.parser,
                        (guint)strlen(p.parser));
    put_u64(b, p.version);
    g_byte_array_append(b, key, sizeof key);
    g_byte_array_append(b, data, (guint)size);
    put_u64(b, crc32(0, b->data, b->len));
    tcmap__table t;
    if (tcmap__tablecache_parse(b->data, b->len, &p, key, 8, &t)) {
        if (t.n_cols != 8)
            abort();
        for (size_t r = 0; r < t.n_rows; r++) {
            if (t.line[r] <= 0)
                abort();
            for (size_t k = 0; k < 8; k++)
                if (!t.cell[r * 8 + k] ||
                    !g_utf8_validate(t.cell[r * 8 + k], -1, NULL))
                    abort();
        }
    }
    tcmap__table_free(&t);
    g_byte_array_unref(b);
    return 0;
}
