/* geodata_types.h - the load stage's shared type: the loaded, projected
 * layers (struct tcmap_geodata) that every stage above reads, in one
 * header of no module at the bottom of load/, so that the modules that
 * fill it (geodata.c, groundcache.c) and those that read it include it
 * without including each other. */
#ifndef TCMAP_GEODATA_TYPES_H
#define TCMAP_GEODATA_TYPES_H

#include "geom/front.h"
#include "geom/ground.h"
#include "geom/rings.h"
#include "tcmap.h"

#include <glib.h>
#include <stddef.h>

/* The layers a geodata manifest names, listed once: X(a, field, noun) for
 * each, `a` being passed through, `field` both the layer's manifest
 * [section] and its member of struct tcmap_geodata, `noun` what one of
 * its features is called. In load order (the areas first: they choose an
 * automatic CRS), which is also their order in a products file. Whatever
 * goes over the layers expands this list, so nothing counts them by hand
 * or lists them again. */
#define TCMAP__LAYER_KINDS(X, a)                                              \
    X(a, areas, "area")                                                       \
    X(a, lines, "line")                                                       \
    X(a, towns, "town")                                                       \
    X(a, land, "land feature")                                                \
    X(a, settlements, "settlement")

/* Each layer's place in the list (TCMAP__LAYER_areas, ...), and how many
 * layers it lists. */
#define TCMAP__LAYER_PLACE_(a, field, noun) TCMAP__LAYER_##field,
enum { TCMAP__LAYER_KINDS(TCMAP__LAYER_PLACE_, ~) TCMAP__N_LAYERS };

/* Initialiser lists in that order: the manifest role of each layer,
 * {TCMAP__LAYER_KINDS(TCMAP__LAYER_ROLE, ~)}, and each layer of geodata
 * `g`, {TCMAP__LAYER_KINDS(TCMAP__LAYER_OF, g)}. */
#define TCMAP__LAYER_ROLE(a, field, noun) #field,
#define TCMAP__LAYER_OF(g, field, noun) &(g)->field,
/* A member of struct tcmap_geodata. */
#define TCMAP__LAYER_MEMBER_(a, field, noun) tcmap__layer field;

struct tcmap_geodata {
    char *path;
    char *crs;    /* the map's CRS, as given or as chosen (crs_auto) */
    int crs_auto; /* chosen from the data: the caller asked for "auto" */
    /* lon/lat bounds of the control areas (of all areas when none is
     * marked control): the automatic CRS and extent are fitted to them. */
    double lonlat[4];
    /* geo->areas, lines, towns, land, settlements */
    TCMAP__LAYER_KINDS(TCMAP__LAYER_MEMBER_, ~)
    /* Built from areas and settlements at load: the ground as the control
     * table sees it, each district's outline and the rest (ground.h), and
     * where units meet (front.h); kept whole for ground.c and front.c,
     * and each field by its own name too, as the stages above read them
     * (geo->units, geo->edge_units). */
    union {
        tcmap__ground ground;
        struct {
            TCMAP__GROUND_FIELDS
        };
    };
    union {
        tcmap__edges front;
        struct {
            TCMAP__EDGES_FIELDS
        };
    };
    /* The ring table of every layer above (rings.h), likewise. */
    union {
        tcmap__rings rings;
        struct {
            TCMAP__RINGS_FIELDS
        };
    };
    double bbox[4]; /* of the areas */
    /* What tcmap_geodata_check found, once (geocheck.c): set behind
     * g_once by the first map made of this geodata. */
    gsize checked;
    size_t check_problems;
    char *check_first;
    /* The digest of the input files (groundcache.h), whether every input
     * could be keyed, and whether the products were computed by this load
     * (so the first check stores them in the cache) or read from a file:
     * then no layer was opened, and the areas have no geom. */
    unsigned char product_key[32];
    int product_keyed, product_fresh;
    int from_products; /* the layers too were read from the file */
    /* The rings and points the products occupy in the arrays above:
     * [product_rings[0], product_rings[1]) and likewise for points. */
    size_t product_rings[2], product_points[2];
};

/* Areas may overlap by this much (km²) before it is a problem: a
 * hundredth of a km² (100 m x 100 m) is below what generalised boundaries
 * resolve. tcmap validate and every map use it. */
#define TCMAP__MAX_OVERLAP_KM2 0.01

#endif
