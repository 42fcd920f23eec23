/* video.h - a frame series assembled into a video by ffmpeg. */
#ifndef TCMAP_CLI_VIDEO_H
#define TCMAP_CLI_VIDEO_H

#include "progress.h"
#include "tcmap.h"

typedef struct cli_video_options {
    const char *path;   /* the video (.mp4, .webm, .gif) */
    const char *frames; /* -o's pattern when frame files were written, or
                         * NULL to stream the drawing straight to ffmpeg */
    int fps, quiet, force;
    /* Seconds a date frame shows, a frame that starts a state run, and
     * the last frame; < 0 = as `hold`. */
    double hold, hold_changes, hold_end;
} cli_video_options;

/* Writes the video: an exit code (EXIT_OK, EXIT_DATA, EXIT_USAGE or
 * 128 + a signal), the failure said on stderr. */
int
cli_video_make(const cli_video_options *o, const tcmap_series *s,
               const tcmap_series_options *so, cli_progress *p);

#endif
