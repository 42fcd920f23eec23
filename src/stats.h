/* stats.h - km² sums shared by stats, charts, descriptions and the change
 * layer. */
#ifndef TCMAP_STATS_H
#define TCMAP_STATS_H

#include "map.h"

/* The event in force for geodata area i on `day`, or NULL. */
const tcmap__event *
tcmap__area_state(const tcmap_map *map, size_t i, int32_t day);

/* Adds each counted area's km² on `day` into km2[k], k being the style's
 * party index, or n_parties for "no data". km2 has n_parties + 1 slots,
 * zeroed by the caller. Returns the total. */
double
tcmap__party_km2(const tcmap_map *map, int32_t day, int include_context,
                 double *km2);

/* The style index of the party of e, or n_parties for NULL (no data). */
size_t
tcmap__party_slot(const tcmap_style *style, const tcmap__event *e);

/* Non-zero when the two states give the area different parties. */
int
tcmap__changed_hands(const tcmap__event *before, const tcmap__event *after);

#endif
