/* furniture.h - the furniture beside the map body (the legend, the inset,
 * the scale bar and north arrow): what the page asks of it, and where
 * each piece went. legend.c plans the legend, corners.c gives each piece
 * its corner, and legend.c, inset.c and scalebar.c draw them. */
#ifndef TCMAP_FURNITURE_H
#define TCMAP_FURNITURE_H

#include "map/label.h"
#include "tcmap.h"

#include <stddef.h>
#include <stdint.h>

/* A change map's key row (changes.c), which the legend lists after the
 * parties: a swatch in the new holder's fill, outlined as the map outlines
 * that kind of change. */
typedef struct tcmap__change_row {
    char label[512]; /* UTF-8: an Armenian row takes two bytes a letter */
    uint32_t fill, outline;
} tcmap__change_row;

/* Where the legend goes (legend.c decides it with the page's layout, and
 * render.c makes room for a legend outside the panel). */
typedef enum tcmap__legend_where {
    TCMAP__LEGEND_NONE = 0, /* turned off, or nothing drawn to key */
    TCMAP__LEGEND_INSIDE,   /* in a corner of the panel */
    TCMAP__LEGEND_BELOW,    /* in a band under the panel */
    TCMAP__LEGEND_RIGHT     /* in a band beside the panel, on its right */
} tcmap__legend_where;

typedef struct tcmap__legend_plan {
    tcmap__legend_where where;
    /* 0 the full legend; 1 closer rows and smaller swatches; 2 also the
     * style's short labels (label_short). */
    int level;
    int cols;      /* columns of rows, filled top to bottom */
    double text_w; /* the width at which a label wraps */
    double w, h;   /* the legend's size */
    double gap;    /* between the panel and an outside legend */
    /* The caller named a corner the legend does not fit in, so it went
     * outside the panel (render.c says so). */
    int moved;
} tcmap__legend_plan;

/* What the page asks of its furniture, set from the render options with
 * the page's layout (render.c). */
typedef struct tcmap__furniture_spec {
    /* The language of the furniture's words (strings.c); never NULL
     * once the page is laid out. */
    const char *lang;
    /* A frame series' legend (tcmap_render_options.legend), or NULL. */
    const char *const *legend_lock;
    tcmap_legend_place legend_place;
    int inset; /* non-zero: draw the inset locator map */
    /* Page points of the annotations (x, y pairs), which the furniture
     * keeps clear of as it does of towns; may be NULL. */
    const double *avoid;
    size_t n_avoid;
    /* The change map's key rows (tcmap_render_options.changes_since);
     * NULL when none. */
    const tcmap__change_row *changes;
    size_t n_changes;
    tcmap__legend_plan legend; /* made with the page's layout */
    /* The legend's rows as last found on this panel (legend.c), so that
     * drawing the legend does not rasterise the panel again; owned by
     * the page (tcmap__legend_rows_free), NULL until planned. */
    struct tcmap__legend_rows *legend_rows;
} tcmap__furniture_spec;

/* Where each piece went (corners.c). Each lays out first (so labels can
 * avoid it) and draws later. */
typedef struct tcmap__furniture {
    tcmap__box legend, inset, scale; /* zero-size when not drawn */
    int legend_corner, inset_corner; /* 0 tl, 1 tr, 2 bl, 3 br */
    /* The legend stands beside or below the panel, not on it
     * (legend_corner is then -1). */
    int legend_outside;
} tcmap__furniture;

#endif
