/* frame.h - the view: where the map panel sits on the page, its layout and
 * text units, and how map metres land on it (frame.c); what the furniture
 * and the labels are asked for lives with them, not here. */
#ifndef TCMAP_FRAME_H
#define TCMAP_FRAME_H

#include "load/geodata.h"
#include "tcmap.h"

#include <cairo.h>

/* The largest drawing rectangle side, and the farthest origin, that the
 * API accepts (in the caller's user units): past them Cairo's fixed-point
 * coordinates overflow and hatch loops run for ever. */
#define TCMAP__MAX_DRAW_SIDE 1e6
#define TCMAP__MAX_DRAW_ORIGIN 1e9

/* Non-zero when (x, y, w, h) is a rectangle the API draws into: every
 * number finite, the sides in (0, TCMAP__MAX_DRAW_SIDE] and the origin
 * within TCMAP__MAX_DRAW_ORIGIN of 0. */
int
tcmap__rect_ok(double x, double y, double w, double h);

/* The map panel on the page and how map metres land on it. */
typedef struct tcmap__frame {
    double x, y, w, h; /* the map panel on the page */
    double u;          /* layout unit: 1/1000 of the shorter side */
    double ts;         /* text unit: u times the style's text_scale */
    double scale;      /* page units per map metre */
    double x0, y1;     /* map coordinates at the panel's top-left */
    /* Smallest text size in page units: 6.5 pt on a page measured in
     * points (a size in mm or a dpi), else 0. */
    double min_text;
} tcmap__frame;

/* A text size of `units` text units, never under the frame's floor. */
static inline double
tcmap__tsize(const tcmap__frame *fr, double units)
{
    double v = units * fr->ts;
    return v < fr->min_text ? fr->min_text : v;
}

/* The radius of a callout's point for a callout text of `text_size`:
 * never smaller than a third of the text, so that a print page (where
 * layout units are small and text has a floor in points) still shows
 * where the callout points. */
static inline double
tcmap__callout_dot(const tcmap__frame *fr, double text_size)
{
    double a = 3.4 * fr->u, b = 0.3 * text_size;
    return a > b ? a : b;
}

static inline double
tcmap__fx(const tcmap__frame *fr, double mx)
{
    return fr->x + (mx - fr->x0) * fr->scale;
}

static inline double
tcmap__fy(const tcmap__frame *fr, double my)
{
    return fr->y + (fr->y1 - my) * fr->scale;
}

/* Adds the feature's rings to the current path. */
void
tcmap__feature_path(cairo_t *cr, const tcmap_geodata *geo,
                    const tcmap__feature *f, const tcmap__frame *fr,
                    int close);

/* What the panel shows with opt, in map units: the zoom_to areas' box
 * with its margin, else opt's extent, else the style's. */
tcmap_status
tcmap__view_box(const tcmap_snapshot *s, const tcmap_render_options *opt,
                double e[4], tcmap_error *err);

/* Non-zero when the feature's box meets the panel. */
int
tcmap__bbox_visible(const tcmap__feature *f, const tcmap__frame *fr);

#endif
