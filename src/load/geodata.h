/* geodata.h - the loaded, projected layers, as the stages above see
 * them: their type (geodata_types.h: flat coordinate arrays in the map's
 * CRS, built once at load), their features' names (featurename.h), and
 * geodata.c's lookup of an id. */
#ifndef TCMAP_GEODATA_H
#define TCMAP_GEODATA_H

#include "load/featurename.h"
#include "load/geodata_types.h"
#include "tcmap.h"

/* The index of the area (settlement) with that id, or -1: the lookup
 * behind tcmap_geodata_area_find (_settlement_find) for the library's
 * own loops, which test many ids and want no message for a miss. */
long
tcmap__geodata_area_index(const tcmap_geodata *geo, const char *id);

long
tcmap__geodata_settlement_index(const tcmap_geodata *geo, const char *id);

#endif
