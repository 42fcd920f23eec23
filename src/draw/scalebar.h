/* scalebar.h - the scale bar and north arrow's size (scalebar.c), which
 * the furniture layout places (legend.c). */
#ifndef TCMAP_SCALEBAR_H
#define TCMAP_SCALEBAR_H

#include "draw/render.h"

typedef struct tcmap__scale_metrics {
    double km;      /* the bar's length in km */
    double len;     /* and on the page */
    double arrow_w; /* the north arrow's room, 0 without one */
    double w, h;    /* the box both take */
    int half_label; /* the middle figure fits between the others */
} tcmap__scale_metrics;

/* The bar's distance and the room it takes. The figures under it are
 * measured on cr, so that at a small print size ("0 510 km" in a 55 mm
 * column) the bar grows to the next round distance rather than letting
 * them run together; when even a bar of 40 % of the panel is too short,
 * the middle figure is left out. */
tcmap__scale_metrics
tcmap__scale_size(cairo_t *cr, const tcmap_style *st, const tcmap__frame *fr);

#endif
