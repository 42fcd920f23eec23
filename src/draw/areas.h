/* areas.h - the ground of a map body: land, units, district outlines. */
#ifndef TCMAP_AREAS_H
#define TCMAP_AREAS_H

#include "draw/frame.h"
#include "draw/pen.h"
#include "tcmap.h"

/* The land under the ground (the first layer of a body over the sea). */
void
tcmap__draw_land(tcmap__pen *pen, const tcmap_snapshot *s,
                 const tcmap__frame *fr);

/* Each unit in its state's paint, then the district outlines. */
void
tcmap__draw_areas(tcmap__pen *pen, const tcmap_snapshot *s,
                  const tcmap__frame *fr);

/* The style's area ids over the areas (show_area_ids). */
void
tcmap__draw_area_ids(tcmap__pen *pen, const tcmap_snapshot *s,
                     const tcmap__frame *fr);

#endif
