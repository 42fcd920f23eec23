/* timeline.h - the sorted events, as the map and snapshot code see them. */
#ifndef TCMAP_TIMELINE_H
#define TCMAP_TIMELINE_H

#include "tcmap.h"

/* The area id of a default holder's row: it applies to every control
 * area, and an area's own row of the same date wins (map.c). */
#define TCMAP__DEFAULT_AREA "*"

typedef struct tcmap__event {
    tcmap_event ev;
    int32_t day;
    int32_t until; /* last day of a presence row; INT32_MAX = open */
} tcmap__event;

/* The events of one area in date order (file order within a date), as
 * indices into the timeline's date-ordered event array. n = 0 when the area
 * has no event. */
void
tcmap__timeline_area_events(const tcmap_timeline *tl, const char *area,
                            const size_t **idx, size_t *n);

const tcmap__event *
tcmap__timeline_get(const tcmap_timeline *tl, size_t i);

/* The last of idx[0..n) whose day is <= day, or NULL. */
const tcmap__event *
tcmap__timeline_latest(const tcmap_timeline *tl, const size_t *idx, size_t n,
                       int32_t day);

/* Every distinct area id named by the table, in first-seen order. */
size_t
tcmap__timeline_area_count(const tcmap_timeline *tl);

const char *
tcmap__timeline_area(const tcmap_timeline *tl, size_t i);

/* tcmap_timeline_load, opening `open_path` but naming it `shown` (NULL =
 * open_path) in messages and events; for tables held in /vsimem/. */
tcmap_status
tcmap__timeline_load_as(const char *open_path, const char *shown,
                        tcmap_report_fn report, void *user,
                        tcmap_timeline **out, tcmap_error *err);

/* The path the table was loaded from (borrowed). */
const char *
tcmap__timeline_path(const tcmap_timeline *tl);

#endif
