/* groundcache.h - the date-independent products of a geodata (units,
 * districts, where units meet, and whether tcmap validate's checks pass)
 * computed once and kept in a file: shipped beside the default geodata,
 * cached under $XDG_CACHE_HOME/tcmap for anyone else's. A file is used
 * only when its checksum, format and key (a digest of every input the
 * build reads) all match; anything else is rebuilt, never trusted. */
#ifndef TCMAP_GROUNDCACHE_H
#define TCMAP_GROUNDCACHE_H

#include "geodata.h"

#include <glib.h>

/* The name of the shipped products file beside a geodata manifest. */
#define TCMAP__PRODUCTS_FILE "ground.products"

/* Computes geo->product_key from what ground.c, front.c and geocheck.c
 * read of the loaded layers (their projected geometry, ids, names, kinds,
 * districts, scopes, parents, points, km²), the algorithm version
 * (TCMAP__GROUND_VERSION), the GEOS version and the checks' threshold. */
void
tcmap__groundcache_key(tcmap_geodata *geo);

/* Fills geo's products from the file `path` when it is a whole products
 * file for geo->product_key; 1 then, else 0 with geo untouched (no file,
 * another key, a bad checksum, truncated, another format). A file whose
 * checks passed marks geo as checked. */
int
tcmap__groundcache_read(tcmap_geodata *geo, const char *path);

/* The cache file for geo->product_key:
 * $XDG_CACHE_HOME/tcmap/ground-HEX.products (g_free). */
char *
tcmap__groundcache_path(const tcmap_geodata *geo);

/* Writes geo's products (and, when `checked_ok`, that the checks pass)
 * to `path` atomically (temporary file and rename), creating its folder.
 * A cache that cannot be written is no error for a map: the caller may
 * ignore the status. */
tcmap_status
tcmap__groundcache_write(const tcmap_geodata *geo, const char *path,
                         int checked_ok, tcmap_error *err);

#endif
