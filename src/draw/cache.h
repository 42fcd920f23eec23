/* cache.h - the render cache: what drawing a map keeps between pages. */
#ifndef TCMAP_CACHE_H
#define TCMAP_CACHE_H

#include "map/map.h"
#include "core/store.h"

#include <cairo.h>
#include <glib.h>

/* Draws a kept layer onto cr, in page units. */
typedef void (*tcmap__cache_draw)(cairo_t *cr, const void *user);

/* Where a kept raster lies on the page: the box its layer is drawn in and
 * `margin` whole pixels around it (for strokes on the box's edge); with
 * clip, the layer is clipped to the box. */
typedef struct tcmap__cache_box {
    double x, y, w, h;
    int margin, clip;
} tcmap__cache_box;

/* Paints onto cr the raster of the layer that draw makes in box b, kept
 * under map m and key (everything else its pixels depend on, compared
 * whole; lead it with a tag of the layer's own), drawing it into the cache
 * first when it is not there. *painted = 0, with TCMAP_OK, when cr is no
 * raster at whole-pixel identity (vector output, a caller's transform),
 * and with TCMAP_ERR_BACKEND when the raster could not be made: either
 * way nothing was painted and the caller draws the layer itself. */
tcmap_status
tcmap__cache_paint(cairo_t *cr, const tcmap_map *m, const GByteArray *key,
                   const tcmap__cache_box *b, tcmap__cache_draw draw,
                   const void *user, int *painted, tcmap_error *err);

/* The record kept under map m and key, made by make (NULL when it cannot
 * be made: then the next taker tries again; *bytes is its cost) and freed
 * by free_record when it goes. The caller uses it until tcmap__cache_give
 * (NULL records included), while other threads wanting it wait. */
typedef void *(*tcmap__cache_make)(const void *user, size_t *bytes);

tcmap__kept *
tcmap__cache_record(const tcmap_map *m, const GByteArray *key,
                    tcmap__cache_make make, void (*free_record)(void *),
                    const void *user);

void
tcmap__cache_give(tcmap__kept *e);

/* Appends n doubles to a key (-0 as 0, so the same view is one key). */
void
tcmap__cache_key_doubles(GByteArray *key, const double *v, size_t n);

/* Appends s (NULL as "") with its NUL, so that "ab"+"c" and "a"+"bc"
 * never make the same key. */
void
tcmap__cache_key_text(GByteArray *key, const char *s);

#endif
