/* test_pngenc.c - the frame series' banded PNG encoder: only the bands of
 * rows that changed are compressed again, and the PNG stays one valid zlib
 * stream whose pixels are the image's, whatever came before it. */
#include "write/pngenc.h"
#include "testutil.h"

#include <cairo.h>
#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>
#include <cmocka.h>

enum { W = 64, H = 100, BANDS = (H + TCMAP__PNG_BAND - 1) / TCMAP__PNG_BAND };

static uint32_t
get32(const guint8 *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

/* The inflated IDAT data of png: zlib checks the stream's Adler-32 and
 * that it ends, so a wrong sum or a missing final block fails here. */
static GByteArray *
inflate_idat(const GByteArray *png)
{
    int w = 0, h = 0;
    assert_true(tcmap__png_check(png->data, png->len, &w, &h, NULL, NULL));
    GByteArray *z = g_byte_array_new();
    for (size_t pos = 8; pos + 12 <= png->len;) {
        uint32_t n = get32(png->data + pos);
        if (!memcmp(png->data + pos + 4, "IDAT", 4))
            g_byte_array_append(z, png->data + pos + 8, n);
        pos += 12 + n;
    }
    GByteArray *raw = g_byte_array_new();
    g_byte_array_set_size(raw, (guint)((size_t)h * (1 + 3 * (size_t)w)));
    uLongf len = raw->len;
    assert_int_equal(uncompress(raw->data, &len, z->data, z->len), Z_OK);
    assert_int_equal(len, raw->len);
    g_byte_array_unref(z);
    return raw;
}

/* Fails unless png holds img's pixels, read both by zlib (filter None,
 * the only one the encoder writes) and by Cairo (libpng). */
static void
assert_pixels(const GByteArray *png, cairo_surface_t *img)
{
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    GByteArray *raw = inflate_idat(png);
    char *path = tu_path("read.png");
    assert_true(g_file_set_contents(path, (const char *)png->data,
                                    (gssize)png->len, NULL));
    cairo_surface_t *got = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(got), CAIRO_STATUS_SUCCESS);
    const unsigned char *g = cairo_image_surface_get_data(got);
    int gs = cairo_image_surface_get_stride(got);
    for (int y = 0; y < h; y++) {
        const guint8 *row = raw->data + (size_t)y * (1 + 3 * (size_t)w);
        assert_int_equal(row[0], 0);
        for (int x = 0; x < w; x++) {
            uint32_t p, q;
            memcpy(&p, data + (size_t)y * stride + 4 * (size_t)x, 4);
            memcpy(&q, g + (size_t)y * gs + 4 * (size_t)x, 4);
            uint32_t z = (uint32_t)row[1 + 3 * x] << 16 |
                         (uint32_t)row[2 + 3 * x] << 8 | row[3 + 3 * x];
            if ((p & 0xffffff) != z || (p & 0xffffff) != (q & 0xffffff))
                fail_msg("pixel %d,%d: %06x, zlib %06x, Cairo %06x", x, y,
                         p & 0xffffff, z, q & 0xffffff);
        }
    }
    cairo_surface_destroy(got);
    g_free(path);
    g_byte_array_unref(raw);
}

/* Stripes and a disc: flat colour with edges, like a map. */
static cairo_surface_t *
picture(int w, int h)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(img);
    for (int y = 0; y < h; y += 10) {
        cairo_set_source_rgb(cr, (y % 30) / 30.0, 0.5, 1 - y / (double)h);
        cairo_rectangle(cr, 0, y, w, 10);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.9, 0.1, 0.2);
    cairo_arc(cr, w / 2.0, h / 2.0, w / 3.0, 0, 6.3);
    cairo_fill(cr);
    cairo_destroy(cr);
    cairo_surface_flush(img);
    return img;
}

/* A fresh cache's PNG of img: what the image encodes to with no past. */
static GByteArray *
fresh(cairo_surface_t *img, tcmap_png_level level)
{
    tcmap__png_bands b = {0};
    GByteArray *out = g_byte_array_new();
    assert_int_equal(tcmap__png_encode_bands(img, level, &b, out, NULL),
                     TCMAP_OK);
    tcmap__png_bands_clear(&b);
    return out;
}

