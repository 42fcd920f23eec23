/* map.h - binding the inputs into a map (map.c): what is memoised for a
 * map, and who holds a unit on a day, as the stages above ask it; the
 * map stage's headers below (its types, lon/lat, the output guard). */
#ifndef TCMAP_MAP_H
#define TCMAP_MAP_H

#include "map/geocheck.h"
#include "map/holders.h"
#include "map/inputguard.h"
#include "map/lonlat.h"
#include "map/map_types.h"

#include <glib.h>

/* Results that depend only on the map and a key, made once: credit lines
 * (sources.c), which a frame series makes twice per state (the room every
 * frame keeps for it, then the frame), and whether a locked legend's line
 * kind shows in a view (legend.c), the same on every state. Kept in the
 * process's store (core/store.c) under the map's id.
 *
 * A copy of the value memoised for key on map m (g_free), or NULL. The
 * key's bytes are all it depends on besides the map: callers lead theirs
 * with a tag of their own. */
void *
tcmap__memo_get(const tcmap_map *m, GBytes *key);
/* Memoises len bytes of val for key (both copied). */
void
tcmap__memo_put(const tcmap_map *m, GBytes *key, const void *val,
                size_t len);

/* What holders.c reads of the map. */
static inline tcmap__holders
tcmap__map_holders(const tcmap_map *map)
{
    return (tcmap__holders){map->geo, map->tl, map->area_rows,
                            map->settlement_rows};
}

/* The control row in force for unit u on `day` (tcmap__holders_state). */
static inline const tcmap__event *
tcmap__unit_state(const tcmap_map *map, size_t u, int32_t day)
{
    tcmap__holders h = tcmap__map_holders(map);
    return tcmap__holders_state(&h, u, day);
}

/* The presence rows in force for unit u on `day`
 * (tcmap__holders_overlays). */
static inline size_t
tcmap__unit_overlays(const tcmap_map *map, size_t u, int32_t day,
                     const tcmap__event **out, size_t max)
{
    tcmap__holders h = tcmap__map_holders(map);
    return tcmap__holders_overlays(&h, u, day, out, max);
}

#endif
