/* geodata.h - the loaded, projected layers, as the drawing code sees
 * them: flat coordinate arrays in the map's CRS, built once at load. */
#ifndef TCMAP_GEODATA_H
#define TCMAP_GEODATA_H

#include "tcmap.h"

#include <glib.h>
#include <ogr_api.h>
#include <stdint.h>

/* A feature's geometry is rings [first_ring, first_ring + n_rings) of the
 * geodata's ring table; a ring is points [start, start + len) of xy[]. For
 * areas the rings are drawn with the even-odd rule, which makes holes
 * without needing to know which ring is inside which. */
/* A unit's `settlement` for the ground beyond settlement s's radius, and
 * back: -2, -3, ... so that every test of `settlement >= 0` ("a
 * settlement's own cell") stays true to its meaning. */
#define TCMAP__UNIT_BEYOND(s) (-2 - (long)(s))
#define TCMAP__UNIT_BEYOND_OF(v) (-2 - (long)(v))

typedef struct tcmap__feature {
    char *id;
    char **names; /* one per name set of its layer; "" when empty */
    char *kind;   /* areas: "control"/"context"; lines: the line kind */
    int rank;     /* towns, settlements */
    /* areas: the district the piece belongs to (pieces of one district are
     * outlined as one, so a split line is not drawn as a border), or its
     * own id; and "core" when it counts in stats shares by default. */
    char *district, *scope;
    char *parent; /* settlements: the id of the area it lies in */
    /* units (see ground.h): the area it is ground of, and its settlement
     * (its cell, within the radius), TCMAP__UNIT_BEYOND(settlement) (the
     * rest of that settlement's Voronoi cell, beyond the radius), or -1
     * when the unit is the whole area. */
    size_t area;
    long settlement;
    /* lines: the first and last day (since 1970-01-01) the line is drawn,
     * both inclusive; INT32_MIN and INT32_MAX when the manifest names no
     * from/to attribute or the value is empty (unbounded). Other layers
     * are always unbounded. */
    int32_t from, to;
    double km2;   /* areas */
    double anchor[2]; /* areas: a point inside; towns: the point */
    double bbox[4];   /* xmin, ymin, xmax, ymax in map units */
    size_t first_ring, n_rings;
    size_t number;     /* 1-based position in its layer's source */
    OGRGeometryH geom; /* areas read from their source: the projected
                          polygon, for the checks; NULL for other layers
                          and for areas read from a products file */
} tcmap__feature;

typedef struct tcmap__layer {
    char *path; /* the source, for messages */
    tcmap__feature *features;
    size_t n;
    char **sets; /* name sets, e.g. "en", "az" */
    size_t n_sets;
} tcmap__layer;

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
    /* Built from areas and settlements at load (ground.c): the ground as
     * the control table sees it, and each district's outline. */
    tcmap__layer units, districts;
    int has_core; /* some area is scope=core: shares count only those */
    /* Where two units meet (front.c): edge i lies between units
     * edge_units[2i] and edge_units[2i + 1]. */
    tcmap__layer edges;
    size_t *edge_units;
    long *settlement_unit; /* per settlement: its cell's unit, or -1 */
    /* per settlement: x, y where its dot is drawn: its point, or the
     * nearest point of its area where the generalised polygon misses it */
    double *settlement_mark;
    long *settlement_town; /* per settlement: the town it is, or -1 */
    long *town_unit;       /* per town: the unit it lies in, or -1 */
    long *area_district;   /* per area: its feature in districts */
    double *xy; /* x0, y0, x1, y1, ... in map units (metres) */
    size_t n_points, cap_points;
    size_t *ring_start, *ring_len;
    size_t n_rings, cap_rings;
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

/* TCMAP_ERR_DATA with the first problem tcmap_geodata_check finds (and
 * how many more), or TCMAP_OK; the check runs once per geodata. Every
 * map is made through it, so nothing is drawn or counted from geodata
 * that tcmap validate rejects. */
tcmap_status
tcmap__geodata_refuse_invalid(const tcmap_geodata *geo, tcmap_error *err);

/* The index of the area (settlement) with that id, or -1: the lookup
 * behind tcmap_geodata_area_find (_settlement_find) for the library's
 * own loops, which test many ids and want no message for a miss. */
long
tcmap__geodata_area_index(const tcmap_geodata *geo, const char *id);

long
tcmap__geodata_settlement_index(const tcmap_geodata *geo, const char *id);

/* Non-zero when the feature (a line) is drawn on `day`. */
static inline int
tcmap__feature_valid_on(const tcmap__feature *f, int32_t day)
{
    return day >= f->from && day <= f->to;
}

/* Whether `name` is a name of set `set` for feature `id`: not empty, not
 * the id itself, and in the set's script (Armenian for hy, Cyrillic for
 * ru). */
int
tcmap__name_fits(const char *set, const char *name, const char *id);

/* The feature's name in `set` when it fits (tcmap__name_fits), else "":
 * what an export writes in name_SET. */
const char *
tcmap__feature_name_own(const tcmap__layer *layer, const tcmap__feature *f,
                        const char *set);

/* The feature's name in `set` when it fits, else its English name,
 * else any set's; its id only when it has no name at all. */
const char *
tcmap__feature_name(const tcmap__layer *layer, const tcmap__feature *f,
                    const char *set);

/* TCMAP_ERR_ARG unless `set` (NULL: none asked) is a name set of the
 * areas or towns, or "en+local": "name set 'X' is not one of the
 * geodata's (en, az, en+local)". For a set the caller asked for. */
tcmap_status
tcmap__names_check(const tcmap_geodata *geo, const char *set,
                   tcmap_error *err);

#endif
