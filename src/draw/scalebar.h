/* scalebar.h - the scale bar and north arrow (scalebar.c): the room they
 * take, which the furniture layout places (corners.c), and the drawing. */
#ifndef TCMAP_SCALEBAR_H
#define TCMAP_SCALEBAR_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "load/style.h"
#include "tcmap.h"

#include <cairo.h>

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
tcmap__scale_size(cairo_t *cr, const tcmap_style *st, const tcmap__frame *fr,
                  const char *lang);

/* Draws the scale bar and the north arrow in their corner (fu), their
 * words in lang. */
void
tcmap__draw_scale_north(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap__furniture *fu,
                        const char *lang);

#endif
