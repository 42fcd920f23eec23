/* ground.h - the ground as the control table sees it. An area without
 * settlements is one unit; an area with settlements is cut into their
 * cells (Voronoi cells of the settlement points, clipped to the area and
 * to a circle around each point) and the remainder beyond every circle,
 * so a row naming a settlement refines the rows naming its area on the
 * settlement's own ground only. Built once at load, from the projected
 * layers. */
#ifndef TCMAP_GROUND_H
#define TCMAP_GROUND_H

#include "geom/rings.h"

#include "tcmap.h"

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

/* What the ground is cut from: the loaded layers, in the map's CRS, and
 * the geodata's path for messages. */
typedef struct tcmap__ground_src {
    const char *path;
    const tcmap__layer *areas, *settlements, *towns;
} tcmap__ground_src;

/* The ground, as ground.c cuts it (its fields are listed once here, for
 * the geodata names them too, as the stages above read them):
 * - units, and districts: each district's outline, its pieces as one;
 * - has_core: some area is scope=core, so shares count only those;
 * - per settlement: its cell's unit or -1 (settlement_unit); x, y where
 *   its dot is drawn: its point, or the nearest point of its area where
 *   the generalised polygon misses it (settlement_mark); the town it is,
 *   or -1 (settlement_town);
 * - per town: the unit it lies in, or -1 (town_unit);
 * - per area: its feature in districts (area_district). */
#define TCMAP__GROUND_FIELDS                                                  \
    tcmap__layer units, districts;                                            \
    int has_core;                                                             \
    long *settlement_unit;                                                    \
    double *settlement_mark;                                                  \
    long *settlement_town;                                                    \
    long *town_unit;                                                          \
    long *area_district;

typedef struct tcmap__ground {
    TCMAP__GROUND_FIELDS
} tcmap__ground;

/* Cuts src's areas into units in *out (zeroed by the caller), appending
 * the rings of the cells and districts it makes to `rings`, which holds
 * the layers' rings. A settlement that names no area of the geodata is an
 * error naming its feature; *out is then partly filled, for
 * tcmap__ground_free. */
tcmap_status
tcmap__ground_build(const tcmap__ground_src *src, tcmap__rings *rings,
                    tcmap__ground *out, tcmap_error *err);

/* Frees what tcmap__ground_build made (g itself is the caller's). */
void
tcmap__ground_free(tcmap__ground *g);

#endif
