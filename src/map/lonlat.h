/* lonlat.h - degrees into map units (lonlat.c), through GDAL or the
 * CRS memo. */
#ifndef TCMAP_LONLAT_H
#define TCMAP_LONLAT_H

#include "map/map_types.h"
#include "tcmap.h"

/* Points in degrees on the map CRS's datum into map units, in place.
 * TCMAP_ERR_DATA when GDAL cannot project them. Thread-safe. */
tcmap_status
tcmap__map_from_lonlat(const tcmap_map *m, size_t n, double *x, double *y,
                       tcmap_error *err);

/* A lon/lat box (lon0, lat0, lon1, lat1) as the box of its projected
 * edges in map units. Catches GDAL's messages itself. */
tcmap_status
tcmap__map_project_box(const tcmap_map *m, const double lonlat[4],
                       double out[4], tcmap_error *err);

#endif
