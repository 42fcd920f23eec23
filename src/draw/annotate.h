/* annotate.h - the desk's annotations on the map body (annotate.c): the
 * points the furniture keeps clear of, and the drawing. */
#ifndef TCMAP_ANNOTATE_H
#define TCMAP_ANNOTATE_H

#include "draw/frame.h"
#include "draw/pen.h"
#include "map/label.h"
#include "tcmap.h"

#include <stddef.h>

/* The annotations' points, the middles of their segments and up to 16
 * points along each highlighted outline, on the page, for the furniture
 * to avoid; new (g_free), NULL when there are none. */
double *
tcmap__annotation_points(const tcmap_snapshot *s, const tcmap__frame *fr,
                         const tcmap_annotations *as, size_t *n);

/* Draws the annotations in their own layer; texts[i] is where annotation
 * i's text goes (placed with the map's names; n_texts of them).
 * TCMAP_ERR_DATA for a highlight naming no area or a point that cannot be
 * projected. */
tcmap_status
tcmap__draw_annotations(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr, const tcmap_annotations *as,
                        const tcmap__placed_text *texts, size_t n_texts,
                        tcmap_error *err);

#endif
