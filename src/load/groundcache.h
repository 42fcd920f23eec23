/* groundcache.h - the date-independent products of a geodata (its
 * layers projected into the map's CRS, units, districts, where units
 * meet, and that tcmap validate's checks pass) computed once and kept in
 * a file: shipped beside the default geodata, cached under
 * $XDG_CACHE_HOME/tcmap for anyone else's. A file is keyed by a digest
 * of the input files' bytes, known before any layer is read, so that a
 * load that finds one opens no layer and makes no GDAL/OGR/OSR call. A
 * file is used only when its checksum, format and key all match and
 * every index in it fits; anything else is rebuilt, never trusted. */
#ifndef TCMAP_GROUNDCACHE_H
#define TCMAP_GROUNDCACHE_H

#include "load/geodata_types.h"

#include <glib.h>

/* The products file's format (docs/interfaces.md); a file of another is
 * rebuilt. 2: the layers themselves, keyed by the input files. */
#define TCMAP__PRODUCTS_FORMAT 2

/* The name of the shipped products file beside a geodata manifest. */
#define TCMAP__PRODUCTS_FILE "ground.products"

/* Sets geo->product_key: a SHA-256 of the format, the algorithm version
 * (TCMAP__GROUND_VERSION), GEOS's, GDAL's and PROJ's versions, the checks'
 * threshold, the map CRS as given (geo->crs, "auto" included), and the
 * bytes of the manifest and of each layer's files (inputkey.h; paths[i]
 * NULL for a layer the manifest leaves out). Returns geo->product_keyed:
 * 0 when some input cannot be read, and then nothing is cached. */
int
tcmap__groundcache_key(tcmap_geodata *geo, const char *manifest,
                       const char *const paths[TCMAP__N_LAYERS]);

/* Fills geo, whose layers are still empty, from dir/ground.products
 * (shipped beside the default manifest) or from the user's cache, when
 * either was made for geo->product_key and passed the checks: the
 * layers (their paths from `paths`, for messages), the chosen CRS for
 * "auto", units, districts, edges, and the verdict. 1 when it did, 0
 * (geo untouched) when the layers must be read. */
int
tcmap__groundcache_read(tcmap_geodata *geo, const char *dir,
                        const char *const paths[TCMAP__N_LAYERS]);

/* Units, districts and where units meet (geo->units, districts, edges,
 * ...) cut by ground.c and front.c from the layers just read; stored in
 * the cache by the first map's checks (geocheck.c) when they pass and the
 * inputs were keyed (geo->product_fresh). */
tcmap_status
tcmap__groundcache_products(tcmap_geodata *geo, tcmap_error *err);

/* The cache file for geo->product_key:
 * $XDG_CACHE_HOME/tcmap/ground-HEX.products (g_free). */
char *
tcmap__groundcache_path(const tcmap_geodata *geo);

/* Writes geo's layers and products, as products that passed the checks,
 * to `path` atomically (temporary file and rename), creating its folder.
 * A cache that cannot be written is no error for a map: the caller may
 * ignore the status. */
tcmap_status
tcmap__groundcache_write(const tcmap_geodata *geo, const char *path,
                         tcmap_error *err);

/* Whether the len bytes at data would be read as products for
 * geo->product_key (the whole file: header, body, CRC-32); nothing is
 * kept. For fuzz/fuzz_groundcache.c,
 * which feeds the reader hostile bytes without a file or a GEOS build. */
int
tcmap__groundcache_parse(const tcmap_geodata *geo, const void *data,
                         size_t len);

#endif
