/* stats.h - km² sums shared by stats, charts, descriptions and the change
 * layer. */
#ifndef TCMAP_STATS_H
#define TCMAP_STATS_H

#include "map/map.h"

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

/* One kind of change of hands between two dates: the ground held by
 * style slot `from` on the earlier date and by `to` on the later (a slot
 * n_parties is "no data"). */
typedef struct tcmap__change {
    size_t from, to;
    double km2; /* of the counted ground, as the stats count it */
} tcmap__change;

/* The kinds of change between `since` and the snapshot's date over the
 * control units (context ground orients, it is not counted or outlined),
 * largest first; km2 follows tcmap__unit_counted (no context, the core
 * scope), so the kinds of a party sum to its stats' gains. out has room for
 * (n_parties + 1)^2 kinds; returns how many. */
size_t
tcmap__change_kinds(const tcmap_snapshot *s, int32_t since,
                    tcmap__change *out);

/* The index in kinds[0..n) of unit u's change since `since`, or -1 when u
 * did not change hands or is context ground. */
long
tcmap__unit_change(const tcmap_snapshot *s, int32_t since, size_t u,
                   const tcmap__change *kinds, size_t n);

/* "8,754 km²": v rounded, with thousands separators, into buf. */
void
tcmap__km2_text(double v, char *buf, size_t n);

#endif