static void
assert_same_bytes(const GByteArray *a, const GByteArray *b)
{
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->data, b->data, a->len);
}

static void
test_only_the_changed_bands_are_compressed_again(void **state)
{
    (void)state;
    const tcmap_png_level levels[] = {TCMAP_PNG_DEFAULT, TCMAP_PNG_SMALL};
    for (int l = 0; l < 2; l++) {
        cairo_surface_t *img = picture(W, H);
        tcmap__png_bands b = {0};
        GByteArray *out = g_byte_array_new();
        unsigned long c0, r0, c1, r1;
        tcmap__png_band_counts(&c0, &r0);
        assert_int_equal(
            tcmap__png_encode_bands(img, levels[l], &b, out, NULL), TCMAP_OK);
        assert_int_equal(b.compressed, BANDS);
        assert_int_equal(b.reused, 0);
        assert_pixels(out, img);

        /* One pixel in the third band (rows 32-47) and one in the last
         * band, which is shorter than the others. */
        cairo_t *cr = cairo_create(img);
        cairo_set_source_rgb(cr, 0, 1, 0);
        cairo_rectangle(cr, 5, 40, 1, 1);
        cairo_rectangle(cr, W - 1, H - 1, 1, 1);
        cairo_fill(cr);
        cairo_destroy(cr);
        cairo_surface_flush(img);
        g_byte_array_set_size(out, 0);
        assert_int_equal(
            tcmap__png_encode_bands(img, levels[l], &b, out, NULL), TCMAP_OK);
        assert_int_equal(b.compressed, BANDS + 2);
        assert_int_equal(b.reused, BANDS - 2);
        assert_pixels(out, img);
        /* The reused bands make the same PNG as compressing it all. */
        GByteArray *f = fresh(img, levels[l]);
        assert_same_bytes(out, f);

        /* Nothing changed: nothing compressed, the same bytes. */
        g_byte_array_set_size(out, 0);
        assert_int_equal(
            tcmap__png_encode_bands(img, levels[l], &b, out, NULL), TCMAP_OK);
        assert_int_equal(b.compressed, BANDS + 2);
        assert_int_equal(b.reused, 2 * BANDS - 2);
        assert_same_bytes(out, f);
        tcmap__png_band_counts(&c1, &r1);
        /* fresh() compressed one image's bands on a cache of its own. */
        assert_int_equal(c1 - c0, 2 * BANDS + 2);
        assert_int_equal(r1 - r0, 2 * BANDS - 2);

        g_byte_array_unref(f);
        g_byte_array_unref(out);
        tcmap__png_bands_clear(&b);
        cairo_surface_destroy(img);
    }
}

/* Another size or level is another image: every band is compressed. */
static void
test_another_size_or_level_starts_afresh(void **state)
{
    (void)state;
    cairo_surface_t *big = picture(W, H), *small = picture(W, 40);
    tcmap__png_bands b = {0};
    GByteArray *out = g_byte_array_new();
    assert_int_equal(
        tcmap__png_encode_bands(big, TCMAP_PNG_DEFAULT, &b, out, NULL),
        TCMAP_OK);
    g_byte_array_set_size(out, 0);
    assert_int_equal(
        tcmap__png_encode_bands(small, TCMAP_PNG_DEFAULT, &b, out, NULL),
        TCMAP_OK);
    assert_int_equal(b.reused, 0);
    assert_int_equal(b.compressed, BANDS + 3);
    assert_pixels(out, small);
    g_byte_array_set_size(out, 0);
    assert_int_equal(
        tcmap__png_encode_bands(small, TCMAP_PNG_SMALL, &b, out, NULL),
        TCMAP_OK);
    assert_int_equal(b.reused, 0);
    assert_pixels(out, small);
    g_byte_array_unref(out);
    tcmap__png_bands_clear(&b);
    cairo_surface_destroy(big);
    cairo_surface_destroy(small);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_only_the_changed_bands_are_compressed_again),
        cmocka_unit_test(test_another_size_or_level_starts_afresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
