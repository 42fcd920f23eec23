/* snapshot.h - a map on a date (snapshot.c): which edges are on the front,
 * and the presences stacked on a piece as text. */
#ifndef TCMAP_SNAPSHOT_H
#define TCMAP_SNAPSHOT_H

#include "map/map_types.h"
#include "tcmap.h"

/* Non-zero when geodata edge e (geo->edges) is on the front on the
 * snapshot's date: ground on each side held by parties of different
 * sides, both of which take part in fronts (style: side, front). */
int
tcmap__edge_on_front(const tcmap_snapshot *s, size_t e);

/* tcmap_snapshot_piece_presence or tcmap_snapshot_settlement_presence. */
typedef const tcmap_event *(*tcmap__presence_fn)(const tcmap_snapshot *,
                                                 size_t, size_t);

/* The presences stacked on piece or settlement i, as every table writes
 * them (stats, exports, Python): "RU peacekeeping", ';'-separated, ""
 * for none (g_free). */
char *
tcmap__presence_text(const tcmap_snapshot *s, tcmap__presence_fn get,
                     size_t i);

#endif
