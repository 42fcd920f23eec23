/* places.h - towns, settlements and labels on the map body: markers,
 * then names placed greedily among each other and the furniture. */
#ifndef TCMAP_PLACES_H
#define TCMAP_PLACES_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/labelset.h"
#include "draw/pen.h"
#include "tcmap.h"

/* Lays out every text of the map body -- town, district and settlement
 * names and the annotations' callouts and labels -- in one greedy pass by
 * importance, clear of the furniture fu and of each other; *ls is the
 * caller's, freed with tcmap__labels_free. */
tcmap_status
tcmap__place_labels(tcmap__pen *pen, const tcmap_snapshot *s,
                    const tcmap__frame *fr, const char *names,
                    const tcmap__furniture *fu,
                    const tcmap_render_options *opt, labels *ls,
                    tcmap_error *err);

/* Draws the placed labels. With a map for the render cache (cache.c), a
 * raster page paints them from it when the same labels were drawn before
 * (their names, places, fonts and colours do not change with the state a
 * frame series draws); NULL draws them directly. */
void
tcmap__draw_labels(tcmap__pen *pen, const labels *ls, const tcmap__frame *fr,
                   const tcmap_map *cache);

void
tcmap__labels_free(labels *ls);

/* A dot per settlement in its holder's colour (a style's settlement_dots). */
void
tcmap__draw_settlements(tcmap__pen *pen, const tcmap_snapshot *s,
                        const tcmap__frame *fr);

/* Town markers filled with the holder's colour; a town whose label found
 * no place at the panel's edge is left out. */
void
tcmap__draw_towns(tcmap__pen *pen, const tcmap_snapshot *s,
                  const tcmap__frame *fr, const labels *ls);

#endif
