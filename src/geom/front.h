/* front.h - where two units meet: the shared boundary of every pair of
 * neighbouring units, found once at load, so that the front on any date
 * is only a choice of edges (those between ground held by opposing sides)
 * and no frame runs geometry. */
#ifndef TCMAP_FRONT_H
#define TCMAP_FRONT_H

#include "load/geodata.h"

/* Fills geo->edges (lines; their `area` and `settlement` fields are not
 * used) and geo->edge_units (two unit indices per edge). */
tcmap_status
tcmap__front_build(tcmap_geodata *geo, tcmap_error *err);

#endif
