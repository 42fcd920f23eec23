/* pngenc.h - a PNG encoder for Cairo image surfaces with a choice of speed,
 * and a banded encoding for frame series: bands of rows are compressed
 * once and reused by the next frames while their pixels stay the same. */
#ifndef TCMAP_PNGENC_H
#define TCMAP_PNGENC_H

#include "tcmap.h"

#include <cairo.h>
#include <glib.h>
#include <time.h>
#include <stddef.h>

/* Appends the PNG encoding of `img` (CAIRO_FORMAT_RGB24, 8-bit RGB out, as
 * Cairo's own writer does) to `out`: the upper and lower halves as two
 * deflate streams, compressed at once on two threads when the machine has
 * two cores (the bytes do not depend on it). TCMAP_ERR_BACKEND when zlib
 * fails, TCMAP_ERR_ARG for another surface format. */
tcmap_status
tcmap__png_encode(cairo_surface_t *img, tcmap_png_level level, GByteArray *out,
                  tcmap_error *err);

/* Rows [split, height) of an image, filtered and compressed as a deflate
 * stream of their own, inside a complete IDAT chunk. */
typedef struct tcmap__png_tail {
    int split, width, height;
    tcmap_png_level level;
    GByteArray *idat; /* length, "IDAT", data, CRC */
    unsigned long adler; /* Adler-32 of the filtered rows */
    size_t raw_len;
} tcmap__png_tail;

/* Compresses rows [split, height) of img into t (which it (re)fills; free
 * with tcmap__png_tail_clear). */
tcmap_status
tcmap__png_tail_build(cairo_surface_t *img, int split, tcmap_png_level level,
                      tcmap__png_tail *t, tcmap_error *err);

void
tcmap__png_tail_clear(tcmap__png_tail *t);

/* A frame series' PNG encoder that recompresses only the rows that
 * changed. The image is cut into bands of TCMAP__PNG_BAND rows counted
 * from the top; each band is a deflate stream of its own (ending in a full
 * flush) inside the one zlib stream of the IDAT chunks, so a band's bytes
 * depend on its pixels alone and a band whose pixels equal the previous
 * image's is copied instead of compressed. The PNG therefore depends only
 * on the image, whatever came before it. */
enum { TCMAP__PNG_BAND = 16 };

typedef struct tcmap__png_band {
    GByteArray *idat;    /* one IDAT chunk: length, type, data, CRC */
    unsigned long adler; /* Adler-32 of the band's filtered rows */
} tcmap__png_band;

typedef struct tcmap__png_bands {
    int width, height, n;
    tcmap_png_level level;
    tcmap__png_band *band;
    unsigned char *pixels; /* the last image's rows, to compare with */
    size_t stride;
    /* Bands compressed and bands reused since the cache was made. */
    unsigned long compressed, reused;
} tcmap__png_bands;

/* Appends the PNG of img (RGB24) to out, compressing only the bands whose
 * rows differ from the image last encoded through `b` (zero-initialised
 * before the first call; a change of size or level starts afresh). */
tcmap_status
tcmap__png_encode_bands(cairo_surface_t *img, tcmap_png_level level,
                        tcmap__png_bands *b, GByteArray *out,
                        tcmap_error *err);

void
tcmap__png_bands_clear(tcmap__png_bands *b);

/* The bands compressed and reused by every cache of the process (for the
 * tests: a frame series recompresses only what changed). */
void
tcmap__png_band_counts(unsigned long *compressed, unsigned long *reused);

/* Appends a PNG of img (RGB24, or ARGB32 whose pixels are each fully
 * transparent or opaque) to out, as small as it comes cheaply: indexed
 * colour (8-bit palette, transparency in tRNS) at zlib level 9 when the
 * image has at most 256 colours, else Cairo's own writer. Exact either
 * way. For the parts of a slider page (page.c), which are small or
 * flat. */
tcmap_status
tcmap__png_encode_small(cairo_surface_t *img, GByteArray *out,
                        tcmap_error *err);

/* Inserts a pHYs chunk for `dpi` (none when dpi <= 0), a tIME chunk for
 * `made` (UTC; none for NULL) and iTXt chunks Title, Description and
 * XML:com.adobe.xmp (none for NULL or "") after the IHDR of the PNG in
 * `png`. */
void
tcmap__png_add_meta(GByteArray *png, double dpi, const char *title,
                    const char *description, const char *xmp,
                    const struct tm *made);

/* Copies the PNG (len bytes) into out (which it empties first) with a
 * tEXt chunk key=text after IHDR: a frame series marks each frame with
 * what it shows, so that --resume keeps only frames of the same series. */
void
tcmap__png_with_text(const guint8 *png, size_t len, const char *key,
                     const char *text, GByteArray *out);

/* Non-zero when png (len bytes) is a whole PNG: the signature, IHDR
 * first, every chunk inside the file with a correct CRC, and IEND last
 * with nothing after it. Then *width and *height (when not NULL) hold
 * IHDR's size, and, with key, *text the value of its first tEXt chunk
 * (g_free; NULL when there is none). */
int
tcmap__png_check(const guint8 *png, size_t len, int *width, int *height,
                 const char *key, char **text);

#endif
