/* progress.h - a frame series' progress on stderr and the signal that
 * stops it (SIGINT, SIGTERM), for cmd_frames.c and video.c. */
#ifndef TCMAP_CLI_PROGRESS_H
#define TCMAP_CLI_PROGRESS_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

typedef struct cli_progress {
    int quiet, tty;
    int last_tenth;
    size_t last_done; /* the bar is redrawn only when this changes */
    struct timespec start;
} cli_progress;

/* The signal handler: records the signal, nothing else. */
void
cli_signal_catch(int sig);

/* The signal caught, or 0. */
int
cli_signal_got(void);

/* Seconds on the monotonic clock since *t0. */
double
cli_seconds_since(const struct timespec *t0);

/* A tcmap_progress_fn (user: a cli_progress): a bar redrawn in place on a
 * terminal, elsewhere (a log, CI) one line per tenth of the series.
 * Returns non-zero to stop once a signal came. */
int
cli_on_progress(void *user, size_t done, size_t total);

#endif
