/* output.h - what the write stage shares with other writers of files. */
#ifndef TCMAP_OUTPUT_H
#define TCMAP_OUTPUT_H

#include <cairo.h>

/* Fixes a PDF surface's dates (SOURCE_DATE_EPOCH, else the epoch) and
 * creator, so that the same inputs give the same bytes. */
void
tcmap__pdf_fix_date(cairo_surface_t *surface);

#endif
