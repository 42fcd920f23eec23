/* readlayer.h - one layer as its source holds it, before projection:
 * shapefiles through Shapelib, anything else through OGR. */
#ifndef TCMAP_READLAYER_H
#define TCMAP_READLAYER_H

#include "tcmap.h"
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stddef.h>

/* One layer as read from its source, before projection. */
typedef struct raw_layer {
    const char *path; /* for messages */
    size_t n;
    OGRGeometryH *geoms;
    char ***values; /* values[i][k]: feature i, requested field k */
    size_t n_fields;
    OGRSpatialReferenceH srs;
} raw_layer;

/* Reads the layer (layer_name NULL: the first) with the fields asked for
 * (values[i][k] is feature i's fields[k] as text, "" when empty); every
 * error names the file and the feature. A feature without a geometry, or
 * with an empty one, has geoms[i] NULL, for the caller to name. */
tcmap_status
tcmap__read_raw(raw_layer *raw, const char *layer_name,
                const char *const *fields, size_t n_fields,
                tcmap_error *err);

void
tcmap__raw_layer_free(raw_layer *raw);

#endif
