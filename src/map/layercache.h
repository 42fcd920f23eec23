/* layercache.h - rasters of the layers that are the same on every date. */
#ifndef TCMAP_LAYERCACHE_H
#define TCMAP_LAYERCACHE_H

#include <cairo.h>
#include <glib.h>

enum { TCMAP__LAYER_KEY = 8 };

/* One layer's last drawing, for the box and view it was drawn for.
 * Guarded by the lock: a frame series draws from several threads. */
typedef struct tcmap__layer_cache {
    GMutex lock;
    cairo_surface_t *img;
    double key[TCMAP__LAYER_KEY];
} tcmap__layer_cache;

void
tcmap__layer_cache_init(tcmap__layer_cache *c);
void
tcmap__layer_cache_clear(tcmap__layer_cache *c);

/* Draws the layer onto cr inside the box x, y, w, h (clipped to it). */
typedef void (*tcmap__layer_draw)(cairo_t *cr, const void *user);

/* Paints the layer that draw makes inside the box from the cache when key
 * (everything else its pixels depend on) is the one it was drawn for,
 * drawing it into the cache first when not. Returns 0, having painted
 * nothing, when cr is no raster at whole-pixel identity (vector output, a
 * caller's own transform): the caller then draws the layer itself. */
int
tcmap__layer_cache_paint(tcmap__layer_cache *c, cairo_t *cr,
                         const double key[TCMAP__LAYER_KEY], double x,
                         double y, double w, double h, tcmap__layer_draw draw,
                         const void *user);

#endif
