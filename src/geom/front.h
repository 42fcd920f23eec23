/* front.h - where two units meet: the shared boundary of every pair of
 * neighbouring units, found once at load, so that the front on any date
 * is only a choice of edges (those between ground held by opposing sides)
 * and no frame runs geometry. */
#ifndef TCMAP_FRONT_H
#define TCMAP_FRONT_H

#include "geom/rings.h"

#include "tcmap.h"

/* Where units meet (its fields are listed once here, for the geodata
 * names them too): edge i lies between units edge_units[2i] and
 * edge_units[2i + 1]; edges are lines whose `area` and `settlement`
 * fields are not used. */
#define TCMAP__EDGES_FIELDS                                                   \
    tcmap__layer edges;                                                       \
    size_t *edge_units;

typedef struct tcmap__edges {
    TCMAP__EDGES_FIELDS
} tcmap__edges;

/* Finds where the units meet, into *out (zeroed by the caller), appending
 * the edges' lines to `rings`, which holds the units' rings. */
tcmap_status
tcmap__front_build(const tcmap__layer *units, tcmap__rings *rings,
                   tcmap__edges *out, tcmap_error *err);

/* Frees what tcmap__front_build made (e itself is the caller's). */
void
tcmap__edges_free(tcmap__edges *e);

#endif
