/* inset.h - the inset locator map (inset.c): its extent, the country
 * names it shows, and its drawing in the corner the furniture gave it. */
#ifndef TCMAP_INSET_H
#define TCMAP_INSET_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "load/geodata.h"
#include "tcmap.h"

#include <pango/pangocairo.h>
#include <stddef.h>

/* The box the inset shows, in map units: the control and context areas'
 * box grown by 60 % each way. */
void
tcmap__inset_extent(const tcmap_geodata *geo, double e[4]);

/* A country's name as the inset places it: its layout (a reference), the
 * country (a land index), its top-left and the box it takes with its
 * margin, on the inset's frame. */
typedef struct tcmap__inset_name {
    PangoLayout *layout;
    size_t land;
    double x, y;
    tcmap__box box;
} tcmap__inset_name;

/* The names the inset in fu draws, placed as tcmap__draw_inset places
 * them, measured on cr; *in gets the inset's frame. *out is new (free
 * with tcmap__inset_names_free), NULL without an inset; returns how many. */
size_t
tcmap__inset_names(cairo_t *cr, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture *fu,
                   const char *names, const char *lang, tcmap__frame *in,
                   tcmap__inset_name **out);
void
tcmap__inset_names_free(tcmap__inset_name *v, size_t n);

/* Draws the inset in its corner (fu), its country names in `names` or
 * the language lang; a raster page paints it from the map's one drawing
 * of it. */
void
tcmap__draw_inset(tcmap__pen *p, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const tcmap__furniture *fu,
                  const char *names, const char *lang);

#endif
