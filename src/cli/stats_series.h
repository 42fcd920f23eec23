/* stats_series.h - `tcmap stats --from D --to D`: one tidy table of km²
 * per party over a span of dates (stats_series.c). */
#ifndef TCMAP_CLI_STATS_SERIES_H
#define TCMAP_CLI_STATS_SERIES_H

#include "common.h"

typedef struct stats_series_options {
    const char *from, *to;
    int events;          /* TCMAP_STEP_EVENTS: the dates the map changed */
    tcmap_step_unit unit; /* else one date every `count` units */
    int count;
    int json;
    int include_context, scope_all;
} stats_series_options;

/* Prints to fp date,party,label,area_km2,share for every date of the span (CSV
 * with a header, or a JSON array of objects): a row per party of the
 * style on every date (0 km² included, so that each party's series is
 * complete), and a row "none" where some ground has no data. Returns
 * EXIT_OK, or EXIT_DATA / EXIT_USAGE after printing the error. */
int
stats_series_print(FILE *fp, const cli_map *m, const stats_series_options *o);

#endif
