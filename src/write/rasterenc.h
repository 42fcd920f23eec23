/* rasterenc.h - JPEG and WebP encoding of Cairo image surfaces. */
#ifndef TCMAP_RASTERENC_H
#define TCMAP_RASTERENC_H

#include "tcmap.h"

#include <cairo.h>
#include <glib.h>

/* Appends the JPEG of `img` (CAIRO_FORMAT_RGB24) at quality 1..100, with
 * no chroma subsampling and, when dpi > 0, that density in its JFIF
 * header. TCMAP_ERR_BACKEND when libjpeg fails. */
tcmap_status
tcmap__jpeg_encode(cairo_surface_t *img, int quality, double dpi,
                   GByteArray *out, tcmap_error *err);

/* Appends the lossy WebP of `img` (CAIRO_FORMAT_RGB24) at quality
 * 1..100. TCMAP_ERR_BACKEND when libwebp fails. */
tcmap_status
tcmap__webp_encode(cairo_surface_t *img, int quality, GByteArray *out,
                   tcmap_error *err);

#endif
