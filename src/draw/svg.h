/* svg.h - SVG text: tcmap's own SVG writer (svg.c), which the pen draws
 * into for an SVG page, and XML escaping for the texts it and the slider
 * page write. */
#ifndef TCMAP_SVG_H
#define TCMAP_SVG_H

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stddef.h>
#include <stdint.h>

/* `text` (len bytes, or -1: to its NUL) escaped for XML text and
 * attributes, without the characters XML 1.0 forbids even as references
 * (C0 controls other than tab, newline and carriage return; U+FFFE and
 * U+FFFF), which made an SVG with such a name invalid XML (g_free). */
char *
tcmap__xml_text(const char *text, gssize len);

typedef struct tcmap__svg tcmap__svg;

tcmap__svg *
tcmap__svg_new(double width, double height);
void
tcmap__svg_free(tcmap__svg *svg);
/* Sets the document's <title> and <desc> (copied). */
void
tcmap__svg_set_meta(tcmap__svg *svg, const char *title, const char *desc);
void
tcmap__svg_layer_begin(tcmap__svg *svg, const char *id, const char *label);
/* A layer that viewers do not show until a designer turns it on. */
void
tcmap__svg_layer_begin_hidden(tcmap__svg *svg, const char *id,
                              const char *label);
void
tcmap__svg_layer_end(tcmap__svg *svg);
void
tcmap__svg_path(tcmap__svg *svg, cairo_t *cr, const char *fill,
                const char *stroke);
/* Gives the next path an id and a class (either may be NULL). */
void
tcmap__svg_tag(tcmap__svg *svg, const char *id, const char *cls);
/* Fills box (x0, y0, x1, y1) with a <pattern> tile: kind is a
 * tcmap__pattern, gap the period, width the stripes', radius the dots'. */
void
tcmap__svg_pattern_fill(tcmap__svg *svg, int kind, uint32_t rgb, double gap,
                        double width, double radius, const double box[4]);
void
tcmap__svg_clip_begin(tcmap__svg *svg, cairo_t *cr);
void
tcmap__svg_clip_end(tcmap__svg *svg);
void
tcmap__svg_text(tcmap__svg *svg, PangoLayout *layout, double x, double y,
                uint32_t rgb, double halo, uint32_t halo_rgb);
/* The whole document; the writer keeps ownership. */
const char *
tcmap__svg_finish(tcmap__svg *svg, size_t *len);

#endif
