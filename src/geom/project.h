/* project.h - coordinate transformations for the load stage (project.c). */
#ifndef TCMAP_PROJECT_H
#define TCMAP_PROJECT_H

#include <ogr_srs_api.h>

/* A transformation from `src` to `dst`, both in traditional GIS axis order
 * (x = easting or longitude). New; the caller destroys it with
 * OCTDestroyCoordinateTransformation. NULL when GDAL cannot build one. */
OGRCoordinateTransformationH
tcmap__ct_new(OGRSpatialReferenceH src, OGRSpatialReferenceH dst);

/* The geographic CRS (degrees, longitude first) of `srs`'s datum. New;
 * NULL on failure. */
OGRSpatialReferenceH
tcmap__srs_geographic(OGRSpatialReferenceH srs);

/* A Lambert azimuthal equal-area CRS centred on lat/lon (degrees), on
 * `srs`'s datum, in metres. New; NULL on failure. */
OGRSpatialReferenceH
tcmap__srs_equal_area(OGRSpatialReferenceH srs, double lat, double lon);

#endif
