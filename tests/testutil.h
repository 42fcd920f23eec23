/* testutil.h - small helpers the test programs share: temporary files and
 * running the tcmap program. */
#ifndef TCMAP_TESTUTIL_H
#define TCMAP_TESTUTIL_H

#include "tcmap.h"

#include <glib.h>

#include <stddef.h>

/* A fresh temporary directory for this test program (removed at exit). */
const char *
tu_tmpdir(void);

/* Writes `text` to tu_tmpdir()/name and returns the new path (g_free). */
char *
tu_write(const char *name, const char *text);

/* Path of a file inside tu_tmpdir() (g_free). */
char *
tu_path(const char *name);

/* Runs the tcmap program with the NULL-terminated arguments; returns its
 * exit code, and its stdout and stderr in *out and *err when not NULL (g_free). */
int
tu_run(char **out, char **err, ...);

/* The pid of a process that has exited and been reaped: no process has
 * it (until the kernel reuses it, long after a test). */
int
tu_dead_pid(void);

/* Reads a whole file (g_free); NULL when it does not exist. */
/* tcmap_timeline_event_at that must succeed: the event, or NULL for
 * "no data". */
const tcmap_event *
tu_event_at(const tcmap_timeline *tl, const char *area, const char *date);

char *
tu_read(const char *path, size_t *len);

/* Opens a map from a geodata directory, a control table and a style
 * (tcmap_map_open) and borrows its three inputs into *style, *geo and *tl
 * (each may be NULL); the caller destroys only *map. 0, or -1 after
 * printing the error, as a cmocka setup returns. */
int
tu_map_open(const char *geodata, const char *table, const char *style,
            tcmap_map **map, const tcmap_style **st, const tcmap_geodata **geo,
            const tcmap_timeline **tl);

/* Geodata with one layer of square areas, made with Shapelib in UTM 38N:
 * "west" (10 x 10 km at x 400-410 km, y 4400-4410 km, with a 2 x 2 km
 * hole), "east" (10 x 10 km at x 420-430 km), and "ctx", kind context.
 * Returns the directory (g_free). */
char *
tu_square_geodata(const char *name);

/* Gives the shapefile at base (a path without .shp, written in the
 * squares' CRS into a tu_square_geodata() directory) the squares' .prj,
 * and appends the manifest group text `group` naming it. */
void
tu_square_layer(const char *dir, const char *base, const char *group);

/* Adds lines.shp to a tu_square_geodata() directory: one line, id "wall",
 * kind "wall", running north-south at x 415 km (between west and east)
 * from y 4398 to 4412 km, whose attributes `since` and `until` hold `from`
 * and `to`; the manifest's [lines] maps from = since, to = until. With
 * from and to both NULL the manifest names no from/to (and the DBF has no
 * such fields): the line is undated. */
void
tu_square_lines(const char *dir, const char *from, const char *to);

/* A minimal style whose extent covers the squares: parties AZ (#0000ff)
 * and AM (#ff0000), status contested. Returns its path (g_free). */
char *
tu_square_style(const char *name);

/* The squares' control table that the map tests share: west (with a
 * hole) and east start with AZ and AM in 2000; east passes to AZ,
 * contested by AM, on 2010-06-01; ctx is context, held by AM. */
extern const char TU_SQUARE_TABLE[];

/* A map of the squares (tu_square_geodata, tu_square_style) and
 * TU_SQUARE_TABLE, held in memory under `name` (what messages and events
 * call the table), owning its inputs (tcmap_map_adopt). 0, or -1 after
 * printing the error, as a cmocka setup returns. */
int
tu_square_map(const char *name, tcmap_map **out);

/* The words of three or more Latin letters in text, each once (a set:
 * g_hash_table_destroy). */
GHashTable *
tu_latin_words(const char *text);

/* Fails the test when `text`, an edition in `lang`, has a Latin word of
 * three or more letters other than those of `keep` (NULL-terminated, may
 * be NULL); in az, written in Latin letters, only the words of `english`
 * (tu_latin_words of the English edition) count. `what` names the text in
 * the message. */
void
tu_assert_no_english(const char *text, const char *lang, GHashTable *english,
                     const char *const *keep, const char *what);

/* Removes every file in dir (not the folder): an empty cache. */
void
tu_empty_dir(const char *dir);

/* Skips the calling cmocka test under AddressSanitizer. Only for a case
 * that hands GDAL a line past its 10 MB CSV limit: GDAL grows its line
 * buffer step by step, and under ASan every step is a fresh mapping, so
 * one such line costs minutes of page faults (200 s for one case on two
 * cores) and the sanitizer checks nothing of ours that the plain build's
 * run of the same case does not. */
#if defined(__SANITIZE_ADDRESS__)
#define TU_SKIP_UNDER_ASAN()                                               \
    do {                                                                   \
        print_message("skipped under AddressSanitizer: a line past "       \
                      "GDAL's CSV limit (the plain build runs it)\n");     \
        skip();                                                            \
    } while (0)
#else
#define TU_SKIP_UNDER_ASAN() ((void)0)
#endif

#endif
