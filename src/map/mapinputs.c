/* mapinputs.c - map stage: what a map and a snapshot were made of, for an
 * embedder that holds only the map (or the snapshot) and asks it for its
 * geodata, table or style. NULL in, NULL out. */
#include "map/map_types.h"

const tcmap_geodata *
tcmap_map_geodata(const tcmap_map *map)
{
    return map ? map->geo : NULL;
}

const tcmap_timeline *
tcmap_map_timeline(const tcmap_map *map)
{
    return map ? map->tl : NULL;
}

const tcmap_style *
tcmap_map_style(const tcmap_map *map)
{
    return map ? map->style : NULL;
}

const tcmap_map *
tcmap_snapshot_map(const tcmap_snapshot *snap)
{
    return snap ? snap->map : NULL;
}
