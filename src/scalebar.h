/* scalebar.h - the scale bar and north arrow's size (scalebar.c), which
 * the furniture layout places (legend.c). */
#ifndef TCMAP_SCALEBAR_H
#define TCMAP_SCALEBAR_H

#include "render.h"

typedef struct tcmap__scale_metrics {
    double km;      /* the bar's length in km */
    double len;     /* and on the page */
    double arrow_w; /* the north arrow's room, 0 without one */
    double w, h;    /* the box both take */
} tcmap__scale_metrics;

tcmap__scale_metrics
tcmap__scale_size(const tcmap_style *st, const tcmap__frame *fr);

#endif
