/* pngenc.c - the write stage's PNG encoder for frame series. Cairo's own
 * writer compresses at zlib's default level with adaptive filters, which
 * takes several times as long as drawing the map; with libpng directly the
 * caller picks the trade between file size and time (tcmap_png_level). */
#include "pngenc.h"
#include "error.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <zlib.h>

static void
on_write(png_structp png, png_bytep data, png_size_t len)
{
    g_byte_array_append(png_get_io_ptr(png), data, (guint)len);
}

static void
on_flush(png_structp png)
{
    (void)png;
}

/* libpng reports errors by longjmp; the message is kept for the caller. */
static void
on_error(png_structp png, png_const_charp msg)
{
    g_strlcpy(png_get_error_ptr(png), msg, 200);
    png_longjmp(png, 1);
}

static void
on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
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
    int stride = cairo_image_surface_get_stride(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    char msg[200] = "";
    /* volatile: these are read after a longjmp back into this frame. */
    png_bytep *volatile rows = NULL;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, msg,
                                              on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        return tcmap__error(err, TCMAP_ERR_NOMEM, "png: out of memory");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        g_free(rows);
        return tcmap__error(err, TCMAP_ERR_BACKEND, "libpng: %s", msg);
    }
    rows = g_new(png_bytep, h);
    for (int y = 0; y < h; y++)
        rows[y] = data + (size_t)y * (size_t)stride;
    png_set_write_fn(png, out, on_write, on_flush);
    /* Measured on the default map (bench/README.md): without a filter,
     * zlib's fastest level already beats Cairo's writer (level 6, adaptive
     * filters) on size, since a map is long runs of flat colour; filters
     * only help photographs. Run-length matching after the Up filter (most
     * rows repeat the one above) is faster still, and larger. */
    png_set_filter(png, 0, PNG_FILTER_NONE);
    switch (level) {
    case TCMAP_PNG_FAST:
        png_set_filter(png, 0, PNG_FILTER_UP);
        png_set_compression_level(png, 1);
        png_set_compression_strategy(png, Z_RLE);
        break;
    case TCMAP_PNG_SMALL:
        png_set_compression_level(png, 9);
        break;
    default:
        png_set_compression_level(png, 1);
        break;
    }
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    /* Cairo keeps a pixel as a native-endian uint32 0xXXRRGGBB: bytes B G
     * R X on little-endian machines, X R G B on big-endian ones. */
    const uint32_t probe = 1;
    if (*(const unsigned char *)&probe == 1) {
        png_set_bgr(png);
        png_set_filler(png, 0, PNG_FILLER_AFTER);
    } else {
        png_set_filler(png, 0, PNG_FILLER_BEFORE);
    }
    png_write_image(png, rows);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    g_free(rows);
    return TCMAP_OK;
}
