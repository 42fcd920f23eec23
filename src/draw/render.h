/* render.h - the composition of a page (render.c): a snapshot drawn
 * through a pen, with its title, map body, furniture and credit; the view
 * and the page size it takes; and what a drawing places, for tests. Every
 * drawing decision is made once, here and in the modules render.c calls,
 * and reaches every back end through the pen. */
#ifndef TCMAP_RENDER_H
#define TCMAP_RENDER_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/inset.h"
#include "draw/labelset.h"
#include "draw/pen.h"
#include "tcmap.h"

#include <cairo.h>

/* Draws the snapshot through a pen (tcmap_snapshot_draw and the SVG
 * writer both come here). */
tcmap_status
tcmap__render(const tcmap_snapshot *s, tcmap__pen *p, double x, double y,
              double width, double height, const tcmap_render_options *opt,
              tcmap_error *err);

/* What tcmap__render would place on a page of that size, measured on cr,
 * without drawing: the panel, the furniture's corners, the map body's
 * texts (labels and the annotations' texts) and the inset's names on the
 * inset's frame. Free with tcmap__render_places_free. */
typedef struct tcmap__render_places {
    tcmap__frame fr;
    tcmap__furniture fu;
    labels ls;
    tcmap__frame inset_fr;
    tcmap__inset_name *inset;
    size_t n_inset;
} tcmap__render_places;

tcmap_status
tcmap__render_place(const tcmap_snapshot *s, cairo_t *cr, double x, double y,
                    double width, double height,
                    const tcmap_render_options *opt,
                    tcmap__render_places *out, tcmap_error *err);
void
tcmap__render_places_free(tcmap__render_places *rp);

/* The lines the credit takes on a page of that size (0: none), for a
 * series to give every frame the room of its longest. */
int
tcmap__credit_lines(const tcmap_snapshot *s, double width, double height,
                    const tcmap_render_options *opt);

/* The page tcmap_snapshot_render_file draws, in page units (points when
 * *phys, else pixels); a missing height is taken from the view
 * (tcmap_snapshot_page_size). */
tcmap_status
tcmap__page_size(const tcmap_snapshot *s, const tcmap_render_options *opt,
                 double *width, double *height, int *phys, tcmap_error *err);

#endif
