/* stats.h - km² sums shared by stats, charts, descriptions and the change
 * layer. */
#ifndef TCMAP_STATS_H
#define TCMAP_STATS_H

#include "map.h"

/* Non-zero when unit u counts in sums: context only with
 * include_context; control units in the geodata's core scope (every
 * control unit when it marks none, or with scope_all). */
int
tcmap__unit_counted(const tcmap_geodata *geo, size_t u, int include_context,
                    int scope_all);

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
