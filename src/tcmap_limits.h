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

#endif
