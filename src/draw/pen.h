/* pen.h - the drawing primitives (pen.c): a pen that draws either on Cairo
 * (PNG, PDF, a caller's surface) or into tcmap's own SVG writer, with the
 * fills, strokes, patterns, lines and text every part of a page uses, and
 * a coarse raster of the panel to test what the map draws. */
#ifndef TCMAP_PEN_H
#define TCMAP_PEN_H

#include "draw/frame.h"
#include "draw/pagepart.h"
#include "draw/svg.h"
#include "load/style.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdint.h>

/* Paths are always built on `cr` with Cairo's path calls; the pen's paint
 * calls then either paint them with Cairo or, when svg is set, write them
 * into the SVG document (cr then only measures text and holds paths). */
typedef struct tcmap__pen {
    cairo_t *cr;
    tcmap__svg *svg;
    /* Set by the renderer when it draws the credit line: that line, for
     * the file's metadata (g_free; the pen's owner frees it). */
    char *credit;
    /* The part of the page to draw (a series' frames); NULL = all. */
    const tcmap__page_part *part;
} tcmap__pen;

/* Starts and ends a layer: an SVG <g id=ID> that Inkscape shows as a layer
 * named LABEL; nothing on Cairo. */
void
tcmap__pen_layer_begin(tcmap__pen *p, const char *id, const char *label);
void
tcmap__pen_layer_end(tcmap__pen *p);

/* Fills the current path with the even-odd rule. preserve keeps it. */
void
tcmap__pen_fill(tcmap__pen *p, uint32_t rgb, double alpha, int preserve);

/* Strokes the current path with round joins and butt caps. */
void
tcmap__pen_stroke(tcmap__pen *p, uint32_t rgb, double width,
                  const double *dash, int n_dash, int preserve);

/* Clips everything until clip_end to the current path (even-odd), which
 * is consumed. Pairs nest. */
void
tcmap__pen_clip_begin(tcmap__pen *p);
void
tcmap__pen_clip_end(tcmap__pen *p);

/* Draws the layout with its top-left corner at (x, y); halo > 0 draws an
 * outline of that width in halo_rgb behind the letters. In SVG each line
 * becomes a real <text> element. */
void
tcmap__pen_text(tcmap__pen *p, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb);

/* Paints pattern `pat` in `rgb` over box (x0, y0, x1, y1) inside the
 * current clip. */
void
tcmap__draw_pattern(tcmap__pen *p, tcmap__pattern pat, uint32_t rgb,
                    const double box[4], double u);

void
tcmap__apply_line(tcmap__pen *p, const tcmap__line_style *ls, double u);

uint32_t
tcmap__mix(uint32_t a, uint32_t b, double t);

/* What a status's legend swatch is filled with under its pattern: the
 * legend's background, unless the pattern would hardly show on it (the
 * dark style's near-black dots on its near-black panel), then a mid tone
 * between the style's text and paper. */
uint32_t
tcmap__status_swatch(const tcmap_style *st, uint32_t pattern_color);

/* What the map draws inside the panel, tested on a coarse raster of the
 * panel (about 400 cells across): build a path on v.cr in page units,
 * then tcmap__ink_count fills it (or strokes it `width` wide when
 * width > 0), says how many cells it covers and clears the raster. */
typedef struct tcmap__ink {
    cairo_surface_t *img;
    cairo_t *cr;
    double cell; /* a cell's side in page units */
} tcmap__ink;

void
tcmap__ink_open(tcmap__ink *v, const tcmap__frame *fr);
long
tcmap__ink_count(tcmap__ink *v, double width);
void
tcmap__ink_close(tcmap__ink *v);
/* For tests: how many rasters tcmap__ink_count has counted in this
 * process (the legend's visibility tests are a frame's costliest layout
 * step, and a series must not repeat them). */
unsigned long
tcmap__ink_counts(void);
/* For tests: how many pattern tiles a raster page has made (each is made
 * once for its pattern, colour and scale, and painted from then on). */
unsigned long
tcmap__pattern_tiles_made(void);

#endif
