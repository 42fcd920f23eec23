/* ground.h - the ground as the control table sees it. An area without
 * settlements is one unit; an area with settlements is cut into their
 * cells (Voronoi cells of the settlement points, clipped to the area and
 * to a circle around each point) and the remainder beyond every circle,
 * so a row naming a settlement refines the rows naming its area on the
 * settlement's own ground only. Built once at load, from the projected
 * layers. */
#ifndef TCMAP_GROUND_H
#define TCMAP_GROUND_H

#include "load/geodata.h"

/* The version of what ground.c and front.c compute (and rings.c, which
 * they draw on): part of the key of every products file
 * (groundcache.h), so a change to how cells or edges are cut must bump
 * it; the shipped geodata/ground.products is then rebuilt with
 * scripts/build-products. */
#define TCMAP__GROUND_VERSION 3

/* How far a settlement's cell reaches from its point, in metres on the
 * ground: ground farther from every settlement of its area follows the
 * area's rows (geodata/README.md, "Cells", says why this radius). */
#define TCMAP__CELL_RADIUS_M 3000.0

/* Fills geo->units, geo->districts, geo->settlement_unit, geo->town_unit,
 * geo->settlement_mark, geo->settlement_town and geo->area_district from the loaded areas, settlements and towns.
 * A settlement that names no area of the geodata is an error naming its
 * feature. */
tcmap_status
tcmap__ground_build(tcmap_geodata *geo, tcmap_error *err);

#endif
