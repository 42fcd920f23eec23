/* output.h - what the write stage shares with other writers of files. */
#ifndef TCMAP_OUTPUT_H
#define TCMAP_OUTPUT_H

#include <cairo.h>

#include <stdint.h>
#include <time.h>

/* When a file is made: SOURCE_DATE_EPOCH when set, else now. */
time_t
tcmap__file_time(void);

/* Sets a PDF surface's creation and modification dates to
 * tcmap__file_time() and its creator to tcmap. */
void
tcmap__pdf_file_dates(cairo_surface_t *surface);

#endif
