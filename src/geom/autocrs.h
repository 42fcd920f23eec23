/* autocrs.h - a projection and an extent chosen from the data, for styles
 * that state neither (autocrs.c). */
#ifndef TCMAP_AUTOCRS_H
#define TCMAP_AUTOCRS_H

#include <stddef.h>

/* Writes into buf (n bytes) a CRS that OSRSetFromUserInput accepts, suited
 * to data whose lon/lat bounds are ll (lon_min, lat_min, lon_max,
 * lat_max): the UTM zone of their centre when they are no wider than a
 * zone, else a Lambert conformal conic with standard parallels at a sixth
 * and five sixths of their latitudes, else (near the equator or a pole,
 * where a cone degenerates) a Lambert azimuthal equal-area centred on
 * them. */
void
tcmap__crs_for_lonlat(const double ll[4], char *buf, size_t n);

/* The lon/lat bounds ll widened by a margin on each side (8 % of the span,
 * at least 0.05 degree), clamped to the Earth, into out. */
void
tcmap__extent_with_margin(const double ll[4], double out[4]);

#endif
