/* framefiles.h - what framefiles.c shares with the rest of the frames
 * stage: a frame's file name of any length (the public
 * tcmap_series_frame_path fills a caller's buffer). */
#ifndef TCMAP_FRAMEFILES_H
#define TCMAP_FRAMEFILES_H

#include "tcmap.h"

#include <stddef.h>

/* Frame i's file name as tcmap_series_frame_path makes it, in a new string
 * (g_free) in *out, which is NULL on failure. */
tcmap_status
tcmap__series_frame_path_dup(const char *pattern, size_t i, char **out,
                             tcmap_error *err);

#endif
