/* frames_args.h - parsing the values of `tcmap frames`' options. Each
 * returns 1 and fills its outputs, or 0 when the text is not such a value
 * (the outputs then untouched, or partly set). */
#ifndef TCMAP_CLI_FRAMES_ARGS_H
#define TCMAP_CLI_FRAMES_ARGS_H

#include "tcmap.h"

/* "2", "1.5s", "800ms": seconds, 0..3600. */
int
parse_duration(const char *s, double *out);

/* A whole number lo..hi. */
int
parse_int(const char *s, int lo, int hi, int *out);

/* "K/N" with 0 <= K < N <= 1000000. */
int
parse_shard(const char *s, int *k, int *n);

/* "default" or "small". */
int
parse_png(const char *s, tcmap_png_level *out);

/* "mp4", "webm" or "gif" from a video file's name, else NULL. */
const char *
video_kind(const char *path);

#endif
