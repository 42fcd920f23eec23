/* rings.h - the geometry stage's shared types: the ring table (flat point
 * arrays in the map's CRS), and the feature records and layers that point
 * into it; adding OGR and GEOS geometries to the table, and reading a
 * feature back out as one GEOS geometry. Below both the loader
 * (geodata.c) and what is built on the loaded layers (ground.c, front.c,
 * label.c), so none of those needs another's functions or types for it. */
#ifndef TCMAP_RINGS_H
#define TCMAP_RINGS_H

#include <geos_c.h>
#include <ogr_api.h>
#include <stddef.h>
#include <stdint.h>

/* A unit's `settlement` for the ground beyond settlement s's radius, and
 * back: -2, -3, ... so that every test of `settlement >= 0` ("a
 * settlement's own cell") stays true to its meaning. */
#define TCMAP__UNIT_BEYOND(s) (-2 - (long)(s))
#define TCMAP__UNIT_BEYOND_OF(v) (-2 - (long)(v))

/* The ring table: ring i is points [ring_start[i], ring_start[i] +
 * ring_len[i]) of xy (x0, y0, x1, y1, ... in map units, metres). The
 * fields are listed once here, for the geodata (geodata_types.h) names
 * them too, as the drawing code reads them. */
#define TCMAP__RINGS_FIELDS                                                   \
    double *xy;                                                               \
    size_t n_points, cap_points;                                              \
    size_t *ring_start, *ring_len;                                            \
    size_t n_rings, cap_rings;

typedef struct tcmap__rings {
    TCMAP__RINGS_FIELDS
} tcmap__rings;

/* A feature's geometry is rings [first_ring, first_ring + n_rings) of the
 * ring table. For areas the rings are drawn with the even-odd rule, which
 * makes holes without needing to know which ring is inside which. */
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

/* Non-zero when the feature (a line) is drawn on `day`. */
static inline int
tcmap__feature_valid_on(const tcmap__feature *f, int32_t day)
{
    return day >= f->from && day <= f->to;
}

/* Frees the layer's features, name sets and path, and zeroes it (l
 * itself is the caller's); an area's source polygon only when it has one,
 * so a layer read from a products file makes no GDAL call. */
void
tcmap__layer_free(tcmap__layer *l);

/* Frees the table's arrays (r itself is the caller's). */
void
tcmap__rings_free(tcmap__rings *r);

/* Appends every ring and line string of g to the table (points are
 * skipped). 0 when out of memory. */
int
tcmap__rings_add(tcmap__rings *r, OGRGeometryH g);

/* The feature's rings as one GEOS polygon, rebuilt by the rule they are
 * drawn with (even-odd: the symmetric difference of all rings), since the
 * table does not say which ring is a hole. NULL when nothing valid is
 * left. The caller destroys it. */
GEOSGeometry *
tcmap__rings_geos(GEOSContextHandle_t h, const tcmap__rings *r,
                  const tcmap__feature *f);

/* Appends the rings of a GEOS polygon or multipolygon to the table.
 * 0 when out of memory. */
int
tcmap__rings_add_geos(GEOSContextHandle_t h, tcmap__rings *r,
                      const GEOSGeometry *g);

#endif
