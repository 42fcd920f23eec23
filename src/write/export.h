/* export.h - the vector writer of export.c as other exporters use it
 * (timelayer.c): a dataset written through OGR and put in place all or
 * nothing, the ground's polygons, and CSV-safe text. */
#ifndef TCMAP_EXPORT_H
#define TCMAP_EXPORT_H

#include "map/map.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

typedef struct driver_info driver_info;

/* Where a fill function writes its one layer. */
typedef struct tcmap__export_sink {
    GDALDatasetH ds;
    const driver_info *di;
    const char *layer_name;
    char **layer_options;              /* the driver's, for CreateLayer */
    OGRSpatialReferenceH srs;          /* the output CRS */
    OGRCoordinateTransformationH ct;   /* map CRS -> srs; NULL: the same */
    const char *path;                  /* for messages */
} tcmap__export_sink;

typedef tcmap_status (*tcmap__export_fill)(const tcmap__export_sink *sink,
                                           void *user, tcmap_error *err);

/* Writes `path` (in `format` by name, or NULL: from the extension, as
 * tcmap_snapshot_export) in `crs` (NULL = EPSG:4326, "map" = the map's):
 * `fill` creates and fills the layer; the files are put in place only when
 * all of it succeeded. A read-only file there is replaced only with
 * `force`. */
tcmap_status
tcmap__export_write(const tcmap_map *map, const char *path, const char *crs,
                    const char *format, int force, tcmap__export_fill fill,
                    void *user, tcmap_error *err);

/* Unit f's polygon (a MultiPolygon) in the map's CRS, new; NULL when GEOS
 * fails. */
OGRGeometryH
tcmap__export_unit_geometry(const tcmap_geodata *geo,
                            const tcmap__feature *f);

/* Sets text field k, guarded against spreadsheet formulas in CSV. */
void
tcmap__export_text(const tcmap__export_sink *sink, OGRFeatureH f, int k,
                   const char *s);

/* Creates a field; clears *ok when OGR refuses. */
void
tcmap__export_field(OGRLayerH layer, const char *name, OGRFieldType type,
                    int *ok);

#endif
