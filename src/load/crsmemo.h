/* crsmemo.h - what GDAL/PROJ said about a map CRS, kept in the user's
 * cache so that the next run need not ask: that the CRS is one they know
 * (a style's check), and lon/lat boxes projected into it (a map's
 * extent). Parsing "EPSG:32638" costs some 30 M instructions and loading
 * GDAL at all far more; a default render asks nothing once this is kept.
 * A memo is keyed by the CRS as given and the GDAL and PROJ it was made
 * with; a damaged or foreign file is ignored and rewritten. */
#ifndef TCMAP_CRSMEMO_H
#define TCMAP_CRSMEMO_H

/* The memo file for `crs`: $XDG_CACHE_HOME/tcmap/crs-HEX.memo (g_free). */
char *
tcmap__crs_memo_path(const char *crs);

/* 1 when a memo says GDAL knows `crs`; 0 when there is none (ask GDAL,
 * then tcmap__crs_memo_keep). */
int
tcmap__crs_memo_known(const char *crs);

/* Notes that GDAL knows `crs`. A memo that cannot be written is no
 * error: the next run asks again. */
void
tcmap__crs_memo_keep(const char *crs);

/* 1 and out[4] (xmin, ymin, xmax, ymax in map units) when the memo holds
 * the lon/lat box e[4] (exactly these numbers) projected into `crs`. */
int
tcmap__crs_memo_box(const char *crs, const double e[4], double out[4]);

/* Adds the box e[4] and its projection out[4] to the memo of `crs`
 * (which it also marks known); the oldest of more than a few boxes go. */
void
tcmap__crs_memo_keep_box(const char *crs, const double e[4],
                         const double out[4]);

#endif
