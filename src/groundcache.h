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

/* The products file's format (docs/interfaces.md); a file of another is
 * rebuilt. */
#define TCMAP__PRODUCTS_FORMAT 1

/* The name of the shipped products file beside a geodata manifest. */
#define TCMAP__PRODUCTS_FILE "ground.products"

/* Units, districts and where units meet (geo->units, districts, edges,
 * ...): read from dir/ground.products (shipped beside the default
 * manifest) or from the user's cache when one was made from these very
 * inputs; else cut by ground.c and front.c, and stored in the cache by
 * the first map's checks (geocheck.c), which know the verdict. The key,
 * geo->product_key, is a SHA-256 of what ground.c, front.c and
 * geocheck.c read of the loaded layers (projected geometry, ids, names,
 * kinds, districts, scopes, parents, points, km²), the algorithm version
 * (TCMAP__GROUND_VERSION), GEOS's version and the checks' threshold. A
 * file is read only when it is whole (its CRC-32), of this format and
 * version, for this key and these layers, and every index in it fits. */
tcmap_status
tcmap__groundcache_products(tcmap_geodata *geo, const char *dir,
                            tcmap_error *err);

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

/* Whether the len bytes at data would be read as geo's products (the
 * whole file: header, body, CRC-32), with geo's rings and points as
 * those the products follow; nothing is kept. For fuzz/fuzz_groundcache.c,
 * which feeds the reader hostile bytes without a file or a GEOS build. */
int
tcmap__groundcache_parse(const tcmap_geodata *geo, const void *data,
                         size_t len);

#endif
