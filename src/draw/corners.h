/* corners.h - where the furniture goes (corners.c): a corner of the panel
 * for the legend (as planned), the inset and the scale bar. */
#ifndef TCMAP_CORNERS_H
#define TCMAP_CORNERS_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "tcmap.h"

/* Chooses corners and sizes for the legend (as planned), the inset and the
 * scale bar, on the corners that hide least of the front, the control
 * areas, the towns and the annotations. */
void
tcmap__furniture_layout(tcmap__pen *p, const tcmap_snapshot *s,
                        const tcmap__frame *fr,
                        const tcmap__furniture_spec *sp,
                        tcmap__furniture *fu);

#endif
