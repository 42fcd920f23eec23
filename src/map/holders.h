/* holders.h - who holds each unit on a day: the view of a map the rules read (tcmap__holders), so that
 * holders.c needs nothing of map.c, which binds the rows and calls it. */
#ifndef TCMAP_HOLDERS_H
#define TCMAP_HOLDERS_H

#include "load/geodata_types.h"
#include "load/timeline.h"
#include "map/map_types.h"

#include <stddef.h>
#include <stdint.h>

/* What the rules read of a bound map: its units, its table, and each
 * area's and settlement's rows (borrowed). */
typedef struct tcmap__holders {
    const tcmap_geodata *geo;
    const tcmap_timeline *tl;
    const tcmap__rows *area_rows;       /* per geodata area */
    const tcmap__rows *settlement_rows; /* per geodata settlement */
} tcmap__holders;

/* The control row in force for unit u on `day`: the latest among its
 * settlement's rows and its area's rows, the settlement's winning on the
 * same day (docs/interfaces.md); NULL when there is none. */
const tcmap__event *
tcmap__holders_state(const tcmap__holders *h, size_t u, int32_t day);

/* The presence rows in force for unit u on `day`, at most `max` of them
 * (the latest of each status), into out; returns how many. An area's
 * presence row holds on a settlement's cell only where the cell's holder
 * is the one the area's own rows give, on the row's first day and on
 * `day` (docs/interfaces.md). */
size_t
tcmap__holders_overlays(const tcmap__holders *h, size_t u, int32_t day,
                        const tcmap__event **out, size_t max);

#endif
