/* inputkey.h - a digest of a geodata's input files as they lie on disk,
 * known before anything is read or projected: the products file
 * (groundcache.h) is keyed by it. */
#ifndef TCMAP_INPUTKEY_H
#define TCMAP_INPUTKEY_H

#include <glib.h>

/* Adds to `c` the bytes of `path` and of every file beside it that shares
 * its stem (areas.shp: areas.dbf, areas.prj, areas.cpg, areas.shx, ...),
 * in name order, each as its suffix after the stem, its length and the
 * MD5 of its bytes; so a changed, added or removed sidecar changes the digest, and
 * the folder's own name does not. 0, having added part, when `path` is
 * no regular file or a file cannot be read (the caller then keys
 * nothing and reads the sources, which name the problem). */
int
tcmap__inputkey_add(GChecksum *c, const char *path);

#endif
