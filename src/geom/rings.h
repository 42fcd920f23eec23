/* rings.h - the geodata's flat drawing arrays: adding OGR geometries to
 * them, and reading a feature back out as one GEOS geometry. Below both
 * the loader (geodata.c) and what is built on the loaded layers (ground.c,
 * label.c), so none of those needs another's functions for it. */
#ifndef TCMAP_RINGS_H
#define TCMAP_RINGS_H

#include "load/geodata.h"
#include <geos_c.h>
#include <ogr_api.h>

/* Appends every ring and line string of g to geo's arrays (points are
 * skipped). 0 when out of memory. */
int
tcmap__rings_add(tcmap_geodata *geo, OGRGeometryH g);

/* The feature's rings as one GEOS polygon, rebuilt by the rule they are
 * drawn with (even-odd: the symmetric difference of all rings), since the
 * arrays do not say which ring is a hole. NULL when nothing valid is
 * left. The caller destroys it. */
GEOSGeometry *
tcmap__rings_geos(GEOSContextHandle_t h, const tcmap_geodata *geo,
                  const tcmap__feature *f);

/* Appends the rings of a GEOS polygon or multipolygon to geo's arrays.
 * 0 when out of memory. */
int
tcmap__rings_add_geos(GEOSContextHandle_t h, tcmap_geodata *geo,
                      const GEOSGeometry *g);

#endif
