/* fuzz_groundcache.c - the products file reader (src/load/groundcache.c) on
 * arbitrary bytes. The default geodata is loaded once; an input is a
 * products file's body (from the verdict on, without the CRC-32): the
 * target puts the header for that geodata (magic, format, version, key)
 * in front and a matching CRC-32 behind, so that every input reaches the
 * parser and its checks, as a file would that was sealed on purpose.
 * scripts/fuzz seeds it with the body of geodata/ground.products. */
#include "fuzz_util.h"
#include "load/geodata.h"
#include "geom/ground.h"
#include "load/groundcache.h"

#include <glib.h>
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
    static tcmap_geodata *geo;
    static tcmap_geodata layers; /* geo as the products found it */
    if (!geo) {
        tcmap_error err;
        if (tcmap_geodata_load(TCMAP_SOURCE_DIR "/geodata", NULL, &geo,
                               &err) != TCMAP_OK)
            abort();
        layers = *geo;
    }
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, (const guint8 *)"TCMAPGRP", 8);
    put_u64(b, TCMAP__PRODUCTS_FORMAT);
    put_u64(b, TCMAP__GROUND_VERSION);
    g_byte_array_append(b, layers.product_key, sizeof layers.product_key);
    g_byte_array_append(b, data, (guint)size);
    put_u64(b, crc32(0, b->data, b->len));
    (void)tcmap__groundcache_parse(&layers, b->data, b->len);
    g_byte_array_unref(b);
    return 0;
}
