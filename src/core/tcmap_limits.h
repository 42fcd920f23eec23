/* tcmap_limits.h - the sizes tcmap refuses to go past, in one place, so
 * that a corrupt or hostile input gives a clear error instead of exhausting
 * memory. docs/limits.md explains each number; test_corrupt.c tests each
 * error. (Not "limits.h": the tests put src/ on the include path, where
 * that name would hide the C library's <limits.h>.) */
#ifndef TCMAP_LIMITS_H
#define TCMAP_LIMITS_H

/* Points in one feature (all its rings or lines). The largest area of the
 * default geodata has a few thousand; a million is a detailed national
 * border at 1 m resolution. */
#define TCMAP_MAX_VERTICES_PER_FEATURE 1000000

/* Data rows in a control table. Daily rows for every area over 1991-2024
 * would be ~200,000. */
#define TCMAP_MAX_TABLE_ROWS 1000000

/* Width and height of a map, in pixels (PNG) or points (SVG, PDF); a
 * 20000 x 20000 PNG needs 1.6 GB of pixels. Also checked by the style and
 * the CLI's --size. */
#define TCMAP_MAX_IMAGE_SIDE 20000

/* Bytes in a style or a geodata manifest. The largest shipped style is
 * about 2 KB; a style of /dev/urandom or a wrong file must not be read
 * whole. */
#define TCMAP_MAX_CONFIG_BYTES (1024 * 1024)

/* Annotations in one set (a file or the API's), points of one arrow, and
 * bytes of one text or one highlight's list of ids. A newsroom map has a
 * handful of each; past these, drawing would take minutes (callouts are
 * placed against each other) for a map nobody could read. */
#define TCMAP_MAX_ANNOTATIONS 1000
#define TCMAP_MAX_ANNOTATION_POINTS 1000
#define TCMAP_MAX_ANNOTATION_TEXT 4096

#endif
