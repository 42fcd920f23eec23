/* geodata.h - the loaded, projected layers, as the stages above see
 * them: their type (geodata_types.h: flat coordinate arrays in the map's
 * CRS, built once at load) and their features' names (featurename.h);
 * geodata.c itself shares only the public API. */
#ifndef TCMAP_GEODATA_H
#define TCMAP_GEODATA_H

#include "load/featurename.h"
#include "load/geodata_types.h"
#include "tcmap.h"

#endif
