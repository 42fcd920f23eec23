/* series.h - a frame series as its two writers see it: the frames
 * (frames.c) and the slider page (page.c) both walk its dates and state
 * runs. */
#ifndef TCMAP_SERIES_H
#define TCMAP_SERIES_H

#include "tcmap.h"

#include <stddef.h>

struct tcmap_series {
    const tcmap_map *map;
    size_t n_dates;
    char (*dates)[11];
    size_t *date_run;     /* per date: the first date of its state run */
    /* The frames: the dates plus, with tcmap_series_set_tween, `tween`
     * cross-fade frames before each date whose state run starts there.
     * Without tweens frame i is date i. */
    int tween;
    size_t n;
    size_t *date_of;      /* per frame: its date; a tween's is the date it
                             fades into (the previous date is the old
                             state) */
    unsigned char *step;  /* per frame: 0, or k for the k-th tween frame */
    size_t *run;          /* per frame: the first frame of its state run */
    /* The locked legend: NULL-terminated ids (borrowed from the style)
     * of every party, status and line kind ("line.KIND") shown on any
     * date, and TCMAP__LEGEND_NODATA when some date has no-data ground;
     * every frame lists them (tcmap__page_part.legend). */
    const char **legend;
    int dated;            /* the title or subtitle prints the date */
};

/* The locked legend's id for the no-data entry. */
#define TCMAP__LEGEND_NODATA ""

#endif
