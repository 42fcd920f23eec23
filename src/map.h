/* map.h - a bound map and its snapshots, shared by the drawing modules. */
#ifndef TCMAP_MAP_H
#define TCMAP_MAP_H

#include "geodata.h"
#include "style.h"
#include "timeline.h"

struct tcmap_map {
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    const tcmap_style *style;
    const size_t **area_idx; /* per geodata area: its events */
    size_t *area_n;
    double extent[4]; /* the style's extent in map units */
    /* Set by tcmap_map_adopt (src/embed.c): inputs the map frees. */
    tcmap_geodata *own_geo;
    tcmap_timeline *own_tl;
    tcmap_style *own_style;
};

struct tcmap_snapshot {
    const tcmap_map *map;
    int32_t day;
    char date[11];
    const tcmap__event **state; /* per geodata area; NULL = no data */
};

#endif
