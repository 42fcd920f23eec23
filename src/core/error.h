/* error.h - one path for every error the library reports, and the capture
 * of GDAL's own messages so that they reach the caller instead of stderr. */
#ifndef TCMAP_ERROR_H
#define TCMAP_ERROR_H

#include "tcmap.h"

/* Records the first error of a call in err (NULL allowed) and returns st, so
 * that callers can write `return tcmap__error(err, ...)`. A later error in
 * the same call does not overwrite the first. */
tcmap_status
tcmap__error(tcmap_error *err, tcmap_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Every public entry point calls this first: the caller's struct may hold
 * an old error or stack garbage. */
void
tcmap__error_clear(tcmap_error *err);

/* At most 24 bytes of s for a message, control characters as '?' and never
 * half a UTF-8 sequence ("..." when cut): a whole CSV line swallowed by an
 * unclosed quote, or a pasted paragraph, must not turn one message into
 * many. */
void
tcmap__error_quote(const char *s, char out[32]);

/* Registers GDAL's drivers exactly once per process, thread-safely. */
void
tcmap__gdal_init(void);

/* While a capture is pushed, GDAL's error messages on this thread are kept
 * in it (the last one wins) instead of being printed. Pop in reverse
 * order. */
typedef struct tcmap__gdal_capture {
    char message[256];
    /* How many warnings and errors GDAL has said since the push (or since
     * the caller last set it to 0): a reader compares it before and after
     * each row, so that GDAL stopping early is seen on its row. */
    unsigned n;
} tcmap__gdal_capture;

void
tcmap__gdal_push(tcmap__gdal_capture *cap);

void
tcmap__gdal_pop(void);

#endif
