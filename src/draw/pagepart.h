/* pagepart.h - draw stage: drawing a part of a map page, which only the
 * frame series and the HTML page need (they draw the map body once per
 * state and the dated title once per frame, and keep the legend and the
 * credit's room the same on every frame). Internal: a caller of the
 * public API draws whole maps. */
#ifndef TCMAP_PAGEPART_H
#define TCMAP_PAGEPART_H

#include "tcmap.h"

/* The layers of a map page. The title and subtitle are the only ones that
 * may print the date; the body is everything else. */
typedef enum tcmap__part {
    TCMAP__PART_ALL = 0,
    TCMAP__PART_BODY,  /* everything but the title and subtitle */
    TCMAP__PART_TITLE, /* only the title and subtitle, on what is there */
    TCMAP__PART_MAP,   /* the body without the credit line (a tween frame
                          fades two of these, then draws one credit) */
    TCMAP__PART_CREDIT /* only the credit line, on what is there */
} tcmap__part;

/* What a series asks of each of its frames beyond the render options; the
 * zero value (or NULL) draws the whole page as tcmap_snapshot_draw does. */
typedef struct tcmap__page_part {
    tcmap__part part;
    /* The series' locked legend (tcmap_series_create, map/series.h):
     * NULL-terminated ids of the parties, statuses and line kinds
     * ("line.KIND") to list on every frame, "" for the no-data entry,
     * whatever the snapshot shows; NULL = what this snapshot shows. */
    const char *const *legend;
    /* The credit line takes at least this many lines (the series'
     * longest), so that the map stays put from state to state; 0 = its
     * own. */
    int credit_lines;
} tcmap__page_part;

/* tcmap_snapshot_draw of the part `pp` (NULL = the whole page). */
tcmap_status
tcmap__snapshot_draw_part(const tcmap_snapshot *s, cairo_t *cr,
                          tcmap_rect rect, const tcmap_render_options *opt,
                          const tcmap__page_part *pp, tcmap_error *err);

#endif
