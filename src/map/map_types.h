/* map_types.h - the map stage's shared types, at the bottom of map/: a
 * bound map (struct tcmap_map), a snapshot of it (struct tcmap_snapshot)
 * and an id's rows, which every module of the stage and the stages above
 * read. A header of no module, so that the modules that fill these types
 * (map.c, snapshot.c) and those that only read them include it without
 * including each other. */
#ifndef TCMAP_MAP_TYPES_H
#define TCMAP_MAP_TYPES_H

#include "load/geodata.h"
#include "load/style.h"
#include "load/timeline.h"

#include <glib.h>
#include <stdint.h>

/* One id's rows (an area's or a settlement's), as indices into the
 * timeline in date order: rows of control, and rows of presence (a status
 * the style marks overlay), which never change who holds the ground. */
typedef struct tcmap__rows {
    size_t *ctl, n_ctl;
    size_t *ov, n_ov;
} tcmap__rows;

/* At most this many presences are drawn on one unit at once. */
enum { TCMAP__OVERLAYS = 4 };

struct tcmap_map {
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    const tcmap_style *style;
    tcmap__rows *area_rows;       /* per geodata area */
    tcmap__rows *settlement_rows; /* per geodata settlement */
    double extent[4]; /* the style's extent in map units */
    /* Label anchors found once per map (label.c): the map, not the
     * geodata loader, owns them, so the loader knows nothing of labels. */
    struct tcmap__label_prep *label;
    /* Who the map is to the render cache (draw/cache.c) and the memo: a
     * number no other map of the process has. What is kept for the map is
     * kept there under it, never in the map, which stays read-only. */
    uint64_t id;
    /* Set by tcmap_map_adopt (src/map/mapopen.c): inputs the map frees. */
    tcmap_geodata *own_geo;
    tcmap_timeline *own_tl;
    tcmap_style *own_style;
};

struct tcmap_snapshot {
    const tcmap_map *map;
    int32_t day;
    char date[11];
    /* Per unit (geo->units): the control row in force, NULL = no data;
     * and the presences in force, TCMAP__OVERLAYS slots per unit, the
     * unused ones NULL. */
    const tcmap__event **state;
    const tcmap__event **over;
    const tcmap__event **area_state; /* per area: its own rows only */
};

#endif
