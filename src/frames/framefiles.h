/* framefiles.h - what framefiles.c shares with the rest of the frames
 * stage: a frame's file name of any length (the public
 * tcmap_series_frame_path fills a caller's buffer) and whether a frame
 * file is whole. */
#ifndef TCMAP_FRAMEFILES_H
#define TCMAP_FRAMEFILES_H

#include "tcmap.h"

#include <stddef.h>

/* Frame i's file name as tcmap_series_frame_path makes it, in a new string
 * (g_free) in *out, which is NULL on failure. */
tcmap_status
tcmap__series_frame_path_dup(const char *pattern, size_t i, char **out,
                             tcmap_error *err);

/* Non-zero when the file at `path` is a complete file of that format: a
 * PNG whose chunks are all inside the file with correct CRCs, IHDR first
 * and IEND last; an SVG ending in </svg>; a PDF with %%EOF in its last
 * 1024 bytes. What resume keeps (a PNG frame also needs its mark). */
int
tcmap__frame_is_complete(const char *path, tcmap_format format);

#endif
