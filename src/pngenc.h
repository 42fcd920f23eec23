/* pngenc.h - a PNG encoder for Cairo image surfaces with a choice of speed. */
#ifndef TCMAP_PNGENC_H
#define TCMAP_PNGENC_H

#include "tcmap.h"

#include <cairo.h>
#include <glib.h>

/* Appends the PNG encoding of `img` (CAIRO_FORMAT_RGB24, 8-bit RGB out, as
 * Cairo's own writer does) to `out`. TCMAP_ERR_BACKEND when libpng fails,
 * TCMAP_ERR_ARG for another surface format. */
tcmap_status
tcmap__png_encode(cairo_surface_t *img, tcmap_png_level level, GByteArray *out,
                  tcmap_error *err);

#endif
