/* legend.h - the map's legend (legend.c): its plan with the page's layout
 * (which rows, how set, inside the panel or beside it) and its drawing. */
#ifndef TCMAP_LEGEND_H
#define TCMAP_LEGEND_H

#include "draw/frame.h"
#include "draw/furniture.h"
#include "draw/pen.h"
#include "tcmap.h"

#include <cairo.h>

/* Decides where the legend goes and how it is set (sp->legend), for the
 * panel fr on which a view of view[0] x view[1] map units is fitted: in a
 * corner of the panel when it fits there hiding little of the map (the
 * full legend before closer-set ones, then two columns and the style's
 * short labels), else in a band below or beside the panel -- the one that
 * keeps the larger map -- which the caller then takes from the panel. It
 * lists only what the panel shows (and a frame series' locked ids).
 * TCMAP_ERR_DATA when it fits nowhere; nothing is planned when the legend
 * is off or the panel shows nothing to key. */
tcmap_status
tcmap__legend_plan_make(cairo_t *cr, const tcmap_snapshot *s,
                        const tcmap__frame *fr, tcmap__furniture_spec *sp,
                        const double view[2], tcmap_error *err);

/* Measures the planned legend again on fr, whose panel the caller has
 * changed (sp->legend.w and h), and keeps the rows found on it. */
void
tcmap__legend_plan_refit(cairo_t *cr, const tcmap_snapshot *s,
                         const tcmap__frame *fr, tcmap__furniture_spec *sp);

void
tcmap__legend_rows_free(struct tcmap__legend_rows *r);

void
tcmap__draw_legend(tcmap__pen *p, const tcmap_snapshot *s,
                   const tcmap__frame *fr, const tcmap__furniture_spec *sp,
                   const tcmap__furniture *fu);

#endif
