/* rasterenc.c - the write stage's lossy raster formats: JPEG through
 * libjpeg-turbo and WebP through libwebp, the two that web CMSs prefer for
 * photo-sized images. Both take Cairo's RGB24 image surface, whose pixels
 * are native-endian 32-bit xRGB words, and encode it in memory. */
#include "write/rasterenc.h"
#include "core/error.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <webp/encode.h>

/* The surface's pixels as packed 8-bit RGB rows; NULL when out of
 * memory. New (free). */
static unsigned char *
rgb_rows(cairo_surface_t *img, int *w, int *h)
{
    cairo_surface_flush(img);
    *w = cairo_image_surface_get_width(img);
    *h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    unsigned char *rgb = calloc((size_t)*w * (size_t)*h, 3);
    if (!rgb)
        return NULL;
    for (int y = 0; y < *h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        unsigned char *o = rgb + (size_t)y * (size_t)*w * 3;
        for (int x = 0; x < *w; x++) {
            o[3 * x] = (unsigned char)(row[x] >> 16);
            o[3 * x + 1] = (unsigned char)(row[x] >> 8);
            o[3 * x + 2] = (unsigned char)row[x];
        }
    }
    return rgb;
}

/* libjpeg reports a fatal error by calling error_exit, which must not
 * return: it jumps back to the encoder with the message kept. */
typedef struct jerr {
    struct jpeg_error_mgr mgr;
    jmp_buf back;
    char message[JMSG_LENGTH_MAX];
} jerr;

static void
jpeg_fail(j_common_ptr cinfo)
{
    jerr *e = (jerr *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, e->message);
    longjmp(e->back, 1);
}

tcmap_status
tcmap__jpeg_encode(cairo_surface_t *img, int quality, double dpi,
                   GByteArray *out, tcmap_error *err)
{
    if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG, "jpeg: not an RGB24 image");
    int w, h;
    unsigned char *rgb = rgb_rows(img, &w, &h);
    if (!rgb)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "jpeg: out of memory");
    struct jpeg_compress_struct c;
    jerr e;
    /* volatile: read after longjmp. */
    unsigned char *volatile buf = NULL;
    unsigned long len = 0;
    memset(&c, 0, sizeof c);
    c.err = jpeg_std_error(&e.mgr);
    e.mgr.error_exit = jpeg_fail;
    if (setjmp(e.back)) {
        jpeg_destroy_compress(&c);
        free(buf);
        free(rgb);
        return tcmap__error(err, TCMAP_ERR_BACKEND, "jpeg: %s", e.message);
    }
    jpeg_create_compress(&c);
    unsigned char *b = NULL;
    jpeg_mem_dest(&c, &b, &len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, quality, TRUE);
    /* Thin lines and small type suffer most from chroma subsampling:
     * keep full colour resolution, as photo editors do for graphics. */
    for (int i = 0; i < c.num_components; i++)
        c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
    c.optimize_coding = TRUE;
    if (dpi > 0) {
        c.density_unit = 1; /* dots per inch, as JFIF readers expect */
        c.X_density = c.Y_density = (UINT16)lround(dpi);
    }
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        JSAMPROW row = rgb + (size_t)c.next_scanline * (size_t)w * 3;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    buf = b;
    g_byte_array_append(out, buf, (guint)len);
    jpeg_destroy_compress(&c);
    free(buf);
    free(rgb);
    return TCMAP_OK;
}

tcmap_status
tcmap__webp_encode(cairo_surface_t *img, int quality, GByteArray *out,
                   tcmap_error *err)
{
    if (cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24)
        return tcmap__error(err, TCMAP_ERR_ARG, "webp: not an RGB24 image");
    int w, h;
    unsigned char *rgb = rgb_rows(img, &w, &h);
    if (!rgb)
        return tcmap__error(err, TCMAP_ERR_NOMEM, "webp: out of memory");
    uint8_t *data = NULL;
    size_t len = WebPEncodeRGB(rgb, w, h, w * 3, (float)quality, &data);
    free(rgb);
    if (!len)
        return tcmap__error(err, TCMAP_ERR_BACKEND,
                            "webp: the encoder failed (%dx%d)", w, h);
    g_byte_array_append(out, data, (guint)len);
    WebPFree(data);
    return TCMAP_OK;
}
