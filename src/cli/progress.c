/* progress.c - how a long run of `tcmap frames` shows it is alive and
 * hears that it should stop: a progress bar or line, and the signal that
 * ends the run (shared by the frame workers' progress and the video). */
#include "progress.h"

#include <stdio.h>

static volatile sig_atomic_t got_signal;

int
cli_signal_got(void)
{
    return got_signal;
}

void
cli_signal_catch(int sig)
{
    got_signal = sig;
}

double
cli_seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A bar redrawn in place on a terminal; elsewhere (a log, CI) one line
 * per tenth of the series. Returns non-zero to stop on a signal. */
int
cli_on_progress(void *user, size_t done, size_t total)
{
    cli_progress *p = user;
    if (!p->quiet && total > 0) {
        double secs = cli_seconds_since(&p->start);
        if (p->tty && done != p->last_done) {
            p->last_done = done;
            int width = 30, fill = (int)(width * done / total);
            fprintf(stderr, "\r[%.*s%*s] %zu/%zu frames %.1f s", fill,
                    "##############################", width - fill, "", done,
                    total, secs);
            if (done == total)
                fputc('\n', stderr);
        } else if (!p->tty) {
            int tenth = (int)(10 * done / total);
            if (tenth > p->last_tenth) {
                p->last_tenth = tenth;
                fprintf(stderr, "tcmap: frames: %zu/%zu done (%.1f s)\n",
                        done, total, secs);
            }
        }
    }
    return got_signal != 0;
}

